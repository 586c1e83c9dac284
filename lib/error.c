/* SPDX-License-Identifier: MIT */
/* error.c - fm_error filling, code names, and line/column from byte offsets;
 * also the version functions. */
#include "private.h"

#include <stdio.h>
#include <string.h>

const char *fm_version(void) {
    return FMATTER_VERSION_STRING;
}

unsigned long fm_version_number(void) {
    return FMATTER_VERSION_NUMBER;
}

static const char *const code_names[] = {
    [FM_OK] = "ok",
    [FM_ERR_NOMEM] = "nomem",
    [FM_ERR_IO] = "io",
    [FM_ERR_ARG] = "argument",
    [FM_ERR_ENCODING] = "encoding",
    [FM_ERR_UNTERMINATED] = "unterminated",
    [FM_ERR_SYNTAX] = "syntax",
    [FM_ERR_NOT_MAPPING] = "not-mapping",
    [FM_ERR_DUPLICATE_KEY] = "duplicate-key",
    [FM_ERR_MULTIPLE_DOCUMENTS] = "multiple-documents",
    [FM_ERR_UNSUPPORTED] = "unsupported",
    [FM_ERR_TAG] = "tag",
    [FM_ERR_TOO_LARGE] = "too-large",
    [FM_ERR_TOO_DEEP] = "too-deep",
    [FM_ERR_ALIAS_LIMIT] = "alias-limit",
    [FM_ERR_KEY_TOO_LONG] = "key-too-long",
    [FM_ERR_SCALAR_TOO_LONG] = "scalar-too-long",
    [FM_ERR_TOO_MANY_KEYS] = "too-many-keys",
    [FM_ERR_TYPE] = "type",
    [FM_ERR_DATE] = "date",
    [FM_ERR_NOT_FOUND] = "not-found",
    [FM_ERR_READ_ONLY] = "read-only",
    [FM_ERR_EMIT] = "emit",
    [FM_ERR_ALIAS_BYTES] = "alias-bytes",
    [FM_ERR_CONFLICT] = "conflict",
    [FM_ERR_REFUSED] = "refused",
    [FM_ERR_IGNORED] = "ignored",
};

const char *fm_code_name(fm_code code) {
    size_t n = sizeof code_names / sizeof code_names[0];
    if ((size_t)code >= n || !code_names[code])
        return "unknown";
    return code_names[code];
}

void fmp_vformat(char *buf, size_t cap, const char *fmt, va_list ap) {
    int n = vsnprintf(buf, cap, fmt, ap);
    if (n < 0)
        buf[0] = '\0';
}

static void fill(fm_error *err, fm_code code, unsigned line, unsigned column, size_t offset,
                 const char *fmt, va_list ap) FMP_PRINTF(6, 0);

static void fill(fm_error *err, fm_code code, unsigned line, unsigned column, size_t offset,
                 const char *fmt, va_list ap) {
    err->code = code;
    err->line = line;
    err->column = column;
    err->offset = offset;
    err->sys_errno = 0;
    fmp_vformat(err->message, sizeof err->message, fmt, ap);
}

int fmp_fail(fm_error *err, fm_code code, const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, 0, 0, 0, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int fmp_fail_errno(fm_error *err, fm_code code, int sys_errno, const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, 0, 0, 0, fmt, ap);
        va_end(ap);
        err->sys_errno = sys_errno;
    }
    return -1;
}

int fmp_fail_pos(fm_error *err, fm_code code, unsigned line, unsigned column, size_t offset,
                 const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, line, column, offset, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int fmp_fail_at(fm_error *err, fm_code code, const char *text, size_t offset,
                const char *fmt, ...) {
    if (err) {
        unsigned line, column;
        fmp_position(text, offset, &line, &column);
        va_list ap;
        va_start(ap, fmt);
        fill(err, code, line, column, offset, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void fmp_position(const char *text, size_t offset, unsigned *line, unsigned *column) {
    unsigned l = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    }
    /* A byte order mark is not a character of the first line. */
    if (line_start == 0 && offset >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        line_start = 3;
    *line = l;
    *column = (unsigned)fmp_utf8_count(text + line_start, offset - line_start) + 1;
}
