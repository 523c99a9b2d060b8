/*
 * rt/memory.c - linear memories.
 *
 * The bulk operations (memory.fill/copy/init) and sandc_memory_page_cap are
 * the same in every mode and live here.  Allocation (init, init_static, grow,
 * free) is here for SANDC_CHECK and SANDC_MASK, and in memory_guard.c for
 * SANDC_GUARD.
 *
 * SANDC_CHECK: base holds `capacity` bytes, capacity >= size.  Bytes past
 *   `size` are never reachable, stay zero from calloc, and let a run of small
 *   memory.grows reallocate only O(log n) times.
 * SANDC_MASK: capacity is a power of two >= size (at least 1) and base holds
 *   capacity + SANDC_MASK_SLACK bytes, all zeroed when allocated, so
 *   base + (ea & mask) + any access width (or a loop's constant and width,
 *   SANDC_LOOP_EA) stays inside the allocation.  An out-of-range store
 *   lands in [size, capacity + SANDC_MASK_SLACK); such a store would have
 *   trapped under the spec, and those bytes are not zeroed again when a
 *   later grow makes them part of the memory.
 */
#include "internal.h"

#include <stdlib.h>

uint64_t sandc_memory_page_cap = 0;

/* ---- bulk operations, every mode -------------------------------------------- */

void sandc_memory_fill(sandc_memory *m, uint64_t d, uint8_t val, uint64_t n)
{
    if (d > m->size || n > m->size - d)
        sandc_trap(SANDC_TRAP_MEMORY_OOB);
    if (n)
        memset(m->base + d, val, (size_t)n);
}

void sandc_memory_copy(sandc_memory *dst, sandc_memory *src, uint64_t d,
                       uint64_t s, uint64_t n)
{
    if (d > dst->size || n > dst->size - d || s > src->size ||
        n > src->size - s)
        sandc_trap(SANDC_TRAP_MEMORY_OOB);
    if (n)
        memmove(dst->base + d, src->base + s, (size_t)n);
}

void sandc_memory_init_seg(sandc_memory *m, uint64_t d, const uint8_t *seg,
                           uint32_t seg_len, uint32_t s, uint32_t n)
{
    if (s > seg_len || n > seg_len - s || d > m->size || n > m->size - d)
        sandc_trap(SANDC_TRAP_MEMORY_OOB);
    if (n)
        memcpy(m->base + d, seg + s, n);
}

#if SANDC_MEMORY_MODE != SANDC_GUARD

/* ---- allocation, SANDC_CHECK and SANDC_MASK ------------------------------ */

#if SANDC_MEMORY_MODE == SANDC_MASK
#define SANDC__SLACK ((uint64_t)SANDC_MASK_SLACK)
#else
#define SANDC__SLACK ((uint64_t)0)
#endif

/* The most pages an allocation of this host can hold (with the slack). */
static uint64_t sandc__host_pages(void)
{
    uint64_t max_bytes = (uint64_t)SIZE_MAX - SANDC__SLACK;
#if SANDC_MEMORY_MODE == SANDC_MASK
    /* ... and with a power-of-two capacity. */
    uint64_t p = (uint64_t)1 << 63;
    while (p > max_bytes)
        p >>= 1;
    max_bytes = p;
#endif
    return max_bytes / SANDC_PAGE_SIZE;
}

/* The capacity that holds `size` bytes (size <= what sandc__host_pages
 * allows, so nothing here overflows). */
static uint64_t sandc__capacity_for(uint64_t size)
{
#if SANDC_MEMORY_MODE == SANDC_MASK
    uint64_t c = 1;
    while (c < size)
        c <<= 1;
    return c;
#else
    return size ? size : 1; /* base is never NULL */
#endif
}

sandc_status sandc_memory_init(sandc_memory *m, uint64_t pages,
                               uint64_t max_pages, int is64)
{
    uint64_t cap;
    memset(m, 0, sizeof *m);
    m->is64 = is64 != 0;
    m->max_pages = sandc__capped_max(max_pages);
    if (pages > sandc__page_limit(m, sandc__host_pages()))
        return SANDC_ERR_OOM;
    m->pages = pages;
    m->size = pages * SANDC_PAGE_SIZE;
    cap = sandc__capacity_for(m->size);
    m->base = (uint8_t *)calloc((size_t)(cap + SANDC__SLACK), 1);
    if (!m->base)
        return SANDC_ERR_OOM;
    m->capacity = cap;
    m->mask = cap - 1;
    return SANDC_OK;
}

sandc_status sandc_memory_init_static(sandc_memory *m, uint8_t *buf,
                                      size_t len, uint64_t pages,
                                      uint64_t max_pages)
{
    uint64_t cap;
    memset(m, 0, sizeof *m);
    m->is_static = 1;
    if ((uint64_t)len <= SANDC__SLACK)
        return SANDC_ERR_OOM;
    cap = (uint64_t)len - SANDC__SLACK;
#if SANDC_MEMORY_MODE == SANDC_MASK
    {
        uint64_t p = 1;
        while (p <= cap / 2)
            p <<= 1;
        cap = p;
    }
#endif
    m->max_pages = sandc__capped_max(max_pages);
    if (pages > sandc__page_limit(m, cap / SANDC_PAGE_SIZE))
        return SANDC_ERR_OOM;
    m->base = buf;
    m->pages = pages;
    m->size = pages * SANDC_PAGE_SIZE;
    m->capacity = cap;
    m->mask = cap - 1;
    memset(buf, 0, (size_t)(cap + SANDC__SLACK));
    return SANDC_OK;
}

uint64_t sandc_memory_grow(sandc_memory *m, uint64_t delta)
{
    uint64_t old = m->pages, lim, size;
    lim = sandc__page_limit(m, m->is_static ? m->capacity / SANDC_PAGE_SIZE
                                            : sandc__host_pages());
    if (old > lim || delta > lim - old)
        return UINT64_MAX;
    size = (old + delta) * SANDC_PAGE_SIZE;
    if (size > m->capacity) {
        /* A new zeroed block and a copy, rather than realloc and memset:
         * calloc hands out large blocks as untouched zero pages. */
        uint64_t cap = sandc__capacity_for(size);
        uint8_t *base = NULL;
#if SANDC_MEMORY_MODE == SANDC_CHECK
        /* Room for as much again, within the limit, if the host has it. */
        uint64_t more = m->capacity <= lim * SANDC_PAGE_SIZE - m->capacity
                            ? 2 * m->capacity
                            : lim * SANDC_PAGE_SIZE;
        if (more > cap)
            base = (uint8_t *)calloc((size_t)more, 1);
        if (base)
            cap = more;
        else
#endif
            base = (uint8_t *)calloc((size_t)(cap + SANDC__SLACK), 1);
        if (!base)
            return UINT64_MAX;
        memcpy(base, m->base, (size_t)m->size);
        free(m->base);
        m->base = base;
        m->capacity = cap;
        m->mask = cap - 1;
    }
    m->pages = old + delta;
    m->size = size;
    return old;
}

void sandc_memory_free(sandc_memory *m)
{
    if (!m->is_static)
        free(m->base);
    memset(m, 0, sizeof *m);
}

#endif /* SANDC_MEMORY_MODE != SANDC_GUARD */
