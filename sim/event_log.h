/*
 * event_log.h - the simulator's ground truth: one JSON object per line,
 * flushed as it happens, for tests and for people checking what the console
 * really did to the router.
 *
 * Every record has "time" (ISO 8601 UTC with milliseconds, wall clock),
 * "re" ("re0"/"re1", or null for the chassis) and "event"; the rest are the
 * fields given.  Safe to call from any thread; a NULL log ignores writes.
 */
#ifndef SIM_EVENT_LOG_H
#define SIM_EVENT_LOG_H

#include <stddef.h>

struct sim_event_log;

/* Field kinds for sim_event_log_write's (key, kind, value) triples. */
enum sim_ev_kind {
	SIM_EV_STR,	/* const char * (NULL writes null) */
	SIM_EV_INT,	/* long long */
	SIM_EV_BOOL,	/* int */
	SIM_EV_RAW,	/* const char *: already JSON (an array, say) */
};

/* Opens (appends to) path; "-" is stdout. Returns NULL with err filled. */
struct sim_event_log *sim_event_log_open(const char *path, char *err,
    size_t errlen);
void sim_event_log_close(struct sim_event_log *log);	/* accepts NULL */

/*
 * Writes one record: slot is 0/1 or -1 for none; then (const char *key,
 * enum sim_ev_kind kind, value) triples ended by a NULL key.
 */
void sim_event_log_write(struct sim_event_log *log, int slot,
    const char *event, ...);

/* Appends s to out as a JSON string literal, quotes included. */
struct sim_buf;
void sim_json_string(struct sim_buf *out, const char *s);

#endif
