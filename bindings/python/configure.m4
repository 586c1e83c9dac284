dnl Python binding: configured in issue 5.
AM_CONDITIONAL([ENABLE_PYTHON], [false])
