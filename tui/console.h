/*
 * console.h - the curses console: both REs side by side, the phase list,
 * the output panes, the guided confirmations.  It draws the engine's view
 * (issu_view) and the driver's connection state and turns keys into
 * driver_proceed / driver_answer / driver_cancel / driver_quit; it decides
 * nothing about the router.
 */
#ifndef TUI_CONSOLE_H
#define TUI_CONSOLE_H

#include <stdbool.h>

struct target;

struct console_opts {
	double time_scale;	/* >= 1; practice passes issu-sim's --speed */
	const char *banner;	/* shown in the header when not NULL: "PRACTICE
				   - simulated chassis (issu-sim --speed 20)" */
	const char *resume;	/* how to come back after quitting mid-change
				   ("issu-console -c lab.conf mx480-lab");
				   NULL: "issu-console ROUTER" */
	bool practice;		/* the chassis ends with the console: there
				   is nothing to come back to */
};

/* Runs the console on a loaded target until the operator leaves or the
 * procedure ends and is acknowledged; restores the terminal on every way
 * out.  Returns the exit code: 0 ISSU complete, 1 stopped or left, 2 the
 * terminal or the records could not be set up (message on stderr). */
int console_run(const struct target *t, const struct console_opts *o);

/* issu-console [-c FILE] [ROUTER] (and --re0/--re1/--user). */
int cmd_console(int argc, char **argv);

/* issu-console practice [--speed X] [--fault NAME]... [--plain] */
int cmd_practice(int argc, char **argv);

#endif
