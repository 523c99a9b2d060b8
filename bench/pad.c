/*
 * bench/pad.c - PAD bytes of code space, and nothing else.  bench/run links
 * one in front of a program's objects to move all of its code by PAD bytes:
 * see "Code placement" in bench/README.md.  The bytes go in .text.startup,
 * which GNU ld places before all of .text: gcc puts main there, and a
 * kernel's loops are often inlined into main, so a pad in .text would
 * leave them where they were.
 */
#define STR(x) #x
#define XSTR(x) STR(x)
__asm__(".section .text.startup,\"ax\",@progbits\n"
        ".fill " XSTR(PAD) ", 1, 0\n"
        ".text\n");
