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
 * any parser sees a line: banner lines ({master}, {backup:1}, and
 * {master}[edit] in configuration mode), the prompt (user@host>, user@host#,
 * root>) with its echoed command, a bare echoed command, login banner or
 * [edit] context line before the output, `set cli timestamp` lines,
 * ---(more)--- prompts, blank lines, indentation (genie fixtures re-indent
 * unevenly, and no label here depends on its column) and trailing whitespace
 * or CR.  A prompt once output has started ends the output: what follows is
 * another command's.
 */

struct capture {
	const char *p, *end;		/* what is left of the input */
	unsigned lineno;		/* physical line of `line`, from 1 */
	const char *const *commands;	/* the commands this parser reads */
	bool seen_output;
	bool done;			/* a prompt ended the output */
	const char *what;		/* "show version": for messages */
	bool (*is_output)(const char *);	/* lines of the output that
						   read like the command
						   echoed ("commit complete");
						   NULL: none */
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

/* "[edit]", "[edit chassis redundancy]": configuration mode's context line
 * (before its prompt, and before a statement a commit complains about). */
static bool
is_edit_context(const char *s, size_t n)
{
	return n >= 6 && strncmp(s, "[edit", 5) == 0 &&
	    (s[5] == ']' || s[5] == ' ') && s[n - 1] == ']' &&
	    memchr(s + 1, '[', n - 1) == NULL;
}

/* "{master}", "{backup:1}", and in configuration mode "{master}[edit]". */
static bool
is_banner(const char *s)
{
	const char *close = strchr(s, '}');
	size_t n, i;

	if (s[0] != '{' || close == NULL || close - s < 2)
		return false;
	n = (size_t)(close - s) + 1;
	for (i = 1; i < n - 1; i++) {
		if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != ':' &&
		    s[i] != '-' && s[i] != '_')
			return false;
	}
	return s[n] == '\0' || is_edit_context(s + n, strlen(s + n));
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

/* "user@host> cmd", "user@host# cmd" (configuration mode), "root> cmd" (no
 * host-name configured) or "> cmd" (a capture whose author cut the host):
 * the command after the prompt in *cmd. */
static bool
is_prompt(const char *s, const char **cmd)
{
	const char *p = s;

	if (*p != '>') {
		while (is_prompt_char(*p))
			p++;
		if (p == s)
			return false;
		if (*p == '@') {
			s = ++p;
			while (is_prompt_char(*p) || *p == ':')
				p++;
			if (p == s)
				return false;
		}
		if (*p != '>' && *p != '#')
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
		if (n == 0 || is_banner(c->line) || is_timestamp(c->line) ||
		    (!c->seen_output && is_edit_context(c->line, n)))
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
		    (is_command(c->line, c->commands, true) &&
		    (c->is_output == NULL || !c->is_output(c->line)))))
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

static bool is_other_label(const char *);
static int version_junos_release(const char *, struct junos_release *);

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
			if (junos_release_parse(inside, &r) != 0)
				continue;
			if (st->boot[k][0] == '\0')
				memcpy(st->boot[k], r.text, sizeof r.text);
			else if (strcmp(st->boot[k], r.text) != 0) {
				/* Two releases for one RE: which it runs is
				 * not for the console to pick. */
				capture_fail(c, err, errlen, "%s says %s, a line "
				    "above said %s", *p, r.text, st->boot[k]);
				return -1;
			}
		}
		return 0;
	}
	for (p = version_bare_lines; *p != NULL; p++) {
		if (strcmp(s, *p) == 0)
			return 0;
	}
	/* "Family: junos" (24.x on), "Serial Number: x": a label this parser
	 * does not know names no fact it reads; set aside, never refused. */
	if (is_other_label(s))
		return 0;
	capture_unknown(c, err, errlen);
	return -1;
}

/*
 * "Capitalised words: value": the shape of show version's label lines.  An
 * "error: ..." line is lower case and never matches.
 */
static bool
is_other_label(const char *s)
{
	const char *colon = strchr(s, ':');
	const char *p;

	if (colon == NULL || colon == s || !is_alpha(s[0]) || is_lower(s[0]) ||
	    colon[1] != ' ' || *skip_blanks(colon + 1) == '\0')
		return false;
	for (p = s; p < colon; p++) {
		if (!is_alpha(*p) && !is_digit(*p) && *p != ' ' && *p != '-')
			return false;
	}
	return true;
}

/*
 * The release of a "Junos:" value.  An image-type word may follow it
 * ("20.4R3.8 flex" on a QFX capture); anything else after it is not a
 * release the console will name.
 */
static int
version_junos_release(const char *value, struct junos_release *r)
{
	char first[JUNOS_RELEASE_MAX];
	size_t n = strcspn(value, " "), i;
	const char *rest = skip_blanks(value + n);

	if (junos_release_parse(value, r) == 0)
		return 0;
	if (n == 0 || *rest == '\0' || copy_str(first, sizeof first, value,
	    n) < 0)
		return -1;
	for (i = 0; rest[i] != '\0'; i++) {
		if (!is_lower(rest[i]))
			return -1;
	}
	return junos_release_parse(first, r);
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
		if (version_junos_release(s->junos_line, &r) == 0)
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

/* ---- show chassis in-service-upgrade ---------------------------------------
 *
 * "Item  Status  Reason", then one row per FRU: "FPC 0  Online (ISSU)",
 * "FPC 3  Offline  Offlined by CLI command" (Juniper's documentation; the
 * header and the "(ISSU)" row are also in the 12.3 ISSU capture, where the
 * command's own run prints the table before the switchover).  Indentation is
 * gone by the time a line is read, so the status is the first word and an
 * optional "(...)" right after it, the reason the rest.
 */

static const char *const issu_status_commands[] = {
	"show chassis in-service-upgrade", NULL };

#define ISSU_TAG	"(ISSU)"

/* "FPC 0  Online (ISSU)  reason" into *item; -1 when it is not a row. */
static int
issu_item_row(const char *s, struct junos_issu_item *item)
{
	const char *p = s, *status, *reason;
	long long slot;
	size_t n;

	while (is_alpha(*p))
		p++;
	if (p == s || p - s > 8 || *p++ != ' ' || !parse_number(p, &p, &slot) ||
	    slot > 999 || !is_blank(*p) ||
	    copy_str(item->name, sizeof item->name, s, (size_t)(p - s)) < 0)
		return -1;
	status = p = skip_blanks(p);
	while (is_alpha(*p))
		p++;
	if (p == status)
		return -1;
	if (p[0] == ' ' && p[1] == '(') {
		const char *close = strchr(p, ')');

		if (close == NULL || close == p + 2)
			return -1;
		p = close + 1;
	}
	n = (size_t)(p - status);
	if (*p != '\0' && !is_blank(*p))
		return -1;
	reason = skip_blanks(p);
	if (copy_str(item->status, sizeof item->status, status, n) < 0 ||
	    copy_str(item->reason, sizeof item->reason, reason,
	    strlen(reason)) < 0)
		return -1;
	return 0;
}

int
junos_parse_issu_status(const char *text, size_t len,
    struct junos_issu_status *out, char *err, size_t errlen)
{
	struct capture c;
	bool header = false;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	out->in_progress = JUNOS_UNKNOWN;
	capture_init(&c, text, len, issu_status_commands,
	    "show chassis in-service-upgrade");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		struct junos_issu_item *item;

		if (same_words(c.line, "Item Status Reason")) {
			if (header) {
				capture_fail(&c, err, errlen, "a second "
				    "header");
				return -1;
			}
			header = true;
			continue;
		}
		if (!header) {
			capture_unknown(&c, err, errlen);
			return -1;
		}
		if (out->nitems == JUNOS_ISSU_ITEMS_MAX) {
			capture_fail(&c, err, errlen, "more than %d items",
			    JUNOS_ISSU_ITEMS_MAX);
			return -1;
		}
		item = &out->item[out->nitems];
		if (issu_item_row(c.line, item) < 0) {
			memset(item, 0, sizeof *item);
			capture_fail(&c, err, errlen, "not an item (FPC N, "
			    "status, reason)");
			return -1;
		}
		for (i = 0; i < out->nitems; i++) {
			/* PICs repeat their numbers under each FPC. */
			if (strncmp(item->name, "PIC ", 4) != 0 &&
			    strcmp(out->item[i].name, item->name) == 0) {
				capture_fail(&c, err, errlen, "%s twice",
				    item->name);
				return -1;
			}
		}
		out->nitems++;
	}
	if (rc < 0)
		return -1;
	if (!header) {
		capture_fail_end(&c, err, errlen, "no show chassis "
		    "in-service-upgrade output");
		return -1;
	}
	if (out->nitems > 0)
		out->in_progress = JUNOS_FALSE;
	for (i = 0; i < out->nitems; i++) {
		if (strstr(out->item[i].status, ISSU_TAG) != NULL)
			out->in_progress = JUNOS_TRUE;
	}
	return 0;
}

/* ---- request system software in-service-upgrade: its lines ----------------
 *
 * Lines one at a time, as they stream: no capture layer, since a run lasts
 * 40 minutes and the console acts on each milestone as it comes.  The
 * wordings are the captures' (10.3R2 fragments, the complete 12.3R8.7 run);
 * "ISSU: Preparing Daemons" and "ISSU: Preparing for Switchover" are from
 * the 10.3R2 fragment only.  No public capture shows a failed or aborted
 * ISSU: the ERROR rule (error: lines, the words failed and aborted) follows
 * Juniper's documented "error: ..." messages and abort behaviour.
 */

static const struct issu_milestone_line {
	const char *text;
	enum junos_issu_milestone milestone;
} issu_milestone_lines[] = {
	{ "Chassis ISSU Check Done", JUNOS_ISSU_CHECK_DONE },
	{ "ISSU: Validating Image", JUNOS_ISSU_VALIDATING },
	{ "ISSU: Preparing Backup RE", JUNOS_ISSU_PREPARING_BACKUP },
	{ "Backup upgrade done", JUNOS_ISSU_BACKUP_UPGRADED },
	{ "Rebooting Backup RE", JUNOS_ISSU_BACKUP_REBOOTING },
	{ "ISSU: Backup RE Prepare Done", JUNOS_ISSU_BACKUP_PREPARE_DONE },
	{ "Waiting for Backup RE reboot", JUNOS_ISSU_WAITING_BACKUP },
	{ "GRES operational", JUNOS_ISSU_GRES_OPERATIONAL },
	{ "Initiating Chassis In-Service-Upgrade",
	    JUNOS_ISSU_CHASSIS_ISSU_STARTED },
	{ "Chassis ISSU Started", JUNOS_ISSU_CHASSIS_ISSU_STARTED },
	{ "ISSU: Preparing Daemons", JUNOS_ISSU_DAEMONS_PREPARING },
	{ "ISSU: Daemons Ready for ISSU", JUNOS_ISSU_DAEMONS_READY },
	{ "ISSU: Starting Upgrade for FRUs", JUNOS_ISSU_FRUS_UPGRADING },
	{ "ISSU: Preparing for Switchover", JUNOS_ISSU_PREPARING_SWITCHOVER },
	{ "Complete. The other routing engine becomes the master.",
	    JUNOS_ISSU_SWITCHOVER_DONE },
	{ "ISSU: RE switchover Done", JUNOS_ISSU_SWITCHOVER_DONE },
	{ "ISSU complete, other RE is master RE", JUNOS_ISSU_ISSU_COMPLETE },
	{ "ISSU: Upgrading Old Master RE", JUNOS_ISSU_OLD_MASTER_UPGRADING },
	{ "ISSU: Old Master Upgrade Done", JUNOS_ISSU_OLD_MASTER_UPGRADED },
	{ "ISSU: IDLE", JUNOS_ISSU_IDLE },
};

/* Words that make any line an error (as whole words, in these spellings). */
static const char *const issu_error_words[] = {
	"failed", "Failed", "FAILED", "aborted", "Aborted", "ABORTED", NULL,
};

const char *
junos_issu_milestone_name(enum junos_issu_milestone m)
{
	static const char *const names[] = {
		[JUNOS_ISSU_NONE] = "none",
		[JUNOS_ISSU_CHECK_DONE] = "check_done",
		[JUNOS_ISSU_VALIDATING] = "validating",
		[JUNOS_ISSU_PREPARING_BACKUP] = "preparing_backup",
		[JUNOS_ISSU_BACKUP_UPGRADED] = "backup_upgraded",
		[JUNOS_ISSU_BACKUP_REBOOTING] = "backup_rebooting",
		[JUNOS_ISSU_BACKUP_PREPARE_DONE] = "backup_prepare_done",
		[JUNOS_ISSU_WAITING_BACKUP] = "waiting_backup",
		[JUNOS_ISSU_GRES_OPERATIONAL] = "gres_operational",
		[JUNOS_ISSU_CHASSIS_ISSU_STARTED] = "chassis_issu_started",
		[JUNOS_ISSU_DAEMONS_PREPARING] = "daemons_preparing",
		[JUNOS_ISSU_DAEMONS_READY] = "daemons_ready",
		[JUNOS_ISSU_FRUS_UPGRADING] = "frus_upgrading",
		[JUNOS_ISSU_PREPARING_SWITCHOVER] = "preparing_switchover",
		[JUNOS_ISSU_SWITCHOVER_DONE] = "switchover_done",
		[JUNOS_ISSU_ISSU_COMPLETE] = "issu_complete",
		[JUNOS_ISSU_OLD_MASTER_UPGRADING] = "old_master_upgrading",
		[JUNOS_ISSU_OLD_MASTER_UPGRADED] = "old_master_upgraded",
		[JUNOS_ISSU_IDLE] = "idle",
		[JUNOS_ISSU_ERROR] = "error",
	};

	if ((unsigned)m >= sizeof names / sizeof names[0])
		return "none";
	return names[m];
}

/* [s, s + n) without blanks, CR and LF at both ends. */
static void
trim_span(const char **s, size_t *n)
{
	while (*n > 0 && (is_blank(**s) || **s == '\r' || **s == '\n')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && (is_blank((*s)[*n - 1]) || (*s)[*n - 1] == '\r' ||
	    (*s)[*n - 1] == '\n'))
		(*n)--;
}

/* Whether [s, s + n) is `word` exactly. */
static bool
span_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

static bool
span_starts(const char *s, size_t n, const char *prefix)
{
	size_t pn = strlen(prefix);

	return n >= pn && memcmp(s, prefix, pn) == 0;
}

/* "[May 27 14:19:46]:" (the colon optional) and the blanks after it. */
static size_t
issu_stamp_len(const char *s, size_t n)
{
	char stamp[24];
	size_t close, k;

	if (n < 16 || s[0] != '[')
		return 0;
	for (close = 1; close < n && close < sizeof stamp && s[close] != ']';
	    close++)
		;
	if (close == n || close == sizeof stamp)
		return 0;
	memcpy(stamp, s + 1, close - 1);
	stamp[close - 1] = '\0';
	if (!is_timestamp(stamp))
		return 0;
	k = close + 1;
	if (k < n && s[k] == ':')
		k++;
	while (k < n && is_blank(s[k]))
		k++;
	return k;
}

/* Whether `word` occurs in [s, s + n) with no letter on either side. */
static bool
span_has_word(const char *s, size_t n, const char *word)
{
	size_t wn = strlen(word), i;

	for (i = 0; i + wn <= n; i++) {
		if (memcmp(s + i, word, wn) == 0 &&
		    (i == 0 || !is_alpha(s[i - 1])) &&
		    (i + wn == n || !is_alpha(s[i + wn])))
			return true;
	}
	return false;
}

/* "error: ..." or a daemon's "mgd: error: ...". */
static bool
issu_is_error_line(const char *s, size_t n)
{
	size_t i;

	if (span_starts(s, n, "error:"))
		return true;
	for (i = 0; i < n && i < 32 && (is_alpha(s[i]) || is_digit(s[i]) ||
	    s[i] == '_' || s[i] == '-'); i++)
		;
	return i > 0 && span_starts(s + i, n - i, ": error:");
}

/* "Rebooting re1". */
static bool
issu_is_rebooting_re(const char *s, size_t n)
{
	size_t i = strlen("Rebooting re");

	if (!span_starts(s, n, "Rebooting re") || n == i || n > i + 2)
		return false;
	for (; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
	}
	return true;
}

static size_t question_end(const char *s, size_t n);

/* The milestone of [s, s + n); *s and *n are left on the words read. */
static enum junos_issu_milestone
issu_classify_span(const char **sp, size_t *np, bool after_question)
{
	enum junos_issu_milestone m = JUNOS_ISSU_NONE;
	const char *s = *sp;
	size_t n = *np, i, k, q;
	const char *const *w;

	for (k = 0; k < 2; k++) {
		trim_span(&s, &n);
		/* A published capture wraps whole lines in quotes. */
		if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
			s++;
			n -= 2;
			trim_span(&s, &n);
		}
		if (k == 0) {
			size_t st = issu_stamp_len(s, n);

			s += st;
			n -= st;
		}
	}
	for (i = 0; i < sizeof issu_milestone_lines /
	    sizeof issu_milestone_lines[0]; i++) {
		if (span_is(s, n, issu_milestone_lines[i].text)) {
			m = issu_milestone_lines[i].milestone;
			break;
		}
	}
	if (m == JUNOS_ISSU_NONE && issu_is_rebooting_re(s, n))
		m = JUNOS_ISSU_BACKUP_REBOOTING;
	if (m == JUNOS_ISSU_NONE && issu_is_error_line(s, n))
		m = JUNOS_ISSU_ERROR;
	for (w = issu_error_words; m == JUNOS_ISSU_NONE && *w != NULL; w++) {
		if (span_has_word(s, n, *w))
			m = JUNOS_ISSU_ERROR;
	}
	/* Over an exec channel the answer is not echoed: the next line is
	 * printed right after the continue question. */
	if (m == JUNOS_ISSU_NONE && !after_question &&
	    (q = question_end(s, n)) > 0 && q < n) {
		s += q;
		n -= q;
		m = issu_classify_span(&s, &n, true);
	}
	*sp = s;
	*np = n;
	return m;
}

enum junos_issu_milestone
junos_issu_classify(const char *line, size_t len, char *detail,
    size_t detaillen)
{
	const char *s = line != NULL ? line : "";
	size_t n = line != NULL ? len : 0, i;
	enum junos_issu_milestone m;

	if (detail != NULL && detaillen > 0)
		detail[0] = '\0';
	m = issu_classify_span(&s, &n, false);
	if (m != JUNOS_ISSU_NONE && detail != NULL && detaillen > 0) {
		size_t cut = n < detaillen - 1 ? n : detaillen - 1;

		for (i = 0; i < cut; i++) {
			unsigned char b = (unsigned char)s[i];

			detail[i] = b >= 0x20 && b < 0x7f ? (char)b : '?';
		}
		detail[cut] = '\0';
	}
	return m;
}

/* ---- questions -------------------------------------------------------------
 *
 * Wordings from the captures: the ISSU's continue question (12.3 run), the
 * reboot (EX 17.3, MX 10.3, MX304), the mastership toggle (M320 11.4/12.3,
 * MX480 17.3), halt (MX480 17.3) and power-off (EX 17.3).
 */

static const struct question_text {
	const char *text;
	enum junos_question question;
} question_texts[] = {
	{ "Do you want to continue with these actions being taken ? "
	    "[yes,no] (no)", JUNOS_QUESTION_ISSU_CONTINUE },
	{ "Reboot the system ? [yes,no] (no)", JUNOS_QUESTION_REBOOT },
	{ "Toggle mastership between routing engines ? [yes,no] (no)",
	    JUNOS_QUESTION_MASTER_SWITCH },
	{ "Halt the system ? [yes,no] (no)", JUNOS_QUESTION_HALT },
	{ "Power Off the system ? [yes,no] (no)", JUNOS_QUESTION_POWER_OFF },
};

/* What ends any yes/no question; "(yes)" is the default of a few (leaving
 * configuration mode with uncommitted changes). */
static const char *const question_tails[] = {
	"? [yes,no] (no)", "? [yes,no] (yes)", NULL,
};

/* When [s, s + n) starts with a yes/no question: the length of the question
 * up to its tail, else 0. */
static size_t
question_end(const char *s, size_t n)
{
	const char *const *tail;
	size_t i;

	if (n == 0 || !is_alpha(s[0]))
		return 0;
	for (tail = question_tails; *tail != NULL; tail++) {
		size_t tn = strlen(*tail);

		for (i = 1; i + tn <= n; i++) {
			if (memcmp(s + i, *tail, tn) == 0)
				return i + tn;
		}
	}
	return 0;
}

enum junos_question
junos_question_classify(const char *text, size_t len)
{
	const char *s = text != NULL ? text : "";
	size_t n = text != NULL ? len : 0, i;
	const char *const *tail;

	trim_span(&s, &n);
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		if ((b < 0x20 && b != '\t') || b == 0x7f)
			return JUNOS_QUESTION_NONE;
	}
	for (i = 0; i < sizeof question_texts / sizeof question_texts[0];
	    i++) {
		if (span_is(s, n, question_texts[i].text))
			return question_texts[i].question;
	}
	for (tail = question_tails; *tail != NULL; tail++) {
		size_t tn = strlen(*tail);

		/* some words before it, and nothing after it */
		if (n > tn && memcmp(s + n - tn, *tail, tn) == 0 &&
		    is_alpha(s[0]))
			return JUNOS_QUESTION_OTHER_YES_NO;
	}
	return JUNOS_QUESTION_NONE;
}

bool
junos_is_master_only_refusal(const char *text, size_t len)
{
	static const char words[] = "Aborted! This command can only be used "
	    "on the master routing engine.";
	const char *s = text != NULL ? text : "";
	size_t n = text != NULL ? len : 0;

	trim_span(&s, &n);
	if (n > 7 && memcmp(s, "error: ", 7) == 0) {
		s += 7;
		n -= 7;
	}
	return span_is(s, n, words);
}

const char *
junos_question_name(enum junos_question q)
{
	static const char *const names[] = {
		[JUNOS_QUESTION_NONE] = "none",
		[JUNOS_QUESTION_ISSU_CONTINUE] = "issu_continue",
		[JUNOS_QUESTION_REBOOT] = "reboot",
		[JUNOS_QUESTION_MASTER_SWITCH] = "master_switch",
		[JUNOS_QUESTION_HALT] = "halt",
		[JUNOS_QUESTION_POWER_OFF] = "power_off",
		[JUNOS_QUESTION_OTHER_YES_NO] = "other_yes_no",
	};

	if ((unsigned)q >= sizeof names / sizeof names[0])
		return "none";
	return names[q];
}

/* ---- request chassis routing-engine master switch [check] -------------------
 *
 * From the captures (M320 11.4 and 12.3, MX480 17.3): an optional
 * "warning: Traffic will be interrupted while the PFE is re-initialized"
 * (no GRES), the question with "yes" typed after it (and, with cli
 * timestamps, a time stamp on the same line in one paste), then "Resolving
 * mastership..." and "Complete. The other routing engine becomes the
 * master.", or "Command aborted. Not ready for mastership switch, try after
 * 11 secs.".  `check` answers "Switchover Ready" (MX480 17.3); its not-ready
 * answer is Juniper's documented one for an MX Virtual Chassis
 * ("error: chassisd Not ready for mastership switch, try after 217 secs." and
 * "mastership switch request NOT honored, backup not ready"): no capture of
 * a not-ready check on a plain dual-RE chassis is known.
 */

static const char *const master_switch_commands[] = {
	"request chassis routing-engine master switch", NULL };
static const char *const switch_check_commands[] = {
	"request chassis routing-engine master switch check", NULL };

#define SWITCH_QUESTION	"Toggle mastership between routing engines ? " \
	"[yes,no] (no)"
#define SWITCH_RESOLVING	"Resolving mastership..."
#define SWITCH_COMPLETE	"Complete. The other routing engine becomes the " \
	"master."
#define SWITCH_NOT_READY	"Not ready for mastership switch, try after "
#define SWITCH_NOT_HONORED	"mastership switch request NOT honored, " \
	"backup not ready"
#define SWITCH_READY	"Switchover Ready"

const char *
junos_switch_result_name(enum junos_switch_result r)
{
	static const char *const names[] = {
		[JUNOS_SWITCH_UNKNOWN] = "unknown",
		[JUNOS_SWITCH_DONE] = "done",
		[JUNOS_SWITCH_NOT_READY] = "not_ready",
		[JUNOS_SWITCH_REFUSED] = "refused",
	};

	if ((unsigned)r >= sizeof names / sizeof names[0])
		return "unknown";
	return names[r];
}

/*
 * "Command aborted. Not ready for mastership switch, try after 11 secs." or
 * "error: chassisd Not ready ...": the seconds, or -1 when `s` is not that.
 */
static int
switch_not_ready_secs(const char *s)
{
	const char *at = strstr(s, SWITCH_NOT_READY), *p;
	long long secs;

	if (at == NULL || (strncmp(s, "Command aborted. ", 17) != 0 &&
	    strncmp(s, "error: ", 7) != 0))
		return -1;
	p = at + strlen(SWITCH_NOT_READY);
	if (!parse_number(p, &p, &secs) || secs > 86400 ||
	    strncmp(p, " sec", 4) != 0)
		return -1;
	p += 4;
	if (*p == 's')
		p++;
	if (*p == '.')
		p++;
	return *p == '\0' ? (int)secs : -1;
}

/* The answer typed after the question: 1 yes, 0 no, -1 something else; a
 * `set cli timestamp` stamp may follow it on the line. */
static int
switch_answer(const char *s)
{
	static const char *const yes[] = { "yes", "y" };
	static const char *const no[] = { "no", "n", "" };
	size_t wn = strcspn(s, " \t"), i;
	const char *rest = skip_blanks(s + wn);

	if (*rest != '\0' && !is_timestamp(rest))
		return -1;
	for (i = 0; i < 2; i++) {
		if (strlen(yes[i]) == wn && strncmp(s, yes[i], wn) == 0)
			return 1;
	}
	for (i = 0; i < 3; i++) {
		if (strlen(no[i]) == wn && strncmp(s, no[i], wn) == 0)
			return 0;
	}
	return -1;
}

struct switch_state {
	struct junos_master_switch *out;
	int answer;		/* -2: no question; -1: asked, the answer not
				   echoed (exec); 0: no; 1: yes */
	bool done, resolving;
	char refusal[JUNOS_TEXT_MAX], not_ready[JUNOS_TEXT_MAX];
	int not_ready_secs;
};

/* One line, or what follows the question on its line. */
static int
switch_line(struct switch_state *st, const char *s, const struct capture *c,
    char *err, size_t errlen)
{
	size_t n = strlen(s);
	const char *v;
	int secs;

	if (strncmp(s, SWITCH_QUESTION, strlen(SWITCH_QUESTION)) == 0) {
		v = s + strlen(SWITCH_QUESTION);
		if (st->answer != -2) {
			capture_fail(c, err, errlen, "the question twice");
			return -1;
		}
		if (*v != '\0' && !is_blank(*v)) {
			capture_unknown(c, err, errlen);
			return -1;
		}
		v = skip_blanks(v);
		st->answer = switch_answer(v);
		/* Over an exec channel the answer is not echoed and the
		 * output goes on after the question on its line. */
		if (st->answer < 0 && *v != '\0') {
			if (strncmp(v, SWITCH_QUESTION,
			    strlen(SWITCH_QUESTION)) == 0) {
				capture_fail(c, err, errlen, "the question "
				    "twice");
				return -1;
			}
			return switch_line(st, v, c, err, errlen);
		}
		return 0;
	}
	if (strcmp(s, SWITCH_RESOLVING) == 0) {
		st->resolving = true;
		return 0;
	}
	if (strcmp(s, SWITCH_COMPLETE) == 0) {
		st->done = true;
		return 0;
	}
	if ((secs = switch_not_ready_secs(s)) >= 0) {
		if (st->not_ready[0] != '\0' || copy_str(st->not_ready,
		    sizeof st->not_ready, s, n) < 0) {
			capture_fail(c, err, errlen, "twice");
			return -1;
		}
		st->not_ready_secs = secs;
		return 0;
	}
	if (strncmp(s, "warning: ", 9) == 0 && st->answer == -2 &&
	    !st->done && st->refusal[0] == '\0') {
		if (st->out->warning[0] == '\0' && copy_str(st->out->warning,
		    sizeof st->out->warning, s, n) < 0) {
			capture_fail(c, err, errlen, "too long");
			return -1;
		}
		return 0;
	}
	if (strncmp(s, "error: ", 7) == 0 || strncmp(s, "warning: ", 9) == 0) {
		if (st->refusal[0] == '\0' && copy_str(st->refusal,
		    sizeof st->refusal, s, n) < 0) {
			capture_fail(c, err, errlen, "too long");
			return -1;
		}
		return 0;
	}
	capture_unknown(c, err, errlen);
	return -1;
}

int
junos_parse_master_switch(const char *text, size_t len,
    struct junos_master_switch *out, char *err, size_t errlen)
{
	struct switch_state st;
	struct capture c;
	bool any = false;
	int rc, results;

	memset(out, 0, sizeof *out);
	out->retry_after_s = -1;
	memset(&st, 0, sizeof st);
	st.out = out;
	st.answer = -2;
	st.not_ready_secs = -1;
	capture_init(&c, text, len, master_switch_commands,
	    "request chassis routing-engine master switch");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		any = true;
		if (switch_line(&st, c.line, &c, err, errlen) < 0)
			return -1;
	}
	if (rc < 0)
		return -1;
	if (!any) {
		capture_fail_end(&c, err, errlen, "no request chassis "
		    "routing-engine master switch output");
		return -1;
	}
	results = (st.done ? 1 : 0) + (st.not_ready[0] != '\0' ? 1 : 0) +
	    (st.refusal[0] != '\0' ? 1 : 0);
	if (results > 1 || ((st.done || st.resolving) && st.answer == 0)) {
		capture_fail_end(&c, err, errlen, "contradicting results:%s%s"
		    "%s%s%s", st.done ? " switched;" : "", st.answer == 0 ?
		    " answered no;" : "", st.resolving ? " resolving;" : "",
		    st.not_ready[0] != '\0' ? " not ready;" : "",
		    st.refusal[0] != '\0' ? " refused" : "");
		return -1;
	}
	if (st.done) {
		out->result = JUNOS_SWITCH_DONE;
		snprintf(out->message, sizeof out->message, "%s",
		    SWITCH_COMPLETE);
	} else if (st.not_ready[0] != '\0') {
		out->result = JUNOS_SWITCH_NOT_READY;
		out->retry_after_s = st.not_ready_secs;
		memcpy(out->message, st.not_ready, sizeof out->message);
	} else if (st.refusal[0] != '\0') {
		out->result = JUNOS_SWITCH_REFUSED;
		memcpy(out->message, st.refusal, sizeof out->message);
	} else {
		out->result = JUNOS_SWITCH_UNKNOWN;
		snprintf(out->message, sizeof out->message, "%s",
		    st.answer == 0 ? "the question was not answered yes" :
		    "no result after the question (output cut short?)");
	}
	return 0;
}

int
junos_parse_master_switch_check(const char *text, size_t len,
    struct junos_switch_check *out, char *err, size_t errlen)
{
	struct capture c;
	bool ready = false, not_ready = false, other = false;
	int rc, secs;

	memset(out, 0, sizeof *out);
	out->ready = JUNOS_UNKNOWN;
	out->retry_after_s = -1;
	capture_init(&c, text, len, switch_check_commands,
	    "request chassis routing-engine master switch check");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		const char *s = c.line;
		bool keep = out->reason[0] == '\0';

		if (strcmp(s, SWITCH_READY) == 0) {
			if (ready) {
				capture_fail(&c, err, errlen, "twice");
				return -1;
			}
			ready = true;
			continue;
		}
		if ((secs = switch_not_ready_secs(s)) >= 0) {
			if (out->retry_after_s >= 0) {
				capture_fail(&c, err, errlen, "twice");
				return -1;
			}
			out->retry_after_s = secs;
			not_ready = true;
		} else if (strcmp(s, SWITCH_NOT_HONORED) == 0) {
			not_ready = true;
		} else if (strncmp(s, "error: ", 7) == 0) {
			other = true;
		} else {
			capture_unknown(&c, err, errlen);
			return -1;
		}
		if (keep && copy_str(out->reason, sizeof out->reason, s,
		    c.len) < 0) {
			capture_fail(&c, err, errlen, "too long");
			return -1;
		}
	}
	if (rc < 0)
		return -1;
	if (!ready && !not_ready && !other) {
		capture_fail_end(&c, err, errlen, "no request chassis "
		    "routing-engine master switch check output");
		return -1;
	}
	if (ready && (not_ready || other)) {
		capture_fail_end(&c, err, errlen, "both \"%s\" and \"%s\"",
		    SWITCH_READY, out->reason);
		return -1;
	}
	/* Readiness is what the not-ready lines say, even beside an error;
	 * an error alone does not tell it (the command did not run). */
	out->ready = ready ? JUNOS_TRUE : not_ready ? JUNOS_FALSE :
	    JUNOS_UNKNOWN;
	return 0;
}

/* ---- commit, commit check, commit synchronize ------------------------------
 *
 * With `system commit synchronize` (or `commit synchronize`), sections per
 * RE, the one the command ran on first:
 *     re0:
 *     configuration check succeeds
 *     re1:
 *     commit complete
 *     re0:
 *     commit complete
 * without it a bare "commit complete".  Errors are "error: ..." lines (the
 * 12.3 capture: "error: could not open configuration database
 * (juniper.data+)"; "error: configuration check-out failed", "error: remote
 * commit-configuration failed on re1" are Juniper's documented wordings),
 * warnings "warning: ...", each after the "[edit ...]" path and the quoted
 * statement they are about.  The 17.3 capture also has re1's sshd creating
 * its host keys ("Generating RSA key /etc/ssh/ssh_host_key").
 */

static const char *const commit_commands[] = { "commit", NULL };

/* Error lines are kept whole: any line the capture accepts fits. */
_Static_assert(JUNOS_LINE_MAX >= LINE_MAX_LEN, "error lines must fit");

/* Lines that carry no fact but belong to a commit's output. */
static const char *const commit_info_lines[] = {
	"Exiting configuration mode",		/* commit and-quit */
	NULL,
};

#define COMMIT_SECTIONS_MAX	4

/* "Generating RSA key /etc/ssh/ssh_host_key". */
static bool
is_key_generation(const char *s)
{
	const char *p;

	if (strncmp(s, "Generating ", 11) != 0)
		return false;
	p = s + 11;
	while (is_alpha(*p) || is_digit(*p))
		p++;
	return p > s + 11 && strncmp(p, " key /", 6) == 0 &&
	    strchr(p + 5, ' ') == NULL;
}

/* "commit confirmed will be automatically rolled back in 10 minutes unless
 * confirmed" (Juniper's documentation of commit confirmed). */
static bool
is_commit_confirmed_notice(const char *s)
{
	static const char head[] = "commit confirmed will be automatically "
	    "rolled back in ";
	const char *p;
	long long n;

	if (strncmp(s, head, sizeof head - 1) != 0)
		return false;
	p = s + sizeof head - 1;
	return parse_number(p, &p, &n) && (strcmp(p, " minutes unless "
	    "confirmed") == 0 || strcmp(p, " minute unless confirmed") == 0);
}

/* "commit complete" and the commit confirmed notice start with "commit":
 * never an echo of the command. */
static bool
commit_is_output(const char *s)
{
	return strcmp(s, "commit complete") == 0 ||
	    is_commit_confirmed_notice(s);
}

int
junos_parse_commit(const char *text, size_t len, struct junos_commit *out,
    char *err, size_t errlen)
{
	struct {
		char name[16];
		bool complete, check;
	} sec[COMMIT_SECTIONS_MAX];
	size_t nsec = 0, cur = 0, i;	/* cur: the section being read;
					   meaningless while nsec is 0 */
	bool any = false, bare_complete = false, bare_check = false;
	const char *const *info;
	struct capture c;
	int rc;

	memset(out, 0, sizeof *out);
	memset(sec, 0, sizeof sec);
	capture_init(&c, text, len, commit_commands, "commit");
	c.is_output = commit_is_output;
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		const char *s = c.line;

		any = true;
		if (is_section_header(s)) {
			for (i = 0; i < nsec; i++) {
				if (strncmp(sec[i].name, s, c.len - 1) == 0 &&
				    sec[i].name[c.len - 1] == '\0')
					break;
			}
			if (i == nsec) {
				if (nsec == COMMIT_SECTIONS_MAX || copy_str(
				    sec[nsec].name, sizeof sec[nsec].name, s,
				    c.len - 1) < 0) {
					capture_fail(&c, err, errlen, "too "
					    "many sections");
					return -1;
				}
				nsec++;
			}
			cur = i;
			continue;
		}
		if (strcmp(s, "commit complete") == 0 ||
		    strcmp(s, "configuration check succeeds") == 0) {
			bool complete = strcmp(s, "commit complete") == 0;
			bool *flag = cur < nsec ? (complete ?
			    &sec[cur].complete : &sec[cur].check) :
			    (complete ? &bare_complete : &bare_check);

			if (*flag) {
				capture_fail(&c, err, errlen, "twice for one "
				    "routing engine");
				return -1;
			}
			*flag = true;
			continue;
		}
		if (strncmp(s, "error:", 6) == 0) {
			if (out->nerrors < JUNOS_COMMIT_ERRORS_MAX)
				memcpy(out->error[out->nerrors], s, c.len + 1);
			out->nerrors++;
			continue;
		}
		if (strncmp(s, "warning:", 8) == 0) {
			out->nwarnings++;
			continue;
		}
		/* the context of an error or warning: "[edit system]" and
		 * the statement, quoted */
		if (is_edit_context(s, c.len) || (c.len >= 3 && s[0] == '\'' &&
		    s[c.len - 1] == '\'') || is_key_generation(s) ||
		    is_commit_confirmed_notice(s))
			continue;
		for (info = commit_info_lines; *info != NULL; info++) {
			if (strcmp(s, *info) == 0)
				break;
		}
		if (*info != NULL)
			continue;
		capture_unknown(&c, err, errlen);
		return -1;
	}
	if (rc < 0)
		return -1;
	if (!any) {
		capture_fail_end(&c, err, errlen, "no commit output");
		return -1;
	}
	if (nsec > 0 && (bare_complete || bare_check)) {
		capture_fail_end(&c, err, errlen, "a result outside the "
		    "re0:/re1: sections");
		return -1;
	}
	if (nsec == 0) {
		out->complete = bare_complete;
		out->check_succeeds = (bare_check || bare_complete) &&
		    out->nerrors == 0;
		return 0;
	}
	/* A section that only committed was checked by the commit itself;
	 * one that says neither (an error alone) did not pass. */
	out->complete = sec[0].complete;
	out->check_succeeds = out->nerrors == 0;
	for (i = 0; i < nsec; i++) {
		if (i > 0 && sec[i].complete && out->complete)
			out->synchronized = true;
		if (!sec[i].check && !sec[i].complete)
			out->check_succeeds = false;
	}
	return 0;
}

/* ---- show system users -----------------------------------------------------
 *
 * Not in a capture here: the shape is FreeBSD w(1), which Junos runs, as
 * Juniper's documentation shows it; the first line is the one the captures
 * of show system uptime end with (" 5:35PM  up 6 days, 11:45, 2 users, load
 * averages: 0.15, 0.07, 0.01", also "up 11:03,", "up 15 days, 5 mins,",
 * "1 users").
 */

static const char *const users_commands[] = { "show system users", NULL };

/* "5:29PM", "10:06PM". */
static bool
is_clock_ampm(const char *s, size_t n)
{
	size_t h = n == 6 ? 1 : 2;

	if (n != 6 && n != 7)
		return false;
	return is_digit(s[0]) && (h == 1 || is_digit(s[1])) && s[h] == ':' &&
	    is_digit(s[h + 1]) && is_digit(s[h + 2]) &&
	    (s[h + 3] == 'A' || s[h + 3] == 'P') && s[h + 4] == 'M';
}

/* "0.15, 0.07, 0.01". */
static bool
is_load_averages(const char *s)
{
	int i;

	for (i = 0; i < 3; i++) {
		long long n;

		if (i > 0) {
			if (s[0] != ',' || s[1] != ' ')
				return false;
			s += 2;
		}
		if (!parse_number(s, &s, &n) || *s++ != '.' ||
		    !parse_number(s, &s, &n))
			return false;
	}
	return *s == '\0';
}

/* The w(1) header line into out; -1 when it is not one. */
static int
users_header(const char *s, struct junos_users *out)
{
	static const char loads[] = ", load averages: ";
	const char *w, *up, *la, *comma, *p;
	long long n;
	size_t wn;

	p = s;
	wn = next_word(&p, &w);
	if (!is_clock_ampm(w, wn) || copy_str(out->time, sizeof out->time, w,
	    wn) < 0)
		return -1;
	p = skip_blanks(p);
	if (strncmp(p, "up ", 3) != 0)
		return -1;
	up = skip_blanks(p + 3);
	if ((la = strstr(up, loads)) == NULL || !is_load_averages(la +
	    sizeof loads - 1))
		return -1;
	/* the last ", " before the load averages starts the user count */
	for (comma = la - 1; comma > up && !(comma[0] == ',' &&
	    comma[1] == ' '); comma--)
		;
	if (comma <= up || !parse_number(comma + 2, &p, &n) ||
	    (strncmp(p, " users", 6) != 0 && strncmp(p, " user", 5) != 0) ||
	    p + (p[5] == 's' ? 6 : 5) != la || n > 100000)
		return -1;
	out->count = (size_t)n;
	return copy_str(out->uptime, sizeof out->uptime, up,
	    (size_t)(comma - up));
}

int
junos_parse_users(const char *text, size_t len, struct junos_users *out,
    char *err, size_t errlen)
{
	struct capture c;
	bool header = false, columns = false;
	int rc;

	memset(out, 0, sizeof *out);
	capture_init(&c, text, len, users_commands, "show system users");
	while ((rc = capture_next(&c, err, errlen)) == 1) {
		struct junos_user *u;
		const char *p = c.line, *w[5], *what;
		size_t wn[5], i;

		if (!header) {
			if (users_header(c.line, out) < 0) {
				capture_fail(&c, err, errlen, "not the w(1) "
				    "header (time, up, users, load "
				    "averages)");
				return -1;
			}
			header = true;
			continue;
		}
		if (!columns) {
			if (!same_words(c.line, "USER TTY FROM LOGIN@ IDLE "
			    "WHAT")) {
				capture_unknown(&c, err, errlen);
				return -1;
			}
			columns = true;
			continue;
		}
		if (out->nusers == JUNOS_USERS_MAX) {
			capture_fail(&c, err, errlen, "more than %d users",
			    JUNOS_USERS_MAX);
			return -1;
		}
		u = &out->user[out->nusers];
		for (i = 0; i < 5; i++)
			wn[i] = next_word(&p, &w[i]);
		what = skip_blanks(p);
		if (*what == '\0' ||
		    copy_str(u->user, sizeof u->user, w[0], wn[0]) < 0 ||
		    copy_str(u->tty, sizeof u->tty, w[1], wn[1]) < 0 ||
		    copy_str(u->from, sizeof u->from, w[2], wn[2]) < 0 ||
		    copy_str(u->login, sizeof u->login, w[3], wn[3]) < 0 ||
		    copy_str(u->idle, sizeof u->idle, w[4], wn[4]) < 0 ||
		    copy_str(u->what, sizeof u->what, what,
		    strlen(what)) < 0) {
			memset(u, 0, sizeof *u);
			capture_fail(&c, err, errlen, "not a user (USER, TTY, "
			    "FROM, LOGIN@, IDLE, WHAT)");
			return -1;
		}
		out->nusers++;
	}
	if (rc < 0)
		return -1;
	if (!columns) {
		capture_fail_end(&c, err, errlen, header ? "no USER TTY FROM "
		    "... header (output cut short?)" : "no show system users "
		    "output");
		return -1;
	}
	return 0;
}

/* ---- the CLI prompt -------------------------------------------------------- */

int
junos_prompt_parse(const char *text, size_t len, struct junos_prompt *out)
{
	const char *s = text != NULL ? text : "", *at, *end;
	size_t n = text != NULL ? len : 0, i, un;
	struct junos_prompt p;

	memset(&p, 0, sizeof p);
	while (n > 0 && s[0] == '\r') {
		s++;
		n--;
	}
	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r' ||
	    s[n - 1] == '\n'))
		n--;
	if (n < 2 || (s[n - 1] != '>' && s[n - 1] != '#'))
		return -1;
	end = s + n - 1;
	p.mode = *end == '>' ? JUNOS_CLI_OPERATIONAL : JUNOS_CLI_CONFIGURATION;
	at = memchr(s, '@', (size_t)(end - s));
	un = at != NULL ? (size_t)(at - s) : (size_t)(end - s);
	for (i = 0; i < un; i++) {
		if (!is_prompt_char(s[i]))
			return -1;
	}
	if (un == 0 || copy_str(p.user, sizeof p.user, s, un) < 0)
		return -1;
	if (at != NULL) {
		const char *h = at + 1;

		if (h == end)
			return -1;
		for (; h < end; h++) {
			if (!is_prompt_char(*h))
				return -1;
		}
		if (copy_str(p.host, sizeof p.host, at + 1,
		    (size_t)(end - at - 1)) < 0)
			return -1;
	}
	*out = p;
	return 0;
}
