#!/usr/bin/env bash
# Counted loops written twice (transpiler/loops.c): an unchecked copy taken
# when a test on entry finds every access in bounds, and the loop as ever.
# tests/loops/loops.wast runs each such loop where the test passes and where
# it fails (out of bounds, addresses that wrap, a count that never ends):
# the same results and traps in every memory mode, with gcc and clang, with
# the unchecked copies turned off, and under the sanitizers (check and mask
# mode); tests/loops/effects.wast checks the stores before a trap (check
# mode).  Also checks that sandc did write each loop of loops.wast twice,
# that only a constant within SANDC_MASK_SLACK stays outside the copies'
# mask, and runs LOOP_MODULES (default 20) modules of random loops
# (tests/loops/gen.py, fixed seeds) in check mode with gcc and clang against
# binaryen's interpreter (tests/random/fuzzexec.py), the memory hashed after
# every call.  Runs the sanitizer build of sandc.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
sandc=${SANDC:-$root/build/asan/sandc}
run=$root/tests/spec/run
dir=$root/tests/loops
if [ ! -x "$sandc" ]; then
    echo "1..0 # SKIP $sandc is not built (run ninja)"
    exit 0
fi
for t in wast2json wat2wasm wasm-opt gcc clang python3; do
    if ! command -v $t >/dev/null; then
        echo "1..0 # SKIP $t is not installed"
        exit 0
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

configs=(
    "guard gcc -O2" "guard clang -O2" "check gcc -O2" "check clang -O2"
    "mask gcc -O2" "mask clang -O2"
    "check gcc -O2 -DSANDC_LOOP_CHECK_ONCE=0"
    "check clang -O1 -fsanitize=address,undefined -fno-sanitize-recover=all"
    "mask clang -O1 -fsanitize=address,undefined -fno-sanitize-recover=all"
)
count=${LOOP_MODULES:-20}
echo "1..$((${#configs[@]} + 3 + count))"
n=0

# every loop of loops.wast qualifies: one test on entry per loop
n=$((n + 1))
if wast2json "$dir/loops.wast" -o "$tmp/loops.json" 2>"$tmp/err" &&
    "$sandc" "$tmp/loops.0.wasm" -n loops -o "$tmp/loops.c" 2>>"$tmp/err"; then
    loops=$(grep -c '^  *(loop ' "$dir/loops.wast")
    got=$(grep -c 'if (SANDC_LOOP_CHECK_ONCE' "$tmp/loops.c")
    if [ "$got" -eq "$loops" ] && [ "$loops" -ge 8 ]; then
        echo "ok $n - each of the $loops loops of loops.wast is written twice"
    else
        echo "not ok $n - $got of the $loops loops of loops.wast are written twice"
    fi
else
    echo "not ok $n - translating loops.wast: $(head -c 300 "$tmp/err")"
fi

# the unchecked copies' addresses (SANDC_LOOP_EA): a constant whose access
# fits SANDC_MASK_SLACK (64 bytes) stays outside the mask, a larger one goes
# inside it, so that in mask mode no copy reaches past the slack
n=$((n + 1))
# (loops.wast's largest such constant is an i32 load's 60: 60 + 4 bytes must
# fit the runtime's slack)
ea=$(grep -o 'SANDC_LOOP_EA([^)]*)' "$tmp/loops.c" 2>/dev/null)
outside=$(printf '%s\n' "$ea" | sed -n 's/.*, \([0-9]*\)u)$/\1/p' | sort -n | tail -1)
slack=$(sed -n 's/^#define SANDC_MASK_SLACK \([0-9]*\)u$/\1/p' "$root/include/sandc.h")
if printf '%s\n' "$ea" | grep -q '_g[0-9]* + 4000u + 4u \* lp[0-9]*_k, 0u)' &&
    printf '%s\n' "$ea" | grep -q ', 60u)' && [ "${outside:-99}" -le 60 ] &&
    [ "${slack:-0}" -ge 64 ]; then
    echo "ok $n - loop copies keep a constant outside the mask only within the slack (largest: $outside, slack $slack)"
else
    echo "not ok $n - loop copies' constants and the mask"
    printf '%s\n' "$ea" | grep '4000\|60u' | head -5 | sed 's/^/# /'
fi

one() { # NAME MODE CC CFLAGS FILES...: one test point from tests/spec/run
    local name=$1 mode=$2 cc=$3 cflags=$4 out
    shift 4
    n=$((n + 1))
    if out=$(SANDC=$sandc "$run" --mode "$mode" --cc "$cc" --cflags "$cflags" "$@" 2>&1) &&
        summary=$(printf '%s\n' "$out" | grep '^spec: ') &&
        printf '%s\n' "$summary" | grep -q ' 0 failed'; then
        echo "ok $n - $name: ${summary#spec: }"
    else
        echo "not ok $n - $name"
        printf '%s\n' "$out" | grep -v '^ok' | sed 's/^/# /' | head -20
    fi
}

for c in "${configs[@]}"; do
    set -- $c
    mode=$1 cc=$2
    shift 2
    one "loops.wast, $mode, $cc $*" "$mode" "$cc" "$*" "$dir/loops.wast"
done
one "effects.wast, check, gcc -O2" check gcc -O2 "$dir/effects.wast"

# random loops: module I from seed I; what went wrong goes to $tmp/xI, the
# number of loops written twice to $tmp/vI
for cc in gcc clang; do
    mkdir -p "$tmp/rt-$cc"
    for f in "$root"/rt/*.c; do
        $cc -std=c99 -O2 -I"$root/include" -DSANDC_MEMORY_MODE=SANDC_CHECK \
            -c "$f" -o "$tmp/rt-$cc/$(basename "$f" .c).o" || exit 1
    done
done
random_loops() {
    local i=$1 m="$tmp/g$1" cc
    : >"$tmp/x$i"
    echo "no" >"$tmp/v$i"
    if ! python3 "$dir/gen.py" "$i" >"$m.wat" || ! wat2wasm "$m.wat" -o "$m.wasm" 2>"$m.err" ||
        ! "$sandc" "$m.wasm" -n "g$i" -o "$m.c" 2>>"$m.err"; then
        { echo "generating or translating failed:"; head -5 "$m.err"; } >"$tmp/x$i"
        return
    fi
    echo "$(grep -c 'if (SANDC_LOOP_CHECK_ONCE' "$m.c") of $(grep -c '(loop ' "$m.wat")" >"$tmp/v$i"
    wasm-opt "$m.wasm" --fuzz-exec-before -q >"$m.want" 2>&1
    python3 "$root/tests/random/fuzzexec.py" harness "$m.h" "g$i" >"$m.main.c"
    for cc in gcc clang; do
        if ! $cc -std=c99 -O2 -Wall -Wextra -Werror -I"$root/include" \
            -DSANDC_MEMORY_MODE=SANDC_CHECK -c "$m.c" -o "$m.$cc.o" 2>"$m.err" ||
            ! $cc -std=c99 -O2 -I"$root/include" -I"$tmp" -DSANDC_MEMORY_MODE=SANDC_CHECK \
                "$m.$cc.o" "$m.main.c" "$tmp/rt-$cc"/*.o -lm -o "$m.$cc" 2>>"$m.err"; then
            { echo "$cc: building failed"; head -5 "$m.err"; } >"$tmp/x$i"
            return
        fi
        timeout 60 "$m.$cc" >"$m.got" 2>&1
        if ! python3 "$root/tests/random/fuzzexec.py" compare "$m.want" "$m.got" >"$m.diff" 2>&1; then
            { echo "$cc:"; head -10 "$m.diff"; } >"$tmp/x$i"
            return
        fi
    done
}
for ((i = 1; i <= count; i += 2)); do
    random_loops "$i" &
    [ $((i + 1)) -le "$count" ] && random_loops $((i + 1)) &
    wait
done
for ((i = 1; i <= count; i++)); do
    n=$((n + 1))
    if [ -s "$tmp/x$i" ]; then
        echo "not ok $n - random loops $i run as binaryen's interpreter runs them"
        sed 's/^/# /' "$tmp/x$i"
    else
        echo "ok $n - random loops $i run as binaryen's interpreter runs them" \
            "($(cat "$tmp/v$i") loops written twice)"
    fi
done
