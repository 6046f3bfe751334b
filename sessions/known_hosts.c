/*
 * known_hosts.c - an OpenSSH known_hosts file read line by line, for one
 * host and its offered key (see known_hosts.h for the rules).
 *
 * A reader holds one line's first KNOWN_HOSTS_LINE_MAX bytes whatever the
 * input: the content streams through it in chunks, so a 10 MB line or
 * file costs no more memory than a short one.
 */
#include "sessions/known_hosts.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum kh_marker { KH_MARK_NONE, KH_MARK_REVOKED, KH_MARK_CA };
enum kh_kind { KH_COMMENT, KH_OTHER, KH_BAD, KH_ENTRY };

enum {
	KH_HOST_MAX = 1100,	/* "[host]:port" kept for matching */
	KH_SHA1_LEN = 20,
};

/* What one line says. */
struct kh_parsed {
	enum kh_kind kind;
	enum kh_marker marker;
	bool names_host;		/* its host field matched the host */
	char why[160];			/* BAD */
	ssh_key key;			/* ENTRY: owned */
};

struct kh_reader {
	const char *name;
	char want[KH_HOST_MAX];		/* "host" or "[host]:port" */
	char alt[KH_HOST_MAX];		/* port 22: "[host]:22", else "" */
	ssh_key key;			/* borrowed: the offered key */
	struct known_hosts_result *r;

	char *buf;			/* KNOWN_HOSTS_LINE_MAX + 1 */
	size_t blen;			/* bytes kept of this line */
	size_t linelen;			/* bytes seen of this line */
	bool cut;			/* bytes past blen were dropped */
	bool nul;			/* this line holds a NUL byte */
	size_t nulcol;			/* where the first one is (0-based) */
	unsigned long lineno;
	bool any;			/* any byte seen */
	char last;			/* the last byte seen */

	unsigned long match_line, revoked_line, changed_line, broken_line;
	bool changed_same_type;		/* the held key is of the offered type */
	bool broken_revoked;		/* the broken line is a @revoked one */
	char held[160];
	char broken_why[160];
};

void
known_hosts_host_port(const char *host, int port, char *out, size_t len)
{
	size_t i;

	if (len == 0)
		return;
	if (port == 0 || port == 22)
		snprintf(out, len, "%s", host);
	else
		snprintf(out, len, "[%s]:%d", host, port);
	for (i = 0; out[i] != '\0'; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
}

void
known_hosts_fingerprint(ssh_key key, char *out, size_t len)
{
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp;

	snprintf(out, len, "(unknown)");
	if (key == NULL || ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256,
	    &hash, &hlen) != 0)
		return;
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	if (fp != NULL) {
		snprintf(out, len, "%s %s", ssh_key_type_to_char(
		    ssh_key_type(key)), fp);
		ssh_string_free_char(fp);
	}
	ssh_clean_pubkey_hash(&hash);
}

/* Standard base64 (with "=" padding) of n chars into out; the length, or
 * -1 when it is not base64 or does not fit. */
static int
kh_base64(const char *s, size_t n, unsigned char *out, size_t cap)
{
	unsigned int acc = 0;
	int bits = 0;
	size_t i, o = 0, pad = 0;

	if (n == 0 || n % 4 != 0)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int v;

		if (c == '=') {
			if (++pad > 2)
				return -1;
			continue;
		}
		if (pad > 0)
			return -1;	/* data after padding */
		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '+')
			v = 62;
		else if (c == '/')
			v = 63;
		else
			return -1;
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return -1;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return (int)o;
}

/* "|1|salt|hash": 1 when it is the hash of host, 0 when not, -1 when it is
 * not a hash ssh-keygen could have written. */
static int
kh_match_hashed(const char *host, const char *field)
{
	unsigned char salt[64], hash[64], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	const char *s, *bar;
	int sl, hl;

	if (strncmp(field, "|1|", 3) != 0)
		return -1;
	s = field + 3;
	if ((bar = strchr(s, '|')) == NULL || bar == s || bar - s > 1024)
		return -1;
	sl = kh_base64(s, (size_t)(bar - s), salt, sizeof salt);
	hl = kh_base64(bar + 1, strlen(bar + 1), hash, sizeof hash);
	if (sl != KH_SHA1_LEN || hl != KH_SHA1_LEN)
		return -1;
	if (HMAC(EVP_sha1(), salt, sl, (const unsigned char *)host,
	    strlen(host), mac, &maclen) == NULL || maclen != KH_SHA1_LEN)
		return -1;
	return memcmp(mac, hash, KH_SHA1_LEN) == 0;
}

/* ssh's wildcard match ("*", "?"), case-insensitive on the pattern side
 * (s is lower case); iterative, so no pattern can make it slow beyond
 * O(len(s) * len(p)). */
static bool
kh_glob(const char *s, const char *p, size_t plen)
{
	size_t pi = 0, star = SIZE_MAX, mark = 0;
	const char *s0 = s;
	size_t si = 0, slen = strlen(s0);

	while (si < slen) {
		if (pi < plen && p[pi] == '*') {
			star = pi++;
			mark = si;
		} else if (pi < plen && (p[pi] == '?' ||
		    tolower((unsigned char)p[pi]) == (unsigned char)s0[si])) {
			pi++;
			si++;
		} else if (star != SIZE_MAX) {
			pi = star + 1;
			si = ++mark;
		} else
			return false;
	}
	while (pi < plen && p[pi] == '*')
		pi++;
	return pi == plen;
}

/* A comma list of patterns: 1 when one matches and no negated one does. */
static bool
kh_match_list(const struct kh_reader *rd, const char *list)
{
	bool positive = false;
	const char *p = list;

	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
		bool neg = n > 0 && p[0] == '!';
		const char *sub = neg ? p + 1 : p;
		size_t sn = neg ? n - 1 : n;
		bool m;

		m = kh_glob(rd->want, sub, sn) || (rd->alt[0] != '\0' &&
		    sn > 0 && sub[0] == '[' && kh_glob(rd->alt, sub, sn));
		if (m && neg)
			return false;
		if (m)
			positive = true;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return positive;
}

static size_t
kh_blanks(const char *t, size_t i, size_t n)
{
	while (i < n && (t[i] == ' ' || t[i] == '\t'))
		i++;
	return i;
}

static size_t
kh_word(const char *t, size_t i, size_t n)
{
	while (i < n && t[i] != ' ' && t[i] != '\t')
		i++;
	return i;
}

static enum kh_kind
kh_bad(struct kh_parsed *p, const char *why)
{
	snprintf(p->why, sizeof p->why, "%s", why);
	p->kind = KH_BAD;
	return KH_BAD;
}

/* "longer than 65536 bytes before the end of its <what>" */
static enum kh_kind
kh_too_long(struct kh_parsed *p, const char *what)
{
	snprintf(p->why, sizeof p->why, "longer than %d bytes before the end "
	    "of its %s", KNOWN_HOSTS_LINE_MAX, what);
	p->kind = KH_BAD;
	return KH_BAD;
}

/*
 * One line's text t[0..n) (t[n] may be written).  complete: t is the whole
 * line; else only its start, and a word reaching the end is cut.
 */
static enum kh_kind
kh_parse(const struct kh_reader *rd, char *t, size_t n, bool complete,
    struct kh_parsed *p)
{
	size_t i, j;
	enum ssh_keytypes_e kt;
	char *type, *b64;
	int m;

	memset(p, 0, sizeof *p);
	i = kh_blanks(t, 0, n);
	if (i == n)
		return complete ? (p->kind = KH_COMMENT) :
		    kh_too_long(p, "leading blanks");
	if (t[i] == '#')
		return p->kind = KH_COMMENT;
	if (t[i] == '@') {
		j = kh_word(t, i, n);
		if (j == n)
			return complete ? kh_bad(p, "a marker and nothing "
			    "after it") : kh_too_long(p, "marker");
		if (j - i == 8 && memcmp(t + i, "@revoked", 8) == 0)
			p->marker = KH_MARK_REVOKED;
		else if (j - i == 15 && memcmp(t + i, "@cert-authority",
		    15) == 0)
			p->marker = KH_MARK_CA;
		else {
			t[j] = '\0';
			snprintf(p->why, sizeof p->why, "unknown marker "
			    "\"%.40s\"", t + i);
			return p->kind = KH_BAD;
		}
		i = kh_blanks(t, j, n);
		if (i < n && t[i] == '@')
			return kh_bad(p, "more than one marker");
	}
	j = kh_word(t, i, n);
	if (j == n && !complete)
		return kh_too_long(p, "host names");
	t[j] = '\0';
	m = t[i] == '|' ? kh_match_hashed(rd->want, t + i) :
	    kh_match_list(rd, t + i);
	if (m < 0)
		return kh_bad(p, "a malformed hashed host name");
	p->names_host = m == 1;
	i = j < n ? kh_blanks(t, j + 1, n) : n;
	if (i == n && !complete)
		return kh_too_long(p, "key");
	if (i == n || t[i] == '#')
		return kh_bad(p, "no key type after the host names");
	if (!p->names_host)
		return p->kind = KH_OTHER;	/* not decoded, as ssh */
	j = kh_word(t, i, n);
	if (j == n)
		return complete ? kh_bad(p, "no key after the key type") :
		    kh_too_long(p, "key");
	t[j] = '\0';
	type = t + i;
	i = kh_blanks(t, j + 1, n);
	if (i == n && !complete)
		return kh_too_long(p, "key");
	if (i == n)
		return kh_bad(p, "no key after the key type");
	j = kh_word(t, i, n);
	if (j == n && !complete)
		return kh_too_long(p, "key");
	t[j] = '\0';
	b64 = t + i;
	if ((kt = ssh_key_type_from_name(type)) == SSH_KEYTYPE_UNKNOWN) {
		snprintf(p->why, sizeof p->why, "unknown key type \"%.40s\"",
		    type);
		return p->kind = KH_BAD;
	}
	if (ssh_pki_import_pubkey_base64(b64, kt, &p->key) != SSH_OK ||
	    p->key == NULL) {
		p->key = NULL;
		snprintf(p->why, sizeof p->why, "its %.40s key does not decode",
		    type);
		return p->kind = KH_BAD;
	}
	if (ssh_key_type(p->key) != kt) {
		ssh_key_free(p->key);
		p->key = NULL;
		snprintf(p->why, sizeof p->why, "its key is not of type %.40s",
		    type);
		return p->kind = KH_BAD;
	}
	return p->kind = KH_ENTRY;
}

static void
kh_note(struct kh_reader *rd, const char *why)
{
	struct known_hosts_result *r = rd->r;

	if (r->skipped < KNOWN_HOSTS_NOTES)
		snprintf(r->notes[r->skipped], sizeof r->notes[0],
		    "%.100s:%lu: skipped: %s", rd->name, rd->lineno, why);
	r->skipped++;
}

static void
kh_end_line(struct kh_reader *rd)
{
	struct kh_parsed p;
	size_t n = rd->blen;
	bool complete = !rd->cut;

	rd->lineno++;
	if (rd->nul && rd->nulcol < rd->blen) {
		n = rd->nulcol;		/* where ssh's text of it ends */
		complete = true;
	} else if (complete && n > 0 && rd->buf[n - 1] == '\r')
		n--;
	rd->buf[n] = '\0';
	kh_parse(rd, rd->buf, n, complete, &p);
	if (rd->nul && p.kind == KH_COMMENT &&
	    rd->buf[kh_blanks(rd->buf, 0, n)] != '#')
		p.kind = KH_BAD;	/* blank up to the NUL: not a comment */
	if (rd->nul && p.kind != KH_COMMENT) {
		char why[64];

		snprintf(why, sizeof why, "a NUL byte at column %zu",
		    rd->nulcol + 1);
		ssh_key_free(p.key);
		p.key = NULL;
		p.kind = KH_BAD;
		snprintf(p.why, sizeof p.why, "%s", why);
	}
	switch (p.kind) {
	case KH_COMMENT:
	case KH_OTHER:
		break;
	case KH_BAD:
		kh_note(rd, p.why);
		if (p.names_host && (rd->broken_line == 0 ||
		    (p.marker == KH_MARK_REVOKED && !rd->broken_revoked))) {
			rd->broken_line = rd->lineno;
			rd->broken_revoked = p.marker == KH_MARK_REVOKED;
			snprintf(rd->broken_why, sizeof rd->broken_why, "%s",
			    p.why);
		}
		break;
	case KH_ENTRY: {
		bool same = rd->key != NULL &&
		    ssh_key_cmp(rd->key, p.key, SSH_KEY_CMP_PUBLIC) == 0;

		if (p.marker == KH_MARK_REVOKED) {
			if (same && rd->revoked_line == 0)
				rd->revoked_line = rd->lineno;
		} else if (p.marker == KH_MARK_NONE) {
			bool type = rd->key != NULL &&
			    ssh_key_type(rd->key) == ssh_key_type(p.key);

			if (same) {
				if (rd->match_line == 0)
					rd->match_line = rd->lineno;
			} else if (rd->changed_line == 0 ||
			    (type && !rd->changed_same_type)) {
				rd->changed_line = rd->lineno;
				rd->changed_same_type = type;
				known_hosts_fingerprint(p.key, rd->held,
				    sizeof rd->held);
			}
		}
		/* @cert-authority: not a host key. */
		ssh_key_free(p.key);
		break;
	}
	}
	rd->blen = rd->linelen = 0;
	rd->cut = rd->nul = false;
}

static void
kh_feed(struct kh_reader *rd, const char *d, size_t n)
{
	if (n > 0) {
		rd->any = true;
		rd->last = d[n - 1];
	}
	while (n > 0) {
		const char *nl = memchr(d, '\n', n);
		size_t take = nl != NULL ? (size_t)(nl - d) : n;
		size_t room = KNOWN_HOSTS_LINE_MAX - rd->blen;
		size_t keep = take < room ? take : room;
		const char *z;

		if (!rd->nul && (z = memchr(d, '\0', take)) != NULL) {
			rd->nul = true;
			rd->nulcol = rd->linelen + (size_t)(z - d);
		}
		memcpy(rd->buf + rd->blen, d, keep);
		rd->blen += keep;
		if (take > keep)
			rd->cut = true;
		rd->linelen += take;
		if (nl == NULL)
			break;
		kh_end_line(rd);
		d += take + 1;
		n -= take + 1;
	}
}

static int
kh_start(struct kh_reader *rd, const char *name, const char *host, int port,
    ssh_key key, struct known_hosts_result *r)
{
	memset(r, 0, sizeof *r);
	memset(rd, 0, sizeof *rd);
	rd->name = name;
	rd->key = key;
	rd->r = r;
	known_hosts_host_port(host != NULL ? host : "", port, rd->want,
	    sizeof rd->want);
	if (port == 22)
		snprintf(rd->alt, sizeof rd->alt, "[%.1090s]:22", rd->want);
	if ((rd->buf = malloc(KNOWN_HOSTS_LINE_MAX + 1)) == NULL) {
		r->status = KNOWN_HOSTS_ERROR;
		snprintf(r->why, sizeof r->why, "%.200s: out of memory", name);
		return -1;
	}
	return 0;
}

static void
kh_finish(struct kh_reader *rd)
{
	struct known_hosts_result *r = rd->r;

	if (rd->linelen > 0)
		kh_end_line(rd);
	r->ends_open = rd->any && rd->last != '\n';
	if (rd->revoked_line != 0) {
		r->status = KNOWN_HOSTS_REVOKED;
		r->line = rd->revoked_line;
	} else if (rd->broken_revoked) {
		r->status = KNOWN_HOSTS_CHANGED;
		r->line = rd->broken_line;
		snprintf(r->why, sizeof r->why, "%s", rd->broken_why);
	} else if (rd->match_line != 0) {
		r->status = KNOWN_HOSTS_MATCH;
		r->line = rd->match_line;
	} else if (rd->changed_line != 0) {
		r->status = KNOWN_HOSTS_CHANGED;
		r->line = rd->changed_line;
		snprintf(r->held, sizeof r->held, "%s", rd->held);
	} else if (rd->broken_line != 0) {
		r->status = KNOWN_HOSTS_CHANGED;
		r->line = rd->broken_line;
		snprintf(r->why, sizeof r->why, "%s", rd->broken_why);
	} else
		r->status = KNOWN_HOSTS_NONE;
	free(rd->buf);
	rd->buf = NULL;
}

void
known_hosts_check_buffer(const char *name, const void *data, size_t len,
    const char *host, int port, ssh_key key, struct known_hosts_result *r)
{
	struct kh_reader rd;

	if (kh_start(&rd, name, host, port, key, r) != 0)
		return;
	kh_feed(&rd, data, len);
	kh_finish(&rd);
}

static void
kh_error(struct known_hosts_result *r, const char *path, int err)
{
	memset(r, 0, sizeof *r);
	r->status = KNOWN_HOSTS_ERROR;
	snprintf(r->why, sizeof r->why, "%.200s: %s", path, strerror(err));
}

void
known_hosts_check_file(const char *path, const char *host, int port,
    ssh_key key, struct known_hosts_result *r)
{
	struct kh_reader rd;
	struct stat st;
	char chunk[16384];
	int fd, err;

	/* O_NONBLOCK: a FIFO in its place must not hang the open. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT) {
			memset(r, 0, sizeof *r);
			r->status = KNOWN_HOSTS_NONE;
		} else
			kh_error(r, path, err);
		return;
	}
	err = fstat(fd, &st) != 0 ? errno : 0;
	if (err != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		if (err != 0)
			kh_error(r, path, err);
		else if (S_ISDIR(st.st_mode))
			kh_error(r, path, EISDIR);
		else {
			memset(r, 0, sizeof *r);
			r->status = KNOWN_HOSTS_ERROR;
			snprintf(r->why, sizeof r->why, "%.200s: not a regular "
			    "file", path);
		}
		return;
	}
	if (kh_start(&rd, path, host, port, key, r) != 0) {
		close(fd);
		return;
	}
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			free(rd.buf);
			close(fd);
			kh_error(r, path, err);
			return;
		}
		if (n == 0)
			break;
		kh_feed(&rd, chunk, (size_t)n);
	}
	close(fd);
	kh_finish(&rd);
}

/* mkdir -p of path's directory, 0700 for what is made. */
static int
kh_make_dirs(const char *path, char *msg, size_t len)
{
	char dir[4096];
	char *p;

	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
		snprintf(msg, len, "%.200s: path too long", path);
		return -1;
	}
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		return 0;
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				snprintf(msg, len, "cannot create %.200s: %s",
				    dir, strerror(errno));
				return -1;
			}
			*p = c;
			if (c == '\0')
				break;
		}
	}
	return 0;
}

int
known_hosts_append(const char *path, const char *host, int port,
    ssh_key key, const struct known_hosts_result *r, char *msg, size_t len)
{
	char where[KH_HOST_MAX], *b64 = NULL, *line = NULL;
	size_t n, off = 0;
	int fd, rc = -1;

	known_hosts_host_port(host, port, where, sizeof where);
	if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK || b64 == NULL) {
		snprintf(msg, len, "cannot write the key of %.200s", where);
		return -1;
	}
	n = strlen(where) + strlen(b64) + 80;
	if ((line = malloc(n)) == NULL) {
		snprintf(msg, len, "out of memory");
		goto out;
	}
	n = (size_t)snprintf(line, n, "%s%s %s %s\n", r != NULL &&
	    r->ends_open ? "\n" : "", where,
	    ssh_key_type_to_char(ssh_key_type(key)), b64);
	if (kh_make_dirs(path, msg, len) != 0)
		goto out;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY,
	    0600);
	if (fd < 0) {
		snprintf(msg, len, "cannot open %.200s to add %.200s: %s", path,
		    where, strerror(errno));
		goto out;
	}
	while (off < n) {
		ssize_t w = write(fd, line + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			snprintf(msg, len, "cannot add %.200s to %.200s: %s",
			    where, path, w < 0 ? strerror(errno) : "nothing "
			    "written");
			close(fd);
			goto out;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		snprintf(msg, len, "cannot add %.200s to %.200s: %s", where,
		    path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	ssh_string_free_char(b64);
	free(line);
	return rc;
}

void
known_hosts_notes_text(const struct known_hosts_result *r, char *out,
    size_t len)
{
	unsigned long i, shown;
	size_t o = 0;

	if (len == 0)
		return;
	out[0] = '\0';
	shown = r->skipped < KNOWN_HOSTS_NOTES ? r->skipped : KNOWN_HOSTS_NOTES;
	for (i = 0; i < shown && o < len; i++) {
		int w = snprintf(out + o, len - o, "%s%s", i > 0 ? "; " : "",
		    r->notes[i]);

		if (w < 0)
			break;
		o += (size_t)w;
	}
	if (r->skipped > shown && o < len)
		snprintf(out + o, len - o, "; %lu more bad line%s skipped",
		    r->skipped - shown, r->skipped - shown == 1 ? "" : "s");
}
