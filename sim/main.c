/*
 * main.c - issu-sim: a simulated dual routing-engine Junos chassis served
 * over SSH, for testing issu-console and for rehearsing an ISSU.
 *
 * Parses the options, builds the chassis, makes or reads the host keys,
 * starts both listeners, says where they are, and serves until SIGINT or
 * SIGTERM.  Signals only write to a self-pipe; the poll loop does the rest.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "sim/authkeys.h"
#include "sim/chassis.h"
#include "sim/event_log.h"
#include "sim/hostkey.h"
#include "sim/options.h"
#include "sim/server.h"

static int sim_signal_pipe[2] = { -1, -1 };

static void
sim_on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (write(sim_signal_pipe[1], &c, 1) < 0) {
		/* Nothing to do: the pipe already holds a byte. */
	}
	errno = saved;
}

static int
sim_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(path);
}

static int
sim_write_known_hosts(const char *path, const struct sim_options *opt,
    const struct sim_server *srv, char keys[2][SIM_HOSTKEY_TYPES][512],
    char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int slot;

	if (f == NULL) {
		snprintf(err, errlen, "--known-hosts-out: %s: %s", path,
		    strerror(errno));
		return -1;
	}
	for (slot = 0; slot < 2; slot++)
		if (sim_hostkey_known_hosts(f, opt->listen,
		    sim_server_port(srv, slot), keys[slot], err, errlen) != 0) {
			fclose(f);
			return -1;
		}
	if (fclose(f) != 0) {
		snprintf(err, errlen, "--known-hosts-out: %s: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct sim_options opt;
	struct sim_chassis ch;
	struct sim_event_log *log = NULL;
	struct sim_authkeys *authkeys = NULL;
	struct sim_server *srv = NULL;
	struct sim_server_params sp;
	char err[1024], tmpdir[] = "/tmp/issu-sim-keys.XXXXXX";
	const char *keydir;
	bool chassis_ready = false, tmp_keys = false;
	int rc = 1, slot;

	if (sim_options_parse(&opt, argc, argv, err, sizeof err) != 0) {
		fprintf(stderr, "issu-sim: %s\n", err);
		return 2;
	}
	if (opt.help) {
		fputs(sim_options_usage(), stdout);
		return 0;
	}
	if (opt.version_flag) {
		printf("issu-sim %s\n", PACKAGE_VERSION);
		return 0;
	}
	signal(SIGPIPE, SIG_IGN);

	/* A file named by an option that cannot be used is a bad value
	 * (exit 2); failing to listen or serve is a run-time failure (1). */
	rc = 2;
	if (opt.event_log != NULL &&
	    (log = sim_event_log_open(opt.event_log, err, sizeof err)) == NULL)
		goto fail;
	if (opt.authorized_keys != NULL && (authkeys =
	    sim_authkeys_load(opt.authorized_keys, err, sizeof err)) == NULL)
		goto fail;
	if (sim_chassis_init(&ch, &opt, log, err, sizeof err) != 0)
		goto fail;
	chassis_ready = true;

	keydir = opt.host_key_dir;
	if (keydir == NULL) {
		if (mkdtemp(tmpdir) == NULL) {
			snprintf(err, sizeof err, "cannot make a key directory: %s",
			    strerror(errno));
			rc = 1;
			goto fail;
		}
		keydir = tmpdir;
		tmp_keys = true;
	}
	memset(&sp, 0, sizeof sp);
	for (slot = 0; slot < 2; slot++)
		if (sim_hostkey_ensure(keydir, slot, sp.hostkeys[slot], err,
		    sizeof err) != 0)
			goto fail;
	sp.ch = &ch;
	sp.log = log;
	sp.listen = opt.listen;
	sp.port[0] = opt.port[0];
	sp.port[1] = opt.port[1];
	sp.user = opt.user;
	sp.password = opt.password;
	sp.authkeys = authkeys;

	if (pipe2(sim_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		snprintf(err, sizeof err, "pipe: %s", strerror(errno));
		rc = 1;
		goto fail;
	}
	signal(SIGINT, sim_on_signal);
	signal(SIGTERM, sim_on_signal);

	rc = 1;
	if ((srv = sim_server_start(&sp, err, sizeof err)) == NULL)
		goto fail;
	if (opt.known_hosts_out != NULL && sim_write_known_hosts(
	    opt.known_hosts_out, &opt, srv, sp.hostkeys, err, sizeof err) != 0) {
		rc = 2;
		goto fail;
	}
	for (slot = 0; slot < 2; slot++)
		printf("issu-sim: re%d listening on %s:%d\n", slot, opt.listen,
		    sim_server_port(srv, slot));
	printf("issu-sim: ready\n");
	fflush(stdout);
	if (isatty(STDERR_FILENO))
		fprintf(stderr,
		    "issu-sim: log in to re0 with: ssh -p %d%s%s %s@%s"
		    "  (password: %s; re1 is on port %d)\n",
		    sim_server_port(srv, 0),
		    opt.known_hosts_out != NULL ? " -o UserKnownHostsFile=" : "",
		    opt.known_hosts_out != NULL ? opt.known_hosts_out : "",
		    opt.user, opt.listen, opt.password, sim_server_port(srv, 1));

	rc = sim_server_run(srv, sim_signal_pipe[0]) == 0 ? 0 : 1;
	if (rc != 0)
		snprintf(err, sizeof err, "poll: %s", strerror(errno));
fail:
	if (rc != 0)
		fprintf(stderr, "issu-sim: %s\n", err);
	sim_server_free(srv);
	if (chassis_ready)
		sim_chassis_destroy(&ch);
	if (tmp_keys)
		nftw(tmpdir, sim_rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	sim_authkeys_free(authkeys);
	sim_event_log_close(log);
	ssh_finalize();
	return rc;
}
