/* SPDX-License-Identifier: MIT */
/* toml_edit.c - edits in TOML syntax: the bytes a change replaces (a value, a
 * key's lines, a table's sections, each header a renamed table is named in)
 * and the new text in the document's style; edit.c runs and checks them. */
#include "private.h"

#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* ===================================================================== */
/* What a node is (the tree's shape: toml_load.c, fmatter(5))            */
/* ===================================================================== */

static bool is_collection(const fm_value *v) {
    return v->type == FM_SEQUENCE || v->type == FM_MAPPING;
}

static bool has(const fm_value *v, unsigned flag) {
    return (v->flags & flag) != 0;
}

/* A value with a span of its own: a scalar, an array, an inline table. */
static bool is_inline(const fm_value *v) {
    if (v->type == FM_SEQUENCE)
        return !has(v, FMP_TOML_AOT);
    return v->type != FM_MAPPING || has(v, FMP_TOML_INLINE);
}

/* A table made by dotted keys outside inline tables: its pairs are lines of
 * the section it stands in. */
static bool is_dotted_block(const fm_value *v) {
    return v->type == FM_MAPPING && has(v, FMP_TOML_DOTTED) && v->style == FM_STYLE_BLOCK;
}

/* Written on key/value lines of a section (not under a header of its own). */
static bool on_lines(const fm_value *v) {
    return is_inline(v) || is_dotted_block(v);
}

static const fm_value *entry(const fm_value *in, size_t at) {
    return in->type == FM_MAPPING ? fmp_map_val(in, at) : in->u.items[at];
}

/* The slot of entry `at` of a caller-built container. */
static fm_value **entry_slot(fm_value *in, size_t at) {
    return in->type == FM_MAPPING ? &in->u.items[2 * at + 1] : &in->u.items[at];
}

/* ===================================================================== */
/* The document                                                          */
/* ===================================================================== */

typedef struct tctx {
    const fm_allocator *al;
    const fmp_snap *snap;
    const char *t;
    size_t len;
    const char *nl;
    const fm_value *root;
} tctx;

static void tctx_init(tctx *x, const fm_doc *doc) {
    x->al = &doc->al;
    x->snap = doc->snap;
    x->t = doc->snap->text;
    x->len = fmp_snap_held(doc->snap);
    x->nl = doc->snap->parts.crlf ? "\r\n" : "\n";
    x->root = doc->snap->root;
}

static size_t front_start(const tctx *x) {
    return (size_t)(x->snap->parts.front - x->t);
}

static size_t front_end(const tctx *x) {
    return front_start(x) + x->snap->parts.front_len;
}

static size_t after_line(const tctx *x, size_t pos) {
    return fmp_after_line(x->t, x->len, pos);
}

/* The blanks that start the line holding pos. */
static void line_indent(const tctx *x, size_t pos, fmp_toml_lines *l) {
    size_t start = fmp_line_start(x->t, pos), i = start;
    while (i < x->len && (x->t[i] == ' ' || x->t[i] == '\t'))
        i++;
    l->indent = x->t + start;
    l->indent_len = i - start;
}

/* ===================================================================== */
/* Walking the tree                                                      */
/* ===================================================================== */

/* A container and the next of its entries to visit. */
typedef struct frame {
    const fm_value *in;
    size_t next;
} frame;

/* The containers from a walk's top down to where it stands: the entry
 * next - 1 of frame i leads down to the container of frame i + 1. When a
 * walk stops, the entry of the last frame is where it stopped. */
typedef struct chain {
    const fm_allocator *al;
    frame *f;
    size_t n, cap;
    frame first[32];
} chain;

enum { GO, SKIP, STOP };
typedef int (*visit_fn)(const fm_value *in, size_t at, void *ctx);

static void chain_init(chain *c, const fm_allocator *al) {
    c->al = al;
    c->f = c->first;
    c->n = 0;
    c->cap = sizeof c->first / sizeof c->first[0];
}

static void chain_free(chain *c) {
    if (c->f != c->first)
        fmp_free(c->al, c->f);
}

static int chain_push(chain *c, const fm_value *in, size_t next) {
    if (fmp_scratch_reserve(c->al, (void **)&c->f, &c->cap, c->n, sizeof *c->f,
                            c->first) != 0)
        return -1;
    c->f[c->n++] = (frame){in, next};
    return 0;
}

/* Visits the entries under top in document order; fn says whether to go
 * into each one's value. 1 when fn stopped the walk, 0 when it is done, -1
 * when out of memory. */
static int walk(chain *c, const fm_value *top, visit_fn fn, void *ctx) {
    c->n = 0;
    if (!is_collection(top) || top->count == 0)
        return 0;
    if (chain_push(c, top, 0) != 0)
        return -1;
    while (c->n > 0) {
        frame *f = &c->f[c->n - 1];
        if (f->next == f->in->count) {
            c->n--;
            continue;
        }
        const fm_value *in = f->in, *kid = entry(in, f->next);
        int r = fn(in, f->next++, ctx);
        if (r == STOP)
            return 1;
        if (r == GO && is_collection(kid) && kid->count > 0 && chain_push(c, kid, 0) != 0)
            return -1;
    }
    return 0;
}

/* Visits every entry under top (its own entries included). */
static int visit(const tctx *x, const fm_value *top, visit_fn fn, void *ctx) {
    chain c;
    chain_init(&c, x->al);
    int rc = walk(&c, top, fn, ctx);
    chain_free(&c);
    return rc;
}

static int is_node(const fm_value *in, size_t at, void *node) {
    return entry(in, at) == node ? STOP : GO;
}

/* Leaves in c the chain from the root to the entry holding node (no frame
 * for the root itself). 0, or -1 when out of memory. */
static int chain_to(chain *c, const tctx *x, const fm_value *node) {
    c->n = 0;
    if (node == x->root)
        return 0;
    return walk(c, x->root, is_node, (void *)(uintptr_t)node) == 1 ? 0 : -1;
}

/* The chain to the entry at `where`. */
static int chain_to_place(chain *c, const tctx *x, const fmp_place *where) {
    if (chain_to(c, x, where->in) != 0 || chain_push(c, where->in, where->at + 1) != 0)
        return -1;
    return 0;
}

static size_t step_at(const chain *c, size_t i) {
    return c->f[i].next - 1;
}

static const fm_value *step_value(const chain *c, size_t i) {
    return entry(c->f[i].in, step_at(c, i));
}

/* The key leading down from frame i (NULL from a sequence). */
static const fm_value *step_key(const chain *c, size_t i) {
    const fm_value *in = c->f[i].in;
    return in->type == FM_MAPPING ? fmp_map_key(in, step_at(c, i)) : NULL;
}

/* The frame of the table whose section holds the lines of frame i's
 * entry: the root's, or the nearest header table's above it. */
static size_t owner(const chain *c, size_t i) {
    while (i > 0 && !has(c->f[i].in, FMP_TOML_HEADER))
        i--;
    return i;
}

/* The keys of frames [from, to), each with a dot after it. */
static void put_keys(fmp_buf *b, const chain *c, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        const fm_value *k = step_key(c, i);
        if (k) {
            fmp_toml_render_key(b, k->text, k->text_len);
            fmp_buf_putc(b, '.');
        }
    }
}

/* `[a.b]` (`[[a.b]]` for a table of an array) naming the value of the last
 * of the first n frames, or (key not NULL) its table `key`; then nl. */
static void put_header(fmp_buf *b, const chain *c, size_t n, const char *key, size_t klen,
                       bool aot, const fmp_toml_lines *l) {
    fmp_buf_put(b, l->indent, l->indent_len);
    fmp_buf_puts(b, aot ? "[[" : "[");
    size_t mark = b->len;
    put_keys(b, c, 0, n);
    if (key)
        fmp_toml_render_key(b, key, klen);
    else if (b->len > mark)
        b->len--; /* the last dot */
    fmp_buf_puts(b, aot ? "]]" : "]");
    fmp_buf_puts(b, l->nl);
}

/* ===================================================================== */
/* Extents and styles                                                    */
/* ===================================================================== */

typedef struct extent {
    size_t start, end;
} extent;

static void widen(extent *e, const fm_value *v) {
    if (v->start < e->start)
        e->start = v->start;
    if (v->end > e->end)
        e->end = v->end;
}

static int widen_entry(const fm_value *in, size_t at, void *ctx) {
    if (in->type == FM_MAPPING)
        widen(ctx, fmp_map_key(in, at));
    widen(ctx, entry(in, at));
    return GO;
}

/* The whole lines of entry `at` of `in` and of everything under it (a
 * table's header, lines and sub-tables): 0, or 1 when out of memory. */
static int entry_lines(const tctx *x, const fm_value *in, size_t at, fmp_plan *p) {
    extent e = {SIZE_MAX, 0};
    widen_entry(in, at, &e);
    if (visit(x, entry(in, at), widen_entry, &e) != 0)
        return 1;
    p->start = fmp_line_start(x->t, e.start);
    p->end = after_line(x, e.end);
    return 0;
}

static fmp_toml_kind kind_of(const fm_value *s) {
    switch (s->style) {
    case FM_STYLE_SINGLE_QUOTED:
        return FMP_TOML_LITERAL;
    case FM_STYLE_MULTILINE_DOUBLE:
        return FMP_TOML_ML_BASIC;
    case FM_STYLE_MULTILINE_SINGLE:
        return FMP_TOML_ML_LITERAL;
    default:
        return FMP_TOML_BASIC;
    }
}

/* The one-line kind of string closest to k. */
static fmp_toml_kind one_line(fmp_toml_kind k) {
    return k == FMP_TOML_ML_LITERAL ? FMP_TOML_LITERAL
           : k == FMP_TOML_ML_BASIC ? FMP_TOML_BASIC
                                    : k;
}

/* Multi-line strings write bare LFs: not in a CRLF document. */
static fmp_toml_kind fit_kind(const tctx *x, fmp_toml_kind k) {
    return x->nl[0] == '\n' ? k : one_line(k);
}

static int first_string(const fm_value *in, size_t at, void *found) {
    const fm_value *v = entry(in, at);
    if (v->type != FM_STRING)
        return GO;
    *(const fm_value **)found = v;
    return STOP;
}

/* New strings are written as the document's first string value is (basic
 * strings when it has none). */
static fmp_toml_kind habit(const tctx *x) {
    const fm_value *s = NULL;
    visit(x, x->root, first_string, &s);
    return fit_kind(x, s ? kind_of(s) : FMP_TOML_BASIC);
}

/* The kind of string that replaces n: n's own, an array's first string's,
 * else the habit. */
static fmp_toml_kind kind_to_keep(const tctx *x, const fm_value *n, bool safe) {
    if (safe)
        return FMP_TOML_BASIC;
    if (n->type == FM_STRING)
        return fit_kind(x, kind_of(n));
    for (size_t i = 0; n->type == FM_SEQUENCE && i < n->count; i++)
        if (n->u.items[i]->type == FM_STRING)
            return fit_kind(x, kind_of(n->u.items[i]));
    return habit(x);
}

static int render_inline(fmp_buf *b, const fm_value *v, fmp_toml_kind kind) {
    const char *why;
    return fmp_toml_render_inline(b, v, kind, &why);
}

/* ===================================================================== */
/* Inside inline tables and arrays                                       */
/* ===================================================================== */

/* The flow value at the end of chain c becomes nv: the nearest value
 * around it with a span of its own (an inline table or an array, the value
 * itself when it is one) is written again with nv in its place; a table of
 * dotted keys inside an inline table has no span of its own. */
static int plan_flow_rewrite(const tctx *x, const chain *c, const fm_value *nv,
                             fmp_toml_kind kind, fmp_plan *p) {
    size_t top = c->n - 1;
    while (!is_inline(step_value(c, top))) {
        if (top == 0)
            return 1;
        top--;
    }
    const fm_value *a = step_value(c, top);
    p->start = a->start;
    p->end = a->end;
    if (top == c->n - 1)
        return render_inline(&p->text, nv, kind);
    fm_value *copy = fmp_copy(x->al, a), *holder = copy, *fresh = fmp_copy(x->al, nv);
    for (size_t i = top + 1; holder && i + 1 < c->n; i++)
        holder = *entry_slot(holder, step_at(c, i));
    int rc = 1;
    if (holder && fresh) {
        fm_value **slot = entry_slot(holder, step_at(c, c->n - 1));
        fm_value_free(*slot);
        *slot = fresh;
        fresh = NULL;
        rc = render_inline(&p->text, copy, kind);
    }
    fm_value_free(fresh);
    fm_value_free(copy);
    return rc;
}

/* A pair added to an inline table, before its `}` (or after pair `after`). */
static int insert_inline(const tctx *x, const fm_value *map, size_t after, const char *key,
                         size_t klen, const fm_value *v, fmp_toml_kind kind, fmp_plan *p) {
    /* (An inline table stays on one line.) */
    fmp_buf *b = &p->text;
    if (map->count == 0) {
        p->start = map->start + 1;
        p->end = map->end - 1;
        fmp_buf_putc(b, ' ');
    } else {
        size_t pos = map->end - 1;
        bool dotted = false;
        for (size_t i = 0; i < map->count; i++)
            dotted |= !is_inline(fmp_map_val(map, i));
        if (after != NONE && !dotted)
            pos = fmp_map_val(map, after)->end;
        else
            while (pos > map->start && (x->t[pos - 1] == ' ' || x->t[pos - 1] == '\t'))
                pos--;
        p->start = p->end = pos;
        fmp_buf_puts(b, ", ");
    }
    fmp_toml_render_key(b, key, klen);
    fmp_buf_puts(b, " = ");
    int rc = render_inline(b, v, one_line(kind));
    if (map->count == 0)
        fmp_buf_putc(b, ' ');
    return rc;
}

/* A pair added to a table of dotted keys inside an inline table: the
 * inline table is written again. */
static int insert_flow_dotted(const tctx *x, const chain *c, const fm_value *map,
                              const char *key, size_t klen, const fm_value *v,
                              fmp_toml_kind kind, fmp_plan *p) {
    fm_value *bigger = fmp_copy(x->al, map);
    int rc = 1;
    if (bigger && fmp_map_append(bigger, key, klen, fmp_copy(x->al, v)) == 0)
        rc = plan_flow_rewrite(x, c, bigger, kind, p);
    fm_value_free(bigger);
    return rc;
}

/* ===================================================================== */
/* Replacing and restoring                                               */
/* ===================================================================== */

/* Non-empty, and every item a mapping: an array of tables can hold it. */
static bool tables_only(const fm_value *v) {
    if (v->type != FM_SEQUENCE || v->count == 0)
        return false;
    for (size_t i = 0; i < v->count; i++)
        if (v->u.items[i]->type != FM_MAPPING)
            return false;
    return true;
}

/* A table (or an array of tables) at the end of chain c becomes v, written
 * the way it was: its lines (dotted keys), or its header(s) and lines. */
static int plan_table(const tctx *x, const chain *c, const fm_value *v, fmp_toml_kind kind,
                      fmp_plan *p) {
    size_t last = c->n - 1;
    const fm_value *in = c->f[last].in, *n = step_value(c, last);
    if (n->type == FM_SEQUENCE ? !tables_only(v) : v->type != FM_MAPPING)
        return 1;
    if (entry_lines(x, in, step_at(c, last), p) != 0)
        return 1;
    fmp_buf prefix;
    fmp_buf_init(&prefix, x->al);
    fmp_toml_lines l = {NULL, 0, &prefix, kind, x->nl};
    line_indent(x, p->start, &l);
    const char *why;
    int rc = 0;
    if (is_dotted_block(n)) {
        const fm_value *k = step_key(c, last);
        put_keys(&prefix, c, owner(c, last), last);
        rc = fmp_toml_render_pair(&p->text, k->text, k->text_len, v, &l, &why);
    } else if (n->type == FM_SEQUENCE) {
        for (size_t i = 0; rc == 0 && i < v->count; i++) {
            put_header(&p->text, c, c->n, NULL, 0, true, &l);
            rc = fmp_toml_render_lines(&p->text, v->u.items[i], &l, &why);
        }
    } else {
        put_header(&p->text, c, c->n, NULL, 0, in->type == FM_SEQUENCE, &l);
        rc = fmp_toml_render_lines(&p->text, v, &l, &why);
    }
    fmp_buf_free(&prefix);
    return rc;
}

static int toml_replace(const fm_doc *doc, const fmp_place *where, const fm_value *v,
                        bool safe, fmp_plan *p) {
    tctx x;
    tctx_init(&x, doc);
    const fm_value *n = fmp_place_value(where);
    fmp_toml_kind kind = kind_to_keep(&x, n, safe);
    if (is_inline(n)) {
        p->start = n->start;
        p->end = n->end;
        return render_inline(&p->text, v, kind);
    }
    chain c;
    chain_init(&c, x.al);
    int rc = chain_to_place(&c, &x, where) != 0 ? 1
             : n->style == FM_STYLE_FLOW        ? plan_flow_rewrite(&x, &c, v, kind, p)
                                                : plan_table(&x, &c, v, kind, p);
    chain_free(&c);
    return rc;
}

/* Back to a value as loaded: its original bytes, for values with a span. */
static int toml_restore(const fm_doc *doc, const fmp_place *where, const fmp_place *from,
                        fmp_plan *p) {
    const fm_value *n = fmp_place_value(where), *o = fmp_place_value(from);
    if (!is_inline(n) || !is_inline(o))
        return 1;
    p->start = n->start;
    p->end = n->end;
    fmp_buf_put(&p->text, doc->orig->text + o->start, o->end - o->start);
    return 0;
}

/* ===================================================================== */
/* Inserting keys                                                        */
/* ===================================================================== */

/* Where a new key/value line of table `map` goes: after the lines of pair
 * `after` when it has some there, else after the last line of the section
 * (the root's: before the first header; a dotted table's: after its last
 * line). *from: a place on the line whose indent it takes (NONE: none). */
static size_t section_end(const tctx *x, const fm_value *map, size_t after, size_t *from) {
    if (after != NONE && on_lines(fmp_map_val(map, after))) {
        *from = fmp_map_val(map, after)->end;
        return after_line(x, *from);
    }
    if (map != x->root) {
        *from = map->end;
        return after_line(x, *from);
    }
    *from = NONE;
    for (size_t i = 0; i < map->count; i++) {
        const fm_value *v = fmp_map_val(map, i);
        if (on_lines(v) && (*from == NONE || v->end > *from))
            *from = v->end;
    }
    return *from == NONE ? front_start(x) : after_line(x, *from);
}

/* A new pair in a table outside inline tables (c: the chain to it). A
 * non-empty mapping becomes a table of its own, [name.key]: after the
 * table's section (the root's: at the end of the front matter); in a table
 * of dotted keys, dotted keys under the new key. A table that only header
 * paths made ([a] of [a.b]) gets its pairs under a header of its own
 * written before the first of those. */
static int insert_block(const tctx *x, const chain *c, const fm_value *map, size_t after,
                        const char *key, size_t klen, const fm_value *v, fmp_toml_kind kind,
                        fmp_plan *p) {
    bool table = v->type == FM_MAPPING && v->count > 0, dotted = is_dotted_block(map);
    bool header = map == x->root || has(map, FMP_TOML_HEADER);
    fmp_buf prefix;
    fmp_buf_init(&prefix, x->al);
    fmp_toml_lines l = {"", 0, &prefix, kind, x->nl};
    size_t from = map->start;
    if (!header && !dotted)
        p->start = fmp_line_start(x->t, map->start);
    else if (table && map == x->root) {
        p->start = front_end(x);
        from = NONE;
    }
    else
        p->start = section_end(x, map, table && !dotted ? NONE : after, &from);
    p->end = p->start;
    if (from != NONE)
        line_indent(x, from, &l);
    const char *why;
    int rc;
    if (table && !dotted) {
        put_header(&p->text, c, c->n, key, klen, false, &l);
        rc = fmp_toml_render_lines(&p->text, v, &l, &why);
    } else {
        if (dotted)
            put_keys(&prefix, c, owner(c, c->n - 1), c->n);
        else if (!header)
            put_header(&p->text, c, c->n, NULL, 0, false, &l);
        rc = fmp_toml_render_pair(&p->text, key, klen, v, &l, &why);
    }
    fmp_buf_free(&prefix);
    return rc;
}

static int toml_insert(const fm_doc *doc, const fm_value *map, size_t after, const char *key,
                       size_t klen, const fm_value *v, bool safe, fmp_plan *p) {
    tctx x;
    tctx_init(&x, doc);
    fmp_toml_kind kind = safe ? FMP_TOML_BASIC : habit(&x);
    if (has(map, FMP_TOML_INLINE))
        return insert_inline(&x, map, after, key, klen, v, kind, p);
    chain c;
    chain_init(&c, x.al);
    int rc = chain_to(&c, &x, map) != 0       ? 1
             : map->style == FM_STYLE_FLOW ? insert_flow_dotted(&x, &c, map, key, klen, v,
                                                                kind, p)
                                           : insert_block(&x, &c, map, after, key, klen, v,
                                                          kind, p);
    chain_free(&c);
    return rc;
}

/* ===================================================================== */
/* Removing                                                              */
/* ===================================================================== */

/* Removes an entry by its lines, or (in an array or inline table) with its
 * comma; 1 where edit.c rewrites the container instead: inside tables of
 * dotted keys within inline tables, the last pair of a table of dotted
 * keys (which stays, empty), the last table of an array of tables. */
static int toml_remove(const fm_doc *doc, const fmp_place *where, fmp_plan *p) {
    tctx x;
    tctx_init(&x, doc);
    const fm_value *in = where->in, *n = fmp_place_value(where);
    if (in->style == FM_STYLE_FLOW) {
        for (size_t i = 0; in->type == FM_MAPPING && i < in->count; i++)
            if (!is_inline(fmp_map_val(in, i)))
                return 1;
        if (in->type == FM_MAPPING && !has(in, FMP_TOML_INLINE))
            return 1;
        fmp_plan_remove_flow(in, where->at, p);
        return 0;
    }
    if ((in->type == FM_SEQUENCE || is_dotted_block(in)) && in->count == 1)
        return 1;
    if (in->type == FM_MAPPING && is_inline(n)) {
        p->start = fmp_line_start(x.t, fmp_map_key(in, where->at)->start);
        p->end = after_line(&x, n->end);
        return 0;
    }
    return entry_lines(&x, in, where->at, p);
}

/* ===================================================================== */
/* Renaming                                                              */
/* ===================================================================== */

/* The span [*s, *e) of segment `index` of the (dotted) key that starts at
 * pos after blanks (and, at a header, its brackets). */
static bool segment_span(const tctx *x, size_t pos, size_t index, size_t *s, size_t *e) {
    const char *t = x->t;
    size_t len = x->len;
    while (pos < len && (t[pos] == '[' || t[pos] == ' ' || t[pos] == '\t'))
        pos++;
    for (size_t i = 0;; i++) {
        size_t begin = pos;
        if (pos < len && (t[pos] == '"' || t[pos] == '\'')) {
            char q = t[pos++];
            while (pos < len && t[pos] != q && t[pos] != '\n')
                pos += q == '"' && t[pos] == '\\' && pos + 1 < len ? 2 : 1;
            if (pos >= len || t[pos] != q)
                return false;
            pos++;
        } else {
            while (pos < len && fmp_toml_bare_char(t[pos]))
                pos++;
        }
        if (pos == begin)
            return false;
        if (i == index) {
            *s = begin;
            *e = pos;
            return true;
        }
        while (pos < len && (t[pos] == ' ' || t[pos] == '\t'))
            pos++;
        if (pos >= len || t[pos] != '.')
            return false;
        pos++;
        while (pos < len && (t[pos] == ' ' || t[pos] == '\t'))
            pos++;
    }
}

typedef struct span {
    size_t s, e;
} span;

/* Where a renamed table's key is written: its key, a segment of each header
 * under it, a segment of each line of dotted keys through it. */
typedef struct occurrences {
    const tctx *x;
    span *at;
    size_t n, cap;
    size_t header_index; /* the key's segment in headers */
    size_t line_index;   /* and in lines of dotted keys */
    bool bad;            /* out of memory, or a segment not found */
    span first[16];
} occurrences;

static void add_span(occurrences *o, size_t s, size_t e) {
    if (fmp_scratch_reserve(o->x->al, (void **)&o->at, &o->cap, o->n, sizeof *o->at,
                            o->first) != 0) {
        o->bad = true;
        return;
    }
    o->at[o->n++] = (span){s, e};
}

static void add_segment(occurrences *o, size_t pos, size_t index) {
    span sp;
    if (segment_span(o->x, pos, index, &sp.s, &sp.e))
        add_span(o, sp.s, sp.e);
    else
        o->bad = true;
}

static int header_segment(const fm_value *in, size_t at, void *ctx) {
    const fm_value *v = entry(in, at);
    if (v->type == FM_MAPPING && has(v, FMP_TOML_HEADER))
        add_segment(ctx, v->start, ((occurrences *)ctx)->header_index);
    return GO;
}

/* The lines of a table of dotted keys: one per value it holds, through
 * its tables of dotted keys. */
static int line_segment(const fm_value *in, size_t at, void *ctx) {
    occurrences *o = ctx;
    const fm_value *v = entry(in, at);
    if (is_dotted_block(v))
        return GO;
    if (is_inline(v))
        add_segment(o, fmp_line_start(o->x->t, fmp_map_key(in, at)->start), o->line_index);
    return SKIP;
}

static int by_start(const void *a, const void *b) {
    const span *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* The range from the first occurrence to the last, each one the new key. */
static int write_occurrences(occurrences *o, const fmp_buf *name, fmp_plan *p) {
    qsort(o->at, o->n, sizeof *o->at, by_start);
    p->start = o->at[0].s;
    size_t at = p->start;
    for (size_t i = 0; i < o->n; i++) {
        if (i > 0 && o->at[i].s == o->at[i - 1].s && o->at[i].e == o->at[i - 1].e)
            continue;
        if (o->at[i].s < at)
            return 1; /* overlapping: not the key's segments */
        fmp_buf_put(&p->text, o->x->t + at, o->at[i].s - at);
        fmp_buf_put(&p->text, name->data, name->len);
        at = o->at[i].e;
    }
    p->end = at;
    return 0;
}

/* A table's (or an array of tables') key, wherever it is written. */
static int rename_table(const tctx *x, const fmp_place *where, const fmp_buf *name,
                        fmp_plan *p) {
    chain c;
    chain_init(&c, x->al);
    occurrences o = {x, NULL, 0, 0, 0, 0, false, {{0, 0}}};
    o.at = o.first;
    o.cap = sizeof o.first / sizeof o.first[0];
    const fm_value *n = fmp_place_value(where), *k = fmp_map_key(where->in, where->at);
    int rc = chain_to_place(&c, x, where) != 0 ? 1 : 0;
    for (size_t i = 0; rc == 0 && i < c.n; i++)
        o.header_index += c.f[i].in->type == FM_MAPPING;
    if (rc == 0) {
        o.header_index--;
        o.line_index = c.n - 1 - owner(&c, c.n - 1);
        add_span(&o, k->start, k->end);
        if (n->type == FM_MAPPING && has(n, FMP_TOML_HEADER))
            add_segment(&o, n->start, o.header_index);
        if (visit(x, n, header_segment, &o) != 0 ||
            (is_dotted_block(n) && visit(x, n, line_segment, &o) != 0))
            o.bad = true;
        rc = o.bad ? 1 : write_occurrences(&o, name, p);
    }
    if (o.at != o.first)
        fmp_free(x->al, o.at);
    chain_free(&c);
    return rc;
}

/* The key of a table of dotted keys inside an inline table: the inline
 * table is written again. */
static int rename_flow_dotted(const tctx *x, const fmp_place *where, const char *key,
                              size_t klen, fmp_toml_kind kind, fmp_plan *p) {
    chain c;
    chain_init(&c, x->al);
    fm_value *renamed = fmp_copy(x->al, where->in);
    fm_value *k = fmp_new_string(x->al, key, klen);
    int rc = 1;
    if (renamed && k && chain_to(&c, x, where->in) == 0) {
        fm_value_free(renamed->u.items[2 * where->at]);
        renamed->u.items[2 * where->at] = k;
        k = NULL;
        rc = plan_flow_rewrite(x, &c, renamed, kind, p);
    }
    fm_value_free(k);
    fm_value_free(renamed);
    chain_free(&c);
    return rc;
}

static int toml_rename(const fm_doc *doc, const fmp_place *where, const char *key,
                       size_t klen, bool safe, fmp_plan *p) {
    tctx x;
    tctx_init(&x, doc);
    const fm_value *k = fmp_map_key(where->in, where->at), *n = fmp_place_value(where);
    fmp_buf name;
    fmp_buf_init(&name, x.al);
    if (!safe && k->style == FM_STYLE_SINGLE_QUOTED && !fmp_toml_bare_key_ok(key, klen))
        fmp_toml_render_string(&name, key, klen, FMP_TOML_LITERAL);
    else
        fmp_toml_render_key(&name, key, klen);
    int rc = 0;
    if (is_inline(n)) {
        p->start = k->start;
        p->end = k->end;
        fmp_buf_put(&p->text, name.data, name.len);
    } else if (n->style == FM_STYLE_FLOW) {
        rc = rename_flow_dotted(&x, where, key, klen, safe ? FMP_TOML_BASIC : habit(&x), p);
    } else {
        rc = rename_table(&x, where, &name, p);
    }
    fmp_buf_free(&name);
    return rc;
}

/* ===================================================================== */
/* The syntax                                                            */
/* ===================================================================== */

static const char *toml_cannot_hold(const fm_doc *doc, const fm_value *v) {
    (void)doc;
    return fmp_toml_cannot_hold(v);
}

const fmp_syntax fmp_toml_syntax = {toml_replace, toml_restore, toml_insert, toml_remove,
                                    toml_rename, toml_cannot_hold};
