/*
 * authkeys.c - OpenSSH authorized_keys, read once at start (see authkeys.h).
 */
#include "sim/authkeys.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/fatal.h"

struct sim_authkeys {
	ssh_key *keys;
	size_t n;
};

/* Finds "TYPE BASE64" in a line that may start with options. */
static int
sim_authkeys_parse_line(char *line, ssh_key *out)
{
	char *save = NULL, *tok, *prev = NULL;

	for (tok = strtok_r(line, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if (prev != NULL &&
		    ssh_key_type_from_name(prev) != SSH_KEYTYPE_UNKNOWN)
			return ssh_pki_import_pubkey_base64(tok,
			    ssh_key_type_from_name(prev), out) == SSH_OK ? 0 : -1;
		prev = tok;
	}
	return -1;
}

struct sim_authkeys *
sim_authkeys_load(const char *path, char *err, size_t errlen)
{
	struct sim_authkeys *k;
	char line[16384];
	unsigned lineno = 0;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "--authorized-keys: %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	k = sim_xcalloc(1, sizeof *k);
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = line;
		ssh_key key = NULL;

		lineno++;
		p[strcspn(p, "\r\n")] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		if (sim_authkeys_parse_line(p, &key) != 0) {
			snprintf(err, errlen, "%s:%u: not a public key line", path,
			    lineno);
			fclose(f);
			sim_authkeys_free(k);
			return NULL;
		}
		k->keys = realloc(k->keys, (k->n + 1) * sizeof *k->keys);
		if (k->keys == NULL)
			sim_fatal("out of memory");
		k->keys[k->n++] = key;
	}
	fclose(f);
	if (k->n == 0) {
		snprintf(err, errlen, "%s: no public key in the file", path);
		sim_authkeys_free(k);
		return NULL;
	}
	return k;
}

void
sim_authkeys_free(struct sim_authkeys *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->n; i++)
		ssh_key_free(k->keys[i]);
	free(k->keys);
	free(k);
}

bool
sim_authkeys_allows(const struct sim_authkeys *k, const ssh_key key)
{
	size_t i;

	if (k == NULL)
		return false;
	for (i = 0; i < k->n; i++)
		if (ssh_key_cmp(k->keys[i], key, SSH_KEY_CMP_PUBLIC) == 0)
			return true;
	return false;
}
