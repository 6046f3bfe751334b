/*
 * password_command.h - runs the configured password_command (argv, never a
 * shell) and keeps the first line of its output: how a password reaches the
 * console without being written in its configuration.
 */
#ifndef SESSIONS_PASSWORD_COMMAND_H
#define SESSIONS_PASSWORD_COMMAND_H

#include <stddef.h>

/*
 * Runs argv[0] (found on PATH) with argv, stdin from /dev/null, and reads
 * the first line of its standard output into out.  Returns 0, or -1 with
 * the reason in err (it failed to start, exited non-zero, printed nothing).
 * The password is never in err.
 */
int password_command_run(char *const *argv, char *out, size_t outlen,
    char *err, size_t errlen);

#endif
