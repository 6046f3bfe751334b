/*
 * password_command.c - the password from a command (see password_command.h).
 */
#include "sessions/password_command.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int
password_command_run(char *const *argv, char *out, size_t outlen, char *err,
    size_t errlen)
{
	posix_spawn_file_actions_t fa;
	int pfd[2], status = 0;
	size_t n = 0;
	pid_t pid;
	char c;

	if (argv == NULL || argv[0] == NULL || outlen == 0) {
		snprintf(err, errlen, "password_command is empty");
		return -1;
	}
	if (pipe2(pfd, O_CLOEXEC) != 0) {
		snprintf(err, errlen, "password_command: %s", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	errno = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	if (errno != 0) {
		snprintf(err, errlen, "password_command: %s: %s", argv[0],
		    strerror(errno));
		close(pfd[0]);
		return -1;
	}
	/* Read it all (so the command never blocks on a full pipe), keep the
	 * first line. */
	while (read(pfd[0], &c, 1) == 1) {
		if (c == '\n' || c == '\r')
			outlen = n + 1;	/* the line is complete: keep no more */
		else if (n + 1 < outlen)
			out[n++] = c;
	}
	out[n] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		memset(out, 0, n);
		snprintf(err, errlen, "password_command: %s exited with status %d",
		    argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	if (n == 0) {
		snprintf(err, errlen, "password_command: %s printed no password",
		    argv[0]);
		return -1;
	}
	return 0;
}
