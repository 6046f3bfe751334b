/*
 * facts.h - what the console has read from each routing engine: the
 * commands it sends to learn it (a const table, one row per probe) and the
 * typed facts their outputs parse into.
 *
 * Pure: text in, facts out.  The ISSU engine (issu.c) decides which probes
 * to run on which RE and when; `plan` and `status` read the same facts.
 * A fact is valid only while its `have` bit is set: a probe that was not
 * run, whose RE dropped, or whose output was not understood leaves it
 * clear, so "unknown" is never mistaken for "no".
 */
#ifndef PROCEDURE_FACTS_H
#define PROCEDURE_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "procedure/junos.h"

/* One probe: a read-only command and the parser of its output. */
enum issu_probe {
	ISSU_PROBE_VERSION,		/* show version */
	ISSU_PROBE_RE,			/* show chassis routing-engine */
	ISSU_PROBE_CONFIG,		/* show configuration | display set */
	ISSU_PROBE_SWITCHOVER,		/* show system switchover (backup) */
	ISSU_PROBE_REPLICATION,		/* show task replication (master) */
	ISSU_PROBE_ALARMS,		/* show chassis alarms (master) */
	ISSU_PROBE_STORAGE,		/* show system storage */
	ISSU_PROBE_FILE,		/* file list detail PKG (master) */
	ISSU_PROBE_CHECKSUM,		/* file checksum sha-256 PKG (master) */
	ISSU_PROBE_USERS,		/* show system users (master) */
	ISSU_PROBE_ISSU_STATUS,		/* show chassis in-service-upgrade */
	ISSU_PROBE_SWITCH_CHECK,	/* request chassis routing-engine
					   master switch check (master) */
	ISSU_PROBE_COUNT
};

struct issu_re_facts {
	unsigned have;			/* bit (1u << probe) per fact read */
	struct junos_version version;
	struct junos_routing_engine re;
	struct junos_config_facts config;
	struct junos_switchover switchover;
	struct junos_task_replication replication;
	struct junos_alarms alarms;
	struct junos_storage storage;
	struct junos_file_list file;
	struct junos_checksum checksum;
	struct junos_users users;
	struct junos_issu_status issu_status;
	struct junos_switch_check switch_check;
};

/* True when probe P's fact is valid. */
bool issu_facts_have(const struct issu_re_facts *f, enum issu_probe p);

/*
 * The command that runs probe P, written into buf (never "| no-more": exec
 * channels have no pager).  `package` is the path on the router; probes that
 * need it (FILE, CHECKSUM) fail (-1) when it is NULL.
 */
int issu_probe_command(enum issu_probe p, const char *package, char *buf,
    size_t len);

/* A short name for the probe ("show version"), for messages. */
const char *issu_probe_name(enum issu_probe p);

/*
 * Parses the output of probe P into f, setting its `have` bit on success.
 * On -1, err names the command and the line not understood, and the bit is
 * cleared (the previous value is no longer trusted).
 */
int issu_facts_apply(struct issu_re_facts *f, enum issu_probe p,
    const char *package, const char *text, size_t len, char *err,
    size_t errlen);

/* Forget every fact (an RE that dropped is read again from scratch). */
void issu_facts_clear(struct issu_re_facts *f);

/* ---- what the facts say, each JUNOS_UNKNOWN when not read ---------------- */

/* This RE's role as it sees itself (its own slot in show chassis
 * routing-engine). */
enum junos_re_role issu_facts_role(const struct issu_re_facts *f, int slot);

/* The running release (show version; the section of this RE when the
 * output has several), or NULL. */
const char *issu_facts_version(const struct issu_re_facts *f, int slot);

/* The hostname show version printed, or NULL. */
const char *issu_facts_hostname(const struct issu_re_facts *f, int slot);

#endif
