/*
 * file.c - reading an input whole, and writing an output so that it appears
 * whole or not at all.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#define _GNU_SOURCE       /* renameat2, where the C library has it */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasm.h"

/* Read the whole file; NULL (with a message) on failure. */
uint8_t *read_file(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0) {
        fprintf(stderr, "sandc: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "sandc: cannot read %s: is a directory\n", path);
        close(fd);
        return NULL;
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1
                                                      : 65536;
    size_t len = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "sandc: out of memory reading %s\n", path);
            close(fd);
            return NULL;
        }
        if (len == cap) {
            uint8_t *nb = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (!nb)
                free(buf);
            buf = nb;
            cap *= 2;
            continue;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "sandc: cannot read %s: %s\n", path,
                    strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    *size = len;
    return buf;
}

/* The file a symbolic link names by its text (a relative one from the
 * link's directory), which may not exist; NULL if it cannot be read. */
static char *link_text(const char *path)
{
    char buf[4096];
    ssize_t n = readlink(path, buf, sizeof buf);
    if (n <= 0 || (size_t)n == sizeof buf)
        return NULL;
    const char *slash = strrchr(path, '/');
    size_t dir = buf[0] == '/' || !slash ? 0 : (size_t)(slash - path) + 1;
    char *t = malloc(dir + (size_t)n + 1);
    if (!t)
        internal_error(__FILE__, __LINE__, "out of memory");
    memcpy(t, path, dir);
    memcpy(t + dir, buf, (size_t)n);
    t[dir + (size_t)n] = '\0';
    return t;
}

/* Where writing `path` puts the file: through a symbolic link, the file it
 * names, so that the rename replaces that file and leaves the link. */
static char *target(const char *path)
{
    struct stat st;
    char *t = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        t = realpath(path, NULL);
        if (!t) /* a link to a file not there yet: that file */
            t = link_text(path);
    }
    if (!t)
        t = strdup(path);
    if (!t)
        internal_error(__FILE__, __LINE__, "out of memory");
    return t;
}

/* A temporary's name beside `path`. */
static char *temp_name(const char *path)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        internal_error(__FILE__, __LINE__, "out of memory");
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    return tmp;
}

/* Put the temporary `tmp` in place at `t`, as rename does.  Where the
 * system can exchange two names (Linux), one that replaces a regular file
 * swaps the two and removes the old file: as atomic, and without the block
 * allocation and write-out that ext4 does inside a rename that replaces a
 * file (about 20 ms for the 37 MB of C of bench/'s large module). */
static int replace(const char *tmp, const char *t)
{
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    struct stat st;
    if (lstat(t, &st) == 0 && S_ISREG(st.st_mode) &&
        renameat2(AT_FDCWD, tmp, AT_FDCWD, t, RENAME_EXCHANGE) == 0) {
        if (unlink(tmp) == 0)
            return 0;
        int e = errno; /* t was no longer a file to remove: swap back */
        renameat2(AT_FDCWD, tmp, AT_FDCWD, t, RENAME_EXCHANGE);
        errno = e;
        return -1;
    }
#endif
    return rename(tmp, t);
}

int out_open(Buf *b, const char *path)
{
    char *t = target(path);
    b->tmp = temp_name(t);
    free(t);
    b->sink = fopen(b->tmp, "wb");
    b->err = 0;
    if (!b->sink) {
        int e = errno;
        free(b->tmp);
        b->tmp = NULL;
        errno = e;
        return -1;
    }
    return 0;
}

int out_commit(Buf *b, const char *path)
{
    buf_flush(b);
    int e = b->err;
    if (fclose(b->sink) != 0 && !e)
        e = errno ? errno : EIO;
    b->sink = NULL;
    char *t = target(path);
    if (!e && replace(b->tmp, t) != 0)
        e = errno;
    free(t);
    if (e)
        remove(b->tmp);
    free(b->tmp);
    b->tmp = NULL;
    errno = e;
    return e ? -1 : 0;
}

void out_abort(Buf *b)
{
    if (!b->sink)
        return;
    fclose(b->sink);
    b->sink = NULL;
    remove(b->tmp);
    free(b->tmp);
    b->tmp = NULL;
}

/* Write the file through a temporary beside it and rename, so a failure
 * never leaves a partial file.  Returns 0, or -1 with errno set. */
int write_file_atomic(const char *path, const Buf *b)
{
    char *t = target(path);
    char *tmp = temp_name(t);
    FILE *f = fopen(tmp, "wb");
    int ok = f != NULL;
    if (ok && b->len)
        ok = fwrite(b->p, 1, b->len, f) == b->len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && replace(tmp, t) != 0)
        ok = 0;
    if (!ok) {
        int e = errno;
        remove(tmp);
        errno = e;
    }
    free(tmp);
    free(t);
    return ok ? 0 : -1;
}
