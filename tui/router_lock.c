/*
 * router_lock.c - one console per router (see router_lock.h): a flock on a
 * file named for the router's key, its holder written into it.
 */
#include "tui/router_lock.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct router_lock {
	int fd;				/* holds the flock while open */
};

/* host lower-cased, without [] or a trailing dot; port 22 when <= 0. */
static int
router_lock_addr(const char *host, int port, char *buf, size_t len)
{
	char h[256];
	size_t n, i;

	if (host == NULL)
		return -1;
	if (host[0] == '[' && (n = strlen(host)) > 2 && host[n - 1] == ']')
		snprintf(h, sizeof h, "%.*s", (int)(n - 2), host + 1);
	else
		snprintf(h, sizeof h, "%s", host);
	n = strlen(h);
	while (n > 0 && h[n - 1] == '.')
		h[--n] = '\0';
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++)
		h[i] = (char)tolower((unsigned char)h[i]);
	snprintf(buf, len, "%s%s%s:%d", strchr(h, ':') ? "[" : "", h,
	    strchr(h, ':') ? "]" : "", port > 0 ? port : 22);
	return 0;
}

int
router_lock_key(const char *host0, int port0, const char *host1, int port1,
    char *buf, size_t len)
{
	char a[300], b[300];

	if (router_lock_addr(host0, port0, a, sizeof a) != 0 ||
	    router_lock_addr(host1, port1, b, sizeof b) != 0)
		return -1;
	snprintf(buf, len, "re0=%s re1=%s", a, b);
	return 0;
}

/* A directory, not a link, that is sticky or this user's alone. */
static int
router_lock_check_dir(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(dir, &st) != 0) {
		snprintf(err, errlen, "router lock directory %s: %s", dir,
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || (!(st.st_mode & S_ISVTX) &&
	    (st.st_uid != getuid() || (st.st_mode & 0022) != 0))) {
		snprintf(err, errlen, "%s is not a sticky directory nor one "
		    "only this user can write to: the router lock is not kept "
		    "there", dir);
		return -1;
	}
	return 0;
}

int
router_lock_dir(char *buf, size_t len, char *err, size_t errlen)
{
	const char *x = getenv("ISSU_CONSOLE_LOCK_DIR");
	struct stat st;

	if (x != NULL && x[0] != '\0') {
		if (x[0] != '/') {
			snprintf(err, errlen, "ISSU_CONSOLE_LOCK_DIR=%s is not "
			    "an absolute path", x);
			return -1;
		}
		snprintf(buf, len, "%s", x);
	} else if (lstat("/run/lock", &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(buf, len, "/run/lock");
	else
		snprintf(buf, len, "/tmp");
	return router_lock_check_dir(buf, err, errlen);
}

/* FNV-1a: a file name of [0-9a-f] whatever the key holds. */
static uint64_t
router_lock_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Anyone may write a lock file: what it says reaches a terminal only with
 * its control characters replaced. */
static void
router_lock_printable(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

/* What the file says; fields missing stay empty. */
static void
router_lock_read_holder(int fd, struct router_lock_holder *h)
{
	char buf[1024], *line, *save = NULL;
	ssize_t n;

	memset(h, 0, sizeof *h);
	n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		router_lock_printable(line);
		if (strncmp(line, "pid=", 4) == 0)
			h->pid = strtol(line + 4, NULL, 10);
		else if (strncmp(line, "user=", 5) == 0)
			snprintf(h->user, sizeof h->user, "%s", line + 5);
		else if (strncmp(line, "tty=", 4) == 0)
			snprintf(h->tty, sizeof h->tty, "%s", line + 4);
		else if (strncmp(line, "command=", 8) == 0)
			snprintf(h->command, sizeof h->command, "%s", line + 8);
		else if (strncmp(line, "since=", 6) == 0)
			h->since = strtoll(line + 6, NULL, 10);
	}
}

/* One line of text: a newline in a command line must not forge a field. */
static void
router_lock_one_line(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
}

/* This process' command line, words joined by spaces; "?" unknown. */
static void
router_lock_cmdline(char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/cmdline", "r");
	size_t n = 0, i;

	if (f != NULL) {
		n = fread(buf, 1, len - 1, f);
		fclose(f);
	}
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	if (n == 0) {
		snprintf(buf, len, "?");
		return;
	}
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
}

static void
router_lock_write_holder(int fd, const char *key, const char *command)
{
	const char *user = getenv("USER");
	struct passwd *pw = getpwuid(getuid());
	char tty[64] = "-", cmd[256], buf[1024];
	const char *t = ttyname(STDIN_FILENO);
	int n;

	if (pw != NULL)
		user = pw->pw_name;
	if (t != NULL)
		snprintf(tty, sizeof tty, "%s", strncmp(t, "/dev/", 5) == 0 ?
		    t + 5 : t);
	if (command != NULL)
		snprintf(cmd, sizeof cmd, "%s", command);
	else
		router_lock_cmdline(cmd, sizeof cmd);
	router_lock_one_line(cmd);
	router_lock_one_line(tty);
	n = snprintf(buf, sizeof buf, "pid=%ld\nuser=%s\ntty=%s\ncommand=%s\n"
	    "since=%lld\nkey=%s\n", (long)getpid(), user != NULL ? user : "?",
	    tty, cmd, (long long)time(NULL), key);
	if (n < 0)
		return;
	if (ftruncate(fd, 0) == 0 && pwrite(fd, buf, strlen(buf), 0) < 0)
		return;		/* the lock holds; only its label is lost */
}

/*
 * Opens the lock file for writing, made 0666 when it is new.  An existing
 * file is opened without O_CREAT: in a sticky directory the kernel may
 * refuse O_CREAT on another account's file (fs.protected_regular).
 */
static int
router_lock_open(const char *path, char *err, size_t errlen)
{
	int fd, tries;

	for (tries = 0; tries < 3; tries++) {
		fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT)
			break;
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0666);
		if (fd >= 0) {
			(void)fchmod(fd, 0666);	/* past the umask */
			break;
		}
		if (errno != EEXIST)
			break;
	}
	if (fd < 0)
		snprintf(err, errlen, "cannot open the router lock %s: %s%s",
		    path, strerror(errno), errno == EACCES ? " (made by "
		    "another account without write access for others: remove "
		    "it)" : "");
	return fd;
}

int
router_lock_acquire(const char *dir, const char *key, const char *command,
    struct router_lock **out, struct router_lock_holder *holder, char *err,
    size_t errlen)
{
	char path[1200];
	struct router_lock *l;
	struct stat st;
	int fd;

	*out = NULL;
	memset(holder, 0, sizeof *holder);
	snprintf(path, sizeof path, "%s/issu-console-router-%016llx.lock", dir,
	    (unsigned long long)router_lock_hash(key));
	if ((fd = router_lock_open(path, err, errlen)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
		snprintf(err, errlen, "the router lock %s is not a plain file "
		    "with one link: remove it", path);
		close(fd);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		if (e == EWOULDBLOCK) {
			int tries;

			/* The holder writes its name right after it locks:
			 * a console that started with it waits that long. */
			for (tries = 0; tries < 50; tries++) {
				router_lock_read_holder(fd, holder);
				if (holder->pid > 0)
					break;
				usleep(20000);
			}
			close(fd);
			return 1;
		}
		snprintf(err, errlen, "cannot lock %s: %s", path, strerror(e));
		close(fd);
		return -1;
	}
	if ((l = calloc(1, sizeof *l)) == NULL) {
		snprintf(err, errlen, "out of memory");
		close(fd);
		return -1;
	}
	router_lock_write_holder(fd, key, command);
	l->fd = fd;
	*out = l;
	return 0;
}

void
router_lock_release(struct router_lock *l)
{
	if (l == NULL)
		return;
	/* The file stays (removing it would race a console opening it); an
	 * unlocked file is free, whatever it still says. */
	if (ftruncate(l->fd, 0) != 0) {
		/* nothing to do: the flock goes with the close below */
	}
	close(l->fd);
	free(l);
}

void
router_lock_holder_text(const struct router_lock_holder *h, char *buf,
    size_t len)
{
	char since[32] = "?";

	if (h->pid <= 0) {
		snprintf(buf, len, "a console that is just starting (its name "
		    "is not written yet)");
		return;
	}
	if (h->since > 0) {
		time_t t = (time_t)h->since;
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(since, sizeof since, "%Y-%m-%d %H:%M:%S", &tm);
	}
	snprintf(buf, len, "pid %ld, %s on %s, `%s`, since %s", h->pid,
	    h->user[0] ? h->user : "?", h->tty[0] ? h->tty : "-",
	    h->command[0] ? h->command : "?", since);
}
