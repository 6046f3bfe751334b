/*
 * test_buf.c - the output buffer every simulated command writes into.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "sim/buf.h"

static void
test_empty_buffer_reads_as_empty_string(void **state)
{
	struct sim_buf b = SIM_BUF_INIT;

	(void)state;
	assert_string_equal(sim_buf_str(&b), "");
	sim_buf_free(&b);
	sim_buf_free(NULL);
}

static void
test_printf_appends_and_grows_past_initial_size(void **state)
{
	struct sim_buf b = SIM_BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 10000; i++)
		sim_buf_printf(&b, "line %d\n", i);
	assert_int_equal(strncmp(sim_buf_str(&b), "line 0\nline 1\n", 14), 0);
	assert_non_null(strstr(sim_buf_str(&b), "line 9999\n"));
	assert_int_equal(b.len, strlen(b.data));
	sim_buf_free(&b);
}

static void
test_reset_keeps_nothing(void **state)
{
	struct sim_buf b = SIM_BUF_INIT;

	(void)state;
	sim_buf_puts(&b, "show version");
	sim_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(sim_buf_str(&b), "");
	sim_buf_append(&b, "ab\0cd", 5);
	assert_int_equal(b.len, 5);
	sim_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_buffer_reads_as_empty_string),
		cmocka_unit_test(test_printf_appends_and_grows_past_initial_size),
		cmocka_unit_test(test_reset_keeps_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
