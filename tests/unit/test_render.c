/*
 * test_render.c - what the simulated REs print, checked the way an operator
 * (or the console) reads it: hostnames and versions per RE, the shape each
 * release era prints, roles and their changes, uptime wording, and what
 * happens without GRES/NSR, with a missing file or with an RE down.
 *
 * Column-exact comparison against the real captures is test_reference_shapes;
 * this file checks behaviour.  The simulated clock is frozen (speed 0) so
 * that uptimes do not move while a test runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sim/buf.h"
#include "sim/chassis.h"
#include "sim/config_db.h"
#include "sim/options.h"
#include "sim/render.h"

struct fixture {
	struct sim_chassis ch;
	struct sim_buf out;
};

static int
fixture_setup(void **state, const char *v0, const char *v1, unsigned without)
{
	static struct fixture f;
	struct sim_options opt;
	char err[256];

	memset(&f, 0, sizeof f);
	memset(&opt, 0, sizeof opt);
	opt.listen = "127.0.0.1";
	opt.hostname = "mx480";
	opt.user = "netops";
	opt.password = "netops";
	opt.version[0] = v0;
	opt.version[1] = v1;
	opt.master = 0;
	opt.speed = 1;
	opt.without = without;
	if (sim_chassis_init(&f.ch, &opt, NULL, err, sizeof err) != 0) {
		print_error("sim_chassis_init: %s\n", err);
		return -1;
	}
	/* Freeze the simulated clock: now == sim_start. */
	f.ch.speed = 0;
	*state = &f;
	return 0;
}

static int
setup_seed(void **state)
{
	return fixture_setup(state, "10.1R1.8", "10.1R1.8", 0);
}

static int
setup_mixed(void **state)
{
	return fixture_setup(state, "10.1R1.8", "17.3R3-S8.1", 0);
}

static int
setup_new(void **state)
{
	return fixture_setup(state, "17.3R3-S8.1", "17.3R3-S8.1", 0);
}

static int
setup_junos_line(void **state)
{
	return fixture_setup(state, "13.2X51-D35.3", "12.3R8.7", 0);
}

static int
setup_no_gres(void **state)
{
	return fixture_setup(state, "10.1R1.8", "10.1R1.8", SIM_WITHOUT_GRES);
}

static int
setup_no_nsr(void **state)
{
	return fixture_setup(state, "10.1R1.8", "10.1R1.8", SIM_WITHOUT_NSR);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	sim_buf_free(&f->out);
	sim_chassis_destroy(&f->ch);
	return 0;
}

/* The output so far, for asserts. */
static const char *
out_of(struct fixture *f)
{
	return sim_buf_str(&f->out);
}

/* True when `line` is one whole line of `text`. */
static int
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
		p++;
	}
	return 0;
}

static size_t
count_of(const char *text, const char *needle)
{
	size_t n = 0;

	while ((text = strstr(text, needle)) != NULL) {
		n++;
		text++;
	}
	return n;
}

#define assert_line(text, line) do { \
	if (!has_line((text), (line))) \
		fail_msg("no line \"%s\" in:\n%s", (line), (text)); \
} while (0)
#define assert_no_line(text, line) do { \
	if (has_line((text), (line))) \
		fail_msg("unexpected line \"%s\" in:\n%s", (line), (text)); \
} while (0)
#define assert_contains(text, s) do { \
	if (strstr((text), (s)) == NULL) \
		fail_msg("no \"%s\" in:\n%s", (s), (text)); \
} while (0)
#define assert_not_contains(text, s) do { \
	if (strstr((text), (s)) != NULL) \
		fail_msg("unexpected \"%s\" in:\n%s", (s), (text)); \
} while (0)

/* ------------------------------------------------------------------ */

static void
test_release_era_reads_every_release_shape(void **state)
{
	(void)state;
	assert_int_equal(sim_release_era("10.1R1.8"), SIM_ERA_BASE_OS);
	assert_int_equal(sim_release_era("9.3R4.4"), SIM_ERA_BASE_OS);
	assert_int_equal(sim_release_era("11.4R5-S4.7"), SIM_ERA_BASE_OS);
	assert_int_equal(sim_release_era("12.3R8.7"), SIM_ERA_JUNOS_LINE);
	assert_int_equal(sim_release_era("13.2X51-D35.3"), SIM_ERA_JUNOS_LINE);
	assert_int_equal(sim_release_era("14.1R5.5"), SIM_ERA_JUNOS_LINE);
	assert_int_equal(sim_release_era("15.1F6.9"), SIM_ERA_FREEBSD10);
	assert_int_equal(sim_release_era("17.3R3-S8.1"), SIM_ERA_FREEBSD10);
	assert_int_equal(sim_release_era("22.3R1.11"), SIM_ERA_FREEBSD10);
	/* Nothing readable: the oldest shape, never a crash. */
	assert_int_equal(sim_release_era(""), SIM_ERA_BASE_OS);
	assert_int_equal(sim_release_era("junos"), SIM_ERA_BASE_OS);
}

static void
test_login_banner_old_release_shows_build_date(void **state)
{
	struct fixture *f = *state;

	sim_render_login_banner(&f->out, &f->ch, 0);
	assert_string_equal(out_of(f),
	    "--- JUNOS 10.1R1.8 built 2010-02-12 17:24:20 UTC\n");
}

static void
test_login_banner_unknown_old_release_is_deterministic(void **state)
{
	struct fixture *f = *state;
	struct sim_buf again = SIM_BUF_INIT;

	snprintf(f->ch.re[0].version, sizeof f->ch.re[0].version, "10.3R2.11");
	sim_render_login_banner(&f->out, &f->ch, 0);
	sim_render_login_banner(&again, &f->ch, 0);
	assert_string_equal(out_of(f), sim_buf_str(&again));
	assert_contains(out_of(f), "--- JUNOS 10.3R2.11 built 2010-");
	assert_true(strlen(out_of(f)) ==
	    strlen("--- JUNOS 10.3R2.11 built 2010-11-05 08:12:44 UTC\n"));
	sim_buf_free(&again);
}

static void
test_login_banner_freebsd10_cuts_kernel_ident_to_31_chars(void **state)
{
	struct fixture *f = *state;

	sim_render_login_banner(&f->out, &f->ch, 1);
	assert_string_equal(out_of(f), "--- JUNOS 17.3R3-S8.1 Kernel 64-bit  "
	    "JNPR-10.3-20200425.36498d6_buil\n");
}

static void
test_show_version_prints_each_re_hostname(void **state)
{
	struct fixture *f = *state;

	sim_render_show_version(&f->out, &f->ch, 0);
	assert_line(out_of(f), "Hostname: mx480-re0");
	assert_line(out_of(f), "Model: mx480");
	sim_buf_reset(&f->out);
	sim_render_show_version(&f->out, &f->ch, 1);
	assert_line(out_of(f), "Hostname: mx480-re1");
}

static void
test_show_version_base_os_era_has_no_junos_line(void **state)
{
	struct fixture *f = *state;

	sim_render_show_version(&f->out, &f->ch, 0);
	assert_line(out_of(f), "JUNOS Base OS boot [10.1R1.8]");
	assert_line(out_of(f), "JUNOS Routing Software Suite [10.1R1.8]");
	assert_not_contains(out_of(f), "Junos:");
}

static void
test_show_version_freebsd10_era_prints_junos_line(void **state)
{
	struct fixture *f = *state;

	sim_render_show_version(&f->out, &f->ch, 1);
	assert_line(out_of(f), "Junos: 17.3R3-S8.1");
	assert_line(out_of(f), "JUNOS OS Kernel 64-bit  "
	    "[20200425.36498d6_builder_stable_10]");
	assert_contains(out_of(f), "_builder_junos_173_r3_s8]\n");
	assert_not_contains(out_of(f), "Base OS boot");
}

static void
test_show_version_junos_line_era_keeps_base_os_lines(void **state)
{
	struct fixture *f = *state;

	sim_render_show_version(&f->out, &f->ch, 0);
	assert_line(out_of(f), "Junos: 13.2X51-D35.3");
	assert_line(out_of(f), "JUNOS Base OS boot [13.2X51-D35.3]");
	/* Junos: comes right after Model. */
	assert_contains(out_of(f), "Model: mx480\nJunos: 13.2X51-D35.3\n");
}

static void
test_show_version_all_has_a_section_per_re(void **state)
{
	struct fixture *f = *state;
	const char *o;

	sim_render_show_version_all(&f->out, &f->ch);
	o = out_of(f);
	assert_true(strncmp(o, "re0:\n------------------------------------------"
	    "--------------------------------\nHostname: mx480-re0\n", 100) == 0);
	assert_contains(o, "JUNOS Routing Software Suite [10.1R1.8]\n\nre1:\n"
	    "--------------------------------------------------------------------------\n"
	    "Hostname: mx480-re1\n");
	assert_line(o, "Junos: 17.3R3-S8.1");
	assert_int_equal(count_of(o, "Hostname: "), 2);
}

static void
test_show_version_all_reports_unreachable_re(void **state)
{
	struct fixture *f = *state;

	f->ch.re[1].up = false;
	sim_render_show_version_all(&f->out, &f->ch);
	assert_line(out_of(f), "re1:");
	assert_line(out_of(f), "error: Could not connect to re1 : No route to host");
	assert_int_equal(count_of(out_of(f), "Hostname: "), 1);
}

static void
test_routing_engine_shows_master_and_backup_per_slot(void **state)
{
	struct fixture *f = *state;
	const char *o;

	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, -1);
	o = out_of(f);
	assert_contains(o, "Routing Engine status:\n  Slot 0:\n"
	    "    Current state                  Master\n"
	    "    Election priority              Master\n");
	assert_contains(o, "Routing Engine status:\n  Slot 1:\n"
	    "    Current state                  Backup\n"
	    "    Election priority              Backup\n");
	assert_line(o, "    Model                          RE-S-2000");
	assert_line(o, "    Serial ID                      9009035183");
	assert_line(o, "    DRAM                      3584 MB");
	assert_int_equal(count_of(o, "    CPU utilization:\n"), 2);
}

static void
test_routing_engine_follows_a_role_swap(void **state)
{
	struct fixture *f = *state;
	const char *o;

	f->ch.re[0].role = SIM_ROLE_BACKUP;
	f->ch.re[1].role = SIM_ROLE_MASTER;
	sim_render_chassis_routing_engine(&f->out, &f->ch, 1, -1);
	o = out_of(f);
	/* State moves, configured priority does not. */
	assert_contains(o, "  Slot 0:\n    Current state                  Backup\n"
	    "    Election priority              Master\n");
	assert_contains(o, "  Slot 1:\n    Current state                  Master\n"
	    "    Election priority              Backup\n");
}

static void
test_routing_engine_priority_is_default_without_redundancy_config(void **state)
{
	struct fixture *f = *state;
	char err[128];

	assert_int_equal(sim_config_delete(f->ch.re[0].config,
	    "chassis redundancy routing-engine", NULL, err, sizeof err), 0);
	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, -1);
	assert_line(out_of(f), "    Election priority              Master (default)");
	assert_line(out_of(f), "    Election priority              Backup (default)");
}

static void
test_routing_engine_only_slot_shows_one_slot(void **state)
{
	struct fixture *f = *state;

	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, 1);
	assert_int_equal(count_of(out_of(f), "Routing Engine status:"), 1);
	assert_line(out_of(f), "  Slot 1:");
	assert_no_line(out_of(f), "  Slot 0:");
}

static void
test_routing_engine_down_re_is_present_without_times(void **state)
{
	struct fixture *f = *state;
	const char *o;

	f->ch.re[1].up = false;
	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, -1);
	o = out_of(f);
	assert_contains(o, "  Slot 1:\n    Current state                  Present\n");
	assert_true(strstr(o, "  Slot 1:\n    Current state                  Present\n")
	    [strlen("  Slot 1:\n    Current state                  Present\n")] == '\0');
	assert_int_equal(count_of(o, "Start time"), 1);
	assert_int_equal(count_of(o, "Uptime"), 1);
}

static void
test_routing_engine_freebsd10_has_interval_blocks_for_local_re(void **state)
{
	struct fixture *f = *state;
	const char *o;

	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, -1);
	o = out_of(f);
	assert_int_equal(count_of(o, "    5 sec CPU utilization:\n"), 2);
	assert_int_equal(count_of(o, "    15 min CPU utilization:\n"), 1);
	assert_int_equal(count_of(o, "    CPU utilization:\n"), 0);
	assert_line(o, "    DRAM                      3584 MB (4096 MB installed)");
}

static void
test_routing_engine_shape_follows_the_viewing_re_release(void **state)
{
	struct fixture *f = *state;

	/* re0 on 10.1 prints re1's (17.3) slot the 10.1 way, and back. */
	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, -1);
	assert_int_equal(count_of(out_of(f), "    CPU utilization:\n"), 2);
	assert_int_equal(count_of(out_of(f), "5 sec CPU utilization:"), 0);
	sim_buf_reset(&f->out);
	sim_render_chassis_routing_engine(&f->out, &f->ch, 1, -1);
	assert_int_equal(count_of(out_of(f), "    CPU utilization:\n"), 0);
	assert_int_equal(count_of(out_of(f), "    5 sec CPU utilization:\n"), 2);
	assert_int_equal(count_of(out_of(f), "    15 min CPU utilization:\n"), 1);
}

static void
test_routing_engine_uptime_leaves_out_zero_units(void **state)
{
	struct fixture *f = *state;
	time_t now = sim_chassis_now(&f->ch);

	f->ch.re[0].boot_time = now - (3 * 86400 + 17 * 3600 + 27);
	f->ch.re[1].boot_time = now - (6 * 60 + 25);
	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, -1);
	assert_line(out_of(f),
	    "    Uptime                         3 days, 17 hours, 27 seconds");
	assert_line(out_of(f),
	    "    Uptime                         6 minutes, 25 seconds");
}

static void
test_routing_engine_uptime_uses_singular_units(void **state)
{
	struct fixture *f = *state;
	time_t now = sim_chassis_now(&f->ch);

	f->ch.re[0].boot_time = now - (86400 + 3600 + 60 + 1);
	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, 0);
	assert_line(out_of(f),
	    "    Uptime                         1 day, 1 hour, 1 minute, 1 second");
}

static void
test_routing_engine_start_time_is_boot_time(void **state)
{
	struct fixture *f = *state;

	f->ch.re[0].boot_time = 1266000000;	/* 2010-02-12 18:40:00 UTC */
	sim_render_chassis_routing_engine(&f->out, &f->ch, 0, 0);
	assert_line(out_of(f),
	    "    Start time                     2010-02-12 18:40:00 UTC");
}

static void
test_system_uptime_counts_interactive_logins(void **state)
{
	struct fixture *f = *state;

	sim_render_system_uptime(&f->out, &f->ch, 0);
	assert_contains(out_of(f), " 0 users, load averages: ");
	sim_buf_reset(&f->out);
	assert_true(sim_chassis_login_add(&f->ch, 0, 1, "netops", "192.0.2.50") >= 0);
	assert_true(sim_chassis_login_add(&f->ch, 1, 2, "netops", "192.0.2.50") >= 0);
	sim_render_system_uptime(&f->out, &f->ch, 0);
	assert_contains(out_of(f), " 1 user, load averages: ");
}

static void
test_system_uptime_shows_boot_and_commit_ages(void **state)
{
	struct fixture *f = *state;
	time_t now = sim_chassis_now(&f->ch);
	const char *o;

	f->ch.re[0].boot_time = now - (88 * 86400 + 19 * 3600 + 53 * 60 + 59);
	f->ch.re[0].last_commit_time = now - (100 * 60 + 0);
	sim_render_system_uptime(&f->out, &f->ch, 0);
	o = out_of(f);
	assert_contains(o, "Current time: ");
	assert_contains(o, " (12w4d 19:53 ago)\nProtocols started: ");
	assert_contains(o, " (01:40:00 ago) by netops\n");
	/* w rounds to the minute: 19:53:59 is shown as 19:54. */
	assert_contains(o, "  up 88 days, 19:54, 0 users, load averages: ");
	assert_not_contains(o, "Time Source");
}

static void
test_system_uptime_short_uptime_in_minutes(void **state)
{
	struct fixture *f = *state;
	time_t now = sim_chassis_now(&f->ch);

	f->ch.re[0].boot_time = now - (15 * 86400 + 5 * 60 + 10);
	sim_render_system_uptime(&f->out, &f->ch, 0);
	assert_contains(out_of(f), "  up 15 days, 5 mins, 0 users,");
	assert_contains(out_of(f), "(2w1d 00:05 ago)");
}

static void
test_switchover_backup_old_release_reports_peer_state(void **state)
{
	struct fixture *f = *state;

	sim_render_system_switchover(&f->out, &f->ch, 1);
	assert_string_equal(out_of(f), "Graceful switchover: On\n"
	    "Configuration database: Ready\nKernel database: Ready\n"
	    "Peer state: Steady State\n");
}

static void
test_switchover_backup_new_release_reports_switchover_status(void **state)
{
	struct fixture *f = *state;

	sim_render_system_switchover(&f->out, &f->ch, 1);
	assert_string_equal(out_of(f), "Graceful switchover: On\n"
	    "Configuration database: Ready\nKernel database: Ready\n"
	    "Switchover Status: Ready\n");
}

static void
test_switchover_off_without_gres(void **state)
{
	struct fixture *f = *state;

	sim_render_system_switchover(&f->out, &f->ch, 1);
	assert_string_equal(out_of(f), "Graceful switchover: Off\n");
}

static void
test_switchover_on_master_shows_only_gres_state(void **state)
{
	struct fixture *f = *state;

	sim_render_system_switchover(&f->out, &f->ch, 0);
	assert_string_equal(out_of(f), "Graceful switchover: On\n");
}

static void
test_task_replication_master_lists_ospf_complete(void **state)
{
	struct fixture *f = *state;

	sim_render_task_replication(&f->out, &f->ch, 0);
	assert_string_equal(out_of(f),
	    "        Stateful Replication: Enabled\n"
	    "        RE mode: Master\n"
	    "\n"
	    "    Protocol                Synchronization Status\n"
	    "    OSPF                    Complete              \n");
}

static void
test_task_replication_backup_has_no_table(void **state)
{
	struct fixture *f = *state;

	sim_render_task_replication(&f->out, &f->ch, 1);
	assert_string_equal(out_of(f),
	    "        Stateful Replication: Enabled\n"
	    "        RE mode: Backup\n");
}

static void
test_task_replication_disabled_without_nsr(void **state)
{
	struct fixture *f = *state;

	sim_render_task_replication(&f->out, &f->ch, 0);
	assert_string_equal(out_of(f),
	    "        Stateful Replication: Disabled\n"
	    "        RE mode: Master\n");
}

static void
test_storage_var_has_gigabytes_free(void **state)
{
	struct fixture *f = *state;

	sim_render_system_storage(&f->out, &f->ch, 0);
	assert_line(out_of(f), "Filesystem              Size       Used      Avail"
	    "  Capacity   Mounted on");
	assert_line(out_of(f), "/dev/ad1s1f              34G       3.6G        27G"
	    "       12%  /var");
	assert_line(out_of(f), "/dev/md1                125M       125M         0B"
	    "      100%  /packages/mnt/jkernel-10.1R1.8");
}

static void
test_alarms_none_when_both_res_up(void **state)
{
	struct fixture *f = *state;

	sim_render_alarms(&f->out, &f->ch, 0, false);
	assert_string_equal(out_of(f), "No alarms currently active\n");
	sim_buf_reset(&f->out);
	sim_render_alarms(&f->out, &f->ch, 0, true);
	assert_string_equal(out_of(f), "No alarms currently active\n");
}

static void
test_alarms_loss_of_communication_when_backup_down(void **state)
{
	struct fixture *f = *state;

	f->ch.re[1].up = false;
	f->ch.re[1].down_since = 1266000000;
	sim_render_alarms(&f->out, &f->ch, 0, false);
	assert_string_equal(out_of(f), "1 alarms currently active\n"
	    "Alarm time               Class  Description\n"
	    "2010-02-12 18:40:00 UTC  Minor  Loss of communication with Backup RE\n");
	/* Not a system alarm. */
	sim_buf_reset(&f->out);
	sim_render_alarms(&f->out, &f->ch, 0, true);
	assert_string_equal(out_of(f), "No alarms currently active\n");
}

static void
test_alarms_backup_re_active_when_configured_backup_is_master(void **state)
{
	struct fixture *f = *state;

	f->ch.re[0].role = SIM_ROLE_BACKUP;
	f->ch.re[0].up = false;
	f->ch.re[0].down_since = 1266000000;
	f->ch.re[1].role = SIM_ROLE_MASTER;
	f->ch.re[1].boot_time = 1266000000;
	sim_render_alarms(&f->out, &f->ch, 1, false);
	assert_string_equal(out_of(f), "2 alarms currently active\n"
	    "Alarm time               Class  Description\n"
	    "2010-02-12 18:40:00 UTC  Minor  Loss of communication with Backup RE\n"
	    "2010-02-12 18:40:00 UTC  Minor  Backup RE Active\n");
}

static void
test_system_users_lists_logins_on_that_re(void **state)
{
	struct fixture *f = *state;
	const char *o;

	assert_true(sim_chassis_login_add(&f->ch, 0, 1, "netops", "192.0.2.50") >= 0);
	assert_true(sim_chassis_login_add(&f->ch, 0, 2, "netops", "192.0.2.51") >= 0);
	assert_true(sim_chassis_login_add(&f->ch, 1, 3, "netops", "192.0.2.52") >= 0);
	sim_render_system_users(&f->out, &f->ch, 0);
	o = out_of(f);
	assert_contains(o, ", 2 users, load averages: ");
	assert_contains(o, "\nUSER     TTY      FROM                              "
	    "LOGIN@  IDLE WHAT\n");
	assert_contains(o, "\nnetops   p0       192.0.2.50                       ");
	assert_contains(o, "\nnetops   p1       192.0.2.51                       ");
	assert_not_contains(o, "192.0.2.52");
	assert_int_equal(count_of(o, "     - -cli (cli)\n"), 2);
}

static void
test_file_list_directory_lists_packages(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0, "/var/tmp",
	    false), 0);
	assert_true(strncmp(out_of(f), "/var/tmp/:\n", 11) == 0);
	assert_line(out_of(f), "jinstall-10.3R2.11-domestic-signed.tgz");
	sim_buf_reset(&f->out);
	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0, "/var/tmp/",
	    false), 0);
	assert_true(strncmp(out_of(f), "/var/tmp/:\n", 11) == 0);
}

static void
test_file_list_detail_single_file(void **state)
{
	struct fixture *f = *state;
	const struct sim_package *p = &f->ch.packages[0];
	char want[400], month[8], clock[8];
	struct tm tm;

	gmtime_r(&p->mtime, &tm);
	strftime(month, sizeof month, "%b", &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	snprintf(want, sizeof want,
	    "-rw-r--r--  1 netops staff  %9lld %s %-2d %s /var/tmp/%s\n"
	    "total files: 1\n", p->size, month, tm.tm_mday, clock, p->name);
	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0,
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz", true), 0);
	assert_string_equal(out_of(f), want);
}

static void
test_file_list_detail_directory_counts_files(void **state)
{
	struct fixture *f = *state;
	const char *o;

	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0, "/var/tmp",
	    true), 0);
	o = out_of(f);
	assert_true(strncmp(o, "/var/tmp/:\ntotal blocks: ", 25) == 0);
	assert_contains(o, " jinstall-10.3R2.11-domestic-signed.tgz\n");
	assert_true(strlen(o) > 16 &&
	    strcmp(o + strlen(o) - 15, "total files: 4\n") == 0);
}

static void
test_file_list_missing_file(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0,
	    "/var/tmp/nosuch", false), -1);
	assert_string_equal(out_of(f),
	    "/var/tmp/nosuch: No such file or directory\n");
	sim_buf_reset(&f->out);
	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0,
	    "/var/tmp/nosuch", true), -1);
	assert_string_equal(out_of(f),
	    "/var/tmp/nosuch: No such file or directory\n");
}

static void
test_file_list_home_directory_of_a_login(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0,
	    "/var/home/netops", false), 0);
	assert_string_equal(out_of(f), "/var/home/netops/:\n");
	sim_buf_reset(&f->out);
	assert_int_equal(sim_render_file_list(&f->out, &f->ch, 0,
	    "/var/home/nobody", false), -1);
	assert_string_equal(out_of(f),
	    "/var/home/nobody: No such file or directory\n");
}

static void
test_file_checksum_sha256_and_md5(void **state)
{
	struct fixture *f = *state;
	const struct sim_package *p = &f->ch.packages[0];
	char want[400];

	assert_int_equal(sim_render_file_checksum(&f->out, &f->ch, "sha-256",
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"), 0);
	snprintf(want, sizeof want,
	    "SHA256 (/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz) = %s\n",
	    p->sha256);
	assert_string_equal(out_of(f), want);
	sim_buf_reset(&f->out);
	assert_int_equal(sim_render_file_checksum(&f->out, &f->ch, "md5",
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"), 0);
	snprintf(want, sizeof want,
	    "MD5 (/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz) = %s\n", p->md5);
	assert_string_equal(out_of(f), want);
}

static void
test_file_checksum_missing_file(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(sim_render_file_checksum(&f->out, &f->ch, "sha-256",
	    "/var/tmp/nosuch.tgz"), -1);
	assert_string_equal(out_of(f),
	    "sha256: /var/tmp/nosuch.tgz: No such file or directory\n");
}

static void
test_validate_issu_names_running_and_target_release(void **state)
{
	struct fixture *f = *state;
	const char *o;

	sim_render_validate_issu(&f->out, &f->ch, 0,
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz");
	o = out_of(f);
	assert_line(o, "Checking compatibility with configuration");
	assert_line(o, "Using jbase-10.1R1.8");
	assert_line(o, "Verified manifest signed by PackageProduction_10_1_0");
	assert_line(o, "Using /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz");
	assert_line(o, "Verified jinstall-10.3R2.11-domestic.tgz signed by "
	    "PackageProduction_10_3_0");
	assert_line(o, "Validating against /config/juniper.conf.gz");
	assert_line(o, "mgd: commit complete");
	assert_true(strcmp(o + strlen(o) - 21, "Validation succeeded\n") == 0);
}

static void
test_validate_issu_looks_for_a_bare_name_in_var_tmp(void **state)
{
	struct fixture *f = *state;

	sim_render_validate_issu(&f->out, &f->ch, 0,
	    "jinstall-10.3R2.11-domestic-signed.tgz");
	assert_line(out_of(f), "Using /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz");
}

static void
test_chassis_issu_idle_lists_fpcs_online(void **state)
{
	struct fixture *f = *state;

	sim_render_chassis_issu_idle(&f->out, &f->ch, 0);
	assert_string_equal(out_of(f),
	    "  Item           Status                  Reason\n"
	    "  FPC 0          Online\n"
	    "  FPC 1          Online\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_release_era_reads_every_release_shape),
		cmocka_unit_test_setup_teardown(
		    test_login_banner_old_release_shows_build_date,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_login_banner_unknown_old_release_is_deterministic,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_login_banner_freebsd10_cuts_kernel_ident_to_31_chars,
		    setup_mixed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_show_version_prints_each_re_hostname, setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_show_version_base_os_era_has_no_junos_line,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_show_version_freebsd10_era_prints_junos_line,
		    setup_mixed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_show_version_junos_line_era_keeps_base_os_lines,
		    setup_junos_line, teardown),
		cmocka_unit_test_setup_teardown(
		    test_show_version_all_has_a_section_per_re,
		    setup_mixed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_show_version_all_reports_unreachable_re,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_shows_master_and_backup_per_slot,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_follows_a_role_swap, setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_priority_is_default_without_redundancy_config,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_only_slot_shows_one_slot,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_down_re_is_present_without_times,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_freebsd10_has_interval_blocks_for_local_re,
		    setup_new, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_shape_follows_the_viewing_re_release,
		    setup_mixed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_uptime_leaves_out_zero_units,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_uptime_uses_singular_units,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_routing_engine_start_time_is_boot_time,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_system_uptime_counts_interactive_logins,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_system_uptime_shows_boot_and_commit_ages,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_system_uptime_short_uptime_in_minutes,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_switchover_backup_old_release_reports_peer_state,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_switchover_backup_new_release_reports_switchover_status,
		    setup_new, teardown),
		cmocka_unit_test_setup_teardown(test_switchover_off_without_gres,
		    setup_no_gres, teardown),
		cmocka_unit_test_setup_teardown(
		    test_switchover_on_master_shows_only_gres_state,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_task_replication_master_lists_ospf_complete,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_task_replication_backup_has_no_table,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_task_replication_disabled_without_nsr,
		    setup_no_nsr, teardown),
		cmocka_unit_test_setup_teardown(test_storage_var_has_gigabytes_free,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(test_alarms_none_when_both_res_up,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_alarms_loss_of_communication_when_backup_down,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_alarms_backup_re_active_when_configured_backup_is_master,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_system_users_lists_logins_on_that_re,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file_list_directory_lists_packages, setup_seed, teardown),
		cmocka_unit_test_setup_teardown(test_file_list_detail_single_file,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file_list_detail_directory_counts_files,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(test_file_list_missing_file,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_file_list_home_directory_of_a_login, setup_seed, teardown),
		cmocka_unit_test_setup_teardown(test_file_checksum_sha256_and_md5,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(test_file_checksum_missing_file,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_validate_issu_names_running_and_target_release,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_validate_issu_looks_for_a_bare_name_in_var_tmp,
		    setup_seed, teardown),
		cmocka_unit_test_setup_teardown(
		    test_chassis_issu_idle_lists_fpcs_online, setup_seed, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
