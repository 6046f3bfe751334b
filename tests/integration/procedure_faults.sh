#!/usr/bin/env bash
# The ISSU procedure against every fault issu-sim injects, and each missing
# prerequisite fixed by the fix step.  Each run ends in a clear stop (saying
# what to check) or a correct recovery, and the simulator's event log shows
# that nothing was sent that the state did not allow.
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SPEED=300
ISSU_CMD='request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz'

changes()
{
  ev_seq '.event == "command" and (.text | test("^(request system (software in-service-upgrade|reboot)|request chassis routing-engine master switch$)"))' \
    '"\(.re) \(.text)"'
}

# stopped WHY PATTERN: the run stopped (exit 1) and said PATTERN.
stopped()
{
  assert_rc "$1: the run ends without completing" 1 "$RC" "$OUT"
  assert_contains "$1: a clear stop" "$OUT" "STOPPED at step"
  assert_match "$1: saying why" "$OUT" "$2"
}

case_sim()   # why sim-args...
{
  log "$1"
  shift
  start_sim --speed "$SPEED" "$@" || die "issu-sim does not start"
  CONF=$TEST_TMP/c$SIM_COUNT.conf
  console_conf "$CONF"
}

# --- faults that the prerequisites catch: nothing is sent -------------------
case_sim "missing-package" --fault missing-package
console_run q
stopped "missing package" 'Package in /var/tmp on the master: .* is not on re0'
assert_exact "missing package: nothing sent" "" "$(changes)"
stop_sim_clean "missing-package"

case_sim "backup-not-ready" --fault backup-not-ready
console_run q
stopped "backup not ready" 'Backup ready for switchover: re1 is not ready for switchover'
assert_exact "backup not ready: nothing sent" "" "$(changes)"
stop_sim_clean "backup-not-ready"

case_sim "version-mismatch" --fault version-mismatch
console_run q
stopped "version mismatch" 're0 runs 10.1R1.8, re1 runs 10.0R3.10: ISSU needs the same release'
assert_exact "version mismatch: nothing sent" "" "$(changes)"
stop_sim_clean "version-mismatch"

case_sim "a downgrade is refused" --re0-version 11.4R5.5 --re1-version 11.4R5.5
console_run q
stopped "downgrade" '10.3R2.11 is older than the running 11.4R5.5: a downgrade is not an ISSU'
assert_exact "downgrade: nothing sent" "" "$(changes)"
stop_sim_clean "downgrade"

# --- faults during the upgrade ----------------------------------------------
case_sim "validate-fail" --fault validate-fail
console_run "" re0 q
stopped "validation failure" 'The ISSU on re0 reported an error'
assert_contains "validation failure: Junos' lines are shown" "$OUT" "configuration check-out failed"
assert_exact "validation failure: only the ISSU was sent" "re0 $ISSU_CMD" "$(changes)"
releases_are "validation failure: nothing changed" re0 10.1R1.8 10.1R1.8
stop_sim_clean "validate-fail"

case_sim "backup-no-return" --fault backup-no-return
console_conf "$CONF" "issu = 120; backup_reboot = 20; old_master_reboot = 60; switch_holddown = 20;"
console_run "" re0 q
stopped "backup never back" 're1 has not come back .* after its reboot'
assert_contains "backup never back: says what to check" "$OUT" "Check its console port"
assert_exact "backup never back: only the ISSU was sent" "re0 $ISSU_CMD" "$(changes)"
roles_are "backup never back: mastership did not move" re0 Master Present
stop_sim_clean "backup-no-return"

case_sim "drop-during-upgrade: the console follows the ISSU by reading" --fault drop-during-upgrade
console_run "" re0 "" re0 "" y re1
assert_rc "dropped master session: the ISSU still completes" 0 "$RC" "$OUT"
assert_contains "the drop is said" "$OUT" "dropped during the ISSU. The upgrade continues on the router"
assert_contains "the end is seen by reading the router" "$OUT" "seen by reading the router"
assert_exact "the same three changes, once each" \
  "$(printf '%s\n' "re0 $ISSU_CMD" 're0 request system reboot' 're1 request chassis routing-engine master switch')" \
  "$(changes)"
releases_are "drop-during-upgrade: both on the target" re0 10.3R2.11 10.3R2.11
stop_sim_clean "drop-during-upgrade"

case_sim "slow-backup: a slow reboot within the limit completes" --fault slow-backup
console_conf "$CONF" "issu = 240; backup_reboot = 200; old_master_reboot = 200; switch_holddown = 20;"
console_run "" re0 "" re0 "" y re1
assert_rc "slow backup: completes" 0 "$RC" "$OUT"
releases_are "slow backup: both on the target" re0 10.3R2.11 10.3R2.11
stop_sim_clean "slow-backup"

case_sim "hostkey-changed: the returning backup's new key is refused" --fault hostkey-changed
console_run "" re0 q
stopped "changed host key" 're1: .*HOST KEY FOR .* HAS CHANGED'
assert_match "changed host key: both fingerprints, to compare with the console" "$OUT" \
  'offers ssh-ed25519 SHA256:[A-Za-z0-9+/]+; .* holds ssh-ed25519 SHA256:[A-Za-z0-9+/]+'
assert_contains "changed host key: retrying is not offered as a fix" "$OUT" "Retrying will not help"
assert_contains "changed host key: the ISSU goes on and how to follow it" "$OUT" \
  "The ISSU goes on in the router"
assert_exact "changed host key: only the ISSU was sent" "re0 $ISSU_CMD" "$(changes)"
stop_sim_clean "hostkey-changed"

case_sim "auth-fail-after-reboot: the password refused after the backup's reboot" \
  --fault auth-fail-after-reboot
console_run "" re0 q
stopped "login refused after reboot" 're1: auth.*Retrying will not help'
assert_exact "login refused: only the ISSU was sent" "re0 $ISSU_CMD" "$(changes)"
stop_sim_clean "auth-fail-after-reboot"

case_sim "old-master-no-return" --fault old-master-no-return
console_conf "$CONF" "issu = 120; backup_reboot = 60; old_master_reboot = 10; switch_holddown = 20;"
console_run "" re0 "" re0 q
stopped "old master never back" 're0 has not come back .* after its reboot onto 10.3R2.11. Check it on its console port'
assert_exact "old master never back: no switch was tried" \
  "$(printf '%s\n' "re0 $ISSU_CMD" 're0 request system reboot')" "$(changes)"
roles_are "old master never back: re1 carries on as master" re1 Present Master
stop_sim_clean "old-master-no-return"

# --- missing prerequisites fixed by the fix step ------------------------------
for what in gres nsr commit-sync; do
  case "$what" in
    gres) line='set chassis redundancy graceful-switchover' ;;
    nsr) line='set routing-options nonstop-routing' ;;
    commit-sync) line='set system commit synchronize' ;;
  esac
  case_sim "--without $what: fixed by the fix step" --without "$what"
  console_run "" n "" y q
  assert_contains "$what: the question shows the exact set line" "$OUT" "  $line"
  assert_contains "$what: \"n\" sends nothing" "$OUT" "Not confirmed: nothing was sent to re0"
  assert_contains "$what: commit complete" "$OUT" "commit complete"
  assert_match "$what: the checks run again and pass" "$OUT" 'Prerequisites: done \(all checks pass\)'
  assert_contains "$what: the upgrade is next" "$OUT" "Next: step 4/8 Upgrade (ISSU)"
  assert_eq "$what: one commit, synchronized, with exactly that line" \
    "true [\"$line\"]" \
    "$(ev_seq '.event == "commit"' '"\(.synchronize) \(.lines | tojson)"')"
  assert_exact "$what: nothing else changed" "" "$(changes)"
  stop_sim_clean "--without $what"
done

finish
