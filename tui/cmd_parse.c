/*
 * cmd_parse.c - `issu-console parse COMMAND [FILE]`: what the console reads
 * in a captured output, as JSON.  For support ("paste your output, see what
 * the console understood") and for tests: the same parsers the console uses
 * on a live router, nothing else.
 *
 * Exit 0 when understood, 4 when not (the line it stopped at on stderr), 2
 * for usage errors.
 */
#include "tui/commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procedure/junos.h"
#include "tui/json.h"

enum { PARSE_MAX_INPUT = 16 * 1024 * 1024 };

/* Reads all of f; NULL with errno when it is unreadable or too large. */
static char *
parse_read_all(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	if (buf == NULL)
		return NULL;
	for (;;) {
		size_t got;

		if (n == cap) {
			char *p;

			if (cap >= PARSE_MAX_INPUT) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			p = realloc(buf, cap * 2);
			if (p == NULL) {
				free(buf);
				return NULL;
			}
			buf = p;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int
parse_version(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_version v;
	size_t i;

	if (junos_parse_version(t, n, &v, err, errlen) != 0)
		return -1;
	/* One section: the keys of the issue.  Several (invoke-on): a list. */
	if (v.nsections == 1 && v.section[0].name[0] == '\0') {
		printf("{ \"hostname\": ");
		json_string(stdout, v.section[0].hostname, true);
		printf(", \"model\": ");
		json_string(stdout, v.section[0].model, true);
		printf(", \"version\": ");
		json_string(stdout, v.section[0].version, true);
		printf(" }\n");
		return 0;
	}
	printf("{ \"sections\": [");
	for (i = 0; i < v.nsections; i++) {
		const struct junos_version_section *s = &v.section[i];

		printf("%s\n  { \"name\": ", i ? "," : "");
		json_string(stdout, s->name, true);
		printf(", \"hostname\": ");
		json_string(stdout, s->hostname, true);
		printf(", \"model\": ");
		json_string(stdout, s->model, true);
		printf(", \"version\": ");
		json_string(stdout, s->version, true);
		printf(", \"error\": ");
		json_string(stdout, s->unreachable ? s->error : "", true);
		printf(" }");
	}
	printf(" ] }\n");
	return 0;
}

static int
parse_routing_engine(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_routing_engine re;
	size_t i;

	if (junos_parse_routing_engine(t, n, &re, err, errlen) != 0)
		return -1;
	printf("{ \"slots\": [");
	for (i = 0; i < re.nslots; i++) {
		const struct junos_re_slot *s = &re.slot[i];

		printf("%s\n  { \"slot\": %d, \"role\": \"%s\", "
		    "\"election_priority\": ", i ? "," : "", s->slot,
		    junos_re_role_name(s->role));
		if (s->election_priority == JUNOS_PRIORITY_NONE)
			printf("null");
		else
			printf("\"%s\"", junos_priority_name(s->election_priority));
		printf(", \"uptime_s\": ");
		json_count(stdout, s->uptime_s);
		printf(", \"last_reboot_reason\": ");
		json_string(stdout, s->last_reboot_reason, true);
		printf(" }");
	}
	printf(" ] }\n");
	return 0;
}

static int
parse_switchover(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_switchover s;

	if (junos_parse_switchover(t, n, &s, err, errlen) != 0)
		return -1;
	printf("{ \"graceful_switchover\": %s, \"ready\": %s, \"reason\": ",
	    s.graceful_switchover ? "true" : "false", s.ready ? "true" : "false");
	json_string(stdout, s.reason, true);
	printf(" }\n");
	return 0;
}

static int
parse_task_replication(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_task_replication r;
	size_t i;

	if (junos_parse_task_replication(t, n, &r, err, errlen) != 0)
		return -1;
	printf("{ \"stateful_replication\": %s, \"re_mode\": ",
	    r.stateful_replication ? "true" : "false");
	json_string(stdout, r.re_mode, true);
	printf(", \"protocols\": [");
	for (i = 0; i < r.nprotocols; i++) {
		printf("%s{ \"name\": ", i ? ", " : " ");
		json_string(stdout, r.protocol[i].name, false);
		printf(", \"status\": ");
		json_string(stdout, r.protocol[i].status, false);
		printf(" }");
	}
	printf(" ], \"complete\": %s }\n", junos_tristate_name(r.complete));
	return 0;
}

static int
parse_config(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_config_facts c;

	if (junos_parse_config_set(t, n, &c, err, errlen) != 0)
		return -1;
	printf("{ \"gres\": %s, \"nsr\": %s, \"commit_synchronize\": %s, "
	    "\"no_tcp_reset_drop_all_tcp\": %s, \"hostname_re0\": ",
	    c.gres ? "true" : "false", c.nsr ? "true" : "false",
	    c.commit_synchronize ? "true" : "false",
	    c.no_tcp_reset_drop_all_tcp ? "true" : "false");
	json_string(stdout, c.hostname_re0, true);
	printf(", \"hostname_re1\": ");
	json_string(stdout, c.hostname_re1, true);
	printf(" }\n");
	return 0;
}

static int
parse_storage(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_storage s;

	if (junos_parse_storage(t, n, &s, err, errlen) != 0)
		return -1;
	printf("{ \"filesystems\": %zu, \"var_mount\": ", s.nfilesystems);
	json_string(stdout, s.var_index >= 0 ? s.fs[s.var_index].mount : "", true);
	printf(", \"var_free_bytes\": ");
	json_count(stdout, s.var_free_bytes);
	printf(" }\n");
	return 0;
}

static int
parse_alarms(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_alarms a;
	size_t i;

	if (junos_parse_alarms(t, n, &a, err, errlen) != 0)
		return -1;
	printf("{ \"count\": %zu, \"alarms\": [", a.count);
	for (i = 0; i < a.nalarms; i++) {
		printf("%s\n  { \"time\": ", i ? "," : "");
		json_string(stdout, a.alarm[i].time, true);
		printf(", \"class\": \"%s\", \"description\": ",
		    junos_alarm_class_name(a.alarm[i].class));
		json_string(stdout, a.alarm[i].description, false);
		printf(" }");
	}
	printf(" ] }\n");
	return 0;
}

static int
parse_checksum(const char *t, size_t n, char *err, size_t errlen)
{
	static const char *const names[] = { "md5", "sha1", "sha-256" };
	struct junos_checksum c;

	if (junos_parse_checksum(t, n, &c, err, errlen) != 0)
		return -1;
	printf("{ \"algorithm\": \"%s\", \"path\": ", names[c.algorithm]);
	json_string(stdout, c.path, false);
	printf(", \"digest\": ");
	json_string(stdout, c.digest, false);
	printf(" }\n");
	return 0;
}

static int
parse_file_list(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_file_list l;

	if (junos_parse_file_list(t, n, NULL, &l, err, errlen) != 0)
		return -1;
	printf("{ \"directory\": ");
	json_string(stdout, l.directory, true);
	printf(", \"entries\": %zu, \"total_files\": ", l.nentries);
	json_count(stdout, l.total_files);
	printf(", \"not_found\": %s }\n", l.not_found ? "true" : "false");
	return 0;
}

static int
parse_issu_status(const char *t, size_t n, char *err, size_t errlen)
{
	static struct junos_issu_status s;
	size_t i;

	if (junos_parse_issu_status(t, n, &s, err, errlen) != 0)
		return -1;
	printf("{ \"in_progress\": %s, \"items\": [",
	    junos_tristate_name(s.in_progress));
	for (i = 0; i < s.nitems; i++) {
		printf("%s\n  { \"name\": ", i ? "," : "");
		json_string(stdout, s.item[i].name, false);
		printf(", \"status\": ");
		json_string(stdout, s.item[i].status, false);
		printf(", \"reason\": ");
		json_string(stdout, s.item[i].reason, true);
		printf(" }");
	}
	printf(" ] }\n");
	return 0;
}

static int
parse_users(const char *t, size_t n, char *err, size_t errlen)
{
	static struct junos_users u;
	size_t i;

	if (junos_parse_users(t, n, &u, err, errlen) != 0)
		return -1;
	printf("{ \"time\": ");
	json_string(stdout, u.time, true);
	printf(", \"uptime\": ");
	json_string(stdout, u.uptime, true);
	printf(", \"count\": %zu, \"users\": [", u.count);
	for (i = 0; i < u.nusers; i++) {
		const struct junos_user *r = &u.user[i];

		printf("%s\n  { \"user\": ", i ? "," : "");
		json_string(stdout, r->user, false);
		printf(", \"tty\": ");
		json_string(stdout, r->tty, false);
		printf(", \"from\": ");
		json_string(stdout, r->from, false);
		printf(", \"login\": ");
		json_string(stdout, r->login, false);
		printf(", \"idle\": ");
		json_string(stdout, r->idle, false);
		printf(", \"what\": ");
		json_string(stdout, r->what, false);
		printf(" }");
	}
	printf(" ] }\n");
	return 0;
}

static int
parse_master_switch(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_master_switch s;

	if (junos_parse_master_switch(t, n, &s, err, errlen) != 0)
		return -1;
	printf("{ \"result\": \"%s\", \"retry_after_s\": ",
	    junos_switch_result_name(s.result));
	json_count(stdout, s.retry_after_s);
	printf(", \"message\": ");
	json_string(stdout, s.message, true);
	printf(", \"warning\": ");
	json_string(stdout, s.warning, true);
	printf(" }\n");
	return 0;
}

static int
parse_master_switch_check(const char *t, size_t n, char *err, size_t errlen)
{
	struct junos_switch_check s;

	if (junos_parse_master_switch_check(t, n, &s, err, errlen) != 0)
		return -1;
	printf("{ \"ready\": %s, \"retry_after_s\": ",
	    junos_tristate_name(s.ready));
	json_count(stdout, s.retry_after_s);
	printf(", \"reason\": ");
	json_string(stdout, s.reason, true);
	printf(" }\n");
	return 0;
}

/* The commands `parse` knows: what an operator types, and its parser. */
static const struct {
	const char *command;
	int (*parse)(const char *, size_t, char *, size_t);
} parse_commands[] = {
	{ "show version", parse_version },
	{ "show version invoke-on all-routing-engines", parse_version },
	{ "show chassis routing-engine", parse_routing_engine },
	{ "show system switchover", parse_switchover },
	{ "show task replication", parse_task_replication },
	{ "show configuration | display set", parse_config },
	{ "show system storage", parse_storage },
	{ "show chassis alarms", parse_alarms },
	{ "show system alarms", parse_alarms },
	{ "file checksum", parse_checksum },
	{ "file list", parse_file_list },
	{ "show chassis in-service-upgrade", parse_issu_status },
	{ "show system users", parse_users },
	{ "request chassis routing-engine master switch",
	  parse_master_switch },
	{ "request chassis routing-engine master switch check",
	  parse_master_switch_check },
};

static void
parse_usage(FILE *f)
{
	size_t i;

	fputs("usage: issu-console parse COMMAND [FILE]\n"
	    "Reads a captured output of COMMAND (standard input without FILE) and\n"
	    "prints what the console understands in it, as JSON.  COMMAND is one of:\n",
	    f);
	for (i = 0; i < sizeof parse_commands / sizeof parse_commands[0]; i++)
		fprintf(f, "  \"%s\"\n", parse_commands[i].command);
}

int
cmd_parse(int argc, char **argv)
{
	char err[512];
	size_t i, len = 0;
	FILE *f = stdin;
	char *text;
	int rc;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		parse_usage(stdout);
		return 0;
	}
	if (argc < 2 || argc > 3) {
		parse_usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof parse_commands / sizeof parse_commands[0]; i++)
		if (strcmp(argv[1], parse_commands[i].command) == 0)
			break;
	if (i == sizeof parse_commands / sizeof parse_commands[0]) {
		fprintf(stderr, "issu-console parse: \"%s\" is not a command the "
		    "console reads (issu-console parse --help lists them)\n",
		    argv[1]);
		return 2;
	}
	if (argc == 3 && (f = fopen(argv[2], "r")) == NULL) {
		fprintf(stderr, "issu-console parse: %s: %s\n", argv[2],
		    strerror(errno));
		return 2;
	}
	text = parse_read_all(f, &len);
	if (f != stdin)
		fclose(f);
	if (text == NULL) {
		fprintf(stderr, "issu-console parse: %s: %s\n",
		    argc == 3 ? argv[2] : "standard input", strerror(errno));
		return 2;
	}
	rc = parse_commands[i].parse(text, len, err, sizeof err);
	free(text);
	if (rc != 0) {
		fprintf(stderr, "issu-console parse: %s: %s\n",
		    argc == 3 ? argv[2] : "standard input", err);
		return 4;
	}
	return json_finish(stdout, "issu-console parse") == 0 ? 0 : 1;
}
