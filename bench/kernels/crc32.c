/*
 * crc32.c - byte crunching: CRC-32 (the reflected 0xEDB88320 polynomial of
 * zlib and PNG) of a 1 MiB buffer, computed two ways that must agree:
 * slicing-by-4 with four 256-entry tables, and one table byte at a time.
 *
 * Scale: MiB checked by each method (default 120).
 * bench: quick=10
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF (1u << 20)

static uint32_t table[4][256];

static void make_tables(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++)
        for (int t = 1; t < 4; t++)
            table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
}

static uint32_t crc_bytewise(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
    return ~crc;
}

static uint32_t crc_slice4(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n >= 4) {
        crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
               (uint32_t)p[3] << 24;
        crc = table[3][crc & 0xff] ^ table[2][(crc >> 8) & 0xff] ^
              table[1][(crc >> 16) & 0xff] ^ table[0][crc >> 24];
        p += 4;
        n -= 4;
    }
    while (n--)
        crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
    return ~crc;
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 120;
    unsigned char *buf = malloc(BUF);
    uint32_t a = 0, b = 0, x = 7;

    if (scale < 1 || !buf)
        return 2;
    make_tables();
    if (crc_bytewise(0, (const unsigned char *)"123456789", 9) != 0xcbf43926u) {
        printf("crc32: self-test failed\n");
        return 1;
    }
    for (uint32_t i = 0; i < BUF; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
    for (long r = 0; r < scale; r++) {
        size_t off = (size_t)r % 13;
        a = crc_slice4(a, buf + off, BUF - off);
        b = crc_bytewise(b, buf + off, BUF - off);
    }
    if (a != b) {
        printf("crc32: slicing-by-4 %08" PRIx32 " != bytewise %08" PRIx32 "\n", a, b);
        return 1;
    }
    printf("crc32 checksum %08" PRIx32 "\n", a);
    free(buf);
    return 0;
}
