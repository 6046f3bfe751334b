/*
 * phase.c - where the chassis stands (see phase.h for the rules).
 */
#include "procedure/phase.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const char *
issu_phase_name(enum issu_phase p)
{
	switch (p) {
	case ISSU_PHASE_NOT_STARTED:	return "not-started";
	case ISSU_PHASE_PREREQ_MISSING:	return "prerequisites-missing";
	case ISSU_PHASE_READY:		return "ready";
	case ISSU_PHASE_UPGRADING:	return "upgrading";
	case ISSU_PHASE_OLD_MASTER_REBOOT_PENDING:
		return "old-master-reboot-pending";
	case ISSU_PHASE_SWITCH_BACK_PENDING: return "switch-back-pending";
	case ISSU_PHASE_DONE:		return "done";
	case ISSU_PHASE_UNKNOWN:	break;
	}
	return "unknown";
}

/* The slot whose election priority is master, in the view of `f`;
 * -1 when f lists no priorities. */
static int
phase_priority_master(const struct issu_re_facts *f)
{
	size_t i;
	bool listed = false;

	if (!issu_facts_have(f, ISSU_PROBE_RE))
		return -1;
	for (i = 0; i < f->re.nslots; i++) {
		if (f->re.slot[i].election_priority == JUNOS_PRIORITY_MASTER)
			return f->re.slot[i].slot;
		if (f->re.slot[i].election_priority != JUNOS_PRIORITY_NONE)
			listed = true;
	}
	/* Priorities listed but none is master: no default to go back to. */
	return listed ? -2 : -1;
}

/* -1, 0, 1 as version v is older than, the same as, newer than target;
 * 2 when v is not a release. */
static int
phase_cmp(const char *v, const struct junos_release *target)
{
	struct junos_release r;
	int c;

	if (v == NULL || junos_release_parse(v, &r) != 0)
		return 2;
	c = junos_release_compare(&r, target);
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}

void
issu_phase_derive(const struct issu_re_facts f[2],
    const struct junos_release *target, struct issu_phase_view *out)
{
	enum junos_re_role role[2];
	const char *v[2];
	int i, m, b, pm;

	memset(out, 0, sizeof *out);
	out->phase = ISSU_PHASE_UNKNOWN;
	out->master = out->backup = out->default_master = -1;
	for (i = 0; i < 2; i++) {
		role[i] = issu_facts_role(&f[i], i);
		v[i] = issu_facts_version(&f[i], i);
	}
	if (role[0] == JUNOS_ROLE_MASTER && role[1] == JUNOS_ROLE_MASTER) {
		snprintf(out->reason, sizeof out->reason,
		    "both REs say they are master");
		return;
	}
	m = role[0] == JUNOS_ROLE_MASTER ? 0 :
	    role[1] == JUNOS_ROLE_MASTER ? 1 : -1;
	out->master = m;
	if (m < 0) {
		snprintf(out->reason, sizeof out->reason,
		    "no RE was read as master");
		return;
	}
	b = 1 - m;
	if (role[b] == JUNOS_ROLE_BACKUP)
		out->backup = b;
	pm = phase_priority_master(&f[m]);
	out->default_master = pm == -1 ? 0 : pm;	/* Junos' default: re0 */

	/* An ISSU the master reports, or the other RE down while it runs. */
	if (issu_facts_have(&f[m], ISSU_PROBE_ISSU_STATUS) &&
	    f[m].issu_status.in_progress == JUNOS_TRUE) {
		out->phase = ISSU_PHASE_UPGRADING;
		snprintf(out->reason, sizeof out->reason, "re%d reports an "
		    "in-service upgrade in progress", m);
		return;
	}
	if (target == NULL) {
		snprintf(out->reason, sizeof out->reason, "the target release "
		    "is not known");
		return;
	}
	if (out->backup < 0) {
		const struct junos_re_slot *other =
		    issu_facts_have(&f[m], ISSU_PROBE_RE) ?
		    junos_routing_engine_slot(&f[m].re, b) : NULL;

		if (other != NULL && other->role == JUNOS_ROLE_PRESENT &&
		    phase_cmp(v[m], target) < 0) {
			out->phase = ISSU_PHASE_UPGRADING;
			snprintf(out->reason, sizeof out->reason, "re%d is down "
			    "(Present) while re%d still runs %s", b, m, v[m]);
			return;
		}
		if (other != NULL && other->role == JUNOS_ROLE_PRESENT &&
		    phase_cmp(v[m], target) == 0) {
			/* After the switchover: the old master rebooting
			 * (or down).  Not a phase to act on: read again. */
			snprintf(out->reason, sizeof out->reason, "re%d is down "
			    "(Present) and master re%d runs the target %s: if "
			    "re%d is rebooting, wait for it and read again", b,
			    m, v[m], b);
			return;
		}
		snprintf(out->reason, sizeof out->reason, "re%d was not read "
		    "as backup%s", b, other != NULL && other->role ==
		    JUNOS_ROLE_PRESENT ? ": it is down (Present)" : "");
		return;
	}
	{
		int cm = phase_cmp(v[m], target), cb = phase_cmp(v[b], target);

		if (cm == 2 || cb == 2) {
			snprintf(out->reason, sizeof out->reason, "the release "
			    "of re%d was not read", cm == 2 ? m : b);
			return;
		}
		if (cm < 0 && cb < 0 && strcmp(v[m], v[b]) == 0) {
			out->phase = ISSU_PHASE_NOT_STARTED;
			snprintf(out->reason, sizeof out->reason, "both REs run "
			    "%s, older than the target %s", v[m], target->text);
		} else if ((cm < 0 && cb < 0) || (cm != 0 &&
		    strcmp(v[m], v[b]) == 0)) {
			/* Not started; the checks refuse mixed releases and
			 * a target that is not newer. */
			out->phase = ISSU_PHASE_NOT_STARTED;
			snprintf(out->reason, sizeof out->reason, "re%d runs %s "
			    "and re%d runs %s; the target is %s", m, v[m], b,
			    v[b], target->text);
		} else if (cm == 0 && cb < 0) {
			out->phase = ISSU_PHASE_OLD_MASTER_REBOOT_PENDING;
			snprintf(out->reason, sizeof out->reason, "master re%d "
			    "runs the target %s; backup re%d still runs %s", m,
			    v[m], b, v[b]);
		} else if (cm == 0 && cb == 0) {
			if (pm == -2) {
				snprintf(out->reason, sizeof out->reason, "both "
				    "run %s; no RE has election priority master",
				    v[m]);
				return;
			}
			out->phase = m == out->default_master ?
			    ISSU_PHASE_DONE : ISSU_PHASE_SWITCH_BACK_PENDING;
			snprintf(out->reason, sizeof out->reason, "both REs run "
			    "%s; master is re%d, the default master is re%d",
			    v[m], m, out->default_master);
		} else
			snprintf(out->reason, sizeof out->reason, "master re%d "
			    "runs %s and backup re%d runs %s: not a state an "
			    "ISSU to %s passes through", m, v[m], b, v[b],
			    target->text);
	}
}
