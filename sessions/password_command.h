/*
 * password_command.h - runs the configured password_command (argv, never a
 * shell) and keeps the first line of its output: how a password reaches the
 * console without being written in its configuration.
 */
#ifndef SESSIONS_PASSWORD_COMMAND_H
#define SESSIONS_PASSWORD_COMMAND_H

#include <stddef.h>

/* The limit when none is configured (password_command_timeout). */
#define PASSWORD_COMMAND_LIMIT_S 10

/*
 * Runs argv[0] (found on PATH) with argv, stdin from /dev/null, in a
 * process group of its own, and reads the first line of its standard
 * output into out.  Once that line is read, or limit_s seconds have passed
 * (<= 0: PASSWORD_COMMAND_LIMIT_S), the command and its process group are
 * ended: nothing after the first line is read, so `yes` neither hangs nor
 * fills memory.  Returns 0, or -1 with the reason in err (it failed to
 * start, gave no line in time, exited non-zero or by a signal before it
 * was ended, printed nothing).  The output is never in err.
 */
int password_command_run(char *const *argv, int limit_s, char *out,
    size_t outlen, char *err, size_t errlen);

#endif
