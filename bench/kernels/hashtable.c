/*
 * hashtable.c - integer and memory traffic: an open-addressing hash table
 * (linear probing, 2^20 slots, 64-bit keys and values, deletion by
 * backward shift) under a mixed workload of inserts, lookups and deletes.
 *
 * Scale: rounds of 1 M operations (default 14).
 * bench: quick=2
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#define BITS 20
#define SLOTS (1u << BITS)
#define MASK (SLOTS - 1)
#define EMPTY 0                 /* key 0 is never stored */

struct slot {
    uint64_t key, value;
};

static struct slot *table;
static uint32_t used;

static uint64_t rng = 0x2545f4914f6cdd1du;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint32_t home(uint64_t key)
{
    return (uint32_t)((key * 0x9e3779b97f4a7c15u) >> (64 - BITS));
}

/* Add value to key's value, inserting the key when absent. */
static void add(uint64_t key, uint64_t value)
{
    uint32_t i = home(key);
    while (table[i].key != EMPTY) {
        if (table[i].key == key) {
            table[i].value += value;
            return;
        }
        i = (i + 1) & MASK;
    }
    table[i].key = key;
    table[i].value = value;
    used++;
}

static struct slot *find(uint64_t key)
{
    uint32_t i = home(key);
    while (table[i].key != EMPTY) {
        if (table[i].key == key)
            return &table[i];
        i = (i + 1) & MASK;
    }
    return NULL;
}

static int erase(uint64_t key)
{
    struct slot *s = find(key);
    if (!s)
        return 0;
    uint32_t hole = (uint32_t)(s - table), i = hole;
    for (;;) {
        i = (i + 1) & MASK;
        if (table[i].key == EMPTY)
            break;
        /* move the entry back unless its home lies cyclically in (hole, i] */
        uint32_t h = home(table[i].key);
        if (((i - h) & MASK) >= ((i - hole) & MASK)) {
            table[hole] = table[i];
            hole = i;
        }
    }
    table[hole].key = EMPTY;
    table[hole].value = 0;
    used--;
    return 1;
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 14;
    uint64_t h = 0, hits = 0, misses = 0;

    table = calloc(SLOTS, sizeof *table);
    if (scale < 1 || !table)
        return 2;
    for (long r = 0; r < scale; r++) {
        for (uint32_t op = 0; op < 1000000; op++) {
            uint64_t x = next();
            /* keys from a range of 800,000: deletes keep the table about half full */
            uint64_t key = (x >> 40) % 800000 + 1;
            switch (x & 3) {
            case 0:
            case 1:
                add(key, x >> 20);
                break;
            case 2: {
                struct slot *s = find(key);
                if (s) {
                    hits++;
                    h = (h ^ s->value) * 0x100000001b3u;
                } else {
                    misses++;
                }
                break;
            }
            default:
                if (used > SLOTS / 2 || (x & 4))
                    erase(key);
                break;
            }
        }
        h = (h ^ used) * 0x100000001b3u;
    }
    printf("hashtable checksum %016" PRIx64 " hits %" PRIu64 " misses %" PRIu64 "\n",
           h, hits, misses);
    free(table);
    return 0;
}
