/*
 * runrss.c - run one command and print "WALL_NS CPU_NS MAXRSS_KB EXIT" on
 * stdout (CPU = user + system time of the command).
 *
 *     runrss COMMAND [ARG...]
 *
 * The command's own stdout and stderr go to /dev/null.  bench/validate uses
 * this small helper instead of timing from Python because Linux carries the
 * peak RSS of the process that execs into the new program's ru_maxrss: a
 * child spawned straight from Python would report at least Python's own
 * ~20 MB.  Spawned from here, the floor is this helper's few hundred KB.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: runrss COMMAND [ARG...]\n", stderr);
        return 2;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);

    struct timespec t0, t1;
    pid_t pid;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int err = posix_spawn(&pid, argv[1], &fa, NULL, argv + 1, environ);
    if (err != 0) {
        fprintf(stderr, "runrss: cannot run %s\n", argv[1]);
        return 2;
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("runrss: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL +
                   (t1.tv_nsec - t0.tv_nsec);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    long long cpu = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL +
                    (long long)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
    printf("%lld %lld %ld %d\n", ns, cpu, ru.ru_maxrss, code);
    return 0;
}
