/* SPDX-License-Identifier: MIT */
/* convert.c - values between Lua and fmatter: fm_value trees to Lua tables
 * and back, date tables, fmatter.null, and the date helpers of the module. */
#define _POSIX_C_SOURCE 200809L

#include "fmlua.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ===================================================================== */
/* Null and marker metatables                                            */
/* ===================================================================== */

/* Its address is fmatter.null: no other light userdata can equal it. */
static const char null_tag = 0;

void fml_push_null(lua_State *L) {
    lua_pushlightuserdata(L, (void *)&null_tag);
}

int fml_is_null(lua_State *L, int i) {
    return lua_type(L, i) == LUA_TLIGHTUSERDATA && lua_touserdata(L, i) == &null_tag;
}

void fml_set_mt(lua_State *L, const char *name) {
    luaL_getmetatable(L, name);
    lua_setmetatable(L, -2);
}

int fml_has_mt(lua_State *L, int i, const char *name) {
    if (!lua_getmetatable(L, i))
        return 0;
    luaL_getmetatable(L, name);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same;
}

int fml_opt_bool(lua_State *L, int i, const char *name, int dflt) {
    if (lua_type(L, i) != LUA_TTABLE)
        return dflt;
    lua_getfield(L, i, name);
    int b = lua_isnil(L, -1) ? dflt : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return b;
}

/* ===================================================================== */
/* fm_value to Lua                                                       */
/* ===================================================================== */

static void set_int_field(lua_State *L, const char *name, int64_t v) {
    fml_pushinteger(L, v);
    lua_setfield(L, -2, name);
}

void fml_push_datetime(lua_State *L, const fm_datetime *dt) {
    if (!dt || !(dt->flags & FM_DT_SET)) {
        lua_pushnil(L);
        return;
    }
    lua_createtable(L, 0, 8);
    if (!(dt->flags & FM_DT_NO_DATE)) { /* a TOML time of day has no date */
        set_int_field(L, "year", dt->year);
        set_int_field(L, "month", dt->month);
        set_int_field(L, "day", dt->day);
    }
    if (dt->flags & FM_DT_HAS_TIME) {
        set_int_field(L, "hour", dt->hour);
        set_int_field(L, "min", dt->minute);
        set_int_field(L, "sec", dt->second);
        set_int_field(L, "nsec", dt->nanosecond);
        if (dt->flags & FM_DT_HAS_OFFSET)
            set_int_field(L, "utc_offset", dt->utc_offset);
    }
    fml_set_mt(L, FML_DATE_MT);
}

static void push_sequence(lua_State *L, const fm_value *v) {
    size_t n = fm_value_size(v);
    lua_createtable(L, n > INT32_MAX ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        fml_push_value(L, fm_value_at(v, i));
        lua_rawseti(L, -2, (int)(i + 1));
    }
    fml_set_mt(L, FML_ARRAY_MT);
}

static void push_mapping(lua_State *L, const fm_value *v) {
    size_t n = fm_value_size(v);
    lua_createtable(L, 0, n > INT32_MAX ? 0 : (int)n);
    for (size_t i = 0; i < n; i++) {
        size_t klen;
        const char *k = fm_value_key_text(v, i, &klen);
        if (!k)
            continue; /* a collection as a key: Lua keys here are text */
        lua_pushlstring(L, k, klen);
        fml_push_value(L, fm_value_at(v, i));
        lua_rawset(L, -3);
    }
    fml_set_mt(L, FML_MAP_MT);
}

void fml_push_value(lua_State *L, const fm_value *v) {
    luaL_checkstack(L, 4, "fmatter: front matter nested too deeply");
    size_t len;
    const char *s;
    switch (fm_value_type(v)) {
    case FM_NULL:
        fml_push_null(L);
        break;
    case FM_BOOL:
        lua_pushboolean(L, fm_value_bool(v) == 1);
        break;
    case FM_INT:
        fml_pushinteger(L, fm_value_int(v, 0));
        break;
    case FM_FLOAT:
        lua_pushnumber(L, (lua_Number)fm_value_float(v, 0.0));
        break;
    case FM_STRING:
        s = fm_value_string(v, &len);
        lua_pushlstring(L, s ? s : "", s ? len : 0);
        break;
    case FM_TIMESTAMP:
        fml_push_datetime(L, fm_value_datetime(v));
        break;
    case FM_SEQUENCE:
        push_sequence(L, v);
        break;
    case FM_MAPPING:
        push_mapping(L, v);
        break;
    }
}

/* ===================================================================== */
/* Date tables to fm_datetime                                            */
/* ===================================================================== */

/* Reads integer field `name` of the table at i into *out. Returns 1 when
 * set, 0 when absent, -1 (with *err) when not an integer. */
static int int_field(lua_State *L, int i, const char *name, int lo, int hi, int *out,
                     fm_error *err) {
    lua_getfield(L, i, name);
    int t = lua_type(L, -1);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    int ok = fml_isinteger(L, -1);
    int64_t v = ok ? fml_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (!ok) {
        fml_set_error(err, FM_ERR_TYPE, "date field '%s' is not an integer", name);
        return -1;
    }
    if (v < lo || v > hi) {
        fml_set_error(err, FM_ERR_DATE, "date field '%s' is out of range (%lld)", name,
                      (long long)v);
        return -1;
    }
    *out = (int)v;
    return 1;
}

int fml_to_datetime(lua_State *L, int i, fm_datetime *dt, fm_error *err) {
    static const struct {
        const char *name;
        int lo, hi;
        size_t off;
    } fields[] = {
        {"year", 0, 9999, offsetof(fm_datetime, year)},
        {"month", 1, 12, offsetof(fm_datetime, month)},
        {"day", 1, 31, offsetof(fm_datetime, day)},
        {"hour", 0, 23, offsetof(fm_datetime, hour)},
        {"min", 0, 59, offsetof(fm_datetime, minute)},
        {"sec", 0, 60, offsetof(fm_datetime, second)},
        {"nsec", 0, 999999999, offsetof(fm_datetime, nanosecond)},
        {"utc_offset", -1439, 1439, offsetof(fm_datetime, utc_offset)},
    };
    int got[8];
    memset(dt, 0, sizeof *dt);
    if (lua_type(L, i) != LUA_TTABLE) {
        fml_set_error(err, FM_ERR_TYPE, "a date must be a table");
        return -1;
    }
    for (size_t f = 0; f < 8; f++) {
        int *slot = (int *)(void *)((char *)dt + fields[f].off);
        got[f] = int_field(L, i, fields[f].name, fields[f].lo, fields[f].hi, slot, err);
        if (got[f] < 0)
            return -1;
    }
    int time_only = !got[0] && !got[1] && !got[2] && got[3] && !got[7];
    if ((!got[0] || !got[1] || !got[2]) && !time_only) {
        fml_set_error(err, FM_ERR_DATE, "a date needs year, month and day");
        return -1;
    }
    dt->flags = FM_DT_SET | (time_only ? FM_DT_NO_DATE : 0);
    if (got[3]) {
        dt->flags |= FM_DT_HAS_TIME;
        if (got[7])
            dt->flags |= FM_DT_HAS_OFFSET;
    } else if (got[4] || got[5] || got[6] || got[7]) {
        fml_set_error(err, FM_ERR_DATE,
                      "a date with min, sec, nsec or utc_offset needs hour");
        return -1;
    }
    char buf[64];
    fm_datetime check;
    size_t n = fm_datetime_format(dt, buf, sizeof buf);
    if (time_only && n == 0) {
        fml_set_error(err, FM_ERR_DATE, "not a valid time: %02d:%02d:%02d", dt->hour,
                      dt->minute, dt->second);
        return -1;
    }
    if (!time_only &&
        (n == 0 || n >= sizeof buf || fm_datetime_parse(buf, n, &check) != 0)) {
        fml_set_error(err, FM_ERR_DATE, "not a valid date: %04d-%02d-%02d", dt->year,
                      dt->month, dt->day);
        return -1;
    }
    return 0;
}

/* ===================================================================== */
/* Lua to fm_value                                                       */
/* ===================================================================== */

/* Nothing below raises a Lua error (lua_checkstack, never luaL_checkstack;
 * only raw table access), so a partly built tree is always freed. */

#define MAX_DEPTH 256

static fm_value *to_value(lua_State *L, int i, int depth, fm_error *err);

static fm_value *nomem(fm_error *err) {
    fml_set_error(err, FM_ERR_NOMEM, "out of memory");
    return NULL;
}

/* How a table is stored: 'a' sequence, 'm' mapping, 'd' date. Tables
 * without a marker are sequences when their keys are exactly 1..n (n > 0). */
static int table_kind(lua_State *L, int i, size_t *n) {
    if (fml_has_mt(L, i, FML_DATE_MT))
        return 'd';
    int marked_array = fml_has_mt(L, i, FML_ARRAY_MT);
    int marked_map = fml_has_mt(L, i, FML_MAP_MT);
    size_t count = 0;
    int all_index = 1;
    lua_pushnil(L);
    while (lua_next(L, i) != 0) {
        lua_pop(L, 1);
        count++;
        if (!fml_isinteger(L, -1) || fml_tointeger(L, -1) < 1)
            all_index = 0;
    }
    /* Distinct integer keys >= 1, `count` of them, all <= count: 1..count. */
    if (all_index && count > 0) {
        lua_pushnil(L);
        while (lua_next(L, i) != 0) {
            lua_pop(L, 1);
            if ((uint64_t)fml_tointeger(L, -1) > count)
                all_index = 0;
        }
    }
    *n = count;
    if (marked_map)
        return 'm';
    if (marked_array)
        return all_index || count == 0 ? 'a' : 'x';
    return all_index && count > 0 ? 'a' : 'm';
}

static fm_value *to_sequence(lua_State *L, int i, size_t n, int depth, fm_error *err) {
    fm_value *seq = fm_value_new_sequence();
    if (!seq)
        return nomem(err);
    for (size_t k = 1; k <= n; k++) {
        lua_rawgeti(L, i, (int)k);
        fm_value *item = to_value(L, lua_gettop(L), depth + 1, err);
        lua_pop(L, 1);
        if (!item || fm_value_append(seq, item) != 0) {
            if (item)
                nomem(err);
            fm_value_free(seq);
            return NULL;
        }
    }
    return seq;
}

/* One pair of a mapping being built: the key (anchored by the Lua table)
 * and its converted value. */
typedef struct pair {
    const char *key;
    size_t len;
    fm_value *value;
} pair;

static int pair_cmp(const void *a, const void *b) {
    const pair *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    if (c != 0)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

static void free_pairs(pair *pairs, size_t n) {
    for (size_t k = 0; k < n; k++)
        fm_value_free(pairs[k].value);
    free(pairs);
}

/* Converts the n pairs of the table at i. Returns a malloc'd array, or NULL
 * with *err. */
static pair *convert_pairs(lua_State *L, int i, size_t n, int depth, fm_error *err) {
    pair *pairs = malloc((n ? n : 1) * sizeof *pairs);
    if (!pairs) {
        nomem(err);
        return NULL;
    }
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, i) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING || k == n) {
            fml_set_error(err, FM_ERR_TYPE,
                          "mapping keys must be strings (found a %s key; a sequence "
                          "needs keys 1..n)",
                          luaL_typename(L, -2));
            lua_pop(L, 2);
            free_pairs(pairs, k);
            return NULL;
        }
        pairs[k].key = lua_tolstring(L, -2, &pairs[k].len);
        pairs[k].value = to_value(L, lua_gettop(L), depth + 1, err);
        lua_pop(L, 1);
        if (!pairs[k].value) {
            lua_pop(L, 1);
            free_pairs(pairs, k);
            return NULL;
        }
        k++;
    }
    return pairs;
}

/* Lua tables have no order: the keys are written sorted by their bytes. */
static fm_value *to_mapping(lua_State *L, int i, size_t n, int depth, fm_error *err) {
    pair *pairs = convert_pairs(L, i, n, depth, err);
    if (!pairs)
        return NULL;
    qsort(pairs, n, sizeof *pairs, pair_cmp);
    fm_value *map = fm_value_new_mapping();
    for (size_t k = 0; k < n; k++) {
        fm_value *v = pairs[k].value;
        pairs[k].value = NULL;
        if (!map || fm_value_put(map, pairs[k].key, pairs[k].len, v) != 0) {
            if (!map)
                fm_value_free(v);
            fm_value_free(map);
            map = NULL;
        }
    }
    free_pairs(pairs, n);
    return map ? map : nomem(err);
}

static fm_value *to_table(lua_State *L, int i, int depth, fm_error *err) {
    size_t n = 0;
    fm_datetime dt;
    switch (table_kind(L, i, &n)) {
    case 'd':
        if (fml_to_datetime(L, i, &dt, err) != 0)
            return NULL;
        return fm_value_new_datetime(&dt, err);
    case 'a':
        return to_sequence(L, i, n, depth, err);
    case 'm':
        return to_mapping(L, i, n, depth, err);
    default:
        fml_set_error(err, FM_ERR_TYPE,
                      "a table marked with fmatter.array_mt needs keys 1..n");
        return NULL;
    }
}

static fm_value *to_value(lua_State *L, int i, int depth, fm_error *err) {
    if (depth > MAX_DEPTH) {
        fml_set_error(err, FM_ERR_TOO_DEEP,
                      "value nested deeper than %d levels (a table that holds itself?)",
                      MAX_DEPTH);
        return NULL;
    }
    if (!lua_checkstack(L, 4))
        return nomem(err);
    fm_value *v = NULL;
    size_t len;
    const char *s;
    switch (lua_type(L, i)) {
    case LUA_TBOOLEAN:
        v = fm_value_new_bool(lua_toboolean(L, i));
        break;
    case LUA_TNUMBER:
        if (fml_isinteger(L, i))
            v = fm_value_new_int(fml_tointeger(L, i));
        else
            v = fm_value_new_float((double)lua_tonumber(L, i));
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, i, &len);
        v = fm_value_new_string(s, len, err);
        if (!v)
            return NULL;
        break;
    case LUA_TTABLE:
        return to_table(L, i, depth, err);
    case LUA_TLIGHTUSERDATA:
        if (fml_is_null(L, i)) {
            v = fm_value_new_null();
            break;
        }
        /* fall through */
    default:
        fml_set_error(err, FM_ERR_TYPE, "cannot store a %s in front matter",
                      luaL_typename(L, i));
        return NULL;
    }
    return v ? v : nomem(err);
}

fm_value *fml_to_value(lua_State *L, int i, fm_error *err) {
    if (i < 0)
        i = lua_gettop(L) + i + 1;
    return to_value(L, i, 0, err);
}

/* ===================================================================== */
/* Date helpers: fmatter.date, fmatter.now, fmatter.time, __tostring     */
/* ===================================================================== */

/* fmatter.date(text) or fmatter.date(table): a checked date table with the
 * date metatable, or nil, message, info. */
static int l_date(lua_State *L) {
    fm_datetime dt;
    fm_error err;
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, 1, &len);
        if (fm_datetime_parse(s, len, &dt) != 0) {
            fml_set_error(&err, FM_ERR_DATE, "not a date: %s", s);
            return fml_push_error(L, "<date>", &err);
        }
    } else {
        luaL_checktype(L, 1, LUA_TTABLE);
        if (fml_to_datetime(L, 1, &dt, &err) != 0)
            return fml_push_error(L, "<date>", &err);
    }
    fml_push_datetime(L, &dt);
    return 1;
}

/* Minutes east of UTC of the local time at t. */
static int local_offset(time_t t, struct tm *local) {
    struct tm utc;
    localtime_r(&t, local);
    gmtime_r(&t, &utc);
    int days = local->tm_year != utc.tm_year ? (local->tm_year > utc.tm_year ? 1 : -1)
                                             : local->tm_yday - utc.tm_yday;
    return days * 1440 + (local->tm_hour - utc.tm_hour) * 60 +
           (local->tm_min - utc.tm_min);
}

/* fmatter.now(): the local time, to the second, with its UTC offset. */
static int l_now(lua_State *L) {
    struct tm tm;
    time_t t = time(NULL);
    fm_datetime dt = {0};
    dt.utc_offset = local_offset(t, &tm);
    dt.year = tm.tm_year + 1900;
    dt.month = tm.tm_mon + 1;
    dt.day = tm.tm_mday;
    dt.hour = tm.tm_hour;
    dt.minute = tm.tm_min;
    dt.second = tm.tm_sec > 59 ? 59 : tm.tm_sec;
    dt.flags = FM_DT_SET | FM_DT_HAS_TIME | FM_DT_HAS_OFFSET;
    fml_push_datetime(L, &dt);
    return 1;
}

/* fmatter.time(date [, default_offset]): seconds since the epoch; a
 * floating time is read at default_offset minutes east of UTC (default 0). */
static int l_time(lua_State *L) {
    fm_datetime dt;
    fm_error err;
    time_t t;
    luaL_checktype(L, 1, LUA_TTABLE);
    int dflt = (int)luaL_optinteger(L, 2, 0);
    if (fml_to_datetime(L, 1, &dt, &err) != 0)
        return fml_push_error(L, "<date>", &err);
    if (fm_datetime_to_time(&dt, dflt, &t) != 0) {
        fml_set_error(&err, FM_ERR_DATE, "date out of range");
        return fml_push_error(L, "<date>", &err);
    }
    fml_pushinteger(L, (int64_t)t);
    return 1;
}

/* date_mt.__tostring: RFC 3339 text. */
static int l_date_tostring(lua_State *L) {
    fm_datetime dt;
    fm_error err;
    char buf[64];
    if (fml_to_datetime(L, 1, &dt, &err) != 0)
        return luaL_error(L, "invalid date: %s", err.message);
    size_t n = fm_datetime_format(&dt, buf, sizeof buf);
    lua_pushlstring(L, buf, n < sizeof buf ? n : sizeof buf - 1);
    return 1;
}

void fml_register_convert(lua_State *L) {
    static const luaL_Reg fns[] = {
        {"date", l_date}, {"now", l_now}, {"time", l_time}, {NULL, NULL}};
    fml_setfuncs(L, fns, 0);

    fml_push_null(L);
    lua_setfield(L, -2, "null");

    luaL_newmetatable(L, FML_ARRAY_MT);
    lua_setfield(L, -2, "array_mt");
    luaL_newmetatable(L, FML_MAP_MT);
    lua_setfield(L, -2, "map_mt");
    luaL_newmetatable(L, FML_DATE_MT);
    lua_pushcfunction(L, l_date_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_setfield(L, -2, "date_mt");
}
