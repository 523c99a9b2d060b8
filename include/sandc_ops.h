/*
 * sandc_ops.h - the numeric operations of WebAssembly that C's operators do
 * not match, for generated C.  Included by sandc.h; C99.
 *
 * Every helper gives the Wasm result for every operand, or traps as Wasm
 * does, with no undefined behaviour.  Two things are implementation-defined
 * in C99 and relied on here, as generated code relies on them for signed
 * comparisons: converting an out-of-range unsigned value to a signed type
 * wraps (two's complement), and, under GCC and Clang only, >> of a negative
 * signed value shifts arithmetically (both compilers document both).
 *
 * Floats: IEEE binary32/binary64 without excess precision (sandc.h refuses
 * x87), round-to-nearest.  abs, neg, copysign, min, max and nearest are done
 * on bits or by hand, since libm's fmin/fmax and rint differ between libcs on
 * -0 and NaN; a NaN result is always quiet (a Wasm "arithmetic NaN").
 */
#ifndef SANDC_OPS_H
#define SANDC_OPS_H

#include "sandc.h"

#include <math.h>

/* GCC/Clang builtins and arithmetic >>; tests define it 0 to run the
 * portable code. */
#ifndef SANDC__GNU_BUILTINS
#if defined(__GNUC__) || defined(__clang__)
#define SANDC__GNU_BUILTINS 1
#else
#define SANDC__GNU_BUILTINS 0
#endif
#endif

/* ---- reinterpretations ----------------------------------------------------------- */

typedef char sandc__float_is_binary32[sizeof(float) == 4 ? 1 : -1];
typedef char sandc__double_is_binary64[sizeof(double) == 8 ? 1 : -1];

SANDC_INLINE uint32_t sandc_i32_reinterpret_f32(float x)
{ uint32_t u; memcpy(&u, &x, 4); return u; }
SANDC_INLINE float sandc_f32_reinterpret_i32(uint32_t u)
{ float x; memcpy(&x, &u, 4); return x; }
SANDC_INLINE uint64_t sandc_i64_reinterpret_f64(double x)
{ uint64_t u; memcpy(&u, &x, 8); return u; }
SANDC_INLINE double sandc_f64_reinterpret_i64(uint64_t u)
{ double x; memcpy(&x, &u, 8); return x; }

/* ---- integer division ---------------------------------------------------------- */

SANDC_INLINE uint32_t sandc_i32_div_s(uint32_t a, uint32_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    if (SANDC_UNLIKELY(a == 0x80000000u && b == 0xffffffffu))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint32_t)((int32_t)a / (int32_t)b);
}
SANDC_INLINE uint32_t sandc_i32_div_u(uint32_t a, uint32_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    return a / b;
}
SANDC_INLINE uint32_t sandc_i32_rem_s(uint32_t a, uint32_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    if (SANDC_UNLIKELY(b == 0xffffffffu)) /* INT_MIN % -1 is UB in C; 0 */
        return 0;
    return (uint32_t)((int32_t)a % (int32_t)b);
}
SANDC_INLINE uint32_t sandc_i32_rem_u(uint32_t a, uint32_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    return a % b;
}

SANDC_INLINE uint64_t sandc_i64_div_s(uint64_t a, uint64_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    if (SANDC_UNLIKELY(a == 0x8000000000000000u && b == 0xffffffffffffffffu))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint64_t)((int64_t)a / (int64_t)b);
}
SANDC_INLINE uint64_t sandc_i64_div_u(uint64_t a, uint64_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    return a / b;
}
SANDC_INLINE uint64_t sandc_i64_rem_s(uint64_t a, uint64_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    if (SANDC_UNLIKELY(b == 0xffffffffffffffffu))
        return 0;
    return (uint64_t)((int64_t)a % (int64_t)b);
}
SANDC_INLINE uint64_t sandc_i64_rem_u(uint64_t a, uint64_t b)
{
    if (SANDC_UNLIKELY(b == 0))
        sandc_trap(SANDC_TRAP_DIV_ZERO);
    return a % b;
}

/* ---- bit counts ---------------------------------------------------------------- */

SANDC_INLINE uint32_t sandc_i32_clz(uint32_t x)
{
#if SANDC__GNU_BUILTINS && UINT_MAX == 0xffffffffu
    return x ? (uint32_t)__builtin_clz(x) : 32u;
#else
    uint32_t n = 0;
    if (!x)
        return 32u;
    if (!(x & 0xffff0000u)) { n += 16; x <<= 16; }
    if (!(x & 0xff000000u)) { n += 8; x <<= 8; }
    if (!(x & 0xf0000000u)) { n += 4; x <<= 4; }
    if (!(x & 0xc0000000u)) { n += 2; x <<= 2; }
    if (!(x & 0x80000000u)) { n += 1; }
    return n;
#endif
}
SANDC_INLINE uint32_t sandc_i32_ctz(uint32_t x)
{
#if SANDC__GNU_BUILTINS && UINT_MAX == 0xffffffffu
    return x ? (uint32_t)__builtin_ctz(x) : 32u;
#else
    uint32_t n = 0;
    if (!x)
        return 32u;
    if (!(x & 0xffffu)) { n += 16; x >>= 16; }
    if (!(x & 0xffu)) { n += 8; x >>= 8; }
    if (!(x & 0xfu)) { n += 4; x >>= 4; }
    if (!(x & 0x3u)) { n += 2; x >>= 2; }
    if (!(x & 0x1u)) { n += 1; }
    return n;
#endif
}
SANDC_INLINE uint32_t sandc_i32_popcnt(uint32_t x)
{
#if SANDC__GNU_BUILTINS && UINT_MAX == 0xffffffffu
    return (uint32_t)__builtin_popcount(x);
#else
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    return (uint32_t)(x * 0x01010101u) >> 24;
#endif
}

SANDC_INLINE uint64_t sandc_i64_clz(uint64_t x)
{
#if SANDC__GNU_BUILTINS && ULLONG_MAX == 0xffffffffffffffffu
    return x ? (uint64_t)__builtin_clzll(x) : 64u;
#else
    uint32_t hi = (uint32_t)(x >> 32);
    return hi ? sandc_i32_clz(hi) : 32u + sandc_i32_clz((uint32_t)x);
#endif
}
SANDC_INLINE uint64_t sandc_i64_ctz(uint64_t x)
{
#if SANDC__GNU_BUILTINS && ULLONG_MAX == 0xffffffffffffffffu
    return x ? (uint64_t)__builtin_ctzll(x) : 64u;
#else
    uint32_t lo = (uint32_t)x;
    return lo ? sandc_i32_ctz(lo) : 32u + sandc_i32_ctz((uint32_t)(x >> 32));
#endif
}
SANDC_INLINE uint64_t sandc_i64_popcnt(uint64_t x)
{
#if SANDC__GNU_BUILTINS && ULLONG_MAX == 0xffffffffffffffffu
    return (uint64_t)__builtin_popcountll(x);
#else
    return (uint64_t)sandc_i32_popcnt((uint32_t)x) +
           sandc_i32_popcnt((uint32_t)(x >> 32));
#endif
}

/* ---- shifts and rotations (the count is taken modulo the width) ---------- */

SANDC_INLINE uint32_t sandc_i32_shl(uint32_t x, uint32_t k)
{ return (uint32_t)(x << (k & 31)); }
SANDC_INLINE uint32_t sandc_i32_shr_u(uint32_t x, uint32_t k)
{ return x >> (k & 31); }
SANDC_INLINE uint32_t sandc_i32_shr_s(uint32_t x, uint32_t k)
{
#if SANDC__GNU_BUILTINS
    return (uint32_t)((int32_t)x >> (k & 31));
#else
    uint32_t m = 0u - (x >> 31); /* all ones if negative */
    return ((x ^ m) >> (k & 31)) ^ m;
#endif
}
SANDC_INLINE uint32_t sandc_i32_rotl(uint32_t x, uint32_t k)
{ k &= 31; return (uint32_t)(x << k) | (x >> ((0u - k) & 31)); }
SANDC_INLINE uint32_t sandc_i32_rotr(uint32_t x, uint32_t k)
{ k &= 31; return (x >> k) | (uint32_t)(x << ((0u - k) & 31)); }

SANDC_INLINE uint64_t sandc_i64_shl(uint64_t x, uint64_t k)
{ return x << (k & 63); }
SANDC_INLINE uint64_t sandc_i64_shr_u(uint64_t x, uint64_t k)
{ return x >> (k & 63); }
SANDC_INLINE uint64_t sandc_i64_shr_s(uint64_t x, uint64_t k)
{
#if SANDC__GNU_BUILTINS
    return (uint64_t)((int64_t)x >> (k & 63));
#else
    uint64_t m = 0u - (x >> 63);
    return ((x ^ m) >> (k & 63)) ^ m;
#endif
}
SANDC_INLINE uint64_t sandc_i64_rotl(uint64_t x, uint64_t k)
{ k &= 63; return (x << k) | (x >> ((0u - k) & 63)); }
SANDC_INLINE uint64_t sandc_i64_rotr(uint64_t x, uint64_t k)
{ k &= 63; return (x >> k) | (x << ((0u - k) & 63)); }

/* ---- sign extension ------------------------------------------------------------- */

SANDC_INLINE uint32_t sandc_i32_extend8_s(uint32_t x)
{ return ((x & 0xffu) ^ 0x80u) - 0x80u; }
SANDC_INLINE uint32_t sandc_i32_extend16_s(uint32_t x)
{ return ((x & 0xffffu) ^ 0x8000u) - 0x8000u; }
SANDC_INLINE uint64_t sandc_i64_extend8_s(uint64_t x)
{ return ((x & 0xffu) ^ 0x80u) - (uint64_t)0x80u; }
SANDC_INLINE uint64_t sandc_i64_extend16_s(uint64_t x)
{ return ((x & 0xffffu) ^ 0x8000u) - (uint64_t)0x8000u; }
SANDC_INLINE uint64_t sandc_i64_extend32_s(uint64_t x)
{ return ((x & 0xffffffffu) ^ 0x80000000u) - (uint64_t)0x80000000u; }
/* i64.extend_i32_s (i64.extend_i32_u is a plain cast). */
SANDC_INLINE uint64_t sandc_i64_extend_i32_s(uint32_t x)
{ return ((uint64_t)x ^ 0x80000000u) - (uint64_t)0x80000000u; }

/* ---- float sign operations: bits only, NaN payloads kept ------------------- */

SANDC_INLINE float sandc_f32_abs(float x)
{ return sandc_f32_reinterpret_i32(sandc_i32_reinterpret_f32(x) & 0x7fffffffu); }
SANDC_INLINE float sandc_f32_neg(float x)
{ return sandc_f32_reinterpret_i32(sandc_i32_reinterpret_f32(x) ^ 0x80000000u); }
SANDC_INLINE float sandc_f32_copysign(float x, float y)
{
    return sandc_f32_reinterpret_i32(
        (sandc_i32_reinterpret_f32(x) & 0x7fffffffu) |
        (sandc_i32_reinterpret_f32(y) & 0x80000000u));
}
SANDC_INLINE double sandc_f64_abs(double x)
{
    return sandc_f64_reinterpret_i64(sandc_i64_reinterpret_f64(x) &
                                     0x7fffffffffffffffu);
}
SANDC_INLINE double sandc_f64_neg(double x)
{
    return sandc_f64_reinterpret_i64(sandc_i64_reinterpret_f64(x) ^
                                     0x8000000000000000u);
}
SANDC_INLINE double sandc_f64_copysign(double x, double y)
{
    return sandc_f64_reinterpret_i64(
        (sandc_i64_reinterpret_f64(x) & 0x7fffffffffffffffu) |
        (sandc_i64_reinterpret_f64(y) & 0x8000000000000000u));
}

/* ---- min and max: NaN if either is, min(-0, +0) = -0, max(-0, +0) = +0 ----- */

SANDC_INLINE float sandc_f32_min(float a, float b)
{
    if (a != a || b != b)
        return a + b; /* a quiet NaN, from a NaN operand */
    if (a == b)       /* only +-0 compare equal with different bits */
        return sandc_f32_reinterpret_i32(sandc_i32_reinterpret_f32(a) |
                                         sandc_i32_reinterpret_f32(b));
    return a < b ? a : b;
}
SANDC_INLINE float sandc_f32_max(float a, float b)
{
    if (a != a || b != b)
        return a + b;
    if (a == b)
        return sandc_f32_reinterpret_i32(sandc_i32_reinterpret_f32(a) &
                                         sandc_i32_reinterpret_f32(b));
    return a > b ? a : b;
}
SANDC_INLINE double sandc_f64_min(double a, double b)
{
    if (a != a || b != b)
        return a + b;
    if (a == b)
        return sandc_f64_reinterpret_i64(sandc_i64_reinterpret_f64(a) |
                                         sandc_i64_reinterpret_f64(b));
    return a < b ? a : b;
}
SANDC_INLINE double sandc_f64_max(double a, double b)
{
    if (a != a || b != b)
        return a + b;
    if (a == b)
        return sandc_f64_reinterpret_i64(sandc_i64_reinterpret_f64(a) &
                                         sandc_i64_reinterpret_f64(b));
    return a > b ? a : b;
}

/* ---- rounding and square root ----------------------------------------------------
 * libm's ceil/floor/trunc/sqrt are exact (sqrt correctly rounded) by IEEE
 * 754, but some return a signalling NaN unchanged; x + x quiets it. */

SANDC_INLINE float sandc_f32_ceil(float x) { return x != x ? x + x : ceilf(x); }
SANDC_INLINE float sandc_f32_floor(float x) { return x != x ? x + x : floorf(x); }
SANDC_INLINE float sandc_f32_trunc(float x) { return x != x ? x + x : truncf(x); }
SANDC_INLINE float sandc_f32_sqrt(float x) { return x != x ? x + x : sqrtf(x); }
SANDC_INLINE double sandc_f64_ceil(double x) { return x != x ? x + x : ceil(x); }
SANDC_INLINE double sandc_f64_floor(double x) { return x != x ? x + x : floor(x); }
SANDC_INLINE double sandc_f64_trunc(double x) { return x != x ? x + x : trunc(x); }
SANDC_INLINE double sandc_f64_sqrt(double x) { return x != x ? x + x : sqrt(x); }

/* Round to nearest, ties to even, keeping the sign (-0.5 -> -0).  For
 * |x| < 2^23, |x| + 2^23 has no fraction bits left, so the addition rounds
 * |x| to an integer under the default rounding mode and the subtraction is
 * exact.  Independent of libm's rint/nearbyint and the rounding mode they
 * see. */
SANDC_INLINE float sandc_f32_nearest(float x)
{
    uint32_t u = sandc_i32_reinterpret_f32(x), a = u & 0x7fffffffu;
    float t;
    if (a >= 0x4b000000u) /* |x| >= 2^23: an integer already; inf; NaN */
        return a > 0x7f800000u ? x + x : x;
    t = sandc_f32_reinterpret_i32(a);
    t = (t + 8388608.0f) - 8388608.0f;
    return sandc_f32_reinterpret_i32(sandc_i32_reinterpret_f32(t) |
                                     (u & 0x80000000u));
}
SANDC_INLINE double sandc_f64_nearest(double x)
{
    uint64_t u = sandc_i64_reinterpret_f64(x), a = u & 0x7fffffffffffffffu;
    double t;
    if (a >= 0x4330000000000000u) /* |x| >= 2^52 */
        return a > 0x7ff0000000000000u ? x + x : x;
    t = sandc_f64_reinterpret_i64(a);
    t = (t + 4503599627370496.0) - 4503599627370496.0;
    return sandc_f64_reinterpret_i64(sandc_i64_reinterpret_f64(t) |
                                     (u & 0x8000000000000000u));
}

/* ---- float to integer, trapping ------------------------------------------------
 * Valid iff NaN-free and the truncated value fits: the bounds below are the
 * exact limits (each is a power of two, or that minus one, representable). */

SANDC_INLINE uint32_t sandc_i32_trunc_f32_s(float x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x >= -0x1p31f && x < 0x1p31f)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint32_t)(int32_t)x;
}
SANDC_INLINE uint32_t sandc_i32_trunc_f32_u(float x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x > -1.0f && x < 0x1p32f)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint32_t)x;
}
SANDC_INLINE uint32_t sandc_i32_trunc_f64_s(double x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x > -2147483649.0 && x < 0x1p31)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint32_t)(int32_t)x;
}
SANDC_INLINE uint32_t sandc_i32_trunc_f64_u(double x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x > -1.0 && x < 0x1p32)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint32_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_f32_s(float x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x >= -0x1p63f && x < 0x1p63f)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint64_t)(int64_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_f32_u(float x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x > -1.0f && x < 0x1p64f)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint64_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_f64_s(double x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x >= -0x1p63 && x < 0x1p63)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint64_t)(int64_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_f64_u(double x)
{
    if (SANDC_UNLIKELY(x != x))
        sandc_trap(SANDC_TRAP_INVALID_CONVERSION);
    if (SANDC_UNLIKELY(!(x > -1.0 && x < 0x1p64)))
        sandc_trap(SANDC_TRAP_INT_OVERFLOW);
    return (uint64_t)x;
}

/* ---- float to integer, saturating: NaN -> 0, out of range -> the bound ---- */

SANDC_INLINE uint32_t sandc_i32_trunc_sat_f32_s(float x)
{
    if (x != x) return 0;
    if (x < -0x1p31f) return 0x80000000u;
    if (x >= 0x1p31f) return 0x7fffffffu;
    return (uint32_t)(int32_t)x;
}
SANDC_INLINE uint32_t sandc_i32_trunc_sat_f32_u(float x)
{
    if (!(x > -1.0f)) return 0; /* NaN too */
    if (x >= 0x1p32f) return 0xffffffffu;
    return (uint32_t)x;
}
SANDC_INLINE uint32_t sandc_i32_trunc_sat_f64_s(double x)
{
    if (x != x) return 0;
    if (x < -0x1p31) return 0x80000000u;
    if (x >= 0x1p31) return 0x7fffffffu;
    return (uint32_t)(int32_t)x;
}
SANDC_INLINE uint32_t sandc_i32_trunc_sat_f64_u(double x)
{
    if (!(x > -1.0)) return 0;
    if (x >= 0x1p32) return 0xffffffffu;
    return (uint32_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_sat_f32_s(float x)
{
    if (x != x) return 0;
    if (x < -0x1p63f) return 0x8000000000000000u;
    if (x >= 0x1p63f) return 0x7fffffffffffffffu;
    return (uint64_t)(int64_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_sat_f32_u(float x)
{
    if (!(x > -1.0f)) return 0;
    if (x >= 0x1p64f) return 0xffffffffffffffffu;
    return (uint64_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_sat_f64_s(double x)
{
    if (x != x) return 0;
    if (x < -0x1p63) return 0x8000000000000000u;
    if (x >= 0x1p63) return 0x7fffffffffffffffu;
    return (uint64_t)(int64_t)x;
}
SANDC_INLINE uint64_t sandc_i64_trunc_sat_f64_u(double x)
{
    if (!(x > -1.0)) return 0;
    if (x >= 0x1p64) return 0xffffffffffffffffu;
    return (uint64_t)x;
}

/* ---- integer to float ---------------------------------------------------------------
 * Correctly rounded (to nearest, ties to even).  Signed conversions are plain
 * casts: every target converts int64 to float/double in one rounding.
 * Unsigned 64-bit ones are casts only where the compilers are known to round
 * once (x86-64: SSE; AArch64: ucvtf); elsewhere a cast can round twice (i386
 * with the x87 precision set to double, as on FreeBSD and Windows; libraries
 * that convert through double), so they halve the value with a sticky bit and
 * use the signed conversion. */

#ifndef SANDC__U64_TO_FLOAT_CAST
#if defined(__x86_64__) || defined(__aarch64__) || defined(_M_X64) || \
    defined(_M_ARM64)
#define SANDC__U64_TO_FLOAT_CAST 1
#else
#define SANDC__U64_TO_FLOAT_CAST 0
#endif
#endif

SANDC_INLINE float sandc_f32_convert_i32_s(uint32_t x)
{ return (float)(int32_t)x; }
SANDC_INLINE float sandc_f32_convert_i32_u(uint32_t x) { return (float)x; }
SANDC_INLINE float sandc_f32_convert_i64_s(uint64_t x)
{ return (float)(int64_t)x; }
SANDC_INLINE float sandc_f32_convert_i64_u(uint64_t x)
{
#if SANDC__U64_TO_FLOAT_CAST
    return (float)x;
#else
    if (!(x >> 63))
        return (float)(int64_t)x;
    return (float)(int64_t)((x >> 1) | (x & 1)) * 2.0f;
#endif
}
SANDC_INLINE double sandc_f64_convert_i32_s(uint32_t x)
{ return (double)(int32_t)x; }
SANDC_INLINE double sandc_f64_convert_i32_u(uint32_t x) { return (double)x; }
SANDC_INLINE double sandc_f64_convert_i64_s(uint64_t x)
{ return (double)(int64_t)x; }
SANDC_INLINE double sandc_f64_convert_i64_u(uint64_t x)
{
#if SANDC__U64_TO_FLOAT_CAST
    return (double)x;
#else
    if (!(x >> 63))
        return (double)(int64_t)x;
    return (double)(int64_t)((x >> 1) | (x & 1)) * 2.0;
#endif
}

/* ---- memory64 addresses --------------------------------------------------------------
 * A memory64 access's effective address, addr + offset, can overflow, and in
 * SANDC_GUARD mode no reservation covers a 64-bit address: this checks the
 * whole access in every mode and traps unless [ea, ea + n) is inside
 * [0, size). */
SANDC_INLINE uint8_t *sandc_ea64(uint8_t *base, uint64_t size, uint64_t addr,
                                 uint64_t offset, uint64_t n)
{
    uint64_t ea = addr + offset;
    if (SANDC_UNLIKELY(ea < addr || size < n || ea > size - n))
        sandc_trap(SANDC_TRAP_MEMORY_OOB);
    return base + ea;
}

/* ---- opaque constants ------------------------------------------------------
 * Compilers fold x * 1.0, x / 1.0, x - 0.0 and -0.0 - x into x or -x, which
 * loses the quieting of a signalling NaN that Wasm requires.  The emitter
 * passes such constants through these, which hide the value from the
 * optimizer at no run-time cost. */
/* SANDC__OPAQUE(T, v): v, a T in a float or vector register, unknown to the
 * optimizer afterwards. */
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#define SANDC__OPAQUE(T, v) __asm__("" : "+x"(v))
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
#define SANDC__OPAQUE(T, v) __asm__("" : "+w"(v))
#else
#define SANDC__OPAQUE(T, v) do { volatile T sandc_t_ = (v); (v) = sandc_t_; } while (0)
#endif
SANDC_INLINE float sandc_f32_opaque(float v) { SANDC__OPAQUE(float, v); return v; }
SANDC_INLINE double sandc_f64_opaque(double v) { SANDC__OPAQUE(double, v); return v; }

#include "sandc_simd.h"

#endif /* SANDC_OPS_H */
