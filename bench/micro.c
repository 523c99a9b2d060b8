/*
 * bench/micro.c - what an instance costs: creating and freeing one of
 * bench/micro.wat's module, a checked call of its empty export (a trap scope
 * and its setjmp each time) and a raw call inside one scope.
 *
 *     micro            prints "instantiate_ns X checked_call_ns Y raw_call_ns Z"
 *
 * Each figure is the best of 7 rounds (the least disturbed by the rest of
 * the machine).  bench/run builds it against `sandc -n micro` in each mode.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "micro.h"

#define ROUNDS 7
#define INSTANCES 1000L
#define CALLS 5000000L

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static micro inst;

/* CALLS raw calls inside one trap scope; 0 if one trapped. */
static int raw_calls(void)
{
    sandc_scope s;
    long i;
    SANDC_TRY(s) {
        for (i = 0; i < CALLS; i++)
            micro__empty(&inst);
        SANDC_END_TRY(s);
        return 1;
    }
    return 0;
}

int main(void)
{
    double best[3] = {1e30, 1e30, 1e30};
    long i;
    int r, k;
    for (r = 0; r < ROUNDS; r++) {
        double t[4], per[3];
        t[0] = now_ns();
        for (i = 0; i < INSTANCES; i++) {
            if (micro_instantiate(&inst, NULL) != SANDC_OK)
                return 1;
            micro_free(&inst);
        }
        t[1] = now_ns();
        if (micro_instantiate(&inst, NULL) != SANDC_OK)
            return 1;
        for (i = 0; i < CALLS; i++)
            if (micro__empty__checked(&inst) != SANDC_OK)
                return 1;
        t[2] = now_ns();
        if (!raw_calls())
            return 1;
        t[3] = now_ns();
        micro_free(&inst);
        per[0] = (t[1] - t[0]) / INSTANCES;
        per[1] = (t[2] - t[1]) / CALLS;
        per[2] = (t[3] - t[2]) / CALLS;
        for (k = 0; k < 3; k++)
            if (per[k] < best[k])
                best[k] = per[k];
    }
    printf("instantiate_ns %.1f checked_call_ns %.2f raw_call_ns %.2f\n", best[0],
           best[1], best[2]);
    return 0;
}
