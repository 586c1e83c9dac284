# Lua binding (issue 6).
