# SPDX-License-Identifier: MIT
# Benchmarks (issue 8): never part of `make check`. `make bench` builds the
# programs and writes $(BENCH_OUT)/report.md and bench.png.
EXTRA_PROGRAMS += tests/bench/bench_c tests/bench/bench_gen
tests_bench_bench_c_SOURCES = tests/bench/bench.c
tests_bench_bench_c_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)
tests_bench_bench_c_LDADD = lib/libfmatter.la $(YAML_LIBS)
tests_bench_bench_gen_SOURCES = tests/bench/gen.c
CLEANFILES += tests/bench/bench_c tests/bench/bench_gen
EXTRA_DIST += tests/bench/run.sh tests/bench/gray_matter.js

BENCH_OUT ?= bench-report
BENCH_ARTICLES ?= 100000
bench: tests/bench/bench_c tests/bench/bench_gen tools/fmatter
	top_srcdir=$(top_srcdir) top_builddir=$(top_builddir) \
	  FM_CORPUS_DIR=$(FM_CORPUS_DIR) BENCH_ARTICLES=$(BENCH_ARTICLES) PYTHON='$(PYTHON)' \
	  $(SHELL) $(top_srcdir)/tests/bench/run.sh $(BENCH_OUT)
