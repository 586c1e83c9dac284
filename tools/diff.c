/* SPDX-License-Identifier: MIT */
/* diff.c - a one-hunk unified diff: the common leading and trailing lines
 * are context, everything between them is removed and added. */
#include "diff.h"

#include <string.h>

#include "json.h"

#define CONTEXT 3

static size_t count_lines(const char *s, size_t from, size_t to) {
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += s[i] == '\n';
    return n + (to > from && s[to - 1] != '\n');
}

/* Moves back n lines from a line start. */
static size_t back_lines(const char *s, size_t pos, size_t n) {
    while (n-- > 0 && pos > 0) {
        pos--;
        while (pos > 0 && s[pos - 1] != '\n')
            pos--;
    }
    return pos;
}

/* Moves forward n lines from a line start. */
static size_t forward_lines(const char *s, size_t len, size_t pos, size_t n) {
    while (n-- > 0 && pos < len) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        pos = nl ? (size_t)(nl - s) + 1 : len;
    }
    return pos;
}

static void print_lines(outbuf *b, const char *s, size_t from, size_t to, char mark) {
    while (from < to) {
        const char *nl = memchr(s + from, '\n', to - from);
        size_t end = nl ? (size_t)(nl - s) + 1 : to;
        ob_write(b, &mark, 1);
        ob_write(b, s + from, end - from);
        if (!nl)
            ob_puts(b, "\n\\ No newline at end of file\n");
        from = end;
    }
}

void unified_diff(outbuf *b, const char *label, const char *old, size_t old_len,
                  const char *new_text, size_t new_len) {
    size_t min = old_len < new_len ? old_len : new_len, head = 0, tail = 0;
    while (head < min && old[head] == new_text[head])
        head++;
    if (head == old_len && head == new_len)
        return;
    while (head > 0 && old[head - 1] != '\n')
        head--;
    while (tail < min - head && old[old_len - 1 - tail] == new_text[new_len - 1 - tail])
        tail++;
    /* The common tail must start at a line start in both texts. */
    while (tail > 0 && ((old_len > tail && old[old_len - tail - 1] != '\n') ||
                        (new_len > tail && new_text[new_len - tail - 1] != '\n')))
        tail--;
    size_t a_end = old_len - tail, b_end = new_len - tail;
    size_t from = back_lines(old, head, CONTEXT);
    size_t a_to = forward_lines(old, old_len, a_end, CONTEXT);
    size_t b_to = b_end + (a_to - a_end);
    size_t first = count_lines(old, 0, from) + 1;
    size_t a_count = count_lines(old, from, a_to), b_count = count_lines(new_text, from, b_to);
    while (*label == '/')
        label++; /* a/tmp/x.md, not a//tmp/x.md */
    ob_printf(b, "--- a/%s\n+++ b/%s\n", label, label);
    ob_printf(b, "@@ -%zu,%zu +%zu,%zu @@\n", a_count ? first : first - 1, a_count,
              b_count ? first : first - 1, b_count);
    print_lines(b, old, from, head, ' ');
    print_lines(b, old, head, a_end, '-');
    print_lines(b, new_text, head, b_end, '+');
    print_lines(b, old, a_end, a_to, ' ');
}
