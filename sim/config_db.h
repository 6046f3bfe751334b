/*
 * config_db.h - one routing engine's Junos configuration, as the simulator
 * keeps it: an ordered list of `set` statements, shown either as the curly-
 * brace hierarchy (`show configuration`) or as `set` lines (`| display set`),
 * edited in configure mode (`set`, `delete`), compared (`show | compare`).
 *
 * Statements are stored without the leading "set", as words separated by one
 * space ("chassis redundancy graceful-switchover").  Which words are values
 * rather than hierarchy levels, and which keywords a level allows, comes
 * from schema tables in config_db.c (host-name takes a value;
 * graceful-switchover does not; chassis has no `frobnicate`).  This
 * is the simulator's own knowledge of the format and shares nothing with the
 * console's parsers.
 */
#ifndef SIM_CONFIG_DB_H
#define SIM_CONFIG_DB_H

#include <stdbool.h>
#include <stddef.h>

struct sim_buf;
struct sim_config;

struct sim_config *sim_config_new(void);
struct sim_config *sim_config_dup(const struct sim_config *c);
void sim_config_free(struct sim_config *c);	/* accepts NULL */

/*
 * Errors and bad_word.  Statements are checked against Junos' own schema
 * where the simulator models a level closely (the top level, `groups NAME`,
 * system, system commit, system internet-options, chassis, chassis
 * redundancy, routing-options; see config_db.c): there an unknown keyword,
 * a missing argument or a value where none belongs is refused as Junos
 * refuses it.  Below those levels (interfaces, protocols, policy-options,
 * system login, ...) any plausible statement is kept.
 *
 * bad_word may be NULL.  When a call fails it gets the 0-based index, in
 * `words` or `path`, of the word Junos puts its caret under: the unknown
 * keyword or unwanted value for "syntax error.", the position just past
 * the last word (the number of words) for "missing argument." or an empty
 * statement, and SIZE_MAX when no single word is at fault (statement not
 * found, database full, a statement too long or with control characters).
 * On success it is left alone.
 */

/*
 * `set WORDS`: adds the statement (a duplicate is a no-op; setting a leaf
 * value replaces the old value, as Junos does).  Returns -1 with Junos' own
 * error text in err (no caret line) for an empty, unknown or malformed
 * statement.
 */
int sim_config_set(struct sim_config *c, const char *words, size_t *bad_word,
    char *err, size_t errlen);

/*
 * `delete WORDS`: removes the statement and everything below it.  Returns 0,
 * or -1 with "warning: statement not found" in err when a valid statement
 * is not configured, or Junos' syntax error when it is not valid.
 */
int sim_config_delete(struct sim_config *c, const char *words,
    size_t *bad_word, char *err, size_t errlen);

/* True when the exact statement, or one below it, is configured. */
bool sim_config_has(const struct sim_config *c, const char *words);

/* The value of a leaf ("system host-name" -> "mx480-re0"); NULL if absent.
 * Valid until the configuration changes. */
const char *sim_config_value(const struct sim_config *c, const char *words);

bool sim_config_equal(const struct sim_config *a, const struct sim_config *b);

/*
 * show configuration [PATH] [| display set]: `path` is the hierarchy to show
 * (NULL or "" for all).  Returns 0 when shown, -1 when the path is valid
 * but not configured (nothing appended: Junos prints nothing there), -2
 * when it is not a valid hierarchy (nothing appended; bad_word set as for
 * sim_config_set, the caller prints "syntax error.").
 */
int sim_config_show(const struct sim_config *c, const char *path,
    bool display_set, size_t *bad_word, struct sim_buf *out);

/* show | compare: the candidate against the committed configuration, in
 * Junos' [edit ...] / + / - form; nothing when they are equal. */
void sim_config_compare(const struct sim_config *committed,
    const struct sim_config *candidate, struct sim_buf *out);

#endif
