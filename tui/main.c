/*
 * main.c - issu-console's entry point: picks the subcommand.
 *
 * The bare command (no subcommand, or only the console's options and a
 * router name) is the curses console (console.c); a first word that names
 * no command is taken as the router's name.
 */
#include <stdio.h>
#include <string.h>

#include "tui/commands.h"
#include "tui/console.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} main_commands[] = {
	{ "status", cmd_status, "status [-c FILE] [--json] [ROUTER]\n"
	  "  status [--json] --re0 HOST[:PORT] --re1 HOST[:PORT] [--user U]\n"
	  "         [--package /var/tmp/PKG]\n"
	  "                         both routing engines read in parallel, once" },
	{ "plan", cmd_plan, "plan [-c FILE] [ROUTER]  the steps and exact commands "
	  "for this router;\n                         reads it, changes nothing" },
	{ "run", cmd_run, "run [-c FILE] [ROUTER]   the guided ISSU in plain line "
	  "mode (answers on stdin)" },
	{ "parse", cmd_parse, "parse COMMAND [FILE]   what the console reads in a "
	  "captured output (JSON)" },
	{ "practice", cmd_practice, "practice [--speed X] [--fault NAME]... "
	  "[--plain]\n                         a rehearsal on a simulated "
	  "chassis (issu-sim), nothing to set up" },
};

static void
main_usage(FILE *f)
{
	size_t i;

	fputs("usage: issu-console [-c FILE] [--time-scale X] [ROUTER]\n"
	    "       issu-console [--re0 HOST[:PORT] --re1 HOST[:PORT] [--user U]"
	    " [--package /var/tmp/PKG]]\n"
	    "                    [--time-scale X]\n"
	    "       issu-console COMMAND [ARGS]\n"
	    "A guided console for Junos in-service software upgrades on dual-RE "
	    "routers.\n\n"
	    "Without a command: the console, both routing engines side by side,\n"
	    "the ISSU's phases, each change confirmed before it is sent.\n"
	    "Keys: Enter next step, ? explain this step, Tab focus pane,\n"
	    "PgUp/PgDn/Home/End scroll, q (or Ctrl-C) quit: while the router\n"
	    "is mid-change it asks first.\n"
	    "One console acts on a router at a time (the console, run, practice):\n"
	    "another one started on it is told who holds it and only watches.\n"
	    "  --time-scale X   divide every wait and countdown by X: only for a\n"
	    "                   rehearsal against issu-sim --speed X\n"
	    "\nCommands:\n", f);
	for (i = 0; i < sizeof main_commands / sizeof main_commands[0]; i++)
		fprintf(f, "  %s\n", main_commands[i].summary);
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return cmd_console(argc, argv);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		main_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("issu-console %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof main_commands / sizeof main_commands[0]; i++)
		if (strcmp(argv[1], main_commands[i].name) == 0)
			return main_commands[i].run(argc - 1, argv + 1);
	/* Options, a router's name, or nothing: the console. */
	return cmd_console(argc, argv);
}
