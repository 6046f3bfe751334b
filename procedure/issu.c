/*
 * issu.c - the ISSU procedure engine (see issu.h for the contract).
 *
 * Shape: the step table below is data (what each step is, says, sends and
 * waits for); the code is a small set of activities the steps share:
 *   - a read: probes run on one or both REs, one command in flight per RE,
 *     then a continuation sees the facts;
 *   - a question to the operator, then a continuation sees the answer;
 *   - a wait: for an RE to come back, for a poll, or a countdown, each with
 *     a deadline that ends in a clear stop;
 *   - a command: sent, its output streamed to a handler, its end seen.
 * Every step is a chain of these, written as continuation functions named
 * for the step (upgrade_*, reboot_*, ...).  The operator starts each step
 * that changes the router; the read-only ones (connect, checks, verify) run
 * by themselves.
 */
#include "procedure/issu.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum {
	ISSU_INTENTS_MAX = 256,
	ISSU_OUT_MAX = 4 << 20,		/* one command's kept output */
	ISSU_ERRLINES_MAX = 8,
	ISSU_FIX_MAX = 4,
};

/* How long the first connection may take before the console works with
 * what it has (one RE may be rebooting mid-ISSU). */
#define ISSU_CONNECT_GRACE_S	20.0
#define ISSU_CONNECT_LIMIT_S	120.0

/* ---- the step table --------------------------------------------------------- */

static const struct issu_step_def issu_steps[ISSU_STEP_COUNT] = {
	{ ISSU_STEP_CONNECT, "connect", "Connect",
	  "Opens an SSH session to each routing engine on its own management "
	  "address, checks each host key against known_hosts, and reads which "
	  "RE is master, what each runs and how it is configured. Nothing is "
	  "changed. It fails when an address is wrong, a host key is unknown "
	  "or changed, or the login is refused. Takes a few seconds.",
	  ISSU_ON_BOTH, ISSU_CONFIRM_NONE, NULL,
	  "both REs logged in and read", ISSU_LIMIT_NONE },
	{ ISSU_STEP_PREREQ, "prerequisites", "Prerequisites",
	  "Checks everything an ISSU needs before it is started: two REs, one "
	  "master and one backup on the same release; a target release newer "
	  "than the running one; GRES, NSR and commit synchronize configured; "
	  "the backup ready for switchover; NSR replication complete; no "
	  "major alarm; the package in /var/tmp on the master; room on /var. "
	  "A check that cannot be read counts as failed, never as passed. "
	  "Nothing is changed. Takes seconds.",
	  ISSU_ON_BOTH, ISSU_CONFIRM_NONE, NULL,
	  "every check passes", ISSU_LIMIT_NONE },
	{ ISSU_STEP_FIX, "fix-prerequisites", "Fix prerequisites",
	  "Adds the missing GRES, NSR or commit synchronize statements on the "
	  "master: enters configuration mode, sets exactly the lines shown, "
	  "commits with commit synchronize so both REs get them, leaves "
	  "configuration mode and checks again. A commit error is shown as "
	  "Junos printed it, the changes are discarded and nothing else is "
	  "tried. GRES and NSR need a few minutes before the backup reports "
	  "ready again.",
	  ISSU_ON_MASTER, ISSU_CONFIRM_PLAIN,
	  "configure; set ...; commit synchronize; exit configuration-mode",
	  "commit complete on both REs", ISSU_LIMIT_NONE },
	{ ISSU_STEP_UPGRADE, "upgrade", "Upgrade (ISSU)",
	  "Starts the in-service software upgrade on the master. Junos "
	  "validates the package, upgrades the backup RE and reboots it (its "
	  "SSH sessions drop: that is expected), waits for it to come back, "
	  "upgrades the line cards and switches mastership: the backup "
	  "becomes master on the new release. Traffic keeps flowing. About 40 "
	  "minutes on an MX480. From 12.1 on, Junos asks 'Do you want to "
	  "continue?' after validation (10.x does not ask); the console "
	  "answers yes only to that exact question. "
	  "An error line stops the step and is shown.",
	  ISSU_ON_MASTER, ISSU_CONFIRM_TYPED,
	  "request system software in-service-upgrade %s",
	  "the ISSU reports the switchover done", ISSU_LIMIT_ISSU },
	{ ISSU_STEP_VERIFY_SWITCHOVER, "verify-switchover", "Verify switchover",
	  "Reads both REs again: the new master must run the target release, "
	  "the old master must be backup and still run the old one (it keeps "
	  "the old code until it is rebooted). Nothing is changed.",
	  ISSU_ON_BOTH, ISSU_CONFIRM_NONE, NULL,
	  "new master on the target, old master backup", ISSU_LIMIT_BACKUP_REBOOT },
	{ ISSU_STEP_REBOOT_OLD_MASTER, "reboot-old-master", "Reboot old master",
	  "Reboots the old master, now the backup, so that it boots the new "
	  "release. The console refuses if that RE is master. Its sessions "
	  "drop; it is back in 5 to 15 minutes. The master carries the "
	  "traffic meanwhile, without a backup.",
	  ISSU_ON_OLD_MASTER, ISSU_CONFIRM_TYPED, "request system reboot",
	  "the RE rebooted and is reachable again", ISSU_LIMIT_OLD_MASTER_REBOOT },
	{ ISSU_STEP_VERIFY, "verify", "Verify versions",
	  "Reads both REs: both must run the target release, the backup must "
	  "be ready for switchover again and NSR replication complete. After "
	  "a reboot this can take a few minutes; the console waits and reads "
	  "again. Nothing is changed.",
	  ISSU_ON_BOTH, ISSU_CONFIRM_NONE, NULL,
	  "both on target, backup ready", ISSU_LIMIT_SWITCH_HOLDDOWN },
	{ ISSU_STEP_SWITCH_BACK, "switch-back", "Switch back",
	  "Gives mastership back to the RE that was master before the ISSU, "
	  "so the chassis looks as it did. Only when the backup is ready. "
	  "Junos refuses a switch too soon after a reboot ('try after N "
	  "secs'): the console counts down and tries again. A graceful "
	  "switchover: traffic keeps flowing. Takes seconds to minutes.",
	  ISSU_ON_MASTER, ISSU_CONFIRM_TYPED,
	  "request chassis routing-engine master switch",
	  "the old master is master again", ISSU_LIMIT_SWITCH_HOLDDOWN },
	{ ISSU_STEP_DONE, "done", "Done",
	  "Summary: releases before and after, time per step, and where the "
	  "transcript and the change record are.",
	  ISSU_ON_BOTH, ISSU_CONFIRM_NONE, NULL, "", ISSU_LIMIT_NONE },
};

const struct issu_step_def *
issu_step_def(enum issu_step_id id)
{
	return (unsigned)id < ISSU_STEP_COUNT ? &issu_steps[id] : NULL;
}

/* The sub-phases of the upgrade step, in order, and the milestones that
 * reach them. */
static const char *const issu_sub_phases[] = {
	"image validated", "backup upgraded", "backup rebooting", "backup back",
	"GRES operational", "daemons ready", "FRUs upgrading", "switchover",
	"done",
};
enum { SUB_VALIDATED, SUB_BACKUP_UPGRADED, SUB_BACKUP_REBOOTING,
	SUB_BACKUP_BACK, SUB_GRES, SUB_DAEMONS, SUB_FRUS, SUB_SWITCHOVER,
	SUB_DONE, SUB_COUNT };

static const struct {
	enum junos_issu_milestone m;
	int sub;
} issu_milestone_map[] = {
	{ JUNOS_ISSU_PREPARING_BACKUP, SUB_VALIDATED },
	{ JUNOS_ISSU_BACKUP_UPGRADED, SUB_BACKUP_UPGRADED },
	{ JUNOS_ISSU_BACKUP_REBOOTING, SUB_BACKUP_REBOOTING },
	{ JUNOS_ISSU_BACKUP_PREPARE_DONE, SUB_BACKUP_REBOOTING },
	{ JUNOS_ISSU_WAITING_BACKUP, SUB_BACKUP_REBOOTING },
	{ JUNOS_ISSU_GRES_OPERATIONAL, SUB_GRES },
	{ JUNOS_ISSU_CHASSIS_ISSU_STARTED, SUB_GRES },
	{ JUNOS_ISSU_DAEMONS_PREPARING, SUB_GRES },
	{ JUNOS_ISSU_DAEMONS_READY, SUB_DAEMONS },
	{ JUNOS_ISSU_FRUS_UPGRADING, SUB_FRUS },
	{ JUNOS_ISSU_PREPARING_SWITCHOVER, SUB_FRUS },
	{ JUNOS_ISSU_SWITCHOVER_DONE, SUB_SWITCHOVER },
	{ JUNOS_ISSU_ISSU_COMPLETE, SUB_DONE },
	{ JUNOS_ISSU_OLD_MASTER_UPGRADING, SUB_DONE },
	{ JUNOS_ISSU_OLD_MASTER_UPGRADED, SUB_DONE },
	{ JUNOS_ISSU_IDLE, SUB_DONE },
};

const char *
issu_sub_phase_name(int i)
{
	return i >= 0 && i < SUB_COUNT ? issu_sub_phases[i] : NULL;
}

int
issu_sub_phase_count(void)
{
	return SUB_COUNT;
}

/* ---- the engine -------------------------------------------------------------- */

struct issu;
typedef void issu_fn(struct issu *);
typedef void issu_line_fn(struct issu *, int slot, const char *line);
typedef void issu_answer_fn(struct issu *, bool yes);

/* The one command in flight on an RE. */
struct issu_cmd {
	bool busy;
	char text[600];
	char *out;			/* kept output (bounded), NUL-terminated */
	size_t len, cap;
	bool keep;			/* accumulate into out */
	int probe;			/* a read's probe, or -1 */
	issu_line_fn *on_line;		/* each whole line as it arrives */
	issu_line_fn *on_prompt;	/* an unfinished line (question) */
	void (*on_end)(struct issu *, int slot, bool lost, int status);
	bool watch;			/* its callbacks run even while stopped
					   (they only record: the ISSU's) */
	bool typed;			/* the console typed an answer into it */
	char partial[1024];		/* a line split across LINES events */
};

/* A read: probes wanted per RE, run one at a time, then `then`. */
struct issu_read {
	bool active;
	bool lost[2];			/* an answer was cut: the RE dropped */
	int cut_probe[2];		/* the first probe cut; -1 none */
	bool moved;			/* an RE read as master answered as a
					   backup: mastership moved mid-read */
	unsigned want[2], left[2];
	issu_fn *then;
	char err[768];			/* the first output not understood */
};

enum issu_wait_kind {
	WAIT_NONE,
	WAIT_CONNECT,			/* both REs connected (or grace) */
	WAIT_POLL,			/* read again at next_poll */
	WAIT_COUNTDOWN,			/* Junos' hold-down */
	WAIT_DROP,			/* an RE must go down, then come back */
};

struct issu {
	struct issu_params p;
	char *router, *host[2], *package, *package_sha256;
	struct junos_release target;
	bool have_target;
	char target_err[256];

	struct issu_view v;
	double now, started;

	struct issu_intent intents[ISSU_INTENTS_MAX];
	size_t ihead, icount;

	struct issu_cmd cmd[2];
	struct issu_read rd;
	bool rd_carry[2];		/* drops the next read inherits */
	int rd_moves;			/* full reads redone in a row because
					   mastership moved under them */
	/* An answer not understood, held while the roles are read again: a
	 * switchover between the two rounds explains it, then no stop. */
	char rd_held_err[768];
	enum junos_re_role rd_held_role[2];
	issu_fn *rd_held_then;
	bool rd_held_both, rd_held_light;

	/* The open question's continuation. */
	issu_answer_fn *on_answer;

	/* The current wait. */
	enum issu_wait_kind wait;
	issu_fn *wait_then;		/* when it is over */
	issu_fn *full_then;		/* after both rounds of a full read */
	bool full_needs_both;		/* it judges both REs: redo on a drop */
	bool full_light;		/* roles, releases, the ISSU's state */
	issu_fn *retry_then;		/* the continuation of a redone read */
	issu_fn *poll_fn;		/* WAIT_POLL: what to do each poll */
	double next_poll;
	double connect_since;
	bool connect_any;		/* WAIT_CONNECT: one RE is enough after
					   the grace period */
	bool permanent[2];		/* host key or auth: no retry helps */
	char permanent_why[2][512];
	double down_since[2];		/* 0 when connected */

	/* Upgrade. */
	bool issu_sent, issu_error, issu_complete, issu_monitor;
	char monitor_said[256];		/* the last progress said, once */
	char checks_said[ISSU_CHECK_COUNT + 1];	/* results last reported */
	char errlines[ISSU_ERRLINES_MAX][256];
	size_t nerrlines;
	int new_master;
	double issu_sent_at;		/* when the ISSU command went out */
	double issu_window;		/* its limit runs from here: the send,
					   or the operator's "keep following" */
	double backup_down_deadline;

	/* Reboot of the old master.  Done only on what was seen: the question
	 * answered, then the RE gone (its session dropped and a login
	 * refused, or its uptime restarted after the command). */
	int reboot_slot;
	double reboot_sent;
	bool reboot_dropped;		/* its session dropped after "yes" */
	bool reboot_answered;		/* "yes" typed to "Reboot the system ?" */
	bool reboot_unreachable;	/* a login refused while it was down */
	char reboot_said[512];		/* what was seen, when not done */

	/* Why each RE's session last ended (the owner's words). */
	char drop_why[2][256];

	/* A confirmation of a change, held while `show system users` is read
	 * again to name who else is logged in. */
	struct {
		enum issu_confirm kind;
		int slot;
		issu_answer_fn *then;
		char text[2048];
	} pend_ask;

	/* Fix prerequisites: the script typed into the CLI. */
	const char *fix_lines[ISSU_FIX_MAX];
	size_t nfix;
	int fix_stage;
	size_t fix_index;
	char fix_error[1024];
	char unexpected[1024];		/* a question nobody expected */
	bool fix_rolled_back;		/* "rollback 0" was typed and taken */

	/* Switch back. */
	int switch_attempts;
	int switch_slot;		/* the master the switch goes to */
	bool switch_asked_whether;
	bool switch_answered;		/* "yes" typed to Junos' question */
	bool switch_lost;		/* its session dropped after sending */

	char anomalies[12][1024];	/* for the change record, whole */
	size_t nanomalies;

	/* Records that cannot be written hold the next change: what goes on
	 * once the operator typed norecord (it reads the router again). */
	issu_answer_fn *records_then;
	char left_why[256];		/* "" unless left by issu_left_because */
};

static void read_prepare_then(struct issu *e);
static void read_full(struct issu *e, issu_fn *then);
static void read_full_both(struct issu *e, issu_fn *then);
static void read_rounds(struct issu *e, issu_fn *then, bool both,
    bool light);
static void read_held_roles(struct issu *e);
static bool issu_streaming(const struct issu *e);
static bool cmd_live(const struct issu *e, const struct issu_cmd *c);
static void read_full_retry(struct issu *e);
static void wait_connected(struct issu *e, bool any, issu_fn *then);
static void derive_and_resume(struct issu *e);

/* ---- small helpers ------------------------------------------------------------ */

static char *
issu_strdup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static struct issu_intent *
intent_push(struct issu *e, enum issu_intent_kind kind, int slot)
{
	struct issu_intent *it;

	if (e->icount == ISSU_INTENTS_MAX) {
		/* The owner drains after every call; this cannot fill unless
		 * it does not.  Drop the oldest note rather than a command. */
		e->ihead = (e->ihead + 1) % ISSU_INTENTS_MAX;
		e->icount--;
	}
	it = &e->intents[(e->ihead + e->icount) % ISSU_INTENTS_MAX];
	e->icount++;
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->slot = slot;
	return it;
}

bool
issu_next_intent(struct issu *e, struct issu_intent *out)
{
	if (e->icount == 0)
		return false;
	*out = e->intents[e->ihead];
	e->ihead = (e->ihead + 1) % ISSU_INTENTS_MAX;
	e->icount--;
	return true;
}

static void issu_note(struct issu *e, int slot, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
issu_note(struct issu *e, int slot, const char *fmt, ...)
{
	struct issu_intent *it = intent_push(e, ISSU_DO_NOTE, slot);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(it->text, sizeof it->text, fmt, ap);
	va_end(ap);
}

static void issu_anomaly(struct issu *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
issu_anomaly(struct issu *e, const char *fmt, ...)
{
	va_list ap;

	if (e->nanomalies == sizeof e->anomalies / sizeof e->anomalies[0])
		return;
	va_start(ap, fmt);
	vsnprintf(e->anomalies[e->nanomalies++], sizeof e->anomalies[0], fmt,
	    ap);
	va_end(ap);
}

static void
redraw(struct issu *e)
{
	intent_push(e, ISSU_DO_REDRAW, -1);
}

static const char *
hostname_of(const struct issu *e, int slot)
{
	const char *h = issu_facts_hostname(&e->v.facts[slot], slot);

	return h != NULL ? h : "hostname not read";
}

static const char *
version_of(const struct issu *e, int slot)
{
	return issu_facts_version(&e->v.facts[slot], slot);
}

static enum junos_re_role
role_of(const struct issu *e, int slot)
{
	return issu_facts_role(&e->v.facts[slot], slot);
}

/* "re0 (mx480-re0, 192.0.2.10, master)": how every question names an RE. */
static void
re_label(const struct issu *e, int slot, char *buf, size_t len)
{
	snprintf(buf, len, "re%d (%s, %s, %s)", slot, hostname_of(e, slot),
	    e->host[slot] != NULL ? e->host[slot] : "?",
	    junos_re_role_name(role_of(e, slot)));
}

/* -1, 0, 1 against the target; 2 when not comparable. */
static int
cmp_target(const struct issu *e, const char *version)
{
	struct junos_release r;
	int c;

	if (!e->have_target || version == NULL ||
	    junos_release_parse(version, &r) != 0)
		return 2;
	c = junos_release_compare(&r, &e->target);
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/* A duration as the router lives it: the owner's seconds times the time
 * scale (a rehearsal's limits read as the configured minutes). */
static void
minutes(const struct issu *e, double s, char *buf, size_t len)
{
	s *= e->p.time_scale;
	if (s >= 120)
		snprintf(buf, len, "%.0f min", s / 60);
	else
		snprintf(buf, len, "%.0f s", s);
}

/* ---- step bookkeeping ------------------------------------------------------------ */

static void
step_begin(struct issu *e, enum issu_step_id id)
{
	struct issu_step_run *r = &e->v.run[id];

	e->v.step = id;
	e->v.state = ISSU_STATE_WORKING;
	if (r->started == 0 || r->result != ISSU_CHECK_PENDING) {
		r->started = e->now;
		r->ended = 0;
		r->result = ISSU_CHECK_PENDING;
		r->note[0] = '\0';
	}
	if (id != ISSU_STEP_DONE)
		issu_note(e, -1, "--- step %d/%d %s started", (int)id + 1,
		    ISSU_STEPS_NUMBERED, issu_steps[id].title);
	redraw(e);
}

static void step_end(struct issu *e, enum issu_step_id id,
    enum issu_check_result result, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
step_end(struct issu *e, enum issu_step_id id, enum issu_check_result result,
    const char *fmt, ...)
{
	struct issu_step_run *r = &e->v.run[id];
	va_list ap;

	if (r->started == 0)
		r->started = e->now;
	r->ended = e->now;
	r->result = result;
	va_start(ap, fmt);
	vsnprintf(r->note, sizeof r->note, fmt, ap);
	va_end(ap);
	if (id == ISSU_STEP_DONE)
		return;
	issu_note(e, -1, "--- step %d/%d %s: %s (%s)", (int)id + 1,
	    ISSU_STEPS_NUMBERED, issu_steps[id].title,
	    result == ISSU_CHECK_PASS ? "done" :
	    result == ISSU_CHECK_SKIPPED ? "skipped" : "failed", r->note);
}

static void stop(struct issu *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A clear stop: nothing more is sent until the operator retries. */
static void
stop(struct issu *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->v.stop_reason, sizeof e->v.stop_reason, fmt, ap);
	va_end(ap);
	e->v.state = ISSU_STATE_STOPPED;
	e->v.waiting_for[0] = '\0';
	e->v.deadline = 0;
	e->v.countdown_until = 0;
	e->wait = WAIT_NONE;
	e->rd.active = false;
	e->on_answer = NULL;
	if (e->v.run[e->v.step].result == ISSU_CHECK_PENDING) {
		e->v.run[e->v.step].result = ISSU_CHECK_FAIL;
		e->v.run[e->v.step].ended = e->now;
		snprintf(e->v.run[e->v.step].note, sizeof e->v.run[0].note,
		    "stopped");
	}
	issu_anomaly(e, "step %s stopped: %s", issu_steps[e->v.step].title,
	    e->v.stop_reason);
	issu_note(e, -1, "STOPPED: %s", e->v.stop_reason);
	redraw(e);
}

static void stop_append(struct issu *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* What happened while stopped, added to the stop's reason rather than
 * over it: a host key's refusal must not vanish behind later news. */
static void
stop_append(struct issu *e, const char *fmt, ...)
{
	size_t used = strlen(e->v.stop_reason);
	char more[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(more, sizeof more, fmt, ap);
	va_end(ap);
	snprintf(e->v.stop_reason + used, sizeof e->v.stop_reason - used,
	    "\n%s", more);
	issu_anomaly(e, "while stopped: %s", more);
	issu_note(e, -1, "%s", more);
	redraw(e);
}

static void wait_poll(struct issu *e, issu_fn *each);
static void watch_poll(struct issu *e);

static void
wait_for_operator(struct issu *e, enum issu_step_id id)
{
	e->v.step = id;
	e->v.state = ISSU_STATE_WAIT_PROCEED;
	e->v.waiting_for[0] = '\0';
	e->v.deadline = 0;
	e->wait = WAIT_NONE;
	if (e->p.watch_only) {
		/* Nothing to start here: follow what the holder does. */
		issu_note(e, -1, "Next: step %d/%d %s, for the console holding "
		    "the lock to start; this one watches.", (int)id + 1,
		    ISSU_STEPS_NUMBERED, issu_steps[id].title);
		wait_poll(e, watch_poll);
		redraw(e);
		return;
	}
	issu_note(e, -1, "Next: step %d/%d %s. Press Enter to start it "
	    "(? explains it).", (int)id + 1, ISSU_STEPS_NUMBERED,
	    issu_steps[id].title);
	redraw(e);
}

static void waiting(struct issu *e, double limit, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Says what the console waits for and until when. */
static void
waiting(struct issu *e, double limit, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->v.waiting_for, sizeof e->v.waiting_for, fmt, ap);
	va_end(ap);
	e->v.waiting_since = e->now;
	e->v.deadline = limit > 0 ? e->now + limit : 0;
	issu_note(e, -1, "Waiting: %s", e->v.waiting_for);
	redraw(e);
}

/* ---- commands ----------------------------------------------------------------- */

static void
cmd_reset(struct issu_cmd *c)
{
	free(c->out);
	memset(c, 0, sizeof *c);
	c->probe = -1;
}

static void read_probe_end(struct issu *e, int slot, bool lost, int status);

/* Sends one command to `slot`; false (nothing sent) when one is in flight,
 * the RE is not connected, or the engine is watch-only and it is no read. */
static bool
cmd_send(struct issu *e, int slot, const char *text, bool keep,
    issu_line_fn *on_line, issu_line_fn *on_prompt,
    void (*on_end)(struct issu *, int, bool, int))
{
	struct issu_cmd *c = &e->cmd[slot];
	struct issu_intent *it;

	if (c->busy || !e->v.connected[slot])
		return false;
	/* The last guard of a watcher: only reads go out (the CLI and every
	 * command that is no probe change the router). */
	if (e->p.watch_only && (text == NULL || on_end != read_probe_end)) {
		issu_note(e, slot, "Watch only: \"%s\" was not sent to re%d.",
		    text != NULL ? text : "(CLI)", slot);
		return false;
	}
	cmd_reset(c);
	c->busy = true;
	c->keep = keep;
	c->on_line = on_line;
	c->on_prompt = on_prompt;
	c->on_end = on_end;
	snprintf(c->text, sizeof c->text, "%s", text != NULL ? text : "");
	it = intent_push(e, text != NULL ? ISSU_DO_RUN : ISSU_DO_SHELL, slot);
	if (text != NULL)
		snprintf(it->text, sizeof it->text, "%s", text);
	return true;
}

static void
type_line(struct issu *e, int slot, const char *line)
{
	struct issu_intent *it;

	if (e->p.watch_only)
		return;		/* a watcher runs nothing that asks */
	e->cmd[slot].typed = true;
	it = intent_push(e, ISSU_DO_INPUT, slot);
	snprintf(it->text, sizeof it->text, "%s\n", line);
}

static void
cmd_keep(struct issu_cmd *c, const char *text, size_t n)
{
	if (!c->keep || c->len + n + 1 > ISSU_OUT_MAX)
		return;
	if (c->len + n + 1 > c->cap) {
		size_t cap = c->cap ? c->cap : 4096;
		char *p;

		while (cap < c->len + n + 1)
			cap *= 2;
		if ((p = realloc(c->out, cap)) == NULL)
			return;
		c->out = p;
		c->cap = cap;
	}
	memcpy(c->out + c->len, text, n);
	c->len += n;
	c->out[c->len] = '\0';
}

/* ---- reads ------------------------------------------------------------------- */

static void read_pump(struct issu *e);

static void
read_probe_end(struct issu *e, int slot, bool lost, int status)
{
	struct issu_cmd *c = &e->cmd[slot];
	char err[600];
	int p = c->probe;

	if (!e->rd.active || p < 0)
		return;
	/* No exit status: the channel was cut, its output maybe too. */
	if (lost || status == -1) {
		if (!e->rd.lost[slot])
			e->rd.cut_probe[slot] = p;
		e->rd.lost[slot] = true;
		return;
	}
	/* Asked as the master, answered as a backup: the switchover happened
	 * between the two rounds.  Not output to misread: read again. */
	if (c->out != NULL && junos_is_master_only_refusal(c->out, c->len)) {
		e->rd.moved = true;
		return;
	}
	if (issu_facts_apply(&e->v.facts[slot], (enum issu_probe)p,
	    e->package, c->out != NULL ? c->out : "", c->len, err,
	    sizeof err) != 0 && e->rd.err[0] == '\0') {
		snprintf(e->rd.err, sizeof e->rd.err, "re%d: %s", slot, err);
		issu_note(e, slot, "not understood: %s", err);
	}
}

/* Starts probes on both REs; `then` runs when every answer is in (or its RE
 * dropped: the facts stay unknown). */
static void
read_start(struct issu *e, unsigned want0, unsigned want1, issu_fn *then)
{
	int s;

	e->rd.active = true;
	e->rd.lost[0] = e->rd_carry[0];
	e->rd.lost[1] = e->rd_carry[1];
	e->rd.cut_probe[0] = e->rd.cut_probe[1] = -1;
	e->rd.moved = false;
	e->rd_carry[0] = e->rd_carry[1] = false;
	e->rd.want[0] = want0;
	e->rd.want[1] = want1;
	e->rd.err[0] = '\0';
	e->rd.then = then;
	for (s = 0; s < 2; s++) {
		unsigned w = e->rd.want[s];
		int p;

		if (!e->v.connected[s])
			w = 0;
		e->rd.left[s] = w;
		for (p = 0; p < ISSU_PROBE_COUNT; p++)
			if (e->rd.want[s] & (1u << p))
				e->v.facts[s].have &= ~(1u << p);
	}
	read_pump(e);
}

static void
read_pump(struct issu *e)
{
	int s, p;

	if (!e->rd.active)
		return;
	for (s = 0; s < 2; s++) {
		char cmdtext[600];

		if (!e->v.connected[s])
			e->rd.left[s] = 0;
		while (!e->cmd[s].busy && e->rd.left[s] != 0) {
			for (p = 0; p < ISSU_PROBE_COUNT; p++)
				if (e->rd.left[s] & (1u << p))
					break;
			e->rd.left[s] &= ~(1u << p);
			if (issu_probe_command((enum issu_probe)p, e->package,
			    cmdtext, sizeof cmdtext) == 0 && cmd_send(e, s,
			    cmdtext, true, NULL, NULL, read_probe_end))
				e->cmd[s].probe = p;
		}
	}
	for (s = 0; s < 2; s++)
		if (e->rd.left[s] != 0 || (e->cmd[s].busy && e->cmd[s].probe >= 0))
			return;
	e->rd.active = false;
	if (e->rd.then != NULL)
		e->rd.then(e);
}

/*
 * What a cut read saw, in words: "timeout reading `file list ...` on re0"
 * when the session said it timed out, "the connection to re0 was lost
 * while reading `...`" for a drop; never a fact it did not read.  False
 * when no answer of the last read was cut.
 */
static bool
read_cut_text(const struct issu *e, char *buf, size_t len)
{
	int s;

	for (s = 0; s < 2; s++) {
		char cmd[600] = "";
		const char *why = e->drop_why[s];

		if (!e->rd.lost[s])
			continue;
		if (e->rd.cut_probe[s] < 0 || issu_probe_command(
		    (enum issu_probe)e->rd.cut_probe[s], e->package, cmd,
		    sizeof cmd) != 0)
			snprintf(cmd, sizeof cmd, "it");
		if (!e->v.connected[s] && strncmp(why, "timeout", 7) == 0)
			snprintf(buf, len, "timeout reading `%s` on re%d (%s)",
			    cmd, s, why);
		else if (!e->v.connected[s])
			snprintf(buf, len, "the connection to re%d was lost while "
			    "reading `%s`%s%s%s", s, cmd, why[0] ? " (" : "",
			    why, why[0] ? ")" : "");
		else
			snprintf(buf, len, "the answer to `%s` on re%d was cut "
			    "(no exit status: a timeout or a dropped connection)",
			    cmd, s);
		return true;
	}
	return false;
}

#define P(x) (1u << ISSU_PROBE_##x)

/* What the checks need, by role. */
static const unsigned READ_ROUND1 = P(VERSION) | P(RE);
static const unsigned READ_MASTER = P(CONFIG) | P(STORAGE) | P(REPLICATION) |
    P(ALARMS) | P(USERS) | P(ISSU_STATUS);
static const unsigned READ_BACKUP = P(CONFIG) | P(STORAGE) | P(SWITCHOVER);

/* Round 1 tells the roles; round 2 asks each RE what its role can answer
 * (show system switchover is a backup command, replication and /var/tmp
 * matter on the master). */
static void
read_full_round2(struct issu *e)
{
	unsigned w[2] = { 0, 0 };
	int s;

	if (e->rd.err[0] != '\0') {
		stop(e, "%s. The console does not guess: check this output on "
		    "the router.", e->rd.err);
		return;
	}
	bool lost[2] = { e->rd.lost[0], e->rd.lost[1] };

	for (s = 0; s < 2; s++) {
		enum junos_re_role r = role_of(e, s);

		if (e->full_light)
			w[s] = r == JUNOS_ROLE_MASTER ? P(ISSU_STATUS) : 0;
		else if (r == JUNOS_ROLE_MASTER) {
			w[s] = READ_MASTER;
			if (e->package != NULL)
				w[s] |= P(FILE);
			if (e->package != NULL && e->package_sha256 != NULL)
				w[s] |= P(CHECKSUM);
		} else if (r == JUNOS_ROLE_BACKUP)
			w[s] = READ_BACKUP;
	}
	/* A drop in round 1 still counts when round 2 ends. */
	e->rd_carry[0] = lost[0];
	e->rd_carry[1] = lost[1];
	read_start(e, w[0], w[1], read_prepare_then);
}

/* The continuation of a full read is kept here while its two rounds run. */
static void
read_prepare_then(struct issu *e)
{
	issu_fn *then = e->full_then;
	bool light = e->full_light;

	e->full_then = NULL;
	if (e->rd.moved && e->rd_moves < 3) {
		/* Roles read in round 1 no longer hold, nor what was judged
		 * by them: the whole read again (a switchover takes seconds;
		 * three in a row is not one). */
		e->rd_moves++;
		issu_note(e, -1, "Mastership moved while the REs were read; "
		    "reading both again.");
		read_rounds(e, then, e->full_needs_both, light);
		return;
	}
	if (e->rd.moved && e->rd.err[0] == '\0')
		snprintf(e->rd.err, sizeof e->rd.err, "an RE read as master "
		    "answered as a backup three reads in a row");
	if (e->full_needs_both && (e->rd.lost[0] || e->rd.lost[1] ||
	    !e->v.connected[0] || !e->v.connected[1])) {
		/* An RE dropped while being read: read both again once both
		 * are back, within the wait's own deadline. */
		issu_note(e, -1, "An RE dropped while it was read; reading both "
		    "again when they are reachable.");
		e->retry_then = then;
		if (e->v.deadline == 0)
			waiting(e, e->p.limit_backup_reboot, "both REs to be "
			    "reachable");
		wait_connected(e, false, read_full_retry);
		return;
	}
	if (e->rd.err[0] != '\0') {
		int s;

		/* The roles again first: a backup that just became master
		 * (or the reverse) answers in its new role's words. */
		snprintf(e->rd_held_err, sizeof e->rd_held_err, "%s",
		    e->rd.err);
		for (s = 0; s < 2; s++)
			e->rd_held_role[s] = role_of(e, s);
		e->rd_held_then = then;
		e->rd_held_both = e->full_needs_both;
		e->rd_held_light = light;
		read_start(e, P(RE), P(RE), read_held_roles);
		return;
	}
	{
		int s;

		e->v.master = -1;
		for (s = 0; s < 2; s++)
			if (role_of(e, s) == JUNOS_ROLE_MASTER)
				e->v.master = s;
	}
	e->rd_moves = 0;
	if (then != NULL)
		then(e);
}

/* After an answer not understood: the roles read again.  Moved: the whole
 * read again (counted with the refusals above); held: the stop. */
static void
read_held_roles(struct issu *e)
{
	bool moved = e->rd.err[0] == '\0' && e->rd_moves < 3 &&
	    (role_of(e, 0) != e->rd_held_role[0] ||
	    role_of(e, 1) != e->rd_held_role[1]);

	if (moved) {
		e->rd_moves++;
		issu_note(e, -1, "Mastership moved while the REs were read; "
		    "reading both again.");
		read_rounds(e, e->rd_held_then, e->rd_held_both,
		    e->rd_held_light);
		return;
	}
	e->rd_moves = 0;
	stop(e, "%s. The console does not guess: check this output on the "
	    "router.", e->rd_held_err);
}

/* Both rounds; how is set before round 1, which can end at once (no RE
 * connected) and run round 2 before read_start returns. */
static void
read_rounds(struct issu *e, issu_fn *then, bool both, bool light)
{
	e->full_then = then;
	e->full_needs_both = both;
	e->full_light = light;
	read_start(e, READ_ROUND1, READ_ROUND1, read_full_round2);
}

static void
read_full(struct issu *e, issu_fn *then)
{
	read_rounds(e, then, false, false);
}

/* What following an upgrade needs, every poll for up to an hour: roles,
 * releases and the master's word on the ISSU (5 commands, not the 11 or
 * more of a full read, nor a sha-256 of the package each time). */
static void
read_follow(struct issu *e, issu_fn *then)
{
	read_rounds(e, then, false, true);
}

/* A full read whose continuation judges both REs: an RE that drops
 * mid-read makes it start again rather than judge half the chassis. */
static void
read_full_both(struct issu *e, issu_fn *then)
{
	read_rounds(e, then, true, false);
}

static void
read_full_retry(struct issu *e)
{
	read_full_both(e, e->retry_then);
}


/* ---- waits ------------------------------------------------------------------- */

static void
wait_connected(struct issu *e, bool any, issu_fn *then)
{
	e->wait = WAIT_CONNECT;
	e->connect_any = any;
	e->connect_since = e->now;
	e->wait_then = NULL;
	e->poll_fn = then;
	if (e->v.connected[0] && e->v.connected[1]) {
		e->wait = WAIT_NONE;
		then(e);
	}
}

static void
wait_poll(struct issu *e, issu_fn *each)
{
	e->wait = WAIT_POLL;
	e->poll_fn = each;
	e->next_poll = e->now + e->p.poll_interval;
}

/* ---- watching ---------------------------------------------------------------- */

/*
 * A watcher (another console holds the router's lock) reads and follows:
 * where a step would be offered it reads the roles, releases and the ISSU's
 * state every poll, and derives the phase again only when it moved (the
 * holder started a step), so that a quiet router makes no noise.
 */
static void watch_check(struct issu *e);

static void
watch_poll(struct issu *e)
{
	read_follow(e, watch_check);
}

static void
watch_check(struct issu *e)
{
	struct issu_phase_view pv;

	issu_phase_derive(e->v.facts, e->have_target ? &e->target : NULL, &pv);
	if (!e->v.connected[0] || !e->v.connected[1] || e->rd.err[0] != '\0' ||
	    (pv.phase == e->v.phase.phase && pv.master == e->v.phase.master)) {
		e->v.state = ISSU_STATE_WAIT_PROCEED;
		wait_poll(e, watch_poll);
		return;
	}
	issu_note(e, -1, "The router moved on (%s): following it.",
	    issu_phase_name(pv.phase));
	read_full(e, derive_and_resume);
}

/* Where a confirmation would be asked: a watcher waits and follows. */
static void
watch_hold(struct issu *e)
{
	e->on_answer = NULL;
	e->v.ask.kind = ISSU_CONFIRM_NONE;
	issu_note(e, -1, "Watch only (%s): this console sends no command that "
	    "changes the router and asks no confirmation.", e->v.watch_why);
	wait_for_operator(e, e->v.step);
}

bool
issu_may_change(const struct issu *e)
{
	return !e->p.watch_only;
}

/* ---- questions --------------------------------------------------------------- */

static void watch_hold(struct issu *e);

static void
ask(struct issu *e, enum issu_confirm kind, int slot, issu_answer_fn *then,
    const char *text)
{
	/* Every question leads to a change: a watcher is never asked. */
	if (e->p.watch_only) {
		watch_hold(e);
		return;
	}
	e->v.state = ISSU_STATE_ASKING;
	e->v.ask.kind = kind;
	e->v.ask.slot = slot;
	snprintf(e->v.ask.text, sizeof e->v.ask.text, "%s", text);
	if (kind == ISSU_CONFIRM_TYPED)
		snprintf(e->v.ask.expect, sizeof e->v.ask.expect, "re%d", slot);
	else
		e->v.ask.expect[0] = '\0';
	e->on_answer = then;
	intent_push(e, ISSU_DO_ASK, slot);
	redraw(e);
}

/* The rows of `show system users` on one RE as "alice (p1 from
 * 10.0.0.5), bob (p2 from -)".  The console's own sessions are exec
 * channels without a terminal, which Junos (w(1)) does not list: every row
 * is someone else. */
static size_t
users_text(const struct junos_users *u, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < u->nusers && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s (%s from "
		    "%s)", i ? ", " : "", u->user[i].user, u->user[i].tty,
		    u->user[i].from);
	return u->nusers;
}

static void ask_change_read(struct issu *e);

/*
 * The confirmation of a change: `show system users` is read again on both
 * REs first and who else is logged in is named in the question ("also
 * logged in on re0: alice (p1 from 10.0.0.5)"), so that an operator who
 * confirms knows who else may be changing the router right now.  `text`
 * ends with its answer line; the users go just before it.
 */
static void
ask_change(struct issu *e, enum issu_confirm kind, int slot,
    issu_answer_fn *then, const char *text)
{
	if (e->p.watch_only) {
		watch_hold(e);
		return;
	}
	e->pend_ask.kind = kind;
	e->pend_ask.slot = slot;
	e->pend_ask.then = then;
	snprintf(e->pend_ask.text, sizeof e->pend_ask.text, "%s", text);
	issu_note(e, slot, "Reading who is logged in on both REs before "
	    "asking.");
	read_start(e, P(USERS), P(USERS), ask_change_read);
}

static void
ask_change_read(struct issu *e)
{
	char text[2048], who[700], cut[900];
	const char *last = strrchr(e->pend_ask.text, '\n');
	size_t head = last != NULL ? (size_t)(last - e->pend_ask.text + 1) : 0;
	size_t used;
	int s;

	used = (size_t)snprintf(text, sizeof text, "%.*s", (int)head,
	    e->pend_ask.text);
	for (s = 0; s < 2 && used < sizeof text; s++) {
		const struct issu_re_facts *f = &e->v.facts[s];

		if (!issu_facts_have(f, ISSU_PROBE_USERS)) {
			if (e->rd.lost[s] && read_cut_text(e, cut, sizeof cut))
				;
			else
				snprintf(cut, sizeof cut, "%s", e->v.connected[s] ?
				    "its answer was not understood" :
				    "not connected");
			used += (size_t)snprintf(text + used, sizeof text - used,
			    "Who is logged in on re%d could not be read (%s).\n",
			    s, cut);
		} else if (users_text(&f->users, who, sizeof who) > 0)
			used += (size_t)snprintf(text + used, sizeof text - used,
			    "Also logged in on re%d: %s.\n", s, who);
		else
			used += (size_t)snprintf(text + used, sizeof text - used,
			    "Nobody else logged in on re%d.\n", s);
	}
	if (used < sizeof text)
		snprintf(text + used, sizeof text - used, "%s",
		    e->pend_ask.text + head);
	ask(e, e->pend_ask.kind, e->pend_ask.slot, e->pend_ask.then, text);
}

/* A refusal sends nothing; the step waits for the operator again. */
static void
refused(struct issu *e, int slot)
{
	if (slot >= 0)
		issu_note(e, slot, "Not confirmed: nothing was sent to re%d.",
		    slot);
	else
		issu_note(e, -1, "Not confirmed: nothing was sent.");
	wait_for_operator(e, e->v.step);
}

static void
records_answered(struct issu *e, bool yes)
{
	issu_answer_fn *then = e->records_then;
	int slot = e->v.ask.slot;

	e->records_then = NULL;
	if (!yes) {
		stop(e, "Not sent: the records cannot be written (%s). Free the "
		    "space or fix log_dir, then run the console again; or press "
		    "Enter and type norecord when asked to go on without a "
		    "complete record.", e->v.records_failed);
		return;
	}
	e->v.records_waived = true;
	issu_anomaly(e, "the operator typed norecord: went on without a "
	    "complete record (%s)", e->v.records_failed);
	issu_note(e, slot, "Going on without a complete record, as typed. "
	    "Reading re%d again before sending.", slot);
	then(e, true);
}

/*
 * Records that cannot be written hold every change: with a failure not
 * waived, asks for "norecord" instead of sending and returns true; `then`
 * (a step's confirmed continuation: it reads the router again) goes on once
 * it is typed.  Called right before each changing command is sent.
 */
static bool
records_hold(struct issu *e, int slot, const char *command,
    issu_answer_fn *then)
{
	char text[2048];

	if (e->v.records_failed[0] == '\0' || e->v.records_waived)
		return false;
	snprintf(text, sizeof text, "The records cannot be written: %s.\n"
	    "Nothing was sent. \"%s\" on re%d would change the router with no "
	    "complete record of it. Free the space (or fix log_dir) and run "
	    "the console again, or go on without a complete record (the "
	    "change record says so).\nType norecord to go on, Esc to cancel:",
	    e->v.records_failed, command, slot);
	e->records_then = then;
	ask(e, ISSU_CONFIRM_TYPED, slot, records_answered, text);
	snprintf(e->v.ask.expect, sizeof e->v.ask.expect, "norecord");
	return true;
}

/*
 * Junos' own yes/no questions: "yes" is typed only when the text is exactly
 * the question the step expects; any other question is left unanswered and
 * its input closed, which Junos takes as its default "no".  Returns 1 when
 * answered, -1 for an unexpected question, 0 when the text is no question.
 */
static int
answer_only(struct issu *e, int slot, const char *text,
    enum junos_question expected, const char *why)
{
	enum junos_question q = junos_question_classify(text, strlen(text));

	if (q == expected) {
		type_line(e, slot, "yes");
		issu_note(e, slot, "Junos asked \"%s\": answered yes%s.", text, why);
		return 1;
	}
	if (q == JUNOS_QUESTION_NONE)
		return 0;
	issu_note(e, slot, "Unexpected question, not answered (Junos takes "
	    "no): %s", text);
	intent_push(e, ISSU_DO_CLOSE_INPUT, slot);
	return -1;
}

/* ---- step 2: prerequisites ------------------------------------------------------ */

typedef void check_fn(struct issu *, struct issu_check *);

static int
master_slot(const struct issu *e)
{
	return e->v.master;
}

static int
backup_slot(const struct issu *e)
{
	int m = e->v.master;

	return m >= 0 && role_of(e, 1 - m) == JUNOS_ROLE_BACKUP ? 1 - m : -1;
}

#define CHECK(c, res, ...)						\
	do {								\
		(c)->result = (res);					\
		snprintf((c)->reason, sizeof (c)->reason, __VA_ARGS__);	\
	} while (0)

static void
check_two_res(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e), b = backup_slot(e);

	if (!e->v.connected[0] || !e->v.connected[1])
		CHECK(c, ISSU_CHECK_UNKNOWN, "re%d is not reachable",
		    e->v.connected[0] ? 1 : 0);
	else if (m < 0)
		CHECK(c, ISSU_CHECK_FAIL, "no RE says it is master");
	else if (b < 0)
		CHECK(c, ISSU_CHECK_FAIL, "re%d is master but re%d is %s, not "
		    "backup", m, 1 - m, junos_re_role_name(role_of(e, 1 - m)));
	else
		CHECK(c, ISSU_CHECK_PASS, "re%d master, re%d backup", m, b);
}

static void
check_same_version(struct issu *e, struct issu_check *c)
{
	const char *a = version_of(e, 0), *b = version_of(e, 1);

	if (a == NULL || b == NULL)
		CHECK(c, ISSU_CHECK_UNKNOWN, "the release of re%d was not read",
		    a == NULL ? 0 : 1);
	else if (strcmp(a, b) != 0)
		CHECK(c, ISSU_CHECK_FAIL, "re0 runs %s, re1 runs %s: ISSU needs "
		    "the same release on both", a, b);
	else
		CHECK(c, ISSU_CHECK_PASS, "both run %s", a);
}

static void
check_target_newer(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e);
	const char *v = m >= 0 ? version_of(e, m) : NULL;
	int k = cmp_target(e, v);

	if (!e->have_target)
		CHECK(c, ISSU_CHECK_UNKNOWN, "%s", e->target_err);
	else if (k == 2)
		CHECK(c, ISSU_CHECK_UNKNOWN, "the running release was not read");
	else if (k == 0)
		CHECK(c, ISSU_CHECK_FAIL, "the master already runs %s",
		    e->target.text);
	else if (k > 0)
		CHECK(c, ISSU_CHECK_FAIL, "%s is older than the running %s: a "
		    "downgrade is not an ISSU (use a normal upgrade with a "
		    "reboot in a window)", e->target.text, v);
	else
		CHECK(c, ISSU_CHECK_PASS, "%s -> %s", v, e->target.text);
}

static const struct junos_config_facts *
master_config(const struct issu *e)
{
	int m = master_slot(e);

	return m >= 0 && issu_facts_have(&e->v.facts[m], ISSU_PROBE_CONFIG) ?
	    &e->v.facts[m].config : NULL;
}

static void
check_config_flag(struct issu_check *c, const struct junos_config_facts *cf,
    bool on, const char *what)
{
	if (cf == NULL)
		CHECK(c, ISSU_CHECK_UNKNOWN, "the master's configuration was "
		    "not read");
	else if (!on)
		CHECK(c, ISSU_CHECK_FAIL, "%s is not configured", what);
	else
		CHECK(c, ISSU_CHECK_PASS, "%s is configured", what);
}

static void
check_gres(struct issu *e, struct issu_check *c)
{
	const struct junos_config_facts *cf = master_config(e);

	check_config_flag(c, cf, cf && cf->gres,
	    "chassis redundancy graceful-switchover");
}

static void
check_nsr(struct issu *e, struct issu_check *c)
{
	const struct junos_config_facts *cf = master_config(e);

	check_config_flag(c, cf, cf && cf->nsr, "routing-options nonstop-routing");
}

static void
check_commit_sync(struct issu *e, struct issu_check *c)
{
	const struct junos_config_facts *cf = master_config(e);

	check_config_flag(c, cf, cf && cf->commit_synchronize,
	    "system commit synchronize");
}

static void
check_backup_ready(struct issu *e, struct issu_check *c)
{
	int b = backup_slot(e);
	const struct junos_switchover *so;

	if (b < 0 || !issu_facts_have(&e->v.facts[b], ISSU_PROBE_SWITCHOVER)) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "show system switchover was not "
		    "read on the backup");
		return;
	}
	so = &e->v.facts[b].switchover;
	if (so->ready)
		CHECK(c, ISSU_CHECK_PASS, "re%d: graceful switchover on, "
		    "databases ready, %s", b, so->peer_state[0] ?
		    so->peer_state : so->switchover_status);
	else
		CHECK(c, ISSU_CHECK_FAIL, "re%d is not ready for switchover: %s",
		    b, so->reason[0] ? so->reason : "not ready");
}

static void
check_replication(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e);
	const struct junos_task_replication *tr;

	if (m < 0 || !issu_facts_have(&e->v.facts[m], ISSU_PROBE_REPLICATION)) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "show task replication was not "
		    "read on the master");
		return;
	}
	tr = &e->v.facts[m].replication;
	if (!tr->stateful_replication)
		CHECK(c, ISSU_CHECK_FAIL, "stateful replication is disabled "
		    "(NSR not active)");
	else if (tr->complete == JUNOS_TRUE)
		CHECK(c, ISSU_CHECK_PASS, "%zu protocols, all Complete",
		    tr->nprotocols);
	else if (tr->complete == JUNOS_FALSE) {
		size_t i;

		for (i = 0; i < tr->nprotocols; i++)
			if (strcmp(tr->protocol[i].status, "Complete") != 0)
				break;
		CHECK(c, ISSU_CHECK_FAIL, "%s replication is %s: wait until "
		    "every protocol is Complete", i < tr->nprotocols ?
		    tr->protocol[i].name : "a protocol's", i < tr->nprotocols ?
		    tr->protocol[i].status : "not complete");
	} else
		CHECK(c, ISSU_CHECK_UNKNOWN, "the master lists no protocols");
}

static void
check_alarms(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e);
	const struct junos_alarms *a;
	size_t i;

	if (m < 0 || !issu_facts_have(&e->v.facts[m], ISSU_PROBE_ALARMS)) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "show chassis alarms was not read");
		return;
	}
	a = &e->v.facts[m].alarms;
	for (i = 0; i < a->nalarms; i++)
		if (a->alarm[i].class == JUNOS_ALARM_MAJOR) {
			CHECK(c, ISSU_CHECK_FAIL, "major alarm: %s",
			    a->alarm[i].description);
			return;
		}
	if (a->count > a->nalarms)
		CHECK(c, ISSU_CHECK_UNKNOWN, "%zu alarms, not all listed",
		    a->count);
	else
		CHECK(c, ISSU_CHECK_PASS, "%zu alarms, none major", a->count);
}

static void
check_no_tcp_reset(struct issu *e, struct issu_check *c)
{
	const struct junos_config_facts *cf = master_config(e);

	if (cf == NULL)
		CHECK(c, ISSU_CHECK_UNKNOWN, "the master's configuration was "
		    "not read");
	else if (cf->no_tcp_reset_drop_all_tcp)
		CHECK(c, ISSU_CHECK_FAIL, "system internet-options no-tcp-reset "
		    "drop-all-tcp is set: it makes the ISSU fail; remove it "
		    "first");
	else
		CHECK(c, ISSU_CHECK_PASS, "no-tcp-reset drop-all-tcp not set");
}

static void
check_package(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e);
	const struct junos_file_list *f;

	if (e->package == NULL) {
		CHECK(c, ISSU_CHECK_FAIL, "no package configured for this "
		    "router (package = \"/var/tmp/...\")");
		return;
	}
	if (m < 0 || !issu_facts_have(&e->v.facts[m], ISSU_PROBE_FILE)) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "/var/tmp was not read on the "
		    "master");
		return;
	}
	f = &e->v.facts[m].file;
	if (!f->present)
		CHECK(c, ISSU_CHECK_FAIL, "%s is not on re%d: copy it there "
		    "first (file copy)", e->package, m);
	else if (f->size >= 0)
		CHECK(c, ISSU_CHECK_PASS, "%s on re%d, %lld bytes", e->package,
		    m, f->size);
	else
		CHECK(c, ISSU_CHECK_PASS, "%s on re%d", e->package, m);
}

static void
check_checksum(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e);

	if (e->package_sha256 == NULL) {
		CHECK(c, ISSU_CHECK_SKIPPED, "no package_sha256 configured");
		return;
	}
	if (m < 0 || !issu_facts_have(&e->v.facts[m], ISSU_PROBE_CHECKSUM))
		CHECK(c, ISSU_CHECK_UNKNOWN, "the checksum was not read");
	else if (strcasecmp(e->v.facts[m].checksum.digest,
	    e->package_sha256) != 0)
		CHECK(c, ISSU_CHECK_FAIL, "sha256 %.16s... differs from the "
		    "configured %.16s...: a damaged or wrong file",
		    e->v.facts[m].checksum.digest, e->package_sha256);
	else
		CHECK(c, ISSU_CHECK_PASS, "sha256 matches");
}

/* The backup receives a copy of the package and unpacks it; the master
 * keeps its copy and unpacks it too: twice the package on each /var. */
static void
check_storage(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e), s;
	long long size = -1;

	if (m >= 0 && issu_facts_have(&e->v.facts[m], ISSU_PROBE_FILE))
		size = e->v.facts[m].file.size;
	for (s = 0; s < 2; s++) {
		const struct issu_re_facts *f = &e->v.facts[s];

		if (!issu_facts_have(f, ISSU_PROBE_STORAGE) ||
		    f->storage.var_free_bytes < 0) {
			CHECK(c, ISSU_CHECK_UNKNOWN, "/var free space on re%d was "
			    "not read", s);
			return;
		}
	}
	if (size < 0) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "the package size is not known");
		return;
	}
	for (s = 0; s < 2; s++) {
		long long free_b = e->v.facts[s].storage.var_free_bytes;

		if (free_b < 2 * size) {
			CHECK(c, ISSU_CHECK_FAIL, "re%d has %lld MB free on /var; "
			    "the ISSU needs about %lld MB (twice the package): "
			    "request system storage cleanup", s,
			    free_b >> 20, (2 * size) >> 20);
			return;
		}
	}
	CHECK(c, ISSU_CHECK_PASS, "/var: re0 %lld MB, re1 %lld MB free",
	    e->v.facts[0].storage.var_free_bytes >> 20,
	    e->v.facts[1].storage.var_free_bytes >> 20);
}

/* 21.2R1 and 22.1R1 targets need `no-validate`, an option releases before
 * 20.4R2 do not have (Juniper's ISSU release notes). */
static bool
needs_no_validate(const struct junos_release *t)
{
	return t->type == 'R' && t->build == 1 && ((t->major == 21 &&
	    t->minor == 2) || (t->major == 22 && t->minor == 1));
}

static void
check_release_rules(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e);
	const char *v = m >= 0 ? version_of(e, m) : NULL;
	struct junos_release run, min;

	if (!e->have_target) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "%s", e->target_err);
		return;
	}
	if (!needs_no_validate(&e->target)) {
		CHECK(c, ISSU_CHECK_PASS, "no special rule for %s",
		    e->target.text);
		return;
	}
	if (v == NULL || junos_release_parse(v, &run) != 0) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "the running release was not read");
		return;
	}
	junos_release_parse("20.4R2", &min);
	if (junos_release_compare(&run, &min) < 0)
		CHECK(c, ISSU_CHECK_FAIL, "an ISSU to %s needs no-validate, "
		    "which %s does not have (20.4R2 and later do): upgrade in "
		    "two steps", e->target.text, v);
	else
		CHECK(c, ISSU_CHECK_PASS, "%s needs no-validate: the console "
		    "adds it", e->target.text);
}

static void
check_other_users(struct issu *e, struct issu_check *c)
{
	int m = master_slot(e);
	const struct junos_users *u;

	if (m < 0 || !issu_facts_have(&e->v.facts[m], ISSU_PROBE_USERS)) {
		CHECK(c, ISSU_CHECK_UNKNOWN, "show system users was not read");
		return;
	}
	u = &e->v.facts[m].users;
	/* The console's own sessions have no terminal and are not listed
	 * (users_text): every row is someone else. */
	if (u->nusers > 0) {
		char who[160];

		users_text(u, who, sizeof who);
		CHECK(c, ISSU_CHECK_WARN, "logged in on re%d: %.150s: make sure "
		    "nobody else is changing this router", m, who);
	} else
		CHECK(c, ISSU_CHECK_PASS, "nobody else logged in");
}

static void
check_validate(struct issu *e, struct issu_check *c)
{
	(void)e;
	CHECK(c, ISSU_CHECK_SKIPPED, "optional (takes minutes): the ISSU "
	    "validates the image itself before changing anything");
}

static const struct {
	enum issu_check_id id;
	const char *title;
	check_fn *fn;
	const char *fix;		/* the set line, for fixable checks */
} issu_check_table[ISSU_CHECK_COUNT] = {
	{ ISSU_CHECK_TWO_RES, "Two REs, one master one backup", check_two_res, NULL },
	{ ISSU_CHECK_SAME_VERSION, "Same release on both", check_same_version, NULL },
	{ ISSU_CHECK_TARGET_NEWER, "Target newer than running", check_target_newer, NULL },
	{ ISSU_CHECK_GRES, "GRES configured", check_gres,
	  "set chassis redundancy graceful-switchover" },
	{ ISSU_CHECK_NSR, "NSR configured", check_nsr,
	  "set routing-options nonstop-routing" },
	{ ISSU_CHECK_COMMIT_SYNC, "Commit synchronize configured",
	  check_commit_sync, "set system commit synchronize" },
	{ ISSU_CHECK_BACKUP_READY, "Backup ready for switchover",
	  check_backup_ready, NULL },
	{ ISSU_CHECK_REPLICATION, "NSR replication complete", check_replication,
	  NULL },
	{ ISSU_CHECK_ALARMS, "No major alarm", check_alarms, NULL },
	{ ISSU_CHECK_NO_TCP_RESET, "No no-tcp-reset drop-all-tcp",
	  check_no_tcp_reset, NULL },
	{ ISSU_CHECK_PACKAGE, "Package in /var/tmp on the master", check_package,
	  NULL },
	{ ISSU_CHECK_CHECKSUM, "Package sha256", check_checksum, NULL },
	{ ISSU_CHECK_STORAGE, "Room on /var", check_storage, NULL },
	{ ISSU_CHECK_RELEASE_RULES, "Release rules", check_release_rules, NULL },
	{ ISSU_CHECK_OTHER_USERS, "Nobody else logged in", check_other_users,
	  NULL },
	{ ISSU_CHECK_VALIDATE, "Validate in-service-upgrade", check_validate,
	  NULL },
};

const char *
issu_check_result_name(enum issu_check_result r)
{
	switch (r) {
	case ISSU_CHECK_PENDING:	return "pending";
	case ISSU_CHECK_PASS:		return "pass";
	case ISSU_CHECK_FAIL:		return "fail";
	case ISSU_CHECK_UNKNOWN:	return "unknown";
	case ISSU_CHECK_WARN:		return "warn";
	case ISSU_CHECK_SKIPPED:	return "skipped";
	}
	return "?";
}

/* Fills v.checks; returns the number of checks that block the ISSU and
 * counts those a fix step can repair. */
static int
evaluate_checks(struct issu *e, int *fixable)
{
	int i, blocking = 0;

	*fixable = 0;
	e->nfix = 0;
	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		struct issu_check *c = &e->v.checks[i];

		c->id = issu_check_table[i].id;
		c->title = issu_check_table[i].title;
		c->fix = NULL;
		c->reason[0] = '\0';
		issu_check_table[i].fn(e, c);
		if (c->result == ISSU_CHECK_FAIL || c->result == ISSU_CHECK_UNKNOWN)
			blocking++;
		if (c->result == ISSU_CHECK_FAIL && issu_check_table[i].fix) {
			c->fix = issu_check_table[i].fix;
			if (e->nfix < ISSU_FIX_MAX)
				e->fix_lines[e->nfix++] = c->fix;
			(*fixable)++;
		}
	}
	return blocking;
}

/* The backup's readiness and NSR replication follow GRES/NSR: when those
 * are being fixed, their failure is expected and re-checked after. */
static bool
blocked_only_by_fixable(const struct issu *e)
{
	int i;
	bool fixing_redundancy = false;

	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &e->v.checks[i];

		if ((c->id == ISSU_CHECK_GRES || c->id == ISSU_CHECK_NSR) &&
		    c->fix != NULL)
			fixing_redundancy = true;
	}
	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &e->v.checks[i];

		if (c->result != ISSU_CHECK_FAIL && c->result != ISSU_CHECK_UNKNOWN)
			continue;
		if (c->fix != NULL)
			continue;
		if (fixing_redundancy && (c->id == ISSU_CHECK_BACKUP_READY ||
		    c->id == ISSU_CHECK_REPLICATION))
			continue;
		return false;
	}
	return true;
}

static void
report_checks(struct issu *e)
{
	char sig[ISSU_CHECK_COUNT + 1];
	int i;

	/* Said once per change, not at every poll while waiting. */
	for (i = 0; i < ISSU_CHECK_COUNT; i++)
		sig[i] = (char)('0' + e->v.checks[i].result);
	sig[i] = '\0';
	if (strcmp(sig, e->checks_said) == 0)
		return;
	memcpy(e->checks_said, sig, sizeof sig);

	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &e->v.checks[i];

		issu_note(e, -1, "  [%-7s] %-34s %s", issu_check_result_name(
		    c->result), c->title, c->reason);
	}
}

static void
blocking_summary(const struct issu *e, char *buf, size_t len)
{
	int i;
	size_t used = 0;

	buf[0] = '\0';
	for (i = 0; i < ISSU_CHECK_COUNT && used < len; i++) {
		const struct issu_check *c = &e->v.checks[i];
		int n;

		if (c->result != ISSU_CHECK_FAIL && c->result != ISSU_CHECK_UNKNOWN)
			continue;
		n = snprintf(buf + used, len - used, "%s%s: %s", used ? "; " : "",
		    c->title, c->reason);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void prereq_verdict(struct issu *e);

static void
prereq_reread(struct issu *e)
{
	read_full_both(e, prereq_verdict);
}

/* Only the checks that follow GRES and NSR by themselves still fail. */
static bool
blocked_only_by_sync(const struct issu *e)
{
	int i;

	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &e->v.checks[i];

		if ((c->result == ISSU_CHECK_FAIL || c->result ==
		    ISSU_CHECK_UNKNOWN) && c->id != ISSU_CHECK_BACKUP_READY &&
		    c->id != ISSU_CHECK_REPLICATION)
			return false;
	}
	return true;
}

static void
prereq_run(struct issu *e)
{
	step_begin(e, ISSU_STEP_PREREQ);
	read_full_both(e, prereq_verdict);
}

static void
prereq_verdict(struct issu *e)
{
	int fixable, blocking = evaluate_checks(e, &fixable);
	char why[900];

	report_checks(e);
	if (blocking == 0) {
		e->v.phase.phase = ISSU_PHASE_READY;
		step_end(e, ISSU_STEP_PREREQ, ISSU_CHECK_PASS, "all checks pass");
		if (e->v.run[ISSU_STEP_FIX].result == ISSU_CHECK_PENDING)
			step_end(e, ISSU_STEP_FIX, ISSU_CHECK_SKIPPED,
			    "nothing to fix");
		e->v.old_master = e->v.master;
		wait_for_operator(e, ISSU_STEP_UPGRADE);
		return;
	}
	e->v.phase.phase = ISSU_PHASE_PREREQ_MISSING;
	if (e->v.run[ISSU_STEP_FIX].result == ISSU_CHECK_PASS &&
	    blocked_only_by_sync(e)) {
		/* GRES and NSR just committed: the backup synchronises for a
		 * few minutes before it reports ready. */
		if (e->v.deadline == 0)
			waiting(e, e->p.limit_switch_holddown, "the backup to "
			    "synchronise after the configuration change (GRES "
			    "and NSR take a few minutes)");
		wait_poll(e, prereq_reread);
		return;
	}
	if (fixable > 0 && blocked_only_by_fixable(e)) {
		/* The others fail because of these (no NSR: no replication). */
		if (blocking > fixable)
			step_end(e, ISSU_STEP_PREREQ, ISSU_CHECK_FAIL, "%d "
			    "statement%s missing, the fix step can add them; "
			    "%d more check%s follow%s from them", fixable,
			    fixable == 1 ? "" : "s", blocking - fixable,
			    blocking - fixable == 1 ? "" : "s",
			    blocking - fixable == 1 ? "s" : "");
		else
			step_end(e, ISSU_STEP_PREREQ, ISSU_CHECK_FAIL, "%d "
			    "statement%s missing, the fix step can add them",
			    fixable, fixable == 1 ? "" : "s");
		wait_for_operator(e, ISSU_STEP_FIX);
		return;
	}
	blocking_summary(e, why, sizeof why);
	stop(e, "Prerequisites not met: %s. Fix these on the router, then "
	    "press Enter to check again.", why);
}

/* ---- step 3: fix prerequisites --------------------------------------------------- */

enum { FIX_LOGIN, FIX_CONFIGURE, FIX_SET, FIX_COMMIT, FIX_ROLLBACK,
	FIX_LEAVE, FIX_EXIT, FIX_CLOSED };

static void fix_confirmed(struct issu *e, bool yes);
static void fix_recheck_done(struct issu *e);

static void
fix_proceed(struct issu *e)
{
	char text[1024], who[200];
	size_t used, i;
	int m = master_slot(e);

	if (m < 0 || e->nfix == 0) {
		stop(e, "Nothing to fix, or no master: press Enter to read the "
		    "router again.");
		return;
	}
	step_begin(e, ISSU_STEP_FIX);
	re_label(e, m, who, sizeof who);
	used = (size_t)snprintf(text, sizeof text, "Fix prerequisites on %s:\n"
	    "  configure\n", who);
	for (i = 0; i < e->nfix && used < sizeof text; i++)
		used += (size_t)snprintf(text + used, sizeof text - used,
		    "  %s\n", e->fix_lines[i]);
	if (used < sizeof text)
		snprintf(text + used, sizeof text - used, "  commit synchronize\n"
		    "  exit configuration-mode\nProceed? (y/N)");
	ask_change(e, ISSU_CONFIRM_PLAIN, m, fix_confirmed, text);
}

static void
fix_confirmed(struct issu *e, bool yes)
{
	int m = master_slot(e);

	if (!yes) {
		refused(e, m);
		return;
	}
	issu_note(e, m, "Confirmed. Reading re%d again before changing it.", m);
	read_start(e, m == 0 ? P(RE) | P(CONFIG) : 0,
	    m == 1 ? P(RE) | P(CONFIG) : 0, fix_recheck_done);
}

static void fix_line(struct issu *e, int slot, const char *line);
static void fix_prompt(struct issu *e, int slot, const char *text);
static void fix_end(struct issu *e, int slot, bool lost, int status);

static void
fix_recheck_done(struct issu *e)
{
	int m = e->v.ask.slot, fixable;
	size_t before = e->nfix;
	char cut[900];

	if (read_cut_text(e, cut, sizeof cut)) {
		stop(e, "%s: nothing was sent. Press Enter to read the router "
		    "again.", cut);
		return;
	}
	if (e->rd.err[0] != '\0' || m < 0 || role_of(e, m) != JUNOS_ROLE_MASTER) {
		stop(e, "re%d is no longer read as master%s%s: nothing was sent.",
		    m, e->rd.err[0] ? ": " : "", e->rd.err);
		return;
	}
	evaluate_checks(e, &fixable);
	if (e->nfix == 0) {
		step_end(e, ISSU_STEP_FIX, ISSU_CHECK_SKIPPED, "already "
		    "configured when re-read");
		prereq_run(e);
		return;
	}
	if (e->nfix > before) {
		stop(e, "More is missing than when you confirmed: nothing was "
		    "sent. Press Enter to check again.");
		return;
	}
	if (records_hold(e, m, "commit synchronize", fix_confirmed))
		return;
	e->fix_stage = FIX_LOGIN;
	e->fix_rolled_back = false;
	e->fix_index = 0;
	e->fix_error[0] = '\0';
	if (!cmd_send(e, m, NULL, true, fix_line, fix_prompt, fix_end))
		stop(e, "re%d is busy or not connected: nothing was sent.", m);
}

/* Output between prompts is kept in cmd.out; errors are looked for in it. */
static void
fix_line(struct issu *e, int slot, const char *line)
{
	(void)e;
	(void)slot;
	(void)line;
}

/* A line of the CLI's answer that says the last line was refused. */
static const char *
fix_error_in(const char *out)
{
	static const char *const marks[] = { "error:", "syntax error",
		"unknown command", "is ambiguous", "missing argument", NULL };
	size_t i;

	for (i = 0; marks[i] != NULL; i++) {
		const char *p = strstr(out, marks[i]);

		if (p != NULL)
			return p;
	}
	return NULL;
}

static void
fix_take_error(struct issu *e, const char *what)
{
	struct issu_cmd *c = &e->cmd[e->v.ask.slot];
	size_t n;

	snprintf(e->fix_error, sizeof e->fix_error, "%s:\n%s", what,
	    c->out != NULL ? c->out : "");
	n = strlen(e->fix_error);
	while (n > 0 && (e->fix_error[n - 1] == '\n' || e->fix_error[n - 1] == ' '))
		e->fix_error[--n] = '\0';
}

static void
fix_prompt(struct issu *e, int slot, const char *text)
{
	struct issu_cmd *c = &e->cmd[slot];
	struct junos_prompt pr;
	enum junos_question q = junos_question_classify(text, strlen(text));
	char *out = c->out != NULL ? c->out : "";

	if (q != JUNOS_QUESTION_NONE) {
		/* No question is expected here: Junos takes "no". */
		issu_note(e, slot, "Unexpected question, not answered: %s", text);
		snprintf(e->fix_error, sizeof e->fix_error, "Junos asked: %s",
		    text);
		intent_push(e, ISSU_DO_CLOSE_INPUT, slot);
		e->fix_stage = FIX_CLOSED;
		return;
	}
	if (junos_prompt_parse(text, strlen(text), &pr) != 0)
		return;		/* a partial line that is not a prompt */
	switch (e->fix_stage) {
	case FIX_LOGIN:
		e->fix_stage = FIX_CONFIGURE;
		type_line(e, slot, "configure");
		break;
	case FIX_CONFIGURE:
		if (pr.mode != JUNOS_CLI_CONFIGURATION) {
			fix_take_error(e, "configure did not enter configuration "
			    "mode");
			e->fix_stage = FIX_EXIT;
			type_line(e, slot, "exit");
			break;
		}
		e->fix_stage = FIX_SET;
		e->fix_index = 0;
		type_line(e, slot, e->fix_lines[e->fix_index++]);
		break;
	case FIX_SET:
		if (fix_error_in(out) != NULL) {
			fix_take_error(e, "Junos refused a set line");
			e->fix_stage = FIX_ROLLBACK;
			type_line(e, slot, "rollback 0");
			break;
		}
		if (e->fix_index < e->nfix) {
			type_line(e, slot, e->fix_lines[e->fix_index++]);
			break;
		}
		e->fix_stage = FIX_COMMIT;
		type_line(e, slot, "commit synchronize");
		break;
	case FIX_COMMIT: {
		struct junos_commit cr;
		char err[300];
		const char *start = strstr(out, "commit synchronize");

		start = start != NULL ? start + strlen("commit synchronize") : out;
		if (junos_parse_commit(start, strlen(start), &cr, err,
		    sizeof err) != 0 || !cr.complete) {
			fix_take_error(e, "The commit failed; Junos said");
			e->fix_stage = FIX_ROLLBACK;
			type_line(e, slot, "rollback 0");
			break;
		}
		issu_note(e, slot, "commit complete%s", cr.synchronized ?
		    " on both REs" : "");
		e->fix_stage = FIX_LEAVE;
		type_line(e, slot, "exit configuration-mode");
		break;
	}
	case FIX_ROLLBACK:
		e->fix_rolled_back = true;
		e->fix_stage = FIX_LEAVE;
		type_line(e, slot, "exit configuration-mode");
		break;
	case FIX_LEAVE:
		if (pr.mode == JUNOS_CLI_CONFIGURATION) {
			fix_take_error(e, "exit configuration-mode did not leave "
			    "configuration mode");
			intent_push(e, ISSU_DO_CLOSE_INPUT, slot);
			e->fix_stage = FIX_CLOSED;
			break;
		}
		e->fix_stage = FIX_EXIT;
		type_line(e, slot, "exit");
		break;
	default:
		break;
	}
	/* Each stage reads only what the last line printed. */
	c->len = 0;
	if (c->out != NULL)
		c->out[0] = '\0';
}

static void
fix_end(struct issu *e, int slot, bool lost, int status)
{
	(void)status;
	if (e->fix_error[0] != '\0') {
		stop(e, "%s\nNothing else was tried%s", e->fix_error,
		    e->fix_rolled_back ? "; the uncommitted changes were "
		    "discarded (rollback 0)." : ". Check show system commit and "
		    "show configuration | compare rollback 1 on the router.");
		return;
	}
	if (lost || e->fix_stage != FIX_EXIT) {
		stop(e, "The session to re%d ended during the configuration "
		    "change: check with show system commit whether it was "
		    "committed.", slot);
		return;
	}
	step_end(e, ISSU_STEP_FIX, ISSU_CHECK_PASS, "committed: %zu line%s",
	    e->nfix, e->nfix == 1 ? "" : "s");
	/* GRES/NSR just configured need time before the backup is ready. */
	prereq_run(e);
}

/* ---- step 4: upgrade ------------------------------------------------------------- */

static void upgrade_confirmed(struct issu *e, bool yes);
static void upgrade_recheck_done(struct issu *e);
static void upgrade_line(struct issu *e, int slot, const char *line);
static void upgrade_prompt(struct issu *e, int slot, const char *text);
static void upgrade_end(struct issu *e, int slot, bool lost, int status);
static void upgrade_monitor(struct issu *e);
static void verify_switchover_run(struct issu *e);

static void
upgrade_command(const struct issu *e, char *buf, size_t len)
{
	snprintf(buf, len, "request system software in-service-upgrade %s%s%s%s",
	    e->package, e->p.no_old_master_upgrade ? " no-old-master-upgrade" :
	    "", e->p.reboot ? " reboot" : "",
	    e->have_target && needs_no_validate(&e->target) ? " no-validate" : "");
}

static void
upgrade_proceed(struct issu *e)
{
	char text[2048], who[200], cmd[700], lim[32];
	int m = master_slot(e), b = backup_slot(e);

	if (m < 0 || b < 0 || e->package == NULL) {
		stop(e, "The roles are not known: press Enter to read the "
		    "router again.");
		return;
	}
	step_begin(e, ISSU_STEP_UPGRADE);
	re_label(e, m, who, sizeof who);
	upgrade_command(e, cmd, sizeof cmd);
	minutes(e, e->p.limit_issu, lim, sizeof lim);
	snprintf(text, sizeof text, "Upgrade: run on %s:\n  %s\n"
	    "re%d (backup) is upgraded and rebooted, then mastership moves to "
	    "it; about 40 minutes (limit %s). When Junos asks \"Do you want to "
	    "continue with these actions being taken ?\" the console answers "
	    "yes for you: this confirmation covers it.\n"
	    "Type re%d to confirm, Esc to cancel:", who, cmd, b, lim, m);
	ask_change(e, ISSU_CONFIRM_TYPED, m, upgrade_confirmed, text);
}

static void
upgrade_confirmed(struct issu *e, bool yes)
{
	int m = e->v.ask.slot;

	if (!yes) {
		refused(e, m);
		return;
	}
	issu_note(e, m, "Confirmed. Reading mastership and the package again "
	    "before sending.");
	read_start(e, P(RE) | (m == 0 ? P(FILE) : 0), P(RE) | (m == 1 ?
	    P(FILE) : 0), upgrade_recheck_done);
}

static void
upgrade_recheck_done(struct issu *e)
{
	int m = e->v.ask.slot, b = 1 - m;
	char cmd[700], cut[900];

	if (read_cut_text(e, cut, sizeof cut)) {
		stop(e, "%s: nothing was sent. Press Enter to read the router "
		    "again.", cut);
		return;
	}
	if (e->rd.err[0] != '\0') {
		stop(e, "%s: nothing was sent.", e->rd.err);
		return;
	}
	if (role_of(e, m) != JUNOS_ROLE_MASTER || role_of(e, b) !=
	    JUNOS_ROLE_BACKUP) {
		stop(e, "Mastership changed since you confirmed (re%d is %s, "
		    "re%d is %s): nothing was sent.", m, junos_re_role_name(
		    role_of(e, m)), b, junos_re_role_name(role_of(e, b)));
		return;
	}
	if (!issu_facts_have(&e->v.facts[m], ISSU_PROBE_FILE) ||
	    !e->v.facts[m].file.present) {
		stop(e, "%s is no longer on re%d: nothing was sent.", e->package,
		    m);
		return;
	}
	upgrade_command(e, cmd, sizeof cmd);
	if (records_hold(e, m, cmd, upgrade_confirmed))
		return;
	e->v.old_master = m;
	e->new_master = b;
	e->issu_sent = true;
	e->issu_error = e->issu_complete = e->issu_monitor = false;
	e->nerrlines = 0;
	e->v.sub_phase = NULL;
	if (!cmd_send(e, m, cmd, false, upgrade_line, upgrade_prompt,
	    upgrade_end)) {
		stop(e, "re%d is busy or not connected: nothing was sent.", m);
		return;
	}
	/* Long by design: held to the ISSU's own limits, not to
	 * command_timeout (the RUN intent cmd_send just queued). */
	e->intents[(e->ihead + e->icount - 1) % ISSU_INTENTS_MAX].limit =
	    e->p.limit_issu + e->p.limit_backup_reboot;
	e->cmd[m].watch = true;
	e->issu_sent_at = e->issu_window = e->now;
	waiting(e, e->p.limit_issu, "the ISSU on re%d: validating the image "
	    "first (several minutes)", m);
}

static void
upgrade_sub_phase(struct issu *e, int sub)
{
	int cur = -1, i;

	for (i = 0; i < SUB_COUNT; i++)
		if (e->v.sub_phase == issu_sub_phases[i])
			cur = i;
	if (sub <= cur)
		return;
	e->v.sub_phase = issu_sub_phases[sub];
	issu_note(e, -1, "Upgrade: %s", issu_sub_phases[sub]);
	redraw(e);
}

static void
upgrade_line(struct issu *e, int slot, const char *line)
{
	char detail[256];
	enum junos_issu_milestone m = junos_issu_classify(line, strlen(line),
	    detail, sizeof detail);
	size_t i;
	int b = e->new_master;

	(void)slot;
	if (m == JUNOS_ISSU_ERROR) {
		e->issu_error = true;
		if (e->nerrlines < ISSU_ERRLINES_MAX)
			snprintf(e->errlines[e->nerrlines++],
			    sizeof e->errlines[0], "%s", detail);
		return;
	}
	/* After an error nothing is progress: Junos prints "ISSU: IDLE" after
	 * an abort as after a success.  Only a completed ISSU goes idle. */
	if (e->issu_error || (m == JUNOS_ISSU_IDLE && !e->issu_complete))
		return;
	for (i = 0; i < sizeof issu_milestone_map / sizeof issu_milestone_map[0];
	    i++) {
		if (issu_milestone_map[i].m != m)
			continue;
		upgrade_sub_phase(e, issu_milestone_map[i].sub);
		break;
	}
	if (m == JUNOS_ISSU_SWITCHOVER_DONE || m == JUNOS_ISSU_ISSU_COMPLETE)
		e->issu_complete = true;
	/* Stopped: the lines are the router's news, but the operator decides
	 * when the console waits again (Enter). */
	if (e->v.state != ISSU_STATE_WORKING || e->v.step != ISSU_STEP_UPGRADE)
		return;
	if (m == JUNOS_ISSU_BACKUP_REBOOTING && e->backup_down_deadline == 0) {
		e->backup_down_deadline = e->now + e->p.limit_backup_reboot;
		waiting(e, e->p.limit_backup_reboot, "re%d is rebooting: usually "
		    "5-15 minutes; sessions to re%d are expected to drop", b, b);
		e->v.deadline = e->backup_down_deadline;
	}
	if (m == JUNOS_ISSU_GRES_OPERATIONAL) {
		/* The ISSU's limit runs from its command, not from the step's
		 * start: a confirmation left open takes nothing off it. */
		e->backup_down_deadline = 0;
		waiting(e, e->p.limit_issu, "the ISSU on re%d: line cards and "
		    "switchover", e->v.old_master);
		e->v.waiting_since = e->issu_window;
		e->v.deadline = e->issu_window + e->p.limit_issu;
	}
}

/* After the backup's re-read: say what it runs now.  A read not understood
 * is said, not a stop: the ISSU's own lines drive this step. */
static const char follow_offer[] = "\nThe ISSU's command is still running "
    "on the router: press Enter to keep following it.";
static const char follow_offer2[] = "\nIts command is still running on the "
    "router: press Enter to keep following it.";

/* Takes a stop's offer to keep following the ISSU's command out of it. */
static void
drop_follow_offer(struct issu *e)
{
	const char *const offers[] = { follow_offer, follow_offer2 };
	size_t i;

	for (i = 0; i < 2; i++) {
		char *at = strstr(e->v.stop_reason, offers[i]);

		if (at != NULL)
			memmove(at, at + strlen(offers[i]),
			    strlen(at + strlen(offers[i])) + 1);
	}
}

static void
upgrade_backup_read(struct issu *e)
{
	int b = e->new_master;
	const char *v = version_of(e, b);

	if (e->rd.err[0] != '\0')
		issu_note(e, b, "back, but its answer was not understood: %s",
		    e->rd.err);
	else if (v != NULL)
		issu_note(e, b, "back, running %s (%s).", v,
		    junos_re_role_name(role_of(e, b)));
	redraw(e);
}

static void
upgrade_prompt(struct issu *e, int slot, const char *text)
{
	if (e->v.state == ISSU_STATE_STOPPED) {
		issu_note(e, slot, "Junos asks: %.300s The console is stopped and "
		    "answers nothing.", text);
		return;
	}
	switch (answer_only(e, slot, text, JUNOS_QUESTION_ISSU_CONTINUE,
	    " (your typed confirmation covered it)")) {
	case 1:
		upgrade_sub_phase(e, SUB_VALIDATED);
		break;
	case -1:
		e->issu_error = true;
		if (e->nerrlines < ISSU_ERRLINES_MAX)
			snprintf(e->errlines[e->nerrlines++],
			    sizeof e->errlines[0], "unexpected question: %s",
			    text);
		break;
	}
}

static void
upgrade_errors(const struct issu *e, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < e->nerrlines && used < len; i++) {
		int n = snprintf(buf + used, len - used, "\n  %s", e->errlines[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void
upgrade_end(struct issu *e, int slot, bool lost, int status)
{
	char errs[900];

	/* A channel closed without an exit status was cut, not finished
	 * (the master dropping our sessions): the ISSU may go on. */
	if (status == -1)
		lost = true;
	if (e->v.state == ISSU_STATE_STOPPED) {
		/* News for the operator, added to the stop; Enter reads the
		 * router and carries on from what it says.  The offer to
		 * keep following the command goes: it ended. */
		drop_follow_offer(e);
		if (e->issu_error) {
			upgrade_errors(e, errs, sizeof errs);
			stop_append(e, "Meanwhile the ISSU on re%d reported an "
			    "error:%s", slot, errs);
		} else if (e->issu_complete)
			stop_append(e, "Meanwhile the ISSU on re%d reported the "
			    "switchover done (re%d is master). Press Enter to read "
			    "the router and carry on.", slot, e->new_master);
		else
			stop_append(e, "Meanwhile the session running the ISSU "
			    "on re%d ended%s; the ISSU may go on in the router.",
			    slot, lost ? " (cut)" : "");
		return;
	}
	if (e->issu_error) {
		upgrade_errors(e, errs, sizeof errs);
		stop(e, "The ISSU on re%d reported an error:%s\nCheck show "
		    "chassis in-service-upgrade and show log messages on re%d "
		    "before trying again.", slot, errs, slot);
		return;
	}
	if (e->issu_complete) {
		step_end(e, ISSU_STEP_UPGRADE, ISSU_CHECK_PASS, "switchover done; "
		    "re%d is master", e->new_master);
		verify_switchover_run(e);
		return;
	}
	if (lost) {
		/* The ISSU goes on in the router without us. */
		issu_note(e, slot, "The session to re%d dropped during the ISSU. "
		    "The upgrade continues on the router; the console "
		    "reconnects and follows it by reading both REs.", slot);
		issu_anomaly(e, "session to re%d dropped during the ISSU", slot);
		e->issu_monitor = true;
		wait_poll(e, upgrade_monitor);
		return;
	}
	stop(e, "The ISSU command on re%d ended (exit status %d) without an "
	    "error and without saying the switchover was done. The console "
	    "does not guess: check show chassis in-service-upgrade and show "
	    "version on both REs.", slot, status);
}

static void upgrade_monitor_read(struct issu *e);

/* Following an ISSU the console cannot see: read roles and releases. */
static void
upgrade_monitor(struct issu *e)
{
	/* Roles and releases, and the master's own word on the ISSU. */
	read_follow(e, upgrade_monitor_read);
}

static void
upgrade_monitor_read(struct issu *e)
{
	issu_phase_derive(e->v.facts, e->have_target ? &e->target : NULL,
	    &e->v.phase);
	switch (e->v.phase.phase) {
	case ISSU_PHASE_OLD_MASTER_REBOOT_PENDING:
	case ISSU_PHASE_SWITCH_BACK_PENDING:
	case ISSU_PHASE_DONE:
		upgrade_sub_phase(e, SUB_SWITCHOVER);
		step_end(e, ISSU_STEP_UPGRADE, ISSU_CHECK_PASS, "switchover done "
		    "(seen by reading the router); re%d is master",
		    e->v.phase.master);
		verify_switchover_run(e);
		return;
	default:
		break;
	}
	if (strcmp(e->monitor_said, e->v.phase.reason) != 0) {
		snprintf(e->monitor_said, sizeof e->monitor_said, "%s",
		    e->v.phase.reason);
		issu_note(e, -1, "ISSU still running: %s", e->v.phase.reason);
	}
	wait_poll(e, upgrade_monitor);
}

/* ---- step 5: verify switchover ---------------------------------------------------- */

static void verify_switchover_read(struct issu *e);
static void verify_switchover_check(struct issu *e);
static void reboot_proceed(struct issu *e);
static void verify_run(struct issu *e);

static void
verify_switchover_run(struct issu *e)
{
	step_begin(e, ISSU_STEP_VERIFY_SWITCHOVER);
	if (!e->v.connected[0] || !e->v.connected[1])
		waiting(e, e->p.limit_backup_reboot, "both REs to be reachable "
		    "again after the switchover");
	wait_connected(e, false, verify_switchover_read);
}

static void
verify_switchover_read(struct issu *e)
{
	read_full_both(e, verify_switchover_check);
}

static void
verify_switchover_check(struct issu *e)
{
	int m;

	issu_phase_derive(e->v.facts, e->have_target ? &e->target : NULL,
	    &e->v.phase);
	m = e->v.phase.master;
	if (e->v.phase.phase == ISSU_PHASE_OLD_MASTER_REBOOT_PENDING) {
		e->v.old_master = e->v.phase.backup;
		step_end(e, ISSU_STEP_VERIFY_SWITCHOVER, ISSU_CHECK_PASS,
		    "re%d master on %s; re%d backup on %s", m, version_of(e, m),
		    1 - m, version_of(e, 1 - m));
		wait_for_operator(e, ISSU_STEP_REBOOT_OLD_MASTER);
		return;
	}
	if (e->v.phase.phase == ISSU_PHASE_UPGRADING) {
		/* After the switchover the ISSU still upgrades the old master:
		 * nothing may touch it until the router says it is over. */
		if (strncmp(e->v.waiting_for, "the ISSU to finish", 18) != 0)
			waiting(e, e->p.limit_issu, "the ISSU to finish on the "
			    "router (%s)", e->v.phase.reason);
		wait_poll(e, verify_switchover_read);
		return;
	}
	if (e->v.phase.phase == ISSU_PHASE_SWITCH_BACK_PENDING ||
	    e->v.phase.phase == ISSU_PHASE_DONE) {
		/* The ISSU's reboot option rebooted the old master itself. */
		step_end(e, ISSU_STEP_VERIFY_SWITCHOVER, ISSU_CHECK_PASS,
		    "both REs already run %s", version_of(e, m));
		step_end(e, ISSU_STEP_REBOOT_OLD_MASTER, ISSU_CHECK_SKIPPED,
		    "the old master already runs the target");
		verify_run(e);
		return;
	}
	stop(e, "After the upgrade the chassis is not as expected: %s. Check "
	    "show chassis routing-engine and show version on both REs.",
	    e->v.phase.reason);
}

/* ---- step 6: reboot the old master ----------------------------------------------- */

static void reboot_confirmed(struct issu *e, bool yes);
static void reboot_recheck_done(struct issu *e);
static void reboot_prompt(struct issu *e, int slot, const char *text);
static void reboot_end(struct issu *e, int slot, bool lost, int status);

static void
reboot_proceed(struct issu *e)
{
	int o = e->v.old_master;
	char who[200], text[1024], lim[32];

	if (o < 0 || role_of(e, o) != JUNOS_ROLE_BACKUP) {
		stop(e, "The old master is not known to be backup now: press "
		    "Enter to read the router again. The console never reboots "
		    "a master.");
		return;
	}
	step_begin(e, ISSU_STEP_REBOOT_OLD_MASTER);
	re_label(e, o, who, sizeof who);
	minutes(e, e->p.limit_old_master_reboot, lim, sizeof lim);
	snprintf(text, sizeof text, "Reboot the old master: run on %s, still "
	    "on %s:\n  request system reboot\nIt boots %s; its sessions drop; "
	    "back in 5-15 minutes (limit %s). re%d stays master meanwhile. "
	    "The console answers yes to Junos' \"Reboot the system ?\" only.\n"
	    "Type re%d to confirm, Esc to cancel:", who,
	    version_of(e, o) ? version_of(e, o) : "?", e->target.text, lim,
	    1 - o, o);
	ask_change(e, ISSU_CONFIRM_TYPED, o, reboot_confirmed, text);
}

static void
reboot_confirmed(struct issu *e, bool yes)
{
	int o = e->v.ask.slot;

	if (!yes) {
		refused(e, o);
		return;
	}
	issu_note(e, o, "Confirmed. Reading both REs' roles again before "
	    "sending.");
	read_start(e, P(RE) | P(VERSION), P(RE) | P(VERSION),
	    reboot_recheck_done);
}

static void
reboot_recheck_done(struct issu *e)
{
	int o = e->v.ask.slot, m = 1 - o;
	const struct junos_re_slot *seen = NULL;
	char cut[900];

	if (read_cut_text(e, cut, sizeof cut)) {
		stop(e, "%s: nothing was sent. Press Enter to read the router "
		    "again.", cut);
		return;
	}
	if (e->rd.err[0] != '\0') {
		stop(e, "%s: nothing was sent.", e->rd.err);
		return;
	}
	if (issu_facts_have(&e->v.facts[m], ISSU_PROBE_RE))
		seen = junos_routing_engine_slot(&e->v.facts[m].re, o);
	/* Both views must agree: re-o says backup, the master says backup. */
	if (role_of(e, o) != JUNOS_ROLE_BACKUP || role_of(e, m) !=
	    JUNOS_ROLE_MASTER || seen == NULL || seen->role != JUNOS_ROLE_BACKUP) {
		stop(e, "re%d is not backup now (it says %s; re%d says %s): "
		    "nothing was sent. The console never reboots a master.", o,
		    junos_re_role_name(role_of(e, o)), m,
		    junos_re_role_name(role_of(e, m)));
		return;
	}
	if (cmp_target(e, version_of(e, m)) != 0) {
		stop(e, "The master re%d does not run %s: nothing was sent.", m,
		    e->target.text);
		return;
	}
	if (records_hold(e, o, "request system reboot", reboot_confirmed))
		return;
	e->reboot_slot = o;
	e->reboot_dropped = e->reboot_answered = e->reboot_unreachable = false;
	e->reboot_said[0] = '\0';
	if (!cmd_send(e, o, "request system reboot", true, NULL, reboot_prompt,
	    reboot_end)) {
		stop(e, "re%d is busy or not connected: nothing was sent.", o);
		return;
	}
	e->reboot_sent = e->now;
}

static void
reboot_prompt(struct issu *e, int slot, const char *text)
{
	int r = answer_only(e, slot, text, JUNOS_QUESTION_REBOOT, "");

	if (r < 0) {
		snprintf(e->unexpected, sizeof e->unexpected, "%s", text);
		e->reboot_slot = -1;
	} else if (r > 0)
		e->reboot_answered = true;
}

static void reboot_back(struct issu *e);
static void reboot_back_read(struct issu *e);

static void
reboot_end(struct issu *e, int slot, bool lost, int status)
{
	struct issu_cmd *c = &e->cmd[slot];
	const char *out = c->out != NULL ? c->out : "";
	char lim[32];

	/* No exit status: the channel was cut (the session drops next). */
	if (status == -1)
		lost = true;
	if (e->reboot_slot < 0) {
		stop(e, "re%d asked a question the console does not expect: %s. "
		    "Nothing was answered; the RE was not rebooted.", slot,
		    e->unexpected);
		return;
	}
	if (!lost && strstr(out, "error:") != NULL) {
		stop(e, "re%d refused the reboot:\n%s", slot, out);
		return;
	}
	if (!e->reboot_answered) {
		/* Without the answer Junos reboots nothing: say what was seen,
		 * and read the RE's uptime when it is back to tell more. */
		if (lost)
			snprintf(e->reboot_said, sizeof e->reboot_said, "the "
			    "connection to re%d dropped before the reboot "
			    "question was answered: re%d may not have rebooted",
			    slot, slot);
		else
			snprintf(e->reboot_said, sizeof e->reboot_said, "re%d "
			    "ended `request system reboot` without asking "
			    "\"Reboot the system ?\": nothing was answered, so "
			    "re%d did not reboot", slot, slot);
		issu_note(e, slot, "%s.", e->reboot_said);
		if (lost) {
			waiting(e, ISSU_CONNECT_LIMIT_S, "re%d, to read its uptime "
			    "(was it rebooted?)", slot);
			e->wait = WAIT_NONE;
			wait_connected(e, false, reboot_back);
			return;
		}
		stop(e, "%s. Its output:\n%s\nPress Enter to read the router "
		    "again.", e->reboot_said, out);
		return;
	}
	if (lost) {
		/* Its session dropped after "yes": the RE going down. */
		e->reboot_dropped = true;
		issu_note(e, slot, "re%d dropped after the reboot was answered: "
		    "it is going down.", slot);
	}
	minutes(e, e->p.limit_old_master_reboot, lim, sizeof lim);
	waiting(e, e->p.limit_old_master_reboot, "re%d is rebooting onto %s: "
	    "usually 5-15 minutes (limit %s); its sessions are expected to "
	    "drop", slot, e->target.text, lim);
	e->v.deadline = e->reboot_sent + e->p.limit_old_master_reboot;
	e->wait = WAIT_DROP;
	e->wait_then = reboot_back;
	if (!e->v.connected[slot] && !e->reboot_dropped) {
		e->reboot_dropped = true;
		issu_note(e, slot, "re%d dropped after the reboot was answered: "
		    "it is going down.", slot);
	}
}

/* The rebooted RE's uptime, as it or the other RE says it; -1 unknown. */
static long long
reboot_uptime(const struct issu *e, int o)
{
	int s;

	for (s = 0; s < 2; s++) {
		int v = s == 0 ? o : 1 - o;
		const struct junos_re_slot *r;

		if (!issu_facts_have(&e->v.facts[v], ISSU_PROBE_RE))
			continue;
		r = junos_routing_engine_slot(&e->v.facts[v].re, o);
		if (r != NULL && r->uptime_s >= 0)
			return r->uptime_s;
	}
	return -1;
}

/* The RE is back (or the wait for its drop ended): its uptime is read. */
static void
reboot_back(struct issu *e)
{
	read_start(e, P(RE), P(RE), reboot_back_read);
}

static void
uptime_words(long long up, char *buf, size_t len)
{
	if (up >= 86400)
		snprintf(buf, len, "%lld day%s", up / 86400, up >= 172800 ?
		    "s" : "");
	else if (up >= 3600)
		snprintf(buf, len, "%lld h %lld min", up / 3600, up % 3600 / 60);
	else
		snprintf(buf, len, "%lld min %lld s", up / 60, up % 60);
}

/*
 * Done only on what was seen: "yes" typed to Junos' question, and the RE
 * gone (its session dropped after the answer and a login was refused while
 * it was away, or its uptime now shorter than the time since the command,
 * in the router's seconds, with a minute's slack for the reads).  An uptime
 * older than the command says it did not reboot, whatever else was seen.
 */
static void
reboot_back_read(struct issu *e)
{
	char took[32], up_text[48];
	int o = e->reboot_slot;
	long long up = o >= 0 ? reboot_uptime(e, o) : -1;
	double since = (e->now - e->reboot_sent) * e->p.time_scale;
	bool restarted = up >= 0 && (double)up <= since + 60;

	if (o < 0)
		return;
	if (up >= 0)
		uptime_words(up, up_text, sizeof up_text);
	if (!e->reboot_answered || (up >= 0 && !restarted) ||
	    (up < 0 && !(e->reboot_dropped && e->reboot_unreachable))) {
		char seen[1024];

		if (e->reboot_said[0] == '\0')
			snprintf(e->reboot_said, sizeof e->reboot_said, "the "
			    "reboot of re%d was answered yes %s", o,
			    !e->reboot_dropped ? "but its session never dropped" :
			    "and its session dropped");
		if (up >= 0)
			snprintf(seen, sizeof seen, "%s; its uptime is %s: it %s",
			    e->reboot_said, up_text, restarted ? "restarted, but "
			    "not on this console's answer" : "did not reboot");
		else
			snprintf(seen, sizeof seen, "%s; its uptime could not be "
			    "read: whether it rebooted is not known", e->reboot_said);
		stop(e, "%s. The step is not done: check re%d (show chassis "
		    "routing-engine), then press Enter to read the router "
		    "again.", seen, o);
		return;
	}
	e->v.old_master_reboot_s = e->now - e->reboot_sent;
	minutes(e, e->v.old_master_reboot_s, took, sizeof took);
	step_end(e, ISSU_STEP_REBOOT_OLD_MASTER, ISSU_CHECK_PASS, "re%d back "
	    "after %s", o, took);
	verify_run(e);
}

/* ---- step 7: verify versions ------------------------------------------------------ */

static void verify_read(struct issu *e);
static void verify_check(struct issu *e);
static void switch_back_offer(struct issu *e);
static void done(struct issu *e);

static void
verify_run(struct issu *e)
{
	step_begin(e, ISSU_STEP_VERIFY);
	e->v.deadline = 0;
	if (!e->v.connected[0] || !e->v.connected[1])
		waiting(e, e->p.limit_old_master_reboot, "both REs to be "
		    "reachable");
	wait_connected(e, false, verify_read);
}

static void
verify_read(struct issu *e)
{
	read_full_both(e, verify_check);
}

static void
verify_check(struct issu *e)
{
	int m = master_slot(e), b = backup_slot(e), s;
	bool ready = false, repl = false;
	for (s = 0; s < 2; s++)
		if (cmp_target(e, version_of(e, s)) != 0) {
			stop(e, "re%d runs %s, not %s. Check its boot messages "
			    "(show log messages) before going on.", s,
			    version_of(e, s) ? version_of(e, s) : "(not read)",
			    e->target.text);
			return;
		}
	if (m >= 0 && b >= 0) {
		ready = issu_facts_have(&e->v.facts[b], ISSU_PROBE_SWITCHOVER) &&
		    e->v.facts[b].switchover.ready;
		repl = issu_facts_have(&e->v.facts[m], ISSU_PROBE_REPLICATION) &&
		    e->v.facts[m].replication.complete == JUNOS_TRUE;
	}
	if (!ready || !repl) {
		/* A freshly booted backup synchronises for a few minutes. */
		if (e->v.deadline == 0)
			waiting(e, e->p.limit_switch_holddown, "re%d to be ready "
			    "for switchover and NSR replication complete "
			    "(minutes after a reboot)", b >= 0 ? b : 1 - m);
		wait_poll(e, verify_read);
		return;
	}
	e->v.waiting_for[0] = '\0';
	e->v.deadline = 0;
	snprintf(e->v.version_after, sizeof e->v.version_after, "%s",
	    version_of(e, m));
	step_end(e, ISSU_STEP_VERIFY, ISSU_CHECK_PASS, "both on %s; re%d ready "
	    "for switchover", version_of(e, m), b);
	issu_phase_derive(e->v.facts, &e->target, &e->v.phase);
	if (e->v.old_master < 0)
		e->v.old_master = e->v.phase.default_master;
	if (m == e->v.old_master) {
		step_end(e, ISSU_STEP_SWITCH_BACK, ISSU_CHECK_SKIPPED,
		    "re%d is master already", m);
		done(e);
		return;
	}
	if (e->p.switch_back == 2) {
		step_end(e, ISSU_STEP_SWITCH_BACK, ISSU_CHECK_SKIPPED,
		    "switch_back = never: re%d stays master", m);
		done(e);
		return;
	}
	wait_for_operator(e, ISSU_STEP_SWITCH_BACK);
}

/* ---- step 8: switch back ---------------------------------------------------------- */

static void switch_whether(struct issu *e, bool yes);
static void switch_checks_read(struct issu *e);
static void switch_checks(struct issu *e);
static void switch_confirmed(struct issu *e, bool yes);
static void switch_recheck_done(struct issu *e);
static void switch_recheck_read(struct issu *e);
static void switch_prompt(struct issu *e, int slot, const char *text);
static void switch_end(struct issu *e, int slot, bool lost, int status);
static void switch_verify(struct issu *e);
static void switch_verify_read(struct issu *e);

static void
switch_back_offer(struct issu *e)
{
	char text[512];

	step_begin(e, ISSU_STEP_SWITCH_BACK);
	e->switch_attempts = 0;
	if (e->p.switch_back == 0 && !e->switch_asked_whether) {
		snprintf(text, sizeof text, "Switch mastership back to re%d, the "
		    "master before the ISSU? (y/N)", e->v.old_master);
		ask(e, ISSU_CONFIRM_PLAIN, -1, switch_whether, text);
		return;
	}
	switch_checks_read(e);
}

static void
switch_whether(struct issu *e, bool yes)
{
	if (!yes) {
		step_end(e, ISSU_STEP_SWITCH_BACK, ISSU_CHECK_SKIPPED, "the "
		    "operator chose not to switch back; re%d stays master",
		    master_slot(e));
		done(e);
		return;
	}
	e->switch_asked_whether = true;
	switch_checks_read(e);
}

static void
switch_checks_read(struct issu *e)
{
	int m = master_slot(e);

	if (m < 0 || backup_slot(e) < 0) {
		stop(e, "The roles are not known: press Enter to read the router "
		    "again.");
		return;
	}
	read_start(e, m == 0 ? P(RE) | P(SWITCH_CHECK) : P(RE) | P(SWITCHOVER),
	    m == 1 ? P(RE) | P(SWITCH_CHECK) : P(RE) | P(SWITCHOVER),
	    switch_checks);
}

static bool
switch_ready(struct issu *e, char *why, size_t len)
{
	int m = master_slot(e), b = backup_slot(e);

	if (m < 0 || b < 0) {
		snprintf(why, len, "one master and one backup are not read");
		return false;
	}
	if (!issu_facts_have(&e->v.facts[b], ISSU_PROBE_SWITCHOVER) ||
	    !e->v.facts[b].switchover.ready) {
		snprintf(why, len, "re%d is not ready for switchover%s%s", b,
		    issu_facts_have(&e->v.facts[b], ISSU_PROBE_SWITCHOVER) ?
		    ": " : "", e->v.facts[b].switchover.reason);
		return false;
	}
	if (!issu_facts_have(&e->v.facts[m], ISSU_PROBE_SWITCH_CHECK) ||
	    e->v.facts[m].switch_check.ready != JUNOS_TRUE) {
		snprintf(why, len, "re%d's switch check does not say ready%s%s",
		    m, issu_facts_have(&e->v.facts[m], ISSU_PROBE_SWITCH_CHECK) ?
		    ": " : "", e->v.facts[m].switch_check.reason);
		return false;
	}
	return true;
}

static void
switch_checks(struct issu *e)
{
	char why[300], who[200], text[1024];
	int m = master_slot(e);

	if (e->rd.err[0] != '\0') {
		stop(e, "%s: nothing was sent.", e->rd.err);
		return;
	}
	if (!switch_ready(e, why, sizeof why)) {
		if (e->v.deadline == 0)
			waiting(e, e->p.limit_switch_holddown, "the backup to be "
			    "ready before switching back: %s", why);
		wait_poll(e, switch_checks_read);
		return;
	}
	e->v.waiting_for[0] = '\0';
	e->v.deadline = 0;
	re_label(e, m, who, sizeof who);
	snprintf(text, sizeof text, "Switch back: run on %s:\n  request chassis "
	    "routing-engine master switch\nre%d becomes master again, re%d "
	    "backup (graceful switchover). The console answers yes to Junos' "
	    "\"Toggle mastership between routing engines ?\" only.\n"
	    "Type re%d to confirm, Esc to cancel:", who, 1 - m, m, m);
	ask_change(e, ISSU_CONFIRM_TYPED, m, switch_confirmed, text);
}

static void
switch_confirmed(struct issu *e, bool yes)
{
	int m = e->v.ask.slot;

	if (!yes) {
		refused(e, m);
		return;
	}
	e->switch_slot = m;
	e->switch_attempts = 0;
	issu_note(e, m, "Confirmed. Reading the backup's readiness again "
	    "before sending.");
	switch_recheck_read(e);
}

/* Right before each attempt (the first and every retry after Junos'
 * hold-down, which the one confirmation covers): readiness read again. */
static void
switch_recheck_read(struct issu *e)
{
	int m = e->switch_slot;

	read_start(e, m == 0 ? P(RE) | P(SWITCH_CHECK) : P(RE) | P(SWITCHOVER),
	    m == 1 ? P(RE) | P(SWITCH_CHECK) : P(RE) | P(SWITCHOVER),
	    switch_recheck_done);
}

/* norecord typed at a switch attempt: its readiness is read again. */
static void
switch_records_go(struct issu *e, bool yes)
{
	(void)yes;
	switch_recheck_read(e);
}

static void
switch_recheck_done(struct issu *e)
{
	int m = e->switch_slot, s;
	char why[300], cut[900];

	if (read_cut_text(e, cut, sizeof cut)) {
		stop(e, "%s: nothing was sent. Press Enter to read the router "
		    "again.", cut);
		return;
	}
	if (e->rd.err[0] != '\0') {
		stop(e, "%s: nothing was sent.", e->rd.err);
		return;
	}
	e->v.master = -1;
	for (s = 0; s < 2; s++)
		if (role_of(e, s) == JUNOS_ROLE_MASTER)
			e->v.master = s;
	if (master_slot(e) != m) {
		stop(e, "re%d is no longer master: nothing was sent.", m);
		return;
	}
	if (!switch_ready(e, why, sizeof why)) {
		if (e->switch_attempts == 0) {
			stop(e, "Not switching: %s. Nothing was sent.", why);
			return;
		}
		/* Still in Junos' hold-down after a refusal: keep waiting,
		 * within the step's limit. */
		if (e->v.deadline == 0)
			waiting(e, e->p.limit_switch_holddown, "the backup to be "
			    "ready again: %s", why);
		wait_poll(e, switch_recheck_read);
		return;
	}
	if (records_hold(e, m, "request chassis routing-engine master switch",
	    switch_records_go))
		return;
	e->switch_attempts++;
	e->switch_answered = e->switch_lost = false;
	e->v.waiting_for[0] = '\0';
	e->v.deadline = 0;
	if (!cmd_send(e, m, "request chassis routing-engine master switch", true,
	    NULL, switch_prompt, switch_end))
		stop(e, "re%d is busy or not connected: nothing was sent.", m);
}

static void
switch_prompt(struct issu *e, int slot, const char *text)
{
	if (answer_only(e, slot, text, JUNOS_QUESTION_MASTER_SWITCH, "") > 0)
		e->switch_answered = true;
}

static void
switch_end(struct issu *e, int slot, bool lost, int status)
{
	struct issu_cmd *c = &e->cmd[slot];
	struct junos_master_switch r;
	char err[300];
	const char *out = c->out != NULL ? c->out : "";

	/* No exit status: the channel was cut, not answered (a drop). */
	if (status == -1)
		lost = true;
	if (lost && !e->switch_answered) {
		stop(e, "The connection to re%d was lost before Junos' switch "
		    "question was answered: this console did not switch "
		    "mastership, and mastership must be read again. Press Enter "
		    "to read the router again.", slot);
		return;
	}
	if (lost) {
		/* A switch may drop the old master's sessions: what it did
		 * is read, never assumed either way. */
		e->switch_lost = true;
		issu_note(e, slot, "The connection to re%d was lost after the "
		    "switch command was sent; mastership must be read again: "
		    "reading it.", slot);
		switch_verify(e);
		return;
	}
	if (junos_parse_master_switch(out, c->len, &r, err, sizeof err) != 0) {
		stop(e, "The answer to the switch was not understood (%s):\n%s",
		    err, out);
		return;
	}
	switch (r.result) {
	case JUNOS_SWITCH_DONE:
		switch_verify(e);
		return;
	case JUNOS_SWITCH_NOT_READY: {
		double wait = r.retry_after_s / (e->p.time_scale > 0 ?
		    e->p.time_scale : 1);

		issu_note(e, slot, "Junos: not ready for mastership switch, try "
		    "after %d secs. Waiting, then trying again (Esc cancels).",
		    r.retry_after_s);
		e->v.countdown_until = e->now + wait;
		e->wait = WAIT_COUNTDOWN;
		e->wait_then = switch_recheck_read;
		snprintf(e->v.waiting_for, sizeof e->v.waiting_for, "Junos' "
		    "mastership hold-down: trying again in %d s", r.retry_after_s);
		e->v.waiting_since = e->now;
		e->v.state = ISSU_STATE_WORKING;
		redraw(e);
		return;
	}
	default:
		stop(e, "re%d refused the switch:\n%s", slot, out);
		return;
	}
}

static void
switch_verify(struct issu *e)
{
	if (e->switch_lost)
		waiting(e, e->p.limit_switch_holddown, "mastership to move to "
		    "re%d (the connection to re%d was lost after the switch "
		    "command was sent; mastership is read again)",
		    e->v.old_master, e->switch_slot);
	else
		waiting(e, e->p.limit_switch_holddown, "mastership to move to "
		    "re%d", e->v.old_master);
	wait_connected(e, false, switch_verify_read);
}

static void switch_verify_check(struct issu *e);

static void
switch_verify_read(struct issu *e)
{
	read_start(e, P(RE), P(RE), switch_verify_check);
}

static void
switch_verify_check(struct issu *e)
{
	int s;

	e->v.master = -1;
	for (s = 0; s < 2; s++)
		if (role_of(e, s) == JUNOS_ROLE_MASTER)
			e->v.master = s;
	if (e->v.master == e->v.old_master && backup_slot(e) >= 0) {
		e->v.waiting_for[0] = '\0';
		e->v.deadline = 0;
		step_end(e, ISSU_STEP_SWITCH_BACK, ISSU_CHECK_PASS, "re%d master, "
		    "re%d backup", e->v.master, 1 - e->v.master);
		done(e);
		return;
	}
	wait_poll(e, switch_verify_read);
}

/* ---- done ------------------------------------------------------------------------ */

static void
done(struct issu *e)
{
	step_begin(e, ISSU_STEP_DONE);
	step_end(e, ISSU_STEP_DONE, ISSU_CHECK_PASS, "%s -> %s",
	    e->v.version_before[0] ? e->v.version_before : "?",
	    e->v.version_after[0] ? e->v.version_after : e->target.text);
	e->v.state = ISSU_STATE_DONE;
	e->v.waiting_for[0] = '\0';
	e->v.deadline = 0;
	e->v.phase.phase = ISSU_PHASE_DONE;
	issu_note(e, -1, "ISSU complete: %s -> %s",
	    e->v.version_before[0] ? e->v.version_before : "?",
	    e->v.version_after[0] ? e->v.version_after : e->target.text);
	intent_push(e, ISSU_DO_FINISHED, -1);
	redraw(e);
}

/* ---- start, resume --------------------------------------------------------------- */

static void connect_read(struct issu *e);

struct issu *
issu_new(const struct issu_params *p)
{
	struct issu *e = calloc(1, sizeof *e);
	int s;

	if (e == NULL)
		return NULL;
	e->p = *p;
	if (e->p.poll_interval <= 0)
		e->p.poll_interval = 10;
	if (e->p.time_scale < 1)
		e->p.time_scale = 1;
	e->router = issu_strdup(p->router);
	e->package = issu_strdup(p->package);
	e->package_sha256 = issu_strdup(p->package_sha256);
	for (s = 0; s < 2; s++) {
		e->host[s] = issu_strdup(p->host[s]);
		cmd_reset(&e->cmd[s]);
	}
	e->p.router = e->router;
	e->p.package = e->package;
	e->p.package_sha256 = e->package_sha256;
	e->v.master = e->v.old_master = -1;
	e->new_master = -1;
	e->reboot_slot = -1;
	e->v.ask.slot = -1;
	e->v.watch_only = p->watch_only;
	snprintf(e->v.watch_why, sizeof e->v.watch_why, "%s", p->watch_why !=
	    NULL ? p->watch_why : "another console holds this router");
	e->p.watch_why = NULL;		/* not copied: the view holds it */
	if (e->package == NULL)
		snprintf(e->target_err, sizeof e->target_err, "no package is "
		    "configured for this router");
	else if (junos_release_from_package(e->package, &e->target,
	    e->target_err, sizeof e->target_err) == 0) {
		e->have_target = true;
		snprintf(e->v.version_after, sizeof e->v.version_after, "%s",
		    e->target.text);
	}
	return e;
}

void
issu_free(struct issu *e)
{
	if (e == NULL)
		return;
	free(e->cmd[0].out);
	free(e->cmd[1].out);
	free(e->router);
	free(e->host[0]);
	free(e->host[1]);
	free(e->package);
	free(e->package_sha256);
	free(e);
}

void
issu_start(struct issu *e, double now)
{
	e->now = now;
	e->started = now;
	step_begin(e, ISSU_STEP_CONNECT);
	intent_push(e, ISSU_DO_CONNECT, 0);
	intent_push(e, ISSU_DO_CONNECT, 1);
	if (e->p.watch_only)
		issu_note(e, -1, "Watch only: %s. This console reads the router "
		    "and follows what happens; it asks no confirmation and "
		    "sends nothing that changes the router. To act, quit and "
		    "start it again once that console has ended.",
		    e->v.watch_why);
	waiting(e, ISSU_CONNECT_LIMIT_S, "SSH sessions to re0 and re1");
	wait_connected(e, true, connect_read);
}

static void
connect_read(struct issu *e)
{
	e->v.waiting_for[0] = '\0';
	e->v.deadline = 0;
	if (e->v.run[ISSU_STEP_CONNECT].result == ISSU_CHECK_PENDING)
		step_end(e, ISSU_STEP_CONNECT, ISSU_CHECK_PASS, "%s",
		    e->v.connected[0] && e->v.connected[1] ? "both REs "
		    "connected" : e->v.connected[0] ? "re0 only (re1 not "
		    "reachable)" : "re1 only (re0 not reachable)");
	read_full(e, derive_and_resume);
}

/* Marks the steps before `id` as already done on the router. */
static void
mark_done_before(struct issu *e, enum issu_step_id id)
{
	int i;

	for (i = ISSU_STEP_FIX; i < (int)id; i++) {
		struct issu_step_run *r = &e->v.run[i];

		if (r->result != ISSU_CHECK_PENDING)
			continue;
		if (r->started > 0) {
			/* Begun here, then a stop: the router finished it. */
			r->result = ISSU_CHECK_PASS;
			r->ended = e->now;
			snprintf(r->note, sizeof r->note, "done (seen by reading "
			    "the router after a stop)");
		} else {
			r->result = ISSU_CHECK_SKIPPED;
			snprintf(r->note, sizeof r->note, "done before this "
			    "console started");
		}
	}
}

/* A resume past the prerequisites: they were not checked now, unless this
 * console checked them before a stop. */
static void
prereq_not_run(struct issu *e)
{
	if (e->v.run[ISSU_STEP_PREREQ].result == ISSU_CHECK_PENDING)
		e->v.run[ISSU_STEP_PREREQ].result = ISSU_CHECK_SKIPPED;
}

static void
derive_and_resume(struct issu *e)
{
	struct issu_phase_view *pv = &e->v.phase;
	int m;

	issu_phase_derive(e->v.facts, e->have_target ? &e->target : NULL, pv);
	m = pv->master;
	issu_note(e, -1, "Phase: %s (%s)", issu_phase_name(pv->phase),
	    pv->reason);
	if (pv->phase != ISSU_PHASE_UNKNOWN && pv->phase != ISSU_PHASE_UPGRADING &&
	    (!e->v.connected[0] || !e->v.connected[1])) {
		/* One RE is enough to see an ISSU running, not to act. */
		stop(e, "re%d is not reachable; the console needs both REs for "
		    "this phase (%s). Press Enter to try again.",
		    e->v.connected[0] ? 1 : 0, issu_phase_name(pv->phase));
		return;
	}
	switch (pv->phase) {
	case ISSU_PHASE_NOT_STARTED:
	case ISSU_PHASE_PREREQ_MISSING:
	case ISSU_PHASE_READY:
		if (e->v.version_before[0] == '\0' && m >= 0 && version_of(e, m))
			snprintf(e->v.version_before, sizeof e->v.version_before,
			    "%s", version_of(e, m));
		e->v.old_master = m;
		step_begin(e, ISSU_STEP_PREREQ);
		prereq_verdict(e);
		return;
	case ISSU_PHASE_UPGRADING:
		if (e->issu_sent && e->issu_error) {
			/* Junos said it aborted the ISSU this console sent: an
			 * RE down now is not an upgrade going on. */
			stop(e, "Junos aborted the ISSU this console started on "
			    "re%d, and the chassis still looks mid-upgrade (%s). "
			    "The console will not follow an ISSU that is over: "
			    "check show chassis in-service-upgrade on re%d and "
			    "re%d on its console port.", e->v.old_master,
			    pv->reason, e->v.old_master, 1 - e->v.old_master);
			return;
		}
		/* The release the chassis is leaving: the one older than the
		 * target (the master may already run the target). */
		if (e->v.version_before[0] == '\0') {
			int s;

			for (s = 0; s < 2; s++)
				if (cmp_target(e, version_of(e, s)) < 0)
					snprintf(e->v.version_before,
					    sizeof e->v.version_before, "%s",
					    version_of(e, s));
		}
		mark_done_before(e, ISSU_STEP_UPGRADE);
		prereq_not_run(e);
		e->v.old_master = m;
		e->new_master = 1 - m;
		step_begin(e, ISSU_STEP_UPGRADE);
		e->issu_monitor = true;
		waiting(e, e->p.limit_issu, "an ISSU already running on re%d: "
		    "the console follows it by reading both REs", m);
		wait_poll(e, upgrade_monitor);
		return;
	case ISSU_PHASE_OLD_MASTER_REBOOT_PENDING:
		if (e->v.version_before[0] == '\0')
			snprintf(e->v.version_before, sizeof e->v.version_before,
			    "%s", version_of(e, pv->backup));
		prereq_not_run(e);
		mark_done_before(e, ISSU_STEP_VERIFY_SWITCHOVER);
		verify_switchover_check(e);
		return;
	case ISSU_PHASE_SWITCH_BACK_PENDING:
	case ISSU_PHASE_DONE:
		prereq_not_run(e);
		mark_done_before(e, ISSU_STEP_VERIFY);
		e->v.old_master = pv->default_master;
		verify_run(e);
		return;
	case ISSU_PHASE_UNKNOWN:
		break;
	}
	stop(e, "The console cannot tell where this chassis is in an ISSU: %s. "
	    "It will not send anything. Check show chassis routing-engine and "
	    "show version on both REs.", pv->reason);
}

void
issu_step_explain(const struct issu *e, enum issu_step_id id, char *buf,
    size_t len)
{
	const struct issu_step_def *def = issu_step_def(id);
	char cmd[1500], what[1600];
	int slot = issu_step_command(e, id, cmd, sizeof cmd);

	if (slot >= 0)
		snprintf(what, sizeof what, "Command on re%d:\n  %s\n\n", slot,
		    cmd);
	else if (def->command != NULL)
		snprintf(what, sizeof what, "Command:\n  %s\n\n", def->command);
	else
		what[0] = '\0';
	snprintf(buf, len, "%s\n\n%sSuccess: %s.", def->explain, what,
	    def->success);
}

int
issu_step_command(const struct issu *e, enum issu_step_id id, char *buf,
    size_t len)
{
	int m = e->v.master, b = m >= 0 ? 1 - m : -1;
	size_t used, i;

	buf[0] = '\0';
	switch (id) {
	case ISSU_STEP_FIX:
		if (m < 0 || e->nfix == 0)
			return -1;
		used = (size_t)snprintf(buf, len, "configure");
		for (i = 0; i < e->nfix && used < len; i++)
			used += (size_t)snprintf(buf + used, len - used, "\n%s",
			    e->fix_lines[i]);
		if (used < len)
			snprintf(buf + used, len - used, "\ncommit synchronize\n"
			    "exit configuration-mode");
		return m;
	case ISSU_STEP_UPGRADE:
		if (m < 0 || e->package == NULL)
			return -1;
		upgrade_command(e, buf, len);
		return m;
	case ISSU_STEP_REBOOT_OLD_MASTER: {
		/* Before the ISSU the old master is today's master. */
		int o = e->v.old_master >= 0 ? e->v.old_master : m;

		if (o < 0)
			return -1;
		snprintf(buf, len, "request system reboot");
		return o;
	}
	case ISSU_STEP_SWITCH_BACK: {
		int o = e->v.old_master >= 0 ? e->v.old_master : m;

		if (o < 0 || e->p.switch_back == 2)
			return -1;
		(void)b;
		snprintf(buf, len, "request chassis routing-engine master switch");
		return 1 - o;
	}
	default:
		return -1;
	}
}

enum issu_step_id
issu_assess(struct issu *e, const struct issu_re_facts f[2],
    const bool connected[2])
{
	struct issu_phase_view *pv = &e->v.phase;
	int s, fixable, blocking;

	for (s = 0; s < 2; s++) {
		e->v.facts[s] = f[s];
		e->v.connected[s] = connected[s];
	}
	e->v.master = -1;
	for (s = 0; s < 2; s++)
		if (role_of(e, s) == JUNOS_ROLE_MASTER)
			e->v.master = s;
	issu_phase_derive(e->v.facts, e->have_target ? &e->target : NULL, pv);
	if (pv->phase == ISSU_PHASE_UNKNOWN && !e->have_target)
		snprintf(pv->reason, sizeof pv->reason, "the target release is "
		    "not known: %.200s", e->target_err);
	switch (pv->phase) {
	case ISSU_PHASE_NOT_STARTED:
	case ISSU_PHASE_PREREQ_MISSING:
	case ISSU_PHASE_READY:
		blocking = evaluate_checks(e, &fixable);
		if (blocking == 0) {
			pv->phase = ISSU_PHASE_READY;
			return ISSU_STEP_UPGRADE;
		}
		pv->phase = ISSU_PHASE_PREREQ_MISSING;
		return fixable > 0 && blocked_only_by_fixable(e) ?
		    ISSU_STEP_FIX : ISSU_STEP_PREREQ;
	case ISSU_PHASE_UPGRADING:
		return ISSU_STEP_UPGRADE;
	case ISSU_PHASE_OLD_MASTER_REBOOT_PENDING:
		return ISSU_STEP_REBOOT_OLD_MASTER;
	case ISSU_PHASE_SWITCH_BACK_PENDING:
		return ISSU_STEP_SWITCH_BACK;
	case ISSU_PHASE_DONE:
		return ISSU_STEP_DONE;
	case ISSU_PHASE_UNKNOWN:
		break;
	}
	return ISSU_STEP_COUNT;
}

/* ---- events in ------------------------------------------------------------------- */

void
issu_on_connected(struct issu *e, int slot, double now)
{
	e->now = now;
	e->v.connected[slot] = true;
	e->down_since[slot] = 0;
	e->permanent[slot] = false;
	issu_note(e, slot, "connected");
	if (e->v.step == ISSU_STEP_UPGRADE && slot == e->new_master &&
	    e->v.sub_phase != NULL && e->v.sub_phase ==
	    issu_sub_phases[SUB_BACKUP_REBOOTING])
		upgrade_sub_phase(e, SUB_BACKUP_BACK);
	/* The backup back from its reboot runs another release: show it now,
	 * not when the step ends (the old master's session is the ISSU's). */
	if (e->v.step == ISSU_STEP_UPGRADE && slot == e->new_master &&
	    e->issu_sent && !e->issu_monitor && !e->rd.active &&
	    !e->cmd[slot].busy && e->v.state == ISSU_STATE_WORKING)
		read_start(e, slot == 0 ? READ_ROUND1 : 0,
		    slot == 1 ? READ_ROUND1 : 0, upgrade_backup_read);
	if (e->wait == WAIT_CONNECT && e->v.connected[0] && e->v.connected[1]) {
		issu_fn *then = e->poll_fn;

		e->wait = WAIT_NONE;
		then(e);
	} else if (e->wait == WAIT_DROP && slot == e->reboot_slot &&
	    e->reboot_dropped) {
		e->wait = WAIT_NONE;
		reboot_back(e);
	}
	redraw(e);
}

void
issu_on_disconnected(struct issu *e, int slot, bool permanent,
    const char *why, double now)
{
	struct issu_cmd *c = &e->cmd[slot];
	bool was = e->v.connected[slot];

	e->now = now;
	e->v.connected[slot] = false;
	if (e->down_since[slot] == 0)
		e->down_since[slot] = now;
	snprintf(e->drop_why[slot], sizeof e->drop_why[slot], "%s",
	    why != NULL ? why : "");
	/* A login that fails while the rebooting RE is away: it is down. */
	if (!was && e->wait == WAIT_DROP && slot == e->reboot_slot &&
	    e->reboot_dropped)
		e->reboot_unreachable = true;
	if (was)
		issu_note(e, slot, "disconnected: %s", why);
	if (c->busy) {
		void (*end)(struct issu *, int, bool, int) = c->on_end;

		c->busy = false;
		if (end != NULL && cmd_live(e, c))
			end(e, slot, true, -1);
	}
	if (e->wait == WAIT_DROP && slot == e->reboot_slot)
		e->reboot_dropped = true;
	if (permanent) {
		e->permanent[slot] = true;
		snprintf(e->permanent_why[slot], sizeof e->permanent_why[0], "%s",
		    why);
		if (e->v.state != ISSU_STATE_STOPPED &&
		    e->v.state != ISSU_STATE_DONE)
			stop(e, "re%d: %s. Retrying will not help: fix this "
			    "first.%s", slot, why, issu_router_busy(e) ?
			    " The ISSU goes on in the router: run issu-console "
			    "again to follow it once this is fixed." : "");
	}
	read_pump(e);
	redraw(e);
}

void
issu_on_hung(struct issu *e, int slot, const char *why, double now)
{
	struct issu_cmd *c = &e->cmd[slot];
	char who[200], cmd[600] = "", seen[400] = "", reason[1100];
	bool busy = c->busy;
	const char *verb;

	e->now = now;
	re_label(e, slot, who, sizeof who);
	if (busy) {
		snprintf(cmd, sizeof cmd, "%s", c->text[0] != '\0' ? c->text :
		    "the interactive CLI");
		/* What was and was not seen: the operator must know whether
		 * a changing command may have taken effect. */
		snprintf(seen, sizeof seen, " Seen before that: %s; %s.",
		    c->len > 0 || c->partial[0] != '\0' ? "some of its output "
		    "(in the transcript)" : "no output at all", c->typed ?
		    "the console had typed its answer to Junos' question" :
		    "no answer was typed");
	}
	/* A command past its limit may still be talking: not "silent". */
	verb = strstr(why, "no end within") != NULL ? "ran out of time" :
	    "went silent";
	snprintf(reason, sizeof reason, "timeout: %s", why);
	issu_on_disconnected(e, slot, false, reason, now);
	if (e->v.state == ISSU_STATE_DONE)
		return;
	if (e->v.state == ISSU_STATE_STOPPED) {
		stop_append(e, "Meanwhile %s %s: %s.", who, verb, why);
		return;
	}
	/* A drop this is not: the RE was not seen going down. */
	if (e->wait == WAIT_DROP && slot == e->reboot_slot)
		e->reboot_dropped = false;
	/* The session's words name the command when it knew it. */
	stop(e, "%s %s: %s%s%s%s.%s Nothing closed the connection, so "
	    "the console cannot tell whether the RE is hung, rebooting, or cut "
	    "off; it sent nothing more. Check the management link to re%d "
	    "(ping %s, its console port) and whether the RE is hung (log in "
	    "on its console). Press Enter to read the router again on a new "
	    "session.", who, verb, why, busy && strstr(why, cmd) == NULL ?
	    " (running: " : "", busy && strstr(why, cmd) == NULL ? cmd : "",
	    busy && strstr(why, cmd) == NULL ? ")" : "", seen, slot,
	    e->host[slot] != NULL ? e->host[slot] : "it");
}

/* Does the running command on c still drive the procedure?  Once stopped
 * nothing advances until the operator retries; only the ISSU's own
 * command is still listened to, for news (see upgrade_end). */
static bool
cmd_live(const struct issu *e, const struct issu_cmd *c)
{
	return e->v.state != ISSU_STATE_STOPPED || c->watch;
}

/* Splits a LINES event into whole lines for the running command; an
 * unfinished line held from a PROMPT that was neither a question nor a CLI
 * prompt (a pause mid-line) starts the first one. */
void
issu_on_lines(struct issu *e, int slot, const char *text, double now)
{
	struct issu_cmd *c = &e->cmd[slot];
	const char *p = text;

	e->now = now;
	if (!c->busy)
		return;
	cmd_keep(c, text, strlen(text));
	while (*p != '\0') {
		size_t n = strcspn(p, "\n"), held = strlen(c->partial);
		char line[1024];

		snprintf(line, sizeof line, "%s%.*s", c->partial,
		    (int)(n < sizeof line - 1 - held ? n : sizeof line - 1 - held),
		    p);
		c->partial[0] = '\0';
		if (line[0] != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (c->on_line != NULL && cmd_live(e, c))
			c->on_line(e, slot, line);
		if (!c->busy)
			return;
		p += n;
		if (*p == '\n')
			p++;
	}
}

void
issu_on_prompt(struct issu *e, int slot, const char *text, double now)
{
	struct issu_cmd *c = &e->cmd[slot];
	struct junos_prompt pr;
	size_t n = strlen(text), held;

	e->now = now;
	if (!c->busy)
		return;
	cmd_keep(c, text, n);
	/* A pause can split a question: judge it with what came before. */
	held = strlen(c->partial);
	snprintf(c->partial + held, sizeof c->partial - held, "%s", text);
	n = strlen(c->partial);
	if (junos_question_classify(c->partial, n) != JUNOS_QUESTION_NONE ||
	    junos_prompt_parse(c->partial, n, &pr) == 0) {
		char whole[sizeof c->partial];

		memcpy(whole, c->partial, n + 1);
		c->partial[0] = '\0';
		if (c->on_prompt != NULL && cmd_live(e, c))
			c->on_prompt(e, slot, whole);
	}
}

void
issu_on_done(struct issu *e, int slot, int exit_status, double now)
{
	struct issu_cmd *c = &e->cmd[slot];
	void (*end)(struct issu *, int, bool, int) = c->on_end;

	e->now = now;
	if (!c->busy)
		return;
	c->busy = false;
	if (end != NULL && cmd_live(e, c))
		end(e, slot, false, exit_status);
	read_pump(e);
}

void
issu_tick(struct issu *e, double now)
{
	e->now = now;
	switch (e->wait) {
	case WAIT_CONNECT:
		if (e->connect_any && (e->v.connected[0] || e->v.connected[1]) &&
		    now - e->connect_since >= ISSU_CONNECT_GRACE_S) {
			issu_fn *then = e->poll_fn;

			e->wait = WAIT_NONE;
			then(e);
			return;
		}
		break;
	case WAIT_POLL:
		if (now >= e->next_poll && !e->rd.active &&
		    !e->cmd[0].busy && !e->cmd[1].busy) {
			issu_fn *each = e->poll_fn;

			e->wait = WAIT_NONE;
			each(e);
			return;
		}
		break;
	case WAIT_COUNTDOWN:
		if (now >= e->v.countdown_until) {
			issu_fn *then = e->wait_then;

			e->wait = WAIT_NONE;
			e->v.countdown_until = 0;
			then(e);
			return;
		}
		redraw(e);
		break;
	case WAIT_DROP:
	case WAIT_NONE:
		break;
	}
	if (e->v.deadline > 0 && now >= e->v.deadline &&
	    e->v.state == ISSU_STATE_WORKING) {
		char lim[32];
		int s;

		minutes(e, now - e->v.waiting_since, lim, sizeof lim);
		if (e->v.step == ISSU_STEP_CONNECT) {
			stop(e, "Could not log in to re0 or re1 within %s: check "
			    "the addresses, the network path, and the SSH "
			    "settings. Press Enter to try again.", lim);
			return;
		}
		for (s = 0; s < 2; s++)
			if (!e->v.connected[s])
				break;
		if (e->v.step == ISSU_STEP_UPGRADE && e->backup_down_deadline > 0)
			stop(e, "re%d has not come back %s after its reboot. "
			    "Check its console port (a failed boot?). re%d is "
			    "still master; the ISSU on it may still be waiting: "
			    "show chassis in-service-upgrade on re%d.%s",
			    e->new_master, lim, e->v.old_master, e->v.old_master,
			    issu_streaming(e) ? follow_offer : "");
		else if (e->v.step == ISSU_STEP_UPGRADE && issu_streaming(e))
			stop(e, "The ISSU on re%d has not finished %s after it "
			    "started (%s). Check show chassis in-service-upgrade "
			    "on re%d.%s", e->v.old_master, lim, e->v.waiting_for,
			    e->v.old_master, follow_offer2);
		else if (e->v.step == ISSU_STEP_REBOOT_OLD_MASTER &&
		    e->reboot_slot >= 0 && e->wait == WAIT_DROP &&
		    !e->reboot_dropped && e->v.connected[e->reboot_slot] &&
		    !e->cmd[e->reboot_slot].busy) {
			/* Never went down: what its uptime says is the stop. */
			e->wait = WAIT_NONE;
			e->v.deadline = 0;
			reboot_back(e);
		} else if (e->v.step == ISSU_STEP_REBOOT_OLD_MASTER &&
		    e->reboot_slot >= 0)
			stop(e, "re%d has not come back %s after its reboot onto "
			    "%s. Check it on its console port (a failed boot?). "
			    "re%d is master%s%s and carries the traffic; nothing "
			    "else was sent. Press Enter to look again.",
			    e->reboot_slot, lim, e->have_target ? e->target.text :
			    "the new release", 1 - e->reboot_slot,
			    version_of(e, 1 - e->reboot_slot) != NULL ? " on " : "",
			    version_of(e, 1 - e->reboot_slot) != NULL ?
			    version_of(e, 1 - e->reboot_slot) : "");
		else
			stop(e, "Still waiting after %s for: %s. Check the router "
			    "(%s%s).", lim, e->v.waiting_for, s < 2 ?
			    "re" : "show chassis routing-engine",
			    s < 2 ? (s == 0 ? "0 is not reachable: its console "
			    "port" : "1 is not reachable: its console port") : "");
	}
}

double
issu_next_tick(const struct issu *e, double now)
{
	double t = now + 1;

	if (e->wait == WAIT_POLL && e->next_poll < t)
		t = e->next_poll;
	if (e->wait == WAIT_COUNTDOWN && e->v.countdown_until < t)
		t = e->v.countdown_until;
	if (e->v.deadline > 0 && e->v.deadline < t)
		t = e->v.deadline;
	return t < now ? now : t;
}

/* Is the ISSU's own command still running on the old master (its session
 * up, Junos still printing)? */
static bool
issu_streaming(const struct issu *e)
{
	int o = e->v.old_master;

	return e->issu_sent && o >= 0 && o < 2 && e->cmd[o].busy &&
	    e->cmd[o].watch;
}

/* The waits of a running ISSU, set again (a retry after a stop): for the
 * backup while it is away, else for the ISSU as a whole, each with a new
 * window from now, as the operator chose to wait on. */
static void
upgrade_follow_again(struct issu *e)
{
	int b = e->new_master;

	e->v.state = ISSU_STATE_WORKING;
	e->v.step = ISSU_STEP_UPGRADE;
	e->issu_window = e->now;
	issu_note(e, -1, "Following the ISSU on re%d again.", e->v.old_master);
	if (!e->v.connected[b]) {
		e->backup_down_deadline = e->now + e->p.limit_backup_reboot;
		waiting(e, e->p.limit_backup_reboot, "re%d to come back; the "
		    "ISSU on re%d waits for it too", b, e->v.old_master);
	} else {
		e->backup_down_deadline = 0;
		waiting(e, e->p.limit_issu, "the ISSU on re%d to finish",
		    e->v.old_master);
	}
}

void
issu_proceed(struct issu *e, double now)
{
	e->now = now;
	if (e->v.state == ISSU_STATE_STOPPED && issu_streaming(e) &&
	    !e->issu_error) {
		int s;

		e->v.stop_reason[0] = '\0';
		e->v.run[ISSU_STEP_UPGRADE].result = ISSU_CHECK_PENDING;
		e->v.run[ISSU_STEP_UPGRADE].ended = 0;
		e->v.run[ISSU_STEP_UPGRADE].note[0] = '\0';
		for (s = 0; s < 2; s++)
			if (!e->v.connected[s])
				intent_push(e, ISSU_DO_CONNECT, s);
		upgrade_follow_again(e);
		/* The session that went quiet past a limit may be dead with
		 * nothing closed (a black-holed master): not waited on again.
		 * A new one reads the router; the cut command is followed by
		 * reading, as after a drop (upgrade_end). */
		issu_note(e, e->v.old_master, "Reading the router afresh on a "
		    "new session to re%d.", e->v.old_master);
		intent_push(e, ISSU_DO_RECONNECT, e->v.old_master);
		return;
	}
	if (e->v.state == ISSU_STATE_STOPPED) {
		/* A retry reads the router again and derives from scratch. */
		e->v.stop_reason[0] = '\0';
		/* Its start stays: the record times the step as lived, and
		 * a step the router then finishes was begun here. */
		e->v.run[e->v.step].result = ISSU_CHECK_PENDING;
		e->backup_down_deadline = 0;
		if (!e->v.connected[0] || !e->v.connected[1]) {
			int s;

			for (s = 0; s < 2; s++)
				if (!e->v.connected[s])
					intent_push(e, ISSU_DO_CONNECT, s);
		}
		e->v.state = ISSU_STATE_WORKING;
		waiting(e, ISSU_CONNECT_LIMIT_S, "both REs, to read them again");
		wait_connected(e, true, connect_read);
		return;
	}
	if (e->v.state != ISSU_STATE_WAIT_PROCEED)
		return;
	if (e->p.watch_only) {
		/* Enter on a watcher: read the router now, start nothing. */
		e->v.state = ISSU_STATE_WORKING;
		e->wait = WAIT_NONE;
		read_full(e, derive_and_resume);
		return;
	}
	switch (e->v.step) {
	case ISSU_STEP_FIX:
		fix_proceed(e);
		break;
	case ISSU_STEP_UPGRADE:
		upgrade_proceed(e);
		break;
	case ISSU_STEP_REBOOT_OLD_MASTER:
		reboot_proceed(e);
		break;
	case ISSU_STEP_SWITCH_BACK:
		switch_back_offer(e);
		break;
	default:
		break;
	}
}

/* The open question answered (answer) or cancelled (NULL). */
static void
answer_question(struct issu *e, const char *answer)
{
	issu_answer_fn *then = e->on_answer;
	bool yes;

	if (e->v.state != ISSU_STATE_ASKING || then == NULL || e->p.watch_only)
		return;
	if (answer == NULL)
		yes = false;
	else if (e->v.ask.kind == ISSU_CONFIRM_TYPED)
		yes = strcmp(answer, e->v.ask.expect) == 0;
	else
		yes = strcmp(answer, "y") == 0;	/* only y (issue 7) */
	if (answer == NULL)
		issu_note(e, e->v.ask.slot, "Operator cancelled the question: "
		    "not confirmed");
	else
		issu_note(e, e->v.ask.slot, "Operator answered \"%.40s\": %s",
		    answer, yes ? "confirmed" : "not confirmed");
	e->on_answer = NULL;
	e->v.state = ISSU_STATE_WORKING;
	then(e, yes);
}

void
issu_answer(struct issu *e, const char *answer, double now)
{
	e->now = now;
	answer_question(e, answer != NULL ? answer : "");
}

void
issu_cancel(struct issu *e, double now)
{
	e->now = now;
	if (e->v.state == ISSU_STATE_ASKING) {
		answer_question(e, NULL);
		return;
	}
	if (e->wait == WAIT_COUNTDOWN) {
		e->wait = WAIT_NONE;
		e->v.countdown_until = 0;
		stop(e, "Switch back cancelled during Junos' hold-down: nothing "
		    "more was sent; re%d stays master. Press Enter to try again.",
		    master_slot(e));
	}
}

bool
issu_wants_connection(const struct issu *e, int slot)
{
	if (e->permanent[slot])
		return false;
	return e->v.state != ISSU_STATE_DONE;
}

bool
issu_router_busy(const struct issu *e)
{
	switch (e->v.step) {
	case ISSU_STEP_UPGRADE:
		/* Stopped or not: its command still running is the ISSU;
		 * one sent here that ended without an error may still be
		 * upgrading the old master (asking is the safe side). */
		return issu_streaming(e) || ((e->issu_sent || e->issu_monitor) &&
		    e->v.run[ISSU_STEP_UPGRADE].result == ISSU_CHECK_PENDING) ||
		    (e->issu_sent && !e->issu_error &&
		    e->v.state == ISSU_STATE_STOPPED);
	case ISSU_STEP_VERIFY_SWITCHOVER:
		/* The ISSU still upgrading the old master after the switch. */
		return e->v.phase.phase == ISSU_PHASE_UPGRADING;
	case ISSU_STEP_REBOOT_OLD_MASTER:
		return e->wait == WAIT_DROP;
	case ISSU_STEP_SWITCH_BACK:
		return e->wait == WAIT_COUNTDOWN || e->cmd[0].busy ||
		    e->cmd[1].busy;
	default:
		return false;
	}
}

void
issu_left(struct issu *e, double now)
{
	e->now = now;
	if (issu_router_busy(e))
		issu_anomaly(e, "the operator left the console at step %d/%d %s "
		    "while the router was mid-change", (int)e->v.step + 1,
		    ISSU_STEPS_NUMBERED, issu_steps[e->v.step].title);
}

void
issu_left_because(struct issu *e, const char *why, double now)
{
	e->now = now;
	snprintf(e->left_why, sizeof e->left_why, "%s", why != NULL && why[0] ?
	    why : "unknown");
	issu_anomaly(e, "the console was left (%s) at step %d/%d %s%s",
	    e->left_why, (int)e->v.step + 1, ISSU_STEPS_NUMBERED,
	    issu_steps[e->v.step].title, issu_router_busy(e) ?
	    " while the router was mid-change" : "");
}

void
issu_records_failed(struct issu *e, const char *what, double now)
{
	e->now = now;
	issu_anomaly(e, "records failed: %s", what);
	if (e->v.records_failed[0] != '\0') {
		issu_note(e, -1, "RECORDS FAILED again: %s", what);
		return;
	}
	snprintf(e->v.records_failed, sizeof e->v.records_failed, "%s", what);
	issu_note(e, -1, "RECORDS FAILED: %s. The record of this change is "
	    "incomplete from here: nothing that changes the router is sent "
	    "until you type norecord to go on without it.", what);
	redraw(e);
}

const struct issu_view *
issu_view(const struct issu *e)
{
	return &e->v;
}

/* ---- the change record ------------------------------------------------------------ */

static void
clock_text(long long wall_start, double clock_start, double t, char *buf,
    size_t len)
{
	time_t w = (time_t)(wall_start + (long long)(t - clock_start));
	struct tm tm;

	if (t <= 0) {
		snprintf(buf, len, "-");
		return;
	}
	localtime_r(&w, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

char *
issu_change_record(const struct issu *e, const char *operator_name,
    long long wall_start, double clock_start, const char *transcript_path)
{
	char *buf = NULL, a[32], b[32];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int i;

	if (f == NULL)
		return NULL;
	clock_text(wall_start, clock_start, e->started > 0 ? e->started :
	    clock_start, a, sizeof a);
	clock_text(wall_start, clock_start, e->now, b, sizeof b);
	fprintf(f, "# ISSU change record: %s\n\n", e->router ? e->router : "?");
	fprintf(f, "| | |\n|---|---|\n");
	fprintf(f, "| Router | %s (re0 %s, re1 %s) |\n", e->router ? e->router :
	    "?", e->host[0] ? e->host[0] : "?", e->host[1] ? e->host[1] : "?");
	fprintf(f, "| Operator | %s |\n", operator_name ? operator_name : "?");
	fprintf(f, "| Started | %s |\n| Last update | %s |\n", a, b);
	fprintf(f, "| Package | %s |\n", e->package ? e->package : "(none)");
	fprintf(f, "| Release before | %s |\n| Release after | %s |\n",
	    e->v.version_before[0] ? e->v.version_before : "unknown",
	    e->v.state == ISSU_STATE_DONE ? e->v.version_after : "not reached");
	if (e->left_why[0] != '\0' && e->v.state != ISSU_STATE_DONE)
		fprintf(f, "| Result | left at step %d/%d %s (%s)%s |\n",
		    (int)e->v.step + 1, ISSU_STEPS_NUMBERED,
		    issu_steps[e->v.step].title, e->left_why,
		    issu_router_busy(e) ? ", the router mid-change" : "");
	else
		fprintf(f, "| Result | %s |\n", e->v.state == ISSU_STATE_DONE ?
		    "ISSU complete" : e->v.state == ISSU_STATE_STOPPED ?
		    "stopped" : "in progress");
	if (transcript_path != NULL)
		fprintf(f, "| Transcript | %s |\n", transcript_path);
	if (e->v.records_failed[0] != '\0')
		fprintf(f, "| Records | INCOMPLETE: %s%s |\n",
		    e->v.records_failed, e->v.records_waived ? "; the operator "
		    "typed norecord and went on without a complete record" : "");
	fprintf(f, "\n## Steps\n\n| # | Step | Start | End | Duration | Result "
	    "| Note |\n|---|---|---|---|---|---|---|\n");
	for (i = 0; i < ISSU_STEP_COUNT; i++) {
		const struct issu_step_run *r = &e->v.run[i];
		char d[32] = "-";

		clock_text(wall_start, clock_start, r->started, a, sizeof a);
		clock_text(wall_start, clock_start, r->ended, b, sizeof b);
		if (r->started > 0 && r->ended >= r->started)
			snprintf(d, sizeof d, "%.0f s", r->ended - r->started);
		fprintf(f, "| %d | %s | %s | %s | %s | %s | %s |\n", i + 1,
		    issu_steps[i].title, a, b, d,
		    r->result == ISSU_CHECK_PASS ? "done" :
		    issu_check_result_name(r->result), r->note);
	}
	fprintf(f, "\n## Prerequisites\n\n| Check | Result | Reason |\n"
	    "|---|---|---|\n");
	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &e->v.checks[i];

		if (c->title == NULL)
			continue;
		fprintf(f, "| %s | %s | %s |\n", c->title,
		    issu_check_result_name(c->result), c->reason);
	}
	fprintf(f, "\n## Anomalies\n\n");
	if (e->nanomalies == 0)
		fprintf(f, "None.\n");
	for (i = 0; i < (int)e->nanomalies; i++)
		fprintf(f, "- %s\n", e->anomalies[i]);
	if (e->v.state == ISSU_STATE_STOPPED)
		fprintf(f, "\nStopped: %s\n", e->v.stop_reason);
	fclose(f);
	return buf;
}
