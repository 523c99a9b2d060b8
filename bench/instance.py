"""bench/instance.py - what an instance costs, for bench/run: creating and
freeing an instance of bench/micro.wat's module, a checked call of its empty
export and a raw call, in ns (bench/micro.c through sandc in each mode with
clang and gcc, and with -DMICRO_WASM2C through wasm2c in its two modes).
"""
import glob
import os
import re
import shutil
import subprocess

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
OUT = os.path.join('build', 'bench', 'micro')
WABT_RT = '/usr/share/wabt/wasm2c'
FIGURES = ('instantiate_ns', 'checked_call_ns', 'raw_call_ns')


def measure(build, sandc, modes, want_wasm2c):
    """[(variant, {figure: ns} or None, why)].  build(out, cmd, inputs) is
    bench/run's cached builder (None on success, else the error text)."""
    wat = os.path.join(OUT, 'micro.wasm')
    if not shutil.which('wat2wasm'):
        return [('all', None, 'wat2wasm is missing (install wabt)')]
    err = build(wat, ['wat2wasm', 'bench/micro.wat', '-o', wat], ['bench/micro.wat'])
    if err:
        return [('all', None, 'wat2wasm: ' + err.strip().splitlines()[-1])]
    rows = []
    gen = os.path.join(OUT, 'sandc', 'micro.c')
    err = build(gen, [sandc, wat, '-n', 'micro', '-o', gen], [sandc, wat])
    runtime = sorted(glob.glob('rt/*.c', root_dir=ROOT))
    headers = sorted(glob.glob('include/*.h', root_dir=ROOT))
    for mode in modes:
        for cc in ('clang', 'gcc'):
            v = 'sandc-%s-%s' % (mode, cc)
            if err:
                rows.append((v, None, 'sandc: ' + err.strip().splitlines()[-1]))
                continue
            exe = os.path.join(OUT, v)
            cerr = build(exe, [cc, '-std=c99', '-O2', '-I', 'include', '-I', os.path.dirname(gen),
                               '-DSANDC_MEMORY_MODE=SANDC_' + mode.upper(), 'bench/micro.c',
                               gen] + runtime + ['-o', exe, '-lm'],
                         ['bench/micro.c', gen, gen[:-2] + '.h'] + runtime + headers)
            rows.append((v,) + (run(exe) if not cerr else (None, 'build failed: ' + cerr[-300:])))
    if want_wasm2c:
        gen = os.path.join(OUT, 'wasm2c', 'micro.c')
        err = build(gen, ['wasm2c', wat, '-n', 'micro', '-o', gen], [wat])
        for v, flags in (('wasm2c-guard', []),
                         ('wasm2c-check', ['-DWASM_RT_MEMCHECK_SIGNAL_HANDLER=0'])):
            if err:
                rows.append((v, None, 'wasm2c: ' + err.strip().splitlines()[-1]))
                continue
            exe = os.path.join(OUT, v)
            impl = WABT_RT + '/wasm-rt-impl.c'
            cerr = build(exe, ['clang', '-O2', '-w', '-DMICRO_WASM2C', '-I', WABT_RT, '-I',
                               os.path.dirname(gen)] + flags + ['bench/micro.c', gen, impl,
                                                                '-o', exe, '-lm'],
                         ['bench/micro.c', gen, gen[:-2] + '.h', impl])
            rows.append((v,) + (run(exe) if not cerr else (None, 'build failed: ' + cerr[-300:])))
    return rows


def run(exe):
    p = subprocess.run([os.path.join(ROOT, exe)], cwd=ROOT, capture_output=True, text=True)
    got = dict(re.findall(r'(\w+_ns) ([\d.]+)', p.stdout))
    if p.returncode != 0 or set(got) != set(FIGURES):
        lines = (p.stderr or p.stdout).strip().splitlines() or ['no output']
        return None, 'exit status %d: %s' % (p.returncode, lines[-1])
    return {k: float(x) for k, x in got.items()}, None


def report(rows):
    """Markdown lines: one row per variant."""
    lines = ['## Instances: create + free, and calls (ns, best of 7 rounds)', '',
             'bench/micro.wat: one page of memory with a data segment, a 4-entry table '
             'with an element segment, a global; `empty` is an export with an empty body. '
             'A checked call sets up a trap scope (sandc: the export\'s `__checked` '
             'wrapper; wasm2c: `wasm_rt_impl_try`) each time; a raw call runs inside one '
             'scope. Targets: instantiate + free under 1000 ns, a checked call under 5 ns.',
             '', '| variant | instantiate + free | checked empty call | raw empty call |',
             '|---|---:|---:|---:|']
    for v, fig, why in rows:
        if fig is None:
            lines.append('| %s | %s | | |' % (v, why.replace('|', '/')[:200]))
        else:
            lines.append('| %s | %.0f | %.2f | %.2f |' % (
                v, fig['instantiate_ns'], fig['checked_call_ns'], fig['raw_call_ns']))
    lines += ['', 'wasm2c-guard: wabt 1.0.32\'s runtime unmaps only the accessible part of an '
              'instance\'s 8 GiB reservation, so it leaks address space (a process runs out '
              'after about 16,000 instances), and its trap point is `sigsetjmp(.., 1)`, '
              'which saves the signal mask with a system call.', '']
    return lines


def summary(rows):
    """'instance: ...' for the last lines of bench/run, over sandc's rows."""
    got = [(v, f) for v, f, _ in rows if f and v.startswith('sandc-')]
    if not got:
        return 'instance: n/a'
    worst = {k: max(f[k] for _, f in got) for k in FIGURES}
    return ('instance (sandc, slowest mode and compiler): instantiate + free %.0f ns, '
            'checked call %.2f ns, raw call %.2f ns' % (
                worst['instantiate_ns'], worst['checked_call_ns'], worst['raw_call_ns']))
