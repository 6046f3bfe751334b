/*
 * reference.h - where the unit tests find the real Junos captures: the
 * folder shared/reference/junos beside the repository, named by
 * JUNOS_REFERENCE (make check sets it).
 *
 * A clone without that folder still runs every test that needs no capture:
 * the others are skipped, each saying why, so a developer sees what did not
 * run.  CI sets JUNOS_REFERENCE_REQUIRED, and there a missing folder fails
 * the test instead: the captures are what the parsers are judged against.
 *
 * Include after <cmocka.h>.
 */
#ifndef TESTS_UNIT_REFERENCE_H
#define TESTS_UNIT_REFERENCE_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* The folder when it is there, or NULL when it is not. */
static inline const char *
reference_dir_present(void)
{
	const char *dir = getenv("JUNOS_REFERENCE");
	struct stat st;

	if (dir == NULL || *dir == '\0' || stat(dir, &st) != 0 ||
	    !S_ISDIR(st.st_mode))
		return NULL;
	return dir;
}

/* What the skip or failure says about the missing folder. */
static inline const char *
reference_dir_wanted(void)
{
	const char *dir = getenv("JUNOS_REFERENCE");

	return dir != NULL && *dir != '\0' ? dir : "(JUNOS_REFERENCE not set)";
}

/* The folder; else fails the test where it is required, skips it
 * otherwise.  Never returns NULL. */
static inline const char *
reference_dir_or_skip(void)
{
	const char *dir = reference_dir_present();

	if (dir != NULL)
		return dir;
	if (getenv("JUNOS_REFERENCE_REQUIRED") != NULL)
		fail_msg("no Junos reference captures at %s, and "
		    "JUNOS_REFERENCE_REQUIRED is set", reference_dir_wanted());
	print_message("skipped: no Junos reference captures at %s\n",
	    reference_dir_wanted());
	skip();
	return NULL;
}

#endif
