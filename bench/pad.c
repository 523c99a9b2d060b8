/*
 * bench/pad.c - PAD bytes of code space, and nothing else.  bench/run links
 * one in front of a program's objects to move all of its code by PAD bytes:
 * see "Code placement" in bench/README.md.
 */
#define STR(x) #x
#define XSTR(x) STR(x)
__asm__(".text\n.fill " XSTR(PAD) ", 1, 0\n");
