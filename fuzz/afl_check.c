/*
 * afl_check.c - AFL++ harness for the reader and validator.
 *
 * Every input is run through read_module + validate_module three times: with
 * every feature on (so the proposals' code paths are fuzzed), with the default
 * feature set (WebAssembly 2.0: the "needs feature X" rejections of the
 * proposals) and with no feature at all (the MVP: the rejections of what 2.0
 * added, e.g. multi-value, reference types, SIMD).  Running all three on
 * every input, rather than choosing one by an input byte, keeps the corpus
 * files plain .wasm modules that sandc replays unchanged: `sandc --check`
 * with --enable-all, with no option, and with every --disable-FEATURE.
 *
 * Built with -DAFL_CHECK_EMIT (fuzz/build with FUZZ_EMIT=1), a module that
 * validates is also translated by emit_module into memory buffers (not
 * written anywhere), so the emitter is fuzzed too; so is every module whose
 * function bodies alone are invalid, which emit_module must reject with the
 * validator's error (it validates each body as it translates it).  Off by default: the
 * campaign's contract is the reader and validator.
 *
 * Built by afl-clang-lto / afl-clang-fast (fuzz/build) it runs in persistent
 * mode with the test case in shared memory.  Built by any other C11 compiler
 * it is a replay tool:
 *
 *     afl_check FILE...      check each file; prints one line per file and
 *                            feature set (all, default, mvp); exit 0 unless
 *                            a file can't be read
 *     afl_check < FILE       the same for standard input
 *
 * Each test case is copied into a heap buffer of exactly its size, so an
 * over-read of the input is caught by AddressSanitizer even in persistent
 * mode (the shared-memory buffer itself is larger than the test case).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h> /* read(), used by the __AFL_FUZZ_TESTCASE_LEN macro */

#include "../transpiler/wasm.h"

/* main.c, which defines it, is not linked into the harness. */
const Features FEATURES_DEFAULT = 0
#define X(id, flag, dflt) | (dflt ? FEAT_##id : 0)
    FEATURES(X)
#undef X
    ;

/* Check one module with one feature set: 0 valid (and, with AFL_CHECK_EMIT,
 * translated), 1 invalid (or not translatable). */
static int check(const uint8_t *data, size_t size, Features f, Diag *d)
{
    Module m;
    int decls = read_module(&m, data, size, f, d) == 0 &&
                validate_decls(&m, f, d) == 0;
    if (decls)
        validate_bodies(&m, f, m.nfunc_imports, 1, d);
#ifdef AFL_CHECK_EMIT
    if (decls) {
        /* emit_module validates each body as it translates it: on an
         * invalid module, the same error */
        Buf c = {0}, h = {0};
        Diag e = {d->file, 0, 0, {0}};
        emit_module(&m, f, "fuzz", "fuzz.h", &c, &h, NULL, 0, 1, &e);
        if (d->failed && (!e.failed || e.off != d->off || strcmp(e.msg, d->msg)))
            abort();
        if (!d->failed)
            *d = e;
        buf_free(&c);
        buf_free(&h);
    }
#endif
    module_free(&m);
    return d->failed;
}

/* Every feature set, on a heap copy of the input that ends exactly where the
 * input does.  `verbose` prints each result (replay mode). */
static void check_all_sets(const char *name, const uint8_t *data, size_t size,
                       int verbose)
{
    const struct { const char *label; Features f; } sets[] = {
        {"all", ~(Features)0},
        {"default", FEATURES_DEFAULT},
        {"mvp", 0},
    };
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        abort();
    if (size)
        memcpy(copy, data, size);
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        Diag d = {name, 0, 0, {0}};
        int bad = check(copy, size, sets[i].f, &d);
        if (verbose) {
            if (bad)
                printf("%s [%s]: invalid: 0x%zx: %s\n", name, sets[i].label,
                       d.off, d.msg);
            else
                printf("%s [%s]: valid\n", name, sets[i].label);
        }
    }
    free(copy);
}

#ifdef __AFL_FUZZ_TESTCASE_LEN

__AFL_FUZZ_INIT();

int main(void)
{
    opcodes_init(); /* once, before the fork server starts */
#ifdef __AFL_HAVE_MANUAL_CONTROL
    __AFL_INIT();
#endif
    const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
    while (__AFL_LOOP(10000)) {
        size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
        check_all_sets("input", buf, len, 0);
    }
    return 0;
}

#else /* not built by afl: replay files */

/* Read a whole stream; NULL on error. */
static uint8_t *slurp(FILE *fp, size_t *size)
{
    size_t cap = 65536, len = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        len += fread(buf + len, 1, cap - len, fp);
        if (len < cap)
            break;
        uint8_t *nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
        if (!nb)
            free(buf);
        buf = nb;
        cap *= 2;
    }
    if (buf && ferror(fp)) {
        free(buf);
        buf = NULL;
    }
    *size = len;
    return buf;
}

static int replay(const char *name, FILE *fp)
{
    size_t size = 0;
    uint8_t *data = slurp(fp, &size);
    if (!data) {
        fprintf(stderr, "afl_check: cannot read %s\n", name);
        return 1;
    }
    check_all_sets(name, data, size, 1);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0;
    if (argc < 2)
        return replay("<stdin>", stdin);
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            perror(argv[i]);
            status = 2;
            continue;
        }
        if (replay(argv[i], fp))
            status = 2;
        fclose(fp);
    }
    return status;
}

#endif
