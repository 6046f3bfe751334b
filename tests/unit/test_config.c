/*
 * test_config.c - the console's configuration file: every value of a full
 * file is kept, defaults fill the gaps, and each kind of mistake gives one
 * exact "FILE:LINE: setting: what is wrong" line.  Files are written to a
 * temporary directory that doubles as $HOME, so ~ expansion is checked too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"

static char tmpdir[256];	/* $HOME and XDG_CONFIG_HOME live here */
static char conf_path[300];	/* the file each test writes */

static int
setup_all(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_config.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(conf_path, sizeof conf_path, "%s/test.conf", tmpdir);
	setenv("HOME", tmpdir, 1);
	unsetenv("XDG_CONFIG_HOME");
	return 0;
}

static int
teardown_all(void **state)
{
	char p[400];

	(void)state;
	unlink(conf_path);
	snprintf(p, sizeof p, "%s/xdg/issu-console/issu-console.conf", tmpdir);
	unlink(p);
	snprintf(p, sizeof p, "%s/xdg/issu-console", tmpdir);
	rmdir(p);
	snprintf(p, sizeof p, "%s/xdg", tmpdir);
	rmdir(p);
	rmdir(tmpdir);
	return 0;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Load TEXT; returns config_load()'s result, the message in ERR. */
static int
load(const char *text, struct console_config *cfg, char *err, size_t len)
{
	write_file(conf_path, text);
	err[0] = '\0';
	return config_load(conf_path, cfg, err, len);
}

/* TEXT must be refused with "conf_path:LINE: MSG". */
static void
assert_error(const char *text, int line, const char *msg)
{
	struct console_config cfg;
	char err[1024], want[1024];

	snprintf(want, sizeof want, "%s:%d: %s", conf_path, line, msg);
	assert_int_equal(load(text, &cfg, err, sizeof err), -1);
	assert_string_equal(err, want);
	assert_null(cfg.routers);
	assert_null(cfg.path);
	config_free(&cfg);
}

/* A router around the RE settings given, so each test shows one change. */
#define ROUTER(extra) \
	"routers = ( { name = \"lab\";\n" \
	"  re0 = { host = \"192.0.2.10\"; };\n" \
	"  re1 = { host = \"192.0.2.11\"; };\n" \
	extra "} );\n"

static const char full_example[] =
	"# the DESIGN.md example, with every setting\n"
	"defaults: { user = \"netops\"; auth = [\"agent\", \"publickey\", \"password\"];\n"
	"            identity_files = [\"~/.ssh/id_ed25519\", \"/etc/keys/junos\"];\n"
	"            password_command = \"pass show junos/netops\";\n"
	"            known_hosts = \"~/.ssh/known_hosts\"; host_key_policy = \"accept-new\";\n"
	"            connect_timeout = 20; log_dir = \"~/.local/state/issu-console\";\n"
	"            timeouts = { issu = 90; backup_reboot = 40; old_master_reboot = 35;\n"
	"                         switch_holddown = 5; }; };\n"
	"routers = ( { name = \"mx480-lab\";\n"
	"              re0 = { host = \"192.0.2.10\"; port = 22; };\n"
	"              re1 = { host = \"192.0.2.11\"; port = 2201; user = \"admin\"; };\n"
	"              package = \"/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz\";\n"
	"              package_sha256 = \"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef\";\n"
	"              switch_back = \"never\";\n"
	"              issu_options = { no_old_master_upgrade = true; reboot = true; }; },\n"
	"            { name = \"mx480-b\";\n"
	"              re0 = { host = \"2001:db8::10\"; };\n"
	"              re1 = { host = \"re1.example.net\"; };\n"
	"              switch_back = \"always\"; } );\n";

static void
test_full_example_keeps_every_value(void **state)
{
	struct console_config cfg;
	const struct config_defaults *d = &cfg.defaults;
	const struct router_config *r;
	char err[512], p[512];

	(void)state;
	assert_int_equal(load(full_example, &cfg, err, sizeof err), 0);
	assert_string_equal(cfg.path, conf_path);
	assert_string_equal(d->user, "netops");
	assert_int_equal(d->nauth, 3);
	assert_int_equal(d->auth[0], CONFIG_AUTH_AGENT);
	assert_int_equal(d->auth[1], CONFIG_AUTH_PUBLICKEY);
	assert_int_equal(d->auth[2], CONFIG_AUTH_PASSWORD);
	assert_int_equal(d->nidentity_files, 2);
	snprintf(p, sizeof p, "%s/.ssh/id_ed25519", tmpdir);
	assert_string_equal(d->identity_files[0], p);
	assert_string_equal(d->identity_files[1], "/etc/keys/junos");
	assert_string_equal(d->password_argv[0], "pass");
	assert_string_equal(d->password_argv[1], "show");
	assert_string_equal(d->password_argv[2], "junos/netops");
	assert_null(d->password_argv[3]);
	snprintf(p, sizeof p, "%s/.ssh/known_hosts", tmpdir);
	assert_string_equal(d->known_hosts, p);
	assert_int_equal(d->host_key_policy, CONFIG_HOST_KEY_ACCEPT_NEW);
	assert_int_equal(d->connect_timeout, 20);
	snprintf(p, sizeof p, "%s/.local/state/issu-console", tmpdir);
	assert_string_equal(d->log_dir, p);
	assert_int_equal(d->timeouts.issu, 90);
	assert_int_equal(d->timeouts.backup_reboot, 40);
	assert_int_equal(d->timeouts.old_master_reboot, 35);
	assert_int_equal(d->timeouts.switch_holddown, 5);

	assert_int_equal(cfg.nrouters, 2);
	r = &cfg.routers[0];
	assert_string_equal(r->name, "mx480-lab");
	assert_string_equal(r->re[0].host, "192.0.2.10");
	assert_int_equal(r->re[0].port, 22);
	assert_true(r->re[0].port_given);
	assert_null(r->re[0].user);
	assert_string_equal(config_user(&cfg, &r->re[0]), "netops");
	assert_string_equal(r->re[1].host, "192.0.2.11");
	assert_int_equal(r->re[1].port, 2201);
	assert_string_equal(r->re[1].user, "admin");
	assert_string_equal(config_user(&cfg, &r->re[1]), "admin");
	assert_string_equal(r->package,
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz");
	/* lower-cased, as `file checksum sha-256` prints it */
	assert_string_equal(r->package_sha256,
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	assert_int_equal(r->switch_back, CONFIG_SWITCH_BACK_NEVER);
	assert_true(r->issu_options.no_old_master_upgrade);
	assert_true(r->issu_options.reboot);

	r = &cfg.routers[1];
	assert_string_equal(r->name, "mx480-b");
	assert_string_equal(r->re[0].host, "2001:db8::10");
	assert_int_equal(r->re[0].port, 22);
	assert_false(r->re[0].port_given);
	assert_string_equal(r->re[1].host, "re1.example.net");
	assert_null(r->package);
	assert_null(r->package_sha256);
	assert_int_equal(r->switch_back, CONFIG_SWITCH_BACK_ALWAYS);
	assert_false(r->issu_options.no_old_master_upgrade);
	assert_false(r->issu_options.reboot);
	config_free(&cfg);
}

static void
test_defaults_fill_an_empty_file(void **state)
{
	struct console_config cfg;
	const struct config_defaults *d = &cfg.defaults;
	char err[512], p[512];

	(void)state;
	assert_int_equal(load("# nothing\n", &cfg, err, sizeof err), 0);
	assert_null(d->user);
	assert_int_equal(d->nauth, 4);
	assert_int_equal(d->auth[0], CONFIG_AUTH_AGENT);
	assert_int_equal(d->auth[1], CONFIG_AUTH_PUBLICKEY);
	assert_int_equal(d->auth[2], CONFIG_AUTH_KEYBOARD_INTERACTIVE);
	assert_int_equal(d->auth[3], CONFIG_AUTH_PASSWORD);
	assert_int_equal(d->nidentity_files, 0);
	assert_null(d->password_argv);
	snprintf(p, sizeof p, "%s/.ssh/known_hosts", tmpdir);
	assert_string_equal(d->known_hosts, p);
	assert_int_equal(d->host_key_policy, CONFIG_HOST_KEY_STRICT);
	assert_int_equal(d->connect_timeout, 15);
	snprintf(p, sizeof p, "%s/.local/state/issu-console", tmpdir);
	assert_string_equal(d->log_dir, p);
	assert_int_equal(d->timeouts.issu, 60);
	assert_int_equal(d->timeouts.backup_reboot, 30);
	assert_int_equal(d->timeouts.old_master_reboot, 30);
	assert_int_equal(d->timeouts.switch_holddown, 10);
	assert_int_equal(cfg.nrouters, 0);
	assert_null(config_router(&cfg, NULL));
	config_free(&cfg);
}

static void
test_defaults_fill_a_minimal_router(void **state)
{
	struct console_config cfg;
	const struct router_config *r;
	char err[512];

	(void)state;
	assert_int_equal(load(ROUTER(""), &cfg, err, sizeof err), 0);
	r = config_router(&cfg, NULL);
	assert_non_null(r);
	assert_string_equal(r->name, "lab");
	assert_int_equal(r->re[0].port, 22);
	assert_int_equal(r->re[1].port, 22);
	assert_false(r->re[1].port_given);
	assert_null(config_user(&cfg, &r->re[0]));
	assert_null(r->package);
	assert_int_equal(r->switch_back, CONFIG_SWITCH_BACK_ASK);
	assert_false(r->issu_options.no_old_master_upgrade);
	assert_false(r->issu_options.reboot);
	config_free(&cfg);
}

static void
test_partial_timeouts_keep_other_defaults(void **state)
{
	struct console_config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("defaults = { timeouts = { issu = 120; }; };\n",
	    &cfg, err, sizeof err), 0);
	assert_int_equal(cfg.defaults.timeouts.issu, 120);
	assert_int_equal(cfg.defaults.timeouts.backup_reboot, 30);
	assert_int_equal(cfg.defaults.timeouts.switch_holddown, 10);
	config_free(&cfg);
}

/* The deadlines of issue 12: defaults, a file's values, and ranges. */
static void
test_deadline_settings(void **state)
{
	struct console_config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("defaults = { user = \"x\"; };\n", &cfg, err,
	    sizeof err), 0);
	assert_int_equal(cfg.defaults.command_timeout, 120);
	assert_int_equal(cfg.defaults.server_alive_interval, 15);
	assert_int_equal(cfg.defaults.server_alive_count_max, 3);
	assert_int_equal(cfg.defaults.password_command_timeout, 10);
	config_free(&cfg);
	assert_int_equal(load("defaults = { command_timeout = 30; "
	    "server_alive_interval = 0; server_alive_count_max = 1; "
	    "password_command_timeout = 2; };\n", &cfg, err, sizeof err), 0);
	assert_int_equal(cfg.defaults.command_timeout, 30);
	assert_int_equal(cfg.defaults.server_alive_interval, 0);
	assert_int_equal(cfg.defaults.server_alive_count_max, 1);
	assert_int_equal(cfg.defaults.password_command_timeout, 2);
	config_free(&cfg);
	assert_error("defaults = { command_timeout = 0; };\n", 1,
	    "defaults.command_timeout: 0 is out of range (1-3600 seconds)");
	assert_error("defaults = { server_alive_interval = -1; };\n", 1,
	    "defaults.server_alive_interval: -1 is out of range (0-300 seconds)");
	assert_error("defaults = { server_alive_count_max = 0; };\n", 1,
	    "defaults.server_alive_count_max: 0 is out of range (1-100)");
	assert_error("defaults = { password_command_timeout = 301; };\n", 1,
	    "defaults.password_command_timeout: 301 is out of range (1-300 "
	    "seconds)");
	assert_error("defaults = { server_alive_interval = \"15\"; };\n", 1,
	    "defaults.server_alive_interval: expected an integer, got a string "
	    "(\"15\")");
}

static void
test_bad_port(void **state)
{
	(void)state;
	assert_error("routers = ( { name = \"lab\";\n"
	    "  re0 = { host = \"a\"; };\n"
	    "  re1 = { host = \"b\";\n"
	    "          port = 70000; }; } );\n", 4,
	    "routers.[0].re1.port: 70000 is not a port (1-65535)");
	assert_error("routers = ( { name = \"lab\"; re0 = { host = \"a\"; port = 0; };\n"
	    " re1 = { host = \"b\"; }; } );\n", 1,
	    "routers.[0].re0.port: 0 is not a port (1-65535)");
}

static void
test_unknown_setting_at_each_level(void **state)
{
	(void)state;
	assert_error("colour = true;\n", 1,
	    "colour: unknown setting (known here: defaults, routers)");
	assert_error("defaults = {\n user = \"x\";\n swtich_back = \"never\"; };\n", 3,
	    "defaults.swtich_back: unknown setting (known here: user, auth, "
	    "identity_files, password_command, known_hosts, host_key_policy, "
	    "connect_timeout, command_timeout, server_alive_interval, "
	    "server_alive_count_max, password_command_timeout, log_dir, "
	    "timeouts)");
	assert_error("defaults = { timeouts = {\n issu = 60;\n reboot = 5; }; };\n", 3,
	    "defaults.timeouts.reboot: unknown setting (known here: issu, "
	    "backup_reboot, old_master_reboot, switch_holddown)");
	assert_error(ROUTER("  swtich_back = \"never\";\n"), 4,
	    "routers.[0].swtich_back: unknown setting (known here: name, re0, "
	    "re1, package, package_sha256, switch_back, issu_options)");
	assert_error("routers = ( { name = \"lab\";\n"
	    "  re0 = { host = \"a\"; hostname = \"b\"; };\n"
	    "  re1 = { host = \"b\"; }; } );\n", 2,
	    "routers.[0].re0.hostname: unknown setting (known here: host, "
	    "port, user)");
	assert_error(ROUTER("  issu_options = {\n    no_validate = true; };\n"), 5,
	    "routers.[0].issu_options.no_validate: unknown setting (known "
	    "here: no_old_master_upgrade, reboot)");
}

#define PASSWORD_REFUSED \
	"a password is never kept in this file (anyone who can read it, " \
	"or a backup of it, would have it); use the SSH agent, a key " \
	"(identity_files), password_command, or type it at the prompt"

static void
test_password_refused_anywhere(void **state)
{
	(void)state;
	assert_error("defaults = {\n user = \"netops\";\n password = \"s3cret\"; };\n",
	    3, "defaults.password: " PASSWORD_REFUSED);
	assert_error("routers = ( { name = \"lab\";\n"
	    "  re0 = { host = \"a\"; password = \"x\"; };\n"
	    "  re1 = { host = \"b\"; }; } );\n", 2,
	    "routers.[0].re0.password: " PASSWORD_REFUSED);
	assert_error("password = \"x\";\n", 1, "password: " PASSWORD_REFUSED);
	assert_error(ROUTER("  Password = \"x\";\n"), 4,
	    "routers.[0].Password: " PASSWORD_REFUSED);
}

static void
test_duplicate_router_name(void **state)
{
	(void)state;
	assert_error("routers = (\n"
	    " { name = \"lab\"; re0 = { host = \"a\"; }; re1 = { host = \"b\"; }; },\n"
	    " { re0 = { host = \"c\"; }; re1 = { host = \"d\"; };\n"
	    "   name = \"lab\"; } );\n", 4,
	    "routers.[1].name: \"lab\" is already the name of routers.[0]");
}

static void
test_bad_host_key_policy(void **state)
{
	(void)state;
	assert_error("defaults = {\n host_key_policy = \"accept-any\"; };\n", 2,
	    "defaults.host_key_policy: \"accept-any\" is not a host key "
	    "policy (strict, accept-new)");
}

static void
test_bad_switch_back(void **state)
{
	(void)state;
	assert_error(ROUTER("  switch_back = \"sometimes\";\n"), 4,
	    "routers.[0].switch_back: \"sometimes\" is not a switch_back "
	    "choice (ask, always, never)");
}

static void
test_bad_sha256(void **state)
{
	(void)state;
	assert_error(ROUTER("  package_sha256 = \"abc\";\n"), 4,
	    "routers.[0].package_sha256: \"abc\" is not a SHA-256 digest "
	    "(64 hexadecimal digits)");
	assert_error(ROUTER("  package_sha256 = \"g123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef\";\n"), 4,
	    "routers.[0].package_sha256: \"g123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef\" is not a SHA-256 digest "
	    "(64 hexadecimal digits)");
}

static void
test_package_must_be_in_var_tmp(void **state)
{
	(void)state;
	assert_error(ROUTER("  package = \"/tmp/jinstall.tgz\";\n"), 4,
	    "routers.[0].package: \"/tmp/jinstall.tgz\" is not a file in "
	    "/var/tmp on the router (copy the package there and give its full "
	    "path, e.g. /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz)");
	assert_error(ROUTER("  package = \"/var/tmp/\";\n"), 4,
	    "routers.[0].package: \"/var/tmp/\" is not a file in /var/tmp on "
	    "the router (copy the package there and give its full path, e.g. "
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz)");
	assert_error(ROUTER("  package = \"/var/tmp/../etc/x.tgz\";\n"), 4,
	    "routers.[0].package: \"/var/tmp/../etc/x.tgz\" leaves /var/tmp (..)");
}

static void
test_wrong_types(void **state)
{
	(void)state;
	assert_error("routers = ( { name = \"lab\";\n"
	    "  re0 = { host = \"a\"; port = \"22\"; };\n"
	    "  re1 = { host = \"b\"; }; } );\n", 2,
	    "routers.[0].re0.port: expected an integer, got a string (\"22\")");
	assert_error("defaults = { user = 42; };\n", 1,
	    "defaults.user: expected a string, got an integer (42)");
	assert_error("defaults = { connect_timeout = 1.5; };\n", 1,
	    "defaults.connect_timeout: expected an integer, got a fractional "
	    "number");
	assert_error(ROUTER("  issu_options = { reboot = 1; };\n"), 4,
	    "routers.[0].issu_options.reboot: expected true or false, got an "
	    "integer (1)");
	assert_error("defaults = { auth = \"agent\"; };\n", 1,
	    "defaults.auth: expected a list of strings [\"...\", ...], got a "
	    "string (\"agent\")");
	assert_error("defaults = ( 1 );\n", 1,
	    "defaults: expected a group { ... }, got a list ( ... )");
	assert_error("routers = { name = \"lab\"; };\n", 1,
	    "routers: expected a list of routers ( { ... }, ... ), got a "
	    "group { ... }");
	assert_error("routers = ( \"lab\" );\n", 1,
	    "routers.[0]: expected a router { name = ...; re0 = { ... }; re1 = "
	    "{ ... }; }, got a string (\"lab\")");
	assert_error("defaults = { identity_files = [1, 2]; };\n", 1,
	    "defaults.identity_files.[0]: expected a string, got an integer (1)");
	assert_error("defaults = { identity_files = (\"a\", 3); };\n", 1,
	    "defaults.identity_files.[1]: expected a string, got an integer (3)");
}

static void
test_syntax_error_names_its_line(void **state)
{
	struct console_config cfg;
	char err[512], want[512];

	(void)state;
	assert_int_equal(load("defaults = {\n user = \"netops\";\n connect_timeout = ; };\n",
	    &cfg, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:3: syntax: syntax error", conf_path);
	assert_string_equal(err, want);
	assert_int_equal(load("defaults = { user = \"a\";\n  user = \"b\"; };\n",
	    &cfg, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s:2: syntax: duplicate setting name",
	    conf_path);
	assert_string_equal(err, want);
	config_free(&cfg);
}

static void
test_required_settings(void **state)
{
	(void)state;
	assert_error("routers = ( {\n name = \"lab\";\n re0 = { host = \"a\"; }; } );\n",
	    1, "routers.[0]: re1 is missing (required)");
	assert_error("routers = ( { re0 = { host = \"a\"; }; re1 = { host = \"b\"; }; } );\n",
	    1, "routers.[0]: name is missing (required)");
	assert_error("routers = ( { name = \"lab\";\n re0 = { port = 22; };\n"
	    " re1 = { host = \"b\"; }; } );\n", 2,
	    "routers.[0].re0: host is missing (required)");
	assert_error("routers = ( { name = \"lab\";\n re0 = { host = \"\"; };\n"
	    " re1 = { host = \"b\"; }; } );\n", 2,
	    "routers.[0].re0.host: must not be empty");
}

static void
test_bad_router_name(void **state)
{
	(void)state;
	assert_error("routers = ( { name = \"mx 480/lab\"; re0 = { host = \"a\"; };\n"
	    " re1 = { host = \"b\"; }; } );\n", 1,
	    "routers.[0].name: \"mx 480/lab\" is not a router name (letters, "
	    "digits, '.', '_', '-', starting with a letter or digit; it names "
	    "the transcript files)");
}

static void
test_auth_list_errors(void **state)
{
	(void)state;
	assert_error("defaults = { auth = [\"agent\", \"pubkey\"]; };\n", 1,
	    "defaults.auth.[1]: \"pubkey\" is not an authentication method "
	    "(agent, publickey, keyboard-interactive, password)");
	assert_error("defaults = { auth = [\"agent\", \"password\", \"agent\"]; };\n",
	    1, "defaults.auth.[2]: \"agent\" is listed twice");
	assert_error("defaults = { auth = []; };\n", 1,
	    "defaults.auth: lists no method; give at least one of agent, "
	    "publickey, keyboard-interactive, password");
}

static void
test_auth_order_is_kept(void **state)
{
	struct console_config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("defaults = { auth = [\"password\", "
	    "\"keyboard-interactive\"]; };\n", &cfg, err, sizeof err), 0);
	assert_int_equal(cfg.defaults.nauth, 2);
	assert_int_equal(cfg.defaults.auth[0], CONFIG_AUTH_PASSWORD);
	assert_int_equal(cfg.defaults.auth[1], CONFIG_AUTH_KEYBOARD_INTERACTIVE);
	assert_string_equal(config_auth_name(cfg.defaults.auth[1]),
	    "keyboard-interactive");
	config_free(&cfg);
}

static void
test_ranges(void **state)
{
	(void)state;
	assert_error("defaults = { connect_timeout = 0; };\n", 1,
	    "defaults.connect_timeout: 0 is out of range (1-300 seconds)");
	assert_error("defaults = { connect_timeout = 301; };\n", 1,
	    "defaults.connect_timeout: 301 is out of range (1-300 seconds)");
	assert_error("defaults = { timeouts = { issu = 6000; }; };\n", 1,
	    "defaults.timeouts.issu: 6000 is out of range (1-600 minutes)");
	assert_error("defaults = { timeouts = { switch_holddown = -1; }; };\n", 1,
	    "defaults.timeouts.switch_holddown: -1 is out of range (1-120 "
	    "minutes)");
}

/* libconfig keeps such numbers in 32 bits, wrapped or saturated: without a
 * second look 99999999999999999999 read as -1 and 4294967297 as 1. */
static void
test_over_long_integers(void **state)
{
	(void)state;
	assert_error("defaults = { connect_timeout = 99999999999999999999; };\n",
	    1, "defaults.connect_timeout: the value is too large, at most 300 "
	    "seconds");
	assert_error("defaults = { connect_timeout = 4294967297; };\n", 1,
	    "defaults.connect_timeout: the value is too large, at most 300 "
	    "seconds");
	assert_error("defaults = { connect_timeout = 99999999999999999999L; };\n",
	    1, "defaults.connect_timeout: the value is too large, at most 300 "
	    "seconds");
	assert_error("defaults = { connect_timeout = 0x100000001; };\n", 1,
	    "defaults.connect_timeout: the value is too large, at most 300 "
	    "seconds");
	assert_error("defaults = {\n  timeouts = { issu =\n\n"
	    "    99999999999; }; };\n", 2,
	    "defaults.timeouts.issu: the value is too large, at most 600 "
	    "minutes");
	assert_error("defaults = { timeouts = { switch_holddown = "
	    "-99999999999999999999; }; };\n", 1,
	    "defaults.timeouts.switch_holddown: the value is too small, at "
	    "least 1 minutes");
	/* The second port on the line is the one read wrapped (to 22). */
	assert_error("routers = ( { name = \"lab\"; re0 = { host = \"a\"; "
	    "port = 22; }; re1 = { host = \"b\"; port = 4294967318; }; } );\n",
	    1, "routers.[0].re1.port: the value is too large, at most 65535");
}

static void
test_tilde_expands_to_home(void **state)
{
	struct console_config cfg;
	char err[512], p[512];

	(void)state;
	assert_int_equal(load("defaults = { known_hosts = \"~\";\n"
	    " log_dir = \"/var/log/~x\";\n"
	    " password_command = \"~/bin/pw '~/literal' x~\"; };\n",
	    &cfg, err, sizeof err), 0);
	assert_string_equal(cfg.defaults.known_hosts, tmpdir);
	/* only a leading ~ means home */
	assert_string_equal(cfg.defaults.log_dir, "/var/log/~x");
	snprintf(p, sizeof p, "%s/bin/pw", tmpdir);
	assert_string_equal(cfg.defaults.password_argv[0], p);
	assert_string_equal(cfg.defaults.password_argv[1], "~/literal");
	assert_string_equal(cfg.defaults.password_argv[2], "x~");
	assert_null(cfg.defaults.password_argv[3]);
	config_free(&cfg);
	assert_error("defaults = { log_dir = \"~netops/logs\"; };\n", 1,
	    "defaults.log_dir: ~user is not supported; write the full path");
}

static void
test_password_command_quoting(void **state)
{
	struct console_config cfg;
	char **v;
	char err[512];

	(void)state;
	assert_int_equal(load("defaults = { password_command = "
	    "\"  vault  'read secret/a b'  \\\"x \\\\\\\"y\\\" c\\\\ d \"; };\n",
	    &cfg, err, sizeof err), 0);
	v = cfg.defaults.password_argv;
	assert_string_equal(v[0], "vault");
	assert_string_equal(v[1], "read secret/a b");
	assert_string_equal(v[2], "x \"y");
	assert_string_equal(v[3], "c d");
	assert_null(v[4]);
	config_free(&cfg);
	assert_error("defaults = { password_command = \"pass 'show\"; };\n", 1,
	    "defaults.password_command: has an unterminated ' quote");
	assert_error("defaults = { password_command = \"   \"; };\n", 1,
	    "defaults.password_command: is empty");
}

static void
test_missing_file(void **state)
{
	struct console_config cfg;
	char err[512], p[512], want[600];

	(void)state;
	snprintf(p, sizeof p, "%s/absent.conf", tmpdir);
	assert_int_equal(config_load(p, &cfg, err, sizeof err), -1);
	snprintf(want, sizeof want, "%s: cannot read: No such file or "
	    "directory", p);
	assert_string_equal(err, want);
	config_free(&cfg);
}

static void
test_default_path_xdg_then_home(void **state)
{
	char *p, want[512];

	(void)state;
	snprintf(want, sizeof want, "%s/.config/issu-console/issu-console.conf",
	    tmpdir);
	p = config_default_path();
	assert_string_equal(p, want);
	free(p);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);	/* ignored, per XDG */
	p = config_default_path();
	assert_string_equal(p, want);
	free(p);
	setenv("XDG_CONFIG_HOME", "/etc/xdg-test", 1);
	p = config_default_path();
	assert_string_equal(p, "/etc/xdg-test/issu-console/issu-console.conf");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
}

static void
test_load_null_reads_the_default_file(void **state)
{
	struct console_config cfg;
	char err[512], dir[400], p[512];

	(void)state;
	snprintf(dir, sizeof dir, "%s/xdg", tmpdir);
	mkdir(dir, 0700);
	setenv("XDG_CONFIG_HOME", dir, 1);
	snprintf(p, sizeof p, "%s/issu-console", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/issu-console/issu-console.conf", dir);
	write_file(p, ROUTER(""));
	assert_int_equal(config_load(NULL, &cfg, err, sizeof err), 0);
	assert_string_equal(cfg.path, p);
	assert_non_null(config_router(&cfg, "lab"));
	config_free(&cfg);
	unsetenv("XDG_CONFIG_HOME");
}

static void
test_router_lookup(void **state)
{
	struct console_config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load(full_example, &cfg, err, sizeof err), 0);
	assert_null(config_router(&cfg, NULL));		/* several: name one */
	assert_ptr_equal(config_router(&cfg, "mx480-b"), &cfg.routers[1]);
	assert_ptr_equal(config_router(&cfg, "mx480-lab"), &cfg.routers[0]);
	assert_null(config_router(&cfg, "mx480"));
	assert_null(config_router(NULL, "mx480"));
	config_free(&cfg);
	config_free(&cfg);	/* emptied: a second free is harmless */
	config_free(NULL);
}

/* ---- --re0/--re1 on the command line ------------------------------------ */

static void
test_from_args_forms(void **state)
{
	struct router_config r;
	char err[256];

	(void)state;
	assert_int_equal(config_router_from_args("192.0.2.10", "re1.lab:2201",
	    NULL, NULL, &r, err, sizeof err), 0);
	assert_string_equal(r.name, "192.0.2.10");
	assert_string_equal(r.re[0].host, "192.0.2.10");
	assert_int_equal(r.re[0].port, 22);
	assert_false(r.re[0].port_given);
	assert_string_equal(r.re[1].host, "re1.lab");
	assert_int_equal(r.re[1].port, 2201);
	assert_true(r.re[1].port_given);
	assert_null(r.re[0].user);
	assert_null(config_user(NULL, &r.re[0]));
	assert_null(r.package);
	assert_int_equal(r.switch_back, CONFIG_SWITCH_BACK_ASK);
	config_router_free(&r);

	assert_int_equal(config_router_from_args("[2001:db8::1]:2200",
	    "[2001:db8::2]", "netops", NULL, &r, err, sizeof err), 0);
	assert_string_equal(r.re[0].host, "2001:db8::1");
	assert_int_equal(r.re[0].port, 2200);
	assert_string_equal(r.re[1].host, "2001:db8::2");
	assert_int_equal(r.re[1].port, 22);
	assert_string_equal(r.re[0].user, "netops");
	assert_string_equal(r.re[1].user, "netops");
	config_router_free(&r);

	assert_int_equal(config_router_from_args("::1", "fe80::1%eth0",
	    NULL, NULL, &r, err, sizeof err), 0);
	assert_string_equal(r.re[0].host, "::1");
	assert_string_equal(r.re[1].host, "fe80::1%eth0");
	assert_false(r.re[1].port_given);
	config_router_free(&r);
	config_router_free(NULL);

	/* --package: checked with the file's words, kept as given. */
	assert_int_equal(config_router_from_args("a", "b", NULL,
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz", &r, err,
	    sizeof err), 0);
	assert_string_equal(r.package,
	    "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz");
	config_router_free(&r);
	assert_int_equal(config_router_from_args("a", "b", NULL,
	    "jinstall-10.3R2.11-domestic-signed.tgz", &r, err, sizeof err), -1);
	assert_string_equal(err, "--package: \"jinstall-10.3R2.11-domestic-"
	    "signed.tgz\" is not a file in /var/tmp on the router (copy the "
	    "package there and give its full path, e.g. /var/tmp/jinstall-"
	    "10.3R2.11-domestic-signed.tgz)");
	config_router_free(&r);
	assert_int_equal(config_router_from_args("a", "b", NULL,
	    "/var/tmp/../etc/passwd", &r, err, sizeof err), -1);
	assert_string_equal(err, "--package: \"/var/tmp/../etc/passwd\" "
	    "leaves /var/tmp (..)");
	config_router_free(&r);
}

/* ARGS must be refused with exactly WANT. */
static void
assert_args_error(const char *re0, const char *re1, const char *user,
    const char *want)
{
	struct router_config r;
	char err[256];

	assert_int_equal(config_router_from_args(re0, re1, user, NULL, &r, err,
	    sizeof err), -1);
	assert_string_equal(err, want);
	assert_null(r.name);
	assert_null(r.re[0].host);
	config_router_free(&r);
}

static void
test_from_args_errors(void **state)
{
	(void)state;
	assert_args_error("a", "b:70000", NULL,
	    "--re1: 70000 is not a port (1-65535)");
	assert_args_error("a:0", "b", NULL, "--re0: 0 is not a port (1-65535)");
	assert_args_error("a:ssh", "b", NULL,
	    "--re0: ssh is not a port (1-65535)");
	assert_args_error("a:+22", "b", NULL,
	    "--re0: +22 is not a port (1-65535)");
	assert_args_error("a:", "b", NULL,
	    "--re0: \"a:\": missing port after ':'");
	assert_args_error("[2001:db8::1]:99999", "b", NULL,
	    "--re0: 99999 is not a port (1-65535)");
	assert_args_error("[2001:db8::1", "b", NULL,
	    "--re0: \"[2001:db8::1\": missing ']' after the IPv6 address");
	assert_args_error("[2001:db8::1]22", "b", NULL,
	    "--re0: \"[2001:db8::1]22\": expected ':PORT' after ']'");
	assert_args_error("[]:22", "b", NULL, "--re0: \"[]:22\": missing host");
	assert_args_error(":22", "b", NULL, "--re0: \":22\": missing host");
	assert_args_error("a", NULL, NULL, "--re1: missing HOST[:PORT]");
	assert_args_error("", "b", NULL, "--re0: missing HOST[:PORT]");
	assert_args_error("a", "b", "", "--user: empty user name");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_example_keeps_every_value),
		cmocka_unit_test(test_defaults_fill_an_empty_file),
		cmocka_unit_test(test_defaults_fill_a_minimal_router),
		cmocka_unit_test(test_partial_timeouts_keep_other_defaults),
		cmocka_unit_test(test_deadline_settings),
		cmocka_unit_test(test_bad_port),
		cmocka_unit_test(test_unknown_setting_at_each_level),
		cmocka_unit_test(test_password_refused_anywhere),
		cmocka_unit_test(test_duplicate_router_name),
		cmocka_unit_test(test_bad_host_key_policy),
		cmocka_unit_test(test_bad_switch_back),
		cmocka_unit_test(test_bad_sha256),
		cmocka_unit_test(test_package_must_be_in_var_tmp),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_syntax_error_names_its_line),
		cmocka_unit_test(test_required_settings),
		cmocka_unit_test(test_bad_router_name),
		cmocka_unit_test(test_auth_list_errors),
		cmocka_unit_test(test_auth_order_is_kept),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_over_long_integers),
		cmocka_unit_test(test_tilde_expands_to_home),
		cmocka_unit_test(test_password_command_quoting),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_default_path_xdg_then_home),
		cmocka_unit_test(test_load_null_reads_the_default_file),
		cmocka_unit_test(test_router_lookup),
		cmocka_unit_test(test_from_args_forms),
		cmocka_unit_test(test_from_args_errors),
	};

	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
