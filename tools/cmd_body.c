/* SPDX-License-Identifier: MIT */
/* cmd_body.c - the commands about the Markdown body: `fmatter body`,
 * `summary` and `toc`, and the derived members of `fmatter json --derived`. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "json.h"

/* What the command line asked for. */
typedef struct body_args {
    const char *path;
    int mode;              /* index of the mode flag given (0: the default) */
    unsigned options;      /* FM_OPT_* rendering flags */
    size_t words;          /* summary: --words N (0: the default) */
    const char *separator; /* summary: --separator S */
    tool_dialect dialect;  /* summary: --dialect NAME --site DIR */
} body_args;

/* Which extra flags a command takes. */
#define ARG_RENDER 1u  /* --smart --unsafe --sourcepos --hardbreaks */
#define ARG_SUMMARY 2u /* --words N --separator S --dialect NAME --site DIR */

static const struct {
    const char *name;
    unsigned option;
} render_flags[] = {
    {"--smart", FM_OPT_SMART},
    {"--unsafe", FM_OPT_UNSAFE},
    {"--sourcepos", FM_OPT_SOURCEPOS},
    {"--hardbreaks", FM_OPT_HARDBREAKS},
};

/* Parses --words N; returns 0, or -1 when N is not a positive number. */
static int parse_words(const char *s, size_t *out) {
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    if (*s < '0' || *s > '9' || *end != '\0' || n == 0 || n > SIZE_MAX)
        return -1;
    *out = (size_t)n;
    return 0;
}

/* Handles a flag that takes a value (argv[*i + 1]); 1 when it was one. */
static int parse_summary_flag(int argc, char **argv, int *i, body_args *a, int *bad) {
    int words = strcmp(argv[*i], "--words") == 0;
    if (!words && strcmp(argv[*i], "--separator") != 0)
        return 0;
    if (*i + 1 >= argc || (words && parse_words(argv[*i + 1], &a->words) != 0))
        *bad = 1;
    else if (!words)
        a->separator = argv[*i + 1];
    (*i)++;
    return 1;
}

static int parse_flag(int argc, char **argv, int *i, const char *const *modes,
                      unsigned extra, body_args *a) {
    for (int m = 0; modes[m]; m++)
        if (strcmp(argv[*i], modes[m]) == 0) {
            a->mode = m;
            return 0;
        }
    for (size_t k = 0;
         (extra & ARG_RENDER) && k < sizeof render_flags / sizeof *render_flags; k++)
        if (strcmp(argv[*i], render_flags[k].name) == 0) {
            a->options |= render_flags[k].option;
            return 0;
        }
    int bad = 0;
    if ((extra & ARG_SUMMARY) && parse_summary_flag(argc, argv, i, a, &bad))
        return bad ? -1 : 0;
    if (extra & ARG_SUMMARY) {
        int took = tool_dialect_option(argc, argv, i, &a->dialect);
        if (took != 0)
            return took > 0 ? 0 : -1;
    }
    return -1;
}

/* One FILE (anywhere among the flags); modes is a NULL-terminated list of
 * mutually exclusive flags. Returns 0, or -1 after printing `usage`. */
static int parse_args(int argc, char **argv, const char *const *modes, unsigned extra,
                      const char *usage, body_args *a) {
    memset(a, 0, sizeof *a);
    a->dialect.dialect = FM_DIALECT_GENERIC;
    for (int i = 1; i < argc; i++) {
        int is_flag = argv[i][0] == '-' && argv[i][1] != '\0';
        if (is_flag && parse_flag(argc, argv, &i, modes, extra, a) == 0)
            continue;
        if (is_flag || a->path) {
            fprintf(stderr, "usage: fmatter %s\n", usage);
            return -1;
        }
        a->path = argv[i];
    }
    if (!a->path) {
        fprintf(stderr, "usage: fmatter %s\n", usage);
        return -1;
    }
    return 0;
}

/* Prints s and a line break (none after an empty string or one that ends
 * in a line break); EXIT_USAGE when writing fails. */
static int print_text(const char *s, size_t len) {
    fwrite(s, 1, len, stdout);
    if (len > 0 && s[len - 1] != '\n')
        fputc('\n', stdout);
    return tool_flush_stdout() == 0 ? EXIT_OK : EXIT_USAGE;
}

static int print_outbuf(const char *path, outbuf *b) {
    int status;
    if (b->failed) {
        tool_report(path, "error", 0, 0, "out of memory");
        status = EXIT_FAILED;
    } else {
        status = print_text(b->data ? b->data : "", b->len);
    }
    ob_free(b);
    return status;
}

static int load_failed(const fm_error *err) {
    return err->code == FM_ERR_IO ? EXIT_USAGE : EXIT_FAILED;
}

/* ---------------------------------------------------------------- body */

int cmd_body(int argc, char **argv) {
    static const char *const modes[] = {"--html", "--text", NULL};
    body_args a;
    if (parse_args(argc, argv, modes, ARG_RENDER,
                   "body FILE [--html|--text] [--smart] [--unsafe] [--sourcepos] "
                   "[--hardbreaks]",
                   &a) != 0)
        return EXIT_USAGE;
    fm_error err;
    fm_doc *doc = tool_load(a.path, 0, &err);
    if (!doc)
        return load_failed(&err);
    size_t len;
    fm_body body = fm_doc_body_view(doc);
    char *out = a.mode == 1 ? fm_body_text(body, a.options, &len, &err)
                            : fm_body_html(body, a.options, &len, &err);
    int status = EXIT_FAILED;
    if (out)
        status = print_text(out, len);
    else
        tool_report(a.path, "error", 0, 0, err.message);
    fm_free(out);
    fm_doc_free(doc);
    return status;
}

/* ---------------------------------------------------------------- summary */

static void summary_json(outbuf *b, const fm_summary *s) {
    ob_printf(b, "{\"rule\":\"%s\",\"truncated\":%s,", fm_summary_rule_name(s->rule),
              s->truncated ? "true" : "false");
    json_key(b, "markdown");
    json_string(b, s->markdown, s->markdown_len);
    ob_write(b, ",", 1);
    json_key(b, "text");
    json_string(b, s->text, s->text_len);
    ob_write(b, "}", 1);
}

/* The summary of a loaded document by the rules of its dialect, its front
 * matter's summary (or Jekyll's excerpt) included. */
static fm_summary *doc_summary(const fm_doc *doc, const tool_dialect *d,
                               const fm_summary_options *opts, fm_error *err) {
    fm_article *art = tool_article(doc, 0, d, err);
    if (!art)
        return NULL;
    fm_summary *s = fm_article_summary(art, opts, err);
    fm_article_free(art);
    return s;
}

int cmd_summary(int argc, char **argv) {
    static const char *const modes[] = {"--text", "--json", NULL};
    body_args a;
    if (parse_args(argc, argv, modes, ARG_SUMMARY,
                   "summary FILE [--words N] [--separator S] [--json] "
                   "[--dialect generic|hugo|jekyll|zola] [--site DIR]",
                   &a) != 0)
        return EXIT_USAGE;
    fm_error err;
    fm_doc *doc = tool_load(a.path, tool_load_options(0, &a.dialect), &err);
    if (!doc)
        return load_failed(&err);
    fm_summary_options opts;
    fm_summary_options_init(&opts);
    if (a.words)
        opts.words = a.words;
    opts.separator = a.separator;
    fm_summary *s = doc_summary(doc, &a.dialect, &opts, &err);
    int status = EXIT_FAILED;
    if (!s) {
        tool_report(a.path, "error", err.line, err.column, err.message);
    } else if (a.mode == 1) {
        outbuf b = {0};
        summary_json(&b, s);
        status = print_outbuf(a.path, &b);
    } else {
        status = print_text(s->text, s->text_len);
    }
    fm_summary_free(s);
    fm_doc_free(doc);
    return status;
}

/* ---------------------------------------------------------------- toc */

static void headings_json(outbuf *b, const fm_headings *h) {
    ob_write(b, "[", 1);
    for (size_t i = 0; i < h->count; i++) {
        const fm_heading *x = &h->items[i];
        ob_printf(b, "%s{\"level\":%d,", i ? "," : "", x->level);
        json_key(b, "text");
        json_string(b, x->text, x->text_len);
        ob_write(b, ",", 1);
        json_key(b, "anchor");
        json_string(b, x->anchor, x->anchor_len);
        ob_printf(b, ",\"line\":%u}", x->line);
    }
    ob_write(b, "]", 1);
}

static int print_toc(const char *path, const fm_headings *h, int mode) {
    outbuf b = {0};
    if (mode == 2) {
        headings_json(&b, h);
        return print_outbuf(path, &b);
    }
    fm_error err;
    size_t len;
    char *toc = fm_headings_toc(h, mode == 0, &len, &err);
    if (!toc) {
        tool_report(path, "error", 0, 0, err.message);
        return EXIT_FAILED;
    }
    int status = print_text(toc, len);
    fm_free(toc);
    return status;
}

int cmd_toc(int argc, char **argv) {
    static const char *const modes[] = {"--markdown", "--html", "--json", NULL};
    body_args a;
    if (parse_args(argc, argv, modes, 0, "toc FILE [--html|--markdown|--json]", &a) != 0)
        return EXIT_USAGE;
    fm_error err;
    fm_doc *doc = tool_load(a.path, 0, &err);
    if (!doc)
        return load_failed(&err);
    fm_headings *h = fm_body_headings(fm_doc_body_view(doc), 0, &err);
    int status = EXIT_FAILED;
    if (h)
        status = print_toc(a.path, h, a.mode);
    else
        tool_report(a.path, "error", 0, 0, err.message);
    fm_headings_free(h);
    fm_doc_free(doc);
    return status;
}

/* ---------------------------------------------------------------- json --derived */

int tool_write_derived(outbuf *b, const char *path, const fm_doc *doc,
                       const fm_article *a) {
    fm_error err;
    fm_body body = fm_doc_body_view(doc);
    fm_body_stats st;
    fm_summary *s = NULL;
    fm_headings *h = NULL;
    int rc = fm_body_stats_get(body, 0, &st, &err);
    if (rc == 0)
        s = a ? fm_article_summary(a, NULL, &err)
              : fm_body_summary(body, NULL, 0, NULL, &err);
    if (s)
        h = fm_body_headings(body, 0, &err);
    if (h) {
        ob_printf(b, ",\"word_count\":%zu,\"reading_time\":%u,", st.words,
                  st.reading_time);
        json_key(b, "summary");
        json_string(b, s->text, s->text_len);
        ob_write(b, ",", 1);
        json_key(b, "headings");
        headings_json(b, h);
    } else {
        tool_report(path, "error", 0, 0, err.message);
        rc = -1;
    }
    fm_headings_free(h);
    fm_summary_free(s);
    return rc;
}
