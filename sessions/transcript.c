/*
 * transcript.c - the per-router record of what was sent and received (see
 * transcript.h).
 *
 * Why write(2) and not stdio: a line must reach the file before the next
 * thing happens (the console may be killed mid-upgrade), and one write on
 * an O_APPEND descriptor puts it there whole.  The line is built in a
 * buffer the transcript keeps, so a 40-minute upgrade costs no allocation
 * per line.
 */
#include "sessions/transcript.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
	TRANSCRIPT_MAX_SUFFIX = 999,	/* ROUTER-...-999.log, then give up */
	TRANSCRIPT_STAMP = 64,		/* "2026-11-25T17:20:01.123+0000" */
};

struct transcript {
	int fd;				/* O_APPEND */
	char *path;			/* as shown in messages (~ for $HOME) */
	char *error;			/* first write failure; NULL */
	char *line;			/* the line being built, reused */
	size_t cap;
};

/* path with $HOME written as ~, the way the operator typed it. */
static void
transcript_display(const char *path, char *out, size_t len)
{
	const char *home = getenv("HOME");
	size_t n = home != NULL ? strlen(home) : 0;

	while (n > 1 && home[n - 1] == '/')
		n--;
	if (n > 1 && strncmp(path, home, n) == 0 &&
	    (path[n] == '/' || path[n] == '\0'))
		snprintf(out, len, "~%s", path + n);
	else
		snprintf(out, len, "%s", path);
}

/* mkdir -p, each new directory 0700 (a transcript may show a router's
 * configuration).  Returns 0, or -1 with "cannot create DIR: why". */
static int
transcript_mkdirs(const char *dir, char *err, size_t errlen)
{
	char *p = strdup(dir), *slash, shown[1024];
	struct stat st;
	int rc = 0;

	if (p == NULL || p[0] == '\0') {
		snprintf(err, errlen, "cannot create \"%s\": %s", dir,
		    p == NULL ? "out of memory" : "no directory named");
		free(p);
		return -1;
	}
	for (slash = p + 1;; slash++) {
		bool last = *slash == '\0';

		if (*slash != '/' && !last)
			continue;
		*slash = '\0';
		/* An existing file in the middle makes the next mkdir fail
		 * with ENOTDIR, naming what could not be made. */
		if (mkdir(p, 0700) != 0 && (errno != EEXIST || (last &&
		    (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))))) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			transcript_display(p, shown, sizeof shown);
			snprintf(err, errlen, "cannot create %s: %s", shown,
			    strerror(errno));
			rc = -1;
			break;
		}
		if (last)
			break;
		*slash = '/';
		while (slash[1] == '/')
			slash++;
	}
	free(p);
	return rc;
}

struct transcript *
transcript_open(const char *log_dir, const char *router, time_t now,
    char *path, size_t pathlen, char *err, size_t errlen)
{
	struct transcript *t;
	char stamp[32], name[256], *file = NULL, shown[1024];
	struct tm tm;
	size_t i;
	int n, fd = -1;

	if (transcript_mkdirs(log_dir, err, errlen) != 0)
		return NULL;
	snprintf(name, sizeof name, "%s", router);
	for (i = 0; name[i] != '\0'; i++)
		if (name[i] == '/')
			name[i] = '_';	/* a router's name never leaves log_dir */
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (n = 1; n <= TRANSCRIPT_MAX_SUFFIX; n++) {
		free(file);
		file = NULL;
		if ((n == 1 ? asprintf(&file, "%s/%s-%s.log", log_dir, name, stamp) :
		    asprintf(&file, "%s/%s-%s-%d.log", log_dir, name, stamp, n)) < 0) {
			file = NULL;
			errno = ENOMEM;
			break;
		}
		/* O_EXCL: an earlier run's record is never overwritten. */
		fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_APPEND |
		    O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		if (n > TRANSCRIPT_MAX_SUFFIX)
			errno = EEXIST;
		transcript_display(file != NULL ? file : log_dir, shown,
		    sizeof shown);
		snprintf(err, errlen, "cannot create %s: %s", shown,
		    strerror(errno));
		free(file);
		return NULL;
	}
	fchmod(fd, 0600);		/* whatever the umask */
	if ((t = calloc(1, sizeof *t)) == NULL) {
		snprintf(err, errlen, "out of memory");
		close(fd);
		unlink(file);
		free(file);
		return NULL;
	}
	t->fd = fd;
	transcript_display(file, shown, sizeof shown);
	t->path = strdup(shown);
	if (path != NULL && pathlen > 0)
		snprintf(path, pathlen, "%s", file);
	free(file);
	return t;
}

/* The first failure is kept; later ones say nothing new. */
static void
transcript_fail(struct transcript *t, const char *why)
{
	if (t->error != NULL)
		return;
	if (asprintf(&t->error, "writing %s: %s", t->path != NULL ? t->path :
	    "the transcript", why) < 0)
		t->error = NULL;
}

/* "2026-11-25T17:20:01.123+0000", local time. */
static void
transcript_stamp(char *out, size_t len)
{
	struct timespec ts;
	struct tm tm;
	char date[24], zone[8];

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z", &tm);
	snprintf(out, len, "%s.%03d%s", date, (int)(ts.tv_nsec / 1000000L),
	    zone);
}

/* Length of the valid, printable UTF-8 sequence at s (n bytes left), or 0:
 * not UTF-8, overlong, a surrogate, or a C1 control (U+0080-U+009F, which
 * some terminals obey). */
static size_t
transcript_utf8(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
	    (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return len;
}

/* Appends s[0..n) to out, control bytes escaped; "\n" is kept (a record
 * line never holds one: transcript_lines splits there).  out has room for
 * 4 bytes per input byte. */
static size_t
transcript_escape(char *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, k;

	while (i < n) {
		if (u[i] == '\t' || u[i] == '\n' ||
		    (u[i] >= 0x20 && u[i] < 0x7f)) {
			out[o++] = (char)u[i++];
		} else if (u[i] >= 0x80 && (k = transcript_utf8(u + i, n - i)) > 0) {
			memcpy(out + o, u + i, k);
			o += k;
			i += k;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[u[i] >> 4];
			out[o++] = hex[u[i] & 0xf];
			i++;
		}
	}
	return o;
}

/* Writes one record line: "STAMP TAG TEXT\n" (no space when TEXT is empty). */
static void
transcript_line(struct transcript *t, const char *stamp, const char *tag,
    const char *s, size_t n)
{
	size_t need = TRANSCRIPT_STAMP + strlen(tag) + 4 * n + 4, len, off;

	if (need > t->cap) {
		char *grown = realloc(t->line, need);

		if (grown == NULL) {
			transcript_fail(t, "out of memory");
			return;
		}
		t->line = grown;
		t->cap = need;
	}
	len = (size_t)snprintf(t->line, t->cap, "%s %s", stamp, tag);
	if (n > 0) {
		t->line[len++] = ' ';
		len += transcript_escape(t->line + len, s, n);
	}
	t->line[len++] = '\n';
	/* One write: O_APPEND puts the line in whole. */
	for (off = 0; off < len;) {
		ssize_t w = write(t->fd, t->line + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			transcript_fail(t, w < 0 ? strerror(errno) : "nothing written");
			return;
		}
		off += (size_t)w;
	}
}

/* One record line per line of text[0..len), all with the same time; a
 * NUL byte is text like any other (written \x00), never an end. */
static void
transcript_lines(struct transcript *t, const char *tag, const char *text,
    size_t len)
{
	char stamp[TRANSCRIPT_STAMP];
	const char *p = text, *end = text + len;

	transcript_stamp(stamp, sizeof stamp);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		size_t shown = n;

		if (nl != NULL && n > 0 && p[n - 1] == '\r')
			shown--;	/* CRLF ends a line like LF */
		transcript_line(t, stamp, tag, p, shown);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

/* "re0 >", "re1 <", "re0 -", or "---" for a note about no RE. */
static void
transcript_tag(char *out, size_t len, int slot, char what)
{
	if (slot < 0)
		snprintf(out, len, "---");
	else
		snprintf(out, len, "re%d %c", slot, what);
}

void
transcript_sent(struct transcript *t, int slot, const char *text)
{
	char tag[24];

	if (t == NULL || text == NULL)
		return;
	transcript_tag(tag, sizeof tag, slot, '>');
	transcript_lines(t, tag, text, strlen(text));
}

void
transcript_received(struct transcript *t, int slot, const char *text,
    size_t len)
{
	char tag[24];

	if (t == NULL || text == NULL)
		return;
	transcript_tag(tag, sizeof tag, slot, '<');
	transcript_lines(t, tag, text, len);
}

void
transcript_note(struct transcript *t, int slot, const char *fmt, ...)
{
	char tag[24], *text = NULL;
	va_list ap;
	int n;

	if (t == NULL)
		return;
	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0) {
		transcript_fail(t, "out of memory");
		return;
	}
	transcript_tag(tag, sizeof tag, slot, '-');
	/* An empty note still marks the moment. */
	if (text[0] == '\0') {
		char stamp[TRANSCRIPT_STAMP];

		transcript_stamp(stamp, sizeof stamp);
		transcript_line(t, stamp, tag, "", 0);
	} else
		transcript_lines(t, tag, text, strlen(text));
	free(text);
}

char *
transcript_neutral(const char *s, size_t n)
{
	char *out = malloc(4 * n + 1);

	if (out != NULL)
		out[transcript_escape(out, s, n)] = '\0';
	return out;
}

char *
transcript_text(const char *bytes, size_t n)
{
	size_t i, o = 0, nuls = 0;
	char *out;

	for (i = 0; i < n; i++)
		nuls += bytes[i] == '\0';
	if ((out = malloc(n + 3 * nuls + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (bytes[i] == '\0') {
			/* As transcript_escape writes it. */
			memcpy(out + o, "\\x00", 4);
			o += 4;
		} else
			out[o++] = bytes[i];
	}
	out[o] = '\0';
	return out;
}

const char *
transcript_error(const struct transcript *t)
{
	return t != NULL ? t->error : NULL;
}

void
transcript_close(struct transcript *t)
{
	if (t == NULL)
		return;
	if (t->fd >= 0)
		close(t->fd);
	free(t->path);
	free(t->error);
	free(t->line);
	free(t);
}
