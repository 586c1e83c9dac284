#!/bin/sh
# SPDX-License-Identifier: MIT
# The readers test with the pyyaml reader (see check.sh).
exec /bin/sh "${top_srcdir:-.}/tests/readers/check.sh" pyyaml
