/* SPDX-License-Identifier: MIT */
/* readfile.c - reading a file for fm_doc_load_file: the whole of it, or
 * (FM_OPT_FRONT_ONLY) only as far as its body starts. */
#include "private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FRONT_CHUNK FMP_FRONT_CHUNK
#define NOT_FOUND FMP_FRONT_UNKNOWN

/* Frees buf, records why reading stopped, returns NULL. */
static char *read_failed(char *buf, const fm_allocator *al, fm_error *err, fm_code code,
                         int sys_errno, const char *path, size_t limit) {
    fmp_free(al, buf);
    if (code == FM_ERR_TOO_LARGE)
        fmp_fail(err, code, "%s: input over the limit of %zu bytes (max_input_size)",
                 path, limit);
    else if (code == FM_ERR_IO)
        fmp_fail_errno(err, code, sys_errno, "cannot read %s: %s", path,
                       strerror(sys_errno));
    else
        fmp_fail(err, code, "%s: out of memory", path);
    return NULL;
}

/* Makes room for more bytes: doubles, but never past limit + 1 bytes and a
 * NUL (enough to see that an input passes the limit). */
static char *grow(char *buf, size_t *cap, size_t limit, const fm_allocator *al) {
    size_t most = limit < SIZE_MAX - 2 ? limit + 2 : SIZE_MAX;
    size_t want = *cap < most / 2 ? *cap * 2 : most;
    char *b2 = want > *cap ? fmp_realloc(al, buf, *cap, want) : NULL;
    if (b2)
        *cap = want;
    return b2;
}

/* Reads fd on from buf[0..*len) (cap bytes allocated) to its end, or to
 * `known` bytes for a regular file. Input without a known size (standard
 * input, pipes, FIFOs, /proc) is read in chunks and refused with
 * FM_ERR_TOO_LARGE as soon as it passes the limit, without reading the rest.
 * Returns the buffer (NUL-terminated, *len set) or NULL (buf freed). */
static char *read_rest(int fd, const char *path, char *buf, size_t cap, size_t known,
                       const fm_allocator *al, size_t limit, size_t *len, fm_error *err) {
    size_t n = *len;
    while (!(known && n == known)) {
        if (n + 1 >= cap) {
            char *b2 = grow(buf, &cap, limit, al);
            if (!b2)
                return read_failed(buf, al, err, FM_ERR_NOMEM, 0, path, limit);
            buf = b2;
        }
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r == 0)
            break;
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return read_failed(buf, al, err, FM_ERR_IO, errno, path, limit);
        n += (size_t)r;
        if (n > limit)
            return read_failed(buf, al, err, FM_ERR_TOO_LARGE, 0, path, limit);
    }
    buf[n] = '\0'; /* the loop keeps n < cap - 1: text is NUL-terminated */
    *len = n;
    return buf;
}

/* One read into buf[*len..FRONT_CHUNK) (again after EINTR): *len grows,
 * or *eof is set (it returned 0), or *failed is its errno. */
static void read_some(int fd, char *buf, size_t *len, bool *eof, int *failed) {
    for (;;) {
        ssize_t r = read(fd, buf + *len, FRONT_CHUNK - *len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            *failed = errno;
        else if (r == 0)
            *eof = true;
        else
            *len += (size_t)r;
        return;
    }
}

/* Where the body of s[0..len) starts when the bytes after len cannot change
 * it, or NOT_FOUND. fm_split reads the text up to its last newline: every
 * line it looks at is whole there, as in the file, so a closed front matter
 * (without FM_OPT_LENIENT, which would take an unclosed one for none) or a
 * first line that holds something but opens none is found as in the whole
 * file. A body that does not start a line (JSON closed mid-line) is left to
 * the whole file too. */
static size_t body_start(const char *s, size_t len, unsigned options, fm_parts *parts) {
    const char *nl = len ? memrchr(s, '\n', len) : NULL;
    size_t n = nl ? (size_t)(nl - s) + 1 : 0;
    if (n < 4 || fm_split(s, n, options & ~FM_OPT_LENIENT, parts, NULL) != 0)
        return NOT_FOUND;
    size_t b = (size_t)(parts->body - s);
    if (parts->format != FM_FORMAT_NONE)
        return s[b - 1] == '\n' ? b : NOT_FOUND;
    for (size_t i = b; i < n; i++) /* a line that is not blank */
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return b;
    return NOT_FOUND;
}

/* Where the body starts in the whole text s[0..len), *split set when it
 * splits; its length when it does not (the parse then reports why). */
static size_t whole_body_start(const char *s, size_t len, unsigned options,
                               fm_parts *parts, bool *split) {
    *split = fm_split(s, len, options, parts, NULL) == 0;
    return *split ? (size_t)(parts->body - s) : len;
}

int fmp_file_refusal(const struct stat *st, size_t limit) {
    if (S_ISDIR(st->st_mode))
        return EISDIR;
    return S_ISREG(st->st_mode) && (uintmax_t)st->st_size > limit ? EFBIG : 0;
}

/* What fstat says of the open file: 0 and *known (the size of a regular
 * file, else 0), or -1 (reported) for a folder, a failed fstat or a regular
 * file over the limit. */
static int check_file(int fd, const char *path, const fm_allocator *al, size_t limit,
                      struct stat *st, size_t *known, fm_error *err) {
    if (fstat(fd, st) != 0) {
        fmp_fail_errno(err, FM_ERR_IO, errno, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    int refusal = fmp_file_refusal(st, limit);
    if (refusal == EISDIR) {
        fmp_fail_errno(err, FM_ERR_IO, EISDIR, "cannot read %s: is a directory", path);
        return -1;
    }
    if (refusal == EFBIG) {
        read_failed(NULL, al, err, FM_ERR_TOO_LARGE, 0, path, limit);
        return -1;
    }
    /* A regular file is read to its known size (no read to see the end). */
    *known = S_ISREG(st->st_mode) ? (size_t)st->st_size : 0;
    return 0;
}

/* Reads fd on from buf[0..*len) (have bytes allocated, buf may be NULL) to
 * its end, after fstat's checks. */
static char *read_checked(int fd, const char *path, char *buf, size_t have,
                          const fm_allocator *al, size_t limit, struct stat *st,
                          size_t *len, fm_error *err) {
    size_t known;
    if (check_file(fd, path, al, limit, st, &known, err) != 0) {
        fmp_free(al, buf);
        return NULL;
    }
    size_t cap = known ? known + 1 : (limit < 65536 ? limit + 2 : 65536);
    if (cap < have)
        cap = have;
    char *b2 = buf ? fmp_realloc(al, buf, have, cap) : fmp_malloc(al, cap);
    if (!b2)
        return read_failed(buf, al, err, FM_ERR_NOMEM, 0, path, limit);
    return read_rest(fd, path, b2, cap, known, al, limit, len, err);
}

size_t fmp_front_cut(char *buf, size_t len, bool eof, unsigned options, fm_parts *parts,
                     bool *split) {
    size_t b;
    if (eof) {
        b = whole_body_start(buf, len, options, parts, split);
    } else {
        b = body_start(buf, len, options, parts);
        *split = b != NOT_FOUND;
    }
    if (b != NOT_FOUND) {
        parts->body_len = 0;
        buf[b] = '\0';
    }
    return b;
}

/* FM_OPT_FRONT_ONLY: the file up to where its body starts. At most its
 * first FRONT_CHUNK bytes are read first, stopping as soon as what was read
 * shows where the body starts (a short file is not read again to see its
 * end, a pipe not waited on): when they are the whole file or show where
 * the body starts, that is all (no fstat: max_input_size then bounds what
 * is read, not the file); else the file is read on to its end as without
 * the option. */
static char *read_front(int fd, const char *path, const fm_allocator *al, size_t limit,
                        unsigned options, struct stat *st, size_t *len, fm_parts *parts,
                        bool *split, fm_error *err) {
    char *buf = NULL;
    size_t have = 0;
    int failed = 0;
    bool eof = false;
    *len = 0;
    if (limit > FRONT_CHUNK) {
        if (!(buf = fmp_malloc(al, FRONT_CHUNK + 1)))
            return read_failed(NULL, al, err, FM_ERR_NOMEM, 0, path, limit);
        have = FRONT_CHUNK + 1;
        /* Read by read until the end, a failure, FRONT_CHUNK bytes or the
         * start of the body: a file shorter than FRONT_CHUNK whose body is
         * found in its first read needs no second read to see its end. */
        size_t b = NOT_FOUND;
        while (!eof && !failed && *len < FRONT_CHUNK && b == NOT_FOUND) {
            read_some(fd, buf, len, &eof, &failed);
            if (!failed)
                b = fmp_front_cut(buf, *len, eof, options, parts, split);
        }
        if (b != NOT_FOUND) { /* a small file read whole, or its front */
            memset(st, 0, sizeof *st);
            *len = b;
            return buf;
        }
    }
    if (failed) { /* after fstat's word on a folder, as without the option */
        size_t known;
        if (check_file(fd, path, al, limit, st, &known, err) != 0) {
            fmp_free(al, buf);
            return NULL;
        }
        return read_failed(buf, al, err, FM_ERR_IO, failed, path, limit);
    }
    buf = read_checked(fd, path, buf, have, al, limit, st, len, err);
    if (buf) {
        *len = whole_body_start(buf, *len, options, parts, split);
        parts->body_len = 0;
        buf[*len] = '\0';
    }
    return buf;
}

char *fmp_read_file(const char *path, const fm_allocator *al, size_t limit,
                    unsigned options, struct stat *st, size_t *len, fm_parts *parts,
                    bool *split, fm_error *err) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fmp_fail_errno(err, FM_ERR_IO, errno, "cannot open %s: %s", path,
                       strerror(errno));
        return NULL;
    }
    *len = 0;
    *split = false;
    char *buf = options & FM_OPT_FRONT_ONLY
                    ? read_front(fd, path, al, limit, options, st, len, parts, split, err)
                    : read_checked(fd, path, NULL, 0, al, limit, st, len, err);
    close(fd);
    return buf;
}
