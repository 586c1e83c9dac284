/* SPDX-License-Identifier: MIT */
/* emit.c - writes a document's text out: to a new string, a caller buffer, a
 * FILE or a descriptor (saving over a file is save.c's job). */
#include "private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    memcpy(out, s->text, s->len);
    out[s->len] = '\0';
    if (len)
        *len = s->len;
    return out;
}

int fm_doc_emit_buffer(const fm_doc *doc, char *buf, size_t cap, size_t *needed,
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
    memcpy(buf, s->text, s->len);
    buf[s->len] = '\0';
    return 0;
}

int fm_doc_emit_file(const fm_doc *doc, FILE *fp, fm_error *err) {
    if (!doc || !fp)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_emit_file: NULL argument");
    if (fmp_doc_whole(doc, "fm_doc_emit_file", err) != 0)
        return -1;
    const fmp_snap *s = doc->snap;
    if (fwrite(s->text, 1, s->len, fp) != s->len || fflush(fp) != 0)
        return fmp_fail_errno(err, FM_ERR_IO, errno, "write failed: %s",
                              strerror(errno));
    return 0;
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

int fm_doc_emit_fd(const fm_doc *doc, int fd, fm_error *err) {
    if (!doc || fd < 0)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_emit_fd: invalid argument");
    if (fmp_doc_whole(doc, "fm_doc_emit_fd", err) != 0)
        return -1;
    if (fmp_write_all(fd, doc->snap->text, doc->snap->len) != 0)
        return fmp_fail_errno(err, FM_ERR_IO, errno, "write failed: %s",
                              strerror(errno));
    return 0;
}
