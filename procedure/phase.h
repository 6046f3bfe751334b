/*
 * phase.h - where a chassis stands in an ISSU, worked out from what its two
 * routing engines say, so that a console started (or restarted) at any
 * moment carries on at the right step.
 *
 * Pure.  The rules (DESIGN.md "The procedure can start from any point"):
 *   both on the old release            -> prerequisites to check (ready or
 *                                         missing is the checks' verdict)
 *   an ISSU running (show chassis in-service-upgrade lists FRUs in ISSU, or
 *   the other slot is Present while both REs ran the old release)
 *                                      -> upgrading
 *   master on the target, backup on an older release
 *                                      -> old-master reboot pending
 *   both on the target, the master is the RE whose election priority is
 *   backup                             -> switch-back pending
 *   both on the target, the default master is master -> done
 *   both on one release that is not the target, or on two releases both
 *   older than it                      -> not started (the checks then
 *                                         refuse mixed releases and a
 *                                         target that is not newer)
 * Anything else (a backup newer than its master, a master on the target
 * with a backup newer or unreadable, a role not read) is unknown: the
 * console says what it read and decides nothing.
 */
#ifndef PROCEDURE_PHASE_H
#define PROCEDURE_PHASE_H

#include <stddef.h>

#include "procedure/facts.h"
#include "procedure/junos.h"

enum issu_phase {
	ISSU_PHASE_UNKNOWN,
	ISSU_PHASE_NOT_STARTED,		/* both on the old release; checks
					   decide missing vs ready */
	ISSU_PHASE_PREREQ_MISSING,
	ISSU_PHASE_READY,
	ISSU_PHASE_UPGRADING,
	ISSU_PHASE_OLD_MASTER_REBOOT_PENDING,
	ISSU_PHASE_SWITCH_BACK_PENDING,
	ISSU_PHASE_DONE,
};

/* "prerequisites-missing", "ready", "upgrading", ... (status --json). */
const char *issu_phase_name(enum issu_phase);

/* What the derivation found, beyond the phase. */
struct issu_phase_view {
	enum issu_phase phase;
	int master;		/* slot that is master now; -1 unknown */
	int backup;		/* the other slot when it is backup; -1 */
	int default_master;	/* slot whose election priority is master
				   (re0 when neither says: Junos' default);
				   -1 when unknown */
	char reason[256];	/* one line: why this phase (or why unknown) */
};

/*
 * f[0], f[1]: the facts of re0 and re1 (an RE not reached has have == 0).
 * target: the release of the package; NULL when unknown (then only
 * "upgrading" and "unknown" can be told).
 */
void issu_phase_derive(const struct issu_re_facts f[2],
    const struct junos_release *target, struct issu_phase_view *out);

#endif
