/* SPDX-License-Identifier: MIT */
/* title_tags.c - prints the title and the tags of a Markdown article.
 *
 *   usage: title_tags FILE
 *   build: cc title_tags.c $(pkg-config --cflags --libs fmatter)
 *
 * Output, for examples/article.md:
 *   title: Mistral gets down to business
 *   tags: techcrunch
 */
#include <stdio.h>

#include <fmatter.h>

/* FILE:LINE:COL: error: MESSAGE, or FILE: error: MESSAGE when the error is
 * not about a place in the file (line 0), as the fmatter tool prints them. */
static void report(const char *path, const fm_error *err) {
    if (err->line)
        fprintf(stderr, "%s:%u:%u: error: %s\n", path, err->line, err->column,
                err->message);
    else
        fprintf(stderr, "%s: error: %s\n", path, err->message);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: title_tags FILE\n");
        return 2;
    }
    const char *path = argv[1];
    fm_error err;

    /* Read the file: the front matter is split from the body and loaded. */
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    if (!doc) {
        report(path, &err);
        return 1;
    }

    /* The typed view: Hugo's and Jekyll's keys in any letter case, a
     * space-separated `tags: a b` included. A key of the wrong type only
     * leaves its field unset (see a->diagnostics). */
    fm_article *a = fm_article_from_doc(doc, 0, &err);
    if (!a) {
        report(path, &err);
        fm_doc_free(doc);
        return 1;
    }

    /* An unset string has ptr NULL; the title may also come from the
     * body's first `# heading` (a->title_from_body). */
    printf("title: %s\n", a->title.ptr ? a->title.ptr : "(none)");
    printf("tags:");
    for (size_t i = 0; i < a->tags.count; i++)
        printf(" %s", a->tags.items[i].ptr);
    printf("\n");

    /* The article keeps its own reference to the document's data, so the
     * two can be freed in any order. */
    fm_article_free(a);
    fm_doc_free(doc);
    return 0;
}
