/*
 * known_hosts.h - an OpenSSH known_hosts file read the way ssh(1) reads it,
 * for one host and the key its server offered.
 *
 * Why our own reader: libssh 0.10's stops at the first line it cannot take
 * (one with a NUL byte or longer than 8 KiB), takes an unreadable file for
 * an empty one and ignores @revoked, so a changed key could pass for "no
 * key yet" (docs/hacking.md).  Here every line stands on its own: a bad
 * line is skipped and said (FILE:N: skipped: why), never the end of
 * reading, and a file that exists but cannot be read is an error.
 *
 * How a line is read (OpenSSH's hostfile.c and match.c, in our words):
 *   - lines end at "\n"; a "\r" before it is dropped (CRLF files);
 *     leading blanks are skipped; empty lines and "#..." are comments;
 *   - an optional marker "@revoked" or "@cert-authority"; any other "@..."
 *     is a bad line;
 *   - the host field, up to a space or tab: "|1|salt|hash" (HMAC-SHA1 of
 *     the host, as ssh-keygen -H writes it), or a comma list of patterns
 *     with "*" and "?" wildcards and "!" negation (a negated match vetoes
 *     the line), matched case-insensitively against "host" (port 22) or
 *     "[host]:port"; on port 22 a "[...]"-pattern is also tried against
 *     "[host]:22", as libssh does;
 *   - the key type and the base64 key; the rest is a comment.
 * Bad lines: a NUL byte anywhere (outside a comment); no key after the host
 * field; an unknown marker; a malformed hash; and, for lines naming this
 * host, an unknown key type or a key that does not decode.  Lines for other
 * hosts are not decoded (as ssh).  Memory is bounded: a line keeps its
 * first KNOWN_HOSTS_LINE_MAX bytes; a longer line is still read when its
 * key ends within them (the rest is comment, as ssh reads it), else it is
 * a bad line.
 *
 * A bad line whose host field names this host (its key cannot be read) is
 * never "no line for this host": with no matching key it makes the result
 * CHANGED, so accept-new cannot add a key behind it.
 *
 * @cert-authority lines are not host keys (libssh checks no host
 * certificates); @revoked lines that name the host and hold the offered
 * key make the result REVOKED, whatever else the file says.
 *
 * Ownership: results are plain values in caller-owned structs; the server
 * key is borrowed.
 */
#ifndef SESSIONS_KNOWN_HOSTS_H
#define SESSIONS_KNOWN_HOSTS_H

#include <libssh/libssh.h>
#include <stdbool.h>
#include <stddef.h>

enum {
	KNOWN_HOSTS_LINE_MAX = 65536,	/* bytes of a line kept */
	KNOWN_HOSTS_NOTES = 4,		/* skipped lines described */
	KNOWN_HOSTS_NOTE_LEN = 300,
};

enum known_hosts_status {
	KNOWN_HOSTS_NONE,	/* no line for the host, or no file */
	KNOWN_HOSTS_MATCH,	/* a line for the host holds the key */
	KNOWN_HOSTS_CHANGED,	/* lines for the host, none with the key */
	KNOWN_HOSTS_REVOKED,	/* a @revoked line for the host holds it */
	KNOWN_HOSTS_ERROR,	/* the file exists but cannot be read */
};

struct known_hosts_result {
	enum known_hosts_status status;
	unsigned long line;		/* MATCH, REVOKED: that line; CHANGED:
					   the line shown (a key of the
					   offered key's type preferred) */
	char held[160];			/* CHANGED: "ssh-ed25519 SHA256:..."
					   of the key on `line`; "" when that
					   line's key cannot be read */
	char why[300];			/* CHANGED with held "": why `line`
					   cannot be read; ERROR: "PATH:
					   strerror" */
	unsigned long skipped;		/* bad lines, all of them */
	char notes[KNOWN_HOSTS_NOTES][KNOWN_HOSTS_NOTE_LEN];
					/* the first skipped lines:
					   "NAME:N: skipped: why" */
	bool ends_open;			/* the content ends without "\n": a
					   line appended must start with one */
};

/* "host" (port 22 or 0) or "[host]:port", lower-cased, as ssh writes it. */
void known_hosts_host_port(const char *host, int port, char *out,
    size_t len);

/* "ssh-ed25519 SHA256:..." of a key, as ssh prints it ("(unknown)" when
 * it cannot be computed). */
void known_hosts_fingerprint(ssh_key key, char *out, size_t len);

/*
 * Reads `len` bytes of known_hosts content (NUL bytes allowed; `name` is
 * used in notes) for host:port and the offered key.  Never ERROR.
 */
void known_hosts_check_buffer(const char *name, const void *data, size_t len,
    const char *host, int port, ssh_key key, struct known_hosts_result *r);

/*
 * The same for a file.  A file that does not exist is NONE; one that
 * exists but cannot be opened or read (permission, a directory, not a
 * regular file, an I/O error) is ERROR, with why = "PATH: strerror".
 */
void known_hosts_check_file(const char *path, const char *host, int port,
    ssh_key key, struct known_hosts_result *r);

/*
 * Appends "host_port type base64\n" for key (after a "\n" when r says the
 * file ends open), creating missing directories (0700) and the file (0600).
 * Returns 0, or -1 with msg filled.
 */
int known_hosts_append(const char *path, const char *host, int port,
    ssh_key key, const struct known_hosts_result *r, char *msg, size_t len);

/* One line of skipped-line notes for people, e.g. "FILE:3: skipped: a NUL
 * byte at column 7; 2 more bad lines skipped", "" when none. */
void known_hosts_notes_text(const struct known_hosts_result *r, char *out,
    size_t len);

#endif
