/* SPDX-License-Identifier: MIT */
/* body.c - the body through cmark: views, parsing the span in place, HTML,
 * and the plain-text walk that the summary, the headings and titles share. */
#include "private.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* ===================================================================== */
/* Views                                                                 */
/* ===================================================================== */

fm_body fm_doc_body_view(const fm_doc *doc) {
    fm_body b = {"", 0, 1};
    if (doc) {
        b.text = doc->front_only         ? NULL
                 : doc->snap->parts.body ? doc->snap->parts.body
                                         : "";
        b.len = doc->snap->parts.body_len;
        b.line = doc->snap->parts.body_line ? doc->snap->parts.body_line : 1;
    }
    return b;
}

fm_body fm_article_body_view(const fm_article *article) {
    fm_body b = {"", 0, 1};
    if (article) {
        b.text = article->body ? article->body : "";
        b.len = article->body_len;
        b.line = article->body_line ? article->body_line : 1;
    }
    return b;
}

/* ===================================================================== */
/* Parsing                                                               */
/* ===================================================================== */

/* fmatter's rendering flags as cmark's. Raw HTML is dropped unless
 * FM_OPT_UNSAFE: cmark >= 0.29 is safe by default (CMARK_OPT_UNSAFE turns
 * it off), older releases need CMARK_OPT_SAFE. */
static int cmark_options(unsigned options) {
    int o = CMARK_OPT_DEFAULT;
    if (options & FM_OPT_SMART)
        o |= CMARK_OPT_SMART;
    if (options & FM_OPT_HARDBREAKS)
        o |= CMARK_OPT_HARDBREAKS;
    if (options & FM_OPT_SOURCEPOS)
        o |= CMARK_OPT_SOURCEPOS;
#ifdef CMARK_OPT_UNSAFE
    if (options & FM_OPT_UNSAFE)
        o |= CMARK_OPT_UNSAFE;
#else
    if (!(options & FM_OPT_UNSAFE))
        o |= CMARK_OPT_SAFE;
#endif
    return o;
}

/* Feeds n empty lines, so that cmark counts the body's lines from the line
 * of the file where it starts. CommonMark ignores blank lines at the start
 * of a document, so the tree is the same; only its positions move. */
static void feed_blank_lines(cmark_parser *p, unsigned n) {
    static const char nl[64] = {
        '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
        '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
        '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
        '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
        '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n'};
    while (n > 0) {
        unsigned k = n < sizeof nl ? n : (unsigned)sizeof nl;
        cmark_parser_feed(p, nl, k);
        n -= k;
    }
}

static void feed(void *parser, const char *s, size_t len) {
    cmark_parser_feed(parser, s, len);
}

/* Parses the body span in place (cmark keeps its own line buffer, nothing
 * else is copied; bytes that are not UTF-8 reach cmark as U+FFFD). With whole_file_lines,
 * node positions count lines of the whole file rather than of the body. Free the result
 * with cmark_node_free. */
cmark_node *fmp_body_parse(fm_body body, unsigned options, bool whole_file_lines,
                           fm_error *err) {
    if (!body.text && body.len) {
        fmp_fail(err, FM_ERR_ARG, "body text is NULL");
        return NULL;
    }
    if (body.len > FMP_CMARK_MAX_BODY) {
        fmp_fail(err, FM_ERR_TOO_LARGE,
                 "body of %zu bytes is over the %zu MiB cmark may parse", body.len,
                 FMP_CMARK_MAX_BODY >> 20);
        return NULL;
    }
    cmark_parser *p = cmark_parser_new_with_mem(cmark_options(options), fmp_cmark_mem());
    if (!p) {
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (whole_file_lines && body.line > 1)
        feed_blank_lines(p, body.line - 1);
    fmp_utf8_repair(body.text, body.len, feed, p);
    cmark_node *root = cmark_parser_finish(p);
    cmark_parser_free(p);
    if (!root)
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
    return root;
}

/* Hands a buffer's bytes to the caller as a malloc'd NUL-terminated string
 * (the buffer uses the default allocator, which is malloc). */
char *fmp_buf_take(fmp_buf *b, size_t *len, fm_error *err) {
    fmp_buf_put(b, "", 0); /* makes data a NUL-terminated string, even empty */
    if (b->failed) {
        fmp_buf_free(b);
        fmp_fail(err, FM_ERR_NOMEM, "out of memory");
        return NULL;
    }
    char *s = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* ===================================================================== */
/* HTML                                                                  */
/* ===================================================================== */

/* What a run of cmark works on and hands back (see fmp_cmark_run). */
typedef struct body_job {
    fm_body body;
    unsigned options;
    fm_error *err;
    char *html; /* fm_body_html: the result, malloc'd */
    size_t len;
    fmp_buf text;     /* fm_body_text and the title: the plain text */
    fmp_arena *arena; /* the title: where it is copied */
    const char *title;
} body_job;

static int html_run(void *arg) {
    body_job *j = arg;
    bool sourcepos = (j->options & FM_OPT_SOURCEPOS) != 0;
    cmark_node *root = fmp_body_parse(j->body, j->options, sourcepos, j->err);
    if (!root)
        return -1;
    char *html = cmark_render_html(root, cmark_options(j->options));
    cmark_node_free(root);
    j->len = strlen(html);
    j->html = malloc(j->len + 1);
    if (j->html)
        memcpy(j->html, html, j->len + 1);
    fmp_cmark_mem()->free(html);
    return j->html ? 0 : fmp_fail(j->err, FM_ERR_NOMEM, "out of memory");
}

char *fm_body_html(fm_body body, unsigned options, size_t *len, fm_error *err) {
    body_job j = {.body = body, .options = options, .err = err};
    if (fmp_cmark_run(NULL, html_run, &j, err) != 0) {
        free(j.html);
        return NULL;
    }
    if (len)
        *len = j.len;
    return j.html;
}

/* ===================================================================== */
/* Plain text                                                            */
/* ===================================================================== */

/* The walk's state: whether the current leaf block has text yet and
 * whether whitespace was seen since its last text. */
typedef struct plain {
    fmp_buf *b;
    bool started;
    bool space;
} plain;

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether raw inline HTML is a <br> tag, which reads as a space. */
static bool is_br(const char *s) {
    return s[0] == '<' && (s[1] == 'b' || s[1] == 'B') && (s[2] == 'r' || s[2] == 'R') &&
           (s[3] == '>' || s[3] == '/' || is_space(s[3]));
}

/* Before a run of text: a blank line when a block starts after earlier
 * text, one space when whitespace separated it from the previous run. */
static void plain_lead(plain *p) {
    if (!p->started) {
        if (p->b->len > 0)
            fmp_buf_put(p->b, "\n\n", 2);
        p->started = true;
    } else if (p->space) {
        fmp_buf_putc(p->b, ' ');
    }
    p->space = false;
}

/* Inline text: whitespace runs become one space, none at the block's ends. */
static void plain_inline(plain *p, const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if (is_space(s[i])) {
            p->space = true;
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && !is_space(s[j]))
            j++;
        plain_lead(p);
        fmp_buf_put(p->b, s + i, j - i);
        i = j;
    }
}

/* A code block's lines as they are, without the final line breaks. */
static void plain_code_block(plain *p, const char *s) {
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (len == 0)
        return;
    p->started = false;
    plain_lead(p);
    fmp_buf_put(p->b, s, len);
}

static void plain_enter(plain *p, cmark_iter *it, cmark_node *node) {
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        p->started = false;
        p->space = false;
        break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
        plain_inline(p, cmark_node_get_literal(node),
                     strlen(cmark_node_get_literal(node)));
        break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
        p->space = true;
        break;
    case CMARK_NODE_CODE_BLOCK:
        plain_code_block(p, cmark_node_get_literal(node));
        break;
    case CMARK_NODE_HTML_INLINE:
        p->space = p->space || is_br(cmark_node_get_literal(node));
        break;
    case CMARK_NODE_IMAGE:
        /* alt text is an attribute in HTML, not text: skip the children */
        cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
        break;
    default: /* other raw HTML is dropped; containers only hold blocks */
        break;
    }
}

/* Appends the plain text of node's subtree to out (see fm_body_text). The
 * walk is iterative: deep nesting costs no stack. */
void fmp_node_text(cmark_node *node, fmp_buf *out) {
    cmark_iter *it = cmark_iter_new(node);
    if (!it) {
        out->failed = true;
        return;
    }
    plain p = {out, false, false};
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER)
            plain_enter(&p, it, cmark_iter_get_node(it));
    cmark_iter_free(it);
}

static int text_run(void *arg) {
    body_job *j = arg;
    cmark_node *root = fmp_body_parse(j->body, j->options, false, j->err);
    if (!root)
        return -1;
    fmp_node_text(root, &j->text);
    cmark_node_free(root);
    return 0;
}

char *fm_body_text(fm_body body, unsigned options, size_t *len, fm_error *err) {
    body_job j = {.body = body, .options = options, .err = err};
    fmp_buf_init(&j.text, fmp_allocator_or_default(NULL));
    if (fmp_cmark_run(NULL, text_run, &j, err) != 0) {
        fmp_buf_free(&j.text);
        return NULL;
    }
    return fmp_buf_take(&j.text, len, err);
}

/* ===================================================================== */
/* Title fallback                                                        */
/* ===================================================================== */

/* True when some line could make a top-level level-1 heading: after at most
 * three spaces, `#` and a blank (ATX) or `=` (a setext underline). Without
 * one there is none, and cmark need not run to say so. */
static bool may_hold_h1(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && j - i < 3 && s[j] == ' ')
            j++;
        if (j < len && s[j] == '=')
            return true;
        if (j < len && s[j] == '#' &&
            (j + 1 == len || s[j + 1] == ' ' || s[j + 1] == '\t' || s[j + 1] == '\n' ||
             s[j + 1] == '\r'))
            return true;
        const char *nl = memchr(s + i, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - s) + 1;
    }
    return false;
}

/* The plain text of the body's first top-level (not quoted, not in a list)
 * level-1 heading whose text is not empty, copied into the arena. */
static int first_h1_run(void *arg) {
    body_job *j = arg;
    cmark_node *root = fmp_body_parse(j->body, 0, false, j->err);
    if (!root)
        return -1;
    fmp_buf *b = &j->text;
    for (cmark_node *n = cmark_node_first_child(root); n && !j->title && !b->failed;
         n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_HEADING ||
            cmark_node_get_heading_level(n) != 1)
            continue;
        b->len = 0;
        fmp_node_text(n, b);
        if (!b->failed && b->len > 0 &&
            !(j->title = fmp_arena_strndup(j->arena, b->data, b->len)))
            b->failed = true;
    }
    cmark_node_free(root);
    return b->failed ? fmp_fail(j->err, FM_ERR_NOMEM, "out of memory") : 0;
}

int fmp_body_first_h1(fm_body body, fmp_arena *arena, const char **title, size_t *len) {
    *title = NULL;
    if (!may_hold_h1(body.text, body.len))
        return 0;
    body_job j = {.body = body, .arena = arena};
    fmp_buf_init(&j.text, arena->al);
    int rc = fmp_cmark_run(arena->al, first_h1_run, &j, NULL);
    *title = rc == 0 ? j.title : NULL;
    *len = j.title ? j.text.len : 0;
    fmp_buf_free(&j.text);
    return rc;
}
