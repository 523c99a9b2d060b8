/*
 * loops.c - counted loops whose accesses can be checked once, before them.
 *
 * A loop qualifies when its body is straight-line code (numeric
 * instructions, locals, globals read, plain loads and stores of memory 0)
 * that ends in `br_if 0` on a count, and the exit test and every access's
 * address are affine in the iteration number k:
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
 * addresses base + s*k, which it can vectorise.
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

typedef struct Sym {
    const Module *m;
    uint32_t nlocals;
    const ValType *ltypes;
    Aff *loc;               /* per local: its value now */
    uint8_t *written, *carried;
    Aff st[MAX_STACK];
    uint8_t ne[MAX_STACK];  /* the entry is i32.ne's: its operands' difference in dif */
    Aff dif[MAX_STACK];
    uint32_t n;
} Sym;

/* Evaluate the body once.  pass 0 finds what is written and read first;
 * pass 1 records the accesses and the exit test in *p.  Returns 0 if the
 * loop does not qualify. */
static int eval(Sym *y, Cursor c, Features feat, int pass, LoopPlan *p)
{
    Instr in;
    uint32_t count = 0;
    y->n = 0;
    while (decode_instr(&c, feat, &in)) {
        const OpInfo *o = &op_info[in.op];
        if (++count > MAX_BODY)
            return 0;
        if (in.op == OP_BR_IF) {
            /* the last instruction but the end, branching to the loop */
            Instr end;
            if (in.a != 0 || y->n != 1 || !decode_instr(&c, feat, &end) || end.op != OP_END)
                return 0;
            if (pass == 1) {
                const Aff *d = y->ne[0] ? &y->dif[0] : &y->st[0];
                if (!d->known || !d->e.s)
                    return 0;
                p->exit = d->e;
                p->exit_at = in.off;
            }
            return 1;
        }
        if (!o->special && o->c) {
            if (o->imm == IMM_MEMARG) {
                if (!o->access || in.mem != 0 || y->m->mems[0].lim.is64)
                    return 0;
            } else if (o->imm != IMM_NONE) {
                return 0;
            }
            if (y->n < o->npop || y->n - o->npop + o->npush > MAX_STACK)
                return 0;
            uint32_t base = y->n - o->npop;
            Aff r = unknown, d = unknown;
            int ne = 0;
            Aff *a = &y->st[base], *b = &y->st[base + 1];
            switch (in.op) {
            case OP_I32_ADD: r = add(*a, b); break;
            case OP_I32_SUB: r = add(*a, (d = scale(*b, UINT32_MAX), &d)); break;
            case OP_I32_MUL:
                r = is_const(b) ? scale(*a, b->e.c) : is_const(a) ? scale(*b, a->e.c) : unknown;
                break;
            case OP_I32_SHL:
                if (is_const(b))
                    r = scale(*a, 1u << (b->e.c & 31));
                break;
            case OP_I32_NE:
                d = scale(*b, UINT32_MAX);
                d = add(*a, &d);
                ne = 1;
                break;
            default: break;
            }
            if (o->access && pass == 1) {
                if (!a->known || p->nacc == LOOP_ACCESSES)
                    return 0;
                LoopAccess *x = &p->acc[p->nacc++];
                x->at = in.off;
                x->offset = in.offset;
                x->size = 1u << o->align;
                x->addr = a->e;
            }
            y->n = base;
            for (unsigned k = 0; k < o->npush; k++, y->n++) {
                y->st[y->n] = o->push[k] == VT_I32 ? r : unknown;
                y->ne[y->n] = (uint8_t)ne;
                y->dif[y->n] = d;
            }
            continue;
        }
        switch (in.op) {
        case OP_LOCAL_GET:
            if (y->n == MAX_STACK)
                return 0;
            if (!y->written[in.a])
                y->carried[in.a] = 1;
            y->st[y->n] = y->loc[in.a];
            y->ne[y->n++] = 0;
            break;
        case OP_LOCAL_SET: case OP_LOCAL_TEE:
            if (!y->n)
                return 0;
            y->written[in.a] = 1;
            y->loc[in.a] = y->ltypes[in.a] == VT_I32 ? y->st[y->n - 1] : unknown;
            if (in.op == OP_LOCAL_SET)
                y->n--;
            break;
        case OP_I32_CONST: case OP_I64_CONST: case OP_F32_CONST: case OP_F64_CONST:
        case OP_GLOBAL_GET:
            if (y->n == MAX_STACK)
                return 0;
            y->st[y->n] = in.op == OP_I32_CONST ? konst((uint32_t)in.i64) : unknown;
            y->ne[y->n++] = 0;
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
            y->ne[y->n - 1] = 0;
            break;
        default:
            return 0;
        }
    }
    return 0;
}

int loop_plan(const Module *m, Features feat, Cursor c, const Instr *loop,
              uint32_t nlocals, const ValType *ltypes, LoopPlan *p)
{
    if (loop->blocktype != BLOCKTYPE_EMPTY || !m->nmems)
        return 0;
    Sym y = {m, nlocals, ltypes, NULL, NULL, NULL, {{0}}, {0}, {{0}}, 0};
    y.loc = malloc(sizeof *y.loc * (nlocals ? nlocals : 1));
    y.written = calloc(nlocals ? nlocals : 1, 1);
    y.carried = calloc(nlocals ? nlocals : 1, 1);
    if (!y.loc || !y.written || !y.carried)
        internal_error(__FILE__, __LINE__, "out of memory");
    memset(p, 0, sizeof *p);
    for (uint32_t x = 0; x < nlocals; x++)
        y.loc[x] = ltypes[x] == VT_I32 ? term(x, 0) : unknown;
    int ok = eval(&y, c, feat, 0, p);
    /* Each local read before it is written is an induction variable: the
     * body leaves it plus a constant.  Others start unknown in pass 1. */
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
    ok = ok && eval(&y, c, feat, 1, p);
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
    uint32_t s = p->exit.s;
    int up = s < 0x80000000u;
    uint32_t step = up ? s : 0u - s;
    buf_printf(b, "{ /* the loop's accesses checked on entry (L%u), or one by one (L%u) */\n",
               id, id + 1);
    /* the exit test is d + s*k after iteration k: 0 when k = e / step */
    buf_printf(b, "uint32_t lp%u_e = ", id);
    entry_value(b, &p->exit, p->exit.c, up);
    buf_printf(b, ";\nuint64_t lp%u_n = (uint64_t)(lp%u_e / %uu) + 1u, lp%u_k = 0;\n",
               id, id, step, id);
    for (unsigned g = 0; g < p->ngroups; g++) {
        buf_printf(b, "uint64_t lp%u_g%u = ", id, g);
        entry_value(b, &p->acc[p->groups[g].first].addr, (uint32_t)p->groups[g].cmin, 0);
        buf_puts(b, ";\n");
    }
    buf_printf(b, "if (SANDC_LOOP_CHECK_ONCE && lp%u_e %% %uu == 0", id, step);
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
    uint32_t s = a->addr.s;
    buf_printf(b, "m0b + (lp%u_g%u", id, a->group);
    if (a->delta)
        buf_printf(b, " + %lluu", (unsigned long long)a->delta);
    if (s)
        buf_printf(b, " %c %uu * lp%u_k", s < 0x80000000u ? '+' : '-',
                   s < 0x80000000u ? s : 0u - s, id);
    buf_puts(b, ")");
}

void loop_continue(Buf *b, uint32_t id)
{
    buf_printf(b, "++lp%u_k != lp%u_n", id, id);
}
