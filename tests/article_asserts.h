/* SPDX-License-Identifier: MIT */
/* article_asserts.h - Check assertions on typed article fields and
 * diagnostics, shared by check_article.c and check_dialect.c. */
#ifndef FM_ARTICLE_ASSERTS_H
#define FM_ARTICLE_ASSERTS_H

#include "testutil.h"

#define DT_DATE FM_DT_SET
#define DT_TIME (FM_DT_SET | FM_DT_HAS_TIME)
#define DT_ZONED (FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET)

static inline void assert_str(const char *name, fm_str s, const char *want) {
    ck_assert_msg(s.ptr != NULL, "%s is unset, expected \"%s\"", name, want);
    ck_assert_msg(s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0,
                  "%s is \"%.*s\", expected \"%s\"", name, (int)s.len, s.ptr, want);
    ck_assert_msg(s.ptr[s.len] == '\0', "%s is not NUL-terminated", name);
}

static inline void assert_str_unset(const char *name, fm_str s) {
    ck_assert_msg(s.ptr == NULL && s.len == 0, "%s is set", name);
}

/* want: n items. */
static inline void assert_list(const char *name, fm_strlist l, const char *const *want,
                               size_t n) {
    ck_assert_msg(l.items != NULL, "%s is unset", name);
    ck_assert_msg(l.count == n, "%s has %zu items, expected %zu", name, l.count, n);
    for (size_t i = 0; i < n; i++)
        assert_str(name, l.items[i], want[i]);
}

static inline void assert_list1(const char *name, fm_strlist l, const char *want) {
    assert_list(name, l, &want, 1);
}

static inline void assert_list_empty(const char *name, fm_strlist l) {
    ck_assert_msg(l.items != NULL, "%s is unset, expected an empty list", name);
    ck_assert_msg(l.count == 0, "%s has %zu items, expected none", name, l.count);
}

static inline void assert_list_unset(const char *name, fm_strlist l) {
    ck_assert_msg(l.items == NULL && l.count == 0, "%s is set", name);
}

static inline void assert_dt(const char *name, fm_datetime got, int year, int month,
                             int day, int hour, int minute, int second, int nanosecond,
                             int utc_offset, unsigned flags) {
    ck_assert_msg(got.year == year && got.month == month && got.day == day &&
                      got.hour == hour && got.minute == minute && got.second == second &&
                      got.nanosecond == nanosecond && got.utc_offset == utc_offset &&
                      got.flags == flags,
                  "%s: got %04d-%02d-%02d %02d:%02d:%02d.%09d off %d flags %u, want "
                  "%04d-%02d-%02d %02d:%02d:%02d.%09d off %d flags %u",
                  name, got.year, got.month, got.day, got.hour, got.minute, got.second,
                  got.nanosecond, got.utc_offset, got.flags, year, month, day, hour,
                  minute, second, nanosecond, utc_offset, flags);
}

static inline void assert_diag(const fm_diagnostic *d, fm_code code, unsigned line,
                               unsigned column, size_t offset, const char *key,
                               const char *message) {
    ck_assert_msg(d->code == code, "code %s, expected %s", fm_code_name(d->code),
                  fm_code_name(code));
    ck_assert_uint_eq(d->line, line);
    ck_assert_uint_eq(d->column, column);
    ck_assert_uint_eq(d->offset, offset);
    ck_assert_str_eq(d->key, key);
    ck_assert_str_eq(d->message, message);
}

#endif
