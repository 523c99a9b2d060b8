/*
 * rt/wasi/main.c - the driver of a translated WASI command.
 *
 * Compiled together with the module's C, translated with the name `prog`
 * (it exports "_start" and "memory", and imports only
 * wasi_snapshot_preview1 functions), the runtime and rt/wasi/wasi.c:
 *
 *     BINARY [--env NAME=VALUE]... -- ARGV0 [ARG...]
 *
 * The guest's arguments are ARGV0 ARG...; its environment is only the --env
 * variables.  Exit status: 0 when _start returns; the code given to
 * proc_exit; 134 after a trap, with "ARGV0: trap: WHY" on stderr, or when
 * the module cannot be instantiated ("ARGV0: cannot instantiate: WHY"); 2
 * for a bad command line.
 *
 * A module that imports nothing has no context member in prog_imports: build
 * it with -DSANDC_WASI_NO_IMPORTS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"
#include "sandc_wasi.h"

/* Static: an instance can be large, and neither may move. */
static prog inst;
static struct wasi_snapshot_preview1 wasi;

static int usage(void)
{
    fputs("usage: PROGRAM [--env NAME=VALUE]... -- ARGV0 [ARG...]\n", stderr);
    return 2;
}

/* Run _start in a trap scope of its own: SANDC_OK or the trap. */
static sandc_status run_start(void)
{
    sandc_scope s;
    SANDC_TRY(s) {
        prog___x5fstart(&inst);
        SANDC_END_TRY(s);
        return SANDC_OK;
    }
    return s.status;
}

int main(int argc, char **argv)
{
    const char **envp;
    const char *name;
    prog_imports imports;
    sandc_status st;
    int i = 1, n = 0, code;

    envp = malloc(((size_t)argc + 1) * sizeof *envp);
    if (!envp) {
        fputs("out of memory\n", stderr);
        return 134;
    }
    while (i < argc && strcmp(argv[i], "--env") == 0) {
        if (i + 1 >= argc || argv[i + 1][0] == '=' ||
            !strchr(argv[i + 1], '=')) {
            free(envp);
            return usage();
        }
        envp[n++] = argv[i + 1];
        i += 2;
    }
    envp[n] = NULL;
    if (i + 1 >= argc || strcmp(argv[i], "--") != 0) {
        free(envp);
        return usage();
    }
    i++;
    name = argv[i];
    sandc_wasi_init(&wasi, argc - i, (const char *const *)(argv + i), envp);

    memset(&imports, 0, sizeof imports);
#ifndef SANDC_WASI_NO_IMPORTS
    imports.wasi_snapshot_preview1 = &wasi;
#endif
    st = prog_instantiate(&inst, &imports);
    if (st != SANDC_OK) {
        /* a start function may already have called proc_exit */
        if (wasi.exited) {
            code = (int)wasi.exit_code;
        } else {
            fprintf(stderr, "%s: cannot instantiate: %s\n", name,
                    sandc_status_name(st));
            code = 134;
        }
        free(envp);
        fflush(stdout);
        return code;
    }
    wasi.memory = prog__memory(&inst);

    st = run_start();
    if (wasi.exited) {
        code = (int)wasi.exit_code;
    } else if (st != SANDC_OK) {
        fprintf(stderr, "%s: trap: %s\n", name, sandc_status_name(st));
        code = 134;
    } else {
        code = 0;
    }
    prog_free(&inst);
    free(envp);
    fflush(stdout);
    return code;
}
