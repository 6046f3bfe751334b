/*
 * re_session.h - one SSH session to one routing engine, driven by its own
 * worker thread, so that a blocking connect or a rebooting RE never delays
 * the other RE or the screen.  Knows SSH (libssh), nothing about Junos.
 *
 * The owner creates a session, starts its worker, queues commands and reads
 * what happens from the event queue: CONNECTED, LINES (output as it
 * arrives, in batches of whole lines), COMMAND_DONE, DISCONNECTED (with the
 * reason).  The owner never calls libssh; it stops a worker by shutting its
 * socket down (re_session_cancel).  See shared/notes/libssh.md for the
 * measured behaviour this rests on (TCP_NODELAY, config parsing, timeouts).
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
	RE_HOSTKEY_ACCEPT_NEW,	/* unknown keys added; changed keys refused */
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
	const char *identities[RE_MAX_IDENTITIES]; /* private key files */
	size_t nidentities;
	const char *password;			/* for password and keyboard-
						   interactive; never logged */
	int connect_timeout_s;			/* TCP + banner + key exchange */
	int idle_timeout_s;			/* a command silent this long is
						   a hung peer (0 = never) */
};

/* Returns NULL only when out of memory. */
struct re_session *re_session_new(const struct re_session_params *p,
    struct event_queue *q);

/* Starts the worker: connect, check the host key, log in, then run queued
 * commands.  Returns -1 when a worker is already running. */
int re_session_start(struct re_session *s);

/* Queues a command for an exec channel; returns its id (> 0), or -1 when
 * no worker runs.  Commands run one at a time, in order. */
int re_session_run(struct re_session *s, const char *command);

/* Stops the worker: shuts its socket down; it posts DISCONNECTED
 * (cancelled) and ends.  Safe from the owner thread at any time. */
void re_session_cancel(struct re_session *s);

/* Waits for the worker to end (after cancel or a disconnect). */
void re_session_join(struct re_session *s);

/* Cancels, joins and frees.  Accepts NULL. */
void re_session_free(struct re_session *s);

/* The delay before reconnect attempt n (0-based): 1 s doubling to 15 s,
 * +-20 % jitter from `seed`, in milliseconds. */
int re_backoff_ms(unsigned attempt, unsigned seed);

#endif
