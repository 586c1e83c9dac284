/* SPDX-License-Identifier: MIT */
/* cmd_read.c - the read-only commands: `fmatter json` (meta, typed article
 * and body position as JSON lines) and `fmatter check` (validation). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "batch.h"
#include "commands.h"
#include "json.h"

/* One of --strict, --lenient, --allow-duplicates, --derived (when derived is
 * not NULL): 0 when taken, -1 when arg is not an option (a file name). A
 * lone "-" is standard input. */
static int parse_read_option(const char *arg, unsigned *options, int *derived) {
    if (derived && strcmp(arg, "--derived") == 0)
        *derived = 1;
    else if (strcmp(arg, "--strict") == 0)
        *options |= FM_OPT_STRICT;
    else if (strcmp(arg, "--lenient") == 0)
        *options |= FM_OPT_LENIENT;
    else if (strcmp(arg, "--allow-duplicates") == 0)
        *options |= FM_OPT_ALLOW_DUPLICATES;
    else
        return -1;
    return 0;
}

static const char *format_name(fm_format f) {
    switch (f) {
    case FM_FORMAT_YAML:
        return "yaml";
    case FM_FORMAT_JSON:
        return "json";
    case FM_FORMAT_TOML:
        return "toml";
    default:
        return "none";
    }
}

/* ---------------------------------------------------------------- article */

typedef enum { F_STR, F_LIST, F_DATE, F_BOOL } field_kind;

static const struct {
    const char *name;
    field_kind kind;
    size_t offset;
} article_fields[] = {
    {"title", F_STR, offsetof(fm_article, title)},
    {"summary", F_STR, offsetof(fm_article, summary)},
    {"description", F_STR, offsetof(fm_article, description)},
    {"slug", F_STR, offsetof(fm_article, slug)},
    {"url", F_STR, offsetof(fm_article, url)},
    {"permalink", F_STR, offsetof(fm_article, permalink)},
    {"layout", F_STR, offsetof(fm_article, layout)},
    {"type", F_STR, offsetof(fm_article, type)},
    {"author", F_STR, offsetof(fm_article, author)},
    {"menu", F_STR, offsetof(fm_article, menu)},
    {"thumbnail", F_STR, offsetof(fm_article, thumbnail)},
    {"lead", F_STR, offsetof(fm_article, lead)},
    {"sidebar", F_STR, offsetof(fm_article, sidebar)},
    {"tags", F_LIST, offsetof(fm_article, tags)},
    {"categories", F_LIST, offsetof(fm_article, categories)},
    {"keywords", F_LIST, offsetof(fm_article, keywords)},
    {"aliases", F_LIST, offsetof(fm_article, aliases)},
    {"authors", F_LIST, offsetof(fm_article, authors)},
    {"images", F_LIST, offsetof(fm_article, images)},
    {"series", F_LIST, offsetof(fm_article, series)},
    {"lang", F_LIST, offsetof(fm_article, lang)},
    {"translations", F_LIST, offsetof(fm_article, translations)},
    {"widgets", F_LIST, offsetof(fm_article, widgets)},
    {"date", F_DATE, offsetof(fm_article, date)},
    {"lastmod", F_DATE, offsetof(fm_article, lastmod)},
    {"publish_date", F_DATE, offsetof(fm_article, publish_date)},
    {"expiry_date", F_DATE, offsetof(fm_article, expiry_date)},
    {"draft", F_BOOL, offsetof(fm_article, draft)},
    {"comments", F_BOOL, offsetof(fm_article, comments)},
    {"authorbox", F_BOOL, offsetof(fm_article, authorbox)},
    {"pager", F_BOOL, offsetof(fm_article, pager)},
    {"toc", F_BOOL, offsetof(fm_article, toc)},
    {"mathjax", F_BOOL, offsetof(fm_article, mathjax)},
};

/* Writes one field when it is set; returns 1 when it wrote something. */
static int write_field(outbuf *b, const fm_article *a, size_t i, int first) {
    const void *m = (const char *)a + article_fields[i].offset;
    const fm_str *s = m;
    const fm_strlist *l = m;
    const fm_datetime *dt = m;
    const fm_tribool *t = m;
    switch (article_fields[i].kind) {
    case F_STR:
        if (!s->ptr)
            return 0;
        break;
    case F_LIST:
        if (!l->items)
            return 0;
        break;
    case F_DATE:
        if (!(dt->flags & FM_DT_SET))
            return 0;
        break;
    case F_BOOL:
        if (*t == FM_UNSET)
            return 0;
        break;
    }
    if (!first)
        ob_write(b, ",", 1);
    json_key(b, article_fields[i].name);
    char date[64];
    switch (article_fields[i].kind) {
    case F_STR:
        json_string(b, s->ptr, s->len);
        break;
    case F_LIST:
        ob_write(b, "[", 1);
        for (size_t k = 0; k < l->count; k++) {
            if (k)
                ob_write(b, ",", 1);
            json_string(b, l->items[k].ptr, l->items[k].len);
        }
        ob_write(b, "]", 1);
        break;
    case F_DATE:
        json_string(b, date, fm_datetime_format(dt, date, sizeof date));
        break;
    case F_BOOL:
        ob_puts(b, *t == FM_TRUE ? "true" : "false");
        break;
    }
    return 1;
}

static void write_article(outbuf *b, const fm_article *a) {
    int first = 1;
    ob_write(b, "{", 1);
    for (size_t i = 0; i < sizeof article_fields / sizeof article_fields[0]; i++)
        if (write_field(b, a, i, first))
            first = 0;
    if (a->has_weight)
        ob_printf(b, "%s\"weight\":%lld", first ? "" : ",", (long long)a->weight);
    ob_write(b, "}", 1);
}

/* ---------------------------------------------------------------- commands */

/* Writes the JSON line for one loaded document; -1 when a derived value
 * failed (already reported). */
static int write_document(outbuf *b, const char *path, const fm_doc *doc, const fm_article *a,
                          int derived) {
    ob_write(b, "{", 1);
    json_key(b, "path");
    json_string(b, path, strlen(path));
    ob_printf(b, ",\"format\":\"%s\",", format_name(fm_doc_format(doc)));
    json_key(b, "meta");
    json_value(b, fm_doc_root(doc));
    ob_write(b, ",", 1);
    json_key(b, "article");
    write_article(b, a);
    ob_printf(b, ",\"body\":{\"offset\":%zu,\"line\":%u}", fm_doc_body_offset(doc),
              fm_doc_body_line(doc));
    if (derived && tool_write_derived(b, path, doc, a) != 0)
        return -1;
    ob_puts(b, "}\n");
    return 0;
}

/* ---------------------------------------------------------------- per file */

typedef struct read_ctx {
    unsigned options;
    int derived;
    int json; /* 1: fmatter json, 0: fmatter check */
} read_ctx;

static void report_to(outbuf *b, const char *path, const char *kind, unsigned line,
                      unsigned column, const char *message) {
    if (line)
        ob_printf(b, "%s:%u:%u: %s: %s\n", path, line, column, kind, message);
    else
        ob_printf(b, "%s: %s: %s\n", path, kind, message);
}

/* Maps and (for json) writes one loaded file; the status for the exit code. */
static int read_one(const char *path, fm_doc *doc, const fm_error *load_err, void *arg,
                    outbuf *out, outbuf *err) {
    const read_ctx *c = arg;
    if (!doc) {
        report_to(err, path, "error", load_err->line, load_err->column, load_err->message);
        return load_err->code == FM_ERR_IO && !c->json ? EXIT_USAGE : EXIT_FAILED;
    }
    int status = EXIT_OK;
    fm_error e;
    fm_article *a = fm_article_from_doc(doc, c->options, &e);
    if (!a) {
        report_to(err, path, "error", e.line, e.column, e.message);
        status = EXIT_FAILED;
    } else {
        for (size_t i = 0; i < a->diagnostic_count; i++) {
            const fm_diagnostic *d = &a->diagnostics[i];
            report_to(err, path, "warning", d->line, d->column, d->message);
        }
        if (c->json && write_document(out, path, doc, a, c->derived) != 0)
            status = EXIT_FAILED;
    }
    if (out->failed || err->failed) {
        /* Out of memory: drop the partial output, say so (batch.c prints a
         * last resort message when even this fails). */
        ob_reset(out);
        ob_reset(err);
        report_to(err, path, "error", 0, 0, "out of memory writing the output");
        status = EXIT_USAGE;
    }
    fm_article_free(a);
    return status;
}

static int run_read(int argc, char **argv, int json) {
    read_ctx c = {0, 0, json};
    batch_options bo = {0, NULL, 0, NULL, 0, 0, 0};
    char **files = calloc((size_t)argc, sizeof *files);
    int n = 0, bad = files == NULL;
    if (!files)
        fprintf(stderr, "fmatter: out of memory\n");
    for (int i = 1; !bad && i < argc; i++) {
        int took = batch_option(argc, argv, &i, &bo);
        if (took < 0)
            bad = 1;
        else if (!took && parse_read_option(argv[i], &c.options, json ? &c.derived : NULL) < 0) {
            if (argv[i][0] == '-' && argv[i][1] != '\0') {
                fprintf(stderr, "fmatter %s: unknown option '%s'\n", argv[0], argv[i]);
                bad = 1;
            } else {
                files[n++] = argv[i];
            }
        }
    }
    int status;
    if (bad || n == 0) {
        fprintf(stderr, "usage: fmatter %s [--strict] [--lenient] [--allow-duplicates]%s "
                        "[-j N] [--include GLOB] [--exclude GLOB] FILE|FOLDER...\n",
                json ? "json" : "check", json ? " [--derived]" : "");
        status = EXIT_USAGE;
    } else {
        bo.load_options = c.options;
        status = batch_run(files, n, &bo, read_one, &c);
    }
    free(files);
    free(bo.include);
    free(bo.exclude);
    if (fflush(stdout) != 0)
        status = EXIT_USAGE;
    return json && status == EXIT_USAGE && !bad && n ? EXIT_FAILED : status;
}

int cmd_json(int argc, char **argv) {
    return run_read(argc, argv, 1);
}

int cmd_check(int argc, char **argv) {
    return run_read(argc, argv, 0);
}
