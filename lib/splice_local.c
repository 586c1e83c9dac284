/* SPDX-License-Identifier: MIT */
/* splice_local.c - the cheap commit of a YAML set that replaces one single-line
 * scalar of a block mapping, or adds a `key: scalar` line at the end of the
 * root one: re-reads that line alone (or knows a rendered string's node),
 * moves the spans after it (in place when the document alone holds its
 * snapshot, else, for a replacement, in a copy). */
#include "private.h"

#include <string.h>

/* Lines re-read in place into one snapshot's arena before the next edit
 * goes to a fresh one (which drops what they left). */
#define MAX_LOCAL_EDITS 32
/* A new text of up to this many bytes may go in the snapshot's arena (what
 * is left behind there is at most MAX_LOCAL_EDITS such texts), when the
 * chunk has this much more room for the line re-read after it. */
#define ARENA_TEXT_MAX 4096
#define ARENA_TEXT_SPARE 1024

/* The edit: old value `old` (pair `at` of block mapping `in`) becomes
 * `fresh`; bytes [start, end) became [start, new_end) on line `line`, whose
 * old value ended at column old_col and the new one at new_col. */
typedef struct local {
    const fm_value *in, *old, *key;
    fm_value *fresh;
    size_t start, end, new_end;
    unsigned line, old_col, new_col;
} local;

/* ===================================================================== */
/* When it applies                                                       */
/* ===================================================================== */

/* The collections are the last two types (one comparison tells them). */
typedef char collections_last[FM_MAPPING == FM_SEQUENCE + 1 && FM_MAPPING == 7 ? 1 : -1];

FMP_HOT static bool is_collection(const fm_value *v) {
    return v->type >= FM_SEQUENCE;
}

/* A scalar on one line, written plain or quoted, with no anchor, tag or
 * alias (what the line alone reads the same as the whole block). */
FMP_HOT static bool one_line_scalar(const fm_value *v) {
    return !is_collection(v) && !(v->flags & FMP_ALIAS) && !v->anchor && !v->tag &&
           v->line == v->end_line && v->end > v->start &&
           (v->style == FM_STYLE_PLAIN || v->style == FM_STYLE_SINGLE_QUOTED ||
            v->style == FM_STYLE_DOUBLE_QUOTED);
}

/* The pair whose value the set replaces (the place edit.c found: a set that
 * adds a key has none), when its mapping is a block one. */
static bool find_pair(const fmp_check *c, local *m) {
    const fm_value *in = c->at_in;
    if (!in || in->type != FM_MAPPING || in->style != FM_STYLE_BLOCK ||
        !c->steps[c->nsteps - 1].key)
        return false;
    size_t at = c->at;
    m->old = fmp_map_val(in, at);
    m->in = in;
    m->key = fmp_map_key(in, at);
    return true;
}

/* The key starts its line after spaces only, and the line ends right after
 * the value (no comment, no trailing blank). */
FMP_HOT static bool plain_line(const fmp_snap *s, const local *m) {
    const char *t = s->text;
    const fm_value *k = m->key;
    size_t ls = fmp_line_start(t, k->start);
    if (k->start - ls != k->column - 1)
        return false;
    for (size_t i = ls; i < k->start; i++)
        if (t[i] != ' ')
            return false;
    size_t e = m->old->end;
    return t[e] == '\n' || (t[e] == '\r' && e + 1 < fmp_snap_held(s) && t[e + 1] == '\n');
}

/* A set in YAML whose tree has no alias and dropped no duplicate key. */
FMP_HOT static bool plain_tree(const fmp_snap *s, const fmp_check *c) {
    return c->kind == FMP_CHECK_SET && c->nsteps > 0 &&
           s->parts.format == FM_FORMAT_YAML && !s->dups && s->root &&
           !(s->root->flags & (FMP_ALIAS | FMP_HAS_ALIAS));
}

FMP_HOT static bool applies(const fm_doc *doc, const fmp_buf *repl, const fmp_check *c,
                            local *m) {
    const fmp_snap *s = doc->snap;
    if (!plain_tree(s, c))
        return false;
    size_t front = (size_t)(s->parts.front - s->text);
    if (m->start < front || m->end >= front + s->parts.front_len || repl->len == 0 ||
        memchr(repl->data, '\n', repl->len) || memchr(repl->data, '\r', repl->len))
        return false;
    if (!find_pair(c, m) || m->old->start != m->start || m->old->end != m->end ||
        !one_line_scalar(m->old))
        return false;
    const fm_value *k = m->key;
    if (is_collection(k) || (k->flags & FMP_ALIAS) || k->line != m->old->line ||
        k->end_line != k->line)
        return false;
    size_t len = s->len - (m->end - m->start) + repl->len;
    return len <= doc->cfg.max_input_size && plain_line(s, m);
}

/* ===================================================================== */
/* Re-reading the line                                                   */
/* ===================================================================== */

/* The edited line of text, from its key k to `end` (past its line break),
 * read as a block of its own the whole way (the loader and its dispatch)
 * into the arena of snapshot `into`: its one pair's value when the line
 * reads as one pair of the same key k, else NULL. */
static fm_value *reread_block(fmp_snap *into, const char *text, size_t len, size_t end,
                              const fm_config *cfg, const fm_value *k) {
    fmp_snap line = *into; /* shares into's arena, given back below */
    line.text = text;
    line.len = len;
    line.parts.front = text + k->start;
    line.parts.front_len = end - k->start;
    line.parts.front_line = k->line;
    line.root = NULL;
    line.dups = NULL;
    fm_error perr;
    int rc = fmp_load_front(&line, cfg, &perr);
    into->arena = line.arena;
    if (rc != 0)
        return NULL;
    const fm_value *root = line.root;
    if (root->type != FM_MAPPING || root->count != 1 || root->style != FM_STYLE_BLOCK)
        return NULL;
    const fm_value *nk = fmp_map_key(root, 0);
    if (nk->type != k->type || nk->text_len != k->text_len ||
        memcmp(nk->text, k->text, k->text_len) != 0 || nk->start != k->start)
        return NULL;
    return (fm_value *)(uintptr_t)fmp_map_val(root, 0);
}

/* A string node of text s[0..len) (copied after it) spanning [at, at + span)
 * of line `line` from column `column` to end_column, as a load makes it. */
static fm_value *new_string(fmp_arena *a, fm_style style, const char *s, size_t len,
                            size_t at, size_t span, unsigned line, unsigned column,
                            unsigned end_column) {
    fm_value *v = fmp_arena_alloc(a, sizeof *v + len + 1);
    if (!v)
        return NULL;
    fmp_node_init(v, FM_STRING, style, (fmp_pos){at, line, column});
    char *text = (char *)(v + 1);
    memcpy(text, s, len);
    text[len] = '\0';
    v->end = at + span;
    v->end_column = end_column;
    v->text = text;
    v->text_len = len;
    return v;
}

/* The style of a one-line rendering r of text s: plain when r is s itself
 * (the renderer writes a string bare only when fmp_plain_ok passes on it),
 * quoted when r is s between quotes and s has nothing to escape there (no
 * such quote, no backslash in double quotes); FM_STYLE_ANY otherwise. */
static fm_style rendered_style(const char *r, size_t n, const char *s, size_t len) {
    if (n == len)
        return memcmp(r, s, len) == 0 ? FM_STYLE_PLAIN : FM_STYLE_ANY;
    if (n != len + 2 || (r[0] != '"' && r[0] != '\'') || r[n - 1] != r[0] ||
        memcmp(r + 1, s, len) != 0 || memchr(s, r[0], len) ||
        (r[0] == '"' && memchr(s, '\\', len)))
        return FM_STYLE_ANY;
    return r[0] == '"' ? FM_STYLE_DOUBLE_QUOTED : FM_STYLE_SINGLE_QUOTED;
}

FMP_HOT fm_value *fmp_rendered_string(fmp_arena *a, const fmp_buf *repl,
                                      const fm_value *want, size_t max_len, size_t at,
                                      unsigned line, unsigned column) {
    const char *r = repl->data;
    size_t n = repl->len;
    if (want->type != FM_STRING || want->text_len > max_len || n == 0)
        return NULL;
    fm_style style = rendered_style(r, n, want->text, want->text_len);
    if (style == FM_STYLE_ANY)
        return NULL;
    unsigned end_column = column + (unsigned)fmp_utf8_count(r, n);
    return new_string(a, style, want->text, want->text_len, at, n, line, column,
                      end_column);
}

/* Reads the edited line of text (from its key on) as a block of its own,
 * into the arena of snapshot `into`: the fast loader's lean way for a line
 * `key: scalar` (the same value as the whole way), else the whole way.
 * m->fresh is its value when the line holds the same key and one
 * single-line scalar exactly where the new bytes are, which reads back as
 * the value the check wants. */
FMP_HOT static bool reread_line(fmp_snap *into, const char *text, size_t len,
                                const fm_config *cfg, const fmp_check *c, local *m) {
    const fm_value *k = m->key;
    size_t end = fmp_after_line(text, len, m->new_end);
    fm_value *nv = NULL;
#ifndef FM_NO_FAST_PATH
    if (fmp_load_fast_line(into, cfg, text, len, k->start, end, k->line, k, &nv) != 0)
#endif
        nv = reread_block(into, text, len, end, cfg, k);
    if (!nv || !one_line_scalar(nv) || nv->start != m->start || nv->end != m->new_end ||
        nv->line != k->line || !fmp_check_same_value(c->value, nv, false))
        return false;
    /* The line was read from its key on: columns count from the indent. */
    nv->column += k->column - 1;
    nv->end_column += k->column - 1;
    m->fresh = nv;
    m->new_col = nv->end_column;
    return true;
}

/* The new value's node: known from its rendering (fmp_rendered_string)
 * when the planner wrote it (`rendered`), else the edited line read again
 * (reread_line); false as reread_line. */
FMP_HOT static bool fresh_value(fmp_snap *into, const char *text, size_t len,
                                const fm_config *cfg, const fmp_check *c,
                                const fmp_buf *repl, bool rendered, local *m) {
    fm_value *nv = rendered ? fmp_rendered_string(&into->arena, repl, c->value,
                                                  cfg->max_scalar_length, m->start,
                                                  m->line, m->old->column)
                            : NULL;
    if (!nv)
        return reread_line(into, text, len, cfg, c, m);
    m->fresh = nv;
    m->new_col = nv->end_column;
    return true;
}

/* ===================================================================== */
/* The new tree                                                          */
/* ===================================================================== */

/* A position of the old text in the new one. */
static inline void move(const local *m, size_t *off, unsigned *line, unsigned *col) {
    if (*off < m->end)
        return;
    *off = *off - m->end + m->new_end;
    if (*line == m->line)
        *col = *col - m->old_col + m->new_col;
}

static inline void move_spans(fm_value *v, const local *m) {
    move(m, &v->start, &v->line, &v->column);
    move(m, &v->end, &v->end_line, &v->end_column);
}

FMP_HOT static void shift_later(fm_value *v, size_t by);

/* shift_later without a call for a scalar. */
static inline void shift_later_kid(fm_value *kid, size_t by) {
    if (is_collection(kid)) {
        shift_later(kid, by);
    } else {
        kid->start += by;
        kid->end += by;
    }
}

/* Moves the spans of the tree under v, which starts on a line after the
 * edit (and so does everything under it), by the bytes the edit added or
 * took (`by`, modulo SIZE_MAX + 1); columns stay. */
FMP_HOT static void shift_later(fm_value *v, size_t by) {
    v->start += by;
    v->end += by;
    size_t n = v->type == FM_MAPPING ? 2 * v->count : v->count;
    for (size_t i = 0; i < n; i++)
        shift_later_kid(v->u.items[i], by);
}

/* Moves the spans of the tree under v in place, with m->fresh in place of
 * m->old. A child that ends before the edit keeps its spans; one on a
 * later line only moves by the bytes the edit added or took, and so do
 * the children after it (children are in the order of the text: the
 * document has no alias). */
FMP_HOT static void shift(fm_value *v, const local *m) {
    size_t by = m->new_end - m->end; /* modulo SIZE_MAX + 1: it may take bytes */
    move_spans(v, m);
    if (!is_collection(v))
        return;
    size_t n = v->type == FM_MAPPING ? 2 * v->count : v->count, i = 0;
    for (; i < n; i++) {
        fm_value *kid = v->u.items[i];
        if (kid == m->old)
            v->u.items[i] = m->fresh;
        else if (kid->end < m->end)
            continue;
        else if (kid->line > m->line)
            break;
        else
            shift(kid, m);
    }
    for (; i < n; i++)
        shift_later_kid(v->u.items[i], by);
}

/* A copy of v in arena a with its spans moved, m->fresh in place of
 * m->old; NULL when out of memory. */
static fm_value *copy(fmp_arena *a, const fm_value *v, const local *m) {
    fm_value *c = fmp_arena_alloc(a, sizeof *c);
    if (!c)
        return NULL;
    *c = *v;
    move_spans(c, m);
    if ((v->text && !(c->text = fmp_arena_strndup(a, v->text, v->text_len))) ||
        (v->tag && !(c->tag = fmp_arena_strndup(a, v->tag, strlen(v->tag)))) ||
        (v->anchor && !(c->anchor = fmp_arena_strndup(a, v->anchor, strlen(v->anchor)))))
        return NULL;
    if (!is_collection(v))
        return c;
    size_t n = v->type == FM_MAPPING ? 2 * v->count : v->count;
    fm_value **items = fmp_arena_alloc(a, (n ? n : 1) * sizeof *items);
    if (!items)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const fm_value *kid = v->u.items[i];
        items[i] = kid == m->old ? m->fresh : copy(a, kid, m);
        if (!items[i])
            return NULL;
    }
    c->u.items = items;
    return c;
}

/* The parts of the old text, at their places in the new one (a body left in
 * the caller's input stays there). */
static inline const char *moved(const char *at, const fmp_snap *old, const char *text,
                                const local *m) {
    size_t off = (size_t)(at - old->text);
    return text + (off < m->end ? off : off - m->end + m->new_end);
}

FMP_HOT static void move_parts(fm_parts *p, const fmp_snap *old, const char *text,
                               bool apart, const local *m) {
    p->lead = moved(p->lead, old, text, m);
    p->open_fence = moved(p->open_fence, old, text, m);
    p->front = moved(p->front, old, text, m);
    p->close_fence = moved(p->close_fence, old, text, m);
    if (!apart)
        p->body = moved(p->body, old, text, m);
    p->front_len = p->front_len - (m->end - m->start) + (m->new_end - m->start);
}

/* ===================================================================== */
/* Committing                                                            */
/* ===================================================================== */

/* A new text of n bytes for an edit in place: in the snapshot's arena when
 * it is short and the arena's chunk has room for it and for the line re-read
 * after it (*owned false), else from the allocator. */
FMP_HOT static char *text_room(fm_doc *doc, bool in_place, size_t n, bool *owned) {
    fmp_arena *a = &doc->snap->arena;
    *owned = !in_place || n > ARENA_TEXT_MAX ||
             (size_t)(a->end - a->next) < n + ARENA_TEXT_SPARE;
    return *owned ? fmp_malloc(&doc->al, n) : fmp_arena_alloc(a, n);
}

/* The new text: of *len bytes in all, of which *held (and a NUL) in the
 * buffer returned, all but a body that stays in the caller's input. */
FMP_INLINE char *spliced_text(fm_doc *doc, const fmp_buf *repl, const local *m,
                              bool in_place, size_t *len, size_t *held, bool *owned) {
    const fmp_snap *old = doc->snap;
    size_t to = fmp_body_lent(old) ? fmp_body_offset(old) : old->len;
    *len = old->len - (m->end - m->start) + repl->len;
    *held = to - (m->end - m->start) + repl->len;
    char *text = text_room(doc, in_place, *held + 1, owned);
    if (!text)
        return NULL;
    memcpy(text, old->text, m->start);
    memcpy(text + m->start, repl->data, repl->len);
    memcpy(text + m->new_end, old->text + m->end, to - m->end);
    text[*held] = '\0';
    return text;
}

/* Whether the document alone holds its snapshot (no article, saved
 * baseline, original or caller keeps it): its tree can change in place. */
FMP_HOT static bool held_alone(const fm_doc *doc) {
    const fmp_snap *s = doc->snap;
    int refs = __atomic_load_n(&s->refs, __ATOMIC_ACQUIRE);
    return doc->orig != s && doc->base.snap != s && refs == 1 + (doc->home == s) &&
           s->local_edits < MAX_LOCAL_EDITS;
}

/* The new text of snapshot s: len bytes, held of them in text (a whole
 * copy made of the old one goes). */
FMP_HOT static void take_text(fmp_snap *s, char *text, size_t len, size_t held,
                              bool owned) {
    fmp_free(&s->al, s->flat);
    s->flat = NULL;
    s->text = text;
    s->owned_text = owned ? text : NULL;
    s->len = len;
    s->borrowed = false;
    s->body_apart = held < len;
}

/* The snapshot takes the new text and tree in place (nothing can fail). */
FMP_HOT static void commit_in_place(fm_doc *doc, char *text, size_t len, size_t held,
                                    bool owned, const local *m) {
    fmp_snap *s = doc->snap;
    shift(s->root, m);
    move_parts(&s->parts, s, text, held < len, m);
    fmp_free(&s->al, s->owned_text);
    take_text(s, text, len, held, owned);
}

/* A new snapshot with the new text and a moved copy of the tree. */
static int commit_in_copy(fm_doc *doc, char *text, size_t len, size_t held,
                          const fmp_buf *repl, bool rendered, const fmp_check *c,
                          local *m) {
    const fmp_snap *old = doc->snap;
    fmp_snap *snap = fmp_snap_for_front(old->parts.front_len, &doc->cfg);
    if (!snap) {
        fmp_free(&doc->al, text);
        return 1;
    }
    take_text(snap, text, len, held, true);
    snap->parts = old->parts;
    fm_value *root = NULL;
    if (fresh_value(snap, text, held, &doc->cfg, c, repl, rendered, m))
        root = copy(&snap->arena, old->root, m);
    if (!root) {
        fmp_snap_release(snap);
        return 1;
    }
    snap->root = root;
    snap->local_copy = true;
    move_parts(&snap->parts, old, text, held < len, m);
    fmp_snap_release(doc->snap);
    doc->snap = snap;
    return 0;
}

/* ===================================================================== */
/* A key added at the end of the root block                              */
/* ===================================================================== */

/* The line break that ends line r[0..n) (its offset), when r is one line
 * with its break; else n. */
static size_t one_line(const char *r, size_t n) {
    if (n == 0 || r[n - 1] != '\n')
        return n;
    size_t brk = n >= 2 && r[n - 2] == '\r' ? n - 2 : n - 1;
    return memchr(r, '\n', brk) || memchr(r, '\r', brk) ? n : brk;
}

/* The line break after v, when it ends v's line and that line ends at `at`. */
static bool ends_line_at(const char *t, const fm_value *v, size_t at) {
    size_t e = v->end;
    return (t[e] == '\n' && e + 1 == at) ||
           (t[e] == '\r' && e + 2 == at && t[e + 1] == '\n');
}

/* An insert of one line `key: ` + value + break (the key written as its own
 * text) as the last pair of the root block mapping, at the very end of the
 * front matter, after a last value on one line that ends where its line
 * does: a line at the root's indent then ends that value as the end of the
 * block did, so the lines before read as they did and the new one reads as
 * a block of its own. m gets the span the value must read back at and the
 * new line's number. */
static bool insert_applies(const fm_doc *doc, size_t start, size_t end,
                           const fmp_buf *repl, const fmp_check *c, local *m) {
    const fmp_snap *s = doc->snap;
    const fm_value *root = s->root;
    if (!plain_tree(s, c) || c->into != root || root->type != FM_MAPPING ||
        root->style != FM_STYLE_BLOCK || root->count == 0 || root->cap != 0 ||
        root->column != 1 ||
        start != end || start != root->end || root->end_column != 1 ||
        start != (size_t)(s->parts.front - s->text) + s->parts.front_len ||
        root->weight > doc->cfg.max_keys || repl->failed ||
        s->len + repl->len > doc->cfg.max_input_size)
        return false;
    const fm_value *last = fmp_map_val(root, root->count - 1);
    const fm_path_step *k = &c->steps[c->nsteps - 1];
    const char *r = repl->data;
    size_t brk = one_line(r, repl->len);
    if (!one_line_scalar(last) || !ends_line_at(s->text, last, start) || !k->key ||
        brk == repl->len || k->len + 2 >= brk || memcmp(r, k->key, k->len) != 0 ||
        r[k->len] != ':' || r[k->len + 1] != ' ')
        return false;
    m->in = root;
    m->start = start + k->len + 2;
    m->new_end = start + brk;
    m->line = root->end_line;
    return true;
}

/* The key node a load gives a plain key `key` at line start `at`. */
static fm_value *new_key(fmp_arena *a, const char *key, size_t len, size_t at,
                         unsigned line) {
    return new_string(a, FM_STYLE_PLAIN, key, len, at, len, line, 1,
                      1 + (unsigned)fmp_utf8_count(key, len));
}

/* The root takes the new pair and the snapshot the new text, whose bytes
 * [edit->start, edit->new_end) were added; false when out of memory (then
 * nothing changed). */
static bool commit_insert(fm_doc *doc, char *text, size_t len, size_t held, bool owned,
                          fm_value *key, fm_value *val, const local *edit) {
    fmp_snap *s = doc->snap;
    fm_value *root = s->root;
    size_t used = 2 * root->count;
    fm_value **items = fmp_arena_alloc(&s->arena, (used + 2) * sizeof *items);
    if (!items)
        return false;
    memcpy(items, root->u.items, used * sizeof *items);
    items[used] = key;
    items[used + 1] = val;
    root->u.items = items;
    root->count++;
    root->weight += key->weight + val->weight;
    root->end = edit->new_end;
    root->end_line++;
    move_parts(&s->parts, s, text, held < len, edit);
    s->parts.body_line++;
    fmp_free(&s->al, s->owned_text);
    take_text(s, text, len, held, owned);
    return true;
}

/* fmp_splice_local for a set that adds a key (c->into). */
static int insert_local(fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
                        const fmp_check *c) {
    local m;
    memset(&m, 0, sizeof m);
    if (!held_alone(doc) || !insert_applies(doc, start, end, repl, c, &m))
        return 1;
    local edit = {.start = start, .end = start, .new_end = start + repl->len};
    size_t len, held;
    bool owned;
    char *text = spliced_text(doc, repl, &edit, true, &len, &held, &owned);
    if (!text)
        return 1;
    fmp_snap *s = doc->snap;
    s->local_edits++;
    const fm_path_step *k = &c->steps[c->nsteps - 1];
    fm_value *key = new_key(&s->arena, k->key, k->len, start, m.line);
    m.key = key;
    if (!key || !reread_line(s, text, held, &doc->cfg, c, &m) ||
        !commit_insert(doc, text, len, held, owned, key, m.fresh, &edit)) {
        if (owned)
            fmp_free(&doc->al, text);
        return 1;
    }
    return 0;
}

FMP_HOT int fmp_splice_local(fm_doc *doc, size_t start, size_t end, const fmp_buf *repl,
                             bool rendered, const fmp_check *c) {
    if (c->into)
        return insert_local(doc, start, end, repl, c);
    local m;
    memset(&m, 0, sizeof m);
    m.start = start;
    m.end = end;
    if (repl->failed || !applies(doc, repl, c, &m))
        return 1;
    m.new_end = start + repl->len;
    m.line = m.old->line;
    m.old_col = m.old->end_column;
    size_t len, held;
    bool in_place = held_alone(doc), owned;
    char *text = spliced_text(doc, repl, &m, in_place, &len, &held, &owned);
    if (!text)
        return 1;
    if (!in_place)
        return commit_in_copy(doc, text, len, held, repl, rendered, c, &m);
    doc->snap->local_edits++;
    if (!fresh_value(doc->snap, text, held, &doc->cfg, c, repl, rendered, &m)) {
        if (owned)
            fmp_free(&doc->al, text);
        return 1;
    }
    commit_in_place(doc, text, len, held, owned, &m);
    return 0;
}
