/*
 * test_config_db.c - the simulator's configuration database: that it keeps
 * `set` statements as Junos does and prints them as Junos prints them
 * (curly braces, `| display set`, `show | compare`), and that no input can
 * break it.  Where a real capture exists (shared/reference/junos) it is the
 * expected text; JUNOS_REFERENCE points there (the Makefile sets it).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/reference.h"

#include "sim/buf.h"
#include "sim/config_db.h"

/* sim_base_config of sim/chassis.c, for a chassis named "mx480". */
static const char *const default_config[] = {
	"groups re0 system host-name mx480-re0",
	"groups re0 interfaces fxp0 unit 0 family inet address 192.0.2.10/24",
	"groups re1 system host-name mx480-re1",
	"groups re1 interfaces fxp0 unit 0 family inet address 192.0.2.11/24",
	"apply-groups re0",
	"apply-groups re1",
	"system domain-name lab.example.net",
	"system time-zone UTC",
	"system commit synchronize",
	"system login user netops class super-user",
	"system services ssh protocol-version v2",
	"system services netconf ssh",
	"system syslog file messages any notice",
	"system syslog file interactive-commands interactive-commands any",
	"system ntp server 192.0.2.123",
	"chassis redundancy graceful-switchover",
	"chassis redundancy routing-engine 0 master",
	"chassis redundancy routing-engine 1 backup",
	"interfaces ge-0/0/0 unit 0 family inet address 198.51.100.1/30",
	"interfaces lo0 unit 0 family inet address 203.0.113.1/32",
	"routing-options router-id 203.0.113.1",
	"routing-options autonomous-system 64500",
	"routing-options nonstop-routing",
	"protocols ospf area 0.0.0.0 interface ge-0/0/0.0",
	"protocols ospf area 0.0.0.0 interface lo0.0 passive",
};

/* Checked by hand against Junos' rules: 4-space levels, top level in
 * schema order, apply-groups as a list, one-line routing-engine. */
static const char default_show[] =
    "groups {\n"
    "    re0 {\n"
    "        system {\n"
    "            host-name mx480-re0;\n"
    "        }\n"
    "        interfaces {\n"
    "            fxp0 {\n"
    "                unit 0 {\n"
    "                    family inet {\n"
    "                        address 192.0.2.10/24;\n"
    "                    }\n"
    "                }\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "    re1 {\n"
    "        system {\n"
    "            host-name mx480-re1;\n"
    "        }\n"
    "        interfaces {\n"
    "            fxp0 {\n"
    "                unit 0 {\n"
    "                    family inet {\n"
    "                        address 192.0.2.11/24;\n"
    "                    }\n"
    "                }\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "}\n"
    "apply-groups [ re0 re1 ];\n"
    "system {\n"
    "    domain-name lab.example.net;\n"
    "    time-zone UTC;\n"
    "    commit {\n"
    "        synchronize;\n"
    "    }\n"
    "    login {\n"
    "        user netops {\n"
    "            class super-user;\n"
    "        }\n"
    "    }\n"
    "    services {\n"
    "        ssh {\n"
    "            protocol-version v2;\n"
    "        }\n"
    "        netconf {\n"
    "            ssh;\n"
    "        }\n"
    "    }\n"
    "    syslog {\n"
    "        file messages {\n"
    "            any notice;\n"
    "        }\n"
    "        file interactive-commands {\n"
    "            interactive-commands any;\n"
    "        }\n"
    "    }\n"
    "    ntp {\n"
    "        server 192.0.2.123;\n"
    "    }\n"
    "}\n"
    "chassis {\n"
    "    redundancy {\n"
    "        graceful-switchover;\n"
    "        routing-engine 0 master;\n"
    "        routing-engine 1 backup;\n"
    "    }\n"
    "}\n"
    "interfaces {\n"
    "    ge-0/0/0 {\n"
    "        unit 0 {\n"
    "            family inet {\n"
    "                address 198.51.100.1/30;\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "    lo0 {\n"
    "        unit 0 {\n"
    "            family inet {\n"
    "                address 203.0.113.1/32;\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "}\n"
    "routing-options {\n"
    "    router-id 203.0.113.1;\n"
    "    autonomous-system 64500;\n"
    "    nonstop-routing;\n"
    "}\n"
    "protocols {\n"
    "    ospf {\n"
    "        area 0.0.0.0 {\n"
    "            interface ge-0/0/0.0;\n"
    "            interface lo0.0 {\n"
    "                passive;\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "}\n";

/* ---- helpers ---------------------------------------------------------- */

static void
set_ok(struct sim_config *c, const char *words)
{
	char err[256] = "";

	if (sim_config_set(c, words, NULL, err, sizeof err) != 0)
		fail_msg("set %s: %s", words, err);
}

static struct sim_config *
config_of(const char *const *lines, size_t n)
{
	struct sim_config *c = sim_config_new();
	size_t i;

	for (i = 0; i < n; i++)
		set_ok(c, lines[i]);
	return c;
}

static struct sim_config *
default_chassis_config(void)
{
	return config_of(default_config,
	    sizeof default_config / sizeof default_config[0]);
}

/* Asserts what `show configuration [path] [| display set]` prints. */
static void
assert_show(const struct sim_config *c, const char *path, bool display_set,
    const char *expected)
{
	struct sim_buf b = SIM_BUF_INIT;

	assert_int_equal(sim_config_show(c, path, display_set, NULL, &b), 0);
	assert_string_equal(sim_buf_str(&b), expected);
	sim_buf_free(&b);
}

static void
assert_compare(const struct sim_config *committed,
    const struct sim_config *candidate, const char *expected)
{
	struct sim_buf b = SIM_BUF_INIT;

	sim_config_compare(committed, candidate, &b);
	assert_string_equal(sim_buf_str(&b), expected);
	sim_buf_free(&b);
}

/*
 * The output part of a capture in shared/reference/junos: everything after
 * the line holding the command.  Skips the test when the captures are not
 * beside the repository.  The caller frees the text.
 */
static char *
reference_output(const char *rel, const char *command)
{
	const char *dir = reference_dir_or_skip();
	char path[1024], *text, *p;
	FILE *f;
	long len;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len > 0);
	rewind(f);
	text = calloc(1, (size_t)len + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	p = strstr(text, command);
	assert_non_null(p);
	p = strchr(p, '\n');
	assert_non_null(p);
	memmove(text, p + 1, strlen(p + 1) + 1);
	return text;
}

/* ---- show configuration ---------------------------------------------- */

static void
test_show_renders_default_chassis_configuration_exactly(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_show(c, NULL, false, default_show);
	sim_config_free(c);
}

static void
test_show_renders_hierarchy_with_braces(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "chassis redundancy graceful-switchover");
	assert_show(c, NULL, false,
	    "chassis {\n"
	    "    redundancy {\n"
	    "        graceful-switchover;\n"
	    "    }\n"
	    "}\n");
	sim_config_free(c);
}

static void
test_show_orders_top_level_like_junos(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "forwarding-options alpha");
	set_ok(c, "protocols ospf area 0.0.0.0 interface lo0.0");
	set_ok(c, "class-of-service beta");
	set_ok(c, "system host-name r1");
	set_ok(c, "version 10.3R2.11");
	assert_show(c, NULL, false,
	    "version 10.3R2.11;\n"
	    "system {\n"
	    "    host-name r1;\n"
	    "}\n"
	    "protocols {\n"
	    "    ospf {\n"
	    "        area 0.0.0.0 {\n"
	    "            interface lo0.0;\n"
	    "        }\n"
	    "    }\n"
	    "}\n"
	    "forwarding-options {\n"
	    "    alpha;\n"
	    "}\n"
	    "class-of-service {\n"
	    "    beta;\n"
	    "}\n");
	sim_config_free(c);
}

static void
test_show_keeps_insertion_order_inside_a_level(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "routing-options nonstop-routing");
	set_ok(c, "routing-options router-id 203.0.113.1");
	assert_show(c, "routing-options", false,
	    "nonstop-routing;\n"
	    "router-id 203.0.113.1;\n");
	sim_config_free(c);
}

static void
test_show_orders_group_contents_like_the_top_level(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "groups re0 interfaces fxp0 unit 0 family inet address "
	    "192.0.2.10/24");
	set_ok(c, "groups re0 system host-name r-re0");
	assert_show(c, "groups re0", true,
	    "set groups re0 system host-name r-re0\n"
	    "set groups re0 interfaces fxp0 unit 0 family inet address "
	    "192.0.2.10/24\n");
	sim_config_free(c);
}

static void
test_show_renders_single_apply_group_without_brackets(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "apply-groups re0");
	assert_show(c, NULL, false, "apply-groups re0;\n");
	sim_config_free(c);
}

static void
test_show_renders_apply_groups_as_list(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "apply-groups re0");
	set_ok(c, "apply-groups re1");
	assert_show(c, NULL, false, "apply-groups [ re0 re1 ];\n");
	sim_config_free(c);
}

static void
test_show_renders_routing_engine_role_on_one_line(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "chassis redundancy routing-engine 0 master");
	assert_show(c, "chassis redundancy", false,
	    "routing-engine 0 master;\n");
	sim_config_free(c);
}

static void
test_show_renders_syslog_facility_with_severity(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "system syslog file messages any notice");
	assert_show(c, "system syslog", false,
	    "file messages {\n"
	    "    any notice;\n"
	    "}\n");
	sim_config_free(c);
}

static void
test_show_renders_childless_identifier_as_one_line(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "system ntp server 192.0.2.123");
	set_ok(c, "protocols ospf area 0.0.0.0 interface ge-0/0/0.0");
	assert_show(c, "system ntp", false, "server 192.0.2.123;\n");
	assert_show(c, "protocols ospf area 0.0.0.0", false,
	    "interface ge-0/0/0.0;\n");
	sim_config_free(c);
}

static void
test_show_renders_ntp_server_options_on_its_line(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "system ntp server 192.0.2.123 prefer");
	assert_show(c, "system ntp", false, "server 192.0.2.123 prefer;\n");
	sim_config_free(c);
}

static void
test_show_keeps_quotes_of_quoted_value(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "system login message \"hello world\"");
	assert_show(c, "system login", false, "message \"hello world\";\n");
	assert_show(c, "system login", true,
	    "set system login message \"hello world\"\n");
	assert_string_equal(sim_config_value(c, "system login message"),
	    "\"hello world\"");
	sim_config_free(c);
}

static void
test_show_path_prints_subtree_only(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_show(c, "chassis redundancy", false,
	    "graceful-switchover;\n"
	    "routing-engine 0 master;\n"
	    "routing-engine 1 backup;\n");
	assert_show(c, "system commit", false, "synchronize;\n");
	assert_show(c, "routing-options", false,
	    "router-id 203.0.113.1;\n"
	    "autonomous-system 64500;\n"
	    "nonstop-routing;\n");
	sim_config_free(c);
}

static void
test_show_path_matches_reference_routing_options(void **state)
{
	char *expected = reference_output(
	    "show_configuration/ex_lab02_routing_options_static.txt",
	    "show configuration routing-options");
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "routing-options static route 0.0.0.0/0 next-hop "
	    "192.168.1.1");
	assert_show(c, "routing-options", false, expected);
	free(expected);
	sim_config_free(c);
}

static void
test_show_path_display_set_matches_reference_chassis_fpc(void **state)
{
	static const char *const fpc[] = {
		"chassis fpc 0 pic 0 tunnel-services bandwidth 1g",
		"chassis fpc 0 pic 1 tunnel-services bandwidth 1g",
		"chassis fpc 0 sampling-instance 1to1",
		"chassis fpc 0 inline-services flow-table-size "
		    "ipv4-flow-table-size 5",
		"chassis fpc 0 inline-services flow-table-size "
		    "ipv6-flow-table-size 5",
	};
	char *expected = reference_output(
	    "show_configuration/mx_ur1rtr_chassis_fpc0_display_set.txt",
	    "show configuration chassis fpc 0 | display set");
	struct sim_config *c = config_of(fpc, sizeof fpc / sizeof fpc[0]);

	(void)state;
	set_ok(c, "chassis redundancy graceful-switchover");
	assert_show(c, "chassis fpc 0", true, expected);
	free(expected);
	sim_config_free(c);
}

static void
test_show_path_of_leaf_prints_the_leaf(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_show(c, "routing-options router-id", false,
	    "router-id 203.0.113.1;\n");
	assert_show(c, "routing-options nonstop-routing", true,
	    "set routing-options nonstop-routing\n");
	sim_config_free(c);
}

static void
test_show_path_display_set_prints_full_set_lines(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_show(c, "chassis redundancy", true,
	    "set chassis redundancy graceful-switchover\n"
	    "set chassis redundancy routing-engine 0 master\n"
	    "set chassis redundancy routing-engine 1 backup\n");
	sim_config_free(c);
}

static void
test_show_keyword_without_identifier_prints_every_instance(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_show(c, "chassis redundancy routing-engine", false,
	    "routing-engine 0 master;\n"
	    "routing-engine 1 backup;\n");
	sim_config_free(c);
}

static void
test_show_valid_unconfigured_path_returns_minus_one(void **state)
{
	struct sim_config *c = default_chassis_config();
	struct sim_buf b = SIM_BUF_INIT;
	size_t bad = 42;

	(void)state;
	assert_int_equal(sim_config_show(c, "snmp", false, &bad, &b), -1);
	assert_int_equal(sim_config_show(c, "chassis redundancy failover",
	    true, &bad, &b), -1);
	assert_int_equal(sim_config_show(c, "system host-name other", false,
	    &bad, &b), -1);
	assert_int_equal(sim_config_show(c, "system internet-options", false,
	    &bad, &b), -1);
	assert_int_equal(bad, 42);
	assert_int_equal(b.len, 0);
	sim_buf_free(&b);
	sim_config_free(c);
}

static void
test_show_invalid_path_returns_minus_two_with_bad_word(void **state)
{
	static const struct {
		const char *path;
		size_t bad;
	} cases[] = {
		{ "nonexistent", 0 },
		{ "chassis redund", 1 },
		{ "chassis redundancy nope", 2 },
		{ "system commit synchronise", 2 },
		{ "groups re0 chassis frobnicate", 3 },
		{ "chassis redundancy graceful-switchover foo", 3 },
		{ "chassis redundancy routing-engine 0 primary", 4 },
	};
	struct sim_config *c = default_chassis_config();
	struct sim_buf b = SIM_BUF_INIT;
	size_t i, bad;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bad = SIZE_MAX - 1;
		assert_int_equal(sim_config_show(c, cases[i].path, false,
		    &bad, &b), -2);
		assert_int_equal(bad, cases[i].bad);
	}
	assert_int_equal(sim_config_show(c, "nonexistent", true, NULL, &b),
	    -2);
	assert_int_equal(b.len, 0);
	sim_buf_free(&b);
	sim_config_free(c);
}

static void
test_show_empty_configuration_prints_nothing(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	assert_show(c, NULL, false, "");
	assert_show(c, "", true, "");
	sim_config_free(c);
}

static void
test_show_and_compare_leave_a_string_even_when_empty(void **state)
{
	struct sim_config *c = sim_config_new();
	struct sim_buf b = SIM_BUF_INIT;

	(void)state;
	assert_int_equal(sim_config_show(c, NULL, true, NULL, &b), 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	sim_buf_free(&b);
	sim_config_compare(c, c, &b);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	sim_buf_free(&b);
	sim_config_free(c);
}

/* ---- | display set --------------------------------------------------- */

static void
test_display_set_lists_apply_groups_separately(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "apply-groups re0");
	set_ok(c, "apply-groups re1");
	assert_show(c, NULL, true,
	    "set apply-groups re0\n"
	    "set apply-groups re1\n");
	sim_config_free(c);
}

static void
test_display_set_gives_back_the_default_statements(void **state)
{
	struct sim_config *c = default_chassis_config();
	struct sim_buf want = SIM_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof default_config / sizeof default_config[0]; i++)
		sim_buf_printf(&want, "set %s\n", default_config[i]);
	assert_show(c, NULL, true, sim_buf_str(&want));
	sim_buf_free(&want);
	sim_config_free(c);
}

static void
test_display_set_follows_tree_order(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "system host-name r1");
	set_ok(c, "groups re0 system host-name r1-re0");
	set_ok(c, "system time-zone UTC");
	assert_show(c, NULL, true,
	    "set groups re0 system host-name r1-re0\n"
	    "set system host-name r1\n"
	    "set system time-zone UTC\n");
	sim_config_free(c);
}

/* ---- set ------------------------------------------------------------- */

static void
test_set_duplicate_is_noop(void **state)
{
	struct sim_config *c = default_chassis_config();
	struct sim_config *before = sim_config_dup(c);

	(void)state;
	set_ok(c, "chassis redundancy graceful-switchover");
	set_ok(c, "apply-groups re1");
	set_ok(c, "chassis  redundancy\tgraceful-switchover ");
	assert_true(sim_config_equal(before, c));
	assert_show(c, NULL, false, default_show);
	sim_config_free(before);
	sim_config_free(c);
}

static void
test_set_leaf_value_replaces(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "system host-name old");
	set_ok(c, "system time-zone UTC");
	set_ok(c, "system host-name new");
	assert_show(c, NULL, false,
	    "system {\n"
	    "    host-name new;\n"
	    "    time-zone UTC;\n"
	    "}\n");
	sim_config_free(c);
}

static void
test_set_routing_engine_role_replaces(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "chassis redundancy routing-engine 0 master");
	set_ok(c, "chassis redundancy routing-engine 0 backup");
	assert_show(c, "chassis redundancy", false,
	    "routing-engine 0 backup;\n");
	sim_config_free(c);
}

static void
test_set_second_address_adds(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "interfaces lo0 unit 0 family inet address 10.0.0.1/32");
	set_ok(c, "interfaces lo0 unit 0 family inet address 10.0.0.2/32");
	assert_show(c, "interfaces lo0 unit 0 family inet", false,
	    "address 10.0.0.1/32;\n"
	    "address 10.0.0.2/32;\n");
	sim_config_free(c);
}

static void
test_set_empty_statement_fails(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_set(c, "", NULL, err, sizeof err), -1);
	assert_string_equal(err,
	    "syntax error, expecting <statement> or <identifier>.");
	err[0] = '\0';
	assert_int_equal(sim_config_set(c, "  \t ", NULL, err, sizeof err), -1);
	assert_string_equal(err,
	    "syntax error, expecting <statement> or <identifier>.");
	assert_int_equal(sim_config_set(c, NULL, NULL, err, sizeof err), -1);
	assert_show(c, NULL, false, "");
	sim_config_free(c);
}

static void
test_set_missing_value_fails(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_set(c, "system host-name", NULL, err,
	    sizeof err), -1);
	assert_string_equal(err, "missing argument.");
	assert_int_equal(sim_config_set(c, "interfaces lo0 unit", NULL, err,
	    sizeof err), -1);
	assert_false(sim_config_has(c, "system"));
	assert_false(sim_config_has(c, "interfaces"));
	sim_config_free(c);
}

static void
test_set_words_after_value_fail(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_set(c, "system host-name a b", NULL, err,
	    sizeof err), -1);
	assert_string_equal(err, "syntax error.");
	assert_false(sim_config_has(c, "system"));
	sim_config_free(c);
}

static void
test_set_unknown_statement_renders_generically(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	set_ok(c, "system processes dhcp-service disable");
	assert_show(c, NULL, false,
	    "system {\n"
	    "    processes {\n"
	    "        dhcp-service {\n"
	    "            disable;\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	sim_config_free(c);
}

static void
test_set_without_error_buffer_fails_quietly(void **state)
{
	struct sim_config *c = sim_config_new();

	(void)state;
	assert_int_equal(sim_config_set(c, "", NULL, NULL, 0), -1);
	assert_int_equal(sim_config_delete(c, "system", NULL, NULL, 0), -1);
	sim_config_free(c);
}

static void
test_set_unterminated_quote_is_rejected(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_set(c, "system login message \"hello",
	    NULL, err, sizeof err), -1);
	assert_string_equal(err, "syntax error.");
	assert_false(sim_config_has(c, "system"));
	sim_config_free(c);
}

static void
test_set_control_characters_are_rejected(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_set(c, "system host-name a\nb", NULL, err,
	    sizeof err), -1);
	assert_string_equal(err, "syntax error.");
	assert_int_equal(sim_config_set(c, "system host-name \x1b[2J",
	    NULL, err, sizeof err), -1);
	assert_int_equal(sim_config_set(c, "system host-name a\x7f", NULL, err,
	    sizeof err), -1);
	assert_false(sim_config_has(c, "system"));
	sim_config_free(c);
}

static void
test_long_garbage_input_is_rejected_or_stored_safely(void **state)
{
	struct sim_config *c = sim_config_new();
	struct sim_buf b = SIM_BUF_INIT;
	size_t big = 100000, i;
	char *s = malloc(big + 1);
	char err[64];
	unsigned x = 12345;

	(void)state;
	assert_non_null(s);
	/* Random bytes, NULs aside: refused, nothing kept. */
	for (i = 0; i < big; i++) {
		x = x * 1103515245u + 12345u;
		s[i] = (char)((x >> 16) % 255 + 1);
	}
	s[big] = '\0';
	assert_int_equal(sim_config_set(c, s, NULL, err, sizeof err), -1);
	assert_int_equal(sim_config_delete(c, s, NULL, err, sizeof err), -1);
	assert_false(sim_config_has(c, s));
	assert_null(sim_config_value(c, s));
	assert_int_equal(sim_config_show(c, s, false, NULL, &b), -2);
	/* A very long statement: refused. */
	memset(s, 'a', big);
	assert_int_equal(sim_config_set(c, s, NULL, err, sizeof err), -1);
	/* Too many words: refused. */
	for (i = 0; i < big; i++)
		s[i] = i % 2 ? ' ' : 'w';
	assert_int_equal(sim_config_set(c, s, NULL, err, sizeof err), -1);
	/* A long word within the bounds: kept and shown as it was given. */
	memcpy(s, "protocols ", 10);
	memset(s + 10, 'x', 4000);
	s[4010] = '\0';
	set_ok(c, s);
	assert_int_equal(sim_config_show(c, "protocols", false, NULL, &b), 0);
	assert_int_equal(b.len, 4002);
	assert_memory_equal(b.data, s + 10, 4000);
	assert_string_equal(b.data + 4000, ";\n");
	/* Quotes, brackets and semicolons are only characters. */
	set_ok(c, "snmp location \"a;b { c } [ d ]\"");
	set_ok(c, "protocols \"\" \"\"");
	set_ok(c, "protocols { } ; [");
	sim_buf_reset(&b);
	assert_int_equal(sim_config_show(c, "snmp", false, NULL, &b), 0);
	assert_string_equal(sim_buf_str(&b), "location \"a;b { c } [ d ]\";\n");
	sim_buf_free(&b);
	free(s);
	sim_config_free(c);
}

static void
test_database_size_is_bounded(void **state)
{
	struct sim_config *c = sim_config_new();
	char line[64], err[128] = "";
	int i, rc = 0;

	(void)state;
	for (i = 0; i < 100000 && rc == 0; i++) {
		snprintf(line, sizeof line, "snmp community c%d", i);
		rc = sim_config_set(c, line, NULL, err, sizeof err);
	}
	assert_int_equal(rc, -1);
	assert_string_equal(err, "error: configuration database full");
	assert_true(i < 100000);
	/* Room comes back with a delete. */
	assert_int_equal(sim_config_delete(c, "snmp",
	    NULL, err, sizeof err), 0);
	set_ok(c, "system host-name r1");
	sim_config_free(c);
}

/* ---- the schema: closed levels -------------------------------------- */

/* Asserts that `set words` fails with msg, the caret on word bad, and
 * leaves the configuration as it was. */
static void
assert_set_refused(const char *words, const char *msg, size_t bad)
{
	struct sim_config *c = default_chassis_config();
	struct sim_config *before = sim_config_dup(c);
	char err[128] = "";
	size_t at = SIZE_MAX - 1;

	if (sim_config_set(c, words, &at, err, sizeof err) != -1)
		fail_msg("set %s: accepted", words);
	if (strcmp(err, msg) != 0 || at != bad)
		fail_msg("set %s: \"%s\" at %zu, want \"%s\" at %zu",
		    words, err, at, msg, bad);
	assert_true(sim_config_equal(before, c));
	sim_config_free(before);
	sim_config_free(c);
}

static void
test_set_unknown_keyword_under_chassis_is_refused(void **state)
{
	(void)state;
	assert_set_refused("chassis frobnicate", "syntax error.", 1);
	assert_set_refused("chassis frobnicate graceful-switchover",
	    "syntax error.", 1);
	assert_set_refused("groups re0 chassis frobnicate", "syntax error.",
	    3);
}

static void
test_set_unknown_keyword_under_redundancy_is_refused(void **state)
{
	(void)state;
	assert_set_refused("chassis redundancy graceful-switch",
	    "syntax error.", 2);
	assert_set_refused("chassis redundancy nonstop-routing",
	    "syntax error.", 2);
}

static void
test_set_unknown_keyword_at_other_closed_levels_is_refused(void **state)
{
	(void)state;
	assert_set_refused("frobnicate", "syntax error.", 0);
	assert_set_refused("system frobnicate", "syntax error.", 1);
	assert_set_refused("system commit synchronise", "syntax error.", 2);
	assert_set_refused("system internet-options no-tcp-resets",
	    "syntax error.", 2);
	assert_set_refused("routing-options nonstop-routeing",
	    "syntax error.", 1);
	assert_set_refused("routing-options graceful-switchover",
	    "syntax error.", 1);
	assert_set_refused("groups re1 frobnicate", "syntax error.", 2);
}

static void
test_set_value_on_valueless_leaf_is_refused(void **state)
{
	(void)state;
	assert_set_refused("chassis redundancy graceful-switchover foo",
	    "syntax error.", 3);
	assert_set_refused("routing-options nonstop-routing yes",
	    "syntax error.", 2);
	assert_set_refused("system commit synchronize now", "syntax error.",
	    3);
	assert_set_refused("system switchover-on-routing-crash x",
	    "syntax error.", 2);
}

static void
test_set_value_outside_its_choices_is_refused(void **state)
{
	(void)state;
	assert_set_refused("chassis redundancy routing-engine 0 primary",
	    "syntax error.", 4);
	assert_set_refused("system internet-options no-tcp-reset drop-some",
	    "syntax error.", 3);
}

static void
test_set_words_after_value_point_at_first_extra_word(void **state)
{
	(void)state;
	assert_set_refused("system host-name a b", "syntax error.", 3);
	assert_set_refused("chassis redundancy routing-engine 0 master now",
	    "syntax error.", 5);
}

static void
test_set_missing_value_points_past_the_keyword(void **state)
{
	(void)state;
	assert_set_refused("system host-name", "missing argument.", 2);
	assert_set_refused("chassis redundancy keepalive-time",
	    "missing argument.", 3);
	assert_set_refused("chassis redundancy routing-engine 0",
	    "missing argument.", 4);
	assert_set_refused("chassis redundancy routing-engine",
	    "missing argument.", 3);
	assert_set_refused("system internet-options no-tcp-reset",
	    "missing argument.", 3);
	assert_set_refused("interfaces lo0 unit", "missing argument.", 3);
}

static void
test_set_empty_statement_points_at_the_end(void **state)
{
	(void)state;
	assert_set_refused("",
	    "syntax error, expecting <statement> or <identifier>.", 0);
}

static void
test_set_accepts_every_default_statement(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128];
	size_t i, bad;

	(void)state;
	for (i = 0; i < sizeof default_config / sizeof default_config[0];
	    i++) {
		bad = 42;
		err[0] = '\0';
		if (sim_config_set(c, default_config[i], &bad, err,
		    sizeof err) != 0)
			fail_msg("set %s: %s at %zu", default_config[i], err,
			    bad);
		assert_int_equal(bad, 42);
	}
	sim_config_free(c);
}

static void
test_set_accepts_issu_prerequisites(void **state)
{
	static const char *const lines[] = {
		"chassis redundancy graceful-switchover",
		"chassis redundancy failover on-loss-of-keepalives",
		"chassis redundancy failover on-disk-failure",
		"chassis redundancy keepalive-time 300",
		"chassis redundancy routing-engine 0 master",
		"chassis redundancy routing-engine 1 backup",
		"chassis network-services enhanced-ip",
		"chassis fpc 0 pic 0 tunnel-services bandwidth 1g",
		"chassis aggregated-devices ethernet device-count 4",
		"routing-options nonstop-routing",
		"routing-options graceful-restart",
		"routing-options static route 0.0.0.0/0 next-hop 192.0.2.1",
		"system commit synchronize",
		"system commit fast-synchronize",
		"system switchover-on-routing-crash",
		"system internet-options no-tcp-reset drop-all-tcp",
		"system internet-options tcp-drop-synfin-set",
		"system host-name mx480",
		"system name-server 192.0.2.53",
		"system root-authentication encrypted-password \"$6$abc\"",
		"system login class ops permissions all",
		"system login user ops uid 2001",
		"system services ssh root-login deny",
		"system services netconf ssh",
		"system syslog host 192.0.2.5 any notice",
		"system ntp server 192.0.2.123 prefer",
		"system apply-groups re0",
		"groups re0 system host-name mx480-re0",
		"groups re0 chassis redundancy graceful-switchover",
		"version 17.3R3-S8.1",
	};
	struct sim_config *c = config_of(lines,
	    sizeof lines / sizeof lines[0]);

	(void)state;
	assert_string_equal(sim_config_value(c,
	    "system internet-options no-tcp-reset"), "drop-all-tcp");
	assert_show(c, "system internet-options", false,
	    "no-tcp-reset drop-all-tcp;\n"
	    "tcp-drop-synfin-set;\n");
	sim_config_free(c);
}

static void
test_open_levels_still_accept_arbitrary_statements(void **state)
{
	static const char *const lines[] = {
		"interfaces ge-0/0/0 frobnicate widely",
		"interfaces xe-1/2/3 unit 7 vlan-id 7",
		"protocols bgp group ibgp type internal",
		"protocols frobnicate anything at all",
		"policy-options policy-statement p term t then accept",
		"snmp whatever deep down",
		"system login anything-goes here",
		"chassis fpc 3 anything-goes here",
		"routing-options static frobnicate",
	};
	struct sim_config *c = config_of(lines,
	    sizeof lines / sizeof lines[0]);

	(void)state;
	assert_true(sim_config_has(c, "protocols frobnicate anything at all"));
	assert_true(sim_config_has(c, "chassis fpc 3 anything-goes here"));
	sim_config_free(c);
}

static void
test_delete_of_invalid_statement_is_a_syntax_error(void **state)
{
	struct sim_config *c = default_chassis_config();
	char err[128] = "";
	size_t bad = 42;

	(void)state;
	assert_int_equal(sim_config_delete(c, "chassis frobnicate", &bad, err,
	    sizeof err), -1);
	assert_string_equal(err, "syntax error.");
	assert_int_equal(bad, 1);
	assert_int_equal(sim_config_delete(c, "chassis redundancy failover",
	    &bad, err, sizeof err), -1);
	assert_string_equal(err, "warning: statement not found");
	assert_int_equal(bad, SIZE_MAX);
	sim_config_free(c);
}

static void
test_set_malformed_input_reports_the_word_at_fault(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "", line[512];
	size_t bad = 0, i;

	(void)state;
	assert_int_equal(sim_config_set(c, "system login message \"hello",
	    &bad, err, sizeof err), -1);
	assert_int_equal(bad, 3);
	assert_int_equal(sim_config_set(c, "system host-name a\nb", &bad,
	    err, sizeof err), -1);
	assert_int_equal(bad, SIZE_MAX);
	/* 65 words: the caret on the first one too many. */
	strcpy(line, "protocols");
	for (i = 1; i < 65; i++)
		strcat(line, " w");
	assert_int_equal(sim_config_set(c, line, &bad, err, sizeof err), -1);
	assert_int_equal(bad, 64);
	sim_config_free(c);
}

/* ---- delete ---------------------------------------------------------- */

static void
test_delete_removes_statement_and_below(void **state)
{
	struct sim_config *c = default_chassis_config();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(c, "chassis redundancy", NULL, err,
	    sizeof err), 0);
	assert_false(sim_config_has(c, "chassis"));
	assert_false(sim_config_has(c,
	    "chassis redundancy graceful-switchover"));
	assert_true(sim_config_has(c, "system commit synchronize"));
	sim_config_free(c);
}

static void
test_delete_missing_statement_warns(void **state)
{
	struct sim_config *c = default_chassis_config();
	struct sim_config *before = sim_config_dup(c);
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(c, "snmp community public",
	    NULL, err, sizeof err), -1);
	assert_string_equal(err, "warning: statement not found");
	err[0] = '\0';
	assert_int_equal(sim_config_delete(c, "chassis redundancy failover",
	    NULL, err, sizeof err), -1);
	assert_string_equal(err, "warning: statement not found");
	assert_true(sim_config_equal(before, c));
	sim_config_free(before);
	sim_config_free(c);
}

static void
test_delete_value_mismatch_warns(void **state)
{
	struct sim_config *c = default_chassis_config();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(c,
	    "chassis redundancy routing-engine 0 backup",
	    NULL, err, sizeof err), -1);
	assert_string_equal(err, "warning: statement not found");
	assert_int_equal(sim_config_delete(c,
	    "chassis redundancy routing-engine 0 master",
	    NULL, err, sizeof err), 0);
	assert_false(sim_config_has(c, "chassis redundancy routing-engine 0"));
	assert_true(sim_config_has(c, "chassis redundancy routing-engine 1"));
	sim_config_free(c);
}

static void
test_delete_prunes_levels_left_empty(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "";

	(void)state;
	set_ok(c, "system host-name r1");
	set_ok(c, "chassis redundancy graceful-switchover");
	assert_int_equal(sim_config_delete(c,
	    "chassis redundancy graceful-switchover",
	    NULL, err, sizeof err), 0);
	assert_show(c, NULL, false, "system {\n    host-name r1;\n}\n");
	sim_config_free(c);
}

static void
test_delete_keeps_explicitly_set_level(void **state)
{
	struct sim_config *c = sim_config_new();
	char err[128] = "";

	(void)state;
	set_ok(c, "protocols ospf");
	set_ok(c, "protocols ospf area 0.0.0.0 interface lo0.0");
	assert_int_equal(sim_config_delete(c, "protocols ospf area 0.0.0.0",
	    NULL, err, sizeof err), 0);
	assert_show(c, NULL, false, "protocols {\n    ospf;\n}\n");
	sim_config_free(c);
}

static void
test_delete_one_apply_groups_value(void **state)
{
	struct sim_config *c = default_chassis_config();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(c, "apply-groups re0", NULL, err,
	    sizeof err), 0);
	assert_false(sim_config_has(c, "apply-groups re0"));
	assert_true(sim_config_has(c, "apply-groups re1"));
	assert_int_equal(sim_config_delete(c, "apply-groups re0", NULL, err,
	    sizeof err), -1);
	assert_int_equal(sim_config_delete(c, "apply-groups", NULL, err,
	    sizeof err), 0);
	assert_false(sim_config_has(c, "apply-groups"));
	sim_config_free(c);
}

static void
test_delete_keyword_without_identifier_removes_all(void **state)
{
	struct sim_config *c = default_chassis_config();
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(c, "chassis redundancy "
	    "routing-engine", NULL, err, sizeof err), 0);
	assert_show(c, "chassis", false,
	    "redundancy {\n    graceful-switchover;\n}\n");
	sim_config_free(c);
}

static void
test_delete_then_set_restores_the_configuration(void **state)
{
	struct sim_config *c = default_chassis_config();
	struct sim_config *before = sim_config_dup(c);
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(c, "system syslog", NULL, err,
	    sizeof err), 0);
	assert_false(sim_config_equal(before, c));
	set_ok(c, "system syslog file messages any notice");
	set_ok(c, "system syslog file interactive-commands "
	    "interactive-commands any");
	assert_true(sim_config_equal(before, c));
	sim_config_free(before);
	sim_config_free(c);
}

/* ---- show | compare -------------------------------------------------- */

static void
test_compare_shows_added_gres(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate;
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(committed,
	    "chassis redundancy graceful-switchover",
	    NULL, err, sizeof err), 0);
	candidate = sim_config_dup(committed);
	set_ok(candidate, "chassis redundancy graceful-switchover");
	assert_compare(committed, candidate,
	    "[edit chassis redundancy]\n"
	    "+    graceful-switchover;\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_shows_new_container_with_braces(void **state)
{
	struct sim_config *committed = sim_config_new();
	struct sim_config *candidate;

	(void)state;
	set_ok(committed, "system host-name r1");
	candidate = sim_config_dup(committed);
	set_ok(candidate, "system commit synchronize");
	set_ok(candidate, "chassis redundancy graceful-switchover");
	assert_compare(committed, candidate,
	    "[edit system]\n"
	    "+   commit {\n"
	    "+       synchronize;\n"
	    "+   }\n"
	    "[edit]\n"
	    "+  chassis {\n"
	    "+      redundancy {\n"
	    "+          graceful-switchover;\n"
	    "+      }\n"
	    "+  }\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_shows_removed_statement(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate = sim_config_dup(committed);
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(candidate,
	    "routing-options nonstop-routing", NULL, err, sizeof err), 0);
	assert_compare(committed, candidate,
	    "[edit routing-options]\n"
	    "-   nonstop-routing;\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_shows_changed_value_as_minus_plus(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate = sim_config_dup(committed);

	(void)state;
	set_ok(candidate, "system time-zone Europe/Paris");
	assert_compare(committed, candidate,
	    "[edit system]\n"
	    "-   time-zone UTC;\n"
	    "+   time-zone Europe/Paris;\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_shows_changed_list_as_whole_lines(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate = sim_config_dup(committed);
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(candidate, "apply-groups re1",
	    NULL, err, sizeof err), 0);
	assert_compare(committed, candidate,
	    "[edit]\n"
	    "-  apply-groups [ re0 re1 ];\n"
	    "+  apply-groups re0;\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_of_equal_configs_is_empty(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate = sim_config_dup(committed);

	(void)state;
	assert_compare(committed, candidate, "");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_groups_changes_under_deepest_existing_parent(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate = sim_config_dup(committed);

	(void)state;
	set_ok(candidate, "protocols ospf area 0.0.0.0 interface ge-0/0/1.0");
	set_ok(candidate, "protocols ospf area 0.0.0.0 interface ge-0/0/2.0 "
	    "metric 10");
	set_ok(candidate, "protocols ospf area 0.0.0.1 interface ge-0/0/3.0");
	assert_compare(committed, candidate,
	    "[edit protocols ospf area 0.0.0.0]\n"
	    "+     interface ge-0/0/1.0;\n"
	    "+     interface ge-0/0/2.0 {\n"
	    "+         metric 10;\n"
	    "+     }\n"
	    "[edit protocols ospf]\n"
	    "+    area 0.0.0.1 {\n"
	    "+        interface ge-0/0/3.0;\n"
	    "+    }\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_repeats_header_after_a_deeper_change(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate = sim_config_dup(committed);
	char err[128] = "";

	(void)state;
	assert_int_equal(sim_config_delete(candidate, "system commit",
	    NULL, err, sizeof err), 0);
	set_ok(candidate, "system ntp server 192.0.2.124");
	set_ok(candidate, "system host-name r1");
	assert_compare(committed, candidate,
	    "[edit system]\n"
	    "-   commit {\n"
	    "-       synchronize;\n"
	    "-   }\n"
	    "[edit system ntp]\n"
	    "+    server 192.0.2.124;\n"
	    "[edit system]\n"
	    "+   host-name r1;\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

static void
test_compare_shows_group_changes_under_group_path(void **state)
{
	struct sim_config *committed = default_chassis_config();
	struct sim_config *candidate = sim_config_dup(committed);

	(void)state;
	set_ok(candidate, "groups re1 system host-name other-re1");
	assert_compare(committed, candidate,
	    "[edit groups re1 system]\n"
	    "-     host-name mx480-re1;\n"
	    "+     host-name other-re1;\n");
	sim_config_free(committed);
	sim_config_free(candidate);
}

/* ---- has, value, equal, dup ------------------------------------------ */

static void
test_has_matches_prefix_on_word_boundaries(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_true(sim_config_has(c, "chassis"));
	assert_true(sim_config_has(c, "chassis redundancy"));
	assert_true(sim_config_has(c,
	    "chassis redundancy graceful-switchover"));
	assert_true(sim_config_has(c, "routing-options nonstop-routing"));
	assert_true(sim_config_has(c, "system commit synchronize"));
	assert_false(sim_config_has(c, "chassis redund"));
	assert_false(sim_config_has(c, "chassis redundancy graceful"));
	assert_false(sim_config_has(c, "chassis redundancy "
	    "graceful-switchover extra"));
	assert_false(sim_config_has(c, ""));
	assert_false(sim_config_has(c, NULL));
	sim_config_free(c);
}

static void
test_has_checks_values_and_identifiers(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_true(sim_config_has(c, "apply-groups re1"));
	assert_false(sim_config_has(c, "apply-groups re2"));
	assert_true(sim_config_has(c, "chassis redundancy routing-engine"));
	assert_true(sim_config_has(c, "chassis redundancy routing-engine 1"));
	assert_true(sim_config_has(c,
	    "chassis redundancy routing-engine 1 backup"));
	assert_false(sim_config_has(c,
	    "chassis redundancy routing-engine 1 master"));
	assert_true(sim_config_has(c, "groups re0 system host-name mx480-re0"));
	sim_config_free(c);
}

static void
test_value_returns_leaf_value(void **state)
{
	struct sim_config *c = default_chassis_config();

	(void)state;
	assert_string_equal(sim_config_value(c,
	    "groups re0 system host-name"), "mx480-re0");
	assert_string_equal(sim_config_value(c, "system time-zone"), "UTC");
	assert_string_equal(sim_config_value(c,
	    "chassis redundancy routing-engine 1"), "backup");
	assert_null(sim_config_value(c, "system host-name"));
	assert_null(sim_config_value(c, "chassis redundancy"));
	assert_null(sim_config_value(c, "routing-options nonstop-routing"));
	assert_null(sim_config_value(c, NULL));
	sim_config_free(c);
}

static void
test_equal_ignores_entry_order(void **state)
{
	struct sim_config *a = sim_config_new(), *b = sim_config_new();

	(void)state;
	set_ok(a, "system host-name r1");
	set_ok(a, "chassis redundancy graceful-switchover");
	set_ok(b, "chassis redundancy graceful-switchover");
	set_ok(b, "system host-name r1");
	assert_true(sim_config_equal(a, b));
	set_ok(b, "system host-name r2");
	assert_false(sim_config_equal(a, b));
	sim_config_free(a);
	sim_config_free(b);
}

static void
test_equal_sees_apply_groups_order(void **state)
{
	struct sim_config *a = sim_config_new(), *b = sim_config_new();

	(void)state;
	set_ok(a, "apply-groups re0");
	set_ok(a, "apply-groups re1");
	set_ok(b, "apply-groups re1");
	set_ok(b, "apply-groups re0");
	assert_false(sim_config_equal(a, b));
	sim_config_free(a);
	sim_config_free(b);
}

static void
test_dup_is_equal_and_independent(void **state)
{
	struct sim_config *c = default_chassis_config();
	struct sim_config *d = sim_config_dup(c);

	(void)state;
	assert_true(sim_config_equal(c, d));
	set_ok(d, "system host-name changed");
	assert_false(sim_config_equal(c, d));
	assert_false(sim_config_has(c, "system host-name"));
	assert_show(c, NULL, false, default_show);
	sim_config_free(c);
	sim_config_free(d);
}

static void
test_free_accepts_null(void **state)
{
	(void)state;
	sim_config_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_show_renders_default_chassis_configuration_exactly),
		cmocka_unit_test(test_show_renders_hierarchy_with_braces),
		cmocka_unit_test(test_show_orders_top_level_like_junos),
		cmocka_unit_test(
		    test_show_keeps_insertion_order_inside_a_level),
		cmocka_unit_test(
		    test_show_orders_group_contents_like_the_top_level),
		cmocka_unit_test(
		    test_show_renders_single_apply_group_without_brackets),
		cmocka_unit_test(test_show_renders_apply_groups_as_list),
		cmocka_unit_test(
		    test_show_renders_routing_engine_role_on_one_line),
		cmocka_unit_test(
		    test_show_renders_syslog_facility_with_severity),
		cmocka_unit_test(
		    test_show_renders_childless_identifier_as_one_line),
		cmocka_unit_test(
		    test_show_renders_ntp_server_options_on_its_line),
		cmocka_unit_test(test_show_keeps_quotes_of_quoted_value),
		cmocka_unit_test(test_show_path_prints_subtree_only),
		cmocka_unit_test(
		    test_show_path_matches_reference_routing_options),
		cmocka_unit_test(
		    test_show_path_display_set_matches_reference_chassis_fpc),
		cmocka_unit_test(test_show_path_of_leaf_prints_the_leaf),
		cmocka_unit_test(
		    test_show_path_display_set_prints_full_set_lines),
		cmocka_unit_test(
		    test_show_keyword_without_identifier_prints_every_instance),
		cmocka_unit_test(
		    test_show_valid_unconfigured_path_returns_minus_one),
		cmocka_unit_test(
		    test_show_invalid_path_returns_minus_two_with_bad_word),
		cmocka_unit_test(test_show_empty_configuration_prints_nothing),
		cmocka_unit_test(
		    test_show_and_compare_leave_a_string_even_when_empty),
		cmocka_unit_test(
		    test_display_set_lists_apply_groups_separately),
		cmocka_unit_test(
		    test_display_set_gives_back_the_default_statements),
		cmocka_unit_test(test_display_set_follows_tree_order),
		cmocka_unit_test(test_set_duplicate_is_noop),
		cmocka_unit_test(test_set_leaf_value_replaces),
		cmocka_unit_test(test_set_routing_engine_role_replaces),
		cmocka_unit_test(test_set_second_address_adds),
		cmocka_unit_test(test_set_empty_statement_fails),
		cmocka_unit_test(test_set_missing_value_fails),
		cmocka_unit_test(test_set_words_after_value_fail),
		cmocka_unit_test(
		    test_set_unknown_statement_renders_generically),
		cmocka_unit_test(test_set_without_error_buffer_fails_quietly),
		cmocka_unit_test(test_set_unterminated_quote_is_rejected),
		cmocka_unit_test(test_set_control_characters_are_rejected),
		cmocka_unit_test(
		    test_long_garbage_input_is_rejected_or_stored_safely),
		cmocka_unit_test(test_database_size_is_bounded),
		cmocka_unit_test(
		    test_set_unknown_keyword_under_chassis_is_refused),
		cmocka_unit_test(
		    test_set_unknown_keyword_under_redundancy_is_refused),
		cmocka_unit_test(
		    test_set_unknown_keyword_at_other_closed_levels_is_refused),
		cmocka_unit_test(test_set_value_on_valueless_leaf_is_refused),
		cmocka_unit_test(test_set_value_outside_its_choices_is_refused),
		cmocka_unit_test(
		    test_set_words_after_value_point_at_first_extra_word),
		cmocka_unit_test(
		    test_set_missing_value_points_past_the_keyword),
		cmocka_unit_test(test_set_empty_statement_points_at_the_end),
		cmocka_unit_test(test_set_accepts_every_default_statement),
		cmocka_unit_test(test_set_accepts_issu_prerequisites),
		cmocka_unit_test(
		    test_open_levels_still_accept_arbitrary_statements),
		cmocka_unit_test(
		    test_delete_of_invalid_statement_is_a_syntax_error),
		cmocka_unit_test(
		    test_set_malformed_input_reports_the_word_at_fault),
		cmocka_unit_test(test_delete_removes_statement_and_below),
		cmocka_unit_test(test_delete_missing_statement_warns),
		cmocka_unit_test(test_delete_value_mismatch_warns),
		cmocka_unit_test(test_delete_prunes_levels_left_empty),
		cmocka_unit_test(test_delete_keeps_explicitly_set_level),
		cmocka_unit_test(test_delete_one_apply_groups_value),
		cmocka_unit_test(
		    test_delete_keyword_without_identifier_removes_all),
		cmocka_unit_test(
		    test_delete_then_set_restores_the_configuration),
		cmocka_unit_test(test_compare_shows_added_gres),
		cmocka_unit_test(test_compare_shows_new_container_with_braces),
		cmocka_unit_test(test_compare_shows_removed_statement),
		cmocka_unit_test(
		    test_compare_shows_changed_value_as_minus_plus),
		cmocka_unit_test(
		    test_compare_shows_changed_list_as_whole_lines),
		cmocka_unit_test(test_compare_of_equal_configs_is_empty),
		cmocka_unit_test(
		    test_compare_groups_changes_under_deepest_existing_parent),
		cmocka_unit_test(
		    test_compare_repeats_header_after_a_deeper_change),
		cmocka_unit_test(
		    test_compare_shows_group_changes_under_group_path),
		cmocka_unit_test(test_has_matches_prefix_on_word_boundaries),
		cmocka_unit_test(test_has_checks_values_and_identifiers),
		cmocka_unit_test(test_value_returns_leaf_value),
		cmocka_unit_test(test_equal_ignores_entry_order),
		cmocka_unit_test(test_equal_sees_apply_groups_order),
		cmocka_unit_test(test_dup_is_equal_and_independent),
		cmocka_unit_test(test_free_accepts_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
