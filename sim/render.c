/*
 * render.c - what the simulated routing engines print (see render.h).
 *
 * The simulator is only worth something if the console, tested against it,
 * also works against a real MX480.  So every format here is copied from a
 * real capture in shared/reference/junos/ (labels, order, the column where a
 * value starts, the odd double space) and filled with the chassis state.
 * Where no capture exists the wording follows Juniper's documentation or the
 * FreeBSD tool Junos runs underneath, and the code says so next to it: look
 * for "not from a capture".
 *
 * Column layouts are written as printf widths measured on the captures, e.g.
 * show chassis routing-engine puts labels at column 4, values at column 35
 * and right-aligns numbers to end at column 34.  Lists that change with the
 * release (packages, file systems) are const tables, one per era.
 */
#include "sim/render.h"

#include "sim/fault.h"
#include "sim/issu.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/buf.h"
#include "sim/chassis.h"
#include "sim/config_db.h"

#define RENDER_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The separator under re0:/re1: section headers: 74 dashes. */
static const char render_section_rule[] =
    "-------------------------------------"
    "-------------------------------------";

/* ------------------------------------------------------------------------
 * Releases
 */

/* A release string taken apart: 17.3R3-S8.1 is 17, 3, 'R', 3, 'S', 8. */
struct render_release {
	int major, minor;
	char type;		/* R, F, X, B, I (0 when unparsed) */
	int number;		/* 3 in R3, 51 in X51 */
	char service;		/* S or D (0 when none) */
	int service_number;	/* 8 in -S8, 35 in -D35 */
};

static int
render_parse_int(const char **p, int *out)
{
	long v = 0;
	const char *s = *p;

	if (!isdigit((unsigned char)*s))
		return -1;
	while (isdigit((unsigned char)*s) && v < 100000)
		v = v * 10 + (*s++ - '0');
	*out = (int)v;
	*p = s;
	return 0;
}

/* Fills what can be read; never fails, so odd builds still render. */
static void
render_release_parse(const char *v, struct render_release *r)
{
	const char *p = v;

	memset(r, 0, sizeof *r);
	if (render_parse_int(&p, &r->major) != 0 || *p++ != '.' ||
	    render_parse_int(&p, &r->minor) != 0)
		return;
	if (!isalpha((unsigned char)*p))
		return;
	r->type = (char)toupper((unsigned char)*p++);
	if (render_parse_int(&p, &r->number) != 0)
		return;
	if (*p == '-' && isalpha((unsigned char)p[1])) {
		p++;
		r->service = (char)toupper((unsigned char)*p++);
		render_parse_int(&p, &r->service_number);
	}
}

enum sim_release_era
sim_release_era(const char *version)
{
	struct render_release r;

	render_release_parse(version != NULL ? version : "", &r);
	if (r.major >= 15)
		return SIM_ERA_FREEBSD10;
	if (r.major >= 12)
		return SIM_ERA_JUNOS_LINE;
	return SIM_ERA_BASE_OS;
}

/*
 * What a release's build strings look like.  Releases seen in captures keep
 * their real stamps; others get plausible ones derived from the release
 * (Junos shipped X.1 in February of year 20X, one minor per quarter, an R
 * about every quarter after that, a service release about every quarter).
 */
struct render_build {
	char built[24];		/* "2010-02-12 17:24:20" */
	char os_stamp[48];	/* "20200425.36498d6": the FreeBSD kernel */
	char junos_stamp[64];	/* "20190621.152752_builder_junos_192_r1"
				   (the rest of Junos) */
	const char *freebsd;	/* "10.3": the JNPR-x.y kernel */
};

static const struct render_known_build {
	const char *version;
	const char *built;
	const char *os_stamp;
	const char *junos_stamp;
} render_known_builds[] = {
	/* login_banner_prompts/ and show_version/ captures, except 10.1R1.8
	 * (the seed's release: the date the issue gives, February 2010 being
	 * when 10.1R1 shipped) and 17.3R3-S9.3 (a published MX note) */
	{ "9.3R4.4", "2009-08-12 04:46:23", NULL, NULL },
	{ "10.1R1.8", "2010-02-12 17:24:20", NULL, NULL },
	{ "10.2R2.11", "2010-08-06 07:10:44", NULL, NULL },
	{ "10.4R2.7", "2011-02-10 04:51:26", NULL, NULL },
	{ "11.1R3.5", "2011-06-25 01:24:42", NULL, NULL },
	{ "11.4R5-S4.7", "2015-05-06 18:55:53", NULL, NULL },
	{ "12.3R3-S4.7", "2014-06-30 05:41:54", NULL, NULL },
	{ "12.3R8.7", "2014-09-19 15:47:11", NULL, NULL },
	{ "13.3R6.5", "2015-03-26 18:37:39", NULL, NULL },
	{ "17.3R3-S8.1", NULL, "20200425.36498d6", NULL },
	{ "17.3R3-S9.3", NULL, "20200624.0e4f83a", NULL },
	{ "19.2R1.8", NULL, "20190517.f0321c3",
	    "20190621.152752_builder_junos_192_r1" },
	{ "19.4R3-S1.3", NULL, "20201028.e1cef1d",
	    "20201202.202156_builder_junos_194_r3_s1" },
	{ "22.3R1.11", NULL, "20220816.a81ed05", NULL },
};

/* The FreeBSD under each release since 15.1 (banner JNPR-x.y, stable_x). */
static const struct render_freebsd {
	int first_major;
	const char *version;
} render_freebsd_bases[] = {
	{ 15, "10.1" },		/* not from a capture */
	{ 17, "10.3" },		/* 17.3R3-S8.1 banner */
	{ 18, "11.0" },		/* 19.2 and 19.4 stable_11 stamps */
	{ 21, "12.1" },		/* 22.3R1.11 banner */
};

static unsigned long
render_hash(const char *s)
{
	unsigned long h = 2166136261UL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h = (h * 16777619UL) & 0xffffffffUL;
	}
	return h;
}

static void
render_build_info(const char *version, struct render_build *b)
{
	const struct render_known_build *known = NULL;
	struct render_release r;
	unsigned long h = render_hash(version);
	struct tm tm;
	time_t t;
	size_t i;
	int y, mo, d;

	memset(b, 0, sizeof *b);
	for (i = 0; i < RENDER_NELEM(render_known_builds); i++)
		if (strcmp(render_known_builds[i].version, version) == 0)
			known = &render_known_builds[i];

	render_release_parse(version, &r);
	b->freebsd = render_freebsd_bases[0].version;
	for (i = 0; i < RENDER_NELEM(render_freebsd_bases); i++)
		if (r.major >= render_freebsd_bases[i].first_major)
			b->freebsd = render_freebsd_bases[i].version;

	/* When the release was built: derived, or read off a known stamp. */
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (r.major >= 10 ? 2000 + r.major : 1999 + r.major) - 1900;
	tm.tm_mon = (r.minor > 0 ? r.minor * 3 - 2 : 0) +
	    (r.number > 1 && r.type != 'X' ? (r.number - 1) * 3 : 0) +
	    (r.service == 'D' ? r.service_number / 5 * 2 :
	    r.service_number * 3);
	tm.tm_mday = 1 + (int)(h % 28);
	tm.tm_hour = (int)(h / 28 % 24);
	tm.tm_min = (int)(h / 672 % 60);
	tm.tm_sec = (int)(h / 40320 % 60);
	if (known != NULL && known->os_stamp != NULL &&
	    sscanf(known->os_stamp, "%4d%2d%2d", &y, &mo, &d) == 3) {
		/* The kernel is built a few days before the release. */
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d + 5;
	}
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(b->built, sizeof b->built, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(b->junos_stamp, sizeof b->junos_stamp,
	    "%04d%02d%02d.%02d%02d%02d_builder_junos_%d%d_%c%d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, r.major, r.minor,
	    tolower((unsigned char)(r.type != 0 ? r.type : 'r')), r.number);
	if (r.service != 0) {
		size_t n = strlen(b->junos_stamp);

		snprintf(b->junos_stamp + n, sizeof b->junos_stamp - n, "_%c%d",
		    tolower((unsigned char)r.service), r.service_number);
	}
	t -= 5 * 86400;
	gmtime_r(&t, &tm);
	snprintf(b->os_stamp, sizeof b->os_stamp, "%04d%02d%02d.%07lx",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, (h >> 3) & 0xfffffff);

	if (known != NULL && known->built != NULL)
		snprintf(b->built, sizeof b->built, "%s", known->built);
	if (known != NULL && known->os_stamp != NULL)
		snprintf(b->os_stamp, sizeof b->os_stamp, "%s",
		    known->os_stamp);
	if (known != NULL && known->junos_stamp != NULL)
		snprintf(b->junos_stamp, sizeof b->junos_stamp, "%s",
		    known->junos_stamp);
}

void
sim_render_login_banner(struct sim_buf *out, const struct sim_chassis *ch,
    int slot)
{
	const char *v = ch->re[slot].version;
	struct render_build b;
	char ident[96];

	render_build_info(v, &b);
	if (sim_release_era(v) != SIM_ERA_FREEBSD10) {
		sim_buf_printf(out, "--- JUNOS %s built %s UTC\n", v, b.built);
		return;
	}
	/*
	 * The FreeBSD-10 era banner ends with the kernel's build ident cut to
	 * 31 characters, which is why every capture (17.3R3-S8.1, 17.3R3-S9.3,
	 * 22.3R1.11) ends in "_buil" whatever the release string's length.
	 */
	snprintf(ident, sizeof ident, "JNPR-%s-%s_builder_stable_%.*s",
	    b.freebsd, b.os_stamp, (int)strcspn(b.freebsd, "."), b.freebsd);
	sim_buf_printf(out, "--- JUNOS %s Kernel 64-bit  %.31s\n", v, ident);
}

/* ------------------------------------------------------------------------
 * show version
 */

/* Where a FreeBSD-10 era package takes its version string from. */
enum render_stamp { RENDER_STAMP_RELEASE, RENDER_STAMP_OS, RENDER_STAMP_JUNOS };

struct render_package {
	const char *name;
	enum render_stamp stamp;
};

/* noc_mx480_10.4R6.5.txt, line for line. */
static const struct render_package render_packages_base_os[] = {
	{ "JUNOS Base OS boot", RENDER_STAMP_RELEASE },
	{ "JUNOS Base OS Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Kernel Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Crypto Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Packet Forwarding Engine Support (M/T Common)",
	    RENDER_STAMP_RELEASE },
	{ "JUNOS Packet Forwarding Engine Support (MX Common)",
	    RENDER_STAMP_RELEASE },
	{ "JUNOS Online Documentation", RENDER_STAMP_RELEASE },
	{ "JUNOS Voice Services Container package", RENDER_STAMP_RELEASE },
	{ "JUNOS Border Gateway Function package", RENDER_STAMP_RELEASE },
	{ "JUNOS Services AACL Container package", RENDER_STAMP_RELEASE },
	{ "JUNOS Services LL-PDF Container package", RENDER_STAMP_RELEASE },
	{ "JUNOS Services PTSP Container package", RENDER_STAMP_RELEASE },
	{ "JUNOS Services Stateful Firewall", RENDER_STAMP_RELEASE },
	{ "JUNOS Services NAT", RENDER_STAMP_RELEASE },
	{ "JUNOS Services Application Level Gateways", RENDER_STAMP_RELEASE },
	{ "JUNOS Services Captive Portal and Content Delivery Container "
	    "package", RENDER_STAMP_RELEASE },
	{ "JUNOS Services RPM", RENDER_STAMP_RELEASE },
	{ "JUNOS AppId Services", RENDER_STAMP_RELEASE },
	{ "JUNOS IDP Services", RENDER_STAMP_RELEASE },
	{ "JUNOS Runtime Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Routing Software Suite", RENDER_STAMP_RELEASE },
};

/*
 * 12.x-14.x: the Base OS lines are in the 12.3/13.3 MX480 captures (match
 * "Hostname|boot") and the 21.4 QFX one; the rest of the list is the 10.x
 * MX list with the M/T/EX PFE name of that era, not from a capture.
 */
static const struct render_package render_packages_junos_line[] = {
	{ "JUNOS Base OS boot", RENDER_STAMP_RELEASE },
	{ "JUNOS Base OS Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Kernel Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Crypto Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Packet Forwarding Engine Support (M/T/EX Common)",
	    RENDER_STAMP_RELEASE },
	{ "JUNOS Packet Forwarding Engine Support (MX Common)",
	    RENDER_STAMP_RELEASE },
	{ "JUNOS Online Documentation", RENDER_STAMP_RELEASE },
	{ "JUNOS Services AACL Container package", RENDER_STAMP_RELEASE },
	{ "JUNOS Services Application Level Gateways", RENDER_STAMP_RELEASE },
	{ "JUNOS AppId Services", RENDER_STAMP_RELEASE },
	{ "JUNOS IDP Services", RENDER_STAMP_RELEASE },
	{ "JUNOS Services NAT", RENDER_STAMP_RELEASE },
	{ "JUNOS Services RPM", RENDER_STAMP_RELEASE },
	{ "JUNOS Services Stateful Firewall", RENDER_STAMP_RELEASE },
	{ "JUNOS Runtime Software Suite", RENDER_STAMP_RELEASE },
	{ "JUNOS Routing Software Suite", RENDER_STAMP_RELEASE },
};

/*
 * 15.1 on: the FreeBSD-10 era package names and build stamps of the vMX
 * 19.2 and SRX 19.4 captures, cut down to what an MX480 runs (the mx and
 * mtx packages, no vmguest or simulation ones).
 */
static const struct render_package render_packages_freebsd10[] = {
	{ "JUNOS OS Kernel 64-bit ", RENDER_STAMP_OS },
	{ "JUNOS OS libs", RENDER_STAMP_OS },
	{ "JUNOS OS runtime", RENDER_STAMP_OS },
	{ "JUNOS OS time zone information", RENDER_STAMP_OS },
	{ "JUNOS network stack and utilities", RENDER_STAMP_JUNOS },
	{ "JUNOS libs", RENDER_STAMP_JUNOS },
	{ "JUNOS OS libs compat32", RENDER_STAMP_OS },
	{ "JUNOS OS 32-bit compatibility", RENDER_STAMP_OS },
	{ "JUNOS libs compat32", RENDER_STAMP_JUNOS },
	{ "JUNOS runtime", RENDER_STAMP_JUNOS },
	{ "JUNOS py extensions", RENDER_STAMP_JUNOS },
	{ "JUNOS py base", RENDER_STAMP_JUNOS },
	{ "JUNOS OS crypto", RENDER_STAMP_OS },
	{ "JUNOS mx libs compat32", RENDER_STAMP_JUNOS },
	{ "JUNOS mx runtime", RENDER_STAMP_JUNOS },
	{ "JUNOS common platform support", RENDER_STAMP_JUNOS },
	{ "JUNOS Openconfig", RENDER_STAMP_RELEASE },
	{ "JUNOS mtx network modules", RENDER_STAMP_JUNOS },
	{ "JUNOS modules", RENDER_STAMP_JUNOS },
	{ "JUNOS mx modules", RENDER_STAMP_JUNOS },
	{ "JUNOS mx libs", RENDER_STAMP_JUNOS },
	{ "JUNOS mtx Data Plane Crypto Support", RENDER_STAMP_JUNOS },
	{ "JUNOS daemons", RENDER_STAMP_JUNOS },
	{ "JUNOS mx daemons", RENDER_STAMP_JUNOS },
	{ "JUNOS Services Stateful Firewall", RENDER_STAMP_JUNOS },
	{ "JUNOS Services NAT", RENDER_STAMP_JUNOS },
	{ "JUNOS Services RPM", RENDER_STAMP_JUNOS },
	{ "JUNOS Extension Toolkit", RENDER_STAMP_JUNOS },
	{ "JUNOS Online Documentation", RENDER_STAMP_JUNOS },
	{ "JUNOS jail runtime", RENDER_STAMP_OS },
};

static const struct render_package_list {
	const struct render_package *packages;
	size_t n;
	bool junos_line;	/* print "Junos: x" after Model */
} render_package_lists[] = {
	[SIM_ERA_BASE_OS] = { render_packages_base_os,
	    RENDER_NELEM(render_packages_base_os), false },
	[SIM_ERA_JUNOS_LINE] = { render_packages_junos_line,
	    RENDER_NELEM(render_packages_junos_line), true },
	[SIM_ERA_FREEBSD10] = { render_packages_freebsd10,
	    RENDER_NELEM(render_packages_freebsd10), true },
};

void
sim_render_show_version(struct sim_buf *out, const struct sim_chassis *ch,
    int slot)
{
	const struct sim_re *re = &ch->re[slot];
	const struct render_package_list *list =
	    &render_package_lists[sim_release_era(re->version)];
	struct render_build b;
	size_t i;

	render_build_info(re->version, &b);
	sim_buf_printf(out, "Hostname: %s\n", re->hostname);
	sim_buf_printf(out, "Model: %s\n", ch->model);
	if (list->junos_line)
		sim_buf_printf(out, "Junos: %s\n", re->version);
	for (i = 0; i < list->n; i++) {
		const struct render_package *p = &list->packages[i];

		if (p->stamp == RENDER_STAMP_OS)
			sim_buf_printf(out, "%s [%s_builder_stable_%.*s]\n",
			    p->name, b.os_stamp, (int)strcspn(b.freebsd, "."),
			    b.freebsd);
		else
			sim_buf_printf(out, "%s [%s]\n", p->name,
			    p->stamp == RENDER_STAMP_JUNOS ?
			    b.junos_stamp : re->version);
	}
}

void
sim_render_show_version_all(struct sim_buf *out, const struct sim_chassis *ch)
{
	int s;

	for (s = 0; s < SIM_RE_COUNT; s++) {
		if (s > 0)
			sim_buf_puts(out, "\n");
		sim_buf_printf(out, "re%d:\n%s\n", s, render_section_rule);
		if (ch->re[s].up) {
			sim_render_show_version(out, ch, s);
		} else {
			/*
			 * Not from a capture of invoke-on: the error is the
			 * one commit synchronize prints for an unreachable
			 * RE ("error: Could not connect to re1 : No route to
			 * host"), under the RE's section header.
			 */
			sim_buf_printf(out, "error: Could not connect to "
			    "re%d : No route to host\n", s);
		}
	}
}

/* ------------------------------------------------------------------------
 * Time
 */

/* "2010-02-12 17:24:20 UTC": the configuration sets time-zone UTC. */
static void
render_datetime(char *buf, size_t len, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

/* show chassis routing-engine's Uptime: zero units left out, "1 day". */
static void
render_uptime_words(struct sim_buf *out, long long secs)
{
	static const struct {
		long long seconds;
		const char *unit;
	} units[] = {
		{ 86400, "day" }, { 3600, "hour" }, { 60, "minute" },
		{ 1, "second" },
	};
	const char *sep = "";
	size_t i;

	if (secs < 0)
		secs = 0;
	for (i = 0; i < RENDER_NELEM(units); i++) {
		long long n = secs / units[i].seconds;

		secs %= units[i].seconds;
		if (n == 0)
			continue;
		sim_buf_printf(out, "%s%lld %s%s", sep, n, units[i].unit,
		    n == 1 ? "" : "s");
		sep = ", ";
	}
	if (*sep == '\0')
		sim_buf_puts(out, "0 seconds");	/* not from a capture */
}

/* show system uptime's "(12w4d 19:53 ago)" / "(6d 13:08 ago)" /
 * "(00:31:10 ago)": minutes truncated, seconds only under a day. */
static void
render_ago(char *buf, size_t len, long long secs)
{
	long long w, d, h, m, s;

	if (secs < 0)
		secs = 0;
	w = secs / 604800;
	d = secs / 86400 % 7;
	h = secs / 3600 % 24;
	m = secs / 60 % 60;
	s = secs % 60;
	if (w > 0)
		snprintf(buf, len, "%lldw%lldd %02lld:%02lld", w, d, h, m);
	else if (d > 0)
		snprintf(buf, len, "%lldd %02lld:%02lld", d, h, m);
	else
		snprintf(buf, len, "%02lld:%02lld:%02lld", h, m, s);
}

/* Load averages: a busier master, an idle backup; stable per RE. */
static void
render_load_averages(const struct sim_re *re, double avg[3])
{
	double busy = (100 - re->cpu_idle) / 100.0;

	avg[0] = busy * 2.4 + 0.02 * re->slot;
	avg[1] = busy * 1.8 + 0.01;
	avg[2] = busy * 1.2;
}

/*
 * The FreeBSD w(1) header line Junos prints for show system uptime and
 * show system users: "12:49PM  up 88 days, 19:54, 1 user, load averages:
 * 0.22, 0.14, 0.09".  Uptime is rounded to the minute as w does.
 */
static void
render_w_header(struct sim_buf *out, const struct sim_re *re, time_t now,
    int users)
{
	long long up = (long long)(now - re->boot_time);
	long long days, hrs, mins, secs;
	char tod[16];
	double avg[3];
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(tod, sizeof tod, "%l:%M%p", &tm);
	sim_buf_printf(out, "%s  up", tod);
	if (up < 0)
		up = 0;
	if (up > 60)
		up += 30;
	days = up / 86400;
	hrs = up / 3600 % 24;
	mins = up / 60 % 60;
	secs = up % 60;
	if (days > 0)
		sim_buf_printf(out, " %lld day%s,", days, days > 1 ? "s" : "");
	if (hrs > 0 && mins > 0)
		sim_buf_printf(out, " %2lld:%02lld,", hrs, mins);
	else if (hrs > 0)
		sim_buf_printf(out, " %lld hr%s,", hrs, hrs > 1 ? "s" : "");
	else if (mins > 0)
		sim_buf_printf(out, " %lld min%s,", mins, mins > 1 ? "s" : "");
	else
		sim_buf_printf(out, " %lld sec%s,", secs, secs > 1 ? "s" : "");
	render_load_averages(re, avg);
	sim_buf_printf(out, " %d user%s, load averages: %.2f, %.2f, %.2f\n",
	    users, users == 1 ? "" : "s", avg[0], avg[1], avg[2]);
}

static int
render_login_count(const struct sim_chassis *ch, int slot)
{
	int i, n = 0;

	for (i = 0; i < SIM_MAX_LOGINS; i++)
		if (ch->logins[i].used && ch->logins[i].slot == slot)
			n++;
	return n;
}

/* ------------------------------------------------------------------------
 * show chassis routing-engine
 */

/* DRAM as the kernel sees it and as installed, per RE model. */
static const struct render_dram {
	const char *model;
	int seen_mb, installed_mb;
} render_drams[] = {
	{ "RE-S-2000", 3584, 4096 },	/* a 32-bit kernel sees 3.5 GB */
	{ "RE-S-1800x2", 8181, 8192 },
	{ "RE-S-1800x4", 16329, 16384 },	/* mx480 ME_AR03 capture */
};

/* Election priority for `slot`, from the viewer's configuration. */
static const char *
render_election_priority(const struct sim_config *c, int slot)
{
	static const struct {
		const char *word, *shown;
	} prios[] = {
		{ "master", "Master" }, { "backup", "Backup" },
		{ "disabled", "Disabled" },
	};
	char stmt[80];
	size_t i;

	for (i = 0; c != NULL && i < RENDER_NELEM(prios); i++) {
		snprintf(stmt, sizeof stmt,
		    "chassis redundancy routing-engine %d %s", slot,
		    prios[i].word);
		if (sim_config_has(c, stmt))
			return prios[i].shown;
	}
	return slot == 0 ? "Master (default)" : "Backup (default)";
}

/* One "CPU utilization:" block; `drift` varies the older intervals. */
static void
render_cpu_block(struct sim_buf *out, const char *title, int idle, int drift)
{
	int busy, user, kernel, interrupt;

	idle -= drift;
	if (idle < 0)
		idle = 0;
	if (idle > 100)
		idle = 100;
	busy = 100 - idle;
	interrupt = busy / 5;
	user = (busy - interrupt) / 2;
	kernel = busy - interrupt - user;
	sim_buf_printf(out, "    %s\n", title);
	sim_buf_printf(out, "      %-25s%3d percent\n", "User", user);
	sim_buf_printf(out, "      %-25s%3d percent\n", "Background", 0);
	sim_buf_printf(out, "      %-25s%3d percent\n", "Kernel", kernel);
	sim_buf_printf(out, "      %-25s%3d percent\n", "Interrupt", interrupt);
	sim_buf_printf(out, "      %-25s%3d percent\n", "Idle", idle);
}

static void
render_routing_engine_slot(struct sim_buf *out, const struct sim_chassis *ch,
    int viewer_slot, int slot)
{
	/* FreeBSD-10 era per-interval blocks: mx304, mx10003, mx480 ME_AR03. */
	static const char *const intervals[] = {
		"5 sec CPU utilization:", "1 min CPU utilization:",
		"5 min CPU utilization:", "15 min CPU utilization:",
	};
	const struct sim_re *re = &ch->re[slot];
	/* The viewer's chassisd prints both slots: its release sets the
	 * shape, even mid-ISSU when the other RE runs another one. */
	enum sim_release_era era =
	    sim_release_era(ch->re[viewer_slot].version);
	const struct render_dram *dram = &render_drams[0];
	time_t now = sim_chassis_now(ch);
	char when[40];
	double avg[3];
	size_t i;

	sim_buf_puts(out, "Routing Engine status:\n");
	sim_buf_printf(out, "  Slot %d:\n", slot);
	if (!re->up) {
		/*
		 * A seated RE that is not running: the captures (filtered
		 * with | match) show the state line and no start time; the
		 * other lines are left out too.
		 */
		sim_buf_printf(out, "    %-31s%s\n", "Current state",
		    "Present");
		return;
	}
	sim_buf_printf(out, "    %-31s%s\n", "Current state",
	    re->role == SIM_ROLE_MASTER ? "Master" : "Backup");
	sim_buf_printf(out, "    %-31s%s\n", "Election priority",
	    render_election_priority(ch->re[viewer_slot].config, slot));
	sim_buf_printf(out, "    %-27s%3d degrees C / %d degrees F\n",
	    "Temperature", re->temperature_c, re->temperature_c * 9 / 5 + 32);
	sim_buf_printf(out, "    %-27s%3d degrees C / %d degrees F\n",
	    "CPU temperature", re->cpu_temperature_c,
	    re->cpu_temperature_c * 9 / 5 + 32);
	for (i = 0; i < RENDER_NELEM(render_drams); i++)
		if (strcmp(render_drams[i].model, ch->re_model) == 0)
			dram = &render_drams[i];
	/* Releases before 12.x print the DRAM the kernel sees, nothing more
	 * (not from a capture: the "installed" form is in 2014 captures). */
	if (era == SIM_ERA_BASE_OS)
		sim_buf_printf(out, "    %-26s%d MB\n", "DRAM", dram->seen_mb);
	else
		sim_buf_printf(out, "    %-26s%d MB (%d MB installed)\n",
		    "DRAM", dram->seen_mb, dram->installed_mb);
	sim_buf_printf(out, "    %-27s%3d percent\n", "Memory utilization",
	    re->memory_util);
	if (era != SIM_ERA_FREEBSD10) {
		render_cpu_block(out, "CPU utilization:", re->cpu_idle, 0);
	} else {
		/* The other RE's slot shows the 5 sec block only (mx10003 and
		 * ME_AR03 captures). */
		size_t n = slot == viewer_slot ? RENDER_NELEM(intervals) : 1;

		for (i = 0; i < n; i++)
			render_cpu_block(out, intervals[i], re->cpu_idle,
			    (int)i % 2);
	}
	sim_buf_printf(out, "    %-31s%s\n", "Model", ch->re_model);
	sim_buf_printf(out, "    %-31s%s\n", "Serial ID", re->serial);
	render_datetime(when, sizeof when, re->boot_time);
	sim_buf_printf(out, "    %-31s%s\n", "Start time", when);
	sim_buf_printf(out, "    %-31s", "Uptime");
	render_uptime_words(out, (long long)(now - re->boot_time));
	sim_buf_puts(out, "\n");
	sim_buf_printf(out, "    %-31s%s\n", "Last reboot reason",
	    re->last_reboot_reason);
	render_load_averages(re, avg);
	sim_buf_printf(out, "    %-31s%s\n", "Load averages:",
	    "1 minute   5 minute  15 minute");
	sim_buf_printf(out, "%43.2f%11.2f%11.2f\n", avg[0], avg[1], avg[2]);
}

void
sim_render_chassis_routing_engine(struct sim_buf *out,
    const struct sim_chassis *ch, int viewer_slot, int only_slot)
{
	int s;

	for (s = 0; s < SIM_RE_COUNT; s++)
		if (only_slot < 0 || only_slot == s)
			render_routing_engine_slot(out, ch, viewer_slot, s);
}

/* ------------------------------------------------------------------------
 * show system uptime / users
 */

void
sim_render_system_uptime(struct sim_buf *out, const struct sim_chassis *ch,
    int slot)
{
	const struct sim_re *re = &ch->re[slot];
	time_t now = sim_chassis_now(ch);
	/* rpd comes up about a minute after the kernel (m320 capture: 73 s). */
	time_t protocols = re->boot_time + 73;
	char when[40], ago[32];

	render_datetime(when, sizeof when, now);
	sim_buf_printf(out, "Current time: %s\n", when);
	/*
	 * Time Source appears in the 19.x and 21.x captures, not in the 12.3
	 * ones; that it starts with the FreeBSD-10 era is not from a capture.
	 */
	if (sim_release_era(re->version) == SIM_ERA_FREEBSD10)
		sim_buf_printf(out, "Time Source:  %s\n",
		    sim_config_has(re->config, "system ntp") ?
		    "NTP CLOCK" : "LOCAL CLOCK");
	render_datetime(when, sizeof when, re->boot_time);
	render_ago(ago, sizeof ago, (long long)(now - re->boot_time));
	sim_buf_printf(out, "System booted: %s (%s ago)\n", when, ago);
	if (protocols > now)
		protocols = now;
	render_datetime(when, sizeof when, protocols);
	render_ago(ago, sizeof ago, (long long)(now - protocols));
	sim_buf_printf(out, "Protocols started: %s (%s ago)\n", when, ago);
	render_datetime(when, sizeof when, re->last_commit_time);
	render_ago(ago, sizeof ago, (long long)(now - re->last_commit_time));
	sim_buf_printf(out, "Last configured: %s (%s ago) by %s\n", when, ago,
	    re->last_commit_user);
	render_w_header(out, re, now, render_login_count(ch, slot));
}

/* w(1)'s LOGIN@ column: today "11:38AM", this week "Fri05PM", else
 * "23Nov10". */
static void
render_login_time(char *buf, size_t len, time_t then, time_t now)
{
	struct tm tn, tt;
	char month[8];

	gmtime_r(&now, &tn);
	gmtime_r(&then, &tt);
	if (now - then > 7 * 86400) {
		strftime(month, sizeof month, "%b", &tt);
		snprintf(buf, len, "%02d%s%02d", tt.tm_mday, month,
		    tt.tm_year % 100);
	} else if (tn.tm_mday != tt.tm_mday || tn.tm_mon != tt.tm_mon ||
	    tn.tm_year != tt.tm_year)
		strftime(buf, len, "%a%I%p", &tt);
	else
		strftime(buf, len, "%l:%M%p", &tt);
}

/*
 * Not from a capture: the layout is Juniper's documented sample (FreeBSD
 * w(1): USER and TTY 8 wide, FROM 32 wide, LOGIN@ and IDLE right under their
 * headings).  Logins on pty N show as "pN"; IDLE is not tracked, so "-".
 */
void
sim_render_system_users(struct sim_buf *out, const struct sim_chassis *ch,
    int slot)
{
	time_t now = sim_chassis_now(ch);
	char login[16];
	int i;

	render_w_header(out, &ch->re[slot], now, render_login_count(ch, slot));
	sim_buf_printf(out, "%-8s %-8s %-32s  %s\n", "USER", "TTY", "FROM",
	    "LOGIN@  IDLE WHAT");
	for (i = 0; i < SIM_MAX_LOGINS; i++) {
		const struct sim_login *l = &ch->logins[i];
		char tty[16];

		if (!l->used || l->slot != slot)
			continue;
		snprintf(tty, sizeof tty, "p%d", l->tty);
		render_login_time(login, sizeof login, l->since, now);
		sim_buf_printf(out, "%-8.8s %-8.8s %-32.32s %-7.7s     - %s\n",
		    l->user, tty, l->from[0] != '\0' ? l->from : "-", login,
		    "-cli (cli)");
	}
}

/* ------------------------------------------------------------------------
 * Redundancy: show system switchover, show task replication
 */

void
sim_render_system_switchover(struct sim_buf *out,
    const struct sim_chassis *ch, int slot)
{
	const struct sim_re *re = &ch->re[slot];
	bool gres = sim_config_has(re->config,
	    "chassis redundancy graceful-switchover");

	/*
	 * The database and peer lines come from the kernel-replication
	 * daemon, which runs only on the backup and only with GRES
	 * configured (Juniper's documentation).  What the master and a
	 * backup without GRES print is therefore just the first line: not
	 * from a capture.
	 */
	sim_buf_printf(out, "Graceful switchover: %s\n", gres ? "On" : "Off");
	if (!gres || re->role != SIM_ROLE_BACKUP)
		return;
	if (!sim_chassis_backup_ready(ch)) {
		/* A backup still synchronising (after its boot) or held not
		 * ready by --fault backup-not-ready.  No capture shows this:
		 * the states are those Juniper documents for the command. */
		sim_buf_puts(out, "Configuration database: Ready\n");
		sim_buf_puts(out, "Kernel database: Not Ready\n");
		if (sim_release_era(re->version) == SIM_ERA_FREEBSD10)
			sim_buf_puts(out, "Switchover Status: Not Ready\n");
		else
			sim_buf_puts(out, "Peer state: Not Ready\n");
		return;
	}
	sim_buf_puts(out, "Configuration database: Ready\n");
	sim_buf_puts(out, "Kernel database: Ready\n");
	/* 12.3R8.7 capture vs. 17.3R3-S8.1 capture. */
	if (sim_release_era(re->version) == SIM_ERA_FREEBSD10)
		sim_buf_puts(out, "Switchover Status: Ready\n");
	else
		sim_buf_puts(out, "Peer state: Steady State\n");
}

/* Protocols NSR replicates, as show task replication names them. */
static const struct render_nsr_protocol {
	const char *config;	/* configured when this statement exists */
	const char *name;
} render_nsr_protocols[] = {
	{ "protocols ospf", "OSPF" },
	{ "protocols ospf3", "OSPF3" },
	{ "protocols isis", "IS-IS" },
	{ "protocols bgp", "BGP" },
	{ "protocols mpls", "MPLS" },
	{ "protocols ldp", "LDP" },
	{ "protocols rsvp", "RSVP" },
	{ "protocols pim", "PIM" },
};

void
sim_render_task_replication(struct sim_buf *out,
    const struct sim_chassis *ch, int slot)
{
	const struct sim_re *re = &ch->re[slot];
	bool nsr = sim_config_has(re->config,
	    "routing-options nonstop-routing");
	size_t i;

	/* "Disabled" and the missing table without NSR: not from a capture. */
	sim_buf_printf(out, "        Stateful Replication: %s\n",
	    nsr ? "Enabled" : "Disabled");
	sim_buf_printf(out, "        RE mode: %s\n",
	    re->role == SIM_ROLE_MASTER ? "Master" : "Backup");
	if (!nsr || re->role != SIM_ROLE_MASTER)
		return;
	sim_buf_puts(out, "\n");
	sim_buf_printf(out, "    %-24s%s\n", "Protocol",
	    "Synchronization Status");
	/* While the backup is down or still synchronising the protocols are
	 * not Complete (the state names are Juniper's documented ones; no
	 * capture shows them). */
	for (i = 0; i < RENDER_NELEM(render_nsr_protocols); i++)
		if (sim_config_has(re->config, render_nsr_protocols[i].config))
			sim_buf_printf(out, "    %-24s%-22s\n",
			    render_nsr_protocols[i].name,
			    !ch->re[1 - slot].up ? "NotStarted" :
			    sim_chassis_backup_ready(ch) ||
			    sim_chassis_fault(ch, SIM_FAULT_BACKUP_NOT_READY) ?
			    "Complete" : "InProgress");
}

/* ------------------------------------------------------------------------
 * show system storage
 */

struct render_filesystem {
	const char *device;
	const char *size, *used, *avail, *capacity;
	const char *mount;	/* may hold one %s: the running release */
};

/*
 * Not from a capture: no 10.x storage output was found.  An RE-S-2000 runs
 * from a 1 GB CompactFlash (ad0) with /var on the 40 GB disk (ad1); each
 * installed package is a read-only md(4) image under /packages/mnt.  The
 * columns are those of the 17.3 capture.
 */
static const struct render_filesystem render_filesystems_ad[] = {
	{ "/dev/ad0s1a", "885M", "279M", "535M", "34%", "/" },
	{ "devfs", "1.0K", "1.0K", "0B", "100%", "/dev" },
	{ "/dev/md0", "36M", "36M", "0B", "100%", "/packages/mnt/jbase" },
	{ "/dev/md1", "125M", "125M", "0B", "100%",
	    "/packages/mnt/jkernel-%s" },
	{ "/dev/md2", "29M", "29M", "0B", "100%",
	    "/packages/mnt/jpfe-common-%s" },
	{ "/dev/md3", "4.7M", "4.7M", "0B", "100%", "/packages/mnt/jdocs-%s" },
	{ "/dev/md4", "68M", "68M", "0B", "100%", "/packages/mnt/jroute-%s" },
	{ "/dev/md5", "17M", "17M", "0B", "100%", "/packages/mnt/jcrypto-%s" },
	{ "/dev/md6", "18M", "18M", "0B", "100%", "/packages/mnt/jruntime-%s" },
	{ "/dev/md7", "51M", "51M", "0B", "100%",
	    "/packages/mnt/jservices-%s" },
	{ "/dev/md8", "1.0G", "8.0K", "920M", "0%", "/tmp" },
	{ "/dev/md9", "1.0G", "2.7M", "918M", "0%", "/mfs" },
	{ "/dev/ad0s1e", "98M", "36K", "90M", "0%", "/config" },
	{ "procfs", "4.0K", "4.0K", "0B", "100%", "/proc" },
	{ "/dev/ad1s1f", "34G", "3.6G", "27G", "12%", "/var" },
};

/* The 17.3 capture's first three lines, then the vMX 19.2 mounts. */
static const struct render_filesystem render_filesystems_gpt[] = {
	{ "/dev/md0.uzip", "21M", "21M", "0B", "100%", "/" },
	{ "devfs", "1.0K", "1.0K", "0B", "100%", "/dev" },
	{ "/dev/gpt/junos", "19G", "2.4G", "15G", "14%", "/.mount" },
	{ "/dev/gpt/config", "793M", "60K", "730M", "0%", "/.mount/config" },
	{ "/dev/gpt/var", "7.0G", "1.1G", "5.4G", "17%", "/.mount/var" },
	{ "tmpfs", "3.2G", "196K", "3.2G", "0%", "/.mount/tmp" },
	{ "tmpfs", "334M", "748K", "333M", "0%", "/.mount/mfs" },
};

static const struct render_filesystem_list {
	const struct render_filesystem *fs;
	size_t n;
} render_filesystem_lists[] = {
	[SIM_ERA_BASE_OS] = { render_filesystems_ad,
	    RENDER_NELEM(render_filesystems_ad) },
	[SIM_ERA_JUNOS_LINE] = { render_filesystems_ad,
	    RENDER_NELEM(render_filesystems_ad) },
	[SIM_ERA_FREEBSD10] = { render_filesystems_gpt,
	    RENDER_NELEM(render_filesystems_gpt) },
};

void
sim_render_system_storage(struct sim_buf *out, const struct sim_chassis *ch,
    int slot)
{
	const char *version = ch->re[slot].version;
	const struct render_filesystem_list *list =
	    &render_filesystem_lists[sim_release_era(version)];
	size_t i;

	sim_buf_puts(out, "Filesystem              Size       Used      Avail"
	    "  Capacity   Mounted on\n");
	for (i = 0; i < list->n; i++) {
		const struct render_filesystem *f = &list->fs[i];
		char mount[128];
		const char *pct = strstr(f->mount, "%s");

		if (pct != NULL)
			snprintf(mount, sizeof mount, "%.*s%s%s",
			    (int)(pct - f->mount), f->mount, version, pct + 2);
		else
			snprintf(mount, sizeof mount, "%s", f->mount);
		sim_buf_printf(out, "%-20s%8s%11s%11s%10s  %s\n", f->device,
		    f->size, f->used, f->avail, f->capacity, mount);
	}
}

/* ------------------------------------------------------------------------
 * Alarms
 */

struct render_alarm {
	time_t when;
	const char *class;
	const char *text;
};

/* The slot `c` names as master (chassis redundancy routing-engine N
 * master), RE0 when none does, as Junos defaults. */
static int
render_configured_master(const struct sim_config *c)
{
	char stmt[64];
	int s;

	for (s = 0; s < SIM_RE_COUNT; s++) {
		snprintf(stmt, sizeof stmt,
		    "chassis redundancy routing-engine %d master", s);
		if (c != NULL && sim_config_has(c, stmt))
			return s;
	}
	return 0;
}

void
sim_render_alarms(struct sim_buf *out, const struct sim_chassis *ch,
    int slot, bool system)
{
	struct render_alarm alarms[SIM_RE_COUNT + 1];
	size_t n = 0, i, j;
	char when[40];
	int s;

	/* No system alarm is simulated; these are chassis alarms. */
	if (!system) {
		for (s = 0; s < SIM_RE_COUNT; s++) {
			const struct sim_re *re = &ch->re[s];

			if (s == slot || re->up)
				continue;
			/* down_since is set while the RE is down; before a
			 * reboot sets it, its boot time stands in. */
			alarms[n++] = (struct render_alarm){
				.when = re->down_since != 0 ?
				    re->down_since : re->boot_time,
				.class = "Minor",
				.text = "Loss of communication with Backup RE",
			};
		}
		/*
		 * The RE acting as master is not the one configured (or
		 * defaulted) as master: after a switchover, or an ISSU.  When
		 * it took over is not kept; its boot time stands in (after an
		 * ISSU that is minutes before the switchover).
		 */
		if (ch->re[slot].role == SIM_ROLE_MASTER &&
		    render_configured_master(ch->re[slot].config) != slot)
			alarms[n++] = (struct render_alarm){
				.when = ch->re[slot].boot_time,
				.class = "Minor",
				.text = "Backup RE Active",
			};
	}
	if (n == 0) {
		sim_buf_puts(out, "No alarms currently active\n");
		return;
	}
	/* Newest first, as in the captures; ties keep the order above. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && alarms[j].when > alarms[j - 1].when; j--) {
			struct render_alarm t = alarms[j];

			alarms[j] = alarms[j - 1];
			alarms[j - 1] = t;
		}
	/* "1 alarms currently active": Junos does not singularise. */
	sim_buf_printf(out, "%zu alarms currently active\n", n);
	sim_buf_puts(out, "Alarm time               Class  Description\n");
	for (i = 0; i < n; i++) {
		render_datetime(when, sizeof when, alarms[i].when);
		sim_buf_printf(out, "%-24s %-6s %s\n", when, alarms[i].class,
		    alarms[i].text);
	}
}

/* ------------------------------------------------------------------------
 * file list, file checksum
 */

/* Files every RE has in /var/tmp besides the operator's packages (names
 * from 10.x-era routers; not from a capture).  Directories end in '/'. */
static const struct render_var_tmp_file {
	const char *name;
	long long size;
	time_t age;		/* seconds before the RE booted; < 0 after */
	const char *mode;
} render_var_tmp_files[] = {
	{ "krt_gencfg_filter.txt", 217, -95, "-rw-r--r--" },
	{ "pfe_debug_commands", 0, -84, "-rw-r--r--" },
	{ "vi.recover/", 512, 86400 * 212, "drwxrwxrwt" },
};

struct render_entry {
	char name[200];
	const char *mode;
	const char *owner, *group;
	long long size;
	time_t mtime;
};

static int
render_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct render_entry *)a)->name,
	    ((const struct render_entry *)b)->name);
}

/* /var/tmp as `file list` sees it: the fixed files and the packages,
 * sorted by name.  Returns the number of entries. */
static size_t
render_var_tmp(const struct sim_chassis *ch, int slot,
    struct render_entry *e, size_t max)
{
	size_t n = 0, i;

	for (i = 0; i < RENDER_NELEM(render_var_tmp_files) && n < max; i++) {
		const struct render_var_tmp_file *f = &render_var_tmp_files[i];

		snprintf(e[n].name, sizeof e[n].name, "%s", f->name);
		e[n].mode = f->mode;
		e[n].owner = "root";
		e[n].group = "wheel";
		e[n].size = f->size;
		e[n].mtime = ch->re[slot].boot_time - f->age;
		n++;
	}
	for (i = 0; i < ch->npackages && n < max; i++) {
		snprintf(e[n].name, sizeof e[n].name, "%s",
		    ch->packages[i].name);
		e[n].mode = "-rw-r--r--";
		/* the operator copied them there: netops, group staff */
		e[n].owner = "netops";
		e[n].group = "staff";
		e[n].size = ch->packages[i].size;
		e[n].mtime = ch->packages[i].mtime;
		n++;
	}
	qsort(e, n, sizeof e[0], render_entry_cmp);
	return n;
}

/*
 * One `detail` line, laid out as the ex2200 12.3 and core-dumps captures:
 * "-rw-r--r--  1 root  wheel     525672 May 22 02:40 /var/log/trace-static",
 * i.e. owner and group at least 5 wide, size 9 wide after two spaces, the
 * day left-aligned and the year instead of the time after six months.
 */
static void
render_detail_line(struct sim_buf *out, const struct render_entry *e,
    const char *shown, time_t now)
{
	char month[8], clock[16];
	struct tm tm;

	gmtime_r(&e->mtime, &tm);
	strftime(month, sizeof month, "%b", &tm);
	if (now - e->mtime > 182 * 86400 || e->mtime > now + 3600)
		snprintf(clock, sizeof clock, "%d", tm.tm_year + 1900);
	else
		strftime(clock, sizeof clock, "%H:%M", &tm);
	sim_buf_printf(out, "%s %2d %-5s %-5s  %9lld %s %-2d %5s %s\n", e->mode,
	    e->name[strlen(e->name) - 1] == '/' ? 2 : 1, e->owner, e->group,
	    e->size, month, tm.tm_mday, clock, shown);
}

/* Is `path` /var/home/USER[/] of a configured login (where the CLI
 * starts)? */
static bool
render_is_home(const struct sim_config *c, const char *path)
{
	char user[64], stmt[128];
	size_t n;

	if (strncmp(path, "/var/home/", 10) != 0)
		return false;
	n = strcspn(path + 10, "/");
	if (n == 0 || n >= sizeof user || (path[10 + n] != '\0' &&
	    strcmp(path + 10 + n, "/") != 0))
		return false;
	snprintf(user, sizeof user, "%.*s", (int)n, path + 10);
	snprintf(stmt, sizeof stmt, "system login user %s", user);
	return sim_config_has(c, stmt);
}

int
sim_render_file_list(struct sim_buf *out, const struct sim_chassis *ch,
    int slot, const char *path, bool detail)
{
	struct render_entry entries[SIM_MAX_PACKAGES + 8];
	time_t now = sim_chassis_now(ch);
	size_t n, i;
	long long blocks = 0;

	n = render_var_tmp(ch, slot, entries, RENDER_NELEM(entries));
	if (strcmp(path, "/var/tmp") == 0 || strcmp(path, "/var/tmp/") == 0) {
		/*
		 * A directory: the "/var/tmp/:" header of the genie capture
		 * of `file list`; with detail, "total blocks" (512-byte
		 * blocks) and bare names are not from a capture.
		 */
		sim_buf_puts(out, "/var/tmp/:\n");
		if (detail) {
			for (i = 0; i < n; i++)
				blocks += (entries[i].size + 2047) / 2048 * 4;
			sim_buf_printf(out, "total blocks: %lld\n", blocks);
		}
		for (i = 0; i < n; i++) {
			if (detail)
				render_detail_line(out, &entries[i],
				    entries[i].name, now);
			else
				sim_buf_printf(out, "%s\n", entries[i].name);
		}
		if (detail)
			sim_buf_printf(out, "total files: %zu\n", n);
		return 0;
	}
	if (strncmp(path, "/var/tmp/", 9) == 0) {
		for (i = 0; i < n; i++) {
			const char *name = entries[i].name;
			size_t len = strlen(name);

			if (name[len - 1] == '/')
				len--;
			if (strncmp(path + 9, name, len) != 0 ||
			    (path[9 + len] != '\0' &&
			    strcmp(path + 9 + len, "/") != 0))
				continue;
			if (name[strlen(name) - 1] == '/') {
				/* An empty directory of ours. */
				sim_buf_printf(out, "/var/tmp/%s:\n", name);
				if (detail)
					sim_buf_puts(out, "total blocks: 0\n"
					    "total files: 0\n");
				return 0;
			}
			if (!detail) {
				sim_buf_printf(out, "%s\n", path);
				return 0;
			}
			render_detail_line(out, &entries[i], path, now);
			sim_buf_puts(out, "total files: 1\n");
			return 0;
		}
	}
	if (render_is_home(ch->re[slot].config, path)) {
		/* A login's home directory, empty here (not from a capture). */
		sim_buf_printf(out, "%s%s:\n", path,
		    path[strlen(path) - 1] == '/' ? "" : "/");
		if (detail)
			sim_buf_puts(out, "total blocks: 0\ntotal files: 0\n");
		return 0;
	}
	/* genie_file_list_no_such_file: "/root/filename999: No such ..." */
	sim_buf_printf(out, "%s: No such file or directory\n", path);
	return -1;
}

int
sim_render_file_checksum(struct sim_buf *out, const struct sim_chassis *ch,
    const char *algo, const char *path)
{
	const struct sim_package *p = sim_chassis_package(ch, path);
	bool md5 = strcmp(algo, "md5") == 0;

	if (p == NULL || strncmp(path, "/var/tmp/", 9) != 0) {
		/*
		 * Not from a capture: Junos runs FreeBSD's md5(1) or
		 * sha256(1), whose error names the tool and the path.
		 */
		sim_buf_printf(out, "%s: %s: No such file or directory\n",
		    md5 ? "md5" : "sha256", path);
		return -1;
	}
	/* file_checksum captures: "SHA256 (/var/tmp/x) = hex". */
	sim_buf_printf(out, "%s (%s) = %s\n", md5 ? "MD5" : "SHA256", path,
	    md5 ? p->md5 : p->sha256);
	return 0;
}

/* ------------------------------------------------------------------------
 * ISSU
 */

/*
 * "10.3R2.11" out of ".../jinstall-10.3R2.11-domestic-signed.tgz": the first
 * '-'-separated field that reads as a release, with a following "-S8.1"
 * service part ("junos-install-mx-x86-64-18.4R3-S10.tgz").
 */
bool
sim_release_from_package(const char *pkg, char *buf, size_t len)
{
	const char *base = strrchr(pkg, '/');
	const char *v;

	base = base != NULL ? base + 1 : pkg;
	for (v = base; *v != '\0'; v++) {
		struct render_release r;
		size_t n;

		if ((v != base && v[-1] != '-') || !isdigit((unsigned char)*v))
			continue;
		render_release_parse(v, &r);
		if (r.type == 0)
			continue;
		n = strcspn(v, "-");
		if (strncmp(v + n, "-S", 2) == 0 &&
		    isdigit((unsigned char)v[n + 2]))
			n += 1 + strcspn(v + n + 1, "-");
		if (n >= 4 && strcmp(v + n - 4, ".tgz") == 0)
			n -= 4;
		snprintf(buf, len, "%.*s", (int)n, v);
		return true;
	}
	snprintf(buf, len, "%s", "");
	return false;
}

void
sim_package_jinstall(const char *pkg, char *buf, size_t len)
{
	const char *name = strrchr(pkg, '/');
	char *signed_part;

	snprintf(buf, len, "%s", name != NULL ? name + 1 : pkg);
	if ((signed_part = strstr(buf, "-signed.tgz")) != NULL)
		strcpy(signed_part, ".tgz");
}

void
sim_release_train(const char *release, char *buf, size_t len)
{
	struct render_release r;

	render_release_parse(release, &r);
	snprintf(buf, len, "%d_%d_0", r.major, r.minor);
}

int
sim_release_compare(const char *a, const char *b)
{
	struct render_release x, y;

	render_release_parse(a, &x);
	render_release_parse(b, &y);
	if (x.major != y.major)
		return x.major < y.major ? -1 : 1;
	if (x.minor != y.minor)
		return x.minor < y.minor ? -1 : 1;
	if (x.number != y.number)
		return x.number < y.number ? -1 : 1;
	if (x.service_number != y.service_number)
		return x.service_number < y.service_number ? -1 : 1;
	return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
}

/*
 * The start of the validation is the 10.3R2 ISSU capture (frag1):
 * "Checking compatibility with configuration", "Initializing...", "Using
 * jbase-10.1R1.8", the two "Verified ... signed by PackageProduction_10_1_0"
 * lines and "Using /var/tmp/jinstall-...".  "Chassis ISSU Check Done" opens
 * the ISSU run in that capture.  The lines after "Using PKG" (the checks
 * against the running configuration) are not from a capture.
 */
void
sim_render_validate_issu(struct sim_buf *out, const struct sim_chassis *ch,
    int slot, const char *pkg_path)
{
	const char *running = ch->re[slot].version;
	char target[48], base[200], path[300], cur[16], next[16];

	/* A bare name is looked for in /var/tmp: the 12.3 ISSU capture
	 * gives "jinstall-13.3R6.5-export-signed.tgz" and Junos answers
	 * "Installing package '/var/tmp/jinstall-13.3R6.5-...'". */
	snprintf(path, sizeof path, "%s%s", strchr(pkg_path, '/') == NULL ?
	    "/var/tmp/" : "", pkg_path);
	sim_release_from_package(pkg_path, target, sizeof target);
	sim_release_train(running, cur, sizeof cur);
	sim_release_train(target, next, sizeof next);
	sim_package_jinstall(pkg_path, base, sizeof base);

	sim_buf_puts(out, "Chassis ISSU Check Done\n");
	sim_buf_puts(out, "Checking compatibility with configuration\n");
	sim_buf_puts(out, "Initializing...\n");
	sim_buf_printf(out, "Using jbase-%s\n", running);
	sim_buf_printf(out, "Verified manifest signed by "
	    "PackageProduction_%s\n", cur);
	sim_buf_printf(out, "Verified jbase-%s signed by "
	    "PackageProduction_%s\n", running, cur);
	sim_buf_printf(out, "Using %s\n", path);
	sim_buf_printf(out, "Verified %s signed by PackageProduction_%s\n",
	    base, next);
	sim_buf_puts(out, "Checking jinstall dependencies\n");
	sim_buf_printf(out,
	    "Using /var/validate/chroot/tmp/jbundle/jbase-%s.tgz\n", target);
	sim_buf_printf(out, "Verified manifest signed by "
	    "PackageProduction_%s\n", next);
	sim_buf_puts(out, "Hardware Database regeneration succeeded\n");
	sim_buf_puts(out, "Validating against /config/juniper.conf.gz\n");
	if (ch->faults & SIM_FAULT_VALIDATE_FAIL) {
		/* --fault validate-fail: the check-out of the running
		 * configuration under the new release fails (the shape of
		 * Junos' mgd errors; not from a capture). */
		sim_buf_puts(out, "mgd: error: configuration check-out failed\n");
		sim_buf_puts(out, "Validation failed\n");
		return;
	}
	sim_buf_puts(out, "mgd: commit complete\n");
	sim_buf_puts(out, "Validation succeeded\n");
}

/*
 * Not from a capture: Juniper's documentation gives show chassis
 * in-service-upgrade as the FPC table of the last ISSU; the header and
 * columns are those the 12.3 ISSU capture prints mid-upgrade ("  Item
 * Status  Reason" / "  FPC 0          Online (ISSU)").  With no ISSU running
 * the FPCs are plain Online.  The seed lab's MX480 has DPCs in slots 0, 1.
 */
void
sim_render_chassis_issu_idle(struct sim_buf *out,
    const struct sim_chassis *ch, int slot)
{
	static const int fpcs[] = { 0, 1 };
	size_t i;

	(void)slot;
	sim_buf_printf(out, "  %-15s%-24s%s\n", "Item", "Status", "Reason");
	for (i = 0; i < RENDER_NELEM(fpcs); i++)
		sim_buf_printf(out, "  FPC %-11d%s\n", fpcs[i],
		    sim_issu_running(ch) ? "Online (ISSU)" : "Online");
}
