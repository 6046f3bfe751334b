/*
 * target.c - the router a command works on (see target.h).
 */
#include "tui/target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sessions/password_command.h"

int
target_option(struct target_opts *o, int argc, char **argv, int *i,
    const char *cmd)
{
	const char **slot = NULL;
	const char *a = argv[*i];
	const char *sp = cmd != NULL ? " " : "";

	cmd = cmd != NULL ? cmd : "";

	if (strcmp(a, "-c") == 0)
		slot = &o->cfg_path;
	else if (strcmp(a, "--re0") == 0)
		slot = &o->re0;
	else if (strcmp(a, "--re1") == 0)
		slot = &o->re1;
	else if (strcmp(a, "--user") == 0)
		slot = &o->user;
	else if (strcmp(a, "--package") == 0)
		slot = &o->package;
	else if (a[0] == '-')
		return 0;
	else if (o->name != NULL) {
		fprintf(stderr, "issu-console%s%s: unexpected \"%s\" (the router "
		    "is \"%s\")\n", sp, cmd, a, o->name);
		return -1;
	} else {
		o->name = a;
		return 1;
	}
	if (*i + 1 >= argc) {
		fprintf(stderr, "issu-console%s%s: %s needs a value\n", sp, cmd,
		    a);
		return -1;
	}
	*slot = argv[++*i];
	return 1;
}

int
target_time_scale(int argc, char **argv, int *i, const char *cmd,
    double *scale)
{
	const char *sp = cmd != NULL ? " " : "";
	char *end;
	double v;

	cmd = cmd != NULL ? cmd : "";
	if (strcmp(argv[*i], "--time-scale") != 0)
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "issu-console%s%s: --time-scale needs a value\n",
		    sp, cmd);
		return -1;
	}
	v = strtod(argv[++*i], &end);
	/* The upper bound keeps a 40-minute limit above a millisecond. */
	if (end == argv[*i] || *end != '\0' || !(v >= 1 && v <= 100000)) {
		fprintf(stderr, "issu-console%s%s: --time-scale: \"%s\" is not "
		    "a number from 1 to 100000\n", sp, cmd, argv[*i]);
		return -1;
	}
	*scale = v;
	return 1;
}

int
target_load(const struct target_opts *o, struct target *t, const char *cmd)
{
	char err[1024], sep[64];
	bool have_cfg = false;

	/* "issu-console status: ..." or, for the console itself, "issu-console:" */
	snprintf(sep, sizeof sep, "%s%s", cmd != NULL ? " " : "",
	    cmd != NULL ? cmd : "");
	cmd = sep;

	memset(t, 0, sizeof *t);
	t->user = o->user;
	if (getenv("HOME") != NULL)
		snprintf(t->ssh_config, sizeof t->ssh_config, "%s/.ssh/config",
		    getenv("HOME"));
	if (o->re0 != NULL || o->re1 != NULL) {
		char *def = o->cfg_path == NULL ? config_default_path() : NULL;

		if (config_router_from_args(o->re0, o->re1, o->user,
		    o->package, &t->args_router, err, sizeof err) != 0) {
			fprintf(stderr, "issu-console%s: %s\n", cmd, err);
			free(def);
			return 2;
		}
		t->have_args = true;
		t->router = &t->args_router;
		/* A configuration file, when there is one, still gives the
		 * defaults (known_hosts, auth order, password_command). */
		if (o->cfg_path != NULL || (def != NULL && access(def, F_OK) == 0)) {
			if (config_load(o->cfg_path, &t->cfg, err, sizeof err) != 0) {
				fprintf(stderr, "issu-console%s: %s\n", cmd, err);
				free(def);
				return 2;
			}
			have_cfg = true;
		}
		free(def);
	} else {
		if (config_load(o->cfg_path, &t->cfg, err, sizeof err) != 0) {
			fprintf(stderr, "issu-console%s: %s\n", cmd, err);
			return 2;
		}
		have_cfg = true;
		if (o->package != NULL) {
			/* Never a package other than the one the file's
			 * router names, unseen: say where it belongs. */
			fprintf(stderr, "issu-console%s: --package goes with "
			    "--re0/--re1; for a router of %s, set its package "
			    "there\n", cmd, t->cfg.path);
			return 2;
		}
		t->router = config_router(&t->cfg, o->name);
		if (t->router == NULL) {
			size_t i;

			/* The names it has, so the next try is right. */
			fprintf(stderr, "issu-console%s: %s: %s", cmd,
			    t->cfg.path, o->name != NULL ? "no router by that "
			    "name" : t->cfg.nrouters == 0 ? "no router "
			    "configured" : "several routers: name one");
			for (i = 0; i < t->cfg.nrouters; i++)
				fprintf(stderr, "%s%s", i == 0 ? " (" : ", ",
				    t->cfg.routers[i].name);
			fprintf(stderr, "%s\n", t->cfg.nrouters > 0 ? ")" : "");
			return 2;
		}
	}
	if (!have_cfg)
		config_load("/dev/null", &t->cfg, err, sizeof err);	/* defaults */
	return 0;
}

void
target_free(struct target *t)
{
	config_free(&t->cfg);
	if (t->have_args)
		config_router_free(&t->args_router);
}

void
target_address(const struct target *t, int slot, char *buf, size_t len)
{
	const struct config_re *re = &t->router->re[slot];
	bool v6 = strchr(re->host, ':') != NULL;

	if (re->port > 0 && re->port != 22)
		snprintf(buf, len, "%s%s%s:%d", v6 ? "[" : "", re->host,
		    v6 ? "]" : "", re->port);
	else
		snprintf(buf, len, "%s", re->host);
}

int
target_password(const struct target *t, char *out, size_t len, char *err,
    size_t errlen)
{
	out[0] = '\0';
	if (t->cfg.defaults.password_argv == NULL)
		return 0;
	return password_command_run(t->cfg.defaults.password_argv,
	    t->cfg.defaults.password_command_timeout, out, len, err, errlen);
}

void
target_session_params(const struct target *t, int slot, const char *password,
    struct re_session_params *p)
{
	const struct config_re *c = &t->router->re[slot];
	size_t k;

	memset(p, 0, sizeof *p);
	p->slot = slot;
	p->host = c->host;
	p->port = c->port;
	p->port_given = c->port_given;
	p->user = t->have_args && t->user != NULL ? t->user :
	    config_user(&t->cfg, c);
	p->ssh_config = t->ssh_config[0] != '\0' ? t->ssh_config : NULL;
	p->known_hosts = t->cfg.defaults.known_hosts;
	p->policy = t->cfg.defaults.host_key_policy == CONFIG_HOST_KEY_ACCEPT_NEW ?
	    RE_HOSTKEY_ACCEPT_NEW : RE_HOSTKEY_STRICT;
	p->password = password != NULL && password[0] != '\0' ? password : NULL;
	p->connect_timeout_s = t->cfg.defaults.connect_timeout;
	p->command_timeout_s = t->cfg.defaults.command_timeout;
	p->alive_interval_s = t->cfg.defaults.server_alive_interval;
	p->alive_count_max = t->cfg.defaults.server_alive_count_max;
	for (k = 0; k < t->cfg.defaults.nauth && k < RE_MAX_AUTH; k++)
		p->auth[p->nauth++] = (enum re_auth_method)t->cfg.defaults.auth[k];
	for (k = 0; k < t->cfg.defaults.nidentity_files &&
	    k < RE_MAX_IDENTITIES; k++)
		p->identities[p->nidentities++] = t->cfg.defaults.identity_files[k];
}

int
target_read_secret(const char *prompt, char *out, size_t len)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	int rc = -1;

	if (tty == NULL)
		return -1;
	fputs(prompt, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
		if (fgets(out, (int)len, tty) != NULL) {
			out[strcspn(out, "\r\n")] = '\0';
			rc = 0;
		}
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
		fputc('\n', tty);
	}
	fclose(tty);
	return rc;
}
