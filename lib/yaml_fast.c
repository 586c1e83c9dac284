/* SPDX-License-Identifier: MIT */
/* yaml_fast.c - the common shape of front matter (block mappings of one-line
 * scalars and short lists) loaded without libyaml, to yaml_load.c's exact tree. */
#include "private.h"

#include <string.h>

/*
 * The fast path reads a YAML block line by line and builds the tree yaml_load.c
 * would build from libyaml's events: same nodes, text, styles, spans, order.
 * It gives up (returns 1, and fmp_load_yaml runs) on anything outside this
 * shape or anything it is not sure libyaml reads the same way, so it never
 * reports a YAML error itself. What it accepts:
 *
 *   - a block mapping at column 1; nested block mappings and block sequences
 *     (indented or not) under a key with nothing after its colon;
 *   - keys: plain scalars, or quoted on one line, followed by `: ` or `:`
 *     at the end of the line;
 *   - values and items: one-line plain, single- or double-quoted scalars,
 *     empty values (null), one-line flow sequences of such scalars;
 *   - comments, blank lines, CRLF line ends, any printable UTF-8.
 *
 * It gives up on tabs, control characters, BOMs, Unicode line separators,
 * lone CRs, anchors, aliases, tags, block scalars, flow mappings, complex
 * keys, directives, document markers, continuation lines, unusual escapes,
 * duplicate keys and any limit of fm_config that would trigger.
 */

#define FAST_MAX_DEPTH 64
/* libyaml wants a simple key's ':' within 1024 characters of its start. */
#define FAST_MAX_KEY_SPAN 1000

typedef struct fast {
    fmp_tree *tree;    /* with no fm_error: a failure there means "give up" */
    const fm_config *cfg;
    const char *text;  /* the whole file */
    const char *block; /* the YAML block */
    const char *end;   /* its end */
    int rc;            /* why parsing stopped: 1 give up, -1 out of memory */
    /* The current line. */
    const char *ls;        /* its first byte */
    const char *eol;       /* the end of its content: its "\r\n", "\n", or the end */
    const char *next;      /* the first byte of the next line */
    bool has_nl;           /* it ends with a line break */
    bool done;             /* it was the last line and has been read */
    unsigned ln;           /* its line number in the whole file */
    const char *ascii_end; /* its bytes before this one are ASCII */
    const char *cp;        /* past ascii_end, a column checkpoint: cp is at cp_col */
    unsigned cp_col;
    /* The current content line (neither blank nor a comment). */
    const char *tok; /* its first non-space byte, or NULL at the end */
    size_t indent;
} fast;

static void *give_up(fast *f) {
    if (f->rc == 0)
        f->rc = 1;
    return NULL;
}

static void *out_of_memory(fast *f) {
    f->rc = -1;
    return NULL;
}

/* After a failure in the tree builder: out of memory, or a limit that the
 * libyaml path will report. */
static void *tree_failed(fast *f) {
    return f->tree->code == FM_ERR_NOMEM ? out_of_memory(f) : give_up(f);
}

/* ===================================================================== */
/* Characters                                                            */
/* ===================================================================== */

/* Code points libyaml reads as printable and as nothing else (no line
 * breaks U+0085, U+2028, U+2029; no BOM U+FEFF). */
static bool plain_code_point(uint32_t cp) {
    if (cp >= 0xA0 && cp <= 0xD7FF)
        return cp != 0x2028 && cp != 0x2029;
    if (cp >= 0xE000 && cp <= 0xFFFD)
        return cp != 0xFEFF;
    return cp >= 0x10000 && cp <= 0x10FFFF;
}

/* True when the 8 bytes at p are printable ASCII (0x20..0x7E). A false
 * "no" is possible (borrows and carries between bytes), never a false yes. */
static bool printable_word(const char *p) {
    uint64_t x;
    memcpy(&x, p, sizeof x);
    uint64_t low = x - 0x2020202020202020u, del = x + 0x0101010101010101u;
    return ((low | x | del) & 0x8080808080808080u) == 0;
}

/* Checks the content of a line, [s, e), holds only characters the fast
 * path reads like libyaml: printable ASCII and printable UTF-8 (no tabs,
 * controls, BOMs or Unicode line breaks). Sets *ascii_end to its first
 * non-ASCII byte, or e. */
static bool plain_line(const char *s, const char *e, const char **ascii_end) {
    const char *p = s;
    *ascii_end = e;
    for (;;) {
        while (e - p >= 8 && printable_word(p))
            p += 8;
        if (p == e || (e - p < 8 && e - s >= 8 && printable_word(e - 8)))
            return true; /* the rest lies in the line's last 8 bytes */
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c < 0x7F) {
            p++;
            continue;
        }
        uint32_t cp;
        size_t n = c < 0x80 ? 0 : fmp_utf8_decode(p, (size_t)(e - p), &cp);
        if (n < 2 || !plain_code_point(cp))
            return false;
        if (*ascii_end == e)
            *ascii_end = p;
        p += n;
    }
}

/* Characters that cannot start a plain scalar (YAML's indicators), plus
 * the ones that can only in some contexts: the fast path never tries. */
static const bool indicator_char[256] = {
    ['-'] = true, ['?'] = true, [':'] = true, [','] = true, ['['] = true,
    [']'] = true, ['{'] = true, ['}'] = true, ['#'] = true, ['&'] = true,
    ['*'] = true, ['!'] = true, ['|'] = true, ['>'] = true, ['\''] = true,
    ['"'] = true, ['%'] = true, ['@'] = true, ['`'] = true, [' '] = true,
};

static inline bool indicator(char c) {
    return indicator_char[(unsigned char)c];
}

/* Characters that end a plain item of a flow sequence (',' and ']') or that
 * the fast path leaves to libyaml there. */
static const bool flow_stop_char[256] = {
    [','] = true, [']'] = true, [':'] = true, ['?'] = true,
    ['#'] = true, ['['] = true, ['{'] = true, ['}'] = true,
};

static inline const char *skip_spaces(const char *p, const char *e) {
    while (p < e && *p == ' ')
        p++;
    return p;
}

/* ===================================================================== */
/* Lines and positions                                                   */
/* ===================================================================== */

/* Makes the line at ls the current one; gives up (false) when it holds a
 * character the fast path leaves to libyaml. Every line of the block is
 * entered once, so this checks the whole block. */
static bool enter_line(fast *f, const char *ls) {
    const char *nl = memchr(ls, '\n', (size_t)(f->end - ls));
    f->ls = ls;
    f->has_nl = nl != NULL;
    f->next = nl ? nl + 1 : f->end;
    f->eol = nl ? nl : f->end;
    if (nl && nl > ls && nl[-1] == '\r')
        f->eol--; /* CRLF: libyaml reads it as one break */
    if (!plain_line(ls, f->eol, &f->ascii_end))
        return give_up(f), false;
    f->cp = f->ascii_end;
    f->cp_col = (unsigned)(f->ascii_end - ls) + 1;
    return true;
}

/* Moves to the next line (after the last one: stays there, done). */
static bool next_line(fast *f) {
    if (!f->has_nl) {
        f->done = true;
        return true;
    }
    f->ln++;
    return enter_line(f, f->next);
}

/* From the current line on, finds the next content line: sets tok and
 * indent, or tok NULL at the end of the block. Gives up (false) at a
 * document marker. */
static bool find_content(fast *f) {
    while (!f->done) {
        const char *q = skip_spaces(f->ls, f->eol);
        if (q < f->eol && *q != '#') {
            if (q == f->ls && f->eol - q >= 3 &&
                (memcmp(q, "---", 3) == 0 || memcmp(q, "...", 3) == 0))
                return give_up(f), false;
            f->tok = q;
            f->indent = (size_t)(q - f->ls);
            return true;
        }
        if (!next_line(f))
            return false;
    }
    f->tok = NULL;
    return true;
}

/* Column of p on the current line, counting characters as yaml_load.c does. */
static inline unsigned column_of(fast *f, const char *p) {
    if (p <= f->ascii_end)
        return (unsigned)(p - f->ls) + 1;
    if (p < f->cp) {
        f->cp = f->ascii_end;
        f->cp_col = (unsigned)(f->ascii_end - f->ls) + 1;
    }
    f->cp_col += (unsigned)fmp_utf8_count(f->cp, (size_t)(p - f->cp));
    f->cp = p;
    return f->cp_col;
}

static inline fmp_pos mark_at(fast *f, const char *p) {
    fmp_pos m = {(size_t)(p - f->text), f->ln, column_of(f, p)};
    return m;
}

/* Where libyaml's next token starts: the content line, or the block end. */
static inline fmp_pos next_token_mark(fast *f) {
    return mark_at(f, f->tok ? f->tok : f->end);
}

/* ===================================================================== */
/* Nodes                                                                 */
/* ===================================================================== */

static fm_value *new_node(fast *f, fm_type type, fm_style style, fmp_pos m) {
    fm_value *v = fmp_tree_node(f->tree, type, style, m, 0);
    return v ? v : out_of_memory(f);
}

/* First bytes a plain scalar can resolve from to something other than a
 * string (null, bool, int, float, timestamp). */
static const bool typed_start[256] = {
    ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true,
    ['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,
    ['+'] = true, ['-'] = true, ['.'] = true, ['~'] = true, ['n'] = true,
    ['N'] = true, ['t'] = true, ['T'] = true, ['f'] = true, ['F'] = true,
};

/* Types a plain scalar as yaml_load.c does (fmp_resolve_scalar), without the
 * resolver when its first byte already says "string" or for the commonest
 * typed values. */
static void resolve_plain(fm_value *v, const char *s, size_t len) {
    if (len > 0 && !typed_start[(unsigned char)s[0]]) {
        v->type = FM_STRING;
    } else if ((len == 4 && memcmp(s, "true", 4) == 0) ||
               (len == 5 && memcmp(s, "false", 5) == 0)) {
        v->type = FM_BOOL; /* as resolve.c types them */
        v->u.b = s[0] == 't';
    } else {
        char msg[FM_ERROR_MESSAGE_SIZE];
        fmp_resolve_scalar(v, msg, sizeof msg); /* untagged: cannot fail */
    }
}

/* A scalar spanning [s, e) of the current line whose text has len bytes,
 * in a buffer the caller fills (NUL-terminated here). */
static fm_value *new_scalar(fast *f, fm_style style, const char *s, const char *e,
                            size_t len, char **buf) {
    fm_value *v = fmp_tree_scalar(f->tree, style, mark_at(f, s), len, buf);
    if (!v)
        return tree_failed(f);
    fmp_tree_set_end(v, mark_at(f, e));
    return v;
}

/* The empty plain scalar libyaml makes for `key:` or `-` with nothing after. */
static fm_value *empty_scalar(fast *f, fmp_pos m) {
    char *t;
    fm_value *v = fmp_tree_scalar(f->tree, FM_STYLE_PLAIN, m, 0, &t);
    if (!v)
        return tree_failed(f);
    v->type = FM_NULL;
    return v;
}

static fm_value *plain_scalar(fast *f, const char *s, const char *e) {
    char *t;
    size_t len = (size_t)(e - s);
    fm_value *v = new_scalar(f, FM_STYLE_PLAIN, s, e, len, &t);
    if (!v)
        return NULL;
    memcpy(t, s, len);
    resolve_plain(v, s, len);
    return v;
}

/* ===================================================================== */
/* Quoted scalars (one line)                                             */
/* ===================================================================== */

/* 'text' with '' for a quote. Sets *after past the closing quote. */
static fm_value *single_quoted(fast *f, const char *open, const char **after) {
    const char *p = open + 1, *q;
    size_t quotes = 0;
    for (;;) {
        q = memchr(p, '\'', (size_t)(f->eol - p));
        if (!q)
            return give_up(f); /* continues on the next line */
        if (q + 1 < f->eol && q[1] == '\'') {
            quotes++;
            p = q + 2;
            continue;
        }
        break;
    }
    char *t;
    fm_value *v = new_scalar(f, FM_STYLE_SINGLE_QUOTED, open, q + 1,
                             (size_t)(q - open - 1) - quotes, &t);
    if (!v)
        return NULL;
    for (p = open + 1; p < q; p++) {
        *t++ = *p;
        if (*p == '\'')
            p++;
    }
    v->type = FM_STRING;
    *after = q + 1;
    return v;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the escape after the backslash at p into out; returns the bytes
 * written (0: an escape the fast path leaves to libyaml) and moves *p past
 * the escape. */
static size_t unescape(const char **p, const char *eol, char *out) {
    const char *s = *p + 1;
    size_t digits = 0;
    uint32_t cp = 0;
    if (s >= eol)
        return 0;
    switch (*s) {
    case '0':
        cp = 0;
        break;
    case 'a':
        cp = 7;
        break;
    case 'b':
        cp = 8;
        break;
    case 't':
        cp = 9;
        break;
    case 'n':
        cp = 10;
        break;
    case 'v':
        cp = 11;
        break;
    case 'f':
        cp = 12;
        break;
    case 'r':
        cp = 13;
        break;
    case 'e':
        cp = 27;
        break;
    case ' ':
    case '"':
    case '/':
    case '\\':
        cp = (unsigned char)*s;
        break;
    case 'N':
        cp = 0x85;
        break;
    case '_':
        cp = 0xA0;
        break;
    case 'L':
        cp = 0x2028;
        break;
    case 'P':
        cp = 0x2029;
        break;
    case 'x':
        digits = 2;
        break;
    case 'u':
        digits = 4;
        break;
    case 'U':
        digits = 8;
        break;
    default:
        return 0;
    }
    if ((size_t)(eol - s - 1) < digits)
        return 0;
    for (size_t i = 1; i <= digits; i++) {
        int d = hex_value(s[i]);
        if (d < 0)
            return 0;
        cp = cp << 4 | (uint32_t)d;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    *p = s + 1 + digits;
    return fmp_utf8_encode(cp, out);
}

/* The '"' closing a double-quoted scalar whose text starts at p, or NULL
 * when it is not on this line. Sets *escapes when the text has any. */
static const char *closing_quote(const char *p, const char *eol, bool *escapes) {
    const char *q = memchr(p, '"', (size_t)(eol - p));
    *escapes = q && memchr(p, '\\', (size_t)(q - p));
    if (!*escapes)
        return q;
    for (q = p; q < eol; q++) { /* that '"' may be escaped: look closer */
        if (*q == '"')
            return q;
        if (*q == '\\')
            q++;
    }
    return NULL;
}

/* "text" with backslash escapes. Sets *after past the closing quote. */
static fm_value *double_quoted(fast *f, const char *open, const char **after) {
    const char *p = open + 1;
    bool escapes;
    const char *close = closing_quote(p, f->eol, &escapes);
    if (!close)
        return give_up(f); /* continues on the next line */
    /* An escape writes at most 3 bytes for its 2 or more: 2 bytes a byte. */
    size_t raw = (size_t)(close - p), cap = escapes ? 2 * raw : raw;
    char *t;
    fm_value *v = new_scalar(f, FM_STYLE_DOUBLE_QUOTED, open, close + 1, cap, &t);
    if (!v)
        return NULL;
    if (!escapes) {
        memcpy(t, p, raw);
    } else {
        char *o = t;
        while (p < close) {
            if (*p != '\\') {
                *o++ = *p++;
                continue;
            }
            size_t n = unescape(&p, close, o);
            if (n == 0)
                return give_up(f);
            o += n;
        }
        *o = '\0';
        v->text_len = (size_t)(o - t);
    }
    v->type = FM_STRING;
    *after = close + 1;
    return v;
}

static fm_value *quoted(fast *f, const char *open, const char **after) {
    return *open == '"' ? double_quoted(f, open, after) : single_quoted(f, open, after);
}

/* ===================================================================== */
/* Plain scalars (one line)                                              */
/* ===================================================================== */

/* The first " #" of [s, e) (a comment), or e. */
static const char *comment_start(const char *s, const char *e) {
    for (const char *h = memchr(s, '#', (size_t)(e - s)); h;
         h = memchr(h + 1, '#', (size_t)(e - h - 1)))
        if (h > s && h[-1] == ' ')
            return h;
    return e;
}

/* The first ':' of [s, e) that ends a plain scalar (followed by a space or
 * the end of the line), or NULL. */
static const char *value_colon(const char *s, const char *e, const char *eol) {
    for (const char *c = memchr(s, ':', (size_t)(e - s)); c;
         c = memchr(c + 1, ':', (size_t)(e - c - 1)))
        if (c + 1 == eol || c[1] == ' ')
            return c;
    return NULL;
}

/* Can a block-context plain scalar start at s? ('-' only before a
 * non-space, as in -1.) */
static inline bool plain_start(const char *s, const char *eol) {
    if (*s == '-')
        return s + 1 < eol && s[1] != ' ';
    return !indicator(*s);
}

/* A plain value running to the end of the line or to a comment. */
static fm_value *plain_value(fast *f, const char *s) {
    const char *stop = comment_start(s, f->eol);
    if (value_colon(s, stop, f->eol))
        return give_up(f); /* `a: b: c` */
    while (stop[-1] == ' ')
        stop--;
    return plain_scalar(f, s, stop);
}

/* ===================================================================== */
/* Collections                                                           */
/* ===================================================================== */

static inline int push_kid(fast *f, fm_value *v) {
    if (fmp_tree_push(f->tree, v) != 0)
        return out_of_memory(f), -1;
    return 0;
}

/* Gives the collection v the kids from `first` on, and its end. */
static fm_value *finish(fast *f, fm_value *v, size_t first, fmp_pos end) {
    if (fmp_tree_finish(f->tree, v, first) != 0)
        return out_of_memory(f);
    fmp_tree_set_end(v, end);
    return v;
}

static bool too_deep(fast *f, size_t depth) {
    return depth >= f->cfg->max_depth || depth >= FAST_MAX_DEPTH;
}

/* One item of a flow sequence at s; sets *after past it. */
static fm_value *flow_item(fast *f, const char *s, const char **after) {
    if (*s == '"' || *s == '\'')
        return quoted(f, s, after);
    if (indicator(*s))
        return give_up(f);
    const char *p = s;
    while (p < f->eol && !flow_stop_char[(unsigned char)*p])
        p++;
    if (p == f->eol || (*p != ',' && *p != ']'))
        return give_up(f); /* continues on the next line, or `a:b`, `a#b`... */
    *after = p;
    while (p[-1] == ' ')
        p--;
    return plain_scalar(f, s, p);
}

/* [a, "b", 'c'] on one line; sets *after past the ']'. */
static fm_value *flow_sequence(fast *f, const char *open, size_t depth,
                               const char **after) {
    if (too_deep(f, depth))
        return give_up(f);
    fm_value *seq = new_node(f, FM_SEQUENCE, FM_STYLE_FLOW, mark_at(f, open));
    if (!seq)
        return NULL;
    size_t first = f->tree->nkids;
    const char *p = skip_spaces(open + 1, f->eol);
    bool more = p == f->eol || *p != ']';
    while (more) {
        fm_value *item = p == f->eol ? give_up(f) : flow_item(f, p, &p);
        if (!item || push_kid(f, item) != 0)
            return NULL;
        p = skip_spaces(p, f->eol);
        if (p == f->eol || (*p != ']' && *p != ','))
            return give_up(f); /* continues on the next line, or `a b` */
        more = *p == ',';
        if (more)
            p = skip_spaces(p + 1, f->eol);
        if (more && p < f->eol && *p == ']')
            return give_up(f); /* a trailing comma: rare, left to libyaml */
    }
    *after = p + 1;
    return finish(f, seq, first, mark_at(f, p + 1));
}

/* After a quoted scalar or a flow sequence: spaces, then a comment or the
 * end of the line. */
static bool rest_is_blank(const char *p, const char *eol) {
    const char *q = skip_spaces(p, eol);
    return q == eol || (*q == '#' && q > p);
}

/* A value or item written on its line at s; moves to the next content line. */
static fm_value *inline_value(fast *f, const char *s, size_t depth, bool flow_ok) {
    const char *after = NULL;
    fm_value *v;
    if (*s == '"' || *s == '\'')
        v = quoted(f, s, &after);
    else if (*s == '[' && flow_ok)
        v = flow_sequence(f, s, depth, &after);
    else if (plain_start(s, f->eol))
        v = plain_value(f, s);
    else
        return give_up(f);
    if (!v)
        return NULL;
    if (after && !rest_is_blank(after, f->eol))
        return give_up(f);
    return next_line(f) && find_content(f) ? v : NULL;
}

/* A block sequence entry: '-' followed by a space or the end of the line. */
static inline bool at_entry(const fast *f) {
    return f->tok && *f->tok == '-' && (f->tok + 1 == f->eol || f->tok[1] == ' ');
}

static fm_value *block_mapping(fast *f, size_t indent, size_t depth);

/* The item after the '-' at tok of a sequence whose dashes stand at indent. */
static fm_value *sequence_item(fast *f, size_t indent, size_t depth) {
    const char *dash = f->tok, *s = skip_spaces(dash + 1, f->eol);
    if (s < f->eol && *s != '#')
        return inline_value(f, s, depth, false);
    fmp_pos m = mark_at(f, dash + 1);
    if (!next_line(f) || !find_content(f))
        return NULL;
    if (f->tok && f->indent > indent)
        return give_up(f); /* a collection under the dash */
    return empty_scalar(f, m);
}

/* Dashes at `indent` from tok on; indentless when under a key at the same
 * indent (then a key line ends it). */
static fm_value *block_sequence(fast *f, size_t indent, size_t depth, bool indentless) {
    if (too_deep(f, depth))
        return give_up(f);
    fm_value *seq = new_node(f, FM_SEQUENCE, FM_STYLE_BLOCK, mark_at(f, f->tok));
    if (!seq)
        return NULL;
    size_t first = f->tree->nkids;
    for (;;) {
        fm_value *item = sequence_item(f, indent, depth + 1);
        if (!item || push_kid(f, item) != 0)
            return NULL;
        if (!f->tok || f->indent < indent)
            break;
        if (f->indent > indent)
            return give_up(f);
        if (!at_entry(f)) {
            if (indentless)
                break;
            return give_up(f);
        }
    }
    return finish(f, seq, first, next_token_mark(f));
}

/* The value after `key:` when nothing follows the colon on its line: a
 * block collection on the next lines, or null at the colon's end. */
static fm_value *block_value(fast *f, const char *after_colon, size_t indent,
                             size_t depth) {
    fmp_pos m = mark_at(f, after_colon);
    if (!next_line(f) || !find_content(f))
        return NULL;
    if (f->tok && f->indent > indent)
        return at_entry(f) ? block_sequence(f, f->indent, depth, false)
                           : block_mapping(f, f->indent, depth);
    if (f->tok && f->indent == indent && at_entry(f))
        return block_sequence(f, indent, depth, true);
    return empty_scalar(f, m);
}

/* ===================================================================== */
/* Keys                                                                  */
/* ===================================================================== */

/* Applies the tree's key checks to the key of the mapping map whose pairs
 * start at kids[first]; a duplicate or a limit sends the document to
 * libyaml, which reports it (or merges duplicates). */
static int check_key(fast *f, const fm_value *map, size_t first, const fm_value *key) {
    fmp_tree *t = f->tree;
    fmp_key_slot dup;
    int rc = fmp_tree_key(t, map, t->kids + first, (t->nkids - first) / 2, key, &dup);
    if (rc > 0)
        give_up(f);
    else if (rc < 0)
        tree_failed(f);
    return rc == 0 ? 0 : -1;
}

/* The first ':' of a plain key: followed by a space or the line's end. */
static const char *key_colon(const char *s, const char *eol) {
    return value_colon(s, eol, eol);
}

/* The key at tok; sets *colon to the ':' after it. */
static fm_value *key_scalar(fast *f, const char **colon) {
    const char *s = f->tok, *c;
    fm_value *key;
    if (*s == '"' || *s == '\'') {
        if (!(key = quoted(f, s, &c)))
            return NULL;
        if (c == f->eol || *c != ':' || (c + 1 < f->eol && c[1] != ' '))
            return give_up(f);
    } else {
        if (indicator(*s) || !(c = key_colon(s, f->eol)) || c[-1] == ' ' ||
            comment_start(s, c) != c)
            return give_up(f);
        if (!(key = plain_scalar(f, s, c)))
            return NULL;
    }
    if (c - s > FAST_MAX_KEY_SPAN)
        return give_up(f);
    *colon = c;
    return key;
}

/* One `key: value` of the mapping `map`, whose pairs start at kids[first]
 * and whose keys stand at indent. */
static int mapping_pair(fast *f, const fm_value *map, size_t first, size_t indent,
                        size_t depth) {
    const char *colon;
    fm_value *key = key_scalar(f, &colon);
    if (!key || check_key(f, map, first, key) != 0 || push_kid(f, key) != 0)
        return -1;
    const char *s = skip_spaces(colon + 1, f->eol);
    fm_value *v = s < f->eol && *s != '#' ? inline_value(f, s, depth + 1, true)
                                          : block_value(f, colon + 1, indent, depth + 1);
    return v ? push_kid(f, v) : -1;
}

/* Keys at indent from tok on, until a line indented less (or the end). */
static fm_value *block_mapping(fast *f, size_t indent, size_t depth) {
    if (too_deep(f, depth))
        return give_up(f);
    fm_value *map = new_node(f, FM_MAPPING, FM_STYLE_BLOCK, mark_at(f, f->tok));
    if (!map)
        return NULL;
    size_t first = f->tree->nkids;
    do {
        if (mapping_pair(f, map, first, indent, depth) != 0)
            return NULL;
        if (f->tok && f->indent > indent)
            return give_up(f);
    } while (f->tok && f->indent == indent);
    return finish(f, map, first, next_token_mark(f));
}

/* ===================================================================== */
/* Entry point                                                           */
/* ===================================================================== */

static fm_value *load_root(fast *f, const fmp_snap *snap) {
    if (!enter_line(f, f->block) || !find_content(f))
        return NULL;
    if (!f->tok) { /* nothing but blanks and comments: as check_root */
        fm_value *root = fmp_value_empty_mapping(f->tree->arena);
        if (!root)
            return out_of_memory(f);
        root->start = root->end = (size_t)(f->block - f->text);
        root->line = root->end_line = snap->parts.front_line;
        root->column = root->end_column = 1;
        return root;
    }
    if (f->indent != 0)
        return give_up(f);
    fm_value *root = block_mapping(f, 0, 0);
    return root && f->tok ? give_up(f) : root;
}

int fmp_load_fast(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    if (snap->parts.format != FM_FORMAT_YAML)
        return 1;
    fast state, *f = &state;
    memset(f, 0, sizeof *f);
    fmp_tree tree;
    fmp_tree_init(&tree, snap, cfg, NULL);
    f->tree = &tree;
    f->cfg = cfg;
    f->text = snap->text;
    f->block = snap->parts.front;
    f->end = snap->parts.front + snap->parts.front_len;
    f->ln = snap->parts.front_line;
    fm_value *root = load_root(f, snap);
    int rc = root ? 0 : f->rc ? f->rc : 1;
    fmp_tree_release(&tree);
    if (rc < 0)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    if (rc == 0)
        snap->root = root;
    return rc;
}
