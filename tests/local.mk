# SPDX-License-Identifier: MIT
# Tests: Check suites (tests/check_<area>.c), data-driven cases, acceptance.

CHECK_SUITES = \
	tests/check_split \
	tests/check_datetime \
	tests/check_load \
	tests/check_alloc \
	tests/check_threads \
	tests/check_hostile \
	tests/check_article \
	tests/check_dialect \
	tests/check_edit \
	tests/check_splice \
	tests/check_save \
	tests/check_body \
	tests/check_fast \
	tests/check_json \
	tests/check_batch \
	tests/check_path \
	tests/check_complexity \
	tests/check_oom \
	tests/check_toml \
	tests/check_toml_edit \
	tests/check_convert \
	tests/check_tool_json \
	tests/check_front_only

if HAVE_CHECK
check_PROGRAMS += $(CHECK_SUITES)
TESTS += $(CHECK_SUITES)
endif

CHECK_COMMON_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PTHREAD_CFLAGS)
CHECK_COMMON_LDADD = lib/libfmatter.la $(CHECK_LIBS) $(PTHREAD_LIBS)

tests_check_split_SOURCES = tests/check_split.c tests/testutil.h
tests_check_split_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_split_LDADD = $(CHECK_COMMON_LDADD)

# The tool's JSON writing, built from its source.
tests_check_tool_json_SOURCES = tests/check_tool_json.c tests/testutil.h tools/json.c \
	tools/json.h
tests_check_tool_json_CFLAGS = $(CHECK_COMMON_CFLAGS) -I$(top_srcdir)/tools
tests_check_tool_json_LDADD = $(CHECK_COMMON_LDADD) -lm

tests_check_datetime_SOURCES = tests/check_datetime.c tests/testutil.h
tests_check_datetime_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_datetime_LDADD = $(CHECK_COMMON_LDADD)

tests_check_load_SOURCES = tests/check_load.c tests/testutil.h
tests_check_load_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_load_LDADD = $(CHECK_COMMON_LDADD)

tests_check_alloc_SOURCES = tests/check_alloc.c tests/testutil.h
tests_check_alloc_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_alloc_LDADD = $(CHECK_COMMON_LDADD)

tests_check_hostile_SOURCES = tests/check_hostile.c tests/testutil.h
tests_check_hostile_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_hostile_LDADD = $(CHECK_COMMON_LDADD)

tests_check_front_only_SOURCES = tests/check_front_only.c tests/testutil.h
tests_check_front_only_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_front_only_LDADD = $(CHECK_COMMON_LDADD)

tests_check_batch_SOURCES = tests/check_batch.c tests/testutil.h
tests_check_batch_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_batch_LDADD = $(CHECK_COMMON_LDADD)

tests_check_threads_SOURCES = tests/check_threads.c tests/testutil.h
tests_check_threads_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_threads_LDADD = $(CHECK_COMMON_LDADD)

tests_check_article_SOURCES = tests/check_article.c tests/testutil.h tests/article_asserts.h
tests_check_article_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_article_LDADD = $(CHECK_COMMON_LDADD)

tests_check_dialect_SOURCES = tests/check_dialect.c tests/testutil.h tests/article_asserts.h
tests_check_dialect_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_dialect_LDADD = $(CHECK_COMMON_LDADD)

tests_check_edit_SOURCES = tests/check_edit.c tests/testutil.h tests/battery.h \
	tests/edit_asserts.h
tests_check_edit_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_edit_LDADD = $(CHECK_COMMON_LDADD)

# failio.c's system calls take the C library's place in check_save (and in
# libfmatter, shared or static) to inject failures; see tests/failio.h.
tests_check_save_SOURCES = tests/check_save.c tests/testutil.h tests/failio.c tests/failio.h
tests_check_save_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_save_LDADD = $(CHECK_COMMON_LDADD) $(DL_LIBS)

tests_check_body_SOURCES = tests/check_body.c tests/testutil.h
tests_check_body_CFLAGS = $(CHECK_COMMON_CFLAGS) $(CMARK_CFLAGS)
tests_check_body_LDADD = $(CHECK_COMMON_LDADD) $(CMARK_LIBS)

# Linked with the library's objects (lib/libfmatter_core.la, not
# libfmatter.la, whose internals are hidden) so that it can call
# fmp_load_fast directly.
FM_CORE_LDADD = lib/libfmatter_core.la $(CHECK_LIBS) $(PTHREAD_LIBS)
tests_check_fast_SOURCES = tests/check_fast.c tests/testutil.h tests/treecmp.h tests/readfile.h \
	tests/failalloc.h
tests_check_fast_CFLAGS = $(CHECK_COMMON_CFLAGS) -I$(top_srcdir)/lib $(YAML_CFLAGS) \
	$(CMARK_CFLAGS)
tests_check_fast_LDADD = $(FM_CORE_LDADD)

tests_check_convert_SOURCES = tests/check_convert.c tests/testutil.h
tests_check_convert_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_convert_LDADD = $(CHECK_COMMON_LDADD)

tests_check_path_SOURCES = tests/check_path.c tests/testutil.h
tests_check_path_CFLAGS = $(CHECK_COMMON_CFLAGS)
tests_check_path_LDADD = $(CHECK_COMMON_LDADD)

# Also linked with the library's objects: it reads which way an edit was
# committed (lib/splice_local.c) from the document's snapshot.
tests_check_splice_SOURCES = tests/check_splice.c tests/testutil.h tests/treecmp.h \
	tests/readfile.h tests/edit_asserts.h
tests_check_splice_CFLAGS = $(tests_check_fast_CFLAGS)
tests_check_splice_LDADD = $(tests_check_fast_LDADD)

tests_check_json_SOURCES = tests/check_json.c tests/testutil.h tests/treecmp.h
tests_check_json_CFLAGS = $(tests_check_fast_CFLAGS)
tests_check_json_LDADD = $(tests_check_fast_LDADD)

# Also built from the library's sources, with FMP_COUNT_WORK: it counts the
# comparisons each edit makes (see lib/private.h).
tests_check_complexity_SOURCES = tests/check_complexity.c tests/testutil.h \
	$(lib_libfmatter_core_la_SOURCES)
tests_check_complexity_CFLAGS = $(CHECK_COMMON_CFLAGS) -DFMP_COUNT_WORK -I$(top_srcdir)/lib \
	$(YAML_CFLAGS) $(CMARK_CFLAGS)
tests_check_complexity_LDADD = $(CHECK_LIBS) $(PTHREAD_LIBS) $(YAML_LIBS) $(CMARK_LIBS)

# Also linked with the library's objects, so that their malloc, calloc and
# realloc calls go through the test's (which fail the N-th one).
tests_check_oom_SOURCES = tests/check_oom.c tests/testutil.h
tests_check_oom_CFLAGS = $(CHECK_COMMON_CFLAGS) -I$(top_srcdir)/lib $(YAML_CFLAGS) \
	$(CMARK_CFLAGS)
tests_check_oom_LDFLAGS = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
tests_check_oom_LDADD = $(FM_CORE_LDADD)

# The toml-test decoder: a raw TOML document in, tagged JSON out. Linked
# with the library's objects so that it can call fmp_load_toml on the text.
check_PROGRAMS += tests/toml_decode
tests_toml_decode_SOURCES = tests/toml_decode.c tools/json.c tools/json.h
tests_toml_decode_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/lib $(YAML_CFLAGS) $(CMARK_CFLAGS) \
	$(PTHREAD_CFLAGS)
tests_toml_decode_LDADD = lib/libfmatter_core.la $(PTHREAD_LIBS) -lm

# Linked with the library's objects too: it reads the TOML provenance flags.
tests_check_toml_SOURCES = tests/check_toml.c tests/testutil.h tests/treecmp.h tests/failalloc.h
tests_check_toml_CFLAGS = $(tests_check_fast_CFLAGS)
tests_check_toml_LDADD = $(tests_check_fast_LDADD)

# Linked with the library's objects too: it tests toml_render.c directly.
tests_check_toml_edit_SOURCES = tests/check_toml_edit.c tests/testutil.h tests/battery.h \
	tests/edit_asserts.h
tests_check_toml_edit_CFLAGS = $(tests_check_fast_CFLAGS)
tests_check_toml_edit_LDADD = $(tests_check_fast_LDADD)

# Shell-driven tests: the tool over tests/data, exported symbols, the header
# alone, the shared corpus.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(top_srcdir)'; export top_srcdir; \
	top_builddir='$(top_builddir)'; export top_builddir; \
	FMATTER='$(abs_top_builddir)/tools/fmatter'; export FMATTER; \
	FMATTER_FAILIO='$(abs_top_builddir)/tests/fmatter_failio'; export FMATTER_FAILIO; \
	FM_CORPUS_DIR='$(FM_CORPUS_DIR)'; export FM_CORPUS_DIR; \
	FM_SANITIZED='$(FM_SANITIZED)'; export FM_SANITIZED; \
	FM_BUILD_CFLAGS='$(CFLAGS)'; export FM_BUILD_CFLAGS; \
	FM_TSAN_CFLAGS='$(YAML_CFLAGS) $(CMARK_CFLAGS) $(CHECK_CFLAGS)'; export FM_TSAN_CFLAGS; \
	FM_TSAN_LIBS='$(YAML_LIBS) $(CMARK_LIBS) $(CHECK_LIBS)'; export FM_TSAN_LIBS; \
	NM='$(NM)'; export NM; CC='$(CC)'; export CC; CXX='$(CXX)'; export CXX;

# The tool with tests/failio.c linked in, for tests/tool.sh's changes made
# on disk while it saves and tests/walk.sh's folders that cannot be read.
check_PROGRAMS += tests/fmatter_failio
tests_fmatter_failio_SOURCES = $(tools_fmatter_SOURCES) tests/failio.c tests/failio.h
tests_fmatter_failio_CFLAGS = $(tools_fmatter_CFLAGS)
tests_fmatter_failio_LDADD = $(tools_fmatter_LDADD) $(DL_LIBS)

# stdio's placement of each file's output and messages (tests/batch_output.sh).
check_PROGRAMS += tests/stdio_replay
tests_stdio_replay_SOURCES = tests/stdio_replay.c

check_PROGRAMS += tests/fm_roundtrip
tests_fm_roundtrip_SOURCES = tests/roundtrip.c
tests_fm_roundtrip_LDADD = lib/libfmatter.la
check_PROGRAMS += tests/fm_convert_corpus
tests_fm_convert_corpus_SOURCES = tests/convert_corpus.c tests/convcmp.h tests/readfile.h
tests_fm_convert_corpus_LDADD = lib/libfmatter.la -lm

# What a dialect makes of a page, in the form of the generators' view
# templates (tests/dialect.sh).
check_PROGRAMS += tests/dialect_view
tests_dialect_view_SOURCES = tests/dialect_view.c
tests_dialect_view_LDADD = lib/libfmatter.la

TESTS += \
	tests/data.sh \
	tests/roundtrip.sh \
	tests/convert_corpus.sh \
	tests/tool.sh \
	tests/walk.sh \
	tests/batch_output.sh \
	tests/uring.sh \
	tests/convert_tool.sh \
	tests/site_edit.sh \
	tests/tsan.sh \
	tests/symbols.sh \
	tests/header.sh \
	tests/corpus.sh \
	tests/dialect.sh \
	tests/article_fields.sh \
	tests/toml_conformance.sh

EXTRA_DIST += \
	tests/toml_conformance.sh \
	tests/toml_conformance.py \
	tests/data.sh \
	tests/roundtrip.sh \
	tests/convert_corpus.sh \
	tests/tool.sh \
	tests/walk.sh \
	tests/batch_output.sh \
	tests/uring.sh \
	tests/convert_tool.sh \
	tests/toolutil.sh \
	tests/site_edit.sh \
	tests/tsan.sh \
	tests/symbols.sh \
	tests/header.sh \
	tests/corpus.sh \
	tests/dialect.sh \
	tests/article_fields.sh \
	tests/dialect \
	tests/exported-symbols.txt \
	tests/data \
	tests/convert

# The C test programs under valgrind (issue 7); see tests/valgrind.sh.
EXTRA_DIST += tests/valgrind.sh
check-valgrind: $(check_PROGRAMS)
	CHECK_SUITES='$(CHECK_SUITES)' top_srcdir=$(top_srcdir) top_builddir=$(top_builddir) \
	  FM_CORPUS_DIR= $(SHELL) $(top_srcdir)/tests/valgrind.sh
.PHONY: check-valgrind

# The tests that load YAML through whichever loader the build has: CI's
# sanitizer pass without the fast path runs these alone (make
# check-loaders); the tool, binding and reader tests above them run in the
# pass with it.
LOADER_TESTS = tests/data.sh tests/roundtrip.sh tests/corpus.sh tests/dialect.sh \
	tests/article_fields.sh tests/fuzz/replay.sh
if HAVE_CHECK
LOADER_TESTS += $(CHECK_SUITES)
endif
check-loaders:
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(LOADER_TESTS)'
.PHONY: check-loaders
