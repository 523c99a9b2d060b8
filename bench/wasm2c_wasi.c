/*
 * wasm2c_wasi.c - a driver and a minimal WASI for modules translated by
 * wasm2c 1.0.32, so that bench/run can time wasm2c on the same WASI
 * programs as sandc.
 *
 *     wasm2c K.wasm -n prog -o DIR/prog.c
 *     clang -O2 -I/usr/share/wabt/wasm2c -IDIR DIR/prog.c bench/wasm2c_wasi.c \
 *         /usr/share/wabt/wasm2c/wasm-rt-impl.c -o DIR/prog -lm
 *     DIR/prog ARGV0 [ARG...]
 *
 * The module must be named `prog` (-n prog) and import only these
 * wasi_snapshot_preview1 functions: args_get, args_sizes_get,
 * environ_get, environ_sizes_get (an empty environment), fd_write (to
 * stdout and stderr), fd_close, fd_seek, fd_fdstat_get (on stdio),
 * fd_prestat_get (no preopened directories), clock_time_get, random_get
 * and proc_exit.  Every pointer the guest passes is checked against its
 * memory.  Exit status: the guest's; 134 after a trap.
 *
 * wasm2c 1.0.32's conventions: the module's imports are C functions named
 * Z_<module>Z_<name>, whose first parameter is the importing instance's
 * pointer to `struct Z_<module>_instance_t`, which the host defines.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"
#include "wasm-rt-impl.h"

#define WASI_ESUCCESS 0
#define WASI_EBADF 8
#define WASI_EFAULT 21
#define WASI_EINVAL 28
#define WASI_EIO 29
#define WASI_ESPIPE 70

#define WASI_FILETYPE_UNKNOWN 0
#define WASI_FILETYPE_CHARACTER_DEVICE 2
#define WASI_FILETYPE_REGULAR_FILE 4
#define WASI_RIGHT_FD_SEEK (1u << 2)
#define WASI_RIGHT_FD_TELL (1u << 5)

struct Z_wasi_snapshot_preview1_instance_t {
    wasm_rt_memory_t *memory;
    int argc;
    char **argv;
};

typedef struct Z_wasi_snapshot_preview1_instance_t wasi;

/* The guest's bytes [addr, addr + len), or NULL when out of bounds. */
static uint8_t *guest(wasi *w, uint32_t addr, uint64_t len)
{
    if ((uint64_t)addr + len > w->memory->size)
        return NULL;
    return w->memory->data + addr;
}

static uint32_t load32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void store32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> 8 * i);
}

static void store64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> 8 * i);
}

static int is_stdio(uint32_t fd)
{
    return fd <= 2;
}

/* ---- arguments and environment ------------------------------------------ */

u32 Z_wasi_snapshot_preview1Z_args_sizes_get(wasi *w, u32 argc_out, u32 size_out)
{
    uint8_t *pc = guest(w, argc_out, 4), *ps = guest(w, size_out, 4);
    uint32_t size = 0;
    if (!pc || !ps)
        return WASI_EFAULT;
    for (int i = 0; i < w->argc; i++)
        size += (uint32_t)strlen(w->argv[i]) + 1;
    store32(pc, (uint32_t)w->argc);
    store32(ps, size);
    return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_args_get(wasi *w, u32 argv_out, u32 buf_out)
{
    for (int i = 0; i < w->argc; i++) {
        uint32_t n = (uint32_t)strlen(w->argv[i]) + 1;
        uint8_t *slot = guest(w, argv_out + 4 * (uint32_t)i, 4), *dst = guest(w, buf_out, n);
        if (!slot || !dst)
            return WASI_EFAULT;
        memcpy(dst, w->argv[i], n);
        store32(slot, buf_out);
        buf_out += n;
    }
    return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_environ_sizes_get(wasi *w, u32 count_out, u32 size_out)
{
    uint8_t *pc = guest(w, count_out, 4), *ps = guest(w, size_out, 4);
    if (!pc || !ps)
        return WASI_EFAULT;
    store32(pc, 0);
    store32(ps, 0);
    return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_environ_get(wasi *w, u32 environ_out, u32 buf_out)
{
    (void)w, (void)environ_out, (void)buf_out;
    return WASI_ESUCCESS;
}

/* ---- files: stdio only -------------------------------------------------- */

u32 Z_wasi_snapshot_preview1Z_fd_write(wasi *w, u32 fd, u32 iovs, u32 iovs_len,
                                       u32 written_out)
{
    uint8_t *pw = guest(w, written_out, 4), *vec = guest(w, iovs, 8 * (uint64_t)iovs_len);
    uint32_t total = 0;
    if (fd != 1 && fd != 2)
        return WASI_EBADF;
    if (!pw || !vec)
        return WASI_EFAULT;
    for (uint32_t i = 0; i < iovs_len; i++) {
        uint32_t addr = load32(vec + 8 * i), len = load32(vec + 8 * i + 4);
        uint8_t *p = guest(w, addr, len);
        if (!p)
            return WASI_EFAULT;
        while (len > 0) {
            ssize_t n = write((int)fd, p, len);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return WASI_EIO;
            }
            p += n;
            len -= (uint32_t)n;
            total += (uint32_t)n;
        }
    }
    store32(pw, total);
    return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(wasi *w, u32 fd)
{
    (void)w;
    return is_stdio(fd) ? WASI_ESUCCESS : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(wasi *w, u32 fd, u64 offset, u32 whence,
                                      u32 pos_out)
{
    (void)w, (void)offset, (void)whence, (void)pos_out;
    return is_stdio(fd) ? WASI_ESPIPE : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(wasi *w, u32 fd, u32 stat_out)
{
    uint8_t *p = guest(w, stat_out, 24);
    uint64_t rights = ~(uint64_t)0 >> 35;   /* the 29 rights of preview1 */
    uint8_t type = WASI_FILETYPE_UNKNOWN;
    struct stat st;

    if (!is_stdio(fd))
        return WASI_EBADF;
    if (!p)
        return WASI_EFAULT;
    if (fstat((int)fd, &st) != 0)
        return WASI_EBADF;
    if (S_ISREG(st.st_mode))
        type = WASI_FILETYPE_REGULAR_FILE;
    else if (S_ISCHR(st.st_mode))
        type = WASI_FILETYPE_CHARACTER_DEVICE;
    /* wasi-libc's isatty() wants a character device that cannot seek */
    if (isatty((int)fd))
        rights &= ~(uint64_t)(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
    memset(p, 0, 24);
    p[0] = type;
    store64(p + 8, rights);
    return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_prestat_get(wasi *w, u32 fd, u32 prestat_out)
{
    (void)w, (void)fd, (void)prestat_out;
    return WASI_EBADF;
}

/* ---- clocks, randomness, exit ------------------------------------------- */

u32 Z_wasi_snapshot_preview1Z_clock_time_get(wasi *w, u32 id, u64 precision,
                                             u32 time_out)
{
    static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC,
                                    CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
    uint8_t *p = guest(w, time_out, 8);
    struct timespec ts;
    (void)precision;
    if (id >= sizeof ids / sizeof ids[0])
        return WASI_EINVAL;
    if (!p)
        return WASI_EFAULT;
    if (clock_gettime(ids[id], &ts) != 0)
        return WASI_EINVAL;
    store64(p, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
    return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_random_get(wasi *w, u32 buf, u32 len)
{
    uint8_t *p = guest(w, buf, len);
    FILE *f;
    if (!p)
        return WASI_EFAULT;
    f = fopen("/dev/urandom", "rb");
    if (!f || fread(p, 1, len, f) != len) {
        if (f)
            fclose(f);
        return WASI_EIO;
    }
    fclose(f);
    return WASI_ESUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(wasi *w, u32 code)
{
    (void)w;
    exit((int)code);
}

/* ---- the driver --------------------------------------------------------- */

static Z_prog_instance_t inst;

int main(int argc, char **argv)
{
    wasi w;
    int trap;

    if (argc < 2) {
        fputs("usage: PROGRAM ARGV0 [ARG...]\n", stderr);
        return 2;
    }
    w.argc = argc - 1;
    w.argv = argv + 1;
    wasm_rt_init();
    Z_prog_init_module();
    Z_prog_instantiate(&inst, &w);
    w.memory = Z_progZ_memory(&inst);
    trap = wasm_rt_impl_try();
    if (trap == 0) {
        Z_progZ__start(&inst);
    } else {
        fprintf(stderr, "%s: trap: %s\n", argv[1], wasm_rt_strerror((wasm_rt_trap_t)trap));
        return 134;
    }
    Z_prog_free(&inst);
    wasm_rt_free();
    return 0;
}
