/* SPDX-License-Identifier: MIT */
/* fmatter.c - the command-line tool: dispatch to subcommands, usage, and the
 * loading and error-reporting helpers they share. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

static const char usage_text[] =
    "usage: fmatter COMMAND [OPTIONS] FILE...\n"
    "\n"
    "commands:\n"
    "  json [--derived] FILE|FOLDER...  one JSON object per file: meta, article, body\n"
    "  check FILE|FOLDER...        validate; print only errors and diagnostics\n"
    "  cat FILE                    parse and write the file back (byte for byte)\n"
    "  get FILE KEY                a value: scalar as text, list a line per item,\n"
    "                              mapping as JSON\n"
    "  set [OPTIONS] FILE|FOLDER KEY VALUE...\n"
    "  set [OPTIONS] FILE|FOLDER... KEY --value VALUE...\n"
    "                              set a key (VALUE read as a YAML scalar) in place\n"
    "  unset [OPTIONS] FILE|FOLDER... KEY\n"
    "                              remove a key in place\n"
    "  rename [OPTIONS] FILE|FOLDER... OLD NEW\n"
    "                              rename a key in place\n"
    "  convert [OPTIONS] --to yaml|toml|json FILE|FOLDER...\n"
    "                              rewrite the front matter in another format\n"
    "  body FILE [--html|--text] [--smart] [--unsafe] [--sourcepos] [--hardbreaks]\n"
    "                              the body rendered by cmark (default --html)\n"
    "  summary FILE [--words N] [--separator S] [--json] [--dialect D] [--site DIR]\n"
    "                              the summary (plain text; --json: rule and text)\n"
    "  toc FILE [--html|--markdown|--json]  the table of contents (default --markdown)\n"
    "\n"
    "options of json and check:\n"
    "  --strict                    a typed field of the wrong type is an error\n"
    "  --lenient                   an unclosed fence means no front matter\n"
    "  --allow-duplicates          a repeated key: the last one wins\n"
    "  --dialect generic|hugo|jekyll|zola\n"
    "                              read the typed fields as that generator does\n"
    "                              (json, check and summary; default generic)\n"
    "  --site DIR                  the site's top folder (default: found from the file)\n"
    "  -j N, --jobs N              worker threads (default: the number of cores)\n"
    "  --include GLOB              files to take from folders (default: Markdown)\n"
    "  --exclude GLOB              files or folders to skip\n"
    "  --progress, --no-progress   the progress bar (default: on a terminal, long runs)\n"
    "\n"
    "options of set, unset, rename and convert:\n"
    "  -n, --dry-run               print a unified diff, write nothing\n"
    "  --force                     save even over a file changed since it was read,\n"
    "                              a read-only one, or one whose owner or attributes\n"
    "                              cannot be kept\n"
    "  --where PATH=VALUE          edit only the files whose value at PATH is VALUE\n"
    "                              (or a list holding it); also PATH!=VALUE, and\n"
    "                              <, <=, >, >= for numbers and dates (date<now);\n"
    "                              repeatable, all must hold\n"
    "  --string                    (set) each VALUE is a string\n"
    "  --list                      (set) the values make a list, even just one\n"
    "  --replace OLD               (set) replace OLD, or each list item OLD, by VALUE\n"
    "  --value VALUE               (set) a value; then every operand before KEY is a\n"
    "                              file or folder\n"
    "  -j N, --include GLOB, --exclude GLOB, --progress, --no-progress\n"
    "                              as for json; over many files a summary line\n"
    "                              (N files changed, M unchanged, K failed) ends\n"
    "\n"
    "FILE may be - for standard input. See fmatter(1).\n";

static void usage(FILE *fp) {
    fputs(usage_text, fp);
}

void tool_report(const char *path, const char *kind, unsigned line, unsigned column,
                 const char *message) {
    if (line)
        fprintf(stderr, "%s:%u:%u: %s: %s\n", path, line, column, kind, message);
    else
        fprintf(stderr, "%s: %s: %s\n", path, kind, message);
}

void tool_report_diagnostics(const char *path, const fm_article *a) {
    for (size_t i = 0; i < a->diagnostic_count; i++) {
        const fm_diagnostic *d = &a->diagnostics[i];
        tool_report(path, "warning", d->line, d->column, d->message);
    }
}

int tool_flush_stdout(void) {
    if (fflush(stdout) != 0)
        tool_report("<stdout>", "error", 0, 0, strerror(errno));
    else if (ferror(stdout)) /* errno may have changed since */
        tool_report("<stdout>", "error", 0, 0, "a write failed");
    else
        return 0;
    return -1;
}

void tool_error(fm_error *err, fm_code code, int sys_errno, const char *message) {
    memset(err, 0, sizeof *err);
    err->code = code;
    err->sys_errno = sys_errno;
    snprintf(err->message, sizeof err->message, "%s", message);
}

char *tool_read_stdin(size_t *len, fm_error *err) {
    size_t limit = FM_DEFAULT_MAX_INPUT_SIZE, cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            size_t want = cap * 2 < limit + 1 ? cap * 2 : limit + 1;
            char *b2 = realloc(buf, want);
            if (!b2)
                break;
            buf = b2;
            cap = want;
        }
        ssize_t r = read(0, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            tool_error(err, FM_ERR_IO, errno, strerror(errno));
            free(buf);
            return NULL;
        }
        if (r == 0) {
            *len = n;
            return buf;
        }
        n += (size_t)r;
        if (n > limit) {
            char msg[96];
            snprintf(msg, sizeof msg,
                     "input over the limit of %zu bytes (max_input_size)", limit);
            tool_error(err, FM_ERR_TOO_LARGE, 0, msg);
            free(buf);
            return NULL;
        }
    }
    free(buf);
    tool_error(err, FM_ERR_NOMEM, ENOMEM, "out of memory reading standard input");
    return NULL;
}

fm_doc *tool_load(const char *path, unsigned options, fm_error *err) {
    fm_doc *doc = NULL;
    if (strcmp(path, "-") == 0) {
        size_t len;
        char *buf = tool_read_stdin(&len, err);
        if (buf)
            doc = fm_doc_parse(buf, len, options, err);
        free(buf);
    } else {
        doc = fm_doc_load_file(path, options, err);
    }
    if (!doc)
        tool_report(path, "error", err->line, err->column, err->message);
    return doc;
}

int main(int argc, char **argv) {
    /* a file size limit is an error of the save (EFBIG), not a crash */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"json", cmd_json},   {"check", cmd_check},     {"cat", cmd_cat},
        {"get", cmd_get},     {"set", cmd_set},         {"unset", cmd_unset},
        {"rename", cmd_rename}, {"body", cmd_body},     {"summary", cmd_summary},
        {"toc", cmd_toc},     {"convert", cmd_convert},
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("fmatter %s\n", fm_version());
        return EXIT_OK;
    }
    fprintf(stderr, "fmatter: unknown command '%s'\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
