/*
 * tests/rt/table.c - tables: init, grow and its limits, the bounds of
 * table.fill/copy, and call_indirect's checks (sandc_indirect).
 */
#include "check.h"

#define FAIL32 0xffffffffu

static int a, b, c; /* distinct non-null references */

static void test_grow(void)
{
    sandc_table t;
    CHECK_EQ(sandc_table_init(&t, 2, 5), SANDC_OK);
    CHECK_EQ(t.size, 2);
    CHECK_EQ(t.max, 5);
    CHECK(t.elems[0] == NULL && t.elems[1] == NULL);
    t.elems[1] = &a;
    CHECK_EQ(sandc_table_grow(&t, 0, &b), 2);
    CHECK_EQ(sandc_table_grow(&t, 4, &b), FAIL32); /* 6 > max 5 */
    CHECK_EQ(t.size, 2);
    CHECK_EQ(sandc_table_grow(&t, 3, &b), 2);
    CHECK_EQ(t.size, 5);
    CHECK(t.elems[1] == &a && t.elems[2] == &b && t.elems[4] == &b);
    CHECK_EQ(sandc_table_grow(&t, 1, NULL), FAIL32);
    CHECK_EQ(sandc_table_grow(&t, FAIL32, NULL), FAIL32);
    CHECK_EQ(sandc_table_grow(&t, 0, NULL), 5);
    sandc_table_free(&t);
    CHECK(t.elems == NULL);
    CHECK_EQ(t.size, 0);

    /* no maximum: up to the runtime's limit, never wrapping */
    CHECK_EQ(sandc_table_init(&t, 0, FAIL32), SANDC_OK);
    CHECK_EQ(sandc_table_grow(&t, FAIL32, NULL), FAIL32);
    CHECK_EQ(sandc_table_grow(&t, 0x10000000u, NULL), FAIL32);
    CHECK_EQ(sandc_table_grow(&t, 10, &c), 0);
    CHECK_EQ(sandc_table_grow(&t, FAIL32 - 10, NULL), FAIL32);
    CHECK_EQ(sandc_table_grow(&t, FAIL32 - 9, NULL), FAIL32);
    CHECK_EQ(sandc_table_grow(&t, 0, NULL), 10);
    CHECK(t.elems[9] == &c);
    sandc_table_free(&t);

    CHECK_EQ(sandc_table_init(&t, 3, 2), SANDC_ERR_OOM);
    CHECK_EQ(sandc_table_init(&t, 0, 0), SANDC_OK);
    CHECK_EQ(sandc_table_grow(&t, 1, NULL), FAIL32);
    CHECK_EQ(sandc_table_grow(&t, 0, NULL), 0);
    sandc_table_free(&t);
}

static void test_bulk(void)
{
    sandc_table t, u;
    uint32_t i;
    CHECK_EQ(sandc_table_init(&t, 8, FAIL32), SANDC_OK);
    CHECK_EQ(sandc_table_init(&u, 4, FAIL32), SANDC_OK);

    sandc_table_fill(&t, 2, &a, 3);
    CHECK(t.elems[1] == NULL && t.elems[2] == &a && t.elems[4] == &a &&
          t.elems[5] == NULL);
    CHECK_TRAP(SANDC_OK, sandc_table_fill(&t, 6, &b, 2));
    CHECK(t.elems[7] == &b);
    CHECK_TRAP(SANDC_OK, sandc_table_fill(&t, 8, &c, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_fill(&t, 9, &c, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_fill(&t, 7, &c, 2));
    CHECK(t.elems[7] == &b); /* nothing written */
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_fill(&t, 0, &c, 9));
    CHECK(t.elems[0] == NULL);
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_fill(&t, FAIL32, &c, 2));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_fill(&t, 2, &c, FAIL32));

    /* t = [0, 0, a, a, a, 0, b, b]; overlapping copies both ways */
    sandc_table_copy(&t, &t, 3, 2, 4);
    CHECK(t.elems[2] == &a && t.elems[3] == &a && t.elems[5] == &a &&
          t.elems[6] == NULL && t.elems[7] == &b);
    sandc_table_copy(&t, &t, 0, 3, 4);
    CHECK(t.elems[0] == &a && t.elems[2] == &a && t.elems[3] == NULL &&
          t.elems[4] == &a);
    CHECK_TRAP(SANDC_OK, sandc_table_copy(&t, &t, 8, 0, 0));
    CHECK_TRAP(SANDC_OK, sandc_table_copy(&t, &t, 0, 8, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_copy(&t, &t, 9, 0, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_copy(&t, &t, 0, 9, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_copy(&t, &t, 5, 0, 4));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_copy(&t, &t, 0, 5, 4));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_copy(&t, &t, FAIL32, 0, 2));
    CHECK(t.elems[0] == &a && t.elems[3] == NULL && t.elems[5] == &a);
    /* between tables: each side against its own size */
    for (i = 0; i < 4; i++)
        u.elems[i] = &c;
    CHECK_TRAP(SANDC_OK, sandc_table_copy(&t, &u, 4, 0, 4));
    CHECK(t.elems[3] == NULL && t.elems[4] == &c && t.elems[7] == &c);
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_copy(&t, &u, 0, 1, 4));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_copy(&u, &t, 1, 0, 4));
    CHECK(u.elems[1] == &c);

    sandc_table_free(&t);
    sandc_table_free(&u);
}

static void test_init_seg_get_set(void)
{
    void *const seg[4] = {&a, &b, &c, NULL};
    sandc_table t;
    CHECK_EQ(sandc_table_init(&t, 6, 6), SANDC_OK);
    sandc_table_init_seg(&t, 1, seg, 4, 1, 3);
    CHECK(t.elems[0] == NULL && t.elems[1] == &b && t.elems[2] == &c &&
          t.elems[3] == NULL && t.elems[4] == NULL);
    CHECK_TRAP(SANDC_OK, sandc_table_init_seg(&t, 6, seg, 4, 4, 0));
    CHECK_TRAP(SANDC_OK, sandc_table_init_seg(&t, 2, seg, 4, 0, 4));
    CHECK(t.elems[2] == &a && t.elems[5] == NULL);
    CHECK_TRAP(SANDC_OK, sandc_table_init_seg(&t, 0, NULL, 0, 0, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_init_seg(&t, 0, seg, 4, 5, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_init_seg(&t, 7, seg, 4, 0, 0));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_init_seg(&t, 0, seg, 4, 2, 3));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_init_seg(&t, 4, seg, 4, 0, 3));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_init_seg(&t, 0, NULL, 0, 0, 1));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB,
               sandc_table_init_seg(&t, 0, seg, 4, FAIL32, 2));
    CHECK(t.elems[4] == &c && t.elems[0] == NULL); /* nothing written */

    CHECK(sandc_table_get(&t, 2) == &a);
    CHECK(sandc_table_get(&t, 5) == NULL);
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_get(&t, 6));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_get(&t, FAIL32));
    sandc_table_set(&t, 5, &b);
    CHECK(t.elems[5] == &b);
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_table_set(&t, 6, &a));
    sandc_table_free(&t);
}

static uint32_t add1(void *ctx, uint32_t x)
{
    (void)ctx;
    return x + 1;
}

static void test_indirect(void)
{
    static const char type_i_i[] = "i:i";
    char other_copy[] = "i:i"; /* equal, not the same pointer */
    sandc_func f;
    sandc_table t;
    const sandc_func *g;
    f.type = type_i_i;
    f.fn = (sandc_fnptr)add1;
    f.ctx = NULL;
    CHECK_EQ(sandc_table_init(&t, 2, 2), SANDC_OK);
    t.elems[1] = (void *)&f;
    g = sandc_indirect(&t, 1, type_i_i);
    CHECK(g == &f);
    CHECK_EQ(((uint32_t(*)(void *, uint32_t))g->fn)(g->ctx, 41), 42);
    CHECK(sandc_indirect(&t, 1, other_copy) == &f);
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_indirect(&t, 2, type_i_i));
    CHECK_TRAP(SANDC_TRAP_TABLE_OOB, sandc_indirect(&t, FAIL32, type_i_i));
    CHECK_TRAP(SANDC_TRAP_NULL_REF, sandc_indirect(&t, 0, type_i_i));
    CHECK_TRAP(SANDC_TRAP_INDIRECT_TYPE, sandc_indirect(&t, 1, "ii:i"));
    CHECK_TRAP(SANDC_TRAP_INDIRECT_TYPE, sandc_indirect(&t, 1, "i:"));
    sandc_table_free(&t);
}

static void run_tests(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_grow();
    test_bulk();
    test_init_seg_get_set();
    test_indirect();
}
