/* SPDX-License-Identifier: MIT */
/* cmd_convert.c - `fmatter convert [OPTIONS] --to yaml|toml|json
 * FILE|FOLDER...`: each file's front matter rewritten in another format by
 * fm_doc_convert, through the editing commands' batch_edit (saves, -n
 * diffs, --where, folders, the summary line). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch_edit.h"
#include "commands.h"

/* The batch_edit_fn of convert: ctx is the format. */
static int convert_one(fm_doc *doc, void *ctx, fm_error *err) {
    const fm_format *to = ctx;
    return fm_doc_convert(doc, *to, err);
}

/* --to FORMAT or --to=FORMAT at argv[*i]: 1 when taken, 0 when argv[*i] is
 * something else, -1 on a bad value (said). */
static int to_option(int argc, char **argv, int *i, fm_format *to) {
    static const char *const names[] = {"yaml", "toml", "json"};
    static const fm_format formats[] = {FM_FORMAT_YAML, FM_FORMAT_TOML, FM_FORMAT_JSON};
    const char *a = argv[*i], *value = "";
    if (strncmp(a, "--to=", 5) == 0)
        value = a + 5;
    else if (strcmp(a, "--to") == 0 && *i + 1 < argc)
        value = argv[++*i];
    else if (strcmp(a, "--to") != 0)
        return 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(value, names[k]) == 0) {
            *to = formats[k];
            return 1;
        }
    fprintf(stderr, "fmatter convert: --to needs yaml, toml or json\n");
    return -1;
}

/* Takes the options wherever they stand; the operands stay in files[0..*n).
 * 0, or -1 on a bad argument (said). After `--` every argument is an
 * operand. */
static int parse_args(int argc, char **argv, fm_format *to, batch_edit_options *o,
                      char **files, int *n) {
    int options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = 1;
            continue;
        }
        int took = options_done ? 0 : to_option(argc, argv, &i, to);
        if (!options_done && took == 0)
            took = batch_edit_option(argc, argv, &i, o);
        if (took < 0)
            return -1;
        if (took)
            continue;
        if (!options_done && a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "fmatter convert: unknown option '%s'\n", a);
            return -1;
        }
        files[(*n)++] = argv[i];
    }
    return 0;
}

int cmd_convert(int argc, char **argv) {
    fm_format to = FM_FORMAT_NONE;
    batch_edit_options o = {0};
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int n = 0, status = EXIT_USAGE;
    if (!files) {
        fprintf(stderr, "fmatter: out of memory\n");
        return EXIT_USAGE;
    }
    if (parse_args(argc, argv, &to, &o, files, &n) != 0 || n == 0 || to == FM_FORMAT_NONE)
        fprintf(stderr, "usage: fmatter convert [-n] [--force] [--where PATH=VALUE] [-j N] "
                        "[--include GLOB] [--exclude GLOB] --to yaml|toml|json "
                        "FILE|FOLDER...\n");
    else
        status = batch_edit(files, n, &o, convert_one, &to);
    batch_edit_options_free(&o);
    free(files);
    return status;
}
