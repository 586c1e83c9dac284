/* SPDX-License-Identifier: MIT */
/* fuzz_body.c - body rendering: HTML, text, summary, stats and headings never
 * fail on a loaded document, and headings' lines lie inside the file. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fm_config cfg;
    fuzz_config(&cfg);
    fm_doc *doc = fm_doc_parse_config((const char *)data, size, &cfg, NULL);
    if (!doc)
        return 0;
    fm_body body = fm_doc_body_view(doc);
    size_t len;
    char *html = fm_body_html(body, FM_OPT_SOURCEPOS | FM_OPT_SMART, &len, NULL);
    FUZZ_REQUIRE(html != NULL, "html renders");
    fm_free(html);
    char *text = fm_body_text(body, 0, &len, NULL);
    FUZZ_REQUIRE(text != NULL, "text renders");
    fm_free(text);
    fm_summary *sum = fm_body_summary(body, NULL, 0, NULL, NULL);
    FUZZ_REQUIRE(sum != NULL, "summary");
    fm_summary_free(sum);
    fm_body_stats st;
    FUZZ_REQUIRE(fm_body_stats_get(body, 0, &st, NULL) == 0, "stats");
    fm_headings *h = fm_body_headings(body, 0, NULL);
    FUZZ_REQUIRE(h != NULL, "headings");
    unsigned lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    for (size_t i = 0; i < h->count; i++)
        FUZZ_REQUIRE(h->items[i].line >= body.line && h->items[i].line <= lines,
                     "heading line inside the file");
    char *toc = fm_headings_toc(h, 0, &len, NULL);
    FUZZ_REQUIRE(toc != NULL, "toc");
    fm_free(toc);
    fm_headings_free(h);
    fm_doc_free(doc);
    return 0;
}
