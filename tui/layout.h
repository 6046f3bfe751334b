/*
 * layout.h - where each part of the console goes for a terminal size: a
 * pure function from (columns, rows) to rectangles, recomputed on every
 * resize and tested at the sizes people use.
 *
 *   header (and the banner's own row when it does not fit beside it)
 *   status re0            | status re1            3 rows
 *   rule
 *   titles: Phases | re0 output | re1 output
 *   phases | out re0      | out re1                the rest
 *   rule
 *   message                                        2 rows (3 from 30 rows)
 *   keys
 *
 * Below 80x24 nothing fits and the console says so; beyond 250 columns the
 * extra space is left blank (lines that long are no longer read).
 */
#ifndef TUI_LAYOUT_H
#define TUI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS		80
#define LAYOUT_MIN_ROWS		24
#define LAYOUT_MAX_COLS		250

struct rect {
	int y, x, h, w;
};

struct layout {
	int cols, rows;			/* the terminal */
	bool too_small;			/* below 80x24: nothing else is set */
	int width;			/* columns used: min(cols, 250) */
	struct rect header;
	struct rect banner;		/* h == 0 when on the header row */
	struct rect status[2];
	struct rect status_bar;		/* the vertical bar between them */
	struct rect rule_top;
	struct rect titles;		/* the row naming the columns */
	struct rect phases;
	struct rect out[2];
	struct rect bar[2];		/* the bars left of out[0] and out[1] */
	struct rect rule_bottom;
	struct rect message;
	struct rect keys;
};

/*
 * banner_len: the banner's width in columns (0 when none); it shares the
 * header row when the header has room for it, else takes a row of its own.
 */
void layout_compute(int cols, int rows, int banner_len, struct layout *l);

/* Columns the header needs besides a banner (router, versions, step,
 * clock): the banner goes on the header row when both fit. */
#define LAYOUT_HEADER_COLS	72

#endif
