#!/usr/bin/env python3
"""Spec-suite validation test for `sandc --check`, speaking TAP.

Converts the WebAssembly spec test suite (.wast) to JSON + .wasm with wabt's
wast2json and checks sandc's verdict on every module command: valid modules
must be accepted, assert_invalid and binary assert_malformed modules rejected
with one positioned error line. Execution commands (assert_return,
assert_trap, ...) are left to the execution runner.

Usage:  tests/spec/validate.t [FILE.wast ...]     (or through prove)
Env:    SANDC, SPEC_TESTSUITE, SPEC_PROPOSALS=0, SANDC_TIMEOUT
        (see tests/spec/README.md)
"""

import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# ---- proposals ---------------------------------------------------------------
# Directory under <suite>/proposals/ -> (feature flag, disabled).
# The flag is passed both to wast2json and to sandc (same name in both);
# SANDC_EXTRA adds flags for sandc alone.
# To disable a proposal, put a reason string instead of None: each of its
# files then becomes one "# SKIP reason" test point.
PROPOSALS = {
    "tail-call":          ("--enable-tail-call",      None),
    "extended-const":     ("--enable-extended-const", None),
    "multi-memory":       ("--enable-multi-memory",   None),
    "memory64":           ("--enable-memory64",       None),
    "threads":            ("--enable-threads",        None),
    "relaxed-simd":       ("--enable-relaxed-simd",   None),
    "exception-handling": ("--enable-exceptions",     None),
}

# Single files to skip ("DIR/FILE.wast" for proposals, "FILE.wast" for core)
# -> reason. They are not converted; each becomes one "# SKIP" test point.
SKIP_FILES = {
    "relaxed-simd/relaxed_dot_product.wast":
        "wast2json 1.0.32 cannot convert it "
        "(no f32x4.relaxed_dot_bf16x8_add_f32x4)",
}

# Extra sandc flags per proposal directory.  The threads proposal's tests
# predate reference types (they expect "multiple tables" to be invalid), so
# they run as the proposal defines them: without reference types.
SANDC_EXTRA = {
    "threads": ["--disable-reference-types"],
}

TEXT_SKIP = "text-format module (sandc reads binary modules only)"
# Seconds per sandc run (the sanitizer build is slow); env SANDC_TIMEOUT.
TIMEOUT = float(os.environ.get("SANDC_TIMEOUT") or 120)

# ---------------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))
from files import suite_dir  # noqa: E402
import jsoncache  # noqa: E402
JSON_DIR = ROOT / "build" / "spec-json"

# Commands whose module sandc must accept / reject.  Everything else in the
# JSON (assert_return, action, register, assert_trap, ...) is execution.
EXPECT_VALID = {"module", "assert_unlinkable", "assert_uninstantiable"}
EXPECT_INVALID = {"assert_invalid", "assert_malformed"}

out = sys.stdout


def emit(line):
    out.write(line + "\n")


def diag(text):
    for line in str(text).splitlines() or [""]:
        emit("# " + line)


class Source:
    """One .wast file: where it is, its label, and the feature flags."""

    def __init__(self, path, tag, flags, skip=None):
        self.path = path
        self.tag = tag  # "core", a proposal directory, or "other"
        self.flags = flags
        self.skip = skip  # reason, or None
        self.label = path.name if tag in ("core", "other") else f"{tag}/{path.name}"
        self.json = None  # converted .json, or None
        self.conv_error = None  # why the conversion failed


def find_sources(suite, args):
    if args:
        sources = []
        for a in args:
            p = Path(a)
            for alt in (suite / a, suite / "proposals" / a):  # "x.wast", "memory64/x.wast"
                if not p.is_file() and alt.is_file():
                    p = alt
            if not p.is_file():
                emit(f"Bail out! no such file: {a}")
                sys.exit(2)
            p = p.resolve()
            if p.parent == suite:
                sources.append(core_source(p))
            elif p.parent.parent == suite / "proposals":
                if p.parent.name not in PROPOSALS:
                    emit(f"Bail out! {a}: proposal '{p.parent.name}' is not in "
                         f"the PROPOSALS table of {Path(__file__).name}")
                    sys.exit(2)
                sources.append(proposal_source(p))
            else:  # a .wast outside the suite: default features
                sources.append(Source(p, "other", []))
        unique = {s.path: s for s in reversed(sources)}  # first one wins
        return [s for s in sources if unique[s.path] is s]
    sources = [core_source(p) for p in sorted(suite.glob("*.wast"))]
    if os.environ.get("SPEC_PROPOSALS", "1") != "0":
        for name in PROPOSALS:
            d = suite / "proposals" / name
            files = sorted(d.glob("*.wast"))
            if not files:
                diag(f"proposal {name}: no .wast files in {d}")
            sources += [proposal_source(p) for p in files]
    return sources


def core_source(p):
    s = Source(p, "core", [])
    s.skip = SKIP_FILES.get(s.label)
    return s


def proposal_source(p):
    flag, disabled = PROPOSALS[p.parent.name]
    s = Source(p, p.parent.name, [flag])
    s.skip = disabled or SKIP_FILES.get(s.label)
    return s


def convert(wast2json, src):
    """Convert src into build/spec-json/<tag>/<name>/, reusing a fresh cache.

    A conversion counts only if wast2json exits 0 and writes nothing on
    stderr (see ORIGIN.md in the suite)."""
    stem = src.path.stem
    dest = JSON_DIR / src.tag / stem
    args = jsoncache.args_of(src.path, src.flags)
    if jsoncache.fresh(dest, src.path, args):
        src.json = dest / f"{stem}.json"
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{stem}.", dir=dest.parent))
    try:
        cmd = [wast2json] + src.flags + [str(src.path), "-o", str(tmp / f"{stem}.json")]
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True)
        err = r.stderr.decode(errors="replace")
        if r.returncode != 0 or err:
            src.conv_error = (f"$ {' '.join(cmd)}\nexit {r.returncode}\n"
                              + (err.rstrip() or "(no stderr)"))
            return
        src.json = jsoncache.publish(tmp, dest, src.path, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class Point:
    """One TAP test point."""

    def __init__(self, desc, kind, wasm=None, flags=(), expected="", skip=None,
                 failure=None):
        self.desc = desc
        self.kind = kind  # "valid", "invalid", "skip", "fail"
        self.wasm = wasm
        self.flags = list(flags)
        self.expected = expected
        self.skip = skip
        self.failure = failure


def plan_file(src):
    """The test points of one file, and its count of execution commands
    (None when the file was skipped or could not be read)."""
    if src.skip:
        return [Point(src.label, "skip", skip=src.skip)], None
    if src.json is None:
        return [Point(f"{src.label} wast2json conversion", "fail",
                      failure=src.conv_error)], None
    try:
        commands = json.loads(src.json.read_text())["commands"]
    except (OSError, ValueError, KeyError) as e:
        return [Point(f"{src.label} read {src.json}", "fail", failure=str(e))], None
    points, executed = [], 0
    flags = src.flags + SANDC_EXTRA.get(src.tag, [])
    for c in commands:
        t = c.get("type")
        where = f"{src.label}:{c.get('line', '?')}"
        desc = f"{where} {t}"
        if t not in EXPECT_VALID and t not in EXPECT_INVALID:
            executed += 1
            continue
        if c.get("module_type", "binary") != "binary":
            points.append(Point(desc, "skip", skip=TEXT_SKIP))
            continue
        wasm = src.json.parent / c["filename"]
        if t in EXPECT_VALID:
            exp = "valid module" if t == "module" else f'valid module ({t}: "{c.get("text", "")}")'
            points.append(Point(desc, "valid", wasm, flags, exp))
        else:
            points.append(Point(desc, "invalid", wasm, flags,
                                f'{t}: "{c.get("text", "")}"'))
    return points, executed


# LeakSanitizer at exit doubles the cost of each of these thousands of runs;
# tests/cli.t and tests/fuzz_replay.t keep leak checking on.
SANDC_ENV = dict(os.environ)
SANDC_ENV.setdefault("ASAN_OPTIONS", "detect_leaks=0")


def run_sandc(sandc, p):
    """Run sandc on one point; returns (ok, diagnostic text)."""
    path = str(p.wasm)
    cmd = [sandc, "--check"] + p.flags + [path]
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=TIMEOUT, env=SANDC_ENV)
        rc, err = r.returncode, r.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        rc, err = None, (e.stderr or b"").decode(errors="replace")
        problems = [f"timed out after {TIMEOUT}s"]
    except OSError as e:
        rc, err = None, ""
        problems = [f"cannot run sandc: {e}"]
    else:
        problems = []
    if rc is not None and rc < 0:
        problems.append(f"killed by signal {-rc}")
    if "Sanitizer" in err or "runtime error" in err:
        problems.append("sanitizer report on stderr")
    if rc is not None and rc >= 0:
        if p.kind == "valid":
            if rc != 0:
                problems.append("expected exit 0")
            elif any(": warning: " not in l for l in err.splitlines()):
                problems.append("stderr has lines that are not warnings")
        else:
            if rc != 1:
                problems.append("expected exit 1")
            elif not re.fullmatch(re.escape(path) + r":0x[0-9a-f]+: error: [^\n]+\n", err):
                problems.append("stderr is not exactly one newline-terminated "
                                "line 'PATH:0xHEX: error: MESSAGE' "
                                "(PATH as passed, hex in lowercase)")
    if not problems:
        return True, ""
    rcs = "none" if rc is None else str(rc)
    text = (f"expected: {p.expected}\n"
            f"problem: {'; '.join(problems)}\n"
            f"exit: {rcs}\n"
            f"command: {' '.join(cmd)}\n"
            f"stderr:" + (" (empty)" if not err else "\n" + err.rstrip("\n")))
    return False, text


def main():
    suite = suite_dir(ROOT)
    sandc = os.environ.get("SANDC") or str(ROOT / "build" / "asan" / "sandc")
    wast2json = shutil.which("wast2json")
    if not wast2json:
        emit("1..0 # SKIP wast2json not found (install wabt)")
        return 0
    if not suite.is_dir():
        emit(f"1..0 # SKIP spec test suite not found: {suite} (set SPEC_TESTSUITE)")
        return 0
    suite = suite.resolve()
    if not (os.path.isfile(sandc) and os.access(sandc, os.X_OK)):
        emit(f"Bail out! sandc not built: {sandc} (run ninja, or set SANDC)")
        return 2

    sources = find_sources(suite, sys.argv[1:])
    pool = concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1)
    try:
        return run_all(pool, wast2json, sandc, sources)
    finally:  # on Ctrl-C, do not start the queued runs
        pool.shutdown(wait=True, cancel_futures=True)


def run_all(pool, wast2json, sandc, sources):
    list(pool.map(lambda s: convert(wast2json, s),
                  [s for s in sources if not s.skip]))

    files = [(src,) + plan_file(src) for src in sources]
    total = sum(len(points) for _, points, _ in files)
    emit(f"1..{total}")
    out.flush()

    # Start every sandc run now; print the results in order as they come.
    futures = [[pool.submit(run_sandc, sandc, p) if p.kind in ("valid", "invalid")
                else None for p in points] for _, points, _ in files]
    n = passed = failed = skipped = 0
    for (src, points, executed), futs in zip(files, futures):
        if executed is not None:
            diag(f"{src.label}: {executed} execution commands are checked "
                 f"by the execution runner, not here")
        for p, f in zip(points, futs):
            n += 1
            if p.kind == "skip":
                emit(f"ok {n} - {p.desc} # SKIP {p.skip}")
                skipped += 1
                continue
            ok, text = f.result() if f else (False, p.failure or "")
            if ok:
                emit(f"ok {n} - {p.desc}")
                passed += 1
            else:
                emit(f"not ok {n} - {p.desc}")
                diag(text)
                failed += 1
        out.flush()
    emit(f"# validate: {passed} passed, {failed} failed, {skipped} skipped")
    out.flush()
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # e.g. piped into head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
