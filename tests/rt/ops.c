/*
 * tests/rt/ops.c - the numeric helpers of sandc_ops.h on the edge cases the
 * Wasm spec tests.  Every operand goes through a volatile so the compiler
 * cannot fold the helper away and the code under test really runs.
 */
#include "check.h"

static uint32_t u32(uint32_t x) { volatile uint32_t v = x; return v; }
static uint64_t u64(uint64_t x) { volatile uint64_t v = x; return v; }
static float f32(uint32_t bits) { return sandc_f32_reinterpret_i32(u32(bits)); }
static double f64(uint64_t bits) { return sandc_f64_reinterpret_i64(u64(bits)); }
static float fv(float x) { volatile float v = x; return v; }
static double dv(double x) { volatile double v = x; return v; }

#define P0 0x00000000u     /* +0 */
#define N0 0x80000000u     /* -0 */
#define PINF 0x7f800000u
#define NINF 0xff800000u
#define QNAN 0x7fc00000u   /* canonical */
#define NQNAN 0xffc00000u
#define SNAN 0x7fa00000u   /* signalling, payload 0x200000 */
#define QNANP 0x7fe00001u  /* quiet, non-canonical payload */
#define DP0 0x0000000000000000u
#define DN0 0x8000000000000000u
#define DPINF 0x7ff0000000000000u
#define DNINF 0xfff0000000000000u
#define DQNAN 0x7ff8000000000000u
#define DSNAN 0x7ff4000000000000u
#define DQNANP 0x7ffc000000000001u

static void test_div(void)
{
    CHECK_EQ(sandc_i32_div_s(u32(7), u32((uint32_t)-2)), (uint32_t)-3);
    CHECK_EQ(sandc_i32_div_s(u32((uint32_t)-7), u32(2)), (uint32_t)-3);
    CHECK_EQ(sandc_i32_div_s(u32(0x80000000u), u32(1)), 0x80000000u);
    CHECK_EQ(sandc_i32_div_s(u32(0x80000000u), u32(2)), 0xc0000000u);
    CHECK_EQ(sandc_i32_div_s(u32(0x7fffffffu), u32((uint32_t)-1)), 0x80000001u);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW,
               sandc_i32_div_s(u32(0x80000000u), u32(0xffffffffu)));
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i32_div_s(u32(1), u32(0)));
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i32_div_s(u32(0x80000000u), u32(0)));
    CHECK_EQ(sandc_i32_div_u(u32(0xffffffffu), u32(2)), 0x7fffffffu);
    CHECK_EQ(sandc_i32_div_u(u32(0x80000000u), u32(0xffffffffu)), 0);
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i32_div_u(u32(1), u32(0)));
    CHECK_EQ(sandc_i32_rem_s(u32(0x80000000u), u32(0xffffffffu)), 0);
    CHECK_EQ(sandc_i32_rem_s(u32((uint32_t)-7), u32(2)), (uint32_t)-1);
    CHECK_EQ(sandc_i32_rem_s(u32(7), u32((uint32_t)-2)), 1);
    CHECK_EQ(sandc_i32_rem_s(u32(0x80000000u), u32(2)), 0);
    CHECK_EQ(sandc_i32_rem_s(u32(5), u32((uint32_t)-1)), 0);
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i32_rem_s(u32(1), u32(0)));
    CHECK_EQ(sandc_i32_rem_u(u32(0x80000000u), u32(0xffffffffu)), 0x80000000u);
    CHECK_EQ(sandc_i32_rem_u(u32(0xffffffffu), u32(10)), 5);
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i32_rem_u(u32(1), u32(0)));

    CHECK_EQ(sandc_i64_div_s(u64(7), u64((uint64_t)-2)), (uint64_t)-3);
    CHECK_EQ(sandc_i64_div_s(u64((uint64_t)-7), u64(2)), (uint64_t)-3);
    CHECK_EQ(sandc_i64_div_s(u64(0x8000000000000000u), u64(2)), 0xc000000000000000u);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW,
               sandc_i64_div_s(u64(0x8000000000000000u), u64(0xffffffffffffffffu)));
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i64_div_s(u64(1), u64(0)));
    CHECK_EQ(sandc_i64_div_u(u64(0xffffffffffffffffu), u64(2)), 0x7fffffffffffffffu);
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i64_div_u(u64(1), u64(0)));
    CHECK_EQ(sandc_i64_rem_s(u64(0x8000000000000000u), u64(0xffffffffffffffffu)), 0);
    CHECK_EQ(sandc_i64_rem_s(u64((uint64_t)-7), u64(2)), (uint64_t)-1);
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i64_rem_s(u64(1), u64(0)));
    CHECK_EQ(sandc_i64_rem_u(u64(0x8000000000000000u), u64(0xffffffffffffffffu)),
             0x8000000000000000u);
    CHECK_TRAP(SANDC_TRAP_DIV_ZERO, sandc_i64_rem_u(u64(1), u64(0)));
}

static void test_bits(void)
{
    CHECK_EQ(sandc_i32_clz(u32(0)), 32);
    CHECK_EQ(sandc_i32_clz(u32(1)), 31);
    CHECK_EQ(sandc_i32_clz(u32(0x8000u)), 16);
    CHECK_EQ(sandc_i32_clz(u32(0x80000000u)), 0);
    CHECK_EQ(sandc_i32_clz(u32(0x00ffffffu)), 8);
    CHECK_EQ(sandc_i32_ctz(u32(0)), 32);
    CHECK_EQ(sandc_i32_ctz(u32(1)), 0);
    CHECK_EQ(sandc_i32_ctz(u32(0x8000u)), 15);
    CHECK_EQ(sandc_i32_ctz(u32(0x80000000u)), 31);
    CHECK_EQ(sandc_i32_popcnt(u32(0)), 0);
    CHECK_EQ(sandc_i32_popcnt(u32(0xffffffffu)), 32);
    CHECK_EQ(sandc_i32_popcnt(u32(0x55555555u)), 16);
    CHECK_EQ(sandc_i32_popcnt(u32(0x80008000u)), 2);

    CHECK_EQ(sandc_i64_clz(u64(0)), 64);
    CHECK_EQ(sandc_i64_clz(u64(1)), 63);
    CHECK_EQ(sandc_i64_clz(u64(0x100000000u)), 31);
    CHECK_EQ(sandc_i64_clz(u64(0x8000000000000000u)), 0);
    CHECK_EQ(sandc_i64_clz(u64(0xffffffffu)), 32);
    CHECK_EQ(sandc_i64_ctz(u64(0)), 64);
    CHECK_EQ(sandc_i64_ctz(u64(0x100000000u)), 32);
    CHECK_EQ(sandc_i64_ctz(u64(0x8000000000000000u)), 63);
    CHECK_EQ(sandc_i64_ctz(u64(0x80000000u)), 31);
    CHECK_EQ(sandc_i64_popcnt(u64(0xffffffffffffffffu)), 64);
    CHECK_EQ(sandc_i64_popcnt(u64(0x8000000000000001u)), 2);
    CHECK_EQ(sandc_i64_popcnt(u64(0)), 0);
}

static void test_shifts(void)
{
    CHECK_EQ(sandc_i32_rotl(u32(0x80000001u), u32(0)), 0x80000001u);
    CHECK_EQ(sandc_i32_rotl(u32(0x80000001u), u32(1)), 0x00000003u);
    CHECK_EQ(sandc_i32_rotl(u32(0x80000001u), u32(32)), 0x80000001u);
    CHECK_EQ(sandc_i32_rotl(u32(0x80000001u), u32(33)), 0x00000003u);
    CHECK_EQ(sandc_i32_rotl(u32(0x12345678u), u32(0xffffffffu)), 0x091a2b3cu);
    CHECK_EQ(sandc_i32_rotr(u32(0x80000001u), u32(0)), 0x80000001u);
    CHECK_EQ(sandc_i32_rotr(u32(0x80000001u), u32(1)), 0xc0000000u);
    CHECK_EQ(sandc_i32_rotr(u32(0x80000001u), u32(32)), 0x80000001u);
    CHECK_EQ(sandc_i32_rotr(u32(0x80000001u), u32(33)), 0xc0000000u);
    CHECK_EQ(sandc_i64_rotl(u64(0x8000000000000001u), u64(0)), 0x8000000000000001u);
    CHECK_EQ(sandc_i64_rotl(u64(0x8000000000000001u), u64(1)), 3);
    CHECK_EQ(sandc_i64_rotl(u64(0x8000000000000001u), u64(64)), 0x8000000000000001u);
    CHECK_EQ(sandc_i64_rotl(u64(0x8000000000000001u), u64(65)), 3);
    CHECK_EQ(sandc_i64_rotr(u64(0x8000000000000001u), u64(65)), 0xc000000000000000u);
    CHECK_EQ(sandc_i64_rotr(u64(1), u64(0xffffffffffffffffu)), 2);

    CHECK_EQ(sandc_i32_shl(u32(1), u32(31)), 0x80000000u);
    CHECK_EQ(sandc_i32_shl(u32(1), u32(32)), 1);
    CHECK_EQ(sandc_i32_shl(u32(1), u32(33)), 2);
    CHECK_EQ(sandc_i32_shl(u32(0xffffffffu), u32(0xffffffffu)), 0x80000000u);
    CHECK_EQ(sandc_i32_shr_u(u32(0x80000000u), u32(31)), 1);
    CHECK_EQ(sandc_i32_shr_u(u32(0x80000000u), u32(32)), 0x80000000u);
    CHECK_EQ(sandc_i32_shr_s(u32(0x80000000u), u32(31)), 0xffffffffu);
    CHECK_EQ(sandc_i32_shr_s(u32(0x80000000u), u32(32)), 0x80000000u);
    CHECK_EQ(sandc_i32_shr_s(u32(0x80000000u), u32(33)), 0xc0000000u);
    CHECK_EQ(sandc_i32_shr_s(u32(0x7fffffffu), u32(30)), 1);
    CHECK_EQ(sandc_i32_shr_s(u32((uint32_t)-5), u32(1)), (uint32_t)-3);
    CHECK_EQ(sandc_i64_shl(u64(1), u64(63)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_shl(u64(1), u64(64)), 1);
    CHECK_EQ(sandc_i64_shl(u64(1), u64(65)), 2);
    CHECK_EQ(sandc_i64_shr_u(u64(0x8000000000000000u), u64(63)), 1);
    CHECK_EQ(sandc_i64_shr_u(u64(0x8000000000000000u), u64(64)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_shr_s(u64(0x8000000000000000u), u64(63)), 0xffffffffffffffffu);
    CHECK_EQ(sandc_i64_shr_s(u64(0x8000000000000000u), u64(64)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_shr_s(u64(0x8000000000000000u), u64(65)), 0xc000000000000000u);
    CHECK_EQ(sandc_i64_shr_s(u64(0x7fffffffffffffffu), u64(62)), 1);
}

static void test_extend(void)
{
    CHECK_EQ(sandc_i32_extend8_s(u32(0x7f)), 0x7f);
    CHECK_EQ(sandc_i32_extend8_s(u32(0x80)), 0xffffff80u);
    CHECK_EQ(sandc_i32_extend8_s(u32(0x12345680u)), 0xffffff80u);
    CHECK_EQ(sandc_i32_extend8_s(u32(0xffffff7fu)), 0x7f);
    CHECK_EQ(sandc_i32_extend16_s(u32(0x7fff)), 0x7fff);
    CHECK_EQ(sandc_i32_extend16_s(u32(0x8000)), 0xffff8000u);
    CHECK_EQ(sandc_i32_extend16_s(u32(0xabcd0000u)), 0);
    CHECK_EQ(sandc_i64_extend8_s(u64(0x80)), 0xffffffffffffff80u);
    CHECK_EQ(sandc_i64_extend8_s(u64(0xffffffffffffff7fu)), 0x7f);
    CHECK_EQ(sandc_i64_extend16_s(u64(0x8000)), 0xffffffffffff8000u);
    CHECK_EQ(sandc_i64_extend32_s(u64(0x80000000u)), 0xffffffff80000000u);
    CHECK_EQ(sandc_i64_extend32_s(u64(0xffffffff7fffffffu)), 0x7fffffffu);
    CHECK_EQ(sandc_i64_extend32_s(u64(0x0123456789abcdefu)), 0xffffffff89abcdefu);
    CHECK_EQ(sandc_i64_extend_i32_s(u32(0x80000000u)), 0xffffffff80000000u);
    CHECK_EQ(sandc_i64_extend_i32_s(u32(0x7fffffffu)), 0x7fffffffu);
    CHECK_EQ(sandc_i64_extend_i32_s(u32(0xffffffffu)), 0xffffffffffffffffu);
}

static void test_reinterpret(void)
{
    CHECK_EQ(sandc_i32_reinterpret_f32(f32(SNAN)), SNAN);
    CHECK_EQ(sandc_i32_reinterpret_f32(f32(0xffa00001u)), 0xffa00001u);
    CHECK_EQ(sandc_i64_reinterpret_f64(f64(DSNAN)), DSNAN);
    CHECK_EQ(sandc_i64_reinterpret_f64(f64(0xfff4000000000001u)), 0xfff4000000000001u);
    CHECK_F32(sandc_f32_reinterpret_i32(u32(0x3f800000u)), 0x3f800000u);
    CHECK(sandc_f64_reinterpret_i64(u64(0x3ff0000000000000u)) == 1.0);
}

static void test_sign(void)
{
    /* Bitwise: NaN payloads, signalling ones included, pass unchanged. */
    CHECK_F32(sandc_f32_abs(f32(0xffa00001u)), 0x7fa00001u);
    CHECK_F32(sandc_f32_abs(f32(N0)), P0);
    CHECK_F32(sandc_f32_abs(f32(NINF)), PINF);
    CHECK_F32(sandc_f32_neg(f32(SNAN)), 0xffa00000u);
    CHECK_F32(sandc_f32_neg(f32(P0)), N0);
    CHECK_F32(sandc_f32_neg(f32(N0)), P0);
    CHECK_F32(sandc_f32_copysign(f32(SNAN), f32(N0)), 0xffa00000u);
    CHECK_F32(sandc_f32_copysign(f32(0xbf800000u), f32(QNAN)), 0x3f800000u);
    CHECK_F32(sandc_f32_copysign(f32(0x3f800000u), f32(NQNAN)), 0xbf800000u);
    CHECK_F64(sandc_f64_abs(f64(0xfff4000000000001u)), 0x7ff4000000000001u);
    CHECK_F64(sandc_f64_abs(f64(DN0)), DP0);
    CHECK_F64(sandc_f64_neg(f64(DSNAN)), 0xfff4000000000000u);
    CHECK_F64(sandc_f64_neg(f64(DP0)), DN0);
    CHECK_F64(sandc_f64_copysign(f64(DSNAN), f64(DN0)), 0xfff4000000000000u);
    CHECK_F64(sandc_f64_copysign(f64(0x3ff0000000000000u), f64(DN0)), 0xbff0000000000000u);
}

static void test_minmax(void)
{
    CHECK_F32(sandc_f32_min(f32(N0), f32(P0)), N0);
    CHECK_F32(sandc_f32_min(f32(P0), f32(N0)), N0);
    CHECK_F32(sandc_f32_min(f32(P0), f32(P0)), P0);
    CHECK_F32(sandc_f32_max(f32(N0), f32(P0)), P0);
    CHECK_F32(sandc_f32_max(f32(P0), f32(N0)), P0);
    CHECK_F32(sandc_f32_max(f32(N0), f32(N0)), N0);
    CHECK_F32(sandc_f32_min(fv(1.0f), fv(-2.0f)), 0xc0000000u);
    CHECK_F32(sandc_f32_max(fv(1.0f), fv(-2.0f)), 0x3f800000u);
    CHECK_F32(sandc_f32_min(f32(NINF), fv(-3.0e38f)), NINF);
    CHECK_F32(sandc_f32_max(f32(PINF), fv(3.0e38f)), PINF);
    CHECK_F32_CANON_NAN(sandc_f32_min(f32(QNAN), f32(P0)));
    CHECK_F32_CANON_NAN(sandc_f32_min(f32(N0), f32(NQNAN)));
    CHECK_F32_CANON_NAN(sandc_f32_max(f32(PINF), f32(QNAN)));
    CHECK_F32_CANON_NAN(sandc_f32_max(f32(QNAN), f32(NINF)));
    CHECK_F32_ARITH_NAN(sandc_f32_min(f32(SNAN), fv(1.0f)));
    CHECK_F32_ARITH_NAN(sandc_f32_min(fv(1.0f), f32(SNAN)));
    CHECK_F32_ARITH_NAN(sandc_f32_max(f32(QNANP), f32(SNAN)));
    CHECK_F32_ARITH_NAN(sandc_f32_max(f32(SNAN), f32(SNAN)));

    CHECK_F64(sandc_f64_min(f64(DN0), f64(DP0)), DN0);
    CHECK_F64(sandc_f64_min(f64(DP0), f64(DN0)), DN0);
    CHECK_F64(sandc_f64_max(f64(DN0), f64(DP0)), DP0);
    CHECK_F64(sandc_f64_max(f64(DP0), f64(DN0)), DP0);
    CHECK_F64(sandc_f64_min(dv(1.0), dv(-2.0)), 0xc000000000000000u);
    CHECK_F64(sandc_f64_max(dv(1.0), dv(-2.0)), 0x3ff0000000000000u);
    CHECK_F64_CANON_NAN(sandc_f64_min(f64(DQNAN), f64(DP0)));
    CHECK_F64_CANON_NAN(sandc_f64_max(f64(DNINF), f64(DQNAN)));
    CHECK_F64_ARITH_NAN(sandc_f64_min(f64(DSNAN), dv(1.0)));
    CHECK_F64_ARITH_NAN(sandc_f64_max(dv(1.0), f64(DSNAN)));
    CHECK_F64_ARITH_NAN(sandc_f64_max(f64(DQNANP), f64(DPINF)));
}

static void test_round(void)
{
    /* nearest: ties to even, sign kept */
    CHECK_F32(sandc_f32_nearest(fv(0.5f)), P0);
    CHECK_F32(sandc_f32_nearest(fv(1.5f)), 0x40000000u);
    CHECK_F32(sandc_f32_nearest(fv(2.5f)), 0x40000000u);
    CHECK_F32(sandc_f32_nearest(fv(3.5f)), 0x40800000u);
    CHECK_F32(sandc_f32_nearest(fv(-0.5f)), N0);
    CHECK_F32(sandc_f32_nearest(fv(-1.5f)), 0xc0000000u);
    CHECK_F32(sandc_f32_nearest(fv(-2.5f)), 0xc0000000u);
    CHECK_F32(sandc_f32_nearest(f32(0x3effffffu)), P0);          /* 0.49999997 */
    CHECK_F32(sandc_f32_nearest(f32(0xbeffffffu)), N0);
    CHECK_F32(sandc_f32_nearest(f32(0x3f000001u)), 0x3f800000u); /* 0.50000006 */
    CHECK_F32(sandc_f32_nearest(f32(N0)), N0);
    CHECK_F32(sandc_f32_nearest(f32(0x00000001u)), P0);          /* denormal */
    CHECK_F32(sandc_f32_nearest(f32(0x4b000001u)), 0x4b000001u); /* 2^23 + 1 */
    CHECK_F32(sandc_f32_nearest(f32(0x4affffffu)), 0x4b000000u); /* 2^23 - 0.5 */
    CHECK_F32(sandc_f32_nearest(f32(0xcafffffdu)), 0xcafffffcu); /* -8388606.5 */
    CHECK_F32(sandc_f32_nearest(f32(0xcafffffbu)), 0xcafffffcu); /* -8388605.5 */
    CHECK_F32(sandc_f32_nearest(f32(PINF)), PINF);
    CHECK_F32(sandc_f32_nearest(f32(NINF)), NINF);
    CHECK_F32_ARITH_NAN(sandc_f32_nearest(f32(SNAN)));
    CHECK_F32_CANON_NAN(sandc_f32_nearest(f32(QNAN)));
    CHECK_F64(sandc_f64_nearest(dv(0.5)), DP0);
    CHECK_F64(sandc_f64_nearest(dv(1.5)), 0x4000000000000000u);
    CHECK_F64(sandc_f64_nearest(dv(2.5)), 0x4000000000000000u);
    CHECK_F64(sandc_f64_nearest(dv(-0.5)), DN0);
    CHECK_F64(sandc_f64_nearest(dv(-1.5)), 0xc000000000000000u);
    CHECK_F64(sandc_f64_nearest(f64(0x3fdfffffffffffffu)), DP0);
    CHECK_F64(sandc_f64_nearest(f64(0x4330000000000001u)), 0x4330000000000001u);
    CHECK(sandc_f64_nearest(dv(4503599627370495.5)) == 4503599627370496.0);
    CHECK(sandc_f64_nearest(dv(-4503599627370494.5)) == -4503599627370494.0);
    CHECK_F64(sandc_f64_nearest(f64(DNINF)), DNINF);
    CHECK_F64_ARITH_NAN(sandc_f64_nearest(f64(DSNAN)));

    CHECK_F32(sandc_f32_ceil(fv(-0.5f)), N0);
    CHECK_F32(sandc_f32_ceil(fv(0.5f)), 0x3f800000u);
    CHECK_F32(sandc_f32_floor(fv(0.5f)), P0);
    CHECK_F32(sandc_f32_floor(fv(-0.5f)), 0xbf800000u);
    CHECK_F32(sandc_f32_floor(f32(N0)), N0);
    CHECK_F32(sandc_f32_trunc(fv(-0.5f)), N0);
    CHECK_F32(sandc_f32_trunc(fv(1.9f)), 0x3f800000u);
    CHECK_F32_ARITH_NAN(sandc_f32_ceil(f32(SNAN)));
    CHECK_F32_ARITH_NAN(sandc_f32_floor(f32(SNAN)));
    CHECK_F32_ARITH_NAN(sandc_f32_trunc(f32(SNAN)));
    CHECK_F32_CANON_NAN(sandc_f32_trunc(f32(NQNAN)));
    CHECK_F64(sandc_f64_ceil(dv(-0.5)), DN0);
    CHECK_F64(sandc_f64_floor(dv(-0.5)), 0xbff0000000000000u);
    CHECK_F64(sandc_f64_trunc(dv(-0.5)), DN0);
    CHECK_F64_ARITH_NAN(sandc_f64_ceil(f64(DSNAN)));
    CHECK_F64_ARITH_NAN(sandc_f64_floor(f64(DSNAN)));
    CHECK_F64_ARITH_NAN(sandc_f64_trunc(f64(DSNAN)));

    CHECK_F32(sandc_f32_sqrt(fv(4.0f)), 0x40000000u);
    CHECK_F32(sandc_f32_sqrt(f32(N0)), N0);
    CHECK_F32(sandc_f32_sqrt(f32(PINF)), PINF);
    CHECK_F32_CANON_NAN(sandc_f32_sqrt(fv(-1.0f)));
    CHECK_F32_ARITH_NAN(sandc_f32_sqrt(f32(SNAN)));
    CHECK_F64(sandc_f64_sqrt(dv(2.0)), 0x3ff6a09e667f3bcdu);
    CHECK_F64(sandc_f64_sqrt(f64(DN0)), DN0);
    CHECK_F64_CANON_NAN(sandc_f64_sqrt(dv(-1.0)));
    CHECK_F64_ARITH_NAN(sandc_f64_sqrt(f64(DSNAN)));
}

static void test_trunc(void)
{
    /* f32 -> i32 */
    CHECK_EQ(sandc_i32_trunc_f32_s(f32(0xcf000000u)), 0x80000000u); /* -2^31 */
    CHECK_EQ(sandc_i32_trunc_f32_s(f32(0x4effffffu)), 2147483520u); /* max < 2^31 */
    CHECK_EQ(sandc_i32_trunc_f32_s(fv(-1.9f)), (uint32_t)-1);
    CHECK_EQ(sandc_i32_trunc_f32_s(f32(N0)), 0);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f32_s(f32(0x4f000000u)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f32_s(f32(0xcf000001u)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f32_s(f32(PINF)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f32_s(f32(NINF)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i32_trunc_f32_s(f32(QNAN)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i32_trunc_f32_s(f32(0xffa00000u)));
    CHECK_EQ(sandc_i32_trunc_f32_u(f32(0xbf7fffffu)), 0);           /* -0.99999994 */
    CHECK_EQ(sandc_i32_trunc_f32_u(f32(0x4f7fffffu)), 0xffffff00u);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f32_u(fv(-1.0f)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f32_u(f32(0x4f800000u)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i32_trunc_f32_u(f32(NQNAN)));

    /* f64 -> i32 */
    CHECK_EQ(sandc_i32_trunc_f64_s(dv(-2147483648.9)), 0x80000000u);
    CHECK_EQ(sandc_i32_trunc_f64_s(dv(2147483647.9)), 0x7fffffffu);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f64_s(dv(-2147483649.0)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f64_s(dv(2147483648.0)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i32_trunc_f64_s(f64(DQNAN)));
    CHECK_EQ(sandc_i32_trunc_f64_u(dv(-0.9)), 0);
    CHECK_EQ(sandc_i32_trunc_f64_u(dv(4294967295.9)), 0xffffffffu);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f64_u(dv(-1.0)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f64_u(dv(4294967296.0)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i32_trunc_f64_u(f64(DPINF)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i32_trunc_f64_u(f64(DSNAN)));

    /* f32 -> i64 */
    CHECK_EQ(sandc_i64_trunc_f32_s(f32(0xdf000000u)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_trunc_f32_s(f32(0x5effffffu)), 9223371487098961920u);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f32_s(f32(0x5f000000u)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f32_s(f32(0xdf000001u)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i64_trunc_f32_s(f32(QNAN)));
    CHECK_EQ(sandc_i64_trunc_f32_u(f32(0xbf7fffffu)), 0);
    CHECK_EQ(sandc_i64_trunc_f32_u(f32(0x5f7fffffu)), 18446742974197923840u);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f32_u(f32(0x5f800000u)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f32_u(fv(-1.0f)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i64_trunc_f32_u(f32(SNAN)));

    /* f64 -> i64 */
    CHECK_EQ(sandc_i64_trunc_f64_s(f64(0xc3e0000000000000u)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_trunc_f64_s(f64(0x43dfffffffffffffu)), 9223372036854774784u);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f64_s(f64(0x43e0000000000000u)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f64_s(f64(0xc3e0000000000001u)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f64_s(f64(DNINF)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i64_trunc_f64_s(f64(DQNAN)));
    CHECK_EQ(sandc_i64_trunc_f64_u(dv(-0.9)), 0);
    CHECK_EQ(sandc_i64_trunc_f64_u(f64(0x43efffffffffffffu)), 18446744073709549568u);
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f64_u(f64(0x43f0000000000000u)));
    CHECK_TRAP(SANDC_TRAP_INT_OVERFLOW, sandc_i64_trunc_f64_u(dv(-1.0)));
    CHECK_TRAP(SANDC_TRAP_INVALID_CONVERSION, sandc_i64_trunc_f64_u(f64(0xfff8000000000000u)));
}

static void test_trunc_sat(void)
{
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(f32(QNAN)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(f32(NQNAN)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(f32(PINF)), 0x7fffffffu);
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(f32(NINF)), 0x80000000u);
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(f32(0x4f000000u)), 0x7fffffffu);
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(f32(0xcf000001u)), 0x80000000u);
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(f32(0x4effffffu)), 2147483520u);
    CHECK_EQ(sandc_i32_trunc_sat_f32_s(fv(-1.5f)), (uint32_t)-1);
    CHECK_EQ(sandc_i32_trunc_sat_f32_u(f32(QNAN)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f32_u(f32(NINF)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f32_u(fv(-1.0f)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f32_u(f32(0x4f800000u)), 0xffffffffu);
    CHECK_EQ(sandc_i32_trunc_sat_f32_u(f32(0x4f7fffffu)), 0xffffff00u);
    CHECK_EQ(sandc_i32_trunc_sat_f64_s(f64(DQNAN)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f64_s(dv(2147483648.0)), 0x7fffffffu);
    CHECK_EQ(sandc_i32_trunc_sat_f64_s(dv(-2147483649.0)), 0x80000000u);
    CHECK_EQ(sandc_i32_trunc_sat_f64_s(dv(-2147483648.9)), 0x80000000u);
    CHECK_EQ(sandc_i32_trunc_sat_f64_s(dv(2147483647.9)), 0x7fffffffu);
    CHECK_EQ(sandc_i32_trunc_sat_f64_s(dv(-7.9)), (uint32_t)-7);
    CHECK_EQ(sandc_i32_trunc_sat_f64_u(f64(DSNAN)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f64_u(dv(-1e300)), 0);
    CHECK_EQ(sandc_i32_trunc_sat_f64_u(dv(4294967296.0)), 0xffffffffu);
    CHECK_EQ(sandc_i32_trunc_sat_f64_u(dv(4294967295.9)), 0xffffffffu);
    CHECK_EQ(sandc_i32_trunc_sat_f64_u(f64(DPINF)), 0xffffffffu);
    CHECK_EQ(sandc_i64_trunc_sat_f32_s(f32(QNAN)), 0);
    CHECK_EQ(sandc_i64_trunc_sat_f32_s(f32(0x5f000000u)), 0x7fffffffffffffffu);
    CHECK_EQ(sandc_i64_trunc_sat_f32_s(f32(0xdf000001u)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_trunc_sat_f32_s(f32(0xdf000000u)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_trunc_sat_f32_s(f32(0x5effffffu)), 9223371487098961920u);
    CHECK_EQ(sandc_i64_trunc_sat_f32_u(f32(SNAN)), 0);
    CHECK_EQ(sandc_i64_trunc_sat_f32_u(f32(0x5f800000u)), 0xffffffffffffffffu);
    CHECK_EQ(sandc_i64_trunc_sat_f32_u(f32(0x5f7fffffu)), 18446742974197923840u);
    CHECK_EQ(sandc_i64_trunc_sat_f32_u(f32(NINF)), 0);
    CHECK_EQ(sandc_i64_trunc_sat_f64_s(f64(DQNAN)), 0);
    CHECK_EQ(sandc_i64_trunc_sat_f64_s(f64(0x43e0000000000000u)), 0x7fffffffffffffffu);
    CHECK_EQ(sandc_i64_trunc_sat_f64_s(f64(0xc3e0000000000001u)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_trunc_sat_f64_s(f64(0x43dfffffffffffffu)), 9223372036854774784u);
    CHECK_EQ(sandc_i64_trunc_sat_f64_s(f64(DNINF)), 0x8000000000000000u);
    CHECK_EQ(sandc_i64_trunc_sat_f64_u(f64(DQNAN)), 0);
    CHECK_EQ(sandc_i64_trunc_sat_f64_u(f64(0x43f0000000000000u)), 0xffffffffffffffffu);
    CHECK_EQ(sandc_i64_trunc_sat_f64_u(f64(0x43efffffffffffffu)), 18446744073709549568u);
    CHECK_EQ(sandc_i64_trunc_sat_f64_u(dv(-0.9)), 0);
    CHECK_EQ(sandc_i64_trunc_sat_f64_u(dv(-1.0)), 0);
}

static void test_convert(void)
{
    /* 2^63 + 2^39 + 1: through double it would round to 2^63 (a tie). */
    CHECK_F32(sandc_f32_convert_i64_u(u64(0x8000008000000001u)), 0x5f000001u);
    CHECK_F32(sandc_f32_convert_i64_u(u64(0x8000008000000000u)), 0x5f000000u);
    CHECK_F32(sandc_f32_convert_i64_u(u64(0x8000018000000000u)), 0x5f000002u);
    CHECK_F32(sandc_f32_convert_i64_u(u64(0xffffffffffffffffu)), 0x5f800000u);
    CHECK_F32(sandc_f32_convert_i64_u(u64(0x0020000020000001u)), 0x5a000001u);
    CHECK_F32(sandc_f32_convert_i64_u(u64(0)), P0);
    CHECK_F32(sandc_f32_convert_i64_u(u64(0x7fffffffffffffffu)), 0x5f000000u);
    CHECK_F32(sandc_f32_convert_i64_s(u64(0x0020000020000001u)), 0x5a000001u);
    CHECK_F32(sandc_f32_convert_i64_s(u64(0xffdfffffdfffffffu)), 0xda000001u);
    CHECK_F32(sandc_f32_convert_i64_s(u64(0x8000000000000000u)), 0xdf000000u);
    CHECK_F32(sandc_f32_convert_i32_s(u32(0x80000000u)), 0xcf000000u);
    CHECK_F32(sandc_f32_convert_i32_s(u32(0x01000001u)), 0x4b800000u); /* tie to even */
    CHECK_F32(sandc_f32_convert_i32_u(u32(0xffffffffu)), 0x4f800000u);
    CHECK_F32(sandc_f32_convert_i32_u(u32(0x80000080u)), 0x4f000000u);
    CHECK_F32(sandc_f32_convert_i32_u(u32(0x80000081u)), 0x4f000001u);
    CHECK_F64(sandc_f64_convert_i64_u(u64(0x8000000000000401u)), 0x43e0000000000001u);
    CHECK_F64(sandc_f64_convert_i64_u(u64(0x8000000000000400u)), 0x43e0000000000000u);
    CHECK_F64(sandc_f64_convert_i64_u(u64(0x8000000000000c00u)), 0x43e0000000000002u);
    CHECK_F64(sandc_f64_convert_i64_u(u64(0xffffffffffffffffu)), 0x43f0000000000000u);
    CHECK_F64(sandc_f64_convert_i64_u(u64(0x0020000000000001u)), 0x4340000000000000u);
    CHECK_F64(sandc_f64_convert_i64_s(u64(0x8000000000000000u)), 0xc3e0000000000000u);
    CHECK_F64(sandc_f64_convert_i64_s(u64(0xffffffffffffffffu)), 0xbff0000000000000u);
    CHECK_F64(sandc_f64_convert_i32_s(u32(0x80000000u)), 0xc1e0000000000000u);
    CHECK_F64(sandc_f64_convert_i32_u(u32(0xffffffffu)), 0x41efffffffe00000u);
}

static void test_ea64(void)
{
    uint8_t mem[64];
    CHECK(sandc_ea64(mem, 64, u64(60), u64(0), 4) == mem + 60);
    CHECK(sandc_ea64(mem, 64, u64(0), u64(64), 0) == mem + 64);
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_ea64(mem, 64, u64(61), u64(0), 4));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_ea64(mem, 64, u64(1), u64(60), 4));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB,
               sandc_ea64(mem, 64, u64(0xffffffffffffffffu), u64(1), 1));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB,
               sandc_ea64(mem, 64, u64(8), u64(0xfffffffffffffff8u), 1));
    CHECK_TRAP(SANDC_TRAP_MEMORY_OOB, sandc_ea64(mem, 2, u64(0), u64(0), 4));
}

static void run_tests(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_div();
    test_bits();
    test_shifts();
    test_extend();
    test_reinterpret();
    test_sign();
    test_minmax();
    test_round();
    test_trunc();
    test_trunc_sat();
    test_convert();
    test_ea64();
}
