/* SPDX-License-Identifier: MIT */
/* convert.c - fm_doc_convert: the front matter rewritten in another format.
 * What each format can hold (the type mappings), the new block in YAML, TOML
 * or JSON with the comments carried over, and the comparison splice.c checks
 * the re-read tree with. */
#include "private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *format_title(fm_format f) {
    return f == FM_FORMAT_YAML ? "YAML" : f == FM_FORMAT_TOML ? "TOML" : "JSON";
}

/* ===================================================================== */
/* The tree in the target's types and order                              */
/* ===================================================================== */

/* The way from the root to a node (each level's step), for messages and
 * for TOML's table headers. */
typedef struct trail {
    const struct trail *up;
    fm_path_step step;
} trail;

typedef struct conv {
    const fm_allocator *al;
    fm_format from, to;
    bool spans; /* the new nodes keep their source spans (comments need them) */
    fm_error *err;
} conv;

static fm_value *nomem(const conv *c) {
    fmp_fail(c->err, FM_ERR_NOMEM, "out of memory");
    return NULL;
}

/* FM_ERR_CONVERT at node `at`: before, the path of t, then after. */
static fm_value *refuse(const conv *c, const trail *t, const fm_value *at, const char *before,
                        const char *after) {
    size_t n = 0;
    for (const trail *p = t; p; p = p->up)
        n++;
    fm_path_step *steps = fmp_malloc(c->al, (n ? n : 1) * sizeof *steps);
    fmp_buf path;
    fmp_buf_init(&path, c->al);
    if (steps) {
        size_t i = n;
        for (const trail *p = t; p; p = p->up)
            steps[--i] = p->step;
        fmp_steps_format(&path, steps, n);
        fmp_free(c->al, steps);
    }
    if (!steps || path.failed)
        nomem(c);
    else
        fmp_fail_pos(c->err, FM_ERR_CONVERT, at->line, at->column, at->start, "%s%s%s",
                     before, path.len ? path.data : "", after);
    fmp_buf_free(&path);
    return NULL;
}

/* Tags of the YAML core schema restate a type the value has; any other tag
 * is something TOML and JSON cannot hold. */
static bool core_tag(const char *tag) {
    static const char prefix[] = "tag:yaml.org,2002:";
    static const char *const core[] = {"str", "int", "float", "bool",
                                       "null", "seq", "map", "timestamp"};
    if (!tag || strcmp(tag, "!") == 0)
        return true;
    if (strncmp(tag, prefix, sizeof prefix - 1) != 0)
        return false;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (strcmp(tag + sizeof prefix - 1, core[i]) == 0)
            return true;
    return false;
}

/* The node keeps where it stood (for its comments). */
static void keep_span(const conv *c, fm_value *to, const fm_value *from) {
    if (!c->spans)
        return;
    to->start = from->start;
    to->end = from->end;
    to->line = from->line;
    to->column = from->column;
    to->end_line = from->end_line;
    to->end_column = from->end_column;
}

/* The style a string asks of the target's writer: quoted as written when
 * the source quoted it with single quotes (YAML '...', TOML '...'), a block
 * of lines when it was one (YAML | >, TOML """ '''), else the writer's
 * choice (plain when every reader agrees, TOML's basic string). */
static fm_style string_style(const conv *c, const fm_value *v) {
    if (v->type != FM_STRING || c->from == FM_FORMAT_JSON)
        return FM_STYLE_ANY;
    switch (v->style) {
    case FM_STYLE_SINGLE_QUOTED:
        return FM_STYLE_SINGLE_QUOTED;
    case FM_STYLE_LITERAL:
    case FM_STYLE_FOLDED:
    case FM_STYLE_MULTILINE_DOUBLE:
    case FM_STYLE_MULTILINE_SINGLE:
        return c->to == FM_FORMAT_YAML ? FM_STYLE_LITERAL : FM_STYLE_MULTILINE_DOUBLE;
    default:
        return FM_STYLE_ANY;
    }
}

static fm_value *convert_scalar(const conv *c, const trail *t, const fm_value *v) {
    char text[64];
    if (v->type == FM_NULL && c->to == FM_FORMAT_TOML)
        return refuse(c, t, v, "'", "' is null: TOML has no null");
    if (v->type == FM_TIMESTAMP && (v->u.dt.flags & FM_DT_NO_DATE)) {
        snprintf(text, sizeof text, "' is a time of day without a date: %s has none",
                 format_title(c->to));
        return refuse(c, t, v, "'", text);
    }
    if (v->type == FM_FLOAT && c->to == FM_FORMAT_JSON && !isfinite(v->u.f)) {
        snprintf(text, sizeof text, "' is %.16s: JSON has no infinity or NaN", v->text);
        return refuse(c, t, v, "'", text);
    }
    fm_value *out;
    if (v->type == FM_TIMESTAMP && c->to == FM_FORMAT_JSON) {
        size_t n = fm_datetime_format(&v->u.dt, text, sizeof text);
        out = fmp_new_string(c->al, text, n < sizeof text ? n : 0);
    } else {
        out = fmp_copy(c->al, v);
    }
    if (!out)
        return nomem(c);
    out->style = (uint8_t)string_style(c, v);
    return out;
}

/* Whether a collection is written in block form: as a YAML block
 * collection, a TOML [table] or [[array of tables]] (in TOML, a list only
 * when all its items are mappings). Not inside a flow collection, not
 * empty, not in flow style in the source (JSON has no styles: block). */
static bool block_form(const conv *c, const fm_value *v, bool in_flow) {
    if (in_flow || v->count == 0 || (v->type != FM_MAPPING && v->type != FM_SEQUENCE))
        return false;
    if (c->from != FM_FORMAT_JSON && v->style == FM_STYLE_FLOW)
        return false;
    if (c->to != FM_FORMAT_TOML || v->type == FM_MAPPING)
        return true;
    for (size_t i = 0; i < v->count; i++)
        if (v->u.items[i]->type != FM_MAPPING)
            return false;
    return true;
}

static fm_value *convert_value(const conv *c, const trail *t, const fm_value *v, bool in_flow,
                               bool table);

/* The key of pair i, checked: TOML and JSON keys are strings. */
static int check_key(const conv *c, const trail *kt, const fm_value *k) {
    char text[96];
    if (c->to != FM_FORMAT_YAML && k->type != FM_STRING) {
        snprintf(text, sizeof text, "' is a%s %s: %s keys are strings",
                 k->type == FM_INT ? "n" : "", fm_type_name((fm_type)k->type),
                 format_title(c->to));
        refuse(c, kt, k, "key '", text);
        return -1;
    }
    if (c->from == FM_FORMAT_YAML && !core_tag(k->tag)) {
        snprintf(text, sizeof text, "' has the tag %.40s: %s cannot hold it", k->tag,
                 format_title(c->to));
        refuse(c, kt, k, "key '", text);
        return -1;
    }
    return 0;
}

/* Mapping v as a new mapping, in block form (a TOML table: its plain values
 * first, then its tables, each group in source order) or flow form. */
static fm_value *convert_mapping(const conv *c, const trail *t, const fm_value *v,
                                 bool block) {
    fm_value *m = fmp_new_container(c->al, FM_MAPPING);
    if (!m)
        return nomem(c);
    m->style = block ? FM_STYLE_BLOCK : FM_STYLE_FLOW;
    int passes = c->to == FM_FORMAT_TOML && block ? 2 : 1;
    for (int pass = 0; pass < passes; pass++) {
        for (size_t i = 0; i < v->count; i++) {
            const fm_value *k = fmp_map_key(v, i), *val = fmp_map_val(v, i);
            if (passes == 2 && block_form(c, val, !block) != (pass == 1))
                continue;
            trail kt = {t, {k->text ? k->text : "", k->text ? k->text_len : 0, 0}};
            fm_value *nv = check_key(c, &kt, k) == 0
                               ? convert_value(c, &kt, val, !block, false)
                               : NULL;
            if (!nv || fmp_map_append(m, kt.step.key, kt.step.len, nv) != 0) {
                if (nv)
                    nomem(c);
                fm_value_free(m);
                return NULL;
            }
            keep_span(c, m->u.items[2 * m->count - 2], k);
        }
    }
    return m;
}

/* In TOML a block list is an array of tables: its items are tables. */
static fm_value *convert_sequence(const conv *c, const trail *t, const fm_value *v,
                                  bool block) {
    fm_value *s = fmp_new_container(c->al, FM_SEQUENCE);
    if (!s)
        return nomem(c);
    s->style = block ? FM_STYLE_BLOCK : FM_STYLE_FLOW;
    bool tables = block && c->to == FM_FORMAT_TOML;
    for (size_t i = 0; i < v->count; i++) {
        trail it = {t, {NULL, 0, i}};
        fm_value *item = convert_value(c, &it, v->u.items[i], !block, tables);
        if (fm_value_append(s, item) != 0) {
            if (item)
                nomem(c);
            fm_value_free(s);
            return NULL;
        }
    }
    return s;
}

/* v in the target's types; `table`: a mapping that must be a block one
 * (an item of a TOML array of tables). */
static fm_value *convert_value(const conv *c, const trail *t, const fm_value *v, bool in_flow,
                               bool table) {
    char text[96];
    if (c->from == FM_FORMAT_YAML && !core_tag(v->tag)) {
        snprintf(text, sizeof text, "' has the tag %.40s: %s cannot hold it", v->tag,
                 format_title(c->to));
        return refuse(c, t, v, "'", text);
    }
    conv shallow;
    if ((v->flags & FMP_ALIAS) && c->spans) {
        /* An alias's nodes stand where its anchor does: no comments. */
        shallow = *c;
        shallow.spans = false;
        c = &shallow;
    }
    fm_value *out;
    if (v->type == FM_MAPPING)
        out = convert_mapping(c, t, v, table || block_form(c, v, in_flow));
    else if (v->type == FM_SEQUENCE)
        out = convert_sequence(c, t, v, block_form(c, v, in_flow));
    else
        out = convert_scalar(c, t, v);
    if (out)
        keep_span(c, out, v);
    return out;
}

bool fmp_convert_same(const fm_value *want, const fm_value *got) {
    if (!want || !got || want->type != got->type)
        return false;
    if (want->type == FM_FLOAT)
        return fm_value_equal(want, got) && signbit(want->u.f) == signbit(got->u.f);
    if (want->type != FM_MAPPING && want->type != FM_SEQUENCE)
        return fm_value_equal(want, got);
    if (want->count != got->count)
        return false;
    for (size_t i = 0; i < want->count; i++) {
        if (want->type == FM_SEQUENCE) {
            if (!fmp_convert_same(want->u.items[i], got->u.items[i]))
                return false;
            continue;
        }
        const fm_value *wk = fmp_map_key(want, i), *gk = fmp_map_key(got, i);
        if (gk->type != FM_STRING || wk->text_len != gk->text_len ||
            memcmp(wk->text, gk->text, wk->text_len) != 0 ||
            !fmp_convert_same(fmp_map_val(want, i), fmp_map_val(got, i)))
            return false;
    }
    return true;
}

/* ===================================================================== */
/* Comments                                                              */
/* ===================================================================== */

/* What the source says around its keys: the full-line comments above a
 * key, the comment after a one-line value. */
typedef struct comments {
    const char *text;
    size_t first, last;     /* the front matter's bytes */
    struct range {
        size_t start, end;
    } *multi;               /* scalars over several lines, by start: their
                               lines hold no comments */
    size_t nmulti, cap;
    unsigned char *claimed; /* a bit per line: the comments above it are written */
    size_t nlines;
    const fm_allocator *al;
} comments;

static int collect_multi(comments *cm, const fm_value *v) {
    if (v->flags & FMP_ALIAS)
        return 0;
    if (v->type != FM_MAPPING && v->type != FM_SEQUENCE) {
        if (v->line == v->end_line)
            return 0;
        if (fmp_scratch_reserve(cm->al, (void **)&cm->multi, &cm->cap, cm->nmulti,
                                sizeof *cm->multi, NULL) != 0)
            return -1;
        cm->multi[cm->nmulti].start = v->start;
        cm->multi[cm->nmulti++].end = v->end;
        return 0;
    }
    size_t n = v->type == FM_MAPPING ? 2 * v->count : v->count;
    for (size_t i = 0; i < n; i++)
        if (collect_multi(cm, v->u.items[i]) != 0)
            return -1;
    return 0;
}

static int compare_ranges(const void *a, const void *b) {
    size_t x = ((const struct range *)a)->start, y = ((const struct range *)b)->start;
    return x < y ? -1 : x > y;
}

static void comments_free(comments *cm) {
    fmp_free(cm->al, cm->multi);
    fmp_free(cm->al, cm->claimed);
}

/* al: the document's allocator, not the snapshot's (the snapshot goes away
 * when the new text is committed, before comments_free). */
static int comments_init(comments *cm, const fmp_snap *s, const fm_allocator *al) {
    memset(cm, 0, sizeof *cm);
    cm->al = al;
    cm->text = s->text;
    cm->first = (size_t)(s->parts.front - s->text);
    cm->last = cm->first + s->parts.front_len;
    cm->nlines = (size_t)s->parts.body_line + 1;
    cm->claimed = fmp_malloc(cm->al, cm->nlines / 8 + 1);
    if (!cm->claimed || collect_multi(cm, s->root) != 0) {
        comments_free(cm);
        return -1;
    }
    memset(cm->claimed, 0, cm->nlines / 8 + 1);
    if (cm->nmulti)
        qsort(cm->multi, cm->nmulti, sizeof *cm->multi, compare_ranges);
    return 0;
}

/* Whether byte `at` (a line start) is inside a scalar over several lines. */
static bool inside_scalar(const comments *cm, size_t at) {
    size_t lo = 0, hi = cm->nmulti;
    while (lo < hi) { /* the first range starting at or after `at` */
        size_t mid = lo + (hi - lo) / 2;
        if (cm->multi[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && cm->multi[lo - 1].end > at;
}

static size_t start_of_line(const char *t, size_t pos) {
    while (pos > 0 && t[pos - 1] != '\n')
        pos--;
    return pos;
}

static size_t skip_blanks(const comments *cm, size_t p) {
    while (p < cm->last && (cm->text[p] == ' ' || cm->text[p] == '\t'))
        p++;
    return p;
}

/* The comment starting at `hash`, without its line break or trailing
 * blanks; 0 when it cannot be written in YAML and TOML alike. */
static size_t comment_length(const comments *cm, size_t hash) {
    size_t e = hash;
    while (e < cm->last && cm->text[e] != '\n')
        e++;
    while (e > hash && (cm->text[e - 1] == '\r' || cm->text[e - 1] == ' ' ||
                        cm->text[e - 1] == '\t'))
        e--;
    return fmp_yaml_printable(cm->text + hash, e - hash) ? e - hash : 0;
}

/* The line at p: 0 blank, 1 a comment (*hash: where its '#' is), -1 else. */
static int line_kind(const comments *cm, size_t p, size_t *hash) {
    size_t q = skip_blanks(cm, p);
    if (q >= cm->last || cm->text[q] == '\n' || cm->text[q] == '\r')
        return 0;
    *hash = q;
    return cm->text[q] == '#' && !inside_scalar(cm, p) ? 1 : -1;
}

/* ===================================================================== */
/* Writing                                                               */
/* ===================================================================== */

typedef struct writer {
    fmp_buf *b;
    const char *nl;
    fmp_habits h;  /* YAML's (JSON's for JSON) */
    comments *cm;  /* NULL: no comments */
    bool safe;     /* the plainest rendering: basic strings, no comments */
    size_t top;    /* where the block's content starts in b */
} writer;

/* The full-line comments above key k (written once per source line), at
 * column col: the comment lines between k's line and the nearest line
 * above it that holds anything else. */
static void write_leading(writer *w, const fm_value *k, size_t col) {
    const comments *cm = w->cm;
    if (!cm || k->line == 0 || k->line >= cm->nlines ||
        (cm->claimed[k->line / 8] & (1u << (k->line % 8))))
        return;
    cm->claimed[k->line / 8] |= (unsigned char)(1u << (k->line % 8));
    size_t here = start_of_line(cm->text, k->start), top = here, hash;
    while (top > cm->first) {
        size_t above = start_of_line(cm->text, top - 1);
        if (line_kind(cm, above, &hash) < 0)
            break;
        top = above;
    }
    while (top < here) {
        size_t n;
        if (line_kind(cm, top, &hash) == 1 && (n = comment_length(cm, hash)) > 0) {
            fmp_buf_spaces(w->b, col);
            fmp_buf_put(w->b, cm->text + hash, n);
            fmp_buf_puts(w->b, w->nl);
        }
        const char *nl = memchr(cm->text + top, '\n', here - top);
        top = nl ? (size_t)(nl - cm->text) + 1 : here;
    }
}

/* The comment after value v on the line of its key k, when the value was
 * written on one line (from `at` in the buffer). */
static void write_trailing(writer *w, const fm_value *k, const fm_value *v, size_t at) {
    const comments *cm = w->cm;
    if (!cm || w->b->failed || v->line == 0 || v->line != v->end_line || k->line != v->line ||
        memchr(w->b->data + at, '\n', w->b->len - at))
        return;
    size_t hash = skip_blanks(cm, v->end), n;
    if (hash >= cm->last || cm->text[hash] != '#' || (n = comment_length(cm, hash)) == 0)
        return;
    if (hash == v->end)
        fmp_buf_putc(w->b, ' ');
    fmp_buf_put(w->b, cm->text + v->end, hash - v->end);
    fmp_buf_put(w->b, cm->text + hash, n);
}

/* ---------------------------------------------------------------- YAML */

/* libyaml reads an implicit key of at most 1024 characters. */
#define IMPLICIT_KEY_MAX 1000

static int yaml_mapping(writer *w, const fm_value *m, size_t col) {
    fmp_buf *b = w->b;
    for (size_t i = 0; i < m->count; i++) {
        const fm_value *k = fmp_map_key(m, i), *v = fmp_map_val(m, i);
        write_leading(w, k, col);
        fmp_buf_spaces(b, col);
        size_t key_at = b->len;
        fmp_render_key(b, k->text, k->text_len, FM_STYLE_ANY, &w->h);
        if (!b->failed && fmp_utf8_count(b->data + key_at, b->len - key_at) > IMPLICIT_KEY_MAX) {
            /* ? key / : value */
            b->len = key_at;
            fmp_buf_puts(b, "? ");
            fmp_render_key(b, k->text, k->text_len, FM_STYLE_DOUBLE_QUOTED, &w->h);
            fmp_buf_puts(b, w->nl);
            fmp_buf_spaces(b, col);
        }
        fmp_buf_putc(b, ':');
        if (v->type == FM_MAPPING && v->style == FM_STYLE_BLOCK && v->count > 0) {
            fmp_buf_puts(b, w->nl);
            if (yaml_mapping(w, v, col + w->h.map_indent) != 0)
                return -1;
            continue;
        }
        size_t at = b->len;
        if (fmp_render_after_colon(b, v, col, FM_STYLE_ANY, &w->h) != 0)
            return -1;
        write_trailing(w, k, v, at);
        fmp_buf_puts(b, w->nl);
    }
    return 0;
}

/* The block between fences: fence, line break, content(w, root), fence. */
static int write_fenced(writer *w, const char *fence,
                        int (*content)(writer *, const fm_value *), const fm_value *root) {
    fmp_buf_puts(w->b, fence);
    fmp_buf_puts(w->b, w->nl);
    w->top = w->b->len;
    int rc = content(w, root);
    fmp_buf_puts(w->b, fence);
    return rc;
}

static int write_yaml(writer *w, const fm_value *root) {
    return yaml_mapping(w, root, 0);
}

/* ---------------------------------------------------------------- TOML */

static bool is_table(const fm_value *v) {
    return (v->type == FM_MAPPING || v->type == FM_SEQUENCE) && v->style == FM_STYLE_BLOCK;
}

static fmp_toml_kind toml_kind(const writer *w, const fm_value *v) {
    for (size_t i = 0; v->type == FM_SEQUENCE && i < v->count; i++)
        if (v->u.items[i]->type == FM_STRING)
            return toml_kind(w, v->u.items[i]);
    if (v->type != FM_STRING || w->safe)
        return FMP_TOML_BASIC;
    if (v->style == FM_STYLE_SINGLE_QUOTED)
        return FMP_TOML_LITERAL;
    /* A multi-line string's line breaks would be bare LFs in a CRLF file. */
    if (v->style == FM_STYLE_MULTILINE_DOUBLE && strcmp(w->nl, "\n") == 0)
        return FMP_TOML_ML_BASIC;
    return FMP_TOML_BASIC;
}

static void toml_path(fmp_buf *b, const trail *t) {
    if (t->up) {
        toml_path(b, t->up);
        fmp_buf_putc(b, '.');
    }
    fmp_toml_render_key(b, t->step.key, t->step.len);
}

static void toml_header(writer *w, const trail *t, bool array) {
    fmp_buf_puts(w->b, array ? "[[" : "[");
    toml_path(w->b, t);
    fmp_buf_puts(w->b, array ? "]]" : "]");
    fmp_buf_puts(w->b, w->nl);
}

/* A blank line before each table of the top level (not at the top). */
static void toml_gap(writer *w, const trail *path) {
    if (!path && w->b->len > w->top)
        fmp_buf_puts(w->b, w->nl);
}

static bool has_plain(const fm_value *m) {
    for (size_t i = 0; i < m->count; i++)
        if (!is_table(fmp_map_val(m, i)))
            return true;
    return false;
}

static int toml_table(writer *w, const fm_value *m, const trail *path, bool keep_comments);

/* Pair k = v of a table at path whose value is a table or an array of
 * tables. A table of tables only needs no header of its own. */
static int toml_subtable(writer *w, const fm_value *k, const fm_value *v, const trail *path,
                         bool keep_comments) {
    trail kt = {path, {k->text, k->text_len, 0}};
    if (v->type == FM_MAPPING) {
        toml_gap(w, path);
        if (keep_comments)
            write_leading(w, k, 0);
        if (has_plain(v))
            toml_header(w, &kt, false);
        return toml_table(w, v, &kt, keep_comments);
    }
    for (size_t j = 0; j < v->count; j++) {
        toml_gap(w, path);
        if (keep_comments && j == 0)
            write_leading(w, k, 0);
        toml_header(w, &kt, true);
        if (toml_table(w, v->u.items[j], &kt, false) != 0)
            return -1;
    }
    return 0;
}

/* The pairs of a table, in order (plain values come first: see
 * convert_mapping). */
static int toml_table(writer *w, const fm_value *m, const trail *path, bool keep_comments) {
    fmp_buf *b = w->b;
    for (size_t i = 0; i < m->count; i++) {
        const fm_value *k = fmp_map_key(m, i), *v = fmp_map_val(m, i);
        if (is_table(v)) {
            if (toml_subtable(w, k, v, path, keep_comments) != 0)
                return -1;
            continue;
        }
        if (keep_comments)
            write_leading(w, k, 0);
        fmp_toml_render_key(b, k->text, k->text_len);
        fmp_buf_puts(b, " = ");
        size_t at = b->len;
        if (fmp_toml_render_inline(b, v, toml_kind(w, v), NULL) != 0)
            return -1;
        if (keep_comments)
            write_trailing(w, k, v, at);
        fmp_buf_puts(b, w->nl);
    }
    return 0;
}

static int write_toml(writer *w, const fm_value *root) {
    return toml_table(w, root, NULL, w->cm != NULL);
}

/* ---------------------------------------------------------------- JSON */

static bool holds_collection(const fm_value *v) {
    for (size_t i = 0; v->type == FM_SEQUENCE && i < v->count; i++)
        if (v->u.items[i]->type == FM_SEQUENCE || v->u.items[i]->type == FM_MAPPING)
            return true;
    return false;
}

/* Objects a pair per line, two spaces deeper each level; lists on one line
 * unless they hold collections. */
static int json_value(writer *w, const fm_value *v, size_t indent) {
    fmp_buf *b = w->b;
    bool map = v->type == FM_MAPPING;
    if (!(map && v->count > 0) && !holds_collection(v))
        return fmp_render_flow(b, v, FM_STYLE_ANY, &w->h);
    fmp_buf_putc(b, map ? '{' : '[');
    fmp_buf_puts(b, w->nl);
    for (size_t i = 0; i < v->count; i++) {
        fmp_buf_spaces(b, indent + 2);
        if (map) {
            const fm_value *k = fmp_map_key(v, i);
            fmp_render_key(b, k->text, k->text_len, FM_STYLE_ANY, &w->h);
            fmp_buf_puts(b, ": ");
        }
        if (json_value(w, map ? fmp_map_val(v, i) : v->u.items[i], indent + 2) != 0)
            return -1;
        if (i + 1 < v->count)
            fmp_buf_putc(b, ',');
        fmp_buf_puts(b, w->nl);
    }
    fmp_buf_spaces(b, indent);
    fmp_buf_putc(b, map ? '}' : ']');
    return 0;
}

static int write_json(writer *w, const fm_value *root) {
    if (root->count > 0)
        return json_value(w, root, 0);
    fmp_buf_putc(w->b, '{');
    fmp_buf_puts(w->b, w->nl);
    fmp_buf_putc(w->b, '}');
    return 0;
}

/* ===================================================================== */
/* Converting                                                            */
/* ===================================================================== */

static void writer_init(writer *w, fmp_buf *b, const fmp_snap *s, fm_format to, bool safe,
                        comments *cm) {
    memset(w, 0, sizeof *w);
    w->b = b;
    w->nl = s->parts.crlf ? "\r\n" : "\n";
    w->safe = safe;
    w->cm = safe ? NULL : cm;
    fmp_habits *h = &w->h;
    h->map_indent = 2;
    h->seq_indent = 2;
    h->nl = w->nl;
    h->json = to == FM_FORMAT_JSON;
    h->keep_styles = !safe;
    h->string_style = safe ? FM_STYLE_DOUBLE_QUOTED : FM_STYLE_PLAIN;
    h->quote_style = FM_STYLE_DOUBLE_QUOTED;
    h->item_style = safe ? FM_STYLE_DOUBLE_QUOTED : FM_STYLE_ANY;
}

/* The new front matter block, from the opening fence to the line break
 * after the closing one (none when the old block ended the file without
 * one). */
static int write_block(writer *w, const fm_value *want, const fmp_snap *s, fm_format to) {
    int rc = to == FM_FORMAT_YAML   ? write_fenced(w, "---", write_yaml, want)
             : to == FM_FORMAT_TOML ? write_fenced(w, "+++", write_toml, want)
                                    : write_json(w, want);
    if (s->parts.body_len > 0 || (s->len > 0 && s->text[s->len - 1] == '\n'))
        fmp_buf_puts(w->b, w->nl);
    return rc;
}

/* Writes want as the front matter and commits it: first in the source's
 * styles with its comments, then (should that not read back exactly) in
 * the plainest form. */
static int commit(fm_doc *doc, const fm_value *want, fm_format to, bool with_comments,
                  fm_error *err) {
    const fmp_snap *s = doc->snap;
    comments cm;
    if (with_comments && comments_init(&cm, s, &doc->al) != 0)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    int rc = 1;
    for (int safe = 0; safe <= 1 && rc == 1; safe++) {
        fmp_buf text;
        fmp_buf_init(&text, &doc->al);
        writer w;
        writer_init(&w, &text, s, to, safe == 1, with_comments ? &cm : NULL);
        fmp_check c = {.kind = FMP_CHECK_CONVERT, .value = want, .body = s->parts.body,
                       .body_len = s->parts.body_len, .format = to};
        if (write_block(&w, want, s, to) == 0)
            rc = fmp_splice(doc, (size_t)(s->parts.open_fence - s->text),
                            fmp_body_offset(s), &text, &c, err);
        fmp_buf_free(&text);
    }
    if (with_comments)
        comments_free(&cm);
    if (rc == 1)
        return fmp_fail(err, FM_ERR_EMIT, "cannot write the front matter as %s faithfully",
                        format_title(to));
    return rc;
}

int fm_doc_convert(fm_doc *doc, fm_format to, fm_error *err) {
    if (!doc)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_convert: no document");
    if (to != FM_FORMAT_YAML && to != FM_FORMAT_TOML && to != FM_FORMAT_JSON)
        return fmp_fail(err, FM_ERR_ARG, "fm_doc_convert: the format must be YAML, TOML "
                                         "or JSON");
    const fmp_snap *s = doc->snap;
    fm_format from = s->parts.format;
    if (from == FM_FORMAT_NONE || from == to)
        return 0;
    if (from == FM_FORMAT_YAML && !core_tag(s->root->tag))
        return fmp_fail_pos(err, FM_ERR_CONVERT, s->root->line, s->root->column,
                            s->root->start, "the front matter has the tag %.40s: %s cannot "
                            "hold it", s->root->tag, format_title(to));
    bool with_comments = from != FM_FORMAT_JSON && to != FM_FORMAT_JSON;
    conv c = {&doc->al, from, to, with_comments, err};
    fm_value *want = convert_mapping(&c, NULL, s->root, true);
    if (!want)
        return -1;
    int rc = commit(doc, want, to, with_comments, err);
    fm_value_free(want);
    if (rc == 0) {
        /* Edits restore original bytes from here on: these. */
        fmp_snap_release(doc->orig);
        doc->orig = doc->snap;
        doc->lent = NULL;
        fmp_snap_retain(doc->snap);
    }
    return rc;
}
