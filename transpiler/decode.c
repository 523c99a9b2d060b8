/*
 * decode.c - one instruction: the opcode (through the opcode table) and its
 * immediates.  Shared by the reader (constant expressions), the validator and
 * the emitter, so every stage agrees on the encoding.
 */
#include <string.h>

#include "wasm.h"

static uint64_t le_bytes(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static int is_valtype_byte(uint8_t b, Features f)
{
    switch (b) {
    case VT_I32: case VT_I64: case VT_F32: case VT_F64:
        return 1;
    case VT_V128:
        return (f & FEAT_SIMD) != 0;
    case VT_FUNCREF: case VT_EXTERNREF:
        return (f & FEAT_REFERENCE_TYPES) != 0;
    }
    return 0;
}

/* blocktype ::= 0x40 | valtype | s33 (a type index, >= 0) */
static void blocktype(Cursor *c, Features f, Instr *in)
{
    size_t off = cur_off(c);
    if (c->p < c->end && (*c->p == 0x40 || is_valtype_byte(*c->p, f))) {
        in->blocktype = -(int64_t)*c->p++;
        return;
    }
    in->blocktype = cur_s33(c, "block type");
    if (cur_ok(c) && in->blocktype < 0)
        cur_fail(c, off, "malformed block type");
}

/* A memory index: with multi-memory a u32, else a single zero byte. */
static uint32_t memidx(Cursor *c, Features f)
{
    size_t off = cur_off(c);
    if (f & FEAT_MULTI_MEMORY)
        return cur_u32(c, "memory index");
    uint8_t b = cur_byte(c, "memory index");
    if (cur_ok(c) && b != 0)
        cur_fail(c, off, "zero byte expected (memory index %u needs "
                 "--enable-multi-memory)", b);
    return 0;
}

/* memarg ::= align:u32 (memidx:u32 if bit 6 of align, with multi-memory)
 *            offset:u32 (u64 with memory64) */
static void memarg(Cursor *c, Features f, Instr *in)
{
    uint32_t flags = cur_u32(c, "alignment");
    in->mem = 0;
    if ((f & FEAT_MULTI_MEMORY) && (flags & 0x40)) {
        flags &= ~0x40u;
        in->mem = cur_u32(c, "memory index");
    }
    in->align = flags;
    if (f & FEAT_MEMORY64)
        in->offset = cur_u64(c, "offset");
    else
        in->offset = cur_u32(c, "offset");
}

int decode_instr_full(Cursor *c, Features f, Instr *in)
{
    in->off = cur_off(c);
    uint8_t b = cur_byte(c, "opcode");
    unsigned prefix = 0;
    uint32_t code = b;
    if (b == 0xFC || b == 0xFD || b == 0xFE) {
        prefix = b;
        code = cur_u32(c, "opcode");
    }
    if (!cur_ok(c))
        return 0;
    Opcode op = op_lookup(prefix, code);
    if (op == OP_COUNT || (op_info[op].feat & ~f)) {
        if (prefix)
            cur_fail(c, in->off, "illegal opcode 0x%02x 0x%x%s", prefix, code,
                     op == OP_COUNT ? "" : " (its feature is not enabled)");
        else
            cur_fail(c, in->off, "illegal opcode 0x%02x%s", code,
                     op == OP_COUNT ? "" : " (its feature is not enabled)");
        return 0;
    }
    in->op = op;
    switch ((ImmKind)op_info[op].imm) {
    case IMM_NONE:
        break;
    case IMM_BLOCK:
        blocktype(c, f, in);
        break;
    case IMM_LABEL: case IMM_FUNC: case IMM_LOCAL: case IMM_GLOBAL:
    case IMM_TABLE: case IMM_DATA: case IMM_ELEM: case IMM_TAG:
        in->a = cur_u32(c, "index");
        break;
    case IMM_BR_TABLE:
        in->count = cur_count(c, 1, "br_table labels");
        in->targets.off = (uint32_t)cur_off(c);
        for (uint32_t i = 0; i < in->count && cur_ok(c); i++)
            cur_u32(c, "br_table label");
        in->targets.len = (uint32_t)(cur_off(c) - in->targets.off);
        in->a = cur_u32(c, "br_table default label");
        break;
    case IMM_CALL_INDIRECT:
        in->a = cur_u32(c, "type index");
        if (f & FEAT_REFERENCE_TYPES) {
            in->b = cur_u32(c, "table index");
        } else {
            size_t off = cur_off(c);
            in->b = cur_byte(c, "table index");
            if (cur_ok(c) && in->b != 0)
                cur_fail(c, off, "zero byte expected");
        }
        break;
    case IMM_MEMARG:
        memarg(c, f, in);
        break;
    case IMM_MEMARG_LANE:
        memarg(c, f, in);
        in->lane = cur_byte(c, "lane index");
        break;
    case IMM_MEMORY:
        in->mem = memidx(c, f);
        break;
    case IMM_MEMORY_INIT:
        in->a = cur_u32(c, "data index");
        in->mem = memidx(c, f);
        break;
    case IMM_MEMORY_COPY:
        in->a = memidx(c, f);
        in->b = memidx(c, f);
        break;
    case IMM_TABLE_INIT: case IMM_TABLE_COPY:
        in->a = cur_u32(c, "index");
        in->b = cur_u32(c, "table index");
        break;
    case IMM_I32:
        in->i64 = (uint32_t)cur_s32(c, "i32 constant");
        break;
    case IMM_I64:
        in->i64 = (uint64_t)cur_s64(c, "i64 constant");
        break;
    case IMM_F32: {
        const uint8_t *p = cur_bytes(c, 4, "f32 constant");
        in->i64 = p ? le_bytes(p, 4) : 0;
        break;
    }
    case IMM_F64: {
        const uint8_t *p = cur_bytes(c, 8, "f64 constant");
        in->i64 = p ? le_bytes(p, 8) : 0;
        break;
    }
    case IMM_V128: case IMM_SHUFFLE:
        in->v128 = cur_bytes(c, 16, "v128 immediate");
        break;
    case IMM_LANE:
        in->lane = cur_byte(c, "lane index");
        break;
    case IMM_REFTYPE: {
        size_t off = cur_off(c);
        uint8_t t = cur_byte(c, "reference type");
        if (cur_ok(c) && t != VT_FUNCREF && t != VT_EXTERNREF)
            cur_fail(c, off, "malformed reference type 0x%02x", t);
        in->a = t;
        break;
    }
    case IMM_SELECT_T: {
        in->count = cur_count(c, 1, "select types");
        in->v128 = c->p;
        for (uint32_t i = 0; i < in->count && cur_ok(c); i++) {
            size_t off = cur_off(c);
            uint8_t t = cur_byte(c, "select type");
            if (cur_ok(c) && !is_valtype_byte(t, f))
                cur_fail(c, off, "malformed value type 0x%02x", t);
        }
        break;
    }
    case IMM_ATOMIC_FENCE: {
        size_t off = cur_off(c);
        if (cur_byte(c, "atomic.fence flags") != 0 && cur_ok(c))
            cur_fail(c, off, "zero byte expected");
        break;
    }
    }
    return cur_ok(c);
}

void blocktype_sig(const Module *m, const Instr *in, uint32_t *np,
                   const ValType **p, uint32_t *nr, const ValType **r)
{
    *np = *nr = 0;
    *p = *r = NULL;
    if (in->blocktype == BLOCKTYPE_EMPTY)
        return;
    if (in->blocktype < 0) {
        *nr = 1;
        *r = m->bytes + in->off + 1; /* the value type byte itself */
        return;
    }
    const FuncType *t = &m->types[in->blocktype];
    *np = t->nparams, *p = t->params;
    *nr = t->nresults, *r = t->results;
}
