dnl Lua binding: configured in issue 6.
AM_CONDITIONAL([ENABLE_LUA51], [false])
AM_CONDITIONAL([ENABLE_LUA54], [false])
