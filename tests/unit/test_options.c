/*
 * test_options.c - issu-sim's command line: defaults, every flag, and a clear
 * one-line error for each kind of bad value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "sim/fault.h"
#include "sim/options.h"

static int
parse(struct sim_options *o, char *err, size_t len, ...)
{
	char *argv[64] = { "issu-sim" };
	int argc = 1;
	va_list ap;

	va_start(ap, len);
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	return sim_options_parse(o, argc, argv, err, len);
}

static void
test_defaults_are_the_seed_chassis(void **state)
{
	struct sim_options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof err, NULL), 0);
	assert_string_equal(o.listen, "127.0.0.1");
	assert_int_equal(o.port[0], 0);
	assert_int_equal(o.port[1], 0);
	assert_string_equal(o.hostname, "mx480");
	assert_string_equal(o.user, "netops");
	assert_string_equal(o.password, "netops");
	assert_string_equal(o.version[0], "10.1R1.8");
	assert_string_equal(o.version[1], "10.1R1.8");
	assert_int_equal(o.master, 0);
	assert_int_equal(o.npackages, 0);
	assert_int_equal(o.without, 0);
	assert_true(o.speed == 1.0);
}

static void
test_every_flag_is_stored(void **state)
{
	struct sim_options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof err, "--listen", "::1",
	    "--re0-port", "2200", "--re1-port=2201", "--hostname", "lab",
	    "--user", "ops", "--password", "pw", "--master", "re1",
	    "--re0-version", "17.3R3-S8.1", "--re1-version", "15.1F6.9",
	    "--package", "/var/tmp/a.tgz", "--package", "b.tgz",
	    "--without", "gres", "--without", "commit-sync", "--speed", "600",
	    "--event-log", "/tmp/x.jsonl", "--host-key-dir", "/tmp/k",
	    "--known-hosts-out", "/tmp/kh", NULL), 0);
	assert_string_equal(o.listen, "::1");
	assert_int_equal(o.port[0], 2200);
	assert_int_equal(o.port[1], 2201);
	assert_string_equal(o.hostname, "lab");
	assert_string_equal(o.user, "ops");
	assert_int_equal(o.master, 1);
	assert_string_equal(o.version[0], "17.3R3-S8.1");
	assert_string_equal(o.version[1], "15.1F6.9");
	assert_int_equal(o.npackages, 2);
	assert_string_equal(o.packages[0], "a.tgz");
	assert_string_equal(o.packages[1], "b.tgz");
	assert_int_equal(o.without, SIM_WITHOUT_GRES | SIM_WITHOUT_COMMIT_SYNC);
	assert_true(o.speed == 600.0);
	assert_string_equal(o.event_log, "/tmp/x.jsonl");
}

static void
test_bad_port_names_flag_and_range(void **state)
{
	struct sim_options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof err, "--re0-port", "70000", NULL), -1);
	assert_string_equal(err,
	    "--re0-port: 70000 is not a port (0-65535, 0 picks a free one)");
	assert_int_equal(parse(&o, err, sizeof err, "--re1-port", "22x", NULL), -1);
	assert_non_null(strstr(err, "--re1-port: 22x is not a port"));
}

static void
test_bad_values_are_refused_with_the_reason(void **state)
{
	static const struct { const char *flag, *value, *expect; } cases[] = {
		{ "--master", "re2", "--master: \"re2\" is not a routing engine (re0 or re1)" },
		{ "--without", "foo", "--without: \"foo\" is not a prerequisite (gres, nsr or commit-sync)" },
		{ "--speed", "0", "--speed: 0 is not a time factor (0.01 to 100000)" },
		{ "--speed", "fast", "--speed: fast is not a time factor (0.01 to 100000)" },
		{ "--re0-version", "ten", "--re0-version: \"ten\" is not a Junos release (like 10.1R1.8 or 17.3R3-S8.1)" },
		{ "--hostname", "a b", "--hostname: \"a b\" may hold only letters, digits, '-', '_' and '.'" },
		{ "--package", "/etc/passwd", "--package: \"/etc/passwd\" must be a file name in /var/tmp" },
		{ "--fault", "no-such-fault", "--fault: unknown fault \"no-such-fault\" (known: validate-fail, missing-package, backup-not-ready, backup-no-return, drop-during-upgrade, old-master-no-return, hostkey-changed, version-mismatch, slow-backup, auth-fail-after-reboot)" },
	};
	struct sim_options o;
	char err[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(parse(&o, err, sizeof err, cases[i].flag,
		    cases[i].value, NULL), -1);
		assert_string_equal(err, cases[i].expect);
	}
}

static void
test_unknown_and_valueless_flags_are_errors(void **state)
{
	struct sim_options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof err, "--colour", NULL), -1);
	assert_string_equal(err, "unknown option \"--colour\" (see --help)");
	assert_int_equal(parse(&o, err, sizeof err, "--re0-port", NULL), -1);
	assert_string_equal(err, "--re0-port needs a value (see --help)");
	assert_int_equal(parse(&o, err, sizeof err, "--help", NULL), 0);
	assert_true(o.help);
}

static void
test_release_strings_of_every_era_are_valid(void **state)
{
	static const char *const good[] = { "10.1R1.8", "10.3R2.11",
		"12.3R8.7", "17.3R3-S8.1", "15.1F6.9", "13.2X51-D35.3",
		"21.4R3-S5" };
	static const char *const bad[] = { "", "10", "10.", "R1.8", "10.1",
		"10.1R1.8 ", "10.1R1.8;rm", "123.1R1" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(sim_options_valid_release(good[i]));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(sim_options_valid_release(bad[i]));
}

static void
test_faults_accumulate_by_name(void **state)
{
	struct sim_options o;
	char err[512];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof err, "--fault", "slow-backup",
	    "--fault=validate-fail", NULL), 0);
	assert_int_equal(o.faults, SIM_FAULT_SLOW_BACKUP | SIM_FAULT_VALIDATE_FAIL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_the_seed_chassis),
		cmocka_unit_test(test_every_flag_is_stored),
		cmocka_unit_test(test_bad_port_names_flag_and_range),
		cmocka_unit_test(test_bad_values_are_refused_with_the_reason),
		cmocka_unit_test(test_unknown_and_valueless_flags_are_errors),
		cmocka_unit_test(test_release_strings_of_every_era_are_valid),
		cmocka_unit_test(test_faults_accumulate_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
