/* SPDX-License-Identifier: MIT */
/* readfile.h - reads a whole file into memory, for the tests and benchmarks
 * that need a file's bytes as they are. */
#ifndef FM_READFILE_H
#define FM_READFILE_H

#include <stdio.h>
#include <stdlib.h>

/* The bytes of the file at path (malloc'd; free them), *len their count;
 * NULL when it cannot be opened or memory runs out. */
static inline char *fm_read_file(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += r;
        if (n == cap) {
            char *b2 = realloc(buf, cap *= 2);
            if (!b2)
                free(buf);
            buf = b2;
        }
    }
    fclose(fp);
    *len = n;
    return buf;
}

#endif
