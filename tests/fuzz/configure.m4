dnl Fuzzing: configured in issue 7.
AM_CONDITIONAL([ENABLE_FUZZING], [false])
