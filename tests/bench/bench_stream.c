/*
 * bench_stream.c - how fast one session carries a long output, and what
 * memory that costs: N lines (default 1,000,000 of 80 bytes) through
 * sessions/re_session into an owner that only counts them (`make bench`;
 * a measurement, not a test).
 *
 * TEST TOOL ONLY: the server here is a tiny libssh server thread on a free
 * loopback port, not the simulator and nothing like a router.  An exec
 * channel, whatever its command, answers with N numbered lines written in
 * 64 KiB chunks, then exit-status, EOF, close, and waits for the client's
 * close before it frees the session (shared/notes/libssh.md A.3, G1, G2,
 * G5, G7).
 *
 * Each run is a fresh child process that is only the client, so that its
 * peak RSS (getrusage ru_maxrss) is the session's alone; the parent serves.
 */
#include <errno.h>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sessions/event_queue.h"
#include "sessions/re_session.h"

enum { BST_LINE = 80, BST_CHUNK = 65536, BST_MAX_RUNS = 64 };

#define BST_USER "bench"
#define BST_PASSWORD "bench"

/* One served session; the callbacks only record (notes G7). */
struct bst_conn {
	ssh_channel chan;
	bool authed, exec, closed;
	struct ssh_channel_callbacks_struct ccb;
};

struct bst_server {
	ssh_bind bind;
	int lfd;
	long lines;
	int rc;				/* 0 when the session was served */
};

/* What a client child reports to the parent through a pipe. */
struct bst_result {
	int ok;
	long lines;
	double ms;
	long rss_start_kib, rss_peak_kib;
	char error[256];
};

static double
bst_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
bst_auth_password(ssh_session s, const char *user, const char *password,
    void *ud)
{
	struct bst_conn *c = ud;

	(void)s;
	if (strcmp(user, BST_USER) == 0 && strcmp(password, BST_PASSWORD) == 0) {
		c->authed = true;
		return SSH_AUTH_SUCCESS;
	}
	return SSH_AUTH_DENIED;
}

static int
bst_exec(ssh_session s, ssh_channel ch, const char *command, void *ud)
{
	struct bst_conn *c = ud;

	(void)s;
	(void)ch;
	(void)command;
	c->exec = true;
	return 0;
}

static int
bst_env(ssh_session s, ssh_channel ch, const char *name, const char *value,
    void *ud)
{
	(void)s;
	(void)ch;
	(void)name;
	(void)value;
	(void)ud;
	return 1;			/* refused, as OpenSSH's SendEnv is */
}

static void
bst_close(ssh_session s, ssh_channel ch, void *ud)
{
	struct bst_conn *c = ud;

	(void)s;
	(void)ch;
	c->closed = true;
}

static ssh_channel
bst_channel_open(ssh_session s, void *ud)
{
	struct bst_conn *c = ud;

	if (c->chan != NULL)
		return NULL;		/* one channel per session */
	c->chan = ssh_channel_new(s);
	if (c->chan == NULL)
		return NULL;
	c->ccb = (struct ssh_channel_callbacks_struct){ .userdata = c,
		.channel_exec_request_function = bst_exec,
		.channel_env_request_function = bst_env,
		.channel_close_function = bst_close };
	ssh_callbacks_init(&c->ccb);
	/* Here, before an exec request can arrive. */
	ssh_set_channel_callbacks(c->chan, &c->ccb);
	return c->chan;
}

/* "000000123 " and filler to 80 bytes with the newline. */
static size_t
bst_fill(char *buf, size_t cap, long *next, long last)
{
	size_t n = 0;

	while (*next < last && n + BST_LINE <= cap) {
		char *l = buf + n;
		long v = *next;
		int d;

		memset(l, 'x', BST_LINE - 1);
		for (d = 8; d >= 0; d--, v /= 10)
			l[d] = (char)('0' + v % 10);
		l[9] = ' ';
		l[BST_LINE - 1] = '\n';
		n += BST_LINE;
		(*next)++;
	}
	return n;
}

/* Accepts one session and streams the lines (server thread). */
static void *
bst_serve(void *arg)
{
	struct bst_server *srv = arg;
	struct bst_conn c = { 0 };
	struct ssh_server_callbacks_struct scb = { .userdata = &c,
		.auth_password_function = bst_auth_password,
		.channel_open_request_session_function = bst_channel_open };
	struct pollfd pfd = { .fd = srv->lfd, .events = POLLIN };
	ssh_session s = ssh_new();
	ssh_event ev = NULL;
	char *buf = malloc(BST_CHUNK);
	long timeout = 10, next = 0;
	int one = 1, i;

	srv->rc = -1;
	if (s == NULL || buf == NULL || poll(&pfd, 1, 10000) != 1 ||
	    ssh_bind_accept(srv->bind, s) != SSH_OK)
		goto out;
	/* Nagle + delayed ACK: 44 ms per phase otherwise (G1). */
	setsockopt(ssh_get_fd(s), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	ssh_callbacks_init(&scb);
	ssh_set_server_callbacks(s, &scb);
	ssh_set_auth_methods(s, SSH_AUTH_METHOD_PASSWORD);
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	if (ssh_handle_key_exchange(s) != SSH_OK)
		goto out;
	ev = ssh_event_new();
	ssh_event_add_session(ev, s);
	for (i = 0; !(c.authed && c.chan != NULL && c.exec); i++)
		if (i > 100 || ssh_event_dopoll(ev, 100) == SSH_ERROR)
			goto out;
	while (next < srv->lines) {
		size_t n = bst_fill(buf, BST_CHUNK, &next, srv->lines);

		/* Blocking: waits for the client's window (flow control). */
		if (ssh_channel_write(c.chan, buf, (uint32_t)n) != (int)n)
			goto out;
	}
	ssh_channel_request_send_exit_status(c.chan, 0);	/* first (G5) */
	ssh_channel_send_eof(c.chan);
	ssh_channel_close(c.chan);
	/* Freeing now would RST away the client's unread output (G2). */
	for (i = 0; i < 20 && !c.closed; i++)
		if (ssh_event_dopoll(ev, 100) == SSH_ERROR)
			break;
	srv->rc = 0;
out:
	if (ev != NULL) {
		ssh_event_remove_session(ev, s);
		ssh_event_free(ev);
	}
	if (s != NULL) {
		ssh_disconnect(s);
		ssh_free(s);
	}
	free(buf);
	return NULL;
}

/* The measured client, in a child process: returns through fd. */
static void
bst_client(int port, const char *known_hosts, int fd)
{
	struct bst_result r = { 0 };
	struct re_session_params p = { .slot = 0, .host = "127.0.0.1",
		.port = port, .port_given = true, .user = BST_USER,
		.known_hosts = known_hosts, .policy = RE_HOSTKEY_STRICT,
		.auth = { RE_AUTH_PASSWORD }, .nauth = 1,
		.password = BST_PASSWORD, .connect_timeout_s = 5,
		.command_timeout_s = 30,
		.alive_interval_s = 15, .alive_count_max = 3 };
	struct event_queue *q = event_queue_new();
	struct re_session *s = NULL;
	struct rusage ru;
	double t0;
	bool done = false;

	getrusage(RUSAGE_SELF, &ru);
	r.rss_start_kib = ru.ru_maxrss;
	t0 = bst_now_ms();
	if (q == NULL || (s = re_session_new(&p, q)) == NULL ||
	    re_session_start(s) != 0 || re_session_run(s, "stream") <= 0) {
		snprintf(r.error, sizeof r.error, "cannot start the session");
		goto out;
	}
	while (!done) {
		struct pollfd pfd = { .fd = event_queue_fd(q), .events = POLLIN };
		struct re_event *ev;

		if (poll(&pfd, 1, 30000) <= 0 && errno != EINTR) {
			snprintf(r.error, sizeof r.error, "no event in 30 s");
			goto out;
		}
		while ((ev = event_queue_pop(q)) != NULL) {
			const char *t;

			switch (ev->kind) {
			case RE_EV_CONNECTED:
			case RE_EV_PROMPT:	/* none: no command asks */
			case RE_EV_ASK:		/* none: ask is off */
				break;
			case RE_EV_LINES:
				for (t = ev->text; (t = strchr(t, '\n')) != NULL; t++)
					r.lines++;
				break;
			case RE_EV_COMMAND_DONE:
				r.ms = bst_now_ms() - t0;
				r.ok = ev->exit_status == 0;
				if (!r.ok)
					snprintf(r.error, sizeof r.error, "exit "
					    "status %d", ev->exit_status);
				done = true;
				break;
			case RE_EV_DISCONNECTED:
				snprintf(r.error, sizeof r.error, "%.40s: %.200s",
				    re_disconnect_reason_name(ev->reason),
				    ev->message);
				re_event_free(ev);
				goto out;
			}
			re_event_free(ev);
		}
	}
out:
	re_session_free(s);
	event_queue_free(q);
	getrusage(RUSAGE_SELF, &ru);
	r.rss_peak_kib = ru.ru_maxrss;
	if (write(fd, &r, sizeof r) != (ssize_t)sizeof r)
		_exit(1);
	_exit(0);
}

/* Our own listening socket on a free port, handed to libssh (notes A.2). */
static int
bst_listen(int *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t sl = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &sl) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

static int
bst_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
bst_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, bst_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
bst_die(const char *what)
{
	fprintf(stderr, "bench_stream: %s\n", what);
	exit(1);
}

int
main(int argc, char **argv)
{
	struct bst_server srv = { .lines = 1000000 };
	char dir[] = "/tmp/bench_stream.XXXXXX", kh[64];
	double rate[BST_MAX_RUNS], rss[BST_MAX_RUNS], ms[BST_MAX_RUNS];
	ssh_key key = NULL;
	char *b64 = NULL;
	FILE *f;
	long base_kib = 0;
	int runs = 5, port = 0, i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--lines") == 0)
			srv.lines = atol(argv[i + 1]);
		else if (strcmp(argv[i], "--runs") == 0)
			runs = atoi(argv[i + 1]);
		else
			break;
	}
	if (i != argc || srv.lines < 1 || runs < 1 || runs > BST_MAX_RUNS) {
		fprintf(stderr, "usage: bench_stream [--lines N] [--runs N]\n");
		return 2;
	}
	if (mkdtemp(dir) == NULL)
		bst_die("cannot make a temporary directory");
	snprintf(kh, sizeof kh, "%s/known_hosts", dir);
	if ((srv.lfd = bst_listen(&port)) < 0)
		bst_die("cannot listen on 127.0.0.1");
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK ||
	    ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		bst_die("cannot make a host key");
	if ((f = fopen(kh, "w")) == NULL)
		bst_die("cannot write known_hosts");
	fprintf(f, "[127.0.0.1]:%d %s %s\n", port,
	    ssh_key_type_to_char(ssh_key_type(key)), b64);
	fclose(f);
	ssh_string_free_char(b64);
	srv.bind = ssh_bind_new();
	ssh_bind_set_fd(srv.bind, srv.lfd);
	/* IMPORT_KEY takes the key (G14). */
	if (ssh_bind_options_set(srv.bind, SSH_BIND_OPTIONS_IMPORT_KEY, key) != 0 ||
	    ssh_bind_options_set(srv.bind, SSH_BIND_OPTIONS_PROCESS_CONFIG,
	    &(bool){ false }) != 0 || ssh_bind_listen(srv.bind) != SSH_OK)
		bst_die(ssh_get_error(srv.bind));

	for (i = 0; i < runs; i++) {
		struct bst_result r;
		pthread_t th;
		pid_t pid;
		int pfd[2], status;

		/* Forked while this process has one thread: the child inherits
		 * no lock held by the server thread. */
		if (pipe(pfd) != 0 || (pid = fork()) < 0)
			bst_die(strerror(errno));
		if (pid == 0) {
			close(pfd[0]);
			bst_client(port, kh, pfd[1]);
		}
		close(pfd[1]);
		if (pthread_create(&th, NULL, bst_serve, &srv) != 0)
			bst_die("cannot start the server thread");
		memset(&r, 0, sizeof r);
		if (read(pfd[0], &r, sizeof r) != (ssize_t)sizeof r)
			snprintf(r.error, sizeof r.error, "the client died");
		close(pfd[0]);
		pthread_join(th, NULL);
		waitpid(pid, &status, 0);
		if (!r.ok || r.lines != srv.lines || srv.rc != 0) {
			fprintf(stderr, "bench_stream: run %d: %ld of %ld lines%s%s\n",
			    i + 1, r.lines, srv.lines, r.error[0] ? ": " : "",
			    r.error);
			return 1;
		}
		ms[i] = r.ms;
		rate[i] = (double)r.lines / (r.ms / 1e3);
		rss[i] = (double)r.rss_peak_kib / 1024.0;
		base_kib = r.rss_start_kib;
	}
	ssh_bind_free(srv.bind);	/* closes the listening socket */
	unlink(kh);
	rmdir(dir);

	{
		double med_ms = bst_median(ms, runs), med_rss = bst_median(rss, runs);
		double min_ms = ms[0], min_rss = rss[0], med_rate, min_rate;

		med_rate = bst_median(rate, runs);
		min_rate = rate[0];
		printf("stream %ld lines x %d bytes (%.0f MB) through one session, "
		    "%d runs, connect and login included:\n", srv.lines, BST_LINE,
		    (double)srv.lines * BST_LINE / 1e6, runs);
		printf("  time       min %8.1f ms      median %8.1f ms\n", min_ms,
		    med_ms);
		printf("  lines/s    min %8.0f         median %8.0f   max %.0f "
		    "(%.0f MB/s median)\n", min_rate, med_rate, rate[runs - 1],
		    med_rate * BST_LINE / 1e6);
		printf("  peak RSS   min %8.1f MiB     median %8.1f MiB  (client "
		    "process; %.1f MiB before the session)\n", min_rss, med_rss,
		    (double)base_kib / 1024.0);
	}
	return 0;
}
