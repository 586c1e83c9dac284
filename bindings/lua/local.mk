# SPDX-License-Identifier: MIT
# Lua binding (issue 6): one C module, built twice as a libtool module (not
# linked against liblua): bindings/lua/5.4/fmatter.la with the Lua 5.4 headers
# and bindings/lua/5.1/fmatter.la with the LuaJIT (Lua 5.1) headers. Each
# installs as fmatter.so into its version's folder (see configure.m4).

FM_LUA_SOURCES = \
	bindings/lua/fmatter.c \
	bindings/lua/convert.c \
	bindings/lua/render.c \
	bindings/lua/fmlua.h \
	bindings/lua/compat.h
FM_LUA_CFLAGS = $(AM_CFLAGS) $(VISIBILITY_CFLAGS)
# -shared: a module has no use for a static archive.
FM_LUA_LDFLAGS = -module -avoid-version -shared

if ENABLE_LUA54
lua54exec_LTLIBRARIES = bindings/lua/5.4/fmatter.la
bindings_lua_5_4_fmatter_la_SOURCES = $(FM_LUA_SOURCES)
bindings_lua_5_4_fmatter_la_CPPFLAGS = $(AM_CPPFLAGS) $(LUA54_CFLAGS)
bindings_lua_5_4_fmatter_la_CFLAGS = $(FM_LUA_CFLAGS)
bindings_lua_5_4_fmatter_la_LDFLAGS = $(FM_LUA_LDFLAGS)
bindings_lua_5_4_fmatter_la_LIBADD = lib/libfmatter.la
endif

if ENABLE_LUA51
lua51exec_LTLIBRARIES = bindings/lua/5.1/fmatter.la
bindings_lua_5_1_fmatter_la_SOURCES = $(FM_LUA_SOURCES)
bindings_lua_5_1_fmatter_la_CPPFLAGS = $(AM_CPPFLAGS) $(LUA51_CFLAGS)
bindings_lua_5_1_fmatter_la_CFLAGS = $(FM_LUA_CFLAGS)
bindings_lua_5_1_fmatter_la_LDFLAGS = $(FM_LUA_LDFLAGS)
bindings_lua_5_1_fmatter_la_LIBADD = lib/libfmatter.la
endif

# make check: one test per Lua, each skipped (exit 77) with its reason when
# that Lua was not found, so the summary shows which ran.
TESTS += \
	bindings/lua/tests/lua54.sh \
	bindings/lua/tests/luajit.sh

AM_TESTS_ENVIRONMENT += \
	FM_LUA54='$(LUA54)'; export FM_LUA54; \
	FM_LUA51='$(LUA51)'; export FM_LUA51; \
	FM_LUA54_SKIP='$(FM_LUA54_SKIP)'; export FM_LUA54_SKIP; \
	FM_LUA51_SKIP='$(FM_LUA51_SKIP)'; export FM_LUA51_SKIP;

EXTRA_DIST += \
	bindings/lua/README.md \
	bindings/lua/tests/run.sh \
	bindings/lua/tests/lua54.sh \
	bindings/lua/tests/luajit.sh \
	bindings/lua/tests/test.lua \
	bindings/lua/tests/fields.lua \
	bindings/lua/examples/drafts.lua \
	bindings/lua/examples/bump_lastmod.lua \
	bindings/lua/fmatter-0.1.0-1.rockspec \
	bindings/lua/rock.mk \
	tests/bench/lua_bench.lua
