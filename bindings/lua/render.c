/* SPDX-License-Identifier: MIT */
/* render.c - document methods that compute: the typed article table, and the
 * body as HTML, text, summary, headings and word counts (cmark, in lib/). */
#include "fmlua.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ===================================================================== */
/* doc:article([options])                                                */
/* ===================================================================== */

static void push_str(lua_State *L, const fm_str *s) {
    if (s->ptr)
        lua_pushlstring(L, s->ptr, s->len);
    else
        lua_pushnil(L);
}

static void push_strlist(lua_State *L, const fm_strlist *l) {
    if (!l->items) {
        lua_pushnil(L);
        return;
    }
    lua_createtable(L, l->count > INT32_MAX ? 0 : (int)l->count, 0);
    for (size_t i = 0; i < l->count; i++) {
        push_str(L, &l->items[i]);
        lua_rawseti(L, -2, (int)(i + 1));
    }
    fml_set_mt(L, FML_ARRAY_MT);
}

static void push_tribool(lua_State *L, fm_tribool b) {
    if (b == FM_UNSET)
        lua_pushnil(L);
    else
        lua_pushboolean(L, b == FM_TRUE);
}

static void push_extra(lua_State *L, const fm_article *a) {
    lua_createtable(L, 0, a->extra_count > INT32_MAX ? 0 : (int)a->extra_count);
    for (size_t i = 0; i < a->extra_count; i++) {
        lua_pushlstring(L, a->extra[i].key, a->extra[i].key_len);
        fml_push_value(L, a->extra[i].value);
        lua_rawset(L, -3);
    }
    fml_set_mt(L, FML_MAP_MT);
}

static void push_diagnostics(lua_State *L, const fm_article *a) {
    size_t n = a->diagnostic_count;
    lua_createtable(L, n > INT32_MAX ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const fm_diagnostic *d = &a->diagnostics[i];
        lua_createtable(L, 0, 6);
        lua_pushstring(L, fm_code_name(d->code));
        lua_setfield(L, -2, "code");
        fml_pushinteger(L, d->line);
        lua_setfield(L, -2, "line");
        fml_pushinteger(L, d->column);
        lua_setfield(L, -2, "column");
        fml_pushinteger(L, (int64_t)d->offset);
        lua_setfield(L, -2, "offset");
        lua_pushstring(L, d->key ? d->key : "");
        lua_setfield(L, -2, "key");
        lua_pushstring(L, d->message ? d->message : "");
        lua_setfield(L, -2, "message");
        lua_rawseti(L, -2, (int)(i + 1));
    }
    fml_set_mt(L, FML_ARRAY_MT);
}

/* One typed field's value (set) as Lua has it. */
static void push_field(lua_State *L, const fm_field_value *v) {
    switch (v->type) {
    case FM_FIELD_STRING:
        push_str(L, &v->u.str);
        break;
    case FM_FIELD_LIST:
        push_strlist(L, &v->u.list);
        break;
    case FM_FIELD_DATE:
        fml_push_datetime(L, &v->u.date);
        break;
    case FM_FIELD_BOOL:
        push_tribool(L, v->u.flag);
        break;
    case FM_FIELD_INT:
        fml_pushinteger(L, v->u.integer);
        break;
    default:
        fml_push_value(L, v->u.value);
        break;
    }
}

/* The typed fields (walked from the library's table: unset ones are nil),
 * then extra, body, body_offset, body_line, diagnostics, title_from_body,
 * dialect. */
static void push_article(lua_State *L, const fm_article *a) {
    size_t n = fm_article_field_count();
    lua_createtable(L, 0, (int)n + 8);
    for (size_t i = 0; i < n; i++) {
        fm_field_value v;
        if (fm_article_field_get(a, i, &v) != 1)
            continue;
        push_field(L, &v);
        lua_setfield(L, -2, fm_article_field_info(i)->name);
    }
    push_extra(L, a);
    lua_setfield(L, -2, "extra");
    lua_pushlstring(L, a->body ? a->body : "", a->body ? a->body_len : 0);
    lua_setfield(L, -2, "body");
    fml_pushinteger(L, (int64_t)a->body_offset);
    lua_setfield(L, -2, "body_offset");
    fml_pushinteger(L, a->body_line);
    lua_setfield(L, -2, "body_line");
    push_diagnostics(L, a);
    lua_setfield(L, -2, "diagnostics");
    lua_pushboolean(L, a->title_from_body != 0);
    lua_setfield(L, -2, "title_from_body");
    lua_pushstring(L, fm_dialect_name(a->dialect));
    lua_setfield(L, -2, "dialect");
}

static const char *doc_where(const fm_doc *doc) {
    const char *path = fm_doc_path(doc);
    return path ? path : "<string>";
}

/* A string option of the table at i, or NULL (it stays on the stack until
 * the C function returns). */
static const char *opt_string(lua_State *L, int i, const char *name) {
    if (lua_type(L, i) != LUA_TTABLE)
        return NULL;
    lua_getfield(L, i, name);
    if (lua_isnil(L, -1))
        return NULL;
    luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, i, "option must be a string");
    return lua_tostring(L, -1);
}

/* doc:article([{strict = true, dialect = "hugo", path = ..., site = ...}]) */
static int l_doc_article(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    fm_article_options o;
    fm_article_options_init(&o);
    o.options = fml_opt_bool(L, 2, "strict", 0) ? FM_OPT_STRICT : 0;
    const char *dialect = opt_string(L, 2, "dialect");
    if (dialect && fm_dialect_from_name(dialect, strlen(dialect), &o.dialect) != 0)
        return luaL_argerror(L, 2, "dialect must be generic, hugo, jekyll or zola");
    o.path = opt_string(L, 2, "path");
    o.site_root = opt_string(L, 2, "site");
    fm_error err;
    fm_article *a = fm_article_from_doc_opts(doc, &o, &err);
    if (!a)
        return fml_push_error(L, doc_where(doc), &err);
    fml_box_push(L, a, (fml_free_fn)fm_article_free);
    int box = lua_gettop(L);
    push_article(L, a);
    fml_box_free(L, box);
    lua_remove(L, box);
    return 1;
}

/* ===================================================================== */
/* Body                                                                  */
/* ===================================================================== */

/* Body options from the optional table at i. */
static unsigned body_options(lua_State *L, int i) {
    if (!lua_isnoneornil(L, i))
        luaL_checktype(L, i, LUA_TTABLE);
    unsigned o = 0;
    if (fml_opt_bool(L, i, "smart", 0))
        o |= FM_OPT_SMART;
    if (fml_opt_bool(L, i, "hardbreaks", 0))
        o |= FM_OPT_HARDBREAKS;
    if (fml_opt_bool(L, i, "sourcepos", 0))
        o |= FM_OPT_SOURCEPOS;
    if (fml_opt_bool(L, i, "unsafe", 0))
        o |= FM_OPT_UNSAFE;
    if (fml_opt_bool(L, i, "cjk", 0))
        o |= FM_OPT_CJK;
    return o;
}

/* Pushes a string the library returned (release with fm_free) and frees it,
 * also should the push raise. */
static int push_owned(lua_State *L, fm_doc *doc, char *s, size_t len,
                      const fm_error *err) {
    if (!s)
        return fml_push_error(L, doc_where(doc), err);
    fml_box_push(L, s, fm_free);
    lua_pushlstring(L, s, len);
    fml_box_free(L, -2);
    lua_remove(L, -2);
    return 1;
}

/* doc:html([{smart=, hardbreaks=, sourcepos=, unsafe=}]) */
static int l_doc_html(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    unsigned options = body_options(L, 2);
    fm_error err;
    size_t len = 0;
    char *s = fm_body_html(fm_doc_body_view(doc), options, &len, &err);
    return push_owned(L, doc, s, len, &err);
}

/* doc:text() */
static int l_doc_text(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    unsigned options = body_options(L, 2);
    fm_error err;
    size_t len = 0;
    char *s = fm_body_text(fm_doc_body_view(doc), options, &len, &err);
    return push_owned(L, doc, s, len, &err);
}

/* The summary with the front matter's summary (any letter case, as the
 * article reads it) taken into account. */
static fm_summary *doc_summary(fm_doc *doc, const fm_summary_options *opts,
                               fm_error *err) {
    fm_article *a = fm_article_from_doc(doc, 0, err);
    if (!a)
        return NULL;
    fm_summary *s = fm_article_summary(a, opts, err);
    fm_article_free(a);
    return s;
}

/* doc:summary([words | {words=, separator=, cjk=}]) */
static int l_doc_summary(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    fm_summary_options opts;
    fm_summary_options_init(&opts);
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_getfield(L, 2, "words");
        if (!lua_isnil(L, -1)) {
            luaL_argcheck(L, fml_isinteger(L, -1) && fml_tointeger(L, -1) > 0, 2,
                          "words must be a positive integer");
            opts.words = (size_t)fml_tointeger(L, -1);
        }
        lua_getfield(L, 2, "separator");
        if (!lua_isnil(L, -1)) {
            luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, 2,
                          "separator must be a string");
            opts.separator = lua_tostring(L, -1); /* stays on the stack until return */
        }
        if (fml_opt_bool(L, 2, "cjk", 0))
            opts.options |= FM_OPT_CJK;
    } else if (!lua_isnoneornil(L, 2)) {
        luaL_argcheck(L, fml_isinteger(L, 2) && fml_tointeger(L, 2) > 0, 2,
                      "word limit must be a positive integer");
        opts.words = (size_t)fml_tointeger(L, 2);
    }
    fm_error err;
    fm_summary *s = doc_summary(doc, &opts, &err);
    if (!s)
        return fml_push_error(L, doc_where(doc), &err);
    fml_box_push(L, s, (fml_free_fn)fm_summary_free);
    int box = lua_gettop(L);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, fm_summary_rule_name(s->rule));
    lua_setfield(L, -2, "rule");
    lua_pushboolean(L, s->truncated != 0);
    lua_setfield(L, -2, "truncated");
    lua_pushlstring(L, s->markdown ? s->markdown : "", s->markdown ? s->markdown_len : 0);
    lua_setfield(L, -2, "markdown");
    lua_pushlstring(L, s->text ? s->text : "", s->text ? s->text_len : 0);
    lua_setfield(L, -2, "text");
    fml_box_free(L, box);
    lua_remove(L, box);
    return 1;
}

/* doc:headings(): {{level=, text=, anchor=, line=}, ...} */
static int l_doc_headings(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    fm_error err;
    fm_headings *h = fm_body_headings(fm_doc_body_view(doc), 0, &err);
    if (!h)
        return fml_push_error(L, doc_where(doc), &err);
    fml_box_push(L, h, (fml_free_fn)fm_headings_free);
    int box = lua_gettop(L);
    lua_createtable(L, h->count > INT32_MAX ? 0 : (int)h->count, 0);
    for (size_t i = 0; i < h->count; i++) {
        const fm_heading *it = &h->items[i];
        lua_createtable(L, 0, 4);
        fml_pushinteger(L, it->level);
        lua_setfield(L, -2, "level");
        lua_pushlstring(L, it->text ? it->text : "", it->text ? it->text_len : 0);
        lua_setfield(L, -2, "text");
        lua_pushlstring(L, it->anchor ? it->anchor : "", it->anchor ? it->anchor_len : 0);
        lua_setfield(L, -2, "anchor");
        fml_pushinteger(L, it->line);
        lua_setfield(L, -2, "line");
        lua_rawseti(L, -2, (int)(i + 1));
    }
    fml_set_mt(L, FML_ARRAY_MT);
    fml_box_free(L, box);
    lua_remove(L, box);
    return 1;
}

/* doc:toc([markdown]): a nested table of contents, HTML or Markdown. */
static int l_doc_toc(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    int markdown = lua_toboolean(L, 2);
    fm_error err;
    fm_headings *h = fm_body_headings(fm_doc_body_view(doc), 0, &err);
    if (!h)
        return fml_push_error(L, doc_where(doc), &err);
    size_t len = 0;
    char *s = fm_headings_toc(h, markdown, &len, &err);
    fm_headings_free(h);
    return push_owned(L, doc, s, len, &err);
}

/* Word and reading-time counts; leaves nil, message, info on failure. */
static int stats(lua_State *L, fm_body_stats *st) {
    fm_doc *doc = fml_check_doc(L, 1);
    unsigned options = fml_opt_bool(L, 2, "cjk", 0) ? FM_OPT_CJK : 0;
    fm_error err;
    if (fm_body_stats_get(fm_doc_body_view(doc), options, st, &err) != 0)
        return fml_push_error(L, doc_where(doc), &err);
    return 0;
}

static int l_doc_word_count(lua_State *L) {
    fm_body_stats st;
    int n = stats(L, &st);
    if (n)
        return n;
    fml_pushinteger(L, (int64_t)st.words);
    return 1;
}

static int l_doc_reading_time(lua_State *L) {
    fm_body_stats st;
    int n = stats(L, &st);
    if (n)
        return n;
    fml_pushinteger(L, st.reading_time);
    return 1;
}

/* doc:stats([{cjk=true}]): {words=, cjk_characters=, cjk=, reading_time=} */
static int l_doc_stats(lua_State *L) {
    fm_body_stats st;
    int n = stats(L, &st);
    if (n)
        return n;
    lua_createtable(L, 0, 4);
    fml_pushinteger(L, (int64_t)st.words);
    lua_setfield(L, -2, "words");
    fml_pushinteger(L, (int64_t)st.cjk_characters);
    lua_setfield(L, -2, "cjk_characters");
    lua_pushboolean(L, st.cjk != 0);
    lua_setfield(L, -2, "cjk");
    fml_pushinteger(L, st.reading_time);
    lua_setfield(L, -2, "reading_time");
    return 1;
}

void fml_register_render(lua_State *L) {
    static const luaL_Reg fns[] = {
        {"article", l_doc_article},
        {"html", l_doc_html},
        {"text", l_doc_text},
        {"summary", l_doc_summary},
        {"headings", l_doc_headings},
        {"toc", l_doc_toc},
        {"word_count", l_doc_word_count},
        {"reading_time", l_doc_reading_time},
        {"stats", l_doc_stats},
        {NULL, NULL},
    };
    fml_setfuncs(L, fns, 0);
}
