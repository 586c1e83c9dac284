/* SPDX-License-Identifier: MIT */
/* compat.h - the few Lua C API calls the module needs, under one set of names
 * (fml_*) for Lua 5.1 / LuaJIT 2.x and Lua 5.2 to 5.4. Written for fmatter. */
#ifndef FMATTER_LUA_COMPAT_H
#define FMATTER_LUA_COMPAT_H

#include <stdint.h>

#include <lauxlib.h>
#include <lua.h>

#if !defined(LUA_VERSION_NUM) || LUA_VERSION_NUM < 501
#error "fmatter needs Lua 5.1 or later (or LuaJIT)"
#endif

#if LUA_VERSION_NUM >= 502

#define fml_setfuncs(L, l, nup) luaL_setfuncs((L), (l), (nup))
#define fml_rawlen(L, i) lua_rawlen((L), (i))
#if LUA_VERSION_NUM >= 504
#define fml_newuserdata(L, size) lua_newuserdatauv((L), (size), 0)
#else
#define fml_newuserdata(L, size) lua_newuserdata((L), (size))
#endif

#else /* Lua 5.1 and LuaJIT */

#define fml_newuserdata(L, size) lua_newuserdata((L), (size))
#define fml_rawlen(L, i) lua_objlen((L), (i))

/* Registers the functions of l into the table below the nup values on top
 * of the stack, each closing over those values, and pops them. */
static inline void fml_setfuncs(lua_State *L, const luaL_Reg *l, int nup) {
    for (; l->name != NULL; l++) {
        for (int i = 0; i < nup; i++)
            lua_pushvalue(L, -nup);
        lua_pushcclosure(L, l->func, nup);
        lua_setfield(L, -(nup + 2), l->name);
    }
    lua_pop(L, nup);
}

#endif

/* A new table holding the functions of l. */
static inline void fml_newlib(lua_State *L, const luaL_Reg *l) {
    int n = 0;
    while (l[n].name != NULL)
        n++;
    lua_createtable(L, 0, n);
    fml_setfuncs(L, l, 0);
}

/* ---------------------------------------------------------------- numbers */

/* Lua 5.3 and later have a separate integer subtype. Lua 5.1 has only
 * doubles: there a number with no fraction that fits int64_t counts as an
 * integer, and integers beyond 2^53 lose precision when pushed. */
#if LUA_VERSION_NUM >= 503

static inline int fml_isinteger(lua_State *L, int i) {
    return lua_isinteger(L, i);
}

static inline int64_t fml_tointeger(lua_State *L, int i) {
    return (int64_t)lua_tointeger(L, i);
}

static inline void fml_pushinteger(lua_State *L, int64_t v) {
    lua_pushinteger(L, (lua_Integer)v);
}

#else

static inline int fml_isinteger(lua_State *L, int i) {
    if (lua_type(L, i) != LUA_TNUMBER)
        return 0;
    lua_Number n = lua_tonumber(L, i);
    /* -2^63 <= n < 2^63 and n has no fraction (NaN fails both tests) */
    return n >= -9223372036854775808.0 && n < 9223372036854775808.0 &&
           (lua_Number)(int64_t)n == n;
}

static inline int64_t fml_tointeger(lua_State *L, int i) {
    return (int64_t)lua_tonumber(L, i);
}

static inline void fml_pushinteger(lua_State *L, int64_t v) {
    lua_pushnumber(L, (lua_Number)v);
}

#endif

/* ---------------------------------------------------------------- gc */

/* Lua 5.4 gives lua_gc extra arguments; the step call means the same in all
 * versions: do some collection work, as if `kb` kilobytes were allocated. */
static inline void fml_gc_step(lua_State *L, int kb) {
    lua_gc(L, LUA_GCSTEP, kb);
}

#endif /* FMATTER_LUA_COMPAT_H */
