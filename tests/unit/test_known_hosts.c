/*
 * test_known_hosts.c - known_hosts read as ssh reads it: plain, bracketed
 * port, comma lists, wildcards and negation, hashed names, @revoked and
 * @cert-authority, comments and CRLF; bad lines (a NUL byte, 100,000
 * characters, an unknown key type) skipped and said, never the end of
 * reading, and never "no line for this host" when they name it; a file that
 * cannot be read is an error, a missing one is "none"; the line accept-new
 * appends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sessions/known_hosts.h"

struct keys {
	ssh_key server;		/* the key the router offers */
	ssh_key other;		/* another ed25519 key */
	ssh_key ecdsa;		/* a key of another type */
	char server_line[200];	/* "ssh-ed25519 AAAA..." */
	char other_line[200];
	char ecdsa_line[300];
	char dir[64];
};

static struct keys K;

static void
key_text(ssh_key k, char *out, size_t len)
{
	char *b64 = NULL;

	assert_int_equal(ssh_pki_export_pubkey_base64(k, &b64), SSH_OK);
	snprintf(out, len, "%s %s", ssh_key_type_to_char(ssh_key_type(k)), b64);
	ssh_string_free_char(b64);
}

static int
setup(void **state)
{
	(void)state;
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &K.server) != SSH_OK ||
	    ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &K.other) != SSH_OK ||
	    ssh_pki_generate(SSH_KEYTYPE_ECDSA_P256, 256, &K.ecdsa) != SSH_OK)
		return -1;
	key_text(K.server, K.server_line, sizeof K.server_line);
	key_text(K.other, K.other_line, sizeof K.other_line);
	key_text(K.ecdsa, K.ecdsa_line, sizeof K.ecdsa_line);
	snprintf(K.dir, sizeof K.dir, "/tmp/test_known_hosts.XXXXXX");
	return mkdtemp(K.dir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[256];

	(void)state;
	ssh_key_free(K.server);
	ssh_key_free(K.other);
	ssh_key_free(K.ecdsa);
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", K.dir, K.dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The content as a string, checked for host:port and the server key. */
static struct known_hosts_result
check(const char *content, const char *host, int port)
{
	struct known_hosts_result r;

	known_hosts_check_buffer("kh", content, strlen(content), host, port,
	    K.server, &r);
	return r;
}

static char *
fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt(const char *f, ...)
{
	static char buf[8][4096];
	static int n;
	char *b = buf[n++ % 8];
	va_list ap;

	va_start(ap, f);
	vsnprintf(b, sizeof buf[0], f, ap);
	va_end(ap);
	return b;
}

static void
test_plain_host_port_22_matches(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check(fmt("re0.lab %s\n", K.server_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	assert_int_equal(r.line, 1);
	assert_int_equal(r.skipped, 0);
}

static void
test_bracketed_port(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check(fmt("[127.0.0.1]:2201 %s\n", K.server_line), "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	/* A port-22 line is not a line for port 2201, nor 2202's for 2201. */
	r = check(fmt("127.0.0.1 %s\n[127.0.0.1]:2202 %s\n", K.other_line,
	    K.other_line), "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	/* libssh's corner: "[host]:22" counts for port 22. */
	r = check(fmt("[re0.lab]:22 %s\n", K.other_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
}

static void
test_comma_list(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check(fmt("re1.lab,[127.0.0.1]:2201,10.0.0.1 %s\n", K.server_line),
	    "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	r = check(fmt("re1.lab,10.0.0.1 %s\n", K.other_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
}

static void
test_wildcards_and_negation(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check(fmt("[127.0.0.*]:2201 %s\n", K.server_line), "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	r = check(fmt("re?.lab %s\n", K.other_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	/* A negated pattern vetoes the line. */
	r = check(fmt("*.lab,!re0.lab %s\n", K.other_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	r = check(fmt("*.lab,!re1.lab %s\n", K.other_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	/* A pattern of 1024 characters or more in the list: ssh ignores the
	 * whole list; here the host is still found. */
	{
		char *pat = malloc(1200);

		assert_non_null(pat);
		memset(pat, 'x', 1100);
		pat[1100] = '\0';
		r = check(fmt("%s,re0.lab %s\n", pat, K.other_line), "re0.lab",
		    22);
		assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
		free(pat);
	}
	/* Names are compared without regard to case. */
	r = check(fmt("RE0.Lab %s\n", K.server_line), "re0.LAB", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
}

/* "|1|salt|hash" as ssh-keygen -H writes it. */
static void
hashed(const char *name, char *out, size_t len)
{
	unsigned char salt[20], mac[EVP_MAX_MD_SIZE];
	unsigned char s64[64], m64[64];
	unsigned int ml = 0;
	size_t i;

	for (i = 0; i < sizeof salt; i++)
		salt[i] = (unsigned char)(i * 37 + 11);
	HMAC(EVP_sha1(), salt, sizeof salt, (const unsigned char *)name,
	    strlen(name), mac, &ml);
	EVP_EncodeBlock(s64, salt, sizeof salt);
	EVP_EncodeBlock(m64, mac, (int)ml);
	snprintf(out, len, "|1|%s|%s", s64, m64);
}

static void
test_hashed_names(void **state)
{
	struct known_hosts_result r;
	char h[256], other[256];

	(void)state;
	hashed("[127.0.0.1]:2201", h, sizeof h);
	hashed("[127.0.0.1]:2202", other, sizeof other);
	r = check(fmt("%s %s\n", h, K.server_line), "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	r = check(fmt("%s %s\n%s %s\n", other, K.server_line, h, K.other_line),
	    "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.line, 2);
	r = check(fmt("%s %s\n", other, K.other_line), "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	/* A line written by ssh-keygen -H (OpenSSH 9.2). */
	{
		static const char line[] = "|1|7XJl4od5jLlFiFjKSVB68V/ENvA=|"
		    "bFVjjCgtmcFNfmCGDDX0QhnndNY= ssh-ed25519 AAAAC3NzaC1lZDI1"
		    "NTE5AAAAIAh2uGA6oMEgNsfcnn+BcJ+m7lYP11G15iL6ZfYxX09H\n";
		ssh_key k = NULL;

		assert_int_equal(ssh_pki_import_pubkey_base64("AAAAC3NzaC1lZDI1"
		    "NTE5AAAAIAh2uGA6oMEgNsfcnn+BcJ+m7lYP11G15iL6ZfYxX09H",
		    SSH_KEYTYPE_ED25519, &k), SSH_OK);
		known_hosts_check_buffer("kh", line, strlen(line), "127.0.0.1",
		    2201, k, &r);
		assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
		known_hosts_check_buffer("kh", line, strlen(line), "127.0.0.1",
		    2202, k, &r);
		assert_int_equal(r.status, KNOWN_HOSTS_NONE);
		ssh_key_free(k);
	}
	/* A malformed hash is a bad line, said. */
	r = check(fmt("|1|abc|def %s\n", K.other_line), "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	assert_int_equal(r.skipped, 1);
	assert_string_equal(r.notes[0], "kh:1: skipped: a malformed hashed "
	    "host name");
}

static void
test_changed_names_the_held_key_and_line(void **state)
{
	struct known_hosts_result r;
	char fp[160];

	(void)state;
	r = check(fmt("# lab\nre1.lab %s\nre0.lab %s\nre0.lab %s\n", K.server_line,
	    K.ecdsa_line, K.other_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	/* The key of the offered key's type is the one shown. */
	assert_int_equal(r.line, 4);
	known_hosts_fingerprint(K.other, fp, sizeof fp);
	assert_string_equal(r.held, fp);
	assert_non_null(strstr(r.held, "ssh-ed25519 SHA256:"));
	/* Another type only: still changed, that key shown. */
	r = check(fmt("re0.lab %s\n", K.ecdsa_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_non_null(strstr(r.held, "ecdsa-sha2-nistp256 SHA256:"));
	/* A matching line anywhere wins. */
	r = check(fmt("re0.lab %s\nre0.lab %s\n", K.other_line, K.server_line),
	    "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	assert_int_equal(r.line, 2);
}

static void
test_markers(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check(fmt("re0.lab %s\n@revoked * %s\n", K.server_line,
	    K.server_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_REVOKED);
	assert_int_equal(r.line, 2);
	/* Another key revoked: no matter. */
	r = check(fmt("@revoked re0.lab %s\nre0.lab %s\n", K.other_line,
	    K.server_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	/* A revocation for another host: no matter either. */
	r = check(fmt("@revoked re1.lab %s\nre0.lab %s\n", K.server_line,
	    K.server_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	/* A CA is not a host key. */
	r = check(fmt("@cert-authority *.lab %s\n", K.other_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	assert_int_equal(r.skipped, 0);
	r = check(fmt("@cert-authority\t*.lab %s\n", K.server_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	/* Unknown and doubled markers are bad lines. */
	r = check(fmt("@trusted re0.lab %s\n@revoked @revoked re0.lab %s\n"
	    "re0.lab %s\n", K.other_line, K.other_line, K.other_line),
	    "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.line, 3);
	assert_int_equal(r.skipped, 2);
	assert_string_equal(r.notes[0], "kh:1: skipped: unknown marker "
	    "\"@trusted\"");
	assert_string_equal(r.notes[1], "kh:2: skipped: more than one marker");
}

static void
test_comments_blanks_tabs(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check(fmt("\n# re0.lab %s\n   \n\t# x\n  re0.lab\t \t%s  comment "
	    "here\n", K.other_line, K.server_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	assert_int_equal(r.line, 5);
	assert_int_equal(r.skipped, 0);
	/* A line with only host names, a key type without a key. */
	r = check("re1.lab\nre0.lab ssh-ed25519\n", "re0.lab", 22);
	assert_int_equal(r.skipped, 2);
	assert_string_equal(r.notes[0], "kh:1: skipped: no key type after the "
	    "host names");
	assert_string_equal(r.notes[1], "kh:2: skipped: no key after the key "
	    "type");
}

static void
test_crlf(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check(fmt("# crlf\r\n[127.0.0.1]:2201 %s\r\n", K.server_line),
	    "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	assert_int_equal(r.line, 2);
	r = check(fmt("[127.0.0.1]:2201 %s\r\n", K.other_line), "127.0.0.1",
	    2201);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
}

/* libssh stopped reading here: the entry after it was never seen. */
static void
test_nul_line_before_the_entry(void **state)
{
	struct known_hosts_result r;
	char buf[1024];
	size_t n;

	(void)state;
	n = (size_t)snprintf(buf, sizeof buf, "10.0.0.9 ab%ccd\n"
	    "[127.0.0.1]:2201 %s\n", 'X', K.other_line);
	buf[11] = '\0';
	known_hosts_check_buffer("kh", buf, n, "127.0.0.1", 2201, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.line, 2);
	assert_int_equal(r.skipped, 1);
	assert_string_equal(r.notes[0], "kh:1: skipped: a NUL byte at column 12");
	/* At the very start of the line too. */
	n = (size_t)snprintf(buf, sizeof buf, "X\n[127.0.0.1]:2201 %s\n",
	    K.other_line);
	buf[0] = '\0';
	known_hosts_check_buffer("kh", buf, n, "127.0.0.1", 2201, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.skipped, 1);
	/* A NUL in the line of the matching key: that line is not taken, and
	 * it names the host, so it is not "no line". */
	n = (size_t)snprintf(buf, sizeof buf, "[127.0.0.1]:2201 %s X\n",
	    K.server_line);
	buf[n - 2] = '\0';
	known_hosts_check_buffer("kh", buf, n, "127.0.0.1", 2201, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_string_equal(r.held, "");
	assert_non_null(strstr(r.why, "NUL byte"));
}

static char *
long_line(size_t n, char c)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void
test_100000_char_line_before_the_entry(void **state)
{
	struct known_hosts_result r;
	char *junk = long_line(100000, 'a');
	char *content;
	size_t n = 100000 + 400;

	(void)state;
	content = malloc(n);
	assert_non_null(content);
	snprintf(content, n, "%s\n[127.0.0.1]:2201 %s\n", junk, K.other_line);
	r = check(content, "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.line, 2);
	assert_int_equal(r.skipped, 1);
	assert_string_equal(r.notes[0], "kh:1: skipped: longer than 65536 bytes "
	    "before the end of its host names");
	/* A long comment line is only a comment. */
	junk[0] = '#';
	snprintf(content, n, "%s\n[127.0.0.1]:2201 %s\n", junk, K.server_line);
	r = check(content, "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	assert_int_equal(r.skipped, 0);
	free(junk);
	free(content);
}

/* ssh reads any length: a key followed by a 10 MB comment is a key. */
static void
test_ten_megabyte_comment_after_the_key(void **state)
{
	struct known_hosts_result r;
	size_t big = 10 * 1024 * 1024;
	char *content = malloc(big + 400);
	int n;

	(void)state;
	assert_non_null(content);
	n = snprintf(content, 400, "[127.0.0.1]:2201 %s ", K.server_line);
	memset(content + n, 'c', big);
	content[n + big] = '\0';
	r = check(content, "127.0.0.1", 2201);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	assert_true(r.ends_open);
	/* Host names past the first 64 KiB: a bad line, said. */
	memset(content, 'h', big);
	memcpy(content + big, " x y\n", 5);
	snprintf(content + big + 5, 395, "re0.lab %s\n", K.other_line);
	r = check(content, "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.line, 2);
	assert_int_equal(r.skipped, 1);
	free(content);
}

static void
test_bad_line_naming_the_host_is_not_none(void **state)
{
	struct known_hosts_result r;

	(void)state;
	r = check("re0.lab ssh-foo AAAA\n", "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.line, 1);
	assert_string_equal(r.held, "");
	assert_string_equal(r.why, "unknown key type \"ssh-foo\"");
	r = check("re0.lab ssh-ed25519 AAAA!!notbase64\n", "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_string_equal(r.why, "its ssh-ed25519 key does not decode");
	/* The same for another host: not decoded (as ssh), not counted. */
	r = check("re1.lab ssh-foo AAAA\n", "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	assert_int_equal(r.skipped, 0);
	/* The key under another type's name. */
	r = check(fmt("re0.lab ecdsa-sha2-nistp256 %s\nre0.lab %s\n",
	    strchr(K.server_line, ' ') + 1, K.server_line), "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
	assert_int_equal(r.skipped, 1);
}

static void
test_many_bad_lines_counted(void **state)
{
	struct known_hosts_result r;
	char text[256];

	(void)state;
	r = check("a\nb\nc\nd\ne\nf\n", "re0.lab", 22);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	assert_int_equal(r.skipped, 6);
	known_hosts_notes_text(&r, text, sizeof text);
	assert_non_null(strstr(text, "kh:1: skipped: no key type"));
	assert_non_null(strstr(text, "; 2 more bad lines skipped"));
	r = check("", "re0.lab", 22);
	known_hosts_notes_text(&r, text, sizeof text);
	assert_string_equal(text, "");
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
}

static const char *
path(const char *name)
{
	return fmt("%s/%s", K.dir, name);
}

static void
write_file(const char *p, const char *content, mode_t mode)
{
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(content, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(p, mode), 0);
}

static void
test_file_missing_is_none(void **state)
{
	struct known_hosts_result r;

	(void)state;
	known_hosts_check_file(path("nothing/known_hosts"), "re0.lab", 22,
	    K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	known_hosts_check_file(path("absent"), "re0.lab", 22, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
}

static void
test_file_read_with_bad_lines(void **state)
{
	struct known_hosts_result r;
	const char *p = path("kh_file");
	char expect[600];

	(void)state;
	write_file(p, fmt("garbage\nre0.lab %s\n", K.other_line), 0600);
	known_hosts_check_file(p, "re0.lab", 22, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_CHANGED);
	assert_int_equal(r.line, 2);
	snprintf(expect, sizeof expect, "%s:1: skipped: no key type after the "
	    "host names", p);
	assert_string_equal(r.notes[0], expect);
}

static void
test_directory_is_an_error(void **state)
{
	struct known_hosts_result r;

	(void)state;
	known_hosts_check_file(K.dir, "re0.lab", 22, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_ERROR);
	assert_string_equal(r.why, fmt("%s: Is a directory", K.dir));
}

static void
test_fifo_is_an_error(void **state)
{
	struct known_hosts_result r;
	const char *p = path("fifo");

	(void)state;
	assert_int_equal(mkfifo(p, 0600), 0);
	known_hosts_check_file(p, "re0.lab", 22, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_ERROR);
	assert_string_equal(r.why, fmt("%s: not a regular file", p));
}

/* Unreadable: as root, in a child that is nobody. */
static void
test_unreadable_is_an_error(void **state)
{
	struct known_hosts_result r;
	const char *p = path("unreadable");
	pid_t pid;
	int status;

	(void)state;
	write_file(p, fmt("re0.lab %s\n", K.other_line), 0000);
	assert_int_equal(chmod(K.dir, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(10);
		known_hosts_check_file(p, "re0.lab", 22, K.server, &r);
		if (r.status != KNOWN_HOSTS_ERROR)
			_exit(11);
		if (strcmp(r.why, fmt("%s: Permission denied", p)) != 0)
			_exit(12);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* A path through a file: not a missing file, an error. */
	known_hosts_check_file(fmt("%s/x", p), "re0.lab", 22, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_ERROR);
	assert_non_null(strstr(r.why, "Not a directory"));
}

static void
test_append_new_file_and_open_end(void **state)
{
	struct known_hosts_result r;
	const char *p = path("new/dir/known_hosts");
	char msg[256], text[512];
	struct stat st;
	FILE *f;
	size_t n;

	(void)state;
	known_hosts_check_file(p, "127.0.0.1", 2201, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	assert_int_equal(known_hosts_append(p, "127.0.0.1", 2201, K.server, &r,
	    msg, sizeof msg), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(path("new/dir"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	known_hosts_check_file(p, "127.0.0.1", 2201, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);

	/* A file whose last line has no "\n": the new line starts its own. */
	p = path("open_end");
	write_file(p, fmt("re1.lab %s", K.other_line), 0644);
	known_hosts_check_file(p, "re0.lab", 22, K.server, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_NONE);
	assert_true(r.ends_open);
	assert_int_equal(known_hosts_append(p, "RE0.lab", 22, K.server, &r, msg,
	    sizeof msg), 0);
	f = fopen(p, "r");
	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_string_equal(text, fmt("re1.lab %s\nre0.lab %s\n", K.other_line,
	    K.server_line));
	known_hosts_check_file(p, "re1.lab", 22, K.other, &r);
	assert_int_equal(r.status, KNOWN_HOSTS_MATCH);
}

static void
test_host_port_text(void **state)
{
	char out[64];

	(void)state;
	known_hosts_host_port("RE0.Lab", 22, out, sizeof out);
	assert_string_equal(out, "re0.lab");
	known_hosts_host_port("127.0.0.1", 2201, out, sizeof out);
	assert_string_equal(out, "[127.0.0.1]:2201");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_host_port_22_matches),
		cmocka_unit_test(test_bracketed_port),
		cmocka_unit_test(test_comma_list),
		cmocka_unit_test(test_wildcards_and_negation),
		cmocka_unit_test(test_hashed_names),
		cmocka_unit_test(test_changed_names_the_held_key_and_line),
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_comments_blanks_tabs),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_nul_line_before_the_entry),
		cmocka_unit_test(test_100000_char_line_before_the_entry),
		cmocka_unit_test(test_ten_megabyte_comment_after_the_key),
		cmocka_unit_test(test_bad_line_naming_the_host_is_not_none),
		cmocka_unit_test(test_many_bad_lines_counted),
		cmocka_unit_test(test_file_missing_is_none),
		cmocka_unit_test(test_file_read_with_bad_lines),
		cmocka_unit_test(test_directory_is_an_error),
		cmocka_unit_test(test_fifo_is_an_error),
		cmocka_unit_test(test_unreadable_is_an_error),
		cmocka_unit_test(test_append_new_file_and_open_end),
		cmocka_unit_test(test_host_port_text),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
