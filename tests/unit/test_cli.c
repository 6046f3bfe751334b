/*
 * test_cli.c - the simulated Junos CLI without the network: how typed lines
 * are matched, refused, piped and committed, as an operator would see it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/buf.h"
#include "sim/chassis.h"
#include "sim/cli.h"
#include "sim/config_db.h"
#include "sim/options.h"

struct fixture {
	struct sim_chassis ch;
	struct sim_buf out;
};

/* A chassis from issu-sim arguments (NULL-terminated). */
static struct fixture *
fixture_new(const char *arg, ...)
{
	struct fixture *f = calloc(1, sizeof *f);
	char *argv[16] = { "issu-sim" };
	struct sim_options opt;
	char err[256];
	int argc = 1;
	va_list ap;

	va_start(ap, arg);
	for (; arg != NULL; arg = va_arg(ap, const char *))
		argv[argc++] = (char *)arg;
	va_end(ap);
	assert_int_equal(sim_options_parse(&opt, argc, argv, err, sizeof err), 0);
	assert_int_equal(sim_chassis_init(&f->ch, &opt, NULL, err, sizeof err), 0);
	return f;
}

static void
fixture_free(struct fixture *f)
{
	sim_chassis_destroy(&f->ch);
	sim_buf_free(&f->out);
	free(f);
}

static struct sim_cli *
cli_on(struct fixture *f, int slot, bool interactive)
{
	return sim_cli_new(&(struct sim_cli_params){ .ch = &f->ch, .slot = slot,
	    .user = "netops", .session_id = 1, .interactive = interactive });
}

/* Runs a line and returns what it printed (valid until the next run). */
static const char *
run(struct fixture *f, struct sim_cli *cli, const char *line)
{
	sim_buf_reset(&f->out);
	sim_cli_line(cli, line, &f->out);
	return sim_buf_str(&f->out);
}

static void
test_greeting_has_banner_role_line_and_prompt(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *re0 = cli_on(f, 0, true), *re1 = cli_on(f, 1, true);

	(void)state;
	sim_cli_greeting(re0, &f->out);
	assert_int_equal(strncmp(sim_buf_str(&f->out), "--- JUNOS 10.1R1.8 built ", 25), 0);
	assert_non_null(strstr(sim_buf_str(&f->out), " UTC\n{master}\nnetops@mx480-re0> "));
	sim_buf_reset(&f->out);
	sim_cli_greeting(re1, &f->out);
	assert_non_null(strstr(sim_buf_str(&f->out), "\n{backup}\nnetops@mx480-re1> "));
	sim_cli_free(re0);
	sim_cli_free(re1);
	fixture_free(f);
}

static void
test_abbreviated_keywords_run_the_same_command(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);
	char *full;

	(void)state;
	full = strdup(run(f, cli, "show chassis routing-engine"));
	assert_non_null(strstr(full, "Current state                  Master"));
	assert_string_equal(run(f, cli, "sh chas rout"), full);
	assert_string_equal(run(f, cli, "  show   chassis routing-engine  "), full);
	free(full);
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_unknown_command_has_caret_under_the_word(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, true);
	/* "netops@mx480-re0> " is 18 columns: the caret sits under "f". */
	const char *expect = "                  ^\nunknown command.\n\n{master}\nnetops@mx480-re0> ";

	(void)state;
	assert_string_equal(run(f, cli, "fio"), expect);
	assert_int_equal(sim_cli_exit_status(cli), 1);
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_bad_word_after_a_command_is_a_syntax_error_there(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 1, true);

	(void)state;
	assert_string_equal(run(f, cli, "show versoin"),
	    "                       ^\nsyntax error, expecting <command>.\n"
	    "\n{backup}\nnetops@mx480-re1> ");
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_exec_error_names_the_word(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);

	(void)state;
	assert_string_equal(run(f, cli, "show foo"),
	    "error: syntax error, expecting <command>: foo\n");
	assert_int_equal(sim_cli_exit_status(cli), 1);
	assert_string_equal(run(f, cli, "ping"), "error: unknown command: ping\n");
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_ambiguous_word_lists_possible_completions(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);
	const char *out = run(f, cli, "show c");

	(void)state;
	assert_int_equal(strncmp(out, "'c' is ambiguous.\nPossible completions:\n", 40), 0);
	assert_non_null(strstr(out, "\n  chassis "));
	assert_non_null(strstr(out, "\n  configuration "));
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_master_only_command_is_refused_on_the_backup(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *re1 = cli_on(f, 1, false);

	(void)state;
	assert_string_equal(run(f, re1, "show chassis alarms"),
	    "error: Aborted! This command can only be used on the master routing engine.\n");
	sim_cli_free(re1);
	fixture_free(f);
}

static void
test_master_only_command_follows_mastership(void **state)
{
	struct fixture *f = fixture_new("--master", "re1", NULL);
	struct sim_cli *re0 = cli_on(f, 0, false), *re1 = cli_on(f, 1, false);

	(void)state;
	assert_non_null(strstr(run(f, re0, "show chassis alarms"), "Aborted!"));
	assert_null(strstr(run(f, re1, "show chassis alarms"), "Aborted!"));
	sim_cli_free(re0);
	sim_cli_free(re1);
	fixture_free(f);
}

static void
test_match_pipe_is_case_insensitive_and_quoted(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);
	const char *out = run(f, cli,
	    "show version invoke-on all-routing-engines | match \"re1:|HOSTNAME\"");

	(void)state;
	assert_string_equal(out, "Hostname: mx480-re0\nre1:\nHostname: mx480-re1\n");
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_except_count_and_last_pipes_filter_lines(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);
	char *all = strdup(run(f, cli, "show version"));
	size_t lines = 0;
	char *p, count[64];

	(void)state;
	for (p = all; *p != '\0'; p++)
		lines += *p == '\n';
	snprintf(count, sizeof count, "Count: %zu lines\n", lines);
	assert_string_equal(run(f, cli, "show version | count"), count);
	assert_null(strstr(run(f, cli, "show version | except JUNOS"), "JUNOS"));
	assert_string_equal(run(f, cli, "show version | last 1"),
	    "JUNOS Routing Software Suite [10.1R1.8]\n");
	assert_string_equal(run(f, cli, "show version | no-more"), all);
	free(all);
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_bad_pipe_is_a_syntax_error(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);

	(void)state;
	assert_non_null(strstr(run(f, cli, "show version | frobnicate"),
	    "syntax error"));
	assert_non_null(strstr(run(f, cli, "show version | match"),
	    "syntax error"));
	assert_non_null(strstr(run(f, cli, "show version | match \"(\""),
	    "syntax error"));
	assert_int_equal(sim_cli_exit_status(cli), 1);
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_commit_synchronize_changes_both_routing_engines(void **state)
{
	struct fixture *f = fixture_new("--without", "gres", NULL);
	struct sim_cli *re0 = cli_on(f, 0, true), *re1 = cli_on(f, 1, false);

	(void)state;
	assert_null(strstr(run(f, re1, "show configuration chassis redundancy | display set"),
	    "graceful-switchover"));
	/* Without GRES there is no {master} line (the 11.4 capture). */
	assert_string_equal(run(f, re0, "configure"),
	    "Entering configuration mode\n\n[edit]\nnetops@mx480-re0# ");
	run(f, re0, "set chassis redundancy graceful-switchover");
	assert_non_null(strstr(run(f, re0, "show | compare"), "graceful-switchover"));
	assert_string_equal(run(f, re0, "commit synchronize"),
	    "re0:\nconfiguration check succeeds\nre1:\ncommit complete\n"
	    "re0:\ncommit complete\n\n{master}[edit]\nnetops@mx480-re0# ");
	assert_non_null(strstr(run(f, re1,
	    "show configuration chassis redundancy | display set"),
	    "set chassis redundancy graceful-switchover\n"));
	sim_cli_free(re0);
	sim_cli_free(re1);
	fixture_free(f);
}

static void
test_plain_commit_without_synchronize_stays_local(void **state)
{
	struct fixture *f = fixture_new("--without", "commit-sync", "--without",
	    "nsr", NULL);
	struct sim_cli *re0 = cli_on(f, 0, false);

	(void)state;
	run(f, re0, "configure");
	run(f, re0, "set routing-options nonstop-routing");
	assert_string_equal(run(f, re0, "commit"), "commit complete\n");
	assert_true(sim_config_has(f->ch.re[0].config, "routing-options nonstop-routing"));
	assert_false(sim_config_has(f->ch.re[1].config, "routing-options nonstop-routing"));
	sim_cli_free(re0);
	fixture_free(f);
}

static void
test_exit_with_uncommitted_changes_asks_first(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, true);

	(void)state;
	run(f, cli, "configure");
	run(f, cli, "set system host-name changed");
	assert_string_equal(run(f, cli, "exit"),
	    "The configuration has been changed but not committed\n"
	    "Exit with uncommitted changes? [yes,no] (yes) ");
	assert_true(sim_cli_asking(cli));
	/* "no" stays in configuration mode with the change. */
	assert_string_equal(run(f, cli, "no"), "\n\n{master}[edit]\nnetops@mx480-re0# ");
	run(f, cli, "exit");
	assert_string_equal(run(f, cli, "yes"),
	    "\nExiting configuration mode\n\n{master}\nnetops@mx480-re0> ");
	/* The change was never committed. */
	assert_false(sim_config_has(f->ch.re[0].config, "system host-name changed"));
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_rollback_discards_the_candidate(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);

	(void)state;
	run(f, cli, "configure");
	run(f, cli, "delete chassis redundancy");
	assert_non_null(strstr(run(f, cli, "show | compare"), "graceful-switchover"));
	assert_string_equal(run(f, cli, "rollback"), "load complete\n");
	assert_string_equal(run(f, cli, "show | compare"), "");
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_run_executes_operational_commands_in_configure_mode(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);

	(void)state;
	run(f, cli, "configure");
	assert_non_null(strstr(run(f, cli, "run show version"), "Hostname: mx480-re0\n"));
	/* In configuration mode, show version is the version statement. */
	assert_string_equal(run(f, cli, "show version"), "version 10.1R1.8;\n");
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_exit_and_quit_end_the_session(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, true);
	struct sim_buf out = SIM_BUF_INIT;

	(void)state;
	assert_int_equal(sim_cli_line(cli, "exit", &out), SIM_CLI_EXIT);
	sim_cli_free(cli);
	cli = cli_on(f, 0, true);
	assert_int_equal(sim_cli_line(cli, "quit", &out), SIM_CLI_EXIT);
	sim_cli_free(cli);
	cli = cli_on(f, 0, true);
	assert_int_equal(sim_cli_line(cli, "show version", &out), SIM_CLI_CONTINUE);
	sim_cli_free(cli);
	sim_buf_free(&out);
	fixture_free(f);
}

static void
test_garbage_and_overlong_lines_are_refused_not_fatal(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);
	char *big = malloc(70001);
	char *many = malloc(4 * 200 + 1);
	int i;

	(void)state;
	memset(big, 'x', 70000);
	big[70000] = '\0';
	assert_non_null(strstr(run(f, cli, big), "unknown command"));
	for (i = 0; i < 200; i++)
		memcpy(many + 4 * i, "sh ", 4);
	many[4 * 200] = '\0';
	assert_non_null(strstr(run(f, cli, many), "error"));
	assert_non_null(strstr(run(f, cli, "show \"unterminated"), "syntax error"));
	assert_non_null(strstr(run(f, cli, "\x01\x02\xff\xfe"), "unknown command"));
	assert_string_equal(run(f, cli, ""), "");
	free(big);
	free(many);
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_cli_timestamp_prefixes_each_command(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, true);
	const char *out;

	(void)state;
	out = run(f, cli, "set cli timestamp");
	assert_non_null(strstr(out, "\nCLI timestamp set to: %b %d %T\n"));
	out = run(f, cli, "show system uptime");
	/* "Nov 25 14:54:21\n" then the output. */
	assert_int_equal(out[3], ' ');
	assert_int_equal(out[6], ' ');
	assert_int_equal(out[9], ':');
	assert_int_equal(out[15], '\n');
	assert_int_equal(strncmp(out + 16, "Current time: ", 14), 0);
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_question_mark_lists_completions_and_redraws_the_line(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, true);
	const char *out;

	(void)state;
	sim_cli_complete(cli, "show sys", &f->out);
	out = sim_buf_str(&f->out);
	assert_int_equal(strncmp(out, "\nPossible completions:\n  system ", 32), 0);
	assert_null(strstr(out, "chassis"));
	assert_non_null(strstr(out, "\n{master}\nnetops@mx480-re0> show sys"));
	sim_buf_reset(&f->out);
	sim_cli_complete(cli, "show version ", &f->out);
	out = sim_buf_str(&f->out);
	assert_non_null(strstr(out, "  <[Enter]>            Execute this command\n"));
	assert_non_null(strstr(out, "  invoke-on "));
	assert_non_null(strstr(out, "  |                    Pipe through a command\n"));
	sim_buf_reset(&f->out);
	sim_cli_complete(cli, "frob", &f->out);
	assert_non_null(strstr(sim_buf_str(&f->out), "No valid completions\n"));
	sim_cli_free(cli);
	fixture_free(f);
}

static void
test_software_add_names_the_bundle_and_its_signing_train(void **state)
{
	struct fixture *f = fixture_new(NULL);
	struct sim_cli *cli = cli_on(f, 0, false);

	(void)state;
	assert_non_null(strstr(run(f, cli, "request system software add "
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"),
	    "\nVerified jinstall-10.3R2.11-domestic.tgz signed by "
	    "PackageProduction_10_3_0\n"));
	assert_string_equal(f->ch.re[0].pending_version, "10.3R2.11");
	sim_cli_free(cli);
	fixture_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_greeting_has_banner_role_line_and_prompt),
		cmocka_unit_test(test_abbreviated_keywords_run_the_same_command),
		cmocka_unit_test(test_unknown_command_has_caret_under_the_word),
		cmocka_unit_test(test_bad_word_after_a_command_is_a_syntax_error_there),
		cmocka_unit_test(test_exec_error_names_the_word),
		cmocka_unit_test(test_ambiguous_word_lists_possible_completions),
		cmocka_unit_test(test_master_only_command_is_refused_on_the_backup),
		cmocka_unit_test(test_master_only_command_follows_mastership),
		cmocka_unit_test(test_match_pipe_is_case_insensitive_and_quoted),
		cmocka_unit_test(test_except_count_and_last_pipes_filter_lines),
		cmocka_unit_test(test_bad_pipe_is_a_syntax_error),
		cmocka_unit_test(test_commit_synchronize_changes_both_routing_engines),
		cmocka_unit_test(test_plain_commit_without_synchronize_stays_local),
		cmocka_unit_test(test_exit_with_uncommitted_changes_asks_first),
		cmocka_unit_test(test_rollback_discards_the_candidate),
		cmocka_unit_test(test_run_executes_operational_commands_in_configure_mode),
		cmocka_unit_test(test_exit_and_quit_end_the_session),
		cmocka_unit_test(test_garbage_and_overlong_lines_are_refused_not_fatal),
		cmocka_unit_test(test_cli_timestamp_prefixes_each_command),
		cmocka_unit_test(test_question_mark_lists_completions_and_redraws_the_line),
		cmocka_unit_test(test_software_add_names_the_bundle_and_its_signing_train),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
