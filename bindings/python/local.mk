# SPDX-License-Identifier: MIT
# Python binding (issues 5, 14): the extension fmatter._fmatter (a libtool
# module named with the interpreter's extension suffix), the pure-Python
# package around it (fmatter, fmatter.compat), installed together into the
# interpreter's platlib under the prefix. make check runs three drivers made
# from tests/python.sh.in: python.sh (the unittest suite), peer.sh
# (python-frontmatter's own suite against fmatter.compat) and dask.sh (the
# Dask example against its serial run on the shared corpus).

FM_PY_PACKAGE = \
	bindings/python/fmatter/__init__.py \
	bindings/python/fmatter/_document.py \
	bindings/python/fmatter/_edits.py
FM_PY_COMPAT = \
	bindings/python/fmatter/compat/__init__.py \
	bindings/python/fmatter/compat/default_handlers.py \
	bindings/python/fmatter/compat/util.py
FM_PY_STUBS = \
	bindings/python/fmatter/__init__.pyi \
	bindings/python/fmatter/py.typed
FM_PY_TESTS = \
	bindings/python/tests/fmtest.py \
	bindings/python/tests/test_article.py \
	bindings/python/tests/test_article_fields.py \
	bindings/python/tests/test_body.py \
	bindings/python/tests/test_compat.py \
	bindings/python/tests/test_document.py \
	bindings/python/tests/test_convert.py \
	bindings/python/tests/test_edit.py \
	bindings/python/tests/test_errors.py \
	bindings/python/tests/test_load_many.py \
	bindings/python/tests/test_memory.py \
	bindings/python/tests/test_mutations.py \
	bindings/python/tests/test_pickle.py \
	bindings/python/tests/test_readers.py \
	bindings/python/tests/test_strings.py \
	bindings/python/tests/test_values.py \
	bindings/python/tests/test_yaml11.py \
	bindings/python/tests/peer_frontmatter.py \
	bindings/python/tests/dask_example.py

EXTRA_DIST += \
	bindings/python/local.mk \
	bindings/python/README.md \
	bindings/python/tests/python.sh.in \
	$(FM_PY_PACKAGE) \
	$(FM_PY_COMPAT) \
	$(FM_PY_STUBS) \
	$(FM_PY_TESTS) \
	tests/bench/python_bench.py \
	tests/bench/dask_bench.py \
	examples/python/dask_tags.py

if ENABLE_PYTHON
fmpydir = $(FM_PYTHON_SITEDIR)/fmatter
fmpy_LTLIBRARIES = bindings/python/_fmatter.la
fmpy_PYTHON = $(FM_PY_PACKAGE)
fmpy_DATA = $(FM_PY_STUBS)
fmpy_compatdir = $(fmpydir)/compat
fmpy_compat_PYTHON = $(FM_PY_COMPAT)

bindings_python__fmatter_la_SOURCES = \
	bindings/python/fmpy.h \
	bindings/python/_fmatter.c \
	bindings/python/doc.c \
	bindings/python/compat.c \
	bindings/python/value.c \
	bindings/python/utf8.c \
	bindings/python/article.c \
	bindings/python/body.c
bindings_python__fmatter_la_CPPFLAGS = $(AM_CPPFLAGS) $(PYTHON_CPPFLAGS)
bindings_python__fmatter_la_CFLAGS = $(AM_CFLAGS) $(VISIBILITY_CFLAGS) $(PTHREAD_CFLAGS)
bindings_python__fmatter_la_LDFLAGS = -module -avoid-version -shared \
	-shrext $(PYTHON_EXT_SUFFIX) $(PTHREAD_CFLAGS)
bindings_python__fmatter_la_LIBADD = lib/libfmatter.la $(PTHREAD_LIBS)

# The test drivers, with this build's interpreter and directories; each
# runs what its name says (see python.sh.in).
FM_PY_DRIVERS = \
	bindings/python/tests/python.sh \
	bindings/python/tests/peer.sh \
	bindings/python/tests/dask.sh
$(FM_PY_DRIVERS): $(srcdir)/bindings/python/tests/python.sh.in Makefile
	$(AM_V_GEN)$(MKDIR_P) bindings/python/tests && \
	sed -e 's|@PYTHON[@]|$(PYTHON)|g' \
	    -e 's|@PYTHON_EXT_SUFFIX[@]|$(PYTHON_EXT_SUFFIX)|g' \
	    -e 's|@FM_SANITIZED[@]|$(FM_SANITIZED)|g' \
	    -e 's|@abs_top_srcdir[@]|$(abs_top_srcdir)|g' \
	    -e 's|@abs_top_builddir[@]|$(abs_top_builddir)|g' \
	    -e 's|@FM_CORPUS_DIR[@]|$(FM_CORPUS_DIR)|g' \
	    -e 's|@FM_PEER_TESTS_DIR[@]|$(FM_PEER_TESTS_DIR)|g' \
	    -e "s|@FM_PY_RUN[@]|`basename $@ .sh`|g" \
	    $(srcdir)/bindings/python/tests/python.sh.in > $@.tmp && \
	chmod +x $@.tmp && mv $@.tmp $@

check_SCRIPTS += $(FM_PY_DRIVERS)
TESTS += $(FM_PY_DRIVERS)
CLEANFILES += $(FM_PY_DRIVERS)
endif
