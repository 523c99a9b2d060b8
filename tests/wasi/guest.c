/*
 * guest.c - a WASI command for tests/wasi.t, built with wasi-libc.  argv[1]
 * picks what it does; the test checks its output and exit status.
 *
 *   args            print the arguments
 *   env             print the environment
 *   return N        return N from main
 *   exit N          print a line (stdio, flushed by exit) and exit(N)
 *   proc_exit N     call proc_exit directly
 *   cat             copy stdin to stdout, then print the byte and line counts
 *   trap            print a line, then execute unreachable
 *   clock           the clocks: monotonic never goes back, and the rest
 *   random          random_get and getentropy fill buffers
 *   seek            lseek and fd_tell on stdout
 *   fdstat          fd_fdstat_get on stdio and a bad fd
 *   close           write to stdout after closing it (reports on stderr)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

extern char **environ;

static int failed;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        failed = 1;
    }
}

static unsigned long long ns(const struct timespec *t)
{
    return (unsigned long long)t->tv_sec * 1000000000u +
           (unsigned long long)t->tv_nsec;
}

static int test_clock(void)
{
    struct timespec a, b, res;
    __wasi_timestamp_t t;
    int i;

    check(clock_gettime(CLOCK_MONOTONIC, &a) == 0, "monotonic clock");
    for (i = 0; i < 10000; i++) {
        check(clock_gettime(CLOCK_MONOTONIC, &b) == 0, "monotonic clock");
        if (ns(&b) < ns(&a)) {
            check(0, "monotonic clock goes back");
            break;
        }
        a = b;
    }
    check(clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(&res) > 0 &&
              ns(&res) <= 1000000000u, "monotonic resolution");
    check(time(NULL) > 1600000000, "realtime after 2020");
    check(__wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &t) == 0,
          "process cputime");
    check(__wasi_clock_time_get(99, 1, &t) == __WASI_ERRNO_INVAL,
          "a bad clock id is EINVAL");
    return failed ? 1 : (puts("clock ok"), 0);
}

static int test_random(void)
{
    static unsigned char big[5000];
    unsigned char a[64] = {0}, b[64] = {0};
    int seen[256] = {0}, distinct = 0, i;

    check(getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0,
          "getentropy");
    check(memcmp(a, b, sizeof a) != 0, "two draws differ");
    check(__wasi_random_get(big, sizeof big) == 0, "random_get");
    for (i = 0; i < (int)sizeof big; i++)
        if (!seen[big[i]]++)
            distinct++;
    /* 5000 uniform bytes miss a given value with probability 3e-9 */
    check(distinct == 256, "every byte value appears");
    return failed ? 1 : (puts("random ok"), 0);
}

static int test_seek(void)
{
    __wasi_filesize_t pos;
    off_t p;
    __wasi_errno_t e;

    if (write(1, "abc\n", 4) != 4)
        return 1;
    p = lseek(1, 0, SEEK_CUR);
    if (p < 0)
        printf("seek: %s\n", errno == ESPIPE ? "ESPIPE" : strerror(errno));
    else
        printf("seek: %lld\n", (long long)p);
    e = __wasi_fd_tell(1, &pos);
    if (e)
        printf("tell: %s\n", e == __WASI_ERRNO_SPIPE ? "ESPIPE" : "?");
    else
        printf("tell: %llu\n", (unsigned long long)pos);
    return 0;
}

static int test_fdstat(void)
{
    __wasi_fdstat_t st;
    __wasi_errno_t e;
    int fd;

    for (fd = 0; fd < 4; fd++) {
        e = __wasi_fd_fdstat_get(fd, &st);
        if (e == __WASI_ERRNO_BADF)
            printf("fd%d: EBADF\n", fd);
        else if (e)
            printf("fd%d: error %d\n", fd, e);
        else
            printf("fd%d: type=%d write=%d tty=%d\n", fd, st.fs_filetype,
                   (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0,
                   isatty(fd));
    }
    return 0;
}

static int test_close(void)
{
    int r, e;

    r = close(1);
    fprintf(stderr, "close: %d\n", r);
    r = write(1, "x", 1);
    e = errno;
    fprintf(stderr, "write after close: %d %s\n", r,
            e == EBADF ? "EBADF" : strerror(e));
    r = close(1);
    e = errno;
    fprintf(stderr, "close again: %d %s\n", r,
            e == EBADF ? "EBADF" : strerror(e));
    return 0;
}

static int test_cat(void)
{
    char buf[1000];
    size_t n, i;
    unsigned long bytes = 0, lines = 0;

    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        for (i = 0; i < n; i++)
            lines += buf[i] == '\n';
        bytes += n;
        if (fwrite(buf, 1, n, stdout) != n)
            return 1;
    }
    if (ferror(stdin))
        return 1;
    printf("bytes=%lu lines=%lu\n", bytes, lines);
    return 0;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";
    int n = argc > 2 ? atoi(argv[2]) : 0, i;
    char **e;

    if (!strcmp(cmd, "args")) {
        printf("argc=%d\n", argc);
        for (i = 0; i < argc; i++)
            printf("argv[%d]=%s\n", i, argv[i]);
        return 0;
    }
    if (!strcmp(cmd, "env")) {
        for (e = environ; *e; e++)
            printf("env %s\n", *e);
        printf("FOO is %s\n", getenv("FOO") ? getenv("FOO") : "unset");
        return 0;
    }
    if (!strcmp(cmd, "return"))
        return n;
    if (!strcmp(cmd, "exit")) {
        printf("exiting with %d\n", n);
        exit(n);
    }
    if (!strcmp(cmd, "proc_exit")) {
        if (write(1, "proc_exit\n", 10) != 10)
            return 1;
        __wasi_proc_exit((__wasi_exitcode_t)n);
    }
    if (!strcmp(cmd, "cat"))
        return test_cat();
    if (!strcmp(cmd, "trap")) {
        if (write(1, "before the trap\n", 16) != 16)
            return 1;
        __builtin_trap();
    }
    if (!strcmp(cmd, "clock"))
        return test_clock();
    if (!strcmp(cmd, "random"))
        return test_random();
    if (!strcmp(cmd, "seek"))
        return test_seek();
    if (!strcmp(cmd, "fdstat"))
        return test_fdstat();
    if (!strcmp(cmd, "close"))
        return test_close();
    fprintf(stderr, "guest: unknown command '%s'\n", cmd);
    return 99;
}
