/*
 * issu.c - the in-service software upgrade on the simulated chassis (see
 * issu.h).
 *
 * The timeline below is the seed's MX480 run: the lines are those of the
 * 10.3R2 capture (frag1-3) and of the complete 12.3R8.7 -> 13.3R6.5 run in
 * shared/reference/junos/request_system_software_in_service_upgrade/; the
 * delays follow the 12.3 run's timestamps (about 9 minutes validating, 6
 * upgrading the backup, 13 waiting for its reboot, 5 to the switchover, 4
 * upgrading the old master: about 40 minutes at --speed 1).  Releases from
 * 12.1 on stamp lines with "[Mon DD HH:MM:SS]:" and ask before they change
 * anything; 10.x does neither.  No public capture shows an ISSU failure or
 * abort: those texts follow Juniper's documented behaviour and say so.
 */
#include "sim/issu.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/buf.h"
#include "sim/chassis.h"
#include "sim/config_db.h"
#include "sim/event_log.h"
#include "sim/fatal.h"
#include "sim/fault.h"
#include "sim/render.h"

enum sim_issu_act {
	ISSU_PRINT,
	ISSU_VALIDATE,		/* the validation lines, spread over its time */
	ISSU_ASK,		/* 12.1 on: continue? */
	ISSU_INSTALL_BACKUP,	/* the backup holds the new release, pending */
	ISSU_REBOOT_BACKUP,
	ISSU_CUT_MASTER,	/* fault drop-during-upgrade */
	ISSU_WAIT_BACKUP,	/* until the backup is back and in sync */
	ISSU_SWITCHOVER,
	ISSU_INSTALL_OLD_MASTER,
	ISSU_FINISH,		/* the command returns to the prompt */
	ISSU_REBOOT_OLD_MASTER,	/* `reboot` option */
};

/* Row flags. */
enum {
	ROW_STAMP = 1 << 0,	/* "[Mon DD HH:MM:SS]:" from 12.1 on */
	ROW_MILESTONE = 1 << 1,	/* logged as an `issu` event */
	ROW_ERA12 = 1 << 2,	/* only releases that ask (12.1 on) */
	ROW_OLD_UPGRADE = 1 << 3, /* not with no-old-master-upgrade */
	ROW_REBOOT = 1 << 4,	/* only with the reboot option */
};

struct sim_issu_row {
	double delay;		/* simulated seconds after the previous row */
	enum sim_issu_act act;
	unsigned flags;
	const char *text;	/* {pkg} {pkgname} {jinstall} {target} {old}
				   {ntrain} {backup} {user} {host} {pid} */
};

static const struct sim_issu_row sim_issu_timeline[] = {
	{ 0, ISSU_PRINT, 0, "Chassis ISSU Check Done" },
	{ 1, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: Validating Image" },
	{ 2, ISSU_VALIDATE, ROW_MILESTONE, "Validation succeeded" },
	{ 1, ISSU_ASK, ROW_ERA12,
	  "Do you want to continue with these actions being taken ? [yes,no] (no) " },
	{ 1, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: Preparing Backup RE" },
	{ 1, ISSU_PRINT, ROW_STAMP, "Pushing bundle to re{backup}" },
	{ 5, ISSU_PRINT, 0, "Installing package '{pkg}' ..." },
	{ 330, ISSU_PRINT, 0, "Saving package file in /var/sw/pkg/{pkgname} ..." },
	{ 30, ISSU_PRINT, 0, "Saving state for rollback ..." },
	{ 35, ISSU_INSTALL_BACKUP, ROW_STAMP | ROW_MILESTONE, "Backup upgrade done" },
	{ 0, ISSU_PRINT, ROW_STAMP, "Rebooting Backup RE" },
	{ 0, ISSU_PRINT, 0, "" },
	{ 1, ISSU_REBOOT_BACKUP, ROW_MILESTONE, "Rebooting re{backup}" },
	{ 1, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: Backup RE Prepare Done" },
	{ 0, ISSU_PRINT, ROW_STAMP, "Waiting for Backup RE reboot" },
	{ 60, ISSU_CUT_MASTER, 0, NULL },
	{ 0, ISSU_WAIT_BACKUP, 0, NULL },
	{ 0, ISSU_PRINT, 0, "" },
	{ 0, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "GRES operational" },
	{ 60, ISSU_PRINT, ROW_STAMP, "Initiating Chassis In-Service-Upgrade" },
	{ 1, ISSU_PRINT, ROW_MILESTONE, "Chassis ISSU Started" },
	{ 20, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: Preparing Daemons" },
	{ 40, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: Daemons Ready for ISSU" },
	{ 10, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: Starting Upgrade for FRUs" },
	{ 120, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: Preparing for Switchover" },
	{ 45, ISSU_PRINT, ROW_STAMP, "Checking In-Service-Upgrade status" },
	{ 0, ISSU_PRINT, 0, "  Item           Status                  Reason" },
	{ 0, ISSU_PRINT, 0, "  FPC 0          Online (ISSU)" },
	{ 0, ISSU_PRINT, 0, "  FPC 1          Online (ISSU)" },
	{ 1, ISSU_PRINT, 0, "Resolving mastership..." },
	{ 1, ISSU_SWITCHOVER, ROW_MILESTONE,
	  "Complete. The other routing engine becomes the master." },
	{ 0, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: RE switchover Done" },
	{ 0, ISSU_PRINT, ROW_STAMP, "ISSU complete, other RE is master RE" },
	{ 0, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE | ROW_OLD_UPGRADE,
	  "ISSU: Upgrading Old Master RE" },
	{ 2, ISSU_PRINT, ROW_OLD_UPGRADE, "Installing package '{pkg}' ..." },
	{ 3, ISSU_PRINT, ROW_OLD_UPGRADE,
	  "Verified {jinstall} signed by PackageProduction_{ntrain}" },
	{ 5, ISSU_PRINT, ROW_OLD_UPGRADE, "Adding jinstall..." },
	{ 240, ISSU_INSTALL_OLD_MASTER, ROW_STAMP | ROW_MILESTONE | ROW_OLD_UPGRADE,
	  "ISSU: Old Master Upgrade Done" },
	{ 0, ISSU_PRINT, ROW_STAMP | ROW_MILESTONE, "ISSU: IDLE" },
	{ 0, ISSU_PRINT, ROW_REBOOT, "Shutdown NOW!" },
	{ 0, ISSU_PRINT, ROW_REBOOT | ROW_OLD_UPGRADE,
	  "Reboot consistency check bypassed - jinstall {target} will complete "
	  "installation upon reboot" },
	{ 0, ISSU_PRINT, ROW_REBOOT, "[pid {pid}]" },
	{ 0, ISSU_PRINT, ROW_REBOOT, "" },
	{ 0, ISSU_PRINT, ROW_REBOOT,
	  "*** FINAL System shutdown message from {user}@{host} ***" },
	{ 0, ISSU_PRINT, ROW_REBOOT, "" },
	{ 0, ISSU_PRINT, ROW_REBOOT, "System going down IMMEDIATELY" },
	{ 0, ISSU_PRINT, ROW_REBOOT, "" },
	{ 0, ISSU_FINISH, 0, NULL },
	{ 0, ISSU_REBOOT_OLD_MASTER, ROW_REBOOT, NULL },
};

#define SIM_ISSU_NROWS (sizeof sim_issu_timeline / sizeof sim_issu_timeline[0])

/* How long validation takes (the 12.3 run: 14:19:46 -> 14:28:36). */
#define SIM_ISSU_VALIDATE_TIME 525.0
/* The backup's databases take this long to sync after it boots. */
#define SIM_ISSU_GRES_SYNC 180.0
/* Junos gives up on a backup that does not return (not from a capture).
 * Longer than a slow backup's reboot with an install (5 x 600 s, fault
 * slow-backup) plus its GRES sync: only one that never returns times out. */
#define SIM_ISSU_BACKUP_TIMEOUT 3600.0

struct sim_issu {
	bool running;		/* the command's timeline is under way */
	bool finished;		/* the command returned (status valid) */
	bool asking;
	int status;
	size_t row;		/* next row */
	double next_at;		/* when it fires; INFINITY while asking */
	double wait_since;	/* ISSU_WAIT_BACKUP started */
	double backup_down_at;	/* when "Rebooting reN" asked for the reboot */
	int master, backup;	/* slots at the start */
	int session_id;		/* who reads the output; 0 = nobody */
	bool opt_reboot, opt_no_old_master_upgrade;
	bool stamps;		/* 12.1 on: "[Mon DD HH:MM:SS]:" */
	char pkg[256];		/* /var/tmp/NAME */
	char pkgname[200];
	char jinstall[200];	/* NAME without "-signed" */
	char target[32], old[32], ntrain[16];
	char user[32], host[80];
	int pid;
	struct sim_buf validation;	/* lines still to print */
	struct sim_buf out;		/* printed, not yet taken */
};

struct sim_issu *
sim_issu_new(void)
{
	struct sim_issu *issu = sim_xcalloc(1, sizeof *issu);

	issu->next_at = INFINITY;
	return issu;
}

void
sim_issu_free(struct sim_issu *issu)
{
	if (issu == NULL)
		return;
	sim_buf_free(&issu->validation);
	sim_buf_free(&issu->out);
	free(issu);
}

/* Output to a detached session is dropped, so memory stays bounded. */
static void
sim_issu_print(struct sim_issu *issu, const char *text)
{
	if (issu->session_id != 0)
		sim_buf_puts(&issu->out, text);
}

static void
sim_issu_expand(const struct sim_issu *issu, const char *text,
    struct sim_buf *b)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "{pkg}", offsetof(struct sim_issu, pkg) },
		{ "{pkgname}", offsetof(struct sim_issu, pkgname) },
		{ "{jinstall}", offsetof(struct sim_issu, jinstall) },
		{ "{target}", offsetof(struct sim_issu, target) },
		{ "{old}", offsetof(struct sim_issu, old) },
		{ "{ntrain}", offsetof(struct sim_issu, ntrain) },
		{ "{user}", offsetof(struct sim_issu, user) },
		{ "{host}", offsetof(struct sim_issu, host) },
	};
	const char *p = text;

	while (*p != '\0') {
		size_t k, n = strcspn(p, "{");
		bool done = false;

		sim_buf_append(b, p, n);
		p += n;
		if (*p == '\0')
			break;
		for (k = 0; k < sizeof keys / sizeof keys[0] && !done; k++)
			if (strncmp(p, keys[k].key, strlen(keys[k].key)) == 0) {
				sim_buf_puts(b, (const char *)issu + keys[k].off);
				p += strlen(keys[k].key);
				done = true;
			}
		if (!done && strncmp(p, "{backup}", 8) == 0) {
			sim_buf_printf(b, "%d", issu->backup);
			p += 8;
			done = true;
		}
		if (!done && strncmp(p, "{pid}", 5) == 0) {
			sim_buf_printf(b, "%d", issu->pid);
			p += 5;
			done = true;
		}
		if (!done)
			sim_buf_append(b, p++, 1);
	}
}

/* One line of the run, stamped like the running release does it. */
static void
sim_issu_line(struct sim_chassis *ch, const struct sim_issu_row *row,
    double when, const char *text)
{
	struct sim_issu *issu = ch->issu;
	struct sim_buf line = SIM_BUF_INIT, body = SIM_BUF_INIT;

	sim_issu_expand(issu, text, &body);
	if (issu->stamps && (row->flags & ROW_STAMP)) {
		time_t t = (time_t)when;
		char stamp[32];
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(stamp, sizeof stamp, "[%b %d %H:%M:%S]:", &tm);
		/* "[..]:ISSU: Validating Image" but "[..]: GRES operational" */
		sim_buf_printf(&line, "%s%s", stamp,
		    strncmp(text, "ISSU:", 5) == 0 ? "" : " ");
	}
	sim_buf_puts(&line, sim_buf_str(&body));
	if (row->act != ISSU_ASK)
		sim_buf_puts(&line, "\n");
	sim_issu_print(issu, sim_buf_str(&line));
	if (row->flags & ROW_MILESTONE)
		sim_event_log_write(ch->log, issu->master, "issu",
		    "milestone", SIM_EV_STR, sim_buf_str(&body), (const char *)NULL);
	sim_buf_free(&line);
	sim_buf_free(&body);
}

static void
sim_issu_finish(struct sim_chassis *ch, int status, const char *why)
{
	struct sim_issu *issu = ch->issu;

	issu->running = false;
	issu->finished = true;
	issu->asking = false;
	issu->status = status;
	issu->next_at = INFINITY;
	sim_buf_reset(&issu->validation);
	sim_event_log_write(ch->log, issu->master, "issu",
	    "milestone", SIM_EV_STR, status == 0 ? "finished" : "stopped",
	    "why", SIM_EV_STR, why, (const char *)NULL);
	if (issu->session_id == 0)
		issu->finished = false;	/* nobody will take the status */
}

/* Prints the next validation line; true when none is left. */
static bool
sim_issu_validate_step(struct sim_chassis *ch, const struct sim_issu_row *row,
    double when)
{
	struct sim_issu *issu = ch->issu;
	const char *s = sim_buf_str(&issu->validation);
	size_t n = strcspn(s, "\n"), used;
	char *line;

	if (issu->validation.len == 0)
		return true;
	used = n + (s[n] == '\n');

	line = sim_xstrndup(s, n);
	memmove(issu->validation.data, s + used,
	    issu->validation.len - used + 1);
	issu->validation.len -= used;
	if (strcmp(line, row->text) == 0)
		sim_issu_line(ch, row, when, line);
	else {
		struct sim_issu_row plain = { 0, ISSU_PRINT, 0, NULL };

		sim_issu_line(ch, &plain, when, line);
	}
	free(line);
	return issu->validation.len == 0;
}

/* Does the row apply to this run? */
static bool
sim_issu_row_applies(const struct sim_issu *issu, const struct sim_issu_row *r)
{
	if ((r->flags & ROW_ERA12) && !issu->stamps)
		return false;
	if ((r->flags & ROW_OLD_UPGRADE) && issu->opt_no_old_master_upgrade)
		return false;
	if ((r->flags & ROW_REBOOT) && !issu->opt_reboot)
		return false;
	return true;
}

/* Moves to the next applicable row, scheduled after `base`. */
static void
sim_issu_advance(struct sim_issu *issu, double base)
{
	issu->row++;
	while (issu->row < SIM_ISSU_NROWS &&
	    !sim_issu_row_applies(issu, &sim_issu_timeline[issu->row]))
		issu->row++;
	if (issu->row >= SIM_ISSU_NROWS) {
		issu->next_at = INFINITY;
		return;
	}
	issu->next_at = base + sim_issu_timeline[issu->row].delay;
}

/* Not from a capture: Juniper documents that the ISSU stops when the
 * backup does not come back; the wording is ours. */
static void
sim_issu_backup_lost(struct sim_chassis *ch, double when)
{
	static const struct sim_issu_row stamped = { 0, ISSU_PRINT,
		ROW_STAMP | ROW_MILESTONE, NULL };

	sim_issu_line(ch, &stamped, when, "ISSU: Backup RE reboot timed out");
	sim_issu_print(ch->issu,
	    "error: ISSU Aborted! Backup RE did not come back after reboot\n");
	sim_issu_line(ch, &stamped, when, "ISSU: IDLE");
	sim_issu_finish(ch, 1, "backup RE did not return");
}

/* Runs the current row at `when`; false when it must wait. */
static bool
sim_issu_run_row(struct sim_chassis *ch, double when, struct sim_action *act,
    size_t *n, size_t max)
{
	struct sim_issu *issu = ch->issu;
	const struct sim_issu_row *row = &sim_issu_timeline[issu->row];
	struct sim_re *backup = &ch->re[issu->backup];

	switch (row->act) {
	case ISSU_PRINT:
		sim_issu_line(ch, row, when, row->text);
		break;
	case ISSU_VALIDATE:
		if (!sim_issu_validate_step(ch, row, when)) {
			issu->next_at = when + SIM_ISSU_VALIDATE_TIME / 16;
			return false;
		}
		if (sim_chassis_fault(ch, SIM_FAULT_VALIDATE_FAIL)) {
			sim_chassis_fault_fired(ch, SIM_FAULT_VALIDATE_FAIL,
			    issu->master, "validation failed");
			sim_issu_finish(ch, 1, "validation failed");
			return true;
		}
		break;
	case ISSU_ASK:
		sim_issu_line(ch, row, when, row->text);
		issu->asking = true;
		issu->next_at = INFINITY;
		return false;
	case ISSU_INSTALL_BACKUP:
		snprintf(backup->pending_version, sizeof backup->pending_version,
		    "%s", issu->target);
		sim_issu_line(ch, row, when, row->text);
		break;
	case ISSU_REBOOT_BACKUP:
		sim_issu_line(ch, row, when, row->text);
		sim_chassis_reboot(ch, issu->backup, 0);
		issu->backup_down_at = when;
		break;
	case ISSU_CUT_MASTER:
		if (sim_chassis_fault(ch, SIM_FAULT_DROP_DURING_UPGRADE) && *n < max) {
			sim_chassis_fault_fired(ch, SIM_FAULT_DROP_DURING_UPGRADE,
			    issu->master, "the master's SSH sessions were cut");
			act[(*n)++] = (struct sim_action){
				.kind = SIM_ACT_CUT_SESSIONS, .slot = issu->master };
		}
		break;
	case ISSU_WAIT_BACKUP:
		/* Back from the reboot this run asked for, not merely up: a late
		 * tick may reach here before the reboot has even started. */
		if (backup->up && backup->reboot_at == 0 &&
		    (double)backup->boot_time >= issu->backup_down_at &&
		    when >= (double)backup->boot_time + SIM_ISSU_GRES_SYNC)
			break;
		if (when >= issu->wait_since + SIM_ISSU_BACKUP_TIMEOUT) {
			sim_issu_backup_lost(ch, when);
			return true;
		}
		/* Wake when it can be ready, or at the time-out. */
		issu->next_at = issu->wait_since + SIM_ISSU_BACKUP_TIMEOUT;
		if (backup->up &&
		    (double)backup->boot_time + SIM_ISSU_GRES_SYNC < issu->next_at)
			issu->next_at = (double)backup->boot_time + SIM_ISSU_GRES_SYNC;
		else if (!backup->up && backup->up_at + SIM_ISSU_GRES_SYNC < issu->next_at)
			issu->next_at = backup->up_at + SIM_ISSU_GRES_SYNC;
		return false;
	case ISSU_SWITCHOVER:
		sim_chassis_switch_mastership(ch, "in-service upgrade");
		sim_issu_line(ch, row, when, row->text);
		break;
	case ISSU_INSTALL_OLD_MASTER:
		snprintf(ch->re[issu->master].pending_version,
		    sizeof ch->re[0].pending_version, "%s", issu->target);
		sim_issu_line(ch, row, when, row->text);
		break;
	case ISSU_FINISH:
		sim_issu_finish(ch, 0, "completed");
		issu->running = true;	/* rows may follow (reboot option) */
		break;
	case ISSU_REBOOT_OLD_MASTER:
		sim_chassis_reboot(ch, issu->master,
		    sim_chassis_shutdown_delay(ch));
		break;
	}
	return true;
}

bool
sim_issu_tick(struct sim_chassis *ch, double now, struct sim_action *act,
    size_t *n, size_t max)
{
	struct sim_issu *issu = ch->issu;
	bool moved = false;
	int guard;

	for (guard = 0; guard < 256 && issu->running && !issu->asking &&
	    issu->row < SIM_ISSU_NROWS && issu->next_at <= now; guard++) {
		double when = issu->next_at;
		size_t row = issu->row;

		if (sim_issu_timeline[row].act == ISSU_WAIT_BACKUP &&
		    issu->wait_since == 0)
			issu->wait_since = when;
		moved = true;
		if (!sim_issu_run_row(ch, when, act, n, max))
			continue;
		if (issu->row != row || !issu->running)
			continue;
		if (sim_issu_timeline[row].act == ISSU_WAIT_BACKUP)
			when = now;
		sim_issu_advance(issu, when);
		if (issu->row >= SIM_ISSU_NROWS)
			issu->running = false;
		/* A reboot is carried out by the chassis: let it happen before
		 * any later row looks at that RE. */
		if (sim_issu_timeline[row].act == ISSU_REBOOT_BACKUP ||
		    sim_issu_timeline[row].act == ISSU_REBOOT_OLD_MASTER)
			break;
	}
	return moved;
}

double
sim_issu_next(const struct sim_chassis *ch)
{
	const struct sim_issu *issu = ch->issu;

	return issu->running && !issu->asking ? issu->next_at : INFINITY;
}

bool
sim_issu_running(const struct sim_chassis *ch)
{
	return ch->issu->running;
}

/* Parses the options after the package; -1 on an unknown word. */
static int
sim_issu_options(struct sim_issu *issu, char **args, size_t nargs)
{
	size_t i;

	for (i = 1; i < nargs; i++) {
		if (strcmp(args[i], "reboot") == 0)
			issu->opt_reboot = true;
		else if (strcmp(args[i], "no-old-master-upgrade") == 0)
			issu->opt_no_old_master_upgrade = true;
		else if (strcmp(args[i], "unlink") != 0 &&
		    strcmp(args[i], "no-copy") != 0)
			return -1;
	}
	return 0;
}

/*
 * What Junos checks before an ISSU, and before `validate
 * in-service-upgrade`.  The refusals are not from a capture: Juniper
 * documents these checks; the wording is ours, in Junos' "error: " form.
 */
int
sim_issu_check(struct sim_chassis *ch, int slot, const char *path,
    char *target, size_t len, struct sim_buf *out)
{
	const struct sim_package *pkg = sim_chassis_package(ch, path);
	int backup = 1 - slot;

	if (pkg == NULL) {
		if (sim_chassis_fault(ch, SIM_FAULT_MISSING_PACKAGE))
			sim_chassis_fault_fired(ch, SIM_FAULT_MISSING_PACKAGE, slot,
			    "the package is not in /var/tmp");
		sim_buf_printf(out, "error: File does not exist: %s\n", path);
		return -1;
	}
	if (!sim_release_from_package(pkg->name, target, len)) {
		sim_buf_printf(out, "error: Cannot determine the release of %s\n",
		    path);
		return -1;
	}
	if (sim_release_compare(target, ch->re[slot].version) <= 0) {
		sim_buf_printf(out, "error: ISSU does not support %s: %s is %s "
		    "the running release %s\n",
		    strcmp(target, ch->re[slot].version) == 0 ? "reinstalling" :
		    "downgrades", target,
		    strcmp(target, ch->re[slot].version) == 0 ? "already" :
		    "older than", ch->re[slot].version);
		return -1;
	}
	if (!ch->re[backup].up) {
		sim_buf_puts(out, "error: Backup RE is not present\n");
		return -1;
	}
	if (strcmp(ch->re[backup].version, ch->re[slot].version) != 0) {
		if (sim_chassis_fault(ch, SIM_FAULT_VERSION_MISMATCH))
			sim_chassis_fault_fired(ch, SIM_FAULT_VERSION_MISMATCH,
			    backup, "the REs run different releases");
		sim_buf_printf(out, "error: Backup RE runs %s, not %s: ISSU needs "
		    "the same release on both Routing Engines\n",
		    ch->re[backup].version, ch->re[slot].version);
		return -1;
	}
	if (!sim_config_has(ch->re[slot].config,
	    "chassis redundancy graceful-switchover")) {
		sim_buf_puts(out, "error: Graceful Routing Engine switchover is "
		    "not configured\n");
		return -1;
	}
	if (!sim_config_has(ch->re[slot].config, "routing-options nonstop-routing")) {
		sim_buf_puts(out, "error: Nonstop active routing is not "
		    "configured\n");
		return -1;
	}
	if (!sim_chassis_backup_ready(ch)) {
		if (sim_chassis_fault(ch, SIM_FAULT_BACKUP_NOT_READY))
			sim_chassis_fault_fired(ch, SIM_FAULT_BACKUP_NOT_READY, backup,
			    "the backup is not ready for switchover");
		sim_buf_puts(out, "error: Backup RE is not ready for switchover\n");
		return -1;
	}
	return 0;
}

int
sim_issu_start(struct sim_chassis *ch, int slot, int session_id,
    const char *user, char **args, size_t nargs, struct sim_buf *out)
{
	struct sim_issu *issu = ch->issu, fresh;
	const struct sim_package *pkg;
	int backup = 1 - slot;
	char target[32];
	char *p;

	if (nargs < 1)
		return -2;
	memset(&fresh, 0, sizeof fresh);
	if (sim_issu_options(&fresh, args, nargs) != 0)
		return -2;
	if (issu->running) {
		/* Not from a capture. */
		sim_buf_puts(out, "error: ISSU is already in progress\n");
		return -1;
	}
	if (sim_issu_check(ch, slot, args[0], target, sizeof target, out) != 0)
		return -1;
	pkg = sim_chassis_package(ch, args[0]);

	sim_buf_free(&issu->validation);
	sim_buf_free(&issu->out);
	*issu = fresh;
	issu->running = true;
	issu->master = slot;
	issu->backup = backup;
	issu->session_id = session_id;
	issu->stamps = sim_release_era(ch->re[slot].version) != SIM_ERA_BASE_OS;
	snprintf(issu->pkg, sizeof issu->pkg, "/var/tmp/%s", pkg->name);
	snprintf(issu->pkgname, sizeof issu->pkgname, "%s", pkg->name);
	sim_package_jinstall(pkg->name, issu->jinstall, sizeof issu->jinstall);
	snprintf(issu->target, sizeof issu->target, "%s", target);
	snprintf(issu->old, sizeof issu->old, "%s", ch->re[slot].version);
	sim_release_train(target, issu->ntrain, sizeof issu->ntrain);
	snprintf(issu->user, sizeof issu->user, "%s", user);
	snprintf(issu->host, sizeof issu->host, "%s", ch->re[slot].hostname);
	issu->pid = 30000 + (int)(sim_chassis_now(ch) % 30000);

	/* The validation prints what `validate in-service-upgrade` does. */
	sim_render_validate_issu(&issu->validation, ch, slot, issu->pkg);
	if ((p = strstr(issu->validation.data, "Chassis ISSU Check Done\n")) != NULL) {
		size_t skip = strlen("Chassis ISSU Check Done\n");

		memmove(p, p + skip, issu->validation.len - (size_t)(p -
		    issu->validation.data) - skip + 1);
		issu->validation.len -= skip;
	}
	issu->row = 0;
	issu->next_at = sim_chassis_clock(ch);
	sim_event_log_write(ch->log, slot, "issu",
	    "milestone", SIM_EV_STR, "started",
	    "package", SIM_EV_STR, issu->pkg,
	    "target", SIM_EV_STR, issu->target,
	    "session", SIM_EV_INT, (long long)session_id, (const char *)NULL);
	sim_chassis_wake(ch);
	return 0;
}

enum sim_issu_state
sim_issu_take(struct sim_chassis *ch, int session_id, struct sim_buf *out,
    int *status)
{
	struct sim_issu *issu = ch->issu;

	if (issu->session_id != session_id || session_id == 0) {
		*status = 1;
		return SIM_ISSU_FINISHED;
	}
	if (issu->out.len > 0) {
		sim_buf_append(out, issu->out.data, issu->out.len);
		sim_buf_reset(&issu->out);
	}
	if (issu->asking)
		return SIM_ISSU_ASKING;
	if (issu->finished) {
		*status = issu->status;
		issu->finished = false;
		issu->session_id = issu->running ? 0 : issu->session_id;
		return SIM_ISSU_FINISHED;
	}
	return SIM_ISSU_RUNNING;
}

void
sim_issu_answer(struct sim_chassis *ch, const char *answer)
{
	struct sim_issu *issu = ch->issu;

	if (!issu->asking)
		return;
	issu->asking = false;
	if (strcmp(answer, "yes") != 0 && strcmp(answer, "y") != 0) {
		/* Junos answers "no" by returning to the prompt, nothing
		 * changed. */
		sim_issu_finish(ch, 1, "operator answered no");
		return;
	}
	sim_issu_advance(issu, sim_chassis_clock(ch));
	sim_chassis_wake(ch);
}

void
sim_issu_detach(struct sim_chassis *ch, int session_id)
{
	struct sim_issu *issu = ch->issu;

	if (issu->session_id != session_id || session_id == 0)
		return;
	issu->session_id = 0;
	sim_buf_free(&issu->out);
	/* A question nobody can answer is answered no, as at EOF. */
	if (issu->asking)
		sim_issu_answer(ch, "");
	issu->finished = false;
}

/*
 * Not from a capture: Juniper documents `request system software abort
 * in-service-upgrade` as stopping an ISSU before the switchover; after it,
 * the upgrade can only be finished.
 */
int
sim_issu_abort(struct sim_chassis *ch, struct sim_buf *out)
{
	struct sim_issu *issu = ch->issu;
	size_t i;

	if (!issu->running) {
		sim_buf_puts(out, "error: No ISSU in progress\n");
		return -1;
	}
	for (i = 0; i < issu->row && i < SIM_ISSU_NROWS; i++)
		if (sim_issu_timeline[i].act == ISSU_INSTALL_BACKUP) {
			sim_buf_puts(out, "error: ISSU cannot be aborted: the "
			    "backup Routing Engine has already been upgraded\n");
			return -1;
		}
	sim_issu_print(issu, "ISSU: aborted by request\n");
	sim_issu_finish(ch, 1, "aborted");
	ch->re[issu->backup].pending_version[0] = '\0';
	sim_buf_puts(out, "ISSU: Aborting ISSU\n");
	return 0;
}
