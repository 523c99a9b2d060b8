/*
 * emit.h - what the emitter files share: emit.c writes the module (OUT.h,
 * and OUT.c around the functions), emit_func.c each function body, and
 * access.c decides what each memory access of a body needs.
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

/* How emit_func.c holds a value of the operand stack (see there).
 * PEND_EXPR: a condition that the next instruction (if, br_if) tests, held
 * aside.  (br_table's switch on a comparison would draw -Wswitch-bool.) */
enum { IN_SLOT, PEND_LOCAL, PEND_CONST, PEND_EXPR };

typedef struct Pend {
    uint8_t kind;  /* IN_SLOT, PEND_LOCAL, PEND_CONST, PEND_EXPR */
    uint32_t local;
    uint64_t bits; /* PEND_CONST: the value, as the instruction encodes it */
} Pend;

/* An address an earlier check proved: local `local` plus `end` is within
 * memory `mem` (a 32-bit one), and stays so while the local is not
 * written, as memories never shrink. */
typedef struct Checked {
    uint32_t local, mem;
    uint64_t end;
} Checked;

enum { NCHECKED = 8, NKSTORE = 8 };

typedef struct CheckedSet {
    Checked k[NCHECKED];
    unsigned n, next;
} CheckedSet;

/* emit.c */
const char *emit_ctype(ValType t);
char emit_letter(ValType t);
void emit_ret_type(Buf *b, const FuncType *t);
void emit_fnptr_type(Buf *b, const FuncType *t);

/* access.c: what a memory access needs.  covered_later: whether the load
 * `in`, whose address operand tops `stack` (n entries of the current
 * block, the address last), is followed, in straight-line code read from
 * `c` (just after it), by a kept load or a store through the same address
 * (a local not written in between, or the same constant) that ends no
 * earlier, with nothing between them that has an effect or can trap, loads
 * aside; then it need not be kept.  COVERED_BY_LOAD, or COVERED_BY_STORE
 * with *store set to that store's offset: it must be written
 * sandc_skN.  Looks 16 instructions ahead at most. */
enum { COVERED_BY_LOAD = 1, COVERED_BY_STORE };
int covered_later(const Module *m, InstrSrc c, const Instr *in,
                  const Pend *stack, uint32_t n, size_t *store);
/* Whether an earlier check covers local + end of memory mem. */
int checked_covers(const CheckedSet *s, uint32_t local, uint32_t mem, uint64_t end);
void checked_add(CheckedSet *s, uint32_t local, uint32_t mem, uint64_t end);
/* Local `local` is written: what was proved of it no longer holds. */
void checked_forget(CheckedSet *s, uint32_t local);
/* What earlier checks proved still holds after op: it is not a point that
 * control reaches from elsewhere (a loop's head, an else, an end). */
int checked_survive(Opcode op);

/* loops.c: a counted loop whose accesses can be checked once, on entry.
 * Its values are affine in the iteration number k (from 0):
 * c + s*k + a[0]*x[0] + ... (mod 2^32), x[i] being locals' values on entry. */
enum { LOOP_TERMS = 2, LOOP_ACCESSES = 32, LOOP_GROUPS = 8 };

typedef struct LoopExpr {
    uint32_t c, s;
    uint8_t nt;
    uint32_t x[LOOP_TERMS], a[LOOP_TERMS];
} LoopExpr;

/* An access: its address, and where its bytes begin relative to its
 * group's lowest address in iteration k (g + delta + s*k). */
typedef struct LoopAccess {
    size_t at;         /* the instruction's offset */
    LoopExpr addr;
    uint64_t offset, delta;
    unsigned size, group;
} LoopAccess;

/* Accesses through the same terms and stride: the group's address in
 * iteration k is (terms + cmin) + s*k, and its accesses end below that +
 * end. */
typedef struct LoopGroup {
    unsigned first;
    int32_t cmin;
    uint64_t end;
} LoopGroup;

/* How a loop's test, after iteration k, lets it go on: while exit != 0;
 * while exit < bound (or <=, unsigned) with exit moving up (exit.s below
 * 2^31), or while bound < exit (<=) with exit moving down. */
enum { EXIT_NE = 1, EXIT_LT, EXIT_LE };

typedef struct LoopPlan {
    uint8_t exit_kind;
    LoopExpr exit, bound;
    size_t exit_at;    /* the offset of the br_if that tests it */
    unsigned nacc, ngroups;
    LoopAccess acc[LOOP_ACCESSES];
    LoopGroup groups[LOOP_GROUPS];
} LoopPlan;

/* Whether the loop `loop`, whose body `c` is at, qualifies; fills *p. */
int loop_plan(const Module *m, InstrSrc c, const Instr *loop,
              uint32_t nlocals, const ValType *ltypes, LoopPlan *p);
/* The C before the two copies, as lines: `{`, the count and each group's
 * address on entry in variables lpID_..., and `if (` the test `) {`
 * (`inst`: the instance's name). */
void loop_head(Buf *b, const LoopPlan *p, uint32_t id, const char *inst);
/* In the unchecked copy: an access's host address; the back edge's test. */
void loop_address(Buf *b, const LoopAccess *a, uint32_t id);
void loop_continue(Buf *b, uint32_t id);

/* emit_func.c: function func's C from its instructions, src.  A
 * FuncScratch holds what one thread's translations reuse from function to
 * function; each thread needs its own. */
typedef struct FuncScratch FuncScratch;
FuncScratch *func_scratch_new(void);
void func_scratch_free(FuncScratch *s);
void emit_function(Emit *e, FuncScratch *s, uint32_t func, const InstrSrc *src,
                   Buf *out);

#endif
