/*
 * config.h - the console's configuration: which routers exist, how to reach
 * and authenticate to their two routing engines, and how long each wait of
 * the ISSU may last.
 *
 * The libconfig file (issu-console.conf(5)) is read, validated and copied
 * into the plain structs below, and the libconfig tree is destroyed at once:
 * nothing outside config/ ever sees libconfig.  Every error names the file,
 * the line and the setting ("FILE:LINE: routers.[0].re1.port: 70000 is not a
 * port (1-65535)"), so an operator fixes the file without guessing.
 *
 * Ownership: a struct console_config and everything it points to belongs to
 * the caller that passed it to config_load() and is released by config_free().
 * Pointers returned by config_router() point into it and live as long as it.
 * A struct router_config filled by config_router_from_args() is released by
 * config_router_free().  All strings are NUL-terminated heap copies.
 */
#ifndef CONFIG_CONFIG_H
#define CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* SSH authentication methods, tried in the order the file lists them. */
enum config_auth {
	CONFIG_AUTH_AGENT,
	CONFIG_AUTH_PUBLICKEY,
	CONFIG_AUTH_KEYBOARD_INTERACTIVE,
	CONFIG_AUTH_PASSWORD,
	CONFIG_AUTH_COUNT
};

/* What to do with a host key that known_hosts does not hold yet.  A changed
 * key is refused under every policy; there is deliberately no "accept-any". */
enum config_host_key_policy {
	CONFIG_HOST_KEY_STRICT,		/* refuse, show the fingerprint */
	CONFIG_HOST_KEY_ACCEPT_NEW	/* add it to known_hosts */
};

/* Step 8: return mastership to the RE that was master before the ISSU. */
enum config_switch_back {
	CONFIG_SWITCH_BACK_ASK,
	CONFIG_SWITCH_BACK_ALWAYS,
	CONFIG_SWITCH_BACK_NEVER
};

/* Limits of the long waits, in minutes (issue 6); each ends in a clear stop. */
struct config_timeouts {
	int issu;		/* the whole in-service-upgrade; 60 */
	int backup_reboot;	/* backup RE gone while it reboots; 30 */
	int old_master_reboot;	/* step 6; 30 */
	int switch_holddown;	/* "Not ready for mastership switch"; 10 */
};

struct config_defaults {
	char *user;		/* NULL: ~/.ssh/config or the login name */
	enum config_auth auth[CONFIG_AUTH_COUNT];	/* no duplicates */
	size_t nauth;		/* >= 1 */
	char **identity_files;	/* nidentity_files paths, ~ expanded */
	size_t nidentity_files;	/* 0: libssh's and ~/.ssh/config's */
	/*
	 * password_command split into an argv (NULL-terminated) so that it
	 * is run with execvp(), never through a shell; NULL when not set.
	 * Words are split on blanks; '...' is literal, "..." honours \" and
	 * \\, a backslash outside quotes escapes the next character; an
	 * unquoted word starting with ~/ is expanded like the other paths.
	 */
	char **password_argv;
	char *known_hosts;	/* ~ expanded; default ~/.ssh/known_hosts */
	enum config_host_key_policy host_key_policy;	/* default strict */
	int connect_timeout;	/* seconds, 1-300, default 15 */
	int command_timeout;	/* seconds a command may run, 1-3600,
				   default 120; the ISSU's own command is
				   held to timeouts.issu instead */
	int server_alive_interval; /* seconds between liveness probes of a
				   silent RE, 0-300 (0: none), default 15 */
	int server_alive_count_max; /* unanswered probes that make an RE
				   lost, 1-100, default 3 */
	int password_command_timeout; /* seconds, 1-300, default 10 */
	char *log_dir;		/* ~ expanded; ~/.local/state/issu-console */
	struct config_timeouts timeouts;
};

/* One routing engine's address. */
struct config_re {
	char *host;		/* name or address; IPv6 without brackets */
	int port;		/* 1-65535; 22 when not given */
	bool port_given;	/* false: ~/.ssh/config may still set it */
	char *user;		/* NULL: defaults.user (see config_user()) */
};

/* Options of `request system software in-service-upgrade`; both off. */
struct config_issu_options {
	bool no_old_master_upgrade;
	bool reboot;
};

struct router_config {
	char *name;		/* unique in the file; [A-Za-z0-9._-] */
	struct config_re re[2];	/* indexed by slot: re[0] is re0 */
	char *package;		/* "/var/tmp/..." on the router; NULL: none */
	char *package_sha256;	/* 64 lower-case hex digits; NULL: none */
	enum config_switch_back switch_back;	/* default ask */
	struct config_issu_options issu_options;
};

struct console_config {
	char *path;		/* the file read, as given or defaulted */
	struct config_defaults defaults;
	struct router_config *routers;	/* nrouters, in file order */
	size_t nrouters;	/* may be 0: routers given on the command line */
};

/*
 * The default file: $XDG_CONFIG_HOME/issu-console/issu-console.conf when
 * XDG_CONFIG_HOME is set to an absolute path, else
 * ~/.config/issu-console/issu-console.conf.  Returns a string the caller
 * frees, or NULL when no home directory is known.  The file may not exist:
 * that is an error only when the router must come from it, so a caller given
 * --re0/--re1 checks for the file (access(F_OK)) before calling config_load().
 */
char *config_default_path(void);

/*
 * Read and validate PATH (NULL: config_default_path()) into *OUT, filling
 * every setting the file leaves out with its default.  Returns 0, or -1 with
 * *OUT emptied (config_free() on it is harmless) and ERR holding one line:
 * "FILE:LINE: SETTING.PATH: what is wrong", "FILE:LINE: syntax: ..." or
 * "FILE: cannot read: REASON".
 */
int config_load(const char *path, struct console_config *out, char *err,
    size_t errlen);

/* Release what config_load() stored in CFG (not CFG itself); accepts NULL. */
void config_free(struct console_config *cfg);

/*
 * The router called NAME, or with NAME NULL the only router of the file.
 * NULL when there is no such router, when the file has none, or when NAME is
 * NULL and the file has several (the caller then asks for a name, listing
 * cfg->routers).
 */
const struct router_config *config_router(const struct console_config *cfg,
    const char *name);

/*
 * A router given on the command line without a file: RE0 and RE1 are
 * HOST, HOST:PORT, [IPV6] or [IPV6]:PORT (a bare IPv6 address is a host
 * without a port); USER (may be NULL) is used for both REs.  The router is
 * named after RE0's host; every other setting has its default.  Returns 0, or
 * -1 with *OUT emptied and ERR like "--re1: 70000 is not a port (1-65535)".
 * Release *OUT with config_router_free().
 */
int config_router_from_args(const char *re0, const char *re1,
    const char *user, const char *package, struct router_config *out,
    char *err, size_t errlen);

/* Release what *ROUTER holds (not ROUTER itself); accepts NULL. */
void config_router_free(struct router_config *router);

/* The user to log in as on RE: its own, else the defaults' (CFG may be
 * NULL), else NULL (~/.ssh/config or the login name decide). */
const char *config_user(const struct console_config *cfg,
    const struct config_re *re);

/* "agent", "publickey", ... as written in the file. */
const char *config_auth_name(enum config_auth auth);

#endif /* CONFIG_CONFIG_H */
