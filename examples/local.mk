# SPDX-License-Identifier: MIT
# Examples and make installcheck (issue 9). One C program per common task,
# built with the library (so an API change that breaks them breaks the
# build) and run on temporary copies by examples/run.sh in make check; the
# same task through the Python and Lua bindings. make installcheck
# (examples/installcheck.sh) rebuilds the C programs against the installed
# library with pkg-config alone and runs everything against the installed
# library, tool, man pages and modules.

noinst_PROGRAMS += \
	examples/title_tags \
	examples/bump_lastmod \
	examples/list_drafts
examples_title_tags_SOURCES = examples/title_tags.c
examples_title_tags_LDADD = lib/libfmatter.la
examples_bump_lastmod_SOURCES = examples/bump_lastmod.c
examples_bump_lastmod_LDADD = lib/libfmatter.la
examples_list_drafts_SOURCES = examples/list_drafts.c
examples_list_drafts_LDADD = lib/libfmatter.la

TESTS += examples/run.sh
EXTRA_DIST += \
	examples/local.mk \
	examples/run.sh \
	examples/installcheck.sh \
	examples/python/title_tags.py \
	examples/lua/title_tags.lua

# By hand: ./configure --prefix=/tmp/x && make install && make installcheck,
# or make install DESTDIR=/tmp/d && make installcheck DESTDIR=/tmp/d.
installcheck-local: installcheck-examples
installcheck-examples:
	DESTDIR='$(DESTDIR)' srcdir='$(srcdir)' bindir='$(bindir)' libdir='$(libdir)' \
	pkgconfigdir='$(pkgconfigdir)' mandir='$(mandir)' \
	PACKAGE_VERSION='$(PACKAGE_VERSION)' CC='$(CC)' PKG_CONFIG='$(PKG_CONFIG)' \
	PYTHON='$(PYTHON)' FM_PYTHON_SITEDIR='$(FM_PYTHON_SITEDIR)' \
	LUA54='$(LUA54)' lua54execdir='$(lua54execdir)' \
	LUA51='$(LUA51)' lua51execdir='$(lua51execdir)' \
	SHELL='$(SHELL)' $(SHELL) $(srcdir)/examples/installcheck.sh

.PHONY: installcheck-examples
