/*
 * jobs.c - an ordered parallel loop: items lo..hi-1 are worked on by a few
 * threads, each into a buffer of its own, and the results are put in their
 * destinations by the calling thread in item order.  The output is therefore
 * the same, byte for byte, whatever the number of threads; and an error is
 * that of the first failing item, as in a loop on one thread.
 *
 * The threads take the items in chunks of consecutive ones (a wait per item
 * would cost more than a small item).  At most WINDOW chunks per thread are
 * done and not yet put in place, which bounds the memory held beyond what a
 * loop on one thread needs.  Many small chunks rather than a few large ones:
 * a chunk's buffer is then still in cache when the calling thread copies it
 * out, and the buffers take fewer fresh pages (16 chunks per thread took
 * 3,680 page faults to translate a 4.7 MB module, 64 take 2,350).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wasm.h"

enum { WINDOW = 3, CHUNKS_PER_THREAD = 64 };

typedef struct Slot {
    Buf out;
    size_t *ends; /* per item of the chunk: where its output ends in out */
    uint32_t nok; /* items done without an error */
    Diag d;       /* the error of item nok, if any */
    int done;
    char pad[64]; /* out, written all the time, apart from the slot before */
} Slot;

typedef struct Pool {
    const Jobs *j;
    uint32_t lo, hi, chunk; /* items, and how many a chunk has */
    uint32_t nchunks;
    uint32_t next;          /* the next chunk to start */
    uint32_t written;       /* chunks before it are in place */
    uint32_t nslots;
    int stop;
    Slot *slots;
    pthread_mutex_t mu;
    pthread_cond_t work;    /* a chunk may start, or stop */
    pthread_cond_t done;    /* a slot is done */
} Pool;

typedef struct Worker {
    Pool *p;
    unsigned index;
} Worker;

unsigned jobs_default(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > JOBS_MAX ? JOBS_MAX : (unsigned)n;
}

unsigned jobs_for(const Module *m, unsigned njobs)
{
    uint64_t code = 0;
    for (uint32_t i = m->nfunc_imports; i < m->nfuncs; i++)
        code += m->funcs[i].body.len;
    if (code < (256 << 10) || njobs < 1) /* threads would not pay off */
        return 1;
    return njobs < JOBS_MAX ? njobs : JOBS_MAX;
}

/* Chunk k's items, one after another, into its slot. */
static void do_chunk(Pool *p, unsigned index, uint32_t k, Slot *s)
{
    uint32_t first = p->lo + k * p->chunk;
    uint32_t n = p->hi - first < p->chunk ? p->hi - first : p->chunk;
    s->out.len = 0;
    for (s->nok = 0; s->nok < n; s->nok++) {
        p->j->work(p->j->arg, index, first + s->nok, &s->out, &s->d);
        if (s->d.failed)
            break;
        s->ends[s->nok] = s->out.len;
    }
}

static void *worker(void *arg)
{
    Pool *p = ((Worker *)arg)->p;
    unsigned index = ((Worker *)arg)->index;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next < p->nchunks &&
               p->next - p->written >= p->nslots)
            pthread_cond_wait(&p->work, &p->mu);
        if (p->stop || p->next >= p->nchunks)
            break;
        uint32_t k = p->next++;
        Slot *s = &p->slots[k % p->nslots];
        pthread_mutex_unlock(&p->mu);
        do_chunk(p, index, k, s);
        pthread_mutex_lock(&p->mu);
        s->done = 1;
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* One thread: each item straight into its destination. */
static int run_inline(const Jobs *j, uint32_t lo, uint32_t hi, Diag *d)
{
    for (uint32_t i = lo; i < hi && !d->failed; i++)
        j->work(j->arg, 0, i, j->dest ? j->dest(j->arg, i) : NULL, d);
    return d->failed;
}

/* Wait for chunk k, put its output in place and release its slot; 0 when
 * it holds an error, which goes to d. */
static int collect(Pool *p, uint32_t k, Diag *d)
{
    Slot *s = &p->slots[k % p->nslots];
    pthread_mutex_lock(&p->mu);
    while (!s->done)
        pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
    /* consecutive items bound for the same buffer go in one piece */
    uint32_t first = p->lo + k * p->chunk;
    Buf *run = NULL;
    size_t from = 0;
    for (uint32_t i = 0; i < s->nok && p->j->dest; i++) {
        Buf *b = p->j->dest(p->j->arg, first + i);
        size_t start = i ? s->ends[i - 1] : 0;
        if (b != run) {
            if (run)
                buf_write(run, s->out.p + from, start - from);
            run = b;
            from = start;
        }
    }
    if (run)
        buf_write(run, s->out.p + from, s->ends[s->nok - 1] - from);
    if (s->d.failed) {
        *d = s->d;
        return 0;
    }
    pthread_mutex_lock(&p->mu);
    s->done = 0;
    p->written = k + 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    return 1;
}

int jobs_run(const Jobs *j, unsigned nthreads, uint32_t lo, uint32_t hi,
             Diag *d)
{
    if (nthreads > JOBS_MAX)
        nthreads = JOBS_MAX;
    if (nthreads > hi - lo)
        nthreads = hi - lo;
    if (nthreads < 2 || d->failed)
        return run_inline(j, lo, hi, d);

    Pool p;
    pthread_t th[JOBS_MAX];
    Worker w[JOBS_MAX];
    unsigned started = 0;
    memset(&p, 0, sizeof p);
    p.j = j;
    p.lo = lo;
    p.hi = hi;
    uint64_t n = hi - lo, per = (uint64_t)nthreads * CHUNKS_PER_THREAD;
    p.chunk = (uint32_t)((n + per - 1) / per);
    p.nchunks = (uint32_t)((n + p.chunk - 1) / p.chunk);
    p.nslots = nthreads * WINDOW;
    p.slots = calloc(p.nslots, sizeof *p.slots);
    if (!p.slots)
        internal_error(__FILE__, __LINE__, "out of memory");
    for (uint32_t k = 0; k < p.nslots; k++) {
        p.slots[k].d = (Diag){d->file, 0, 0, ""};
        p.slots[k].ends = malloc(p.chunk * sizeof *p.slots[k].ends);
        if (!p.slots[k].ends)
            internal_error(__FILE__, __LINE__, "out of memory");
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    for (; started < nthreads; started++) {
        w[started] = (Worker){&p, started};
        if (pthread_create(&th[started], NULL, worker, &w[started]) != 0)
            break;
    }

    if (started == 0) /* no thread to be had: all of it here */
        run_inline(j, lo, hi, d);
    for (uint32_t k = 0; started > 0 && k < p.nchunks; k++)
        if (!collect(&p, k, d))
            break;

    pthread_mutex_lock(&p.mu);
    p.stop = 1;
    pthread_cond_broadcast(&p.work);
    pthread_mutex_unlock(&p.mu);
    for (unsigned k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    for (uint32_t k = 0; k < p.nslots; k++) {
        buf_free(&p.slots[k].out);
        free(p.slots[k].ends);
    }
    free(p.slots);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.done);
    return d->failed;
}
