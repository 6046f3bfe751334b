/*
 * sim_slow_client.c - a libssh client that is slow to close: it runs one
 * command on an exec channel, reads it to EOF, holds the finished channel
 * open for a while before closing it, then runs a second command on a new
 * channel of the same connection.  When the second command asks a question
 * (Junos' "[yes,no] (no)"), the client answers only after it has seen the
 * question, as a person reading the screen would.
 *
 * A server must wait for the client's close however long it takes and then
 * answer the next channel as if nothing had happened; sim_exec_slow_close.sh
 * drives this against issu-sim and judges on the event log.  The client rules
 * of shared/notes/libssh.md C apply (NODELAY, no ssh_config, strict host-key
 * checking, reads with explicit timeouts that tell EOF from "no data yet").
 *
 * Output on stdout, per channel: "=== channel N ===", what the command
 * printed, then "=== channel N: exit S ===" (S is "lost" when the connection
 * ended before an exit status).  Exit status: 0 when both channels ran, 1 on
 * a failure (said on stderr), 2 for a bad command line.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libssh/libssh.h>

struct slow_options {
	const char *host;
	int port;
	const char *user;
	const char *password;
	const char *known_hosts;
	long hold_ms;		/* how long the finished channel stays open */
	const char *answer;	/* typed after the question; NULL: none */
	long timeout_s;		/* per channel */
};

static int
slow_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("sim_slow_client: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return -1;
}

static long long
slow_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static ssh_session
slow_connect(const struct slow_options *o)
{
	ssh_session s = ssh_new();
	int one = 1;
	bool no = false;
	long timeout = o->timeout_s;

	if (s == NULL) {
		slow_fail("ssh_new failed");
		return NULL;
	}
	ssh_options_set(s, SSH_OPTIONS_HOST, o->host);
	ssh_options_set(s, SSH_OPTIONS_PORT, &o->port);
	ssh_options_set(s, SSH_OPTIONS_USER, o->user);
	ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
	ssh_options_set(s, SSH_OPTIONS_NODELAY, &one);
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, o->known_hosts);
	ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS,
	    "/nonexistent/sim-slow-client/known_hosts");
	if (ssh_connect(s) != SSH_OK)
		slow_fail("connect: %s", ssh_get_error(s));
	else if (ssh_session_is_known_server(s) != SSH_KNOWN_HOSTS_OK)
		slow_fail("host key not accepted by %s", o->known_hosts);
	else if (ssh_userauth_password(s, NULL, o->password) != SSH_AUTH_SUCCESS)
		slow_fail("password authentication: %s", ssh_get_error(s));
	else
		return s;
	ssh_free(s);
	return NULL;
}

/*
 * Runs cmd on a new channel and prints what it says; answers the first
 * question it sees.  The finished channel is returned open (the caller closes
 * it when it likes); NULL when it could not be opened.
 */
static ssh_channel
slow_run(ssh_session s, const struct slow_options *o, int n, const char *cmd,
    bool *ok)
{
	ssh_channel ch = ssh_channel_new(s);
	char buf[4096], seen[80] = "";
	long long deadline = slow_now_ms() + o->timeout_s * 1000;
	bool answered = o->answer == NULL;

	*ok = false;
	if (ch == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_exec(ch, cmd) != SSH_OK) {
		slow_fail("channel %d (%s): %s", n, cmd, ssh_get_error(s));
		ssh_channel_free(ch);
		return NULL;
	}
	printf("=== channel %d ===\n", n);
	for (;;) {
		int r = ssh_channel_read_timeout(ch, buf, sizeof buf - 1, 0, 200);

		if (r == SSH_ERROR)
			break;
		if (r > 0) {
			size_t keep;

			fwrite(buf, 1, (size_t)r, stdout);
			/* The question may arrive split over reads. */
			buf[r] = '\0';
			keep = strlen(seen);
			strncat(seen, buf + (r > 32 ? r - 32 : 0),
			    sizeof seen - 1 - keep);
			if (!answered && strstr(seen, "[yes,no]") != NULL) {
				char line[256];

				snprintf(line, sizeof line, "%s\n", o->answer);
				fflush(stdout);
				if (ssh_channel_write(ch, line,
				    (uint32_t)strlen(line)) == SSH_ERROR)
					break;
				answered = true;
			}
			if (strlen(seen) > 32)
				memmove(seen, seen + strlen(seen) - 32, 33);
			continue;
		}
		if (ssh_channel_is_eof(ch) || ssh_channel_is_closed(ch))
			break;
		if (slow_now_ms() > deadline) {
			slow_fail("channel %d (%s): no EOF in %ld s", n, cmd,
			    o->timeout_s);
			break;
		}
	}
	if (ssh_channel_is_eof(ch)) {
		int status = ssh_channel_get_exit_status(ch);

		printf("=== channel %d: exit %d ===\n", n, status);
		*ok = true;
	} else {
		printf("=== channel %d: exit lost ===\n", n);
	}
	fflush(stdout);
	return ch;
}

static long
slow_number(const char *flag, const char *s, long min, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "sim_slow_client: %s wants a number from %ld to "
		    "%ld, not '%s'\n", flag, min, max, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	struct slow_options o = { .host = "127.0.0.1", .user = "netops",
		.password = "netops", .hold_ms = 4000, .timeout_s = 20 };
	ssh_session s;
	ssh_channel ch;
	bool ok1 = false, ok2 = false;
	int c;

	while ((c = getopt(argc, argv, "H:p:u:w:k:d:a:t:")) != -1)
		switch (c) {
		case 'H': o.host = optarg; break;
		case 'p': o.port = (int)slow_number("-p", optarg, 1, 65535); break;
		case 'u': o.user = optarg; break;
		case 'w': o.password = optarg; break;
		case 'k': o.known_hosts = optarg; break;
		case 'd': o.hold_ms = slow_number("-d", optarg, 0, 600000); break;
		case 'a': o.answer = optarg; break;
		case 't': o.timeout_s = slow_number("-t", optarg, 1, 3600); break;
		default: goto usage;
		}
	if (o.port == 0 || o.known_hosts == NULL || argc - optind != 2)
		goto usage;

	if ((s = slow_connect(&o)) == NULL)
		return 1;
	ch = slow_run(s, &o, 1, argv[optind], &ok1);
	if (ch != NULL) {
		/* The slowness under test: the finished channel stays open. */
		struct timespec hold = { o.hold_ms / 1000,
			(o.hold_ms % 1000) * 1000000L };

		nanosleep(&hold, NULL);
		ssh_channel_close(ch);
		ssh_channel_free(ch);
		ch = slow_run(s, &o, 2, argv[optind + 1], &ok2);
		if (ch != NULL) {
			ssh_channel_close(ch);
			ssh_channel_free(ch);
		}
	}
	ssh_disconnect(s);
	ssh_free(s);
	return ok1 && ok2 ? 0 : 1;
usage:
	fprintf(stderr, "usage: sim_slow_client -p PORT -k KNOWN_HOSTS [-H HOST] "
	    "[-u USER] [-w PASSWORD]\n"
	    "         [-d HOLD_MS] [-a ANSWER] [-t TIMEOUT_S] FIRST_COMMAND "
	    "SECOND_COMMAND\n");
	return 2;
}
