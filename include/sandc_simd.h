/*
 * sandc_simd.h - WebAssembly's 128-bit SIMD instructions, for generated C.
 * Included by sandc_ops.h (at its end); C99.
 *
 * One helper per instruction, named after it (i32x4.add is sandc_i32x4_add),
 * taking and returning sandc_v128 values.  Lanes are numbered and ordered as
 * the spec says on every host (see sandc_v128 in sandc.h).
 *
 * Two implementations share the lane-by-lane code below:
 *   SANDC_SIMD_VECTOR 1  GCC/Clang vector extensions, little-endian hosts.  A
 *                        lane is a vector subscript; the operations C's vector
 *                        operators get right (bitwise, wrapping integer and
 *                        IEEE float arithmetic, comparisons, shifts, splats,
 *                        shuffles) use them directly, so they compile to SSE2,
 *                        NEON or whatever the target has.
 *   SANDC_SIMD_VECTOR 0  any C99 compiler, any byte order: a lane is read and
 *                        written with the little-endian helpers of sandc.h.
 * Lane loops have constant trip counts; compilers unroll them and often
 * vectorise them too.
 *
 * Relaxed SIMD picks one permitted result per instruction, the same one on
 * every host: swizzle, trunc, laneselect, min, max and q15mulr behave like
 * their non-relaxed forms; madd and nmadd round twice (no fusion); the dot
 * products treat both operands as signed and wrap.
 */
#ifndef SANDC_SIMD_H
#define SANDC_SIMD_H

#include "sandc_ops.h"

/* ---- lanes ---------------------------------------------------------------------
 * Shapes: i8 u8 i16 u16 i32 u32 i64 u64 f32 f64.  sandc__t_S is the lane's
 * C type; sandc__get_S(v, i) reads lane i, sandc__set_S(v, i, x) returns v
 * with lane i replaced. */
typedef int8_t sandc__t_i8;
typedef uint8_t sandc__t_u8;
typedef int16_t sandc__t_i16;
typedef uint16_t sandc__t_u16;
typedef int32_t sandc__t_i32;
typedef uint32_t sandc__t_u32;
typedef int64_t sandc__t_i64;
typedef uint64_t sandc__t_u64;
typedef float sandc__t_f32;
typedef double sandc__t_f64;

#if SANDC_SIMD_VECTOR
typedef int8_t sandc__v_i8 __attribute__((vector_size(16)));
typedef uint8_t sandc__v_u8 __attribute__((vector_size(16)));
typedef int16_t sandc__v_i16 __attribute__((vector_size(16)));
typedef uint16_t sandc__v_u16 __attribute__((vector_size(16)));
typedef int32_t sandc__v_i32 __attribute__((vector_size(16)));
typedef uint32_t sandc__v_u32 __attribute__((vector_size(16)));
typedef int64_t sandc__v_i64 __attribute__((vector_size(16)));
typedef uint64_t sandc__v_u64 __attribute__((vector_size(16)));
typedef float sandc__v_f32 __attribute__((vector_size(16)));
typedef double sandc__v_f64 __attribute__((vector_size(16)));
#define SANDC__LANES(S)                                                           \
    SANDC_INLINE sandc__t_##S sandc__get_##S(sandc_v128 v, unsigned i)              \
    { return ((sandc__v_##S)v)[i]; }                                                \
    SANDC_INLINE sandc_v128 sandc__set_##S(sandc_v128 v, unsigned i, sandc__t_##S x) \
    { sandc__v_##S t = (sandc__v_##S)v; t[i] = x; return (sandc_v128)t; }
SANDC__LANES(i8) SANDC__LANES(u8) SANDC__LANES(i16) SANDC__LANES(u16)
SANDC__LANES(i32) SANDC__LANES(u32) SANDC__LANES(i64) SANDC__LANES(u64)
SANDC__LANES(f32) SANDC__LANES(f64)
#else
#define SANDC__LANES(S, W, conv_in, conv_out)                                     \
    SANDC_INLINE sandc__t_##S sandc__get_##S(sandc_v128 v, unsigned i)              \
    { return conv_in(sandc_le##W(v.b + i * (W / 8))); }                             \
    SANDC_INLINE sandc_v128 sandc__set_##S(sandc_v128 v, unsigned i, sandc__t_##S x) \
    { sandc_st##W(v.b + i * (W / 8), conv_out(x)); return v; }
SANDC__LANES(i8, 8, (int8_t), (uint8_t))
SANDC__LANES(u8, 8, , )
SANDC__LANES(i16, 16, (int16_t), (uint16_t))
SANDC__LANES(u16, 16, , )
SANDC__LANES(i32, 32, (int32_t), (uint32_t))
SANDC__LANES(u32, 32, , )
SANDC__LANES(i64, 64, (int64_t), (uint64_t))
SANDC__LANES(u64, 64, , )
SANDC__LANES(f32, 32, sandc_f32_reinterpret_i32, sandc_i32_reinterpret_f32)
SANDC__LANES(f64, 64, sandc_f64_reinterpret_i64, sandc_i64_reinterpret_f64)
#endif

/* Lane loops are unrolled: a vector lane indexed by a variable would go
 * through memory. */
#if SANDC_SIMD_VECTOR && defined(__clang__)
#define SANDC__UNROLL _Pragma("clang loop unroll(full)")
#elif SANDC_SIMD_VECTOR
#define SANDC__UNROLL _Pragma("GCC unroll 16")
#else
#define SANDC__UNROLL
#endif

#define SANDC__N_i8 16
#define SANDC__N_u8 16
#define SANDC__N_i16 8
#define SANDC__N_u16 8
#define SANDC__N_i32 4
#define SANDC__N_u32 4
#define SANDC__N_i64 2
#define SANDC__N_u64 2
#define SANDC__N_f32 4
#define SANDC__N_f64 2

/* Arithmetic >> of a signed value, without C's implementation-defined
 * behaviour. */
SANDC_INLINE int64_t sandc__asr(int64_t x, unsigned s)
{
    return x < 0 ? ~(~x >> s) : x >> s;
}

SANDC_INLINE sandc_v128 sandc_v128_zero(void)
{
    sandc_v128 r;
    memset(&r, 0, sizeof r);
    return r;
}

/* ---- lane-wise helpers -----------------------------------------------------------
 * SANDC__MAP1(name, S, R, expr): lane i of the result, of shape R, is expr
 * of x, lane i of a (shape S).  SANDC__MAP2 likewise with y from b. */
#if SANDC_SIMD_VECTOR
/* through arrays, which compilers vectorise better than lane subscripts */
#define SANDC__MAP1(name, S, R, expr)                                             \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a)                              \
    {                                                                               \
        sandc__t_##S xa[SANDC__N_##S];                                              \
        sandc__t_##R ra[SANDC__N_##R];                                              \
        sandc_v128 r;                                                               \
        unsigned i;                                                                 \
        memcpy(xa, &a, 16);                                                         \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##S; i++) {                          \
            sandc__t_##S x = xa[i];                                                 \
            ra[i] = (sandc__t_##R)(expr);                                           \
        }                                                                           \
        memcpy(&r, ra, 16);                                                         \
        return r;                                                                   \
    }
#define SANDC__MAP2(name, S, R, expr)                                             \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    {                                                                               \
        sandc__t_##S xa[SANDC__N_##S], ya[SANDC__N_##S];                            \
        sandc__t_##R ra[SANDC__N_##R];                                              \
        sandc_v128 r;                                                               \
        unsigned i;                                                                 \
        memcpy(xa, &a, 16);                                                         \
        memcpy(ya, &b, 16);                                                         \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##S; i++) {                          \
            sandc__t_##S x = xa[i], y = ya[i];                                      \
            ra[i] = (sandc__t_##R)(expr);                                           \
        }                                                                           \
        memcpy(&r, ra, 16);                                                         \
        return r;                                                                   \
    }
/* the lanes of m (all ones or zero) choose between a and b */
#define SANDC__SEL(m, a, b) (((m) & (a)) | (~(m) & (b)))
/* half vectors, and the low or high half of a value */
typedef int8_t sandc__h_i8 __attribute__((vector_size(8)));
typedef uint8_t sandc__h_u8 __attribute__((vector_size(8)));
typedef int16_t sandc__h_i16 __attribute__((vector_size(8)));
typedef uint16_t sandc__h_u16 __attribute__((vector_size(8)));
typedef int32_t sandc__h_i32 __attribute__((vector_size(8)));
typedef uint32_t sandc__h_u32 __attribute__((vector_size(8)));
#if defined(__clang__) || __GNUC__ >= 12
/* by a shuffle, which keeps the value in a register (memcpy may not) */
#define SANDC__LO16 0, 1, 2, 3, 4, 5, 6, 7
#define SANDC__HI16 8, 9, 10, 11, 12, 13, 14, 15
#define SANDC__LO8 0, 1, 2, 3
#define SANDC__HI8 4, 5, 6, 7
#define SANDC__LO4 0, 1
#define SANDC__HI4 2, 3
#define SANDC__HALF(S, LO, HI)                                                    \
    SANDC_INLINE sandc__h_##S sandc__half_##S(sandc_v128 v, unsigned hi)            \
    {                                                                               \
        sandc__v_##S x = (sandc__v_##S)v;                                           \
        return hi ? __builtin_shufflevector(x, x, HI) : __builtin_shufflevector(x, x, LO); \
    }
SANDC__HALF(i8, SANDC__LO16, SANDC__HI16) SANDC__HALF(u8, SANDC__LO16, SANDC__HI16)
SANDC__HALF(i16, SANDC__LO8, SANDC__HI8) SANDC__HALF(u16, SANDC__LO8, SANDC__HI8)
SANDC__HALF(i32, SANDC__LO4, SANDC__HI4) SANDC__HALF(u32, SANDC__LO4, SANDC__HI4)
/* two halves as one value */
#define SANDC__JOIN(l, h) ((sandc_v128)__builtin_shufflevector(l, h, 0, 1, 2, 3, 4, 5, 6, 7,  \
                                                               8, 9, 10, 11, 12, 13, 14, 15))
#else
#define SANDC__JOIN(l, h) sandc__join((l), (h))
SANDC_INLINE sandc_v128 sandc__join(sandc__h_u8 l, sandc__h_u8 h)
{
    sandc_v128 r;
    memcpy(&r, &l, 8);
    memcpy((char *)&r + 8, &h, 8);
    return r;
}
#define SANDC__HALF(S)                                                            \
    SANDC_INLINE sandc__h_##S sandc__half_##S(sandc_v128 v, unsigned hi)            \
    { sandc__h_##S h; memcpy(&h, (const char *)&v + 8 * hi, 8); return h; }
SANDC__HALF(i8) SANDC__HALF(u8) SANDC__HALF(i16) SANDC__HALF(u16)
SANDC__HALF(i32) SANDC__HALF(u32)
#endif
#else
#define SANDC__MAP1(name, S, R, expr)                                             \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a)                              \
    {                                                                               \
        sandc_v128 r = a;                                                           \
        unsigned i;                                                                 \
        for (i = 0; i < SANDC__N_##S; i++) {                                        \
            sandc__t_##S x = sandc__get_##S(a, i);                                  \
            r = sandc__set_##R(r, i, (sandc__t_##R)(expr));                         \
        }                                                                           \
        return r;                                                                   \
    }
#define SANDC__MAP2(name, S, R, expr)                                             \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    {                                                                               \
        sandc_v128 r = a;                                                           \
        unsigned i;                                                                 \
        for (i = 0; i < SANDC__N_##S; i++) {                                        \
            sandc__t_##S x = sandc__get_##S(a, i), y = sandc__get_##S(b, i);        \
            r = sandc__set_##R(r, i, (sandc__t_##R)(expr));                         \
        }                                                                           \
        return r;                                                                   \
    }
#endif

/* C operators on lanes: OP2 a binary operator (wrapping for unsigned shapes,
 * IEEE for floats), CMP a comparison giving all ones or zero in a lane of
 * unsigned shape U. */
#if SANDC_SIMD_VECTOR
#define SANDC__OP2(name, S, op)                                                   \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    { return (sandc_v128)((sandc__v_##S)a op (sandc__v_##S)b); }
#define SANDC__CMP(name, S, U, op)                                                \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    { return (sandc_v128)((sandc__v_##S)a op (sandc__v_##S)b); }
#else
#define SANDC__OP2(name, S, op) SANDC__MAP2(name, S, S, x op y)
#define SANDC__CMP(name, S, U, op)                                                \
    SANDC__MAP2(name, S, U, (x op y) ? ~(sandc__t_##U)0 : 0)
#endif

/* ---- constants, loads and stores -------------------------------------------------- */

/* The value whose four 32-bit lanes are a, b, c, d. */
SANDC_INLINE sandc_v128 sandc_v128_const(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
#if SANDC_SIMD_VECTOR
    sandc__v_u32 v = {a, b, c, d};
    return (sandc_v128)v;
#else
    sandc_v128 r;
    sandc_st32(r.b, a);
    sandc_st32(r.b + 4, b);
    sandc_st32(r.b + 8, c);
    sandc_st32(r.b + 12, d);
    return r;
#endif
}

/* Hides a constant from the optimizer (see sandc_f32_opaque). */
#if SANDC_SIMD_VECTOR
SANDC_INLINE sandc_v128 sandc_v128_opaque(sandc_v128 v) { SANDC__OPAQUE(sandc_v128, v); return v; }
#else /* a struct: through memory */
SANDC_INLINE sandc_v128 sandc_v128_opaque(sandc_v128 v)
{
    volatile sandc_v128 t = v;
    v = t;
    return v;
}
#endif

SANDC_INLINE sandc_v128 sandc_v128_load(const uint8_t *p)
{
    sandc_v128 v;
    memcpy(&v, p, 16);
    /* in SANDC_GUARD the load is the bounds check: keep it */
#if SANDC_MEMORY_MODE == SANDC_GUARD && SANDC_SIMD_VECTOR && \
    (defined(__x86_64__) || defined(__i386__))
    __asm__ volatile("" : : "x"(v));
#elif SANDC_MEMORY_MODE == SANDC_GUARD && SANDC_SIMD_VECTOR && defined(__aarch64__)
    __asm__ volatile("" : : "w"(v));
#else
    SANDC_KEEP(p[15]);
#endif
    return v;
}
SANDC_INLINE void sandc_v128_store(uint8_t *p, sandc_v128 v) { memcpy(p, &v, 16); }

/* Splats of an integer operand. */
#if SANDC_SIMD_VECTOR
#define SANDC__SPLAT(name, S, T)                                                  \
    SANDC_INLINE sandc_v128 sandc_##name(T x)                                       \
    { return (sandc_v128)((sandc__v_##S){0} + (sandc__t_##S)x); }
#else
#define SANDC__SPLAT(name, S, T)                                                  \
    SANDC_INLINE sandc_v128 sandc_##name(T x)                                       \
    {                                                                               \
        sandc_v128 r = sandc_v128_zero();                                           \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##S; i++)                                          \
            r = sandc__set_##S(r, i, (sandc__t_##S)x);                              \
        return r;                                                                   \
    }
#endif
SANDC__SPLAT(i8x16_splat, u8, uint32_t)
SANDC__SPLAT(i16x8_splat, u16, uint32_t)
SANDC__SPLAT(i32x4_splat, u32, uint32_t)
SANDC__SPLAT(i64x2_splat, u64, uint64_t)
/* by the bits: a float addition would quiet a NaN and turn -0 into +0 */
SANDC_INLINE sandc_v128 sandc_f32x4_splat(float x)
{ return sandc_i32x4_splat(sandc_i32_reinterpret_f32(x)); }
SANDC_INLINE sandc_v128 sandc_f64x2_splat(double x)
{ return sandc_i64x2_splat(sandc_i64_reinterpret_f64(x)); }

SANDC_INLINE sandc_v128 sandc_v128_load8_splat(const uint8_t *p)
{ return sandc_i8x16_splat(sandc_ld8(p)); }
SANDC_INLINE sandc_v128 sandc_v128_load16_splat(const uint8_t *p)
{ return sandc_i16x8_splat(sandc_ld16(p)); }
SANDC_INLINE sandc_v128 sandc_v128_load32_splat(const uint8_t *p)
{ return sandc_i32x4_splat(sandc_ld32(p)); }
SANDC_INLINE sandc_v128 sandc_v128_load64_splat(const uint8_t *p)
{ return sandc_i64x2_splat(sandc_ld64(p)); }
SANDC_INLINE sandc_v128 sandc_v128_load32_zero(const uint8_t *p)
{ return sandc_v128_const(sandc_ld32(p), 0, 0, 0); }
SANDC_INLINE sandc_v128 sandc_v128_load64_zero(const uint8_t *p)
{ return sandc__set_u64(sandc_v128_zero(), 0, sandc_ld64(p)); }

/* Loads of 8 bytes, each half-width lane extended. */
#define SANDC__LOADX(name, R, T)                                                  \
    SANDC_INLINE sandc_v128 sandc_##name(const uint8_t *p)                          \
    {                                                                               \
        uint64_t w = sandc_ld64(p);                                                 \
        sandc_v128 r = sandc_v128_zero();                                           \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##R; i++)                                          \
            r = sandc__set_##R(r, i, (sandc__t_##R)(T)(w >> (i * 8 * sizeof(T))));  \
        return r;                                                                   \
    }
SANDC__LOADX(v128_load8x8_s, i16, int8_t)
SANDC__LOADX(v128_load8x8_u, u16, uint8_t)
SANDC__LOADX(v128_load16x4_s, i32, int16_t)
SANDC__LOADX(v128_load16x4_u, u32, uint16_t)
SANDC__LOADX(v128_load32x2_s, i64, int32_t)
SANDC__LOADX(v128_load32x2_u, u64, uint32_t)

/* ---- lanes -------------------------------------------------------------------------- */

SANDC_INLINE uint32_t sandc_i8x16_extract_lane_s(sandc_v128 v, unsigned i)
{ return (uint32_t)(int32_t)sandc__get_i8(v, i); }
SANDC_INLINE uint32_t sandc_i8x16_extract_lane_u(sandc_v128 v, unsigned i)
{ return sandc__get_u8(v, i); }
SANDC_INLINE uint32_t sandc_i16x8_extract_lane_s(sandc_v128 v, unsigned i)
{ return (uint32_t)(int32_t)sandc__get_i16(v, i); }
SANDC_INLINE uint32_t sandc_i16x8_extract_lane_u(sandc_v128 v, unsigned i)
{ return sandc__get_u16(v, i); }
SANDC_INLINE uint32_t sandc_i32x4_extract_lane(sandc_v128 v, unsigned i)
{ return sandc__get_u32(v, i); }
SANDC_INLINE uint64_t sandc_i64x2_extract_lane(sandc_v128 v, unsigned i)
{ return sandc__get_u64(v, i); }
SANDC_INLINE float sandc_f32x4_extract_lane(sandc_v128 v, unsigned i)
{ return sandc__get_f32(v, i); }
SANDC_INLINE double sandc_f64x2_extract_lane(sandc_v128 v, unsigned i)
{ return sandc__get_f64(v, i); }

SANDC_INLINE sandc_v128 sandc_i8x16_replace_lane(sandc_v128 v, unsigned i, uint32_t x)
{ return sandc__set_u8(v, i, (uint8_t)x); }
SANDC_INLINE sandc_v128 sandc_i16x8_replace_lane(sandc_v128 v, unsigned i, uint32_t x)
{ return sandc__set_u16(v, i, (uint16_t)x); }
SANDC_INLINE sandc_v128 sandc_i32x4_replace_lane(sandc_v128 v, unsigned i, uint32_t x)
{ return sandc__set_u32(v, i, x); }
SANDC_INLINE sandc_v128 sandc_i64x2_replace_lane(sandc_v128 v, unsigned i, uint64_t x)
{ return sandc__set_u64(v, i, x); }
SANDC_INLINE sandc_v128 sandc_f32x4_replace_lane(sandc_v128 v, unsigned i, float x)
{ return sandc__set_f32(v, i, x); }
SANDC_INLINE sandc_v128 sandc_f64x2_replace_lane(sandc_v128 v, unsigned i, double x)
{ return sandc__set_f64(v, i, x); }

/* Lane loads and stores: the lane index is a constant. */
SANDC_INLINE sandc_v128 sandc_v128_load8_lane(const uint8_t *p, sandc_v128 v, unsigned i)
{ return sandc__set_u8(v, i, sandc_ld8(p)); }
SANDC_INLINE sandc_v128 sandc_v128_load16_lane(const uint8_t *p, sandc_v128 v, unsigned i)
{ return sandc__set_u16(v, i, sandc_ld16(p)); }
SANDC_INLINE sandc_v128 sandc_v128_load32_lane(const uint8_t *p, sandc_v128 v, unsigned i)
{ return sandc__set_u32(v, i, sandc_ld32(p)); }
SANDC_INLINE sandc_v128 sandc_v128_load64_lane(const uint8_t *p, sandc_v128 v, unsigned i)
{ return sandc__set_u64(v, i, sandc_ld64(p)); }
SANDC_INLINE void sandc_v128_store8_lane(uint8_t *p, sandc_v128 v, unsigned i)
{ sandc_st8(p, sandc__get_u8(v, i)); }
SANDC_INLINE void sandc_v128_store16_lane(uint8_t *p, sandc_v128 v, unsigned i)
{ sandc_st16(p, sandc__get_u16(v, i)); }
SANDC_INLINE void sandc_v128_store32_lane(uint8_t *p, sandc_v128 v, unsigned i)
{ sandc_st32(p, sandc__get_u32(v, i)); }
SANDC_INLINE void sandc_v128_store64_lane(uint8_t *p, sandc_v128 v, unsigned i)
{ sandc_st64(p, sandc__get_u64(v, i)); }

/* ---- shuffle and swizzle -------------------------------------------------------------
 * SANDC_I8X16_SHUFFLE(a, b, i0, ..., i15): the lane indices are constants
 * below 32 (16 and up select from b). */
SANDC_INLINE sandc_v128 sandc__shuffle(sandc_v128 a, sandc_v128 b, const uint8_t *s)
{
    sandc_v128 r = a;
    unsigned i;
    SANDC__UNROLL for (i = 0; i < 16; i++)
        r = sandc__set_u8(r, i, s[i] < 16 ? sandc__get_u8(a, s[i])
                                          : sandc__get_u8(b, s[i] - 16u));
    return r;
}
#if SANDC_SIMD_VECTOR && defined(__clang__)
#define SANDC_I8X16_SHUFFLE(a, b, ...)                                            \
    ((sandc_v128)__builtin_shufflevector((sandc__v_u8)(a), (sandc__v_u8)(b), __VA_ARGS__))
#elif SANDC_SIMD_VECTOR
#define SANDC_I8X16_SHUFFLE(a, b, ...)                                            \
    ((sandc_v128)__builtin_shuffle((sandc__v_u8)(a), (sandc__v_u8)(b),           \
                                   (sandc__v_u8){__VA_ARGS__}))
#else
#define SANDC_I8X16_SHUFFLE(a, b, ...)                                            \
    sandc__shuffle((a), (b), (const uint8_t[16]){__VA_ARGS__})
#endif

SANDC_INLINE sandc_v128 sandc_i8x16_swizzle(sandc_v128 a, sandc_v128 s)
{
    sandc_v128 r = a;
    unsigned i;
    SANDC__UNROLL for (i = 0; i < 16; i++) {
        uint8_t k = sandc__get_u8(s, i);
        r = sandc__set_u8(r, i, k < 16 ? sandc__get_u8(a, k) : 0);
    }
    return r;
}

/* ---- comparisons ----------------------------------------------------------------------- */

SANDC__CMP(i8x16_eq, u8, u8, ==)
SANDC__CMP(i8x16_ne, u8, u8, !=)
SANDC__CMP(i8x16_lt_s, i8, u8, <)
SANDC__CMP(i8x16_lt_u, u8, u8, <)
SANDC__CMP(i8x16_gt_s, i8, u8, >)
SANDC__CMP(i8x16_gt_u, u8, u8, >)
SANDC__CMP(i8x16_le_s, i8, u8, <=)
SANDC__CMP(i8x16_le_u, u8, u8, <=)
SANDC__CMP(i8x16_ge_s, i8, u8, >=)
SANDC__CMP(i8x16_ge_u, u8, u8, >=)
SANDC__CMP(i16x8_eq, u16, u16, ==)
SANDC__CMP(i16x8_ne, u16, u16, !=)
SANDC__CMP(i16x8_lt_s, i16, u16, <)
SANDC__CMP(i16x8_lt_u, u16, u16, <)
SANDC__CMP(i16x8_gt_s, i16, u16, >)
SANDC__CMP(i16x8_gt_u, u16, u16, >)
SANDC__CMP(i16x8_le_s, i16, u16, <=)
SANDC__CMP(i16x8_le_u, u16, u16, <=)
SANDC__CMP(i16x8_ge_s, i16, u16, >=)
SANDC__CMP(i16x8_ge_u, u16, u16, >=)
SANDC__CMP(i32x4_eq, u32, u32, ==)
SANDC__CMP(i32x4_ne, u32, u32, !=)
SANDC__CMP(i32x4_lt_s, i32, u32, <)
SANDC__CMP(i32x4_lt_u, u32, u32, <)
SANDC__CMP(i32x4_gt_s, i32, u32, >)
SANDC__CMP(i32x4_gt_u, u32, u32, >)
SANDC__CMP(i32x4_le_s, i32, u32, <=)
SANDC__CMP(i32x4_le_u, u32, u32, <=)
SANDC__CMP(i32x4_ge_s, i32, u32, >=)
SANDC__CMP(i32x4_ge_u, u32, u32, >=)
SANDC__CMP(i64x2_eq, u64, u64, ==)
SANDC__CMP(i64x2_ne, u64, u64, !=)
SANDC__CMP(i64x2_lt_s, i64, u64, <)
SANDC__CMP(i64x2_gt_s, i64, u64, >)
SANDC__CMP(i64x2_le_s, i64, u64, <=)
SANDC__CMP(i64x2_ge_s, i64, u64, >=)
SANDC__CMP(f32x4_eq, f32, u32, ==)
SANDC__CMP(f32x4_ne, f32, u32, !=)
SANDC__CMP(f32x4_lt, f32, u32, <)
SANDC__CMP(f32x4_gt, f32, u32, >)
SANDC__CMP(f32x4_le, f32, u32, <=)
SANDC__CMP(f32x4_ge, f32, u32, >=)
SANDC__CMP(f64x2_eq, f64, u64, ==)
SANDC__CMP(f64x2_ne, f64, u64, !=)
SANDC__CMP(f64x2_lt, f64, u64, <)
SANDC__CMP(f64x2_gt, f64, u64, >)
SANDC__CMP(f64x2_le, f64, u64, <=)
SANDC__CMP(f64x2_ge, f64, u64, >=)

/* ---- bitwise --------------------------------------------------------------------------- */

SANDC__OP2(v128_and, u64, &)
SANDC__OP2(v128_or, u64, |)
SANDC__OP2(v128_xor, u64, ^)
SANDC__MAP1(v128_not, u64, u64, ~x)
SANDC__MAP2(v128_andnot, u64, u64, x & ~y)
SANDC_INLINE sandc_v128 sandc_v128_bitselect(sandc_v128 a, sandc_v128 b, sandc_v128 c)
{
    return sandc_v128_or(sandc_v128_and(a, c), sandc_v128_andnot(b, c));
}
SANDC_INLINE uint32_t sandc_v128_any_true(sandc_v128 a)
{
    return (sandc__get_u64(a, 0) | sandc__get_u64(a, 1)) != 0;
}

/* ---- integer arithmetic ------------------------------------------------------------------
 * The narrow shapes are computed in uint32_t or int32_t, so nothing
 * overflows a signed int after C's promotions. */

#if SANDC_SIMD_VECTOR
#define SANDC__MINMAX(name, S, U, op)                                             \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    {                                                                               \
        sandc__v_##U m = (sandc__v_##U)((sandc__v_##S)a op (sandc__v_##S)b);        \
        return (sandc_v128)SANDC__SEL(m, (sandc__v_##U)a, (sandc__v_##U)b);         \
    }
#define SANDC__INT_LANEWISE(P, S, U, W)                                           \
    SANDC_INLINE sandc_v128 sandc_##P##_neg(sandc_v128 a)                           \
    { return (sandc_v128)(0 - (sandc__v_##U)a); }                                   \
    SANDC_INLINE sandc_v128 sandc_##P##_abs(sandc_v128 a)                           \
    {                                                                               \
        sandc__v_##U s = (sandc__v_##U)((sandc__v_##S)a >> (W - 1));                \
        return (sandc_v128)(((sandc__v_##U)a ^ s) - s);                             \
    }                                                                               \
    SANDC__MINMAX(P##_min_s, S, U, <)                                               \
    SANDC__MINMAX(P##_max_s, S, U, >)                                               \
    SANDC__MINMAX(P##_min_u, U, U, <)                                               \
    SANDC__MINMAX(P##_max_u, U, U, >)
#else
#define SANDC__INT_LANEWISE(P, S, U, W)                                           \
    SANDC__MAP1(P##_neg, U, U, 0u - (uint64_t)x)                                    \
    SANDC__MAP1(P##_abs, S, U, x < 0 ? 0u - (uint64_t)x : (uint64_t)x)              \
    SANDC__MAP2(P##_min_s, S, S, x < y ? x : y)                                     \
    SANDC__MAP2(P##_max_s, S, S, x > y ? x : y)                                     \
    SANDC__MAP2(P##_min_u, U, U, x < y ? x : y)                                     \
    SANDC__MAP2(P##_max_u, U, U, x > y ? x : y)
#endif

#define SANDC__INT_SHAPE(P, S, U, W)                                                \
    SANDC__OP2(P##_add, U, +)                                                       \
    SANDC__OP2(P##_sub, U, -)                                                       \
    SANDC__INT_LANEWISE(P, S, U, W)                                                 \
    SANDC_INLINE uint32_t sandc_##P##_all_true(sandc_v128 a)                        \
    {                                                                               \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##U; i++)                                          \
            if (sandc__get_##U(a, i) == 0)                                          \
                return 0;                                                           \
        return 1;                                                                   \
    }                                                                               \
    SANDC_INLINE uint32_t sandc_##P##_bitmask(sandc_v128 a)                         \
    {                                                                               \
        uint32_t m = 0;                                                             \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##U; i++)                                          \
            m |= (uint32_t)(sandc__get_##U(a, i) >> (W - 1)) << i;                  \
        return m;                                                                   \
    }

#if SANDC_SIMD_VECTOR
#define SANDC__SHIFTS(P, S, U, W)                                                   \
    SANDC_INLINE sandc_v128 sandc_##P##_shl(sandc_v128 a, uint32_t n)                \
    { return (sandc_v128)((sandc__v_##U)a << (int)(n & (W - 1))); }                 \
    SANDC_INLINE sandc_v128 sandc_##P##_shr_s(sandc_v128 a, uint32_t n)              \
    { return (sandc_v128)((sandc__v_##S)a >> (int)(n & (W - 1))); }                 \
    SANDC_INLINE sandc_v128 sandc_##P##_shr_u(sandc_v128 a, uint32_t n)              \
    { return (sandc_v128)((sandc__v_##U)a >> (int)(n & (W - 1))); }
#else
#define SANDC__SHIFTS(P, S, U, W)                                                   \
    SANDC_INLINE sandc_v128 sandc_##P##_shl(sandc_v128 a, uint32_t n)                \
    {                                                                               \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##U; i++)                                          \
            a = sandc__set_##U(a, i, (sandc__t_##U)((uint64_t)sandc__get_##U(a, i)  \
                                                    << (n & (W - 1))));             \
        return a;                                                                   \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_shr_s(sandc_v128 a, uint32_t n)              \
    {                                                                               \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##U; i++)                                          \
            a = sandc__set_##S(a, i, (sandc__t_##S)sandc__asr(sandc__get_##S(a, i), \
                                                              n & (W - 1)));        \
        return a;                                                                   \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_shr_u(sandc_v128 a, uint32_t n)              \
    {                                                                               \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##U; i++)                                          \
            a = sandc__set_##U(a, i, (sandc__t_##U)(sandc__get_##U(a, i)            \
                                                    >> (n & (W - 1))));             \
        return a;                                                                   \
    }
#endif

SANDC__INT_SHAPE(i8x16, i8, u8, 8)
SANDC__INT_SHAPE(i16x8, i16, u16, 16)
SANDC__INT_SHAPE(i32x4, i32, u32, 32)
SANDC__INT_SHAPE(i64x2, i64, u64, 64)
SANDC__SHIFTS(i8x16, i8, u8, 8)
SANDC__SHIFTS(i16x8, i16, u16, 16)
SANDC__SHIFTS(i32x4, i32, u32, 32)
SANDC__SHIFTS(i64x2, i64, u64, 64)

#if SANDC_SIMD_VECTOR
SANDC__OP2(i16x8_mul, u16, *)
SANDC__OP2(i32x4_mul, u32, *)
SANDC__OP2(i64x2_mul, u64, *)
#else
SANDC__MAP2(i16x8_mul, u16, u16, (uint32_t)x * y)
SANDC__MAP2(i32x4_mul, u32, u32, (uint32_t)x * y)
SANDC__MAP2(i64x2_mul, u64, u64, (uint64_t)x * y)
#endif

/* Saturating arithmetic: the exact result, clamped to the lane's range. */
SANDC_INLINE int32_t sandc__clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}
#if SANDC_SIMD_VECTOR
/* unsigned: a wrapped sum is below an operand exactly when it overflowed;
 * signed: it overflowed when the operands' sign agree and the result's
 * differs, and then the result is the bound of the operands' sign */
#define SANDC__SAT(P, S, U, W)                                                    \
    SANDC_INLINE sandc_v128 sandc_##P##_add_sat_u(sandc_v128 a, sandc_v128 b)       \
    {                                                                               \
        sandc__v_##U r = (sandc__v_##U)a + (sandc__v_##U)b;                         \
        return (sandc_v128)(r | (sandc__v_##U)(r < (sandc__v_##U)a));               \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_sub_sat_u(sandc_v128 a, sandc_v128 b)       \
    {                                                                               \
        sandc__v_##U r = (sandc__v_##U)a - (sandc__v_##U)b;                         \
        return (sandc_v128)(r & (sandc__v_##U)(r <= (sandc__v_##U)a));              \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_add_sat_s(sandc_v128 a, sandc_v128 b)       \
    {                                                                               \
        sandc__v_##U x = (sandc__v_##U)a, y = (sandc__v_##U)b, r = x + y;           \
        sandc__v_##U o = (sandc__v_##U)((sandc__v_##S)((r ^ x) & (r ^ y)) < 0);     \
        sandc__v_##U bound = (x >> (W - 1)) + ((sandc__t_##U)1 << (W - 1)) - 1;    \
        return (sandc_v128)SANDC__SEL(o, bound, r);                                 \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_sub_sat_s(sandc_v128 a, sandc_v128 b)       \
    {                                                                               \
        sandc__v_##U x = (sandc__v_##U)a, y = (sandc__v_##U)b, r = x - y;           \
        sandc__v_##U o = (sandc__v_##U)((sandc__v_##S)((x ^ y) & (r ^ x)) < 0);     \
        sandc__v_##U bound = (x >> (W - 1)) + ((sandc__t_##U)1 << (W - 1)) - 1;    \
        return (sandc_v128)SANDC__SEL(o, bound, r);                                 \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_avgr_u(sandc_v128 a, sandc_v128 b)          \
    {                                                                               \
        sandc__v_##U x = (sandc__v_##U)a, y = (sandc__v_##U)b;                      \
        return (sandc_v128)((x | y) - ((x ^ y) >> 1));                              \
    }
SANDC__SAT(i8x16, i8, u8, 8)
SANDC__SAT(i16x8, i16, u16, 16)
#else
SANDC__MAP2(i8x16_add_sat_s, i8, i8, sandc__clamp((int32_t)x + y, -128, 127))
SANDC__MAP2(i8x16_add_sat_u, u8, u8, sandc__clamp((int32_t)x + y, 0, 255))
SANDC__MAP2(i8x16_sub_sat_s, i8, i8, sandc__clamp((int32_t)x - y, -128, 127))
SANDC__MAP2(i8x16_sub_sat_u, u8, u8, sandc__clamp((int32_t)x - y, 0, 255))
SANDC__MAP2(i16x8_add_sat_s, i16, i16, sandc__clamp((int32_t)x + y, -32768, 32767))
SANDC__MAP2(i16x8_add_sat_u, u16, u16, sandc__clamp((int32_t)x + y, 0, 65535))
SANDC__MAP2(i16x8_sub_sat_s, i16, i16, sandc__clamp((int32_t)x - y, -32768, 32767))
SANDC__MAP2(i16x8_sub_sat_u, u16, u16, sandc__clamp((int32_t)x - y, 0, 65535))
SANDC__MAP2(i8x16_avgr_u, u8, u8, ((uint32_t)x + y + 1) >> 1)
SANDC__MAP2(i16x8_avgr_u, u16, u16, ((uint32_t)x + y + 1) >> 1)
#endif

/* Q15 multiply, rounded; only -1 * -1 saturates. */
SANDC__MAP2(i16x8_q15mulr_sat_s, i16, i16,
            sandc__clamp((int32_t)sandc__asr((int32_t)x * y + 0x4000, 15), -32768, 32767))

#if SANDC_SIMD_VECTOR
SANDC_INLINE sandc_v128 sandc_i8x16_popcnt(sandc_v128 a)
{
    sandc__v_u8 x = (sandc__v_u8)a;
    x = x - ((x >> 1) & 0x55);
    x = (x & 0x33) + ((x >> 2) & 0x33);
    return (sandc_v128)((x + (x >> 4)) & 0x0f);
}
#else
SANDC__MAP1(i8x16_popcnt, u8, u8, sandc_i32_popcnt(x))
#endif

/* Narrowing: lanes 0..N/2-1 from a, the rest from b, each saturated. */
#if SANDC_SIMD_VECTOR
#define SANDC__NARROW(name, S, R, lo, hi)                                         \
    SANDC_INLINE sandc__h_##R sandc__##name##_half(sandc_v128 v)                    \
    {                                                                               \
        sandc__v_##S x = (sandc__v_##S)v;                                           \
        x = SANDC__SEL(x < (sandc__v_##S){0} + (lo), (sandc__v_##S){0} + (lo), x);  \
        x = SANDC__SEL(x > (sandc__v_##S){0} + (hi), (sandc__v_##S){0} + (hi), x);  \
        return __builtin_convertvector(x, sandc__h_##R);                            \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    {                                                                               \
        sandc__h_u8 l = (sandc__h_u8)sandc__##name##_half(a);                       \
        sandc__h_u8 h = (sandc__h_u8)sandc__##name##_half(b);                       \
        return SANDC__JOIN(l, h);                                                   \
    }
#else
#define SANDC__NARROW(name, S, R, lo, hi)                                         \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    {                                                                               \
        sandc_v128 r = a;                                                           \
        unsigned i, n = SANDC__N_##S;                                               \
        SANDC__UNROLL for (i = 0; i < n; i++) {                                                   \
            r = sandc__set_##R(r, i, (sandc__t_##R)sandc__clamp(                    \
                                         sandc__get_##S(a, i), lo, hi));             \
            r = sandc__set_##R(r, i + n, (sandc__t_##R)sandc__clamp(                \
                                             sandc__get_##S(b, i), lo, hi));         \
        }                                                                           \
        return r;                                                                   \
    }
#endif
#if SANDC_SIMD_VECTOR && defined(__SSE2__)
/* the instructions that do exactly this */
SANDC_INLINE sandc_v128 sandc_i8x16_narrow_i16x8_s(sandc_v128 a, sandc_v128 b)
{ return (sandc_v128)__builtin_ia32_packsswb128((sandc__v_i16)a, (sandc__v_i16)b); }
SANDC_INLINE sandc_v128 sandc_i8x16_narrow_i16x8_u(sandc_v128 a, sandc_v128 b)
{ return (sandc_v128)__builtin_ia32_packuswb128((sandc__v_i16)a, (sandc__v_i16)b); }
SANDC_INLINE sandc_v128 sandc_i16x8_narrow_i32x4_s(sandc_v128 a, sandc_v128 b)
{ return (sandc_v128)__builtin_ia32_packssdw128((sandc__v_i32)a, (sandc__v_i32)b); }
#else
SANDC__NARROW(i8x16_narrow_i16x8_s, i16, i8, -128, 127)
SANDC__NARROW(i8x16_narrow_i16x8_u, i16, u8, 0, 255)
SANDC__NARROW(i16x8_narrow_i32x4_s, i32, i16, -32768, 32767)
#endif
SANDC__NARROW(i16x8_narrow_i32x4_u, i32, u16, 0, 65535)

#if SANDC_SIMD_VECTOR
/* Widening: extend the low or high half of a's lanes (from shape S to R). */
#define SANDC__EXTEND(name, S, R, first)                                          \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a)                              \
    { return (sandc_v128)__builtin_convertvector(sandc__half_##S(a, (first) != 0), sandc__v_##R); }
/* Extended multiplication of the low or high halves (T is unused: the
 * products fit the wide lanes). */
#define SANDC__EXTMUL(name, S, R, first, T)                                       \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    {                                                                               \
        sandc__v_##R x = __builtin_convertvector(sandc__half_##S(a, (first) != 0), sandc__v_##R); \
        sandc__v_##R y = __builtin_convertvector(sandc__half_##S(b, (first) != 0), sandc__v_##R); \
        return (sandc_v128)(x * y);                                                 \
    }
/* Pairwise sums of adjacent lanes, widened: viewed in the wide shape R, the
 * even lane is the low half of a wide lane and the odd one the high half. */
#define SANDC__EXTADD(name, S, R)                                                 \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a)                              \
    {                                                                               \
        enum { H = 8 * sizeof(sandc__t_##S) };                                      \
        sandc__v_##R v = (sandc__v_##R)a;                                           \
        return (sandc_v128)(((v << H) >> H) + (v >> H));                            \
    }
#else
/* Widening: extend the low or high half of a's lanes (from shape S to R). */
#define SANDC__EXTEND(name, S, R, first)                                          \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a)                              \
    {                                                                               \
        sandc_v128 r = a;                                                           \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##R; i++)                                          \
            r = sandc__set_##R(r, i, (sandc__t_##R)sandc__get_##S(a, i + (first)));  \
        return r;                                                                   \
    }
/* Extended multiplication of the low or high halves, in type T. */
#define SANDC__EXTMUL(name, S, R, first, T)                                       \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a, sandc_v128 b)                \
    {                                                                               \
        sandc_v128 r = a;                                                           \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##R; i++)                                          \
            r = sandc__set_##R(r, i, (sandc__t_##R)((T)sandc__get_##S(a, i + (first)) \
                                                    * (T)sandc__get_##S(b, i + (first)))); \
        return r;                                                                   \
    }
/* Pairwise sums of adjacent lanes, widened. */
#define SANDC__EXTADD(name, S, R)                                                 \
    SANDC_INLINE sandc_v128 sandc_##name(sandc_v128 a)                              \
    {                                                                               \
        sandc_v128 r = a;                                                           \
        unsigned i;                                                                 \
        SANDC__UNROLL for (i = 0; i < SANDC__N_##R; i++)                                          \
            r = sandc__set_##R(r, i, (sandc__t_##R)((int32_t)sandc__get_##S(a, 2 * i) \
                                                    + sandc__get_##S(a, 2 * i + 1))); \
        return r;                                                                   \
    }
#endif
SANDC__EXTEND(i16x8_extend_low_i8x16_s, i8, i16, 0)
SANDC__EXTEND(i16x8_extend_high_i8x16_s, i8, i16, 8)
SANDC__EXTEND(i16x8_extend_low_i8x16_u, u8, u16, 0)
SANDC__EXTEND(i16x8_extend_high_i8x16_u, u8, u16, 8)
SANDC__EXTEND(i32x4_extend_low_i16x8_s, i16, i32, 0)
SANDC__EXTEND(i32x4_extend_high_i16x8_s, i16, i32, 4)
SANDC__EXTEND(i32x4_extend_low_i16x8_u, u16, u32, 0)
SANDC__EXTEND(i32x4_extend_high_i16x8_u, u16, u32, 4)
SANDC__EXTEND(i64x2_extend_low_i32x4_s, i32, i64, 0)
SANDC__EXTEND(i64x2_extend_high_i32x4_s, i32, i64, 2)
SANDC__EXTEND(i64x2_extend_low_i32x4_u, u32, u64, 0)
SANDC__EXTEND(i64x2_extend_high_i32x4_u, u32, u64, 2)
SANDC__EXTMUL(i16x8_extmul_low_i8x16_s, i8, i16, 0, int32_t)
SANDC__EXTMUL(i16x8_extmul_high_i8x16_s, i8, i16, 8, int32_t)
SANDC__EXTMUL(i16x8_extmul_low_i8x16_u, u8, u16, 0, uint32_t)
SANDC__EXTMUL(i16x8_extmul_high_i8x16_u, u8, u16, 8, uint32_t)
SANDC__EXTMUL(i32x4_extmul_low_i16x8_s, i16, i32, 0, int32_t)
SANDC__EXTMUL(i32x4_extmul_high_i16x8_s, i16, i32, 4, int32_t)
SANDC__EXTMUL(i32x4_extmul_low_i16x8_u, u16, u32, 0, uint32_t)
SANDC__EXTMUL(i32x4_extmul_high_i16x8_u, u16, u32, 4, uint32_t)
SANDC__EXTMUL(i64x2_extmul_low_i32x4_s, i32, i64, 0, int64_t)
SANDC__EXTMUL(i64x2_extmul_high_i32x4_s, i32, i64, 2, int64_t)
SANDC__EXTMUL(i64x2_extmul_low_i32x4_u, u32, u64, 0, uint64_t)
SANDC__EXTMUL(i64x2_extmul_high_i32x4_u, u32, u64, 2, uint64_t)
SANDC__EXTADD(i16x8_extadd_pairwise_i8x16_s, i8, i16)
SANDC__EXTADD(i16x8_extadd_pairwise_i8x16_u, u8, u16)
SANDC__EXTADD(i32x4_extadd_pairwise_i16x8_s, i16, i32)
SANDC__EXTADD(i32x4_extadd_pairwise_i16x8_u, u16, u32)

/* Dot product of signed i16 pairs; only all four -32768 wraps. */
SANDC_INLINE sandc_v128 sandc_i32x4_dot_i16x8_s(sandc_v128 a, sandc_v128 b)
{
#if SANDC_SIMD_VECTOR
    sandc__v_i32 x = (sandc__v_i32)a, y = (sandc__v_i32)b;
    sandc__v_i32 xe = (x << 16) >> 16, ye = (y << 16) >> 16;
    return (sandc_v128)((sandc__v_u32)(xe * ye) + (sandc__v_u32)((x >> 16) * (y >> 16)));
#else
    sandc_v128 r = a;
    unsigned i;
    SANDC__UNROLL for (i = 0; i < 4; i++) {
        int32_t p = (int32_t)sandc__get_i16(a, 2 * i) * sandc__get_i16(b, 2 * i);
        int32_t q = (int32_t)sandc__get_i16(a, 2 * i + 1) * sandc__get_i16(b, 2 * i + 1);
        r = sandc__set_u32(r, i, (uint32_t)p + (uint32_t)q);
    }
    return r;
#endif
}

/* ---- floats -------------------------------------------------------------------------------
 * The scalar helpers of sandc_ops.h give Wasm's NaN, -0 and rounding rules. */

SANDC__OP2(f32x4_add, f32, +)
SANDC__OP2(f32x4_sub, f32, -)
SANDC__OP2(f32x4_mul, f32, *)
SANDC__OP2(f32x4_div, f32, /)
SANDC__OP2(f64x2_add, f64, +)
SANDC__OP2(f64x2_sub, f64, -)
SANDC__OP2(f64x2_mul, f64, *)
SANDC__OP2(f64x2_div, f64, /)
SANDC__MAP1(f32x4_abs, u32, u32, x & 0x7fffffffu)
SANDC__MAP1(f32x4_neg, u32, u32, x ^ 0x80000000u)
SANDC__MAP1(f64x2_abs, u64, u64, x & 0x7fffffffffffffffull)
SANDC__MAP1(f64x2_neg, u64, u64, x ^ 0x8000000000000000ull)
SANDC__MAP1(f32x4_sqrt, f32, f32, sandc_f32_sqrt(x))
SANDC__MAP1(f32x4_ceil, f32, f32, sandc_f32_ceil(x))
SANDC__MAP1(f32x4_floor, f32, f32, sandc_f32_floor(x))
SANDC__MAP1(f32x4_trunc, f32, f32, sandc_f32_trunc(x))
SANDC__MAP1(f32x4_nearest, f32, f32, sandc_f32_nearest(x))
SANDC__MAP1(f64x2_sqrt, f64, f64, sandc_f64_sqrt(x))
SANDC__MAP1(f64x2_ceil, f64, f64, sandc_f64_ceil(x))
SANDC__MAP1(f64x2_floor, f64, f64, sandc_f64_floor(x))
SANDC__MAP1(f64x2_trunc, f64, f64, sandc_f64_trunc(x))
SANDC__MAP1(f64x2_nearest, f64, f64, sandc_f64_nearest(x))
#if SANDC_SIMD_VECTOR
/* min: the smaller; of equal ones (+0 and -0) the OR of the bits, max the
 * AND; a NaN operand gives a NaN (x + y quiets it). */
#define SANDC__FMINMAX(P, F, U)                                                   \
    SANDC_INLINE sandc_v128 sandc_##P##_min(sandc_v128 a, sandc_v128 b)             \
    {                                                                               \
        sandc__v_##F x = (sandc__v_##F)a, y = (sandc__v_##F)b;                      \
        sandc__v_##U ux = (sandc__v_##U)a, uy = (sandc__v_##U)b;                    \
        sandc__v_##U r = SANDC__SEL((sandc__v_##U)(x < y), ux, uy);                 \
        r = SANDC__SEL((sandc__v_##U)(x == y), ux | uy, r);                         \
        return (sandc_v128)SANDC__SEL((sandc__v_##U)((x != x) | (y != y)),           \
                                      (sandc__v_##U)(x + y), r);                    \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_max(sandc_v128 a, sandc_v128 b)             \
    {                                                                               \
        sandc__v_##F x = (sandc__v_##F)a, y = (sandc__v_##F)b;                      \
        sandc__v_##U ux = (sandc__v_##U)a, uy = (sandc__v_##U)b;                    \
        sandc__v_##U r = SANDC__SEL((sandc__v_##U)(x > y), ux, uy);                 \
        r = SANDC__SEL((sandc__v_##U)(x == y), ux & uy, r);                         \
        return (sandc_v128)SANDC__SEL((sandc__v_##U)((x != x) | (y != y)),           \
                                      (sandc__v_##U)(x + y), r);                    \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_pmin(sandc_v128 a, sandc_v128 b)            \
    {                                                                               \
        sandc__v_##U m = (sandc__v_##U)((sandc__v_##F)b < (sandc__v_##F)a);         \
        return (sandc_v128)SANDC__SEL(m, (sandc__v_##U)b, (sandc__v_##U)a);         \
    }                                                                               \
    SANDC_INLINE sandc_v128 sandc_##P##_pmax(sandc_v128 a, sandc_v128 b)            \
    {                                                                               \
        sandc__v_##U m = (sandc__v_##U)((sandc__v_##F)a < (sandc__v_##F)b);         \
        return (sandc_v128)SANDC__SEL(m, (sandc__v_##U)b, (sandc__v_##U)a);         \
    }
SANDC__FMINMAX(f32x4, f32, u32)
SANDC__FMINMAX(f64x2, f64, u64)
#else
SANDC__MAP2(f32x4_min, f32, f32, sandc_f32_min(x, y))
SANDC__MAP2(f32x4_max, f32, f32, sandc_f32_max(x, y))
SANDC__MAP2(f64x2_min, f64, f64, sandc_f64_min(x, y))
SANDC__MAP2(f64x2_max, f64, f64, sandc_f64_max(x, y))
SANDC__MAP2(f32x4_pmin, f32, f32, y < x ? y : x)
SANDC__MAP2(f32x4_pmax, f32, f32, x < y ? y : x)
SANDC__MAP2(f64x2_pmin, f64, f64, y < x ? y : x)
SANDC__MAP2(f64x2_pmax, f64, f64, x < y ? y : x)
#endif

/* ---- conversions ---------------------------------------------------------------------------- */

SANDC__MAP1(i32x4_trunc_sat_f32x4_s, f32, u32, sandc_i32_trunc_sat_f32_s(x))
SANDC__MAP1(i32x4_trunc_sat_f32x4_u, f32, u32, sandc_i32_trunc_sat_f32_u(x))
#if SANDC_SIMD_VECTOR
SANDC_INLINE sandc_v128 sandc_f32x4_convert_i32x4_s(sandc_v128 a)
{ return (sandc_v128)__builtin_convertvector((sandc__v_i32)a, sandc__v_f32); }
SANDC_INLINE sandc_v128 sandc_f32x4_convert_i32x4_u(sandc_v128 a)
{ return (sandc_v128)__builtin_convertvector((sandc__v_u32)a, sandc__v_f32); }
#else
SANDC__MAP1(f32x4_convert_i32x4_s, i32, f32, (float)x)
SANDC__MAP1(f32x4_convert_i32x4_u, u32, f32, (float)x)
#endif

SANDC_INLINE sandc_v128 sandc_f32x4_demote_f64x2_zero(sandc_v128 a)
{
    sandc_v128 r = sandc_v128_zero();
    r = sandc__set_f32(r, 0, (float)sandc__get_f64(a, 0));
    return sandc__set_f32(r, 1, (float)sandc__get_f64(a, 1));
}
SANDC_INLINE sandc_v128 sandc_f64x2_promote_low_f32x4(sandc_v128 a)
{
    sandc_v128 r = a;
    r = sandc__set_f64(r, 0, sandc_f64_opaque((double)sandc__get_f32(a, 0)));
    return sandc__set_f64(r, 1, sandc_f64_opaque((double)sandc__get_f32(a, 1)));
}
SANDC_INLINE sandc_v128 sandc_i32x4_trunc_sat_f64x2_s_zero(sandc_v128 a)
{
    return sandc_v128_const(sandc_i32_trunc_sat_f64_s(sandc__get_f64(a, 0)),
                            sandc_i32_trunc_sat_f64_s(sandc__get_f64(a, 1)), 0, 0);
}
SANDC_INLINE sandc_v128 sandc_i32x4_trunc_sat_f64x2_u_zero(sandc_v128 a)
{
    return sandc_v128_const(sandc_i32_trunc_sat_f64_u(sandc__get_f64(a, 0)),
                            sandc_i32_trunc_sat_f64_u(sandc__get_f64(a, 1)), 0, 0);
}
SANDC_INLINE sandc_v128 sandc_f64x2_convert_low_i32x4_s(sandc_v128 a)
{
    sandc_v128 r = a;
    r = sandc__set_f64(r, 0, (double)sandc__get_i32(a, 0));
    return sandc__set_f64(r, 1, (double)sandc__get_i32(a, 1));
}
SANDC_INLINE sandc_v128 sandc_f64x2_convert_low_i32x4_u(sandc_v128 a)
{
    sandc_v128 r = a;
    r = sandc__set_f64(r, 0, (double)sandc__get_u32(a, 0));
    return sandc__set_f64(r, 1, (double)sandc__get_u32(a, 1));
}

/* ---- relaxed SIMD ----------------------------------------------------------------------------- */

#define sandc_i8x16_relaxed_swizzle sandc_i8x16_swizzle
#define sandc_i32x4_relaxed_trunc_f32x4_s sandc_i32x4_trunc_sat_f32x4_s
#define sandc_i32x4_relaxed_trunc_f32x4_u sandc_i32x4_trunc_sat_f32x4_u
#define sandc_i32x4_relaxed_trunc_f64x2_s_zero sandc_i32x4_trunc_sat_f64x2_s_zero
#define sandc_i32x4_relaxed_trunc_f64x2_u_zero sandc_i32x4_trunc_sat_f64x2_u_zero
#define sandc_i8x16_relaxed_laneselect sandc_v128_bitselect
#define sandc_i16x8_relaxed_laneselect sandc_v128_bitselect
#define sandc_i32x4_relaxed_laneselect sandc_v128_bitselect
#define sandc_i64x2_relaxed_laneselect sandc_v128_bitselect
#define sandc_f32x4_relaxed_min sandc_f32x4_min
#define sandc_f32x4_relaxed_max sandc_f32x4_max
#define sandc_f64x2_relaxed_min sandc_f64x2_min
#define sandc_f64x2_relaxed_max sandc_f64x2_max
#define sandc_i16x8_relaxed_q15mulr_s sandc_i16x8_q15mulr_sat_s

/* a * b + c and -(a * b) + c, each product rounded before the sum. */
SANDC_INLINE sandc_v128 sandc_f32x4_relaxed_madd(sandc_v128 a, sandc_v128 b, sandc_v128 c)
{ return sandc_f32x4_add(sandc_f32x4_mul(a, b), c); }
SANDC_INLINE sandc_v128 sandc_f32x4_relaxed_nmadd(sandc_v128 a, sandc_v128 b, sandc_v128 c)
{ return sandc_f32x4_add(sandc_f32x4_neg(sandc_f32x4_mul(a, b)), c); }
SANDC_INLINE sandc_v128 sandc_f64x2_relaxed_madd(sandc_v128 a, sandc_v128 b, sandc_v128 c)
{ return sandc_f64x2_add(sandc_f64x2_mul(a, b), c); }
SANDC_INLINE sandc_v128 sandc_f64x2_relaxed_nmadd(sandc_v128 a, sandc_v128 b, sandc_v128 c)
{ return sandc_f64x2_add(sandc_f64x2_neg(sandc_f64x2_mul(a, b)), c); }

SANDC_INLINE sandc_v128 sandc_i16x8_relaxed_dot_i8x16_i7x16_s(sandc_v128 a, sandc_v128 b)
{
    sandc_v128 r = a;
    unsigned i;
    SANDC__UNROLL for (i = 0; i < 8; i++) {
        int32_t p = (int32_t)sandc__get_i8(a, 2 * i) * sandc__get_i8(b, 2 * i) +
                    (int32_t)sandc__get_i8(a, 2 * i + 1) * sandc__get_i8(b, 2 * i + 1);
        r = sandc__set_u16(r, i, (uint16_t)(uint32_t)p);
    }
    return r;
}
SANDC_INLINE sandc_v128 sandc_i32x4_relaxed_dot_i8x16_i7x16_add_s(sandc_v128 a, sandc_v128 b,
                                                                  sandc_v128 c)
{
    sandc_v128 d = sandc_i16x8_relaxed_dot_i8x16_i7x16_s(a, b);
    return sandc_i32x4_add(sandc_i32x4_extadd_pairwise_i16x8_s(d), c);
}

#endif /* SANDC_SIMD_H */
