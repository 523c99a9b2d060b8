/*
 * emit_func.h - what the files writing a function body share: emit_func.c
 * (the body, instruction by instruction, and the operand stack),
 * emit_ops.c (calls, and the table and bulk memory instructions) and
 * templates.c (the C templates of the others, cut into pieces).
 */
#ifndef SANDC_EMIT_FUNC_H
#define SANDC_EMIT_FUNC_H

#include "emit.h"

/* Implementation limit: locals in one function, parameters included. */
enum { MAX_LOCALS = 50000 };

/* The deepest indentation written, in levels of four spaces. */
enum { MAX_INDENT = 12 };

typedef struct Frame {
    Opcode kind;       /* OP_BLOCK, OP_LOOP, OP_IF, OP_ELSE; the body is a block */
    uint32_t label;
    uint32_t height;   /* stack depth below the frame's parameters */
    uint32_t np, nr;
    const ValType *p, *r;
    uint8_t then_dead; /* OP_ELSE: the then-branch ended unreachable */
} Frame;

enum { NTYPES = 7 };

/* Pending values live only near the top of the stack, so that writing them
 * all out, or those naming one local, looks at a bounded number of entries. */
enum { PEND_DEPTH = 16 };

/* An optional line of the body: kept if label `label` is jumped to, or, for
 * NO_LABEL, if the function accesses memory 0. */
enum { NO_LABEL = UINT32_MAX };

typedef struct Opt {
    size_t off, len;
    uint32_t label;
} Opt;

typedef struct F {
    Emit *e;
    const Module *m;
    Buf *b;
    uint32_t func;
    const FuncType *ft;
    ValType *ltypes;
    uint32_t nlocals;
    uint8_t *lused;           /* per local: USED_DECL (written), USED_READ */

    ValType *st;              /* the types on the operand stack */
    uint32_t n, capst;
    Frame *fr;
    uint32_t nfr, capfr;
    int dead;                 /* after an unconditional branch */
    uint32_t skip;            /* blocks opened inside dead code */
    uint32_t next_label;
    uint8_t *targeted;        /* per label: a branch to it was written */
    Opt *opts;                /* the optional lines, in order */
    uint32_t nopts, capopts;
    uint8_t *used[NTYPES];    /* per type, per depth: USED_DECL, USED_READ */
    uint32_t capused[NTYPES];
    uint32_t maxdepth;
    int uses_mem, uses_inst, uses_ctx;
    int indent;               /* extra indentation, beyond the frames' */
    Buf saves;                /* declarations of saved if-parameters */
    Buf scratch;              /* templated's text, reused */
    Buf tmps[4];              /* tmp_get's buffers, kept for reuse */
    unsigned ntmp;            /* how many are taken */
    uint8_t *ident;           /* per depth: holds a float constant +-0 or +-1 */
    uint32_t capident;
    uint32_t *hi;             /* per depth: an i32 no larger than this (an
                                 access below memory 0's minimum size needs
                                 no check); UINT32_MAX if nothing is known */
    uint32_t caphi;
    InstrSrc src;             /* the body, after the current instruction */
    Pend *pend;               /* per depth: how the value is held */
    Buf cond;                 /* the PEND_EXPR's text */
    uint32_t cappend;
    uint32_t npend;           /* entries not IN_SLOT */
    char names[8][64];        /* rotating buffers for operand names */
    unsigned nextname;
    size_t namelen;           /* the length of the name slot_use or S gave last */
    CheckedSet checked;       /* what earlier checks proved */
    size_t kstore[NKSTORE];   /* stores ahead that cover an unkept load:
                                 their offsets */
    unsigned nkstore;
    LoopPlan loop;            /* the loop being versioned */
    const LoopPlan *fast;     /* writing the unchecked copy of this loop */
    uint32_t fast_id;         /* its variables' number (lpN_...) */
} F;

/* emit_func.c: the operand stack and the text of the body */
const char *S(F *f, uint32_t depth);
const char *W(F *f, uint32_t depth);
void push(F *f, ValType t);
void pop(F *f);
void pop_n(F *f, uint32_t k);
void line(F *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void line_text(F *f, const char *a);
void line_strn(F *f, const char *a, size_t na, const char *s, size_t n,
               const char *z, size_t nz);
/* The line `a` `s` `z`, s of n bytes; inline, so that the lengths of
 * literal a and z are known when compiled. */
static inline void line_str(F *f, const char *a, const char *s, size_t n,
                            const char *z)
{
    line_strn(f, a, strlen(a), s, n, z, strlen(z));
}
void assign(F *f, const char *lhs, const char *rhs);
void name_copy(char *dst, size_t size, const char *s);
void result(F *f, ValType t, const Buf *expr, int test);
void reload_memory(F *f);
const char *inst(F *f);
Buf *tmp_get(F *f);
void tmp_put(F *f, Buf *b);

/* templates.c: the opcode table's C templates, each cut into pieces: text,
 * an operand ($0 .. $9), or what the instruction adds: its address (@), its
 * lane (#), or the letter choosing the kind of access (%).  templates_cut
 * fills template_of, once, before any use. */
enum { PIECE_END, PIECE_TEXT, PIECE_OPERAND, PIECE_ADDRESS, PIECE_LANE,
       PIECE_ACCESS };
typedef struct Piece {
    uint8_t kind;
    uint8_t operand;  /* PIECE_OPERAND */
    uint16_t len;     /* PIECE_TEXT */
    const char *text; /* PIECE_TEXT: in the template */
} Piece;
extern const Piece *template_of[OP_COUNT]; /* ending in PIECE_END */
void templates_cut(void);

/* emit_ops.c */
void direct_call(F *f, uint32_t callee);
void indirect_call(F *f, const Instr *in);
void table_op(F *f, const Instr *in);
void memory_op(F *f, const Instr *in);

#endif
