/* SPDX-License-Identifier: MIT */
/* json_load.c - JSON front matter: a strict RFC 8259 object read into the
 * value tree (built with tree.c), node for node what the YAML loader made. */
#include "private.h"

#include <string.h>

/*
 * The tree matches the one libyaml builds from the same text read as YAML
 * flow syntax: objects are flow mappings, arrays flow sequences, strings
 * double-quoted scalars (their spans include the quotes), numbers, true,
 * false and null plain scalars typed by the core schema (so an integer too
 * large for 64 bits stays a string, as in YAML). Nesting is kept on an
 * explicit stack: no input can overflow the C stack.
 */

typedef struct frame {
    fm_value *node;
    size_t first;        /* its first child in the tree's kids */
    bool after_item;     /* an item was read: ',' or the closer comes next */
    bool after_comma;    /* a ',' was read: an item must come next */
    bool has_duplicates; /* with FM_OPT_ALLOW_DUPLICATES */
} frame;

#define JSON_INLINE_FRAMES 32

typedef struct json {
    fmp_tree *tree;
    fmp_cursor cur;
    const char *p, *end; /* where the reader stands; the end of the object */
    frame *frames;
    size_t nframes, frames_cap;
    fm_value *root;
    frame inline_frames[JSON_INLINE_FRAMES];
} json;

static int fail_at(json *j, fm_code code, const char *at, const char *fmt, ...)
    FMP_PRINTF(4, 5);

static int fail_at(json *j, fm_code code, const char *at, const char *fmt, ...) {
    char msg[FM_ERROR_MESSAGE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    fmp_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fmp_tree_fail(j->tree, code, fmp_cursor_pos(&j->cur, at), "%s", msg);
}

/* What stands at p, for messages: a character, or the end. */
static const char *describe(const json *j, const char *p, char *buf, size_t cap) {
    unsigned char c = p < j->end ? (unsigned char)*p : 0;
    if (p >= j->end)
        snprintf(buf, cap, "the end of the object");
    else if (c >= 0x21 && c < 0x7F)
        snprintf(buf, cap, "'%c'", c);
    else
        snprintf(buf, cap, "byte 0x%02X", c);
    return buf;
}

static int unexpected(json *j, const char *want) {
    char what[32];
    return fail_at(j, FM_ERR_SYNTAX, j->p, "expected %s, found %s", want,
                   describe(j, j->p, what, sizeof what));
}

static void skip_blanks(json *j) {
    while (j->p < j->end &&
           (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

/* ===================================================================== */
/* Strings                                                               */
/* ===================================================================== */

static int hex4(const char *p, const char *end, uint32_t *out) {
    if (end - p < 4)
        return -1;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 0;
}

/* Reads the escape at p (its backslash); stores its code point and moves
 * *next past it. -1 (reported) when invalid. */
static int read_escape(json *j, const char *p, uint32_t *cp, const char **next) {
    static const char plain[] = "\"\\/bfnrt";
    static const char value[] = "\"\\/\b\f\n\r\t";
    const char *s = p + 1;
    const char *hit = s < j->end && *s ? strchr(plain, *s) : NULL;
    if (hit) {
        *cp = (unsigned char)value[hit - plain];
        *next = s + 1;
        return 0;
    }
    if (s >= j->end || *s != 'u' || hex4(s + 1, j->end, cp) != 0)
        return fail_at(j, FM_ERR_SYNTAX, p, "invalid escape in a string (JSON allows "
                                            "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
    *next = s + 5;
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return fail_at(j, FM_ERR_SYNTAX, p, "\\u%04X is a lone low surrogate", *cp);
    if (*cp < 0xD800 || *cp > 0xDBFF)
        return 0;
    uint32_t low;
    if (j->end - *next < 6 || (*next)[0] != '\\' || (*next)[1] != 'u' ||
        hex4(*next + 2, j->end, &low) != 0 || low < 0xDC00 || low > 0xDFFF)
        return fail_at(j, FM_ERR_SYNTAX, p,
                       "\\u%04X is a high surrogate without a low one after it", *cp);
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (low - 0xDC00);
    *next += 6;
    return 0;
}

/* Checks the string opening at p and finds its end and decoded length. */
static int scan_string(json *j, const char *open, const char **close, size_t *len) {
    size_t n = 0;
    for (const char *p = open + 1; p < j->end;) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            *close = p;
            *len = n;
            return 0;
        }
        if (c == '\\') {
            uint32_t cp;
            if (read_escape(j, p, &cp, &p) != 0)
                return -1;
            char buf[4];
            n += fmp_utf8_encode(cp, buf);
        } else if (c < 0x20) {
            return fail_at(j, c ? FM_ERR_SYNTAX : FM_ERR_ENCODING, p,
                           "control character U+%04X in a string (write it as an escape)",
                           c);
        } else if (c < 0x80) {
            n++;
            p++;
        } else {
            uint32_t cp; /* a valid sequence from 0x80 on takes 2 bytes or more */
            size_t w = fmp_utf8_decode(p, (size_t)(j->end - p), &cp);
            if (w < 2)
                return fail_at(j, FM_ERR_ENCODING, p, "invalid UTF-8 in a string");
            n += w;
            p += w;
        }
    }
    return fail_at(j, FM_ERR_SYNTAX, open, "string never closed");
}

/* A double-quoted string at j->p, as a key or a value. */
static fm_value *string(json *j) {
    const char *open = j->p, *close = NULL;
    size_t len = 0;
    if (scan_string(j, open, &close, &len) != 0)
        return NULL;
    char *t;
    fm_value *v = fmp_tree_scalar(j->tree, FM_STYLE_DOUBLE_QUOTED,
                                  fmp_cursor_pos(&j->cur, open), len, &t);
    if (!v)
        return NULL;
    for (const char *p = open + 1; p < close;) {
        if (*p != '\\') {
            *t++ = *p++;
            continue;
        }
        uint32_t cp;
        read_escape(j, p, &cp, &p); /* checked by scan_string */
        t += fmp_utf8_encode(cp, t);
    }
    j->p = close + 1;
    fmp_tree_set_end(v, fmp_cursor_pos(&j->cur, j->p));
    return v;
}

/* ===================================================================== */
/* Numbers and literals                                                  */
/* ===================================================================== */

static const char *digits(const char *p, const char *end) {
    while (p < end && *p >= '0' && *p <= '9')
        p++;
    return p;
}

/* The end of the number at p, or NULL (reported) when it is not one. */
static const char *number_end(json *j, const char *p) {
    const char *s = p, *e = j->end;
    if (p < e && *p == '-')
        p++;
    const char *int_start = p;
    p = digits(p, e);
    if (p == int_start)
        return fail_at(j, FM_ERR_SYNTAX, s, "a number needs digits"), NULL;
    if (*int_start == '0' && p - int_start > 1)
        return fail_at(j, FM_ERR_SYNTAX, s, "a number may not start with 0"), NULL;
    if (p < e && *p == '.') {
        const char *frac = p + 1;
        p = digits(frac, e);
        if (p == frac)
            return fail_at(j, FM_ERR_SYNTAX, s, "a number needs digits after '.'"), NULL;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        const char *exp = p + 1;
        if (exp < e && (*exp == '+' || *exp == '-'))
            exp++;
        p = digits(exp, e);
        if (p == exp)
            return fail_at(j, FM_ERR_SYNTAX, s, "a number needs digits in its exponent"),
                   NULL;
    }
    return p;
}

static bool word_at(const json *j, const char *w, size_t n) {
    return (size_t)(j->end - j->p) >= n && memcmp(j->p, w, n) == 0;
}

/* A number, true, false or null at j->p: a plain scalar typed by the core
 * schema, as the YAML loader types it. */
static fm_value *plain(json *j) {
    const char *s = j->p, *e;
    if (word_at(j, "true", 4) || word_at(j, "null", 4))
        e = s + 4;
    else if (word_at(j, "false", 5))
        e = s + 5;
    else if (*s == '-' || (*s >= '0' && *s <= '9'))
        e = number_end(j, s);
    else
        return unexpected(j, "a value"), NULL;
    if (!e)
        return NULL;
    char *t;
    fm_value *v = fmp_tree_scalar(j->tree, FM_STYLE_PLAIN, fmp_cursor_pos(&j->cur, s),
                                  (size_t)(e - s), &t);
    if (!v)
        return NULL;
    memcpy(t, s, (size_t)(e - s));
    char msg[FM_ERROR_MESSAGE_SIZE];
    fmp_resolve_scalar(v, msg, sizeof msg); /* untagged: cannot fail */
    j->p = e;
    fmp_tree_set_end(v, fmp_cursor_pos(&j->cur, e));
    return v;
}

/* ===================================================================== */
/* Objects and arrays                                                    */
/* ===================================================================== */

static int open_collection(json *j) {
    bool object = *j->p == '{';
    fm_value *v = fmp_tree_node(j->tree, object ? FM_MAPPING : FM_SEQUENCE, FM_STYLE_FLOW,
                                fmp_cursor_pos(&j->cur, j->p), 0);
    if (!v || fmp_tree_depth(j->tree, j->nframes, fmp_value_pos(v)) != 0)
        return -1;
    if (j->nframes && fmp_tree_push(j->tree, v) != 0)
        return -1;
    if (fmp_scratch_reserve(j->tree->al, (void **)&j->frames, &j->frames_cap, j->nframes,
                            sizeof *j->frames, j->inline_frames) != 0)
        return fmp_tree_nomem(j->tree);
    j->frames[j->nframes++] = (frame){v, j->tree->nkids, false, false, false};
    j->p++;
    return 0;
}

static int close_collection(json *j) {
    frame *f = &j->frames[--j->nframes];
    fmp_tree *t = j->tree;
    if (f->has_duplicates) {
        size_t n = (t->nkids - f->first) / 2;
        size_t kept = fmp_tree_merge_duplicates(t, f->node, t->kids + f->first, n);
        if (kept == (size_t)-1)
            return -1;
        t->nkids = f->first + 2 * kept;
    }
    if (fmp_tree_finish(t, f->node, f->first) != 0)
        return -1;
    j->p++;
    fmp_tree_set_end(f->node, fmp_cursor_pos(&j->cur, j->p));
    if (j->nframes == 0)
        j->root = f->node;
    return 0;
}

/* `"key":` of the object on top; the value comes next. */
static int member_key(json *j, frame *f) {
    if (j->p >= j->end || *j->p != '"')
        return unexpected(j, f->after_comma ? "a key in double quotes after ','"
                                            : "a key in double quotes or '}'");
    fm_value *key = string(j);
    if (!key)
        return -1;
    fmp_tree *t = j->tree;
    fmp_key_slot dup;
    int rc = fmp_tree_key(t, f->node, t->kids + f->first, (t->nkids - f->first) / 2, key,
                          &dup);
    if (rc < 0)
        return -1;
    if (rc > 0 && !(t->cfg->options & FM_OPT_ALLOW_DUPLICATES))
        return fmp_tree_fail_duplicate(t, key, &dup);
    f->has_duplicates |= rc > 0;
    if (fmp_tree_push(t, key) != 0)
        return -1;
    skip_blanks(j);
    if (j->p >= j->end || *j->p != ':')
        return unexpected(j, "':' after the key");
    j->p++;
    skip_blanks(j);
    return 0;
}

/* One step: an item (or a member) of the collection on top, a ',' or its
 * closer. */
static int step(json *j) {
    frame *f = &j->frames[j->nframes - 1];
    bool object = f->node->type == FM_MAPPING;
    char closer = object ? '}' : ']';
    skip_blanks(j);
    if (j->p < j->end && *j->p == closer && !f->after_comma)
        return close_collection(j);
    if (f->after_item) {
        if (j->p >= j->end || *j->p != ',')
            return unexpected(j, object ? "',' or '}'" : "',' or ']'");
        j->p++;
        f->after_item = false;
        f->after_comma = true;
        return 0;
    }
    if (object && member_key(j, f) != 0)
        return -1;
    if (!object && j->p < j->end && *j->p == ']')
        return fail_at(j, FM_ERR_SYNTAX, j->p, "a ',' must be followed by an item");
    f->after_item = true;
    f->after_comma = false;
    if (j->p < j->end && (*j->p == '{' || *j->p == '['))
        return open_collection(j);
    fm_value *v = j->p < j->end && *j->p == '"' ? string(j) : plain(j);
    return v ? fmp_tree_push(j->tree, v) : -1;
}

int fmp_load_json(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    fmp_tree tree;
    fmp_tree_init(&tree, snap, cfg, err);
    json j;
    memset(&j, 0, offsetof(json, inline_frames));
    j.tree = &tree;
    j.p = snap->parts.front;
    j.end = snap->parts.front + snap->parts.front_len;
    j.frames = j.inline_frames;
    j.frames_cap = JSON_INLINE_FRAMES;
    fmp_pos start = {(size_t)(j.p - snap->text), 0, 0};
    fmp_position(snap->text, start.offset, &start.line, &start.column);
    fmp_cursor_init(&j.cur, snap->text, j.p, start.line, start.column);
    int rc = j.p < j.end && *j.p == '{' ? open_collection(&j) : unexpected(&j, "'{'");
    while (rc == 0 && j.nframes > 0)
        rc = step(&j);
    if (rc == 0 && j.p != j.end)
        rc = fail_at(&j, FM_ERR_SYNTAX, j.p, "text after the closing '}'");
    if (rc == 0)
        snap->root = j.root;
    if (j.frames != j.inline_frames)
        fmp_free(tree.al, j.frames);
    fmp_tree_release(&tree);
    return rc;
}
