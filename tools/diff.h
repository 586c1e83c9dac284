/* SPDX-License-Identifier: MIT */
/* diff.h - a unified diff of two versions of a file, for --dry-run. */
#ifndef FMATTER_TOOL_DIFF_H
#define FMATTER_TOOL_DIFF_H

#include <stddef.h>

struct outbuf;

/* Appends a unified diff (3 lines of context) of old -> new to b, labelled
 * a/label and b/label. Edits change one contiguous region, so the diff is a
 * single hunk around the lines that differ; nothing is written when equal.
 * Out of memory sets b->failed. */
void unified_diff(struct outbuf *b, const char *label, const char *old, size_t old_len,
                  const char *new_text, size_t new_len);

#endif
