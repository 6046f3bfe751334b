/*
 * commands.h - the subcommands of issu-console, each a function taking its
 * own argv (argv[0] is the subcommand's name) and returning the exit code.
 */
#ifndef TUI_COMMANDS_H
#define TUI_COMMANDS_H

#include <stdbool.h>

/* parse COMMAND [FILE]: what the console reads in a capture (cmd_parse.c). */
int cmd_parse(int argc, char **argv);

/* status [-c FILE] [--json] [ROUTER]: both REs read once (cmd_status.c). */
int cmd_status(int argc, char **argv);

/* plan [-c FILE] [ROUTER]: the steps and commands, nothing sent (cmd_plan.c). */
int cmd_plan(int argc, char **argv);

/* run [-c FILE] [ROUTER]: the guided ISSU in plain line mode (cmd_run.c). */
int cmd_run(int argc, char **argv);

struct target;

/* The plain line mode on a loaded target (run, practice --plain): banner,
 * when not NULL, is printed first.  Returns the exit code. */
int run_plain(const struct target *t, double time_scale, bool quiet,
    const char *banner);

#endif
