#!/usr/bin/env python3
"""Spec-suite execution test for `ninja test`, speaking TAP.

Runs `tests/spec/run --mode check --cc cc` over the core files the emitter
and the runtime pass completely (lib/files.py: every core file but the
simd_* ones) and reports one test point per file.  It fails if any listed
file fails.  `tests/spec/run --mode check --cc cc` with no files shows how
every core file does.

Env: EXEC_CC (default cc), EXEC_CFLAGS (default -O2), EXEC_MODE (default
check), and what tests/spec/run reads (SANDC, SPEC_TESTSUITE, ...).
"""

import os
import subprocess
import sys
from pathlib import Path


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))
from files import ALL as FILES  # noqa: E402


def main():
    cmd = [sys.executable, str(HERE / "run"),
           "--mode", os.environ.get("EXEC_MODE") or "check",
           "--cc", os.environ.get("EXEC_CC") or "cc",
           "--cflags", os.environ.get("EXEC_CFLAGS") or "-O2"] + FILES
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         text=True)
    summary = None
    for line in p.stdout:
        line = line.rstrip("\n")
        if line.startswith("spec: "):
            summary = line
            line = "# " + line  # a comment to TAP
        print(line, flush=True)
    rc = p.wait()
    if rc != 0 and summary is None:
        print(f"# tests/spec/run exited {rc} without a summary")
    return rc


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
