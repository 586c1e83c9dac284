/* SPDX-License-Identifier: MIT */
/* datetime.c - parsing and formatting calendar dates and times: YAML 1.1
 * timestamps and RFC 3339 text in, RFC 3339 text and epoch seconds out; the
 * calendar checks every loader shares (fmp_datetime_valid). */
#include "private.h"

#include <string.h>

/* ===================================================================== */
/* Calendar                                                              */
/* ===================================================================== */

static int is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* month is 1..12. */
static int days_in_month(int year, int month) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year))
        return 29;
    return days[month - 1];
}

static bool date_valid(int year, int month, int day) {
    return year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

/* Second 60 is a leap second; which minutes really had one is not checked. */
static bool time_valid(int hour, int minute, int second, int nanosecond) {
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 &&
           second <= 60 && nanosecond >= 0 && nanosecond <= 999999999;
}

static bool offset_valid(int minutes) {
    return minutes >= -(23 * 60 + 59) && minutes <= 23 * 60 + 59;
}

/* A time of day alone: no date, no offset. */
static bool time_of_day_valid(const fm_datetime *dt) {
    return (dt->flags & FM_DT_HAS_TIME) && !(dt->flags & FM_DT_HAS_OFFSET) &&
           dt->year == 0 && dt->month == 0 && dt->day == 0 &&
           time_valid(dt->hour, dt->minute, dt->second, dt->nanosecond);
}

bool fmp_datetime_valid(const fm_datetime *dt) {
    if (!(dt->flags & FM_DT_SET))
        return false;
    if (dt->flags & FM_DT_NO_DATE)
        return time_of_day_valid(dt);
    if (!date_valid(dt->year, dt->month, dt->day))
        return false;
    if ((dt->flags & FM_DT_HAS_TIME) &&
        !time_valid(dt->hour, dt->minute, dt->second, dt->nanosecond))
        return false;
    return !(dt->flags & FM_DT_HAS_OFFSET) || offset_valid(dt->utc_offset);
}

/* Days from 1970-01-01 to the given proleptic Gregorian date (Howard
 * Hinnant's days_from_civil: years start on March 1 so that the leap day is
 * the last day of its year). */
static int64_t days_from_civil(int year, int month, int day) {
    int64_t y = (int64_t)year - (month <= 2 ? 1 : 0);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t year_of_era = y - era * 400;
    int64_t month_from_march = (month + 9) % 12;
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

/* ===================================================================== */
/* Parsing                                                               */
/* ===================================================================== */

/* A read position in text that need not be NUL-terminated. */
typedef struct dt_reader {
    const char *s;
    size_t len;
    size_t pos;
} dt_reader;

/* The next byte (0..255), or -1 at the end. */
static int reader_peek(const dt_reader *r) {
    return r->pos < r->len ? (unsigned char)r->s[r->pos] : -1;
}

/* Consumes c when it is the next byte. */
static int reader_accept(dt_reader *r, char c) {
    if (reader_peek(r) != (unsigned char)c)
        return 0;
    r->pos++;
    return 1;
}

static int is_digit(int c) {
    return c >= '0' && c <= '9';
}

static int is_blank(int c) {
    return c == ' ' || c == '\t';
}

/* Reads as many decimal digits as there are, up to max, into *value. Returns
 * how many it read, or 0 when that was fewer than min (max is at most 9). */
static size_t read_number(dt_reader *r, size_t min, size_t max, int *value) {
    size_t n = 0;
    int v = 0;
    while (n < max && is_digit(reader_peek(r))) {
        v = v * 10 + (reader_peek(r) - '0');
        r->pos++;
        n++;
    }
    if (n < min)
        return 0;
    *value = v;
    return n;
}

static size_t skip_blanks(dt_reader *r) {
    size_t start = r->pos;
    while (is_blank(reader_peek(r)))
        r->pos++;
    return r->pos - start;
}

/* YYYY-MM-DD, each part with exactly its number of digits. */
static int parse_date(dt_reader *r, fm_datetime *dt) {
    if (!read_number(r, 4, 4, &dt->year) || !reader_accept(r, '-') ||
        !read_number(r, 2, 2, &dt->month) || !reader_accept(r, '-') ||
        !read_number(r, 2, 2, &dt->day))
        return -1;
    return date_valid(dt->year, dt->month, dt->day) ? 0 : -1;
}

/* The separator between date and time: T, t, or a run of spaces and tabs. */
static int parse_separator(dt_reader *r) {
    if (reader_accept(r, 'T') || reader_accept(r, 't'))
        return 0;
    return skip_blanks(r) > 0 ? 0 : -1;
}

/* An optional `.` and 1 to 9 digits, as nanoseconds (`.5` is 500000000). */
static int parse_fraction(dt_reader *r, fm_datetime *dt) {
    int digits = 0;
    size_t n;
    if (!reader_accept(r, '.'))
        return 0;
    n = read_number(r, 1, 9, &digits);
    if (n == 0 || is_digit(reader_peek(r)))
        return -1;
    for (; n < 9; n++)
        digits *= 10;
    dt->nanosecond = digits;
    return 0;
}

/* H:MM:SS or HH:MM:SS and an optional fraction. */
static int parse_time(dt_reader *r, fm_datetime *dt) {
    if (!read_number(r, 1, 2, &dt->hour) || !reader_accept(r, ':') ||
        !read_number(r, 2, 2, &dt->minute) || !reader_accept(r, ':') ||
        !read_number(r, 2, 2, &dt->second) || parse_fraction(r, dt) != 0)
        return -1;
    return time_valid(dt->hour, dt->minute, dt->second, dt->nanosecond) ? 0 : -1;
}

/* After `+` or `-`: H, HH, H:MM, HH:MM or HHMM, at most 23:59. */
static int parse_offset_digits(dt_reader *r, int sign, fm_datetime *dt) {
    int hours = 0, minutes = 0;
    size_t n = read_number(r, 1, 2, &hours);
    if (n == 0)
        return -1;
    if (reader_accept(r, ':') || (n == 2 && is_digit(reader_peek(r)))) {
        if (!read_number(r, 2, 2, &minutes))
            return -1;
    }
    if (hours > 23 || minutes > 59)
        return -1;
    dt->utc_offset = sign * (hours * 60 + minutes);
    return 0;
}

/* An optional zone after the time, with optional blanks before it: Z, z, or a
 * signed offset. Blanks with no zone after them are trailing garbage. */
static int parse_zone(dt_reader *r, fm_datetime *dt) {
    size_t blanks = skip_blanks(r);
    int c = reader_peek(r);
    if (c == -1)
        return blanks > 0 ? -1 : 0;
    if (c == 'Z' || c == 'z') {
        r->pos++;
        dt->utc_offset = 0;
    } else if (c == '+' || c == '-') {
        r->pos++;
        if (parse_offset_digits(r, c == '-' ? -1 : 1, dt) != 0)
            return -1;
    } else {
        return -1;
    }
    dt->flags |= FM_DT_HAS_OFFSET;
    return 0;
}

/* The optional time part: the separator, the time, the zone. */
static int parse_time_part(dt_reader *r, fm_datetime *dt) {
    if (r->pos == r->len)
        return 0;
    if (parse_separator(r) != 0 || parse_time(r, dt) != 0)
        return -1;
    dt->flags |= FM_DT_HAS_TIME;
    return parse_zone(r, dt);
}

int fm_datetime_parse(const char *s, size_t len, fm_datetime *out) {
    dt_reader r = {s, len, 0};
    fm_datetime dt;
    if (!s || !out)
        return -1;
    memset(&dt, 0, sizeof dt);
    dt.flags = FM_DT_SET;
    if (parse_date(&r, &dt) != 0 || parse_time_part(&r, &dt) != 0 || r.pos != r.len)
        return -1;
    *out = dt;
    return 0;
}

/* ===================================================================== */
/* Epoch seconds                                                         */
/* ===================================================================== */

int fm_datetime_to_time(const fm_datetime *dt, int default_offset, time_t *out) {
    int64_t secs;
    int offset;
    time_t t;
    if (!dt || !out || !fmp_datetime_valid(dt) || (dt->flags & FM_DT_NO_DATE))
        return -1;
    secs = days_from_civil(dt->year, dt->month, dt->day) * 86400;
    if (dt->flags & FM_DT_HAS_TIME)
        secs += (int64_t)dt->hour * 3600 + dt->minute * 60 + dt->second;
    offset = (dt->flags & FM_DT_HAS_OFFSET) ? dt->utc_offset : default_offset;
    secs -= (int64_t)offset * 60;
    t = (time_t)secs;
    if ((int64_t)t != secs) /* does not fit a 32-bit time_t */
        return -1;
    *out = t;
    return 0;
}

/* ===================================================================== */
/* Formatting                                                            */
/* ===================================================================== */

/* Longest output: 2025-02-11T01:46:07.123456789+01:00 is 35 bytes. */
enum { DT_TEXT_CAP = 40 };

/* Writes v (non-negative) as exactly `width` decimal digits; returns the
 * number of bytes written. */
static size_t put_digits(char *p, int v, size_t width) {
    size_t i;
    for (i = width; i > 0; i--) {
        p[i - 1] = (char)('0' + v % 10);
        v /= 10;
    }
    return width;
}

static size_t format_date(const fm_datetime *dt, char *p) {
    size_t n = put_digits(p, dt->year, 4);
    p[n++] = '-';
    n += put_digits(p + n, dt->month, 2);
    p[n++] = '-';
    n += put_digits(p + n, dt->day, 2);
    return n;
}

/* `.` and the nanoseconds without trailing zeros; nothing when they are 0. */
static size_t format_fraction(int nanosecond, char *p) {
    size_t n;
    if (nanosecond == 0)
        return 0;
    p[0] = '.';
    n = 1 + put_digits(p + 1, nanosecond, 9);
    while (p[n - 1] == '0')
        n--;
    return n;
}

/* Z for offset 0, else +HH:MM or -HH:MM. */
static size_t format_offset(int minutes, char *p) {
    int magnitude = minutes < 0 ? -minutes : minutes;
    size_t n = 0;
    if (minutes == 0) {
        p[0] = 'Z';
        return 1;
    }
    p[n++] = minutes < 0 ? '-' : '+';
    n += put_digits(p + n, magnitude / 60, 2);
    p[n++] = ':';
    n += put_digits(p + n, magnitude % 60, 2);
    return n;
}

/* HH:MM:SS, the fraction and the offset. */
static size_t format_time(const fm_datetime *dt, char *p) {
    size_t n = put_digits(p, dt->hour, 2);
    p[n++] = ':';
    n += put_digits(p + n, dt->minute, 2);
    p[n++] = ':';
    n += put_digits(p + n, dt->second, 2);
    n += format_fraction(dt->nanosecond, p + n);
    if (dt->flags & FM_DT_HAS_OFFSET)
        n += format_offset(dt->utc_offset, p + n);
    return n;
}

/* Copies what fits of text[0..len) into buf with a NUL, as snprintf does. */
static size_t copy_truncated(const char *text, size_t len, char *buf, size_t cap) {
    size_t n;
    if (cap == 0)
        return len;
    n = len < cap ? len : cap - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
    return len;
}

size_t fm_datetime_format(const fm_datetime *dt, char *buf, size_t cap) {
    char text[DT_TEXT_CAP];
    size_t n = 0;
    if (dt && fmp_datetime_valid(dt) && (dt->flags & FM_DT_NO_DATE)) {
        n = format_time(dt, text);
    } else if (dt && fmp_datetime_valid(dt)) {
        n = format_date(dt, text);
        if (dt->flags & FM_DT_HAS_TIME) {
            text[n++] = 'T';
            n += format_time(dt, text + n);
        }
    }
    return copy_truncated(text, n, buf, cap);
}

int fmp_datetime_writable(const fm_datetime *dt, fm_error *err) {
    char text[DT_TEXT_CAP];
    fm_datetime check;
    if (dt->flags & FM_DT_NO_DATE)
        return fmp_datetime_valid(dt) ? 0 : fmp_fail(err, FM_ERR_DATE, "not a valid time");
    size_t n = fm_datetime_format(dt, text, sizeof text);
    if (n == 0 || n >= sizeof text || fm_datetime_parse(text, n, &check) != 0)
        return fmp_fail(err, FM_ERR_DATE, "not a valid date");
    return 0;
}
