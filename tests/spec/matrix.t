#!/usr/bin/env python3
"""The spec suite's non-SIMD core files in every build configuration, as TAP.

exec.t runs the default configuration (check mode, cc -O2).  This test runs
the rest of the matrix through tests/spec/run, one test point per
configuration:

  guard and mask mode with gcc and clang at -O2, check mode with clang -O2,
  check mode with gcc -O0, and check mode with clang -fsanitize=address,
  undefined (the generated code, the runtime and the test driver all
  instrumented; any report fails the command that caused it).

A configuration passes when no command fails (mask mode skips the commands
that expect an out-of-bounds trap: it wraps such accesses instead).  It takes
long, so it runs only when SANDC_MATRIX=1 or CI=true; otherwise it says
`# SKIP`.  Each run's full TAP output goes to build/spec-run/matrix-N.log.
"""
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE / "lib"))
from files import CORE_NO_SIMD as FILES, suite_dir  # noqa: E402

SAN = "clang -fsanitize=address,undefined -fno-sanitize-recover=all"
CONFIGS = [
    ("guard", "gcc", "-O2"),
    ("guard", "clang", "-O2"),
    ("check", "clang", "-O2"),
    ("mask", "gcc", "-O2"),
    ("mask", "clang", "-O2"),
    ("check", "gcc", "-O0"),
    ("check", SAN, "-O1 -g"),
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
for n, (mode, cc, cflags) in enumerate(CONFIGS, 1):
    name = f"{mode} mode, {cc} {cflags}"
    log = ROOT / "build" / "spec-run" / f"matrix-{n}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    with open(log, "w") as out:
        rc = subprocess.call([sys.executable, str(HERE / "run"), "--mode", mode,
                              "--cc", cc, "--cflags", cflags] + FILES,
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
