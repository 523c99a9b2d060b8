#!/usr/bin/env python3
"""Replay the fuzzing inputs through the sanitizer build.

Every file in fuzz/corpus/ (the seed corpus) and fuzz/crashes/ (inputs that
once crashed or hung sandc, kept as regression tests) is run through `sandc --check FILE` three times, as the
fuzz harness (fuzz/afl_check.c) runs it: with the default features, with
--enable-all, and with every default feature disabled (the MVP; the list
comes from `sandc --help`).  Each run must:

  - exit 0 (valid) or 1 (invalid), within TIMEOUT seconds;
  - on exit 1, print exactly one error line "FILE:0xOFF: error: ..." on
    stderr; any other stderr line must be a "FILE:0xOFF: warning: ..." line
    (a malformed name section is dropped with a warning, and the module can
    still fail validation afterwards);
  - on exit 0, print nothing on stderr but warning lines;
  - print nothing on stdout, and no sanitizer, leak or internal-error report.

One test point per GROUP files of each directory (every file is checked; a
failing point lists the files and what went wrong).  Runs in parallel:
FUZZ_REPLAY_JOBS (default: the number of CPUs).  SANDC overrides the binary.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

GROUP = 100
TIMEOUT = 60

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sandc = os.environ.get("SANDC", os.path.join(root, "build", "asan", "sandc"))
if not (os.path.isfile(sandc) and os.access(sandc, os.X_OK)):
    print(f"1..0 # SKIP {sandc} is not built (run ninja)")
    sys.exit(0)

# Run a private copy, so a rebuild of the binary while the test runs (the
# linker rewrites it in place) cannot make runs fail half-way.
tmpdir = tempfile.TemporaryDirectory(prefix="fuzz_replay.")
sandc_copy = os.path.join(tmpdir.name, "sandc")
shutil.copy2(sandc, sandc_copy)

dirs = []
for sub in ("corpus", "crashes"):
    d = os.path.join(root, "fuzz", sub)
    if os.path.isdir(d):
        files = sorted(f for f in os.listdir(d)
                       if os.path.isfile(os.path.join(d, f)))
        dirs.append((f"fuzz/{sub}", d, files))
if not any(files for _, _, files in dirs):
    print("1..0 # SKIP fuzz/corpus/ is empty (run fuzz/make-corpus)")
    sys.exit(0)

# Distinct exit codes for sanitizer reports (both default to 1, which is
# also sandc's "invalid module"); the output check below catches them too.
env = dict(os.environ)
env["ASAN_OPTIONS"] = ("exitcode=86:abort_on_error=0:detect_leaks=1:"
                       + env.get("ASAN_OPTIONS", ""))
env["UBSAN_OPTIONS"] = ("exitcode=87:print_stacktrace=1:halt_on_error=1:"
                        + env.get("UBSAN_OPTIONS", ""))
env["LSAN_OPTIONS"] = "exitcode=88:" + env.get("LSAN_OPTIONS", "")

SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehavior"
                       r"Sanitizer|runtime error:|internal error|==\d+==")

def default_features():
    """The features `sandc --help` lists as on by default."""
    try:
        p = subprocess.run([sandc_copy, "--help"], capture_output=True, env=env,
                           timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return []
    text = p.stdout.decode("utf-8", "replace")
    text = text.split("\nfeatures", 1)[-1]
    return re.findall(r"^  ([a-z0-9-]+) +on$", text, re.M)


MODES = (("default", []), ("--enable-all", ["--enable-all"]),
         ("mvp", [f"--disable-{f}" for f in default_features()]))


def run_one(path):
    """All modes for one file: a list of problems (empty if fine)."""
    problems = []
    for label, flags in MODES:
        cmd = [sandc_copy, "--check", *flags, path]
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                               capture_output=True, env=env, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            problems.append(f"[{label}] timed out after {TIMEOUT}s (hang)")
            continue
        except OSError as e:
            problems.append(f"[{label}] cannot run {sandc}: {e}")
            continue
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        lines = err.splitlines()
        esc = re.escape(path)
        errors = [l for l in lines if re.match(esc + r":0x[0-9a-f]+: error: ", l)]
        warns = [l for l in lines if re.match(esc + r":0x[0-9a-f]+: warning: ", l)]
        other = len(lines) - len(errors) - len(warns)
        why = None
        if SANITIZER.search(err):
            why = "sanitizer or internal-error report"
        elif p.returncode not in (0, 1):
            why = f"exit {p.returncode}"
        elif out:
            why = "output on stdout"
        elif p.returncode == 1 and len(errors) != 1:
            why = f"exit 1 with {len(errors)} error lines (want 1)"
        elif p.returncode == 0 and errors:
            why = "exit 0 with an error line"
        elif other:
            why = f"{other} stderr lines that are neither error nor warning"
        if why:
            tail = "\n".join((err.splitlines() or ["(no stderr)"])[:30])
            problems.append(f"[{label}] {why}; stderr:\n{tail}")
    return problems


jobs = int(os.environ.get("FUZZ_REPLAY_JOBS", "0")) or os.cpu_count() or 2
points = []  # (description, [(file, problems)])
with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
    for name, d, files in dirs:
        for i in range(0, len(files), GROUP):
            chunk = files[i:i + GROUP]
            futs = [pool.submit(run_one, os.path.join(d, f)) for f in chunk]
            desc = (f"{name}: files {i + 1}-{i + len(chunk)} of {len(files)} "
                    f"({chunk[0]} .. {chunk[-1]})")
            points.append((desc, list(zip(chunk, futs))))

    print(f"1..{len(points)}")
    failed = 0
    for n, (desc, results) in enumerate(points, 1):
        bad = [(f, fut.result()) for f, fut in results]
        bad = [(f, probs) for f, probs in bad if probs]
        if not bad:
            print(f"ok {n} - {desc}")
            continue
        failed += 1
        print(f"not ok {n} - {desc}: {len(bad)} failing")
        for f, probs in bad:
            for prob in probs:
                first, *rest = prob.splitlines()
                print(f"# {f}: {first}")
                for line in rest:
                    print(f"#     {line}")
        sys.stdout.flush()

sys.exit(1 if failed else 0)
