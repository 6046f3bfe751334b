/*
 * test_phase.c - where a chassis stands in an ISSU (procedure/phase.h),
 * derived from the facts of its two REs.
 *
 * The facts are what the console would have read: Junos outputs (the
 * shapes of tests/unit/fixtures/, issu-sim's and the reference captures')
 * parsed by issu_facts_apply, one RE's view per slot.  One test per rule of
 * phase.h, then the cases it calls unknown.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "procedure/facts.h"
#include "procedure/phase.h"
#include "tests/unit/fixtures/junos_outputs.h"

#define OUT_MAX 8192

static void
apply(struct issu_re_facts *f, enum issu_probe p, const char *text)
{
	char err[600];

	if (issu_facts_apply(f, p, FX_PACKAGE, text, strlen(text), err,
	    sizeof err) != 0)
		fail_msg("fixture not understood: %s", err);
}

/*
 * The facts of both REs: each runs `version[s]` (NULL: show version not
 * read) and sees the slots as `slots` (NULL: show chassis routing-engine
 * not read).  A Present slot reads nothing itself.
 */
static void
make_facts(struct issu_re_facts f[2], const char *v0, const char *v1,
    const struct fx_slot *slots)
{
	const char *version[2] = { v0, v1 };
	char buf[OUT_MAX];
	int s;

	memset(f, 0, 2 * sizeof *f);
	for (s = 0; s < 2; s++) {
		if (slots != NULL && slots[s].role == FX_ROLE_PRESENT)
			continue;
		if (version[s] != NULL)
			apply(&f[s], ISSU_PROBE_VERSION, fx_show_version(buf,
			    sizeof buf, s == 0 ? "mx480-re0" : "mx480-re1",
			    version[s]));
		if (slots != NULL)
			apply(&f[s], ISSU_PROBE_RE, fx_routing_engine(buf,
			    sizeof buf, slots));
	}
}

static void
issu_status(struct issu_re_facts *f, bool in_progress)
{
	char buf[OUT_MAX];

	apply(f, ISSU_PROBE_ISSU_STATUS, fx_issu_status(buf, sizeof buf,
	    in_progress));
}

static struct junos_release target;

static int
setup(void **state)
{
	(void)state;
	return junos_release_parse(FX_TARGET, &target);
}

static const struct fx_slot re0_master[2] = {
	{ FX_ROLE_MASTER, FX_PRIO_MASTER }, { FX_ROLE_BACKUP, FX_PRIO_BACKUP },
};
static const struct fx_slot re1_master[2] = {
	{ FX_ROLE_BACKUP, FX_PRIO_MASTER }, { FX_ROLE_MASTER, FX_PRIO_BACKUP },
};

static void
derive(const struct issu_re_facts f[2], const struct junos_release *t,
    struct issu_phase_view *pv)
{
	issu_phase_derive(f, t, pv);
	assert_true(pv->reason[0] != '\0');
}

/* ---- the fixtures -------------------------------------------------------- */

/* Every template the engine test feeds is understood (else the engine
 * tests would test the parsers' refusals). */
static void
test_fixtures_are_understood(void **state)
{
	struct issu_re_facts f;
	char buf[OUT_MAX];
	int users;

	(void)state;
	memset(&f, 0, sizeof f);
	apply(&f, ISSU_PROBE_CONFIG, fx_config_set(buf, sizeof buf, FX_OLD,
	    true, true, true));
	assert_true(f.config.gres && f.config.nsr && f.config.commit_synchronize);
	apply(&f, ISSU_PROBE_CONFIG, fx_config_set(buf, sizeof buf, FX_OLD,
	    false, false, false));
	assert_false(f.config.gres || f.config.nsr ||
	    f.config.commit_synchronize);
	apply(&f, ISSU_PROBE_SWITCHOVER, fx_switchover(buf, sizeof buf, true,
	    true));
	assert_true(f.switchover.ready);
	apply(&f, ISSU_PROBE_SWITCHOVER, fx_switchover(buf, sizeof buf, true,
	    false));
	assert_false(f.switchover.ready);
	apply(&f, ISSU_PROBE_SWITCHOVER, fx_switchover(buf, sizeof buf, false,
	    false));
	assert_false(f.switchover.ready);
	apply(&f, ISSU_PROBE_REPLICATION, fx_task_replication(buf, sizeof buf,
	    true, true));
	assert_int_equal(f.replication.complete, JUNOS_TRUE);
	apply(&f, ISSU_PROBE_REPLICATION, fx_task_replication(buf, sizeof buf,
	    true, false));
	assert_int_equal(f.replication.complete, JUNOS_FALSE);
	apply(&f, ISSU_PROBE_REPLICATION, fx_task_replication(buf, sizeof buf,
	    false, true));
	apply(&f, ISSU_PROBE_ALARMS, fx_alarms(buf, sizeof buf, false));
	assert_int_equal(f.alarms.count, 0);
	apply(&f, ISSU_PROBE_ALARMS, fx_alarms(buf, sizeof buf, true));
	assert_int_equal(f.alarms.alarm[0].class, JUNOS_ALARM_MAJOR);
	for (users = 0; users < 3; users++) {
		apply(&f, ISSU_PROBE_USERS, fx_users(buf, sizeof buf, users));
		assert_int_equal(f.users.count, users);
	}
	apply(&f, ISSU_PROBE_STORAGE, fx_storage(buf, sizeof buf));
	assert_true(f.storage.var_free_bytes > 20LL << 30);
	apply(&f, ISSU_PROBE_FILE, fx_file_list(buf, sizeof buf, FX_PACKAGE,
	    true));
	assert_true(f.file.present);
	assert_int_equal(f.file.size, 434246149);
	apply(&f, ISSU_PROBE_FILE, fx_file_list(buf, sizeof buf, FX_PACKAGE,
	    false));
	assert_false(f.file.present);
	issu_status(&f, true);
	assert_int_equal(f.issu_status.in_progress, JUNOS_TRUE);
	issu_status(&f, false);
	assert_int_equal(f.issu_status.in_progress, JUNOS_FALSE);
	apply(&f, ISSU_PROBE_SWITCH_CHECK, fx_switch_check(buf, sizeof buf, 0));
	assert_int_equal(f.switch_check.ready, JUNOS_TRUE);
	apply(&f, ISSU_PROBE_SWITCH_CHECK, fx_switch_check(buf, sizeof buf,
	    240));
	assert_int_equal(f.switch_check.ready, JUNOS_FALSE);
	assert_int_equal(f.switch_check.retry_after_s, 240);
}

static void
test_fixture_roles_and_versions_read_back(void **state)
{
	struct issu_re_facts f[2];

	(void)state;
	make_facts(f, FX_OLD, FX_TARGET, re1_master);
	assert_int_equal(issu_facts_role(&f[0], 0), JUNOS_ROLE_BACKUP);
	assert_int_equal(issu_facts_role(&f[1], 1), JUNOS_ROLE_MASTER);
	assert_string_equal(issu_facts_version(&f[0], 0), FX_OLD);
	assert_string_equal(issu_facts_version(&f[1], 1), FX_TARGET);
	assert_string_equal(issu_facts_hostname(&f[1], 1), "mx480-re1");
}

/* ---- the rules ----------------------------------------------------------- */

static void
test_phase_both_on_old_release_is_not_started(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, re0_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_NOT_STARTED);
	assert_int_equal(pv.master, 0);
	assert_int_equal(pv.backup, 1);
	assert_int_equal(pv.default_master, 0);
}

static void
test_phase_issu_status_in_progress_is_upgrading(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, re0_master);
	issu_status(&f[0], true);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UPGRADING);
	assert_int_equal(pv.master, 0);
}

static void
test_phase_idle_issu_status_is_not_upgrading(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, re0_master);
	issu_status(&f[0], false);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_NOT_STARTED);
}

static void
test_phase_other_slot_present_on_old_release_is_upgrading(void **state)
{
	static const struct fx_slot slots[2] = {
		{ FX_ROLE_MASTER, FX_PRIO_MASTER },
		{ FX_ROLE_PRESENT, FX_PRIO_BACKUP },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, NULL, slots);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UPGRADING);
	assert_int_equal(pv.master, 0);
	assert_int_equal(pv.backup, -1);
}

static void
test_phase_master_on_target_backup_older_is_old_master_reboot_pending(
    void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_TARGET, re1_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_OLD_MASTER_REBOOT_PENDING);
	assert_int_equal(pv.master, 1);
	assert_int_equal(pv.backup, 0);
	assert_int_equal(pv.default_master, 0);
	assert_non_null(strstr(pv.reason, "re1"));
	assert_non_null(strstr(pv.reason, FX_OLD));
}

static void
test_phase_both_on_target_backup_priority_master_is_switch_back_pending(
    void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_TARGET, FX_TARGET, re1_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_SWITCH_BACK_PENDING);
	assert_int_equal(pv.master, 1);
	assert_int_equal(pv.default_master, 0);
}

static void
test_phase_both_on_target_default_master_is_master_is_done(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_TARGET, FX_TARGET, re0_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_DONE);
	assert_int_equal(pv.master, 0);
	assert_int_equal(pv.default_master, 0);
}

static void
test_phase_re1_configured_master_is_done_when_re1_is_master(void **state)
{
	static const struct fx_slot slots[2] = {
		{ FX_ROLE_BACKUP, FX_PRIO_BACKUP },
		{ FX_ROLE_MASTER, FX_PRIO_MASTER },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_TARGET, FX_TARGET, slots);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_DONE);
	assert_int_equal(pv.default_master, 1);
}

static void
test_phase_default_priority_words_count(void **state)
{
	static const struct fx_slot slots[2] = {
		{ FX_ROLE_BACKUP, FX_PRIO_MASTER_DEFAULT },
		{ FX_ROLE_MASTER, FX_PRIO_BACKUP_DEFAULT },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_TARGET, FX_TARGET, slots);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_SWITCH_BACK_PENDING);
	assert_int_equal(pv.default_master, 0);
}

static void
test_phase_no_priorities_default_master_is_re0(void **state)
{
	static const struct fx_slot slots[2] = {
		{ FX_ROLE_BACKUP, FX_PRIO_NONE }, { FX_ROLE_MASTER, FX_PRIO_NONE },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_TARGET, FX_TARGET, slots);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_SWITCH_BACK_PENDING);
	assert_int_equal(pv.default_master, 0);
}

static void
test_phase_no_target_but_issu_running_is_upgrading(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, re0_master);
	issu_status(&f[0], true);
	derive(f, NULL, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UPGRADING);
}

/* ---- unknown ------------------------------------------------------------- */

static void
test_phase_unknown_both_master(void **state)
{
	static const struct fx_slot both[2] = {
		{ FX_ROLE_MASTER, FX_PRIO_MASTER }, { FX_ROLE_MASTER, FX_PRIO_BACKUP },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, both);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_int_equal(pv.master, -1);
	assert_non_null(strstr(pv.reason, "both"));
}

static void
test_phase_unknown_backup_newer_than_master(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_TARGET, re0_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_non_null(strstr(pv.reason, FX_OLD));
	assert_non_null(strstr(pv.reason, FX_TARGET));
}

static void
test_phase_unknown_backup_newer_than_target(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, "11.4R1.6", FX_TARGET, re1_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
}

static void
test_phase_unknown_no_target(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, re0_master);
	derive(f, NULL, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_non_null(strstr(pv.reason, "target"));
	make_facts(f, FX_OLD, FX_TARGET, re1_master);
	derive(f, NULL, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
}

/* Mixed old releases and a target that is not newer are not phases of an
 * ISSU: they derive "not started" so that the checks refuse them with a
 * reason the operator understands (same release on both; a downgrade). */
static void
test_phase_mixed_old_releases_are_not_started(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, "10.2R1.8", re0_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_NOT_STARTED);
	assert_non_null(strstr(pv.reason, FX_OLD));
	assert_non_null(strstr(pv.reason, "10.2R1.8"));
}

static void
test_phase_target_older_than_both_is_not_started(void **state)
{
	struct junos_release older;
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	assert_int_equal(junos_release_parse("9.3R4.4", &older), 0);
	make_facts(f, FX_OLD, FX_OLD, re0_master);
	derive(f, &older, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_NOT_STARTED);
	assert_non_null(strstr(pv.reason, "9.3R4.4"));
}

static void
test_phase_unknown_roles_not_read(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, NULL);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_int_equal(pv.master, -1);
	assert_int_equal(pv.backup, -1);
}

static void
test_phase_unknown_release_not_read(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, NULL, re0_master);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_non_null(strstr(pv.reason, "re1"));
}

static void
test_phase_unknown_no_master(void **state)
{
	static const struct fx_slot none[2] = {
		{ FX_ROLE_BACKUP, FX_PRIO_MASTER }, { FX_ROLE_BACKUP, FX_PRIO_BACKUP },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_OLD, FX_OLD, none);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_int_equal(pv.master, -1);
}

static void
test_phase_unknown_priorities_listed_none_master(void **state)
{
	static const struct fx_slot slots[2] = {
		{ FX_ROLE_BACKUP, FX_PRIO_BACKUP }, { FX_ROLE_MASTER, FX_PRIO_BACKUP },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	make_facts(f, FX_TARGET, FX_TARGET, slots);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
}

static void
test_phase_unknown_master_on_target_other_present(void **state)
{
	static const struct fx_slot slots[2] = {
		{ FX_ROLE_PRESENT, FX_PRIO_MASTER },
		{ FX_ROLE_MASTER, FX_PRIO_BACKUP },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	/* The old master rebooting (step 6): not an ISSU running. */
	make_facts(f, NULL, FX_TARGET, slots);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_int_equal(pv.master, 1);
	/* Said as what it likely is, and what to do: not a riddle. */
	assert_string_equal(pv.reason, "re0 is down (Present) and master re1 "
	    "runs the target " FX_TARGET ": if re0 is rebooting, wait for it "
	    "and read again");
}

static void
test_phase_unknown_nothing_read(void **state)
{
	struct issu_re_facts f[2];
	struct issu_phase_view pv;

	(void)state;
	memset(f, 0, sizeof f);
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_int_equal(pv.master, -1);
	assert_int_equal(pv.backup, -1);
	assert_int_equal(pv.default_master, -1);
}

/* A role another RE reports is not the RE's own: re1's view of slot 0 is
 * not re0's answer. */
static void
test_phase_roles_are_each_re_own_view(void **state)
{
	static const struct fx_slot slots[2] = {
		{ FX_ROLE_MASTER, FX_PRIO_MASTER }, { FX_ROLE_BACKUP, FX_PRIO_BACKUP },
	};
	struct issu_re_facts f[2];
	struct issu_phase_view pv;
	char buf[OUT_MAX];

	(void)state;
	memset(f, 0, sizeof f);
	/* Only re1 answered, and it says re0 is master. */
	apply(&f[1], ISSU_PROBE_VERSION, fx_show_version(buf, sizeof buf,
	    "mx480-re1", FX_OLD));
	apply(&f[1], ISSU_PROBE_RE, fx_routing_engine(buf, sizeof buf, slots));
	derive(f, &target, &pv);
	assert_int_equal(pv.phase, ISSU_PHASE_UNKNOWN);
	assert_int_equal(pv.master, -1);
}

/* ---- names --------------------------------------------------------------- */

static void
test_phase_names(void **state)
{
	(void)state;
	assert_string_equal(issu_phase_name(ISSU_PHASE_UNKNOWN), "unknown");
	assert_string_equal(issu_phase_name(ISSU_PHASE_NOT_STARTED),
	    "not-started");
	assert_string_equal(issu_phase_name(ISSU_PHASE_PREREQ_MISSING),
	    "prerequisites-missing");
	assert_string_equal(issu_phase_name(ISSU_PHASE_READY), "ready");
	assert_string_equal(issu_phase_name(ISSU_PHASE_UPGRADING), "upgrading");
	assert_string_equal(issu_phase_name(ISSU_PHASE_OLD_MASTER_REBOOT_PENDING),
	    "old-master-reboot-pending");
	assert_string_equal(issu_phase_name(ISSU_PHASE_SWITCH_BACK_PENDING),
	    "switch-back-pending");
	assert_string_equal(issu_phase_name(ISSU_PHASE_DONE), "done");
	assert_string_equal(issu_phase_name((enum issu_phase)99), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_are_understood),
		cmocka_unit_test(test_fixture_roles_and_versions_read_back),
		cmocka_unit_test(test_phase_both_on_old_release_is_not_started),
		cmocka_unit_test(test_phase_issu_status_in_progress_is_upgrading),
		cmocka_unit_test(test_phase_idle_issu_status_is_not_upgrading),
		cmocka_unit_test(
		    test_phase_other_slot_present_on_old_release_is_upgrading),
		cmocka_unit_test(
		    test_phase_master_on_target_backup_older_is_old_master_reboot_pending),
		cmocka_unit_test(
		    test_phase_both_on_target_backup_priority_master_is_switch_back_pending),
		cmocka_unit_test(
		    test_phase_both_on_target_default_master_is_master_is_done),
		cmocka_unit_test(
		    test_phase_re1_configured_master_is_done_when_re1_is_master),
		cmocka_unit_test(test_phase_default_priority_words_count),
		cmocka_unit_test(test_phase_no_priorities_default_master_is_re0),
		cmocka_unit_test(test_phase_no_target_but_issu_running_is_upgrading),
		cmocka_unit_test(test_phase_unknown_both_master),
		cmocka_unit_test(test_phase_unknown_backup_newer_than_master),
		cmocka_unit_test(test_phase_unknown_backup_newer_than_target),
		cmocka_unit_test(test_phase_unknown_no_target),
		cmocka_unit_test(test_phase_mixed_old_releases_are_not_started),
		cmocka_unit_test(test_phase_target_older_than_both_is_not_started),
		cmocka_unit_test(test_phase_unknown_roles_not_read),
		cmocka_unit_test(test_phase_unknown_release_not_read),
		cmocka_unit_test(test_phase_unknown_no_master),
		cmocka_unit_test(test_phase_unknown_priorities_listed_none_master),
		cmocka_unit_test(test_phase_unknown_master_on_target_other_present),
		cmocka_unit_test(test_phase_unknown_nothing_read),
		cmocka_unit_test(test_phase_roles_are_each_re_own_view),
		cmocka_unit_test(test_phase_names),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
