/*
 * config.c - read issu-console.conf with libconfig, validate every setting
 * and copy it into the plain structs of config.h.
 *
 * Each group of the file is a const table of the settings it may hold, one
 * row per setting with the function that checks and stores it; a setting
 * that no row names is an error, because a typo silently ignored ("swtich_back
 * = never") would change what the console does during an upgrade.  The first
 * error stops the load and names file, line and setting path, the way
 * libconfig itself spells paths ("routers.[0].re1.port").
 */
#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* State of one load: where errors go and which file they name. */
struct load_ctx {
	const char *path;	/* fallback when libconfig knows no file */
	char *err;
	size_t errlen;
};

/* One setting a group may hold: a row of the tables below. */
struct config_field {
	const char *name;		/* NULL ends a table */
	/* Checks setting S and stores it at DST (the row's offset into the
	 * struct being filled).  Returns 0, or -1 with the error written. */
	int (*parse)(struct load_ctx *ctx, const config_setting_t *s,
	    const struct config_field *f, void *dst);
	size_t offset;			/* of the destination in the struct */
	bool required;
	long long min, max;		/* parse_int */
	const char *what;		/* parse_int: "is not a port"; parse_word:
					 * the noun ("host key policy") */
	const char *unit;		/* parse_int: " seconds" */
	const char *const *words;	/* parse_word: index = enum value */
	const struct config_field *group;	/* parse_group */
};

static const char *const auth_names[CONFIG_AUTH_COUNT + 1] = {
	[CONFIG_AUTH_AGENT] = "agent",
	[CONFIG_AUTH_PUBLICKEY] = "publickey",
	[CONFIG_AUTH_KEYBOARD_INTERACTIVE] = "keyboard-interactive",
	[CONFIG_AUTH_PASSWORD] = "password",
	[CONFIG_AUTH_COUNT] = NULL
};

static const char *const host_key_policy_names[] = {
	[CONFIG_HOST_KEY_STRICT] = "strict",
	[CONFIG_HOST_KEY_ACCEPT_NEW] = "accept-new",
	NULL
};

static const char *const switch_back_names[] = {
	[CONFIG_SWITCH_BACK_ASK] = "ask",
	[CONFIG_SWITCH_BACK_ALWAYS] = "always",
	[CONFIG_SWITCH_BACK_NEVER] = "never",
	NULL
};

/* Indexed by CONFIG_TYPE_*, for "expected X, got Y". */
static const char *const type_names[] = {
	[CONFIG_TYPE_NONE] = "nothing",
	[CONFIG_TYPE_GROUP] = "a group { ... }",
	[CONFIG_TYPE_INT] = "an integer",
	[CONFIG_TYPE_INT64] = "an integer",
	[CONFIG_TYPE_FLOAT] = "a fractional number",
	[CONFIG_TYPE_STRING] = "a string",
	[CONFIG_TYPE_BOOL] = "a boolean",
	[CONFIG_TYPE_ARRAY] = "an array [ ... ]",
	[CONFIG_TYPE_LIST] = "a list ( ... )",
};

#define REFUSE_PASSWORD \
	"a password is never kept in this file (anyone who can read it, " \
	"or a backup of it, would have it); use the SSH agent, a key " \
	"(identity_files), password_command, or type it at the prompt"

static const char *
type_name(const config_setting_t *s)
{
	unsigned int t = (unsigned int)config_setting_type(s);

	if (t < sizeof type_names / sizeof type_names[0] && type_names[t])
		return type_names[t];
	return "an unknown type";
}

/* The path libconfig would use to look S up, e.g. "routers.[0].re1.port". */
static void
setting_path(const config_setting_t *s, char *buf, size_t len)
{
	const config_setting_t *chain[32];
	size_t n = 0, used = 0;

	/* The root has no parent and no name: it is not part of a path. */
	for (; s != NULL && config_setting_parent(s) != NULL &&
	    n < sizeof chain / sizeof chain[0]; s = config_setting_parent(s))
		chain[n++] = s;
	buf[0] = '\0';
	while (n-- > 0 && used < len) {
		const char *name = config_setting_name(chain[n]);
		int w;

		if (name != NULL)
			w = snprintf(buf + used, len - used, "%s%s",
			    used ? "." : "", name);
		else
			w = snprintf(buf + used, len - used, "%s[%d]",
			    used ? "." : "", config_setting_index(chain[n]));
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* Elements of arrays and some groups carry no line of their own: the
 * nearest ancestor that does is the best place to send the operator. */
static unsigned int
setting_line(const config_setting_t *s)
{
	for (; s != NULL; s = config_setting_parent(s))
		if (config_setting_source_line(s) != 0)
			return config_setting_source_line(s);
	return 0;
}

static int
fail(struct load_ctx *ctx, const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Write "FILE:LINE: PATH: message" and return -1. */
static int
fail(struct load_ctx *ctx, const config_setting_t *s, const char *fmt, ...)
{
	char path[256], msg[512];
	const char *file = config_setting_source_file(s);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	setting_path(s, path, sizeof path);
	snprintf(ctx->err, ctx->errlen, "%s:%u: %s: %s",
	    file ? file : ctx->path, setting_line(s),
	    path[0] ? path : "(top level)", msg);
	return -1;
}

static int
fail_plain(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail_plain(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* "expected a string, got an integer (15)": show the value when it is
 * short, so the operator sees which of several lines it is. */
static int
fail_type(struct load_ctx *ctx, const config_setting_t *s,
    const char *expected)
{
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_STRING:
		return fail(ctx, s, "expected %s, got a string (\"%s\")",
		    expected, config_setting_get_string(s));
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return fail(ctx, s, "expected %s, got an integer (%lld)",
		    expected, config_setting_get_int64(s));
	case CONFIG_TYPE_BOOL:
		return fail(ctx, s, "expected %s, got a boolean (%s)",
		    expected, config_setting_get_bool(s) ? "true" : "false");
	default:
		return fail(ctx, s, "expected %s, got %s", expected,
		    type_name(s));
	}
}

static char *
xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* $HOME, else the password database: a service or cron job may run with
 * HOME unset and still have a home. */
static const char *
home_dir(void)
{
	static char pwbuf[4096];
	struct passwd pw, *res = NULL;
	const char *home = getenv("HOME");

	if (home != NULL && home[0] != '\0')
		return home;
	if (getpwuid_r(getuid(), &pw, pwbuf, sizeof pwbuf, &res) == 0 &&
	    res != NULL && res->pw_dir != NULL && res->pw_dir[0] != '\0')
		return res->pw_dir;
	return NULL;
}

/* "~" or "~/x" -> "$HOME" or "$HOME/x"; anything else copied.  NULL with
 * *why set when it cannot be expanded, or on allocation failure. */
static char *
expand_tilde(const char *in, const char **why)
{
	const char *home;
	char *out;
	size_t len;

	*why = "out of memory";
	if (in[0] != '~')
		return strdup(in);
	if (in[1] != '\0' && in[1] != '/') {
		*why = "~user is not supported; write the full path";
		return NULL;
	}
	if ((home = home_dir()) == NULL) {
		*why = "cannot expand ~: HOME is not set";
		return NULL;
	}
	len = strlen(home) + strlen(in);
	if ((out = malloc(len)) == NULL)
		return NULL;
	snprintf(out, len, "%s%s", home, in + 1);
	return out;
}

static void
free_strv(char **v)
{
	if (v == NULL)
		return;
	for (char **p = v; *p != NULL; p++)
		free(*p);
	free(v);
}

/* ---- settings parsers: one per kind of value ---------------------------- */

static int
want_string(struct load_ctx *ctx, const config_setting_t *s, bool empty_ok)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return fail_type(ctx, s, "a string");
	if (!empty_ok && config_setting_get_string(s)[0] == '\0')
		return fail(ctx, s, "must not be empty");
	return 0;
}

static int
store_string(struct load_ctx *ctx, const config_setting_t *s, char **dst,
    const char *value)
{
	char *copy = strdup(value);

	if (copy == NULL)
		return fail(ctx, s, "out of memory");
	free(*dst);
	*dst = copy;
	return 0;
}

static int
parse_string(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	(void)f;
	if (want_string(ctx, s, false) < 0)
		return -1;
	return store_string(ctx, s, dst, config_setting_get_string(s));
}

/* A local path: ~ expands. */
static int
parse_path(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	char **out = dst, *p;
	const char *why = "cannot be expanded";

	(void)f;
	if (want_string(ctx, s, false) < 0)
		return -1;
	if ((p = expand_tilde(config_setting_get_string(s), &why)) == NULL)
		return fail(ctx, s, "%s", why);
	free(*out);
	*out = p;
	return 0;
}

/* The integer literal at p ("12", "-3", "0x1f", "5L"): 0 with *v, 1 when
 * it is too large for any setting (past 32 bits), -1 too small, 2 when
 * there is no literal at p. */
static int
int_literal(const char *p, long long *v)
{
	const char *q = p + (*p == '-' || *p == '+');
	bool hex = q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
	char *end;

	if (!isdigit((unsigned char)*q))
		return 2;
	errno = 0;
	*v = strtoll(p, &end, hex ? 16 : 10);
	if (errno == ERANGE || *v > INT32_MAX || *v < INT32_MIN)
		return *p == '-' ? -1 : 1;
	return 0;
}

/* Settings named NAME whose name starts on LINE, before S in the file
 * (libconfig keeps file order): which of the line's NAMEs S is. */
static int
same_line_before(const config_setting_t *t, const config_setting_t *s,
    const char *name, unsigned int line, bool *reached)
{
	int n = 0, i;
	const config_setting_t *c;

	if (t == s) {
		*reached = true;
		return 0;
	}
	if (config_setting_name(t) != NULL &&
	    strcmp(config_setting_name(t), name) == 0 &&
	    config_setting_source_line(t) == line)
		n++;
	if (!config_setting_is_aggregate(t))
		return n;
	for (i = 0; !*reached && (c = config_setting_get_elem(t,
	    (unsigned int)i)) != NULL; i++)
		n += same_line_before(c, s, name, line, reached);
	return n;
}

/*
 * libconfig 1.5 keeps an integer without an L suffix in 32 bits, wrapped
 * (4294967297 is read as 1, 99999999999999999999 as -1), and saturates one
 * with L: its value cannot tell an over-long number from a small one.  So
 * the number is read again from the file, after the setting's name (the
 * how-manieth of that name on its line, strings and comments skipped): 1
 * when it was too large, -1 too small, 0 when it fits (or cannot be found:
 * then libconfig's value stands).
 */
static int
int_overflow(struct load_ctx *ctx, const config_setting_t *s)
{
	const char *file = config_setting_source_file(s);
	const char *name = config_setting_name(s);
	const config_setting_t *root = s;
	unsigned int line = config_setting_source_line(s), at = 1;
	size_t nlen = name != NULL ? strlen(name) : 0, len;
	char *text, *p, *start;
	bool reached = false;
	int skip, r = 0;
	FILE *fp;

	if (name == NULL || line == 0 ||
	    (fp = fopen(file ? file : ctx->path, "r")) == NULL)
		return 0;
	while (config_setting_parent(root) != NULL)
		root = config_setting_parent(root);
	skip = same_line_before(root, s, name, line, &reached);
	/* A configuration is a few KiB; past 1 MiB libconfig's value stands. */
	text = calloc(1, (1 << 20) + 1);
	len = text != NULL ? fread(text, 1, 1 << 20, fp) : 0;
	fclose(fp);
	for (p = text; p != NULL && p < text + len && at < line; p++)
		if (*p == '\n')
			at++;
	for (start = p; p != NULL && *p != '\0' && *p != '\n'; p++) {
		long long lit;
		char *q = p + nlen;

		if (*p == '"') {
			/* A string: its words are no setting names. */
			for (p++; *p != '\0' && *p != '"' && *p != '\n'; p++)
				if (*p == '\\' && p[1] != '\0')
					p++;
			if (*p != '"')
				break;
			continue;
		}
		if (*p == '#' || (p[0] == '/' && (p[1] == '/' || p[1] == '*')))
			break;
		if (strncmp(p, name, nlen) != 0 || (p > start &&
		    (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			continue;
		q += strspn(q, " \t\r\n");
		if (*q != '=' && *q != ':')
			continue;
		if (skip-- > 0)
			continue;
		q++;
		q += strspn(q, " \t\r\n");
		if ((r = int_literal(q, &lit)) == 2)
			r = 0;
		break;
	}
	free(text);
	return r;
}

/* Every integer setting is read here: type, over-long number, range. */
static int
parse_int(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	long long v;
	int over;

	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return fail_type(ctx, s, "an integer");
	v = config_setting_get_int64(s);
	if ((over = int_overflow(ctx, s)) > 0)
		return fail(ctx, s, "the value is too large, at most %lld%s",
		    f->max, f->unit ? f->unit : "");
	if (over < 0)
		return fail(ctx, s, "the value is too small, at least %lld%s",
		    f->min, f->unit ? f->unit : "");
	if (v < f->min || v > f->max)
		return fail(ctx, s, "%lld %s (%lld-%lld%s)", v, f->what,
		    f->min, f->max, f->unit ? f->unit : "");
	*(int *)dst = (int)v;
	return 0;
}

static int
parse_bool(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	(void)f;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return fail_type(ctx, s, "true or false");
	*(bool *)dst = config_setting_get_bool(s) != 0;
	return 0;
}

static void
join_words(const char *const *words, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; words[i] != NULL && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s",
		    i ? ", " : "", words[i]);

		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* Index of string S in WORDS, or -1. */
static int
word_index(const char *const *words, const char *s)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

/* A string from a fixed set, stored as its index (the enum value). */
static int
parse_word(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	char list[128];
	int i;

	if (want_string(ctx, s, true) < 0)
		return -1;
	if ((i = word_index(f->words, config_setting_get_string(s))) < 0) {
		join_words(f->words, list, sizeof list);
		return fail(ctx, s, "\"%s\" is not a %s (%s)",
		    config_setting_get_string(s), f->what, list);
	}
	*(int *)dst = i;
	return 0;
}

static int
want_list(struct load_ctx *ctx, const config_setting_t *s)
{
	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST)
		return fail_type(ctx, s, "a list of strings [\"...\", ...]");
	return 0;
}

/* The authentication order: each method once, at least one. */
static int
parse_auth(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	struct config_defaults *d = dst;
	char list[128];
	int n;

	(void)f;
	if (want_list(ctx, s) < 0)
		return -1;
	if ((n = config_setting_length(s)) == 0)
		return fail(ctx, s, "lists no method; give at least one of "
		    "agent, publickey, keyboard-interactive, password");
	d->nauth = 0;
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s,
		    (unsigned int)i);
		int a;

		if (want_string(ctx, e, true) < 0)
			return -1;
		a = word_index(auth_names, config_setting_get_string(e));
		if (a < 0) {
			join_words(auth_names, list, sizeof list);
			return fail(ctx, e,
			    "\"%s\" is not an authentication method (%s)",
			    config_setting_get_string(e), list);
		}
		for (size_t j = 0; j < d->nauth; j++)
			if (d->auth[j] == (enum config_auth)a)
				return fail(ctx, e, "\"%s\" is listed twice",
				    auth_names[a]);
		d->auth[d->nauth++] = (enum config_auth)a;
	}
	return 0;
}

static int
parse_identity_files(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	struct config_defaults *d = dst;
	int n;

	(void)f;
	if (want_list(ctx, s) < 0)
		return -1;
	n = config_setting_length(s);
	if ((d->identity_files = calloc((size_t)n + 1, sizeof *d->identity_files))
	    == NULL)
		return fail(ctx, s, "out of memory");
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s,
		    (unsigned int)i);

		if (parse_path(ctx, e, f, &d->identity_files[i]) < 0)
			return -1;
		d->nidentity_files++;
	}
	return 0;
}

/* Words of a command line with simple quoting, appended to a growing argv. */
struct word_split {
	char **argv;
	size_t argc;
	char *word;		/* the word being built */
	size_t len;
	bool in_word;
	bool tilde;		/* the word began with an unquoted ~ to expand */
	const char *why;	/* what went wrong */
};

static int
split_push(struct word_split *ws)
{
	char **v, *w;

	ws->word[ws->len] = '\0';
	ws->why = "out of memory";
	if (ws->tilde)
		w = expand_tilde(ws->word, &ws->why);
	else
		w = strdup(ws->word);
	if (w == NULL)
		return -1;
	if ((v = realloc(ws->argv, (ws->argc + 2) * sizeof *v)) == NULL) {
		free(w);
		return -1;
	}
	v[ws->argc++] = w;
	v[ws->argc] = NULL;
	ws->argv = v;
	ws->len = 0;
	ws->in_word = ws->tilde = false;
	return 0;
}

/*
 * password_command is run with execvp(), not sh -c: a shell would add a
 * second language (globs, $vars, ;) to a setting that produces a secret.
 * Returns NULL with *why set on a quoting error.
 */
static char **
split_command(const char *cmd, const char **why)
{
	struct word_split ws = { 0 };
	const char *p = cmd;
	char quote = 0;

	ws.why = "out of memory";
	if ((ws.word = malloc(strlen(cmd) + 1)) == NULL)
		goto fail;
	for (; *p != '\0'; p++) {
		if (quote == '\'') {
			if (*p == '\'')
				quote = 0;
			else
				ws.word[ws.len++] = *p;
			continue;
		}
		if (quote == '"') {
			if (*p == '"')
				quote = 0;
			else if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
				ws.word[ws.len++] = *++p;
			else
				ws.word[ws.len++] = *p;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			if (ws.in_word && split_push(&ws) < 0)
				goto fail;
			continue;
		}
		/* Only an unquoted leading ~ expands, as in a shell. */
		if (!ws.in_word && *p == '~' && (p[1] == '/' || p[1] == '\0' ||
		    p[1] == ' ' || p[1] == '\t'))
			ws.tilde = true;
		ws.in_word = true;
		if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '\\') {
			if (p[1] == '\0') {
				ws.why = "ends with a lone backslash";
				goto fail;
			}
			ws.word[ws.len++] = *++p;
		} else
			ws.word[ws.len++] = *p;
	}
	if (quote != 0) {
		ws.why = quote == '\'' ? "has an unterminated ' quote" :
		    "has an unterminated \" quote";
		goto fail;
	}
	if (ws.in_word && split_push(&ws) < 0)
		goto fail;
	if (ws.argc == 0) {
		ws.why = "is empty";
		goto fail;
	}
	free(ws.word);
	return ws.argv;
fail:
	*why = ws.why;
	free(ws.word);
	free_strv(ws.argv);
	return NULL;
}

static int
parse_password_command(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	char ***argv = dst, **v;
	const char *why = "cannot be split into words";

	(void)f;
	if (want_string(ctx, s, true) < 0)
		return -1;
	if ((v = split_command(config_setting_get_string(s), &why)) == NULL)
		return fail(ctx, s, "%s", why);
	free_strv(*argv);
	*argv = v;
	return 0;
}

/* Letters, digits, . _ -: the name is typed on the command line and becomes
 * part of the transcript's file name. */
static int
parse_router_name(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	const char *v;

	(void)f;
	if (want_string(ctx, s, false) < 0)
		return -1;
	v = config_setting_get_string(s);
	if (!isalnum((unsigned char)v[0]) ||
	    strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") != strlen(v))
		return fail(ctx, s, "\"%s\" is not a router name (letters, "
		    "digits, '.', '_', '-', starting with a letter or digit; "
		    "it names the transcript files)", v);
	return store_string(ctx, s, dst, v);
}

static bool
has_space(const char *s)
{
	for (; *s != '\0'; s++)
		if (isspace((unsigned char)*s) || iscntrl((unsigned char)*s))
			return true;
	return false;
}

static int
parse_host(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	const char *v;

	(void)f;
	if (want_string(ctx, s, false) < 0)
		return -1;
	v = config_setting_get_string(s);
	if (has_space(v))
		return fail(ctx, s, "\"%s\" is not a host name or address "
		    "(it holds a blank)", v);
	if (v[0] == '[')
		return fail(ctx, s, "\"%s\": write an IPv6 address without "
		    "brackets; the port goes in port", v);
	return store_string(ctx, s, dst, v);
}

static int
parse_port(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	struct config_re *re = dst;

	if (parse_int(ctx, s, f, &re->port) < 0)
		return -1;
	re->port_given = true;
	return 0;
}

/* The ISSU reads its package from the master's /var/tmp, where Junos'
 * `file copy` and the procedure's checks look for it: 0, or -1 with why
 * in err (the same words for the file and --package). */
static int
package_check(const char *v, char *err, size_t errlen)
{
	static const char prefix[] = "/var/tmp/";
	const char *p;

	if (strncmp(v, prefix, sizeof prefix - 1) != 0 ||
	    v[sizeof prefix - 1] == '\0' || v[strlen(v) - 1] == '/') {
		snprintf(err, errlen, "\"%s\" is not a file in /var/tmp on the "
		    "router (copy the package there and give its full path, "
		    "e.g. /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz)", v);
		return -1;
	}
	for (p = v; (p = strstr(p, "..")) != NULL; p += 2)
		if (p[-1] == '/' && (p[2] == '/' || p[2] == '\0')) {
			snprintf(err, errlen, "\"%s\" leaves /var/tmp (..)", v);
			return -1;
		}
	if (has_space(v)) {
		snprintf(err, errlen, "\"%s\" holds a blank; Junos package "
		    "names have none", v);
		return -1;
	}
	return 0;
}

static int
parse_package(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	const char *v;
	char why[700];

	(void)f;
	if (want_string(ctx, s, false) < 0)
		return -1;
	v = config_setting_get_string(s);
	if (package_check(v, why, sizeof why) != 0)
		return fail(ctx, s, "%s", why);
	return store_string(ctx, s, dst, v);
}

/* Stored lower-case, the way `file checksum sha-256` prints it. */
static int
parse_sha256(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	const char *v;
	char *copy;

	(void)f;
	if (want_string(ctx, s, true) < 0)
		return -1;
	v = config_setting_get_string(s);
	if (strlen(v) != 64 || strspn(v, "0123456789abcdefABCDEF") != 64)
		return fail(ctx, s, "\"%s\" is not a SHA-256 digest "
		    "(64 hexadecimal digits)", v);
	if (store_string(ctx, s, dst, v) < 0)
		return -1;
	for (copy = *(char **)dst; *copy != '\0'; copy++)
		*copy = (char)tolower((unsigned char)*copy);
	return 0;
}

static const struct config_field *
find_field(const struct config_field *fields, const char *name)
{
	for (; fields->name != NULL; fields++)
		if (strcmp(fields->name, name) == 0)
			return fields;
	return NULL;
}

/* Every setting of GROUP through FIELDS into BASE; unknown ones refused. */
static int
parse_fields(struct load_ctx *ctx, const config_setting_t *group,
    const struct config_field *fields, void *base)
{
	int n = config_setting_length(group);

	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(group,
		    (unsigned int)i);
		const char *name = config_setting_name(s);
		const struct config_field *f;

		/* Before the unknown-setting check: "password" deserves the
		 * reason, wherever it was put. */
		if (strcasecmp(name, "password") == 0)
			return fail(ctx, s, REFUSE_PASSWORD);
		if ((f = find_field(fields, name)) == NULL) {
			char known[256];
			size_t used = 0;

			known[0] = '\0';
			for (const struct config_field *k = fields;
			    k->name != NULL && used < sizeof known; k++) {
				int w = snprintf(known + used,
				    sizeof known - used, "%s%s",
				    used ? ", " : "", k->name);

				if (w < 0)
					break;
				used += (size_t)w;
			}
			return fail(ctx, s, "unknown setting (known here: %s)",
			    known);
		}
		if (f->parse(ctx, s, f, (char *)base + f->offset) < 0)
			return -1;
	}
	for (const struct config_field *f = fields; f->name != NULL; f++)
		if (f->required && config_setting_get_member(group,
		    f->name) == NULL)
			return fail(ctx, group, "%s is missing (required)",
			    f->name);
	return 0;
}

static int
parse_group(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	if (config_setting_type(s) != CONFIG_TYPE_GROUP)
		return fail_type(ctx, s, "a group { ... }");
	return parse_fields(ctx, s, f->group, dst);
}

/* ---- the tables: what each group of the file may hold ------------------- */

#define INT_FIELD(n, st, m, lo, hi, w, u) { .name = n, .parse = parse_int, \
	.offset = offsetof(st, m), .min = lo, .max = hi, .what = w, .unit = u }

/* Ranges: long enough for the slowest real MX, short enough that a typo of
 * an extra digit is caught. */
static const struct config_field timeouts_fields[] = {
	INT_FIELD("issu", struct config_timeouts, issu, 1, 600,
	    "is out of range", " minutes"),
	INT_FIELD("backup_reboot", struct config_timeouts, backup_reboot,
	    1, 240, "is out of range", " minutes"),
	INT_FIELD("old_master_reboot", struct config_timeouts,
	    old_master_reboot, 1, 240, "is out of range", " minutes"),
	INT_FIELD("switch_holddown", struct config_timeouts, switch_holddown,
	    1, 120, "is out of range", " minutes"),
	{ .name = NULL }
};

static const struct config_field defaults_fields[] = {
	{ .name = "user", .parse = parse_string,
	  .offset = offsetof(struct config_defaults, user) },
	{ .name = "auth", .parse = parse_auth, .offset = 0 },
	{ .name = "identity_files", .parse = parse_identity_files,
	  .offset = 0 },
	{ .name = "password_command", .parse = parse_password_command,
	  .offset = offsetof(struct config_defaults, password_argv) },
	{ .name = "known_hosts", .parse = parse_path,
	  .offset = offsetof(struct config_defaults, known_hosts) },
	{ .name = "host_key_policy", .parse = parse_word,
	  .offset = offsetof(struct config_defaults, host_key_policy),
	  .what = "host key policy", .words = host_key_policy_names },
	INT_FIELD("connect_timeout", struct config_defaults, connect_timeout,
	    1, 300, "is out of range", " seconds"),
	INT_FIELD("command_timeout", struct config_defaults, command_timeout,
	    1, 3600, "is out of range", " seconds"),
	INT_FIELD("server_alive_interval", struct config_defaults,
	    server_alive_interval, 0, 300, "is out of range", " seconds"),
	INT_FIELD("server_alive_count_max", struct config_defaults,
	    server_alive_count_max, 1, 100, "is out of range", ""),
	INT_FIELD("password_command_timeout", struct config_defaults,
	    password_command_timeout, 1, 300, "is out of range", " seconds"),
	{ .name = "log_dir", .parse = parse_path,
	  .offset = offsetof(struct config_defaults, log_dir) },
	{ .name = "timeouts", .parse = parse_group,
	  .offset = offsetof(struct config_defaults, timeouts),
	  .group = timeouts_fields },
	{ .name = NULL }
};

static const struct config_field re_fields[] = {
	{ .name = "host", .parse = parse_host, .required = true,
	  .offset = offsetof(struct config_re, host) },
	{ .name = "port", .parse = parse_port, .offset = 0,
	  .min = 1, .max = 65535, .what = "is not a port" },
	{ .name = "user", .parse = parse_string,
	  .offset = offsetof(struct config_re, user) },
	{ .name = NULL }
};

static const struct config_field issu_options_fields[] = {
	{ .name = "no_old_master_upgrade", .parse = parse_bool,
	  .offset = offsetof(struct config_issu_options,
	  no_old_master_upgrade) },
	{ .name = "reboot", .parse = parse_bool,
	  .offset = offsetof(struct config_issu_options, reboot) },
	{ .name = NULL }
};

static const struct config_field router_fields[] = {
	{ .name = "name", .parse = parse_router_name, .required = true,
	  .offset = offsetof(struct router_config, name) },
	{ .name = "re0", .parse = parse_group, .required = true,
	  .offset = offsetof(struct router_config, re[0]),
	  .group = re_fields },
	{ .name = "re1", .parse = parse_group, .required = true,
	  .offset = offsetof(struct router_config, re[1]),
	  .group = re_fields },
	{ .name = "package", .parse = parse_package,
	  .offset = offsetof(struct router_config, package) },
	{ .name = "package_sha256", .parse = parse_sha256,
	  .offset = offsetof(struct router_config, package_sha256) },
	{ .name = "switch_back", .parse = parse_word,
	  .offset = offsetof(struct router_config, switch_back),
	  .what = "switch_back choice", .words = switch_back_names },
	{ .name = "issu_options", .parse = parse_group,
	  .offset = offsetof(struct router_config, issu_options),
	  .group = issu_options_fields },
	{ .name = NULL }
};

static void
router_defaults(struct router_config *r)
{
	memset(r, 0, sizeof *r);
	r->re[0].port = r->re[1].port = 22;
	r->switch_back = CONFIG_SWITCH_BACK_ASK;
}

static int
parse_routers(struct load_ctx *ctx, const config_setting_t *s,
    const struct config_field *f, void *dst)
{
	struct console_config *cfg = dst;
	int n;

	(void)f;
	if (config_setting_type(s) != CONFIG_TYPE_LIST)
		return fail_type(ctx, s, "a list of routers ( { ... }, ... )");
	if ((n = config_setting_length(s)) == 0)
		return 0;
	if ((cfg->routers = calloc((size_t)n, sizeof *cfg->routers)) == NULL)
		return fail(ctx, s, "out of memory");
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s,
		    (unsigned int)i);
		struct router_config *r = &cfg->routers[i];

		/* Counted before parsing so config_free() releases a
		 * half-filled router too. */
		router_defaults(r);
		cfg->nrouters++;
		if (config_setting_type(e) != CONFIG_TYPE_GROUP)
			return fail_type(ctx, e, "a router { name = ...; "
			    "re0 = { ... }; re1 = { ... }; }");
		if (parse_fields(ctx, e, router_fields, r) < 0)
			return -1;
		for (int j = 0; j < i; j++)
			if (strcmp(cfg->routers[j].name, r->name) == 0)
				return fail(ctx, config_setting_get_member(e,
				    "name"), "\"%s\" is already the name of "
				    "routers.[%d]", r->name, j);
	}
	return 0;
}

static const struct config_field top_fields[] = {
	{ .name = "defaults", .parse = parse_group,
	  .offset = offsetof(struct console_config, defaults),
	  .group = defaults_fields },
	{ .name = "routers", .parse = parse_routers, .offset = 0 },
	{ .name = NULL }
};

/* ---- public ------------------------------------------------------------- */

const char *
config_auth_name(enum config_auth auth)
{
	return (unsigned int)auth < CONFIG_AUTH_COUNT ? auth_names[auth] : "?";
}

char *
config_default_path(void)
{
	static const char tail[] = "issu-console/issu-console.conf";
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home;
	char *p;
	size_t len;

	/* The XDG spec says a relative XDG_CONFIG_HOME is to be ignored. */
	if (xdg != NULL && xdg[0] == '/') {
		len = strlen(xdg) + sizeof tail + 1;
		if ((p = malloc(len)) != NULL)
			snprintf(p, len, "%s/%s", xdg, tail);
		return p;
	}
	if ((home = home_dir()) == NULL)
		return NULL;
	len = strlen(home) + sizeof "/.config/" + sizeof tail;
	if ((p = malloc(len)) != NULL)
		snprintf(p, len, "%s/.config/%s", home, tail);
	return p;
}

/* Defaults that need ~: applied after the file, only when it left them
 * out, so a missing HOME is an error only where it matters. */
static int
apply_path_default(struct console_config *cfg, char **dst, const char *def,
    const char *setting, char *err, size_t errlen)
{
	const char *why = "cannot be expanded";

	if (*dst != NULL)
		return 0;
	if ((*dst = expand_tilde(def, &why)) == NULL)
		return fail_plain(err, errlen, "%s: defaults.%s: %s", cfg->path,
		    setting, why);
	return 0;
}

int
config_load(const char *path, struct console_config *out, char *err,
    size_t errlen)
{
	static const enum config_auth default_auth[] = {
		CONFIG_AUTH_AGENT, CONFIG_AUTH_PUBLICKEY,
		CONFIG_AUTH_KEYBOARD_INTERACTIVE, CONFIG_AUTH_PASSWORD
	};
	struct load_ctx ctx = { .err = err, .errlen = errlen };
	struct config_defaults *d = &out->defaults;
	config_t lc;
	FILE *fp;
	int rc;

	memset(out, 0, sizeof *out);
	out->path = path ? strdup(path) : config_default_path();
	if (out->path == NULL)
		return fail_plain(err, errlen, "%s", path ? "out of memory" :
		    "no default configuration file: HOME is not set");
	ctx.path = out->path;

	/* libconfig says only "file I/O error": open it first for the
	 * reason an operator can act on. */
	if ((fp = fopen(out->path, "r")) == NULL) {
		fail_plain(err, errlen, "%s: cannot read: %s", out->path,
		    strerror(errno));
		config_free(out);
		return -1;
	}
	fclose(fp);

	d->nauth = sizeof default_auth / sizeof default_auth[0];
	memcpy(d->auth, default_auth, sizeof default_auth);
	d->host_key_policy = CONFIG_HOST_KEY_STRICT;
	d->connect_timeout = 15;
	d->command_timeout = 120;
	d->server_alive_interval = 15;
	d->server_alive_count_max = 3;
	d->password_command_timeout = 10;
	d->timeouts.issu = 60;
	d->timeouts.backup_reboot = 30;
	d->timeouts.old_master_reboot = 30;
	d->timeouts.switch_holddown = 10;

	config_init(&lc);
	if (!config_read_file(&lc, out->path)) {
		if (config_error_type(&lc) == CONFIG_ERR_PARSE)
			fail_plain(err, errlen, "%s:%d: syntax: %s",
			    config_error_file(&lc) ? config_error_file(&lc) :
			    out->path, config_error_line(&lc),
			    config_error_text(&lc));
		else
			fail_plain(err, errlen, "%s: cannot read: %s",
			    out->path, config_error_text(&lc));
		rc = -1;
	} else
		rc = parse_fields(&ctx, config_root_setting(&lc), top_fields,
		    out);
	/* Everything kept was copied: the tree goes now. */
	config_destroy(&lc);

	if (rc == 0)
		rc = apply_path_default(out, &d->known_hosts,
		    "~/.ssh/known_hosts", "known_hosts", err, errlen);
	if (rc == 0)
		rc = apply_path_default(out, &d->log_dir,
		    "~/.local/state/issu-console", "log_dir", err, errlen);
	if (rc < 0)
		config_free(out);
	return rc;
}

void
config_router_free(struct router_config *r)
{
	if (r == NULL)
		return;
	free(r->name);
	for (int i = 0; i < 2; i++) {
		free(r->re[i].host);
		free(r->re[i].user);
	}
	free(r->package);
	free(r->package_sha256);
	memset(r, 0, sizeof *r);
}

void
config_free(struct console_config *cfg)
{
	struct config_defaults *d;

	if (cfg == NULL)
		return;
	d = &cfg->defaults;
	free(cfg->path);
	free(d->user);
	for (size_t i = 0; i < d->nidentity_files; i++)
		free(d->identity_files[i]);
	free(d->identity_files);
	free_strv(d->password_argv);
	free(d->known_hosts);
	free(d->log_dir);
	for (size_t i = 0; i < cfg->nrouters; i++)
		config_router_free(&cfg->routers[i]);
	free(cfg->routers);
	memset(cfg, 0, sizeof *cfg);
}

const struct router_config *
config_router(const struct console_config *cfg, const char *name)
{
	if (cfg == NULL)
		return NULL;
	if (name == NULL)
		return cfg->nrouters == 1 ? &cfg->routers[0] : NULL;
	for (size_t i = 0; i < cfg->nrouters; i++)
		if (strcmp(cfg->routers[i].name, name) == 0)
			return &cfg->routers[i];
	return NULL;
}

const char *
config_user(const struct console_config *cfg, const struct config_re *re)
{
	if (re != NULL && re->user != NULL)
		return re->user;
	return cfg ? cfg->defaults.user : NULL;
}

/* "HOST", "HOST:PORT", "[V6]", "[V6]:PORT", or a bare "V6" (no port). */
static int
parse_host_port(const char *flag, const char *arg, struct config_re *re,
    char *err, size_t errlen)
{
	const char *host = arg, *end, *port = NULL;
	char *stop;
	long v;

	if (arg == NULL || arg[0] == '\0')
		return fail_plain(err, errlen, "%s: missing HOST[:PORT]", flag);
	if (arg[0] == '[') {
		host = arg + 1;
		if ((end = strchr(host, ']')) == NULL)
			return fail_plain(err, errlen, "%s: \"%s\": missing ']' "
			    "after the IPv6 address", flag, arg);
		if (end[1] == ':')
			port = end + 2;
		else if (end[1] != '\0')
			return fail_plain(err, errlen, "%s: \"%s\": expected "
			    "':PORT' after ']'", flag, arg);
	} else if ((end = strchr(arg, ':')) != NULL &&
	    strchr(end + 1, ':') == NULL)
		port = end + 1;		/* one colon: HOST:PORT */
	else
		end = arg + strlen(arg);	/* none, or a bare IPv6 */
	if (end == host)
		return fail_plain(err, errlen, "%s: \"%s\": missing host",
		    flag, arg);
	if (port != NULL) {
		if (port[0] == '\0')
			return fail_plain(err, errlen, "%s: \"%s\": missing port "
			    "after ':'", flag, arg);
		errno = 0;
		v = strtol(port, &stop, 10);
		if (!isdigit((unsigned char)port[0]) || *stop != '\0' ||
		    errno != 0 || v < 1 || v > 65535)
			return fail_plain(err, errlen, "%s: %s is not a port "
			    "(1-65535)", flag, port);
		re->port = (int)v;
		re->port_given = true;
	}
	if ((re->host = strndup(host, (size_t)(end - host))) == NULL)
		return fail_plain(err, errlen, "out of memory");
	if (has_space(re->host))
		return fail_plain(err, errlen, "%s: \"%s\" is not a host name "
		    "or address (it holds a blank)", flag, re->host);
	return 0;
}

int
config_router_from_args(const char *re0, const char *re1, const char *user,
    const char *package, struct router_config *out, char *err, size_t errlen)
{
	char why[700];

	router_defaults(out);
	if (parse_host_port("--re0", re0, &out->re[0], err, errlen) < 0 ||
	    parse_host_port("--re1", re1, &out->re[1], err, errlen) < 0)
		goto fail;
	if (package != NULL) {
		if (package_check(package, why, sizeof why) != 0) {
			fail_plain(err, errlen, "--package: %s", why);
			goto fail;
		}
		if ((out->package = strdup(package)) == NULL) {
			fail_plain(err, errlen, "out of memory");
			goto fail;
		}
	}
	if (user != NULL && user[0] == '\0') {
		fail_plain(err, errlen, "--user: empty user name");
		goto fail;
	}
	out->name = strdup(out->re[0].host);
	out->re[0].user = xstrdup(user);
	out->re[1].user = xstrdup(user);
	if (out->name == NULL || (user != NULL && (out->re[0].user == NULL ||
	    out->re[1].user == NULL))) {
		fail_plain(err, errlen, "out of memory");
		goto fail;
	}
	return 0;
fail:
	config_router_free(out);
	return -1;
}
