/* SPDX-License-Identifier: MIT */
/* edit_asserts.h - what the edit suites (check_edit.c, check_toml_edit.c)
 * share: escaped text for messages, edits that must succeed or fail without
 * a trace, and exact emitted bytes. */
#ifndef FM_EDIT_ASSERTS_H
#define FM_EDIT_ASSERTS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* s[0..n) with C escapes, for failure messages. Four rotating buffers, so a
 * message may show up to four escaped strings. */
static inline const char *esc(const char *s, size_t n) {
    static char bufs[4][4096];
    static unsigned next;
    char *buf = bufs[next++ % 4];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 8 < sizeof bufs[0]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '"') {
            buf[o++] = '\\';
            buf[o++] = (char)c;
        } else if (c == '\n') {
            buf[o++] = '\\';
            buf[o++] = 'n';
        } else if (c < 0x20 || c >= 0x7F) {
            o += (size_t)snprintf(buf + o, 8, "\\x%02X", c);
        } else {
            buf[o++] = (char)c;
        }
    }
    buf[o] = '\0';
    return buf;
}

static inline fm_doc *parse_n(const char *s, size_t n) {
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_doc *doc = fm_doc_parse(s, n, 0, &err);
    ck_assert_msg(doc != NULL, "parse failed at %u:%u: %s: \"%s\"", err.line, err.column,
                  err.message, esc(s, n));
    return doc;
}

/* Runs an edit that must succeed; `err` must be in scope. */
#define EDIT_OK(call)                                                                    \
    do {                                                                                 \
        memset(&err, 0, sizeof err);                                                     \
        int rc_ = (call);                                                                \
        ck_assert_msg(rc_ == 0, "line %d: %s failed: %s: %s", __LINE__, #call,           \
                      fm_code_name(err.code), err.message);                              \
    } while (0)

/* Runs an edit that must fail with `want_code` and leave doc's text as it was;
 * `err` must be in scope. */
#define EDIT_FAILS(doc, call, want_code)                                                 \
    do {                                                                                 \
        size_t before_len_;                                                              \
        const char *before_ = fm_doc_text(doc, &before_len_);                            \
        char *copy_ = malloc(before_len_ + 1);                                           \
        memcpy(copy_, before_, before_len_);                                             \
        memset(&err, 0, sizeof err);                                                     \
        int rc_ = (call);                                                                \
        ck_assert_msg(rc_ == -1, "line %d: %s returned %d", __LINE__, #call, rc_);       \
        ck_assert_msg(err.code == (want_code), "line %d: %s: code %s, expected %s (%s)", \
                      __LINE__, #call, fm_code_name(err.code), fm_code_name(want_code),  \
                      err.message);                                                      \
        ck_assert_msg(err.message[0] != '\0', "line %d: empty message", __LINE__);       \
        size_t after_len_;                                                               \
        const char *after_ = fm_doc_text(doc, &after_len_);                              \
        ck_assert_msg(after_len_ == before_len_ &&                                       \
                          memcmp(after_, copy_, before_len_) == 0,                       \
                      "line %d: %s changed the document", __LINE__, #call);              \
        free(copy_);                                                                     \
    } while (0)

/* The document's text, from fm_doc_text and from fm_doc_emit, is `expect`. */
#define ASSERT_EMITS(doc, expect) assert_emits(__LINE__, doc, expect, strlen(expect))

static inline void assert_emits(int line, const fm_doc *doc, const char *expect, size_t n) {
    fm_error err;
    size_t len = 0;
    char *out = fm_doc_emit(doc, &len, &err);
    ck_assert_msg(out != NULL, "line %d: fm_doc_emit: %s", line, err.message);
    ck_assert_msg(len == n && memcmp(out, expect, n) == 0,
                  "line %d: emitted\n  \"%s\"\nexpected\n  \"%s\"", line, esc(out, len),
                  esc(expect, n));
    ck_assert_msg(out[len] == '\0', "line %d: emitted text is not NUL-terminated", line);
    size_t tlen;
    const char *text = fm_doc_text(doc, &tlen);
    ck_assert(tlen == len && memcmp(text, out, len) == 0);
    fm_free(out);
}


/* A copy of s with its only occurrence of `from` replaced by `to` (release
 * with free). */
static inline char *with_replaced(const char *s, const char *from, const char *to) {
    const char *at = strstr(s, from);
    ck_assert_msg(at != NULL, "\"%s\" not found", esc(from, strlen(from)));
    ck_assert_msg(strstr(at + 1, from) == NULL, "\"%s\" occurs twice",
                  esc(from, strlen(from)));
    size_t head = (size_t)(at - s), fl = strlen(from), tl = strlen(to);
    size_t tail = strlen(at + fl);
    char *out = malloc(head + tl + tail + 1);
    memcpy(out, s, head);
    memcpy(out + head, to, tl);
    memcpy(out + head + tl, at + fl, tail + 1);
    return out;
}

#endif
