/*
 * bench/micro_wasm2c.c - bench/micro.c's figures for wasm2c's output of
 * bench/micro.wat (`wasm2c -n micro`), with wabt's runtime
 * (wasm-rt-impl.c): creating and freeing an instance, a checked call (its
 * wasm_rt_impl_try, the trap point, each time) and a raw call.
 *
 *     micro            prints "instantiate_ns X checked_call_ns Y raw_call_ns Z"
 *
 * 7 rounds of 1000 instances: wabt 1.0.32's runtime, in guard mode, unmaps
 * only the accessible part of an instance's 8 GiB reservation, so a process
 * runs out of address space after about 16,000 instances.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "micro.h"
#include "wasm-rt-impl.h"

#define ROUNDS 7
#define INSTANCES 1000L
#define CALLS 5000000L

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static Z_micro_instance_t inst;

/* One checked call, as a host makes it: 0 if it trapped. */
static int checked_call(void)
{
    if (wasm_rt_impl_try() != 0)
        return 0;
    Z_microZ_empty(&inst);
    return 1;
}

int main(void)
{
    double best[3] = {1e30, 1e30, 1e30};
    long i;
    int r, k;
    wasm_rt_init();
    Z_micro_init_module();
    for (r = 0; r < ROUNDS; r++) {
        double t[4], per[3];
        t[0] = now_ns();
        for (i = 0; i < INSTANCES; i++) {
            Z_micro_instantiate(&inst);
            Z_micro_free(&inst);
        }
        t[1] = now_ns();
        Z_micro_instantiate(&inst);
        for (i = 0; i < CALLS; i++)
            if (!checked_call())
                return 1;
        t[2] = now_ns();
        if (!checked_call())
            return 1;
        for (i = 0; i < CALLS; i++)
            Z_microZ_empty(&inst);
        t[3] = now_ns();
        Z_micro_free(&inst);
        per[0] = (t[1] - t[0]) / INSTANCES;
        per[1] = (t[2] - t[1]) / CALLS;
        per[2] = (t[3] - t[2]) / CALLS;
        for (k = 0; k < 3; k++)
            if (per[k] < best[k])
                best[k] = per[k];
    }
    wasm_rt_free();
    printf("instantiate_ns %.1f checked_call_ns %.2f raw_call_ns %.2f\n", best[0],
           best[1], best[2]);
    return 0;
}
