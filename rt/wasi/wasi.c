/*
 * rt/wasi/wasi.c - a minimal wasi_snapshot_preview1 (include/sandc_wasi.h).
 *
 * Two parts.  First the WASI functions, portable C99: they check every
 * pointer and length the guest passes against its memory's current size
 * before touching it, and store results little-endian with sandc.h's
 * sandc_st16/32/64, so they work on any host byte order.  Then the host layer (sandc_wasi_host_*:
 * clocks, random bytes, fd I/O) on POSIX; a port defines SANDC_WASI_NO_POSIX
 * and supplies its own.  All state lives in the context.
 */
#ifndef SANDC_WASI_NO_POSIX
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime, fcntl flags, O_CLOEXEC */
#endif
#ifndef _FILE_OFFSET_BITS
#define _FILE_OFFSET_BITS 64 /* 64-bit off_t on 32-bit hosts */
#endif
#endif

#include "sandc_wasi.h"

/* WASI's errno numbers (not the host's). */
enum {
    WASI_ESUCCESS, WASI_E2BIG, WASI_EACCES, WASI_EADDRINUSE,
    WASI_EADDRNOTAVAIL, WASI_EAFNOSUPPORT, WASI_EAGAIN, WASI_EALREADY,
    WASI_EBADF, WASI_EBADMSG, WASI_EBUSY, WASI_ECANCELED, WASI_ECHILD,
    WASI_ECONNABORTED, WASI_ECONNREFUSED, WASI_ECONNRESET, WASI_EDEADLK,
    WASI_EDESTADDRREQ, WASI_EDOM, WASI_EDQUOT, WASI_EEXIST, WASI_EFAULT,
    WASI_EFBIG, WASI_EHOSTUNREACH, WASI_EIDRM, WASI_EILSEQ, WASI_EINPROGRESS,
    WASI_EINTR, WASI_EINVAL, WASI_EIO, WASI_EISCONN, WASI_EISDIR, WASI_ELOOP,
    WASI_EMFILE, WASI_EMLINK, WASI_EMSGSIZE, WASI_EMULTIHOP,
    WASI_ENAMETOOLONG, WASI_ENETDOWN, WASI_ENETRESET, WASI_ENETUNREACH,
    WASI_ENFILE, WASI_ENOBUFS, WASI_ENODEV, WASI_ENOENT, WASI_ENOEXEC,
    WASI_ENOLCK, WASI_ENOLINK, WASI_ENOMEM, WASI_ENOMSG, WASI_ENOPROTOOPT,
    WASI_ENOSPC, WASI_ENOSYS, WASI_ENOTCONN, WASI_ENOTDIR, WASI_ENOTEMPTY,
    WASI_ENOTRECOVERABLE, WASI_ENOTSOCK, WASI_ENOTSUP, WASI_ENOTTY,
    WASI_ENXIO, WASI_EOVERFLOW, WASI_EOWNERDEAD, WASI_EPERM, WASI_EPIPE,
    WASI_EPROTO, WASI_EPROTONOSUPPORT, WASI_EPROTOTYPE, WASI_ERANGE,
    WASI_EROFS, WASI_ESPIPE, WASI_ESRCH, WASI_ESTALE, WASI_ETIMEDOUT,
    WASI_ETXTBSY, WASI_EXDEV, WASI_ENOTCAPABLE
};

/* Rights bits 0..29 are all the rights preview1 defines. */
#define WASI_RIGHTS_ALL ((UINT64_C(1) << 30) - 1)
#define WASI_RIGHT_FD_SEEK (UINT64_C(1) << 2)
#define WASI_RIGHT_FD_TELL (UINT64_C(1) << 5)

/* More iovecs than this in one call is EINVAL, as IOV_MAX is for readv. */
#define IOVS_MAX 1024u
/* The host layer gets at most this many buffers at once. */
#define IO_CHUNK 16
/* The most one call transfers, as on Linux: the count fits the guest's u32
 * and a 32-bit host's ssize_t. */
#define IO_MAX ((size_t)0x7ffff000)

/* ---- guest memory -------------------------------------------------------- */

/* The host address of guest bytes [ptr, ptr + len), or NULL unless all of
 * them are inside the memory.  len is 64-bit so callers can pass a 32-bit
 * count times an element size without overflow. */
static uint8_t *guest(const sandc_wasi *w, uint32_t ptr, uint64_t len)
{
    const sandc_memory *m = w->memory;
    if (!m || !m->base || len > m->size || ptr > m->size - len)
        return NULL;
    return m->base + ptr;
}

/* The host fd behind a guest fd, or -1 (not stdio, or closed). */
static int host_fd(const sandc_wasi *w, uint32_t fd)
{
    return fd < SANDC_WASI_STDIO_FDS ? w->host_fd[fd] : -1;
}

/* ---- the context --------------------------------------------------------- */

void sandc_wasi_init(sandc_wasi *w, int argc, const char *const *argv,
                     const char *const *envp)
{
    size_t n = 0;
    int i;

    w->memory = NULL;
    w->argc = argv && argc > 0 ? (size_t)argc : 0;
    w->argv = argv;
    if (envp)
        while (envp[n])
            n++;
    w->envc = n;
    w->envp = envp;
    for (i = 0; i < SANDC_WASI_STDIO_FDS; i++)
        w->host_fd[i] = i;
    w->exit_code = 0;
    w->exited = 0;
}

/* ---- arguments and environment ------------------------------------------- */

/* The bytes n strings take with their NULs; EOVERFLOW when that or their
 * pointer array does not fit a 32-bit guest. */
static uint32_t strings_size(const char *const *v, size_t n, uint32_t *size)
{
    uint64_t total = 0;
    size_t i;

    if (n > UINT32_MAX / 4)
        return WASI_EOVERFLOW;
    for (i = 0; i < n; i++) {
        total += (uint64_t)strlen(v[i]) + 1;
        if (total > UINT32_MAX)
            return WASI_EOVERFLOW;
    }
    *size = (uint32_t)total;
    return WASI_ESUCCESS;
}

static uint32_t strings_sizes_get(sandc_wasi *w, const char *const *v,
                                  size_t n, uint32_t count_out,
                                  uint32_t size_out)
{
    uint8_t *pc = guest(w, count_out, 4), *ps = guest(w, size_out, 4);
    uint32_t size, e;

    if (!pc || !ps)
        return WASI_EFAULT;
    if ((e = strings_size(v, n, &size)) != 0)
        return e;
    sandc_st32(pc, (uint32_t)n);
    sandc_st32(ps, size);
    return WASI_ESUCCESS;
}

/* Store n pointers at `array`, to the strings copied one after the other
 * to `buf`. */
static uint32_t strings_get(sandc_wasi *w, const char *const *v, size_t n,
                            uint32_t array, uint32_t buf)
{
    uint8_t *pa, *pb;
    uint32_t size, pos = 0, e;
    size_t i, len;

    if ((e = strings_size(v, n, &size)) != 0)
        return e;
    pa = guest(w, array, (uint64_t)n * 4);
    pb = guest(w, buf, size);
    if (!pa || !pb)
        return WASI_EFAULT;
    for (i = 0; i < n; i++) {
        len = strlen(v[i]) + 1;
        sandc_st32(pa + 4 * i, buf + pos); /* in memory, so below 2^32 */
        memcpy(pb + pos, v[i], len);
        pos += (uint32_t)len;
    }
    return WASI_ESUCCESS;
}

uint32_t wasi_snapshot_preview1__args_get(sandc_wasi *w, uint32_t argv,
                                          uint32_t argv_buf)
{
    return strings_get(w, w->argv, w->argc, argv, argv_buf);
}

uint32_t wasi_snapshot_preview1__args_sizes_get(sandc_wasi *w,
                                                uint32_t argc_out,
                                                uint32_t argv_buf_size_out)
{
    return strings_sizes_get(w, w->argv, w->argc, argc_out, argv_buf_size_out);
}

uint32_t wasi_snapshot_preview1__environ_get(sandc_wasi *w, uint32_t env,
                                             uint32_t env_buf)
{
    return strings_get(w, w->envp, w->envc, env, env_buf);
}

uint32_t wasi_snapshot_preview1__environ_sizes_get(sandc_wasi *w,
                                                   uint32_t count_out,
                                                   uint32_t buf_size_out)
{
    return strings_sizes_get(w, w->envp, w->envc, count_out, buf_size_out);
}

/* ---- clocks, randomness, scheduling, exit -------------------------------- */

static uint32_t clock_get(sandc_wasi *w, uint32_t id, int resolution,
                          uint32_t out)
{
    uint8_t *p;
    uint64_t ns;
    uint32_t e;

    if (id > 3)
        return WASI_EINVAL;
    if (!(p = guest(w, out, 8)))
        return WASI_EFAULT;
    if ((e = sandc_wasi_host_clock(id, resolution, &ns)) != 0)
        return e;
    sandc_st64(p, ns);
    return WASI_ESUCCESS;
}

uint32_t wasi_snapshot_preview1__clock_res_get(sandc_wasi *w, uint32_t id,
                                               uint32_t res_out)
{
    return clock_get(w, id, 1, res_out);
}

/* The precision is a hint; the clock's own is as good as it gets. */
uint32_t wasi_snapshot_preview1__clock_time_get(sandc_wasi *w, uint32_t id,
                                                uint64_t precision,
                                                uint32_t time_out)
{
    (void)precision;
    return clock_get(w, id, 0, time_out);
}

uint32_t wasi_snapshot_preview1__random_get(sandc_wasi *w, uint32_t buf,
                                            uint32_t buf_len)
{
    uint8_t *p = guest(w, buf, buf_len);
    if (!p)
        return WASI_EFAULT;
    return buf_len ? sandc_wasi_host_random(p, buf_len) : WASI_ESUCCESS;
}

uint32_t wasi_snapshot_preview1__sched_yield(sandc_wasi *w)
{
    (void)w;
    return WASI_ESUCCESS;
}

void wasi_snapshot_preview1__proc_exit(sandc_wasi *w, uint32_t code)
{
    w->exit_code = code;
    w->exited = 1;
    sandc_trap(SANDC_TRAP_HOST);
}

/* ---- stdio --------------------------------------------------------------- */

/* fd_read, fd_write, fd_pread, fd_pwrite: iovecs of {u32 buf, u32 len}. */
static uint32_t do_io(sandc_wasi *w, uint32_t fd, sandc_wasi_io op,
                      uint32_t iovs, uint32_t n, uint64_t offset,
                      uint32_t result_out)
{
    sandc_wasi_buf bufs[IO_CHUNK];
    uint8_t *vec, *res, *p;
    uint32_t i, len, e;
    size_t total = 0, want, done, nb;
    int hfd = host_fd(w, fd);

    if (hfd < 0)
        return WASI_EBADF;
    vec = guest(w, iovs, (uint64_t)n * 8);
    res = guest(w, result_out, 4);
    if (!vec || !res)
        return WASI_EFAULT;
    if (n > IOVS_MAX)
        return WASI_EINVAL;
    /* Every entry is checked before any byte moves, so a bad one fails the
     * call cleanly. */
    for (i = 0; i < n; i++)
        if (!guest(w, sandc_ld32(vec + 8 * i), sandc_ld32(vec + 8 * i + 4)))
            return WASI_EFAULT;

    i = 0;
    while (i < n && total < IO_MAX) {
        nb = 0;
        want = 0;
        for (; i < n && nb < IO_CHUNK && total + want < IO_MAX; i++) {
            len = sandc_ld32(vec + 8 * i + 4);
            /* checked again: a read may have overwritten the iovecs */
            if (!(p = guest(w, sandc_ld32(vec + 8 * i), len)))
                break;
            if (len == 0)
                continue;
            if (len > IO_MAX - total - want)
                len = (uint32_t)(IO_MAX - total - want);
            bufs[nb].p = p;
            bufs[nb].len = len;
            nb++;
            want += len;
        }
        if (nb == 0)
            break;
        done = 0;
        e = sandc_wasi_host_io(hfd, op, bufs, nb, offset + total, &done);
        total += done;
        if (e) {
            if (total == 0)
                return e;
            break; /* report what was transferred; the error comes again */
        }
        /* One host read per call: reading on could block on a terminal or
         * pipe although data was already read. */
        if (done < want || op == SANDC_WASI_READ || op == SANDC_WASI_PREAD)
            break;
    }
    sandc_st32(res, (uint32_t)total);
    return WASI_ESUCCESS;
}

uint32_t wasi_snapshot_preview1__fd_read(sandc_wasi *w, uint32_t fd,
                                         uint32_t iovs, uint32_t iovs_len,
                                         uint32_t nread_out)
{
    return do_io(w, fd, SANDC_WASI_READ, iovs, iovs_len, 0, nread_out);
}

uint32_t wasi_snapshot_preview1__fd_write(sandc_wasi *w, uint32_t fd,
                                          uint32_t iovs, uint32_t iovs_len,
                                          uint32_t nwritten_out)
{
    return do_io(w, fd, SANDC_WASI_WRITE, iovs, iovs_len, 0, nwritten_out);
}

uint32_t wasi_snapshot_preview1__fd_pread(sandc_wasi *w, uint32_t fd,
                                          uint32_t iovs, uint32_t iovs_len,
                                          uint64_t offset, uint32_t nread_out)
{
    return do_io(w, fd, SANDC_WASI_PREAD, iovs, iovs_len, offset, nread_out);
}

uint32_t wasi_snapshot_preview1__fd_pwrite(sandc_wasi *w, uint32_t fd,
                                           uint32_t iovs, uint32_t iovs_len,
                                           uint64_t offset,
                                           uint32_t nwritten_out)
{
    return do_io(w, fd, SANDC_WASI_PWRITE, iovs, iovs_len, offset,
                 nwritten_out);
}

/* An i64 passed as uint64_t, back to signed without implementation-defined
 * conversion. */
static int64_t to_signed(uint64_t v)
{
    return v <= INT64_MAX ? (int64_t)v : -(int64_t)(UINT64_MAX - v) - 1;
}

uint32_t wasi_snapshot_preview1__fd_seek(sandc_wasi *w, uint32_t fd,
                                         uint64_t offset, uint32_t whence,
                                         uint32_t newoffset_out)
{
    int hfd = host_fd(w, fd);
    uint8_t *p;
    uint64_t pos;
    uint32_t e;

    if (hfd < 0)
        return WASI_EBADF;
    if (whence > 2)
        return WASI_EINVAL;
    if (!(p = guest(w, newoffset_out, 8)))
        return WASI_EFAULT;
    if ((e = sandc_wasi_host_seek(hfd, to_signed(offset), whence, &pos)) != 0)
        return e;
    sandc_st64(p, pos);
    return WASI_ESUCCESS;
}

uint32_t wasi_snapshot_preview1__fd_tell(sandc_wasi *w, uint32_t fd,
                                         uint32_t offset_out)
{
    return wasi_snapshot_preview1__fd_seek(w, fd, 0, 1, offset_out);
}

uint32_t wasi_snapshot_preview1__fd_fdstat_get(sandc_wasi *w, uint32_t fd,
                                               uint32_t stat_out)
{
    int hfd = host_fd(w, fd), tty = 0;
    uint8_t *p, type = 0;
    uint16_t flags = 0;
    uint64_t rights = WASI_RIGHTS_ALL;
    uint32_t e;

    if (hfd < 0)
        return WASI_EBADF;
    if (!(p = guest(w, stat_out, 24)))
        return WASI_EFAULT;
    if ((e = sandc_wasi_host_fdstat(hfd, &type, &flags, &tty)) != 0)
        return e;
    /* wasi-libc's isatty() wants a character device without these. */
    if (tty)
        rights &= ~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
    memset(p, 0, 24);
    p[0] = type;
    sandc_st16(p + 2, flags);
    sandc_st64(p + 8, rights);
    sandc_st64(p + 16, 0); /* nothing can be opened through stdio */
    return WASI_ESUCCESS;
}

/* Only the guest's fd closes; the host fd stays open for the host. */
uint32_t wasi_snapshot_preview1__fd_close(sandc_wasi *w, uint32_t fd)
{
    if (host_fd(w, fd) < 0)
        return WASI_EBADF;
    w->host_fd[fd] = -1;
    return WASI_ESUCCESS;
}

/* No preopened directories: EBADF is what ends wasi-libc's scan for them. */
uint32_t wasi_snapshot_preview1__fd_prestat_get(sandc_wasi *w, uint32_t fd,
                                                uint32_t prestat_out)
{
    (void)w;
    (void)fd;
    (void)prestat_out;
    return WASI_EBADF;
}

/* ---- not provided: ENOSYS, without looking at the arguments -------------- */

uint32_t wasi_snapshot_preview1__fd_advise(sandc_wasi *w, uint32_t fd,
                                           uint64_t offset, uint64_t len,
                                           uint32_t advice)
{
    (void)w; (void)fd; (void)offset; (void)len; (void)advice;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_allocate(sandc_wasi *w, uint32_t fd,
                                             uint64_t offset, uint64_t len)
{
    (void)w; (void)fd; (void)offset; (void)len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_datasync(sandc_wasi *w, uint32_t fd)
{
    (void)w; (void)fd;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_fdstat_set_flags(sandc_wasi *w, uint32_t fd,
                                                     uint32_t flags)
{
    (void)w; (void)fd; (void)flags;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_fdstat_set_rights(sandc_wasi *w,
                                                      uint32_t fd,
                                                      uint64_t base,
                                                      uint64_t inheriting)
{
    (void)w; (void)fd; (void)base; (void)inheriting;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_filestat_get(sandc_wasi *w, uint32_t fd,
                                                 uint32_t stat_out)
{
    (void)w; (void)fd; (void)stat_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_filestat_set_size(sandc_wasi *w,
                                                      uint32_t fd,
                                                      uint64_t size)
{
    (void)w; (void)fd; (void)size;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_filestat_set_times(sandc_wasi *w,
                                                       uint32_t fd,
                                                       uint64_t atim,
                                                       uint64_t mtim,
                                                       uint32_t fst_flags)
{
    (void)w; (void)fd; (void)atim; (void)mtim; (void)fst_flags;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_prestat_dir_name(sandc_wasi *w, uint32_t fd,
                                                     uint32_t path,
                                                     uint32_t path_len)
{
    (void)w; (void)fd; (void)path; (void)path_len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_readdir(sandc_wasi *w, uint32_t fd,
                                            uint32_t buf, uint32_t buf_len,
                                            uint64_t cookie,
                                            uint32_t bufused_out)
{
    (void)w; (void)fd; (void)buf; (void)buf_len; (void)cookie;
    (void)bufused_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_renumber(sandc_wasi *w, uint32_t fd,
                                             uint32_t to)
{
    (void)w; (void)fd; (void)to;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__fd_sync(sandc_wasi *w, uint32_t fd)
{
    (void)w; (void)fd;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_create_directory(sandc_wasi *w,
                                                       uint32_t fd,
                                                       uint32_t path,
                                                       uint32_t path_len)
{
    (void)w; (void)fd; (void)path; (void)path_len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_filestat_get(sandc_wasi *w, uint32_t fd,
                                                   uint32_t flags,
                                                   uint32_t path,
                                                   uint32_t path_len,
                                                   uint32_t stat_out)
{
    (void)w; (void)fd; (void)flags; (void)path; (void)path_len; (void)stat_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_filestat_set_times(sandc_wasi *w,
                                                         uint32_t fd,
                                                         uint32_t flags,
                                                         uint32_t path,
                                                         uint32_t path_len,
                                                         uint64_t atim,
                                                         uint64_t mtim,
                                                         uint32_t fst_flags)
{
    (void)w; (void)fd; (void)flags; (void)path; (void)path_len; (void)atim;
    (void)mtim; (void)fst_flags;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_link(sandc_wasi *w, uint32_t old_fd,
                                           uint32_t old_flags,
                                           uint32_t old_path,
                                           uint32_t old_path_len,
                                           uint32_t new_fd, uint32_t new_path,
                                           uint32_t new_path_len)
{
    (void)w; (void)old_fd; (void)old_flags; (void)old_path; (void)old_path_len;
    (void)new_fd; (void)new_path; (void)new_path_len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_open(sandc_wasi *w, uint32_t fd,
                                           uint32_t dirflags, uint32_t path,
                                           uint32_t path_len, uint32_t oflags,
                                           uint64_t rights_base,
                                           uint64_t rights_inheriting,
                                           uint32_t fdflags, uint32_t fd_out)
{
    (void)w; (void)fd; (void)dirflags; (void)path; (void)path_len; (void)oflags;
    (void)rights_base; (void)rights_inheriting; (void)fdflags; (void)fd_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_readlink(sandc_wasi *w, uint32_t fd,
                                               uint32_t path, uint32_t path_len,
                                               uint32_t buf, uint32_t buf_len,
                                               uint32_t bufused_out)
{
    (void)w; (void)fd; (void)path; (void)path_len; (void)buf; (void)buf_len;
    (void)bufused_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_remove_directory(sandc_wasi *w,
                                                       uint32_t fd,
                                                       uint32_t path,
                                                       uint32_t path_len)
{
    (void)w; (void)fd; (void)path; (void)path_len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_rename(sandc_wasi *w, uint32_t fd,
                                             uint32_t old_path,
                                             uint32_t old_path_len,
                                             uint32_t new_fd, uint32_t new_path,
                                             uint32_t new_path_len)
{
    (void)w; (void)fd; (void)old_path; (void)old_path_len; (void)new_fd;
    (void)new_path; (void)new_path_len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_symlink(sandc_wasi *w, uint32_t old_path,
                                              uint32_t old_path_len,
                                              uint32_t fd, uint32_t new_path,
                                              uint32_t new_path_len)
{
    (void)w; (void)old_path; (void)old_path_len; (void)fd; (void)new_path;
    (void)new_path_len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__path_unlink_file(sandc_wasi *w, uint32_t fd,
                                                  uint32_t path,
                                                  uint32_t path_len)
{
    (void)w; (void)fd; (void)path; (void)path_len;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__poll_oneoff(sandc_wasi *w, uint32_t in,
                                             uint32_t out,
                                             uint32_t nsubscriptions,
                                             uint32_t nevents_out)
{
    (void)w; (void)in; (void)out; (void)nsubscriptions; (void)nevents_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__proc_raise(sandc_wasi *w, uint32_t sig)
{
    (void)w; (void)sig;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__sock_accept(sandc_wasi *w, uint32_t fd,
                                             uint32_t flags, uint32_t fd_out)
{
    (void)w; (void)fd; (void)flags; (void)fd_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__sock_recv(sandc_wasi *w, uint32_t fd,
                                           uint32_t ri_data,
                                           uint32_t ri_data_len,
                                           uint32_t ri_flags,
                                           uint32_t ro_datalen_out,
                                           uint32_t ro_flags_out)
{
    (void)w; (void)fd; (void)ri_data; (void)ri_data_len; (void)ri_flags;
    (void)ro_datalen_out; (void)ro_flags_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__sock_send(sandc_wasi *w, uint32_t fd,
                                           uint32_t si_data,
                                           uint32_t si_data_len,
                                           uint32_t si_flags,
                                           uint32_t so_datalen_out)
{
    (void)w; (void)fd; (void)si_data; (void)si_data_len; (void)si_flags;
    (void)so_datalen_out;
    return WASI_ENOSYS;
}

uint32_t wasi_snapshot_preview1__sock_shutdown(sandc_wasi *w, uint32_t fd,
                                               uint32_t how)
{
    (void)w; (void)fd; (void)how;
    return WASI_ENOSYS;
}

/* ---- the host layer: POSIX ----------------------------------------------- */
#ifndef SANDC_WASI_NO_POSIX

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#if defined(__GLIBC__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 25))
#include <sys/random.h>
#define HAVE_GETRANDOM 1
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

/* Host errno -> WASI errno; the first match wins (aliases come after). */
static const struct {
    int host;
    uint16_t wasi;
} errno_map[] = {
    {E2BIG, WASI_E2BIG}, {EACCES, WASI_EACCES},
    {EADDRINUSE, WASI_EADDRINUSE}, {EADDRNOTAVAIL, WASI_EADDRNOTAVAIL},
    {EAFNOSUPPORT, WASI_EAFNOSUPPORT}, {EAGAIN, WASI_EAGAIN},
    {EALREADY, WASI_EALREADY}, {EBADF, WASI_EBADF},
    {EBADMSG, WASI_EBADMSG}, {EBUSY, WASI_EBUSY},
    {ECANCELED, WASI_ECANCELED}, {ECHILD, WASI_ECHILD},
    {ECONNABORTED, WASI_ECONNABORTED}, {ECONNREFUSED, WASI_ECONNREFUSED},
    {ECONNRESET, WASI_ECONNRESET}, {EDEADLK, WASI_EDEADLK},
    {EDESTADDRREQ, WASI_EDESTADDRREQ}, {EDOM, WASI_EDOM},
#ifdef EDQUOT
    {EDQUOT, WASI_EDQUOT},
#endif
    {EEXIST, WASI_EEXIST}, {EFAULT, WASI_EFAULT}, {EFBIG, WASI_EFBIG},
    {EHOSTUNREACH, WASI_EHOSTUNREACH}, {EIDRM, WASI_EIDRM},
    {EILSEQ, WASI_EILSEQ}, {EINPROGRESS, WASI_EINPROGRESS},
    {EINTR, WASI_EINTR}, {EINVAL, WASI_EINVAL}, {EIO, WASI_EIO},
    {EISCONN, WASI_EISCONN}, {EISDIR, WASI_EISDIR}, {ELOOP, WASI_ELOOP},
    {EMFILE, WASI_EMFILE}, {EMLINK, WASI_EMLINK},
    {EMSGSIZE, WASI_EMSGSIZE},
#ifdef EMULTIHOP
    {EMULTIHOP, WASI_EMULTIHOP},
#endif
    {ENAMETOOLONG, WASI_ENAMETOOLONG}, {ENETDOWN, WASI_ENETDOWN},
    {ENETRESET, WASI_ENETRESET}, {ENETUNREACH, WASI_ENETUNREACH},
    {ENFILE, WASI_ENFILE}, {ENOBUFS, WASI_ENOBUFS}, {ENODEV, WASI_ENODEV},
    {ENOENT, WASI_ENOENT}, {ENOEXEC, WASI_ENOEXEC}, {ENOLCK, WASI_ENOLCK},
#ifdef ENOLINK
    {ENOLINK, WASI_ENOLINK},
#endif
    {ENOMEM, WASI_ENOMEM}, {ENOMSG, WASI_ENOMSG},
    {ENOPROTOOPT, WASI_ENOPROTOOPT}, {ENOSPC, WASI_ENOSPC},
    {ENOSYS, WASI_ENOSYS}, {ENOTCONN, WASI_ENOTCONN},
    {ENOTDIR, WASI_ENOTDIR}, {ENOTEMPTY, WASI_ENOTEMPTY},
#ifdef ENOTRECOVERABLE
    {ENOTRECOVERABLE, WASI_ENOTRECOVERABLE},
#endif
    {ENOTSOCK, WASI_ENOTSOCK}, {ENOTSUP, WASI_ENOTSUP},
    {ENOTTY, WASI_ENOTTY}, {ENXIO, WASI_ENXIO},
    {EOVERFLOW, WASI_EOVERFLOW},
#ifdef EOWNERDEAD
    {EOWNERDEAD, WASI_EOWNERDEAD},
#endif
    {EPERM, WASI_EPERM}, {EPIPE, WASI_EPIPE}, {EPROTO, WASI_EPROTO},
    {EPROTONOSUPPORT, WASI_EPROTONOSUPPORT},
    {EPROTOTYPE, WASI_EPROTOTYPE}, {ERANGE, WASI_ERANGE},
    {EROFS, WASI_EROFS}, {ESPIPE, WASI_ESPIPE}, {ESRCH, WASI_ESRCH},
#ifdef ESTALE
    {ESTALE, WASI_ESTALE},
#endif
    {ETIMEDOUT, WASI_ETIMEDOUT}, {ETXTBSY, WASI_ETXTBSY},
    {EXDEV, WASI_EXDEV},
#ifdef EWOULDBLOCK
    {EWOULDBLOCK, WASI_EAGAIN},
#endif
#ifdef EOPNOTSUPP
    {EOPNOTSUPP, WASI_ENOTSUP},
#endif
};

static uint32_t from_errno(int e)
{
    size_t i;
    for (i = 0; i < sizeof errno_map / sizeof errno_map[0]; i++)
        if (errno_map[i].host == e)
            return errno_map[i].wasi;
    return WASI_EIO;
}

uint32_t sandc_wasi_host_clock(uint32_t id, int resolution, uint64_t *ns)
{
    struct timespec ts;
    clockid_t c;
    int r;

    switch (id) {
    case 0: c = CLOCK_REALTIME; break;
    case 1: c = CLOCK_MONOTONIC; break;
#ifdef CLOCK_PROCESS_CPUTIME_ID
    case 2: c = CLOCK_PROCESS_CPUTIME_ID; break;
#endif
#ifdef CLOCK_THREAD_CPUTIME_ID
    case 3: c = CLOCK_THREAD_CPUTIME_ID; break;
#endif
    default: return WASI_EINVAL;
    }
    r = resolution ? clock_getres(c, &ts) : clock_gettime(c, &ts);
    if (r != 0)
        return from_errno(errno);
    /* a timestamp is unsigned ns since the epoch */
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
        (uint64_t)ts.tv_sec > (UINT64_MAX - (uint64_t)ts.tv_nsec) / 1000000000u)
        return WASI_EOVERFLOW;
    *ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return WASI_ESUCCESS;
}

static uint32_t urandom(uint8_t *buf, size_t len)
{
    ssize_t r;
    int fd, e;

    do
        fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return from_errno(errno);
    while (len) {
        r = read(fd, buf, len < 65536 ? len : 65536);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            e = r < 0 ? errno : EIO;
            close(fd);
            return from_errno(e);
        }
        buf += r;
        len -= (size_t)r;
    }
    close(fd);
    return WASI_ESUCCESS;
}

uint32_t sandc_wasi_host_random(uint8_t *buf, size_t len)
{
#ifdef HAVE_GETRANDOM
    ssize_t r;
    while (len) {
        /* a signal can cut a long request short: the loop goes on */
        r = getrandom(buf, len < 65536 ? len : 65536, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            if (errno == ENOSYS) /* a kernel older than 3.17 */
                return urandom(buf, len);
            return from_errno(errno);
        }
        buf += r;
        len -= (size_t)r;
    }
    return WASI_ESUCCESS;
#else
    return urandom(buf, len);
#endif
}

/* offset as an off_t, if it fits */
static int to_off(uint64_t offset, off_t *o)
{
    if (offset > INT64_MAX)
        return 0;
    *o = (off_t)offset;
    return *o >= 0 && (uint64_t)*o == offset;
}

uint32_t sandc_wasi_host_io(int fd, sandc_wasi_io op,
                            const sandc_wasi_buf *bufs, size_t nbufs,
                            uint64_t offset, size_t *done)
{
    struct iovec iov[IO_CHUNK];
    size_t i = 0, skip = 0, k, n;
    ssize_t r;
    off_t o;

    *done = 0;
    if (op == SANDC_WASI_PREAD || op == SANDC_WASI_PWRITE) {
        /* buffer by buffer: pwritev/preadv are not POSIX */
        for (i = 0; i < nbufs; i++) {
            for (skip = 0; skip < bufs[i].len; skip += (size_t)r) {
                if (!to_off(offset + *done, &o))
                    return WASI_EINVAL;
                if (op == SANDC_WASI_PREAD)
                    r = pread(fd, bufs[i].p + skip, bufs[i].len - skip, o);
                else
                    r = pwrite(fd, bufs[i].p + skip, bufs[i].len - skip, o);
                if (r < 0 && errno == EINTR) {
                    r = 0;
                    continue;
                }
                if (r < 0)
                    return from_errno(errno);
                *done += (size_t)r;
                if (op == SANDC_WASI_PREAD && (size_t)r < bufs[i].len - skip)
                    return WASI_ESUCCESS; /* end of file, or short */
                if (r == 0)
                    return WASI_EIO;
            }
        }
        return WASI_ESUCCESS;
    }

    while (i < nbufs) {
        for (n = 0, k = i; k < nbufs && n < IO_CHUNK; k++, n++) {
            iov[n].iov_base = bufs[k].p + (k == i ? skip : 0);
            iov[n].iov_len = bufs[k].len - (k == i ? skip : 0);
        }
        r = op == SANDC_WASI_READ ? readv(fd, iov, (int)n)
                                  : writev(fd, iov, (int)n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return from_errno(errno);
        *done += (size_t)r;
        if (op == SANDC_WASI_READ)
            return WASI_ESUCCESS;
        if (r == 0)
            return WASI_EIO; /* no progress: do not spin */
        /* a short write: go on after the bytes written */
        while (i < nbufs && (size_t)r >= bufs[i].len - skip) {
            r -= (ssize_t)(bufs[i].len - skip);
            skip = 0;
            i++;
        }
        skip += (size_t)r;
    }
    return WASI_ESUCCESS;
}

uint32_t sandc_wasi_host_seek(int fd, int64_t offset, uint32_t whence,
                              uint64_t *newoffset)
{
    static const int how[3] = {SEEK_SET, SEEK_CUR, SEEK_END};
    off_t o = (off_t)offset, r;

    if (whence > 2 || (int64_t)o != offset)
        return WASI_EINVAL;
    r = lseek(fd, o, how[whence]);
    if (r < 0)
        return from_errno(errno);
    *newoffset = (uint64_t)r;
    return WASI_ESUCCESS;
}

uint32_t sandc_wasi_host_fdstat(int fd, uint8_t *filetype, uint16_t *flags,
                                int *is_tty)
{
    struct stat st;
    int fl;

    if (fstat(fd, &st) != 0)
        return from_errno(errno);
    if (S_ISCHR(st.st_mode))
        *filetype = 2;
    else if (S_ISBLK(st.st_mode))
        *filetype = 1;
    else if (S_ISDIR(st.st_mode))
        *filetype = 3;
    else if (S_ISREG(st.st_mode))
        *filetype = 4;
#ifdef S_ISSOCK
    else if (S_ISSOCK(st.st_mode))
        *filetype = 6; /* a stream socket is the likely one on stdio */
#endif
    else
        *filetype = 0; /* a pipe: WASI has no type for it */
    *is_tty = isatty(fd);
    *flags = 0;
    fl = fcntl(fd, F_GETFL);
    if (fl >= 0) {
        if (fl & O_APPEND)
            *flags |= 1;
        if (fl & O_NONBLOCK)
            *flags |= 4;
#ifdef O_DSYNC
        if ((fl & O_DSYNC) == O_DSYNC)
            *flags |= 2;
#endif
#ifdef O_SYNC
        /* on Linux O_SYNC includes O_DSYNC's bit */
        if ((fl & O_SYNC) == O_SYNC)
            *flags |= 16;
#endif
    }
    return WASI_ESUCCESS;
}

#endif /* SANDC_WASI_NO_POSIX */
