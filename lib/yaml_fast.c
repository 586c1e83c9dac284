/* SPDX-License-Identifier: MIT */
/* yaml_fast.c - front matter loaded without libyaml, line by line, to
 * yaml_load.c's exact tree; whatever it is not sure of goes to libyaml. */
#include "private.h"

#include <string.h>
#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define FAST_SSE2 1
#endif

/*
 * The fast path reads a YAML block line by line and builds the tree yaml_load.c
 * would build from libyaml's events: same nodes, text, styles, spans, order.
 * It gives up (returns 1, and fmp_load_yaml runs) on anything outside this
 * shape or anything it is not sure libyaml reads the same way, so it never
 * reports a YAML error itself. What it accepts:
 *
 *   - a block mapping at column 1, or a flow mapping as the whole block;
 *     nested block mappings and block sequences (indented or not) under a
 *     key with nothing after its colon;
 *   - keys: plain scalars, or quoted on one line, followed by `: ` or `:`
 *     at the end of the line;
 *   - values and items: plain scalars and single- or double-quoted scalars,
 *     on one line or continued on deeper lines; literal and folded block
 *     scalars with their chomping and indentation indicators; empty values
 *     (null); flow sequences and flow mappings of one-line scalars and of
 *     each other, on one line or several, with or without a trailing comma;
 *     a value may also start on the line after its key;
 *   - comments, blank lines, CRLF line ends, any printable UTF-8.
 *
 * It gives up on tabs, control characters, BOMs, Unicode line separators,
 * lone CRs, anchors, aliases, tags, complex keys, directives, document
 * markers, empty flow values, flow scalars over several lines, quoted lines
 * not deeper than their collection, unusual escapes, duplicate keys and any
 * limit of fm_config that would trigger. yaml_fold.c makes the text of
 * scalars that span lines.
 *
 * When fmp_split_open left the front matter open (fmp_load_fast_open), the
 * block runs until the first line that is a closing fence: the fast path
 * finds it as it enters each line (the text is read once), or first thing
 * for a block scalar, which reads its lines up to the block's end; the
 * parts are then completed as fm_split would. Never closed: it gives up.
 *
 * fmp_load_fast_line reads the one line of an edit again (splice_local.c)
 * with the same functions and checks, building only the value's node.
 */

#define FAST_MAX_DEPTH 64

#define FAST_INLINE FMP_INLINE
/* libyaml wants a simple key's ':' within 1024 characters of its start. */
#define FAST_MAX_KEY_SPAN 1000

typedef struct fast {
    fmp_tree *tree;    /* with no fm_error: a failure there means "give up" */
    const fm_config *cfg;
    const char *text;  /* the whole file */
    const char *text_end; /* its end: bytes before it may be read ahead */
    const char *block; /* the YAML block */
    const char *end;   /* its end */
    bool open;         /* end not known yet: text_end until a line that is a
                          closing fence (fmp_split_is_close) is entered */
    int rc;            /* why parsing stopped: 1 give up, -1 out of memory */
    size_t max_depth;  /* the least of cfg's and FAST_MAX_DEPTH */
    /* The current line. */
    const char *ls;        /* its first byte */
    const char *eol;       /* the end of its content: its "\r\n", "\n", or the end */
    const char *next;      /* the first byte of the next line */
    bool has_nl;           /* it ends with a line break */
    bool done;             /* it was the last line and has been read */
    unsigned ln;           /* its line number in the whole file */
    const char *ascii_end; /* its bytes before this one are ASCII */
    const char *cp;        /* past ascii_end, a column checkpoint: cp is at cp_col
                              (NULL: none yet on this line) */
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

/* The first byte of [p, e) that is not printable ASCII (0x20..0x7E), or e;
 * bytes up to `limit` (at or past e) may be read. Sixteen bytes at a time
 * with SSE2 (as signed bytes, those >= 0x80 are below 0x20 too); then
 * eight: in a word, the high bit of each byte below 0x20, above 0x7E or
 * with its own high bit set is raised; borrows and carries only spread
 * upwards from such a byte, so the lowest raised bit is exact. */
static const char *first_unprintable(const char *p, const char *e, const char *limit) {
#ifdef FAST_SSE2
    /* Not stopped at e: a line ends (in a byte below 0x20) before it. */
    for (; limit - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
        unsigned m = (unsigned)_mm_movemask_epi8(bad);
        if (m)
            return p + __builtin_ctz(m) < e ? p + __builtin_ctz(m) : e;
    }
    if (p >= e)
        return e;
#else
    (void)limit;
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; e - p >= 8; p += 8) {
        uint64_t x;
        memcpy(&x, p, sizeof x);
        uint64_t low = x - 0x2020202020202020u, del = x + 0x0101010101010101u;
        uint64_t bad = (low | x | del) & 0x8080808080808080u;
        if (bad)
            return p + __builtin_ctzll(bad) / 8;
    }
#endif
    while (p < e && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F)
        p++;
    return p;
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

/* The first byte of [p, e) that ends a plain flow scalar (flow_stop_char),
 * or e. Sixteen bytes at a time with SSE2 (reading ahead up to the text's
 * end), then byte by byte. */
FAST_INLINE const char *first_flow_stop(const char *p, const char *e, const char *limit) {
#ifdef FAST_SSE2
    for (; p < e && limit - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i a = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')),
                                 _mm_cmpeq_epi8(x, _mm_set1_epi8(']')));
        __m128i b = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(':')),
                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('?')));
        __m128i c = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('#')),
                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('[')));
        __m128i d = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('{')),
                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('}')));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)));
        if (m)
            return p + __builtin_ctz(m) < e ? p + __builtin_ctz(m) : e;
    }
    if (p >= e)
        return e;
#else
    (void)limit;
#endif
    while (p < e && !flow_stop_char[(unsigned char)*p])
        p++;
    return p;
}

static inline const char *skip_spaces(const char *p, const char *e) {
    while (p < e && *p == ' ')
        p++;
    return p;
}

/* The first byte a or b of [p, e), or e. Sixteen bytes at a time with SSE2
 * (reading ahead up to the text's end), else with memchr. */
FAST_INLINE const char *first_of2(const fast *f, const char *p, const char *e, char a,
                                  char b) {
#ifdef FAST_SSE2
    for (; p < e && f->text_end - p >= 16; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_cmpeq_epi8(x, _mm_set1_epi8(a)), _mm_cmpeq_epi8(x, _mm_set1_epi8(b))));
        if (m)
            return p + __builtin_ctz(m) < e ? p + __builtin_ctz(m) : e;
    }
    if (p >= e)
        return e;
#else
    (void)f;
#endif
    const char *q = memchr(p, a, (size_t)(e - p));
    const char *r = memchr(p, b, (size_t)((q ? q : e) - p));
    return r ? r : q ? q : e;
}

/* ===================================================================== */
/* Lines and positions                                                   */
/* ===================================================================== */

/* A non-ASCII character at p (before e) that the fast path reads like
 * libyaml: printable UTF-8, no BOM, no Unicode line break. Returns its
 * length, 0 when it is not one. */
static size_t plain_utf8(const char *p, const char *e) {
    uint32_t cp;
    size_t n = fmp_utf8_decode(p, (size_t)(e - p), &cp);
    return n >= 2 && plain_code_point(cp) ? n : 0;
}

/* Makes the line at ls the current one; gives up (false) when it holds a
 * character the fast path leaves to libyaml (tabs, controls, lone CRs,
 * BOMs, Unicode line breaks). Every line of the block is entered once, so
 * this checks the whole block, in the same pass that finds the line's end:
 * eight printable ASCII bytes at a time, byte by byte around the rest. */
FAST_INLINE bool enter_line(fast *f, const char *ls) {
    /* "---\n" is a fence as fmp_split_is_close finds (its commonest form);
     * anything else after the three bytes is for it to judge. */
    if (ls < f->text_end && (unsigned char)(*ls - '-') <= 1 && f->open &&
        f->end - ls >= 3 && ls[1] == *ls && ls[2] == *ls &&
        ((f->text_end - ls > 3 && ls[3] == '\n') ||
         fmp_split_is_close(f->text, (size_t)(f->text_end - f->text),
                            (size_t)(ls - f->text)))) {
        f->end = ls; /* the closing fence: the block ends before it */
        f->open = false;
    }
    const char *p = ls, *e = f->end, *ascii_end = NULL;
    f->ls = ls;
    while ((p = first_unprintable(p, e, f->text_end)) < e) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n' || (c == '\r' && e - p >= 2 && p[1] == '\n'))
            break;
        size_t n = c < 0x80 ? 0 : plain_utf8(p, e);
        if (n == 0)
            return give_up(f), false;
        if (!ascii_end)
            ascii_end = p;
        p += n;
    }
    f->eol = p;
    f->has_nl = p < e;
    f->next = p == e ? e : *p == '\n' ? p + 1 : p + 2;
    f->ascii_end = ascii_end ? ascii_end : p;
    f->cp = NULL; /* column_of sets it when it first counts past ascii_end */
    return true;
}

/* Moves to the next line (after the last one: stays there, done). */
FAST_INLINE bool next_line(fast *f) {
    if (!f->has_nl) {
        f->done = true;
        return true;
    }
    f->ln++;
    return enter_line(f, f->next);
}

/* Makes the current line's first non-space byte q (neither a comment nor
 * the line's end) the content line's: sets tok and indent. Gives up
 * (false) at a document marker. */
FAST_INLINE bool content_at(fast *f, const char *q) {
    if ((unsigned char)(*q - '-') <= 1 && q == f->ls && f->eol - q >= 3 && q[1] == *q &&
        q[2] == *q)
        return give_up(f), false; /* "---" or "..." */
    f->tok = q;
    f->indent = (size_t)(q - f->ls);
    return true;
}

/* From the current line on, finds the next content line: sets tok and
 * indent, or tok NULL at the end of the block. Gives up (false) at a
 * document marker. */
FAST_INLINE bool find_content(fast *f) {
    while (!f->done) {
        const char *q = skip_spaces(f->ls, f->eol);
        if (q < f->eol && *q != '#')
            return content_at(f, q);
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
    if (!f->cp || p < f->cp) {
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

/* What the first byte of a plain scalar says about its type: a string
 * (0), maybe a number or date (1), maybe one of the words `~`, `null` (in
 * three spellings), `true`, `false` (in any case): 2 to 5, indexes of
 * word_length and word_second. */
static const unsigned char typed_start[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
    ['7'] = 1, ['8'] = 1, ['9'] = 1, ['+'] = 1, ['-'] = 1, ['.'] = 1, ['~'] = 2,
    ['n'] = 3, ['N'] = 3, ['t'] = 4, ['T'] = 4, ['f'] = 5, ['F'] = 5,
};
static const unsigned char word_length[6] = {0, 0, 1, 4, 4, 5};
static const char word_second[6] = {0, 0, 0, 'u', 'r', 'a'}; /* in lower case */

/* False when a plain scalar surely resolves to a string: its first byte
 * starts no number, date or word, or its length and second letter fit no
 * word. A cheap filter in front of fmp_resolve_scalar. */
FAST_INLINE bool may_be_typed(const char *s, size_t len) {
    if (len == 0)
        return true;
    unsigned kind = typed_start[(unsigned char)s[0]];
    if (kind < 2)
        return kind == 1;
    return len == word_length[kind] && (len == 1 || (s[1] | 0x20) == word_second[kind]);
}

/* Types a plain scalar as yaml_load.c does (fmp_resolve_scalar), without the
 * resolver when it surely is a string or for the commonest typed values. */
FAST_INLINE void resolve_plain(fm_value *v, const char *s, size_t len) {
    if (!may_be_typed(s, len)) {
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

/* Copies the len bytes of a scalar's text from s to t: most are short, and
 * 4 to 16 of them take two overlapping loads and stores instead of a call
 * to memcpy (which the rest get). */
FAST_INLINE void copy_text(char *t, const char *s, size_t len) {
    if (len >= 8 && len <= 16) {
        uint64_t head, tail;
        memcpy(&head, s, 8);
        memcpy(&tail, s + len - 8, 8);
        memcpy(t, &head, 8);
        memcpy(t + len - 8, &tail, 8);
    } else if (len >= 4 && len < 8) {
        uint32_t head, tail;
        memcpy(&head, s, 4);
        memcpy(&tail, s + len - 4, 4);
        memcpy(t, &head, 4);
        memcpy(t + len - 4, &tail, 4);
    } else {
        memcpy(t, s, len);
    }
}

/* A scalar spanning [s, e) of the current line whose text has len bytes,
 * in a buffer the caller fills (NUL-terminated here). */
FAST_INLINE fm_value *new_scalar(fast *f, fm_style style, const char *s, const char *e,
                            size_t len, char **buf) {
    fm_value *v = fmp_tree_scalar(f->tree, style, mark_at(f, s), len, buf);
    if (!v)
        return tree_failed(f);
    if (e <= f->ascii_end) { /* as fmp_tree_set_end(v, mark_at(f, e)): s is */
        v->end = v->start + (size_t)(e - s); /* on this line, one byte a column */
        v->end_column = v->column + (unsigned)(e - s);
    } else {
        fmp_tree_set_end(v, mark_at(f, e));
    }
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

FAST_INLINE fm_value *plain_scalar(fast *f, const char *s, const char *e) {
    char *t;
    size_t len = (size_t)(e - s);
    fm_value *v = new_scalar(f, FM_STYLE_PLAIN, s, e, len, &t);
    if (!v)
        return NULL;
    copy_text(t, s, len);
    resolve_plain(v, s, len);
    return v;
}

/* ===================================================================== */
/* Scalars over several lines                                            */
/* ===================================================================== */

/* A scalar whose source runs from `from` on an earlier line to `to` on the
 * current one, and whose text fmp_yaml_fold makes of [s, e) (quote: see
 * there). */
static fm_value *folded_scalar(fast *f, fm_style style, fmp_pos from, const char *to,
                               const char *s, const char *e, char quote) {
    size_t len = fmp_yaml_fold(s, e, quote, NULL);
    if (len == (size_t)-1)
        return give_up(f);
    char *t;
    fm_value *v = fmp_tree_scalar(f->tree, style, from, len, &t);
    if (!v)
        return tree_failed(f);
    fmp_yaml_fold(s, e, quote, t);
    fmp_tree_set_end(v, mark_at(f, to));
    if (quote)
        v->type = FM_STRING;
    else
        resolve_plain(v, t, len);
    return v;
}

/* ===================================================================== */
/* Quoted scalars                                                        */
/* ===================================================================== */

/* The quote closing a single-quoted scalar whose text starts at p, or NULL
 * when it is not on this line; *quotes counts the '' in the text. */
FAST_INLINE const char *closing_single(const char *p, const char *eol, size_t *quotes) {
    *quotes = 0;
    for (;;) {
        const char *q = memchr(p, '\'', (size_t)(eol - p));
        if (!q || q + 1 == eol || q[1] != '\'')
            return q;
        ++*quotes;
        p = q + 2;
    }
}

/* 'text' closed at q on this line, with '' for a quote. Sets *after past
 * the closing quote. */
static fm_value *single_quoted(fast *f, const char *open, const char *q, size_t quotes,
                               const char **after) {
    char *t;
    fm_value *v = new_scalar(f, FM_STYLE_SINGLE_QUOTED, open, q + 1,
                             (size_t)(q - open - 1) - quotes, &t);
    if (!v)
        return NULL;
    if (quotes == 0) { /* the text is the source */
        copy_text(t, open + 1, (size_t)(q - open - 1));
    } else {
        for (const char *p = open + 1; p < q; p++) {
            *t++ = *p;
            if (*p == '\'')
                p++;
        }
    }
    v->type = FM_STRING;
    *after = q + 1;
    return v;
}

/* The '"' closing a double-quoted scalar whose text starts at p, or NULL
 * when it is not on this line. Sets *escapes when a backslash comes first
 * (then the result is right, *escapes may be wrong). */
FAST_INLINE const char *closing_double(const fast *f, const char *p, const char *eol,
                                       bool *escapes) {
    const char *q = first_of2(f, p, eol, '"', '\\');
    *escapes = q < eol && *q == '\\';
    if (!*escapes)
        return q < eol ? q : NULL;
    for (; q < eol; q++) { /* a '"' after it may be escaped: look closer */
        if (*q == '"')
            return q;
        if (*q == '\\')
            q++;
    }
    return NULL;
}

/* "text" closed at close on this line, with backslash escapes. Sets *after
 * past the closing quote. */
FAST_INLINE fm_value *double_quoted(fast *f, const char *open, const char *close,
                                    bool escapes, const char **after) {
    const char *p = open + 1;
    /* An escape writes at most 3 bytes for its 2 or more: 2 bytes a byte. */
    size_t raw = (size_t)(close - p), cap = escapes ? 2 * raw : raw;
    char *t;
    fm_value *v = new_scalar(f, FM_STYLE_DOUBLE_QUOTED, open, close + 1, cap, &t);
    if (!v)
        return NULL;
    if (!escapes) {
        copy_text(t, p, raw);
    } else {
        char *o = t;
        while (p < close) {
            if (*p != '\\') {
                *o++ = *p++;
                continue;
            }
            size_t n = fmp_yaml_unescape(&p, close, o);
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

/* A quoted scalar at open closed on this line; NULL (given up or not, see
 * *unclosed) when the close is not on this line. */
FAST_INLINE fm_value *one_line_quoted(fast *f, const char *open, const char **after,
                                      bool *unclosed) {
    const char *close;
    if (*open == '"') {
        bool escapes;
        close = closing_double(f, open + 1, f->eol, &escapes);
        if (close)
            return double_quoted(f, open, close, escapes, after);
    } else {
        size_t quotes;
        close = closing_single(open + 1, f->eol, &quotes);
        if (close)
            return single_quoted(f, open, close, quotes, after);
    }
    *unclosed = true;
    return NULL;
}

/* A quoted scalar on one line (a key, or an item of a flow collection). */
static fm_value *quoted(fast *f, const char *open, const char **after) {
    bool unclosed = false;
    fm_value *v = one_line_quoted(f, open, after, &unclosed);
    return unclosed ? give_up(f) : v; /* goes on to the next line */
}

/* The closing quote of a quoted scalar on the current line from p, or NULL
 * when the scalar goes on (also after a backslash ending the line). */
static const char *quote_on_line(const char *p, const char *eol, char quote) {
    for (;; p++) {
        const char *q = memchr(p, quote, (size_t)(eol - p));
        const char *bs = quote == '"' ? memchr(p, '\\', (size_t)((q ? q : eol) - p)) : NULL;
        if (bs) {
            p = bs + 1; /* the escaped byte, or the line's end */
            if (p == eol)
                return NULL;
            continue;
        }
        if (!q || quote == '"' || q + 1 == eol || q[1] != '\'')
            return q;
        p = q + 1; /* '' */
    }
}

/* A quoted value at open: on one line, or running over the next lines,
 * which must be blank or stand deeper than parent (the indentation of the
 * collection holding it). Sets *after past the closing quote, on the
 * current line (its last). */
static fm_value *quoted_value(fast *f, const char *open, size_t parent,
                              const char **after) {
    char quote = *open;
    bool unclosed = false;
    fm_value *v = one_line_quoted(f, open, after, &unclosed);
    if (!unclosed)
        return v;
    const char *close = NULL;
    fmp_pos from = mark_at(f, open);
    while (!close) {
        if (!f->has_nl)
            return give_up(f); /* never closed: libyaml reports it */
        if (!next_line(f))
            return NULL;
        const char *c = skip_spaces(f->ls, f->eol);
        if (c < f->eol && (size_t)(c - f->ls) <= parent)
            return give_up(f);
        close = quote_on_line(f->ls, f->eol, quote);
    }
    *after = close + 1;
    return folded_scalar(f, quote == '"' ? FM_STYLE_DOUBLE_QUOTED : FM_STYLE_SINGLE_QUOTED,
                         from, close + 1, open + 1, close, quote);
}

/* ===================================================================== */
/* Plain scalars                                                         */
/* ===================================================================== */

/* Where a plain scalar starting at s on the current line stops: at the
 * first ':' followed by a space or the line's end (*colon set), or at the
 * first " #" (a comment), whichever comes first; else at the line's end. */
FAST_INLINE const char *plain_stop(const fast *f, const char *s, bool *colon) {
    for (const char *h = s; (h = first_of2(f, h, f->eol, ':', '#')) < f->eol; h++) {
        if (*h == ':' ? h + 1 == f->eol || h[1] == ' ' : h > s && h[-1] == ' ') {
            *colon = *h == ':';
            return h;
        }
    }
    *colon = false;
    return f->eol;
}

/* Can a block-context plain scalar start at s? ('-' only before a
 * non-space, as in -1.) */
static inline bool plain_start(const char *s, const char *eol) {
    if (*s == '-')
        return s + 1 < eol && s[1] != ' ';
    return !indicator(*s);
}

/* The part of the current line a plain scalar takes from s: to a comment
 * or the line's end, trailing spaces dropped. NULL (given up) on a ':' that
 * would end it (`a: b: c`, or a key line among continuation lines). Sets
 * *comment when a comment ends it. */
FAST_INLINE const char *plain_part(fast *f, const char *s, bool *comment) {
    bool colon;
    const char *stop = plain_stop(f, s, &colon);
    if (colon)
        return give_up(f);
    *comment = stop < f->eol;
    while (stop[-1] == ' ')
        stop--;
    return stop;
}

/* The lines continuing a plain scalar: from the line after its first,
 * those that stand deeper than parent, up to a comment, a blank line
 * followed by a shallower one, or the block's end. Moves on to the next
 * content line (find_content) after the scalar; returns the end of its
 * last part (NULL: given up), and *end_mark where that part ends when it
 * is not `end` (the end of the first). */
FAST_INLINE const char *plain_continuation(fast *f, size_t parent, const char *end,
                                      fmp_pos *end_mark) {
    for (;;) {
        if (!next_line(f))
            return NULL;
        if (f->done) {
            f->tok = NULL;
            return end;
        }
        const char *c = skip_spaces(f->ls, f->eol);
        if (c == f->eol)
            continue; /* an empty line: it counts if a part follows */
        if (*c == '#')
            return find_content(f) ? end : NULL;
        if ((size_t)(c - f->ls) <= parent) /* the next content line */
            return content_at(f, c) ? end : NULL;
        bool comment;
        if (!(end = plain_part(f, c, &comment)))
            return NULL;
        *end_mark = mark_at(f, end);
        if (comment)
            return next_line(f) && find_content(f) ? end : NULL;
    }
}

/* A plain value starting at s, perhaps continued on the next lines (which
 * must stand deeper than parent). Moves on to the next content line. */
FAST_INLINE fm_value *plain_value(fast *f, const char *s, size_t parent) {
    bool comment;
    const char *stop = plain_part(f, s, &comment);
    if (!stop)
        return NULL;
    /* Its first line's scalar, the value when no line continues it (the
     * common case: then its text is its source). */
    fm_value *v = plain_scalar(f, s, stop);
    if (!v)
        return NULL;
    if (comment || !f->has_nl)
        return next_line(f) && find_content(f) ? v : NULL;
    fmp_pos to;
    const char *end = plain_continuation(f, parent, stop, &to);
    if (end == stop || !end)
        return end ? v : NULL;
    /* Continued: a new node in its place (v stays unused in the arena). */
    size_t len = fmp_yaml_fold(s, end, 0, NULL);
    char *t;
    v = fmp_tree_scalar(f->tree, FM_STYLE_PLAIN, fmp_value_pos(v), len, &t);
    if (!v)
        return tree_failed(f);
    fmp_yaml_fold(s, end, 0, t);
    fmp_tree_set_end(v, to);
    resolve_plain(v, t, len);
    return v;
}

/* ===================================================================== */
/* Block scalars                                                         */
/* ===================================================================== */

/* Reads the header `|` or `>` at s and its indicators; false when the line
 * holds anything else than a comment after them. */
static bool block_header(const char *s, const char *eol, size_t parent,
                         fmp_block_header *h) {
    const char *p = s + 1;
    *h = (fmp_block_header){*s == '>', 0, 0, parent};
    for (int i = 0; i < 2 && p < eol; i++) {
        if ((*p == '+' || *p == '-') && h->chomp == 0)
            h->chomp = *p++ == '+' ? 1 : -1;
        else if (*p >= '1' && *p <= '9' && h->increment == 0)
            h->increment = (size_t)(*p++ - '0');
        else
            break;
    }
    p = skip_spaces(p, eol);
    return p == eol || *p == '#';
}

/* Makes the block's end known (a block scalar reads its lines up to it):
 * the first closing fence after the current line. False when there is none
 * (the front matter is never closed: fmp_split_close reports it). */
static bool find_end(fast *f) {
    if (!f->open)
        return true;
    size_t len = (size_t)(f->text_end - f->text);
    size_t c = fmp_split_find_close(f->text, len, (size_t)(f->next - f->text));
    if (c == len)
        return false;
    f->end = f->text + c;
    f->open = false;
    return true;
}

/* Moves the current line forward to the line holding mark (a line's start,
 * or the block's end). */
static bool advance_to(fast *f, const char *mark) {
    while (f->ls < mark && f->has_nl && f->next <= mark)
        if (!next_line(f))
            return false;
    return true;
}

/* A literal or folded block scalar whose header is at s, in a collection
 * indented by parent. Leaves the current line where the scalar ends. */
static fm_value *block_scalar(fast *f, const char *s, size_t parent) {
    fmp_block_header h;
    if (!block_header(s, f->eol, parent, &h) || !f->has_nl || !find_end(f))
        return give_up(f);
    fmp_pos from = mark_at(f, s);
    const char *lines = f->next;
    size_t len;
    const char *mark = fmp_yaml_block(lines, f->end, &h, NULL, &len);
    if (!mark)
        return give_up(f);
    if (!advance_to(f, mark))
        return NULL;
    char *t;
    fm_value *v = fmp_tree_scalar(f->tree, h.folded ? FM_STYLE_FOLDED : FM_STYLE_LITERAL,
                                  from, len, &t);
    if (!v)
        return tree_failed(f);
    fmp_yaml_block(lines, f->end, &h, t, &len);
    fmp_tree_set_end(v, mark_at(f, mark));
    /* Ended inside its last line (the block's end without a line break):
     * that line is read. */
    return mark > f->ls && !next_line(f) ? NULL : v;
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
    return depth >= f->max_depth;
}

/* Applies the tree's key checks to the key of the mapping map whose pairs
 * start at kids[first]; a duplicate or a limit sends the document to
 * libyaml, which reports it (or merges duplicates). */
FAST_INLINE int check_key(fast *f, const fm_value *map, size_t first, const fm_value *key) {
    fmp_tree *t = f->tree;
    fmp_key_slot dup;
    int rc = fmp_tree_key(t, map, t->kids + first, (t->nkids - first) / 2, key, &dup);
    if (rc > 0)
        give_up(f);
    else if (rc < 0)
        tree_failed(f);
    return rc == 0 ? 0 : -1;
}

/* ===================================================================== */
/* Flow collections                                                      */
/* ===================================================================== */

/* Inside a flow collection: skips spaces, comments and line breaks up to
 * the next token (*p). Gives up at the block's end and at a document
 * marker, and on a '#' that follows no space. */
FAST_INLINE bool flow_space(fast *f, const char **p) {
    for (;;) {
        const char *q = skip_spaces(*p, f->eol);
        if (q < f->eol && *q != '#') {
            *p = q;
            return true;
        }
        if (q < f->eol && q > f->ls && q[-1] != ' ')
            return give_up(f), false;
        if (!f->has_nl)
            return give_up(f), false; /* never closed: libyaml reports it */
        if (!next_line(f))
            return false;
        if (f->eol - f->ls >= 3 &&
            (memcmp(f->ls, "---", 3) == 0 || memcmp(f->ls, "...", 3) == 0))
            return give_up(f), false;
        *p = f->ls;
    }
}

/* A plain scalar inside a flow collection, on one line: up to a ',', a
 * closing bracket, a comment or the line's end (what follows must then be
 * a ',' or a closing bracket: flow_collection checks). Sets *after past it. */
static fm_value *flow_plain(fast *f, const char *s, const char **after) {
    const char *p = first_flow_stop(s, f->eol, f->text_end);
    if (p < f->eol && *p != ',' && *p != ']' && *p != '}' && (*p != '#' || p[-1] != ' '))
        return give_up(f); /* `a:b`, `a#b`, `a[b`... */
    *after = p;
    while (p[-1] == ' ')
        p--;
    return plain_scalar(f, s, p);
}

static fm_value *flow_collection(fast *f, const char *open, size_t depth,
                                 const char **after);

/* An item of a flow sequence or a value of a flow mapping at s. */
static fm_value *flow_node(fast *f, const char *s, size_t depth, const char **after) {
    if (*s == '"' || *s == '\'')
        return quoted(f, s, after);
    if (*s == '[' || *s == '{')
        return flow_collection(f, s, depth, after);
    if (!plain_start(s, f->eol))
        return give_up(f);
    return flow_plain(f, s, after);
}

/* A key of a flow mapping at s: a scalar on one line followed by ": ".
 * Sets *after past the colon. */
static fm_value *flow_key(fast *f, const char *s, const char **after) {
    const char *p;
    fm_value *key;
    if (*s == '"' || *s == '\'') {
        key = quoted(f, s, &p);
    } else {
        if (indicator(*s))
            return give_up(f);
        p = first_flow_stop(s, f->eol, f->text_end);
        const char *e = p;
        while (e > s && e[-1] == ' ')
            e--;
        key = e == p ? plain_scalar(f, s, e) : give_up(f); /* no space before ':' */
    }
    if (!key)
        return NULL;
    if (f->eol - p < 2 || p[0] != ':' || p[1] != ' ' || p - s > FAST_MAX_KEY_SPAN)
        return give_up(f);
    *after = p + 1;
    return key;
}

/* One `key: value` of a flow mapping; *p past it. */
static int flow_pair(fast *f, const fm_value *map, size_t first, size_t depth,
                     const char **p) {
    fm_value *key = flow_key(f, *p, p);
    if (!key || check_key(f, map, first, key) != 0 || push_kid(f, key) != 0 ||
        !flow_space(f, p))
        return -1;
    if (**p == ',' || **p == '}')
        return give_up(f), -1; /* an empty value: rare, left to libyaml */
    fm_value *v = flow_node(f, *p, depth + 1, p);
    return v ? push_kid(f, v) : -1;
}

/* [a, "b", [c]] or {k: v, k2: [a]}, perhaps over several lines, with a
 * trailing comma or not. Sets *after past the closing bracket, on the
 * current line (its last). */
static fm_value *flow_collection(fast *f, const char *open, size_t depth,
                                 const char **after) {
    bool map = *open == '{';
    char close = map ? '}' : ']';
    if (too_deep(f, depth))
        return give_up(f);
    fm_value *c = new_node(f, map ? FM_MAPPING : FM_SEQUENCE, FM_STYLE_FLOW, mark_at(f, open));
    if (!c)
        return NULL;
    size_t first = f->tree->nkids;
    const char *p = open + 1;
    if (!flow_space(f, &p))
        return NULL;
    while (*p != close) {
        if (map) {
            if (flow_pair(f, c, first, depth, &p) != 0)
                return NULL;
        } else {
            fm_value *item = flow_node(f, p, depth + 1, &p);
            if (!item || push_kid(f, item) != 0)
                return NULL;
        }
        if (!flow_space(f, &p))
            return NULL;
        if (*p == ',') {
            p++;
            if (!flow_space(f, &p))
                return NULL;
            if (*p == ',')
                return give_up(f); /* an empty entry: an error */
        } else if (*p != close) {
            return give_up(f); /* `a b`, `a: b` in a sequence... */
        }
    }
    *after = p + 1;
    return finish(f, c, first, mark_at(f, p + 1));
}

/* ===================================================================== */
/* Block collections                                                     */
/* ===================================================================== */

/* After a scalar or collection that ended at `after` on the current line:
 * spaces, then a comment or the end of the line. */
static bool rest_is_blank(const char *p, const char *eol) {
    const char *q = skip_spaces(p, eol);
    return q == eol || (*q == '#' && q > p);
}

/* After a value v that ended at `after` on the current line: the rest of
 * the line is blank or a comment; moves to the next content line. */
FAST_INLINE fm_value *line_done(fast *f, fm_value *v, const char *after) {
    if (!rest_is_blank(after, f->eol) || !next_line(f))
        return give_up(f);
    return find_content(f) ? v : NULL;
}

/* A flow collection at s as a block value or item, alone on its line (but
 * for a comment); moves to the next content line. */
FAST_INLINE fm_value *flow_value(fast *f, const char *s, size_t depth) {
    const char *after;
    fm_value *v = flow_collection(f, s, depth, &after);
    return v ? line_done(f, v, after) : NULL;
}

/* A value or item at s, in a block collection indented by parent (the
 * lines it goes on to must stand deeper); moves to the next content line. */
static fm_value *inline_value(fast *f, const char *s, size_t depth, size_t parent) {
    const char *after;
    fm_value *v;
    if (*s == '"' || *s == '\'') {
        v = quoted_value(f, s, parent, &after);
        return v ? line_done(f, v, after) : NULL;
    }
    if (*s == '[' || *s == '{')
        return flow_value(f, s, depth);
    if (*s == '|' || *s == '>') {
        v = block_scalar(f, s, parent);
        return v && find_content(f) ? v : NULL;
    }
    if (plain_start(s, f->eol))
        return plain_value(f, s, parent); /* on at the next content line */
    return give_up(f);
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
        return inline_value(f, s, depth, indent);
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

/* Does the content line at tok hold a key (`key:` of a block mapping)? */
static bool key_line(const fast *f) {
    const char *s = f->tok;
    if (*s == '[' || *s == '{')
        return false; /* a flow collection (as a key: given up after it) */
    if (*s == '"' || *s == '\'') {
        const char *q = quote_on_line(s + 1, f->eol, *s);
        return q && q + 1 < f->eol && q[1] == ':';
    }
    bool colon;
    plain_stop(f, s, &colon);
    return colon;
}

/* The value after `key:` when nothing follows the colon on its line: a
 * block collection or a scalar on the next lines, or null at the colon's
 * end. */
static fm_value *block_value(fast *f, const char *after_colon, size_t indent,
                             size_t depth) {
    fmp_pos m = mark_at(f, after_colon);
    if (!next_line(f) || !find_content(f))
        return NULL;
    if (f->tok && f->indent > indent) {
        if (at_entry(f))
            return block_sequence(f, f->indent, depth, false);
        if (*f->tok == '?' || key_line(f))
            return block_mapping(f, f->indent, depth);
        return inline_value(f, f->tok, depth, indent);
    }
    if (f->tok && f->indent == indent && at_entry(f))
        return block_sequence(f, indent, depth, true);
    return empty_scalar(f, m);
}

/* ===================================================================== */
/* Block mappings                                                        */
/* ===================================================================== */

/* The key at tok; sets *colon to the ':' after it. */
static fm_value *key_scalar(fast *f, const char **colon) {
    const char *s = f->tok, *c;
    fm_value *key;
    if (!indicator(*s)) {
        bool at_colon; /* the first ':' followed by a space or the line's end */
        c = plain_stop(f, s, &at_colon);
        if (!at_colon || c[-1] == ' ')
            return give_up(f);
        if (!(key = plain_scalar(f, s, c)))
            return NULL;
    } else if (*s == '"' || *s == '\'') {
        if (!(key = quoted(f, s, &c)))
            return NULL;
        if (c == f->eol || *c != ':' || (c + 1 < f->eol && c[1] != ' '))
            return give_up(f);
    } else {
        return give_up(f);
    }
    if (c - s > FAST_MAX_KEY_SPAN)
        return give_up(f);
    *colon = c;
    return key;
}

/* One `key: value` of the mapping `map`, whose pairs start at kids[first]
 * and whose keys stand at indent. */
FAST_INLINE int mapping_pair(fast *f, const fm_value *map, size_t first, size_t indent,
                        size_t depth) {
    const char *colon;
    fm_value *key = key_scalar(f, &colon);
    if (!key || check_key(f, map, first, key) != 0 || push_kid(f, key) != 0)
        return -1;
    const char *s = skip_spaces(colon + 1, f->eol);
    fm_value *v;
    if (s == f->eol || *s == '#')
        v = block_value(f, colon + 1, indent, depth + 1);
    else if (plain_start(s, f->eol)) /* inline_value's commonest cases, without a call */
        v = plain_value(f, s, indent);
    else if (*s == '[' || *s == '{')
        v = flow_value(f, s, depth + 1);
    else
        v = inline_value(f, s, depth + 1, indent);
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
/* One line read again (fmp_load_fast_line)                              */
/* ===================================================================== */

/* The type resolve_plain gives a plain scalar of text s (NUL-terminated). */
static fm_type plain_type(const char *s, size_t len) {
    if (!may_be_typed(s, len))
        return FM_STRING; /* resolve_plain's first case, without a node */
    fm_value probe = {.type = FM_STRING, .style = FM_STYLE_PLAIN};
    probe.text = s;
    probe.text_len = len;
    resolve_plain(&probe, s, len);
    return (fm_type)probe.type;
}

/* The key at tok read as key_scalar reads a plain one, when it is key
 * (same text, and typed the same by resolve_plain) and a block of this
 * line alone would pass the tree's checks on it; sets *colon. */
static bool same_plain_key(fast *f, const fm_value *key, const char **colon) {
    const char *s = f->tok;
    bool at_colon;
    const char *c = plain_stop(f, s, &at_colon);
    size_t len = (size_t)(c - s);
    if (indicator(*s) || !at_colon || c[-1] == ' ' || len > FAST_MAX_KEY_SPAN ||
        len > f->cfg->max_scalar_length || len > f->cfg->max_key_length ||
        f->cfg->max_keys == 0 || !key->text || key->text_len != len ||
        memcmp(key->text, s, len) != 0)
        return false;
    *colon = c;
    return plain_type(key->text, len) == key->type; /* key's text: the same bytes */
}

/* The value at s of a `key: value` line, when inline_value reads it as a
 * scalar on that line alone: quoted and closed there (then blanks or a
 * comment), or plain up to a comment or the line's end (a block of one
 * line: plain_value's continuation finds no more lines). NULL otherwise. */
static fm_value *line_scalar(fast *f, const char *s) {
    if (*s == '"' || *s == '\'') {
        const char *after = NULL;
        bool unclosed = false;
        fm_value *v = one_line_quoted(f, s, &after, &unclosed);
        return v && rest_is_blank(after, f->eol) ? v : NULL;
    }
    if (!plain_start(s, f->eol))
        return NULL; /* a flow collection, a block scalar... */
    bool comment;
    const char *stop = plain_part(f, s, &comment);
    return stop ? plain_scalar(f, s, stop) : NULL;
}

/* What load_root, block_mapping and mapping_pair do with a block of one
 * line, without the mapping and key nodes (the key is compared instead):
 * every check on the way is theirs, or stricter. */
FMP_HOT int fmp_load_fast_line(fmp_snap *into, const fm_config *cfg, const char *text,
                               size_t len, size_t at, size_t end, unsigned line,
                               const fm_value *key, fm_value **value) {
    *value = NULL;
    if ((cfg->options & FM_OPT_NO_FAST_PATH) || cfg->max_depth == 0)
        return 1;
    fmp_tree tree;
    fmp_tree_init(&tree, into, cfg, NULL);
    fast state = {.tree = &tree,
                  .cfg = cfg,
                  .text = text,
                  .text_end = text + len,
                  .block = text + at,
                  .end = text + end,
                  .max_depth = cfg->max_depth < FAST_MAX_DEPTH ? cfg->max_depth
                                                               : FAST_MAX_DEPTH,
                  .ln = line};
    fast *f = &state;
    const char *colon, *s;
    fm_value *v = NULL;
    /* One line (its break ends the block), its key first. */
    if (enter_line(f, f->block) && f->next == f->end && find_content(f) &&
        f->tok == f->block && same_plain_key(f, key, &colon) &&
        (s = skip_spaces(colon + 1, f->eol)) < f->eol && *s != '#')
        v = line_scalar(f, s);
    fmp_tree_release(&tree);
    *value = v;
    return v ? 0 : 1;
}

/* ===================================================================== */
/* Entry point                                                           */
/* ===================================================================== */

/* A root written as a flow mapping: nothing but comments may follow it. */
static fm_value *flow_root(fast *f) {
    const char *after;
    fm_value *root = flow_collection(f, f->tok, 0, &after);
    if (!root)
        return NULL;
    if (!rest_is_blank(after, f->eol) || !next_line(f) || !find_content(f))
        return give_up(f);
    return f->tok ? give_up(f) : root;
}

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
    if (*f->tok == '{')
        return flow_root(f);
    if (f->indent != 0)
        return give_up(f);
    fm_value *root = block_mapping(f, 0, 0);
    return root && f->tok ? give_up(f) : root;
}

/* fmp_load_fast, with the block's end known or (open) not yet. */
static int load_fast(fmp_snap *snap, const fm_config *cfg, bool open, fm_error *err) {
    if (snap->parts.format != FM_FORMAT_YAML)
        return 1;
    fmp_tree tree;
    fmp_tree_init(&tree, snap, cfg, NULL);
    /* (an initialiser, not a memset call: the rest is zero) */
    fast state = {.tree = &tree,
                  .cfg = cfg,
                  .text = snap->text,
                  .text_end = snap->text + snap->len,
                  .block = snap->parts.front,
                  .end = snap->parts.front + snap->parts.front_len,
                  .open = open,
                  .max_depth = cfg->max_depth < FAST_MAX_DEPTH ? cfg->max_depth
                                                               : FAST_MAX_DEPTH,
                  .ln = snap->parts.front_line};
    fast *f = &state;
    fm_value *root = load_root(f, snap);
    int rc = root ? f->open ? 1 : 0 : f->rc ? f->rc : 1; /* open: never closed */
    fmp_tree_release(&tree);
    if (rc < 0)
        return fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    if (rc == 0 && open)
        fmp_split_close_at(snap->text, snap->len, (size_t)(f->end - snap->text),
                           f->ln - snap->parts.front_line, &snap->parts);
    if (rc == 0)
        snap->root = root;
    return rc;
}

int fmp_load_fast(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    return load_fast(snap, cfg, false, err);
}

int fmp_load_fast_open(fmp_snap *snap, const fm_config *cfg, fm_error *err) {
    return load_fast(snap, cfg, true, err);
}
