/*
 * event_queue.h - what the SSH workers tell the main loop: a mutex-guarded
 * FIFO of events plus a pipe whose read end the main loop polls, so that a
 * worker blocked on a rebooting RE never blocks the screen or the other RE.
 *
 * Workers push; one owner pops.  An event's text is owned by the event and
 * freed with it (re_event_free).  Router output (LINES, PROMPT) is bytes,
 * not a C string: a NUL byte a router sends is inside text, counted by len,
 * and never ends it early.  No event ever carries what the owner
 * typed (re_session_input) or a secret it gave (re_session_answer).
 */
#ifndef SESSIONS_EVENT_QUEUE_H
#define SESSIONS_EVENT_QUEUE_H

#include <stddef.h>

enum re_event_kind {
	RE_EV_CONNECTED,	/* logged in; message holds the auth method;
				   text, when not NULL, what the login
				   changed here (a host key added to
				   known_hosts under accept-new) and the
				   known_hosts lines skipped ("FILE:N:
				   skipped: why"), "; "-separated */
	RE_EV_LINES,		/* text, len: one or more whole lines of
				   output, each ending in "\n" */
	RE_EV_COMMAND_DONE,	/* command_id finished; exit_status (-1 none);
				   message "" when it ended, else why its
				   output was cut short (the connection
				   lost: a DISCONNECTED follows) */
	RE_EV_DISCONNECTED,	/* reason + message; the worker has stopped */
	RE_EV_PROMPT,		/* text, len: the unfinished last line of
				   command_id's output, after ~50 ms without
				   more (a question, a CLI prompt); no "\n" */
	RE_EV_ASK,		/* the worker waits for re_session_answer:
				   ask says for what, message names it */
};

/*
 * What an ASK waits for.  The worker is blocked until the owner answers
 * (re_session_answer) or cancels; nothing times it out.
 */
enum re_ask_kind {
	RE_ASK_NONE,
	RE_ASK_PASSPHRASE,	/* message: the private key file's path (a
				   default key's path as libssh logs it, else
				   "a default key (~/.ssh/id_*)") */
	RE_ASK_PASSWORD,	/* message: "user@host" */
};

enum re_disconnect_reason {
	RE_DISC_NONE,
	RE_DISC_REFUSED,	/* connection refused: the RE is not listening */
	RE_DISC_TIMEOUT,	/* no answer within the connect timeout */
	RE_DISC_CLOSED,		/* the peer closed or reset the connection */
	RE_DISC_AUTH_FAILED,	/* every configured method was refused */
	RE_DISC_HOSTKEY_UNKNOWN, /* strict policy and the key is not known */
	RE_DISC_HOSTKEY_CHANGED, /* the key differs from known_hosts: never OK */
	RE_DISC_HOSTKEY_UNCHECKED, /* known_hosts cannot be read (or none is
				   configured): no key can be trusted */
	RE_DISC_CANCELLED,	/* the owner asked the worker to stop */
	RE_DISC_ERROR,		/* anything else; message says what */
};

/*
 * A PROMPT's text is consumed: the bytes that follow start a new LINES or
 * PROMPT, so nothing is delivered twice.  The pause that makes a PROMPT can
 * also fall inside an ordinary line on a slow link; an owner that parses
 * whole lines joins a PROMPT's text to the start of the next LINES.
 */
struct re_event {
	enum re_event_kind kind;
	int slot;			/* 0 or 1 */
	int command_id;			/* LINES, PROMPT, COMMAND_DONE */
	int exit_status;		/* COMMAND_DONE */
	enum re_disconnect_reason reason; /* DISCONNECTED */
	enum re_ask_kind ask;		/* ASK */
	int ask_attempt;		/* ASK: 1, then 2, 3 after a wrong
					   passphrase or password */
	char *text;			/* LINES, PROMPT, CONNECTED: owned;
					   else NULL; always followed by a
					   '\0' (after len bytes) */
	size_t len;			/* LINES, PROMPT: bytes in text, NULs
					   included; else strlen(text) or 0 */
	char message[1024];		/* human-readable detail */
	struct re_event *next;		/* queue link */
};

struct event_queue;

/* Returns NULL when the pipe cannot be made (errno set). */
struct event_queue *event_queue_new(void);
void event_queue_free(struct event_queue *q);	/* frees pending events */

/* The fd to poll for POLLIN; readable while events are pending. */
int event_queue_fd(const struct event_queue *q);

/* Takes ownership of ev (allocated with calloc). Thread-safe. */
void event_queue_push(struct event_queue *q, struct re_event *ev);

/* The oldest event or NULL; the caller owns it. Owner thread only. */
struct re_event *event_queue_pop(struct event_queue *q);

void re_event_free(struct re_event *ev);	/* accepts NULL */

const char *re_disconnect_reason_name(enum re_disconnect_reason r);

#endif
