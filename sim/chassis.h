/*
 * chassis.h - the simulated dual-RE chassis: the one state both routing
 * engines answer from.
 *
 * Every session thread reads and changes it under `mu`; renderers and the
 * command table get a pointer to it with the lock held and must not keep
 * pointers into it after the lock is released.  Times shown to users come from
 * the simulated clock (sim_chassis_now), which runs `speed` times faster than
 * the wall clock so that uptimes and hold-downs move with --speed.
 */
#ifndef SIM_CHASSIS_H
#define SIM_CHASSIS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct sim_config;
struct sim_event_log;

enum { SIM_RE_COUNT = 2, SIM_MAX_PACKAGES = 16, SIM_MAX_LOGINS = 128 };

enum sim_role {
	SIM_ROLE_MASTER,
	SIM_ROLE_BACKUP,
};

/* One routing engine. */
struct sim_re {
	int slot;			/* 0 or 1; also the index in chassis.re[] */
	char hostname[80];		/* NAME-reN, also set in groups reN */
	char version[32];		/* running release, e.g. "10.1R1.8" */
	enum sim_role role;
	bool up;			/* false while rebooting: port closed */
	time_t down_since;		/* simulated time up became false;
					   0 = unknown (alarms then use
					   boot_time) */
	time_t boot_time;		/* simulated time of the last boot */
	char last_reboot_reason[96];
	char serial[16];		/* Serial ID in show chassis routing-engine */
	int temperature_c;
	int cpu_temperature_c;
	int memory_util;		/* percent */
	int cpu_idle;			/* percent */
	struct sim_config *config;	/* committed configuration; owned */
	time_t last_commit_time;	/* simulated time */
	char last_commit_user[32];

	/* Reboots and mastership over time (simulated seconds, as doubles so
	 * that --speed 600 keeps sub-second order). */
	char pending_version[32];	/* installed, runs after reboot; "" none */
	double reboot_at;		/* goes down then; 0 = no reboot asked */
	double up_at;			/* back up then, while !up; INFINITY never */
	double holddown_until;		/* master switch refused before this */
	bool password_broken;		/* fault auth-fail-after-reboot fired */
	bool new_host_key;		/* fault hostkey-changed: next boot */
	unsigned broadcast_seq;		/* bumped when `broadcast` changes */
	char broadcast[512];		/* syslog lines for interactive sessions */
};

/* A file in /var/tmp (the same on both REs: the operator copies it there). */
struct sim_package {
	char name[200];			/* file name only, no directory */
	long long size;			/* bytes */
	time_t mtime;			/* simulated time */
	char sha256[65];		/* lower-case hex */
	char md5[33];
};

/* An interactive CLI login, listed by `show system users`. */
struct sim_login {
	bool used;
	int slot;			/* RE logged into */
	int session_id;
	int tty;			/* pN: lowest number free on that RE */
	char user[32];
	char from[64];			/* client address */
	time_t since;			/* simulated time of login */
};

/* What the server must do after a tick (it owns listeners and sockets). */
enum sim_action_kind {
	SIM_ACT_RE_DOWN,	/* close the port, cut every session */
	SIM_ACT_RE_UP,		/* listen again (with a new key if asked) */
	SIM_ACT_CUT_SESSIONS,	/* cut every session, keep listening */
};

struct sim_action {
	enum sim_action_kind kind;
	int slot;
	bool new_host_key;	/* RE_UP: the RE comes back with a new key */
};

enum { SIM_MAX_ACTIONS = 8 };

struct sim_issu;

struct sim_chassis {
	pthread_mutex_t mu;		/* guards every field below */
	char name[64];			/* --hostname; REs are NAME-re0/NAME-re1 */
	char model[16];			/* "mx480" */
	char re_model[32];		/* "RE-S-2000" */
	struct sim_re re[SIM_RE_COUNT];
	struct sim_package packages[SIM_MAX_PACKAGES];
	size_t npackages;
	struct sim_login logins[SIM_MAX_LOGINS];
	double speed;			/* simulated seconds per wall second */
	int initial_master;		/* slot that was master at start */
	unsigned faults;		/* enum sim_fault bits */
	unsigned faults_fired;		/* each logged once */
	struct sim_issu *issu;		/* the in-service upgrade; owned */
	int wake_fd;			/* written to make the server tick now */
	struct timespec wall_start;	/* CLOCK_MONOTONIC at start */
	time_t sim_start;		/* wall clock time at start */
	struct sim_event_log *log;	/* not owned; may be NULL */
};

struct sim_options;

/*
 * Builds the chassis from the command-line options: hostnames, versions,
 * mastership, configuration (with or without GRES, NSR, commit synchronize)
 * and the packages in /var/tmp.  Returns -1 and fills err on bad values.
 */
int sim_chassis_init(struct sim_chassis *ch, const struct sim_options *opt,
    struct sim_event_log *log, char *err, size_t errlen);
void sim_chassis_destroy(struct sim_chassis *ch);

/* The simulated clock: start time plus elapsed wall time times speed. */
time_t sim_chassis_now(const struct sim_chassis *ch);
double sim_chassis_clock(const struct sim_chassis *ch);

/* Simulated seconds for `wall` seconds of real time at this speed. */
double sim_chassis_sim_seconds(const struct sim_chassis *ch, double wall);

/*
 * Advances everything due by now (reboots, returns, the ISSU timeline) and
 * fills `act` with what the server must do, returning how many.  Caller
 * holds mu.
 */
size_t sim_chassis_tick(struct sim_chassis *ch, struct sim_action *act,
    size_t max);

/* Wall seconds until the next scheduled change; -1 when none.  Caller holds
 * mu. */
double sim_chassis_next_wall(const struct sim_chassis *ch);

/* Asks the server to tick soon (after a command scheduled something). */
void sim_chassis_wake(const struct sim_chassis *ch);

/*
 * Schedules a reboot of `slot` after `delay` simulated seconds: it goes down
 * (sessions cut, port closed), comes back after the reboot time on its
 * pending version, and mastership moves if it was master.  Caller holds mu.
 */
void sim_chassis_reboot(struct sim_chassis *ch, int slot, double delay);

/* From "Shutdown NOW!" to the RE going down: long enough for the shutdown
 * lines to reach the client whatever --speed is (2 s, or 0.5 s of wall
 * time when that is longer). */
double sim_chassis_shutdown_delay(const struct sim_chassis *ch);

/* Toggles mastership (GRES switch): roles swap, hold-down starts, the new
 * master's CLI sessions see the syslog lines.  Caller holds mu. */
void sim_chassis_switch_mastership(struct sim_chassis *ch, const char *why);

/* Seconds of hold-down left before a mastership switch is allowed (0 =
 * none), on the chassis as a whole. */
int sim_chassis_holddown_left(const struct sim_chassis *ch);

/* Is the backup ready for a switchover (up, synchronised, no fault)? */
bool sim_chassis_backup_ready(const struct sim_chassis *ch);

/* Logs a `fault` event the first time a fault takes effect. */
void sim_chassis_fault_fired(struct sim_chassis *ch, unsigned fault, int slot,
    const char *what);

/* A fault is active (not necessarily fired yet). */
bool sim_chassis_fault(const struct sim_chassis *ch, unsigned fault);

/* Reboot durations (simulated seconds at --speed 1), data in one table. */
double sim_chassis_reboot_time(const struct sim_chassis *ch, int slot);

/* The hold-down after a reboot or switchover, simulated seconds. */
#define SIM_SWITCH_HOLDDOWN 240.0

/* The master's slot, or -1 when no RE is master. */
int sim_chassis_master(const struct sim_chassis *ch);

/*
 * Records an interactive login and returns its index (tty pN is chosen
 * here), or -1 when the table is full (the login still works, unlisted).
 */
int sim_chassis_login_add(struct sim_chassis *ch, int slot, int session_id,
    const char *user, const char *from);
void sim_chassis_login_remove(struct sim_chassis *ch, int index);

const char *sim_role_name(enum sim_role role);	/* "master" / "backup" */

/* Looks a package up by path ("/var/tmp/NAME" or "NAME"); NULL if absent. */
const struct sim_package *sim_chassis_package(const struct sim_chassis *ch,
    const char *path);

#endif
