#!/usr/bin/env python3
"""Run a translated random module the way binaryen's --fuzz-exec-before does,
and compare the two transcripts.

  fuzzexec.py harness OUT.h NAME    C program that calls every exported
                                    function in order (zero arguments) and
                                    prints what binaryen prints
  fuzzexec.py compare EXPECTED GOT  exit 0 if the transcripts agree

Integers must agree exactly; floats to 1e-6 (binaryen prints the shortest
text of an f32 or f64, the harness 17 digits), NaNs only as NaNs (Wasm
leaves their sign and payload open); a trap agrees with a trap, whatever
its message.  Exit 2 means the module is outside what the harness handles.
"""
import math
import re
import sys

CTYPES = {"uint32_t": "i32", "uint64_t": "i64", "float": "f32", "double": "f64"}

PRINT = {
    "i32": 'printf("%d", (int)(int32_t){v})',
    "i64": 'printf("%lld", (long long)(int64_t){v})',
    "f32": 'printf("%.9g", (double){v})',
    "f64": 'printf("%.17g", {v})',
}

LOGS = {"log_x2di32": "i32", "log_x2di64": "i64", "log_x2df32": "f32",
        "log_x2df64": "f64"}


def harness(header, name):
    text = open(header).read()
    out = ['#include <stdio.h>', '#include <stdint.h>',
           '#include "%s.h"' % name, '']
    # imports: only binaryen's logging functions are provided
    ctxs = set()
    for m in re.finditer(r'^(\w+) (\w+?)__(\w+)\(struct (\w+) \*ctx((?:, \w+ a\d+)*)\);',
                         text, re.M):
        ret, module, field, ctx, params = m.groups()
        args = re.findall(r', (\w+) a\d+', params)
        if ret != "void" or field not in LOGS or len(args) != 1:
            sys.stderr.write("unsupported import %s\n" % field)
            sys.exit(2)
        ctxs.add(ctx)
        t = LOGS[field]
        out.append('void %s__%s(struct %s *ctx, %s a0)' %
                   (module, field, ctx, args[0]))
        out.append('{')
        out.append('    (void)ctx;')
        out.append('    printf("[LoggingExternalInterface logging ");')
        if t == "i64":  # binaryen logs an i64 as its low and high halves
            out.append('    printf("%d %d", (int)(int32_t)(uint32_t)a0, '
                       '(int)(int32_t)(uint32_t)(a0 >> 32));')
        else:
            out.append('    %s;' % PRINT[t].format(v="a0"))
        out.append('    printf("]\\n");')
        out.append('}')
    out += ['', 'int main(void)', '{',
            '    static %s inst;' % name,
            '    static char host; /* the import modules\' context: unused */',
            '    %s_imports imp = {0};' % name]
    out += ['    imp.%s = (struct %s *)(void *)&host;' % (c, c) for c in sorted(ctxs)]
    out += [
            '    if (%s_instantiate(&inst, &imp) != SANDC_OK) {' % name,
            '        printf("instantiation failed\\n");',
            '        return 0;',
            '    }']
    pat = (r'^sandc_status %s__(\w+)__checked\(%s \*inst((?:, \w+ \*out)?)'
           r'((?:, \w+ a\d+)*)\);' % (re.escape(name), re.escape(name)))
    hang = re.search(r'^sandc_status %s__hangLimitInitializer__checked\(%s \*inst\);'
                     % (re.escape(name), re.escape(name)), text, re.M)
    for m in re.finditer(pat, text, re.M):
        export = m.group(1)
        res = re.findall(r', (\w+) \*out', m.group(2))
        args = re.findall(r', (\w+) a\d+', m.group(3))
        if any(a not in CTYPES for a in args + res):
            sys.exit(2)
        call = '%s__%s__checked(&inst' % (name, export)
        out.append('    {')
        out.append('        printf("[fuzz-exec] calling %s\\n");' % export)
        if res:
            out.append('        %s r = 0;' % res[0])
            call += ', &r'
        call += ''.join(', 0' for _ in args) + ')'
        if hang:  # binaryen resets the hang limit before each call
            out.append('        %s__hangLimitInitializer__checked(&inst);' % name)
        out.append('        if (%s != SANDC_OK) {' % call)
        out.append('            printf("[trap]\\n");')
        if res:
            out.append('        } else {')
            out.append('            printf("[fuzz-exec] note result: %s => ");' % export)
            out.append('            %s;' % PRINT[CTYPES[res[0]]].format(v="r"))
            out.append('            printf("\\n");')
        out.append('        }')
        out.append('    }')
    out += ['    %s_free(&inst);' % name, '    return 0;', '}']
    print('\n'.join(out))


def events(path):
    """The transcript as (kind, values) pairs; export names are left out
    (the harness knows them only mangled)."""
    ev = []
    for line in open(path):
        line = line.strip()
        if line.startswith("[trap"):
            ev.append(("trap", []))
        elif line.startswith("[fuzz-exec] calling"):
            ev.append(("call", []))
        elif line.startswith("[fuzz-exec] note result:"):
            ev.append(("result", line.split(" => ", 1)[1].split()))
        elif line.startswith("[LoggingExternalInterface logging"):
            ev.append(("log", line[len("[LoggingExternalInterface logging"):]
                       .rstrip("]").split()))
        elif line.startswith("[fuzz-exec]") or line.startswith("[host limit"):
            ev.append(("other", [line]))
    return ev


def number(s):
    if "nan" in s:
        return math.nan
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    return float(s)


def same_value(a, b):
    x, y = number(a), number(b)
    if isinstance(x, int) and isinstance(y, int):
        return x == y
    x, y = float(x), float(y)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if x == y:
        return True
    return abs(x - y) <= 1e-6 * max(abs(x), abs(y))


def compare(expected, got):
    a, b = events(expected), events(got)
    for k in range(max(len(a), len(b))):
        if k >= len(a) or k >= len(b):
            print("event %d: %s" % (k, "missing" if k >= len(b) else "extra"))
            print("  expected %s" % (a[k],) if k < len(a) else "  expected nothing")
            print("  got      %s" % (b[k],) if k < len(b) else "  got      nothing")
            return 1
        (ka, va), (kb, vb) = a[k], b[k]
        if ka != kb or len(va) != len(vb) or \
                not all(same_value(x, y) for x, y in zip(va, vb)):
            print("event %d differs:\n  expected %s %s\n  got      %s %s" %
                  (k, ka, " ".join(va), kb, " ".join(vb)))
            return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "harness":
        harness(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
