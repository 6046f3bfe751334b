/*
 * test_event_log.c - the simulator's JSON Lines record: one valid object per
 * line, with the time, the RE and every field, strings escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/buf.h"
#include "sim/event_log.h"

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	static char data[8192];
	size_t n;

	assert_non_null(f);
	n = fread(data, 1, sizeof data - 1, f);
	data[n] = '\0';
	fclose(f);
	return data;
}

static void
test_record_has_time_re_event_and_fields(void **state)
{
	char path[] = "/tmp/test_event_log.XXXXXX", err[256];
	struct sim_event_log *log;
	const char *text;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	log = sim_event_log_open(path, err, sizeof err);
	assert_non_null(log);
	sim_event_log_write(log, 1, "command", "session", SIM_EV_INT, 7LL,
	    "text", SIM_EV_STR, "show version | match \"Junos\"",
	    (const char *)NULL);
	sim_event_log_write(log, -1, "auth", "ok", SIM_EV_BOOL, 0,
	    "user", SIM_EV_STR, (const char *)NULL, "lines", SIM_EV_RAW, "[\"a\"]",
	    (const char *)NULL);
	sim_event_log_close(log);

	text = read_all(path);
	/* "time":"2026-11-25T14:54:21.123Z" */
	assert_int_equal(strncmp(text, "{\"time\":\"", 9), 0);
	assert_int_equal(text[9 + 10], 'T');
	assert_int_equal(text[9 + 23], 'Z');
	assert_non_null(strstr(text, "\"re\":\"re1\",\"event\":\"command\","
	    "\"session\":7,\"text\":\"show version | match \\\"Junos\\\"\"}\n"));
	assert_non_null(strstr(text, "\"re\":null,\"event\":\"auth\",\"ok\":false,"
	    "\"user\":null,\"lines\":[\"a\"]}\n"));
	unlink(path);
}

static void
test_control_and_non_ascii_bytes_are_escaped(void **state)
{
	struct sim_buf b = SIM_BUF_INIT;

	(void)state;
	sim_json_string(&b, "a\tb\n\x01\xff\\");
	assert_string_equal(sim_buf_str(&b), "\"a\\tb\\n\\u0001\\u00ff\\\\\"");
	sim_buf_free(&b);
}

static void
test_unwritable_path_names_the_file(void **state)
{
	char err[256];

	(void)state;
	assert_null(sim_event_log_open("/nonexistent-dir/x.jsonl", err, sizeof err));
	assert_string_equal(err,
	    "--event-log: /nonexistent-dir/x.jsonl: No such file or directory");
	sim_event_log_write(NULL, 0, "ignored", (const char *)NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_has_time_re_event_and_fields),
		cmocka_unit_test(test_control_and_non_ascii_bytes_are_escaped),
		cmocka_unit_test(test_unwritable_path_names_the_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
