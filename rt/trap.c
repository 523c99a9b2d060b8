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
 * leaves the rest for what the estimates miss (host functions the guest
 * calls, libc, signal frames, frames bigger than estimated). */
#ifndef SANDC_DEFAULT_STACK_BUDGET
#define SANDC_DEFAULT_STACK_BUDGET ((size_t)4 << 20)
#endif

sandc_scope *sandc_current_scope = NULL;
size_t sandc_stack_left = SANDC_DEFAULT_STACK_BUDGET;

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

void sandc_set_stack_budget(size_t bytes)
{
    sandc_stack_left = bytes;
}

void sandc_scope_enter(sandc_scope *s)
{
    s->prev = sandc_current_scope;
    s->stack_left = sandc_stack_left;
    s->status = SANDC_OK;
    sandc_current_scope = s;
}

void sandc_scope_leave(sandc_scope *s)
{
    sandc_current_scope = s->prev;
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
    /* The frames being unwound never refund their charges. */
    sandc_stack_left = s->stack_left;
    longjmp(s->jb, 1);
}
