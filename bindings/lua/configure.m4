dnl SPDX-License-Identifier: MIT
dnl Lua binding (issue 6), included by configure.ac. One C module, built
dnl twice: against the Lua 5.4 headers and against the LuaJIT headers (the Lua
dnl 5.1 API; plain Lua 5.1 headers when LuaJIT's are missing). Headers come
dnl from pkg-config (lua5.4 / lua-5.4 / lua54, luajit / lua5.1 / lua-5.1 /
dnl lua51), else from the usual include folders, and must compile with the
dnl right LUA_VERSION_NUM; LUA54_CFLAGS / LUA51_CFLAGS override the search.
dnl The interpreters (for make check only) are LUA54 and LUA51.
dnl
dnl --enable-lua=auto (default) builds what it finds; --enable-lua=yes fails
dnl when it finds neither; --disable-lua builds nothing. A module is a shared
dnl object, so --disable-shared turns the binding off (an error with yes).

dnl FM_LUA_HEADERS(VAR, VERSION_NUM, PKG-NAMES, INCLUDE-DIRS)
dnl Sets VAR_CFLAGS and fm_lua_found_VAR=yes when <lua.h> and <lauxlib.h>
dnl compile with LUA_VERSION_NUM == VERSION_NUM.
AC_DEFUN([FM_LUA_HEADERS], [
  fm_lua_found_$1=no
  AC_MSG_CHECKING([for Lua headers with LUA_VERSION_NUM $2])
  fm_lua_candidates=
  AS_IF([test "x${$1_CFLAGS+set}" = xset],
    [fm_lua_candidates="user"],
    [for fm_pkg in $3; do
       AS_IF([test -n "$PKG_CONFIG" && $PKG_CONFIG --exists "$fm_pkg" 2>/dev/null],
         [fm_lua_candidates="$fm_lua_candidates pkg:$fm_pkg"])
     done
     for fm_dir in $4; do
       AS_IF([test -f "$fm_dir/lua.h"], [fm_lua_candidates="$fm_lua_candidates dir:$fm_dir"])
     done])
  fm_lua_save_CPPFLAGS=$CPPFLAGS
  for fm_cand in $fm_lua_candidates; do
    AS_CASE([$fm_cand],
      [user], [fm_try_cflags=${$1_CFLAGS}],
      [pkg:*], [fm_pkg=`echo "$fm_cand" | sed 's/^pkg://'`
                fm_try_cflags=`$PKG_CONFIG --cflags "$fm_pkg" 2>/dev/null`],
      [dir:*], [fm_try_cflags=-I`echo "$fm_cand" | sed 's/^dir://'`])
    CPPFLAGS="$fm_lua_save_CPPFLAGS $fm_try_cflags"
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[
#include <lua.h>
#include <lauxlib.h>
#if !defined(LUA_VERSION_NUM) || LUA_VERSION_NUM != $2
#error "wrong Lua version"
#endif
]], [[lua_State *L = 0; (void)L;]])],
      [fm_lua_found_$1=yes; $1_CFLAGS=$fm_try_cflags; break])
  done
  CPPFLAGS=$fm_lua_save_CPPFLAGS
  AS_IF([test "x$fm_lua_found_$1" = xyes],
    [AC_MSG_RESULT([${$1_CFLAGS:-(default include path)}])],
    [AC_MSG_RESULT([no])])
])

dnl FM_LUA_INTERPRETER(VAR, NAMES, VERSION-STRING)
dnl Sets VAR to the first of NAMES in PATH whose _VERSION is VERSION-STRING.
AC_DEFUN([FM_LUA_INTERPRETER], [
  AS_IF([test -z "${$1}"], [
    AC_MSG_CHECKING([for a $3 interpreter])
    for fm_prog in $2; do
      AS_IF([test "x$fm_prog" = x], [continue])
      fm_path=`command -v "$fm_prog" 2>/dev/null` || continue
      AS_IF([test -n "$fm_path" &&
             "$fm_path" -e 'os.exit(_VERSION == "$3" and 0 or 1)' >/dev/null 2>&1],
        [$1=$fm_path; break])
    done
    AC_MSG_RESULT([${$1:-no}])
  ])
])

AC_ARG_ENABLE([lua],
  [AS_HELP_STRING([--enable-lua@<:@=auto|yes|no@:>@],
    [build the Lua module for Lua 5.4 and LuaJIT @<:@default: auto@:>@])],
  [], [enable_lua=auto])
AC_ARG_WITH([lua54-cmoddir],
  [AS_HELP_STRING([--with-lua54-cmoddir=DIR],
    [install the Lua 5.4 module in DIR @<:@LIBDIR/lua/5.4@:>@])],
  [lua54execdir=$withval], [lua54execdir='${libdir}/lua/5.4'])
AC_ARG_WITH([lua51-cmoddir],
  [AS_HELP_STRING([--with-lua51-cmoddir=DIR],
    [install the LuaJIT / Lua 5.1 module in DIR @<:@LIBDIR/lua/5.1@:>@])],
  [lua51execdir=$withval], [lua51execdir='${libdir}/lua/5.1'])
AC_SUBST([lua54execdir])
AC_SUBST([lua51execdir])
AC_ARG_VAR([LUA54_CFLAGS], [C flags for the Lua 5.4 headers (skips the search)])
AC_ARG_VAR([LUA51_CFLAGS], [C flags for the LuaJIT / Lua 5.1 headers (skips the search)])
AC_ARG_VAR([LUA54], [Lua 5.4 interpreter, for make check])
AC_ARG_VAR([LUA51], [LuaJIT (or Lua 5.1) interpreter, for make check])

fm_lua54=no
fm_lua51=no
fm_lua_why=
fm_lua51_name=LuaJIT
AS_CASE([$enable_lua],
  [no], [fm_lua_why="--disable-lua"],
  [AS_IF([test "x$enable_shared" = xno],
     [AS_IF([test "x$enable_lua" = xyes],
        [AC_MSG_ERROR([--enable-lua needs shared libraries: a Lua module is a shared object])])
      fm_lua_why="--disable-shared: a Lua module is a shared object"],
     [fm_lua54_dirs="/usr/include/lua5.4 /usr/local/include/lua5.4 /usr/include/lua54"
      fm_lua51_dirs="/usr/include/luajit-2.1 /usr/local/include/luajit-2.1"
      fm_lua51_dirs="$fm_lua51_dirs /usr/include/luajit-2.0 /usr/local/include/luajit-2.0"
      fm_lua51_dirs="$fm_lua51_dirs /usr/include/lua5.1 /usr/local/include/lua5.1"
      FM_LUA_HEADERS([LUA54], [504], [lua5.4 lua-5.4 lua54], [$fm_lua54_dirs])
      FM_LUA_HEADERS([LUA51], [501], [luajit lua5.1 lua-5.1 lua51], [$fm_lua51_dirs])
      fm_lua54=$fm_lua_found_LUA54
      fm_lua51=$fm_lua_found_LUA51
      AS_IF([test "x$fm_lua51" = xyes], [
        fm_lua_save_CPPFLAGS=$CPPFLAGS
        CPPFLAGS="$CPPFLAGS $LUA51_CFLAGS"
        AC_CHECK_HEADER([luajit.h], [], [fm_lua51_name="Lua 5.1"])
        CPPFLAGS=$fm_lua_save_CPPFLAGS])
      AS_IF([test "x$enable_lua$fm_lua54$fm_lua51" = xyesnono],
        [AC_MSG_ERROR([--enable-lua: neither Lua 5.4 nor LuaJIT / Lua 5.1 headers found])])])])

AS_IF([test "x$fm_lua54" = xyes],
  [FM_LUA_INTERPRETER([LUA54], [lua5.4 lua54 lua-5.4 lua], [Lua 5.4])])
AS_IF([test "x$fm_lua51" = xyes],
  [AS_IF([test "x$fm_lua51_name" = xLuaJIT],
     [FM_LUA_INTERPRETER([LUA51], [luajit lua5.1 lua51 lua-5.1], [Lua 5.1])],
     [FM_LUA_INTERPRETER([LUA51], [lua5.1 lua51 lua-5.1 luajit lua], [Lua 5.1])])])

AM_CONDITIONAL([ENABLE_LUA54], [test "x$fm_lua54" = xyes])
AM_CONDITIONAL([ENABLE_LUA51], [test "x$fm_lua51" = xyes])

dnl Why make check skips each Lua (empty: it runs).
FM_LUA54_SKIP=
FM_LUA51_SKIP=
AS_IF([test "x$fm_lua54" != xyes],
  [FM_LUA54_SKIP=${fm_lua_why:-"Lua 5.4 headers not found"}],
  [test -z "$LUA54"], [FM_LUA54_SKIP="no Lua 5.4 interpreter found (set LUA54)"])
AS_IF([test "x$fm_lua51" != xyes],
  [FM_LUA51_SKIP=${fm_lua_why:-"LuaJIT / Lua 5.1 headers not found"}],
  [test -z "$LUA51"], [FM_LUA51_SKIP="no LuaJIT / Lua 5.1 interpreter found (set LUA51)"])
AC_SUBST([FM_LUA54_SKIP])
AC_SUBST([FM_LUA51_SKIP])

AS_IF([test -n "$fm_lua_why"],
  [fm_lua_summary="no ($fm_lua_why)"],
  [AS_CASE([$fm_lua54$fm_lua51],
    [yesyes], [fm_lua_summary="5.4 and $fm_lua51_name"],
    [yesno], [fm_lua_summary="5.4 only (LuaJIT / Lua 5.1 headers not found)"],
    [noyes], [fm_lua_summary="$fm_lua51_name only (Lua 5.4 headers not found)"],
    [fm_lua_summary="no (no Lua headers found)"])
   AS_IF([test "x$fm_sanitized" = xyes],
     [fm_lua_summary="$fm_lua_summary; tests preload the ASan runtime"])])
