/*
 * bintrees.c - pointer chasing and allocation: build complete binary trees
 * node by node with malloc, walk them to count and checksum their nodes,
 * and free them; one long-lived tree stays allocated throughout.
 *
 * Scale: rounds over depths 4, 6, ..., 16 (default 20).
 * bench: quick=2
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
    struct node *left, *right;
    uint32_t value;
};

static struct node *build(int depth, uint32_t value)
{
    struct node *n = malloc(sizeof *n);
    if (!n) {
        printf("bintrees: out of memory\n");
        exit(2);
    }
    n->value = value;
    if (depth > 0) {
        n->left = build(depth - 1, 2 * value);
        n->right = build(depth - 1, 2 * value + 1);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

/* Nodes in the tree, and a checksum of their values in visiting order. */
static uint32_t walk(const struct node *n, uint32_t *sum)
{
    if (!n)
        return 0;
    *sum = *sum * 31 + n->value;
    return 1 + walk(n->left, sum) + walk(n->right, sum);
}

static void release(struct node *n)
{
    if (n) {
        release(n->left);
        release(n->right);
        free(n);
    }
}

int main(int argc, char **argv)
{
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 20;
    const int max_depth = 16;
    uint64_t h = 0xcbf29ce484222325u;
    uint32_t sum = 0;

    if (scale < 1)
        return 2;
    struct node *long_lived = build(max_depth, 1);
    for (long r = 0; r < scale; r++)
        for (int depth = 4; depth <= max_depth; depth += 2) {
            /* as many trees of each depth, so each depth does equal work */
            long trees = 1L << (max_depth - depth);
            uint64_t nodes = 0;
            for (long t = 0; t < trees; t++) {
                struct node *tree = build(depth, (uint32_t)t + 1);
                nodes += walk(tree, &sum);
                release(tree);
            }
            h = (h ^ nodes ^ sum) * 0x100000001b3u;
        }
    h = (h ^ walk(long_lived, &sum) ^ sum) * 0x100000001b3u;
    release(long_lived);
    printf("bintrees checksum %016" PRIx64 "\n", h);
    return 0;
}
