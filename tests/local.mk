# SPDX-License-Identifier: MIT
# Tests: Check suites (tests/check_<area>.c), data-driven cases, acceptance.

CHECK_SUITES = \
	tests/check_split \
	tests/check_datetime \
	tests/check_load \
	tests/check_article

if HAVE_CHECK
check_PROGRAMS += $(CHECK_SUITES)
TESTS += $(CHECK_SUITES)
endif

CHECK_COMMON_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PTHREAD_CFLAGS)
CHECK_COMMON_LDADD = lib/libfmatter.la $(CHECK_LIBS) $(PTHREAD_LIBS)

tests_check_split_SOURCES = tests/check_split.c tests/testutil.h
tests_check_split_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_split_LDADD = $(CHECK_COMMON_LDADD)

tests_check_datetime_SOURCES = tests/check_datetime.c tests/testutil.h
tests_check_datetime_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_datetime_LDADD = $(CHECK_COMMON_LDADD)

tests_check_load_SOURCES = tests/check_load.c tests/testutil.h
tests_check_load_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_load_LDADD = $(CHECK_COMMON_LDADD)

tests_check_article_SOURCES = tests/check_article.c tests/testutil.h
tests_check_article_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_article_LDADD = $(CHECK_COMMON_LDADD)

# Shell-driven tests: the tool over tests/data, exported symbols, the header
# alone, the shared corpus.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(top_srcdir)'; export top_srcdir; \
	top_builddir='$(top_builddir)'; export top_builddir; \
	FMATTER='$(abs_top_builddir)/tools/fmatter'; export FMATTER; \
	FM_CORPUS_DIR='$(FM_CORPUS_DIR)'; export FM_CORPUS_DIR; \
	NM='$(NM)'; export NM; CC='$(CC)'; export CC; CXX='$(CXX)'; export CXX;

TESTS += \
	tests/data.sh \
	tests/symbols.sh \
	tests/header.sh \
	tests/corpus.sh

EXTRA_DIST += \
	tests/data.sh \
	tests/symbols.sh \
	tests/header.sh \
	tests/corpus.sh \
	tests/exported-symbols.txt \
	tests/data
