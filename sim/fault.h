/*
 * fault.h - the failures issu-sim can inject (--fault NAME), each one a thing
 * an operator must survive in a real maintenance window.
 *
 * The names are a const table in fault.c; the chassis keeps the chosen ones
 * as a bit set and logs a `fault` event when one fires.
 */
#ifndef SIM_FAULT_H
#define SIM_FAULT_H

#include <stddef.h>

enum sim_fault {
	SIM_FAULT_VALIDATE_FAIL = 1 << 0,	/* validation fails, nothing changes */
	SIM_FAULT_MISSING_PACKAGE = 1 << 1,	/* the package is not in /var/tmp */
	SIM_FAULT_BACKUP_NOT_READY = 1 << 2,	/* backup not ready for switchover */
	SIM_FAULT_BACKUP_NO_RETURN = 1 << 3,	/* backup never returns from reboot */
	SIM_FAULT_DROP_DURING_UPGRADE = 1 << 4,	/* master's sessions cut mid-ISSU */
	SIM_FAULT_OLD_MASTER_NO_RETURN = 1 << 5, /* old master never returns */
	SIM_FAULT_HOSTKEY_CHANGED = 1 << 6,	/* an RE returns with a new host key */
	SIM_FAULT_VERSION_MISMATCH = 1 << 7,	/* the REs start on different versions */
	SIM_FAULT_SLOW_BACKUP = 1 << 8,		/* the backup's reboot takes 5x longer */
	SIM_FAULT_AUTH_FAIL_AFTER_REBOOT = 1 << 9, /* the password stops working */
};

/* The bit for a fault name, or 0 when there is no such fault. */
unsigned sim_fault_lookup(const char *name);

/* The name of a single fault bit ("validate-fail"). */
const char *sim_fault_name(unsigned bit);

/* "validate-fail, missing-package, ..." for usage and error messages. */
const char *sim_fault_names(void);

#endif
