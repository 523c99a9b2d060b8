#!/usr/bin/env bash
# The WASI runtime (include/sandc_wasi.h, rt/wasi/wasi.c) and the command
# driver (rt/wasi/main.c).
#
# Builds the guests of tests/wasi/ (guest.c and samples/hello/hello.c with
# clang --target=wasm32-wasi and wasi-libc; efault.wat, badinit.wat and
# startexit.wat with wat2wasm), translates them with build/sandc (-n prog),
# links each with the runtime and the driver in every memory mode with cc,
# and in SANDC_CHECK with clang's AddressSanitizer + UBSan, and runs them:
# output, arguments, --env, exit codes (return, exit, proc_exit, from the
# start function), stdin, a trap, a failed instantiation, clocks, random
# bytes, fd_seek on a pipe (ESPIPE) and a file, fd_fdstat_get (a file, a
# pipe, a character device, a terminal: isatty() in the guest), a closed fd
# (EBADF), hostile pointers and lengths (efault.wat: EFAULT, nothing
# written, no crash), and the driver's usage errors.  Also: wasi.c builds
# strictly with gcc, clang and tcc, main.c with gcc and clang, and the
# SANDC_WASI_NO_POSIX build needs no POSIX symbol.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
sandc=${SANDC:-$root/build/sandc}
cd "$root" || exit 1

if [ ! -x "$sandc" ]; then
    echo "1..0 # SKIP $sandc is not built (run ninja)"
    exit 0
fi
for tool in clang wat2wasm cc; do
    if ! command -v $tool >/dev/null; then
        echo "1..0 # SKIP $tool is not installed"
        exit 0
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

wasm_cc="clang --target=wasm32-wasi --sysroot=/usr -O2"
mkdir -p "$tmp/src/hello"
if ! $wasm_cc samples/hello/hello.c -o "$tmp/src/hello/hello.wasm" >"$tmp/probe.err" 2>&1; then
    echo "1..0 # SKIP no wasm32-wasi toolchain (clang, wasi-libc, lld): $(head -n 1 "$tmp/probe.err")"
    exit 0
fi

strict="-std=c99 -Wall -Wextra -Werror -pedantic"
export ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1
limit=""
command -v timeout >/dev/null && limit="timeout 30"

# One line per TAP point, in files read in order at the end:
# STATUS<TAB>DESCRIPTION<TAB>DIAGNOSTIC-FILE
order=()
result() { # result STATUS DESCRIPTION [DIAGNOSTIC-FILE]
    printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"$results"
}

# ---- the guests: wasm, then C ------------------------------------------------
results=$tmp/results.guests
order+=("$results")
guests="guest hello efault badinit startexit"
src_ok=1
for g in $guests; do
    mkdir -p "$tmp/src/$g"
    case $g in
    guest) cmd="$wasm_cc tests/wasi/guest.c -o $tmp/src/$g/$g.wasm" ;;
    hello) cmd=true ;; # built above
    *) cmd="wat2wasm tests/wasi/$g.wat -o $tmp/src/$g/$g.wasm" ;;
    esac
    if $cmd >"$tmp/src/$g/build.err" 2>&1 &&
        "$sandc" "$tmp/src/$g/$g.wasm" -o "$tmp/src/$g/prog.c" -n prog \
            >>"$tmp/src/$g/build.err" 2>&1; then
        result 0 "$g: built and translated"
    else
        result 1 "$g: built and translated" "$tmp/src/$g/build.err"
        src_ok=0
    fi
done

# ---- strict builds of the runtime's own files --------------------------------
static_job() {
    local cc f
    results=$tmp/results.static
    for cc in gcc clang tcc; do
        command -v $cc >/dev/null || { result skip "wasi.c, $cc # SKIP no $cc"; continue; }
        f=$tmp/static.$cc.err
        # (every mode with cc: the builds below are strict too)
        $cc $strict -Iinclude -DSANDC_MEMORY_MODE=SANDC_CHECK -c rt/wasi/wasi.c \
            -o "$tmp/static.$cc.o" >"$f" 2>&1
        result $? "wasi.c builds with $cc $strict" "$f"
    done
    for cc in gcc clang; do
        command -v $cc >/dev/null || { result skip "main.c, $cc # SKIP no $cc"; continue; }
        f=$tmp/static.main.$cc.err
        $cc $strict -Iinclude -I"$tmp/src/guest" -c rt/wasi/main.c \
            -o "$tmp/static.main.o" >"$f" 2>&1
        result $? "main.c builds with $cc $strict" "$f"
    done
    # The portable part alone: everything it needs besides the host layer
    # is the runtime's trap and a few string functions.
    f=$tmp/static.noposix.err
    if cc $strict -Iinclude -DSANDC_WASI_NO_POSIX -c rt/wasi/wasi.c \
        -o "$tmp/static.noposix.o" >"$f" 2>&1; then
        nm -u "$tmp/static.noposix.o" | awk '{ print $NF }' |
            grep -v '^\(sandc_wasi_host_[a-z]*\|sandc_trap\|memcpy\|memset\|strlen\)$' >>"$f"
        [ ! -s "$f" ]
    else
        false
    fi
    result $? "wasi.c with SANDC_WASI_NO_POSIX needs only the host layer" "$f"
}

# ---- build and run, once per configuration -----------------------------------
# -O0: the translated C builds five times faster than with -O1
asan_flags="-O0 -fno-omit-frame-pointer -fsanitize=address,undefined"
asan_flags="$asan_flags -fno-sanitize-recover=all"
configs=("cc-guard|cc|-O2|GUARD" "cc-check|cc|-O2|CHECK" "cc-mask|cc|-O2|MASK")
command -v clang >/dev/null &&
    configs+=("clang-asan-check|clang|$asan_flags|CHECK")

guard_ok=1
if [ "$(getconf LONG_BIT 2>/dev/null)" != 64 ]; then
    guard_ok=0
fi
case "$(uname -s)" in
Linux | Darwin | *BSD) ;;
*) guard_ok=0 ;;
esac

# python3 -c "$pty_run" ARGV...: run ARGV on a new pseudo-terminal, print
# its output, exit with its status
pty_run='
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        b = os.read(fd, 4096)
    except OSError:
        break
    if not b:
        break
    out += b
st = os.waitpid(pid, 0)[1]
sys.stdout.write(out.decode().replace("\r\n", "\n"))
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128 + os.WTERMSIG(st))
'

# run BIN STDIN-FILE ARGS...: stdout through a pipe into $d/out, stderr
# into $d/err; sets rc
run() {
    local bin=$1 in=$2
    shift 2
    $limit "$bin" "$@" <"$in" 2>"$d/err" | cat >"$d/out"
    rc=${PIPESTATUS[0]}
}

# expect DESCRIPTION WANT-RC WANT-STDOUT [WANT-STDERR]: compare the last
# run; stderr must be empty unless WANT-STDERR is given (so a sanitizer
# report fails the check)
expect() {
    local desc=$1 want_rc=$2 want_out=$3 want_err="" st=0 diag
    [ $# -ge 4 ] && want_err=$4
    k=$((k + 1))
    diag=$d/diag.$k
    [ "$rc" = "$want_rc" ] || st=1
    [ "$(cat "$d/out")" = "$want_out" ] || st=1
    [ "$(cat "$d/err")" = "$want_err" ] || st=1
    if [ $st != 0 ]; then
        {
            echo "exit $rc, want $want_rc"
            echo "--- stdout:"; printf '%s\n' "$(head -n 20 "$d/out")"
            echo "--- want:"; printf '%s\n' "$want_out" | head -n 20
            echo "--- stderr:"; printf '%s\n' "$(head -n 20 "$d/err")"
            echo "--- want:"; printf '%s\n' "$want_err"
        } >"$diag"
    fi
    result $st "$name: $desc" "$diag"
}

config_job() { # NAME CC FLAGS MODE
    local name=$1 cc=$2 flags=$3 mode=$4 d=$tmp/$1 g objs ok k=0
    local G H in big gs=$guests usage
    results=$tmp/results.$name
    mkdir -p "$d"
    if [ "$mode" = GUARD ] && [ $guard_ok = 0 ]; then
        result skip "$name # SKIP SANDC_GUARD needs a 64-bit POSIX host"
        return
    fi
    if [ $src_ok = 0 ]; then
        result 1 "$name: the guests did not build"
        return
    fi
    # The sample, and the driver's instantiation paths, do not depend on
    # the memory mode: only cc-check and the sanitizer build run them.
    case $name in
    cc-check) ;;
    *-check) gs=${gs/hello/} ;;
    *) gs="guest efault" ;;
    esac
    # the runtime once (wasi.c strictly), then each guest with its driver
    ok=1
    (cd "$d" && $cc $flags -I"$root/include" -DSANDC_MEMORY_MODE=SANDC_$mode \
        -c "$root"/rt/trap.c "$root"/rt/memory.c "$root"/rt/memory_guard.c \
        "$root"/rt/table.c && $cc $strict $flags -I"$root/include" \
        -DSANDC_MEMORY_MODE=SANDC_$mode -c "$root"/rt/wasi/wasi.c) \
        >>"$d/build.err" 2>&1 || ok=0
    objs="$d/trap.o $d/memory.o $d/memory_guard.o $d/table.o $d/wasi.o"
    for g in $gs; do
        [ $ok = 1 ] || break
        $cc $flags -Iinclude -I"$tmp/src/$g" -DSANDC_MEMORY_MODE=SANDC_$mode \
            "$tmp/src/$g/prog.c" rt/wasi/main.c $objs -lm -o "$d/$g" \
            >>"$d/build.err" 2>&1 || ok=0
    done
    if [ $ok = 0 ]; then
        result 1 "$name: build" "$d/build.err"
        return
    fi
    G=$d/guest H=$d/hello in=$d/empty
    : >"$in"

    if [ -x "$H" ]; then
        run "$H" "$in" -- hello
        expect "samples/hello" 0 "hello, world!
0 arguments after the program name"
        run "$H" "$in" -- hello sandbox again
        expect "samples/hello with arguments" 0 "hello, sandbox!
2 arguments after the program name"
    fi

    run "$G" "$in" -- guest args "a b" "" c
    expect "arguments" 0 "argc=5
argv[0]=guest
argv[1]=args
argv[2]=a b
argv[3]=
argv[4]=c"
    FOO=leak run "$G" "$in" --env FOO=bar --env EMPTY= -- guest env
    expect "--env, and nothing from the host's environment" 0 "env FOO=bar
env EMPTY=
FOO is bar"
    FOO=leak run "$G" "$in" -- guest env
    expect "no --env: an empty environment" 0 "FOO is unset"

    run "$G" "$in" -- guest return 3
    expect "exit code: return from main" 3 ""
    run "$G" "$in" -- guest exit 42
    expect "exit code: exit() (stdout flushed)" 42 "exiting with 42"
    run "$G" "$in" -- guest proc_exit 7
    expect "exit code: proc_exit" 7 "proc_exit"
    run "$G" "$in" -- guest proc_exit 300
    expect "exit code: proc_exit(300) is the host's exit(300)" 44 "proc_exit"
    if [ -x "$d/startexit" ]; then
        run "$d/startexit" "$in" -- startexit
        expect "exit code: proc_exit from the start function" 7 ""
    fi

    printf 'one\ntwo\n' >"$d/small"
    run "$G" "$d/small" -- guest cat
    expect "stdin" 0 "one
two
bytes=8 lines=2"
    big=$d/big
    seq 1 30000 >"$big"
    run "$G" "$big" -- guest cat
    expect "stdin and stdout, 170 KB" 0 \
        "$(cat "$big"; echo "bytes=$(wc -c <"$big" | tr -d ' ') lines=30000")"

    run "$G" "$in" -- guest trap
    expect "a trap: exit 134 and a line on stderr" 134 "before the trap" \
        "guest: trap: unreachable executed"
    if [ -x "$d/badinit" ]; then
        run "$d/badinit" "$in" -- badinit
        expect "instantiation fails: exit 134" 134 "" \
            "badinit: cannot instantiate: out of bounds memory access"
    fi

    run "$G" "$in" -- guest clock
    expect "clocks: monotonic never goes back, bad id is EINVAL" 0 "clock ok"
    run "$G" "$in" -- guest random
    expect "random_get fills buffers" 0 "random ok"

    run "$G" "$in" -- guest seek
    expect "fd_seek and fd_tell on a pipe: ESPIPE" 0 "abc
seek: ESPIPE
tell: ESPIPE"
    $limit "$G" -- guest seek <"$in" >"$d/out" 2>"$d/err"
    rc=$?
    sed -i 's/^tell: [0-9][0-9]*$/tell: N/' "$d/out"
    expect "fd_seek and fd_tell on a file" 0 "abc
seek: 4
tell: N"

    run "$G" "$big" -- guest fdstat
    expect "fd_fdstat_get: a file, a pipe, a bad fd" 0 "fd0: type=4 write=1 tty=0
fd1: type=0 write=1 tty=0
fd2: type=4 write=1 tty=0
fd3: EBADF"
    if [ -c /dev/zero ]; then
        run "$G" /dev/zero -- guest fdstat
        sed -i -n 1p "$d/out"
        expect "fd_fdstat_get: a character device that is not a terminal" 0 \
            "fd0: type=2 write=1 tty=0"
    else
        result skip "$name: fd_fdstat_get on a character device # SKIP no /dev/zero"
    fi

    if command -v python3 >/dev/null; then
        # on a terminal: wasi-libc's isatty() must say yes
        $limit python3 -c "$pty_run" "$G" -- guest fdstat \
            <"$in" >"$d/out" 2>"$d/err"
        rc=$?
        expect "fd_fdstat_get on a terminal: isatty() in the guest" 0 "fd0: type=2 write=1 tty=1
fd1: type=2 write=1 tty=1
fd2: type=2 write=1 tty=1
fd3: EBADF"
    else
        result skip "$name: fd_fdstat_get on a terminal # SKIP no python3"
    fi

    run "$G" "$in" -- guest close
    expect "writing to a closed fd: EBADF" 0 "" "close: 0
write after close: -1 EBADF
close again: -1 EBADF"

    run "$d/efault" "$in" --env A=1 -- efault x
    expect "hostile pointers and lengths: EFAULT (else exit = the failed check)" \
        0 "efault ok"

    usage="usage: PROGRAM [--env NAME=VALUE]... -- ARGV0 [ARG...]"
    run "$G" "$in" guest args
    expect "usage: no --" 2 "" "$usage"
    run "$G" "$in" --env FOO -- guest args
    expect "usage: --env without =" 2 "" "$usage"
    run "$G" "$in" --
    expect "usage: no ARGV0" 2 "" "$usage"
}

jobs_max=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
static_job &
order+=("$tmp/results.static")
for config in "${configs[@]}"; do
    IFS='|' read -r name cc flags mode <<<"$config"
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
        wait -n 2>/dev/null || sleep 0.2
    done
    config_job "$name" "$cc" "$flags" "$mode" &
    order+=("$tmp/results.$name")
done
wait

n=0 failed=0
for f in "${order[@]}"; do
    if [ ! -f "$f" ]; then
        n=$((n + 1)) failed=$((failed + 1))
        echo "not ok $n - ${f#$tmp/}: the job died"
        continue
    fi
    while IFS=$'\t' read -r st desc diag; do
        n=$((n + 1))
        if [ "$st" = skip ] || [ "$st" = 0 ]; then
            echo "ok $n - $desc"
        else
            failed=$((failed + 1))
            echo "not ok $n - $desc"
            [ -n "$diag" ] && [ -s "$diag" ] && head -n 40 "$diag" | sed 's/^/# /'
        fi
    done <"$f"
done
echo "1..$n"
exit $((failed > 0))
