/* SPDX-License-Identifier: MIT */
/* list_drafts.c - lists the drafts in a folder: walks it recursively, loads
 * every .md file and prints the path of each one whose front matter makes
 * it a draft (`draft: true`, or Jekyll's `published: false`). Files that do
 * not load are reported on stderr and make the exit status 1.
 *
 *   usage: list_drafts FOLDER
 *   build: cc list_drafts.c $(pkg-config --cflags --libs fmatter)
 *
 * The paths come in the order the folders list them (readdir order); pipe
 * the output through sort(1) for a stable one.
 */
#define _POSIX_C_SOURCE 200809L /* lstat */

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <fmatter.h>

static int is_markdown(const char *name) {
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

/* Prints path when it is a draft. Returns 0, or 1 when it did not load. */
static int check_file(const char *path) {
    fm_error err;
    fm_doc *doc = fm_doc_load_file(path, 0, &err);
    fm_article *a = doc ? fm_article_from_doc(doc, 0, &err) : NULL;
    if (!a) {
        fprintf(stderr, "%s:%u:%u: error: %s\n", path, err.line, err.column,
                err.message);
        fm_doc_free(doc);
        return 1;
    }
    /* draft is FM_UNSET when no key says anything, FM_FALSE or FM_TRUE
     * otherwise (true/false, and also yes/no/on/off). */
    if (a->draft == FM_TRUE)
        printf("%s\n", path);
    fm_article_free(a);
    fm_doc_free(doc);
    return 0;
}

/* Walks dir and its sub-folders; returns how many files failed to load. */
static int walk(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 1;
    }
    int failed = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') /* ".", ".." and hidden files */
            continue;
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path) {
            fprintf(stderr, "%s/%s: path too long\n", dir, e->d_name);
            failed++;
            continue;
        }
        /* lstat does not follow symbolic links: no loops, no duplicates. */
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            failed += walk(path);
        else if (S_ISREG(st.st_mode) && is_markdown(e->d_name))
            failed += check_file(path);
    }
    closedir(d);
    return failed;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: list_drafts FOLDER\n");
        return 2;
    }
    return walk(argv[1]) == 0 ? 0 : 1;
}
