/*
 * templates.c - the opcode table's C templates (opcodes.def's last column),
 * each cut once into pieces: writing an instruction then copies its pieces
 * instead of scanning the template for the characters that stand for an
 * operand or an immediate.
 */
#include <stdlib.h>
#include <string.h>

#include "emit_func.h"

const Piece *template_of[OP_COUNT]; /* into one allocation, never freed */

/* Cut o's template into pieces at *out (or only count them, out NULL). */
static size_t cut_template(const OpInfo *o, Piece *out)
{
    size_t n = 0;
    for (const char *t = o->c; *t; t++, n++) {
        Piece p = {PIECE_TEXT, 0, 0, NULL};
        if (*t == '$' && t[1] >= '0' && t[1] < '0' + (int)o->npop) {
            p.kind = PIECE_OPERAND;
            p.operand = (uint8_t)(t[1] - '0');
            t++;
        } else if (*t == '@') {
            p.kind = PIECE_ADDRESS;
        } else if (*t == '#') {
            p.kind = PIECE_LANE;
        } else if (*t == '%') {
            p.kind = PIECE_ACCESS;
        } else { /* up to the next special character or the end */
            size_t len = 1 + strcspn(t + 1, "$@#%");
            if (len > UINT16_MAX)
                internal_error(__FILE__, __LINE__, "C template too long");
            p.text = t;
            p.len = (uint16_t)len;
            t += len - 1;
        }
        if (out)
            out[n] = p;
    }
    if (out)
        out[n] = (Piece){PIECE_END, 0, 0, NULL};
    return n + 1;
}

void templates_cut(void)
{
    size_t total = 0;
    for (int op = 0; op < OP_COUNT; op++)
        if (op_info[op].c)
            total += cut_template(&op_info[op], NULL);
    Piece *pieces = malloc((total ? total : 1) * sizeof *pieces);
    if (!pieces)
        internal_error(__FILE__, __LINE__, "out of memory");
    for (int op = 0, at = 0; op < OP_COUNT; op++)
        if (op_info[op].c) {
            template_of[op] = pieces + at;
            at += (int)cut_template(&op_info[op], pieces + at);
        }
}
