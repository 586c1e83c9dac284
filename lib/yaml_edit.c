/* SPDX-License-Identifier: MIT */
/* yaml_edit.c - edits in YAML (and JSON) syntax: the bytes a change must
 * replace (a scalar, the value after a colon, a key's lines, a flow pair) and
 * the new text in the block's own style; edit.c runs and checks them. */
#include "private.h"

#include <string.h>

#define NONE ((size_t)-1)

/* ===================================================================== */
/* Positions in the text                                                 */
/* ===================================================================== */

/* Just past the YAML break (fmp_yaml_break_len's) ending the line that
 * holds pos. */
static size_t after_break(const char *t, size_t len, size_t pos) {
    const unsigned char *u = (const unsigned char *)t;
    size_t nl = fmp_after_line(t, len, pos);
    for (size_t i = pos; i < nl; i++) {
        size_t n = fmp_yaml_break_len(u + i, u + len);
        if (n)
            return i + n;
    }
    return nl;
}

/* Whether the bytes before pos are a YAML break. */
static bool follows_break(const char *t, size_t pos) {
    const unsigned char *u = (const unsigned char *)t;
    for (size_t n = 1; n <= 3 && n <= pos; n++)
        if (fmp_yaml_break_len(u + pos - n, u + pos) == n)
            return true;
    return false;
}

/* The start of the line holding byte pos (after any YAML break). */
static size_t start_of_line(const char *t, size_t pos) {
    while (pos > 0 && !follows_break(t, pos))
        pos--;
    return pos;
}

static bool blanks_before(const char *t, size_t pos) {
    for (size_t i = start_of_line(t, pos); i < pos; i++)
        if (t[i] != ' ' && t[i] != '\t')
            return false;
    return true;
}

/* The ':' after a key, or NONE. */
static size_t colon_after(const char *t, size_t len, const fm_value *key) {
    for (size_t i = key->end; i < len; i++) {
        if (t[i] == ':')
            return i;
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r' && t[i] != '\n')
            return NONE;
    }
    return NONE;
}

FMP_HOT static bool is_collection(const fm_value *v) {
    return v->type == FM_SEQUENCE || v->type == FM_MAPPING;
}

FMP_HOT static bool is_block_collection(const fm_value *v) {
    return is_collection(v) && v->style == FM_STYLE_BLOCK && v->count > 0 &&
           !(v->flags & FMP_ALIAS);
}

FMP_HOT static bool is_block_scalar(const fm_value *v) {
    return !is_collection(v) && !(v->flags & FMP_ALIAS) &&
           (v->style == FM_STYLE_LITERAL || v->style == FM_STYLE_FOLDED);
}

FMP_HOT static bool is_empty_plain(const fm_value *v) {
    return v->type == FM_NULL && v->text_len == 0 && v->style == FM_STYLE_PLAIN;
}

/* Where a value's own text ends: the last character of its last leaf.
 * *at_line_start is set when that end is the start of the next line (a
 * block scalar owns its line breaks). */
static size_t content_end(const char *t, size_t len, const fm_value *v, bool *at_line_start) {
    *at_line_start = false;
    while (is_block_collection(v)) {
        if (v->type == FM_SEQUENCE) {
            v = v->u.items[v->count - 1];
            continue;
        }
        const fm_value *k = fmp_map_key(v, v->count - 1);
        v = fmp_map_val(v, v->count - 1);
        if (is_empty_plain(v)) {
            size_t c = colon_after(t, len, k);
            return c == NONE ? k->end : c + 1;
        }
    }
    if (is_block_scalar(v)) {
        *at_line_start = true;
        return v->end;
    }
    return v->end;
}

/* Just past the line(s) of a value: where a following sibling starts. */
static size_t entry_end(const char *t, size_t len, const fm_value *v) {
    bool at_line_start;
    size_t ce = content_end(t, len, v, &at_line_start);
    return at_line_start ? ce : after_break(t, len, ce);
}

/* ===================================================================== */
/* Rendering replacements                                                */
/* ===================================================================== */

/* The style a new value should keep from the node it replaces. */
FMP_HOT static fm_style style_to_keep(const fm_value *n, bool safe) {
    if (safe)
        return FM_STYLE_DOUBLE_QUOTED;
    if (n->type == FM_STRING || is_block_scalar(n))
        return (fm_style)n->style;
    return is_collection(n) ? FM_STYLE_ANY : FM_STYLE_PLAIN;
}

/* The quoting of a list's items: its first string item's, else the habit. */
static fm_style item_style_of(const fm_value *n, const fmp_habits *h, bool safe) {
    if (safe)
        return FM_STYLE_DOUBLE_QUOTED;
    if (n->type == FM_SEQUENCE)
        for (size_t i = 0; i < n->count; i++)
            if (n->u.items[i]->type == FM_STRING)
                return (fm_style)n->u.items[i]->style;
    return h->item_style;
}

FMP_HOT static void write_anchor(fmp_buf *b, const fm_value *n, bool before_value) {
    const char *a = fm_value_anchor(n);
    if (!a)
        return;
    if (!before_value)
        fmp_buf_putc(b, ' ');
    fmp_buf_putc(b, '&');
    fmp_buf_puts(b, a);
    if (before_value)
        fmp_buf_putc(b, ' ');
}

/* Will a mapping value be written in block form? */
FMP_HOT static bool wants_block(const fm_value *n, const fm_value *v,
                                const fmp_habits *h) {
    if (!is_collection(v) || v->count == 0)
        return false;
    if (n && is_collection(n) && n->type == v->type && !(n->flags & FMP_ALIAS))
        return n->style == FM_STYLE_BLOCK;
    return v->type == FM_MAPPING || !h->flow_lists;
}

/* A value in a flow collection, or anywhere in JSON (ctx FMP_CTX_FLOW), or a
 * one-line value of a block mapping (FMP_CTX_BLOCK): [start, end) exact. */
FMP_HOT static int plan_in_place(const fm_value *n, const fm_value *v, bool safe,
                                 const fmp_habits *h, fmp_ctx ctx, fmp_plan *p) {
    p->start = n->start;
    p->end = n->end;
    write_anchor(&p->text, n, true);
    if (is_collection(v))
        return fmp_render_flow(&p->text, v, item_style_of(n, h, safe), h);
    p->rendered = ctx == FMP_CTX_BLOCK && v->type == FM_STRING && !h->json && !n->anchor;
    return fmp_render_scalar(&p->text, v, style_to_keep(n, safe), ctx, 0, h);
}

/* An item of a block sequence. */
static int plan_in_block_sequence(const char *t, size_t len, const fm_value *n,
                                  const fm_value *v, bool safe, const fmp_habits *h,
                                  fmp_plan *p) {
    bool nl;
    p->start = n->start;
    p->end = content_end(t, len, n, &nl);
    size_t col = n->column - 1;
    write_anchor(&p->text, n, true);
    int rc;
    if (v->type == FM_MAPPING && v->count > 0 && is_block_collection(n) &&
        n->type == FM_MAPPING)
        rc = fmp_render_block(&p->text, v, col, item_style_of(n, h, safe), h);
    else if (is_collection(v))
        rc = fmp_render_flow(&p->text, v, item_style_of(n, h, safe), h);
    else
        rc = fmp_render_scalar(&p->text, v, style_to_keep(n, safe), FMP_CTX_BLOCK, col, h);
    if (nl)
        fmp_buf_puts(&p->text, h->nl);
    return rc;
}

/* The value of pair `at` of a block mapping. */
FMP_HOT static int plan_in_block_mapping(const char *t, size_t len, const fm_value *map,
                                         size_t at, const fm_value *v, bool safe,
                                         const fmp_habits *h, fmp_plan *p) {
    const fm_value *key = fmp_map_key(map, at), *n = fmp_map_val(map, at);
    size_t col = key->column - 1;
    bool block = wants_block(n, v, h);
    bool literal = v->type == FM_STRING && memchr(v->text, '\n', v->text_len) && !safe;
    if (!block && !literal && !is_block_collection(n) && !is_block_scalar(n) &&
        !is_empty_plain(n))
        return plan_in_place(n, v, safe, h, FMP_CTX_BLOCK, p);
    size_t colon = colon_after(t, len, key);
    if (colon == NONE)
        return -1;
    bool nl;
    p->end = content_end(t, len, n, &nl);
    fm_style items = item_style_of(n, h, safe);
    int rc;
    if (block && is_block_collection(n) && n->type == v->type && !fm_value_anchor(n) &&
        !n->tag) {
        /* Same block form: keep everything before the first item. */
        p->start = n->start;
        rc = fmp_render_block(&p->text, v, n->column - 1, items, h);
    } else {
        p->start = colon + 1;
        write_anchor(&p->text, n, false);
        if (block) {
            size_t inner = col + (v->type == FM_SEQUENCE ? h->seq_indent : h->map_indent);
            if (is_block_collection(n) && n->type == v->type)
                inner = n->column - 1;
            fmp_buf_puts(&p->text, h->nl);
            fmp_buf_spaces(&p->text, inner);
            rc = fmp_render_block(&p->text, v, inner, items, h);
        } else {
            fmp_habits hh = *h;
            hh.item_style = items;
            rc = fmp_render_after_colon(&p->text, v, col, style_to_keep(n, safe), &hh);
        }
    }
    if (nl)
        fmp_buf_puts(&p->text, h->nl);
    return rc;
}

/* Replaces the value at loc->where with v. */
FMP_HOT static int plan_replace(const fm_doc *doc, const fmp_habits *h,
                                const fmp_place *where, const fm_value *v, bool safe,
                                fmp_plan *p) {
    const char *t = doc->snap->text;
    size_t len = fmp_snap_held(doc->snap);
    const fm_value *in = where->in;
    const fm_value *n = in->type == FM_MAPPING ? fmp_map_val(in, where->at)
                                               : in->u.items[where->at];
    if (h->json || in->style == FM_STYLE_FLOW)
        return plan_in_place(n, v, safe, h, FMP_CTX_FLOW, p);
    if (in->type == FM_SEQUENCE)
        return plan_in_block_sequence(t, len, n, v, safe, h, p);
    return plan_in_block_mapping(t, len, in, where->at, v, safe, h, p);
}

/* ===================================================================== */
/* Inserting keys                                                        */
/* ===================================================================== */

static int render_pair(fmp_buf *b, const char *key, size_t klen, const fm_value *v,
                       size_t col, bool safe, bool flow, const fmp_habits *h) {
    fmp_render_key(b, key, klen, FM_STYLE_ANY, h);
    if (flow) {
        fmp_buf_puts(b, ": ");
        return is_collection(v)
                   ? fmp_render_flow(b, v, safe ? FM_STYLE_DOUBLE_QUOTED : h->item_style, h)
                   : fmp_render_scalar(b, v, safe ? FM_STYLE_DOUBLE_QUOTED : FM_STYLE_ANY,
                                       FMP_CTX_FLOW, 0, h);
    }
    fmp_buf_putc(b, ':');
    fmp_habits hh = *h;
    if (safe)
        hh.item_style = hh.string_style = FM_STYLE_DOUBLE_QUOTED;
    return fmp_render_after_colon(b, v, col, FM_STYLE_ANY, &hh);
}

/* A new pair after pair `after` (NONE: at the end) of a flow mapping. */
static int plan_insert_flow(const fm_value *map, size_t after, const char *key, size_t klen,
                            const fm_value *v, bool safe, const fmp_habits *h, fmp_plan *p) {
    bool multiline = map->line != map->end_line;
    if (map->count == 0) {
        p->start = p->end = map->start + 1;
        if (multiline) {
            fmp_buf_puts(&p->text, h->nl);
            fmp_buf_spaces(&p->text, map->column - 1 + 2);
        }
        return render_pair(&p->text, key, klen, v, 0, safe, true, h);
    }
    size_t i = after == NONE ? map->count - 1 : after;
    p->start = p->end = fmp_map_val(map, i)->end;
    fmp_buf_putc(&p->text, ',');
    if (multiline) {
        fmp_buf_puts(&p->text, h->nl);
        fmp_buf_spaces(&p->text, fmp_map_key(map, 0)->column - 1);
    } else {
        fmp_buf_putc(&p->text, ' ');
    }
    return render_pair(&p->text, key, klen, v, 0, safe, true, h);
}

static int plan_insert(const fm_doc *doc, const fmp_habits *h, const fm_value *map,
                       size_t after, const char *key, size_t klen, const fm_value *v,
                       bool safe, fmp_plan *p) {
    const fmp_snap *s = doc->snap;
    if (h->json || map->style == FM_STYLE_FLOW)
        return plan_insert_flow(map, after, key, klen, v, safe, h, p);
    /* A block mapping starts at its first key's indicator: its column is
     * the keys' indent even when that key is complex (`? [a, b]`). */
    size_t col = map->count ? map->column - 1 : 0;
    if (map->count == 0)
        p->start = (size_t)(s->parts.front - s->text) + s->parts.front_len;
    else
        p->start = entry_end(s->text, fmp_snap_held(s),
                             fmp_map_val(map, after == NONE ? map->count - 1 : after));
    p->end = p->start;
    if (p->start > 0 && !follows_break(s->text, p->start))
        fmp_buf_puts(&p->text, h->nl); /* the block's last line had no break */
    fmp_buf_spaces(&p->text, col);
    int rc = render_pair(&p->text, key, klen, v, col, safe, false, h);
    fmp_buf_puts(&p->text, h->nl);
    return rc;
}

/* A document without front matter gets a new block before its body. */
static int plan_new_front_matter(const fm_doc *doc, const fmp_habits *h, const char *key,
                                 size_t klen, const fm_value *v, bool safe, fmp_plan *p) {
    p->start = p->end = doc->snap->parts.bom_len;
    fmp_buf_puts(&p->text, "---");
    fmp_buf_puts(&p->text, h->nl);
    int rc = render_pair(&p->text, key, klen, v, 0, safe, false, h);
    fmp_buf_puts(&p->text, h->nl);
    fmp_buf_puts(&p->text, "---");
    fmp_buf_puts(&p->text, h->nl);
    return rc;
}

/* ===================================================================== */
/* Restoring, removing, renaming                                         */
/* ===================================================================== */

static bool is_block_kind(const fm_value *v) {
    return is_block_collection(v) || is_block_scalar(v) || is_empty_plain(v);
}

/* Back to the value as loaded: its original bytes. In block mappings the
 * whole rest of the entry (after the colon, to the end of its lines) is
 * restored, so block scalars and trailing comments come back too; elsewhere
 * the exact spans of single-span values. 1 when it does not apply. */
static int yaml_restore(const fm_doc *doc, const fmp_place *where, const fmp_place *from,
                        fmp_plan *p) {
    const fmp_snap *cur = doc->snap, *orig = doc->orig;
    const fm_value *n = fmp_place_value(where), *o = fmp_place_value(from);
    const fm_value *in = where->in, *oin = from->in;
    bool block_map = in->type == FM_MAPPING && in->style == FM_STYLE_BLOCK &&
                     oin->type == FM_MAPPING && oin->style == FM_STYLE_BLOCK;
    if (block_map && cur->parts.format == FM_FORMAT_YAML) {
        size_t c = colon_after(cur->text, fmp_snap_held(cur), fmp_map_key(in, where->at));
        size_t oc = colon_after(orig->text, fmp_snap_held(orig), fmp_map_key(oin, from->at));
        if (c == NONE || oc == NONE)
            return 1;
        p->start = c + 1;
        p->end = entry_end(cur->text, fmp_snap_held(cur), n);
        size_t oend = entry_end(orig->text, fmp_snap_held(orig), o);
        fmp_buf_put(&p->text, orig->text + oc + 1, oend - (oc + 1));
        return 0;
    }
    if (is_block_kind(n) || is_block_kind(o))
        return 1;
    p->start = n->start;
    p->end = n->end;
    fmp_buf_put(&p->text, orig->text + o->start, o->end - o->start);
    return 0;
}

/* Removes a block pair or item by its lines; 1 when its layout is unusual. */
static int plan_remove_block(const char *t, size_t len, const fm_value *in, size_t at,
                             fmp_plan *p) {
    const fm_value *n = in->type == FM_MAPPING ? fmp_map_val(in, at) : in->u.items[at];
    size_t first = in->type == FM_MAPPING ? fmp_map_key(in, at)->start : n->start;
    if (in->type == FM_SEQUENCE) {
        while (first > 0 && (t[first - 1] == ' ' || t[first - 1] == '\t'))
            first--;
        if (first == 0 || t[first - 1] != '-')
            return 1;
        first--;
    }
    if (!blanks_before(t, first))
        return 1;
    p->start = start_of_line(t, first);
    p->end = entry_end(t, len, n);
    return 0;
}

/* Plans removing entry `where` by its lines or its flow pair; 1 when the
 * layout is unusual or the entry is the only one of a nested container (the
 * caller then rewrites the container instead). */
static int yaml_remove(const fm_doc *doc, const fmp_place *where, fmp_plan *p) {
    const fm_value *in = where->in;
    if (doc->snap->parts.format == FM_FORMAT_JSON || in->style == FM_STYLE_FLOW) {
        fmp_plan_remove_flow(in, where->at, p);
        return 0;
    }
    bool only = in->count == 1 && in != doc->snap->root;
    if (!only && plan_remove_block(doc->snap->text, fmp_snap_held(doc->snap), in, where->at, p) == 0)
        return 0;
    return 1;
}

static int yaml_rename(const fm_doc *doc, const fmp_place *where, const char *key,
                       size_t klen, bool safe, fmp_plan *p) {
    fmp_habits h;
    fmp_habits_detect(doc->snap, &h);
    const fm_value *k = fmp_map_key(where->in, where->at);
    p->start = k->start;
    p->end = k->end;
    fm_style want = safe                        ? FM_STYLE_DOUBLE_QUOTED
                    : k->style == FM_STYLE_PLAIN ? FM_STYLE_ANY
                                                 : (fm_style)k->style;
    fmp_render_key(&p->text, key, klen, want, &h);
    return 0;
}

/* ===================================================================== */
/* The syntax                                                            */
/* ===================================================================== */

/* A one-line scalar for a scalar that is neither a block scalar nor an
 * empty value: written where the old one stands, in its style or quoted,
 * with no indent, list form or new-string style (fmp_habits_lazy). */
FMP_HOT static bool scalar_for_scalar(const fm_value *n, const fm_value *v) {
    return !is_collection(v) && !is_collection(n) && !is_block_scalar(n) &&
           !is_empty_plain(n) && !(v->type == FM_STRING && memchr(v->text, '\n', v->text_len));
}

FMP_HOT static int yaml_replace(const fm_doc *doc, const fmp_place *where,
                                const fm_value *v, bool safe, fmp_plan *p) {
    const fm_value *in = where->in;
    const fm_value *n = in->type == FM_MAPPING ? fmp_map_val(in, where->at)
                                               : in->u.items[where->at];
    fmp_habits h;
    if (!scalar_for_scalar(n, v)) {
        fmp_habits_detect(doc->snap, &h);
        return plan_replace(doc, &h, where, v, safe, p);
    }
    fmp_habits_lazy(doc->snap, &h);
    /* In a block mapping: plan_in_block_mapping's first case (no block form
     * is wanted, no line break asks for a literal block). */
    if (!h.json && in->type == FM_MAPPING && in->style != FM_STYLE_FLOW)
        return plan_in_place(n, v, safe, &h, FMP_CTX_BLOCK, p);
    return plan_replace(doc, &h, where, v, safe, p);
}

static int yaml_insert(const fm_doc *doc, const fm_value *map, size_t after, const char *key,
                       size_t klen, const fm_value *v, bool safe, fmp_plan *p) {
    fmp_habits h;
    fmp_habits_detect(doc->snap, &h);
    if (doc->snap->parts.format == FM_FORMAT_NONE)
        return plan_new_front_matter(doc, &h, key, klen, v, safe, p);
    return plan_insert(doc, &h, map, after, key, klen, v, safe, p);
}

/* ===================================================================== */
/* What YAML cannot hold                                                 */
/* ===================================================================== */

FMP_HOT static bool has_time_of_day(const fm_value *v) {
    if (v->type == FM_TIMESTAMP)
        return (v->u.dt.flags & FM_DT_NO_DATE) != 0;
    size_t n = v->type == FM_MAPPING ? 2 * v->count : v->type == FM_SEQUENCE ? v->count : 0;
    for (size_t i = 0; i < n; i++)
        if (has_time_of_day(v->u.items[i]))
            return true;
    return false;
}

/* A TOML time of day (07:32:00) has no YAML timestamp; JSON writes every
 * date-time as a string, that one too. */
FMP_HOT static const char *yaml_cannot_hold(const fm_doc *doc, const fm_value *v) {
    if (doc->snap->parts.format != FM_FORMAT_JSON && has_time_of_day(v))
        return "a time of day without a date cannot be written in YAML";
    return NULL;
}

const fmp_syntax fmp_yaml_syntax = {yaml_replace, yaml_restore, yaml_insert, yaml_remove,
                                    yaml_rename, yaml_cannot_hold};
