/* SPDX-License-Identifier: MIT */
/* cmd_read.c - the read-only commands: `fmatter json` (meta, typed article
 * and body position as JSON lines) and `fmatter check` (validation). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "json.h"

/* Parses --strict / --lenient / --allow-duplicates (and --derived when
 * derived is not NULL); returns the index of the first file argument, or -1
 * on an unknown option. */
static int parse_read_options(int argc, char **argv, unsigned *options, int *derived) {
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--") == 0)
            return i + 1;
        if (derived && strcmp(argv[i], "--derived") == 0)
            *derived = 1;
        else if (strcmp(argv[i], "--strict") == 0)
            *options |= FM_OPT_STRICT;
        else if (strcmp(argv[i], "--lenient") == 0)
            *options |= FM_OPT_LENIENT;
        else if (strcmp(argv[i], "--allow-duplicates") == 0)
            *options |= FM_OPT_ALLOW_DUPLICATES;
        else {
            fprintf(stderr, "fmatter %s: unknown option '%s'\n", argv[0], argv[i]);
            return -1;
        }
    }
    return i;
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

/* Loads one file and maps its article; NULL (after reporting) on failure. */
static fm_doc *load_with_article(const char *path, unsigned options, fm_article **a,
                                 fm_error *err) {
    fm_doc *doc = tool_load(path, options, err);
    if (!doc)
        return NULL;
    *a = fm_article_from_doc(doc, options, err);
    if (!*a) {
        tool_report(path, "error", err->line, err->column, err->message);
        fm_doc_free(doc);
        return NULL;
    }
    tool_report_diagnostics(path, *a);
    return doc;
}

int cmd_json(int argc, char **argv) {
    unsigned options = 0;
    int derived = 0;
    int first = parse_read_options(argc, argv, &options, &derived);
    if (first < 0 || first >= argc) {
        fprintf(stderr, "usage: fmatter json [--derived] [--strict] [--lenient] FILE...\n");
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = first; i < argc; i++) {
        fm_error err;
        fm_article *a = NULL;
        fm_doc *doc = load_with_article(argv[i], options, &a, &err);
        if (!doc) {
            status = EXIT_FAILED;
            continue;
        }
        outbuf b = {0};
        if (write_document(&b, argv[i], doc, a, derived) != 0) {
            status = EXIT_FAILED;
        } else if (b.failed) {
            tool_report(argv[i], "error", 0, 0, "out of memory");
            status = EXIT_FAILED;
        } else {
            fwrite(b.data, 1, b.len, stdout);
        }
        ob_free(&b);
        fm_article_free(a);
        fm_doc_free(doc);
    }
    return fflush(stdout) == 0 ? status : EXIT_USAGE;
}

int cmd_check(int argc, char **argv) {
    unsigned options = 0;
    int first = parse_read_options(argc, argv, &options, NULL);
    if (first < 0 || first >= argc) {
        fprintf(stderr, "usage: fmatter check [--strict] [--lenient] FILE...\n");
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = first; i < argc; i++) {
        fm_error err;
        fm_article *a = NULL;
        fm_doc *doc = load_with_article(argv[i], options, &a, &err);
        if (!doc) {
            if (err.code == FM_ERR_IO)
                status = EXIT_USAGE;
            else if (status == EXIT_OK)
                status = EXIT_FAILED;
            continue;
        }
        fm_article_free(a);
        fm_doc_free(doc);
    }
    return status;
}
