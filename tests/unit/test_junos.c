/*
 * test_junos.c - the Junos parsers against real captures
 * (shared/reference/junos/, found through $JUNOS_REFERENCE) and against
 * outputs they must refuse.
 *
 * Every .txt in a folder that belongs to a parser is listed in a table below
 * with the values it must give; test_reference_files_all_listed fails when a
 * capture is added without its row.  Captures are fed as published except
 * where the .src documents an artefact of publication, which is then undone
 * (and only that):
 *   NORM_ANNOTATED   an author's ">>> note" appended to a line is cut
 *   NORM_WRAPPER     a fixture's <output>...</output> lines are dropped
 *   NORM_TRAILING_GT an authoring " >" after the last line is dropped
 *   NORM_LOAD_SPACE  "0. 04" (a document conversion) reads "0.04"
 *   NORM_SNIPPED     an author's "...<snipped>..." line is dropped
 * and `from` starts a capture of a whole session at one command's prompt.
 * The same captures without the normalisation must be refused (or, for the
 * " >", read as not ready): the parsers do not paper over them themselves.
 * BLANKLINE_ARTIFACTS files need nothing: blank lines carry no meaning to any
 * parser, so they are read as published.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tests/unit/reference.h"

#include "procedure/junos.h"

enum {
	NORM_ANNOTATED = 1 << 0,
	NORM_WRAPPER = 1 << 1,
	NORM_TRAILING_GT = 1 << 2,
	NORM_LOAD_SPACE = 1 << 3,
	NORM_SNIPPED = 1 << 4,
};

struct text {
	char *p;
	size_t len;
};

/* ---- helpers --------------------------------------------------------------- */

static const char *
reference_dir(void)
{
	return reference_dir_or_skip();
}

static struct text
load(const char *rel)
{
	char path[1024];
	struct text t = { NULL, 0 };
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s", reference_dir(), rel);
	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("%s: cannot open", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	t.p = malloc((size_t)n + 1);
	assert_non_null(t.p);
	t.len = fread(t.p, 1, (size_t)n, f);
	assert_int_equal(t.len, (size_t)n);
	t.p[t.len] = '\0';
	fclose(f);
	return t;
}

/* Undo the publication artefacts named in `norm`, line by line; `from`
 * (or NULL) drops everything before the first line that contains it. */
static struct text
normalise(struct text in, unsigned norm, const char *from)
{
	struct text out;
	const char *p = in.p, *end = in.p + in.len;
	size_t o = 0;

	out.p = malloc(in.len + 1);
	assert_non_null(out.p);
	if (from != NULL) {
		const char *at = strstr(in.p, from);

		if (at == NULL)
			fail_msg("no \"%s\" in the capture", from);
		while (at > in.p && at[-1] != '\n')
			at--;
		p = at;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end, *cut;
		size_t n = (size_t)(e - p), i;
		char line[2048];

		assert_true(n < sizeof line);
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl != NULL ? nl + 1 : end;
		if ((norm & NORM_WRAPPER) && (strstr(line, "<output>") ||
		    strstr(line, "</output>")))
			continue;
		if ((norm & NORM_SNIPPED) && strstr(line, "<snipped>"))
			continue;
		if ((norm & NORM_ANNOTATED) && (cut = strstr(line, ">>>")))
			line[cut - line] = '\0';
		n = strlen(line);
		if ((norm & NORM_TRAILING_GT) && n >= 2 &&
		    strcmp(line + n - 2, " >") == 0)
			line[n -= 2] = '\0';
		if (norm & NORM_LOAD_SPACE) {
			for (i = 0; i + 2 < n; i++) {
				if (line[i] == '.' && line[i + 1] == ' ' &&
				    line[i + 2] >= '0' && line[i + 2] <= '9' &&
				    i > 0 && line[i - 1] >= '0' &&
				    line[i - 1] <= '9') {
					memmove(line + i + 1, line + i + 2,
					    n - i - 1);
					n--;
				}
			}
		}
		memcpy(out.p + o, line, n);
		o += n;
		if (nl != NULL)
			out.p[o++] = '\n';
	}
	out.p[o] = '\0';
	out.len = o;
	free(in.p);
	return out;
}

static struct text
reference(const char *rel, unsigned norm, const char *from)
{
	struct text t = load(rel);

	if (norm == 0 && from == NULL)
		return t;
	return normalise(t, norm, from);
}

/* err says "line N: \"QUOTE...\"" (quote a prefix of the line as quoted). */
static void
assert_err_line(const char *err, unsigned line, const char *quote)
{
	char want[256];

	snprintf(want, sizeof want, "line %u: \"%s", line, quote);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("error \"%s\", wanted it to start with '%s'", err,
		    want);
}

static void
assert_err_end(const char *err, const char *part)
{
	if (strncmp(err, "end of input (after line ", 25) != 0 ||
	    strstr(err, part) == NULL)
		fail_msg("error \"%s\", wanted an end-of-input error with "
		    "\"%s\"", err, part);
}

static void
assert_err_names_line(const char *err)
{
	if (strncmp(err, "line ", 5) != 0 &&
	    strncmp(err, "end of input (after line ", 25) != 0)
		fail_msg("error \"%s\" names no line", err);
}

#define S(lit) (lit), (sizeof(lit) - 1)

/* ---- show version -------------------------------------------------------- */

struct version_expect {
	const char *name, *hostname, *model, *version;
};

static const struct version_case {
	const char *file;
	unsigned norm;
	const char *from;
	size_t nsections;
	struct version_expect s[2];
} version_cases[] = {
	{ "show_version/genie_ex4200-24p_18.2R2-S1_fpc0.txt", 0, NULL, 1,
	    { { "fpc0", "JunosHostname-1", "ex4200-24p", "18.2R2-S1" } } },
	{ "show_version/genie_vmx_19.2R1.8_invoke_on_all_re.txt", 0, NULL, 1,
	    { { "re0", "sr_hktGDS201", "vmx", "19.2R1.8" } } },
	{ "show_version/mx480_12.3R8.7_invoke_on_all_re_match_hostname_boot.txt",
	    0, NULL, 2,
	    { { "", "MX480-TEST-RE0", "", "12.3R8.7" },
	      { "", "MX480-TEST-RE1", "", "12.3R8.7" } } },
	{ "show_version/mx480_13.3R6.5_invoke_on_all_re_match_hostname_boot_on_backup.txt",
	    0, NULL, 2,
	    { { "", "MX480-TEST-RE0", "", "13.3R6.5" },
	      { "", "MX480-TEST-RE1", "", "" } } },
	{ "show_version/mx480_17.3R3-S8.1_invoke_on_all_re_match_filtered.txt",
	    0, NULL, 1, { { "re0", "ME_AR02.GAZ185_RE0", "", "17.3R3-S8.1" } } },
	{ "show_version/noc_ex4200-24t_10.4R6.5_fpc0.txt", 0, NULL, 2,
	    { { "fpc0", "x13-core", "ex4200-24t", "10.4R6.5" },
	      { "fpc1", "x13-core", "ex4200-24t", "10.4R6.5" } } },
	{ "show_version/noc_mx480_10.2R2.11.txt", 0, NULL, 1,
	    { { "", "router1", "mx480", "10.2R2.11" } } },
	{ "show_version/noc_mx480_10.4R6.5.txt", 0, NULL, 1,
	    { { "", "r1", "mx480", "10.4R6.5" } } },
	{ "show_version/noc_mx480_9.3R4.4.txt", 0, NULL, 1,
	    { { "", "pe-1-mx", "mx480", "9.3R4.4" } } },
	/* No "Junos:" nor "JUNOS Base OS boot" line: the release only shows in
	 * "JUNOS EX  Software Suite [...]", which is not a source we trust. */
	{ "show_version/ntc_ex4550_vc_13.2X51.txt", 0, NULL, 2,
	    { { "fpc0", "lab", "ex4550-32f", "" },
	      { "fpc1", "lab", "ex4550-32f", "" } } },
	{ "show_version/ntc_qfx5100_21.4R3-S3.4.txt", 0, NULL, 1,
	    { { "fpc0", "asxx.xx.xx", "qfx5100-48t-6q", "21.4R3-S3.4" } } },
	{ "show_version/ntc_srx1500_cluster_19.4R3-S1.3.txt", 0, NULL, 2,
	    { { "node0", "lab", "srx1500", "19.4R3-S1.3" },
	      { "node1", "lab", "srx1500", "19.4R3-S1.3" } } },
	/* Sessions: the show version inside them, up to the next prompt. */
	{ "login_banner_prompts/mx480_13.3R6.5_telnet_login_backup_after_issu.txt",
	    0, "play@MX480-TEST-RE0> show version", 2,
	    { { "", "MX480-TEST-RE0", "", "13.3R6.5" },
	      { "", "MX480-TEST-RE1", "", "" } } },
	/* A development build is not a release: no version. */
	{ "login_banner_prompts/m320_12.3dev_alecto_re0_master_show_version_uptime.txt",
	    NORM_SNIPPED, "lab@alecto-re0> show version", 1,
	    { { "", "alecto-re0", "m320", "" } } },
	/* No Hostname line: the release is still read. */
	{ "show_version/yandex_mx240_16.1R7.7_no_hostname_fixture.txt", 0, NULL,
	    1, { { "", "", "mx240", "16.1R7.7" } } },
	/* CRLF line ends from a telnet session; the 15.1F form. */
	{ "show_version/yandex_mx240_15.1F6.9_telnet_session_crlf.txt", 0,
	    NULL, 1, { { "", "", "mx240", "15.1F6.9" } } },
	/* "Family: junos" (24.x on) is set aside; an internal I build is not
	 * a release the console names. */
	{ "show_version/juniper_techpost_mx480_25.2I_family_line_TRUNCATED.txt",
	    0, NULL, 1, { { "", "rtme-mx-25", "mx480", "" } } },
	/* An image-type word after the release. */
	{ "show_version/yandex_qfx10016_20.4R3.8_flex_suffix.txt", 0, NULL, 1,
	    { { "", "sas-61d1", "qfx10016", "20.4R3.8" } } },
	{ "show_version/yandex_qfx5200_15.1X53-D234.2_localre_header.txt", 0,
	    NULL, 1, { { "localre", "vla1-5a1", "qfx5200-32c-32q",
	    "15.1X53-D234.2" } } },
};

static void
test_reference_show_version(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof version_cases / sizeof version_cases[0]; i++) {
		const struct version_case *vc = &version_cases[i];
		struct text t = reference(vc->file, vc->norm, vc->from);
		struct junos_version v;
		char err[256];

		if (junos_parse_version(t.p, t.len, &v, err, sizeof err) != 0)
			fail_msg("%s: %s", vc->file, err);
		if (v.nsections != vc->nsections)
			fail_msg("%s: %zu sections", vc->file, v.nsections);
		for (k = 0; k < vc->nsections; k++) {
			const struct version_expect *e = &vc->s[k];
			const struct junos_version_section *s = &v.section[k];

			if (strcmp(s->name, e->name) != 0 ||
			    strcmp(s->hostname, e->hostname) != 0 ||
			    strcmp(s->model, e->model) != 0 ||
			    strcmp(s->version, e->version) != 0)
				fail_msg("%s: section %zu read [%s] %s %s %s",
				    vc->file, k, s->name, s->hostname,
				    s->model, s->version);
		}
		free(t.p);
	}
}

/* A label line it does not know is set aside; an error line is not. */
static void
test_version_unknown_label_set_aside_error_refused(void **state)
{
	static const char family[] = "Hostname: r1\nModel: mx480\n"
	    "Family: junos\nSerial Number: JN11\nJunos: 24.2R1.17\n";
	static const char error[] = "Hostname: r1\nModel: mx480\n"
	    "error: the routing subsystem is not running\n"
	    "Junos: 24.2R1.17\n";
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(family), &v, err, sizeof err),
	    0);
	assert_string_equal(v.section[0].version, "24.2R1.17");
	assert_int_equal(junos_parse_version(S(error), &v, err, sizeof err),
	    -1);
	assert_err_names_line(err);
}

/* One lower-case word after the release is the image type; anything else
 * leaves the release unread rather than guessed. */
static void
test_version_image_type_after_release(void **state)
{
	static const struct {
		const char *out, *version;
	} cases[] = {
		{ "Hostname: q\nJunos: 20.4R3.8 flex\n", "20.4R3.8" },
		{ "Hostname: q\nJunos: 20.4R3.8 Flex\n", "" },
		{ "Hostname: q\nJunos: 20.4R3.8 flex 2\n", "" },
		{ "Hostname: q\nJunos: 20.4R3.8 (flex)\n", "" },
	};
	struct junos_version v;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(junos_parse_version(cases[i].out,
		    strlen(cases[i].out), &v, err, sizeof err), 0);
		assert_string_equal(v.section[0].version, cases[i].version);
	}
}

static void
test_version_build_stamp_is_never_a_release(void **state)
{
	static const char out[] =
	    "Hostname: r1\n"
	    "Model: mx480\n"
	    "JUNOS OS Kernel 64-bit  [20190517.f0321c3_builder_stable_11]\n"
	    "JUNOS Base OS boot [20190517.f0321c3_builder_stable_11]\n";
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(out), &v, err, sizeof err), 0);
	assert_string_equal(v.section[0].version, "");
	assert_string_equal(v.section[0].hostname, "r1");
}

static void
test_version_junos_line_not_a_release_kept_as_text(void **state)
{
	static const char out[] = "Hostname: R1_re01\nModel: mx960\n"
	    "Junos: 18.3I20180716_1639\n";
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(out), &v, err, sizeof err), 0);
	assert_string_equal(v.section[0].version, "");
	assert_string_equal(v.section[0].junos_line, "18.3I20180716_1639");
}

static void
test_version_software_release_srx(void **state)
{
	static const char out[] = "Hostname: fw1\nModel: srx650\n"
	    "JUNOS Software Release [10.4R2.7]\n";
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(out), &v, err, sizeof err), 0);
	assert_string_equal(v.section[0].version, "10.4R2.7");
}

static void
test_version_invoke_on_other_re_unreachable(void **state)
{
	static const char out[] =
	    "error: Could not connect to re0 : No route to host\n"
	    "re1:\n"
	    "--------------------------------------------------------------------------\n"
	    "Hostname: mx480-re1\nModel: mx480\nJunos: 17.3R3-S8.1\n";
	struct junos_version v;
	const struct junos_version_section *s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(out), &v, err, sizeof err), 0);
	assert_int_equal(v.nsections, 2);
	s = junos_version_section(&v, "re0");
	assert_non_null(s);
	assert_true(s->unreachable);
	s = junos_version_section(&v, "re1");
	assert_non_null(s);
	assert_false(s->unreachable);
	assert_string_equal(s->version, "17.3R3-S8.1");
	assert_null(junos_version_section(&v, "re2"));
}

static void
test_version_unknown_line(void **state)
{
	static const char out[] = "Hostname: r1\nModel: mx480\nFoo bar\n";
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(out), &v, err, sizeof err), -1);
	assert_string_equal(err,
	    "line 3: \"Foo bar\": not a show version line");
}

static void
test_version_header_twice_and_empty_section(void **state)
{
	static const char twice[] = "re0:\n-----------\nHostname: a\n"
	    "re0:\n-----------\nHostname: b\n";
	static const char cut[] = "re0:\n-----------\nHostname: a\n"
	    "Junos: 17.3R3-S8.1\n\nre1:\n----------\n";
	static const char dup[] = "re0:\n-----------\nHostname: a\n"
	    "Hostname: b\n";
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(twice), &v, err, sizeof err),
	    -1);
	assert_err_line(err, 4, "re0:");
	assert_int_equal(junos_parse_version(S(cut), &v, err, sizeof err), -1);
	assert_err_end(err, "section \"re1\" is empty");
	assert_int_equal(junos_parse_version(S(dup), &v, err, sizeof err), -1);
	assert_err_line(err, 4, "Hostname: b");
}

/* Two releases for one RE in old-style package lines: a refusal naming
 * the line, not the first one taken. */
static void
test_version_contradicting_boot_lines_are_refused(void **state)
{
	static const char two[] = "Hostname: r1\nModel: mx480\n"
	    "JUNOS Base OS boot [10.1R1.8]\n"
	    "JUNOS Base OS boot [10.3R2.11]\n";
	static const char same[] = "Hostname: r1\nModel: mx480\n"
	    "JUNOS Base OS boot [10.1R1.8]\n"
	    "JUNOS Software Release [10.1R1.8]\n";
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(S(two), &v, err, sizeof err), -1);
	assert_err_line(err, 4, "JUNOS Base OS boot [10.3R2.11]");
	assert_non_null(strstr(err, "says 10.3R2.11, a line above said "
	    "10.1R1.8"));
	assert_int_equal(junos_parse_version(S(same), &v, err, sizeof err), 0);
	assert_string_equal(v.section[0].version, "10.1R1.8");
}

static void
test_version_xml_is_not_cli_text(void **state)
{
	struct text t = reference("show_version_invoke_on_xml/"
	    "pyez_fixture_invoke_on_all_re_other_re_off_mx960_18.3I_XML.txt",
	    0, NULL);
	struct junos_version v;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_version(t.p, t.len, &v, err, sizeof err),
	    -1);
	assert_err_line(err, 1, "<rpc-reply>");
	free(t.p);
}

/* ---- show chassis routing-engine ------------------------------------------ */

struct re_expect {
	int slot;
	enum junos_re_role role;
	enum junos_priority priority;
	bool priority_default;
	long long uptime_s;
	const char *start_time, *reason;
};

static const struct re_case {
	const char *file;
	unsigned norm;
	size_t nslots;
	struct re_expect s[2];
} re_cases[] = {
	{ "show_chassis_routing_engine/genie_dual_RE-S-1800x4.txt", 0, 2, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER, true,
	      5 * 86400 + 3 * 3600 + 24 * 60 + 13, "2020-07-16 13:36:25 EST",
	      "Router rebooted after a normal shutdown." },
	    { 1, JUNOS_ROLE_BACKUP, JUNOS_PRIORITY_BACKUP, true,
	      5 * 86400 + 3 * 3600 + 23 * 60 + 59, "2020-07-16 13:36:22 EST",
	      "Router rebooted after a normal shutdown." } } },
	{ "show_chassis_routing_engine/genie_vmx_RE-VMX.txt", 0, 1, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER, true,
	      208 * 86400 + 23 * 3600 + 14 * 60 + 9, "2019-08-29 09:02:22 UTC",
	      "Router rebooted after a normal shutdown." } } },
	/* The "no-forwarding" form of the command, per-interval CPU blocks. */
	{ "show_chassis_routing_engine/genie_vmx_no_forwarding.txt", 0, 1, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER, true,
	      208 * 86400 + 23 * 3600 + 15 * 60 + 9, "2019-08-29 09:02:22 UTC",
	      "Router rebooted after a normal shutdown." } } },
	{ "show_chassis_routing_engine/m320_RE-A-1800x2_DESTTG1005ME2_re0_ANNOTATED.txt",
	    NORM_ANNOTATED, 1, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER, false,
	      4 * 86400 + 19 * 3600 + 12 * 60 + 23, "2014-05-21 12:51:54 EDT",
	      "Router rebooted after a normal shutdown." } } },
	{ "show_chassis_routing_engine/mx10003_RE-S-1600x8_junos_upgrader_fixture_dual_VALUES_EDITED.txt",
	    NORM_WRAPPER, 2, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER, true,
	      3 * 86400 + 22 * 3600 + 27 * 60 + 55, "2024-08-22 11:40:36 EDT",
	      "0x2000:hypervisor reboot" },
	    { 1, JUNOS_ROLE_BACKUP, JUNOS_PRIORITY_BACKUP, true,
	      3 * 86400 + 22 * 3600 + 18 * 60 + 16, "2024-08-22 11:50:04 EDT",
	      "0x4000:VJUNOS reboot" } } },
	/* "3 days, 17 hours, 27 seconds": zero minutes left out. */
	{ "show_chassis_routing_engine/mx304_re0_master_slot0.txt", 0, 1, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_MASTER, true,
	      3 * 86400 + 17 * 3600 + 27, "2023-03-20 09:12:20 PDT",
	      "0x4000:VJUNOS reboot" } } },
	/* Configured master (Election priority Master, no "(default)") came
	 * back as backup; "6 minutes, 25 seconds": days and hours left out. */
	{ "show_chassis_routing_engine/mx480_ME_AR03.GAZ080_full_after_re0_power_on_BLANKLINE_ARTIFACTS.txt",
	    NORM_LOAD_SPACE, 2, {
	    { 0, JUNOS_ROLE_BACKUP, JUNOS_PRIORITY_MASTER, false, 6 * 60 + 25,
	      "2021-12-25 12:32:49 CAT", "0x1:power cycle/failure" },
	    { 1, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_BACKUP, false,
	      466 * 86400 + 14 * 3600 + 41 * 60 + 34,
	      "2020-09-14 21:57:52 CAT",
	      "Router rebooted after a normal shutdown." } } },
	/* | match "slot|state|start": a Present slot has no start time nor
	 * uptime, and the filter leaves no priority or uptime anywhere. */
	{ "show_chassis_routing_engine/mx480_ME_AR03.GAZ080_slot0_present_match_BLANKLINE_ARTIFACTS.txt",
	    0, 2, {
	    { 0, JUNOS_ROLE_PRESENT, JUNOS_PRIORITY_NONE, false, -1, "", "" },
	    { 1, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_NONE, false, -1,
	      "2020-09-14 21:57:52 CAT", "" } } },
	{ "show_chassis_routing_engine/mx960_DC-L36-GTWY04_match_after_re0_crash_switchover.txt",
	    0, 2, {
	    { 0, JUNOS_ROLE_BACKUP, JUNOS_PRIORITY_NONE, false, -1,
	      "2022-04-03 08:29:18 ICT", "" },
	    { 1, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_NONE, false, -1,
	      "2021-08-01 13:05:36 ICT", "" } } },
	{ "show_chassis_routing_engine/mx_17.3R3-S8.1_ME_AR03.MAP018_match_before_power_off_BLANKLINE_ARTIFACTS.txt",
	    0, 2, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_NONE, false, -1,
	      "2020-09-11 23:31:07 CAT", "" },
	    { 1, JUNOS_ROLE_BACKUP, JUNOS_PRIORITY_NONE, false, -1,
	      "2020-09-11 23:20:51 CAT", "" } } },
	{ "show_chassis_routing_engine/mx_17.3R3-S8.1_ME_AR03.MAP018_slot1_present_after_power_off_other_re_BLANKLINE_ARTIFACTS.txt",
	    0, 2, {
	    { 0, JUNOS_ROLE_MASTER, JUNOS_PRIORITY_NONE, false, -1,
	      "2020-09-11 23:31:07 CAT", "" },
	    { 1, JUNOS_ROLE_PRESENT, JUNOS_PRIORITY_NONE, false, -1, "",
	      "" } } },
};

static void
test_reference_show_chassis_routing_engine(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof re_cases / sizeof re_cases[0]; i++) {
		const struct re_case *rc = &re_cases[i];
		struct text t = reference(rc->file, rc->norm, NULL);
		struct junos_routing_engine re;
		char err[256];

		if (junos_parse_routing_engine(t.p, t.len, &re, err,
		    sizeof err) != 0)
			fail_msg("%s: %s", rc->file, err);
		if (re.nslots != rc->nslots)
			fail_msg("%s: %zu slots", rc->file, re.nslots);
		for (k = 0; k < rc->nslots; k++) {
			const struct re_expect *e = &rc->s[k];
			const struct junos_re_slot *s = &re.slot[k];

			if (s->slot != e->slot || s->role != e->role ||
			    s->election_priority != e->priority ||
			    s->election_priority_default !=
			    e->priority_default || s->uptime_s != e->uptime_s ||
			    strcmp(s->start_time, e->start_time) != 0 ||
			    strcmp(s->last_reboot_reason, e->reason) != 0)
				fail_msg("%s: slot %d read %s %s%s %lld \"%s\" "
				    "\"%s\"", rc->file, s->slot,
				    junos_re_role_name(s->role),
				    junos_priority_name(s->election_priority),
				    s->election_priority_default ?
				    " (default)" : "", s->uptime_s,
				    s->start_time, s->last_reboot_reason);
		}
		free(t.p);
	}
}

/* The artefacts the table undoes are refused when left in. */
static void
test_reference_artefacts_refused_unnormalised(void **state)
{
	static const struct {
		const char *file;
		unsigned line;
		const char *quote;
	} cases[] = {
		{ "show_chassis_routing_engine/m320_RE-A-1800x2_DESTTG1005ME2_re0_ANNOTATED.txt",
		    16, "Idle                       0 percent>>>" },
		{ "show_chassis_routing_engine/mx10003_RE-S-1600x8_junos_upgrader_fixture_dual_VALUES_EDITED.txt",
		    1, "<output>" },
		{ "show_chassis_routing_engine/mx480_ME_AR03.GAZ080_full_after_re0_power_on_BLANKLINE_ARTIFACTS.txt",
		    47, "0. 04" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct text t = reference(cases[i].file, 0, NULL);
		struct junos_routing_engine re;
		char err[256];

		assert_int_equal(junos_parse_routing_engine(t.p, t.len, &re,
		    err, sizeof err), -1);
		assert_err_line(err, cases[i].line, cases[i].quote);
		free(t.p);
	}
}

static void
test_routing_engine_primary_wording(void **state)
{
	/* Not from a capture: the wording newer releases use per Juniper's
	 * documentation. */
	static const char out[] =
	    "Routing Engine status:\n"
	    "  Slot 0:\n"
	    "    Current state                  Primary\n"
	    "    Election priority              Primary (default)\n"
	    "    Uptime                         1 day, 1 hour, 1 minute, 1 second\n"
	    "  Slot 1:\n"
	    "    Current state                  Standby\n"
	    "    Election priority              Backup (default)\n"
	    "    Uptime                         59 seconds\n";
	struct junos_routing_engine re;
	const struct junos_re_slot *s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_routing_engine(S(out), &re, err,
	    sizeof err), 0);
	s = junos_routing_engine_slot(&re, 0);
	assert_non_null(s);
	assert_int_equal(s->role, JUNOS_ROLE_MASTER);
	assert_int_equal(s->election_priority, JUNOS_PRIORITY_MASTER);
	assert_int_equal(s->uptime_s, 86400 + 3600 + 60 + 1);
	s = junos_routing_engine_slot(&re, 1);
	assert_non_null(s);
	assert_int_equal(s->role, JUNOS_ROLE_BACKUP);
	assert_int_equal(s->uptime_s, 59);
	assert_null(junos_routing_engine_slot(&re, 2));
	assert_string_equal(junos_re_role_name(JUNOS_ROLE_PRESENT), "present");
	assert_string_equal(junos_priority_name(JUNOS_PRIORITY_NONE), "none");
}

static void
test_routing_engine_disabled_and_present(void **state)
{
	static const char out[] =
	    "Routing Engine status:\n  Slot 0:\n"
	    "    Current state                  Master\n"
	    "    Election priority              Master\n"
	    "  Slot 1:\n"
	    "    Current state                  Disabled\n"
	    "    Election priority              Disabled\n";
	struct junos_routing_engine re;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_routing_engine(S(out), &re, err,
	    sizeof err), 0);
	assert_int_equal(re.slot[1].role, JUNOS_ROLE_DISABLED);
	assert_int_equal(re.slot[1].election_priority,
	    JUNOS_PRIORITY_DISABLED);
	assert_false(re.slot[0].election_priority_default);
	assert_int_equal(re.slot[0].uptime_s, -1);
}

static void
test_routing_engine_errors_name_the_line(void **state)
{
	static const struct {
		const char *out;
		unsigned line;
		const char *quote;
		const char *why;
	} cases[] = {
		/* an unknown label */
		{ "Routing Engine status:\n  Slot 0:\n    Current state   "
		  "Master\n    Foo bar  1\n", 4, "Foo bar  1",
		  "not a show chassis routing-engine line" },
		/* a line cut in half */
		{ "Routing Engine status:\n  Slot 0:\n    Current state   Mas\n",
		  3, "Current state   Mas", "unknown routing-engine state" },
		{ "  Slot 0:\n    Current state   Master\n    Uptime   3 days, "
		  "22 ho\n", 3, "Uptime   3 days, 22 ho", "not an uptime" },
		{ "  Slot 0:\n    Uptime   22 hours, 3 days\n", 2,
		  "Uptime   22 hours, 3 days", "not an uptime" },
		{ "  Slot 0:\n    Election priority   Master (defau\n", 2,
		  "Election priority   Master (defau", "unknown election" },
		/* reordered: a field before its slot, a label twice */
		{ "Routing Engine status:\n    Current state   Master\n"
		  "  Slot 0:\n", 2, "Current state   Master",
		  "before any \"Slot N:\"" },
		{ "  Slot 0:\n    Current state   Master\n    Current state   "
		  "Backup\n", 3, "Current state   Backup", "twice" },
		{ "  Slot 0:\n    Current state   Master\n  Slot 0:\n", 3,
		  "Slot 0:", "slot 0 twice" },
		{ "  Slot 0:\n  Slot 1:\n    Current state   Master\n", 2,
		  "Slot 1:", "a slot without any line" },
		{ "  Slot 0:\n    User      3 percent\n", 2, "User      3 percent",
		  "outside a CPU" },
		{ "  Slot 0:\n    Load averages:   1 minute   5 minute  15 "
		  "minute\n    Model   RE-S-1800x4\n", 3, "Model   RE-S-1800x4",
		  "not the load averages values" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct junos_routing_engine re;
		char err[256];

		if (junos_parse_routing_engine(cases[i].out,
		    strlen(cases[i].out), &re, err, sizeof err) != -1)
			fail_msg("case %zu parsed", i);
		assert_err_line(err, cases[i].line, cases[i].quote);
		if (strstr(err, cases[i].why) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err,
			    cases[i].why);
	}
}

static void
test_routing_engine_truncated(void **state)
{
	static const char load[] = "  Slot 0:\n    Current state   Master\n"
	    "    Load averages:   1 minute   5 minute  15 minute\n";
	static const char cpu[] = "  Slot 0:\n    Current state   Master\n"
	    "    CPU utilization:\n";
	static const char header[] = "Routing Engine status:\n";
	struct junos_routing_engine re;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_routing_engine(S(load), &re, err,
	    sizeof err), -1);
	assert_err_end(err, "Load averages");
	assert_int_equal(junos_parse_routing_engine(S(cpu), &re, err,
	    sizeof err), -1);
	assert_err_end(err, "CPU utilization header");
	assert_int_equal(junos_parse_routing_engine(S(header), &re, err,
	    sizeof err), -1);
	assert_err_end(err, "no routing engine slot");
	assert_int_equal(junos_parse_routing_engine("", 0, &re, err,
	    sizeof err), -1);
	assert_err_end(err, "no routing engine slot");
}

/* ---- show system switchover ----------------------------------------------- */

static void
test_reference_show_system_switchover(void **state)
{
	static const char file[] = "show_system_switchover/"
	    "mx480_12.3R8.7_backup_peer_state_steady.txt";
	struct junos_switchover sw;
	struct text t;
	char err[256];

	(void)state;
	t = reference(file, NORM_TRAILING_GT, NULL);
	assert_int_equal(junos_parse_switchover(t.p, t.len, &sw, err,
	    sizeof err), 0);
	assert_true(sw.graceful_switchover);
	assert_true(sw.ready);
	assert_string_equal(sw.peer_state, "Steady State");
	assert_string_equal(sw.reason, "");
	free(t.p);

	/* As published, "Steady State >" is not a state the console knows:
	 * not ready, and the reason quotes it. */
	t = reference(file, 0, NULL);
	assert_int_equal(junos_parse_switchover(t.p, t.len, &sw, err,
	    sizeof err), 0);
	assert_false(sw.ready);
	assert_string_equal(sw.reason, "Peer state: Steady State >");
	free(t.p);

	/* The same output inside the annotated session, from its prompt. */
	t = reference("sessions/mx480_12.3R8.7_gres_nsr_verification_ANNOTATED.txt",
	    NORM_TRAILING_GT, "play@MX480-TEST-RE1> show system switchover");
	assert_int_equal(junos_parse_switchover(t.p, t.len, &sw, err,
	    sizeof err), 0);
	assert_true(sw.ready);
	free(t.p);
}

static void
test_switchover_status_ready_17_3(void **state)
{
	static const char out[] = "{backup}\n"
	    "user@mx480-re1> show system switchover\n"
	    "Graceful switchover: On\nConfiguration database: Ready\n"
	    "Kernel database: Ready\nSwitchover Status: Ready\n";
	struct junos_switchover sw;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_switchover(S(out), &sw, err, sizeof err),
	    0);
	assert_true(sw.ready);
	assert_string_equal(sw.switchover_status, "Ready");
}

static void
test_switchover_not_ready_says_why(void **state)
{
	static const char sync[] = "Graceful switchover: On\n"
	    "Configuration database: Ready\nKernel database: Synchronizing\n"
	    "Peer state: Steady State\n";
	static const char off[] = "Graceful switchover: Off\n";
	struct junos_switchover sw;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_switchover(S(sync), &sw, err, sizeof err),
	    0);
	assert_false(sw.ready);
	assert_string_equal(sw.reason, "Kernel database: Synchronizing");
	assert_int_equal(junos_parse_switchover(S(off), &sw, err, sizeof err),
	    0);
	assert_false(sw.graceful_switchover);
	assert_false(sw.ready);
	assert_string_equal(sw.reason, "graceful switchover is off");
}

static void
test_switchover_truncated_and_unknown(void **state)
{
	static const char cut[] = "Graceful switchover: On\n"
	    "Configuration database: Ready\nKernel database: Ready\n";
	static const char unknown[] = "Graceful switchover: On\n"
	    "Foo database: Ready\n";
	static const char half[] = "Graceful switchover: O\n";
	static const char master[] = "error: the switchover command is not "
	    "supported on the master\n";
	struct junos_switchover sw;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_switchover(S(cut), &sw, err, sizeof err),
	    -1);
	assert_err_end(err, "missing");
	assert_int_equal(junos_parse_switchover(S(unknown), &sw, err,
	    sizeof err), -1);
	assert_string_equal(err, "line 2: \"Foo database: Ready\": not a show "
	    "system switchover line");
	assert_int_equal(junos_parse_switchover(S(half), &sw, err, sizeof err),
	    -1);
	assert_err_line(err, 1, "Graceful switchover: O");
	assert_int_equal(junos_parse_switchover(S(master), &sw, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "error: the switchover");
}

/* ---- show task replication ------------------------------------------------ */

static const struct replication_case {
	const char *file;
	const char *from;
	const char *re_mode;
	size_t nprotocols;
	enum junos_tristate complete;
} replication_cases[] = {
	{ "show_task_replication/genie_enabled_master_ospf3_bgp_mpls_ldp.txt",
	    NULL, "Master", 4, JUNOS_TRUE },
	{ "show_task_replication/mx480_12.3R8.7_backup.txt", NULL, "Backup", 0,
	    JUNOS_UNKNOWN },
	{ "show_task_replication/mx480_12.3R8.7_master_ospf.txt", NULL,
	    "Master", 1, JUNOS_TRUE },
	{ "sessions/mx480_12.3R8.7_gres_nsr_verification_ANNOTATED.txt",
	    "play@MX480-TEST-RE1> show task replication", "Backup", 0,
	    JUNOS_UNKNOWN },
	{ "sessions/mx480_12.3R8.7_gres_nsr_verification_ANNOTATED.txt",
	    "play@MX480-TEST-RE0> show task replication", "Master", 1,
	    JUNOS_TRUE },
};

static void
test_reference_show_task_replication(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof replication_cases / sizeof replication_cases[0];
	    i++) {
		const struct replication_case *rc = &replication_cases[i];
		struct text t = reference(rc->file, 0, rc->from);
		struct junos_task_replication r;
		char err[256];

		if (junos_parse_task_replication(t.p, t.len, &r, err,
		    sizeof err) != 0)
			fail_msg("%s: %s", rc->file, err);
		assert_true(r.stateful_replication);
		assert_string_equal(r.re_mode, rc->re_mode);
		assert_int_equal(r.nprotocols, rc->nprotocols);
		if (r.complete != rc->complete)
			fail_msg("%s: complete %s", rc->file,
			    junos_tristate_name(r.complete));
		free(t.p);
	}
}

static void
test_replication_disabled_and_incomplete(void **state)
{
	static const char disabled[] = "Stateful Replication: Disabled\n"
	    "RE mode: Master\n";
	static const char progress[] = "Stateful Replication: Enabled\n"
	    "RE mode: Master\n\nProtocol                Synchronization Status\n"
	    "OSPF                    Complete\n"
	    "BGP                     In progress\n";
	struct junos_task_replication r;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_task_replication(S(disabled), &r, err,
	    sizeof err), 0);
	assert_false(r.stateful_replication);
	assert_int_equal(r.complete, JUNOS_FALSE);
	assert_int_equal(junos_parse_task_replication(S(progress), &r, err,
	    sizeof err), 0);
	assert_int_equal(r.complete, JUNOS_FALSE);
	assert_string_equal(r.protocol[1].name, "BGP");
	assert_string_equal(r.protocol[1].status, "In progress");
	assert_string_equal(junos_tristate_name(JUNOS_UNKNOWN), "null");
}

static void
test_replication_errors(void **state)
{
	static const char noheader_rows[] = "Stateful Replication: Enabled\n"
	    "RE mode: Master\nOSPF                    Complete\n";
	static const char cut_row[] = "Stateful Replication: Enabled\n"
	    "Protocol                Synchronization Status\nOSPF\n";
	static const char header_only[] = "Stateful Replication: Enabled\n"
	    "Protocol                Synchronization Status\n";
	static const char none[] = "RE mode: Master\n";
	struct junos_task_replication r;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_task_replication(S(noheader_rows), &r,
	    err, sizeof err), -1);
	assert_err_line(err, 3, "OSPF");
	assert_int_equal(junos_parse_task_replication(S(cut_row), &r, err,
	    sizeof err), -1);
	assert_err_line(err, 3, "OSPF");
	assert_int_equal(junos_parse_task_replication(S(header_only), &r, err,
	    sizeof err), -1);
	assert_err_end(err, "without rows");
	assert_int_equal(junos_parse_task_replication(S(none), &r, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "RE mode: Master");
}

/* ---- show configuration | display set ------------------------------------- */

static void
test_reference_show_configuration(void **state)
{
	struct junos_config_facts cf;
	struct text t;
	char err[256];

	(void)state;
	t = reference("show_configuration/mx_ur1rtr_chassis_fpc0_display_set.txt",
	    0, NULL);
	assert_int_equal(junos_parse_config_set(t.p, t.len, &cf, err,
	    sizeof err), 0);
	assert_int_equal(cf.nstatements, 5);
	assert_false(cf.gres);
	assert_false(cf.nsr);
	assert_false(cf.commit_synchronize);
	assert_string_equal(cf.hostname, "");
	free(t.p);

	/* The curly-brace form is not what the console reads. */
	t = reference("show_configuration/ex_lab02_routing_options_static.txt",
	    0, NULL);
	assert_int_equal(junos_parse_config_set(t.p, t.len, &cf, err,
	    sizeof err), -1);
	assert_err_line(err, 3, "static {");
	free(t.p);
}

static void
test_config_set_facts(void **state)
{
	static const char out[] =
	    "{master}\nnetops@mx480-re0> show configuration | display set | no-more\n"
	    "set version 10.1R1.8\n"
	    "set groups re0 system host-name mx480-re0\n"
	    "set groups re1 system host-name \"mx480-re1\"\n"
	    "set system commit synchronize\n"
	    "set system internet-options no-tcp-reset drop-all-tcp\n"
	    "set chassis redundancy graceful-switchover\n"
	    "set routing-options nonstop-routing\n"
	    "set routing-options nonstop-routing-extra\n";
	struct junos_config_facts cf;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_config_set(S(out), &cf, err, sizeof err),
	    0);
	assert_true(cf.gres);
	assert_true(cf.nsr);
	assert_true(cf.commit_synchronize);
	assert_true(cf.no_tcp_reset_drop_all_tcp);
	assert_string_equal(cf.hostname_re0, "mx480-re0");
	assert_string_equal(cf.hostname_re1, "mx480-re1");
	assert_string_equal(cf.hostname, "");
	assert_int_equal(cf.nstatements, 8);
}

static void
test_config_deactivated_statements_do_not_count(void **state)
{
	static const char leaf[] =
	    "set chassis redundancy graceful-switchover\n"
	    "deactivate chassis redundancy graceful-switchover\n"
	    "set routing-options nonstop-routing\n"
	    "set system commit synchronize\n";
	/* deactivate before its set line, and on a parent */
	static const char parent[] =
	    "deactivate routing-options\n"
	    "set routing-options nonstop-routing\n"
	    "set groups re1 system host-name b\n"
	    "deactivate groups re1\n"
	    "set chassis redundancy graceful-switchover\n"
	    "deactivate chassis redundancy-group\n";
	struct junos_config_facts cf;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_config_set(S(leaf), &cf, err, sizeof err),
	    0);
	assert_false(cf.gres);
	assert_true(cf.nsr);
	assert_true(cf.commit_synchronize);
	assert_int_equal(junos_parse_config_set(S(parent), &cf, err,
	    sizeof err), 0);
	assert_false(cf.nsr);
	assert_string_equal(cf.hostname_re1, "");
	assert_true(cf.gres);	/* "redundancy-group" is not "redundancy" */
}

static void
test_config_errors(void **state)
{
	static const char other[] = "delete chassis redundancy\n";
	static const char empty_set[] = "set \n";
	static const char badname[] = "set system host-name a b\n";
	struct junos_config_facts cf;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_config_set(S(other), &cf, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "delete chassis");
	assert_int_equal(junos_parse_config_set(S(empty_set), &cf, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "set");
	assert_int_equal(junos_parse_config_set(S(badname), &cf, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "set system host-name a b");
	assert_int_equal(junos_parse_config_set("", 0, &cf, err, sizeof err),
	    -1);
	assert_err_end(err, "no configuration");
}

/* ---- file list ------------------------------------------------------------ */

static const struct file_list_case {
	const char *file;
	const char *name;
	bool present, not_found;
	long long size, total_files;
	size_t nentries;
	const char *directory;
} file_list_cases[] = {
	{ "file_list/ex2200_12.3R12-S21_file_list_detail_single_file.txt",
	    "/var/tmp/repo-transfer-test.yml", true, false, 18708, 1, 1, "" },
	{ "file_list/ex2200_12.3R12-S21_file_list_detail_single_file.txt",
	    "repo-transfer-test.yml", true, false, 18708, 1, 1, "" },
	{ "file_list/genie_file_list_detail_trace_static.txt",
	    "trace-static.0.gz", true, false, 131497, 2, 2, "" },
	{ "file_list/genie_file_list_detail_trace_static.txt",
	    "/var/log/trace-static", true, false, 525672, 2, 2, "" },
	{ "file_list/genie_file_list_no_such_file.txt", "filename999",
	    false, true, -1, -1, 0, "" },
	{ "file_list/genie_file_list_root.txt", "my_file1", true, false, -1,
	    -1, 7, "/root/" },
	{ "file_list/genie_file_list_root.txt", ".cshrc", true, false, -1,
	    -1, 7, "/root/" },
	{ "file_list/genie_file_list_root.txt", "jinstall-10.3R2.11.tgz",
	    false, false, -1, -1, 7, "/root/" },
};

static void
test_reference_file_list(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof file_list_cases / sizeof file_list_cases[0];
	    i++) {
		const struct file_list_case *fc = &file_list_cases[i];
		struct text t = reference(fc->file, 0, NULL);
		struct junos_file_list fl;
		char err[256];

		if (junos_parse_file_list(t.p, t.len, fc->name, &fl, err,
		    sizeof err) != 0)
			fail_msg("%s: %s", fc->file, err);
		if (fl.present != fc->present || fl.size != fc->size ||
		    fl.not_found != fc->not_found ||
		    fl.total_files != fc->total_files ||
		    fl.nentries != fc->nentries ||
		    strcmp(fl.directory, fc->directory) != 0)
			fail_msg("%s (%s): present %d size %lld not_found %d "
			    "total %lld entries %zu dir %s", fc->file, fc->name,
			    fl.present, fl.size, fl.not_found, fl.total_files,
			    fl.nentries, fl.directory);
		free(t.p);
	}
}

static void
test_file_list_var_tmp_detail(void **state)
{
	static const char out[] =
	    "netops@mx480-re0> file list /var/tmp/ detail\n"
	    "/var/tmp/:\ntotal blocks: 1707428\n"
	    "-rw-r--r--  1 netops  staff  874225836 Jan 12  2011 jinstall-10.3R2.11-domestic-signed.tgz\n"
	    "drwxrwxrwt  2 root    wheel        512 Jan 12 10:04 vi.recover/\n"
	    "total files: 1\n";
	struct junos_file_list fl;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_file_list(S(out),
	    "jinstall-10.3R2.11-domestic-signed.tgz", &fl, err, sizeof err), 0);
	assert_true(fl.present);
	assert_int_equal(fl.size, 874225836LL);
	assert_string_equal(fl.directory, "/var/tmp/");
	assert_int_equal(junos_parse_file_list(S(out),
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz", &fl, err,
	    sizeof err), 0);
	assert_true(fl.present);
	assert_int_equal(junos_parse_file_list(S(out), "jinstall-10.3R2.11",
	    &fl, err, sizeof err), 0);
	assert_false(fl.present);
	assert_int_equal(fl.size, -1);
}

static void
test_file_list_errors(void **state)
{
	static const char no_total[] =
	    "-rw-r--r--  1 root  wheel     525672 May 22 02:40 /var/log/x\n";
	static const char mismatch[] =
	    "-rw-r--r--  1 root  wheel     525672 May 22 02:40 /var/log/x\n"
	    "total files: 2\n";
	static const char cut[] =
	    "-rw-r--r--  1 root  wheel     5256\n";
	static const char bare[] = "my_file1\n";
	struct junos_file_list fl;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_file_list(S(no_total), "x", &fl, err,
	    sizeof err), -1);
	assert_err_end(err, "total files");
	assert_int_equal(junos_parse_file_list(S(mismatch), "x", &fl, err,
	    sizeof err), -1);
	assert_err_end(err, "total files: 2");
	assert_int_equal(junos_parse_file_list(S(cut), "x", &fl, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "-rw-r--r--");
	assert_int_equal(junos_parse_file_list(S(bare), "x", &fl, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "my_file1");
}

/* ---- file checksum -------------------------------------------------------- */

static void
test_reference_file_checksum(void **state)
{
	static const struct {
		const char *file, *path, *digest;
	} cases[] = {
		{ "file_checksum/acx7k_evo_sha256_event_script.txt",
		    "/var/db/scripts/event/utility-evo.py",
		    "dbb0eb379da921ce278c17f1e7d286d95e9f021c20fdc429090f7c6531e6dab4" },
		{ "file_checksum/ex2200_12.3R12-S21_sha256_var_tmp.txt",
		    "/var/tmp/repo-transfer-test.yml",
		    "b1644006948f2ddab3fd6e853bef269611b57bebcfbf9e6f3b5d275964103aac" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct text t = reference(cases[i].file, 0, NULL);
		struct junos_checksum ck;
		char err[256];

		if (junos_parse_checksum(t.p, t.len, &ck, err, sizeof err) != 0)
			fail_msg("%s: %s", cases[i].file, err);
		assert_int_equal(ck.algorithm, JUNOS_DIGEST_SHA256);
		assert_string_equal(ck.path, cases[i].path);
		assert_string_equal(ck.digest, cases[i].digest);
		free(t.p);
	}
}

static void
test_checksum_md5_and_errors(void **state)
{
	static const char md5[] = "MD5 (/var/tmp/jinstall-10.3R2.11-domestic-"
	    "signed.tgz) = 0123456789ABCDEF0123456789abcdef\r\n";
	static const char short_hex[] = "SHA256 (/var/tmp/x) = abcdef\n";
	static const char two[] = "MD5 (/a) = 0123456789abcdef0123456789abcdef\n"
	    "MD5 (/b) = 0123456789abcdef0123456789abcdef\n";
	static const char missing[] = "sha256: /var/tmp/x: No such file or "
	    "directory\n";
	struct junos_checksum ck;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_checksum(S(md5), &ck, err, sizeof err), 0);
	assert_int_equal(ck.algorithm, JUNOS_DIGEST_MD5);
	assert_string_equal(ck.digest, "0123456789abcdef0123456789abcdef");
	assert_string_equal(ck.path,
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz");
	assert_int_equal(junos_parse_checksum(S(short_hex), &ck, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "SHA256 (/var/tmp/x) = abcdef");
	assert_int_equal(junos_parse_checksum(S(two), &ck, err, sizeof err),
	    -1);
	assert_err_line(err, 2, "MD5 (/b)");
	assert_int_equal(junos_parse_checksum(S(missing), &ck, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "sha256: /var/tmp/x");
	assert_int_equal(junos_parse_checksum("\n\n", 2, &ck, err, sizeof err),
	    -1);
	assert_err_end(err, "no checksum line");
}

/* ---- show system storage -------------------------------------------------- */

static void
test_reference_show_system_storage(void **state)
{
	struct junos_storage st;
	struct text t;
	char err[256];

	(void)state;
	t = reference("show_system_storage/genie_vmx.txt", 0, NULL);
	assert_int_equal(junos_parse_storage(t.p, t.len, &st, err, sizeof err),
	    0);
	assert_int_equal(st.nfilesystems, 5);
	assert_int_equal(st.var_index, 2);
	assert_string_equal(st.fs[2].mount, "/.mount/var");
	/* 6.3G */
	assert_int_equal(st.var_free_bytes, 6LL * 1073741824LL +
	    300LL * 1073741824LL / 1000);
	assert_int_equal(st.fs[1].used, 60LL * 1024);
	free(t.p);

	/* Trimmed by its author: no /var row, so no /var figure. */
	t = reference("show_system_storage/mx_17.3R3-S8.1_PR02.TET040_re0.txt",
	    0, NULL);
	assert_int_equal(junos_parse_storage(t.p, t.len, &st, err, sizeof err),
	    0);
	assert_int_equal(st.nfilesystems, 3);
	assert_int_equal(st.var_index, -1);
	assert_int_equal(st.var_free_bytes, -1);
	assert_int_equal(st.fs[0].avail, 0);
	assert_int_equal(st.fs[1].size, 1024);
	assert_int_equal(st.fs[0].capacity, 100);
	free(t.p);
}

static void
test_storage_sizes_and_var(void **state)
{
	static const char out[] =
	    "Filesystem              Size       Used      Avail  Capacity   Mounted on\n"
	    "/dev/ad0s1a             885M       293M       521M       36%  /\n"
	    "/dev/ad0s1e             27G        1.2G       535M       98%  /.mount/var\n"
	    "/dev/ad2s1f             3.2T       0B         -12K      101%  /var\n";
	static const char bad[] =
	    "Filesystem              Size       Used      Avail  Capacity   Mounted on\n"
	    "/dev/ad0s1a             885M       293M       521\n";
	static const char unit[] =
	    "Filesystem              Size       Used      Avail  Capacity   Mounted on\n"
	    "/dev/ad0s1a             885X       293M       521M       36%  /\n";
	struct junos_storage st;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_storage(S(out), &st, err, sizeof err), 0);
	assert_int_equal(st.var_index, 2);	/* /var wins over /.mount/var */
	assert_int_equal(st.fs[2].avail, -12 * 1024);
	assert_int_equal(st.var_free_bytes, 0);
	assert_int_equal(st.fs[1].size, 27LL << 30);
	assert_int_equal(st.fs[1].avail, 535LL << 20);
	assert_int_equal(st.fs[2].size, 3LL * (1LL << 40) +
	    200LL * (1LL << 40) / 1000);
	assert_int_equal(junos_parse_storage(S(bad), &st, err, sizeof err), -1);
	assert_err_line(err, 2, "/dev/ad0s1a");
	assert_int_equal(junos_parse_storage(S(unit), &st, err, sizeof err),
	    -1);
	assert_err_line(err, 2, "/dev/ad0s1a");
	assert_int_equal(junos_parse_storage("Filesystem Size\n", 16, &st, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "Filesystem Size");
}

/* ---- alarms --------------------------------------------------------------- */

static const struct alarms_case {
	const char *file;
	size_t count;
	const char *first_description;
	enum junos_alarm_class first_class;
} alarms_cases[] = {
	{ "show_chassis_alarms/genie_loss_of_comm_backup_re_spmb1_not_online.txt",
	    2, "SPMB 1 not online", JUNOS_ALARM_MAJOR },
	{ "show_chassis_alarms/junos_22.3R1.11_milnet-r4_loss_of_comm_backup_re.txt",
	    1, "Loss of communication with Backup RE", JUNOS_ALARM_MINOR },
	{ "show_chassis_alarms/mx480_17.3R3-S8.1_ME_PR01.SOF055_cb0_failure_backup_re_lost_BLANKLINE_ARTIFACTS.txt",
	    6, "CB 0 Temp Sensor Fail", JUNOS_ALARM_MINOR },
	{ "show_chassis_alarms/mx480_ME_AR03.GAZ080_after_re0_power_on_BLANKLINE_ARTIFACTS.txt",
	    1, "Backup RE Active", JUNOS_ALARM_MINOR },
	{ "show_chassis_alarms/mx480_ME_AR03.GAZ080_re0_down_loss_of_comm_BLANKLINE_ARTIFACTS.txt",
	    2, "Loss of communication with Backup RE", JUNOS_ALARM_MINOR },
	{ "show_chassis_alarms/mx960_DC-L36-GTWY04_backup_re_active_no_forwarding.txt",
	    1, "Backup RE Active", JUNOS_ALARM_MINOR },
};

static void
test_reference_show_chassis_alarms(void **state)
{
	struct junos_alarms al;
	struct text t;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof alarms_cases / sizeof alarms_cases[0]; i++) {
		const struct alarms_case *ac = &alarms_cases[i];

		t = reference(ac->file, 0, NULL);
		if (junos_parse_alarms(t.p, t.len, &al, err, sizeof err) != 0)
			fail_msg("%s: %s", ac->file, err);
		assert_int_equal(al.count, ac->count);
		assert_int_equal(al.nalarms, ac->count);
		assert_string_equal(al.alarm[0].description,
		    ac->first_description);
		assert_int_equal(al.alarm[0].class, ac->first_class);
		free(t.p);
	}
	t = reference(alarms_cases[0].file, 0, NULL);
	assert_int_equal(junos_parse_alarms(t.p, t.len, &al, err, sizeof err),
	    0);
	assert_string_equal(al.alarm[1].time, "2020-12-22 14:48:12 EST");
	assert_string_equal(junos_alarm_class_name(al.alarm[0].class),
	    "Major");
	free(t.p);

	/* On the backup RE the command is refused: not an alarm list. */
	t = reference("wrong_routing_engine_errors/"
	    "mx960_upgrade_notes_show_chassis_alarms_on_backup_re_BLANKLINE_ARTIFACT.txt",
	    0, NULL);
	assert_int_equal(junos_parse_alarms(t.p, t.len, &al, err, sizeof err),
	    -1);
	assert_err_line(err, 3, "error: Aborted!");
	free(t.p);
}

static void
test_alarms_none_and_errors(void **state)
{
	static const char none[] = "user@r1> show system alarms\n"
	    "No alarms currently active\n";
	static const char cut[] = "2 alarms currently active\n"
	    "Alarm time               Class  Description\n"
	    "2020-12-22 14:48:15 EST  Major  SPMB 1 not online\n";
	static const char more[] = "1 alarms currently active\n"
	    "Alarm time               Class  Description\n"
	    "2020-12-22 14:48:15 EST  Major  SPMB 1 not online\n"
	    "2020-12-22 14:48:15 EST  Major  SPMB 2 not online\n";
	static const char klass[] = "1 alarms currently active\n"
	    "Alarm time               Class  Description\n"
	    "2020-12-22 14:48:15 EST  Severe  SPMB 1 not online\n";
	static const char half[] = "1 alarms currently active\n"
	    "Alarm time               Class  Description\n"
	    "2020-12-22 14:4\n";
	struct junos_alarms al;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_alarms(S(none), &al, err, sizeof err), 0);
	assert_int_equal(al.count, 0);
	assert_int_equal(junos_parse_alarms(S(cut), &al, err, sizeof err), -1);
	assert_err_end(err, "2 alarms announced, 1 listed");
	assert_int_equal(junos_parse_alarms(S(more), &al, err, sizeof err), -1);
	assert_err_line(err, 4, "2020-12-22 14:48:15 EST  Major  SPMB 2");
	assert_int_equal(junos_parse_alarms(S(klass), &al, err, sizeof err),
	    -1);
	assert_err_line(err, 3, "2020-12-22 14:48:15 EST  Severe");
	assert_int_equal(junos_parse_alarms(S(half), &al, err, sizeof err), -1);
	assert_err_line(err, 3, "2020-12-22 14:4");
}

/* ---- capture tolerance ---------------------------------------------------- */

static void
test_capture_noise_is_skipped(void **state)
{
	static const char out[] =
	    "{master:0}\r\n"
	    "netops@mx480-re0> sh chas routing-engine | no-more\r\n"
	    "Dec 16 01:33:44\r\n"
	    "\tRouting Engine status:  \r\n"
	    "\t  Slot 0:\r\n"
	    "---(more)---\r\n"
	    "\t    Current state                  Master\r\n"
	    "---(more 42%)---\r         \r\t    Uptime    2 hours\r\n"
	    "\r\n{master:0}\r\nnetops@mx480-re0> show version\r\n"
	    "Hostname: this belongs to the next command\r\n";
	struct junos_routing_engine re;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_routing_engine(S(out), &re, err,
	    sizeof err), 0);
	assert_int_equal(re.nslots, 1);
	assert_int_equal(re.slot[0].role, JUNOS_ROLE_MASTER);
	assert_int_equal(re.slot[0].uptime_s, 7200);
}

static void
test_capture_echo_of_another_command(void **state)
{
	static const char out[] = "{master}\n"
	    "netops@mx480-re0> show chassis alarms\n"
	    "No alarms currently active\n";
	struct junos_routing_engine re;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_routing_engine(S(out), &re, err,
	    sizeof err), -1);
	assert_err_line(err, 2, "netops@mx480-re0> show chassis alarms");
	assert_non_null(strstr(err, "another command"));

	/* The annotated session starts with another command's echo. */
	{
		struct text t = reference("sessions/"
		    "mx480_12.3R8.7_gres_nsr_verification_ANNOTATED.txt", 0,
		    NULL);
		struct junos_switchover sw;

		assert_int_equal(junos_parse_switchover(t.p, t.len, &sw, err,
		    sizeof err), -1);
		assert_err_line(err, 2, "play@MX480-TEST-RE0> request");
		free(t.p);
	}
}

static void
test_capture_garbage_bytes(void **state)
{
	static const char nul[] = "Graceful switchover: On\nKernel\0 database\n";
	static const char esc[] = "Graceful switchover: On\n\x1b[7mKernel\n";
	char big[2000];
	struct junos_switchover sw;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_switchover(nul, sizeof nul - 1, &sw, err,
	    sizeof err), -1);
	assert_string_equal(err, "line 2: \"Kernel\\x00 database\": control "
	    "byte 0x00: not text");
	assert_int_equal(junos_parse_switchover(S(esc), &sw, err, sizeof err),
	    -1);
	assert_err_line(err, 2, "\\x1b[7mKernel");
	memset(big, 'A', sizeof big);
	assert_int_equal(junos_parse_switchover(big, sizeof big, &sw, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "AAAA");
	assert_non_null(strstr(err, "too long"));
	/* a tiny error buffer is still terminated, and NULL is accepted */
	assert_int_equal(junos_parse_switchover(S(esc), &sw, err, 8), -1);
	assert_int_equal(strlen(err), 7);
	assert_int_equal(junos_parse_switchover(S(esc), &sw, NULL, 0), -1);
	assert_int_equal(junos_parse_switchover(NULL, 0, &sw, err,
	    sizeof err), -1);
}

/* ---- show chassis in-service-upgrade --------------------------------------- */

/* The lines of t from the one containing `from` to the one before the one
 * containing `to` (the 12.3 run prints the table in the middle of its own
 * output). */
static struct text
between(struct text t, const char *from, const char *to)
{
	char *a = strstr(t.p, from), *b;
	struct text out;

	if (a == NULL)
		fail_msg("no \"%s\" in the capture", from);
	while (a > t.p && a[-1] != '\n')
		a--;
	b = strstr(a, to);
	if (b == NULL)
		fail_msg("no \"%s\" after \"%s\"", to, from);
	while (b > a && b[-1] != '\n')
		b--;
	out.len = (size_t)(b - a);
	out.p = malloc(out.len + 1);
	assert_non_null(out.p);
	memcpy(out.p, a, out.len);
	out.p[out.len] = '\0';
	free(t.p);
	return out;
}

static void
test_reference_issu_status_table_of_the_12_3_run(void **state)
{
	struct text t = between(reference("request_system_software_"
	    "in_service_upgrade/mx480_12.3R8.7_to_13.3R6.5_said_full_run.txt",
	    0, NULL), "  Item ", "Resolving mastership");
	static struct junos_issu_status s;
	char err[256];

	(void)state;
	if (junos_parse_issu_status(t.p, t.len, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(s.in_progress, JUNOS_TRUE);
	assert_int_equal(s.nitems, 1);
	assert_string_equal(s.item[0].name, "FPC 0");
	assert_string_equal(s.item[0].status, "Online (ISSU)");
	assert_string_equal(s.item[0].reason, "");
	free(t.p);
}

/* Juniper's documented sample (the columns as the 12.3 capture prints them):
 * an idle chassis, one FPC taken offline, PICs under their FPCs. */
static const char issu_status_idle[] =
    "{master}\n"
    "netops@mx480-re0> show chassis in-service-upgrade\n"
    "  Item           Status                  Reason\n"
    "  FPC 0          Online\n"
    "  FPC 2          Online\n"
    "    PIC 0        Online\n"
    "    PIC 1        Online\n"
    "  FPC 3          Offline                 Offlined by CLI command\n"
    "  FPC 4          Online\n"
    "    PIC 1        Online\n"
    "\n"
    "{master}\n"
    "netops@mx480-re0> \n";

static void
test_issu_status_idle_chassis_is_not_in_progress(void **state)
{
	static struct junos_issu_status s;
	char err[256];

	(void)state;
	if (junos_parse_issu_status(S(issu_status_idle), &s, err,
	    sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(s.in_progress, JUNOS_FALSE);
	assert_int_equal(s.nitems, 7);
	assert_string_equal(s.item[2].name, "PIC 0");
	assert_string_equal(s.item[4].name, "FPC 3");
	assert_string_equal(s.item[4].status, "Offline");
	assert_string_equal(s.item[4].reason, "Offlined by CLI command");
	assert_string_equal(s.item[6].name, "PIC 1");
}

static void
test_issu_status_frus_in_issu_are_in_progress(void **state)
{
	static const char out[] =
	    "  Item           Status                  Reason\r\n"
	    "  FPC 0          Online\r\n"
	    "  FPC 1          Online (ISSU)\r\n";
	static struct junos_issu_status s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_issu_status(S(out), &s, err, sizeof err),
	    0);
	assert_int_equal(s.in_progress, JUNOS_TRUE);
	assert_string_equal(s.item[1].status, "Online (ISSU)");
}

static void
test_issu_status_header_alone_is_unknown(void **state)
{
	static struct junos_issu_status s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_issu_status(S("  Item           Status"
	    "                  Reason\n"), &s, err, sizeof err), 0);
	assert_int_equal(s.nitems, 0);
	assert_int_equal(s.in_progress, JUNOS_UNKNOWN);
}

static void
test_issu_status_errors(void **state)
{
	static struct junos_issu_status s;
	static char many[JUNOS_ISSU_ITEMS_MAX * 40 + 64];
	char err[256];
	size_t i, o;

	(void)state;
	assert_int_equal(junos_parse_issu_status(S(""), &s, err, sizeof err),
	    -1);
	assert_err_end(err, "no show chassis in-service-upgrade output");
	assert_int_equal(junos_parse_issu_status(S("  FPC 0          "
	    "Online\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 1, "FPC 0");
	assert_int_equal(junos_parse_issu_status(S("error: Aborted! This "
	    "command can only be used on the master routing engine.\n"), &s,
	    err, sizeof err), -1);
	assert_err_line(err, 1, "error: Aborted!");
	assert_int_equal(junos_parse_issu_status(S("Item Status Reason\n"
	    "FPC 0\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 2, "FPC 0\": not an item");
	assert_int_equal(junos_parse_issu_status(S("Item Status Reason\n"
	    "FPC x  Online\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 2, "FPC x");
	assert_int_equal(junos_parse_issu_status(S("Item Status Reason\n"
	    "FPC 0  Online ()\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 2, "FPC 0  Online ()");
	assert_int_equal(junos_parse_issu_status(S("Item Status Reason\n"
	    "FPC 0  Online\nFPC 0  Online\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 3, "FPC 0  Online\": FPC 0 twice");
	assert_int_equal(junos_parse_issu_status(S("Item Status Reason\n"
	    "Item Status Reason\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 2, "Item Status Reason\": a second header");
	/* the echo of another command */
	assert_int_equal(junos_parse_issu_status(S("netops@re0> show chassis "
	    "fpc\nItem Status Reason\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 1, "netops@re0> show chassis fpc");
	/* more items than the struct holds: refused, never cut */
	o = (size_t)snprintf(many, sizeof many, "Item Status Reason\n");
	for (i = 0; i <= JUNOS_ISSU_ITEMS_MAX; i++)
		o += (size_t)snprintf(many + o, sizeof many - o,
		    "FPC %zu  Online\n", i);
	assert_int_equal(junos_parse_issu_status(many, o, &s, err,
	    sizeof err), -1);
	assert_err_line(err, JUNOS_ISSU_ITEMS_MAX + 2, "FPC 128");
	assert_non_null(strstr(err, "more than 128 items"));
}

/* ---- request system software in-service-upgrade: milestones ---------------- */

#define MS(x) JUNOS_ISSU_##x

static const struct milestone_case {
	const char *file;
	enum junos_issu_milestone seq[24];	/* NONE-terminated */
} milestone_cases[] = {
	{ "request_system_software_in_service_upgrade/"
	    "mx480_10.3R2_forwardingplane_console_syslog_during_switchover.txt",
	    { MS(NONE) } },
	{ "request_system_software_in_service_upgrade/"
	    "mx480_10.3R2_forwardingplane_frag1_start.txt",
	    { MS(CHECK_DONE), MS(VALIDATING), MS(NONE) } },
	{ "request_system_software_in_service_upgrade/"
	    "mx480_10.3R2_forwardingplane_frag2_backup_upgrade.txt",
	    { MS(BACKUP_UPGRADED), MS(BACKUP_REBOOTING), MS(BACKUP_REBOOTING),
	    MS(BACKUP_PREPARE_DONE), MS(WAITING_BACKUP), MS(NONE) } },
	{ "request_system_software_in_service_upgrade/"
	    "mx480_10.3R2_forwardingplane_frag3_chassis_issu.txt",
	    { MS(GRES_OPERATIONAL), MS(CHASSIS_ISSU_STARTED),
	    MS(CHASSIS_ISSU_STARTED), MS(DAEMONS_PREPARING), MS(DAEMONS_READY),
	    MS(FRUS_UPGRADING), MS(PREPARING_SWITCHOVER), MS(NONE) } },
	{ "request_system_software_in_service_upgrade/"
	    "mx480_12.3R8.7_to_13.3R6.5_said_full_run.txt",
	    { MS(CHECK_DONE), MS(VALIDATING), MS(PREPARING_BACKUP),
	    MS(BACKUP_UPGRADED), MS(BACKUP_REBOOTING), MS(BACKUP_REBOOTING),
	    MS(BACKUP_PREPARE_DONE), MS(WAITING_BACKUP), MS(GRES_OPERATIONAL),
	    MS(CHASSIS_ISSU_STARTED), MS(CHASSIS_ISSU_STARTED),
	    MS(SWITCHOVER_DONE), MS(SWITCHOVER_DONE), MS(ISSU_COMPLETE),
	    MS(OLD_MASTER_UPGRADING), MS(OLD_MASTER_UPGRADED), MS(IDLE),
	    MS(NONE) } },
};

/* The milestones of every line of a text, in order, into got (at most
 * max - 1, NONE-terminated); the count. */
static size_t
milestones_of(const char *p, size_t len, enum junos_issu_milestone *got,
    size_t max)
{
	const char *end = p + len;
	size_t n = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		enum junos_issu_milestone m;
		char detail[JUNOS_TEXT_MAX];

		m = junos_issu_classify(p, l, detail, sizeof detail);
		if (m != JUNOS_ISSU_NONE) {
			assert_true(n + 1 < max);
			assert_true(detail[0] != '\0');
			got[n++] = m;
		} else {
			assert_string_equal(detail, "");
		}
		p = nl != NULL ? nl + 1 : end;
	}
	got[n] = JUNOS_ISSU_NONE;
	return n;
}

static void
assert_milestones(const char *what, const enum junos_issu_milestone *got,
    const enum junos_issu_milestone *want)
{
	size_t i;

	for (i = 0; got[i] != JUNOS_ISSU_NONE || want[i] != JUNOS_ISSU_NONE;
	    i++) {
		if (got[i] != want[i])
			fail_msg("%s: milestone %zu is %s, wanted %s", what, i,
			    junos_issu_milestone_name(got[i]),
			    junos_issu_milestone_name(want[i]));
	}
}

static void
test_reference_issu_milestones_in_order(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < sizeof milestone_cases / sizeof milestone_cases[0];
	    k++) {
		struct text t = reference(milestone_cases[k].file, 0, NULL);
		enum junos_issu_milestone got[64];

		milestones_of(t.p, t.len, got, 64);
		assert_milestones(milestone_cases[k].file, got,
		    milestone_cases[k].seq);
		free(t.p);
	}
}

/*
 * The simulator's run (sim/issu.c's timeline, as its exec session prints
 * it): the 10.x run unstamped, the 12.x run stamped "[Mon DD HH:MM:SS]:",
 * with the first milestone printed right after the unanswered continue
 * question (exec does not echo the answer), the FRU table, and its two
 * failure endings.
 */
static const char sim_issu_12x[] =
    "Chassis ISSU Check Done\n"
    "[Nov 25 17:18:57]:ISSU: Validating Image\n"
    "Checking compatibility with configuration\n"
    "Validating against /config/juniper.conf.gz\n"
    "mgd: commit complete\n"
    "Validation succeeded\n"
    "Do you want to continue with these actions being taken ? [yes,no] (no) "
    "[Nov 25 17:26:58]:ISSU: Preparing Backup RE\n"
    "[Nov 25 17:26:59]: Pushing bundle to re1\n"
    "Installing package '/var/tmp/jinstall-13.3R6.5-export-signed.tgz' ...\n"
    "Saving package file in /var/sw/pkg/jinstall-13.3R6.5-export-signed.tgz"
    " ...\n"
    "Saving state for rollback ...\n"
    "[Nov 25 17:33:39]: Backup upgrade done\n"
    "[Nov 25 17:33:39]: Rebooting Backup RE\n"
    "\n"
    "Rebooting re1\n"
    "[Nov 25 17:33:41]:ISSU: Backup RE Prepare Done\n"
    "[Nov 25 17:33:41]: Waiting for Backup RE reboot\n"
    "\n"
    "[Nov 25 17:46:42]: GRES operational\n"
    "[Nov 25 17:47:42]: Initiating Chassis In-Service-Upgrade\n"
    "Chassis ISSU Started\n"
    "[Nov 25 17:48:03]:ISSU: Preparing Daemons\n"
    "[Nov 25 17:48:43]:ISSU: Daemons Ready for ISSU\n"
    "[Nov 25 17:48:53]:ISSU: Starting Upgrade for FRUs\n"
    "[Nov 25 17:50:53]:ISSU: Preparing for Switchover\n"
    "[Nov 25 17:51:38]: Checking In-Service-Upgrade status\n"
    "  Item           Status                  Reason\n"
    "  FPC 0          Online (ISSU)\n"
    "  FPC 1          Online (ISSU)\n"
    "Resolving mastership...\n"
    "Complete. The other routing engine becomes the master.\n"
    "[Nov 25 17:51:40]:ISSU: RE switchover Done\n"
    "[Nov 25 17:51:40]: ISSU complete, other RE is master RE\n"
    "[Nov 25 17:51:40]:ISSU: Upgrading Old Master RE\n"
    "Installing package '/var/tmp/jinstall-13.3R6.5-export-signed.tgz' ...\n"
    "Verified jinstall-13.3R6.5-export.tgz signed by PackageProduction_13_3_0"
    "\n"
    "Adding jinstall...\n"
    "[Nov 25 17:55:50]:ISSU: Old Master Upgrade Done\n"
    "[Nov 25 17:55:50]:ISSU: IDLE\n"
    "Shutdown NOW!\n"
    "Reboot consistency check bypassed - jinstall 13.3R6.5 will complete "
    "installation upon reboot\n"
    "[pid 37136]\n"
    "\n"
    "*** FINAL System shutdown message from netops@mx480-re0 ***\n"
    "\n"
    "System going down IMMEDIATELY\n";

static void
test_issu_classify_simulator_timeline(void **state)
{
	static const enum junos_issu_milestone want[] = {
		MS(CHECK_DONE), MS(VALIDATING), MS(PREPARING_BACKUP),
		MS(BACKUP_UPGRADED), MS(BACKUP_REBOOTING),
		MS(BACKUP_REBOOTING), MS(BACKUP_PREPARE_DONE),
		MS(WAITING_BACKUP), MS(GRES_OPERATIONAL),
		MS(CHASSIS_ISSU_STARTED), MS(CHASSIS_ISSU_STARTED),
		MS(DAEMONS_PREPARING), MS(DAEMONS_READY), MS(FRUS_UPGRADING),
		MS(PREPARING_SWITCHOVER), MS(SWITCHOVER_DONE),
		MS(SWITCHOVER_DONE), MS(ISSU_COMPLETE),
		MS(OLD_MASTER_UPGRADING), MS(OLD_MASTER_UPGRADED), MS(IDLE),
		MS(NONE),
	};
	/* --fault validate-fail, and a backup that never returns */
	static const char validate_fail[] =
	    "ISSU: Validating Image\n"
	    "Validating against /config/juniper.conf.gz\n"
	    "mgd: error: configuration check-out failed\n"
	    "Validation failed\n";
	static const char backup_lost[] =
	    "[Nov 25 18:33:41]: Waiting for Backup RE reboot\n"
	    "[Nov 25 19:33:41]:ISSU: Backup RE reboot timed out\n"
	    "error: ISSU Aborted! Backup RE did not come back after reboot\n"
	    "[Nov 25 19:33:41]:ISSU: IDLE\n";
	enum junos_issu_milestone got[64];
	char detail[JUNOS_TEXT_MAX];

	(void)state;
	milestones_of(S(sim_issu_12x), got, 64);
	assert_milestones("simulator 12.x run", got, want);
	/* the milestone glued to the question is what detail shows */
	assert_int_equal(junos_issu_classify(S("Do you want to continue with "
	    "these actions being taken ? [yes,no] (no) [Nov 25 17:26:58]:"
	    "ISSU: Preparing Backup RE"), detail, sizeof detail),
	    JUNOS_ISSU_PREPARING_BACKUP);
	assert_string_equal(detail, "ISSU: Preparing Backup RE");
	milestones_of(S(validate_fail), got, 64);
	assert_milestones("simulator validate-fail", got,
	    (const enum junos_issu_milestone[]){ MS(VALIDATING), MS(ERROR),
	    MS(ERROR), MS(NONE) });
	milestones_of(S(backup_lost), got, 64);
	assert_milestones("simulator backup lost", got,
	    (const enum junos_issu_milestone[]){ MS(WAITING_BACKUP),
	    MS(ERROR), MS(IDLE), MS(NONE) });
	assert_int_equal(junos_issu_classify(S("ISSU: aborted by request"),
	    NULL, 0), JUNOS_ISSU_ERROR);
}

static void
test_issu_classify_tolerates_stamp_quotes_cr_blanks(void **state)
{
	static const char *const lines[] = {
		"[May 27 14:19:46]:ISSU: Validating Image",
		"[May 27 14:19:46]: ISSU: Validating Image",
		"[May 27 14:19:46] ISSU: Validating Image",
		"\"[May 27 14:19:46]: ISSU: Validating Image\"",
		"[May 27 14:19:46]: \"ISSU: Validating Image\"",
		"   ISSU: Validating Image  \r\n",
		"\rISSU: Validating Image\r",
		"[Jun  1 04:05:06]:ISSU: Validating Image",
	};
	char detail[JUNOS_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		if (junos_issu_classify(lines[i], strlen(lines[i]), detail,
		    sizeof detail) != JUNOS_ISSU_VALIDATING)
			fail_msg("\"%s\" not read as validating", lines[i]);
		assert_string_equal(detail, "ISSU: Validating Image");
	}
	/* the words themselves are exact */
	assert_int_equal(junos_issu_classify(S("ISSU: validating image"), NULL,
	    0), JUNOS_ISSU_NONE);
	assert_int_equal(junos_issu_classify(S("ISSU: Validating Images"),
	    NULL, 0), JUNOS_ISSU_NONE);
	assert_int_equal(junos_issu_classify(S("[May 27 14:19]:ISSU: IDLE"),
	    NULL, 0), JUNOS_ISSU_NONE);
	assert_int_equal(junos_issu_classify(S("Rebooting re12"), NULL, 0),
	    JUNOS_ISSU_BACKUP_REBOOTING);
	assert_int_equal(junos_issu_classify(S("Rebooting re"), NULL, 0),
	    JUNOS_ISSU_NONE);
	assert_int_equal(junos_issu_classify(S("Rebooting re1 now"), NULL, 0),
	    JUNOS_ISSU_NONE);
}

static void
test_issu_classify_error_lines(void **state)
{
	static const char *const errors[] = {
		"error: ISSU not supported with current configuration",
		"[May 27 14:30:00]: error: remote commit-configuration failed",
		"mgd: error: configuration check-out failed",
		"ISSU: Backup RE Prepare failed",
		"ISSU: Upgrade Failed",
		"ISSU: Aborting ISSU... ISSU Aborted",
		"ISSU aborted",
		"Validation failed",
		"\"error: quoted\"",
	};
	static const char *const ordinary[] = {
		"Validation succeeded",
		"errors: none",
		"unfailedness is not a word",
		"terror: not an error line",
		"Checking In-Service-Upgrade status",
		"Resolving mastership...",
		"May 27 14:19:46",
		"{master}",
		"play@MX480-TEST-RE0> request system software in-service-upgrade "
		    "x.tgz",
		"Do you want to continue with these actions being taken ? "
		    "[yes,no] (no) yes",
		"  FPC 0          Online (ISSU)",
		"",
	};
	char detail[JUNOS_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		if (junos_issu_classify(errors[i], strlen(errors[i]), detail,
		    sizeof detail) != JUNOS_ISSU_ERROR)
			fail_msg("\"%s\" not read as an error", errors[i]);
		assert_non_null(strstr(errors[i], detail));
	}
	for (i = 0; i < sizeof ordinary / sizeof ordinary[0]; i++) {
		if (junos_issu_classify(ordinary[i], strlen(ordinary[i]),
		    detail, sizeof detail) != JUNOS_ISSU_NONE)
			fail_msg("\"%s\" read as a milestone", ordinary[i]);
		assert_string_equal(detail, "");
	}
}

static void
test_issu_classify_detail_is_cut_and_printable(void **state)
{
	char detail[12], big[800];

	(void)state;
	assert_int_equal(junos_issu_classify(S("error: \x1b[31mred\x7f"),
	    detail, sizeof detail), JUNOS_ISSU_ERROR);
	assert_string_equal(detail, "error: ?[31");
	assert_int_equal(junos_issu_classify(S("ISSU: IDLE"), detail, 5),
	    JUNOS_ISSU_IDLE);
	assert_string_equal(detail, "ISSU");
	assert_int_equal(junos_issu_classify(S("ISSU: IDLE"), detail, 0),
	    JUNOS_ISSU_IDLE);
	assert_int_equal(junos_issu_classify(NULL, 0, detail, sizeof detail),
	    JUNOS_ISSU_NONE);
	assert_string_equal(detail, "");
	/* a line of any length: the word is found past 512 bytes */
	memset(big, 'x', sizeof big);
	memcpy(big + 700, " failed ", 8);
	assert_int_equal(junos_issu_classify(big, sizeof big, detail,
	    sizeof detail), JUNOS_ISSU_ERROR);
	assert_int_equal(strlen(detail), sizeof detail - 1);
	/* a NUL inside is a byte like another */
	assert_int_equal(junos_issu_classify("ISSU: IDLE\0x", 12, NULL, 0),
	    JUNOS_ISSU_NONE);
	assert_string_equal(junos_issu_milestone_name(JUNOS_ISSU_ERROR),
	    "error");
	assert_string_equal(junos_issu_milestone_name(
	    (enum junos_issu_milestone)99), "none");
}

/* ---- questions --------------------------------------------------------------- */

static const struct question_case {
	const char *file;
	enum junos_question question;
} question_cases[] = {
	{ "request_system_software_in_service_upgrade/"
	    "mx480_12.3R8.7_to_13.3R6.5_said_full_run.txt",
	    JUNOS_QUESTION_ISSU_CONTINUE },
	{ "request_system_reboot/ex_17.3R3.10_reboot_uncommitted_config_"
	    "warning.txt", JUNOS_QUESTION_REBOOT },
	{ "request_system_reboot/m320_DESTTG1005ME2_reboot_both_routing_"
	    "engines.txt", JUNOS_QUESTION_REBOOT },
	{ "request_system_reboot/mx304_rtme-mx304-09_reboot_wall_message.txt",
	    JUNOS_QUESTION_REBOOT },
	{ "request_system_reboot/mx480_10.3R2_forwardingplane_reboot_after_"
	    "issu.txt", JUNOS_QUESTION_REBOOT },
	{ "request_system_reboot/mx480_17.3R3-S8.1_halt_both_routing_engines_"
	    "BLANKLINE_ARTIFACTS.txt", JUNOS_QUESTION_HALT },
	{ "request_system_reboot/ex_17.3R3.10_power_off.txt",
	    JUNOS_QUESTION_POWER_OFF },
	{ "request_chassis_routing_engine_master_switch/m320_11.4R5_alecto_"
	    "no_gres_warning.txt", JUNOS_QUESTION_MASTER_SWITCH },
	{ "request_chassis_routing_engine_master_switch/m320_12.3dev_alecto_"
	    "refused_then_success.txt", JUNOS_QUESTION_MASTER_SWITCH },
	{ "request_chassis_routing_engine_master_switch/m320_12.3dev_alecto_"
	    "success_1.txt", JUNOS_QUESTION_MASTER_SWITCH },
	{ "request_chassis_routing_engine_master_switch/m320_DESTTG1005ME2_"
	    "switch.txt", JUNOS_QUESTION_MASTER_SWITCH },
	{ "request_chassis_routing_engine_master_switch/mx480_17.3R3-S8.1_"
	    "switch_prompt_only.txt", JUNOS_QUESTION_MASTER_SWITCH },
};

/*
 * Every question in the captures: the line as the terminal showed it while
 * waiting (cut after "(no) ") is the question; the line with the answer the
 * operator typed is not; no other line of these captures is a question.
 */
static void
test_reference_questions(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < sizeof question_cases / sizeof question_cases[0];
	    k++) {
		struct text t = reference(question_cases[k].file, 0, NULL);
		const char *p = t.p, *end = t.p + t.len;
		size_t asked = 0;

		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t l = nl != NULL ? (size_t)(nl - p) :
			    (size_t)(end - p);
			const char *tail = memmem(p, l, "(no) ", 5);

			if (tail != NULL) {
				size_t q = (size_t)(tail + 5 - p);

				if (junos_question_classify(p, q) !=
				    question_cases[k].question)
					fail_msg("%s: \"%.*s\" not read as %s",
					    question_cases[k].file, (int)q, p,
					    junos_question_name(
					    question_cases[k].question));
				asked++;
			}
			if (junos_question_classify(p, l) !=
			    JUNOS_QUESTION_NONE)
				fail_msg("%s: \"%.*s\" read as a waiting "
				    "question", question_cases[k].file,
				    (int)l, p);
			p = nl != NULL ? nl + 1 : end;
		}
		if (asked == 0)
			fail_msg("%s: no question found",
			    question_cases[k].file);
		free(t.p);
	}
}

/* A backup's refusal of a master-only command: the capture's line (blank
 * lines around it as the CLI prints them), the XML output's bare form; not
 * any other error, not with more said. */
static void
test_master_only_refusal(void **state)
{
	(void)state;
	assert_true(junos_is_master_only_refusal(S("\nerror: Aborted! This "
	    "command can only be used on the master routing engine.\n\n")));
	assert_true(junos_is_master_only_refusal(S("Aborted! This command can "
	    "only be used on the master routing engine.")));
	assert_false(junos_is_master_only_refusal(S("error: Aborted! This "
	    "command can only be used on the master routing engine.\n"
	    "ISSU: IDLE\n")));
	assert_false(junos_is_master_only_refusal(S("error: syntax error, "
	    "expecting <command>: in-service-upgrade\n")));
	assert_false(junos_is_master_only_refusal(S("")));
	assert_false(junos_is_master_only_refusal(NULL, 0));
}

static void
test_question_exact_wording(void **state)
{
	(void)state;
	assert_int_equal(junos_question_classify(S("Reboot the system ? "
	    "[yes,no] (no) ")), JUNOS_QUESTION_REBOOT);
	assert_int_equal(junos_question_classify(S("\r\nReboot the system ? "
	    "[yes,no] (no)")), JUNOS_QUESTION_REBOOT);
	assert_int_equal(junos_question_classify(S("Reboot the system ? "
	    "[yes,no] (no) \t \r\n")), JUNOS_QUESTION_REBOOT);
	assert_int_equal(junos_question_classify(S("Do you want to continue "
	    "with these actions being taken ? [yes,no] (no) ")),
	    JUNOS_QUESTION_ISSU_CONTINUE);
	assert_int_equal(junos_question_classify(S("Toggle mastership between "
	    "routing engines ? [yes,no] (no) ")),
	    JUNOS_QUESTION_MASTER_SWITCH);
	assert_int_equal(junos_question_classify(S("Halt the system ? "
	    "[yes,no] (no) ")), JUNOS_QUESTION_HALT);
	assert_int_equal(junos_question_classify(S("Power Off the system ? "
	    "[yes,no] (no) ")), JUNOS_QUESTION_POWER_OFF);
	/* near misses are some other question, never the known one */
	assert_int_equal(junos_question_classify(S("Reboot the  system ? "
	    "[yes,no] (no) ")), JUNOS_QUESTION_OTHER_YES_NO);
	assert_int_equal(junos_question_classify(S("reboot the system ? "
	    "[yes,no] (no) ")), JUNOS_QUESTION_OTHER_YES_NO);
	assert_int_equal(junos_question_classify(S("Reboot the system ? "
	    "[yes,no]")), JUNOS_QUESTION_NONE);
	assert_string_equal(junos_question_name(JUNOS_QUESTION_REBOOT),
	    "reboot");
}

static void
test_question_answered_is_not_waiting(void **state)
{
	(void)state;
	assert_int_equal(junos_question_classify(S("Reboot the system ? "
	    "[yes,no] (no) yes")), JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(S("Reboot the system ? "
	    "[yes,no] (no) no\r\n")), JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(S("Toggle mastership between "
	    "routing engines ? [yes,no] (no) yes May 21 13:16:55")),
	    JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(S("Toggle mastership between "
	    "routing engines ? [yes,no] (no) May 21 13:16:55")),
	    JUNOS_QUESTION_NONE);
}

static void
test_question_other_yes_no_and_none(void **state)
{
	(void)state;
	assert_int_equal(junos_question_classify(S("Delete everything under "
	    "this level? [yes,no] (no) ")), JUNOS_QUESTION_OTHER_YES_NO);
	assert_int_equal(junos_question_classify(S("Exit with uncommitted "
	    "changes? [yes,no] (yes) ")), JUNOS_QUESTION_OTHER_YES_NO);
	assert_int_equal(junos_question_classify(S("? [yes,no] (no) ")),
	    JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(S("warning: x\nReboot the "
	    "system ? [yes,no] (no) ")), JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(S("Reboot the system ? "
	    "[yes,no] (no)\x1b[K")), JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(S("netops@mx480-re0> ")),
	    JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(S("")), JUNOS_QUESTION_NONE);
	assert_int_equal(junos_question_classify(NULL, 0),
	    JUNOS_QUESTION_NONE);
}

/* ---- request chassis routing-engine master switch [check] ------------------ */

static const struct switch_case {
	const char *file;
	const char *from;
	enum junos_switch_result result;
	int retry_after_s;
	const char *warning;
} switch_cases[] = {
	{ "request_chassis_routing_engine_master_switch/"
	    "m320_11.4R5_alecto_no_gres_warning.txt", NULL, JUNOS_SWITCH_DONE,
	    -1, "warning: Traffic will be interrupted while the PFE is "
	    "re-initialized" },
	/* the first command stops at the prompt after its refusal */
	{ "request_chassis_routing_engine_master_switch/"
	    "m320_12.3dev_alecto_refused_then_success.txt", NULL,
	    JUNOS_SWITCH_NOT_READY, 11, "" },
	{ "request_chassis_routing_engine_master_switch/"
	    "m320_12.3dev_alecto_refused_then_success.txt",
	    "Dec 01 19:41:50\n\n{master}", JUNOS_SWITCH_DONE, -1, "" },
	{ "request_chassis_routing_engine_master_switch/"
	    "m320_12.3dev_alecto_success_1.txt", NULL, JUNOS_SWITCH_DONE, -1,
	    "" },
	/* the capture stops at the answer */
	{ "request_chassis_routing_engine_master_switch/"
	    "m320_DESTTG1005ME2_switch.txt", NULL, JUNOS_SWITCH_UNKNOWN, -1,
	    "" },
	{ "request_chassis_routing_engine_master_switch/"
	    "mx480_17.3R3-S8.1_switch_prompt_only.txt", NULL,
	    JUNOS_SWITCH_UNKNOWN, -1, "" },
};

static void
test_reference_master_switch(void **state)
{
	struct junos_master_switch s;
	char err[256];
	size_t k;

	(void)state;
	for (k = 0; k < sizeof switch_cases / sizeof switch_cases[0]; k++) {
		const struct switch_case *sc = &switch_cases[k];
		struct text t = reference(sc->file, 0, sc->from);

		if (junos_parse_master_switch(t.p, t.len, &s, err,
		    sizeof err) != 0)
			fail_msg("%s: %s", sc->file, err);
		if (s.result != sc->result)
			fail_msg("%s: %s, wanted %s", sc->file,
			    junos_switch_result_name(s.result),
			    junos_switch_result_name(sc->result));
		assert_int_equal(s.retry_after_s, sc->retry_after_s);
		assert_string_equal(s.warning, sc->warning);
		assert_true(s.message[0] != '\0');
		free(t.p);
	}
}

static void
test_master_switch_exec_output_follows_the_question(void **state)
{
	struct junos_master_switch s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) Resolving mastership...\n"
	    "Complete. The other routing engine becomes the master.\n"), &s,
	    err, sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_DONE);
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) Command aborted. Not "
	    "ready for mastership switch, try after 218 secs.\n"), &s, err,
	    sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_NOT_READY);
	assert_int_equal(s.retry_after_s, 218);
	assert_string_equal(s.message, "Command aborted. Not ready for "
	    "mastership switch, try after 218 secs.");
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) something else\n"), &s,
	    err, sizeof err), -1);
	assert_err_line(err, 1, "Toggle mastership");
}

static void
test_master_switch_refusals(void **state)
{
	struct junos_master_switch s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_master_switch(S("{backup}\nnetops@re1> "
	    "request chassis routing-engine master switch\nerror: Aborted! "
	    "This command can only be used on the master routing engine.\n"),
	    &s, err, sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_REFUSED);
	assert_int_equal(s.retry_after_s, -1);
	assert_string_equal(s.message, "error: Aborted! This command can only "
	    "be used on the master routing engine.");
	/* a warning after the answer, and no Complete line */
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) yes\nwarning: Standby "
	    "Routing Engine is not ready\n"), &s, err, sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_REFUSED);
	assert_string_equal(s.warning, "");
	assert_string_equal(s.message, "warning: Standby Routing Engine is "
	    "not ready");
	/* "try after 1 sec." and the chassisd wording */
	assert_int_equal(junos_parse_master_switch(S("error: chassisd Not "
	    "ready for mastership switch, try after 1 sec.\n"), &s, err,
	    sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_NOT_READY);
	assert_int_equal(s.retry_after_s, 1);
}

static void
test_master_switch_answered_no_or_unanswered(void **state)
{
	struct junos_master_switch s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) no\n"), &s, err,
	    sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_UNKNOWN);
	assert_string_equal(s.message, "the question was not answered yes");
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) "), &s, err,
	    sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_UNKNOWN);
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) y\nResolving "
	    "mastership...\n"), &s, err, sizeof err), 0);
	assert_int_equal(s.result, JUNOS_SWITCH_UNKNOWN);
	assert_non_null(strstr(s.message, "cut short"));
}

static void
test_master_switch_errors(void **state)
{
	struct junos_master_switch s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_master_switch(S("\n{master}\n"), &s, err,
	    sizeof err), -1);
	assert_err_end(err, "no request chassis routing-engine master switch "
	    "output");
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) yes\nResolving "
	    "mastership...\nSomething unexpected\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 3, "Something unexpected\": not a request");
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) yes\nToggle mastership "
	    "between routing engines ? [yes,no] (no) yes\n"), &s, err,
	    sizeof err), -1);
	assert_err_line(err, 2, "Toggle");
	assert_non_null(strstr(err, "the question twice"));
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no)x\n"), &s, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "Toggle");
	/* contradicting results */
	assert_int_equal(junos_parse_master_switch(S("Toggle mastership "
	    "between routing engines ? [yes,no] (no) no\nResolving "
	    "mastership...\nComplete. The other routing engine becomes the "
	    "master.\n"), &s, err, sizeof err), -1);
	assert_err_end(err, "contradicting results: switched; answered no");
	assert_int_equal(junos_parse_master_switch(S("Complete. The other "
	    "routing engine becomes the master.\nerror: x\n"), &s, err,
	    sizeof err), -1);
	assert_err_end(err, "contradicting results");
	assert_int_equal(junos_parse_master_switch(S("Command aborted. Not "
	    "ready for mastership switch, try after 5 secs.\nCommand aborted. "
	    "Not ready for mastership switch, try after 5 secs.\n"), &s, err,
	    sizeof err), -1);
	assert_err_line(err, 2, "Command aborted.");
	assert_int_equal(junos_parse_master_switch(S("Command aborted. Not "
	    "ready for mastership switch, try after 5 minutes.\n"), &s, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "Command aborted.");
	/* the check's answer is not a switch's */
	assert_int_equal(junos_parse_master_switch(S("Switchover Ready\n"), &s,
	    err, sizeof err), -1);
	assert_err_line(err, 1, "Switchover Ready");
	assert_string_equal(junos_switch_result_name(JUNOS_SWITCH_NOT_READY),
	    "not_ready");
}

static void
test_reference_master_switch_check_ready(void **state)
{
	struct text t = reference("request_chassis_routing_engine_master_"
	    "switch/mx480_17.3R3-S8.1_check_switchover_ready.txt", 0, NULL);
	struct junos_switch_check s;
	char err[256];
	size_t k;

	(void)state;
	if (junos_parse_master_switch_check(t.p, t.len, &s, err,
	    sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(s.ready, JUNOS_TRUE);
	assert_int_equal(s.retry_after_s, -1);
	assert_string_equal(s.reason, "");
	free(t.p);
	/* the switch captures echo another command than the check */
	for (k = 0; k < sizeof switch_cases / sizeof switch_cases[0]; k++) {
		t = reference(switch_cases[k].file, 0, NULL);
		assert_int_equal(junos_parse_master_switch_check(t.p, t.len,
		    &s, err, sizeof err), -1);
		assert_non_null(strstr(err, "the echo of another command"));
		free(t.p);
	}
}

static void
test_switch_check_not_ready_documented_wording(void **state)
{
	struct junos_switch_check s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_master_switch_check(S("{master:member0-"
	    "re0}\nuser@host> request chassis routing-engine master switch "
	    "check\nerror: chassisd Not ready for mastership switch, try after "
	    "217 secs.\nmastership switch request NOT honored, backup not "
	    "ready\n"), &s, err, sizeof err), 0);
	assert_int_equal(s.ready, JUNOS_FALSE);
	assert_int_equal(s.retry_after_s, 217);
	assert_string_equal(s.reason, "error: chassisd Not ready for "
	    "mastership switch, try after 217 secs.");
	assert_int_equal(junos_parse_master_switch_check(S("mastership switch "
	    "request NOT honored, backup not ready\n"), &s, err, sizeof err),
	    0);
	assert_int_equal(s.ready, JUNOS_FALSE);
	assert_int_equal(s.retry_after_s, -1);
}

static void
test_switch_check_other_error_is_unknown(void **state)
{
	struct junos_switch_check s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_master_switch_check(S("error: Aborted! "
	    "This command can only be used on the master routing engine.\n"),
	    &s, err, sizeof err), 0);
	assert_int_equal(s.ready, JUNOS_UNKNOWN);
	assert_string_equal(s.reason, "error: Aborted! This command can only "
	    "be used on the master routing engine.");
}

static void
test_switch_check_errors(void **state)
{
	struct junos_switch_check s;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_master_switch_check(S(""), &s, err,
	    sizeof err), -1);
	assert_err_end(err, "no request chassis routing-engine master switch "
	    "check output");
	/* the simulator's not-ready wording is not Junos' documented one */
	assert_int_equal(junos_parse_master_switch_check(S("Switchover Not "
	    "Ready\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 1, "Switchover Not Ready");
	assert_int_equal(junos_parse_master_switch_check(S("Switchover Ready\n"
	    "Switchover Ready\n"), &s, err, sizeof err), -1);
	assert_err_line(err, 2, "Switchover Ready\": twice");
	assert_int_equal(junos_parse_master_switch_check(S("Switchover Ready\n"
	    "error: x\n"), &s, err, sizeof err), -1);
	assert_err_end(err, "both \"Switchover Ready\" and \"error: x\"");
}

/* ---- commit ------------------------------------------------------------------ */

static const struct commit_case {
	const char *file;
	const char *from;
	bool complete, synchronized, check_succeeds;
	size_t nerrors, nwarnings;
	const char *error0;
} commit_cases[] = {
	{ "commit_synchronize/mx480_17.3R3-S8.1_commit_synchronize_scripts_"
	    "new_re1.txt", NULL, true, true, true, 0, 1, NULL },
	{ "commit_synchronize/mx960_12.3R3.4_commit_check_and_commit_sync.txt",
	    "buraglio@rtr# commit check", false, false, true, 0, 0, NULL },
	{ "commit_synchronize/mx960_12.3R3.4_commit_check_and_commit_sync.txt",
	    "buraglio@rtr# commit\n", true, true, true, 0, 0, NULL },
	{ "commit_synchronize/mx960_12.3R3.4_commit_check_error_re0.txt", NULL,
	    false, false, false, 1, 0, "error: could not open configuration "
	    "database (juniper.data+)" },
};

static void
test_reference_commit(void **state)
{
	static struct junos_commit c;
	char err[256];
	size_t k;

	(void)state;
	for (k = 0; k < sizeof commit_cases / sizeof commit_cases[0]; k++) {
		const struct commit_case *cc = &commit_cases[k];
		struct text t = reference(cc->file, 0, cc->from);

		if (junos_parse_commit(t.p, t.len, &c, err, sizeof err) != 0)
			fail_msg("%s: %s", cc->file, err);
		if (c.complete != cc->complete ||
		    c.synchronized != cc->synchronized ||
		    c.check_succeeds != cc->check_succeeds)
			fail_msg("%s: complete %d synchronized %d check %d",
			    cc->file, c.complete, c.synchronized,
			    c.check_succeeds);
		assert_int_equal(c.nerrors, cc->nerrors);
		assert_int_equal(c.nwarnings, cc->nwarnings);
		if (cc->error0 != NULL)
			assert_string_equal(c.error[0], cc->error0);
		free(t.p);
	}
}

/* The configure_mode captures hold no commit output: refused, saying why. */
static void
test_reference_configure_mode_is_not_commit_output(void **state)
{
	static struct junos_commit c;
	struct text t;
	char err[256];

	(void)state;
	t = reference("configure_mode/ex_17.3R3.10_enter_configure.txt", 0,
	    NULL);
	assert_int_equal(junos_parse_commit(t.p, t.len, &c, err, sizeof err),
	    -1);
	assert_err_line(err, 1, "root> configure\": the echo of another");
	free(t.p);
	t = reference("configure_mode/mx480_17.3R3-S8.1_show_compare_"
	    "deactivate_gres_nsr.txt", 0, NULL);
	assert_int_equal(junos_parse_commit(t.p, t.len, &c, err, sizeof err),
	    -1);
	assert_err_line(err, 2, "vietpn@ME_AR02.GAZ185_RE0# show | compare");
	free(t.p);
	/* the activate capture ends at the commit's echo */
	t = reference("configure_mode/mx480_17.3R3-S8.1_show_compare_"
	    "activate_gres_nsr.txt", 0, "RE0# commit");
	assert_int_equal(junos_parse_commit(t.p, t.len, &c, err, sizeof err),
	    -1);
	assert_err_end(err, "no commit output");
	free(t.p);
}

static void
test_commit_plain_and_check(void **state)
{
	static struct junos_commit c;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_commit(S("[edit]\nnetops@re0# commit "
	    "and-quit\ncommit complete\nExiting configuration mode\n"), &c,
	    err, sizeof err), 0);
	assert_true(c.complete);
	assert_false(c.synchronized);
	assert_true(c.check_succeeds);
	assert_int_equal(junos_parse_commit(S("configuration check succeeds\n"),
	    &c, err, sizeof err), 0);
	assert_false(c.complete);
	assert_true(c.check_succeeds);
	assert_int_equal(junos_parse_commit(S("commit confirmed will be "
	    "automatically rolled back in 10 minutes unless confirmed\n"
	    "commit complete\n"), &c, err, sizeof err), 0);
	assert_true(c.complete);
	/* only the other RE committed: the local one did not */
	assert_int_equal(junos_parse_commit(S("re0:\nconfiguration check "
	    "succeeds\nre1:\ncommit complete\nre0:\nerror: commit failed\n"),
	    &c, err, sizeof err), 0);
	assert_false(c.complete);
	assert_false(c.synchronized);
	assert_int_equal(c.nerrors, 1);
}

static void
test_commit_synchronize_errors_kept_verbatim(void **state)
{
	static const char remote[] =
	    "{master}[edit]\n"
	    "netops@mx480-re0# commit synchronize\n"
	    "re0:\n"
	    "configuration check succeeds\n"
	    "error: remote commit-configuration failed on re1\n"
	    "\n"
	    "{master}[edit]\n"
	    "netops@mx480-re0# \n";
	static const char checkout[] =
	    "re0:\n"
	    "[edit chassis redundancy]\n"
	    "  'graceful-switchover'\n"
	    "    error: something about it\n"
	    "error: configuration check-out failed\n";
	static struct junos_commit c;
	char err[256], many[JUNOS_COMMIT_ERRORS_MAX * 20 + 20];
	size_t i, o = 0;

	(void)state;
	assert_int_equal(junos_parse_commit(S(remote), &c, err, sizeof err), 0);
	assert_false(c.complete);
	assert_false(c.check_succeeds);
	assert_int_equal(c.nerrors, 1);
	assert_string_equal(c.error[0], "error: remote commit-configuration "
	    "failed on re1");
	assert_int_equal(junos_parse_commit(S(checkout), &c, err, sizeof err),
	    0);
	assert_int_equal(c.nerrors, 2);
	assert_string_equal(c.error[0], "error: something about it");
	assert_string_equal(c.error[1], "error: configuration check-out "
	    "failed");
	/* more errors than kept: all counted, the first ones kept */
	for (i = 0; i < JUNOS_COMMIT_ERRORS_MAX + 3; i++)
		o += (size_t)snprintf(many + o, sizeof many - o,
		    "error: e%zu\n", i);
	assert_int_equal(junos_parse_commit(many, o, &c, err, sizeof err), 0);
	assert_int_equal(c.nerrors, JUNOS_COMMIT_ERRORS_MAX + 3);
	assert_string_equal(c.error[JUNOS_COMMIT_ERRORS_MAX - 1], "error: e7");
}

static void
test_commit_errors(void **state)
{
	static struct junos_commit c;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_commit(S("{master}[edit]\n"), &c, err,
	    sizeof err), -1);
	assert_err_end(err, "no commit output");
	assert_int_equal(junos_parse_commit(S("commit complete\nsomething "
	    "else\n"), &c, err, sizeof err), -1);
	assert_err_line(err, 2, "something else\": not a commit line");
	assert_int_equal(junos_parse_commit(S("re0:\ncommit complete\n"
	    "commit complete\n"), &c, err, sizeof err), -1);
	assert_err_line(err, 3, "commit complete\": twice");
	assert_int_equal(junos_parse_commit(S("commit complete\nre0:\n"
	    "commit complete\n"), &c, err, sizeof err), -1);
	assert_err_end(err, "outside the re0:/re1: sections");
	assert_int_equal(junos_parse_commit(S("re0:\nre1:\nre2:\nre3:\n"
	    "re4:\n"), &c, err, sizeof err), -1);
	assert_err_line(err, 5, "re4:\": too many sections");
	assert_int_equal(junos_parse_commit(S("Generating RSA key\n"), &c, err,
	    sizeof err), -1);
	assert_err_line(err, 1, "Generating RSA key");
}

/* ---- show system users ------------------------------------------------------- */

/* Juniper's documented layout (FreeBSD w(1)), as the simulator prints it. */
static const char users_documented[] =
    "{master}\n"
    "netops@mx480-re0> show system users no-resolve\n"
    " 5:29PM  up 41 days,  2:34, 2 users, load averages: 0.07, 0.02, 0.01\n"
    "USER     TTY      FROM                              LOGIN@  IDLE WHAT\n"
    "root     d0       -                                Fri05PM 4days -csh "
    "(csh)\n"
    "netops   p0       192.0.2.50                        5:28PM     - -cli "
    "(cli)\n";

static void
test_users_documented_shape(void **state)
{
	static struct junos_users u;
	char err[256];

	(void)state;
	if (junos_parse_users(S(users_documented), &u, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_string_equal(u.time, "5:29PM");
	assert_string_equal(u.uptime, "41 days,  2:34");
	assert_int_equal(u.count, 2);
	assert_int_equal(u.nusers, 2);
	assert_string_equal(u.user[0].user, "root");
	assert_string_equal(u.user[0].tty, "d0");
	assert_string_equal(u.user[0].from, "-");
	assert_string_equal(u.user[0].login, "Fri05PM");
	assert_string_equal(u.user[0].idle, "4days");
	assert_string_equal(u.user[0].what, "-csh (csh)");
	assert_string_equal(u.user[1].from, "192.0.2.50");
	assert_string_equal(u.user[1].login, "5:28PM");
	assert_string_equal(u.user[1].idle, "-");
	assert_string_equal(u.user[1].what, "-cli (cli)");
}

/* The w(1) line that ends every show system uptime capture is the users
 * header: each reads, with its count. */
static const struct users_header_case {
	const char *file;
	const char *time, *uptime;
	size_t count;
} users_header_cases[] = {
	{ "show_system_uptime/genie_2.txt", "2:08PM", "11:03", 1 },
	{ "show_system_uptime/genie_3_no_time_source.txt", NULL, NULL, 0 },
	{ "show_system_uptime/genie_vmx_1.txt", NULL, NULL, 0 },
	{ "show_system_uptime/m320_12.3dev_alecto_re0_20141121.txt", "12:49PM",
	    "88 days, 19:54", 1 },
	{ "show_system_uptime/m320_12.3dev_alecto_re0_20141130.txt", "10:06PM",
	    "98 days,  5:11", 1 },
	{ "show_system_uptime/ntc_uptime_1.txt", NULL, NULL, 0 },
	{ "show_system_uptime/ntc_uptime_2.txt", NULL, NULL, 0 },
	{ "show_system_uptime/seahawks_re0_20160612.txt", NULL, NULL, 0 },
};

/* show system users captures: each row read, in order. */
static const struct users_case {
	const char *file;
	size_t count, nusers;
	const char *last_tty, *last_from, *last_idle;
} users_cases[] = {
	{ "show_system_users/genie_users_1_console_d0.txt", 1, 1, "d0", "-",
	    "-" },
	{ "show_system_users/genie_users_2_console_and_p0.txt", 2, 2, "p0",
	    "255.255.255.255", "-" },
	{ "show_system_users/genie_users_3_pts_cl.txt", 3, 3, "pts/2",
	    "10.1.0.1", "3" },
};

static void
test_reference_show_system_users(void **state)
{
	static struct junos_users u;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof users_cases / sizeof users_cases[0]; k++) {
		const struct users_case *uc = &users_cases[k];
		struct text t = reference(uc->file, 0, NULL);
		const struct junos_user *last;
		char err[256];

		if (junos_parse_users(t.p, t.len, &u, err, sizeof err) != 0)
			fail_msg("%s: %s", uc->file, err);
		if (u.count != uc->count || u.nusers != uc->nusers)
			fail_msg("%s: %zu users, %zu rows", uc->file, u.count,
			    u.nusers);
		last = &u.user[u.nusers - 1];
		if (strcmp(last->tty, uc->last_tty) != 0 ||
		    strcmp(last->from, uc->last_from) != 0 ||
		    strcmp(last->idle, uc->last_idle) != 0)
			fail_msg("%s: last row read %s %s %s", uc->file,
			    last->tty, last->from, last->idle);
		free(t.p);
	}
}

static void
test_reference_users_header_from_uptime_captures(void **state)
{
	static struct junos_users u;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof users_header_cases /
	    sizeof users_header_cases[0]; k++) {
		const struct users_header_case *hc = &users_header_cases[k];
		struct text t = reference(hc->file, 0, NULL);
		char *line = strstr(t.p, "load averages:"), *nl, buf[512];
		char err[256];
		int n;

		assert_non_null(line);
		while (line > t.p && line[-1] != '\n')
			line--;
		nl = strchr(line, '\n');
		n = snprintf(buf, sizeof buf, "%.*s\nUSER     TTY      FROM"
		    "                              LOGIN@  IDLE WHAT\n",
		    (int)(nl != NULL ? nl - line : (long)strlen(line)), line);
		if (junos_parse_users(buf, (size_t)n, &u, err, sizeof err) != 0)
			fail_msg("%s: %s", hc->file, err);
		assert_true(u.count >= 1);
		assert_int_equal(u.nusers, 0);
		if (hc->time != NULL) {
			assert_string_equal(u.time, hc->time);
			assert_string_equal(u.uptime, hc->uptime);
			assert_int_equal(u.count, hc->count);
		}
		free(t.p);
	}
}

static void
test_users_header_variants(void **state)
{
	static struct junos_users u;
	char err[256];

	(void)state;
	assert_int_equal(junos_parse_users(S("12:31PM  up 15 days, 5 mins, 1 "
	    "user, load averages: 0.07, 0.09, 0.04\nUSER TTY FROM LOGIN@ IDLE "
	    "WHAT\n"), &u, err, sizeof err), 0);
	assert_string_equal(u.uptime, "15 days, 5 mins");
	assert_int_equal(u.count, 1);
	assert_int_equal(junos_parse_users(S(" 9:00AM  up 2 mins, 0 users, "
	    "load averages: 1.00, 0.50, 0.20\nUSER TTY FROM LOGIN@ IDLE "
	    "WHAT\n"), &u, err, sizeof err), 0);
	assert_int_equal(u.count, 0);
}

static void
test_users_errors(void **state)
{
	static struct junos_users u;
	static char many[(JUNOS_USERS_MAX + 1) * 60 + 200];
	char err[256];
	size_t i, o;

	(void)state;
	assert_int_equal(junos_parse_users(S(""), &u, err, sizeof err), -1);
	assert_err_end(err, "no show system users output");
	assert_int_equal(junos_parse_users(S(" 5:29PM  up 41 days,  2:34, 2 "
	    "users, load averages: 0.07, 0.02, 0.01\n"), &u, err, sizeof err),
	    -1);
	assert_err_end(err, "output cut short?");
	assert_int_equal(junos_parse_users(S("USER TTY FROM LOGIN@ IDLE WHAT\n"),
	    &u, err, sizeof err), -1);
	assert_err_line(err, 1, "USER TTY FROM LOGIN@ IDLE WHAT\": not the "
	    "w(1) header");
	assert_int_equal(junos_parse_users(S(" 5:29PM  up 41 days, 2 users, "
	    "load averages: 0.07, 0.02\n"), &u, err, sizeof err), -1);
	assert_err_line(err, 1, "5:29PM");
	assert_int_equal(junos_parse_users(S(" 5:29PM  up 41 days, two users, "
	    "load averages: 0.07, 0.02, 0.01\n"), &u, err, sizeof err), -1);
	assert_int_equal(junos_parse_users(S(" 5:29PM  up 41 days, 2 users, "
	    "load averages: 0.07, 0.02, 0.01\nUSER TTY FROM LOGIN@ IDLE WHAT\n"
	    "netops p0 192.0.2.50 5:28PM -\n"), &u, err, sizeof err), -1);
	assert_err_line(err, 3, "netops p0 192.0.2.50 5:28PM -\": not a user");
	assert_int_equal(junos_parse_users(S(" 5:29PM  up 41 days, 2 users, "
	    "load averages: 0.07, 0.02, 0.01\nUSER TTY LOGIN@ IDLE WHAT\n"),
	    &u, err, sizeof err), -1);
	assert_err_line(err, 2, "USER TTY LOGIN@");
	o = (size_t)snprintf(many, sizeof many, " 5:29PM  up 1 day, 99 users, "
	    "load averages: 0.07, 0.02, 0.01\nUSER TTY FROM LOGIN@ IDLE WHAT\n");
	for (i = 0; i <= JUNOS_USERS_MAX; i++)
		o += (size_t)snprintf(many + o, sizeof many - o,
		    "u%zu p%zu - 5:28PM - -cli (cli)\n", i, i);
	assert_int_equal(junos_parse_users(many, o, &u, err, sizeof err), -1);
	assert_err_line(err, JUNOS_USERS_MAX + 3, "u64 p64");
	assert_non_null(strstr(err, "more than 64 users"));
}

/* ---- the CLI prompt ---------------------------------------------------------- */

static void
test_reference_prompts(void **state)
{
	static const struct {
		const char *file;
		const char *line;	/* the bare prompt line, as stored */
		const char *user, *host;
		enum junos_cli_mode mode;
	} cases[] = {
		{ "login_banner_prompts/qfx_13.2X51-D30_master0_prompt.txt",
		    "jtac@zggawgnk100>", "jtac", "zggawgnk100",
		    JUNOS_CLI_OPERATIONAL },
		{ "login_banner_prompts/m320_12.3dev_alecto_limited_support_"
		    "warning_session.txt", "lab@alecto-re0>", "lab",
		    "alecto-re0", JUNOS_CLI_OPERATIONAL },
		{ "request_system_reboot/ex_17.3R3.10_power_off.txt", "root>",
		    "root", "", JUNOS_CLI_OPERATIONAL },
		{ "configure_mode/ex_17.3R3.10_enter_configure.txt", "root#",
		    "root", "", JUNOS_CLI_CONFIGURATION },
		{ "commit_synchronize/mx960_12.3R3.4_commit_check_and_commit_"
		    "sync.txt", "buraglio@rtr#", "buraglio", "rtr",
		    JUNOS_CLI_CONFIGURATION },
		{ "request_system_software_in_service_upgrade/mx480_12.3R8.7_"
		    "to_13.3R6.5_said_full_run.txt", "play@MX480-TEST-RE0>",
		    "play", "MX480-TEST-RE0", JUNOS_CLI_OPERATIONAL },
	};
	struct junos_prompt p;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct text t = reference(cases[k].file, 0, NULL);
		const char *s = t.p, *end = t.p + t.len;
		bool found = false;

		while (s < end) {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			size_t l = nl != NULL ? (size_t)(nl - s) :
			    (size_t)(end - s);
			size_t n = strlen(cases[k].line);

			if (l >= n && memcmp(s, cases[k].line, n) == 0 &&
			    strspn(s + n, " \r") == l - n) {
				found = true;
				if (junos_prompt_parse(s, l, &p) != 0)
					fail_msg("%s: \"%.*s\" not a prompt",
					    cases[k].file, (int)l, s);
				assert_string_equal(p.user, cases[k].user);
				assert_string_equal(p.host, cases[k].host);
				assert_int_equal(p.mode, cases[k].mode);
			} else if (junos_prompt_parse(s, l, &p) == 0 &&
			    memchr(s, '>', l) == NULL &&
			    memchr(s, '#', l) == NULL) {
				fail_msg("%s: \"%.*s\" read as a prompt",
				    cases[k].file, (int)l, s);
			}
			s = nl != NULL ? nl + 1 : end;
		}
		if (!found)
			fail_msg("%s: no \"%s\" line", cases[k].file,
			    cases[k].line);
		free(t.p);
	}
}

static void
test_prompt_exactly_a_prompt(void **state)
{
	struct junos_prompt p;

	(void)state;
	assert_int_equal(junos_prompt_parse(S("netops@mx480-re0> "), &p), 0);
	assert_string_equal(p.user, "netops");
	assert_string_equal(p.host, "mx480-re0");
	assert_int_equal(p.mode, JUNOS_CLI_OPERATIONAL);
	assert_int_equal(junos_prompt_parse(S("\rnetops@mx480-re0# \r\n"), &p),
	    0);
	assert_int_equal(p.mode, JUNOS_CLI_CONFIGURATION);
	assert_int_equal(junos_prompt_parse(S("vietpn@ME_AR02.GAZ185_RE0> "),
	    &p), 0);
	assert_string_equal(p.host, "ME_AR02.GAZ185_RE0");
}

static void
test_prompt_refuses_what_is_not_a_prompt(void **state)
{
	static const char *const not[] = {
		"{master}", "{master:0}", "{master}[edit]", "[edit]",
		"root@%", "root@% ", "%", "play@playshell:~$ ",
		"netops@mx480-re0> show version",
		"netops@mx480-re0>show version",
		"netops@mx480-re0 > ", "netops@> ", "@mx480-re0> ", "> ", "#",
		"netops@mx480 re0> ", "netops@mx480-re0>> ",
		"Reboot the system ? [yes,no] (no) ", "", "\r\n",
		"Hostname: mx480-re0",
	};
	struct junos_prompt p;
	char big[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof not / sizeof not[0]; i++) {
		if (junos_prompt_parse(not[i], strlen(not[i]), &p) == 0)
			fail_msg("\"%s\" read as a prompt", not[i]);
	}
	assert_int_equal(junos_prompt_parse(NULL, 0, &p), -1);
	assert_int_equal(junos_prompt_parse("netops@re0>\0", 12, &p), -1);
	/* a name that does not fit is refused, never cut */
	memset(big, 'a', sizeof big);
	big[100] = '@';
	big[sizeof big - 1] = '>';
	assert_int_equal(junos_prompt_parse(big, sizeof big, &p), -1);
}

/* Configuration-mode terminal noise around an output: the {master}[edit]
 * banner, user@host# prompts, an [edit] line before the output, root>. */
static void
test_capture_configuration_mode_noise(void **state)
{
	static const char out[] =
	    "[edit]\n"
	    "{master}[edit]\n"
	    "netops@mx480-re0# commit synchronize\n"
	    "re0:\n"
	    "configuration check succeeds\n"
	    "re1:\n"
	    "commit complete\n"
	    "re0:\n"
	    "commit complete\n"
	    "\n"
	    "{master}[edit]\n"
	    "netops@mx480-re0# show | compare\n"
	    "[edit]\n";
	static const char root[] = "root> show system switchover\n"
	    "Graceful switchover: Off\n";
	static struct junos_commit c;
	struct junos_switchover sw;
	char err[256];

	(void)state;
	if (junos_parse_commit(S(out), &c, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_true(c.complete);
	assert_true(c.synchronized);
	assert_int_equal(junos_parse_switchover(S(root), &sw, err, sizeof err),
	    0);
	assert_false(sw.graceful_switchover);
}

/* Every parser on random bytes and on every prefix of every capture: no
 * crash (the sanitizers and valgrind watch), and a refusal names a line. */
typedef int parse_fn(const char *, size_t, char *, size_t);

static int
p_version(const char *t, size_t n, char *e, size_t el)
{
	static struct junos_version v;

	return junos_parse_version(t, n, &v, e, el);
}

static int
p_re(const char *t, size_t n, char *e, size_t el)
{
	struct junos_routing_engine v;

	return junos_parse_routing_engine(t, n, &v, e, el);
}

static int
p_switchover(const char *t, size_t n, char *e, size_t el)
{
	struct junos_switchover v;

	return junos_parse_switchover(t, n, &v, e, el);
}

static int
p_replication(const char *t, size_t n, char *e, size_t el)
{
	struct junos_task_replication v;

	return junos_parse_task_replication(t, n, &v, e, el);
}

static int
p_config(const char *t, size_t n, char *e, size_t el)
{
	struct junos_config_facts v;

	return junos_parse_config_set(t, n, &v, e, el);
}

static int
p_file_list(const char *t, size_t n, char *e, size_t el)
{
	struct junos_file_list v;

	return junos_parse_file_list(t, n, "x.tgz", &v, e, el);
}

static int
p_checksum(const char *t, size_t n, char *e, size_t el)
{
	struct junos_checksum v;

	return junos_parse_checksum(t, n, &v, e, el);
}

static int
p_storage(const char *t, size_t n, char *e, size_t el)
{
	static struct junos_storage v;

	return junos_parse_storage(t, n, &v, e, el);
}

static int
p_alarms(const char *t, size_t n, char *e, size_t el)
{
	static struct junos_alarms v;

	return junos_parse_alarms(t, n, &v, e, el);
}

static int
p_issu_status(const char *t, size_t n, char *e, size_t el)
{
	static struct junos_issu_status v;

	return junos_parse_issu_status(t, n, &v, e, el);
}

static int
p_master_switch(const char *t, size_t n, char *e, size_t el)
{
	struct junos_master_switch v;

	return junos_parse_master_switch(t, n, &v, e, el);
}

static int
p_switch_check(const char *t, size_t n, char *e, size_t el)
{
	struct junos_switch_check v;

	return junos_parse_master_switch_check(t, n, &v, e, el);
}

static int
p_commit(const char *t, size_t n, char *e, size_t el)
{
	static struct junos_commit v;

	return junos_parse_commit(t, n, &v, e, el);
}

static int
p_users(const char *t, size_t n, char *e, size_t el)
{
	static struct junos_users v;

	return junos_parse_users(t, n, &v, e, el);
}

static const struct {
	const char *folder;
	parse_fn *parse;
} parsers[] = {
	{ "show_version", p_version },
	{ "show_chassis_routing_engine", p_re },
	{ "show_system_switchover", p_switchover },
	{ "show_task_replication", p_replication },
	{ "show_configuration", p_config },
	{ "file_list", p_file_list },
	{ "file_checksum", p_checksum },
	{ "show_system_storage", p_storage },
	{ "show_chassis_alarms", p_alarms },
	{ "request_system_software_in_service_upgrade", p_issu_status },
	{ "request_chassis_routing_engine_master_switch", p_master_switch },
	{ "request_chassis_routing_engine_master_switch", p_switch_check },
	{ "commit_synchronize", p_commit },
	{ "configure_mode", p_commit },
	{ "show_system_uptime", p_users },
	{ "show_system_users", p_users },
};

static void
test_garbage_random_bytes_refused(void **state)
{
	uint32_t seed = 12345;
	size_t i, k, round;

	(void)state;
	for (round = 0; round < 300; round++) {
		char buf[512], err[256];
		size_t n = 1 + round % sizeof buf;

		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
		}
		for (k = 0; k < sizeof parsers / sizeof parsers[0]; k++) {
			err[0] = '\0';
			if (parsers[k].parse(buf, n, err, sizeof err) != -1)
				fail_msg("%s accepted random bytes (round %zu)",
				    parsers[k].folder, round);
			assert_err_names_line(err);
		}
	}
}

static void
test_garbage_every_prefix_of_every_capture(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < sizeof parsers / sizeof parsers[0]; k++) {
		char dirpath[1024];
		struct dirent *d;
		DIR *dir;

		snprintf(dirpath, sizeof dirpath, "%s/%s", reference_dir(),
		    parsers[k].folder);
		dir = opendir(dirpath);
		assert_non_null(dir);
		while ((d = readdir(dir)) != NULL) {
			char rel[512], err[256];
			struct text t;
			size_t n;

			if (strstr(d->d_name, ".txt") == NULL)
				continue;
			snprintf(rel, sizeof rel, "%s/%s", parsers[k].folder,
			    d->d_name);
			t = load(rel);
			for (n = 0; n <= t.len; n++) {
				/* a copy of exactly n bytes, so ASan sees any
				 * read past the end */
				char *cut = malloc(n + 1);

				assert_non_null(cut);
				memcpy(cut, t.p, n);
				err[0] = '\0';
				if (parsers[k].parse(cut, n, err,
				    sizeof err) != 0)
					assert_err_names_line(err);
				free(cut);
			}
			free(t.p);
		}
		closedir(dir);
	}
}

/* Every capture in a parser's folder has a row in a table above. */
static bool
listed(const char *rel)
{
	size_t i;

#define LISTED_IN(table) \
	for (i = 0; i < sizeof table / sizeof table[0]; i++) \
		if (strcmp(table[i].file, rel) == 0) \
			return true;
	LISTED_IN(version_cases)
	LISTED_IN(re_cases)
	LISTED_IN(replication_cases)
	LISTED_IN(file_list_cases)
	LISTED_IN(alarms_cases)
	LISTED_IN(milestone_cases)
	LISTED_IN(switch_cases)
	LISTED_IN(commit_cases)
	LISTED_IN(users_header_cases)
	LISTED_IN(users_cases)
#undef LISTED_IN
	/* read by the single-file tests */
	static const char *const single[] = {
		"show_system_switchover/mx480_12.3R8.7_backup_peer_state_steady.txt",
		"show_configuration/ex_lab02_routing_options_static.txt",
		"show_configuration/mx_ur1rtr_chassis_fpc0_display_set.txt",
		"file_checksum/acx7k_evo_sha256_event_script.txt",
		"file_checksum/ex2200_12.3R12-S21_sha256_var_tmp.txt",
		"show_system_storage/genie_vmx.txt",
		"show_system_storage/mx_17.3R3-S8.1_PR02.TET040_re0.txt",
		"request_chassis_routing_engine_master_switch/"
		    "mx480_17.3R3-S8.1_check_switchover_ready.txt",
		"configure_mode/ex_17.3R3.10_enter_configure.txt",
		"configure_mode/mx480_17.3R3-S8.1_show_compare_activate_gres_"
		    "nsr.txt",
		"configure_mode/mx480_17.3R3-S8.1_show_compare_deactivate_gres_"
		    "nsr.txt",
	};

	for (i = 0; i < sizeof single / sizeof single[0]; i++) {
		if (strcmp(single[i], rel) == 0)
			return true;
	}
	return false;
}

static void
test_reference_files_all_listed(void **state)
{
	size_t k, seen = 0, unlisted = 0;

	(void)state;
	for (k = 0; k < sizeof parsers / sizeof parsers[0]; k++) {
		char dirpath[1024];
		struct dirent *d;
		DIR *dir;

		snprintf(dirpath, sizeof dirpath, "%s/%s", reference_dir(),
		    parsers[k].folder);
		dir = opendir(dirpath);
		assert_non_null(dir);
		while ((d = readdir(dir)) != NULL) {
			char rel[512];
			size_t n = strlen(d->d_name);

			if (n < 4 || strcmp(d->d_name + n - 4, ".txt") != 0)
				continue;
			snprintf(rel, sizeof rel, "%s/%s", parsers[k].folder,
			    d->d_name);
			if (!listed(rel)) {
				print_error("%s has no expected values here\n",
				    rel);
				unlisted++;
			}
			seen++;
		}
		closedir(dir);
	}
	assert_int_equal(unlisted, 0);
	assert_true(seen >= 40);
}

/* ---- releases ------------------------------------------------------------- */

static void
test_release_parse(void **state)
{
	static const struct {
		const char *s;
		int major, minor;
		char type;
		int build;
		char ext_kind;
		int ext, spin;
	} good[] = {
		{ "10.3R2.11", 10, 3, 'R', 2, 0, 0, 11 },
		{ "18.4R3-S10", 18, 4, 'R', 3, 'S', 10, -1 },
		{ "17.3R3-S8.1", 17, 3, 'R', 3, 'S', 8, 1 },
		{ "15.1F6.9", 15, 1, 'F', 6, 0, 0, 9 },
		{ "13.2X51-D35.3", 13, 2, 'X', 51, 'D', 35, 3 },
		{ "9.3R4.4", 9, 3, 'R', 4, 0, 0, 4 },
		{ "12.3R12-S21", 12, 3, 'R', 12, 'S', 21, -1 },
	};
	static const char *const bad[] = {
		"", "20190517.f0321c3_builder_stable_11", "18.3I20180716_1639",
		"12.3-20140210_dev_x_123_att.0", "1.0.0+20190621", "10.3",
		"10.3R", "10.3R2.", "10.3R2.11x", "100.1R1", "10.3Q2",
		"18.4R3-D10", "10.3R2 ", "i386-21.4R3-S3.4-jet-1",
		"12.3R99999", "15.1F6-S", "17.3R3-S8.1-EVO",
	};
	struct junos_release r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (junos_release_parse(good[i].s, &r) != 0)
			fail_msg("%s refused", good[i].s);
		if (r.major != good[i].major || r.minor != good[i].minor ||
		    r.type != good[i].type || r.build != good[i].build ||
		    r.ext_kind != good[i].ext_kind || r.ext != good[i].ext ||
		    r.spin != good[i].spin)
			fail_msg("%s misread", good[i].s);
		assert_string_equal(r.text, good[i].s);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (junos_release_parse(bad[i], &r) == 0)
			fail_msg("\"%s\" taken for a release", bad[i]);
	}
	assert_int_equal(junos_release_parse(NULL, &r), -1);
}

static int
cmp(const char *a, const char *b)
{
	struct junos_release ra, rb;

	if (junos_release_parse(a, &ra) != 0 ||
	    junos_release_parse(b, &rb) != 0)
		fail_msg("%s or %s refused", a, b);
	return junos_release_compare(&ra, &rb);
}

static void
test_release_compare(void **state)
{
	/* Each older than the next. */
	static const char *const chain[] = {
		"9.3R4.4", "10.1R1.8", "10.3R2.11", "10.4R1.9", "10.4R6.5",
		"12.3R8.7", "12.3R12-S21", "13.2X51-D35.3", "13.3R6.5",
		"15.1R7.9", "15.1F6.9", "15.1F6-S3.2", "15.1X49-D100.6",
		"17.3R3-S8.1", "17.3R3-S9.3", "18.4R3", "18.4R3-S1",
		"18.4R3-S10", "19.2R1.8", "21.4R3-S5", "22.3R1.11",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof chain / sizeof chain[0]; i++) {
		for (j = 0; j < sizeof chain / sizeof chain[0]; j++) {
			int want = (i > j) - (i < j), got = cmp(chain[i],
			    chain[j]);

			if ((got > 0) - (got < 0) != want)
				fail_msg("%s vs %s: %d", chain[i], chain[j],
				    got);
		}
	}
	/* a package name often omits the spin */
	assert_int_equal(cmp("18.4R3-S10", "18.4R3-S10.4"), 0);
	assert_true(cmp("10.3R2.11", "10.3R2.12") < 0);
	assert_true(cmp("15.1B1.2", "15.1R1.9") < 0);
}

static void
test_release_from_package(void **state)
{
	static const struct {
		const char *name, *release;
	} good[] = {
		{ "jinstall-10.3R2.11-domestic-signed.tgz", "10.3R2.11" },
		{ "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz",
		    "10.3R2.11" },
		{ "jinstall-9.3R4.4-export-signed.tgz", "9.3R4.4" },
		{ "jinstall64-15.1R7.9-signed.tgz", "15.1R7.9" },
		{ "jinstall64-15.1F6.9-domestic-signed.tgz", "15.1F6.9" },
		{ "junos-install-mx-x86-64-18.4R3-S10.tgz", "18.4R3-S10" },
		{ "junos-install-mx-x86-64-15.1F6.9.tgz", "15.1F6.9" },
		{ "junos-vmhost-install-mx-x86-64-21.4R3-S5.tgz", "21.4R3-S5" },
		{ "junos-install-mx-x86-64-17.3R3-S8.1.tgz", "17.3R3-S8.1" },
	};
	static const char *const bad[] = {
		"jinstall-10.3R2.11-domestic-signed.tar.gz",
		"jinstall-domestic-signed.tgz", "junos-srxsme-12.3X48-D10.3.tgz",
		"jinstall-20190517.f0321c3.tgz", "x.tgz", "",
		"junos-install-mx-x86-64-.tgz", "jinstall64-15.1R7.9",
	};
	struct junos_release r;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (junos_release_from_package(good[i].name, &r, err,
		    sizeof err) != 0)
			fail_msg("%s: %s", good[i].name, err);
		assert_string_equal(r.text, good[i].release);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (junos_release_from_package(bad[i], &r, err,
		    sizeof err) == 0)
			fail_msg("%s read as %s", bad[i], r.text);
		assert_non_null(strstr(err, "not a Junos install package"));
	}
	assert_int_equal(junos_release_from_package(NULL, &r, err, sizeof err),
	    -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reference_files_all_listed),
		cmocka_unit_test(test_reference_show_version),
		cmocka_unit_test(test_version_build_stamp_is_never_a_release),
		cmocka_unit_test(test_version_unknown_label_set_aside_error_refused),
		cmocka_unit_test(test_version_image_type_after_release),
		cmocka_unit_test(test_version_junos_line_not_a_release_kept_as_text),
		cmocka_unit_test(test_version_software_release_srx),
		cmocka_unit_test(test_version_invoke_on_other_re_unreachable),
		cmocka_unit_test(test_version_unknown_line),
		cmocka_unit_test(test_version_header_twice_and_empty_section),
		cmocka_unit_test(test_version_contradicting_boot_lines_are_refused),
		cmocka_unit_test(test_version_xml_is_not_cli_text),
		cmocka_unit_test(test_reference_show_chassis_routing_engine),
		cmocka_unit_test(test_reference_artefacts_refused_unnormalised),
		cmocka_unit_test(test_routing_engine_primary_wording),
		cmocka_unit_test(test_routing_engine_disabled_and_present),
		cmocka_unit_test(test_routing_engine_errors_name_the_line),
		cmocka_unit_test(test_routing_engine_truncated),
		cmocka_unit_test(test_reference_show_system_switchover),
		cmocka_unit_test(test_switchover_status_ready_17_3),
		cmocka_unit_test(test_switchover_not_ready_says_why),
		cmocka_unit_test(test_switchover_truncated_and_unknown),
		cmocka_unit_test(test_reference_show_task_replication),
		cmocka_unit_test(test_replication_disabled_and_incomplete),
		cmocka_unit_test(test_replication_errors),
		cmocka_unit_test(test_reference_show_configuration),
		cmocka_unit_test(test_config_set_facts),
		cmocka_unit_test(test_config_deactivated_statements_do_not_count),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_reference_file_list),
		cmocka_unit_test(test_file_list_var_tmp_detail),
		cmocka_unit_test(test_file_list_errors),
		cmocka_unit_test(test_reference_file_checksum),
		cmocka_unit_test(test_checksum_md5_and_errors),
		cmocka_unit_test(test_reference_show_system_storage),
		cmocka_unit_test(test_storage_sizes_and_var),
		cmocka_unit_test(test_reference_show_chassis_alarms),
		cmocka_unit_test(test_alarms_none_and_errors),
		cmocka_unit_test(test_capture_noise_is_skipped),
		cmocka_unit_test(test_capture_echo_of_another_command),
		cmocka_unit_test(test_capture_garbage_bytes),
		cmocka_unit_test(test_capture_configuration_mode_noise),
		cmocka_unit_test(test_reference_issu_status_table_of_the_12_3_run),
		cmocka_unit_test(test_issu_status_idle_chassis_is_not_in_progress),
		cmocka_unit_test(test_issu_status_frus_in_issu_are_in_progress),
		cmocka_unit_test(test_issu_status_header_alone_is_unknown),
		cmocka_unit_test(test_issu_status_errors),
		cmocka_unit_test(test_reference_issu_milestones_in_order),
		cmocka_unit_test(test_issu_classify_simulator_timeline),
		cmocka_unit_test(test_issu_classify_tolerates_stamp_quotes_cr_blanks),
		cmocka_unit_test(test_issu_classify_error_lines),
		cmocka_unit_test(test_issu_classify_detail_is_cut_and_printable),
		cmocka_unit_test(test_reference_questions),
		cmocka_unit_test(test_master_only_refusal),
		cmocka_unit_test(test_question_exact_wording),
		cmocka_unit_test(test_question_answered_is_not_waiting),
		cmocka_unit_test(test_question_other_yes_no_and_none),
		cmocka_unit_test(test_reference_master_switch),
		cmocka_unit_test(test_master_switch_exec_output_follows_the_question),
		cmocka_unit_test(test_master_switch_refusals),
		cmocka_unit_test(test_master_switch_answered_no_or_unanswered),
		cmocka_unit_test(test_master_switch_errors),
		cmocka_unit_test(test_reference_master_switch_check_ready),
		cmocka_unit_test(test_switch_check_not_ready_documented_wording),
		cmocka_unit_test(test_switch_check_other_error_is_unknown),
		cmocka_unit_test(test_switch_check_errors),
		cmocka_unit_test(test_reference_commit),
		cmocka_unit_test(test_reference_configure_mode_is_not_commit_output),
		cmocka_unit_test(test_commit_plain_and_check),
		cmocka_unit_test(test_commit_synchronize_errors_kept_verbatim),
		cmocka_unit_test(test_commit_errors),
		cmocka_unit_test(test_users_documented_shape),
		cmocka_unit_test(test_reference_users_header_from_uptime_captures),
		cmocka_unit_test(test_reference_show_system_users),
		cmocka_unit_test(test_users_header_variants),
		cmocka_unit_test(test_users_errors),
		cmocka_unit_test(test_reference_prompts),
		cmocka_unit_test(test_prompt_exactly_a_prompt),
		cmocka_unit_test(test_prompt_refuses_what_is_not_a_prompt),
		cmocka_unit_test(test_garbage_random_bytes_refused),
		cmocka_unit_test(test_garbage_every_prefix_of_every_capture),
		cmocka_unit_test(test_release_parse),
		cmocka_unit_test(test_release_compare),
		cmocka_unit_test(test_release_from_package),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
