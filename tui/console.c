/*
 * console.c - `issu-console [-c FILE] [ROUTER]`: the curses console on the
 * procedure driver.  It turns keys into driver_proceed / driver_answer /
 * driver_cancel / driver_quit and says what to draw; the engine decides
 * everything about the router, screen.c draws, term.c owns the terminal.
 *
 * What the console is doing is a mode (ncdu's one-state-one-handler): the
 * main screen, the explanation of a step, the quit warning, the engine's
 * question, the end screen.  Each mode is a row of console_modes: its key
 * bindings (a table) and the dialog it shows.  A question of the engine
 * takes over from any mode the operator opened.
 *
 * Keys are read in the driver's key_ready callback and acted on in its idle
 * callback, never inside another callback (the driver's rule).  A key never
 * answers a question the operator has not seen: keys typed before the
 * question was drawn are dropped, as are keys typed after one that moved
 * the procedure (Enter, an answer) in the same burst.
 */
#include "tui/console.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/driver.h"
#include "tui/screen.h"
#include "tui/secret_words.h"
#include "tui/target.h"
#include "tui/term.h"
#include "tui/text.h"

enum console_mode_id {
	CONSOLE_MAIN,
	CONSOLE_EXPLAIN,
	CONSOLE_QUIT,
	CONSOLE_ASK,
	CONSOLE_END,
	CONSOLE_MODE_COUNT
};

struct console_key {
	bool fn;			/* ch is a KEY_* code */
	wint_t ch;
};

#define CONSOLE_KEYS_MAX	256
#define CONSOLE_FIELD_MAX	16	/* an answer: "re0" */

struct console {
	struct driver *d;
	const struct target *t;
	const struct console_opts *o;
	struct screen *scr;		/* owned */
	char address[2][300];
	char notes[SCREEN_NOTES][1100];	/* the engine's last notes */
	int newest;			/* index of the newest in notes */
	char resume[600];		/* how to follow the run again */
	double start;			/* owner clock at start */
	double wall_start;		/* wall clock then */
	int focus;
	int banner_len;

	enum console_mode_id mode;	/* what the operator opened */
	bool ended;			/* driver_run returned: the end screen */
	int dialog_scroll;
	char dialog_body[4096];
	char dialog_title[160];

	char field[CONSOLE_FIELD_MAX];	/* a typed answer */
	size_t field_len;

	struct console_key keys[CONSOLE_KEYS_MAX];	/* read, not yet used */
	int nkeys;
	bool acted;			/* a key moved the procedure */
	bool asking;			/* a question was open at the last look */
	bool ask_shown;			/* the open question is on screen */

	bool dirty;
	long drawn_second;
	bool quitting;
	int quit_signal;
	bool hangup;
	bool left_busy;			/* quit while the router was busy */
	char left_what[400];
	bool practice;			/* console_opts.practice */
};

/* ---- the model for the screen ---------------------------------------------- */

static void
console_model(struct console *c, struct screen_model *m, const char *hint)
{
	int s;

	memset(m, 0, sizeof *m);
	m->v = driver_view(c->d);
	m->router = c->t->router->name;
	m->banner = c->o->banner;
	m->time_scale = c->o->time_scale;
	for (s = 0; s < 2; s++) {
		m->address[s] = c->address[s];
		m->connected[s] = driver_connected(c->d, s);
		m->retry_in[s] = driver_retry_in(c->d, s);
	}
	m->now = driver_now();
	m->start = c->start;
	m->wall_start = c->wall_start;
	for (s = 0; s < SCREEN_NOTES; s++)
		m->notes[s] = c->notes[(c->newest + SCREEN_NOTES - s) %
		    SCREEN_NOTES];
	m->focus = c->focus;
	m->small_hint = hint;
}

/* ---- dialogs ----------------------------------------------------------------------- */

/* What keeps running on the router when the console leaves now. */
static const struct {
	enum issu_step_id step;
	bool names_re;			/* starts with "reN " (the old master) */
	const char *what;
} console_busy_words[] = {
	{ ISSU_STEP_UPGRADE, false, "The in-service upgrade keeps running on the "
	  "router: the backup RE is upgraded and rebooted and mastership moves "
	  "to it, whether the console watches or not." },
	{ ISSU_STEP_VERIFY_SWITCHOVER, false, "The ISSU is still finishing on the "
	  "router (the old master is being upgraded)." },
	{ ISSU_STEP_REBOOT_OLD_MASTER, true, "keeps rebooting onto the new "
	  "release; it comes back as backup." },
	{ ISSU_STEP_SWITCH_BACK, false, "A mastership switch may be under way on the "
	  "router; the console stops waiting for Junos' hold-down and sends "
	  "nothing more." },
};

static void
console_busy_what(struct console *c, char *buf, size_t len)
{
	const struct issu_view *v = driver_view(c->d);
	size_t i;

	snprintf(buf, len, "The router is in the middle of a change.");
	for (i = 0; i < sizeof console_busy_words / sizeof console_busy_words[0];
	    i++)
		if (console_busy_words[i].step == v->step) {
			if (console_busy_words[i].names_re)
				snprintf(buf, len, "re%d %s", v->old_master >= 0 ?
				    v->old_master : 0, console_busy_words[i].what);
			else
				snprintf(buf, len, "%s", console_busy_words[i].what);
			return;
		}
}

static void
console_explain_dialog(struct console *c, struct screen_dialog *d)
{
	const struct issu_view *v = driver_view(c->d);

	snprintf(c->dialog_title, sizeof c->dialog_title, "Step %d/%d: %s",
	    (int)v->step + 1, ISSU_STEPS_NUMBERED, issu_step_def(v->step)->title);
	issu_step_explain(driver_engine(c->d), v->step, c->dialog_body,
	    sizeof c->dialog_body);
	d->title = c->dialog_title;
	d->colour = TERM_DIALOG_TITLE;
	d->body = c->dialog_body;
	d->footer = "any key: close   PgUp/PgDn: scroll";
}

static void
console_quit_dialog(struct console *c, struct screen_dialog *d)
{
	char what[400];

	console_busy_what(c, what, sizeof what);
	if (c->practice)
		snprintf(c->dialog_body, sizeof c->dialog_body, "%s\n\n"
		    "Quitting ends this practice: the simulated chassis stops "
		    "with the console, so there is nothing to come back to "
		    "(issu-console practice starts a new one). The transcript "
		    "so far is kept:\n  %s\n\nQuit now? (y/N)", what,
		    driver_transcript_path(c->d)[0] ?
		    driver_transcript_path(c->d) : "(no transcript)");
	else
		snprintf(c->dialog_body, sizeof c->dialog_body, "%s\n\n"
		    "Quitting does not stop or undo it. To follow it again, "
		    "run\n  %s\nlater: the console reads both REs and carries "
		    "on from the phase it finds. The transcript so far is "
		    "kept:\n  %s\n\nQuit now? (y/N)", what, c->resume,
		    driver_transcript_path(c->d)[0] ?
		    driver_transcript_path(c->d) : "(no transcript)");
	d->title = "Quit while the router is mid-change?";
	d->colour = TERM_STOP;
	d->body = c->dialog_body;
	d->footer = "y: quit   any other key: stay";
}

static void
console_ask_dialog(struct console *c, struct screen_dialog *d)
{
	const struct issu_view *v = driver_view(c->d);

	snprintf(c->dialog_title, sizeof c->dialog_title, "Confirm step %d/%d: "
	    "%s", (int)v->step + 1, ISSU_STEPS_NUMBERED,
	    issu_step_def(v->step)->title);
	d->title = c->dialog_title;
	d->colour = v->ask.kind == ISSU_CONFIRM_TYPED ? TERM_STOP :
	    TERM_DIALOG_TITLE;
	d->body = v->ask.text;
	if (v->ask.kind == ISSU_CONFIRM_TYPED) {
		d->field_label = "Type here:";
		d->field = c->field;
		d->footer = "Enter: confirm   Esc: cancel (nothing is sent)";
	} else
		d->footer = "y: proceed   any other key: refuse (nothing is sent)";
}

static void
console_end_dialog(struct console *c, struct screen_dialog *d)
{
	const struct issu_view *v = driver_view(c->d);
	const struct layout *l = screen_layout(c->scr);
	int room = (l->width - 4 < 120 ? l->width - 4 : 120) - 4;
	size_t used = 0, cap = sizeof c->dialog_body;
	int i;

	/* What matters most first: it shows without scrolling. */
	used += (size_t)snprintf(c->dialog_body, cap, "Versions: before %s, after "
	    "%s\nTranscript:    %s\nChange record: %s\n\n",
	    v->version_before[0] ? v->version_before : "?",
	    v->version_after[0] ? v->version_after : "?",
	    driver_transcript_path(c->d)[0] ? driver_transcript_path(c->d) :
	    "(not written)", driver_record_path(c->d)[0] ?
	    driver_record_path(c->d) : "(not written)");
	/* A rehearsal's steps in the simulated time its notes speak of. */
	if (c->o->time_scale > 1 && used < cap)
		used += (size_t)snprintf(c->dialog_body + used, cap - used,
		    "Times in simulated time (%gx):\n", c->o->time_scale);
	for (i = 0; i < ISSU_STEPS_NUMBERED && used < cap; i++) {
		const struct issu_step_run *r = &v->run[i];
		char took[32], row[128];
		int n;

		if (r->started > 0 && r->ended >= r->started) {
			long t = (long)((r->ended - r->started) *
			    (c->o->time_scale > 1 ? c->o->time_scale : 1) + 0.5);

			snprintf(took, sizeof took, "%ld:%02ld", t / 60, t % 60);
		} else
			snprintf(took, sizeof took, "-");
		n = snprintf(row, sizeof row, "%d %-18s %-8s %6s", i + 1,
		    issu_step_def((enum issu_step_id)i)->title,
		    r->result == ISSU_CHECK_PASS ? "done" :
		    issu_check_result_name(r->result), took);
		/* The note beside the row, or under it when narrow. */
		used += (size_t)snprintf(c->dialog_body + used, cap - used,
		    "%s%s%s\n", row, r->note[0] == '\0' ? "" : n + 2 +
		    (int)strlen(r->note) <= room ? "  " : "\n      ", r->note);
	}
	snprintf(c->dialog_title, sizeof c->dialog_title, "ISSU complete: %s "
	    "-> %s", v->version_before[0] ? v->version_before : "?",
	    v->version_after[0] ? v->version_after : "?");
	d->title = c->dialog_title;
	d->colour = TERM_DONE;
	d->wide = true;
	d->body = c->dialog_body;
	d->footer = "any key: leave   PgUp/PgDn: scroll";
}

/* ---- keys ----------------------------------------------------------------------------- */

static void
console_focus(struct console *c)
{
	c->focus = !c->focus;
}

static void
console_scroll(struct console *c, enum screen_scroll how)
{
	screen_scroll(c->scr, c->focus, how);
}

static void
console_line_up(struct console *c)
{
	console_scroll(c, SCREEN_LINE_UP);
}

static void
console_line_down(struct console *c)
{
	console_scroll(c, SCREEN_LINE_DOWN);
}

static void
console_page_up(struct console *c)
{
	console_scroll(c, SCREEN_PAGE_UP);
}

static void
console_page_down(struct console *c)
{
	console_scroll(c, SCREEN_PAGE_DOWN);
}

static void
console_home(struct console *c)
{
	console_scroll(c, SCREEN_HOME);
}

static void
console_end(struct console *c)
{
	console_scroll(c, SCREEN_END);
}

static void
console_enter(struct console *c)
{
	enum issu_state st = driver_view(c->d)->state;

	if (st == ISSU_STATE_WAIT_PROCEED || st == ISSU_STATE_STOPPED) {
		driver_proceed(c->d);
		c->acted = true;
	}
}

static void
console_explain(struct console *c)
{
	c->mode = CONSOLE_EXPLAIN;
	c->dialog_scroll = 0;
}

static void
console_leave(struct console *c)
{
	if (issu_router_busy(driver_engine(c->d))) {
		c->left_busy = true;
		console_busy_what(c, c->left_what, sizeof c->left_what);
	}
	c->quitting = true;
	if ((c->quit_signal != 0 && c->quit_signal != SIGINT) || c->hangup) {
		int sig = c->quit_signal;
		char why[96];

		/* Not the operator's q or Ctrl-C: the change record says why
		 * the console was left. */
		if (sig != 0)
			snprintf(why, sizeof why, "%s (%s)", sig == SIGTERM ?
			    "SIGTERM" : sig == SIGHUP ? "SIGHUP" : sig == SIGQUIT ?
			    "SIGQUIT" : "a signal", strsignal(sig));
		else
			snprintf(why, sizeof why, "the terminal went away");
		driver_quit_because(c->d, why);
	} else
		driver_quit(c->d);
	c->acted = true;
}

static void
console_quit(struct console *c)
{
	if (issu_router_busy(driver_engine(c->d))) {
		c->mode = CONSOLE_QUIT;
		c->dialog_scroll = 0;
	} else
		console_leave(c);
}

static void
console_escape(struct console *c)
{
	if (driver_view(c->d)->countdown_until > 0) {
		driver_cancel(c->d);
		c->acted = true;
	}
}

static void
console_dialog_up(struct console *c)
{
	c->dialog_scroll -= 5;
}

static void
console_dialog_down(struct console *c)
{
	c->dialog_scroll += 5;
}

struct console_binding {
	bool fn;
	wint_t ch;
	void (*run)(struct console *);
};

#define CONSOLE_NAV_BINDINGS \
	{ false, '\t', console_focus }, { true, KEY_BTAB, console_focus }, \
	{ true, KEY_UP, console_line_up }, { true, KEY_DOWN, console_line_down }, \
	{ true, KEY_HOME, console_home }, { true, KEY_END, console_end }

static const struct console_binding console_main_bindings[] = {
	{ false, '\r', console_enter }, { false, '\n', console_enter },
	{ true, KEY_ENTER, console_enter },
	{ false, '?', console_explain },
	{ false, 'q', console_quit }, { false, 'Q', console_quit },
	{ false, 27, console_escape },
	{ true, KEY_PPAGE, console_page_up }, { true, KEY_NPAGE, console_page_down },
	CONSOLE_NAV_BINDINGS,
	{ false, 0, NULL }
};

/* While a question is open the panes still scroll; PgUp/PgDn move the
 * question's text instead when it is taller than the screen. */
static const struct console_binding console_ask_nav_bindings[] = {
	CONSOLE_NAV_BINDINGS,
	{ true, KEY_PPAGE, console_page_up }, { true, KEY_NPAGE, console_page_down },
	{ false, 0, NULL }
};

static const struct console_binding console_dialog_bindings[] = {
	{ true, KEY_PPAGE, console_dialog_up }, { true, KEY_NPAGE, console_dialog_down },
	{ false, 0, NULL }
};

static bool
console_bound(struct console *c, const struct console_binding *b,
    struct console_key k)
{
	for (; b->run != NULL; b++)
		if (b->fn == k.fn && b->ch == k.ch) {
			b->run(c);
			return true;
		}
	return false;
}

static void
console_main_key(struct console *c, struct console_key k)
{
	console_bound(c, console_main_bindings, k);
}

static void
console_explain_key(struct console *c, struct console_key k)
{
	if (!console_bound(c, console_dialog_bindings, k))
		c->mode = CONSOLE_MAIN;
}

static void
console_quit_key(struct console *c, struct console_key k)
{
	c->mode = CONSOLE_MAIN;
	if (!k.fn && (k.ch == 'y' || k.ch == 'Y'))
		console_leave(c);
}

static void
console_end_key(struct console *c, struct console_key k)
{
	if (!console_bound(c, console_dialog_bindings, k))
		c->quitting = true;
}

static bool
console_is_enter(struct console_key k)
{
	return (k.fn && k.ch == KEY_ENTER) || (!k.fn && (k.ch == '\r' ||
	    k.ch == '\n'));
}

static void
console_answer(struct console *c, const char *answer)
{
	c->acted = true;
	driver_answer(c->d, answer);
	c->field_len = 0;
	c->field[0] = '\0';
}

static void
console_ask_key(struct console *c, struct console_key k)
{
	const struct issu_view *v = driver_view(c->d);

	if (k.fn && (k.ch == KEY_PPAGE || k.ch == KEY_NPAGE)) {
		struct screen_dialog d;

		memset(&d, 0, sizeof d);
		console_ask_dialog(c, &d);
		if (!screen_dialog_fits(c->scr, &d)) {
			console_bound(c, console_dialog_bindings, k);
			return;
		}
	}
	if (console_bound(c, console_ask_nav_bindings, k))
		return;
	if (!k.fn && k.ch == '?') {
		/* Never part of an answer: the step's explanation. */
		c->mode = CONSOLE_EXPLAIN;
		c->dialog_scroll = 0;
		return;
	}
	if (v->ask.kind == ISSU_CONFIRM_TYPED) {
		if (console_is_enter(k)) {
			console_answer(c, c->field);
		} else if (!k.fn && k.ch == 27) {
			c->acted = true;
			driver_cancel(c->d);
			c->field_len = 0;
			c->field[0] = '\0';
		} else if ((k.fn && k.ch == KEY_BACKSPACE) || (!k.fn &&
		    (k.ch == 127 || k.ch == 8))) {
			if (c->field_len > 0)
				c->field[--c->field_len] = '\0';
		} else if (!k.fn && k.ch == 21) {	/* ^U */
			c->field_len = 0;
			c->field[0] = '\0';
		} else if (!k.fn && k.ch >= 0x20 && k.ch < 0x7f &&
		    c->field_len + 1 < sizeof c->field) {
			c->field[c->field_len++] = (char)k.ch;
			c->field[c->field_len] = '\0';
		}
		return;
	}
	/* Proceed? (y/N): y proceeds, any other key refuses. */
	if (!k.fn && k.ch >= 0x20 && k.ch < 0x7f) {
		char a[2] = { (char)k.ch, '\0' };

		console_answer(c, a);
	} else {
		c->acted = true;
		driver_cancel(c->d);
	}
}

static const struct console_mode {
	const char *name;
	void (*key)(struct console *, struct console_key);
	void (*dialog)(struct console *, struct screen_dialog *);
} console_modes[CONSOLE_MODE_COUNT] = {
	[CONSOLE_MAIN] = { "main", console_main_key, NULL },
	[CONSOLE_EXPLAIN] = { "explain", console_explain_key, console_explain_dialog },
	[CONSOLE_QUIT] = { "quit", console_quit_key, console_quit_dialog },
	[CONSOLE_ASK] = { "question", console_ask_key, console_ask_dialog },
	[CONSOLE_END] = { "end", console_end_key, console_end_dialog },
};

/* The mode in force: the end screen, else an open question (which closes
 * what the operator had opened, except an explanation asked from it). */
static enum console_mode_id
console_mode(struct console *c)
{
	const struct issu_view *v = driver_view(c->d);

	if (c->ended)
		return CONSOLE_END;
	if (v->state == ISSU_STATE_ASKING) {
		if (!c->asking) {
			/* A new question closes what the operator had open. */
			c->asking = true;
			c->mode = CONSOLE_MAIN;
		}
		return c->mode == CONSOLE_EXPLAIN ? CONSOLE_EXPLAIN : CONSOLE_ASK;
	}
	c->asking = false;
	if (c->field_len > 0) {
		c->field_len = 0;
		c->field[0] = '\0';
	}
	return c->mode;
}

/* ---- drawing ------------------------------------------------------------------------ */

static void
console_resize(struct console *c)
{
	if (screen_resize(c->scr, COLS, LINES, c->banner_len) != 0)
		term_fatal("out of memory");
	c->dirty = true;
}

static void
console_draw(struct console *c)
{
	enum console_mode_id id = console_mode(c);
	const struct console_mode *md = &console_modes[id];
	struct screen_dialog d;
	struct screen_model m;
	const char *hint = NULL;

	memset(&d, 0, sizeof d);
	if (md->dialog != NULL) {
		d.open = true;
		d.scroll = c->dialog_scroll;
		md->dialog(c, &d);
	}
	if (md == &console_modes[CONSOLE_QUIT])
		hint = "The router is mid-change (it goes on without the "
		    "console). Quit anyway? (y/N)";
	else if (md == &console_modes[CONSOLE_ASK])
		hint = "A question is open: enlarge the window to read it.";
	console_model(c, &m, hint);
	screen_draw(c->scr, &m, &d);
	c->dialog_scroll = d.scroll;
	c->dirty = false;
	c->drawn_second = (long)(m.now - c->start);
	c->ask_shown = id == CONSOLE_ASK && !screen_layout(c->scr)->too_small;
}

/* ---- keys from the terminal ------------------------------------------------------------- */

static void
console_read_keys(struct console *c)
{
	wint_t ch;
	int r;

	while ((r = term_key(&ch)) != ERR) {
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* The one place a resize is handled. */
			console_resize(c);
			continue;
		}
		if (c->nkeys < CONSOLE_KEYS_MAX)
			c->keys[c->nkeys++] = (struct console_key){
				r == KEY_CODE_YES, ch };
	}
}

/* Acts on the keys read, in order, as long as none moved the procedure
 * and none would answer a question that is not on the screen. */
static void
console_use_keys(struct console *c)
{
	int i;

	for (i = 0; i < c->nkeys && !c->quitting; i++) {
		enum console_mode_id id = console_mode(c);
		const struct layout *l = screen_layout(c->scr);

		if (id == CONSOLE_ASK && !c->ask_shown)
			break;		/* typed before the question showed */
		c->acted = false;
		c->dirty = true;
		if (l->too_small && id != CONSOLE_QUIT) {
			/* Nothing to act on is visible: only q (and its
			 * question) work. */
			if (!c->keys[i].fn && (c->keys[i].ch == 'q' ||
			    c->keys[i].ch == 'Q'))
				console_quit(c);
			continue;
		}
		console_modes[id].key(c, c->keys[i]);
		if (c->acted) {
			c->ask_shown = false;
			break;
		}
	}
	c->nkeys = 0;
}

/* ---- driver callbacks -------------------------------------------------------------------- */

static void
console_note(void *ctx, int slot, const char *text)
{
	struct console *c = ctx;
	char *note;

	c->newest = (c->newest + 1) % SCREEN_NOTES;
	note = c->notes[c->newest];
	if (slot >= 0) {
		char line[1100];

		snprintf(note, sizeof c->notes[0], "re%d: %s", slot, text);
		snprintf(line, sizeof line, "-- %s", text);
		if (pane_append(screen_pane(c->scr, slot), line, strlen(line),
		    PANE_NOTE) != 0)
			term_fatal("out of memory");
	} else
		snprintf(note, sizeof c->notes[0], "%s", text);
	c->dirty = true;
}

static void
console_output(void *ctx, int slot, const char *text, bool sent)
{
	struct console *c = ctx;
	struct pane *p = screen_pane(c->scr, slot);
	int rc = 0;

	if (sent) {
		const char *s = text;

		/* What the console typed, one "> " line per line. */
		do {
			size_t n = strcspn(s, "\n");
			char line[1100];

			snprintf(line, sizeof line, "> %.*s", (int)(n < 1000 ? n :
			    1000), s);
			rc |= pane_append(p, line, strlen(line), PANE_SENT);
			s += n + (s[n] == '\n');
		} while (*s != '\0');
	} else
		rc = pane_append(p, text, strlen(text), PANE_RECEIVED);
	if (rc != 0)
		term_fatal("out of memory");
	c->dirty = true;
}

static void
console_changed(void *ctx, struct driver *d)
{
	struct console *c = ctx;

	(void)d;
	c->dirty = true;
}

static void
console_key_ready(void *ctx, struct driver *d)
{
	struct console *c = ctx;
	int before = c->nkeys;

	console_read_keys(c);
	if (c->nkeys == before && term_input_gone()) {
		/* The terminal went away without a SIGHUP. */
		c->hangup = true;
		driver_set_key_fd(d, -1);
	}
}

static void
console_idle(void *ctx, struct driver *d)
{
	struct console *c = ctx;

	c->d = d;
	if (c->quitting)
		return;
	/* Ctrl-C is q: it asks first while the router is mid-change (a
	 * screen-sharer's stray Ctrl-C must not drop the view of an ISSU);
	 * a second one, or any other signal, leaves. */
	if (term_quit_signal() == SIGINT && !c->hangup &&
	    c->mode != CONSOLE_QUIT &&
	    driver_view(c->d)->state != ISSU_STATE_ASKING &&
	    issu_router_busy(driver_engine(c->d))) {
		term_clear_interrupt();
		console_quit(c);
		c->dirty = true;
	} else if (term_quit_signal() != 0 || c->hangup) {
		c->quit_signal = term_quit_signal();
		console_leave(c);
		return;
	}
	console_read_keys(c);
	console_use_keys(c);
	if (c->quitting)
		return;
	if (c->dirty || (long)(driver_now() - c->start) != c->drawn_second)
		console_draw(c);
}

/* A passphrase or a password, in a dialog that never shows what is typed
 * (the sessions wait meanwhile). */
static int
console_secret(void *ctx, int slot, enum re_ask_kind kind, const char *what,
    int attempt, char *out, size_t len)
{
	struct console *c = ctx;
	const char *name = kind == RE_ASK_PASSPHRASE ? "passphrase" : "password";
	char secret[512], title[160], label[32];
	size_t n = 0;
	int rc = 1;

	snprintf(title, sizeof title, "re%d: %s", slot, kind ==
	    RE_ASK_PASSPHRASE ? "key passphrase" : "password");
	secret_words_body(c->dialog_body, sizeof c->dialog_body, slot,
	    c->address[slot], kind == RE_ASK_PASSPHRASE, what, attempt);
	snprintf(label, sizeof label, "%c%s:", name[0] - 32, name + 1);
	while (rc > 0) {
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		struct screen_dialog d = { .open = true, .title = title,
			.colour = TERM_DIALOG_TITLE, .body = c->dialog_body,
			.field_label = label, .field = "", .field_hidden = true,
			.footer = "Enter: log in   Esc: do not log in" };
		struct screen_model m;
		wint_t ch;
		int r;

		console_model(c, &m, "A password is asked: enlarge the window.");
		screen_draw(c->scr, &m, &d);
		if (poll(&p, 1, 500) < 0 && errno != EINTR)
			rc = -1;
		if (term_quit_signal() != 0 || term_input_gone())
			rc = -1;
		while (rc > 0 && (r = term_key(&ch)) != ERR) {
			if (r == KEY_CODE_YES && ch == KEY_RESIZE)
				console_resize(c);
			else if ((r == KEY_CODE_YES && ch == KEY_ENTER) ||
			    (r == OK && (ch == '\r' || ch == '\n')))
				rc = 0;
			else if (r == OK && ch == 27)
				rc = -1;
			else if ((r == KEY_CODE_YES && ch == KEY_BACKSPACE) ||
			    (r == OK && (ch == 127 || ch == 8))) {
				/* Back one character, not one byte. */
				while (n > 0 && (secret[n - 1] & 0xc0) == 0x80)
					n--;
				if (n > 0)
					n--;
			} else if (r == OK && ch == 21)
				n = 0;
			else if (r == OK && ch >= 0x20 && ch != 0x7f) {
				char mb[MB_LEN_MAX];
				mbstate_t st;
				size_t k;

				memset(&st, 0, sizeof st);
				k = wcrtomb(mb, (wchar_t)ch, &st);
				if (k != (size_t)-1 && n + k < sizeof secret) {
					memcpy(secret + n, mb, k);
					n += k;
				}
			}
		}
	}
	if (rc == 0) {
		if (n >= len)
			n = len - 1;
		memcpy(out, secret, n);
		out[n] = '\0';
	}
	memset(secret, 0, sizeof secret);
	c->dirty = true;
	return rc;
}

/* ---- the run ------------------------------------------------------------------------- */

/* After the procedure: the end screen until a key (or a signal). */
static void
console_end_screen(struct console *c)
{
	c->ended = true;
	c->quitting = false;
	c->dialog_scroll = 0;
	c->nkeys = 0;
	c->dirty = true;
	while (!c->quitting) {
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

		if (c->dirty || (long)(driver_now() - c->start) != c->drawn_second)
			console_draw(c);
		if (poll(&p, 1, 1000) < 0 && errno != EINTR)
			break;
		if (term_quit_signal() != 0 || term_input_gone())
			break;
		console_read_keys(c);
		console_use_keys(c);
	}
}

int
console_run(const struct target *t, const struct console_opts *o)
{
	struct console *c = calloc(1, sizeof *c);
	struct driver_options dopt = { .time_scale = o->time_scale >= 1 ?
		o->time_scale : 1, .records = true, .lock = true };
	struct driver_ui ui = { .note = console_note, .output = console_output,
		.changed = console_changed, .secret = console_secret,
		.key_fd = STDIN_FILENO, .key_ready = console_key_ready,
		.idle = console_idle };
	char err[512];
	int rc, s;

	/* No terminal: said before anything is opened or written. */
	if (term_check(err, sizeof err) != 0) {
		fprintf(stderr, "issu-console: %s\n", err);
		free(c);
		return 2;
	}
	if (c == NULL || (c->scr = screen_new(PANE_LINES_DEFAULT)) == NULL) {
		fprintf(stderr, "issu-console: out of memory\n");
		free(c);
		return 2;
	}
	c->t = t;
	c->o = o;
	ui.ctx = c;
	for (s = 0; s < 2; s++)
		target_address(t, s, c->address[s], sizeof c->address[s]);
	c->practice = o->practice;
	if (o->resume != NULL)
		snprintf(c->resume, sizeof c->resume, "%s", o->resume);
	else
		snprintf(c->resume, sizeof c->resume, "issu-console %s",
		    t->router->name);
	c->banner_len = o->banner != NULL ? text_width(o->banner,
	    strlen(o->banner), true) : 0;
	if ((rc = driver_new(t, &dopt, &ui, &c->d)) != 0) {
		screen_free(c->scr);
		free(c);
		return rc;
	}
	if (term_start(err, sizeof err) != 0) {
		fprintf(stderr, "issu-console: %s\n", err);
		driver_free(c->d);
		screen_free(c->scr);
		free(c);
		return 2;
	}
	console_resize(c);
	{
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		c->start = driver_now();
		c->wall_start = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	}
	c->drawn_second = -1;
	rc = driver_run(c->d);
	if (rc == 0 && !c->quitting && term_quit_signal() == 0 && !c->hangup)
		console_end_screen(c);
	term_end();

	if (c->quit_signal != 0)
		fprintf(stderr, "issu-console: %s: left the console (the "
		    "transcript is complete up to here)\n",
		    strsignal(c->quit_signal));
	if (rc == 0)
		printf("ISSU complete: %s -> %s\n",
		    driver_view(c->d)->version_before,
		    driver_view(c->d)->version_after);
	else if (c->left_busy && c->practice)
		printf("Left the practice mid-change, at step %d/%d %s.\n",
		    (int)driver_view(c->d)->step + 1, ISSU_STEPS_NUMBERED,
		    issu_step_def(driver_view(c->d)->step)->title);
	else if (c->left_busy)
		printf("Left while the router is mid-change. %s\nRun %s again "
		    "to follow it from where it is.\n", c->left_what, c->resume);
	else if (driver_view(c->d)->state == ISSU_STATE_STOPPED)
		printf("Stopped at step %d/%d %s: %s\n",
		    (int)driver_view(c->d)->step + 1, ISSU_STEPS_NUMBERED,
		    issu_step_def(driver_view(c->d)->step)->title,
		    driver_view(c->d)->stop_reason);
	printf("Transcript: %s\nChange record: %s\n",
	    driver_transcript_path(c->d), driver_record_path(c->d));
	fflush(stdout);
	driver_free(c->d);
	screen_free(c->scr);
	free(c);
	return rc;
}

/* ---- the command -------------------------------------------------------------------------- */

static void
console_usage(FILE *f)
{
	fputs("usage: issu-console [-c FILE] [--time-scale X] [ROUTER]\n"
	    "       issu-console --re0 HOST[:PORT] --re1 HOST[:PORT] [--user U] "
	    "[--package /var/tmp/PKG] ...\n"
	    "The console: both routing engines side by side, the ISSU's phases,\n"
	    "and each change confirmed before it is sent.\n"
	    "Keys: Enter next step, ? explain this step, Tab focus pane,\n"
	    "      PgUp/PgDn/Home/End scroll, q (or Ctrl-C) quit: while the\n"
	    "      router is mid-change it asks first.\n"
	    "A router already held by another console is only watched.\n"
	    "  --time-scale X   divide every wait and countdown by X: only for a\n"
	    "                   rehearsal against issu-sim --speed X\n", f);
}

int
cmd_console(int argc, char **argv)
{
	struct target_opts to = { 0 };
	struct console_opts co = { .time_scale = 1 };
	struct target t;
	char resume[600];
	size_t used;
	int i, rc;

	for (i = 1; i < argc; i++) {
		int k;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			console_usage(stdout);
			return 0;
		}
		if ((k = target_time_scale(argc, argv, &i, NULL,
		    &co.time_scale)) < 0)
			return 2;
		if (k == 1)
			continue;
		if ((k = target_option(&to, argc, argv, &i, NULL)) < 0)
			return 2;
		if (k == 0) {
			fprintf(stderr, "issu-console: unknown option \"%s\"\n",
			    argv[i]);
			console_usage(stderr);
			return 2;
		}
	}
	if ((rc = target_load(&to, &t, NULL)) != 0) {
		target_free(&t);
		return rc;
	}
	/* How to come back: the same router from the same file. */
	used = (size_t)snprintf(resume, sizeof resume, "issu-console");
	if (to.cfg_path != NULL && used < sizeof resume)
		used += (size_t)snprintf(resume + used, sizeof resume - used,
		    " -c %s", to.cfg_path);
	if (to.re0 != NULL && used < sizeof resume)
		used += (size_t)snprintf(resume + used, sizeof resume - used,
		    " --re0 %s --re1 %s%s%s", to.re0, to.re1 != NULL ? to.re1 :
		    "?", to.user != NULL ? " --user " : "", to.user != NULL ?
		    to.user : "");
	else if (used < sizeof resume)
		snprintf(resume + used, sizeof resume - used, " %s",
		    t.router->name);
	co.resume = resume;
	rc = console_run(&t, &co);
	target_free(&t);
	return rc;
}
