/*
 * cli.c - the simulated Junos CLI: the command table, Junos-style matching of
 * abbreviated input, output pipes, configuration mode and the questions some
 * commands ask (see cli.h).
 *
 * Everything a command prints comes from render.c and config_db.c; this file
 * decides which of them runs, in which mode, on which RE, and how errors read.
 */
#include "sim/cli.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/buf.h"
#include "sim/chassis.h"
#include "sim/config_db.h"
#include "sim/event_log.h"
#include "sim/fatal.h"
#include "sim/fault.h"
#include "sim/issu.h"
#include "sim/render.h"

enum {
	SIM_MAX_TOKENS = 64,
	SIM_CMD_MAX_WORDS = 6,
};

enum sim_cli_mode {
	SIM_MODE_OPERATIONAL,
	SIM_MODE_CONFIGURE,
};

/* Command flags. */
enum {
	SIM_CMD_ARGS = 1 << 0,		/* words after the command are its arguments */
	SIM_CMD_MASTER_ONLY = 1 << 1,	/* refused on the backup RE, as Junos does */
	SIM_CMD_CONFIG = 1 << 2,	/* configuration mode, not operational */
	SIM_CMD_BOTH = 1 << 3,		/* both modes (exit, quit) */
	SIM_CMD_HIDDEN = 1 << 4,	/* accepted in full, never completed to */
};

struct sim_cli;

/* What a handler gets: the session, its RE, its arguments and its pipes. */
struct sim_call {
	struct sim_cli *cli;
	struct sim_chassis *ch;
	int slot;
	char **args;		/* words after the command, quotes removed */
	size_t nargs;
	const char *rest;	/* the raw text after the command words */
	const char *line;	/* the whole line, for carets */
	size_t rest_off;	/* where rest starts in line */
	bool display_set;	/* | display set */
	bool compare;		/* | compare (configuration mode show) */
	struct sim_buf *out;
};

/* A handler returns 0, or -1 when the command failed (exit status 1). */
typedef int (*sim_cmd_fn)(struct sim_call *);

struct sim_cmd {
	const char *words;	/* "show chassis routing-engine" */
	unsigned flags;
	const char *help;	/* for "Possible completions:" */
	sim_cmd_fn run;
};

/* An answer some command is waiting for. */
typedef void (*sim_answer_fn)(struct sim_cli *, const char *answer,
    struct sim_buf *out);

struct sim_cli {
	struct sim_chassis *ch;
	int slot;
	char user[32];
	int session_id;
	bool interactive;
	enum sim_cli_mode mode;
	struct sim_config *candidate;	/* configuration mode only; owned */
	bool timestamp;			/* set cli timestamp */
	bool leaving;			/* the session ends after this line */
	int status;			/* of the last command */
	sim_answer_fn asking;		/* non-NULL while a question waits */
	bool busy;			/* an ISSU prints for this session */
	unsigned broadcast_seen;	/* last syslog broadcast shown */
	int reboot_what;		/* which RE(s) the reboot question is for */
};

struct sim_token {
	char *text;		/* quotes removed */
	size_t offset;		/* where it starts in the line */
	bool quoted;
};

struct sim_pipe {
	bool no_more, display_set, compare, count;
	int last;		/* 0 = all */
	regex_t match[8], except[8];
	size_t nmatch, nexcept;
};

static void sim_syntax_error(struct sim_cli *cli, const char *line,
    size_t offset, const char *what, const char *word, struct sim_buf *out);

/* Where word `index` of `text` starts (words as the configuration store
 * splits them: blanks between, "..." one word); the end when past it. */
static size_t
sim_word_offset(const char *text, size_t index)
{
	const char *p = text;
	size_t i;

	for (i = 0;; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || i == index)
			return (size_t)(p - text);
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');

			p = q != NULL ? q + 1 : p + strlen(p);
		}
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
	}
}

/* A configuration error: Junos' caret under the word at fault, or the
 * message alone when no single word is (bad_word SIZE_MAX). */
static void
sim_call_word_error(struct sim_call *c, size_t bad_word, const char *err)
{
	size_t off, n;
	char *word;

	if (bad_word == SIZE_MAX) {
		sim_buf_printf(c->out, "%s\n", err);
		return;
	}
	off = sim_word_offset(c->rest, bad_word);
	n = strcspn(c->rest + off, " \t");
	word = sim_xstrndup(c->rest + off, n);
	sim_syntax_error(c->cli, c->line, c->rest_off + off, err, word, c->out);
	free(word);
}

/* --- operational commands ------------------------------------------------ */

static int
cmd_show_version(struct sim_call *c)
{
	sim_render_show_version(c->out, c->ch, c->slot);
	return 0;
}

static int
cmd_show_version_all(struct sim_call *c)
{
	sim_render_show_version_all(c->out, c->ch);
	return 0;
}

static int
cmd_show_chassis_re(struct sim_call *c)
{
	int only = -1;

	if (c->nargs > 1 || (c->nargs == 1 && strcmp(c->args[0], "0") != 0 &&
	    strcmp(c->args[0], "1") != 0))
		return -2;
	if (c->nargs == 1)
		only = c->args[0][0] - '0';
	sim_render_chassis_routing_engine(c->out, c->ch, c->slot, only);
	return 0;
}

static int
cmd_show_uptime(struct sim_call *c)
{
	sim_render_system_uptime(c->out, c->ch, c->slot);
	return 0;
}

static int
cmd_show_switchover(struct sim_call *c)
{
	sim_render_system_switchover(c->out, c->ch, c->slot);
	return 0;
}

static int
cmd_show_task_replication(struct sim_call *c)
{
	sim_render_task_replication(c->out, c->ch, c->slot);
	return 0;
}

static int
cmd_show_storage(struct sim_call *c)
{
	sim_render_system_storage(c->out, c->ch, c->slot);
	return 0;
}

static int
cmd_show_chassis_alarms(struct sim_call *c)
{
	sim_render_alarms(c->out, c->ch, c->slot, false);
	return 0;
}

static int
cmd_show_system_alarms(struct sim_call *c)
{
	sim_render_alarms(c->out, c->ch, c->slot, true);
	return 0;
}

static int
cmd_show_users(struct sim_call *c)
{
	sim_render_system_users(c->out, c->ch, c->slot);
	return 0;
}

static int
cmd_show_chassis_issu(struct sim_call *c)
{
	sim_render_chassis_issu_idle(c->out, c->ch, c->slot);
	return 0;
}

/* Joins arguments into a configuration path ("chassis redundancy"). */
static void
sim_join_args(struct sim_call *c, char *path, size_t len)
{
	size_t i, used = 0;

	path[0] = '\0';
	for (i = 0; i < c->nargs && used < len; i++)
		used += (size_t)snprintf(path + used, len - used, "%s%s",
		    i ? " " : "", c->args[i]);
}

static void
sim_show_config(struct sim_call *c, const struct sim_config *conf,
    const char *header)
{
	const struct sim_re *re = &c->ch->re[c->slot];
	char path[1024];

	sim_join_args(c, path, sizeof path);
	if (strcmp(path, "version") == 0) {
		/* The version statement lives outside the tree we keep. */
		if (c->display_set)
			sim_buf_printf(c->out, "set version %s\n", re->version);
		else
			sim_buf_printf(c->out, "version %s;\n", re->version);
		return;
	}
	if (path[0] != '\0') {
		size_t bad = SIZE_MAX;

		if (sim_config_show(conf, path, c->display_set, &bad, c->out) == -2)
			sim_call_word_error(c, bad, "syntax error.");
		return;
	}
	if (c->display_set)
		sim_buf_printf(c->out, "set version %s\n", re->version);
	else {
		char when[32];
		struct tm tm;

		gmtime_r(&re->last_commit_time, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
		sim_buf_printf(c->out, "## %s: %s by %s\nversion %s;\n", header,
		    when, re->last_commit_user, re->version);
	}
	sim_config_show(conf, NULL, c->display_set, NULL, c->out);
}

static int
cmd_show_configuration(struct sim_call *c)
{
	sim_show_config(c, c->ch->re[c->slot].config, "Last commit");
	return 0;
}

static int
cmd_file_list(struct sim_call *c)
{
	const char *path = "/var/home/netops";	/* Junos starts in the home */
	bool detail = false;
	size_t i;

	for (i = 0; i < c->nargs; i++) {
		if (strcmp(c->args[i], "detail") == 0)
			detail = true;
		else
			path = c->args[i];
	}
	return sim_render_file_list(c->out, c->ch, c->slot, path, detail);
}

static int
sim_file_checksum(struct sim_call *c, const char *algo)
{
	if (c->nargs != 1)
		return -2;
	return sim_render_file_checksum(c->out, c->ch, algo, c->args[0]);
}

static int
cmd_file_checksum_sha256(struct sim_call *c)
{
	return sim_file_checksum(c, "sha-256");
}

static int
cmd_file_checksum_md5(struct sim_call *c)
{
	return sim_file_checksum(c, "md5");
}

static int
cmd_validate_issu(struct sim_call *c)
{
	char target[32];

	if (c->nargs != 1)
		return -2;
	if (sim_issu_check(c->ch, c->slot, c->args[0], target, sizeof target,
	    c->out) != 0)
		return -1;
	sim_render_validate_issu(c->out, c->ch, c->slot, c->args[0]);
	if (sim_chassis_fault(c->ch, SIM_FAULT_VALIDATE_FAIL)) {
		sim_chassis_fault_fired(c->ch, SIM_FAULT_VALIDATE_FAIL, c->slot,
		    "validation failed");
		return -1;
	}
	return 0;
}

static int
cmd_set_cli_timestamp(struct sim_call *c)
{
	char when[32];
	struct tm tm;
	time_t now = sim_chassis_now(c->ch);

	c->cli->timestamp = true;
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%b %d %T", &tm);
	sim_buf_printf(c->out, "\n%s\nCLI timestamp set to: %%b %%d %%T\n", when);
	return 0;
}

static int
cmd_set_cli_timestamp_disable(struct sim_call *c)
{
	c->cli->timestamp = false;
	sim_buf_puts(c->out, "CLI timestamp disabled\n");
	return 0;
}

static int
sim_set_cli_number(struct sim_call *c, const char *what)
{
	char *end;
	long n;

	if (c->nargs != 1)
		return -2;
	n = strtol(c->args[0], &end, 10);
	if (*end != '\0' || n < 0 || n > 100000)
		return -2;
	sim_buf_printf(c->out, "Screen %s set to %ld\n", what, n);
	return 0;
}

static int
cmd_set_cli_screen_width(struct sim_call *c)
{
	return sim_set_cli_number(c, "width");
}

static int
cmd_set_cli_screen_length(struct sim_call *c)
{
	return sim_set_cli_number(c, "length");
}

static int
cmd_exit(struct sim_call *c);
static int
cmd_configure(struct sim_call *c);

/* --- configuration mode -------------------------------------------------- */

static int
cmd_conf_set(struct sim_call *c)
{
	size_t bad = SIZE_MAX;
	char err[256];

	if (c->rest[0] == '\0')
		return -2;
	if (sim_config_set(c->cli->candidate, c->rest, &bad, err, sizeof err) != 0) {
		sim_call_word_error(c, bad, err);
		return -1;
	}
	return 0;
}

static int
cmd_conf_delete(struct sim_call *c)
{
	size_t bad = SIZE_MAX;
	char err[256];

	if (c->rest[0] == '\0')
		return -2;
	if (sim_config_delete(c->cli->candidate, c->rest, &bad, err,
	    sizeof err) != 0) {
		sim_call_word_error(c, bad, err);
		return -1;
	}
	return 0;
}

static int
cmd_conf_show(struct sim_call *c)
{
	if (c->compare) {
		sim_config_compare(c->ch->re[c->slot].config, c->cli->candidate,
		    c->out);
		return 0;
	}
	sim_show_config(c, c->cli->candidate, "Last changed");
	return 0;
}

/* The set lines in `after` that `before` lacks, as a JSON array; with a
 * prefix ("delete ") it replaces the leading "set ". */
static void
sim_config_delta_json(const struct sim_config *before,
    const struct sim_config *after, const char *prefix, struct sim_buf *json)
{
	struct sim_buf a = SIM_BUF_INIT, b = SIM_BUF_INIT;
	char *line, *save = NULL;
	bool first = true;

	sim_config_show(before, NULL, true, NULL, &b);
	sim_config_show(after, NULL, true, NULL, &a);
	sim_buf_puts(json, "[");
	if (a.data == NULL)
		sim_buf_puts(&a, "");
	for (line = strtok_r(a.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		struct sim_buf stmt = SIM_BUF_INIT;
		const char *bs = sim_buf_str(&b);
		size_t n = strlen(line);
		const char *hit;
		bool found = false;

		for (hit = strstr(bs, line); hit != NULL; hit = strstr(hit + 1, line))
			if ((hit == bs || hit[-1] == '\n') &&
			    (hit[n] == '\n' || hit[n] == '\0')) {
				found = true;
				break;
			}
		if (found)
			continue;
		/* "set X" as shown, or "delete X" for what went away. */
		if (prefix[0] != '\0' && strncmp(line, "set ", 4) == 0)
			sim_buf_printf(&stmt, "%s%s", prefix, line + 4);
		else
			sim_buf_puts(&stmt, line);
		if (!first)
			sim_buf_puts(json, ",");
		sim_json_string(json, sim_buf_str(&stmt));
		sim_buf_free(&stmt);
		first = false;
	}
	sim_buf_puts(json, "]");
	sim_buf_free(&a);
	sim_buf_free(&b);
}

/*
 * commit / commit check / commit synchronize: with `system commit
 * synchronize` configured (or when asked), both REs check and take the
 * configuration, local RE first, as the references show.
 */
static int
sim_commit(struct sim_call *c, bool check_only, bool sync)
{
	struct sim_chassis *ch = c->ch;
	struct sim_config *cand = c->cli->candidate;
	int self = c->slot, other = 1 - c->slot;
	struct sim_buf added = SIM_BUF_INIT, removed = SIM_BUF_INIT;
	int s;

	if (sim_config_has(ch->re[self].config, "system commit synchronize") ||
	    sim_config_has(cand, "system commit synchronize"))
		sync = true;
	if (sync && !ch->re[other].up) {
		/* Junos' wording when the other RE is unreachable (not from a
		 * capture). */
		sim_buf_printf(c->out, "re%d:\nconfiguration check succeeds\n"
		    "error: remote commit-configuration failed on re%d\n", self,
		    other);
		return -1;
	}
	if (check_only) {
		if (sync)
			sim_buf_printf(c->out, "re%d:\nconfiguration check succeeds\n"
			    "re%d:\nconfiguration check succeeds\n", self, other);
		else
			sim_buf_puts(c->out, "configuration check succeeds\n");
		return 0;
	}

	sim_config_delta_json(ch->re[self].config, cand, "", &added);
	sim_config_delta_json(cand, ch->re[self].config, "delete ", &removed);
	for (s = 0; s < SIM_RE_COUNT; s++) {
		struct sim_re *re = &ch->re[s];

		if (s != self && !sync)
			continue;
		sim_config_free(re->config);
		re->config = sim_config_dup(cand);
		re->last_commit_time = sim_chassis_now(ch);
		snprintf(re->last_commit_user, sizeof re->last_commit_user, "%s",
		    c->cli->user);
	}
	if (sync)
		sim_buf_printf(c->out, "re%d:\nconfiguration check succeeds\n"
		    "re%d:\ncommit complete\nre%d:\ncommit complete\n", self,
		    other, self);
	else
		sim_buf_puts(c->out, "commit complete\n");
	sim_event_log_write(ch->log, self, "commit",
	    "session", SIM_EV_INT, (long long)c->cli->session_id,
	    "synchronize", SIM_EV_BOOL, (int)sync,
	    "lines", SIM_EV_RAW, sim_buf_str(&added),
	    "deleted", SIM_EV_RAW, sim_buf_str(&removed), (const char *)NULL);
	sim_buf_free(&added);
	sim_buf_free(&removed);
	return 0;
}

static int
cmd_commit(struct sim_call *c)
{
	return sim_commit(c, false, false);
}

static int
cmd_commit_check(struct sim_call *c)
{
	return sim_commit(c, true, false);
}

static int
cmd_commit_synchronize(struct sim_call *c)
{
	return sim_commit(c, false, true);
}

static void
sim_leave_configure(struct sim_cli *cli, struct sim_buf *out)
{
	sim_config_free(cli->candidate);
	cli->candidate = NULL;
	cli->mode = SIM_MODE_OPERATIONAL;
	sim_buf_puts(out, "Exiting configuration mode\n");
}

static int
cmd_commit_and_quit(struct sim_call *c)
{
	if (sim_commit(c, false, false) != 0)
		return -1;
	sim_leave_configure(c->cli, c->out);
	return 0;
}

static int
cmd_rollback(struct sim_call *c)
{
	if (c->nargs > 1)
		return -2;
	if (c->nargs == 1 && strcmp(c->args[0], "0") != 0) {
		/* The simulator keeps no older commits (not from a capture). */
		sim_buf_printf(c->out,
		    "error: Cannot open configuration file: /config/juniper.conf.%s.gz\n",
		    c->args[0]);
		return -1;
	}
	sim_config_free(c->cli->candidate);
	c->cli->candidate = sim_config_dup(c->ch->re[c->slot].config);
	sim_buf_puts(c->out, "load complete\n");
	return 0;
}

static void
sim_answer_exit_uncommitted(struct sim_cli *cli, const char *answer,
    struct sim_buf *out)
{
	/* The default is yes: an empty answer leaves. */
	if (answer[0] == '\0' || strcmp(answer, "yes") == 0 ||
	    strcmp(answer, "y") == 0)
		sim_leave_configure(cli, out);
}

static const struct sim_cmd sim_commands[];
static int sim_dispatch(struct sim_cli *cli, const char *line,
    enum sim_cli_mode mode, struct sim_buf *out);

static int
cmd_conf_run(struct sim_call *c)
{
	if (c->rest[0] == '\0')
		return -2;
	return sim_dispatch(c->cli, c->rest, SIM_MODE_OPERATIONAL, c->out);
}

static int
cmd_exit(struct sim_call *c)
{
	struct sim_cli *cli = c->cli;

	if (cli->mode == SIM_MODE_OPERATIONAL) {
		cli->leaving = true;
		return 0;
	}
	if (!sim_config_equal(cli->candidate, c->ch->re[c->slot].config)) {
		sim_buf_puts(c->out,
		    "The configuration has been changed but not committed\n"
		    "Exit with uncommitted changes? [yes,no] (yes) ");
		cli->asking = sim_answer_exit_uncommitted;
		return 0;
	}
	sim_leave_configure(cli, c->out);
	return 0;
}

static int
cmd_configure(struct sim_call *c)
{
	struct sim_cli *cli = c->cli;

	if (c->nargs > 1 || (c->nargs == 1 && strcmp(c->args[0], "private") != 0 &&
	    strcmp(c->args[0], "exclusive") != 0))
		return -2;
	cli->candidate = sim_config_dup(c->ch->re[c->slot].config);
	cli->mode = SIM_MODE_CONFIGURE;
	sim_buf_puts(c->out, "Entering configuration mode\n");
	return 0;
}

/* --- software, reboot and mastership (the ISSU's commands) ------------- */

static int
cmd_issu(struct sim_call *c)
{
	int rc = sim_issu_start(c->ch, c->slot, c->cli->session_id, c->cli->user,
	    c->args, c->nargs, c->out);

	if (rc == 0)
		c->cli->busy = true;
	return rc;
}

static int
cmd_issu_abort(struct sim_call *c)
{
	return sim_issu_abort(c->ch, c->out);
}

/*
 * request system software add PKG: installs on this RE, active after its
 * next reboot.  The lines are those a jinstall of that era prints (from
 * published runs; not among the shared captures).
 */
static int
cmd_software_add(struct sim_call *c)
{
	struct sim_re *re = &c->ch->re[c->slot];
	const struct sim_package *pkg;
	char target[32], jinstall[200], train[16];
	size_t i;

	if (c->nargs < 1)
		return -2;
	for (i = 1; i < c->nargs; i++)
		if (strcmp(c->args[i], "no-validate") != 0 &&
		    strcmp(c->args[i], "no-copy") != 0 &&
		    strcmp(c->args[i], "unlink") != 0)
			return -2;
	pkg = sim_chassis_package(c->ch, c->args[0]);
	if (pkg == NULL) {
		sim_buf_printf(c->out, "error: File does not exist: %s\n",
		    c->args[0]);
		return -1;
	}
	if (!sim_release_from_package(pkg->name, target, sizeof target)) {
		sim_buf_printf(c->out, "error: Cannot determine the release of %s\n",
		    c->args[0]);
		return -1;
	}
	sim_package_jinstall(pkg->name, jinstall, sizeof jinstall);
	sim_release_train(target, train, sizeof train);
	sim_buf_printf(c->out, "Installing package '/var/tmp/%s' ...\n"
	    "Verified %s signed by PackageProduction_%s\n"
	    "Adding jinstall...\n\n", pkg->name, jinstall, train);
	sim_buf_printf(c->out,
	    "WARNING:     This package will load JUNOS %s software.\n"
	    "WARNING:     It will save JUNOS configuration files, and SSH keys\n"
	    "WARNING:     (if configured), but erase all other files and information\n"
	    "WARNING:     stored on this machine.  It will attempt to preserve dumps\n"
	    "WARNING:     and log files, but this can not be guaranteed.  This is the\n"
	    "WARNING:     pre-installation stage and all the software is loaded when\n"
	    "WARNING:     you reboot the system.\n\n"
	    "Saving the config files ...\n"
	    "Installing the bootstrap installer ...\n\n"
	    "WARNING:     A REBOOT IS REQUIRED TO LOAD THIS SOFTWARE CORRECTLY. Use the\n"
	    "WARNING:     'request system reboot' command when software installation is\n"
	    "WARNING:     complete. To abort the installation, do not reboot your system,\n"
	    "WARNING:     instead use the 'request system software delete jinstall'\n"
	    "WARNING:     command as soon as this operation completes.\n\n"
	    "Saving package file in /var/sw/pkg/%s ...\n"
	    "Saving state for rollback ...\n", target, pkg->name);
	snprintf(re->pending_version, sizeof re->pending_version, "%s", target);
	return 0;
}

/* Which REs `request system reboot ...` is about. */
enum {
	SIM_REBOOT_SELF = 1,
	SIM_REBOOT_OTHER = 2,
	SIM_REBOOT_BOTH = 3,
};

static void
sim_answer_reboot(struct sim_cli *cli, const char *answer, struct sim_buf *out)
{
	struct sim_chassis *ch = cli->ch;
	const struct sim_re *re = &ch->re[cli->slot];
	int other = 1 - cli->slot;

	if (strcmp(answer, "yes") != 0 && strcmp(answer, "y") != 0)
		return;
	if (cli->reboot_what & SIM_REBOOT_OTHER) {
		if (!ch->re[other].up) {
			/* Not from a capture. */
			sim_buf_printf(out, "error: re%d is not online\n", other);
			cli->status = 1;
			return;
		}
		sim_buf_printf(out, "Rebooting re%d\n", other);
		sim_chassis_reboot(ch, other, sim_chassis_shutdown_delay(ch));
	}
	if (!(cli->reboot_what & SIM_REBOOT_SELF))
		return;
	/* The 10.3R2 capture of the reboot after an ISSU. */
	sim_buf_printf(out, "\n*** FINAL System shutdown message from %s@%s ***\n"
	    "System going down IMMEDIATELY\n\n\nShutdown NOW!\n", cli->user,
	    re->hostname);
	if (re->pending_version[0] != '\0')
		sim_buf_printf(out, "Reboot consistency check bypassed - jinstall %s "
		    "will complete installation upon reboot\n", re->pending_version);
	sim_buf_printf(out, "[pid %d]\n", 40000 + cli->session_id % 20000);
	sim_chassis_reboot(ch, cli->slot, sim_chassis_shutdown_delay(ch));
}

static int
cmd_reboot(struct sim_call *c)
{
	int what = SIM_REBOOT_SELF;

	if (c->nargs > 1)
		return -2;
	if (c->nargs == 1) {
		if (strcmp(c->args[0], "other-routing-engine") == 0)
			what = SIM_REBOOT_OTHER;
		else if (strcmp(c->args[0], "both-routing-engines") == 0)
			what = SIM_REBOOT_BOTH;
		else
			return -2;
	}
	c->cli->reboot_what = what;
	sim_buf_puts(c->out, "Reboot the system ? [yes,no] (no) ");
	c->cli->asking = sim_answer_reboot;
	return 0;
}

/* Why a mastership switch cannot happen now; NULL when it can. */
static const char *
sim_switch_refusal(struct sim_chassis *ch, char *buf, size_t len)
{
	int left = sim_chassis_holddown_left(ch);
	int m = sim_chassis_master(ch);

	if (m < 0 || !ch->re[1 - m].up)
		/* Not from a capture. */
		return "error: The other routing engine is not online";
	if (left > 0) {
		snprintf(buf, len, "Command aborted. Not ready for mastership "
		    "switch, try after %d secs.", left);
		return buf;
	}
	if (!sim_chassis_backup_ready(ch)) {
		/* Not from a capture: readiness is GRES's, the wording the
		 * hold-down one. */
		snprintf(buf, len, "Command aborted. Not ready for mastership "
		    "switch, try after %d secs.", 60);
		return buf;
	}
	return NULL;
}

static void
sim_answer_switch(struct sim_cli *cli, const char *answer, struct sim_buf *out)
{
	struct sim_chassis *ch = cli->ch;
	const char *why;
	char buf[128];

	if (strcmp(answer, "yes") != 0 && strcmp(answer, "y") != 0)
		return;
	/* The state can have changed while the question waited. */
	if (ch->re[cli->slot].role != SIM_ROLE_MASTER) {
		sim_buf_puts(out, "error: Aborted! This command can only be used "
		    "on the master routing engine.\n");
		cli->status = 1;
		return;
	}
	if ((why = sim_switch_refusal(ch, buf, sizeof buf)) != NULL) {
		sim_buf_printf(out, "%s\n", why);
		cli->status = 1;
		return;
	}
	sim_buf_puts(out, "Resolving mastership...\n"
	    "Complete. The other routing engine becomes the master.\n");
	sim_chassis_switch_mastership(ch, "request chassis routing-engine master switch");
}

static int
cmd_master_switch(struct sim_call *c)
{
	/* The 11.4 capture warns when GRES is not configured. */
	if (!sim_config_has(c->ch->re[c->slot].config,
	    "chassis redundancy graceful-switchover"))
		sim_buf_puts(c->out, "warning: Traffic will be interrupted while "
		    "the PFE is re-initialized\n");
	sim_buf_puts(c->out,
	    "Toggle mastership between routing engines ? [yes,no] (no) ");
	c->cli->asking = sim_answer_switch;
	return 0;
}

static int
cmd_master_switch_check(struct sim_call *c)
{
	const char *why;
	char buf[128];

	if ((why = sim_switch_refusal(c->ch, buf, sizeof buf)) == NULL) {
		sim_buf_puts(c->out, "Switchover Ready\n");
		return 0;
	}
	/*
	 * Only "Switchover Ready" is from a capture; the refusals are the
	 * wording Juniper documents for the check (MX Virtual Chassis): the
	 * hold-down as chassisd's error, a backup not ready as the request
	 * not honored.
	 */
	if (strncmp(why, "Command aborted. ", 17) == 0 &&
	    sim_chassis_holddown_left(c->ch) > 0)
		sim_buf_printf(c->out, "error: chassisd %s\n", why + 17);
	else if (strncmp(why, "Command aborted. ", 17) == 0)
		sim_buf_puts(c->out, "mastership switch request NOT honored, "
		    "backup not ready\n");
	else
		sim_buf_printf(c->out, "%s\n", why);
	return 0;
}

/*
 * The command table.  Order matters only for "Possible completions:" and for
 * help texts; matching is by words.
 */
static const struct sim_cmd sim_commands[] = {
	{ "show version", 0, "Show software process revision levels", cmd_show_version },
	{ "show version invoke-on all-routing-engines", 0,
	  "Invoke the command on all routing engines", cmd_show_version_all },
	{ "show chassis routing-engine", SIM_CMD_ARGS,
	  "Show Routing Engine status", cmd_show_chassis_re },
	{ "show chassis alarms", SIM_CMD_MASTER_ONLY, "Show alarm status",
	  cmd_show_chassis_alarms },
	{ "show chassis in-service-upgrade", SIM_CMD_MASTER_ONLY,
	  "Show status of FRUs during in-service software upgrade",
	  cmd_show_chassis_issu },
	{ "show system uptime", 0, "Show time since system and processes started",
	  cmd_show_uptime },
	{ "show system switchover", 0,
	  "Show Graceful Routing Engine switchover status", cmd_show_switchover },
	{ "show system storage", 0, "Show local storage data", cmd_show_storage },
	{ "show system alarms", 0, "Show system alarm status", cmd_show_system_alarms },
	{ "show system users", 0, "Show users who are currently logged in",
	  cmd_show_users },
	{ "show task replication", 0, "Show task replication status",
	  cmd_show_task_replication },
	{ "show configuration", SIM_CMD_ARGS, "Show current configuration",
	  cmd_show_configuration },
	{ "file list", SIM_CMD_ARGS, "List file information", cmd_file_list },
	{ "file checksum sha-256", SIM_CMD_ARGS, "Calculate SHA-256 checksum of file",
	  cmd_file_checksum_sha256 },
	{ "file checksum md5", SIM_CMD_ARGS, "Calculate MD5 checksum of file",
	  cmd_file_checksum_md5 },
	{ "request system software validate in-service-upgrade", SIM_CMD_ARGS,
	  "Validate in-service upgrade software package", cmd_validate_issu },
	{ "request system software in-service-upgrade", SIM_CMD_ARGS |
	  SIM_CMD_MASTER_ONLY, "Perform in-service software upgrade", cmd_issu },
	{ "request system software abort in-service-upgrade", SIM_CMD_MASTER_ONLY,
	  "Abort in-service software upgrade", cmd_issu_abort },
	{ "request system software add", SIM_CMD_ARGS,
	  "Add extension or upgrade package", cmd_software_add },
	{ "request system reboot", SIM_CMD_ARGS, "Reboot the system", cmd_reboot },
	{ "request chassis routing-engine master switch", SIM_CMD_MASTER_ONLY,
	  "Toggle mastership between routing engines", cmd_master_switch },
	{ "request chassis routing-engine master switch check", SIM_CMD_MASTER_ONLY,
	  "Check if mastership switch is ready", cmd_master_switch_check },
	{ "set cli timestamp", 0, "Timestamp CLI output", cmd_set_cli_timestamp },
	{ "set cli timestamp disable", 0, "Disable timestamping of CLI output",
	  cmd_set_cli_timestamp_disable },
	{ "set cli screen-width", SIM_CMD_ARGS, "Set width of screen",
	  cmd_set_cli_screen_width },
	{ "set cli screen-length", SIM_CMD_ARGS, "Set number of lines on screen",
	  cmd_set_cli_screen_length },
	{ "configure", SIM_CMD_ARGS, "Manipulate software configuration information",
	  cmd_configure },
	{ "edit", SIM_CMD_ARGS | SIM_CMD_HIDDEN, "Manipulate software configuration information",
	  cmd_configure },
	{ "exit", SIM_CMD_BOTH, "Exit the management session", cmd_exit },
	{ "quit", SIM_CMD_BOTH, "Exit the management session", cmd_exit },

	{ "set", SIM_CMD_CONFIG | SIM_CMD_ARGS, "Set a parameter", cmd_conf_set },
	{ "delete", SIM_CMD_CONFIG | SIM_CMD_ARGS, "Delete a data element",
	  cmd_conf_delete },
	{ "show", SIM_CMD_CONFIG | SIM_CMD_ARGS, "Show a parameter", cmd_conf_show },
	{ "commit", SIM_CMD_CONFIG, "Commit current set of changes", cmd_commit },
	{ "commit check", SIM_CMD_CONFIG, "Check correctness of syntax; do not apply changes",
	  cmd_commit_check },
	{ "commit synchronize", SIM_CMD_CONFIG,
	  "Synchronize commit on both Routing Engines", cmd_commit_synchronize },
	{ "commit and-quit", SIM_CMD_CONFIG,
	  "Quit configuration mode if commit succeeds", cmd_commit_and_quit },
	{ "rollback", SIM_CMD_CONFIG | SIM_CMD_ARGS, "Roll back to previous committed configuration",
	  cmd_rollback },
	{ "run", SIM_CMD_CONFIG | SIM_CMD_ARGS, "Run an operational-mode command",
	  cmd_conf_run },
	{ "exit configuration-mode", SIM_CMD_CONFIG, "Exit from configuration mode",
	  cmd_exit },
	{ NULL, 0, NULL, NULL },
};

/* --- matching ------------------------------------------------------------ */

/* Splits the line into words; "..." is one word.  Returns -1 on an
 * unterminated quote. */
static int
sim_tokenize(const char *line, struct sim_token *tok, size_t *ntok)
{
	const char *p = line;

	*ntok = 0;
	for (;;) {
		const char *start;
		bool quoted = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return 0;
		if (*ntok == SIM_MAX_TOKENS)
			return -1;
		start = p;
		if (*p == '|') {
			p++;
		} else if (*p == '"') {
			quoted = true;
			p = strchr(p + 1, '"');
			if (p == NULL)
				return -1;
			p++;
		} else {
			while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '|')
				p++;
		}
		tok[*ntok].offset = (size_t)(start - line);
		tok[*ntok].quoted = quoted;
		tok[*ntok].text = quoted ?
		    sim_xstrndup(start + 1, (size_t)(p - start) - 2) :
		    sim_xstrndup(start, (size_t)(p - start));
		(*ntok)++;
	}
}

/* The i-th word of a command into buf; false when it has fewer words. */
static bool
sim_cmd_word(const struct sim_cmd *cmd, size_t i, char *buf, size_t len)
{
	const char *p = cmd->words;
	size_t n;

	while (i-- > 0) {
		p = strchr(p, ' ');
		if (p == NULL)
			return false;
		p++;
	}
	n = strcspn(p, " ");
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

static size_t
sim_cmd_nwords(const struct sim_cmd *cmd)
{
	size_t n = 1;
	const char *p;

	for (p = cmd->words; *p != '\0'; p++)
		if (*p == ' ')
			n++;
	return n;
}

static bool
sim_cmd_in_mode(const struct sim_cmd *cmd, enum sim_cli_mode mode)
{
	if (cmd->flags & SIM_CMD_BOTH)
		return true;
	return (mode == SIM_MODE_CONFIGURE) == ((cmd->flags & SIM_CMD_CONFIG) != 0);
}

enum sim_match_error {
	SIM_MATCH_OK,
	SIM_MATCH_UNKNOWN,	/* no command starts with this word */
	SIM_MATCH_SYNTAX,	/* a word after a valid start is wrong */
	SIM_MATCH_AMBIGUOUS,
	SIM_MATCH_INCOMPLETE,	/* the words stop before a command does */
};

struct sim_match {
	const struct sim_cmd *cmd;
	size_t nwords;			/* tokens consumed by the command */
	size_t bad;			/* token index of the error */
	enum sim_match_error error;
	char ambiguous[8][40];		/* the candidate words, when ambiguous */
	size_t nambiguous;
};

/*
 * Junos matching: each token selects the command words it is a prefix of;
 * an exact word wins over longer ones; a token that selects nothing is
 * either the start of the command's arguments or an error at that token.
 */
static void
sim_match(const struct sim_token *tok, size_t ntok, enum sim_cli_mode mode,
    struct sim_match *m)
{
	bool alive[sizeof sim_commands / sizeof sim_commands[0]];
	size_t c, i;

	memset(m, 0, sizeof *m);
	for (c = 0; sim_commands[c].words != NULL; c++)
		alive[c] = sim_cmd_in_mode(&sim_commands[c], mode);

	for (i = 0; i < ntok; i++) {
		char words[8][40], w[40];
		size_t nwords = 0, k, chosen = (size_t)-1;
		bool exact = false;

		for (c = 0; sim_commands[c].words != NULL; c++) {
			if (!alive[c] || !sim_cmd_word(&sim_commands[c], i, w, sizeof w))
				continue;
			if (strncmp(w, tok[i].text, strlen(tok[i].text)) != 0 ||
			    tok[i].quoted || tok[i].text[0] == '\0')
				continue;
			if ((sim_commands[c].flags & SIM_CMD_HIDDEN) &&
			    strcmp(w, tok[i].text) != 0)
				continue;
			for (k = 0; k < nwords && strcmp(words[k], w) != 0; k++)
				;
			if (k == nwords && nwords < 8)
				snprintf(words[nwords++], sizeof words[0], "%s", w);
			if (strcmp(w, tok[i].text) == 0) {
				exact = true;
				chosen = k;
			}
		}
		if (nwords == 0) {
			/* Not a word of any longer command: arguments? */
			for (c = 0; sim_commands[c].words != NULL; c++)
				if (alive[c] && sim_cmd_nwords(&sim_commands[c]) == i &&
				    (sim_commands[c].flags & SIM_CMD_ARGS)) {
					m->cmd = &sim_commands[c];
					m->nwords = i;
					return;
				}
			m->error = i == 0 ? SIM_MATCH_UNKNOWN : SIM_MATCH_SYNTAX;
			m->bad = i;
			return;
		}
		if (!exact && nwords > 1) {
			m->error = SIM_MATCH_AMBIGUOUS;
			m->bad = i;
			for (k = 0; k < nwords; k++)
				memcpy(m->ambiguous[k], words[k], sizeof m->ambiguous[k]);
			m->nambiguous = nwords;
			return;
		}
		if (!exact)
			chosen = 0;
		for (c = 0; sim_commands[c].words != NULL; c++)
			if (alive[c] && (!sim_cmd_word(&sim_commands[c], i, w, sizeof w) ||
			    strcmp(w, words[chosen]) != 0))
				alive[c] = false;
	}
	for (c = 0; sim_commands[c].words != NULL; c++)
		if (alive[c] && sim_cmd_nwords(&sim_commands[c]) == ntok) {
			m->cmd = &sim_commands[c];
			m->nwords = ntok;
			return;
		}
	m->error = SIM_MATCH_INCOMPLETE;
	m->bad = ntok;
}

/* Help for words that lead to commands rather than end them (Junos' own
 * texts from its `?` listings). */
static const struct {
	const char *word, *help;
} sim_group_help[] = {
	{ "show", "Show system information" },
	{ "file", "Perform file operations" },
	{ "request", "Make system-level requests" },
	{ "set", "Set CLI properties, date/time, craft interface message" },
	{ "chassis", "Show chassis information" },
	{ "system", "Show system information" },
	{ "task", "Show routing protocol per-task information" },
	{ "checksum", "Calculate file checksum" },
	{ "software", "Perform system software extension or upgrade" },
	{ "cli", "CLI properties" },
	{ "version", "Show software process revision levels" },
	{ "timestamp", "Timestamp CLI output" },
	{ "commit", "Commit current set of changes" },
	{ "routing-engine", "Routing Engine mastership" },
	{ "master", "Change Routing Engine mastership" },
	{ "abort", "Abort in-service software upgrade" },
};

/* Help text for a completion word. */
static const char *
sim_word_help(const char *word)
{
	size_t c;
	char w[40];

	for (c = 0; c < sizeof sim_group_help / sizeof sim_group_help[0]; c++)
		if (strcmp(sim_group_help[c].word, word) == 0)
			return sim_group_help[c].help;

	for (c = 0; sim_commands[c].words != NULL; c++) {
		size_t n = sim_cmd_nwords(&sim_commands[c]);

		if (sim_cmd_word(&sim_commands[c], n - 1, w, sizeof w) &&
		    strcmp(w, word) == 0)
			return sim_commands[c].help;
	}
	return "";
}

/* The caret line under token `offset`, or the exec-style one-line error. */
static void
sim_syntax_error(struct sim_cli *cli, const char *line, size_t offset,
    const char *what, const char *word, struct sim_buf *out)
{
	if (cli->interactive) {
		sim_buf_printf(out, "%*s^\n%s\n",
		    (int)((size_t)sim_cli_prompt_len(cli) + offset), "", what);
		return;
	}
	/* An exec request has no prompt to put a caret under: Junos' cli -c
	 * names the word instead (wording not from a capture). */
	(void)line;
	sim_buf_printf(out, "error: %.*s: %s\n", (int)strcspn(what, "."), what,
	    word);
}

/* --- pipes --------------------------------------------------------------- */

static void
sim_pipe_free(struct sim_pipe *p)
{
	size_t i;

	for (i = 0; i < p->nmatch; i++)
		regfree(&p->match[i]);
	for (i = 0; i < p->nexcept; i++)
		regfree(&p->except[i]);
}

/* Parses "| cmd [arg]" groups starting at token `i`.  Returns -1 with the bad
 * token index in *bad. */
static int
sim_pipe_parse(const struct sim_token *tok, size_t ntok, size_t i,
    enum sim_cli_mode mode, struct sim_pipe *p, size_t *bad)
{
	static const char *const names[] = { "no-more", "match", "except",
		"count", "last", "display", "compare", NULL };

	memset(p, 0, sizeof *p);
	while (i < ntok) {
		const char *name = NULL;
		size_t k, hits = 0;

		if (strcmp(tok[i].text, "|") != 0 || tok[i].quoted || ++i >= ntok) {
			*bad = i;
			return -1;
		}
		for (k = 0; names[k] != NULL; k++)
			if (strncmp(names[k], tok[i].text, strlen(tok[i].text)) == 0) {
				name = names[k];
				hits++;
				if (strcmp(names[k], tok[i].text) == 0) {
					hits = 1;
					break;
				}
			}
		if (hits != 1 || (strcmp(name, "compare") == 0 &&
		    mode != SIM_MODE_CONFIGURE)) {
			*bad = i;
			return -1;
		}
		i++;
		if (strcmp(name, "no-more") == 0)
			p->no_more = true;
		else if (strcmp(name, "count") == 0)
			p->count = true;
		else if (strcmp(name, "compare") == 0)
			p->compare = true;
		else if (strcmp(name, "display") == 0) {
			if (i >= ntok || strcmp(tok[i].text, "set") != 0) {
				*bad = i;
				return -1;
			}
			p->display_set = true;
			i++;
		} else if (strcmp(name, "last") == 0) {
			char *end;
			long n = i < ntok ? strtol(tok[i].text, &end, 10) : 0;

			if (i >= ntok || *end != '\0' || n < 1 || n > 100000) {
				*bad = i;
				return -1;
			}
			p->last = (int)n;
			i++;
		} else {
			bool is_match = strcmp(name, "match") == 0;
			regex_t *re;

			if (i >= ntok || (is_match ? p->nmatch : p->nexcept) == 8) {
				*bad = i;
				return -1;
			}
			re = is_match ? &p->match[p->nmatch] : &p->except[p->nexcept];
			/* Junos' match is case-insensitive ("re0" finds "RE0"). */
			if (regcomp(re, tok[i].text, REG_EXTENDED | REG_ICASE |
			    REG_NOSUB) != 0) {
				*bad = i;
				return -1;
			}
			if (is_match)
				p->nmatch++;
			else
				p->nexcept++;
			i++;
		}
	}
	return 0;
}

static bool
sim_pipe_keeps(const struct sim_pipe *p, const char *line)
{
	size_t i;

	for (i = 0; i < p->nmatch; i++)
		if (regexec(&p->match[i], line, 0, NULL, 0) != 0)
			return false;
	for (i = 0; i < p->nexcept; i++)
		if (regexec(&p->except[i], line, 0, NULL, 0) == 0)
			return false;
	return true;
}

/* Applies match/except/last/count to `in`, appending the result to out. */
static void
sim_pipe_apply(const struct sim_pipe *p, const struct sim_buf *in,
    struct sim_buf *out)
{
	const char *s = sim_buf_str(in), *nl;
	struct sim_buf kept = SIM_BUF_INIT;
	size_t nlines = 0, skip = 0, i;

	/* Without a filter the text passes untouched: a question has no
	 * line ending, and the answer is typed after it. */
	if (p->nmatch == 0 && p->nexcept == 0 && !p->count && p->last == 0) {
		sim_buf_append(out, sim_buf_str(in), in->len);
		return;
	}
	while (*s != '\0') {
		char *line;

		nl = strchr(s, '\n');
		line = sim_xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
		if (sim_pipe_keeps(p, line)) {
			sim_buf_puts(&kept, line);
			sim_buf_puts(&kept, "\n");
			nlines++;
		}
		free(line);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	if (p->count) {
		sim_buf_printf(out, "Count: %zu lines\n", nlines);
		sim_buf_free(&kept);
		return;
	}
	s = sim_buf_str(&kept);
	if (p->last > 0 && nlines > (size_t)p->last)
		skip = nlines - (size_t)p->last;
	for (i = 0; i < skip; i++)
		s = strchr(s, '\n') + 1;
	sim_buf_puts(out, s);
	sim_buf_free(&kept);
}

/* --- running a line ------------------------------------------------------ */

static void
sim_free_tokens(struct sim_token *tok, size_t ntok)
{
	size_t i;

	for (i = 0; i < ntok; i++)
		free(tok[i].text);
}

/*
 * Matches and runs one line in `mode` (configuration mode's `run` uses
 * operational).  The caller holds the chassis lock.  Returns 0, or -1 when
 * the command failed or was refused.
 */
static int
sim_dispatch(struct sim_cli *cli, const char *line, enum sim_cli_mode mode,
    struct sim_buf *out)
{
	struct sim_token tok[SIM_MAX_TOKENS];
	size_t ntok = 0, npre, i, bad = 0;
	struct sim_match m;
	struct sim_pipe pipe;
	struct sim_buf body = SIM_BUF_INIT;
	char *args[SIM_MAX_TOKENS];
	struct sim_call call;
	int rc;

	if (sim_tokenize(line, tok, &ntok) != 0) {
		sim_free_tokens(tok, ntok);
		sim_syntax_error(cli, line, strlen(line), "syntax error.", line, out);
		return -1;
	}
	for (npre = 0; npre < ntok && !(strcmp(tok[npre].text, "|") == 0 &&
	    !tok[npre].quoted); npre++)
		;
	memset(&pipe, 0, sizeof pipe);
	sim_match(tok, npre, mode, &m);
	if (m.error == SIM_MATCH_OK && sim_pipe_parse(tok, ntok, npre, mode,
	    &pipe, &bad) != 0) {
		m.error = SIM_MATCH_SYNTAX;
		m.bad = bad;
	}
	if (m.error != SIM_MATCH_OK) {
		size_t off = m.bad < ntok ? tok[m.bad].offset : strlen(line);
		const char *word = m.bad < ntok ? tok[m.bad].text : "";

		switch (m.error) {
		case SIM_MATCH_UNKNOWN:
			sim_syntax_error(cli, line, off, "unknown command.", word, out);
			break;
		case SIM_MATCH_AMBIGUOUS:
			if (cli->interactive)
				sim_buf_printf(out, "%*s^\n",
				    (int)((size_t)sim_cli_prompt_len(cli) + off), "");
			sim_buf_printf(out, "'%s' is ambiguous.\nPossible completions:\n",
			    word);
			for (i = 0; i < m.nambiguous; i++)
				sim_buf_printf(out, "  %-20s %s\n", m.ambiguous[i],
				    sim_word_help(m.ambiguous[i]));
			break;
		default:
			sim_syntax_error(cli, line, off,
			    "syntax error, expecting <command>.", word, out);
			break;
		}
		sim_pipe_free(&pipe);
		sim_free_tokens(tok, ntok);
		return -1;
	}

	if ((m.cmd->flags & SIM_CMD_MASTER_ONLY) &&
	    cli->ch->re[cli->slot].role != SIM_ROLE_MASTER) {
		sim_buf_puts(out, "error: Aborted! This command can only be used "
		    "on the master routing engine.\n");
		sim_pipe_free(&pipe);
		sim_free_tokens(tok, ntok);
		return -1;
	}

	for (i = m.nwords; i < npre; i++)
		args[i - m.nwords] = tok[i].text;
	call = (struct sim_call){ .cli = cli, .ch = cli->ch, .slot = cli->slot,
		.args = args, .nargs = npre - m.nwords,
		.display_set = pipe.display_set, .compare = pipe.compare,
		.out = &body };
	/* The raw text of the arguments keeps quotes (set ... "a b"). */
	{
		size_t start = m.nwords < ntok ? tok[m.nwords].offset : strlen(line);
		size_t end = npre < ntok ? tok[npre].offset : strlen(line);
		char *rest;

		if (m.nwords >= npre)
			start = end;
		while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
			end--;
		rest = sim_xstrndup(line + start, end - start);
		call.rest = rest;
		call.line = line;
		call.rest_off = start;
		rc = m.cmd->run(&call);
		free(rest);
	}
	if (rc == -2) {
		/* The handler refused its arguments: a syntax error there. */
		size_t at = m.nwords < npre ? m.nwords : npre;

		sim_buf_reset(&body);
		sim_syntax_error(cli, line, at < ntok ? tok[at].offset : strlen(line),
		    "syntax error.", at < ntok ? tok[at].text : "", out);
		rc = -1;
	} else
		sim_pipe_apply(&pipe, &body, out);
	sim_pipe_free(&pipe);
	sim_buf_free(&body);
	sim_free_tokens(tok, ntok);
	return rc;
}

/*
 * "{master}\nnetops@mx480-re0> " or the configuration-mode form.  The role
 * line is there only with graceful switchover configured: the 11.4 capture
 * of an RE without GRES has none, and 17.3 shows a bare [edit] while GRES
 * was inactive.
 */
static void
sim_cli_prompt(struct sim_cli *cli, struct sim_buf *out)
{
	const struct sim_re *re = &cli->ch->re[cli->slot];
	bool conf = cli->mode == SIM_MODE_CONFIGURE;

	if (sim_config_has(re->config, "chassis redundancy graceful-switchover"))
		sim_buf_printf(out, "{%s}%s\n", sim_role_name(re->role),
		    conf ? "[edit]" : "");
	else if (conf)
		sim_buf_puts(out, "[edit]\n");
	sim_buf_printf(out, "%s@%s%s ", cli->user, re->hostname, conf ? "#" : ">");
}

int
sim_cli_prompt_len(const struct sim_cli *cli)
{
	return (int)(strlen(cli->user) + 1 + strlen(cli->ch->re[cli->slot].hostname) + 2);
}

struct sim_cli *
sim_cli_new(const struct sim_cli_params *p)
{
	struct sim_cli *cli = sim_xcalloc(1, sizeof *cli);

	cli->ch = p->ch;
	cli->slot = p->slot;
	snprintf(cli->user, sizeof cli->user, "%s", p->user);
	cli->session_id = p->session_id;
	cli->interactive = p->interactive;
	cli->mode = SIM_MODE_OPERATIONAL;
	/* Messages broadcast before the login are not shown to it. */
	pthread_mutex_lock(&cli->ch->mu);
	cli->broadcast_seen = cli->ch->re[cli->slot].broadcast_seq;
	pthread_mutex_unlock(&cli->ch->mu);
	return cli;
}

void
sim_cli_free(struct sim_cli *cli)
{
	if (cli == NULL)
		return;
	if (cli->busy) {
		pthread_mutex_lock(&cli->ch->mu);
		sim_issu_detach(cli->ch, cli->session_id);
		pthread_mutex_unlock(&cli->ch->mu);
	}
	sim_config_free(cli->candidate);
	free(cli);
}

void
sim_cli_greeting(struct sim_cli *cli, struct sim_buf *out)
{
	pthread_mutex_lock(&cli->ch->mu);
	sim_render_login_banner(out, cli->ch, cli->slot);
	sim_cli_prompt(cli, out);
	pthread_mutex_unlock(&cli->ch->mu);
}

bool
sim_cli_asking(const struct sim_cli *cli)
{
	return cli->asking != NULL;
}

int
sim_cli_exit_status(const struct sim_cli *cli)
{
	return cli->status == 0 ? 0 : 1;
}

/*
 * `?` typed after `partial`: Junos lists what may come next, then redraws
 * the prompt with the partial line so that typing goes on.
 */
void
sim_cli_complete(struct sim_cli *cli, const char *partial, struct sim_buf *out)
{
	struct sim_token tok[SIM_MAX_TOKENS];
	size_t ntok = 0, pos, c, k, nwords = 0;
	char words[32][40], w[40];
	const char *prefix = "";
	bool complete = false, args = false;

	pthread_mutex_lock(&cli->ch->mu);
	sim_buf_puts(out, "\n");
	if (sim_tokenize(partial, tok, &ntok) == 0 && ntok < SIM_MAX_TOKENS) {
		size_t len = strlen(partial);
		bool open_word = len > 0 && partial[len - 1] != ' ' &&
		    partial[len - 1] != '\t' && ntok > 0;

		pos = open_word ? ntok - 1 : ntok;
		if (open_word)
			prefix = tok[pos].text;
		for (c = 0; sim_commands[c].words != NULL; c++) {
			const struct sim_cmd *cmd = &sim_commands[c];
			bool ok = sim_cmd_in_mode(cmd, cli->mode) &&
			    !(cmd->flags & SIM_CMD_HIDDEN);

			/* Every word before pos must be this command's (exact or
			 * abbreviated). */
			for (k = 0; ok && k < pos; k++)
				ok = sim_cmd_word(cmd, k, w, sizeof w) &&
				    strncmp(w, tok[k].text, strlen(tok[k].text)) == 0;
			if (!ok)
				continue;
			if (!open_word && sim_cmd_nwords(cmd) == pos) {
				complete = true;
				args = args || (cmd->flags & SIM_CMD_ARGS);
			}
			if (!sim_cmd_word(cmd, pos, w, sizeof w) ||
			    strncmp(w, prefix, strlen(prefix)) != 0)
				continue;
			for (k = 0; k < nwords && strcmp(words[k], w) != 0; k++)
				;
			if (k == nwords && nwords < 32)
				snprintf(words[nwords++], sizeof words[0], "%s", w);
		}
	}
	if (nwords == 0 && !complete) {
		sim_buf_puts(out, "No valid completions\n");
	} else {
		sim_buf_puts(out, "Possible completions:\n");
		if (complete && !args)
			sim_buf_puts(out, "  <[Enter]>            Execute this command\n");
		else if (args)
			sim_buf_puts(out, "  <[Enter]>            Execute this command\n"
			    "  <argument>           Argument\n");
		for (k = 0; k < nwords; k++)
			sim_buf_printf(out, "  %-20s %s\n", words[k],
			    sim_word_help(words[k]));
		if (complete)
			sim_buf_puts(out, "  |                    Pipe through a command\n");
	}
	sim_free_tokens(tok, ntok);
	sim_cli_prompt(cli, out);
	sim_buf_puts(out, partial);
	pthread_mutex_unlock(&cli->ch->mu);
}

void
sim_cli_interrupt(struct sim_cli *cli, struct sim_buf *out)
{
	pthread_mutex_lock(&cli->ch->mu);
	cli->asking = NULL;
	sim_buf_puts(out, "\n");
	if (cli->interactive)
		sim_cli_prompt(cli, out);
	pthread_mutex_unlock(&cli->ch->mu);
}

enum sim_cli_result
sim_cli_line(struct sim_cli *cli, const char *line, struct sim_buf *out)
{
	struct sim_chassis *ch = cli->ch;
	enum sim_cli_result result = SIM_CLI_CONTINUE;
	size_t n = strlen(line);

	pthread_mutex_lock(&ch->mu);
	if (cli->asking != NULL) {
		sim_answer_fn answer = cli->asking;
		char *a = sim_xstrndup(line, n);

		/* Junos reads the answer word, spaces around it ignored. */
		while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t'))
			a[--n] = '\0';
		cli->asking = NULL;
		if (cli->interactive)
			sim_buf_puts(out, "\n");
		/* Answers change routers: the record must show them too. */
		sim_event_log_write(ch->log, cli->slot, "answer",
		    "session", SIM_EV_INT, (long long)cli->session_id,
		    "text", SIM_EV_STR, a + strspn(a, " \t"), (const char *)NULL);
		answer(cli, a + strspn(a, " \t"), out);
		free(a);
	} else {
		sim_event_log_write(ch->log, cli->slot, "command",
		    "session", SIM_EV_INT, (long long)cli->session_id,
		    "text", SIM_EV_STR, line, (const char *)NULL);
		if (strspn(line, " \t") != n) {
			if (cli->timestamp && cli->interactive) {
				char when[32];
				time_t now = sim_chassis_now(ch);
				struct tm tm;

				gmtime_r(&now, &tm);
				strftime(when, sizeof when, "%b %d %T", &tm);
				sim_buf_printf(out, "%s\n", when);
			}
			cli->status = sim_dispatch(cli, line, cli->mode, out);
		}
	}
	if (cli->leaving)
		result = SIM_CLI_EXIT;
	else if (cli->interactive && cli->asking == NULL && !cli->busy) {
		sim_buf_puts(out, "\n");
		sim_cli_prompt(cli, out);
	}
	pthread_mutex_unlock(&ch->mu);
	return result;
}

static void
sim_answer_issu(struct sim_cli *cli, const char *answer, struct sim_buf *out)
{
	(void)out;
	sim_issu_answer(cli->ch, answer);
}

bool
sim_cli_busy(const struct sim_cli *cli)
{
	return cli->busy;
}

void
sim_cli_poll(struct sim_cli *cli, struct sim_buf *out)
{
	const struct sim_re *re = &cli->ch->re[cli->slot];
	int status = 0;

	pthread_mutex_lock(&cli->ch->mu);
	/* Syslog messages reach interactive sessions between outputs, as on
	 * a real console (the seed's switchover capture). */
	if (cli->interactive && re->broadcast_seq != cli->broadcast_seen) {
		sim_buf_puts(out, re->broadcast);
		cli->broadcast_seen = re->broadcast_seq;
	}
	if (cli->busy) {
		switch (sim_issu_take(cli->ch, cli->session_id, out, &status)) {
		case SIM_ISSU_RUNNING:
			break;
		case SIM_ISSU_ASKING:
			cli->asking = sim_answer_issu;
			break;
		case SIM_ISSU_FINISHED:
			cli->busy = false;
			cli->status = status;
			/* Aborted from elsewhere while its question waited: the
			 * next line is a command again. */
			if (cli->asking == sim_answer_issu)
				cli->asking = NULL;
			if (cli->interactive) {
				sim_buf_puts(out, "\n");
				sim_cli_prompt(cli, out);
			}
			break;
		}
	}
	pthread_mutex_unlock(&cli->ch->mu);
}
