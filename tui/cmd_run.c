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
 * input at a question refuses it (nothing is sent) and quits.
 */
#include "tui/commands.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/driver.h"
#include "tui/target.h"

struct run_ui {
	struct driver *d;
	char in[4096];			/* input not yet used */
	size_t inlen;
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
};

static void
run_stamp(struct run_ui *u)
{
	long s = (long)(driver_now() - u->t0);

	printf("[%02ld:%02ld:%02ld] ", s / 3600, s / 60 % 60, s % 60);
}

static void
run_note(void *ctx, int slot, const char *text)
{
	struct run_ui *u = ctx;

	run_stamp(u);
	if (slot >= 0)
		printf("re%d: ", slot);
	printf("%s\n", text);
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
		size_t n = strcspn(p, "\n");

		printf("  re%d%s %.*s\n", slot, sent ? ">" : "|", (int)n, p);
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
	    v->state == ISSU_STATE_WAIT_PROCEED)
		return;
	u->shown = v->state;
	u->shown_step = v->step;
	if (v->state != ISSU_STATE_WORKING)
		u->prompted = true;
	switch (v->state) {
	case ISSU_STATE_ASKING: {
		/* A line has no Esc: any other line is the way to refuse. */
		static const char esc[] = ", Esc to cancel:";
		const char *cut = strstr(v->ask.text, esc);

		if (cut != NULL && cut[sizeof esc - 1] == '\0')
			printf("\n%.*s (any other line refuses): ",
			    (int)(cut - v->ask.text), v->ask.text);
		else
			printf("\n%s ", v->ask.text);
		break;
	}
	case ISSU_STATE_WAIT_PROCEED:
		/* The engine's note just said "Next: step N/8 TITLE". */
		printf("Enter: start it   ?: explain   q: quit > ");
		break;
	case ISSU_STATE_STOPPED:
		printf("\nSTOPPED at step %d/%d %s:\n%s\nEnter: read the router "
		    "again and go on   q: quit > ", (int)v->step + 1,
		    ISSU_STEPS_NUMBERED, def->title, v->stop_reason);
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

	(void)d;
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
		if (strcmp(line, "q") == 0) {
			driver_quit(u->d);
			break;
		}
		if (strcmp(line, "?") == 0) {
			run_explain(u);
			u->shown = ISSU_STATE_WORKING;
			return;
		}
		u->shown = ISSU_STATE_WORKING;
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

	if (u->eof)
		return;
	/* Answers piped in arrive before the first prompt: those are all
	 * for questions, q included. */
	if (u->inlen == 0 && driver_view(d)->state == ISSU_STATE_WORKING &&
	    (u->prompted || isatty(STDIN_FILENO)))
		u->live = true;
	n = read(STDIN_FILENO, u->in + u->inlen, sizeof u->in - 1 - u->inlen);
	if (n <= 0 && !(n < 0 && errno == EINTR)) {
		u->eof = true;
		driver_set_key_fd(d, -1);
	}
	else if (n > 0)
		u->inlen += (size_t)n;
	if (u->inlen == sizeof u->in - 1) {
		/* A line longer than the buffer is nobody's answer. */
		u->in[u->inlen++] = '\n';
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
	    "answers read a line at a time from standard input.\n"
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
		.records = true };
	struct driver_ui ui = { .ctx = &u, .note = run_note,
		.output = run_output, .changed = run_changed,
		.secret = run_secret, .key_fd = STDIN_FILENO,
		.key_ready = run_key, .idle = run_idle };
	int rc;

	/* A dead screen share must not kill the run mid-answer: the
	 * transcript is flushed per line whatever happens. */
	signal(SIGPIPE, SIG_IGN);
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
	printf("\nTranscript: %s\nChange record: %s\n",
	    driver_transcript_path(u.d), driver_record_path(u.d));
	driver_free(u.d);
	return rc;
}
