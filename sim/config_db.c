/*
 * config_db.c - one routing engine's configuration (see config_db.h).
 *
 * The simulator must print a configuration the way Junos does, and the
 * console under test reads it back: a `set` statement alone does not say
 * how it renders (`host-name mx480-re0;` but `routing-engine 0 master;`,
 * `file messages { any notice; }`, `apply-groups [ re0 re1 ];`).  So the
 * statements are kept as a tree whose levels are what Junos calls
 * statements and identifiers, decided by a small schema table; walking the
 * tree in order gives back the statements (`| display set`), printing it
 * gives the curly-brace form, and walking two trees side by side gives
 * `show | compare`.
 *
 * Where the simulator models a level closely (the top level, `groups NAME`,
 * system, system commit, system internet-options, chassis, chassis
 * redundancy, routing-options) its keywords are a closed set taken from
 * Junos' statement hierarchy, so `set chassis frobnicate` is refused with
 * the caret under `frobnicate` as on a real RE, instead of being committed
 * and misleading the console under test.  Below those levels words the
 * schema does not know are kept as plain levels (the last one a leaf), so
 * plausible configuration pasted by an operator is never refused.
 *
 * Everything is bounded (statement length, words per statement, nodes per
 * database) so that a hostile or broken client cannot make the simulator
 * grow without limit; anything beyond a bound is refused like a syntax error.
 */
#include "sim/config_db.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/buf.h"
#include "sim/fatal.h"

/* Bounds: bytes and words (hence depth) of a statement; nodes plus list
 * values in one database. */
#define SIM_CONFIG_MAX_LINE	4096
#define SIM_CONFIG_MAX_WORDS	64
#define SIM_CONFIG_MAX_NODES	10000

/*
 * Error texts, without the caret line Junos prints above a parse error (the
 * CLI knows the column, we do not).  SYNTAX and NOTFOUND are as captured
 * (reference/junos/syntax_error/, and Junos automation libraries matching
 * the delete warning); EMPTY is the text Juniper documents for a bare
 * `set`, and MISSING Junos' wording for a keyword without its argument, both
 * not from a capture.  FULL is our own: a real RE has no such small limit.
 */
#define SIM_ERR_EMPTY \
	"syntax error, expecting <statement> or <identifier>."
#define SIM_ERR_SYNTAX	"syntax error."
#define SIM_ERR_MISSING	"missing argument."
#define SIM_ERR_FULL	"error: configuration database full"
#define SIM_ERR_NOTFOUND "warning: statement not found"

/*
 * What a keyword takes after it, from the schema: NAMED an identifier
 * (`unit 0`, `file messages`); VALUE one value that a new `set` replaces
 * (host-name); LIST values that accumulate (apply-groups [ a b ]); ONELINE
 * children printed on its own line (`server X prefer;`); SYSLOG marks a
 * syslog destination, under which a facility takes a severity; EMPTY a
 * leaf that takes nothing at all (graceful-switchover), so that a word
 * after it is a syntax error rather than a new level.
 */
enum {
	SIM_SCH_NAMED = 0x01,
	SIM_SCH_VALUE = 0x02,
	SIM_SCH_LIST = 0x04,
	SIM_SCH_ONELINE = 0x08,
	SIM_SCH_SYSLOG = 0x10,
	SIM_SCH_EMPTY = 0x20,
};

#define SIM_NELEM(a)	(sizeof (a) / sizeof (a)[0])

/*
 * The statements whose rendering the simulator needs to get right below
 * the closed levels (those carry their own flags, see sim_stmt).  parent
 * is the keyword of the enclosing statement (NULL: anywhere); a row with a
 * parent wins over one without.  Keywords not listed are plain levels.
 */
static const struct sim_schema {
	const char *parent;
	const char *keyword;
	unsigned flags;
} sim_schema[] = {
	{ NULL, "apply-groups", SIM_SCH_LIST },
	{ NULL, "apply-groups-except", SIM_SCH_LIST },
	/* system */
	{ NULL, "host-name", SIM_SCH_VALUE },
	{ NULL, "domain-name", SIM_SCH_VALUE },
	{ NULL, "time-zone", SIM_SCH_VALUE },
	{ NULL, "location", SIM_SCH_VALUE },
	{ NULL, "contact", SIM_SCH_VALUE },
	{ NULL, "description", SIM_SCH_VALUE },
	{ "login", "message", SIM_SCH_VALUE },
	{ "login", "user", SIM_SCH_NAMED },
	{ "login", "class", SIM_SCH_NAMED },
	{ "user", "class", SIM_SCH_VALUE },
	{ "user", "uid", SIM_SCH_VALUE },
	{ "user", "full-name", SIM_SCH_VALUE },
	{ NULL, "encrypted-password", SIM_SCH_VALUE },
	{ NULL, "plain-text-password-value", SIM_SCH_VALUE },
	{ NULL, "protocol-version", SIM_SCH_VALUE },
	{ NULL, "root-login", SIM_SCH_VALUE },
	{ NULL, "connection-limit", SIM_SCH_VALUE },
	{ NULL, "rate-limit", SIM_SCH_VALUE },
	{ "syslog", "file", SIM_SCH_NAMED | SIM_SCH_SYSLOG },
	{ "syslog", "host", SIM_SCH_NAMED | SIM_SCH_SYSLOG },
	{ "syslog", "user", SIM_SCH_NAMED | SIM_SCH_SYSLOG },
	{ "syslog", "console", SIM_SCH_SYSLOG },
	{ "traceoptions", "file", SIM_SCH_NAMED },
	{ NULL, "size", SIM_SCH_VALUE },
	{ NULL, "files", SIM_SCH_VALUE },
	{ "ntp", "server", SIM_SCH_NAMED | SIM_SCH_ONELINE },
	{ "ntp", "boot-server", SIM_SCH_VALUE },
	{ "server", "version", SIM_SCH_VALUE },
	{ "server", "key", SIM_SCH_VALUE },
	/* chassis */
	{ "redundancy", "routing-engine", SIM_SCH_NAMED | SIM_SCH_VALUE },
	{ NULL, "keepalive-time", SIM_SCH_VALUE },
	{ NULL, "fpc", SIM_SCH_NAMED },
	{ NULL, "pic", SIM_SCH_NAMED },
	{ NULL, "bandwidth", SIM_SCH_VALUE },
	{ NULL, "sampling-instance", SIM_SCH_VALUE },
	{ NULL, "ipv4-flow-table-size", SIM_SCH_VALUE },
	{ NULL, "ipv6-flow-table-size", SIM_SCH_VALUE },
	/* interfaces */
	{ NULL, "unit", SIM_SCH_NAMED },
	{ NULL, "family", SIM_SCH_NAMED },
	{ NULL, "address", SIM_SCH_NAMED },
	{ NULL, "mtu", SIM_SCH_VALUE },
	{ NULL, "vlan-id", SIM_SCH_VALUE },
	/* snmp */
	{ "snmp", "community", SIM_SCH_NAMED },
	{ NULL, "authorization", SIM_SCH_VALUE },
	/* routing-options, protocols, policy */
	{ NULL, "router-id", SIM_SCH_VALUE },
	{ NULL, "autonomous-system", SIM_SCH_VALUE },
	{ "static", "route", SIM_SCH_NAMED | SIM_SCH_ONELINE },
	{ NULL, "next-hop", SIM_SCH_VALUE },
	{ NULL, "area", SIM_SCH_NAMED },
	{ NULL, "interface", SIM_SCH_NAMED },
	{ NULL, "metric", SIM_SCH_VALUE },
	{ NULL, "group", SIM_SCH_NAMED },
	{ NULL, "neighbor", SIM_SCH_NAMED },
	{ NULL, "peer-as", SIM_SCH_VALUE },
	{ NULL, "local-address", SIM_SCH_VALUE },
	{ "group", "type", SIM_SCH_VALUE },
	{ NULL, "export", SIM_SCH_LIST },
	{ NULL, "import", SIM_SCH_LIST },
	{ NULL, "policy-statement", SIM_SCH_NAMED },
	{ NULL, "prefix-list", SIM_SCH_NAMED },
	{ NULL, "term", SIM_SCH_NAMED },
};

/* Syslog facilities: under a destination each takes a severity. */
static const char *const sim_syslog_facilities[] = {
	"any", "authorization", "change-log", "conflict-log", "daemon", "dfc",
	"external", "firewall", "ftp", "interactive-commands", "kernel", "ntp",
	"pfe", "security", "user",
};

/*
 * Closed levels: the statements Junos allows at the levels the simulator
 * models closely, from Juniper's configuration statement hierarchy
 * (CLI reference, [edit system], [edit chassis], [edit chassis
 * redundancy], [edit routing-options], [edit system internet-options])
 * for the MX series, trimmed of nothing an operator could plausibly paste.
 * A keyword not in its level's table is "syntax error." with the caret on
 * it.  Rows carry their own rendering flags (the generic sim_schema table
 * is not consulted at a closed level).  sub is the closed level below, NULL
 * when anything may follow (an open level) or nothing may (EMPTY, VALUE).
 * A row with a NULL keyword matches any word: the group names under
 * `groups`.  choices, when set, are the only values Junos takes.
 */
struct sim_level;

struct sim_stmt {
	const char *kw;			/* NULL: any word */
	unsigned flags;			/* SIM_SCH_*; 0: a container */
	const struct sim_level *sub;	/* closed level below, or NULL */
	const char *const *choices;	/* NULL-terminated, or NULL: any */
};

struct sim_level {
	const struct sim_stmt *stmts;
	size_t n;
};

#define SIM_LEVEL(rows)	{ rows, SIM_NELEM(rows) }

/* groups NAME holds what the top level holds. */
static const struct sim_level sim_lvl_top;

static const char *const sim_re_roles[] = {
	"master", "backup", "disabled", NULL,
};

/* The console checks for drop-all-tcp before an ISSU. */
static const char *const sim_tcp_reset_modes[] = {
	"drop-all-tcp", "drop-tcp-with-syn-only", NULL,
};

/* Allowed at every level, closed or not, as in Junos. */
static const struct sim_stmt sim_stmt_anywhere[] = {
	{ "apply-groups", SIM_SCH_LIST, NULL, NULL },
	{ "apply-groups-except", SIM_SCH_LIST, NULL, NULL },
};

static const struct sim_stmt sim_stmt_commit[] = {
	{ "delta-export", SIM_SCH_EMPTY, NULL, NULL },
	{ "fast-synchronize", SIM_SCH_EMPTY, NULL, NULL },
	{ "notification", 0, NULL, NULL },
	{ "peers", 0, NULL, NULL },
	{ "peers-synchronize", SIM_SCH_EMPTY, NULL, NULL },
	{ "persist-groups-inheritance", SIM_SCH_EMPTY, NULL, NULL },
	{ "server", 0, NULL, NULL },
	{ "synchronize", SIM_SCH_EMPTY, NULL, NULL },
};
static const struct sim_level sim_lvl_commit = SIM_LEVEL(sim_stmt_commit);

static const struct sim_stmt sim_stmt_inet_options[] = {
	{ "gre-path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "icmpv4-rate-limit", 0, NULL, NULL },
	{ "icmpv6-rate-limit", 0, NULL, NULL },
	{ "ipip-path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "ipv4-duplicate-addr-detection", 0, NULL, NULL },
	{ "ipv6-duplicate-addr-detection-transmits", SIM_SCH_VALUE, NULL,
	    NULL },
	{ "ipv6-path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "ipv6-path-mtu-discovery-timeout", SIM_SCH_VALUE, NULL, NULL },
	{ "ipv6-reject-zero-hop-limit", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-gre-path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-ipip-path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-ipv6-path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-ipv6-reject-zero-hop-limit", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-source-quench", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-tcp-reset", SIM_SCH_VALUE, NULL, sim_tcp_reset_modes },
	{ "no-tcp-rfc1323", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-tcp-rfc1323-paws", SIM_SCH_EMPTY, NULL, NULL },
	{ "path-mtu-discovery", SIM_SCH_EMPTY, NULL, NULL },
	{ "source-port", 0, NULL, NULL },
	{ "source-quench", SIM_SCH_EMPTY, NULL, NULL },
	{ "tcp-drop-synfin-set", SIM_SCH_EMPTY, NULL, NULL },
	{ "tcp-mss", SIM_SCH_VALUE, NULL, NULL },
};
static const struct sim_level sim_lvl_inet_options =
    SIM_LEVEL(sim_stmt_inet_options);

static const struct sim_stmt sim_stmt_system[] = {
	{ "accounting", 0, NULL, NULL },
	{ "allow-v4mapped-packets", SIM_SCH_EMPTY, NULL, NULL },
	{ "archival", 0, NULL, NULL },
	{ "arp", 0, NULL, NULL },
	{ "authentication-order", SIM_SCH_LIST, NULL, NULL },
	{ "auto-snapshot", SIM_SCH_EMPTY, NULL, NULL },
	{ "autoinstallation", 0, NULL, NULL },
	{ "backup-router", SIM_SCH_NAMED, NULL, NULL },
	{ "commit", 0, &sim_lvl_commit, NULL },
	{ "compress-configuration-files", SIM_SCH_EMPTY, NULL, NULL },
	{ "configuration", 0, NULL, NULL },
	{ "configuration-database", 0, NULL, NULL },
	{ "ddos-protection", 0, NULL, NULL },
	{ "default-address-selection", SIM_SCH_EMPTY, NULL, NULL },
	{ "diag-port-authentication", 0, NULL, NULL },
	{ "domain-name", SIM_SCH_VALUE, NULL, NULL },
	{ "domain-search", SIM_SCH_LIST, NULL, NULL },
	{ "dump-on-panic", SIM_SCH_EMPTY, NULL, NULL },
	{ "dynamic-profile-options", 0, NULL, NULL },
	{ "extensions", 0, NULL, NULL },
	{ "fips", 0, NULL, NULL },
	{ "host-name", SIM_SCH_VALUE, NULL, NULL },
	{ "inet6-backup-router", SIM_SCH_NAMED, NULL, NULL },
	{ "internet-options", 0, &sim_lvl_inet_options, NULL },
	{ "license", 0, NULL, NULL },
	{ "location", 0, NULL, NULL },
	{ "login", 0, NULL, NULL },
	{ "management-instance", SIM_SCH_EMPTY, NULL, NULL },
	{ "master-password", 0, NULL, NULL },
	{ "max-configuration-rollbacks", SIM_SCH_VALUE, NULL, NULL },
	{ "max-configurations-on-flash", SIM_SCH_VALUE, NULL, NULL },
	{ "mirror-flash-on-disk", SIM_SCH_EMPTY, NULL, NULL },
	{ "name-server", 0, NULL, NULL },
	{ "no-compress-configuration-files", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-multicast-echo", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-ping-record-route", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-ping-time-stamp", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-redirects", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-redirects-ipv6", SIM_SCH_EMPTY, NULL, NULL },
	{ "no-saved-core-context", SIM_SCH_EMPTY, NULL, NULL },
	{ "ntp", 0, NULL, NULL },
	{ "pic-console-authentication", 0, NULL, NULL },
	{ "ports", 0, NULL, NULL },
	{ "processes", 0, NULL, NULL },
	{ "radius-options", 0, NULL, NULL },
	{ "radius-server", SIM_SCH_NAMED, NULL, NULL },
	{ "root-authentication", 0, NULL, NULL },
	{ "saved-core-context", SIM_SCH_EMPTY, NULL, NULL },
	{ "saved-core-files", SIM_SCH_VALUE, NULL, NULL },
	{ "scripts", 0, NULL, NULL },
	{ "services", 0, NULL, NULL },
	{ "static-host-mapping", SIM_SCH_NAMED, NULL, NULL },
	{ "switchover-on-routing-crash", SIM_SCH_EMPTY, NULL, NULL },
	{ "syslog", 0, NULL, NULL },
	{ "tacplus-options", 0, NULL, NULL },
	{ "tacplus-server", SIM_SCH_NAMED, NULL, NULL },
	{ "time-zone", SIM_SCH_VALUE, NULL, NULL },
	{ "tracing", 0, NULL, NULL },
	{ "use-imported-time-zones", SIM_SCH_EMPTY, NULL, NULL },
};
static const struct sim_level sim_lvl_system = SIM_LEVEL(sim_stmt_system);

static const struct sim_stmt sim_stmt_redundancy[] = {
	{ "cfeb", SIM_SCH_NAMED, NULL, NULL },
	{ "failover", 0, NULL, NULL },
	{ "feb", 0, NULL, NULL },
	{ "graceful-switchover", SIM_SCH_EMPTY, NULL, NULL },
	{ "keepalive-time", SIM_SCH_VALUE, NULL, NULL },
	{ "routing-engine", SIM_SCH_NAMED | SIM_SCH_VALUE, NULL,
	    sim_re_roles },
	{ "sfm", SIM_SCH_NAMED, NULL, NULL },
	{ "ssb", SIM_SCH_NAMED, NULL, NULL },
};
static const struct sim_level sim_lvl_redundancy =
    SIM_LEVEL(sim_stmt_redundancy);

static const struct sim_stmt sim_stmt_chassis[] = {
	{ "adc", SIM_SCH_NAMED, NULL, NULL },
	{ "aggregated-devices", 0, NULL, NULL },
	{ "alarm", 0, NULL, NULL },
	{ "auto-image-upgrade", SIM_SCH_EMPTY, NULL, NULL },
	{ "config-button", 0, NULL, NULL },
	{ "craft-lockout", SIM_SCH_EMPTY, NULL, NULL },
	{ "disk-partition", SIM_SCH_NAMED, NULL, NULL },
	{ "ether-reflection", 0, NULL, NULL },
	{ "fabric", 0, NULL, NULL },
	{ "fpc", SIM_SCH_NAMED, NULL, NULL },
	{ "fpc-feb-connectivity", 0, NULL, NULL },
	{ "fpc-resync", SIM_SCH_EMPTY, NULL, NULL },
	{ "fru-poweron-sequence", SIM_SCH_LIST, NULL, NULL },
	{ "maximum-ecmp", SIM_SCH_VALUE, NULL, NULL },
	{ "memory-enhanced", 0, NULL, NULL },
	{ "network-services", SIM_SCH_VALUE, NULL, NULL },
	{ "no-source-route", SIM_SCH_EMPTY, NULL, NULL },
	{ "pem", SIM_SCH_NAMED, NULL, NULL },
	{ "redundancy", 0, &sim_lvl_redundancy, NULL },
	{ "routing-engine", 0, NULL, NULL },
	{ "sib", SIM_SCH_NAMED, NULL, NULL },
	{ "source-route", SIM_SCH_EMPTY, NULL, NULL },
	{ "synchronization", 0, NULL, NULL },
	{ "vrf-mtu-check", SIM_SCH_EMPTY, NULL, NULL },
};
static const struct sim_level sim_lvl_chassis = SIM_LEVEL(sim_stmt_chassis);

static const struct sim_stmt sim_stmt_routing_options[] = {
	{ "access", 0, NULL, NULL },
	{ "access-internal", 0, NULL, NULL },
	{ "aggregate", 0, NULL, NULL },
	{ "auto-export", 0, NULL, NULL },
	{ "autonomous-system", SIM_SCH_VALUE, NULL, NULL },
	{ "bgp-orf-cisco-mode", SIM_SCH_EMPTY, NULL, NULL },
	{ "confederation", SIM_SCH_NAMED, NULL, NULL },
	{ "dynamic-tunnels", 0, NULL, NULL },
	{ "fate-sharing", 0, NULL, NULL },
	{ "flow", 0, NULL, NULL },
	{ "forwarding-table", 0, NULL, NULL },
	{ "generate", 0, NULL, NULL },
	{ "graceful-restart", 0, NULL, NULL },
	{ "instance-export", SIM_SCH_LIST, NULL, NULL },
	{ "instance-import", SIM_SCH_LIST, NULL, NULL },
	{ "interface-routes", 0, NULL, NULL },
	{ "ipv6-router-id", SIM_SCH_VALUE, NULL, NULL },
	{ "martians", 0, NULL, NULL },
	{ "maximum-paths", 0, NULL, NULL },
	{ "maximum-prefixes", 0, NULL, NULL },
	{ "multicast", 0, NULL, NULL },
	{ "nonstop-routing", SIM_SCH_EMPTY, NULL, NULL },
	{ "nonstop-routing-options", 0, NULL, NULL },
	{ "options", 0, NULL, NULL },
	{ "ppm", 0, NULL, NULL },
	{ "resolution", 0, NULL, NULL },
	{ "rib", SIM_SCH_NAMED, NULL, NULL },
	{ "rib-groups", SIM_SCH_NAMED, NULL, NULL },
	{ "route-distinguisher-id", SIM_SCH_VALUE, NULL, NULL },
	{ "route-record", SIM_SCH_EMPTY, NULL, NULL },
	{ "router-id", SIM_SCH_VALUE, NULL, NULL },
	{ "source-packet-routing", 0, NULL, NULL },
	{ "source-routing", 0, NULL, NULL },
	{ "static", 0, NULL, NULL },
	{ "topologies", 0, NULL, NULL },
	{ "traceoptions", 0, NULL, NULL },
	{ "validation", 0, NULL, NULL },
};
static const struct sim_level sim_lvl_routing_options =
    SIM_LEVEL(sim_stmt_routing_options);

/* Under `groups` any word names a group, and a group holds a top level. */
static const struct sim_stmt sim_stmt_groups[] = {
	{ NULL, 0, &sim_lvl_top, NULL },
};
static const struct sim_level sim_lvl_groups = SIM_LEVEL(sim_stmt_groups);

static const struct sim_stmt sim_stmt_top[] = {
	{ "access", 0, NULL, NULL },
	{ "access-profile", SIM_SCH_VALUE, NULL, NULL },
	{ "accounting-options", 0, NULL, NULL },
	{ "applications", 0, NULL, NULL },
	{ "bridge-domains", 0, NULL, NULL },
	{ "chassis", 0, &sim_lvl_chassis, NULL },
	{ "class-of-service", 0, NULL, NULL },
	{ "diameter", 0, NULL, NULL },
	{ "dynamic-profiles", 0, NULL, NULL },
	{ "event-options", 0, NULL, NULL },
	{ "firewall", 0, NULL, NULL },
	{ "forwarding-options", 0, NULL, NULL },
	{ "groups", 0, &sim_lvl_groups, NULL },
	{ "interfaces", 0, NULL, NULL },
	{ "jsrc", 0, NULL, NULL },
	{ "jsrc-partition", 0, NULL, NULL },
	{ "logical-systems", 0, NULL, NULL },
	{ "multi-chassis", 0, NULL, NULL },
	{ "multicast-snooping-options", 0, NULL, NULL },
	{ "policy-options", 0, NULL, NULL },
	{ "protocols", 0, NULL, NULL },
	{ "routing-instances", 0, NULL, NULL },
	{ "routing-options", 0, &sim_lvl_routing_options, NULL },
	{ "security", 0, NULL, NULL },
	{ "services", 0, NULL, NULL },
	{ "smtp", 0, NULL, NULL },
	{ "snmp", 0, NULL, NULL },
	{ "switch-options", 0, NULL, NULL },
	{ "system", 0, &sim_lvl_system, NULL },
	{ "version", SIM_SCH_VALUE, NULL, NULL },
	{ "virtual-chassis", 0, NULL, NULL },
	{ "vlans", 0, NULL, NULL },
	{ "vmhost", 0, NULL, NULL },
};
static const struct sim_level sim_lvl_top = SIM_LEVEL(sim_stmt_top);

/* Junos prints the top level in its schema order, not as entered. */
static const char *const sim_top_order[] = {
	"version", "groups", "apply-groups", "system", "chassis", "interfaces",
	"snmp", "routing-options", "protocols", "policy-options", "firewall",
};
#define SIM_TOP_RANKS (sizeof sim_top_order / sizeof sim_top_order[0])

/*
 * Column of a `show | compare` line's text under [edit P] for a P that is
 * 0, 1, 2, 3-or-more levels deep (the +/-/! marker is in column 0); deeper
 * lines of an added block go 4 further per level.  Junos does not use one
 * fixed column; these are read off real output: `[edit system]` `!   x`
 * and `[edit system commit]` `!    x` (17.3 capture in configure_mode/),
 * `[edit security address-book global]` `+    x` and two four-level paths
 * `+     x` (go-junos' documentation of | compare, "exactly as on the
 * CLI").  The same capture's `[edit chassis redundancy]` line sits one
 * column right of this rule; it is the only line that disagrees.
 */
static const int sim_compare_col[] = { 3, 4, 5, 6 };

/*
 * One statement or identifier level.  Leaf values live in vals: exactly one
 * for SIM_SCH_VALUE, one or more (in order) for SIM_SCH_LIST, none
 * otherwise; a node with values has no children.
 */
struct sim_cnode {
	char *kw;		/* keyword; NULL only for the root */
	char *name;		/* identifier for SIM_SCH_NAMED, else NULL */
	char **vals;		/* owned, nvals entries */
	size_t nvals;
	unsigned flags;		/* schema flags of kw where it stands */
	int explicit;		/* ended a `set`: outlives its children */
	struct sim_cnode *parent;
	struct sim_cnode *first, *last;	/* children, as entered */
	struct sim_cnode *prev, *next;	/* siblings */
};

struct sim_config {
	struct sim_cnode root;
	size_t nnodes;		/* nodes plus list values, <= MAX_NODES */
};

/* A statement split into words; the words point into buf. */
struct sim_words {
	char *buf;
	char *w[SIM_CONFIG_MAX_WORDS];
	size_t n;
};

/* One level of a statement once the schema has been applied. */
struct sim_step {
	const char *kw;
	const char *name;	/* NULL: not named, or (lookup) any */
	const char *value;	/* NULL: none given */
	unsigned flags;
};

static void sim_node_free(struct sim_cnode *n);
static void sim_render_node(struct sim_buf *out, const struct sim_cnode *n,
    int col, char marker);

static void
sim_err(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", msg);
}

/* Fails with msg, the caret at word `at` (SIZE_MAX: no one word). */
static int
sim_fail(size_t *bad, size_t at, char *err, size_t errlen, const char *msg)
{
	if (bad != NULL)
		*bad = at;
	sim_err(err, errlen, msg);
	return -1;
}

/* ---- words and schema ----------------------------------------------- */

/*
 * Splits a statement at blanks.  A double-quoted string is one word and
 * keeps its quotes, since Junos shows it quoted (message "hello world").
 * Control characters are refused: no Junos statement contains one, and they
 * would corrupt the rendered configuration.
 */
static int
sim_words_split(struct sim_words *sw, const char *s, size_t *bad, char *err,
    size_t errlen)
{
	const char *p;
	char *q;
	size_t len, at;
	int inq;

	sw->buf = NULL;
	sw->n = 0;
	if (s == NULL)
		return 0;
	len = strnlen(s, SIM_CONFIG_MAX_LINE + 1);
	if (len > SIM_CONFIG_MAX_LINE)
		return sim_fail(bad, SIZE_MAX, err, errlen, SIM_ERR_SYNTAX);
	for (p = s; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return sim_fail(bad, SIZE_MAX, err, errlen,
			    SIM_ERR_SYNTAX);
	}
	sw->buf = q = sim_xmalloc(len + 1);
	p = s;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (sw->n == SIM_CONFIG_MAX_WORDS) {
			inq = 0;
			goto bad;	/* one word too many */
		}
		sw->w[sw->n++] = q;
		inq = 0;
		while (*p != '\0' && (inq || (*p != ' ' && *p != '\t'))) {
			if (*p == '"')
				inq = !inq;
			else if (*p == '\\' && inq && p[1] != '\0')
				*q++ = *p++;
			*q++ = *p++;
		}
		if (inq)
			goto bad;	/* unterminated quoted string */
		*q++ = '\0';
	}
	return 0;
bad:
	/* The caret goes under the word too many or the open quote's. */
	free(sw->buf);
	sw->buf = NULL;
	at = inq ? sw->n - 1 : sw->n;
	sw->n = 0;
	return sim_fail(bad, at, err, errlen, SIM_ERR_SYNTAX);
}

static int
sim_is_facility(const char *kw)
{
	size_t i;

	for (i = 0; i < sizeof sim_syslog_facilities /
	    sizeof sim_syslog_facilities[0]; i++)
		if (strcmp(sim_syslog_facilities[i], kw) == 0)
			return 1;
	return 0;
}

/* Schema flags of kw under a statement with keyword pkw ("" at the top). */
static unsigned
sim_schema_flags(const char *pkw, unsigned pflags, const char *kw)
{
	size_t i, n = sizeof sim_schema / sizeof sim_schema[0];

	for (i = 0; i < n; i++)
		if (sim_schema[i].parent != NULL &&
		    strcmp(sim_schema[i].parent, pkw) == 0 &&
		    strcmp(sim_schema[i].keyword, kw) == 0)
			return sim_schema[i].flags;
	if ((pflags & SIM_SCH_SYSLOG) && sim_is_facility(kw))
		return SIM_SCH_VALUE;
	for (i = 0; i < n; i++)
		if (sim_schema[i].parent == NULL &&
		    strcmp(sim_schema[i].keyword, kw) == 0)
			return sim_schema[i].flags;
	return 0;
}

/* kw's row in a closed level (or anywhere), NULL when Junos lacks it. */
static const struct sim_stmt *
sim_level_find(const struct sim_level *lvl, const char *kw)
{
	size_t i;

	for (i = 0; i < lvl->n; i++)
		if (lvl->stmts[i].kw == NULL ||
		    strcmp(lvl->stmts[i].kw, kw) == 0)
			return &lvl->stmts[i];
	for (i = 0; i < SIM_NELEM(sim_stmt_anywhere); i++)
		if (strcmp(sim_stmt_anywhere[i].kw, kw) == 0)
			return &sim_stmt_anywhere[i];
	return NULL;
}

static int
sim_choice_ok(const char *const *choices, const char *v)
{
	if (choices == NULL)
		return 1;
	for (; *choices != NULL; choices++)
		if (strcmp(*choices, v) == 0)
			return 1;
	return 0;
}

/*
 * Applies the schema to the words.  For `set` (lookup false) every
 * identifier and value must be present; a lookup (show, delete, has) may
 * stop after a keyword, meaning every identifier or the whole leaf.  The
 * walk starts in the closed top level and stays closed while the rows it
 * follows lead to closed levels; once a row leads to an open level, the
 * generic sim_schema table decides how the remaining words render.
 */
static int
sim_parse(const struct sim_words *sw, int lookup, struct sim_step *st,
    size_t *nst, size_t *bad, char *err, size_t errlen)
{
	const struct sim_level *lvl = &sim_lvl_top;
	const char *pkw = "";
	unsigned pflags = 0;
	size_t i = 0, n = 0;

	while (i < sw->n) {
		struct sim_step *s = &st[n++];
		const char *const *choices = NULL;

		s->kw = sw->w[i++];
		s->name = s->value = NULL;
		if (lvl != NULL) {
			const struct sim_stmt *row = sim_level_find(lvl, s->kw);

			if (row == NULL)
				return sim_fail(bad, i - 1, err, errlen,
				    SIM_ERR_SYNTAX);
			s->flags = row->flags;
			choices = row->choices;
			lvl = row->sub;
		} else
			s->flags = sim_schema_flags(pkw, pflags, s->kw);
		if (s->flags & SIM_SCH_NAMED) {
			if (i == sw->n)
				goto missing;
			s->name = sw->w[i++];
		}
		if (s->flags & (SIM_SCH_VALUE | SIM_SCH_LIST)) {
			if (i == sw->n)
				goto missing;
			if (!sim_choice_ok(choices, sw->w[i]))
				return sim_fail(bad, i, err, errlen,
				    SIM_ERR_SYNTAX);
			s->value = sw->w[i++];
		}
		/* A leaf's value, or a valueless leaf, ends the statement. */
		if ((s->flags & (SIM_SCH_VALUE | SIM_SCH_LIST |
		    SIM_SCH_EMPTY)) && i < sw->n)
			return sim_fail(bad, i, err, errlen, SIM_ERR_SYNTAX);
		pkw = s->kw;
		pflags = s->flags;
	}
	*nst = n;
	return 0;
missing:
	if (!lookup)
		return sim_fail(bad, i, err, errlen, SIM_ERR_MISSING);
	*nst = n;
	return 0;
}

/* Splits and parses; on success the caller frees sw->buf. */
static int
sim_statement(const char *words, int lookup, struct sim_words *sw,
    struct sim_step *st, size_t *nst, size_t *bad, char *err, size_t errlen)
{
	if (sim_words_split(sw, words, bad, err, errlen) != 0)
		return -1;
	if (sim_parse(sw, lookup, st, nst, bad, err, errlen) != 0) {
		free(sw->buf);
		sw->buf = NULL;
		return -1;
	}
	return 0;
}

/* ---- the tree ------------------------------------------------------- */

static int
sim_name_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static struct sim_cnode *
sim_child_find(const struct sim_cnode *parent, const char *kw,
    const char *name)
{
	struct sim_cnode *c;

	for (c = parent->first; c != NULL; c = c->next)
		if (strcmp(c->kw, kw) == 0 && sim_name_eq(c->name, name))
			return c;
	return NULL;
}

static struct sim_cnode *
sim_child_add(struct sim_cnode *parent, const char *kw, const char *name,
    unsigned flags)
{
	struct sim_cnode *n = sim_xcalloc(1, sizeof *n);

	n->kw = sim_xstrdup(kw);
	n->name = name != NULL ? sim_xstrdup(name) : NULL;
	n->flags = flags;
	n->parent = parent;
	n->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	return n;
}

static void
sim_vals_add(struct sim_cnode *n, const char *v)
{
	char **nv = realloc(n->vals, (n->nvals + 1) * sizeof *nv);

	if (nv == NULL)
		sim_fatal("out of memory");
	n->vals = nv;
	n->vals[n->nvals++] = sim_xstrdup(v);
}

static size_t
sim_vals_find(const struct sim_cnode *n, const char *v)
{
	size_t i;

	for (i = 0; i < n->nvals; i++)
		if (strcmp(n->vals[i], v) == 0)
			return i;
	return (size_t)-1;
}

/* Nodes plus list values below and including n (what nnodes counts). */
static size_t
sim_node_count(const struct sim_cnode *n)
{
	const struct sim_cnode *c;
	size_t k = 1 + (n->flags & SIM_SCH_LIST ? n->nvals : 0);

	for (c = n->first; c != NULL; c = c->next)
		k += sim_node_count(c);
	return k;
}

static void
sim_children_free(struct sim_cnode *n)
{
	struct sim_cnode *c, *next;

	for (c = n->first; c != NULL; c = next) {
		next = c->next;
		sim_node_free(c);
	}
	n->first = n->last = NULL;
}

static void
sim_node_free(struct sim_cnode *n)
{
	size_t i;

	sim_children_free(n);
	for (i = 0; i < n->nvals; i++)
		free(n->vals[i]);
	free(n->vals);
	free(n->kw);
	free(n->name);
	free(n);
}

/* Unlinks n from its parent and frees it with everything below. */
static void
sim_node_remove(struct sim_config *c, struct sim_cnode *n)
{
	struct sim_cnode *p = n->parent;

	c->nnodes -= sim_node_count(n);
	if (n->prev != NULL)
		n->prev->next = n->next;
	else
		p->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else
		p->last = n->prev;
	sim_node_free(n);
}

static void
sim_node_copy_into(struct sim_cnode *dst, const struct sim_cnode *src)
{
	const struct sim_cnode *c;
	size_t i;

	for (i = 0; i < src->nvals; i++)
		sim_vals_add(dst, src->vals[i]);
	dst->explicit = src->explicit;
	for (c = src->first; c != NULL; c = c->next)
		sim_node_copy_into(sim_child_add(dst, c->kw, c->name, c->flags),
		    c);
}

/* Levels between the root and n: `[edit chassis redundancy]` is 2. */
static int
sim_node_depth(const struct sim_cnode *n)
{
	int d = 0;

	for (; n->parent != NULL; n = n->parent)
		d++;
	return d;
}

/* Junos' schema order applies at the top and at the top of each group. */
static int
sim_is_top(const struct sim_cnode *n)
{
	if (n->parent == NULL)
		return 1;
	return n->parent->parent != NULL && n->parent->parent->parent == NULL &&
	    strcmp(n->parent->kw, "groups") == 0;
}

static size_t
sim_top_rank(const struct sim_cnode *n)
{
	size_t r;

	for (r = 0; r < SIM_TOP_RANKS; r++)
		if (strcmp(sim_top_order[r], n->kw) == 0)
			return r;
	return SIM_TOP_RANKS;	/* unknown: after the known, as entered */
}

/* The child shown after c (the first when c is NULL). */
static const struct sim_cnode *
sim_child_next(const struct sim_cnode *parent, const struct sim_cnode *c)
{
	const struct sim_cnode *n;
	size_t r;

	if (!sim_is_top(parent))
		return c == NULL ? parent->first : c->next;
	r = c == NULL ? 0 : sim_top_rank(c);
	n = c == NULL ? parent->first : c->next;
	for (;;) {
		for (; n != NULL; n = n->next)
			if (sim_top_rank(n) == r)
				return n;
		if (++r > SIM_TOP_RANKS)
			return NULL;
		n = parent->first;
	}
}

/* ---- rendering ------------------------------------------------------ */

static void
sim_indent(struct sim_buf *out, int col, char marker)
{
	static const char spaces[] = "                                ";
	int n = col;

	if (marker != '\0') {
		sim_buf_append(out, &marker, 1);
		n--;
	}
	while (n > 0) {
		int k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;

		sim_buf_append(out, spaces, (size_t)k);
		n -= k;
	}
}

/* "kw name value" or "kw [ a b ]": a node's words on its own line. */
static void
sim_render_head(struct sim_buf *out, const struct sim_cnode *n)
{
	size_t i;

	sim_buf_puts(out, n->kw);
	if (n->name != NULL) {
		sim_buf_puts(out, " ");
		sim_buf_puts(out, n->name);
	}
	if ((n->flags & SIM_SCH_LIST) && n->nvals > 1) {
		sim_buf_puts(out, " [");
		for (i = 0; i < n->nvals; i++) {
			sim_buf_puts(out, " ");
			sim_buf_puts(out, n->vals[i]);
		}
		sim_buf_puts(out, " ]");
	} else if (n->nvals > 0) {
		sim_buf_puts(out, " ");
		sim_buf_puts(out, n->vals[0]);
	}
}

/* An ONELINE node prints on one line while its children are all leaves. */
static int
sim_is_oneline(const struct sim_cnode *n)
{
	const struct sim_cnode *c;

	if (!(n->flags & SIM_SCH_ONELINE))
		return 0;
	for (c = n->first; c != NULL; c = c->next)
		if (c->first != NULL)
			return 0;
	return 1;
}

static void
sim_render_children(struct sim_buf *out, const struct sim_cnode *parent,
    int col, char marker)
{
	const struct sim_cnode *c;

	for (c = sim_child_next(parent, NULL); c != NULL;
	    c = sim_child_next(parent, c))
		sim_render_node(out, c, col, marker);
}

/* The node as Junos prints it, its text starting at column col. */
static void
sim_render_node(struct sim_buf *out, const struct sim_cnode *n, int col,
    char marker)
{
	const struct sim_cnode *c;

	sim_indent(out, col, marker);
	sim_render_head(out, n);
	if (n->first == NULL) {
		sim_buf_puts(out, ";\n");
	} else if (sim_is_oneline(n)) {
		for (c = n->first; c != NULL; c = c->next) {
			sim_buf_puts(out, " ");
			sim_render_head(out, c);
		}
		sim_buf_puts(out, ";\n");
	} else {
		sim_buf_puts(out, " {\n");
		sim_render_children(out, n, col + 4, marker);
		sim_indent(out, col, marker);
		sim_buf_puts(out, "}\n");
	}
}

/* The words of n and its ancestors, each preceded by a space. */
static void
sim_render_path(struct sim_buf *out, const struct sim_cnode *n)
{
	if (n->parent == NULL)
		return;
	sim_render_path(out, n->parent);
	sim_buf_puts(out, " ");
	sim_buf_puts(out, n->kw);
	if (n->name != NULL) {
		sim_buf_puts(out, " ");
		sim_buf_puts(out, n->name);
	}
}

/* `set` lines for n and below; only_val limits a list to one value. */
static void
sim_render_set(struct sim_buf *out, const struct sim_cnode *n,
    const char *only_val)
{
	const struct sim_cnode *c;
	size_t i;

	if (n->nvals > 0) {
		for (i = 0; i < n->nvals; i++) {
			if (only_val != NULL &&
			    strcmp(only_val, n->vals[i]) != 0)
				continue;
			sim_buf_puts(out, "set");
			sim_render_path(out, n);
			sim_buf_printf(out, " %s\n", n->vals[i]);
		}
		return;
	}
	if (n->first == NULL) {
		sim_buf_puts(out, "set");
		sim_render_path(out, n);
		sim_buf_puts(out, "\n");
		return;
	}
	for (c = sim_child_next(n, NULL); c != NULL; c = sim_child_next(n, c))
		sim_render_set(out, c, NULL);
}

/* ---- lookups -------------------------------------------------------- */

/*
 * Where a looked-up statement is: `node` is the matched level, or NULL
 * when the last keyword came without its identifier (every child of
 * `parent` with that keyword matches).  parent is NULL for the root, so
 * that a match found in a const configuration needs no cast to be deleted.
 */
struct sim_match {
	struct sim_cnode *parent;
	struct sim_cnode *node;
	const struct sim_step *last;
};

static int
sim_match_any(const struct sim_cnode *parent, const char *kw)
{
	const struct sim_cnode *c;

	for (c = parent->first; c != NULL; c = c->next)
		if (strcmp(c->kw, kw) == 0)
			return 1;
	return 0;
}

/* 0 when the steps name something configured, -1 otherwise. */
static int
sim_resolve(const struct sim_config *c, const struct sim_step *st,
    size_t n, struct sim_match *m)
{
	struct sim_cnode *node = NULL;
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		const struct sim_step *s = &st[i];
		const struct sim_cnode *in = node != NULL ? node : &c->root;

		m->parent = node;
		if ((s->flags & SIM_SCH_NAMED) && s->name == NULL) {
			/* Only the last step can lack its identifier. */
			if (!sim_match_any(in, s->kw))
				return -1;
			m->node = NULL;
			m->last = s;
			return 0;
		}
		node = sim_child_find(in, s->kw, s->name);
		if (node == NULL)
			return -1;
	}
	m->node = node;
	m->last = &st[n - 1];
	if (m->last->value != NULL &&
	    sim_vals_find(node, m->last->value) == (size_t)-1)
		return -1;
	return 0;
}

/* ---- the interface -------------------------------------------------- */

struct sim_config *
sim_config_new(void)
{
	return sim_xcalloc(1, sizeof(struct sim_config));
}

struct sim_config *
sim_config_dup(const struct sim_config *c)
{
	struct sim_config *d = sim_config_new();

	if (c != NULL) {
		sim_node_copy_into(&d->root, &c->root);
		d->nnodes = c->nnodes;
	}
	return d;
}

void
sim_config_free(struct sim_config *c)
{
	if (c == NULL)
		return;
	sim_children_free(&c->root);
	free(c);
}

int
sim_config_set(struct sim_config *c, const char *words, size_t *bad_word,
    char *err, size_t errlen)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_cnode *node;
	const struct sim_step *last;
	size_t n, i;
	int rc = -1;

	if (sim_statement(words, 0, &sw, st, &n, bad_word, err, errlen) != 0)
		return -1;
	if (n == 0) {
		sim_fail(bad_word, 0, err, errlen, SIM_ERR_EMPTY);
		goto out;
	}
	if (c->nnodes + n + 1 > SIM_CONFIG_MAX_NODES) {
		sim_fail(bad_word, SIZE_MAX, err, errlen, SIM_ERR_FULL);
		goto out;
	}
	node = &c->root;
	for (i = 0; i < n; i++) {
		struct sim_cnode *child;

		child = sim_child_find(node, st[i].kw, st[i].name);
		if (child == NULL) {
			child = sim_child_add(node, st[i].kw, st[i].name,
			    st[i].flags);
			c->nnodes++;
		}
		node = child;
	}
	node->explicit = 1;
	last = &st[n - 1];
	if (last->value != NULL && (last->flags & SIM_SCH_LIST)) {
		if (sim_vals_find(node, last->value) == (size_t)-1) {
			sim_vals_add(node, last->value);
			c->nnodes++;
		}
	} else if (last->value != NULL && node->nvals == 0)
		sim_vals_add(node, last->value);
	else if (last->value != NULL) {
		/* host-name, routing-engine 0 master: the new value wins. */
		free(node->vals[0]);
		node->vals[0] = sim_xstrdup(last->value);
	}
	rc = 0;
out:
	free(sw.buf);
	return rc;
}

int
sim_config_delete(struct sim_config *c, const char *words, size_t *bad_word,
    char *err, size_t errlen)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_match m;
	struct sim_cnode *parent, *node, *next;
	size_t n, i;

	if (sim_statement(words, 1, &sw, st, &n, bad_word, err, errlen) != 0)
		return -1;
	if (n == 0) {
		free(sw.buf);
		return sim_fail(bad_word, 0, err, errlen, SIM_ERR_EMPTY);
	}
	if (sim_resolve(c, st, n, &m) != 0) {
		free(sw.buf);
		return sim_fail(bad_word, SIZE_MAX, err, errlen,
		    SIM_ERR_NOTFOUND);
	}
	parent = m.parent != NULL ? m.parent : &c->root;
	node = m.node;
	if (node == NULL) {
		for (node = parent->first; node != NULL; node = next) {
			next = node->next;
			if (strcmp(node->kw, m.last->kw) == 0)
				sim_node_remove(c, node);
		}
	} else if ((node->flags & SIM_SCH_LIST) && m.last->value != NULL &&
	    node->nvals > 1) {
		i = sim_vals_find(node, m.last->value);
		free(node->vals[i]);
		memmove(&node->vals[i], &node->vals[i + 1],
		    (node->nvals - i - 1) * sizeof node->vals[0]);
		node->nvals--;
		c->nnodes--;
	} else
		sim_node_remove(c, node);
	free(sw.buf);

	/* Levels that only existed to hold what was deleted go with it. */
	while (parent->parent != NULL && parent->first == NULL &&
	    !parent->explicit) {
		node = parent;
		parent = parent->parent;
		sim_node_remove(c, node);
	}
	return 0;
}

bool
sim_config_has(const struct sim_config *c, const char *words)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_match m;
	size_t n;
	int found;

	if (c == NULL ||
	    sim_statement(words, 1, &sw, st, &n, NULL, NULL, 0) != 0)
		return false;
	found = sim_resolve(c, st, n, &m) == 0;
	free(sw.buf);
	return found;
}

const char *
sim_config_value(const struct sim_config *c, const char *words)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_match m;
	const char *v = NULL;
	size_t n;

	if (c == NULL ||
	    sim_statement(words, 1, &sw, st, &n, NULL, NULL, 0) != 0)
		return NULL;
	if (sim_resolve(c, st, n, &m) == 0 && m.node != NULL &&
	    m.last->value == NULL && m.node->nvals > 0)
		v = m.node->vals[0];
	free(sw.buf);
	return v;
}

/* Same statements at every level, whatever order they were entered in. */
static int
sim_node_equal(const struct sim_cnode *a, const struct sim_cnode *b)
{
	const struct sim_cnode *ca, *cb;
	size_t i, na = 0, nb = 0;

	if (a->nvals != b->nvals)
		return 0;
	for (i = 0; i < a->nvals; i++)
		if (strcmp(a->vals[i], b->vals[i]) != 0)
			return 0;
	for (ca = a->first; ca != NULL; ca = ca->next)
		na++;
	for (cb = b->first; cb != NULL; cb = cb->next)
		nb++;
	if (na != nb)
		return 0;
	for (ca = a->first; ca != NULL; ca = ca->next) {
		cb = sim_child_find(b, ca->kw, ca->name);
		if (cb == NULL || !sim_node_equal(ca, cb))
			return 0;
	}
	return 1;
}

bool
sim_config_equal(const struct sim_config *a, const struct sim_config *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return sim_node_equal(&a->root, &b->root);
}

int
sim_config_show(const struct sim_config *c, const char *path,
    bool display_set, size_t *bad_word, struct sim_buf *out)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_match m;
	const struct sim_cnode *n;
	size_t ns;

	if (sim_statement(path, 1, &sw, st, &ns, bad_word, NULL, 0) != 0)
		return -2;
	if (c == NULL) {
		free(sw.buf);
		return -1;
	}
	if (ns > 0 && sim_resolve(c, st, ns, &m) != 0) {
		free(sw.buf);
		return -1;
	}
	/* Callers strtok out->data: make it a string even if nothing shows. */
	sim_buf_append(out, "", 0);
	if (ns == 0) {
		if (display_set)
			for (n = sim_child_next(&c->root, NULL); n != NULL;
			    n = sim_child_next(&c->root, n))
				sim_render_set(out, n, NULL);
		else
			sim_render_children(out, &c->root, 0, '\0');
	} else if (m.node == NULL) {
		const struct sim_cnode *in = m.parent != NULL ? m.parent :
		    &c->root;

		/* `interfaces lo0 unit`: every unit, each in full. */
		for (n = sim_child_next(in, NULL); n != NULL;
		    n = sim_child_next(in, n)) {
			if (strcmp(n->kw, m.last->kw) != 0)
				continue;
			if (display_set)
				sim_render_set(out, n, NULL);
			else
				sim_render_node(out, n, 0, '\0');
		}
	} else if (display_set)
		sim_render_set(out, m.node, m.last->value);
	else if (m.node->first != NULL)
		sim_render_children(out, m.node, 0, '\0');
	else
		sim_render_node(out, m.node, 0, '\0');	/* a leaf */
	free(sw.buf);
	return 0;
}

/* ---- show | compare ------------------------------------------------- */

struct sim_diff {
	struct sim_buf *out;
	struct sim_buf header;	/* the [edit ...] line printed last */
};

/* Prints [edit PATH] unless the previous change was under it too. */
static void
sim_diff_header(struct sim_diff *d, const struct sim_cnode *at)
{
	struct sim_buf h = SIM_BUF_INIT;

	sim_buf_puts(&h, "[edit");
	sim_render_path(&h, at);
	sim_buf_puts(&h, "]\n");
	if (strcmp(sim_buf_str(&h), sim_buf_str(&d->header)) != 0 ||
	    d->header.len == 0) {
		sim_buf_append(d->out, h.data, h.len);
		sim_buf_reset(&d->header);
		sim_buf_append(&d->header, h.data, h.len);
	}
	sim_buf_free(&h);
}

static int
sim_diff_col(const struct sim_cnode *at)
{
	int d = sim_node_depth(at);
	int max = (int)(sizeof sim_compare_col / sizeof sim_compare_col[0]) - 1;

	return sim_compare_col[d < max ? d : max];
}

/* One whole statement added or removed under `at`. */
static void
sim_diff_emit(struct sim_diff *d, const struct sim_cnode *at,
    const struct sim_cnode *n, char marker)
{
	sim_diff_header(d, at);
	sim_render_node(d->out, n, sim_diff_col(at), marker);
}

static void sim_diff_children(struct sim_diff *d, const struct sim_cnode *o,
    const struct sim_cnode *n);

/* o and n are the same statement in both; show how they differ. */
static void
sim_diff_node(struct sim_diff *d, const struct sim_cnode *o,
    const struct sim_cnode *n)
{
	struct sim_buf a = SIM_BUF_INIT, b = SIM_BUF_INIT;

	if ((o->first != NULL || n->first != NULL) && !sim_is_oneline(o) &&
	    !sim_is_oneline(n)) {
		sim_diff_children(d, o, n);
		return;
	}
	/* Leaves and one-line statements change as a whole line. */
	sim_render_node(&a, o, 0, '\0');
	sim_render_node(&b, n, 0, '\0');
	if (strcmp(sim_buf_str(&a), sim_buf_str(&b)) != 0) {
		sim_diff_emit(d, n->parent, o, '-');
		sim_diff_emit(d, n->parent, n, '+');
	}
	sim_buf_free(&a);
	sim_buf_free(&b);
}

/*
 * Children of two matching levels, merged in the candidate's order: a
 * statement only in the committed one is shown (`-`) where it stood, one
 * only in the candidate (`+`) where it stands.
 */
static void
sim_diff_children(struct sim_diff *d, const struct sim_cnode *o,
    const struct sim_cnode *n)
{
	const struct sim_cnode *oc = sim_child_next(o, NULL), *nc, *match, *s;

	for (nc = sim_child_next(n, NULL); nc != NULL;
	    nc = sim_child_next(n, nc)) {
		match = sim_child_find(o, nc->kw, nc->name);
		if (match == NULL) {
			sim_diff_emit(d, n, nc, '+');
			continue;
		}
		for (s = oc; s != NULL && s != match; s = sim_child_next(o, s))
			;
		if (s == match) {
			for (; oc != match; oc = sim_child_next(o, oc))
				if (sim_child_find(n, oc->kw, oc->name) == NULL)
					sim_diff_emit(d, n, oc, '-');
			oc = sim_child_next(o, match);
		}
		sim_diff_node(d, match, nc);
	}
	for (; oc != NULL; oc = sim_child_next(o, oc))
		if (sim_child_find(n, oc->kw, oc->name) == NULL)
			sim_diff_emit(d, n, oc, '-');
}

void
sim_config_compare(const struct sim_config *committed,
    const struct sim_config *candidate, struct sim_buf *out)
{
	struct sim_diff d = { out, SIM_BUF_INIT };

	/* Callers strtok out->data: a string even when the two are equal. */
	sim_buf_append(out, "", 0);
	if (committed == NULL || candidate == NULL)
		return;
	sim_diff_children(&d, &committed->root, &candidate->root);
	sim_buf_free(&d.header);
}
