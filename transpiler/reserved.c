/*
 * reserved.c - names a module may not have in C as they stand: the C
 * keywords, the names the C library's common headers declare or define,
 * and the runtime's own prefix.  A module's name stands alone in C (its
 * instance's typedef and struct tag, an importer's field and context type),
 * so a module called `nan`, `int` or `sandc_memory` would redeclare one.
 */
#include <stdlib.h>
#include <string.h>

#include "wasm.h"

/* Sorted (strcmp order): C99 and C11 keywords; what <float.h>, <limits.h>,
 * <math.h>, <setjmp.h>, <stddef.h>, <stdint.h> and <string.h> (which the
 * generated code includes) and <assert.h>, <errno.h>, <stdbool.h>,
 * <stdio.h> and <stdlib.h> (which a host most likely does) declare or
 * define in C99; and main. */
static const char *const reserved[] = {
    "BUFSIZ", "CHAR_BIT", "CHAR_MAX", "CHAR_MIN", "DBL_DIG", "DBL_EPSILON",
    "DBL_MANT_DIG", "DBL_MAX", "DBL_MAX_10_EXP", "DBL_MAX_EXP", "DBL_MIN",
    "DBL_MIN_10_EXP", "DBL_MIN_EXP", "DECIMAL_DIG", "EDOM", "EILSEQ", "EOF",
    "ERANGE", "EXIT_FAILURE", "EXIT_SUCCESS", "FILE", "FILENAME_MAX",
    "FLT_DIG", "FLT_EPSILON", "FLT_EVAL_METHOD", "FLT_MANT_DIG", "FLT_MAX",
    "FLT_MAX_10_EXP", "FLT_MAX_EXP", "FLT_MIN", "FLT_MIN_10_EXP",
    "FLT_MIN_EXP", "FLT_RADIX", "FLT_ROUNDS", "FOPEN_MAX", "FP_FAST_FMA",
    "FP_FAST_FMAF", "FP_FAST_FMAL", "FP_ILOGB0", "FP_ILOGBNAN", "FP_INFINITE",
    "FP_NAN", "FP_NORMAL", "FP_SUBNORMAL", "FP_ZERO", "HUGE_VAL", "HUGE_VALF",
    "HUGE_VALL", "INFINITY", "INT16_C", "INT16_MAX", "INT16_MIN", "INT32_C",
    "INT32_MAX", "INT32_MIN", "INT64_C", "INT64_MAX", "INT64_MIN", "INT8_C",
    "INT8_MAX", "INT8_MIN", "INTMAX_C", "INTMAX_MAX", "INTMAX_MIN",
    "INTPTR_MAX", "INTPTR_MIN", "INT_FAST16_MAX", "INT_FAST16_MIN",
    "INT_FAST32_MAX", "INT_FAST32_MIN", "INT_FAST64_MAX", "INT_FAST64_MIN",
    "INT_FAST8_MAX", "INT_FAST8_MIN", "INT_LEAST16_MAX", "INT_LEAST16_MIN",
    "INT_LEAST32_MAX", "INT_LEAST32_MIN", "INT_LEAST64_MAX",
    "INT_LEAST64_MIN", "INT_LEAST8_MAX", "INT_LEAST8_MIN", "INT_MAX",
    "INT_MIN", "LDBL_DIG", "LDBL_EPSILON", "LDBL_MANT_DIG", "LDBL_MAX",
    "LDBL_MAX_10_EXP", "LDBL_MAX_EXP", "LDBL_MIN", "LDBL_MIN_10_EXP",
    "LDBL_MIN_EXP", "LLONG_MAX", "LLONG_MIN", "LONG_MAX", "LONG_MIN",
    "L_tmpnam", "MATH_ERREXCEPT", "MATH_ERRNO", "MB_CUR_MAX", "MB_LEN_MAX",
    "NAN", "NULL", "PTRDIFF_MAX", "PTRDIFF_MIN", "RAND_MAX", "SCHAR_MAX",
    "SCHAR_MIN", "SEEK_CUR", "SEEK_END", "SEEK_SET", "SHRT_MAX", "SHRT_MIN",
    "SIG_ATOMIC_MAX", "SIG_ATOMIC_MIN", "SIZE_MAX", "TMP_MAX", "UCHAR_MAX",
    "UINT16_C", "UINT16_MAX", "UINT32_C", "UINT32_MAX", "UINT64_C",
    "UINT64_MAX", "UINT8_C", "UINT8_MAX", "UINTMAX_C", "UINTMAX_MAX",
    "UINTPTR_MAX", "UINT_FAST16_MAX", "UINT_FAST32_MAX", "UINT_FAST64_MAX",
    "UINT_FAST8_MAX", "UINT_LEAST16_MAX", "UINT_LEAST32_MAX",
    "UINT_LEAST64_MAX", "UINT_LEAST8_MAX", "UINT_MAX", "ULLONG_MAX",
    "ULONG_MAX", "USHRT_MAX", "WCHAR_MAX", "WCHAR_MIN", "WINT_MAX",
    "WINT_MIN", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex",
    "_Exit", "_Generic", "_IOFBF", "_IOLBF", "_IONBF", "_Imaginary",
    "_Noreturn", "_Static_assert", "_Thread_local",
    "abort", "abs", "acos", "acosf", "acosh",
    "acoshf", "acoshl", "acosl", "asin", "asinf", "asinh", "asinhf", "asinhl",
    "asinl", "assert", "atan", "atan2", "atan2f", "atan2l", "atanf", "atanh",
    "atanhf", "atanhl", "atanl", "atexit", "atof", "atoi", "atol", "atoll",
    "auto", "bool", "break", "bsearch", "calloc", "case", "cbrt", "cbrtf",
    "cbrtl", "ceil", "ceilf", "ceill", "char", "clearerr", "const",
    "continue", "copysign", "copysignf", "copysignl", "cos", "cosf", "cosh",
    "coshf", "coshl", "cosl", "default", "div", "div_t", "do", "double",
    "double_t", "else", "enum", "erf", "erfc", "erfcf", "erfcl", "erff",
    "erfl", "errno", "exit", "exp", "exp2", "exp2f", "exp2l", "expf", "expl",
    "expm1", "expm1f", "expm1l", "extern", "fabs", "fabsf", "fabsl", "false",
    "fclose", "fdim", "fdimf", "fdiml", "feof", "ferror", "fflush", "fgetc",
    "fgetpos", "fgets", "float", "float_t", "floor", "floorf", "floorl",
    "fma", "fmaf", "fmal", "fmax", "fmaxf", "fmaxl", "fmin", "fminf", "fminl",
    "fmod", "fmodf", "fmodl", "fopen", "for", "fpclassify", "fpos_t",
    "fprintf", "fputc", "fputs", "fread", "free", "freopen", "frexp",
    "frexpf", "frexpl", "fscanf", "fseek", "fsetpos", "ftell", "fwrite",
    "getc", "getchar", "getenv", "gets", "goto", "hypot", "hypotf", "hypotl",
    "if", "ilogb", "ilogbf", "ilogbl", "inline", "int", "int16_t", "int32_t",
    "int64_t", "int8_t", "int_fast16_t", "int_fast32_t", "int_fast64_t",
    "int_fast8_t", "int_least16_t", "int_least32_t", "int_least64_t",
    "int_least8_t", "intmax_t", "intptr_t", "isfinite", "isgreater",
    "isgreaterequal", "isinf", "isless", "islessequal", "islessgreater",
    "isnan", "isnormal", "isunordered", "jmp_buf", "labs", "ldexp", "ldexpf",
    "ldexpl", "ldiv", "ldiv_t", "lgamma", "lgammaf", "lgammal", "llabs",
    "lldiv", "lldiv_t", "llrint", "llrintf", "llrintl", "llround", "llroundf",
    "llroundl", "log", "log10", "log10f", "log10l", "log1p", "log1pf",
    "log1pl", "log2", "log2f", "log2l", "logb", "logbf", "logbl", "logf",
    "logl", "long", "longjmp", "lrint", "lrintf", "lrintl", "lround",
    "lroundf", "lroundl", "main", "malloc", "math_errhandling", "max_align_t",
    "mblen", "mbstowcs", "mbtowc", "memchr", "memcmp", "memcpy", "memmove",
    "memset", "modf", "modff", "modfl", "nan", "nanf", "nanl", "nearbyint",
    "nearbyintf", "nearbyintl", "nextafter", "nextafterf", "nextafterl",
    "nexttoward", "nexttowardf", "nexttowardl", "offsetof", "perror", "pow",
    "powf", "powl", "printf", "ptrdiff_t", "putc", "putchar", "puts", "qsort",
    "rand", "realloc", "register", "remainder", "remainderf", "remainderl",
    "remove", "remquo", "remquof", "remquol", "rename", "restrict", "return",
    "rewind", "rint", "rintf", "rintl", "round", "roundf", "roundl",
    "scalbln", "scalblnf", "scalblnl", "scalbn", "scalbnf", "scalbnl",
    "scanf", "setbuf", "setjmp", "setvbuf", "short", "signbit", "signed",
    "sin", "sinf", "sinh", "sinhf", "sinhl", "sinl", "size_t", "sizeof",
    "snprintf", "sprintf", "sqrt", "sqrtf", "sqrtl", "srand", "sscanf",
    "static", "stderr", "stdin", "stdout", "strcat", "strchr", "strcmp",
    "strcoll", "strcpy", "strcspn", "strerror", "strlen", "strncat",
    "strncmp", "strncpy", "strpbrk", "strrchr", "strspn", "strstr", "strtod",
    "strtof", "strtok", "strtol", "strtold", "strtoll", "strtoul", "strtoull",
    "struct", "strxfrm", "switch", "system", "tan", "tanf", "tanh", "tanhf",
    "tanhl", "tanl", "tgamma", "tgammaf", "tgammal", "tmpfile", "tmpnam",
    "true", "trunc", "truncf", "truncl", "typedef", "uint16_t", "uint32_t",
    "uint64_t", "uint8_t", "uint_fast16_t", "uint_fast32_t", "uint_fast64_t",
    "uint_fast8_t", "uint_least16_t", "uint_least32_t", "uint_least64_t",
    "uint_least8_t", "uintmax_t", "uintptr_t", "ungetc", "union", "unsigned",
    "va_list", "vfprintf", "vfscanf", "void", "volatile", "vprintf", "vscanf",
    "vsnprintf", "vsprintf", "vsscanf", "wchar_t", "wcstombs", "wctomb",
    "while",
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int c_reserved(const char *s)
{
    if (strncmp(s, "sandc", 5) == 0 || strncmp(s, "SANDC", 5) == 0)
        return 1;
    return bsearch(&s, reserved, sizeof reserved / sizeof reserved[0],
                   sizeof reserved[0], by_name) != NULL;
}
