/*
 * wasm.h - the transpiler's one internal header.
 *
 * Grouped by the file that defines each part: diag.c (errors), opcodes.c
 * (the opcode table), read.c (binary -> Module), names.c (the name section),
 * decode.c (one instruction at a time), validate.c (the spec's validation
 * algorithm).  main.c strings them together.
 */
#ifndef SANDC_WASM_H
#define SANDC_WASM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SANDC_VERSION "0.1.0"

/* ---- features ------------------------------------------------------------
 * X(bit name, flag name, on by default).  Wasm 2.0 is the default set. */
#define FEATURES(X)                                         \
    X(MUTABLE_GLOBALS,   "mutable-globals",   1)            \
    X(SIGN_EXT,          "sign-extension",    1)            \
    X(SAT_FLOAT_TO_INT,  "saturating-float-to-int", 1)      \
    X(MULTI_VALUE,       "multi-value",       1)            \
    X(BULK_MEMORY,       "bulk-memory",       1)            \
    X(REFERENCE_TYPES,   "reference-types",   1)            \
    X(SIMD,              "simd",              1)            \
    X(THREADS,           "threads",           0)            \
    X(TAIL_CALL,         "tail-call",         0)            \
    X(MEMORY64,          "memory64",          0)            \
    X(MULTI_MEMORY,      "multi-memory",      0)            \
    X(EXCEPTIONS,        "exceptions",        0)            \
    X(EXTENDED_CONST,    "extended-const",    0)            \
    X(RELAXED_SIMD,      "relaxed-simd",      0)

enum {
#define X(id, flag, dflt) FEATBIT_##id,
    FEATURES(X)
#undef X
    FEATBIT_COUNT
};
enum {
    FEAT_MVP = 0, /* always available */
#define X(id, flag, dflt) FEAT_##id = 1u << FEATBIT_##id,
    FEATURES(X)
#undef X
};
typedef uint32_t Features;
extern const Features FEATURES_DEFAULT;

/* ---- values --------------------------------------------------------------
 * Value types carry their binary encoding. */
typedef uint8_t ValType;
enum {
    VT_BOTTOM    = 0x00, /* the unknown type of an unreachable stack */
    VT_I32       = 0x7F,
    VT_I64       = 0x7E,
    VT_F32       = 0x7D,
    VT_F64       = 0x7C,
    VT_V128      = 0x7B,
    VT_FUNCREF   = 0x70,
    VT_EXTERNREF = 0x6F,
};
const char *valtype_name(ValType t);
int valtype_is_ref(ValType t);

/* ---- diag.c: errors -------------------------------------------------------
 * The first error wins and sticks; everything after it is a no-op, so decode
 * code reads straight-line and checks `d->failed` where it loops. */
typedef struct Diag {
    const char *file;
    int failed;
    size_t off;
    char msg[320];
} Diag;

void diag_error(Diag *d, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warn(const Diag *d, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_print(const Diag *d); /* "file:0xOFF: error: msg" to stderr */
/* A name from the module made safe for a one-line message (at most cap-1
 * bytes; control characters and quotes as '?'). */
const char *name_printable(char *buf, size_t cap, const uint8_t *s, uint32_t n);
_Noreturn void internal_error(const char *file, int line, const char *what);
/* The command's exit statuses (README): 0 success, 1 invalid module, 2 usage
 * or I/O error. */
enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };
/* "CMD: <message>" and a hint to CMD --help on stderr; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#define unreachable() internal_error(__FILE__, __LINE__, "unreachable")

/* ---- the cursor ----------------------------------------------------------
 * A bounds-checked reader over the input bytes.  A failed read records the
 * error (offset + what was being read) in the Diag, moves the cursor to its
 * end and returns 0; later reads fail quietly. */
typedef struct Cursor {
    const uint8_t *base; /* offsets in errors are relative to this */
    const uint8_t *p;
    const uint8_t *end;
    Diag *d;
} Cursor;

static inline size_t cur_off(const Cursor *c) { return (size_t)(c->p - c->base); }
static inline size_t cur_left(const Cursor *c) { return (size_t)(c->end - c->p); }
static inline int cur_ok(const Cursor *c) { return !c->d->failed; }
static inline int cur_done(const Cursor *c) { return c->p >= c->end; }

void cur_fail(Cursor *c, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
uint8_t cur_byte_slow(Cursor *c, const char *what);
const uint8_t *cur_bytes(Cursor *c, size_t n, const char *what);
uint32_t cur_u32_slow(Cursor *c, const char *what);
uint64_t cur_u64(Cursor *c, const char *what);
int32_t cur_s32_slow(Cursor *c, const char *what);
int64_t cur_s33(Cursor *c, const char *what);
int64_t cur_s64_slow(Cursor *c, const char *what);
uint32_t cur_count(Cursor *c, size_t min_item_bytes, const char *what);

/* The common cases inline: a byte that is there, a LEB128 of one byte. */
static inline uint8_t cur_byte(Cursor *c, const char *what)
{
    if (c->p < c->end)
        return *c->p++;
    return cur_byte_slow(c, what);
}

static inline uint32_t cur_u32(Cursor *c, const char *what)
{
    if (c->p < c->end && *c->p < 0x80)
        return *c->p++;
    return cur_u32_slow(c, what);
}

/* The value of a one-byte signed LEB128 b (< 0x80): 7 bits, bit 6 the sign. */
static inline int32_t leb1_signed(uint8_t b)
{
    return b & 0x40 ? (int32_t)b - 128 : (int32_t)b;
}

static inline int32_t cur_s32(Cursor *c, const char *what)
{
    if (c->p < c->end && *c->p < 0x80)
        return leb1_signed(*c->p++);
    return cur_s32_slow(c, what);
}

static inline int64_t cur_s64(Cursor *c, const char *what)
{
    if (c->p < c->end && *c->p < 0x80)
        return leb1_signed(*c->p++);
    return cur_s64_slow(c, what);
}

/* ---- opcodes.c: the opcode table ----------------------------------------- */
typedef enum {
    IMM_NONE,
    IMM_BLOCK,         /* block type: 0x40, a value type, or an s33 type index */
    IMM_LABEL,         /* u32 label depth */
    IMM_BR_TABLE,      /* vec(label) label */
    IMM_FUNC,          /* u32 function index */
    IMM_CALL_INDIRECT, /* u32 type index, u32 table index */
    IMM_LOCAL,
    IMM_GLOBAL,
    IMM_TABLE,
    IMM_MEMARG,        /* u32 align flags (+ u32 memory index), offset */
    IMM_MEMARG_LANE,   /* memarg, lane byte */
    IMM_MEMORY,        /* memory index (a zero byte without multi-memory) */
    IMM_MEMORY_INIT,   /* u32 data index, memory index */
    IMM_MEMORY_COPY,   /* memory index, memory index */
    IMM_DATA,
    IMM_ELEM,
    IMM_TABLE_INIT,    /* u32 elem index, u32 table index */
    IMM_TABLE_COPY,    /* u32 table index, u32 table index */
    IMM_I32,
    IMM_I64,
    IMM_F32,
    IMM_F64,
    IMM_V128,
    IMM_SHUFFLE,
    IMM_LANE,
    IMM_REFTYPE,
    IMM_SELECT_T,      /* vec(valtype) */
    IMM_TAG,
    IMM_ATOMIC_FENCE,  /* one zero byte */
} ImmKind;

typedef enum {
#define OP(id, prefix, code, name, imm, align, sig, feat, c) OP_##id,
#include "opcodes.def"
#undef OP
    OP_COUNT
} Opcode;

enum { ACCESS_LOAD = 1, ACCESS_STORE = 2 };

/* In OpInfo.pop/push, VT_ADDR stands for the accessed memory's address type. */
enum { VT_ADDR = 0x01, OP_MAX_POP = 3, OP_MAX_PUSH = 1 };

typedef struct OpInfo {
    const char *name;
    uint16_t prefix;
    uint16_t code;
    uint8_t imm;      /* ImmKind */
    uint8_t align;
    uint8_t special;  /* typed by hand in the validator */
    uint8_t access;   /* ACCESS_LOAD, ACCESS_STORE: a plain load or store (of
                         the MVP: not atomic, not SIMD); else 0 */
    uint8_t pure;     /* a numeric instruction that has no effect and
                         cannot trap */
    uint8_t npop, npush;
    ValType pop[OP_MAX_POP];
    ValType push[OP_MAX_PUSH];
    Features feat;
    const char *c;    /* the emitter's C template, or NULL */
} OpInfo;

extern OpInfo op_info[OP_COUNT];
void opcodes_init(void);
/* Lookup tables, one per prefix, holding Opcode + 1 (0: no such opcode). */
enum { OP_FC_MAX = 0x20, OP_FD_MAX = 0x120, OP_FE_MAX = 0x50 };
extern uint16_t op_by_byte[256], op_by_fc[OP_FC_MAX], op_by_fd[OP_FD_MAX],
    op_by_fe[OP_FE_MAX];
/* op_by_byte with the entry's immediates and feature beside it, for
 * decode_instr's fast path. */
typedef struct ByteOp {
    uint16_t op1;  /* Opcode + 1, or 0 */
    uint8_t imm;   /* ImmKind */
    Features feat;
} ByteOp;
extern ByteOp byte_op[256];

/* The Opcode for a prefix (0 = none) and code, or OP_COUNT if there is none.
 * Inline: every stage decodes every instruction. */
static inline Opcode op_lookup(unsigned prefix, uint32_t code)
{
    uint16_t v = 0;
    switch (prefix) {
    case 0: v = code < 256 ? op_by_byte[code] : 0; break;
    case 0xFC: v = code < OP_FC_MAX ? op_by_fc[code] : 0; break;
    case 0xFD: v = code < OP_FD_MAX ? op_by_fd[code] : 0; break;
    case 0xFE: v = code < OP_FE_MAX ? op_by_fe[code] : 0; break;
    }
    return v ? (Opcode)(v - 1) : OP_COUNT;
}

/* ---- read.c: the module --------------------------------------------------- */
typedef struct Span { uint32_t off, len; } Span; /* a range of input bytes */

typedef struct FuncType {
    uint32_t nparams, nresults;
    const ValType *params, *results; /* point into the input */
} FuncType;

typedef struct Limits {
    uint64_t min, max;
    uint8_t has_max, is64, shared;
} Limits;

typedef struct Table { ValType elem; Limits lim; uint8_t imported; } Table;
typedef struct Memory { Limits lim; uint8_t imported; } Memory;
typedef struct Global {
    ValType type;
    uint8_t mut;
    uint8_t imported;
    Span init; /* constant expression, including its end */
} Global;
typedef struct Func {
    uint32_t type;
    uint8_t imported;
    Span body;   /* defined functions: locals + code, including the final end */
} Func;
typedef struct Tag { uint32_t type; uint8_t imported; } Tag;

enum { EXT_FUNC = 0, EXT_TABLE = 1, EXT_MEMORY = 2, EXT_GLOBAL = 3, EXT_TAG = 4 };

typedef struct Import {
    Span module, field;
    uint8_t kind;
    uint32_t index; /* into the index space of its kind */
    size_t off;
} Import;

typedef struct Export {
    Span name;
    uint8_t kind;
    uint32_t index;
    size_t off;
} Export;

enum { SEG_ACTIVE, SEG_PASSIVE, SEG_DECLARATIVE };

typedef struct Elem {
    uint8_t mode;
    uint8_t exprs;   /* items are constant expressions, not function indices */
    ValType type;
    uint32_t table;
    Span offset;     /* active: constant expression */
    uint32_t count;
    Span items;      /* the encoded items, to be decoded again */
    size_t off;
} Elem;

typedef struct Data {
    uint8_t mode;
    uint32_t mem;
    Span offset;
    Span bytes;
    size_t off;
} Data;

typedef struct Names {
    Span module;       /* len 0: none */
    Span *funcs;       /* nfuncs entries, len 0: none; NULL if no names */
    Span locals;       /* the local-names subsection, decoded on demand */
} Names;

typedef struct Module {
    const uint8_t *bytes;
    size_t size;

    uint32_t ntypes, nimports, nfuncs, ntables, nmems, nglobals, ntags;
    uint32_t nexports, nelems, ndatas;
    uint32_t nfunc_imports, ntable_imports, nmem_imports, nglobal_imports,
        ntag_imports;
    FuncType *types;
    Import *imports;
    Func *funcs;
    Table *tables;
    Memory *mems;
    Global *globals;
    Tag *tags;
    Export *exports;
    Elem *elems;
    Data *datas;

    uint8_t has_start, has_datacount;
    uint32_t start;
    size_t start_off;
    uint32_t datacount;
    size_t code_off; /* offset of the code section, for errors */

    Names names;

    /* allocation: every array above lives in this list of blocks */
    void *arena;
} Module;

/* Read and structurally check a module.  Returns 0 on success; on failure the
 * Diag holds the error.  The module refers into `bytes`, which must outlive
 * it.  Always call module_free, whatever read_module returned. */
int read_module(Module *m, const uint8_t *bytes, size_t size, Features f,
                Diag *d);
void module_free(Module *m);
void *module_alloc(Module *m, size_t n, size_t size); /* zeroed; n*size checked */
int read_limits(Cursor *c, Limits *l, int is_memory, Features f);

/* ---- names.c: the name section ------------------------------------------ */
/* Decode the "name" custom section; a malformed one is dropped with a warning. */
void read_names(Module *m, Cursor *c, Diag *d);
/* The function's name from the name section, or NULL. Sets *len. */
const char *func_name(const Module *m, uint32_t func, uint32_t *len);

/* ---- decode.c: one instruction ------------------------------------------ */
typedef struct Instr {
    Opcode op;
    size_t off;          /* offset of the first opcode byte */
    uint32_t a, b;       /* indices: label, func, type+table, local, global,
                            data+mem, elem+table, table+table, mem+mem */
    int64_t blocktype;   /* IMM_BLOCK: <0 is a value type byte - 0x80 etc. */
    uint32_t align;      /* IMM_MEMARG: log2 alignment */
    uint32_t mem;        /* IMM_MEMARG: memory index */
    uint64_t offset;     /* IMM_MEMARG: offset */
    uint8_t lane;        /* IMM_LANE, IMM_MEMARG_LANE */
    uint64_t i64;        /* IMM_I32, IMM_I64, IMM_F32, IMM_F64 (raw bits) */
    const uint8_t *v128; /* IMM_V128, IMM_SHUFFLE: 16 bytes in the input;
                            IMM_SELECT_T: the value types */
    uint32_t count;      /* IMM_BR_TABLE: number of targets (excluding the
                            default, which is in .a); IMM_SELECT_T: count */
    Span targets;        /* IMM_BR_TABLE: the encoded target labels */
} Instr;

/* Block types as decoded: the empty type, a value type, or a type index. */
#define BLOCKTYPE_EMPTY (-0x40)

/* Decode the instruction at the cursor.  Returns 0 on a decode error (the
 * Diag holds it), or when the Diag already held one.  Checks the opcode's
 * feature against `f`.  decode_instr_full (decode.c) takes every encoding;
 * decode_instr takes the common ones inline (a one-byte opcode whose
 * immediates, if any, are one-byte LEB128s) and leaves the rest to it:
 * every stage decodes every instruction, one or two bytes long mostly. */
int decode_instr_full(Cursor *c, Features f, Instr *in);

static inline int decode_instr(Cursor *c, Features f, Instr *in)
{
    const uint8_t *p = c->p;
    size_t left = (size_t)(c->end - p);
    if (!left)
        return decode_instr_full(c, f, in);
    const ByteOp *bo = &byte_op[*p];
    if (!bo->op1 || (bo->feat & ~f))
        return decode_instr_full(c, f, in);
    Opcode op = (Opcode)(bo->op1 - 1);
    size_t n = 1;
    switch ((ImmKind)bo->imm) {
    case IMM_NONE:
        break;
    case IMM_BLOCK: /* empty, or a value type of the MVP */
        if (left < 2 || !(p[1] == 0x40 || (p[1] >= VT_F64 && p[1] <= VT_I32)))
            return decode_instr_full(c, f, in);
        in->blocktype = -(int64_t)p[1];
        n = 2;
        break;
    case IMM_LABEL: case IMM_FUNC: case IMM_LOCAL: case IMM_GLOBAL:
    case IMM_TABLE: case IMM_DATA: case IMM_ELEM: case IMM_TAG:
        if (left < 2 || p[1] >= 0x80)
            return decode_instr_full(c, f, in);
        in->a = p[1];
        n = 2;
        break;
    case IMM_I32:
        if (left < 2 || p[1] >= 0x80)
            return decode_instr_full(c, f, in);
        in->i64 = (uint32_t)leb1_signed(p[1]);
        n = 2;
        break;
    case IMM_MEMARG: /* flags without a memory index (bit 6), an offset */
        if (left < 3 || p[1] >= 0x40 || p[2] >= 0x80)
            return decode_instr_full(c, f, in);
        in->mem = 0;
        in->align = p[1];
        in->offset = p[2];
        n = 3;
        break;
    default:
        return decode_instr_full(c, f, in);
    }
    in->off = (size_t)(p - c->base);
    in->op = op;
    c->p = p + n;
    return cur_ok(c);
}

/* A function body's instructions in order: first those that validation
 * recorded (p up to end), then decoded from the cursor.  A copy reads
 * ahead without moving the original. */
typedef struct InstrSrc {
    const Instr *p, *end;
    Cursor c;
    Features f;
} InstrSrc;

/* The next instruction, in the record or decoded into *tmp; NULL at the
 * body's end (or on a decode error, which the cursor's Diag holds). */
static inline const Instr *src_next(InstrSrc *s, Instr *tmp)
{
    if (s->p < s->end)
        return s->p++;
    return s->c.p < s->c.end && decode_instr(&s->c, s->f, tmp) ? tmp : NULL;
}

/* ---- cwrite.c: C text -------------------------------------------------- */
/* A growable string.  One with a sink (file.c's out_open) is an output
 * file instead: what is appended goes to the file in large pieces, so it is
 * only appended to. */
typedef struct Buf {
    char *p;
    size_t len, cap;
    FILE *sink;  /* out_open's temporary file, or NULL */
    char *tmp;   /* its name */
    int err;     /* errno of a failed write to the sink, or 0 */
} Buf;
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
/* Room for `extra` more bytes and the NUL after them (a sink: written out
 * first); buf_put's slow path. */
void buf_reserve(Buf *b, size_t extra);
/* Copy n bytes from s to d, which do not overlap: up to 16 inline, as two
 * fixed-size copies that may overlap each other (names and operators, by
 * the million, are that short), longer ones through copy_long (cwrite.c:
 * memcpy out of line, where gcc cannot see a caller's small array and warn
 * of the branch never taken for it). */
void copy_long(char *d, const char *s, size_t n);
static inline void copy_short(char *d, const char *s, size_t n)
{
    if (n > 16) {
        copy_long(d, s, n);
    } else if (n >= 8) {
        uint64_t x, y;
        memcpy(&x, s, 8), memcpy(&y, s + n - 8, 8);
        memcpy(d, &x, 8), memcpy(d + n - 8, &y, 8);
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4), memcpy(&y, s + n - 4, 4);
        memcpy(d, &x, 4), memcpy(d + n - 4, &y, 4);
    } else if (n > 0) {
        d[0] = s[0], d[n / 2] = s[n / 2], d[n - 1] = s[n - 1];
    }
}

/* n bytes at the end; the text stays NUL-terminated.  Inline: the emitter
 * calls these for almost every token it writes. */
static inline void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        buf_reserve(b, n);
    copy_short(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}
static inline void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }
/* buf_put for large pieces: to an output file, one of SINK_CHUNK / 4
 * bytes or more goes to it directly, not through the buffer. */
void buf_write(Buf *b, const char *s, size_t n);
void buf_free(Buf *b);
void mangle(Buf *b, const uint8_t *s, size_t n);
/* Constants as C text (cwrite.c). */
void c_float(char *s, size_t n, uint64_t bits, int is64, int paren);
size_t c_const(char *s, size_t n, ValType t, uint64_t bits);
void emit_float(Buf *b, uint64_t bits, int is64);
void emit_v128(Buf *b, const uint8_t *bytes);
/* `v` in decimal at s, then `suffix`; s has room for 21 + the suffix.
 * Returns the end of the text (its NUL).  Two digits at a time: constants
 * and names are written by the million. */
static inline char *c_decimal(char *s, uint64_t v, const char *suffix)
{
    static const char pairs[201] = "00010203040506070809101112131415161718192021222324"
                                   "25262728293031323334353637383940414243444546474849"
                                   "50515253545556575859606162636465666768697071727374"
                                   "75767778798081828384858687888990919293949596979899";
    if (v < 10) { /* slots, locals, labels */
        s[0] = (char)('0' + v);
        strcpy(s + 1, suffix);
        return s + 1 + strlen(suffix);
    }
    char tmp[20];
    size_t n = sizeof tmp;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100);
        v /= 100;
        tmp[--n] = pairs[2 * d + 1];
        tmp[--n] = pairs[2 * d];
    }
    if (v >= 10) {
        tmp[--n] = pairs[2 * v + 1];
        tmp[--n] = pairs[2 * v];
    } else {
        tmp[--n] = (char)('0' + v);
    }
    while (n < sizeof tmp)
        *s++ = tmp[n++];
    strcpy(s, suffix);
    return s + strlen(suffix);
}
/* mangle, for a module's name, which stands alone: unreserve()d */
void mangle_module(Buf *b, const uint8_t *s, size_t n);
void unreserve(Buf *b, size_t at);
/* reserved.c: whether a C identifier is a keyword, a name of the C library
 * or starts with the runtime's prefix. */
int c_reserved(const char *s);

/* jobs.c: an ordered parallel loop.  work(arg, worker, i, out, d) does item
 * i into `out`, putting an error in `d`; it runs on any thread (`worker`,
 * from 0 to nthreads-1, says which), so it may only read what the items
 * share.  dest(arg, i) is the buffer item i's output goes to: called on the
 * calling thread, once per item, in order.  Without dest, out is a scratch
 * buffer (or NULL) whose contents go nowhere. */
typedef struct Jobs {
    void (*work)(void *arg, unsigned worker, uint32_t i, Buf *out, Diag *d);
    Buf *(*dest)(void *arg, uint32_t i);
    void *arg;
} Jobs;
enum { JOBS_MAX = 16 };
/* The threads to use by default: one per processor online, at most JOBS_MAX. */
unsigned jobs_default(void);
/* The threads worth using on m's functions, of the njobs asked for: 1 for a
 * module with less than 256 KiB of code, else njobs, from 1 to JOBS_MAX. */
unsigned jobs_for(const Module *m, unsigned njobs);
/* Items lo..hi-1 on up to nthreads threads (at most JOBS_MAX); the output is the
 * same for any number.  On an error, stops at the first failing item, whose
 * error d holds.  Returns d->failed. */
int jobs_run(const Jobs *j, unsigned nthreads, uint32_t lo, uint32_t hi,
             Diag *d);

/* ---- file.c: files ------------------------------------------------------- */
/* The whole file, or NULL after printing why ("sandc: cannot open ..."). */
uint8_t *read_file(const char *path, size_t *size);
/* Write through a temporary and rename: 0, or -1 with errno set.  A path
 * that is a symbolic link is written through: the file it names. */
int write_file_atomic(const char *path, const Buf *b);
/* Make b an output file: its text goes to a temporary beside `path` (or
 * the file a link there names), which out_commit renames to it and
 * out_abort removes.  out_open and out_commit return 0, or -1 with errno
 * set (the temporary removed). */
int out_open(Buf *b, const char *path);
int out_commit(Buf *b, const char *path);
void out_abort(Buf *b);
/* Write b's text to its sink (cwrite.c). */
void buf_flush(Buf *b);

/* ---- sha256.c: content hashes --------------------------------------------- */
typedef struct Sha256 { uint32_t h[8]; uint64_t len; uint8_t buf[64]; } Sha256;
void sha256_init(Sha256 *s);
void sha256_update(Sha256 *s, const void *data, size_t n);
void sha256_hex(Sha256 *s, char out[65]); /* finishes the hash */

/* ---- run.c: sandc run ------------------------------------------------------ */
int run_command(int argc, char **argv); /* argv[0] is "run" */
/* The runtime's sources, embedded at build time (scripts/embed.c). */
typedef struct EmbeddedFile {
    const char *path; /* relative: include/sandc.h, rt/trap.c, ... */
    const unsigned char *data;
    size_t len;
} EmbeddedFile;
extern const EmbeddedFile runtime_files[];
extern const size_t runtime_nfiles;

/* ---- decode.c (continued) */
/* The parameters and results of a valid block type. */
void blocktype_sig(const Module *m, const Instr *in, uint32_t *np,
                   const ValType **p, uint32_t *nr, const ValType **r);

/* ---- emit.c: C ------------------------------------------------------------ */
/* Translate a module whose declarations are valid (validate_decls),
 * validating each function body just before translating it: OUT.c into
 * *c, OUT.h (included as `hname`) into *h.  With nparts > 0 the function bodies go to parts[0..nparts-1] instead
 * (files compiled on their own and linked with OUT.c).  The functions are
 * translated on up to njobs threads; the output does not depend on njobs.
 * Returns 0, or 1 with the Diag holding the first invalid body's error or,
 * with none, what cannot be translated. */
int emit_module(const Module *m, Features f, const char *name,
                const char *hname, Buf *c, Buf *h, Buf *parts,
                unsigned nparts, unsigned njobs, Diag *d);

/* ---- validate.c ----------------------------------------------------------- */
/* Validate a module; its functions on up to njobs threads.  Returns 0, or 1
 * with the Diag holding the first error (the same for any njobs). */
int validate_module(const Module *m, Features f, unsigned njobs, Diag *d);
/* validate_module in two steps: everything but the function bodies; then
 * the bodies of functions from..nfuncs-1. */
int validate_decls(const Module *m, Features f, Diag *d);
int validate_bodies(const Module *m, Features f, uint32_t from,
                    unsigned njobs, Diag *d);
/* One thread's validator of single bodies, which keeps the instructions it
 * decodes: the emitter validates each body just before writing it, from
 * one decoding.  `declared` is declared_funcs' table, kept, not copied. */
typedef struct BodyCheck BodyCheck;
BodyCheck *body_check_new(const Module *m, Features f, const uint8_t *declared);
void body_check_free(BodyCheck *b);
/* Validate function func's body: 0 with *src set to read its instructions
 * (valid until the next call), or 1 with d holding the error. */
int body_check(BodyCheck *b, uint32_t func, Diag *d, InstrSrc *src);
/* C.refs: the functions that exports, element segments and global
 * initializers name, the only ones a ref.func may name and so the only ones a
 * funcref can point at.  out[func] is set to 1 for them, 0 for the others. */
void declared_funcs(const Module *m, Features f, uint8_t *out);

#endif
