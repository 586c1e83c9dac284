/* SPDX-License-Identifier: MIT */
/* cmd_convert.c - `fmatter convert [-n] --to yaml|toml|json FILE|FOLDER...`:
 * each file's front matter rewritten in another format and saved in place
 * like `set` does (or shown as a diff), with a count of what became of them. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "commands.h"
#include "diff.h"

typedef struct convert_ctx {
    fm_format to;
    int dry_run;
    int force;
    /* What became of the files (the workers count them). */
    unsigned long converted, unchanged, failed;
} convert_ctx;

static void count(unsigned long *n) {
    __atomic_fetch_add(n, 1, __ATOMIC_RELAXED);
}

static void report_to(outbuf *b, const char *path, unsigned line, unsigned column,
                      const char *message) {
    if (line)
        ob_printf(b, "%s:%u:%u: error: %s\n", path, line, column, message);
    else
        ob_printf(b, "%s: error: %s\n", path, message);
}

/* The unified diff of old -> new into b. -1 when it cannot be made. */
static int diff_to(outbuf *b, const char *path, const char *old, size_t old_len,
                   const char *new_text, size_t new_len) {
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    if (!fp)
        return -1;
    unified_diff(fp, path, old, old_len, new_text, new_len);
    int rc = fclose(fp) == 0 ? 0 : -1;
    if (rc == 0)
        ob_write(b, text, len);
    free(text);
    return rc;
}

/* Saves the converted document over its file; the file's status. */
static int save(const char *path, fm_doc *doc, const convert_ctx *c, outbuf *err) {
    fm_error e;
    if (strcmp(path, "-") == 0) {
        report_to(err, path, 0, 0, "cannot convert standard input in place (use -n)");
        return EXIT_USAGE;
    }
    if (fm_doc_save_opts(doc, NULL, c->force ? FM_SAVE_FORCE : 0, &e) == 0)
        return EXIT_OK;
    if (e.code != FM_ERR_CONFLICT && e.code != FM_ERR_REFUSED) {
        report_to(err, path, 0, 0, e.message);
        return EXIT_USAGE;
    }
    char message[FM_ERROR_MESSAGE_SIZE + 32];
    snprintf(message, sizeof message, "%s (--force saves anyway)", e.message);
    report_to(err, path, 0, 0, message);
    return EXIT_FAILED;
}

/* Converts one loaded file (in a worker thread). */
static int convert_one(const char *path, fm_doc *doc, const fm_error *load_err, void *arg,
                       outbuf *out, outbuf *err) {
    convert_ctx *c = arg;
    fm_error e;
    if (!doc) {
        count(&c->failed);
        report_to(err, path, load_err->line, load_err->column, load_err->message);
        return load_err->code == FM_ERR_IO ? EXIT_USAGE : EXIT_FAILED;
    }
    size_t old_len, len;
    char *old = fm_doc_emit(doc, &old_len, &e);
    if (!old || fm_doc_convert(doc, c->to, &e) != 0) {
        count(&c->failed);
        report_to(err, path, e.line, e.column, e.message);
        fm_free(old);
        return EXIT_FAILED;
    }
    const char *text = fm_doc_text(doc, &len);
    bool same = len == old_len && memcmp(old, text, len) == 0;
    int status = EXIT_OK;
    if (!same && c->dry_run && diff_to(out, path, old, old_len, text, len) != 0) {
        report_to(err, path, 0, 0, "out of memory writing the diff");
        status = EXIT_USAGE;
    } else if (!same && !c->dry_run) {
        status = save(path, doc, c, err);
    }
    count(status != EXIT_OK ? &c->failed : same ? &c->unchanged : &c->converted);
    fm_free(old);
    return status;
}

/* --to FORMAT or --to=FORMAT at argv[*i]: 1 when taken, 0 when argv[*i] is
 * something else, -1 on a bad value (said). */
static int to_option(int argc, char **argv, int *i, fm_format *to) {
    const char *a = argv[*i], *value;
    if (strncmp(a, "--to=", 5) == 0)
        value = a + 5;
    else if (strcmp(a, "--to") == 0 && *i + 1 < argc)
        value = argv[++*i];
    else if (strcmp(a, "--to") == 0)
        value = "";
    else
        return 0;
    if (strcmp(value, "yaml") == 0)
        *to = FM_FORMAT_YAML;
    else if (strcmp(value, "toml") == 0)
        *to = FM_FORMAT_TOML;
    else if (strcmp(value, "json") == 0)
        *to = FM_FORMAT_JSON;
    else {
        fprintf(stderr, "fmatter convert: --to needs yaml, toml or json\n");
        return -1;
    }
    return 1;
}

/* Takes the options of convert; the files stay in files[0..*n). 0, or -1
 * on a bad argument (said). */
static int parse_args(int argc, char **argv, convert_ctx *c, batch_options *bo, char **files,
                      int *n) {
    int options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int took = options_done ? 0 : to_option(argc, argv, &i, &c->to);
        if (took == 0 && !options_done)
            took = batch_option(argc, argv, &i, bo);
        if (took < 0)
            return -1;
        if (took > 0)
            continue;
        if (!options_done && strcmp(a, "--") == 0)
            options_done = 1;
        else if (!options_done && (strcmp(a, "-n") == 0 || strcmp(a, "--dry-run") == 0))
            c->dry_run = 1;
        else if (!options_done && strcmp(a, "--force") == 0)
            c->force = 1;
        else if (!options_done && a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "fmatter convert: unknown option '%s'\n", a);
            return -1;
        } else
            files[(*n)++] = argv[i];
    }
    return 0;
}

int cmd_convert(int argc, char **argv) {
    convert_ctx c = {FM_FORMAT_NONE, 0, 0, 0, 0, 0};
    batch_options bo = {0, NULL, 0, NULL, 0, 0, 0};
    char **files = calloc((size_t)argc, sizeof *files);
    int n = 0, status;
    if (!files) {
        fprintf(stderr, "fmatter: out of memory\n");
        return EXIT_USAGE;
    }
    if (parse_args(argc, argv, &c, &bo, files, &n) != 0 || n == 0 ||
        c.to == FM_FORMAT_NONE) {
        fprintf(stderr, "usage: fmatter convert [-n] [--force] --to yaml|toml|json [-j N] "
                        "[--include GLOB] [--exclude GLOB] FILE|FOLDER...\n");
        status = EXIT_USAGE;
    } else {
        status = batch_run(files, n, &bo, convert_one, &c);
        if (c.converted + c.unchanged + c.failed > 1)
            fprintf(stderr, "%lu converted, %lu unchanged, %lu failed\n", c.converted,
                    c.unchanged, c.failed);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "fmatter: <stdout>: %s\n", strerror(errno));
        status = EXIT_USAGE;
    }
    free(files);
    free(bo.include);
    free(bo.exclude);
    return status;
}
