dnl SPDX-License-Identifier: MIT
dnl Fuzzing (issue 7): --enable-fuzzing builds libFuzzer targets with clang.
dnl Use: ./configure --enable-fuzzing --disable-shared CC=clang && make fuzz
AC_ARG_ENABLE([fuzzing],
  [AS_HELP_STRING([--enable-fuzzing],
    [build libFuzzer targets (needs clang; instruments the whole build)])],
  [], [enable_fuzzing=no])
AS_IF([test "x$enable_fuzzing" = xyes], [
  AX_CHECK_COMPILE_FLAG([-fsanitize=fuzzer-no-link], [],
    [AC_MSG_ERROR([--enable-fuzzing needs a compiler with libFuzzer (CC=clang)])])
  CFLAGS="$CFLAGS -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined"
  AC_SUBST([FUZZ_LDFLAGS], ["-fsanitize=fuzzer,address,undefined"])
])
AM_CONDITIONAL([ENABLE_FUZZING], [test "x$enable_fuzzing" = xyes])
