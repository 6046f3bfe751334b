/*
 * options.c - issu-sim's command line (see options.h).
 *
 * A table of flags, each with the handler that checks and stores its value:
 * adding a flag is adding a row.
 */
#include "sim/options.h"

#include "sim/fault.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sim_flag {
	const char *name;
	bool takes_value;
	int (*set)(struct sim_options *, const char *flag, const char *value,
	    char *err, size_t errlen);
};

static int
sim_opt_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
sim_opt_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int
sim_set_listen(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	if (*v == '\0')
		return sim_opt_error(err, errlen, "%s: empty address", flag);
	o->listen = v;
	return 0;
}

static int
sim_set_port(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || n < 0 || n > 65535)
		return sim_opt_error(err, errlen,
		    "%s: %s is not a port (0-65535, 0 picks a free one)", flag, v);
	o->port[flag[4] - '0'] = (int)n;	/* --re0-port / --re1-port */
	return 0;
}

/* Junos host names: letters, digits, '-', '_', '.'; the RE suffix is ours. */
static int
sim_set_hostname(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	size_t i, n = strlen(v);

	if (n == 0 || n > 50)
		return sim_opt_error(err, errlen,
		    "%s: \"%s\" must be 1 to 50 characters", flag, v);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && strchr("-_.", v[i]) == NULL)
			return sim_opt_error(err, errlen,
			    "%s: \"%s\" may hold only letters, digits, '-', '_' and '.'",
			    flag, v);
	o->hostname = v;
	return 0;
}

static int
sim_set_user(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	size_t i, n = strlen(v);

	if (n == 0 || n > 31)
		return sim_opt_error(err, errlen,
		    "%s: \"%s\" must be 1 to 31 characters", flag, v);
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)v[i]) && strchr("-_.", v[i]) == NULL)
			return sim_opt_error(err, errlen,
			    "%s: \"%s\" is not a Junos user name", flag, v);
	o->user = v;
	return 0;
}

static int
sim_set_password(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	if (*v == '\0')
		return sim_opt_error(err, errlen, "%s: empty password", flag);
	o->password = v;
	return 0;
}

static int
sim_set_path(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	if (*v == '\0')
		return sim_opt_error(err, errlen, "%s: empty path", flag);
	if (strcmp(flag, "--authorized-keys") == 0)
		o->authorized_keys = v;
	else if (strcmp(flag, "--host-key-dir") == 0)
		o->host_key_dir = v;
	else if (strcmp(flag, "--known-hosts-out") == 0)
		o->known_hosts_out = v;
	else
		o->event_log = v;
	return 0;
}

bool
sim_options_valid_release(const char *v)
{
	const char *p = v;
	int digits;

	/* MAJOR.MINOR then R/F/X/B/I, then anything of [0-9A-Za-z.-] */
	for (digits = 0; isdigit((unsigned char)*p); p++)
		digits++;
	if (digits == 0 || digits > 2 || *p++ != '.')
		return false;
	for (digits = 0; isdigit((unsigned char)*p); p++)
		digits++;
	if (digits == 0 || strchr("RFXBIS", *p) == NULL || *p == '\0')
		return false;
	for (p++; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-')
			return false;
	return strlen(v) < 32 && isalnum((unsigned char)p[-1]);
}

static int
sim_set_version(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	if (!sim_options_valid_release(v))
		return sim_opt_error(err, errlen,
		    "%s: \"%s\" is not a Junos release (like 10.1R1.8 or 17.3R3-S8.1)",
		    flag, v);
	o->version[flag[4] - '0'] = v;
	o->version_given[flag[4] - '0'] = true;
	return 0;
}

static int
sim_set_master(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	if (strcmp(v, "re0") == 0)
		o->master = 0;
	else if (strcmp(v, "re1") == 0)
		o->master = 1;
	else
		return sim_opt_error(err, errlen,
		    "%s: \"%s\" is not a routing engine (re0 or re1)", flag, v);
	return 0;
}

static int
sim_set_package(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	const char *name = v;

	if (strncmp(name, "/var/tmp/", 9) == 0)
		name += 9;
	if (*name == '\0' || strchr(name, '/') != NULL || strlen(name) >= 200)
		return sim_opt_error(err, errlen,
		    "%s: \"%s\" must be a file name in /var/tmp", flag, v);
	if (o->npackages == SIM_MAX_OPT_PACKAGES)
		return sim_opt_error(err, errlen, "%s: at most %d packages", flag,
		    SIM_MAX_OPT_PACKAGES);
	o->packages[o->npackages++] = name;
	return 0;
}

static int
sim_set_without(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "gres", SIM_WITHOUT_GRES },
		{ "nsr", SIM_WITHOUT_NSR },
		{ "commit-sync", SIM_WITHOUT_COMMIT_SYNC },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(v, names[i].name) == 0) {
			o->without |= names[i].bit;
			return 0;
		}
	return sim_opt_error(err, errlen,
	    "%s: \"%s\" is not a prerequisite (gres, nsr or commit-sync)", flag, v);
}

static int
sim_set_speed(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || errno != 0 || !(d >= 0.01 && d <= 100000))
		return sim_opt_error(err, errlen,
		    "%s: %s is not a time factor (0.01 to 100000)", flag, v);
	o->speed = d;
	return 0;
}

/* An unknown fault name is an error, never ignored: a test that asked for a
 * failure must get it. */
static int
sim_set_fault(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	unsigned bit = sim_fault_lookup(v);

	if (bit == 0)
		return sim_opt_error(err, errlen,
		    "%s: unknown fault \"%s\" (known: %s)", flag, v,
		    sim_fault_names());
	o->faults |= bit;
	return 0;
}

static int
sim_set_help(struct sim_options *o, const char *flag, const char *v,
    char *err, size_t errlen)
{
	(void)v, (void)err, (void)errlen;
	if (strcmp(flag, "--version") == 0)
		o->version_flag = true;
	else
		o->help = true;
	return 0;
}

static const struct sim_flag sim_flags[] = {
	{ "--listen", true, sim_set_listen },
	{ "--re0-port", true, sim_set_port },
	{ "--re1-port", true, sim_set_port },
	{ "--hostname", true, sim_set_hostname },
	{ "--user", true, sim_set_user },
	{ "--password", true, sim_set_password },
	{ "--authorized-keys", true, sim_set_path },
	{ "--host-key-dir", true, sim_set_path },
	{ "--known-hosts-out", true, sim_set_path },
	{ "--re0-version", true, sim_set_version },
	{ "--re1-version", true, sim_set_version },
	{ "--master", true, sim_set_master },
	{ "--package", true, sim_set_package },
	{ "--without", true, sim_set_without },
	{ "--event-log", true, sim_set_path },
	{ "--speed", true, sim_set_speed },
	{ "--fault", true, sim_set_fault },
	{ "--help", false, sim_set_help },
	{ "-h", false, sim_set_help },
	{ "--version", false, sim_set_help },
};

int
sim_options_parse(struct sim_options *o, int argc, char **argv, char *err,
    size_t errlen)
{
	int i;

	*o = (struct sim_options){ .listen = "127.0.0.1", .hostname = "mx480",
		.user = "netops", .password = "netops",
		.version = { "10.1R1.8", "10.1R1.8" }, .master = 0, .speed = 1 };

	for (i = 1; i < argc; i++) {
		const struct sim_flag *f = NULL;
		const char *arg = argv[i], *value = NULL, *eq;
		char name[32];
		size_t k, n;

		eq = strchr(arg, '=');
		n = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
		for (k = 0; k < sizeof sim_flags / sizeof sim_flags[0]; k++)
			if (strlen(sim_flags[k].name) == n &&
			    strncmp(sim_flags[k].name, arg, n) == 0)
				f = &sim_flags[k];
		if (f == NULL)
			return sim_opt_error(err, errlen,
			    "unknown option \"%s\" (see --help)", arg);
		snprintf(name, sizeof name, "%s", f->name);
		if (f->takes_value) {
			if (eq != NULL)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return sim_opt_error(err, errlen,
				    "%s needs a value (see --help)", name);
		} else if (eq != NULL)
			return sim_opt_error(err, errlen, "%s takes no value", name);
		if (f->set(o, name, value, err, errlen) != 0)
			return -1;
	}
	return 0;
}

const char *
sim_options_usage(void)
{
	return
	    "usage: issu-sim [options]\n"
	    "A simulated dual routing-engine Junos chassis (MX480) served over SSH.\n"
	    "\n"
	    "  --listen ADDR             address to listen on (default 127.0.0.1)\n"
	    "  --re0-port N, --re1-port N\n"
	    "                            ports of re0 and re1 (default 0: a free port)\n"
	    "  --hostname NAME           chassis name; REs are NAME-re0 and NAME-re1\n"
	    "                            (default mx480)\n"
	    "  --user U, --password P    login accepted (default netops / netops)\n"
	    "  --authorized-keys FILE    OpenSSH authorized_keys for publickey login\n"
	    "  --host-key-dir DIR        keep each RE's host keys there (made once)\n"
	    "  --known-hosts-out FILE    write the REs' known_hosts lines there\n"
	    "  --re0-version V, --re1-version V\n"
	    "                            running releases (default 10.1R1.8)\n"
	    "  --master re0|re1          which RE starts as master (default re0)\n"
	    "  --package FILE            a file in /var/tmp (repeatable; default\n"
	    "                            jinstall-10.3R2.11-domestic-signed.tgz)\n"
	    "  --without gres|nsr|commit-sync\n"
	    "                            start with that prerequisite not configured\n"
	    "  --event-log FILE          JSON Lines record of what happened\n"
	    "  --speed X                 time factor for everything timed (default 1)\n"
	    "  --fault NAME              inject a failure (repeatable): validate-fail,\n"
	    "                            missing-package, backup-not-ready,\n"
	    "                            backup-no-return, drop-during-upgrade,\n"
	    "                            old-master-no-return, hostkey-changed,\n"
	    "                            version-mismatch, slow-backup,\n"
	    "                            auth-fail-after-reboot\n"
	    "  --help, --version\n";
}
