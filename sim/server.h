/*
 * server.h - the SSH side of the simulated chassis: one listener per routing
 * engine, one thread per SSH session, exec and interactive shell channels.
 *
 * The design follows shared/notes/libssh.md (measured): the main thread
 * polls both listeners and a stop fd and accepts; each accepted session gets
 * its own thread that owns its ssh_session from key exchange to free; sockets
 * get TCP_NODELAY; output is written in large chunks; a session waits for the
 * client's CHANNEL_CLOSE before freeing, so no output is lost, however long
 * the client takes (as sshd), unless the RE goes down, the client leaves or
 * the simulator stops.
 */
#ifndef SIM_SERVER_H
#define SIM_SERVER_H

#include <stddef.h>

#include "sim/hostkey.h"

struct sim_authkeys;
struct sim_chassis;
struct sim_event_log;
struct sim_server;

struct sim_server_params {
	struct sim_chassis *ch;			/* shared with the sessions */
	struct sim_event_log *log;		/* may be NULL */
	const char *listen;			/* address for both REs */
	int port[2];				/* 0 = pick a free port */
	const char *user, *password;		/* accepted login */
	const struct sim_authkeys *authkeys;	/* may be NULL */
	char hostkeys[2][SIM_HOSTKEY_TYPES][512];	/* per RE */
};

/* Binds both listeners.  Returns NULL with the address and reason in err
 * ("re0: 127.0.0.1:22: Permission denied"). */
struct sim_server *sim_server_start(const struct sim_server_params *p,
    char *err, size_t errlen);

/* The port an RE really listens on (after port 0 was resolved). */
int sim_server_port(const struct sim_server *srv, int slot);

/* Accepts and serves until stop_fd becomes readable.  Returns 0, or -1 when
 * polling failed. */
int sim_server_run(struct sim_server *srv, int stop_fd);

/* Closes the listeners, cuts every session, waits for their threads (a few
 * seconds at most) and frees.  Accepts NULL. */
void sim_server_free(struct sim_server *srv);

#endif
