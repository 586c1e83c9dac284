#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Files per second of the Dask example (examples/python/dask_tags.py) over a
folder: its serial run, then dask.bag on a LocalCluster of 1 and 2 worker
processes. The cluster is started before the clock (its start-up, a few
seconds, is printed apart); each figure is the best of --repeat runs of the
whole folder. Prints a Markdown table. A benchmark, never a test.

Usage: dask_bench.py FOLDER [--repeat N] [--build DIR]
  fmatter is imported as python_bench.py does (--build, PYTHONPATH,
  $top_builddir or this source tree built in place).
"""

import argparse
import importlib.util
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from python_bench import import_fmatter  # noqa: E402


def load_example():
    path = os.path.join(TOP, "examples", "python", "dask_tags.py")
    spec = importlib.util.spec_from_file_location("dask_tags", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best(repeat, fn):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build")
    args = parser.parse_args(argv[1:])
    import_fmatter(args.build)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("Dask: skipped (python3-distributed is not installed)")
        return 0
    example = load_example()
    folder = os.path.abspath(args.folder)
    paths = example.markdown_files(folder)
    if not paths:
        print(f"Dask: skipped (no Markdown files under {folder})")
        return 0
    rows = []
    took, serial = best(args.repeat, lambda: example.run_serial(paths, folder, 8, "tags"))
    rows.append(("serial (this process, load_many per partition)", took, None))
    for workers in (1, 2):
        start = time.perf_counter()
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        startup = time.perf_counter() - start
        try:
            took, result = best(args.repeat, lambda: example.run_dask(
                paths, folder, 4 * workers, workers, cluster.scheduler_address, "tags"))
        finally:
            client.close()
            cluster.close()
        if result != serial:
            print(f"Dask with {workers} workers gave another result than the serial run")
            return 1
        rows.append((f"dask.bag, LocalCluster of {workers} worker process"
                     f"{'es' if workers > 1 else ''}", took, startup))
    print(f"{len(paths)} files under {folder}; best of {args.repeat}; {os.cpu_count()} "
          "cores.\n")
    print("| run | files/s | cluster start-up (s) |")
    print("|---|---|---|")
    for name, took, startup in rows:
        print(f"| {name} | {len(paths) / took:,.0f} | "
              f"{'' if startup is None else f'{startup:.1f}'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
