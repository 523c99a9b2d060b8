/*
 * validate.c - the spec's validation algorithm.
 *
 * Module level: index ranges, limits, constant expressions, exports, the start
 * function, segments.  Function bodies: the operand and control stacks of the
 * spec's appendix ("Validation Algorithm"), with instructions whose typing is
 * fixed typed straight from the opcode table and the rest by hand below.
 * The bodies are checked all at once (validate_bodies, for --check) or one
 * at a time by the emitter (BodyCheck), which then reads the instructions
 * decoded here instead of decoding them again.
 *
 * Nothing downstream trusts more than this file proves.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

/* Implementation limit: operand stack height within one function. */
enum { MAX_OPERANDS = 1u << 22 };
/* Locals up to this many have their types in a table; beyond, a search. */
enum { MAX_FLAT_LOCALS = 1u << 16 };
/* A BodyCheck records up to this many instructions of a body (88 bytes
 * each); the emitter decodes the rest again. */
enum { MAX_RECORD = 1u << 16 };

typedef struct Ctrl {
    Opcode kind;          /* OP_BLOCK, OP_LOOP, OP_IF, OP_ELSE, OP_TRY,
                             OP_CATCH, OP_CATCH_ALL; the function is a block */
    uint8_t unreachable;
    uint32_t height;      /* operand stack height below the frame */
    uint32_t nparams, nresults;
    const ValType *params, *results;
} Ctrl;

typedef struct LocalRun { uint64_t end; ValType type; } LocalRun;

typedef struct V {
    const Module *m;
    Features f;
    Diag *d;

    ValType *vals;
    uint32_t nvals, capvals;
    Ctrl *ctrls;
    uint32_t nctrls, capctrls;
    ValType *tmp;         /* br_table: label values popped and pushed back */
    uint32_t captmp;

    /* the function being validated; in_func = 0 for module-level checks */
    int in_func;
    uint32_t func;
    const FuncType *ft;
    LocalRun *runs;       /* declared locals, run-length encoded */
    uint32_t nruns, capruns;
    ValType *ltypes;      /* the type of each of the first nltypes locals */
    uint32_t nltypes, capltypes;
    uint64_t nlocals;     /* including parameters */
    Opcode op;            /* the instruction being validated */
    size_t off;           /* and its offset */

    const uint8_t *declared; /* functions that ref.func may name (C.refs) */

    /* a BodyCheck's: the instructions decoded, while record is set */
    int record;
    Instr *rec;
    uint32_t nrec, caprec;
    size_t rest;          /* where the body's instructions not recorded start */
} V;

/* ---- errors ----------------------------------------------------------------- */

static void verr(V *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void verr(V *v, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    if (v->d->failed)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!v->in_func) {
        diag_error(v->d, v->off, "%s", msg);
        return;
    }
    uint32_t len = 0;
    const char *name = func_name(v->m, v->func, &len);
    char buf[52];
    if (name)
        diag_error(v->d, v->off, "function %u ($%s): %s: %s", v->func,
                   name_printable(buf, sizeof buf, (const uint8_t *)name, len),
                   op_info[v->op].name, msg);
    else
        diag_error(v->d, v->off, "function %u: %s: %s", v->func,
                   op_info[v->op].name, msg);
}

static void *grow(void *p, uint32_t *cap, size_t elem, uint64_t need)
{
    if (need <= *cap)
        return p;
    uint64_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, (size_t)n * elem);
    if (!q)
        internal_error(__FILE__, __LINE__, "out of memory");
    *cap = (uint32_t)n;
    return q;
}

/* ---- the operand stack ------------------------------------------------------ */

static void push_grow(V *v, ValType t)
{
    if (v->nvals >= MAX_OPERANDS) {
        verr(v, "more than %u operands on the stack (implementation limit)",
             MAX_OPERANDS);
        return;
    }
    v->vals = grow(v->vals, &v->capvals, 1, (uint64_t)v->nvals + 1);
    v->vals[v->nvals++] = t;
}

/* Push t: inline while there is room (once per instruction, mostly). */
static inline void push(V *v, ValType t)
{
    if (v->nvals < v->capvals)
        v->vals[v->nvals++] = t;
    else
        push_grow(v, t);
}

static void push_n(V *v, uint32_t n, const ValType *ts)
{
    for (uint32_t i = 0; i < n && !v->d->failed; i++)
        push(v, ts[i]);
}

static ValType pop(V *v)
{
    const Ctrl *c = &v->ctrls[v->nctrls - 1];
    if (v->nvals == c->height) {
        if (c->unreachable)
            return VT_BOTTOM;
        verr(v, "type mismatch: expected an operand, but the stack is empty");
        return VT_BOTTOM;
    }
    return v->vals[--v->nvals];
}

static ValType pop_expect(V *v, ValType expect)
{
    ValType t = pop(v);
    if (t != expect && t != VT_BOTTOM && expect != VT_BOTTOM)
        verr(v, "type mismatch: expected %s, got %s", valtype_name(expect),
             valtype_name(t));
    return t;
}

static void pop_n(V *v, uint32_t n, const ValType *ts)
{
    for (uint32_t i = n; i-- > 0 && !v->d->failed;)
        pop_expect(v, ts[i]);
}

/* ---- the control stack ------------------------------------------------------ */

static void push_ctrl(V *v, Opcode kind, uint32_t np, const ValType *p,
                      uint32_t nr, const ValType *r)
{
    v->ctrls = grow(v->ctrls, &v->capctrls, sizeof *v->ctrls,
                    (uint64_t)v->nctrls + 1);
    Ctrl *c = &v->ctrls[v->nctrls++];
    c->kind = kind;
    c->unreachable = 0;
    c->height = v->nvals;
    c->nparams = np;
    c->params = p;
    c->nresults = nr;
    c->results = r;
    push_n(v, np, p);
}

static Ctrl pop_ctrl(V *v)
{
    Ctrl c = v->ctrls[v->nctrls - 1];
    pop_n(v, c.nresults, c.results);
    if (!v->d->failed && v->nvals != c.height)
        verr(v, "type mismatch: %u value%s left on the stack at the end of "
             "the block", v->nvals - c.height,
             v->nvals - c.height == 1 ? "" : "s");
    v->nctrls--;
    return c;
}

static void set_unreachable(V *v)
{
    Ctrl *c = &v->ctrls[v->nctrls - 1];
    v->nvals = c->height;
    c->unreachable = 1;
}

/* The frame `depth` labels out, or NULL (with an error). */
static const Ctrl *label(V *v, uint32_t depth)
{
    if (depth >= v->nctrls) {
        verr(v, "unknown label %u (%u enclosing blocks)", depth, v->nctrls);
        return NULL;
    }
    return &v->ctrls[v->nctrls - 1 - depth];
}

static uint32_t label_arity(const Ctrl *c)
{
    return c->kind == OP_LOOP ? c->nparams : c->nresults;
}

static const ValType *label_types(const Ctrl *c)
{
    return c->kind == OP_LOOP ? c->params : c->results;
}

/* ---- module facts ----------------------------------------------------------- */

static int same_types(uint32_t n1, const ValType *t1, uint32_t n2,
                      const ValType *t2)
{
    return n1 == n2 && (n1 == 0 || memcmp(t1, t2, n1) == 0);
}

static const FuncType *func_type(const Module *m, uint32_t f)
{
    return &m->types[m->funcs[f].type];
}

static ValType addr_type(const Module *m, uint32_t mem)
{
    return m->mems[mem].lim.is64 ? VT_I64 : VT_I32;
}

static int check_memory(V *v, uint32_t mem)
{
    if (mem >= v->m->nmems) {
        verr(v, "unknown memory %u", mem);
        return 0;
    }
    return 1;
}

static int check_table(V *v, uint32_t t)
{
    if (t >= v->m->ntables) {
        verr(v, "unknown table %u", t);
        return 0;
    }
    return 1;
}

static int check_type(V *v, uint32_t t)
{
    if (t >= v->m->ntypes) {
        verr(v, "unknown type %u", t);
        return 0;
    }
    return 1;
}

static int check_func(V *v, uint32_t f)
{
    if (f >= v->m->nfuncs) {
        verr(v, "unknown function %u", f);
        return 0;
    }
    return 1;
}

static int check_global(V *v, uint32_t g)
{
    if (g >= v->m->nglobals) {
        verr(v, "unknown global %u", g);
        return 0;
    }
    return 1;
}

static int check_elem(V *v, uint32_t e)
{
    if (e >= v->m->nelems) {
        verr(v, "unknown elem segment %u", e);
        return 0;
    }
    return 1;
}

static int check_data(V *v, uint32_t x)
{
    if (!v->m->has_datacount) {
        verr(v, "data count section required");
        return 0;
    }
    if (x >= v->m->datacount) {
        verr(v, "unknown data segment %u", x);
        return 0;
    }
    return 1;
}

static int check_tag(V *v, uint32_t t)
{
    if (t >= v->m->ntags) {
        verr(v, "unknown tag %u", t);
        return 0;
    }
    return 1;
}

/* ---- constant expressions --------------------------------------------------- */

/* A constant expression of type `want`.  In Wasm 2.0, global.get may only
 * name an imported, immutable global. */
static void const_expr(V *v, Span s, ValType want, const char *what)
{
    const Module *m = v->m;
    Cursor c = {m->bytes, m->bytes + s.off, m->bytes + s.off + s.len, v->d};
    ValType stack[64];
    unsigned n = 0;
    Instr in;
    v->off = s.off;
    while (!v->d->failed && decode_instr(&c, v->f, &in)) {
        ValType t = 0;
        v->off = in.off;
        switch (in.op) {
        case OP_END:
            if (n != 1 || (stack[0] != want))
                verr(v, "type mismatch in %s: expected one %s, got %u value%s%s%s",
                     what, valtype_name(want), n, n == 1 ? " of type " : "s",
                     n == 1 ? valtype_name(stack[0]) : "", "");
            return;
        case OP_I32_CONST: t = VT_I32; break;
        case OP_I64_CONST: t = VT_I64; break;
        case OP_F32_CONST: t = VT_F32; break;
        case OP_F64_CONST: t = VT_F64; break;
        case OP_V128_CONST: t = VT_V128; break;
        case OP_REF_NULL: t = (ValType)in.a; break;
        case OP_REF_FUNC:
            if (!check_func(v, in.a))
                return;
            t = VT_FUNCREF;
            break;
        case OP_GLOBAL_GET:
            if (in.a >= m->nglobal_imports) {
                verr(v, "unknown global %u: constant expressions may only "
                     "read imported globals", in.a);
                return;
            }
            if (m->globals[in.a].mut) {
                verr(v, "constant expression required: global %u is mutable",
                     in.a);
                return;
            }
            t = m->globals[in.a].type;
            break;
        case OP_I32_ADD: case OP_I32_SUB: case OP_I32_MUL:
        case OP_I64_ADD: case OP_I64_SUB: case OP_I64_MUL:
            if (v->f & FEAT_EXTENDED_CONST) {
                ValType ty = op_info[in.op].push[0];
                if (n < 2 || stack[n - 1] != ty || stack[n - 2] != ty) {
                    verr(v, "type mismatch in %s: %s needs two %s operands",
                         what, op_info[in.op].name, valtype_name(ty));
                    return;
                }
                n -= 2;
                t = ty;
                break;
            }
            /* fall through */
        default:
            verr(v, "constant expression required: %s is not allowed in %s",
                 op_info[in.op].name, what);
            return;
        }
        if (n == sizeof stack / sizeof stack[0]) {
            verr(v, "constant expression too long (implementation limit)");
            return;
        }
        stack[n++] = t;
    }
}

/* ---- limits ----------------------------------------------------------------- */

static void check_limits(V *v, const Limits *l, uint64_t bound, const char *what)
{
    if (l->min > bound)
        verr(v, "%s minimum %llu is larger than %llu", what,
             (unsigned long long)l->min, (unsigned long long)bound);
    else if (l->has_max && l->max > bound)
        verr(v, "%s maximum %llu is larger than %llu", what,
             (unsigned long long)l->max, (unsigned long long)bound);
    else if (l->has_max && l->min > l->max)
        verr(v, "size minimum must not be greater than maximum (%s: %llu > %llu)",
             what, (unsigned long long)l->min, (unsigned long long)l->max);
}

static void check_memtype(V *v, const Limits *l)
{
    check_limits(v, l, l->is64 ? (uint64_t)1 << 48 : 65536,
                 "memory size must be at most 65536 pages (4GiB):");
    if (l->shared && !l->has_max)
        verr(v, "shared memory must have a maximum");
}

static void check_tagtype(V *v, uint32_t type)
{
    if (check_type(v, type) && v->m->types[type].nresults != 0)
        verr(v, "non-empty tag result type");
}

/* ---- module level ----------------------------------------------------------- */

/* qsort has no context argument in C11: the module being sorted. */
static const Module *sort_module;

static int cmp_exports(const void *a, const void *b)
{
    const Module *m = sort_module;
    const Export *x = &m->exports[*(const uint32_t *)a];
    const Export *y = &m->exports[*(const uint32_t *)b];
    uint32_t n = x->name.len < y->name.len ? x->name.len : y->name.len;
    int r = memcmp(m->bytes + x->name.off, m->bytes + y->name.off, n);
    if (r)
        return r;
    if (x->name.len != y->name.len)
        return x->name.len < y->name.len ? -1 : 1;
    return x->off < y->off ? -1 : x->off > y->off;
}

static void check_exports(V *v)
{
    const Module *m = v->m;
    static const char *const kinds[] = {"function", "table", "memory",
                                        "global", "tag"};
    for (uint32_t i = 0; i < m->nexports && !v->d->failed; i++) {
        const Export *e = &m->exports[i];
        uint32_t n = 0;
        switch (e->kind) {
        case EXT_FUNC: n = m->nfuncs; break;
        case EXT_TABLE: n = m->ntables; break;
        case EXT_MEMORY: n = m->nmems; break;
        case EXT_GLOBAL: n = m->nglobals; break;
        case EXT_TAG: n = m->ntags; break;
        }
        v->off = e->off;
        if (e->index >= n)
            verr(v, "unknown %s %u in export", kinds[e->kind], e->index);
    }
    if (v->d->failed || m->nexports < 2)
        return;
    uint32_t *idx = malloc(sizeof *idx * m->nexports);
    if (!idx)
        internal_error(__FILE__, __LINE__, "out of memory");
    for (uint32_t i = 0; i < m->nexports; i++)
        idx[i] = i;
    sort_module = m;
    qsort(idx, m->nexports, sizeof *idx, cmp_exports);
    for (uint32_t i = 1; i < m->nexports; i++) {
        const Export *x = &m->exports[idx[i - 1]], *y = &m->exports[idx[i]];
        if (x->name.len == y->name.len &&
            memcmp(m->bytes + x->name.off, m->bytes + y->name.off,
                   x->name.len) == 0) {
            char buf[52];
            v->off = y->off;
            verr(v, "duplicate export name \"%s\"",
                 name_printable(buf, sizeof buf, m->bytes + y->name.off,
                           y->name.len));
            break;
        }
    }
    free(idx);
}

static void check_elems(V *v)
{
    const Module *m = v->m;
    for (uint32_t i = 0; i < m->nelems && !v->d->failed; i++) {
        const Elem *e = &m->elems[i];
        v->off = e->off;
        if (e->mode == SEG_ACTIVE) {
            if (!check_table(v, e->table))
                return;
            if (m->tables[e->table].elem != e->type) {
                verr(v, "type mismatch: element segment %u of %s in a table "
                     "of %s", i, valtype_name(e->type),
                     valtype_name(m->tables[e->table].elem));
                return;
            }
            const_expr(v, e->offset, VT_I32, "element segment offset");
        }
        Cursor c = {m->bytes, m->bytes + e->items.off,
                    m->bytes + e->items.off + e->items.len, v->d};
        for (uint32_t k = 0; k < e->count && !v->d->failed; k++) {
            if (e->exprs) {
                size_t start = cur_off(&c);
                Instr in;
                while (decode_instr(&c, v->f, &in) && in.op != OP_END)
                    ;
                Span s = {(uint32_t)start, (uint32_t)(cur_off(&c) - start)};
                const_expr(v, s, e->type, "element segment item");
            } else {
                v->off = cur_off(&c);
                check_func(v, cur_u32(&c, "element function index"));
            }
        }
    }
}

static void check_datas(V *v)
{
    const Module *m = v->m;
    for (uint32_t i = 0; i < m->ndatas && !v->d->failed; i++) {
        const Data *d = &m->datas[i];
        v->off = d->off;
        if (d->mode == SEG_ACTIVE && check_memory(v, d->mem))
            const_expr(v, d->offset, addr_type(m, d->mem), "data segment offset");
    }
}

static void validate_function(V *v, uint32_t func);

/* The functions the ref.funcs in a run of constant expressions name. */
static void mark_refs(const Module *m, Features f, Span s, uint8_t *out)
{
    Diag quiet = {0};
    Cursor c = {m->bytes, m->bytes + s.off, m->bytes + s.off + s.len, &quiet};
    Instr in;
    while (c.p < c.end && decode_instr(&c, f, &in))
        if (in.op == OP_REF_FUNC && in.a < m->nfuncs)
            out[in.a] = 1;
}

void declared_funcs(const Module *m, Features f, uint8_t *out)
{
    memset(out, 0, m->nfuncs);
    for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++)
        mark_refs(m, f, m->globals[i].init, out);
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].kind == EXT_FUNC && m->exports[i].index < m->nfuncs)
            out[m->exports[i].index] = 1;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const Elem *e = &m->elems[i];
        if (e->exprs) {
            mark_refs(m, f, e->items, out);
            continue;
        }
        Diag quiet = {0};
        Cursor c = {m->bytes, m->bytes + e->items.off,
                    m->bytes + e->items.off + e->items.len, &quiet};
        for (uint32_t k = 0; k < e->count && !quiet.failed; k++) {
            uint32_t x = cur_u32(&c, "element function index");
            if (!quiet.failed && x < m->nfuncs)
                out[x] = 1;
        }
    }
}

static void free_scratch(V *v)
{
    free(v->vals);
    free(v->ctrls);
    free(v->tmp);
    free(v->runs);
    free(v->ltypes);
    free(v->rec);
}

/* A thread's V, alone in its cache lines: the threads write theirs all the
 * time. */
typedef struct ThreadV {
    _Alignas(64) V v;
} ThreadV;

/* Function i on thread `worker`, with that thread's scratch arrays. */
static void validate_one(void *arg, unsigned worker, uint32_t i, Buf *out,
                         Diag *d)
{
    V *v = &((ThreadV *)arg)[worker].v;
    (void)out;
    v->d = d;
    validate_function(v, i);
}

/* The function bodies, each on its own: on threads for a module of some
 * size.  The first error in function order is the one reported. */
static void validate_functions(V *v, uint32_t from, unsigned njobs)
{
    ThreadV w[JOBS_MAX];
    Jobs j = {validate_one, NULL, w};
    unsigned n = jobs_for(v->m, njobs);
    for (unsigned k = 0; k < n; k++) {
        memset(&w[k], 0, sizeof w[k]);
        w[k].v.m = v->m;
        w[k].v.f = v->f;
        w[k].v.declared = v->declared;
    }
    if (from < v->m->nfuncs)
        jobs_run(&j, n, from, v->m->nfuncs, v->d);
    for (unsigned k = 0; k < n; k++)
        free_scratch(&w[k].v);
}

int validate_decls(const Module *m, Features f, Diag *d)
{
    V v = {0};
    v.m = m;
    v.f = f;
    v.d = d;

    for (uint32_t i = 0; i < m->ntypes && !d->failed; i++)
        if (m->types[i].nresults > 1 && !(f & FEAT_MULTI_VALUE)) {
            v.off = (size_t)(m->types[i].results - m->bytes);
            verr(&v, "invalid result arity: type %u has %u results "
                 "(needs multi-value)", i, m->types[i].nresults);
        }
    for (uint32_t i = 0; i < m->nimports && !d->failed; i++) {
        const Import *im = &m->imports[i];
        v.off = im->off;
        switch (im->kind) {
        case EXT_FUNC: check_type(&v, m->funcs[im->index].type); break;
        case EXT_TABLE:
            check_limits(&v, &m->tables[im->index].lim, UINT32_MAX, "table");
            break;
        case EXT_MEMORY: check_memtype(&v, &m->mems[im->index].lim); break;
        case EXT_GLOBAL:
            if (m->globals[im->index].mut && !(f & FEAT_MUTABLE_GLOBALS))
                verr(&v, "mutable global import needs --enable-mutable-globals");
            break;
        case EXT_TAG: check_tagtype(&v, m->tags[im->index].type); break;
        }
    }
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs && !d->failed; i++) {
        v.off = m->funcs[i].body.off;
        if (!check_type(&v, m->funcs[i].type))
            break;
    }
    for (uint32_t i = m->ntable_imports; i < m->ntables && !d->failed; i++)
        check_limits(&v, &m->tables[i].lim, UINT32_MAX, "table");
    if (m->ntables > 1 && !(f & FEAT_REFERENCE_TYPES) && !d->failed)
        verr(&v, "multiple tables (%u) need --enable-reference-types",
             m->ntables);
    if (m->nmems > 1 && !(f & FEAT_MULTI_MEMORY) && !d->failed)
        verr(&v, "multiple memories (%u) need --enable-multi-memory", m->nmems);
    for (uint32_t i = m->nmem_imports; i < m->nmems && !d->failed; i++)
        check_memtype(&v, &m->mems[i].lim);
    for (uint32_t i = m->ntag_imports; i < m->ntags && !d->failed; i++)
        check_tagtype(&v, m->tags[i].type);
    for (uint32_t i = m->nglobal_imports; i < m->nglobals && !d->failed; i++)
        const_expr(&v, m->globals[i].init, m->globals[i].type,
                   "global initializer");
    if (!d->failed)
        check_exports(&v);
    if (m->has_start && !d->failed) {
        v.off = m->start_off;
        if (check_func(&v, m->start)) {
            const FuncType *t = func_type(m, m->start);
            if (t->nparams || t->nresults)
                verr(&v, "start function %u must take no parameters and "
                     "return nothing", m->start);
        }
    }
    if (!d->failed)
        check_elems(&v);
    if (!d->failed)
        check_datas(&v);
    free_scratch(&v);
    return d->failed;
}

int validate_bodies(const Module *m, Features f, uint32_t from,
                    unsigned njobs, Diag *d)
{
    V v = {0};
    v.m = m;
    v.f = f;
    v.d = d;
    uint8_t *declared = calloc(m->nfuncs ? m->nfuncs : 1, 1);
    if (!declared)
        internal_error(__FILE__, __LINE__, "out of memory");
    declared_funcs(m, f, declared);
    v.declared = declared;
    validate_functions(&v, from, njobs);
    free(declared);
    return d->failed;
}

int validate_module(const Module *m, Features f, unsigned njobs, Diag *d)
{
    return validate_decls(m, f, d) ||
           validate_bodies(m, f, m->nfunc_imports, njobs, d);
}

struct BodyCheck {
    V v;
};

BodyCheck *body_check_new(const Module *m, Features f, const uint8_t *declared)
{
    BodyCheck *b = calloc(1, sizeof *b);
    if (!b)
        internal_error(__FILE__, __LINE__, "out of memory");
    b->v.m = m;
    b->v.f = f;
    b->v.declared = declared;
    return b;
}

void body_check_free(BodyCheck *b)
{
    if (b) {
        free_scratch(&b->v);
        free(b);
    }
}

int body_check(BodyCheck *b, uint32_t func, Diag *d, InstrSrc *src)
{
    V *v = &b->v;
    const Span *body = &v->m->funcs[func].body;
    v->d = d;
    v->record = 1;
    v->nrec = 0;
    validate_function(v, func);
    v->record = 0;
    if (d->failed)
        return 1;
    src->p = v->rec;
    src->end = v->rec + v->nrec;
    src->c = (Cursor){v->m->bytes, v->m->bytes + v->rest,
                      v->m->bytes + body->off + body->len, d};
    src->f = v->f;
    return 0;
}

/* ---- function bodies -------------------------------------------------------- */

static ValType local_type(V *v, uint32_t x)
{
    if (x >= v->nlocals) {
        verr(v, "unknown local %u (the function has %llu)", x,
             (unsigned long long)v->nlocals);
        return VT_BOTTOM;
    }
    if (x < v->nltypes)
        return v->ltypes[x];
    if (x < v->ft->nparams)
        return v->ft->params[x];
    uint32_t lo = 0, hi = v->nruns - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (x < v->runs[mid].end)
            hi = mid;
        else
            lo = mid + 1;
    }
    return v->runs[lo].type;
}

/* locals ::= vec(n:u32 valtype), at most 2^32 - 1 in all */
static void read_locals(V *v, Cursor *c)
{
    uint32_t n = cur_count(c, 2, "local declarations");
    v->nlocals = v->ft->nparams;
    v->nruns = 0;
    v->nltypes = 0;
    v->runs = grow(v->runs, &v->capruns, sizeof *v->runs, n);
    for (uint32_t i = 0; i < n && cur_ok(c); i++) {
        size_t off = cur_off(c);
        uint32_t k = cur_u32(c, "local count");
        size_t toff = cur_off(c);
        uint8_t t = cur_byte(c, "local type");
        if (!cur_ok(c))
            return;
        switch (t) {
        case VT_I32: case VT_I64: case VT_F32: case VT_F64: break;
        case VT_V128:
            if (v->f & FEAT_SIMD)
                break;
            /* fall through */
        case VT_FUNCREF: case VT_EXTERNREF:
            if (t != VT_V128 && (v->f & FEAT_REFERENCE_TYPES))
                break;
            /* fall through */
        default:
            cur_fail(c, toff, "malformed value type 0x%02x for local", t);
            return;
        }
        v->nlocals += k;
        if (v->nlocals > UINT32_MAX) {
            cur_fail(c, off, "too many locals in function %u", v->func);
            return;
        }
        v->runs[v->nruns++] = (LocalRun){v->nlocals, t};
    }
    /* local_type looks the first MAX_FLAT_LOCALS up directly */
    uint32_t np = v->ft->nparams;
    uint64_t flat = v->nlocals < MAX_FLAT_LOCALS ? v->nlocals : MAX_FLAT_LOCALS;
    if (!cur_ok(c) || flat < np)
        return;
    v->ltypes = grow(v->ltypes, &v->capltypes, sizeof *v->ltypes, flat);
    if (np)
        memcpy(v->ltypes, v->ft->params, np * sizeof *v->ltypes);
    for (uint32_t r = 0, x = np; r < v->nruns && x < flat; r++)
        for (; x < v->runs[r].end && x < flat; x++)
            v->ltypes[x] = v->runs[r].type;
    v->nltypes = (uint32_t)flat;
}

/* The parameter and result types of a block type. */
static int block_sig(V *v, const Instr *in, uint32_t *np, const ValType **p,
                     uint32_t *nr, const ValType **r)
{
    if (in->blocktype >= 0 && in->blocktype >= v->m->ntypes) {
        verr(v, "unknown type %lld", (long long)in->blocktype);
        return 0;
    }
    blocktype_sig(v->m, in, np, p, nr, r);
    return 1;
}

static void check_memarg(V *v, const Instr *in, const OpInfo *o)
{
    if (!check_memory(v, in->mem))
        return;
    if (o->prefix == 0xFE) {
        if (in->align != o->align)
            verr(v, "alignment must be equal to natural (2^%u, not 2^%u)",
                 o->align, in->align);
    } else if (in->align > o->align) {
        verr(v, "alignment must not be larger than natural (2^%u > 2^%u)",
             in->align, o->align);
    }
    if (!v->m->mems[in->mem].lim.is64 && in->offset > UINT32_MAX)
        verr(v, "offset %llu out of range for a 32-bit memory",
             (unsigned long long)in->offset);
    if (o->imm == IMM_MEMARG_LANE && in->lane >= (16u >> o->align))
        verr(v, "invalid lane index %u", in->lane);
}

/* Instructions whose typing is fixed by the table: check the immediates the
 * table cannot, then pop and push. */
static void typed_op(V *v, const Instr *in, const OpInfo *o)
{
    ValType addr = VT_I32;
    switch ((ImmKind)o->imm) {
    case IMM_MEMARG: case IMM_MEMARG_LANE:
        check_memarg(v, in, o);
        if (!v->d->failed)
            addr = addr_type(v->m, in->mem);
        break;
    case IMM_MEMORY:
        if (check_memory(v, in->mem))
            addr = addr_type(v->m, in->mem);
        break;
    case IMM_MEMORY_INIT:
        if (check_memory(v, in->mem) && check_data(v, in->a))
            addr = addr_type(v->m, in->mem);
        break;
    case IMM_DATA: check_data(v, in->a); break;
    case IMM_ELEM: check_elem(v, in->a); break;
    case IMM_TABLE: check_table(v, in->a); break;
    case IMM_LANE:
        if (in->lane >= (16u >> o->align))
            verr(v, "invalid lane index %u", in->lane);
        break;
    case IMM_SHUFFLE:
        for (int i = 0; i < 16; i++)
            if (in->v128[i] >= 32) {
                verr(v, "invalid lane index %u", in->v128[i]);
                break;
            }
        break;
    default:
        break;
    }
    if (v->d->failed)
        return;
    /* pops of the expected type above the frame's values first, inline */
    uint32_t height = v->ctrls[v->nctrls - 1].height;
    for (unsigned i = o->npop; i-- > 0;) {
        ValType t = o->pop[i] == VT_ADDR ? addr : o->pop[i];
        if (v->nvals > height && v->vals[v->nvals - 1] == t) {
            v->nvals--;
            continue;
        }
        pop_expect(v, t);
        if (v->d->failed)
            return;
    }
    for (unsigned i = 0; i < o->npush && !v->d->failed; i++)
        push(v, o->push[i] == VT_ADDR ? addr : o->push[i]);
}

static void call(V *v, const FuncType *t, int tail)
{
    pop_n(v, t->nparams, t->params);
    if (tail) {
        const FuncType *self = v->ft;
        if (!same_types(t->nresults, t->results, self->nresults, self->results))
            verr(v, "type mismatch: the callee's results differ from the "
                 "caller's");
        set_unreachable(v);
    } else {
        push_n(v, t->nresults, t->results);
    }
}

static void br_table(V *v, const Instr *in)
{
    pop_expect(v, VT_I32);
    const Ctrl *def = label(v, in->a);
    if (!def)
        return;
    uint32_t arity = label_arity(def);
    Cursor c = {v->m->bytes, v->m->bytes + in->targets.off,
                v->m->bytes + in->targets.off + in->targets.len, v->d};
    v->tmp = grow(v->tmp, &v->captmp, 1, arity);
    for (uint32_t i = 0; i < in->count && !v->d->failed; i++) {
        const Ctrl *l = label(v, cur_u32(&c, "br_table label"));
        if (!l)
            return;
        if (label_arity(l) != arity) {
            verr(v, "type mismatch: br_table labels have different arities "
                 "(%u and %u)", label_arity(l), arity);
            return;
        }
        const ValType *ts = label_types(l);
        for (uint32_t k = arity; k-- > 0;)
            v->tmp[k] = pop_expect(v, ts[k]);
        push_n(v, arity, v->tmp);
    }
    pop_n(v, arity, label_types(def));
    set_unreachable(v);
}

/* One instruction typed by hand. */
static void special_op(V *v, const Instr *in)
{
    const Module *m = v->m;
    uint32_t np, nr;
    const ValType *p, *r;
    const Ctrl *l;

    switch (in->op) {
    case OP_UNREACHABLE:
        set_unreachable(v);
        break;
    case OP_BLOCK: case OP_LOOP: case OP_IF: case OP_TRY:
        if (in->op == OP_IF)
            pop_expect(v, VT_I32);
        if (!block_sig(v, in, &np, &p, &nr, &r))
            break;
        if (in->blocktype >= 0 && !(v->f & FEAT_MULTI_VALUE) &&
            (np || nr > 1))
            verr(v, "block type with parameters or results needs multi-value");
        pop_n(v, np, p);
        push_ctrl(v, in->op, np, p, nr, r);
        break;
    case OP_ELSE: {
        if (v->ctrls[v->nctrls - 1].kind != OP_IF) {
            verr(v, "else without a matching if");
            break;
        }
        Ctrl c = pop_ctrl(v);
        push_ctrl(v, OP_ELSE, c.nparams, c.params, c.nresults, c.results);
        break;
    }
    case OP_END: {
        Ctrl c = pop_ctrl(v);
        if (c.kind == OP_IF &&
            !same_types(c.nparams, c.params, c.nresults, c.results))
            verr(v, "type mismatch: if without else must leave its "
                 "parameters' types as its results");
        if (v->nctrls)
            push_n(v, c.nresults, c.results);
        break;
    }
    case OP_CATCH: case OP_CATCH_ALL: {
        Opcode k = v->ctrls[v->nctrls - 1].kind;
        if (k != OP_TRY && k != OP_CATCH) {
            verr(v, "%s without a matching try", op_info[in->op].name);
            break;
        }
        if (in->op == OP_CATCH && !check_tag(v, in->a))
            break;
        Ctrl c = pop_ctrl(v);
        push_ctrl(v, in->op, 0, NULL, c.nresults, c.results);
        v->ctrls[v->nctrls - 1].nparams = c.nparams; /* for a later catch */
        v->ctrls[v->nctrls - 1].params = c.params;
        if (in->op == OP_CATCH) {
            const FuncType *t = &m->types[m->tags[in->a].type];
            push_n(v, t->nparams, t->params);
        }
        break;
    }
    case OP_DELEGATE: {
        if (v->ctrls[v->nctrls - 1].kind != OP_TRY) {
            verr(v, "delegate without a matching try");
            break;
        }
        Ctrl c = pop_ctrl(v);
        if (in->a >= v->nctrls) {
            verr(v, "unknown label %u", in->a);
            break;
        }
        push_n(v, c.nresults, c.results);
        break;
    }
    case OP_THROW:
        if (!check_tag(v, in->a))
            break;
        {
            const FuncType *t = &m->types[m->tags[in->a].type];
            pop_n(v, t->nparams, t->params);
        }
        set_unreachable(v);
        break;
    case OP_RETHROW:
        if (!(l = label(v, in->a)))
            break;
        if (l->kind != OP_CATCH && l->kind != OP_CATCH_ALL) {
            verr(v, "invalid rethrow label %u: not a catch block", in->a);
            break;
        }
        set_unreachable(v);
        break;
    case OP_BR:
        if (!(l = label(v, in->a)))
            break;
        pop_n(v, label_arity(l), label_types(l));
        set_unreachable(v);
        break;
    case OP_BR_IF:
        pop_expect(v, VT_I32);
        if (!(l = label(v, in->a)))
            break;
        pop_n(v, label_arity(l), label_types(l));
        push_n(v, label_arity(l), label_types(l));
        break;
    case OP_BR_TABLE:
        br_table(v, in);
        break;
    case OP_RETURN:
        pop_n(v, v->ft->nresults, v->ft->results);
        set_unreachable(v);
        break;
    case OP_CALL: case OP_RETURN_CALL:
        if (check_func(v, in->a))
            call(v, func_type(m, in->a), in->op == OP_RETURN_CALL);
        break;
    case OP_CALL_INDIRECT: case OP_RETURN_CALL_INDIRECT:
        if (!check_table(v, in->b) || !check_type(v, in->a))
            break;
        if (m->tables[in->b].elem != VT_FUNCREF) {
            verr(v, "type mismatch: table %u holds %s, not funcref", in->b,
                 valtype_name(m->tables[in->b].elem));
            break;
        }
        pop_expect(v, VT_I32);
        call(v, &m->types[in->a], in->op == OP_RETURN_CALL_INDIRECT);
        break;
    case OP_DROP:
        pop(v);
        break;
    case OP_SELECT: {
        pop_expect(v, VT_I32);
        ValType t1 = pop(v), t2 = pop(v);
        if (v->d->failed)
            break;
        if (valtype_is_ref(t1) || valtype_is_ref(t2)) {
            verr(v, "type mismatch: select without a type needs numeric or "
                 "vector operands");
            break;
        }
        if (t1 != t2 && t1 != VT_BOTTOM && t2 != VT_BOTTOM) {
            verr(v, "type mismatch: select operands %s and %s differ",
                 valtype_name(t1), valtype_name(t2));
            break;
        }
        push(v, t1 == VT_BOTTOM ? t2 : t1);
        break;
    }
    case OP_SELECT_T: {
        if (in->count != 1) {
            verr(v, "invalid result arity: select takes one type, not %u",
                 in->count);
            break;
        }
        ValType t = in->v128[0];
        pop_expect(v, VT_I32);
        pop_expect(v, t);
        pop_expect(v, t);
        push(v, t);
        break;
    }
    case OP_LOCAL_GET: {
        ValType t = local_type(v, in->a);
        if (!v->d->failed)
            push(v, t);
        break;
    }
    case OP_LOCAL_SET: {
        ValType t = local_type(v, in->a);
        if (!v->d->failed)
            pop_expect(v, t);
        break;
    }
    case OP_LOCAL_TEE: {
        ValType t = local_type(v, in->a);
        if (!v->d->failed) {
            pop_expect(v, t);
            push(v, t);
        }
        break;
    }
    case OP_GLOBAL_GET:
        if (check_global(v, in->a))
            push(v, m->globals[in->a].type);
        break;
    case OP_GLOBAL_SET:
        if (!check_global(v, in->a))
            break;
        if (!m->globals[in->a].mut) {
            verr(v, "global is immutable: global %u cannot be set", in->a);
            break;
        }
        pop_expect(v, m->globals[in->a].type);
        break;
    case OP_TABLE_GET:
        if (!check_table(v, in->a))
            break;
        pop_expect(v, VT_I32);
        push(v, m->tables[in->a].elem);
        break;
    case OP_TABLE_SET:
        if (!check_table(v, in->a))
            break;
        pop_expect(v, m->tables[in->a].elem);
        pop_expect(v, VT_I32);
        break;
    case OP_TABLE_GROW:
        if (!check_table(v, in->a))
            break;
        pop_expect(v, VT_I32);
        pop_expect(v, m->tables[in->a].elem);
        push(v, VT_I32);
        break;
    case OP_TABLE_FILL:
        if (!check_table(v, in->a))
            break;
        pop_expect(v, VT_I32);
        pop_expect(v, m->tables[in->a].elem);
        pop_expect(v, VT_I32);
        break;
    case OP_TABLE_COPY:
        if (!check_table(v, in->a) || !check_table(v, in->b))
            break;
        if (m->tables[in->a].elem != m->tables[in->b].elem) {
            verr(v, "type mismatch: table.copy from %s to %s",
                 valtype_name(m->tables[in->b].elem),
                 valtype_name(m->tables[in->a].elem));
            break;
        }
        pop_expect(v, VT_I32);
        pop_expect(v, VT_I32);
        pop_expect(v, VT_I32);
        break;
    case OP_TABLE_INIT:
        if (!check_elem(v, in->a) || !check_table(v, in->b))
            break;
        if (m->elems[in->a].type != m->tables[in->b].elem) {
            verr(v, "type mismatch: table.init of %s into a table of %s",
                 valtype_name(m->elems[in->a].type),
                 valtype_name(m->tables[in->b].elem));
            break;
        }
        pop_expect(v, VT_I32);
        pop_expect(v, VT_I32);
        pop_expect(v, VT_I32);
        break;
    case OP_MEMORY_COPY: {
        if (!check_memory(v, in->a) || !check_memory(v, in->b))
            break;
        ValType d = addr_type(m, in->a), s = addr_type(m, in->b);
        pop_expect(v, d == VT_I64 && s == VT_I64 ? VT_I64 : VT_I32);
        pop_expect(v, s);
        pop_expect(v, d);
        break;
    }
    case OP_REF_NULL:
        push(v, (ValType)in->a);
        break;
    case OP_REF_IS_NULL: {
        ValType t = pop(v);
        if (!v->d->failed && t != VT_BOTTOM && !valtype_is_ref(t))
            verr(v, "type mismatch: expected a reference, got %s",
                 valtype_name(t));
        push(v, VT_I32);
        break;
    }
    case OP_REF_FUNC:
        if (!check_func(v, in->a))
            break;
        if (!v->declared[in->a]) {
            verr(v, "undeclared function reference %u", in->a);
            break;
        }
        push(v, VT_FUNCREF);
        break;
    default:
        internal_error(__FILE__, __LINE__, "opcode marked special but not "
                       "typed by the validator");
    }
}

/* Validate instructions from c up to the function's final end or an
 * error: 1.  Recording (into v->rec), also stops when the record is full:
 * 0, with c at the first instruction not recorded. */
static int instructions(V *v, Cursor *c, int record)
{
    Instr one; /* each instruction, unless recorded */
    while (!v->d->failed) {
        if (cur_done(c)) {
            v->off = cur_off(c);
            verr(v, "unexpected end of function body: END opcode expected");
            break;
        }
        Instr *in = &one;
        if (record) {
            if (v->nrec == MAX_RECORD)
                return 0;
            if (v->nrec == v->caprec)
                v->rec = grow(v->rec, &v->caprec, sizeof *v->rec, v->nrec + 1);
            in = &v->rec[v->nrec];
        }
        if (!decode_instr(c, v->f, in))
            break;
        v->nrec += record;
        const OpInfo *o = &op_info[in->op];
        v->op = in->op;
        v->off = in->off;
        if (o->special)
            special_op(v, in);
        else
            typed_op(v, in, o);
        if (v->nctrls == 0)
            break;
    }
    return 1;
}

static void validate_function(V *v, uint32_t func)
{
    const Module *m = v->m;
    const Span *b = &m->funcs[func].body;
    Cursor c = {m->bytes, m->bytes + b->off, m->bytes + b->off + b->len, v->d};

    v->in_func = 1;
    v->func = func;
    v->ft = func_type(m, func);
    v->nvals = v->nctrls = 0;
    v->op = OP_NOP;
    v->off = b->off;
    read_locals(v, &c);
    push_ctrl(v, OP_BLOCK, 0, NULL, v->ft->nresults, v->ft->results);
    int done = v->record && instructions(v, &c, 1);
    v->rest = cur_off(&c); /* recording: where the record ends */
    if (!done)
        instructions(v, &c, 0);
    if (!v->d->failed && !cur_done(&c)) {
        v->off = cur_off(&c);
        verr(v, "section size mismatch: %zu bytes after the function's final "
             "end", cur_left(&c));
    }
    v->in_func = 0;
}
