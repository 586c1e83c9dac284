/* SPDX-License-Identifier: MIT */
/* failio.h - for tests only: system calls that fail on demand (failio.c).
 *
 * Linked into a test program, failio.c's open, opendir, write, fsync, rename,
 * link, fchown and fsetxattr take the place of the C library's for the whole
 * program, libfmatter included (static: linked in; shared: the program's
 * definitions come first in the dynamic lookup), and pass every call on to
 * the C library (or to the sanitizer's interceptor before it) unless told:
 *   FAILIO_CALL   the call to fail: write, fsync, rename, fchown, fsetxattr,
 *                 opendir (a folder that cannot be read, or is gone)
 *   FAILIO_ERRNO  its errno, a number (default EIO)
 *   FAILIO_NAME   an fnmatch(3) pattern for the base name of the file or folder
 *                 the call acts on (rename: either name); default any
 *   FAILIO_XATTR  fsetxattr: an fnmatch(3) pattern for the attribute's name
 *   FAILIO_SKIP   matching calls that pass first (default 0)
 *   FAILIO_TIMES  failures before calls pass again (default: no end)
 *   FAILIO_LINK_ERRNO  every link fails with this errno, whatever FAILIO_CALL
 *                 says (a file system without hard links)
 *   FAILIO_TOUCH  a file to append "changed\n" to, once, just before the first
 *                 file is created with O_CREAT | O_EXCL (a change made while
 *                 a save runs)
 *   FAILIO_LOG    a file to which each injection appends a line: its call
 * A failing write first writes half of its bytes, as a disk that fills up
 * does, and fails with the next call. */
#ifndef FM_TESTS_FAILIO_H
#define FM_TESTS_FAILIO_H

/* Injections made in this process so far (failures and touches). */
unsigned long failio_count(void);

#endif
