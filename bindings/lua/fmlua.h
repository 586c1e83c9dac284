/* SPDX-License-Identifier: MIT */
/* fmlua.h - what the Lua module's files share: registry names, the document
 * userdata, value and date conversion, error results, temporary boxes. */
#ifndef FMATTER_LUA_FMLUA_H
#define FMATTER_LUA_FMLUA_H

#include <fmatter.h>

#include "compat.h"

#if defined(__GNUC__)
#define FML_EXPORT __attribute__((visibility("default")))
#else
#define FML_EXPORT
#endif

/* Metatables, kept in the registry under these names. */
#define FML_DOC_MT "fmatter.doc"     /* document userdata */
#define FML_BOX_MT "fmatter.box"     /* temporary owner of C memory */
#define FML_ARRAY_MT "fmatter.array" /* marks a table as a YAML sequence */
#define FML_MAP_MT "fmatter.map"     /* marks a table as a YAML mapping */
#define FML_DATE_MT "fmatter.date"   /* marks a table as a date */

/* The document userdata; doc is NULL once closed. */
typedef struct fml_doc {
    fm_doc *doc;
} fml_doc;

/* The open document at stack index i; raises a Lua error when i is not a
 * document or the document was closed. */
fm_doc *fml_check_doc(lua_State *L, int i);

/* ---------------------------------------------------------------- errors */

/* Pushes nil, "where:line:col: message" (or "where: message" when the error
 * has no place) and an info table {code=, line=, column=, offset=, message=}.
 * Returns 3, for `return fml_push_error(...)`. */
int fml_push_error(lua_State *L, const char *where, const fm_error *err);

/* Fills *err with code, no place, and the message. */
void fml_set_error(fm_error *err, fm_code code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---------------------------------------------------------------- boxes */

/* A box owns C memory while Lua code that may raise runs (table building):
 * the userdata's __gc frees what it still holds. Pushes the box. (Should
 * making the box itself fail, p leaks: the one allocation not covered.) */
typedef void (*fml_free_fn)(void *p);
void fml_box_push(lua_State *L, void *p, fml_free_fn free_fn);
/* Frees what the box at index i holds now and empties it. */
void fml_box_free(lua_State *L, int i);

/* ---------------------------------------------------------------- values */

/* fmatter.null: a light userdata unique to the module. */
void fml_push_null(lua_State *L);
int fml_is_null(lua_State *L, int i);

/* Sets the registry metatable `name` on the table on top of the stack. */
void fml_set_mt(lua_State *L, const char *name);
/* 1 when the value at i has the registry metatable `name`. */
int fml_has_mt(lua_State *L, int i, const char *name);

/* Pushes v as a Lua value: null, boolean, number (integer where Lua has
 * them), string, date table, or table with the array or map metatable. */
void fml_push_value(lua_State *L, const fm_value *v);
/* Pushes a date table {year=, month=, day=[, hour=, min=, sec=, nsec=
 * [, utc_offset=]]} with the date metatable, or nil when dt is not set. */
void fml_push_datetime(lua_State *L, const fm_datetime *dt);
/* Reads the date table at i into *dt. Returns 0, or -1 and *err. */
int fml_to_datetime(lua_State *L, int i, fm_datetime *dt, fm_error *err);
/* Builds a caller-owned fm_value from the Lua value at i (free it with
 * fm_value_free). Returns NULL and *err when the value cannot be stored. */
fm_value *fml_to_value(lua_State *L, int i, fm_error *err);

/* Reads boolean field `name` of the options table at i (absent: dflt). */
int fml_opt_bool(lua_State *L, int i, const char *name, int dflt);

/* ---------------------------------------------------------------- methods */

/* Registers the body and article methods (render.c) into the table on top. */
void fml_register_render(lua_State *L);
/* Registers date helpers (convert.c) into the module table on top. */
void fml_register_convert(lua_State *L);

#endif /* FMATTER_LUA_FMLUA_H */
