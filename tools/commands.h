/* SPDX-License-Identifier: MIT */
/* commands.h - the fmatter tool's subcommands and what they share. */
#ifndef FMATTER_TOOL_COMMANDS_H
#define FMATTER_TOOL_COMMANDS_H

#include <stdio.h>

#include "fmatter.h"

/* Exit statuses shared by every command. */
#define EXIT_OK 0
#define EXIT_FAILED 1 /* a file did not load, a key is missing */
#define EXIT_USAGE 2  /* bad arguments or an I/O error */

/* Loads path ("-" is standard input); on failure prints
 * `path:line:col: error: message` and returns NULL with *err filled. */
fm_doc *tool_load(const char *path, unsigned options, fm_error *err);
/* Reads standard input in chunks, as the library reads a pipe, into a
 * malloc'd buffer; *len gets its length. NULL with *err: FM_ERR_TOO_LARGE as
 * soon as it passes the input limit (the rest is never read), FM_ERR_NOMEM
 * or FM_ERR_IO. */
char *tool_read_stdin(size_t *len, fm_error *err);
/* Prints an error or diagnostic in the `FILE:LINE:COL: kind: MESSAGE` form. */
void tool_report(const char *path, const char *kind, unsigned line, unsigned column,
                 const char *message);
/* Fills *err with code, no position, and message (for errors the tool finds
 * itself). */
void tool_error(fm_error *err, fm_code code, int sys_errno, const char *message);
/* How the tool types a command-line word for doc (fm_value_parse_scalar):
 * the JSON schema in JSON front matter, TOML's in TOML front matter, the
 * YAML core schema otherwise. */
/* Flushes stdout; 0, or -1 after reporting `<stdout>: error: why` when
 * writing failed (also a write that failed within an earlier fwrite, which
 * leaves fflush nothing to fail on). */
int tool_flush_stdout(void);
/* Prints the article's diagnostics as warnings. */
void tool_report_diagnostics(const char *path, const fm_article *a);

/* cmd_read.c */
int cmd_json(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* The --dialect and --site options of json, check and summary. */
typedef struct tool_dialect {
    fm_dialect dialect; /* FM_DIALECT_GENERIC unless --dialect says */
    const char *site;   /* --site DIR, or NULL */
} tool_dialect;

/* Takes argv[*i] (and its value) when it is --dialect or --site: returns 1,
 * 0 when it is neither, -1 after printing why the value is wrong. */
int tool_dialect_option(int argc, char **argv, int *i, tool_dialect *d);
/* The document's article by d; NULL with *err. */
fm_article *tool_article(const fm_doc *doc, unsigned options, const tool_dialect *d,
                         fm_error *err);
/* The load options a dialect needs (Jekyll: duplicate keys allowed). */
unsigned tool_load_options(unsigned options, const tool_dialect *d);

/* cmd_edit.c */
int cmd_cat(int argc, char **argv);
int cmd_get(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_unset(int argc, char **argv);
int cmd_rename(int argc, char **argv);

/* cmd_convert.c */
int cmd_convert(int argc, char **argv);

/* cmd_body.c */
int cmd_body(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_toc(int argc, char **argv);
struct outbuf;
/* Appends ,"word_count":N,"reading_time":N,"summary":"...","headings":[...]
 * for `fmatter json --derived`; returns 0, or -1 after reporting an error. */
int tool_write_derived(struct outbuf *b, const char *path, const fm_doc *doc,
                       const fm_article *a);

#endif
