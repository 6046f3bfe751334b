/*
 * router_lock.h - one console per router: a lock on the machine, keyed by
 * the router's two RE addresses, held while a console (the curses console,
 * run, practice) works on it.
 *
 * Two consoles on one router both acting is how a chassis got two ISSU
 * commands and two reboots 120 ms apart (issue 12).  The lock is a file
 * lock (flock) on a file named for the key, held by an open descriptor: it
 * is released when the holder closes it or dies in any way (crash, kill
 * -9), so a stale file never blocks anyone.  The file holds who has it
 * (pid, user, tty, command, since) for the console that is refused.
 *
 * The key is both addresses normalised ("host:port", host lower-cased
 * without brackets or a trailing dot, port 22 when not given), in order of
 * slot, so the same router reached under another configuration name or
 * with --re0/--re1 is the same lock.  Names are not resolved: a router
 * given once by name and once by address is two keys.
 *
 * Where: one directory for the whole machine, so that two engineers on one
 * jump host, under two accounts, see each other: $ISSU_CONSOLE_LOCK_DIR
 * when set, else /run/lock, else /tmp.  It must be a directory, not a
 * link, that is either sticky (anyone may add a file, nobody may remove
 * another's: /run/lock and /tmp are) or this user's alone.  A lock file is
 * mode 0666 so that whoever takes it next, under any account, writes its
 * name there; it is opened without following links and refused when it is
 * not a plain file with one link.  What a file says is shown with control
 * characters replaced, since anyone may write it.
 */
#ifndef TUI_ROUTER_LOCK_H
#define TUI_ROUTER_LOCK_H

#include <stdbool.h>
#include <stddef.h>

struct router_lock;

/* Who holds a lock, as its file says. */
struct router_lock_holder {
	long pid;			/* 0: not written yet */
	char user[64];
	char tty[64];			/* "pts/3", "-" without a terminal */
	char command[256];		/* "issu-console run mx480-lab" */
	long long since;		/* wall clock, seconds; 0 unknown */
};

/* The key of a router: "re0=host:port re1=host:port" in buf.  A NULL or
 * empty host is an error (-1). */
int router_lock_key(const char *host0, int port0, const char *host1,
    int port1, char *buf, size_t len);

/* The directory locks live in (see above), created when missing: 0 and
 * buf, or -1 with err. */
int router_lock_dir(char *buf, size_t len, char *err, size_t errlen);

/*
 * Takes the lock of `key` in `dir` for `command` (NULL: this process'
 * command line, as ps shows it):
 *  0: taken, *out holds it (release with router_lock_release);
 *  1: another console holds it, *holder says who (*out NULL);
 * -1: the lock could not be tried (err says why; *out NULL).
 */
int router_lock_acquire(const char *dir, const char *key,
    const char *command, struct router_lock **out,
    struct router_lock_holder *holder, char *err, size_t errlen);

/* Releases and frees; accepts NULL. */
void router_lock_release(struct router_lock *l);

/* "pid 4242, alice on pts/3, `issu-console run lab`, since 01:02:03" */
void router_lock_holder_text(const struct router_lock_holder *h, char *buf,
    size_t len);

#endif
