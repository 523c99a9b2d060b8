/*
 * opcodes.c - the opcode table expanded: per-opcode facts (name, immediates,
 * typing) and the lookup from encoded bytes to Opcode.
 */
#include <string.h>

#include "wasm.h"

OpInfo op_info[OP_COUNT] = {
#define OP(id, prefix, code, name, imm, align, sig, feat, c) \
    {name, prefix, code, imm, align, 0, 0, 0, 0, 0, {0}, {0}, feat, c},
#include "opcodes.def"
#undef OP
};

static const char *const op_sig[OP_COUNT] = {
#define OP(id, prefix, code, name, imm, align, sig, feat, c) sig,
#include "opcodes.def"
#undef OP
};

uint16_t op_by_byte[256], op_by_fc[OP_FC_MAX], op_by_fd[OP_FD_MAX], op_by_fe[OP_FE_MAX];
ByteOp byte_op[256];

static ValType sig_type(char ch)
{
    switch (ch) {
    case 'i': return VT_I32;
    case 'I': return VT_I64;
    case 'f': return VT_F32;
    case 'F': return VT_F64;
    case 'v': return VT_V128;
    case 'a': return VT_ADDR;
    }
    internal_error(__FILE__, __LINE__, "bad letter in an opcode signature");
}

/* OpInfo.access and .pure, from where the opcode sits among the MVP's:
 * the loads and stores are 0x28-0x3E; the numeric instructions, i32.eqz to
 * i64.extend32_s, are pure but integer division and remainder and the
 * trapping float-to-integer truncations. */
static void classify(OpInfo *o, Opcode op)
{
    if (o->prefix != 0)
        return;
    if (o->code >= 0x28 && o->code <= 0x3E)
        o->access = o->code >= 0x36 ? ACCESS_STORE : ACCESS_LOAD;
    switch (op) {
    case OP_I32_DIV_S: case OP_I32_DIV_U: case OP_I32_REM_S: case OP_I32_REM_U:
    case OP_I64_DIV_S: case OP_I64_DIV_U: case OP_I64_REM_S: case OP_I64_REM_U:
    case OP_I32_TRUNC_F32_S: case OP_I32_TRUNC_F32_U:
    case OP_I32_TRUNC_F64_S: case OP_I32_TRUNC_F64_U:
    case OP_I64_TRUNC_F32_S: case OP_I64_TRUNC_F32_U:
    case OP_I64_TRUNC_F64_S: case OP_I64_TRUNC_F64_U:
        return;
    default:
        o->pure = o->code >= 0x45 && o->code <= 0xC4;
    }
}

static void slot(uint16_t *table, unsigned size, unsigned code, unsigned op)
{
    if (code >= size || table[code] != 0)
        internal_error(__FILE__, __LINE__, "opcode table: code out of range "
                       "or used twice");
    table[code] = (uint16_t)(op + 1);
}

void opcodes_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    for (unsigned i = 0; i < OP_COUNT; i++) {
        OpInfo *o = &op_info[i];
        const char *s = op_sig[i];
        if (strcmp(s, "*") == 0) {
            o->special = 1;
        } else {
            for (; *s != ':'; s++) {
                if (!*s || o->npop == OP_MAX_POP)
                    internal_error(__FILE__, __LINE__, "bad opcode signature");
                o->pop[o->npop++] = sig_type(*s);
            }
            for (s++; *s; s++) {
                if (o->npush == OP_MAX_PUSH)
                    internal_error(__FILE__, __LINE__, "bad opcode signature");
                o->push[o->npush++] = sig_type(*s);
            }
        }
        classify(o, (Opcode)i);
        switch (o->prefix) {
        case 0: slot(op_by_byte, 256, o->code, i); break;
        case 0xFC: slot(op_by_fc, OP_FC_MAX, o->code, i); break;
        case 0xFD: slot(op_by_fd, OP_FD_MAX, o->code, i); break;
        case 0xFE: slot(op_by_fe, OP_FE_MAX, o->code, i); break;
        default: internal_error(__FILE__, __LINE__, "bad opcode prefix");
        }
    }
    for (unsigned b = 0; b < 256; b++) {
        uint16_t v = op_by_byte[b];
        byte_op[b] = (ByteOp){v, v ? op_info[v - 1].imm : 0, v ? op_info[v - 1].feat : 0};
    }
}

const char *valtype_name(ValType t)
{
    switch (t) {
    case VT_I32: return "i32";
    case VT_I64: return "i64";
    case VT_F32: return "f32";
    case VT_F64: return "f64";
    case VT_V128: return "v128";
    case VT_FUNCREF: return "funcref";
    case VT_EXTERNREF: return "externref";
    case VT_BOTTOM: return "nothing";
    }
    return "?";
}

int valtype_is_ref(ValType t) { return t == VT_FUNCREF || t == VT_EXTERNREF; }
