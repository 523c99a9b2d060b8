/*
 * matmul.c - dense float math: C = A * B on 200x200 matrices of doubles,
 * i-k-j loop order, then B is replaced by C scaled back to a small range so
 * that the values stay bounded from one round to the next.
 *
 * Scale: number of multiplications (default 250).
 * bench: quick=20
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 200

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1du;
}

/* A double in [-1, 1), exactly representable. */
static double uniform(void)
{
    return (double)(int64_t)(next() >> 11) / 4503599627370496.0 - 1.0;
}

static void multiply(const double *a, const double *b, double *c)
{
    memset(c, 0, sizeof(double) * N * N);
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            double aik = a[i * N + k];
            for (int j = 0; j < N; j++)
                c[i * N + j] += aik * b[k * N + j];
        }
}

static uint64_t mix(uint64_t h, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    h ^= bits;
    return h * 0x100000001b3u;
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 250;
    double *a = malloc(sizeof(double) * N * N);
    double *b = malloc(sizeof(double) * N * N);
    double *c = malloc(sizeof(double) * N * N);
    uint64_t h = 0xcbf29ce484222325u;

    if (scale < 1 || !a || !b || !c)
        return 2;
    for (int i = 0; i < N * N; i++) {
        a[i] = uniform();
        b[i] = uniform();
    }
    for (long r = 0; r < scale; r++) {
        multiply(a, b, c);
        /* Keep the entries of the next B in [-1, 1]: divide by the largest
         * magnitude (a division, exact in every IEEE implementation). */
        double max = 0.0;
        for (int i = 0; i < N * N; i++) {
            double m = c[i] < 0 ? -c[i] : c[i];
            if (m > max)
                max = m;
        }
        for (int i = 0; i < N * N; i++)
            b[i] = c[i] / max;
        h = mix(h, max);
        h = mix(h, c[(r * 7919) % (N * N)]);
    }
    for (int i = 0; i < N * N; i++)
        h = mix(h, b[i]);
    printf("matmul checksum %016" PRIx64 "\n", h);
    free(a);
    free(b);
    free(c);
    return 0;
}
