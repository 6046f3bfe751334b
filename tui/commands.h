/*
 * commands.h - the subcommands of issu-console, each a function taking its
 * own argv (argv[0] is the subcommand's name) and returning the exit code.
 */
#ifndef TUI_COMMANDS_H
#define TUI_COMMANDS_H

/* parse COMMAND [FILE]: what the console reads in a capture (cmd_parse.c). */
int cmd_parse(int argc, char **argv);

/* status [-c FILE] [--json] [ROUTER]: both REs read once (cmd_status.c). */
int cmd_status(int argc, char **argv);

#endif
