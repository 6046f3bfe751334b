/*
 * junos.c - the console's reading of Junos: one parser per operational
 * command it runs, text in and typed facts out (see junos.h for the contract).
 *
 * Why strict: the ISSU procedure acts on these facts (reboots an RE, switches
 * mastership), so a line that is not understood stops the parse with that
 * line quoted instead of being skipped; the operator then sees what the
 * console could not read.  What is tolerated is only what a terminal or a
 * paste adds around an output (the capture layer below), never unknown
 * output lines.
 *
 * The formats follow real Junos captures (shared/reference/junos) and
 * Juniper's documentation, never the simulator's code: the two must agree
 * because they both follow Junos, or the tests prove nothing.  Where a
 * wording comes from documentation rather than a capture, the comment says so.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "procedure/junos.h"

/* Longer lines than this do not occur in these outputs (the widest are
 * show version package lines, ~110 columns). */
#define LINE_MAX_LEN	512

#if defined(__GNUC__)
#define PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTFLIKE(f, a)
#endif

/* ---- small string helpers ------------------------------------------------ */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_alpha(char c)
{
	return is_lower(c) || (c >= 'A' && c <= 'Z');
}

static const char *
skip_blanks(const char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

/* Copy src into dst; -1 (dst emptied) when it does not fit. */
static int
copy_str(char *dst, size_t dstlen, const char *src, size_t n)
{
	if (n >= dstlen) {
		dst[0] = '\0';
		return -1;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

/*
 * If `s` starts with `label` followed by blanks or the end, the value after
 * the blanks in *value.  Labels are matched whole so that "CPU utilization:"
 * never reads as a prefix of "5 sec CPU utilization:" and vice versa.
 */
static bool
label_value(const char *s, const char *label, const char **value)
{
	size_t n = strlen(label);

	if (strncmp(s, label, n) != 0 || (s[n] != '\0' && !is_blank(s[n])))
		return false;
	*value = skip_blanks(s + n);
	return true;
}

/* Whether a and b are equal once runs of blanks count as one space. */
static bool
same_words(const char *a, const char *b)
{
	a = skip_blanks(a);
	b = skip_blanks(b);
	while (*a != '\0' && *b != '\0') {
		if (is_blank(*a) || is_blank(*b)) {
			if (!is_blank(*a) || !is_blank(*b))
				return false;
			a = skip_blanks(a);
			b = skip_blanks(b);
			continue;
		}
		if (*a++ != *b++)
			return false;
	}
	return *skip_blanks(a) == '\0' && *skip_blanks(b) == '\0';
}

/* Unsigned decimal of exactly n digits (1..18), no sign. */
static bool
parse_digits(const char *s, size_t n, long long *v)
{
	long long x = 0;
	size_t i;

	if (n == 0 || n > 18)
		return false;
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

/* A whole decimal number followed by `*end` (blank or NUL). */
static bool
parse_number(const char *s, const char **end, long long *v)
{
	size_t n = 0;

	while (is_digit(s[n]))
		n++;
	if (!parse_digits(s, n, v))
		return false;
	*end = s + n;
	return true;
}

/* ---- errors -------------------------------------------------------------- */

static void PRINTFLIKE(3, 4)
err_set(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The line as C-ish text: quotes and backslashes escaped, other bytes that
 * are not printable ASCII as \xNN, at most ~70 columns. */
static void
quote(char *dst, size_t dstlen, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	for (i = 0; i < n && o + 8 < dstlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (o > 70) {
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		if (c == '"' || c == '\\') {
			dst[o++] = '\\';
			dst[o++] = (char)c;
		} else if (c >= 0x20 && c < 0x7f) {
			dst[o++] = (char)c;
		} else {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		}
	}
	dst[o] = '\0';
}

/* ---- capture tolerance -----------------------------------------------------
 *
 * What a terminal, a pager or a paste wraps around an output, dropped before
 * any parser sees a line: banner lines ({master}, {backup:1}), the prompt
 * with its echoed command, a bare echoed command or login banner before the
 * output, `set cli timestamp` lines, ---(more)--- prompts, blank lines,
 * indentation (genie fixtures re-indent unevenly, and no label here depends
 * on its column) and trailing whitespace or CR.  A prompt once output has
 * started ends the output: what follows is another command's.
 */

struct capture {
	const char *p, *end;		/* what is left of the input */
	unsigned lineno;		/* physical line of `line`, from 1 */
	const char *const *commands;	/* the commands this parser reads */
	bool seen_output;
	bool done;			/* a prompt ended the output */
	const char *what;		/* "show version": for messages */
	char line[LINE_MAX_LEN];	/* the current line, trimmed */
	size_t len;			/* its length: a NUL byte inside is
					   refused, but quoted whole */
};

static void
capture_init(struct capture *c, const char *text, size_t len,
    const char *const *commands, const char *what)
{
	memset(c, 0, sizeof *c);
	/* NULL reads as empty; NULL + 0 is itself undefined, hence the test */
	c->p = text;
	c->end = text != NULL ? text + len : text;
	c->commands = commands;
	c->what = what;
}

static void PRINTFLIKE(4, 5)
capture_fail(const struct capture *c, char *err, size_t errlen,
    const char *fmt, ...)
{
	char q[128], why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	quote(q, sizeof q, c->line, c->len);
	err_set(err, errlen, "line %u: \"%s\": %s", c->lineno, q, why);
}

/* Not a line of this output: the standard message. */
static void
capture_unknown(const struct capture *c, char *err, size_t errlen)
{
	capture_fail(c, err, errlen, "not a %s line", c->what);
}

static void PRINTFLIKE(4, 5)
capture_fail_end(const struct capture *c, char *err, size_t errlen,
    const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	err_set(err, errlen, "end of input (after line %u): %s", c->lineno,
	    why);
}

static bool
is_banner(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 3 || s[0] != '{' || s[n - 1] != '}')
		return false;
	for (i = 1; i < n - 1; i++) {
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != ':' &&
		    s[i] != '-' && s[i] != '_')
			return false;
	}
	return true;
}

/* "Dec 16 01:33:44": what `set cli timestamp` prints before an output. */
static bool
is_timestamp(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *m;
	size_t i;

	if (strlen(s) < 14)
		return false;
	for (m = months; *m != '\0'; m += 3) {
		if (strncmp(s, m, 3) == 0)
			break;
	}
	if (*m == '\0' || s[3] != ' ')
		return false;
	s += 4;
	if (*s == ' ')
		s++;
	for (i = 0; i < 2 && is_digit(*s); i++)
		s++;
	if (i == 0 || *s++ != ' ')
		return false;
	return is_digit(s[0]) && is_digit(s[1]) && s[2] == ':' &&
	    is_digit(s[3]) && is_digit(s[4]) && s[5] == ':' &&
	    is_digit(s[6]) && is_digit(s[7]) && s[8] == '\0';
}

static bool
is_prompt_char(char c)
{
	return is_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '-';
}

/* "user@host> cmd" or "> cmd" (a capture whose author cut the host): the
 * command after the prompt in *cmd. */
static bool
is_prompt(const char *s, const char **cmd)
{
	const char *p = s;

	if (*p != '>') {
		while (is_prompt_char(*p))
			p++;
		if (p == s || *p++ != '@')
			return false;
		s = p;
		while (is_prompt_char(*p) || *p == ':')
			p++;
		if (p == s || *p != '>')
			return false;
	}
	p++;
	if (*p != '\0' && *p != ' ')
		return false;
	*cmd = skip_blanks(p);
	return true;
}

/*
 * Whether `typed` is one of the parser's commands, as the CLI accepts it:
 * each word a prefix of the command's word ("sh chas routing-engine"), then
 * any arguments or pipes.  `exact_first` asks for the first word whole, for
 * lines that carry no prompt to show they were typed.
 */
static bool
is_command(const char *typed, const char *const *commands, bool exact_first)
{
	const char *const *cmd;

	for (cmd = commands; *cmd != NULL; cmd++) {
		const char *t = skip_blanks(typed), *w = *cmd;
		bool ok = true, first = true;

		while (*w != '\0' && ok) {
			size_t tn = 0, wn = 0;

			while (t[tn] != '\0' && !is_blank(t[tn]))
				tn++;
			while (w[wn] != '\0' && w[wn] != ' ')
				wn++;
			if (tn == 0 || tn > wn || strncmp(t, w, tn) != 0 ||
			    (first && exact_first && tn != wn))
				ok = false;
			t = skip_blanks(t + tn);
			w += wn;
			if (*w == ' ')
				w++;
			first = false;
		}
		if (ok)
			return true;
	}
	return false;
}

/* Login noise an interactive session prints before the first prompt. */
static const char *const login_banners[] = {
	"Last login: ",
	"--- JUNOS ",
	NULL,
};

static bool
is_login_banner(const char *s)
{
	const char *const *b;

	for (b = login_banners; *b != NULL; b++) {
		if (strncmp(s, *b, strlen(*b)) == 0)
			return true;
	}
	return false;
}

/*
 * The next line of the output proper, trimmed into c->line: 1, or 0 at the
 * end, or -1 (with err) for a line that cannot be text.
 */
static int
capture_next(struct capture *c, char *err, size_t errlen)
{
	while (!c->done && c->p < c->end) {
		const char *start = c->p, *nl, *s, *e, *cmd;
		size_t n, i;

		nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
		e = nl != NULL ? nl : c->end;
		c->p = nl != NULL ? nl + 1 : c->end;
		c->lineno++;

		/* A pager prompt, and whatever the terminal redrew after it. */
		s = start;
		if (e - s >= 8 && strncmp(s, "---(more", 8) == 0) {
			const char *close = s + 8;

			while (close + 4 <= e && strncmp(close, ")---", 4) != 0)
				close++;
			if (close + 4 <= e)
				s = close + 4;
		}
		while (s < e && (is_blank(*s) || *s == '\r'))
			s++;
		while (e > s && (is_blank(e[-1]) || e[-1] == '\r'))
			e--;
		n = (size_t)(e - s);
		if (n >= sizeof c->line) {
			char q[128];

			quote(q, sizeof q, s, n);
			err_set(err, errlen, "line %u: \"%s\": line too long "
			    "for a %s line", c->lineno, q, c->what);
			return -1;
		}
		memcpy(c->line, s, n);
		c->line[n] = '\0';
		c->len = n;
		for (i = 0; i < n; i++) {
			unsigned char b = (unsigned char)s[i];

			if ((b < 0x20 && b != '\t') || b == 0x7f) {
				capture_fail(c, err, errlen,
				    "control byte 0x%02x: not text", b);
				return -1;
			}
		}
		if (n == 0 || is_banner(c->line) || is_timestamp(c->line))
			continue;
		if (is_prompt(c->line, &cmd)) {
			if (c->seen_output) {
				c->done = true;
				break;
			}
			if (*cmd != '\0' && !is_command(cmd, c->commands,
			    false)) {
				capture_fail(c, err, errlen,
				    "the echo of another command than %s",
				    c->what);
				return -1;
			}
			continue;
		}
		if (!c->seen_output && (is_login_banner(c->line) ||
		    is_command(c->line, c->commands, true)))
			continue;
		c->seen_output = true;
		return 1;
	}
	return 0;
}

/* ---- releases ------------------------------------------------------------ */

/* Release types, oldest first within one major.minor (see junos.h). */
static const char release_types[] = "IBRFX";

int
junos_release_parse(const char *s, struct junos_release *out)
{
	struct junos_release r;
	const char *p = s, *q;
	long long v;

	memset(&r, 0, sizeof r);
	r.spin = -1;
	if (s == NULL || copy_str(r.text, sizeof r.text, s, strlen(s)) < 0)
		return -1;
	for (q = p; is_digit(*q); q++)
		;
	if (q - p > 2 || !parse_digits(p, (size_t)(q - p), &v) || *q != '.')
		return -1;
	r.major = (int)v;
	for (p = ++q; is_digit(*q); q++)
		;
	if (q - p > 2 || !parse_digits(p, (size_t)(q - p), &v))
		return -1;
	r.minor = (int)v;
	if (*q == '\0' || strchr(release_types, *q) == NULL)
		return -1;
	r.type = *q;
	for (p = ++q; is_digit(*q); q++)
		;
	if (q - p > 4 || !parse_digits(p, (size_t)(q - p), &v))
		return -1;
	r.build = (int)v;
	/* X trains count D releases (13.2X51-D35), the others S (18.4R3-S10). */
	if (q[0] == '-' && (q[1] == 'S' || (q[1] == 'D' && r.type == 'X'))) {
		r.ext_kind = q[1];
		for (p = q += 2; is_digit(*q); q++)
			;
		if (q - p > 4 || !parse_digits(p, (size_t)(q - p), &v))
			return -1;
		r.ext = (int)v;
	}
	if (*q == '.') {
		for (p = ++q; is_digit(*q); q++)
			;
		if (q - p > 4 || !parse_digits(p, (size_t)(q - p), &v))
			return -1;
		r.spin = (int)v;
	}
	if (*q != '\0')
		return -1;
	*out = r;
	return 0;
}

static int
cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int
junos_release_compare(const struct junos_release *a,
    const struct junos_release *b)
{
	int d;

	if ((d = cmp_int(a->major, b->major)) != 0 ||
	    (d = cmp_int(a->minor, b->minor)) != 0)
		return d;
	d = cmp_int((int)(strchr(release_types, a->type) - release_types),
	    (int)(strchr(release_types, b->type) - release_types));
	if (d != 0 || (d = cmp_int(a->build, b->build)) != 0 ||
	    (d = cmp_int(a->ext, b->ext)) != 0)
		return d;
	if (a->spin >= 0 && b->spin >= 0)
		return cmp_int(a->spin, b->spin);
	return 0;
}

/*
 * Install package names, by scheme: the name is PREFIX RELEASE SUFFIX.
 * Prefixes from Juniper's download pages for MX: jinstall (32-bit, to 15.1),
 * jinstall64 (64-bit REs, 13.x-15.1), junos-install-mx-x86-64 (16.1 on,
 * FreeBSD 10+), junos-vmhost-install-mx-x86-64 (RE-S-X6/X8 VM-host REs).
 * Longer prefixes first: "jinstall-" must not swallow "jinstall64-".
 */
static const char *const package_prefixes[] = {
	"junos-vmhost-install-mx-x86-64-",
	"junos-install-mx-x86-64-",
	"junos-install-mx-x86-32-",
	"jinstall64-",
	"jinstall-ppc-",
	"jinstall-",
	NULL,
};

static const char *const package_suffixes[] = {
	"-domestic-signed.tgz",
	"-export-signed.tgz",
	"-signed.tgz",
	"-domestic.tgz",
	"-export.tgz",
	"-limited.tgz",
	".tgz",
	NULL,
};

int
junos_release_from_package(const char *filename, struct junos_release *out,
    char *err, size_t errlen)
{
	const char *const *pre, *const *suf, *base, *slash;
	char release[JUNOS_RELEASE_MAX];

	if (filename == NULL) {
		err_set(err, errlen, "no package name");
		return -1;
	}
	slash = strrchr(filename, '/');
	base = slash != NULL ? slash + 1 : filename;
	for (pre = package_prefixes; *pre != NULL; pre++) {
		size_t pn = strlen(*pre), bn = strlen(base);

		if (strncmp(base, *pre, pn) != 0)
			continue;
		/* The first suffix that leaves a release wins: "-signed.tgz"
		 * before ".tgz", so 15.1R7.9-signed is never read whole. */
		for (suf = package_suffixes; *suf != NULL; suf++) {
			size_t sn = strlen(*suf);

			if (bn < pn + sn || strcmp(base + bn - sn, *suf) != 0)
				continue;
			if (copy_str(release, sizeof release, base + pn,
			    bn - pn - sn) == 0 &&
			    junos_release_parse(release, out) == 0)
				return 0;
		}
		break;
	}
	err_set(err, errlen, "%s: not a Junos install package name "
	    "(jinstall-RELEASE-domestic-signed.tgz, "
	    "junos-install-mx-x86-64-RELEASE.tgz, ...)", base);
	return -1;
}

/* ---- names ---------------------------------------------------------------- */

const char *
junos_tristate_name(enum junos_tristate t)
{
	return t == JUNOS_TRUE ? "true" : t == JUNOS_FALSE ? "false" : "null";
}

const char *
junos_re_role_name(enum junos_re_role role)
{
	static const char *const names[] = {
		[JUNOS_ROLE_UNKNOWN] = "unknown",
		[JUNOS_ROLE_MASTER] = "master",
		[JUNOS_ROLE_BACKUP] = "backup",
		[JUNOS_ROLE_DISABLED] = "disabled",
		[JUNOS_ROLE_PRESENT] = "present",
	};

	if ((unsigned)role >= sizeof names / sizeof names[0])
		return "unknown";
	return names[role];
}

const char *
junos_priority_name(enum junos_priority p)
{
	static const char *const names[] = {
		[JUNOS_PRIORITY_NONE] = "none",
		[JUNOS_PRIORITY_MASTER] = "master",
		[JUNOS_PRIORITY_BACKUP] = "backup",
		[JUNOS_PRIORITY_DISABLED] = "disabled",
	};

	if ((unsigned)p >= sizeof names / sizeof names[0])
		return "none";
	return names[p];
}

const char *
junos_alarm_class_name(enum junos_alarm_class c)
{
	return c == JUNOS_ALARM_MAJOR ? "Major" : "Minor";
}

/* ---- show version ----------------------------------------------------------
 *
 * Shapes: "Hostname: x", "Model: x", "Junos: x" (12.x on), package lines
 * "NAME [x]" (the release in old ones, a build stamp in FreeBSD-11 ones),
 * section headers "re0:" / "fpc0:" / "node1:" each followed by a rule of
 * dashes, and on invoke-on the CLI's error for an RE it cannot reach.
 */

static const char *const version_commands[] = { "show version", NULL };

/* "Label: value" lines and where the value goes. */
static const struct version_label {
	const char *label;
	size_t offset;
	size_t size;
} version_labels[] = {
	{ "Hostname:", offsetof(struct junos_version_section, hostname),
	    JUNOS_NAME_MAX },
	{ "Model:", offsetof(struct junos_version_section, model),
	    JUNOS_NAME_MAX },
	{ "Junos:", offsetof(struct junos_version_section, junos_line),
	    JUNOS_NAME_MAX },
};

/* Package lines whose bracket holds the release on releases without a
 * "Junos:" line: 9.x-11.x routers, and SRX 10.x. */
static const char *const version_release_packages[] = {
	"JUNOS Base OS boot",
	"JUNOS Software Release",
	NULL,
};

/* Lines without a bracket that show version prints (21.4 QFX capture). */
static const char *const version_bare_lines[] = {
	"Junos for Automation Enhancement",
	NULL,
};

/* The CLI's line for an RE that invoke-on cannot reach (from PyEZ's XML
 * fixture of the same case: the CLI text itself is not in a capture). */
#define VERSION_UNREACHABLE	"error: Could not connect to "

static bool
is_section_header(const char *s)
{
	size_t i = 0, letters, digits;

	while (is_lower(s[i]))
		i++;
	letters = i;
	while (is_digit(s[i]))
		i++;
	digits = i - letters;
	return letters > 0 && letters <= 8 && digits <= 3 && s[i] == ':' &&
	    s[i + 1] == '\0';
}

static bool
is_rule(const char *s)
{
	size_t n = strspn(s, "-");

	return n >= 10 && s[n] == '\0';
}

struct version_state {
	struct junos_version *out;
	struct junos_version_section *cur;	/* NULL before any line */
	char boot[JUNOS_VERSION_SECTIONS_MAX][JUNOS_RELEASE_MAX];
	bool after_header;		/* the last line was "re0:" */
};

static struct junos_version_section *
version_new_section(struct version_state *st, const char *name, size_t n,
    const struct capture *c, char *err, size_t errlen)
{
	struct junos_version *v = st->out;
	struct junos_version_section *s;
	size_t i;

	if (v->nsections == JUNOS_VERSION_SECTIONS_MAX) {
		capture_fail(c, err, errlen, "more than %d sections",
		    JUNOS_VERSION_SECTIONS_MAX);
		return NULL;
	}
	s = &v->section[v->nsections];
	if (copy_str(s->name, sizeof s->name, name, n) < 0) {
		capture_fail(c, err, errlen, "section name too long");
		return NULL;
	}
	for (i = 0; i < v->nsections && n > 0; i++) {
		if (strcmp(v->section[i].name, s->name) == 0) {
			capture_fail(c, err, errlen, "section %s twice",
			    s->name);
			return NULL;
		}
	}
	v->nsections++;
	st->cur = s;
	return s;
}

static int
version_line(struct version_state *st, const struct capture *c, char *err,
    size_t errlen)
{
	const char *s = c->line, *value, *open;
	const char *const *p;
	size_t i, n = strlen(s);

	if (is_section_header(s)) {
		if (version_new_section(st, s, n - 1, c, err, errlen) == NULL)
			return -1;
		st->after_header = true;
		return 0;
	}
	if (is_rule(s)) {
		if (!st->after_header) {
			capture_fail(c, err, errlen, "a rule without a "
			    "section header before it");
			return -1;
		}
		st->after_header = false;
		return 0;
	}
	st->after_header = false;
	if (strncmp(s, VERSION_UNREACHABLE, strlen(VERSION_UNREACHABLE)) == 0) {
		struct junos_version_section *sec;
		const char *name = s + strlen(VERSION_UNREACHABLE);
		size_t nn = strcspn(name, " :");

		if (nn == 0) {
			capture_unknown(c, err, errlen);
			return -1;
		}
		if ((sec = version_new_section(st, name, nn, c, err, errlen)) ==
		    NULL)
			return -1;
		sec->unreachable = true;
		if (copy_str(sec->error, sizeof sec->error, s, n) < 0) {
			capture_fail(c, err, errlen, "error text too long");
			return -1;
		}
		st->cur = NULL;	/* its lines, if any, are another RE's */
		return 0;
	}
	for (i = 0; i < sizeof version_labels / sizeof version_labels[0];
	    i++) {
		const struct version_label *l = &version_labels[i];
		char *field;

		if (!label_value(s, l->label, &value))
			continue;
		if (*value == '\0') {
			capture_fail(c, err, errlen, "%s without a value",
			    l->label);
			return -1;
		}
		/* A filtered invoke-on (| match "Hostname|boot") loses the
		 * re0:/re1: headers: a second Hostname is the next RE. */
		if (st->cur == NULL || (l->offset == offsetof(struct
		    junos_version_section, hostname) &&
		    st->cur->name[0] == '\0' && st->cur->hostname[0] != '\0')) {
			if (version_new_section(st, "", 0, c, err, errlen) ==
			    NULL)
				return -1;
		}
		field = (char *)st->cur + l->offset;
		if (field[0] != '\0') {
			capture_fail(c, err, errlen, "%s twice in section "
			    "\"%s\"", l->label, st->cur->name);
			return -1;
		}
		if (copy_str(field, l->size, value, strlen(value)) < 0) {
			capture_fail(c, err, errlen, "value too long");
			return -1;
		}
		return 0;
	}
	open = strrchr(s, '[');
	if (open != NULL && open > s && s[n - 1] == ']') {
		char name[LINE_MAX_LEN];
		size_t nn = (size_t)(open - s);

		while (nn > 0 && is_blank(s[nn - 1]))
			nn--;
		memcpy(name, s, nn);
		name[nn] = '\0';
		if (st->cur == NULL && version_new_section(st, "", 0, c, err,
		    errlen) == NULL)
			return -1;
		for (p = version_release_packages; *p != NULL; p++) {
			struct junos_release r;
			char inside[JUNOS_RELEASE_MAX];
			size_t k = (size_t)(st->cur - st->out->section);

			if (!same_words(name, *p) || copy_str(inside,
			    sizeof inside, open + 1, n - 2 - (size_t)(open -
			    s)) < 0)
				continue;
			if (junos_release_parse(inside, &r) == 0 &&
			    st->boot[k][0] == '\0')
				memcpy(st->boot[k], r.text, sizeof r.text);
		}
		return 0;
	}
	for (p = version_bare_lines; *p != NULL; p++) {
		if (strcmp(s, *p) == 0)
			return 0;
	}
	capture_unknown(c, err, errlen);
	return -1;
}

int
junos_parse_version(const char *text, size_t len, struct junos_version *out,
    char *err, size_t errlen)
{
	struct version_state st;
	struct capture c;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&st, 0, sizeof st);
	st.out = out;
	capture_init(&c, text, len, version_commands, "show version");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		if (version_line(&st, &c, err, errlen) < 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	if (out->nsections == 0) {
		capture_fail_end(&c, err, errlen, "no show version output");
		return -1;
	}
	for (i = 0; i < out->nsections; i++) {
		struct junos_version_section *s = &out->section[i];
		struct junos_release r;

		if (!s->unreachable && s->hostname[0] == '\0' &&
		    s->model[0] == '\0' && s->junos_line[0] == '\0' &&
		    st.boot[i][0] == '\0') {
			capture_fail_end(&c, err, errlen, "section \"%s\" is "
			    "empty (output cut short?)", s->name);
			return -1;
		}
		/* "Junos:" first: it names the running release where both
		 * exist; a build stamp never passes junos_release_parse. */
		if (junos_release_parse(s->junos_line, &r) == 0)
			memcpy(s->version, r.text, sizeof r.text);
		else
			memcpy(s->version, st.boot[i], sizeof s->version);
	}
	return 0;
}

const struct junos_version_section *
junos_version_section(const struct junos_version *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->nsections; i++) {
		if (strcmp(v->section[i].name, name) == 0)
			return &v->section[i];
	}
	return NULL;
}

/* ---- show chassis routing-engine -------------------------------------------
 *
 * "Routing Engine status:", then per RE "Slot N:" and "Label   value" lines.
 * Only the facts the procedure needs are kept, but every line must be one of
 * the labels below with a value of the right shape, so that a cut or foreign
 * line is never taken for part of the output.
 */

static const char *const re_commands[] = { "show chassis routing-engine",
	NULL };

struct re_state {
	struct junos_routing_engine *out;
	struct junos_re_slot *cur;
	bool cpu_block;			/* a "CPU utilization:" header was read */
	size_t cpu_lines;		/* lines in that block */
	bool load_values;		/* "Load averages:" wants its values */
	unsigned seen;			/* RE_SEEN_* of the current slot */
};

typedef int re_setter_fn(struct re_state *, const char *, char *, size_t);

/* Words for a state or priority; Primary/Standby are the wording newer
 * releases use (Juniper's documentation; not in a capture here). */
static const struct re_word {
	const char *word;
	enum junos_re_role role;
	enum junos_priority priority;
} re_words[] = {
	{ "Master", JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER },
	{ "Primary", JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER },
	{ "Backup", JUNOS_ROLE_BACKUP, JUNOS_PRIORITY_BACKUP },
	{ "Standby", JUNOS_ROLE_BACKUP, JUNOS_PRIORITY_BACKUP },
	{ "Disabled", JUNOS_ROLE_DISABLED, JUNOS_PRIORITY_DISABLED },
	{ "Present", JUNOS_ROLE_PRESENT, JUNOS_PRIORITY_NONE },
};

static const struct re_word *
re_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof re_words / sizeof re_words[0]; i++) {
		if (strlen(re_words[i].word) == n &&
		    strncmp(s, re_words[i].word, n) == 0)
			return &re_words[i];
	}
	return NULL;
}

static int
re_set_state(struct re_state *st, const char *v, char *why, size_t whylen)
{
	const struct re_word *w = re_word(v, strlen(v));

	if (w == NULL) {
		err_set(why, whylen, "unknown routing-engine state");
		return -1;
	}
	st->cur->role = w->role;
	return 0;
}

static int
re_set_priority(struct re_state *st, const char *v, char *why, size_t whylen)
{
	size_t n = strcspn(v, " \t");
	const struct re_word *w = re_word(v, n);
	const char *rest = skip_blanks(v + n);

	if (w == NULL || w->priority == JUNOS_PRIORITY_NONE ||
	    (*rest != '\0' && strcmp(rest, "(default)") != 0)) {
		err_set(why, whylen, "unknown election priority");
		return -1;
	}
	st->cur->election_priority = w->priority;
	st->cur->election_priority_default = *rest != '\0';
	return 0;
}

/*
 * "466 days, 14 hours, 41 minutes, 34 seconds"; a unit that is zero is left
 * out ("3 days, 17 hours, 27 seconds"), units come largest first, singular
 * when 1.
 */
static int
re_set_uptime(struct re_state *st, const char *v, char *why, size_t whylen)
{
	static const struct {
		const char *unit;
		long long seconds;
	} units[] = {
		{ "day", 86400 }, { "hour", 3600 }, { "minute", 60 },
		{ "second", 1 },
	};
	size_t next = 0, i;
	long long total = 0, n;
	const char *p = v;

	for (;;) {
		size_t wn;

		if (!parse_number(p, &p, &n) || *p++ != ' ')
			break;
		wn = strcspn(p, ",");
		for (i = next; i < sizeof units / sizeof units[0]; i++) {
			size_t un = strlen(units[i].unit);

			if ((wn == un || (wn == un + 1 && p[un] == 's')) &&
			    strncmp(p, units[i].unit, un) == 0)
				break;
		}
		if (i == sizeof units / sizeof units[0] ||
		    n > 1000000 * (86400 / units[i].seconds))
			break;
		total += n * units[i].seconds;
		next = i + 1;
		p += wn;
		if (*p == '\0') {
			st->cur->uptime_s = total;
			return 0;
		}
		if (p[0] != ',' || p[1] != ' ')
			break;
		p += 2;
	}
	err_set(why, whylen, "not an uptime (N days, N hours, N minutes, "
	    "N seconds)");
	return -1;
}

/* "2020-07-16 13:36:25 EST": kept as text, but checked for its shape. */
static int
re_set_start(struct re_state *st, const char *v, char *why, size_t whylen)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd";
	size_t i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? !is_digit(v[i]) : v[i] != shape[i]) {
			err_set(why, whylen, "not a start time");
			return -1;
		}
	}
	if (copy_str(st->cur->start_time, sizeof st->cur->start_time, v,
	    strlen(v)) < 0) {
		err_set(why, whylen, "start time too long");
		return -1;
	}
	return 0;
}

static int
re_set_reason(struct re_state *st, const char *v, char *why, size_t whylen)
{
	if (copy_str(st->cur->last_reboot_reason,
	    sizeof st->cur->last_reboot_reason, v, strlen(v)) < 0) {
		err_set(why, whylen, "reason too long");
		return -1;
	}
	return 0;
}

static int
re_set_model(struct re_state *st, const char *v, char *why, size_t whylen)
{
	if (copy_str(st->cur->model, sizeof st->cur->model, v,
	    strlen(v)) < 0) {
		err_set(why, whylen, "model too long");
		return -1;
	}
	return 0;
}

/* "N percent": memory and CPU lines. */
static int
re_check_percent(struct re_state *st, const char *v, char *why,
    size_t whylen)
{
	long long n;

	(void)st;
	if (!parse_number(v, &v, &n) || n > 100 ||
	    strcmp(skip_blanks(v), "percent") != 0 || !is_blank(*v)) {
		err_set(why, whylen, "not \"N percent\"");
		return -1;
	}
	return 0;
}

/* CPU block lines: a percent, and only inside a block. */
static int
re_check_cpu(struct re_state *st, const char *v, char *why, size_t whylen)
{
	if (!st->cpu_block) {
		err_set(why, whylen, "outside a CPU utilization block");
		return -1;
	}
	st->cpu_lines++;
	return re_check_percent(st, v, why, whylen);
}

static int
re_cpu_header(struct re_state *st, const char *v, char *why, size_t whylen)
{
	if (*v != '\0') {
		err_set(why, whylen, "a CPU utilization header with a value");
		return -1;
	}
	st->cpu_block = true;
	st->cpu_lines = 0;
	return 0;
}

/* "42 degrees C / 107 degrees F". */
static int
re_check_temperature(struct re_state *st, const char *v, char *why,
    size_t whylen)
{
	long long n;

	(void)st;
	if (!parse_number(v, &v, &n) || strncmp(v, " degrees C / ", 13) != 0 ||
	    !parse_number(v + 13, &v, &n) || strcmp(v, " degrees F") != 0) {
		err_set(why, whylen, "not a temperature");
		return -1;
	}
	return 0;
}

/* "32733 MB (32768 MB installed)" or, on old releases, "2048 MB". */
static int
re_check_dram(struct re_state *st, const char *v, char *why, size_t whylen)
{
	long long n;

	(void)st;
	if (!parse_number(v, &v, &n) || strncmp(v, " MB", 3) != 0)
		goto bad;
	v = skip_blanks(v + 3);
	if (*v == '\0')
		return 0;
	if (*v != '(' || !parse_number(v + 1, &v, &n) ||
	    strcmp(v, " MB installed)") != 0)
		goto bad;
	return 0;
bad:
	err_set(why, whylen, "not a DRAM size");
	return -1;
}

static int
re_check_text(struct re_state *st, const char *v, char *why, size_t whylen)
{
	(void)st;
	if (*v == '\0') {
		err_set(why, whylen, "no value");
		return -1;
	}
	return 0;
}

static int
re_load_header(struct re_state *st, const char *v, char *why, size_t whylen)
{
	if (!same_words(v, "1 minute 5 minute 15 minute")) {
		err_set(why, whylen, "not the load averages header");
		return -1;
	}
	st->load_values = true;
	return 0;
}

/*
 * Labels of a slot, in no required order.  `once` marks the ones a slot has
 * at most once (a repeat means two outputs were pasted together or lines were
 * reordered); memory/CPU sizes are checked for shape only.  Labels from
 * Juniper's documentation for SRX/EX ("Total memory", ...) are not listed:
 * the console runs on MX.
 */
static const struct re_label {
	const char *label;
	re_setter_fn *set;
	bool once;
} re_labels[] = {
	{ "Current state", re_set_state, true },
	{ "Election priority", re_set_priority, true },
	{ "Temperature", re_check_temperature, true },
	{ "CPU temperature", re_check_temperature, true },
	{ "DRAM", re_check_dram, true },
	{ "Memory utilization", re_check_percent, true },
	{ "CPU utilization:", re_cpu_header, true },
	{ "5 sec CPU utilization:", re_cpu_header, true },
	{ "1 min CPU utilization:", re_cpu_header, true },
	{ "5 min CPU utilization:", re_cpu_header, true },
	{ "15 min CPU utilization:", re_cpu_header, true },
	{ "User", re_check_cpu, false },
	{ "Background", re_check_cpu, false },
	{ "Kernel", re_check_cpu, false },
	{ "Interrupt", re_check_cpu, false },
	{ "Idle", re_check_cpu, false },
	{ "Model", re_set_model, true },
	{ "Serial ID", re_check_text, true },
	{ "Start time", re_set_start, true },
	{ "Uptime", re_set_uptime, true },
	{ "Last reboot reason", re_set_reason, true },
	{ "Load averages:", re_load_header, true },
};

/* "0.22       0.26       0.23". */
static bool
is_load_values(const char *s)
{
	int i;

	for (i = 0; i < 3; i++) {
		long long n;

		if (i > 0) {
			if (!is_blank(*s))
				return false;
			s = skip_blanks(s);
		}
		if (!parse_number(s, &s, &n) || *s++ != '.' ||
		    !parse_number(s, &s, &n))
			return false;
	}
	return *s == '\0';
}

static int
re_new_slot(struct re_state *st, const struct capture *c, char *err,
    size_t errlen)
{
	struct junos_routing_engine *re = st->out;
	const char *s = c->line + 5;	/* after "Slot " */
	long long n;
	size_t i;

	if (!parse_number(s, &s, &n) || strcmp(s, ":") != 0 || n > 99) {
		capture_unknown(c, err, errlen);
		return -1;
	}
	for (i = 0; i < re->nslots; i++) {
		if (re->slot[i].slot == (int)n) {
			capture_fail(c, err, errlen, "slot %lld twice", n);
			return -1;
		}
	}
	if (re->nslots == JUNOS_RE_SLOTS_MAX) {
		capture_fail(c, err, errlen, "more than %d slots",
		    JUNOS_RE_SLOTS_MAX);
		return -1;
	}
	st->cur = &re->slot[re->nslots++];
	st->cur->slot = (int)n;
	st->cur->uptime_s = -1;
	st->seen = 0;
	st->cpu_block = false;
	return 0;
}

/* What a slot left unfinished: checked at its end and at the end of input. */
static const char *
re_unfinished(const struct re_state *st)
{
	if (st->load_values)
		return "\"Load averages:\" without its values";
	if (st->cpu_block && st->cpu_lines == 0)
		return "a CPU utilization header without its lines";
	if (st->cur != NULL && st->seen == 0)
		return "a slot without any line";
	return NULL;
}

static int
re_line(struct re_state *st, const struct capture *c, char *err,
    size_t errlen)
{
	const char *s = c->line, *value, *why_end;
	char why[128];
	size_t i;

	if (st->load_values) {
		if (!is_load_values(s)) {
			capture_fail(c, err, errlen, "not the load averages "
			    "values");
			return -1;
		}
		st->load_values = false;
		return 0;
	}
	if (strcmp(s, "Routing Engine status:") == 0 ||
	    strncmp(s, "Slot ", 5) == 0) {
		if ((why_end = re_unfinished(st)) != NULL) {
			capture_fail(c, err, errlen, "after %s", why_end);
			return -1;
		}
		if (s[0] == 'R') {
			st->cur = NULL;
			return 0;
		}
		return re_new_slot(st, c, err, errlen);
	}
	for (i = 0; i < sizeof re_labels / sizeof re_labels[0]; i++) {
		const struct re_label *l = &re_labels[i];

		if (!label_value(s, l->label, &value))
			continue;
		if (st->cur == NULL) {
			capture_fail(c, err, errlen, "a %s line before any "
			    "\"Slot N:\"", l->label);
			return -1;
		}
		if (l->once && (st->seen & (1u << i)) != 0) {
			capture_fail(c, err, errlen, "\"%s\" twice in slot %d",
			    l->label, st->cur->slot);
			return -1;
		}
		st->seen |= 1u << i;
		if (l->set != re_check_cpu && l->set != re_cpu_header) {
			if (st->cpu_block && st->cpu_lines == 0) {
				capture_fail(c, err, errlen, "a CPU "
				    "utilization header without its lines");
				return -1;
			}
			st->cpu_block = false;
		}
		if (l->set(st, value, why, sizeof why) < 0) {
			capture_fail(c, err, errlen, "%s", why);
			return -1;
		}
		return 0;
	}
	capture_unknown(c, err, errlen);
	return -1;
}

int
junos_parse_routing_engine(const char *text, size_t len,
    struct junos_routing_engine *out, char *err, size_t errlen)
{
	struct re_state st;
	struct capture c;
	const char *why;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&st, 0, sizeof st);
	st.out = out;
	capture_init(&c, text, len, re_commands, "show chassis routing-engine");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		if (re_line(&st, &c, err, errlen) < 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	if ((why = re_unfinished(&st)) != NULL) {
		capture_fail_end(&c, err, errlen, "%s (output cut short?)",
		    why);
		return -1;
	}
	if (out->nslots == 0) {
		capture_fail_end(&c, err, errlen, "no routing engine slot");
		return -1;
	}
	return 0;
}

const struct junos_re_slot *
junos_routing_engine_slot(const struct junos_routing_engine *re, int slot)
{
	size_t i;

	for (i = 0; i < re->nslots; i++) {
		if (re->slot[i].slot == slot)
			return &re->slot[i];
	}
	return NULL;
}

/* ---- show system switchover ------------------------------------------------
 *
 * "Label: value" lines.  12.3 ends with "Peer state: Steady State", 17.3 with
 * "Switchover Status: Ready" (captures); the not-ready values ("Synchronizing",
 * "Not Ready") are from Juniper's documentation, not from a capture, and are
 * reported as they read.
 */

static const char *const switchover_commands[] = { "show system switchover",
	NULL };

static const struct switchover_label {
	const char *label;
	size_t offset;		/* a char[JUNOS_NAME_MAX] in the struct */
	const char *ready;	/* the value that means ready */
} switchover_labels[] = {
	{ "Configuration database:",
	    offsetof(struct junos_switchover, configuration_database),
	    "Ready" },
	{ "Kernel database:",
	    offsetof(struct junos_switchover, kernel_database), "Ready" },
	{ "Peer state:", offsetof(struct junos_switchover, peer_state),
	    "Steady State" },
	{ "Switchover Status:",
	    offsetof(struct junos_switchover, switchover_status), "Ready" },
};

enum { SW_CONFIG, SW_KERNEL, SW_PEER, SW_STATUS };

int
junos_parse_switchover(const char *text, size_t len,
    struct junos_switchover *out, char *err, size_t errlen)
{
	struct capture c;
	bool have_gres = false;
	const char *v;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	capture_init(&c, text, len, switchover_commands,
	    "show system switchover");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		if (label_value(c.line, "Graceful switchover:", &v)) {
			if (have_gres || (strcmp(v, "On") != 0 &&
			    strcmp(v, "Off") != 0)) {
				capture_fail(&c, err, errlen, have_gres ?
				    "graceful switchover twice" :
				    "neither On nor Off");
				return -1;
			}
			have_gres = true;
			out->graceful_switchover = strcmp(v, "On") == 0;
			continue;
		}
		for (i = 0; i < sizeof switchover_labels /
		    sizeof switchover_labels[0]; i++) {
			const struct switchover_label *l = &switchover_labels[i];
			char *field = (char *)out + l->offset;

			if (!label_value(c.line, l->label, &v))
				continue;
			if (*v == '\0' || field[0] != '\0' ||
			    copy_str(field, JUNOS_NAME_MAX, v, strlen(v)) < 0) {
				capture_fail(&c, err, errlen, *v == '\0' ?
				    "no value" : "twice, or a value too long");
				return -1;
			}
			break;
		}
		if (i == sizeof switchover_labels / sizeof switchover_labels[0]) {
			capture_unknown(&c, err, errlen);
			return -1;
		}
	}
	if (rc < 0)
		return -1;
	if (!have_gres) {
		capture_fail_end(&c, err, errlen, "no \"Graceful switchover:\" "
		    "line");
		return -1;
	}
	if (!out->graceful_switchover) {
		snprintf(out->reason, sizeof out->reason,
		    "graceful switchover is off");
		return 0;
	}
	/* With GRES on, Junos always prints both databases and one of the two
	 * status lines: their absence means a cut output, not "not ready". */
	if (out->configuration_database[0] == '\0' ||
	    out->kernel_database[0] == '\0' ||
	    (out->peer_state[0] == '\0' && out->switchover_status[0] == '\0')) {
		capture_fail_end(&c, err, errlen, "graceful switchover is on "
		    "but the database or peer status lines are missing "
		    "(output cut short?)");
		return -1;
	}
	for (i = 0; i < sizeof switchover_labels / sizeof switchover_labels[0];
	    i++) {
		const struct switchover_label *l = &switchover_labels[i];
		const char *field = (const char *)out + l->offset;

		if (field[0] != '\0' && strcmp(field, l->ready) != 0) {
			snprintf(out->reason, sizeof out->reason, "%s %s",
			    l->label, field);
			return 0;
		}
	}
	out->ready = true;
	return 0;
}

/* ---- show task replication -------------------------------------------------
 *
 *     Stateful Replication: Enabled
 *     RE mode: Master
 *
 *     Protocol                Synchronization Status
 *     OSPF                    Complete
 * A backup prints the first two lines only.
 */

static const char *const replication_commands[] = { "show task replication",
	NULL };

static bool
is_protocol_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-' &&
		    s[i] != '_' && s[i] != '/')
			return false;
	}
	return n > 0;
}

/* "Complete", "In progress", "Not Started": words of letters. */
static bool
is_status_text(const char *s)
{
	if (!is_alpha(*s))
		return false;
	for (; *s != '\0'; s++) {
		if (!is_alpha(*s) && !is_blank(*s) && *s != '-')
			return false;
	}
	return true;
}

int
junos_parse_task_replication(const char *text, size_t len,
    struct junos_task_replication *out, char *err, size_t errlen)
{
	struct capture c;
	bool have_state = false, have_header = false;
	const char *v;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	out->complete = JUNOS_UNKNOWN;
	capture_init(&c, text, len, replication_commands,
	    "show task replication");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		if (label_value(c.line, "Stateful Replication:", &v)) {
			if (have_state || (strcmp(v, "Enabled") != 0 &&
			    strcmp(v, "Disabled") != 0)) {
				capture_fail(&c, err, errlen, have_state ?
				    "twice" : "neither Enabled nor Disabled");
				return -1;
			}
			have_state = true;
			out->stateful_replication = strcmp(v, "Enabled") == 0;
		} else if (label_value(c.line, "RE mode:", &v)) {
			if (!have_state || out->re_mode[0] != '\0' ||
			    !is_status_text(v) || copy_str(out->re_mode,
			    sizeof out->re_mode, v, strlen(v)) < 0) {
				capture_fail(&c, err, errlen, "out of place, "
				    "twice or not a mode");
				return -1;
			}
		} else if (same_words(c.line,
		    "Protocol Synchronization Status")) {
			if (!have_state || have_header) {
				capture_fail(&c, err, errlen, "a protocol "
				    "table header out of place");
				return -1;
			}
			have_header = true;
		} else if (have_header) {
			struct junos_replication_protocol *p;
			size_t n = strcspn(c.line, " \t");

			v = skip_blanks(c.line + n);
			if (!is_protocol_name(c.line, n) || !is_status_text(v)) {
				capture_fail(&c, err, errlen, "not a protocol "
				    "and its synchronization status");
				return -1;
			}
			if (out->nprotocols == JUNOS_PROTOCOLS_MAX) {
				capture_fail(&c, err, errlen, "more than %d "
				    "protocols", JUNOS_PROTOCOLS_MAX);
				return -1;
			}
			p = &out->protocol[out->nprotocols];
			if (copy_str(p->name, sizeof p->name, c.line, n) < 0 ||
			    copy_str(p->status, sizeof p->status, v,
			    strlen(v)) < 0) {
				capture_fail(&c, err, errlen, "too long");
				return -1;
			}
			for (i = 0; i < out->nprotocols; i++) {
				if (strcmp(out->protocol[i].name, p->name) ==
				    0) {
					capture_fail(&c, err, errlen,
					    "protocol %s twice", p->name);
					return -1;
				}
			}
			out->nprotocols++;
		} else {
			capture_unknown(&c, err, errlen);
			return -1;
		}
	}
	if (rc < 0)
		return -1;
	if (!have_state) {
		capture_fail_end(&c, err, errlen, "no \"Stateful "
		    "Replication:\" line");
		return -1;
	}
	if (have_header && out->nprotocols == 0) {
		capture_fail_end(&c, err, errlen, "a protocol table header "
		    "without rows (output cut short?)");
		return -1;
	}
	if (!out->stateful_replication) {
		out->complete = JUNOS_FALSE;
	} else if (out->nprotocols > 0) {
		out->complete = JUNOS_TRUE;
		for (i = 0; i < out->nprotocols; i++) {
			if (strcmp(out->protocol[i].status, "Complete") != 0)
				out->complete = JUNOS_FALSE;
		}
	}
	return 0;
}

/* ---- show configuration | display set ------------------------------------ */

static const char *const config_commands[] = { "show configuration", NULL };

enum {
	STMT_GRES,
	STMT_NSR,
	STMT_COMMIT_SYNC,
	STMT_NO_TCP_RESET,
	STMT_HOST,
	STMT_HOST_RE0,
	STMT_HOST_RE1,
	STMT_COUNT
};

/* The statements the procedure checks.  `value` ones take one word after the
 * path (the host name); the others are the whole statement. */
static const struct config_stmt {
	const char *path;
	bool value;
} config_stmts[STMT_COUNT] = {
	[STMT_GRES] = { "chassis redundancy graceful-switchover", false },
	[STMT_NSR] = { "routing-options nonstop-routing", false },
	[STMT_COMMIT_SYNC] = { "system commit synchronize", false },
	[STMT_NO_TCP_RESET] = {
	    "system internet-options no-tcp-reset drop-all-tcp", false },
	[STMT_HOST] = { "system host-name", true },
	[STMT_HOST_RE0] = { "groups re0 system host-name", true },
	[STMT_HOST_RE1] = { "groups re1 system host-name", true },
};

/* Whether `words` is `path` or a parent of it, word by word. */
static bool
covers(const char *words, const char *path)
{
	size_t n = strlen(words);

	return strncmp(words, path, n) == 0 &&
	    (path[n] == '\0' || path[n] == ' ');
}

int
junos_parse_config_set(const char *text, size_t len,
    struct junos_config_facts *out, char *err, size_t errlen)
{
	char value[STMT_COUNT][JUNOS_NAME_MAX];
	bool set[STMT_COUNT] = { false }, inactive[STMT_COUNT] = { false };
	struct capture c;
	size_t i, lines = 0;
	int rc;

	memset(out, 0, sizeof *out);
	memset(value, 0, sizeof value);
	capture_init(&c, text, len, config_commands,
	    "show configuration | display set");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		const char *s = c.line, *rest;

		lines++;
		if (strncmp(s, "deactivate ", 11) == 0) {
			rest = skip_blanks(s + 11);
			for (i = 0; i < STMT_COUNT; i++) {
				if (*rest != '\0' &&
				    covers(rest, config_stmts[i].path))
					inactive[i] = true;
			}
			continue;
		}
		if (strncmp(s, "set ", 4) != 0 || s[4] == '\0' ||
		    is_blank(s[4])) {
			capture_unknown(&c, err, errlen);
			return -1;
		}
		rest = s + 4;
		out->nstatements++;
		for (i = 0; i < STMT_COUNT; i++) {
			const struct config_stmt *st = &config_stmts[i];
			size_t pn = strlen(st->path);
			const char *v;
			size_t vn;

			if (!st->value) {
				if (strcmp(rest, st->path) == 0)
					set[i] = true;
				continue;
			}
			if (strncmp(rest, st->path, pn) != 0 || rest[pn] != ' ')
				continue;
			v = rest + pn + 1;
			vn = strlen(v);
			/* display set quotes values that need it. */
			if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
				v++;
				vn -= 2;
			}
			if (vn == 0 || memchr(v, ' ', vn) != NULL ||
			    copy_str(value[i], sizeof value[i], v, vn) < 0) {
				capture_fail(&c, err, errlen, "not a host "
				    "name");
				return -1;
			}
			set[i] = true;
		}
	}
	if (rc < 0)
		return -1;
	if (lines == 0) {
		capture_fail_end(&c, err, errlen, "no configuration lines");
		return -1;
	}
	out->gres = set[STMT_GRES] && !inactive[STMT_GRES];
	out->nsr = set[STMT_NSR] && !inactive[STMT_NSR];
	out->commit_synchronize = set[STMT_COMMIT_SYNC] &&
	    !inactive[STMT_COMMIT_SYNC];
	out->no_tcp_reset_drop_all_tcp = set[STMT_NO_TCP_RESET] &&
	    !inactive[STMT_NO_TCP_RESET];
	if (set[STMT_HOST] && !inactive[STMT_HOST])
		memcpy(out->hostname, value[STMT_HOST], sizeof out->hostname);
	if (set[STMT_HOST_RE0] && !inactive[STMT_HOST_RE0])
		memcpy(out->hostname_re0, value[STMT_HOST_RE0],
		    sizeof out->hostname_re0);
	if (set[STMT_HOST_RE1] && !inactive[STMT_HOST_RE1])
		memcpy(out->hostname_re1, value[STMT_HOST_RE1],
		    sizeof out->hostname_re1);
	return 0;
}

/* ---- file list [detail] ----------------------------------------------------
 *
 * Without detail: "/var/tmp/:" then one name per line (symlinks "x@ -> t",
 * directories "x/").  With detail: ls -l lines "-rw-r--r--  1 root  wheel
 * 18708 Sep 25 16:06 NAME", "total blocks: N" and "total files: N".  A missing
 * path: "/var/tmp/x: No such file or directory".
 */

static const char *const file_list_commands[] = { "file list", NULL };

#define NO_SUCH_FILE	": No such file or directory"

static bool
is_mode(const char *s)
{
	size_t i;

	if (strchr("-dlbcps", s[0]) == NULL || s[0] == '\0')
		return false;
	for (i = 1; i < 10; i++) {
		if (strchr("rwxsStT-", s[i]) == NULL || s[i] == '\0')
			return false;
	}
	return s[10] == '\0' || s[10] == '+' || s[10] == '@' || is_blank(s[10]);
}

/* The next blank-separated word: start in *w, length returned. */
static size_t
next_word(const char **s, const char **w)
{
	size_t n;

	*s = skip_blanks(*s);
	*w = *s;
	n = strcspn(*s, " \t");
	*s += n;
	return n;
}

/* An ls -l line: size and name, or -1. */
static int
file_detail(const char *s, long long *size, const char **name)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *w;
	long long n;
	size_t wn, i;

	if (!is_mode(s))
		return -1;
	s += 10;
	if (*s == '+' || *s == '@')
		s++;
	/* links, owner, group */
	for (i = 0; i < 3; i++) {
		if ((wn = next_word(&s, &w)) == 0 ||
		    (i == 0 && !parse_digits(w, wn, &n)))
			return -1;
	}
	if ((wn = next_word(&s, &w)) == 0 || !parse_digits(w, wn, size))
		return -1;
	if (next_word(&s, &w) != 3)
		return -1;
	for (i = 0; i < 36 && strncmp(months + i, w, 3) != 0; i += 3)
		;
	if (i == 36)
		return -1;
	if ((wn = next_word(&s, &w)) == 0 || wn > 2 ||
	    !parse_digits(w, wn, &n))
		return -1;
	/* "16:06" or a year. */
	wn = next_word(&s, &w);
	if (!(wn == 5 && is_digit(w[0]) && is_digit(w[1]) && w[2] == ':' &&
	    is_digit(w[3]) && is_digit(w[4])) && !(wn == 4 &&
	    parse_digits(w, 4, &n)))
		return -1;
	s = skip_blanks(s);
	if (*s == '\0')
		return -1;
	*name = s;
	return 0;
}

/* The entry's own name: a symlink's target and ls -F marks dropped. */
static size_t
entry_name_len(const char *s)
{
	const char *arrow = strstr(s, " -> ");
	size_t n = arrow != NULL ? (size_t)(arrow - s) : strlen(s);

	if (n > 1 && strchr("@/*=|", s[n - 1]) != NULL)
		n--;
	return n;
}

static bool
file_matches(const char *entry, size_t n, const char *name)
{
	const char *slash;
	size_t bn;

	if (name == NULL)
		return false;
	if (strlen(name) == n && strncmp(entry, name, n) == 0)
		return true;
	/* detail lines of a single path print it whole; a bare name looked
	 * for matches the last component of an entry and vice versa */
	slash = memchr(entry, '/', n) != NULL ? entry + n : NULL;
	if (slash != NULL) {
		const char *b = entry + n;

		while (b > entry && b[-1] != '/')
			b--;
		bn = (size_t)(entry + n - b);
		if (strchr(name, '/') == NULL && strlen(name) == bn &&
		    strncmp(b, name, bn) == 0)
			return true;
	}
	slash = strrchr(name, '/');
	return slash != NULL && strchr(entry, '/') == NULL &&
	    strlen(slash + 1) == n && strncmp(entry, slash + 1, n) == 0;
}

int
junos_parse_file_list(const char *text, size_t len, const char *name,
    struct junos_file_list *out, char *err, size_t errlen)
{
	struct capture c;
	bool detail = false, plain = false, any = false;
	int rc;

	memset(out, 0, sizeof *out);
	out->total_files = -1;
	out->size = -1;
	capture_init(&c, text, len, file_list_commands, "file list");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		const char *s = c.line, *entry;
		size_t n = strlen(s), nl = strlen(NO_SUCH_FILE);
		long long v, size;

		any = true;
		if (n > nl && strcmp(s + n - nl, NO_SUCH_FILE) == 0) {
			if (out->nentries > 0 || out->not_found) {
				capture_fail(&c, err, errlen, "out of place");
				return -1;
			}
			out->not_found = true;
			continue;
		}
		if (strncmp(s, "total files: ", 13) == 0 ||
		    strncmp(s, "total blocks: ", 14) == 0) {
			const char *num = strchr(s, ':') + 2;

			if (!parse_digits(num, strlen(num), &v) || plain) {
				capture_unknown(&c, err, errlen);
				return -1;
			}
			if (s[6] == 'f') {
				if (out->total_files >= 0) {
					capture_fail(&c, err, errlen, "twice");
					return -1;
				}
				out->total_files = v;
			}
			continue;
		}
		if (s[0] == '/' && s[n - 1] == ':' && out->directory[0] == '\0' &&
		    out->nentries == 0) {
			if (copy_str(out->directory, sizeof out->directory, s,
			    n - 1) < 0) {
				capture_fail(&c, err, errlen, "path too long");
				return -1;
			}
			continue;
		}
		if (out->not_found || out->total_files >= 0) {
			capture_fail(&c, err, errlen, "after the end of the "
			    "listing");
			return -1;
		}
		if (file_detail(s, &size, &entry) == 0 && !plain) {
			detail = true;
			n = entry_name_len(entry);
			if (file_matches(entry, n, name)) {
				out->present = true;
				out->size = size;
			}
		} else if (!detail && out->directory[0] != '\0') {
			/* A plain listing: any text is a name, so only after
			 * the directory header that shows it is a listing. */
			plain = true;
			n = entry_name_len(s);
			if (file_matches(s, n, name))
				out->present = true;
		} else {
			capture_unknown(&c, err, errlen);
			return -1;
		}
		out->nentries++;
	}
	if (rc < 0)
		return -1;
	if (!any) {
		capture_fail_end(&c, err, errlen, "no file list output");
		return -1;
	}
	if (detail && out->total_files < 0) {
		capture_fail_end(&c, err, errlen, "a detail listing without "
		    "\"total files:\" (output cut short?)");
		return -1;
	}
	/* The count is checked only for paths listed without a directory
	 * header (the captured shapes): whether a directory's count includes
	 * its subdirectories is not shown by any capture. */
	if (detail && (size_t)out->total_files != out->nentries &&
	    out->directory[0] == '\0') {
		capture_fail_end(&c, err, errlen, "\"total files: %lld\" but "
		    "%zu listed", out->total_files, out->nentries);
		return -1;
	}
	return 0;
}

/* ---- file checksum ---------------------------------------------------------
 *
 * "SHA256 (/var/tmp/x.tgz) = <hex>" (Junos and Junos EVO captures); "MD5 (...)"
 * and "SHA1 (...)" are the same BSD format for the other algorithms.
 */

static const char *const checksum_commands[] = { "file checksum", NULL };

static const struct checksum_kind {
	const char *tag;
	enum junos_digest algorithm;
	size_t hexlen;
} checksum_kinds[] = {
	{ "MD5 (", JUNOS_DIGEST_MD5, 32 },
	{ "SHA1 (", JUNOS_DIGEST_SHA1, 40 },
	{ "SHA256 (", JUNOS_DIGEST_SHA256, 64 },
};

static int
checksum_line(const char *s, struct junos_checksum *out)
{
	size_t i, k;

	for (k = 0; k < sizeof checksum_kinds / sizeof checksum_kinds[0];
	    k++) {
		const struct checksum_kind *ck = &checksum_kinds[k];
		const char *path, *close, *hex;

		if (strncmp(s, ck->tag, strlen(ck->tag)) != 0)
			continue;
		path = s + strlen(ck->tag);
		close = strstr(path, ") = ");
		if (close == NULL || close == path)
			return -1;
		/* A path may hold ") = " itself: the digest is what follows
		 * the last one. */
		while (strstr(close + 1, ") = ") != NULL)
			close = strstr(close + 1, ") = ");
		hex = close + 4;
		if (strlen(hex) != ck->hexlen)
			return -1;
		for (i = 0; i < ck->hexlen; i++) {
			char h = hex[i];

			if (!is_digit(h) && !(h >= 'a' && h <= 'f') &&
			    !(h >= 'A' && h <= 'F'))
				return -1;
			out->digest[i] = (char)(h >= 'A' && h <= 'F' ?
			    h - 'A' + 'a' : h);
		}
		out->digest[ck->hexlen] = '\0';
		out->algorithm = ck->algorithm;
		return copy_str(out->path, sizeof out->path, path,
		    (size_t)(close - path));
	}
	return -1;
}

int
junos_parse_checksum(const char *text, size_t len, struct junos_checksum *out,
    char *err, size_t errlen)
{
	struct capture c;
	bool have = false;
	int rc;

	memset(out, 0, sizeof *out);
	capture_init(&c, text, len, checksum_commands, "file checksum");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		if (have) {
			capture_fail(&c, err, errlen, "a second line after "
			    "the checksum");
			return -1;
		}
		if (checksum_line(c.line, out) < 0) {
			capture_unknown(&c, err, errlen);
			return -1;
		}
		have = true;
	}
	if (rc < 0)
		return -1;
	if (!have) {
		capture_fail_end(&c, err, errlen, "no checksum line");
		return -1;
	}
	return 0;
}

/* ---- show system storage ---------------------------------------------------
 *
 * df -h: "Filesystem  Size  Used  Avail  Capacity  Mounted on" then one row
 * per filesystem with sizes like 20G, 535M, 1.0K, 0B.
 */

static const char *const storage_commands[] = { "show system storage", NULL };

/* "6.3G" -> bytes; "-1.2G" (root using its reserve) is negative. */
static bool
parse_human(const char *s, size_t n, long long *bytes)
{
	static const char suffixes[] = "BKMGTP";
	const char *suf;
	long long whole, frac = 0, mult = 1, scaled;
	bool neg = false;
	size_t i = 0, dot, fn = 0;

	if (n > 0 && s[0] == '-') {
		neg = true;
		s++;
		n--;
	}
	if (n < 2 || s[n - 1] == '\0' ||
	    (suf = strchr(suffixes, s[n - 1])) == NULL)
		return false;
	for (dot = 0; dot < n - 1 && s[dot] != '.'; dot++)
		;
	if (dot > 9 || !parse_digits(s, dot, &whole))
		return false;
	if (dot < n - 1) {
		fn = n - 2 - dot;
		if (fn == 0 || fn > 3 || !parse_digits(s + dot + 1, fn, &frac))
			return false;
	}
	while (fn++ < 3)
		frac *= 10;
	for (i = 0; i < (size_t)(suf - suffixes); i++)
		mult *= 1024;
	/* whole < 1e9 and mult <= 2^50: check before multiplying. */
	if (whole > INT64_MAX / mult)
		return false;
	scaled = whole * mult + frac * mult / 1000;
	*bytes = neg ? -scaled : scaled;
	return true;
}

int
junos_parse_storage(const char *text, size_t len, struct junos_storage *out,
    char *err, size_t errlen)
{
	struct capture c;
	bool header = false;
	int slash_var = -1, mount_var = -1, rc;

	memset(out, 0, sizeof *out);
	out->var_index = -1;
	out->var_free_bytes = -1;
	capture_init(&c, text, len, storage_commands, "show system storage");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		struct junos_filesystem *fs;
		const char *s = c.line, *w[6];
		size_t wn[6], i;
		long long cap;

		if (same_words(s, "Filesystem Size Used Avail Capacity "
		    "Mounted on")) {
			if (header) {
				capture_fail(&c, err, errlen, "a second "
				    "header (re0:/re1: sections are not read)");
				return -1;
			}
			header = true;
			continue;
		}
		if (!header) {
			capture_unknown(&c, err, errlen);
			return -1;
		}
		for (i = 0; i < 6; i++)
			wn[i] = next_word(&s, &w[i]);
		if (wn[5] == 0 || *skip_blanks(s) != '\0') {
			capture_fail(&c, err, errlen, "not the 6 columns of a "
			    "filesystem");
			return -1;
		}
		if (out->nfilesystems == JUNOS_FILESYSTEMS_MAX) {
			capture_fail(&c, err, errlen, "more than %d "
			    "filesystems", JUNOS_FILESYSTEMS_MAX);
			return -1;
		}
		fs = &out->fs[out->nfilesystems];
		if (copy_str(fs->name, sizeof fs->name, w[0], wn[0]) < 0 ||
		    copy_str(fs->mount, sizeof fs->mount, w[5], wn[5]) < 0 ||
		    fs->mount[0] != '/' ||
		    !parse_human(w[1], wn[1], &fs->size) || fs->size < 0 ||
		    !parse_human(w[2], wn[2], &fs->used) || fs->used < 0 ||
		    !parse_human(w[3], wn[3], &fs->avail) ||
		    wn[4] < 2 || w[4][wn[4] - 1] != '%' ||
		    !parse_digits(w[4], wn[4] - 1, &cap) || cap > 999) {
			capture_fail(&c, err, errlen, "not a filesystem row "
			    "(name, size, used, avail, capacity%%, mount)");
			return -1;
		}
		fs->capacity = (int)cap;
		if (strcmp(fs->mount, "/var") == 0 && slash_var < 0)
			slash_var = (int)out->nfilesystems;
		if (strcmp(fs->mount, "/.mount/var") == 0 && mount_var < 0)
			mount_var = (int)out->nfilesystems;
		out->nfilesystems++;
	}
	if (rc < 0)
		return -1;
	if (!header || out->nfilesystems == 0) {
		capture_fail_end(&c, err, errlen, header ? "no filesystem "
		    "rows" : "no show system storage output");
		return -1;
	}
	/* /var itself, else the FreeBSD-11 layout's /.mount/var (/var is a
	 * link to it there).  No other filesystem is taken for /var: a
	 * trimmed capture must not make "/" look like it. */
	out->var_index = slash_var >= 0 ? slash_var : mount_var;
	if (out->var_index >= 0) {
		long long a = out->fs[out->var_index].avail;

		out->var_free_bytes = a > 0 ? a : 0;
	}
	return 0;
}

/* ---- show chassis alarms / show system alarms ----------------------------- */

static const char *const alarm_commands[] = { "show chassis alarms",
	"show system alarms", NULL };

static const struct alarm_class_word {
	const char *word;
	enum junos_alarm_class class;
} alarm_classes[] = {
	{ "Major", JUNOS_ALARM_MAJOR },
	{ "Minor", JUNOS_ALARM_MINOR },
};

/*
 * "2020-12-22 14:48:15 EST  Major  SPMB 1 not online": the time (date, clock,
 * zone) in a->time, then the class and the description.
 */
static int
alarm_row(const char *s, struct junos_alarm *a)
{
	static const char shape[] = "dddd-dd-dd dd:dd:dd ";
	const char *p, *w;
	size_t i, wn;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
			return -1;
	}
	p = s + i;
	wn = next_word(&p, &w);		/* the time zone */
	if (wn == 0 || !is_alpha(w[0]) ||
	    copy_str(a->time, sizeof a->time, s, (size_t)(p - s)) < 0)
		return -1;
	wn = next_word(&p, &w);
	for (i = 0; i < sizeof alarm_classes / sizeof alarm_classes[0]; i++) {
		if (strlen(alarm_classes[i].word) == wn &&
		    strncmp(w, alarm_classes[i].word, wn) == 0)
			break;
	}
	if (i == sizeof alarm_classes / sizeof alarm_classes[0])
		return -1;
	a->class = alarm_classes[i].class;
	p = skip_blanks(p);
	if (*p == '\0')
		return -1;
	return copy_str(a->description, sizeof a->description, p, strlen(p));
}

int
junos_parse_alarms(const char *text, size_t len, struct junos_alarms *out,
    char *err, size_t errlen)
{
	struct capture c;
	bool have_count = false, header = false;
	size_t rows = 0;
	int rc;

	memset(out, 0, sizeof *out);
	capture_init(&c, text, len, alarm_commands, "show chassis alarms");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		const char *s = c.line, *rest;
		long long n;

		if (!have_count) {
			if (strcmp(s, "No alarms currently active") == 0) {
				have_count = true;
				continue;
			}
			if (parse_number(s, &rest, &n) && n > 0 &&
			    (strcmp(rest, " alarms currently active") == 0 ||
			    strcmp(rest, " alarm currently active") == 0)) {
				have_count = true;
				out->count = (size_t)n;
				continue;
			}
			capture_unknown(&c, err, errlen);
			return -1;
		}
		if (out->count > 0 && !header &&
		    same_words(s, "Alarm time Class Description")) {
			header = true;
			continue;
		}
		if (!header || rows == out->count) {
			capture_fail(&c, err, errlen, header ? "more alarms "
			    "than announced" : "not a show chassis alarms "
			    "line");
			return -1;
		}
		{
			struct junos_alarm scratch;
			struct junos_alarm *a = rows < JUNOS_ALARMS_MAX ?
			    &out->alarm[rows] : &scratch;

			memset(a, 0, sizeof *a);
			if (alarm_row(s, a) < 0) {
				capture_fail(&c, err, errlen, "not an alarm "
				    "(time, Major/Minor, description)");
				return -1;
			}
		}
		rows++;
	}
	if (rc < 0)
		return -1;
	if (!have_count) {
		capture_fail_end(&c, err, errlen, "no alarm count line");
		return -1;
	}
	if (rows != out->count) {
		capture_fail_end(&c, err, errlen, "%zu alarms announced, %zu "
		    "listed (output cut short?)", out->count, rows);
		return -1;
	}
	out->nalarms = rows < JUNOS_ALARMS_MAX ? rows : JUNOS_ALARMS_MAX;
	return 0;
}
