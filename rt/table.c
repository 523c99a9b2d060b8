/*
 * rt/table.c - tables: arrays of references (void *), NULL the null ref.
 *
 * Every bounds check comes before any write: a trapping table.fill, .copy
 * or .init changes nothing.
 *
 * Besides its declared maximum, a table never grows past SANDC_TABLE_MAX
 * elements (default 10,000,000, as in V8): table.grow fails (-1) beyond it,
 * which the spec allows, instead of trying to allocate gigabytes.
 */
#include "sandc.h"

#include <stdlib.h>

#ifndef SANDC_TABLE_MAX
#define SANDC_TABLE_MAX 10000000u
#endif

static uint32_t sandc__table_limit(const sandc_table *t)
{
    uint32_t lim = t->max;
    if (lim > (uint32_t)SANDC_TABLE_MAX)
        lim = (uint32_t)SANDC_TABLE_MAX;
#if SIZE_MAX <= 0xffffffffu /* a 32-bit host: the array's bytes must fit */
    if ((size_t)lim > SIZE_MAX / sizeof(void *))
        lim = (uint32_t)(SIZE_MAX / sizeof(void *));
#endif
    return lim;
}

sandc_status sandc_table_init(sandc_table *t, uint32_t size, uint32_t max)
{
    uint32_t i;
    t->elems = NULL;
    t->size = 0;
    t->max = max;
    if (size > sandc__table_limit(t))
        return SANDC_ERR_OOM;
    t->elems = (void **)malloc((size ? size : 1) * sizeof(void *));
    if (!t->elems)
        return SANDC_ERR_OOM;
    for (i = 0; i < size; i++)
        t->elems[i] = NULL;
    t->size = size;
    return SANDC_OK;
}

uint32_t sandc_table_grow(sandc_table *t, uint32_t delta, void *init)
{
    uint32_t old = t->size, lim = sandc__table_limit(t), i;
    void **e;
    if (old > lim || delta > lim - old)
        return UINT32_MAX;
    if (delta == 0)
        return old;
    e = (void **)realloc(t->elems, ((size_t)old + delta) * sizeof(void *));
    if (!e)
        return UINT32_MAX;
    for (i = old; i < old + delta; i++)
        e[i] = init;
    t->elems = e;
    t->size = old + delta;
    return old;
}

void sandc_table_fill(sandc_table *t, uint32_t d, void *val, uint32_t n)
{
    uint32_t i;
    if (d > t->size || n > t->size - d)
        sandc_trap(SANDC_TRAP_TABLE_OOB);
    for (i = 0; i < n; i++)
        t->elems[d + i] = val;
}

void sandc_table_copy(sandc_table *dst, sandc_table *src, uint32_t d,
                      uint32_t s, uint32_t n)
{
    if (d > dst->size || n > dst->size - d || s > src->size ||
        n > src->size - s)
        sandc_trap(SANDC_TRAP_TABLE_OOB);
    if (n)
        memmove(dst->elems + d, src->elems + s, (size_t)n * sizeof(void *));
}

void sandc_table_init_seg(sandc_table *t, uint32_t d, void *const *seg,
                          uint32_t seg_len, uint32_t s, uint32_t n)
{
    if (s > seg_len || n > seg_len - s || d > t->size || n > t->size - d)
        sandc_trap(SANDC_TRAP_TABLE_OOB);
    if (n)
        memcpy(t->elems + d, seg + s, (size_t)n * sizeof(void *));
}

void sandc_table_free(sandc_table *t)
{
    free(t->elems);
    t->elems = NULL;
    t->size = 0;
}
