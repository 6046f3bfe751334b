/*
 * re_session.c - the SSH worker of one routing engine (see re_session.h).
 *
 * The worker owns its ssh_session from connect to free (libssh's rule: one
 * session, one thread).  The TCP connect is ours (non-blocking, polled with
 * the cancel pipe) so that "refused" and "timeout" are told apart and a
 * cancel interrupts it; libssh gets the socket with SSH_OPTIONS_FD and we
 * close it after ssh_free, since libssh does not (notes C.4).
 *
 * While a command runs the worker sleeps in ssh_event_dopoll on an event
 * holding that socket and a wake-up pipe, and reads with
 * ssh_channel_read_nonblocking: what the owner types (re_session_input) is
 * written as soon as it is queued, not after a read timeout (0.2 ms instead
 * of up to a 50 ms slice, measured), and a line left unfinished for
 * RE_PROMPT_MS becomes a PROMPT.  Sound because libssh decodes every
 * complete packet it reads from the socket at once: when a non-blocking
 * read finds nothing, what is missing is still in the kernel, where the
 * poll sees it.
 *
 * Secrets (typed input, ASK answers) are copied, sent, and wiped with
 * explicit_bzero, which the compiler may not drop as it may a memset
 * before free.
 */
#include "sessions/re_session.h"

#include <errno.h>
#include <fcntl.h>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>	/* ssh_send_keepalive, for clients too */
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sessions/event_queue.h"
#include "sessions/known_hosts.h"

enum {
	RE_READ_CHUNK = 65536,
	RE_POLL_MS = 200,	/* between commands: how often the peer is checked */
	RE_SLICE_MS = 50,	/* a command runs: the longest sleep, whatever
				   woke or did not wake the worker */
	RE_PROMPT_MS = 50,	/* an unfinished line this quiet is a PROMPT */
	RE_MAX_ASKS = 3,	/* tries at a passphrase or password, as ssh */
	RE_ALIVE_CHECK_MS = 100, /* how often silence is measured */
};

enum re_command_kind {
	RE_CMD_EXEC,
	RE_CMD_SHELL,
};

struct re_command {
	int id;
	enum re_command_kind kind;
	char *text;			/* exec: the command; shell: NULL */
	int limit_s;			/* its time limit; 0: none */
	/* Under the session's mu: */
	char *input;			/* typed, not yet sent; may be a secret:
					   wiped, never realloc'd */
	size_t inlen;
	bool send_eof;			/* EOF once the input is sent */
	bool input_closed;		/* close_input was called: no more input */
	struct re_command *next;
};

struct re_session {
	/* Copied parameters (strings owned). */
	struct re_session_params p;
	char *host, *user, *known_hosts, *ssh_config;
	char *identities[RE_MAX_IDENTITIES];
	struct event_queue *q;
	int wake[2];			/* owner -> worker: input is queued;
					   [1] non-blocking, a full pipe is
					   already a wake-up */

	pthread_mutex_t mu;		/* guards everything down to the
					   worker-only part */
	pthread_cond_t cv;		/* a command was queued, an ASK was
					   answered, or cancel */
	pthread_t thread;
	bool running;			/* a worker thread exists (not joined) */
	bool stopped;			/* that worker has ended: nothing queued
					   will run */
	bool cancel;
	int fd;				/* the worker's socket, -1 when none */
	struct re_command *commands, *last;
	struct re_command *current;	/* running; the worker frees it */
	int next_id;
	bool asking;			/* an ASK waits for its answer */
	bool answered;
	char *answer;			/* owned, wiped; NULL: declined */

	/* Worker only: between workers the owner's join orders the accesses,
	 * and re_session_free reads them after the last join. */
	char *password;			/* given, or asked and accepted; never
					   logged, wiped in re_session_free */
	bool password_asked;		/* it came from an ASK (so a refusal
					   asks again) */
	bool no_password;		/* this login: a password method was
					   offered with no password to try */
	ssh_key keys[RE_MAX_IDENTITIES]; /* decrypted with an asked
					   passphrase, kept for reconnects */
	bool declined[RE_MAX_IDENTITIES]; /* the operator would not give its
					   passphrase: not asked again */
};

/* Wipes and frees a secret string.  Accepts NULL. */
static void
re_secret_free(char *secret)
{
	if (secret == NULL)
		return;
	explicit_bzero(secret, strlen(secret));
	free(secret);
}

/* Wipes and frees the unsent input of a command, then the command. */
static void
re_command_free(struct re_command *c)
{
	if (c == NULL)
		return;
	if (c->input != NULL) {
		explicit_bzero(c->input, c->inlen);
		free(c->input);
	}
	free(c->text);
	free(c);
}

static long long
re_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

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
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->fd = -1;
	s->q = q;
	s->p = *p;
	s->host = re_strdup(p->host);
	s->user = re_strdup(p->user);
	s->known_hosts = re_strdup(p->known_hosts);
	s->ssh_config = re_strdup(p->ssh_config);
	s->password = re_strdup(p->password);
	for (i = 0; i < p->nidentities && i < RE_MAX_IDENTITIES; i++)
		s->identities[i] = re_strdup(p->identities[i]);
	if (pipe2(s->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		s->wake[0] = s->wake[1] = -1;
		re_session_free(s);
		return NULL;
	}
	return s;
}

/* An event of this session's slot, owning text; NULL (text freed) when out
 * of memory: the event is lost, never the worker. */
static struct re_event *
re_event_new(struct re_session *s, enum re_event_kind kind, int command_id,
    char *text)
{
	struct re_event *ev = calloc(1, sizeof *ev);

	if (ev == NULL) {
		free(text);
		return NULL;
	}
	ev->kind = kind;
	ev->slot = s->p.slot;
	ev->command_id = command_id;
	ev->text = text;
	return ev;
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
	struct re_event *ev = re_event_new(s, kind, command_id, text);
	va_list ap;

	if (ev == NULL)
		return;
	ev->exit_status = exit_status;
	ev->reason = reason;
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

/*
 * Known hosts, OpenSSH's rules, read by known_hosts.c (libssh's own check
 * stops at a NUL byte or a long line and takes an unreadable file for an
 * empty one: docs/hacking.md): a changed or revoked key is refused whatever
 * the policy, and so is a file that cannot be read; an unknown key is
 * refused under strict, added under accept-new only when no line names the
 * host at all.  Bad lines skipped on the way are said in `added` (kept on
 * success) or in msg (on refusal).
 */
static int
re_check_host_key(struct re_session *s, ssh_session ssh,
    enum re_disconnect_reason *why, char *msg, size_t len, char *added,
    size_t alen)
{
	struct known_hosts_result r;
	char fp[160], where[300], notes[600] = "", *host = NULL;
	unsigned int port = 0;
	ssh_key server = NULL;
	int rc = -1;

	/* The name and port as connected (after ~/.ssh/config), as ssh and
	 * libssh write them. */
	if (ssh_options_get(ssh, SSH_OPTIONS_HOST, &host) != SSH_OK ||
	    ssh_options_get_port(ssh, &port) != SSH_OK ||
	    ssh_get_server_publickey(ssh, &server) != SSH_OK) {
		*why = RE_DISC_ERROR;
		snprintf(msg, len, "known_hosts check failed: %s",
		    ssh_get_error(ssh));
		goto out;
	}
	known_hosts_fingerprint(server, fp, sizeof fp);
	known_hosts_host_port(host, (int)port, where, sizeof where);
	if (s->known_hosts == NULL) {
		*why = RE_DISC_HOSTKEY_UNCHECKED;
		snprintf(msg, len, "no known_hosts file is configured: the host "
		    "key of %.100s cannot be checked", where);
		goto out;
	}
	known_hosts_check_file(s->known_hosts, host, (int)port, server, &r);
	known_hosts_notes_text(&r, notes, sizeof notes);
	switch (r.status) {
	case KNOWN_HOSTS_MATCH:
		rc = 0;
		break;
	case KNOWN_HOSTS_REVOKED:
		*why = RE_DISC_HOSTKEY_CHANGED;
		snprintf(msg, len, "HOST KEY FOR %.100s IS REVOKED: the router "
		    "offers %.120s, which %.150s:%lu marks @revoked. Refusing.",
		    where, fp, s->known_hosts, r.line);
		break;
	case KNOWN_HOSTS_CHANGED:
		*why = RE_DISC_HOSTKEY_CHANGED;
		if (r.held[0] != '\0')
			snprintf(msg, len, "HOST KEY FOR %.100s HAS CHANGED: the "
			    "router offers %.120s; %.150s:%lu holds %.120s. "
			    "Refusing: check with the router's console before "
			    "removing the old line (ssh-keygen -R '%.100s' -f "
			    "%.150s)", where, fp, s->known_hosts, r.line, r.held,
			    where, s->known_hosts);
		else
			snprintf(msg, len, "HOST KEY FOR %.100s CANNOT BE "
			    "CHECKED: %.150s:%lu names it but cannot be read "
			    "(%.120s). The router offers %.120s. Refusing: fix or "
			    "remove that line after checking the key with the "
			    "router's console", where, s->known_hosts, r.line,
			    r.why, fp);
		break;
	case KNOWN_HOSTS_ERROR:
		*why = RE_DISC_HOSTKEY_UNCHECKED;
		snprintf(msg, len, "cannot read known_hosts %.300s: the host "
		    "key of %.100s cannot be checked, so no connection is made "
		    "under any host_key_policy", r.why, where);
		break;
	case KNOWN_HOSTS_NONE:
		if (s->p.policy == RE_HOSTKEY_ACCEPT_NEW) {
			char err[600];

			if (known_hosts_append(s->known_hosts, host, (int)port,
			    server, &r, err, sizeof err) != 0) {
				*why = RE_DISC_ERROR;
				snprintf(msg, len, "%s", err);
				break;
			}
			/* Said, as ssh says it: trust is never given
			 * silently. */
			snprintf(added, alen, "added the host key of %.200s "
			    "(%.150s) to %.200s", where, fp, s->known_hosts);
			rc = 0;
			break;
		}
		*why = RE_DISC_HOSTKEY_UNKNOWN;
		{
			/* The line must work when pasted: its directory
			 * too, when there is none yet. */
			char dir[300], mk[340] = "";
			char *slash;
			struct stat st;

			snprintf(dir, sizeof dir, "%s", s->known_hosts);
			if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
				*slash = '\0';
				if (stat(dir, &st) != 0)
					snprintf(mk, sizeof mk, "mkdir -p -m 700 "
					    "%s && ", dir);
			}
			snprintf(msg, len, "unknown host key for %.280s: %.150s. "
			    "To trust it: %sssh-keyscan -p %d %.100s >> %.300s "
			    "(after checking the fingerprint on the router's "
			    "console)", where, fp, mk, (int)port, host,
			    s->known_hosts);
		}
		break;
	}
	if (notes[0] != '\0') {
		/* Skipped lines are said whatever the outcome. */
		char *to = rc == 0 ? added : msg;
		size_t tl = rc == 0 ? alen : len, used = strlen(to);

		if (used + 2 < tl)
			snprintf(to + used, tl - used, "%s%s", used > 0 ? "; " :
			    "", notes);
	}
out:
	ssh_string_free_char(host);
	ssh_key_free(server);
	return rc;
}

/*
 * Asks the owner for a secret (RE_EV_ASK) and waits, with no time limit,
 * for re_session_answer or a cancel.  Returns the secret, which the caller
 * wipes (re_secret_free), or NULL when declined or cancelled.
 */
static char *
re_ask(struct re_session *s, enum re_ask_kind kind, int attempt,
    const char *what)
{
	struct re_event *ev = calloc(1, sizeof *ev);
	char *secret;

	if (ev == NULL)
		return NULL;
	ev->kind = RE_EV_ASK;
	ev->slot = s->p.slot;
	ev->ask = kind;
	ev->ask_attempt = attempt;
	snprintf(ev->message, sizeof ev->message, "%s", what);
	pthread_mutex_lock(&s->mu);
	if (s->cancel) {
		pthread_mutex_unlock(&s->mu);
		free(ev);
		return NULL;
	}
	/* Before the event: an answer may come as soon as it is pushed. */
	s->asking = true;
	s->answered = false;
	pthread_mutex_unlock(&s->mu);
	event_queue_push(s->q, ev);

	pthread_mutex_lock(&s->mu);
	while (!s->cancel && !s->answered)
		pthread_cond_wait(&s->cv, &s->mu);
	secret = s->answer;
	s->answer = NULL;
	s->asking = s->answered = false;
	if (s->cancel) {
		re_secret_free(secret);
		secret = NULL;
	}
	pthread_mutex_unlock(&s->mu);
	return secret;
}

/* What a passphrase ASK is about; libssh's auth callback gets it. */
struct re_passphrase {
	struct re_session *s;
	char path[1024];		/* the key file */
	int attempt;			/* asks so far for this key */
	bool declined;
};

/*
 * libssh's ssh_auth_callback: libssh calls it only for an encrypted key,
 * which is how an encrypted key is told from a missing or broken one.
 */
static int
re_passphrase_cb(const char *prompt, char *buf, size_t len, int echo,
    int verify, void *userdata)
{
	struct re_passphrase *pp = userdata;
	char *secret;
	size_t n;

	(void)prompt;
	(void)echo;
	(void)verify;
	if (pp == NULL || pp->declined || pp->attempt >= RE_MAX_ASKS)
		return SSH_ERROR;
	secret = re_ask(pp->s, RE_ASK_PASSPHRASE, ++pp->attempt,
	    pp->path[0] != '\0' ? pp->path : "a default key (~/.ssh/id_*)");
	if (secret == NULL) {
		pp->declined = true;
		return SSH_ERROR;
	}
	n = strlen(secret);
	if (n >= len) {
		/* libssh's buffer holds 127 bytes: it could not be right. */
		re_secret_free(secret);
		return SSH_ERROR;
	}
	memcpy(buf, secret, n + 1);	/* libssh wipes buf after use */
	re_secret_free(secret);
	return SSH_OK;
}

/* Answers every keyboard-interactive prompt that does not echo with the
 * password (Junos asks "Password:"). */
static int
re_auth_kbdint(ssh_session ssh, const char *password)
{
	int rc, rounds;

	rc = ssh_userauth_kbdint(ssh, NULL, NULL);
	for (rounds = 0; rc == SSH_AUTH_INFO && rounds < 4; rounds++) {
		int i, n = ssh_userauth_kbdint_getnprompts(ssh);

		for (i = 0; i < n; i++) {
			char echo = 0;

			ssh_userauth_kbdint_getprompt(ssh, (unsigned)i, &echo);
			ssh_userauth_kbdint_setanswer(ssh, (unsigned)i,
			    echo ? "" : password);
		}
		rc = ssh_userauth_kbdint(ssh, NULL, NULL);
	}
	return rc;
}

static int
re_try_password(ssh_session ssh, bool kbdint, const char *password)
{
	return kbdint ? re_auth_kbdint(ssh, password) :
	    ssh_userauth_password(ssh, NULL, password);
}

/*
 * Password or keyboard-interactive: with the password given or kept, else
 * with one asked of the owner (only when the server takes the method, so
 * that nobody types a password the server would not read).  An asked
 * password that logs in is kept for reconnects; one that is refused is
 * wiped and asked again, RE_MAX_ASKS times in all, as ssh does.
 */
static int
re_auth_password(struct re_session *s, ssh_session ssh, bool kbdint)
{
	int method = kbdint ? SSH_AUTH_METHOD_INTERACTIVE :
	    SSH_AUTH_METHOD_PASSWORD;
	int rc = SSH_AUTH_DENIED, attempt, offered = ssh_userauth_list(ssh, NULL);
	char who[600], *u = NULL;

	/* A method the server does not take (0: its list is unknown) is no
	 * verdict on a kept password. */
	if (offered != 0 && !(offered & method))
		return SSH_AUTH_DENIED;
	if (s->password != NULL) {
		rc = re_try_password(ssh, kbdint, s->password);
		if (rc != SSH_AUTH_DENIED || !s->password_asked)
			return rc;
		/* Kept from an earlier ASK and now refused: ask anew. */
		re_secret_free(s->password);
		s->password = NULL;
		s->password_asked = false;
	}
	if (!s->p.ask || offered == 0) {
		s->no_password = true;
		return rc;
	}
	ssh_options_get(ssh, SSH_OPTIONS_USER, &u);
	snprintf(who, sizeof who, "%.200s@%.300s", u != NULL ? u : "?",
	    s->host);
	ssh_string_free_char(u);
	for (attempt = 1; attempt <= RE_MAX_ASKS; attempt++) {
		char *pw = re_ask(s, RE_ASK_PASSWORD, attempt, who);

		if (pw == NULL) {
			s->no_password = attempt == 1;
			return SSH_AUTH_DENIED;
		}
		rc = re_try_password(ssh, kbdint, pw);
		if (rc == SSH_AUTH_SUCCESS) {
			s->password = pw;
			s->password_asked = true;
			return rc;
		}
		re_secret_free(pw);
		if (rc != SSH_AUTH_DENIED)
			return rc;
	}
	return rc;
}

/*
 * One named key file.  Its public half is offered first, as ssh does, so
 * that a passphrase is asked only for a key the server would take; a key
 * decrypted with an asked passphrase is kept for reconnects.
 */
static int
re_auth_identity(struct re_session *s, ssh_session ssh, size_t k)
{
	struct re_passphrase pp = { .s = s };
	const char *path = s->identities[k];
	char pubpath[1100];
	ssh_key pub = NULL, key = NULL;
	int rc;

	if (path == NULL)
		return SSH_AUTH_DENIED;
	if (s->keys[k] != NULL)
		return ssh_userauth_publickey(ssh, NULL, s->keys[k]);
	snprintf(pp.path, sizeof pp.path, "%s", path);
	/* KEY.pub, else the public half an OpenSSH key file holds in clear. */
	snprintf(pubpath, sizeof pubpath, "%s.pub", path);
	if (ssh_pki_import_pubkey_file(pubpath, &pub) != SSH_OK &&
	    ssh_pki_import_pubkey_file(path, &pub) != SSH_OK)
		pub = NULL;
	if (pub != NULL) {
		rc = ssh_userauth_try_publickey(ssh, NULL, pub);
		ssh_key_free(pub);
		if (rc != SSH_AUTH_SUCCESS)
			return rc;
	}
	/* A wrong passphrase fails the import: ask again. */
	do {
		key = NULL;
		rc = ssh_pki_import_privkey_file(path, NULL,
		    s->p.ask && !s->declined[k] ? re_passphrase_cb : NULL, &pp,
		    &key);
	} while (rc == SSH_ERROR && pp.attempt > 0 && !pp.declined &&
	    pp.attempt < RE_MAX_ASKS && !re_cancelled(s));
	if (pp.declined)
		s->declined[k] = true;
	if (rc != SSH_OK)
		return SSH_AUTH_DENIED;
	rc = ssh_userauth_publickey(ssh, NULL, key);
	if (rc == SSH_AUTH_SUCCESS && pp.attempt > 0)
		s->keys[k] = key;
	else
		ssh_key_free(key);
	return rc;
}

/*
 * libssh's log line names the default key publickey_auto is about to read,
 * and nothing else does: a passphrase ASK needs that path.  If a libssh
 * version words it otherwise, the ASK names the default keys instead.
 */
static void
re_auto_log(int priority, const char *function, const char *buffer,
    void *userdata)
{
	static const char tag[] = "Trying to authenticate with ";
	struct re_passphrase *pp = userdata;
	const char *p;

	(void)priority;
	(void)function;
	if (pp == NULL || (p = strstr(buffer, tag)) == NULL)
		return;
	snprintf(pp->path, sizeof pp->path, "%s", p + sizeof tag - 1);
	pp->attempt = 0;
	pp->declined = false;
}

/*
 * No key files named: the usual ~/.ssh/id_* keys (and ~/.ssh/config's
 * IdentityFile), as ssh tries them, through libssh.  With ask, an
 * encrypted one is asked through the session's auth callback (cb, set by
 * the worker); libssh imports it itself, so it is not kept for reconnects.
 */
static int
re_auth_auto(struct re_session *s, ssh_session ssh, struct re_passphrase *pp)
{
	ssh_logging_callback old_cb;
	void *old_ud;
	int old_level, rc;

	if (!s->p.ask)
		return ssh_userauth_publickey_auto(ssh, NULL, NULL);
	/* libssh's log settings are the thread's own (notes G12). */
	old_cb = ssh_get_log_callback();
	old_ud = ssh_get_log_userdata();
	old_level = ssh_get_log_level();
	pp->path[0] = '\0';
	ssh_set_log_userdata(pp);
	ssh_set_log_callback(re_auto_log);
	ssh_set_log_level(SSH_LOG_DEBUG);
	rc = ssh_userauth_publickey_auto(ssh, NULL, NULL);
	ssh_set_log_level(old_level);
	/* libssh refuses a NULL callback: ours stays, without its context,
	 * and at the old level (none here) it is not called. */
	if (old_cb != NULL)
		ssh_set_log_callback(old_cb);
	ssh_set_log_userdata(old_ud);
	return rc;
}

static int
re_authenticate(struct re_session *s, ssh_session ssh,
    struct re_passphrase *auto_pp, char *method, size_t mlen)
{
	static const char *const names[] = { "agent", "publickey",
		"keyboard-interactive", "password" };
	size_t i, k;
	int rc0;

	s->no_password = false;
	/* The server's list, asked for with "none" first, as ssh does. */
	rc0 = ssh_userauth_none(ssh, NULL);
	if (rc0 == SSH_AUTH_SUCCESS) {
		snprintf(method, mlen, "none");
		return 0;
	}
	if (rc0 == SSH_AUTH_ERROR || rc0 == SSH_AUTH_AGAIN)
		return -2;
	for (i = 0; i < s->p.nauth; i++) {
		int rc = SSH_AUTH_DENIED;

		switch (s->p.auth[i]) {
		case RE_AUTH_AGENT:
			if (getenv("SSH_AUTH_SOCK") != NULL)
				rc = ssh_userauth_agent(ssh, NULL);
			break;
		case RE_AUTH_PUBLICKEY:
			if (s->p.nidentities == 0)
				rc = re_auth_auto(s, ssh, auto_pp);
			for (k = 0; k < s->p.nidentities && k < RE_MAX_IDENTITIES &&
			    rc != SSH_AUTH_SUCCESS && rc != SSH_AUTH_ERROR &&
			    !re_cancelled(s); k++)
				rc = re_auth_identity(s, ssh, k);
			break;
		case RE_AUTH_KEYBOARD_INTERACTIVE:
			rc = re_auth_password(s, ssh, true);
			break;
		case RE_AUTH_PASSWORD:
			rc = re_auth_password(s, ssh, false);
			break;
		}
		if (rc == SSH_AUTH_SUCCESS) {
			snprintf(method, mlen, "%s", names[s->p.auth[i]]);
			return 0;
		}
		if (re_cancelled(s))
			return -1;
		/* No answer or a broken exchange: no verdict on the
		 * credentials, which must not be blamed for a hung RE. */
		if (rc == SSH_AUTH_ERROR || rc == SSH_AUTH_AGAIN)
			return -2;
	}
	return -1;
}

/* Router output as bytes: text (owned, NUL-terminated after len) may hold
 * NUL bytes, which the owner sees counted in len, never as an end. */
static void
re_post_bytes(struct re_session *s, enum re_event_kind kind, int id,
    char *text, size_t len)
{
	struct re_event *ev = re_event_new(s, kind, id, text);

	if (ev == NULL)
		return;
	ev->len = len;
	event_queue_push(s->q, ev);
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
	re_post_bytes(s, RE_EV_LINES, id, text, text[cut] == '\n' ? cut + 1 :
	    cut);
}

/* The unfinished tail (no newline in it) as a PROMPT; it is consumed. */
static void
re_post_prompt(struct re_session *s, int id, const char *buf, size_t *len)
{
	char *text = malloc(*len + 1);

	if (text != NULL) {
		memcpy(text, buf, *len);
		text[*len] = '\0';
		re_post_bytes(s, RE_EV_PROMPT, id, text, *len);
	}
	*len = 0;
}

/*
 * Liveness of a silent RE, OpenSSH's ServerAliveInterval/CountMax done by
 * hand: libssh 0.10 has no keepalive loop, and ssh_send_keepalive cannot
 * tell a live peer from a dead one (docs/hacking.md, "Deadlines").  Each
 * interval with nothing received, a keepalive@openssh.com global request
 * with want-reply is sent: every SSH server must answer it (success or
 * failure), so silence across alive_count_max more intervals means the RE,
 * or the path to it, is gone even though nothing closed.  What was received
 * is asked of the kernel (TCP_INFO), so a reply counts whether libssh has
 * decoded it yet or not (between commands nobody reads the socket).
 */
struct re_alive {
	long long tick;			/* the last check */
	long long heard;		/* when the RE last sent anything */
	int probes;			/* sent since */
};

static void
re_alive_start(struct re_alive *a, long long now)
{
	a->tick = a->heard = now;
	a->probes = 0;
}

/* When the kernel last received data from the peer; -1 unknown. */
static long long
re_last_received(int fd, long long now)
{
	struct tcp_info ti;
	socklen_t l = sizeof ti;

	if (fd < 0 || getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l) != 0)
		return -1;
	return now - (long long)ti.tcpi_last_data_recv;
}

/*
 * Called often by the worker.  After each full interval of silence a probe
 * goes out; after alive_count_max probes and one more interval without a
 * byte, the RE is lost: about (count + 1) * interval after it fell silent,
 * as with OpenSSH.  Returns -1 then (msg filled), else 0.  `heard` is the
 * worker's own last read of output (-1: none).
 */
static int
re_alive_check(struct re_session *s, ssh_session ssh, struct re_alive *a,
    long long heard, const char *what, char *msg, size_t len)
{
	long long now = re_now_ms(), rx, iv = s->p.alive_interval_s * 1000LL;
	int due;

	if (iv <= 0 || now - a->tick < RE_ALIVE_CHECK_MS)
		return 0;
	a->tick = now;
	rx = re_last_received(ssh_get_fd(ssh), now);
	if (rx > a->heard)
		a->heard = rx;
	if (heard > a->heard)
		a->heard = heard;
	due = (int)((now - a->heard) / iv);	/* silent intervals */
	if (due == 0) {
		a->probes = 0;
		return 0;
	}
	if (due > s->p.alive_count_max) {
		snprintf(msg, len, "%s: nothing from the RE for %lld s (%d "
		    "keepalive%s unanswered, one every %d s)%s%s", s->host,
		    (now - a->heard) / 1000, a->probes, a->probes == 1 ? "" :
		    "s", s->p.alive_interval_s, what != NULL ? " while "
		    "running: " : " between commands", what != NULL ? what : "");
		return -1;
	}
	if (due > a->probes) {
		/* Non-blocking, so that it only sends: the reply is seen
		 * above, in the kernel's count.  The first call collects the
		 * previous request's answer, if libssh holds one, so that
		 * the second sends a new one. */
		ssh_set_blocking(ssh, 0);
		ssh_send_keepalive(ssh);
		ssh_send_keepalive(ssh);
		ssh_set_blocking(ssh, 1);
		a->probes = due;
	}
	return 0;
}

/*
 * Writes what the owner typed for c, then EOF when asked.  Returns true
 * when something was sent.  A failed write is left to the next read to
 * explain (the peer closed the channel, or the connection is gone).
 */
static bool
re_send_input(struct re_session *s, ssh_channel ch, struct re_command *c,
    bool *eof_sent)
{
	char *data;
	size_t len;
	bool eof;

	pthread_mutex_lock(&s->mu);
	data = c->input;
	len = c->inlen;
	c->input = NULL;
	c->inlen = 0;
	eof = c->send_eof;
	pthread_mutex_unlock(&s->mu);
	if (data == NULL && (!eof || *eof_sent))
		return false;
	if (data != NULL) {
		ssh_channel_write(ch, data, (uint32_t)len);
		explicit_bzero(data, len);
		free(data);
	}
	if (eof && !*eof_sent) {
		ssh_channel_send_eof(ch);
		*eof_sent = true;
	}
	return true;
}

/* The wake-up pipe's ssh_event callback: empties it.  Runs inside any
 * libssh wait of the worker; the input itself is looked for after each. */
static int
re_wake_cb(socket_t fd, int revents, void *userdata)
{
	char junk[64];

	(void)revents;
	(void)userdata;
	while (read(fd, junk, sizeof junk) > 0)
		;
	return 0;
}

/* Reads what is buffered on stdout, else on stderr (merged, as a terminal
 * shows them); 0 or SSH_EOF when neither holds anything, or SSH_ERROR. */
static int
re_read_some(ssh_channel ch, char *buf, size_t room)
{
	int n = ssh_channel_read_nonblocking(ch, buf, (uint32_t)room, 0);

	if (n == 0 || n == SSH_EOF)
		n = ssh_channel_read_nonblocking(ch, buf, (uint32_t)room, 1);
	return n;
}

/* The running command takes no more input; before its COMMAND_DONE, so
 * that an owner that saw it is refused. */
static void
re_finished(struct re_session *s)
{
	pthread_mutex_lock(&s->mu);
	s->current = NULL;
	pthread_mutex_unlock(&s->mu);
}

/*
 * One command on its own channel (exec, or a shell without a pty),
 * streamed, with the owner's input written as soon as it is queued.
 * Returns 0, or -1 when the connection is gone (why/msg filled).
 *
 * The worker sleeps only in ssh_event_dopoll on ev, which holds the
 * session's socket and the wake-up pipe: it reads and decodes what came,
 * so a read right after it costs no system call, and what the owner types
 * ends the sleep.  It sleeps only once the channel's buffers are drained.
 *
 * The idle timeout counts only while the peer owes output: not after a
 * PROMPT, until more output (exec) or, on a shell, until input: a CLI at
 * rest may print a syslog broadcast and then rightly say nothing.
 */
static int
re_run_channel(struct re_session *s, ssh_session ssh, ssh_event ev,
    struct re_command *c, enum re_disconnect_reason *why, char *msg,
    size_t len)
{
	ssh_channel ch = ssh_channel_new(ssh);
	char *buf = malloc(RE_READ_CHUNK * 2);
	size_t have = 0;
	int status = -1, rc = SSH_ERROR;
	bool waiting = false, eof_sent = false, drained = false;
	long long last, tick, used = 0;
	struct re_alive alive;
	char what[300];

	if (ch != NULL && buf != NULL && ssh_channel_open_session(ch) == SSH_OK)
		rc = c->kind == RE_CMD_SHELL ? ssh_channel_request_shell(ch) :
		    ssh_channel_request_exec(ch, c->text);
	if (rc != SSH_OK) {
		const char *e = ssh_get_error(ssh);

		*why = ssh_is_connected(ssh) ? RE_DISC_ERROR : RE_DISC_CLOSED;
		if (*why == RE_DISC_ERROR && (e[0] == '\0' ||
		    strstr(e, "imeout") != NULL)) {
			/* libssh gave up waiting (its timeout): a hung RE. */
			*why = RE_DISC_TIMEOUT;
			snprintf(msg, len, "no answer when a channel was opened "
			    "for the command (within %d s)", s->p.connect_timeout_s);
		} else
			snprintf(msg, len, "%s", e[0] != '\0' ? e :
			    "the channel could not be opened");
		goto gone;
	}
	snprintf(what, sizeof what, "%.280s", c->kind == RE_CMD_SHELL ?
	    "the interactive CLI" : c->text);
	last = tick = re_now_ms();
	re_alive_start(&alive, last);
	for (;;) {
		size_t room = RE_READ_CHUNK * 2 - have;
		int n;

		if (re_send_input(s, ch, c, &eof_sent)) {
			last = re_now_ms();
			waiting = false;
			if (c->kind == RE_CMD_SHELL)
				used = 0;	/* each line its own limit */
		}
		if (drained) {
			int wait_ms = RE_SLICE_MS;
			long long now;

			/* Nothing buffered: EOF, or the peer is quiet (G9). */
			if (ssh_channel_is_eof(ch))
				break;
			if (re_cancelled(s)) {
				*why = RE_DISC_CANCELLED;
				snprintf(msg, len, "cancelled");
				goto gone;
			}
			now = re_now_ms();
			if (have > 0 && now - last >= RE_PROMPT_MS) {
				re_post_prompt(s, c->id, buf, &have);
				waiting = true;
			} else if (have > 0)
				wait_ms = (int)(last + RE_PROMPT_MS - now);
			/* The command's limit counts while the RE owes an
			 * answer, not while a question waits for ours. */
			if (!waiting)
				used += now - tick;
			tick = now;
			if (c->limit_s > 0 && used >= c->limit_s * 1000LL) {
				*why = RE_DISC_TIMEOUT;
				snprintf(msg, len, "%s: no end within its limit of "
				    "%d s: %s", s->host, c->limit_s, what);
				re_post_lines(s, c->id, buf, &have, true);
				goto gone;
			}
			if (re_alive_check(s, ssh, &alive, last, what, msg,
			    len) != 0) {
				*why = RE_DISC_TIMEOUT;
				re_post_lines(s, c->id, buf, &have, true);
				goto gone;
			}
			/* A cancel's shutdown() shows in the read below.  A
			 * peer that closed the connection (an RE going down
			 * for its reboot) does not: libssh's nonblocking read
			 * then keeps answering 0, so ask the session. */
			if (ssh_event_dopoll(ev, wait_ms) == SSH_ERROR ||
			    !ssh_is_connected(ssh)) {
				*why = re_cancelled(s) ? RE_DISC_CANCELLED :
				    RE_DISC_CLOSED;
				snprintf(msg, len, "%s", ssh_is_connected(ssh) ?
				    ssh_get_error(ssh) : "connection closed by "
				    "the router");
				re_post_lines(s, c->id, buf, &have, true);
				goto gone;
			}
			if (ssh_channel_is_closed(ch))
				break;
		}
		n = re_read_some(ch, buf + have, room);
		if (n == SSH_ERROR) {
			*why = re_cancelled(s) ? RE_DISC_CANCELLED : RE_DISC_CLOSED;
			snprintf(msg, len, "%s", ssh_get_error(ssh));
			re_post_lines(s, c->id, buf, &have, true);
			goto gone;
		}
		drained = n < (int)room;
		if (n > 0) {
			have += (size_t)n;
			last = re_now_ms();
			if (c->kind == RE_CMD_EXEC)
				waiting = false;
			/* A line longer than the buffer is passed on cut. */
			re_post_lines(s, c->id, buf, &have, have >= RE_READ_CHUNK);
		}
	}
	re_post_lines(s, c->id, buf, &have, true);
	status = ssh_channel_get_exit_status(ch);
	ssh_channel_send_eof(ch);
	ssh_channel_close(ch);
	ssh_channel_free(ch);
	free(buf);
	re_finished(s);
	re_post(s, RE_EV_COMMAND_DONE, c->id, status, RE_DISC_NONE, NULL, NULL);
	return 0;
gone:
	if (ch != NULL)
		ssh_channel_free(ch);
	free(buf);
	re_finished(s);
	re_post(s, RE_EV_COMMAND_DONE, c->id, -1, RE_DISC_NONE, NULL,
	    "connection lost");
	return -1;
}

/* Has the peer closed or reset the idle connection?  libssh notices only
 * when it is next used, and a rebooting RE must show at once. */
static bool
re_peer_gone(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLRDHUP };
	char c;
	ssize_t n;

	if (fd < 0 || poll(&pfd, 1, 0) <= 0)
		return false;
	/* The peer's FIN shows even behind bytes nobody read (a router going
	 * down sends its last packets, then closes): a peek alone would see
	 * those bytes and never the close. */
	if (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR))
		return true;
	n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR);
}

/* The next queued command, made current; NULL when cancelled or the peer
 * went away while the session was idle (*gone set; msg filled when it went
 * silent rather than closed). */
static struct re_command *
re_next_command(struct re_session *s, ssh_session ssh, bool *gone, char *msg,
    size_t len)
{
	struct re_command *c = NULL;
	struct re_alive alive;

	re_alive_start(&alive, re_now_ms());

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
		if (s->commands == NULL && !s->cancel) {
			int rc;

			pthread_mutex_unlock(&s->mu);
			rc = re_alive_check(s, ssh, &alive, -1, NULL, msg, len);
			pthread_mutex_lock(&s->mu);
			if (rc != 0) {
				*gone = true;
				break;
			}
		}
	}
	if (!s->cancel && !*gone) {
		c = s->commands;
		s->commands = c->next;
		if (s->commands == NULL)
			s->last = NULL;
		s->current = c;
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
	ssh_event ev = NULL;
	char msg[1024] = "", method[32], added[600] = "";
	long timeout = s->p.connect_timeout_s;
	int fd = -1, one = 1, arc, rport = 0;
	long long auth_ms;
	bool no = false;
	struct re_command *c;
	/* Outlive ssh: libssh keeps pointers to both. */
	struct re_passphrase auto_pp = { .s = s };
	struct ssh_callbacks_struct cb = { .userdata = &auto_pp,
		.auth_function = re_passphrase_cb };

	ssh = ssh_new();
	if (ssh == NULL) {
		snprintf(msg, sizeof msg, "out of memory");
		goto out;
	}
	if (s->p.ask) {
		ssh_callbacks_init(&cb);
		ssh_set_callbacks(ssh, &cb);
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
		rport = (int)port;
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
		const char *e = ssh_get_error(ssh);

		why = re_cancelled(s) ? RE_DISC_CANCELLED : RE_DISC_CLOSED;
		if (why == RE_DISC_CLOSED && strstr(e, "imeout") != NULL) {
			/* Connected, but no greeting or key exchange: a
			 * hung sshd, not a closed connection. */
			why = RE_DISC_TIMEOUT;
			snprintf(msg, sizeof msg, "%s port %d: the SSH handshake "
			    "did not finish within %ld s", s->host, rport, timeout);
		} else
			snprintf(msg, sizeof msg, "%s", e);
		goto out;
	}
	if (re_check_host_key(s, ssh, &why, msg, sizeof msg, added,
	    sizeof added) != 0)
		goto out;
	auth_ms = re_now_ms();
	if ((arc = re_authenticate(s, ssh, &auto_pp, method,
	    sizeof method)) != 0) {
		char *u = NULL;

		why = re_cancelled(s) ? RE_DISC_CANCELLED : RE_DISC_AUTH_FAILED;
		ssh_options_get(ssh, SSH_OPTIONS_USER, &u);
		if (why == RE_DISC_AUTH_FAILED && !ssh_is_connected(ssh)) {
			/* E.g. its login time ran out while an ASK waited. */
			why = RE_DISC_CLOSED;
			snprintf(msg, sizeof msg, "%s@%s: the router closed the "
			    "connection during login: %s", u != NULL ? u : "?",
			    s->host, ssh_get_error(ssh));
		} else if (why == RE_DISC_AUTH_FAILED && arc == -2 &&
		    re_now_ms() - auth_ms >= timeout * 1000 - 500) {
			/* libssh's wait ran out: the RE hangs. */
			why = RE_DISC_TIMEOUT;
			snprintf(msg, sizeof msg, "%s@%s: no answer during login "
			    "within %ld s", u != NULL ? u : "?", s->host, timeout);
		} else if (why == RE_DISC_AUTH_FAILED && arc == -2) {
			const char *e = ssh_get_error(ssh);

			why = RE_DISC_ERROR;
			snprintf(msg, sizeof msg, "%s@%s: the login broke off, "
			    "with no verdict on the credentials: %s", u != NULL ?
			    u : "?", s->host, e[0] != '\0' ? e : "no reason given");
		} else
			snprintf(msg, sizeof msg, "%s@%s: every method was "
			    "refused%s", u != NULL ? u : "?", s->host,
			    s->no_password ? "; no password was available to "
			    "try (none given, none asked for)" : "");
		ssh_string_free_char(u);
		goto out;
	}
	/* The worker's one place to sleep while a command runs (see
	 * re_run_channel). */
	if ((ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(ev, ssh) != SSH_OK ||
	    ssh_event_add_fd(ev, s->wake[0], POLLIN, re_wake_cb, NULL) != SSH_OK) {
		snprintf(msg, sizeof msg, "cannot make an ssh_event: %s",
		    ssh_get_error(ssh));
		goto out;
	}
	re_post(s, RE_EV_CONNECTED, 0, 0, RE_DISC_NONE, added[0] != '\0' ?
	    strdup(added) : NULL, "%s", method);
	for (;;) {
		bool gone = false;
		int rc;

		msg[0] = '\0';
		if ((c = re_next_command(s, ssh, &gone, msg, sizeof msg)) ==
		    NULL) {
			why = !gone ? RE_DISC_CANCELLED : msg[0] != '\0' ?
			    RE_DISC_TIMEOUT : RE_DISC_CLOSED;
			if (why != RE_DISC_TIMEOUT)
				snprintf(msg, sizeof msg, "%s", gone ?
				    "connection closed by the router" :
				    "cancelled");
			break;
		}
		rc = re_run_channel(s, ssh, ev, c, &why, msg, sizeof msg);
		re_command_free(c);
		if (rc != 0)
			break;
	}
out:
	pthread_mutex_lock(&s->mu);
	fd = s->fd;
	s->fd = -1;			/* no shutdown() on a reused number */
	s->stopped = true;		/* input and commands now refused */
	pthread_mutex_unlock(&s->mu);
	if (ev != NULL) {
		ssh_event_remove_fd(ev, s->wake[0]);
		ssh_event_remove_session(ev, ssh);
		ssh_event_free(ev);
	}
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
		s->stopped = false;
		if (pthread_create(&s->thread, NULL, re_worker, s) == 0) {
			s->running = true;
			rc = 0;
		}
	}
	pthread_mutex_unlock(&s->mu);
	return rc;
}

/* Queues a command of either kind; its id, or -1. */
static int
re_queue(struct re_session *s, enum re_command_kind kind, const char *text,
    int limit_s)
{
	struct re_command *c = NULL;
	int id = -1;

	pthread_mutex_lock(&s->mu);
	if (s->running && !s->stopped && !s->cancel &&
	    (c = calloc(1, sizeof *c)) != NULL &&
	    (text == NULL || (c->text = strdup(text)) != NULL)) {
		c->id = id = ++s->next_id;
		c->kind = kind;
		c->limit_s = limit_s;
		if (s->last != NULL)
			s->last->next = c;
		else
			s->commands = c;
		s->last = c;
		pthread_cond_signal(&s->cv);
		c = NULL;
	}
	pthread_mutex_unlock(&s->mu);
	free(c);
	return id;
}

int
re_session_run(struct re_session *s, const char *command)
{
	return re_queue(s, RE_CMD_EXEC, command, s->p.command_timeout_s);
}

int
re_session_run_within(struct re_session *s, const char *command, int limit_s)
{
	return re_queue(s, RE_CMD_EXEC, command, limit_s > 0 ? limit_s : 0);
}

int
re_session_run_shell(struct re_session *s)
{
	return re_queue(s, RE_CMD_SHELL, NULL, s->p.command_timeout_s);
}

/* The command with that id that may still take input; under s->mu. */
static struct re_command *
re_find_command(struct re_session *s, int id)
{
	struct re_command *c;

	if (!s->running || s->stopped || s->cancel)
		return NULL;
	if (s->current != NULL && s->current->id == id)
		c = s->current;
	else
		for (c = s->commands; c != NULL && c->id != id; c = c->next)
			;
	return c != NULL && !c->input_closed ? c : NULL;
}

/* Wakes a worker sleeping in poll(); a full pipe is already a wake-up. */
static void
re_wake(struct re_session *s)
{
	char c = 1;

	while (write(s->wake[1], &c, 1) < 0 && errno == EINTR)
		;
}

int
re_session_input(struct re_session *s, int command_id, const char *text)
{
	struct re_command *c;
	size_t n = strlen(text);
	char *grown;
	int rc = -1;

	pthread_mutex_lock(&s->mu);
	/* Grown by copy, not realloc: the old block is wiped before free. */
	if ((c = re_find_command(s, command_id)) != NULL &&
	    (grown = malloc(c->inlen + n + 1)) != NULL) {
		if (c->input != NULL) {
			memcpy(grown, c->input, c->inlen);
			explicit_bzero(c->input, c->inlen);
			free(c->input);
		}
		memcpy(grown + c->inlen, text, n + 1);
		c->input = grown;
		c->inlen += n;
		rc = 0;
	}
	pthread_mutex_unlock(&s->mu);
	if (rc == 0)
		re_wake(s);
	return rc;
}

int
re_session_close_input(struct re_session *s, int command_id)
{
	struct re_command *c;
	int rc = -1;

	pthread_mutex_lock(&s->mu);
	if ((c = re_find_command(s, command_id)) != NULL) {
		c->send_eof = true;
		c->input_closed = true;
		rc = 0;
	}
	pthread_mutex_unlock(&s->mu);
	if (rc == 0)
		re_wake(s);
	return rc;
}

int
re_session_answer(struct re_session *s, const char *secret)
{
	char *copy = NULL;
	int rc = -1;

	if (secret != NULL && (copy = strdup(secret)) == NULL)
		return -1;
	pthread_mutex_lock(&s->mu);
	if (s->asking && !s->answered) {
		s->answer = copy;
		s->answered = true;
		copy = NULL;
		pthread_cond_broadcast(&s->cv);
		rc = 0;
	}
	pthread_mutex_unlock(&s->mu);
	re_secret_free(copy);
	return rc;
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
	if (s->wake[1] >= 0)
		re_wake(s);
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
		re_command_free(c);
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
	/* A password or a decrypted key does not outlive its session. */
	re_secret_free(s->password);
	re_secret_free(s->answer);
	for (i = 0; i < RE_MAX_IDENTITIES; i++) {
		free(s->identities[i]);
		ssh_key_free(s->keys[i]);
	}
	if (s->wake[0] >= 0) {
		close(s->wake[0]);
		close(s->wake[1]);
	}
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
