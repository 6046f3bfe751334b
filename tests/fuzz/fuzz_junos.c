/*
 * fuzz_junos.c - libFuzzer harness for the Junos parsers (procedure/junos.c).
 *
 * Every input goes to every parser, so one run covers them all; with
 * FUZZ_JUNOS_PARSER=<name> set, only that parser runs (to count inputs per
 * parser).  Besides crashes and sanitizer reports, it checks the contract of
 * junos.h on every input: a refusal names a line, the error buffer is
 * terminated, success leaves counts within their arrays.
 *
 *   clang -std=c11 -D_GNU_SOURCE -I. -g -O1 \
 *       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *       procedure/junos.c tests/fuzz/fuzz_junos.c -o fuzz_junos
 *   ./fuzz_junos -dict=tests/fuzz/junos.dict CORPUS_DIR SEED_DIRS...
 * (the seeds: the folders of shared/reference/junos).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "procedure/junos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *only;	/* FUZZ_JUNOS_PARSER, or NULL for all */

static void
check_err(int rc, const char *err)
{
	if (rc == 0)
		return;
	if (rc != -1 || memchr(err, '\0', 256) == NULL ||
	    (strncmp(err, "line ", 5) != 0 &&
	    strncmp(err, "end of input (after line ", 25) != 0))
		abort();
}

static bool
wanted(const char *name)
{
	return only == NULL || strcmp(only, name) == 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	only = getenv("FUZZ_JUNOS_PARSER");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct junos_version v;
	static struct junos_routing_engine re;
	static struct junos_switchover sw;
	static struct junos_task_replication tr;
	static struct junos_config_facts cf;
	static struct junos_file_list fl;
	static struct junos_checksum ck;
	static struct junos_storage st;
	static struct junos_alarms al;
	const char *text = (const char *)data;
	char err[256];
	int rc;

	if (wanted("version")) {
		rc = junos_parse_version(text, size, &v, err, sizeof err);
		check_err(rc, err);
		if (rc == 0 && (v.nsections == 0 ||
		    v.nsections > JUNOS_VERSION_SECTIONS_MAX))
			abort();
	}
	if (wanted("routing_engine")) {
		rc = junos_parse_routing_engine(text, size, &re, err,
		    sizeof err);
		check_err(rc, err);
		if (rc == 0 && (re.nslots == 0 ||
		    re.nslots > JUNOS_RE_SLOTS_MAX))
			abort();
	}
	if (wanted("switchover")) {
		rc = junos_parse_switchover(text, size, &sw, err, sizeof err);
		check_err(rc, err);
		if (rc == 0 && sw.ready == (sw.reason[0] != '\0'))
			abort();
	}
	if (wanted("task_replication")) {
		rc = junos_parse_task_replication(text, size, &tr, err,
		    sizeof err);
		check_err(rc, err);
		if (rc == 0 && tr.nprotocols > JUNOS_PROTOCOLS_MAX)
			abort();
	}
	if (wanted("config_set")) {
		rc = junos_parse_config_set(text, size, &cf, err, sizeof err);
		check_err(rc, err);
	}
	if (wanted("file_list")) {
		rc = junos_parse_file_list(text, size,
		    "jinstall-10.3R2.11-domestic-signed.tgz", &fl, err,
		    sizeof err);
		check_err(rc, err);
	}
	if (wanted("checksum")) {
		rc = junos_parse_checksum(text, size, &ck, err, sizeof err);
		check_err(rc, err);
	}
	if (wanted("storage")) {
		rc = junos_parse_storage(text, size, &st, err, sizeof err);
		check_err(rc, err);
		if (rc == 0 && (st.var_index >= (int)st.nfilesystems ||
		    st.nfilesystems > JUNOS_FILESYSTEMS_MAX))
			abort();
	}
	if (wanted("alarms")) {
		rc = junos_parse_alarms(text, size, &al, err, sizeof err);
		check_err(rc, err);
		if (rc == 0 && al.nalarms > JUNOS_ALARMS_MAX)
			abort();
	}
	if (wanted("release") && size < 128) {
		struct junos_release a, b;
		char s[128];

		memcpy(s, data, size);
		s[size] = '\0';
		if (junos_release_parse(s, &a) == 0) {
			/* compare is a total order: reflexive here */
			if (junos_release_compare(&a, &a) != 0)
				abort();
		}
		if (junos_release_from_package(s, &b, err, sizeof err) == 0 &&
		    junos_release_parse(b.text, &a) != 0)
			abort();
	}
	return 0;
}
