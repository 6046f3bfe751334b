/*
 * hostile_sshd.c - a small SSH server for tests that answers exec commands
 * with whatever bytes a script says: what a hostile or broken router could
 * send (NUL bytes inside lines, terminal escape sequences, lines without a
 * newline, huge lines), or nothing at all (a stall after the login or in
 * the middle of an answer).
 *
 *   hostile_sshd --script FILE --port-file FILE --known-hosts-out FILE
 *                [--user U] [--password P] [--lifetime S] [--log FILE]
 *                [--stall-after-auth]
 *
 * Listens on 127.0.0.1 only, on a free port written to --port-file once it
 * listens; a fresh ed25519 host key each start, written as a known_hosts
 * line ("[127.0.0.1]:PORT ssh-ed25519 ...") like issu-sim's
 * --known-hosts-out.  Password login only (default netops/netops).  Exits
 * after --lifetime seconds (default 120) whatever its clients do.
 *
 * The script: one rule per line, "COMMAND<TAB>REPLY"; COMMAND is matched
 * exactly, "*" matches any command not listed; '#' starts a comment line.
 * REPLY is written raw after these escapes: \\ \n \r \t \a \e \0 \xHH;
 * \L<N>. is N bytes of 'x' (a huge line, no newline); \S stalls there: what
 * came before is sent, then nothing more, the channel held open until the
 * client closes it or the lifetime ends.  A command no rule matches gets
 * "syntax error" and exit status 1.
 *
 * --log FILE gets one JSON object per line, flushed each: {"event":
 * "auth"|"command"|"stall", "user"/"text": ...} - the commands received, in
 * order, for a test to judge what a client sent.
 *
 * Modelled on libssh's examples/ssh_server.c and our simulator
 * (sim/server.c, ../shared/notes/libssh.md A): a thread per session,
 * TCP_NODELAY, work done outside the callbacks, exit status before EOF and
 * close, then the client's close waited for.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

struct hs_rule {
	char *command;
	char *reply;			/* decoded bytes */
	size_t len;
	size_t stall_at;		/* bytes before \S; len + 1: none */
};

/* What every session reads; set once before the first accept. */
static struct {
	struct hs_rule *rules;
	size_t nrules;
	const char *user, *password;
	bool stall_after_auth;
	time_t end;			/* the lifetime's end (monotonic s) */
	FILE *log;
	pthread_mutex_t log_mu;
} hs = { .user = "netops", .password = "netops",
	 .log_mu = PTHREAD_MUTEX_INITIALIZER };

struct hs_session {
	ssh_session s;
	ssh_channel chan;		/* the newest channel opened */
	ssh_channel answering;		/* the channel being answered */
	struct ssh_channel_callbacks_struct ccb[2]; /* by channel parity */
	int nopened;
	bool authed;
	bool answered_closed;		/* the client closed `answering` */
	char *command;			/* chan's exec request; owned */
};

static _Noreturn void hs_die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static _Noreturn void
hs_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "hostile_sshd: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static time_t
hs_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* One JSON line: {"event":"EV","KEY":"VALUE"}, VALUE escaped. */
static void
hs_log(const char *ev, const char *key, const char *value)
{
	const unsigned char *p;

	if (hs.log == NULL)
		return;
	pthread_mutex_lock(&hs.log_mu);
	fprintf(hs.log, "{\"event\":\"%s\",\"%s\":\"", ev, key);
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(hs.log, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(hs.log, "\\u%04x", *p);
		else
			fputc(*p, hs.log);
	}
	fputs("\"}\n", hs.log);
	fflush(hs.log);
	pthread_mutex_unlock(&hs.log_mu);
}

/* Decodes a rule's REPLY in place into r. */
static void
hs_decode(const char *in, struct hs_rule *r)
{
	size_t cap = strlen(in) + 1, n = 0;
	char *out = malloc(cap);

	r->stall_at = (size_t)-1;
	if (out == NULL)
		hs_die("%s", "out of memory");
	while (*in != '\0') {
		char c = *in++;

		if (c == '\\' && *in != '\0') {
			char e = *in++;

			switch (e) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'a': c = '\a'; break;
			case 'e': c = '\033'; break;
			case '0': c = '\0'; break;
			case 'x': {
				char hex[3] = { in[0], in[0] ? in[1] : 0, 0 };

				c = (char)strtol(hex, NULL, 16);
				in += strlen(hex);
				break;
			}
			case 'L': {
				unsigned long k = strtoul(in, (char **)&in, 10);

				if (*in == '.')
					in++;
				cap += k;
				if ((out = realloc(out, cap)) == NULL)
					hs_die("%s", "out of memory");
				memset(out + n, 'x', k);
				n += k;
				continue;
			}
			case 'S':
				r->stall_at = n;
				continue;
			default: c = e; break;
			}
		}
		out[n++] = c;
	}
	r->reply = out;
	r->len = n;
	if (r->stall_at == (size_t)-1)
		r->stall_at = n + 1;
}

static void
hs_load_script(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (f == NULL)
		hs_die("cannot open the script %s", path);
	while ((n = getline(&line, &cap, f)) > 0) {
		char *tab;
		struct hs_rule *r;

		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((tab = strchr(line, '\t')) == NULL)
			hs_die("a script line without a tab: %s", line);
		*tab = '\0';
		hs.rules = realloc(hs.rules, (hs.nrules + 1) * sizeof *hs.rules);
		if (hs.rules == NULL)
			hs_die("%s", "out of memory");
		r = &hs.rules[hs.nrules++];
		if ((r->command = strdup(line)) == NULL)
			hs_die("%s", "out of memory");
		hs_decode(tab + 1, r);
	}
	free(line);
	fclose(f);
}

static const struct hs_rule *
hs_find(const char *command)
{
	size_t i;

	for (i = 0; i < hs.nrules; i++)
		if (strcmp(hs.rules[i].command, command) == 0)
			return &hs.rules[i];
	for (i = 0; i < hs.nrules; i++)
		if (strcmp(hs.rules[i].command, "*") == 0)
			return &hs.rules[i];
	return NULL;
}

/* --- callbacks: they only record; the session thread does the work ------ */

static int
cb_auth_password(ssh_session s, const char *user, const char *password,
    void *ud)
{
	struct hs_session *S = ud;
	bool ok = strcmp(user, hs.user) == 0 && strcmp(password, hs.password) == 0;

	(void)s;
	hs_log("auth", "user", ok ? user : "(denied)");
	S->authed = S->authed || ok;
	return ok ? SSH_AUTH_SUCCESS : SSH_AUTH_DENIED;
}

static int
cb_chan_exec(ssh_session s, ssh_channel c, const char *command, void *ud)
{
	struct hs_session *S = ud;

	(void)s, (void)c;
	if (S->command != NULL)
		return 1;
	S->command = strdup(command);
	return S->command != NULL ? 0 : 1;
}

static int
cb_chan_pty(ssh_session s, ssh_channel c, const char *term, int w, int h,
    int pw, int ph, void *ud)
{
	(void)s, (void)c, (void)term, (void)w, (void)h, (void)pw, (void)ph;
	(void)ud;
	return 0;
}

static int
cb_chan_env(ssh_session s, ssh_channel c, const char *name, const char *value,
    void *ud)
{
	(void)s, (void)c, (void)name, (void)value, (void)ud;
	return 1;
}

static void
cb_chan_close(ssh_session s, ssh_channel c, void *ud)
{
	struct hs_session *S = ud;

	(void)s;
	if (c == S->answering)
		S->answered_closed = true;
}

/*
 * One channel at a time, after login.  A client may open its next channel
 * in the same breath as it closes the last (sim/server.c does the same):
 * taken once the one answered is closed by the client.
 */
static ssh_channel
cb_chan_open(ssh_session s, void *ud)
{
	struct hs_session *S = ud;
	struct ssh_channel_callbacks_struct *cb;

	if (!S->authed)
		return NULL;
	if (S->chan != NULL && !(S->chan == S->answering &&
	    S->answered_closed))
		return NULL;
	if ((S->chan = ssh_channel_new(s)) == NULL)
		return NULL;
	cb = &S->ccb[S->nopened++ % 2];
	*cb = (struct ssh_channel_callbacks_struct){ .userdata = S,
		.channel_exec_request_function = cb_chan_exec,
		.channel_pty_request_function = cb_chan_pty,
		.channel_env_request_function = cb_chan_env,
		.channel_close_function = cb_chan_close };
	ssh_callbacks_init(cb);
	ssh_set_channel_callbacks(S->chan, cb);
	return S->chan;
}

/* --- the session thread -------------------------------------------------- */

/* Polls until `done` or the client closed or the lifetime ended; false
 * when the session is over. */
static bool
hs_wait(struct hs_session *S, ssh_event ev, bool *done)
{
	while (!*done) {
		if (hs_now() >= hs.end || ssh_event_dopoll(ev, 100) == SSH_ERROR ||
		    !ssh_is_connected(S->s))
			return false;
	}
	return true;
}

/* Answers one exec channel (S->answering) from the script. */
static bool
hs_answer(struct hs_session *S, ssh_event ev, const char *command)
{
	const struct hs_rule *r = hs_find(command);
	static const char unknown[] = "syntax error\n";
	const char *out = r != NULL ? r->reply : unknown;
	size_t len = r != NULL ? r->len : sizeof unknown - 1;
	size_t stall = r != NULL ? r->stall_at : len + 1;
	hs_log("command", "text", command);
	if (len > 0 && ssh_channel_write(S->answering, out, (uint32_t)(stall <= len ?
	    stall : len)) == SSH_ERROR)
		return false;
	if (stall <= len) {
		/* Silent from here until the client gives up on it. */
		hs_log("stall", "text", command);
		return hs_wait(S, ev, &S->answered_closed);
	}
	ssh_channel_request_send_exit_status(S->answering, r != NULL ? 0 : 1);
	ssh_channel_send_eof(S->answering);
	ssh_channel_close(S->answering);
	/* The client's close, before the next channel is taken. */
	return hs_wait(S, ev, &S->answered_closed);
}

static void *
hs_session_thread(void *arg)
{
	struct hs_session S = { .s = arg };
	struct ssh_server_callbacks_struct scb = { .userdata = &S,
		.auth_password_function = cb_auth_password,
		.channel_open_request_session_function = cb_chan_open };
	ssh_event ev = NULL;
	long timeout = 10;

	ssh_callbacks_init(&scb);
	ssh_set_server_callbacks(S.s, &scb);
	ssh_set_auth_methods(S.s, SSH_AUTH_METHOD_PASSWORD);
	ssh_options_set(S.s, SSH_OPTIONS_TIMEOUT, &timeout);
	if (ssh_handle_key_exchange(S.s) != SSH_OK)
		goto out;
	if ((ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(ev, S.s) != SSH_OK)
		goto out;
	if (!hs_wait(&S, ev, &S.authed))
		goto out;
	if (hs.stall_after_auth) {
		hs_log("stall", "text", "after authentication");
		/* Logged in, then silent: nothing is read or answered. */
		while (hs_now() < hs.end)
			usleep(100 * 1000);
		goto out;
	}
	for (;;) {
		char *command;
		bool ok;

		/* A channel with its exec request. */
		while (S.command == NULL) {
			if (hs_now() >= hs.end ||
			    ssh_event_dopoll(ev, 100) == SSH_ERROR ||
			    !ssh_is_connected(S.s))
				goto out;
		}
		command = S.command;
		S.command = NULL;
		S.answering = S.chan;
		S.answered_closed = false;
		ok = hs_answer(&S, ev, command);
		free(command);
		if (S.chan == S.answering)
			S.chan = NULL;
		ssh_channel_free(S.answering);
		S.answering = NULL;
		if (!ok)
			goto out;
	}
out:
	if (ev != NULL) {
		ssh_event_remove_session(ev, S.s);
		ssh_event_free(ev);
	}
	free(S.command);
	ssh_disconnect(S.s);
	ssh_free(S.s);
	return NULL;
}

/* --- main ---------------------------------------------------------------- */

static void
hs_usage(void)
{
	fputs("usage: hostile_sshd --script FILE --port-file FILE "
	    "--known-hosts-out FILE\n"
	    "                    [--user U] [--password P] [--lifetime S] "
	    "[--log FILE] [--stall-after-auth]\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *script = NULL, *port_file = NULL, *kh_file = NULL;
	long lifetime = 120;
	ssh_bind b;
	ssh_key key = NULL;
	char *b64 = NULL;
	int i, port = 0, no = 0;
	struct sockaddr_in sa = { .sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t salen = sizeof sa;
	int lfd;
	FILE *f;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--stall-after-auth") == 0) {
			hs.stall_after_auth = true;
			continue;
		}
		if (v == NULL)
			hs_usage();
		i++;
		if (strcmp(a, "--script") == 0)
			script = v;
		else if (strcmp(a, "--port-file") == 0)
			port_file = v;
		else if (strcmp(a, "--known-hosts-out") == 0)
			kh_file = v;
		else if (strcmp(a, "--user") == 0)
			hs.user = v;
		else if (strcmp(a, "--password") == 0)
			hs.password = v;
		else if (strcmp(a, "--lifetime") == 0)
			lifetime = strtol(v, NULL, 10);
		else if (strcmp(a, "--log") == 0) {
			if ((hs.log = fopen(v, "w")) == NULL)
				hs_die("cannot create the log %s", v);
		} else
			hs_usage();
	}
	if (script == NULL || port_file == NULL || kh_file == NULL ||
	    lifetime <= 0)
		hs_usage();
	hs_load_script(script);
	hs.end = hs_now() + lifetime;
	signal(SIGPIPE, SIG_IGN);

	/* Our own socket: port 0 picks a free one (A.2). */
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    bind(lfd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(lfd, 64) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &salen) != 0)
		hs_die("cannot listen on 127.0.0.1: %s", strerror(errno));
	port = ntohs(sa.sin_port);
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK ||
	    ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		hs_die("%s", "cannot make a host key");
	if ((f = fopen(kh_file, "w")) == NULL)
		hs_die("cannot create %s", kh_file);
	fprintf(f, "[127.0.0.1]:%d %s %s\n", port,
	    ssh_key_type_to_char(ssh_key_type(key)), b64);
	fclose(f);
	ssh_string_free_char(b64);
	b = ssh_bind_new();
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_IMPORT_KEY, key);
	ssh_bind_options_set(b, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	ssh_bind_set_fd(b, lfd);
	if (ssh_bind_listen(b) < 0)
		hs_die("ssh_bind_listen: %s", ssh_get_error(b));
	/* The port last: a test waits for this file, then connects. */
	if ((f = fopen(port_file, "w")) == NULL)
		hs_die("cannot create %s", port_file);
	fprintf(f, "%d\n", port);
	fclose(f);

	while (hs_now() < hs.end) {
		struct pollfd pfd = { .fd = lfd, .events = POLLIN };
		pthread_attr_t attr;
		pthread_t tid;
		ssh_session s;
		int one = 1;

		if (poll(&pfd, 1, 200) <= 0)
			continue;
		if ((s = ssh_new()) == NULL)
			hs_die("%s", "out of memory");
		if (ssh_bind_accept(b, s) != SSH_OK) {
			ssh_free(s);
			continue;
		}
		setsockopt(ssh_get_fd(s), IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof one);
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&tid, &attr, hs_session_thread, s) != 0)
			ssh_free(s);
		pthread_attr_destroy(&attr);
	}
	/* The lifetime is over: sessions still open end with the process. */
	return 0;
}
