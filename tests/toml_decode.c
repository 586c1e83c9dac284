/* SPDX-License-Identifier: MIT */
/* toml_decode.c - a toml-test decoder: a raw TOML document (not a front-matter
 * file) on standard input, toml-test's tagged JSON on standard output (exit
 * 0), or `line:column: code: message` on standard error (exit 1); with
 * --each, file names in and a JSON line per file out. Linked with
 * the library's objects so that it can call the TOML loader on the text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../tools/json.h"
#include "private.h"

/* Standard input, whole, into b (b->failed when out of memory). */
static void read_stdin(outbuf *b) {
    size_t r;
    while (ob_reserve(b, (size_t)1 << 16) == 0 &&
           (r = fread(b->data + b->len, 1, b->cap - b->len - 1, stdin)) > 0)
        b->len += r;
}

static const char *datetime_kind(const fm_datetime *dt) {
    if (dt->flags & FM_DT_NO_DATE)
        return "time-local";
    if (!(dt->flags & FM_DT_HAS_TIME))
        return "date-local";
    return dt->flags & FM_DT_HAS_OFFSET ? "datetime" : "datetime-local";
}

/* {"type": type, "value": text} */
static void tagged(outbuf *b, const char *type, const char *text, size_t len) {
    ob_printf(b, "{\"type\":\"%s\",\"value\":", type);
    json_string(b, text, len);
    ob_puts(b, "}");
}

static void write_float(outbuf *b, double d) {
    outbuf text = {0};
    if (isnan(d))
        ob_puts(&text, "nan");
    else if (isinf(d))
        ob_puts(&text, d < 0 ? "-inf" : "inf");
    else
        json_double(&text, d);
    tagged(b, "float", text.data, text.len);
    ob_free(&text);
}

static void write_value(outbuf *b, const fm_value *v) {
    char text[64];
    const char *s;
    size_t n = fm_value_size(v), len;
    switch (fm_value_type(v)) {
    case FM_MAPPING:
        ob_puts(b, "{");
        for (size_t i = 0; i < n; i++) {
            const char *key = fm_value_key_text(v, i, &len);
            ob_puts(b, i ? "," : "");
            json_string(b, key, len);
            ob_puts(b, ":");
            write_value(b, fm_value_at(v, i));
        }
        ob_puts(b, "}");
        return;
    case FM_SEQUENCE:
        ob_puts(b, "[");
        for (size_t i = 0; i < n; i++) {
            ob_puts(b, i ? "," : "");
            write_value(b, fm_value_at(v, i));
        }
        ob_puts(b, "]");
        return;
    case FM_STRING:
        s = fm_value_string(v, &len);
        tagged(b, "string", s, len);
        return;
    case FM_INT:
        tagged(
            b, "integer", text,
            (size_t)snprintf(text, sizeof text, "%lld", (long long)fm_value_int(v, 0)));
        return;
    case FM_FLOAT:
        write_float(b, fm_value_float(v, 0));
        return;
    case FM_BOOL:
        tagged(b, "bool", fm_value_bool(v) ? "true" : "false", fm_value_bool(v) ? 4 : 5);
        return;
    case FM_TIMESTAMP:
        len = fm_datetime_format(fm_value_datetime(v), text, sizeof text);
        tagged(b, datetime_kind(fm_value_datetime(v)), text, len);
        return;
    default:
        ob_puts(b, "null"); /* TOML has no null: never reached */
        return;
    }
}

/* Decodes the TOML text buf[0..len) (a BOM skipped): its tagged JSON and a
 * newline into out (0), or `line:column: code: message` and a newline into
 * err (1); 2 when out of memory. */
static int decode(const char *buf, size_t len, outbuf *out, outbuf *err_out) {
    size_t bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    fm_config cfg;
    fm_config_init(&cfg);
    fmp_snap snap;
    memset(&snap, 0, sizeof snap);
    snap.al = *fmp_allocator_or_default(NULL);
    fmp_arena_init(&snap.arena, &snap.al, 1 << 16);
    snap.text = buf + bom;
    snap.len = len - bom;
    snap.parts.format = FM_FORMAT_TOML;
    snap.parts.front = snap.text;
    snap.parts.front_len = snap.len;
    snap.parts.front_line = 1;
    fm_error err;
    int status = 0;
    if (fmp_load_toml(&snap, &cfg, &err) != 0) {
        ob_printf(err_out, "%u:%u: %s: %s\n", err.line, err.column, fm_code_name(err.code),
                  err.message);
        status = 1;
    } else {
        write_value(out, snap.root);
        ob_puts(out, "\n");
    }
    fmp_arena_release(&snap.arena);
    return out->failed || err_out->failed ? 2 : status;
}

/* toml-test's protocol: standard input in, standard output or error out. */
static int decode_stdin(void) {
    outbuf in = {0};
    read_stdin(&in);
    if (in.failed) {
        fprintf(stderr, "toml_decode: out of memory\n");
        ob_free(&in);
        return 2;
    }
    outbuf out = {0}, err = {0};
    int status = decode(in.data, in.len, &out, &err);
    if (status == 2)
        fprintf(stderr, "toml_decode: out of memory\n");
    else if (fwrite(out.data ? out.data : "", 1, out.len, stdout) != out.len ||
             fwrite(err.data ? err.data : "", 1, err.len, stderr) != err.len)
        status = 2;
    ob_free(&out);
    ob_free(&err);
    ob_free(&in);
    return status;
}

/* --each: one file name per line of standard input; for each, a line of JSON
 * on standard output, {"status": N, "out": "...", "err": "..."}: what the
 * protocol's run would give (one process for every file of a suite is
 * slow under a sanitizer). */
static int decode_each(void) {
    char name[4096];
    int status = 0;
    while (status == 0 && fgets(name, sizeof name, stdin)) {
        name[strcspn(name, "\n")] = '\0';
        fm_error rerr;
        size_t len;
        struct stat info;
        fm_parts parts;
        bool split;
        char *buf = fmp_read_file(name, fmp_allocator_or_default(NULL), SIZE_MAX, 0, &info,
                                  &len, &parts, &split, &rerr);
        if (!buf) {
            fprintf(stderr, "%s: %s\n", name, rerr.message);
            return 2;
        }
        outbuf out = {0}, err = {0}, line = {0};
        int st = decode(buf, len, &out, &err);
        ob_printf(&line, "{\"status\":%d,\"out\":", st);
        json_string(&line, out.data ? out.data : "", out.len);
        ob_puts(&line, ",\"err\":");
        json_string(&line, err.data ? err.data : "", err.len);
        ob_puts(&line, "}\n");
        if (st == 2 || line.failed || fwrite(line.data, 1, line.len, stdout) != line.len)
            status = 2;
        ob_free(&line);
        ob_free(&out);
        ob_free(&err);
        fmp_free(fmp_allocator_or_default(NULL), buf);
    }
    return status;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--each") == 0)
        return decode_each();
    if (argc != 1) {
        fprintf(stderr, "usage: toml_decode [--each] < TOML (or file names)\n");
        return 2;
    }
    return decode_stdin();
}
