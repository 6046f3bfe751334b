/*
 * term.h - the one module that owns the terminal (htop's CRT.c): curses set
 * up and torn down, and the terminal given back sane on every way out -
 * normal end, error, fatal(), SIGINT/SIGTERM/SIGHUP/SIGQUIT, and a crash
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT).
 *
 * Also here because they are the terminal's business: the colour table
 * (an X-macro; with NO_COLOR set or a monochrome terminal each entry falls
 * back to bold or reverse video, and every state is written in words
 * anyway), line drawing (WACS_* under a UTF-8 locale, + - | otherwise),
 * drawing text cut to a width, and keys (a resize arrives as KEY_RESIZE).
 *
 * Signals: handlers only set flags (forwarding the signal to the main
 * thread when a session's worker thread caught it, so that the main loop's
 * poll() returns at once); the owner loop reads them with term_key() and
 * term_quit_signal().  A second quit signal while the first is not yet
 * handled (a stuck loop) restores the terminal and ends the process.
 * SIGTSTP is ignored while curses runs: suspending the console mid-ISSU
 * would freeze it while the router and the time limits go on.
 */
#ifndef TUI_TERM_H
#define TUI_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

#include <curses.h>

/*
 * X(name, foreground, background, attributes in colour, attributes in
 * monochrome: A_BOLD and A_REVERSE only).  -1 is the terminal's default.
 */
#define TERM_COLOURS \
	X(NORMAL,	-1,		-1,		A_NORMAL, A_NORMAL) \
	X(HEADER,	COLOR_WHITE,	COLOR_BLUE,	A_BOLD,	A_REVERSE) \
	X(BANNER,	COLOR_BLACK,	COLOR_YELLOW,	A_BOLD,	A_REVERSE | A_BOLD) \
	X(TITLE,	-1,		-1,		A_BOLD,	A_BOLD) \
	X(FOCUS,	COLOR_BLACK,	COLOR_CYAN,	A_NORMAL, A_REVERSE) \
	X(MASTER,	COLOR_GREEN,	-1,		A_BOLD,	A_BOLD) \
	X(BACKUP,	COLOR_CYAN,	-1,		A_BOLD,	A_NORMAL) \
	X(DOWN,		COLOR_RED,	-1,		A_BOLD,	A_BOLD) \
	X(UNKNOWN,	COLOR_YELLOW,	-1,		A_NORMAL, A_NORMAL) \
	X(OK,		COLOR_GREEN,	-1,		A_NORMAL, A_NORMAL) \
	X(WARN,		COLOR_YELLOW,	-1,		A_BOLD,	A_BOLD) \
	X(DONE,		COLOR_GREEN,	-1,		A_NORMAL, A_NORMAL) \
	X(CURRENT,	COLOR_YELLOW,	-1,		A_BOLD,	A_BOLD | A_REVERSE) \
	X(FAILED,	COLOR_WHITE,	COLOR_RED,	A_BOLD,	A_BOLD | A_REVERSE) \
	X(SKIPPED,	COLOR_BLUE,	-1,		A_BOLD,	A_NORMAL) \
	X(SENT,		COLOR_CYAN,	-1,		A_BOLD,	A_BOLD) \
	X(NOTE,		COLOR_YELLOW,	-1,		A_NORMAL, A_NORMAL) \
	X(WAITING,	COLOR_YELLOW,	-1,		A_BOLD,	A_BOLD) \
	X(STOP,		COLOR_WHITE,	COLOR_RED,	A_BOLD,	A_BOLD | A_REVERSE) \
	X(DIALOG,	-1,		-1,		A_NORMAL, A_NORMAL) \
	X(DIALOG_TITLE,	COLOR_WHITE,	COLOR_BLUE,	A_BOLD,	A_REVERSE) \
	X(FIELD,	COLOR_BLACK,	COLOR_WHITE,	A_NORMAL, A_REVERSE) \
	X(KEY,		-1,		-1,		A_BOLD,	A_BOLD)

enum term_colour {
#define X(name, fg, bg, attr, mono) TERM_##name,
	TERM_COLOURS
#undef X
	TERM_COLOUR_COUNT
};

/* The glyphs of boxes and rules. */
enum term_glyph {
	TERM_HLINE, TERM_VLINE, TERM_ULCORNER, TERM_URCORNER, TERM_LLCORNER,
	TERM_LRCORNER, TERM_TTEE, TERM_BTEE, TERM_LTEE, TERM_RTEE, TERM_PLUS,
};

/* 0 when standard input and output are a terminal, else -1 with err. */
int term_check(char *err, size_t errlen);

/*
 * setlocale, curses on standard input and output (cbreak, noecho, keypad,
 * nodelay, no cursor), colours, signal handlers.  0, or -1 with err (no
 * terminal, unknown TERM); the terminal is untouched on -1.
 */
int term_start(char *err, size_t errlen);

/* The same on other streams (a benchmark's pseudo-terminal), with the
 * signal handlers only when `signals`.  The locale comes from the
 * environment (setlocale(LC_ALL, "")). */
int term_start_on(FILE *in, FILE *out, bool signals, char *err,
    size_t errlen);

/* Gives the terminal back (endwin) and the signal handlers; idempotent,
 * also run at exit(). */
void term_end(void);

/* Restores the terminal, prints "issu-console: <message>" and exits 2: for
 * broken invariants and allocation failures while curses runs. */
_Noreturn void term_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

bool term_utf8(void);			/* the locale's codeset is UTF-8 */
bool term_colour(void);			/* colours in use */
attr_t term_attr(enum term_colour c);	/* attributes and colour pair */

/* Draws up to `width` columns of s[0..len) at (y, x) with attribute a;
 * characters the locale cannot show are drawn as '?'.  Returns the columns
 * drawn. */
int term_put(WINDOW *w, int y, int x, int width, const char *s, size_t len,
    attr_t a);
/* The same for a NUL-terminated string. */
int term_puts(WINDOW *w, int y, int x, int width, const char *s, attr_t a);

void term_glyph(WINDOW *w, int y, int x, enum term_glyph g, attr_t a);
void term_hline(WINDOW *w, int y, int x, int n, attr_t a);
void term_vline(WINDOW *w, int y, int x, int n, attr_t a);
/* A frame around (y, x, h, w), inside cleared to blanks of attribute a. */
void term_frame(WINDOW *w, int y, int x, int h, int wd, attr_t a);

/*
 * The next key, without waiting: KEY_CODE_YES (*ch a KEY_* code), OK (*ch a
 * character) or ERR (nothing).  A terminal resize (SIGWINCH) is applied to
 * curses first and returned as KEY_RESIZE.
 */
int term_key(wint_t *ch);

/* True when standard input hung up (the terminal went away). */
bool term_input_gone(void);

/* The quit signal caught (SIGINT, SIGTERM, SIGHUP, SIGQUIT), 0 if none. */
int term_quit_signal(void);

/* Forgets a caught SIGINT: the console asks first, as for q, while the
 * router is mid-change (a second Ctrl-C then leaves). */
void term_clear_interrupt(void);

#endif
