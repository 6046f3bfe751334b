/*
 * fuzz_known_hosts.c - libFuzzer harness for the known_hosts reader
 * (sessions/known_hosts.c).
 *
 * Each input is read as a known_hosts file twice: for "[127.0.0.1]:2201"
 * and for "re0.lab" on port 22, against a fixed ed25519 key that the seeds
 * (known_hosts_driver.c, tests/fuzz/known_hosts.dict) also hold, so that
 * mutations reach the MATCH, CHANGED and REVOKED paths.  Besides sanitizer
 * reports it checks the contract of known_hosts.h on every input: the
 * status is one of five and never ERROR for a buffer, a MATCH/REVOKED/
 * CHANGED names a line within the input, the notes are terminated, and a
 * CHANGED says either which key is held or why the line cannot be read.
 *
 *   make fuzz-known-hosts FUZZ_RUNS=1000000
 * or by hand:
 *   clang -std=c11 -D_GNU_SOURCE -I. -g -O1 \
 *       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *       sessions/known_hosts.c tests/fuzz/fuzz_known_hosts.c \
 *       -lssh -lcrypto -o fuzz_known_hosts
 *   ./fuzz_known_hosts -dict=tests/fuzz/known_hosts.dict CORPUS_DIR
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/known_hosts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Also in the seeds: the key the "router" offers. */
const char fuzz_known_hosts_key[] =
    "AAAAC3NzaC1lZDI1NTE5AAAAIAh2uGA6oMEgNsfcnn+BcJ+m7lYP11G15iL6ZfYxX09H";

static ssh_key server;

static void
check_contract(const struct known_hosts_result *r, const uint8_t *data,
    size_t size)
{
	unsigned long lines = 1, i;
	size_t k;

	for (k = 0; k < size; k++)
		if (data[k] == '\n')
			lines++;
	switch (r->status) {
	case KNOWN_HOSTS_NONE:
		break;
	case KNOWN_HOSTS_MATCH:
	case KNOWN_HOSTS_REVOKED:
		if (r->line == 0 || r->line > lines)
			abort();
		break;
	case KNOWN_HOSTS_CHANGED:
		if (r->line == 0 || r->line > lines)
			abort();
		if (memchr(r->held, '\0', sizeof r->held) == NULL ||
		    memchr(r->why, '\0', sizeof r->why) == NULL)
			abort();
		if (r->held[0] == '\0' && r->why[0] == '\0')
			abort();
		break;
	default:
		abort();	/* ERROR is for files only */
	}
	if (r->skipped > lines)
		abort();
	for (i = 0; i < KNOWN_HOSTS_NOTES; i++)
		if (memchr(r->notes[i], '\0', sizeof r->notes[i]) == NULL)
			abort();
	if (r->ends_open != (size > 0 && data[size - 1] != '\n'))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct known_hosts_result r;
	char text[1024];

	if (server == NULL && ssh_pki_import_pubkey_base64(fuzz_known_hosts_key,
	    SSH_KEYTYPE_ED25519, &server) != SSH_OK)
		abort();
	known_hosts_check_buffer("fuzz", data, size, "127.0.0.1", 2201, server,
	    &r);
	check_contract(&r, data, size);
	known_hosts_notes_text(&r, text, sizeof text);
	if (memchr(text, '\0', sizeof text) == NULL)
		abort();
	known_hosts_check_buffer("fuzz", data, size, "re0.lab", 22, server, &r);
	check_contract(&r, data, size);
	return 0;
}
