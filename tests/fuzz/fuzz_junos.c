/*
 * fuzz_junos.c - libFuzzer harness for the Junos parsers (procedure/junos.c).
 *
 * Every input goes to every parser, so one run covers them all; with
 * FUZZ_JUNOS_PARSER=<name> set, only that parser runs (to count inputs per
 * parser).  Names: version, routing_engine, switchover, task_replication,
 * config_set, file_list, checksum, storage, alarms, issu_status,
 * issu_classify, question, master_switch, master_switch_check, commit,
 * users, prompt, release.  Besides crashes and sanitizer reports, it checks the contract of
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
	static struct junos_issu_status is;
	static struct junos_master_switch ms;
	static struct junos_switch_check sc;
	static struct junos_commit cm;
	static struct junos_users us;
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
	if (wanted("issu_status")) {
		size_t i, tagged = 0;

		rc = junos_parse_issu_status(text, size, &is, err, sizeof err);
		check_err(rc, err);
		if (rc == 0) {
			if (is.nitems > JUNOS_ISSU_ITEMS_MAX)
				abort();
			for (i = 0; i < is.nitems; i++)
				if (strstr(is.item[i].status, "(ISSU)") != NULL)
					tagged++;
			/* TRUE iff an item is in ISSU; UNKNOWN iff none */
			if ((is.in_progress == JUNOS_TRUE) != (tagged > 0) ||
			    (is.in_progress == JUNOS_UNKNOWN) !=
			    (is.nitems == 0))
				abort();
		}
	}
	if (wanted("issu_classify")) {
		char detail[64];
		enum junos_issu_milestone m;

		memset(detail, 'X', sizeof detail);
		m = junos_issu_classify(text, size, detail, sizeof detail);
		if ((unsigned)m > JUNOS_ISSU_ERROR ||
		    memchr(detail, '\0', sizeof detail) == NULL ||
		    (m == JUNOS_ISSU_NONE) != (detail[0] == '\0'))
			abort();
		/* a small or absent buffer changes nothing but the text */
		if (junos_issu_classify(text, size, detail, 1) != m ||
		    detail[0] != '\0' ||
		    junos_issu_classify(text, size, NULL, 0) != m)
			abort();
	}
	if (wanted("question")) {
		enum junos_question q = junos_question_classify(text, size);

		if ((unsigned)q > JUNOS_QUESTION_OTHER_YES_NO)
			abort();
		/* a question is one line of text: between its first and
		 * last visible byte, no control byte but tab */
		if (q != JUNOS_QUESTION_NONE) {
			size_t a = 0, b = size, i;

			while (a < b && strchr(" \t\r\n", data[a]) != NULL &&
			    data[a] != '\0')
				a++;
			while (b > a && strchr(" \t\r\n", data[b - 1]) !=
			    NULL && data[b - 1] != '\0')
				b--;
			for (i = a; i < b; i++)
				if ((data[i] < 0x20 && data[i] != '\t') ||
				    data[i] == 0x7f)
					abort();
		}
	}
	if (wanted("master_switch")) {
		rc = junos_parse_master_switch(text, size, &ms, err, sizeof err);
		check_err(rc, err);
		if (rc == 0 && ((unsigned)ms.result > JUNOS_SWITCH_REFUSED ||
		    (ms.retry_after_s >= 0) !=
		    (ms.result == JUNOS_SWITCH_NOT_READY) ||
		    ms.message[0] == '\0'))
			abort();
	}
	if (wanted("master_switch_check")) {
		rc = junos_parse_master_switch_check(text, size, &sc, err,
		    sizeof err);
		check_err(rc, err);
		if (rc == 0 && ((sc.ready == JUNOS_TRUE) !=
		    (sc.reason[0] == '\0') || (sc.retry_after_s >= 0 &&
		    sc.ready != JUNOS_FALSE)))
			abort();
	}
	if (wanted("commit")) {
		rc = junos_parse_commit(text, size, &cm, err, sizeof err);
		check_err(rc, err);
		if (rc == 0 && ((cm.synchronized && !cm.complete) ||
		    (cm.check_succeeds && cm.nerrors > 0)))
			abort();
	}
	if (wanted("users")) {
		rc = junos_parse_users(text, size, &us, err, sizeof err);
		check_err(rc, err);
		if (rc == 0 && (us.nusers > JUNOS_USERS_MAX ||
		    us.time[0] == '\0'))
			abort();
	}
	if (wanted("prompt")) {
		struct junos_prompt pr;

		if (junos_prompt_parse(text, size, &pr) == 0 &&
		    (pr.user[0] == '\0' || (pr.mode != JUNOS_CLI_OPERATIONAL &&
		    pr.mode != JUNOS_CLI_CONFIGURATION) ||
		    memchr(text, '\0', size) != NULL))
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
