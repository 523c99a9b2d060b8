/*
 * tests/rt/check.h - a minimal harness for the runtime's C tests.
 *
 * Each program runs its checks inside one outer trap scope (so an unexpected
 * trap is reported, not an abort), prints one line per failed check to
 * stderr, a summary to stdout, and exits 1 if anything failed.
 */
#ifndef SANDC_TEST_CHECK_H
#define SANDC_TEST_CHECK_H

/* GCC's -Wclobbered (in -Wextra) flags locals of the always-inline helpers
 * once they are inlined into a function with a SANDC_TRY, as every test
 * function is; the values are never used after a longjmp. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wclobbered"
#endif

#include "sandc_ops.h"

#include <stdio.h>
#include <stdlib.h>

static int check_count, check_failed;

static void check_fail(const char *file, int line, const char *what)
{
    check_failed++;
    fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
}

#define CHECK(cond)                                                          \
    do {                                                                     \
        check_count++;                                                       \
        if (!(cond))                                                         \
            check_fail(__FILE__, __LINE__, #cond);                           \
    } while (0)

static void check_u64_(const char *file, int line, const char *expr,
                       uint64_t got, uint64_t want)
{
    check_count++;
    if (got != want) {
        check_fail(file, line, expr);
        fprintf(stderr, "    got 0x%016llx, want 0x%016llx\n",
                (unsigned long long)got, (unsigned long long)want);
    }
}
/* Integers, and floats by their bits. */
#define CHECK_EQ(expr, want)                                                 \
    check_u64_(__FILE__, __LINE__, #expr, (uint64_t)(expr), (uint64_t)(want))
#define CHECK_F32(expr, bits)                                                \
    check_u64_(__FILE__, __LINE__, #expr,                                    \
               sandc_i32_reinterpret_f32(expr), (uint32_t)(bits))
#define CHECK_F64(expr, bits)                                                \
    check_u64_(__FILE__, __LINE__, #expr,                                    \
               sandc_i64_reinterpret_f64(expr), (uint64_t)(bits))

/* A quiet NaN (a Wasm "arithmetic NaN"); canonical: payload exactly the
 * quiet bit, either sign. */
#define CHECK_F32_ARITH_NAN(expr)                                            \
    do {                                                                     \
        uint32_t b_ = sandc_i32_reinterpret_f32(expr);                       \
        check_count++;                                                       \
        if ((b_ & 0x7fc00000u) != 0x7fc00000u) {                             \
            check_fail(__FILE__, __LINE__, "arithmetic NaN: " #expr);        \
            fprintf(stderr, "    got 0x%08lx\n", (unsigned long)b_);         \
        }                                                                    \
    } while (0)
#define CHECK_F32_CANON_NAN(expr)                                            \
    do {                                                                     \
        uint32_t b_ = sandc_i32_reinterpret_f32(expr);                       \
        check_count++;                                                       \
        if ((b_ & 0x7fffffffu) != 0x7fc00000u) {                             \
            check_fail(__FILE__, __LINE__, "canonical NaN: " #expr);         \
            fprintf(stderr, "    got 0x%08lx\n", (unsigned long)b_);         \
        }                                                                    \
    } while (0)
#define CHECK_F64_ARITH_NAN(expr)                                            \
    do {                                                                     \
        uint64_t b_ = sandc_i64_reinterpret_f64(expr);                       \
        check_count++;                                                       \
        if ((b_ & 0x7ff8000000000000u) != 0x7ff8000000000000u) {             \
            check_fail(__FILE__, __LINE__, "arithmetic NaN: " #expr);        \
            fprintf(stderr, "    got 0x%016llx\n", (unsigned long long)b_);  \
        }                                                                    \
    } while (0)
#define CHECK_F64_CANON_NAN(expr)                                            \
    do {                                                                     \
        uint64_t b_ = sandc_i64_reinterpret_f64(expr);                       \
        check_count++;                                                       \
        if ((b_ & 0x7fffffffffffffffu) != 0x7ff8000000000000u) {             \
            check_fail(__FILE__, __LINE__, "canonical NaN: " #expr);         \
            fprintf(stderr, "    got 0x%016llx\n", (unsigned long long)b_);  \
        }                                                                    \
    } while (0)

static void check_status_(const char *file, int line, const char *expr,
                          sandc_status got, sandc_status want)
{
    check_count++;
    if (got != want) {
        check_fail(file, line, expr);
        fprintf(stderr, "    got \"%s\", want \"%s\"\n",
                got == SANDC_OK ? "no trap" : sandc_status_name(got),
                want == SANDC_OK ? "no trap" : sandc_status_name(want));
    }
}

/* Evaluate expr in a trap scope of its own; check which trap (SANDC_OK: none)
 * ended it. */
#define CHECK_TRAP(want, expr)                                               \
    do {                                                                     \
        sandc_scope sc_;                                                     \
        volatile sandc_status got_ = SANDC_OK;                               \
        SANDC_TRY(sc_) {                                                     \
            (void)(expr);                                                    \
            SANDC_END_TRY(sc_);                                              \
        } else {                                                             \
            got_ = sc_.status;                                               \
        }                                                                    \
        check_status_(__FILE__, __LINE__, #expr, got_, want);                \
    } while (0)

/* Every program defines run_tests(argc, argv) and gets this main. */
static void run_tests(int argc, char **argv);

int main(int argc, char **argv)
{
    sandc_scope outer;
    SANDC_TRY(outer) {
        run_tests(argc, argv);
        SANDC_END_TRY(outer);
    } else {
        check_fail(__FILE__, __LINE__, "unexpected trap");
        fprintf(stderr, "    \"%s\"\n", sandc_status_name(outer.status));
    }
    if (sandc_current_scope != NULL)
        check_fail(__FILE__, __LINE__, "a trap scope was left open");
    printf("%d checks, %d failed\n", check_count, check_failed);
    return check_failed ? 1 : 0;
}

#endif
