/*
 * tests/rt/memory.c - linear memories in the mode built for: init, grow and
 * its limits, the host's page cap, memory64 limits, static memories and the
 * bounds of memory.fill/copy/init.
 */
#include "check.h"

#define PAGE ((uint64_t)SANDC_PAGE_SIZE)
#define FAIL64 0xffffffffffffffffu

static int all_zero(const uint8_t *p, uint64_t n)
{
    uint64_t i;
    for (i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void test_init_grow(void)
{
    sandc_memory m;
    uint64_t i;

    CHECK_EQ(sandc_memory_init(&m, 1, 3, 0), SANDC_OK);
    CHECK(m.base != NULL);
    CHECK_EQ(m.pages, 1);
    CHECK_EQ(m.size, PAGE);
    CHECK_EQ(m.max_pages, 3);
    CHECK_EQ(m.is64, 0);
    CHECK_EQ(m.is_static, 0);
    CHECK(m.capacity >= m.size);
    CHECK(all_zero(m.base, m.size));
#if SANDC_MEMORY_MODE == SANDC_MASK
    CHECK_EQ(m.capacity, PAGE);
    CHECK_EQ(m.mask, PAGE - 1);
    CHECK(all_zero(m.base, m.capacity + 16));
#endif
    for (i = 0; i < m.size; i++)
        m.base[i] = (uint8_t)(i * 7 + 1);

    CHECK_EQ(sandc_memory_grow(&m, 0), 1);
    CHECK_EQ(sandc_memory_grow(&m, 3), FAIL64); /* 4 > max 3 */
    CHECK_EQ(m.pages, 1);
    CHECK_EQ(sandc_memory_grow(&m, 1), 1);
    CHECK_EQ(m.pages, 2);
    CHECK_EQ(m.size, 2 * PAGE);
    CHECK_EQ(sandc_memory_grow(&m, 1), 2);
    CHECK_EQ(m.size, 3 * PAGE);
    CHECK_EQ(sandc_memory_grow(&m, 1), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, FAIL64), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 0), 3);
    CHECK(m.capacity >= m.size);
#if SANDC_MEMORY_MODE == SANDC_MASK
    CHECK_EQ(m.capacity, 4 * PAGE);
    CHECK_EQ(m.mask, 4 * PAGE - 1);
    CHECK(all_zero(m.base + m.size, m.capacity + 16 - m.size));
#endif
    {
        int kept = 1;
        for (i = 0; i < PAGE; i++)
            if (m.base[i] != (uint8_t)(i * 7 + 1))
                kept = 0;
        CHECK(kept);
    }
    CHECK(all_zero(m.base + PAGE, 2 * PAGE));
    m.base[3 * PAGE - 1] = 1; /* the last byte is writable */
    sandc_memory_free(&m);
    CHECK(m.base == NULL);
    CHECK_EQ(m.size, 0);

    /* Zero pages; a 32-bit memory stops at 65536 pages. */
    CHECK_EQ(sandc_memory_init(&m, 0, FAIL64, 0), SANDC_OK);
    CHECK(m.base != NULL);
    CHECK_EQ(m.size, 0);
    CHECK_EQ(m.max_pages, FAIL64);
#if SANDC_MEMORY_MODE == SANDC_MASK
    CHECK_EQ(m.mask, 0);
#endif
    CHECK_EQ(sandc_memory_grow(&m, 65537), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, FAIL64), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 1), 0);
    CHECK_EQ(sandc_memory_grow(&m, 65536), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 2), 1);
    CHECK_EQ(sandc_memory_grow(&m, 0), 3);
    CHECK(all_zero(m.base, m.size));
    sandc_memory_free(&m);

    /* A run of one-page grows keeps the contents and zeroes new pages. */
    CHECK_EQ(sandc_memory_init(&m, 1, 40, 0), SANDC_OK);
    {
        int ok = 1;
        for (i = 1; i < 40; i++) {
            m.base[m.size - 1] = (uint8_t)i;
            if (sandc_memory_grow(&m, 1) != i || m.size != (i + 1) * PAGE ||
                m.base[i * PAGE - 1] != (uint8_t)i ||
                !all_zero(m.base + i * PAGE, PAGE - 1))
                ok = 0;
        }
        CHECK(ok);
        for (i = 1; i < 40; i++)
            if (m.base[i * PAGE - 1] != (uint8_t)i)
                ok = 0;
        CHECK(ok);
    }
    CHECK_EQ(sandc_memory_grow(&m, 1), FAIL64);
    sandc_memory_free(&m);

    /* More initial pages than the maximum or the index type allow. */
    CHECK_EQ(sandc_memory_init(&m, 2, 1, 0), SANDC_ERR_OOM);
    CHECK_EQ(sandc_memory_init(&m, 65537, FAIL64, 0), SANDC_ERR_OOM);
    CHECK_EQ(sandc_memory_init(&m, FAIL64, FAIL64, 1), SANDC_ERR_OOM);
}

static void test_page_cap(void)
{
    sandc_memory m;
    sandc_memory_page_cap = 4;
    CHECK_EQ(sandc_memory_init(&m, 2, FAIL64, 0), SANDC_OK);
    CHECK_EQ(m.max_pages, 4);
    CHECK_EQ(sandc_memory_grow(&m, 3), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 2), 2);
    CHECK_EQ(sandc_memory_grow(&m, 1), FAIL64);
    sandc_memory_free(&m);
    /* the declared maximum when it is lower */
    CHECK_EQ(sandc_memory_init(&m, 1, 2, 0), SANDC_OK);
    CHECK_EQ(m.max_pages, 2);
    sandc_memory_free(&m);
    CHECK_EQ(sandc_memory_init(&m, 5, FAIL64, 0), SANDC_ERR_OOM);
    CHECK_EQ(sandc_memory_init(&m, 4, 10, 1), SANDC_OK);
    CHECK_EQ(sandc_memory_grow(&m, 1), FAIL64);
    sandc_memory_free(&m);
    sandc_memory_page_cap = 0;
}

static void test_memory64(void)
{
    sandc_memory m;
    CHECK_EQ(sandc_memory_init(&m, 1, FAIL64, 1), SANDC_OK);
    CHECK_EQ(m.is64, 1);
    /* no overflow computing pages or bytes */
    CHECK_EQ(sandc_memory_grow(&m, FAIL64), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, (uint64_t)1 << 48), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, ((uint64_t)1 << 48) - 1), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, (uint64_t)1 << 47), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 1), 1);
    CHECK_EQ(m.size, 2 * PAGE);
    CHECK(all_zero(m.base, m.size));
    sandc_memory_free(&m);
    CHECK_EQ(sandc_memory_init(&m, (uint64_t)1 << 48, FAIL64, 1), SANDC_ERR_OOM);
}

static void test_static(void)
{
    static uint8_t buf[3 * 65536 + 16];
    sandc_memory m;
    memset(buf, 0xaa, sizeof buf);
#if SANDC_MEMORY_MODE == SANDC_GUARD
    /* no guard region around a host buffer */
    CHECK_EQ(sandc_memory_init_static(&m, buf, sizeof buf, 1, FAIL64),
             SANDC_ERR_OOM);
#else
    CHECK_EQ(sandc_memory_init_static(&m, buf, sizeof buf, 1, FAIL64), SANDC_OK);
    CHECK(m.base == buf);
    CHECK_EQ(m.is_static, 1);
    CHECK_EQ(m.size, PAGE);
    CHECK(all_zero(buf, m.size));
#if SANDC_MEMORY_MODE == SANDC_MASK
    /* a power-of-two capacity with SANDC_MASK_SLACK bytes after it */
    CHECK_EQ(m.capacity, 2 * PAGE);
    CHECK_EQ(m.mask, 2 * PAGE - 1);
    CHECK(all_zero(buf, 2 * PAGE + SANDC_MASK_SLACK));
    CHECK_EQ(sandc_memory_grow(&m, 2), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 1), 1);
    CHECK_EQ(sandc_memory_grow(&m, 1), FAIL64);
#else
    CHECK_EQ(m.capacity, sizeof buf);
    CHECK_EQ(sandc_memory_grow(&m, 3), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 2), 1);
    CHECK_EQ(sandc_memory_grow(&m, 1), FAIL64);
    CHECK(all_zero(buf, 3 * PAGE));
#endif
    CHECK(m.base == buf);
    sandc_memory_free(&m); /* does not free the host's buffer */
    CHECK(m.base == NULL);
    /* the declared maximum still holds */
    CHECK_EQ(sandc_memory_init_static(&m, buf, sizeof buf, 0, 1), SANDC_OK);
    CHECK_EQ(sandc_memory_grow(&m, 2), FAIL64);
    CHECK_EQ(sandc_memory_grow(&m, 1), 0);
    sandc_memory_free(&m);
    /* too small a buffer for the initial pages */
    CHECK_EQ(sandc_memory_init_static(&m, buf, 65536, 2, FAIL64), SANDC_ERR_OOM);
    CHECK_EQ(sandc_memory_init_static(&m, buf, 0, 0, FAIL64), SANDC_ERR_OOM);
#if SANDC_MEMORY_MODE == SANDC_MASK
    /* a page needs SANDC_MASK_SLACK bytes after it, and no more */
    CHECK_EQ(sandc_memory_init_static(&m, buf, PAGE + SANDC_MASK_SLACK - 1, 1, FAIL64),
             SANDC_ERR_OOM);
    CHECK_EQ(sandc_memory_init_static(&m, buf, PAGE + SANDC_MASK_SLACK, 1, FAIL64), SANDC_OK);
    CHECK_EQ(m.capacity, PAGE);
    sandc_memory_free(&m);
#endif
#endif
}

static const uint8_t seg[8] = {1, 2, 3, 4, 5, 6, 7, 8};

static void test_bulk(void)
{
    sandc_memory m, m2;
    const uint64_t S = PAGE;
    CHECK_EQ(sandc_memory_init(&m, 1, FAIL64, 0), SANDC_OK);
    CHECK_EQ(sandc_memory_init(&m2, 1, FAIL64, 0), SANDC_OK);

    /* fill */
    sandc_memory_fill(&m, 10, 0x55, 5);
    CHECK(m.base[9] == 0 && m.base[10] == 0x55 && m.base[14] == 0x55 &&
          m.base[15] == 0);
    CHECK_TRAP(SANDC_OK, sandc_memory_fill(&m, S - 4, 0x66, 4));
    CHECK(m.base[S - 1] == 0x66);
    CHECK_TRAP(SANDC_OK, sandc_memory_fill(&m, S, 0x77, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_fill(&m, S + 1, 0x77, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_fill(&m, S - 3, 0x77, 4));
    CHECK(m.base[S - 3] == 0x66); /* nothing written */
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_fill(&m, 0, 0x77, S + 1));
    CHECK(m.base[0] == 0);
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_fill(&m, FAIL64, 0x77, 2));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_fill(&m, 2, 0x77, FAIL64));

    /* copy within a memory: overlapping both ways */
    memcpy(m.base + 100, seg, 8);
    sandc_memory_copy(&m, &m, 102, 100, 8);
    CHECK(m.base[102] == 1 && m.base[109] == 8 && m.base[101] == 2);
    memcpy(m.base + 100, seg, 8);
    sandc_memory_copy(&m, &m, 98, 100, 8);
    CHECK(m.base[98] == 1 && m.base[105] == 8 && m.base[106] == 7);
    CHECK_TRAP(SANDC_OK, sandc_memory_copy(&m, &m, S, 0, 0));
    CHECK_TRAP(SANDC_OK, sandc_memory_copy(&m, &m, 0, S, 0));
    CHECK_TRAP(SANDC_OK, sandc_memory_copy(&m, &m, S - 8, 0, 8));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m, &m, S + 1, 0, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m, &m, 0, S + 1, 0));
    m.base[0] = 0xee;
    m.base[1] = 0xcd;
    m.base[S - 4] = 0xab;
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m, &m, 1, S - 4, 5));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m, &m, S - 4, 0, 5));
    CHECK(m.base[S - 4] == 0xab && m.base[1] == 0xcd); /* nothing written */
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m, &m, FAIL64, 0, 2));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m, &m, 0, FAIL64, 2));
    /* between two memories: each side checked against its own size */
    CHECK_EQ(sandc_memory_grow(&m2, 1), 1);
    m2.base[2 * S - 1] = 0x99;
    CHECK_TRAP(SANDC_OK, sandc_memory_copy(&m, &m2, S - 1, 2 * S - 1, 1));
    CHECK(m.base[S - 1] == 0x99);
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m, &m2, S, 2 * S - 1, 1));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m2, &m, 2 * S - 1, S, 1));

    /* memory.init */
    sandc_memory_init_seg(&m, 200, seg, 8, 2, 4);
    CHECK(m.base[199] == 0 && m.base[200] == 3 && m.base[203] == 6 &&
          m.base[204] == 0);
    CHECK_TRAP(SANDC_OK, sandc_memory_init_seg(&m, S, seg, 8, 8, 0));
    CHECK_TRAP(SANDC_OK, sandc_memory_init_seg(&m, S - 8, seg, 8, 0, 8));
    CHECK_TRAP(SANDC_OK, sandc_memory_init_seg(&m, 0, NULL, 0, 0, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_init_seg(&m, 0, seg, 8, 9, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_init_seg(&m, 0, seg, 8, 5, 4));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_init_seg(&m, S + 1, seg, 8, 0, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_init_seg(&m, S - 3, seg, 8, 0, 4));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB,
               sandc_memory_init_seg(&m, 0, seg, 8, 0xffffffffu, 2));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_init_seg(&m, 0, NULL, 0, 0, 1));
    CHECK(m.base[S - 3] == 6); /* from the init just before: nothing written */

    /* a memory of zero pages: only zero-length operations at 0 */
    sandc_memory_free(&m2);
    CHECK_EQ(sandc_memory_init(&m2, 0, 0, 0), SANDC_OK);
    CHECK_TRAP(SANDC_OK, sandc_memory_fill(&m2, 0, 1, 0));
    CHECK_TRAP(SANDC_OK, sandc_memory_copy(&m2, &m2, 0, 0, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_fill(&m2, 0, 1, 1));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_fill(&m2, 1, 1, 0));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_memory_copy(&m2, &m, 0, 0, 1));
    CHECK_EQ(sandc_memory_grow(&m2, 1), FAIL64);

    sandc_memory_free(&m);
    sandc_memory_free(&m2);
}

static void run_tests(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_init_grow();
    test_page_cap();
    test_memory64();
    test_static();
    test_bulk();
}
