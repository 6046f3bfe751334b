/*
 * hostkey.h - each simulated RE's persistent SSH host keys.
 *
 * A real RE keeps its host keys across reboots and upgrades, and operators'
 * known_hosts files depend on that: the keys are made once per RE in the key
 * directory (ed25519 and rsa, mode 0600) and read back on every start.
 */
#ifndef SIM_HOSTKEY_H
#define SIM_HOSTKEY_H

#include <stddef.h>
#include <stdio.h>

/* Number of key types each RE has (ed25519, rsa). */
enum { SIM_HOSTKEY_TYPES = 2 };

/*
 * Fills paths[] with DIR/reN_ssh_host_{ed25519,rsa}_key, making the keys when
 * they do not exist.  Returns 0, or -1 with the file and reason in err.
 */
int sim_hostkey_ensure(const char *dir, int slot,
    char paths[SIM_HOSTKEY_TYPES][512], char *err, size_t errlen);

/* Writes "[ADDR]:PORT TYPE BASE64" lines (OpenSSH known_hosts) for the keys.
 * Returns 0 or -1 with err filled. */
int sim_hostkey_known_hosts(FILE *f, const char *addr, int port,
    char paths[SIM_HOSTKEY_TYPES][512], char *err, size_t errlen);

#endif
