/*
 * bench_sessions.c - what reading both REs costs against reading one, with
 * the console's own sessions/ in one warm process (a measurement, not a
 * test: `make bench` runs it against an issu-sim that bench_status.sh
 * starts).
 *
 * issu-console status cannot read one RE alone, so this replays its work:
 * per iteration new sessions, connect, host key, login, the first round of
 * four commands on every RE, then the role's second round (the master:
 * replication and the package's file list; the backup: its switchover
 * state), then the sessions are freed as status frees them.  re0 is the
 * master (issu-sim's default), so re0 alone is the longer single RE: both
 * REs in parallel are compared with it.
 *
 * Both REs are measured twice: as the scheduler places the threads, and
 * with each RE's worker started on a CPU of its own (a worker inherits the
 * affinity of the thread that starts it; the console itself never binds
 * threads).  On a small machine that also runs the simulator the two
 * differ: the scheduler, waking each thread next to the one that woke it,
 * can stack both console<->simulator pairs on one CPU for the whole of a
 * 3 ms read, which a real chassis (two REs, each with its own CPU, and the
 * operator's machine) never does.  The second figure shows what the
 * console's own design costs; the first what this machine gives.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sessions/event_queue.h"
#include "sessions/re_session.h"

enum { BS_MAX_CMDS = 8 };

static const char *const bs_round1[] = {
	"show version",
	"show chassis routing-engine",
	"show configuration | display set",
	"show system storage",
};

struct bs_options {
	int port[2];
	const char *known_hosts;
	const char *package;
	const char *user, *password;
	int runs, warmup;
};

/* How the worker threads are placed. */
enum bs_placement {
	BS_SCHEDULER,		/* where the scheduler puts them */
	BS_SPREAD,		/* re0's on one CPU, re1's on another */
};

struct bs_re {
	struct re_session *s;
	int ids[BS_MAX_CMDS];
	size_t nids, ndone;
	size_t bytes;
	bool gone;
};

static double
bs_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void
bs_die(const char *what)
{
	fprintf(stderr, "bench_sessions: %s\n", what);
	exit(1);
}

static void
bs_queue(struct bs_re *re, const char *command)
{
	int id = re_session_run(re->s, command);

	if (id <= 0 || re->nids == BS_MAX_CMDS)
		bs_die("cannot queue a command");
	re->ids[re->nids++] = id;
}

/* Pumps events until every RE answered all its queued commands. */
static void
bs_wait(struct event_queue *q, struct bs_re re[2], const bool on[2])
{
	for (;;) {
		struct pollfd pfd = { .fd = event_queue_fd(q), .events = POLLIN };
		struct re_event *ev;
		int i, pending = 0;

		for (i = 0; i < 2; i++)
			if (on[i] && re[i].ndone < re[i].nids)
				pending++;
		if (pending == 0)
			return;
		if (poll(&pfd, 1, 10000) <= 0 && errno != EINTR)
			bs_die("no event in 10 s");
		while ((ev = event_queue_pop(q)) != NULL) {
			struct bs_re *r = &re[ev->slot];
			char msg[1200];

			switch (ev->kind) {
			case RE_EV_CONNECTED:
			case RE_EV_PROMPT:	/* none: no command asks */
			case RE_EV_ASK:		/* none: ask is off */
				break;
			case RE_EV_LINES:
				r->bytes += strlen(ev->text);
				break;
			case RE_EV_COMMAND_DONE:
				if (ev->exit_status != 0) {
					snprintf(msg, sizeof msg, "re%d: command %d "
					    "exited %d", ev->slot, ev->command_id,
					    ev->exit_status);
					bs_die(msg);
				}
				r->ndone++;
				break;
			case RE_EV_DISCONNECTED:
				snprintf(msg, sizeof msg, "re%d: %s: %s", ev->slot,
				    re_disconnect_reason_name(ev->reason),
				    ev->message);
				bs_die(msg);
			}
			re_event_free(ev);
		}
	}
}

/*
 * The CPUs this process may use, lowest first; how many were found (at
 * most max).
 */
static int
bs_cpus(int *cpu, int max)
{
	cpu_set_t set;
	int c, n = 0;

	if (sched_getaffinity(0, sizeof set, &set) != 0)
		return 0;
	for (c = 0; c < CPU_SETSIZE && n < max; c++)
		if (CPU_ISSET(c, &set))
			cpu[n++] = c;
	return n;
}

/* Starts s; under BS_SPREAD its worker is born bound to the i-th CPU
 * (cpu[]), by binding this thread for the length of the start. */
static void
bs_start(struct re_session *s, enum bs_placement place, const int cpu[2],
    int i)
{
	cpu_set_t saved, one;
	int rc;

	if (place == BS_SPREAD) {
		if (pthread_getaffinity_np(pthread_self(), sizeof saved,
		    &saved) != 0)
			bs_die("cannot read this thread's CPU affinity");
		CPU_ZERO(&one);
		CPU_SET(cpu[i], &one);
		if (pthread_setaffinity_np(pthread_self(), sizeof one, &one) != 0)
			bs_die("cannot bind this thread to a CPU");
	}
	rc = re_session_start(s);
	if (place == BS_SPREAD &&
	    pthread_setaffinity_np(pthread_self(), sizeof saved, &saved) != 0)
		bs_die("cannot restore this thread's CPU affinity");
	if (rc != 0)
		bs_die("cannot start a session");
}

/* One status-like read of the REs switched on; returns its time in ms. */
static double
bs_iteration(const struct bs_options *o, const bool on[2],
    enum bs_placement place, const int cpu[2], size_t *bytes)
{
	struct event_queue *q;
	struct bs_re re[2];
	char file_cmd[600];
	double t0 = bs_now_ms(), t;
	int i;

	memset(re, 0, sizeof re);
	if ((q = event_queue_new()) == NULL)
		bs_die("cannot make the event queue");
	for (i = 0; i < 2; i++) {
		struct re_session_params p = { .slot = i, .host = "127.0.0.1",
			.port = o->port[i], .port_given = true, .user = o->user,
			.known_hosts = o->known_hosts, .policy = RE_HOSTKEY_STRICT,
			.auth = { RE_AUTH_KEYBOARD_INTERACTIVE, RE_AUTH_PASSWORD },
			.nauth = 2, .password = o->password,
			.connect_timeout_s = 5, .command_timeout_s = 60 };
		size_t k;

		if (!on[i])
			continue;
		if ((re[i].s = re_session_new(&p, q)) == NULL)
			bs_die("cannot make a session");
		bs_start(re[i].s, place, cpu, i);
		for (k = 0; k < sizeof bs_round1 / sizeof bs_round1[0]; k++)
			bs_queue(&re[i], bs_round1[k]);
	}
	bs_wait(q, re, on);
	snprintf(file_cmd, sizeof file_cmd, "file list %s detail", o->package);
	if (on[0]) {
		bs_queue(&re[0], "show task replication");
		bs_queue(&re[0], file_cmd);
	}
	if (on[1])
		bs_queue(&re[1], "show system switchover");
	bs_wait(q, re, on);
	for (i = 0; i < 2; i++)
		re_session_free(re[i].s);
	event_queue_free(q);
	t = bs_now_ms() - t0;
	*bytes = re[0].bytes + re[1].bytes;
	return t;
}

static int
bs_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
bs_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bs_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
bs_usage(void)
{
	fputs("usage: bench_sessions --re0-port N --re1-port N --known-hosts FILE\n"
	    "         [--package PATH] [--user U] [--password P] [--runs N] "
	    "[--warmup N]\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		bool on[2];
		enum bs_placement place;
	} modes[] = {
		{ "re0 alone (6 commands)", { true, false }, BS_SCHEDULER },
		{ "re1 alone (5 commands)", { false, true }, BS_SCHEDULER },
		{ "both REs in parallel (11 commands)", { true, true },
		  BS_SCHEDULER },
		{ "both, each RE's worker on its own CPU", { true, true },
		  BS_SPREAD },
	};
	enum { NMODES = sizeof modes / sizeof modes[0] };
	struct bs_options o = { .package =
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz", .user = "netops",
	    .password = "netops", .runs = 30, .warmup = 3 };
	double *t[NMODES], med[NMODES];
	size_t bytes[NMODES] = { 0 };
	int cpu[2], ncpu = bs_cpus(cpu, 2), nmodes = NMODES, i, m;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL)
			bs_usage();
		if (strcmp(a, "--re0-port") == 0)
			o.port[0] = atoi(v);
		else if (strcmp(a, "--re1-port") == 0)
			o.port[1] = atoi(v);
		else if (strcmp(a, "--known-hosts") == 0)
			o.known_hosts = v;
		else if (strcmp(a, "--package") == 0)
			o.package = v;
		else if (strcmp(a, "--user") == 0)
			o.user = v;
		else if (strcmp(a, "--password") == 0)
			o.password = v;
		else if (strcmp(a, "--runs") == 0)
			o.runs = atoi(v);
		else if (strcmp(a, "--warmup") == 0)
			o.warmup = atoi(v);
		else
			bs_usage();
		i++;
	}
	if (o.port[0] <= 0 || o.port[1] <= 0 || o.known_hosts == NULL ||
	    o.runs < 1 || o.warmup < 0)
		bs_usage();
	if (ncpu < 2)
		nmodes = NMODES - 1;	/* nothing to spread over */
	for (m = 0; m < nmodes; m++)
		if ((t[m] = calloc((size_t)o.runs, sizeof *t[m])) == NULL)
			bs_die("out of memory");
	/* The modes take turns, so that drift (other load, CPU frequency)
	 * falls on all of them alike. */
	for (i = -o.warmup; i < o.runs; i++)
		for (m = 0; m < nmodes; m++) {
			double ms = bs_iteration(&o, modes[m].on, modes[m].place,
			    cpu, &bytes[m]);

			if (i >= 0)
				t[m][i] = ms;
		}
	for (m = 0; m < nmodes; m++) {
		med[m] = bs_median(t[m], o.runs);
		printf("sessions/ %-38s min %8.2f ms  median %8.2f ms  "
		    "(%d runs, %zu bytes read)\n", modes[m].name, t[m][0],
		    med[m], o.runs, bytes[m]);
	}
	printf("sessions/ both / one RE (re0, the longer), as scheduled: "
	    "median %.2fx, min %.2fx (target <= 1.15x)\n", med[2] / med[0],
	    t[2][0] / t[0][0]);
	if (nmodes == NMODES)
		printf("sessions/ both / one RE (re0), workers on CPUs %d and "
		    "%d: median %.2fx, min %.2fx (target <= 1.15x)\n", cpu[0],
		    cpu[1], med[3] / med[0], t[3][0] / t[0][0]);
	else
		printf("sessions/ one CPU only: the placement-controlled run "
		    "was skipped\n");
	for (m = 0; m < nmodes; m++)
		free(t[m]);
	return 0;
}
