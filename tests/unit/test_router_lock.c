/*
 * test_router_lock.c - one console per router (tui/router_lock.h): the key
 * of a router whatever it was called, a second acquire refused with the
 * holder's name, the lock free again on release and after its holder died.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui/router_lock.h"

struct fx {
	char dir[256];
	char key[600];
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/test_router_lock.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	if (router_lock_key("192.0.2.10", 22, "192.0.2.11", 22, f->key,
	    sizeof f->key) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char cmd[400];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static void
test_key_same_router_under_other_spellings(void **state)
{
	char a[600], b[600], c[600];

	(void)state;
	assert_int_equal(router_lock_key("MX480-re0.lab.", 0, "mx480-re1.lab",
	    22, a, sizeof a), 0);
	assert_int_equal(router_lock_key("mx480-re0.lab", 22, "MX480-RE1.LAB.",
	    0, b, sizeof b), 0);
	assert_string_equal(a, b);
	assert_string_equal(a, "re0=mx480-re0.lab:22 re1=mx480-re1.lab:22");
	assert_int_equal(router_lock_key("[2001:DB8::1]", 2201, "2001:db8::2",
	    2202, c, sizeof c), 0);
	assert_string_equal(c, "re0=[2001:db8::1]:2201 re1=[2001:db8::2]:2202");
	/* Another port is another RE. */
	assert_int_equal(router_lock_key("127.0.0.1", 2201, "127.0.0.1", 2202,
	    a, sizeof a), 0);
	assert_int_equal(router_lock_key("127.0.0.1", 2203, "127.0.0.1", 2204,
	    b, sizeof b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(router_lock_key("", 22, "x", 22, a, sizeof a), -1);
	assert_int_equal(router_lock_key(NULL, 22, "x", 22, a, sizeof a), -1);
}

static void
test_second_acquire_refused_with_holder(void **state)
{
	struct fx *f = *state;
	struct router_lock *l1 = NULL, *l2 = NULL;
	struct router_lock_holder h;
	char err[300], text[600], path[400];
	struct stat st;

	assert_int_equal(router_lock_acquire(f->dir, f->key,
	    "issu-console run lab", &l1, &h, err, sizeof err), 0);
	assert_non_null(l1);
	assert_int_equal(router_lock_acquire(f->dir, f->key,
	    "issu-console run lab2", &l2, &h, err, sizeof err), 1);
	assert_null(l2);
	assert_int_equal(h.pid, (long)getpid());
	assert_string_equal(h.command, "issu-console run lab");
	assert_true(h.since > 0);
	assert_true(h.user[0] != '\0');
	router_lock_holder_text(&h, text, sizeof text);
	assert_non_null(strstr(text, "`issu-console run lab`"));
	{
		char pid[32];

		snprintf(pid, sizeof pid, "pid %ld", (long)getpid());
		assert_non_null(strstr(text, pid));
	}
	/* Whoever takes it next, under any account, can write its name. */
	{
		FILE *p;
		char cmd[600];

		snprintf(cmd, sizeof cmd, "ls %s/issu-console-router-*.lock", f->dir);
		p = popen(cmd, "r");
		assert_non_null(p);
		assert_non_null(fgets(path, sizeof path, p));
		pclose(p);
		path[strcspn(path, "\n")] = '\0';
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0666);
	}
	/* Another router is another lock. */
	{
		char key2[600];

		assert_int_equal(router_lock_key("192.0.2.20", 22, "192.0.2.21",
		    22, key2, sizeof key2), 0);
		assert_int_equal(router_lock_acquire(f->dir, key2, "x", &l2, &h,
		    err, sizeof err), 0);
		router_lock_release(l2);
	}
	router_lock_release(l1);
}

static void
test_released_on_close(void **state)
{
	struct fx *f = *state;
	struct router_lock *l = NULL;
	struct router_lock_holder h;
	char err[300];

	assert_int_equal(router_lock_acquire(f->dir, f->key, "first", &l, &h,
	    err, sizeof err), 0);
	router_lock_release(l);
	l = NULL;
	assert_int_equal(router_lock_acquire(f->dir, f->key, "second", &l, &h,
	    err, sizeof err), 0);
	assert_non_null(l);
	router_lock_release(l);
	router_lock_release(NULL);
}

/* A holder killed (no release, no cleanup) leaves the file: the lock is
 * free all the same. */
static void
test_stale_lock_of_dead_holder_is_free(void **state)
{
	struct fx *f = *state;
	struct router_lock *l = NULL;
	struct router_lock_holder h;
	char err[300];
	int ready[2], status;
	pid_t child;
	char c;

	assert_int_equal(pipe(ready), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct router_lock *cl = NULL;

		close(ready[0]);
		if (router_lock_acquire(f->dir, f->key, "child", &cl, &h, err,
		    sizeof err) != 0)
			_exit(3);
		if (write(ready[1], "x", 1) != 1)
			_exit(4);
		pause();
		_exit(0);
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	/* Held by the child: refused, naming it. */
	assert_int_equal(router_lock_acquire(f->dir, f->key, "parent", &l, &h,
	    err, sizeof err), 1);
	assert_int_equal(h.pid, (long)child);
	assert_string_equal(h.command, "child");
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(router_lock_acquire(f->dir, f->key, "parent", &l, &h,
	    err, sizeof err), 0);
	assert_non_null(l);
	router_lock_release(l);
}

/* Refused in the instant between the holder's lock and its name written
 * (two consoles started at once): the name is waited for, not "unknown". */
static void
test_holder_named_even_when_written_late(void **state)
{
	struct fx *f = *state;
	struct router_lock *l1 = NULL, *l2 = NULL;
	struct router_lock_holder h;
	char err[300], path[600], cmd[700];
	FILE *p;
	pid_t child;
	int status;

	assert_int_equal(router_lock_acquire(f->dir, f->key, "first", &l1, &h,
	    err, sizeof err), 0);
	snprintf(cmd, sizeof cmd, "ls %s/issu-console-router-*.lock", f->dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_non_null(fgets(path, sizeof path, p));
	pclose(p);
	path[strcspn(path, "\n")] = '\0';
	assert_int_equal(truncate(path, 0), 0);	/* not written yet */
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		FILE *w;

		usleep(150000);
		w = fopen(path, "r+");
		if (w == NULL)
			_exit(3);
		fputs("pid=4242\nuser=alice\ntty=pts/3\ncommand=late\n"
		    "since=1\n", w);
		fclose(w);
		_exit(0);
	}
	assert_int_equal(router_lock_acquire(f->dir, f->key, "second", &l2, &h,
	    err, sizeof err), 1);
	assert_int_equal(h.pid, 4242);
	assert_string_equal(h.command, "late");
	assert_int_equal(waitpid(child, &status, 0), child);
	router_lock_release(l1);
}

static void
test_unsafe_directory_refused(void **state)
{
	struct fx *f = *state;
	char dir[400], err[300], got[400], cmd[1200], target[400];
	struct router_lock *l = NULL;
	struct router_lock_holder h;

	/* Sticky and open to all, as /run/lock and /tmp are: fine. */
	snprintf(dir, sizeof dir, "%s/open", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(chmod(dir, 01777), 0);
	setenv("ISSU_CONSOLE_LOCK_DIR", dir, 1);
	assert_int_equal(router_lock_dir(got, sizeof got, err, sizeof err), 0);
	assert_string_equal(got, dir);
	/* A lock file that is a link is not followed; one with a second
	 * (hard) link is not written. */
	snprintf(target, sizeof target, "%s/victim", f->dir);
	snprintf(cmd, sizeof cmd, "touch '%s'", target);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(router_lock_acquire(got, f->key, "a", &l, &h, err,
	    sizeof err), 0);
	router_lock_release(l);
	l = NULL;
	snprintf(cmd, sizeof cmd, "cd '%s' && for f in issu-console-router-*"
	    ".lock; do rm -f \"$f\"; ln -s '%s' \"$f\"; done", got, target);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(router_lock_acquire(got, f->key, "a", &l, &h, err,
	    sizeof err), -1);
	assert_null(l);
	assert_non_null(strstr(err, "router lock"));
	snprintf(cmd, sizeof cmd, "cd '%s' && for f in issu-console-router-*"
	    ".lock; do rm -f \"$f\"; ln '%s' \"$f\"; done", got, target);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(router_lock_acquire(got, f->key, "a", &l, &h, err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "one link"));
	/* Open to all without the sticky bit: anyone could remove a lock. */
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(router_lock_dir(got, sizeof got, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a sticky directory"));
	setenv("ISSU_CONSOLE_LOCK_DIR", "relative/dir", 1);
	assert_int_equal(router_lock_dir(got, sizeof got, err, sizeof err), -1);
	unsetenv("ISSU_CONSOLE_LOCK_DIR");
	/* Without the variable: the machine's own lock directory. */
	assert_int_equal(router_lock_dir(got, sizeof got, err, sizeof err), 0);
	assert_true(strcmp(got, "/run/lock") == 0 || strcmp(got, "/tmp") == 0);
}

/* Two engineers on one jump host under two accounts: the second is told
 * who holds the router, and the first's file serves the next holder. */
static void
test_other_account_holds_the_lock(void **state)
{
	struct fx *f = *state;
	struct router_lock *l = NULL;
	struct router_lock_holder h;
	char err[300];
	int ready[2], done[2], status;
	pid_t child;

	if (getuid() != 0)
		skip();		/* needs root to act as another account */
	assert_int_equal(chmod(f->dir, 01777), 0);
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(done), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct router_lock *cl = NULL;
		struct router_lock_holder ch;
		char cerr[300], c;

		if (setgid(65534) != 0 || setuid(65534) != 0 ||
		    router_lock_acquire(f->dir, f->key, "issu-console run lab",
		    &cl, &ch, cerr, sizeof cerr) != 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1 || read(done[0], &c, 1) != 1)
			_exit(1);
		router_lock_release(cl);
		_exit(0);
	}
	{
		char c;

		assert_int_equal(read(ready[0], &c, 1), 1);
	}
	assert_int_equal(router_lock_acquire(f->dir, f->key, "second", &l, &h,
	    err, sizeof err), 1);
	assert_int_equal(h.pid, (long)child);
	assert_string_equal(h.command, "issu-console run lab");
	assert_int_equal(write(done[1], "d", 1), 1);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* The other account's file, now free, is taken and written. */
	assert_int_equal(router_lock_acquire(f->dir, f->key, "third", &l, &h,
	    err, sizeof err), 0);
	router_lock_release(l);
	close(ready[0]);
	close(ready[1]);
	close(done[0]);
	close(done[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_same_router_under_other_spellings),
		cmocka_unit_test_setup_teardown(
		    test_second_acquire_refused_with_holder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_released_on_close, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_stale_lock_of_dead_holder_is_free, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_holder_named_even_when_written_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsafe_directory_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_other_account_holds_the_lock, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
