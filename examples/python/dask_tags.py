#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""dask_tags.py FOLDER [--workers N] [--partitions P] [--scheduler ADDRESS]
                      [--field NAME] [--serial]

Counts the tags of every Markdown file under FOLDER (.md, .markdown) and
lists the files that fail to load, with dask.bag on a distributed cluster:
a LocalCluster of N worker processes (default 2), or the cluster whose
scheduler is at ADDRESS (tcp://host:8786; every worker must see FOLDER at
the same path). Each partition of the file list is parsed with
fmatter.load_many; --serial runs the same partitions one after the other in
this process, without Dask. Both print one JSON object with sorted keys:

    {"errors": ["post.md:3:1: duplicate key ...", ...], "files": 1198,
     "tags": {"go": 12, "templates": 40, ...}}

Paths in errors are relative to FOLDER. Tags come from the typed view
(Document.article.tags), so a Jekyll string of tags counts word by word;
--field counts another field of it instead (categories, keywords, layout...),
under its own name.
"""

import argparse
import collections
import json
import os
import sys

import fmatter

EXTENSIONS = (".md", ".markdown")


def markdown_files(folder):
    """Every Markdown file under folder, sorted."""
    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        out.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(EXTENSIONS))
    return sorted(out)


def describe_error(error, folder):
    """One line for a file that failed to load, its path relative to folder."""
    if isinstance(error, fmatter.ParseError):
        where = os.path.relpath(error.path, folder)
        if error.line:
            return f"{where}:{error.line}:{error.column}: {error.message}"
        return f"{where}: {error.message}"
    where = os.path.relpath(error.filename, folder) if error.filename else "?"
    return f"{where}: {error.strerror or error}"


def values(value):
    """A field's value as a list of its items (a scalar field: its text)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [str(value)]


def load_partition(paths, folder, field="tags"):
    """A partition's records: {"tags": [...]} per file that loads,
    {"error": "..."} per file that does not. Runs on a worker."""
    records = []
    for item in fmatter.load_many(paths, threads=1, errors="collect"):
        if isinstance(item, fmatter.Document):
            records.append({"tags": values(getattr(item.article, field))})
        else:
            records.append({"error": describe_error(item, folder)})
    return records


def summary(files, tags, errors, field):
    return {"files": files, "errors": sorted(errors), field: dict(sorted(tags.items()))}


def partitions_of(paths, count):
    """paths cut into count contiguous partitions (dask.bag.from_sequence's
    way: equal sizes, the last one shorter)."""
    size = max(1, -(-len(paths) // max(count, 1)))
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def run_serial(paths, folder, partitions, field):
    tags, errors = collections.Counter(), []
    for part in partitions_of(paths, partitions):
        for record in load_partition(part, folder, field):
            if "error" in record:
                errors.append(record["error"])
            else:
                tags.update(record["tags"])
    return summary(len(paths), tags, errors, field)


def run_dask(paths, folder, partitions, workers, scheduler, field):
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster

    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        size = max(1, -(-len(paths) // max(partitions, 1)))
        records = db.from_sequence(paths, partition_size=size).map_partitions(
            load_partition, folder, field)
        tags = records.filter(lambda r: "tags" in r).pluck("tags").flatten().frequencies()
        errors = records.filter(lambda r: "error" in r).pluck("error")
        tag_pairs, error_list = dask.compute(tags, errors)
        return summary(len(paths), collections.Counter(dict(tag_pairs)), error_list, field)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, default=2,
                        help="worker processes of the LocalCluster (default 2)")
    parser.add_argument("--partitions", type=int, default=0,
                        help="partitions of the file list (default: 4 per worker)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--field", default="tags",
                        help="the list field of the typed view to count (default tags)")
    parser.add_argument("--serial", action="store_true",
                        help="the same partitions in this process, without Dask")
    args = parser.parse_args(argv[1:])
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    folder = os.path.abspath(args.folder)
    if not os.path.isdir(folder):
        parser.error(f"{args.folder}: not a folder")
    if not isinstance(getattr(fmatter.Article, args.field, None), type(fmatter.Article.title)):
        parser.error(f"--field {args.field}: not a field of fmatter.Article")
    paths = markdown_files(folder)
    partitions = args.partitions or 4 * args.workers
    if args.serial:
        result = run_serial(paths, folder, partitions, args.field)
    else:
        result = run_dask(paths, folder, partitions, args.workers, args.scheduler,
                          args.field)
    print(json.dumps(result, sort_keys=True, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
