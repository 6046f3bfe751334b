/*
 * json.h - the console's small JSON writer, for `status --json` and
 * `parse`: output that scripts and support staff read, so it is always
 * valid JSON (strings escaped, null for what was not learned).
 */
#ifndef TUI_JSON_H
#define TUI_JSON_H

#include <stdbool.h>
#include <stdio.h>

/* A JSON string literal of s, quotes included; NULL or "" print null when
 * null_if_empty. */
void json_string(FILE *f, const char *s, bool null_if_empty);

/* A number, or null when v < 0 (the console's "not learned"). */
void json_count(FILE *f, long long v);

/* Flushes f; on a write error (a full disk, a closed pipe) says so on
 * stderr as "WHO: cannot write the output: ..." and returns -1, so that a
 * script never takes a cut document for a whole one. */
int json_finish(FILE *f, const char *who);

#endif
