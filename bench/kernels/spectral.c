/*
 * spectral.c - dense float math: the spectral norm of the infinite matrix
 * A(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to N x N, by power
 * iteration on A'A (ten iterations of u = A'A v, v = A'A u).
 *
 * Scale: N / 100 (default 28, i.e. a 2800 x 2800 matrix; the work grows
 * with the square).
 * bench: quick=6
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double a(int i, int j)
{
    return 1.0 / ((double)(i + j) * (i + j + 1) / 2 + i + 1);
}

static void mul_av(int n, const double *v, double *av)
{
    for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++)
            sum += a(i, j) * v[j];
        av[i] = sum;
    }
}

static void mul_atv(int n, const double *v, double *atv)
{
    for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++)
            sum += a(j, i) * v[j];
        atv[i] = sum;
    }
}

static void mul_atav(int n, const double *v, double *out, double *tmp)
{
    mul_av(n, v, tmp);
    mul_atv(n, tmp, out);
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 28;
    if (scale < 1 || scale > 1000)
        return 2;
    int n = (int)scale * 100;
    double *u = malloc(sizeof(double) * n), *v = malloc(sizeof(double) * n),
           *tmp = malloc(sizeof(double) * n);
    if (!u || !v || !tmp)
        return 2;

    for (int i = 0; i < n; i++)
        u[i] = 1;
    for (int i = 0; i < 10; i++) {
        mul_atav(n, u, v, tmp);
        mul_atav(n, v, u, tmp);
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < n; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    double norm = sqrt(vbv / vv);
    uint64_t bits;
    memcpy(&bits, &norm, sizeof bits);
    printf("spectral checksum %016" PRIx64 " norm %.9f\n", bits, norm);
    free(u);
    free(v);
    free(tmp);
    return 0;
}
