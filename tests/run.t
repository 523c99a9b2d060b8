#!/usr/bin/env python3
"""`sandc run`: the command-line contract.

Small WASI commands written in the text format (wat2wasm) run in every
memory mode; a C program built with clang --target=wasm32-wasi runs with
arguments and environment when that toolchain is installed.  Checks exit
statuses (the program's, 134 for a trap, 1 and 2 for sandc's own errors),
the messages, the cache (a hit, --rebuild, nothing left behind by a failed
compile) and that modules which are not WASI commands are refused before
anything is compiled.  Uses a private cache directory (SANDC_CACHE_DIR).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SANDC = os.environ.get("SANDC", os.path.join(ROOT, "build", "asan", "sandc"))

n = 0
failed = 0


def ok(cond, name, diag=""):
    global n, failed
    n += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {name}")
    if not cond:
        failed += 1
        for line in str(diag).splitlines()[:30]:
            print(f"#   {line}")
    return cond


def skip(name, why):
    global n
    n += 1
    print(f"ok {n} - {name} # SKIP {why}")


if not os.access(SANDC, os.X_OK):
    print(f"1..0 # SKIP {SANDC} is not built (run ninja)")
    sys.exit(0)
if not shutil.which("wat2wasm"):
    print("1..0 # SKIP wat2wasm not found (install wabt)")
    sys.exit(0)
if not shutil.which(os.environ.get("CC", "cc").split()[0]):
    print("1..0 # SKIP no C compiler ($CC, default cc)")
    sys.exit(0)

tmp = tempfile.TemporaryDirectory(prefix="sandc-run-test.")
T = tmp.name
CACHE = os.path.join(T, "cache")
ENV = dict(os.environ, SANDC_CACHE_DIR=CACHE)


def run(args, env=None, stdin=None, cwd=T):
    p = subprocess.run([SANDC, "run", *args], cwd=cwd, env=env or ENV,
                       input=stdin, capture_output=True, text=True,
                       timeout=600)
    return p.returncode, p.stdout, p.stderr


def show(r):
    return f"exit {r[0]}\nstdout: {r[1]!r}\nstderr: {r[2]}"


def wat(name, text):
    src = os.path.join(T, name + ".wat")
    out = os.path.join(T, name + ".wasm")
    with open(src, "w") as f:
        f.write(text)
    subprocess.run(["wat2wasm", src, "-o", out], check=True)
    return name + ".wasm"


def leftovers():
    """Anything in the cache but finished binaries (64 hex digits)."""
    if not os.path.isdir(CACHE):
        return []
    return [e for e in os.listdir(CACHE) if not re.fullmatch(r"[0-9a-f]{64}", e)]


# ---- the hello sample written in the text format -----------------------------
hello = os.path.relpath(os.path.join(ROOT, "samples", "hello-wasi.wat"), T)
subprocess.run(["wat2wasm", hello, "-o", os.path.join(T, "hello.wasm")],
               cwd=T, check=True)
for mode in ("guard", "check", "mask"):
    r = run(["--mode", mode, "hello.wasm"])
    ok(r == (0, "hello, world\n", ""), f"hello-wasi runs in {mode} mode", show(r))

r = run(["-v", "--mode", "check", "hello.wasm"])
ok(r[0] == 0 and "cache hit" in r[2], "a second run is a cache hit", show(r))
r = run(["-v", "--rebuild", "--mode", "check", "hello.wasm"])
ok(r[0] == 0 and "compiling" in r[2] and "cache hit" not in r[2],
   "--rebuild compiles again", show(r))
ok(leftovers() == [], "the cache holds only binaries", leftovers())
# A rebuilt sandc (here: a copy, then its modification time changed) does
# not reuse what an earlier build compiled.
if os.path.exists("/proc/self/exe"):
    copy = os.path.join(T, "sandc-copy")
    shutil.copy2(SANDC, copy)
    p = subprocess.run([copy, "run", "-v", "--mode", "check", "hello.wasm"], cwd=T,
                       env=ENV, capture_output=True, text=True, timeout=600)
    first = (p.returncode, p.stdout, p.stderr)
    os.utime(copy, (0, 0))
    p = subprocess.run([copy, "run", "-v", "--mode", "check", "hello.wasm"], cwd=T,
                       env=ENV, capture_output=True, text=True, timeout=600)
    again = (p.returncode, p.stdout, p.stderr)
    ok(first[0] == 0 and "compiling" in first[2] and again[0] == 0 and
       "compiling" in again[2] and "cache hit" not in again[2],
       "another sandc executable compiles anew", show(first) + "\n" + show(again))
else:
    skip("another sandc executable compiles anew", "no /proc/self/exe")

# ---- exit statuses -------------------------------------------------------------
PRE = """(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
"""
wat("exit7", PRE + """  (func (export "_start") (call $exit (i32.const 7)) unreachable))""")
r = run(["exit7.wasm"])
ok(r[0] == 7 and r[2] == "", "proc_exit(7) exits 7", show(r))

wat("trap", PRE + """  (func (export "_start") unreachable))""")
r = run(["trap.wasm"])
ok(r[0] == 134 and r[2] == "trap.wasm: trap: unreachable executed\n",
   "a trap exits 134 with 'PROG.wasm: trap: REASON'", show(r))

wat("oob", PRE + """  (func (export "_start") (drop (i32.load (i32.const 65536)))))""")
for mode in ("guard", "check"):
    r = run(["--mode", mode, "oob.wasm"])
    ok(r[0] == 134 and "oob.wasm: trap: out of bounds memory access" in r[2],
       f"an out-of-bounds load traps in {mode} mode", show(r))

wat("noimports", """(module (memory (export "memory") 1)
  (func (export "_start") (drop (i32.div_u (i32.const 1) (i32.const 0)))))""")
r = run(["noimports.wasm"])
ok(r[0] == 134 and r[2] == "noimports.wasm: trap: integer divide by zero\n",
   "a command that imports nothing runs", show(r))

wat("deep", PRE + """  (func $f (call $f))
  (func (export "_start") (call $f)))""")
r = run(["deep.wasm"])
ok(r[0] == 134 and "deep.wasm: trap: call stack exhausted" in r[2],
   "unbounded recursion traps, the host stack survives", show(r))

# ---- modules that are not WASI commands ------------------------------------
wat("nostart", """(module (memory (export "memory") 1) (func (export "main")))""")
r = run(["nostart.wasm"])
ok(r[0] == 1 and re.match(r"nostart\.wasm:0x[0-9a-f]+: error: not a WASI command", r[2])
   and "_start" in r[2], "no _start export: exit 1, said why", show(r))

wat("nomem", """(module (func (export "_start")))""")
r = run(["nomem.wasm"])
ok(r[0] == 1 and "not a WASI command" in r[2] and "memory" in r[2],
   "no memory export: exit 1, said why", show(r))

wat("envimport", """(module (import "env" "f" (func))
  (memory (export "memory") 1) (func (export "_start")))""")
r = run(["envimport.wasm"])
ok(r[0] == 1 and re.match(r'envimport\.wasm:0x[0-9a-f]+: error: import "env" "f": '
                          r'sandc run provides only', r[2]),
   "an import from another module: exit 1, positioned", show(r))

wat("badsig", """(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32)))
  (memory (export "memory") 1) (func (export "_start")))""")
r = run(["badsig.wasm"])
ok(r[0] == 1 and "wrong type" in r[2] and "(i32, i32, i32, i32) -> (i32)" in r[2],
   "a WASI import of the wrong type: exit 1, says the right type", show(r))

wat("nosuch", """(module (import "wasi_snapshot_preview1" "fd_frobnicate" (func))
  (memory (export "memory") 1) (func (export "_start")))""")
r = run(["nosuch.wasm"])
ok(r[0] == 1 and "no such function" in r[2], "an unknown WASI function: exit 1", show(r))

# An invalid function body is the error, before what sandc run lacks.
subprocess.run(["wat2wasm", "--no-check", "-o", os.path.join(T, "badbody.wasm"),
                "-"], check=True, text=True, input="""(module
  (import "env" "f" (func)) (memory (export "memory") 1)
  (func (export "_start") (i32.const 1)))""")
r = run(["badbody.wasm"])
ok(r[0] == 1 and re.match(r"badbody\.wasm:0x[0-9a-f]+: error: function 1: end: "
                          r"type mismatch", r[2]) and r[2].count("\n") == 1,
   "an invalid body and a foreign import: the body's error", show(r))

with open(os.path.join(T, "garbage.wasm"), "wb") as f:
    f.write(b"\0asm\1\0\0\0\1")
r = run(["garbage.wasm"])
ok(r[0] == 1 and re.match(r"garbage\.wasm:0x[0-9a-f]+: error: ", r[2]),
   "a malformed module: exit 1, positioned", show(r))

# ---- usage and environment errors -------------------------------------------
r = run([])
ok(r[0] == 2 and "no program" in r[2], "no program: exit 2", show(r))
r = run(["--mode", "fast", "hello.wasm"])
ok(r[0] == 2 and "unknown memory mode" in r[2], "a bad --mode: exit 2", show(r))
r = run(["--frob", "hello.wasm"])
ok(r[0] == 2 and "unknown option" in r[2], "an unknown option: exit 2", show(r))
r = run(["missing.wasm"])
ok(r[0] == 2 and "cannot open missing.wasm" in r[2], "a missing file: exit 2", show(r))
r = run(["--help"])
ok(r[0] == 0 and r[1].startswith("usage: sandc run"), "--help", show(r))

before = sorted(os.listdir(CACHE))
r = run(["--mode", "mask", "exit7.wasm"], env=dict(ENV, CC="false"))
ok(r[0] == 2 and "C compiler 'false' failed" in r[2], "a failing compiler: exit 2", show(r))
ok(sorted(os.listdir(CACHE)) == before, "a failed compile leaves nothing behind",
   sorted(set(os.listdir(CACHE)) - set(before)))
r = run(["--mode", "mask", "exit7.wasm"], env=dict(ENV, CC="/nonexistent/cc"))
ok(r[0] == 2 and "/nonexistent/cc" in r[2], "a missing compiler: exit 2", show(r))

# ---- a C program, built for wasm32-wasi ------------------------------------
hello_c = os.path.join(ROOT, "samples", "hello", "hello.c")
args_c = os.path.join(T, "args.c")
with open(args_c, "w") as f:
    f.write("""#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) printf("arg %d: %s\\n", i, argv[i]);
    const char *g = getenv("GREETING"), *h = getenv("HOME");
    printf("GREETING=%s HOME=%s\\n", g ? g : "(unset)", h ? h : "(unset)");
    return argc;
}
""")
p = subprocess.run(["clang", "--target=wasm32-wasi", "--sysroot=/usr", "-O2",
                    args_c, "-o", os.path.join(T, "args.wasm")],
                   capture_output=True, text=True) if shutil.which("clang") else None
if p is None or p.returncode != 0:
    why = "clang not found" if p is None else "clang --target=wasm32-wasi fails " \
        "(install lld-14, wasi-libc, libclang-rt-14-dev-wasm32)"
    skip("a C program's arguments, environment and exit status", why)
else:
    r = run(["--env", "GREETING=hi there", "args.wasm", "a b", "-v", "--"])
    want = ("arg 0: args.wasm\narg 1: a b\narg 2: -v\narg 3: --\n"
            "GREETING=hi there HOME=(unset)\n")
    ok(r == (4, want, ""), "a C program gets ARGS and only the --env "
       "variables; its exit status is main's", show(r))
    r = run(["--env", "HOME", "args.wasm"], env=dict(ENV, HOME="/home/x"))
    ok(r[0] == 1 and "HOME=/home/x" in r[1], "--env NAME passes this process's value",
       show(r))
    if os.path.isfile(hello_c):
        subprocess.run(["clang", "--target=wasm32-wasi", "--sysroot=/usr", "-O2",
                        hello_c, "-o", os.path.join(T, "hello-c.wasm")], check=True)
        r = run(["hello-c.wasm", "sandbox"])
        ok(r[0] == 0 and "sandbox" in r[1], "samples/hello/hello.c runs", show(r))

print(f"1..{n}")
sys.exit(1 if failed else 0)
