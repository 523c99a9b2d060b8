/*
 * fib.c - recursive calls: the naive doubly recursive Fibonacci function.
 *
 * Scale: rounds of eight fib(n) calls, n in 24..31 chosen from the running
 * sum so that no call can be hoisted out of the loop (default 60).
 * bench: quick=4
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 60;
    uint64_t sum = 0;

    if (scale < 1)
        return 2;
    for (long r = 0; r < scale; r++)
        for (uint32_t i = 0; i < 8; i++)
            sum = sum * 31 + fib(24 + (uint32_t)((sum + i) & 7));
    printf("fib checksum %016" PRIx64 "\n", sum);
    return 0;
}
