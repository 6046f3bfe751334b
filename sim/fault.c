/*
 * fault.c - the table of injectable failures (see fault.h).
 */
#include "sim/fault.h"

#include <string.h>

static const struct {
	const char *name;
	unsigned bit;
} sim_faults[] = {
	{ "validate-fail", SIM_FAULT_VALIDATE_FAIL },
	{ "missing-package", SIM_FAULT_MISSING_PACKAGE },
	{ "backup-not-ready", SIM_FAULT_BACKUP_NOT_READY },
	{ "backup-no-return", SIM_FAULT_BACKUP_NO_RETURN },
	{ "drop-during-upgrade", SIM_FAULT_DROP_DURING_UPGRADE },
	{ "old-master-no-return", SIM_FAULT_OLD_MASTER_NO_RETURN },
	{ "hostkey-changed", SIM_FAULT_HOSTKEY_CHANGED },
	{ "version-mismatch", SIM_FAULT_VERSION_MISMATCH },
	{ "slow-backup", SIM_FAULT_SLOW_BACKUP },
	{ "auth-fail-after-reboot", SIM_FAULT_AUTH_FAIL_AFTER_REBOOT },
};

unsigned
sim_fault_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof sim_faults / sizeof sim_faults[0]; i++)
		if (strcmp(sim_faults[i].name, name) == 0)
			return sim_faults[i].bit;
	return 0;
}

const char *
sim_fault_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < sizeof sim_faults / sizeof sim_faults[0]; i++)
		if (sim_faults[i].bit == bit)
			return sim_faults[i].name;
	return "unknown";
}

const char *
sim_fault_names(void)
{
	return "validate-fail, missing-package, backup-not-ready, "
	    "backup-no-return, drop-during-upgrade, old-master-no-return, "
	    "hostkey-changed, version-mismatch, slow-backup, "
	    "auth-fail-after-reboot";
}
