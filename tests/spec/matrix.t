#!/usr/bin/env python3
"""The spec suite's core files (SIMD included) and the relaxed-simd files in
every build configuration, as TAP.

exec.t runs the default configuration (check mode, cc -O2).  This test runs
the rest of the matrix through tests/spec/run, one test point per
configuration:

  guard and mask mode with gcc and clang at -O2, check mode with clang -O2,
  check mode with gcc -O0 (translated with --split 3: the functions in three
  more files, each compiled on its own), check mode with clang -fsanitize=address,
  undefined (the generated code, the runtime and the test driver all
  instrumented; any report fails the command that caused it), and check
  mode with gcc -O2 and the portable SIMD code (-DSANDC_SIMD_VECTOR=0, what
  compilers without vector extensions and big-endian hosts get);
  and cross-compiled, run under qemu-user, the SIMD files on aarch64 (NEON)
  and on s390x (big-endian).  A cross configuration whose
  compiler or emulator is not installed is a `# SKIP`.

A configuration passes when no command fails (mask mode skips the commands
that expect an out-of-bounds trap: it wraps such accesses instead).  It takes
long, so it runs only when SANDC_MATRIX=1 or CI=true; otherwise it says
`# SKIP`.  Each run's full TAP output goes to build/spec-run/matrix-N.log.
"""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE / "lib"))
from files import ALL, RELAXED_SIMD, SIMD, suite_dir  # noqa: E402

SAN = "clang -fsanitize=address,undefined -fno-sanitize-recover=all"
# (mode, cc, cflags, emulator, files[, split]): split N translates with
# `sandc --split N` and links the parts
CONFIGS = [
    ("guard", "gcc", "-O2", "", ALL),
    ("guard", "clang", "-O2", "", ALL),
    ("check", "clang", "-O2", "", ALL),
    ("mask", "gcc", "-O2", "", ALL),
    ("mask", "clang", "-O2", "", ALL),
    ("check", "gcc", "-O0", "", ALL, 3),
    ("check", SAN, "-O1 -g", "", ALL),
    ("check", "gcc", "-O2 -DSANDC_SIMD_VECTOR=0", "", SIMD + RELAXED_SIMD),
    ("check", "aarch64-linux-gnu-gcc", "-O2", "qemu-aarch64 -L /usr/aarch64-linux-gnu",
     SIMD + RELAXED_SIMD),
    # ISO C mode makes GCC for s390x compute floats in double (FLT_EVAL_METHOD 1)
    ("check", "s390x-linux-gnu-gcc", "-O2 -fexcess-precision=fast", "qemu-s390x -L /usr/s390x-linux-gnu",
     SIMD + RELAXED_SIMD),
]

if os.environ.get("SANDC_MATRIX") != "1" and os.environ.get("CI") != "true":
    print("1..0 # SKIP the build matrix runs with SANDC_MATRIX=1 or CI=true")
    sys.exit(0)

if not suite_dir(ROOT).is_dir():
    print(f"1..0 # SKIP spec test suite not found: {suite_dir(ROOT)} (set SPEC_TESTSUITE)")
    sys.exit(0)

print(f"1..{len(CONFIGS)}", flush=True)
failed = 0
env = dict(os.environ)
# The sanitizer configuration: reports abort the test binary; leak checking
# is off because a trap longjmps past the frees of the command being run.
env["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=1:" + env.get("ASAN_OPTIONS", "")
env["UBSAN_OPTIONS"] = "print_stacktrace=1:" + env.get("UBSAN_OPTIONS", "")
for n, (mode, cc, cflags, emu, files, *rest) in enumerate(CONFIGS, 1):
    split = rest[0] if rest else 0
    name = (f"{mode} mode, {cc} {cflags}" + (f", run by {emu.split()[0]}" if emu else "") +
            (f", split in {split} files" if split else ""))
    missing = [t for t in (cc.split()[0], emu.split()[0] if emu else "") if t and not shutil.which(t)]
    if missing:
        print(f"ok {n} - {name} # SKIP {' and '.join(missing)} not installed "
              f"(scripts/deps.sh lists the packages)", flush=True)
        continue
    log = ROOT / "build" / "spec-run" / f"matrix-{n}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    with open(log, "w") as out:
        rc = subprocess.call([sys.executable, str(HERE / "run"), "--mode", mode,
                              "--cc", cc, "--cflags", cflags, "--exec", emu,
                              "--split", str(split)] + files,
                             stdout=out, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, env=env)
    text = log.read_text(errors="replace")
    m = re.search(r"^spec: (\d+) passed, (\d+) failed, (\d+) skipped$", text, re.M)
    secs = time.time() - t0
    if rc == 0 and m and m.group(2) == "0":
        print(f"ok {n} - {name}: {m.group(0)} ({secs:.0f} s)")
        continue
    failed += 1
    print(f"not ok {n} - {name}: {m.group(0) if m else f'exit {rc}, no summary'}")
    bad = [l for l in text.splitlines() if l.startswith(("not ok", "# line", "Bail out"))]
    for l in bad[:40]:
        print(f"#   {l}")
    print(f"#   full output: {log}")
    sys.stdout.flush()
sys.exit(1 if failed else 0)
