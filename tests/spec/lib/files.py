"""Where the spec suite is, and lists of its files the tests run."""
import os
from pathlib import Path


def suite_dir(root):
    """$SPEC_TESTSUITE; else ../shared/spec-testsuite beside the repository
    (root); else /work/shared/spec-testsuite, for a clone made elsewhere on
    the development machine.  The first candidate if none exists."""
    env = os.environ.get("SPEC_TESTSUITE")
    if env:
        return Path(env)
    near = Path(root).resolve().parent / "shared" / "spec-testsuite"
    for p in (near, Path("/work/shared/spec-testsuite")):
        if p.is_dir():
            return p
    return near


# The 90 core files that are not simd_*: the emitter and the runtime pass
# every command of these (tests/spec/exec.t, tests/spec/matrix.t).
CORE_NO_SIMD = """
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
