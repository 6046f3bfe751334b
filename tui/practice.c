/*
 * practice.c - `issu-console practice`: a rehearsal of the whole ISSU on a
 * simulated chassis, with nothing to set up.
 *
 * It makes a private temporary directory, starts issu-sim there on free
 * loopback ports with fresh host keys, writes a configuration for it (the
 * simulator's known_hosts and its default login), and opens the console on
 * it (or the plain line mode with --plain) with a banner saying the chassis
 * is simulated.  When the console ends, however it ends, the simulator is
 * stopped and the directory removed.
 *
 * The console runs in a child process and this one only supervises: it
 * owns the simulator and the directory, so they are cleaned up whether the
 * console returns, quits on a signal or crashes.  The simulator is in its
 * own process group (the terminal's Ctrl-C is the console's to handle, not
 * the simulator's) and dies with us (PR_SET_PDEATHSIG) even if we are
 * killed with SIGKILL.  A SIGINT, SIGTERM or SIGHUP sent to us with kill(1)
 * is passed on to the console; one the terminal sends already reaches the
 * console, which is in our process group.
 *
 * The transcripts and change records are not in the temporary directory:
 * they go to ~/.local/state/issu-console/practice (the default log_dir's
 * "practice" folder), apart from real change records, and stay after the
 * run so that the paths the console shows at the end remain valid.
 */
#include "tui/console.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tui/commands.h"
#include "tui/target.h"

#define PRACTICE_SPEED_DEFAULT	"20"	/* the 40-minute ISSU in 2 minutes */
#define PRACTICE_START_LIMIT	30	/* seconds for "issu-sim: ready" */
#define PRACTICE_STOP_LIMIT	5	/* seconds after SIGTERM, then KILL */
#define PRACTICE_LOG_DIR	"~/.local/state/issu-console/practice"
#define PRACTICE_PACKAGE \
	"/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"

struct practice {
	const char *speed_arg;		/* as typed; validated */
	double speed;
	const char **faults;		/* nfaults names, into argv */
	int nfaults;
	bool plain;

	char sim[PATH_MAX];		/* the issu-sim to run */
	char dir[PATH_MAX];		/* private temp dir; "" none yet */
	pid_t sim_pid;			/* > 0 once started, 0 after cleanup */
	int sim_status;			/* its wait status once reaped */
	bool sim_reaped;
	bool sim_expected_end;		/* we stopped it, or its end was
					   already reported */
	int port[2];
};

/* Signals arrive here as two bytes: the number, and 1 when kill(2) sent
 * it (the console did not get it from the terminal). */
static int practice_pipe[2] = { -1, -1 };

static void
practice_on_signal(int sig, siginfo_t *si, void *uc)
{
	int saved = errno;
	unsigned char b[2] = { (unsigned char)sig, si != NULL &&
		si->si_code <= 0 };

	(void)uc;
	if (write(practice_pipe[1], b, sizeof b) < 0) {
		/* Full: the loop is already awake. */
	}
	errno = saved;
}

static const int practice_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGCHLD };
#define PRACTICE_NSIGNALS (sizeof practice_signals / sizeof practice_signals[0])

/* The dispositions we were started with, given back to our children. */
static struct sigaction practice_old[PRACTICE_NSIGNALS];

/* A signal we were started with ignored (nohup, a background job of a
 * script) stays ignored, as in any well-behaved program. */
static int
practice_signals_install(void)
{
	struct sigaction sa;
	size_t i;

	if (pipe2(practice_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = practice_on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < PRACTICE_NSIGNALS; i++) {
		sigaction(practice_signals[i], NULL, &practice_old[i]);
		if (practice_signals[i] == SIGCHLD ||
		    practice_old[i].sa_handler != SIG_IGN)
			sigaction(practice_signals[i], &sa, NULL);
	}
	return 0;
}

/* In a child before exec or before the console: the dispositions we were
 * started with, and no signal blocked. */
static void
practice_signals_reset(void)
{
	sigset_t none;
	size_t i;

	for (i = 0; i < PRACTICE_NSIGNALS; i++)
		sigaction(practice_signals[i], &practice_old[i], NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	close(practice_pipe[0]);
	close(practice_pipe[1]);
}

static void
practice_usage(FILE *f)
{
	fputs("usage: issu-console practice [--speed X] [--fault NAME]... "
	    "[--plain]\n"
	    "A rehearsal on a simulated MX480 (issu-sim): nothing to set up, "
	    "nothing\nreal is touched; the simulator is stopped and its files "
	    "removed on exit.\n"
	    "  --speed X      the simulated clock runs X times faster, 1 to "
	    "100000\n"
	    "                 (default 20: the 40-minute ISSU in 2 minutes)\n"
	    "  --fault NAME   inject a failure to rehearse (repeatable): see "
	    "issu-sim(1)\n"
	    "  --plain        the plain line mode instead of the curses "
	    "console\n"
	    "Transcripts and change records stay in " PRACTICE_LOG_DIR ".\n",
	    f);
}

/* ---- finding issu-sim ---------------------------------------------------- */

static bool
practice_executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

/* ISSU_SIM, else beside our own binary, else PATH; -1 with the places
 * looked at in err. */
static int
practice_find_sim(struct practice *p, char *err, size_t errlen)
{
	const char *env = getenv("ISSU_SIM"), *path = getenv("PATH");
	char self[PATH_MAX], beside[PATH_MAX + 16] = "";
	ssize_t n;

	if (env != NULL && *env != '\0') {
		if (!practice_executable(env)) {
			snprintf(err, errlen, "ISSU_SIM=%s is not an "
			    "executable file", env);
			return -1;
		}
		snprintf(p->sim, sizeof p->sim, "%s", env);
		return 0;
	}
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			slash[1] = '\0';
			snprintf(beside, sizeof beside, "%sissu-sim", self);
			if (practice_executable(beside)) {
				snprintf(p->sim, sizeof p->sim, "%s", beside);
				return 0;
			}
		}
	}
	if (path != NULL) {
		const char *s = path;

		for (;;) {
			size_t len = strcspn(s, ":");
			char cand[PATH_MAX];

			if (len > 0 && len < sizeof cand - 10) {
				snprintf(cand, sizeof cand, "%.*s/issu-sim",
				    (int)len, s);
				if (practice_executable(cand)) {
					snprintf(p->sim, sizeof p->sim, "%s",
					    cand);
					return 0;
				}
			}
			if (s[len] == '\0')
				break;
			s += len + 1;
		}
	}
	snprintf(err, errlen, "issu-sim not found: ISSU_SIM is not set, "
	    "%s is not there, and no directory of PATH (%s) has it. "
	    "Build it (make issu-sim) or set ISSU_SIM=/path/to/issu-sim",
	    beside[0] != '\0' ? beside : "the directory of issu-console",
	    path != NULL ? path : "not set");
	return -1;
}

/* ---- the simulator ------------------------------------------------------- */

static int
practice_rm_entry(const char *path, const struct stat *st, int flag,
    struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(path);
}

/* Reaps the simulator if it has ended; true when it has. */
static bool
practice_sim_reap(struct practice *p, int flags)
{
	pid_t r;

	if (p->sim_pid <= 0 || p->sim_reaped)
		return p->sim_reaped;
	do
		r = waitpid(p->sim_pid, &p->sim_status, flags);
	while (r < 0 && errno == EINTR);
	if (r == p->sim_pid || (r < 0 && errno == ECHILD))
		p->sim_reaped = true;
	return p->sim_reaped;
}

static void
practice_print_file(FILE *to, const char *path, const char *indent)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL)
		fprintf(to, "%s%s", indent, line);
	fclose(f);
}

static void
practice_describe_status(int status, char *out, size_t len)
{
	if (WIFEXITED(status))
		snprintf(out, len, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(out, len, "killed by signal %d (%s)", WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
	else
		snprintf(out, len, "wait status %d", status);
}

/* Ends the simulator (SIGTERM, then SIGKILL after a while) and removes the
 * directory; says so when the simulator had ended on its own. */
static void
practice_cleanup(struct practice *p)
{
	if (p->sim_pid > 0 && !practice_sim_reap(p, WNOHANG)) {
		struct timespec step = { 0, 20 * 1000 * 1000 };
		int i;

		p->sim_expected_end = true;
		kill(p->sim_pid, SIGTERM);
		for (i = 0; i < PRACTICE_STOP_LIMIT * 50; i++) {
			if (practice_sim_reap(p, WNOHANG))
				break;
			nanosleep(&step, NULL);
		}
		if (!practice_sim_reap(p, WNOHANG)) {
			kill(p->sim_pid, SIGKILL);
			practice_sim_reap(p, 0);
		}
	} else if (p->sim_pid > 0 && p->sim_reaped && !p->sim_expected_end) {
		char how[128], errfile[PATH_MAX + 32];

		practice_describe_status(p->sim_status, how, sizeof how);
		snprintf(errfile, sizeof errfile, "%s/issu-sim.stderr", p->dir);
		fprintf(stderr, "issu-console practice: issu-sim ended during "
		    "the practice (%s); what it said:\n", how);
		practice_print_file(stderr, errfile, "  ");
	}
	p->sim_pid = 0;
	if (p->dir[0] != '\0') {
		nftw(p->dir, practice_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		p->dir[0] = '\0';
	}
}

/* Forks and execs issu-sim (no shell), its stdout on *out_fd. */
static int
practice_sim_spawn(struct practice *p, int *out_fd, char *err, size_t errlen)
{
	char kh[PATH_MAX + 32], keys[PATH_MAX + 32], ev[PATH_MAX + 32];
	char errfile[PATH_MAX + 32];
	const char **argv;
	int fd[2], errfd, i, n = 0;
	pid_t parent = getpid();

	snprintf(kh, sizeof kh, "%s/known_hosts", p->dir);
	snprintf(keys, sizeof keys, "%s/keys", p->dir);
	snprintf(ev, sizeof ev, "%s/events.jsonl", p->dir);
	snprintf(errfile, sizeof errfile, "%s/issu-sim.stderr", p->dir);
	if ((argv = calloc((size_t)(18 + 2 * p->nfaults), sizeof *argv)) ==
	    NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	argv[n++] = "issu-sim";
	argv[n++] = "--listen";
	argv[n++] = "127.0.0.1";
	argv[n++] = "--re0-port";
	argv[n++] = "0";
	argv[n++] = "--re1-port";
	argv[n++] = "0";
	argv[n++] = "--speed";
	argv[n++] = p->speed_arg;
	argv[n++] = "--known-hosts-out";
	argv[n++] = kh;
	argv[n++] = "--host-key-dir";
	argv[n++] = keys;
	argv[n++] = "--event-log";
	argv[n++] = ev;
	for (i = 0; i < p->nfaults; i++) {
		argv[n++] = "--fault";
		argv[n++] = p->faults[i];
	}
	argv[n] = NULL;

	if ((errfd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0) {
		snprintf(err, errlen, "%s: %s", errfile, strerror(errno));
		free(argv);
		return -1;
	}
	if (pipe2(fd, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		close(errfd);
		free(argv);
		return -1;
	}
	fflush(NULL);
	p->sim_pid = fork();
	if (p->sim_pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(fd[0]);
		close(fd[1]);
		close(errfd);
		free(argv);
		p->sim_pid = 0;
		return -1;
	}
	if (p->sim_pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		/* Out of the terminal's process group: Ctrl-C is the
		 * console's; and never outliving practice. */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		practice_signals_reset();
		if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
		    dup2(fd[1], STDOUT_FILENO) < 0 ||
		    dup2(errfd, STDERR_FILENO) < 0)
			_exit(127);
		execv(p->sim, (char *const *)argv);
		dprintf(STDERR_FILENO, "issu-console practice: cannot run %s: "
		    "%s\n", p->sim, strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	close(errfd);
	free(argv);
	*out_fd = fd[0];
	return 0;
}

/* "issu-sim: reN listening on ADDR:PORT" */
static void
practice_parse_line(struct practice *p, const char *line)
{
	static const char pre[] = "issu-sim: re";
	const char *colon;
	int slot;

	if (strncmp(line, pre, sizeof pre - 1) != 0)
		return;
	slot = line[sizeof pre - 1] - '0';
	if ((slot != 0 && slot != 1) || strncmp(line + sizeof pre,
	    " listening on ", 14) != 0)
		return;
	if ((colon = strrchr(line, ':')) != NULL)
		p->port[slot] = atoi(colon + 1);
}

/*
 * Reads the simulator's start-up lines until "issu-sim: ready".  0 when it
 * is ready; else the exit code, with the reason printed (the simulator's
 * own words when it refused an option); a signal that asks us to stop is
 * returned as 128 + signal in *sig.
 */
static int
practice_sim_wait_ready(struct practice *p, int fd, int *sig)
{
	char buf[4096], errfile[PATH_MAX + 32];
	size_t len = 0;
	bool skip = false;		/* in an over-long line: drop to its end */
	time_t deadline = time(NULL) + PRACTICE_START_LIMIT;

	snprintf(errfile, sizeof errfile, "%s/issu-sim.stderr", p->dir);
	for (;;) {
		struct pollfd pf[2] = { { fd, POLLIN, 0 },
			{ practice_pipe[0], POLLIN, 0 } };
		int left = (int)(deadline - time(NULL)), r;
		ssize_t n;
		char *nl;

		if (left <= 0) {
			fprintf(stderr, "issu-console practice: %s printed no "
			    "\"issu-sim: ready\" within %d s; what it said:\n",
			    p->sim, PRACTICE_START_LIMIT);
			practice_print_file(stderr, errfile, "  ");
			return 2;
		}
		r = poll(pf, 2, left * 1000);
		if (r < 0 && errno != EINTR)
			return 2;
		if (pf[1].revents & POLLIN) {
			unsigned char b[2];

			while (read(practice_pipe[0], b, sizeof b) == 2)
				if (b[0] != SIGCHLD) {
					*sig = b[0];
					return 128 + b[0];
				}
		}
		if (!(pf[0].revents & (POLLIN | POLLHUP)))
			continue;
		n = read(fd, buf + len, sizeof buf - 1 - len);
		if (n <= 0) {
			char how[128];
			int code;

			/* The simulator closed its stdout: it ended. */
			practice_sim_reap(p, 0);
			p->sim_expected_end = true;
			practice_describe_status(p->sim_status, how,
			    sizeof how);
			code = WIFEXITED(p->sim_status) ?
			    WEXITSTATUS(p->sim_status) : -1;
			/* 2 is a refused option (a fault name, a speed):
			 * its one line says which; pass it through. */
			if (code != 2)
				fprintf(stderr, "issu-console practice: %s did "
				    "not start (%s):\n", p->sim, how);
			practice_print_file(stderr, errfile, "");
			return 2;
		}
		len += (size_t)n;
		buf[len] = '\0';
		if (skip) {
			if ((nl = strchr(buf, '\n')) == NULL) {
				len = 0;
				continue;
			}
			skip = false;
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len + 1);
		}
		while ((nl = strchr(buf, '\n')) != NULL) {
			*nl = '\0';
			if (strcmp(buf, "issu-sim: ready") == 0)
				return p->port[0] > 0 && p->port[1] > 0 ? 0 :
				    (fprintf(stderr, "issu-console practice: "
				    "issu-sim did not say its ports\n"), 2);
			practice_parse_line(p, buf);
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len + 1);
		}
		if (len == sizeof buf - 1) {
			/* A line nobody asked for: dropped whole, so that
			 * its tail is not read as a line of its own. */
			len = 0;
			skip = true;
		}
	}
}

/* ---- the configuration --------------------------------------------------- */

/* A libconfig string: " and \ escaped. */
static void
practice_put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static int
practice_write_conf(const struct practice *p, const char *path, char *err,
    size_t errlen)
{
	char kh[PATH_MAX + 32];
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(kh, sizeof kh, "%s/known_hosts", p->dir);
	fputs("# issu-console practice: the simulated chassis started for "
	    "this run.\n# The password is the simulator's default, never a "
	    "real one.\ndefaults: {\n  user = \"netops\";\n"
	    "  auth = [\"password\"];\n  password_command = \"echo netops\";\n"
	    "  known_hosts = ", f);
	practice_put_string(f, kh);
	fputs(";\n  log_dir = \"" PRACTICE_LOG_DIR "\";\n};\n", f);
	fprintf(f, "routers = ( {\n  name = \"practice\";\n"
	    "  re0 = { host = \"127.0.0.1\"; port = %d; };\n"
	    "  re1 = { host = \"127.0.0.1\"; port = %d; };\n"
	    "  package = \"" PRACTICE_PACKAGE "\";\n} );\n",
	    p->port[0], p->port[1]);
	if (fclose(f) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- the console --------------------------------------------------------- */

/* Runs the console in a child and waits for it, passing on the signals
 * kill(1) sends us.  Returns its wait status. */
static int
practice_supervise(struct practice *p, const struct target *t)
{
	char banner[128];
	pid_t parent = getpid(), child;
	int status = 0;

	snprintf(banner, sizeof banner, "PRACTICE - simulated chassis "
	    "(issu-sim --speed %s)", p->speed_arg);
	fflush(NULL);
	if ((child = fork()) < 0) {
		fprintf(stderr, "issu-console practice: fork: %s\n",
		    strerror(errno));
		return 2 << 8;
	}
	if (child == 0) {
		int rc;

		/* A console left alone is no use: it ends (restoring the
		 * terminal) with the supervisor. */
		prctl(PR_SET_PDEATHSIG, SIGHUP);
		if (getppid() != parent)
			_exit(1);
		practice_signals_reset();
		if (p->plain)
			rc = run_plain(t, p->speed, false, banner);
		else
			rc = console_run(t, &(struct console_opts){
				.time_scale = p->speed, .banner = banner,
				.practice = true });
		fflush(NULL);
		_exit(rc);
	}
	for (;;) {
		struct pollfd pf = { practice_pipe[0], POLLIN, 0 };
		unsigned char b[2];
		pid_t r;

		do
			r = waitpid(child, &status, WNOHANG);
		while (r < 0 && errno == EINTR);
		if (r == child || (r < 0 && errno == ECHILD))
			break;
		practice_sim_reap(p, WNOHANG);
		if (poll(&pf, 1, 1000) <= 0)
			continue;
		while (read(practice_pipe[0], b, sizeof b) == 2)
			if (b[0] != SIGCHLD && b[1])
				kill(child, b[0]);
	}
	return status;
}

static int
practice_parse_args(struct practice *p, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			practice_usage(stdout);
			return 0;
		}
		if (strcmp(a, "--plain") == 0) {
			p->plain = true;
			continue;
		}
		if (strcmp(a, "--speed") != 0 && strcmp(a, "--fault") != 0) {
			fprintf(stderr, "issu-console practice: unknown option "
			    "\"%s\"\n", a);
			practice_usage(stderr);
			return 2;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "issu-console practice: %s needs a "
			    "value\n", a);
			return 2;
		}
		if (strcmp(a, "--fault") == 0) {
			p->faults[p->nfaults++] = argv[++i];
			continue;
		}
		{
			char *end;

			p->speed_arg = argv[++i];
			p->speed = strtod(p->speed_arg, &end);
			if (end == p->speed_arg || *end != '\0' ||
			    !(p->speed >= 1 && p->speed <= 100000)) {
				fprintf(stderr, "issu-console practice: "
				    "--speed: \"%s\" is not a number from 1 to "
				    "100000\n", p->speed_arg);
				return 2;
			}
		}
	}
	return -1;
}

int
cmd_practice(int argc, char **argv)
{
	struct practice p = { .speed_arg = PRACTICE_SPEED_DEFAULT,
		.speed = 20 };
	struct target t;
	bool have_target = false;
	const char *tmp = getenv("TMPDIR");
	char err[PATH_MAX + 512], conf[PATH_MAX + 32];
	int rc, sig = 0, out_fd = -1, status;

	if ((p.faults = calloc((size_t)argc, sizeof *p.faults)) == NULL) {
		fprintf(stderr, "issu-console practice: out of memory\n");
		return 2;
	}
	if ((rc = practice_parse_args(&p, argc, argv)) >= 0)
		goto out;
	rc = 2;
	if (practice_find_sim(&p, err, sizeof err) != 0) {
		fprintf(stderr, "issu-console practice: %s\n", err);
		goto out;
	}
	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	snprintf(p.dir, sizeof p.dir, "%s/issu-console-practice.XXXXXX", tmp);
	if (mkdtemp(p.dir) == NULL) {
		fprintf(stderr, "issu-console practice: cannot make a private "
		    "directory %s: %s\n", p.dir, strerror(errno));
		p.dir[0] = '\0';
		goto out;
	}
	if (practice_signals_install() != 0) {
		fprintf(stderr, "issu-console practice: pipe: %s\n",
		    strerror(errno));
		goto out;
	}
	if (practice_sim_spawn(&p, &out_fd, err, sizeof err) != 0) {
		fprintf(stderr, "issu-console practice: cannot start %s: %s\n",
		    p.sim, err);
		goto out;
	}
	rc = practice_sim_wait_ready(&p, out_fd, &sig);
	close(out_fd);
	if (rc != 0)
		goto out;
	snprintf(conf, sizeof conf, "%s/practice.conf", p.dir);
	if (practice_write_conf(&p, conf, err, sizeof err) != 0) {
		fprintf(stderr, "issu-console practice: %s\n", err);
		rc = 2;
		goto out;
	}
	have_target = true;
	if ((rc = target_load(&(struct target_opts){ .cfg_path = conf }, &t,
	    "practice")) != 0)
		goto out;
	/* Zero setup means the user's ~/.ssh/config (a ProxyJump for every
	 * host, another user) has no say over the simulator's loopback. */
	t.ssh_config[0] = '\0';
	printf("issu-console practice: issu-sim (pid %ld, %s) on 127.0.0.1: "
	    "re0 port %d, re1 port %d, --speed %s%s\n", (long)p.sim_pid, p.sim,
	    p.port[0], p.port[1], p.speed_arg, p.nfaults > 0 ?
	    ", with faults" : "");
	printf("issu-console practice: temporary files in %s (removed on "
	    "exit); log in yourself with\n  ssh -p %d -o UserKnownHostsFile="
	    "%s/known_hosts netops@127.0.0.1   (password netops)\n", p.dir,
	    p.port[0], p.dir);
	status = practice_supervise(&p, &t);
	if (WIFSIGNALED(status)) {
		sig = WTERMSIG(status);
		rc = 128 + sig;
	} else
		rc = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	if (sig == 0) {
		/* The console's "run it again to follow the ISSU" is for a
		 * real router: this chassis ends with the practice. */
		if (rc != 0)
			printf("issu-console practice: the simulated chassis "
			    "ends with this practice, so there is nothing to "
			    "resume: issu-console practice starts a new one\n");
		printf("issu-console practice: simulator stopped, temporary "
		    "files removed; transcripts and change records stay in "
		    "%s\n", t.cfg.defaults.log_dir != NULL ?
		    t.cfg.defaults.log_dir : PRACTICE_LOG_DIR);
	}
out:
	practice_cleanup(&p);
	if (have_target)
		target_free(&t);
	free(p.faults);
	fflush(NULL);
	if (sig != 0) {
		/* Die of the same signal, as a shell expects. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return rc;
}
