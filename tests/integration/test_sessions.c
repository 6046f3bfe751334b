/*
 * test_sessions.c - sessions/ against a real issu-sim: both REs at once,
 * host-key trust, refused ports, wrong passwords, output streamed while a
 * command runs, a session dropped when its RE reboots; questions and CLI
 * prompts as PROMPT events answered with input, the interactive CLI
 * channel, and passphrases and passwords asked of the owner.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sessions/event_queue.h"
#include "sessions/re_session.h"

struct sim {
	pid_t pid;
	int port[2];
	char dir[64];
	char known_hosts[128];
};

/* Starts issu-sim ($ISSU_SIM) with extra arguments; waits for "ready". */
static void
sim_start(struct sim *sim, const char *extra1, const char *extra2)
{
	const char *bin = getenv("ISSU_SIM");
	char line[256];
	int out[2];
	FILE *f;

	assert_non_null(bin);
	snprintf(sim->dir, sizeof sim->dir, "/tmp/test_sessions.XXXXXX");
	assert_non_null(mkdtemp(sim->dir));
	snprintf(sim->known_hosts, sizeof sim->known_hosts, "%s/known_hosts",
	    sim->dir);
	assert_int_equal(pipe(out), 0);
	sim->pid = fork();
	assert_true(sim->pid >= 0);
	if (sim->pid == 0) {
		dup2(out[1], 1);
		close(out[0]);
		execl(bin, bin, "--known-hosts-out", sim->known_hosts, "--speed",
		    "600", extra1, extra2, (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	f = fdopen(out[0], "r");
	while (fgets(line, sizeof line, f) != NULL) {
		int slot, port;

		if (sscanf(line, "issu-sim: re%d listening on 127.0.0.1:%d", &slot,
		    &port) == 2 && (slot == 0 || slot == 1))
			sim->port[slot] = port;
		if (strcmp(line, "issu-sim: ready\n") == 0)
			break;
	}
	fclose(f);
	assert_true(sim->port[0] > 0 && sim->port[1] > 0);
}

static void
sim_stop(struct sim *sim)
{
	char cmd[128];
	int status;

	kill(sim->pid, SIGTERM);
	waitpid(sim->pid, &status, 0);
	snprintf(cmd, sizeof cmd, "rm -rf %s", sim->dir);
	assert_int_equal(system(cmd), 0);
}

static struct re_session_params
params(const struct sim *sim, int slot, const char *known_hosts,
    const char *password)
{
	struct re_session_params p = { .slot = slot, .host = "127.0.0.1",
		.port = sim->port[slot], .user = "netops",
		.known_hosts = known_hosts, .policy = RE_HOSTKEY_STRICT,
		.auth = { RE_AUTH_KEYBOARD_INTERACTIVE, RE_AUTH_PASSWORD },
		.nauth = 2, .password = password, .connect_timeout_s = 5,
		.command_timeout_s = 30,
		.alive_interval_s = 15, .alive_count_max = 3 };

	return p;
}

/* Waits up to 10 s for an event. */
static struct re_event *
next_event(struct event_queue *q)
{
	struct pollfd pfd = { .fd = event_queue_fd(q), .events = POLLIN };
	struct re_event *ev;

	while ((ev = event_queue_pop(q)) == NULL)
		assert_true(poll(&pfd, 1, 10000) > 0);
	return ev;
}

/* Collects events until both slots report `kind`; returns the output text
 * per slot (caller frees). */
static void
wait_done(struct event_queue *q, char *out[2], int *status,
    enum re_disconnect_reason reason[2])
{
	int done = 0;

	out[0] = calloc(1, 1);
	out[1] = calloc(1, 1);
	while (done < 2) {
		struct re_event *ev = next_event(q);

		if (ev->kind == RE_EV_LINES) {
			size_t n = strlen(out[ev->slot]);

			out[ev->slot] = realloc(out[ev->slot], n + strlen(ev->text) + 1);
			strcpy(out[ev->slot] + n, ev->text);
		} else if (ev->kind == RE_EV_COMMAND_DONE) {
			status[ev->slot] = ev->exit_status;
			done++;
		} else if (ev->kind == RE_EV_DISCONNECTED) {
			reason[ev->slot] = ev->reason;
			done++;
		}
		re_event_free(ev);
	}
}

static long long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The next event of a kind, waiting up to 20 s; other events are freed. */
static struct re_event *
wait_kind(struct event_queue *q, enum re_event_kind kind)
{
	struct re_event *ev;

	for (;;) {
		ev = next_event(q);
		if (ev->kind == kind)
			return ev;
		assert_int_not_equal(ev->kind, RE_EV_DISCONNECTED);
		re_event_free(ev);
	}
}

/* A hung RE (the simulator stopped: its kernel still ACKs, nothing closes)
 * is found by the keepalives between commands: DISCONNECTED, TIMEOUT,
 * saying for how long nothing came, after (count + 1) to (count + 2)
 * intervals. */
static void
test_hung_peer_is_lost_after_unanswered_keepalives(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s;
	struct re_event *ev;
	struct sim sim;
	struct re_session_params p;
	long long t0, took;

	(void)state;
	sim_start(&sim, NULL, NULL);
	p = params(&sim, 0, sim.known_hosts, "netops");
	p.alive_interval_s = 1;
	p.alive_count_max = 2;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	assert_true(re_session_run(s, "show version") > 0);
	re_event_free(wait_kind(q, RE_EV_COMMAND_DONE));
	kill(sim.pid, SIGSTOP);
	t0 = now_ms();
	for (;;) {
		ev = next_event(q);
		if (ev->kind == RE_EV_DISCONNECTED)
			break;
		re_event_free(ev);
	}
	took = now_ms() - t0;
	kill(sim.pid, SIGCONT);
	print_message("hung peer (interval 1 s, count 2) lost after %lld ms: "
	    "%s\n", took, ev->message);
	assert_int_equal(ev->reason, RE_DISC_TIMEOUT);
	assert_non_null(strstr(ev->message, "nothing from the RE for"));
	assert_non_null(strstr(ev->message, "keepalives unanswered"));
	assert_non_null(strstr(ev->message, "between commands"));
	assert_true(took >= 2000 && took <= 6000);
	re_event_free(ev);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

/* A live RE with nothing to say answers the probes: never lost, even with
 * the most eager settings, and the next command runs. */
static void
test_quiet_live_peer_is_not_lost(void **state)
{
	struct event_queue *q = event_queue_new();
	struct pollfd pfd = { .fd = event_queue_fd(q), .events = POLLIN };
	struct re_session *s;
	struct re_event *ev;
	struct sim sim;
	struct re_session_params p;
	long long until;

	(void)state;
	sim_start(&sim, NULL, NULL);
	p = params(&sim, 0, sim.known_hosts, "netops");
	p.alive_interval_s = 1;
	p.alive_count_max = 1;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	re_event_free(wait_kind(q, RE_EV_CONNECTED));
	until = now_ms() + 5000;
	while (now_ms() < until) {
		poll(&pfd, 1, 200);
		while ((ev = event_queue_pop(q)) != NULL) {
			assert_int_not_equal(ev->kind, RE_EV_DISCONNECTED);
			re_event_free(ev);
		}
	}
	assert_true(re_session_run(s, "show version") > 0);
	ev = wait_kind(q, RE_EV_COMMAND_DONE);
	assert_int_equal(ev->exit_status, 0);
	re_event_free(ev);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

/* A command still running past its own limit ends the session with a
 * TIMEOUT naming it; time spent on a question is not counted. */
static void
test_command_past_its_limit_is_a_timeout_naming_it(void **state)
{
	static const char issu[] = "request system software in-service-upgrade "
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz";
	struct event_queue *q = event_queue_new();
	struct re_session *s;
	struct re_event *ev;
	struct sim sim;
	struct re_session_params p;
	int id;

	(void)state;
	sim_start(&sim, NULL, NULL);
	p = params(&sim, 0, sim.known_hosts, "netops");
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	/* Junos' question left open three times the limit: not counted. */
	assert_true((id = re_session_run_within(s, "request system reboot",
	    1)) > 0);
	re_event_free(wait_kind(q, RE_EV_PROMPT));
	sleep(3);
	while ((ev = event_queue_pop(q)) != NULL) {
		assert_int_not_equal(ev->kind, RE_EV_DISCONNECTED);
		re_event_free(ev);
	}
	assert_int_equal(re_session_input(s, id, "no\n"), 0);
	re_event_free(wait_kind(q, RE_EV_COMMAND_DONE));
	/* The ISSU streams for minutes (seconds at --speed 600). */
	assert_true(re_session_run_within(s, issu, 1) > 0);
	for (;;) {
		ev = next_event(q);
		if (ev->kind == RE_EV_DISCONNECTED)
			break;
		re_event_free(ev);
	}
	assert_int_equal(ev->reason, RE_DISC_TIMEOUT);
	assert_non_null(strstr(ev->message, "no end within its limit of 1 s"));
	assert_non_null(strstr(ev->message, issu));
	re_event_free(ev);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_both_res_answer_in_parallel(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s[2];
	struct sim sim;
	char *out[2];
	int status[2] = { -2, -2 }, slot;
	enum re_disconnect_reason reason[2] = { RE_DISC_NONE, RE_DISC_NONE };

	(void)state;
	sim_start(&sim, NULL, NULL);
	for (slot = 0; slot < 2; slot++) {
		struct re_session_params p = params(&sim, slot, sim.known_hosts,
		    "netops");

		s[slot] = re_session_new(&p, q);
		assert_int_equal(re_session_start(s[slot]), 0);
		assert_true(re_session_run(s[slot], "show version") > 0);
	}
	wait_done(q, out, status, reason);
	assert_int_equal(reason[0], RE_DISC_NONE);
	assert_int_equal(reason[1], RE_DISC_NONE);
	assert_int_equal(status[0], 0);
	assert_int_equal(status[1], 0);
	assert_non_null(strstr(out[0], "Hostname: mx480-re0\n"));
	assert_non_null(strstr(out[1], "Hostname: mx480-re1\n"));
	free(out[0]);
	free(out[1]);
	re_session_free(s[0]);
	re_session_free(s[1]);
	event_queue_free(q);
	sim_stop(&sim);
}

/* The first DISCONNECTED event of a session started with these params. */
static struct re_event *
connect_expecting_disconnect(struct re_session_params *p, struct event_queue *q)
{
	struct re_session *s = re_session_new(p, q);
	struct re_event *ev;

	assert_int_equal(re_session_start(s), 0);
	for (;;) {
		ev = next_event(q);
		if (ev->kind == RE_EV_DISCONNECTED)
			break;
		assert_int_not_equal(ev->kind, RE_EV_CONNECTED);
		re_event_free(ev);
	}
	re_session_free(s);
	return ev;
}

static void
test_refused_port_is_reported_as_refused(void **state)
{
	struct event_queue *q = event_queue_new();
	struct sockaddr_in sa = { .sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t sl = sizeof sa;
	struct re_session_params p;
	struct re_event *ev;
	struct sim fake = { .port = { 0, 0 } };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)state;
	/* A port that was free a moment ago: nothing listens there. */
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sl), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	fake.port[0] = ntohs(sa.sin_port);
	close(fd);
	p = params(&fake, 0, "/nonexistent/known_hosts", "netops");
	ev = connect_expecting_disconnect(&p, q);
	assert_int_equal(ev->reason, RE_DISC_REFUSED);
	assert_non_null(strstr(ev->message, "connection refused"));
	re_event_free(ev);
	event_queue_free(q);
}

static void
test_unknown_host_key_is_refused_under_strict_with_fingerprint(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_event *ev;
	struct sim sim;
	char empty[160];

	(void)state;
	sim_start(&sim, NULL, NULL);
	snprintf(empty, sizeof empty, "%s/empty_known_hosts", sim.dir);
	p = params(&sim, 0, empty, "netops");
	ev = connect_expecting_disconnect(&p, q);
	assert_int_equal(ev->reason, RE_DISC_HOSTKEY_UNKNOWN);
	assert_non_null(strstr(ev->message, "SHA256:"));
	assert_non_null(strstr(ev->message, "ssh-keyscan -p "));
	re_event_free(ev);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_unknown_host_key_is_added_under_accept_new(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_session *s;
	struct re_event *ev;
	struct sim sim;
	char file[160], line[600], want[64];
	FILE *f;
	bool found = false;

	(void)state;
	sim_start(&sim, NULL, NULL);
	snprintf(file, sizeof file, "%s/new_known_hosts", sim.dir);
	p = params(&sim, 1, file, "netops");
	p.policy = RE_HOSTKEY_ACCEPT_NEW;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	ev = next_event(q);
	assert_int_equal(ev->kind, RE_EV_CONNECTED);
	re_event_free(ev);
	re_session_free(s);
	snprintf(want, sizeof want, "[127.0.0.1]:%d ", sim.port[1]);
	f = fopen(file, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL)
		found = found || strncmp(line, want, strlen(want)) == 0;
	fclose(f);
	assert_true(found);
	while ((ev = event_queue_pop(q)) != NULL)
		re_event_free(ev);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_changed_host_key_is_refused_under_both_policies(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_event *ev;
	struct sim sim;
	char file[160], cmd[512];
	int policy;

	(void)state;
	sim_start(&sim, NULL, NULL);
	/* re1's keys written down for re0's address: re0 now "changed". */
	snprintf(file, sizeof file, "%s/swapped", sim.dir);
	snprintf(cmd, sizeof cmd, "sed -n 's/^\\[127.0.0.1\\]:%d /[127.0.0.1]:%d "
	    "/p' %s > %s", sim.port[1], sim.port[0], sim.known_hosts, file);
	assert_int_equal(system(cmd), 0);
	for (policy = RE_HOSTKEY_STRICT; policy <= RE_HOSTKEY_ACCEPT_NEW; policy++) {
		p = params(&sim, 0, file, "netops");
		p.policy = (enum re_host_key_policy)policy;
		ev = connect_expecting_disconnect(&p, q);
		assert_int_equal(ev->reason, RE_DISC_HOSTKEY_CHANGED);
		assert_non_null(strstr(ev->message, "HAS CHANGED"));
		/* Both keys, as the operator must compare them: the one the
		 * router offers and the one known_hosts holds. */
		{
			const char *a = strstr(ev->message, "offers ssh-");
			const char *b = strstr(ev->message, "holds ssh-");

			assert_non_null(a);
			assert_non_null(b);
			assert_non_null(strstr(a, "SHA256:"));
			assert_non_null(strstr(b, "SHA256:"));
		}
		re_event_free(ev);
	}
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_wrong_password_is_authentication_failed(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_event *ev;
	struct sim sim;

	(void)state;
	sim_start(&sim, NULL, NULL);
	p = params(&sim, 0, sim.known_hosts, "not-the-password");
	ev = connect_expecting_disconnect(&p, q);
	assert_int_equal(ev->reason, RE_DISC_AUTH_FAILED);
	re_event_free(ev);
	event_queue_free(q);
	sim_stop(&sim);
}

/* The ISSU prints for minutes: its lines must arrive while it runs, and the
 * backup's session must drop when the backup reboots. */
static void
test_output_streams_and_a_rebooting_re_drops_its_session(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s[2];
	struct sim sim;
	int slot, lines_events = 0, done = 0;
	bool re1_dropped = false, saw_waiting_before_done = false;

	(void)state;
	sim_start(&sim, NULL, NULL);
	for (slot = 0; slot < 2; slot++) {
		struct re_session_params p = params(&sim, slot, sim.known_hosts,
		    "netops");

		s[slot] = re_session_new(&p, q);
		assert_int_equal(re_session_start(s[slot]), 0);
	}
	assert_true(re_session_run(s[0], "request system software "
	    "in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz") > 0);
	/* A long, quiet command on re1: the reboot cuts it. */
	assert_true(re_session_run(s[1], "show version") > 0);
	while (!done) {
		struct re_event *ev = next_event(q);

		if (ev->kind == RE_EV_LINES && ev->slot == 0) {
			lines_events++;
			if (strstr(ev->text, "Waiting for Backup RE reboot") != NULL)
				saw_waiting_before_done = true;
		}
		if (ev->kind == RE_EV_DISCONNECTED && ev->slot == 1)
			re1_dropped = true;
		if (ev->kind == RE_EV_COMMAND_DONE && ev->slot == 0) {
			assert_int_equal(ev->exit_status, 0);
			done = 1;
		}
		if (ev->kind == RE_EV_COMMAND_DONE && ev->slot == 1 && !re1_dropped)
			/* Keep re1 busy-idle: its session must be the one the
			 * reboot cuts. */
			re_session_run(s[1], "show system uptime");
		re_event_free(ev);
	}
	assert_true(lines_events >= 5);
	assert_true(saw_waiting_before_done);
	assert_true(re1_dropped);
	re_session_free(s[0]);
	re_session_free(s[1]);
	event_queue_free(q);
	sim_stop(&sim);
}

/* --- questions, prompts and input ---------------------------------------- */

/* What one command said, collected from its events. */
struct run {
	char out[65536];		/* LINES and PROMPT text, in order */
	char prompt[1024];		/* the last PROMPT's text */
	int prompts;			/* PROMPT events seen */
	int exit_status;		/* COMMAND_DONE's, -2 before */
	bool done;
};

static void
run_add(struct run *r, const char *text)
{
	size_t n = strlen(r->out);

	assert_true(n + strlen(text) < sizeof r->out);
	strcpy(r->out + n, text);
}

/*
 * Feeds command `id`'s events into r until it is done or stops at a PROMPT
 * (`until_prompt`).  Any other session event fails the test, except
 * CONNECTED.
 */
static void
run_until(struct event_queue *q, int id, struct run *r, bool until_prompt)
{
	for (;;) {
		struct re_event *ev = next_event(q);
		bool stop;

		if (ev->kind == RE_EV_CONNECTED) {
			re_event_free(ev);
			continue;
		}
		if (ev->kind == RE_EV_DISCONNECTED)
			fail_msg("disconnected: %s: %s",
			    re_disconnect_reason_name(ev->reason), ev->message);
		assert_int_equal(ev->command_id, id);
		switch (ev->kind) {
		case RE_EV_LINES:
			assert_non_null(ev->text);
			assert_int_equal(ev->text[strlen(ev->text) - 1], '\n');
			run_add(r, ev->text);
			break;
		case RE_EV_PROMPT:
			assert_non_null(ev->text);
			assert_null(strchr(ev->text, '\n'));
			run_add(r, ev->text);
			snprintf(r->prompt, sizeof r->prompt, "%s", ev->text);
			r->prompts++;
			break;
		case RE_EV_COMMAND_DONE:
			r->exit_status = ev->exit_status;
			r->done = true;
			break;
		default:
			fail_msg("unexpected event %d", (int)ev->kind);
		}
		stop = r->done || (until_prompt && ev->kind == RE_EV_PROMPT);

		re_event_free(ev);
		if (stop)
			return;
	}
}

static void
run_init(struct run *r)
{
	memset(r, 0, sizeof *r);
	r->exit_status = -2;
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

/* A session to `slot` (re1 is the backup), logged in with the password. */
static struct re_session *
logged_in(const struct sim *sim, int slot, struct event_queue *q)
{
	struct re_session_params p = params(sim, slot, sim->known_hosts, "netops");
	struct re_session *s = re_session_new(&p, q);
	struct re_event *ev;

	assert_non_null(s);
	assert_int_equal(re_session_start(s), 0);
	ev = next_event(q);
	assert_int_equal(ev->kind, RE_EV_CONNECTED);
	re_event_free(ev);
	return s;
}

/* After the question is answered "no", the backup answers again: it did
 * not reboot. */
static void
assert_still_up(struct re_session *s, struct event_queue *q)
{
	struct run r;
	int id = re_session_run(s, "show version");

	assert_true(id > 0);
	run_init(&r);
	run_until(q, id, &r, false);
	assert_int_equal(r.exit_status, 0);
	assert_non_null(strstr(r.out, "Hostname: mx480-re1\n"));
}

static void
test_question_is_a_prompt_and_answer_no_keeps_the_re_up(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s;
	struct sim sim;
	struct run r;
	int id;

	(void)state;
	sim_start(&sim, NULL, NULL);
	s = logged_in(&sim, 1, q);
	id = re_session_run(s, "request system reboot");
	assert_true(id > 0);
	run_init(&r);
	run_until(q, id, &r, true);
	/* sim/cli.c cmd_reboot's question, whole, trailing space included. */
	assert_string_equal(r.prompt, "Reboot the system ? [yes,no] (no) ");
	assert_string_equal(r.out, "Reboot the system ? [yes,no] (no) ");
	assert_int_equal(re_session_input(s, id, "no\n"), 0);
	run_until(q, id, &r, false);
	assert_int_equal(r.prompts, 1);
	/* Delivered once: the PROMPT's text is not repeated in LINES. */
	assert_int_equal(count(r.out, "Reboot the system"), 1);
	assert_int_equal(r.exit_status, 0);
	assert_still_up(s, q);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_close_input_takes_the_default_answer(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s;
	struct sim sim;
	struct run r;
	int id;

	(void)state;
	sim_start(&sim, NULL, NULL);
	s = logged_in(&sim, 1, q);
	id = re_session_run(s, "request system reboot");
	run_init(&r);
	run_until(q, id, &r, true);
	assert_string_equal(r.prompt, "Reboot the system ? [yes,no] (no) ");
	assert_int_equal(re_session_close_input(s, id), 0);
	/* Closed: nothing more can be typed to it. */
	assert_int_equal(re_session_input(s, id, "yes\n"), -1);
	run_until(q, id, &r, false);
	assert_true(r.done);
	assert_still_up(s, q);	/* the default is "no" */
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_input_to_a_finished_or_unknown_command_is_refused(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s;
	struct sim sim;
	struct run r;
	int id;

	(void)state;
	sim_start(&sim, NULL, NULL);
	s = logged_in(&sim, 0, q);
	id = re_session_run(s, "show system uptime");
	run_init(&r);
	run_until(q, id, &r, false);
	assert_int_equal(re_session_input(s, id, "yes\n"), -1);
	assert_int_equal(re_session_close_input(s, id), -1);
	assert_int_equal(re_session_input(s, id + 100, "yes\n"), -1);
	/* Nothing is asked: an answer has nowhere to go. */
	assert_int_equal(re_session_answer(s, "secret"), -1);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_shell_prompts_runs_a_command_and_ends_on_exit(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s;
	struct sim sim;
	struct run r;
	int id;

	(void)state;
	sim_start(&sim, NULL, NULL);
	s = logged_in(&sim, 0, q);
	id = re_session_run_shell(s);
	assert_true(id > 0);
	run_init(&r);
	run_until(q, id, &r, true);
	/* The banner and {master} are whole lines; the prompt is not. */
	assert_string_equal(r.prompt, "netops@mx480-re0> ");
	assert_non_null(strstr(r.out, "{master}\nnetops@mx480-re0> "));

	assert_int_equal(re_session_input(s, id, "show version\n"), 0);
	r.out[0] = '\0';
	run_until(q, id, &r, true);
	assert_non_null(strstr(r.out, "Hostname: mx480-re0\n"));
	assert_string_equal(r.prompt, "netops@mx480-re0> ");
	assert_int_equal(count(r.out, "netops@mx480-re0> "), 1);
	assert_int_equal(r.prompts, 2);

	/* A question inside the CLI: answered, the CLI goes on. */
	assert_int_equal(re_session_input(s, id, "request system reboot\n"), 0);
	run_until(q, id, &r, true);
	assert_string_equal(r.prompt, "Reboot the system ? [yes,no] (no) ");
	assert_int_equal(re_session_input(s, id, "no\n"), 0);
	run_until(q, id, &r, true);
	assert_string_equal(r.prompt, "netops@mx480-re0> ");

	assert_int_equal(re_session_input(s, id, "exit\n"), 0);
	run_until(q, id, &r, false);
	assert_true(r.done);
	assert_int_equal(re_session_input(s, id, "show version\n"), -1);
	/* The session is still there for the next command. */
	id = re_session_run(s, "show system uptime");
	run_init(&r);
	run_until(q, id, &r, false);
	assert_int_equal(r.exit_status, 0);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_input_typed_ahead_waits_for_its_command(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session *s;
	struct sim sim;
	struct run r;
	int shell, id;

	(void)state;
	sim_start(&sim, NULL, NULL);
	s = logged_in(&sim, 1, q);
	/* Queued behind the shell, answered before it even starts. */
	shell = re_session_run_shell(s);
	id = re_session_run(s, "request system reboot");
	assert_int_equal(re_session_input(s, id, "n"), 0);
	assert_int_equal(re_session_input(s, id, "o\n"), 0);
	assert_int_equal(re_session_input(s, shell, "exit\n"), 0);
	run_init(&r);
	run_until(q, shell, &r, false);
	run_init(&r);
	run_until(q, id, &r, false);
	assert_int_equal(r.exit_status, 0);
	assert_still_up(s, q);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

/* --- secrets asked of the owner -------------------------------------------- */

/* The next event, which must be an ASK of that kind, message and attempt. */
static void
expect_ask(struct event_queue *q, enum re_ask_kind kind, const char *message,
    int attempt)
{
	struct re_event *ev = next_event(q);

	if (ev->kind != RE_EV_ASK)
		fail_msg("event %d (%s), not ASK", (int)ev->kind, ev->message);
	assert_int_equal(ev->ask, kind);
	assert_string_equal(ev->message, message);
	assert_int_equal(ev->ask_attempt, attempt);
	assert_null(ev->text);
	re_event_free(ev);
}

/* The next event must be CONNECTED with that method. */
static void
expect_connected(struct event_queue *q, const char *method)
{
	struct re_event *ev = next_event(q);

	if (ev->kind != RE_EV_CONNECTED)
		fail_msg("event %d (%s), not CONNECTED", (int)ev->kind,
		    ev->message);
	assert_string_equal(ev->message, method);
	re_event_free(ev);
}

/* Stops and restarts the worker: a reconnect of the same session object. */
static void
reconnect(struct re_session *s, struct event_queue *q)
{
	struct re_event *ev;

	re_session_cancel(s);
	re_session_join(s);
	while ((ev = event_queue_pop(q)) != NULL) {
		assert_int_not_equal(ev->kind, RE_EV_ASK);
		re_event_free(ev);
	}
	assert_int_equal(re_session_start(s), 0);
}

/* An ed25519 key with a passphrase in dir, and the simulator taking it. */
static void
sim_start_with_key(struct sim *sim, char *key, size_t keylen)
{
	char dir[] = "/tmp/test_sessions_key.XXXXXX", cmd[512], pub[200];

	assert_non_null(mkdtemp(dir));
	snprintf(key, keylen, "%s/id_ed25519", dir);
	snprintf(cmd, sizeof cmd, "ssh-keygen -q -t ed25519 -N 'open sesame' "
	    "-C test -f %s", key);
	assert_int_equal(system(cmd), 0);
	snprintf(pub, sizeof pub, "%s.pub", key);
	sim_start(sim, "--authorized-keys", pub);
}

static void
key_dir_remove(const char *key)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf %.*s", (int)(strrchr(key, '/') - key),
	    key);
	assert_int_equal(system(cmd), 0);
}

static void
test_encrypted_key_asks_its_passphrase_once_per_session(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_session *s;
	struct sim sim;
	char key[128];

	(void)state;
	sim_start_with_key(&sim, key, sizeof key);
	p = params(&sim, 0, sim.known_hosts, NULL);
	p.ask = true;
	p.auth[0] = RE_AUTH_PUBLICKEY;
	p.auth[1] = RE_AUTH_PASSWORD;
	p.identities[0] = key;
	p.nidentities = 1;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	expect_ask(q, RE_ASK_PASSPHRASE, key, 1);
	assert_int_equal(re_session_answer(s, "open sesam"), 0);
	/* Answered once only. */
	assert_int_equal(re_session_answer(s, "again"), -1);
	expect_ask(q, RE_ASK_PASSPHRASE, key, 2);	/* it was wrong */
	assert_int_equal(re_session_answer(s, "open sesame"), 0);
	expect_connected(q, "publickey");
	/* The decrypted key is kept: a reconnect asks nothing. */
	reconnect(s, q);
	expect_connected(q, "publickey");
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
	key_dir_remove(key);
}

/* No key named: the default ~/.ssh/id_ed25519 (here the directory of the
 * ssh_config given) is asked for by its path too. */
static void
test_encrypted_default_key_is_asked_by_its_path(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_session *s;
	struct sim sim;
	char key[128], config[160];
	FILE *f;

	(void)state;
	sim_start_with_key(&sim, key, sizeof key);
	snprintf(config, sizeof config, "%.*s/config",
	    (int)(strrchr(key, '/') - key), key);
	assert_non_null(f = fopen(config, "w"));
	fclose(f);
	p = params(&sim, 0, sim.known_hosts, NULL);
	p.ask = true;
	p.port_given = true;
	p.ssh_config = config;
	p.auth[0] = RE_AUTH_PUBLICKEY;
	p.nauth = 1;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	expect_ask(q, RE_ASK_PASSPHRASE, key, 1);
	assert_int_equal(re_session_answer(s, "open sesame"), 0);
	expect_connected(q, "publickey");
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
	key_dir_remove(key);
}

static void
test_declined_passphrase_goes_on_to_the_next_method(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_session *s;
	struct sim sim;
	char key[128];

	(void)state;
	sim_start_with_key(&sim, key, sizeof key);
	p = params(&sim, 1, sim.known_hosts, "netops");
	p.ask = true;
	p.auth[0] = RE_AUTH_PUBLICKEY;
	p.auth[1] = RE_AUTH_PASSWORD;
	p.identities[0] = key;
	p.nidentities = 1;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	expect_ask(q, RE_ASK_PASSPHRASE, key, 1);
	assert_int_equal(re_session_answer(s, NULL), 0);
	expect_connected(q, "password");
	/* Declined once: not asked again by this session. */
	reconnect(s, q);
	expect_connected(q, "password");
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
	key_dir_remove(key);
}

static void
test_password_is_asked_when_none_given_and_kept_for_reconnects(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_session *s;
	struct sim sim;
	char who[64];
	struct run r;
	int id;

	(void)state;
	sim_start(&sim, NULL, NULL);
	/* keyboard-interactive first: the simulator does not offer it, so
	 * it asks nothing; password does. */
	p = params(&sim, 0, sim.known_hosts, NULL);
	p.ask = true;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	snprintf(who, sizeof who, "netops@127.0.0.1");
	expect_ask(q, RE_ASK_PASSWORD, who, 1);
	assert_int_equal(re_session_answer(s, "wrong"), 0);
	expect_ask(q, RE_ASK_PASSWORD, who, 2);
	assert_int_equal(re_session_answer(s, "netops"), 0);
	expect_connected(q, "password");
	id = re_session_run(s, "show system uptime");
	run_init(&r);
	run_until(q, id, &r, false);
	assert_int_equal(r.exit_status, 0);
	reconnect(s, q);
	expect_connected(q, "password");
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_cancel_ends_the_wait_for_an_answer(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_session *s;
	struct re_event *ev;
	struct sim sim;

	(void)state;
	sim_start(&sim, NULL, NULL);
	p = params(&sim, 0, sim.known_hosts, NULL);
	p.ask = true;
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	expect_ask(q, RE_ASK_PASSWORD, "netops@127.0.0.1", 1);
	re_session_cancel(s);
	ev = next_event(q);
	assert_int_equal(ev->kind, RE_EV_DISCONNECTED);
	assert_int_equal(ev->reason, RE_DISC_CANCELLED);
	re_event_free(ev);
	assert_int_equal(re_session_answer(s, "netops"), -1);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_without_ask_a_missing_password_fails_at_once(void **state)
{
	struct event_queue *q = event_queue_new();
	struct re_session_params p;
	struct re_session *s;
	struct re_event *ev;
	struct sim sim;

	(void)state;
	sim_start(&sim, NULL, NULL);
	p = params(&sim, 0, sim.known_hosts, NULL);	/* .ask false */
	s = re_session_new(&p, q);
	assert_int_equal(re_session_start(s), 0);
	ev = next_event(q);
	assert_int_equal(ev->kind, RE_EV_DISCONNECTED);
	assert_int_equal(ev->reason, RE_DISC_AUTH_FAILED);
	re_event_free(ev);
	re_session_free(s);
	event_queue_free(q);
	sim_stop(&sim);
}

static void
test_backoff_doubles_to_fifteen_seconds_with_jitter(void **state)
{
	unsigned a;

	(void)state;
	for (a = 0; a < 10; a++) {
		int ms = re_backoff_ms(a, a * 7919u), base = 1000 << (a < 4 ? a : 4);

		if (base > 15000)
			base = 15000;
		assert_true(ms >= base * 8 / 10 && ms <= base * 12 / 10);
	}
	assert_int_not_equal(re_backoff_ms(3, 1), re_backoff_ms(3, 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_res_answer_in_parallel),
		cmocka_unit_test(test_refused_port_is_reported_as_refused),
		cmocka_unit_test(test_unknown_host_key_is_refused_under_strict_with_fingerprint),
		cmocka_unit_test(test_unknown_host_key_is_added_under_accept_new),
		cmocka_unit_test(test_changed_host_key_is_refused_under_both_policies),
		cmocka_unit_test(test_wrong_password_is_authentication_failed),
		cmocka_unit_test(test_output_streams_and_a_rebooting_re_drops_its_session),
		cmocka_unit_test(test_question_is_a_prompt_and_answer_no_keeps_the_re_up),
		cmocka_unit_test(test_close_input_takes_the_default_answer),
		cmocka_unit_test(test_input_to_a_finished_or_unknown_command_is_refused),
		cmocka_unit_test(test_shell_prompts_runs_a_command_and_ends_on_exit),
		cmocka_unit_test(test_input_typed_ahead_waits_for_its_command),
		cmocka_unit_test(test_encrypted_key_asks_its_passphrase_once_per_session),
		cmocka_unit_test(test_encrypted_default_key_is_asked_by_its_path),
		cmocka_unit_test(test_declined_passphrase_goes_on_to_the_next_method),
		cmocka_unit_test(test_password_is_asked_when_none_given_and_kept_for_reconnects),
		cmocka_unit_test(test_cancel_ends_the_wait_for_an_answer),
		cmocka_unit_test(test_without_ask_a_missing_password_fails_at_once),
		cmocka_unit_test(test_backoff_doubles_to_fifteen_seconds_with_jitter),
		cmocka_unit_test(test_hung_peer_is_lost_after_unanswered_keepalives),
		cmocka_unit_test(test_quiet_live_peer_is_not_lost),
		cmocka_unit_test(test_command_past_its_limit_is_a_timeout_naming_it),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
