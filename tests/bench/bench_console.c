/*
 * bench_console.c - does the console keep answering keys while an RE floods
 * its output pane?  (`make bench`; a measurement, not a test.)
 *
 * The console's own code on a real terminal: tui/pane.c, tui/screen.c and
 * tui/term.c drawing into curses on a pseudo-terminal whose other end a
 * thread reads as fast as it can (a fast terminal; its bytes are counted).
 * A producer thread pushes RE_EV_LINES events through sessions/
 * event_queue at BENCH_RATE lines/s (default 200,000) in batches the size
 * a session posts (64 KiB of 80-byte lines at most), and a key thread
 * types Tab, PgUp and End into the pseudo-terminal every 20-40 ms.  The
 * main loop is the driver's: poll the queue and the keys, append every
 * event's lines to the pane, read the keys, act, then draw once when
 * something changed.
 *
 * Reported: lines/s absorbed, frames/s and the time a frame takes, bytes/s
 * to the terminal, peak RSS, and the key latency - from the key's bytes
 * written to the terminal until the frame that shows its effect has been
 * written out (min, median, p99, max).  The target is p99 < 50 ms.
 *
 *   bench_console [--rate LINES_PER_S] [--seconds S] [--size COLSxROWS]...
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "procedure/issu.h"
#include "sessions/event_queue.h"
#include "tui/screen.h"
#include "tui/term.h"

enum { BC_LINE = 80, BC_BATCH_MAX = 65536 / BC_LINE, BC_KEYS_MAX = 4096 };

struct bc_shared {
	struct event_queue *q;
	int master;			/* the terminal's other end */
	double rate, seconds, t0;
	atomic_bool stop;
	atomic_bool drained;		/* the drain thread may end */
	atomic_long produced;
	atomic_llong term_bytes;
	/* Keys sent, in order: when (ms) and what. */
	double key_sent[BC_KEYS_MAX];
	atomic_int keys_sent;
};

static double
bc_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The lines of an ISSU-ish flood, 80 bytes each with the newline. */
static void *
bc_producer(void *arg)
{
	struct bc_shared *sh = arg;
	long made = 0;

	while (!atomic_load(&sh->stop)) {
		double el = bc_now() - sh->t0;
		long due = (long)(el * sh->rate) - made;

		if (el >= sh->seconds)
			break;
		while (due > 0) {
			long n = due < BC_BATCH_MAX ? due : BC_BATCH_MAX, i;
			struct re_event *ev = calloc(1, sizeof *ev);
			char *t = malloc((size_t)n * BC_LINE + 1);

			if (ev == NULL || t == NULL) {
				free(ev);
				free(t);
				return NULL;
			}
			/* Numbered: every frame has new text to send. */
			for (i = 0; i < n; i++) {
				char l[BC_LINE + 32];

				snprintf(l, sizeof l, "%09ld Installing package "
				    "'/var/tmp/jinstall-10.3R2.11-domestic-signed"
				    ".tgz' ...", made + i);
				snprintf(t + i * BC_LINE, BC_LINE + 1, "%-79.79s\n",
				    l);
			}
			ev->kind = RE_EV_LINES;
			ev->slot = 0;
			ev->text = t;
			event_queue_push(sh->q, ev);
			made += n;
			due -= n;
		}
		atomic_store(&sh->produced, made);
		usleep(1000);
	}
	atomic_store(&sh->produced, made);
	return NULL;
}

/* Reads the terminal's output as a fast terminal would, until told to
 * stop and nothing is left. */
static void *
bc_drain(void *arg)
{
	struct bc_shared *sh = arg;
	char buf[65536];

	for (;;) {
		struct pollfd p = { .fd = sh->master, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 50) <= 0) {
			if (atomic_load(&sh->drained))
				break;
			continue;
		}
		n = read(sh->master, buf, sizeof buf);
		if (n > 0)
			atomic_fetch_add(&sh->term_bytes, n);
		else if (n < 0 && errno != EINTR && errno != EAGAIN)
			break;
	}
	return NULL;
}

/* Tab, PgUp, End, ... every 20 to 40 ms. */
static void *
bc_keys(void *arg)
{
	struct bc_shared *sh = arg;
	static const char *const keys[] = { "\t", "\033[5~", "\033[F", "\t" };
	unsigned seed = 12345;
	int k = 0;

	usleep(200000);
	while (!atomic_load(&sh->stop) && bc_now() - sh->t0 < sh->seconds) {
		const char *s = keys[k % 4];
		int i = atomic_load(&sh->keys_sent);

		if (i >= BC_KEYS_MAX)
			break;
		sh->key_sent[i] = bc_now();
		atomic_store(&sh->keys_sent, i + 1);
		if (write(sh->master, s, strlen(s)) < 0)
			break;
		k++;
		usleep(20000 + (unsigned)(rand_r(&seed) % 20000));
	}
	return NULL;
}

static int
bc_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
bc_run(int cols, int rows, double rate, double seconds)
{
	struct bc_shared *sh = calloc(1, sizeof *sh);
	struct issu_view *v = calloc(1, sizeof *v);
	struct screen *scr = screen_new(PANE_LINES_DEFAULT);
	double *lat = calloc(BC_KEYS_MAX, sizeof *lat);
	struct winsize ws = { .ws_row = (unsigned short)rows,
		.ws_col = (unsigned short)cols };
	pthread_t tp, td, tk;
	struct screen_model m;
	struct screen_dialog dlg = { .open = false };
	FILE *tin, *tout;
	char err[256];
	long appended = 0;
	int slave, handled = 0, nlat = 0, frames = 0, focus = 0, rc;
	double draw_time = 0, t_end, t_last = 0;
	struct rusage ru;
	bool dirty = true;

	if (sh == NULL || v == NULL || scr == NULL || lat == NULL)
		return 1;
	sh->rate = rate;
	sh->seconds = seconds;
	if ((sh->q = event_queue_new()) == NULL)
		return 1;
	sh->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (sh->master < 0 || grantpt(sh->master) != 0 ||
	    unlockpt(sh->master) != 0) {
		perror("bench_console: posix_openpt");
		return 1;
	}
	slave = open(ptsname(sh->master), O_RDWR | O_NOCTTY);
	if (slave < 0 || ioctl(slave, TIOCSWINSZ, &ws) != 0) {
		perror("bench_console: pty");
		return 1;
	}
	tin = fdopen(slave, "r");
	tout = fdopen(dup(slave), "w");
	if (tin == NULL || tout == NULL ||
	    term_start_on(tin, tout, false, err, sizeof err) != 0) {
		fprintf(stderr, "bench_console: %s\n", err);
		return 1;
	}
	resize_term(rows, cols);
	screen_resize(scr, COLS, LINES, 0);
	if (COLS != cols || LINES != rows) {
		term_end();
		fprintf(stderr, "bench_console: the terminal is %dx%d, not %dx%d\n",
		    COLS, LINES, cols, rows);
		return 1;
	}

	/* A view mid-upgrade. */
	v->state = ISSU_STATE_WORKING;
	v->step = ISSU_STEP_UPGRADE;
	v->sub_phase = issu_sub_phase_name(2);
	snprintf(v->waiting_for, sizeof v->waiting_for, "re1 is rebooting: "
	    "usually 5-15 minutes; sessions to re1 are expected to drop");
	v->master = 0;
	v->old_master = 0;
	snprintf(v->version_before, sizeof v->version_before, "10.1R1.8");
	snprintf(v->version_after, sizeof v->version_after, "10.3R2.11");
	v->run[0].result = v->run[1].result = ISSU_CHECK_PASS;
	v->run[2].result = ISSU_CHECK_SKIPPED;
	memset(&m, 0, sizeof m);
	m.v = v;
	m.router = "bench";
	m.address[0] = "192.0.2.10";
	m.address[1] = "192.0.2.11";
	m.connected[0] = true;
	m.retry_in[0] = m.retry_in[1] = 2;
	m.notes[0] = "Upgrade: backup rebooting";

	sh->t0 = bc_now();
	m.start = sh->t0;
	m.wall_start = (double)time(NULL);
	v->waiting_since = sh->t0;
	v->deadline = sh->t0 + 600;
	pthread_create(&td, NULL, bc_drain, sh);
	pthread_create(&tp, NULL, bc_producer, sh);
	pthread_create(&tk, NULL, bc_keys, sh);

	/* The driver's loop. */
	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = event_queue_fd(sh->q), .events = POLLIN },
			{ .fd = slave, .events = POLLIN },
		};
		struct re_event *ev;
		bool key = false;
		wint_t ch;
		int r, got = 0;

		if (bc_now() - sh->t0 >= seconds + 0.5)
			break;
		if (poll(pfd, 2, 100) < 0 && errno != EINTR)
			break;
		while ((ev = event_queue_pop(sh->q)) != NULL) {
			pane_append(screen_pane(scr, 0), ev->text,
			    strlen(ev->text), PANE_RECEIVED);
			appended += (long)(strlen(ev->text) / BC_LINE);
			t_last = bc_now();
			re_event_free(ev);
			dirty = true;
		}
		while ((r = term_key(&ch)) != ERR) {
			if (r == KEY_CODE_YES && ch == KEY_PPAGE)
				screen_scroll(scr, focus, SCREEN_PAGE_UP);
			else if (r == KEY_CODE_YES && ch == KEY_END)
				screen_scroll(scr, focus, SCREEN_END);
			else if (r == OK && ch == '\t')
				focus = !focus;
			got++;
		}
		if (got > 0)
			key = dirty = true;
		/* idle: one frame for everything that changed. */
		if (dirty) {
			double a = bc_now(), b;

			m.now = a;
			m.focus = focus;
			screen_draw(scr, &m, &dlg);
			b = bc_now();
			draw_time += b - a;
			frames++;
			dirty = false;
			if (key) {
				int sent = atomic_load(&sh->keys_sent);

				/* Every key sent so far has now been drawn. */
				while (handled + got > sent)
					got--;
				while (got-- > 0 && nlat < BC_KEYS_MAX)
					lat[nlat++] = (b - sh->key_sent[handled++]) *
					    1e3;
			}
		}
	}
	t_end = bc_now();
	atomic_store(&sh->stop, true);
	pthread_join(tp, NULL);
	pthread_join(tk, NULL);
	term_end();
	fflush(tout);
	atomic_store(&sh->drained, true);
	pthread_join(td, NULL);
	close(sh->master);
	fclose(tin);
	fclose(tout);
	getrusage(RUSAGE_SELF, &ru);

	qsort(lat, (size_t)nlat, sizeof *lat, bc_cmp);
	printf("  %dx%d  %.0f lines/s offered: %.0f lines/s absorbed "
	    "(%ld lines, pane holds %zu), %.0f frames/s at %.2f ms each, "
	    "%.2f MB/s to the terminal, peak RSS %ld MiB\n", cols, rows, rate,
	    (double)appended / (t_last - sh->t0), appended,
	    pane_count(screen_pane(scr, 0)), frames / (t_end - sh->t0),
	    frames ? draw_time / frames * 1e3 : 0,
	    (double)atomic_load(&sh->term_bytes) / (t_end - sh->t0) / 1e6,
	    ru.ru_maxrss / 1024);
	if (nlat > 0)
		printf("  %dx%d  key latency over %d keys: min %.1f ms, median "
		    "%.1f ms, p99 %.1f ms, max %.1f ms  [%s]\n", cols, rows, nlat,
		    lat[0], lat[nlat / 2], lat[(nlat * 99) / 100], lat[nlat - 1],
		    lat[(nlat * 99) / 100] < 50 ? "within 50 ms" :
		    "OVER 50 ms");
	fflush(stdout);
	rc = nlat > 0 && lat[(nlat * 99) / 100] < 50 ? 0 : 3;
	event_queue_free(sh->q);
	screen_free(scr);
	free(lat);
	free(v);
	free(sh);
	return rc;
}

int
main(int argc, char **argv)
{
	double rate = 200000, seconds = 5;
	int sizes[8][2], nsizes = 0, i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rate") == 0 && i + 1 < argc)
			rate = atof(argv[++i]);
		else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
			seconds = atof(argv[++i]);
		else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc &&
		    nsizes < 8 && sscanf(argv[i + 1], "%dx%d",
		    &sizes[nsizes][0], &sizes[nsizes][1]) == 2) {
			nsizes++;
			i++;
		} else {
			fprintf(stderr, "usage: bench_console [--rate N] "
			    "[--seconds S] [--size COLSxROWS]...\n");
			return 2;
		}
	}
	if (nsizes == 0) {
		sizes[0][0] = 80, sizes[0][1] = 24;
		sizes[1][0] = 200, sizes[1][1] = 50;
		sizes[2][0] = 250, sizes[2][1] = 60;
		nsizes = 3;
	}
	/* The heavier UTF-8 path, and a terminal type with PgUp and End. */
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	printf("== the console under a flood: pane + screen + curses on a "
	    "pseudo-terminal ==\n");
	for (i = 0; i < nsizes; i++)
		rc |= bc_run(sizes[i][0], sizes[i][1], rate, seconds);
	return rc;
}
