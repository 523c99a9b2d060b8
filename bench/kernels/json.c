/*
 * json.c - string processing: tokenise a generated 1 MiB JSON document
 * (nested objects and arrays, strings with every kind of escape including
 * surrogate pairs, integers, decimals with exponents, literals), decoding
 * strings to UTF-8 and numbers to an exact (digits, exponent) pair, and
 * checking that brackets nest.
 *
 * Scale: passes over the document (default 120).
 * bench: quick=10
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOC_MAX (1u << 20)

static uint32_t rng = 0x6b8b4567u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* ---- the document --------------------------------------------------- */

static char *doc;
static size_t len;

static void put(const char *s)
{
    size_t n = strlen(s);
    memcpy(doc + len, s, n);
    len += n;
}

static void put_uint(uint32_t v)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        doc[len++] = tmp[--n];
}

static const char *const keys[] = {
    "id", "name", "tags", "score", "active", "parent", "children", "note",
    "x", "y", "description", "url",
};
static const char *const pieces[] = {
    "alpha", "beta", " ", "gamma", "\\\"", "\\\\", "\\n", "\\t", "\\/",
    "\\u00e9", "\\u4e2d", "\\ud83d\\ude00", "delta epsilon", "\\r\\b\\f",
};

static void gen_string(void)
{
    int n = (int)(next() % 6);
    doc[len++] = '"';
    for (int i = 0; i < n; i++)
        put(pieces[next() % (sizeof pieces / sizeof *pieces)]);
    doc[len++] = '"';
}

static void gen_value(int depth)
{
    uint32_t x = next();
    int kind = depth >= 5 ? (int)(x % 6) : (int)(x % 8);
    switch (kind) {
    case 0:
        gen_string();
        break;
    case 1:
        if (x & 256)
            doc[len++] = '-';
        put_uint(next() % 100000);
        break;
    case 2:
        put_uint(next() % 1000);
        doc[len++] = '.';
        put_uint(next() % 100000);
        if (x & 512) {
            put("e-");
            put_uint(next() % 20);
        }
        break;
    case 3:
        put(x & 256 ? "true" : "false");
        break;
    case 4:
        put("null");
        break;
    case 5:
        gen_string();
        break;
    case 6: {
        int n = (int)(next() % 5);
        doc[len++] = '[';
        for (int i = 0; i < n; i++) {
            if (i)
                put(", ");
            gen_value(depth + 1);
        }
        doc[len++] = ']';
        break;
    }
    default: {
        int n = 1 + (int)(next() % 5);
        put("{\n");
        for (int i = 0; i < n; i++) {
            if (i)
                put(",\n");
            doc[len++] = '"';
            put(keys[next() % (sizeof keys / sizeof *keys)]);
            put("\": ");
            gen_value(depth + 1);
        }
        put("\n}");
        break;
    }
    }
}

static void generate(void)
{
    doc[len++] = '[';
    while (len < DOC_MAX - 4096) {
        if (len > 1)
            put(",\n");
        gen_value(0);
    }
    doc[len++] = ']';
}

/* ---- the tokeniser -------------------------------------------------- */

enum { T_OBJ, T_END_OBJ, T_ARR, T_END_ARR, T_COLON, T_COMMA, T_STRING,
       T_NUMBER, T_TRUE, T_FALSE, T_NULL, T_KINDS };

struct result {
    uint64_t hash;
    uint32_t count[T_KINDS];
    size_t utf8_bytes;
};

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3u;
}

static int hex(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int hex4(const char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex((unsigned char)p[i]);
        if (d < 0)
            return 0;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 1;
}

static size_t utf8(uint32_t cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xc0 | cp >> 6);
        out[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xe0 | cp >> 12);
        out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (unsigned char)(0xf0 | cp >> 18);
    out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
    out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
    out[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

/* A string starting after its opening quote: decoded into buf; returns the
 * position after the closing quote, or NULL if malformed. */
static const char *string(const char *p, const char *end, unsigned char *buf,
                          size_t *n)
{
    size_t o = 0;
    while (p < end && *p != '"') {
        unsigned char c = (unsigned char)*p++;
        if (c != '\\') {
            if (c < 0x20)
                return NULL;
            buf[o++] = c;
            continue;
        }
        if (p == end)
            return NULL;
        uint32_t cp;
        switch (*p++) {
        case '"': buf[o++] = '"'; break;
        case '\\': buf[o++] = '\\'; break;
        case '/': buf[o++] = '/'; break;
        case 'b': buf[o++] = '\b'; break;
        case 'f': buf[o++] = '\f'; break;
        case 'n': buf[o++] = '\n'; break;
        case 'r': buf[o++] = '\r'; break;
        case 't': buf[o++] = '\t'; break;
        case 'u':
            if (end - p < 4 || !hex4(p, &cp))
                return NULL;
            p += 4;
            if (cp >= 0xd800 && cp < 0xdc00) {
                uint32_t lo;
                if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &lo) ||
                    lo < 0xdc00 || lo >= 0xe000)
                    return NULL;
                p += 6;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            o += utf8(cp, buf + o);
            break;
        default:
            return NULL;
        }
    }
    if (p == end)
        return NULL;
    *n = o;
    return p + 1;
}

/* A number: its significant digits as an integer and its decimal exponent
 * (12.5e-3 is 125 and -4); returns the position after it, or NULL. */
static const char *number(const char *p, const char *end, uint64_t *digits,
                          int32_t *exp)
{
    int neg = 0, any = 0;
    uint64_t d = 0;
    int32_t e = 0;
    if (p < end && *p == '-')
        neg = 1, p++;
    while (p < end && *p >= '0' && *p <= '9')
        d = d * 10 + (uint64_t)(*p++ - '0'), any = 1;
    if (p < end && *p == '.') {
        p++;
        while (p < end && *p >= '0' && *p <= '9')
            d = d * 10 + (uint64_t)(*p++ - '0'), e--, any = 1;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        int eneg = 0;
        int32_t x = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            eneg = *p++ == '-';
        if (p == end || *p < '0' || *p > '9')
            return NULL;
        while (p < end && *p >= '0' && *p <= '9')
            x = x * 10 + (*p++ - '0');
        e += eneg ? -x : x;
    }
    if (!any)
        return NULL;
    *digits = neg ? 0 - d : d;
    *exp = e;
    return p;
}

static int tokenise(const char *p, const char *end, struct result *r)
{
    static unsigned char buf[DOC_MAX];
    char nest[64];
    int depth = 0;
    uint64_t h = r->hash;

    while (p < end) {
        int kind;
        char c = *p;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            p++;
            continue;
        }
        switch (c) {
        case '{':
        case '[':
            if (depth == 64)
                return 0;
            nest[depth++] = c;
            kind = c == '{' ? T_OBJ : T_ARR;
            p++;
            break;
        case '}':
        case ']':
            if (depth == 0 || nest[--depth] != (c == '}' ? '{' : '['))
                return 0;
            kind = c == '}' ? T_END_OBJ : T_END_ARR;
            p++;
            break;
        case ':': kind = T_COLON; p++; break;
        case ',': kind = T_COMMA; p++; break;
        case '"': {
            size_t n;
            p = string(p + 1, end, buf, &n);
            if (!p)
                return 0;
            for (size_t i = 0; i < n; i++)
                h = mix(h, buf[i]);
            r->utf8_bytes += n;
            kind = T_STRING;
            break;
        }
        case 't':
        case 'f':
        case 'n': {
            const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            size_t n = strlen(word);
            if ((size_t)(end - p) < n || memcmp(p, word, n) != 0)
                return 0;
            p += n;
            kind = c == 't' ? T_TRUE : c == 'f' ? T_FALSE : T_NULL;
            break;
        }
        default: {
            uint64_t digits;
            int32_t exp;
            p = number(p, end, &digits, &exp);
            if (!p)
                return 0;
            h = mix(mix(h, digits), (uint32_t)exp);
            kind = T_NUMBER;
            break;
        }
        }
        r->count[kind]++;
        h = mix(h, (uint64_t)kind);
    }
    r->hash = h;
    return depth == 0;
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 120;
    struct result r;

    doc = malloc(DOC_MAX);
    if (scale < 1 || !doc)
        return 2;
    generate();
    memset(&r, 0, sizeof r);
    r.hash = 0xcbf29ce484222325u;
    for (long i = 0; i < scale; i++)
        if (!tokenise(doc, doc + len, &r)) {
            printf("json: malformed document\n");
            return 1;
        }
    uint64_t h = r.hash;
    for (int k = 0; k < T_KINDS; k++)
        h = mix(h, r.count[k]);
    printf("json checksum %016" PRIx64 " bytes %zu strings %" PRIu32
           " numbers %" PRIu32 "\n", mix(h, r.utf8_bytes), len,
           r.count[T_STRING] / (uint32_t)scale, r.count[T_NUMBER] / (uint32_t)scale);
    free(doc);
    return 0;
}
