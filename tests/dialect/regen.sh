#!/bin/sh
# SPDX-License-Identifier: MIT
# Records what the site generators themselves make of the dialect test pages:
# each page of tests/dialect/hugo/content/posts and tests/dialect/jekyll is
# built alone, in a temporary copy of its site, and what its view template
# prints goes to tests/data/dialect/<generator>/<page>.out, one
# `field=JSON` line per field. A page the generator refuses records
# `error=true`. Jekyll's `published` line says whether a build without
# --unpublished writes the page.
#
# This is a test-time tool: `make check` compares fmatter's dialects with the
# recorded files (tests/dialect.sh) and never runs a generator. Debian:
# apt-get install hugo jekyll. Zola is not packaged; its rules are pinned by
# tests/check_dialect.c only.
#
# Usage: tests/dialect/regen.sh [hugo] [jekyll]   (default: both)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data/dialect
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The view template's lines without its marker, or nothing.
view_of() { # folder
    f=$(grep -rl '^FMATTER-VIEW$' "$1" 2>/dev/null | head -n 1)
    [ -n "$f" ] && awk 'seen && NF { print } /^FMATTER-VIEW$/ { seen = 1 }' "$f"
}

hugo_page() { # page.md
    site=$tmp/hugo
    rm -rf "$site"
    mkdir -p "$site/content/posts"
    cp "$here/hugo/hugo.toml" "$site/"
    cp -R "$here/hugo/layouts" "$site/"
    cp "$here/hugo/content/posts/$1" "$site/content/posts/"
    out=$data/hugo/${1%.md}.out
    {
        echo "generator=$(hugo version | cut -d' ' -f1-2)"
        if (cd "$site" && TZ=UTC hugo --quiet --buildDrafts --buildFuture --buildExpired \
            -d "$site/public") >"$tmp/log" 2>&1; then
            view_of "$site/public"
        else
            echo "error=true"
        fi
    } >"$out"
}

jekyll_build() { # site dest [flags]
    site=$1 dest=$2
    shift 2
    (cd "$site" && TZ=UTC jekyll build --quiet --drafts --future "$@" -d "$dest") \
        >"$tmp/log" 2>&1
}

jekyll_page() { # path relative to the site
    site=$tmp/jekyll
    rm -rf "$site"
    mkdir -p "$site/$(dirname "$1")"
    cp "$here/jekyll/_config.yml" "$site/"
    cp -R "$here/jekyll/_layouts" "$site/"
    cp "$here/jekyll/$1" "$site/$1"
    touch -d '2020-01-01 00:00:00 UTC' "$site/$1" # drafts are dated by mtime
    name=$(echo "${1%.*}" | tr '/' '_')
    out=$data/jekyll/$name.out
    {
        echo "generator=jekyll $(jekyll --version | cut -d' ' -f2)"
        rm -rf "$tmp/all" "$tmp/published"
        if ! jekyll_build "$site" "$tmp/all" --unpublished; then
            echo "error=true"
        else
            view_of "$tmp/all"
            jekyll_build "$site" "$tmp/published"
            if [ -n "$(view_of "$tmp/published")" ]; then
                echo "published=true"
            else
                echo "published=false"
            fi
        fi
    } >"$out"
}

gens=${*:-hugo jekyll}
for gen in $gens; do
    mkdir -p "$data/$gen"
    rm -f "$data/$gen"/*.out
    case $gen in
    hugo)
        for page in "$here/hugo/content/posts"/*.md; do
            hugo_page "$(basename "$page")"
        done
        ;;
    jekyll)
        (cd "$here/jekyll" && find . -name '*.md' | sed 's|^\./||' | sort) |
            while read -r page; do jekyll_page "$page"; done
        ;;
    *)
        echo "regen.sh: unknown generator '$gen'" >&2
        exit 2
        ;;
    esac
    echo "$gen: $(ls "$data/$gen" | wc -l) pages recorded in $data/$gen"
done
