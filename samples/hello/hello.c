/*
 * hello.c - a WASI command: greets argv[1] (or the world) and counts its
 * arguments.  Build it for WebAssembly and run it sandboxed:
 *
 *     clang --target=wasm32-wasi --sysroot=/usr -O2 hello.c -o hello.wasm
 *     sandc run hello.wasm sandbox
 */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello, %s!\n", argc > 1 ? argv[1] : "world");
    printf("%d argument%s after the program name\n", argc - 1,
           argc == 2 ? "" : "s");
    return 0;
}
