#!/usr/bin/env bash
# Random valid modules (binaryen's wasm-opt -ttf, from fixed seeds): each
# translates, and its C compiles without a warning under gcc and clang at
# -O2 -Wall -Wextra -Werror in every memory mode.  Users build the output
# with their own flags; a warning there is an error in their build.  Runs
# the sanitizer build of sandc.
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
compilers=()
for cc in gcc clang; do
    command -v $cc >/dev/null && compilers+=("$cc")
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "1..$count"
# check I: translate and compile module I; prints what went wrong, if anything
check() {
    local i=$1 m="$tmp/m$1"
    perl -e 'srand(shift); print pack "C*", map { int rand 256 } 1 .. 6000' \
        "$i" >"$m.seed"
    if ! wasm-opt -ttf "$m.seed" -o "$m.wasm" 2>"$m.err"; then
        echo "wasm-opt failed: $(head -c 300 "$m.err")"
        return
    fi
    if ! "$sandc" "$m.wasm" -o "$m.c" -n "m$i" 2>"$m.err"; then
        echo "sandc failed: $(head -c 300 "$m.err")"
        return
    fi
    local cc mode
    for cc in "${compilers[@]}"; do
        for mode in GUARD CHECK MASK; do
            if ! $cc -std=c99 -O2 -Wall -Wextra -Werror -I"$root/include" \
                -DSANDC_MEMORY_MODE=SANDC_$mode -c "$m.c" -o "$m.o" 2>"$m.err"; then
                echo "$cc $mode:"
                grep -m 5 'error' "$m.err"
                return
            fi
        done
    done
}

# two at a time, reported in order
for ((i = 1; i <= count; i += 2)); do
    check "$i" >"$tmp/r$i" &
    [ $((i + 1)) -le "$count" ] && check $((i + 1)) >"$tmp/r$((i + 1))" &
    wait
done
for ((i = 1; i <= count; i++)); do
    if [ -s "$tmp/r$i" ]; then
        echo "not ok $i - random module $i (seed $i) builds warning-free with ${compilers[*]}"
        sed 's/^/# /' "$tmp/r$i"
    else
        echo "ok $i - random module $i (seed $i) builds warning-free with ${compilers[*]}"
    fi
done
