# scripts/deps.sh - sourced by the scripts beside it: `need PACKAGE...` installs
# the Debian packages that are not installed yet, and nothing else.
need() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing Debian packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
            --no-install-recommends "${missing[@]}" >/dev/null
}

# What building and testing sandc needs; WASI_PACKAGES let clang build C
# programs for wasm32-wasi (the samples, tests/run.t and tests/wasi.t).
BUILD_PACKAGES="gcc clang libclang-rt-14-dev ninja-build"
WASI_PACKAGES="lld-14 wasi-libc libclang-rt-14-dev-wasm32"
# CROSS_PACKAGES run the spec suite's matrix (tests/spec/matrix.t, in CI) on
# aarch64 and on big-endian s390x under qemu-user.
CROSS_PACKAGES="gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-s390x-linux-gnu
    libc6-dev-s390x-cross qemu-user"
TEST_PACKAGES="$BUILD_PACKAGES $WASI_PACKAGES $CROSS_PACKAGES perl python3 wabt binaryen xxd tcc"
