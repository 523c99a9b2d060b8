/*
 * loops.c - counted loops whose accesses can be checked once, before them.
 *
 * A loop qualifies when its body is straight-line code (numeric
 * instructions, locals, globals read, plain loads and stores of memory 0)
 * that ends in `br_if 0` on a count (!=, non-zero, or an ordering of a
 * value moving towards a fixed one), and the values tested and every
 * access's address are affine in the iteration number k:
 *
 *     value(k) = c + s*k + a*x + b*y    (mod 2^32)
 *
 * x, y being locals' values on entry to the loop: locals the body does not
 * write, and induction variables, locals to which each iteration adds a
 * constant (the only locals read before they are written that may enter an
 * address or the test).  Then the trip count n
 * and, per group of accesses through the same x, y and s, the lowest and
 * highest byte touched in all n iterations are computed on entry, and the
 * emitter writes the loop twice: a copy with no check at all, taken when
 * every group lies within the memory, and the loop as ever otherwise.  The
 * C compiler sees in the first a loop of known trip count over 64-bit
 * addresses base + s*k, which it can vectorise.  (In SANDC_MASK that copy
 * masks each group's address once per iteration, SANDC_LOOP_EA: no branch
 * may let a mispredicted path reach outside the memory.)
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* The i32 value of a stack entry or local: affine, or not known. */
typedef struct Aff {
    int known;
    LoopExpr e;
} Aff;

static const Aff unknown;

static Aff konst(uint32_t c)
{
    Aff v = {1, {c, 0, 0, {0}, {0}}};
    return v;
}

/* local x's value in iteration k: its value on entry + s*k */
static Aff term(uint32_t x, uint32_t s)
{
    Aff v = {1, {0, s, 1, {x}, {1}}};
    return v;
}

static int is_const(const Aff *v) { return v->known && !v->e.nt && !v->e.s; }

static Aff add(Aff p, const Aff *q)
{
    if (!p.known || !q->known)
        return unknown;
    p.e.c += q->e.c;
    p.e.s += q->e.s;
    for (unsigned i = 0; i < q->e.nt; i++) {
        unsigned j = 0;
        while (j < p.e.nt && p.e.x[j] != q->e.x[i])
            j++;
        if (j == p.e.nt) {
            if (p.e.nt == LOOP_TERMS)
                return unknown;
            p.e.x[p.e.nt] = q->e.x[i];
            p.e.a[p.e.nt++] = 0;
        }
        p.e.a[j] += q->e.a[i];
    }
    unsigned k = 0; /* drop the terms that cancelled */
    for (unsigned j = 0; j < p.e.nt; j++)
        if (p.e.a[j])
            p.e.x[k] = p.e.x[j], p.e.a[k++] = p.e.a[j];
    p.e.nt = (uint8_t)k;
    return p;
}

static Aff scale(Aff p, uint32_t m)
{
    if (!p.known)
        return unknown;
    p.e.c *= m;
    p.e.s *= m;
    for (unsigned j = 0; j < p.e.nt; j++)
        p.e.a[j] *= m;
    if (m == 0)
        p.e.nt = 0;
    return p;
}

/* The same entry terms and coefficient of k: one group. */
static int same_terms(const LoopExpr *p, const LoopExpr *q)
{
    if (p->s != q->s || p->nt != q->nt)
        return 0;
    for (unsigned i = 0; i < p->nt; i++) {
        unsigned j = 0;
        while (j < q->nt && (q->x[j] != p->x[i] || q->a[j] != p->a[i]))
            j++;
        if (j == q->nt)
            return 0;
    }
    return 1;
}

enum { MAX_BODY = 400, MAX_STACK = 64 };

/* An i32 comparison's result, as a loop's test: true while x != 0
 * (EXIT_NE; also any value tested as it is), while x < y (EXIT_LT), or
 * while x <= y (EXIT_LE), unsigned. */
typedef struct Cmp {
    uint8_t kind;
    Aff x, y;
} Cmp;

/* The comparison `op` of a and b as a Cmp (kind 0 if it is none). */
static Cmp compare(Opcode op, const Aff *a, const Aff *b)
{
    Cmp c = {0, unknown, unknown};
    const Aff bias = konst(0x80000000u); /* signed as unsigned: + 2^31 */
    const Aff *x = a, *y = b;
    switch (op) {
    case OP_I32_NE:
        c.kind = EXIT_NE;
        c.x = scale(*b, UINT32_MAX);
        c.x = add(*a, &c.x);
        return c;
    case OP_I32_LT_U: case OP_I32_LT_S: c.kind = EXIT_LT; break;
    case OP_I32_GT_U: case OP_I32_GT_S: c.kind = EXIT_LT, x = b, y = a; break;
    case OP_I32_LE_U: case OP_I32_LE_S: c.kind = EXIT_LE; break;
    case OP_I32_GE_U: case OP_I32_GE_S: c.kind = EXIT_LE, x = b, y = a; break;
    default: return c;
    }
    c.x = *x, c.y = *y;
    if (op == OP_I32_LT_S || op == OP_I32_GT_S || op == OP_I32_LE_S || op == OP_I32_GE_S)
        c.x = add(c.x, &bias), c.y = add(c.y, &bias);
    return c;
}

/* The loop's test, the value tested being t: *p's exit fields, or 0 if it
 * is no count: x != 0 with x moving, x < y or x <= y with x moving up and y
 * fixed or y moving down and x fixed. */
static int exit_test(LoopPlan *p, const Aff *t, const Cmp *c)
{
    Cmp v = *c;
    if (!v.kind)
        v.kind = EXIT_NE, v.x = *t;
    if (!v.x.known || (v.kind != EXIT_NE && !v.y.known))
        return 0;
    p->exit_kind = v.kind;
    if (v.kind == EXIT_NE) {
        p->exit = v.x.e;
        return v.x.e.s != 0;
    }
    if (v.x.e.s && v.x.e.s < 0x80000000u && !v.y.e.s) { /* x moves up */
        p->exit = v.x.e, p->bound = v.y.e;
        return 1;
    }
    if (!v.x.e.s && v.y.e.s >= 0x80000000u) { /* y moves down */
        p->exit = v.y.e, p->bound = v.x.e;
        return 1;
    }
    return 0;
}

typedef struct Sym {
    const ValType *ltypes;
    Aff *loc;               /* per local: its value now */
    uint8_t *written, *carried;
    Aff st[MAX_STACK];
    Cmp cmp[MAX_STACK];     /* what a comparison's result says */
    uint32_t n;
} Sym;

/* Whether `in` may be in a qualifying body (its br_if and end aside). */
static int allowed(const Module *m, const Instr *in)
{
    const OpInfo *o = &op_info[in->op];
    if (!o->special && o->c) /* numeric, or a plain access of memory 0 */
        return o->imm == IMM_NONE || (o->imm == IMM_MEMARG && o->access && in->mem == 0 &&
                                      !m->mems[0].lim.is64);
    switch (in->op) {
    case OP_LOCAL_GET: case OP_LOCAL_SET: case OP_LOCAL_TEE: case OP_GLOBAL_GET:
    case OP_I32_CONST: case OP_I64_CONST: case OP_F32_CONST: case OP_F64_CONST:
    case OP_DROP: case OP_SELECT: case OP_SELECT_T:
        return 1;
    default:
        return 0;
    }
}

/* Whether the body at c is allowed instructions up to `br_if 0` and the
 * loop's end: a quick look before the evaluation. */
static int straight(const Module *m, InstrSrc c)
{
    Instr tmp;
    const Instr *in, *end;
    for (uint32_t count = 0; count < MAX_BODY && (in = src_next(&c, &tmp)); count++) {
        if (in->op == OP_BR_IF)
            return in->a == 0 && (end = src_next(&c, &tmp)) && end->op == OP_END;
        if (!allowed(m, in))
            return 0;
    }
    return 0;
}

/* Evaluate the body, which straight() accepted, once.  pass 0 finds what
 * is written and read first; pass 1 records the accesses and the exit test
 * in *p.  Returns 0 if the loop does not qualify. */
static int eval(Sym *y, InstrSrc c, int pass, LoopPlan *p)
{
    Instr tmp;
    const Instr *in;
    y->n = 0;
    while ((in = src_next(&c, &tmp))) {
        const OpInfo *o = &op_info[in->op];
        if (in->op == OP_BR_IF) { /* the last but the loop's end */
            if (y->n != 1 || (pass == 1 && !exit_test(p, &y->st[0], &y->cmp[0])))
                return 0;
            p->exit_at = in->off;
            return 1;
        }
        if (!o->special && o->c) {
            if (y->n < o->npop || y->n - o->npop + o->npush > MAX_STACK)
                return 0;
            uint32_t base = y->n - o->npop;
            Aff r = unknown, d;
            Aff *a = &y->st[base], *b = a + 1; /* b: only if two are popped */
            Cmp cmp = {0, unknown, unknown};
            if (o->npop == 2)
                cmp = compare(in->op, a, b);
            switch (in->op) {
            case OP_I32_ADD: r = add(*a, b); break;
            case OP_I32_SUB: r = add(*a, (d = scale(*b, UINT32_MAX), &d)); break;
            case OP_I32_MUL:
                r = is_const(b) ? scale(*a, b->e.c) : is_const(a) ? scale(*b, a->e.c) : unknown;
                break;
            case OP_I32_SHL:
                if (is_const(b))
                    r = scale(*a, 1u << (b->e.c & 31));
                break;
            default: break;
            }
            if (o->access && pass == 1) {
                if (!a->known || p->nacc == LOOP_ACCESSES)
                    return 0;
                LoopAccess *x = &p->acc[p->nacc++];
                x->at = in->off;
                x->offset = in->offset;
                x->size = 1u << o->align;
                x->addr = a->e;
            }
            y->n = base;
            for (unsigned k = 0; k < o->npush; k++, y->n++) {
                y->st[y->n] = o->push[k] == VT_I32 ? r : unknown;
                y->cmp[y->n] = cmp;
            }
            continue;
        }
        switch (in->op) {
        case OP_LOCAL_GET:
            if (y->n == MAX_STACK)
                return 0;
            if (!y->written[in->a])
                y->carried[in->a] = 1;
            y->st[y->n] = y->loc[in->a];
            y->cmp[y->n++].kind = 0;
            break;
        case OP_LOCAL_SET: case OP_LOCAL_TEE:
            if (!y->n)
                return 0;
            y->written[in->a] = 1;
            y->loc[in->a] = y->ltypes[in->a] == VT_I32 ? y->st[y->n - 1] : unknown;
            if (in->op == OP_LOCAL_SET)
                y->n--;
            break;
        case OP_I32_CONST: case OP_I64_CONST: case OP_F32_CONST: case OP_F64_CONST:
        case OP_GLOBAL_GET:
            if (y->n == MAX_STACK)
                return 0;
            y->st[y->n] = in->op == OP_I32_CONST ? konst((uint32_t)in->i64) : unknown;
            y->cmp[y->n++].kind = 0;
            break;
        case OP_DROP:
            if (!y->n)
                return 0;
            y->n--;
            break;
        case OP_SELECT: case OP_SELECT_T:
            if (y->n < 3)
                return 0;
            y->n -= 2;
            y->st[y->n - 1] = unknown;
            y->cmp[y->n - 1].kind = 0;
            break;
        default:
            return 0;
        }
    }
    return 0;
}

int loop_plan(const Module *m, InstrSrc c, const Instr *loop,
              uint32_t nlocals, const ValType *ltypes, LoopPlan *p)
{
    if (loop->blocktype != BLOCKTYPE_EMPTY || !m->nmems || !straight(m, c))
        return 0;
    Sym y;
    memset(&y, 0, sizeof y);
    y.ltypes = ltypes;
    y.loc = malloc(sizeof *y.loc * (nlocals ? nlocals : 1));
    y.written = calloc(nlocals ? nlocals : 1, 1);
    y.carried = calloc(nlocals ? nlocals : 1, 1);
    if (!y.loc || !y.written || !y.carried)
        internal_error(__FILE__, __LINE__, "out of memory");
    memset(p, 0, sizeof *p);
    for (uint32_t x = 0; x < nlocals; x++)
        y.loc[x] = ltypes[x] == VT_I32 ? term(x, 0) : unknown;
    int ok = eval(&y, c, 0, p);
    /* A local read before it is written is an induction variable if the
     * body leaves it plus a constant; pass 1 starts each other local that
     * the body writes unknown. */
    uint32_t *step = calloc(nlocals ? nlocals : 1, sizeof *step);
    if (!step)
        internal_error(__FILE__, __LINE__, "out of memory");
    for (uint32_t x = 0; ok && x < nlocals; x++) {
        if (!y.written[x])
            continue;
        Aff v = y.loc[x];
        if (y.carried[x] && v.known && v.e.nt == 1 && v.e.x[0] == x && v.e.a[0] == 1 &&
            !v.e.s)
            step[x] = v.e.c;
        else
            step[x] = 0, y.carried[x] = 0;
    }
    for (uint32_t x = 0; ok && x < nlocals; x++) {
        if (!y.written[x])
            y.loc[x] = ltypes[x] == VT_I32 ? term(x, 0) : unknown;
        else
            y.loc[x] = y.carried[x] ? term(x, step[x]) : unknown;
        y.written[x] = 0;
    }
    ok = ok && eval(&y, c, 1, p);
    /* the groups: the same entry terms and stride */
    for (unsigned i = 0; ok && i < p->nacc; i++) {
        LoopAccess *a = &p->acc[i];
        unsigned g = 0;
        while (g < p->ngroups && !same_terms(&p->acc[p->groups[g].first].addr, &a->addr))
            g++;
        if (g == p->ngroups) {
            if (g == LOOP_GROUPS) {
                ok = 0;
                break;
            }
            p->groups[g].first = i;
            p->groups[g].cmin = (int32_t)a->addr.c;
            p->ngroups++;
        }
        a->group = g;
        if ((int32_t)a->addr.c < p->groups[g].cmin)
            p->groups[g].cmin = (int32_t)a->addr.c;
    }
    for (unsigned i = 0; ok && i < p->nacc; i++) {
        LoopAccess *a = &p->acc[i];
        LoopGroup *g = &p->groups[a->group];
        /* below 2^32 + 2^32: the offset and the spread of constants */
        a->delta = (uint64_t)((int64_t)(int32_t)a->addr.c - g->cmin) + a->offset;
        if (a->delta + a->size > g->end)
            g->end = a->delta + a->size;
    }
    ok = ok && p->nacc > 0;
    free(step);
    free(y.loc);
    free(y.written);
    free(y.carried);
    return ok;
}

/* ---- the C --------------------------------------------------------------------- */

/* c plus the terms of e on entry to the loop, as a uint32_t expression;
 * times -1 if neg. */
static void entry_value(Buf *b, const LoopExpr *e, uint32_t c, int neg)
{
    buf_puts(b, "(uint32_t)(");
    for (unsigned i = 0; i <= e->nt; i++) {
        uint32_t a = i < e->nt ? e->a[i] : c;
        if (neg)
            a = 0u - a;
        if (i == e->nt && a == 0 && e->nt)
            break;
        int minus = a >= 0x80000000u;
        if (i == 0)
            buf_puts(b, minus ? "0u - " : "");
        else
            buf_puts(b, minus ? " - " : " + ");
        if (minus)
            a = 0u - a;
        if (i == e->nt)
            buf_printf(b, "%uu", a);
        else if (a == 1)
            buf_printf(b, "l%u", e->x[i]);
        else
            buf_printf(b, "%uu * l%u", a, e->x[i]);
    }
    buf_puts(b, ")");
}

void loop_head(Buf *b, const LoopPlan *p, uint32_t id, const char *inst)
{
    uint32_t s = p->exit.s, step = s < 0x80000000u ? s : 0u - s;
    Buf test = {0}; /* that the count is right */
    buf_printf(b, "{ /* the loop's accesses checked on entry (L%u), or one by one (L%u) */\n",
               id, id + 1);
    if (p->exit_kind == EXIT_NE) {
        /* the test is d + s*k after iteration k: 0 when k = e / step */
        buf_printf(b, "uint32_t lp%u_e = ", id);
        entry_value(b, &p->exit, p->exit.c, s < 0x80000000u);
        buf_printf(b, ";\nuint64_t lp%u_n = (uint64_t)(lp%u_e / %uu) + 1u, lp%u_k = 0;\n",
                   id, id, step, id);
        buf_printf(&test, "lp%u_e %% %uu == 0", id, step);
    } else if (s < 0x80000000u) { /* the value tested moves up */
        /* on while x + s*k < y: x, s*(n - 1) further, must not wrap */
        buf_printf(b, "uint64_t lp%u_x = ", id);
        entry_value(b, &p->exit, p->exit.c, 0);
        buf_printf(b, ", lp%u_y = %s", id, p->exit_kind == EXIT_LE ? "(uint64_t)" : "");
        entry_value(b, &p->bound, p->bound.c, 0); /* + 1 in 64 bits */
        buf_printf(b, "%s;\nuint64_t lp%u_n = lp%u_x >= lp%u_y ? 1u : "
                   "(lp%u_y - lp%u_x - 1u) / %uu + 2u, lp%u_k = 0;\n",
                   p->exit_kind == EXIT_LE ? " + 1u" : "", id, id, id, id, id, step, id);
        buf_printf(&test, "lp%u_x + %uu * (lp%u_n - 1u) <= 0xffffffffu", id, step, id);
    } else {
        /* on while x <= y - s*k: y, s*(n - 1) lower, must not wrap */
        buf_printf(b, "uint64_t lp%u_x = %s", id, p->exit_kind == EXIT_LT ? "(uint64_t)" : "");
        entry_value(b, &p->bound, p->bound.c, 0);
        buf_printf(b, "%s, lp%u_y = ", p->exit_kind == EXIT_LT ? " + 1u" : "", id);
        entry_value(b, &p->exit, p->exit.c, 0);
        buf_printf(b, ";\nuint64_t lp%u_n = lp%u_y < lp%u_x ? 1u : "
                   "(lp%u_y - lp%u_x) / %uu + 2u, lp%u_k = 0;\n",
                   id, id, id, id, id, step, id);
        buf_printf(&test, "%uu * (lp%u_n - 1u) <= lp%u_y", step, id, id);
    }
    for (unsigned g = 0; g < p->ngroups; g++) {
        buf_printf(b, "uint64_t lp%u_g%u = ", id, g);
        entry_value(b, &p->acc[p->groups[g].first].addr, (uint32_t)p->groups[g].cmin, 0);
        buf_puts(b, ";\n");
    }
    buf_printf(b, "if (SANDC_LOOP_CHECK_ONCE && %s", test.p);
    buf_free(&test);
    for (unsigned g = 0; g < p->ngroups; g++) {
        const LoopGroup *gr = &p->groups[g];
        uint32_t gs = p->acc[gr->first].addr.s;
        buf_puts(b, " &&\n        ");
        if (gs >= 0x80000000u) /* downwards: no lower than 0 */
            buf_printf(b, "%uu * (lp%u_n - 1u) <= lp%u_g%u && ", 0u - gs, id, id, g);
        buf_printf(b, "lp%u_g%u", id, g);
        if (gs && gs < 0x80000000u)
            buf_printf(b, " + %uu * (lp%u_n - 1u)", gs, id);
        buf_printf(b, " + %lluu <= %s->m0->size", (unsigned long long)gr->end, inst);
    }
    buf_puts(b, ") {\n");
}

void loop_address(Buf *b, const LoopAccess *a, uint32_t id)
{
    /* The constant stays outside SANDC_LOOP_EA's mask when it and the
     * width fit in sandc.h's SANDC_MASK_SLACK (tests/loops.t checks that
     * this is it), so that one mask serves the group. */
    enum { MASK_SLACK = 64 };
    uint32_t s = a->addr.s;
    int apart = a->delta + a->size <= MASK_SLACK;
    buf_printf(b, "SANDC_LOOP_EA(m0b, m0k, lp%u_g%u", id, a->group);
    if (a->delta && !apart)
        buf_printf(b, " + %lluu", (unsigned long long)a->delta);
    if (s)
        buf_printf(b, " %c %uu * lp%u_k", s < 0x80000000u ? '+' : '-',
                   s < 0x80000000u ? s : 0u - s, id);
    buf_printf(b, ", %lluu)", apart ? (unsigned long long)a->delta : 0ull);
}

void loop_continue(Buf *b, uint32_t id)
{
    buf_printf(b, "++lp%u_k != lp%u_n", id, id);
}
