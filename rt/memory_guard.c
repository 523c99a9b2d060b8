/*
 * rt/memory_guard.c - linear memories in SANDC_GUARD mode (64-bit POSIX).
 *
 * Every memory reserves SANDC__RESERVE bytes of address space, inaccessible
 * (PROT_NONE, MAP_NORESERVE): 8 GiB, enough for any 32-bit address plus any
 * 32-bit offset, and a 64 KiB guard for the width of the access.  The first
 * `size` bytes are made readable and writable; memory.grow makes more.  An
 * access anywhere else in the reservation faults, and the SIGSEGV/SIGBUS
 * handler turns that fault into sandc_trap(SANDC_TRAP_MEMORY_OOB) when a trap
 * scope is active.  A fault outside every reservation, or with no scope, goes
 * to whatever handled the signal before (by default: the process dies as it
 * would have without the runtime).
 *
 * memory64 memories get the same reservation and can grow to 8 GiB; their
 * accesses must be checked explicitly (the reservation cannot cover a 64-bit
 * address).  sandc_memory_init_static cannot give a host buffer a guard
 * region, so in this mode it fails with SANDC_ERR_OOM.
 *
 * SANDC_TRY uses setjmp/longjmp, which need not save and restore the signal
 * mask; the handler unblocks SIGSEGV and SIGBUS itself before unwinding, so
 * the next fault is delivered too.  Like the rest of the runtime, this
 * assumes one thread runs guest code.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1 /* glibc, musl: MAP_ANONYMOUS, MAP_NORESERVE */
#endif
#ifndef _DARWIN_C_SOURCE
#define _DARWIN_C_SOURCE 1
#endif

#include "internal.h"

#if SANDC_MEMORY_MODE == SANDC_GUARD

#if !defined(__unix__) && !defined(__APPLE__)
#error "SANDC_GUARD needs a POSIX host; build with -DSANDC_MEMORY_MODE=SANDC_CHECK"
#endif
#if UINTPTR_MAX <= 0xffffffffu
#error "SANDC_GUARD needs a 64-bit host; build with -DSANDC_MEMORY_MODE=SANDC_CHECK"
#endif

#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>

#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif
#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

#define SANDC__GUARD_BYTES ((uint64_t)65536)
#define SANDC__RESERVE (((uint64_t)1 << 33) + SANDC__GUARD_BYTES)
/* The most pages the reservation holds (memory64 only: a 32-bit memory
 * stops at 65536). */
#define SANDC__RESERVE_PAGES (((uint64_t)1 << 33) / SANDC_PAGE_SIZE)

/* ---- the reservations the fault handler recognises ------------------------- */

typedef struct sandc__range {
    uintptr_t lo, hi; /* [lo, hi) */
} sandc__range;

static sandc__range *sandc__ranges;
static size_t sandc__nranges, sandc__cap_ranges;

static int sandc__add_range(uint8_t *base)
{
    if (sandc__nranges == sandc__cap_ranges) {
        size_t n = sandc__cap_ranges ? 2 * sandc__cap_ranges : 8;
        sandc__range *r =
            (sandc__range *)realloc(sandc__ranges, n * sizeof *r);
        if (!r)
            return 0;
        sandc__ranges = r;
        sandc__cap_ranges = n;
    }
    sandc__ranges[sandc__nranges].lo = (uintptr_t)base;
    sandc__ranges[sandc__nranges].hi = (uintptr_t)base + SANDC__RESERVE;
    sandc__nranges++;
    return 1;
}

static void sandc__remove_range(uint8_t *base)
{
    size_t i;
    for (i = 0; i < sandc__nranges; i++)
        if (sandc__ranges[i].lo == (uintptr_t)base) {
            sandc__ranges[i] = sandc__ranges[--sandc__nranges];
            return;
        }
}

static int sandc__in_range(uintptr_t a)
{
    size_t i;
    for (i = 0; i < sandc__nranges; i++)
        if (a >= sandc__ranges[i].lo && a < sandc__ranges[i].hi)
            return 1;
    return 0;
}

/* ---- the fault handler ----------------------------------------------------------- */

static int sandc__installed;
static struct sigaction sandc__old_segv, sandc__old_bus;

#define SANDC__ALTSTACK_SIZE ((size_t)64 << 10)

static void sandc__on_fault(int sig, siginfo_t *si, void *uc)
{
    const struct sigaction *old;
    if (sandc_current_scope && sandc__in_range((uintptr_t)si->si_addr)) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGSEGV);
        sigaddset(&set, SIGBUS);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        sandc_trap(SANDC_TRAP_MEMORY_OOB);
    }
    /* Not ours: hand it on. */
    old = sig == SIGSEGV ? &sandc__old_segv : &sandc__old_bus;
    if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction) {
        old->sa_sigaction(sig, si, uc);
    } else if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler != SIG_DFL &&
               old->sa_handler != SIG_IGN) {
        old->sa_handler(sig);
    } else {
        /* The faulting instruction runs again and the default action (or
         * the kernel, for an ignored fault) ends the process. */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, NULL);
    }
}

static int sandc__install(void)
{
    struct sigaction sa;
    stack_t ss;
    if (sandc__installed)
        return 1;
    /* An alternate signal stack, unless the thread has one already, so a
     * fault with the stack exhausted still reaches a handler. */
    if (sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_DISABLE)) {
        size_t size = SANDC__ALTSTACK_SIZE;
        if ((size_t)SIGSTKSZ > size)
            size = (size_t)SIGSTKSZ;
        ss.ss_sp = malloc(size);
        if (!ss.ss_sp)
            return 0;
        ss.ss_size = size;
        ss.ss_flags = 0;
        if (sigaltstack(&ss, NULL) != 0) {
            free(ss.ss_sp);
            return 0;
        }
        /* Kept for the life of the process, like the handler. */
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = sandc__on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &sandc__old_segv) != 0)
        return 0;
    if (sigaction(SIGBUS, &sa, &sandc__old_bus) != 0) {
        sigaction(SIGSEGV, &sandc__old_segv, NULL);
        return 0;
    }
    sandc__installed = 1;
    return 1;
}

/* ---- reusing reservations ------------------------------------------------------
 * Mapping and unmapping 8 GiB costs hundreds of microseconds, most of it the
 * kernel tearing down page tables.  On Linux a freed memory's reservation is
 * kept instead (up to SANDC_GUARD_POOL of them) and the next memory reuses
 * it, changing only the protection of the pages in between.  Its first
 * SANDC_GUARD_KEEP bytes are zeroed with memset and stay resident, so a
 * small module's next instance takes no page faults (each costs
 * microseconds, far more under virtualisation); MADV_DONTNEED gives the rest
 * back and makes it read as zero again.  Elsewhere MADV_DONTNEED need not
 * zero, so reservations are unmapped. */
#ifndef SANDC_GUARD_POOL
#if defined(__linux__) && defined(MADV_DONTNEED)
#define SANDC_GUARD_POOL 16
#else
#define SANDC_GUARD_POOL 0
#endif
#endif
#ifndef SANDC_GUARD_KEEP
#define SANDC_GUARD_KEEP ((uint64_t)65536)
#endif

#if SANDC_GUARD_POOL > 0
static struct {
    uint8_t *base;
    uint64_t open; /* bytes readable and writable */
} sandc__pool[SANDC_GUARD_POOL];
static unsigned sandc__npool;
#endif

/* A reservation with its first `bytes` readable and writable, or NULL. */
static uint8_t *sandc__reserve(uint64_t bytes)
{
    void *p;
#if SANDC_GUARD_POOL > 0
    if (sandc__npool) {
        uint8_t *b = sandc__pool[--sandc__npool].base;
        uint64_t open = sandc__pool[sandc__npool].open;
        int ok = 1;
        if (open > bytes)
            ok = mprotect(b + bytes, (size_t)(open - bytes), PROT_NONE) == 0;
        else if (open < bytes)
            ok = mprotect(b + open, (size_t)(bytes - open),
                          PROT_READ | PROT_WRITE) == 0;
        if (ok)
            return b;
        munmap(b, (size_t)SANDC__RESERVE);
    }
#endif
    p = mmap(NULL, (size_t)SANDC__RESERVE, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (bytes && mprotect(p, (size_t)bytes, PROT_READ | PROT_WRITE) != 0) {
        munmap(p, (size_t)SANDC__RESERVE);
        return NULL;
    }
    return (uint8_t *)p;
}

static void sandc__release(uint8_t *base, uint64_t open)
{
#if SANDC_GUARD_POOL > 0
    uint64_t keep = open < SANDC_GUARD_KEEP ? open : SANDC_GUARD_KEEP;
    if (sandc__npool < SANDC_GUARD_POOL &&
        (open == keep ||
         madvise(base + keep, (size_t)(open - keep), MADV_DONTNEED) == 0)) {
        memset(base, 0, (size_t)keep);
        sandc__pool[sandc__npool].base = base;
        sandc__pool[sandc__npool].open = open;
        sandc__npool++;
        return;
    }
#else
    (void)open;
#endif
    munmap(base, (size_t)SANDC__RESERVE);
}

/* ---- memories ------------------------------------------------------------------- */

sandc_status sandc_memory_init(sandc_memory *m, uint64_t pages,
                               uint64_t max_pages, int is64)
{
    uint8_t *p;
    memset(m, 0, sizeof *m);
    m->is64 = is64 != 0;
    m->max_pages = sandc__capped_max(max_pages);
    if (pages > sandc__page_limit(m, SANDC__RESERVE_PAGES))
        return SANDC_ERR_OOM;
    if (!sandc__install())
        return SANDC_ERR_OOM;
    p = sandc__reserve(pages * SANDC_PAGE_SIZE);
    if (!p)
        return SANDC_ERR_OOM;
    if (!sandc__add_range(p)) {
        sandc__release(p, pages * SANDC_PAGE_SIZE);
        return SANDC_ERR_OOM;
    }
    m->base = p;
    m->pages = pages;
    m->size = pages * SANDC_PAGE_SIZE;
    m->capacity = SANDC__RESERVE;
    m->mask = SANDC__RESERVE - 1; /* unused in this mode */
    return SANDC_OK;
}

sandc_status sandc_memory_init_static(sandc_memory *m, uint8_t *buf,
                                      size_t len, uint64_t pages,
                                      uint64_t max_pages)
{
    (void)buf;
    (void)len;
    (void)pages;
    (void)max_pages;
    memset(m, 0, sizeof *m);
    return SANDC_ERR_OOM;
}

uint64_t sandc_memory_grow(sandc_memory *m, uint64_t delta)
{
    uint64_t old = m->pages;
    uint64_t lim = sandc__page_limit(m, SANDC__RESERVE_PAGES);
    if (old > lim || delta > lim - old)
        return UINT64_MAX;
    if (delta && mprotect(m->base + m->size, (size_t)(delta * SANDC_PAGE_SIZE),
                          PROT_READ | PROT_WRITE) != 0)
        return UINT64_MAX;
    m->pages = old + delta;
    m->size = m->pages * SANDC_PAGE_SIZE;
    return old;
}

void sandc_memory_free(sandc_memory *m)
{
    if (m->base) {
        sandc__remove_range(m->base);
        sandc__release(m->base, m->size);
    }
    memset(m, 0, sizeof *m);
}

#else

/* ISO C wants at least one declaration in a translation unit. */
typedef int sandc__memory_guard_unused;

#endif /* SANDC_MEMORY_MODE == SANDC_GUARD */
