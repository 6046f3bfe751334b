/*
 * driver.h - the owner loop of a procedure run: the two SSH sessions, the
 * ISSU engine, the transcript and the change record, tied together by one
 * poll loop.
 *
 * The driver carries out what the engine asks (run this, type that,
 * connect), feeds it what the sessions saw and the operator answered,
 * reconnects a dropped RE with back-off while the engine wants it, and
 * writes every line sent and received to the transcript as it happens.  It
 * decides nothing about the router.  A front end (the plain line mode, the
 * curses console, plan) gives it callbacks to show things and a file
 * descriptor to watch for keys; the front end turns keys into
 * driver_proceed / driver_answer / driver_cancel / driver_quit.
 */
#ifndef TUI_DRIVER_H
#define TUI_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "procedure/issu.h"
#include "sessions/event_queue.h"
#include "tui/target.h"

struct driver;

struct driver_ui {
	void *ctx;
	/* A line for the operator (engine notes, connection news). */
	void (*note)(void *ctx, int slot, const char *text);
	/* Output of an RE as it arrives (whole lines, or an unfinished
	 * prompt); `sent` is true for what the console typed. */
	void (*output)(void *ctx, int slot, const char *text, bool sent);
	/* The view changed: redraw; a question may be open (see view->state). */
	void (*changed)(void *ctx, struct driver *d);
	/* A passphrase or password the SSH worker waits for: 0 with the
	 * secret in out, -1 declined.  May block (the sessions wait). */
	int (*secret)(void *ctx, int slot, enum re_ask_kind kind,
	    const char *what, int attempt, char *out, size_t len);
	/* Watched for POLLIN when >= 0; key_ready then reads it. */
	int key_fd;
	void (*key_ready)(void *ctx, struct driver *d);
	/* Once per turn of the loop, after every event and intent of that
	 * turn: where a front end acts on buffered input, outside any other
	 * callback (callbacks never call back into the driver). */
	void (*idle)(void *ctx, struct driver *d);
};

struct driver_options {
	double time_scale;		/* >= 1: issu-sim at --speed X */
	double poll_interval;		/* seconds; 0: 10 / time_scale */
	bool records;			/* write transcript and change record */
	/* Take the router's lock (tui/router_lock.h): a console that may
	 * change the router.  Held by another console, this one only
	 * watches (issu_params.watch_only) and keeps no records. */
	bool lock;
};

/* The clock every time in a run is on: monotonic seconds. */
double driver_now(void);

/* 0 and *out, or 2 (exit code) with the error printed. */
int driver_new(const struct target *t, const struct driver_options *o,
    const struct driver_ui *ui, struct driver **out);
void driver_free(struct driver *d);	/* accepts NULL */

/* Runs until driver_quit() or the procedure finished; returns 0 when the
 * ISSU completed (with its records whole, or the operator typed norecord),
 * 1 when it stopped or was quit before the end, or its records failed. */
int driver_run(struct driver *d);

/* Stop (fd < 0) or change the descriptor watched for keys: at the end of
 * input, a regular file would otherwise read as ready for ever. */
void driver_set_key_fd(struct driver *d, int fd);

void driver_proceed(struct driver *d);
void driver_answer(struct driver *d, const char *answer);
void driver_cancel(struct driver *d);
void driver_quit(struct driver *d);
/* Leaves for a reason other than the operator's q (a signal: "SIGTERM
 * (Terminated)"): the transcript and the change record say why. */
void driver_quit_because(struct driver *d, const char *why);

const struct issu_view *driver_view(const struct driver *d);
const struct issu *driver_engine(const struct driver *d);

/* Whether another console held the router's lock: this one only watches
 * for its whole life. */
bool driver_watch_only(const struct driver *d);

/* "" when records are off or could not be written. */
const char *driver_transcript_path(const struct driver *d);
const char *driver_record_path(const struct driver *d);

/* Whether the session to slot is up, and when it will be tried again
 * (seconds from now; < 0 when no retry is scheduled). */
bool driver_connected(const struct driver *d, int slot);
double driver_retry_in(const struct driver *d, int slot);

#endif
