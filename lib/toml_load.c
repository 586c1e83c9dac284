/* SPDX-License-Identifier: MIT */
/* toml_load.c - TOML front matter (toml.io v1.0.0) to the value tree: lines,
 * keys, [tables], [[arrays of tables]], arrays, inline tables, and every rule
 * against defining a key or a table twice. Scalars are toml_scalar.c's. */
#include "private.h"

#include <string.h>

/*
 * The tree (fmatter(5) documents it for users and for edits):
 *
 *   - the root is a block mapping; [a.b] headers add block mappings under
 *     it, [[a]] headers a block sequence of block mappings; tables a header
 *     path or dotted keys pass through are block mappings too (flow ones
 *     inside an inline table);
 *   - arrays are flow sequences, inline tables flow mappings;
 *   - every table's flags say where it came from (FMP_TOML_*): the rules
 *     against redefinition below are decisions on those flags;
 *   - spans: a key spans its text (for [a.b], b's key spans `b` in the
 *     header that defined the table); a header table from its `[` to the end
 *     of its last key/value line; a table made by dotted keys from its first
 *     key to the end of the last value written through it; an implicit table
 *     spans the key that made it (until a header or dotted keys define it:
 *     then their key names it and its span starts there); the root from the
 *     first line that is not blank or a comment to the end of the last one.
 *
 * Nesting (arrays in arrays, inline tables) goes on an explicit stack of
 * open collections, so no input can make the loader recurse. A dotted key's
 * segments wait on the tree's children stack (tree->kids) until its value
 * is read.
 *
 * Front matter left open by fmp_split_open (fmp_load_toml_open) ends at the
 * first line start the document's lines reach that is a closing fence (the
 * text is then read once); a multi-line string or array looks for the fence
 * first (fmp_toml_find_end). Up to there the reader reads what it would
 * read in the front fm_split finds: that front ends with the line break
 * before the fence, and nothing on a line looks past its break.
 */

/* A key as read: a dotted key's segments before the last wait on
 * tree->kids from `first`; `last` is its last segment (or its only one). */
typedef struct keypath {
    size_t first;
    size_t n; /* segments in all */
    fm_value *last;
} keypath;

/* An open array or inline table. */
typedef struct frame {
    fm_value *node;
    size_t depth;    /* the node's (the root's is 0) */
    size_t first;    /* arrays: their first item in tree->kids */
    keypath pending; /* inline tables: the key whose value is read */
} frame;

typedef struct toml {
    fmp_toml_in in;
    fmp_tree *tree;
    fm_value *root;
    fm_value *section;     /* the table key/value lines go to */
    fm_value *section_aot; /* the array of tables it is the last table of */
    size_t section_depth;
    fmp_pos last_end; /* the end of the last key/value line or header */
    const fm_value *last; /* when not NULL: the value of the last key/value
                             line, whose end is last_end and the section's
                             (not written there until the section ends) */
    bool any;         /* a key/value line or header has been read */
    bool pieces;      /* a table took keys after its parent took it */
    frame *frames;
    size_t nframes, frames_cap;
    frame frames_stack[16];
} toml;

#define NO_PAIR ((size_t)-1)
/* Tables that take keys after their parent took their weight: a weight
 * pass at the end counts them again (inline tables are weighed when they
 * close, arrays when they end). */
#define BUILT_IN_PIECES                                                                  \
    (FMP_TOML_HEADER | FMP_TOML_IMPLICIT | FMP_TOML_DOTTED | FMP_TOML_AOT)
/* A key in messages: "name" cut at 60 bytes. */
#define KEY_FMT "\"%.60s%s\""
#define KEY_ARGS(k) (k)->text, (k)->text_len > 60 ? "..." : ""

/* ===================================================================== */
/* Characters, blanks, comments, line ends                               */
/* ===================================================================== */

static inline bool at(const toml *t, char c) {
    return t->in.p < t->in.end && *t->in.p == c;
}

static void skip_blanks(toml *t) {
    const char *p = t->in.p, *end = t->in.end; /* locals: no reload per byte */
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    t->in.p = p;
}

/* A comment from the '#' at in.p up to its line break. */
static int comment(toml *t) {
    const char *p = t->in.p + 1, *end = t->in.end;
    for (;;) {
        while (end - p >= 8 && fmp_printable8(p))
            p += 8;
        if (p == end || fmp_toml_newline(p, end))
            break;
        unsigned char c = (unsigned char)*p;
        size_t n = (c >= 0x20 && c < 0x7F) || c == '\t' ? 1
                   : c >= 0x80                          ? fmp_toml_char_len(&t->in, p)
                                                        : 0;
        if (n == 0)
            return fmp_toml_bad_char(&t->in, p, "in a comment");
        p += n;
    }
    t->in.p = p;
    return 0;
}

/* Blanks, a comment, then the end (or the text's) of the line that starts
 * at `line`. */
static int end_of_line(toml *t, const char *line, const char *after) {
    if (!at(t, '\n')) { /* else the usual: the line break at once */
        skip_blanks(t);
        if (at(t, '#') && comment(t) != 0)
            return -1;
        if (t->in.p == t->in.end)
            return 0;
    }
    size_t nl = fmp_toml_newline(t->in.p, t->in.end);
    if (nl == 0)
        return fmp_toml_unexpected(&t->in, t->in.p, after);
    fmp_cursor *c = &t->in.cursor;
    if (c->at == t->in.p || c->line_start == line) {
        /* The cursor stands on this line (at its break where a value or
         * header ended, or before blanks and a comment): it moves to the
         * next line's start, where the next key's position is found at
         * once. */
        c->line++;
        c->column = c->base_column = 1;
        c->at = c->line_start = t->in.p + nl;
    }
    t->in.p += nl;
    return 0;
}

/* Blanks, comments and line breaks, as arrays allow between values. */
static int skip_space(toml *t) {
    for (;;) {
        skip_blanks(t);
        if (at(t, '#') && comment(t) != 0)
            return -1;
        size_t nl = fmp_toml_newline(t->in.p, t->in.end);
        if (nl == 0)
            return 0;
        if (t->in.open)
            fmp_toml_find_end(&t->in);
        t->in.p += nl;
    }
}

void fmp_toml_find_end(fmp_toml_in *in) {
    if (!in->open)
        return;
    const char *text = in->cursor.text;
    size_t len = (size_t)(in->end - text), from = (size_t)(in->cursor.line_start - text);
    in->end = text + fmp_split_toml_find_close(text, len, from);
    in->open = false;
}

/* True (and the text ends there) when the document's line at `line`,
 * whose first byte is '+', is the closing fence while it is not found yet.
 * No key or header starts with '+': other lines never need the check. */
static bool closes_at(toml *t, const char *line) {
    const char *text = t->in.cursor.text;
    if (!t->in.open ||
        !fmp_split_toml_is_close(text, (size_t)(t->in.end - text), (size_t)(line - text)))
        return false;
    t->in.p = t->in.end = line;
    t->in.open = false;
    return true;
}

/* ===================================================================== */
/* Keys                                                                  */
/* ===================================================================== */

/* The rest of a key whose first segment (kp->last) is read: the blanks
 * after it, and its dotted segments with theirs. */
static int key_rest(toml *t, keypath *kp) {
    for (;;) {
        skip_blanks(t);
        if (!at(t, '.'))
            return 0;
        if (fmp_tree_push(t->tree, kp->last) != 0)
            return -1;
        t->in.p++;
        skip_blanks(t);
        kp->n++;
        if (!(kp->last = fmp_toml_key(&t->in)))
            return -1;
    }
}

/* A key, dotted or not, at in.p, and the blanks after it. */
static int key_path(toml *t, keypath *kp) {
    kp->first = t->tree->nkids;
    kp->n = 1;
    if (!(kp->last = fmp_toml_key(&t->in)))
        return -1;
    return key_rest(t, kp);
}

/* Segment i of a key (i < k->n). */
static inline fm_value *segment(const toml *t, const keypath *kp, size_t i) {
    return i + 1 == kp->n ? kp->last : t->tree->kids[kp->first + i];
}

/* Forgets a key's segments once they are in the tree. */
static inline void drop_key(toml *t, const keypath *kp) {
    t->tree->nkids = kp->first;
}

/* ===================================================================== */
/* Tables and the rules against defining anything twice                  */
/* ===================================================================== */

/* What a header table is called in messages: its header's text from after
 * the bracket(s) to the end of its key. */
static int header_name(const toml *t, const fm_value *table, const fm_value *key,
                       const char **name) {
    const char *s = t->in.cursor.text + table->start;
    const char *e = t->in.cursor.text + key->end;
    while (s < e && (*s == '[' || *s == ' ' || *s == '\t'))
        s++;
    *name = s;
    return e - s > 60 ? 60 : (int)(e - s);
}

/* A new table for key `seg`, starting where the key does. */
static fm_value *new_table(toml *t, const fm_value *seg, fm_style style, unsigned flags) {
    fm_value *table = fmp_tree_node(t->tree, FM_MAPPING, style, fmp_value_pos(seg), 0);
    if (!table)
        return NULL;
    t->pieces = true;
    table->flags = (uint16_t)(table->flags | flags);
    fmp_tree_set_end(table, fmp_value_end(seg));
    return table;
}

static void set_start(fm_value *v, fmp_pos p) {
    v->start = p.offset;
    v->line = p.line;
    v->column = p.column;
}

/* FM_ERR_DUPLICATE_KEY at `at`, about the earlier definition `old`. */
static int fail_at(toml *t, const fm_value *at, const char *fmt, ...) FMP_PRINTF(3, 4);

static int fail_at(toml *t, const fm_value *at, const char *fmt, ...) {
    char msg[FM_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fmp_tree_fail(t->tree, FM_ERR_DUPLICATE_KEY, fmp_value_pos(at), "%s", msg);
}

static int fail_inline(toml *t, const fm_value *seg, const fm_value *key,
                       const fm_value *old) {
    return fail_at(t, seg,
                   "cannot add to the inline table " KEY_FMT
                   " defined at line %u, column %u",
                   KEY_ARGS(key), old->line, old->column);
}

/* Key `key` of `table` is there already, as pair i. */
static int fail_defined(toml *t, const fm_value *key, const fm_value *table, size_t i) {
    const fm_value *old_key = fmp_map_key(table, i), *old = fmp_map_val(table, i);
    if (old->type == FM_MAPPING && (old->flags & FMP_TOML_HEADER)) {
        const char *name;
        int n = header_name(t, old, old_key, &name);
        return fail_at(t, key,
                       "key " KEY_FMT " is already defined as table [%.*s] at "
                       "line %u, column %u",
                       KEY_ARGS(key), n, name, old->line, old->column);
    }
    const char *as =
        old->type == FM_SEQUENCE && (old->flags & FMP_TOML_AOT) ? " as an array of tables"
        : old->type == FM_MAPPING && !(old->flags & FMP_TOML_INLINE) ? " as a table"
                                                                     : "";
    return fail_at(t, key, "key " KEY_FMT " is already defined%s at line %u, column %u",
                   KEY_ARGS(key), as, old_key->line, old_key->column);
}

static int add_pair(toml *t, fm_value *table, fm_value *key, fm_value *v) {
    fmp_key_slot dup;
    int rc = fmp_tree_map_put(t->tree, table, key, v, &dup);
    return rc > 0 ? fail_defined(t, key, table, dup.first) : rc;
}

/* The table a dotted key's segment `seg` leads to from `table` (whose depth
 * is depth): created when missing; an implicit table becomes a dotted one.
 * Header tables, inline tables, arrays and values are closed to it. */
static fm_value *dotted_table(toml *t, fm_value *table, fm_value *seg, size_t depth,
                              bool in_inline) {
    size_t i = fmp_tree_lookup(t->tree, table, seg);
    if (i == NO_PAIR) {
        fm_value *sub;
        if (fmp_tree_depth(t->tree, depth + 1, fmp_value_pos(seg)) != 0 ||
            !(sub = new_table(t, seg, in_inline ? FM_STYLE_FLOW : FM_STYLE_BLOCK,
                              FMP_TOML_DOTTED)) ||
            add_pair(t, table, seg, sub) != 0)
            return NULL;
        return sub;
    }
    const fm_value *key = fmp_map_key(table, i);
    fm_value *old = table->u.items[2 * i + 1];
    if (old->type == FM_MAPPING && (old->flags & FMP_TOML_INLINE))
        fail_inline(t, seg, key, old);
    else if (old->type == FM_MAPPING && (old->flags & FMP_TOML_HEADER)) {
        const char *name;
        int n = header_name(t, old, key, &name);
        fail_at(t, seg,
                "dotted keys cannot add to table [%.*s] defined at line %u, "
                "column %u",
                n, name, old->line, old->column);
    } else if (old->type == FM_MAPPING) {
        if (!(old->flags & FMP_TOML_DOTTED)) {
            /* A table a header path made, defined by these dotted keys now:
             * they name it and it starts here. */
            table->u.items[2 * i] = seg;
            set_start(old, fmp_value_pos(seg));
            fmp_tree_set_end(old, fmp_value_end(seg));
        }
        old->flags = (uint16_t)(old->flags | FMP_TOML_DOTTED);
        return old;
    } else {
        fail_at(t, seg, "key " KEY_FMT " is already defined as %s at line %u, column %u",
                KEY_ARGS(key),
                old->flags & FMP_TOML_AOT ? "an array of tables" : "a value", key->line,
                key->column);
    }
    return NULL;
}

/* Adds v to `table` (at depth) under key k; the segments before the last
 * lead through dotted tables, whose spans then reach v's end. */
static int insert_dotted(toml *t, fm_value *table, size_t depth, const keypath *kp,
                         fm_value *v, bool in_inline) {
    for (size_t i = 0; i + 1 < kp->n; i++) {
        table = dotted_table(t, table, segment(t, kp, i), depth + i, in_inline);
        if (!table)
            return -1;
        fmp_tree_set_end(table, fmp_value_end(v));
    }
    return add_pair(t, table, kp->last, v);
}

static inline int insert(toml *t, fm_value *table, size_t depth, const keypath *kp,
                         fm_value *v, bool in_inline) {
    return kp->n == 1 ? add_pair(t, table, kp->last, v)
                      : insert_dotted(t, table, depth, kp, v, in_inline);
}

/* Walks a header's segments but the last from the root: missing tables
 * are made (implicit), an array of tables leads to its last table. Returns
 * the table the last segment belongs to, and its depth. */
static fm_value *header_parent(toml *t, const keypath *kp, size_t *depth) {
    fm_value *table = t->root;
    *depth = 0;
    for (size_t i = 0; i + 1 < kp->n; i++) {
        fm_value *seg = segment(t, kp, i);
        size_t k = fmp_tree_lookup(t->tree, table, seg);
        if (k == NO_PAIR) {
            fm_value *sub;
            if (fmp_tree_depth(t->tree, *depth + 1, fmp_value_pos(seg)) != 0 ||
                !(sub = new_table(t, seg, FM_STYLE_BLOCK, FMP_TOML_IMPLICIT)) ||
                add_pair(t, table, seg, sub) != 0)
                return NULL;
            table = sub;
            *depth += 1;
            continue;
        }
        const fm_value *key = fmp_map_key(table, k);
        fm_value *old = table->u.items[2 * k + 1];
        if (old->type == FM_SEQUENCE && (old->flags & FMP_TOML_AOT)) {
            table = old->u.items[old->count - 1];
            *depth += 2;
        } else if (old->type == FM_MAPPING && !(old->flags & FMP_TOML_INLINE)) {
            table = old;
            *depth += 1;
        } else if (old->type == FM_MAPPING) {
            fail_inline(t, seg, key, old);
            return NULL;
        } else {
            fail_at(t, seg,
                    "key " KEY_FMT " is already defined as a value at line %u, "
                    "column %u",
                    KEY_ARGS(key), key->line, key->column);
            return NULL;
        }
    }
    return table;
}

/* [name] when name is there already, as pair k of parent. */
static int fail_table_defined(toml *t, const fm_value *open, fm_value *seg,
                              const fm_value *parent, size_t k) {
    const fm_value *key = fmp_map_key(parent, k), *old = fmp_map_val(parent, k);
    const char *name;
    int n = header_name(t, open, seg, &name);
    if (old->type == FM_MAPPING && !(old->flags & FMP_TOML_INLINE)) {
        bool dotted = !(old->flags & FMP_TOML_HEADER);
        const fm_value *where = dotted ? key : old;
        return fail_at(t, open, "table [%.*s] is already defined%s at line %u, column %u",
                       n, name, dotted ? " by dotted keys" : "", where->line,
                       where->column);
    }
    if (old->type == FM_MAPPING || (old->flags & FMP_TOML_AOT))
        return fail_at(t, open,
                       "table [%.*s] is already defined as %s at line %u, "
                       "column %u",
                       n, name,
                       old->type == FM_MAPPING ? "an inline table" : "an array of tables",
                       old->line, old->column);
    return fail_defined(t, seg, parent, k);
}

/* The section ends (a header or the end of the text comes): its end, and
 * last_end, are the end of its last key/value line, if any. */
static void end_section(toml *t) {
    if (!t->last)
        return;
    t->last_end = fmp_value_end(t->last);
    t->last = NULL;
    fmp_tree_set_end(t->section, t->last_end);
    if (t->section_aot)
        fmp_tree_set_end(t->section_aot, t->last_end);
}

/* Makes `table` (at depth) the one key/value lines go to. */
static void enter_section(toml *t, fm_value *table, size_t depth, fm_value *aot) {
    t->section = table;
    t->section_depth = depth;
    t->section_aot = aot;
}

/* Where a header's last key goes: its table (at *depth), and the pair it
 * has there already (*pair, or NO_PAIR: then the depth is checked for the
 * collection about to be made). NULL after failing. */
static fm_value *header_target(toml *t, const keypath *kp, size_t *depth, size_t *pair) {
    fm_value *parent = header_parent(t, kp, depth);
    if (!parent)
        return NULL;
    *pair = fmp_tree_lookup(t->tree, parent, kp->last);
    if (*pair == NO_PAIR &&
        fmp_tree_depth(t->tree, *depth + 1, fmp_value_pos(kp->last)) != 0)
        return NULL;
    return parent;
}

/* [a.b]: defines the table, or an implicit one made earlier. `open` is a
 * node holding the header's place (its '['). */
static int define_table(toml *t, const fm_value *open, const keypath *kp) {
    size_t depth, k;
    fm_value *parent = header_target(t, kp, &depth, &k);
    if (!parent)
        return -1;
    fm_value *seg = kp->last, *table;
    if (k == NO_PAIR) {
        if (!(table = new_table(t, seg, FM_STYLE_BLOCK, FMP_TOML_HEADER)) ||
            add_pair(t, parent, seg, table) != 0)
            return -1;
    } else {
        table = parent->u.items[2 * k + 1];
        if (table->type != FM_MAPPING ||
            (table->flags & (FMP_TOML_HEADER | FMP_TOML_DOTTED | FMP_TOML_INLINE)))
            return fail_table_defined(t, open, seg, parent, k);
        /* An implicit table, defined now: this header's key names it. */
        table->flags = (uint16_t)((table->flags & ~FMP_TOML_IMPLICIT) | FMP_TOML_HEADER);
        parent->u.items[2 * k] = seg;
    }
    set_start(table, fmp_value_pos(open));
    fmp_tree_set_end(table, fmp_value_end(open));
    enter_section(t, table, depth + 1, NULL);
    return 0;
}

/* [[a.b]]: a new table at the end of the array of tables (made when
 * missing). */
static int define_array_table(toml *t, const fm_value *open, const keypath *kp) {
    size_t depth, k;
    fm_value *parent = header_target(t, kp, &depth, &k);
    if (!parent)
        return -1;
    fm_value *seg = kp->last, *aot;
    if (k == NO_PAIR) {
        if (!(aot = fmp_tree_node(t->tree, FM_SEQUENCE, FM_STYLE_BLOCK,
                                  fmp_value_pos(open), 0)) ||
            add_pair(t, parent, seg, aot) != 0)
            return -1;
        aot->flags |= FMP_TOML_AOT;
        t->pieces = true;
    } else {
        aot = parent->u.items[2 * k + 1];
        if (aot->type != FM_SEQUENCE || !(aot->flags & FMP_TOML_AOT))
            return fail_defined(t, seg, parent, k);
    }
    fm_value *table;
    if (fmp_tree_depth(t->tree, depth + 2, fmp_value_pos(open)) != 0 ||
        !(table = fmp_tree_node(t->tree, FM_MAPPING, FM_STYLE_BLOCK, fmp_value_pos(open),
                                0)) ||
        fmp_tree_append(t->tree, aot, table) != 0)
        return -1;
    table->flags |= FMP_TOML_HEADER | FMP_TOML_AOT;
    fmp_tree_set_end(table, fmp_value_end(open));
    fmp_tree_set_end(aot, fmp_value_end(open));
    enter_section(t, table, depth + 2, aot);
    return 0;
}

/* A [table] or [[array of tables]] header line. */
static int header(toml *t) {
    end_section(t);
    const char *open = t->in.p;
    bool aot = t->in.end - open > 1 && open[1] == '[';
    fm_value place; /* the header's span, for the tables it defines */
    memset(&place, 0, sizeof place);
    set_start(&place, fmp_toml_pos(&t->in, open));
    t->in.p += aot ? 2 : 1;
    skip_blanks(t);
    keypath kp;
    if (key_path(t, &kp) != 0)
        return -1;
    if (!at(t, ']') || (aot && (t->in.end - t->in.p < 2 || t->in.p[1] != ']')))
        return fmp_toml_unexpected(&t->in, t->in.p + (aot && at(t, ']')),
                                   aot ? "']]' after the key" : "']' after the key");
    t->in.p += aot ? 2 : 1;
    fmp_tree_set_end(&place, fmp_toml_pos(&t->in, t->in.p));
    int rc = aot ? define_array_table(t, &place, &kp) : define_table(t, &place, &kp);
    drop_key(t, &kp);
    t->last_end = fmp_value_end(&place);
    return rc;
}

/* ===================================================================== */
/* Values: arrays and inline tables on an explicit stack                 */
/* ===================================================================== */

static int push_frame(toml *t, fm_value *node, size_t depth) {
    if (t->nframes == t->frames_cap &&
        fmp_scratch_reserve(t->tree->al, (void **)&t->frames, &t->frames_cap, t->nframes,
                            sizeof *t->frames, t->frames_stack) != 0)
        return fmp_tree_nomem(t->tree);
    t->frames[t->nframes++] = (frame){node, depth, t->tree->nkids, {0, 0, NULL}};
    return 0;
}

/* '[' or '{' at in.p: a new collection at depth. */
static int open_collection(toml *t, size_t depth) {
    fmp_pos start = fmp_toml_pos(&t->in, t->in.p);
    bool array = *t->in.p == '[';
    fm_value *v;
    if (fmp_tree_depth(t->tree, depth, start) != 0 ||
        !(v = fmp_tree_node(t->tree, array ? FM_SEQUENCE : FM_MAPPING, FM_STYLE_FLOW,
                            start, 0)) ||
        push_frame(t, v, depth) != 0)
        return -1;
    if (!array)
        v->flags |= FMP_TOML_INLINE;
    t->in.p++;
    return 0;
}

/* The ']' or '}' at in.p closes the innermost collection: *v. An inline
 * table's dotted tables grew after it took their weight: weigh it again. */
static int close_collection(toml *t, fm_value **v) {
    frame *f = &t->frames[--t->nframes];
    if (f->node->type == FM_SEQUENCE
            ? fmp_tree_finish(t->tree, f->node, f->first) != 0
            : fmp_tree_weigh(t->tree, f->node, FMP_TOML_DOTTED) != 0)
        return -1;
    t->in.p++;
    fmp_tree_set_end(f->node, fmp_toml_pos(&t->in, t->in.p));
    *v = f->node;
    return 1;
}

/* `key =` inside the innermost inline table; the value's depth. */
static int inline_key(toml *t, size_t *depth) {
    frame *f = &t->frames[t->nframes - 1];
    if (key_path(t, &f->pending) != 0)
        return -1;
    if (!at(t, '='))
        return fmp_toml_unexpected(&t->in, t->in.p, "'=' after the key");
    t->in.p++;
    skip_blanks(t);
    *depth = f->depth + f->pending.n;
    return 0;
}

/* True when an array's next value starts at p itself (no blank, comment,
 * line break or closing bracket before it). */
static inline bool value_here(const char *p, const char *end) {
    return p < end && *p != ' ' && *p != '\t' && *p != '#' && *p != '\r' && *p != '\n' &&
           *p != ']';
}

/* The usual `[` or `, ` (`n` bytes, as many columns) before an array's next
 * value, the value right after it at in.p: taken at once (the cursor, when
 * at the mark, steps over it). False for anything else, left to the
 * general path. */
static bool item_start(toml *t, size_t n) {
    const char *p = t->in.p;
    if (!value_here(p, t->in.end))
        return false;
    if (t->in.cursor.at == p - n)
        fmp_cursor_skip(&t->in.cursor, p, (unsigned)n);
    return true;
}

/* The usual `, ` between two values of an array, the next one right
 * after it. False for anything else, left to the general path. */
static bool item_separator(toml *t) {
    const char *p = t->in.p;
    if (t->in.end - p < 2 || p[0] != ',' || p[1] != ' ')
        return false;
    t->in.p += 2;
    if (item_start(t, 2))
        return true;
    t->in.p = p;
    return false;
}

/* After the opening bracket or brace of the innermost collection: 1 when
 * it closes at once (*v), 0 when its first value starts (*depth). */
static int after_open(toml *t, fm_value **v, size_t *depth) {
    frame *f = &t->frames[t->nframes - 1];
    if (f->node->type == FM_SEQUENCE) {
        if (item_start(t, 1)) { /* the usual: a value right after the '[' */
            *depth = f->depth + 1;
            return 0;
        }
        if (skip_space(t) != 0)
            return -1;
        if (at(t, ']'))
            return close_collection(t, v);
        *depth = f->depth + 1;
        return 0;
    }
    skip_blanks(t);
    if (at(t, '}'))
        return close_collection(t, v);
    return inline_key(t, depth);
}

/* After a complete value v in the innermost collection: 1 when the
 * collection closes too (*v becomes it), 0 when its next value starts
 * (*depth). */
static int after_value(toml *t, fm_value **v, size_t *depth) {
    frame *f = &t->frames[t->nframes - 1];
    if (f->node->type == FM_SEQUENCE) {
        if (fmp_tree_push(t->tree, *v) != 0)
            return -1;
        if (item_separator(t)) {
            *depth = f->depth + 1;
            return 0;
        }
        if (skip_space(t) != 0)
            return -1;
        if (at(t, ',')) {
            t->in.p++;
            if (skip_space(t) != 0)
                return -1;
            if (!at(t, ']')) {
                *depth = f->depth + 1;
                return 0;
            }
        }
        if (at(t, ']'))
            return close_collection(t, v);
        return fmp_toml_unexpected(&t->in, t->in.p, "',' or ']' in the array");
    }
    if (insert(t, f->node, f->depth, &f->pending, *v, true) != 0)
        return -1;
    drop_key(t, &f->pending);
    skip_blanks(t);
    if (at(t, '}'))
        return close_collection(t, v);
    if (!at(t, ','))
        return fmp_toml_unexpected(&t->in, t->in.p,
                                   "',' or '}' (an inline table stays on one line)");
    t->in.p++;
    skip_blanks(t);
    if (at(t, '}'))
        return fmp_toml_fail(&t->in, FM_ERR_SYNTAX, t->in.p,
                             "a comma cannot end an inline table");
    return inline_key(t, depth);
}

/* The value at in.p; the collections it opens sit at depth. */
static fm_value *value(toml *t, size_t depth) {
    if (!at(t, '[') && !at(t, '{'))
        return fmp_toml_scalar(&t->in); /* most values: no stack to walk */
    size_t base = t->nframes;
    for (;;) {
        fm_value *v = NULL;
        int rc;
        if (at(t, '[') || at(t, '{'))
            rc = open_collection(t, depth) == 0 ? after_open(t, &v, &depth) : -1;
        else
            rc = (v = fmp_toml_scalar(&t->in)) != NULL ? 1 : -1;
        while (rc == 1 && t->nframes > base)
            rc = after_value(t, &v, &depth);
        if (rc < 0)
            return NULL;
        if (rc == 1)
            return v;
    }
}

/* ===================================================================== */
/* Lines                                                                 */
/* ===================================================================== */

/* The usual ` = ` after a key's only segment, with no more blanks after
 * it: taken at once (the cursor, when at the key's end, steps over it as
 * three columns). False for anything else, left to the general path. */
static bool separator(toml *t) {
    const char *p = t->in.p;
    if (t->in.end - p < 4 || p[0] != ' ' || p[1] != '=' || p[2] != ' ' || p[3] == ' ' ||
        p[3] == '\t')
        return false;
    t->in.p = p + 3;
    if (t->in.cursor.at == p)
        fmp_cursor_skip(&t->in.cursor, p + 3, 3);
    return true;
}

/* `key = value` in the current section. */
static int key_value(toml *t) {
    keypath kp = {t->tree->nkids, 1, NULL};
    fm_value *v;
    /* The usual key and value at once. */
    int rc = fmp_toml_line_pair(&t->in, t->section_depth + 1, &kp.last, &v);
    if (rc < 0 || (rc == 0 && !(kp.last = fmp_toml_key(&t->in))))
        return -1;
    if (rc != 1) {
        if (!separator(t)) {
            if (key_rest(t, &kp) != 0)
                return -1;
            if (!at(t, '='))
                return fmp_toml_unexpected(&t->in, t->in.p, "'=' after the key");
            t->in.p++;
            skip_blanks(t);
        }
        if (!(v = value(t, t->section_depth + kp.n)))
            return -1;
    }
    if (insert(t, t->section, t->section_depth, &kp, v, false) != 0)
        return -1;
    drop_key(t, &kp);
    t->last = v;
    return 0;
}

static int document(toml *t) {
    for (;;) {
        const char *line = t->in.p;
        skip_blanks(t);
        if (t->in.p == t->in.end)
            return 0;
        const char *p = t->in.p;
        if (*p == '+' && p == line && closes_at(t, line))
            return 0;
        if (*p != '#' && !fmp_toml_newline(p, t->in.end)) {
            if (!t->any) {
                fmp_pos start = fmp_toml_pos(&t->in, p);
                if (fmp_tree_depth(t->tree, 0, start) != 0)
                    return -1;
                set_start(t->root, start);
                t->any = true;
            }
            int rc = *p == '[' ? header(t) : key_value(t);
            if (rc != 0)
                return -1;
        }
        if (end_of_line(t, line, "the end of the line") != 0)
            return -1;
    }
}

/* fmp_load_toml, the closing fence not found yet when `open`; *end: where
 * the TOML text ended (the text's end: never closed, or not met yet), and
 * on success its position. */
static int load(fmp_snap *snap, const fm_config *cfg, bool open, fm_error *err,
                fmp_pos *end) {
    toml state, *t = &state;
    memset(t, 0, offsetof(toml, frames_stack));
    fmp_tree tree;
    fmp_tree_init(&tree, snap, cfg, err);
    t->tree = t->in.tree = &tree;
    t->in.p = snap->parts.front;
    t->in.end = snap->parts.front + snap->parts.front_len;
    t->in.open = open;
    fmp_cursor_init(&t->in.cursor, snap->text, t->in.p, snap->parts.front_line, 1);
    t->frames = t->frames_stack;
    t->frames_cap = sizeof t->frames_stack / sizeof t->frames_stack[0];
    fmp_pos start = {(size_t)(t->in.p - snap->text), snap->parts.front_line, 1};
    t->root = fmp_tree_node(&tree, FM_MAPPING, FM_STYLE_BLOCK, start, 0);
    t->last_end = start;
    enter_section(t, t->root, 0, NULL);
    int rc = t->root ? document(t) : -1;
    if (rc == 0) {
        end_section(t);
        fmp_tree_set_end(t->root, t->last_end);
        if (t->pieces) /* else every weight is right already */
            rc = fmp_tree_weigh(&tree, t->root, BUILT_IN_PIECES);
    }
    if (rc == 0)
        snap->root = t->root;
    if (t->frames != t->frames_stack)
        fmp_free(tree.al, t->frames);
    fmp_tree_release(&tree);
    if (rc == 0 && open)
        *end = fmp_toml_pos(&t->in, t->in.end);
    else
        end->offset = (size_t)(t->in.end - snap->text);
    return rc;
}

int fmp_load_toml(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    fmp_pos end;
    return load(snap, cfg, false, err, &end);
}

int fmp_load_toml_open(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    fm_error mine; /* the caller's only when the front matter is closed */
    mine.code = FM_OK;
    fmp_pos end;
    int rc = load(snap, cfg, true, &mine, &end);
    const char *text = snap->text;
    size_t len = snap->len, front = (size_t)(snap->parts.front - text);
    bool closed = end.offset < len ||
                  (rc != 0 && mine.code != FM_ERR_NOMEM &&
                   fmp_split_toml_find_close(text, len, front) < len);
    if (rc != 0 && (closed || mine.code == FM_ERR_NOMEM)) {
        if (err)
            *err = mine;
        snap->root = NULL;
        return -1;
    }
    if (!closed) { /* fmp_split_close says what fm_split says */
        snap->root = NULL;
        return 1;
    }
    fmp_split_close_at(text, len, end.offset, end.line - snap->parts.front_line,
                       &snap->parts);
    return 0;
}
