/*
 * quicksort.c - integer and memory traffic: sort 1 M pseudo-random 32-bit
 * keys with a hand-written quicksort (median of three, insertion sort below
 * 16 elements, recursion on the smaller part only), then check the order.
 *
 * Scale: number of arrays sorted (default 5).
 * bench: quick=1
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#define N (1u << 20)

static uint64_t rng = 0x853c49e6748fea9bu;

static uint32_t next(void)
{
    rng = rng * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng >> 32);
}

static void insertion_sort(uint32_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint32_t v = a[i];
        long j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

static void swap(uint32_t *a, long i, long j)
{
    uint32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void quicksort(uint32_t *a, long n)
{
    while (n > 16) {
        long mid = n / 2;
        /* median of three into a[mid] */
        if (a[mid] < a[0])
            swap(a, mid, 0);
        if (a[n - 1] < a[0])
            swap(a, n - 1, 0);
        if (a[n - 1] < a[mid])
            swap(a, n - 1, mid);
        uint32_t pivot = a[mid];
        long i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap(a, i, j);
            i++;
            j--;
        }
        /* a[0..j] <= pivot <= a[j+1..n-1] */
        long left = j + 1;
        if (left < n - left) {
            quicksort(a, left);
            a += left;
            n -= left;
        } else {
            quicksort(a + left, n - left);
            n = left;
        }
    }
    insertion_sort(a, n);
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 5;
    uint32_t *a = malloc(sizeof(uint32_t) * N);
    uint64_t h = 0xcbf29ce484222325u;

    if (scale < 1 || !a)
        return 2;
    for (long r = 0; r < scale; r++) {
        /* every eighth key repeats a small value, so duplicates occur */
        for (uint32_t i = 0; i < N; i++) {
            uint32_t v = next();
            a[i] = (v & 7) == 0 ? v >> 24 : v;
        }
        quicksort(a, N);
        for (uint32_t i = 1; i < N; i++)
            if (a[i - 1] > a[i]) {
                printf("quicksort: not sorted at %u\n", i);
                return 1;
            }
        for (uint32_t i = 0; i < N; i += 97)
            h = (h ^ a[i]) * 0x100000001b3u;
    }
    printf("quicksort checksum %016" PRIx64 "\n", h);
    free(a);
    return 0;
}
