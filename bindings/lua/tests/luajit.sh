#!/bin/sh
# SPDX-License-Identifier: MIT
# The Lua binding's tests under LuaJIT, or Lua 5.1 without it (see run.sh).
exec /bin/sh "${top_srcdir:-.}/bindings/lua/tests/run.sh" 5.1
