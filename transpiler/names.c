/*
 * names.c - the "name" custom section.
 *
 * Its names make the generated C readable.  The spec lets an implementation
 * ignore a malformed name section, so a bad one is dropped with a warning and
 * never fails the module.
 */
#include <string.h>

#include "wasm.h"

/* namemap ::= vec(idx name), indices strictly increasing */
static void read_namemap(Cursor *c, Span *out, uint32_t limit, const char *what)
{
    uint32_t n = cur_count(c, 2, what);
    int64_t prev = -1;
    for (uint32_t i = 0; i < n && cur_ok(c); i++) {
        size_t off = cur_off(c);
        uint32_t idx = cur_u32(c, "name index");
        uint32_t len = cur_u32(c, "name length");
        size_t noff = cur_off(c);
        if (!cur_bytes(c, len, "name"))
            return;
        if ((int64_t)idx <= prev) {
            cur_fail(c, off, "%s: index %u out of order", what, idx);
            return;
        }
        if (idx >= limit) {
            cur_fail(c, off, "%s: index %u out of range", what, idx);
            return;
        }
        prev = idx;
        if (out)
            out[idx] = (Span){(uint32_t)noff, len};
    }
}

void read_names(Module *m, Cursor *outer, Diag *d)
{
    Diag nd = {d->file, 0, 0, {0}};
    Cursor c = {outer->base, outer->p, outer->end, &nd};
    Span *funcs = NULL;
    Span module = {0, 0}, locals = {0, 0};
    int last = -1;

    while (cur_ok(&c) && !cur_done(&c)) {
        size_t off = cur_off(&c);
        uint8_t id = cur_byte(&c, "name subsection id");
        uint32_t len = cur_u32(&c, "name subsection size");
        const uint8_t *p = cur_bytes(&c, len, "name subsection");
        if (!p)
            break;
        if ((int)id <= last) {
            cur_fail(&c, off, "name subsection %u out of order", id);
            break;
        }
        last = id;
        Cursor sc = {c.base, p, p + len, &nd};
        switch (id) {
        case 0: {
            uint32_t n = cur_u32(&sc, "module name length");
            size_t noff = cur_off(&sc);
            if (cur_bytes(&sc, n, "module name"))
                module = (Span){(uint32_t)noff, n};
            break;
        }
        case 1:
            funcs = module_alloc(m, m->nfuncs, sizeof *funcs);
            read_namemap(&sc, funcs, m->nfuncs, "function names");
            break;
        case 2: {
            locals = (Span){(uint32_t)(p - c.base), len};
            uint32_t n = cur_count(&sc, 2, "local name maps");
            int64_t prev = -1;
            for (uint32_t i = 0; i < n && cur_ok(&sc); i++) {
                size_t ioff = cur_off(&sc);
                uint32_t f = cur_u32(&sc, "function index");
                if (cur_ok(&sc) && ((int64_t)f <= prev || f >= m->nfuncs))
                    cur_fail(&sc, ioff, "local names: function index %u out "
                             "of order or range", f);
                prev = f;
                read_namemap(&sc, NULL, UINT32_MAX, "local names");
            }
            break;
        }
        default:
            sc.p = sc.end; /* other subsections are not used */
            break;
        }
        if (cur_ok(&sc) && !cur_done(&sc))
            cur_fail(&sc, cur_off(&sc), "name subsection %u size mismatch", id);
    }
    if (nd.failed) {
        diag_warn(&nd, nd.off, "malformed name section ignored: %s", nd.msg);
        return;
    }
    m->names.module = module;
    m->names.funcs = funcs;
    m->names.locals = locals;
}

const char *func_name(const Module *m, uint32_t func, uint32_t *len)
{
    if (!m->names.funcs || func >= m->nfuncs || m->names.funcs[func].len == 0)
        return NULL;
    *len = m->names.funcs[func].len;
    return (const char *)m->bytes + m->names.funcs[func].off;
}
