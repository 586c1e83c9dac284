/* SPDX-License-Identifier: MIT */
/* edit.c - plans edits: finds what a path names, works out the bytes a change
 * must replace (a scalar, the value after a colon, a key's lines) and renders
 * the new text in the block's own style; splice.c commits each candidate. */
#include "private.h"

#include <string.h>

#define NONE ((size_t)-1)

/* ===================================================================== */
/* Locating                                                              */
/* ===================================================================== */

/* Where a value sits: item or pair `at` of container `in` (in NULL: root). */
typedef struct place {
    const fm_value *in;
    size_t at;
} place;

typedef struct location {
    const fm_value *node; /* the value at the path, or the deepest one reached */
    place where;          /* node's place */
    place up;             /* the place of node's container */
    const char *rest;     /* NULL when found; else the part of the path not found */
} location;

static void locate(const fm_value *root, const char *path, location *loc) {
    memset(loc, 0, sizeof *loc);
    loc->node = root;
    const char *p = path;
    size_t rest = strlen(path);
    for (;;) {
        size_t used, at;
        const fm_value *next = fmp_path_step(loc->node, p, rest, &used, &at);
        if (!next) {
            loc->rest = p;
            return;
        }
        loc->up = loc->where;
        loc->where = (place){loc->node, at};
        loc->node = next;
        if (used == rest)
            return;
        p += used + 1;
        rest -= used + 1;
    }
}

/* ===================================================================== */
/* Positions in the text                                                 */
/* ===================================================================== */

static size_t line_start(const char *t, size_t pos) {
    while (pos > 0 && t[pos - 1] != '\n')
        pos--;
    return pos;
}

static size_t after_line(const char *t, size_t len, size_t pos) {
    const char *nl = memchr(t + pos, '\n', len - pos);
    return nl ? (size_t)(nl - t) + 1 : len;
}

static bool blanks_before(const char *t, size_t pos) {
    for (size_t i = line_start(t, pos); i < pos; i++)
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

static bool is_collection(const fm_value *v) {
    return v->type == FM_SEQUENCE || v->type == FM_MAPPING;
}

static bool is_block_collection(const fm_value *v) {
    return is_collection(v) && v->style == FM_STYLE_BLOCK && v->count > 0 &&
           !(v->flags & FMP_ALIAS);
}

static bool is_block_scalar(const fm_value *v) {
    return !is_collection(v) && !(v->flags & FMP_ALIAS) &&
           (v->style == FM_STYLE_LITERAL || v->style == FM_STYLE_FOLDED);
}

static bool is_empty_plain(const fm_value *v) {
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
    return at_line_start ? ce : after_line(t, len, ce);
}

/* ===================================================================== */
/* Rendering replacements                                                */
/* ===================================================================== */

typedef struct plan {
    size_t start, end;
    fmp_buf text;
} plan;

/* The style a new value should keep from the node it replaces. */
static fm_style style_to_keep(const fm_value *n, bool safe) {
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

static void write_anchor(fmp_buf *b, const fm_value *n, bool before_value) {
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
static bool wants_block(const fm_value *n, const fm_value *v, const fmp_habits *h) {
    if (!is_collection(v) || v->count == 0)
        return false;
    if (n && is_collection(n) && n->type == v->type && !(n->flags & FMP_ALIAS))
        return n->style == FM_STYLE_BLOCK;
    return v->type == FM_MAPPING || !h->flow_lists;
}

/* A value in a flow collection, or anywhere in JSON: [start, end) exact. */
static int plan_in_flow(const fm_value *n, const fm_value *v, bool safe, const fmp_habits *h,
                        plan *p) {
    p->start = n->start;
    p->end = n->end;
    write_anchor(&p->text, n, true);
    if (is_collection(v))
        return fmp_render_flow(&p->text, v, item_style_of(n, h, safe), h);
    return fmp_render_scalar(&p->text, v, style_to_keep(n, safe), FMP_CTX_FLOW, 0, h);
}

/* An item of a block sequence. */
static int plan_in_block_sequence(const char *t, size_t len, const fm_value *n,
                                  const fm_value *v, bool safe, const fmp_habits *h,
                                  plan *p) {
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
static int plan_in_block_mapping(const char *t, size_t len, const fm_value *map, size_t at,
                                 const fm_value *v, bool safe, const fmp_habits *h,
                                 plan *p) {
    const fm_value *key = fmp_map_key(map, at), *n = fmp_map_val(map, at);
    size_t col = key->column - 1;
    bool block = wants_block(n, v, h);
    bool literal = v->type == FM_STRING && memchr(v->text, '\n', v->text_len) && !safe;
    if (!block && !literal && !is_block_collection(n) && !is_block_scalar(n) &&
        !is_empty_plain(n))
        return plan_in_flow(n, v, safe, h, p);
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
static int plan_replace(const fm_doc *doc, const fmp_habits *h, const place *where,
                        const fm_value *v, bool safe, plan *p) {
    const char *t = doc->snap->text;
    size_t len = doc->snap->len;
    const fm_value *in = where->in;
    const fm_value *n = in->type == FM_MAPPING ? fmp_map_val(in, where->at)
                                               : in->u.items[where->at];
    if (h->json || in->style == FM_STYLE_FLOW)
        return plan_in_flow(n, v, safe, h, p);
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
                            const fm_value *v, bool safe, const fmp_habits *h, plan *p) {
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
                       bool safe, plan *p) {
    const fmp_snap *s = doc->snap;
    if (h->json || map->style == FM_STYLE_FLOW)
        return plan_insert_flow(map, after, key, klen, v, safe, h, p);
    /* A block mapping starts at its first key's indicator: its column is
     * the keys' indent even when that key is complex (`? [a, b]`). */
    size_t col = map->count ? map->column - 1 : 0;
    if (map->count == 0)
        p->start = (size_t)(s->parts.front - s->text) + s->parts.front_len;
    else
        p->start = entry_end(s->text, s->len,
                             fmp_map_val(map, after == NONE ? map->count - 1 : after));
    p->end = p->start;
    if (p->start > 0 && s->text[p->start - 1] != '\n')
        fmp_buf_puts(&p->text, h->nl); /* the block's last line had no break */
    fmp_buf_spaces(&p->text, col);
    int rc = render_pair(&p->text, key, klen, v, col, safe, false, h);
    fmp_buf_puts(&p->text, h->nl);
    return rc;
}

/* A document without front matter gets a new block before its body. */
static int plan_new_front_matter(const fm_doc *doc, const fmp_habits *h, const char *key,
                                 size_t klen, const fm_value *v, bool safe, plan *p) {
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
/* Running candidates                                                    */
/* ===================================================================== */

typedef int (*planner)(const fm_doc *doc, const fmp_habits *h, const void *arg, bool safe,
                       plan *p);

/* Tries the document's own style, then the safest rendering; the first
 * that re-reads to what the check wants is committed. */
static int run(fm_doc *doc, planner fn, const void *arg, const fmp_check *c,
               fm_error *err) {
    fmp_habits h;
    fmp_habits_detect(doc->snap, &h);
    for (int safe = 0; safe <= 1; safe++) {
        plan p;
        fmp_buf_init(&p.text, &doc->al);
        int rc = fn(doc, &h, arg, safe == 1, &p);
        if (rc == 0)
            rc = fmp_splice(doc, p.start, p.end, &p.text, c, err);
        else
            rc = 1;
        fmp_buf_free(&p.text);
        if (rc != 1)
            return rc;
    }
    return fmp_fail(err, FM_ERR_EMIT, "cannot write the edit of '%s' back faithfully",
                    c->path ? c->path : "body");
}

typedef struct replace_arg {
    place where;
    const fm_value *value;
    place orig; /* the same path in the document as loaded, holding an equal
                   value (orig.in NULL: none) */
} replace_arg;

static bool is_block_kind(const fm_value *v) {
    return is_block_collection(v) || is_block_scalar(v) || is_empty_plain(v);
}

static const fm_value *value_at(const place *p) {
    return p->in->type == FM_MAPPING ? fmp_map_val(p->in, p->at) : p->in->u.items[p->at];
}

/* Back to the value as loaded: its original bytes. In block mappings the
 * whole rest of the entry (after the colon, to the end of its lines) is
 * restored, so block scalars and trailing comments come back too; elsewhere
 * the exact spans of single-span values. 1 when it does not apply. */
static int plan_restore(const fm_doc *doc, const replace_arg *a, plan *p) {
    const fmp_snap *cur = doc->snap, *orig = doc->orig;
    const fm_value *n = value_at(&a->where), *o = value_at(&a->orig);
    const fm_value *in = a->where.in, *oin = a->orig.in;
    bool block_map = in->type == FM_MAPPING && in->style == FM_STYLE_BLOCK &&
                     oin->type == FM_MAPPING && oin->style == FM_STYLE_BLOCK;
    if (block_map && cur->parts.format == FM_FORMAT_YAML) {
        size_t c = colon_after(cur->text, cur->len, fmp_map_key(in, a->where.at));
        size_t oc = colon_after(orig->text, orig->len, fmp_map_key(oin, a->orig.at));
        if (c == NONE || oc == NONE)
            return 1;
        p->start = c + 1;
        p->end = entry_end(cur->text, cur->len, n);
        size_t oend = entry_end(orig->text, orig->len, o);
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

static int replace_planner(const fm_doc *doc, const fmp_habits *h, const void *arg,
                           bool safe, plan *p) {
    const replace_arg *a = arg;
    if (a->orig.in && !safe && plan_restore(doc, a, p) == 0)
        return 0;
    fmp_buf_free(&p->text);
    fmp_buf_init(&p->text, &doc->al);
    return plan_replace(doc, h, &a->where, a->value, safe, p);
}

/* The place of `path` in the document as loaded, when it holds a value
 * equal to v (and the document has been edited since). */
static place original_place(const fm_doc *doc, const char *path, const fm_value *v) {
    place none = {NULL, 0};
    if (!doc->orig || doc->orig == doc->snap)
        return none;
    location o;
    locate(doc->orig->root, path, &o);
    if (o.rest || !o.where.in || !fm_value_equal(o.node, v))
        return none;
    return o.where;
}

static int replace_at(fm_doc *doc, const char *path, const place *where, const fm_value *v,
                      fm_error *err) {
    replace_arg a = {*where, v, original_place(doc, path, v)};
    fmp_check c = {.kind = FMP_CHECK_SET, .path = path, .value = v};
    return run(doc, replace_planner, &a, &c, err);
}

typedef struct insert_arg {
    const fm_value *map;
    size_t after;
    const char *key;
    size_t key_len;
    const fm_value *value;
} insert_arg;

static int insert_planner(const fm_doc *doc, const fmp_habits *h, const void *arg,
                          bool safe, plan *p) {
    const insert_arg *a = arg;
    if (doc->snap->parts.format == FM_FORMAT_NONE)
        return plan_new_front_matter(doc, h, a->key, a->key_len, a->value, safe, p);
    return plan_insert(doc, h, a->map, a->after, a->key, a->key_len, a->value, safe, p);
}

/* ===================================================================== */
/* Setting                                                               */
/* ===================================================================== */

/* {seg1: {seg2: ... v}} for the dotted rest of a path (after its first
 * segment); a copy of v when there is none. */
static fm_value *nest(const fm_allocator *al, const char *rest, const fm_value *v) {
    const char *dot = rest ? strchr(rest, '.') : NULL;
    if (!dot)
        return fmp_copy(al, v);
    const char *next = dot + 1;
    const char *seg_end = strchr(next, '.');
    size_t seg_len = seg_end ? (size_t)(seg_end - next) : strlen(next);
    fm_value *inner = nest(al, next, v);
    fm_value *map = fmp_new_container(al, FM_MAPPING);
    if (!inner || !map || fm_value_put(map, next, seg_len, inner) != 0) {
        if (!map)
            fm_value_free(inner);
        fm_value_free(map);
        return NULL;
    }
    return map;
}

static int check_value(const fm_value *v, size_t depth, const fm_config *cfg,
                       fm_error *err) {
    if (depth > cfg->max_depth)
        return fmp_fail(err, FM_ERR_TOO_DEEP, "the value nests deeper than max_depth");
    if (v->type == FM_STRING && !fmp_utf8_valid(v->text, v->text_len))
        return fmp_fail(err, FM_ERR_ENCODING, "the value is not valid UTF-8");
    size_t n = v->type == FM_MAPPING ? 2 * v->count : v->type == FM_SEQUENCE ? v->count : 0;
    for (size_t i = 0; i < n; i++)
        if (check_value(v->u.items[i], depth + 1, cfg, err) != 0)
            return -1;
    return 0;
}

static int check_editable(const fm_doc *doc, const char *path, fm_error *err) {
    if (!doc || !path || !*path)
        return fmp_fail(err, FM_ERR_ARG, "a document and a non-empty path are required");
    if (doc->snap->parts.format == FM_FORMAT_TOML)
        return fmp_fail(err, FM_ERR_READ_ONLY, "TOML front matter cannot be edited");
    if (!fmp_utf8_valid(path, strlen(path)))
        return fmp_fail(err, FM_ERR_ENCODING, "the key path is not valid UTF-8");
    return 0;
}

static int check_key_length(const fm_doc *doc, size_t len, fm_error *err) {
    if (len <= doc->cfg.max_key_length)
        return 0;
    return fmp_fail(err, FM_ERR_KEY_TOO_LONG,
                    "key of %zu bytes is longer than the limit of %zu (max_key_length)", len,
                    doc->cfg.max_key_length);
}

/* Inserts the missing part of a path below the deepest mapping reached. */
static int insert_missing(fm_doc *doc, const char *path, const location *loc,
                          const char *after, const fm_value *v, fm_error *err) {
    const fm_value *owner = loc->node;
    const char *dot = strchr(loc->rest, '.');
    size_t klen = dot ? (size_t)(dot - loc->rest) : strlen(loc->rest);
    if (check_key_length(doc, klen, err) != 0)
        return -1;
    size_t after_at = NONE;
    if (after) {
        after_at = fmp_map_find(owner, after, strlen(after));
        if (after_at == NONE)
            return fmp_fail(err, FM_ERR_NOT_FOUND, "no key '%s' to insert after", after);
    }
    fm_value *value = nest(&doc->al, loc->rest, v);
    if (!value)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    insert_arg a = {owner, after_at, loc->rest, klen, value};
    fmp_check c = {.kind = FMP_CHECK_SET, .path = path, .value = v};
    int rc = run(doc, insert_planner, &a, &c, err);
    fm_value_free(value);
    return rc;
}

/* `params:` with no value becomes the mapping a path below it needs. */
static int fill_null(fm_doc *doc, const char *path, const location *loc, const fm_value *v,
                     fm_error *err) {
    const char *dot = strchr(loc->rest, '.');
    size_t klen = dot ? (size_t)(dot - loc->rest) : strlen(loc->rest);
    fm_value *holder = fmp_new_container(&doc->al, FM_MAPPING);
    if (!holder || fm_value_put(holder, loc->rest, klen, nest(&doc->al, loc->rest, v)) != 0) {
        fm_value_free(holder);
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    }
    fmp_check c = {.kind = FMP_CHECK_SET, .path = path, .value = v};
    replace_arg a = {loc->where, holder, {NULL, 0}};
    int rc = run(doc, replace_planner, &a, &c, err);
    fm_value_free(holder);
    return rc;
}

static int set_at(fm_doc *doc, const char *path, const char *after, const fm_value *v,
                  fm_error *err) {
    if (check_editable(doc, path, err) != 0)
        return -1;
    if (!v)
        return fmp_fail(err, FM_ERR_ARG, "no value to set");
    if (check_value(v, 1, &doc->cfg, err) != 0)
        return -1;
    location loc;
    locate(doc->snap->root, path, &loc);
    if (!loc.rest)
        return fm_value_equal(loc.node, v) ? 0 : replace_at(doc, path, &loc.where, v, err);
    if (loc.node->type == FM_MAPPING)
        return insert_missing(doc, path, &loc, after, v, err);
    if (loc.node->type == FM_NULL && loc.where.in)
        return fill_null(doc, path, &loc, v, err);
    if (loc.node->type == FM_SEQUENCE)
        return fmp_fail(err, FM_ERR_NOT_FOUND, "'%s': no such item in the sequence", path);
    return fmp_fail(err, FM_ERR_TYPE, "cannot set '%s': a %s is in the way", path,
                    fm_type_name((fm_type)loc.node->type));
}

int fm_doc_set(fm_doc *doc, const char *path, const fm_value *v, fm_error *err) {
    return set_at(doc, path, NULL, v, err);
}

int fm_doc_insert_after(fm_doc *doc, const char *path, const char *after, const fm_value *v,
                        fm_error *err) {
    if (!after)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_insert_after: no key to insert after");
    return set_at(doc, path, after, v, err);
}

/* Sets a caller-built value and frees it. */
static int set_owned(fm_doc *doc, const char *path, fm_value *v, fm_error *err) {
    if (!v)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory or invalid value");
    int rc = fm_doc_set(doc, path, v, err);
    fm_value_free(v);
    return rc;
}

/* The allocator for values an edit builds: the document's. */
static const fm_allocator *doc_al(const fm_doc *doc) {
    return doc ? &doc->al : fmp_allocator_or_default(NULL);
}

int fm_doc_set_string(fm_doc *doc, const char *path, const char *s, size_t len,
                      fm_error *err) {
    if (!s && len)
        return fmp_fail(err, FM_ERR_ARG, "NULL string with a length");
    if (!fmp_utf8_valid(s ? s : "", len))
        return fmp_fail(err, FM_ERR_ENCODING, "the string is not valid UTF-8");
    return set_owned(doc, path, fmp_new_string(doc_al(doc), s ? s : "", len), err);
}

int fm_doc_set_int(fm_doc *doc, const char *path, int64_t i, fm_error *err) {
    return set_owned(doc, path, fmp_new_int(doc_al(doc), i), err);
}

int fm_doc_set_float(fm_doc *doc, const char *path, double d, fm_error *err) {
    return set_owned(doc, path, fmp_new_float(doc_al(doc), d), err);
}

int fm_doc_set_bool(fm_doc *doc, const char *path, int b, fm_error *err) {
    return set_owned(doc, path, fmp_new_bool(doc_al(doc), b), err);
}

int fm_doc_set_null(fm_doc *doc, const char *path, fm_error *err) {
    return set_owned(doc, path, fmp_new_null(doc_al(doc)), err);
}

int fm_doc_set_datetime(fm_doc *doc, const char *path, const fm_datetime *dt,
                        fm_error *err) {
    fm_datetime check;
    char text[64];
    size_t n = dt && (dt->flags & FM_DT_SET) ? fm_datetime_format(dt, text, sizeof text) : 0;
    if (n == 0 || n >= sizeof text || fm_datetime_parse(text, n, &check) != 0)
        return fmp_fail(err, FM_ERR_DATE, "not a valid date");
    return set_owned(doc, path, fmp_new_datetime(doc_al(doc), dt), err);
}

int fm_doc_set_strings(fm_doc *doc, const char *path, const char *const *items,
                       const size_t *lens, size_t n, fm_error *err) {
    if (n && !items)
        return fmp_fail(err, FM_ERR_ARG, "no items");
    fm_value *seq = fmp_new_container(doc_al(doc), FM_SEQUENCE);
    for (size_t i = 0; seq && i < n; i++) {
        size_t len = lens ? lens[i] : (items[i] ? strlen(items[i]) : 0);
        if (!items[i] && len) {
            fm_value_free(seq);
            return fmp_fail(err, FM_ERR_ARG, "item %zu is NULL with a length", i);
        }
        if (!fmp_utf8_valid(items[i] ? items[i] : "", len)) {
            fm_value_free(seq);
            return fmp_fail(err, FM_ERR_ENCODING, "item %zu is not valid UTF-8", i);
        }
        fm_value *item = fmp_new_string(doc_al(doc), items[i] ? items[i] : "", len);
        if (fm_value_append(seq, item) != 0) {
            fm_value_free(seq);
            seq = NULL;
        }
    }
    return set_owned(doc, path, seq, err);
}

/* ===================================================================== */
/* Removing                                                              */
/* ===================================================================== */

static int remove_path(fm_doc *doc, const char *path, fm_error *err);

/* A copy of container `in` without entry `at`. */
static fm_value *copy_without(const fm_allocator *al, const fm_value *in, size_t at) {
    fm_value *c = fmp_new_container(al, (fm_type)in->type);
    for (size_t i = 0; c && i < in->count; i++) {
        if (i == at)
            continue;
        int rc = in->type == FM_MAPPING ? fmp_map_append_copy(c, in, i)
                                        : fm_value_append(c, fmp_copy(al, in->u.items[i]));
        if (rc != 0) {
            fm_value_free(c);
            return NULL;
        }
    }
    return c;
}

/* Removes pair or item `at` of a flow collection with its comma. */
static void plan_remove_flow(const fm_value *in, size_t at, plan *p) {
    bool map = in->type == FM_MAPPING;
    const fm_value *first = map ? fmp_map_key(in, at) : in->u.items[at];
    const fm_value *last = map ? fmp_map_val(in, at) : in->u.items[at];
    if (in->count == 1) {
        p->start = in->start + 1;
        p->end = in->end - 1;
    } else if (at + 1 < in->count) {
        p->start = first->start;
        p->end = map ? fmp_map_key(in, at + 1)->start : in->u.items[at + 1]->start;
    } else {
        p->start = map ? fmp_map_val(in, at - 1)->end : in->u.items[at - 1]->end;
        p->end = last->end;
    }
}

/* Removes a block pair or item by its lines; 1 when its layout is unusual. */
static int plan_remove_block(const char *t, size_t len, const fm_value *in, size_t at,
                             plan *p) {
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
    p->start = line_start(t, first);
    p->end = entry_end(t, len, n);
    return 0;
}

/* Plans removing entry `where` by its lines or its flow pair; 1 when the
 * layout is unusual or the entry is the only one of a nested container (the
 * caller then rewrites the container instead). */
static int plan_remove(const fm_doc *doc, bool json, const place *where, plan *p) {
    const fm_value *in = where->in;
    if (json || in->style == FM_STYLE_FLOW) {
        plan_remove_flow(in, where->at, p);
        return 0;
    }
    bool only = in->count == 1 && in != doc->snap->root;
    if (!only && plan_remove_block(doc->snap->text, doc->snap->len, in, where->at, p) == 0)
        return 0;
    return 1;
}

/* After the last key is removed from a block the document did not have when
 * loaded, the fences go too: the text is as it was. */
static int drop_added_block(fm_doc *doc, fm_error *err) {
    const fmp_snap *s = doc->snap;
    if (!doc->orig || doc->orig->parts.format != FM_FORMAT_NONE || s->root->count > 0 ||
        s->parts.format != FM_FORMAT_YAML)
        return 0;
    fmp_buf none;
    fmp_buf_init(&none, &doc->al);
    fmp_check c = {.kind = FMP_CHECK_BODY, .body = s->parts.body,
                   .body_len = s->parts.body_len, .drop_front = true};
    size_t start = s->parts.bom_len, end = (size_t)(s->parts.body - s->text);
    int rc = fmp_splice(doc, start, end, &none, &c, err);
    return rc == 1 ? 0 : rc;
}

int fm_doc_remove(fm_doc *doc, const char *path, fm_error *err) {
    int rc = remove_path(doc, path, err);
    return rc == 0 ? drop_added_block(doc, err) : rc;
}

/* Tries the direct removal (lines or a flow pair); 1 when it does not
 * apply or does not check. */
static int remove_directly(fm_doc *doc, const location *loc, const fmp_check *c,
                           fm_error *err) {
    plan p;
    fmp_buf_init(&p.text, &doc->al);
    int rc = plan_remove(doc, doc->snap->parts.format == FM_FORMAT_JSON, &loc->where, &p);
    if (rc == 0)
        rc = fmp_splice(doc, p.start, p.end, &p.text, c, err);
    fmp_buf_free(&p.text);
    return rc;
}

static int remove_path(fm_doc *doc, const char *path, fm_error *err) {
    if (check_editable(doc, path, err) != 0)
        return -1;
    location loc;
    locate(doc->snap->root, path, &loc);
    if (loc.rest)
        return fmp_fail(err, FM_ERR_NOT_FOUND, "no key '%s'", path);
    const fm_value *root = doc->snap->root, *in = loc.where.in;
    /* A list's later items move up, so an item is checked through its list. */
    char *list_path = NULL;
    if (in->type == FM_SEQUENCE) {
        size_t n = (size_t)(strrchr(path, '.') - path);
        list_path = fmp_malloc(&doc->al, n + 1);
        if (!list_path)
            return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        memcpy(list_path, path, n);
        list_path[n] = '\0';
    }
    fmp_check c = {.kind = FMP_CHECK_REMOVE, .path = path, .top_level = in == root};
    if (list_path)
        c = (fmp_check){.kind = FMP_CHECK_REMOVE_ITEM, .path = list_path,
                        .item = loc.where.at};
    int rc = remove_directly(doc, &loc, &c, err);
    if (rc == 1 && in != root) {
        /* Rewrite the container without the entry, in its own place. */
        fm_value *smaller = copy_without(&doc->al, in, loc.where.at);
        replace_arg ra = {loc.up, smaller, {NULL, 0}};
        rc = smaller ? run(doc, replace_planner, &ra, &c, err)
                     : fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        fm_value_free(smaller);
    } else if (rc == 1) {
        rc = fmp_fail(err, FM_ERR_EMIT, "cannot remove '%s' faithfully", path);
    }
    fmp_free(&doc->al, list_path);
    return rc;
}

/* ===================================================================== */
/* Renaming                                                              */
/* ===================================================================== */

typedef struct rename_arg {
    const fm_value *key;
    const char *new_key;
} rename_arg;

static int rename_planner(const fm_doc *doc, const fmp_habits *h, const void *arg,
                          bool safe, plan *p) {
    (void)doc;
    const rename_arg *a = arg;
    p->start = a->key->start;
    p->end = a->key->end;
    fm_style want = safe ? FM_STYLE_DOUBLE_QUOTED
                         : a->key->style == FM_STYLE_PLAIN ? FM_STYLE_ANY
                                                           : (fm_style)a->key->style;
    fmp_render_key(&p->text, a->new_key, strlen(a->new_key), want, h);
    return 0;
}

int fm_doc_rename(fm_doc *doc, const char *path, const char *new_key, fm_error *err) {
    if (check_editable(doc, path, err) != 0)
        return -1;
    if (!new_key)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_rename: NULL key");
    if (!fmp_utf8_valid(new_key, strlen(new_key)))
        return fmp_fail(err, FM_ERR_ENCODING, "the new key is not valid UTF-8");
    if (check_key_length(doc, strlen(new_key), err) != 0)
        return -1;
    location loc;
    locate(doc->snap->root, path, &loc);
    if (loc.rest || loc.where.in->type != FM_MAPPING)
        return fmp_fail(err, FM_ERR_NOT_FOUND, "no key '%s'", path);
    const fm_value *in = loc.where.in, *key = fmp_map_key(in, loc.where.at);
    size_t at = fmp_map_find(in, new_key, strlen(new_key));
    if (at == loc.where.at)
        return 0;
    if (at != NONE)
        return fmp_fail(err, FM_ERR_DUPLICATE_KEY, "key '%s' already exists", new_key);
    size_t klen = key->text ? key->text_len : 0, plen = strlen(path);
    if (klen > plen)
        return fmp_fail(err, FM_ERR_ARG, "cannot rename a complex key");
    size_t prefix = plen - klen, nlen = strlen(new_key);
    char *new_path = fmp_malloc(&doc->al, prefix + nlen + 1);
    if (!new_path)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    memcpy(new_path, path, prefix);
    memcpy(new_path + prefix, new_key, nlen + 1);
    rename_arg a = {key, new_key};
    fmp_check c = {.kind = FMP_CHECK_RENAME, .path = path, .new_path = new_path,
                   .value = fmp_map_val(in, loc.where.at)};
    int rc = run(doc, rename_planner, &a, &c, err);
    fmp_free(&doc->al, new_path);
    return rc;
}

/* ===================================================================== */
/* Body                                                                  */
/* ===================================================================== */

int fm_doc_set_body(fm_doc *doc, const char *s, size_t len, fm_error *err) {
    if (!doc || (!s && len))
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_set_body: NULL argument");
    const fm_parts *parts = &doc->snap->parts;
    fmp_buf text;
    fmp_buf_init(&text, &doc->al);
    /* A closing fence (or `}`) at the very end has no line break yet. */
    size_t start = (size_t)(parts->body - doc->snap->text);
    bool bare_fence = parts->format != FM_FORMAT_NONE && start == doc->snap->len &&
                      (start == 0 || doc->snap->text[start - 1] != '\n');
    if (bare_fence && len > 0)
        fmp_buf_puts(&text, parts->crlf ? "\r\n" : "\n");
    fmp_buf_put(&text, s ? s : "", len);
    fmp_check c = {.kind = FMP_CHECK_BODY};
    c.body = s ? s : "";
    c.body_len = len;
    int rc = fmp_splice(doc, start, doc->snap->len, &text, &c, err);
    fmp_buf_free(&text);
    if (rc == 1)
        return fmp_fail(err, FM_ERR_EMIT,
                        "the new body would change how the front matter reads");
    return rc;
}
