/*
 * access.c - how much a memory access of a function body needs: which
 * loads SANDC_GUARD need not keep, and which accesses an earlier check
 * already covers.  emit_func.c asks as it writes each access.
 *
 * Kept loads.  In SANDC_GUARD a load is its own bounds check, so sandc_ldN
 * keeps it (SANDC_KEEP) even when its value goes unused; that costs a
 * register and stops the C compiler from folding the load into arithmetic
 * or vectorising its loop.  A load needs no keeping when it cannot trap, or
 * when a kept load that must follow it, through the same address, ends no
 * earlier (covered_later): if the first is out of bounds, so is the second,
 * and it traps with the same trap.  That second load is kept, so it
 * happens, or the C compiler takes its value from an access of the same
 * bytes that happens before.  A store covers a load the same way, on one
 * condition: the C compiler may drop a store of what it can prove memory
 * already holds (a store of that very load's value, say), or one a later
 * store overwrites (even when a loop that never ends comes between), and
 * the load with it; so the covering store is written sandc_skN, whose
 * value it cannot see through and whose bytes an asm then reads.
 *
 * Checked addresses.  Once an access through a local has passed its check,
 * a later one through the same local, not written since, that reaches no
 * further is in bounds too: memories never shrink.  A CheckedSet holds a few
 * such facts while control runs straight on.
 */
#include "emit.h"

/* Two pending stack entries that name the same local, or the same constant. */
static int same_value(const Pend *p, const Pend *a)
{
    return p->kind == a->kind &&
           (a->kind == PEND_LOCAL ? p->local == a->local : p->bits == a->bits);
}

/* A load `x` through the same address as the load `in` is out of bounds
 * whenever `in` is: same memory, and it ends no earlier.  (In a 64-bit
 * memory, where address + offset may pass 2^64, it must start no later as
 * well.) */
static int covers(const Module *m, const Instr *x, const Instr *in)
{
    unsigned xsize = 1u << op_info[x->op].align, size = 1u << op_info[in->op].align;
    if (x->mem != in->mem)
        return 0;
    if (x->offset <= in->offset) {
        uint64_t d = in->offset - x->offset; /* x starts d bytes earlier */
        return d <= xsize && d + size <= xsize;
    }
    /* offsets of a 32-bit memory are below 2^32 */
    return !m->mems[in->mem].lim.is64 && x->offset - in->offset + xsize >= size;
}

int covered_later(const Module *m, InstrSrc c, const Instr *in,
                  const Pend *stack, uint32_t n, size_t *store)
{
    enum { WINDOW = 16, DEPTH = 8 };
    const Pend *a = &stack[n - 1];
    if (a->kind != PEND_LOCAL && a->kind != PEND_CONST)
        return 0;
    /* The stack as it will be after the load, from at most DEPTH entries
     * down: 1 marks a value equal to the load's address. */
    uint8_t same[DEPTH + 1 + WINDOW];
    uint32_t from = n - 1 > DEPTH ? n - 1 - DEPTH : 0, k = 0;
    for (uint32_t d = from; d + 1 < n; d++)
        same[k++] = same_value(&stack[d], a);
    same[k++] = 0; /* the loaded value */
    for (int i = 0; i < WINDOW; i++) {
        Instr tmp;
        const Instr *x = src_next(&c, &tmp);
        if (!x)
            return 0;
        const OpInfo *o = &op_info[x->op];
        uint32_t npop, npush;
        if (o->access == ACCESS_STORE) {
            /* its address is below its value */
            if (k >= 2 && same[k - 2] && covers(m, x, in)) {
                *store = x->off;
                return COVERED_BY_STORE;
            }
            return 0; /* an effect */
        } else if (o->access == ACCESS_LOAD) {
            if (k >= 1 && same[k - 1] && covers(m, x, in))
                return COVERED_BY_LOAD;
            npop = 1, npush = 1;
        } else if (x->op == OP_LOCAL_GET) {
            same[k++] = a->kind == PEND_LOCAL && a->local == x->a;
            continue;
        } else if (x->op == OP_I32_CONST || x->op == OP_I64_CONST) {
            same[k++] = a->kind == PEND_CONST && a->bits == x->i64;
            continue;
        } else if (x->op == OP_LOCAL_SET || x->op == OP_LOCAL_TEE) {
            if (a->kind == PEND_LOCAL && a->local == x->a)
                return 0;
            npop = x->op == OP_LOCAL_SET;
            npush = 0;
        } else if (x->op == OP_SELECT || x->op == OP_SELECT_T) {
            npop = 3, npush = 1;
        } else if (x->op == OP_DROP) {
            npop = 1, npush = 0;
        } else if (x->op == OP_F32_CONST || x->op == OP_F64_CONST ||
                   x->op == OP_GLOBAL_GET) {
            npop = 0, npush = 1;
        } else if (x->op == OP_NOP) {
            continue;
        } else if (o->pure) {
            npop = o->npop, npush = o->npush;
        } else {
            return 0;
        }
        if (npop > k)
            return 0; /* reaches below what was copied */
        k -= npop;
        if (npush)
            same[k++] = 0;
    }
    return 0;
}

int checked_covers(const CheckedSet *s, uint32_t local, uint32_t mem, uint64_t end)
{
    for (unsigned k = 0; k < s->n; k++)
        if (s->k[k].local == local && s->k[k].mem == mem)
            return s->k[k].end >= end;
    return 0;
}

void checked_add(CheckedSet *s, uint32_t local, uint32_t mem, uint64_t end)
{
    unsigned k = 0;
    while (k < s->n && !(s->k[k].local == local && s->k[k].mem == mem))
        k++;
    if (k == s->n) {
        if (s->n < NCHECKED)
            s->n++;
        else
            k = s->next++ % NCHECKED;
    }
    s->k[k] = (Checked){local, mem, end};
}

void checked_forget(CheckedSet *s, uint32_t local)
{
    for (unsigned k = 0; k < s->n; k++)
        if (s->k[k].local == local)
            s->k[k].end = 0;
}

int checked_survive(Opcode op)
{
    switch (op) {
    case OP_NOP: case OP_BLOCK: case OP_IF: case OP_BR_IF:
    case OP_CALL: case OP_CALL_INDIRECT: case OP_DROP:
    case OP_SELECT: case OP_SELECT_T:
    case OP_LOCAL_GET: case OP_LOCAL_SET: case OP_LOCAL_TEE:
    case OP_GLOBAL_GET: case OP_GLOBAL_SET:
    case OP_I32_CONST: case OP_I64_CONST: case OP_F32_CONST: case OP_F64_CONST:
    case OP_MEMORY_SIZE: case OP_MEMORY_GROW:
        return 1;
    default:
        return 0;
    }
}
