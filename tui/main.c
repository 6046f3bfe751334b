/*
 * main.c - issu-console's entry point: picks the subcommand.
 *
 * The interactive console (issue 7) will own the poll loop here; today the
 * one-shot commands are what is built, and the bare command says so rather
 * than pretending.
 */
#include <stdio.h>
#include <string.h>

#include "tui/commands.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} main_commands[] = {
	{ "status", cmd_status, "status [-c FILE] [--json] [ROUTER]\n"
	  "  status [--json] --re0 HOST[:PORT] --re1 HOST[:PORT] [--user U]\n"
	  "                         both routing engines read in parallel, once" },
	{ "plan", cmd_plan, "plan [-c FILE] [ROUTER]  the steps and exact commands "
	  "for this router;\n                         reads it, changes nothing" },
	{ "run", cmd_run, "run [-c FILE] [ROUTER]   the guided ISSU in plain line "
	  "mode (answers on stdin)" },
	{ "parse", cmd_parse, "parse COMMAND [FILE]   what the console reads in a "
	  "captured output (JSON)" },
};

static void
main_usage(FILE *f)
{
	size_t i;

	fputs("usage: issu-console COMMAND [ARGS]\n"
	    "A guided console for Junos in-service software upgrades on dual-RE "
	    "routers.\n\nCommands built so far:\n", f);
	for (i = 0; i < sizeof main_commands / sizeof main_commands[0]; i++)
		fprintf(f, "  %s\n", main_commands[i].summary);
	fputs("\nThe curses console and practice are not built yet.\n", f);
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		main_usage(stderr);
		return 2;
	}
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
	fprintf(stderr, "issu-console: \"%s\" is not a command\n", argv[1]);
	main_usage(stderr);
	return 2;
}
