/*
 * pane.h - one RE's output pane: a bounded ring of the lines it printed (and
 * what the console typed to it), with a scroll position, cut into screen
 * rows on demand.
 *
 * The model only: no curses.  A 40-minute ISSU prints a lot, a runaway
 * command more: the ring keeps the newest `max_lines` lines and reuses the
 * oldest line's buffer, so memory stays flat whatever arrives.  Text is
 * stored sanitised (text_sanitize): what is drawn can never be a terminal
 * control sequence.
 *
 * Scrolling is by whole lines: the view is "following" the newest line
 * (the default, and after End) or anchored on its top line, which then
 * stays put while new lines arrive below it until the ring drops it.
 */
#ifndef TUI_PANE_H
#define TUI_PANE_H

#include <stdbool.h>
#include <stddef.h>

#define PANE_LINES_DEFAULT	5000	/* per RE: ~2 h of ISSU output */
#define PANE_LINE_MAX		2048	/* bytes kept of one line */
#define PANE_WRAP_MAX		8	/* rows one line may take; the rest is
					   cut, marked by PANE_ROW_CUT */

/* What a line is (the screen picks its look). */
enum pane_line_kind {
	PANE_RECEIVED,		/* the router printed it */
	PANE_SENT,		/* the console typed it */
	PANE_NOTE,		/* the console's own remark about this RE */
};

struct pane;

/* NULL when out of memory.  max_lines >= 1. */
struct pane *pane_new(size_t max_lines);
void pane_free(struct pane *p);		/* accepts NULL */

/*
 * Appends text: each "\n" ends a line; a tail without one (a question the
 * router waits on) stays open, and the next received text continues it,
 * as on a terminal.  Sent lines and notes always start a line of their own
 * and are closed.  Returns -1 only when out of memory (what fitted is
 * kept).
 */
int pane_append(struct pane *p, const char *text, size_t len,
    enum pane_line_kind kind);

size_t pane_count(const struct pane *p);	/* lines held */
unsigned long long pane_total(const struct pane *p);	/* ever started */
/* Line i, 0 the oldest held; NULL out of range.  *kind when not NULL. */
const char *pane_line(const struct pane *p, size_t i,
    enum pane_line_kind *kind);
/* Bumped on every change (text or scroll): redraw when it moved. */
unsigned long pane_generation(const struct pane *p);

/* ---- scrolling (width and height: the pane's size in cells) ------------- */

/* delta lines: < 0 back (never past the oldest line), > 0 on. */
void pane_scroll_lines(struct pane *p, long delta, int width, int height,
    bool utf8);
void pane_page_up(struct pane *p, int width, int height, bool utf8);
void pane_page_down(struct pane *p, int width, int height, bool utf8);
void pane_home(struct pane *p, int width, int height, bool utf8);
void pane_end(struct pane *p);			/* follow again */
bool pane_following(const struct pane *p);
/* Lines below the view (0 when following). */
size_t pane_below(const struct pane *p, int width, int height, bool utf8);

/* ---- rows ------------------------------------------------------------------ */

enum {
	PANE_ROW_CONT = 1,	/* continues the line of the row above */
	PANE_ROW_CUT = 2,	/* the line goes on past this row, unshown */
};

struct pane_row {
	const char *text;	/* into the pane: valid until it changes */
	size_t len;		/* bytes; fits the width */
	enum pane_line_kind kind;
	unsigned flags;		/* PANE_ROW_* */
};

/* Rows a line takes in `width` columns (1 to PANE_WRAP_MAX). */
int pane_line_rows(const char *s, size_t len, int width, bool utf8);

/*
 * The rows the view shows, top to bottom, at most `height`: lines wrap at
 * `width` columns; the bottom row is the newest line when following, else
 * the top row is the anchored line; when lines do not fill the pane the
 * rows start at the top.  Returns the number of rows filled.
 */
int pane_render(const struct pane *p, int width, int height, bool utf8,
    struct pane_row *rows);

#endif
