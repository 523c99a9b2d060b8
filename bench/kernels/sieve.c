/*
 * sieve.c - integer and memory traffic: the sieve of Eratosthenes over a
 * byte array of 8 M entries, then a pass that counts and sums the primes.
 *
 * Scale: number of sieves (default 22); each round sieves a slightly
 * different limit.
 * bench: quick=2
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT (8u << 20)

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 22;
    unsigned char *composite = malloc(LIMIT + 1);
    uint64_t h = 0;

    if (scale < 1 || !composite)
        return 2;
    for (long r = 0; r < scale; r++) {
        uint32_t limit = LIMIT - (uint32_t)r * 4099 % 65536;
        uint32_t count = 0;
        uint64_t sum = 0;

        memset(composite, 0, limit + 1);
        for (uint32_t i = 2; (uint64_t)i * i <= limit; i++)
            if (!composite[i])
                for (uint32_t j = i * i; j <= limit; j += i)
                    composite[j] = 1;
        for (uint32_t i = 2; i <= limit; i++)
            if (!composite[i]) {
                count++;
                sum += i;
            }
        h = (h ^ count) * 0x100000001b3u;
        h = (h ^ sum) * 0x100000001b3u;
    }
    printf("sieve checksum %016" PRIx64 "\n", h);
    free(composite);
    return 0;
}
