#!/bin/bash
#
# sim_faults.sh - each --fault of issu-sim, one chassis per fault, showing
# the effect an operator notices (and that it is logged as a `fault` event):
#
#   validate-fail          the ISSU stops at "Validation failed"; nothing changes
#   missing-package        the package is not in /var/tmp; the ISSU is an error
#   backup-not-ready       show system switchover on the backup is not ready;
#                          the ISSU is refused
#   backup-no-return       re1 never listens again; the ISSU gives up with an
#                          error; re0 stays master on the old release
#   drop-during-upgrade    the ssh session running the ISSU is cut, the upgrade
#                          carries on: mastership moves anyway
#   old-master-no-return   after its manual reboot re0 never listens again
#   hostkey-changed        after its reboot strict ssh to re1 fails with
#                          REMOTE HOST IDENTIFICATION HAS CHANGED
#   version-mismatch       the REs run different releases; the ISSU is refused
#   slow-backup            re1's reboot (its refused window) is ~5x as long as
#                          without the fault, and the ISSU still completes
#   auth-fail-after-reboot the password works on re1 before its reboot, not after
#
# and an unknown fault name is exit status 2.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

PKG=jinstall-10.3R2.11-domestic-signed.tgz
ISSU="request system software in-service-upgrade /var/tmp/$PKG"

# fault_logged NAME [RE]: a `fault` event names it (on RE when given).
fault_logged()
{
  assert_event "fault $1 is logged as a fault event${2:+ on $2}" \
    '.event == "fault" and .name == $n and ($re == "" or .re == $re)' \
    --arg n "$1" --arg re "${2-}"
}

# unchanged WHY: no reboot, no mastership move, both REs on 10.1R1.8, re0
# master: what an operator finds after a refused ISSU.
unchanged()
{
  assert_no_event "$1: no RE rebooted" '.event == "reboot-start"'
  assert_no_event "$1: mastership did not move" '.event == "mastership"'
  releases_are "$1" re0 10.1R1.8 10.1R1.8
  roles_are "$1" re0 Master Backup
}

# =========================================================================
log "validate-fail"
start_sim --speed 600 --fault validate-fail || die "issu-sim does not start"
run_on re0 "$ISSU"
assert_rc "validate-fail: the ISSU exits 1" 1 "${RC[re0]}" "${OUT[re0]}"
assert_lines_in_order "validate-fail: validating, then Validation failed" "${OUT[re0]}" \
  "ISSU: Validating Image" "Validating against /config/juniper.conf.gz" "Validation failed"
assert_match "validate-fail: an error line from the check" "${OUT[re0]}" 'error'
assert_no_line "validate-fail: never Validation succeeded" "${OUT[re0]}" "Validation succeeded"
assert_no_line "validate-fail: the backup is not touched" "${OUT[re0]}" "Backup upgrade done"
assert_eq "validate-fail: Validation failed is the last line" "Validation failed" "$(tail -n 1 <<<"${OUT[re0]}")"
fault_logged validate-fail
unchanged "validate-fail"
run_on re0 "request system software validate in-service-upgrade /var/tmp/$PKG"
assert_rc "validate-fail: request system software validate exits 1 too" 1 "${RC[re0]}" "${OUT[re0]}"
assert_line "validate-fail: validate says Validation failed" "${OUT[re0]}" "Validation failed"
stop_sim_clean "validate-fail"

# =========================================================================
log "missing-package"
start_sim --speed 600 --fault missing-package || die "issu-sim does not start"
run_on re0 "file list /var/tmp"
assert_rc "missing-package: file list /var/tmp works" 0 "${RC[re0]}" "${OUT[re0]}"
assert_not_contains "missing-package: the package is not in /var/tmp" "${OUT[re0]}" "$PKG"
run_on re0 "$ISSU"
assert_rc "missing-package: the ISSU exits 1" 1 "${RC[re0]}" "${OUT[re0]}"
assert_match "missing-package: an error naming the file" "${OUT[re0]}" "^error: .*${PKG//./\\.}"
assert_no_event "missing-package: no ISSU started" '.event == "issu"'
fault_logged missing-package
unchanged "missing-package"
stop_sim_clean "missing-package"

# =========================================================================
log "backup-not-ready"
start_sim --speed 600 --fault backup-not-ready || die "issu-sim does not start"
run_on re1 "show system switchover"
assert_line "backup-not-ready: GRES is on" "${OUT[re1]}" "Graceful switchover: On"
assert_no_line "backup-not-ready: not in Steady State" "${OUT[re1]}" "Peer state: Steady State"
assert_match "backup-not-ready: the backup says Not Ready" "${OUT[re1]}" 'Not Ready$'
run_on re0 "request chassis routing-engine master switch check"
assert_ne "backup-not-ready: master switch check is not Switchover Ready" "Switchover Ready" "${OUT[re0]}"
run_on re0 "$ISSU"
assert_rc "backup-not-ready: the ISSU exits 1" 1 "${RC[re0]}" "${OUT[re0]}"
assert_match "backup-not-ready: refused with an error" "${OUT[re0]}" '^error: .*[Nn]ot ready'
assert_no_event "backup-not-ready: no ISSU started" '.event == "issu"'
fault_logged backup-not-ready
unchanged "backup-not-ready"
stop_sim_clean "backup-not-ready"

# =========================================================================
log "backup-no-return (--speed 1200)"
start_sim --speed 1200 --fault backup-no-return || die "issu-sim does not start"
bg_ssh issu re0 "$ISSU"
ev_wait '.event == "reboot-start" and .re == "re1"' 20 || fail "backup-no-return: re1 never rebooted"
assert_eq "backup-no-return: re1's port closes" 0 "$(wait_port re1 refused 3; echo $?)"
bg_wait issu 40
assert_rc "backup-no-return: the ISSU gives up, exit 1" 1 "$BG_RC" "$BG_OUT"
assert_match "backup-no-return: an error after Waiting for Backup RE reboot" \
  "$(sed -n '/^Waiting for Backup RE reboot$/,$p' <<<"$BG_OUT")" '^error: '
assert_no_line "backup-no-return: GRES never operational" "$BG_OUT" "GRES operational"
assert_no_line "backup-no-return: no switchover" "$BG_OUT" "Resolving mastership..."
assert_eq "backup-no-return: re1 still refuses after the ISSU gave up" refused "$(port_state re1)"
assert_no_event "backup-no-return: re1 never came back" '.event == "reboot-done" and .re == "re1"'
assert_event "backup-no-return: its reboot-start says it does not return" \
  '.event == "reboot-start" and .re == "re1" and .returns == false'
fault_logged backup-no-return re1
roles_are "backup-no-return" re0 Master Present
run_on re0 "show version"
assert_eq "backup-no-return: re0 still on 10.1R1.8" 10.1R1.8 "$(release_of "${OUT[re0]}")"
run_on re0 "show chassis alarms"
assert_match "backup-no-return: Loss of communication with Backup RE" "${OUT[re0]}" \
  'Loss of communication with Backup RE$'
stop_sim_clean "backup-no-return"

# =========================================================================
log "drop-during-upgrade (--speed 1200)"
start_sim --speed 1200 --fault drop-during-upgrade || die "issu-sim does not start"
term_open r0 re0
term_wait r0 "$(prompt_re re0)" || die "no prompt from re0"
bg_ssh issu re0 "$ISSU"
bg_wait issu 30
assert_rc "drop-during-upgrade: the ISSU's ssh session is cut (255)" 255 "$BG_RC" "$BG_OUT$BG_ERR"
assert_contains "drop-during-upgrade: ssh says the connection was closed" "$BG_ERR" "closed by remote host"
assert_line "drop-during-upgrade: the session saw the run start" "$BG_OUT" "ISSU: Validating Image"
assert_no_line "drop-during-upgrade: the session never saw the end" "$BG_OUT" "ISSU: IDLE"
sid=$(ev_seq '.event == "issu" and .milestone == "started"' '.session' | head -n 1)
assert_eq "drop-during-upgrade: the event log says the session was cut" cut \
  "$(ev_seq ".event == \"session-close\" and .session == ${sid:-0}" '.reason')"
# The lines printed just before the cut may not have reached the client (the
# session fetches them every 100 ms, 120 simulated seconds here): the log
# says when the cut came.
down=$(ev_line '.event == "reboot-start" and .re == "re1"')
cut=$(ev_line ".event == \"session-close\" and .session == ${sid:-0}")
CHECKS=$((CHECKS + 1))
if [[ -n $down && -n $cut ]] && ((cut > down)); then
  pass "drop-during-upgrade: cut in the middle of the run, after re1's reboot began"
else
  fail "drop-during-upgrade: cut after re1's reboot began" "reboot-start at log line '$down', cut at '$cut'"
fi
if term_wait_dead r0 10; then
  assert_eq "drop-during-upgrade: the master's interactive session is cut too" 255 "$TERM_RC"
else
  CHECKS=$((CHECKS + 1))
  fail "drop-during-upgrade: the master's interactive session is cut too" "$(term_screen r0 | tail -n 5)"
fi
fault_logged drop-during-upgrade re0
run_on re0 "show version"
assert_rc "drop-during-upgrade: re0 still accepts logins (not a reboot)" 0 "${RC[re0]}" "${ERR[re0]}"
CHECKS=$((CHECKS + 1))
if ev_wait '.event == "mastership" and .re == "re1" and .role == "master"' 20; then
  pass "drop-during-upgrade: the upgrade carries on, re1 becomes master"
else
  fail "drop-during-upgrade: the upgrade carries on, re1 becomes master" "$(tail -n 8 "$SIM_EVENTS")"
fi
assert_event "drop-during-upgrade: the ISSU finishes inside the router" \
  '.event == "issu" and .milestone == "finished"'
roles_are "drop-during-upgrade" re1 Backup Master
releases_are "drop-during-upgrade" re1 10.1R1.8 10.3R2.11
stop_sim_clean "drop-during-upgrade"

# =========================================================================
log "old-master-no-return (--speed 1200)"
start_sim --speed 1200 --fault old-master-no-return || die "issu-sim does not start"
bg_ssh issu re0 "$ISSU"
bg_wait issu 40
assert_rc "old-master-no-return: the ISSU completes" 0 "$BG_RC" "$BG_OUT"
assert_no_event "old-master-no-return: not before the old master's reboot" '.event == "fault"'
run_in re0 'yes\n' "request system reboot"
assert_line "old-master-no-return: re0 reboots to finish its install" "${OUT[re0]}" \
  "Reboot consistency check bypassed - jinstall 10.3R2.11 will complete installation upon reboot"
assert_eq "old-master-no-return: re0's port closes" 0 "$(wait_port re0 refused 3; echo $?)"
# A normal reboot with an install is 600 s: 0.5 s at this speed.
CHECKS=$((CHECKS + 1))
t_down=$(now_ms)
if wait_port re0 open 2; then
  fail "old-master-no-return: re0 never listens again" "it accepted after $((PORT_AT - t_down)) ms"
else
  pass "old-master-no-return: re0 still refuses 2 s (four normal reboots) later"
fi
assert_no_event "old-master-no-return: no reboot-done for re0" '.event == "reboot-done" and .re == "re0"'
fault_logged old-master-no-return re0
roles_are "old-master-no-return" re1 Present Master
run_on re1 "show chassis alarms"
assert_match "old-master-no-return: re1 raises Loss of communication with Backup RE" "${OUT[re1]}" \
  'Loss of communication with Backup RE$'
stop_sim_clean "old-master-no-return"

# =========================================================================
log "hostkey-changed (--speed 1200)"
start_sim --speed 1200 --fault hostkey-changed || die "issu-sim does not start"
run_on re1 "show version"
assert_rc "hostkey-changed: strict ssh to re1 works before" 0 "${RC[re1]}" "${ERR[re1]}"
bg_ssh issu re0 "$ISSU"
ev_wait '.event == "reboot-done" and .re == "re1"' 30 || fail "hostkey-changed: re1 did not come back"
wait_port re1 open 5
run_on re1 "show version"
assert_rc "hostkey-changed: strict ssh to re1 fails after its reboot (255)" 255 "${RC[re1]}" "${OUT[re1]}"
assert_contains "hostkey-changed: OpenSSH says REMOTE HOST IDENTIFICATION HAS CHANGED" "${ERR[re1]}" \
  "REMOTE HOST IDENTIFICATION HAS CHANGED"
assert_eq "hostkey-changed: nothing ran on re1" "" "${OUT[re1]}"
run_on re0 "show version"
assert_rc "hostkey-changed: re0 (not rebooted) keeps its key" 0 "${RC[re0]}" "${ERR[re0]}"
fault_logged hostkey-changed re1
# The RE really serves another key: trusting the new one, ssh works again.
kh2=$TEST_TMP/known_hosts.new
ssh-keyscan -p "${SIM_PORT[re1]}" "$SIM_ADDR" >"$kh2" 2>/dev/null
old_key=$(awk -v h="[$SIM_ADDR]:${SIM_PORT[re1]}" '$1 == h && $2 == "ssh-ed25519" { print $3 }' "$SIM_KH")
new_key=$(awk '$2 == "ssh-ed25519" { print $3 }' "$kh2")
CHECKS=$((CHECKS + 1))
if [[ -n $new_key && $new_key != "$old_key" ]]; then
  pass "hostkey-changed: re1 now serves another ed25519 key"
else
  fail "hostkey-changed: re1 now serves another ed25519 key" "old: $old_key" "new: $new_key"
fi
out=$(SIM_KH=$kh2 sim_ssh re1 "show version" 2>&1)
assert_line "hostkey-changed: with the new key accepted, re1 answers" "$out" "Hostname: mx480-re1"
bg_wait issu 30
assert_rc "hostkey-changed: the ISSU itself completes" 0 "$BG_RC" "$BG_OUT"
stop_sim_clean "hostkey-changed"

# =========================================================================
log "version-mismatch"
start_sim --speed 600 --fault version-mismatch || die "issu-sim does not start"
run_on re0 "show version invoke-on all-routing-engines"
v0=$(release_of "${OUT[re0]}" re0)
v1=$(release_of "${OUT[re0]}" re1)
assert_eq "version-mismatch: re0 runs the seed's 10.1R1.8" 10.1R1.8 "$v0"
assert_match "version-mismatch: re1 runs a release too" "$v1" '^[0-9]+\.[0-9]+[A-Z][0-9]'
assert_ne "version-mismatch: show version invoke-on shows two different releases" "$v0" "$v1"
run_on re0 "$ISSU"
assert_rc "version-mismatch: the ISSU exits 1" 1 "${RC[re0]}" "${OUT[re0]}"
assert_match "version-mismatch: refused with an error naming re1's release" "${OUT[re0]}" \
  "^error: .*${v1//./\\.}"
assert_no_event "version-mismatch: no ISSU started" '.event == "issu"'
assert_no_event "version-mismatch: no RE rebooted" '.event == "reboot-start"'
fault_logged version-mismatch
stop_sim_clean "version-mismatch"

# =========================================================================
log "slow-backup (--speed 1200, with and without the fault)"
declare -A WINDOW=()
# reboot_window KEY [ARGS...]: an ISSU on a fresh chassis; WINDOW[KEY] is
# how long (ms) re1's port refused connections.
reboot_window()
{
  local key=$1 t_down
  shift
  start_sim --speed 1200 "$@" || die "issu-sim $* does not start"
  bg_ssh issu re0 "$ISSU"
  ev_wait '.event == "reboot-start" and .re == "re1"' 20 || fail "$key: re1 did not reboot"
  if wait_port re1 refused 3; then
    t_down=$PORT_AT
    if wait_port re1 open 30; then
      WINDOW[$key]=$((PORT_AT - t_down))
    fi
  fi
  bg_wait issu 40
  assert_rc "$key: the ISSU completes (exit 0)" 0 "$BG_RC" "$(tail -n 5 <<<"$BG_OUT")"
  assert_line "$key: the switchover happens" "$BG_OUT" "ISSU: RE switchover Done"
}
reboot_window normal
assert_no_event "without the fault: no fault event" '.event == "fault"'
stop_sim_clean "slow-backup, reference run"
reboot_window slow --fault slow-backup
fault_logged slow-backup re1
roles_are "slow-backup" re1 Backup Master
stop_sim_clean "slow-backup"
n=${WINDOW[normal]-} s=${WINDOW[slow]-}
CHECKS=$((CHECKS + 1))
if [[ -n $n && -n $s ]] && ((n > 0 && s * 10 >= 35 * n && s * 10 <= 70 * n)); then
  pass "slow-backup: re1 refused connections for $s ms against $n ms without the fault (~5x)"
else
  fail "slow-backup: re1's refused window is about 5x the normal one" \
    "without the fault: ${n:-not measured} ms" "with slow-backup: ${s:-not measured} ms"
fi

# =========================================================================
log "auth-fail-after-reboot (--speed 1200)"
start_sim --speed 1200 --fault auth-fail-after-reboot || die "issu-sim does not start"
run_on re1 "show version"
assert_rc "auth-fail-after-reboot: the password works on re1 before" 0 "${RC[re1]}" "${ERR[re1]}"
bg_ssh issu re0 "$ISSU"
ev_wait '.event == "reboot-done" and .re == "re1"' 30 || fail "auth-fail-after-reboot: re1 did not come back"
wait_port re1 open 5
before=$(ev_count '.event == "auth" and .re == "re1" and .ok == false')
run_on re1 "show version"
assert_ne "auth-fail-after-reboot: login to re1 fails after its reboot" 0 "${RC[re1]}"
assert_eq "auth-fail-after-reboot: nothing ran on re1" "" "${OUT[re1]}"
assert_no_match "auth-fail-after-reboot: not a host key problem" "${ERR[re1]}" 'IDENTIFICATION HAS CHANGED'
CHECKS=$((CHECKS + 1))
if (($(ev_count '.event == "auth" and .re == "re1" and .ok == false') > before)); then
  pass "auth-fail-after-reboot: the event log has the refused password on re1"
else
  fail "auth-fail-after-reboot: the event log has the refused password on re1" "$(tail -n 5 "$SIM_EVENTS")"
fi
fault_logged auth-fail-after-reboot re1
run_on re0 "show version"
assert_rc "auth-fail-after-reboot: re0 (not rebooted) still takes the password" 0 "${RC[re0]}" "${ERR[re0]}"
bg_wait issu 30
assert_rc "auth-fail-after-reboot: the ISSU completes" 0 "$BG_RC" "$BG_OUT"
stop_sim_clean "auth-fail-after-reboot"

# =========================================================================
log "an unknown fault"
timeout 10 "$ISSU_SIM" --fault no-such-fault >"$TEST_TMP/unknown.out" 2>"$TEST_TMP/unknown.err"
assert_rc "--fault no-such-fault: exit status 2" 2 "$?" "$(cat "$TEST_TMP/unknown.err")"
assert_eq "--fault no-such-fault: one line on standard error" 1 "$(wc -l <"$TEST_TMP/unknown.err")"
assert_contains "--fault no-such-fault: the error names it" "$(cat "$TEST_TMP/unknown.err")" "no-such-fault"
assert_eq "--fault no-such-fault: nothing on standard output" "" "$(cat "$TEST_TMP/unknown.out")"

finish
