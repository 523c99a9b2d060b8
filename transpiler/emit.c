/*
 * emit.c - a valid module as C: OUT.h (the embedding API: imports, the
 * instance struct, exports) and OUT.c (data, signatures, the functions from
 * emit_func.c, export wrappers, instantiation).  docs/generated-c.md is the
 * contract; this file is its implementation.  Each function body is
 * validated (validate.c's BodyCheck) just before it is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

const char *emit_ctype(ValType t)
{
    switch (t) {
    case VT_I32: return "uint32_t";
    case VT_I64: return "uint64_t";
    case VT_F32: return "float";
    case VT_F64: return "double";
    case VT_V128: return "sandc_v128";
    case VT_FUNCREF: return "sandc_funcref";
    case VT_EXTERNREF: return "sandc_externref";
    }
    internal_error(__FILE__, __LINE__, "bad value type");
}

char emit_letter(ValType t)
{
    switch (t) {
    case VT_I32: return 'i';
    case VT_I64: return 'I';
    case VT_F32: return 'f';
    case VT_F64: return 'F';
    case VT_V128: return 'v';
    case VT_FUNCREF: return 'r';
    case VT_EXTERNREF: return 'e';
    }
    internal_error(__FILE__, __LINE__, "bad value type");
}

void emit_ret_type(Buf *b, const FuncType *t)
{
    if (t->nresults == 0) {
        buf_puts(b, "void");
    } else if (t->nresults == 1) {
        buf_puts(b, emit_ctype(t->results[0]));
    } else {
        buf_puts(b, "struct sandc_ret_");
        for (uint32_t k = 0; k < t->nresults; k++)
            buf_printf(b, "%c", emit_letter(t->results[k]));
    }
}

void emit_fnptr_type(Buf *b, const FuncType *t)
{
    emit_ret_type(b, t);
    buf_puts(b, " (*)(void *");
    for (uint32_t k = 0; k < t->nparams; k++)
        buf_printf(b, ", %s", emit_ctype(t->params[k]));
    buf_puts(b, ")");
}

static void signature_string(Buf *b, const FuncType *t)
{
    for (uint32_t k = 0; k < t->nparams; k++)
        buf_printf(b, "%c", emit_letter(t->params[k]));
    buf_puts(b, ":");
    for (uint32_t k = 0; k < t->nresults; k++)
        buf_printf(b, "%c", emit_letter(t->results[k]));
}

/* "(NAME *inst, uint32_t a0, ...)" */
static void params(Buf *b, const FuncType *t, const char *first)
{
    buf_printf(b, "(%s", first);
    for (uint32_t k = 0; k < t->nparams; k++)
        buf_printf(b, ", %s a%u", emit_ctype(t->params[k]), k);
    buf_puts(b, ")");
}

static char *take(Buf *b)
{
    /* shrunk to fit: a Buf starts at 4 KB, and a module has thousands of
     * names, whose untouched pages would each cost a fault */
    char *s = b->p ? realloc(b->p, b->len + 1) : calloc(1, 1);
    if (!s)
        internal_error(__FILE__, __LINE__, "out of memory");
    b->p = NULL;
    b->len = b->cap = 0;
    return s;
}

static void mangled(Buf *b, const Module *m, Span s)
{
    mangle(b, m->bytes + s.off, s.len);
}

static void mangled_module(Buf *b, const Module *m, Span s)
{
    mangle_module(b, m->bytes + s.off, s.len);
}

/* ---- checks: what this version cannot translate ------------------------------ */

static int supported(Emit *e)
{
    const Module *m = e->m;
    for (uint32_t i = 0; i < m->nmems; i++)
        if (m->mems[i].lim.is64) {
            diag_error(e->d, 0, "memory %u: translating memory64 to C is not "
                       "supported yet", i);
            return 0;
        }
    if (m->ntags) {
        diag_error(e->d, 0, "translating exception handling to C is not "
                   "supported yet");
        return 0;
    }
    return 1;
}

/* ---- names ------------------------------------------------------------------- */

static void name_functions(Emit *e)
{
    const Module *m = e->m;
    e->func_sym = module_alloc((Module *)m, m->nfuncs, sizeof(char *));
    e->import_ctx = module_alloc((Module *)m, m->nfuncs, sizeof(char *));
    for (uint32_t i = 0, f = 0; i < m->nimports; i++) {
        const Import *im = &m->imports[i];
        if (im->kind != EXT_FUNC)
            continue;
        Buf b = {0};
        mangled_module(&b, m, im->module);
        buf_puts(&b, "__");
        mangled(&b, m, im->field);
        e->func_sym[im->index] = take(&b);
        buf_puts(&b, "c_");
        mangled_module(&b, m, im->module);
        e->import_ctx[im->index] = take(&b);
        f++;
    }
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        Buf b = {0};
        uint32_t len = 0;
        const char *n = func_name(m, i, &len);
        buf_printf(&b, "%s%sfunc%u", e->split ? e->name : "", e->split ? "_" : "", i);
        if (n) {
            buf_puts(&b, "_");
            for (uint32_t k = 0; k < len && k < 32; k++) {
                char c = n[k];
                int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9');
                buf_put(&b, ok ? &c : "_", 1);
            }
        }
        e->func_sym[i] = take(&b);
    }
}

/* Signature strings, one per distinct function type. */
static void name_signatures(Emit *e, Buf *c, Buf *decls)
{
    const Module *m = e->m;
    e->sig_name = module_alloc((Module *)m, m->ntypes, sizeof(char *));
    char **str = calloc(m->ntypes ? m->ntypes : 1, sizeof(char *));
    for (uint32_t i = 0; i < m->ntypes; i++) {
        Buf b = {0};
        signature_string(&b, &m->types[i]);
        str[i] = take(&b);
        uint32_t k = 0;
        while (k < i && strcmp(str[k], str[i]) != 0)
            k++;
        if (k < i) {
            e->sig_name[i] = e->sig_name[k];
        } else {
            buf_printf(&b, "%s%ssig%u", e->split ? e->name : "", e->split ? "_" : "", i);
            e->sig_name[i] = take(&b);
            buf_printf(c, "%s%sconst char %s[] = \"%s\";\n", e->linkage,
                       e->split ? "" : "SANDC_UNUSED ", e->sig_name[i], str[i]);
            if (decls)
                buf_printf(decls, "SANDC_HIDDEN extern const char %s[];\n",
                           e->sig_name[i]);
        }
    }
    for (uint32_t i = 0; i < m->ntypes; i++)
        free(str[i]);
    free(str);
    buf_puts(c, "\n");
    if (decls)
        buf_puts(decls, "\n");
}

/* ---- constant expressions ------------------------------------------------------ */

/* A valid constant expression as a C expression. */
static void const_expr(Emit *e, Buf *out, Span s)
{
    const Module *m = e->m;
    Cursor c = {m->bytes, m->bytes + s.off, m->bytes + s.off + s.len, e->d};
    Buf st[64] = {{0}};
    unsigned n = 0;
    Instr in;
    while (decode_instr(&c, e->f, &in) && in.op != OP_END) {
        if (n == 64)
            unreachable();
        Buf *b = &st[n];
        b->len = 0;
        switch (in.op) {
        case OP_I32_CONST: buf_printf(b, "%uu", (uint32_t)in.i64); break;
        case OP_I64_CONST: buf_printf(b, "%lluull", (unsigned long long)in.i64); break;
        case OP_F32_CONST: emit_float(b, in.i64, 0); break;
        case OP_F64_CONST: emit_float(b, in.i64, 1); break;
        case OP_V128_CONST: emit_v128(b, in.v128); break;
        case OP_REF_NULL: buf_puts(b, "NULL"); break;
        case OP_REF_FUNC: buf_printf(b, "&inst->funcs[%u]", e->fref[in.a]); break;
        case OP_GLOBAL_GET: buf_printf(b, "(*inst->g%u)", in.a); break;
        case OP_I32_ADD: case OP_I32_SUB: case OP_I32_MUL:
        case OP_I64_ADD: case OP_I64_SUB: case OP_I64_MUL: {
            const char *t = op_info[in.op].c; /* "$0 + $1" */
            Buf r = {0};
            buf_printf(&r, "(%s %c %s)", st[n - 2].p, t[3], st[n - 1].p);
            n -= 2;
            b = &st[n];
            b->len = 0;
            buf_puts(b, r.p);
            buf_free(&r);
            break;
        }
        default:
            unreachable();
        }
        n++;
    }
    if (n != 1)
        unreachable();
    buf_puts(out, st[0].p);
    for (unsigned k = 0; k < 64; k++)
        buf_free(&st[k]);
}

/* ---- data ---------------------------------------------------------------------- */

static int is_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* Bytes as C string literals, 64 input bytes a line.  Printable characters
 * stay readable; a character after a \x escape that would extend it, and
 * '?' (trigraphs), are escaped too. */
static void string_literal(Buf *b, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i += 64) {
        size_t end = i + 64 < n ? i + 64 : n;
        int hex = 0;
        buf_puts(b, "\n    \"");
        for (size_t k = i; k < end; k++) {
            uint8_t c = p[k];
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?' &&
                !(hex && is_hex(c))) {
                buf_put(b, (const char *)&c, 1);
                hex = 0;
            } else {
                buf_printf(b, "\\x%02x", c);
                hex = 1;
            }
        }
        buf_puts(b, "\"");
    }
}

static void emit_data(Emit *e, Buf *c, Buf *decls)
{
    const Module *m = e->m;
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const Data *d = &m->datas[i];
        uint32_t n = d->bytes.len ? d->bytes.len : 1;
        /* a passive segment is read only by memory.init, if there is one */
        const char *unused = !e->split && d->mode == SEG_PASSIVE ? "SANDC_UNUSED " : "";
        if (decls)
            buf_printf(decls, "SANDC_HIDDEN extern const uint8_t %s_d%u[%u];\n",
                       e->name, i, n);
        if (d->bytes.len == 0) {
            buf_printf(c, "%s%sconst uint8_t %s_d%u[1] = {0};\n", e->linkage,
                       unused, e->name, i);
            continue;
        }
        buf_printf(c, "%s%sconst uint8_t %s_d%u[%u] =", e->linkage, unused,
                   e->name, i, d->bytes.len);
        string_literal(c, m->bytes + d->bytes.off, d->bytes.len);
        buf_puts(c, ";\n");
    }
    for (uint32_t i = 0; i < m->nelems; i++) {
        const Elem *el = &m->elems[i];
        if (el->exprs || el->mode == SEG_DECLARATIVE || el->count == 0)
            continue;
        Cursor cur = {m->bytes, m->bytes + el->items.off,
                      m->bytes + el->items.off + el->items.len, e->d};
        buf_printf(c, "static const uint32_t %s_e%u[%u] = {", e->name, i,
                   el->count);
        for (uint32_t k = 0; k < el->count; k++)
            buf_printf(c, "%s%u", k % 16 ? ", " : k ? ",\n    " : "\n    ",
                       e->fref[cur_u32(&cur, "element function index")]);
        buf_puts(c, "\n};\n");
    }
    buf_puts(c, "\n");
}

/* ---- the header ---------------------------------------------------------------- */

typedef struct Field { char *name; char *ctype; } Field;

/* The imports struct's members; an import named twice shares its member. */
static int import_fields(Emit *e, Field **out, uint32_t *nout)
{
    const Module *m = e->m;
    Field *fs = calloc(m->nimports + 1, sizeof *fs);
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const Import *im = &m->imports[i];
        Buf name = {0}, type = {0};
        mangled_module(&name, m, im->module);
        switch (im->kind) {
        case EXT_FUNC:
            buf_puts(&type, "struct ");
            mangled_module(&type, m, im->module);
            buf_puts(&type, " *");
            break;
        case EXT_MEMORY: buf_puts(&type, "sandc_memory *"); break;
        case EXT_TABLE: buf_puts(&type, "sandc_table *"); break;
        case EXT_GLOBAL:
            buf_printf(&type, "%s *", emit_ctype(m->globals[im->index].type));
            break;
        }
        if (im->kind != EXT_FUNC) {
            buf_puts(&name, "__");
            mangled(&name, m, im->field);
        }
        uint32_t k = 0;
        while (k < n && strcmp(fs[k].name, name.p) != 0)
            k++;
        if (k < n) {
            int same = strcmp(fs[k].ctype, type.p) == 0;
            buf_free(&name);
            buf_free(&type);
            if (!same) {
                diag_error(e->d, im->off, "import %u is imported twice with "
                           "different types", i);
                *out = fs, *nout = n;
                return 0;
            }
            continue;
        }
        fs[n].name = take(&name);
        fs[n].ctype = take(&type);
        n++;
    }
    *out = fs;
    *nout = n;
    return 1;
}

static void emit_ret_structs(Emit *e, Buf *h)
{
    const Module *m = e->m;
    for (uint32_t i = 0; i < m->ntypes; i++) {
        const FuncType *t = &m->types[i];
        if (t->nresults < 2)
            continue;
        Buf n = {0};
        emit_ret_type(&n, t);
        const char *tag = n.p + strlen("struct ");
        buf_printf(h, "#ifndef SANDC_RET_%s\n#define SANDC_RET_%s\n%s {", tag + 10,
                   tag + 10, n.p);
        for (uint32_t k = 0; k < t->nresults; k++)
            buf_printf(h, " %s r%u;", emit_ctype(t->results[k]), k);
        buf_puts(h, " };\n#endif\n");
        buf_free(&n);
    }
}

static void emit_header(Emit *e, Buf *h, const Field *fs, uint32_t nfs)
{
    const Module *m = e->m;
    const char *N = e->name;
    buf_printf(h, "/* Generated by sandc %s. Do not edit. */\n", SANDC_VERSION);
    buf_printf(h, "#ifndef SANDC_MODULE_%s_H\n#define SANDC_MODULE_%s_H\n\n", N, N);
    buf_puts(h, "#include \"sandc.h\"\n\n");

    /* import modules, result structs, imported functions */
    for (uint32_t k = 0; k < nfs; k++)
        if (strncmp(fs[k].ctype, "struct ", 7) == 0)
            buf_printf(h, "%.*s;\n", (int)(strlen(fs[k].ctype) - 2), fs[k].ctype);
    emit_ret_structs(e, h);
    buf_puts(h, "\n");
    for (uint32_t i = 0; i < m->nimports; i++) {
        const Import *im = &m->imports[i];
        if (im->kind != EXT_FUNC)
            continue;
        const FuncType *t = &m->types[m->funcs[im->index].type];
        Buf first = {0};
        buf_puts(&first, "struct ");
        mangled_module(&first, m, im->module);
        buf_puts(&first, " *ctx");
        emit_ret_type(h, t);
        buf_printf(h, " %s", e->func_sym[im->index]);
        params(h, t, first.p);
        buf_puts(h, ";\n");
        buf_free(&first);
    }

    /* the imports */
    buf_printf(h, "\ntypedef struct %s_imports {\n", N);
    for (uint32_t k = 0; k < nfs; k++)
        buf_printf(h, "    %s%s;\n", fs[k].ctype, fs[k].name);
    if (nfs == 0)
        buf_puts(h, "    char none; /* the module imports nothing */\n");
    buf_printf(h, "} %s_imports;\n\n", N);

    /* the instance */
    buf_printf(h, "typedef struct %s %s;\nstruct %s {\n", N, N, N);
    for (uint32_t k = 0; k < nfs; k++)
        if (strncmp(fs[k].ctype, "struct ", 7) == 0)
            buf_printf(h, "    %sc_%s;\n", fs[k].ctype, fs[k].name);
    for (uint32_t i = 0; i < m->nmems; i++)
        buf_printf(h, "    sandc_memory *m%u;\n", i);
    if (m->nmems > m->nmem_imports)
        buf_printf(h, "    sandc_memory mem[%u];\n", m->nmems - m->nmem_imports);
    for (uint32_t i = 0; i < m->ntables; i++)
        buf_printf(h, "    sandc_table *t%u;\n", i);
    if (m->ntables > m->ntable_imports)
        buf_printf(h, "    sandc_table tab[%u];\n", m->ntables - m->ntable_imports);
    for (uint32_t i = 0; i < m->nglobals; i++)
        buf_printf(h, "    %s %sg%u;\n", emit_ctype(m->globals[i].type),
                   m->globals[i].imported ? "*" : "", i);
    if (e->nfrefs)
        buf_printf(h, "    sandc_func funcs[%u]; /* what funcrefs point at */\n",
                   e->nfrefs);
    if (m->ndatas)
        buf_printf(h, "    uint32_t dlen[%u];\n", m->ndatas);
    if (m->nelems)
        buf_printf(h, "    uint32_t elen[%u];\n", m->nelems);
    for (uint32_t i = 0; i < m->nelems; i++)
        if (m->elems[i].mode == SEG_PASSIVE && m->elems[i].count)
            buf_printf(h, "    void *e%u[%u];\n", i, m->elems[i].count);
    buf_printf(h, "    char end_; /* never empty */\n};\n\n");

    buf_printf(h, "sandc_status %s_instantiate(%s *inst, const %s_imports *imports);\n",
               N, N, N);
    buf_printf(h, "void %s_free(%s *inst);\n\n", N, N);

    /* the exports */
    for (uint32_t i = 0; i < m->nexports; i++) {
        const Export *x = &m->exports[i];
        Buf sym = {0}, first = {0};
        buf_printf(&sym, "%s__", N);
        mangled(&sym, m, x->name);
        buf_printf(&first, "%s *inst", N);
        switch (x->kind) {
        case EXT_FUNC: {
            const FuncType *t = &m->types[m->funcs[x->index].type];
            emit_ret_type(h, t);
            buf_printf(h, " %s", sym.p);
            params(h, t, first.p);
            buf_printf(h, ";\nsandc_status %s__checked", sym.p);
            if (t->nresults) {
                buf_puts(&first, ", ");
                emit_ret_type(&first, t);
                buf_puts(&first, " *out");
            }
            params(h, t, first.p);
            buf_puts(h, ";\n");
            break;
        }
        case EXT_MEMORY:
            buf_printf(h, "sandc_memory *%s(%s *inst);\n", sym.p, N);
            break;
        case EXT_TABLE:
            buf_printf(h, "sandc_table *%s(%s *inst);\n", sym.p, N);
            break;
        case EXT_GLOBAL:
            buf_printf(h, "%s *%s(%s *inst);\n",
                       emit_ctype(m->globals[x->index].type), sym.p, N);
            break;
        }
        buf_free(&sym);
        buf_free(&first);
    }
    buf_printf(h, "\n#endif\n");
}

/* ---- OUT.c: exports and instantiation ------------------------------------------ */

/* GCC's -Wclobbered (in -Wextra) warns about the locals of a function it
 * inlines into a __checked wrapper, past the wrapper's setjmp; none is read
 * after a trap, so the warning is off for the wrappers. */
static const char no_clobbered[] =
    "#if defined(__GNUC__) && !defined(__clang__)\n"
    "#pragma GCC diagnostic push\n"
    "#pragma GCC diagnostic ignored \"-Wclobbered\"\n"
    "#endif\n\n";
static const char clobbered_again[] =
    "#if defined(__GNUC__) && !defined(__clang__)\n"
    "#pragma GCC diagnostic pop\n"
    "#endif\n\n";

static void emit_exports(Emit *e, Buf *c)
{
    const Module *m = e->m;
    const char *N = e->name;
    if (m->nexports)
        buf_puts(c, no_clobbered);
    for (uint32_t i = 0; i < m->nexports; i++) {
        const Export *x = &m->exports[i];
        Buf sym = {0}, first = {0}, call = {0};
        buf_printf(&sym, "%s__", N);
        mangled(&sym, m, x->name);
        buf_printf(&first, "%s *inst", N);
        if (x->kind == EXT_FUNC) {
            uint32_t f = x->index;
            const FuncType *t = &m->types[m->funcs[f].type];
            buf_printf(&call, "%s(%s%s", e->func_sym[f],
                       m->funcs[f].imported ? "inst->" : "inst",
                       m->funcs[f].imported ? e->import_ctx[f] : "");
            for (uint32_t k = 0; k < t->nparams; k++)
                buf_printf(&call, ", a%u", k);
            buf_puts(&call, ")");
            emit_ret_type(c, t);
            buf_printf(c, " %s", sym.p);
            params(c, t, first.p);
            buf_printf(c, "\n{\n    %s%s;\n}\n\n", t->nresults ? "return " : "",
                       call.p);
            buf_printf(c, "sandc_status %s__checked", sym.p);
            if (t->nresults) {
                buf_puts(&first, ", ");
                emit_ret_type(&first, t);
                buf_puts(&first, " *out");
            }
            params(c, t, first.p);
            buf_puts(c, "\n{\n    sandc_scope sc;\n    SANDC_TRY(sc) {\n");
            if (t->nresults) {
                buf_puts(c, "        ");
                emit_ret_type(c, t);
                buf_printf(c, " r = %s;\n", call.p);
                buf_puts(c, "        SANDC_END_TRY(sc);\n        *out = r;\n");
            } else {
                buf_printf(c, "        %s;\n        SANDC_END_TRY(sc);\n", call.p);
            }
            buf_puts(c, "        return SANDC_OK;\n    }\n    return sc.status;\n}\n\n");
        } else if (x->kind == EXT_MEMORY) {
            buf_printf(c, "sandc_memory *%s(%s *inst)\n{\n    return inst->m%u;\n}\n\n",
                       sym.p, N, x->index);
        } else if (x->kind == EXT_TABLE) {
            buf_printf(c, "sandc_table *%s(%s *inst)\n{\n    return inst->t%u;\n}\n\n",
                       sym.p, N, x->index);
        } else if (x->kind == EXT_GLOBAL) {
            const Global *g = &m->globals[x->index];
            buf_printf(c, "%s *%s(%s *inst)\n{\n    return %sinst->g%u;\n}\n\n",
                       emit_ctype(g->type), sym.p, N, g->imported ? "" : "&",
                       x->index);
        }
        buf_free(&sym);
        buf_free(&first);
        buf_free(&call);
    }
    if (m->nexports)
        buf_puts(c, clobbered_again);
}

/* Thunks that let a funcref call an imported function: (void *ctx, ...).
 * Only for the imports a funcref may point at. */
static void emit_thunks(Emit *e, Buf *c)
{
    const Module *m = e->m;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const Import *im = &m->imports[i];
        if (im->kind != EXT_FUNC || e->fref[im->index] == NO_FREF)
            continue;
        uint32_t f = im->index;
        const FuncType *t = &m->types[m->funcs[f].type];
        buf_puts(c, "static ");
        emit_ret_type(c, t);
        buf_printf(c, " thunk%u", f);
        params(c, t, "void *ctx");
        buf_printf(c, "\n{\n    %s%s((struct ", t->nresults ? "return " : "",
                   e->func_sym[f]);
        mangled_module(c, m, im->module);
        buf_puts(c, " *)ctx");
        for (uint32_t k = 0; k < t->nparams; k++)
            buf_printf(c, ", a%u", k);
        buf_puts(c, ");\n}\n\n");
    }
}

static void emit_instantiate(Emit *e, Buf *c, const Field *fs, uint32_t nfs)
{
    const Module *m = e->m;
    const char *N = e->name;
    buf_printf(c, "sandc_status %s_instantiate(%s *inst, const %s_imports *imports)\n{\n",
               N, N, N);
    buf_puts(c, "    sandc_scope sc;\n    sandc_status st = SANDC_OK;\n");
    buf_puts(c, "    memset(inst, 0, sizeof *inst);\n");
    if (nfs) {
        buf_puts(c, "    if (");
        for (uint32_t k = 0; k < nfs; k++)
            buf_printf(c, "%s!imports->%s", k ? " || " : "", fs[k].name);
        buf_puts(c, ")\n        return SANDC_ERR_IMPORT;\n");
    } else {
        buf_puts(c, "    (void)imports;\n");
    }
    for (uint32_t k = 0; k < nfs; k++)
        if (strncmp(fs[k].ctype, "struct ", 7) == 0)
            buf_printf(c, "    inst->c_%s = imports->%s;\n", fs[k].name, fs[k].name);
    for (uint32_t i = 0; i < m->nimports; i++) {
        const Import *im = &m->imports[i];
        Buf f = {0};
        mangled_module(&f, m, im->module);
        buf_puts(&f, "__");
        mangled(&f, m, im->field);
        if (im->kind == EXT_MEMORY)
            buf_printf(c, "    inst->m%u = imports->%s;\n", im->index, f.p);
        else if (im->kind == EXT_TABLE)
            buf_printf(c, "    inst->t%u = imports->%s;\n", im->index, f.p);
        else if (im->kind == EXT_GLOBAL)
            buf_printf(c, "    inst->g%u = imports->%s;\n", im->index, f.p);
        buf_free(&f);
    }
    /* Import matching: an imported memory or table has at least the
     * module's minimum size (accesses within it are not checked: see
     * mem0_min) and cannot grow past the module's maximum. */
    for (uint32_t i = 0; i < m->nmem_imports; i++) {
        const Limits *l = &m->mems[i].lim;
        buf_printf(c, "    if (inst->m%u->is64 != %u", i, l->is64);
        if (l->min) /* no test that is always false: -Wtype-limits */
            buf_printf(c, " || inst->m%u->pages < %lluu", i, (unsigned long long)l->min);
        if (l->has_max)
            buf_printf(c, " ||\n        inst->m%u->max_pages > %lluu", i,
                       (unsigned long long)l->max);
        buf_puts(c, ")\n        return SANDC_ERR_IMPORT;\n");
    }
    for (uint32_t i = 0; i < m->ntable_imports; i++) {
        const Limits *l = &m->tables[i].lim;
        int max = l->has_max && l->max < UINT32_MAX;
        if (!l->min && !max)
            continue;
        buf_puts(c, "    if (");
        if (l->min)
            buf_printf(c, "inst->t%u->size < %lluu", i, (unsigned long long)l->min);
        if (max)
            buf_printf(c, "%sinst->t%u->max > %lluu", l->min ? " || " : "", i,
                       (unsigned long long)l->max);
        buf_puts(c, ")\n        return SANDC_ERR_IMPORT;\n");
    }
    for (uint32_t i = m->nmem_imports; i < m->nmems; i++) {
        const Limits *l = &m->mems[i].lim;
        uint32_t k = i - m->nmem_imports;
        buf_printf(c, "    st = sandc_memory_init(&inst->mem[%u], %lluu, ", k,
                   (unsigned long long)l->min);
        if (l->has_max)
            buf_printf(c, "%lluu, 0);\n", (unsigned long long)l->max);
        else
            buf_puts(c, "UINT64_MAX, 0);\n");
        buf_printf(c, "    if (st != SANDC_OK)\n        goto fail;\n"
                   "    inst->m%u = &inst->mem[%u];\n", i, k);
    }
    for (uint32_t i = m->ntable_imports; i < m->ntables; i++) {
        const Limits *l = &m->tables[i].lim;
        uint32_t k = i - m->ntable_imports;
        buf_printf(c, "    st = sandc_table_init(&inst->tab[%u], %lluu, ", k,
                   (unsigned long long)l->min);
        if (l->has_max)
            buf_printf(c, "%lluu);\n", (unsigned long long)l->max);
        else
            buf_puts(c, "UINT32_MAX);\n");
        buf_printf(c, "    if (st != SANDC_OK)\n        goto fail;\n"
                   "    inst->t%u = &inst->tab[%u];\n", i, k);
    }
    /* Only the functions a funcref may point at: the others' addresses never
     * escape, and the C compiler may change their calling convention. */
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        const Func *f = &m->funcs[i];
        uint32_t k = e->fref[i];
        if (k == NO_FREF)
            continue;
        if (f->imported)
            buf_printf(c, "    inst->funcs[%u] = (sandc_func){%s, (sandc_fnptr)thunk%u, "
                       "inst->%s};\n", k, e->sig_name[f->type], i, e->import_ctx[i]);
        else
            buf_printf(c, "    inst->funcs[%u] = (sandc_func){%s, (sandc_fnptr)%s, "
                       "inst};\n", k, e->sig_name[f->type], e->func_sym[i]);
    }
    for (uint32_t i = m->nglobal_imports; i < m->nglobals; i++) {
        buf_printf(c, "    inst->g%u = ", i);
        const_expr(e, c, m->globals[i].init);
        buf_puts(c, ";\n");
    }
    for (uint32_t i = 0; i < m->ndatas; i++)
        if (m->datas[i].mode == SEG_PASSIVE)
            buf_printf(c, "    inst->dlen[%u] = %uu;\n", i, m->datas[i].bytes.len);
    for (uint32_t i = 0; i < m->nelems; i++) {
        const Elem *el = &m->elems[i];
        if (el->mode != SEG_PASSIVE || el->count == 0)
            continue;
        buf_printf(c, "    inst->elen[%u] = %uu;\n", i, el->count);
        if (!el->exprs) {
            buf_printf(c, "    {\n        uint32_t k;\n        for (k = 0; k < %uu; k++)\n"
                       "            inst->e%u[k] = (void *)&inst->funcs[%s_e%u[k]];\n    }\n",
                       el->count, i, N, i);
            continue;
        }
        Cursor cur = {m->bytes, m->bytes + el->items.off,
                      m->bytes + el->items.off + el->items.len, e->d};
        for (uint32_t k = 0; k < el->count; k++) {
            size_t start = cur_off(&cur);
            Instr in;
            while (decode_instr(&cur, e->f, &in) && in.op != OP_END)
                ;
            Span s = {(uint32_t)start, (uint32_t)(cur_off(&cur) - start)};
            buf_printf(c, "    inst->e%u[%u] = (void *)", i, k);
            const_expr(e, c, s);
            buf_puts(c, ";\n");
        }
    }

    /* segments and the start function, which may trap */
    buf_puts(c, "    SANDC_TRY(sc) {\n");
    for (uint32_t i = 0; i < m->nelems; i++) {
        const Elem *el = &m->elems[i];
        if (el->mode != SEG_ACTIVE)
            continue;
        buf_puts(c, "        {\n            uint64_t d = ");
        const_expr(e, c, el->offset);
        buf_printf(c, ";\n            if (d + %uu > inst->t%u->size)\n"
                   "                sandc_trap(SANDC_TRAP_TABLE_OOB);\n",
                   el->count, el->table);
        if (!el->exprs) {
            if (el->count)
                buf_printf(c, "            {\n                uint32_t k;\n"
                           "                for (k = 0; k < %uu; k++)\n"
                           "                    inst->t%u->elems[d + k] = "
                           "(void *)&inst->funcs[%s_e%u[k]];\n            }\n",
                           el->count, el->table, N, i);
        } else {
            Cursor cur = {m->bytes, m->bytes + el->items.off,
                          m->bytes + el->items.off + el->items.len, e->d};
            for (uint32_t k = 0; k < el->count; k++) {
                size_t start = cur_off(&cur);
                Instr in;
                while (decode_instr(&cur, e->f, &in) && in.op != OP_END)
                    ;
                Span s = {(uint32_t)start, (uint32_t)(cur_off(&cur) - start)};
                buf_printf(c, "            inst->t%u->elems[d + %uu] = (void *)",
                           el->table, k);
                const_expr(e, c, s);
                buf_puts(c, ";\n");
            }
        }
        buf_puts(c, "        }\n");
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const Data *d = &m->datas[i];
        if (d->mode != SEG_ACTIVE)
            continue;
        buf_printf(c, "        sandc_memory_init_seg(inst->m%u, ", d->mem);
        const_expr(e, c, d->offset);
        buf_printf(c, ", %s_d%u, %uu, 0, %uu);\n", N, i, d->bytes.len,
                   d->bytes.len);
    }
    if (m->has_start)
        buf_printf(c, "        %s(%s%s);\n", e->func_sym[m->start],
                   m->funcs[m->start].imported ? "inst->" : "inst",
                   m->funcs[m->start].imported ? e->import_ctx[m->start] : "");
    buf_puts(c, "        SANDC_END_TRY(sc);\n    } else {\n        st = sc.status;\n"
             "        goto fail;\n    }\n    return SANDC_OK;\nfail:\n");
    buf_printf(c, "    %s_free(inst);\n    return st;\n}\n\n", N);

    buf_printf(c, "void %s_free(%s *inst)\n{\n", N, N);
    for (uint32_t i = m->nmem_imports; i < m->nmems; i++)
        buf_printf(c, "    sandc_memory_free(&inst->mem[%u]);\n", i - m->nmem_imports);
    for (uint32_t i = m->ntable_imports; i < m->ntables; i++)
        buf_printf(c, "    sandc_table_free(&inst->tab[%u]);\n", i - m->ntable_imports);
    if (m->nmems == m->nmem_imports && m->ntables == m->ntable_imports)
        buf_puts(c, "    (void)inst;\n");
    buf_puts(c, "}\n");
}

/* The size of function i's code, to balance the parts of a split. */
static uint64_t code_size(const Module *m, uint32_t i)
{
    return (uint64_t)m->funcs[i].body.len + 64;
}

/* Where the functions go: OUT.c, or in order to the parts of a split, each
 * part taking about an equal share of the code. */
typedef struct Spread {
    const Emit *e;
    BodyCheck *check[JOBS_MAX];     /* per thread */
    FuncScratch *scratch[JOBS_MAX]; /* per thread */
    Buf *c, *parts;
    unsigned nparts;
    uint64_t total, done;
} Spread;

static Buf *spread_dest(void *arg, uint32_t i)
{
    Spread *sp = arg;
    if (!sp->nparts)
        return sp->c;
    unsigned k = (unsigned)(sp->done * sp->nparts / (sp->total ? sp->total : 1));
    sp->done += code_size(sp->e->m, i);
    return &sp->parts[k < sp->nparts ? k : sp->nparts - 1];
}

/* Function i, on any thread: validated, then translated from the same
 * decoding.  The Emit is shared and read only. */
static void emit_one(void *arg, unsigned worker, uint32_t i, Buf *out,
                     Diag *d)
{
    Spread *sp = arg;
    Emit e = *sp->e;
    InstrSrc src;
    e.d = d;
    if (body_check(sp->check[worker], i, d, &src) == 0)
        emit_function(&e, sp->scratch[worker], i, &src, out);
}

/* After the translation failed: the bodies from the one where it failed
 * (all before it are valid) were maybe not all validated, and an invalid
 * one takes precedence over what cannot be translated. */
static void body_errors_first(const Module *m, Features f, unsigned njobs,
                              Diag *d)
{
    uint32_t lo = m->nfunc_imports, hi = m->nfuncs; /* the failing body */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->funcs[mid].body.off <= d->off)
            lo = mid;
        else
            hi = mid;
    }
    Diag v = {d->file, 0, 0, {0}};
    if (validate_bodies(m, f, lo, njobs, &v))
        *d = v;
}

int emit_module(const Module *m, Features f, const char *name,
                const char *hname, Buf *c, Buf *h, Buf *parts,
                unsigned nparts, unsigned njobs, Diag *d)
{
    Emit e = {m, f, d, name, NULL, NULL, NULL, "static ", 0, NULL, 0, 0};
    Field *fs = NULL;
    uint32_t nfs = 0;
    Buf decls = {0};
    if (nparts > 0) {
        e.split = 1;
        e.linkage = "SANDC_HIDDEN ";
    }
    uint8_t *refs = NULL;
    if (!supported(&e))
        goto done;
    refs = calloc(m->nfuncs ? m->nfuncs : 1, 1);
    e.fref = calloc(m->nfuncs ? m->nfuncs : 1, sizeof *e.fref);
    if (!refs || !e.fref)
        internal_error(__FILE__, __LINE__, "out of memory");
    declared_funcs(m, f, refs);
    for (uint32_t i = 0; i < m->nfuncs; i++)
        e.fref[i] = refs[i] ? e.nfrefs++ : NO_FREF;
    /* Defined or imported (instantiation checks an imported one's size),
     * memory 0 has its minimum size from instantiation on. */
    if (m->nmems > 0 && !m->mems[0].lim.is64)
        e.mem0_min = m->mems[0].lim.min * 65536;
    name_functions(&e);
    if (!import_fields(&e, &fs, &nfs))
        goto done;

    buf_printf(c, "/* Generated by sandc %s. Do not edit. */\n", SANDC_VERSION);
    buf_printf(c, "#include \"%s\"\n\n", hname);
    name_signatures(&e, c, e.split ? &decls : NULL);
    emit_data(&e, c, e.split ? &decls : NULL);
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++) {
        const FuncType *t = &m->types[m->funcs[i].type];
        Buf *b = e.split ? &decls : c;
        buf_puts(b, e.linkage);
        if (!e.split && e.fref[i] == NO_FREF) /* called, if at all, only directly */
            buf_puts(b, "SANDC_UNUSED ");
        emit_ret_type(b, t);
        buf_printf(b, " %s", e.func_sym[i]);
        params(b, t, "void *ctx");
        buf_puts(b, ";\n");
    }
    if (e.split)
        buf_put(c, decls.p, decls.len);
    buf_puts(c, "\n");
    emit_thunks(&e, c);
    uint64_t total = 0;
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
        total += code_size(m, i);
    for (unsigned k = 0; k < nparts; k++) {
        buf_printf(&parts[k], "/* Generated by sandc %s. Do not edit. */\n"
                   "/* Part %u of %u of %s's functions (--split). */\n"
                   "#include \"%s\"\n\n", SANDC_VERSION, k + 1, nparts, name, hname);
        buf_put(&parts[k], decls.p, decls.len);
        buf_puts(&parts[k], "\n");
    }
    Spread sp = {&e, {0}, {0}, c, parts, nparts, total, 0};
    Jobs jobs = {emit_one, spread_dest, &sp};
    unsigned nthreads = jobs_for(m, njobs);
    for (unsigned k = 0; k < nthreads; k++) {
        sp.check[k] = body_check_new(m, f, refs);
        sp.scratch[k] = func_scratch_new();
    }
    jobs_run(&jobs, nthreads, m->nfunc_imports, m->nfuncs, d);
    for (unsigned k = 0; k < nthreads; k++) {
        body_check_free(sp.check[k]);
        func_scratch_free(sp.scratch[k]);
    }
    if (!d->failed) {
        emit_exports(&e, c);
        emit_instantiate(&e, c, fs, nfs);
        emit_header(&e, h, fs, nfs);
    }
done:
    if (d->failed)
        body_errors_first(m, f, njobs, d);
    free(refs);
    for (uint32_t k = 0; k < nfs; k++) {
        free(fs[k].name);
        free(fs[k].ctype);
    }
    free(fs);
    free(e.fref);
    buf_free(&decls);
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        if (e.func_sym)
            free(e.func_sym[i]);
        if (e.import_ctx)
            free(e.import_ctx[i]);
    }
    for (uint32_t i = 0; e.sig_name && i < m->ntypes; i++) {
        uint32_t k = 0;
        while (k < i && e.sig_name[k] != e.sig_name[i])
            k++;
        if (k == i)
            free(e.sig_name[i]);
    }
    return d->failed;
}
