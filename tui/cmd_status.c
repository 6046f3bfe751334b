/*
 * cmd_status.c - `issu-console status [-c FILE] [--json] [ROUTER]` and
 * `status --re0 HOST[:PORT] --re1 HOST[:PORT] [--user U]`: both routing
 * engines read in parallel, what the console understood, then exit.
 *
 * Useful on its own (pre-change checks, tickets, scripts) and the first
 * brick of the interactive console: the same sessions and parsers.  A value
 * that could not be learned is null (JSON) or "unknown", never a guess.
 * Exit 0 when both REs were read and understood, 3 when one could not be
 * reached or logged into, 4 when an output was not understood, 2 for usage
 * and configuration errors.
 */
#include "tui/commands.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "procedure/issu.h"
#include "procedure/junos.h"
#include "sessions/event_queue.h"
#include "sessions/password_command.h"
#include "sessions/re_session.h"
#include "sessions/transcript.h"
#include "tui/json.h"
#include "tui/target.h"

enum { ST_MAX_CMDS = 16, ST_ROUND_SECONDS = 60 };

struct st_cmd {
	int id;
	const char *command;
	char *out;			/* owned */
	size_t len;
	int status;
	bool done;
	bool cut;			/* the connection was lost before its
					   end: the output is not whole */
};

struct st_re {
	int slot;
	const char *host;
	int port;
	struct re_session *s;
	bool connected, gone;
	bool lost;			/* dropped before answering everything */
	enum re_disconnect_reason reason;
	char error[1100];		/* why unreachable */
	struct st_cmd cmd[ST_MAX_CMDS];
	size_t ncmd;

	/* Facts, each valid when its have_ flag is set. */
	bool have_version, have_re, have_config, have_storage;
	bool have_switchover, have_replication, have_file, have_sum;
	struct junos_version version;
	struct junos_routing_engine re;
	struct junos_config_facts config;
	struct junos_storage storage;
	struct junos_switchover switchover;
	struct junos_task_replication replication;
	struct junos_file_list file;
	struct junos_checksum sum;
	char not_understood[640];	/* the first output not understood */
	char file_cmd[600], sum_cmd[600];	/* built from the package */
};

static void
st_append(struct st_cmd *c, const char *text)
{
	size_t n = strlen(text);
	char *p = realloc(c->out, c->len + n + 1);

	if (p == NULL)
		return;
	memcpy(p + c->len, text, n + 1);
	c->out = p;
	c->len += n;
}

static struct st_cmd *
st_find(struct st_re *re, int id)
{
	size_t i;

	for (i = 0; i < re->ncmd; i++)
		if (re->cmd[i].id == id)
			return &re->cmd[i];
	return NULL;
}

static void
st_queue(struct st_re *re, const char *command)
{
	struct st_cmd *c;

	if (re->gone || re->ncmd == ST_MAX_CMDS)
		return;
	c = &re->cmd[re->ncmd];
	memset(c, 0, sizeof *c);
	c->command = command;
	c->id = re_session_run(re->s, command);
	if (c->id > 0)
		re->ncmd++;
}

static bool
st_pending(const struct st_re *re)
{
	size_t i;

	if (re->gone)
		return false;
	if (!re->connected)
		return true;
	/* A command cut short: the worker's word on why follows. */
	for (i = 0; i < re->ncmd; i++)
		if (!re->cmd[i].done || re->cmd[i].cut)
			return true;
	return false;
}

/* The first command whose answer was cut short, or NULL. */
static const struct st_cmd *
st_cut(const struct st_re *re)
{
	size_t i;

	for (i = 0; i < re->ncmd; i++)
		if (re->cmd[i].cut)
			return &re->cmd[i];
	return NULL;
}

/* Feeds events to the REs until no command is pending or time is up. */
static void
st_pump(struct event_queue *q, struct st_re re[2], int seconds)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (st_pending(&re[0]) || st_pending(&re[1])) {
		struct pollfd pfd = { .fd = event_queue_fd(q), .events = POLLIN };
		struct re_event *ev;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= seconds)
			break;
		if (poll(&pfd, 1, 1000) < 0 && errno != EINTR)
			break;
		while ((ev = event_queue_pop(q)) != NULL) {
			struct st_re *r = &re[ev->slot];
			struct st_cmd *c = st_find(r, ev->command_id);

			switch (ev->kind) {
			case RE_EV_CONNECTED:
				r->connected = true;
				if (ev->text != NULL)
					fprintf(stderr, "issu-console status: re%d: "
					    "%s\n", r->slot, ev->text);
				break;
			case RE_EV_LINES:
			case RE_EV_PROMPT: {
				/* Bytes: a NUL is read as the text \x00, so
				 * the line it is in is not understood rather
				 * than cut short. */
				char *text;

				if (c == NULL)
					break;
				if ((text = transcript_text(ev->text,
				    ev->len)) == NULL) {
					fprintf(stderr, "issu-console status: out "
					    "of memory\n");
					exit(2);
				}
				st_append(c, text);
				free(text);
				break;
			}
			case RE_EV_ASK:
				/* Read-only status never waits on a person. */
				re_session_answer(r->s, NULL);
				break;
			case RE_EV_COMMAND_DONE:
				if (c != NULL) {
					c->done = true;
					c->status = ev->exit_status;
					c->cut = ev->message[0] != '\0';
				}
				break;
			case RE_EV_DISCONNECTED: {
				/* Gone with commands unanswered or cut short:
				 * what they would have said is unknown, and the
				 * RE is not read. */
				const struct st_cmd *cut = st_cut(r);

				r->lost = r->connected && (st_pending(r) ||
				    cut != NULL);
				r->gone = true;
				r->reason = ev->reason;
				snprintf(r->error, sizeof r->error, "%s: %s",
				    re_disconnect_reason_name(ev->reason),
				    ev->message[0] != '\0' ? ev->message :
				    "the connection ended");
				if (r->lost && cut != NULL)
					snprintf(r->error + strlen(r->error),
					    sizeof r->error - strlen(r->error),
					    " (while \"%s\" was answered)",
					    cut->command);
				break;
			}
			}
			re_event_free(ev);
		}
	}
}

/* Commands still unanswered when the time ran out: the RE is not read
 * (never reported as if it were), and the session is stopped. */
static void
st_unanswered(struct st_re *re)
{
	const struct st_cmd *cut = st_cut(re);
	size_t i;

	if (cut != NULL && re->connected && !re->lost) {
		/* Its end was lost and no word of the disconnection came
		 * yet: not read all the same. */
		snprintf(re->error, sizeof re->error, "error: the connection "
		    "was lost while \"%s\" was answered", cut->command);
		re->lost = re->gone = true;
		re_session_cancel(re->s);
		return;
	}
	if (!st_pending(re))
		return;
	for (i = 0; i < re->ncmd && re->cmd[i].done; i++)
		;
	if (!re->connected)
		snprintf(re->error, sizeof re->error, "timeout: no login within "
		    "the time limit");
	else
		snprintf(re->error, sizeof re->error, "timeout: no answer to "
		    "\"%s\" within the time limit", i < re->ncmd ?
		    re->cmd[i].command : "?");
	re->lost = re->connected;
	re->gone = true;
	re_session_cancel(re->s);
}

static const struct st_cmd *
st_output(const struct st_re *re, const char *command)
{
	size_t i;

	for (i = 0; i < re->ncmd; i++)
		if (strcmp(re->cmd[i].command, command) == 0 &&
		    re->cmd[i].done && !re->cmd[i].cut)
			return &re->cmd[i];
	return NULL;
}

/* Parses one command's output into its fact; the first failure is kept. */
#define ST_PARSE(re, cmdname, call, flag)					\
	do {								\
		const struct st_cmd *c_ = st_output(re, cmdname);	\
		char err_[512], what_[100];				\
									\
		if (c_ != NULL && c_->out != NULL) {			\
			snprintf(what_, sizeof what_, "%s", c_->command); \
			if ((call) == 0)				\
				(re)->flag = true;			\
			else if ((re)->not_understood[0] == '\0')	\
				snprintf((re)->not_understood,		\
				    sizeof (re)->not_understood,	\
				    "%.100s: %.500s", what_, err_);	\
		}							\
	} while (0)

static const struct junos_re_slot *
st_self(const struct st_re *re)
{
	return re->have_re ? junos_routing_engine_slot(&re->re, re->slot) : NULL;
}

static enum junos_re_role
st_role(const struct st_re *re)
{
	const struct junos_re_slot *s = st_self(re);

	return s != NULL ? s->role : JUNOS_ROLE_UNKNOWN;
}

static const struct junos_version_section *
st_version(const struct st_re *re)
{
	return re->have_version && re->version.nsections > 0 ?
	    &re->version.section[0] : NULL;
}

static void
st_parse_round1(struct st_re *re)
{
	static const char cfg_cmd[] = "show configuration | display set";

	ST_PARSE(re, "show version", junos_parse_version(c_->out, c_->len,
	    &re->version, err_, sizeof err_), have_version);
	ST_PARSE(re, "show chassis routing-engine", junos_parse_routing_engine(
	    c_->out, c_->len, &re->re, err_, sizeof err_), have_re);
	ST_PARSE(re, cfg_cmd, junos_parse_config_set(c_->out, c_->len,
	    &re->config, err_, sizeof err_), have_config);
	ST_PARSE(re, "show system storage", junos_parse_storage(c_->out,
	    c_->len, &re->storage, err_, sizeof err_), have_storage);
}

static void
st_parse_round2(struct st_re *re, const char *package)
{
	ST_PARSE(re, "show system switchover", junos_parse_switchover(c_->out,
	    c_->len, &re->switchover, err_, sizeof err_), have_switchover);
	ST_PARSE(re, "show task replication", junos_parse_task_replication(
	    c_->out, c_->len, &re->replication, err_, sizeof err_),
	    have_replication);
	if (package != NULL) {
		ST_PARSE(re, re->file_cmd, junos_parse_file_list(c_->out,
		    c_->len, package, &re->file, err_, sizeof err_), have_file);
		ST_PARSE(re, re->sum_cmd, junos_parse_checksum(c_->out,
		    c_->len, &re->sum, err_, sizeof err_), have_sum);
	}
}

static void
st_usage(FILE *f)
{
	fputs("usage: issu-console status [-c FILE] [--json] [ROUTER]\n"
	    "       issu-console status [-c FILE] [--json] --re0 HOST[:PORT] "
	    "--re1 HOST[:PORT]\n"
	    "                           [--user U] [--package /var/tmp/PKG]\n"
	    "Reads both routing engines in parallel and prints what the console "
	    "understood.\n"
	    "Exit: 0 read and understood, 1 the output could not be written,\n"
	    "      2 usage or configuration, 3 an RE not reached or not read,\n"
	    "      4 an output not understood.\n", f);
}

static const char *
st_bool(enum junos_tristate t)
{
	return junos_tristate_name(t);
}

static enum junos_tristate
st_tri(bool known, bool v)
{
	return !known ? JUNOS_UNKNOWN : v ? JUNOS_TRUE : JUNOS_FALSE;
}

struct st_summary {
	enum junos_tristate gres, nsr, sync, backup_ready, repl_complete, same;
	enum junos_tristate pkg_present;
	const char *pkg_version;
	const char *pkg_sha256;
	enum junos_tristate sha_matches;	/* against package_sha256 */
	int sha_slot;				/* the RE that computed it */
	const char *phase;			/* issu_phase_name() */
	const char *phase_reason;
	const char *next_step;			/* a step key; NULL unknown */
	const char *next_title;
	/* The master's show chassis alarms; count -1: not learned. */
	int alarms_major, alarms_minor;
	const struct issu_view *view;		/* the engine's; NULL none */
	enum issu_phase phase_id;
	char alarm_first[JUNOS_TEXT_MAX];	/* the first major, else minor */
};

static void
st_summarise(struct st_re re[2], const struct router_config *router,
    struct st_summary *sum, char *pkg_version, size_t pvlen)
{
	const struct st_re *master = NULL, *backup = NULL, *conf = NULL;
	const struct junos_version_section *v0 = st_version(&re[0]);
	const struct junos_version_section *v1 = st_version(&re[1]);
	struct junos_release rel;
	char err[128];
	int i;

	for (i = 0; i < 2; i++) {
		if (st_role(&re[i]) == JUNOS_ROLE_MASTER)
			master = &re[i];
		else if (st_role(&re[i]) == JUNOS_ROLE_BACKUP)
			backup = &re[i];
	}
	/* The master's configuration is the one that counts; with commit
	 * synchronize both agree. */
	conf = master != NULL && master->have_config ? master :
	    re[0].have_config ? &re[0] : re[1].have_config ? &re[1] : NULL;
	sum->gres = st_tri(conf != NULL, conf != NULL && conf->config.gres);
	sum->nsr = st_tri(conf != NULL, conf != NULL && conf->config.nsr);
	sum->sync = st_tri(conf != NULL, conf != NULL &&
	    conf->config.commit_synchronize);
	sum->backup_ready = st_tri(backup != NULL && backup->have_switchover,
	    backup != NULL && backup->switchover.ready);
	sum->repl_complete = master != NULL && master->have_replication ?
	    master->replication.complete : JUNOS_UNKNOWN;
	sum->same = st_tri(v0 != NULL && v1 != NULL && v0->version[0] &&
	    v1->version[0], v0 != NULL && v1 != NULL &&
	    strcmp(v0->version, v1->version) == 0);
	sum->pkg_present = st_tri(master != NULL && master->have_file,
	    master != NULL && master->file.present);
	sum->pkg_version = NULL;
	if (router->package != NULL &&
	    junos_release_from_package(router->package, &rel, err, sizeof err) == 0) {
		snprintf(pkg_version, pvlen, "%s", rel.text);
		sum->pkg_version = pkg_version;
	}
	sum->pkg_sha256 = master != NULL && master->have_sum ?
	    master->sum.digest : NULL;
	sum->sha_slot = master != NULL ? master->slot : -1;
	sum->sha_matches = st_tri(sum->pkg_sha256 != NULL &&
	    router->package_sha256 != NULL, sum->pkg_sha256 != NULL &&
	    router->package_sha256 != NULL &&
	    strcasecmp(sum->pkg_sha256, router->package_sha256) == 0);
}

/* The prerequisites are shown only while they are ahead: past them (or
 * with the chassis not understood) a verdict would be stale. */
static bool
st_checks_shown(const struct st_summary *sum)
{
	return sum->view != NULL && (sum->phase_id == ISSU_PHASE_READY ||
	    sum->phase_id == ISSU_PHASE_PREREQ_MISSING);
}

/* The prerequisites as a run would judge them now, or null. */
static void
st_json_checks(const struct st_summary *sum)
{
	const char *sep = "";
	int i;

	if (!st_checks_shown(sum)) {
		printf("null");
		return;
	}
	printf("[");
	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &sum->view->checks[i];

		if (c->result == ISSU_CHECK_PENDING || c->title == NULL)
			continue;
		printf("%s\n    { \"check\": ", sep);
		json_string(stdout, c->title, false);
		printf(", \"result\": \"%s\", \"reason\": ",
		    issu_check_result_name(c->result));
		json_string(stdout, c->reason, false);
		printf(" }");
		sep = ",";
	}
	printf(" ]");
}

static void
st_print_json(struct st_re re[2], const struct router_config *router,
    const struct st_summary *sum)
{
	int i;

	printf("{ \"router\": ");
	json_string(stdout, router->name, true);
	printf(",\n  \"re\": [");
	for (i = 0; i < 2; i++) {
		const struct st_re *r = &re[i];
		const struct junos_version_section *v = st_version(r);
		const struct junos_re_slot *self = st_self(r);

		printf("%s\n    { \"slot\": %d, \"host\": ", i ? "," : "", i);
		json_string(stdout, r->host, false);
		printf(", \"port\": %d, \"reachable\": %s, \"error\": ", r->port,
		    r->connected && !r->lost ? "true" : "false");
		json_string(stdout, !r->connected || r->lost ? r->error :
		    r->not_understood, true);
		printf(",\n      \"hostname\": ");
		json_string(stdout, v ? v->hostname : NULL, true);
		printf(", \"model\": ");
		json_string(stdout, v ? v->model : NULL, true);
		printf(", \"version\": ");
		json_string(stdout, v ? v->version : NULL, true);
		printf(",\n      \"role\": \"%s\", \"election_priority\": ",
		    self ? junos_re_role_name(self->role) : "unknown");
		if (self == NULL || self->election_priority == JUNOS_PRIORITY_NONE)
			printf("null");
		else
			printf("\"%s\"", junos_priority_name(self->election_priority));
		printf(", \"uptime_s\": ");
		json_count(stdout, self ? self->uptime_s : -1);
		printf(", \"last_reboot_reason\": ");
		json_string(stdout, self ? self->last_reboot_reason : NULL, true);
		printf(", \"var_free_bytes\": ");
		json_count(stdout, r->have_storage ? r->storage.var_free_bytes : -1);
		printf(" }");
	}
	printf(" ],\n  \"gres\": %s, \"nsr\": %s, \"commit_synchronize\": %s,\n"
	    "  \"backup_ready_for_switchover\": %s, \"nsr_replication_complete\": %s,\n"
	    "  \"same_version\": %s,\n  \"alarms\": ",
	    st_bool(sum->gres), st_bool(sum->nsr), st_bool(sum->sync),
	    st_bool(sum->backup_ready), st_bool(sum->repl_complete),
	    st_bool(sum->same));
	if (sum->alarms_major < 0)
		printf("null");
	else
		printf("{ \"major\": %d, \"minor\": %d }", sum->alarms_major,
		    sum->alarms_minor);
	printf(",\n  \"phase\": \"%s\", \"next_step\": ", sum->phase);
	json_string(stdout, sum->next_step, true);
	printf(",\n  \"checks\": ");
	st_json_checks(sum);
	printf(",\n  \"package\": ");
	if (router->package == NULL) {
		printf("null }\n");
		return;
	}
	printf("{ \"path\": ");
	json_string(stdout, router->package, false);
	printf(", \"present\": %s, \"version\": ", st_bool(sum->pkg_present));
	json_string(stdout, sum->pkg_version, true);
	printf(", \"sha256\": ");
	json_string(stdout, sum->pkg_sha256, true);
	printf(", \"sha256_matches\": %s } }\n", st_bool(sum->sha_matches));
}

static const char *
st_words(enum junos_tristate t, const char *yes, const char *no)
{
	return t == JUNOS_TRUE ? yes : t == JUNOS_FALSE ? no : "unknown";
}

/* The prerequisites a run would not pass, or would pass with a warning,
 * each with the engine's reason: what prerequisites-missing is made of. */
static void
st_print_checks(const struct st_summary *sum)
{
	int i;

	if (!st_checks_shown(sum))
		return;
	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &sum->view->checks[i];

		if (c->result == ISSU_CHECK_FAIL ||
		    c->result == ISSU_CHECK_UNKNOWN ||
		    c->result == ISSU_CHECK_WARN)
			printf("    %-7s %s: %s\n", c->result == ISSU_CHECK_FAIL ?
			    "FAIL" : c->result == ISSU_CHECK_WARN ? "WARN" :
			    "UNKNOWN", c->title, c->reason);
	}
}

/* Sizes as df -h and Junos print them: 27G, 918M. */
static void
st_size(long long bytes, char *buf, size_t len)
{
	if (bytes >= 10LL << 30)
		snprintf(buf, len, "%lldG", bytes >> 30);
	else if (bytes >= 1LL << 30)
		snprintf(buf, len, "%.1fG", (double)bytes / (1 << 30));
	else
		snprintf(buf, len, "%lldM", bytes >> 20);
}

enum { ST_ROWS = 7, ST_CELL = 96 };

/*
 * The REs side by side, a row per fact, so that what differs between them
 * is read across one line; what does not fit a column (why an RE was not
 * read, the last reboot's reason) follows in full, one line per RE.
 */
static void
st_print_text(struct st_re re[2], const struct target *t,
    const struct st_summary *sum)
{
	static const char *const label[ST_ROWS] = { "address", "hostname",
		"role", "priority", "version", "up", "/var free" };
	char cell[ST_ROWS][2][ST_CELL];
	size_t w = 20;
	int i, row;

	for (i = 0; i < 2; i++) {
		const struct st_re *r = &re[i];
		const struct junos_version_section *v = st_version(r);
		const struct junos_re_slot *self = st_self(r);
		bool read = r->connected;

		target_address(t, i, cell[0][i], ST_CELL);
		snprintf(cell[1][i], ST_CELL, "%s", v && v->hostname[0] ?
		    v->hostname : "-");
		snprintf(cell[2][i], ST_CELL, "%s", !read ? "UNREACHABLE" :
		    self ? junos_re_role_name(self->role) : "-");
		/* The election priority: which RE is master by default
		 * (a switch-back restores that). */
		snprintf(cell[3][i], ST_CELL, "%s", self != NULL &&
		    self->election_priority != JUNOS_PRIORITY_NONE ?
		    junos_priority_name(self->election_priority) : "-");
		snprintf(cell[4][i], ST_CELL, "%s", v && v->version[0] ?
		    v->version : "-");
		if (self != NULL && self->uptime_s >= 0)
			snprintf(cell[5][i], ST_CELL, "%lldd %02lld:%02lld",
			    self->uptime_s / 86400, self->uptime_s / 3600 % 24,
			    self->uptime_s / 60 % 60);
		else
			snprintf(cell[5][i], ST_CELL, "-");
		if (r->have_storage && r->storage.var_free_bytes >= 0)
			st_size(r->storage.var_free_bytes, cell[6][i], ST_CELL);
		else
			snprintf(cell[6][i], ST_CELL, "-");
		for (row = 0; row < ST_ROWS; row++)
			if (strlen(cell[row][i]) + 2 > w)
				w = strlen(cell[row][i]) + 2;
	}
	printf("%s\n  %-11s %-*s re1\n", t->router->name, "", (int)w, "re0");
	for (row = 0; row < ST_ROWS; row++)
		printf("  %-11s %-*s %s\n", label[row], (int)w, cell[row][0],
		    cell[row][1]);
	for (i = 0; i < 2; i++) {
		const struct st_re *r = &re[i];
		const struct junos_re_slot *self = st_self(r);

		if (!r->connected)
			printf("  re%d UNREACHABLE: %s\n", i, r->error);
		else if (r->lost)
			printf("  re%d CONNECTION LOST: %s\n", i, r->error);
		if (r->not_understood[0] != '\0')
			printf("  re%d NOT UNDERSTOOD: %s\n", i, r->not_understood);
		if (self != NULL && self->last_reboot_reason[0] != '\0')
			printf("  re%d last reboot: %s\n", i,
			    self->last_reboot_reason);
	}
	printf("\n");
	printf("  graceful switchover (GRES): %s\n", st_words(sum->gres,
	    "configured", "NOT configured"));
	printf("  nonstop routing (NSR):      %s\n", st_words(sum->nsr,
	    "configured", "NOT configured"));
	printf("  commit synchronize:         %s\n", st_words(sum->sync,
	    "configured", "NOT configured"));
	printf("  backup ready to switch:     %s\n", st_words(sum->backup_ready,
	    "yes", "NO"));
	printf("  NSR replication complete:   %s\n", st_words(sum->repl_complete,
	    "yes", "NO"));
	printf("  same version on both REs:   %s\n", st_words(sum->same, "yes",
	    "NO"));
	if (sum->alarms_major < 0)
		printf("  chassis alarms (master):    unknown\n");
	else if (sum->alarms_major + sum->alarms_minor == 0)
		printf("  chassis alarms (master):    none\n");
	else
		printf("  chassis alarms (master):    %d major, %d minor: %s%s\n",
		    sum->alarms_major, sum->alarms_minor, sum->alarm_first,
		    sum->alarms_major + sum->alarms_minor > 1 ? ", ..." : "");
	if (t->router->package != NULL)
		printf("  package %s: %s\n", t->router->package,
		    st_words(sum->pkg_present, "present on the master",
		    "NOT in /var/tmp on the master"));
	if (t->router->package_sha256 != NULL) {
		printf("  package sha-256:            %s\n", st_words(
		    sum->sha_matches, "matches the configuration",
		    "DOES NOT MATCH the configuration"));
		if (sum->sha_matches == JUNOS_FALSE)
			printf("    configured: %s\n    on re%d:     %s\n",
			    t->router->package_sha256, sum->sha_slot,
			    sum->pkg_sha256);
	}
	printf("  phase: %s (%s)\n", sum->phase, sum->phase_reason);
	st_print_checks(sum);
	if (sum->phase_id == ISSU_PHASE_UPGRADING)
		printf("  next step: none now: an ISSU is under way; a run "
		    "follows it, sending nothing, to the old master's "
		    "reboot\n");
	else
		printf("  next step: %s\n", sum->next_title != NULL ?
		    sum->next_title : "none: the console cannot tell where "
		    "this chassis is");
}

static void
st_alarms(const struct junos_alarms *a, struct st_summary *sum)
{
	const char *first_minor = NULL;
	size_t i;

	sum->alarms_major = sum->alarms_minor = 0;
	for (i = 0; i < a->nalarms; i++) {
		if (a->alarm[i].class == JUNOS_ALARM_MAJOR) {
			if (sum->alarms_major++ == 0)
				snprintf(sum->alarm_first, sizeof sum->alarm_first,
				    "%s", a->alarm[i].description);
		} else {
			sum->alarms_minor++;
			if (first_minor == NULL)
				first_minor = a->alarm[i].description;
		}
	}
	if (sum->alarms_major == 0 && first_minor != NULL)
		snprintf(sum->alarm_first, sizeof sum->alarm_first, "%s",
		    first_minor);
}

/*
 * Where the chassis stands and what a run would do next, judged by the
 * engine from the outputs status read (each parsed again as the engine's
 * probe, so status and a run can never disagree).
 */
static struct issu *
st_assess(struct st_re re[2], const struct router_config *router,
    struct st_summary *sum)
{
	struct issu_params ip = { .router = router->name,
		.host = { router->re[0].host, router->re[1].host },
		.package = router->package,
		.package_sha256 = router->package_sha256,
		.switch_back = router->switch_back == CONFIG_SWITCH_BACK_NEVER ? 2 :
		    router->switch_back == CONFIG_SWITCH_BACK_ALWAYS ? 1 : 0 };
	struct issu_re_facts *f = calloc(2, sizeof *f);
	struct issu *e = issu_new(&ip);
	bool connected[2];
	enum issu_step_id next;
	int i, p;

	sum->phase = "unknown";
	sum->phase_reason = "not judged";
	sum->next_step = sum->next_title = NULL;
	sum->alarms_major = sum->alarms_minor = -1;
	sum->view = NULL;
	sum->phase_id = ISSU_PHASE_UNKNOWN;
	sum->alarm_first[0] = '\0';
	if (f == NULL || e == NULL) {
		free(f);
		issu_free(e);
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		connected[i] = re[i].connected && !re[i].lost;
		for (p = 0; p < ISSU_PROBE_COUNT; p++) {
			char cmd[700], err[600];
			const struct st_cmd *c;

			if (issu_probe_command((enum issu_probe)p, router->package,
			    cmd, sizeof cmd) != 0 ||
			    (c = st_output(&re[i], cmd)) == NULL || c->out == NULL)
				continue;
			issu_facts_apply(&f[i], (enum issu_probe)p, router->package,
			    c->out, c->len, err, sizeof err);
		}
	}
	next = issu_assess(e, f, connected);
	for (i = 0; i < 2; i++)
		if (st_role(&re[i]) == JUNOS_ROLE_MASTER &&
		    issu_facts_have(&f[i], ISSU_PROBE_ALARMS))
			st_alarms(&f[i].alarms, sum);
	free(f);
	sum->view = issu_view(e);
	sum->phase_id = issu_view(e)->phase.phase;
	sum->phase = issu_phase_name(issu_view(e)->phase.phase);
	sum->phase_reason = issu_view(e)->phase.reason;
	if (next < ISSU_STEP_COUNT) {
		sum->next_step = issu_step_def(next)->key;
		sum->next_title = issu_step_def(next)->title;
	}
	return e;
}

int
cmd_status(int argc, char **argv)
{
	struct target_opts o = { 0 };
	struct target t;
	const struct router_config *router = NULL;
	struct event_queue *q = NULL;
	struct st_re re[2];
	struct st_summary sum;
	struct issu *engine = NULL;
	char err[1024], password[256] = "", pkg_version[32];
	bool json = false;
	int i, rc = 0;

	memset(re, 0, sizeof re);
	for (i = 1; i < argc; i++) {
		int k;

		if (strcmp(argv[i], "--json") == 0) {
			json = true;
			continue;
		}
		if (strcmp(argv[i], "--help") == 0) {
			st_usage(stdout);
			return 0;
		}
		if ((k = target_option(&o, argc, argv, &i, "status")) < 0)
			return 2;
		if (k == 0) {
			fprintf(stderr, "issu-console status: unexpected \"%s\"\n",
			    argv[i]);
			st_usage(stderr);
			return 2;
		}
	}
	if ((rc = target_load(&o, &t, "status")) != 0) {
		target_free(&t);
		return rc;
	}
	router = t.router;

	/* The password: from password_command, else asked on the terminal
	 * when a method needs one. */
	if (target_password(&t, password, sizeof password, err,
	    sizeof err) != 0) {
		fprintf(stderr, "issu-console status: %s\n", err);
		rc = 2;
		goto out;
	}
	if (password[0] == '\0' && isatty(STDIN_FILENO)) {
		for (i = 0; i < (int)t.cfg.defaults.nauth; i++)
			if (t.cfg.defaults.auth[i] == CONFIG_AUTH_PASSWORD ||
			    t.cfg.defaults.auth[i] == CONFIG_AUTH_KEYBOARD_INTERACTIVE) {
				struct re_session_params p0;
				char prompt[600];

				target_session_params(&t, 0, NULL, &p0);
				snprintf(prompt, sizeof prompt, "Password for "
				    "%s@%s: ", p0.user ? p0.user : getenv("USER"),
				    router->re[0].host);
				if (target_read_secret(prompt, password,
				    sizeof password) != 0)
					password[0] = '\0';
				break;
			}
	}

	q = event_queue_new();
	if (q == NULL) {
		fprintf(stderr, "issu-console status: %s\n", strerror(errno));
		rc = 2;
		goto out;
	}
	for (i = 0; i < 2; i++) {
		struct re_session_params p;

		target_session_params(&t, i, password, &p);
		re[i].host = router->re[i].host;
		re[i].port = router->re[i].port;
		re[i].slot = i;
		re[i].s = re_session_new(&p, q);
		if (re[i].s == NULL || re_session_start(re[i].s) != 0) {
			fprintf(stderr, "issu-console status: cannot start a "
			    "session\n");
			rc = 2;
			goto out;
		}
		st_queue(&re[i], "show version");
		st_queue(&re[i], "show chassis routing-engine");
		st_queue(&re[i], "show configuration | display set");
		st_queue(&re[i], "show system storage");
	}
	memset(password, 0, sizeof password);
	st_pump(q, re, t.cfg.defaults.connect_timeout + ST_ROUND_SECONDS);
	for (i = 0; i < 2; i++) {
		st_unanswered(&re[i]);
		st_parse_round1(&re[i]);
	}

	/* What each role is asked: the backup knows its switchover state, the
	 * master its replication and its /var/tmp. */
	for (i = 0; i < 2; i++) {
		if (st_role(&re[i]) == JUNOS_ROLE_BACKUP)
			st_queue(&re[i], "show system switchover");
		if (st_role(&re[i]) != JUNOS_ROLE_MASTER)
			continue;
		st_queue(&re[i], "show task replication");
		/* What a run checks before an ISSU, and whether one runs. */
		st_queue(&re[i], "show chassis alarms");
		st_queue(&re[i], "show system users");
		st_queue(&re[i], "show chassis in-service-upgrade");
		if (router->package != NULL) {
			snprintf(re[i].file_cmd, sizeof re[i].file_cmd,
			    "file list %s detail", router->package);
			st_queue(&re[i], re[i].file_cmd);
			if (router->package_sha256 != NULL) {
				snprintf(re[i].sum_cmd, sizeof re[i].sum_cmd,
				    "file checksum sha-256 %s", router->package);
				st_queue(&re[i], re[i].sum_cmd);
			}
		}
	}
	st_pump(q, re, ST_ROUND_SECONDS);
	for (i = 0; i < 2; i++) {
		st_unanswered(&re[i]);
		st_parse_round2(&re[i], router->package);
	}

	st_summarise(re, router, &sum, pkg_version, sizeof pkg_version);
	engine = st_assess(re, router, &sum);
	if (json)
		st_print_json(re, router, &sum);
	else
		st_print_text(re, &t, &sum);
	for (i = 0; i < 2; i++) {
		if (!re[i].connected || re[i].lost)
			rc = 3;
		else if (rc == 0 && re[i].not_understood[0] != '\0')
			rc = 4;
	}
	if (json_finish(stdout, "issu-console status") != 0)
		rc = 1;
out:
	for (i = 0; i < 2; i++) {
		size_t k;

		re_session_free(re[i].s);
		for (k = 0; k < re[i].ncmd; k++)
			free(re[i].cmd[k].out);
	}
	event_queue_free(q);
	issu_free(engine);
	memset(password, 0, sizeof password);
	target_free(&t);
	return rc;
}
