/* SPDX-License-Identifier: MIT */
/* fmatter.c - the Lua module `fmatter`: parse and load, the document
 * userdata and its reading, editing and writing methods, error results. */
#include "fmlua.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ===================================================================== */
/* Errors                                                                */
/* ===================================================================== */

void fml_set_error(fm_error *err, fm_code code, const char *fmt, ...) {
    va_list ap;
    memset(err, 0, sizeof *err);
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

static void set_int(lua_State *L, const char *name, int64_t v) {
    fml_pushinteger(L, v);
    lua_setfield(L, -2, name);
}

int fml_push_error(lua_State *L, const char *where, const fm_error *err) {
    lua_pushnil(L);
    if (err->line > 0)
        lua_pushfstring(L, "%s:%d:%d: %s", where, (int)err->line, (int)err->column,
                        err->message);
    else
        lua_pushfstring(L, "%s: %s", where, err->message);
    lua_createtable(L, 0, 5);
    lua_pushstring(L, fm_code_name(err->code));
    lua_setfield(L, -2, "code");
    set_int(L, "line", err->line);
    set_int(L, "column", err->column);
    set_int(L, "offset", (int64_t)err->offset);
    lua_pushstring(L, err->message);
    lua_setfield(L, -2, "message");
    return 3;
}

/* The name errors about a document start with. */
static const char *doc_where(const fm_doc *doc) {
    const char *path = fm_doc_path(doc);
    return path ? path : "<string>";
}

/* ===================================================================== */
/* Boxes: C memory owned by a userdata while tables are built            */
/* ===================================================================== */

typedef struct box {
    void *p;
    fml_free_fn free_fn;
} box;

void fml_box_push(lua_State *L, void *p, fml_free_fn free_fn) {
    box *b = fml_newuserdata(L, sizeof *b);
    b->p = NULL;
    b->free_fn = free_fn;
    fml_set_mt(L, FML_BOX_MT);
    b->p = p;
}

void fml_box_free(lua_State *L, int i) {
    box *b = luaL_checkudata(L, i, FML_BOX_MT);
    if (b->p)
        b->free_fn(b->p);
    b->p = NULL;
}

static int l_box_gc(lua_State *L) {
    fml_box_free(L, 1);
    return 0;
}

/* ===================================================================== */
/* The document userdata                                                 */
/* ===================================================================== */

fm_doc *fml_check_doc(lua_State *L, int i) {
    fml_doc *u = luaL_checkudata(L, i, FML_DOC_MT);
    if (!u->doc)
        luaL_error(L, "fmatter: attempt to use a closed document");
    return u->doc;
}

/* The collector sees only the small userdata of a document, not the C
 * memory behind it (about twice the text: the copy and the value tree), so a
 * loop of parses would grow between collections. The module's functions
 * share this counter (their upvalue 1) and, for each megabyte of documents
 * made, ask the collector for the work that much allocation would cause. */
typedef struct gc_debt {
    size_t bytes;
} gc_debt;

#define GC_BATCH ((size_t)1024 * 1024)

static void add_gc_debt(lua_State *L, size_t bytes) {
    gc_debt *debt = lua_touserdata(L, lua_upvalueindex(1));
    if (!debt)
        return;
    debt->bytes += bytes;
    if (debt->bytes >= GC_BATCH) {
        int kb = debt->bytes / 1024 > INT32_MAX ? INT32_MAX : (int)(debt->bytes / 1024);
        debt->bytes = 0;
        fml_gc_step(L, kb);
    }
}

/* Pushes an empty document userdata, made before the document itself so
 * that no allocation can fail between making a document and owning it. */
static fml_doc *new_doc(lua_State *L) {
    fml_doc *u = fml_newuserdata(L, sizeof *u);
    u->doc = NULL;
    fml_set_mt(L, FML_DOC_MT);
    return u;
}

/* Puts doc into the userdata u (on top of the stack). Called only by module
 * functions (for their upvalue). */
static void own_doc(lua_State *L, fml_doc *u, fm_doc *doc) {
    u->doc = doc;
    size_t len;
    fm_doc_text(doc, &len);
    add_gc_debt(L, 2 * len + 1024);
}

static int l_doc_gc(lua_State *L) {
    fml_doc *u = luaL_checkudata(L, 1, FML_DOC_MT);
    fm_doc_free(u->doc);
    u->doc = NULL;
    return 0;
}

/* doc:close(): frees the document now; later calls on it raise. */
static int l_doc_close(lua_State *L) {
    return l_doc_gc(L);
}

static int l_doc_tostring(lua_State *L) {
    fml_doc *u = luaL_checkudata(L, 1, FML_DOC_MT);
    if (!u->doc) {
        lua_pushliteral(L, "fmatter.doc (closed)");
    } else {
        size_t len;
        fm_doc_text(u->doc, &len);
        lua_pushfstring(L, "fmatter.doc (%s, %d bytes)", doc_where(u->doc), (int)len);
    }
    return 1;
}

/* ===================================================================== */
/* Parsing and loading                                                   */
/* ===================================================================== */

/* Parse options from the optional table at i. */
static unsigned parse_options(lua_State *L, int i) {
    if (lua_isnoneornil(L, i))
        return 0;
    luaL_checktype(L, i, LUA_TTABLE);
    unsigned o = 0;
    if (fml_opt_bool(L, i, "lenient", 0))
        o |= FM_OPT_LENIENT;
    if (fml_opt_bool(L, i, "allow_duplicates", 0))
        o |= FM_OPT_ALLOW_DUPLICATES;
    if (fml_opt_bool(L, i, "no_fast_path", 0))
        o |= FM_OPT_NO_FAST_PATH;
    return o;
}

/* fmatter.parse(text [, opts]): the document, or nil, message, info. */
static int l_parse(lua_State *L) {
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    unsigned options = parse_options(L, 2);
    fm_error err;
    fml_doc *u = new_doc(L);
    fm_doc *doc = fm_doc_parse(s, len, options, &err);
    if (!doc)
        return fml_push_error(L, "<string>", &err);
    own_doc(L, u, doc);
    return 1;
}

/* fmatter.load(path [, opts]): the same for a file. */
static int l_load(lua_State *L) {
    const char *path = luaL_checkstring(L, 1);
    unsigned options = parse_options(L, 2);
    fm_error err;
    fml_doc *u = new_doc(L);
    fm_doc *doc = fm_doc_load_file(path, options, &err);
    if (!doc)
        return fml_push_error(L, path, &err);
    own_doc(L, u, doc);
    return 1;
}

/* fmatter.load_many(paths [, opts]): the files of the list paths loaded at
 * once by the library (fm_load_many: opts.threads threads, the calling one
 * included; 0 or absent: one per core). Returns docs, errors: docs[i] is the
 * document of paths[i], or false when it did not load, and then errors[i]
 * is its message ("path:line:column: ...", as fmatter.load's). */
static int l_load_many(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    unsigned options = parse_options(L, 2);
    lua_Integer threads = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "threads");
        threads = lua_isnil(L, -1) ? 0 : luaL_checkinteger(L, -1);
        lua_pop(L, 1);
    }
    luaL_argcheck(L, threads >= 0 && threads <= 256, 2, "threads: 0 to 256");
    size_t n = fml_rawlen(L, 1);
    fm_load_item *items = fml_newuserdata(L, (n ? n : 1) * sizeof *items);
    fm_load_result *results = fml_newuserdata(L, (n ? n : 1) * sizeof *results);
    lua_createtable(L, n > INT32_MAX ? 0 : (int)n, 0); /* docs */
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (int)i + 1);
        items[i] = (fm_load_item){luaL_checkstring(L, -1), NULL, 0}; /* kept by paths */
        lua_pop(L, 1);
        new_doc(L); /* empty until loaded: an allocation error raises here, before */
        lua_rawseti(L, -2, (int)i + 1);
    }
    fm_config cfg;
    fm_config_init(&cfg);
    cfg.options = options;
    fm_load_options lo;
    fm_load_options_init(&lo);
    lo.threads = (unsigned)threads;
    lo.config = &cfg;
    fm_error err;
    if (fm_load_many(items, n, &lo, results, &err) != 0)
        return fml_push_error(L, "<load_many>", &err);
    lua_newtable(L); /* errors */
    for (size_t i = 0; i < n; i++) {
        if (results[i].doc) {
            lua_rawgeti(L, -2, (int)i + 1);
            own_doc(L, lua_touserdata(L, -1), results[i].doc);
            lua_pop(L, 1);
            continue;
        }
        lua_pushboolean(L, 0);
        lua_rawseti(L, -3, (int)i + 1);
        fml_push_error(L, items[i].path, &results[i].error);
        lua_pop(L, 1);           /* info */
        lua_rawseti(L, -3, (int)i + 1); /* the message */
        lua_pop(L, 1);           /* nil */
    }
    return 2;
}

/* Raises the message of a failed l_parse / l_load. */
static int raise_or_return(lua_State *L, int n) {
    if (n == 1)
        return 1;
    lua_pop(L, 1);
    return lua_error(L);
}

/* fmatter.new([format]): an empty "yaml" (default), "json" or "toml" document. */
static int l_new(lua_State *L) {
    static const char *const names[] = {"yaml", "json", "toml", NULL};
    static const fm_format formats[] = {FM_FORMAT_YAML, FM_FORMAT_JSON, FM_FORMAT_TOML};
    int which = luaL_checkoption(L, 1, "yaml", names);
    fm_error err;
    fml_doc *u = new_doc(L);
    fm_doc *doc = fm_doc_new(formats[which], &err);
    if (!doc)
        return fml_push_error(L, "<new>", &err);
    own_doc(L, u, doc);
    return 1;
}

static int l_assert_parse(lua_State *L) {
    return raise_or_return(L, l_parse(L));
}

static int l_assert_load(lua_State *L) {
    return raise_or_return(L, l_load(L));
}

/* ===================================================================== */
/* Reading                                                               */
/* ===================================================================== */

/* A path argument: a string in the library's syntax ("params.author",
 * 'params."og.title"', "tags[0]"), or a table of steps, string keys and
 * integer indexes counted from 1 as Lua counts ({"params", "og.title"},
 * {"tags", 1}). The steps point into the table's strings, which the table
 * (at stack index i) keeps alive for the call. */
typedef struct lpath {
    const char *text; /* a string path, else NULL */
    fm_path_step *steps;
    size_t n;
    fm_path_step inline_steps[8];
} lpath;

static int path_arg(lua_State *L, int i, lpath *p) {
    memset(p, 0, offsetof(lpath, inline_steps));
    if (lua_type(L, i) != LUA_TTABLE) {
        p->text = luaL_checkstring(L, i);
        return 0;
    }
    p->n = fml_rawlen(L, i);
    p->steps = p->n <= 8 ? p->inline_steps
                         : fml_newuserdata(L, p->n * sizeof *p->steps); /* GC'd */
    for (size_t k = 0; k < p->n; k++) {
        lua_rawgeti(L, i, (int)k + 1);
        fm_path_step *s = &p->steps[k];
        if (lua_type(L, -1) == LUA_TSTRING) {
            s->key = lua_tolstring(L, -1, &s->len);
        } else if (lua_type(L, -1) == LUA_TNUMBER && fml_isinteger(L, -1) &&
                   fml_tointeger(L, -1) >= 1) {
            *s = (fm_path_step){NULL, 0, (size_t)(fml_tointeger(L, -1) - 1)};
        } else {
            return luaL_error(L, "path step %d: a string key or an integer index from 1, "
                                 "not %s",
                              (int)k + 1, luaL_typename(L, -1));
        }
        lua_pop(L, 1);
    }
    return 0;
}

static const fm_value *path_get(fm_doc *doc, const lpath *p) {
    return p->text ? fm_doc_get(doc, p->text) : fm_doc_get_steps(doc, p->steps, p->n);
}

/* doc:get(path): the value at a path, nil when absent. */
static int l_doc_get(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    lpath path;
    path_arg(L, 2, &path);
    const fm_value *v = path_get(doc, &path);
    if (!v)
        lua_pushnil(L);
    else
        fml_push_value(L, v);
    return 1;
}

/* doc:keys([path]): the keys of the top-level mapping (or of the mapping at
 * path) in source order. */
static int l_doc_keys(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    lpath path;
    if (!lua_isnoneornil(L, 2))
        path_arg(L, 2, &path);
    const fm_value *map = lua_isnoneornil(L, 2) ? fm_doc_root(doc) : path_get(doc, &path);
    if (fm_value_type(map) != FM_MAPPING) {
        lua_pushnil(L);
        return 1;
    }
    size_t n = fm_value_size(map);
    lua_createtable(L, n > INT32_MAX ? 0 : (int)n, 0);
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = fm_value_key_text(map, i, &len);
        if (!s)
            continue;
        lua_pushlstring(L, s, len);
        lua_rawseti(L, -2, ++k);
    }
    fml_set_mt(L, FML_ARRAY_MT);
    return 1;
}

/* doc:meta(): the whole front matter as a table. */
static int l_doc_meta(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    fml_push_value(L, fm_doc_root(doc));
    return 1;
}

static int l_doc_body(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    size_t len;
    const char *s = fm_doc_body(doc, &len);
    lua_pushlstring(L, s ? s : "", s ? len : 0);
    return 1;
}

/* doc:dump(): the whole text; the input's bytes when nothing was edited. */
static int l_doc_dump(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    size_t len;
    const char *s = fm_doc_text(doc, &len);
    lua_pushlstring(L, s ? s : "", s ? len : 0);
    return 1;
}

static int l_doc_format(lua_State *L) {
    static const char *const names[] = {"none", "yaml", "toml", "json"};
    fm_format f = fm_doc_format(fml_check_doc(L, 1));
    lua_pushstring(L, (unsigned)f < 4 ? names[f] : "none");
    return 1;
}

static int l_doc_path(lua_State *L) {
    const char *path = fm_doc_path(fml_check_doc(L, 1));
    if (path)
        lua_pushstring(L, path);
    else
        lua_pushnil(L);
    return 1;
}

/* ===================================================================== */
/* Editing and saving                                                    */
/* ===================================================================== */

/* The result of an edit: true, or nil, message, info. */
static int edit_result(lua_State *L, fm_doc *doc, int rc, const fm_error *err) {
    if (rc != 0)
        return fml_push_error(L, doc_where(doc), err);
    lua_pushboolean(L, 1);
    return 1;
}

/* doc:set(path, value) */
static int l_doc_set(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    lpath path;
    path_arg(L, 2, &path);
    luaL_checkany(L, 3);
    fm_error err;
    if (lua_type(L, 3) == LUA_TNIL) {
        fml_set_error(&err, FM_ERR_ARG,
                      "cannot set a key to nil (use fmatter.null, or doc:unset to remove "
                      "it)");
        return fml_push_error(L, doc_where(doc), &err);
    }
    fm_value *v;
    if (lua_type(L, 3) == LUA_TTABLE && fml_has_mt(L, 3, FML_DATE_MT)) {
        fm_datetime dt;
        v = fml_to_datetime(L, 3, &dt, &err) == 0 ? fm_value_new_datetime(&dt, &err) : NULL;
    } else {
        v = fml_to_value(L, 3, &err);
    }
    if (!v)
        return fml_push_error(L, doc_where(doc), &err);
    int rc = path.text ? fm_doc_set(doc, path.text, v, &err)
                       : fm_doc_set_steps(doc, path.steps, path.n, v, &err);
    fm_value_free(v);
    return edit_result(L, doc, rc, &err);
}

/* doc:unset(path) */
static int l_doc_unset(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    lpath path;
    path_arg(L, 2, &path);
    fm_error err;
    int rc = path.text ? fm_doc_remove(doc, path.text, &err)
                       : fm_doc_remove_steps(doc, path.steps, path.n, &err);
    return edit_result(L, doc, rc, &err);
}

/* doc:rename(path, new_key) */
static int l_doc_rename(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    lpath path;
    path_arg(L, 2, &path);
    size_t len;
    const char *key = luaL_checklstring(L, 3, &len);
    fm_error err;
    int rc = path.text ? fm_doc_rename(doc, path.text, key, &err)
                       : fm_doc_rename_steps(doc, path.steps, path.n, key, len, &err);
    return edit_result(L, doc, rc, &err);
}

/* doc:convert(format): the front matter rewritten in "yaml", "toml" or
 * "json" (fm_doc_convert). */
static int l_doc_convert(lua_State *L) {
    static const char *const names[] = {"yaml", "toml", "json", NULL};
    static const fm_format formats[] = {FM_FORMAT_YAML, FM_FORMAT_TOML, FM_FORMAT_JSON};
    fm_doc *doc = fml_check_doc(L, 1);
    int which = luaL_checkoption(L, 2, NULL, names);
    fm_error err;
    return edit_result(L, doc, fm_doc_convert(doc, formats[which], &err), &err);
}

/* doc:set_body(text) */
static int l_doc_set_body(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    fm_error err;
    return edit_result(L, doc, fm_doc_set_body(doc, s, len, &err), &err);
}

/* doc:save([path] [, opts]): atomic; without path, the file the document came
 * from. opts.force saves over a file changed on disk or read-only (code
 * "conflict" or "refused" otherwise). doc:save(opts) is doc:save(nil, opts). */
static int l_doc_save(lua_State *L) {
    fm_doc *doc = fml_check_doc(L, 1);
    int opts = lua_type(L, 2) == LUA_TTABLE ? 2 : 3;
    const char *path = opts == 2 ? NULL : luaL_optstring(L, 2, NULL);
    if (!lua_isnoneornil(L, opts))
        luaL_checktype(L, opts, LUA_TTABLE);
    unsigned flags = fml_opt_bool(L, opts, "force", 0) ? FM_SAVE_FORCE : 0;
    fm_error err;
    int rc = fm_doc_save_opts(doc, path, flags, &err);
    if (rc != 0)
        return fml_push_error(L, path ? path : doc_where(doc), &err);
    lua_pushboolean(L, 1);
    return 1;
}

/* ===================================================================== */
/* Module                                                                */
/* ===================================================================== */

static const luaL_Reg doc_methods[] = {
    {"get", l_doc_get},           {"keys", l_doc_keys},
    {"meta", l_doc_meta},         {"body", l_doc_body},
    {"dump", l_doc_dump},         {"format", l_doc_format},
    {"path", l_doc_path},         {"set", l_doc_set},
    {"unset", l_doc_unset},       {"rename", l_doc_rename},
    {"set_body", l_doc_set_body}, {"save", l_doc_save},
    {"convert", l_doc_convert},   {"close", l_doc_close},
    {NULL, NULL},
};

static const luaL_Reg module_fns[] = {
    {"parse", l_parse},
    {"load", l_load},
    {"load_many", l_load_many},
    {"new", l_new},
    {"assert_parse", l_assert_parse},
    {"assert_load", l_assert_load},
    {NULL, NULL},
};

static void create_doc_mt(lua_State *L) {
    luaL_newmetatable(L, FML_DOC_MT);
    lua_pushcfunction(L, l_doc_gc);
    lua_setfield(L, -2, "__gc");
#if LUA_VERSION_NUM >= 504
    lua_pushcfunction(L, l_doc_gc);
    lua_setfield(L, -2, "__close");
#endif
    lua_pushcfunction(L, l_doc_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "fmatter.doc");
    lua_setfield(L, -2, "__name");
    fml_newlib(L, doc_methods);
    fml_register_render(L);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

FML_EXPORT int luaopen_fmatter(lua_State *L);

int luaopen_fmatter(lua_State *L) {
    luaL_newmetatable(L, FML_BOX_MT);
    lua_pushcfunction(L, l_box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    create_doc_mt(L);

    lua_createtable(L, 0, 16);
    gc_debt *debt = fml_newuserdata(L, sizeof *debt);
    debt->bytes = 0;
    fml_setfuncs(L, module_fns, 1);
    fml_register_convert(L);
    lua_pushstring(L, fm_version());
    lua_setfield(L, -2, "version");
    lua_pushliteral(L, "fmatter " FMATTER_VERSION_STRING);
    lua_setfield(L, -2, "_VERSION");
    return 1;
}
