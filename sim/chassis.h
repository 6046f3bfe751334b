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
	bool up;			/* false while rebooting (issue 4) */
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
