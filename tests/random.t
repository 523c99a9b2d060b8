#!/usr/bin/env bash
# Random valid modules (binaryen's wasm-opt -ttf, from fixed seeds, NaNs
# made deterministic with --denan).  Each translates; its C compiles
# without a warning under gcc and clang at -O2 -Wall -Wextra -Werror in
# every memory mode (users build the output with their own flags, and a
# warning there is an error in their build); and it runs as binaryen's
# interpreter runs it (--fuzz-exec-before): the same logged values, results
# and traps, in check mode with gcc and guard mode with clang (mask mode
# wraps where the spec traps).  Runs the sanitizer build of sandc.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
sandc=${SANDC:-$root/build/asan/sandc}
count=${RANDOM_MODULES:-20}
if [ ! -x "$sandc" ]; then
    echo "1..0 # SKIP $sandc is not built (run ninja)"
    exit 0
fi
if ! command -v wasm-opt >/dev/null; then
    echo "1..0 # SKIP wasm-opt is not installed (Debian package binaryen)"
    exit 0
fi
for cc in gcc clang; do
    if ! command -v $cc >/dev/null; then
        echo "1..0 # SKIP $cc is not installed"
        exit 0
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=(gcc-CHECK clang-GUARD) # compiler and memory mode of the runs

# the runtime, once per run configuration
for r in "${runs[@]}"; do
    mkdir -p "$tmp/rt-$r"
    for f in "$root"/rt/*.c; do
        ${r%-*} -std=c99 -O2 -I"$root/include" -DSANDC_MEMORY_MODE=SANDC_${r#*-} \
            -c "$f" -o "$tmp/rt-$r/$(basename "$f" .c).o" || exit 1
    done
done

# check I: module I, seed I.  Writes what went wrong to $tmp/wI (building)
# and $tmp/xI (running), or "skip REASON" to $tmp/xI.
check() {
    local i=$1 m="$tmp/m$1" cc mode
    : >"$tmp/w$i"
    : >"$tmp/x$i"
    perl -e 'srand(shift); print pack "C*", map { int rand 256 } 1 .. 6000' \
        "$i" >"$m.seed"
    if ! wasm-opt -ttf "$m.seed" --denan -o "$m.wasm" 2>"$m.err"; then
        echo "wasm-opt failed: $(head -c 300 "$m.err")" | tee "$tmp/x$i" >"$tmp/w$i"
        return
    fi
    if ! "$sandc" "$m.wasm" -o "$m.c" -n "m$i" 2>"$m.err"; then
        echo "sandc failed: $(head -c 300 "$m.err")" | tee "$tmp/x$i" >"$tmp/w$i"
        return
    fi
    for cc in gcc clang; do
        for mode in GUARD CHECK MASK; do
            $cc -std=c99 -O2 -Wall -Wextra -Werror -I"$root/include" \
                -DSANDC_MEMORY_MODE=SANDC_$mode -c "$m.c" -o "$m.$cc-$mode.o" \
                2>"$m.err" && continue
            # the first failure is the report; the object is still built
            [ -s "$tmp/w$i" ] ||
                { echo "$cc $mode:"; grep -m 5 'error' "$m.err"; } >"$tmp/w$i"
            $cc -std=c99 -O2 -I"$root/include" -DSANDC_MEMORY_MODE=SANDC_$mode \
                -c "$m.c" -o "$m.$cc-$mode.o" 2>/dev/null
        done
    done
    wasm-opt "$m.wasm" --fuzz-exec-before -q >"$m.want" 2>&1
    python3 "$root/tests/random/fuzzexec.py" harness "$m.h" "m$i" >"$m.main.c"
    case $? in
    0) ;;
    2) echo "skip the harness cannot call this module's imports or exports" >"$tmp/x$i"
       return ;;
    *) echo "the harness generator failed" >"$tmp/x$i"
       return ;;
    esac
    for r in "${runs[@]}"; do # the module's objects are the ones built above
        if ! ${r%-*} -std=c99 -O2 -I"$root/include" -I"$tmp" \
            -DSANDC_MEMORY_MODE=SANDC_${r#*-} "$m.$r.o" "$m.main.c" \
            "$tmp/rt-$r"/*.o -lm -o "$m.$r" 2>"$m.err"; then
            { echo "$r: building the harness failed"; head -5 "$m.err"; } >"$tmp/x$i"
            return
        fi
        timeout 60 "$m.$r" >"$m.got" 2>&1
        if ! python3 "$root/tests/random/fuzzexec.py" compare "$m.want" "$m.got" >"$m.diff"; then
            { echo "$r:"; cat "$m.diff"; } >"$tmp/x$i"
            return
        fi
    done
}

echo "1..$((2 * count))"
# two at a time, reported in order
for ((i = 1; i <= count; i += 2)); do
    check "$i" &
    [ $((i + 1)) -le "$count" ] && check $((i + 1)) &
    wait
done
n=0
for ((i = 1; i <= count; i++)); do
    n=$((n + 1))
    if [ -s "$tmp/w$i" ]; then
        echo "not ok $n - random module $i builds warning-free with gcc and clang"
        sed 's/^/# /' "$tmp/w$i"
    else
        echo "ok $n - random module $i builds warning-free with gcc and clang"
    fi
    n=$((n + 1))
    if grep -q '^skip ' "$tmp/x$i"; then
        echo "ok $n # SKIP random module $i: $(sed 's/^skip //' "$tmp/x$i")"
    elif [ -s "$tmp/x$i" ]; then
        echo "not ok $n - random module $i runs as binaryen's interpreter runs it"
        sed 's/^/# /' "$tmp/x$i"
    else
        echo "ok $n - random module $i runs as binaryen's interpreter runs it"
    fi
done
