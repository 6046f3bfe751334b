/*
 * password_command.c - the password from a command (see password_command.h).
 *
 * The command runs in a process group of its own, so that ending it ends
 * whatever it started too (pass starts gpg, a shell script its children).
 */
#include "sessions/password_command.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long
pwc_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Ends the command's process group and reaps it; *status as waitpid's, and
 * true when it had already exited by itself. */
static bool
pwc_end(pid_t pid, int *status)
{
	pid_t r;

	while ((r = waitpid(pid, status, WNOHANG)) < 0 && errno == EINTR)
		;
	if (r == pid) {
		kill(-pid, SIGKILL);	/* what it left behind */
		return true;
	}
	kill(-pid, SIGTERM);
	kill(-pid, SIGKILL);		/* a secret helper has nothing to save */
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return false;
}

int
password_command_run(char *const *argv, int limit_s, char *out, size_t outlen,
    char *err, size_t errlen)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int pfd[2], status = 0, rc;
	size_t n = 0;
	pid_t pid;
	bool line = false, eof = false, exited;
	long long deadline;

	if (argv == NULL || argv[0] == NULL || outlen == 0) {
		snprintf(err, errlen, "password_command is empty");
		return -1;
	}
	if (limit_s <= 0)
		limit_s = PASSWORD_COMMAND_LIMIT_S;
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "password_command: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(pfd[1]);
	if (rc != 0) {
		snprintf(err, errlen, "password_command: %s: %s", argv[0],
		    strerror(rc));
		close(pfd[0]);
		return -1;
	}
	/* The first line counts; then the command is ended, however much
	 * more it would print (`yes`) or however long it would run. */
	deadline = pwc_now_ms() + limit_s * 1000LL;
	while (!line && !eof) {
		struct pollfd p = { .fd = pfd[0], .events = POLLIN };
		long long left = deadline - pwc_now_ms();
		char buf[512];
		ssize_t got;

		if (left <= 0)
			break;
		if (poll(&p, 1, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p.revents == 0)
			continue;
		got = read(pfd[0], buf, sizeof buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			eof = true;
			break;
		}
		for (ssize_t i = 0; i < got && !line; i++) {
			if (buf[i] == '\n' || buf[i] == '\r')
				line = true;
			else if (n + 1 < outlen)
				out[n++] = buf[i];
		}
		explicit_bzero(buf, sizeof buf);
	}
	out[n] = '\0';
	if (!line && !eof) {
		pwc_end(pid, &status);
		close(pfd[0]);
		explicit_bzero(out, n);
		out[0] = '\0';
		snprintf(err, errlen, "password_command: %s gave no line within "
		    "%d s (password_command_timeout): it was ended", argv[0],
		    limit_s);
		return -1;
	}
	if (eof) {
		/* It closed its output: it is ending; wait for its verdict,
		 * within what is left of the limit. */
		while ((rc = (int)waitpid(pid, &status, WNOHANG)) == 0 &&
		    pwc_now_ms() < deadline) {
			struct timespec ms10 = { 0, 10000000L };

			nanosleep(&ms10, NULL);
		}
		exited = rc == pid ? (kill(-pid, SIGKILL), true) :
		    pwc_end(pid, &status);
	} else
		exited = pwc_end(pid, &status);
	/* Only now: closed earlier, a writer like `yes` would die of SIGPIPE
	 * by itself first, which reads as its own failure. */
	close(pfd[0]);
	/* Ended by us after its first line: that line is its answer.  Exited
	 * by itself: only with status 0. */
	if (exited && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
		explicit_bzero(out, n);
		out[0] = '\0';
		if (WIFEXITED(status))
			snprintf(err, errlen, "password_command: %s exited with "
			    "status %d", argv[0], WEXITSTATUS(status));
		else
			snprintf(err, errlen, "password_command: %s was killed by "
			    "signal %d", argv[0], WTERMSIG(status));
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "password_command: %s printed no password",
		    argv[0]);
		return -1;
	}
	return 0;
}
