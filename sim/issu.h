/*
 * issu.h - `request system software in-service-upgrade` on the simulated
 * chassis: the checks Junos makes before it starts, then a timeline of the
 * real milestone lines during which the backup RE really reboots onto the
 * new release and mastership really moves.
 *
 * The timeline is a const table in issu.c (delay, what is printed, what
 * changes).  It runs inside the chassis, driven by the server's ticks, so an
 * upgrade carries on when the session that started it is cut, as on a real
 * router.  The session only reads what was printed for it.  All functions
 * expect the chassis lock held.
 */
#ifndef SIM_ISSU_H
#define SIM_ISSU_H

#include <stdbool.h>
#include <stddef.h>

struct sim_action;
struct sim_buf;
struct sim_chassis;
struct sim_issu;

struct sim_issu *sim_issu_new(void);
void sim_issu_free(struct sim_issu *issu);	/* accepts NULL */

/*
 * Checks and starts an upgrade from `slot` with the command's arguments
 * (PKG [no-old-master-upgrade] [reboot] [unlink] [no-copy]).  Returns 0 when
 * it started (the session then reads its output with sim_issu_take), -1 when
 * Junos refuses (the reason is in out), -2 for bad arguments.
 */
int sim_issu_start(struct sim_chassis *ch, int slot, int session_id,
    const char *user, char **args, size_t nargs, struct sim_buf *out);

/* The checks Junos makes before an ISSU or its validation: the package,
 * its release (newer than the running one), both REs up on the same
 * release, GRES and NSR configured, the backup ready.  Returns 0 with the
 * target release in `target`, or -1 with the refusal in out. */
int sim_issu_check(struct sim_chassis *ch, int slot, const char *path,
    char *target, size_t len, struct sim_buf *out);

enum sim_issu_state {
	SIM_ISSU_RUNNING,	/* more to come */
	SIM_ISSU_ASKING,	/* the continue question waits for an answer */
	SIM_ISSU_FINISHED,	/* the command is over (status says how) */
};

/* Moves what was printed for session_id into out; returns the state and,
 * when finished, the exit status (0 ok, 1 failed). */
enum sim_issu_state sim_issu_take(struct sim_chassis *ch, int session_id,
    struct sim_buf *out, int *status);

/* The answer to "Do you want to continue ...?": only "yes" goes on. */
void sim_issu_answer(struct sim_chassis *ch, const char *answer);

/* The session that started it is gone: keep upgrading, print to nobody. */
void sim_issu_detach(struct sim_chassis *ch, int session_id);

/* request system software abort in-service-upgrade. Returns 0 or -1. */
int sim_issu_abort(struct sim_chassis *ch, struct sim_buf *out);

/* Is an upgrade in progress (for show chassis in-service-upgrade)? */
bool sim_issu_running(const struct sim_chassis *ch);

/* Runs the rows that are due; adds server actions at act[*n]. Returns true
 * when anything happened. */
bool sim_issu_tick(struct sim_chassis *ch, double now, struct sim_action *act,
    size_t *n, size_t max);

/* Simulated time of the next row, INFINITY when none is scheduled. */
double sim_issu_next(const struct sim_chassis *ch);

#endif
