/*
 * emit.h - what the two emitter files share: emit.c writes the module
 * (OUT.h, and OUT.c around the functions), emit_func.c each function body.
 */
#ifndef SANDC_EMIT_H
#define SANDC_EMIT_H

#include <stdarg.h>

#include "wasm.h"

typedef struct Emit {
    const Module *m;
    Features f;
    Diag *d;
    const char *name;     /* the module's C name */
    char **func_sym;      /* per function: its C name (imports: the symbol) */
    char **import_ctx;    /* per imported function: the instance field
                             holding its module's context */
    char **sig_name;      /* per type: the C name of its signature string */
    const char *linkage;  /* of what the functions share: "static " in one
                             file; "SANDC_HIDDEN " when split (--split) */
    int split;            /* internal names carry the module's name */
    uint32_t *fref;       /* per function: its entry in the instance's
                             funcs[], or NO_FREF if no funcref can point at
                             it (declared_funcs) */
    uint32_t nfrefs;      /* entries in funcs[] */
    uint64_t mem0_min;    /* bytes memory 0 has from instantiation on: its
                             minimum, defined or imported (instantiation
                             checks); 0 for none or a 64-bit one */
} Emit;

#define NO_FREF UINT32_MAX

/* emit.c */
const char *emit_ctype(ValType t);
char emit_letter(ValType t);
void emit_ret_type(Buf *b, const FuncType *t);
void emit_fnptr_type(Buf *b, const FuncType *t);

/* emit_func.c */
void emit_function(Emit *e, uint32_t func, Buf *out);
void emit_float(Buf *b, uint64_t bits, int is64);
void emit_v128(Buf *b, const uint8_t *bytes);

#endif
