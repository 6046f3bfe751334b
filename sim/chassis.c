/*
 * chassis.c - builds the simulated chassis from the options and keeps its
 * clock (see chassis.h).
 */
#include "sim/chassis.h"

#include <stdio.h>
#include <string.h>

#include "sim/config_db.h"
#include "sim/event_log.h"
#include "sim/fatal.h"
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

	if (opt->npackages == 0)
		sim_add_package(ch, sim_default_package);
	for (i = 0; i < opt->npackages; i++)
		sim_add_package(ch, opt->packages[i]);
	return 0;
}

void
sim_chassis_destroy(struct sim_chassis *ch)
{
	int s;

	for (s = 0; s < SIM_RE_COUNT; s++) {
		sim_config_free(ch->re[s].config);
		ch->re[s].config = NULL;
	}
	pthread_mutex_destroy(&ch->mu);
}

time_t
sim_chassis_now(const struct sim_chassis *ch)
{
	struct timespec now;
	double elapsed;

	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (double)(now.tv_sec - ch->wall_start.tv_sec) +
	    (double)(now.tv_nsec - ch->wall_start.tv_nsec) / 1e9;
	return ch->sim_start + (time_t)(elapsed * ch->speed);
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
