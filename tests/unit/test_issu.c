/*
 * test_issu.c - the simulated chassis over time, without the network: the
 * ISSU timeline, reboots, mastership moves, the questions and the faults, as
 * the session that typed the commands sees them and as the chassis records
 * them.
 *
 * The chassis runs at a high --speed (20000: the 36-minute ISSU is about
 * 110 ms of wall time) and the test plays the server: it ticks the chassis
 * under its lock, records the actions the server would carry out (an RE goes
 * down, comes back, has its sessions cut), and polls every open session, in
 * a bounded loop with short sleeps until the condition it waits for holds.
 * Assertions are made on states that change only in a tick, so they do not
 * depend on how fast the machine (or valgrind) runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim/buf.h"
#include "sim/chassis.h"
#include "sim/cli.h"
#include "sim/event_log.h"
#include "sim/issu.h"
#include "sim/options.h"

/*
 * 20000 simulated seconds per wall second: the ISSU takes about 110 ms.
 * Not faster: until the timeline waits for the backup's actual reboot, a
 * tick 62 simulated seconds late lets it run past its wait (see
 * test_issu_waits_for_the_backup_when_a_tick_is_late), and at 100000 that
 * is a 0.6 ms scheduling delay.
 */
#define FAST "--speed", "20000"
#define FAST_SPEED 20000.0

#define PKG "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"
#define ISSU_CMD "request system software in-service-upgrade " PKG
#define PKG_12 "/var/tmp/jinstall-13.3R6.5-export-signed.tgz"
#define ISSU_CMD_12 "request system software in-service-upgrade " PKG_12
#define CONTINUE_Q \
	"Do you want to continue with these actions being taken ? [yes,no] (no) "
#define REBOOT_Q "Reboot the system ? [yes,no] (no) "
#define SWITCH_Q "Toggle mastership between routing engines ? [yes,no] (no) "
#define SWITCH_DONE \
	"Resolving mastership...\n" \
	"Complete. The other routing engine becomes the master.\n"
#define MASTER_ONLY \
	"error: Aborted! This command can only be used on the master " \
	"routing engine.\n"
/* "[May 27 14:19:46]:" as the 12.3 capture stamps its lines. */
#define STAMP "\\[[A-Z][a-z]{2} [0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\]:"

enum {
	MAX_TERMS = 4,
	MAX_ACTS = 64,
	DRIVE_TIMEOUT_S = 30,	/* generous: valgrind runs 50x slower */
};

/* A session and everything it printed. */
struct term {
	struct sim_cli *cli;	/* owned */
	struct sim_buf all;	/* the whole transcript, polled output too */
	struct sim_buf last;	/* what the last typed line printed */
};

/* An action the server would have carried out. */
struct act_record {
	struct sim_action act;
	double before, after;	/* simulated time around the tick */
	size_t said;		/* length of term[0]'s transcript then */
};

struct fixture {
	struct sim_chassis ch;
	struct sim_event_log *log;	/* owned */
	char log_path[64];
	struct sim_buf events;		/* the log's text, read on demand */
	struct term term[MAX_TERMS];
	size_t nterms;
	struct act_record acts[MAX_ACTS];
	size_t nacts;
	struct timespec deadline;	/* of the current drive */
};

/* Fixtures not yet freed: a failed assertion jumps past fixture_free, and
 * the teardown frees them so that valgrind sees no leak either way. */
static struct fixture *live[2];

/* A chassis from issu-sim arguments (NULL-terminated), with an event log. */
static struct fixture *
fixture_new(const char *arg, ...)
{
	struct fixture *f = calloc(1, sizeof *f);
	char *argv[24] = { "issu-sim" };
	struct sim_options opt;
	char err[256];
	int argc = 1, fd;
	size_t i;
	va_list ap;

	assert_non_null(f);
	va_start(ap, arg);
	for (; arg != NULL; arg = va_arg(ap, const char *)) {
		assert_true(argc < 23);
		argv[argc++] = (char *)arg;
	}
	va_end(ap);
	snprintf(f->log_path, sizeof f->log_path, "/tmp/test_issu.XXXXXX");
	fd = mkstemp(f->log_path);
	assert_true(fd >= 0);
	close(fd);
	f->log = sim_event_log_open(f->log_path, err, sizeof err);
	assert_non_null(f->log);
	assert_int_equal(sim_options_parse(&opt, argc, argv, err, sizeof err), 0);
	assert_int_equal(sim_chassis_init(&f->ch, &opt, f->log, err, sizeof err), 0);
	for (i = 0; i < sizeof live / sizeof live[0] && live[i] != NULL; i++)
		;
	assert_true(i < sizeof live / sizeof live[0]);
	live[i] = f;
	return f;
}

static void
fixture_free(struct fixture *f)
{
	size_t i;

	for (i = 0; i < sizeof live / sizeof live[0]; i++)
		if (live[i] == f)
			live[i] = NULL;
	for (i = 0; i < f->nterms; i++) {
		sim_cli_free(f->term[i].cli);
		sim_buf_free(&f->term[i].all);
		sim_buf_free(&f->term[i].last);
	}
	sim_chassis_destroy(&f->ch);
	sim_event_log_close(f->log);
	unlink(f->log_path);
	sim_buf_free(&f->events);
	free(f);
}

static int
teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof live / sizeof live[0]; i++)
		if (live[i] != NULL)
			fixture_free(live[i]);
	return 0;
}

/* Opens a session on an RE (session ids 1, 2, ... in order). */
static struct term *
term_open(struct fixture *f, int slot, bool interactive)
{
	struct term *t;

	assert_true(f->nterms < MAX_TERMS);
	t = &f->term[f->nterms++];
	t->cli = sim_cli_new(&(struct sim_cli_params){ .ch = &f->ch,
	    .slot = slot, .user = "netops", .session_id = (int)f->nterms,
	    .interactive = interactive });
	return t;
}

/* The session is gone (the server freed it): keep its transcript. */
static void
term_close(struct term *t)
{
	sim_cli_free(t->cli);
	t->cli = NULL;
}

/* Types a line; returns what it printed (valid until the next type). */
static const char *
type(struct term *t, const char *line)
{
	sim_buf_reset(&t->last);
	sim_cli_line(t->cli, line, &t->last);
	sim_buf_append(&t->all, sim_buf_str(&t->last), t->last.len);
	return sim_buf_str(&t->last);
}

static const char *
said(const struct term *t)
{
	return sim_buf_str(&t->all);
}

static bool
has(const struct term *t, const char *text)
{
	return strstr(said(t), text) != NULL;
}

/* Was `text` printed within the first `len` bytes of the transcript? */
static bool
had(const struct term *t, size_t len, const char *text)
{
	return len <= t->all.len &&
	    memmem(said(t), len, text, strlen(text)) != NULL;
}

static bool
busy(const struct term *t)
{
	return sim_cli_busy(t->cli);
}

static bool
asking(const struct term *t)
{
	return sim_cli_asking(t->cli);
}

/* The first recorded action of this kind on this RE, or NULL. */
static const struct act_record *
find_act(const struct fixture *f, enum sim_action_kind kind, int slot)
{
	size_t i;

	for (i = 0; i < f->nacts; i++)
		if (f->acts[i].act.kind == kind && f->acts[i].act.slot == slot)
			return &f->acts[i];
	return NULL;
}

static size_t
count_acts(const struct fixture *f, enum sim_action_kind kind, int slot)
{
	size_t i, n = 0;

	for (i = 0; i < f->nacts; i++)
		n += f->acts[i].act.kind == kind && f->acts[i].act.slot == slot;
	return n;
}

/* One round of the server: tick, record, poll every session, sleep. */
static void
step(struct fixture *f)
{
	struct sim_action act[SIM_MAX_ACTIONS];
	const struct timespec pause = { 0, 50 * 1000 };
	double before, after;
	size_t n, i;

	pthread_mutex_lock(&f->ch.mu);
	before = sim_chassis_clock(&f->ch);
	n = sim_chassis_tick(&f->ch, act, SIM_MAX_ACTIONS);
	after = sim_chassis_clock(&f->ch);
	pthread_mutex_unlock(&f->ch.mu);
	for (i = 0; i < n; i++) {
		assert_true(f->nacts < MAX_ACTS);
		f->acts[f->nacts++] = (struct act_record){ .act = act[i],
			.before = before, .after = after, .said = f->term[0].all.len };
	}
	for (i = 0; i < f->nterms; i++)
		if (f->term[i].cli != NULL) {
			struct sim_buf got = SIM_BUF_INIT;

			sim_cli_poll(f->term[i].cli, &got);
			sim_buf_append(&f->term[i].all, sim_buf_str(&got), got.len);
			sim_buf_free(&got);
		}
	nanosleep(&pause, NULL);
}

static void
drive_start(struct fixture *f, double seconds)
{
	clock_gettime(CLOCK_MONOTONIC, &f->deadline);
	f->deadline.tv_sec += (time_t)seconds;
	f->deadline.tv_nsec += (long)((seconds - floor(seconds)) * 1e9);
	if (f->deadline.tv_nsec >= 1000000000L) {
		f->deadline.tv_sec++;
		f->deadline.tv_nsec -= 1000000000L;
	}
}

static bool
drive_over(const struct fixture *f)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > f->deadline.tv_sec ||
	    (now.tv_sec == f->deadline.tv_sec && now.tv_nsec >= f->deadline.tv_nsec);
}

/* Runs the chassis until cond holds; fails after DRIVE_TIMEOUT_S. */
#define DRIVE_UNTIL(f, cond) do { \
	drive_start((f), DRIVE_TIMEOUT_S); \
	while (!(cond)) { \
		if (drive_over(f)) \
			fail_msg("timed out waiting for %s", #cond); \
		step(f); \
	} \
} while (0)

/* Runs the chassis for `seconds` of wall time (to see nothing happen). */
static void
drive_for(struct fixture *f, double seconds)
{
	drive_start(f, seconds);
	while (!drive_over(f))
		step(f);
}

/* The event log so far. */
static const char *
events(struct fixture *f)
{
	FILE *in = fopen(f->log_path, "r");
	char chunk[4096];
	size_t n;

	assert_non_null(in);
	sim_buf_reset(&f->events);
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		sim_buf_append(&f->events, chunk, n);
	fclose(in);
	return sim_buf_str(&f->events);
}

static size_t
count(const char *text, const char *what)
{
	size_t n = 0;

	for (text = strstr(text, what); text != NULL;
	    text = strstr(text + 1, what))
		n++;
	return n;
}

/* Does `text` match the extended regular expression (^ at line starts)? */
static bool
matches(const char *text, const char *pattern)
{
	regex_t re;
	bool hit;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE |
	    REG_NOSUB), 0);
	hit = regexec(&re, text, 0, NULL, 0) == 0;
	regfree(&re);
	return hit;
}

/* The number in the pattern's first group, or -1 when it does not match. */
static long
match_number(const char *text, const char *pattern)
{
	regmatch_t m[2];
	regex_t re;
	long n = -1;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE), 0);
	if (regexec(&re, text, 2, m, 0) == 0 && m[1].rm_so >= 0)
		n = strtol(text + m[1].rm_so, NULL, 10);
	regfree(&re);
	return n;
}

/* Where `line` stands as a whole line at or after `from`, or NULL. */
static const char *
find_line(const char *from, const char *text_start, const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = strstr(from, line); p != NULL; p = strstr(p + 1, line))
		if ((p == text_start || p[-1] == '\n') && p[n] == '\n')
			return p;
	return NULL;
}

/* Asserts each line is there, whole, after the one before it. */
static void
assert_lines_in_order(const char *text, const char *const *lines, size_t n)
{
	const char *at = text;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *p = find_line(at, text, lines[i]);

		if (p == NULL)
			fail_msg("line \"%s\" missing or out of order in:\n%s",
			    lines[i], text);
		at = p + strlen(lines[i]);
	}
}

static int
master(struct fixture *f)
{
	int m;

	pthread_mutex_lock(&f->ch.mu);
	m = sim_chassis_master(&f->ch);
	pthread_mutex_unlock(&f->ch.mu);
	return m;
}

static bool
issu_running(struct fixture *f)
{
	bool r;

	pthread_mutex_lock(&f->ch.mu);
	r = sim_issu_running(&f->ch);
	pthread_mutex_unlock(&f->ch.mu);
	return r;
}

/* Nothing is scheduled on the chassis. */
static bool
quiet(struct fixture *f)
{
	double next;

	pthread_mutex_lock(&f->ch.mu);
	next = sim_chassis_next_wall(&f->ch);
	pthread_mutex_unlock(&f->ch.mu);
	return next < 0;
}

static int
holddown_left(struct fixture *f)
{
	int left;

	pthread_mutex_lock(&f->ch.mu);
	left = sim_chassis_holddown_left(&f->ch);
	pthread_mutex_unlock(&f->ch.mu);
	return left;
}

static double
reboot_time(struct fixture *f, int slot)
{
	double t;

	pthread_mutex_lock(&f->ch.mu);
	t = sim_chassis_reboot_time(&f->ch, slot);
	pthread_mutex_unlock(&f->ch.mu);
	return t;
}

/* Starts the seed's ISSU from an exec session on re0. */
static struct term *
start_seed_issu(struct fixture *f, const char *options)
{
	struct term *t = term_open(f, 0, false);
	char line[256];

	snprintf(line, sizeof line, "%s%s", ISSU_CMD, options);
	assert_string_equal(type(t, line), "");
	assert_true(busy(t));
	return t;
}

/* --- the ISSU timeline --------------------------------------------------- */

static void
test_seed_issu_prints_milestones_in_order(void **state)
{
	static const char *const lines[] = {
		"Chassis ISSU Check Done",
		"ISSU: Validating Image",
		"Checking compatibility with configuration",
		"Initializing...",
		"Using jbase-10.1R1.8",
		"Verified manifest signed by PackageProduction_10_1_0",
		"Using " PKG,
		"Validation succeeded",
		"Saving package file in /var/sw/pkg/"
		    "jinstall-10.3R2.11-domestic-signed.tgz ...",
		"Saving state for rollback ...",
		"Backup upgrade done",
		"Rebooting Backup RE",
		"Rebooting re1",
		"ISSU: Backup RE Prepare Done",
		"Waiting for Backup RE reboot",
		"GRES operational",
		"Initiating Chassis In-Service-Upgrade",
		"Chassis ISSU Started",
		"ISSU: Preparing Daemons",
		"ISSU: Daemons Ready for ISSU",
		"ISSU: Starting Upgrade for FRUs",
		"ISSU: Preparing for Switchover",
		"Checking In-Service-Upgrade status",
		"  Item           Status                  Reason",
		"Resolving mastership...",
		"Complete. The other routing engine becomes the master.",
		"ISSU: RE switchover Done",
		"ISSU complete, other RE is master RE",
		"ISSU: Upgrading Old Master RE",
		"ISSU: Old Master Upgrade Done",
		"ISSU: IDLE",
	};
	static const char frag1[] = "Chassis ISSU Check Done\n"
	    "ISSU: Validating Image\nChecking compatibility with configuration\n"
	    "Initializing...\nUsing jbase-10.1R1.8\n";
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 0);
	assert_lines_in_order(said(t), lines, sizeof lines / sizeof lines[0]);
	/* The 10.3R2 capture's runs of consecutive lines (frag1-3). */
	assert_int_equal(strncmp(said(t), frag1, strlen(frag1)), 0);
	assert_true(has(t, "Backup upgrade done\nRebooting Backup RE\n\n"
	    "Rebooting re1\nISSU: Backup RE Prepare Done\n"
	    "Waiting for Backup RE reboot\n"));
	assert_true(has(t, "GRES operational\nInitiating Chassis "
	    "In-Service-Upgrade\nChassis ISSU Started\nISSU: Preparing Daemons\n"
	    "ISSU: Daemons Ready for ISSU\nISSU: Starting Upgrade for FRUs\n"
	    "ISSU: Preparing for Switchover\n"));
	/* 10.x neither stamps nor asks. */
	assert_false(matches(said(t), "^\\["));
	assert_false(has(t, "Do you want to continue"));
	fixture_free(f);
}

static void
test_seed_issu_logs_each_milestone_as_an_issu_event(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");
	const char *ev;

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	ev = events(f);
	assert_non_null(strstr(ev, "\"re\":\"re0\",\"event\":\"issu\","
	    "\"milestone\":\"started\",\"package\":\"" PKG "\","
	    "\"target\":\"10.3R2.11\",\"session\":1}"));
	assert_non_null(strstr(ev, "\"event\":\"issu\",\"milestone\":"
	    "\"ISSU: Validating Image\"}"));
	assert_non_null(strstr(ev, "\"event\":\"issu\",\"milestone\":"
	    "\"Rebooting re1\"}"));
	assert_non_null(strstr(ev, "\"event\":\"issu\",\"milestone\":"
	    "\"Complete. The other routing engine becomes the master.\"}"));
	assert_non_null(strstr(ev, "\"event\":\"issu\",\"milestone\":"
	    "\"finished\",\"why\":\"completed\"}"));
	fixture_free(f);
}

static void
test_release_12_3_asks_the_exact_question_after_validation(void **state)
{
	struct fixture *f = fixture_new(FAST, "--re0-version", "12.3R8.7",
	    "--re1-version", "12.3R8.7", "--package",
	    "jinstall-13.3R6.5-export-signed.tgz", NULL);
	struct term *t = term_open(f, 0, false);
	const char *out;
	size_t n;

	(void)state;
	assert_string_equal(type(t, ISSU_CMD_12), "");
	DRIVE_UNTIL(f, asking(t));
	out = said(t);
	n = strlen(out);
	assert_true(n > strlen(CONTINUE_Q));
	/* The question ends the output, after the validation, unanswered. */
	assert_string_equal(out + n - strlen(CONTINUE_Q), CONTINUE_Q);
	assert_non_null(strstr(out, "Validation succeeded\n" CONTINUE_Q));
	assert_int_equal(f->nacts, 0);
	assert_string_equal(f->ch.re[1].pending_version, "");
	fixture_free(f);
}

static void
test_release_12_3_stamps_its_milestones(void **state)
{
	struct fixture *f = fixture_new(FAST, "--re0-version", "12.3R8.7",
	    "--re1-version", "12.3R8.7", "--package",
	    "jinstall-13.3R6.5-export-signed.tgz", NULL);
	struct term *t = term_open(f, 0, true);

	(void)state;
	type(t, ISSU_CMD_12);
	DRIVE_UNTIL(f, asking(t));
	/* As the 12.3R8.7 capture: the check is not stamped, the
	 * validation is, with no space before "ISSU:". */
	assert_true(matches(said(t), "^Chassis ISSU Check Done\n" STAMP
	    "ISSU: Validating Image$"));
	type(t, "yes");
	DRIVE_UNTIL(f, has(t, "Backup upgrade done"));
	assert_true(matches(said(t), "^" STAMP "ISSU: Preparing Backup RE$"));
	assert_true(matches(said(t), "^" STAMP " Pushing bundle to re1$"));
	assert_true(matches(said(t), "^" STAMP " Backup upgrade done$"));
	DRIVE_UNTIL(f, !busy(t));
	assert_true(matches(said(t), "^" STAMP " GRES operational$"));
	assert_true(matches(said(t), "^Chassis ISSU Started$"));
	assert_true(matches(said(t), "^" STAMP "ISSU: RE switchover Done$"));
	assert_true(matches(said(t), "^" STAMP "ISSU: IDLE$"));
	assert_int_equal(sim_cli_exit_status(t->cli), 0);
	fixture_free(f);
}

static void
test_answer_no_finishes_with_nothing_changed(void **state)
{
	struct fixture *f = fixture_new(FAST, "--re0-version", "12.3R8.7",
	    "--re1-version", "12.3R8.7", "--package",
	    "jinstall-13.3R6.5-export-signed.tgz", NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	type(t, ISSU_CMD_12);
	DRIVE_UNTIL(f, asking(t));
	type(t, "no");
	DRIVE_UNTIL(f, !busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 1);
	assert_false(issu_running(f));
	assert_true(quiet(f));
	drive_for(f, 0.1);	/* 2000 simulated seconds */
	assert_int_equal(f->nacts, 0);
	assert_null(find_act(f, SIM_ACT_RE_DOWN, 1));
	assert_false(has(t, "Preparing Backup RE"));
	assert_string_equal(f->ch.re[0].version, "12.3R8.7");
	assert_string_equal(f->ch.re[1].version, "12.3R8.7");
	assert_string_equal(f->ch.re[0].pending_version, "");
	assert_string_equal(f->ch.re[1].pending_version, "");
	assert_int_equal(master(f), 0);
	assert_non_null(strstr(events(f), "\"event\":\"answer\",\"session\":1,"
	    "\"text\":\"no\"}"));
	fixture_free(f);
}

static void
test_empty_answer_finishes_with_nothing_changed(void **state)
{
	struct fixture *f = fixture_new(FAST, "--re0-version", "12.3R8.7",
	    "--re1-version", "12.3R8.7", "--package",
	    "jinstall-13.3R6.5-export-signed.tgz", NULL);
	struct term *t = term_open(f, 0, true);

	(void)state;
	type(t, ISSU_CMD_12);
	DRIVE_UNTIL(f, asking(t));
	type(t, "");
	DRIVE_UNTIL(f, !busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 1);
	assert_true(quiet(f));
	drive_for(f, 0.1);
	assert_int_equal(f->nacts, 0);
	assert_string_equal(f->ch.re[1].version, "12.3R8.7");
	/* Back at the prompt, still master. */
	assert_true(matches(said(t), "\n\\{master\\}\nnetops@mx480-re0> $"));
	fixture_free(f);
}

static void
test_backup_goes_down_at_rebooting_re1_and_returns_on_target(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");
	const struct act_record *down, *up;

	(void)state;
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 1) != NULL);
	down = find_act(f, SIM_ACT_RE_DOWN, 1);
	/* In the tick that printed "Rebooting re1": not printed before it,
	 * polled right after it. */
	assert_false(had(t, down->said, "\nRebooting re1\n"));
	assert_true(has(t, "\nRebooting re1\n"));
	assert_false(f->ch.re[1].up);
	assert_true(fabs(f->ch.re[1].up_at - (double)f->ch.re[1].down_since -
	    600.0) <= 1.0);
	assert_string_equal(f->ch.re[1].version, "10.1R1.8");
	assert_string_equal(f->ch.re[1].pending_version, "10.3R2.11");
	assert_int_equal(master(f), 0);

	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 1) != NULL);
	down = find_act(f, SIM_ACT_RE_DOWN, 1);
	up = find_act(f, SIM_ACT_RE_UP, 1);
	assert_true(f->ch.re[1].up);
	assert_string_equal(f->ch.re[1].version, "10.3R2.11");
	assert_string_equal(f->ch.re[1].pending_version, "");
	assert_false(up->act.new_host_key);
	/* Installing on the way up: 600 simulated seconds. */
	assert_true(up->after - down->before >= 600.0);
	/* A fresh uptime. */
	assert_true((double)f->ch.re[1].boot_time >= down->before);
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":\"version\","
	    "\"version\":\"10.3R2.11\"}"));
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":"
	    "\"reboot-start\",\"version\":\"10.1R1.8\",\"pending\":\"10.3R2.11\","
	    "\"returns\":true}"));
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":"
	    "\"reboot-done\",\"version\":\"10.3R2.11\",\"role\":\"backup\"}"));
	fixture_free(f);
}

static void
test_mastership_moves_at_the_complete_line(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");
	bool seen_complete = false;

	(void)state;
	drive_start(f, DRIVE_TIMEOUT_S);
	/* After every tick: re0 is master exactly until the line shows. */
	while (busy(t)) {
		if (drive_over(f))
			fail_msg("ISSU did not finish");
		step(f);
		seen_complete = has(t, "Complete. The other routing engine "
		    "becomes the master.\n");
		assert_int_equal(master(f), seen_complete ? 1 : 0);
		if (!seen_complete)
			assert_int_equal(f->ch.re[0].role, SIM_ROLE_MASTER);
	}
	assert_true(seen_complete);
	assert_int_equal(f->ch.re[1].role, SIM_ROLE_MASTER);
	assert_int_equal(f->ch.re[0].role, SIM_ROLE_BACKUP);
	assert_true(f->ch.re[0].up);
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":"
	    "\"mastership\",\"role\":\"master\",\"why\":\"in-service upgrade\"}"));
	assert_non_null(strstr(events(f), "\"re\":\"re0\",\"event\":"
	    "\"mastership\",\"role\":\"backup\",\"why\":\"in-service upgrade\"}"));
	fixture_free(f);
}

static void
test_old_master_keeps_its_version_with_target_pending(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	assert_true(has(t, "ISSU: Old Master Upgrade Done\n"));
	assert_string_equal(f->ch.re[0].version, "10.1R1.8");
	assert_string_equal(f->ch.re[0].pending_version, "10.3R2.11");
	assert_true(f->ch.re[0].up);
	assert_null(find_act(f, SIM_ACT_RE_DOWN, 0));
	fixture_free(f);
}

static void
test_no_old_master_upgrade_stages_nothing_on_the_old_master(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, " no-old-master-upgrade");

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 0);
	assert_false(has(t, "Upgrading Old Master RE"));
	assert_true(has(t, "ISSU: IDLE\n"));
	assert_int_equal(master(f), 1);
	assert_string_equal(f->ch.re[0].version, "10.1R1.8");
	assert_string_equal(f->ch.re[0].pending_version, "");
	fixture_free(f);
}

static void
test_reboot_option_reboots_the_old_master_after_the_prompt(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, true);
	const struct act_record *down;

	(void)state;
	type(t, ISSU_CMD " reboot");
	assert_true(busy(t));
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 0) != NULL);
	down = find_act(f, SIM_ACT_RE_DOWN, 0);
	/* By then the session had its shutdown lines, as the 12.3R8.7
	 * capture of the reboot option, and its prompt. */
	assert_true(had(t, down->said, "ISSU: IDLE\nShutdown NOW!\n"
	    "Reboot consistency check bypassed - jinstall 10.3R2.11 will "
	    "complete installation upon reboot\n[pid "));
	assert_true(had(t, down->said, "]\n\n*** FINAL System shutdown "
	    "message from netops@mx480-re0 ***\n\nSystem going down "
	    "IMMEDIATELY\n\n"));
	assert_true(had(t, down->said, "IMMEDIATELY\n\n\n{backup}\n"
	    "netops@mx480-re0> "));
	assert_int_equal(down->said, t->all.len);
	assert_false(busy(t));
	assert_int_equal(master(f), 1);
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 0) != NULL);
	assert_string_equal(f->ch.re[0].version, "10.3R2.11");
	assert_int_equal(f->ch.re[0].role, SIM_ROLE_BACKUP);
	fixture_free(f);
}

static void
test_issu_continues_after_its_session_is_gone(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");

	(void)state;
	DRIVE_UNTIL(f, has(t, "ISSU: Validating Image\n"));
	pthread_mutex_lock(&f->ch.mu);
	sim_issu_detach(&f->ch, 1);
	pthread_mutex_unlock(&f->ch.mu);
	term_close(t);
	DRIVE_UNTIL(f, !issu_running(f));
	assert_non_null(find_act(f, SIM_ACT_RE_UP, 1));
	assert_int_equal(master(f), 1);
	assert_string_equal(f->ch.re[1].version, "10.3R2.11");
	assert_string_equal(f->ch.re[0].pending_version, "10.3R2.11");
	assert_non_null(strstr(events(f), "\"milestone\":\"ISSU: IDLE\"}"));
	fixture_free(f);
}

static void
test_syslog_broadcast_reaches_the_new_masters_cli(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");
	struct term *re1;

	(void)state;
	/* A login on re1 once it is back, before the switchover. */
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 1) != NULL);
	assert_false(has(t, "Complete. The other routing engine"));
	re1 = term_open(f, 1, true);
	DRIVE_UNTIL(f, !busy(t));
	assert_true(matches(said(re1), "^Message from syslogd@ at [A-Z][a-z]{2} "
	    "[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \\.\\.\\.$"));
	assert_true(has(re1, "\n fpc0 RDP: Remote side reset connection: "
	    "rdp.(fpc0:22528).(serverRouter:ppm) \n"));
	assert_true(has(re1, "\n fpc1 RDP: Remote side reset connection: "
	    "rdp.(fpc1:4096).(serverRouter:ppm) \n"));
	assert_int_equal(count(said(re1), "Message from syslogd@"), 2);
	/* Once: polling again shows nothing new. */
	drive_for(f, 0.01);
	assert_int_equal(count(said(re1), "Message from syslogd@"), 2);
	/* Not on the old master's exec session. */
	assert_false(has(t, "Message from syslogd@"));
	fixture_free(f);
}

/* --- refusals ------------------------------------------------------------ */

/* Runs the ISSU command on `slot` and asserts it is refused with `error`,
 * nothing started. */
static void
assert_issu_refused(struct fixture *f, int slot, const char *cmd,
    const char *error)
{
	struct term *t = term_open(f, slot, false);

	assert_string_equal(type(t, cmd), error);
	assert_false(busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 1);
	assert_false(issu_running(f));
	assert_true(quiet(f));
	assert_string_equal(f->ch.re[0].pending_version, "");
	assert_string_equal(f->ch.re[1].pending_version, "");
}

static void
test_issu_on_the_backup_is_master_only(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);

	(void)state;
	assert_issu_refused(f, 1, ISSU_CMD, MASTER_ONLY);
	fixture_free(f);
}

static void
test_issu_refuses_a_package_that_is_not_there(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);

	(void)state;
	assert_issu_refused(f, 0, "request system software in-service-upgrade "
	    "/var/tmp/jinstall-10.4R1.9-domestic-signed.tgz",
	    "error: File does not exist: "
	    "/var/tmp/jinstall-10.4R1.9-domestic-signed.tgz\n");
	fixture_free(f);
}

static void
test_fault_missing_package_refuses_the_seed_package(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "missing-package", NULL);

	(void)state;
	assert_issu_refused(f, 0, ISSU_CMD,
	    "error: File does not exist: " PKG "\n");
	assert_non_null(strstr(events(f), "\"event\":\"fault\","
	    "\"name\":\"missing-package\""));
	fixture_free(f);
}

static void
test_issu_refuses_a_downgrade(void **state)
{
	struct fixture *f = fixture_new(FAST, "--package",
	    "jinstall-9.6R4.4-domestic-signed.tgz", NULL);

	(void)state;
	assert_issu_refused(f, 0, "request system software in-service-upgrade "
	    "/var/tmp/jinstall-9.6R4.4-domestic-signed.tgz",
	    "error: ISSU does not support downgrades: 9.6R4.4 is older than "
	    "the running release 10.1R1.8\n");
	fixture_free(f);
}

static void
test_issu_refuses_the_running_release(void **state)
{
	struct fixture *f = fixture_new(FAST, "--package",
	    "jinstall-10.1R1.8-domestic-signed.tgz", NULL);

	(void)state;
	assert_issu_refused(f, 0, "request system software in-service-upgrade "
	    "/var/tmp/jinstall-10.1R1.8-domestic-signed.tgz",
	    "error: ISSU does not support reinstalling: 10.1R1.8 is already "
	    "the running release 10.1R1.8\n");
	fixture_free(f);
}

static void
test_issu_refuses_res_on_different_releases(void **state)
{
	struct fixture *f = fixture_new(FAST, "--re1-version", "10.0R3.10", NULL);

	(void)state;
	assert_issu_refused(f, 0, ISSU_CMD, "error: Backup RE runs 10.0R3.10, "
	    "not 10.1R1.8: ISSU needs the same release on both Routing "
	    "Engines\n");
	fixture_free(f);
}

static void
test_fault_version_mismatch_starts_the_backup_on_another_release(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "version-mismatch", NULL);

	(void)state;
	assert_string_equal(f->ch.re[1].version, "10.0R3.10");
	assert_issu_refused(f, 0, ISSU_CMD, "error: Backup RE runs 10.0R3.10, "
	    "not 10.1R1.8: ISSU needs the same release on both Routing "
	    "Engines\n");
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":\"fault\","
	    "\"name\":\"version-mismatch\""));
	fixture_free(f);
}

static void
test_issu_refuses_without_gres(void **state)
{
	struct fixture *f = fixture_new(FAST, "--without", "gres", NULL);

	(void)state;
	assert_issu_refused(f, 0, ISSU_CMD, "error: Graceful Routing Engine "
	    "switchover is not configured\n");
	fixture_free(f);
}

static void
test_issu_refuses_without_nsr(void **state)
{
	struct fixture *f = fixture_new(FAST, "--without", "nsr", NULL);

	(void)state;
	assert_issu_refused(f, 0, ISSU_CMD, "error: Nonstop active routing is "
	    "not configured\n");
	fixture_free(f);
}

static void
test_fault_backup_not_ready_refuses_the_issu(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "backup-not-ready", NULL);

	(void)state;
	assert_issu_refused(f, 0, ISSU_CMD, "error: Backup RE is not ready for "
	    "switchover\n");
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":\"fault\","
	    "\"name\":\"backup-not-ready\",\"effect\":\"the backup is not ready "
	    "for switchover\"}"));
	fixture_free(f);
}

static void
test_issu_refuses_a_second_issu(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *other;

	(void)state;
	start_seed_issu(f, "");
	other = term_open(f, 0, false);
	assert_string_equal(type(other, ISSU_CMD),
	    "error: ISSU is already in progress\n");
	assert_false(busy(other));
	fixture_free(f);
}

/* --- abort --------------------------------------------------------------- */

static void
test_abort_before_the_backup_reboot_stops_the_issu(void **state)
{
	/* Slower, so that the abort lands during validation. */
	struct fixture *f = fixture_new("--speed", "1000", NULL);
	struct term *t = start_seed_issu(f, "");
	struct term *other = term_open(f, 0, false);

	(void)state;
	DRIVE_UNTIL(f, has(t, "ISSU: Validating Image\n"));
	assert_string_equal(type(other, "request system software abort "
	    "in-service-upgrade"), "ISSU: Aborting ISSU\n");
	assert_int_equal(sim_cli_exit_status(other->cli), 0);
	DRIVE_UNTIL(f, !busy(t));
	assert_true(has(t, "ISSU: aborted by request\n"));
	assert_int_equal(sim_cli_exit_status(t->cli), 1);
	assert_false(issu_running(f));
	assert_true(quiet(f));
	drive_for(f, 0.1);
	assert_int_equal(f->nacts, 0);
	assert_string_equal(f->ch.re[1].version, "10.1R1.8");
	assert_string_equal(f->ch.re[1].pending_version, "");
	assert_int_equal(master(f), 0);
	assert_non_null(strstr(events(f), "\"milestone\":\"stopped\","
	    "\"why\":\"aborted\"}"));
	fixture_free(f);
}

static void
test_abort_after_the_backup_reboot_is_refused(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");
	struct term *other = term_open(f, 0, false);

	(void)state;
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 1) != NULL);
	assert_string_equal(type(other, "request system software abort "
	    "in-service-upgrade"), "error: ISSU cannot be aborted: the backup "
	    "Routing Engine has already been upgraded\n");
	assert_int_equal(sim_cli_exit_status(other->cli), 1);
	DRIVE_UNTIL(f, !busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 0);
	assert_true(has(t, "ISSU: IDLE\n"));
	assert_int_equal(master(f), 1);
	fixture_free(f);
}

static void
test_abort_without_an_issu_is_an_error(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	assert_string_equal(type(t, "request system software abort "
	    "in-service-upgrade"), "error: No ISSU in progress\n");
	assert_int_equal(sim_cli_exit_status(t->cli), 1);
	fixture_free(f);
}

static void
test_abort_while_the_question_waits_frees_the_session(void **state)
{
	struct fixture *f = fixture_new(FAST, "--re0-version", "12.3R8.7",
	    "--re1-version", "12.3R8.7", "--package",
	    "jinstall-13.3R6.5-export-signed.tgz", NULL);
	struct term *t = term_open(f, 0, true);
	struct term *other = term_open(f, 0, false);

	(void)state;
	type(t, ISSU_CMD_12);
	DRIVE_UNTIL(f, asking(t));
	assert_string_equal(type(other, "request system software abort "
	    "in-service-upgrade"), "ISSU: Aborting ISSU\n");
	DRIVE_UNTIL(f, !busy(t));
	/* The question went with the upgrade: the next line is a command. */
	assert_false(asking(t));
	assert_non_null(strstr(type(t, "show version"), "Hostname: mx480-re0\n"));
	fixture_free(f);
}

/* --- request system reboot ----------------------------------------------- */

static void
test_reboot_asks_before_anything(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	assert_string_equal(type(t, "request system reboot"), REBOOT_Q);
	assert_true(asking(t));
	assert_true(quiet(f));
	fixture_free(f);
}

static void
test_reboot_answered_no_does_nothing(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	type(t, "request system reboot");
	assert_string_equal(type(t, "no"), "");
	assert_false(asking(t));
	assert_true(quiet(f));
	drive_for(f, 0.6);	/* longer than the shutdown delay */
	assert_int_equal(f->nacts, 0);
	assert_true(f->ch.re[0].up);
	assert_int_equal(master(f), 0);
	fixture_free(f);
}

static void
test_reboot_answered_empty_does_nothing(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 1, false);

	(void)state;
	type(t, "request system reboot");
	assert_string_equal(type(t, ""), "");
	assert_true(quiet(f));
	drive_for(f, 0.6);
	assert_int_equal(f->nacts, 0);
	fixture_free(f);
}

static void
test_reboot_yes_prints_shutdown_lines_then_goes_down(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 1, false);
	const char *out;

	(void)state;
	type(t, "request system reboot");
	out = type(t, "yes");
	assert_true(matches(out, "^\n\\*\\*\\* FINAL System shutdown message "
	    "from netops@mx480-re1 \\*\\*\\*\nSystem going down IMMEDIATELY\n"
	    "\n\nShutdown NOW!\n\\[pid [0-9]+\\]\n$"));
	/* Nothing pending: no consistency line. */
	assert_null(strstr(out, "Reboot consistency check"));
	assert_null(find_act(f, SIM_ACT_RE_DOWN, 1));
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 1) != NULL);
	assert_false(f->ch.re[1].up);
	assert_int_equal(master(f), 0);
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 1) != NULL);
	assert_true(f->ch.re[1].up);
	assert_string_equal(f->ch.re[1].version, "10.1R1.8");
	assert_int_equal(f->ch.re[1].role, SIM_ROLE_BACKUP);
	fixture_free(f);
}

static void
test_reboot_with_a_pending_install_says_so_and_returns_on_it(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 1, false);
	const char *out;

	(void)state;
	out = type(t, "request system software add " PKG);
	assert_non_null(strstr(out, "Installing package '" PKG "' ...\n"));
	assert_non_null(strstr(out, "WARNING:     A REBOOT IS REQUIRED TO LOAD "
	    "THIS SOFTWARE CORRECTLY."));
	assert_string_equal(f->ch.re[1].pending_version, "10.3R2.11");
	assert_string_equal(f->ch.re[1].version, "10.1R1.8");
	type(t, "request system reboot");
	out = type(t, "yes");
	/* The 10.3R2 capture of the reboot after an ISSU. */
	assert_non_null(strstr(out, "Shutdown NOW!\nReboot consistency check "
	    "bypassed - jinstall 10.3R2.11 will complete installation upon "
	    "reboot\n[pid "));
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 1) != NULL);
	assert_string_equal(f->ch.re[1].version, "10.3R2.11");
	assert_string_equal(f->ch.re[1].pending_version, "");
	fixture_free(f);
}

static void
test_master_reboot_makes_the_other_re_master(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	type(t, "request system reboot");
	type(t, "yes");
	assert_int_equal(master(f), 0);
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 0) != NULL);
	assert_int_equal(master(f), 1);
	assert_int_equal(f->ch.re[0].role, SIM_ROLE_BACKUP);
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":\"takeover\","
	    "\"graceful\":true,\"disruption\":false}"));
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 0) != NULL);
	assert_int_equal(master(f), 1);
	assert_int_equal(f->ch.re[0].role, SIM_ROLE_BACKUP);
	fixture_free(f);
}

static void
test_master_reboot_without_gres_records_a_disruption(void **state)
{
	struct fixture *f = fixture_new(FAST, "--without", "gres", NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	type(t, "request system reboot");
	type(t, "yes");
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 0) != NULL);
	assert_int_equal(master(f), 1);
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":\"takeover\","
	    "\"graceful\":false,\"disruption\":true}"));
	fixture_free(f);
}

static void
test_reboot_other_routing_engine_reboots_only_the_other(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	assert_string_equal(type(t, "request system reboot other-routing-engine"),
	    REBOOT_Q);
	assert_string_equal(type(t, "yes"), "Rebooting re1\n");
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 1) != NULL);
	assert_null(find_act(f, SIM_ACT_RE_DOWN, 0));
	assert_int_equal(master(f), 0);
	fixture_free(f);
}

static void
test_reboot_times_come_from_the_table(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct fixture *slow = fixture_new(FAST, "--fault", "slow-backup", NULL);
	struct term *t = term_open(f, 1, false), *s = term_open(slow, 1, false);

	(void)state;
	assert_true(reboot_time(f, 0) == 300.0);
	assert_true(reboot_time(f, 1) == 300.0);
	type(t, "request system software add " PKG);
	assert_true(reboot_time(f, 1) == 600.0);	/* installing */
	/* slow-backup: the backup takes five times longer, the master not. */
	assert_true(reboot_time(slow, 0) == 300.0);
	assert_true(reboot_time(slow, 1) == 1500.0);
	type(s, "request system software add " PKG);
	assert_true(reboot_time(slow, 1) == 3000.0);
	fixture_free(f);
	fixture_free(slow);
}

static void
test_fault_slow_backup_takes_five_times_longer_to_return(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "slow-backup", NULL);
	struct term *t = term_open(f, 0, false);
	const struct act_record *down, *up;

	(void)state;
	type(t, "request system reboot other-routing-engine");
	type(t, "yes");
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 1) != NULL);
	/* Down for 5 x 300 simulated seconds (down_since is whole seconds). */
	assert_true(fabs(f->ch.re[1].up_at - (double)f->ch.re[1].down_since -
	    1500.0) <= 1.0);
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":\"fault\","
	    "\"name\":\"slow-backup\""));
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 1) != NULL);
	down = find_act(f, SIM_ACT_RE_DOWN, 1);
	up = find_act(f, SIM_ACT_RE_UP, 1);
	assert_true(up->after - down->before >= 1500.0);
	fixture_free(f);
}

/* --- mastership switch --------------------------------------------------- */

static void
test_master_switch_asks_then_switches(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	assert_string_equal(type(t, "request chassis routing-engine master switch"),
	    SWITCH_Q);
	assert_int_equal(master(f), 0);
	assert_string_equal(type(t, "yes"), SWITCH_DONE);
	assert_int_equal(master(f), 1);
	assert_int_equal(f->ch.re[0].role, SIM_ROLE_BACKUP);
	assert_null(find_act(f, SIM_ACT_RE_DOWN, 0));
	fixture_free(f);
}

static void
test_master_switch_answered_no_does_nothing(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	type(t, "request chassis routing-engine master switch");
	assert_string_equal(type(t, "no"), "");
	assert_int_equal(master(f), 0);
	assert_int_equal(holddown_left(f), 0);
	fixture_free(f);
}

static void
test_master_switch_on_the_backup_is_master_only(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 1, false);

	(void)state;
	assert_string_equal(type(t, "request chassis routing-engine master switch"),
	    MASTER_ONLY);
	assert_string_equal(type(t, "request chassis routing-engine master switch "
	    "check"), MASTER_ONLY);
	fixture_free(f);
}

static void
test_master_switch_in_holddown_counts_down_then_succeeds(void **state)
{
	/* 240 s of hold-down are 480 ms here. */
	struct fixture *f = fixture_new("--speed", "500", NULL);
	struct term *re0 = term_open(f, 0, false), *re1 = term_open(f, 1, false);
	const char *refused = "^Command aborted\\. Not ready for mastership "
	    "switch, try after ([0-9]+) secs\\.\n$";
	long first, later;

	(void)state;
	type(re0, "request chassis routing-engine master switch");
	assert_string_equal(type(re0, "yes"), SWITCH_DONE);
	assert_int_equal(master(f), 1);

	type(re1, "request chassis routing-engine master switch");
	first = match_number(type(re1, "yes"), refused);
	assert_true(first > 0 && first <= 240);
	assert_int_equal(sim_cli_exit_status(re1->cli), 1);
	assert_int_equal(master(f), 1);
	drive_for(f, 0.05);	/* 25 simulated seconds */
	type(re1, "request chassis routing-engine master switch");
	later = match_number(type(re1, "yes"), refused);
	assert_true(later > 0 && later < first);

	DRIVE_UNTIL(f, holddown_left(f) == 0);
	type(re1, "request chassis routing-engine master switch");
	assert_string_equal(type(re1, "yes"), SWITCH_DONE);
	assert_int_equal(master(f), 0);
	fixture_free(f);
}

static void
test_master_switch_check_says_ready(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	assert_string_equal(type(t, "request chassis routing-engine master switch "
	    "check"), "Switchover Ready\n");
	fixture_free(f);
}

static void
test_master_switch_check_in_holddown_says_why_not(void **state)
{
	struct fixture *f = fixture_new("--speed", "1000", NULL);
	struct term *re0 = term_open(f, 0, false), *re1 = term_open(f, 1, false);

	(void)state;
	type(re0, "request chassis routing-engine master switch");
	type(re0, "yes");
	assert_true(matches(type(re1, "request chassis routing-engine master "
	    "switch check"), "^error: chassisd Not ready for mastership "
	    "switch, try after [0-9]+ secs\\.\n$"));
	assert_int_equal(master(f), 1);
	fixture_free(f);
}

static void
test_fault_backup_not_ready_makes_switch_check_not_ready(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "backup-not-ready", NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	assert_non_null(strstr(type(t, "request chassis routing-engine master "
	    "switch check"), "mastership switch request NOT honored, backup "
	    "not ready\n"));
	fixture_free(f);
}

/* --- faults during the ISSU ---------------------------------------------- */

static void
test_fault_validate_fail_stops_after_validation(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "validate-fail", NULL);
	struct term *t = start_seed_issu(f, "");

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 1);
	assert_true(has(t, "mgd: error: configuration check-out failed\n"
	    "Validation failed\n"));
	assert_false(has(t, "Preparing Backup RE"));
	assert_true(quiet(f));
	assert_int_equal(f->nacts, 0);
	assert_string_equal(f->ch.re[1].pending_version, "");
	assert_non_null(strstr(events(f), "\"re\":\"re0\",\"event\":\"fault\","
	    "\"name\":\"validate-fail\",\"effect\":\"validation failed\"}"));
	fixture_free(f);
}

static void
test_fault_backup_no_return_stops_the_issu(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "backup-no-return", NULL);
	struct term *t = start_seed_issu(f, "");

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	assert_int_equal(sim_cli_exit_status(t->cli), 1);
	assert_true(has(t, "Waiting for Backup RE reboot\n"));
	assert_true(has(t, "ISSU: Backup RE reboot timed out\n"
	    "error: ISSU Aborted! Backup RE did not come back after reboot\n"
	    "ISSU: IDLE\n"));
	assert_false(has(t, "GRES operational"));
	assert_null(find_act(f, SIM_ACT_RE_UP, 1));
	assert_false(f->ch.re[1].up);
	assert_true(isinf(f->ch.re[1].up_at));
	assert_int_equal(master(f), 0);
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":"
	    "\"reboot-start\",\"version\":\"10.1R1.8\",\"pending\":\"10.3R2.11\","
	    "\"returns\":false}"));
	assert_non_null(strstr(events(f), "\"name\":\"backup-no-return\""));
	fixture_free(f);
}

static void
test_fault_drop_during_upgrade_cuts_the_master_and_carries_on(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "drop-during-upgrade",
	    NULL);
	struct term *t = start_seed_issu(f, "");
	const struct act_record *cut;

	(void)state;
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_CUT_SESSIONS, 0) != NULL);
	cut = find_act(f, SIM_ACT_CUT_SESSIONS, 0);
	/* While the backup reboots, after "Waiting for Backup RE reboot". */
	assert_true(cut > find_act(f, SIM_ACT_RE_DOWN, 1));
	assert_null(find_act(f, SIM_ACT_RE_UP, 1));
	assert_non_null(strstr(events(f), "\"re\":\"re0\",\"event\":\"fault\","
	    "\"name\":\"drop-during-upgrade\""));
	/* The server ends the session; the router goes on. */
	term_close(t);
	DRIVE_UNTIL(f, !issu_running(f));
	assert_int_equal(master(f), 1);
	assert_string_equal(f->ch.re[1].version, "10.3R2.11");
	assert_string_equal(f->ch.re[0].pending_version, "10.3R2.11");
	assert_int_equal(count_acts(f, SIM_ACT_CUT_SESSIONS, 0), 1);
	fixture_free(f);
}

/*
 * A server tick may come late (a loaded machine, a high --speed): the
 * timeline must still wait for the backup to have rebooted, not pass its
 * wait on the backup that has not gone down yet.
 */
static void
test_issu_waits_for_the_backup_when_a_tick_is_late(void **state)
{
	struct fixture *f = fixture_new(FAST, NULL);
	struct term *t = start_seed_issu(f, "");
	/* 400 simulated seconds: past "Rebooting re1" and the wait's row. */
	const struct timespec late = { 0, (long)(400.0 / FAST_SPEED * 1e9) };
	const struct act_record *up;
	const char *gres;

	(void)state;
	DRIVE_UNTIL(f, has(t, "Saving state for rollback ...\n"));
	nanosleep(&late, NULL);
	DRIVE_UNTIL(f, !busy(t));
	up = find_act(f, SIM_ACT_RE_UP, 1);
	assert_non_null(up);
	gres = strstr(said(t), "GRES operational\n");
	assert_non_null(gres);
	assert_true((size_t)(gres - said(t)) >= up->said);
	assert_int_equal(master(f), 1);
	fixture_free(f);
}

static void
test_fault_slow_backup_issu_still_completes(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "slow-backup", NULL);
	struct term *t = start_seed_issu(f, "");

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	assert_true(has(t, "ISSU: IDLE\n"));
	assert_int_equal(sim_cli_exit_status(t->cli), 0);
	assert_int_equal(master(f), 1);
	fixture_free(f);
}

static void
test_fault_old_master_no_return_after_the_manual_reboot(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "old-master-no-return",
	    NULL);
	struct term *t = start_seed_issu(f, "");

	(void)state;
	DRIVE_UNTIL(f, !busy(t));
	/* The backup came back: the fault is the old master's. */
	assert_non_null(find_act(f, SIM_ACT_RE_UP, 1));
	type(t, "request system reboot");
	type(t, "yes");
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_DOWN, 0) != NULL);
	drive_for(f, 0.1);	/* 2000 s, far past a 600 s reboot */
	assert_null(find_act(f, SIM_ACT_RE_UP, 0));
	assert_false(f->ch.re[0].up);
	assert_true(quiet(f));
	assert_int_equal(master(f), 1);
	assert_non_null(strstr(events(f), "\"re\":\"re0\",\"event\":\"fault\","
	    "\"name\":\"old-master-no-return\""));
	fixture_free(f);
}

static void
test_fault_hostkey_changed_marks_the_first_return(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "hostkey-changed", NULL);
	struct term *t = term_open(f, 0, false);
	size_t i;

	(void)state;
	type(t, "request system reboot both-routing-engines");
	type(t, "yes");
	DRIVE_UNTIL(f, count_acts(f, SIM_ACT_RE_UP, 0) +
	    count_acts(f, SIM_ACT_RE_UP, 1) == 2);
	/* Exactly one RE comes back with a new key. */
	for (i = 0; i < f->nacts && f->acts[i].act.kind != SIM_ACT_RE_UP; i++)
		;
	assert_true(i < f->nacts);
	assert_true(f->acts[i].act.new_host_key);
	for (i++; i < f->nacts; i++)
		if (f->acts[i].act.kind == SIM_ACT_RE_UP)
			assert_false(f->acts[i].act.new_host_key);
	assert_int_equal(count(events(f), "\"name\":\"hostkey-changed\""), 1);
	fixture_free(f);
}

static void
test_fault_auth_fail_after_reboot_breaks_the_password(void **state)
{
	struct fixture *f = fixture_new(FAST, "--fault", "auth-fail-after-reboot",
	    NULL);
	struct term *t = term_open(f, 0, false);

	(void)state;
	assert_false(f->ch.re[1].password_broken);
	type(t, "request system reboot other-routing-engine");
	type(t, "yes");
	DRIVE_UNTIL(f, find_act(f, SIM_ACT_RE_UP, 1) != NULL);
	assert_true(f->ch.re[1].password_broken);
	assert_false(f->ch.re[0].password_broken);
	assert_non_null(strstr(events(f), "\"re\":\"re1\",\"event\":\"fault\","
	    "\"name\":\"auth-fail-after-reboot\""));
	fixture_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_seed_issu_prints_milestones_in_order, teardown),
		cmocka_unit_test_teardown(test_seed_issu_logs_each_milestone_as_an_issu_event, teardown),
		cmocka_unit_test_teardown(test_release_12_3_asks_the_exact_question_after_validation, teardown),
		cmocka_unit_test_teardown(test_release_12_3_stamps_its_milestones, teardown),
		cmocka_unit_test_teardown(test_answer_no_finishes_with_nothing_changed, teardown),
		cmocka_unit_test_teardown(test_empty_answer_finishes_with_nothing_changed, teardown),
		cmocka_unit_test_teardown(test_backup_goes_down_at_rebooting_re1_and_returns_on_target, teardown),
		cmocka_unit_test_teardown(test_mastership_moves_at_the_complete_line, teardown),
		cmocka_unit_test_teardown(test_old_master_keeps_its_version_with_target_pending, teardown),
		cmocka_unit_test_teardown(test_no_old_master_upgrade_stages_nothing_on_the_old_master, teardown),
		cmocka_unit_test_teardown(test_reboot_option_reboots_the_old_master_after_the_prompt, teardown),
		cmocka_unit_test_teardown(test_issu_continues_after_its_session_is_gone, teardown),
		cmocka_unit_test_teardown(test_syslog_broadcast_reaches_the_new_masters_cli, teardown),
		cmocka_unit_test_teardown(test_issu_on_the_backup_is_master_only, teardown),
		cmocka_unit_test_teardown(test_issu_refuses_a_package_that_is_not_there, teardown),
		cmocka_unit_test_teardown(test_fault_missing_package_refuses_the_seed_package, teardown),
		cmocka_unit_test_teardown(test_issu_refuses_a_downgrade, teardown),
		cmocka_unit_test_teardown(test_issu_refuses_the_running_release, teardown),
		cmocka_unit_test_teardown(test_issu_refuses_res_on_different_releases, teardown),
		cmocka_unit_test_teardown(test_fault_version_mismatch_starts_the_backup_on_another_release, teardown),
		cmocka_unit_test_teardown(test_issu_refuses_without_gres, teardown),
		cmocka_unit_test_teardown(test_issu_refuses_without_nsr, teardown),
		cmocka_unit_test_teardown(test_fault_backup_not_ready_refuses_the_issu, teardown),
		cmocka_unit_test_teardown(test_issu_refuses_a_second_issu, teardown),
		cmocka_unit_test_teardown(test_abort_before_the_backup_reboot_stops_the_issu, teardown),
		cmocka_unit_test_teardown(test_abort_after_the_backup_reboot_is_refused, teardown),
		cmocka_unit_test_teardown(test_abort_without_an_issu_is_an_error, teardown),
		cmocka_unit_test_teardown(test_abort_while_the_question_waits_frees_the_session, teardown),
		cmocka_unit_test_teardown(test_reboot_asks_before_anything, teardown),
		cmocka_unit_test_teardown(test_reboot_answered_no_does_nothing, teardown),
		cmocka_unit_test_teardown(test_reboot_answered_empty_does_nothing, teardown),
		cmocka_unit_test_teardown(test_reboot_yes_prints_shutdown_lines_then_goes_down, teardown),
		cmocka_unit_test_teardown(test_reboot_with_a_pending_install_says_so_and_returns_on_it, teardown),
		cmocka_unit_test_teardown(test_master_reboot_makes_the_other_re_master, teardown),
		cmocka_unit_test_teardown(test_master_reboot_without_gres_records_a_disruption, teardown),
		cmocka_unit_test_teardown(test_reboot_other_routing_engine_reboots_only_the_other, teardown),
		cmocka_unit_test_teardown(test_reboot_times_come_from_the_table, teardown),
		cmocka_unit_test_teardown(test_fault_slow_backup_takes_five_times_longer_to_return, teardown),
		cmocka_unit_test_teardown(test_master_switch_asks_then_switches, teardown),
		cmocka_unit_test_teardown(test_master_switch_answered_no_does_nothing, teardown),
		cmocka_unit_test_teardown(test_master_switch_on_the_backup_is_master_only, teardown),
		cmocka_unit_test_teardown(test_master_switch_in_holddown_counts_down_then_succeeds, teardown),
		cmocka_unit_test_teardown(test_master_switch_check_says_ready, teardown),
		cmocka_unit_test_teardown(test_master_switch_check_in_holddown_says_why_not, teardown),
		cmocka_unit_test_teardown(test_fault_backup_not_ready_makes_switch_check_not_ready, teardown),
		cmocka_unit_test_teardown(test_fault_validate_fail_stops_after_validation, teardown),
		cmocka_unit_test_teardown(test_fault_backup_no_return_stops_the_issu, teardown),
		cmocka_unit_test_teardown(test_fault_drop_during_upgrade_cuts_the_master_and_carries_on, teardown),
		cmocka_unit_test_teardown(test_issu_waits_for_the_backup_when_a_tick_is_late, teardown),
		cmocka_unit_test_teardown(test_fault_slow_backup_issu_still_completes, teardown),
		cmocka_unit_test_teardown(test_fault_old_master_no_return_after_the_manual_reboot, teardown),
		cmocka_unit_test_teardown(test_fault_hostkey_changed_marks_the_first_return, teardown),
		cmocka_unit_test_teardown(test_fault_auth_fail_after_reboot_breaks_the_password, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
