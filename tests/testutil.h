/* SPDX-License-Identifier: MIT */
/* testutil.h - small helpers shared by the Check suites. */
#ifndef FM_TESTUTIL_H
#define FM_TESTUTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fmatter.h"

/* Runs one suite and returns the process exit status for automake. */
static inline int fm_test_run_suite(Suite *s) {
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* Parses a NUL-terminated literal; fails the test when it does not load. */
static inline fm_doc *fm_test_parse(const char *text, unsigned options) {
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_doc *doc = fm_doc_parse(text, strlen(text), options, &err);
    ck_assert_msg(doc != NULL, "parse failed at %u:%u: %s", err.line, err.column,
                  err.message);
    return doc;
}

/* Expects a parse to fail with code at line:column, and the message to contain
 * `needle` (NULL: no check). */
static inline void fm_test_parse_fails(const char *text, unsigned options, fm_code code,
                                       unsigned line, unsigned column,
                                       const char *needle) {
    fm_error err;
    memset(&err, 0, sizeof err);
    fm_doc *doc = fm_doc_parse(text, strlen(text), options, &err);
    ck_assert_msg(doc == NULL, "expected failure, document loaded");
    ck_assert_msg(err.code == code, "code %s, expected %s (%s)", fm_code_name(err.code),
                  fm_code_name(code), err.message);
    ck_assert_uint_eq(err.line, line);
    ck_assert_uint_eq(err.column, column);
    if (needle)
        ck_assert_msg(strstr(err.message, needle) != NULL, "message \"%s\" lacks \"%s\"",
                      err.message, needle);
}

#endif
