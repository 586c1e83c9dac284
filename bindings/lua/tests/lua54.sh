#!/bin/sh
# SPDX-License-Identifier: MIT
# The Lua binding's tests under Lua 5.4 (see run.sh).
exec /bin/sh "${top_srcdir:-.}/bindings/lua/tests/run.sh" 5.4
