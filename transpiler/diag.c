/*
 * diag.c - errors and warnings, and the bounds-checked cursor that records
 * them.  Every input error is "file:0xOFFSET: error: what", where OFFSET is the
 * offending byte.  Internal bugs take internal_error() instead and abort.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

static void vset(Diag *d, size_t off, const char *fmt, va_list ap)
{
    if (d->failed)
        return;
    d->failed = 1;
    d->off = off;
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
}

void diag_error(Diag *d, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(d, off, fmt, ap);
    va_end(ap);
}

void diag_warn(const Diag *d, size_t off, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:0x%zx: warning: ", d->file, off);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void diag_print(const Diag *d)
{
    fprintf(stderr, "%s:0x%zx: error: %s\n", d->file, d->off, d->msg);
}

_Noreturn void internal_error(const char *file, int line, const char *what)
{
    fprintf(stderr, "sandc: internal error at %s:%d: %s\n", file, line, what);
    abort();
}

/* ---- cursor --------------------------------------------------------------- */

void cur_fail(Cursor *c, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(c->d, off, fmt, ap);
    va_end(ap);
    c->p = c->end;
}

static void eof(Cursor *c, const char *what)
{
    cur_fail(c, cur_off(c), "unexpected end while reading %s", what);
}

uint8_t cur_byte_slow(Cursor *c, const char *what)
{
    if (c->p >= c->end) {
        eof(c, what);
        return 0;
    }
    return *c->p++;
}

const uint8_t *cur_bytes(Cursor *c, size_t n, const char *what)
{
    const uint8_t *p = c->p;
    if (n > cur_left(c)) {
        cur_fail(c, cur_off(c), "unexpected end: %s of %zu bytes, only %zu left",
                 what, n, cur_left(c));
        return NULL;
    }
    c->p += n;
    return p;
}

/*
 * LEB128 with at most `bits` significant bits.  The last possible byte may not
 * continue ("representation too long") and its unused bits must be zero, or
 * for signed numbers copies of the sign bit ("integer too large").
 */
static uint64_t leb(Cursor *c, unsigned bits, int is_signed, const char *what)
{
    size_t start = cur_off(c);
    unsigned maxbytes = (bits + 6) / 7, shift = 0;
    uint64_t result = 0;
    uint8_t b = 0;
    for (unsigned i = 0;; i++) {
        if (c->p >= c->end) {
            eof(c, what);
            return 0;
        }
        b = *c->p++;
        if (i == maxbytes - 1) {
            unsigned used = bits - 7 * i; /* value bits in this byte */
            if (b & 0x80) {
                cur_fail(c, start, "integer representation too long: %s "
                         "(more than %u bytes)", what, maxbytes);
                return 0;
            }
            if (is_signed) {
                uint8_t mask = (uint8_t)((0x7Fu >> (used - 1)) << (used - 1));
                if ((b & mask) != 0 && (b & mask) != mask)
                    goto too_large;
            } else if (b & 0x7F & ~((1u << used) - 1)) {
                goto too_large;
            }
        }
        result |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    if (is_signed && shift < 64 && (b & 0x40))
        result |= ~(uint64_t)0 << shift;
    return result;
too_large:
    cur_fail(c, start, "integer too large: %s does not fit in %u bits", what,
             bits);
    return 0;
}

/* leb() for a well-formed LEB128 of a `bits`-bit immediate wholly in the
 * buffer: the same value, without a test per byte for the end.  Its
 * length goes to *n; 0 when it cannot be had so (too few bytes left, or
 * malformed: leb() then reads it again and says what is wrong). */
static uint64_t leb_fast(const uint8_t *p, const uint8_t *end, unsigned bits,
                         int is_signed, unsigned *n)
{
    unsigned maxbytes = (bits + 6) / 7;
    uint64_t v = 0;
    *n = 0;
    if ((size_t)(end - p) < maxbytes)
        return 0;
    for (unsigned i = 0; i < maxbytes; i++) {
        uint8_t b = p[i];
        if (i == maxbytes - 1) { /* leb()'s tests of the last byte */
            unsigned used = bits - 7 * i;
            uint8_t mask = (uint8_t)((0x7Fu >> (used - 1)) << (used - 1));
            if ((b & 0x80) || (is_signed ? (b & mask) != 0 && (b & mask) != mask
                                         : (b & 0x7F & ~((1u << used) - 1)) != 0))
                return 0;
        }
        v |= (uint64_t)(b & 0x7F) << (7 * i);
        if (!(b & 0x80)) {
            if (is_signed && 7 * (i + 1) < 64 && (b & 0x40))
                v |= ~(uint64_t)0 << (7 * (i + 1));
            *n = i + 1;
            return v;
        }
    }
    return 0;
}

uint32_t cur_u32_slow(Cursor *c, const char *what)
{
    unsigned n;
    uint64_t v = leb_fast(c->p, c->end, 32, 0, &n);
    if (n) {
        c->p += n;
        return (uint32_t)v;
    }
    return (uint32_t)leb(c, 32, 0, what);
}

uint64_t cur_u64(Cursor *c, const char *what) { return leb(c, 64, 0, what); }

int32_t cur_s32_slow(Cursor *c, const char *what)
{
    unsigned n;
    uint64_t v = leb_fast(c->p, c->end, 32, 1, &n);
    if (n) {
        c->p += n;
        return (int32_t)(uint32_t)v;
    }
    return (int32_t)(uint32_t)leb(c, 32, 1, what);
}

int64_t cur_s33(Cursor *c, const char *what)
{
    return (int64_t)leb(c, 33, 1, what);
}

int64_t cur_s64_slow(Cursor *c, const char *what)
{
    unsigned n;
    uint64_t v = leb_fast(c->p, c->end, 64, 1, &n);
    if (n) {
        c->p += n;
        return (int64_t)v;
    }
    return (int64_t)leb(c, 64, 1, what);
}

/* A vector length: every item takes at least `min_item_bytes`, so a count
 * larger than the bytes left allow is malformed, and nothing is allocated
 * for it. */
uint32_t cur_count(Cursor *c, size_t min_item_bytes, const char *what)
{
    size_t off = cur_off(c);
    uint32_t n = cur_u32(c, what);
    if (cur_ok(c) && n > cur_left(c) / min_item_bytes) {
        cur_fail(c, off, "length out of bounds: %u %s, but only %zu bytes left",
                 n, what, cur_left(c));
        return 0;
    }
    return n;
}

/* A name from the module, made safe for a one-line message: at most 48
 * bytes, control characters and quotes as '?'. */
const char *name_printable(char *buf, size_t cap, const uint8_t *s,
                           uint32_t n)
{
    size_t k = 0;
    for (uint32_t i = 0; i < n && k + 4 < cap; i++)
        buf[k++] = s[i] < 0x20 || s[i] == 0x7F || s[i] == '"' ? '?'
                                                              : (char)s[i];
    if (k + 4 >= cap && n > k)
        memcpy(buf + k, "...", 3), k += 3;
    buf[k] = 0;
    return buf;
}

int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(try '%s --help')\n", cmd);
    return EXIT_USAGE;
}
