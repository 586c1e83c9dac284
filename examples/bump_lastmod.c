/* SPDX-License-Identifier: MIT */
/* bump_lastmod.c - sets `lastmod` to now, in RFC 3339 with the local UTC
 * offset (2025-02-11T09:30:00+01:00), and saves the file atomically. Only
 * the lastmod line changes; a file without one gets it at the end of its
 * front matter.
 *
 *   usage: bump_lastmod FILE
 *   build: cc bump_lastmod.c $(pkg-config --cflags --libs fmatter)
 */
#define _POSIX_C_SOURCE 200809L /* localtime_r, gmtime_r */

#include <stdio.h>
#include <time.h>

#include <fmatter.h>

/* Minutes east of UTC of the local time at t: the difference between the
 * local and the UTC broken-down times (POSIX has no tm_gmtoff). */
static int local_offset(time_t t) {
    struct tm local, utc;
    localtime_r(&t, &local);
    gmtime_r(&t, &utc);
    int days = local.tm_yday - utc.tm_yday;
    if (local.tm_year != utc.tm_year) /* one of them is on January 1 */
        days = local.tm_year > utc.tm_year ? 1 : -1;
    return days * 24 * 60 + (local.tm_hour - utc.tm_hour) * 60 +
           (local.tm_min - utc.tm_min);
}

/* Now, as a local date and time with its offset. */
static fm_datetime now_local(void) {
    time_t t = time(NULL);
    struct tm local;
    localtime_r(&t, &local);
    fm_datetime dt = {0};
    dt.year = local.tm_year + 1900;
    dt.month = local.tm_mon + 1;
    dt.day = local.tm_mday;
    dt.hour = local.tm_hour;
    dt.minute = local.tm_min;
    dt.second = local.tm_sec;
    dt.utc_offset = local_offset(t);
    dt.flags = FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET;
    return dt;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: bump_lastmod FILE\n");
        return 2;
    }
    const char *path = argv[1];
    fm_error err;
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    if (!doc) {
        fprintf(stderr, "%s:%u:%u: error: %s\n", path, err.line, err.column,
                err.message);
        return 1;
    }

    fm_datetime now = now_local();
    /* Rewrites only the bytes of lastmod's value (or adds the key), then
     * re-reads the text to check it; on failure nothing changed. fm_doc_save
     * with no path writes the file the document came from: a temporary file
     * beside it, flushed, given its permissions, renamed over it. */
    int rc = fm_doc_set_datetime(doc, "lastmod", &now, &err);
    if (rc == 0)
        rc = fm_doc_save(doc, NULL, &err);
    if (rc != 0) {
        fprintf(stderr, "%s: error: %s\n", path, err.message);
    } else {
        char text[40]; /* the longest RFC 3339 text is 35 bytes */
        fm_datetime_format(&now, text, sizeof text);
        printf("%s: lastmod %s\n", path, text);
    }
    fm_doc_free(doc);
    return rc == 0 ? 0 : 1;
}
