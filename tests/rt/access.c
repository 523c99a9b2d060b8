/*
 * tests/rt/access.c - loads and stores through SANDC_EA in the mode built
 * for: check traps exactly at the bounds, mask wraps inside the allocation,
 * guard turns a fault in the reservation into a trap.
 *
 *   access          the checks
 *   access noscope  (guard) an out-of-bounds load with no trap scope: must die
 *                   of SIGSEGV/SIGBUS as an unhandled fault would
 *   access wild     (guard) a fault outside any memory, inside a scope: must
 *                   die the same way, not become a trap
 */
#include "check.h"

#include <string.h>

#define PAGE ((uint64_t)SANDC_PAGE_SIZE)

static volatile uint64_t sink;

/* i32.load / i64.load / i32.store as generated code does them */
static uint32_t load32(sandc_memory *m, uint64_t ea)
{
    return sandc_ld32(SANDC_EA(m->base, m->size, m->mask, ea, 4));
}
static uint64_t load64(sandc_memory *m, uint64_t ea)
{
    return sandc_ld64(SANDC_EA(m->base, m->size, m->mask, ea, 8));
}
static void store32(sandc_memory *m, uint64_t ea, uint32_t v)
{
    sandc_st32(SANDC_EA(m->base, m->size, m->mask, ea, 4), v);
}
static uint8_t load8(sandc_memory *m, uint64_t ea)
{
    return sandc_ld8(SANDC_EA(m->base, m->size, m->mask, ea, 1));
}
static uint64_t u64(uint64_t x) { volatile uint64_t v = x; return v; }

static void test_in_bounds(sandc_memory *m)
{
    store32(m, u64(0), 0x04030201u);
    CHECK_EQ(m->base[0], 1);
    CHECK_EQ(m->base[3], 4); /* little-endian */
    CHECK_EQ(load32(m, u64(0)), 0x04030201u);
    CHECK_EQ(load8(m, u64(2)), 3);
    store32(m, u64(PAGE - 4), 0xdeadbeefu);
    CHECK_EQ(load32(m, u64(PAGE - 4)), 0xdeadbeefu);
    CHECK_EQ(load8(m, u64(PAGE - 1)), 0xde);
    CHECK_EQ(load64(m, u64(PAGE - 8)), 0xdeadbeef00000000u);
}

static void test_out_of_bounds(sandc_memory *m)
{
#if SANDC_MEMORY_MODE == SANDC_MASK
    /* No trap: the address wraps into the power-of-two capacity, and even
     * the widest access at the last byte stays in the allocation. */
    CHECK_TRAP(SANDC_OK, sink = load32(m, u64(PAGE)));
    CHECK_EQ(load32(m, u64(PAGE + 0)), 0x04030201u);
    CHECK_EQ(load8(m, u64(2 * PAGE + 2)), 3);
    CHECK_EQ(load64(m, u64(0xffffffffffffffffu)),
             (uint64_t)sandc_ld64(m->base + PAGE - 1));
    store32(m, u64(0x1fffffffeu), 0x11223344u);
    CHECK_EQ(load32(m, u64(PAGE - 2)), 0x11223344u);
#else
    /* check and guard: exactly the spec's bounds */
    CHECK_TRAP(SANDC_OK, sink = load32(m, u64(PAGE - 4)));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load32(m, u64(PAGE - 3)));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load32(m, u64(PAGE)));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load8(m, u64(PAGE)));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load64(m, u64(PAGE - 7)));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load32(m, u64(0xffffffffu)));
    /* the largest address + offset a 32-bit memory can form */
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB,
               sink = load64(m, u64(0xffffffffu) + 0xffffffffu));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, store32(m, u64(PAGE - 2), 0x55555555u));
    CHECK_EQ(load32(m, u64(PAGE - 4)), 0xdeadbeefu); /* nothing written */
    /* repeated traps keep working (in guard mode: the signal is unblocked) */
    {
        volatile int i, n = 0;
        for (i = 0; i < 5; i++) {
            sandc_scope s;
            SANDC_TRY(s) {
                sink = load32(m, u64(3 * PAGE + (uint64_t)i));
                SANDC_END_TRY(s);
            } else if (s.status == SANDC_TRAP_MEMORY_OOB) {
                n++;
            }
        }
        CHECK_EQ(n, 5);
    }
    /* growing makes the next page accessible, and zero */
    CHECK_EQ(sandc_memory_grow(m, 1), 1);
    CHECK_TRAP(SANDC_OK, sink = load32(m, u64(PAGE)));
    CHECK_EQ(load32(m, u64(2 * PAGE - 4)), 0);
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load32(m, u64(2 * PAGE - 3)));
#endif
}

static void test_zero_pages(void)
{
    sandc_memory m;
    CHECK_EQ(sandc_memory_init(&m, 0, 1, 0), SANDC_OK);
#if SANDC_MEMORY_MODE == SANDC_MASK
    CHECK_TRAP(SANDC_OK, sink = load64(&m, u64(12345)));
#else
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load8(&m, u64(0)));
    CHECK_EQ(sandc_memory_grow(&m, 1), 0);
    CHECK_TRAP(SANDC_OK, sink = load8(&m, u64(0)));
#endif
    sandc_memory_free(&m);
}

/* A freed memory's storage may be reused (guard mode keeps reservations):
 * a new memory still starts zeroed, with exactly its own bounds. */
static void test_reuse(void)
{
    enum { N = 24 }; /* more than guard mode keeps */
    sandc_memory ms[N];
    uint64_t pages[3] = {3, 1, 2};
    int i, round;
    for (round = 0; round < 3; round++) {
        uint64_t p = pages[round];
        for (i = 0; i < N; i++) {
            CHECK_EQ(sandc_memory_init(&ms[i], p, 8, 0), SANDC_OK);
            CHECK_EQ(load32(&ms[i], u64(p * PAGE - 4)), 0);
            CHECK_EQ(load32(&ms[i], u64(p * PAGE / 2)), 0);
            store32(&ms[i], u64(0), 0xffffffffu);
            store32(&ms[i], u64(p * PAGE - 4), 0xffffffffu);
            memset(ms[i].base, 0xee, (size_t)ms[i].size);
#if SANDC_MEMORY_MODE != SANDC_MASK
            CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sink = load8(&ms[i], u64(p * PAGE)));
#endif
        }
        /* grown pages come back zeroed too */
        CHECK_EQ(sandc_memory_grow(&ms[0], 1), p);
        memset(ms[0].base, 0xdd, (size_t)ms[0].size);
        for (i = 0; i < N; i++)
            sandc_memory_free(&ms[i]);
    }
}

static void run_tests(int argc, char **argv)
{
    sandc_memory m;
    CHECK_EQ(sandc_memory_init(&m, 1, 4, 0), SANDC_OK);
#if SANDC_MEMORY_MODE == SANDC_GUARD
    if (argc > 1 && strcmp(argv[1], "noscope") == 0) {
        SANDC_END_TRY(*sandc_current_scope);
        sink = load32(&m, u64(PAGE));
        return; /* not reached */
    }
    if (argc > 1 && strcmp(argv[1], "wild") == 0) {
        /* inside main's scope, but no memory's reservation */
        volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)u64(8);
        sink = *p;
        return; /* not reached */
    }
#else
    (void)argc;
    (void)argv;
#endif
    test_in_bounds(&m);
    test_out_of_bounds(&m);
    sandc_memory_free(&m);
    test_zero_pages();
    test_reuse();
}
