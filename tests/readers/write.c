/* SPDX-License-Identifier: MIT */
/* write.c - the readers test's writers in C: prints the string battery, and
 * writes it (and typed values) through the C API or the fmatter tool into a
 * manifest of written documents and what each must read back as; writes it
 * through every TOML shape for tomllib.sh. */
#include <errno.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "battery.h"
#include "fmatter.h"

extern char **environ;

/* ===================================================================== */
/* Manifest                                                              */
/* ===================================================================== */

/* A manifest line is NAME, KIND, PATH, the expected text in hex and the
 * written document (the whole file) in hex, separated by tabs. KIND: value
 * (the string at PATH), key (the mapping at PATH, "" for the root, holds this
 * key with the value "v"), pairs (the mapping at PATH holds exactly these
 * pairs, in order: see write_breaks), or for typed values int, float, bool,
 * null, date, datetime. One line per document keeps tens of thousands of them cheap.
 * The TOML manifest (tomllib.sh) has a sixth field, the document before the
 * edit in hex, and a third kind, rename (the key at PATH is now the
 * expected text, with the same value). */
typedef struct out {
    FILE *manifest;
    size_t files, failures;
} out;

static void put_hex(FILE *fp, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%02x", (unsigned char)s[i]);
}

/* A manifest line's five fields, without its line break. */
static void note_fields(out *o, const char *name, const char *kind, const char *path,
                        const char *expect, size_t n, const char *text, size_t len) {
    fprintf(o->manifest, "%s\t%s\t%s\t", name, kind, path);
    put_hex(o->manifest, expect, n);
    fputc('\t', o->manifest);
    put_hex(o->manifest, text, len);
    o->files++;
}

static void note(out *o, const char *name, const char *kind, const char *path,
                 const char *expect, size_t n, const char *text, size_t len) {
    note_fields(o, name, kind, path, expect, n, text, len);
    fputc('\n', o->manifest);
}

static int write_file(const char *path, const char *text, size_t len) {
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    size_t w = fwrite(text, 1, len, fp);
    return fclose(fp) == 0 && w == len ? 0 : -1;
}

static void fail(out *o, const char *what, const char *where, const char *s, size_t n,
                 const char *why) {
    fprintf(stderr, "%s: %s: writing \"", what, where);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        fprintf(stderr, c < 0x20 || c == '"' || c == '\\' ? "\\x%02X" : "%c", c);
    }
    fprintf(stderr, "\" failed: %s\n", why);
    o->failures++;
}

/* ===================================================================== */
/* Through the C API                                                     */
/* ===================================================================== */

/* The edit of shape sh with string s; 0 or -1 with err set. */
static int api_edit(fm_doc *doc, const shape *sh, const char *s, size_t n,
                    fm_error *err) {
    if (sh->edit == EDIT_RENAME) {
        if (memchr(s, '\0', n)) /* not in the battery: rename takes a C string */
            return -1;
        return fm_doc_rename(doc, sh->path, s, err);
    }
    if (sh->edit == EDIT_VALUE)
        return fm_doc_set_string(doc, sh->path, s, n, err);
    fm_value *m = fm_value_new_mapping();
    int rc = m && fm_value_put(m, s, n, fm_value_new_string("v", 1, NULL)) == 0
                 ? fm_doc_set(doc, sh->path, m, err)
                 : -1;
    fm_value_free(m);
    return rc;
}

/* Emits doc into the manifest with what it must read back as. */
static void save(out *o, fm_doc *doc, const char *name, const shape *sh, const char *kind,
                 const char *path, const char *expect, size_t n) {
    fm_error err;
    size_t len;
    char *text = fm_doc_emit(doc, &len, &err);
    if (text)
        note(o, name, kind, path, expect, n, text, len);
    else
        fail(o, "api", sh->name, expect, n, err.message);
    fm_free(text);
}

static void api_string(out *o, size_t si, const shape *sh, size_t i, const char *s,
                       size_t n) {
    fm_error err;
    char name[64];
    fm_doc *doc = fm_doc_parse(sh->text, strlen(sh->text), 0, &err);
    memset(&err, 0, sizeof err);
    if (!doc || api_edit(doc, sh, s, n, &err) != 0) {
        fail(o, "api", sh->name, s, n, err.message);
        fm_doc_free(doc);
        return;
    }
    snprintf(name, sizeof name, "s%02zu-%05zu", si, i);
    save(o, doc, name, sh, sh->edit == EDIT_VALUE ? "value" : "key",
         sh->edit == EDIT_RENAME ? "" : sh->path, s, n);
    fm_doc_free(doc);
}

/* Typed values, each loaded from the YAML text here (so odd spellings such
 * as 0o17 or 1e3 are written back) and also set through its typed setter;
 * what the readers must read is fmatter's value of that text. */
/* clang-format off */
static const char *const typed_sources[] = {
    "0", "-1", "42", "0x1F", "0o17", "012", "+5", "9223372036854775807",
    "-9223372036854775808", "0x7FFFFFFFFFFFFFFF", "0.0", "-0.0", "1.5", "0.1", "1e30",
    "1e-5", "1E300", "5e-324", "1.7976931348623157e308", "100.0", "1e15", "1e16",
    "123456789.125", "-2.5e-8", ".5", "1.", "+.5", "1e3", "1.50", "2.5E+3", "01.5",
    "-0.5e-3", ".inf", "-.Inf", "+.INF", ".NaN", "true", "FALSE", "True", "null", "~", "",
    "2025-01-01", "1999-12-31",
    "2024-02-29", "2025-01-01T10:00:00Z", "2025-01-01t10:00:00z", "2025-01-01 10:00:00",
    "2025-06-30T23:59:59.5+05:30", "2001-12-14 21:59:43.10 -5",
    "2025-01-01T10:00:00.125-08:00", "2025-01-01 10:00:00.25", "2025-01-01T10:00:00+00:00",
};
/* clang-format on */

static const char *const typed_shapes[] = {"plain", "flow list item", "new key",
                                           "block list item", "nested value"};

/* The manifest kind and expected text of v; the text goes to buf. */
static const char *expectation(const fm_value *v, char *buf, size_t cap) {
    const fm_datetime *dt;
    switch (fm_value_type(v)) {
    case FM_INT:
        snprintf(buf, cap, "%lld", (long long)fm_value_int(v, 0));
        return "int";
    case FM_FLOAT: {
        double d = fm_value_float(v, 0);
        if (isnan(d))
            snprintf(buf, cap, ".nan");
        else if (isinf(d))
            snprintf(buf, cap, d < 0 ? "-.inf" : ".inf");
        else
            snprintf(buf, cap, "%.17g", d);
        return "float";
    }
    case FM_BOOL:
        snprintf(buf, cap, "%s", fm_value_bool(v) ? "true" : "false");
        return "bool";
    case FM_NULL:
        buf[0] = '\0';
        return "null";
    case FM_TIMESTAMP:
        dt = fm_value_datetime(v);
        fm_datetime_format(dt, buf, cap);
        return dt->flags & FM_DT_HAS_TIME ? "datetime" : "date";
    default:
        return NULL;
    }
}

/* The typed setter for v's type. */
static int set_typed(fm_doc *doc, const char *path, const fm_value *v, fm_error *err) {
    switch (fm_value_type(v)) {
    case FM_INT:
        return fm_doc_set_int(doc, path, fm_value_int(v, 0), err);
    case FM_FLOAT:
        return fm_doc_set_float(doc, path, fm_value_float(v, 0), err);
    case FM_BOOL:
        return fm_doc_set_bool(doc, path, fm_value_bool(v), err);
    case FM_NULL:
        return fm_doc_set_null(doc, path, err);
    default:
        return fm_doc_set_datetime(doc, path, fm_value_datetime(v), err);
    }
}

static const shape *shape_named(const char *name) {
    for (size_t i = 0; i < BATTERY_COUNT(battery_shapes); i++)
        if (strcmp(battery_shapes[i].name, name) == 0)
            return &battery_shapes[i];
    return NULL;
}

static void api_typed(out *o, size_t ti, const fm_value *v, int via_setter) {
    char expect[64], name[64];
    const char *kind = expectation(v, expect, sizeof expect);
    const char *src = typed_sources[ti];
    for (size_t k = 0; k < BATTERY_COUNT(typed_shapes); k++) {
        const shape *sh = shape_named(typed_shapes[k]);
        fm_error err;
        memset(&err, 0, sizeof err);
        fm_doc *doc = fm_doc_parse(sh->text, strlen(sh->text), 0, &err);
        int rc = !doc || !kind ? -1
                 : via_setter  ? set_typed(doc, sh->path, v, &err)
                               : fm_doc_set(doc, sh->path, v, &err);
        snprintf(name, sizeof name, "t%zu-%02zu-%02zu", (size_t)via_setter, k, ti);
        if (rc != 0)
            fail(o, "api typed", sh->name, src, strlen(src), err.message);
        else
            save(o, doc, name, sh, kind, sh->path, expect, strlen(expect));
        fm_doc_free(doc);
    }
}

static void write_api(out *o) {
    battery b;
    char s[512];
    size_t n;
    battery_start(&b);
    for (size_t i = 0; (n = battery_next(&b, s)) != (size_t)-1; i++)
        for (size_t si = 0; si < BATTERY_COUNT(battery_shapes); si++)
            if (!battery_shapes[si].json)
                api_string(o, si, &battery_shapes[si], i, s, n);
    for (size_t ti = 0; ti < BATTERY_COUNT(typed_sources); ti++) {
        char text[128];
        fm_error err;
        snprintf(text, sizeof text, "---\nv: %s\n---\n", typed_sources[ti]);
        fm_doc *src = fm_doc_parse(text, strlen(text), 0, &err);
        const fm_value *v = fm_doc_get(src, "v");
        if (!v || !expectation(v, text, sizeof text)) {
            fail(o, "api typed", "source", typed_sources[ti], strlen(typed_sources[ti]),
                 "does not load as a typed value");
        } else {
            api_typed(o, ti, v, 0);
            api_typed(o, ti, v, 1);
        }
        fm_doc_free(src);
    }
}

/* ===================================================================== */
/* Edits beside every YAML line break                                    */
/* ===================================================================== */

/* Keys a, b, c ("one", "two", "three") on lines that end with one of YAML's
 * line breaks (\n, \r\n, a lone \r, NEL, LS, PS), at the root, nested and
 * with comments; each document edited once. The readers must read the
 * mapping at the path as exactly the pairs of kind "pairs": "key=text" for a
 * string, "key=#n" for an integer, one per line, in order. */
static const char *const line_breaks[] = {"\n", "\r\n", "\r", "\xc2\x85", "\xe2\x80\xa8",
                                          "\xe2\x80\xa9"};

static const struct {
    const char *text, *path, *pairs; /* in text, each | stands for the break */
} break_shapes[] = {
    {"---\nz: 1\na: one|b: two|c: three\n---\n", "", "z=#1\n"},
    {"---\nz: 1\np:\n  a: one|  b: two|  c: three\n---\n", "p", ""},
    {"---\nz: 1\na: one # x|b: two # y|c: three\n---\n", "", "z=#1\n"},
};

/* form with each | replaced by brk, into buf. */
static void break_text(const char *form, const char *brk, char *buf, size_t cap) {
    size_t o = 0, bl = strlen(brk);
    for (const char *p = form; *p && o + bl < cap; p++) {
        if (*p == '|') {
            memcpy(buf + o, brk, bl);
            o += bl;
        } else {
            buf[o++] = *p;
        }
    }
    buf[o] = '\0';
}

typedef enum break_edit {
    B_INSERT,
    B_REMOVE,
    B_SET_FIRST,
    B_SET_MIDDLE,
    B_RENAME
} break_edit;

/* The edit e of the pair at prefix+"a"/"b"; 0 or -1 with err set. */
static int break_edit_run(fm_doc *doc, break_edit e, const char *path, fm_error *err) {
    char a[8], b[8], k[8];
    const char *dot = *path ? "." : "";
    snprintf(a, sizeof a, "%s%sa", path, dot);
    snprintf(b, sizeof b, "%s%sb", path, dot);
    snprintf(k, sizeof k, "%s%sk", path, dot);
    fm_value *v;
    int rc;
    switch (e) {
    case B_INSERT:
        v = fm_value_new_string("new", 3, NULL);
        rc = fm_doc_insert_after(doc, k, "a", v, err);
        fm_value_free(v);
        return rc;
    case B_REMOVE:
        return fm_doc_remove(doc, b, err);
    case B_SET_FIRST:
        return fm_doc_set_string(doc, a, "new", 3, err);
    case B_SET_MIDDLE:
        return fm_doc_set_string(doc, b, "new", 3, err);
    default:
        return fm_doc_rename(doc, b, "k", err);
    }
}

/* The pairs a, b, c after edit e (what the readers must read). */
static const char *const break_pairs[] = {
    [B_INSERT] = "a=one\nk=new\nb=two\nc=three",
    [B_REMOVE] = "a=one\nc=three",
    [B_SET_FIRST] = "a=new\nb=two\nc=three",
    [B_SET_MIDDLE] = "a=one\nb=new\nc=three",
    [B_RENAME] = "a=one\nk=two\nc=three",
};

static void write_breaks(out *o) {
    for (size_t bi = 0; bi < BATTERY_COUNT(line_breaks); bi++)
        for (size_t si = 0; si < BATTERY_COUNT(break_shapes); si++)
            for (size_t e = 0; e < BATTERY_COUNT(break_pairs); e++) {
                char text[128], want[64], name[64];
                fm_error err;
                memset(&err, 0, sizeof err);
                break_text(break_shapes[si].text, line_breaks[bi], text, sizeof text);
                snprintf(want, sizeof want, "%s%s", break_shapes[si].pairs,
                         break_pairs[e]);
                snprintf(name, sizeof name, "break%zu-%zu-%zu", bi, si, e);
                fm_doc *doc = fm_doc_parse(text, strlen(text), 0, &err);
                const char *path = break_shapes[si].path;
                size_t len = 0;
                char *emitted = NULL;
                if (!doc || break_edit_run(doc, (break_edit)e, path, &err) != 0 ||
                    !(emitted = fm_doc_emit(doc, &len, &err)))
                    fail(o, "api breaks", name, text, strlen(text), err.message);
                else
                    note(o, name, "pairs", path, want, strlen(want), emitted, len);
                fm_free(emitted);
                fm_doc_free(doc);
            }
}

/* ===================================================================== */
/* Through every TOML shape                                              */
/* ===================================================================== */

static void api_toml(out *o, size_t si, const shape *sh, size_t i, const char *s,
                     size_t n) {
    static const char *const kinds[] = {[EDIT_VALUE] = "value", [EDIT_KEY] = "key",
                                        [EDIT_RENAME] = "rename"};
    fm_error err;
    char name[64];
    if (sh->edit == EDIT_RENAME && n == 1 && *s == 'z')
        return; /* the shapes' other key */
    fm_doc *doc = fm_doc_parse(sh->text, strlen(sh->text), 0, &err);
    memset(&err, 0, sizeof err);
    size_t len;
    char *text = NULL;
    if (!doc || api_edit(doc, sh, s, n, &err) != 0 || !(text = fm_doc_emit(doc, &len, &err)))
        fail(o, "api toml", sh->name, s, n, err.message);
    snprintf(name, sizeof name, "toml%02zu-%05zu", si, i);
    if (text) {
        note_fields(o, name, kinds[sh->edit], sh->path, s, n, text, len);
        fputc('\t', o->manifest);
        put_hex(o->manifest, sh->text, strlen(sh->text));
        fputc('\n', o->manifest);
    }
    fm_free(text);
    fm_doc_free(doc);
}

static void write_toml(out *o) {
    battery b;
    char s[512];
    size_t n;
    battery_start(&b);
    for (size_t i = 0; (n = battery_next(&b, s)) != (size_t)-1; i++)
        for (size_t si = 0; si < BATTERY_COUNT(battery_toml_shapes); si++)
            api_toml(o, si, &battery_toml_shapes[si], i, s, n);
}

/* ===================================================================== */
/* Through the tool                                                      */
/* ===================================================================== */

/* Runs argv; 0 when it exits with status 0. */
static int run(char *const argv[]) {
    pid_t pid;
    int status;
    if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
        return -1;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The whole file at path (malloc'd, *len its size), or NULL. */
static char *read_file(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    char *text = NULL;
    if (fp && fseek(fp, 0, SEEK_END) == 0) {
        long size = ftell(fp);
        text = size >= 0 ? malloc((size_t)size + 1) : NULL;
        if (text && (fseek(fp, 0, SEEK_SET) != 0 ||
                     fread(text, 1, (size_t)size, fp) != (size_t)size)) {
            free(text);
            text = NULL;
        }
        *len = (size_t)size;
    }
    if (fp)
        fclose(fp);
    return text;
}

/* `fmatter set --string -- FILE k S` on a plain value and on a new key, and
 * `fmatter rename -- FILE k S`, on a file in the scratch folder (saves
 * fsync, which a tmpfs makes cheap). */
static void tool_string(out *o, const char *tool, const char *scratch, size_t i,
                        const char *s, size_t n) {
    static const struct {
        const char *shape, *verb, *kind, *path;
    } edits[] = {
        {"plain", "set", "value", "k"},
        {"new key", "set", "value", "k"},
        {"renamed key", "rename", "key", ""},
    };
    char file[4096], name[64];
    snprintf(file, sizeof file, "%s/edit.md", scratch);
    for (size_t e = 0; e < BATTERY_COUNT(edits); e++) {
        const shape *sh = shape_named(edits[e].shape);
        char *set[] = {(char *)tool, "set", "--string", "--", file, "k", (char *)s, NULL};
        char *rename[] = {(char *)tool, "rename", "--", file, "k", (char *)s, NULL};
        size_t len = 0;
        char *text = NULL;
        snprintf(name, sizeof name, "tool%zu-%05zu", e, i);
        if (write_file(file, sh->text, strlen(sh->text)) != 0)
            fail(o, "tool", sh->name, s, n, strerror(errno));
        else if (run(strcmp(edits[e].verb, "set") == 0 ? set : rename) != 0)
            fail(o, "tool", sh->name, s, n, "the command failed");
        else if (!(text = read_file(file, &len)))
            fail(o, "tool", sh->name, s, n, strerror(errno));
        else
            note(o, name, edits[e].kind, edits[e].path, s, n, text, len);
        free(text);
    }
}

/* Every string of the battery, or every `every`th (the first included):
 * under a sanitizer each run of the tool costs some 90 ms, and what the
 * tool adds to the library's writing (its arguments, its save) is the same
 * for every string. */
static void write_tool(out *o, const char *tool, const char *scratch, size_t every) {
    battery b;
    char s[512];
    size_t n;
    battery_start(&b);
    for (size_t i = 0; (n = battery_next(&b, s)) != (size_t)-1; i++)
        if (i % every == 0)
            tool_string(o, tool, scratch, i, s, n);
}

/* ===================================================================== */
/* Main                                                                  */
/* ===================================================================== */

static int print_battery(void) {
    battery b;
    char s[512];
    size_t n;
    battery_start(&b);
    while ((n = battery_next(&b, s)) != (size_t)-1) {
        put_hex(stdout, s, n);
        putchar('\n');
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

static int usage(void) {
    fprintf(stderr, "usage: fm_readers_write battery\n"
                    "       fm_readers_write api MANIFEST\n"
                    "       fm_readers_write toml MANIFEST\n"
                    "       fm_readers_write tool FMATTER SCRATCH MANIFEST [EVERY]\n");
    return 2;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "battery") == 0)
        return print_battery();
    int api = argc == 3 && strcmp(argv[1], "api") == 0;
    int toml = argc == 3 && strcmp(argv[1], "toml") == 0;
    int tool = (argc == 5 || argc == 6) && strcmp(argv[1], "tool") == 0;
    long every = argc == 6 ? strtol(argv[5], NULL, 10) : 1;
    if ((!api && !toml && !tool) || every < 1)
        return usage();
    const char *path = argv[tool ? 4 : argc - 1];
    out o = {fopen(path, "w"), 0, 0};
    if (!o.manifest) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    if (api) {
        write_api(&o);
        write_breaks(&o);
    }
    else if (toml)
        write_toml(&o);
    else
        write_tool(&o, argv[2], argv[3], (size_t)every);
    if (fclose(o.manifest) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    printf("%s: wrote %zu documents, %zu failed\n", path, o.files, o.failures);
    return o.failures == 0 ? 0 : 1;
}
