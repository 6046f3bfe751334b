/*
 * options.h - issu-sim's command line, parsed and checked into a plain struct.
 *
 * Every value is validated here, so the rest of the simulator can trust it: a
 * bad flag or value is one line naming the flag and what is wrong, and the
 * program exits 2.
 */
#ifndef SIM_OPTIONS_H
#define SIM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum { SIM_MAX_OPT_PACKAGES = 16 };

/* Prerequisites that --without can leave out of the configuration. */
enum sim_without {
	SIM_WITHOUT_GRES = 1 << 0,
	SIM_WITHOUT_NSR = 1 << 1,
	SIM_WITHOUT_COMMIT_SYNC = 1 << 2,
};

struct sim_options {
	const char *listen;		/* --listen, default 127.0.0.1 */
	int port[2];			/* --re0-port/--re1-port, 0 = any free */
	const char *hostname;		/* --hostname, default mx480 */
	const char *user;		/* --user, default netops */
	const char *password;		/* --password, default netops */
	const char *authorized_keys;	/* --authorized-keys, may be NULL */
	const char *host_key_dir;	/* --host-key-dir, NULL = temporary keys */
	const char *known_hosts_out;	/* --known-hosts-out, may be NULL */
	const char *version[2];		/* --re0-version/--re1-version */
	int master;			/* --master re0|re1 -> 0 or 1 */
	const char *packages[SIM_MAX_OPT_PACKAGES];	/* --package, names */
	size_t npackages;		/* 0 = the default package */
	unsigned without;		/* enum sim_without bits */
	const char *event_log;		/* --event-log, may be NULL */
	double speed;			/* --speed, > 0, default 1 */
	unsigned faults;		/* enum sim_fault bits (--fault) */
	bool version_given[2];		/* --reN-version was on the command line */
	bool help;			/* --help: print usage, exit 0 */
	bool version_flag;		/* --version */
};

/* Strings point into argv or into static defaults. Returns 0, or -1 with a
 * one-line message ("--re0-port: 70000 is not a port (0-65535)") in err. */
int sim_options_parse(struct sim_options *opt, int argc, char **argv,
    char *err, size_t errlen);

/* The usage text printed by --help. */
const char *sim_options_usage(void);

/* Is `v` a Junos release string the simulator can run ("10.1R1.8",
 * "17.3R3-S8.1", "15.1F6.9")? */
bool sim_options_valid_release(const char *v);

#endif
