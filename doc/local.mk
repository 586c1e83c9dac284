# SPDX-License-Identifier: MIT
# Man pages (issue 9): the tool's fmatter(1), the C API's overview fmatter(3)
# and one page per function group, the accepted syntax in fmatter(5). All
# mdoc(7), installed by make install into man1, man3 and man5.
# tests/man.sh lints them with mandoc (skipped when it is not installed).

dist_man_MANS = \
	doc/fmatter.1 \
	doc/fmatter.3 \
	doc/fm_doc_parse.3 \
	doc/fm_load_many.3 \
	doc/fm_value.3 \
	doc/fm_article.3 \
	doc/fm_article_field.3 \
	doc/fm_datetime.3 \
	doc/fm_doc_set.3 \
	doc/fm_body_html.3 \
	doc/fm_error.3 \
	doc/fmatter.5

TESTS += tests/man.sh
EXTRA_DIST += doc/local.mk tests/man.sh

AM_TESTS_ENVIRONMENT += MANDOC='$(MANDOC)'; export MANDOC;
