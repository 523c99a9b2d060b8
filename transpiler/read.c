/*
 * read.c - the binary reader: bytes -> Module.
 *
 * Checks everything the spec's binary format says (magic, version, section
 * order and sizes, LEB128 encodings, vector lengths, UTF-8 names, the shape of
 * every entry) and records each entry in the Module.  Index ranges and types
 * are left to validate.c; function bodies and constant expressions are kept
 * as spans of the input and decoded again by whoever needs them.
 *
 * Every count is checked against the bytes left before it sizes an
 * allocation, so memory use stays proportional to the input.
 */
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

/* ---- allocation ------------------------------------------------------------
 * Every array of a Module lives in one chain of blocks freed together. */
typedef struct Block { struct Block *next; max_align_t data[]; } Block;

void *module_alloc(Module *m, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    if (size && n > (SIZE_MAX - sizeof(Block)) / size)
        internal_error(__FILE__, __LINE__, "allocation size overflows");
    Block *b = calloc(1, sizeof(Block) + n * size);
    if (!b)
        internal_error(__FILE__, __LINE__, "out of memory");
    b->next = m->arena;
    m->arena = b;
    return b->data;
}

void module_free(Module *m)
{
    Block *b = m->arena;
    while (b) {
        Block *next = b->next;
        free(b);
        b = next;
    }
    m->arena = NULL;
}

/* ---- small readers -------------------------------------------------------- */

static int utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t b = s[i];
        uint32_t cp, min;
        size_t len;
        if (b < 0x80) {
            i++;
            continue;
        } else if ((b & 0xE0) == 0xC0) {
            len = 2, cp = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3, cp = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4, cp = b & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* name ::= vec(byte), valid UTF-8 */
static Span read_name(Cursor *c, const char *what)
{
    Span s = {0, 0};
    uint32_t n = cur_u32(c, what);
    size_t off = cur_off(c);
    const uint8_t *p = cur_bytes(c, n, what);
    if (!p)
        return s;
    if (!utf8_valid(p, n)) {
        cur_fail(c, off, "malformed UTF-8 encoding in %s", what);
        return s;
    }
    s.off = (uint32_t)off;
    s.len = n;
    return s;
}

/* valtype ::= i32 | i64 | f32 | f64 | v128 | funcref | externref */
static ValType read_valtype(Cursor *c, Features f, const char *what)
{
    size_t off = cur_off(c);
    uint8_t b = cur_byte(c, what);
    switch (b) {
    case VT_I32: case VT_I64: case VT_F32: case VT_F64:
        return b;
    case VT_V128:
        if (f & FEAT_SIMD)
            return b;
        break;
    case VT_FUNCREF: case VT_EXTERNREF:
        if (f & FEAT_REFERENCE_TYPES)
            return b;
        break;
    }
    if (cur_ok(c))
        cur_fail(c, off, "malformed value type 0x%02x in %s", b, what);
    return 0;
}

/* reftype ::= funcref | externref */
static ValType read_reftype(Cursor *c, const char *what)
{
    size_t off = cur_off(c);
    uint8_t b = cur_byte(c, what);
    if (b == VT_FUNCREF || b == VT_EXTERNREF)
        return b;
    if (cur_ok(c))
        cur_fail(c, off, "malformed reference type 0x%02x in %s", b, what);
    return 0;
}

/* limits ::= flags min max?  (flags: bit 0 max present, bit 1 shared,
 * bit 2 64-bit; tables take bit 0 only) */
int read_limits(Cursor *c, Limits *l, int is_memory, Features f)
{
    size_t off = cur_off(c);
    uint8_t flags = cur_byte(c, "limits flags"); /* a byte, not a LEB128 */
    uint32_t allowed = 1;
    if (is_memory && (f & FEAT_THREADS))
        allowed |= 2;
    if (is_memory && (f & FEAT_MEMORY64))
        allowed |= 4;
    if (!cur_ok(c))
        return 0;
    if (flags & ~allowed) {
        cur_fail(c, off, "malformed limits flags 0x%x", flags);
        return 0;
    }
    l->has_max = flags & 1;
    l->shared = (flags >> 1) & 1;
    l->is64 = (flags >> 2) & 1;
    if (l->is64) {
        l->min = cur_u64(c, "limits minimum");
        l->max = l->has_max ? cur_u64(c, "limits maximum") : 0;
    } else {
        l->min = cur_u32(c, "limits minimum");
        l->max = l->has_max ? cur_u32(c, "limits maximum") : 0;
    }
    return cur_ok(c);
}

/* A constant expression: instructions up to and including the first `end`.
 * Only its shape is read here; validate.c types it. */
static Span read_expr(Cursor *c, Features f)
{
    Span s = {(uint32_t)cur_off(c), 0};
    Instr in;
    while (decode_instr(c, f, &in)) {
        if (in.op == OP_END) {
            s.len = (uint32_t)(cur_off(c) - s.off);
            return s;
        }
    }
    return s;
}

static uint8_t read_kind(Cursor *c, Features f, const char *what)
{
    size_t off = cur_off(c);
    uint8_t k = cur_byte(c, what);
    if (!cur_ok(c))
        return 0;
    if (k > EXT_TAG || (k == EXT_TAG && !(f & FEAT_EXCEPTIONS)))
        cur_fail(c, off, "malformed %s 0x%02x", what, k);
    return k;
}

/* ---- index spaces ----------------------------------------------------------
 * Imports come first in each index space.  An index space is built when its
 * defining section is read (or at the end, if there is none). */
typedef struct ImportDesc {
    Func func;
    Table table;
    Memory mem;
    Global global;
    Tag tag;
} ImportDesc;

typedef struct Reader {
    Module *m;
    Features f;
    ImportDesc *idesc;   /* per import */
    uint32_t ndefined_funcs;
    uint8_t built[5];    /* index space built, per EXT_ kind */
    uint8_t has_code;
    Span names;
} Reader;

static uint32_t *space_count(Module *m, int kind)
{
    switch (kind) {
    case EXT_FUNC: return &m->nfuncs;
    case EXT_TABLE: return &m->ntables;
    case EXT_MEMORY: return &m->nmems;
    case EXT_GLOBAL: return &m->nglobals;
    default: return &m->ntags;
    }
}

/* Allocate the index space of `kind` with room for `ndefined` definitions and
 * copy its imports in. */
static void build_space(Reader *r, int kind, uint32_t ndefined)
{
    Module *m = r->m;
    uint32_t nimp = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        nimp += m->imports[i].kind == kind;
    uint64_t total = (uint64_t)nimp + ndefined;
    if (total > UINT32_MAX)
        internal_error(__FILE__, __LINE__, "index space larger than the input");
    *space_count(m, kind) = (uint32_t)total;
    r->built[kind] = 1;
    switch (kind) {
    case EXT_FUNC:
        m->funcs = module_alloc(m, total, sizeof *m->funcs);
        m->nfunc_imports = nimp;
        break;
    case EXT_TABLE:
        m->tables = module_alloc(m, total, sizeof *m->tables);
        m->ntable_imports = nimp;
        break;
    case EXT_MEMORY:
        m->mems = module_alloc(m, total, sizeof *m->mems);
        m->nmem_imports = nimp;
        break;
    case EXT_GLOBAL:
        m->globals = module_alloc(m, total, sizeof *m->globals);
        m->nglobal_imports = nimp;
        break;
    default:
        m->tags = module_alloc(m, total, sizeof *m->tags);
        m->ntag_imports = nimp;
        break;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const ImportDesc *d = &r->idesc[i];
        if (m->imports[i].kind != kind)
            continue;
        switch (kind) {
        case EXT_FUNC: m->funcs[k] = d->func; break;
        case EXT_TABLE: m->tables[k] = d->table; break;
        case EXT_MEMORY: m->mems[k] = d->mem; break;
        case EXT_GLOBAL: m->globals[k] = d->global; break;
        default: m->tags[k] = d->tag; break;
        }
        m->imports[i].index = k++;
    }
}

/* ---- sections ------------------------------------------------------------- */

/* functype ::= 0x60 vec(valtype) vec(valtype) */
static void read_type_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    m->ntypes = cur_count(c, 3, "types");
    m->types = module_alloc(m, m->ntypes, sizeof *m->types);
    for (uint32_t i = 0; i < m->ntypes && cur_ok(c); i++) {
        FuncType *t = &m->types[i];
        size_t off = cur_off(c);
        uint8_t form = cur_byte(c, "type form");
        if (cur_ok(c) && form != 0x60) {
            cur_fail(c, off, "malformed type %u: expected a function type "
                     "(0x60), got 0x%02x", i, form);
            return;
        }
        t->nparams = cur_count(c, 1, "parameters");
        t->params = c->p;
        for (uint32_t k = 0; k < t->nparams && cur_ok(c); k++)
            read_valtype(c, r->f, "a parameter type");
        t->nresults = cur_count(c, 1, "results");
        t->results = c->p;
        for (uint32_t k = 0; k < t->nresults && cur_ok(c); k++)
            read_valtype(c, r->f, "a result type");
    }
}

static void read_import_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    m->nimports = cur_count(c, 4, "imports");
    m->imports = module_alloc(m, m->nimports, sizeof *m->imports);
    r->idesc = module_alloc(m, m->nimports, sizeof *r->idesc);
    for (uint32_t i = 0; i < m->nimports && cur_ok(c); i++) {
        Import *im = &m->imports[i];
        ImportDesc *d = &r->idesc[i];
        im->off = cur_off(c);
        im->module = read_name(c, "import module name");
        im->field = read_name(c, "import field name");
        im->kind = read_kind(c, r->f, "import kind");
        switch (im->kind) {
        case EXT_FUNC:
            d->func.type = cur_u32(c, "import type index");
            d->func.imported = 1;
            break;
        case EXT_TABLE:
            d->table.elem = read_reftype(c, "imported table");
            read_limits(c, &d->table.lim, 0, r->f);
            d->table.imported = 1;
            break;
        case EXT_MEMORY:
            read_limits(c, &d->mem.lim, 1, r->f);
            d->mem.imported = 1;
            break;
        case EXT_GLOBAL: {
            d->global.type = read_valtype(c, r->f, "imported global");
            size_t off = cur_off(c);
            uint8_t mut = cur_byte(c, "global mutability");
            if (cur_ok(c) && mut > 1)
                cur_fail(c, off, "malformed mutability 0x%02x", mut);
            d->global.mut = mut;
            d->global.imported = 1;
            break;
        }
        case EXT_TAG: {
            size_t off = cur_off(c);
            if (cur_byte(c, "tag attribute") != 0 && cur_ok(c))
                cur_fail(c, off, "malformed tag attribute");
            d->tag.type = cur_u32(c, "tag type index");
            d->tag.imported = 1;
            break;
        }
        }
    }
}

static void read_function_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    uint32_t n = cur_count(c, 1, "functions");
    if (!cur_ok(c))
        return;
    build_space(r, EXT_FUNC, n);
    r->ndefined_funcs = n;
    for (uint32_t i = 0; i < n && cur_ok(c); i++)
        m->funcs[m->nfunc_imports + i].type = cur_u32(c, "function type index");
}

static void read_table_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    uint32_t n = cur_count(c, 2, "tables");
    if (!cur_ok(c))
        return;
    build_space(r, EXT_TABLE, n);
    for (uint32_t i = 0; i < n && cur_ok(c); i++) {
        Table *t = &m->tables[m->ntable_imports + i];
        t->elem = read_reftype(c, "table type");
        read_limits(c, &t->lim, 0, r->f);
    }
}

static void read_memory_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    uint32_t n = cur_count(c, 2, "memories");
    if (!cur_ok(c))
        return;
    build_space(r, EXT_MEMORY, n);
    for (uint32_t i = 0; i < n && cur_ok(c); i++)
        read_limits(c, &m->mems[m->nmem_imports + i].lim, 1, r->f);
}

static void read_tag_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    uint32_t n = cur_count(c, 2, "tags");
    if (!cur_ok(c))
        return;
    build_space(r, EXT_TAG, n);
    for (uint32_t i = 0; i < n && cur_ok(c); i++) {
        size_t off = cur_off(c);
        if (cur_byte(c, "tag attribute") != 0 && cur_ok(c))
            cur_fail(c, off, "malformed tag attribute");
        m->tags[m->ntag_imports + i].type = cur_u32(c, "tag type index");
    }
}

static void read_global_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    uint32_t n = cur_count(c, 3, "globals");
    if (!cur_ok(c))
        return;
    build_space(r, EXT_GLOBAL, n);
    for (uint32_t i = 0; i < n && cur_ok(c); i++) {
        Global *g = &m->globals[m->nglobal_imports + i];
        g->type = read_valtype(c, r->f, "global type");
        size_t off = cur_off(c);
        uint8_t mut = cur_byte(c, "global mutability");
        if (cur_ok(c) && mut > 1)
            cur_fail(c, off, "malformed mutability 0x%02x", mut);
        g->mut = mut;
        g->init = read_expr(c, r->f);
    }
}

static void read_export_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    m->nexports = cur_count(c, 3, "exports");
    m->exports = module_alloc(m, m->nexports, sizeof *m->exports);
    for (uint32_t i = 0; i < m->nexports && cur_ok(c); i++) {
        Export *e = &m->exports[i];
        e->off = cur_off(c);
        e->name = read_name(c, "export name");
        e->kind = read_kind(c, r->f, "export kind");
        e->index = cur_u32(c, "export index");
    }
}

static void read_start_section(Reader *r, Cursor *c)
{
    r->m->start_off = cur_off(c);
    r->m->start = cur_u32(c, "start function index");
    r->m->has_start = 1;
}

/* elem ::= flags (bit 0: passive or declarative, bit 1: explicit table index
 *          or declarative, bit 2: items are expressions) ... */
static void read_elem_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    m->nelems = cur_count(c, 1, "element segments");
    m->elems = module_alloc(m, m->nelems, sizeof *m->elems);
    for (uint32_t i = 0; i < m->nelems && cur_ok(c); i++) {
        Elem *e = &m->elems[i];
        e->off = cur_off(c);
        uint32_t flags = cur_u32(c, "element segment flags");
        if (!cur_ok(c))
            return;
        if (flags > 7) {
            cur_fail(c, e->off, "malformed elements segment kind %u", flags);
            return;
        }
        e->exprs = (flags & 4) != 0;
        e->type = VT_FUNCREF;
        if (flags & 1)
            e->mode = (flags & 2) ? SEG_DECLARATIVE : SEG_PASSIVE;
        else
            e->mode = SEG_ACTIVE;
        if (e->mode == SEG_ACTIVE) {
            if (flags & 2)
                e->table = cur_u32(c, "element segment table index");
            e->offset = read_expr(c, r->f);
        }
        if (flags & 3) {
            if (e->exprs) {
                e->type = read_reftype(c, "element segment");
            } else {
                size_t off = cur_off(c);
                uint8_t kind = cur_byte(c, "element kind");
                if (cur_ok(c) && kind != 0)
                    cur_fail(c, off, "malformed element kind 0x%02x", kind);
            }
        }
        e->count = cur_count(c, 1, "element segment items");
        e->items.off = (uint32_t)cur_off(c);
        for (uint32_t k = 0; k < e->count && cur_ok(c); k++) {
            if (e->exprs)
                read_expr(c, r->f);
            else
                cur_u32(c, "element function index");
        }
        e->items.len = (uint32_t)(cur_off(c) - e->items.off);
    }
}

static void read_datacount_section(Reader *r, Cursor *c)
{
    r->m->datacount = cur_u32(c, "data count");
    r->m->has_datacount = 1;
}

static void read_code_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    size_t off = cur_off(c);
    uint32_t n = cur_count(c, 2, "function bodies");
    if (!cur_ok(c))
        return;
    r->has_code = 1;
    m->code_off = off;
    if (!r->built[EXT_FUNC])
        build_space(r, EXT_FUNC, 0);
    if (n != r->ndefined_funcs) {
        cur_fail(c, off, "function and code section have inconsistent lengths"
                 " (%u functions, %u bodies)", r->ndefined_funcs, n);
        return;
    }
    for (uint32_t i = 0; i < n && cur_ok(c); i++) {
        uint32_t size = cur_u32(c, "function body size");
        Span *b = &m->funcs[m->nfunc_imports + i].body;
        b->off = (uint32_t)cur_off(c);
        b->len = size;
        if (cur_bytes(c, size, "function body") && size == 0)
            cur_fail(c, b->off, "function body %u is empty",
                     m->nfunc_imports + i);
    }
}

static void read_data_section(Reader *r, Cursor *c)
{
    Module *m = r->m;
    size_t off = cur_off(c);
    m->ndatas = cur_count(c, 1, "data segments");
    if (cur_ok(c) && m->has_datacount && m->datacount != m->ndatas) {
        cur_fail(c, off, "data count and data section have inconsistent "
                 "lengths (%u and %u)", m->datacount, m->ndatas);
        return;
    }
    m->datas = module_alloc(m, m->ndatas, sizeof *m->datas);
    for (uint32_t i = 0; i < m->ndatas && cur_ok(c); i++) {
        Data *d = &m->datas[i];
        d->off = cur_off(c);
        uint32_t flags = cur_u32(c, "data segment flags");
        if (!cur_ok(c))
            return;
        if (flags > 2) {
            cur_fail(c, d->off, "malformed data segment kind %u", flags);
            return;
        }
        d->mode = flags == 1 ? SEG_PASSIVE : SEG_ACTIVE;
        if (flags == 2)
            d->mem = cur_u32(c, "data segment memory index");
        if (d->mode == SEG_ACTIVE)
            d->offset = read_expr(c, r->f);
        uint32_t len = cur_u32(c, "data segment size");
        d->bytes.off = (uint32_t)cur_off(c);
        d->bytes.len = len;
        cur_bytes(c, len, "data segment");
    }
}

static void read_custom_section(Reader *r, Cursor *c)
{
    size_t off = cur_off(c);
    Span name = read_name(c, "custom section name");
    if (!cur_ok(c))
        return;
    if (name.len == 4 && memcmp(r->m->bytes + name.off, "name", 4) == 0) {
        if (r->names.len)
            diag_warn(c->d, off, "second name section ignored");
        else
            r->names = (Span){(uint32_t)cur_off(c), (uint32_t)cur_left(c)};
    }
    c->p = c->end;
}

/* ---- the module ----------------------------------------------------------- */

enum { SEC_CUSTOM = 0, SEC_DATACOUNT = 12, SEC_TAG = 13, SEC_LAST = 13 };

static const char *const section_names[] = {
    "custom", "type", "import", "function", "table", "memory", "global",
    "export", "start", "element", "code", "data", "data count", "tag",
};

/* Where each section may stand: sections must appear in increasing rank. */
static const uint8_t section_rank[] = {
    0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6,
};

typedef void (*SectionReader)(Reader *, Cursor *);
static const SectionReader section_readers[] = {
    read_custom_section, read_type_section, read_import_section,
    read_function_section, read_table_section, read_memory_section,
    read_global_section, read_export_section, read_start_section,
    read_elem_section, read_code_section, read_data_section,
    read_datacount_section, read_tag_section,
};

int read_module(Module *m, const uint8_t *bytes, size_t size, Features f,
                Diag *d)
{
    static const uint8_t magic[4] = {0x00, 0x61, 0x73, 0x6D};
    static const uint8_t version[4] = {0x01, 0x00, 0x00, 0x00};
    Reader r = {0};
    Cursor c = {bytes, bytes, bytes + size, d};
    memset(m, 0, sizeof *m);
    m->bytes = bytes;
    m->size = size;
    r.m = m;
    r.f = f;
    opcodes_init();

    if (size > UINT32_MAX) {
        diag_error(d, 0, "module of %zu bytes is larger than 4 GiB", size);
        return 1;
    }
    const uint8_t *p = cur_bytes(&c, 4, "magic number");
    if (p && memcmp(p, magic, 4) != 0)
        cur_fail(&c, 0, "magic header not detected: not a WebAssembly binary");
    p = cur_bytes(&c, 4, "version");
    if (p && memcmp(p, version, 4) != 0)
        cur_fail(&c, 4, "unknown binary version 0x%02x%02x%02x%02x (expected 1)",
                 p[3], p[2], p[1], p[0]);

    unsigned last_rank = 0;
    while (cur_ok(&c) && !cur_done(&c)) {
        size_t off = cur_off(&c);
        uint8_t id = cur_byte(&c, "section id");
        if (id > SEC_LAST || (id == SEC_TAG && !(f & FEAT_EXCEPTIONS))) {
            cur_fail(&c, off, "malformed section id %u", id);
            break;
        }
        uint32_t len = cur_u32(&c, "section size");
        if (cur_ok(&c) && len > cur_left(&c)) {
            cur_fail(&c, off, "length out of bounds: %s section of %u bytes, "
                     "only %zu left", section_names[id], len, cur_left(&c));
            break;
        }
        if (id != SEC_CUSTOM) {
            if (section_rank[id] <= last_rank) {
                cur_fail(&c, off, "unexpected %s section: out of order or "
                         "repeated", section_names[id]);
                break;
            }
            last_rank = section_rank[id];
        }
        Cursor sc = {bytes, c.p, c.p + len, d};
        section_readers[id](&r, &sc);
        if (cur_ok(&sc) && !cur_done(&sc))
            cur_fail(&sc, cur_off(&sc), "section size mismatch: %s section "
                     "has %zu bytes left over", section_names[id],
                     cur_left(&sc));
        c.p += len;
    }

    if (cur_ok(&c)) {
        for (int k = EXT_FUNC; k <= EXT_TAG; k++)
            if (!r.built[k])
                build_space(&r, k, 0);
        if (!r.has_code && r.ndefined_funcs != 0)
            diag_error(d, size, "function and code section have inconsistent "
                       "lengths (%u functions, no code section)",
                       r.ndefined_funcs);
        else if (m->has_datacount && m->datacount != 0 && !m->datas)
            diag_error(d, size, "data count and data section have "
                       "inconsistent lengths (%u and no data section)",
                       m->datacount);
    }
    if (!d->failed && r.names.len) {
        Cursor nc = {bytes, bytes + r.names.off,
                     bytes + r.names.off + r.names.len, d};
        read_names(m, &nc, d);
    }
    return d->failed;
}
