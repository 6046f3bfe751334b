/*
 * config_db.h - one routing engine's Junos configuration, as the simulator
 * keeps it: an ordered list of `set` statements, shown either as the curly-
 * brace hierarchy (`show configuration`) or as `set` lines (`| display set`),
 * edited in configure mode (`set`, `delete`), compared (`show | compare`).
 *
 * Statements are stored without the leading "set", as words separated by one
 * space ("chassis redundancy graceful-switchover").  Which words are values
 * rather than hierarchy levels comes from a small schema table in
 * config_db.c (host-name takes a value; graceful-switchover does not).  This
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
 * `set WORDS`: adds the statement (a duplicate is a no-op; setting a leaf
 * value replaces the old value, as Junos does).  Returns -1 with Junos' own
 * error text in err for an empty or malformed statement.
 */
int sim_config_set(struct sim_config *c, const char *words, char *err,
    size_t errlen);

/*
 * `delete WORDS`: removes the statement and everything below it.  Returns 0,
 * or -1 with "warning: statement not found" in err when nothing matched.
 */
int sim_config_delete(struct sim_config *c, const char *words, char *err,
    size_t errlen);

/* True when the exact statement, or one below it, is configured. */
bool sim_config_has(const struct sim_config *c, const char *words);

/* The value of a leaf ("system host-name" -> "mx480-re0"); NULL if absent.
 * Valid until the configuration changes. */
const char *sim_config_value(const struct sim_config *c, const char *words);

bool sim_config_equal(const struct sim_config *a, const struct sim_config *b);

/*
 * show configuration [PATH] [| display set]: `path` is the hierarchy to show
 * (NULL or "" for all).  Returns -1 when the path is not configured or not
 * a valid hierarchy (nothing appended, as Junos prints nothing there).
 */
int sim_config_show(const struct sim_config *c, const char *path,
    bool display_set, struct sim_buf *out);

/* show | compare: the candidate against the committed configuration, in
 * Junos' [edit ...] / + / - form; nothing when they are equal. */
void sim_config_compare(const struct sim_config *committed,
    const struct sim_config *candidate, struct sim_buf *out);

#endif
