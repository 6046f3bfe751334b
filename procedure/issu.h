/*
 * issu.h - the ISSU procedure engine: the step table and the state machine
 * that walks a dual-RE chassis from "both on the old release" to "both on
 * the new one, mastership back where it was".
 *
 * Pure C: no sockets, no curses, no clock of its own.  The owner (the main
 * loop) feeds it what the sessions saw (connected, lines, a prompt, command
 * done, disconnected), the operator's answers, and the time; it answers
 * with intents the owner carries out in order (run this command on re1,
 * type this line, ask the operator that, note this).  Every decision about
 * the router is made here, so it is unit-tested with strings in and intents
 * out, and the TUI only draws issu_view().
 *
 * Safety rules enforced here and never relaxed by any parameter:
 *  - a command that changes the router is only emitted after the operator
 *    confirmed a question naming the RE (slot, hostname, role) and showing
 *    the exact command; destructive ones need the slot name typed;
 *  - the state it depends on is read again right before sending; if it
 *    changed, nothing is sent and the step stops;
 *  - the current master is never rebooted; mastership is never switched
 *    unless the backup reports ready; both REs are never rebooted;
 *  - output not understood stops the step and is shown;
 *  - one command in flight per RE;
 *  - Junos' own yes/no questions are answered only when the exact expected
 *    question appeared; any other question is left unanswered and its
 *    input closed, which Junos takes as its default "no";
 *  - a watch-only engine (another console holds the router's lock) never
 *    asks a confirmation and never emits a command that changes the router
 *    nor types an answer: every changing path checks it, not only the UI;
 *  - a step is done only on what was seen: a reboot needs its question
 *    answered and the RE seen going down (or restarted by its uptime).
 */
#ifndef PROCEDURE_ISSU_H
#define PROCEDURE_ISSU_H

#include <stdbool.h>
#include <stddef.h>

#include "procedure/facts.h"
#include "procedure/phase.h"

struct issu;

enum issu_step_id {
	ISSU_STEP_CONNECT,
	ISSU_STEP_PREREQ,
	ISSU_STEP_FIX,
	ISSU_STEP_UPGRADE,
	ISSU_STEP_VERIFY_SWITCHOVER,
	ISSU_STEP_REBOOT_OLD_MASTER,
	ISSU_STEP_VERIFY,
	ISSU_STEP_SWITCH_BACK,
	ISSU_STEP_DONE,
	ISSU_STEP_COUNT
};

/* Steps are numbered 1 to 8 for the operator ("step 4/8"); Done is the
 * end, not a step (DESIGN.md's table). */
#define ISSU_STEPS_NUMBERED	(ISSU_STEP_COUNT - 1)

enum issu_confirm {
	ISSU_CONFIRM_NONE,
	ISSU_CONFIRM_PLAIN,		/* "Proceed? (y/N)": only y */
	ISSU_CONFIRM_TYPED,		/* "Type re0 to confirm": only re0
					   (view->ask.expect: the word) */
};

/* Whose role a step's commands go to, resolved to a slot at run time. */
enum issu_target {
	ISSU_ON_BOTH,
	ISSU_ON_MASTER,
	ISSU_ON_OLD_MASTER,		/* the master before the ISSU */
};

/* The timeout a step's long wait is held to (config "timeouts"). */
enum issu_limit {
	ISSU_LIMIT_NONE,
	ISSU_LIMIT_ISSU,
	ISSU_LIMIT_BACKUP_REBOOT,
	ISSU_LIMIT_OLD_MASTER_REBOOT,
	ISSU_LIMIT_SWITCH_HOLDDOWN,
};

/* One row of the step table (the data DESIGN.md's table describes). */
struct issu_step_def {
	enum issu_step_id id;
	const char *key;		/* "upgrade": status --json next_step */
	const char *title;		/* "Upgrade (ISSU)" */
	const char *explain;		/* the novice paragraph: what, why, what
					   can go wrong, how long */
	enum issu_target on;
	enum issu_confirm confirm;
	const char *command;		/* the command, "%s" = package options */
	const char *success;		/* how success is recognised, in words */
	enum issu_limit limit;
};

/* The table, ISSU_STEP_COUNT rows in order. */
const struct issu_step_def *issu_step_def(enum issu_step_id id);

/* The sub-phases of the upgrade step, in order ("image validated", ...,
 * "switchover", "done"); issu_view()->sub_phase is one of these pointers. */
int issu_sub_phase_count(void);
const char *issu_sub_phase_name(int i);	/* NULL out of range */

/* ---- prerequisites -------------------------------------------------------- */

enum issu_check_result {
	ISSU_CHECK_PENDING,		/* not evaluated yet */
	ISSU_CHECK_PASS,
	ISSU_CHECK_FAIL,
	ISSU_CHECK_UNKNOWN,		/* could not be read: not a pass */
	ISSU_CHECK_WARN,		/* allowed, but the operator must know */
	ISSU_CHECK_SKIPPED,		/* optional and not asked for */
};

enum issu_check_id {
	ISSU_CHECK_TWO_RES,
	ISSU_CHECK_SAME_VERSION,
	ISSU_CHECK_TARGET_NEWER,
	ISSU_CHECK_GRES,
	ISSU_CHECK_NSR,
	ISSU_CHECK_COMMIT_SYNC,
	ISSU_CHECK_BACKUP_READY,
	ISSU_CHECK_REPLICATION,
	ISSU_CHECK_ALARMS,
	ISSU_CHECK_NO_TCP_RESET,
	ISSU_CHECK_PACKAGE,
	ISSU_CHECK_CHECKSUM,
	ISSU_CHECK_STORAGE,
	ISSU_CHECK_RELEASE_RULES,
	ISSU_CHECK_OTHER_USERS,
	ISSU_CHECK_VALIDATE,
	ISSU_CHECK_COUNT
};

struct issu_check {
	enum issu_check_id id;
	const char *title;		/* "GRES configured" */
	enum issu_check_result result;
	char reason[256];		/* one line a novice understands */
	const char *fix;		/* the set line that fixes it, or NULL */
};

const char *issu_check_result_name(enum issu_check_result);

/* ---- what the engine asks the owner to do --------------------------------- */

enum issu_intent_kind {
	ISSU_DO_CONNECT,	/* slot: start (or restart) its session */
	ISSU_DO_RUN,		/* slot, text: a command on an exec channel */
	ISSU_DO_SHELL,		/* slot: open the interactive CLI channel */
	ISSU_DO_INPUT,		/* slot, text: type this into the running
				   command's channel (an answer, a CLI line) */
	ISSU_DO_CLOSE_INPUT,	/* slot: end the running command's input */
	ISSU_DO_RECONNECT,	/* slot: end its session now (its command is
				   cut: issu_on_disconnected follows) and
				   connect afresh; for a session that may be
				   dead with nothing closed */
	ISSU_DO_ASK,		/* ask the operator: see issu_view()->ask */
	ISSU_DO_NOTE,		/* slot (-1: none), text: tell the operator
				   and the transcript */
	ISSU_DO_REDRAW,		/* the view changed */
	ISSU_DO_FINISHED,	/* the procedure ended (done or stopped for
				   good); the owner may quit */
};

struct issu_intent {
	enum issu_intent_kind kind;
	int slot;
	char text[1024];
	double limit;		/* RUN: seconds (owner clock) the command may
				   take, for one that is long by design (the
				   ISSU's); 0: the owner's command_timeout */
};

/* Pops the next intent; false when none is pending. */
bool issu_next_intent(struct issu *e, struct issu_intent *out);

/* ---- parameters ----------------------------------------------------------- */

struct issu_params {
	const char *router;		/* name, for notes and the record */
	const char *host[2];		/* re0/re1 addresses, for confirmations */
	const char *package;		/* /var/tmp/...; NULL: none configured */
	const char *package_sha256;	/* NULL: not checked */
	int switch_back;		/* 0 ask, 1 always, 2 never (config) */
	bool no_old_master_upgrade;	/* in-service-upgrade options */
	bool reboot;
	bool validate;			/* run the optional validation */
	/* Limits in seconds of the owner's clock, already scaled. */
	double limit_issu, limit_backup_reboot, limit_old_master_reboot,
	    limit_switch_holddown;
	double time_scale;		/* >= 1: Junos' "try after N secs" is
					   waited N / time_scale (issu-sim) */
	double poll_interval;		/* seconds between reads while waiting
					   on the router (default 10) */
	/* The router's lock is held by another console: read and follow,
	 * never change (see issu_may_change). */
	bool watch_only;
	const char *watch_why;		/* who holds it, for the notes; NULL */
};

/* Returns NULL only when out of memory.  Strings are copied. */
struct issu *issu_new(const struct issu_params *p);
void issu_free(struct issu *e);		/* accepts NULL */

/* Starts: connects both REs, reads them, derives the phase. */
void issu_start(struct issu *e, double now);

/* ---- what the owner feeds in ---------------------------------------------- */

void issu_on_connected(struct issu *e, int slot, double now);
/* reason_name: re_disconnect_reason_name(); permanent: the session will not
 * come back by retrying (host key, authentication). */
void issu_on_disconnected(struct issu *e, int slot, bool permanent,
    const char *why, double now);
/* The session to slot ended because the RE went silent (no keepalive
 * answered, or a command past its limit) with nothing closed: a stop naming
 * the RE, the command in flight, what was seen of it, and what to check.
 * Also does what issu_on_disconnected does. */
void issu_on_hung(struct issu *e, int slot, const char *why, double now);
void issu_on_lines(struct issu *e, int slot, const char *text, double now);
void issu_on_prompt(struct issu *e, int slot, const char *text, double now);
void issu_on_done(struct issu *e, int slot, int exit_status, double now);

/* The clock moved: timeouts, countdowns, polls. */
void issu_tick(struct issu *e, double now);
/* The earliest time issu_tick has something to do (<= now + 1 s while a
 * countdown is shown). */
double issu_next_tick(const struct issu *e, double now);

/* The operator pressed Enter: run the current step (or retry it after a
 * stop; a retry reads the router again first). */
void issu_proceed(struct issu *e, double now);
/* The operator answered the open question (a line, without newline). */
void issu_answer(struct issu *e, const char *answer, double now);
/* Esc: refuse the open question, or stop a countdown (nothing is sent). */
void issu_cancel(struct issu *e, double now);

/* May this engine change the router?  False for a watcher (params
 * watch_only) for its whole life: to act, the operator starts a console
 * again once the lock is free. */
bool issu_may_change(const struct issu *e);

/* Should the owner keep (re)connecting this RE with back-off? */
bool issu_wants_connection(const struct issu *e, int slot);

/* True while the router is mid-change (quitting must warn). */
bool issu_router_busy(const struct issu *e);

/* The operator leaves the console now; while the router is mid-change that
 * is an anomaly of the change record (what was left running). */
void issu_left(struct issu *e, double now);

/* The same, saying why (e.g. "SIGTERM (Terminated)"): the change record's
 * result then says the run was left and why, at whatever step. */
void issu_left_because(struct issu *e, const char *why, double now);

/*
 * The transcript or the change record could not be written: `what` says
 * which file and why ("writing ~/logs/x.log: No space left on device").
 * The record of the change is incomplete from here, so nothing that changes
 * the router is sent until the operator types "norecord" at a question that
 * names the failure (refusing stops the step; nothing is sent).  Told to the
 * operator at once, kept in view->records_failed, and written to the change
 * record (when it can be).  Later failures only add to the record.
 */
void issu_records_failed(struct issu *e, const char *what, double now);

/* ---- what the owner draws ------------------------------------------------- */

enum issu_state {
	ISSU_STATE_WORKING,	/* reading, sending, or waiting on the router */
	ISSU_STATE_WAIT_PROCEED,/* the next step waits for the operator */
	ISSU_STATE_ASKING,	/* a question is open */
	ISSU_STATE_STOPPED,	/* a clear stop: see stop_reason */
	ISSU_STATE_DONE,
};

struct issu_step_run {
	enum issu_check_result result;	/* PENDING, PASS (done), FAIL, SKIPPED */
	double started, ended;		/* owner clock; 0 when not */
	char note[256];			/* one line: what happened */
};

struct issu_view {
	enum issu_state state;
	enum issu_step_id step;		/* the current (or next) step */
	const char *sub_phase;		/* "backup rebooting"; NULL */
	char waiting_for[256];		/* "re1 is rebooting: usually 5-10
					   minutes; sessions to re1 are expected
					   to drop"; "" when not waiting */
	double waiting_since;		/* owner clock */
	double deadline;		/* when the wait becomes a stop; 0 */
	char stop_reason[1024];		/* STOPPED: what happened and what to
					   check on the router */
	struct {
		enum issu_confirm kind;
		int slot;		/* the RE the command goes to; -1 */
		char text[2048];	/* the whole question: RE, command */
		char expect[16];	/* TYPED: "re0" */
	} ask;
	struct issu_step_run run[ISSU_STEP_COUNT];
	struct issu_check checks[ISSU_CHECK_COUNT];
	struct issu_re_facts facts[2];
	bool connected[2];
	int master;			/* slot, -1 unknown */
	int old_master;			/* the master before the ISSU; -1 */
	struct issu_phase_view phase;	/* as derived at the last full read */
	char version_before[JUNOS_RELEASE_MAX];
	char version_after[JUNOS_RELEASE_MAX];	/* the target */
	double countdown_until;		/* "try after N secs": 0 when none */
	double old_master_reboot_s;	/* how long step 6 took; 0 unknown */
	char records_failed[512];	/* "" while every record was written;
					   else the first failure */
	bool records_waived;		/* the operator typed norecord: go on
					   without a complete record */
	bool watch_only;		/* see issu_may_change() */
	char watch_why[700];		/* who holds the lock; "" */
};

const struct issu_view *issu_view(const struct issu *e);

/*
 * Judges facts read elsewhere (`status`), the way a run judges what it
 * reads at its start: fills view->checks and view->phase (ready and
 * prerequisites-missing told apart by the checks) and returns the step a
 * run would take next, ISSU_STEP_COUNT when the phase is unknown.  Sends
 * nothing: no intent is queued that the caller needs to carry out.
 */
enum issu_step_id issu_assess(struct issu *e, const struct issu_re_facts f[2],
    const bool connected[2]);

/*
 * The exact command(s) step `id` sends for this router as far as the facts
 * read so far tell (one per line), and the slot it goes to; -1 when the step
 * sends nothing (or nothing is known yet).  For `plan` and ?.
 */
int issu_step_command(const struct issu *e, enum issu_step_id id, char *buf,
    size_t len);

/* What ? shows for a step, the same in every front end: its explanation,
 * the exact command and the RE it goes to (when the facts read so far tell
 * them; else the table's pattern), and how success is known. */
void issu_step_explain(const struct issu *e, enum issu_step_id id, char *buf,
    size_t len);

/*
 * The change record: Markdown for the change ticket (router, operator,
 * times, versions before/after, each step with start/end and result, the
 * prerequisite table, anomalies).  `wall_start` is the wall-clock time that
 * corresponds to the owner clock value `clock_start`.  Returns a malloc'd
 * string (caller frees) or NULL when out of memory.
 */
char *issu_change_record(const struct issu *e, const char *operator_name,
    long long wall_start, double clock_start, const char *transcript_path);

#endif
