/*
 * emit_ops.c - the instructions of a body written by hand that are no
 * control flow: calls, direct and indirect, and the table and bulk memory
 * instructions.  emit_func.c writes the rest.
 */
#include <stdio.h>
#include <string.h>

#include "emit_func.h"

/* A call: `callee` is the C function expression, `ctx` its first argument. */
static void call(F *f, const FuncType *t, const char *callee, const char *ctx)
{
    uint32_t base = f->n - t->nparams;
    Buf *c = tmp_get(f);
    buf_printf(c, "%s(%s", callee, ctx);
    for (uint32_t k = 0; k < t->nparams; k++)
        buf_printf(c, ", %s", S(f, base + k));
    buf_puts(c, ")");
    pop_n(f, t->nparams);
    if (t->nresults == 0) {
        line_str(f, "", c->p, c->len, ";");
    } else if (t->nresults == 1) {
        result(f, t->results[0], c, 0); /* memory reloads after it */
    } else {
        Buf r = {0};
        emit_ret_type(&r, t);
        line_text(f, "{");
        line(f, "    %s r_ = %s;", r.p, c->p);
        for (uint32_t k = 0; k < t->nresults; k++) {
            push(f, t->results[k]);
            line(f, "    %s = r_.r%u;", W(f, base + k), k);
        }
        line_text(f, "}");
        buf_free(&r);
    }
    tmp_put(f, c);
    reload_memory(f);
}

void direct_call(F *f, uint32_t callee)
{
    const Module *m = f->m;
    const FuncType *t = &m->types[m->funcs[callee].type];
    /* A function of the module gets this one's ctx as it came: a function
     * that only passes it on never converts it, and the C compiler can drop
     * the parameter (LLVM keeps one that goes through a pointer cast). */
    if (!m->funcs[callee].imported) {
        f->uses_ctx = 1;
        call(f, t, f->e->func_sym[callee], "ctx");
        return;
    }
    char ctx[96];
    snprintf(ctx, sizeof ctx, "%s->%s", inst(f), f->e->import_ctx[callee]);
    call(f, t, f->e->func_sym[callee], ctx);
}

void indirect_call(F *f, const Instr *in)
{
    const FuncType *t = &f->m->types[in->a];
    uint32_t idx = f->n - 1;
    Buf fp = {0};
    line_text(f, "{");
    f->indent++;
    line(f, "const sandc_func *fp_ = sandc_indirect(%s->t%u, %s, %s);",
         inst(f), in->b, S(f, idx), f->e->sig_name[in->a]);
    pop(f);
    buf_puts(&fp, "((");
    emit_fnptr_type(&fp, t);
    buf_puts(&fp, ")fp_->fn)");
    call(f, t, fp.p, "fp_->ctx");
    f->indent--;
    line_text(f, "}");
    buf_free(&fp);
}

void table_op(F *f, const Instr *in)
{
    const char *i = inst(f);
    uint32_t n = f->n;
    switch (in->op) {
    case OP_TABLE_GET: {
        ValType t = f->m->tables[in->a].elem;
        char idx[sizeof f->names[0]];
        name_copy(idx, sizeof idx, S(f, n - 1));
        pop(f);
        push(f, t);
        line(f, "%s = (%s)sandc_table_get(%s->t%u, %s);", W(f, n - 1),
             emit_ctype(t), i, in->a, idx);
        break;
    }
    case OP_TABLE_SET:
        line(f, "sandc_table_set(%s->t%u, %s, (void *)%s);", i, in->a,
             S(f, n - 2), S(f, n - 1));
        pop_n(f, 2);
        break;
    case OP_TABLE_SIZE:
        push(f, VT_I32);
        line(f, "%s = %s->t%u->size;", W(f, n), i, in->a);
        break;
    case OP_TABLE_GROW: {
        char init[sizeof f->names[0]], delta[sizeof f->names[0]];
        name_copy(init, sizeof init, S(f, n - 2));
        name_copy(delta, sizeof delta, S(f, n - 1));
        pop_n(f, 2);
        push(f, VT_I32);
        line(f, "%s = sandc_table_grow(%s->t%u, %s, (void *)%s);",
             W(f, n - 2), i, in->a, delta, init);
        pop(f);
        push(f, VT_I32);
        break;
    }
    case OP_TABLE_FILL:
        line(f, "sandc_table_fill(%s->t%u, %s, (void *)%s, %s);", i, in->a,
             S(f, n - 3), S(f, n - 2), S(f, n - 1));
        pop_n(f, 3);
        break;
    case OP_TABLE_COPY:
        line(f, "sandc_table_copy(%s->t%u, %s->t%u, %s, %s, %s);", i, in->a,
             i, in->b, S(f, n - 3), S(f, n - 2), S(f, n - 1));
        pop_n(f, 3);
        break;
    case OP_TABLE_INIT:
        if (f->m->elems[in->a].mode == SEG_PASSIVE && f->m->elems[in->a].count)
            line(f, "sandc_table_init_seg(%s->t%u, %s, %s->e%u, %s->elen[%u], "
                 "%s, %s);", i, in->b, S(f, n - 3), i, in->a, i, in->a,
                 S(f, n - 2), S(f, n - 1));
        else /* never holds anything once instantiated */
            line(f, "sandc_table_init_seg(%s->t%u, %s, NULL, 0, %s, %s);", i,
                 in->b, S(f, n - 3), S(f, n - 2), S(f, n - 1));
        pop_n(f, 3);
        break;
    case OP_ELEM_DROP:
        line(f, "%s->elen[%u] = 0;", i, in->a);
        break;
    default:
        unreachable();
    }
}

void memory_op(F *f, const Instr *in)
{
    const char *i = inst(f);
    uint32_t n = f->n;
    switch (in->op) {
    case OP_MEMORY_SIZE:
        push(f, VT_I32);
        line(f, "%s = (uint32_t)%s->m%u->pages;", W(f, n), i, in->mem);
        break;
    case OP_MEMORY_GROW: {
        char delta[sizeof f->names[0]];
        name_copy(delta, sizeof delta, S(f, n - 1));
        pop(f);
        push(f, VT_I32);
        line(f, "%s = (uint32_t)sandc_memory_grow(%s->m%u, %s);", W(f, n - 1),
             i, in->mem, delta);
        if (in->mem == 0)
            reload_memory(f);
        break;
    }
    case OP_MEMORY_FILL:
        line(f, "sandc_memory_fill(%s->m%u, %s, (uint8_t)%s, %s);", i, in->mem,
             S(f, n - 3), S(f, n - 2), S(f, n - 1));
        pop_n(f, 3);
        break;
    case OP_MEMORY_COPY:
        line(f, "sandc_memory_copy(%s->m%u, %s->m%u, %s, %s, %s);", i, in->a,
             i, in->b, S(f, n - 3), S(f, n - 2), S(f, n - 1));
        pop_n(f, 3);
        break;
    case OP_MEMORY_INIT:
        line(f, "sandc_memory_init_seg(%s->m%u, %s, %s_d%u, %s->dlen[%u], %s, "
             "%s);", i, in->mem, S(f, n - 3), f->e->name, in->a, i, in->a,
             S(f, n - 2), S(f, n - 1));
        pop_n(f, 3);
        break;
    case OP_DATA_DROP:
        line(f, "%s->dlen[%u] = 0;", i, in->a);
        break;
    default:
        unreachable();
    }
}
