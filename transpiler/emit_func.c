/*
 * emit_func.c - one function body as C.
 *
 * Every operand stack slot is a typed C local named for its type and depth
 * (i3 is the i32 at depth 3; j = i64, f = f32, d = f64, v = v128,
 * r = funcref, x = externref), every Wasm local is l<N>, and each instruction
 * becomes one statement.  Blocks become labels that `br` jumps to with goto;
 * a branch first copies the values it carries into the target's slots.
 *
 * A constant or a local.get is not copied into its slot at once: it stays
 * pending, and the instruction that takes it as an operand names the
 * constant or the local itself (`l4 = l2 + 7u;`, not `i0 = l2; i1 = 7u;
 * i0 = i0 + i1; l4 = i0;`).  A pending value is written to its slot when it
 * must be there: before a write to the local it names, before control flow
 * (block, loop, if, else, end, and the values a branch carries), and when it
 * sinks PEND_DEPTH entries below the top.  A result that a local.set or
 * local.tee takes at once goes straight to the local (`l4 = l2 + 7u;`), and
 * one that an if or a branch tests at once is its condition (`if (l2 < 7u)`).
 *
 * A body is emitted in one pass.  Two kinds of line are written before it is
 * known whether they are needed: a loop's label (is it jumped to?) and the
 * reload of memory 0 after a call (does the function access memory 0?).
 * They are noted as optional and left out when the body is copied to the
 * output.  Code after an unconditional branch is not emitted.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_func.h"


static int type_index(ValType t)
{
    /* the index + 1 by t - VT_EXTERNREF, the lowest; 0: not a value type */
    static const unsigned char index1[VT_I32 - VT_EXTERNREF + 1] = {
        [VT_I32 - VT_EXTERNREF] = 1, [VT_I64 - VT_EXTERNREF] = 2,
        [VT_F32 - VT_EXTERNREF] = 3, [VT_F64 - VT_EXTERNREF] = 4,
        [VT_V128 - VT_EXTERNREF] = 5, [VT_FUNCREF - VT_EXTERNREF] = 6,
        [VT_EXTERNREF - VT_EXTERNREF] = 7,
    };
    unsigned k = (unsigned)t - VT_EXTERNREF;
    if (k >= sizeof index1 || !index1[k])
        internal_error(__FILE__, __LINE__, "bad value type");
    return index1[k] - 1;
}

static const char slot_letter[NTYPES] = {'i', 'j', 'f', 'd', 'v', 'r', 'x'};

static void *grow_slow(void *p, uint32_t *cap, size_t elem, uint64_t need)
{
    uint64_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    uint8_t *q = realloc(p, (size_t)n * elem);
    if (!q)
        internal_error(__FILE__, __LINE__, "out of memory");
    memset(q + (size_t)*cap * elem, 0, (size_t)(n - *cap) * elem);
    *cap = (uint32_t)n;
    return q;
}

/* p, an array of *cap elements of `elem` bytes, grown (zeroed) to hold at
 * least `need`; the test inline, as it runs for every value pushed. */
static inline void *grow_array(void *p, uint32_t *cap, size_t elem, uint64_t need)
{
    return need <= *cap ? p : grow_slow(p, cap, elem, need);
}

/* b, emptied for reuse: its text gone, its allocation kept. */
static Buf emptied(Buf b)
{
    b.len = 0;
    if (b.p)
        b.p[0] = 0;
    return b;
}

/* What the C code does with a slot or local: one written and never read is
 * declared with a `(void)` use, one neither written nor read not at all
 * (C compilers warn about both). */
enum { USED_DECL = 1, USED_READ = 2 };

/* The names of the first NAMED slots of each type and of the first NAMED
 * locals (index NTYPES), written once: operands are named by the million. */
enum { NAMED = 1024 };
static char named[NTYPES + 1][NAMED][8];

/* What every translation reads and none writes, made once: the names
 * above and the templates' pieces. */
static pthread_once_t prepared = PTHREAD_ONCE_INIT;

static void prepare(void)
{
    for (int k = 0; k <= NTYPES; k++)
        for (uint32_t d = 0; d < NAMED; d++) {
            named[k][d][0] = k < NTYPES ? slot_letter[k] : 'l';
            c_decimal(named[k][d] + 1, d, "");
        }
    templates_cut();
}

/* The length of named[.][d]. */
static size_t named_len(uint32_t d)
{
    return d < 10 ? 2 : d < 100 ? 3 : d < 1000 ? 4 : 5;
}

/* The name of slot d of type index k (`i3`, `d12`) into s; its length. */
static size_t slot_name(char *s, int k, uint32_t d)
{
    s[0] = slot_letter[k];
    return (size_t)(c_decimal(s + 1, d, "") - s);
}

/* The C name of the slot at `depth` holding a `t`; marks it `use`. */
static const char *slot_use(F *f, uint32_t depth, ValType t, uint8_t use)
{
    int k = type_index(t);
    f->used[k] = grow_array(f->used[k], &f->capused[k], 1, (uint64_t)depth + 1);
    f->used[k][depth] |= use;
    if (depth + 1 > f->maxdepth)
        f->maxdepth = depth + 1;
    if (depth < NAMED) {
        f->namelen = named_len(depth);
        return named[k][depth];
    }
    char *s = f->names[f->nextname++ % 8];
    f->namelen = slot_name(s, k, depth);
    return s;
}

/* A copy of a name in the rotating buffers, to outlive them. */
void name_copy(char *dst, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size)
        internal_error(__FILE__, __LINE__, "an operand name too long to copy");
    memcpy(dst, s, n + 1);
}

/* The C name of the slot at `depth` holding a `t`; marks it declared. */
static const char *slot(F *f, uint32_t depth, ValType t)
{
    return slot_use(f, depth, t, USED_DECL);
}


/* The slot at `depth`, to be written. */
const char *W(F *f, uint32_t depth)
{
    return slot(f, depth, f->st[depth]);
}

/* The value at `depth` as a C operand, to be read: its slot, or the local
 * or constant it is pending as. */
const char *S(F *f, uint32_t depth)
{
    const Pend *p = &f->pend[depth];
    if (p->kind == IN_SLOT)
        return slot_use(f, depth, f->st[depth], USED_DECL | USED_READ);
    if (p->kind == PEND_EXPR) {
        f->namelen = f->cond.len;
        return f->cond.p;
    }
    if (p->kind == PEND_LOCAL && p->local < NAMED) {
        f->lused[p->local] |= USED_READ;
        f->namelen = named_len(p->local);
        return named[NTYPES][p->local];
    }
    char *s = f->names[f->nextname++ % 8];
    if (p->kind == PEND_LOCAL) {
        f->lused[p->local] |= USED_READ;
        s[0] = 'l';
        f->namelen = (size_t)(c_decimal(s + 1, p->local, "") - s);
    } else {
        f->namelen = c_const(s, sizeof f->names[0], f->st[depth], p->bits);
    }
    return s;
}

/* Write a pending value to its slot. */
static void materialize(F *f, uint32_t depth)
{
    Pend *p = &f->pend[depth];
    if (p->kind == IN_SLOT)
        return;
    if (p->kind == PEND_EXPR)
        internal_error(__FILE__, __LINE__, "a condition outlived its test");
    const char *v = S(f, depth); /* a rotating buffer: slot() takes another */
    p->kind = IN_SLOT;
    f->npend--;
    assign(f, W(f, depth), v);
}

/* Write out every pending value (they all lie within PEND_DEPTH of the top). */
static void materialize_all(F *f)
{
    for (uint32_t d = f->n; f->npend && d-- > 0 && d + PEND_DEPTH >= f->n;)
        materialize(f, d);
}

/* Before a write to local `x`: write out the values pending as x. */
static void materialize_local(F *f, uint32_t x)
{
    for (uint32_t d = f->n; f->npend && d-- > 0 && d + PEND_DEPTH >= f->n;)
        if (f->pend[d].kind == PEND_LOCAL && f->pend[d].local == x)
            materialize(f, d);
    checked_forget(&f->checked, x);
}

/* Pop the top value: a pending one needs no slot. */
void pop(F *f)
{
    f->n--;
    if (f->pend[f->n].kind != IN_SLOT) {
        f->pend[f->n].kind = IN_SLOT;
        f->npend--;
    }
}

void pop_n(F *f, uint32_t k)
{
    while (k--)
        pop(f);
}

/* Room for one more value in each of the per-depth arrays, grown only
 * here and so all to the same capacity, capst. */
static void grow_stack(F *f)
{
    uint64_t need = (uint64_t)f->n + 1;
    f->st = grow_array(f->st, &f->capst, 1, need);
    f->ident = grow_array(f->ident, &f->capident, 1, need);
    f->hi = grow_array(f->hi, &f->caphi, sizeof *f->hi, need);
    f->pend = grow_array(f->pend, &f->cappend, sizeof *f->pend, need);
}

void push(F *f, ValType t)
{
    if (f->n >= f->capst)
        grow_stack(f);
    if (f->n >= PEND_DEPTH)
        materialize(f, f->n - PEND_DEPTH);
    f->ident[f->n] = 0;
    f->hi[f->n] = UINT32_MAX;
    f->pend[f->n].kind = IN_SLOT;
    f->st[f->n++] = t;
}

static void push_pending(F *f, ValType t, uint8_t kind, uint32_t local, uint64_t bits)
{
    push(f, t);
    Pend *p = &f->pend[f->n - 1];
    p->kind = kind;
    p->local = local;
    p->bits = bits;
    f->npend++;
}

/* Float add, sub, mul and div, whose identity-constant operands must stay
 * opaque to the C compiler (see sandc_f32_opaque); for v128, any constant. */
static int float_arith(Opcode op)
{
    switch (op) {
    case OP_F32_ADD: case OP_F32_SUB: case OP_F32_MUL: case OP_F32_DIV:
    case OP_F64_ADD: case OP_F64_SUB: case OP_F64_MUL: case OP_F64_DIV:
    case OP_F32X4_ADD: case OP_F32X4_SUB: case OP_F32X4_MUL: case OP_F32X4_DIV:
    case OP_F64X2_ADD: case OP_F64X2_SUB: case OP_F64X2_MUL: case OP_F64X2_DIV:
    case OP_F32X4_RELAXED_MADD: case OP_F32X4_RELAXED_NMADD:
    case OP_F64X2_RELAXED_MADD: case OP_F64X2_RELAXED_NMADD:
        return 1;
    default:
        return 0;
    }
}

static int indent_depth(const F *f)
{
    /* Indentation follows the nesting of ifs and loops (not of blocks, see
     * block_start) up to MAX_INDENT levels and stays there. */
    int depth = (int)f->nfr + f->indent;
    return depth < 0 ? 0 : depth > MAX_INDENT ? MAX_INDENT : depth;
}

static const char spaces[4 * MAX_INDENT + 1] =
    "                                                ";

static void indent(F *f)
{
    buf_put(f->b, spaces, 4 * (size_t)indent_depth(f));
}

/* A line assembled in place, for the most frequent ones: line_open makes
 * room for the indentation, `room` bytes and the newline, and writes the
 * indentation; put copies the pieces; line_close ends the line. */
static char *line_open(F *f, size_t room)
{
    Buf *b = f->b;
    size_t need = sizeof spaces + room + 1;
    if (b->len + need + 1 > b->cap)
        buf_reserve(b, need);
    memcpy(b->p + b->len, spaces, sizeof spaces - 1); /* fixed size: inline */
    return b->p + b->len + 4 * indent_depth(f);
}

static char *put(char *p, const char *s, size_t n)
{
    copy_short(p, s, n);
    return p + n;
}

static void line_close(F *f, char *p)
{
    *p++ = '\n';
    *p = 0;
    f->b->len = (size_t)(p - f->b->p);
}

void line(F *f, const char *fmt, ...)
{
    indent(f);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(f->b, fmt, ap);
    va_end(ap);
    buf_puts(f->b, "\n");
}

/* The line `a`, without a format. */
void line_text(F *f, const char *a)
{
    size_t na = strlen(a);
    line_close(f, put(line_open(f, na), a, na));
}

/* The line `a` `n` `z` (n in decimal): labels, gotos and cases. */
static inline void line_num(F *f, const char *a, uint32_t n, const char *z)
{
    char num[24];
    size_t na = strlen(a), nn = (size_t)(c_decimal(num, n, "") - num), nz = strlen(z);
    char *p = line_open(f, na + nn + nz);
    line_close(f, put(put(put(p, a, na), num, nn), z, nz));
}

/* The line `a` `s` `z` of na, n and nz bytes (line_str's). */
void line_strn(F *f, const char *a, size_t na, const char *s, size_t n,
               const char *z, size_t nz)
{
    char *p = line_open(f, na + n + nz);
    line_close(f, put(put(put(p, a, na), s, n), z, nz));
}

/* The line `lhs = rhs;`, the most frequent by far; nl and n: their
 * lengths. */
static void assign_nn(F *f, const char *lhs, size_t nl, const char *rhs, size_t n)
{
    char *p = line_open(f, nl + 3 + n + 1);
    p = put(p, lhs, nl);
    p = put(p, " = ", 3);
    p = put(p, rhs, n);
    line_close(f, put(p, ";", 1));
}

void assign(F *f, const char *lhs, const char *rhs)
{
    assign_nn(f, lhs, strlen(lhs), rhs, strlen(rhs));
}

/* The line `lx = rhs;`, for local x; n: rhs's length. */
static void assign_local(F *f, uint32_t x, const char *rhs, size_t n)
{
    if (x < NAMED) {
        assign_nn(f, named[NTYPES][x], named_len(x), rhs, n);
        return;
    }
    char name[24] = "l";
    size_t nl = (size_t)(c_decimal(name + 1, x, "") - name);
    assign_nn(f, name, nl, rhs, n);
}

/* A buffer for text held briefly, empty; given back with tmp_put, the
 * last taken first.  Reused: tens of thousands of short texts per module
 * would each be an allocation. */
Buf *tmp_get(F *f)
{
    if (f->ntmp == sizeof f->tmps / sizeof f->tmps[0])
        internal_error(__FILE__, __LINE__, "too many temporary buffers");
    Buf *b = &f->tmps[f->ntmp++];
    *b = emptied(*b);
    return b;
}

void tmp_put(F *f, Buf *b)
{
    if (f->ntmp == 0 || b != &f->tmps[f->ntmp - 1])
        internal_error(__FILE__, __LINE__, "temporary buffers given back out of order");
    f->ntmp--;
}

const char *inst(F *f)
{
    f->uses_inst = 1;
    return "inst";
}

/* ---- values ------------------------------------------------------------------- */

/* `inst->gG`, or `(*inst->gG)` for an imported global: by the ten
 * thousand, so without a format string. */
static void global_ref(F *f, Buf *b, uint32_t g)
{
    char num[16];
    int imported = f->m->globals[g].imported;
    if (imported)
        buf_put(b, "(*", 2);
    buf_puts(b, inst(f));
    buf_put(b, "->g", 3);
    buf_put(b, num, (size_t)(c_decimal(num, g, imported ? ")" : "") - num));
}

/* ---- the memory access of a template's '@' ------------------------------------ */

/* An access of `size` bytes through an address no larger than `hi` ends
 * within memory 0's minimum size: it is in bounds whatever the address. */
static int proved_in(const F *f, const Instr *in, uint32_t hi, unsigned size)
{
    return in->mem == 0 && (uint64_t)hi + in->offset + size <= f->e->mem0_min;
}

/* How an access is written: `how` is SANDC_EA_IN (proved in bounds),
 * SANDC_EA_DONE (an earlier check covered it) or SANDC_EA; `unkept`: a
 * load that SANDC_GUARD need not keep; `opaque`: a store that covers such
 * a load, written sandc_skN (see access.c). */
typedef struct Plan {
    enum { EA, EA_IN, EA_DONE } how;
    int unkept, opaque;
} Plan;

/* Whether the store at offset `at` covers an unkept load: forgets it, and
 * the stores behind it. */
static int covering_store(F *f, size_t at)
{
    int found = 0;
    unsigned j = 0;
    for (unsigned k = 0; k < f->nkstore; k++) {
        if (f->kstore[k] == at)
            found = 1;
        else if (f->kstore[k] > at)
            f->kstore[j++] = f->kstore[k];
    }
    f->nkstore = j;
    return found;
}

/* Whether the load `in`, whose address is at `base`, need not be kept. */
static int unkept_load(F *f, const Instr *in, uint32_t base)
{
    uint32_t floor = f->nfr ? f->fr[f->nfr - 1].height : 0;
    size_t store = 0;
    int r = covered_later(f->m, f->src, in, &f->pend[floor],
                          base + 1 - floor, &store);
    if (r != COVERED_BY_STORE)
        return r;
    for (unsigned k = 0; k < f->nkstore; k++)
        if (f->kstore[k] == store)
            return 1;
    if (f->nkstore == NKSTORE)
        return 0;
    f->kstore[f->nkstore++] = store;
    return 1;
}

/* The host address of the access `in` as `p` says; `addr`, of n bytes:
 * the address operand.  Without format strings: by the hundred thousand.
 * Memory 0's base, size and mask are the function's locals m0b, m0s and
 * m0k, which SANDC_AT names by their prefix; another memory's are read
 * from the instance. */
static void address(F *f, Buf *b, const Instr *in, const char *addr, size_t n,
                    const Plan *p)
{
    char num[32];
    if (in->mem == 0) {
        static const char at[] = "SANDC_AT(m0, ", in_[] = "SANDC_AT_IN(m0, ",
                          done[] = "SANDC_AT_DONE(m0, ";
        f->uses_mem = 1;
        if (p->how == EA)
            buf_put(b, at, sizeof at - 1);
        else if (p->how == EA_IN)
            buf_put(b, in_, sizeof in_ - 1);
        else
            buf_put(b, done, sizeof done - 1);
        buf_put(b, addr, n);
        /* ", OFFSET", and ", SIZE" for a check */
        char *e = num;
        *e++ = ',', *e++ = ' ';
        if (in->offset)
            e = c_decimal(e, in->offset, "u");
        else
            *e++ = '0';
        if (p->how == EA) {
            *e++ = ',', *e++ = ' ';
            e = c_decimal(e, 1u << op_info[in->op].align, "");
        }
        *e++ = ')';
        buf_put(b, num, (size_t)(e - num));
        return;
    }
    static const char *const how[] = {"SANDC_EA(", "SANDC_EA_IN(", "SANDC_EA_DONE("};
    buf_puts(b, how[p->how]);
    const char *i = inst(f);
    buf_printf(b, "%s->m%u->base, ", i, in->mem);
    if (p->how == EA)
        buf_printf(b, "%s->m%u->size, ", i, in->mem);
    if (p->how != EA_IN)
        buf_printf(b, "%s->m%u->mask, ", i, in->mem);
    buf_put(b, "(uint64_t)", 10);
    buf_put(b, addr, n);
    if (in->offset) {
        memcpy(num, " + ", 3);
        buf_put(b, num, (size_t)(c_decimal(num + 3, in->offset, "u") - num));
    }
    if (p->how == EA) {
        memcpy(num, ", ", 2);
        buf_put(b, num, (size_t)(c_decimal(num + 2, 1u << op_info[in->op].align, ")") - num));
    } else {
        buf_put(b, ")", 1);
    }
}

/* How to write the access `in`, whose address operand is at depth `base`. */
static Plan plan_access(F *f, const Instr *in, uint32_t base)
{
    const OpInfo *o = &op_info[in->op];
    unsigned size = 1u << o->align;
    Plan p = {EA, 0, 0};
    if (o->access == ACCESS_STORE && f->nkstore)
        p.opaque = covering_store(f, in->off);
    if (proved_in(f, in, f->hi[base], size)) {
        p.how = EA_IN, p.unkept = 1;
        return p;
    }
    if (!o->access) /* atomic, SIMD */
        return p;
    const Pend *a = &f->pend[base];
    if (a->kind == PEND_LOCAL && !f->m->mems[in->mem].lim.is64) {
        uint64_t end = in->offset + size; /* below 2^33 */
        if (checked_covers(&f->checked, a->local, in->mem, end))
            p.how = EA_DONE;
        else
            checked_add(&f->checked, a->local, in->mem, end);
    }
    if (o->access == ACCESS_LOAD)
        p.unkept = unkept_load(f, in, base);
    return p;
}

/* In the unchecked copy of a loop, the access `in`. */
static const LoopAccess *fast_access(const F *f, const Instr *in)
{
    for (unsigned i = 0; i < f->fast->nacc; i++)
        if (f->fast->acc[i].at == in->off)
            return &f->fast->acc[i];
    return NULL;
}

/* Whether the next instruction is `a` or `b`, both one-byte opcodes. */
static int next_is(const InstrSrc *s, Opcode a, Opcode b)
{
    if (s->p < s->end)
        return s->p->op == a || s->p->op == b;
    return s->c.p < s->c.end && (*s->c.p == op_info[a].code ||
                                 *s->c.p == op_info[b].code);
}

/* If the next instruction is a local.set or local.tee, take it: returns
 * its opcode and sets *x to the local, else returns OP_NOP. */
static Opcode take_local_set(F *f, uint32_t *x)
{
    if (!next_is(&f->src, OP_LOCAL_SET, OP_LOCAL_TEE))
        return OP_NOP;
    Instr tmp;
    const Instr *nx = src_next(&f->src, &tmp);
    if (!nx)
        return OP_NOP; /* the validator has seen it: cannot happen */
    *x = nx->a;
    return nx->op;
}

/* The next instruction tests the top value: if or br_if. */
static int tested_next(const F *f)
{
    return next_is(&f->src, OP_IF, OP_BR_IF);
}

/* Assign a result, `expr` of type t, to the value pushed now, or to the
 * local a following local.set or local.tee writes; `test`: an i32 that an
 * if or branch next may test directly. */
void result(F *f, ValType t, const Buf *expr, int test)
{
    const char *text = expr->p ? expr->p : "";
    uint32_t x;
    Opcode op = take_local_set(f, &x);
    if (op == OP_NOP && test && t == VT_I32 && tested_next(f)) {
        push_pending(f, t, PEND_EXPR, 0, 0);
        f->cond.len = 0;
        buf_put(&f->cond, text, expr->len);
        return;
    }
    if (op == OP_NOP) {
        push(f, t);
        const char *w = W(f, f->n - 1);
        assign_nn(f, w, f->namelen, text, expr->len);
        return;
    }
    materialize_local(f, x);
    f->lused[x] |= USED_DECL;
    assign_local(f, x, text, expr->len);
    if (op == OP_LOCAL_TEE)
        push_pending(f, t, PEND_LOCAL, x, 0);
}

/* A scalar comparison, i32.eqz .. f64.ge: its template is a C relational
 * operator.  (SIMD comparisons are helper calls.) */
static int compares(const OpInfo *o)
{
    return o->prefix == 0 && o->code >= op_info[OP_I32_EQZ].code &&
           o->code <= op_info[OP_F64_GE].code;
}

/* An integer constant at a limit of its type (0, or the largest or smallest
 * signed or unsigned value): compared with it, C compilers warn that the
 * result never changes. */
static int limit_const(const Pend *p, ValType t)
{
    uint64_t v = p->bits;
    if (t == VT_I32)
        v = (uint32_t)v;
    uint64_t top = t == VT_I32 ? 0xffffffffu : ~0ull;
    return (t == VT_I32 || t == VT_I64) &&
           (v == 0 || v == top || v == top >> 1 || v == (top >> 1) + 1);
}

/* A comparison names no constant at a type's limit and no local twice:
 * C compilers warn about those (-Wtype-limits, -Wtautological-compare). */
static void compare_operands(F *f, uint32_t base, unsigned n)
{
    for (unsigned k = 0; k < n; k++) {
        Pend *p = &f->pend[base + k];
        if (p->kind == PEND_CONST && limit_const(p, f->st[base + k]))
            materialize(f, base + k);
        else if (p->kind == PEND_LOCAL && k + 1 < n &&
                 f->pend[base + k + 1].kind == PEND_LOCAL &&
                 f->pend[base + k + 1].local == p->local)
            materialize(f, base + k);
    }
}

/* The smallest power of two above v, less one: what an or or xor of
 * values up to v reaches. */
static uint32_t all_ones_to(uint32_t v)
{
    v |= v >> 1, v |= v >> 2, v |= v >> 4, v |= v >> 8, v |= v >> 16;
    return v;
}

/* An upper bound of the i32 that templated op `o` computes from the
 * operands at `base`: what an address made of masks, shifts, small loads
 * and constants can reach (a table lookup, a global at a constant address). */
static uint32_t bound(const F *f, Opcode op, const OpInfo *o, uint32_t base)
{
    if (compares(o))
        return 1;
    uint32_t a = f->hi[base], b = o->npop > 1 ? f->hi[base + 1] : UINT32_MAX;
    const Pend *pb = o->npop > 1 ? &f->pend[base + 1] : NULL;
    uint32_t c = pb && pb->kind == PEND_CONST ? (uint32_t)pb->bits : 0;
    uint64_t r;
    switch (op) {
    case OP_I32_LOAD8_U: return 0xff;
    case OP_I32_LOAD16_U: return 0xffff;
    case OP_I32_CLZ: case OP_I32_CTZ: case OP_I32_POPCNT: return 32;
    case OP_I32_AND: return a < b ? a : b;
    case OP_I32_OR: case OP_I32_XOR: return all_ones_to(a > b ? a : b);
    case OP_I32_ADD: r = (uint64_t)a + b; break;
    case OP_I32_MUL: r = (uint64_t)a * b; break;
    case OP_I32_SHL:
        if (!pb || pb->kind != PEND_CONST)
            return UINT32_MAX;
        r = (uint64_t)a << (c & 31);
        break;
    case OP_I32_SHR_U:
        return pb && pb->kind == PEND_CONST ? a >> (c & 31) : a;
    case OP_I32_DIV_U: return a;
    case OP_I32_REM_U: return b && b - 1 < a ? b - 1 : a;
    default: return UINT32_MAX;
    }
    return r <= UINT32_MAX ? (uint32_t)r : UINT32_MAX;
}

/* An instruction with a C template in the opcode table. */
static void templated(F *f, const Instr *in, const OpInfo *o)
{
    uint32_t base = f->n - o->npop;
    if (f->npend && compares(o))
        compare_operands(f, base, o->npop);
    /* the operands' names, in S's rotating buffers: nothing takes another
     * before the template is written out */
    const char *ops[OP_MAX_POP];
    size_t opn[OP_MAX_POP];
    char opbuf[OP_MAX_POP][96];
    for (unsigned k = 0; k < o->npop; k++) {
        ops[k] = S(f, base + k);
        opn[k] = f->namelen;
        ValType t = f->st[base + k];
        if (f->ident[base + k] && float_arith(in->op)) {
            snprintf(opbuf[k], sizeof opbuf[k], "sandc_%s_opaque(%s)",
                     t == VT_F32 ? "f32" : t == VT_F64 ? "f64" : "v128", ops[k]);
            ops[k] = opbuf[k];
            opn[k] = strlen(opbuf[k]);
        }
    }
    Plan plan = {EA, 0, 0};
    const LoopAccess *fa = f->fast ? fast_access(f, in) : NULL;
    if (fa)
        plan.how = EA_IN, plan.unkept = 1;
    else if (o->imm == IMM_MEMARG || o->imm == IMM_MEMARG_LANE)
        plan = plan_access(f, in, base);
    Buf x = emptied(f->scratch); /* one allocation, not one per instruction */
    for (const Piece *p = template_of[in->op]; p->kind != PIECE_END; p++) {
        switch (p->kind) {
        case PIECE_TEXT:
            buf_put(&x, p->text, p->len);
            break;
        case PIECE_OPERAND:
            buf_put(&x, ops[p->operand], opn[p->operand]);
            break;
        case PIECE_ADDRESS:
            if (fa) {
                f->uses_mem = 1;
                loop_address(&x, fa, f->fast_id);
            } else {
                address(f, &x, in, ops[0], opn[0], &plan);
            }
            break;
        case PIECE_LANE:
            buf_printf(&x, "%u", in->lane);
            break;
        case PIECE_ACCESS:
            if (o->access == ACCESS_STORE) /* sandc_st or sandc_sk */
                buf_put(&x, plan.opaque ? "k" : "t", 1);
            else /* sandc_ld or sandc_le */
                buf_put(&x, plan.unkept ? "e" : "d", 1);
            break;
        }
    }
    uint32_t hi = o->npush && o->push[0] == VT_I32 ? bound(f, in->op, o, base) : UINT32_MAX;
    pop_n(f, o->npop);
    if (o->npush) {
        /* `if (a * b)` and `if (a | 4u)` draw warnings: through a slot */
        result(f, o->push[0], &x,
               in->op != OP_I32_MUL && in->op != OP_I32_OR);
        if (f->n == base + 1) /* on the stack, not in a local */
            f->hi[base] = hi;
    } else if (x.len) {
        line_str(f, "", x.p, x.len, ";");
    }
    f->scratch = x;
}

/* ---- control ------------------------------------------------------------------- */

static Frame *push_frame(F *f, Opcode kind, uint32_t np, const ValType *p,
                         uint32_t nr, const ValType *r)
{
    f->fr = grow_array(f->fr, &f->capfr, sizeof *f->fr, (uint64_t)f->nfr + 1);
    Frame *fr = &f->fr[f->nfr++];
    fr->kind = kind;
    fr->label = f->next_label++;
    fr->height = f->n - np;
    fr->np = np, fr->p = p;
    fr->nr = nr, fr->r = r;
    fr->then_dead = 0;
    return fr;
}

static void reset_stack(F *f, uint32_t height, uint32_t n, const ValType *ts)
{
    if (f->n > height)
        pop_n(f, f->n - height);
    f->n = height;
    for (uint32_t i = 0; i < n; i++)
        push(f, ts[i]);
}

/* How many values a branch to `t` carries. */
static uint32_t carried(const Frame *t) { return t->kind == OP_LOOP ? t->np : t->nr; }

/* Before a conditional branch to `t`: the values it carries go to their
 * slots, where the path that does not branch expects them too. */
static void materialize_carried(F *f, const Frame *t)
{
    for (uint32_t k = f->n - carried(t); k < f->n; k++)
        materialize(f, k);
}

/* Copy the values a branch to `t` carries into t's slots and jump. */
static void branch(F *f, Frame *t)
{
    uint32_t arity = carried(t);
    const ValType *ty = t->kind == OP_LOOP ? t->p : t->r;
    uint32_t from = f->n - arity;
    if (from == t->height)
        for (uint32_t k = 0; k < arity; k++)
            materialize(f, from + k);
    else
        for (uint32_t k = 0; k < arity; k++) {
            char dst[24];
            name_copy(dst, sizeof dst, slot(f, t->height + k, ty[k]));
            assign(f, dst, S(f, from + k));
        }
    f->targeted[t->label] = 1;
    line_num(f, "goto L", t->label, ";");
}

static Frame *label(F *f, uint32_t depth) { return &f->fr[f->nfr - 1 - depth]; }

/* Note that the line just written from offset `off` on is optional. */
static void optional(F *f, size_t off, uint32_t label)
{
    f->opts = grow_array(f->opts, &f->capopts, sizeof *f->opts, (uint64_t)f->nopts + 1);
    f->opts[f->nopts++] = (Opt){off, f->b->len - off, label};
}

/* After a call: memory 0 may have grown (kept if the function uses it). */
void reload_memory(F *f)
{
    size_t off = f->b->len;
    line(f, "SANDC_MEM_LOAD(inst->m0, m0b, m0s, m0k);");
    optional(f, off, NO_LABEL);
}

static void br_table(F *f, const Instr *in)
{
    const Module *m = f->m;
    Cursor c = {m->bytes, m->bytes + in->targets.off,
                m->bytes + in->targets.off + in->targets.len, f->e->d};
    Buf idx = {0};
    buf_puts(&idx, S(f, f->n - 1));
    pop(f);
    materialize_carried(f, label(f, in->a)); /* every target's count */
    line(f, "switch (%s) {", idx.p);
    buf_free(&idx);
    for (uint32_t i = 0; i < in->count; i++) {
        uint32_t d = cur_u32(&c, "br_table label");
        line_num(f, "case ", i, ":");
        f->indent++;
        branch(f, label(f, d));
        f->indent--;
    }
    line_text(f, "default:");
    f->indent++;
    branch(f, label(f, in->a));
    f->indent--;
    line_text(f, "}");
    f->dead = 1;
}

static void block_start(F *f, const Instr *in)
{
    uint32_t np, nr;
    const ValType *p, *r;
    blocktype_sig(f->m, in, &np, &p, &nr, &r);
    if (in->op == OP_IF) {
        Buf *c = tmp_get(f);
        const char *v = S(f, f->n - 1);
        buf_put(c, v, f->namelen);
        pop(f);
        materialize_all(f);
        Frame *fr = push_frame(f, OP_IF, np, p, nr, r);
        f->indent--;
        for (uint32_t k = 0; k < np; k++) {
            /* the else branch needs the parameters as they were */
            buf_printf(&f->saves, "    %s s%u_%u;\n", emit_ctype(p[k]),
                           fr->label, k);
            line(f, "s%u_%u = %s;", fr->label, k, S(f, fr->height + k));
        }
        line_str(f, "if (", c->p, c->len, ") {");
        tmp_put(f, c);
        f->indent++;
        return;
    }
    materialize_all(f);
    Frame *fr = push_frame(f, in->op, np, p, nr, r);
    /* A block is no C construct, only the label at its end: its code stays
     * at the level of the code around it.  (LLVM nests a block per case
     * of a switch, hundreds deep.) */
    if (in->op == OP_BLOCK)
        f->indent--;
    if (in->op == OP_LOOP) {
        size_t off = f->b->len;
        f->indent--;
        line_num(f, "L", fr->label, ":;");
        f->indent++;
        optional(f, off, fr->label);
    }
}

static void block_else(F *f)
{
    if (!f->dead)
        materialize_all(f);
    Frame *fr = &f->fr[f->nfr - 1];
    fr->kind = OP_ELSE;
    fr->then_dead = (uint8_t)f->dead;
    f->dead = 0;
    reset_stack(f, fr->height, fr->np, fr->p);
    f->indent--;
    line_text(f, "} else {");
    f->indent++;
    for (uint32_t k = 0; k < fr->np; k++)
        line(f, "%s = s%u_%u;", W(f, fr->height + k), fr->label, k);
}

/* `end`: returns 1 at the end of the function. */
static int block_end(F *f)
{
    if (!f->dead)
        materialize_all(f);
    Frame fr = f->fr[f->nfr - 1];
    int targeted = f->targeted[fr.label];
    f->nfr--;
    if (fr.kind == OP_BLOCK && f->nfr > 0) /* not the function's own */
        f->indent++;
    if (fr.kind == OP_IF || fr.kind == OP_ELSE)
        line_text(f, "}");
    if (fr.kind != OP_LOOP && targeted)
        line_num(f, "L", fr.label, ":;");
    switch (fr.kind) {
    case OP_LOOP: break;
    case OP_IF: f->dead = 0; break;
    case OP_ELSE: f->dead = (f->dead && fr.then_dead) && !targeted; break;
    default: f->dead = f->dead && !targeted; break;
    }
    reset_stack(f, fr.height, fr.nr, fr.r);
    return f->nfr == 0;
}

static int instr(F *f, const Instr *in);

/* One instruction: templated() writes those with a C template (unless in
 * dead code), instr() the others.  Returns 1 after the function's final
 * end. */
static inline int step(F *f, const Instr *in)
{
    const OpInfo *o = &op_info[in->op];
    if (!f->dead && !o->special && o->c) {
        templated(f, in, o);
        return 0;
    }
    return instr(f, in);
}

/* Write the loop `in` (f->loop, which qualifies) twice: a copy whose
 * accesses are not checked, taken when a test on entry proves them all in
 * bounds, and the loop as ever (see loops.c). */
static void versioned_loop(F *f, const Instr *in)
{
    const LoopPlan *p = &f->loop;
    materialize_all(f);
    uint32_t id = f->next_label;
    Buf head = {0};
    loop_head(&head, p, id, inst(f));
    for (const char *l = head.p, *nl; *l; l = nl + 1) {
        nl = strchr(l, '\n');
        line(f, "%.*s", (int)(nl - l), l);
        if (l == head.p)
            f->indent++;
    }
    buf_free(&head);

    /* Every access of the unchecked copy is in the plan, so the copy never
     * reaches plan_access: what proves checks (f->checked, empty at a
     * loop's head, and f->kstore) is as it was for the second copy. */
    InstrSrc body = f->src;
    uint32_t depth = f->nfr;
    for (int copy = 0; copy < 2; copy++) {
        if (copy) {
            line_text(f, "} else {");
            f->src = body;
        }
        f->fast = copy ? NULL : p;
        f->fast_id = id;
        block_start(f, in);
        Instr tmp;
        const Instr *x;
        while (f->nfr > depth && !f->e->d->failed && (x = src_next(&f->src, &tmp)))
            step(f, x);
    }
    f->fast = NULL;
    line_text(f, "}");
    f->indent--;
    line_text(f, "}");
}

/* ---- everything else by hand ---------------------------------------------------- */

static void unsupported(F *f, const Instr *in)
{
    diag_error(f->e->d, in->off, "function %u: %s: translating this "
               "instruction to C is not supported yet", f->func,
               op_info[in->op].name);
}

static void constant(F *f, const Instr *in)
{
    ValType t = op_info[in->op].push[0];
    push_pending(f, t, PEND_CONST, 0, (uint64_t)in->i64);
    if (t == VT_I32)
        f->hi[f->n - 1] = (uint32_t)in->i64;
    if (t == VT_F32 || t == VT_F64) {
        uint64_t mag = in->i64 & (t == VT_F32 ? 0x7fffffffu : 0x7fffffffffffffffull);
        f->ident[f->n - 1] = mag == 0 || mag == (t == VT_F32 ? 0x3f800000u
                                                             : 0x3ff0000000000000ull);
    }
}

/* An instruction without a template, or any in dead code (see step()).
 * Returns 1 after the function's final `end`. */
static int instr(F *f, const Instr *in)
{
    const Module *m = f->m;
    if (f->dead) {
        switch (in->op) {
        case OP_BLOCK: case OP_LOOP: case OP_IF:
            f->skip++;
            f->next_label++;
            return 0;
        case OP_ELSE:
            if (f->skip)
                return 0;
            break;
        case OP_END:
            if (f->skip) {
                f->skip--;
                return 0;
            }
            break;
        default:
            return 0;
        }
    }
    if (!checked_survive(in->op))
        f->checked.n = 0;
    switch (in->op) {
    case OP_NOP:
        break;
    case OP_UNREACHABLE:
        line(f, "sandc_trap(SANDC_TRAP_UNREACHABLE);");
        f->dead = 1;
        break;
    case OP_BLOCK: case OP_LOOP: case OP_IF:
        if (in->op == OP_LOOP && !f->fast &&
            loop_plan(m, f->src, in, f->nlocals, f->ltypes, &f->loop))
            versioned_loop(f, in);
        else
            block_start(f, in);
        break;
    case OP_ELSE:
        block_else(f);
        break;
    case OP_END:
        return block_end(f);
    case OP_BR:
        branch(f, label(f, in->a));
        f->dead = 1;
        break;
    case OP_BR_IF:
    {
        Buf *c = tmp_get(f);
        const char *v = S(f, f->n - 1);
        buf_put(c, v, f->namelen);
        if (f->fast && in->off == f->fast->exit_at) { /* the count, not the test */
            c->len = 0;
            loop_continue(c, f->fast_id);
        }
        pop(f);
        Frame *t = label(f, in->a);
        if (f->n - carried(t) == t->height) /* else copied from where they are */
            materialize_carried(f, t);
        line_str(f, "if (", c->p, c->len, ") {");
        tmp_put(f, c);
        f->indent++;
        branch(f, t);
        f->indent--;
        line_text(f, "}");
        break;
    }
    case OP_BR_TABLE:
        br_table(f, in);
        break;
    case OP_RETURN:
        branch(f, &f->fr[0]);
        f->dead = 1;
        break;
    case OP_CALL:
        direct_call(f, in->a);
        break;
    case OP_CALL_INDIRECT:
        indirect_call(f, in);
        break;
    case OP_DROP: /* a use, so that C compilers see the slot read */
        if (f->pend[f->n - 1].kind != PEND_CONST)
            line(f, "(void)%s;", S(f, f->n - 1));
        pop(f);
        break;
    case OP_SELECT: case OP_SELECT_T: {
        uint32_t n = f->n;
        char a[sizeof f->names[0]], b[sizeof f->names[0]], c[sizeof f->names[0]];
        ValType t = f->st[n - 3];
        name_copy(a, sizeof a, S(f, n - 3));
        name_copy(b, sizeof b, S(f, n - 2));
        name_copy(c, sizeof c, S(f, n - 1));
        pop_n(f, 3);
        push(f, t);
        line(f, "%s = %s ? %s : %s;", W(f, n - 3), c, a, b);
        break;
    }
    case OP_LOCAL_GET:
        push_pending(f, f->ltypes[in->a], PEND_LOCAL, in->a, 0);
        break;
    case OP_LOCAL_SET:
    case OP_LOCAL_TEE: {
        Pend *top = &f->pend[f->n - 1];
        if (top->kind == PEND_LOCAL && top->local == in->a) {
            if (in->op == OP_LOCAL_SET) /* l = l */
                pop(f);
            break;
        }
        materialize_local(f, in->a); /* the top does not name it (above) */
        f->lused[in->a] |= USED_DECL;
        const char *v = S(f, f->n - 1);
        assign_local(f, in->a, v, strlen(v));
        if (in->op == OP_LOCAL_SET)
            pop(f);
        break;
    }
    case OP_GLOBAL_GET: {
        Buf *g = tmp_get(f);
        global_ref(f, g, in->a);
        result(f, m->globals[in->a].type, g, 1);
        tmp_put(f, g);
        break;
    }
    case OP_GLOBAL_SET: {
        Buf *g = tmp_get(f);
        global_ref(f, g, in->a);
        assign(f, g->p, S(f, f->n - 1));
        pop(f);
        tmp_put(f, g);
        break;
    }
    case OP_I32_CONST: case OP_I64_CONST: case OP_F32_CONST: case OP_F64_CONST:
        constant(f, in);
        break;
    case OP_V128_CONST: {
        Buf v = {0};
        emit_v128(&v, in->v128);
        push(f, VT_V128);
        f->ident[f->n - 1] = 1;
        assign(f, W(f, f->n - 1), v.p);
        buf_free(&v);
        break;
    }
    case OP_I8X16_SHUFFLE: {
        Buf v = {0};
        char a[sizeof f->names[0]];
        name_copy(a, sizeof a, S(f, f->n - 2));
        buf_printf(&v, "SANDC_I8X16_SHUFFLE(%s, %s", a, S(f, f->n - 1));
        for (int k = 0; k < 16; k++)
            buf_printf(&v, ", %u", in->v128[k]);
        pop_n(f, 2);
        push(f, VT_V128);
        line(f, "%s = %s);", W(f, f->n - 1), v.p);
        buf_free(&v);
        break;
    }
    case OP_REF_NULL:
        push(f, (ValType)in->a);
        line(f, "%s = NULL;", W(f, f->n - 1));
        break;
    case OP_REF_IS_NULL: {
        char r[sizeof f->names[0]];
        name_copy(r, sizeof r, S(f, f->n - 1));
        pop(f);
        push(f, VT_I32);
        line(f, "%s = %s == NULL;", W(f, f->n - 1), r);
        break;
    }
    case OP_REF_FUNC:
        push(f, VT_FUNCREF);
        line(f, "%s = &%s->funcs[%u];", W(f, f->n - 1), inst(f), f->e->fref[in->a]);
        break;
    case OP_TABLE_GET: case OP_TABLE_SET: case OP_TABLE_SIZE: case OP_TABLE_GROW:
    case OP_TABLE_FILL: case OP_TABLE_COPY: case OP_TABLE_INIT: case OP_ELEM_DROP:
        table_op(f, in);
        break;
    case OP_MEMORY_SIZE: case OP_MEMORY_GROW: case OP_MEMORY_FILL:
    case OP_MEMORY_COPY: case OP_MEMORY_INIT: case OP_DATA_DROP:
        memory_op(f, in);
        break;
    default:
        unsupported(f, in);
        break;
    }
    return 0;
}

/* ---- the function ----------------------------------------------------------------- */

static int read_local_types(F *f, Cursor *c)
{
    const FuncType *ft = f->ft;
    uint64_t total = ft->nparams;
    size_t start = cur_off(c);
    uint32_t n = cur_u32(c, "local declarations");
    for (uint32_t i = 0; i < n && cur_ok(c); i++) {
        total += cur_u32(c, "local count");
        cur_byte(c, "local type");
        if (total > MAX_LOCALS) {
            diag_error(f->e->d, start, "function %u has more than %u locals "
                       "(implementation limit)", f->func, MAX_LOCALS);
            return 0;
        }
    }
    f->nlocals = (uint32_t)total;
    f->ltypes = malloc(total ? total : 1);
    f->lused = calloc(total ? total : 1, 1);
    if (!f->ltypes || !f->lused)
        internal_error(__FILE__, __LINE__, "out of memory");
    memcpy(f->ltypes, ft->params, ft->nparams);
    c->p = c->base + start;
    n = cur_u32(c, "local declarations");
    uint32_t k = ft->nparams;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t cnt = cur_u32(c, "local count");
        ValType t = cur_byte(c, "local type");
        memset(f->ltypes + k, t, cnt);
        k += cnt;
    }
    return cur_ok(c);
}

static void body_pass(F *f)
{
    Instr tmp;
    const Instr *in;
    f->n = f->nfr = 0;
    f->npend = 0;
    f->dead = 0;
    f->skip = 0;
    f->next_label = 0;
    push_frame(f, OP_BLOCK, 0, NULL, f->ft->nresults, f->ft->results);
    while (!f->e->d->failed && (in = src_next(&f->src, &tmp)))
        if (step(f, in))
            break;
}

/* Declare the slots used, and add to `unread` those never read. */
static void declare_slots(F *f, Buf *out, Buf *unread)
{
    static const ValType types[NTYPES] = {VT_I32, VT_I64, VT_F32, VT_F64,
                                          VT_V128, VT_FUNCREF, VT_EXTERNREF};
    for (int k = 0; k < NTYPES; k++) {
        int any = 0;
        for (uint32_t d = 0; d < f->capused[k] && d < f->maxdepth; d++) {
            if (!f->used[k][d])
                continue;
            if (!any) {
                buf_put(out, "    ", 4);
                buf_puts(out, emit_ctype(types[k]));
            }
            /* `, iD = 0` by the thousand: no format string */
            char name[16];
            size_t n = slot_name(name, k, d);
            buf_puts(out, any ? ", " : " ");
            buf_put(out, name, n);
            buf_puts(out, types[k] == VT_V128 ? " = {0}" : " = 0");
            if (!(f->used[k][d] & USED_READ))
                buf_printf(unread, " (void)%c%u;", slot_letter[k], d);
            any = 1;
        }
        if (any)
            buf_puts(out, ";\n");
    }
}

/* What one thread's translations keep from function to function: F's
 * buffers and growing arrays, so that a module's thousands of functions do
 * not each allocate, fault in and free them. */
struct FuncScratch {
    Buf body, rt, saves, scratch, cond, tmps[4];
    ValType *st;
    uint8_t *ident;
    uint32_t *hi;
    Pend *pend;
    uint32_t capst;        /* of all four, grown together */
    Frame *fr;
    uint32_t capfr;
    Opt *opts;
    uint32_t capopts;
    uint8_t *used[NTYPES]; /* all zero between functions */
    uint32_t capused[NTYPES];
};

FuncScratch *func_scratch_new(void)
{
    FuncScratch *s = calloc(1, sizeof *s);
    if (!s)
        internal_error(__FILE__, __LINE__, "out of memory");
    return s;
}

void func_scratch_free(FuncScratch *s)
{
    if (!s)
        return;
    buf_free(&s->body);
    buf_free(&s->rt);
    buf_free(&s->saves);
    buf_free(&s->scratch);
    buf_free(&s->cond);
    for (unsigned k = 0; k < sizeof s->tmps / sizeof s->tmps[0]; k++)
        buf_free(&s->tmps[k]);
    free(s->st);
    free(s->ident);
    free(s->hi);
    free(s->pend);
    free(s->fr);
    free(s->opts);
    for (int k = 0; k < NTYPES; k++)
        free(s->used[k]);
    free(s);
}

/* The scratch's arrays and buffers into f, which starts empty. */
static void take_scratch(F *f, FuncScratch *s)
{
    f->saves = emptied(s->saves);
    f->scratch = emptied(s->scratch);
    f->cond = emptied(s->cond);
    for (unsigned k = 0; k < sizeof f->tmps / sizeof f->tmps[0]; k++)
        f->tmps[k] = emptied(s->tmps[k]);
    f->st = s->st, f->ident = s->ident, f->hi = s->hi, f->pend = s->pend;
    f->capst = f->capident = f->caphi = f->cappend = s->capst;
    f->fr = s->fr, f->capfr = s->capfr;
    f->opts = s->opts, f->capopts = s->capopts;
    for (int k = 0; k < NTYPES; k++)
        f->used[k] = s->used[k], f->capused[k] = s->capused[k];
}

/* And back, as grown; the marks in `used` cleared (none lies at or above
 * maxdepth). */
static void give_scratch(FuncScratch *s, F *f)
{
    s->saves = f->saves;
    s->scratch = f->scratch;
    s->cond = f->cond;
    for (unsigned k = 0; k < sizeof f->tmps / sizeof f->tmps[0]; k++)
        s->tmps[k] = f->tmps[k];
    s->st = f->st, s->ident = f->ident, s->hi = f->hi, s->pend = f->pend;
    s->capst = f->capst;
    s->fr = f->fr, s->capfr = f->capfr;
    s->opts = f->opts, s->capopts = f->capopts;
    for (int k = 0; k < NTYPES; k++) {
        uint32_t n = f->maxdepth < f->capused[k] ? f->maxdepth : f->capused[k];
        if (n)
            memset(f->used[k], 0, n);
        s->used[k] = f->used[k], s->capused[k] = f->capused[k];
    }
}

void emit_function(Emit *e, FuncScratch *s, uint32_t func, const InstrSrc *src,
                   Buf *out)
{
    pthread_once(&prepared, prepare);
    const Module *m = e->m;
    F f = {0};
    f.e = e;
    f.m = m;
    f.func = func;
    f.ft = &m->types[m->funcs[func].type];
    const Span *b = &m->funcs[func].body;
    Cursor c = {m->bytes, m->bytes + b->off, m->bytes + b->off + b->len, e->d};
    if (!read_local_types(&f, &c))
        return;
    f.targeted = calloc((size_t)b->len + 1, 1);
    if (!f.targeted)
        internal_error(__FILE__, __LINE__, "out of memory");

    take_scratch(&f, s);
    Buf *body = &s->body;
    *body = emptied(*body);
    f.b = body;
    f.src = *src;
    body_pass(&f);
    if (!e->d->failed && (f.src.p != f.src.end || f.src.c.p != f.src.c.end))
        internal_error(__FILE__, __LINE__, "a body's final end is not its "
                       "last instruction");

    /* the signature */
    const FuncType *ft = f.ft;
    Buf *rt = &s->rt;
    *rt = emptied(*rt);
    emit_ret_type(rt, ft);
    for (uint32_t k = 0; k < ft->nresults; k++) { /* returned, maybe never written */
        slot(&f, k, ft->results[k]);
        f.used[type_index(ft->results[k])][k] |= USED_READ;
    }
    buf_printf(out, "%s%s %s(void *ctx", e->linkage, rt->p, e->func_sym[func]);
    for (uint32_t k = 0; k < ft->nparams; k++)
        buf_printf(out, ", %s l%u", emit_ctype(ft->params[k]), k);
    buf_puts(out, ")\n{\n");
    if (f.uses_inst || f.uses_mem)
        buf_printf(out, "    %s *inst = (%s *)ctx;\n", e->name, e->name);
    else if (!f.uses_ctx)
        buf_puts(out, "    (void)ctx;\n");
    Buf unread = {0}; /* `(void)x;` for each x written and never read */
    for (uint32_t k = 0; k < f.nlocals; k++) {
        if (k >= ft->nparams && f.lused[k]) { /* `    T lK = 0;`, by the thousand */
            char num[24];
            c_decimal(num, k, f.ltypes[k] == VT_V128 ? " = {0};\n" : " = 0;\n");
            buf_put(out, "    ", 4);
            buf_puts(out, emit_ctype(f.ltypes[k]));
            buf_put(out, " l", 2);
            buf_puts(out, num);
        }
        if ((k < ft->nparams || f.lused[k]) && !(f.lused[k] & USED_READ))
            buf_printf(&unread, " (void)l%u;", k);
    }
    declare_slots(&f, out, &unread);
    if (f.saves.len)
        buf_put(out, f.saves.p, f.saves.len);
    if (f.uses_mem)
        buf_puts(out, "    SANDC_MEM_DECL(m0b, m0s, m0k);\n");
    if (unread.len)
        buf_printf(out, "   %s\n", unread.p);
    buf_free(&unread);
    /* room for the frame, roughly, before the stack limit */
    uint64_t cost = 64 + 8 * ((uint64_t)f.nlocals + f.maxdepth);
    if (cost > 0x7fffffff) /* SANDC_ENTER_CONST's limit; no stack has room */
        cost = 0x7fffffff;
    buf_printf(out, "    SANDC_ENTER_CONST(%lluu);\n", (unsigned long long)cost);
    if (f.uses_mem)
        buf_puts(out, "    SANDC_MEM_LOAD(inst->m0, m0b, m0s, m0k);\n");
    size_t from = 0; /* the body, without the optional lines not needed */
    for (uint32_t k = 0; k < f.nopts; k++) {
        const Opt *o = &f.opts[k];
        if (o->label == NO_LABEL ? f.uses_mem : f.targeted[o->label])
            continue;
        buf_put(out, body->p + from, o->off - from);
        from = o->off + o->len;
    }
    if (body->len > from)
        buf_put(out, body->p + from, body->len - from);
    buf_puts(out, "    SANDC_LEAVE();\n");
    if (ft->nresults == 1) {
        buf_printf(out, "    return %c0;\n",
                   slot_letter[type_index(ft->results[0])]);
    } else if (ft->nresults > 1) {
        buf_printf(out, "    {\n        %s r_;\n", rt->p);
        for (uint32_t k = 0; k < ft->nresults; k++)
            buf_printf(out, "        r_.r%u = %c%u;\n", k,
                       slot_letter[type_index(ft->results[k])], k);
        buf_puts(out, "        return r_;\n    }\n");
    }
    buf_puts(out, "}\n\n");

    give_scratch(s, &f);
    free(f.ltypes);
    free(f.lused);
    free(f.targeted);
}
