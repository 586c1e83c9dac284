# Python binding (issue 5).
