/*
 * target.h - which router a command works on and how to reach its REs:
 * the options every router command shares (-c FILE, ROUTER, --re0/--re1
 * HOST[:PORT], --user U), the configuration they load, and the session
 * parameters built from it.
 *
 * One place, so that status, plan and the console read the same file the
 * same way and reach the REs exactly alike.
 */
#ifndef TUI_TARGET_H
#define TUI_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "sessions/re_session.h"

struct target_opts {
	const char *cfg_path, *name, *re0, *re1, *user, *package;
};

/* Everything loaded; owned by the struct, released by target_free(). */
struct target {
	struct console_config cfg;
	struct router_config args_router;	/* when --re0/--re1 were given */
	const struct router_config *router;	/* into cfg or args_router */
	bool have_args;
	const char *user;			/* --user, or NULL */
	char ssh_config[1024];			/* ~/.ssh/config; "" none */
};

/*
 * Takes argv[*i] (and its value) when it is one of the shared options or
 * the router name: 1 taken (*i moved past it), 0 not ours, -1 an error
 * already printed ("issu-console CMD: -c needs a value").
 */
int target_option(struct target_opts *o, int argc, char **argv, int *i,
    const char *cmd);

/*
 * Takes argv[*i] when it is --time-scale X (the commands that wait: the
 * console and run): 1 taken, *scale set (1 to 100000); 0 not it; -1 an
 * error already printed.
 */
int target_time_scale(int argc, char **argv, int *i, const char *cmd,
    double *scale);

/* Loads the configuration and picks the router; 0, or 2 (the exit code)
 * with the error printed ("issu-console CMD: ...", "issu-console: ..." when
 * cmd is NULL).  *t is usable by target_free() either way. */
int target_load(const struct target_opts *o, struct target *t,
    const char *cmd);

void target_free(struct target *t);

/* How an RE's address is shown: "192.0.2.10", or with its port when that
 * is not 22 ("127.0.0.1:2201", "[2001:db8::1]:2201"), so that two REs
 * behind one address are told apart in every confirmation. */
void target_address(const struct target *t, int slot, char *buf, size_t len);

/*
 * The password for password and keyboard-interactive logins: from
 * password_command when configured (0, or -1 with err), else "" (the
 * sessions ask through the owner when a method needs it).
 */
int target_password(const struct target *t, char *out, size_t len, char *err,
    size_t errlen);

/* The session parameters of slot 0 or 1.  Strings point into t and
 * `password`; re_session_new() copies them. */
void target_session_params(const struct target *t, int slot,
    const char *password, struct re_session_params *p);

/* Reads a secret from /dev/tty without echo after printing prompt there:
 * 0, or -1 when there is no terminal or it ended. */
int target_read_secret(const char *prompt, char *out, size_t len);

#endif
