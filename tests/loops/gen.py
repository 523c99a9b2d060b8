#!/usr/bin/env python3
"""Random counted loops, for tests/loops.t.

  gen.py SEED    prints a module (text format) of random loops of the
                 shapes transpiler/loops.c writes twice, and exports that
                 call each with chosen arguments, each followed by a hash of
                 the memory

Most loops qualify; some do not (an address through i32.and, a count that
steps past its limit) and run checked.  The arguments put the accesses in
bounds, at the memory's end, past it, and where addresses wrap.  Every loop
has an access whose address moves each iteration, so it ends or traps within
2^16 iterations.  Binaryen's interpreter (wasm-opt --fuzz-exec-before) runs
the exports in order and is the oracle (tests/random/fuzzexec.py).
"""
import random
import sys

STEPS = [1, 1, 2, 4, 8, 3, -1, -2, -4]
LOADS = [("i32.load", 4, ""), ("i32.load8_u", 1, ""), ("i32.load16_s", 2, ""),
         ("i64.load", 8, "i32.wrap_i64"), ("i64.load32_u", 4, "i32.wrap_i64"),
         ("f32.load", 4, "i32.reinterpret_f32"),
         ("f64.load", 8, "i64.reinterpret_f64 i32.wrap_i64")]
STORES = [("i32.store", 4, ""), ("i32.store8", 1, ""), ("i32.store16", 2, ""),
          ("i64.store", 8, "i64.extend_i32_u"), ("i64.store16", 2, "i64.extend_i32_s"),
          ("f32.store", 4, "f32.reinterpret_i32"),
          ("f64.store", 8, "i64.extend_i32_u f64.reinterpret_i64")]


def wrap(ops, expr):
    for op in ops.split():
        expr = "(%s %s)" % (op, expr)
    return expr


class Loop:
    def __init__(self, r, k):
        self.r, self.k = r, k
        self.step = r.choice(STEPS)
        self.start = r.choice([0, 0, 1, 5, 100])  # $i's value on entry
        self.down = r.random() < 0.3  # the count $j, down to 0, is the test
        self.lines = []

    def address(self, moving):
        """An address: a parameter, the induction variable scaled, a constant."""
        r = self.r
        parts = ["(local.get $%s)" % r.choice("ab")]
        if moving or r.random() < 0.7:
            iv = "(local.get $i)"
            scale = r.choice([0, 0, 1, 2, 3])
            if scale:
                iv = "(i32.shl %s (i32.const %d))" % (iv, scale)
            elif r.random() < 0.2:
                iv = "(i32.mul %s (i32.const %d))" % (iv, r.choice([3, 5, 12]))
            parts.append(iv)
        if r.random() < 0.5:
            parts.append("(i32.const %d)" % r.choice([-8, -4, -1, 1, 4, 7, 16, 100]))
        r.shuffle(parts)
        expr = parts[0]
        for p in parts[1:]:
            expr = "(i32.%s %s %s)" % (r.choice(["add", "add", "sub"])
                                       if p.startswith("(i32.const") else "add", expr, p)
        if not moving and r.random() < 0.1:  # not affine: the loop runs checked
            expr = "(i32.and %s (i32.const 0xfff0))" % expr
        return expr

    def access(self, moving):
        r = self.r
        addr = self.address(moving)
        first = ""
        if r.random() < 0.2:  # through a local written just before
            first = "(local.set $t %s)\n      " % addr
            addr = "(local.get $t)"
        offset = r.choice([0, 0, 0, 0, 0, 4, 8, 16, 65530])
        off = " offset=%d" % offset if offset else ""
        if r.random() < 0.5:
            op, _, conv = r.choice(LOADS)
            self.lines.append(first + "(local.set $s (i32.add (i32.mul (local.get $s) "
                              "(i32.const 31)) %s))" % wrap(conv, "(%s%s %s)" % (op, off, addr)))
        else:
            op, _, conv = r.choice(STORES)
            self.lines.append(first + "(%s%s %s %s)" % (
                op, off, addr, wrap(conv, "(i32.add (local.get $s) (local.get $i))")))

    def text(self):
        r = self.r
        self.access(True)
        for _ in range(r.randint(0, 4)):
            self.access(r.random() < 0.6)
        r.shuffle(self.lines)
        inc = "(local.set $i (i32.add (local.get $i) (i32.const %d)))" % self.step
        if self.down:
            self.lines.insert(r.randint(0, len(self.lines)), inc)
            self.lines.append("(br_if $l (local.tee $j (i32.sub (local.get $j) (i32.const 1))))")
        else:
            # != the limit, or an ordering that a step its way reaches
            tests = ["ne", "ne"] + (["lt_u", "lt_s", "le_u", "le_s"] if self.step > 0
                                    else ["gt_u", "gt_s", "ge_u", "ge_s"])
            self.lines.append("(br_if $l (i32.%s (local.tee $i (i32.add (local.get $i) "
                              "(i32.const %d))) (local.get $c)))" % (r.choice(tests), self.step))
        body = "\n      ".join(self.lines)
        return ("  (func $f%d (param $a i32) (param $b i32) (param $c i32) (param $j i32)"
                " (result i32)\n"
                "    (local $i i32) (local $s i32) (local $t i32)\n"
                "    (if (i32.eqz (local.get $j)) (then (local.set $j (i32.const 1))))\n"
                "    (local.set $i (i32.const %d))\n"
                "    (loop $l\n      %s)\n"
                "    (i32.xor (local.get $s) (i32.add (local.get $i) (local.get $j))))\n"
                % (self.k, self.start, body))

    def args(self):
        """(a, b, count): two bases, and the iterations the test allows."""
        r = self.r
        bases = [0, 4, 64, 1000, 8000, 30000, 30001, r.randrange(0, 65536)] * 3 + [
            65536 - 64, 65536 - 8, 65535, 65536, 0xfffffff0, 0xfffffffc]
        return r.choice(bases), r.choice(bases), r.choice([1, 2, 3, 7, 16, 100, 1000])


def main():
    seed = int(sys.argv[1])
    r = random.Random(seed)
    funcs, exports = [], []
    for k in range(6):
        loop = Loop(r, k)
        funcs.append(loop.text())
        for m in range(4):
            a, b, count = loop.args()
            limit = (loop.start + loop.step * count) & 0xffffffff
            if r.random() < 0.15:
                limit = (limit + 1) & 0xffffffff  # missed: steps past it
            exports.append((k, m, a, b, limit, count))
    out = ["(module", "  (memory 1 1)"]
    data = bytes(r.randrange(256) for _ in range(256))
    out.append('  (data (i32.const 0) "%s")' % "".join("\\%02x" % x for x in data))
    out.append('  (data (i32.const 65280) "%s")' % "".join("\\%02x" % x for x in reversed(data)))
    out += funcs
    out.append("  (func $hash (result i32) (local $p i32) (local $h i32)\n"
               "    (loop $l\n"
               "      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load (local.get $p)))"
               " (i32.const 16777619)))\n"
               "      (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 4)))"
               " (i32.const 65536))))\n"
               "    (local.get $h))")
    for k, m, a, b, limit, j in exports:
        out.append('  (func (export "run%d_%d") (result i32) (call $f%d (i32.const %d) '
                   '(i32.const %d) (i32.const %d) (i32.const %d)))'
                   % (k, m, k, a, b, limit, j))
        out.append('  (func (export "hash%d_%d") (result i32) (call $hash))' % (k, m))
    out.append(")")
    print("\n".join(out))


if __name__ == "__main__":
    main()
