/*
 * cwrite.c - building C text: a growable buffer, constants as C, and the
 * mangling of Wasm names into C identifiers (docs/generated-c.md).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

/* An output file is written in pieces of about this size. */
enum { SINK_CHUNK = 1 << 18 };

void copy_long(char *d, const char *s, size_t n) { memcpy(d, s, n); }

void buf_flush(Buf *b)
{
    if (b->len && !b->err && fwrite(b->p, 1, b->len, b->sink) != b->len)
        b->err = errno ? errno : EIO;
    b->len = 0;
}

void buf_write(Buf *b, const char *s, size_t n)
{
    if (!b->sink || n < SINK_CHUNK / 4) {
        buf_put(b, s, n);
        return;
    }
    buf_flush(b);
    if (!b->err && fwrite(s, 1, n, b->sink) != n)
        b->err = errno ? errno : EIO;
}

void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    if (b->sink && b->len) {
        buf_flush(b);
        if (extra + 1 <= b->cap)
            return;
    }
    size_t cap = b->cap ? b->cap : b->sink ? SINK_CHUNK : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        internal_error(__FILE__, __LINE__, "out of memory");
    b->p = p;
    b->cap = cap;
}

static void slow_vprintf(Buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0,
                      fmt, ap);
    if (n < 0)
        internal_error(__FILE__, __LINE__, "vsnprintf failed");
    if (!b->p || (size_t)n >= b->cap - b->len) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap2);
    }
    va_end(ap2);
    b->len += (size_t)n;
}

/* The generated C is almost all short strings and small numbers, so
 * buf_vprintf formats %s, %c, %% and %u, %llu, %x, %llx (with an optional
 * zero-padded width) itself, in one pass; this halves the time of a
 * translation.  vsnprintf formats the rest from any other conversion on. */
void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
    static const char digits[] = "0123456789abcdef";
    for (const char *p = fmt;;) {
        const char *q = p;
        while (*q && *q != '%')
            q++;
        if (q > p || !b->p) /* a buffer once written to has text */
            buf_put(b, p, (size_t)(q - p));
        if (!*q)
            return;
        p = q + 1;
        if (*p == 's') {
            const char *s = va_arg(ap, const char *);
            buf_put(b, s, strlen(s));
            p++;
            continue;
        }
        if (*p == 'c' || *p == '%') {
            char c = *p == 'c' ? (char)va_arg(ap, int) : '%';
            buf_put(b, &c, 1);
            p++;
            continue;
        }
        unsigned width = 0;
        if (*p == '0')
            p++;
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (unsigned)(*p++ - '0');
        int ll = p[0] == 'l' && p[1] == 'l';
        const char *conv = p + (ll ? 2 : 0);
        if (*conv != 'u' && *conv != 'x') {
            slow_vprintf(b, q, ap);
            return;
        }
        unsigned long long v = ll ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
        unsigned base = *conv == 'x' ? 16 : 10;
        p = conv + 1;
        char tmp[24];
        size_t n = 0;
        do {
            tmp[sizeof tmp - ++n] = digits[v % base];
            v /= base;
        } while (v);
        while (n < width && n < sizeof tmp)
            tmp[sizeof tmp - ++n] = '0';
        buf_put(b, tmp + sizeof tmp - n, n);
    }
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_free(Buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static int is_alnum(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* Letters and digits stay; '_' stays when it is not first and the next byte
 * is a letter or digit other than 'x'; every other byte, and a leading
 * digit, becomes _xHH.  One-to-one, and never produces "__". */
void mangle(Buf *b, const uint8_t *s, size_t n)
{
    if (n == 0) {
        buf_puts(b, "_x");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        int keep;
        if (c == '_')
            keep = i > 0 && i + 1 < n && is_alnum(s[i + 1]) && s[i + 1] != 'x';
        else
            keep = is_alnum(c) && !(i == 0 && c >= '0' && c <= '9');
        if (keep)
            buf_put(b, (const char *)&s[i], 1);
        else
            buf_printf(b, "_x%02x", c);
    }
}

/* A module's name stands alone in C (an instance's type, an importer's
 * field), so the identifier written from `at` on gets "_x" appended when it
 * is a name C or its library already has (c_reserved).  Still one-to-one:
 * no other mangled name ends in "_x" but the empty name's, "_x" itself. */
void unreserve(Buf *b, size_t at)
{
    if (c_reserved(b->p + at))
        buf_puts(b, "_x");
}

void mangle_module(Buf *b, const uint8_t *s, size_t n)
{
    size_t at = b->len;
    mangle(b, s, n);
    unreserve(b, at);
}

/* ---- constants ------------------------------------------------------------ */

/* An f32 (is64 = 0) or f64 constant as an exact C expression, in s[n]
 * (n >= 48): NaNs and infinities by their bits; `paren`: a negative one in
 * parentheses, to stand as an operand (`x - (-0x1p+0)`). */
void c_float(char *s, size_t n, uint64_t bits, int is64, int paren)
{
    double v;
    if (is64) {
        memcpy(&v, &bits, 8);
    } else {
        uint32_t u = (uint32_t)bits;
        float fl;
        memcpy(&fl, &u, 4);
        v = fl;
    }
    if ((isnan(v) || isinf(v)) && is64) {
        snprintf(s, n, "sandc_f64_reinterpret_i64(0x%016llxull)",
                 (unsigned long long)bits);
        return;
    }
    if (isnan(v) || isinf(v)) {
        snprintf(s, n, "sandc_f32_reinterpret_i32(0x%08xu)", (uint32_t)bits);
        return;
    }
    /* v in hexadecimal as C99's %a writes it ([-]0x1.hhhp+d, 0x0.hhhp-1022
     * when subnormal, 0x0p+0), here rather than by snprintf: the same on
     * every host, and a translation writes many. */
    uint64_t u;
    memcpy(&u, &v, 8);
    int neg = (int)(u >> 63), e = (int)(u >> 52 & 0x7ff);
    uint64_t frac = u & 0xfffffffffffffull;
    char *p = s;
    if (paren && neg)
        *p++ = '(';
    if (neg)
        *p++ = '-';
    *p++ = '0', *p++ = 'x', *p++ = e ? '1' : '0';
    if (frac) {
        *p++ = '.';
        for (int k = 48; k >= 0 && (frac & ((1ull << (k + 4)) - 1)); k -= 4)
            *p++ = "0123456789abcdef"[frac >> k & 15];
    }
    e = e ? e - 1023 : frac ? -1022 : 0;
    *p++ = 'p', *p++ = e < 0 ? '-' : '+';
    c_decimal(p, (uint64_t)(e < 0 ? -e : e), is64 ? "" : "f");
    if (paren && neg)
        strcat(p, ")");
}

/* A constant as a C operand, in s[n]: i32 `7u`, i64 `7ull`, floats exact,
 * negative ones in parentheses (`x - (-0x1p+0)`).  n >= 48.  Returns its
 * length. */
size_t c_const(char *s, size_t n, ValType t, uint64_t bits)
{
    switch (t) {
    case VT_I32:
        return (size_t)(c_decimal(s, (uint32_t)bits, "u") - s);
    case VT_I64:
        return (size_t)(c_decimal(s, bits, "ull") - s);
    case VT_F32: case VT_F64:
        c_float(s, n, bits, t == VT_F64, 1);
        return strlen(s);
    default:
        internal_error(__FILE__, __LINE__, "pending constant of a bad type");
    }
}

/* A v128 constant (16 bytes, as in the module) as a C expression. */
void emit_v128(Buf *b, const uint8_t *bytes)
{
    buf_puts(b, "sandc_v128_const(");
    for (int k = 0; k < 4; k++) {
        const uint8_t *p = bytes + 4 * k;
        uint32_t u = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                     (uint32_t)p[3] << 24;
        buf_printf(b, "%s0x%08xu", k ? ", " : "", u);
    }
    buf_puts(b, ")");
}

/* A f32/f64 constant as an exact C expression. */
void emit_float(Buf *b, uint64_t bits, int is64)
{
    char s[64];
    c_float(s, sizeof s, bits, is64, 0);
    buf_puts(b, s);
}
