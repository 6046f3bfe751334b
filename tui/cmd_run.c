/*
 * cmd_run.c - `issu-console run [-c FILE] [ROUTER]`: the guided procedure in
 * plain line mode.  The same engine, the same confirmations, the same
 * records as the curses console; questions are printed and answers read a
 * line at a time from standard input.
 *
 * For serial consoles, screen readers, logs pasted into tickets, and
 * rehearsals scripted against issu-sim.  Input lines are consumed one per
 * question, in order, and only when a question is open: a script of answers
 * piped in is used exactly like a person typing them at each prompt.  End of
 * input at a question refuses it (nothing is sent) and quits.  A line longer
 * than RUN_LINE_MAX is nobody's answer: it is skipped whole (never cut into
 * pieces that could each be read as one) and refuses the open question.
 */
#include "tui/commands.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sessions/transcript.h"
#include "tui/driver.h"
#include "tui/target.h"

enum { RUN_LINE_MAX = 4095 };	/* longest line read, without its \n */

/* SIGINT, SIGTERM or SIGHUP received: the run is left at the next turn of
 * the loop (at most a second away), with the reason in the records. */
static volatile sig_atomic_t run_signal;

struct run_ui {
	struct driver *d;
	char in[RUN_LINE_MAX + 1];	/* input not yet used: whole lines,
					   then the start of the next */
	size_t inlen;
	unsigned long_next;		/* over-long lines before those in in */
	bool long_skip;			/* its rest is dropped up to its \n */
	bool in_full;			/* in holds whole lines only: reading
					   waits until one is used */
	bool backlog;			/* the pipe may still hold what was
					   typed ahead while in was full: not
					   live until a read drains it */
	bool eof;
	bool eof_said;			/* "(end of input: ...)" printed */
	bool live;			/* the buffer's first line was typed
					   while the console waited on the
					   router (not type-ahead): q there
					   leaves at once */
	bool quit_asked;		/* "q again to leave" is open */
	bool prompted;			/* a prompt was printed: input read
					   after it was typed, not scripted
					   ahead of the run */
	bool quiet;			/* --quiet: no RE output */
	bool dirty;			/* the view changed since shown */
	enum issu_state shown;		/* the last state a prompt was printed
					   for */
	enum issu_step_id shown_step;
	double t0;
	double time_scale;		/* > 1: a rehearsal (issu-sim --speed) */
	int left_by;			/* the signal that made the run leave */
};

static void
run_stamp(struct run_ui *u)
{
	long s = (long)(driver_now() - u->t0);

	printf("[%02ld:%02ld:%02ld] ", s / 3600, s / 60 % 60, s % 60);
}

/* Prints text the way the transcript writes it: what a router sent (also
 * inside the engine's notes, a stop's reason) never drives the terminal. */
static void
run_print(const char *text, size_t n)
{
	char *safe = transcript_neutral(text, n);

	if (safe == NULL) {
		fprintf(stderr, "issu-console: out of memory\n");
		exit(2);
	}
	fputs(safe, stdout);
	free(safe);
}

static void
run_note(void *ctx, int slot, const char *text)
{
	struct run_ui *u = ctx;

	run_stamp(u);
	if (slot >= 0)
		printf("re%d: ", slot);
	run_print(text, strlen(text));
	putchar('\n');
	fflush(stdout);
}

static void
run_output(void *ctx, int slot, const char *text, bool sent)
{
	struct run_ui *u = ctx;
	const char *p = text;

	if (u->quiet)
		return;
	while (*p != '\0') {
		size_t n = strcspn(p, "\n"), shown = n;

		if (p[n] == '\n' && n > 0 && p[n - 1] == '\r')
			shown--;	/* CRLF ends a line like LF */
		printf("  re%d%s ", slot, sent ? ">" : "|");
		run_print(p, shown);
		putchar('\n');
		p += n;
		if (*p == '\n')
			p++;
	}
	fflush(stdout);
}

/* Prints what the open state asks of the operator, once per state. */
static void
run_prompt(struct run_ui *u)
{
	const struct issu_view *v = driver_view(u->d);
	const struct issu_step_def *def = issu_step_def(v->step);

	if (v->state == u->shown && v->step == u->shown_step &&
	    v->state != ISSU_STATE_ASKING)
		return;
	/* Input over and no answer left in it: no key prompt (a question
	 * still shows, for the record of what was refused). */
	if (u->eof && memchr(u->in, '\n', u->inlen) == NULL &&
	    u->long_next == 0 && v->state == ISSU_STATE_WAIT_PROCEED)
		return;
	u->shown = v->state;
	u->shown_step = v->step;
	if (v->state != ISSU_STATE_WORKING)
		u->prompted = true;
	if (v->watch_only && v->state == ISSU_STATE_WAIT_PROCEED) {
		/* Nothing to start: another console holds the router. */
		printf("Watching: Enter reads the router again   q: quit > ");
		fflush(stdout);
		return;
	}
	switch (v->state) {
	case ISSU_STATE_ASKING: {
		/* A line has no Esc: any other line is the way to refuse. */
		static const char esc[] = ", Esc to cancel:";
		const char *cut = strstr(v->ask.text, esc);

		putchar('\n');
		if (cut != NULL && cut[sizeof esc - 1] == '\0') {
			run_print(v->ask.text, (size_t)(cut - v->ask.text));
			printf(" (any other line refuses): ");
		} else {
			run_print(v->ask.text, strlen(v->ask.text));
			putchar(' ');
		}
		break;
	}
	case ISSU_STATE_WAIT_PROCEED:
		/* The engine's note just said "Next: step N/8 TITLE". */
		printf("Enter: start it   ?: explain   q: quit > ");
		break;
	case ISSU_STATE_STOPPED:
		printf("\nSTOPPED at step %d/%d %s:\n", (int)v->step + 1,
		    ISSU_STEPS_NUMBERED, def->title);
		run_print(v->stop_reason, strlen(v->stop_reason));
		printf("\nEnter: read the router again and go on   q: quit > ");
		break;
	case ISSU_STATE_DONE: {
		int i;

		printf("\nISSU complete: %s -> %s\n", v->version_before[0] ?
		    v->version_before : "?", v->version_after);
		/* A rehearsal's steps in the simulated time its notes use. */
		if (u->time_scale > 1)
			printf("Times in simulated time (%gx):\n", u->time_scale);
		for (i = 0; i < ISSU_STEPS_NUMBERED; i++) {
			const struct issu_step_run *r = &v->run[i];
			long t = r->ended > r->started ? (long)((r->ended -
			    r->started) * (u->time_scale > 1 ? u->time_scale :
			    1) + 0.5) : 0;

			printf("  %d %-20s %-8s %4ld:%02ld  %s\n", i + 1,
			    issu_step_def((enum issu_step_id)i)->title, r->result ==
			    ISSU_CHECK_PASS ? "done" : issu_check_result_name(
			    r->result), t / 60, t % 60, r->note);
		}
		break;
	}
	case ISSU_STATE_WORKING:
		return;
	}
	fflush(stdout);
}

static void run_feed(struct run_ui *u);

static void
run_on_signal(int sig)
{
	run_signal = sig;
}

static void
run_changed(void *ctx, struct driver *d)
{
	struct run_ui *u = ctx;

	(void)d;
	u->dirty = true;
}

/* Prompts and buffered answers are handled here, never from inside the
 * driver's callbacks. */
static void
run_idle(void *ctx, struct driver *d)
{
	struct run_ui *u = ctx;

	if (run_signal != 0) {
		int sig = run_signal;
		char why[96];

		run_signal = 0;
		u->left_by = sig;
		snprintf(why, sizeof why, "%s (%s)", sig == SIGINT ? "SIGINT" :
		    sig == SIGTERM ? "SIGTERM" : "SIGHUP", strsignal(sig));
		printf("\n(%s: leaving; the change record says so)\n", why);
		fflush(stdout);
		driver_quit_because(d, why);
		return;
	}
	do {
		u->dirty = false;
		run_prompt(u);
		run_feed(u);
	} while (u->dirty);
}

static int
run_secret(void *ctx, int slot, enum re_ask_kind kind, const char *what,
    int attempt, char *out, size_t len)
{
	char prompt[1200];

	(void)ctx;
	snprintf(prompt, sizeof prompt, "re%d: %s%s for %s: ", slot,
	    attempt > 1 ? "wrong, try again: " : "", kind == RE_ASK_PASSPHRASE ?
	    "passphrase" : "password", what);
	return target_read_secret(prompt, out, len);
}

/* The step's explanation, its exact command (when the facts read so far
 * tell it) and how success is known: what the console's ? shows. */
static void
run_explain(struct run_ui *u)
{
	const struct issu_view *v = driver_view(u->d);
	char text[4096];

	issu_step_explain(driver_engine(u->d), v->step, text, sizeof text);
	printf("\nStep %d/%d: %s\n%s\n", (int)v->step + 1, ISSU_STEPS_NUMBERED,
	    issu_step_def(v->step)->title, text);
}

/* One line of input for the open state. */
static void
run_line(struct run_ui *u, const char *line)
{
	const struct issu_view *v = driver_view(u->d);

	switch (v->state) {
	case ISSU_STATE_ASKING:
		u->shown = ISSU_STATE_WORKING;
		driver_answer(u->d, line);
		return;
	case ISSU_STATE_WAIT_PROCEED:
	case ISSU_STATE_STOPPED:
		if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0) {
			driver_quit(u->d);
			break;
		}
		if (strcmp(line, "?") == 0) {
			run_explain(u);
			u->shown = ISSU_STATE_WORKING;
			return;
		}
		u->shown = ISSU_STATE_WORKING;
		/* Only Enter goes on: "no" or a stray answer must not. */
		if (line[0] != '\0') {
			printf("Not %s: an empty line (Enter) %s, ? explains, "
			    "q quits.\n", v->state == ISSU_STATE_STOPPED ?
			    "going on" : "started", v->state ==
			    ISSU_STATE_STOPPED ? "reads the router again and "
			    "goes on" : "starts the step");
			return;
		}
		driver_proceed(u->d);
		return;
	default:
		break;
	}
}

/*
 * A line typed while the console waits on the router (no question open):
 * only q counts there, so that answers typed ahead for the next question
 * keep their meaning.  Leaving while the router is mid-change asks first.
 */
static void
run_working_line(struct run_ui *u)
{
	char *nl = memchr(u->in, '\n', u->inlen);
	size_t n;
	bool q;

	if (nl == NULL)
		return;
	n = (size_t)(nl - u->in);
	q = (n == 1 && u->in[0] == 'q') || (n == 2 && u->in[0] == 'q' &&
	    u->in[1] == '\r');
	if (!q && !u->quit_asked) {
		u->live = false;	/* type-ahead for the next question */
		return;
	}
	memmove(u->in, nl + 1, u->inlen - n - 1);
	u->inlen -= n + 1;
	if (u->in_full) {
		u->in_full = false;
		driver_set_key_fd(u->d, STDIN_FILENO);
	}
	if (q && (u->quit_asked || !issu_router_busy(driver_engine(u->d)))) {
		printf("q\n");
		driver_quit(u->d);
		return;
	}
	if (q) {
		u->quit_asked = true;
		printf("q\nThe router is mid-change: the ISSU goes on in the "
		    "router if you leave. Type q again to leave, any other line "
		    "to stay > ");
	} else {
		u->quit_asked = false;
		printf("\nStaying.\n");
	}
	fflush(stdout);
}

/* Uses buffered input while a state waits for it. */
static void
run_feed(struct run_ui *u)
{
	for (;;) {
		const struct issu_view *v = driver_view(u->d);
		char *nl;

		if (v->state == ISSU_STATE_WORKING && u->live) {
			run_working_line(u);
			return;
		}
		u->live = u->quit_asked = false;
		if (v->state != ISSU_STATE_ASKING &&
		    v->state != ISSU_STATE_WAIT_PROCEED &&
		    v->state != ISSU_STATE_STOPPED)
			return;
		if (u->long_next > 0) {
			/* Its bytes are gone: it cannot be an answer, and
			 * at a question it refuses, as any other line. */
			u->long_next--;
			printf("(a line longer than %d characters was not read "
			    "as an answer%s)\n", RUN_LINE_MAX,
			    v->state == ISSU_STATE_ASKING ? ": not confirmed, "
			    "nothing was sent" : "");
			u->shown = ISSU_STATE_WORKING;
			if (v->state == ISSU_STATE_ASKING)
				driver_cancel(u->d);
			return;
		}
		nl = memchr(u->in, '\n', u->inlen);
		if (nl == NULL) {
			if (u->eof) {
				/* Nobody is left to answer: refuse, leave. */
				if (!u->eof_said)
					printf("\n(end of input: %s)\n",
					    v->state == ISSU_STATE_ASKING ?
					    "not confirmed, nothing was sent; "
					    "leaving" : "leaving");
				u->eof_said = true;
				if (v->state == ISSU_STATE_ASKING)
					driver_cancel(u->d);
				driver_quit(u->d);
			}
			return;
		}
		*nl = '\0';
		{
			char line[4096];
			size_t n = (size_t)(nl - u->in);

			memcpy(line, u->in, n + 1);
			if (n > 0 && line[n - 1] == '\r')
				line[n - 1] = '\0';
			memmove(u->in, nl + 1, u->inlen - n - 1);
			u->inlen -= n + 1;
			if (u->in_full) {
				/* There is room again: read on. */
				u->in_full = false;
				driver_set_key_fd(u->d, STDIN_FILENO);
			}
			printf("%s\n", line);
			run_line(u, line);
			/* One answer per turn: the next waits for its own
			 * question to be shown. */
			return;
		}
	}
}

static void
run_key(void *ctx, struct driver *d)
{
	struct run_ui *u = ctx;
	ssize_t n;
	size_t space;

	if (u->eof)
		return;
	if (u->inlen == sizeof u->in) {
		/* Whole lines wait for their questions: leave the rest in
		 * the pipe until one is used (run_feed reads on). */
		u->in_full = u->backlog = true;
		driver_set_key_fd(d, -1);
		return;
	}
	/* Answers piped in arrive before the first prompt: those are all
	 * for questions, q included; so is what waited in the pipe while
	 * the buffer was full. */
	if (u->inlen == 0 && driver_view(d)->state == ISSU_STATE_WORKING &&
	    !u->backlog && (u->prompted || isatty(STDIN_FILENO)))
		u->live = true;
	space = sizeof u->in - u->inlen;
	n = read(STDIN_FILENO, u->in + u->inlen, space);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n >= 0 && (size_t)n < space)
		u->backlog = false;	/* the pipe was drained */
	if (n <= 0) {
		u->eof = true;
		driver_set_key_fd(d, -1);
		return;
	}
	if (u->long_skip) {
		/* The rest of an over-long line, up to its end. */
		char *nl = memchr(u->in + u->inlen, '\n', (size_t)n);

		if (nl == NULL)
			return;
		u->long_skip = false;
		n -= nl + 1 - (u->in + u->inlen);
		memmove(u->in + u->inlen, nl + 1, (size_t)n);
	}
	u->inlen += (size_t)n;
	if (u->inlen == sizeof u->in && memchr(u->in, '\n', u->inlen) == NULL) {
		/* One line fills the buffer: it is over-long.  Only the
		 * first line can be (earlier ones were used to make room). */
		u->inlen = 0;
		u->long_next++;
		u->long_skip = true;
	}
}

static void
run_usage(FILE *f)
{
	fputs("usage: issu-console run [-c FILE] [--quiet] [--time-scale X] "
	    "[ROUTER]\n"
	    "       issu-console run [-c FILE] --re0 HOST[:PORT] --re1 HOST[:PORT] "
	    "[--user U]\n"
	    "                        [--package /var/tmp/PKG] ...\n"
	    "The guided ISSU in plain line mode: questions on standard output,\n"
	    "answers read a line at a time from standard input; q while it\n"
	    "waits on the router leaves (mid-change it asks first).\n"
	    "A router already held by another console is only watched.\n"
	    "  --quiet          do not print the routers' output (the transcript "
	    "has it)\n"
	    "  --time-scale X   divide every wait and countdown by X: only for a\n"
	    "                   rehearsal against issu-sim --speed X\n", f);
}

int
cmd_run(int argc, char **argv)
{
	struct target_opts o = { 0 };
	struct target t;
	struct run_ui u = { .shown = ISSU_STATE_WORKING };
	struct driver_options dopt = { .time_scale = 1, .records = true };
	int i, rc;

	for (i = 1; i < argc; i++) {
		int k;

		if (strcmp(argv[i], "--help") == 0) {
			run_usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--quiet") == 0) {
			u.quiet = true;
			continue;
		}
		if ((k = target_time_scale(argc, argv, &i, "run",
		    &dopt.time_scale)) < 0)
			return 2;
		if (k == 1)
			continue;
		if ((k = target_option(&o, argc, argv, &i, "run")) < 0)
			return 2;
		if (k == 0) {
			fprintf(stderr, "issu-console run: unknown option \"%s\"\n",
			    argv[i]);
			run_usage(stderr);
			return 2;
		}
	}
	if ((rc = target_load(&o, &t, "run")) != 0) {
		target_free(&t);
		return rc;
	}
	rc = run_plain(&t, dopt.time_scale, u.quiet, NULL);
	target_free(&t);
	return rc;
}

int
run_plain(const struct target *t, double time_scale, bool quiet,
    const char *banner)
{
	struct run_ui u = { .shown = ISSU_STATE_WORKING, .quiet = quiet,
	    .time_scale = time_scale };
	struct driver_options dopt = { .time_scale = time_scale,
		.records = true, .lock = true };
	struct driver_ui ui = { .ctx = &u, .note = run_note,
		.output = run_output, .changed = run_changed,
		.secret = run_secret, .key_fd = STDIN_FILENO,
		.key_ready = run_key, .idle = run_idle };
	int rc;

	/* A dead screen share must not kill the run mid-answer: the
	 * transcript is flushed per line whatever happens. */
	signal(SIGPIPE, SIG_IGN);
	{
		/* Ctrl-C, kill, a closed terminal: leave through the driver,
		 * so the change record says the run was left and why. */
		static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
		struct sigaction sa;
		size_t i;

		memset(&sa, 0, sizeof sa);
		sigemptyset(&sa.sa_mask);
		sa.sa_handler = run_on_signal;
		for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			sigaction(sigs[i], &sa, NULL);
	}
	u.t0 = driver_now();
	if ((rc = driver_new(t, &dopt, &ui, &u.d)) != 0)
		return rc;
	if (banner != NULL)
		printf("%s\n", banner);
	{
		char a0[300], a1[300];

		target_address(t, 0, a0, sizeof a0);
		target_address(t, 1, a1, sizeof a1);
		printf("issu-console run: router %s (re0 %s, re1 %s)\n",
		    t->router->name, a0, a1);
	}
	printf("Transcript: %s\nChange record: %s\n",
	    driver_transcript_path(u.d), driver_record_path(u.d));
	fflush(stdout);
	rc = driver_run(u.d);
	/* A rehearsal's chassis ends with it: nothing to resume. */
	if (rc != 0 && issu_router_busy(driver_engine(u.d)) && banner == NULL)
		printf("\nLeft while the router is mid-change: the ISSU goes on "
		    "in the router. Run issu-console run %s again to follow it "
		    "from where it is.\n", t->router->name);
	if (driver_view(u.d)->records_failed[0] != '\0')
		printf("\nRecords INCOMPLETE: %s%s\n",
		    driver_view(u.d)->records_failed,
		    driver_view(u.d)->records_waived ? " (you typed norecord "
		    "and went on without them)" : "");
	printf("\nTranscript: %s\nChange record: %s\n",
	    driver_transcript_path(u.d), driver_record_path(u.d));
	driver_free(u.d);
	if (u.left_by != 0) {
		/* The records are written: now die of the signal, as a shell
		 * (and practice) expects. */
		fflush(NULL);
		signal(u.left_by, SIG_DFL);
		raise(u.left_by);
	}
	return rc;
}
