/* SPDX-License-Identifier: MIT */
/* stdio_replay.c - for tests/batch_output.sh: writes the contents of files
 * through stdio as the fmatter tool did before it wrote its output itself:
 * for each pair of arguments OUT ERR, OUT's bytes to standard output (fully
 * buffered in 64 KB, as the tool sets it when it is not a terminal) and ERR's
 * to standard error (unbuffered). With both streams going to one file, the
 * result is where stdio puts each byte: the reference the tool must match. */
#include <stdio.h>
#include <stdlib.h>

/* The whole contents of path (malloc'd, *len bytes), or NULL. */
static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0)
        data = malloc((size_t)n + 1);
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    if (f)
        fclose(f);
    *len = data ? (size_t)n : 0;
    return data;
}

int main(int argc, char **argv) {
    static char stdout_buffer[(size_t)1 << 16];
    if (argc % 2 != 1) {
        fprintf(stderr, "usage: stdio_replay [OUT ERR]...\n");
        return 2;
    }
    setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
    for (int i = 1; i + 1 < argc; i += 2) {
        /* one fwrite each, as the tool made them */
        size_t out_len, err_len;
        char *out = read_all(argv[i], &out_len), *err = read_all(argv[i + 1], &err_len);
        if (!out || !err)
            return 2;
        fwrite(out, 1, out_len, stdout);
        fwrite(err, 1, err_len, stderr);
        free(out);
        free(err);
    }
    return fflush(stdout) == 0 ? 0 : 2;
}
