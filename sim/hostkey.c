/*
 * hostkey.c - make once, then reuse, each RE's host keys (see hostkey.h).
 */
#include "sim/hostkey.h"

#include <errno.h>
#include <fcntl.h>
#include <libssh/libssh.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *name;
	enum ssh_keytypes_e type;
	int bits;
} sim_key_types[SIM_HOSTKEY_TYPES] = {
	{ "ed25519", SSH_KEYTYPE_ED25519, 0 },
	{ "rsa", SSH_KEYTYPE_RSA, 2048 },
};

static int
sim_hostkey_make(const char *path, int t, char *err, size_t errlen)
{
	ssh_key key = NULL;
	mode_t old;
	int rc;

	if (ssh_pki_generate(sim_key_types[t].type, sim_key_types[t].bits,
	    &key) != SSH_OK) {
		snprintf(err, errlen, "%s: cannot generate a %s key", path,
		    sim_key_types[t].name);
		return -1;
	}
	/* libssh creates the file with the umask's mode (notes G13). */
	old = umask(077);
	rc = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path);
	umask(old);
	ssh_key_free(key);
	if (rc != SSH_OK || chmod(path, 0600) != 0) {
		snprintf(err, errlen, "%s: cannot write the host key: %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
sim_hostkey_ensure(const char *dir, int slot,
    char paths[SIM_HOSTKEY_TYPES][512], char *err, size_t errlen)
{
	struct stat st;
	int t;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "--host-key-dir: %s: %s", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "--host-key-dir: %s is not a directory", dir);
		return -1;
	}
	for (t = 0; t < SIM_HOSTKEY_TYPES; t++) {
		ssh_key key = NULL;

		snprintf(paths[t], 512, "%s/re%d_ssh_host_%s_key", dir, slot,
		    sim_key_types[t].name);
		if (access(paths[t], F_OK) != 0) {
			if (sim_hostkey_make(paths[t], t, err, errlen) != 0)
				return -1;
			continue;
		}
		/* An existing file must be a key: never overwrite it. */
		if (ssh_pki_import_privkey_file(paths[t], NULL, NULL, NULL,
		    &key) != SSH_OK) {
			snprintf(err, errlen,
			    "%s: exists but is not a readable private key", paths[t]);
			return -1;
		}
		ssh_key_free(key);
	}
	return 0;
}

int
sim_hostkey_known_hosts(FILE *f, const char *addr, int port,
    char paths[SIM_HOSTKEY_TYPES][512], char *err, size_t errlen)
{
	int t;

	for (t = 0; t < SIM_HOSTKEY_TYPES; t++) {
		ssh_key key = NULL;
		char *b64 = NULL;

		if (ssh_pki_import_privkey_file(paths[t], NULL, NULL, NULL,
		    &key) != SSH_OK ||
		    ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK) {
			ssh_key_free(key);
			snprintf(err, errlen, "%s: cannot read the key", paths[t]);
			return -1;
		}
		fprintf(f, "[%s]:%d %s %s\n", addr, port,
		    ssh_key_type_to_char(ssh_key_type(key)), b64);
		ssh_string_free_char(b64);
		ssh_key_free(key);
	}
	return 0;
}
