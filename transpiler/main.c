/*
 * main.c - the sandc command: parse the command line, then
 *   read -> validate -> emit -> write
 * where each function body is validated just before it is emitted, from the
 * same decoding (emit_module); `--check` validates them all without
 * emitting.  (`sandc run` is run.c.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "wasm.h"

const Features FEATURES_DEFAULT = 0
#define X(id, flag, dflt) | (dflt ? FEAT_##id : 0)
    FEATURES(X)
#undef X
    ;

static const struct { const char *flag; Features bit; int dflt; } features[] = {
#define X(id, flag, dflt) {flag, FEAT_##id, dflt},
    FEATURES(X)
#undef X
};

static void usage(FILE *out)
{
    fputs("usage: sandc [options] INPUT.wasm -o OUT.c\n"
          "       sandc --check [options] INPUT.wasm\n"
          "       sandc run [options] PROG.wasm [ARGS...]   (see sandc run --help)\n"
          "\n"
          "Translate a WebAssembly module to sandboxed C, or only validate it.\n"
          "\n"
          "options:\n"
          "  --check              validate only: exit 0 if valid, 1 if not\n"
          "  -o FILE              write the C translation to FILE (and its\n"
          "                       header beside it: FILE with .h for .c; a\n"
          "                       device or pipe, such as /dev/null or\n"
          "                       /dev/stdout, gets the header, the C and\n"
          "                       any parts, in that order)\n"
          "  -n NAME              the module's C name (default: from FILE)\n"
          "  --split N            put the functions in N more files, OUT_1.c\n"
          "                       .. OUT_N.c, to compile in parallel\n"
          "  -j N, --jobs N       work on up to N threads (at most 16; default:\n"
          "                       one per processor); the output is the same\n"
          "                       for any N.  Also -jN, --jobs=N\n"
          "  --enable-FEATURE     accept a WebAssembly proposal (see below)\n"
          "  --disable-FEATURE    reject a feature that is on by default\n"
          "  --enable-all         accept every feature below\n"
          "  --help               show this text\n"
          "  --version            show the version\n"
          "\n"
          "features (default: WebAssembly 2.0):\n", out);
    for (size_t i = 0; i < sizeof features / sizeof features[0]; i++)
        fprintf(out, "  %-26s %s\n", features[i].flag,
                features[i].dflt ? "on" : "off");
    fputs("\nexit status: 0 success, 1 invalid module, 2 usage or I/O error\n",
          out);
}

/* The header's path: OUT.c -> OUT.h, anything else + ".h". */
static char *header_path(const char *out)
{
    size_t n = strlen(out);
    char *h = malloc(n + 3);
    if (!h)
        internal_error(__FILE__, __LINE__, "out of memory");
    memcpy(h, out, n + 1);
    if (n > 2 && strcmp(out + n - 2, ".c") == 0)
        h[n - 1] = 'h';
    else
        strcpy(h + n, ".h");
    return h;
}

/* The module's C name: -n NAME mangled as any Wasm module name is (so it
 * matches what importers of NAME call); by default the output's base name
 * without its extension, with every run of other characters made one '_';
 * either with "_x" appended if C or its library has that name. */
static char *module_name(const char *cname, const char *out)
{
    Buf b = {0};
    if (cname) {
        mangle_module(&b, (const uint8_t *)cname, strlen(cname));
        return b.p;
    }
    const char *base = strrchr(out, '/');
    base = base ? base + 1 : out;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (n == 0 || (base[0] >= '0' && base[0] <= '9'))
        buf_puts(&b, "m");
    for (size_t i = 0; i < n; i++) {
        char c = base[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9');
        if (ok)
            buf_put(&b, &c, 1);
        else if (b.len && b.p[b.len - 1] != '_' && i + 1 < n)
            buf_puts(&b, "_");
    }
    if (!b.len) /* nothing but punctuation */
        buf_puts(&b, "m");
    unreserve(&b, 0);
    return b.p;
}

/* The path of part k (1-based) of a split: OUT_k.c for OUT.c. */
static char *part_path(const char *out, unsigned k)
{
    size_t n = strlen(out);
    if (n > 2 && strcmp(out + n - 2, ".c") == 0)
        n -= 2;
    char *p = malloc(n + 16);
    if (!p)
        internal_error(__FILE__, __LINE__, "out of memory");
    snprintf(p, n + 16, "%.*s_%u.c", (int)n, out, k);
    return p;
}

/* OUT is a device or a pipe (/dev/null, a FIFO), or a link in /dev or
 * /proc to a descriptor (/dev/stdout, whatever it stands for): a temporary
 * beside it could not be renamed over it (as root, /dev/null would become
 * a file), and beside it is no place for a header.  The translation goes
 * to it whole instead, as one text: OUT.h's, OUT.c's, then each part's. */
static int is_stream(const char *path)
{
    struct stat st, lst;
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
        return 0;
    if (!S_ISREG(st.st_mode))
        return 1;
    return lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) &&
           (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0);
}

static int write_stream(const char *path, const Buf *h, const Buf *c,
                        const Buf *parts, unsigned nparts)
{
    FILE *f = fopen(path, "wb");
    int ok = f != NULL;
    for (unsigned k = 0; ok && k < nparts + 2; k++) {
        const Buf *b = k == 0 ? h : k == 1 ? c : &parts[k - 2];
        ok = b->len == 0 || fwrite(b->p, 1, b->len, f) == b->len;
    }
    if (f && fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

/* Emit OUT.h, OUT.c and, split, OUT_1.c .. OUT_N.c; all appear whole, or
 * none is written.  OUT.c and the parts go to temporaries as they are
 * emitted (a large module's C need not fit in memory twice); to a device
 * or a pipe, all of it goes in one piece at the end (is_stream). */
static int translate(const Module *m, Features feat, Diag *d,
                     const char *output, const char *cname, unsigned nparts,
                     unsigned njobs)
{
    Buf c = {0}, h = {0};
    Buf *parts = calloc(nparts + 1, sizeof *parts);
    char **paths = calloc(nparts + 2, sizeof *paths); /* OUT.h, the parts */
    char *name = module_name(cname, output);
    const char *bad = NULL;
    int err = 0, stream = is_stream(output);
    if (!parts || !paths)
        internal_error(__FILE__, __LINE__, "out of memory");
    paths[0] = header_path(output);
    for (unsigned k = 0; k < nparts; k++)
        paths[k + 1] = part_path(output, k + 1);
    if (!stream && out_open(&c, output) != 0)
        bad = output;
    for (unsigned k = 0; k < nparts && !bad && !stream; k++)
        if (out_open(&parts[k], paths[k + 1]) != 0)
            bad = paths[k + 1];
    if (bad) { /* but an invalid function body is the error to report */
        err = errno;
        if (validate_bodies(m, feat, m->nfunc_imports, njobs, d))
            bad = NULL;
    }
    const char *hbase = strrchr(paths[0], '/');
    int emitted = !bad && !d->failed &&
                  emit_module(m, feat, name, hbase ? hbase + 1 : paths[0],
                              &c, &h, parts, nparts, njobs, d) == 0;
    if (emitted && stream) {
        if (write_stream(output, &h, &c, parts, nparts) != 0)
            bad = output;
        err = errno;
    } else if (emitted) {
        /* the header, the parts, then OUT.c: on a failure, remove what was
         * put in place before it */
        unsigned done = 0;
        for (; done <= nparts + 1 && !bad; done++) {
            int rc = done == 0 ? write_file_atomic(paths[0], &h)
                     : done <= nparts ? out_commit(&parts[done - 1], paths[done])
                                      : out_commit(&c, output);
            if (rc != 0)
                bad = done <= nparts ? paths[done] : output;
        }
        err = errno;
        if (bad)
            for (unsigned k = 0; k + 1 < done; k++)
                remove(paths[k]);
    }
    out_abort(&c);
    for (unsigned k = 0; k < nparts; k++)
        out_abort(&parts[k]);
    if (bad)
        fprintf(stderr, "sandc: cannot write %s: %s\n", bad, strerror(err));
    for (unsigned k = 0; k <= nparts; k++)
        free(paths[k]);
    for (unsigned k = 0; k < nparts; k++)
        buf_free(&parts[k]);
    free(paths);
    free(parts);
    buf_free(&c);
    buf_free(&h);
    free(name);
    return bad ? EXIT_USAGE : 0;
}

/* The number after option `opt`, from 1 to max, into *n; 0 on a usage
 * error, which it reports. */
static int count_arg(const char *opt, const char *s, unsigned long max,
                     unsigned *n)
{
    char *end = NULL;
    if (!s) {
        usage_error("sandc", "%s needs a number", opt);
        return 0;
    }
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v < 1 || v > max) {
        usage_error("sandc", "%s wants a number from 1 to %lu, not '%s'", opt,
                    max, s);
        return 0;
    }
    *n = (unsigned)v;
    return 1;
}

int main(int argc, char **argv)
{
    Features feat = FEATURES_DEFAULT;
    const char *input = NULL, *output = NULL, *cname = NULL;
    int check = 0;
    unsigned nparts = 0, njobs = jobs_default();

    if (argc > 1 && strcmp(argv[1], "run") == 0)
        return run_command(argc - 1, argv + 1);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("sandc %s\n", SANDC_VERSION);
            return 0;
        } else if (strcmp(a, "--check") == 0) {
            check = 1;
        } else if (strcmp(a, "-o") == 0) {
            if (++i == argc)
                return usage_error("sandc", "%s needs a file name", a);
            output = argv[i];
        } else if (strcmp(a, "--split") == 0) {
            if (!count_arg(a, ++i < argc ? argv[i] : NULL, 1000, &nparts))
                return EXIT_USAGE;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            if (!count_arg(a, ++i < argc ? argv[i] : NULL, 1000, &njobs))
                return EXIT_USAGE;
        } else if (strncmp(a, "-j", 2) == 0 || strncmp(a, "--jobs=", 7) == 0) {
            /* -j4 and --jobs=4, as make and ninja take them */
            const char *v = a[1] == 'j' ? a + 2 : a + 7;
            if (!count_arg(a[1] == 'j' ? "-j" : "--jobs", v, 1000, &njobs))
                return EXIT_USAGE;
        } else if (strcmp(a, "-n") == 0) {
            if (++i == argc)
                return usage_error("sandc", "%s needs a name", a);
            cname = argv[i];
        } else if (strcmp(a, "--enable-all") == 0) {
            feat = ~(Features)0;
        } else if (strncmp(a, "--enable-", 9) == 0 ||
                   strncmp(a, "--disable-", 10) == 0) {
            int on = a[2] == 'e';
            const char *name = a + (on ? 9 : 10);
            size_t k = 0, n = sizeof features / sizeof features[0];
            while (k < n && strcmp(features[k].flag, name) != 0)
                k++;
            if (k == n)
                return usage_error("sandc", "unknown feature in %s", a);
            feat = on ? feat | features[k].bit : feat & ~features[k].bit;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("sandc", "unknown option %s", a);
        } else if (input) {
            return usage_error("sandc", "more than one input file (%s)", a);
        } else {
            input = a;
        }
    }
    if (!input)
        return usage_error("sandc", "no input file");
    if (!check && !output)
        return usage_error("sandc", "nothing to do: give -o OUT.c, or --check");

    size_t size = 0;
    uint8_t *bytes = read_file(input, &size);
    if (!bytes)
        return EXIT_USAGE;

    Diag d = {input, 0, 0, {0}};
    Module m;
    int status = 0;
    /* translate() validates each function body just before translating it */
    if (read_module(&m, bytes, size, feat, &d) == 0 &&
        validate_decls(&m, feat, &d) == 0 && check)
        validate_bodies(&m, feat, m.nfunc_imports, njobs, &d);
    if (!d.failed && !check)
        status = translate(&m, feat, &d, output, cname, nparts, njobs);
    if (d.failed) {
        diag_print(&d);
        status = EXIT_INVALID;
    }
    module_free(&m);
    free(bytes);
    return status;
}
