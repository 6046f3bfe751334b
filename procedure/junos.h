/*
 * junos.h - what the console reads in Junos outputs: text in, typed facts
 * out.
 *
 * Each parser takes the output of one operational command as it arrived from
 * a router or as an operator pasted it, and fills a caller-owned struct.  The
 * parsers are pure (no I/O, no allocation, no globals): every result below is
 * plain data inside the struct the caller passed, so there is nothing to free
 * and results can be copied with `=`.  Strings are NUL-terminated arrays; an
 * empty string means "the output did not say" (Junos never prints an empty
 * value), numbers use -1 for the same, and tri-states use JUNOS_UNKNOWN.
 * Nothing is ever defaulted or guessed.
 *
 * Inputs are (text, len): the text need not be NUL-terminated and may contain
 * any bytes.  Every parser returns 0 when it understood the whole output and
 * -1 otherwise, with a message in the caller's `err` buffer (always
 * NUL-terminated when errlen > 0) naming the line and quoting it:
 *   line 7: "Foo bar": not a show chassis routing-engine line
 * or, when the output stops too early:
 *   end of input (after line 12): "Load averages:" without its values
 * On -1 the struct's contents are unspecified and must not be used.
 *
 * What every parser tolerates, because pasted captures and interactive CLI
 * sessions carry it (see junos.c, "capture tolerance"): `{master}`/`{backup}`
 * /`{master:0}` banner lines, the `user@host> command` echo (and a bare echoed
 * command before the output), `set cli timestamp` lines (`Dec 16 01:33:44`),
 * `---(more)---` pager prompts, blank lines, leading indentation, trailing
 * whitespace and CR line ends, login banners (`Last login:`, `--- JUNOS`)
 * before the output.  A prompt after the output ends it: what follows belongs
 * to another command and is not read.  An echoed command that is not the one
 * this parser reads is an error.
 */
#ifndef PROCEDURE_JUNOS_H
#define PROCEDURE_JUNOS_H

#include <stdbool.h>
#include <stddef.h>

/* Sizes of the text fields.  A value that does not fit is an error, never
 * silently cut. */
#define JUNOS_NAME_MAX		64	/* hostnames, models, short values */
#define JUNOS_RELEASE_MAX	32	/* "17.3R3-S8.1" */
#define JUNOS_TEXT_MAX		160	/* reasons, descriptions, errors */
#define JUNOS_PATH_MAX		256
#define JUNOS_DIGEST_MAX	129	/* hex SHA-512 and a NUL */

#define JUNOS_VERSION_SECTIONS_MAX	8
#define JUNOS_RE_SLOTS_MAX		4
#define JUNOS_PROTOCOLS_MAX		32
#define JUNOS_FILESYSTEMS_MAX		64
#define JUNOS_ALARMS_MAX		64

enum junos_tristate {
	JUNOS_UNKNOWN = -1,
	JUNOS_FALSE = 0,
	JUNOS_TRUE = 1,
};

/* "false", "true", "null": the JSON spelling. */
const char *junos_tristate_name(enum junos_tristate);

/* ---- releases ------------------------------------------------------------ */

/*
 * A Junos release: MAJOR.MINOR TYPE BUILD [-S|-D EXT] [.SPIN], e.g.
 * 10.3R2.11, 15.1F6.9, 18.4R3-S10, 13.2X51-D35.3.  A build string such as
 * 20190517.f0321c3_builder_stable_11 or 18.3I20180716_1639 is not a release.
 */
struct junos_release {
	int major;		/* 10 */
	int minor;		/* 3 */
	char type;		/* 'R', 'F', 'X', 'B' or 'I' */
	int build;		/* R2 -> 2, X51 -> 51 */
	char ext_kind;		/* 'S' (service), 'D' (X trains) or 0 */
	int ext;		/* -S10 -> 10; 0 when ext_kind is 0 */
	int spin;		/* .11 -> 11; -1 when absent */
	char text[JUNOS_RELEASE_MAX];	/* as written */
};

/* 0 and *out filled when `s` (NUL-terminated) is exactly a release. */
int junos_release_parse(const char *s, struct junos_release *out);

/*
 * <0, 0, >0 as a is older, the same, newer than b: major, minor, type, build,
 * service/D number (none < -S1), then spin when both have one (a package name
 * often omits it: 18.4R3-S10 equals 18.4R3-S10.4).  Within one major.minor the
 * types rank I < B < R < F < X: Juniper publishes no order between the R, F
 * and X trains of one release, so this rank is a convention that keeps the
 * comparison total; callers that care should check `type` themselves.
 */
int junos_release_compare(const struct junos_release *a,
    const struct junos_release *b);

/*
 * The release in an install package's file name (a leading directory is
 * ignored): jinstall-10.3R2.11-domestic-signed.tgz,
 * jinstall64-15.1R7.9-signed.tgz, junos-install-mx-x86-64-18.4R3-S10.tgz,
 * junos-vmhost-install-mx-x86-64-21.4R3-S5.tgz.  -1 with a message when the
 * name follows none of Juniper's schemes.
 */
int junos_release_from_package(const char *filename, struct junos_release *out,
    char *err, size_t errlen);

/* ---- show version [invoke-on all-routing-engines] ------------------------ */

struct junos_version_section {
	char name[16];			/* "re0", "fpc0", "node1"; "" when the
					   output has no section headers */
	char hostname[JUNOS_NAME_MAX];
	char model[JUNOS_NAME_MAX];
	char version[JUNOS_RELEASE_MAX];	/* a release, from "Junos: x",
						   else "JUNOS Base OS boot [x]"
						   or "JUNOS Software Release
						   [x]"; "" when none */
	char junos_line[JUNOS_NAME_MAX];	/* what "Junos:" said, even when
						   it is not a release */
	bool unreachable;		/* "error: Could not connect to re1 ..." */
	char error[JUNOS_TEXT_MAX];	/* that line, when unreachable */
};

/*
 * Plain `show version` gives one section named "".  `invoke-on` gives one per
 * re0:/re1: header; the same output filtered with `| match` loses its headers,
 * so there a second "Hostname:" starts a second unnamed section.
 */
struct junos_version {
	size_t nsections;		/* >= 1 after success */
	struct junos_version_section section[JUNOS_VERSION_SECTIONS_MAX];
};

int junos_parse_version(const char *text, size_t len,
    struct junos_version *out, char *err, size_t errlen);

/* The section called `name` ("re1"), or NULL. */
const struct junos_version_section *junos_version_section(
    const struct junos_version *, const char *name);

/* ---- show chassis routing-engine ----------------------------------------- */

enum junos_re_role {
	JUNOS_ROLE_UNKNOWN,	/* no "Current state" line was read */
	JUNOS_ROLE_MASTER,	/* "Master" or "Primary" */
	JUNOS_ROLE_BACKUP,	/* "Backup" or "Standby" */
	JUNOS_ROLE_DISABLED,
	JUNOS_ROLE_PRESENT,	/* installed, not running: down, rebooting */
};

enum junos_priority {
	JUNOS_PRIORITY_NONE,	/* no "Election priority" line */
	JUNOS_PRIORITY_MASTER,	/* "Master" or "Primary" */
	JUNOS_PRIORITY_BACKUP,
	JUNOS_PRIORITY_DISABLED,
};

struct junos_re_slot {
	int slot;			/* from "Slot N:" */
	enum junos_re_role role;
	enum junos_priority election_priority;
	bool election_priority_default;	/* "Master (default)" */
	long long uptime_s;		/* -1 when absent (Present slots) */
	char start_time[JUNOS_NAME_MAX];	/* "2020-07-16 13:36:25 EST" */
	char last_reboot_reason[JUNOS_TEXT_MAX];
	char model[JUNOS_NAME_MAX];	/* "RE-S-1800x4" */
};

struct junos_routing_engine {
	size_t nslots;			/* >= 1 after success, in output order */
	struct junos_re_slot slot[JUNOS_RE_SLOTS_MAX];
};

int junos_parse_routing_engine(const char *text, size_t len,
    struct junos_routing_engine *out, char *err, size_t errlen);

const struct junos_re_slot *junos_routing_engine_slot(
    const struct junos_routing_engine *, int slot);

/* "unknown", "master", "backup", "disabled", "present". */
const char *junos_re_role_name(enum junos_re_role);
/* "none", "master", "backup", "disabled". */
const char *junos_priority_name(enum junos_priority);

/* ---- show system switchover (a backup-RE command) ------------------------ */

struct junos_switchover {
	bool graceful_switchover;	/* "Graceful switchover: On" */
	char configuration_database[JUNOS_NAME_MAX];	/* "Ready", "" absent */
	char kernel_database[JUNOS_NAME_MAX];
	char peer_state[JUNOS_NAME_MAX];	/* 12.3: "Steady State" */
	char switchover_status[JUNOS_NAME_MAX];	/* 17.3: "Ready" */
	bool ready;			/* GRES on, both databases Ready, and
					   peer Steady State or status Ready */
	char reason[JUNOS_TEXT_MAX];	/* why not ready; "" when ready */
};

int junos_parse_switchover(const char *text, size_t len,
    struct junos_switchover *out, char *err, size_t errlen);

/* ---- show task replication ----------------------------------------------- */

struct junos_replication_protocol {
	char name[JUNOS_NAME_MAX];	/* "OSPF" */
	char status[JUNOS_NAME_MAX];	/* "Complete" */
};

struct junos_task_replication {
	bool stateful_replication;	/* "Enabled" */
	char re_mode[JUNOS_NAME_MAX];	/* "Master", "Backup"; "" absent */
	size_t nprotocols;
	struct junos_replication_protocol protocol[JUNOS_PROTOCOLS_MAX];
	enum junos_tristate complete;	/* TRUE: enabled and every protocol
					   Complete; FALSE: disabled or one is
					   not; UNKNOWN: no protocol listed (a
					   backup lists none) */
};

int junos_parse_task_replication(const char *text, size_t len,
    struct junos_task_replication *out, char *err, size_t errlen);

/* ---- show configuration | display set ------------------------------------ */

/*
 * Statements count when a `set` line states them and no `deactivate` line
 * covers them (deactivating a parent covers its children).  Configuration
 * groups are not expanded, except the per-RE host names of `groups re0` /
 * `groups re1`; read `| display inheritance | display set` to see statements
 * that reach the main hierarchy through apply-groups.
 */
struct junos_config_facts {
	bool gres;			/* chassis redundancy graceful-switchover */
	bool nsr;			/* routing-options nonstop-routing */
	bool commit_synchronize;	/* system commit synchronize */
	bool no_tcp_reset_drop_all_tcp;	/* system internet-options
					   no-tcp-reset drop-all-tcp */
	char hostname[JUNOS_NAME_MAX];	/* system host-name; "" absent */
	char hostname_re0[JUNOS_NAME_MAX];	/* groups re0 system host-name */
	char hostname_re1[JUNOS_NAME_MAX];
	size_t nstatements;		/* set lines read */
};

int junos_parse_config_set(const char *text, size_t len,
    struct junos_config_facts *out, char *err, size_t errlen);

/* ---- file list [detail] -------------------------------------------------- */

struct junos_file_list {
	char directory[JUNOS_PATH_MAX];	/* "/var/tmp/" from the header; "" */
	size_t nentries;		/* entries listed */
	long long total_files;		/* "total files: N"; -1 absent */
	bool not_found;			/* "...: No such file or directory" */
	bool present;			/* `name` is listed */
	long long size;			/* its size in bytes; -1 when absent or
					   the listing has no sizes (no detail) */
};

/*
 * `name` is the file looked for: a bare name ("x.tgz") matches an entry of
 * that name, a path ("/var/tmp/x.tgz") also matches a detail line for it;
 * NULL only reads the listing.
 */
int junos_parse_file_list(const char *text, size_t len, const char *name,
    struct junos_file_list *out, char *err, size_t errlen);

/* ---- file checksum (md5 | sha1 | sha-256) -------------------------------- */

enum junos_digest {
	JUNOS_DIGEST_MD5,
	JUNOS_DIGEST_SHA1,
	JUNOS_DIGEST_SHA256,
};

struct junos_checksum {
	enum junos_digest algorithm;
	char path[JUNOS_PATH_MAX];
	char digest[JUNOS_DIGEST_MAX];	/* lower-case hex, checked length */
};

int junos_parse_checksum(const char *text, size_t len,
    struct junos_checksum *out, char *err, size_t errlen);

/* ---- show system storage ------------------------------------------------- */

/* Sizes are df's human figures (27G, 535M, 1.0K, 0B) in bytes: rounded the
 * way df rounded them, so only as exact as the text. */
struct junos_filesystem {
	char name[JUNOS_PATH_MAX];	/* "/dev/gpt/var" */
	char mount[JUNOS_PATH_MAX];	/* "/.mount/var" */
	long long size, used, avail;	/* avail may be negative (df) */
	int capacity;			/* percent */
};

struct junos_storage {
	size_t nfilesystems;
	struct junos_filesystem fs[JUNOS_FILESYSTEMS_MAX];
	int var_index;			/* the filesystem mounted on /var, else
					   on /.mount/var (FreeBSD 11 layout);
					   -1 when neither is listed */
	long long var_free_bytes;	/* its avail; -1 when var_index < 0 */
};

int junos_parse_storage(const char *text, size_t len,
    struct junos_storage *out, char *err, size_t errlen);

/* ---- show chassis alarms / show system alarms ---------------------------- */

enum junos_alarm_class {
	JUNOS_ALARM_MAJOR,
	JUNOS_ALARM_MINOR,
};

struct junos_alarm {
	char time[JUNOS_NAME_MAX];	/* "2020-12-22 14:48:15 EST" */
	enum junos_alarm_class class;
	char description[JUNOS_TEXT_MAX];
};

struct junos_alarms {
	size_t count;			/* "N alarms currently active"; the rows
					   listed must number the same */
	size_t nalarms;			/* rows kept: min(count, ALARMS_MAX) */
	struct junos_alarm alarm[JUNOS_ALARMS_MAX];
};

int junos_parse_alarms(const char *text, size_t len,
    struct junos_alarms *out, char *err, size_t errlen);

/* "Major", "Minor". */
const char *junos_alarm_class_name(enum junos_alarm_class);

#endif
