/*
 * re_session.h - one SSH session to one routing engine, driven by its own
 * worker thread, so that a blocking connect or a rebooting RE never delays
 * the other RE or the screen.  Knows SSH (libssh), nothing about Junos.
 *
 * The owner creates a session, starts its worker, queues commands (exec
 * channels) or an interactive CLI (a shell channel) and reads what happens
 * from the event queue: CONNECTED, LINES (output as it arrives, in batches
 * of whole lines), PROMPT (an unfinished line the peer stopped at: a
 * question or a CLI prompt), COMMAND_DONE, DISCONNECTED (with the reason),
 * ASK (a passphrase or password the worker waits for).  The owner answers
 * questions with re_session_input and ASKs with re_session_answer.
 *
 * Threads: every function here is called from the owner's thread (one
 * thread per session object); only the worker touches libssh.  The owner
 * stops a worker by shutting its socket down (re_session_cancel).  See
 * shared/notes/libssh.md for the measured behaviour this rests on
 * (TCP_NODELAY, config parsing, timeouts).
 *
 * Secrets: what the owner types (re_session_input) and answers
 * (re_session_answer) is never posted as an event nor logged, and is wiped
 * from the session's memory once sent.
 */
#ifndef SESSIONS_RE_SESSION_H
#define SESSIONS_RE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

struct event_queue;
struct re_session;

enum re_auth_method {
	RE_AUTH_AGENT,
	RE_AUTH_PUBLICKEY,
	RE_AUTH_KEYBOARD_INTERACTIVE,
	RE_AUTH_PASSWORD,
};

enum re_host_key_policy {
	RE_HOSTKEY_STRICT,	/* unknown keys refused, fingerprint shown */
	RE_HOSTKEY_ACCEPT_NEW,	/* a key added when no known_hosts line
				   names the host at all; under both,
				   changed and revoked keys and a file that
				   cannot be read are refused (known_hosts.h) */
};

enum { RE_MAX_AUTH = 4, RE_MAX_IDENTITIES = 8 };

/* Everything a worker needs; copied by re_session_new. */
struct re_session_params {
	int slot;				/* 0 or 1, echoed in events */
	const char *host;			/* or a ~/.ssh/config Host alias */
	int port;
	bool port_given;			/* else ~/.ssh/config may set it */
	const char *user;			/* NULL: ~/.ssh/config, then the
						   login name */
	const char *ssh_config;			/* OpenSSH client config to read
						   first (NULL: none); ours wins,
						   and nothing in it can weaken
						   the host-key policy */
	const char *known_hosts;		/* OpenSSH file; may not exist */
	enum re_host_key_policy policy;
	enum re_auth_method auth[RE_MAX_AUTH];	/* tried in this order */
	size_t nauth;
	const char *identities[RE_MAX_IDENTITIES]; /* private key files;
						   none: the default ~/.ssh/id_*
						   keys (libssh's, and the
						   config's IdentityFile) */
	size_t nidentities;
	const char *password;			/* for password and keyboard-
						   interactive; never logged */
	int connect_timeout_s;			/* TCP + banner + key exchange */
	int command_timeout_s;			/* a command (re_session_run)
						   not finished this long is cut
						   and the session ends with a
						   TIMEOUT (0 = no limit); not
						   counted from a PROMPT to the
						   next output or input; on a
						   shell, counted from the last
						   input */
	int alive_interval_s;			/* OpenSSH's ServerAliveInterval:
						   after this long with nothing
						   from the RE, a probe it must
						   answer is sent (0 = never) */
	int alive_count_max;			/* ServerAliveCountMax: this many
						   intervals more in silence and
						   the RE is lost (DISCONNECTED,
						   TIMEOUT), found after about
						   (count + 1) * interval */
	bool ask;				/* the owner answers ASK events:
						   an encrypted key's passphrase
						   (asked only once the server
						   would take the key), the
						   password when none is given
						   (password and keyboard-
						   interactive, when offered).
						   false: such a key or method
						   is skipped, as before, so an
						   owner that cannot answer
						   never waits */
};

/* Returns NULL when out of memory or file descriptors. */
struct re_session *re_session_new(const struct re_session_params *p,
    struct event_queue *q);

/* Starts the worker: connect, check the host key, log in, then run queued
 * commands.  Returns -1 when a worker is already running. */
int re_session_start(struct re_session *s);

/* Queues a command for an exec channel; returns its id (> 0), or -1 when
 * no worker runs (or it has ended: join and start again).  Commands run one at a time, in order.  Its output comes
 * as LINES and PROMPT events with that id, then COMMAND_DONE. */
int re_session_run(struct re_session *s, const char *command);

/* As re_session_run, held to limit_s seconds instead of the session's
 * command_timeout_s (0: no limit, for a command whose owner keeps its own
 * deadline).  Past it the session ends: DISCONNECTED, TIMEOUT, naming the
 * command. */
int re_session_run_within(struct re_session *s, const char *command,
    int limit_s);

/*
 * Queues an interactive CLI: a shell channel without a pty, as `ssh -T host`
 * with its input piped in (no echo, "\n" line ends).  Returns its id like
 * re_session_run, in the same queue: it starts when the commands before it
 * are done and holds the session until the peer closes the channel
 * (COMMAND_DONE), e.g. after the owner writes "exit\n".  Commands queued
 * after it wait until then.
 */
int re_session_run_shell(struct re_session *s);

/*
 * Writes text (e.g. "yes\n") to the channel of command_id, running or
 * still queued (then it is sent as soon as its channel opens); the call
 * wakes the worker, which sends it at once.  The text is copied, never
 * posted nor logged, and wiped once sent.  Returns 0 when queued; -1 when
 * that command is finished (its COMMAND_DONE may still be in the queue),
 * unknown, its input was closed, or the worker has ended.
 */
int re_session_input(struct re_session *s, int command_id, const char *text);

/* Sends EOF on command_id's channel after any input queued before it: a
 * question then takes its default answer, a CLI leaves.  Returns 0, or -1
 * as re_session_input. */
int re_session_close_input(struct re_session *s, int command_id);

/*
 * Answers the ASK the worker waits for: secret is the passphrase or the
 * password (copied; the caller wipes its own copy), NULL when the operator
 * declined (that key or method is skipped).  The worker wipes it after
 * use.  A wrong one is asked again (ask_attempt 2, 3), as ssh does.
 *
 * Kept for reconnects of this session object (and wiped or freed by
 * re_session_free), so that a rebooted RE's reconnect asks nothing: a
 * password that logged in; a named key decrypted with a passphrase (the key,
 * not the passphrase); a key whose passphrase was declined is not asked
 * again.  A default key (no identities named) is decrypted by libssh and
 * asked again at each connect.  Returns 0, or -1 when no ASK waits.
 */
int re_session_answer(struct re_session *s, const char *secret);

/* Stops the worker: shuts its socket down (and ends a wait for an ASK's
 * answer); it posts DISCONNECTED (cancelled) and ends.  Safe from the owner
 * thread at any time. */
void re_session_cancel(struct re_session *s);

/* Waits for the worker to end (after cancel or a disconnect). */
void re_session_join(struct re_session *s);

/* Cancels, joins and frees; wipes a kept password and key.  Accepts
 * NULL. */
void re_session_free(struct re_session *s);

/* The delay before reconnect attempt n (0-based): 1 s doubling to 15 s,
 * +-20 % jitter from `seed`, in milliseconds. */
int re_backoff_ms(unsigned attempt, unsigned seed);

#endif
