/* SPDX-License-Identifier: MIT */
/* emit.c - writes a document's text out: to a new string, a caller buffer, a
 * FILE or a descriptor (saving over a file is save.c's job), from the pieces
 * a snapshot holds it in (its text, and a body left in a borrowed input). */
#include "private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ===================================================================== */
/* A snapshot's text in its pieces                                       */
/* ===================================================================== */

FMP_HOT void fmp_snap_copy(const fmp_snap *s, size_t from, size_t to, char *out) {
    size_t held = fmp_snap_held(s);
    if (from < held) {
        size_t n = (to < held ? to : held) - from;
        memcpy(out, s->text + from, n);
        out += n;
        from += n;
    }
    if (from < to)
        memcpy(out, s->parts.body + (from - held), to - from);
}

const char *fmp_snap_text(const fmp_snap *s) {
    if (!s->body_apart)
        return s->text;
    char *flat = __atomic_load_n(&s->flat, __ATOMIC_ACQUIRE);
    if (flat)
        return flat;
    char *mine = fmp_malloc(&s->al, s->len + 1);
    if (!mine)
        return NULL;
    fmp_snap_copy(s, 0, s->len, mine);
    mine[s->len] = '\0';
    /* Another thread may have made it first: then its copy is the one. */
    fmp_snap *w = (fmp_snap *)(uintptr_t)s;
    if (__atomic_compare_exchange_n(&w->flat, &flat, mine, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return mine;
    fmp_free(&s->al, mine);
    return flat;
}

int fmp_write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int fmp_snap_write(int fd, const fmp_snap *s) {
    size_t held = fmp_snap_held(s);
    if (fmp_write_all(fd, s->text, held) != 0)
        return -1;
    return held < s->len ? fmp_write_all(fd, s->parts.body, s->len - held) : 0;
}

/* ===================================================================== */
/* Writing a document out                                                */
/* ===================================================================== */

char *fm_doc_emit(const fm_doc *doc, size_t *len, fm_error *err) {
    if (!doc) {
        fmp_fail(err, FM_ERR_ARG, "fm_doc_emit: NULL document");
        return NULL;
    }
    if (fmp_doc_whole(doc, "fm_doc_emit", err) != 0)
        return NULL;
    const fmp_snap *s = doc->snap;
    char *out = malloc(s->len + 1);
    if (!out) {
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    fmp_snap_copy(s, 0, s->len, out);
    out[s->len] = '\0';
    if (len)
        *len = s->len;
    return out;
}

FMP_HOT int fm_doc_emit_buffer(const fm_doc *doc, char *buf, size_t cap, size_t *needed,
                               fm_error *err) {
    if (!doc || (!buf && cap))
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_emit_buffer: NULL argument");
    if (fmp_doc_whole(doc, "fm_doc_emit_buffer", err) != 0)
        return -1;
    const fmp_snap *s = doc->snap;
    if (needed)
        *needed = s->len;
    if (cap <= s->len)
        return fmp_fail(err, FM_ERR_ARG, "buffer of %zu bytes is too small for %zu + 1", cap,
                        s->len);
    fmp_snap_copy(s, 0, s->len, buf);
    buf[s->len] = '\0';
    return 0;
}

int fm_doc_emit_file(const fm_doc *doc, FILE *fp, fm_error *err) {
    if (!doc || !fp)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_emit_file: NULL argument");
    if (fmp_doc_whole(doc, "fm_doc_emit_file", err) != 0)
        return -1;
    const fmp_snap *s = doc->snap;
    size_t held = fmp_snap_held(s);
    if (fwrite(s->text, 1, held, fp) != held ||
        fwrite(s->parts.body, 1, s->len - held, fp) != s->len - held ||
        fflush(fp) != 0)
        return fmp_fail_errno(err, FM_ERR_IO, errno, "write failed: %s",
                              strerror(errno));
    return 0;
}

int fm_doc_emit_fd(const fm_doc *doc, int fd, fm_error *err) {
    if (!doc || fd < 0)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_emit_fd: invalid argument");
    if (fmp_doc_whole(doc, "fm_doc_emit_fd", err) != 0)
        return -1;
    if (fmp_snap_write(fd, doc->snap) != 0)
        return fmp_fail_errno(err, FM_ERR_IO, errno, "write failed: %s",
                              strerror(errno));
    return 0;
}
