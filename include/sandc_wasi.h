/*
 * sandc_wasi.h - a minimal WASI (wasi_snapshot_preview1) for translated
 * command-line programs.
 *
 * A module that imports "wasi_snapshot_preview1" functions calls
 * wasi_snapshot_preview1__NAME(ctx, ...) with the context the host passed
 * in its imports.  This header completes that context's struct and declares
 * all 46 preview1 functions with the C types the generated header uses for
 * them (i32 -> uint32_t, i64 -> uint64_t), so both can be included together.
 *
 * What the guest gets: its arguments and environment (only what the host
 * puts in the context), the clocks, random bytes, and stdio: guest fds 0, 1
 * and 2 are the host fds in `host_fd` (by default the host's own 0, 1 and
 * 2).  There are no preopened directories (fd_prestat_get says EBADF), so
 * no files, and no sockets: every other function returns ENOSYS (52).
 * Every pointer and length the guest passes is checked against its memory
 * before use; a bad one gives EFAULT (21).
 *
 *     struct wasi_snapshot_preview1 w;
 *     sandc_wasi_init(&w, argc, argv, envp);
 *     imports.wasi_snapshot_preview1 = &w;
 *     prog_instantiate(&inst, &imports);
 *     w.memory = prog__memory(&inst);
 *     SANDC_TRY(s) { prog___x5fstart(&inst); SANDC_END_TRY(s); }
 *     else if (w.exited) { ... proc_exit(w.exit_code) ... }
 *     else { ... a trap: s.status ... }
 *
 * proc_exit unwinds with sandc_trap(SANDC_TRAP_HOST) after setting `exited`
 * and `exit_code`.  The context holds all the state: separate contexts serve
 * separate instances.
 *
 * rt/wasi/wasi.c implements it.  Its host-dependent part (clocks, random
 * bytes, fd I/O) is a set of sandc_wasi_host_* functions at the end of this
 * header, implemented with POSIX; a port to another platform defines
 * SANDC_WASI_NO_POSIX when compiling wasi.c and provides its own.
 */
#ifndef SANDC_WASI_H
#define SANDC_WASI_H

#include <stddef.h>
#include <stdint.h>

#include "sandc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The guest fds the context serves: 0, 1 and 2. */
#define SANDC_WASI_STDIO_FDS 3

struct wasi_snapshot_preview1 {
    /* The guest's memory: set after instantiation, from the exported
     * "memory".  NULL: every pointer argument fails with EFAULT. */
    sandc_memory *memory;
    /* The guest's arguments and environment ("NAME=VALUE" strings). */
    size_t argc;
    const char *const *argv;
    size_t envc;
    const char *const *envp;
    /* The host fd behind each guest fd 0..2; -1 once the guest closed it
     * (the host fd itself stays open). */
    int host_fd[SANDC_WASI_STDIO_FDS];
    /* Set by proc_exit. */
    uint32_t exit_code;
    int exited;
};
typedef struct wasi_snapshot_preview1 sandc_wasi;

/* argv: argc strings; envp: NULL-terminated (NULL for none).  The arrays and
 * strings must outlive the context.  Memory is left NULL, fds 0..2 map to
 * the host's 0..2. */
void sandc_wasi_init(sandc_wasi *w, int argc, const char *const *argv,
                     const char *const *envp);

/* ---- the wasi_snapshot_preview1 functions -----------------------------------
 * Each returns a WASI errno (0 on success), except proc_exit. */

uint32_t wasi_snapshot_preview1__args_get(sandc_wasi *w, uint32_t argv, uint32_t argv_buf);
uint32_t wasi_snapshot_preview1__args_sizes_get(sandc_wasi *w, uint32_t argc_out, uint32_t argv_buf_size_out);
uint32_t wasi_snapshot_preview1__environ_get(sandc_wasi *w, uint32_t env, uint32_t env_buf);
uint32_t wasi_snapshot_preview1__environ_sizes_get(sandc_wasi *w, uint32_t count_out, uint32_t buf_size_out);
uint32_t wasi_snapshot_preview1__clock_res_get(sandc_wasi *w, uint32_t id, uint32_t res_out);
uint32_t wasi_snapshot_preview1__clock_time_get(sandc_wasi *w, uint32_t id, uint64_t precision, uint32_t time_out);
uint32_t wasi_snapshot_preview1__fd_advise(sandc_wasi *w, uint32_t fd, uint64_t offset, uint64_t len, uint32_t advice);
uint32_t wasi_snapshot_preview1__fd_allocate(sandc_wasi *w, uint32_t fd, uint64_t offset, uint64_t len);
uint32_t wasi_snapshot_preview1__fd_close(sandc_wasi *w, uint32_t fd);
uint32_t wasi_snapshot_preview1__fd_datasync(sandc_wasi *w, uint32_t fd);
uint32_t wasi_snapshot_preview1__fd_fdstat_get(sandc_wasi *w, uint32_t fd, uint32_t stat_out);
uint32_t wasi_snapshot_preview1__fd_fdstat_set_flags(sandc_wasi *w, uint32_t fd, uint32_t flags);
uint32_t wasi_snapshot_preview1__fd_fdstat_set_rights(sandc_wasi *w, uint32_t fd, uint64_t base, uint64_t inheriting);
uint32_t wasi_snapshot_preview1__fd_filestat_get(sandc_wasi *w, uint32_t fd, uint32_t stat_out);
uint32_t wasi_snapshot_preview1__fd_filestat_set_size(sandc_wasi *w, uint32_t fd, uint64_t size);
uint32_t wasi_snapshot_preview1__fd_filestat_set_times(sandc_wasi *w, uint32_t fd, uint64_t atim, uint64_t mtim, uint32_t fst_flags);
uint32_t wasi_snapshot_preview1__fd_pread(sandc_wasi *w, uint32_t fd, uint32_t iovs, uint32_t iovs_len, uint64_t offset, uint32_t nread_out);
uint32_t wasi_snapshot_preview1__fd_prestat_get(sandc_wasi *w, uint32_t fd, uint32_t prestat_out);
uint32_t wasi_snapshot_preview1__fd_prestat_dir_name(sandc_wasi *w, uint32_t fd, uint32_t path, uint32_t path_len);
uint32_t wasi_snapshot_preview1__fd_pwrite(sandc_wasi *w, uint32_t fd, uint32_t iovs, uint32_t iovs_len, uint64_t offset, uint32_t nwritten_out);
uint32_t wasi_snapshot_preview1__fd_read(sandc_wasi *w, uint32_t fd, uint32_t iovs, uint32_t iovs_len, uint32_t nread_out);
uint32_t wasi_snapshot_preview1__fd_readdir(sandc_wasi *w, uint32_t fd, uint32_t buf, uint32_t buf_len, uint64_t cookie, uint32_t bufused_out);
uint32_t wasi_snapshot_preview1__fd_renumber(sandc_wasi *w, uint32_t fd, uint32_t to);
uint32_t wasi_snapshot_preview1__fd_seek(sandc_wasi *w, uint32_t fd, uint64_t offset, uint32_t whence, uint32_t newoffset_out);
uint32_t wasi_snapshot_preview1__fd_sync(sandc_wasi *w, uint32_t fd);
uint32_t wasi_snapshot_preview1__fd_tell(sandc_wasi *w, uint32_t fd, uint32_t offset_out);
uint32_t wasi_snapshot_preview1__fd_write(sandc_wasi *w, uint32_t fd, uint32_t iovs, uint32_t iovs_len, uint32_t nwritten_out);
uint32_t wasi_snapshot_preview1__path_create_directory(sandc_wasi *w, uint32_t fd, uint32_t path, uint32_t path_len);
uint32_t wasi_snapshot_preview1__path_filestat_get(sandc_wasi *w, uint32_t fd, uint32_t flags, uint32_t path, uint32_t path_len, uint32_t stat_out);
uint32_t wasi_snapshot_preview1__path_filestat_set_times(sandc_wasi *w, uint32_t fd, uint32_t flags, uint32_t path, uint32_t path_len, uint64_t atim, uint64_t mtim, uint32_t fst_flags);
uint32_t wasi_snapshot_preview1__path_link(sandc_wasi *w, uint32_t old_fd, uint32_t old_flags, uint32_t old_path, uint32_t old_path_len, uint32_t new_fd, uint32_t new_path, uint32_t new_path_len);
uint32_t wasi_snapshot_preview1__path_open(sandc_wasi *w, uint32_t fd, uint32_t dirflags, uint32_t path, uint32_t path_len, uint32_t oflags, uint64_t rights_base, uint64_t rights_inheriting, uint32_t fdflags, uint32_t fd_out);
uint32_t wasi_snapshot_preview1__path_readlink(sandc_wasi *w, uint32_t fd, uint32_t path, uint32_t path_len, uint32_t buf, uint32_t buf_len, uint32_t bufused_out);
uint32_t wasi_snapshot_preview1__path_remove_directory(sandc_wasi *w, uint32_t fd, uint32_t path, uint32_t path_len);
uint32_t wasi_snapshot_preview1__path_rename(sandc_wasi *w, uint32_t fd, uint32_t old_path, uint32_t old_path_len, uint32_t new_fd, uint32_t new_path, uint32_t new_path_len);
uint32_t wasi_snapshot_preview1__path_symlink(sandc_wasi *w, uint32_t old_path, uint32_t old_path_len, uint32_t fd, uint32_t new_path, uint32_t new_path_len);
uint32_t wasi_snapshot_preview1__path_unlink_file(sandc_wasi *w, uint32_t fd, uint32_t path, uint32_t path_len);
uint32_t wasi_snapshot_preview1__poll_oneoff(sandc_wasi *w, uint32_t in, uint32_t out, uint32_t nsubscriptions, uint32_t nevents_out);
/* Records the code, sets `exited`, and unwinds to the host's trap scope with
 * SANDC_TRAP_HOST. */
void wasi_snapshot_preview1__proc_exit(sandc_wasi *w, uint32_t code) SANDC_NORETURN;
uint32_t wasi_snapshot_preview1__proc_raise(sandc_wasi *w, uint32_t sig);
uint32_t wasi_snapshot_preview1__sched_yield(sandc_wasi *w);
uint32_t wasi_snapshot_preview1__random_get(sandc_wasi *w, uint32_t buf, uint32_t buf_len);
uint32_t wasi_snapshot_preview1__sock_accept(sandc_wasi *w, uint32_t fd, uint32_t flags, uint32_t fd_out);
uint32_t wasi_snapshot_preview1__sock_recv(sandc_wasi *w, uint32_t fd, uint32_t ri_data, uint32_t ri_data_len, uint32_t ri_flags, uint32_t ro_datalen_out, uint32_t ro_flags_out);
uint32_t wasi_snapshot_preview1__sock_send(sandc_wasi *w, uint32_t fd, uint32_t si_data, uint32_t si_data_len, uint32_t si_flags, uint32_t so_datalen_out);
uint32_t wasi_snapshot_preview1__sock_shutdown(sandc_wasi *w, uint32_t fd, uint32_t how);

/* ---- the host layer ---------------------------------------------------------
 * What wasi.c needs from the platform; each returns a WASI errno.  wasi.c
 * implements them with POSIX unless SANDC_WASI_NO_POSIX is defined. */

/* A buffer in guest memory, already bounds checked. */
typedef struct sandc_wasi_buf {
    uint8_t *p;
    size_t len;
} sandc_wasi_buf;

typedef enum sandc_wasi_io {
    SANDC_WASI_READ,   /* one read: a short read is fine */
    SANDC_WASI_WRITE,  /* write everything unless an error stops it */
    SANDC_WASI_PREAD,  /* the same at an offset, without moving the fd's */
    SANDC_WASI_PWRITE
} sandc_wasi_io;

/* id: 0 realtime, 1 monotonic, 2 process CPU time, 3 thread CPU time;
 * resolution: the clock's resolution instead of its time.  In ns. */
uint32_t sandc_wasi_host_clock(uint32_t id, int resolution, uint64_t *ns);
/* Fill buf from a cryptographically secure source, or fail. */
uint32_t sandc_wasi_host_random(uint8_t *buf, size_t len);
/* Transfer at most the sum of the lengths (nbufs >= 1, total < 2^31);
 * *done is the byte count, which may be nonzero even on error. */
uint32_t sandc_wasi_host_io(int fd, sandc_wasi_io op,
                            const sandc_wasi_buf *bufs, size_t nbufs,
                            uint64_t offset, size_t *done);
/* whence: 0 set, 1 cur, 2 end (WASI's numbering). */
uint32_t sandc_wasi_host_seek(int fd, int64_t offset, uint32_t whence,
                              uint64_t *newoffset);
/* The WASI filetype and fdflags of fd, and whether it is a terminal. */
uint32_t sandc_wasi_host_fdstat(int fd, uint8_t *filetype, uint16_t *flags,
                                int *is_tty);

#ifdef __cplusplus
}
#endif

#endif /* SANDC_WASI_H */
