/*
 * pane.c - the bounded ring of an RE's output lines and its view (see
 * pane.h).
 *
 * Lines are numbered from 0 in the order they started (a sequence number
 * that never wraps in practice); the ring holds the newest `max` of them.
 * A view scrolled back is anchored on the sequence number of its top line,
 * so that it does not move while lines arrive; when the ring drops that
 * line the view starts at the oldest one left.  A view whose lines reach
 * the newest one is the same as following.
 */
#include "tui/pane.h"

#include <stdlib.h>
#include <string.h>

#include "tui/text.h"

struct pane_line {
	char *text;			/* owned; NUL-terminated, sanitised */
	size_t len, cap;
	enum pane_line_kind kind;
	bool cut;			/* more than PANE_LINE_MAX arrived */
};

struct pane {
	struct pane_line *ring;		/* owned, max entries */
	size_t max;
	size_t first;			/* ring index of the oldest line */
	size_t count;			/* lines held, <= max */
	unsigned long long total;	/* lines ever started: the newest has
					   sequence number total - 1 */
	bool open;			/* the newest line waits for its "\n" */
	bool follow;			/* the view shows the newest line */
	unsigned long long top;		/* !follow: the line on the top row */
	unsigned long gen;
};

struct pane *
pane_new(size_t max_lines)
{
	struct pane *p;

	if (max_lines < 1)
		max_lines = 1;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return NULL;
	if ((p->ring = calloc(max_lines, sizeof *p->ring)) == NULL) {
		free(p);
		return NULL;
	}
	p->max = max_lines;
	p->follow = true;
	return p;
}

void
pane_free(struct pane *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->max; i++)
		free(p->ring[i].text);
	free(p->ring);
	free(p);
}

static unsigned long long
pane_oldest(const struct pane *p)
{
	return p->total - p->count;
}

static struct pane_line *
pane_at(const struct pane *p, unsigned long long seq)
{
	return &p->ring[(p->first + (size_t)(seq - pane_oldest(p))) % p->max];
}

/* A new, empty newest line; the oldest one's buffer is reused when the
 * ring is full. */
static struct pane_line *
pane_start_line(struct pane *p, enum pane_line_kind kind)
{
	struct pane_line *l;

	if (p->count == p->max) {
		p->first = (p->first + 1) % p->max;
		p->count--;
	}
	l = &p->ring[(p->first + p->count) % p->max];
	p->count++;
	p->total++;
	l->len = 0;
	l->cut = false;
	l->kind = kind;
	if (l->text != NULL)
		l->text[0] = '\0';
	return l;
}

static int
pane_add(struct pane_line *l, const char *s, size_t n)
{
	char tmp[PANE_LINE_MAX + 1];
	size_t room, got;
	bool cut;

	if (l->len >= PANE_LINE_MAX) {
		l->cut = l->cut || n > 0;
		return 0;
	}
	room = PANE_LINE_MAX - l->len;
	got = text_sanitize(s, n, (int)l->len, tmp, room + 1, &cut);
	l->cut = l->cut || cut;
	if (l->len + got + 1 > l->cap || l->text == NULL) {
		size_t cap = l->len + got + 1;
		char *t;

		/* Round up a little: an open line usually grows again. */
		cap = cap < 64 ? 64 : cap + cap / 4;
		if (cap > PANE_LINE_MAX + 1)
			cap = PANE_LINE_MAX + 1;
		if ((t = realloc(l->text, cap)) == NULL)
			return -1;
		l->text = t;
		l->cap = cap;
	}
	memcpy(l->text + l->len, tmp, got);
	l->len += got;
	l->text[l->len] = '\0';
	return 0;
}

int
pane_append(struct pane *p, const char *text, size_t len,
    enum pane_line_kind kind)
{
	size_t i = 0;
	int rc = 0;

	if (len == 0)
		return 0;
	if (kind != PANE_RECEIVED)
		p->open = false;
	p->gen++;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - (text + i)) : len - i;
		struct pane_line *l;

		if (p->open && kind == PANE_RECEIVED && p->count > 0)
			l = pane_at(p, p->total - 1);
		else
			l = pane_start_line(p, kind);
		if (pane_add(l, text + i, n) != 0)
			rc = -1;
		p->open = kind == PANE_RECEIVED && nl == NULL;
		i += n + (nl != NULL);
	}
	return rc;
}

size_t
pane_count(const struct pane *p)
{
	return p->count;
}

unsigned long long
pane_total(const struct pane *p)
{
	return p->total;
}

const char *
pane_line(const struct pane *p, size_t i, enum pane_line_kind *kind)
{
	const struct pane_line *l;

	if (i >= p->count)
		return NULL;
	l = &p->ring[(p->first + i) % p->max];
	if (kind != NULL)
		*kind = l->kind;
	return l->text != NULL ? l->text : "";
}

unsigned long
pane_generation(const struct pane *p)
{
	return p->gen;
}

/* ---- rows -------------------------------------------------------------------- */

/*
 * Cuts one line into rows (at most PANE_WRAP_MAX); returns the count.  A
 * row breaks at a space when that still fills half of it, so that a size
 * or a release is not split across rows ("3|4G" reads as 3 and 4G); a run
 * without spaces is cut at the width, as a terminal does.
 */
static int
pane_cut(const struct pane_line *l, int width, bool utf8,
    struct pane_row *rows)
{
	const char *s = l->text != NULL ? l->text : "";
	size_t at = 0, len = l->len;
	int n = 0;

	do {
		size_t fit = text_fit(s + at, len - at, width, utf8, NULL);
		size_t step = fit;

		if (fit == 0 && at < len) {
			unsigned cp;

			/* A character wider than the pane: show it anyway. */
			fit = step = text_next(s + at, len - at, &cp);
		} else if (at + fit < len) {
			size_t next, row = text_wrap_row(s + at, len - at, width,
			    utf8, &next);

			if (row > 0 && row < fit &&
			    text_width(s + at, row, utf8) * 2 >= width) {
				fit = row;
				step = next;
			}
		}
		rows[n].text = s + at;
		rows[n].len = fit;
		rows[n].kind = l->kind;
		rows[n].flags = n > 0 ? PANE_ROW_CONT : 0;
		at += step;
		n++;
	} while (at < len && n < PANE_WRAP_MAX);
	if (at < len || l->cut)
		rows[n - 1].flags |= PANE_ROW_CUT;
	return n;
}

int
pane_line_rows(const char *s, size_t len, int width, bool utf8)
{
	struct pane_line l = { .text = (char *)s, .len = len };
	struct pane_row rows[PANE_WRAP_MAX];

	if (width < 1)
		return 1;
	return pane_cut(&l, width, utf8, rows);
}

/* The line at the top of an anchored view (the ring may have dropped the
 * anchor: then its oldest line). */
static unsigned long long
pane_anchor_top(const struct pane *p)
{
	return p->top < pane_oldest(p) ? pane_oldest(p) : p->top;
}

static int
pane_rows_of(const struct pane *p, unsigned long long seq, int width,
    bool utf8)
{
	const struct pane_line *l = pane_at(p, seq);

	return pane_line_rows(l->text != NULL ? l->text : "", l->len, width,
	    utf8);
}

/* Whether lines top..newest fit in height rows. */
static bool
pane_rest_fits(const struct pane *p, unsigned long long top, int width,
    int height, bool utf8)
{
	unsigned long long s;
	int used = 0;

	for (s = top; s < p->total; s++)
		if ((used += pane_rows_of(p, s, width, utf8)) > height)
			return false;
	return true;
}

/* Shows the newest line at the bottom: when following, and when an
 * anchored view has reached the end anyway. */
static bool
pane_at_end(const struct pane *p, int width, int height, bool utf8)
{
	return p->follow || p->top >= p->total ||
	    pane_rest_fits(p, pane_anchor_top(p), width, height, utf8);
}

int
pane_render(const struct pane *p, int width, int height, bool utf8,
    struct pane_row *rows)
{
	unsigned long long s, oldest = pane_oldest(p);
	int idx = height, filled = 0;

	if (p->count == 0 || width < 1 || height < 1)
		return 0;
	if (!pane_at_end(p, width, height, utf8)) {
		/* Anchored: from the top line down. */
		for (s = pane_anchor_top(p); s < p->total && filled < height;
		    s++) {
			struct pane_row r[PANE_WRAP_MAX];
			int n = pane_cut(pane_at(p, s), width, utf8, r);
			int k = n < height - filled ? n : height - filled;

			memcpy(&rows[filled], r, (size_t)k * sizeof *r);
			filled += k;
		}
		return filled;
	}
	/* Following: from the newest line up. */
	for (s = p->total - 1; idx > 0; s--) {
		struct pane_row r[PANE_WRAP_MAX];
		int n = pane_cut(pane_at(p, s), width, utf8, r);
		int k = n < idx ? n : idx;

		memcpy(&rows[idx - k], &r[n - k], (size_t)k * sizeof *r);
		idx -= k;
		if (s == oldest)
			break;
	}
	filled = height - idx;
	if (idx > 0)
		memmove(rows, rows + idx, (size_t)filled * sizeof *rows);
	return filled;
}

/* ---- scrolling ------------------------------------------------------------------ */

/* The line on the top row (maybe shown in part). */
static unsigned long long
pane_view_top(const struct pane *p, int width, int height, bool utf8)
{
	unsigned long long s, oldest = pane_oldest(p);
	int used = 0;

	if (!pane_at_end(p, width, height, utf8))
		return pane_anchor_top(p);
	for (s = p->total - 1;; s--) {
		used += pane_rows_of(p, s, width, utf8);
		if (used >= height || s == oldest)
			return s;
	}
}

/* The last line shown (maybe in part). */
static unsigned long long
pane_view_bottom(const struct pane *p, int width, int height, bool utf8)
{
	unsigned long long s;
	int used = 0;

	if (pane_at_end(p, width, height, utf8))
		return p->total - 1;
	for (s = pane_anchor_top(p); s + 1 < p->total; s++)
		if ((used += pane_rows_of(p, s, width, utf8)) >= height)
			break;
	return s;
}

/* Anchors the view's top on seq, or follows when the rest fits. */
static void
pane_set_top(struct pane *p, unsigned long long seq, int width, int height,
    bool utf8)
{
	if (seq < pane_oldest(p))
		seq = pane_oldest(p);
	p->top = seq;
	p->follow = seq >= p->total || pane_rest_fits(p, seq, width, height,
	    utf8);
	p->gen++;
}

static bool
pane_viewable(const struct pane *p, int width, int height)
{
	return p->count > 0 && width >= 1 && height >= 1;
}

void
pane_scroll_lines(struct pane *p, long delta, int width, int height,
    bool utf8)
{
	unsigned long long t;

	if (!pane_viewable(p, width, height) || delta == 0)
		return;
	t = pane_view_top(p, width, height, utf8);
	if (delta < 0) {
		unsigned long long up = (unsigned long long)-delta;

		t = t - pane_oldest(p) < up ? pane_oldest(p) : t - up;
	} else if (pane_at_end(p, width, height, utf8))
		return;
	else
		t += (unsigned long long)delta;
	pane_set_top(p, t, width, height, utf8);
}

void
pane_page_up(struct pane *p, int width, int height, bool utf8)
{
	unsigned long long t, s, oldest;
	int used;

	if (!pane_viewable(p, width, height))
		return;
	oldest = pane_oldest(p);
	t = pane_view_top(p, width, height, utf8);
	if (t == oldest && !pane_at_end(p, width, height, utf8))
		return;			/* the oldest line is on top already */
	/* The old top line becomes the bottom one. */
	used = pane_rows_of(p, t, width, utf8);
	for (s = t; s > oldest; s--) {
		int r = pane_rows_of(p, s - 1, width, utf8);

		if (used + r > height)
			break;
		used += r;
	}
	if (s == t && s > oldest)
		s--;
	pane_set_top(p, s, width, height, utf8);
}

void
pane_page_down(struct pane *p, int width, int height, bool utf8)
{
	unsigned long long t, b;

	if (!pane_viewable(p, width, height) || pane_at_end(p, width, height,
	    utf8))
		return;
	t = pane_anchor_top(p);
	/* The old bottom line becomes the top one. */
	b = pane_view_bottom(p, width, height, utf8);
	pane_set_top(p, b == t ? t + 1 : b, width, height, utf8);
}

void
pane_home(struct pane *p, int width, int height, bool utf8)
{
	if (!pane_viewable(p, width, height))
		return;
	pane_set_top(p, pane_oldest(p), width, height, utf8);
}

void
pane_end(struct pane *p)
{
	p->follow = true;
	p->gen++;
}

bool
pane_following(const struct pane *p)
{
	return p->follow;
}

size_t
pane_below(const struct pane *p, int width, int height, bool utf8)
{
	if (!pane_viewable(p, width, height) || pane_at_end(p, width, height,
	    utf8))
		return 0;
	return (size_t)(p->total - 1 - pane_view_bottom(p, width, height, utf8));
}
