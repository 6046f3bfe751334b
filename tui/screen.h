/*
 * screen.h - draws the console: the header, both REs' status side by side,
 * the phase list with the upgrade's sub-phases, the two output panes, the
 * message area and the key line, and over them a dialog (a question, an
 * explanation, the quit warning, a secret, the end screen) or the stop box.
 *
 * It draws what it is given (the engine's view, the connection state, the
 * panes it owns) and decides nothing; console.c says what is open.  All of
 * it is redrawn when anything changed (curses sends only the cells that
 * differ), so there is one code path and no stale corner after a resize.
 */
#ifndef TUI_SCREEN_H
#define TUI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "procedure/issu.h"
#include "tui/layout.h"
#include "tui/pane.h"
#include "tui/term.h"

#define SCREEN_NOTES	3

/* What the console knows besides the view, for one frame. */
struct screen_model {
	const struct issu_view *v;
	const char *router;
	const char *banner;		/* NULL: none */
	const char *address[2];		/* "192.0.2.10", "127.0.0.1:2200" */
	bool connected[2];
	double retry_in[2];		/* seconds to the next try; < 0 none */
	double now;			/* owner clock (driver_now) */
	double start;			/* owner clock when the console began */
	double wall_start;		/* wall clock (seconds since the epoch)
					   at `start` */
	const char *notes[SCREEN_NOTES];	/* the engine's last notes,
					   newest first; NULL or "" none */
	int focus;			/* the output pane Tab selected */
	const char *small_hint;		/* the second line of the "too small"
					   screen; NULL: "q: quit" */
	double time_scale;		/* > 1 in a rehearsal: a wait's limit
					   is also shown in simulated time,
					   the unit of the engine's notes */
};

/* A box over the screen.  Body text is word-wrapped ("\n" breaks). */
struct screen_dialog {
	bool open;
	bool wide;			/* the end screen: most of the screen */
	enum term_colour colour;	/* of the title */
	const char *title;
	const char *body;
	const char *field_label;	/* NULL: no input field */
	const char *field;		/* what was typed */
	bool field_hidden;		/* a secret: never drawn */
	const char *footer;		/* the keys it takes */
	int scroll;			/* body rows scrolled away; clamped by
					   screen_draw */
};

enum screen_scroll {
	SCREEN_LINE_UP, SCREEN_LINE_DOWN, SCREEN_PAGE_UP, SCREEN_PAGE_DOWN,
	SCREEN_HOME, SCREEN_END,
};

struct screen;

/* NULL when out of memory; pane_lines per RE. */
struct screen *screen_new(size_t pane_lines);
void screen_free(struct screen *s);	/* accepts NULL */

struct pane *screen_pane(struct screen *s, int slot);

/* Recomputes the layout from the terminal's size (after KEY_RESIZE and at
 * start); banner_len is the banner's width, 0 for none.  Returns -1 when
 * out of memory. */
int screen_resize(struct screen *s, int cols, int rows, int banner_len);
const struct layout *screen_layout(const struct screen *s);

/* Scrolls pane `slot` as its size on screen says a page is. */
void screen_scroll(struct screen *s, int slot, enum screen_scroll how);

/* Whether the dialog's text fits on screen without scrolling. */
bool screen_dialog_fits(const struct screen *s, const struct screen_dialog *d);

/* Draws everything into curses' stdscr and updates the terminal. */
void screen_draw(struct screen *s, const struct screen_model *m,
    struct screen_dialog *d);

#endif
