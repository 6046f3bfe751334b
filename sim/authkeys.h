/*
 * authkeys.h - the public keys allowed to log in (--authorized-keys), read
 * from an OpenSSH authorized_keys file, since libssh has no parser for it.
 */
#ifndef SIM_AUTHKEYS_H
#define SIM_AUTHKEYS_H

#include <libssh/libssh.h>
#include <stdbool.h>
#include <stddef.h>

struct sim_authkeys;

/* Reads the file; lines with options before the key type are accepted (the
 * options are ignored).  Returns NULL with "FILE:LINE: reason" in err. */
struct sim_authkeys *sim_authkeys_load(const char *path, char *err,
    size_t errlen);
void sim_authkeys_free(struct sim_authkeys *k);	/* accepts NULL */

/* True when `key` is one of the listed public keys.  Thread-safe (read-only). */
bool sim_authkeys_allows(const struct sim_authkeys *k, const ssh_key key);

#endif
