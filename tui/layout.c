/*
 * layout.c - the console's rectangles for a terminal size (see layout.h).
 *
 * Extra columns go to the output panes (the phase list grows from 24 to
 * 40 columns, a fifth of the width); extra rows go to the phase list and
 * the output panes, and one to the message area from 30 rows.
 */
#include "tui/layout.h"

#include <string.h>

static struct rect
layout_rect(int y, int x, int h, int w)
{
	struct rect r = { y, x, h, w };

	return r;
}

void
layout_compute(int cols, int rows, int banner_len, struct layout *l)
{
	int w, y, phases_w, rest, msg_h, mid_h, left;

	memset(l, 0, sizeof *l);
	l->cols = cols;
	l->rows = rows;
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
		l->too_small = true;
		return;
	}
	w = cols > LAYOUT_MAX_COLS ? LAYOUT_MAX_COLS : cols;
	l->width = w;

	y = 0;
	l->header = layout_rect(y++, 0, 1, w);
	if (banner_len > 0 && banner_len + 2 + LAYOUT_HEADER_COLS > w)
		l->banner = layout_rect(y++, 0, 1, w);

	left = (w - 1) / 2;
	l->status[0] = layout_rect(y, 0, 3, left);
	l->status_bar = layout_rect(y, left, 3, 1);
	l->status[1] = layout_rect(y, left + 1, 3, w - left - 1);
	y += 3;
	l->rule_top = layout_rect(y++, 0, 1, w);

	msg_h = rows >= 30 ? 3 : 2;
	/* titles, rule, message, keys below the middle */
	mid_h = rows - y - 1 - 1 - msg_h - 1;

	phases_w = w / 5;
	if (phases_w < 24)
		phases_w = 24;
	if (phases_w > 40)
		phases_w = 40;
	rest = w - phases_w - 2;
	l->titles = layout_rect(y++, 0, 1, w);
	l->phases = layout_rect(y, 0, mid_h, phases_w);
	l->bar[0] = layout_rect(y - 1, phases_w, mid_h + 1, 1);
	l->out[0] = layout_rect(y, phases_w + 1, mid_h, rest / 2);
	l->bar[1] = layout_rect(y - 1, phases_w + 1 + rest / 2, mid_h + 1, 1);
	l->out[1] = layout_rect(y, phases_w + 2 + rest / 2, mid_h, rest - rest / 2);
	y += mid_h;
	l->rule_bottom = layout_rect(y++, 0, 1, w);
	l->message = layout_rect(y, 0, msg_h, w);
	y += msg_h;
	l->keys = layout_rect(y, 0, 1, w);
}
