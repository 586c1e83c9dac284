/* SPDX-License-Identifier: MIT */
/* dialect_view.c - prints what fmatter's Hugo or Jekyll dialect makes of a
 * page in the form the view templates of tests/dialect/ print it (one
 * `field=JSON` line per field, the generator's zero values for unset
 * fields), so that tests/dialect.sh can compare it with the recorded output
 * of the generators. Usage: dialect_view hugo|jekyll SITE PAGE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fmatter.h"

/* A JSON string as Go's encoding/json (html: <, > and & escaped too) or
 * Ruby's JSON.generate writes it. */
static void json_str(const char *s, size_t len, int html) {
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            printf("\\n");
        else if (c == '\t')
            printf("\\t");
        else if (c == '\r')
            printf("\\r");
        else if (c < 0x20 || (html && (c == '<' || c == '>' || c == '&')))
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void line_str(const char *name, fm_str s, const char *unset, int html) {
    printf("%s=", name);
    if (s.ptr)
        json_str(s.ptr, s.len, html);
    else
        fputs(unset, stdout);
    putchar('\n');
}

static void line_list(const char *name, fm_strlist l, const char *unset, int html) {
    printf("%s=", name);
    if (!l.items) {
        printf("%s\n", unset);
        return;
    }
    putchar('[');
    for (size_t i = 0; i < l.count; i++) {
        if (i)
            putchar(',');
        json_str(l.items[i].ptr, l.items[i].len, html);
    }
    printf("]\n");
}

/* A date at UTC (a date without an offset is at UTC already: the sites
 * are built with TZ=UTC and no time zone of their own). */
static void to_utc(const fm_datetime *in, fm_datetime *out) {
    time_t t;
    *out = *in;
    if (!(in->flags & FM_DT_HAS_OFFSET) || fm_datetime_to_time(in, 0, &t) != 0)
        return;
    struct tm tm;
    gmtime_r(&t, &tm);
    out->year = tm.tm_year + 1900;
    out->month = tm.tm_mon + 1;
    out->day = tm.tm_mday;
    out->hour = tm.tm_hour;
    out->minute = tm.tm_min;
    out->second = tm.tm_sec;
    out->utc_offset = 0;
}

/* Hugo: Go's time.Format("2006-01-02T15:04:05Z07:00"); the zero time when
 * unset. */
static void line_hugo_date(const char *name, fm_datetime dt) {
    if (!(dt.flags & FM_DT_SET)) {
        printf("%s=\"0001-01-01T00:00:00Z\"\n", name);
        return;
    }
    int off = (dt.flags & FM_DT_HAS_OFFSET) ? dt.utc_offset : 0;
    printf("%s=\"%04d-%02d-%02dT%02d:%02d:%02d", name, dt.year, dt.month, dt.day, dt.hour,
           dt.minute, dt.second);
    if (off == 0)
        printf("Z\"\n");
    else
        printf("%c%02d:%02d\"\n", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
}

/* Jekyll: the date in the site's time zone (UTC), strftime's
 * %Y-%m-%dT%H:%M:%S%:z; null when unset. */
static void line_jekyll_date(const char *name, fm_datetime dt) {
    fm_datetime u;
    if (!(dt.flags & FM_DT_SET)) {
        printf("%s=null\n", name);
        return;
    }
    to_utc(&dt, &u);
    printf("%s=\"%04d-%02d-%02dT%02d:%02d:%02d+00:00\"\n", name, u.year, u.month, u.day,
           u.hour, u.minute, u.second);
}

static const char *tribool(fm_tribool b, const char *unset) {
    return b == FM_TRUE ? "true" : b == FM_FALSE ? "false" : unset;
}

/* Whether a diagnostic says the generator refuses the page. */
static int refused(const fm_article *a) {
    for (size_t i = 0; i < a->diagnostic_count; i++)
        if (strstr(a->diagnostics[i].message, "fails the build"))
            return 1;
    return 0;
}

static void view_hugo(const fm_article *a) {
    line_str("title", a->title, "\"\"", 1);
    line_str("link_title", a->link_title, "\"\"", 1);
    line_str("description", a->description, "\"\"", 1);
    line_str("slug", a->slug, "\"\"", 1);
    line_str("layout", a->layout, "\"\"", 1);
    line_hugo_date("date", a->date);
    line_hugo_date("lastmod", a->lastmod);
    line_hugo_date("publish_date", a->publish_date);
    line_hugo_date("expiry_date", a->expiry_date);
    printf("draft=%s\n", tribool(a->draft, "false"));
    printf("weight=%lld\n", a->has_weight ? (long long)a->weight : 0LL);
    line_list("keywords", a->keywords, "null", 1);
    line_list("aliases", a->aliases, "null", 1);
    line_list("tags", a->tags, "[]", 1);
    line_list("categories", a->categories, "[]", 1);
}

static void view_jekyll(const fm_article *a) {
    fm_error err;
    line_str("title", a->title, "null", 0);
    line_str("slug", a->slug, "null", 0);
    line_jekyll_date("date", a->date);
    line_list("categories", a->categories, "null", 0);
    line_list("tags", a->tags, "null", 0);
    printf("draft=%s\n", tribool(a->draft, "null"));
    fm_summary *s = fm_article_summary(a, NULL, &err);
    size_t b = 0, e = s ? s->markdown_len : 0;
    while (b < e && strchr(" \t\r\n", s->markdown[b]))
        b++;
    while (e > b && strchr(" \t\r\n", s->markdown[e - 1]))
        e--;
    printf("excerpt=");
    json_str(s ? s->markdown + b : "", e - b, 0);
    putchar('\n');
    fm_summary_free(s);
    printf("published=%s\n", tribool(a->published, "true"));
}

int main(int argc, char **argv) {
    fm_article_options o;
    fm_config cfg;
    fm_error err;
    if (argc != 4) {
        fprintf(stderr, "usage: dialect_view hugo|jekyll SITE PAGE\n");
        return 2;
    }
    fm_article_options_init(&o);
    fm_config_init(&cfg);
    if (fm_dialect_from_name(argv[1], strlen(argv[1]), &cfg.dialect) != 0)
        return 2;
    o.site_root = argv[2];
    fm_doc *doc = fm_doc_load_file_config(argv[3], &cfg, &err);
    fm_article *a = doc ? fm_article_from_doc_opts(doc, &o, &err) : NULL;
    if (!a || refused(a))
        printf("error=true\n");
    else if (cfg.dialect == FM_DIALECT_HUGO)
        view_hugo(a);
    else
        view_jekyll(a);
    fm_article_free(a);
    fm_doc_free(doc);
    return 0;
}
