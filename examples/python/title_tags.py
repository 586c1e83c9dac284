#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""title_tags.py FILE - prints the title and the tags of a Markdown article,
through the fmatter Python binding; the same output as examples/title_tags.c:

    title: Mistral gets down to business
    tags: techcrunch
"""
import sys

import fmatter


def main(argv):
    if len(argv) != 2:
        print("usage: title_tags.py FILE", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        doc = fmatter.load(path)
    except fmatter.ParseError as e:  # "path:line:column: message"
        print(e, file=sys.stderr)
        return 1
    except OSError as e:
        print(f"{path}: error: {e.strerror}", file=sys.stderr)
        return 1
    # The typed view: None for a field the front matter does not set.
    article = doc.article
    print("title:", article.title if article.title is not None else "(none)")
    print("tags:" + "".join(" " + tag for tag in article.tags or []))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
