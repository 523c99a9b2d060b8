#!/usr/bin/env python3
"""Spec-suite execution test for `ninja test`, speaking TAP.

Runs `tests/spec/run --mode check --cc cc` over the core files in FILES
below (the ones the emitter and the runtime pass completely) and reports one
test point per file.  It fails if any listed file fails.  Grow the list as
the emitter improves; `tests/spec/run --mode check --cc cc` with no files
shows how every core file does.

Env: EXEC_CC (default cc), EXEC_CFLAGS (default -O2), EXEC_MODE (default
check), and what tests/spec/run reads (SANDC, SPEC_TESTSUITE, ...).
"""

import os
import subprocess
import sys
from pathlib import Path

FILES = """
address.wast align.wast binary-leb128.wast binary.wast block.wast br.wast
br_if.wast br_table.wast bulk.wast call.wast call_indirect.wast
comments.wast const.wast conversions.wast custom.wast data.wast elem.wast
endianness.wast exports.wast f32.wast f32_bitwise.wast f32_cmp.wast
f64.wast f64_bitwise.wast f64_cmp.wast fac.wast float_exprs.wast
float_literals.wast float_memory.wast float_misc.wast forward.wast
func.wast func_ptrs.wast global.wast i32.wast i64.wast if.wast imports.wast
inline-module.wast int_exprs.wast int_literals.wast labels.wast
left-to-right.wast linking.wast load.wast local_get.wast local_set.wast
local_tee.wast loop.wast memory.wast memory_copy.wast memory_fill.wast
memory_grow.wast memory_init.wast memory_redundancy.wast memory_size.wast
memory_trap.wast names.wast nop.wast ref_func.wast ref_is_null.wast
ref_null.wast return.wast select.wast skip-stack-guard-page.wast stack.wast
start.wast store.wast switch.wast table-sub.wast table.wast table_copy.wast
table_fill.wast table_get.wast table_grow.wast table_init.wast
table_set.wast table_size.wast token.wast tokens.wast traps.wast type.wast
unreachable.wast unreached-invalid.wast unreached-valid.wast unwind.wast
utf8-custom-section-id.wast utf8-import-field.wast utf8-import-module.wast
utf8-invalid-encoding.wast
""".split()

HERE = Path(__file__).resolve().parent


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
