/*
 * test_transcript.c - the per-router record: its file name and mode, never
 * overwriting an earlier run, the line format, one record line per line of
 * text, an unfinished prompt kept as it came, control characters made
 * harmless, and a clear message when the directory cannot be made.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sessions/transcript.h"

/* 2026-11-25 17:20:01 UTC */
/* Router output is bytes: a literal's length, NULs included. */
#define RECEIVED(t, slot, lit) transcript_received(t, slot, lit, sizeof lit - 1)

static const time_t when = 1795627201;

struct fixture {
	char dir[64];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	snprintf(f->dir, sizeof f->dir, "/tmp/test_transcript.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	/* File names and stamps in a known zone. */
	setenv("TZ", "UTC", 1);
	tzset();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[256];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", f->dir, f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* The file's text (static buffer). */
static const char *
read_all(const char *path)
{
	static char data[16384];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(data, 1, sizeof data - 1, f);
	data[n] = '\0';
	fclose(f);
	return data;
}

/* Line `i` (0-based) of text without its stamp: what follows the first
 * space, e.g. "re0 > show version" (static buffer). */
static const char *
body(const char *text, int i)
{
	static char line[4096];
	const char *p = text, *nl, *sp;

	for (; i > 0; i--) {
		assert_non_null(p = strchr(p, '\n'));
		p++;
	}
	assert_non_null(nl = strchr(p, '\n'));
	assert_non_null(sp = memchr(p, ' ', (size_t)(nl - p)));
	snprintf(line, sizeof line, "%.*s", (int)(nl - sp - 1), sp + 1);
	return line;
}

static int
count_lines(const char *text)
{
	int n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

/* A transcript in the fixture's directory; its path in path. */
static struct transcript *
open_one(struct fixture *f, char *path, size_t len)
{
	char err[256] = "";
	struct transcript *t = transcript_open(f->dir, "mx480-lab", when, path,
	    len, err, sizeof err);

	if (t == NULL)
		fail_msg("transcript_open: %s", err);
	return t;
}

static void
test_file_is_router_and_local_time_mode_0600_in_a_0700_dir(void **state)
{
	struct fixture *f = *state;
	char dir[128], path[256], want[256], err[256];
	struct transcript *t;
	struct stat st;

	snprintf(dir, sizeof dir, "%s/state/issu-console", f->dir);
	t = transcript_open(dir, "mx480-lab", when, path, sizeof path, err,
	    sizeof err);
	assert_non_null(t);
	snprintf(want, sizeof want, "%s/mx480-lab-20261125-172001.log", dir);
	assert_string_equal(path, want);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	/* Made with its parent, both private. */
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	snprintf(dir, sizeof dir, "%s/state", f->dir);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_null(transcript_error(t));
	transcript_close(t);
}

static void
test_name_in_use_gets_a_suffix_and_is_never_overwritten(void **state)
{
	struct fixture *f = *state;
	char first[256], second[256], third[256], want[300];
	struct transcript *a, *b, *c;

	a = open_one(f, first, sizeof first);
	transcript_note(a, -1, "first run");
	transcript_close(a);
	b = open_one(f, second, sizeof second);
	c = open_one(f, third, sizeof third);
	snprintf(want, sizeof want, "%s/mx480-lab-20261125-172001-2.log", f->dir);
	assert_string_equal(second, want);
	snprintf(want, sizeof want, "%s/mx480-lab-20261125-172001-3.log", f->dir);
	assert_string_equal(third, want);
	transcript_close(b);
	transcript_close(c);
	assert_non_null(strstr(read_all(first), " --- first run\n"));
}

static void
test_router_name_cannot_leave_the_directory(void **state)
{
	struct fixture *f = *state;
	char path[256], want[300], err[256];
	struct transcript *t;

	t = transcript_open(f->dir, "../lab/x", when, path, sizeof path, err,
	    sizeof err);
	assert_non_null(t);
	snprintf(want, sizeof want, "%s/.._lab_x-20261125-172001.log", f->dir);
	assert_string_equal(path, want);
	transcript_close(t);
}

static void
test_line_has_local_time_with_offset_slot_and_direction(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct transcript *t = open_one(f, path, sizeof path);
	const char *text;
	regex_t re;

	transcript_sent(t, 0, "request system reboot\n");
	RECEIVED(t, 1, "Hostname: mx480-re1\n");
	transcript_note(t, 0, "disconnected: %s", "closed by peer");
	transcript_note(t, -1, "step %d %s started", 4, "upgrade");
	transcript_close(t);

	text = read_all(path);
	assert_int_equal(regcomp(&re, "^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
	    "[0-9]{2}:[0-9]{2}\\.[0-9]{3}[+-][0-9]{4} [^\n]*\n){4}$",
	    REG_EXTENDED), 0);
	assert_int_equal(regexec(&re, text, 0, NULL, 0), 0);
	regfree(&re);
	assert_non_null(strstr(text, "+0000 re0 > request system reboot\n"));
	assert_string_equal(body(text, 0), "re0 > request system reboot");
	assert_string_equal(body(text, 1), "re1 < Hostname: mx480-re1");
	assert_string_equal(body(text, 2), "re0 - disconnected: closed by peer");
	assert_string_equal(body(text, 3), "--- step 4 upgrade started");
}

static void
test_several_lines_are_one_record_line_each(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct transcript *t = open_one(f, path, sizeof path);
	const char *text;

	RECEIVED(t, 0, "Hostname: mx480-re0\nModel: mx480\n\n"
	    "JUNOS Base OS boot [10.1R1.8]\r\n");
	transcript_sent(t, 1, "configure\nset system host-name x\ncommit\n");
	transcript_close(t);

	text = read_all(path);
	assert_int_equal(count_lines(text), 7);
	assert_string_equal(body(text, 0), "re0 < Hostname: mx480-re0");
	assert_string_equal(body(text, 1), "re0 < Model: mx480");
	assert_string_equal(body(text, 2), "re0 <");	/* the empty line */
	/* CRLF ends a line like LF: no \x0d at the end. */
	assert_string_equal(body(text, 3), "re0 < JUNOS Base OS boot [10.1R1.8]");
	assert_string_equal(body(text, 4), "re1 > configure");
	assert_string_equal(body(text, 6), "re1 > commit");
}

static void
test_unfinished_prompt_is_kept_with_its_trailing_space(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct transcript *t = open_one(f, path, sizeof path);
	const char *text;

	RECEIVED(t, 0, "{backup}\nnetops@mx480-re0> ");
	RECEIVED(t, 0, "Reboot the system ? [yes,no] (no) ");
	transcript_sent(t, 0, "no\n");
	transcript_close(t);

	text = read_all(path);
	assert_int_equal(count_lines(text), 4);
	assert_string_equal(body(text, 0), "re0 < {backup}");
	assert_string_equal(body(text, 1), "re0 < netops@mx480-re0> ");
	assert_string_equal(body(text, 2),
	    "re0 < Reboot the system ? [yes,no] (no) ");
	assert_string_equal(body(text, 3), "re0 > no");
}

static void
test_control_characters_are_escaped_tab_and_utf8_kept(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct transcript *t = open_one(f, path, sizeof path);
	const char *text;

	/* An escape sequence, a bell, a lone CR, DEL, a C1 CSI in UTF-8, a
	 * byte that is not UTF-8; a tab and "é" stay. */
	RECEIVED(t, 0, "\x1b[2Jred\a\rx\x7f\tcaf\xc3\xa9 \xc2\x9b"
	    "1m \xff\n");
	transcript_note(t, 1, "operator typed %s", "\x1b]0;title\x07");
	transcript_close(t);

	text = read_all(path);
	assert_string_equal(body(text, 0), "re0 < \\x1b[2Jred\\x07\\x0dx\\x7f\t"
	    "caf\xc3\xa9 \\xc2\\x9b1m \\xff");
	assert_string_equal(body(text, 1),
	    "re1 - operator typed \\x1b]0;title\\x07");
	assert_null(strchr(text, '\x1b'));
}

static void
test_nul_byte_is_escaped_and_the_rest_of_the_line_kept(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct transcript *t = open_one(f, path, sizeof path);
	const char *text;

	RECEIVED(t, 0, "Hostname: mx480-re0\0\x1b]52;c;cm0gLXJmIC8=\a rest\n"
	    "Model: mx480\n");
	transcript_close(t);
	text = read_all(path);
	assert_string_equal(body(text, 0), "re0 < Hostname: mx480-re0\\x00"
	    "\\x1b]52;c;cm0gLXJmIC8=\\x07 rest");
	assert_string_equal(body(text, 1), "re0 < Model: mx480");
}

static void
test_neutral_is_the_transcript_escape_with_newlines_kept(void **state)
{
	static const char in[] = "a\x1b]0;pwned\a\x1b[2J\x1b" "c\tb\n\0"
	    "caf\xc3\xa9\xc2\x9b";
	char *out;

	(void)state;
	out = transcript_neutral(in, sizeof in - 1);
	assert_non_null(out);
	assert_string_equal(out, "a\\x1b]0;pwned\\x07\\x1b[2J\\x1bc\tb\n"
	    "\\x00caf\xc3\xa9\\xc2\\x9b");
	free(out);
}

static void
test_text_escapes_only_nul_and_never_ends_there(void **state)
{
	static const char in[] = "Junos: 10.1R1.8\0junk\r\nnext\0";
	char *out;

	(void)state;
	out = transcript_text(in, sizeof in - 1);
	assert_non_null(out);
	assert_string_equal(out, "Junos: 10.1R1.8\\x00junk\r\nnext\\x00");
	free(out);
}

/* Disk full, as the kernel says it for a file-size limit (EFBIG): the first
 * failure is kept with the path and the reason, later lines change nothing.
 * In a child: the limit must not reach the test's own log. */
static void
test_write_failure_is_kept_with_the_path_and_the_error(void **state)
{
	struct fixture *f = *state;
	char path[256];
	int status;
	pid_t pid;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { .rlim_cur = 200, .rlim_max = 200 };
		struct transcript *t = open_one(f, path, sizeof path);
		const char *err;
		char want[400];
		int i;

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(3);
		if (transcript_error(t) != NULL)
			_exit(4);
		for (i = 0; i < 10; i++)
			RECEIVED(t, 0, "Hostname: mx480-re0 and some more text\n");
		err = transcript_error(t);
		snprintf(want, sizeof want, "writing %s: File too large", path);
		if (err == NULL || strcmp(err, want) != 0) {
			fprintf(stderr, "got: %s\nwant: %s\n", err ? err : "(null)",
			    want);
			_exit(5);
		}
		transcript_close(t);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_unwritable_directory_is_a_clear_error(void **state)
{
	struct fixture *f = *state;
	char dir[128], file[128], err[256], want[300];
	FILE *fp;

	if (geteuid() != 0) {
		/* A directory we may not write in. */
		snprintf(dir, sizeof dir, "%s/ro", f->dir);
		assert_int_equal(mkdir(dir, 0500), 0);
		snprintf(file, sizeof file, "%s/ro/logs", f->dir);
		assert_null(transcript_open(file, "lab", when, NULL, 0, err,
		    sizeof err));
		snprintf(want, sizeof want, "cannot create %s: Permission denied",
		    file);
		assert_string_equal(err, want);
	}
	/* Root writes anywhere: a file where a directory should be. */
	snprintf(file, sizeof file, "%s/plain", f->dir);
	assert_non_null(fp = fopen(file, "w"));
	fclose(fp);
	snprintf(dir, sizeof dir, "%s/plain/logs", f->dir);
	assert_null(transcript_open(dir, "lab", when, NULL, 0, err, sizeof err));
	snprintf(want, sizeof want, "cannot create %s: Not a directory", dir);
	assert_string_equal(err, want);
	assert_null(transcript_open(file, "lab", when, NULL, 0, err, sizeof err));
	snprintf(want, sizeof want, "cannot create %s: Not a directory", file);
	assert_string_equal(err, want);
}

static void
test_home_is_shown_as_tilde_in_errors(void **state)
{
	struct fixture *f = *state;
	char home[128], file[160], dir[200], err[256];
	char *old = getenv("HOME") != NULL ? strdup(getenv("HOME")) : NULL;
	FILE *fp;

	snprintf(home, sizeof home, "%s/home", f->dir);
	assert_int_equal(mkdir(home, 0700), 0);
	snprintf(file, sizeof file, "%s/.local", home);
	assert_non_null(fp = fopen(file, "w"));
	fclose(fp);
	snprintf(dir, sizeof dir, "%s/state", file);
	setenv("HOME", home, 1);
	assert_null(transcript_open(dir, "lab", when, NULL, 0, err, sizeof err));
	if (old != NULL)
		setenv("HOME", old, 1);
	else
		unsetenv("HOME");
	free(old);
	assert_string_equal(err, "cannot create ~/.local/state: Not a directory");
}

static void
test_close_and_writes_accept_null(void **state)
{
	(void)state;
	transcript_sent(NULL, 0, "show version\n");
	transcript_received(NULL, 0, "x\n", 2);
	transcript_note(NULL, -1, "nothing %d", 1);
	assert_null(transcript_error(NULL));
	transcript_close(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_file_is_router_and_local_time_mode_0600_in_a_0700_dir,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_name_in_use_gets_a_suffix_and_is_never_overwritten,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_router_name_cannot_leave_the_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_line_has_local_time_with_offset_slot_and_direction,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_several_lines_are_one_record_line_each, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_unfinished_prompt_is_kept_with_its_trailing_space,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_control_characters_are_escaped_tab_and_utf8_kept,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_nul_byte_is_escaped_and_the_rest_of_the_line_kept,
		    setup, teardown),
		cmocka_unit_test(
		    test_neutral_is_the_transcript_escape_with_newlines_kept),
		cmocka_unit_test(test_text_escapes_only_nul_and_never_ends_there),
		cmocka_unit_test_setup_teardown(
		    test_write_failure_is_kept_with_the_path_and_the_error,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_unwritable_directory_is_a_clear_error, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_home_is_shown_as_tilde_in_errors, setup, teardown),
		cmocka_unit_test(test_close_and_writes_accept_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
