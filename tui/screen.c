/*
 * screen.c - draws the console from the engine's view (see screen.h).
 *
 * One frame: erase, draw every part into its rectangle (layout.c), the stop
 * box or a dialog last, then one doupdate().  Each line is built from
 * segments with a priority: when the width is short the least useful ones
 * go first ("issu-console" before the router's name, the uptime before the
 * version), so 80 columns keep what matters and 250 show everything.
 */
#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procedure/facts.h"
#include "tui/text.h"

struct screen {
	struct pane *pane[2];		/* owned */
	struct layout l;
	struct pane_row *rows;		/* owned: one per terminal row */
	int nrows;
};

struct screen *
screen_new(size_t pane_lines)
{
	struct screen *s = calloc(1, sizeof *s);

	if (s == NULL)
		return NULL;
	s->pane[0] = pane_new(pane_lines);
	s->pane[1] = pane_new(pane_lines);
	if (s->pane[0] == NULL || s->pane[1] == NULL) {
		screen_free(s);
		return NULL;
	}
	return s;
}

void
screen_free(struct screen *s)
{
	if (s == NULL)
		return;
	pane_free(s->pane[0]);
	pane_free(s->pane[1]);
	free(s->rows);
	free(s);
}

struct pane *
screen_pane(struct screen *s, int slot)
{
	return s->pane[slot != 0];
}

int
screen_resize(struct screen *s, int cols, int rows, int banner_len)
{
	layout_compute(cols, rows, banner_len, &s->l);
	if (rows > s->nrows) {
		struct pane_row *r = realloc(s->rows, (size_t)rows * sizeof *r);

		if (r == NULL)
			return -1;
		s->rows = r;
		s->nrows = rows;
	}
	return 0;
}

const struct layout *
screen_layout(const struct screen *s)
{
	return &s->l;
}

void
screen_scroll(struct screen *s, int slot, enum screen_scroll how)
{
	struct pane *p = s->pane[slot != 0];
	const struct rect *r = &s->l.out[slot != 0];
	bool u = term_utf8();

	switch (how) {
	case SCREEN_LINE_UP:
		pane_scroll_lines(p, -1, r->w - 1, r->h, u);
		break;
	case SCREEN_LINE_DOWN:
		pane_scroll_lines(p, 1, r->w - 1, r->h, u);
		break;
	case SCREEN_PAGE_UP:
		pane_page_up(p, r->w - 1, r->h, u);
		break;
	case SCREEN_PAGE_DOWN:
		pane_page_down(p, r->w - 1, r->h, u);
		break;
	case SCREEN_HOME:
		pane_home(p, r->w - 1, r->h, u);
		break;
	case SCREEN_END:
		pane_end(p);
		break;
	}
}

/* ---- lines made of segments ----------------------------------------------- */

struct screen_seg {
	const char *text;
	enum term_colour colour;
	int prio;			/* 0: always; higher goes first */
};

static int
screen_seg_width(const struct screen_seg *sg, int n, int gap)
{
	bool u = term_utf8();
	int i, w = 0, shown = 0;

	for (i = 0; i < n; i++)
		if (sg[i].text != NULL && sg[i].text[0] != '\0') {
			w += text_width(sg[i].text, strlen(sg[i].text), u);
			shown++;
		}
	return w + (shown > 1 ? (shown - 1) * gap : 0);
}

/* Drops the least useful segments until the rest fit; returns the width. */
static int
screen_seg_fit(struct screen_seg *sg, int n, int gap, int width)
{
	int w;

	while ((w = screen_seg_width(sg, n, gap)) > width) {
		int i, worst = -1;

		for (i = 0; i < n; i++)
			if (sg[i].text != NULL && sg[i].text[0] != '\0' &&
			    sg[i].prio > 0 && (worst < 0 ||
			    sg[i].prio >= sg[worst].prio))
				worst = i;
		if (worst < 0)
			break;
		sg[worst].text = NULL;
	}
	return w;
}

static int
screen_seg_draw(int y, int x, int width, const struct screen_seg *sg, int n, int gap,
    attr_t base)
{
	int i, at = 0;
	bool first = true;

	for (i = 0; i < n && at < width; i++) {
		if (sg[i].text == NULL || sg[i].text[0] == '\0')
			continue;
		if (!first)
			at += gap;
		first = false;
		if (at >= width)
			break;
		at += term_puts(stdscr, y, x + at, width - at, sg[i].text,
		    sg[i].colour == TERM_NORMAL ? base : term_attr(sg[i].colour));
	}
	return at;
}

static void
screen_fill(int y, int x, int w, attr_t a)
{
	if (w <= 0)
		return;
	wattrset(stdscr, a);
	mvwhline(stdscr, y, x, ' ', w);
	wattrset(stdscr, A_NORMAL);
}

static void
screen_clock(double seconds, char *buf, size_t len)
{
	long t = seconds > 0 ? (long)seconds : 0;

	snprintf(buf, len, "%02ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

/* "4:05", "1:02:03": a countdown. */
static void
screen_countdown(double seconds, char *buf, size_t len)
{
	long t = seconds > 0 ? (long)(seconds + 0.999) : 0;

	if (t >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
		    t % 60);
	else
		snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

static void
screen_wall(const struct screen_model *m, double at, char *buf, size_t len)
{
	time_t t = (time_t)(m->wall_start + (at - m->start));
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(buf, len, "%H:%M:%S",
	    &tm) == 0)
		snprintf(buf, len, "?");
}

/* ---- header ------------------------------------------------------------------ */

static const char *const screen_state_words[] = {
	[ISSU_STATE_WORKING] = "working",
	[ISSU_STATE_WAIT_PROCEED] = "your turn",
	[ISSU_STATE_ASKING] = "question",
	[ISSU_STATE_STOPPED] = "STOPPED",
	[ISSU_STATE_DONE] = "complete",
};

static const char *
screen_version(const struct screen_model *m, int which)
{
	const char *s = which == 1 ? m->v->version_after : m->v->version_before;

	return s[0] != '\0' ? s : "?";
}

static void
screen_header(struct screen *s, const struct screen_model *m)
{
	const struct rect *r = &s->l.header;
	const struct issu_view *v = m->v;
	attr_t hd = term_attr(TERM_HEADER);
	char versions[96], step[32], clk[32];
	struct screen_seg left[4], right[3];
	int rw, lw, n = 0;

	screen_fill(r->y, r->x, r->w, hd);
	snprintf(versions, sizeof versions, "%s -> %s", screen_version(m, 0),
	    screen_version(m, 1));
	if (v->state == ISSU_STATE_DONE)
		snprintf(step, sizeof step, "done %d/%d", ISSU_STEPS_NUMBERED,
		    ISSU_STEPS_NUMBERED);
	else
		snprintf(step, sizeof step, "step %d/%d", (int)v->step + 1,
		    ISSU_STEPS_NUMBERED);
	screen_clock(m->now - m->start, clk, sizeof clk);

	/* Another console holds the router: said where the state is. */
	right[0] = (struct screen_seg){ v->watch_only && (v->state ==
	    ISSU_STATE_WAIT_PROCEED || v->state == ISSU_STATE_WORKING) ?
	    "WATCHING" : screen_state_words[v->state],
	    v->state == ISSU_STATE_STOPPED ? TERM_STOP : TERM_NORMAL, 2 };
	right[1] = (struct screen_seg){ step, TERM_NORMAL, 0 };
	right[2] = (struct screen_seg){ clk, TERM_NORMAL, 1 };
	rw = screen_seg_fit(right, 3, 3, r->w / 2);

	left[n++] = (struct screen_seg){ "issu-console", TERM_NORMAL, 3 };
	left[n++] = (struct screen_seg){ m->router, TERM_NORMAL, 0 };
	left[n++] = (struct screen_seg){ versions, TERM_NORMAL, 1 };
	if (m->banner != NULL && s->l.banner.h == 0)
		left[n++] = (struct screen_seg){ m->banner, TERM_BANNER, 0 };
	lw = r->w - rw - 3;
	screen_seg_fit(left, n, 2, lw);
	screen_seg_draw(r->y, r->x + 1, lw, left, n, 2, hd);
	screen_seg_draw(r->y, r->x + r->w - rw - 1, rw, right, 3, 3, hd);

	if (m->banner != NULL && s->l.banner.h > 0) {
		const struct rect *b = &s->l.banner;
		int bw = text_width(m->banner, strlen(m->banner), term_utf8());

		screen_fill(b->y, b->x, b->w, term_attr(TERM_BANNER));
		term_puts(stdscr, b->y, b->x + (bw < b->w ? (b->w - bw) / 2 : 0),
		    b->w, m->banner, term_attr(TERM_BANNER));
	}
}

/* ---- the status of one RE ------------------------------------------------------ */

static const enum term_colour screen_role_colours[] = {
	[JUNOS_ROLE_UNKNOWN] = TERM_UNKNOWN,
	[JUNOS_ROLE_MASTER] = TERM_MASTER,
	[JUNOS_ROLE_BACKUP] = TERM_BACKUP,
	[JUNOS_ROLE_DISABLED] = TERM_DOWN,
	[JUNOS_ROLE_PRESENT] = TERM_DOWN,
};

static const char *const screen_role_words[] = {
	[JUNOS_ROLE_UNKNOWN] = "role not read",
	[JUNOS_ROLE_MASTER] = "MASTER",
	[JUNOS_ROLE_BACKUP] = "BACKUP",
	[JUNOS_ROLE_DISABLED] = "DISABLED",
	[JUNOS_ROLE_PRESENT] = "DOWN (present)",
};

static const char *const screen_role_was[] = {
	[JUNOS_ROLE_UNKNOWN] = "DOWN",
	[JUNOS_ROLE_MASTER] = "DOWN (was master)",
	[JUNOS_ROLE_BACKUP] = "DOWN (was backup)",
	[JUNOS_ROLE_DISABLED] = "DOWN (was disabled)",
	[JUNOS_ROLE_PRESENT] = "DOWN",
};

static void
screen_uptime(long long s, char *buf, size_t len)
{
	if (s < 0)
		buf[0] = '\0';
	else if (s < 60)
		snprintf(buf, len, "up %llds", s);
	else if (s < 3600)
		snprintf(buf, len, "up %lldm", s / 60);
	else if (s < 86400)
		snprintf(buf, len, "up %lldh%02lldm", s / 3600, s / 60 % 60);
	else
		snprintf(buf, len, "up %lldd", s / 86400);
}

static bool
screen_rebooting(const struct screen_model *m, int slot)
{
	char pat[32];

	snprintf(pat, sizeof pat, "re%d is rebooting", slot);
	if (strncmp(m->v->waiting_for, pat, strlen(pat)) == 0)
		return true;
	return m->v->sub_phase != NULL && strcmp(m->v->sub_phase,
	    "backup rebooting") == 0 && m->v->master >= 0 &&
	    m->v->master != slot;
}

static void
screen_status(struct screen *s, const struct screen_model *m, int slot)
{
	const struct rect *r = &s->l.status[slot];
	const struct issu_view *v = m->v;
	const struct issu_re_facts *f = &v->facts[slot];
	const struct junos_re_slot *rs = NULL;
	enum junos_re_role role = issu_facts_role(f, slot);
	const char *host = issu_facts_hostname(f, slot);
	const char *ver = issu_facts_version(f, slot);
	char name[8], up[32], conn[96], gres[16], nsr[16], sync[16];
	struct screen_seg sg[6];
	enum term_colour rc;
	int x = r->x + 1, w = r->w - 1;

	if (issu_facts_have(f, ISSU_PROBE_RE))
		rs = junos_routing_engine_slot(&f->re, slot);
	snprintf(name, sizeof name, "re%d", slot);

	/* Row 1: who. */
	sg[0] = (struct screen_seg){ name, TERM_TITLE, 0 };
	/* The address matters more than a hostname not read yet. */
	sg[1] = host != NULL ? (struct screen_seg){ host, TERM_NORMAL, 1 } :
	    (struct screen_seg){ "hostname ?", TERM_UNKNOWN, 3 };
	sg[2] = (struct screen_seg){ m->address[slot], TERM_NORMAL, 2 };
	screen_seg_fit(sg, 3, 2, w);
	screen_seg_draw(r->y, x, w, sg, 3, 2, A_NORMAL);

	/* Row 2: role in words, release, uptime, readiness. */
	if (m->connected[slot]) {
		rc = screen_role_colours[role];
		sg[0] = (struct screen_seg){ screen_role_words[role], rc, 0 };
	} else if (f->have != 0) {
		rc = TERM_DOWN;
		sg[0] = (struct screen_seg){ screen_role_was[role], rc, 0 };
	} else {
		rc = TERM_UNKNOWN;
		sg[0] = (struct screen_seg){ "not read yet", rc, 0 };
	}
	sg[1] = (struct screen_seg){ ver != NULL ? ver : "release ?", TERM_NORMAL, 1 };
	screen_uptime(m->connected[slot] && rs != NULL ? rs->uptime_s : -1, up,
	    sizeof up);
	sg[2] = (struct screen_seg){ up, TERM_NORMAL, 3 };
	sg[3] = (struct screen_seg){ NULL, TERM_NORMAL, 2 };
	if (m->connected[slot] && role == JUNOS_ROLE_BACKUP &&
	    issu_facts_have(f, ISSU_PROBE_SWITCHOVER))
		sg[3] = f->switchover.ready ?
		    (struct screen_seg){ "[ready]", TERM_OK, 2 } :
		    (struct screen_seg){ "[not ready]", TERM_WARN, 2 };
	screen_seg_fit(sg, 4, 2, w);
	screen_seg_draw(r->y + 1, x, w, sg, 4, 2, A_NORMAL);

	/* Row 3: the session, and the redundancy configuration. */
	if (m->connected[slot]) {
		snprintf(conn, sizeof conn, "connected");
		sg[0] = (struct screen_seg){ conn, TERM_OK, 0 };
	} else {
		const char *what = screen_rebooting(m, slot) ? "rebooting..." :
		    f->have != 0 ? "disconnected" : "connecting...";

		if (m->retry_in[slot] >= 0)
			snprintf(conn, sizeof conn, "%s%s reconnect in %.0fs", what,
			    what[strlen(what) - 1] == '.' ? "" : ",",
			    m->retry_in[slot] + 0.5);
		else if (v->state == ISSU_STATE_STOPPED ||
		    v->state == ISSU_STATE_DONE)
			snprintf(conn, sizeof conn, "not connected");
		else
			snprintf(conn, sizeof conn, "%s", what);
		sg[0] = (struct screen_seg){ conn, TERM_DOWN, 0 };
	}
	sg[1] = sg[2] = sg[3] = (struct screen_seg){ NULL, TERM_NORMAL, 1 };
	if (m->connected[slot] && issu_facts_have(f, ISSU_PROBE_CONFIG)) {
		snprintf(gres, sizeof gres, "GRES %s", f->config.gres ? "on" :
		    "OFF");
		snprintf(nsr, sizeof nsr, "NSR %s", f->config.nsr ? "on" : "OFF");
		snprintf(sync, sizeof sync, "sync %s",
		    f->config.commit_synchronize ? "on" : "OFF");
		sg[1] = (struct screen_seg){ gres, f->config.gres ? TERM_NORMAL :
		    TERM_WARN, 1 };
		sg[2] = (struct screen_seg){ nsr, f->config.nsr ? TERM_NORMAL :
		    TERM_WARN, 1 };
		sg[3] = (struct screen_seg){ sync, f->config.commit_synchronize ?
		    TERM_NORMAL : TERM_WARN, 1 };
	}
	screen_seg_fit(sg, 4, 2, w);
	screen_seg_draw(r->y + 2, x, w, sg, 4, 2, A_NORMAL);
}

/* ---- the phase list ------------------------------------------------------------ */

struct screen_phase_row {
	int indent;
	const char *mark;
	enum term_colour mark_colour;
	const char *title;
	enum term_colour title_colour;
	const char *word;		/* right-aligned when it fits */
};

/* A step's mark by its result; the current step's is "[>]". */
static const struct {
	const char *mark, *word;
	enum term_colour colour;
} screen_step_marks[] = {
	[ISSU_CHECK_PENDING] = { "[ ]", NULL, TERM_NORMAL },
	[ISSU_CHECK_PASS] = { "[x]", "done", TERM_DONE },
	[ISSU_CHECK_FAIL] = { "[!]", "FAILED", TERM_FAILED },
	[ISSU_CHECK_UNKNOWN] = { "[!]", "FAILED", TERM_FAILED },
	[ISSU_CHECK_WARN] = { "[~]", "warning", TERM_WARN },
	[ISSU_CHECK_SKIPPED] = { "[-]", "skipped", TERM_SKIPPED },
};

static void
screen_step_mark(const struct issu_view *v, int i, struct screen_phase_row *pr)
{
	enum issu_check_result res = v->run[i].result;

	if ((unsigned)res >= sizeof screen_step_marks / sizeof screen_step_marks[0])
		res = ISSU_CHECK_PENDING;
	pr->indent = 0;
	pr->title = issu_step_def((enum issu_step_id)i)->title;
	pr->mark = screen_step_marks[res].mark;
	pr->word = screen_step_marks[res].word;
	pr->mark_colour = screen_step_marks[res].colour;
	pr->title_colour = res == ISSU_CHECK_FAIL || res == ISSU_CHECK_UNKNOWN ?
	    TERM_TITLE : TERM_NORMAL;
	if (res == ISSU_CHECK_PENDING && i == (int)v->step &&
	    v->state != ISSU_STATE_DONE) {
		pr->mark = "[>]";
		pr->mark_colour = TERM_CURRENT;
		pr->word = v->state == ISSU_STATE_WAIT_PROCEED ? "next" : "now";
		pr->title_colour = TERM_TITLE;
	}
}

static void
screen_phase_draw_row(const struct rect *r, int y, const struct screen_phase_row *pr)
{
	bool u = term_utf8();
	int x = r->x + 1 + pr->indent, w = r->w - 1 - pr->indent, tw, ww;

	if (w <= 0)
		return;
	x += term_puts(stdscr, y, x, w, pr->mark, term_attr(pr->mark_colour));
	w = r->x + r->w - x;
	if (w <= 1)
		return;
	tw = term_puts(stdscr, y, x + 1, w - 1, pr->title,
	    term_attr(pr->title_colour));
	if (pr->word != NULL) {
		ww = text_width(pr->word, strlen(pr->word), u);
		if (1 + tw + 1 + ww + 1 <= w)
			term_puts(stdscr, y, r->x + r->w - ww - 1, ww, pr->word,
			    term_attr(pr->mark_colour == TERM_NORMAL ? TERM_NORMAL :
			    pr->mark_colour == TERM_FAILED ? TERM_DOWN :
			    pr->mark_colour));
	}
}

static void
screen_phases(struct screen *s, const struct screen_model *m)
{
	const struct rect *r = &s->l.phases;
	const struct issu_view *v = m->v;
	struct screen_phase_row subs[ISSU_CHECK_COUNT + 16];
	int nsub = 0, sub_after = -1, cur = -1, first = 0, room, i, y;

	/* The rows under a step: the upgrade's sub-phases while it runs,
	 * the checks that did not pass while the prerequisites are in
	 * question. */
	if (v->step == ISSU_STEP_UPGRADE && v->state != ISSU_STATE_DONE) {
		int n = issu_sub_phase_count();

		sub_after = ISSU_STEP_UPGRADE;
		for (i = 0; i < n; i++)
			if (v->sub_phase != NULL &&
			    strcmp(v->sub_phase, issu_sub_phase_name(i)) == 0)
				cur = i;
		for (i = 0; i < n && nsub < (int)(sizeof subs / sizeof subs[0]);
		    i++) {
			struct screen_phase_row *pr = &subs[nsub++];

			memset(pr, 0, sizeof *pr);
			pr->indent = 2;
			pr->title = issu_sub_phase_name(i);
			pr->title_colour = TERM_NORMAL;
			/* sub_phase is where the upgrade stands ("backup
			 * rebooting"): the ones before it are behind. */
			if (i < cur || (i == cur && i == n - 1)) {
				pr->mark = "[x]", pr->mark_colour = TERM_DONE;
			} else if (i == cur) {
				pr->mark = "[>]", pr->mark_colour = TERM_CURRENT;
				pr->title_colour = TERM_TITLE;
			} else
				pr->mark = "[ ]", pr->mark_colour = TERM_NORMAL;
		}
	} else if (v->step <= ISSU_STEP_FIX) {
		sub_after = ISSU_STEP_PREREQ;
		for (i = 0; i < ISSU_CHECK_COUNT; i++) {
			const struct issu_check *c = &v->checks[i];
			struct screen_phase_row *pr;

			if (c->result != ISSU_CHECK_FAIL &&
			    c->result != ISSU_CHECK_UNKNOWN &&
			    c->result != ISSU_CHECK_WARN)
				continue;
			pr = &subs[nsub++];
			memset(pr, 0, sizeof *pr);
			pr->indent = 2;
			pr->title = c->title;
			pr->title_colour = TERM_NORMAL;
			pr->mark = c->result == ISSU_CHECK_WARN ? "[~]" : "[!]";
			pr->mark_colour = c->result == ISSU_CHECK_WARN ?
			    TERM_WARN : TERM_FAILED;
			pr->word = issu_check_result_name(c->result);
		}
		cur = 0;
	}

	/* Steps always show; sub-rows get what is left, around the current
	 * one. */
	room = r->h - ISSU_STEPS_NUMBERED;
	if (room < 0)
		room = 0;
	if (nsub > room) {
		first = cur - room / 2;
		if (first > nsub - room)
			first = nsub - room;
		if (first < 0)
			first = 0;
	}
	y = r->y;
	for (i = 0; i < ISSU_STEPS_NUMBERED && y < r->y + r->h; i++) {
		struct screen_phase_row pr;
		int k;

		screen_step_mark(v, i, &pr);
		screen_phase_draw_row(r, y++, &pr);
		if (i != sub_after)
			continue;
		for (k = first; k < nsub && k < first + room &&
		    y < r->y + r->h; k++) {
			struct screen_phase_row more = subs[k];

			/* A window that cuts the list says so. */
			if ((k == first && first > 0) ||
			    (k == first + room - 1 && k < nsub - 1)) {
				more.mark = "...";
				more.mark_colour = TERM_NORMAL;
				more.title = "";
				more.word = NULL;
			}
			screen_phase_draw_row(r, y++, &more);
		}
	}
}

/* ---- output panes ----------------------------------------------------------------- */

static void
screen_titles(struct screen *s, const struct screen_model *m)
{
	const struct layout *l = &s->l;
	int slot;

	term_puts(stdscr, l->titles.y, l->phases.x + 1, l->phases.w - 1, "Phases",
	    term_attr(TERM_TITLE));
	for (slot = 0; slot < 2; slot++) {
		const struct rect *r = &l->out[slot];
		bool focus = m->focus == slot;
		attr_t a = focus ? term_attr(TERM_FOCUS) | A_BOLD :
		    term_attr(TERM_TITLE);
		size_t below = pane_below(s->pane[slot], r->w - 1, r->h,
		    term_utf8());
		char name[16], more[2][64];
		struct screen_seg sg[3];
		int f;

		if (focus)
			screen_fill(l->titles.y, r->x, r->w, a);
		snprintf(name, sizeof name, "%sre%d", focus ? "> " : "", slot);
		snprintf(more[0], sizeof more[0], "[%zu more lines below; End: "
		    "follow]", below);
		snprintf(more[1], sizeof more[1], "[+%zu, End]", below);
		/* Scrolled back must show, even in 26 columns. */
		for (f = 0; f < 4; f++) {
			sg[0] = (struct screen_seg){ name, TERM_NORMAL, 0 };
			sg[1] = (struct screen_seg){ f < 2 ? "output" : NULL, TERM_NORMAL,
			    0 };
			sg[2] = (struct screen_seg){ below == 0 ? NULL : more[f % 2],
			    TERM_WARN, 0 };
			if (screen_seg_width(sg, 3, 1) <= r->w - 1)
				break;
		}
		screen_seg_draw(l->titles.y, r->x + 1, r->w - 1, sg, 3, 1, a);
	}
}

static void
screen_output(struct screen *s, int slot)
{
	const struct rect *r = &s->l.out[slot];
	bool u = term_utf8();
	int n, i, w = r->w - 1;

	if (w < 1)
		return;
	n = pane_render(s->pane[slot], w, r->h, u, s->rows);
	for (i = 0; i < n; i++) {
		const struct pane_row *row = &s->rows[i];
		attr_t a = row->kind == PANE_SENT ? term_attr(TERM_SENT) :
		    row->kind == PANE_NOTE ? term_attr(TERM_NOTE) : A_NORMAL;

		term_put(stdscr, r->y + i, r->x + 1, w, row->text, row->len, a);
		if (row->flags & PANE_ROW_CUT)
			term_puts(stdscr, r->y + i, r->x + r->w - 1, 1, ">",
			    term_attr(TERM_WARN));
	}
}

/* ---- rules ------------------------------------------------------------------------ */

static void
screen_rules(struct screen *s)
{
	const struct layout *l = &s->l;
	attr_t a = A_NORMAL;
	int i;

	term_vline(stdscr, l->status_bar.y, l->status_bar.x, l->status_bar.h, a);
	term_hline(stdscr, l->rule_top.y, 0, l->width, a);
	term_hline(stdscr, l->rule_bottom.y, 0, l->width, a);
	for (i = 0; i < 2; i++) {
		term_vline(stdscr, l->bar[i].y, l->bar[i].x, l->bar[i].h, a);
		term_glyph(stdscr, l->rule_top.y, l->bar[i].x,
		    l->bar[i].x == l->status_bar.x ? TERM_PLUS : TERM_TTEE, a);
		term_glyph(stdscr, l->rule_bottom.y, l->bar[i].x, TERM_BTEE, a);
	}
	if (l->status_bar.x != l->bar[0].x && l->status_bar.x != l->bar[1].x)
		term_glyph(stdscr, l->rule_top.y, l->status_bar.x, TERM_BTEE, a);
}

/* ---- the message area and the key line -------------------------------------------- */

/* Word wrap with a hanging indent: the rows after the first of an indented
 * paragraph ("  request system reboot ...") keep its indent, so a command
 * cut over two rows still reads as one. */
struct screen_wrap {
	const char *s;
	size_t len, at;
	int w, indent;
	bool para;			/* the next row starts a paragraph */
};

static void
screen_wrap_init(struct screen_wrap *wr, const char *s, int w)
{
	wr->s = s;
	wr->len = strlen(s);
	wr->at = 0;
	wr->w = w < 1 ? 1 : w;
	wr->indent = 0;
	wr->para = true;
}

static bool
screen_wrap_next(struct screen_wrap *wr, const char **row, size_t *n, int *indent)
{
	size_t next;
	int ind;

	if (wr->at >= wr->len)
		return false;
	if (wr->para) {
		size_t k = wr->at;

		while (k < wr->len && wr->s[k] == ' ')
			k++;
		wr->indent = (int)(k - wr->at);
		if (wr->indent > wr->w / 2)
			wr->indent = wr->w / 2;
	}
	ind = wr->para ? 0 : wr->indent;
	*row = wr->s + wr->at;
	*n = text_wrap_row(*row, wr->len - wr->at, wr->w - ind, term_utf8(),
	    &next);
	*indent = ind;
	wr->at += next;
	wr->para = wr->at >= wr->len || wr->s[wr->at - 1] == '\n';
	return true;
}

static int
screen_wrap_count(const char *text, int w)
{
	struct screen_wrap wr;
	const char *row;
	size_t n;
	int ind, rows = 0;

	screen_wrap_init(&wr, text, w);
	while (screen_wrap_next(&wr, &row, &n, &ind))
		rows++;
	return rows;
}

/* Draws text word-wrapped into rows y.. after skipping `skip` rows, at
 * most h; returns the rows drawn. */
static int
screen_wrap_draw(int y, int x, int w, int skip, int h, const char *text, attr_t a)
{
	struct screen_wrap wr;
	const char *row;
	size_t n;
	int ind, r = 0, drawn = 0;

	screen_wrap_init(&wr, text, w);
	while (drawn < h && screen_wrap_next(&wr, &row, &n, &ind)) {
		if (r++ < skip)
			continue;
		term_put(stdscr, y + drawn, x + ind, w - ind, row, n, a);
		drawn++;
	}
	return drawn;
}

/* Notes the message area shows: not the wait or the stop the engine also
 * noted (said once is enough). */
static bool
screen_note_shown(const struct screen_model *m, const char *note)
{
	const struct issu_view *v = m->v;

	if (note == NULL || note[0] == '\0')
		return false;
	/* A wait is shown as it stands, or not at all once over (a stop
	 * ends it): its note would say the console still waits. */
	if ((v->waiting_for[0] != '\0' || v->state == ISSU_STATE_STOPPED) &&
	    strncmp(note, "Waiting: ", 9) == 0)
		return false;
	return !(v->state == ISSU_STATE_STOPPED &&
	    strncmp(note, "STOPPED: ", 9) == 0);
}

static void
screen_message(struct screen *s, const struct screen_model *m)
{
	const struct rect *r = &s->l.message;
	const struct issu_view *v = m->v;
	char wait[1400], since[16], left[24], sim[24];
	int w = r->w - 2, rows = 0;

	wait[0] = '\0';
	if (v->countdown_until > 0) {
		screen_countdown(v->countdown_until - m->now, left, sizeof left);
		snprintf(wait, sizeof wait, "Junos' hold-down: the switch is tried "
		    "again in %s (Esc: cancel it)", left);
	} else if (v->waiting_for[0] != '\0') {
		screen_wall(m, v->waiting_since, since, sizeof since);
		if (v->deadline > 0 && m->time_scale > 1) {
			screen_countdown(v->deadline - m->now, left, sizeof left);
			screen_countdown((v->deadline - m->now) * m->time_scale,
			    sim, sizeof sim);
			snprintf(wait, sizeof wait, "Waiting: %s (since %s; gives up "
			    "in %s = %s simulated)", v->waiting_for, since, left,
			    sim);
		} else if (v->deadline > 0) {
			screen_countdown(v->deadline - m->now, left, sizeof left);
			snprintf(wait, sizeof wait, "Waiting: %s (since %s; gives up "
			    "in %s)", v->waiting_for, since, left);
		} else
			snprintf(wait, sizeof wait, "Waiting: %s (since %s)",
			    v->waiting_for, since);
	}
	if (wait[0] != '\0') {
		rows = screen_wrap_count(wait, w);
		/* On a small terminal the limit matters more than when the
		 * wait began: keep what is waited for and when it gives up. */
		if (rows > r->h && v->deadline > 0 && v->countdown_until <= 0 &&
		    m->time_scale > 1) {
			snprintf(wait, sizeof wait, "Waiting: %s (gives up in %s = "
			    "%s simulated)", v->waiting_for, left, sim);
			rows = screen_wrap_count(wait, w);
		}
		if (rows > r->h && v->deadline > 0 && v->countdown_until <= 0) {
			snprintf(wait, sizeof wait, "Waiting: %s (gives up in %s)",
			    v->waiting_for, left);
			rows = screen_wrap_count(wait, w);
		}
		if (rows > r->h)
			rows = r->h;
	}
	/* The newest note in full, older ones above it while rows are left
	 * (a refusal stays readable after the note that follows it). */
	{
		int room = r->h - rows, i, used = 0;
		const char *shown[SCREEN_NOTES];
		int n = 0;

		for (i = 0; i < SCREEN_NOTES; i++)
			if (screen_note_shown(m, m->notes[i]))
				shown[n++] = m->notes[i];
		if (n > 0 && room > 0) {
			int newest = screen_wrap_count(shown[0], w);

			if (newest > room)
				newest = room;
			for (i = 1; i < n && used + newest < room; i++)
				used++;
			/* used older ones, one row each, oldest on top */
			for (i = used; i >= 1; i--)
				screen_wrap_draw(r->y + used - i, r->x + 1, w, 0, 1, shown[i],
				    A_NORMAL);
			screen_wrap_draw(r->y + used, r->x + 1, w, 0, newest, shown[0],
			    A_NORMAL);
		}
	}
	/* The wait goes at the bottom, right above the keys. */
	if (wait[0] != '\0')
		screen_wrap_draw(r->y + r->h - rows, r->x + 1, w, 0, rows, wait,
		    term_attr(TERM_WAITING));
}

enum {
	WHEN_PROCEED = 1, WHEN_STOPPED = 2, WHEN_WORKING = 4, WHEN_COUNTDOWN = 8,
	WHEN_DONE = 16,
	WHEN_WATCH = 32,	/* another console holds the router */
};

static const struct {
	const char *key, *what, *brief;
	unsigned when;
} screen_keys[] = {
	/* Shown while the console works too (DESIGN.md's sketch): Enter
	 * then waits for the step to be ready. */
	{ "Enter", "next step", "next step", WHEN_PROCEED | WHEN_WORKING |
	    WHEN_COUNTDOWN },
	{ "Enter", "read the router again and go on", NULL, WHEN_STOPPED },
	{ "Enter", "read the router again (watching)", "read again",
	    WHEN_WATCH },
	{ "Esc", "cancel the switch", "cancel", WHEN_COUNTDOWN },
	{ "?", "explain this step", "explain", WHEN_PROCEED | WHEN_WORKING |
	    WHEN_COUNTDOWN | WHEN_WATCH },
	{ "Tab", "focus pane", "focus", WHEN_PROCEED | WHEN_WORKING |
	    WHEN_COUNTDOWN | WHEN_WATCH },
	{ "PgUp/PgDn", "scroll", "scroll", WHEN_PROCEED | WHEN_WORKING |
	    WHEN_COUNTDOWN | WHEN_WATCH },
	{ "q", "quit", "quit", WHEN_PROCEED | WHEN_STOPPED | WHEN_WORKING |
	    WHEN_COUNTDOWN | WHEN_DONE | WHEN_WATCH },
};

#define SCREEN_NKEYS	(sizeof screen_keys / sizeof screen_keys[0])

/* Builds the key line in the widest form that fits. */
static void
screen_keys_text(unsigned when, int width, char *buf, size_t len)
{
	static const struct {
		bool brief;
		const char *gap;
	} forms[] = { { false, "   " }, { false, "  " }, { true, "  " } };
	size_t f, i;

	for (f = 0; f < sizeof forms / sizeof forms[0]; f++) {
		size_t used = 0;

		buf[0] = '\0';
		for (i = 0; i < SCREEN_NKEYS; i++) {
			const char *what = forms[f].brief && screen_keys[i].brief !=
			    NULL ? screen_keys[i].brief : screen_keys[i].what;

			if (!(screen_keys[i].when & when) || used >= len)
				continue;
			used += (size_t)snprintf(buf + used, len - used, "%s%s: %s",
			    used > 0 ? forms[f].gap : "", screen_keys[i].key, what);
		}
		if ((int)strlen(buf) <= width)
			return;
	}
}

/* Draws "Key: what" pairs with the keys in bold. */
static void
screen_keys_draw(int y, int x, int w, const char *text)
{
	const char *p = text;
	int at = 0;

	while (*p != '\0' && at < w) {
		const char *colon = strstr(p, ": ");
		const char *gap;
		size_t n;

		if (colon == NULL) {
			term_puts(stdscr, y, x + at, w - at, p, A_NORMAL);
			return;
		}
		at += term_put(stdscr, y, x + at, w - at, p, (size_t)(colon - p),
		    term_attr(TERM_KEY));
		p = colon;
		gap = strstr(p + 2, "  ");
		while (gap != NULL && gap[2] == ' ')
			gap++;
		n = gap != NULL ? (size_t)(gap + 2 - p) : strlen(p);
		at += term_put(stdscr, y, x + at, w - at, p, n, A_NORMAL);
		p += n;
	}
}

static void
screen_keyline(struct screen *s, const struct screen_model *m,
    const struct screen_dialog *d)
{
	const struct rect *r = &s->l.keys;
	const struct issu_view *v = m->v;
	unsigned when;
	char buf[512];

	if (d != NULL && d->open) {
		screen_keys_draw(r->y, r->x + 1, r->w - 2, d->footer != NULL ? d->footer :
		    "");
		return;
	}
	switch (v->state) {
	case ISSU_STATE_WAIT_PROCEED:
		when = WHEN_PROCEED;
		break;
	case ISSU_STATE_STOPPED:
		when = WHEN_STOPPED;
		break;
	case ISSU_STATE_DONE:
		when = WHEN_DONE;
		break;
	default:
		when = v->countdown_until > 0 ? WHEN_COUNTDOWN : WHEN_WORKING;
		break;
	}
	if (v->watch_only && (when == WHEN_PROCEED || when == WHEN_WORKING))
		when = WHEN_WATCH;
	screen_keys_text(when, r->w - 2, buf, sizeof buf);
	screen_keys_draw(r->y, r->x + 1, r->w - 2, buf);
}

/* ---- boxes: the stop box and dialogs ------------------------------------------------ */

#define STOP_KEYS	"Enter: read the router again and go on   q: quit"

static void
screen_stop_box(struct screen *s, const struct screen_model *m)
{
	const struct layout *l = &s->l;
	const struct issu_view *v = m->v;
	bool hostkey = strstr(v->stop_reason, "HAS CHANGED") != NULL;
	int x = 0, w = l->width;
	int body, h, y;
	char title[160];

	snprintf(title, sizeof title, " STOPPED at step %d/%d %s%s ",
	    (int)v->step + 1, ISSU_STEPS_NUMBERED, issu_step_def(v->step)->title,
	    hostkey ? ": HOST KEY CHANGED" : "");
	body = screen_wrap_count(v->stop_reason, w - 4);
	h = body + 4;
	if (h > l->phases.h + 1)
		h = l->phases.h + 1;
	y = l->phases.y + l->phases.h - h;
	term_frame(stdscr, y, x, h, w, term_attr(TERM_DIALOG));
	term_puts(stdscr, y, x + 2, w - 4, title, term_attr(TERM_STOP));
	screen_wrap_draw(y + 1, x + 2, w - 4, 0, h - 4, v->stop_reason, A_BOLD);
	screen_keys_draw(y + h - 2, x + 2, w - 4, STOP_KEYS);
}

/* The dialog's width and the rows its body may use. */
static void
screen_dialog_size(const struct layout *l, const struct screen_dialog *d, int *w,
    int *extra, int *maxbody)
{
	int maxw = d->wide ? 120 : 96;

	*w = l->width - 4 < maxw ? l->width - 4 : maxw;
	*extra = 2 + 2 + (d->field_label != NULL ? 2 : 0);
	*maxbody = l->rows - 2 - *extra;
	if (*maxbody < 1)
		*maxbody = 1;
}

bool
screen_dialog_fits(const struct screen *s, const struct screen_dialog *d)
{
	int w, extra, maxbody;

	if (s->l.too_small || d->body == NULL)
		return true;
	screen_dialog_size(&s->l, d, &w, &extra, &maxbody);
	return screen_wrap_count(d->body, w - 4) <= maxbody;
}

static void
screen_dialog_draw(struct screen *s, struct screen_dialog *d)
{
	const struct layout *l = &s->l;
	bool u = term_utf8();
	int w, extra, maxbody, body;
	int vis, h, x, y, r;

	screen_dialog_size(l, d, &w, &extra, &maxbody);
	body = screen_wrap_count(d->body, w - 4);
	vis = body < maxbody ? body : maxbody;
	if (d->scroll > body - vis)
		d->scroll = body - vis;
	if (d->scroll < 0)
		d->scroll = 0;
	h = vis + extra;
	x = (l->width - w) / 2;
	y = (l->rows - h) / 2;
	/* Blank the rows it spans: nothing beside a question competes with
	 * it, and a sentence wrapped in the box reads on as one. */
	for (r = y; r < y + h; r++)
		screen_fill(r, 0, l->width, A_NORMAL);
	term_frame(stdscr, y, x, h, w, term_attr(TERM_DIALOG));
	if (d->title != NULL) {
		char t[256];

		snprintf(t, sizeof t, " %s ", d->title);
		term_puts(stdscr, y, x + 2, w - 4, t, term_attr(d->colour));
	}
	screen_wrap_draw(y + 1, x + 2, w - 4, d->scroll, vis, d->body, A_NORMAL);
	if (body > vis) {
		char more[64];

		snprintf(more, sizeof more, " %s%s ", d->scroll > 0 ? "PgUp: above"
		    : "", d->scroll + vis < body ? (d->scroll > 0 ?
		    "  PgDn: more" : "PgDn: more") : "");
		term_puts(stdscr, y + h - 1, x + w - 2 - text_width(more,
		    strlen(more), u), w - 4, more, term_attr(TERM_WARN));
	}
	if (d->field_label != NULL) {
		int fy = y + 1 + vis + 1, fx = x + 2, fw;

		fx += term_puts(stdscr, fy, fx, w - 4, d->field_label, A_BOLD);
		fx++;
		fw = x + w - 2 - fx;
		if (fw > 20)
			fw = 20;
		screen_fill(fy, fx, fw, term_attr(TERM_FIELD));
		if (d->field_hidden)
			term_puts(stdscr, fy, fx, fw, "(not shown)",
			    term_attr(TERM_FIELD));
		else {
			int used = term_puts(stdscr, fy, fx, fw - 1, d->field,
			    term_attr(TERM_FIELD));

			term_puts(stdscr, fy, fx + used, 1, "_",
			    term_attr(TERM_FIELD) | A_BOLD);
		}
	}
	if (d->footer != NULL)
		screen_keys_draw(y + h - 2, x + 2, w - 4, d->footer);
}

static void
screen_too_small(const struct screen_model *m)
{
	char a[96];
	const char *b = m->small_hint != NULL ? m->small_hint :
	    "Enlarge the window to go on.   q: quit";
	int cols = COLS, rows = LINES, y = rows / 2 - 1;
	bool u = term_utf8();
	int aw, bw;

	snprintf(a, sizeof a, "terminal too small (need %dx%d, have %dx%d)",
	    LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, cols, rows);
	aw = text_width(a, strlen(a), u);
	bw = text_width(b, strlen(b), u);
	if (y < 0)
		y = 0;
	term_puts(stdscr, y, aw < cols ? (cols - aw) / 2 : 0, cols, a, A_BOLD);
	if (y + 1 < rows)
		screen_wrap_draw(y + 1, bw < cols ? (cols - bw) / 2 : 0, cols, 0, rows -
		    y - 1, b, A_NORMAL);
}

void
screen_draw(struct screen *s, const struct screen_model *m,
    struct screen_dialog *d)
{
	werase(stdscr);
	if (s->l.too_small) {
		screen_too_small(m);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	screen_header(s, m);
	screen_status(s, m, 0);
	screen_status(s, m, 1);
	screen_rules(s);
	screen_titles(s, m);
	screen_phases(s, m);
	screen_output(s, 0);
	screen_output(s, 1);
	screen_message(s, m);
	screen_keyline(s, m, d);
	if (d != NULL && d->open)
		screen_dialog_draw(s, d);
	else if (m->v->state == ISSU_STATE_STOPPED)
		screen_stop_box(s, m);
	wnoutrefresh(stdscr);
	doupdate();
}
