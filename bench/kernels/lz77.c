/*
 * lz77.c - byte crunching: an LZ77 compressor (64 KiB window, hash chains
 * over 4-byte prefixes, greedy matching) and its decompressor, on 1 MiB of
 * generated text; the round trip must give back the input.
 *
 * Format: groups of up to eight items, each group led by a flag byte whose
 * bit k says whether item k is a literal (0: one byte) or a match (1: a
 * 16-bit little-endian distance 1..65535 and a byte, length - MIN_MATCH).
 *
 * Scale: MiB compressed and decompressed (default 14).
 * bench: quick=1
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE (1u << 20)
#define WINDOW 65535u
#define MIN_MATCH 4u
#define MAX_MATCH (MIN_MATCH + 255u)
#define HASH_BITS 15
#define MAX_CHAIN 48

static uint32_t rng = 12345;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Text: words from a fixed vocabulary, frequent ones more often, with
 * spaces, punctuation and line breaks. */
static void generate(unsigned char *out, size_t n)
{
    static char vocab[512][10];
    static int made;
    if (!made) {
        for (int w = 0; w < 512; w++) {
            int len = 2 + (int)(next() % 8);
            for (int i = 0; i < len; i++)
                vocab[w][i] = (char)('a' + next() % 26);
            vocab[w][len] = 0;
        }
        made = 1;
    }
    size_t i = 0;
    while (i < n) {
        uint32_t x = next();
        /* the minimum of two draws favours low word numbers */
        uint32_t w1 = x & 511, w2 = (x >> 9) & 511;
        const char *word = vocab[w1 < w2 ? w1 : w2];
        for (const char *c = word; *c && i < n; c++)
            out[i++] = (unsigned char)*c;
        if (i < n)
            out[i++] = (x >> 18) % 16 == 0 ? ',' : (x >> 18) % 61 == 1 ? '\n' : ' ';
    }
}

static uint32_t hash4(const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                 (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Compress in[0..n) into out; returns the compressed size.  out must hold
 * n + n / 8 + 1 bytes (the worst case: all literals). */
static size_t compress(const unsigned char *in, size_t n, unsigned char *out)
{
    static int32_t head[1 << HASH_BITS];
    static int32_t prev[SIZE];
    size_t o = 0, flag_at = 0, i = 0;
    int items = 8;

    for (size_t k = 0; k < (1u << HASH_BITS); k++)
        head[k] = -1;
    while (i < n) {
        if (items == 8) {
            flag_at = o++;
            out[flag_at] = 0;
            items = 0;
        }
        size_t best_len = 0, best_dist = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t h = hash4(in + i);
            size_t limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
            int32_t cand = head[h];
            for (int chain = 0; cand >= 0 && chain < MAX_CHAIN; chain++) {
                size_t dist = i - (size_t)cand;
                if (dist > WINDOW)
                    break;
                if (in[cand + best_len] == in[i + best_len]) {
                    size_t len = 0;
                    while (len < limit && in[cand + len] == in[i + len])
                        len++;
                    if (len > best_len) {
                        best_len = len;
                        best_dist = dist;
                        if (len == limit)
                            break;
                    }
                }
                cand = prev[cand];
            }
            prev[i] = head[h];
            head[h] = (int32_t)i;
        }
        if (best_len >= MIN_MATCH) {
            out[flag_at] |= (unsigned char)(1u << items);
            out[o++] = (unsigned char)best_dist;
            out[o++] = (unsigned char)(best_dist >> 8);
            out[o++] = (unsigned char)(best_len - MIN_MATCH);
            /* enter the positions inside the match into the chains */
            for (size_t j = i + 1; j < i + best_len && j + MIN_MATCH <= n; j++) {
                uint32_t h = hash4(in + j);
                prev[j] = head[h];
                head[h] = (int32_t)j;
            }
            i += best_len;
        } else {
            out[o++] = in[i++];
        }
        items++;
    }
    return o;
}

/* Decompress; returns the size written, or 0 on a malformed stream. */
static size_t decompress(const unsigned char *in, size_t n, unsigned char *out,
                         size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned flags = in[i++];
        for (int k = 0; k < 8 && i < n; k++) {
            if (flags & (1u << k)) {
                if (n - i < 3)
                    return 0;
                size_t dist = in[i] | (size_t)in[i + 1] << 8;
                size_t len = in[i + 2] + MIN_MATCH;
                i += 3;
                if (dist == 0 || dist > o || len > cap - o)
                    return 0;
                for (size_t j = 0; j < len; j++, o++)
                    out[o] = out[o - dist];
            } else {
                if (o == cap)
                    return 0;
                out[o++] = in[i++];
            }
        }
    }
    return o;
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 14;
    unsigned char *text = malloc(SIZE), *packed = malloc(SIZE + SIZE / 8 + 1),
                  *back = malloc(SIZE);
    uint64_t h = 0xcbf29ce484222325u, total = 0;

    if (scale < 1 || !text || !packed || !back)
        return 2;
    for (long r = 0; r < scale; r++) {
        generate(text, SIZE);
        size_t n = compress(text, SIZE, packed);
        size_t m = decompress(packed, n, back, SIZE);
        if (m != SIZE || memcmp(text, back, SIZE) != 0) {
            printf("lz77: round trip failed in round %ld\n", r);
            return 1;
        }
        total += n;
        for (size_t i = 0; i < n; i++)
            h = (h ^ packed[i]) * 0x100000001b3u;
    }
    printf("lz77 checksum %016" PRIx64 " compressed %" PRIu64 " of %" PRIu64 "\n",
           h, total, (uint64_t)scale * SIZE);
    free(text);
    free(packed);
    free(back);
    return 0;
}
