/* SPDX-License-Identifier: MIT */
/* cmd_edit.c - the commands that read one key or rewrite a file in place:
 * `fmatter cat`, `get`, `set`, `unset`, `rename` (with --dry-run diffs). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "diff.h"
#include "json.h"

int cmd_cat(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: fmatter cat FILE\n");
        return EXIT_USAGE;
    }
    fm_error err;
    fm_doc *doc = tool_load(argv[1], 0, &err);
    if (!doc)
        return err.code == FM_ERR_IO ? EXIT_USAGE : EXIT_FAILED;
    int rc = fm_doc_emit_file(doc, stdout, &err);
    if (rc != 0)
        tool_report("<stdout>", "error", 0, 0, err.message);
    fm_doc_free(doc);
    return rc == 0 ? EXIT_OK : EXIT_USAGE;
}

/* ---------------------------------------------------------------- get */

static void print_scalar(const fm_value *v) {
    size_t len;
    const char *text = fm_value_text(v, &len);
    fwrite(text, 1, len, stdout);
    fputc('\n', stdout);
}

/* Returns -1 when out of memory (nothing printed). */
static int print_json(const fm_value *v) {
    outbuf b = {0};
    json_value(&b, v);
    ob_write(&b, "\n", 1);
    if (!b.failed)
        fwrite(b.data, 1, b.len, stdout);
    ob_free(&b);
    return b.failed ? -1 : 0;
}

int cmd_get(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: fmatter get FILE KEY\n");
        return EXIT_USAGE;
    }
    fm_error err;
    fm_doc *doc = tool_load(argv[1], 0, &err);
    if (!doc)
        return err.code == FM_ERR_IO ? EXIT_USAGE : EXIT_FAILED;
    const fm_value *v = fm_doc_get(doc, argv[2]);
    int status = EXIT_OK, rc = 0;
    if (!v) {
        fprintf(stderr, "%s: error: no key '%s'\n", argv[1], argv[2]);
        status = EXIT_FAILED;
    } else if (fm_value_type(v) == FM_MAPPING) {
        rc = print_json(v);
    } else if (fm_value_type(v) == FM_SEQUENCE) {
        for (size_t i = 0; rc == 0 && i < fm_value_size(v); i++) {
            const fm_value *item = fm_value_at(v, i);
            fm_type t = fm_value_type(item);
            if (t == FM_SEQUENCE || t == FM_MAPPING)
                rc = print_json(item);
            else
                print_scalar(item);
        }
    } else {
        print_scalar(v);
    }
    if (rc != 0) {
        tool_report(argv[1], "error", 0, 0, "out of memory");
        status = EXIT_FAILED;
    } else if (fflush(stdout) != 0) {
        tool_report("<stdout>", "error", 0, 0, strerror(errno));
        status = EXIT_USAGE;
    }
    fm_doc_free(doc);
    return status;
}

/* ---------------------------------------------------------------- writing */

typedef struct edit_options {
    int dry_run;
    int force_string;
    int force_list;
    int force_save; /* --force: save over a changed or read-only file */
} edit_options;

/* Reads -n/--dry-run, --string, --list, --force wherever they stand; leaves
 * the other arguments in order in args and returns their count (-1 on a bad
 * option). */
static int split_args(int argc, char **argv, edit_options *o, char **args) {
    int n = 0, options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0)
            options_done = 1;
        else if (!options_done && (strcmp(a, "-n") == 0 || strcmp(a, "--dry-run") == 0))
            o->dry_run = 1;
        else if (!options_done && strcmp(a, "--string") == 0)
            o->force_string = 1;
        else if (!options_done && strcmp(a, "--list") == 0)
            o->force_list = 1;
        else if (!options_done && strcmp(a, "--force") == 0)
            o->force_save = 1;
        else if (!options_done && a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "fmatter %s: unknown option '%s'\n", argv[0], a);
            return -1;
        } else
            args[n++] = argv[i];
    }
    return n;
}

/* Writes the edited document back (atomically), or prints the diff. */
static int finish_edit(const char *path, const char *old, size_t old_len, fm_doc *doc,
                       const edit_options *o) {
    size_t len;
    const char *text = fm_doc_text(doc, &len);
    if (o->dry_run) {
        unified_diff(stdout, path, old, old_len, text, len);
        if (fflush(stdout) == 0)
            return EXIT_OK;
        tool_report("<stdout>", "error", 0, 0, strerror(errno));
        return EXIT_USAGE;
    }
    if (strcmp(path, "-") == 0) {
        fprintf(stderr, "fmatter: cannot edit standard input in place (use -n)\n");
        return EXIT_USAGE;
    }
    if (old_len == len && memcmp(old, text, len) == 0)
        return EXIT_OK; /* nothing changed: leave the file alone */
    fm_error err;
    if (fm_doc_save_opts(doc, NULL, o->force_save ? FM_SAVE_FORCE : 0, &err) == 0)
        return EXIT_OK;
    if (err.code != FM_ERR_CONFLICT && err.code != FM_ERR_REFUSED) {
        tool_report(path, "error", 0, 0, err.message);
        return EXIT_USAGE;
    }
    /* the file changed on disk, is read-only, or would lose its owner or
     * attributes: the user decides */
    char message[FM_ERROR_MESSAGE_SIZE + 32];
    snprintf(message, sizeof message, "%s (--force saves anyway)", err.message);
    tool_report(path, "error", 0, 0, message);
    return EXIT_FAILED;
}

/* A command-line word as the document's format types it unquoted (true,
 * 12, 2025-01-01, null...; the library's rule), or the string itself with
 * --string. NULL with *err when it is not UTF-8 or memory runs out. */
static fm_value *word_value(const char *word, const edit_options *o, fm_schema schema,
                            fm_error *err) {
    size_t len = strlen(word);
    return o->force_string ? fm_value_new_string(word, len, err)
                           : fm_value_parse_scalar(schema, word, len, err);
}

/* The value to set: one word, or a list of them (several words, --list). */
static fm_value *value_from_words(char **words, int n, const edit_options *o,
                                  fm_schema schema, fm_error *err) {
    if (n == 1 && !o->force_list)
        return word_value(words[0], o, schema, err);
    fm_value *seq = fm_value_new_sequence();
    if (!seq)
        tool_error(err, FM_ERR_NOMEM, ENOMEM, "out of memory");
    for (int i = 0; seq && i < n; i++) {
        fm_value *item = word_value(words[i], o, schema, err);
        if (!item || fm_value_append(seq, item) != 0) {
            if (item)
                tool_error(err, FM_ERR_NOMEM, ENOMEM, "out of memory");
            fm_value_free(seq);
            seq = NULL;
        }
    }
    return seq;
}

typedef enum { EDIT_SET, EDIT_UNSET, EDIT_RENAME } edit_kind;

/* args: KEY and the values (set) or the new name (rename). */
static int apply_edit(fm_doc *doc, edit_kind kind, char **args, int n,
                      const edit_options *o, fm_error *err) {
    if (kind == EDIT_UNSET)
        return fm_doc_remove(doc, args[0], err);
    if (kind == EDIT_RENAME)
        return fm_doc_rename(doc, args[0], args[1], err);
    fm_format format = fm_doc_format(doc);
    fm_schema schema = format == FM_FORMAT_JSON   ? FM_SCHEMA_JSON
                       : format == FM_FORMAT_TOML ? FM_SCHEMA_TOML
                                                  : FM_SCHEMA_YAML;
    fm_value *v = value_from_words(args + 1, n - 1, o, schema, err);
    int rc = v ? fm_doc_set(doc, args[0], v, err) : -1;
    fm_value_free(v);
    return rc;
}

static int run_edit(int argc, char **argv, edit_kind kind, const char *usage, int min_args,
                    int max_args) {
    edit_options o = {0, 0, 0, 0};
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        fprintf(stderr, "fmatter: out of memory\n");
        return EXIT_FAILED;
    }
    int n = split_args(argc, argv, &o, args);
    if (n < min_args || (max_args > 0 && n > max_args)) {
        fprintf(stderr, "usage: %s\n", usage);
        free(args);
        return EXIT_USAGE;
    }
    const char *path = args[0];
    fm_error err;
    fm_doc *doc = tool_load(path, 0, &err);
    if (!doc) {
        free(args);
        return err.code == FM_ERR_IO ? EXIT_USAGE : EXIT_FAILED;
    }
    size_t old_len;
    char *old = fm_doc_emit(doc, &old_len, &err);
    int rc = old ? apply_edit(doc, kind, args + 1, n - 1, &o, &err) : -1;
    int status = EXIT_FAILED;
    if (rc != 0)
        fprintf(stderr, "%s: error: %s\n", path, err.message);
    else
        status = finish_edit(path, old, old_len, doc, &o);
    fm_free(old);
    fm_doc_free(doc);
    free(args);
    return status;
}

int cmd_set(int argc, char **argv) {
    return run_edit(argc, argv, EDIT_SET,
                    "fmatter set [-n] [--force] [--string] [--list] FILE KEY VALUE...", 3,
                    0);
}

int cmd_unset(int argc, char **argv) {
    return run_edit(argc, argv, EDIT_UNSET, "fmatter unset [-n] [--force] FILE KEY", 2,
                    2);
}

int cmd_rename(int argc, char **argv) {
    return run_edit(argc, argv, EDIT_RENAME, "fmatter rename [-n] [--force] FILE OLD NEW",
                    3, 3);
}
