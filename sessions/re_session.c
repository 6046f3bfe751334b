/*
 * re_session.c - the SSH worker of one routing engine (see re_session.h).
 *
 * The worker owns its ssh_session from connect to free (libssh's rule: one
 * session, one thread).  The TCP connect is ours (non-blocking, polled with
 * the cancel pipe) so that "refused" and "timeout" are told apart and a
 * cancel interrupts it; libssh gets the socket with SSH_OPTIONS_FD and we
 * close it after ssh_free, since libssh does not (notes C.4).
 */
#include "sessions/re_session.h"

#include <errno.h>
#include <fcntl.h>
#include <libssh/libssh.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sessions/event_queue.h"

enum { RE_READ_CHUNK = 65536, RE_POLL_MS = 200 };

struct re_command {
	int id;
	char *text;
	struct re_command *next;
};

struct re_session {
	/* Copied parameters (strings owned). */
	struct re_session_params p;
	char *host, *user, *known_hosts, *password, *ssh_config;
	char *identities[RE_MAX_IDENTITIES];
	struct event_queue *q;

	pthread_mutex_t mu;		/* guards everything below */
	pthread_cond_t cv;		/* a command was queued, or cancel */
	pthread_t thread;
	bool running;			/* a worker thread exists (not joined) */
	bool cancel;
	int fd;				/* the worker's socket, -1 when none */
	struct re_command *commands, *last;
	int next_id;
};

static char *
re_strdup(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

struct re_session *
re_session_new(const struct re_session_params *p, struct event_queue *q)
{
	struct re_session *s = calloc(1, sizeof *s);
	size_t i;

	if (s == NULL)
		return NULL;
	s->p = *p;
	s->host = re_strdup(p->host);
	s->user = re_strdup(p->user);
	s->known_hosts = re_strdup(p->known_hosts);
	s->ssh_config = re_strdup(p->ssh_config);
	s->password = re_strdup(p->password);
	for (i = 0; i < p->nidentities && i < RE_MAX_IDENTITIES; i++)
		s->identities[i] = re_strdup(p->identities[i]);
	s->q = q;
	s->fd = -1;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	return s;
}

static void
re_post(struct re_session *s, enum re_event_kind kind, int command_id,
    int exit_status, enum re_disconnect_reason reason, char *text,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void
re_post(struct re_session *s, enum re_event_kind kind, int command_id,
    int exit_status, enum re_disconnect_reason reason, char *text,
    const char *fmt, ...)
{
	struct re_event *ev = calloc(1, sizeof *ev);
	va_list ap;

	if (ev == NULL) {
		free(text);
		return;
	}
	ev->kind = kind;
	ev->slot = s->p.slot;
	ev->command_id = command_id;
	ev->exit_status = exit_status;
	ev->reason = reason;
	ev->text = text;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(ev->message, sizeof ev->message, fmt, ap);
		va_end(ap);
	}
	event_queue_push(s->q, ev);
}

static bool
re_cancelled(struct re_session *s)
{
	bool c;

	pthread_mutex_lock(&s->mu);
	c = s->cancel;
	pthread_mutex_unlock(&s->mu);
	return c;
}

/*
 * Our own connect: refused and timeout are different things to an operator
 * (the RE is rebooting vs. the address is wrong or filtered).
 */
static int
re_tcp_connect(struct re_session *s, const char *host, int port,
    enum re_disconnect_reason *why, char *msg, size_t len)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai = NULL, *a;
	char service[16];
	int rc, fd = -1, one = 1;

	snprintf(service, sizeof service, "%d", port);
	if ((rc = getaddrinfo(host, service, &hints, &ai)) != 0) {
		*why = RE_DISC_ERROR;
		snprintf(msg, len, "%s: %s", host, gai_strerror(rc));
		return -1;
	}
	*why = RE_DISC_REFUSED;
	snprintf(msg, len, "%s port %d: connection refused", host, port);
	for (a = ai; a != NULL; a = a->ai_next) {
		struct pollfd pfd;
		int err = 0;
		socklen_t el = sizeof err;

		fd = socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&s->mu);
		s->fd = fd;
		pthread_mutex_unlock(&s->mu);
		if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 &&
		    errno != EINPROGRESS) {
			err = errno;
		} else {
			pfd = (struct pollfd){ .fd = fd, .events = POLLOUT };
			rc = poll(&pfd, 1, s->p.connect_timeout_s * 1000);
			if (rc == 0) {
				*why = RE_DISC_TIMEOUT;
				snprintf(msg, len, "%s port %d: no answer in %d s",
				    host, port, s->p.connect_timeout_s);
				err = ETIMEDOUT;
			} else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0)
				err = errno;
		}
		if (err == 0 && !re_cancelled(s)) {
			/* Nagle + delayed ACK cost 44 ms per phase (notes G1). */
			setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
			freeaddrinfo(ai);
			return fd;
		}
		if (err != ECONNREFUSED && err != ETIMEDOUT) {
			*why = RE_DISC_ERROR;
			snprintf(msg, len, "%s port %d: %s", host, port,
			    strerror(err));
		}
		pthread_mutex_lock(&s->mu);
		s->fd = -1;
		pthread_mutex_unlock(&s->mu);
		close(fd);
		fd = -1;
		if (re_cancelled(s))
			break;
	}
	freeaddrinfo(ai);
	if (re_cancelled(s))
		*why = RE_DISC_CANCELLED;
	return -1;
}

/* "SHA256:..." of the server's key, as OpenSSH prints it. */
static void
re_fingerprint(ssh_session ssh, char *out, size_t len)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp;

	snprintf(out, len, "(unknown)");
	if (ssh_get_server_publickey(ssh, &key) != SSH_OK)
		return;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) == 0) {
		fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
		if (fp != NULL) {
			snprintf(out, len, "%s %s", ssh_key_type_to_char(
			    ssh_key_type(key)), fp);
			ssh_string_free_char(fp);
		}
		ssh_clean_pubkey_hash(&hash);
	}
	ssh_key_free(key);
}

/* Known hosts, OpenSSH's rules: a changed key is refused whatever the
 * policy; an unknown key is refused under strict, added under accept-new. */
static int
re_check_host_key(struct re_session *s, ssh_session ssh,
    enum re_disconnect_reason *why, char *msg, size_t len)
{
	char fp[160], where[300];

	re_fingerprint(ssh, fp, sizeof fp);
	if (s->p.port == 22)
		snprintf(where, sizeof where, "%s", s->host);
	else
		snprintf(where, sizeof where, "[%s]:%d", s->host, s->p.port);
	switch (ssh_session_is_known_server(ssh)) {
	case SSH_KNOWN_HOSTS_OK:
		return 0;
	case SSH_KNOWN_HOSTS_CHANGED:
	case SSH_KNOWN_HOSTS_OTHER:
		*why = RE_DISC_HOSTKEY_CHANGED;
		snprintf(msg, len, "HOST KEY FOR %.280s HAS CHANGED: now %.150s; "
		    "%.300s holds another key. Refusing: check with the router's "
		    "console before removing the old line", where, fp,
		    s->known_hosts);
		return -1;
	case SSH_KNOWN_HOSTS_UNKNOWN:
	case SSH_KNOWN_HOSTS_NOT_FOUND:
		if (s->p.policy == RE_HOSTKEY_ACCEPT_NEW) {
			if (ssh_session_update_known_hosts(ssh) != SSH_OK) {
				*why = RE_DISC_ERROR;
				snprintf(msg, len, "cannot add %.280s to %.300s: %.300s",
				    where, s->known_hosts, ssh_get_error(ssh));
				return -1;
			}
			return 0;
		}
		*why = RE_DISC_HOSTKEY_UNKNOWN;
		snprintf(msg, len, "unknown host key for %.280s: %.150s. To "
		    "trust it: ssh-keyscan -p %d %.100s >> %.300s (after checking "
		    "the fingerprint on the router's console)", where, fp,
		    s->p.port, s->host, s->known_hosts);
		return -1;
	case SSH_KNOWN_HOSTS_ERROR:
	default:
		*why = RE_DISC_ERROR;
		snprintf(msg, len, "known_hosts check failed: %s",
		    ssh_get_error(ssh));
		return -1;
	}
}

/* Answers every keyboard-interactive prompt that does not echo with the
 * password (Junos asks "Password:"). */
static int
re_auth_kbdint(struct re_session *s, ssh_session ssh)
{
	int rc, rounds;

	if (s->password == NULL)
		return SSH_AUTH_DENIED;
	rc = ssh_userauth_kbdint(ssh, NULL, NULL);
	for (rounds = 0; rc == SSH_AUTH_INFO && rounds < 4; rounds++) {
		int i, n = ssh_userauth_kbdint_getnprompts(ssh);

		for (i = 0; i < n; i++) {
			char echo = 0;

			ssh_userauth_kbdint_getprompt(ssh, (unsigned)i, &echo);
			ssh_userauth_kbdint_setanswer(ssh, (unsigned)i,
			    echo ? "" : s->password);
		}
		rc = ssh_userauth_kbdint(ssh, NULL, NULL);
	}
	return rc;
}

static int
re_authenticate(struct re_session *s, ssh_session ssh, char *method,
    size_t mlen)
{
	static const char *const names[] = { "agent", "publickey",
		"keyboard-interactive", "password" };
	size_t i, k;

	/* The server's list, asked for with "none" first, as ssh does. */
	if (ssh_userauth_none(ssh, NULL) == SSH_AUTH_SUCCESS) {
		snprintf(method, mlen, "none");
		return 0;
	}
	for (i = 0; i < s->p.nauth; i++) {
		int rc = SSH_AUTH_DENIED;

		switch (s->p.auth[i]) {
		case RE_AUTH_AGENT:
			if (getenv("SSH_AUTH_SOCK") != NULL)
				rc = ssh_userauth_agent(ssh, NULL);
			break;
		case RE_AUTH_PUBLICKEY:
			/* No files named: the usual ~/.ssh/id_* keys, as ssh
			 * would try them (encrypted ones are skipped). */
			if (s->p.nidentities == 0)
				rc = ssh_userauth_publickey_auto(ssh, NULL, NULL);
			for (k = 0; k < s->p.nidentities && rc != SSH_AUTH_SUCCESS; k++) {
				ssh_key key = NULL;

				if (s->identities[k] == NULL ||
				    ssh_pki_import_privkey_file(s->identities[k],
				    NULL, NULL, NULL, &key) != SSH_OK)
					continue;
				rc = ssh_userauth_publickey(ssh, NULL, key);
				ssh_key_free(key);
			}
			break;
		case RE_AUTH_KEYBOARD_INTERACTIVE:
			rc = re_auth_kbdint(s, ssh);
			break;
		case RE_AUTH_PASSWORD:
			if (s->password != NULL)
				rc = ssh_userauth_password(ssh, NULL, s->password);
			break;
		}
		if (rc == SSH_AUTH_SUCCESS) {
			snprintf(method, mlen, "%s", names[s->p.auth[i]]);
			return 0;
		}
		if (rc == SSH_AUTH_ERROR)
			return -1;
	}
	return -1;
}

/* Splits output into whole lines; the tail waits for its newline. */
static void
re_post_lines(struct re_session *s, int id, char *buf, size_t *len, bool flush)
{
	size_t n = *len, cut = n;
	char *text;

	if (!flush) {
		while (cut > 0 && buf[cut - 1] != '\n')
			cut--;
		if (cut == 0)
			return;
	}
	if (cut == 0)
		return;
	text = malloc(cut + 2);
	if (text == NULL)
		return;
	memcpy(text, buf, cut);
	text[cut] = '\0';
	if (text[cut - 1] != '\n') {
		text[cut] = '\n';
		text[cut + 1] = '\0';
	}
	memmove(buf, buf + cut, n - cut);
	*len = n - cut;
	re_post(s, RE_EV_LINES, id, 0, RE_DISC_NONE, text, NULL);
}

/* One command on its own exec channel, streamed.  Returns 0, or -1 when the
 * connection is gone (why/msg filled). */
static int
re_exec(struct re_session *s, ssh_session ssh, struct re_command *c,
    enum re_disconnect_reason *why, char *msg, size_t len)
{
	ssh_channel ch = ssh_channel_new(ssh);
	char *buf = malloc(RE_READ_CHUNK * 2);
	size_t have = 0;
	int idle_ms = 0, status = -1;

	if (ch == NULL || buf == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_exec(ch, c->text) != SSH_OK) {
		*why = ssh_is_connected(ssh) ? RE_DISC_ERROR : RE_DISC_CLOSED;
		snprintf(msg, len, "%s", ssh_get_error(ssh));
		goto gone;
	}
	for (;;) {
		int n = ssh_channel_read_timeout(ch, buf + have,
		    (uint32_t)(RE_READ_CHUNK * 2 - have), 0, RE_POLL_MS);

		if (n == SSH_ERROR) {
			*why = re_cancelled(s) ? RE_DISC_CANCELLED : RE_DISC_CLOSED;
			snprintf(msg, len, "%s", ssh_get_error(ssh));
			re_post_lines(s, c->id, buf, &have, true);
			goto gone;
		}
		if (n > 0) {
			have += (size_t)n;
			idle_ms = 0;
			/* A line longer than the buffer is passed on cut. */
			re_post_lines(s, c->id, buf, &have, have >= RE_READ_CHUNK);
			continue;
		}
		/* 0 is EOF or a quiet interval (notes G9). */
		if (ssh_channel_is_eof(ch))
			break;
		if (re_cancelled(s)) {
			*why = RE_DISC_CANCELLED;
			snprintf(msg, len, "cancelled");
			goto gone;
		}
		idle_ms += RE_POLL_MS;
		if (s->p.idle_timeout_s > 0 && idle_ms >= s->p.idle_timeout_s * 1000) {
			*why = RE_DISC_TIMEOUT;
			snprintf(msg, len, "no output for %d s: the RE or the path "
			    "to it hangs", s->p.idle_timeout_s);
			goto gone;
		}
	}
	re_post_lines(s, c->id, buf, &have, true);
	status = ssh_channel_get_exit_status(ch);
	ssh_channel_send_eof(ch);
	ssh_channel_close(ch);
	ssh_channel_free(ch);
	free(buf);
	re_post(s, RE_EV_COMMAND_DONE, c->id, status, RE_DISC_NONE, NULL, NULL);
	return 0;
gone:
	if (ch != NULL)
		ssh_channel_free(ch);
	free(buf);
	re_post(s, RE_EV_COMMAND_DONE, c->id, -1, RE_DISC_NONE, NULL,
	    "connection lost");
	return -1;
}

/* Has the peer closed or reset the idle connection?  libssh notices only
 * when it is next used, and a rebooting RE must show at once. */
static bool
re_peer_gone(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char c;
	ssize_t n;

	if (fd < 0 || poll(&pfd, 1, 0) <= 0)
		return false;
	n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR);
}

/* The next queued command; NULL when cancelled or the peer went away while
 * the session was idle (*gone set). */
static struct re_command *
re_next_command(struct re_session *s, bool *gone)
{
	struct re_command *c = NULL;

	pthread_mutex_lock(&s->mu);
	while (!s->cancel && s->commands == NULL) {
		struct timespec t;

		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += RE_POLL_MS * 1000000L;
		if (t.tv_nsec >= 1000000000L) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->cv, &s->mu, &t);
		if (s->commands == NULL && re_peer_gone(s->fd)) {
			*gone = true;
			break;
		}
	}
	if (!s->cancel && !*gone) {
		c = s->commands;
		s->commands = c->next;
		if (s->commands == NULL)
			s->last = NULL;
	}
	pthread_mutex_unlock(&s->mu);
	return c;
}

static void *
re_worker(void *arg)
{
	struct re_session *s = arg;
	enum re_disconnect_reason why = RE_DISC_ERROR;
	ssh_session ssh = NULL;
	char msg[1024] = "", method[32];
	long timeout = s->p.connect_timeout_s;
	int fd = -1, one = 1;
	bool no = false;
	struct re_command *c;

	ssh = ssh_new();
	if (ssh == NULL) {
		snprintf(msg, sizeof msg, "out of memory");
		goto out;
	}
	/*
	 * ~/.ssh/config is read first, on purpose, and then our settings are
	 * set over it: libssh would otherwise parse it at connect time and
	 * silently override them (notes G8).  It may name the host, port,
	 * user and keys; it may not relax host-key checking.
	 */
	ssh_options_set(ssh, SSH_OPTIONS_HOST, s->host);
	if (s->ssh_config != NULL) {
		/* Its directory holds the default keys (id_ed25519, ...): libssh
		 * would look in the passwd entry's home, not $HOME (G8). */
		char dir[1024];
		const char *slash = strrchr(s->ssh_config, '/');

		if (slash != NULL && (size_t)(slash - s->ssh_config) < sizeof dir) {
			snprintf(dir, sizeof dir, "%.*s",
			    (int)(slash - s->ssh_config), s->ssh_config);
			ssh_options_set(ssh, SSH_OPTIONS_SSH_DIR, dir);
		}
		if (access(s->ssh_config, R_OK) == 0)
			ssh_options_parse_config(ssh, s->ssh_config);
	}
	ssh_options_set(ssh, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(ssh, SSH_OPTIONS_STRICTHOSTKEYCHECK, &one);
	if (s->p.port_given || s->ssh_config == NULL)
		ssh_options_set(ssh, SSH_OPTIONS_PORT, &s->p.port);
	if (s->user != NULL)
		ssh_options_set(ssh, SSH_OPTIONS_USER, s->user);
	{
		char *real = NULL;
		unsigned int port = 0;

		if (ssh_options_get(ssh, SSH_OPTIONS_HOST, &real) != SSH_OK ||
		    ssh_options_get_port(ssh, &port) != SSH_OK) {
			snprintf(msg, sizeof msg, "%s: cannot resolve the host "
			    "name and port", s->host);
			ssh_string_free_char(real);
			goto out;
		}
		fd = re_tcp_connect(s, real, (int)port, &why, msg, sizeof msg);
		ssh_string_free_char(real);
		if (fd < 0)
			goto out;
	}
	ssh_options_set(ssh, SSH_OPTIONS_KNOWNHOSTS, s->known_hosts);
	/* A path that does not exist: /dev/null logs a warning (G11). */
	ssh_options_set(ssh, SSH_OPTIONS_GLOBAL_KNOWNHOSTS,
	    "/nonexistent/issu-console/ssh_known_hosts");
	ssh_options_set(ssh, SSH_OPTIONS_NODELAY, &one);
	ssh_options_set(ssh, SSH_OPTIONS_TIMEOUT, &timeout);
	ssh_options_set(ssh, SSH_OPTIONS_FD, &fd);
	if (ssh_connect(ssh) != SSH_OK) {
		why = re_cancelled(s) ? RE_DISC_CANCELLED : RE_DISC_CLOSED;
		snprintf(msg, sizeof msg, "%s", ssh_get_error(ssh));
		goto out;
	}
	if (re_check_host_key(s, ssh, &why, msg, sizeof msg) != 0)
		goto out;
	if (re_authenticate(s, ssh, method, sizeof method) != 0) {
		char *u = NULL;

		why = re_cancelled(s) ? RE_DISC_CANCELLED : RE_DISC_AUTH_FAILED;
		ssh_options_get(ssh, SSH_OPTIONS_USER, &u);
		snprintf(msg, sizeof msg, "%s@%s: every method was refused",
		    u != NULL ? u : "?", s->host);
		ssh_string_free_char(u);
		goto out;
	}
	re_post(s, RE_EV_CONNECTED, 0, 0, RE_DISC_NONE, NULL, "%s", method);
	for (;;) {
		bool gone = false;
		int rc;

		if ((c = re_next_command(s, &gone)) == NULL) {
			why = gone ? RE_DISC_CLOSED : RE_DISC_CANCELLED;
			snprintf(msg, sizeof msg, "%s", gone ?
			    "connection closed by the router" : "cancelled");
			break;
		}
		rc = re_exec(s, ssh, c, &why, msg, sizeof msg);
		free(c->text);
		free(c);
		if (rc != 0)
			break;
	}
out:
	pthread_mutex_lock(&s->mu);
	fd = s->fd;
	s->fd = -1;			/* no shutdown() on a reused number */
	pthread_mutex_unlock(&s->mu);
	if (ssh != NULL) {
		if (ssh_is_connected(ssh) && !re_cancelled(s))
			ssh_disconnect(ssh);
		ssh_free(ssh);
	}
	if (fd >= 0)
		close(fd);		/* libssh does not close a given fd */
	re_post(s, RE_EV_DISCONNECTED, 0, 0, why, NULL, "%s", msg);
	return NULL;
}

int
re_session_start(struct re_session *s)
{
	int rc = -1;

	pthread_mutex_lock(&s->mu);
	if (!s->running) {
		s->cancel = false;
		if (pthread_create(&s->thread, NULL, re_worker, s) == 0) {
			s->running = true;
			rc = 0;
		}
	}
	pthread_mutex_unlock(&s->mu);
	return rc;
}

int
re_session_run(struct re_session *s, const char *command)
{
	struct re_command *c;
	int id = -1;

	pthread_mutex_lock(&s->mu);
	if (s->running && !s->cancel && (c = calloc(1, sizeof *c)) != NULL &&
	    (c->text = strdup(command)) != NULL) {
		c->id = id = ++s->next_id;
		if (s->last != NULL)
			s->last->next = c;
		else
			s->commands = c;
		s->last = c;
		pthread_cond_signal(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	return id;
}

void
re_session_cancel(struct re_session *s)
{
	pthread_mutex_lock(&s->mu);
	s->cancel = true;
	if (s->fd >= 0)
		shutdown(s->fd, SHUT_RDWR);
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
}

void
re_session_join(struct re_session *s)
{
	struct re_command *c;
	bool running;

	pthread_mutex_lock(&s->mu);
	running = s->running;
	pthread_mutex_unlock(&s->mu);
	if (!running)
		return;
	pthread_join(s->thread, NULL);
	pthread_mutex_lock(&s->mu);
	s->running = false;
	while ((c = s->commands) != NULL) {
		s->commands = c->next;
		free(c->text);
		free(c);
	}
	s->last = NULL;
	pthread_mutex_unlock(&s->mu);
}

void
re_session_free(struct re_session *s)
{
	size_t i;

	if (s == NULL)
		return;
	re_session_cancel(s);
	re_session_join(s);
	free(s->host);
	free(s->user);
	free(s->known_hosts);
	free(s->ssh_config);
	if (s->password != NULL) {
		/* A password does not outlive its session in memory. */
		memset(s->password, 0, strlen(s->password));
		free(s->password);
	}
	for (i = 0; i < RE_MAX_IDENTITIES; i++)
		free(s->identities[i]);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

int
re_backoff_ms(unsigned attempt, unsigned seed)
{
	unsigned base = 1000, i;
	int jitter;

	for (i = 0; i < attempt && base < 15000; i++)
		base *= 2;
	if (base > 15000)
		base = 15000;
	/* +-20 %, spread so that both REs do not retry in step. */
	seed = seed * 1103515245u + 12345u;
	jitter = (int)((seed >> 16) % 401) - 200;	/* -200..200 per mille */
	return (int)base + (int)base * jitter / 1000;
}
