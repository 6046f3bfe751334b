/*
 * cli.h - one simulated Junos CLI session: what a line typed at
 * `netops@mx480-re0> ` (or sent as an SSH exec request) makes the router
 * print and do.
 *
 * The commands are a const table in cli.c (words, flags, handler).  Input is
 * matched the way Junos matches it: every keyword may be abbreviated to a
 * unique prefix, `| no-more`, `| match RE`, `| except RE`, `| count`,
 * `| last N` and `| display set` filter the output, and anything else gets
 * Junos' own `unknown command.` / `syntax error` answer.  A session knows
 * nothing of SSH: the server feeds it lines and sends what it returns.
 */
#ifndef SIM_CLI_H
#define SIM_CLI_H

#include <stdbool.h>

struct sim_buf;
struct sim_chassis;
struct sim_cli;

struct sim_cli_params {
	struct sim_chassis *ch;		/* shared; sim_cli_line takes ch->mu */
	int slot;			/* the RE this session is logged into */
	const char *user;		/* copied */
	int session_id;			/* for the event log */
	bool interactive;		/* a pty shell (prompts, banners) or exec */
};

enum sim_cli_result {
	SIM_CLI_CONTINUE,	/* read the next line */
	SIM_CLI_EXIT,		/* the user left (exit, quit): close */
};

struct sim_cli *sim_cli_new(const struct sim_cli_params *p);
void sim_cli_free(struct sim_cli *cli);		/* accepts NULL */

/* The login banner, the {master}/{backup} line and the first prompt. */
void sim_cli_greeting(struct sim_cli *cli, struct sim_buf *out);

/*
 * Runs one line (no line ending) and appends what the router prints,
 * including the next prompt on an interactive session.  When a command asked
 * a question ("Exit with uncommitted changes? [yes,no] (yes) "), the next
 * line is its answer.
 */
enum sim_cli_result sim_cli_line(struct sim_cli *cli, const char *line,
    struct sim_buf *out);

/* True while a question waits for its answer (an exec session then reads
 * the answer from the channel's input, or takes the default at EOF). */
bool sim_cli_asking(const struct sim_cli *cli);

/* `?` typed after `partial` (the line so far): appends the possible
 * completions and the prompt with the partial line redrawn. */
void sim_cli_complete(struct sim_cli *cli, const char *partial,
    struct sim_buf *out);

/* True while a command still prints (an ISSU): the session must call
 * sim_cli_poll until it is not, feeding lines only to answer questions. */
bool sim_cli_busy(const struct sim_cli *cli);

/* Appends what arrived since the last call: the running command's output
 * (and the prompt when it ends) and syslog messages broadcast to this RE's
 * interactive sessions. */
void sim_cli_poll(struct sim_cli *cli, struct sim_buf *out);

/* ^C at the prompt: Junos abandons the line and prints a fresh prompt. */
void sim_cli_interrupt(struct sim_cli *cli, struct sim_buf *out);

/* Exit status for an exec request: 0, or 1 when the last command failed. */
int sim_cli_exit_status(const struct sim_cli *cli);

/* Length of the current prompt line ("netops@mx480-re0> "), for carets. */
int sim_cli_prompt_len(const struct sim_cli *cli);

#endif
