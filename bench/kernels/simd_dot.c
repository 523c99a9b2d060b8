/*
 * simd_dot.c - SIMD: repeated matrix-vector products (256 x 1024 floats)
 * as dot products with four running partial sums, written with
 * <wasm_simd128.h> intrinsics when compiled with -msimd128 and in plain C
 * otherwise; both paths add in the same order, so their results are
 * bit-identical.  After each product the vector is normalised by its
 * largest magnitude and fed back.
 *
 * Scale: products, in units of 100 (default 45).
 * bench: quick=4 wasm-cflags=-msimd128
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define ROWS 256
#define COLS 1024

static uint32_t rng = 0x12345678u;

static float uniform(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    /* a float in [-1, 1) with 24 significant bits: exact */
    return (float)(int32_t)(rng >> 8) / 8388608.0f - 1.0f;
}

static float dot(const float *a, const float *b, int n)
{
#ifdef __wasm_simd128__
    v128_t acc = wasm_f32x4_splat(0.0f);
    for (int i = 0; i < n; i += 4)
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(a + i),
                                                 wasm_v128_load(b + i)));
    return (wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1)) +
           (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
#else
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < n; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
    }
    return (s0 + s1) + (s2 + s3);
#endif
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 45;
    float *m = malloc(sizeof(float) * ROWS * COLS), *x = malloc(sizeof(float) * COLS),
          y[ROWS];
    uint64_t h = 0xcbf29ce484222325u;

    if (scale < 1 || !m || !x)
        return 2;
    for (int i = 0; i < ROWS * COLS; i++)
        m[i] = uniform();
    for (int i = 0; i < COLS; i++)
        x[i] = uniform();
    for (long r = 0; r < scale * 100; r++) {
        float max = 0;
        for (int i = 0; i < ROWS; i++) {
            y[i] = dot(m + i * COLS, x, COLS);
            float a = y[i] < 0 ? -y[i] : y[i];
            if (a > max)
                max = a;
        }
        /* the next vector: y normalised, repeated, and rotated by r */
        for (int i = 0; i < COLS; i++)
            x[i] = y[(i + r) % ROWS] / max;
        uint32_t bits;
        memcpy(&bits, &max, sizeof bits);
        h = (h ^ bits) * 0x100000001b3u;
    }
    for (int i = 0; i < COLS; i++) {
        uint32_t bits;
        memcpy(&bits, &x[i], sizeof bits);
        h = (h ^ bits) * 0x100000001b3u;
    }
    printf("simd_dot checksum %016" PRIx64 "\n", h);
    free(m);
    free(x);
    return 0;
}
