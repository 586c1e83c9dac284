/* SPDX-License-Identifier: MIT */
/* yaml_load.c - libyaml events to the value tree (built with tree.c): libyaml's
 * marks to byte spans and whole-file lines/columns, anchors and aliases. */
#include "private.h"

#include <stddef.h>
#include <string.h>
#include <yaml.h>

typedef struct frame {
    fm_value *node;
    size_t first_kid; /* index in kids of the node's first child */
    bool has_duplicates;
    bool is_key; /* a complex key: its source text becomes its text */
} frame;

typedef struct anchor {
    const char *name;
    fm_value *node;
} anchor;

typedef struct builder {
    fmp_tree *tree;
    fmp_snap *snap;
    const fm_config *cfg;
    fm_error *err;
    fmp_arena *arena;
    const fm_allocator *al;
    const char *text; /* the whole file */
    size_t base;      /* offset of the YAML block in text */
    size_t block_len;
    /* Cursor mapping libyaml's character index to bytes, line, column. */
    size_t cur_index, cur_byte;
    unsigned cur_line, cur_col;
    /* Or, when libyaml's lines are ours (see plan_positions), where each
     * line of the block starts. */
    size_t *line_starts;
    bool *line_ascii;
    size_t nlines;
    bool by_lines, ascii;
    size_t last_line, last_column, last_byte; /* the last non-ASCII lookup */
    frame *frames;
    size_t nframes, frames_cap;
    anchor *anchors;
    size_t nanchors, anchors_cap;
    size_t alias_nodes;
    size_t alias_bytes, max_alias_bytes;
    int documents;
    fm_value *root;
    /* First storage of the scratch arrays, so small blocks need no malloc. */
    frame frames_stack[32];
    size_t lines_stack[128];
    bool ascii_stack[128];
} builder;

/* ===================================================================== */
/* Positions                                                             */
/* ===================================================================== */

static size_t utf8_width(unsigned char c) {
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Moves the cursor to character `index` of the YAML block. */
static void seek(builder *b, size_t index) {
    if (index < b->cur_index) {
        b->cur_index = 0;
        b->cur_byte = b->base;
        b->cur_line = b->snap->parts.front_line;
        b->cur_col = 0;
    }
    const char *t = b->text;
    size_t end = b->base + b->block_len;
    while (b->cur_index < index && b->cur_byte < end) {
        unsigned char c = (unsigned char)t[b->cur_byte];
        if (c == '\n') {
            b->cur_line++;
            b->cur_col = 0;
        } else {
            b->cur_col++;
        }
        b->cur_byte += utf8_width(c);
        b->cur_index++;
    }
    if (b->cur_byte > end)
        b->cur_byte = end;
}

static bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

/* The offset `chars` UTF-8 characters after `at` (which starts one), eight
 * bytes at a time while whole words fit: a word holds as many character
 * starts as it has bytes that are not continuation bytes (10xxxxxx). */
static size_t skip_chars(const char *t, size_t at, size_t end, size_t chars) {
    while (at + 8 <= end) {
        uint64_t w;
        memcpy(&w, t + at, 8);
        uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
        size_t starts = 8 - (size_t)__builtin_popcountll(cont);
        if (starts > chars)
            break;
        chars -= starts;
        at += 8;
    }
    while (at < end && is_continuation((unsigned char)t[at]))
        at++; /* the rest of a character the last word cut */
    for (; chars > 0 && at < end; chars--)
        do
            at++;
        while (at < end && is_continuation((unsigned char)t[at]));
    return at;
}

/* Byte offset, line and column of a mark. */
static void mark_at(builder *b, yaml_mark_t m, size_t *byte, unsigned *line,
                    unsigned *column) {
    if (b->by_lines && m.line < b->nlines) {
        size_t at = b->line_starts[m.line];
        if (b->ascii || b->line_ascii[m.line]) {
            at += m.column;
        } else {
            /* Walk from the line start, or from the last mark on this line. */
            size_t chars = 0;
            if (b->last_line == m.line && b->last_column <= m.column) {
                chars = b->last_column;
                at = b->last_byte;
            }
            at = skip_chars(b->text, at, b->base + b->block_len, m.column - chars);
            b->last_line = m.line;
            b->last_column = m.column;
            b->last_byte = at;
        }
        size_t end = b->base + b->block_len;
        *byte = at < end ? at : end;
        *line = b->snap->parts.front_line + (unsigned)m.line;
        *column = (unsigned)m.column + 1;
        return;
    }
    seek(b, m.index);
    *byte = b->cur_byte;
    *line = b->cur_line;
    *column = b->cur_col + 1;
}

static fmp_pos pos_of(builder *b, yaml_mark_t m) {
    fmp_pos p;
    mark_at(b, m, &p.offset, &p.line, &p.column);
    return p;
}

static void set_end(builder *b, fm_value *v, yaml_mark_t m) {
    fmp_tree_set_end(v, pos_of(b, m));
}

/* libyaml's marks count lines and characters. Its lines are ours when the
 * block breaks lines only with LF or CRLF (it also breaks at a lone CR, NEL,
 * LS and PS): then a table of line starts turns a mark into bytes without
 * walking from the last one. Returns -1 when out of memory. */
/* Eight bytes at a time: is any byte of t[0..n) 0x80 or above? */
static bool has_byte_at_or_above_0x80(const unsigned char *t, size_t n) {
    uint64_t any = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        any |= w;
    }
    for (; i < n; i++)
        any |= t[i];
    return (any & 0x8080808080808080ULL) != 0;
}

/* A lone CR, NEL (C2 85), LS or PS (E2 80 A8/A9): line breaks to libyaml. */
static bool has_other_breaks(const unsigned char *t, size_t n, bool ascii) {
    for (const unsigned char *p = t; (p = memchr(p, '\r', n - (size_t)(p - t))) != NULL; p++)
        if (fmp_yaml_break_len(p, t + n) == 1)
            return true;
    if (ascii)
        return false;
    for (const unsigned char *p = t; (p = memchr(p, 0xC2, n - (size_t)(p - t))) != NULL; p++)
        if (fmp_yaml_break_len(p, t + n))
            return true;
    for (const unsigned char *p = t; (p = memchr(p, 0xE2, n - (size_t)(p - t))) != NULL; p++)
        if (fmp_yaml_break_len(p, t + n))
            return true;
    return false;
}

static int plan_positions(builder *b) {
    const unsigned char *t = (const unsigned char *)b->text + b->base;
    size_t n = b->block_len;
    if (has_other_breaks(t, n, false))
        return 0; /* the cursor walks instead */
    size_t lines = 1;
    for (const unsigned char *p = t; (p = memchr(p, '\n', n - (size_t)(p - t))) != NULL; p++)
        lines++;
    b->line_starts = b->lines_stack;
    b->line_ascii = b->ascii_stack;
    if (lines > sizeof b->lines_stack / sizeof b->lines_stack[0]) {
        b->line_starts = fmp_malloc(b->al, lines * sizeof *b->line_starts);
        b->line_ascii = fmp_malloc(b->al, lines * sizeof *b->line_ascii);
        if (!b->line_starts || !b->line_ascii)
            return fmp_fail(b->err, FM_ERR_NOMEM, "out of memory");
    }
    size_t k = 0;
    bool ascii = true;
    const unsigned char *line = t, *end = t + n;
    while (line <= end && k < lines) {
        const unsigned char *nl = memchr(line, '\n', (size_t)(end - line));
        const unsigned char *stop = nl ? nl : end;
        b->line_starts[k] = b->base + (size_t)(line - t);
        b->line_ascii[k] = !has_byte_at_or_above_0x80(line, (size_t)(stop - line));
        if (!b->line_ascii[k])
            ascii = false;
        k++;
        if (!nl)
            break;
        line = nl + 1;
    }
    b->nlines = k;
    b->ascii = ascii;
    b->by_lines = true;
    b->last_line = (size_t)-1;
    return 0;
}

static int fail_mark(builder *b, fm_code code, yaml_mark_t m, const char *fmt, ...)
    FMP_PRINTF(4, 5);

static int fail_mark(builder *b, fm_code code, yaml_mark_t m, const char *fmt, ...) {
    char msg[FM_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    seek(b, m.index);
    return fmp_fail_pos(b->err, code, b->cur_line, b->cur_col + 1, b->cur_byte, "%s", msg);
}


/* ===================================================================== */
/* Growable scratch arrays (freed after the load)                        */
/* ===================================================================== */

/* Doubles a scratch array; its first storage is in the builder itself. */
static int grow(builder *b, void **arr, size_t *cap, size_t used, size_t elem, void *first) {
    if (fmp_scratch_reserve(b->al, arr, cap, used, elem, first) != 0)
        return fmp_fail(b->err, FM_ERR_NOMEM, "out of memory");
    return 0;
}

static void free_scratch(builder *b, void *arr, const void *first) {
    if (arr != first)
        fmp_free(b->al, arr);
}

/* ===================================================================== */
/* Anchors                                                               */
/* ===================================================================== */

static int add_anchor(builder *b, const char *name, fm_value *node) {
    if (!name)
        return 0;
    if (grow(b, (void **)&b->anchors, &b->anchors_cap, b->nanchors, sizeof *b->anchors, NULL))
        return -1;
    node->anchor = fmp_arena_strndup(b->arena, name, strlen(name));
    if (!node->anchor)
        return fmp_fail(b->err, FM_ERR_NOMEM, "out of memory");
    b->anchors[b->nanchors].name = node->anchor;
    b->anchors[b->nanchors].node = node;
    b->nanchors++;
    return 0;
}

/* The latest node anchored as name (a later anchor overrides an earlier). */
static fm_value *find_anchor(builder *b, const char *name) {
    for (size_t i = b->nanchors; i-- > 0;)
        if (strcmp(b->anchors[i].name, name) == 0)
            return b->anchors[i].node;
    return NULL;
}

/* ===================================================================== */
/* Keys                                                                  */
/* ===================================================================== */

/* Checks the limits and duplicates on a new key of the mapping on top of
 * the stack. */
static int check_key(builder *b, frame *f, fm_value *key) {
    fmp_tree *t = b->tree;
    fm_value *const *pairs = t->kids + f->first_kid;
    size_t npairs = (t->nkids - f->first_kid) / 2;
    fmp_key_slot dup;
    int rc = fmp_tree_key(t, f->node, pairs, npairs, key, &dup);
    if (rc <= 0)
        return rc;
    if (!(b->cfg->options & FM_OPT_ALLOW_DUPLICATES))
        return fmp_tree_fail_duplicate(t, key, &dup);
    f->has_duplicates = true;
    return 0;
}

/* ===================================================================== */
/* Nodes                                                                 */
/* ===================================================================== */

static fm_value *new_node(builder *b, fm_type type, fm_style style, yaml_mark_t start) {
    return fmp_tree_node(b->tree, type, style, pos_of(b, start), 0);
}

static int set_tag(builder *b, fm_value *v, const yaml_char_t *tag) {
    if (!tag)
        return 0;
    v->tag = fmp_arena_strndup(b->arena, (const char *)tag, strlen((const char *)tag));
    return v->tag ? 0 : fmp_tree_nomem(b->tree);
}

/* Adds a finished (or just opened) node to its parent, or makes it the root. */
static int add_node(builder *b, fm_value *v) {
    if (b->nframes == 0) {
        b->root = v;
        return 0;
    }
    frame *f = &b->frames[b->nframes - 1];
    if (f->node->type == FM_MAPPING && (b->tree->nkids - f->first_kid) % 2 == 0 &&
        check_key(b, f, v) != 0)
        return -1;
    return fmp_tree_push(b->tree, v);
}

static fm_style scalar_style(yaml_scalar_style_t s) {
    switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
        return FM_STYLE_SINGLE_QUOTED;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        return FM_STYLE_DOUBLE_QUOTED;
    case YAML_LITERAL_SCALAR_STYLE:
        return FM_STYLE_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE:
        return FM_STYLE_FOLDED;
    default:
        return FM_STYLE_PLAIN;
    }
}

static int on_scalar(builder *b, yaml_event_t *ev) {
    size_t len = ev->data.scalar.length;
    char *text;
    fm_value *v = fmp_tree_scalar(b->tree, scalar_style(ev->data.scalar.style),
                                  pos_of(b, ev->start_mark), len, &text);
    if (!v)
        return -1;
    set_end(b, v, ev->end_mark);
    memcpy(text, ev->data.scalar.value, len);
    if (set_tag(b, v, ev->data.scalar.tag) != 0)
        return -1;
    char msg[FM_ERROR_MESSAGE_SIZE];
    if (fmp_resolve_scalar(v, msg, sizeof msg) != 0)
        return fmp_tree_fail(b->tree, FM_ERR_TAG, fmp_value_pos(v), "%s", msg);
    if (add_anchor(b, (const char *)ev->data.scalar.anchor, v) != 0)
        return -1;
    return add_node(b, v);
}

static int on_start(builder *b, yaml_event_t *ev, fm_type type) {
    bool flow = type == FM_MAPPING
                    ? ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                    : ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    fm_value *v = new_node(b, type, flow ? FM_STYLE_FLOW : FM_STYLE_BLOCK, ev->start_mark);
    if (!v || fmp_tree_depth(b->tree, b->nframes, fmp_value_pos(v)) != 0)
        return -1;
    const yaml_char_t *tag = type == FM_MAPPING ? ev->data.mapping_start.tag
                                                : ev->data.sequence_start.tag;
    if (set_tag(b, v, tag) != 0 || add_node(b, v) != 0)
        return -1;
    if (grow(b, (void **)&b->frames, &b->frames_cap, b->nframes, sizeof *b->frames,
             b->frames_stack))
        return -1;
    bool is_key = b->nframes > 0 && b->frames[b->nframes - 1].node->type == FM_MAPPING &&
                  (b->tree->nkids - b->frames[b->nframes - 1].first_kid) % 2 == 1;
    b->frames[b->nframes++] = (frame){v, b->tree->nkids, false, is_key};
    return 0;
}

static int on_end(builder *b, yaml_event_t *ev, const char *anchor_name) {
    frame *f = &b->frames[--b->nframes];
    fm_value *v = f->node;
    fmp_tree *t = b->tree;
    if (v->type == FM_MAPPING && f->has_duplicates) {
        size_t n = (t->nkids - f->first_kid) / 2;
        size_t kept = fmp_tree_merge_duplicates(t, v, t->kids + f->first_kid, n);
        if (kept == (size_t)-1)
            return -1;
        t->nkids = f->first_kid + 2 * kept;
    }
    if (fmp_tree_finish(t, v, f->first_kid) != 0)
        return -1;
    set_end(b, v, ev->end_mark);
    if (f->is_key) {
        v->text_len = v->end - v->start;
        v->text = fmp_arena_strndup(b->arena, b->text + v->start, v->text_len);
        if (!v->text)
            return fmp_tree_nomem(t);
    }
    return add_anchor(b, anchor_name, v);
}

/* Bytes of scalar text (keys included) in a subtree, aliases expanded. */
static size_t text_bytes(const fm_value *v) {
    if (v->type != FM_SEQUENCE && v->type != FM_MAPPING)
        return v->text_len;
    size_t n = 0, items = v->type == FM_MAPPING ? 2 * v->count : v->count;
    for (size_t i = 0; i < items; i++)
        n += text_bytes(v->u.items[i]);
    return n;
}

static int on_alias(builder *b, yaml_event_t *ev) {
    const char *name = (const char *)ev->data.alias.anchor;
    fm_value *target = find_anchor(b, name);
    if (!target)
        return fail_mark(b, FM_ERR_SYNTAX, ev->start_mark,
                         "alias *%s names no complete anchor before it", name);
    b->alias_nodes += target->weight;
    if (b->alias_nodes > b->cfg->max_alias_nodes)
        return fail_mark(b, FM_ERR_ALIAS_LIMIT, ev->start_mark,
                         "aliases expand to more than %zu nodes (max_alias_nodes)",
                         b->cfg->max_alias_nodes);
    /* The walk is bounded: it visits target->weight nodes, which the node
     * limit above has just counted. */
    b->alias_bytes += text_bytes(target);
    if (b->alias_bytes > b->max_alias_bytes)
        return fail_mark(b, FM_ERR_ALIAS_BYTES, ev->start_mark,
                         "aliases expand to more than %zu bytes of text (max_alias_bytes)",
                         b->max_alias_bytes);
    fm_value *v = fmp_arena_alloc(b->arena, sizeof *v);
    if (!v)
        return fmp_tree_nomem(b->tree);
    *v = *target;
    v->flags |= FMP_ALIAS;
    fmp_pos start = pos_of(b, ev->start_mark);
    v->start = start.offset;
    v->line = start.line;
    v->column = start.column;
    set_end(b, v, ev->end_mark);
    return add_node(b, v);
}

/* ===================================================================== */
/* The event loop                                                        */
/* ===================================================================== */

/* Turns a libyaml failure into an fm_error in whole-file terms. */
static int parser_error(builder *b, yaml_parser_t *p) {
    if (p->error == YAML_MEMORY_ERROR)
        return fmp_fail(b->err, FM_ERR_NOMEM, "out of memory in libyaml");
    if (p->error == YAML_READER_ERROR) {
        /* Point at the first byte of a bad UTF-8 sequence, not inside it. */
        size_t valid = fmp_utf8_valid_prefix(b->text + b->base, b->block_len);
        size_t off = b->base + (valid < p->problem_offset ? valid : p->problem_offset);
        if (off > b->base + b->block_len)
            off = b->base + b->block_len;
        return fmp_fail_at(b->err, FM_ERR_ENCODING, b->text, off, "%s",
                           p->problem ? p->problem : "invalid input");
    }
    char msg[FM_ERROR_MESSAGE_SIZE];
    const char *problem = p->problem ? p->problem : "syntax error";
    if (p->context) {
        seek(b, p->context_mark.index);
        snprintf(msg, sizeof msg, "%s (%s at line %u, column %u)", problem, p->context,
                 b->cur_line, b->cur_col + 1);
    } else {
        snprintf(msg, sizeof msg, "%s", problem);
    }
    return fail_mark(b, FM_ERR_SYNTAX, p->problem_mark, "%s", msg);
}

static int on_event(builder *b, yaml_event_t *ev) {
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1)
            return fail_mark(b, FM_ERR_MULTIPLE_DOCUMENTS, ev->start_mark, "%s",
                             "a second YAML document inside the front matter");
        if (ev->data.document_start.version_directive ||
            ev->data.document_start.tag_directives.start !=
                ev->data.document_start.tag_directives.end)
            return fail_mark(b, FM_ERR_SYNTAX, ev->start_mark, "%s",
                             "directives (%YAML, %TAG) are not accepted in front matter");
        return 0;
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(b, ev, FM_SEQUENCE);
    case YAML_MAPPING_START_EVENT:
        return on_start(b, ev, FM_MAPPING);
    case YAML_ALIAS_EVENT:
        return on_alias(b, ev);
    default:
        return 0;
    }
}

static const char *start_anchor(const yaml_event_t *ev) {
    if (ev->type == YAML_MAPPING_START_EVENT)
        return (const char *)ev->data.mapping_start.anchor;
    if (ev->type == YAML_SEQUENCE_START_EVENT)
        return (const char *)ev->data.sequence_start.anchor;
    return NULL;
}

/* Collection anchors are registered when the collection ends (so an alias
 * inside it cannot refer to it: no cycles); their names wait here. */
typedef struct pending_anchors {
    char **names;
    size_t n, cap;
} pending_anchors;

static int run_parser(builder *b, yaml_parser_t *p) {
    pending_anchors pend = {NULL, 0, 0};
    int rc = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(p, &ev)) {
            rc = parser_error(b, p);
            break;
        }
        yaml_event_type_t type = ev.type;
        if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
            char *name = pend.names[--pend.n];
            rc = on_end(b, &ev, name);
            fmp_free(b->al, name);
        } else {
            rc = on_event(b, &ev);
            if (rc == 0 && (type == YAML_MAPPING_START_EVENT ||
                            type == YAML_SEQUENCE_START_EVENT)) {
                const char *a = start_anchor(&ev);
                char *copy = NULL;
                if (a && !(copy = fmp_malloc(b->al, strlen(a) + 1)))
                    rc = fmp_fail(b->err, FM_ERR_NOMEM, "out of memory");
                if (copy)
                    memcpy(copy, a, strlen(a) + 1);
                if (rc == 0 && grow(b, (void **)&pend.names, &pend.cap, pend.n,
                                    sizeof *pend.names, NULL) != 0)
                    rc = -1;
                if (rc == 0)
                    pend.names[pend.n++] = copy;
                else
                    fmp_free(b->al, copy);
            }
        }
        yaml_event_delete(&ev);
        if (rc != 0 || type == YAML_STREAM_END_EVENT)
            break;
    }
    for (size_t i = 0; i < pend.n; i++)
        fmp_free(b->al, pend.names[i]);
    fmp_free(b->al, pend.names);
    return rc;
}

static int check_root(builder *b) {
    if (!b->root) {
        b->root = fmp_value_empty_mapping(b->arena);
        if (!b->root)
            return fmp_fail(b->err, FM_ERR_NOMEM, "out of memory");
        b->root->start = b->root->end = b->base;
        b->root->line = b->root->end_line = b->snap->parts.front_line;
        b->root->column = b->root->end_column = 1;
        return 0;
    }
    if (b->root->type != FM_MAPPING)
        return fmp_tree_fail(b->tree, FM_ERR_NOT_MAPPING, fmp_value_pos(b->root),
                             "front matter must be a mapping of keys to values, not a %s",
                             fm_type_name((fm_type)b->root->type));
    return 0;
}

int fmp_load_yaml(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    builder b;
    memset(&b, 0, offsetof(builder, frames_stack));
    b.snap = snap;
    b.cfg = cfg;
    b.err = err;
    b.arena = &snap->arena;
    b.al = &snap->al;
    b.text = snap->text;
    b.base = (size_t)(snap->parts.front - snap->text);
    b.block_len = snap->parts.front_len;
    b.cur_byte = b.base;
    b.cur_line = snap->parts.front_line;
    b.frames = b.frames_stack;
    b.frames_cap = sizeof b.frames_stack / sizeof b.frames_stack[0];
    b.max_alias_bytes = fmp_max_alias_bytes(cfg, snap->parts.front_len);
    fmp_tree tree;
    fmp_tree_init(&tree, snap, cfg, err);
    b.tree = &tree;

    yaml_parser_t parser;
    int rc = plan_positions(&b);
    if (rc == 0 && !yaml_parser_initialize(&parser))
        rc = fmp_fail(err, FM_ERR_NOMEM, "out of memory in libyaml");
    if (rc != 0) {
        free_scratch(&b, b.line_starts, b.lines_stack);
        free_scratch(&b, b.line_ascii, b.ascii_stack);
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)snap->parts.front,
                                 snap->parts.front_len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    rc = run_parser(&b, &parser);
    yaml_parser_delete(&parser);
    if (rc == 0)
        rc = check_root(&b);
    if (rc == 0)
        snap->root = b.root;
    free_scratch(&b, b.frames, b.frames_stack);
    fmp_tree_release(&tree);
    free_scratch(&b, b.line_starts, b.lines_stack);
    free_scratch(&b, b.line_ascii, b.ascii_stack);
    fmp_free(b.al, b.anchors);
    return rc;
}
