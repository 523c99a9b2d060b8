"""bench/translate.py - translation and C build cost, for bench/run: sandc
against wasm2c 1.0.32 on a module of several MB, and the time and peak memory
a C compiler needs for each one's output at -O2, as one file and (sandc
--split) as several compiled in parallel; and, for scale, the same for the
program's own C compiled natively.

The module is bench/gen_module.py's program (bench/validate builds it),
compiled without SIMD: wasm2c 1.0.32 aborts on SIMD instructions.
"""
import concurrent.futures
import importlib.machinery
import importlib.util
import os
import shutil
import statistics
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
OUT = os.path.join(ROOT, 'build', 'bench', 'translate')
WABT_RT = '/usr/share/wabt/wasm2c'
MB = 1 << 20
QUICK_GEN = (100, 4, 20240601)    # functions, C files, seed: a small module
PARTS = 8                         # sandc --split PARTS


def validate_module():
    """bench/validate, a script without .py, as a module."""
    loader = importlib.machinery.SourceFileLoader('bench_validate',
                                                  os.path.join(BENCH, 'validate'))
    mod = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(mod)
    return mod


def c_size(paths):
    size = lines = 0
    for p in paths:
        with open(p, 'rb') as f:
            data = f.read()
        size += len(data)
        lines += data.count(b'\n')
    return size, lines


def code_bytes(path):
    """Bytes of machine code in an ELF64 little-endian object: the sizes of
    its executable sections.  None for any other format."""
    with open(path, 'rb') as f:
        elf = f.read()
    if elf[:4] != b'\x7fELF' or elf[4] != 2 or elf[5] != 1:
        return None
    shoff = int.from_bytes(elf[0x28:0x30], 'little')
    shentsize = int.from_bytes(elf[0x3a:0x3c], 'little')
    shnum = int.from_bytes(elf[0x3c:0x3e], 'little')
    total = 0
    for k in range(shnum):
        sh = elf[shoff + k * shentsize:shoff + (k + 1) * shentsize]
        flags = int.from_bytes(sh[8:16], 'little')
        if flags & 0x4:  # SHF_EXECINSTR
            total += int.from_bytes(sh[32:40], 'little')
    return total


def objects_code(paths):
    sizes = [code_bytes(p) for p in paths]
    return None if None in sizes else sum(sizes)


def measure(runrss, sandc, quick, runs, cc='clang'):
    """A dict of figures; runrss(argv) -> (wall s, cpu s, peak RSS bytes, exit)."""
    v = validate_module()
    wcc = v.find_wasm_cc()
    funcs, units, seed = QUICK_GEN if quick else v.DEFAULT_GEN
    wasm = v.build_generated(wcc, funcs, units, seed, False, simd=False)
    size, nfunc, nimp, code = v.module_info(wasm)
    res = {'module': os.path.relpath(wasm, ROOT), 'size': size, 'funcs': nfunc,
           'runs': runs, 'cc': cc}
    dirs = {k: os.path.join(OUT, k) for k in ('sandc', 'sandc1', 'wasm2c', 'split', 'native')}
    for d in dirs.values():
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    wasm2c = shutil.which('wasm2c')
    # sandc as it runs by default (one thread per processor), and on one
    # thread (-j 1), like wasm2c.
    tools = [('sandc', [sandc, wasm, '-n', 'gen', '-o', os.path.join(dirs['sandc'], 'gen.c')]),
             ('sandc1', [sandc, wasm, '-n', 'gen', '-j', '1', '-o',
                         os.path.join(dirs['sandc1'], 'gen.c')]),
             ('wasm2c', [wasm2c, wasm, '-n', 'gen', '-o', os.path.join(dirs['wasm2c'], 'gen.c')])]
    times = {k: [] for k, _ in tools}
    cpus = {k: [] for k, _ in tools}
    peak = {k: 0 for k, _ in tools}
    for r in range(runs):
        for name, argv in (tools if r % 2 == 0 else tools[::-1]):
            t, cpu, rss, code = runrss(argv)
            if code != 0:
                return {'error': '%s exited %d translating %s' % (name, code, res['module'])}
            times[name].append(t)
            cpus[name].append(cpu)
            peak[name] = max(peak[name], rss)
    for name in times:
        res[name + '_translate'] = statistics.median(times[name])
        res[name + '_translate_cpu'] = statistics.median(cpus[name])
        res[name + '_translate_rss'] = peak[name]
        res[name + '_c'] = c_size([os.path.join(dirs[name], 'gen.c'),
                                   os.path.join(dirs[name], 'gen.h')])
    t, _cpu, rss, code = runrss([sandc, wasm, '-n', 'gen', '--split', str(PARTS), '-o',
                                 os.path.join(dirs['split'], 'gen.c')])
    if code != 0:
        return {'error': 'sandc --split exited %d' % code}
    res['split_translate'] = t
    parts = ['gen.c'] + ['gen_%d.c' % k for k in range(1, PARTS + 1)]
    res['split_c'] = c_size([os.path.join(dirs['split'], p) for p in parts + ['gen.h']])

    # The C builds: -O2, each tool's guard mode (its default on this host).
    exe = shutil.which(cc)
    sandc_cmd = [exe, '-std=c99', '-O2', '-w', '-I', os.path.join(ROOT, 'include'),
                 '-DSANDC_MEMORY_MODE=SANDC_GUARD', '-c']
    # For scale, the program's own C (bench/validate keeps the generator's
    # files beside the module) compiled for this host, one file after
    # another: what the same program costs a C compiler without Wasm.
    srcdir = os.path.splitext(wasm)[0]
    native = sorted(f for f in os.listdir(srcdir) if f.endswith('.c')) \
        if os.path.isdir(srcdir) else []
    jobs = os.cpu_count() or 1
    builds = [('sandc', sandc_cmd, dirs['sandc'], dirs['sandc'], ['gen.c'], 1),
              ('wasm2c', [exe, '-O2', '-w', '-I', WABT_RT, '-c'], dirs['wasm2c'],
               dirs['wasm2c'], ['gen.c'], 1),
              ('split', sandc_cmd, dirs['split'], dirs['split'], parts, jobs),
              ('native', [exe, '-O2', '-w', '-c'], srcdir, dirs['native'], native, 1)]
    for name, cmd, src_dir, obj_dir, srcs, n in builds:
        if not srcs:
            continue

        def one(src):
            return runrss(cmd + [os.path.join(src_dir, src),
                                 '-o', os.path.join(obj_dir, src[:-2] + '.o')])
        with concurrent.futures.ThreadPoolExecutor(n) as ex:
            t0 = time.monotonic()
            got = list(ex.map(one, srcs))
            wall = time.monotonic() - t0
        if any(g[3] != 0 for g in got):
            if name == 'native':  # only for scale: the rest stands without it
                res['native_error'] = '%s -O2 failed on one of its files' % cc
                continue
            return {'error': '%s -O2 failed on %s\'s output' % (cc, name)}
        res[name + '_cc'] = (wall, sum(g[1] for g in got), max(g[2] for g in got))
        res[name + '_code'] = objects_code([os.path.join(obj_dir, src[:-2] + '.o')
                                            for src in srcs])
        res[name + '_files'] = len(srcs)
    res['jobs'] = jobs
    return res


def fmt_s(t):
    return '%.2f s' % t if t < 10 else '%.0f s' % t


def fmt_mb(n):
    return 'n/a' if n is None else '%.1f MB' % (n / MB)


def native_line(r):
    """The program's own C, compiled natively: the scale for the C builds."""
    if 'native_cc' not in r:
        return ('The program\'s own C, compiled natively for scale: not measured (%s).' %
                r.get('native_error', 'bench/gen_module.py\'s files are not beside the module'))
    wall, cpu, rss = r['native_cc']
    return ('For scale, the program\'s own C (%d files from bench/gen_module.py) compiled '
            'natively by %s -O2, one file after another: %s (CPU time %s), peak RSS %.0f MB, '
            '%s of machine code.' % (r['native_files'], r['cc'], fmt_s(wall), fmt_s(cpu),
                                     rss / MB, fmt_mb(r['native_code'])))


def ratio(a, b):
    return '%.2fx' % (a / b) if b else '-'


def report(r, wasm2c_version):
    """Markdown lines, and the summary line."""
    title = '## Translation and C build of a %.1f MB module' % (r.get('size', 0) / MB)
    if 'error' in r:
        return [title, '', 'not measured: ' + r['error'], ''], 'translation: n/a'
    sc, wc, sp = r['sandc_cc'], r['wasm2c_cc'], r['split_cc']
    lines = [
        title, '',
        '`%s`: %d bytes, %d functions, from bench/gen_module.py (built by bench/validate\'s '
        'builder without -msimd128: wasm2c 1.0.32 aborts on SIMD). Translation: the median '
        'of %d interleaved runs, sandc on its default threads (one per processor: %d here) '
        'and with -j 1; the C builds: once each, %s -O2, each tool\'s guard mode, '
        '%d jobs at once for the split build. Peak RSS is that of the largest single '
        'process. wasm2c: %s.' % (r['module'], r['size'], r['funcs'], r['runs'], min(r['jobs'], 16),
                                  r['cc'], r['jobs'], wasm2c_version), '',
        '| | sandc | wasm2c | wasm2c / sandc |', '|---|---:|---:|---:|',
        '| translate: wall time | %s | %s | %s |' % (
            fmt_s(r['sandc_translate']), fmt_s(r['wasm2c_translate']),
            ratio(r['wasm2c_translate'], r['sandc_translate'])),
        '| translate: CPU time | %s | %s | %s |' % (
            fmt_s(r['sandc_translate_cpu']), fmt_s(r['wasm2c_translate_cpu']),
            ratio(r['wasm2c_translate_cpu'], r['sandc_translate_cpu'])),
        '| translate on one thread (sandc -j 1): wall time | %s | %s | %s |' % (
            fmt_s(r['sandc1_translate']), fmt_s(r['wasm2c_translate']),
            ratio(r['wasm2c_translate'], r['sandc1_translate'])),
        '| translate: peak RSS | %.0f MB | %.0f MB | %s |' % (
            r['sandc_translate_rss'] / MB, r['wasm2c_translate_rss'] / MB,
            ratio(r['wasm2c_translate_rss'], r['sandc_translate_rss'])),
        '| C output (.c + .h) | %.1f MB, %d lines | %.1f MB, %d lines | %s |' % (
            r['sandc_c'][0] / MB, r['sandc_c'][1], r['wasm2c_c'][0] / MB, r['wasm2c_c'][1],
            ratio(r['wasm2c_c'][0], r['sandc_c'][0])),
        '| %s -O2, one file: wall time | %s | %s | %s |' % (
            r['cc'], fmt_s(sc[0]), fmt_s(wc[0]), ratio(wc[0], sc[0])),
        '| %s -O2, one file: CPU time | %s | %s | %s |' % (
            r['cc'], fmt_s(sc[1]), fmt_s(wc[1]), ratio(wc[1], sc[1])),
        '| %s -O2, one file: peak RSS | %.0f MB | %.0f MB | %s |' % (
            r['cc'], sc[2] / MB, wc[2] / MB, ratio(wc[2], sc[2])),
        '| %s -O2, one file: machine code | %s | %s | %s |' % (
            r['cc'], fmt_mb(r['sandc_code']), fmt_mb(r['wasm2c_code']),
            ratio(r['wasm2c_code'], r['sandc_code']) if r['sandc_code'] and r['wasm2c_code']
            else '-'),
        '| sandc --split %d: translate | %s | n/a | |' % (PARTS, fmt_s(r['split_translate'])),
        '| sandc --split %d: C output | %.1f MB in %d files | n/a | |' % (
            PARTS, r['split_c'][0] / MB, PARTS + 2),
        '| %s -O2, split, %d jobs: wall time | %s | n/a | %s (vs one file) |' % (
            r['cc'], r['jobs'], fmt_s(sp[0]), ratio(wc[0], sp[0])),
        '| %s -O2, split: CPU time | %s | n/a | |' % (r['cc'], fmt_s(sp[1])),
        '| %s -O2, split: peak RSS of one compile | %.0f MB | n/a | %s (vs one file) |' % (
            r['cc'], sp[2] / MB, ratio(wc[2], sp[2])),
        '', 'wasm2c 1.0.32 has no option to split its output.', '', native_line(r), '']
    summary = ('translation: sandc %s (-j 1: %s), wasm2c %s (%s; -j 1: %s); %s -O2 of the '
               'output: sandc %s (split, %d jobs: %s), wasm2c %s (%s)' % (
                   fmt_s(r['sandc_translate']), fmt_s(r['sandc1_translate']),
                   fmt_s(r['wasm2c_translate']),
                   ratio(r['wasm2c_translate'], r['sandc_translate']),
                   ratio(r['wasm2c_translate'], r['sandc1_translate']), r['cc'],
                   fmt_s(sc[0]), r['jobs'], fmt_s(sp[0]), fmt_s(wc[0]), ratio(wc[0], sc[0])))
    if 'native_cc' in r:
        summary += '; the program\'s own C natively: %s' % fmt_s(r['native_cc'][0])
    return lines, summary
