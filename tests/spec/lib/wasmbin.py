"""A small reader for the parts of a WebAssembly binary the execution runner
needs to link modules the way a real linker would: the type, import,
function, table, memory, global and export sections.

WasmInfo(bytes) raises WasmError on anything it cannot read.
"""

VALTYPES = {
    0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128",
    0x70: "funcref", 0x6F: "externref",
}

# Letters of the generated C's type identities and result structs.
LETTER = {"i32": "i", "i64": "I", "f32": "f", "f64": "F", "v128": "v",
          "funcref": "r", "externref": "e"}

CTYPE = {"i32": "uint32_t", "i64": "uint64_t", "f32": "float", "f64": "double",
         "v128": "sandc_v128", "funcref": "sandc_funcref",
         "externref": "sandc_externref"}

KINDS = {0: "func", 1: "table", 2: "memory", 3: "global", 4: "tag"}


class WasmError(Exception):
    pass


class Reader:
    def __init__(self, data, pos=0, end=None):
        self.d = data
        self.p = pos
        self.end = len(data) if end is None else end

    def byte(self):
        if self.p >= self.end:
            raise WasmError("unexpected end")
        b = self.d[self.p]
        self.p += 1
        return b

    def bytes(self, n):
        if n < 0 or self.p + n > self.end:
            raise WasmError("unexpected end")
        b = self.d[self.p:self.p + n]
        self.p += n
        return b

    def uleb(self):
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result
            if shift > 70:
                raise WasmError("LEB128 too long")

    def sleb(self):
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                if b & 0x40:
                    result -= 1 << shift
                return result
            if shift > 70:
                raise WasmError("LEB128 too long")

    def name(self):
        return bytes(self.bytes(self.uleb()))

    def valtype(self):
        b = self.byte()
        if b not in VALTYPES:
            raise WasmError(f"unknown value type 0x{b:02x}")
        return VALTYPES[b]

    def limits(self):
        flags = self.byte()
        if flags & ~7:
            raise WasmError(f"bad limits flags 0x{flags:02x}")
        lo = self.uleb()
        hi = self.uleb() if flags & 1 else None
        return lo, hi, bool(flags & 4), bool(flags & 2)

    def const_expr(self):
        """Skip a constant expression up to and including its `end`."""
        while True:
            op = self.byte()
            if op == 0x0B:
                return
            if op == 0x41 or op == 0x42:
                self.sleb()
            elif op == 0x43:
                self.bytes(4)
            elif op == 0x44:
                self.bytes(8)
            elif op == 0x23 or op == 0xD2:
                self.uleb()
            elif op == 0xD0:
                self.byte()
            elif op in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E):
                pass  # extended-const arithmetic
            elif op == 0xFD:
                sub = self.uleb()
                if sub != 12:
                    raise WasmError(f"unexpected 0xfd {sub} in a constant expression")
                self.bytes(16)
            else:
                raise WasmError(f"unexpected opcode 0x{op:02x} in a constant expression")


class Table:
    def __init__(self, reftype, lo, hi):
        self.reftype, self.min, self.max = reftype, lo, hi

    def __repr__(self):
        return f"table {self.min} {'' if self.max is None else self.max} {self.reftype}".replace("  ", " ")


class Memory:
    def __init__(self, lo, hi, is64=False, shared=False):
        self.min, self.max, self.is64, self.shared = lo, hi, is64, shared

    def __repr__(self):
        s = f"memory{' i64' if self.is64 else ''} {self.min}"
        if self.max is not None:
            s += f" {self.max}"
        return s + (" shared" if self.shared else "")


class Global:
    def __init__(self, valtype, mut):
        self.valtype, self.mut = valtype, mut

    def __repr__(self):
        return f"global {'(mut ' + self.valtype + ')' if self.mut else self.valtype}"


class FuncType:
    def __init__(self, params, results):
        self.params, self.results = tuple(params), tuple(results)

    def __eq__(self, o):
        return isinstance(o, FuncType) and (self.params, self.results) == (o.params, o.results)

    def __hash__(self):
        return hash((self.params, self.results))

    def __repr__(self):
        return f"func [{' '.join(self.params)}] -> [{' '.join(self.results)}]"


class Import:
    def __init__(self, module, field, kind, desc):
        self.module, self.field, self.kind, self.desc = module, field, kind, desc


class WasmInfo:
    def __init__(self, data):
        r = Reader(data)
        if r.bytes(4) != b"\0asm" or r.bytes(4) != b"\1\0\0\0":
            raise WasmError("not a version 1 binary module")
        self.types = []
        self.imports = []
        self.funcs = []     # type of every function, imports first
        self.tables = []
        self.mems = []
        self.globals = []
        self.exports = {}   # name (bytes) -> (kind, index)
        while r.p < r.end:
            sid = r.byte()
            size = r.uleb()
            s = Reader(data, r.p, r.p + size)
            if s.end > len(data):
                raise WasmError("section runs past the end")
            r.p = s.end
            if sid == 1:
                self._types(s)
            elif sid == 2:
                self._imports(s)
            elif sid == 3:
                for _ in range(s.uleb()):
                    self.funcs.append(self._type(s.uleb()))
            elif sid == 4:
                for _ in range(s.uleb()):
                    rt = s.valtype()
                    lo, hi, _, _ = s.limits()
                    self.tables.append(Table(rt, lo, hi))
            elif sid == 5:
                for _ in range(s.uleb()):
                    self.mems.append(Memory(*s.limits()))
            elif sid == 6:
                for _ in range(s.uleb()):
                    vt = s.valtype()
                    mut = s.byte()
                    s.const_expr()
                    self.globals.append(Global(vt, mut == 1))
            elif sid == 7:
                for _ in range(s.uleb()):
                    name = s.name()
                    kind = KINDS.get(s.byte(), "?")
                    self.exports[name] = (kind, s.uleb())

    def _type(self, i):
        if i >= len(self.types):
            raise WasmError(f"unknown type {i}")
        return self.types[i]

    def _types(self, s):
        for _ in range(s.uleb()):
            form = s.byte()
            if form != 0x60:
                raise WasmError(f"unsupported type form 0x{form:02x}")
            params = [s.valtype() for _ in range(s.uleb())]
            results = [s.valtype() for _ in range(s.uleb())]
            self.types.append(FuncType(params, results))

    def _imports(self, s):
        for _ in range(s.uleb()):
            module, field = s.name(), s.name()
            k = s.byte()
            if k == 0:
                desc = self._type(s.uleb())
                self.funcs.append(desc)
                kind = "func"
            elif k == 1:
                rt = s.valtype()
                lo, hi, _, _ = s.limits()
                desc = Table(rt, lo, hi)
                self.tables.append(desc)
                kind = "table"
            elif k == 2:
                desc = Memory(*s.limits())
                self.mems.append(desc)
                kind = "memory"
            elif k == 3:
                vt = s.valtype()
                desc = Global(vt, s.byte() == 1)
                self.globals.append(desc)
                kind = "global"
            elif k == 4:
                s.byte()
                s.uleb()
                kind, desc = "tag", None
            else:
                raise WasmError(f"unknown import kind {k}")
            self.imports.append(Import(module, field, kind, desc))

    def export(self, name):
        """(kind, type) of export `name` (bytes), or None."""
        e = self.exports.get(name)
        if e is None:
            return None
        kind, i = e
        space = {"func": self.funcs, "table": self.tables, "memory": self.mems,
                 "global": self.globals}.get(kind)
        if space is None or i >= len(space):
            return (kind, None)
        return (kind, space[i])


def mangle(name):
    """A Wasm name (bytes) as part of a C identifier (docs/generated-c.md)."""
    if not name:
        return "_x"
    out = []
    n = len(name)
    for i, c in enumerate(name):
        alnum = (0x61 <= c <= 0x7A) or (0x41 <= c <= 0x5A) or (0x30 <= c <= 0x39)
        if c == 0x5F:
            nxt = name[i + 1] if i + 1 < n else None
            keep = (i > 0 and nxt is not None and nxt != 0x78 and
                    ((0x61 <= nxt <= 0x7A) or (0x41 <= nxt <= 0x5A) or (0x30 <= nxt <= 0x39)))
        else:
            keep = alnum and not (i == 0 and 0x30 <= c <= 0x39)
        out.append(chr(c) if keep else f"_x{c:02x}")
    return "".join(out)


def ret_ctype(results):
    if not results:
        return "void"
    if len(results) == 1:
        return CTYPE[results[0]]
    return "struct sandc_ret_" + "".join(LETTER[t] for t in results)
