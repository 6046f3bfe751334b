/*
 * chassis.c - builds the simulated chassis from the options and keeps its
 * clock (see chassis.h).
 */
#include "sim/chassis.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/config_db.h"
#include "sim/event_log.h"
#include "sim/fatal.h"
#include "sim/fault.h"
#include "sim/issu.h"
#include "sim/options.h"

/* The seed's package when no --package is given. */
static const char sim_default_package[] =
    "jinstall-10.3R2.11-domestic-signed.tgz";

/*
 * The configuration of a seed-era dual-RE MX480: hostnames and management
 * addresses in groups re0/re1, the three ISSU prerequisites (unless left out
 * with --without), and enough routing to make NSR replication meaningful.
 */
static const struct sim_config_line {
	unsigned unless;	/* left out when this --without bit is set */
	const char *words;
} sim_base_config[] = {
	{ 0, "groups re0 system host-name %s-re0" },
	{ 0, "groups re0 interfaces fxp0 unit 0 family inet address 192.0.2.10/24" },
	{ 0, "groups re1 system host-name %s-re1" },
	{ 0, "groups re1 interfaces fxp0 unit 0 family inet address 192.0.2.11/24" },
	{ 0, "apply-groups re0" },
	{ 0, "apply-groups re1" },
	{ 0, "system domain-name lab.example.net" },
	{ 0, "system time-zone UTC" },
	{ SIM_WITHOUT_COMMIT_SYNC, "system commit synchronize" },
	{ 0, "system login user netops class super-user" },
	{ 0, "system services ssh protocol-version v2" },
	{ 0, "system services netconf ssh" },
	{ 0, "system syslog file messages any notice" },
	{ 0, "system syslog file interactive-commands interactive-commands any" },
	{ 0, "system ntp server 192.0.2.123" },
	{ SIM_WITHOUT_GRES, "chassis redundancy graceful-switchover" },
	{ 0, "chassis redundancy routing-engine 0 master" },
	{ 0, "chassis redundancy routing-engine 1 backup" },
	{ 0, "interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/30" },
	{ 0, "interfaces lo0 unit 0 family inet address 203.0.113.1/32" },
	{ 0, "routing-options router-id 203.0.113.1" },
	{ 0, "routing-options autonomous-system 64500" },
	{ SIM_WITHOUT_NSR, "routing-options nonstop-routing" },
	{ 0, "protocols ospf area 0.0.0.0 interface ge-0/0/0.0" },
	{ 0, "protocols ospf area 0.0.0.0 interface lo0.0 passive" },
};

/* A stable fake digest, so that `file checksum` is the same on every run. */
static void
sim_fake_digest(const char *name, size_t hexlen, char *out)
{
	unsigned long long h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; name[i] != '\0'; i++) {
		h ^= (unsigned char)name[i];
		h *= 1099511628211ULL;
	}
	for (i = 0; i < hexlen; i++) {
		h ^= h >> 29;
		h *= 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 32;
		out[i] = "0123456789abcdef"[h & 15];
	}
	out[hexlen] = '\0';
}

static void
sim_add_package(struct sim_chassis *ch, const char *name)
{
	struct sim_package *p;
	unsigned long long h = 0;
	size_t i;

	if (ch->npackages == SIM_MAX_PACKAGES)
		return;
	p = &ch->packages[ch->npackages++];
	snprintf(p->name, sizeof p->name, "%s", name);
	for (i = 0; name[i] != '\0'; i++)
		h = h * 31 + (unsigned char)name[i];
	/* jinstall images of that era are 300-450 MB. */
	p->size = 300000000LL + (long long)(h % 150000000ULL);
	p->mtime = ch->sim_start - 2 * 86400 - (time_t)(h % 7200);
	sim_fake_digest(name, 64, p->sha256);
	sim_fake_digest(p->sha256, 32, p->md5);
}

/* Copies a statement, putting the chassis name where it says "%s". */
static void
sim_expand_name(const char *words, const char *name, char *out, size_t len)
{
	const char *at = strstr(words, "%s");

	if (at == NULL)
		snprintf(out, len, "%s", words);
	else
		snprintf(out, len, "%.*s%s%s", (int)(at - words), words, name,
		    at + 2);
}

static int
sim_build_config(struct sim_chassis *ch, const struct sim_options *opt,
    struct sim_config **out, char *err, size_t errlen)
{
	struct sim_config *c = sim_config_new();
	char line[256];
	size_t i;

	for (i = 0; i < sizeof sim_base_config / sizeof sim_base_config[0]; i++) {
		if (sim_base_config[i].unless & opt->without)
			continue;
		sim_expand_name(sim_base_config[i].words, ch->name, line,
		    sizeof line);
		if (sim_config_set(c, line, NULL, err, errlen) != 0) {
			sim_config_free(c);
			return -1;
		}
	}
	*out = c;
	return 0;
}

int
sim_chassis_init(struct sim_chassis *ch, const struct sim_options *opt,
    struct sim_event_log *log, char *err, size_t errlen)
{
	/* Uptimes of a chassis that has run for weeks: re1 came up after re0. */
	static const time_t uptime[SIM_RE_COUNT] = { 41 * 86400 + 5 * 3600 + 17 * 60 + 3,
		41 * 86400 + 5 * 3600 + 9 * 60 + 48 };
	static const char *const serial[SIM_RE_COUNT] = { "9009035183", "9009035201" };
	size_t i;
	int s;

	memset(ch, 0, sizeof *ch);
	if (pthread_mutex_init(&ch->mu, NULL) != 0)
		sim_fatal("pthread_mutex_init failed");
	snprintf(ch->name, sizeof ch->name, "%s", opt->hostname);
	snprintf(ch->model, sizeof ch->model, "mx480");
	snprintf(ch->re_model, sizeof ch->re_model, "RE-S-2000");
	ch->speed = opt->speed;
	ch->log = log;
	clock_gettime(CLOCK_MONOTONIC, &ch->wall_start);
	ch->sim_start = time(NULL);

	for (s = 0; s < SIM_RE_COUNT; s++) {
		struct sim_re *re = &ch->re[s];

		re->slot = s;
		snprintf(re->hostname, sizeof re->hostname, "%s-re%d", ch->name, s);
		snprintf(re->version, sizeof re->version, "%s", opt->version[s]);
		re->role = s == opt->master ? SIM_ROLE_MASTER : SIM_ROLE_BACKUP;
		re->up = true;
		re->boot_time = ch->sim_start - uptime[s];
		snprintf(re->last_reboot_reason, sizeof re->last_reboot_reason,
		    "Router rebooted after a normal shutdown.");
		snprintf(re->serial, sizeof re->serial, "%s", serial[s]);
		re->temperature_c = 36 - s * 2;
		re->cpu_temperature_c = 34 - s * 2;
		re->memory_util = s == opt->master ? 19 : 14;
		re->cpu_idle = s == opt->master ? 95 : 99;
		if (sim_build_config(ch, opt, &re->config, err, errlen) != 0) {
			sim_chassis_destroy(ch);
			return -1;
		}
		re->last_commit_time = ch->sim_start - 6 * 86400 - 4 * 3600;
		snprintf(re->last_commit_user, sizeof re->last_commit_user, "%s",
		    opt->user);
	}

	ch->faults = opt->faults;
	ch->initial_master = opt->master;
	ch->wake_fd = -1;
	ch->issu = sim_issu_new();
	/* version-mismatch: the backup still runs an older maintenance
	 * release, as after a half-finished manual upgrade. */
	if ((ch->faults & SIM_FAULT_VERSION_MISMATCH) &&
	    !opt->version_given[1 - opt->master]) {
		snprintf(ch->re[1 - opt->master].version,
		    sizeof ch->re[0].version, "10.0R3.10");
	}
	/* missing-package: the operator forgot to copy it to /var/tmp. */
	if (!(ch->faults & SIM_FAULT_MISSING_PACKAGE)) {
		if (opt->npackages == 0)
			sim_add_package(ch, sim_default_package);
		for (i = 0; i < opt->npackages; i++)
			sim_add_package(ch, opt->packages[i]);
	}
	return 0;
}

void
sim_chassis_destroy(struct sim_chassis *ch)
{
	int s;

	sim_issu_free(ch->issu);
	ch->issu = NULL;
	for (s = 0; s < SIM_RE_COUNT; s++) {
		sim_config_free(ch->re[s].config);
		ch->re[s].config = NULL;
	}
	pthread_mutex_destroy(&ch->mu);
}

double
sim_chassis_clock(const struct sim_chassis *ch)
{
	struct timespec now;
	double elapsed;

	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (double)(now.tv_sec - ch->wall_start.tv_sec) +
	    (double)(now.tv_nsec - ch->wall_start.tv_nsec) / 1e9;
	return (double)ch->sim_start + elapsed * ch->speed;
}

time_t
sim_chassis_now(const struct sim_chassis *ch)
{
	return (time_t)sim_chassis_clock(ch);
}

double
sim_chassis_sim_seconds(const struct sim_chassis *ch, double wall)
{
	return wall * ch->speed;
}

bool
sim_chassis_fault(const struct sim_chassis *ch, unsigned fault)
{
	return (ch->faults & fault) != 0;
}

void
sim_chassis_fault_fired(struct sim_chassis *ch, unsigned fault, int slot,
    const char *what)
{
	if (ch->faults_fired & fault)
		return;
	ch->faults_fired |= fault;
	sim_event_log_write(ch->log, slot, "fault",
	    "name", SIM_EV_STR, sim_fault_name(fault),
	    "effect", SIM_EV_STR, what, (const char *)NULL);
}

void
sim_chassis_wake(const struct sim_chassis *ch)
{
	char c = 1;

	if (ch->wake_fd >= 0 && write(ch->wake_fd, &c, 1) < 0 &&
	    errno != EAGAIN) {
		/* A full pipe already holds a wake-up. */
	}
}

/*
 * How long an RE-S-2000 takes to come back, in simulated seconds at
 * --speed 1: installing a jinstall on the way up roughly doubles it.  The
 * 12.3 capture shows 13 minutes from "Rebooting re1" to "GRES operational".
 */
static const struct {
	bool installing;
	double seconds;
} sim_reboot_times[] = {
	{ false, 300.0 },
	{ true, 600.0 },
};

double
sim_chassis_reboot_time(const struct sim_chassis *ch, int slot)
{
	bool installing = ch->re[slot].pending_version[0] != '\0';
	double t = sim_reboot_times[0].seconds;
	size_t i;

	for (i = 0; i < sizeof sim_reboot_times / sizeof sim_reboot_times[0]; i++)
		if (sim_reboot_times[i].installing == installing)
			t = sim_reboot_times[i].seconds;
	if (sim_chassis_fault(ch, SIM_FAULT_SLOW_BACKUP) &&
	    slot != ch->initial_master)
		t *= 5;
	return t;
}

double
sim_chassis_shutdown_delay(const struct sim_chassis *ch)
{
	double d = sim_chassis_sim_seconds(ch, 0.5);

	return d > 2.0 ? d : 2.0;
}

void
sim_chassis_reboot(struct sim_chassis *ch, int slot, double delay)
{
	struct sim_re *re = &ch->re[slot];

	if (!re->up || re->reboot_at > 0)
		return;
	re->reboot_at = sim_chassis_clock(ch) + delay;
	sim_chassis_wake(ch);
}

static void
sim_set_role(struct sim_chassis *ch, int slot, enum sim_role role,
    const char *why)
{
	if (ch->re[slot].role == role)
		return;
	ch->re[slot].role = role;
	sim_event_log_write(ch->log, slot, "mastership",
	    "role", SIM_EV_STR, sim_role_name(role),
	    "why", SIM_EV_STR, why, (const char *)NULL);
}

/* What a new master's CLI sessions see at a switchover (the seed's console
 * capture during the ISSU switchover). */
static void
sim_broadcast_switchover(struct sim_chassis *ch, int slot)
{
	struct sim_re *re = &ch->re[slot];
	char when[32];
	time_t now = sim_chassis_now(ch);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%b %d %H:%M:%S", &tm);
	snprintf(re->broadcast, sizeof re->broadcast,
	    "\nMessage from syslogd@ at %s ...\n"
	    " fpc0 RDP: Remote side reset connection: "
	    "rdp.(fpc0:22528).(serverRouter:ppm) \n"
	    "\nMessage from syslogd@ at %s ...\n"
	    " fpc1 RDP: Remote side reset connection: "
	    "rdp.(fpc1:4096).(serverRouter:ppm) \n", when, when);
	re->broadcast_seq++;
}

void
sim_chassis_switch_mastership(struct sim_chassis *ch, const char *why)
{
	int old = sim_chassis_master(ch), s;
	double now = sim_chassis_clock(ch);

	if (old < 0 || !ch->re[1 - old].up)
		return;
	sim_set_role(ch, old, SIM_ROLE_BACKUP, why);
	sim_set_role(ch, 1 - old, SIM_ROLE_MASTER, why);
	for (s = 0; s < SIM_RE_COUNT; s++)
		ch->re[s].holddown_until = now + SIM_SWITCH_HOLDDOWN;
	sim_broadcast_switchover(ch, 1 - old);
}

int
sim_chassis_holddown_left(const struct sim_chassis *ch)
{
	double now = sim_chassis_clock(ch), left = 0;
	int s;

	for (s = 0; s < SIM_RE_COUNT; s++)
		if (ch->re[s].holddown_until - now > left)
			left = ch->re[s].holddown_until - now;
	return (int)ceil(left);
}

/* The backup keeps its databases in step a few minutes after it boots. */
#define SIM_BACKUP_SYNC_TIME 120.0

bool
sim_chassis_backup_ready(const struct sim_chassis *ch)
{
	int m = sim_chassis_master(ch);
	const struct sim_re *b;

	if (m < 0)
		return false;
	b = &ch->re[1 - m];
	return b->up && b->role == SIM_ROLE_BACKUP &&
	    !sim_chassis_fault(ch, SIM_FAULT_BACKUP_NOT_READY) &&
	    sim_config_has(b->config, "chassis redundancy graceful-switchover") &&
	    sim_chassis_clock(ch) - (double)b->boot_time >= SIM_BACKUP_SYNC_TIME;
}

/* The RE stops: sessions cut, port closed; a master hands over. */
static void
sim_re_go_down(struct sim_chassis *ch, int slot, double now)
{
	struct sim_re *re = &ch->re[slot];
	bool was_master = re->role == SIM_ROLE_MASTER;
	bool no_return = false;

	re->up = false;
	re->reboot_at = 0;
	re->down_since = (time_t)now;
	if (slot != ch->initial_master &&
	    sim_chassis_fault(ch, SIM_FAULT_BACKUP_NO_RETURN)) {
		no_return = true;
		sim_chassis_fault_fired(ch, SIM_FAULT_BACKUP_NO_RETURN, slot,
		    "the backup never comes back from its reboot");
	}
	if (slot == ch->initial_master && ch->re[1 - slot].role == SIM_ROLE_MASTER &&
	    sim_chassis_fault(ch, SIM_FAULT_OLD_MASTER_NO_RETURN)) {
		no_return = true;
		sim_chassis_fault_fired(ch, SIM_FAULT_OLD_MASTER_NO_RETURN, slot,
		    "the old master never comes back from its reboot");
	}
	if (!no_return && slot != ch->initial_master &&
	    sim_chassis_fault(ch, SIM_FAULT_SLOW_BACKUP))
		sim_chassis_fault_fired(ch, SIM_FAULT_SLOW_BACKUP, slot,
		    "the backup's reboot takes 5x longer");
	re->up_at = no_return ? INFINITY : now + sim_chassis_reboot_time(ch, slot);
	sim_event_log_write(ch->log, slot, "reboot-start",
	    "version", SIM_EV_STR, re->version,
	    "pending", SIM_EV_STR, re->pending_version[0] ? re->pending_version : NULL,
	    "returns", SIM_EV_BOOL, (int)!no_return, (const char *)NULL);
	if (was_master) {
		bool gres = sim_config_has(re->config,
		    "chassis redundancy graceful-switchover");

		sim_set_role(ch, slot, SIM_ROLE_BACKUP, "master rebooted");
		if (ch->re[1 - slot].up) {
			sim_set_role(ch, 1 - slot, SIM_ROLE_MASTER, "master rebooted");
			/* Without GRES the takeover restarts the forwarding
			 * plane: record the outage. */
			sim_event_log_write(ch->log, 1 - slot, "takeover",
			    "graceful", SIM_EV_BOOL, (int)gres,
			    "disruption", SIM_EV_BOOL, (int)!gres,
			    (const char *)NULL);
		}
	}
}

/* The RE is back: new version if one was installed, fresh uptime, backup
 * if the other RE is master. */
static void
sim_re_come_up(struct sim_chassis *ch, int slot, double now,
    struct sim_action *act)
{
	struct sim_re *re = &ch->re[slot];
	const struct sim_re *other = &ch->re[1 - slot];

	re->up = true;
	re->up_at = 0;
	re->down_since = 0;
	re->boot_time = (time_t)now;
	snprintf(re->last_reboot_reason, sizeof re->last_reboot_reason,
	    "Router rebooted after a normal shutdown.");
	if (re->pending_version[0] != '\0') {
		snprintf(re->version, sizeof re->version, "%s", re->pending_version);
		re->pending_version[0] = '\0';
		sim_event_log_write(ch->log, slot, "version",
		    "version", SIM_EV_STR, re->version, (const char *)NULL);
	}
	re->holddown_until = now + SIM_SWITCH_HOLDDOWN;
	sim_set_role(ch, slot, other->up && other->role == SIM_ROLE_MASTER ?
	    SIM_ROLE_BACKUP : SIM_ROLE_MASTER, "boot");
	*act = (struct sim_action){ .kind = SIM_ACT_RE_UP, .slot = slot };
	if (sim_chassis_fault(ch, SIM_FAULT_HOSTKEY_CHANGED) &&
	    !(ch->faults_fired & SIM_FAULT_HOSTKEY_CHANGED)) {
		act->new_host_key = true;
		sim_chassis_fault_fired(ch, SIM_FAULT_HOSTKEY_CHANGED, slot,
		    "the RE came back with a new host key");
	}
	if (sim_chassis_fault(ch, SIM_FAULT_AUTH_FAIL_AFTER_REBOOT)) {
		re->password_broken = true;
		sim_chassis_fault_fired(ch, SIM_FAULT_AUTH_FAIL_AFTER_REBOOT, slot,
		    "the password no longer works on this RE");
	}
	sim_event_log_write(ch->log, slot, "reboot-done",
	    "version", SIM_EV_STR, re->version,
	    "role", SIM_EV_STR, sim_role_name(re->role), (const char *)NULL);
}

size_t
sim_chassis_tick(struct sim_chassis *ch, struct sim_action *act, size_t max)
{
	size_t n = 0;
	int round, s;

	/* One change can make another due (a timeline row reboots an RE):
	 * go round until nothing is left, a bounded number of times. */
	for (round = 0; round < 64 && n < max; round++) {
		double now = sim_chassis_clock(ch);
		size_t before = n;
		bool issu_moved;

		for (s = 0; s < SIM_RE_COUNT && n < max; s++) {
			struct sim_re *re = &ch->re[s];

			if (re->up && re->reboot_at > 0 && re->reboot_at <= now) {
				sim_re_go_down(ch, s, now);
				act[n++] = (struct sim_action){ .kind = SIM_ACT_RE_DOWN,
					.slot = s };
			} else if (!re->up && re->up_at <= now) {
				sim_re_come_up(ch, s, now, &act[n++]);
			}
		}
		issu_moved = sim_issu_tick(ch, now, act, &n, max);
		if (n == before && !issu_moved)
			break;
	}
	return n;
}

double
sim_chassis_next_wall(const struct sim_chassis *ch)
{
	double now = sim_chassis_clock(ch), next = INFINITY;
	int s;

	for (s = 0; s < SIM_RE_COUNT; s++) {
		const struct sim_re *re = &ch->re[s];

		if (re->up && re->reboot_at > 0 && re->reboot_at < next)
			next = re->reboot_at;
		if (!re->up && re->up_at < next)
			next = re->up_at;
	}
	if (sim_issu_next(ch) < next)
		next = sim_issu_next(ch);
	if (isinf(next))
		return -1;
	return next <= now ? 0 : (next - now) / ch->speed;
}

int
sim_chassis_master(const struct sim_chassis *ch)
{
	int s;

	for (s = 0; s < SIM_RE_COUNT; s++)
		if (ch->re[s].up && ch->re[s].role == SIM_ROLE_MASTER)
			return s;
	return -1;
}

int
sim_chassis_login_add(struct sim_chassis *ch, int slot, int session_id,
    const char *user, const char *from)
{
	bool tty_used[SIM_MAX_LOGINS] = { false };
	int i, free_i = -1, tty = 0;

	for (i = 0; i < SIM_MAX_LOGINS; i++) {
		const struct sim_login *l = &ch->logins[i];

		if (!l->used) {
			if (free_i < 0)
				free_i = i;
		} else if (l->slot == slot && l->tty >= 0 && l->tty < SIM_MAX_LOGINS)
			tty_used[l->tty] = true;
	}
	if (free_i < 0)
		return -1;
	while (tty < SIM_MAX_LOGINS - 1 && tty_used[tty])
		tty++;
	ch->logins[free_i] = (struct sim_login){ .used = true, .slot = slot,
		.session_id = session_id, .tty = tty,
		.since = sim_chassis_now(ch) };
	snprintf(ch->logins[free_i].user, sizeof ch->logins[free_i].user, "%s", user);
	snprintf(ch->logins[free_i].from, sizeof ch->logins[free_i].from, "%s", from);
	return free_i;
}

void
sim_chassis_login_remove(struct sim_chassis *ch, int index)
{
	if (index >= 0 && index < SIM_MAX_LOGINS)
		ch->logins[index].used = false;
}

const char *
sim_role_name(enum sim_role role)
{
	return role == SIM_ROLE_MASTER ? "master" : "backup";
}

const struct sim_package *
sim_chassis_package(const struct sim_chassis *ch, const char *path)
{
	const char *name = path;
	size_t i;

	if (strncmp(path, "/var/tmp/", 9) == 0)
		name = path + 9;
	if (strchr(name, '/') != NULL)
		return NULL;
	for (i = 0; i < ch->npackages; i++)
		if (strcmp(ch->packages[i].name, name) == 0)
			return &ch->packages[i];
	return NULL;
}
