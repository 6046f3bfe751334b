#!/bin/bash
#
# sim_issu.sh - the in-service software upgrade as an operator lives it, with
# OpenSSH's ssh (strict host keys against the simulator's known_hosts file)
# at high --speed:
#
# 1. the seed (10.1R1.8 on both REs, re0 master, jinstall-10.3R2.11): the
#    ISSU run over exec on re0 prints the real milestone lines in order; an
#    interactive re1 session is dropped when re1 reboots; re1's port refuses
#    connections during its reboot and accepts again with the same host key;
#    meanwhile the master lists slot 1 as Present and raises "Loss of
#    communication with Backup RE"; the new master's CLI gets the syslog
#    lines at the switchover; the session that ran the ISSU stays open to
#    the end; the event log has the reboots, the version change, the
#    mastership move and the milestones in order.  Then re1 is master on
#    10.3R2.11 and re0 backup still on 10.1R1.8, until `request system
#    reboot` + yes brings re0 back on 10.3R2.11; then the switch back, refused
#    during the hold-down with a countdown, accepted after it.
# 2. the 12.3 flavour: the continue question after validation, "[Mon DD
#    HH:MM:SS]:" stamps over a simulated 40 minutes; no or end of file change
#    nothing; `reboot` reboots the old master at the end.
# 3. no-old-master-upgrade: re0 comes back from its reboot on the old
#    release; an abort after the backup's reboot is refused.
# 4. what is refused and changes nothing: the ISSU on the backup, a missing
#    package, a downgrade, the reboot and switch questions answered no, empty
#    or not at all; an abort early in the run stops it before re1 reboots.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

PKG=jinstall-10.3R2.11-domestic-signed.tgz
ISSU="request system software in-service-upgrade /var/tmp/$PKG"
PKG13=jinstall-13.3R6.5-export-signed.tgz
ISSU13="request system software in-service-upgrade $PKG13"
NOT_MASTER="error: Aborted! This command can only be used on the master routing engine."
STAMP='\[[A-Z][a-z]{2} [0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\]:'
SWITCH="request chassis routing-engine master switch"
TOGGLE="Toggle mastership between routing engines ? [yes,no] (no) "
REBOOT_Q="Reboot the system ? [yes,no] (no) "

# How an answer given with run_in reads in a check's name.
answer_name()
{
  case $1 in
    '') echo "end of file" ;;
    '\n') echo "an empty line" ;;
    *) echo "'${1%\\n}'" ;;
  esac
}

# The pane's last {master}/{backup} line.
pane_role()
{
  term_screen "$1" | grep -E '^\{(master|backup)\}$' | tail -n 1
}

# =========================================================================
log "chassis 1: the seed's ISSU at --speed 200 (40 min in ~12 s; RE reboots 1.5-3 s)"
start_sim --speed 200 || die "issu-sim does not start"
kh_before=$(sha256sum <"$SIM_KH")

releases_are "before the ISSU" re0 10.1R1.8 10.1R1.8
roles_are "before the ISSU" re0 Master Backup

term_open r1 re1
term_wait r1 "$(prompt_re re1)" || die "no prompt from re1"

bg_ssh issu re0 "$ISSU"
ev_wait '.event == "reboot-start" and .re == "re1"' 40 ||
  die "re1 did not reboot during the ISSU" "$(bg_output issu)"

# --- re1 reboots ---------------------------------------------------------------
CHECKS=$((CHECKS + 1))
if wait_port re1 refused 3; then
  pass "re1's port refuses connections once it reboots"
  t_down=$PORT_AT
else
  fail "re1's port refuses connections once it reboots" "it still accepts 3 s after reboot-start"
  t_down=$(now_ms)
fi
roles_are "re1 rebooting" re0 Master Present
assert_eq "re1 rebooting: slot 1 has no start time or uptime (one of each, slot 0's)" 2 \
  "$(grep -Ec '^ +(Start time|Uptime) ' <<<"${OUT[re0]}")"
run_on re0 "show chassis alarms"
assert_match "re1 rebooting: the master raises Loss of communication with Backup RE" "${OUT[re0]}" \
  '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} [A-Z]+ +Minor +Loss of communication with Backup RE$'
run_on re1 "show version"
assert_rc "re1 rebooting: ssh to re1 fails (255)" 255 "${RC[re1]}" "${OUT[re1]}${ERR[re1]}"
assert_contains "re1 rebooting: ssh says Connection refused" "${ERR[re1]}" "Connection refused"
assert_eq "re1 still refusing after those checks (they saw the reboot)" refused "$(port_state re1)"

if term_wait_dead r1 10; then
  assert_eq "the interactive re1 session is dropped by the reboot (ssh exits 255)" 255 "$TERM_RC"
else
  CHECKS=$((CHECKS + 1))
  fail "the interactive re1 session is dropped by the reboot" "$(term_screen r1 | tail -n 5)"
fi
assert_match "the dropped re1 session says the connection was closed" "$(term_screen r1)" \
  'Connection to 127\.0\.0\.1 closed'

# --- re1 comes back ------------------------------------------------------------
CHECKS=$((CHECKS + 1))
if wait_port re1 open 20; then
  pass "re1's port accepts again after $((PORT_AT - t_down)) ms (600 s of simulated reboot)"
else
  fail "re1's port accepts again after its reboot" "still refused after 20 s"
fi
# Logged in before the switchover: its CLI must see the syslog lines.
term_open r1n re1
term_wait r1n "$(prompt_re re1)"
assert_eq "re1 back: a new interactive session shows {backup}" "{backup}" "$(pane_role r1n)"
assert_sim_alive "re1 back"
CHECKS=$((CHECKS + 1))
if bg_running issu; then
  pass "the ISSU's ssh session on re0 is still open while re1 reboots"
else
  fail "the ISSU's ssh session on re0 is still open while re1 reboots" "$(bg_output issu | tail -n 5)"
fi
run_on re1 "show version"
assert_rc "re1 back: strict ssh works (the same host key)" 0 "${RC[re1]}" "${ERR[re1]}"
assert_line "re1 back: hostname" "${OUT[re1]}" "Hostname: mx480-re1"
assert_eq "re1 back: on 10.3R2.11" 10.3R2.11 "$(release_of "${OUT[re1]}")"
assert_eq "known_hosts is unchanged (nothing was accepted anew)" "$kh_before" "$(sha256sum <"$SIM_KH")"
run_on re1 "show chassis routing-engine 1"
assert_match "re1 back: a fresh uptime (minutes, not 41 days)" "${OUT[re1]}" \
  '^ +Uptime +([0-9]+ minutes?, )?[0-9]+ seconds?$'

# --- the switchover and the end of the run ---------------------------------------
term_wait r1n '^Message from syslogd@ at [A-Z][a-z]{2} [0-9 ][0-9] [0-9:]{8} \.\.\.$' 20
assert_match "the new master's CLI: RDP Remote side reset connection (as in the seed)" \
  "$(term_screen r1n)" '^ fpc0 RDP: Remote side reset connection: rdp\.\(fpc0:22528\)\.\(serverRouter:ppm\)$'

bg_wait issu 60
assert_rc "the ISSU command ends with exit status 0" 0 "$BG_RC" "$BG_OUT$BG_ERR"
assert_lines_in_order "the ISSU prints the seed's lines in order" "$BG_OUT" \
  "Chassis ISSU Check Done" \
  "ISSU: Validating Image" \
  "Checking compatibility with configuration" \
  "Initializing..." \
  "Using jbase-10.1R1.8" \
  "Verified manifest signed by PackageProduction_10_1_0" \
  "Verified jbase-10.1R1.8 signed by PackageProduction_10_1_0" \
  "Using /var/tmp/$PKG" \
  "Saving package file in /var/sw/pkg/$PKG ..." \
  "Saving state for rollback ..." \
  "Backup upgrade done" \
  "Rebooting Backup RE" \
  "Rebooting re1" \
  "ISSU: Backup RE Prepare Done" \
  "Waiting for Backup RE reboot" \
  "GRES operational" \
  "Initiating Chassis In-Service-Upgrade" \
  "Chassis ISSU Started" \
  "ISSU: Preparing Daemons" \
  "ISSU: Daemons Ready for ISSU" \
  "ISSU: Starting Upgrade for FRUs" \
  "ISSU: Preparing for Switchover" \
  "Checking In-Service-Upgrade status" \
  "  Item           Status                  Reason" \
  "  FPC 0          Online (ISSU)" \
  "Resolving mastership..." \
  "Complete. The other routing engine becomes the master." \
  "ISSU: RE switchover Done" \
  "ISSU complete, other RE is master RE" \
  "ISSU: Upgrading Old Master RE" \
  "ISSU: Old Master Upgrade Done"
assert_eq "the ISSU's last line is ISSU: IDLE" "ISSU: IDLE" "$(tail -n 1 <<<"$BG_OUT")"
assert_no_match "10.x: no [Mon DD HH:MM:SS]: stamps" "$BG_OUT" "^$STAMP"
assert_not_contains "10.x: no continue question" "$BG_OUT" "Do you want to continue"
assert_no_match "no error in a good run" "$BG_OUT" '^error'
assert_no_line "without the reboot option the old master does not shut down" "$BG_OUT" "Shutdown NOW!"

# The session stayed open to the end: closed normally, after the run finished.
sid=$(ev_seq '.event == "issu" and .milestone == "started"' '.session' | head -n 1)
assert_eq "the ISSU session was closed normally, not cut" "closed" \
  "$(ev_seq ".event == \"session-close\" and .session == ${sid:-0}" '.reason')"
fin=$(ev_line '.event == "issu" and .milestone == "finished"')
closed=$(ev_line ".event == \"session-close\" and .session == ${sid:-0}")
CHECKS=$((CHECKS + 1))
if [[ -n $fin && -n $closed ]] && ((closed > fin)); then
  pass "the ISSU session closed after the run finished (log lines $fin < $closed)"
else
  fail "the ISSU session closed after the run finished" "finished at line '$fin', session-close at '$closed'"
fi

seq=$(ev_seq '.event | IN("issu", "reboot-start", "reboot-done", "version", "mastership")' \
  '"\(.event) \(.re) \(.milestone // (if .event == "mastership" then .role else .version end))"')
assert_lines_in_order "event log: milestones, re1's reboot, version, mastership in order" "$seq" \
  "issu re0 started" \
  "issu re0 ISSU: Validating Image" \
  "issu re0 Backup upgrade done" \
  "issu re0 Rebooting re1" \
  "reboot-start re1 10.1R1.8" \
  "version re1 10.3R2.11" \
  "reboot-done re1 10.3R2.11" \
  "issu re0 GRES operational" \
  "issu re0 Chassis ISSU Started" \
  "issu re0 ISSU: Preparing for Switchover" \
  "mastership re0 backup" \
  "mastership re1 master" \
  "issu re0 ISSU: RE switchover Done" \
  "issu re0 ISSU: IDLE" \
  "issu re0 finished"
assert_eq "event log: one reboot in the run (re1's)" 1 "$(ev_count '.event == "reboot-start"')"

releases_are "after the ISSU" re1 10.1R1.8 10.3R2.11
roles_are "after the ISSU" re1 Backup Master
run_on re0 "show chassis alarms"
assert_exact "after the ISSU: re0 is backup and refuses master-only commands" "$NOT_MASTER" "${OUT[re0]}"
term_cmd r1n re1 "show version"
assert_eq "re1's interactive session now shows {master}" "{master}" "$(pane_role r1n)"

# --- the old master's manual reboot --------------------------------------------
term_open r0 re0
term_wait r0 "$(prompt_re re0)" || die "no prompt from re0"
assert_eq "re0's interactive session shows {backup}" "{backup}" "$(pane_role r0)"
run_in re0 'yes\n' "request system reboot"
assert_rc "request system reboot + yes exits 0" 0 "${RC[re0]}" "${ERR[re0]}"
assert_lines_in_order "re0 reboot: the seed's shutdown lines" "${OUT[re0]}" \
  "$REBOOT_Q" \
  "*** FINAL System shutdown message from netops@mx480-re0 ***" \
  "System going down IMMEDIATELY" \
  "Shutdown NOW!" \
  "Reboot consistency check bypassed - jinstall 10.3R2.11 will complete installation upon reboot"
assert_match "re0 reboot: [pid N]" "${OUT[re0]}" '^\[pid [0-9]+\]$'
CHECKS=$((CHECKS + 1))
if wait_port re0 refused 5; then
  pass "re0's port refuses connections during its reboot"
  t_down=$PORT_AT
else
  fail "re0's port refuses connections during its reboot" "still accepting 5 s after yes"
fi
roles_are "re0 rebooting" re1 Present Master
run_on re1 "show chassis alarms"
assert_match "re0 rebooting: re1 raises Loss of communication with Backup RE" "${OUT[re1]}" \
  'Minor +Loss of communication with Backup RE$'
if term_wait_dead r0 10; then
  assert_eq "re0's interactive session is dropped by its reboot (255)" 255 "$TERM_RC"
else
  CHECKS=$((CHECKS + 1))
  fail "re0's interactive session is dropped by its reboot" "$(term_screen r0 | tail -n 5)"
fi
CHECKS=$((CHECKS + 1))
if wait_port re0 open 20; then
  pass "re0 accepts again after $((PORT_AT - t_down)) ms"
else
  fail "re0 accepts again after its reboot" "still refused after 20 s"
fi

# --- the switch back: refused during the hold-down, with a countdown ----------
declare -a secs=()
for try in 1 2; do
  run_in re1 'yes\n' "$SWITCH"
  assert_rc "switch back right after re0's reboot, try $try: refused (exit 1)" 1 "${RC[re1]}" "${OUT[re1]}"
  line=${OUT[re1]#"$TOGGLE"}
  assert_match "switch back try $try: Command aborted ... try after N secs." "$line" \
    '^Command aborted\. Not ready for mastership switch, try after [0-9]+ secs\.$'
  secs+=("$(grep -Eo 'try after [0-9]+' <<<"$line" | grep -Eo '[0-9]+$')")
done
CHECKS=$((CHECKS + 1))
if [[ -n ${secs[0]} && -n ${secs[1]} ]] && ((secs[1] < secs[0] && secs[0] <= 240)); then
  pass "the hold-down counts down: ${secs[0]} then ${secs[1]} secs"
else
  fail "the hold-down counts down (N smaller on the retry, at most 240)" "got: ${secs[*]}"
fi
assert_eq "the refused switches moved nothing" 2 "$(ev_count '.event == "mastership"')"

releases_are "re0 rebooted" re1 10.3R2.11 10.3R2.11
run_on re0 "show version"
assert_rc "re0 back: strict ssh works (the same host key)" 0 "${RC[re0]}" "${ERR[re0]}"
assert_eq "re0 back: on 10.3R2.11" 10.3R2.11 "$(release_of "${OUT[re0]}")"
assert_eq "event log: re0's version changed on its reboot" 10.3R2.11 \
  "$(ev_seq '.event == "version" and .re == "re0"' '.version')"

ready=
deadline=$((SECONDS + 20))
while ((SECONDS < deadline)); do
  run_on re1 "$SWITCH check"
  if [[ ${OUT[re1]} == "Switchover Ready" ]]; then
    ready=1
    break
  fi
  sleep 0.1
done
assert_eq "after the hold-down: master switch check says Switchover Ready" 1 "$ready"
run_in re1 'yes\n' "$SWITCH"
assert_rc "switch back after the hold-down: exit 0" 0 "${RC[re1]}" "${OUT[re1]}"
assert_exact "switch back: as real Junos prints it" \
  "$(printf '%s\n' "${TOGGLE}Resolving mastership..." "Complete. The other routing engine becomes the master.")" \
  "${OUT[re1]}"
roles_are "switched back" re0 Master Backup
assert_event "event log: re0 master again by the switch" \
  '.event == "mastership" and .re == "re0" and .role == "master" and (.why | test("switch"))'
term_cmd r1n re1 "show version"
assert_eq "re1's interactive session shows {backup} again" "{backup}" "$(pane_role r1n)"
assert_log_valid
assert_commands_logged
stop_sim_clean "chassis 1"

# =========================================================================
log "chassis 2: 12.3R8.7 -> 13.3R6.5 at --speed 600, the continue question and the reboot option"
start_sim --speed 600 --re0-version 12.3R8.7 --re1-version 12.3R8.7 --package "$PKG13" ||
  die "issu-sim (12.3) does not start"
QUESTION="Do you want to continue with these actions being taken ? [yes,no] (no) "
for answer in 'no\n' ''; do
  what=$(answer_name "$answer")
  run_in re0 "$answer" "$ISSU13"
  assert_rc "12.3, answered $what: exit 1" 1 "${RC[re0]}" "${OUT[re0]}"
  assert_match "12.3, answered $what: stamped [Mon DD HH:MM:SS]:ISSU: Validating Image" \
    "${OUT[re0]}" "^${STAMP}ISSU: Validating Image\$"
  assert_line "12.3, answered $what: validation succeeded first" "${OUT[re0]}" "Validation succeeded"
  assert_eq "12.3, answered $what: the question is the last thing printed" "$QUESTION" \
    "$(tail -n 1 <<<"${OUT[re0]}")"
done
assert_no_event "answered no / end of file: nothing rebooted" '.event == "reboot-start"'
assert_eq "answered no / end of file: both ISSUs stopped" 2 \
  "$(ev_count '.event == "issu" and .milestone == "stopped"')"
releases_are "answered no / end of file" re0 12.3R8.7 12.3R8.7
roles_are "answered no / end of file" re0 Master Backup

t0=$(now_ms)
run_in re0 'yes\n' "$ISSU13 reboot"
wall=$(($(now_ms) - t0))
assert_rc "12.3, answered yes, reboot option: exit 0" 0 "${RC[re0]}" "${OUT[re0]}${ERR[re0]}"
assert_match "12.3: the question, then Preparing Backup RE" "${OUT[re0]}" \
  "^Do you want to continue with these actions being taken \\? \\[yes,no\\] \\(no\\) ${STAMP}ISSU: Preparing Backup RE\$"
body=${OUT[re0]//"(no) "/"(no) "$'\n'}
for l in "ISSU: Validating Image" "ISSU: Preparing Backup RE" " Pushing bundle to re1" \
  " Backup upgrade done" " Rebooting Backup RE" "ISSU: Backup RE Prepare Done" \
  " Waiting for Backup RE reboot" " GRES operational" "ISSU: RE switchover Done" \
  "ISSU: Old Master Upgrade Done" "ISSU: IDLE"; do
  assert_match "12.3: stamped '$l'" "$body" "^${STAMP}${l//./\\.}\$"
done
assert_lines_in_order "12.3 with reboot: switchover, then the old master shuts down" \
  "$(sed -E "s/^${STAMP} ?//" <<<"$body")" \
  "Resolving mastership..." "Complete. The other routing engine becomes the master." \
  "ISSU: RE switchover Done" "ISSU: Upgrading Old Master RE" "ISSU: IDLE" "Shutdown NOW!" \
  "Reboot consistency check bypassed - jinstall 13.3R6.5 will complete installation upon reboot" \
  "*** FINAL System shutdown message from netops@mx480-re0 ***" "System going down IMMEDIATELY"
# The stamps are simulated time: the run is about 40 minutes long whatever
# the speed, and they never go back.  They carry no year: a run across New
# Year reads January as the year after December.
mapfile -t stamps < <(grep -Eo "^${STAMP}" <<<"$body" | tr -d '[]:' |
  { prev=0; while read -r mon day hms; do
      t=$(date -u -d "$mon $day ${hms:0:2}:${hms:2:2}:${hms:4:2}" +%s)
      ((prev - t > 180 * 86400)) && t=$((t + 365 * 86400))
      prev=$t; echo "$t"
    done; })
CHECKS=$((CHECKS + 1))
span=$((${stamps[-1]:-0} - ${stamps[0]:-0}))
sorted=$(printf '%s\n' "${stamps[@]}" | sort -n)
if [[ $sorted == "$(printf '%s\n' "${stamps[@]}")" ]] && ((span >= 30 * 60 && span <= 50 * 60)); then
  pass "12.3: ${#stamps[@]} stamps in order over $((span / 60)) simulated minutes (in $wall ms)"
else
  fail "12.3: stamps in order over about 40 simulated minutes" "span ${span}s" "${stamps[*]}"
fi
CHECKS=$((CHECKS + 1))
if ((wall >= 2000 && wall <= 20000)); then
  pass "--speed 600: the 40-minute run took ${wall} ms of wall time"
else
  fail "--speed 600: the 40-minute run takes about 4 s" "took ${wall} ms"
fi
assert_event "reboot option: re0 reboots itself" '.event == "reboot-start" and .re == "re0"'
CHECKS=$((CHECKS + 1))
if ev_wait '.event == "reboot-done" and .re == "re0"' 20; then
  pass "reboot option: re0 comes back"
else
  fail "reboot option: re0 comes back" "$(tail -n 5 "$SIM_EVENTS")"
fi
wait_port re0 open 10
releases_are "12.3 with reboot" re1 13.3R6.5 13.3R6.5
roles_are "12.3 with reboot" re0 Backup Master
stop_sim_clean "chassis 2"

# =========================================================================
log "chassis 3: no-old-master-upgrade; abort refused once the backup rebooted"
start_sim --speed 600 || die "issu-sim does not start"
bg_ssh issu re0 "$ISSU no-old-master-upgrade"
ev_wait '.event == "reboot-start" and .re == "re1"' 30 || fail "re1 did not reboot" "$(bg_output issu)"
run_on re0 "request system software abort in-service-upgrade"
assert_rc "abort after the backup's upgrade and reboot: refused (exit 1)" 1 "${RC[re0]}" "${OUT[re0]}"
assert_match "abort refused: an error line" "${OUT[re0]}" '^error: '
bg_wait issu 30
assert_rc "no-old-master-upgrade: the ISSU completes anyway (exit 0)" 0 "$BG_RC" "$BG_OUT$BG_ERR"
assert_line "no-old-master-upgrade: switchover done" "$BG_OUT" "ISSU: RE switchover Done"
assert_no_line "no-old-master-upgrade: the old master is not upgraded" "$BG_OUT" \
  "ISSU: Upgrading Old Master RE"
assert_eq "no-old-master-upgrade: ends at ISSU: IDLE" "ISSU: IDLE" "$(tail -n 1 <<<"$BG_OUT")"
roles_are "no-old-master-upgrade" re1 Backup Master
run_in re0 'yes\n' "request system reboot"
assert_line "no-old-master-upgrade: the reboot shuts down" "${OUT[re0]}" "Shutdown NOW!"
assert_no_match "no-old-master-upgrade: no install pending on re0" "${OUT[re0]}" 'Reboot consistency check'
CHECKS=$((CHECKS + 1))
if ev_wait '.event == "reboot-done" and .re == "re0"' 20; then
  pass "no-old-master-upgrade: re0 comes back"
else
  fail "no-old-master-upgrade: re0 comes back" "$(tail -n 5 "$SIM_EVENTS")"
fi
wait_port re0 open 10
releases_are "no-old-master-upgrade after re0's reboot" re1 10.1R1.8 10.3R2.11
assert_no_event "no-old-master-upgrade: no version change on re0" '.event == "version" and .re == "re0"'
stop_sim_clean "chassis 3"

# =========================================================================
log "chassis 4: refusals and answers that change nothing; an early abort"
start_sim --speed 600 --package "$PKG" --package jinstall-9.6R4.4-domestic-signed.tgz ||
  die "issu-sim does not start"
run_on re0 "$SWITCH check"
assert_exact "a settled chassis: Switchover Ready" "Switchover Ready" "${OUT[re0]}"

run_on re1 "$ISSU"
assert_rc "ISSU on the backup: exit 1" 1 "${RC[re1]}" "${OUT[re1]}"
assert_exact "ISSU on the backup: the real error" "$NOT_MASTER" "${OUT[re1]}"
run_on re0 "request system software in-service-upgrade /var/tmp/jinstall-11.4R1.5-domestic-signed.tgz"
assert_rc "missing package: exit 1" 1 "${RC[re0]}" "${OUT[re0]}"
assert_match "missing package: an error naming it" "${OUT[re0]}" \
  '^error: .*jinstall-11\.4R1\.5-domestic-signed\.tgz'
run_on re0 "request system software in-service-upgrade /var/tmp/jinstall-9.6R4.4-domestic-signed.tgz"
assert_rc "downgrade to 9.6R4.4: exit 1" 1 "${RC[re0]}" "${OUT[re0]}"
assert_match "downgrade: refused with an error" "${OUT[re0]}" '^error: .*(downgrade|older)'
assert_no_event "no ISSU was started by those" '.event == "issu"'

for answer in 'no\n' '\n' ''; do
  what=$(answer_name "$answer")
  run_in re0 "$answer" "request system reboot"
  assert_exact "request system reboot answered $what: only the question" "$REBOOT_Q" "${OUT[re0]}"
  run_in re0 "$answer" "$SWITCH"
  assert_exact "master switch answered $what: only the question" "$TOGGLE" "${OUT[re0]}"
done
assert_no_event "no reboot after those answers" '.event == "reboot-start"'
assert_no_event "no mastership change after those answers" '.event == "mastership"'
assert_eq "re0 still accepts connections" open "$(port_state re0)"
roles_are "after the answers" re0 Master Backup

run_on re0 "request system software abort in-service-upgrade"
assert_rc "abort with no ISSU running: exit 1" 1 "${RC[re0]}" "${OUT[re0]}"

t0=$SECONDS
bg_ssh issu re0 "$ISSU"
ev_wait '.event == "issu" and .milestone == "ISSU: Validating Image"' 10 ||
  fail "the ISSU did not start validating" "$(bg_output issu)"
run_on re0 "request system software abort in-service-upgrade"
assert_rc "abort early in the run (another session): exit 0" 0 "${RC[re0]}" "${OUT[re0]}"
bg_wait issu 20
assert_rc "the aborted ISSU command exits 1" 1 "$BG_RC" "$BG_OUT"
assert_no_line "aborted: the backup was never upgraded" "$BG_OUT" "Backup upgrade done"
assert_event "aborted: the event log says so" '.event == "issu" and .milestone == "stopped"'
# Undisturbed, re1 would reboot about 1.6 s after the start at this speed.
CHECKS=$((CHECKS + 1))
if ev_wait '.event == "reboot-start"' $((4 - (SECONDS - t0))); then
  fail "aborted: no reboot of re1 follows" "$(ev_seq '.event == "reboot-start"' '.re')"
else
  pass "aborted: no reboot of re1 follows (waited past when it was due)"
fi
assert_eq "aborted: re1 still accepts connections" open "$(port_state re1)"
releases_are "aborted" re0 10.1R1.8 10.1R1.8
roles_are "aborted" re0 Master Backup
stop_sim_clean "chassis 4"

finish
