/* SPDX-License-Identifier: MIT */
/* cmd_read.c - the read-only commands: `fmatter json` (meta, typed article
 * and body position as JSON lines) and `fmatter check` (validation). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---------------------------------------------------------------- dialects */

int tool_dialect_option(int argc, char **argv, int *i, tool_dialect *d) {
    int dialect = strcmp(argv[*i], "--dialect") == 0;
    if (!dialect && strcmp(argv[*i], "--site") != 0)
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "fmatter: %s needs a value\n", argv[*i]);
        return -1;
    }
    const char *value = argv[++*i];
    if (!dialect) {
        d->site = value;
        return 1;
    }
    if (fm_dialect_from_name(value, strlen(value), &d->dialect) != 0 ||
        d->dialect == FM_DIALECT_DEFAULT) {
        fprintf(stderr, "fmatter: unknown dialect '%s' (generic, hugo, jekyll, zola)\n",
                value);
        return -1;
    }
    return 1;
}

fm_article *tool_article(const fm_doc *doc, unsigned options, const tool_dialect *d,
                         fm_error *err) {
    fm_article_options o;
    fm_article_options_init(&o);
    o.options = options;
    o.dialect = d->dialect;
    o.site_root = d->site;
    return fm_article_from_doc_opts(doc, &o, err);
}

unsigned tool_load_options(unsigned options, const tool_dialect *d) {
    /* Jekyll reads a repeated key as its last one; the article warns. */
    return d->dialect == FM_DIALECT_JEKYLL ? options | FM_OPT_ALLOW_DUPLICATES : options;
}

/* ---------------------------------------------------------------- commands */

/* Writes the JSON line for one loaded document; -1 when a derived value
 * failed (already reported). */
static int write_document(outbuf *b, const char *path, const fm_doc *doc, const fm_article *a,
                          const json_keys *keys, int derived) {
    ob_puts(b, "{\"path\":");
    json_string(b, path, strlen(path));
    ob_puts(b, ",\"format\":\"");
    ob_puts(b, format_name(fm_doc_format(doc)));
    ob_puts(b, "\",\"meta\":");
    json_value(b, fm_doc_root(doc));
    ob_puts(b, ",\"article\":");
    json_article(b, a, keys);
    ob_puts(b, ",\"body\":{\"offset\":");
    ob_uint(b, fm_doc_body_offset(doc));
    ob_puts(b, ",\"line\":");
    ob_uint(b, fm_doc_body_line(doc));
    ob_putc(b, '}');
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
    tool_dialect dialect;
    unsigned load_options; /* what the files are loaded with */
    json_keys keys;        /* the article's keys, made once (json) */
} read_ctx;

/* The article of a loaded file. A file read without its body
 * (FM_OPT_FRONT_ONLY) whose front matter has no title is read again whole:
 * the title may be the body's first heading. *whole gets that document. */
static fm_article *read_article(const char *path, const fm_doc *doc, const read_ctx *c,
                                fm_doc **whole, fm_error *e) {
    fm_article *a = tool_article(doc, c->options, &c->dialect, e);
    if (!a || a->title.ptr || fm_doc_has_body(doc))
        return a;
    fm_article_free(a);
    *whole = fm_doc_load_file(path, c->load_options & ~FM_OPT_FRONT_ONLY, e);
    return *whole ? tool_article(*whole, c->options, &c->dialect, e) : NULL;
}

/* Maps and (for json) writes one loaded file; the status for the exit code. */
static int read_one(const char *path, fm_doc *doc, const fm_error *load_err, void *arg,
                    outbuf *out, outbuf *err) {
    const read_ctx *c = arg;
    if (!doc) {
        batch_report(err, path, "error", load_err->line, load_err->column,
                     load_err->message);
        return load_err->code == FM_ERR_IO && !c->json ? EXIT_USAGE : EXIT_FAILED;
    }
    int status = EXIT_OK;
    fm_error e;
    fm_doc *whole = NULL;
    fm_article *a = read_article(path, doc, c, &whole, &e);
    if (whole)
        doc = whole;
    if (!a) {
        batch_report(err, path, "error", e.line, e.column, e.message);
        status = EXIT_FAILED;
    } else {
        for (size_t i = 0; i < a->diagnostic_count; i++) {
            const fm_diagnostic *d = &a->diagnostics[i];
            batch_report(err, path, "warning", d->line, d->column, d->message);
        }
        if (c->json && write_document(out, path, doc, a, &c->keys, c->derived) != 0)
            status = EXIT_FAILED;
    }
    if (out->failed || err->failed) {
        /* Out of memory: drop the partial output, say so (batch.c prints a
         * last resort message when even this fails). */
        ob_reset(out);
        ob_reset(err);
        batch_report(err, path, "error", 0, 0, "out of memory writing the output");
        status = EXIT_USAGE;
    }
    fm_article_free(a);
    fm_doc_free(whole);
    return status;
}

static int run_read(int argc, char **argv, int json) {
    read_ctx c = {0, 0, json, {FM_DIALECT_GENERIC, NULL}, 0, {{0}, NULL, 0}};
    batch_options bo = {0, NULL, 0, NULL, 0, 0, 0, 0};
    char **files = calloc((size_t)argc, sizeof *files);
    int n = 0, bad = files == NULL;
    if (!files)
        fprintf(stderr, "fmatter: out of memory\n");
    for (int i = 1; !bad && i < argc; i++) {
        int took = batch_option(argc, argv, &i, &bo);
        if (took == 0)
            took = tool_dialect_option(argc, argv, &i, &c.dialect);
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
                        "[--dialect generic|hugo|jekyll|zola] [--site DIR] "
                        "[-j N] [--include GLOB] [--exclude GLOB] FILE|FOLDER...\n",
                json ? "json" : "check", json ? " [--derived]" : "");
        status = EXIT_USAGE;
    } else {
        /* Neither command needs the body, but json --derived (its words,
         * summary and headings) and the title an article may take from it
         * (read_article). */
        bo.load_options = tool_load_options(c.options, &c.dialect);
        if (!c.derived)
            bo.load_options |= FM_OPT_FRONT_ONLY;
        c.load_options = bo.load_options;
        if (json)
            json_keys_init(&c.keys);
        status = batch_run(files, n, &bo, read_one, &c);
        json_keys_free(&c.keys);
    }
    free(files);
    free(bo.include);
    free(bo.exclude);
    if (tool_flush_stdout() != 0)
        status = EXIT_USAGE;
    return json && status == EXIT_USAGE && !bad && n ? EXIT_FAILED : status;
}

int cmd_json(int argc, char **argv) {
    return run_read(argc, argv, 1);
}

int cmd_check(int argc, char **argv) {
    return run_read(argc, argv, 0);
}
