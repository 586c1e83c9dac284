/* SPDX-License-Identifier: MIT */
/* where.h - the --where conditions of the editing commands: PATH=VALUE,
 * PATH!=VALUE and PATH<VALUE (>, <=, >=) tested on a loaded document. */
#ifndef FMATTER_TOOL_WHERE_H
#define FMATTER_TOOL_WHERE_H

#include <stddef.h>

#include "fmatter.h"

typedef enum where_op {
    WHERE_EQ,
    WHERE_NE,
    WHERE_LT,
    WHERE_LE,
    WHERE_GT,
    WHERE_GE
} where_op;

typedef struct where_clause {
    char *path; /* the key path, malloc'd */
    where_op op;
    fm_value *yaml;  /* = and !=: the word typed by the YAML core schema */
    fm_value *json;  /*           by the JSON schema */
    fm_value *toml;  /*           and by TOML's */
    fm_value *bound; /* <, <=, >, >=: the word as an int, float or date */
} where_clause;

typedef struct where_list {
    where_clause *items;
    size_t count;
} where_list;

/* Adds the condition `expr` (PATH OP VALUE, the first =, !=, <, <=, > or >=
 * outside a double-quoted key being the operator; for <, <=, > and >= the
 * word `now` is the time of this call in UTC). Returns 0, or -1 after
 * printing why on stderr (no path, no operator, a comparison with a word
 * that is neither a number nor a date, out of memory). */
int where_add(where_list *l, const char *expr);
/* 1 when doc meets every condition, else 0. Allocates nothing and only
 * reads l: worker threads share it. */
int where_match(const where_list *l, const fm_doc *doc);
void where_free(where_list *l);

#endif
