/*
 * rt/internal.h - what the runtime's files share and nothing else sees.
 */
#ifndef SANDC_RT_INTERNAL_H
#define SANDC_RT_INTERNAL_H

#include "sandc.h"

/* Pages a memory may never exceed for its index type: 65536 for a 32-bit
 * memory (4 GiB), 2^48 for memory64 (2^64 bytes). */
#define SANDC__PAGES32 ((uint64_t)65536)
#define SANDC__PAGES64 ((uint64_t)1 << 48)

/* The most pages memory m may have in any mode: its declared maximum (which
 * sandc_memory_init already lowered to sandc_memory_page_cap), the limit of
 * its index type, and host_pages, what the mode's allocation can hold. */
static inline uint64_t sandc__page_limit(const sandc_memory *m,
                                         uint64_t host_pages)
{
    uint64_t lim = m->is64 ? SANDC__PAGES64 : SANDC__PAGES32;
    if (m->max_pages < lim)
        lim = m->max_pages;
    if (host_pages < lim)
        lim = host_pages;
    return lim;
}

/* The declared maximum lowered to the host's cap, as sandc_memory stores it. */
static inline uint64_t sandc__capped_max(uint64_t max_pages)
{
    if (sandc_memory_page_cap != 0 && sandc_memory_page_cap < max_pages)
        return sandc_memory_page_cap;
    return max_pages;
}

#endif /* SANDC_RT_INTERNAL_H */
