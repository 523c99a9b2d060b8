/*
 * bench/micro.c - what an instance costs: creating and freeing one of
 * bench/micro.wat's module, a checked call of its empty export (a trap point
 * set up each time) and a raw call inside one trap point.
 *
 *     micro            prints "instantiate_ns X checked_call_ns Y raw_call_ns Z"
 *
 * Built against `sandc -n micro`'s output (the export's __checked wrapper:
 * a trap scope and its setjmp), or with -DMICRO_WASM2C against `wasm2c -n
 * micro`'s and wabt's runtime (wasm_rt_impl_try before the call).  Each
 * figure is the best of 7 rounds (the least disturbed by the rest of the
 * machine).  Rounds create 1000 instances: wabt 1.0.32's runtime, in guard
 * mode, unmaps only the accessible part of an instance's 8 GiB reservation,
 * so a process runs out of address space after about 16,000 instances.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "micro.h"

#define ROUNDS 7
#define INSTANCES 1000L
#define CALLS 5000000L

#ifdef MICRO_WASM2C
#include "wasm-rt-impl.h"

typedef Z_micro_instance_t instance;
static void setup(void) { wasm_rt_init(); Z_micro_init_module(); }
static int create(instance *i) { Z_micro_instantiate(i); return 1; }
static void destroy(instance *i) { Z_micro_free(i); }
static int checked_call(instance *i)
{
    if (wasm_rt_impl_try() != 0)
        return 0;
    Z_microZ_empty(i);
    return 1;
}
static int raw_calls(instance *inst)
{
    long i;
    if (wasm_rt_impl_try() != 0)
        return 0;
    for (i = 0; i < CALLS; i++)
        Z_microZ_empty(inst);
    return 1;
}
#else
typedef micro instance;
static void setup(void) {}
static int create(instance *i) { return micro_instantiate(i, NULL) == SANDC_OK; }
static void destroy(instance *i) { micro_free(i); }
static int checked_call(instance *i) { return micro__empty__checked(i) == SANDC_OK; }
static int raw_calls(instance *inst)
{
    sandc_scope s;
    long i;
    SANDC_TRY(s) {
        for (i = 0; i < CALLS; i++)
            micro__empty(inst);
        SANDC_END_TRY(s);
        return 1;
    }
    return 0;
}
#endif

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static instance inst;

int main(void)
{
    double best[3] = {1e30, 1e30, 1e30};
    long i;
    int r, k;
    setup();
    for (r = 0; r < ROUNDS; r++) {
        double t[4], per[3];
        t[0] = now_ns();
        for (i = 0; i < INSTANCES; i++) {
            if (!create(&inst))
                return 1;
            destroy(&inst);
        }
        t[1] = now_ns();
        if (!create(&inst))
            return 1;
        for (i = 0; i < CALLS; i++)
            if (!checked_call(&inst))
                return 1;
        t[2] = now_ns();
        if (!raw_calls(&inst))
            return 1;
        t[3] = now_ns();
        destroy(&inst);
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
