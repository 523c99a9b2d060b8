/*
 * host.c - a program that embeds two sandboxed modules.
 *
 * factorial.wat and table-dispatch.wat are translated to C by sandc and
 * linked in.  The host calls their exports through the checked wrappers,
 * which turn any trap into a status: a division by zero, a call through a
 * missing table entry and a runaway recursion are reported and survived.
 */
#include <stdio.h>

#include "factorial.h"
#include "table-dispatch.h"

static int failures;

static void expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok:  " : "FAIL:", what);
    failures += !ok;
}

int main(void)
{
    factorial fac;
    table_dispatch td;
    table_dispatch_imports none = {0};
    uint64_t r64 = 0;
    uint32_t r32 = 0;
    sandc_status s;

    if (factorial_instantiate(&fac, NULL) != SANDC_OK ||
        table_dispatch_instantiate(&td, &none) != SANDC_OK) {
        fprintf(stderr, "host: cannot instantiate the modules\n");
        return 1;
    }

    s = factorial__fac_rec__checked(&fac, &r64, 20);
    printf("fac_rec(20) = %llu\n", (unsigned long long)r64);
    expect(s == SANDC_OK && r64 == 2432902008176640000ull, "recursive factorial");
    s = factorial__fac_iter__checked(&fac, &r64, 20);
    expect(s == SANDC_OK && r64 == 2432902008176640000ull, "iterative factorial");

    /* a recursion a billion calls deep exhausts the stack budget: a trap,
     * not a crash */
    s = factorial__fac_rec__checked(&fac, &r64, 1000000000);
    printf("fac_rec(1e9): %s\n", sandc_status_name(s));
    expect(s == SANDC_TRAP_EXHAUSTION, "stack exhaustion traps");

    s = table_dispatch__apply__checked(&td, &r32, 2, 6, 7);
    expect(s == SANDC_OK && r32 == 42, "indirect call: mul(6, 7)");
    s = table_dispatch__apply__checked(&td, &r32, 3, 1, 0);
    printf("div(1, 0): %s\n", sandc_status_name(s));
    expect(s == SANDC_TRAP_DIV_ZERO, "division by zero traps");
    s = table_dispatch__apply__checked(&td, &r32, 9, 1, 1);
    printf("apply(op 9): %s\n", sandc_status_name(s));
    expect(s == SANDC_TRAP_TABLE_OOB, "a call past the table traps");

    /* the instance is still usable after its traps */
    s = table_dispatch__apply__checked(&td, &r32, 0, 40, 2);
    expect(s == SANDC_OK && r32 == 42, "calls still work after traps");

    factorial_free(&fac);
    table_dispatch_free(&td);
    printf("%s\n", failures ? "host: FAILED" : "host: all checks passed");
    return failures != 0;
}
