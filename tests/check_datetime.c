/* SPDX-License-Identifier: MIT */
/* check_datetime.c - fm_datetime_parse, fm_datetime_to_time and
 * fm_datetime_format: accepted forms, rejections, epoch seconds, output text. */
#include "testutil.h"

#include <stdio.h>

/* ===================================================================== */
/* Helpers                                                               */
/* ===================================================================== */

#define DT_DATE FM_DT_SET
#define DT_TIME (FM_DT_SET | FM_DT_HAS_TIME)
#define DT_ZONED (FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET)

/* Parses text from a heap copy of exactly its length (no NUL after it), so
 * that a read past the end shows under AddressSanitizer and valgrind. */
static int parse_exact(const char *text, size_t len, fm_datetime *out) {
    char *copy = malloc(len ? len : 1);
    int rc;
    ck_assert_ptr_nonnull(copy);
    if (len)
        memcpy(copy, text, len);
    rc = fm_datetime_parse(copy, len, out);
    free(copy);
    return rc;
}

static fm_datetime make_dt(int year, int month, int day, int hour, int minute, int second,
                           int nanosecond, int utc_offset, unsigned flags) {
    fm_datetime dt;
    memset(&dt, 0, sizeof dt);
    dt.year = year;
    dt.month = month;
    dt.day = day;
    dt.hour = hour;
    dt.minute = minute;
    dt.second = second;
    dt.nanosecond = nanosecond;
    dt.utc_offset = utc_offset;
    dt.flags = flags;
    return dt;
}

/* Every field equal, with the input named in the failure message. */
static void assert_dt_eq(const char *text, const fm_datetime *got,
                         const fm_datetime *want) {
    ck_assert_msg(got->year == want->year && got->month == want->month &&
                      got->day == want->day && got->hour == want->hour &&
                      got->minute == want->minute && got->second == want->second &&
                      got->nanosecond == want->nanosecond &&
                      got->utc_offset == want->utc_offset && got->flags == want->flags,
                  "\"%s\": got %04d-%02d-%02d %02d:%02d:%02d.%09d off %d flags %u, "
                  "want %04d-%02d-%02d %02d:%02d:%02d.%09d off %d flags %u",
                  text, got->year, got->month, got->day, got->hour, got->minute,
                  got->second, got->nanosecond, got->utc_offset, got->flags, want->year,
                  want->month, want->day, want->hour, want->minute, want->second,
                  want->nanosecond, want->utc_offset, want->flags);
}

/* A value filled with a pattern no parse produces, to see it left alone. */
static fm_datetime sentinel_dt(void) {
    fm_datetime dt;
    memset(&dt, 0x5a, sizeof dt);
    return dt;
}

static void assert_rejected(const char *text, size_t len) {
    fm_datetime dt = sentinel_dt(), before = sentinel_dt();
    ck_assert_msg(parse_exact(text, len, &dt) == -1, "\"%.*s\" was accepted", (int)len,
                  text);
    ck_assert_msg(memcmp(&dt, &before, sizeof dt) == 0, "\"%.*s\" changed *out", (int)len,
                  text);
}

static time_t to_time(const char *text, int default_offset) {
    fm_datetime dt;
    time_t t = 0;
    ck_assert_int_eq(fm_datetime_parse(text, strlen(text), &dt), 0);
    ck_assert_int_eq(fm_datetime_to_time(&dt, default_offset, &t), 0);
    return t;
}

static void assert_format(const fm_datetime *dt, const char *want) {
    char buf[64];
    size_t n = fm_datetime_format(dt, buf, sizeof buf);
    ck_assert_str_eq(buf, want);
    ck_assert_uint_eq(n, strlen(want));
}

/* ===================================================================== */
/* Parsing: accepted forms                                               */
/* ===================================================================== */

static const struct accept_case {
    const char *text;
    fm_datetime want;
} accept_cases[] = {
    {"2025-02-11", {2025, 2, 11, 0, 0, 0, 0, 0, DT_DATE}},
    {"2025-02-11 01:46:07", {2025, 2, 11, 1, 46, 7, 0, 0, DT_TIME}},
    {"2025-02-11T01:46:07", {2025, 2, 11, 1, 46, 7, 0, 0, DT_TIME}},
    {"2025-02-11t01:46:07z", {2025, 2, 11, 1, 46, 7, 0, 0, DT_ZONED}},
    {"2025-02-11T01:46:07Z", {2025, 2, 11, 1, 46, 7, 0, 0, DT_ZONED}},
    {"2025-02-11T01:46:07.123456789+01:00",
     {2025, 2, 11, 1, 46, 7, 123456789, 60, DT_ZONED}},
    {"2025-02-11T01:46:07.5-07:00", {2025, 2, 11, 1, 46, 7, 500000000, -420, DT_ZONED}},
    {"2019-08-08 14:10:00 +0800", {2019, 8, 8, 14, 10, 0, 0, 480, DT_ZONED}},
    {"2019-08-08 14:10:00 +08:00", {2019, 8, 8, 14, 10, 0, 0, 480, DT_ZONED}},
    {"2019-08-08 14:10:00+08", {2019, 8, 8, 14, 10, 0, 0, 480, DT_ZONED}},
    {"2025-02-11T01:46:07-0700", {2025, 2, 11, 1, 46, 7, 0, -420, DT_ZONED}},
    {"2001-12-14 21:59:43.10 -5", {2001, 12, 14, 21, 59, 43, 100000000, -300, DT_ZONED}},
    {"2001-12-14t21:59:43.10-05:00",
     {2001, 12, 14, 21, 59, 43, 100000000, -300, DT_ZONED}},
    {"2001-12-14 21:59:43.10 -5:30",
     {2001, 12, 14, 21, 59, 43, 100000000, -330, DT_ZONED}},
    {"2001-12-15 2:59:43.10", {2001, 12, 15, 2, 59, 43, 100000000, 0, DT_TIME}},
    {"2001-12-14 \t 21:59:43.10 \tZ", {2001, 12, 14, 21, 59, 43, 100000000, 0, DT_ZONED}},
    {"2025-02-11T01:46:07.000000001Z", {2025, 2, 11, 1, 46, 7, 1, 0, DT_ZONED}},
    {"2025-02-11T01:46:07.0Z", {2025, 2, 11, 1, 46, 7, 0, 0, DT_ZONED}},
    {"2025-02-11T01:46:07+23:59", {2025, 2, 11, 1, 46, 7, 0, 1439, DT_ZONED}},
    {"2025-02-11T01:46:07-23:59", {2025, 2, 11, 1, 46, 7, 0, -1439, DT_ZONED}},
    {"2025-02-11T01:46:07-00:00", {2025, 2, 11, 1, 46, 7, 0, 0, DT_ZONED}},
    {"2024-02-29", {2024, 2, 29, 0, 0, 0, 0, 0, DT_DATE}},
    {"2000-02-29", {2000, 2, 29, 0, 0, 0, 0, 0, DT_DATE}},
    {"2025-01-31", {2025, 1, 31, 0, 0, 0, 0, 0, DT_DATE}},
    {"2025-04-30", {2025, 4, 30, 0, 0, 0, 0, 0, DT_DATE}},
    {"0000-01-01", {0, 1, 1, 0, 0, 0, 0, 0, DT_DATE}},
    {"9999-12-31T23:59:59.999999999Z",
     {9999, 12, 31, 23, 59, 59, 999999999, 0, DT_ZONED}},
    {"2016-12-31T23:59:60Z", {2016, 12, 31, 23, 59, 60, 0, 0, DT_ZONED}},
};

START_TEST(parse_accepts) {
    const struct accept_case *c = &accept_cases[_i];
    fm_datetime dt = sentinel_dt();
    ck_assert_msg(parse_exact(c->text, strlen(c->text), &dt) == 0, "\"%s\" was rejected",
                  c->text);
    assert_dt_eq(c->text, &dt, &c->want);
}
END_TEST

/* ===================================================================== */
/* Parsing: rejections                                                   */
/* ===================================================================== */

static const char *const reject_cases[] = {
    "2025-13-01",
    "2025-00-01",
    "2025-01-00",
    "2025-02-30",
    "2025-04-31",
    "2023-02-29",
    "1900-02-29",
    "2025-02-11 25:00:00",
    "2025-02-11 24:00:00",
    "2025-02-11T01:60:00",
    "2025-02-11T01:46:61",
    "2025-2-11",
    "2025-02-1",
    "25-02-11",
    "20250-02-11",
    "2025/02/11",
    "2025-02-11T01:46",
    "2025-02-11T1:4:07",
    "2025-02-11T001:46:07",
    "2025-02-11T01:46:07.1234567890",
    "2025-02-11T01:46:07.",
    "2025-02-11T01:46:07.Z",
    "2025-02-11X",
    "2025-02-11T",
    "2025-02-11 ",
    "2025-02-11T 01:46:07",
    "2025-02-11T01:46:07 ",
    "2025-02-11T01:46:07Z ",
    "2025-02-11T01:46:07ZZ",
    "2025-02-11T01:46:07+",
    "2025-02-11T01:46:07+01:",
    "2025-02-11T01:46:07+01:0",
    "2025-02-11T01:46:07+010",
    "2025-02-11T01:46:07+01000",
    "2025-02-11T01:46:07+1:0",
    "2025-02-11 01:46:07 +2400",
    "2025-02-11 01:46:07 +24",
    "2025-02-11 01:46:07 +01:60",
    "2025-02-11 01:46:07 UTC",
    " 2025-02-11",
    "2025-02-11\n",
    "+2025-02-11",
    "",
    "hello",
};

START_TEST(parse_rejects) {
    const char *text = reject_cases[_i];
    assert_rejected(text, strlen(text));
}
END_TEST

START_TEST(parse_null_arguments) {
    fm_datetime dt = sentinel_dt(), before = sentinel_dt();
    ck_assert_int_eq(fm_datetime_parse(NULL, 0, &dt), -1);
    ck_assert_int_eq(fm_datetime_parse(NULL, 10, &dt), -1);
    ck_assert_int_eq(memcmp(&dt, &before, sizeof dt), 0);
    ck_assert_int_eq(fm_datetime_parse("2025-02-11", 10, NULL), -1);
}
END_TEST

/* The length, not a NUL, ends the text: the byte after it is never read. */
START_TEST(parse_stops_at_len) {
    static const char buf[] = "2025-02-119";
    static const char timed[] = "2025-02-11T01:46:07Zjunk";
    fm_datetime dt = sentinel_dt();
    fm_datetime want = make_dt(2025, 2, 11, 0, 0, 0, 0, 0, DT_DATE);
    fm_datetime want_timed = make_dt(2025, 2, 11, 1, 46, 7, 0, 0, DT_ZONED);

    ck_assert_int_eq(fm_datetime_parse(buf, strlen(buf), &dt), -1);
    ck_assert_int_eq(fm_datetime_parse(buf, 10, &dt), 0);
    assert_dt_eq("2025-02-11", &dt, &want);
    ck_assert_int_eq(fm_datetime_parse(timed, 20, &dt), 0);
    assert_dt_eq("2025-02-11T01:46:07Z", &dt, &want_timed);
}
END_TEST

/* Every prefix of a full timestamp is read without overrun, and only the
 * prefixes that are themselves timestamps are accepted. */
START_TEST(parse_prefixes) {
    static const char full[] = "2025-02-11T01:46:07.123456789+01:00";
    size_t len;
    for (len = 0; len <= strlen(full); len++) {
        fm_datetime dt;
        int valid = len == 10 || len == 19 || (len >= 21 && len <= 29) || len == 31 ||
                    len == 32 || len == 35;
        if (valid)
            ck_assert_msg(parse_exact(full, len, &dt) == 0, "prefix %zu rejected", len);
        else
            assert_rejected(full, len);
    }
}
END_TEST

/* ===================================================================== */
/* Epoch seconds                                                         */
/* ===================================================================== */

START_TEST(to_time_epoch) {
    ck_assert_int_eq((long long)to_time("1970-01-01", 0), 0);
    ck_assert_int_eq((long long)to_time("1970-01-01T00:00:00Z", 0), 0);
    ck_assert_int_eq((long long)to_time("1969-12-31T23:59:59Z", 0), -1);
}
END_TEST

START_TEST(to_time_offsets) {
    /* date -u -d 2025-02-11T01:46:07Z +%s */
    ck_assert_int_eq((long long)to_time("2025-02-11T01:46:07Z", 0), 1739238367LL);
    ck_assert_int_eq((long long)to_time("2025-02-11T01:46:07Z", 600), 1739238367LL);
    ck_assert_int_eq((long long)to_time("2025-02-11T01:46:07+01:00", 0), 1739234767LL);
    ck_assert_int_eq((long long)to_time("2025-02-11T01:46:07-0700", 0), 1739263567LL);
    ck_assert_int_eq((long long)to_time("2019-08-08 14:10:00 +0800", 0), 1565244600LL);
    /* The fraction does not count: whole seconds only. */
    ck_assert_int_eq((long long)to_time("2001-12-14 21:59:43.10 -5", 0), 1008385183LL);
}
END_TEST

START_TEST(to_time_floating) {
    time_t utc = to_time("2025-02-11T01:46:07", 0);
    time_t east = to_time("2025-02-11T01:46:07", 60);
    ck_assert_int_eq((long long)utc, 1739238367LL);
    ck_assert_int_eq((long long)(utc - east), 3600);
    ck_assert_int_eq((long long)to_time("2025-02-11T01:46:07", -420), 1739263567LL);
}
END_TEST

START_TEST(to_time_date_only) {
    ck_assert_int_eq((long long)to_time("2025-02-11", 0), 1739232000LL);
    ck_assert_int_eq((long long)to_time("2025-02-11", 60), 1739232000LL - 3600);
    ck_assert_int_eq((long long)to_time("2024-02-29", 0), 1709164800LL);
    ck_assert_int_eq((long long)to_time("2000-03-01", 0), 951868800LL);
}
END_TEST

START_TEST(to_time_leap_second) {
    /* 23:59:60 is the same instant as the next day's 00:00:00. */
    ck_assert_int_eq((long long)to_time("2016-12-31T23:59:60Z", 0), 1483228800LL);
}
END_TEST

START_TEST(to_time_far_years) {
    if (sizeof(time_t) < 8)
        return;
    ck_assert_int_eq((long long)to_time("0000-01-01T00:00:00Z", 0), -62167219200LL);
    ck_assert_int_eq((long long)to_time("9999-12-31T23:59:59Z", 0), 253402300799LL);
}
END_TEST

START_TEST(to_time_unset) {
    fm_datetime dt;
    time_t t = 42;
    memset(&dt, 0, sizeof dt);
    ck_assert_int_eq(fm_datetime_to_time(&dt, 0, &t), -1);
    ck_assert_int_eq(fm_datetime_to_time(NULL, 0, &t), -1);
    ck_assert_int_eq((long long)t, 42);
    dt = make_dt(2025, 2, 11, 0, 0, 0, 0, 0, DT_DATE);
    ck_assert_int_eq(fm_datetime_to_time(&dt, 0, NULL), -1);
}
END_TEST

/* A caller-filled value out of range is refused like an unset one. */
START_TEST(to_time_invalid) {
    fm_datetime bad_day = make_dt(2025, 2, 30, 0, 0, 0, 0, 0, DT_DATE);
    fm_datetime bad_hour = make_dt(2025, 2, 11, 24, 0, 0, 0, 0, DT_TIME);
    fm_datetime bad_offset = make_dt(2025, 2, 11, 1, 0, 0, 0, 1440, DT_ZONED);
    time_t t = 42;
    ck_assert_int_eq(fm_datetime_to_time(&bad_day, 0, &t), -1);
    ck_assert_int_eq(fm_datetime_to_time(&bad_hour, 0, &t), -1);
    ck_assert_int_eq(fm_datetime_to_time(&bad_offset, 0, &t), -1);
    ck_assert_int_eq((long long)t, 42);
}
END_TEST

/* ===================================================================== */
/* Formatting                                                            */
/* ===================================================================== */

START_TEST(format_forms) {
    fm_datetime date = make_dt(2025, 2, 11, 0, 0, 0, 0, 0, DT_DATE);
    fm_datetime floating = make_dt(2025, 2, 11, 1, 46, 7, 0, 0, DT_TIME);
    fm_datetime utc = make_dt(2025, 2, 11, 1, 46, 7, 0, 0, DT_ZONED);
    fm_datetime half = make_dt(2025, 2, 11, 1, 46, 7, 500000000, 60, DT_ZONED);
    fm_datetime nine = make_dt(2025, 2, 11, 1, 46, 7, 123456789, -420, DT_ZONED);
    fm_datetime tenth = make_dt(2001, 12, 14, 21, 59, 43, 100000000, -300, DT_ZONED);
    fm_datetime nano = make_dt(2025, 2, 11, 1, 46, 7, 1, 0, DT_TIME);
    fm_datetime year0 = make_dt(0, 1, 1, 0, 0, 0, 0, 0, DT_DATE);
    fm_datetime odd = make_dt(2025, 2, 11, 1, 46, 7, 0, -330, DT_ZONED);

    assert_format(&date, "2025-02-11");
    assert_format(&floating, "2025-02-11T01:46:07");
    assert_format(&utc, "2025-02-11T01:46:07Z");
    assert_format(&half, "2025-02-11T01:46:07.5+01:00");
    assert_format(&nine, "2025-02-11T01:46:07.123456789-07:00");
    assert_format(&tenth, "2001-12-14T21:59:43.1-05:00");
    assert_format(&nano, "2025-02-11T01:46:07.000000001");
    assert_format(&year0, "0000-01-01");
    assert_format(&odd, "2025-02-11T01:46:07-05:30");
}
END_TEST

/* Date-only values print no time, whatever the time fields hold. */
START_TEST(format_ignores_unflagged_parts) {
    fm_datetime dt = make_dt(2025, 2, 11, 1, 46, 7, 5, 60, DT_DATE);
    assert_format(&dt, "2025-02-11");
}
END_TEST

static const struct {
    const char *in;
    const char *out;
} round_trips[] = {
    {"2025-02-11", "2025-02-11"},
    {"2025-02-11 01:46:07", "2025-02-11T01:46:07"},
    {"2025-02-11t01:46:07z", "2025-02-11T01:46:07Z"},
    {"2025-02-11T01:46:07.123456789+01:00", "2025-02-11T01:46:07.123456789+01:00"},
    {"2025-02-11T01:46:07.50-07:00", "2025-02-11T01:46:07.5-07:00"},
    {"2019-08-08 14:10:00 +0800", "2019-08-08T14:10:00+08:00"},
    {"2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43.1-05:00"},
    {"2001-12-15 2:59:43.10", "2001-12-15T02:59:43.1"},
    {"2025-02-11T01:46:07-00:00", "2025-02-11T01:46:07Z"},
    {"2025-02-11T01:46:07.0+00:00", "2025-02-11T01:46:07Z"},
};

START_TEST(format_round_trip) {
    fm_datetime dt, again;
    const char *in = round_trips[_i].in, *out = round_trips[_i].out;
    char buf[64];
    ck_assert_int_eq(fm_datetime_parse(in, strlen(in), &dt), 0);
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, sizeof buf), strlen(out));
    ck_assert_str_eq(buf, out);
    ck_assert_int_eq(fm_datetime_parse(buf, strlen(buf), &again), 0);
    ck_assert_uint_eq(fm_datetime_format(&again, buf, sizeof buf), strlen(out));
    ck_assert_str_eq(buf, out);
}
END_TEST

START_TEST(format_truncates) {
    fm_datetime dt = make_dt(2025, 2, 11, 1, 46, 7, 500000000, 60, DT_ZONED);
    const char *full = "2025-02-11T01:46:07.5+01:00";
    char buf[64];

    memset(buf, 'x', sizeof buf);
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, 5), strlen(full));
    ck_assert_str_eq(buf, "2025");
    ck_assert_int_eq(buf[5], 'x');

    memset(buf, 'x', sizeof buf);
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, 1), strlen(full));
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(buf[1], 'x');

    /* Exactly one byte short of the NUL. */
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, strlen(full)), strlen(full));
    ck_assert_str_eq(buf, "2025-02-11T01:46:07.5+01:0");
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, strlen(full) + 1), strlen(full));
    ck_assert_str_eq(buf, full);
}
END_TEST

START_TEST(format_measures) {
    fm_datetime dt = make_dt(2025, 2, 11, 1, 46, 7, 123456789, -420, DT_ZONED);
    char buf[4] = "abc";
    ck_assert_uint_eq(fm_datetime_format(&dt, NULL, 0), 35);
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, 0), 35);
    ck_assert_str_eq(buf, "abc");
}
END_TEST

START_TEST(format_unset) {
    fm_datetime dt;
    char buf[8] = "abcdefg";
    memset(&dt, 0, sizeof dt);
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(fm_datetime_format(&dt, NULL, 0), 0);
    memcpy(buf, "abcdefg", sizeof buf);
    ck_assert_uint_eq(fm_datetime_format(NULL, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
}
END_TEST

/* A caller-filled value out of range formats like an unset one. */
START_TEST(format_invalid) {
    fm_datetime bad_month = make_dt(2025, 13, 1, 0, 0, 0, 0, 0, DT_DATE);
    fm_datetime bad_year = make_dt(-1, 1, 1, 0, 0, 0, 0, 0, DT_DATE);
    fm_datetime bad_nano = make_dt(2025, 2, 11, 1, 46, 7, 1000000000, 0, DT_TIME);
    fm_datetime bad_offset = make_dt(2025, 2, 11, 1, 46, 7, 0, -1440, DT_ZONED);
    char buf[64];
    ck_assert_uint_eq(fm_datetime_format(&bad_month, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
    ck_assert_uint_eq(fm_datetime_format(&bad_year, buf, sizeof buf), 0);
    ck_assert_uint_eq(fm_datetime_format(&bad_nano, buf, sizeof buf), 0);
    ck_assert_uint_eq(fm_datetime_format(&bad_offset, buf, sizeof buf), 0);
}
END_TEST

/* ===================================================================== */
/* A time of day alone (FM_DT_NO_DATE, TOML's local time)                */
/* ===================================================================== */

#define DT_CLOCK (FM_DT_SET | FM_DT_HAS_TIME | FM_DT_NO_DATE)

START_TEST(time_of_day_formats) {
    fm_datetime dt = make_dt(0, 0, 0, 7, 32, 0, 0, 0, DT_CLOCK);
    fm_datetime frac = make_dt(0, 0, 0, 23, 59, 60, 250000000, 0, DT_CLOCK);
    char buf[64];
    ck_assert_uint_eq(fm_datetime_format(&dt, buf, sizeof buf), 8);
    ck_assert_str_eq(buf, "07:32:00");
    ck_assert_uint_eq(fm_datetime_format(&frac, buf, sizeof buf), 11);
    ck_assert_str_eq(buf, "23:59:60.25");
}
END_TEST

/* Without a date no instant: epoch seconds fail and leave *out. */
START_TEST(time_of_day_has_no_epoch) {
    fm_datetime dt = make_dt(0, 0, 0, 7, 32, 0, 0, 0, DT_CLOCK);
    time_t t = 42;
    ck_assert_int_eq(fm_datetime_to_time(&dt, 0, &t), -1);
    ck_assert_int_eq((int)t, 42);
}
END_TEST

/* A date, an offset or an hour out of range makes it invalid. */
START_TEST(time_of_day_invalid) {
    fm_datetime with_date = make_dt(2025, 1, 1, 7, 32, 0, 0, 0, DT_CLOCK);
    fm_datetime with_offset = make_dt(0, 0, 0, 7, 32, 0, 0, 60, DT_CLOCK | FM_DT_HAS_OFFSET);
    fm_datetime no_time = make_dt(0, 0, 0, 7, 32, 0, 0, 0, FM_DT_SET | FM_DT_NO_DATE);
    fm_datetime hour = make_dt(0, 0, 0, 24, 0, 0, 0, 0, DT_CLOCK);
    char buf[64];
    ck_assert_uint_eq(fm_datetime_format(&with_date, buf, sizeof buf), 0);
    ck_assert_uint_eq(fm_datetime_format(&with_offset, buf, sizeof buf), 0);
    ck_assert_uint_eq(fm_datetime_format(&no_time, buf, sizeof buf), 0);
    ck_assert_uint_eq(fm_datetime_format(&hour, buf, sizeof buf), 0);
}
END_TEST

/* fm_datetime_parse reads dates: a time alone is not one (YAML's 07:32:00
 * is a string; only TOML front matter makes a time of day). */
START_TEST(time_of_day_not_parsed) {
    assert_rejected("07:32:00", 8);
    assert_rejected("07:32:00.5", 10);
}
END_TEST

/* ===================================================================== */
/* Suite                                                                 */
/* ===================================================================== */

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *datetime_suite(void) {
    Suite *s = suite_create("datetime");
    TCase *parse = tcase_create("parse");
    TCase *epoch = tcase_create("to_time");
    TCase *format = tcase_create("format");

    tcase_add_loop_test(parse, parse_accepts, 0, COUNT(accept_cases));
    tcase_add_loop_test(parse, parse_rejects, 0, COUNT(reject_cases));
    tcase_add_test(parse, parse_null_arguments);
    tcase_add_test(parse, parse_stops_at_len);
    tcase_add_test(parse, parse_prefixes);
    suite_add_tcase(s, parse);

    tcase_add_test(epoch, to_time_epoch);
    tcase_add_test(epoch, to_time_offsets);
    tcase_add_test(epoch, to_time_floating);
    tcase_add_test(epoch, to_time_date_only);
    tcase_add_test(epoch, to_time_leap_second);
    tcase_add_test(epoch, to_time_far_years);
    tcase_add_test(epoch, to_time_unset);
    tcase_add_test(epoch, to_time_invalid);
    suite_add_tcase(s, epoch);

    tcase_add_test(format, format_forms);
    tcase_add_test(format, format_ignores_unflagged_parts);
    tcase_add_loop_test(format, format_round_trip, 0, COUNT(round_trips));
    tcase_add_test(format, format_truncates);
    tcase_add_test(format, format_measures);
    tcase_add_test(format, format_unset);
    tcase_add_test(format, format_invalid);
    tcase_add_test(format, time_of_day_formats);
    tcase_add_test(format, time_of_day_has_no_epoch);
    tcase_add_test(format, time_of_day_invalid);
    tcase_add_test(format, time_of_day_not_parsed);
    suite_add_tcase(s, format);
    return s;
}

int main(void) {
    return fm_test_run_suite(datetime_suite());
}
