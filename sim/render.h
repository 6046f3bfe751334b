/*
 * render.h - what the simulated REs print: Junos output formats, byte for byte
 * as real routers print them (shared/reference/junos/), filled with values
 * from the chassis state.
 *
 * The shape follows the release the RE runs (sim_release_era): the seed's
 * 10.x prints `JUNOS Base OS boot [x]` lines, 12.x-14.x adds `Junos: x`,
 * 15.1 and later print the FreeBSD-10 era package list and per-interval CPU
 * blocks.  All functions append to `out`, expect the chassis lock held, and
 * end every line with "\n" (the session turns it into CRLF on a pty).  None of
 * them prints the `{master}` banner or the prompt: the CLI does.
 */
#ifndef SIM_RENDER_H
#define SIM_RENDER_H

#include <stdbool.h>
#include <stddef.h>

struct sim_buf;
struct sim_chassis;

enum sim_release_era {
	SIM_ERA_BASE_OS,	/* before 12.1: JUNOS Base OS boot [x] only */
	SIM_ERA_JUNOS_LINE,	/* 12.1 to 14.x: Junos: x + Base OS lines */
	SIM_ERA_FREEBSD10,	/* 15.1 on: Junos: x + JUNOS OS Kernel ... */
};

/* The release in a package file name ("jinstall-10.3R2.11-domestic-
 * signed.tgz" -> "10.3R2.11"); false when there is none. */
bool sim_release_from_package(const char *pkg, char *buf, size_t len);

/* What a signed bundle holds: "jinstall-10.3R2.11-domestic.tgz" for
 * ".../jinstall-10.3R2.11-domestic-signed.tgz" (other names unchanged). */
void sim_package_jinstall(const char *pkg, char *buf, size_t len);

/* The signing train of a release: "10_3_0" for 10.3R2.11, as in
 * "Verified ... signed by PackageProduction_10_3_0". */
void sim_release_train(const char *release, char *buf, size_t len);

/* Orders releases the way Junos numbers them: <0, 0, >0. */
int sim_release_compare(const char *a, const char *b);

/* Era of a release string such as "10.1R1.8" or "17.3R3-S8.1". */
enum sim_release_era sim_release_era(const char *version);

/* "--- JUNOS 10.1R1.8 built 2010-02-12 17:24:20 UTC" (shape by era). */
void sim_render_login_banner(struct sim_buf *out, const struct sim_chassis *ch,
    int slot);

/* show version, on one RE (no section header). */
void sim_render_show_version(struct sim_buf *out, const struct sim_chassis *ch,
    int slot);
/* show version invoke-on all-routing-engines: re0:/re1: sections. */
void sim_render_show_version_all(struct sim_buf *out,
    const struct sim_chassis *ch);

/* show chassis routing-engine [SLOT]; only_slot -1 lists both slots. */
void sim_render_chassis_routing_engine(struct sim_buf *out,
    const struct sim_chassis *ch, int viewer_slot, int only_slot);

void sim_render_system_uptime(struct sim_buf *out, const struct sim_chassis *ch,
    int slot);
/* show system switchover: meaningful on the backup; the master answers as
 * Junos does there. */
void sim_render_system_switchover(struct sim_buf *out,
    const struct sim_chassis *ch, int slot);
void sim_render_task_replication(struct sim_buf *out,
    const struct sim_chassis *ch, int slot);
void sim_render_system_storage(struct sim_buf *out,
    const struct sim_chassis *ch, int slot);
/* show chassis alarms / show system alarms (the caller refuses it on the
 * backup); `system` picks the wording of show system alarms. */
void sim_render_alarms(struct sim_buf *out, const struct sim_chassis *ch,
    int slot, bool system);
void sim_render_system_users(struct sim_buf *out, const struct sim_chassis *ch,
    int slot);

/*
 * file list PATH [detail]: PATH is a directory (/var/tmp, /var/tmp/) or a
 * file.  Returns 0, or -1 when the path does not exist (the "No such file or
 * directory" text is then in out).
 */
int sim_render_file_list(struct sim_buf *out, const struct sim_chassis *ch,
    int slot, const char *path, bool detail);
/* file checksum sha-256|md5 PATH; algo is "sha-256" or "md5". Returns -1
 * (error text in out) when the file does not exist. */
int sim_render_file_checksum(struct sim_buf *out, const struct sim_chassis *ch,
    const char *algo, const char *path);

/* request system software validate in-service-upgrade PKG (success run). */
void sim_render_validate_issu(struct sim_buf *out,
    const struct sim_chassis *ch, int slot, const char *pkg_path);
/* show chassis in-service-upgrade when no ISSU is running. */
void sim_render_chassis_issu_idle(struct sim_buf *out,
    const struct sim_chassis *ch, int slot);

#endif
