/*
 * run.c - `sandc run [options] PROG.wasm [ARGS...]`: run a WASI command.
 *
 * The binary is built once per content: translate PROG.wasm (module name
 * `prog`), write the runtime's sources (embedded in sandc at build time)
 * beside it, compile all of it with $CC -O2, and keep the result in the
 * cache under the SHA-256 of everything that went in.  Then exec it, so the
 * program's exit status and stdio are sandc's own.
 *
 * The binary's command line (rt/wasi/main.c):
 *     BINARY [--env NAME=VALUE]... -- ARGV0 [ARGS...]
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wasm.h"

/* wasi_snapshot_preview1: name, parameters, results ('i' i32, 'I' i64). */
static const struct { const char *name, *params, *results; } wasi_funcs[] = {
    {"args_get", "ii", "i"},
    {"args_sizes_get", "ii", "i"},
    {"environ_get", "ii", "i"},
    {"environ_sizes_get", "ii", "i"},
    {"clock_res_get", "ii", "i"},
    {"clock_time_get", "iIi", "i"},
    {"fd_advise", "iIIi", "i"},
    {"fd_allocate", "iII", "i"},
    {"fd_close", "i", "i"},
    {"fd_datasync", "i", "i"},
    {"fd_fdstat_get", "ii", "i"},
    {"fd_fdstat_set_flags", "ii", "i"},
    {"fd_fdstat_set_rights", "iII", "i"},
    {"fd_filestat_get", "ii", "i"},
    {"fd_filestat_set_size", "iI", "i"},
    {"fd_filestat_set_times", "iIIi", "i"},
    {"fd_pread", "iiiIi", "i"},
    {"fd_prestat_get", "ii", "i"},
    {"fd_prestat_dir_name", "iii", "i"},
    {"fd_pwrite", "iiiIi", "i"},
    {"fd_read", "iiii", "i"},
    {"fd_readdir", "iiiIi", "i"},
    {"fd_renumber", "ii", "i"},
    {"fd_seek", "iIii", "i"},
    {"fd_sync", "i", "i"},
    {"fd_tell", "ii", "i"},
    {"fd_write", "iiii", "i"},
    {"path_create_directory", "iii", "i"},
    {"path_filestat_get", "iiiii", "i"},
    {"path_filestat_set_times", "iiiiIIi", "i"},
    {"path_link", "iiiiiii", "i"},
    {"path_open", "iiiiiIIii", "i"},
    {"path_readlink", "iiiiii", "i"},
    {"path_remove_directory", "iii", "i"},
    {"path_rename", "iiiiii", "i"},
    {"path_symlink", "iiiii", "i"},
    {"path_unlink_file", "iii", "i"},
    {"poll_oneoff", "iiii", "i"},
    {"proc_exit", "i", ""},
    {"proc_raise", "i", "i"},
    {"sched_yield", "", "i"},
    {"random_get", "ii", "i"},
    {"sock_accept", "iii", "i"},
    {"sock_recv", "iiiiii", "i"},
    {"sock_send", "iiiii", "i"},
    {"sock_shutdown", "ii", "i"},
};

static const char WASI[] = "wasi_snapshot_preview1";

typedef struct RunOpts {
    const char *mode;  /* guard, check, mask, or NULL: the header's default */
    char **env;        /* NAME=VALUE, allocated */
    int nenv;
    int verbose;
    int rebuild;
} RunOpts;

static void run_usage(FILE *out)
{
    fputs("usage: sandc run [options] PROG.wasm [ARGS...]\n"
          "\n"
          "Run a WASI command (a module exporting _start and memory, built for\n"
          "wasm32-wasi): translate it, compile it with $CC (default cc) at -O2\n"
          "against the runtime, cache the binary by content hash, and run it\n"
          "with ARGS and this process's stdin, stdout and stderr.\n"
          "\n"
          "options (before PROG.wasm):\n"
          "  --mode guard|check|mask  the memory mode (default: guard on 64-bit\n"
          "                           POSIX hosts, else check)\n"
          "  --env NAME=VALUE         give the program an environment variable\n"
          "  --env NAME               pass on this process's NAME, if set\n"
          "                           (nothing else of the environment is given)\n"
          "  --rebuild                compile again, even if cached\n"
          "  -v, --verbose            say what is compiled and where it is cached\n"
          "  --help                   show this text\n"
          "\n"
          "cache: $SANDC_CACHE_DIR, else $XDG_CACHE_HOME/sandc, else\n"
          "~/.cache/sandc\n"
          "\n"
          "exit status: the program's; 134 if it traps (with \"PROG.wasm: trap:\n"
          "REASON\" on stderr); sandc's own 1 (the module is invalid or not a\n"
          "WASI command) or 2 (usage, I/O or compile error) before it starts.\n",
          out);
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        internal_error(__FILE__, __LINE__, "out of memory");
    return p;
}

static char *join(const char *a, const char *b)
{
    Buf x = {0};
    buf_printf(&x, "%s/%s", a, b);
    return x.p;
}

/* ---- is it a WASI command? ---------------------------------------------------- */

static int span_is(const Module *m, Span s, const char *str)
{
    return s.len == strlen(str) && memcmp(m->bytes + s.off, str, s.len) == 0;
}

static int sig_is(const FuncType *t, const char *params, const char *results)
{
    const char *want[2] = {params, results};
    uint32_t n[2] = {t->nparams, t->nresults};
    const ValType *have[2] = {t->params, t->results};
    for (int k = 0; k < 2; k++) {
        if (strlen(want[k]) != n[k])
            return 0;
        for (uint32_t i = 0; i < n[k]; i++)
            if (have[k][i] != (want[k][i] == 'i' ? VT_I32 : VT_I64))
                return 0;
    }
    return 1;
}

static void sig_text(Buf *b, const char *params, const char *results)
{
    const char *part[2] = {params, results};
    for (int k = 0; k < 2; k++) {
        buf_puts(b, k ? " -> (" : "(");
        for (const char *p = part[k]; *p; p++)
            buf_printf(b, "%s%s", p == part[k] ? "" : ", ",
                       *p == 'i' ? "i32" : "i64");
        buf_puts(b, ")");
    }
}

/* 0 if every import is a wasi_snapshot_preview1 function of the right type
 * and the module exports `_start` () -> () and `memory`; else 1 after
 * printing what is wrong. */
static int check_command(const Module *m, Diag *d)
{
    char mod[52], field[52];
    for (uint32_t i = 0; i < m->nimports; i++) {
        const Import *im = &m->imports[i];
        name_printable(mod, sizeof mod, m->bytes + im->module.off, im->module.len);
        name_printable(field, sizeof field, m->bytes + im->field.off, im->field.len);
        if (!span_is(m, im->module, WASI) || im->kind != EXT_FUNC) {
            diag_error(d, im->off, "import \"%s\" \"%s\": sandc run provides "
                       "only the functions of %s", mod, field, WASI);
            return 1;
        }
        size_t k = 0, n = sizeof wasi_funcs / sizeof wasi_funcs[0];
        while (k < n && !span_is(m, im->field, wasi_funcs[k].name))
            k++;
        if (k == n) {
            diag_error(d, im->off, "import \"%s\" \"%s\": no such function "
                       "in %s", mod, field, WASI);
            return 1;
        }
        const FuncType *t = &m->types[m->funcs[im->index].type];
        if (!sig_is(t, wasi_funcs[k].params, wasi_funcs[k].results)) {
            Buf s = {0};
            sig_text(&s, wasi_funcs[k].params, wasi_funcs[k].results);
            diag_error(d, im->off, "import \"%s\" \"%s\": wrong type; %s.%s "
                       "is %s", mod, field, WASI, field, s.p);
            buf_free(&s);
            return 1;
        }
    }
    int start = 0, memory = 0;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const Export *ex = &m->exports[i];
        if (ex->kind == EXT_FUNC && span_is(m, ex->name, "_start")) {
            if (!sig_is(&m->types[m->funcs[ex->index].type], "", "")) {
                diag_error(d, ex->off, "export \"_start\" must be a function "
                           "with no parameters and no results");
                return 1;
            }
            start = 1;
        }
        if (ex->kind == EXT_MEMORY && span_is(m, ex->name, "memory"))
            memory = 1;
    }
    if (!start || !memory) {
        /* an absence: positioned where the module ends */
        diag_error(d, m->size, "not a WASI command: it exports no %s named "
                   "\"%s\" (build it with clang --target=wasm32-wasi)",
                   start ? "memory" : "function", start ? "memory" : "_start");
        return 1;
    }
    return 0;
}

/* ---- the cache ---------------------------------------------------------------- */

/* mkdir -p; 0 or -1 with errno set. */
static int make_dirs(const char *path, mode_t mode)
{
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; rc == 0; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, mode) != 0 && errno != EEXIST)
            rc = -1;
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return rc;
}

static char *cache_dir(void)
{
    const char *e;
    if ((e = getenv("SANDC_CACHE_DIR")) && *e)
        return xstrdup(e);
    if ((e = getenv("XDG_CACHE_HOME")) && *e == '/')
        return join(e, "sandc");
    if ((e = getenv("HOME")) && *e)
        return join(e, ".cache/sandc");
    return NULL;
}

static const char *cc_command(void)
{
    const char *cc = getenv("CC");
    return cc && *cc ? cc : "cc";
}

/* Everything the binary depends on: sandc's version and build (the
 * translator itself: on Linux, this executable's identity, so that a rebuilt
 * sandc translates anew), the runtime's sources, the compiler command, the
 * memory mode and the module. */
static void content_hash(const uint8_t *wasm, size_t size, const RunOpts *o,
                         char hex[65])
{
    Sha256 s;
    struct stat st;
    sha256_init(&s);
    const char *parts[] = {"sandc run " SANDC_VERSION, cc_command(),
                           o->mode ? o->mode : "default"};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        sha256_update(&s, parts[i], strlen(parts[i]) + 1);
    if (stat("/proc/self/exe", &st) == 0) {
        uint64_t id[5] = {(uint64_t)st.st_dev, (uint64_t)st.st_ino,
                          (uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
                          (uint64_t)st.st_mtim.tv_nsec};
        sha256_update(&s, id, sizeof id);
    }
    for (size_t i = 0; i < runtime_nfiles; i++) {
        uint64_t n = runtime_files[i].len;
        sha256_update(&s, runtime_files[i].path, strlen(runtime_files[i].path) + 1);
        sha256_update(&s, &n, sizeof n);
        sha256_update(&s, runtime_files[i].data, runtime_files[i].len);
    }
    sha256_update(&s, wasm, size);
    sha256_hex(&s, hex);
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- building ----------------------------------------------------------------- */

static int write_in(const char *dir, const char *rel, const char *data,
                    size_t len)
{
    char *path = join(dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    int rc = make_dirs(path, 0755);
    *slash = '/';
    Buf b = {(char *)data, len, len, NULL, NULL, 0};
    if (rc == 0)
        rc = write_file_atomic(path, &b);
    if (rc != 0)
        fprintf(stderr, "sandc: cannot write %s: %s\n", path, strerror(errno));
    free(path);
    return rc;
}

/* Run argv; its exit status, or -1 if it could not be started. */
static int spawn(char **argv)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "sandc: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Compile dir/prog.c and the runtime into dir/prog: 0, or EXIT_USAGE.
 * `no_imports`: prog_imports has no context member for the driver to set. */
static int compile(const char *dir, const RunOpts *o, int no_imports)
{
    char *cc = xstrdup(cc_command());
    size_t cap = 16 + runtime_nfiles + strlen(cc);
    char **argv = calloc(cap, sizeof *argv);
    char *inc = join(dir, "include"), *prog_c = join(dir, "prog.c"),
         *out = join(dir, "prog"), mode[64] = "";
    char **owned = calloc(runtime_nfiles, sizeof *owned);
    if (!argv || !owned)
        internal_error(__FILE__, __LINE__, "out of memory");
    size_t n = 0;
    for (char *w = strtok(cc, " \t"); w; w = strtok(NULL, " \t"))
        argv[n++] = w;
    argv[n++] = "-std=c99";
    argv[n++] = "-O2";
    argv[n++] = "-I";
    argv[n++] = inc;
    argv[n++] = "-I";
    argv[n++] = (char *)dir;
    if (o->mode) {
        snprintf(mode, sizeof mode, "-DSANDC_MEMORY_MODE=SANDC_%s",
                 o->mode[0] == 'g' ? "GUARD" : o->mode[0] == 'c' ? "CHECK" : "MASK");
        argv[n++] = mode;
    }
    if (no_imports)
        argv[n++] = "-DSANDC_WASI_NO_IMPORTS";
    argv[n++] = prog_c;
    for (size_t i = 0; i < runtime_nfiles; i++) {
        const char *p = runtime_files[i].path;
        size_t len = strlen(p);
        if (len > 2 && strcmp(p + len - 2, ".c") == 0)
            argv[n++] = owned[i] = join(dir, p);
    }
    argv[n++] = "-o";
    argv[n++] = out;
    argv[n++] = "-lm";
    argv[n] = NULL;
    if (o->verbose) {
        fputs("sandc run: compiling:", stderr);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " %s", argv[i]);
        fputc('\n', stderr);
    }
    int rc = argv[0] ? spawn(argv) : -1;
    int status = 0;
    if (rc != 0) {
        if (rc < 0)
            fprintf(stderr, "sandc run: cannot start the C compiler '%s'\n",
                    cc_command());
        else
            fprintf(stderr, "sandc run: the C compiler '%s' failed (exit "
                    "status %d)\n", cc_command(), rc);
        status = EXIT_USAGE;
    }
    for (size_t i = 0; i < runtime_nfiles; i++)
        free(owned[i]);
    free(owned);
    free(argv);
    free(cc);
    free(inc);
    free(prog_c);
    free(out);
    return status;
}

/* Validate, translate and compile PROG.wasm into `bin`.  0, or an exit
 * status after printing why. */
static int build(const char *input, const uint8_t *bytes, size_t size,
                 const char *cache, const char *bin, const RunOpts *o)
{
    Diag d = {input, 0, 0, {0}};
    Module m;
    Buf c = {0}, h = {0};
    char *tmp = NULL;
    int status = EXIT_INVALID;
    /* emit_module validates each function body just before translating
     * it; an invalid one is the error to report before check_command's */
    int valid = read_module(&m, bytes, size, FEATURES_DEFAULT, &d) == 0 &&
                validate_decls(&m, FEATURES_DEFAULT, &d) == 0;
    if (valid && check_command(&m, &d) != 0) {
        Diag v = {input, 0, 0, {0}};
        if (validate_bodies(&m, FEATURES_DEFAULT, m.nfunc_imports,
                            jobs_default(), &v))
            d = v;
        valid = 0;
    }
    if (valid && emit_module(&m, FEATURES_DEFAULT, "prog", "prog.h", &c, &h, NULL,
                          0, jobs_default(), &d) == 0) {
        status = EXIT_USAGE;
        tmp = join(cache, "build.XXXXXX");
        if (!mkdtemp(tmp)) {
            fprintf(stderr, "sandc: cannot create a directory in %s: %s\n",
                    cache, strerror(errno));
            free(tmp);
            tmp = NULL;
        }
    }
    if (d.failed)
        diag_print(&d);
    int ok = tmp != NULL;
    for (size_t i = 0; ok && i < runtime_nfiles; i++)
        ok = write_in(tmp, runtime_files[i].path,
                      (const char *)runtime_files[i].data,
                      runtime_files[i].len) == 0;
    ok = ok && write_in(tmp, "prog.h", h.p, h.len) == 0 &&
         write_in(tmp, "prog.c", c.p, c.len) == 0;
    if (ok && compile(tmp, o, m.nimports == 0) == 0) {
        char *out = join(tmp, "prog");
        if (rename(out, bin) == 0)
            status = 0;
        else
            fprintf(stderr, "sandc: cannot write %s: %s\n", bin,
                    strerror(errno));
        free(out);
    }
    if (tmp)
        remove_tree(tmp);
    free(tmp);
    buf_free(&c);
    buf_free(&h);
    module_free(&m);
    return status;
}

/* ---- the command -------------------------------------------------------------- */

/* Parse the options before PROG.wasm into *o; returns -1 to go on (with
 * *first the index of PROG.wasm), else the exit status. */
static int parse_options(int argc, char **argv, RunOpts *o, int *first)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            run_usage(stdout);
            return 0;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = 1;
        } else if (strcmp(a, "--rebuild") == 0) {
            o->rebuild = 1;
        } else if (strcmp(a, "--mode") == 0) {
            if (++i == argc)
                return usage_error("sandc run",
                                   "%s needs guard, check or mask", a);
            o->mode = argv[i];
            if (strcmp(o->mode, "guard") != 0 && strcmp(o->mode, "check") != 0 &&
                strcmp(o->mode, "mask") != 0)
                return usage_error("sandc run", "unknown memory mode %s "
                                   "(guard, check or mask)", o->mode);
        } else if (strcmp(a, "--env") == 0) {
            if (++i == argc)
                return usage_error("sandc run",
                                   "%s needs NAME=VALUE or NAME", a);
            const char *e = argv[i], *v;
            if (e[0] == '=' || e[0] == '\0')
                return usage_error("sandc run", "bad --env %s: no name", e);
            Buf b = {0};
            if (strchr(e, '='))
                buf_puts(&b, e);
            else if ((v = getenv(e)) != NULL)
                buf_printf(&b, "%s=%s", e, v);
            else
                continue; /* not set here: not set there */
            o->env[o->nenv++] = b.p;
        } else {
            return usage_error("sandc run", "unknown option %s", a);
        }
    }
    if (i == argc)
        return usage_error("sandc run", "no program (PROG.wasm) to run");
    *first = i;
    return -1;
}

/* Find or build the binary for PROG.wasm and exec it; returns only on
 * failure, with the exit status. */
static int run_program(const RunOpts *o, const char *input, char **args,
                       int nargs)
{
    size_t size = 0;
    uint8_t *bytes = read_file(input, &size);
    if (!bytes)
        return EXIT_USAGE;
    int status = EXIT_USAGE;
    char *cache = cache_dir(), *bin = NULL;
    char **bargv = NULL;
    char hex[65];
    struct stat st;
    if (!cache) {
        fputs("sandc run: no cache directory: set SANDC_CACHE_DIR or HOME\n",
              stderr);
        goto out;
    }
    if (make_dirs(cache, 0700) != 0) {
        fprintf(stderr, "sandc: cannot create %s: %s\n", cache, strerror(errno));
        goto out;
    }
    content_hash(bytes, size, o, hex);
    bin = join(cache, hex);
    if (o->rebuild || stat(bin, &st) != 0) {
        status = build(input, bytes, size, cache, bin, o);
        if (status != 0)
            goto out;
        if (o->verbose)
            fprintf(stderr, "sandc run: cached %s\n", bin);
    } else if (o->verbose) {
        fprintf(stderr, "sandc run: cache hit %s\n", bin);
    }

    bargv = calloc((size_t)(2 * o->nenv + nargs + 4), sizeof *bargv);
    if (!bargv)
        internal_error(__FILE__, __LINE__, "out of memory");
    int n = 0;
    bargv[n++] = bin;
    for (int k = 0; k < o->nenv; k++) {
        bargv[n++] = "--env";
        bargv[n++] = o->env[k];
    }
    bargv[n++] = "--";
    bargv[n++] = (char *)input;
    for (int k = 0; k < nargs; k++)
        bargv[n++] = args[k];
    bargv[n] = NULL;
    fflush(NULL);
    execv(bin, bargv);
    fprintf(stderr, "sandc: cannot run %s: %s\n", bin, strerror(errno));
    status = EXIT_USAGE;
out:
    free(bargv);
    free(bin);
    free(cache);
    free(bytes);
    return status;
}

int run_command(int argc, char **argv)
{
    RunOpts o = {0};
    int first = 0;
    o.env = calloc((size_t)argc, sizeof *o.env);
    if (!o.env)
        internal_error(__FILE__, __LINE__, "out of memory");
    int status = parse_options(argc, argv, &o, &first);
    if (status < 0)
        status = run_program(&o, argv[first], argv + first + 1,
                             argc - first - 1);
    for (int k = 0; k < o.nenv; k++)
        free(o.env[k]);
    free(o.env);
    return status;
}
