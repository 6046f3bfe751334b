/*
 * cmd_plan.c - `issu-console plan [-c FILE] [ROUTER]`: the steps and the
 * exact commands for this router, with the prerequisites read from it and
 * what the fix step would set.  It reads the router and sends nothing that
 * changes it: the engine runs until it first needs the operator, and the
 * operator never answers.
 */
#include "tui/commands.h"

#include <stdio.h>
#include <string.h>

#include "tui/driver.h"
#include "tui/target.h"

static void
plan_changed(void *ctx, struct driver *d)
{
	(void)ctx;
	if (driver_view(d)->state != ISSU_STATE_WORKING)
		driver_quit(d);
}

static void
plan_print(const struct target *t, const struct driver *d)
{
	const struct issu_view *v = driver_view(d);
	const struct issu *e = driver_engine(d);
	int i;

	char a0[300], a1[300];

	target_address(t, 0, a0, sizeof a0);
	target_address(t, 1, a1, sizeof a1);
	printf("Plan for %s (re0 %s, re1 %s)\n", t->router->name, a0, a1);
	for (i = 0; i < 2; i++) {
		const char *ver = issu_facts_version(&v->facts[i], i);
		const char *host = issu_facts_hostname(&v->facts[i], i);

		printf("  re%d  %-20s %-8s %s\n", i, host ? host : "(not read)",
		    junos_re_role_name(issu_facts_role(&v->facts[i], i)),
		    ver ? ver : v->connected[i] ? "(not read)" : "(not reachable)");
	}
	printf("  target %s   phase: %s (%s)\n\n", v->version_after[0] ?
	    v->version_after : "(unknown)", issu_phase_name(v->phase.phase),
	    v->phase.reason);
	printf("Prerequisites:\n");
	for (i = 0; i < ISSU_CHECK_COUNT; i++) {
		const struct issu_check *c = &v->checks[i];

		if (c->title == NULL)
			continue;
		printf("  [%-7s] %-34s %s\n", issu_check_result_name(c->result),
		    c->title, c->reason);
	}
	printf("\nSteps:\n");
	for (i = 0; i < ISSU_STEPS_NUMBERED; i++) {
		const struct issu_step_def *s = issu_step_def((enum issu_step_id)i);
		char cmd[2048];
		int slot = issu_step_command(e, (enum issu_step_id)i, cmd,
		    sizeof cmd);
		const char *p = cmd;

		printf("  %d. %s", i + 1, s->title);
		if (v->run[i].result == ISSU_CHECK_SKIPPED)
			printf("  (skipped: %s)", v->run[i].note);
		if (i == ISSU_STEP_SWITCH_BACK)
			printf("  (optional; switch_back = %s: %s)",
			    t->router->switch_back == CONFIG_SWITCH_BACK_ALWAYS ?
			    "always" : t->router->switch_back ==
			    CONFIG_SWITCH_BACK_NEVER ? "never" : "ask",
			    t->router->switch_back == CONFIG_SWITCH_BACK_ALWAYS ?
			    "done without asking whether" : t->router->
			    switch_back == CONFIG_SWITCH_BACK_NEVER ? "not done" :
			    "the console asks whether, y/N");
		putchar('\n');
		if (slot < 0)
			continue;
		printf("     on re%d%s:\n", slot, s->confirm == ISSU_CONFIRM_TYPED ?
		    ", typed confirmation" : s->confirm == ISSU_CONFIRM_PLAIN ?
		    ", confirmation" : "");
		while (*p != '\0') {
			size_t n = strcspn(p, "\n");

			printf("       %.*s\n", (int)n, p);
			p += n;
			if (*p == '\n')
				p++;
		}
	}
	if (v->state == ISSU_STATE_STOPPED)
		printf("\nThe console would stop here: %s\n", v->stop_reason);
	printf("\nNothing was changed on the router.\n");
}

int
cmd_plan(int argc, char **argv)
{
	struct target_opts o = { 0 };
	struct target t;
	struct driver *d;
	struct driver_options dopt = { .time_scale = 1, .records = false };
	struct driver_ui ui = { .changed = plan_changed, .key_fd = -1 };
	int i, rc;

	for (i = 1; i < argc; i++) {
		int k;

		if (strcmp(argv[i], "--help") == 0) {
			printf("usage: issu-console plan [-c FILE] [ROUTER]\n"
			    "       issu-console plan [-c FILE] --re0 HOST[:PORT] "
			    "--re1 HOST[:PORT]\n"
			    "                         [--user U] [--package "
			    "/var/tmp/PKG]\n"
			    "The steps and exact commands for this router; reads "
			    "it, changes nothing.\n");
			return 0;
		}
		if ((k = target_option(&o, argc, argv, &i, "plan")) < 0)
			return 2;
		if (k == 0) {
			fprintf(stderr, "issu-console plan: unknown option \"%s\"\n",
			    argv[i]);
			return 2;
		}
	}
	if ((rc = target_load(&o, &t, "plan")) != 0) {
		target_free(&t);
		return rc;
	}
	if ((rc = driver_new(&t, &dopt, &ui, &d)) != 0) {
		target_free(&t);
		return rc;
	}
	driver_run(d);
	plan_print(&t, d);
	rc = driver_view(d)->state == ISSU_STATE_STOPPED ? 1 : 0;
	driver_free(d);
	target_free(&t);
	return rc;
}
