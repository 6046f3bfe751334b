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
 * /`{master:0}`/`{master}[edit]` banner lines, the `user@host> command` echo
 * (also `user@host# command` and `root> command`; and a bare echoed command
 * or an `[edit]` line before the output), `set cli timestamp` lines
 * (`Dec 16 01:33:44`),
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

/* ---- show chassis in-service-upgrade ------------------------------------- */

#define JUNOS_ISSU_ITEMS_MAX	128	/* MX2020: 20 FPCs with their PICs */

/*
 * The FRU table chassisd prints for the last unified ISSU (Juniper's
 * documentation; the header and an "Online (ISSU)" row are also in the 12.3
 * ISSU capture):
 *     Item           Status                  Reason
 *     FPC 0          Online (ISSU)
 *     FPC 3          Offline                 Offlined by CLI command
 */
struct junos_issu_item {
	char name[16];			/* "FPC 0", "PIC 1" */
	char status[JUNOS_NAME_MAX];	/* "Online", "Online (ISSU)", "Offline" */
	char reason[JUNOS_TEXT_MAX];	/* "" when the row gives none */
};

struct junos_issu_status {
	enum junos_tristate in_progress;	/* TRUE: an item's status says
						   "(ISSU)"; FALSE: items are
						   listed and none does (an
						   idle chassis); UNKNOWN: the
						   table lists no item */
	size_t nitems;			/* in output order */
	struct junos_issu_item item[JUNOS_ISSU_ITEMS_MAX];
};

int junos_parse_issu_status(const char *text, size_t len,
    struct junos_issu_status *out, char *err, size_t errlen);

/* ---- request system software in-service-upgrade: its lines --------------- */

/*
 * What one line of the ISSU command's output says, in the order a run
 * prints them (10.3R2 fragments and the complete 12.3R8.7 -> 13.3R6.5 run).
 * Several wordings can mean one milestone: "Rebooting Backup RE" and
 * "Rebooting re1"; "Initiating Chassis In-Service-Upgrade" and "Chassis ISSU
 * Started"; "Complete. The other routing engine becomes the master." and
 * "ISSU: RE switchover Done".
 */
enum junos_issu_milestone {
	JUNOS_ISSU_NONE,		/* any other line */
	JUNOS_ISSU_CHECK_DONE,		/* Chassis ISSU Check Done */
	JUNOS_ISSU_VALIDATING,		/* ISSU: Validating Image */
	JUNOS_ISSU_PREPARING_BACKUP,	/* ISSU: Preparing Backup RE */
	JUNOS_ISSU_BACKUP_UPGRADED,	/* Backup upgrade done */
	JUNOS_ISSU_BACKUP_REBOOTING,	/* Rebooting Backup RE, Rebooting reN */
	JUNOS_ISSU_BACKUP_PREPARE_DONE,	/* ISSU: Backup RE Prepare Done */
	JUNOS_ISSU_WAITING_BACKUP,	/* Waiting for Backup RE reboot */
	JUNOS_ISSU_GRES_OPERATIONAL,	/* GRES operational */
	JUNOS_ISSU_CHASSIS_ISSU_STARTED,	/* Initiating Chassis
						   In-Service-Upgrade, Chassis
						   ISSU Started */
	JUNOS_ISSU_DAEMONS_PREPARING,	/* ISSU: Preparing Daemons */
	JUNOS_ISSU_DAEMONS_READY,	/* ISSU: Daemons Ready for ISSU */
	JUNOS_ISSU_FRUS_UPGRADING,	/* ISSU: Starting Upgrade for FRUs */
	JUNOS_ISSU_PREPARING_SWITCHOVER,	/* ISSU: Preparing for Switchover */
	JUNOS_ISSU_SWITCHOVER_DONE,	/* Complete. The other routing engine
					   becomes the master., ISSU: RE
					   switchover Done */
	JUNOS_ISSU_ISSU_COMPLETE,	/* ISSU complete, other RE is master RE */
	JUNOS_ISSU_OLD_MASTER_UPGRADING,	/* ISSU: Upgrading Old Master RE */
	JUNOS_ISSU_OLD_MASTER_UPGRADED,	/* ISSU: Old Master Upgrade Done */
	JUNOS_ISSU_IDLE,		/* ISSU: IDLE (the run is over) */
	JUNOS_ISSU_ERROR,		/* "error: ...", "mgd: error: ...", or a
					   line with the word failed/Failed or
					   aborted/Aborted */
};

/*
 * One line of the output (`len` bytes, no NUL needed, a trailing CR/LF
 * ignored).  Tolerated around the words: the "[May 27 14:19:46]:" stamp of
 * 12.1 on (with or without a space after it), stray double quotes around the
 * line (a published capture has them), leading and trailing blanks.  A
 * `set cli timestamp` line, the echo, banners and the continue question are
 * ordinary lines (NONE); the question is junos_question_classify's.
 *
 * `detail` (caller's, may be NULL) receives the line without stamp, quotes
 * and blanks for every result but NONE (then ""), for display: bytes that are
 * not printable are replaced by '?', and a line longer than detaillen - 1 is
 * cut there (the result never depends on it).
 */
enum junos_issu_milestone junos_issu_classify(const char *line, size_t len,
    char *detail, size_t detaillen);

/* "none", "check_done", "validating", ..., "idle", "error". */
const char *junos_issu_milestone_name(enum junos_issu_milestone);

/* ---- questions the CLI asks ---------------------------------------------- */

enum junos_question {
	JUNOS_QUESTION_NONE,		/* not a question waiting for an answer */
	JUNOS_QUESTION_ISSU_CONTINUE,	/* Do you want to continue with these
					   actions being taken ? [yes,no] (no) */
	JUNOS_QUESTION_REBOOT,		/* Reboot the system ? [yes,no] (no) */
	JUNOS_QUESTION_MASTER_SWITCH,	/* Toggle mastership between routing
					   engines ? [yes,no] (no) */
	JUNOS_QUESTION_HALT,		/* Halt the system ? [yes,no] (no) */
	JUNOS_QUESTION_POWER_OFF,	/* Power Off the system ? [yes,no] (no) */
	JUNOS_QUESTION_OTHER_YES_NO,	/* any other "...? [yes,no] (no)" or
					   "(yes)" question */
};

/*
 * The text the CLI left on the last, unterminated line: a question is
 * exactly its wording (blanks, CR and LF at either end ignored).  An answer or a timestamp after it ("(no) yes") means it
 * was answered: NONE.  Text on another line before it is NONE too: pass the
 * last line only.
 */
enum junos_question junos_question_classify(const char *text, size_t len);

/* "none", "issu_continue", "reboot", "master_switch", "halt", "power_off",
 * "other_yes_no". */
const char *junos_question_name(enum junos_question);

/*
 * Is this a master-only command's refusal on a backup RE ("error: Aborted!
 * This command can only be used on the master routing engine.", or the
 * same without "error: ")?  It must be the only thing said: blank lines
 * around it are allowed, nothing else.  An RE read as master that answers
 * so has just lost mastership (an ISSU's switchover).
 */
bool junos_is_master_only_refusal(const char *text, size_t len);

/* ---- request chassis routing-engine master switch [check] ---------------- */

enum junos_switch_result {
	JUNOS_SWITCH_UNKNOWN,	/* the output does not say (answered no, not
				   answered, or cut after the answer) */
	JUNOS_SWITCH_DONE,	/* "Complete. The other routing engine becomes
				   the master." */
	JUNOS_SWITCH_NOT_READY,	/* "Command aborted. Not ready for mastership
				   switch, try after N secs." */
	JUNOS_SWITCH_REFUSED,	/* an "error:" line, or a "warning:" after the
				   answer without the Complete line */
};

struct junos_master_switch {
	enum junos_switch_result result;
	int retry_after_s;		/* NOT_READY: the N; else -1 */
	char message[JUNOS_TEXT_MAX];	/* the line that gives the result; for
					   UNKNOWN, why the output says none */
	char warning[JUNOS_TEXT_MAX];	/* a "warning:" before the question
					   ("Traffic will be interrupted while
					   the PFE is re-initialized" without
					   GRES); "" when none */
};

/*
 * The whole exchange as a terminal shows it: the optional warning, the
 * question with the answer typed after it ("(no) yes", and a timestamp
 * there), "Resolving mastership...", the result.  Contradicting results
 * (Complete and an error) are an error.
 */
int junos_parse_master_switch(const char *text, size_t len,
    struct junos_master_switch *out, char *err, size_t errlen);

struct junos_switch_check {
	enum junos_tristate ready;	/* TRUE: "Switchover Ready"; FALSE: a
					   not-ready answer; UNKNOWN: an error
					   that is not about readiness (run on
					   the backup, ...) */
	int retry_after_s;		/* "try after N secs."; else -1 */
	char reason[JUNOS_TEXT_MAX];	/* the line that says why not; "" when
					   ready */
};

int junos_parse_master_switch_check(const char *text, size_t len,
    struct junos_switch_check *out, char *err, size_t errlen);

/* "unknown", "done", "not_ready", "refused". */
const char *junos_switch_result_name(enum junos_switch_result);

/* ---- commit, commit check, commit synchronize (configuration mode) ------- */

#define JUNOS_LINE_MAX		512	/* any line a parser accepts */
#define JUNOS_COMMIT_ERRORS_MAX	8

struct junos_commit {
	bool complete;			/* "commit complete" from the RE the
					   command ran on: without re0:/re1:
					   sections the only one, with them the
					   first section's RE (it checks first
					   and commits last) */
	bool synchronized;		/* complete, and "commit complete" from
					   another RE's section too */
	bool check_succeeds;		/* no error was read, and every RE's
					   section (or the output, without
					   sections) says "configuration check
					   succeeds" or "commit complete" */
	size_t nerrors;			/* "error: ..." lines read */
	char error[JUNOS_COMMIT_ERRORS_MAX][JUNOS_LINE_MAX];	/* the first
					   ones, verbatim */
	size_t nwarnings;		/* "warning: ..." lines read */
};

int junos_parse_commit(const char *text, size_t len, struct junos_commit *out,
    char *err, size_t errlen);

/* ---- show system users --------------------------------------------------- */

#define JUNOS_USERS_MAX		64

/* FreeBSD w(1): " 5:29PM  up 41 days,  2:34, 2 users, load averages: ..."
 * then "USER TTY FROM LOGIN@ IDLE WHAT" and one row per login. */
struct junos_user {
	char user[JUNOS_NAME_MAX];	/* "netops" */
	char tty[16];			/* "p0", "d0" */
	char from[JUNOS_NAME_MAX];	/* host or address; "-" for none */
	char login[16];			/* "7:30PM", "Fri05PM", "23Nov10" */
	char idle[16];			/* "-", "5", "4days", "1:02" */
	char what[JUNOS_TEXT_MAX];	/* "-cli (cli)" */
};

struct junos_users {
	char time[16];			/* "5:29PM" */
	char uptime[JUNOS_NAME_MAX];	/* "41 days,  2:34" as printed */
	size_t count;			/* "N users" of the header; not checked
					   against the rows (sessions without
					   a terminal may count) */
	size_t nusers;			/* rows, in output order */
	struct junos_user user[JUNOS_USERS_MAX];
};

int junos_parse_users(const char *text, size_t len, struct junos_users *out,
    char *err, size_t errlen);

/* ---- the CLI prompt ------------------------------------------------------ */

enum junos_cli_mode {
	JUNOS_CLI_OPERATIONAL,		/* "user@host> " */
	JUNOS_CLI_CONFIGURATION,	/* "user@host# " */
};

struct junos_prompt {
	char user[JUNOS_NAME_MAX];
	char host[JUNOS_NAME_MAX];	/* "" for "root> " (no host-name
					   configured, as in the EX captures) */
	enum junos_cli_mode mode;
};

/*
 * 0 when `text` (leading CR, trailing blanks and CR/LF ignored) is exactly an
 * interactive prompt, nothing typed after it; -1 otherwise: a banner
 * ({master}, {master}[edit]), a shell prompt (root@%), a prompt with a
 * command after it, a question.
 */
int junos_prompt_parse(const char *text, size_t len, struct junos_prompt *out);

#endif
