# SPDX-License-Identifier: MIT
# Benchmarks (issues 8 and 17): never part of `make check`. `make bench`
# builds the programs and writes $(BENCH_OUT)/report.md (and bench.png when
# gnuplot is installed).
BENCH_BINARIES = tests/bench/bench_c tests/bench/bench_gen tests/bench/bench_tool \
	tests/bench/bench_growth tests/bench/bench_loaders
EXTRA_PROGRAMS += $(BENCH_BINARIES)
tests_bench_bench_c_SOURCES = tests/bench/bench.c tests/bench/bench.h
tests_bench_bench_c_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)
tests_bench_bench_c_LDADD = lib/libfmatter.la $(YAML_LIBS)
if HAVE_LIBFYAML
tests_bench_bench_c_CFLAGS += -DHAVE_LIBFYAML $(FYAML_CFLAGS)
tests_bench_bench_c_LDADD += $(FYAML_LIBS)
endif
tests_bench_bench_gen_SOURCES = tests/bench/gen.c
tests_bench_bench_tool_SOURCES = tests/bench/tool.c tests/bench/bench.h
tests_bench_bench_growth_SOURCES = tests/bench/growth.c tests/bench/bench.h
tests_bench_bench_growth_LDADD = lib/libfmatter.la
# Linked with the library's objects (lib/libfmatter_core.la, not
# libfmatter.la, whose internals are hidden) so that it can call
# fmp_load_fast directly.
tests_bench_bench_loaders_SOURCES = tests/bench/loaders.c tests/bench/bench.h
tests_bench_bench_loaders_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/lib $(YAML_CFLAGS) \
	$(CMARK_CFLAGS) $(PTHREAD_CFLAGS)
tests_bench_bench_loaders_LDADD = lib/libfmatter_core.la $(PTHREAD_LIBS)
CLEANFILES += $(BENCH_BINARIES)
EXTRA_DIST += tests/bench/run.sh tests/bench/gray_matter.js

BENCH_OUT ?= bench-report
BENCH_ROUNDS ?= 21
bench: $(BENCH_BINARIES) tools/fmatter
	top_srcdir=$(top_srcdir) top_builddir=$(top_builddir) \
	  FM_CORPUS_DIR=$(FM_CORPUS_DIR) BENCH_ROUNDS=$(BENCH_ROUNDS) PYTHON='$(PYTHON)' \
	  $(SHELL) $(top_srcdir)/tests/bench/run.sh $(BENCH_OUT)
