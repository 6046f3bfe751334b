/*
 * server.c - libssh server for the two simulated routing engines (see
 * server.h and shared/notes/libssh.md, whose numbered gotchas G1-G18 the
 * comments below refer to).
 */
#include "sim/server.h"

#include <errno.h>
#include <fcntl.h>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sim/authkeys.h"
#include "sim/buf.h"
#include "sim/chassis.h"
#include "sim/cli.h"
#include "sim/event_log.h"
#include "sim/fatal.h"

enum {
	SIM_LISTEN_BACKLOG = 512,	/* libssh's own is 10 (G4) */
	SIM_MAX_AUTH_ATTEMPTS = 6,
	SIM_MAX_LINE = 65536,		/* longer input lines are cut here */
	SIM_MAX_PENDING_INPUT = 1 << 20,
	SIM_THREAD_STACK = 512 * 1024,
	SIM_KEX_TIMEOUT_S = 10,
	SIM_SETUP_TIMEOUT_MS = 30000,	/* from connect to logged in */
};

enum sim_chan_mode {
	SIM_CHAN_NONE,
	SIM_CHAN_EXEC,
	SIM_CHAN_SHELL,
};

struct sim_server;

/* One SSH connection; owned by its thread. */
struct sim_session {
	struct sim_server *srv;
	int slot;
	int id;
	ssh_session s;
	int fd;				/* published for shutdown() */
	atomic_int kill;		/* set by the main thread */
	struct sim_session *next;	/* in srv->sessions, under srv->mu */

	/* Filled by callbacks, read by the thread between polls (G7). */
	bool authed;
	int attempts;
	char auth_method[16];
	ssh_channel chan;
	ssh_channel retired;		/* a finished channel the thread frees */
	bool closing;			/* we sent CLOSE on chan */
	bool chan_eof, chan_closed;
	enum sim_chan_mode mode;
	char *exec_cmd;
	bool pty;
	struct sim_buf in;		/* bytes received, not yet consumed */
	struct ssh_server_callbacks_struct scb;
	struct ssh_channel_callbacks_struct ccb;
	char from[64];
};

struct sim_listener {
	ssh_bind bind;
	int fd;
	int port;
};

/* A session thread that has ended and waits to be joined. */
struct sim_ended {
	pthread_t tid;
	struct sim_ended *next;
};

struct sim_server {
	struct sim_server_params p;
	struct sim_listener re[2];
	pthread_mutex_t mu;		/* guards sessions, nthreads, ended */
	pthread_cond_t gone;		/* signalled when a thread ends */
	struct sim_session *sessions;
	int nthreads;
	struct sim_ended *ended;
	atomic_int next_id;
	char *new_key[2];		/* base64 key after hostkey-changed */
	int wake[2];			/* the chassis asks for a tick here */
};

/* --- listeners ----------------------------------------------------------- */

static int
sim_listen_socket(const char *addr, int port, int *bound_port, char *err,
    size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
		.ai_flags = AI_NUMERICHOST | AI_PASSIVE };
	struct addrinfo *ai = NULL;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char portstr[16];
	int fd, one = 1, rc;

	snprintf(portstr, sizeof portstr, "%d", port);
	if ((rc = getaddrinfo(addr, portstr, &hints, &ai)) != 0) {
		snprintf(err, errlen, "%s: %s", addr, gai_strerror(rc));
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    listen(fd, SIM_LISTEN_BACKLOG) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
		snprintf(err, errlen, "%s:%d: %s", addr, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	*bound_port = ss.ss_family == AF_INET6 ?
	    ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) :
	    ntohs(((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

static int
sim_listener_open(struct sim_server *srv, int slot, bool new_key, char *err,
    size_t errlen)
{
	struct sim_listener *l = &srv->re[slot];
	char why[256];
	bool no = false;
	int t, fd;

	fd = sim_listen_socket(srv->p.listen, srv->p.port[slot], &l->port, why,
	    sizeof why);
	if (fd < 0) {
		snprintf(err, errlen, "re%d: %s", slot, why);
		return -1;
	}
	l->bind = ssh_bind_new();
	if (l->bind == NULL)
		sim_fatal("ssh_bind_new failed");
	if (new_key || srv->new_key[slot]) {
		/* --fault hostkey-changed: the RE came back reinstalled with a
		 * key of its own, offered alone so that every client sees it. */
		ssh_key key = NULL;

		if (!srv->new_key[slot] || ssh_pki_import_privkey_base64(
		    srv->new_key[slot], NULL, NULL, NULL, &key) != SSH_OK) {
			char *b64 = NULL;

			if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK ||
			    ssh_pki_export_privkey_base64(key, NULL, NULL, NULL,
			    &b64) != SSH_OK)
				sim_fatal("cannot generate a host key");
			free(srv->new_key[slot]);
			srv->new_key[slot] = sim_xstrdup(b64);
			ssh_string_free_char(b64);
		}
		ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_IMPORT_KEY, key);
	} else
		for (t = 0; t < SIM_HOSTKEY_TYPES; t++)
			ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_HOSTKEY,
			    srv->p.hostkeys[slot][t]);
	/* Else /etc/ssh/libssh_server_config is read on the first accept (G8). */
	ssh_bind_options_set(l->bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	ssh_bind_set_fd(l->bind, fd);
	if (ssh_bind_listen(l->bind) < 0) {
		snprintf(err, errlen, "re%d: %s", slot, ssh_get_error(l->bind));
		ssh_bind_free(l->bind);
		l->bind = NULL;
		return -1;
	}
	l->fd = ssh_bind_get_fd(l->bind);
	/* A rebooted RE comes back on the same port. */
	srv->p.port[slot] = l->port;
	return 0;
}

/* --- callbacks: record state only, never write (G7) ---------------------- */

static void
sim_log_auth(struct sim_session *S, const char *user, const char *method,
    bool ok)
{
	sim_event_log_write(S->srv->p.log, S->slot, "auth",
	    "session", SIM_EV_INT, (long long)S->id,
	    "user", SIM_EV_STR, user,
	    "method", SIM_EV_STR, method,
	    "ok", SIM_EV_BOOL, (int)ok,
	    "from", SIM_EV_STR, S->from, (const char *)NULL);
}

static int
cb_auth_password(ssh_session s, const char *user, const char *password,
    void *ud)
{
	struct sim_session *S = ud;
	struct sim_chassis *ch = S->srv->p.ch;
	bool ok = strcmp(user, S->srv->p.user) == 0 &&
	    strcmp(password, S->srv->p.password) == 0;

	(void)s;
	pthread_mutex_lock(&ch->mu);
	if (ch->re[S->slot].password_broken)
		ok = false;	/* --fault auth-fail-after-reboot */
	pthread_mutex_unlock(&ch->mu);
	S->attempts++;
	sim_log_auth(S, user, "password", ok);
	if (!ok)
		return SSH_AUTH_DENIED;
	S->authed = true;
	snprintf(S->auth_method, sizeof S->auth_method, "password");
	return SSH_AUTH_SUCCESS;
}

static int
cb_auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *key,
    char state, void *ud)
{
	struct sim_session *S = ud;
	bool ok = strcmp(user, S->srv->p.user) == 0 &&
	    sim_authkeys_allows(S->srv->p.authkeys, key);

	(void)s;
	/* A probe (no signature) is answered PK_OK for a listed key; only the
	 * signed request logs in.  A refused probe is a failed attempt. */
	if (state == SSH_PUBLICKEY_STATE_NONE) {
		if (!ok) {
			S->attempts++;
			sim_log_auth(S, user, "publickey", false);
		}
		return ok ? SSH_AUTH_SUCCESS : SSH_AUTH_DENIED;
	}
	S->attempts++;
	ok = ok && state == SSH_PUBLICKEY_STATE_VALID;
	sim_log_auth(S, user, "publickey", ok);
	if (!ok)
		return SSH_AUTH_DENIED;
	S->authed = true;
	snprintf(S->auth_method, sizeof S->auth_method, "publickey");
	return SSH_AUTH_SUCCESS;
}

static int
cb_chan_data(ssh_session s, ssh_channel c, void *data, uint32_t len,
    int is_stderr, void *ud)
{
	struct sim_session *S = ud;

	(void)s, (void)is_stderr;
	if (c != S->chan)
		return (int)len;	/* a finished channel's: nobody reads it */
	/* Leave the rest in libssh's buffer: the window then slows the peer. */
	if (S->in.len >= SIM_MAX_PENDING_INPUT)
		return 0;
	sim_buf_append(&S->in, data, len);
	return (int)len;
}

/* EOF and CLOSE count for the current channel only: a finished one's must
 * not end the next command's input. */
static void
cb_chan_eof(ssh_session s, ssh_channel c, void *ud)
{
	struct sim_session *S = ud;

	(void)s;
	if (c == S->chan)
		S->chan_eof = true;
}

static void
cb_chan_close(ssh_session s, ssh_channel c, void *ud)
{
	struct sim_session *S = ud;

	(void)s;
	if (c == S->chan)
		S->chan_closed = true;
}

static int
cb_chan_pty(ssh_session s, ssh_channel c, const char *term, int w, int h,
    int pw, int ph, void *ud)
{
	(void)s, (void)c, (void)term, (void)w, (void)h, (void)pw, (void)ph;
	((struct sim_session *)ud)->pty = true;
	return 0;
}

static int
cb_chan_winch(ssh_session s, ssh_channel c, int w, int h, int pw, int ph,
    void *ud)
{
	(void)s, (void)c, (void)w, (void)h, (void)pw, (void)ph, (void)ud;
	return 0;
}

static int
cb_chan_shell(ssh_session s, ssh_channel c, void *ud)
{
	struct sim_session *S = ud;

	(void)s, (void)c;
	if (S->mode != SIM_CHAN_NONE)
		return 1;
	S->mode = SIM_CHAN_SHELL;
	return 0;
}

static int
cb_chan_exec(ssh_session s, ssh_channel c, const char *command, void *ud)
{
	struct sim_session *S = ud;

	(void)s, (void)c;
	if (S->mode != SIM_CHAN_NONE)
		return 1;
	S->exec_cmd = sim_xstrdup(command);
	S->mode = SIM_CHAN_EXEC;
	return 0;
}

/* OpenSSH sends LANG=... on every session (G18); a router ignores it. */
static int
cb_chan_env(ssh_session s, ssh_channel c, const char *name, const char *value,
    void *ud)
{
	(void)s, (void)c, (void)name, (void)value, (void)ud;
	return 1;
}

/* The session is ready for its next channel (the caller frees the old). */
static void
sim_chan_forget(struct sim_session *S)
{
	S->chan = NULL;
	S->closing = false;
	S->chan_eof = S->chan_closed = S->pty = false;
	S->mode = SIM_CHAN_NONE;
	free(S->exec_cmd);
	S->exec_cmd = NULL;
	sim_buf_reset(&S->in);
}

/* One channel at a time per connection, and only after login. */
static ssh_channel
cb_chan_open(ssh_session s, void *ud)
{
	struct sim_session *S = ud;

	if (!S->authed)
		return NULL;
	if (S->chan != NULL) {
		/* The client may open its next channel in the same breath as
		 * it closes the last one: take it once ours is finished. */
		if (!S->closing || !S->chan_closed || S->retired != NULL)
			return NULL;
		S->retired = S->chan;
		sim_chan_forget(S);
	}
	S->chan = ssh_channel_new(s);
	if (S->chan == NULL)
		return NULL;
	S->ccb = (struct ssh_channel_callbacks_struct){ .userdata = S,
		.channel_data_function = cb_chan_data,
		.channel_eof_function = cb_chan_eof,
		.channel_close_function = cb_chan_close,
		.channel_pty_request_function = cb_chan_pty,
		.channel_pty_window_change_function = cb_chan_winch,
		.channel_shell_request_function = cb_chan_shell,
		.channel_exec_request_function = cb_chan_exec,
		.channel_env_request_function = cb_chan_env };
	ssh_callbacks_init(&S->ccb);
	ssh_set_channel_callbacks(S->chan, &S->ccb);
	return S->chan;
}

/* --- the session thread -------------------------------------------------- */

static long
sim_ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Sends text, turning "\n" into "\r\n" on a pty (no line discipline, G6). */
static int
sim_send(struct sim_session *S, const struct sim_buf *b)
{
	struct sim_buf crlf = SIM_BUF_INIT;
	const char *data = sim_buf_str(b);
	size_t len = b->len, i, start = 0;
	int rc = 0;

	if (len == 0)
		return 0;
	if (S->pty) {
		for (i = 0; i < len; i++)
			if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
				sim_buf_append(&crlf, data + start, i - start);
				sim_buf_append(&crlf, "\r\n", 2);
				start = i + 1;
			}
		sim_buf_append(&crlf, data + start, len - start);
		data = crlf.data;
		len = crlf.len;
	}
	if (ssh_channel_write(S->chan, data, (uint32_t)len) == SSH_ERROR)
		rc = -1;
	sim_buf_free(&crlf);
	return rc;
}

/* Consumes the first n bytes of the input buffer. */
static void
sim_input_consume(struct sim_session *S, size_t n)
{
	if (n == 0)
		return;
	memmove(S->in.data, S->in.data + n, S->in.len - n);
	S->in.len -= n;
	S->in.data[S->in.len] = '\0';
}

/* Takes the next complete input line (without its ending) from S->in;
 * NULL when there is none yet.  At EOF the unterminated rest counts. */
static char *
sim_input_line(struct sim_session *S, bool at_eof)
{
	size_t n;
	char *line;

	if (S->in.len == 0)
		return NULL;
	n = strcspn(S->in.data, "\r\n");
	if (n == S->in.len && !at_eof)
		return NULL;
	line = sim_xstrndup(S->in.data, n < SIM_MAX_LINE ? n : SIM_MAX_LINE);
	if (n < S->in.len && S->in.data[n] == '\r' && n + 1 < S->in.len &&
	    S->in.data[n + 1] == '\n')
		n++;
	sim_input_consume(S, n < S->in.len ? n + 1 : n);
	return line;
}

/* Polls the session once; false when it is gone or being killed. */
static bool
sim_poll(struct sim_session *S, ssh_event ev, int ms)
{
	if (atomic_load(&S->kill))
		return false;
	if (ssh_event_dopoll(ev, ms) == SSH_ERROR)
		return false;
	return !atomic_load(&S->kill) && ssh_is_connected(S->s);
}

/* An exec request: one command; a question it asks is answered from the
 * channel's input, or takes its default at EOF. */
static int
sim_run_exec(struct sim_session *S, ssh_event ev, struct sim_cli *cli)
{
	struct sim_buf out = SIM_BUF_INIT;
	char *cmd = S->exec_cmd;

	/* An over-long command is cut like an over-long typed line. */
	if (strlen(cmd) > SIM_MAX_LINE)
		cmd[SIM_MAX_LINE] = '\0';
	cmd[strcspn(cmd, "\r\n")] = '\0';
	sim_cli_line(cli, cmd, &out);
	if (sim_send(S, &out) != 0)
		goto done;
	while (sim_cli_asking(cli) || sim_cli_busy(cli)) {
		char *line;

		sim_buf_reset(&out);
		if (!sim_cli_asking(cli)) {
			/* A command still printing (an ISSU): stream it. */
			if (!sim_poll(S, ev, 100))
				goto done;
			sim_cli_poll(cli, &out);
			if (sim_send(S, &out) != 0)
				goto done;
			continue;
		}
		line = sim_input_line(S, S->chan_eof);
		if (line == NULL && S->chan_eof)
			line = sim_xstrdup("");
		if (line == NULL) {
			if (!sim_poll(S, ev, 200))
				goto done;
			continue;
		}
		sim_cli_line(cli, line, &out);
		free(line);
		if (sim_send(S, &out) != 0)
			goto done;
	}
done:
	sim_buf_free(&out);
	return sim_cli_exit_status(cli);
}

/*
 * An interactive shell: the session is the terminal's line discipline.  It
 * echoes, edits (Backspace, ^U), abandons the line on ^C, drops escape
 * sequences (arrow keys), and hands complete lines to the CLI.
 */
static int
sim_run_shell(struct sim_session *S, ssh_event ev, struct sim_cli *cli)
{
	struct sim_buf out = SIM_BUF_INIT, line = SIM_BUF_INIT;
	bool last_cr = false, in_escape = false, esc_csi = false;
	int login = -1;

	pthread_mutex_lock(&S->srv->p.ch->mu);
	login = sim_chassis_login_add(S->srv->p.ch, S->slot, S->id,
	    S->srv->p.user, S->from);
	pthread_mutex_unlock(&S->srv->p.ch->mu);

	sim_cli_greeting(cli, &out);
	if (sim_send(S, &out) != 0)
		goto done;
	for (;;) {
		size_t i;
		bool leave = false;

		sim_buf_reset(&out);
		sim_cli_poll(cli, &out);
		/* Typed-ahead input waits while a command still prints. */
		for (i = 0; i < S->in.len && !leave &&
		    (!sim_cli_busy(cli) || sim_cli_asking(cli)); i++) {
			unsigned char c = (unsigned char)S->in.data[i];

			if (in_escape) {
				/* ESC [ ... final byte, or ESC + one byte. */
				if (!esc_csi && c == '[') {
					esc_csi = true;
					continue;
				}
				if (!esc_csi || (c >= 0x40 && c <= 0x7e))
					in_escape = false;
				continue;
			}
			if (c == '\n' && last_cr) {
				last_cr = false;
				continue;
			}
			last_cr = c == '\r';
			switch (c) {
			case '\r':
			case '\n':
				if (S->pty)
					sim_buf_puts(&out, "\n");
				if (sim_cli_line(cli, sim_buf_str(&line), &out) ==
				    SIM_CLI_EXIT)
					leave = true;
				sim_buf_reset(&line);
				break;
			case 0x03:	/* ^C */
				sim_buf_reset(&line);
				sim_cli_interrupt(cli, &out);
				break;
			case 0x04:	/* ^D on an empty line leaves, as in Junos */
				if (line.len == 0) {
					sim_buf_puts(&out, "\n");
					leave = true;
				}
				break;
			case 0x7f:
			case 0x08:
				if (line.len > 0) {
					/* Remove a whole UTF-8 character. */
					do
						line.len--;
					while (line.len > 0 &&
					    ((unsigned char)line.data[line.len] & 0xc0) == 0x80);
					line.data[line.len] = '\0';
					if (S->pty)
						sim_buf_puts(&out, "\b \b");
				}
				break;
			case 0x15:	/* ^U */
				if (S->pty)
					while (line.len > 0) {
						if (((unsigned char)line.data[--line.len] &
						    0xc0) != 0x80)
							sim_buf_puts(&out, "\b \b");
					}
				sim_buf_reset(&line);
				break;
			case '?':
				/* Junos answers ? at once, without Enter. */
				if (S->pty) {
					sim_buf_puts(&out, "?");
					sim_cli_complete(cli, sim_buf_str(&line), &out);
					break;
				}
				sim_buf_append(&line, "?", 1);
				break;
			case 0x1b:
				in_escape = true;
				esc_csi = false;
				break;
			default:
				if (c < 0x20 && c != '\t')
					break;	/* other control bytes do nothing */
				if (c == '\t')
					c = ' ';
				if (line.len >= SIM_MAX_LINE)
					break;	/* the line is full: drop, no echo */
				sim_buf_append(&line, (const char *)&c, 1);
				if (S->pty)
					sim_buf_append(&out, (const char *)&c, 1);
				break;
			}
		}
		sim_input_consume(S, i);
		if (sim_send(S, &out) != 0 || leave)
			break;
		if (S->chan_eof || S->chan_closed)
			break;
		if (!sim_poll(S, ev, sim_cli_busy(cli) ? 100 : 500))
			break;
	}
done:
	if (login >= 0) {
		pthread_mutex_lock(&S->srv->p.ch->mu);
		sim_chassis_login_remove(S->srv->p.ch, login);
		pthread_mutex_unlock(&S->srv->p.ch->mu);
	}
	sim_buf_free(&out);
	sim_buf_free(&line);
	return 0;
}

static void
sim_session_unlink(struct sim_session *S)
{
	struct sim_server *srv = S->srv;
	struct sim_session **pp;

	pthread_mutex_lock(&srv->mu);
	for (pp = &srv->sessions; *pp != NULL; pp = &(*pp)->next)
		if (*pp == S) {
			*pp = S->next;
			break;
		}
	pthread_mutex_unlock(&srv->mu);
}

static void *
sim_session_thread(void *arg)
{
	struct sim_session *S = arg;
	struct sim_server *srv = S->srv;
	struct sim_cli *cli = NULL;
	ssh_event ev = NULL;
	struct timespec t0;
	const char *reason = "client closed";
	long to = SIM_KEX_TIMEOUT_S;
	int status = 0;
	struct sim_ended *done;

	S->scb = (struct ssh_server_callbacks_struct){ .userdata = S,
		.auth_password_function = cb_auth_password,
		.auth_pubkey_function = cb_auth_pubkey,
		.channel_open_request_session_function = cb_chan_open };
	ssh_callbacks_init(&S->scb);
	ssh_set_server_callbacks(S->s, &S->scb);
	ssh_set_auth_methods(S->s, SSH_AUTH_METHOD_PASSWORD |
	    (srv->p.authkeys != NULL ? SSH_AUTH_METHOD_PUBLICKEY : 0));
	/* Without a timeout a silent client blocks key exchange forever (G10). */
	ssh_options_set(S->s, SSH_OPTIONS_TIMEOUT, &to);
	if (ssh_handle_key_exchange(S->s) != SSH_OK) {
		reason = "key exchange failed";
		goto out;
	}
	ev = ssh_event_new();
	if (ev == NULL || ssh_event_add_session(ev, S->s) != SSH_OK)
		sim_fatal("ssh_event_new failed");

	/*
	 * One channel after another on the same connection, as sshd allows (a
	 * client may run several commands over one login); the first waits
	 * under the login time limit, later ones as long as the client stays.
	 */
	for (bool first = true;; first = false) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		while (!(S->authed && S->chan != NULL && S->mode != SIM_CHAN_NONE)) {
			if (S->attempts >= SIM_MAX_AUTH_ATTEMPTS) {
				reason = "too many authentication failures";
				goto out;
			}
			/* Like sshd's LoginGraceTime: the limit is on logging
			 * in; a logged-in client may open its channel later. */
			if (first && !S->authed &&
			    sim_ms_since(&t0) > SIM_SETUP_TIMEOUT_MS) {
				reason = "login timed out";
				goto out;
			}
			if (!sim_poll(S, ev, first ? 100 : 500)) {
				/* After a finished channel, the client leaving
				 * is the normal end of the connection. */
				reason = atomic_load(&S->kill) ? "cut" :
				    first ? "client closed" : "closed";
				goto closed;
			}
		}
		if (first)
			sim_event_log_write(srv->p.log, S->slot, "session-open",
			    "session", SIM_EV_INT, (long long)S->id,
			    "user", SIM_EV_STR, srv->p.user,
			    "method", SIM_EV_STR, S->auth_method,
			    "mode", SIM_EV_STR,
			    S->mode == SIM_CHAN_EXEC ? "exec" : "shell",
			    "from", SIM_EV_STR, S->from, (const char *)NULL);

		cli = sim_cli_new(&(struct sim_cli_params){ .ch = srv->p.ch,
		    .slot = S->slot, .user = srv->p.user, .session_id = S->id,
		    .interactive = S->mode == SIM_CHAN_SHELL });
		if (S->mode == SIM_CHAN_EXEC)
			status = sim_run_exec(S, ev, cli);
		else
			status = sim_run_shell(S, ev, cli);
		sim_cli_free(cli);
		cli = NULL;
		if (atomic_load(&S->kill)) {
			reason = "cut";
			goto closed;
		}

		/* exit-status before EOF and close, or OpenSSH exits 255 (G5). */
		ssh_channel_request_send_exit_status(S->chan, status);
		ssh_channel_send_eof(S->chan);
		S->closing = true;
		ssh_channel_close(S->chan);
		/*
		 * Wait for the client's CLOSE however long it takes, as sshd
		 * does: freeing the session earlier cuts its output (G2), and
		 * freeing only the channel would let the client's late EOF
		 * fall on the next channel, whose question would then take
		 * its default unasked.  A reboot, the client leaving and
		 * the simulator stopping end the wait at once (sim_poll).
		 */
		while (S->closing && !S->chan_closed)
			if (!sim_poll(S, ev, 100))
				break;
		reason = atomic_load(&S->kill) ? "cut" : "closed";
		if (S->retired != NULL) {
			/* The next channel is already open. */
			ssh_channel_free(S->retired);
			S->retired = NULL;
		} else {
			if (!ssh_is_connected(S->s) || atomic_load(&S->kill))
				goto closed;
			ssh_channel_free(S->chan);
			sim_chan_forget(S);
		}
		if (!ssh_is_connected(S->s) || atomic_load(&S->kill))
			goto closed;
	}
closed:
out:
	/* Every connection's end is recorded, also one that never logged in. */
	sim_event_log_write(srv->p.log, S->slot, "session-close",
	    "session", SIM_EV_INT, (long long)S->id,
	    "reason", SIM_EV_STR, reason, (const char *)NULL);
	/* Leave the list before ssh_free closes the fd, so that the main
	 * thread never shuts down a reused descriptor. */
	sim_session_unlink(S);
	sim_cli_free(cli);
	if (ev != NULL) {
		ssh_event_remove_session(ev, S->s);
		ssh_event_free(ev);
	}
	if (!atomic_load(&S->kill))
		ssh_disconnect(S->s);
	ssh_free(S->s);
	free(S->exec_cmd);
	sim_buf_free(&S->in);
	free(S);

	/* The thread is joined, not detached: OpenSSL frees its per-thread
	 * random generators only when the thread exits, after this point, and
	 * the process must not end before that (a leak under LeakSanitizer). */
	done = sim_xcalloc(1, sizeof *done);
	done->tid = pthread_self();
	pthread_mutex_lock(&srv->mu);
	done->next = srv->ended;
	srv->ended = done;
	srv->nthreads--;
	pthread_cond_broadcast(&srv->gone);
	pthread_mutex_unlock(&srv->mu);
	return NULL;
}

/* Joins the session threads that have ended. */
static void
sim_reap(struct sim_server *srv)
{
	struct sim_ended *e, *next;

	pthread_mutex_lock(&srv->mu);
	e = srv->ended;
	srv->ended = NULL;
	pthread_mutex_unlock(&srv->mu);
	for (; e != NULL; e = next) {
		next = e->next;
		pthread_join(e->tid, NULL);
		free(e);
	}
}

/* --- accepting ----------------------------------------------------------- */

static void
sim_peer_name(int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;

	snprintf(buf, len, "-");
	if (getpeername(fd, (struct sockaddr *)&ss, &sl) == 0)
		getnameinfo((struct sockaddr *)&ss, sl, buf, (socklen_t)len, NULL,
		    0, NI_NUMERICHOST);
}

static void
sim_accept(struct sim_server *srv, int slot)
{
	struct sim_session *S;
	pthread_attr_t attr;
	pthread_t tid;
	ssh_session s;
	int one = 1;

	s = ssh_new();
	if (s == NULL)
		sim_fatal("ssh_new failed");
	if (ssh_bind_accept(srv->re[slot].bind, s) != SSH_OK) {
		ssh_free(s);
		return;
	}
	S = sim_xcalloc(1, sizeof *S);
	S->srv = srv;
	S->slot = slot;
	S->s = s;
	S->fd = ssh_get_fd(s);
	S->id = atomic_fetch_add(&srv->next_id, 1) + 1;
	/* Nagle + delayed ACK cost 44 ms per protocol phase (G1). */
	setsockopt(S->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	sim_peer_name(S->fd, S->from, sizeof S->from);

	pthread_mutex_lock(&srv->mu);
	S->next = srv->sessions;
	srv->sessions = S;
	srv->nthreads++;
	pthread_mutex_unlock(&srv->mu);

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, SIM_THREAD_STACK);
	if (pthread_create(&tid, &attr, sim_session_thread, S) != 0) {
		sim_session_unlink(S);
		pthread_mutex_lock(&srv->mu);
		srv->nthreads--;
		pthread_mutex_unlock(&srv->mu);
		ssh_free(s);
		free(S);
	}
	pthread_attr_destroy(&attr);
}

struct sim_server *
sim_server_start(const struct sim_server_params *p, char *err, size_t errlen)
{
	struct sim_server *srv = sim_xcalloc(1, sizeof *srv);
	int slot;

	srv->p = *p;
	pthread_mutex_init(&srv->mu, NULL);
	pthread_cond_init(&srv->gone, NULL);
	if (pipe2(srv->wake, O_CLOEXEC | O_NONBLOCK) != 0)
		sim_fatal("pipe: %s", strerror(errno));
	pthread_mutex_lock(&p->ch->mu);
	p->ch->wake_fd = srv->wake[1];
	pthread_mutex_unlock(&p->ch->mu);
	for (slot = 0; slot < 2; slot++) {
		srv->re[slot].fd = -1;
		if (sim_listener_open(srv, slot, false, err, errlen) != 0) {
			sim_server_free(srv);
			return NULL;
		}
		sim_event_log_write(p->log, slot, "listening",
		    "address", SIM_EV_STR, p->listen,
		    "port", SIM_EV_INT, (long long)srv->re[slot].port,
		    (const char *)NULL);
	}
	return srv;
}

int
sim_server_port(const struct sim_server *srv, int slot)
{
	return srv->re[slot].port;
}

/* Cuts every session of an RE: shutdown() wakes each thread, which ends
 * its session (the peer sees the connection closed, as at a reboot). */
static void
sim_cut_sessions(struct sim_server *srv, int slot)
{
	struct sim_session *S;

	pthread_mutex_lock(&srv->mu);
	for (S = srv->sessions; S != NULL; S = S->next)
		if (S->slot == slot) {
			atomic_store(&S->kill, 1);
			shutdown(S->fd, SHUT_RDWR);
		}
	pthread_mutex_unlock(&srv->mu);
}

/* Carries out what the chassis decided: an RE stops or comes back. */
static void
sim_do_action(struct sim_server *srv, const struct sim_action *a)
{
	struct sim_listener *l = &srv->re[a->slot];
	char err[256];

	switch (a->kind) {
	case SIM_ACT_RE_DOWN:
		/* Closing the listener first: new connects are refused. */
		if (l->bind != NULL) {
			ssh_bind_free(l->bind);
			l->bind = NULL;
			l->fd = -1;
		}
		sim_cut_sessions(srv, a->slot);
		break;
	case SIM_ACT_CUT_SESSIONS:
		sim_cut_sessions(srv, a->slot);
		break;
	case SIM_ACT_RE_UP:
		if (l->bind == NULL && sim_listener_open(srv, a->slot,
		    a->new_host_key, err, sizeof err) != 0) {
			/* The port was taken while the RE was down: it stays
			 * unreachable, as a real RE with a dead link would. */
			fprintf(stderr, "issu-sim: %s\n", err);
			sim_event_log_write(srv->p.log, a->slot, "listen-failed",
			    "error", SIM_EV_STR, err, (const char *)NULL);
		}
		break;
	}
}

static int
sim_server_timeout_ms(struct sim_server *srv)
{
	double wall;

	pthread_mutex_lock(&srv->p.ch->mu);
	wall = sim_chassis_next_wall(srv->p.ch);
	pthread_mutex_unlock(&srv->p.ch->mu);
	if (wall < 0)
		return -1;
	if (wall > 3600)
		return 3600 * 1000;
	return (int)(wall * 1000) + 1;
}

int
sim_server_run(struct sim_server *srv, int stop_fd)
{
	for (;;) {
		struct pollfd pfd[4] = {
			{ .fd = stop_fd, .events = POLLIN },
			{ .fd = srv->wake[0], .events = POLLIN },
			{ .fd = srv->re[0].fd, .events = POLLIN },
			{ .fd = srv->re[1].fd, .events = POLLIN },
		};
		struct sim_action act[SIM_MAX_ACTIONS];
		size_t n, i;
		int slot;
		char drain[64];

		if (poll(pfd, 4, sim_server_timeout_ms(srv)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd[0].revents != 0)
			return 0;
		if (pfd[1].revents & POLLIN)
			while (read(srv->wake[0], drain, sizeof drain) > 0)
				;
		pthread_mutex_lock(&srv->p.ch->mu);
		n = sim_chassis_tick(srv->p.ch, act, SIM_MAX_ACTIONS);
		pthread_mutex_unlock(&srv->p.ch->mu);
		for (i = 0; i < n; i++)
			sim_do_action(srv, &act[i]);
		for (slot = 0; slot < 2; slot++)
			if (srv->re[slot].fd >= 0 && (pfd[slot + 2].revents & POLLIN))
				sim_accept(srv, slot);
		sim_reap(srv);
	}
}

void
sim_server_free(struct sim_server *srv)
{
	struct sim_session *S;
	struct timespec deadline;
	int slot;

	if (srv == NULL)
		return;
	for (slot = 0; slot < 2; slot++)
		if (srv->re[slot].bind != NULL)
			ssh_bind_free(srv->re[slot].bind);
	/* Cut every session: shutdown() wakes its thread, which frees it. */
	pthread_mutex_lock(&srv->mu);
	for (S = srv->sessions; S != NULL; S = S->next) {
		atomic_store(&S->kill, 1);
		shutdown(S->fd, SHUT_RDWR);
	}
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 5;
	while (srv->nthreads > 0)
		if (pthread_cond_timedwait(&srv->gone, &srv->mu, &deadline) != 0)
			break;
	slot = srv->nthreads;
	pthread_mutex_unlock(&srv->mu);
	if (slot > 0)
		return;	/* a thread is stuck: leak rather than free under it */
	sim_reap(srv);
	pthread_mutex_lock(&srv->p.ch->mu);
	srv->p.ch->wake_fd = -1;
	pthread_mutex_unlock(&srv->p.ch->mu);
	close(srv->wake[0]);
	close(srv->wake[1]);
	free(srv->new_key[0]);
	free(srv->new_key[1]);
	pthread_cond_destroy(&srv->gone);
	pthread_mutex_destroy(&srv->mu);
	free(srv);
}
