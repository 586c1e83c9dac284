dnl SPDX-License-Identifier: MIT
dnl Python binding (issues 5, 14): the extension fmatter._fmatter and its
dnl package. --enable-python / --disable-python (default: auto, built when
dnl the chosen interpreter's headers compile); PYTHON= picks the interpreter,
dnl which is recorded by its real path (its sys.executable), not by a
dnl launcher or shim found on PATH (pyenv's python3 runs whichever version
dnl is selected when it runs). Everything else comes from that interpreter's
dnl sysconfig: the include directory, the extension suffix, and the platlib
dnl directory relative to its prefix.
dnl Needs shared libraries (a module is a shared object) and an unsanitized
dnl library (a -fsanitize build cannot load into a plain python): in auto
dnl mode either turns the binding off; with --enable-python, --disable-shared
dnl is an error and a sanitizer build is built but its tests skip (exit 77).

AC_ARG_ENABLE([python],
  [AS_HELP_STRING([--enable-python],
    [build the Python binding (default: auto, when the interpreter's headers are found)])],
  [], [enable_python=auto])
AC_ARG_WITH([python-sitedir],
  [AS_HELP_STRING([--with-python-sitedir=DIR],
    [where to install the fmatter package (default: the interpreter's platlib under
     EPREFIX)])],
  [fm_python_sitedir=$withval], [fm_python_sitedir=])
AC_ARG_WITH([peer-tests],
  [AS_HELP_STRING([--with-peer-tests=DIR],
    [other projects' test suites run against fmatter.compat by make check (default:
     ../shared/peer-tests beside the source tree; they skip when it is missing)])],
  [FM_PEER_TESTS_DIR=$withval], [FM_PEER_TESTS_DIR='$(abs_top_srcdir)/../shared/peer-tests'])
AC_SUBST([FM_PEER_TESTS_DIR])

fm_python=no
fm_python_why=

AS_IF([test "x$enable_python" != xno], [
  AS_IF([test "x$enable_shared" = xno], [
    AS_IF([test "x$enable_python" = xyes],
      [AC_MSG_ERROR([--enable-python needs shared libraries: drop --disable-shared])])
    fm_python_why="shared libraries disabled"
  ], [test "x$fm_sanitized" = xyes && test "x$enable_python" = xauto], [
    fm_python_why="sanitizer build (-fsanitize in CFLAGS/LDFLAGS)"
  ], [
    AM_PATH_PYTHON([3.9], [], [:])
    AS_IF([test "x$PYTHON" != "x:" && test -n "$PYTHON"], [
      AC_MSG_CHECKING([for $PYTHON's real path])
      fm_python_exe=`$PYTHON -c "import sys; print(sys.executable or '')" 2>/dev/null`
      AS_IF([test -n "$fm_python_exe" && test -x "$fm_python_exe"],
        [PYTHON=$fm_python_exe])
      AC_MSG_RESULT([$PYTHON])
    ])
    AS_IF([test "x$PYTHON" = "x:" || test -z "$PYTHON"], [
      fm_python_why="no Python 3.9 or newer found"
    ], [
      AC_MSG_CHECKING([for $PYTHON's include directory])
      PYTHON_INCLUDE=`$PYTHON -c "import sysconfig; print(sysconfig.get_paths()@<:@'include'@:>@)" 2>/dev/null`
      AC_MSG_RESULT([${PYTHON_INCLUDE:-none}])
      AC_MSG_CHECKING([for $PYTHON's extension suffix])
      PYTHON_EXT_SUFFIX=`$PYTHON -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX') or '')" 2>/dev/null`
      AC_MSG_RESULT([${PYTHON_EXT_SUFFIX:-none}])
      PYTHON_CPPFLAGS="-isystem $PYTHON_INCLUDE"
      fm_save_CPPFLAGS=$CPPFLAGS
      CPPFLAGS="$CPPFLAGS $PYTHON_CPPFLAGS"
      AC_MSG_CHECKING([whether Python.h compiles])
      AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>]], [[PyObject *o = Py_None; (void)o;]])],
        [fm_python_h=yes], [fm_python_h=no])
      AC_MSG_RESULT([$fm_python_h])
      CPPFLAGS=$fm_save_CPPFLAGS
      AS_IF([test "x$fm_python_h" != xyes || test -z "$PYTHON_INCLUDE" || test -z "$PYTHON_EXT_SUFFIX"], [
        fm_python_why="no Python.h for $PYTHON (install python3-dev)"
      ], [
        fm_python=yes
      ])
    ])
  ])
  AS_IF([test "x$fm_python" != xyes && test "x$enable_python" = xyes],
    [AC_MSG_ERROR([--enable-python: $fm_python_why])])
])

AS_IF([test "x$fm_python" = xyes], [
  AS_IF([test -z "$fm_python_sitedir"], [
    AC_MSG_CHECKING([for $PYTHON's platlib directory relative to its prefix])
    dnl The default scheme's platlib, relative to the base it is installed
    dnl under; Debian's posix_local scheme installs below $prefix/local.
    fm_python_platlib=`$PYTHON -c "
import os, sysconfig as s
scheme = s.get_default_scheme() if hasattr(s, 'get_default_scheme') else s._get_default_scheme()
base = s.get_config_var('platbase')
if scheme == 'posix_local':
    base = os.path.join(base, 'local')
print(os.path.relpath(s.get_path('platlib', scheme), base))
" 2>/dev/null`
    AC_MSG_RESULT([${fm_python_platlib:-none}])
    AS_IF([test -z "$fm_python_platlib"],
      [fm_python_platlib="lib/python$PYTHON_VERSION/site-packages"])
    fm_python_sitedir='${exec_prefix}'/$fm_python_platlib
  ])
  fm_python_summary="yes ($PYTHON $PYTHON_VERSION, $PYTHON_EXT_SUFFIX)"
  AS_IF([test "x$fm_sanitized" = xyes],
    [fm_python_summary="$fm_python_summary; tests skip: sanitizer build"])
], [
  fm_python_summary="no${fm_python_why:+ ($fm_python_why)}"
])

AC_SUBST([PYTHON_CPPFLAGS])
AC_SUBST([PYTHON_EXT_SUFFIX])
AC_SUBST([FM_PYTHON_SITEDIR], [$fm_python_sitedir])
AM_CONDITIONAL([ENABLE_PYTHON], [test "x$fm_python" = xyes])
