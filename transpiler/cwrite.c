/*
 * cwrite.c - building C text: a growable buffer, and the mangling of Wasm
 * names into C identifiers (docs/generated-c.md).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

static void reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        internal_error(__FILE__, __LINE__, "out of memory");
    b->p = p;
    b->cap = cap;
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0,
                      fmt, ap);
    if (n < 0)
        internal_error(__FILE__, __LINE__, "vsnprintf failed");
    if (!b->p || (size_t)n >= b->cap - b->len) {
        reserve(b, (size_t)n);
        vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap2);
    }
    va_end(ap2);
    b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_put(Buf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

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
