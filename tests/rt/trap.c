/*
 * tests/rt/trap.c - trap scopes, status names, the stack budget.
 *
 *   trap          the checks
 *   trap noscope  a trap with no scope: must print "sandc: trap: integer
 *                 overflow" and abort
 */
#include "check.h"

#include <string.h>

static void test_names(void)
{
    static const char *const want[SANDC_STATUS_COUNT] = {
        "ok",
        "unreachable executed",
        "out of bounds memory access",
        "out of bounds table access",
        "indirect call type mismatch",
        "null function or reference",
        "integer divide by zero",
        "integer overflow",
        "invalid conversion to integer",
        "call stack exhausted",
        "host trap",
        "import error",
        "out of memory",
    };
    int i;
    for (i = 0; i < SANDC_STATUS_COUNT; i++)
        CHECK(strcmp(sandc_status_name((sandc_status)i), want[i]) == 0);
    CHECK(strcmp(sandc_status_name(SANDC_STATUS_COUNT), "unknown status") == 0);
    CHECK(strcmp(sandc_status_name((sandc_status)-1), "unknown status") == 0);
}

static void trap_now(sandc_status s)
{
    sandc_trap(s);
}

/* A guest function: checks the stack limit, recurses n times. */
static uint32_t recurse(uint32_t n, size_t cost)
{
    volatile char pad[64];
    uint32_t r;
    SANDC_ENTER(cost);
    pad[0] = (char)n;
    r = n ? recurse(n - 1, cost) + (uint32_t)pad[0] - (uint32_t)pad[0] + 1 : 0;
    return r;
}

/* Recurses until the stack limit stops it (never_stop is always 0). */
static volatile uint32_t depth, never_stop;
static uint32_t forever(size_t cost)
{
    volatile char pad[64];
    uint32_t r;
    SANDC_ENTER(cost);
    pad[0] = 1;
    depth++;
    r = never_stop ? 0 : forever(cost) + (uint32_t)pad[0];
    return r;
}

/* The same, as translated functions check: a constant cost. */
static uint32_t forever_const(void)
{
    volatile char pad[64];
    uint32_t r;
    SANDC_ENTER_CONST(256);
    pad[0] = 1;
    depth++;
    r = never_stop ? 0 : forever_const() + (uint32_t)pad[0];
    return r;
}

/* A cost too large for an AArch64 add's immediate. */
static uint32_t big_frame(void)
{
    SANDC_ENTER_CONST(5000);
    return 1;
}

static void test_nesting(void)
{
    sandc_scope outer, inner;
    sandc_scope *const base = sandc_current_scope; /* main's scope */
    volatile int stage = 0;

    SANDC_TRY(outer) {
        stage = 1;
        CHECK(sandc_current_scope == &outer);
        CHECK(outer.prev == base);
        SANDC_TRY(inner) {
            CHECK(sandc_current_scope == &inner);
            CHECK(inner.prev == &outer);
            stage = 2;
            trap_now(SANDC_TRAP_DIV_ZERO);
            stage = 99;
            SANDC_END_TRY(inner);
        } else {
            CHECK(stage == 2);
            CHECK_EQ(inner.status, SANDC_TRAP_DIV_ZERO);
            /* the trap popped the inner scope only */
            CHECK(sandc_current_scope == &outer);
            stage = 3;
        }
        /* The outer scope still works, and a clean inner one too. */
        SANDC_TRY(inner) {
            stage = 4;
            SANDC_END_TRY(inner);
        } else {
            stage = 98;
        }
        CHECK(stage == 4);
        CHECK(sandc_current_scope == &outer);
        trap_now(SANDC_TRAP_UNREACHABLE);
        stage = 97;
        SANDC_END_TRY(outer);
    } else {
        CHECK(stage == 4);
        CHECK_EQ(outer.status, SANDC_TRAP_UNREACHABLE);
        CHECK(sandc_current_scope == base);
        stage = 5;
    }
    CHECK(stage == 5);

    /* A trap several calls deep, through C frames. */
    CHECK_TRAP(SANDC_TRAP_HOST, trap_now(SANDC_TRAP_HOST));
    CHECK(sandc_current_scope == base);
    /* No trap: status stays OK and the scope is popped. */
    SANDC_TRY(outer) {
        SANDC_END_TRY(outer);
    }
    CHECK_EQ(outer.status, SANDC_OK);
    CHECK(sandc_current_scope == base);
}

static void test_stack(void)
{
    sandc_scope s, t;
    size_t saved = sandc_stack_budget();
    uintptr_t limit = sandc_stack_limit;

    /* the default budget; main's scope set the limit below it */
    CHECK_EQ(saved, (size_t)4 << 20);
    CHECK(limit != 0);

    /* A 256 KiB budget: frames of at least 16 bytes (a return address and a
     * frame pointer; compilers shrink the pad) and at most 2 KiB (whatever
     * the compiler and sanitizers add) bound the depth. */
    sandc_set_stack_budget(256 << 10);
    CHECK(sandc_stack_limit == limit + (saved - (256 << 10)));
    CHECK_EQ(recurse(60, 256), 60);
    depth = 0;
    CHECK_TRAP(SANDC_TRAP_EXHAUSTION, forever(256));
    CHECK(depth >= (256u << 10) / 2048 && depth <= (256u << 10) / 16);
    CHECK(sandc_stack_limit == limit + (saved - (256 << 10)));
    /* the same binary traps at the same depth every time */
    {
        uint32_t first = depth;
        depth = 0;
        CHECK_TRAP(SANDC_TRAP_EXHAUSTION, forever(256));
        CHECK_EQ(depth, first);
    }

    /* the constant-cost check stops it at the same kind of depth */
    depth = 0;
    CHECK_TRAP(SANDC_TRAP_EXHAUSTION, forever_const());
    CHECK(depth >= (256u << 10) / 2048 && depth <= (256u << 10) / 16);
    CHECK_EQ(big_frame(), 1);
    sandc_set_stack_budget(4096);
    CHECK_TRAP(SANDC_TRAP_EXHAUSTION, big_frame());
    sandc_set_stack_budget(256 << 10);

    /* Nested scopes share the outermost one's budget, and a trap in the
     * inner one leaves the limit as it was. */
    SANDC_TRY(s) {
        uintptr_t here = sandc_stack_limit;
        SANDC_TRY(t) {
            forever(256);
            SANDC_END_TRY(t);
        } else {
            CHECK_EQ(t.status, SANDC_TRAP_EXHAUSTION);
            CHECK(sandc_stack_limit == here);
        }
        SANDC_END_TRY(s);
    } else {
        CHECK(0);
    }

    /* The default budget stops unbounded recursion long before an 8 MiB
     * stack overflows. */
    sandc_set_stack_budget(saved);
    CHECK(sandc_stack_limit == limit);
    depth = 0;
    CHECK_TRAP(SANDC_TRAP_EXHAUSTION, forever(256));
    CHECK(depth >= (4u << 20) / 2048 && depth <= (4u << 20) / 16);
    /* and a zero budget traps on the first call */
    sandc_set_stack_budget(0);
    CHECK_TRAP(SANDC_TRAP_EXHAUSTION, recurse(0, 1));
    sandc_set_stack_budget(saved);
    CHECK(sandc_stack_limit == limit);
}

static void run_tests(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "noscope") == 0) {
        /* leave main's scope: no scope at all */
        SANDC_END_TRY(*sandc_current_scope);
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    }
    test_names();
    test_nesting();
    test_stack();
}
