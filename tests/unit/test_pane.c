/*
 * test_pane.c - the console's model parts, without curses: an RE's output
 * pane (a bounded ring that reuses its oldest buffer, an unfinished line
 * continued like on a terminal, long lines wrapped then cut, bytes made
 * safe to draw, UTF-8 never split), its scrolling (page, line, home, end,
 * an anchored view that stays put while lines arrive), the text helpers
 * (widths, fitting, word wrap), the layout at the sizes people use, and
 * the words of the password dialog.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/layout.h"
#include "tui/pane.h"
#include "tui/secret_words.h"
#include "tui/text.h"

static void
put(struct pane *p, const char *s)
{
	assert_int_equal(pane_append(p, s, strlen(s), PANE_RECEIVED), 0);
}

/* The newest line held. */
static const char *
last(const struct pane *p)
{
	return pane_line(p, pane_count(p) - 1, NULL);
}

/* ---- the ring ----------------------------------------------------------------- */

static void
test_pane_ring_keeps_the_newest_lines(void **state)
{
	struct pane *p = pane_new(5);
	char line[32];
	int i;

	(void)state;
	for (i = 0; i < 12; i++) {
		snprintf(line, sizeof line, "line %d\n", i);
		put(p, line);
	}
	assert_int_equal(pane_count(p), 5);
	assert_int_equal(pane_total(p), 12);
	assert_string_equal(pane_line(p, 0, NULL), "line 7");
	assert_string_equal(last(p), "line 11");
	assert_null(pane_line(p, 5, NULL));
	pane_free(p);
}

/* A flood of lines: the count never exceeds the bound (valgrind sees the
 * buffers reused, none leaked). */
static void
test_pane_ring_bound_under_a_flood(void **state)
{
	struct pane *p = pane_new(PANE_LINES_DEFAULT);
	char batch[64 * 100];
	size_t used = 0;
	int i, b;

	(void)state;
	for (i = 0; i < 100; i++)
		used += (size_t)snprintf(batch + used, sizeof batch - used,
		    "Installing package %d of the flood ...\n", i);
	for (b = 0; b < 2000; b++)
		assert_int_equal(pane_append(p, batch, used, PANE_RECEIVED), 0);
	assert_int_equal(pane_count(p), PANE_LINES_DEFAULT);
	assert_int_equal(pane_total(p), 200000);
	assert_string_equal(last(p), "Installing package 99 of the flood ...");
	pane_free(p);
}

static void
test_pane_unfinished_line_is_continued(void **state)
{
	struct pane *p = pane_new(10);
	enum pane_line_kind kind;

	(void)state;
	put(p, "Reboot the system ? [yes,no] (no) ");
	assert_int_equal(pane_count(p), 1);
	/* The router's pause was inside a line: the rest joins it. */
	put(p, "\nShutdown NOW!\n");
	assert_int_equal(pane_count(p), 2);
	assert_string_equal(pane_line(p, 0, NULL),
	    "Reboot the system ? [yes,no] (no) ");
	put(p, "Reboot con");
	put(p, "sole\n");
	assert_string_equal(last(p), "Reboot console");
	/* What the console typed starts and ends its own line. */
	put(p, "Password:");
	assert_int_equal(pane_append(p, "> yes", 5, PANE_SENT), 0);
	put(p, "ok\n");
	assert_string_equal(pane_line(p, 3, NULL), "Password:");
	assert_string_equal(pane_line(p, 4, &kind), "> yes");
	assert_int_equal(kind, PANE_SENT);
	assert_string_equal(pane_line(p, 5, &kind), "ok");
	assert_int_equal(kind, PANE_RECEIVED);
	pane_free(p);
}

static void
test_pane_blank_lines_and_empty_text(void **state)
{
	struct pane *p = pane_new(10);

	(void)state;
	assert_int_equal(pane_append(p, "", 0, PANE_RECEIVED), 0);
	assert_int_equal(pane_count(p), 0);
	put(p, "a\n\n\nb\n");
	assert_int_equal(pane_count(p), 4);
	assert_string_equal(pane_line(p, 1, NULL), "");
	assert_string_equal(pane_line(p, 2, NULL), "");
	assert_string_equal(pane_line(p, 3, NULL), "b");
	pane_free(p);
}

/* ---- what is stored is safe to draw ---------------------------------------------- */

static void
test_pane_controls_are_made_harmless(void **state)
{
	struct pane *p = pane_new(10);

	(void)state;
	/* An escape sequence, a bell, CR line ends, a DEL, a C1 control. */
	put(p, "\x1b[2Jcleared\a\r\n");
	put(p, "a\x7f" "b\xc2\x9b" "c\r\n");
	assert_string_equal(pane_line(p, 0, NULL), "?[2Jcleared?");
	assert_string_equal(pane_line(p, 1, NULL), "a?b?c");
	pane_free(p);
}

static void
test_pane_tabs_become_spaces(void **state)
{
	struct pane *p = pane_new(10);

	(void)state;
	put(p, "Slot\t0\tOnline\n");
	assert_string_equal(last(p), "Slot    0       Online");
	pane_free(p);
}

static void
test_pane_utf8_kept_and_invalid_bytes_replaced(void **state)
{
	struct pane *p = pane_new(10);

	(void)state;
	put(p, "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\n");
	assert_string_equal(last(p), "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac");
	/* A lone continuation byte, an overlong '/', a surrogate, a cut
	 * sequence at the end. */
	put(p, "x\x80y\xc0\xafz\xed\xa0\x80w\xe6\x97\n");
	assert_string_equal(last(p), "x?y??z???w??");
	pane_free(p);
}

static void
test_pane_long_line_cut_on_a_character(void **state)
{
	struct pane *p = pane_new(4);
	char *big = malloc(PANE_LINE_MAX + 100);
	struct pane_row rows[PANE_WRAP_MAX + 1];
	size_t i, n;
	int k;

	(void)state;
	assert_non_null(big);
	/* "é" is two bytes: with one ASCII byte first, the limit falls
	 * inside a character. */
	big[0] = 'a';
	for (i = 1; i + 1 < PANE_LINE_MAX + 98; i += 2) {
		big[i] = '\xc3';
		big[i + 1] = '\xa9';
	}
	big[i] = '\n';
	assert_int_equal(pane_append(p, big, i + 1, PANE_RECEIVED), 0);
	n = strlen(last(p));
	assert_true(n <= PANE_LINE_MAX);
	assert_true(n >= PANE_LINE_MAX - 1);
	assert_int_equal(text_width(last(p), n, true), 1 + (int)(n - 1) / 2);
	/* The next line is a line of its own. */
	put(p, "tail\n");
	assert_int_equal(pane_count(p), 2);
	/* Drawn: wrapped, then cut, and marked so. */
	k = pane_render(p, 40, PANE_WRAP_MAX + 1, true, rows);
	assert_int_equal(k, PANE_WRAP_MAX + 1);
	assert_true(rows[PANE_WRAP_MAX - 1].flags & PANE_ROW_CUT);
	assert_true(rows[1].flags & PANE_ROW_CONT);
	free(big);
	pane_free(p);
}

/* ---- rows ----------------------------------------------------------------------- */

static void
test_pane_wraps_at_the_width(void **state)
{
	struct pane *p = pane_new(10);
	struct pane_row rows[10];
	int n;

	(void)state;
	put(p, "0123456789abcdefghijKLMNO\n");
	n = pane_render(p, 10, 10, true, rows);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].len, 10);
	assert_memory_equal(rows[1].text, "abcdefghij", 10);
	assert_int_equal(rows[2].len, 5);
	assert_int_equal(rows[0].flags, 0);
	assert_int_equal(rows[2].flags, PANE_ROW_CONT);
	assert_int_equal(pane_line_rows("0123456789", 10, 10, true), 1);
	assert_int_equal(pane_line_rows("", 0, 10, true), 1);
	pane_free(p);
}

/* Router output wraps between words when that fills half a row: a size or
 * a release stays whole; a long run without spaces is still cut. */
static void
test_pane_wraps_between_words(void **state)
{
	struct pane *p = pane_new(10);
	struct pane_row rows[10];
	int n;

	(void)state;
	put(p, "/dev/ad0s1a   885M   34G  /var\n");
	n = pane_render(p, 20, 10, true, rows);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].len, 18);
	assert_memory_equal(rows[0].text, "/dev/ad0s1a   885M", 18);
	assert_int_equal(rows[1].len, 9);
	assert_memory_equal(rows[1].text, "34G  /var", 9);
	assert_int_equal(rows[1].flags, PANE_ROW_CONT);
	assert_int_equal(pane_line_rows("/dev/ad0s1a   885M   34G  /var", 30,
	    20, true), 2);
	/* The only space too early (less than half a row): cut at the width. */
	put(p, "ab cdefghijklmnopqrstuvwxyz\n");
	n = pane_render(p, 20, 1, true, rows);
	assert_int_equal(n, 1);
	n = pane_render(p, 20, 10, true, rows);
	assert_int_equal(rows[n - 2].len, 20);
	assert_int_equal(rows[n - 1].len, 7);
	assert_memory_equal(rows[n - 1].text, "tuvwxyz", 7);
	pane_free(p);
}

static void
test_pane_wide_characters_never_split(void **state)
{
	struct pane *p = pane_new(10);
	struct pane_row rows[10];
	int n;

	(void)state;
	/* 日本語: three characters of two columns in five columns. */
	put(p, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n");
	n = pane_render(p, 5, 10, true, rows);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].len, 6);
	assert_int_equal(rows[1].len, 3);
	/* Without a UTF-8 terminal each is one '?' column. */
	n = pane_render(p, 5, 10, false, rows);
	assert_int_equal(n, 1);
	pane_free(p);
}

static void
test_pane_wrap_is_bounded(void **state)
{
	struct pane *p = pane_new(10);
	struct pane_row rows[20];
	char line[200];
	int n;

	(void)state;
	memset(line, 'x', 150);
	line[150] = '\n';
	assert_int_equal(pane_append(p, line, 151, PANE_RECEIVED), 0);
	n = pane_render(p, 10, 20, true, rows);
	assert_int_equal(n, PANE_WRAP_MAX);
	assert_true(rows[n - 1].flags & PANE_ROW_CUT);
	assert_false(rows[n - 2].flags & PANE_ROW_CUT);
	pane_free(p);
}

static void
test_pane_render_shows_the_newest_at_the_bottom(void **state)
{
	struct pane *p = pane_new(100);
	struct pane_row rows[5];
	char line[32];
	int i, n;

	(void)state;
	put(p, "first\nsecond\n");
	n = pane_render(p, 20, 5, true, rows);
	assert_int_equal(n, 2);		/* few lines: from the top */
	assert_memory_equal(rows[0].text, "first", 5);
	for (i = 0; i < 20; i++) {
		snprintf(line, sizeof line, "l%02d\n", i);
		put(p, line);
	}
	n = pane_render(p, 20, 5, true, rows);
	assert_int_equal(n, 5);
	assert_memory_equal(rows[4].text, "l19", 3);
	assert_memory_equal(rows[0].text, "l15", 3);
	/* The top line shows its last rows when it does not fit whole. */
	put(p, "AAAAAAAAAAbbbbb\n");
	n = pane_render(p, 10, 5, true, rows);
	assert_int_equal(n, 5);
	assert_memory_equal(rows[4].text, "bbbbb", 5);
	assert_memory_equal(rows[2].text, "l19", 3);
	assert_int_equal(pane_render(p, 0, 5, true, rows), 0);
	assert_int_equal(pane_render(p, 10, 0, true, rows), 0);
	pane_free(p);
}

/* ---- scrolling ------------------------------------------------------------------ */

static struct pane *
numbered(int lines, size_t max)
{
	struct pane *p = pane_new(max);
	char line[32];
	int i;

	for (i = 0; i < lines; i++) {
		snprintf(line, sizeof line, "%d\n", i);
		put(p, line);
	}
	return p;
}

/* The number on the bottom row. */
static int
bottom(const struct pane *p, int height)
{
	struct pane_row rows[64];
	int n = pane_render(p, 20, height, true, rows);

	return n > 0 ? atoi(rows[n - 1].text) : -1;
}

static void
test_pane_page_up_and_down(void **state)
{
	struct pane *p = numbered(100, 1000);

	(void)state;
	assert_true(pane_following(p));
	assert_int_equal(bottom(p, 10), 99);
	pane_page_up(p, 20, 10, true);
	assert_false(pane_following(p));
	assert_int_equal(bottom(p, 10), 90);	/* the old top line */
	assert_int_equal(pane_below(p, 20, 10, true), 9);
	pane_page_up(p, 20, 10, true);
	assert_int_equal(bottom(p, 10), 81);
	pane_page_down(p, 20, 10, true);
	assert_int_equal(bottom(p, 10), 90);
	pane_page_down(p, 20, 10, true);
	assert_true(pane_following(p));
	assert_int_equal(pane_below(p, 20, 10, true), 0);
	pane_free(p);
}

static void
test_pane_home_end_and_lines(void **state)
{
	struct pane *p = numbered(100, 1000);

	(void)state;
	pane_home(p, 20, 10, true);
	assert_int_equal(bottom(p, 10), 9);	/* line 0 on the top row */
	pane_page_up(p, 20, 10, true);
	assert_int_equal(bottom(p, 10), 9);	/* nothing above */
	pane_scroll_lines(p, 3, 20, 10, true);
	assert_int_equal(bottom(p, 10), 12);
	pane_scroll_lines(p, -50, 20, 10, true);
	assert_int_equal(bottom(p, 10), 9);	/* clamped to the oldest */
	pane_end(p);
	assert_true(pane_following(p));
	pane_scroll_lines(p, -1, 20, 10, true);
	assert_int_equal(bottom(p, 10), 98);
	pane_scroll_lines(p, 1, 20, 10, true);
	assert_true(pane_following(p));
	pane_free(p);
}

static void
test_pane_anchored_view_stays_while_lines_arrive(void **state)
{
	struct pane *p = numbered(100, 1000);
	char line[32];
	int i;

	(void)state;
	pane_page_up(p, 20, 10, true);
	assert_int_equal(bottom(p, 10), 90);
	for (i = 100; i < 150; i++) {
		snprintf(line, sizeof line, "%d\n", i);
		put(p, line);
	}
	assert_int_equal(bottom(p, 10), 90);
	assert_int_equal(pane_below(p, 20, 10, true), 59);
	pane_free(p);
}

static void
test_pane_anchor_follows_the_ring_when_dropped(void **state)
{
	struct pane *p = numbered(50, 50);
	char line[32];
	int i;

	(void)state;
	pane_home(p, 20, 10, true);
	assert_int_equal(bottom(p, 10), 9);
	for (i = 50; i < 70; i++) {
		snprintf(line, sizeof line, "%d\n", i);
		put(p, line);
	}
	/* Lines 0-19 are gone: the view is on the oldest one left. */
	assert_int_equal(pane_count(p), 50);
	assert_int_equal(bottom(p, 10), 29);
	assert_false(pane_following(p));
	pane_free(p);
}

static void
test_pane_page_counts_wrapped_rows(void **state)
{
	struct pane *p = pane_new(100);
	char line[64];
	int i;

	(void)state;
	/* Each line takes two rows at width 20. */
	for (i = 0; i < 40; i++) {
		snprintf(line, sizeof line, "%02d-------------------------\n", i);
		put(p, line);
	}
	pane_page_up(p, 20, 10, true);
	/* Five lines filled ten rows: the top one (35) is now the bottom. */
	assert_int_equal(pane_below(p, 20, 10, true), 4);
	pane_free(p);
}

static void
test_pane_empty_is_harmless(void **state)
{
	struct pane *p = pane_new(0);	/* at least one line */
	struct pane_row rows[4];

	(void)state;
	pane_page_up(p, 20, 10, true);
	pane_page_down(p, 20, 10, true);
	pane_home(p, 20, 10, true);
	pane_scroll_lines(p, -5, 20, 10, true);
	pane_end(p);
	assert_int_equal(pane_render(p, 20, 4, true, rows), 0);
	assert_int_equal(pane_below(p, 20, 10, true), 0);
	put(p, "a\nb\n");
	assert_int_equal(pane_count(p), 1);
	pane_free(p);
	pane_free(NULL);
}

/* ---- text helpers --------------------------------------------------------------- */

static void
test_text_width_and_fit(void **state)
{
	const char *s = "a\xc3\xa9\xe6\x97\xa5z";	/* a é 日 z */
	int used;

	(void)state;
	assert_int_equal(text_width(s, strlen(s), true), 5);
	assert_int_equal(text_width(s, strlen(s), false), 4);
	assert_int_equal(text_fit(s, strlen(s), 3, true, &used), 3);
	assert_int_equal(used, 2);		/* 日 does not fit in one */
	assert_int_equal(text_fit(s, strlen(s), 4, true, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(text_fit(s, strlen(s), 0, true, &used), 0);
	/* Combining acute: no column of its own. */
	assert_int_equal(text_width("e\xcc\x81", 3, true), 1);
}

static void
test_text_word_wrap(void **state)
{
	const char *s = "Type re0 to confirm, Esc to cancel:";
	size_t next, n;

	(void)state;
	n = text_wrap_row(s, strlen(s), 20, true, &next);
	assert_int_equal(n, strlen("Type re0 to confirm,"));
	assert_string_equal(s + next, "Esc to cancel:");
	n = text_wrap_row(s + next, strlen(s + next), 20, true, &next);
	assert_int_equal(n, strlen("Esc to cancel:"));
	assert_int_equal(text_wrap_rows(s, strlen(s), 20, true), 2);
	/* A newline ends a row; a word longer than the row is cut. */
	assert_int_equal(text_wrap_rows("a\n\nb", 4, 20, true), 3);
	assert_int_equal(text_wrap_rows("abcdefghij", 10, 4, true), 3);
	assert_int_equal(text_wrap_rows("", 0, 4, true), 1);
	/* Never stuck on a character wider than the row. */
	assert_int_equal(text_wrap_rows("\xe6\x97\xa5\xe6\x97\xa5", 6, 1, true),
	    2);
}

static void
test_text_sanitize_reports_a_cut(void **state)
{
	char out[8];
	bool cut;

	(void)state;
	assert_int_equal(text_sanitize("abc", 3, 0, out, sizeof out, &cut), 3);
	assert_false(cut);
	/* "é" would straddle the end: stop before it. */
	assert_int_equal(text_sanitize("abcdef\xc3\xa9", 8, 0, out, 8, &cut), 6);
	assert_true(cut);
	assert_string_equal(out, "abcdef");
	/* A tab counts from the column the text starts at. */
	assert_int_equal(text_sanitize("\t", 1, 5, out, sizeof out, &cut), 3);
}

/* ---- layout --------------------------------------------------------------------- */

static bool
inside(const struct rect *r, const struct layout *l)
{
	return r->y >= 0 && r->x >= 0 && r->h >= 0 && r->w >= 0 &&
	    r->y + r->h <= l->rows && r->x + r->w <= l->width;
}

static bool
overlap(const struct rect *a, const struct rect *b)
{
	if (a->h == 0 || a->w == 0 || b->h == 0 || b->w == 0)
		return false;
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	    b->y < a->y + a->h;
}

static void
check_layout(int cols, int rows, int banner)
{
	struct layout l;
	const struct rect *all[16];
	size_t n = 0, i, j;
	int used;

	layout_compute(cols, rows, banner, &l);
	assert_false(l.too_small);
	assert_int_equal(l.width, cols > 250 ? 250 : cols);
	all[n++] = &l.header;
	all[n++] = &l.banner;
	all[n++] = &l.status[0];
	all[n++] = &l.status_bar;
	all[n++] = &l.status[1];
	all[n++] = &l.rule_top;
	all[n++] = &l.titles;
	all[n++] = &l.phases;
	all[n++] = &l.out[0];
	all[n++] = &l.out[1];
	all[n++] = &l.rule_bottom;
	all[n++] = &l.message;
	all[n++] = &l.keys;
	for (i = 0; i < n; i++) {
		assert_true(inside(all[i], &l));
		for (j = i + 1; j < n; j++)
			assert_false(overlap(all[i], all[j]));
	}
	/* Every row is used once, top to bottom. */
	used = l.header.h + l.banner.h + l.status[0].h + l.rule_top.h +
	    l.titles.h + l.phases.h + l.rule_bottom.h + l.message.h + l.keys.h;
	assert_int_equal(used, rows);
	assert_int_equal(l.header.y, 0);
	assert_int_equal(l.keys.y, rows - 1);
	/* Side by side, the full width. */
	assert_int_equal(l.status[0].w + 1 + l.status[1].w, l.width);
	assert_int_equal(l.phases.w + 1 + l.out[0].w + 1 + l.out[1].w, l.width);
	assert_int_equal(l.out[0].h, l.out[1].h);
	assert_true(l.out[1].w - l.out[0].w <= 1);
	/* Room for the eight steps and readable panes. */
	assert_true(l.phases.h >= 8);
	assert_true(l.phases.w >= 24);
	assert_true(l.out[0].w >= 26);
	assert_int_equal(l.bar[0].x, l.phases.w);
	assert_int_equal(l.bar[1].x, l.out[0].x + l.out[0].w);
	assert_int_equal(l.message.h, rows >= 30 ? 3 : 2);
}

static void
test_layout_at_the_usual_sizes(void **state)
{
	struct layout l;

	(void)state;
	check_layout(80, 24, 0);
	check_layout(100, 30, 0);
	check_layout(200, 50, 0);
	check_layout(250, 60, 0);
	check_layout(81, 25, 0);
	/* 80x24: what the sketch gives. */
	layout_compute(80, 24, 0, &l);
	assert_int_equal(l.phases.h, 14);
	assert_int_equal(l.phases.w, 24);
	assert_int_equal(l.out[0].w, 27);
	assert_int_equal(l.out[1].w, 27);
	/* 200x50: the phase list and the panes grow. */
	layout_compute(200, 50, 0, &l);
	assert_int_equal(l.phases.w, 40);
	assert_int_equal(l.out[0].w + l.out[1].w, 158);
	assert_int_equal(l.phases.h, 39);
}

static void
test_layout_beyond_250_columns_leaves_the_rest(void **state)
{
	struct layout l;

	(void)state;
	check_layout(300, 80, 0);
	layout_compute(300, 80, 0, &l);
	assert_int_equal(l.width, 250);
	assert_int_equal(l.cols, 300);
	assert_int_equal(l.out[1].x + l.out[1].w, 250);
}

static void
test_layout_too_small(void **state)
{
	struct layout l;

	(void)state;
	layout_compute(79, 24, 0, &l);
	assert_true(l.too_small);
	layout_compute(80, 23, 0, &l);
	assert_true(l.too_small);
	layout_compute(0, 0, 0, &l);
	assert_true(l.too_small);
	assert_int_equal(l.cols, 0);
}

static void
test_layout_banner_row_when_narrow(void **state)
{
	struct layout l;
	int banner = 50;		/* "PRACTICE - simulated chassis (...)" */

	(void)state;
	check_layout(80, 24, banner);
	layout_compute(80, 24, banner, &l);
	assert_int_equal(l.banner.h, 1);
	assert_int_equal(l.banner.y, 1);
	assert_int_equal(l.phases.h, 13);
	layout_compute(200, 50, banner, &l);
	assert_int_equal(l.banner.h, 0);	/* beside the header */
	check_layout(200, 50, banner);
}

/* Every size from the minimum to 250x60: the invariants hold. */
static void
test_layout_every_size(void **state)
{
	int c, r;

	(void)state;
	for (c = 80; c <= 250; c += 7)
		for (r = 24; r <= 60; r += 3)
			check_layout(c, r, (c + r) % 2 ? 50 : 0);
}

/* The dialog says what sessions/ does: a password is kept for that RE's
 * reconnects and wiped at the end, not "forgotten once used". */
static void
test_secret_words_say_how_long_it_is_kept(void **state)
{
	char body[1024], small[40];

	(void)state;
	secret_words_body(body, sizeof body, 1, "192.0.2.11:22", false,
	    "netops@192.0.2.11", 1);
	assert_string_equal(body, "The SSH login to re1 (192.0.2.11:22) needs "
	    "the password for netops@192.0.2.11.\n\nIt goes to the SSH session "
	    "only: it is never shown and never written to the transcript. It is "
	    "kept in memory for this console's reconnects to re1 (after a "
	    "reboot, say) and wiped when the console ends.");
	secret_words_body(body, sizeof body, 0, "192.0.2.10:22", true,
	    "/home/n/.ssh/id_ed25519", 2);
	assert_non_null(strstr(body, "That was refused: try again.\n\nThe SSH "
	    "login to re0 (192.0.2.10:22) needs the passphrase for "
	    "/home/n/.ssh/id_ed25519."));
	assert_non_null(strstr(body, "The passphrase is wiped once used; the key "
	    "it opens is kept in memory for this console's reconnects to re0"));
	assert_null(strstr(body, "forgotten"));
	secret_words_body(small, sizeof small, 0, "a", false, "b", 1);
	assert_int_equal(strlen(small), sizeof small - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secret_words_say_how_long_it_is_kept),
		cmocka_unit_test(test_pane_ring_keeps_the_newest_lines),
		cmocka_unit_test(test_pane_ring_bound_under_a_flood),
		cmocka_unit_test(test_pane_unfinished_line_is_continued),
		cmocka_unit_test(test_pane_blank_lines_and_empty_text),
		cmocka_unit_test(test_pane_controls_are_made_harmless),
		cmocka_unit_test(test_pane_tabs_become_spaces),
		cmocka_unit_test(test_pane_utf8_kept_and_invalid_bytes_replaced),
		cmocka_unit_test(test_pane_long_line_cut_on_a_character),
		cmocka_unit_test(test_pane_wraps_at_the_width),
		cmocka_unit_test(test_pane_wraps_between_words),
		cmocka_unit_test(test_pane_wide_characters_never_split),
		cmocka_unit_test(test_pane_wrap_is_bounded),
		cmocka_unit_test(test_pane_render_shows_the_newest_at_the_bottom),
		cmocka_unit_test(test_pane_page_up_and_down),
		cmocka_unit_test(test_pane_home_end_and_lines),
		cmocka_unit_test(test_pane_anchored_view_stays_while_lines_arrive),
		cmocka_unit_test(test_pane_anchor_follows_the_ring_when_dropped),
		cmocka_unit_test(test_pane_page_counts_wrapped_rows),
		cmocka_unit_test(test_pane_empty_is_harmless),
		cmocka_unit_test(test_text_width_and_fit),
		cmocka_unit_test(test_text_word_wrap),
		cmocka_unit_test(test_text_sanitize_reports_a_cut),
		cmocka_unit_test(test_layout_at_the_usual_sizes),
		cmocka_unit_test(test_layout_beyond_250_columns_leaves_the_rest),
		cmocka_unit_test(test_layout_too_small),
		cmocka_unit_test(test_layout_banner_row_when_narrow),
		cmocka_unit_test(test_layout_every_size),
	};

	/* Widths follow LC_CTYPE: a UTF-8 one, whatever the caller has. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL) {
		fprintf(stderr, "test_pane: no UTF-8 locale (C.UTF-8)\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
