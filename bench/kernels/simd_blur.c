/*
 * simd_blur.c - SIMD: a 3x3 binomial blur ([1 2 1; 2 4 2; 1 2 1] / 16) of an
 * 8-bit grayscale image, applied over and over, with a histogram of the
 * result.  Integer SIMD: bytes widened to 16-bit lanes, shifts and adds,
 * narrowed back with saturation.  Written with <wasm_simd128.h> intrinsics
 * when compiled with -msimd128 and in plain C otherwise; both compute the
 * same integers, so their results are identical.
 *
 * Scale: blur passes, in units of 10 (default 40).
 * bench: quick=4 wasm-cflags=-msimd128
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define W 1024
#define H 512

/* One output row from three input rows; columns 1..W-2 (W-2 is not a
 * multiple of 16: the SIMD loop covers 1..W-17, the tail is scalar). */
static void blur_row(uint8_t *out, const uint8_t *up, const uint8_t *mid,
                     const uint8_t *down)
{
    int x = 1;
#ifdef __wasm_simd128__
    for (; x + 16 <= W - 1; x += 16) {
        const uint8_t *r[3] = {up, mid, down};
        v128_t lo[3], hi[3];
        for (int k = 0; k < 3; k++) {
            v128_t l = wasm_v128_load(r[k] + x - 1);
            v128_t c = wasm_v128_load(r[k] + x);
            v128_t rr = wasm_v128_load(r[k] + x + 1);
            lo[k] = wasm_i16x8_add(wasm_i16x8_add(wasm_u16x8_extend_low_u8x16(l),
                                                  wasm_u16x8_extend_low_u8x16(rr)),
                                   wasm_i16x8_shl(wasm_u16x8_extend_low_u8x16(c), 1));
            hi[k] = wasm_i16x8_add(wasm_i16x8_add(wasm_u16x8_extend_high_u8x16(l),
                                                  wasm_u16x8_extend_high_u8x16(rr)),
                                   wasm_i16x8_shl(wasm_u16x8_extend_high_u8x16(c), 1));
        }
        v128_t eight = wasm_i16x8_splat(8);
        v128_t sl = wasm_i16x8_add(wasm_i16x8_add(lo[0], lo[2]), wasm_i16x8_shl(lo[1], 1));
        v128_t sh = wasm_i16x8_add(wasm_i16x8_add(hi[0], hi[2]), wasm_i16x8_shl(hi[1], 1));
        sl = wasm_u16x8_shr(wasm_i16x8_add(sl, eight), 4);
        sh = wasm_u16x8_shr(wasm_i16x8_add(sh, eight), 4);
        wasm_v128_store(out + x, wasm_u8x16_narrow_i16x8(sl, sh));
    }
#endif
    for (; x < W - 1; x++) {
        unsigned s = (up[x - 1] + 2u * up[x] + up[x + 1]) +
                     2u * (mid[x - 1] + 2u * mid[x] + mid[x + 1]) +
                     (down[x - 1] + 2u * down[x] + down[x + 1]);
        out[x] = (uint8_t)((s + 8) >> 4);
    }
    out[0] = mid[0];
    out[W - 1] = mid[W - 1];
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 40;
    uint8_t *a = malloc(W * H), *b = malloc(W * H);
    uint32_t hist[256], rng = 0x9e3779b9u;
    uint64_t h = 0xcbf29ce484222325u;

    if (scale < 1 || !a || !b)
        return 2;
    for (int i = 0; i < W * H; i++) {
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        a[i] = (uint8_t)(rng >> 24);
    }
    for (long pass = 0; pass < scale * 10; pass++) {
        memcpy(b, a, W);                       /* the border rows stay */
        memcpy(b + (H - 1) * W, a + (H - 1) * W, W);
        for (int y = 1; y < H - 1; y++)
            blur_row(b + y * W, a + (y - 1) * W, a + y * W, a + (y + 1) * W);
        /* keep the image from going flat: add noise to one row per pass */
        for (int x = 0; x < W; x++) {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            b[(pass % H) * W + x] ^= (uint8_t)(rng >> 28);
        }
        uint8_t *t = a;
        a = b;
        b = t;
    }
    memset(hist, 0, sizeof hist);
    for (int i = 0; i < W * H; i++)
        hist[a[i]]++;
    for (int i = 0; i < 256; i++)
        h = (h ^ hist[i]) * 0x100000001b3u;
    printf("simd_blur checksum %016" PRIx64 "\n", h);
    free(a);
    free(b);
    return 0;
}
