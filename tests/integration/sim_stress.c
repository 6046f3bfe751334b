/*
 * sim_stress.c - a small libssh client that leans on issu-sim the way a
 * careless or unlucky client would: many sessions at once, keystrokes typed
 * before the CLI is ready, over-long lines, binary garbage, several channels
 * on one connection, and clients that vanish in the middle of a command or
 * while the simulator is blocked writing to them.
 *
 * sim_robustness.sh runs it and then checks, with OpenSSH and the event log,
 * that the simulator survived with its other sessions unharmed; this program
 * only reports what each of its own sessions saw.  Every session runs in its
 * own thread, which owns its ssh_session from connect to free (libssh's
 * threading rule).  The client rules of shared/notes/libssh.md C apply:
 * SSH_OPTIONS_NODELAY, PROCESS_CONFIG=false so that no ssh_config changes
 * what is tested, strict host-key checking against the known_hosts file the
 * simulator wrote (--known-hosts), and read loops with explicit timeouts that
 * tell EOF from "no data yet".
 *
 * Exit status: 0 when every session did what its mode expects, 1 when one did
 * not (one line per failed session on stderr), 2 for a bad command line.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>

enum { STRESS_MAX_SESSIONS = 512, STRESS_ERR_LEN = 512 };

struct stress_session;

/* A mode: what each session does, as one function run in its thread. */
struct stress_mode {
	const char *name;
	int (*run)(struct stress_session *);
	const char *help;
};

struct stress_options {
	const char *host;
	int port;
	const char *user;
	const char *password;
	const char *known_hosts;
	const struct stress_mode *mode;
	int count;		/* sessions, all at once */
	const char *command;	/* the command whose answer is checked */
	const char *expect;	/* text that answer must contain; NULL: none */
	int status;		/* exit status expected from an exec command */
	long long long_bytes;	/* over-long line: bytes of padding */
	long long garbage;	/* bytes of binary garbage typed first */
	long long bytes;	/* flood: bytes typed without reading */
	bool rst;		/* vanish with a TCP reset instead of a FIN */
	bool early;		/* type the command before the first prompt */
	bool shell;		/* vanish: from an interactive CLI, not exec */
	long read_bytes;	/* vanish: bytes of output to read first */
	int hold_ms;		/* noauth/flood: how long before vanishing */
	int timeout;		/* seconds per session */
	unsigned seed;		/* garbage generator seed */
};

/* One session and what happened to it; owned by its thread until joined. */
struct stress_session {
	int index;
	const struct stress_options *opt;
	ssh_session ssh;
	ssh_channel ch;
	int fd;			/* published for the flood watchdog; -1 */
	char *out;		/* everything read since the last reset */
	size_t len, cap;
	long long deadline_ms;	/* CLOCK_MONOTONIC, for the whole session */
	bool ok;
	char err[STRESS_ERR_LEN];
	char note[128];		/* what an ok session wants to say */
};

static struct stress_options stress_opt = {
	.host = "127.0.0.1", .user = "netops", .password = "netops",
	.count = 1, .command = "show version", .hold_ms = 500, .timeout = 30,
	.seed = 1,
};

/* Sessions wait for each other here so that they really overlap. */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t cond;
	int arrived;		/* reached the barrier or gave up before it */
} stress_barrier = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };

/* The flood watchdog shuts these sockets down; guarded by stress_fd_mu. */
static pthread_mutex_t stress_fd_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stress_print_mu = PTHREAD_MUTEX_INITIALIZER;

static long long
stress_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
stress_fail(struct stress_session *ss, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records why the session failed (the first reason wins) and returns -1. */
static int
stress_fail(struct stress_session *ss, const char *fmt, ...)
{
	va_list ap;

	if (ss->err[0] != '\0')
		return -1;
	va_start(ap, fmt);
	vsnprintf(ss->err, sizeof ss->err, fmt, ap);
	va_end(ap);
	return -1;
}

static void
stress_say(struct stress_session *ss, const char *what)
{
	pthread_mutex_lock(&stress_print_mu);
	printf("session %d: %s\n", ss->index, what);
	fflush(stdout);
	pthread_mutex_unlock(&stress_print_mu);
}

static void
stress_append(struct stress_session *ss, const char *p, size_t n)
{
	if (ss->len + n + 1 > ss->cap) {
		size_t cap = ss->cap ? ss->cap : 65536;
		char *q;

		while (cap < ss->len + n + 1)
			cap *= 2;
		q = realloc(ss->out, cap);
		if (q == NULL) {
			fputs("sim_stress: out of memory\n", stderr);
			exit(1);
		}
		ss->out = q;
		ss->cap = cap;
	}
	memcpy(ss->out + ss->len, p, n);
	ss->len += n;
	ss->out[ss->len] = '\0';
}

static void
stress_reset(struct stress_session *ss)
{
	ss->len = 0;
	if (ss->out != NULL)
		ss->out[0] = '\0';
}

/* The last 160 bytes read, made printable, for failure messages. */
static const char *
stress_tail(const struct stress_session *ss)
{
	static _Thread_local char tail[170];
	size_t from = ss->len > 160 ? ss->len - 160 : 0, i, j = 0;

	for (i = from; i < ss->len && j < sizeof tail - 1; i++) {
		unsigned char c = (unsigned char)ss->out[i];

		tail[j++] = (c >= 0x20 && c < 0x7f) ? (char)c : '.';
	}
	tail[j] = '\0';
	return tail;
}

/* --- barrier ---------------------------------------------------------- */

/* Waits until every session has arrived (or given up), at most 20 s. */
static void
stress_barrier_arrive(bool wait)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 20;
	pthread_mutex_lock(&stress_barrier.mu);
	stress_barrier.arrived++;
	pthread_cond_broadcast(&stress_barrier.cond);
	while (wait && stress_barrier.arrived < stress_opt.count) {
		if (pthread_cond_timedwait(&stress_barrier.cond,
		    &stress_barrier.mu, &until) == ETIMEDOUT)
			break;
	}
	pthread_mutex_unlock(&stress_barrier.mu);
}

/* --- connection --------------------------------------------------------- */

/* Connects and checks the host key; no authentication yet. */
static int
stress_connect(struct stress_session *ss)
{
	const struct stress_options *o = ss->opt;
	int one = 1;
	bool no = false;
	long timeout = o->timeout;
	enum ssh_known_hosts_e known;

	ss->ssh = ssh_new();
	if (ss->ssh == NULL)
		return stress_fail(ss, "ssh_new failed");
	ssh_options_set(ss->ssh, SSH_OPTIONS_HOST, o->host);
	ssh_options_set(ss->ssh, SSH_OPTIONS_PORT, &o->port);
	ssh_options_set(ss->ssh, SSH_OPTIONS_USER, o->user);
	ssh_options_set(ss->ssh, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(ss->ssh, SSH_OPTIONS_NODELAY, &one);
	ssh_options_set(ss->ssh, SSH_OPTIONS_TIMEOUT, &timeout);
	ssh_options_set(ss->ssh, SSH_OPTIONS_KNOWNHOSTS, o->known_hosts);
	/* A path that does not exist: /etc/ssh/ssh_known_hosts must not
	 * vouch for the simulator, and /dev/null logs a warning (G11). */
	ssh_options_set(ss->ssh, SSH_OPTIONS_GLOBAL_KNOWNHOSTS,
	    "/nonexistent/issu-sim-stress/known_hosts");
	if (ssh_connect(ss->ssh) != SSH_OK)
		return stress_fail(ss, "connect: %s", ssh_get_error(ss->ssh));
	known = ssh_session_is_known_server(ss->ssh);
	if (known != SSH_KNOWN_HOSTS_OK)
		return stress_fail(ss, "host key not accepted by %s (result %d)",
		    o->known_hosts, (int)known);
	pthread_mutex_lock(&stress_fd_mu);
	ss->fd = ssh_get_fd(ss->ssh);
	pthread_mutex_unlock(&stress_fd_mu);
	return 0;
}

static int
stress_login(struct stress_session *ss)
{
	int rc;

	if (stress_connect(ss) != 0)
		return -1;
	rc = ssh_userauth_password(ss->ssh, NULL, ss->opt->password);
	if (rc != SSH_AUTH_SUCCESS)
		return stress_fail(ss, "password authentication: %s (rc %d)",
		    ssh_get_error(ss->ssh), rc);
	return 0;
}

static ssh_channel
stress_channel(struct stress_session *ss)
{
	ssh_channel ch = ssh_channel_new(ss->ssh);

	if (ch == NULL) {
		stress_fail(ss, "ssh_channel_new: %s", ssh_get_error(ss->ssh));
		return NULL;
	}
	if (ssh_channel_open_session(ch) != SSH_OK) {
		stress_fail(ss, "channel open: %s", ssh_get_error(ss->ssh));
		ssh_channel_free(ch);
		return NULL;
	}
	return ch;
}

static int
stress_open_shell(struct stress_session *ss)
{
	ss->ch = stress_channel(ss);
	if (ss->ch == NULL)
		return -1;
	if (ssh_channel_request_pty_size(ss->ch, "vt100", 120, 40) != SSH_OK)
		return stress_fail(ss, "pty-req: %s", ssh_get_error(ss->ssh));
	if (ssh_channel_request_shell(ss->ch) != SSH_OK)
		return stress_fail(ss, "shell: %s", ssh_get_error(ss->ssh));
	return 0;
}

/*
 * Reads what is there on stdout and stderr, waiting up to ms for the first
 * byte.  Returns the bytes read (0: nothing yet), -2 at EOF, -1 when the
 * connection is gone.
 */
static int
stress_pump(struct stress_session *ss, ssh_channel ch, int ms)
{
	char buf[16384];
	int n, got = 0;

	n = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, ms);
	if (n == SSH_ERROR)
		return -1;
	if (n > 0) {
		stress_append(ss, buf, (size_t)n);
		got += n;
	}
	n = ssh_channel_read_nonblocking(ch, buf, sizeof buf, 1);
	if (n == SSH_ERROR)
		return -1;
	if (n > 0) {
		stress_append(ss, buf, (size_t)n);
		got += n;
	}
	if (got == 0 && ssh_channel_is_eof(ch))
		return -2;
	return got;
}

/* The last line read is a CLI prompt: USER@HOST> or USER@HOST# . */
static bool
stress_at_prompt(const struct stress_session *ss)
{
	const char *line, *nl;
	size_t ulen = strlen(ss->opt->user), llen;

	if (ss->len < 2)
		return false;
	nl = memrchr(ss->out, '\n', ss->len);
	line = nl != NULL ? nl + 1 : ss->out;
	llen = (size_t)(ss->out + ss->len - line);
	if (llen < ulen + 3 || strncmp(line, ss->opt->user, ulen) != 0 ||
	    line[ulen] != '@')
		return false;
	return strcmp(line + llen - 2, "> ") == 0 ||
	    strcmp(line + llen - 2, "# ") == 0;
}

/*
 * Reads until the output contains `want` (when not NULL) and ends at a
 * prompt; with quiet_ms > 0, also until nothing more arrives for that long
 * (typed garbage may still be answered line by line).
 */
static int
stress_read_answer(struct stress_session *ss, const char *want, int quiet_ms)
{
	long long quiet_since = -1;

	for (;;) {
		int n;

		if (stress_now_ms() > ss->deadline_ms)
			return stress_fail(ss, "no %s%s%s prompt within %d s; last output: %s",
			    want ? "'" : "", want ? want : "", want ? "' and" : "",
			    ss->opt->timeout, stress_tail(ss));
		n = stress_pump(ss, ss->ch, 100);
		if (n == -1)
			return stress_fail(ss, "connection lost waiting for the prompt: %s; last output: %s",
			    ssh_get_error(ss->ssh), stress_tail(ss));
		if (n == -2)
			return stress_fail(ss, "EOF waiting for the prompt; last output: %s",
			    stress_tail(ss));
		if (n > 0) {
			quiet_since = -1;
			continue;
		}
		if (!stress_at_prompt(ss) ||
		    (want != NULL && strstr(ss->out, want) == NULL))
			continue;
		if (quiet_ms <= 0)
			return 0;
		if (quiet_since < 0)
			quiet_since = stress_now_ms();
		else if (stress_now_ms() - quiet_since >= quiet_ms)
			return 0;
	}
}

static int
stress_write(struct stress_session *ss, const char *p, size_t n)
{
	while (n > 0) {
		size_t chunk = n > 16384 ? 16384 : n;
		int w = ssh_channel_write(ss->ch, p, (uint32_t)chunk);

		if (w == SSH_ERROR)
			return stress_fail(ss, "write: %s", ssh_get_error(ss->ssh));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Types a command and Enter, then reads up to a prompt that follows the
 * --expect text. */
static int
stress_cli_command(struct stress_session *ss, const char *cmd)
{
	stress_reset(ss);
	if (stress_write(ss, cmd, strlen(cmd)) != 0 ||
	    stress_write(ss, "\r", 1) != 0)
		return -1;
	return stress_read_answer(ss, ss->opt->expect, 0);
}

/* Sends EOF, closes the channel, disconnects and frees (the polite end). */
static void
stress_close(struct stress_session *ss)
{
	pthread_mutex_lock(&stress_fd_mu);
	ss->fd = -1;
	pthread_mutex_unlock(&stress_fd_mu);
	if (ss->ch != NULL) {
		if (ssh_channel_is_open(ss->ch)) {
			ssh_channel_send_eof(ss->ch);
			ssh_channel_close(ss->ch);
		}
		ssh_channel_free(ss->ch);
		ss->ch = NULL;
	}
	if (ss->ssh != NULL) {
		if (ssh_is_connected(ss->ssh))
			ssh_disconnect(ss->ssh);
		ssh_free(ss->ssh);
		ss->ssh = NULL;
	}
}

/*
 * The client vanishes: no SSH_MSG_DISCONNECT, no channel close; the socket
 * goes away with a FIN, or with a reset (--rst) as when a process is killed
 * with unread data.  ssh_free closes the fd without sending anything.
 */
static void
stress_vanish(struct stress_session *ss)
{
	int fd = ssh_get_fd(ss->ssh);

	pthread_mutex_lock(&stress_fd_mu);
	ss->fd = -1;
	pthread_mutex_unlock(&stress_fd_mu);
	if (fd >= 0) {
		if (ss->opt->rst) {
			struct linger lg = { .l_onoff = 1, .l_linger = 0 };

			setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
		} else
			shutdown(fd, SHUT_RDWR);
	}
	ss->ch = NULL;		/* freed with the session */
	ssh_free(ss->ssh);
	ss->ssh = NULL;
}

/* --- modes -------------------------------------------------------------- */

/* exec: all sessions log in, then all run the command; the answer and the
 * exit status are checked. */
static int
stress_mode_exec(struct stress_session *ss)
{
	int n, status;

	if (stress_login(ss) != 0) {
		stress_barrier_arrive(false);
		return -1;
	}
	stress_barrier_arrive(true);
	ss->ch = stress_channel(ss);
	if (ss->ch == NULL)
		return -1;
	if (ss->opt->long_bytes > 0) {
		/* An over-long command line: COMMAND, a space, --long x's. */
		size_t clen = strlen(ss->opt->command);
		char *cmd = malloc(clen + 1 + (size_t)ss->opt->long_bytes + 1);
		int rc;

		if (cmd == NULL)
			return stress_fail(ss, "out of memory");
		memcpy(cmd, ss->opt->command, clen);
		cmd[clen] = ' ';
		memset(cmd + clen + 1, 'x', (size_t)ss->opt->long_bytes);
		cmd[clen + 1 + ss->opt->long_bytes] = '\0';
		rc = ssh_channel_request_exec(ss->ch, cmd);
		free(cmd);
		if (rc != SSH_OK)
			return stress_fail(ss, "exec of a %lld-byte line: %s",
			    ss->opt->long_bytes, ssh_get_error(ss->ssh));
	} else if (ssh_channel_request_exec(ss->ch, ss->opt->command) != SSH_OK)
		return stress_fail(ss, "exec: %s", ssh_get_error(ss->ssh));
	for (;;) {
		if (stress_now_ms() > ss->deadline_ms)
			return stress_fail(ss, "no EOF within %d s; last output: %s",
			    ss->opt->timeout, stress_tail(ss));
		n = stress_pump(ss, ss->ch, 200);
		if (n == -1)
			return stress_fail(ss, "connection lost: %s; last output: %s",
			    ssh_get_error(ss->ssh), stress_tail(ss));
		if (n == -2)
			break;
	}
	status = ssh_channel_get_exit_status(ss->ch);
	if (status != ss->opt->status)
		return stress_fail(ss, "exit status %d, expected %d; output: %s",
		    status, ss->opt->status, stress_tail(ss));
	if (ss->opt->expect != NULL && strstr(ss->out, ss->opt->expect) == NULL)
		return stress_fail(ss, "output lacks '%s': %s", ss->opt->expect,
		    stress_tail(ss));
	snprintf(ss->note, sizeof ss->note, "%zu bytes, exit %d", ss->len, status);
	stress_close(ss);
	return 0;
}

/* A line of n pseudo-random bytes: every byte value but ^D (whose meaning at
 * an empty prompt is the CLI's business) and CR/LF (so that the garbage
 * stays one line that ^C then throws away). */
static char *
stress_garbage(unsigned seed, long long n)
{
	char *g = malloc((size_t)n + 1);
	uint32_t x = seed * 2654435761u + 1;
	long long i;

	if (g == NULL) {
		fputs("sim_stress: out of memory\n", stderr);
		exit(1);
	}
	for (i = 0; i < n; i++) {
		unsigned char c;

		do {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			c = (unsigned char)(x >> 24);
		} while (c == 0x04 || c == '\r' || c == '\n');
		g[i] = (char)c;
	}
	return g;
}

/* shell: all sessions reach the prompt; then each types --long padding or
 * --garbage first (when asked), then the command, and checks the answer. */
static int
stress_mode_shell(struct stress_session *ss)
{
	const struct stress_options *o = ss->opt;

	if (stress_login(ss) != 0 || stress_open_shell(ss) != 0) {
		stress_barrier_arrive(false);
		return -1;
	}
	/* --early: the command is typed before the banner and the prompt
	 * have been sent, as a fast typist or a script does. */
	if ((o->early && stress_cli_command(ss, o->command) != 0) ||
	    (!o->early && stress_read_answer(ss, NULL, 0) != 0)) {
		stress_barrier_arrive(false);
		return -1;
	}
	stress_barrier_arrive(true);
	if (o->long_bytes > 0) {
		char *line = malloc((size_t)o->long_bytes + 16);

		if (line == NULL)
			return stress_fail(ss, "out of memory");
		memcpy(line, "show version ", 13);
		memset(line + 13, 'x', (size_t)o->long_bytes);
		line[13 + o->long_bytes] = '\r';
		stress_reset(ss);
		if (stress_write(ss, line, (size_t)o->long_bytes + 14) != 0 ||
		    stress_read_answer(ss, NULL, 300) != 0) {
			free(line);
			return -1;
		}
		free(line);
	}
	if (o->garbage > 0) {
		char *g = stress_garbage(o->seed + (unsigned)ss->index, o->garbage);
		int rc = stress_write(ss, g, (size_t)o->garbage);

		free(g);
		/* ^C throws away whatever line the garbage left. */
		if (rc != 0 || stress_write(ss, "\003\r", 2) != 0 ||
		    stress_read_answer(ss, NULL, 300) != 0)
			return -1;
	}
	if (stress_cli_command(ss, o->command) != 0)
		return -1;
	stress_reset(ss);
	if (stress_write(ss, "exit\r", 5) != 0)
		return -1;
	for (;;) {
		int n = stress_pump(ss, ss->ch, 200);

		if (n == -2 || n == -1 || !ssh_channel_is_open(ss->ch))
			break;
		if (stress_now_ms() > ss->deadline_ms)
			return stress_fail(ss, "'exit' did not end the session");
	}
	stress_close(ss);
	return 0;
}

/* hold: log in, reach the prompt, say so, and wait for the simulator to end
 * the session (it is being stopped); ok when it does. */
static int
stress_mode_hold(struct stress_session *ss)
{
	if (stress_login(ss) != 0 || stress_open_shell(ss) != 0 ||
	    stress_read_answer(ss, NULL, 0) != 0)
		return -1;
	stress_say(ss, "at prompt");
	for (;;) {
		int n = stress_pump(ss, ss->ch, 200);

		if (n < 0)
			break;
		if (stress_now_ms() > ss->deadline_ms)
			return stress_fail(ss, "the session was not ended within %d s",
			    ss->opt->timeout);
	}
	stress_close(ss);
	return 0;
}

/* vanish: start the command (exec, or typed at the CLI with --shell), read
 * --read-bytes of its answer, and disappear. */
static int
stress_mode_vanish(struct stress_session *ss)
{
	const struct stress_options *o = ss->opt;

	if (stress_login(ss) != 0) {
		stress_barrier_arrive(false);
		return -1;
	}
	if (o->shell) {
		if (stress_open_shell(ss) != 0 || stress_read_answer(ss, NULL, 0) != 0) {
			stress_barrier_arrive(false);
			return -1;
		}
		stress_barrier_arrive(true);
		stress_reset(ss);
		if (stress_write(ss, o->command, strlen(o->command)) != 0 ||
		    stress_write(ss, "\r", 1) != 0)
			return -1;
	} else {
		ss->ch = stress_channel(ss);
		stress_barrier_arrive(ss->ch != NULL);
		if (ss->ch == NULL)
			return -1;
		if (ssh_channel_request_exec(ss->ch, o->command) != SSH_OK)
			return stress_fail(ss, "exec: %s", ssh_get_error(ss->ssh));
	}
	while ((long)ss->len < o->read_bytes) {
		int n = stress_pump(ss, ss->ch, 100);

		if (n < 0)
			break;	/* the answer was shorter: vanish anyway */
		if (stress_now_ms() > ss->deadline_ms)
			return stress_fail(ss, "no output to vanish in");
	}
	snprintf(ss->note, sizeof ss->note, "vanished after %zu bytes", ss->len);
	stress_vanish(ss);
	return 0;
}

/* The flood watchdog: after --hold-ms it shuts down every published socket,
 * releasing writers blocked on a full window; the simulator sees the client
 * vanish while it is blocked writing the echo. */
static struct stress_session *stress_sessions;

static void *
stress_watchdog(void *arg)
{
	int i;

	(void)arg;
	usleep((useconds_t)stress_opt.hold_ms * 1000);
	pthread_mutex_lock(&stress_fd_mu);
	for (i = 0; i < stress_opt.count; i++)
		if (stress_sessions[i].fd >= 0)
			shutdown(stress_sessions[i].fd, SHUT_RDWR);
	pthread_mutex_unlock(&stress_fd_mu);
	return NULL;
}

/* flood: type --bytes of commands at the CLI without reading a byte of their
 * output, until the watchdog pulls the socket away. */
static int
stress_mode_flood(struct stress_session *ss)
{
	/* Every line asks for pages of output that are never read, so the
	 * simulator soon blocks writing, with the SSH window full. */
	static const char chunk[] = "show configuration | no-more\r";
	long long sent = 0;

	if (stress_login(ss) != 0 || stress_open_shell(ss) != 0 ||
	    stress_read_answer(ss, NULL, 0) != 0)
		return -1;
	while (sent < ss->opt->bytes) {
		int w = ssh_channel_write(ss->ch, chunk, sizeof chunk - 1);

		if (w == SSH_ERROR)
			break;	/* the watchdog shut the socket */
		sent += w;
	}
	snprintf(ss->note, sizeof ss->note, "typed %lld bytes unread", sent);
	stress_vanish(ss);
	return 0;
}

/* noauth: key exchange, then nothing: no authentication, no channel, until
 * --hold-ms have passed; then vanish. */
static int
stress_mode_noauth(struct stress_session *ss)
{
	if (stress_connect(ss) != 0)
		return -1;
	usleep((useconds_t)ss->opt->hold_ms * 1000);
	stress_vanish(ss);
	return 0;
}

/* multichannel: two session channels on one connection, both running the
 * command (as an OpenSSH ControlMaster would).  The first must answer; the
 * second may answer too or be refused, but must not break the first. */
static int
stress_mode_multichannel(struct stress_session *ss)
{
	ssh_channel second;
	bool second_ok = false, eof1 = false, eof2 = false;
	size_t first_len;

	if (stress_login(ss) != 0)
		return -1;
	ss->ch = stress_channel(ss);
	if (ss->ch == NULL)
		return -1;
	second = ssh_channel_new(ss->ssh);
	if (second != NULL && ssh_channel_open_session(second) == SSH_OK &&
	    ssh_channel_request_exec(second, ss->opt->command) == SSH_OK)
		second_ok = true;
	if (ssh_channel_request_exec(ss->ch, ss->opt->command) != SSH_OK)
		return stress_fail(ss, "exec on the first channel: %s",
		    ssh_get_error(ss->ssh));
	while (!eof1) {
		int n = stress_pump(ss, ss->ch, 100);

		if (n == -1)
			return stress_fail(ss, "connection lost: %s",
			    ssh_get_error(ss->ssh));
		eof1 = n == -2;
		if (stress_now_ms() > ss->deadline_ms)
			return stress_fail(ss, "first channel: no EOF");
	}
	if (ss->opt->expect != NULL && strstr(ss->out, ss->opt->expect) == NULL)
		return stress_fail(ss, "first channel lacks '%s': %s",
		    ss->opt->expect, stress_tail(ss));
	first_len = ss->len;
	while (second_ok && !eof2) {
		int n = stress_pump(ss, second, 100);

		if (n == -1)
			break;
		eof2 = n == -2;
		if (stress_now_ms() > ss->deadline_ms)
			break;
	}
	snprintf(ss->note, sizeof ss->note, "second channel %s",
	    !second_ok ? "refused" :
	    eof2 && ss->len > first_len ? "answered" : "opened, no answer");
	if (second != NULL)
		ssh_channel_free(second);
	stress_close(ss);
	return 0;
}

static const struct stress_mode stress_modes[] = {
	{ "exec", stress_mode_exec,
	  "N sessions log in, then all exec COMMAND [+ --long x's]; checks --expect, --status" },
	{ "shell", stress_mode_shell,
	  "N CLIs reach the prompt, [--long|--garbage first], type COMMAND" },
	{ "hold", stress_mode_hold,
	  "N CLIs wait at the prompt until the simulator ends them" },
	{ "vanish", stress_mode_vanish,
	  "start COMMAND (exec, or --shell), read --read-bytes, disappear" },
	{ "flood", stress_mode_flood,
	  "type --bytes of commands, read nothing; vanish after --hold-ms" },
	{ "noauth", stress_mode_noauth,
	  "key exchange only, no login; vanish after --hold-ms" },
	{ "multichannel", stress_mode_multichannel,
	  "two exec channels on one connection" },
};

/* --- main ------------------------------------------------------------- */

static void *
stress_thread(void *arg)
{
	struct stress_session *ss = arg;

	/* libssh logging is per thread (G12): keep this one quiet. */
	ssh_set_log_level(SSH_LOG_NOLOG);
	ss->deadline_ms = stress_now_ms() + (long long)ss->opt->timeout * 1000;
	ss->ok = ss->opt->mode->run(ss) == 0;
	if (!ss->ok)
		stress_close(ss);
	return NULL;
}

static void
stress_usage(FILE *f)
{
	size_t i;

	fputs("usage: sim_stress --port N --known-hosts FILE [--host ADDR]\n"
	    "         [--user U] [--password P] --mode MODE [--count N]\n"
	    "         [--command TEXT] [--expect TEXT] [--status N] [--long N]\n"
	    "         [--garbage N] [--early] [--bytes N] [--shell]\n"
	    "         [--read-bytes N] [--rst] [--hold-ms N] [--timeout S]\n"
	    "         [--seed N]\nmodes:\n", f);
	for (i = 0; i < sizeof stress_modes / sizeof stress_modes[0]; i++)
		fprintf(f, "  %-13s %s\n", stress_modes[i].name,
		    stress_modes[i].help);
}

/* A number in [min, max], or exit 2 naming the option. */
static long long
stress_number(const char *flag, const char *s, long long min, long long max)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "sim_stress: %s: '%s' is not a number in %lld-%lld\n",
		    flag, s, min, max);
		exit(2);
	}
	return v;
}

static void
stress_parse(int argc, char **argv)
{
	enum { O_HOST = 256, O_PORT, O_USER, O_PASSWORD, O_KNOWN_HOSTS, O_MODE,
		O_COUNT, O_COMMAND, O_EXPECT, O_STATUS, O_LONG, O_GARBAGE,
		O_EARLY, O_BYTES, O_SHELL, O_READ_BYTES, O_RST, O_HOLD_MS,
		O_TIMEOUT, O_SEED, O_HELP };
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, O_HOST },
		{ "port", required_argument, NULL, O_PORT },
		{ "user", required_argument, NULL, O_USER },
		{ "password", required_argument, NULL, O_PASSWORD },
		{ "known-hosts", required_argument, NULL, O_KNOWN_HOSTS },
		{ "mode", required_argument, NULL, O_MODE },
		{ "count", required_argument, NULL, O_COUNT },
		{ "command", required_argument, NULL, O_COMMAND },
		{ "expect", required_argument, NULL, O_EXPECT },
		{ "status", required_argument, NULL, O_STATUS },
		{ "long", required_argument, NULL, O_LONG },
		{ "garbage", required_argument, NULL, O_GARBAGE },
		{ "early", no_argument, NULL, O_EARLY },
		{ "bytes", required_argument, NULL, O_BYTES },
		{ "shell", no_argument, NULL, O_SHELL },
		{ "read-bytes", required_argument, NULL, O_READ_BYTES },
		{ "rst", no_argument, NULL, O_RST },
		{ "hold-ms", required_argument, NULL, O_HOLD_MS },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "seed", required_argument, NULL, O_SEED },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	struct stress_options *o = &stress_opt;
	size_t i;
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case O_HOST: o->host = optarg; break;
		case O_PORT: o->port = (int)stress_number("--port", optarg, 1, 65535); break;
		case O_USER: o->user = optarg; break;
		case O_PASSWORD: o->password = optarg; break;
		case O_KNOWN_HOSTS: o->known_hosts = optarg; break;
		case O_MODE:
			for (i = 0; i < sizeof stress_modes / sizeof stress_modes[0]; i++)
				if (strcmp(optarg, stress_modes[i].name) == 0)
					o->mode = &stress_modes[i];
			if (o->mode == NULL) {
				fprintf(stderr, "sim_stress: --mode: unknown mode '%s'\n", optarg);
				exit(2);
			}
			break;
		case O_COUNT:
			o->count = (int)stress_number("--count", optarg, 1, STRESS_MAX_SESSIONS);
			break;
		case O_COMMAND: o->command = optarg; break;
		case O_EXPECT: o->expect = optarg; break;
		case O_STATUS: o->status = (int)stress_number("--status", optarg, -1, 255); break;
		case O_LONG: o->long_bytes = stress_number("--long", optarg, 1, 1 << 26); break;
		case O_GARBAGE: o->garbage = stress_number("--garbage", optarg, 1, 1 << 26); break;
		case O_EARLY: o->early = true; break;
		case O_BYTES: o->bytes = stress_number("--bytes", optarg, 1, 1LL << 34); break;
		case O_SHELL: o->shell = true; break;
		case O_READ_BYTES: o->read_bytes = (long)stress_number("--read-bytes", optarg, 0, 1 << 30); break;
		case O_RST: o->rst = true; break;
		case O_HOLD_MS: o->hold_ms = (int)stress_number("--hold-ms", optarg, 0, 600000); break;
		case O_TIMEOUT: o->timeout = (int)stress_number("--timeout", optarg, 1, 3600); break;
		case O_SEED: o->seed = (unsigned)stress_number("--seed", optarg, 0, UINT32_MAX); break;
		case O_HELP: stress_usage(stdout); exit(0);
		default: stress_usage(stderr); exit(2);
		}
	}
	if (optind != argc || o->port == 0 || o->known_hosts == NULL ||
	    o->mode == NULL) {
		fputs("sim_stress: --port, --known-hosts and --mode are required\n",
		    stderr);
		stress_usage(stderr);
		exit(2);
	}
}

int
main(int argc, char **argv)
{
	pthread_t *threads, watchdog;
	pthread_attr_t attr;
	int i, ok = 0;

	stress_parse(argc, argv);
	stress_sessions = calloc((size_t)stress_opt.count, sizeof *stress_sessions);
	threads = calloc((size_t)stress_opt.count, sizeof *threads);
	if (stress_sessions == NULL || threads == NULL) {
		fputs("sim_stress: out of memory\n", stderr);
		return 1;
	}
	/* libssh's constructor initialises it; ssh_init is only needed for
	 * the static library (notes C.5), and is harmless here. */
	ssh_init();
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 512 * 1024);
	for (i = 0; i < stress_opt.count; i++) {
		stress_sessions[i].index = i;
		stress_sessions[i].opt = &stress_opt;
		stress_sessions[i].fd = -1;
	}
	for (i = 0; i < stress_opt.count; i++) {
		if (pthread_create(&threads[i], &attr, stress_thread,
		    &stress_sessions[i]) != 0) {
			fprintf(stderr, "sim_stress: pthread_create failed\n");
			return 1;
		}
	}
	if (stress_opt.mode->run == stress_mode_flood)
		pthread_create(&watchdog, NULL, stress_watchdog, NULL);
	for (i = 0; i < stress_opt.count; i++)
		pthread_join(threads[i], NULL);
	if (stress_opt.mode->run == stress_mode_flood)
		pthread_join(watchdog, NULL);
	pthread_attr_destroy(&attr);

	for (i = 0; i < stress_opt.count; i++) {
		struct stress_session *ss = &stress_sessions[i];

		if (ss->ok) {
			ok++;
			if (ss->note[0] != '\0')
				printf("session %d: ok: %s\n", i, ss->note);
		} else
			fprintf(stderr, "session %d: FAILED: %s\n", i, ss->err);
		free(ss->out);
	}
	printf("sim_stress: %s: %d/%d sessions ok\n", stress_opt.mode->name, ok,
	    stress_opt.count);
	free(stress_sessions);
	free(threads);
	ssh_finalize();
	return ok == stress_opt.count ? 0 : 1;
}
