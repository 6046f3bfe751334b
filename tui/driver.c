/*
 * driver.c - the owner loop of a procedure run (see driver.h).
 */
#include "tui/driver.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sessions/re_session.h"
#include "sessions/transcript.h"
#include "tui/term.h"
#include "tui/router_lock.h"

struct driver {
	const struct target *t;
	struct driver_options o;
	struct driver_ui ui;
	struct event_queue *q;
	struct re_session *s[2];
	struct issu *e;
	struct transcript *tr;
	struct router_lock *lock;	/* held while this console may act */
	bool watch;			/* another console holds it */
	char watch_why[1600];
	char transcript_path[1024], record_path[1024];
	char password[256];

	bool running[2];		/* a worker exists (maybe connecting) */
	bool connected[2];
	bool connected_before[2];	/* at the last DISCONNECTED */
	bool reconnect[2];		/* cancelled to connect afresh */
	bool ever_connected[2];
	int cmd_id[2];			/* the command in flight; 0 none */
	unsigned attempt[2];
	double retry_at[2];		/* 0: no retry scheduled */

	char record_error[1200];	/* the change record's last write
					   failure; "" when it was written */
	bool told_transcript, told_record; /* the engine knows of the
					   failure (told once per file) */

	double clock0;			/* monotonic at start */
	time_t wall0;
	bool quit, finished;
	enum issu_state last_state;
};

double
driver_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Writes all of buf to fd; 0, or -1 with errno set. */
static int
driver_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/*
 * The change record, rewritten whole at each change of state: into
 * PATH.new (0600 whatever the umask: it names the router and the operator)
 * then renamed over PATH, so a full disk leaves the last good record rather
 * than a cut one.  Every write, the fsync and the close are checked; a
 * failure is kept in record_error for driver_records.
 */
static void
driver_write_record(struct driver *d)
{
	const char *who = getenv("USER");
	struct passwd *pw = who == NULL ? getpwuid(getuid()) : NULL;
	char *md, tmp[1100];
	int fd, rc = -1;

	if (d->record_path[0] == '\0')
		return;
	if (who == NULL)
		who = pw != NULL ? pw->pw_name : "unknown";
	md = issu_change_record(d->e, who, (long long)d->wall0, d->clock0,
	    d->transcript_path[0] ? d->transcript_path : NULL);
	if (md == NULL) {
		snprintf(d->record_error, sizeof d->record_error, "writing %s: "
		    "out of memory", d->record_path);
		return;
	}
	snprintf(tmp, sizeof tmp, "%s.new", d->record_path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd >= 0) {
		rc = fchmod(fd, 0600) == 0 &&
		    driver_write_all(fd, md, strlen(md)) == 0 &&
		    fsync(fd) == 0 ? 0 : -1;
		if (close(fd) != 0 && rc == 0)
			rc = -1;
		if (rc == 0 && rename(tmp, d->record_path) != 0)
			rc = -1;
		if (rc != 0) {
			int saved = errno;

			unlink(tmp);
			errno = saved;
		}
	}
	if (rc != 0)
		snprintf(d->record_error, sizeof d->record_error, "writing %s: %s",
		    d->record_path, strerror(errno));
	else
		d->record_error[0] = '\0';
	free(md);
}

/*
 * A transcript or change-record write that failed is told to the engine,
 * once per file: it holds every change until the operator decides (the
 * driver decides nothing).  Called after each write, before what follows
 * it is handed on.
 */
static void
driver_records(struct driver *d)
{
	const char *tr = transcript_error(d->tr);

	if (tr != NULL && !d->told_transcript) {
		d->told_transcript = true;
		issu_records_failed(d->e, tr, driver_now());
	}
	if (d->record_error[0] != '\0' && !d->told_record) {
		d->told_record = true;
		issu_records_failed(d->e, d->record_error, driver_now());
	}
}

/*
 * One console per router: the lock of its two addresses.  Refused, this
 * console watches (and keeps no records: the change is not its own); an
 * error taking it is an error, since without it two consoles could act.
 */
static int
driver_take_lock(struct driver *d)
{
	const struct router_config *r = d->t->router;
	struct router_lock_holder h;
	char key[700], dir[600], err[1024], who[600];
	int rc;

	if (router_lock_key(r->re[0].host, r->re[0].port, r->re[1].host,
	    r->re[1].port, key, sizeof key) != 0) {
		fprintf(stderr, "issu-console: router %s: an RE has no address: "
		    "cannot take its lock\n", r->name);
		return -1;
	}
	if (router_lock_dir(dir, sizeof dir, err, sizeof err) != 0 ||
	    (rc = router_lock_acquire(dir, key, NULL, &d->lock, &h, err,
	    sizeof err)) < 0) {
		fprintf(stderr, "issu-console: %s; without the router lock "
		    "another console could act on %s at the same time: not "
		    "started\n", err, r->name);
		return -1;
	}
	if (rc == 1) {
		router_lock_holder_text(&h, who, sizeof who);
		snprintf(d->watch_why, sizeof d->watch_why, "%s is held by "
		    "another console: %s", r->name, who);
		d->watch = true;
		d->o.records = false;
	}
	return 0;
}

int
driver_new(const struct target *t, const struct driver_options *o,
    const struct driver_ui *ui, struct driver **out)
{
	struct driver *d = calloc(1, sizeof *d);
	const struct router_config *r = t->router;
	struct issu_params ip;
	char err[1024], address[2][300];
	double scale;
	int s;

	*out = NULL;
	if (d == NULL) {
		fprintf(stderr, "issu-console: out of memory\n");
		return 2;
	}
	d->t = t;
	d->o = *o;
	d->ui = *ui;
	if (o->lock && driver_take_lock(d) != 0) {
		driver_free(d);
		return 2;
	}
	scale = o->time_scale >= 1 ? o->time_scale : 1;
	if (target_password(t, d->password, sizeof d->password, err,
	    sizeof err) != 0) {
		fprintf(stderr, "issu-console: %s\n", err);
		free(d);
		return 2;
	}
	d->q = event_queue_new();
	if (d->q == NULL) {
		fprintf(stderr, "issu-console: %s\n", strerror(errno));
		driver_free(d);
		return 2;
	}
	for (s = 0; s < 2; s++) {
		struct re_session_params p;

		target_session_params(t, s, d->password, &p);
		/* A silent RE is found by the keepalives; a command's own limit
		 * is command_timeout, or the engine's for a long one (the ISSU's
		 * command is silent for minutes while the backup reboots). */
		p.ask = ui->secret != NULL;
		if ((d->s[s] = re_session_new(&p, d->q)) == NULL) {
			fprintf(stderr, "issu-console: cannot create a session\n");
			driver_free(d);
			return 2;
		}
	}
	memset(d->password, 0, sizeof d->password);
	memset(&ip, 0, sizeof ip);
	ip.router = r->name;
	target_address(t, 0, address[0], sizeof address[0]);
	target_address(t, 1, address[1], sizeof address[1]);
	ip.host[0] = address[0];	/* issu_new() copies them */
	ip.host[1] = address[1];
	ip.package = r->package;
	ip.package_sha256 = r->package_sha256;
	ip.switch_back = r->switch_back == CONFIG_SWITCH_BACK_ALWAYS ? 1 :
	    r->switch_back == CONFIG_SWITCH_BACK_NEVER ? 2 : 0;
	ip.no_old_master_upgrade = r->issu_options.no_old_master_upgrade;
	ip.reboot = r->issu_options.reboot;
	ip.limit_issu = t->cfg.defaults.timeouts.issu * 60.0 / scale;
	ip.limit_backup_reboot = t->cfg.defaults.timeouts.backup_reboot * 60.0 /
	    scale;
	ip.limit_old_master_reboot = t->cfg.defaults.timeouts.old_master_reboot *
	    60.0 / scale;
	ip.limit_switch_holddown = t->cfg.defaults.timeouts.switch_holddown *
	    60.0 / scale;
	ip.time_scale = scale;
	ip.watch_only = d->watch;
	ip.watch_why = d->watch ? d->watch_why : NULL;
	ip.poll_interval = o->poll_interval > 0 ? o->poll_interval : 10 / scale;
	if (ip.poll_interval < 0.2)
		ip.poll_interval = 0.2;
	if ((d->e = issu_new(&ip)) == NULL) {
		fprintf(stderr, "issu-console: out of memory\n");
		driver_free(d);
		return 2;
	}
	d->wall0 = time(NULL);
	d->clock0 = driver_now();
	if (d->o.records) {
		d->tr = transcript_open(t->cfg.defaults.log_dir, r->name, d->wall0,
		    d->transcript_path, sizeof d->transcript_path, err,
		    sizeof err);
		if (d->tr == NULL) {
			/* Without its transcript the change is not run. */
			fprintf(stderr, "issu-console: %s\n", err);
			driver_free(d);
			return 2;
		}
		snprintf(d->record_path, sizeof d->record_path, "%.*s.md",
		    (int)(strlen(d->transcript_path) > 4 ?
		    strlen(d->transcript_path) - 4 : 0), d->transcript_path);
		transcript_note(d->tr, -1, "issu-console %s: router %s, re0 %s "
		    "port %d, re1 %s port %d, package %s", PACKAGE_VERSION,
		    r->name, r->re[0].host, r->re[0].port, r->re[1].host,
		    r->re[1].port, r->package ? r->package : "(none)");
	}
	*out = d;
	return 0;
}

void
driver_free(struct driver *d)
{
	int s;

	if (d == NULL)
		return;
	for (s = 0; s < 2; s++)
		re_session_free(d->s[s]);
	if (d->e != NULL && d->tr != NULL)
		driver_write_record(d);
	transcript_close(d->tr);
	issu_free(d->e);
	event_queue_free(d->q);
	memset(d->password, 0, sizeof d->password);
	router_lock_release(d->lock);
	free(d);
}

static void
driver_start_session(struct driver *d, int slot)
{
	if (d->running[slot] || d->connected[slot])
		return;
	re_session_join(d->s[slot]);
	if (re_session_start(d->s[slot]) == 0) {
		d->running[slot] = true;
		d->retry_at[slot] = 0;
	}
}

/* Carries out what the engine asked, in order. */
static void
driver_intents(struct driver *d)
{
	struct issu_intent it;
	bool changed = false;

again:
	while (issu_next_intent(d->e, &it)) {
		int s = it.slot;

		switch (it.kind) {
		case ISSU_DO_CONNECT:
			d->attempt[s] = 0;
			driver_start_session(d, s);
			break;
		case ISSU_DO_RUN:
			d->cmd_id[s] = it.limit > 0 ? re_session_run_within(
			    d->s[s], it.text, (int)it.limit + 1) :
			    re_session_run(d->s[s], it.text);
			transcript_sent(d->tr, s, it.text);
			if (d->ui.output != NULL)
				d->ui.output(d->ui.ctx, s, it.text, true);
			if (d->cmd_id[s] < 0 && !d->running[s])
				issu_on_disconnected(d->e, s, false, "the session "
				    "is not running", driver_now());
			/* Else the worker has just ended: its DISCONNECTED,
			 * with the reason, is on its way. */
			break;
		case ISSU_DO_SHELL:
			d->cmd_id[s] = re_session_run_shell(d->s[s]);
			transcript_note(d->tr, s, "interactive CLI opened");
			if (d->cmd_id[s] < 0 && !d->running[s])
				issu_on_disconnected(d->e, s, false, "the session "
				    "is not running", driver_now());
			break;
		case ISSU_DO_INPUT: {
			char line[1024];

			/* Answers and CLI lines the engine types; never a
			 * secret (those go through re_session_answer). */
			snprintf(line, sizeof line, "%.*s",
			    (int)strcspn(it.text, "\n"), it.text);
			transcript_sent(d->tr, s, line);
			if (d->ui.output != NULL)
				d->ui.output(d->ui.ctx, s, line, true);
			re_session_input(d->s[s], d->cmd_id[s], it.text);
			break;
		}
		case ISSU_DO_CLOSE_INPUT:
			transcript_note(d->tr, s, "input closed (Junos takes its "
			    "default answer)");
			re_session_close_input(d->s[s], d->cmd_id[s]);
			break;
		case ISSU_DO_RECONNECT:
			/* Its DISCONNECTED (cancelled) ends the command in the
			 * engine, which then wants the RE: reconnected at
			 * once, not after a back-off. */
			transcript_note(d->tr, s, "ending this session to read "
			    "the router on a new one");
			d->reconnect[s] = true;
			re_session_cancel(d->s[s]);
			break;
		case ISSU_DO_NOTE:
			transcript_note(d->tr, s, "%s", it.text);
			if (d->ui.note != NULL)
				d->ui.note(d->ui.ctx, s, it.text);
			break;
		case ISSU_DO_ASK:
			transcript_note(d->tr, s, "asked the operator: %s",
			    issu_view(d->e)->ask.text);
			changed = true;
			break;
		case ISSU_DO_REDRAW:
			changed = true;
			break;
		case ISSU_DO_FINISHED:
			d->finished = true;
			changed = true;
			break;
		}
		driver_records(d);
	}
	if (issu_view(d->e)->state != d->last_state) {
		d->last_state = issu_view(d->e)->state;
		if (d->last_state == ISSU_STATE_STOPPED ||
		    d->last_state == ISSU_STATE_DONE ||
		    d->last_state == ISSU_STATE_WAIT_PROCEED ||
		    d->last_state == ISSU_STATE_ASKING)
			driver_write_record(d);
		driver_records(d);
		/* A failure just told queues what the engine says of it. */
		goto again;
	}
	if (changed && d->ui.changed != NULL)
		d->ui.changed(d->ui.ctx, d);
}

static bool
driver_permanent(const struct driver *d, const struct re_event *ev)
{
	switch (ev->reason) {
	case RE_DISC_HOSTKEY_UNKNOWN:
	case RE_DISC_HOSTKEY_CHANGED:
	case RE_DISC_HOSTKEY_UNCHECKED:
	case RE_DISC_AUTH_FAILED:
		return true;
	default:
		(void)d;
		return false;
	}
}

static void
driver_event(struct driver *d, struct re_event *ev, double now)
{
	int s = ev->slot;

	switch (ev->kind) {
	case RE_EV_CONNECTED:
		d->connected[s] = d->ever_connected[s] = true;
		d->attempt[s] = 0;
		transcript_note(d->tr, s, "connected (%s)", ev->message);
		if (ev->text != NULL)
			transcript_note(d->tr, s, "%s", ev->text);
		issu_on_connected(d->e, s, now);
		break;
	case RE_EV_LINES:
	case RE_EV_PROMPT: {
		/* Bytes from the router: a NUL is shown and parsed as the
		 * text \x00 (as the transcript writes it), never an end. */
		char *text = transcript_text(ev->text, ev->len);

		if (text == NULL)
			term_fatal("out of memory");
		transcript_received(d->tr, s, ev->text, ev->len);
		/* The engine knows the record is cut before it acts on
		 * what was not recorded. */
		driver_records(d);
		if (d->ui.output != NULL)
			d->ui.output(d->ui.ctx, s, text, false);
		if (ev->command_id == d->cmd_id[s]) {
			if (ev->kind == RE_EV_LINES)
				issu_on_lines(d->e, s, text, now);
			else
				issu_on_prompt(d->e, s, text, now);
		}
		free(text);
		break;
	}
	case RE_EV_COMMAND_DONE:
		/* Cut short: the DISCONNECTED that follows (event_queue.h)
		 * ends it for the engine as lost, with why (a timeout, the
		 * router closing), while the engine still knows the command,
		 * so that its words say what happened. */
		if (ev->message[0] != '\0' && d->running[s])
			break;
		if (ev->command_id == d->cmd_id[s]) {
			d->cmd_id[s] = 0;
			issu_on_done(d->e, s, ev->exit_status, now);
		}
		break;
	case RE_EV_DISCONNECTED: {
		char why[1200];

		snprintf(why, sizeof why, "%s: %s",
		    re_disconnect_reason_name(ev->reason), ev->message);
		transcript_note(d->tr, s, "disconnected: %s", why);
		d->connected_before[s] = d->connected[s];
		d->connected[s] = false;
		d->running[s] = false;
		d->cmd_id[s] = 0;
		re_session_join(d->s[s]);
		if (ev->reason == RE_DISC_TIMEOUT && d->connected_before[s])
			/* Logged in, then silent: a hung RE or a dead link. */
			issu_on_hung(d->e, s, ev->message, now);
		else
			issu_on_disconnected(d->e, s, driver_permanent(d, ev),
			    why, now);
		if (d->reconnect[s]) {
			d->reconnect[s] = false;
			if (!d->quit && issu_wants_connection(d->e, s))
				d->retry_at[s] = now;
		} else if (!d->quit && issu_wants_connection(d->e, s)) {
			d->retry_at[s] = now + re_backoff_ms(d->attempt[s],
			    (unsigned)(now * 1000) + (unsigned)s * 7919u) / 1000.0;
			d->attempt[s]++;
		}
		break;
	}
	case RE_EV_ASK: {
		char secret[512];
		int rc = -1;

		if (d->ui.secret != NULL)
			rc = d->ui.secret(d->ui.ctx, s, ev->ask, ev->message,
			    ev->ask_attempt, secret, sizeof secret);
		re_session_answer(d->s[s], rc == 0 ? secret : NULL);
		memset(secret, 0, sizeof secret);
		break;
	}
	}
}

int
driver_run(struct driver *d)
{
	double now = driver_now();

	issu_start(d->e, now);
	driver_intents(d);
	if (d->ui.idle != NULL)
		d->ui.idle(d->ui.ctx, d);
	while (!d->quit && !d->finished) {
		struct pollfd pfd[2] = {
			{ .fd = event_queue_fd(d->q), .events = POLLIN },
			{ .fd = d->ui.key_fd, .events = POLLIN },
		};
		double next;
		struct re_event *ev;
		int s, ms;

		now = driver_now();
		next = issu_next_tick(d->e, now);
		for (s = 0; s < 2; s++)
			if (d->retry_at[s] > 0 && d->retry_at[s] < next)
				next = d->retry_at[s];
		ms = (int)((next - now) * 1000) + 1;
		if (ms < 0)
			ms = 0;
		if (poll(pfd, d->ui.key_fd >= 0 ? 2 : 1, ms) < 0 && errno != EINTR)
			break;
		now = driver_now();
		while ((ev = event_queue_pop(d->q)) != NULL) {
			driver_event(d, ev, now);
			re_event_free(ev);
			driver_intents(d);
		}
		if (d->ui.key_fd >= 0 && (pfd[1].revents & (POLLIN | POLLHUP)) &&
		    d->ui.key_ready != NULL)
			d->ui.key_ready(d->ui.ctx, d);
		for (s = 0; s < 2; s++)
			if (d->retry_at[s] > 0 && now >= d->retry_at[s]) {
				d->retry_at[s] = 0;
				if (issu_wants_connection(d->e, s))
					driver_start_session(d, s);
			}
		issu_tick(d->e, driver_now());
		driver_intents(d);
		if (d->ui.idle != NULL)
			d->ui.idle(d->ui.ctx, d);
	}
	driver_write_record(d);
	{
		const struct issu_view *v = issu_view(d->e);

		/* Complete, and its record whole or knowingly gone without. */
		return v->state == ISSU_STATE_DONE && (v->records_failed[0] ==
		    '\0' || v->records_waived) ? 0 : 1;
	}
}

void
driver_set_key_fd(struct driver *d, int fd)
{
	d->ui.key_fd = fd;
}

void
driver_proceed(struct driver *d)
{
	issu_proceed(d->e, driver_now());
	driver_intents(d);
}

void
driver_answer(struct driver *d, const char *answer)
{
	issu_answer(d->e, answer, driver_now());
	driver_intents(d);
}

void
driver_cancel(struct driver *d)
{
	issu_cancel(d->e, driver_now());
	driver_intents(d);
}

void
driver_quit(struct driver *d)
{
	transcript_note(d->tr, -1, "operator quit%s", issu_router_busy(d->e) ?
	    " while the router was mid-change" : "");
	issu_left(d->e, driver_now());
	d->quit = true;
}

void
driver_quit_because(struct driver *d, const char *why)
{
	transcript_note(d->tr, -1, "left (%s)%s", why, issu_router_busy(d->e) ?
	    " while the router was mid-change" : "");
	issu_left_because(d->e, why, driver_now());
	d->quit = true;
}

const struct issu_view *
driver_view(const struct driver *d)
{
	return issu_view(d->e);
}

const struct issu *
driver_engine(const struct driver *d)
{
	return d->e;
}

bool
driver_watch_only(const struct driver *d)
{
	return d->watch;
}

const char *
driver_transcript_path(const struct driver *d)
{
	return d->transcript_path;
}

const char *
driver_record_path(const struct driver *d)
{
	return d->record_path;
}

bool
driver_connected(const struct driver *d, int slot)
{
	return d->connected[slot];
}

double
driver_retry_in(const struct driver *d, int slot)
{
	return d->retry_at[slot] > 0 ? d->retry_at[slot] - driver_now() : -1;
}
