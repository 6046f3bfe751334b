/*
 * term.c - curses set-up, restoration on every exit path, colours, glyphs,
 * text drawing and keys (see term.h).
 *
 * The crash handler cannot call endwin() safely (it is not async-signal-
 * safe), so the strings that put the terminal back (sgr0, cnorm, rmkx,
 * rmcup) and the terminal modes from before curses are saved at start and
 * written with write()/tcsetattr(), which are.
 */
#include "tui/term.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <term.h>

#include "tui/text.h"

static const struct {
	short fg, bg;
	attr_t attr, mono;
} term_colour_table[TERM_COLOUR_COUNT] = {
#define X(name, fg, bg, attr, mono) [TERM_##name] = { fg, bg, attr, mono },
	TERM_COLOURS
#undef X
};

static SCREEN *term_screen;
static bool term_running;
static bool term_is_utf8;
static bool term_use_colour;
static bool term_atexit_done;

/* For the signal handlers. */
static struct termios term_saved_tio;
static bool term_have_tio;
static char term_reset_seq[256];
static size_t term_reset_len;
static pthread_t term_main_thread;
static volatile sig_atomic_t term_quit_sig;
static volatile sig_atomic_t term_winch;

static const int term_quit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int term_crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
	SIGABRT };
#define TERM_NSIG	65
static struct sigaction term_old[TERM_NSIG];
static bool term_old_saved[TERM_NSIG];

/* Async-signal-safe: the terminal as it was before curses. */
static void
term_restore_raw(void)
{
	ssize_t n;

	if (term_reset_len > 0)
		n = write(STDOUT_FILENO, term_reset_seq, term_reset_len);
	(void)n;
	if (term_have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &term_saved_tio);
}

/* A signal caught on a session's worker thread is passed on to the main
 * thread, whose poll() it interrupts; only the main thread acts on it. */
static bool
term_on_main(int sig)
{
	if (pthread_equal(pthread_self(), term_main_thread))
		return true;
	pthread_kill(term_main_thread, sig);
	return false;
}

static void
term_on_quit(int sig)
{
	int saved = errno;

	if (term_on_main(sig)) {
		if (term_quit_sig != 0) {
			/* Asked again and the loop has not got to it: the
			 * terminal back, and go. */
			term_restore_raw();
			signal(sig, SIG_DFL);
			raise(sig);
		}
		term_quit_sig = sig;
	}
	errno = saved;
}

static void
term_on_winch(int sig)
{
	int saved = errno;

	if (term_on_main(sig))
		term_winch = 1;
	errno = saved;
}

static void
term_on_crash(int sig)
{
	term_restore_raw();
	if (sig < TERM_NSIG && term_old_saved[sig])
		sigaction(sig, &term_old[sig], NULL);
	else
		signal(sig, SIG_DFL);
	/* Delivered again on return, to the previous handler (a sanitizer's)
	 * or the default action (core). */
	raise(sig);
}

static void
term_catch(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = fn;
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, sig < TERM_NSIG && !term_old_saved[sig] ?
	    &term_old[sig] : NULL) == 0 && sig < TERM_NSIG)
		term_old_saved[sig] = true;
}

static void
term_signals_install(void)
{
	size_t i;

	term_main_thread = pthread_self();
	for (i = 0; i < sizeof term_quit_signals / sizeof term_quit_signals[0];
	    i++)
		term_catch(term_quit_signals[i], term_on_quit);
	for (i = 0; i < sizeof term_crash_signals / sizeof
	    term_crash_signals[0]; i++)
		term_catch(term_crash_signals[i], term_on_crash);
	term_catch(SIGWINCH, term_on_winch);
	term_catch(SIGTSTP, SIG_IGN);
	term_catch(SIGPIPE, SIG_IGN);
}

static void
term_signals_restore(void)
{
	int sig;

	for (sig = 1; sig < TERM_NSIG; sig++)
		if (term_old_saved[sig]) {
			/* A dead terminal must not kill the records' writing. */
			if (sig != SIGPIPE)
				sigaction(sig, &term_old[sig], NULL);
			term_old_saved[sig] = false;
		}
}

static void
term_add_cap(const char *name)
{
	char *s = tigetstr((char *)name);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (term_reset_len + n < sizeof term_reset_seq) {
		memcpy(term_reset_seq + term_reset_len, s, n);
		term_reset_len += n;
	}
}

static void
term_colours_start(void)
{
	const char *nc = getenv("NO_COLOR");
	int i;

	term_use_colour = false;
	if ((nc != NULL && nc[0] != '\0') || !has_colors() ||
	    start_color() != OK)
		return;
	if (use_default_colors() != OK) {
		/* No "default" colour: -1 becomes white on black. */
		for (i = 1; i < TERM_COLOUR_COUNT; i++)
			init_pair((short)i, term_colour_table[i].fg < 0 ?
			    COLOR_WHITE : term_colour_table[i].fg,
			    term_colour_table[i].bg < 0 ? COLOR_BLACK :
			    term_colour_table[i].bg);
	} else {
		for (i = 1; i < TERM_COLOUR_COUNT; i++)
			init_pair((short)i, term_colour_table[i].fg,
			    term_colour_table[i].bg);
	}
	term_use_colour = COLOR_PAIRS > TERM_COLOUR_COUNT;
}

int
term_check(char *err, size_t errlen)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "the console needs a terminal on standard "
		    "input and output (issu-console run is the plain line mode)");
		return -1;
	}
	return 0;
}

int
term_start(char *err, size_t errlen)
{
	if (term_check(err, errlen) != 0)
		return -1;
	return term_start_on(stdin, stdout, true, err, errlen);
}

int
term_start_on(FILE *in, FILE *out, bool signals, char *err, size_t errlen)
{
	const char *tn = getenv("TERM");

	if (term_running)
		return 0;
	setlocale(LC_ALL, "");
	term_is_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	term_have_tio = signals && tcgetattr(fileno(in), &term_saved_tio) == 0;
	/* Handlers first: curses then leaves SIGINT, SIGTERM, SIGWINCH and
	 * SIGTSTP to us. */
	if (signals)
		term_signals_install();
	set_escdelay(25);
	term_screen = newterm(NULL, out, in);
	if (term_screen == NULL) {
		term_signals_restore();
		snprintf(err, errlen, "cannot use the terminal (TERM=%s)",
		    tn != NULL ? tn : "unset");
		return -1;
	}
	term_running = true;
	if (!term_atexit_done) {
		atexit(term_end);
		term_atexit_done = true;
	}
	term_reset_len = 0;
	term_add_cap("sgr0");
	term_add_cap("cnorm");
	term_add_cap("rmkx");
	term_add_cap("rmcup");
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	term_colours_start();
	return 0;
}

void
term_end(void)
{
	if (!term_running)
		return;
	term_running = false;
	curs_set(1);
	endwin();
	fflush(stdout);
	term_signals_restore();
	delscreen(term_screen);
	term_screen = NULL;
}

void
term_fatal(const char *fmt, ...)
{
	va_list ap;

	term_end();
	fputs("issu-console: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

bool
term_utf8(void)
{
	return term_is_utf8;
}

bool
term_colour(void)
{
	return term_use_colour;
}

attr_t
term_attr(enum term_colour c)
{
	if ((unsigned)c >= TERM_COLOUR_COUNT)
		c = TERM_NORMAL;
	if (!term_use_colour)
		return term_colour_table[c].mono;
	return term_colour_table[c].attr | (c == TERM_NORMAL ? 0 :
	    COLOR_PAIR((int)c));
}

int
term_put(WINDOW *w, int y, int x, int width, const char *s, size_t len,
    attr_t a)
{
	size_t i = 0;
	int used = 0;

	if (width <= 0)
		return 0;
	wattrset(w, a);
	wmove(w, y, x);
	while (i < len) {
		wchar_t wb[128];
		char cb[128];
		int n = 0;

		while (i < len && n < 127) {
			unsigned cp;
			size_t k = text_next(s + i, len - i, &cp);
			int cw = text_cp_width(cp, term_is_utf8);

			if (used + cw > width)
				break;
			if (!text_cp_printable(cp, term_is_utf8))
				cp = '?';
			if (term_is_utf8)
				wb[n++] = (wchar_t)cp;
			else
				cb[n++] = (char)cp;
			used += cw;
			i += k;
		}
		if (n == 0)
			break;
		if (term_is_utf8)
			waddnwstr(w, wb, n);
		else
			waddnstr(w, cb, n);
	}
	wattrset(w, A_NORMAL);
	return used;
}

int
term_puts(WINDOW *w, int y, int x, int width, const char *s, attr_t a)
{
	return term_put(w, y, x, width, s, strlen(s), a);
}

/* Each glyph as a VT100 alternate-character (the index curses' WACS_*
 * table uses) and as ASCII. */
static const struct {
	char acs, ascii;
} term_glyphs[] = {
	[TERM_HLINE] = { 'q', '-' }, [TERM_VLINE] = { 'x', '|' },
	[TERM_ULCORNER] = { 'l', '+' }, [TERM_URCORNER] = { 'k', '+' },
	[TERM_LLCORNER] = { 'm', '+' }, [TERM_LRCORNER] = { 'j', '+' },
	[TERM_TTEE] = { 'w', '+' }, [TERM_BTEE] = { 'v', '+' },
	[TERM_LTEE] = { 't', '+' }, [TERM_RTEE] = { 'u', '+' },
	[TERM_PLUS] = { 'n', '+' },
};

void
term_glyph(WINDOW *w, int y, int x, enum term_glyph g, attr_t a)
{
	wattrset(w, a);
	if (term_is_utf8)
		mvwadd_wch(w, y, x, NCURSES_WACS(term_glyphs[g].acs));
	else
		mvwaddch(w, y, x, (chtype)(unsigned char)term_glyphs[g].ascii);
	wattrset(w, A_NORMAL);
}

void
term_hline(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wattrset(w, a);
	if (term_is_utf8)
		mvwhline_set(w, y, x, WACS_HLINE, n);
	else
		mvwhline(w, y, x, '-', n);
	wattrset(w, A_NORMAL);
}

void
term_vline(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wattrset(w, a);
	if (term_is_utf8)
		mvwvline_set(w, y, x, WACS_VLINE, n);
	else
		mvwvline(w, y, x, '|', n);
	wattrset(w, A_NORMAL);
}

void
term_frame(WINDOW *w, int y, int x, int h, int wd, attr_t a)
{
	int r;

	if (h < 2 || wd < 2)
		return;
	for (r = 1; r < h - 1; r++) {
		wattrset(w, a);
		mvwhline(w, y + r, x + 1, ' ', wd - 2);
	}
	term_hline(w, y, x + 1, wd - 2, a);
	term_hline(w, y + h - 1, x + 1, wd - 2, a);
	term_vline(w, y + 1, x, h - 2, a);
	term_vline(w, y + 1, x + wd - 1, h - 2, a);
	term_glyph(w, y, x, TERM_ULCORNER, a);
	term_glyph(w, y, x + wd - 1, TERM_URCORNER, a);
	term_glyph(w, y + h - 1, x, TERM_LLCORNER, a);
	term_glyph(w, y + h - 1, x + wd - 1, TERM_LRCORNER, a);
}

int
term_key(wint_t *ch)
{
	if (term_winch) {
		struct winsize ws;

		term_winch = 0;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
		    ws.ws_col > 0)
			resize_term(ws.ws_row, ws.ws_col);
		clearok(curscr, TRUE);
		*ch = KEY_RESIZE;
		return KEY_CODE_YES;
	}
	return get_wch(ch);
}

bool
term_input_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR |
	    POLLNVAL)) != 0;
}

void
term_clear_interrupt(void)
{
	if (term_quit_sig == SIGINT)
		term_quit_sig = 0;
}

int
term_quit_signal(void)
{
	return term_quit_sig;
}
