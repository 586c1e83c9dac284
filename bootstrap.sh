#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian packages fmatter needs (only the missing ones), then
# generates the build system, configures (passing on any arguments) and builds.
set -eu
cd "$(dirname "$0")"
packages="build-essential autoconf automake libtool pkg-config autoconf-archive
  libyaml-dev libcmark-dev check python3-dev liblua5.4-dev libluajit-5.1-dev
  lua5.4 luajit mandoc python3-pytest python3-yaml python3-toml python3-distributed
  ruby node-js-yaml libfyaml-dev lua-yaml"
missing=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "bootstrap.sh: run as root to install:$missing" >&2
        exit 1
    fi
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi
[ -x configure ] || autoreconf -fi
# The Python binding is built for Debian's python3, the one the python3-*
# packages above belong to (a python3 found first on PATH, such as a pyenv
# shim, would not see them); PYTHON=... in the environment or the arguments
# picks another.
python=
case " $* " in
*" PYTHON="*) ;;
*) [ -n "${PYTHON:-}" ] || [ ! -x /usr/bin/python3 ] || python=PYTHON=/usr/bin/python3 ;;
esac
[ -f Makefile ] || ./configure ${python:+"$python"} "$@"
make -j"$(nproc)"
