/* SPDX-License-Identifier: MIT */
/* cmd_edit.c - the commands that read one key or rewrite files in place:
 * `fmatter cat`, `get`, and `set`, `unset`, `rename` on one file or many
 * (batch_edit.c runs them: --dry-run diffs, --where, folders). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch_edit.h"
#include "commands.h"
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
    } else if (tool_flush_stdout() != 0) {
        status = EXIT_USAGE;
    }
    fm_doc_free(doc);
    return status;
}

/* ---------------------------------------------------------------- writing */

typedef struct edit_options {
    batch_edit_options run; /* -n, --force, --where, -j, --include... */
    int force_string;
    int force_list;
    const char *replace; /* set --replace OLD */
    const char **values; /* set --value VALUE... */
    int value_count;
} edit_options;

/* Adds a --value word. */
static int add_value(edit_options *o, const char *value) {
    const char **v = realloc(o->values, ((size_t)o->value_count + 1) * sizeof *v);
    if (!v) {
        fprintf(stderr, "fmatter: out of memory\n");
        return -1;
    }
    v[o->value_count++] = value;
    o->values = v;
    return 1;
}

/* --string, --list (taken, and ignored, by unset and rename too, as they
 * always were), and set's --replace OLD and --value VALUE; the same return
 * values as batch_option. */
static int value_option(int argc, char **argv, int *i, int is_set, edit_options *o) {
    const char *a = argv[*i];
    if (strcmp(a, "--string") == 0 || strcmp(a, "--list") == 0) {
        if (strcmp(a, "--string") == 0)
            o->force_string = 1;
        else
            o->force_list = 1;
        return 1;
    }
    if (!is_set || (strcmp(a, "--replace") != 0 && strcmp(a, "--value") != 0))
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, "fmatter: %s needs a value\n", a);
        return -1;
    }
    const char *value = argv[++*i];
    if (strcmp(a, "--value") == 0)
        return add_value(o, value);
    o->replace = value;
    return 1;
}

/* Reads the options wherever they stand (--replace and --value for set);
 * leaves the other arguments in order in args and returns their count (-1
 * on a bad option). After `--` every argument is an operand. */
static int split_args(int argc, char **argv, int is_set, edit_options *o, char **args) {
    int n = 0, options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int took = 0;
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (!options_done)
            took = value_option(argc, argv, &i, is_set, o);
        if (!options_done && took == 0)
            took = batch_edit_option(argc, argv, &i, &o->run);
        if (took < 0)
            return -1;
        if (took)
            continue;
        if (!options_done && a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "fmatter %s: unknown option '%s'\n", argv[0], a);
            return -1;
        }
        args[n++] = argv[i];
    }
    return n;
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
static fm_value *value_from_words(const char *const *words, int n, const edit_options *o,
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

/* One edit, shared by the worker threads (read only). */
typedef struct edit_job {
    edit_kind kind;
    const char *key;
    const char *const *words; /* set: the values; rename: the new name */
    int word_count;
    const edit_options *o;
    int many; /* over many files, a missing key leaves a file unchanged */
} edit_job;

/* Item i of the list at key, as a path. */
static char *item_path(const char *key, size_t i) {
    size_t len = strlen(key) + 24;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s[%zu]", key, i);
    return path;
}

/* In the list at key: the first item equal to old becomes new, unless the
 * list holds new already; then, and for the later items equal to old, the
 * item is removed. 1 when no item equals old. */
static int replace_items(fm_doc *doc, const char *key, const fm_value *old,
                         const fm_value *new_value, fm_error *err) {
    const fm_value *list = fm_doc_get(doc, key);
    int has_new = 0, rc = 1;
    for (size_t i = 0; i < fm_value_size(list); i++)
        has_new |= fm_value_equal(fm_value_at(list, i), new_value);
    size_t i = 0;
    while (rc >= 0 && i < fm_value_size(list)) {
        if (!fm_value_equal(fm_value_at(list, i), old)) {
            i++;
            continue;
        }
        char *path = item_path(key, i);
        if (!path) {
            tool_error(err, FM_ERR_NOMEM, ENOMEM, "out of memory");
            return -1;
        }
        rc = has_new ? fm_doc_remove(doc, path, err)
                     : fm_doc_set(doc, path, new_value, err);
        free(path);
        i += !has_new; /* a removed item's place holds the next one */
        has_new = 1;
        list = fm_doc_get(doc, key); /* the edit invalidated the old pointers */
    }
    return rc;
}

/* set --replace OLD: the value at key, or each item of the list at key,
 * that equals OLD (typed as VALUE is) becomes VALUE. 1 when none does. */
static int replace_value(fm_doc *doc, const edit_job *j, fm_error *err) {
    fm_schema schema = fm_format_schema(fm_doc_format(doc));
    fm_value *old = word_value(j->o->replace, j->o, schema, err);
    fm_value *new_value = old ? word_value(j->words[0], j->o, schema, err) : NULL;
    const fm_value *v = fm_doc_get(doc, j->key);
    int rc = 1;
    if (!new_value)
        rc = -1;
    else if (v && fm_value_type(v) == FM_SEQUENCE && !fm_value_equal(old, new_value))
        rc = replace_items(doc, j->key, old, new_value, err);
    else if (v && fm_value_equal(v, old) && !fm_value_equal(old, new_value))
        rc = fm_doc_set(doc, j->key, new_value, err);
    fm_value_free(old);
    fm_value_free(new_value);
    return rc;
}

/* The batch_edit_fn of set, unset and rename. */
static int apply_edit(fm_doc *doc, void *arg, fm_error *err) {
    const edit_job *j = arg;
    int rc;
    if (j->kind == EDIT_UNSET) {
        rc = fm_doc_remove(doc, j->key, err);
    } else if (j->kind == EDIT_RENAME) {
        rc = fm_doc_rename(doc, j->key, j->words[0], err);
    } else if (j->o->replace) {
        return replace_value(doc, j, err);
    } else {
        fm_value *v =
            value_from_words(j->words, j->word_count, j->o, fm_format_schema(fm_doc_format(doc)), err);
        rc = v ? fm_doc_set(doc, j->key, v, err) : -1;
        fm_value_free(v);
    }
    /* over many files, a file that lacks the key to remove or rename is left
     * unchanged */
    int lacks = rc != 0 && err->code == FM_ERR_NOT_FOUND && j->kind != EDIT_SET;
    return lacks && j->many ? 1 : rc;
}

/* Splits the operands: the paths first, then the key and the words (set:
 * FILE KEY VALUE..., or PATH... KEY with --value; unset: PATH... KEY;
 * rename: PATH... OLD NEW). The number of paths, or -1 when the operands
 * do not fit. */
static int layout(edit_job *j, char **args, int n) {
    const edit_options *o = j->o;
    int paths = j->kind == EDIT_UNSET    ? n - 1
                : j->kind == EDIT_RENAME ? n - 2
                : o->value_count         ? n - 1
                                         : 1;
    if (paths < 1 || (j->kind == EDIT_SET && !o->value_count && n < 3))
        return -1;
    j->key = args[paths];
    j->words = o->value_count ? o->values : (const char *const *)args + paths + 1;
    j->word_count = o->value_count ? o->value_count : n - paths - 1;
    if (o->replace && (j->word_count != 1 || o->force_list))
        return -1;
    return paths;
}

static int run_edit(int argc, char **argv, edit_kind kind, const char *usage) {
    edit_options o = {0};
    edit_job j = {kind, NULL, NULL, 0, &o, 0};
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) {
        fprintf(stderr, "fmatter: out of memory\n");
        return EXIT_FAILED;
    }
    int n = split_args(argc, argv, kind == EDIT_SET, &o, args);
    int paths = n < 0 ? -1 : layout(&j, args, n);
    int status = EXIT_USAGE;
    if (paths < 0) {
        fprintf(stderr, "usage: %s\n", usage);
    } else {
        j.many = batch_edit_many(args, paths);
        status = batch_edit(args, paths, &o.run, apply_edit, &j);
    }
    batch_edit_options_free(&o.run);
    free(o.values);
    free(args);
    return status;
}

int cmd_set(int argc, char **argv) {
    return run_edit(argc, argv, EDIT_SET,
                    "fmatter set [OPTIONS] [--string] [--list] [--replace OLD] "
                    "FILE|FOLDER KEY VALUE...\n"
                    "       fmatter set [OPTIONS] [--string] [--list] [--replace OLD] "
                    "FILE|FOLDER... KEY --value VALUE...\n"
                    "OPTIONS: [-n] [--force] [--where PATH=VALUE] [-j N] "
                    "[--include GLOB] [--exclude GLOB] [--progress|--no-progress]");
}

int cmd_unset(int argc, char **argv) {
    return run_edit(argc, argv, EDIT_UNSET,
                    "fmatter unset [-n] [--force] [--where PATH=VALUE] [-j N] "
                    "[--include GLOB] [--exclude GLOB] FILE|FOLDER... KEY");
}

int cmd_rename(int argc, char **argv) {
    return run_edit(argc, argv, EDIT_RENAME,
                    "fmatter rename [-n] [--force] [--where PATH=VALUE] [-j N] "
                    "[--include GLOB] [--exclude GLOB] FILE|FOLDER... OLD NEW");
}
