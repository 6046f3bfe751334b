#!/bin/bash
#
# sim_exec.sh - every command of issue 3 section 3 over `ssh host 'command'`,
# sent to both routing engines at the same time, with OpenSSH's strict host
# key checking.  The checks are what an operator reads in those outputs:
# hostname per RE, release and its era's shape, Master/Backup per slot, the
# ISSU prerequisites in the configuration and in the switchover/replication
# outputs, the package in /var/tmp, master-only refusals on the backup, the
# Junos error for an unknown command, and exit status 0/1.  Every command
# must be in the event log with its exact text.
#
# Three chassis: the defaults; --master re1 with re0 on 17.3R3-S8.1 and
# another hostname and package; and one started --without gres, nsr and
# commit-sync.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

PKG=jinstall-10.3R2.11-domestic-signed.tgz
DASHES=--------------------------------------------------------------------------

# Both REs at once; exit status 0 on both.
both_ok()
{
  local re
  run_both "$1"
  for re in re0 re1; do
    assert_rc "$re: '$1' exits 0" 0 "${RC[$re]}" "${OUT[$re]}${ERR[$re]}"
  done
}

# =========================================================================
log "chassis 1: defaults (re0 master, 10.1R1.8 on both, all prerequisites)"
start_sim || die "issu-sim does not start"

both_ok "show version"
for re in re0 re1; do
  o=${OUT[$re]}
  assert_eq "$re show version: first line is its hostname" "Hostname: mx480-$re" "$(head -n 1 <<<"$o")"
  assert_line "$re show version: model" "$o" "Model: mx480"
  assert_line "$re show version: 10.x shape, Base OS boot line" "$o" "JUNOS Base OS boot [10.1R1.8]"
  assert_eq "$re show version: last line is the Routing Software Suite" \
    "JUNOS Routing Software Suite [10.1R1.8]" "$(tail -n 1 <<<"$o")"
  assert_no_match "$re show version: no 'Junos:' line before 12.1" "$o" '^Junos:'
done
for re in re0 re1; do
  stray=$(grep -Ev '^(Hostname: mx480-re[01]|Model: mx480|JUNOS .* \[10\.1R1\.8\])$' <<<"${OUT[$re]}")
  assert_eq "$re show version: no line outside the 10.x package list" "" "$stray"
done

both_ok "show version invoke-on all-routing-engines"
for re in re0 re1; do
  o=${OUT[$re]}
  assert_lines_in_order "$re invoke-on all: re0 section then re1 section" "$o" \
    "re0:" "$DASHES" "Hostname: mx480-re0" "Model: mx480" "JUNOS Base OS boot [10.1R1.8]" \
    "re1:" "$DASHES" "Hostname: mx480-re1" "Model: mx480" "JUNOS Base OS boot [10.1R1.8]"
  assert_eq "$re invoke-on all: exactly two sections" 2 "$(grep -Ec '^re[01]:$' <<<"$o")"
done

both_ok "show chassis routing-engine"
for re in re0 re1; do
  o=${OUT[$re]}
  assert_eq "$re routing-engine: slot 0 is Master" "Master" "$(slot_state "$o" 0)"
  assert_eq "$re routing-engine: slot 1 is Backup" "Backup" "$(slot_state "$o" 1)"
  assert_lines_in_order "$re routing-engine: real layout of a slot" "$o" \
    "Routing Engine status:" "  Slot 0:" "    Current state                  Master" \
    "Routing Engine status:" "  Slot 1:" "    Current state                  Backup"
  assert_eq "$re routing-engine: model RE-S-2000 in both slots" 2 \
    "$(grep -c '^    Model                          RE-S-2000$' <<<"$o")"
  assert_eq "$re routing-engine: an Election priority per slot" 2 \
    "$(grep -Ec '^    Election priority              (Master|Backup)( \(default\))?$' <<<"$o")"
  assert_eq "$re routing-engine: uptime in the N days, N hours... form per slot" 2 \
    "$(grep -Ec '^    Uptime                         [0-9]+ days?(, [0-9]+ (hours?|minutes?|seconds?))+$' <<<"$o")"
  assert_eq "$re routing-engine: start time per slot" 2 \
    "$(grep -Ec '^    Start time                     [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Z]+$' <<<"$o")"
  for label in "Temperature" "CPU temperature" "DRAM" "Memory utilization" "Serial ID" \
    "Last reboot reason" "Load averages:"; do
    assert_eq "$re routing-engine: '$label' in both slots" 2 "$(grep -c "^    $label " <<<"$o")"
  done
done
assert_ne "the two slots have different serial numbers" \
  "$(grep -m1 'Serial ID' <<<"${OUT[re0]}")" "$(grep 'Serial ID' <<<"${OUT[re0]}" | sed -n 2p)"

both_ok "show system uptime"
for re in re0 re1; do
  o=${OUT[$re]}
  assert_match "$re uptime: current time" "$o" '^Current time: [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} [A-Z]+$'
  assert_match "$re uptime: booted weeks ago" "$o" \
    '^System booted: [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} [A-Z]+ \([0-9]+w[0-9]+d [0-9]{2}:[0-9]{2} ago\)$'
  assert_match "$re uptime: protocols started" "$o" '^Protocols started: [0-9-]+ [0-9:]+ [A-Z]+ \(.* ago\)$'
  assert_match "$re uptime: last configured by a user" "$o" '^Last configured: [0-9-]+ [0-9:]+ [A-Z]+ \(.* ago\) by [a-z]+$'
  assert_match "$re uptime: the BSD uptime line" "$o" \
    '^ ?[0-9]{1,2}:[0-9]{2}[AP]M  up [0-9]+ days, +[0-9]{1,2}:[0-9]{2}, [0-9]+ users?, load averages: [0-9.]+, [0-9.]+, [0-9.]+$'
done

both_ok "show system switchover"
assert_exact "backup (re1) switchover: GRES on, databases ready, steady state" \
  "$(printf '%s\n' 'Graceful switchover: On' 'Configuration database: Ready' 'Kernel database: Ready' 'Peer state: Steady State')" \
  "${OUT[re1]}"
assert_ne "master (re0) does not answer show system switchover like the backup" "${OUT[re1]}" "${OUT[re0]}"
assert_no_line "master (re0) switchover: no backup readiness claimed" "${OUT[re0]}" "Peer state: Steady State"

both_ok "show task replication"
assert_lines_in_order "master task replication: enabled, master, OSPF complete" "${OUT[re0]}" \
  "        Stateful Replication: Enabled" "        RE mode: Master" "" \
  "    Protocol                Synchronization Status"
assert_match "master task replication: OSPF Complete" "${OUT[re0]}" '^    OSPF +Complete *$'
assert_exact "backup task replication" \
  "$(printf '%s\n' '        Stateful Replication: Enabled' '        RE mode: Backup')" "${OUT[re1]}"

both_ok "show configuration"
for re in re0 re1; do
  o=${OUT[$re]}
  assert_lines_in_order "$re configuration: both hostnames in groups re0/re1" "$o" \
    "groups {" "    re0 {" "        system {" "            host-name mx480-re0;" \
    "    re1 {" "        system {" "            host-name mx480-re1;"
  assert_line "$re configuration: apply-groups" "$o" "apply-groups [ re0 re1 ];"
  assert_line "$re configuration: GRES" "$o" "        graceful-switchover;"
  assert_line "$re configuration: NSR" "$o" "    nonstop-routing;"
  assert_line "$re configuration: commit synchronize" "$o" "        synchronize;"
done
assert_exact "the REs have the same configuration" "${OUT[re0]}" "${OUT[re1]}"

both_ok "show configuration chassis redundancy | display set"
for re in re0 re1; do
  assert_line "$re redundancy | display set: GRES" "${OUT[$re]}" "set chassis redundancy graceful-switchover"
  assert_eq "$re redundancy | display set: nothing but set chassis redundancy lines" "" \
    "$(grep -v '^set chassis redundancy ' <<<"${OUT[$re]}")"
done

both_ok "show configuration system commit"
for re in re0 re1; do
  assert_exact "$re show configuration system commit" "synchronize;" "${OUT[$re]}"
done

both_ok "show configuration routing-options | display set"
for re in re0 re1; do
  assert_line "$re routing-options | display set: NSR" "${OUT[$re]}" "set routing-options nonstop-routing"
done

both_ok "show configuration | display set | match host-name"
for re in re0 re1; do
  assert_exact "$re | display set | match host-name: exactly the two hostnames" \
    "$(printf '%s\n' 'set groups re0 system host-name mx480-re0' 'set groups re1 system host-name mx480-re1')" \
    "${OUT[$re]}"
done

both_ok 'show configuration | display set | match "graceful-switchover|nonstop-routing|commit synchronize"'
for re in re0 re1; do
  assert_eq "$re | match with a quoted alternation: the three prerequisites" 3 \
    "$(grep -Ec '^set (chassis redundancy graceful-switchover|routing-options nonstop-routing|system commit synchronize)$' <<<"${OUT[$re]}")"
  assert_eq "$re | match with a quoted alternation: nothing else" 3 "$(grep -c . <<<"${OUT[$re]}")"
done

both_ok "show configuration | match host-name"
for re in re0 re1; do
  assert_exact "$re show configuration | match host-name (hierarchy form)" \
    "$(printf '%s\n' '            host-name mx480-re0;' '            host-name mx480-re1;')" "${OUT[$re]}"
done

both_ok "file list /var/tmp"
for re in re0 re1; do
  assert_eq "$re file list: directory header" "/var/tmp/:" "$(head -n 1 <<<"${OUT[$re]}")"
  assert_line "$re file list: the package" "${OUT[$re]}" "$PKG"
done

both_ok "file list /var/tmp detail"
for re in re0 re1; do
  assert_match "$re file list detail: mode, links, owner, size, date, name" "${OUT[$re]}" \
    "^-rw-r--r-- +1 +[a-z]+ +[a-z]+ +[0-9]{9} [A-Z][a-z]{2} [0-9]{1,2} +([0-9]{2}:[0-9]{2}|[0-9]{4}) (/var/tmp/)?${PKG//./\\.}$"
  assert_line "$re file list detail: 'total files: N' counts the entries listed" "${OUT[$re]}" \
    "total files: $(grep -Ec '^[-dl][rwxst-]{9} ' <<<"${OUT[$re]}")"
done

both_ok "file list /var/tmp/$PKG detail"
for re in re0 re1; do
  assert_match "$re file list of the package: full path" "${OUT[$re]}" \
    "^-rw-r--r-- +1 +[a-z]+ +[a-z]+ +[0-9]{9} .* /var/tmp/${PKG//./\\.}$"
done

run_both "file list /var/tmp/no-such-file.tgz"
for re in re0 re1; do
  assert_line "$re file list of a missing file: Junos' error" "${OUT[$re]}${ERR[$re]}" \
    "/var/tmp/no-such-file.tgz: No such file or directory"
done

both_ok "file checksum sha-256 /var/tmp/$PKG"
for re in re0 re1; do
  assert_match "$re sha-256: BSD form with 64 hex digits" "${OUT[$re]}" \
    "^SHA256 \(/var/tmp/${PKG//./\\.}\) = [0-9a-f]{64}$"
done
assert_eq "the package has the same sha-256 on both REs" "${OUT[re0]}" "${OUT[re1]}"
sha=${OUT[re0]}

both_ok "file checksum md5 /var/tmp/$PKG"
for re in re0 re1; do
  assert_match "$re md5: BSD form with 32 hex digits" "${OUT[$re]}" \
    "^MD5 \(/var/tmp/${PKG//./\\.}\) = [0-9a-f]{32}$"
done
run_on re0 "file checksum sha-256 /var/tmp/$PKG"
assert_eq "sha-256 is stable between runs" "$sha" "${OUT[re0]}"

both_ok "show system storage"
for re in re0 re1; do
  assert_eq "$re storage: header" \
    "Filesystem              Size       Used      Avail  Capacity   Mounted on" "$(head -n 1 <<<"${OUT[$re]}")"
  assert_match "$re storage: a filesystem line" "${OUT[$re]}" \
    '^[^ ]+ +[0-9.]+[BKMGT] +[0-9.]+[BKMGT] +[0-9.]+[BKMGT] +[0-9]+% +/[^ ]*$'
done

run_both "show chassis alarms"
assert_rc "master: show chassis alarms exits 0" 0 "${RC[re0]}" "${OUT[re0]}"
assert_exact "master: no chassis alarms" "No alarms currently active" "${OUT[re0]}"
assert_rc "backup: show chassis alarms is refused (exit 1)" 1 "${RC[re1]}" "${OUT[re1]}"
assert_line "backup: show chassis alarms answers the master-only error" "${OUT[re1]}${ERR[re1]}" \
  "error: Aborted! This command can only be used on the master routing engine."

both_ok "show system alarms"
for re in re0 re1; do
  assert_exact "$re: no system alarms" "No alarms currently active" "${OUT[$re]}"
done

both_ok "show system users"
for re in re0 re1; do
  assert_match "$re users: uptime line" "${OUT[$re]}" \
    '^ ?[0-9]{1,2}:[0-9]{2}[AP]M  up [0-9]+ days, +[0-9]{1,2}:[0-9]{2}, [0-9]+ users?, load averages: [0-9.]+, [0-9.]+, [0-9.]+$'
  assert_match "$re users: column header" "${OUT[$re]}" '^USER +TTY +FROM +LOGIN@ +IDLE +WHAT$'
done

run_both "request system software validate in-service-upgrade /var/tmp/$PKG"
assert_rc "master: validate in-service-upgrade exits 0" 0 "${RC[re0]}" "${OUT[re0]}${ERR[re0]}"
assert_contains "master: validation names the package" "${OUT[re0]}" "$PKG"
assert_not_contains "master: validation does not fail" "${OUT[re0]}" "error"

run_on re0 "request system software validate in-service-upgrade /var/tmp/jinstall-99.9R9.9-domestic-signed.tgz"
assert_rc "validate of a package not in /var/tmp is refused" 1 "${RC[re0]}" "${OUT[re0]}${ERR[re0]}"

run_both "show chassis in-service-upgrade"
assert_rc "master: show chassis in-service-upgrade exits 0" 0 "${RC[re0]}" "${ERR[re0]}"
# The status table of request_system_software_in_service_upgrade/*full_run.
assert_eq "master: in-service-upgrade status table header" \
  "  Item           Status                  Reason" "$(head -n 1 <<<"${OUT[re0]}")"
assert_match "master: an FPC line, online" "${OUT[re0]}" '^  FPC [0-9]+ +Online'
assert_rc "backup: show chassis in-service-upgrade is master-only (exit 1)" 1 "${RC[re1]}" "${OUT[re1]}"
assert_line "backup: the master-only error" "${OUT[re1]}${ERR[re1]}" \
  "error: Aborted! This command can only be used on the master routing engine."

run_both "show foo"
for re in re0 re1; do
  assert_rc "$re: 'show foo' is refused (exit 1)" 1 "${RC[$re]}" "${OUT[$re]}${ERR[$re]}"
  assert_contains "$re: 'show foo' is a syntax error" "${OUT[$re]}${ERR[$re]}" "syntax error"
done
run_both "frobnicate"
for re in re0 re1; do
  assert_rc "$re: 'frobnicate' is refused (exit 1)" 1 "${RC[$re]}" "${OUT[$re]}${ERR[$re]}"
  assert_contains "$re: 'frobnicate' is an unknown command" "${OUT[$re]}${ERR[$re]}" "unknown command"
done

assert_answers "after every command of section 3"
assert_log_valid
assert_commands_logged
for re in re0 re1; do
  assert_event "$re: password login logged" \
    '.event == "auth" and .re == $re and .user == "netops" and .method == "password" and .ok == true' --arg re "$re"
done
# A command record belongs to a session that was opened on the same RE.
n=$(jq -s '. as $all
  | [$all[] | select(.event == "command")] as $cmds
  | [$cmds[] | . as $c | select([$all[] | select(.event == "session-open" and .re == $c.re
      and .session == $c.session)] | length == 0)] | length' "$SIM_EVENTS")
assert_eq "every command record names a session opened on its RE" 0 "$n"
opened=$(ev_count '.event == "session-open"')
ev_wait '.event == "session-close"' 5
closed_wait=$((SECONDS + 10))
while (($(ev_count '.event == "session-close"') < opened)) && ((SECONDS < closed_wait)); do
  sleep 0.1
done
assert_eq "every session opened was closed" "$opened" "$(ev_count '.event == "session-close"')"
stop_sim_clean "chassis 1"

# =========================================================================
log "chassis 2: --master re1, re0 on 17.3R3-S8.1, --hostname edge1, two packages"
NEWPKG=junos-install-mx-x86-64-17.3R3-S8.1.tgz
start_sim --master re1 --re0-version 17.3R3-S8.1 --hostname edge1 \
  --package "$NEWPKG" --package "$PKG" || die "issu-sim does not start"
SIM_HOST=edge1

both_ok "show version"
assert_line "re0 on 17.3: hostname" "${OUT[re0]}" "Hostname: edge1-re0"
assert_line "re0 on 17.3: 'Junos:' line" "${OUT[re0]}" "Junos: 17.3R3-S8.1"
assert_no_line "re0 on 17.3: no 10.x Base OS boot line" "${OUT[re0]}" "JUNOS Base OS boot [10.1R1.8]"
assert_line "re1 still 10.1: hostname" "${OUT[re1]}" "Hostname: edge1-re1"
assert_line "re1 still 10.1: Base OS boot" "${OUT[re1]}" "JUNOS Base OS boot [10.1R1.8]"
assert_no_match "re1 still 10.1: no 'Junos:' line" "${OUT[re1]}" '^Junos:'

both_ok "show version invoke-on all-routing-engines"
for re in re0 re1; do
  assert_lines_in_order "$re invoke-on all: each section in its own release's shape" "${OUT[$re]}" \
    "re0:" "$DASHES" "Hostname: edge1-re0" "Junos: 17.3R3-S8.1" \
    "re1:" "$DASHES" "Hostname: edge1-re1" "JUNOS Base OS boot [10.1R1.8]"
done

both_ok "show chassis routing-engine"
for re in re0 re1; do
  assert_eq "--master re1 seen from $re: slot 0 Backup" "Backup" "$(slot_state "${OUT[$re]}" 0)"
  assert_eq "--master re1 seen from $re: slot 1 Master" "Master" "$(slot_state "${OUT[$re]}" 1)"
done

both_ok "show task replication"
assert_line "--master re1: re1 replication RE mode Master" "${OUT[re1]}" "        RE mode: Master"
assert_line "--master re1: re0 replication RE mode Backup" "${OUT[re0]}" "        RE mode: Backup"

both_ok "show system switchover"
assert_line "backup re0 on 17.3: GRES on" "${OUT[re0]}" "Graceful switchover: On"
assert_eq "backup re0 on 17.3: last line is the 17.3 'Switchover Status: Ready'" \
  "Switchover Status: Ready" "$(tail -n 1 <<<"${OUT[re0]}")"
assert_no_line "master re1: no backup readiness claimed" "${OUT[re1]}" "Peer state: Steady State"

run_both "show chassis alarms"
assert_rc "--master re1: alarms on re1 (master) exit 0" 0 "${RC[re1]}" "${OUT[re1]}"
# The configuration names re0 the master (routing-engine 0 master), so a
# chassis run by re1 shows the alarm a real one does (show_chassis_alarms/
# mx960_DC-L36-GTWY04_backup_re_active_no_forwarding).
assert_lines_in_order "--master re1: re1 shows the Backup RE Active alarm" "${OUT[re1]}" \
  "1 alarms currently active" "Alarm time               Class  Description"
assert_match "--master re1: the alarm line" "${OUT[re1]}" \
  '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Z]+  Minor  Backup RE Active$'
assert_rc "--master re1: alarms on re0 (backup) refused" 1 "${RC[re0]}" "${OUT[re0]}"
assert_line "--master re1: re0 gives the master-only error" "${OUT[re0]}${ERR[re0]}" \
  "error: Aborted! This command can only be used on the master routing engine."

both_ok "show configuration | display set | match host-name"
assert_exact "--hostname edge1: hostnames in the groups" \
  "$(printf '%s\n' 'set groups re0 system host-name edge1-re0' 'set groups re1 system host-name edge1-re1')" \
  "${OUT[re0]}"

both_ok "file list /var/tmp"
for re in re0 re1; do
  assert_line "$re: /var/tmp holds the first --package" "${OUT[$re]}" "$NEWPKG"
  assert_line "$re: /var/tmp holds the second --package" "${OUT[$re]}" "$PKG"
done

# The REs of this chassis run different releases: Junos' ISSU checks refuse
# to validate (an ISSU needs the same release on both REs).
run_both "request system software validate in-service-upgrade /var/tmp/$NEWPKG"
assert_rc "--master re1: validate with different releases on the REs exits 1" 1 "${RC[re1]}" "${OUT[re1]}${ERR[re1]}"
assert_contains "--master re1: validate says the releases differ" "${OUT[re1]}" "same release on both Routing Engines"

assert_answers "chassis 2"
assert_commands_logged
stop_sim_clean "chassis 2"
SIM_HOST=

start_sim --package "$NEWPKG" || die "issu-sim --package does not start"
both_ok "file list /var/tmp"
for re in re0 re1; do
  assert_line "$re: --package puts the file in /var/tmp" "${OUT[$re]}" "$NEWPKG"
  assert_no_line "$re: --package replaces the default package" "${OUT[$re]}" "$PKG"
done
assert_commands_logged
stop_sim_clean "--package"

# =========================================================================
log "chassis 3: --without gres --without nsr --without commit-sync"
start_sim --without gres --without nsr --without commit-sync || die "issu-sim does not start"

both_ok 'show configuration | display set | match "graceful-switchover|nonstop-routing|commit synchronize"'
for re in re0 re1; do
  assert_eq "$re: none of the three prerequisites configured" "" "${OUT[$re]}"
done
both_ok "show configuration chassis redundancy | display set"
for re in re0 re1; do
  assert_no_line "$re: no GRES in chassis redundancy" "${OUT[$re]}" "set chassis redundancy graceful-switchover"
done
both_ok "show configuration | display set | match host-name"
assert_eq "without the prerequisites the hostnames are still configured" 2 "$(grep -c host-name <<<"${OUT[re0]}")"

both_ok "show system switchover"
assert_line "backup without GRES: switchover off" "${OUT[re1]}" "Graceful switchover: Off"
assert_no_line "backup without GRES: not 'On'" "${OUT[re1]}" "Graceful switchover: On"

both_ok "show task replication"
assert_line "master without NSR: replication disabled" "${OUT[re0]}" "        Stateful Replication: Disabled"
assert_no_match "master without NSR: no protocol complete" "${OUT[re0]}" 'Complete'

# One --without at a time leaves the other two in place.
stop_sim_clean "chassis 3"
for w in gres nsr commit-sync; do
  start_sim --without "$w" || die "issu-sim --without $w does not start"
  run_on re0 'show configuration | display set | match "graceful-switchover|nonstop-routing|commit synchronize"'
  assert_eq "--without $w: two prerequisites left" 2 "$(grep -c . <<<"${OUT[re0]}")"
  case $w in
  gres) gone="set chassis redundancy graceful-switchover" ;;
  nsr) gone="set routing-options nonstop-routing" ;;
  commit-sync) gone="set system commit synchronize" ;;
  esac
  assert_no_line "--without $w: '$gone' is the one missing" "${OUT[re0]}" "$gone"
  stop_sim_clean "--without $w"
done

finish
