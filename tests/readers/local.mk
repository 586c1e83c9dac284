# SPDX-License-Identifier: MIT
# The readers test (issue 13): write.sh writes the string battery through the
# C API, the tool, Python and Lua into tests/readers.out; then one test per
# reader (PyYAML pure and libyaml, Psych, js-yaml, fmatter) reads it all back,
# each skipped on its own when that reader is not installed. tomllib.sh does
# the same for TOML edits with fmatter and Python's tomllib.

check_PROGRAMS += tests/readers/fm_readers_write tests/readers/fm_readers_read
tests_readers_fm_readers_write_SOURCES = tests/readers/write.c tests/battery.h
tests_readers_fm_readers_write_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests
tests_readers_fm_readers_write_LDADD = lib/libfmatter.la
tests_readers_fm_readers_read_SOURCES = tests/readers/read.c
tests_readers_fm_readers_read_LDADD = lib/libfmatter.la

FM_READER_TESTS = \
	tests/readers/pyyaml.sh \
	tests/readers/pyyaml-libyaml.sh \
	tests/readers/psych.sh \
	tests/readers/js-yaml.sh \
	tests/readers/fmatter.sh
TESTS += tests/readers/write.sh $(FM_READER_TESTS) tests/readers/tomllib.sh

# The readers read what write.sh wrote.
$(FM_READER_TESTS:.sh=.log): tests/readers/write.log

AM_TESTS_ENVIRONMENT += \
	FM_PYTHON='$(PYTHON)'; export FM_PYTHON; \
	FM_PYTHON_EXT_SUFFIX='$(PYTHON_EXT_SUFFIX)'; export FM_PYTHON_EXT_SUFFIX;

EXTRA_DIST += \
	tests/readers/local.mk \
	tests/readers/write.sh \
	tests/readers/check.sh \
	$(FM_READER_TESTS) \
	tests/readers/manifest.py \
	tests/readers/pyyaml.py \
	tests/readers/psych.rb \
	tests/readers/jsyaml.js \
	tests/readers/tomllib.sh \
	tests/readers/read_toml.py \
	bindings/python/tests/test_readers.py \
	bindings/lua/tests/readers.lua

clean-local: clean-readers
clean-readers:
	rm -rf tests/readers.out
.PHONY: clean-readers
