/* SPDX-License-Identifier: MIT */
/* toml_decode.c - a toml-test decoder: a raw TOML document (not a front-matter
 * file) on standard input, toml-test's tagged JSON on standard output (exit
 * 0), or `line:column: code: message` on standard error (exit 1). Built with
 * the library's sources so that it can call the TOML loader on the text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../tools/json.h"
#include "private.h"

static char *read_stdin(size_t *len) {
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += r;
        if (n == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown)
                free(buf);
            buf = grown;
        }
    }
    *len = n;
    return buf;
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

int main(void) {
    size_t len;
    char *buf = read_stdin(&len);
    if (!buf) {
        fprintf(stderr, "toml_decode: out of memory\n");
        return 2;
    }
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
        fprintf(stderr, "%u:%u: %s: %s\n", err.line, err.column, fm_code_name(err.code),
                err.message);
        status = 1;
    } else {
        outbuf out = {0};
        write_value(&out, snap.root);
        ob_puts(&out, "\n");
        status = out.failed || fwrite(out.data, 1, out.len, stdout) != out.len ? 2 : 0;
        ob_free(&out);
    }
    fmp_arena_release(&snap.arena);
    free(buf);
    return status;
}
