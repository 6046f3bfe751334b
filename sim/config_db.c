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
 * `show | compare`.  Words the schema does not know are kept as plain
 * levels (the last one a leaf), so plausible configuration is never refused.
 *
 * Everything is bounded (statement length, words per statement, nodes per
 * database) so that a hostile or broken client cannot make the simulator
 * grow without limit; anything beyond a bound is refused like a syntax error.
 */
#include "sim/config_db.h"

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
 * syslog destination, under which a facility takes a severity.
 */
enum {
	SIM_SCH_NAMED = 0x01,
	SIM_SCH_VALUE = 0x02,
	SIM_SCH_LIST = 0x04,
	SIM_SCH_ONELINE = 0x08,
	SIM_SCH_SYSLOG = 0x10,
};

/*
 * The statements whose rendering the simulator needs to get right.  parent
 * is the keyword of the enclosing statement (NULL: anywhere); a row with a
 * parent wins over one without.  Keywords not listed are plain levels.
 */
static const struct sim_schema {
	const char *parent;
	const char *keyword;
	unsigned flags;
} sim_schema[] = {
	{ "", "version", SIM_SCH_VALUE },
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

/* ---- words and schema ----------------------------------------------- */

/*
 * Splits a statement at blanks.  A double-quoted string is one word and
 * keeps its quotes, since Junos shows it quoted (message "hello world").
 * Control characters are refused: no Junos statement contains one, and they
 * would corrupt the rendered configuration.
 */
static int
sim_words_split(struct sim_words *sw, const char *s, char *err, size_t errlen)
{
	const char *p;
	char *q;
	size_t len;
	int inq;

	sw->buf = NULL;
	sw->n = 0;
	if (s == NULL)
		return 0;
	len = strnlen(s, SIM_CONFIG_MAX_LINE + 1);
	if (len > SIM_CONFIG_MAX_LINE) {
		sim_err(err, errlen, SIM_ERR_SYNTAX);
		return -1;
	}
	for (p = s; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
			sim_err(err, errlen, SIM_ERR_SYNTAX);
			return -1;
		}
	}
	sw->buf = q = sim_xmalloc(len + 1);
	p = s;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (sw->n == SIM_CONFIG_MAX_WORDS)
			goto bad;
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
	free(sw->buf);
	sw->buf = NULL;
	sw->n = 0;
	sim_err(err, errlen, SIM_ERR_SYNTAX);
	return -1;
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

/*
 * Applies the schema to the words.  For `set` (lookup false) every
 * identifier and value must be present; a lookup (show, delete, has) may
 * stop after a keyword, meaning every identifier or the whole leaf.
 */
static int
sim_parse(const struct sim_words *sw, int lookup, struct sim_step *st,
    size_t *nst, char *err, size_t errlen)
{
	const char *pkw = "";
	unsigned pflags = 0;
	size_t i = 0, n = 0;

	while (i < sw->n) {
		struct sim_step *s = &st[n++];

		s->kw = sw->w[i++];
		s->name = s->value = NULL;
		s->flags = sim_schema_flags(pkw, pflags, s->kw);
		if (s->flags & SIM_SCH_NAMED) {
			if (i == sw->n)
				goto missing;
			s->name = sw->w[i++];
		}
		if (s->flags & (SIM_SCH_VALUE | SIM_SCH_LIST)) {
			if (i == sw->n)
				goto missing;
			s->value = sw->w[i++];
			if (i < sw->n) {
				sim_err(err, errlen, SIM_ERR_SYNTAX);
				return -1;
			}
		}
		pkw = s->kw;
		pflags = s->flags;
	}
	*nst = n;
	return 0;
missing:
	if (!lookup) {
		sim_err(err, errlen, SIM_ERR_MISSING);
		return -1;
	}
	*nst = n;
	return 0;
}

/* Splits and parses; on success the caller frees sw->buf. */
static int
sim_statement(const char *words, int lookup, struct sim_words *sw,
    struct sim_step *st, size_t *nst, char *err, size_t errlen)
{
	if (sim_words_split(sw, words, err, errlen) != 0)
		return -1;
	if (sim_parse(sw, lookup, st, nst, err, errlen) != 0) {
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
sim_config_set(struct sim_config *c, const char *words, char *err,
    size_t errlen)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_cnode *node;
	const struct sim_step *last;
	size_t n, i;
	int rc = -1;

	if (sim_statement(words, 0, &sw, st, &n, err, errlen) != 0)
		return -1;
	if (n == 0) {
		sim_err(err, errlen, SIM_ERR_EMPTY);
		goto out;
	}
	if (c->nnodes + n + 1 > SIM_CONFIG_MAX_NODES) {
		sim_err(err, errlen, SIM_ERR_FULL);
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
sim_config_delete(struct sim_config *c, const char *words, char *err,
    size_t errlen)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_match m;
	struct sim_cnode *parent, *node, *next;
	size_t n, i;

	if (sim_statement(words, 1, &sw, st, &n, err, errlen) != 0)
		return -1;
	if (n == 0) {
		free(sw.buf);
		sim_err(err, errlen, SIM_ERR_EMPTY);
		return -1;
	}
	if (sim_resolve(c, st, n, &m) != 0) {
		free(sw.buf);
		sim_err(err, errlen, SIM_ERR_NOTFOUND);
		return -1;
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

	if (c == NULL || sim_statement(words, 1, &sw, st, &n, NULL, 0) != 0)
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

	if (c == NULL || sim_statement(words, 1, &sw, st, &n, NULL, 0) != 0)
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
    bool display_set, struct sim_buf *out)
{
	struct sim_words sw;
	struct sim_step st[SIM_CONFIG_MAX_WORDS];
	struct sim_match m;
	const struct sim_cnode *n;
	size_t ns;

	if (c == NULL || sim_statement(path, 1, &sw, st, &ns, NULL, 0) != 0)
		return -1;
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
