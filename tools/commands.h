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
/* Prints an error or diagnostic in the `FILE:LINE:COL: kind: MESSAGE` form. */
void tool_report(const char *path, const char *kind, unsigned line, unsigned column,
                 const char *message);
/* Prints the article's diagnostics as warnings. */
void tool_report_diagnostics(const char *path, const fm_article *a);

int cmd_json(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
