/*
 * facts.c - the probes (read-only commands) and what their outputs mean
 * (see facts.h).  One row per probe: the command and the parser, so adding
 * a fact is adding a row.
 */
#include "procedure/facts.h"

#include <stdio.h>
#include <string.h>

typedef int probe_parse_fn(struct issu_re_facts *, const char *package,
    const char *, size_t, char *, size_t);

static int
parse_version(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_version(t, n, &f->version, err, el);
}

static int
parse_re(struct issu_re_facts *f, const char *pkg, const char *t, size_t n,
    char *err, size_t el)
{
	(void)pkg;
	return junos_parse_routing_engine(t, n, &f->re, err, el);
}

static int
parse_config(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_config_set(t, n, &f->config, err, el);
}

static int
parse_switchover(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_switchover(t, n, &f->switchover, err, el);
}

static int
parse_replication(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_task_replication(t, n, &f->replication, err, el);
}

static int
parse_alarms(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_alarms(t, n, &f->alarms, err, el);
}

static int
parse_storage(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_storage(t, n, &f->storage, err, el);
}

static int
parse_file(struct issu_re_facts *f, const char *pkg, const char *t, size_t n,
    char *err, size_t el)
{
	return junos_parse_file_list(t, n, pkg, &f->file, err, el);
}

static int
parse_checksum(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_checksum(t, n, &f->checksum, err, el);
}

static int
parse_users(struct issu_re_facts *f, const char *pkg, const char *t, size_t n,
    char *err, size_t el)
{
	(void)pkg;
	return junos_parse_users(t, n, &f->users, err, el);
}

static int
parse_issu_status(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_issu_status(t, n, &f->issu_status, err, el);
}

static int
parse_switch_check(struct issu_re_facts *f, const char *pkg, const char *t,
    size_t n, char *err, size_t el)
{
	(void)pkg;
	return junos_parse_master_switch_check(t, n, &f->switch_check, err, el);
}

static const struct {
	const char *command;	/* with the package path after it, when
				   needs_package, then `tail` */
	bool needs_package;
	probe_parse_fn *parse;
} issu_probes[ISSU_PROBE_COUNT] = {
	[ISSU_PROBE_VERSION] = { "show version", false, parse_version },
	[ISSU_PROBE_RE] = { "show chassis routing-engine", false, parse_re },
	/* Configuration is always read as set lines (issue 5). */
	[ISSU_PROBE_CONFIG] = { "show configuration | display set", false,
	    parse_config },
	[ISSU_PROBE_SWITCHOVER] = { "show system switchover", false,
	    parse_switchover },
	[ISSU_PROBE_REPLICATION] = { "show task replication", false,
	    parse_replication },
	[ISSU_PROBE_ALARMS] = { "show chassis alarms", false, parse_alarms },
	[ISSU_PROBE_STORAGE] = { "show system storage", false, parse_storage },
	[ISSU_PROBE_FILE] = { "file list", true, parse_file },
	[ISSU_PROBE_CHECKSUM] = { "file checksum sha-256", true,
	    parse_checksum },
	[ISSU_PROBE_USERS] = { "show system users", false, parse_users },
	[ISSU_PROBE_ISSU_STATUS] = { "show chassis in-service-upgrade", false,
	    parse_issu_status },
	[ISSU_PROBE_SWITCH_CHECK] = {
	    "request chassis routing-engine master switch check", false,
	    parse_switch_check },
};

bool
issu_facts_have(const struct issu_re_facts *f, enum issu_probe p)
{
	return (f->have & (1u << p)) != 0;
}

int
issu_probe_command(enum issu_probe p, const char *package, char *buf,
    size_t len)
{
	int n;

	if ((unsigned)p >= ISSU_PROBE_COUNT)
		return -1;
	if (issu_probes[p].needs_package) {
		if (package == NULL)
			return -1;
		n = snprintf(buf, len, "%s %s%s", issu_probes[p].command,
		    package, p == ISSU_PROBE_FILE ? " detail" : "");
	} else
		n = snprintf(buf, len, "%s", issu_probes[p].command);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

const char *
issu_probe_name(enum issu_probe p)
{
	if ((unsigned)p >= ISSU_PROBE_COUNT)
		return "?";
	return issu_probes[p].command;
}

int
issu_facts_apply(struct issu_re_facts *f, enum issu_probe p,
    const char *package, const char *text, size_t len, char *err,
    size_t errlen)
{
	char why[512];

	if ((unsigned)p >= ISSU_PROBE_COUNT)
		return -1;
	f->have &= ~(1u << p);
	if (issu_probes[p].needs_package && package == NULL) {
		snprintf(err, errlen, "%s: no package configured",
		    issu_probe_name(p));
		return -1;
	}
	if (issu_probes[p].parse(f, package, text, len, why, sizeof why) != 0) {
		snprintf(err, errlen, "%s: %s", issu_probe_name(p), why);
		return -1;
	}
	f->have |= 1u << p;
	return 0;
}

void
issu_facts_clear(struct issu_re_facts *f)
{
	f->have = 0;
}

enum junos_re_role
issu_facts_role(const struct issu_re_facts *f, int slot)
{
	const struct junos_re_slot *s;

	if (!issu_facts_have(f, ISSU_PROBE_RE))
		return JUNOS_ROLE_UNKNOWN;
	s = junos_routing_engine_slot(&f->re, slot);
	return s != NULL ? s->role : JUNOS_ROLE_UNKNOWN;
}

static const struct junos_version_section *
facts_section(const struct issu_re_facts *f, int slot)
{
	char name[8];
	const struct junos_version_section *s;

	if (!issu_facts_have(f, ISSU_PROBE_VERSION) || f->version.nsections == 0)
		return NULL;
	snprintf(name, sizeof name, "re%d", slot);
	if ((s = junos_version_section(&f->version, name)) != NULL)
		return s;
	return &f->version.section[0];
}

const char *
issu_facts_version(const struct issu_re_facts *f, int slot)
{
	const struct junos_version_section *s = facts_section(f, slot);

	return s != NULL && s->version[0] != '\0' ? s->version : NULL;
}

const char *
issu_facts_hostname(const struct issu_re_facts *f, int slot)
{
	const struct junos_version_section *s = facts_section(f, slot);

	return s != NULL && s->hostname[0] != '\0' ? s->hostname : NULL;
}
