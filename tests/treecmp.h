/* SPDX-License-Identifier: MIT */
/* treecmp.h - compares two value trees field by field (type, style, span,
 * text, tag, anchor, alias, typed value, keys, children), and a parse with
 * the fast path against one through libyaml, for check_fast and the fuzzer. */
#ifndef FM_TREECMP_H
#define FM_TREECMP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fmatter.h"

/* Deeper than any tree a parse can build (max_depth is at most 256 in the
 * tests), so the bound only stops a runaway comparison. */
#define FM_TREECMP_MAX_DEPTH 300

static int fm_treecmp_fail(char *why, size_t cap, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fm_treecmp_fail(char *why, size_t cap, const char *path, const char *fmt,
                           ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(why, cap, "at %s: %s", path[0] ? path : "(root)", msg);
    return 1;
}

static int fm_treecmp_str(const char *a, const char *b) {
    if (!a || !b)
        return a != b;
    return strcmp(a, b) != 0;
}

/* The typed content of a scalar: getters of every type must agree. */
static int fm_treecmp_typed(const fm_value *a, const fm_value *b, char *why, size_t cap,
                            const char *path) {
    double fa = fm_value_float(a, 0.5), fb = fm_value_float(b, 0.5);
    if (fm_value_bool(a) != fm_value_bool(b))
        return fm_treecmp_fail(why, cap, path, "bool differs");
    if (fm_value_int(a, -7) != fm_value_int(b, -7))
        return fm_treecmp_fail(why, cap, path, "int differs");
    if (memcmp(&fa, &fb, sizeof fa) != 0)
        return fm_treecmp_fail(why, cap, path, "float differs");
    const fm_datetime *da = fm_value_datetime(a), *db = fm_value_datetime(b);
    if (!da != !db)
        return fm_treecmp_fail(why, cap, path, "timestamp presence differs");
    if (da && (da->year != db->year || da->month != db->month || da->day != db->day ||
               da->hour != db->hour || da->minute != db->minute ||
               da->second != db->second || da->nanosecond != db->nanosecond ||
               da->utc_offset != db->utc_offset || da->flags != db->flags))
        return fm_treecmp_fail(why, cap, path, "timestamp differs");
    return 0;
}

/* Fields that are not public; compared when the includer sees private.h. */
static int fm_treecmp_private(const fm_value *a, const fm_value *b, char *why, size_t cap,
                              const char *path) {
#ifdef FM_PRIVATE_H
    if (a->weight != b->weight || a->flags != b->flags || a->count != b->count ||
        a->cap != b->cap || a->text_len != b->text_len)
        return fm_treecmp_fail(why, cap, path, "weight/flags/count/cap/text_len differ");
    if (a->type != FM_SEQUENCE && a->type != FM_MAPPING &&
        memcmp(&a->u, &b->u, sizeof a->u) != 0)
        return fm_treecmp_fail(why, cap, path, "scalar union differs");
    if (a->type != FM_SEQUENCE && a->type != FM_MAPPING && !a->text != !b->text)
        return fm_treecmp_fail(why, cap, path, "text presence differs");
#else
    (void)a, (void)b, (void)why, (void)cap, (void)path;
#endif
    return 0;
}

static int fm_treecmp_node(const fm_value *a, const fm_value *b, char *why, size_t cap,
                           const char *path, int depth);

static int fm_treecmp_kids(const fm_value *a, const fm_value *b, char *why, size_t cap,
                           const char *path, int depth) {
    size_t n = fm_value_size(a);
    for (size_t i = 0; i < n; i++) {
        char sub[512];
        if (fm_value_type(a) == FM_MAPPING) {
            snprintf(sub, sizeof sub, "%s/key%zu", path, i);
            if (fm_treecmp_node(fm_value_key_at(a, i), fm_value_key_at(b, i), why, cap,
                                sub, depth + 1))
                return 1;
            size_t la, lb;
            const char *ka = fm_value_key_text(a, i, &la),
                       *kb = fm_value_key_text(b, i, &lb);
            if (la != lb || memcmp(ka, kb, la) != 0)
                return fm_treecmp_fail(why, cap, sub, "key text differs");
        }
        snprintf(sub, sizeof sub, "%s/%zu", path, i);
        if (fm_treecmp_node(fm_value_at(a, i), fm_value_at(b, i), why, cap, sub,
                            depth + 1))
            return 1;
    }
    return 0;
}

static int fm_treecmp_node(const fm_value *a, const fm_value *b, char *why, size_t cap,
                           const char *path, int depth) {
    if (!a || !b)
        return a != b ? fm_treecmp_fail(why, cap, path, "one node is missing") : 0;
    if (depth > FM_TREECMP_MAX_DEPTH)
        return fm_treecmp_fail(why, cap, path, "deeper than %d", FM_TREECMP_MAX_DEPTH);
    if (fm_value_type(a) != fm_value_type(b))
        return fm_treecmp_fail(why, cap, path, "type %s vs %s",
                               fm_type_name(fm_value_type(a)),
                               fm_type_name(fm_value_type(b)));
    if (fm_value_style(a) != fm_value_style(b))
        return fm_treecmp_fail(why, cap, path, "style %d vs %d", (int)fm_value_style(a),
                               (int)fm_value_style(b));
    fm_span sa = fm_value_span(a), sb = fm_value_span(b);
    if (sa.offset != sb.offset || sa.length != sb.length || sa.line != sb.line ||
        sa.column != sb.column || sa.end_line != sb.end_line ||
        sa.end_column != sb.end_column)
        return fm_treecmp_fail(
            why, cap, path, "span %zu+%zu %u:%u-%u:%u vs %zu+%zu %u:%u-%u:%u", sa.offset,
            sa.length, sa.line, sa.column, sa.end_line, sa.end_column, sb.offset,
            sb.length, sb.line, sb.column, sb.end_line, sb.end_column);
    size_t la = 0, lb = 0;
    const char *ta = fm_value_text(a, &la), *tb = fm_value_text(b, &lb);
    if (!ta != !tb || la != lb || (ta && memcmp(ta, tb, la) != 0))
        return fm_treecmp_fail(why, cap, path, "text \"%.40s\" vs \"%.40s\"",
                               ta ? ta : "(null)", tb ? tb : "(null)");
    if (ta && (ta[la] != '\0' || tb[lb] != '\0'))
        return fm_treecmp_fail(why, cap, path, "text not NUL-terminated");
    if (fm_treecmp_str(fm_value_tag(a), fm_value_tag(b)))
        return fm_treecmp_fail(why, cap, path, "tag differs");
    if (fm_treecmp_str(fm_value_anchor(a), fm_value_anchor(b)))
        return fm_treecmp_fail(why, cap, path, "anchor differs");
    if (fm_value_is_alias(a) != fm_value_is_alias(b))
        return fm_treecmp_fail(why, cap, path, "alias flag differs");
    if (fm_value_size(a) != fm_value_size(b))
        return fm_treecmp_fail(why, cap, path, "size %zu vs %zu", fm_value_size(a),
                               fm_value_size(b));
    if (fm_treecmp_typed(a, b, why, cap, path) ||
        fm_treecmp_private(a, b, why, cap, path))
        return 1;
    return fm_treecmp_kids(a, b, why, cap, path, depth);
}

/* 0 when the trees are identical, else 1 with the first difference in why. */
static inline int fm_tree_diff(const fm_value *a, const fm_value *b, char *why,
                               size_t cap) {
    return fm_treecmp_node(a, b, why, cap, "", 0);
}

/* 0 when the two documents' parts are the same (the same offsets in
 * texts a and b), else 1 with the first difference in why. */
static inline int fm_parts_diff(const fm_doc *da, const fm_doc *db, char *why, size_t cap) {
    const fm_parts *a = fm_doc_parts(da), *b = fm_doc_parts(db);
    const char *ta = fm_doc_text(da, NULL), *tb = fm_doc_text(db, NULL);
    const char *pa[] = {a->lead, a->open_fence, a->front, a->close_fence, a->body};
    const char *pb[] = {b->lead, b->open_fence, b->front, b->close_fence, b->body};
    size_t la[] = {a->lead_len, a->open_fence_len, a->front_len, a->close_fence_len,
                   a->body_len, a->bom_len, a->front_line, a->body_line, (size_t)a->crlf,
                   (size_t)a->format};
    size_t lb[] = {b->lead_len, b->open_fence_len, b->front_len, b->close_fence_len,
                   b->body_len, b->bom_len, b->front_line, b->body_line, (size_t)b->crlf,
                   (size_t)b->format};
    static const char *const names[] = {"lead", "open_fence", "front", "close_fence",
                                        "body", "bom_len", "front_line", "body_line",
                                        "crlf", "format"};
    for (size_t i = 0; i < 10; i++) {
        if (i < 5 && pa[i] - ta != pb[i] - tb) {
            snprintf(why, cap, "parts: %s at %td vs %td", names[i], pa[i] - ta, pb[i] - tb);
            return 1;
        }
        if (la[i] != lb[i]) {
            snprintf(why, cap, "parts: %s%s %zu vs %zu", names[i], i < 5 ? "_len" : "",
                     la[i], lb[i]);
            return 1;
        }
    }
    return 0;
}

/* True when two splits of the same text have the same parts, pointer for
 * pointer. */
static inline int fm_parts_same(const fm_parts *p, const fm_parts *w) {
    return p->format == w->format && p->bom_len == w->bom_len && p->lead == w->lead &&
           p->lead_len == w->lead_len && p->open_fence == w->open_fence &&
           p->open_fence_len == w->open_fence_len && p->front == w->front &&
           p->front_len == w->front_len && p->close_fence == w->close_fence &&
           p->close_fence_len == w->close_fence_len && p->body == w->body &&
           p->body_len == w->body_len && p->front_line == w->front_line &&
           p->body_line == w->body_line && p->crlf == w->crlf;
}

/* Parses s[0..len) with cfg as given and again with FM_OPT_NO_FAST_PATH.
 * Returns 0 when both fail identically or both load identical parts and
 * trees, 1 with the difference in why. *loaded (may be NULL) says whether
 * they loaded. */
static inline int fm_parse_diff(const char *s, size_t len, const fm_config *cfg,
                                int *loaded, char *why, size_t cap) {
    fm_config slow = *cfg;
    slow.options |= FM_OPT_NO_FAST_PATH;
    fm_error ea, eb;
    memset(&ea, 0, sizeof ea);
    memset(&eb, 0, sizeof eb);
    fm_doc *a = fm_doc_parse_config(s, len, cfg, &ea);
    fm_doc *b = fm_doc_parse_config(s, len, &slow, &eb);
    int rc = 0;
    if (!a != !b) {
        snprintf(why, cap, "fast path %s, libyaml %s: %s", a ? "loaded" : "failed",
                 b ? "loaded" : "failed", a ? eb.message : ea.message);
        rc = 1;
    } else if (!a) {
        if (ea.code != eb.code || ea.line != eb.line || ea.column != eb.column ||
            ea.offset != eb.offset || strcmp(ea.message, eb.message) != 0) {
            snprintf(why, cap,
                     "errors differ: %s %u:%u@%zu \"%s\" vs %s %u:%u@%zu \"%s\"",
                     fm_code_name(ea.code), ea.line, ea.column, ea.offset, ea.message,
                     fm_code_name(eb.code), eb.line, eb.column, eb.offset, eb.message);
            rc = 1;
        }
    } else {
        rc = fm_parts_diff(a, b, why, cap) ||
             fm_tree_diff(fm_doc_root(a), fm_doc_root(b), why, cap);
    }
    if (loaded)
        *loaded = a != NULL && b != NULL;
    fm_doc_free(a);
    fm_doc_free(b);
    return rc;
}

#endif
