/* SPDX-License-Identifier: MIT */
/* fuzz_save.c - loading from and saving to files in a temporary folder: the
 * input's first line is "KEY\tVALUE", the rest the document, written to a
 * file. The file loads as the text would; after setting the key (or failing
 * to), fm_doc_save over the file and to a new file writes exactly the
 * document's text, which loads to the same tree, and leaves no other file. */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char folder[64];

static void remove_folder(void) {
    char path[512];
    DIR *d = opendir(folder);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
            unlink(path);
        }
    }
    if (d)
        closedir(d);
    rmdir(folder);
}

/* The temporary folder, made on the first call and removed at exit. */
static const char *work_folder(void) {
    if (!folder[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(folder, sizeof folder, "%s/fmatter-fuzz-XXXXXX",
                 tmp && strlen(tmp) < 32 ? tmp : "/tmp");
        FUZZ_REQUIRE(mkdtemp(folder) != NULL, "a temporary folder");
        atexit(remove_folder);
    }
    return folder;
}

static size_t files_in_folder(void) {
    size_t n = 0;
    DIR *d = opendir(folder);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void write_file(const char *path, const char *s, size_t n) {
    FILE *fp = fopen(path, "wb");
    FUZZ_REQUIRE(fp && fwrite(s, 1, n, fp) == n && fclose(fp) == 0,
                 "the input is written");
}

/* The file holds exactly the document's text, which loads to its tree. */
static void check_file(const char *path, const fm_doc *doc, const fm_config *cfg) {
    fm_error err;
    fm_doc *back = fm_doc_load_file_config(path, cfg, &err);
    FUZZ_REQUIRE(back != NULL, "the saved file loads");
    size_t a, b;
    const char *ta = fm_doc_text(back, &a), *tb = fm_doc_text(doc, &b);
    FUZZ_REQUIRE(a == b && memcmp(ta, tb, a) == 0, "the file holds the text");
    FUZZ_REQUIRE(fm_value_equal(fm_doc_root(back), fm_doc_root(doc)), "the same tree");
    fm_doc_free(back);
}

static void run(const fuzz_fields *f, const fuzz_text *t) {
    char in[128], out[128];
    snprintf(in, sizeof in, "%s/in.md", work_folder());
    snprintf(out, sizeof out, "%s/out.md", folder);
    write_file(in, t->text, t->len);
    fm_error err;
    fm_doc *doc = fm_doc_load_file_config(in, &t->cfg, &err);
    fm_doc *text = fm_doc_parse_config(t->text, t->len, &t->cfg, NULL);
    FUZZ_REQUIRE((doc == NULL) == (text == NULL), "a file loads as its text does");
    if (doc) {
        FUZZ_REQUIRE(fm_value_equal(fm_doc_root(doc), fm_doc_root(text)),
                     "the same tree");
        if (fm_doc_set_string(doc, f->field[0], f->field[1], f->len[1], &err) != 0)
            fuzz_check_failed(doc, text, &err);
        FUZZ_REQUIRE(fm_doc_save(doc, NULL, &err) == 0, "saving over the file works");
        check_file(in, doc, &t->cfg);
        FUZZ_REQUIRE(fm_doc_save(doc, out, &err) == 0, "saving to a new file works");
        check_file(out, doc, &t->cfg);
        FUZZ_REQUIRE(files_in_folder() == 2, "no temporary file is left");
    }
    fm_doc_free(doc);
    fm_doc_free(text);
    unlink(in);
    unlink(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_with_header(data, size, 2, run);
    return 0;
}
