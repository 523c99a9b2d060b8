/*
 * vm.c - an interpreter loop: a small stack-based bytecode virtual machine
 * with `switch` dispatch, 64-bit values, local slots and calls, running a
 * program that sums the Collatz trajectory lengths of 1..N, the step being
 * a called function.
 *
 * Scale: N in units of 10,000 (default 14).
 * bench: quick=1
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

enum op {
    PUSH, LOAD, STORE, INC, DUP, DROP, ADD, SUB, MUL, AND, SHR,
    EQ, LT, JMP, JZ, JNZ, CALL, RET, HALT
};

/* Each instruction is an opcode word followed by an operand word (0 when
 * unused). */
#define MAX_CODE 256
static int32_t code[MAX_CODE];
static int pc_end;

static void emit(enum op op, int32_t arg)
{
    code[pc_end++] = op;
    code[pc_end++] = arg;
}

/* Forward jumps: emit with a placeholder, patch when the target is known. */
static int emit_jump(enum op op)
{
    emit(op, -1);
    return pc_end - 1;
}

static void patch(int at)
{
    code[at] = pc_end;
}

#define STACK 256
#define FRAMES 64
#define SLOTS 8

static uint64_t run(void)
{
    uint64_t stack[STACK], slots[FRAMES][SLOTS];
    int ret[FRAMES];
    int sp = 0, fp = 0, pc = 0;
    uint64_t a, b;

    for (;;) {
        int32_t op = code[pc], arg = code[pc + 1];
        pc += 2;
        switch (op) {
        case PUSH: stack[sp++] = (uint64_t)(int64_t)arg; break;
        case LOAD: stack[sp++] = slots[fp][arg]; break;
        case STORE: slots[fp][arg] = stack[--sp]; break;
        case INC: slots[fp][arg]++; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case DROP: sp--; break;
        case ADD: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a + b; break;
        case SUB: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a - b; break;
        case MUL: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a * b; break;
        case AND: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a & b; break;
        case SHR: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a >> (b & 63); break;
        case EQ: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a == b; break;
        case LT: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a < b; break;
        case JMP: pc = arg; break;
        case JZ: if (stack[--sp] == 0) pc = arg; break;
        case JNZ: if (stack[--sp] != 0) pc = arg; break;
        case CALL:
            /* the argument moves from the stack into the callee's slot 0 */
            if (fp + 1 == FRAMES)
                return 0;
            ret[fp++] = pc;
            slots[fp][0] = stack[--sp];
            pc = arg;
            break;
        case RET: pc = ret[--fp]; break;
        case HALT: return stack[sp - 1];
        default: return 0;
        }
        if (sp < 0 || sp >= STACK - 1)
            return 0;
    }
}

/* slot 0: n, 1: total steps, 2: x, 3: N + 1 */
static void assemble(int32_t limit)
{
    emit(PUSH, 1); emit(STORE, 0);
    emit(PUSH, 0); emit(STORE, 1);
    emit(PUSH, limit + 1); emit(STORE, 3);
    int loop_n = pc_end;
    emit(LOAD, 0); emit(STORE, 2);
    int loop_x = pc_end;
    emit(LOAD, 2); emit(PUSH, 1); emit(EQ, 0);
    int to_done = emit_jump(JNZ);
    emit(LOAD, 2);
    int call_step = emit_jump(CALL);
    emit(STORE, 2);
    emit(INC, 1);
    emit(JMP, loop_x);
    patch(to_done);
    emit(INC, 0);
    emit(LOAD, 0); emit(LOAD, 3); emit(LT, 0); emit(JNZ, loop_n);
    emit(LOAD, 1);
    emit(HALT, 0);

    /* step(x): x even ? x >> 1 : 3x + 1 */
    patch(call_step);
    emit(LOAD, 0); emit(PUSH, 1); emit(AND, 0);
    int to_odd = emit_jump(JNZ);
    emit(LOAD, 0); emit(PUSH, 1); emit(SHR, 0); emit(RET, 0);
    patch(to_odd);
    emit(LOAD, 0); emit(DUP, 0); emit(DUP, 0); emit(ADD, 0); emit(ADD, 0);
    emit(PUSH, 1); emit(ADD, 0); emit(RET, 0);
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 14;
    if (scale < 1 || scale > 10000)
        return 2;
    int32_t limit = (int32_t)scale * 10000;
    assemble(limit);

    /* the same sum computed directly */
    uint64_t expect = 0;
    for (uint64_t n = 1; n <= (uint64_t)limit; n++)
        for (uint64_t x = n; x != 1; expect++)
            x = x & 1 ? 3 * x + 1 : x >> 1;

    uint64_t steps = run();
    if (steps != expect) {
        printf("vm: %" PRIu64 " steps, expected %" PRIu64 "\n", steps, expect);
        return 1;
    }
    printf("vm checksum %016" PRIx64 "\n", steps * 0x9e3779b97f4a7c15u);
    return 0;
}
