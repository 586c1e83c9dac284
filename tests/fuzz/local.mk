# SPDX-License-Identifier: MIT
# Fuzz targets (issue 7). Each target is one LLVMFuzzerTestOneInput in
# tests/fuzz/fuzz_<name>.c. `make check` replays every seed corpus through a
# plain driver; `./configure --enable-fuzzing` also builds libFuzzer binaries
# and `make fuzz FUZZ_SECONDS=600` runs each of them.

# Every target: fuzz_NAME.c is its entry point, corpus/NAME its seeds.
FUZZ_NAMES = split load article emit edit body fastpath remove rename insert setters \
	setbody save toml toml_edit convert
FUZZ_REPLAYS = \
	tests/fuzz/replay_split \
	tests/fuzz/replay_load \
	tests/fuzz/replay_article \
	tests/fuzz/replay_emit \
	tests/fuzz/replay_edit \
	tests/fuzz/replay_body \
	tests/fuzz/replay_fastpath \
	tests/fuzz/replay_remove \
	tests/fuzz/replay_rename \
	tests/fuzz/replay_insert \
	tests/fuzz/replay_setters \
	tests/fuzz/replay_setbody \
	tests/fuzz/replay_save \
	tests/fuzz/replay_toml \
	tests/fuzz/replay_toml_edit \
	tests/fuzz/replay_convert
check_PROGRAMS += $(FUZZ_REPLAYS)
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/seed.sh tests/fuzz/corpus tests/fuzz/fuzz.h

# The targets that share props.c (reading inputs, edit properties).
FUZZ_PROPS = tests/fuzz/props.c tests/fuzz/fuzz.h tests/convcmp.h tests/treecmp.h

tests_fuzz_replay_split_SOURCES = tests/fuzz/fuzz_split.c tests/fuzz/replay.c
tests_fuzz_replay_split_LDADD = lib/libfmatter.la
tests_fuzz_replay_load_SOURCES = tests/fuzz/fuzz_load.c tests/fuzz/replay.c
tests_fuzz_replay_load_LDADD = lib/libfmatter.la
tests_fuzz_replay_article_SOURCES = tests/fuzz/fuzz_article.c tests/fuzz/replay.c
tests_fuzz_replay_article_LDADD = lib/libfmatter.la
tests_fuzz_replay_emit_SOURCES = tests/fuzz/fuzz_emit.c tests/fuzz/replay.c
tests_fuzz_replay_emit_LDADD = lib/libfmatter.la
tests_fuzz_replay_edit_SOURCES = tests/fuzz/fuzz_edit.c tests/fuzz/replay.c $(FUZZ_PROPS)
tests_fuzz_replay_edit_LDADD = lib/libfmatter.la
tests_fuzz_replay_body_SOURCES = tests/fuzz/fuzz_body.c tests/fuzz/replay.c
tests_fuzz_replay_body_LDADD = lib/libfmatter.la
tests_fuzz_replay_fastpath_SOURCES = tests/fuzz/fuzz_fastpath.c tests/fuzz/replay.c \
	tests/treecmp.h
tests_fuzz_replay_fastpath_LDADD = lib/libfmatter.la
tests_fuzz_replay_remove_SOURCES = tests/fuzz/fuzz_remove.c tests/fuzz/replay.c $(FUZZ_PROPS)
tests_fuzz_replay_remove_LDADD = lib/libfmatter.la
tests_fuzz_replay_rename_SOURCES = tests/fuzz/fuzz_rename.c tests/fuzz/replay.c $(FUZZ_PROPS)
tests_fuzz_replay_rename_LDADD = lib/libfmatter.la
tests_fuzz_replay_insert_SOURCES = tests/fuzz/fuzz_insert.c tests/fuzz/replay.c $(FUZZ_PROPS)
tests_fuzz_replay_insert_LDADD = lib/libfmatter.la
tests_fuzz_replay_setters_SOURCES = tests/fuzz/fuzz_setters.c tests/fuzz/replay.c \
	$(FUZZ_PROPS)
tests_fuzz_replay_setters_LDADD = lib/libfmatter.la
tests_fuzz_replay_setbody_SOURCES = tests/fuzz/fuzz_setbody.c tests/fuzz/replay.c \
	$(FUZZ_PROPS)
tests_fuzz_replay_setbody_LDADD = lib/libfmatter.la
tests_fuzz_replay_save_SOURCES = tests/fuzz/fuzz_save.c tests/fuzz/replay.c $(FUZZ_PROPS)
tests_fuzz_replay_save_LDADD = lib/libfmatter.la
tests_fuzz_replay_toml_SOURCES = tests/fuzz/fuzz_toml.c tests/fuzz/replay.c
tests_fuzz_replay_toml_LDADD = lib/libfmatter.la
tests_fuzz_replay_toml_edit_SOURCES = tests/fuzz/fuzz_toml_edit.c tests/fuzz/replay.c \
	$(FUZZ_PROPS)
tests_fuzz_replay_toml_edit_LDADD = lib/libfmatter.la
tests_fuzz_replay_convert_SOURCES = tests/fuzz/fuzz_convert.c tests/fuzz/replay.c $(FUZZ_PROPS)
tests_fuzz_replay_convert_LDADD = lib/libfmatter.la

if ENABLE_FUZZING
FUZZ_TARGETS = \
	tests/fuzz/fuzz_split \
	tests/fuzz/fuzz_load \
	tests/fuzz/fuzz_article \
	tests/fuzz/fuzz_emit \
	tests/fuzz/fuzz_edit \
	tests/fuzz/fuzz_body \
	tests/fuzz/fuzz_fastpath \
	tests/fuzz/fuzz_remove \
	tests/fuzz/fuzz_rename \
	tests/fuzz/fuzz_insert \
	tests/fuzz/fuzz_setters \
	tests/fuzz/fuzz_setbody \
	tests/fuzz/fuzz_save \
	tests/fuzz/fuzz_toml \
	tests/fuzz/fuzz_toml_edit \
	tests/fuzz/fuzz_convert
noinst_PROGRAMS += $(FUZZ_TARGETS)
tests_fuzz_fuzz_split_SOURCES = tests/fuzz/fuzz_split.c
tests_fuzz_fuzz_split_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_split_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_load_SOURCES = tests/fuzz/fuzz_load.c
tests_fuzz_fuzz_load_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_load_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_article_SOURCES = tests/fuzz/fuzz_article.c
tests_fuzz_fuzz_article_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_article_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_emit_SOURCES = tests/fuzz/fuzz_emit.c
tests_fuzz_fuzz_emit_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_emit_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_edit_SOURCES = tests/fuzz/fuzz_edit.c $(FUZZ_PROPS)
tests_fuzz_fuzz_edit_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_edit_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_body_SOURCES = tests/fuzz/fuzz_body.c
tests_fuzz_fuzz_body_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_body_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_fastpath_SOURCES = tests/fuzz/fuzz_fastpath.c tests/treecmp.h
tests_fuzz_fuzz_fastpath_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_fastpath_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_remove_SOURCES = tests/fuzz/fuzz_remove.c $(FUZZ_PROPS)
tests_fuzz_fuzz_remove_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_remove_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_rename_SOURCES = tests/fuzz/fuzz_rename.c $(FUZZ_PROPS)
tests_fuzz_fuzz_rename_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_rename_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_insert_SOURCES = tests/fuzz/fuzz_insert.c $(FUZZ_PROPS)
tests_fuzz_fuzz_insert_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_insert_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_setters_SOURCES = tests/fuzz/fuzz_setters.c $(FUZZ_PROPS)
tests_fuzz_fuzz_setters_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_setters_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_setbody_SOURCES = tests/fuzz/fuzz_setbody.c $(FUZZ_PROPS)
tests_fuzz_fuzz_setbody_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_setbody_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_save_SOURCES = tests/fuzz/fuzz_save.c $(FUZZ_PROPS)
tests_fuzz_fuzz_save_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_save_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_toml_SOURCES = tests/fuzz/fuzz_toml.c
tests_fuzz_fuzz_toml_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_toml_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_toml_edit_SOURCES = tests/fuzz/fuzz_toml_edit.c $(FUZZ_PROPS)
tests_fuzz_fuzz_toml_edit_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_toml_edit_LDFLAGS = $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_convert_SOURCES = tests/fuzz/fuzz_convert.c $(FUZZ_PROPS)
tests_fuzz_fuzz_convert_LDADD = lib/libfmatter.la
tests_fuzz_fuzz_convert_LDFLAGS = $(FUZZ_LDFLAGS)

FUZZ_SECONDS ?= 60
# Inputs up to FUZZ_MAX_LEN bytes; the edit targets' repeat lines (fuzz.h)
# make documents near the default limits from short inputs.
FUZZ_MAX_LEN ?= 65536
# Runs every target (or those in FUZZ_ONLY, names like "remove save") for
# FUZZ_SECONDS on a copy of its seed corpus, one process at a time; new
# inputs stay in fuzz-work/<target>, crashes in fuzz-work/crash-*.
FUZZ_ONLY ?= $(FUZZ_NAMES)
fuzz: $(FUZZ_TARGETS)
	@for name in $(FUZZ_ONLY); do t=tests/fuzz/fuzz_$$name; \
	  mkdir -p fuzz-work/$$name; \
	  cp -n $(srcdir)/tests/fuzz/corpus/$$name/* fuzz-work/$$name/ 2>/dev/null; \
	  echo "== $$name for $(FUZZ_SECONDS) s"; \
	  ./$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=10 \
	    -artifact_prefix=fuzz-work/crash-$$name- fuzz-work/$$name || exit 1; \
	done
else
fuzz:
	@echo "configure with --enable-fuzzing --disable-shared CC=clang first"; exit 1
endif
