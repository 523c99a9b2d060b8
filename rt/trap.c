/*
 * rt/trap.c - trap scopes, traps and the stack budget.
 *
 * Needs only <setjmp.h>, <string.h> and <stdint.h> (through sandc.h).  A trap
 * with no scope at all prints "sandc: trap: NAME" to stderr and aborts; a
 * freestanding build defines SANDC_NO_STDIO and provides
 *
 *     void sandc_no_scope_trap(sandc_status s);   (must not return)
 *
 * instead.  The runtime's state is a pair of plain globals: one thread runs
 * guest code at a time.
 */
#include "sandc.h"

#ifndef SANDC_NO_STDIO
#include <stdio.h>
#include <stdlib.h>
#else
void sandc_no_scope_trap(sandc_status s) SANDC_NORETURN;
#endif

/* The default stack budget: half of a common 8 MiB main-thread stack, which
 * leaves the rest for the host's own frames above the outermost scope, host
 * functions the guest calls, libc and signal frames. */
#ifndef SANDC_DEFAULT_STACK_BUDGET
#define SANDC_DEFAULT_STACK_BUDGET ((size_t)4 << 20)
#endif

sandc_scope *sandc_current_scope = NULL;
uintptr_t sandc_stack_limit = 0;
uintptr_t sandc__stack_base = 0;
size_t sandc__stack_budget = SANDC_DEFAULT_STACK_BUDGET;

static const char *const sandc__status_names[SANDC_STATUS_COUNT] = {
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

const char *sandc_status_name(sandc_status s)
{
    if ((unsigned)s >= (unsigned)SANDC_STATUS_COUNT)
        return "unknown status";
    return sandc__status_names[s];
}

static uintptr_t limit_below(uintptr_t base)
{
    return base > sandc__stack_budget ? base - sandc__stack_budget : 0;
}

void sandc_set_stack_budget(size_t bytes)
{
    sandc__stack_budget = bytes;
    if (sandc_current_scope)
        sandc_stack_limit = limit_below(sandc__stack_base);
}

size_t sandc_stack_budget(void)
{
    return sandc__stack_budget;
}

void sandc_trap(sandc_status st)
{
    sandc_scope *s = sandc_current_scope;
    if (!s) {
#ifndef SANDC_NO_STDIO
        fprintf(stderr, "sandc: trap: %s\n", sandc_status_name(st));
        fflush(stderr);
        abort();
#else
        sandc_no_scope_trap(st);
#endif
    }
    s->status = st;
    sandc_current_scope = s->prev;
    sandc_stack_limit = s->stack_limit;
    longjmp(s->jb, 1);
}
