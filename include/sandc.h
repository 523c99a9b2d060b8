/*
 * sandc.h - the runtime interface of sandboxed modules translated by sandc.
 *
 * Generated C includes this header and links against the runtime (rt/).  A
 * host program uses it to run translated modules: create instances, call
 * their exports, and handle traps.  C99; the memory mode is chosen when the
 * generated C and the runtime are compiled, by defining SANDC_MEMORY_MODE:
 *
 *   SANDC_GUARD  64-bit POSIX hosts: the whole 32-bit address space plus the
 *                largest offset is reserved, accesses need no check, and a
 *                fault in the reservation becomes an out-of-bounds trap.
 *   SANDC_CHECK  an explicit bounds check before every access; traps exactly
 *                as the spec says.  Works everywhere.
 *   SANDC_MASK   the address is masked into a power-of-two capacity, branch
 *                free: no access can leave the sandbox's memory, even
 *                speculatively, but an out-of-range access wraps around
 *                instead of trapping.  For MMU-less targets and Spectre-v1
 *                hardening.  Bulk operations (memory.copy/fill/init) still
 *                check and trap.
 *
 * Traps.  Every fault in the sandbox is a trap: the runtime longjmps to the
 * innermost trap scope.  A host either calls an export's checked wrapper
 * (NAME__export_checked), which sets up the scope itself, or sets up a scope
 * once with SANDC_TRY and makes raw calls inside it.  The innermost scope
 * and the stack limit are process-wide: one thread at a time may run
 * translated code.
 */
#ifndef SANDC_H
#define SANDC_H

#include <float.h>
#include <limits.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- configuration -------------------------------------------------------- */

#define SANDC_GUARD 1
#define SANDC_CHECK 2
#define SANDC_MASK 3

#ifndef SANDC_MEMORY_MODE
#if (defined(__x86_64__) || defined(__aarch64__) || defined(__powerpc64__) || \
     (defined(__riscv) && __riscv_xlen == 64)) &&                              \
    (defined(__unix__) || defined(__APPLE__))
#define SANDC_MEMORY_MODE SANDC_GUARD
#else
#define SANDC_MEMORY_MODE SANDC_CHECK
#endif
#endif

#if SANDC_MEMORY_MODE != SANDC_GUARD && SANDC_MEMORY_MODE != SANDC_CHECK && \
    SANDC_MEMORY_MODE != SANDC_MASK
#error "SANDC_MEMORY_MODE must be SANDC_GUARD, SANDC_CHECK or SANDC_MASK"
#endif

/* Wasm float semantics need IEEE single and double arithmetic without excess
 * precision.  x87 math (i686 without SSE2) rounds differently; GCC for s390x
 * in ISO C mode computes floats in double to match its float_t. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0 && FLT_EVAL_METHOD != -1
#error "sandc: this target evaluates floats with excess precision; build with -msse2 -mfpmath=sse (x86) or -fexcess-precision=fast (GCC, s390x)"
#endif

/* Generated C writes i32 constants as `u` literals inside expressions
 * (`l1 << (7u & 31)`, `1u << (l1 & 31)`): unsigned int must hold 32 bits. */
#if UINT_MAX < 0xffffffffu
#error "sandc: generated C needs an unsigned int of at least 32 bits"
#endif

/* SANDC_HIDDEN: what the files of a split translation (sandc --split)
 * share, kept out of a shared library's exports.  SANDC_UNUSED: what the
 * module may not use: a function no funcref can point at (nothing may call
 * it), a signature string only such functions have, a passive data segment
 * (no memory.init may read it). */
#if defined(__GNUC__) || defined(__clang__)
#define SANDC_LIKELY(x) __builtin_expect(!!(x), 1)
#define SANDC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define SANDC_NORETURN __attribute__((noreturn))
#define SANDC_INLINE static inline __attribute__((always_inline))
#define SANDC_HIDDEN __attribute__((visibility("hidden")))
#define SANDC_UNUSED __attribute__((unused))
#else
#define SANDC_LIKELY(x) (x)
#define SANDC_UNLIKELY(x) (x)
#define SANDC_NORETURN
#define SANDC_INLINE static inline
#define SANDC_HIDDEN
#define SANDC_UNUSED
#endif

/* ---- traps ------------------------------------------------------------------ */

typedef enum sandc_status {
    SANDC_OK = 0,
    SANDC_TRAP_UNREACHABLE,        /* unreachable executed */
    SANDC_TRAP_MEMORY_OOB,         /* out of bounds memory access */
    SANDC_TRAP_TABLE_OOB,          /* out of bounds table access */
    SANDC_TRAP_INDIRECT_TYPE,      /* indirect call type mismatch */
    SANDC_TRAP_NULL_REF,           /* null function or reference */
    SANDC_TRAP_DIV_ZERO,           /* integer divide by zero */
    SANDC_TRAP_INT_OVERFLOW,       /* integer overflow */
    SANDC_TRAP_INVALID_CONVERSION, /* invalid conversion to integer */
    SANDC_TRAP_EXHAUSTION,         /* call stack exhausted */
    SANDC_TRAP_HOST,               /* raised by a host function */
    SANDC_ERR_IMPORT,              /* instantiation: a missing or bad import */
    SANDC_ERR_OOM,                 /* instantiation: out of memory */
    SANDC_STATUS_COUNT
} sandc_status;

/* A human-readable name: "out of bounds memory access", ... */
const char *sandc_status_name(sandc_status s);

/* A trap scope.  Scopes nest (host -> guest -> host -> guest); a trap
 * unwinds to the innermost one. */
typedef struct sandc_scope {
    jmp_buf jb;
    struct sandc_scope *prev;
    uintptr_t stack_limit; /* sandc_stack_limit when the scope was entered */
    sandc_status status; /* why it was unwound */
} sandc_scope;

extern sandc_scope *sandc_current_scope;

/* Unwind to the innermost trap scope with status s.  With no scope at all,
 * print the trap and abort(). */
void sandc_trap(sandc_status s) SANDC_NORETURN;

/* The runtime's stack state (see "stack exhaustion" below). */
extern uintptr_t sandc_stack_limit;   /* 0: no scope, no check */
extern uintptr_t sandc__stack_base;   /* where the outermost scope lives */
extern size_t sandc__stack_budget;

/* Entering and leaving a scope is inline: a checked call costs little more
 * than its setjmp.  The outermost scope fixes the stack limit: the budget's
 * bytes below the scope, which lives in its owner's frame, so guest frames
 * go below it.  (Converting the address to an integer is how every C
 * compiler for a flat address space lets one compare unrelated objects.) */
SANDC_INLINE void sandc_scope_enter(sandc_scope *s)
{
    s->prev = sandc_current_scope;
    s->stack_limit = sandc_stack_limit;
    s->status = SANDC_OK;
    if (!s->prev) {
        uintptr_t base = (uintptr_t)s;
        sandc__stack_base = base;
        sandc_stack_limit =
            base > sandc__stack_budget ? base - sandc__stack_budget : 0;
    }
    sandc_current_scope = s;
}

SANDC_INLINE void sandc_scope_leave(sandc_scope *s)
{
    sandc_current_scope = s->prev;
    sandc_stack_limit = s->stack_limit;
}

/*
 * SANDC_TRY(scope) { raw calls } else { scope.status says which trap }
 *
 *     sandc_scope s;
 *     SANDC_TRY(s) {
 *         r = mod__f(&inst, 1);
 *         SANDC_END_TRY(s);
 *     } else {
 *         fprintf(stderr, "trap: %s\n", sandc_status_name(s.status));
 *     }
 *
 * SANDC_END_TRY must run on the success path before leaving the block.
 * (setjmp stands alone in the controlling expression, as C99 7.13.1.1
 * requires.)
 */
#define SANDC_TRY(s)                          \
    if (sandc_scope_enter(&(s)), 0) {         \
    } else if (setjmp((s).jb) == 0)
#define SANDC_END_TRY(s) sandc_scope_leave(&(s))

/* ---- stack exhaustion ---------------------------------------------------------
 * Every function a module defines compares its stack pointer (or its
 * frame's address) with a limit on entry and traps if its frame (`cost`, an
 * estimate) would reach below it.  The limit is set when the outermost trap scope is entered: the
 * budget's bytes below that scope (sandc_set_stack_budget; the default suits
 * an 8 MiB host stack).  Comparing addresses needs no signals and counts the
 * real frames, whatever the compiler and its optimisation level make of them
 * (-O0 frames are several times larger); for the same binary the depth at
 * which recursion traps is the same every run.  The stack must grow
 * downwards, as it does on every target sandc supports.
 * SANDC_ENTER_CONST(cost) is the same check for an integer constant cost
 * below 2^31, which translated functions use: on x86-64 and AArch64 it
 * subtracts the cost from the stack pointer in the instruction that reads it. */
void sandc_set_stack_budget(size_t bytes);
size_t sandc_stack_budget(void);

#if (defined(__GNUC__) || defined(__clang__)) && defined(__LP64__) && \
    (defined(__x86_64__) || defined(__aarch64__))
/* The stack pointer, read directly: __builtin_frame_address(0) would make
 * every function set up a frame pointer (3 instructions, and no early exit
 * before the register saves). */
#if defined(__x86_64__)
#define SANDC__SP(sp) __asm__("mov %%rsp, %0" : "=r"(sp))
/* sp - cost in one instruction; cost is a constant below 2^31 */
#define SANDC__SP_LESS(sp, cost)                                             \
    __asm__("lea %c1(%%rsp), %0" : "=r"(sp) : "i"(-(long)(cost)))
#else
#define SANDC__SP(sp) __asm__("mov %0, sp" : "=r"(sp))
#define SANDC__SP_LESS(sp, cost)                                             \
    __asm__("sub %0, sp, %1" : "=r"(sp) : "rI"((unsigned long)(cost)))
#endif
#define SANDC_ENTER(cost)                                                    \
    do {                                                                     \
        uintptr_t sandc_sp_;                                                 \
        SANDC__SP(sandc_sp_);                                                \
        if (SANDC_UNLIKELY(sandc_sp_ < sandc_stack_limit + (cost)))          \
            sandc_trap(SANDC_TRAP_EXHAUSTION);                               \
    } while (0)
#define SANDC_ENTER_CONST(cost)                                              \
    do {                                                                     \
        uintptr_t sandc_sp_;                                                 \
        SANDC__SP_LESS(sandc_sp_, cost);                                     \
        if (SANDC_UNLIKELY(sandc_sp_ < sandc_stack_limit))                   \
            sandc_trap(SANDC_TRAP_EXHAUSTION);                               \
    } while (0)
#elif defined(__GNUC__) || defined(__clang__)
#define SANDC_ENTER(cost)                                                    \
    do {                                                                     \
        if (SANDC_UNLIKELY((uintptr_t)__builtin_frame_address(0) <           \
                           sandc_stack_limit + (cost)))                      \
            sandc_trap(SANDC_TRAP_EXHAUSTION);                               \
    } while (0)
#else
/* The address of a local stands for the frame's. */
#define SANDC_ENTER(cost)                                                    \
    do {                                                                     \
        volatile char sandc_here_ = 0;                                       \
        if ((uintptr_t)&sandc_here_ < sandc_stack_limit + (cost))            \
            sandc_trap(SANDC_TRAP_EXHAUSTION);                               \
    } while (0)
#endif
#ifndef SANDC_ENTER_CONST
#define SANDC_ENTER_CONST(cost) SANDC_ENTER(cost)
#endif

/* Before a function returns: keeps its calls out of tail position.  Wasm
 * calls are never tail calls; a C compiler that turned a recursion into a
 * loop would make unbounded recursion spin instead of trapping. */
#if defined(__GNUC__) || defined(__clang__)
#define SANDC_LEAVE() __asm__ volatile("" : : : "memory")
#else
#define SANDC_LEAVE() ((void)*(volatile uintptr_t *)&sandc_stack_limit)
#endif

/* ---- linear memory ------------------------------------------------------------ */

#define SANDC_PAGE_SIZE 65536u

typedef struct sandc_memory {
    uint8_t *base;
    uint64_t size;      /* bytes accessible: pages * 64 KiB */
    uint64_t pages;
    uint64_t max_pages; /* the declared maximum, or the host's cap */
    uint64_t mask;      /* SANDC_MASK: capacity - 1 */
    uint64_t capacity;  /* bytes allocated or reserved */
    uint8_t is64;
    uint8_t is_static;  /* base is a host-provided buffer: never freed */
} sandc_memory;

/* The largest number of pages an instance may grow a memory to, whatever the
 * module declares; 0 = no cap beyond the module's own.  Set before
 * instantiating. */
extern uint64_t sandc_memory_page_cap;

/* Initialise with `pages` pages (zeroed); max_pages is the module's declared
 * maximum (UINT64_MAX if none).  Returns SANDC_OK or SANDC_ERR_OOM. */
sandc_status sandc_memory_init(sandc_memory *m, uint64_t pages,
                               uint64_t max_pages, int is64);
/* The same on a buffer the host provides (targets without malloc); the
 * memory can grow up to len bytes (in SANDC_MASK, len - SANDC_MASK_SLACK
 * rounded down to a power of two). */
sandc_status sandc_memory_init_static(sandc_memory *m, uint8_t *buf,
                                      size_t len, uint64_t pages,
                                      uint64_t max_pages);
/* memory.grow: the old size in pages, or -1 (as uint64_t) on failure. */
uint64_t sandc_memory_grow(sandc_memory *m, uint64_t delta);
void sandc_memory_free(sandc_memory *m);

/* Little-endian loads and stores at an address already proven in bounds. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define SANDC_BIG_ENDIAN 1
#define SANDC_SWAP16(x) __builtin_bswap16(x)
#define SANDC_SWAP32(x) __builtin_bswap32(x)
#define SANDC_SWAP64(x) __builtin_bswap64(x)
#else
#define SANDC_SWAP16(x) (x)
#define SANDC_SWAP32(x) (x)
#define SANDC_SWAP64(x) (x)
#endif

/* In SANDC_GUARD a load is also the bounds check, so it must happen even when
 * its value is unused: SANDC_KEEP makes the compiler materialise it. */
#if SANDC_MEMORY_MODE == SANDC_GUARD && (defined(__GNUC__) || defined(__clang__))
#define SANDC_KEEP(v) __asm__ volatile("" : : "r"(v))
#elif SANDC_MEMORY_MODE == SANDC_GUARD
#define SANDC_KEEP(v) do { volatile uint64_t sandc_keep_ = (v); (void)sandc_keep_; } while (0)
#else
#define SANDC_KEEP(v) ((void)0)
#endif

/* sandc_leN: little-endian bytes anywhere (a v128's lanes, too); sandc_ldN:
 * a load of the guest's memory, kept in SANDC_GUARD.  The translator writes
 * sandc_leN (sandc_lefN for floats) for a load that cannot trap, or that a
 * kept load which must follow it covers: that one traps if it would. */
SANDC_INLINE uint8_t sandc_le8(const uint8_t *p) { return *p; }
SANDC_INLINE uint16_t sandc_le16(const uint8_t *p)
{ uint16_t v; memcpy(&v, p, 2); return (uint16_t)SANDC_SWAP16(v); }
SANDC_INLINE uint32_t sandc_le32(const uint8_t *p)
{ uint32_t v; memcpy(&v, p, 4); return SANDC_SWAP32(v); }
SANDC_INLINE uint64_t sandc_le64(const uint8_t *p)
{ uint64_t v; memcpy(&v, p, 8); return SANDC_SWAP64(v); }
SANDC_INLINE uint8_t sandc_ld8(const uint8_t *p)
{ uint8_t v = sandc_le8(p); SANDC_KEEP(v); return v; }
SANDC_INLINE uint16_t sandc_ld16(const uint8_t *p)
{ uint16_t v = sandc_le16(p); SANDC_KEEP(v); return v; }
SANDC_INLINE uint32_t sandc_ld32(const uint8_t *p)
{ uint32_t v = sandc_le32(p); SANDC_KEEP(v); return v; }
SANDC_INLINE uint64_t sandc_ld64(const uint8_t *p)
{ uint64_t v = sandc_le64(p); SANDC_KEEP(v); return v; }
/* Float loads: in SANDC_GUARD, keeping the value in a float register costs
 * nothing, where keeping its bits in an integer one costs a move. */
#if SANDC_MEMORY_MODE == SANDC_GUARD && !defined(SANDC_BIG_ENDIAN) && \
    (defined(__GNUC__) || defined(__clang__)) && \
    (defined(__x86_64__) || (defined(__i386__) && defined(__SSE2__)))
#define SANDC_FLOAT_REG "x" /* an asm operand constraint */
#elif SANDC_MEMORY_MODE == SANDC_GUARD && !defined(SANDC_BIG_ENDIAN) && \
    (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
#define SANDC_FLOAT_REG "w"
#endif
#ifdef SANDC_FLOAT_REG
#define SANDC_KEEP_FLOAT(v) __asm__ volatile("" : : SANDC_FLOAT_REG(v))
#endif
#ifdef SANDC_KEEP_FLOAT
SANDC_INLINE float sandc_ldf32(const uint8_t *p)
{ float v; memcpy(&v, p, 4); SANDC_KEEP_FLOAT(v); return v; }
SANDC_INLINE double sandc_ldf64(const uint8_t *p)
{ double v; memcpy(&v, p, 8); SANDC_KEEP_FLOAT(v); return v; }
#else
SANDC_INLINE float sandc_ldf32(const uint8_t *p)
{ uint32_t u = sandc_ld32(p); float v; memcpy(&v, &u, 4); return v; }
SANDC_INLINE double sandc_ldf64(const uint8_t *p)
{ uint64_t u = sandc_ld64(p); double v; memcpy(&v, &u, 8); return v; }
#endif
SANDC_INLINE float sandc_lef32(const uint8_t *p)
{ uint32_t u = sandc_le32(p); float v; memcpy(&v, &u, 4); return v; }
SANDC_INLINE double sandc_lef64(const uint8_t *p)
{ uint64_t u = sandc_le64(p); double v; memcpy(&v, &u, 8); return v; }
SANDC_INLINE void sandc_st8(uint8_t *p, uint8_t v) { *p = v; }
SANDC_INLINE void sandc_st16(uint8_t *p, uint16_t v)
{ v = (uint16_t)SANDC_SWAP16(v); memcpy(p, &v, 2); }
SANDC_INLINE void sandc_st32(uint8_t *p, uint32_t v)
{ v = SANDC_SWAP32(v); memcpy(p, &v, 4); }
SANDC_INLINE void sandc_st64(uint8_t *p, uint64_t v)
{ v = SANDC_SWAP64(v); memcpy(p, &v, 8); }
/* sandc_skN: a store that the C compiler must perform in SANDC_GUARD.  The
 * translator writes it for a store that stands as the bounds check of a
 * load before it, through the same address (a sandc_leN).  Its value is
 * opaque (SANDC_OPAQUE), so the compiler cannot drop it as a store of what
 * memory already holds, and an asm then reads the bytes stored
 * (SANDC_STORED), so it cannot drop it as dead either: a later store of
 * the same bytes may never come, behind a loop that never ends. */
#if SANDC_MEMORY_MODE == SANDC_GUARD && (defined(__GNUC__) || defined(__clang__))
#define SANDC_OPAQUE(t, v) __asm__("" : "+r"(v))
#define SANDC_STORED(p, n) __asm__ volatile("" : : "m"(*(const uint8_t (*)[n])(p)))
#elif SANDC_MEMORY_MODE == SANDC_GUARD
#define SANDC_OPAQUE(t, v) do { volatile t sandc_o_ = (v); (v) = sandc_o_; } while (0)
#define SANDC_STORED(p, n) ((void)*(const volatile uint8_t *)(p))
#else
#define SANDC_OPAQUE(t, v) ((void)0)
#define SANDC_STORED(p, n) ((void)0)
#endif
SANDC_INLINE void sandc_sk8(uint8_t *p, uint8_t v)
{ SANDC_OPAQUE(uint8_t, v); sandc_st8(p, v); SANDC_STORED(p, 1); }
SANDC_INLINE void sandc_sk16(uint8_t *p, uint16_t v)
{ SANDC_OPAQUE(uint16_t, v); sandc_st16(p, v); SANDC_STORED(p, 2); }
SANDC_INLINE void sandc_sk32(uint8_t *p, uint32_t v)
{ SANDC_OPAQUE(uint32_t, v); sandc_st32(p, v); SANDC_STORED(p, 4); }
SANDC_INLINE void sandc_sk64(uint8_t *p, uint64_t v)
{ SANDC_OPAQUE(uint64_t, v); sandc_st64(p, v); SANDC_STORED(p, 8); }
SANDC_INLINE void sandc_stf32(uint8_t *p, float v)
{ uint32_t u; memcpy(&u, &v, 4); sandc_st32(p, u); }
SANDC_INLINE void sandc_stf64(uint8_t *p, double v)
{ uint64_t u; memcpy(&u, &v, 8); sandc_st64(p, u); }
/* a float stays in its register: no move to an integer one */
#ifdef SANDC_FLOAT_REG
SANDC_INLINE void sandc_skf32(uint8_t *p, float v)
{ __asm__("" : "+" SANDC_FLOAT_REG(v)); sandc_stf32(p, v); SANDC_STORED(p, 4); }
SANDC_INLINE void sandc_skf64(uint8_t *p, double v)
{ __asm__("" : "+" SANDC_FLOAT_REG(v)); sandc_stf64(p, v); SANDC_STORED(p, 8); }
#else
SANDC_INLINE void sandc_skf32(uint8_t *p, float v)
{ uint32_t u; memcpy(&u, &v, 4); sandc_sk32(p, u); }
SANDC_INLINE void sandc_skf64(uint8_t *p, double v)
{ uint64_t u; memcpy(&u, &v, 8); sandc_sk64(p, u); }
#endif

/*
 * SANDC_EA(base, size, mask, ea, n): the host address of an n-byte access at
 * effective address ea (a uint64_t, address + offset: below 2^33 for a
 * 32-bit memory, whose size is at most 2^32).  `size` and `mask` are the
 * generated code's cached copies of the memory's size and mask.  The check
 * compares signed values, so that a memory smaller than n (size - n < 0)
 * needs no second comparison, and size - n stays invariant in a loop.
 */
#if SANDC_MEMORY_MODE == SANDC_CHECK
#define SANDC_EA(base, size, mask, ea, n)                                   \
    ((SANDC_UNLIKELY((int64_t)(ea) > (int64_t)(size) - (int64_t)(n))        \
          ? sandc_trap(SANDC_TRAP_MEMORY_OOB), (base) : (base)) + (ea))
#elif SANDC_MEMORY_MODE == SANDC_MASK
#define SANDC_EA(base, size, mask, ea, n) ((base) + ((ea) & (mask)))
#else
#define SANDC_EA(base, size, mask, ea, n) ((base) + (ea))
#endif

/* SANDC_EA_DONE(base, mask, ea): the host address of an access that an
 * earlier SANDC_EA of the same function covered (through the same unchanged
 * address, ending no earlier; memories never shrink): not checked again in
 * SANDC_CHECK, masked in SANDC_MASK as ever. */
#if SANDC_MEMORY_MODE == SANDC_MASK
#define SANDC_EA_DONE(base, mask, ea) ((base) + ((ea) & (mask)))
#else
#define SANDC_EA_DONE(base, mask, ea) ((base) + (ea))
#endif

/* SANDC_EA_IN(base, ea): the host address of an access that the translator
 * proved in bounds: it ends within the memory's minimum size, which the
 * memory has from instantiation on.  No check or mask in any mode. */
#define SANDC_EA_IN(base, ea) ((base) + (ea))

/* SANDC_AT(m, a, off, n), SANDC_AT_IN(m, a, off), SANDC_AT_DONE(m, a, off):
 * the above for an access of memory 0 at address a (of the memory's index
 * type) plus the constant offset off, through the generated function's
 * cached base, size and mask, the locals m##b, m##s and m##k. */
#define SANDC_AT(m, a, off, n)                                              \
    SANDC_EA(m##b, m##s, m##k, (uint64_t)(a) + (off), n)
#define SANDC_AT_IN(m, a, off) SANDC_EA_IN(m##b, (uint64_t)(a) + (off))
#define SANDC_AT_DONE(m, a, off) SANDC_EA_DONE(m##b, m##k, (uint64_t)(a) + (off))

/* A counted loop whose accesses the translator could bound is written
 * twice: a copy with no check, taken when a test on entry finds all its
 * accesses in bounds, and the loop as ever.  -DSANDC_LOOP_CHECK_ONCE=0 keeps
 * to the checked copy. */
#ifndef SANDC_LOOP_CHECK_ONCE
#define SANDC_LOOP_CHECK_ONCE 1
#endif

/* The bytes a SANDC_MASK memory keeps zeroed after its capacity, so that
 * base + (ea & mask) + d + n stays inside the allocation for any d + n up to
 * this.  A buffer given to sandc_memory_init_static holds them too. */
#define SANDC_MASK_SLACK 64u

/* SANDC_LOOP_EA(base, mask, ea, d): the host address of an access in a
 * loop's unchecked copy, at ea + d, which its test on entry found within
 * the memory (the translator keeps d + the access's width within
 * SANDC_MASK_SLACK).  SANDC_MASK still masks ea: the test is a branch, and a
 * mispredicted one must not let the copy reach past the allocation, even
 * speculatively.  One mask serves all the accesses of a group; as ea is in
 * bounds, the mask changes nothing that runs. */
#if SANDC_MEMORY_MODE == SANDC_MASK
#define SANDC_LOOP_EA(base, mask, ea, d) ((base) + ((ea) & (mask)) + (d))
#else
#define SANDC_LOOP_EA(base, mask, ea, d) ((base) + (ea) + (d))
#endif

/* The generated code's cached copies of memory 0's base (and size in
 * SANDC_CHECK, mask in SANDC_MASK), reloaded after anything that may grow it. */
#if SANDC_MEMORY_MODE == SANDC_CHECK
#define SANDC_MEM_DECL(b, s, k) uint8_t *b; uint64_t s SANDC_UNUSED
#define SANDC_MEM_LOAD(m, b, s, k) ((b) = (m)->base, (s) = (m)->size)
#elif SANDC_MEMORY_MODE == SANDC_MASK
#define SANDC_MEM_DECL(b, s, k) uint8_t *b; uint64_t k SANDC_UNUSED
#define SANDC_MEM_LOAD(m, b, s, k) ((b) = (m)->base, (k) = (m)->mask)
#else
#define SANDC_MEM_DECL(b, s, k) uint8_t *b
#define SANDC_MEM_LOAD(m, b, s, k) ((b) = (m)->base)
#endif

/* Bulk memory operations: always bounds checked, in every mode. */
void sandc_memory_fill(sandc_memory *m, uint64_t d, uint8_t val, uint64_t n);
void sandc_memory_copy(sandc_memory *dst, sandc_memory *src, uint64_t d,
                       uint64_t s, uint64_t n);
void sandc_memory_init_seg(sandc_memory *m, uint64_t d, const uint8_t *seg,
                           uint32_t seg_len, uint32_t s, uint32_t n);

/* ---- references and tables ------------------------------------------------------
 * A funcref is a pointer to a descriptor (NULL is the null reference).  The
 * descriptor's `type` is the function type's canonical signature string, so
 * a funcref from another module checks correctly: two types are equal iff
 * the strings are. */
typedef void (*sandc_fnptr)(void);
typedef struct sandc_func {
    const char *type; /* e.g. "ii:i" (letters as in sandc's opcode table) */
    sandc_fnptr fn;   /* called as RESULT (*)(void *ctx, PARAMS...) */
    void *ctx;        /* the instance (or host context) it belongs to */
} sandc_func;

typedef const sandc_func *sandc_funcref;
/*
 * A v128 holds its 16 bytes in Wasm's order: byte i of the value is byte i of
 * memory, and lane k of an N-byte shape is bytes kN..kN+N-1, little-endian.
 * With GCC 9+ or Clang on a little-endian host it is a vector type (values live
 * in SIMD registers and lane-wise operations become vector instructions);
 * elsewhere, or with -DSANDC_SIMD_VECTOR=0, a struct of the 16 bytes.  Every
 * file of a program must be built with the same choice.  sandc_v128_bytes
 * and sandc_v128_from_bytes work with either.
 */
#ifndef SANDC_SIMD_VECTOR
#if (defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 9)) && \
    !defined(__TINYC__) && !defined(__PCC__) && !defined(SANDC_BIG_ENDIAN)
#define SANDC_SIMD_VECTOR 1
#else
#define SANDC_SIMD_VECTOR 0
#endif
#endif
#if SANDC_SIMD_VECTOR
typedef uint64_t sandc_v128 __attribute__((vector_size(16)));
#else
typedef struct sandc_v128 { uint8_t b[16]; } sandc_v128;
#endif
SANDC_INLINE sandc_v128 sandc_v128_from_bytes(const uint8_t *p)
{ sandc_v128 v; memcpy(&v, p, 16); return v; }
SANDC_INLINE void sandc_v128_bytes(uint8_t *p, sandc_v128 v) { memcpy(p, &v, 16); }
typedef void *sandc_externref;

SANDC_INLINE int sandc_type_eq(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

typedef struct sandc_table {
    void **elems;      /* funcref tables hold sandc_funcref, cast to void * */
    uint32_t size;
    uint32_t max;      /* the declared maximum, or UINT32_MAX */
} sandc_table;

sandc_status sandc_table_init(sandc_table *t, uint32_t size, uint32_t max);
/* table.grow: the old size, or -1 (as uint32_t). */
uint32_t sandc_table_grow(sandc_table *t, uint32_t delta, void *init);
void sandc_table_fill(sandc_table *t, uint32_t d, void *val, uint32_t n);
void sandc_table_copy(sandc_table *dst, sandc_table *src, uint32_t d,
                      uint32_t s, uint32_t n);
void sandc_table_free(sandc_table *t);
/* table.init from a segment's items (NULL when the segment is empty). */
void sandc_table_init_seg(sandc_table *t, uint32_t d, void *const *seg,
                          uint32_t seg_len, uint32_t s, uint32_t n);

SANDC_INLINE void *sandc_table_get(const sandc_table *t, uint32_t i)
{
    if (SANDC_UNLIKELY(i >= t->size))
        sandc_trap(SANDC_TRAP_TABLE_OOB);
    return t->elems[i];
}

SANDC_INLINE void sandc_table_set(sandc_table *t, uint32_t i, void *v)
{
    if (SANDC_UNLIKELY(i >= t->size))
        sandc_trap(SANDC_TRAP_TABLE_OOB);
    t->elems[i] = v;
}

/* call_indirect: the function at table[i], checked against `type`. */
SANDC_INLINE const sandc_func *sandc_indirect(const sandc_table *t, uint32_t i,
                                              const char *type)
{
    const sandc_func *f;
    if (SANDC_UNLIKELY(i >= t->size))
        sandc_trap(SANDC_TRAP_TABLE_OOB);
    f = (const sandc_func *)t->elems[i];
    if (SANDC_UNLIKELY(!f))
        sandc_trap(SANDC_TRAP_NULL_REF);
    if (SANDC_UNLIKELY(!sandc_type_eq(f->type, type)))
        sandc_trap(SANDC_TRAP_INDIRECT_TYPE);
    return f;
}

#ifdef __cplusplus
}
#endif

#include "sandc_ops.h"

#endif /* SANDC_H */
