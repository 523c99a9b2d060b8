#!/usr/bin/env bash
# The runtime (rt/, include/sandc.h, include/sandc_ops.h): builds it in each
# memory mode (guard, check, mask) with each compiler found (gcc, clang, tcc,
# and clang with AddressSanitizer + UBSan), strictly (-std=c99 -Wall -Wextra
# -Werror -pedantic), links each C test program of tests/rt/ against it and
# runs it.  One TAP point per (program, compiler, mode).
#
# Programs: ops (numeric helpers), ops-portable (the same with the portable
# fallbacks forced), trap (scopes, stack budget; plus a trap with no scope
# must abort with "sandc: trap: ..."), memory (grow, limits, bulk bounds),
# table, access (SANDC_EA per mode; in guard mode also: a fault with no scope,
# or outside every memory, must still kill the process).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root" || exit 1

strict="-std=c99 -Wall -Wextra -Werror -pedantic"
sources="rt/trap.c rt/memory.c rt/memory_guard.c rt/table.c"
programs="ops ops-portable trap memory table access"
modes="guard check mask"
export ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1

# name|command|flags
configs=()
command -v gcc >/dev/null && configs+=("gcc|gcc|-O2")
command -v clang >/dev/null && configs+=("clang|clang|-O2")
command -v tcc >/dev/null && configs+=("tcc|tcc|")
command -v clang >/dev/null &&
    configs+=("clang-asan|clang|-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all")

run_limit=""
command -v timeout >/dev/null && run_limit="timeout 120"

guard_ok=1
guard_why=""
if [ "$(getconf LONG_BIT 2>/dev/null)" != 64 ]; then
    guard_ok=0 guard_why="not a 64-bit host"
fi
case "$(uname -s)" in
Linux | Darwin | *BSD) ;;
*) guard_ok=0 guard_why="not a POSIX host the guard mode supports" ;;
esac

n_programs=$(echo $programs | wc -w)
n_modes=$(echo $modes | wc -w)
echo "1..$(( ${#configs[@]} * (n_programs * n_modes + 1) ))"

# Each (compiler, mode) is a job writing its results, one per line:
# STATUS<TAB>DESCRIPTION<TAB>DIAGNOSTIC-FILES; they run in parallel and are
# reported in order.
result() { # result STATUS DESCRIPTION [DIAGNOSTIC-FILE...]
    local st=$1 desc=$2
    shift 2
    printf '%s\t%s\t%s\n' "$st" "$desc" "$*" >>"$results"
}

# A death by a fault: a signal (SIGSEGV 139, SIGBUS 135/138), or under ASan
# its report; never the runtime's "unexpected trap" (the fault became a trap).
died_of_fault() { # RC STDERR-FILE
    case "$1" in
    139 | 135 | 138) return 0 ;;
    esac
    grep -q 'AddressSanitizer: SEGV\|AddressSanitizer: BUS' "$2" &&
        ! grep -q 'unexpected trap' "$2"
}

# run OUT ERR ARGS...: run quietly (no "Segmentation fault" from the shell),
# setting rc
run() {
    local out=$1 err=$2
    shift 2
    { $run_limit "$@" >"$out" 2>"$err"; } 2>/dev/null
    rc=$?
}

nostdio_job() { # CONFIG-NAME CC FLAGS
    local name=$1 cc=$2 flags=$3 d=$tmp/$1
    results=$d/results.nostdio
    # A freestanding build of trap.c: no stdio; the host supplies the
    # no-scope path.
    $cc $strict $flags -Iinclude -DSANDC_NO_STDIO -c rt/trap.c \
        -o "$d/trap-nostdio.o" >"$d/nostdio.err" 2>&1 &&
        ! nm "$d/trap-nostdio.o" 2>/dev/null | grep -qw 'U \(fprintf\|abort\|stderr\)'
    result $? "$name: rt/trap.c builds with SANDC_NO_STDIO" "$d/nostdio.err"
}

mode_job() { # CONFIG-NAME CC FLAGS MODE
    local name=$1 cc=$2 flags=$3 mode=$4 MODE d p src obj objs rt_ok st sub
    local desc pflags exe mflags
    MODE=$(echo "$mode" | tr a-z A-Z)
    d=$tmp/$name/$mode
    results=$tmp/$name/results.$mode
    mkdir -p "$d"
    if [ "$mode" = guard ] && [ $guard_ok = 0 ]; then
        for p in $programs; do result skip "$p, $name, $mode # SKIP $guard_why"; done
        return
    fi
    mflags="$strict $flags -Iinclude -DSANDC_MEMORY_MODE=SANDC_$MODE"
    # the runtime, as build.ninja builds it
    rt_ok=0
    objs=""
    : >"$d/rt.err"
    for src in $sources; do
        obj=$d/$(basename "$src" .c).o
        $cc $mflags -c "$src" -o "$obj" >>"$d/rt.err" 2>&1 || rt_ok=1
        objs="$objs $obj"
    done
    for p in $programs; do
        desc="$p, $name, $mode"
        if [ $rt_ok != 0 ]; then
            result 1 "$desc (the runtime does not build)" "$d/rt.err"
            continue
        fi
        src=tests/rt/$p.c pflags=""
        if [ "$p" = ops-portable ]; then
            src=tests/rt/ops.c
            pflags="-DSANDC__GNU_BUILTINS=0 -DSANDC__U64_TO_FLOAT_CAST=0"
        fi
        exe=$d/$p
        if ! $cc $mflags $pflags "$src" $objs -o "$exe" -lm >"$d/$p.build" 2>&1; then
            result 1 "$desc (does not build)" "$d/$p.build"
            continue
        fi
        run "$d/$p.out" "$d/$p.err" "$exe"
        if [ $rc -ne 0 ]; then
            echo "exit $rc" >>"$d/$p.err"
            result 1 "$desc" "$d/$p.out" "$d/$p.err"
            continue
        fi
        st=0
        case $p in
        trap)
            run "$d/$p.out2" "$d/$p.err2" "$exe" noscope
            if [ $rc -ne 134 ] ||
                [ "$(head -n 1 "$d/$p.err2")" != "sandc: trap: integer overflow" ]; then
                echo "trap noscope: exit $rc, want 134 (abort) after \"sandc: trap: integer overflow\"" >>"$d/$p.err"
                cat "$d/$p.err2" >>"$d/$p.err"
                st=1
            fi
            ;;
        access)
            if [ "$mode" = guard ]; then
                for sub in noscope wild; do
                    run "$d/$p.out2" "$d/$p.err2" "$exe" $sub
                    if ! died_of_fault $rc "$d/$p.err2"; then
                        echo "access $sub: exit $rc, want death by SIGSEGV/SIGBUS" >>"$d/$p.err"
                        cat "$d/$p.err2" >>"$d/$p.err"
                        st=1
                    fi
                done
            fi
            ;;
        esac
        result $st "$desc: $(tail -n 1 "$d/$p.out")" "$d/$p.err"
    done
}

jobs_max=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
order=()
for config in "${configs[@]}"; do
    IFS='|' read -r name cc flags <<<"$config"
    mkdir -p "$tmp/$name"
    nostdio_job "$name" "$cc" "$flags"
    order+=("$tmp/$name/results.nostdio")
    for mode in $modes; do
        while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
            wait -n 2>/dev/null || sleep 0.2
        done
        mode_job "$name" "$cc" "$flags" "$mode" &
        order+=("$tmp/$name/results.$mode")
    done
done
wait

n=0 failed=0
for f in "${order[@]}"; do
    [ -f "$f" ] || { n=$((n + 1)) failed=$((failed + 1)); echo "not ok $n - ${f#$tmp/}: the job died"; continue; }
    while IFS=$'\t' read -r st desc diags; do
        n=$((n + 1))
        if [ "$st" = skip ]; then
            echo "ok $n - $desc"
        elif [ "$st" -eq 0 ]; then
            echo "ok $n - $desc"
        else
            failed=$((failed + 1))
            echo "not ok $n - $desc"
            for d in $diags; do
                [ -s "$d" ] && head -n 40 "$d" | sed 's/^/# /'
            done
        fi
    done <"$f"
done
exit $((failed > 0))
