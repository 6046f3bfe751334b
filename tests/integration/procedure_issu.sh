#!/usr/bin/env bash
# The ISSU procedure end to end against issu-sim at high speed, driven by
# `issu-console run` (plain line mode) with scripted operator answers: the
# seed path 10.1R1.8 -> 10.3R2.11 with switch-back, refusals that send
# nothing, resume from each phase the console derives, and the records.
# What the console sent is asserted on the simulator's event log, not on
# what the console says it did.
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SPEED=300
SECRET='Pw-7f3kQ-not-in-any-record'

# The commands that change a router, in the order the simulator got them
# (after MARK lines of the log when given).
changes()
{
  local mark=${1:-0}
  ev_seq '.event == "command" and (.text | test("^(request system (software in-service-upgrade|reboot)|request chassis routing-engine master switch$|configure|commit|set )"))' \
    '"\(.re) \(.text)"' | tail -n +"$((mark + 1))"
}

sim()
{
  start_sim --speed "$SPEED" --password "$SECRET" "$@" || die "issu-sim does not start"
  SIM_PASSWORD=$SECRET   # for lib.sh's own ssh logins
}

# --- plan: the steps and exact commands, nothing changed --------------------
log "plan on a chassis without NSR: the fix's lines, each step's RE and command"
sim --without nsr
CONF=$TEST_TMP/plan.conf
console_conf "$CONF"
OUT=$(timeout 60 "$CONSOLE" plan -c "$CONF" 2>&1)
RC=$?
assert_rc "plan exits 0 when it read the router" 0 "$RC" "$OUT"
assert_contains "the header tells the REs apart by their ports" "$OUT" \
  "Plan for lab (re0 127.0.0.1:${SIM_PORT[re0]}, re1 127.0.0.1:${SIM_PORT[re1]})"
assert_contains "the missing NSR is a failed check" "$OUT" \
  "[fail   ] NSR configured                     routing-options nonstop-routing is not configured"
assert_lines_in_order "the fix step: on re0, the exact lines" "$OUT" \
  "  3. Fix prerequisites" "     on re0, confirmation:" "       configure" \
  "       set routing-options nonstop-routing" "       commit synchronize"
assert_lines_in_order "the upgrade on the master, typed" "$OUT" "  4. Upgrade (ISSU)" \
  "     on re0, typed confirmation:" \
  "       request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"
assert_lines_in_order "the reboot on the old master, typed" "$OUT" "  6. Reboot old master" \
  "     on re0, typed confirmation:" "       request system reboot"
assert_contains "the switch-back says it is optional and how it is decided" "$OUT" \
  "  8. Switch back  (optional; switch_back = ask: the console asks whether, y/N)"
assert_not_contains "eight steps, as the console numbers them" "$OUT" "9. "
assert_eq "no line ends in spaces" 0 "$(grep -c ' $' <<<"$OUT")"
assert_contains "it says nothing was changed" "$OUT" "Nothing was changed on the router."
assert_exact "and the simulator got no changing command" "" "$(changes)"
stop_sim

# --- the seed path ---------------------------------------------------------
log "seed path: 10.1R1.8 -> 10.3R2.11, old master rebooted, switched back"
sim
CONF=$TEST_TMP/seed.conf
console_conf "$CONF"
console_run "" re0 "" re0 "" y re1
assert_rc "the run exits 0 when the ISSU is complete" 0 "$RC" "$OUT"
assert_contains "the end says ISSU complete with both releases" "$OUT" "ISSU complete: 10.1R1.8 -> 10.3R2.11"
assert_contains "the upgrade's confirmation names re0 by slot, hostname, address:port, role" \
  "$OUT" "Upgrade: run on re0 (mx480-re0, 127.0.0.1:${SIM_PORT[re0]}, master):"
assert_not_contains "10.x asks no continue question, so none is answered" "$OUT" \
  'answered yes (your typed confirmation covered it)'
assert_lines_in_order "the upgrade's sub-phases in order" "$(sed 's/^\[[0-9:]*\] //' <<<"$OUT")" \
  "Upgrade: image validated" "Upgrade: backup upgraded" "Upgrade: backup rebooting" \
  "Upgrade: GRES operational" "Upgrade: switchover"
assert_exact "exactly the three changes, each on the right RE, in order" \
  "$(printf '%s\n' \
    're0 request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz' \
    're0 request system reboot' \
    're1 request chassis routing-engine master switch')" "$(changes)"
roles_are "after the switch-back" re0 Master Backup
releases_are "after the ISSU" re0 10.3R2.11 10.3R2.11
# The reboot went to re0 only after the switchover made it backup.
up=$(ev_line '.event == "mastership"')
rb=$(ev_line '.event == "command" and .text == "request system reboot"')
if [[ -n $up && -n $rb ]] && ((up < rb)); then
  pass "the old master was rebooted after mastership moved (line $up < $rb)"
else
  fail "reboot after the switchover" "mastership line < reboot line" "$up / $rb"
fi
tr=$(sed -n 's/^Transcript: //p' <<<"$OUT" | tail -n 1)
cr=$(sed -n 's/^Change record: //p' <<<"$OUT" | tail -n 1)
if [[ -s $tr ]]; then pass "the transcript was written ($tr)"; else fail "transcript" "a file" "$tr"; fi
assert_match "the transcript has what was sent to re0" "$(cat "$tr" 2>/dev/null)" \
  're0 > request system software in-service-upgrade'
assert_match "the transcript has what re1 printed" "$(cat "$tr" 2>/dev/null)" 're1 < .*mx480-re1'
assert_match "the transcript has Junos' question and the answer typed" \
  "$(cat "$tr" 2>/dev/null)" 're0 > yes'
assert_contains "the change record says ISSU complete" "$(cat "$cr" 2>/dev/null)" "ISSU complete"
assert_contains "the change record has the releases" "$(cat "$cr" 2>/dev/null)" \
  "| Release after | 10.3R2.11 |"
assert_contains "the change record has the prerequisite table" "$(cat "$cr" 2>/dev/null)" \
  "| GRES configured | pass |"
for f in "$tr" "$cr" "$TEST_TMP/run$SIM_COUNT.out"; do
  assert_not_contains "the password is in no record ($(basename "$f"))" "$(cat "$f" 2>/dev/null)" "$SECRET"
done
stop_sim_clean "scenario 1"

# --- refusals send nothing -------------------------------------------------
log "refused confirmations: wrong slot, upper case, the other RE, empty, then quit"
sim
CONF=$TEST_TMP/refuse.conf
console_conf "$CONF"
console_run "" re1 "" RE0 "" "re0 " "" "" q
assert_rc "quitting before the end exits 1" 1 "$RC" "$OUT"
assert_eq "five refusals said so" 4 "$(grep -c 'Not confirmed: nothing was sent to re0' <<<"$OUT")"
assert_exact "no change reached the router" "" "$(changes)"
releases_are "nothing upgraded" re0 10.1R1.8 10.1R1.8
stop_sim_clean "scenario 2"

log "end of input at the confirmation refuses it"
sim
CONF=$TEST_TMP/eof.conf
console_conf "$CONF"
console_run ""
assert_rc "exits 1" 1 "$RC" "$OUT"
assert_exact "no change reached the router" "" "$(changes)"
stop_sim_clean "scenario 3"

# --- Junos' own question ---------------------------------------------------
log "12.3R8.7 -> 13.3R6.5: Junos asks to continue after validation"
sim --re0-version 12.3R8.7 --re1-version 12.3R8.7 --package jinstall-13.3R6.5-export-signed.tgz
CONF=$TEST_TMP/q.conf
console_conf "$CONF"
sed -i 's|jinstall-10.3R2.11-domestic-signed.tgz|jinstall-13.3R6.5-export-signed.tgz|' "$CONF"
console_run "" re0 "" re0 "" y re1
assert_rc "the ISSU completes" 0 "$RC" "$OUT"
assert_contains "Junos' question was answered by the console, and it said so" "$OUT" \
  'answered yes (your typed confirmation covered it)'
assert_event "the simulator got the answer yes" '.event == "answer" and .text == "yes" and .re == "re0"'
releases_are "after the ISSU" re0 13.3R6.5 13.3R6.5
stop_sim_clean "12.3 -> 13.3"

# --- resume from each phase -------------------------------------------------
log "resume: old-master reboot pending (an ISSU finished without the console)"
sim
CONF=$TEST_TMP/resume1.conf
console_conf "$CONF"
bg_ssh done1 re0 "request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz" 'yes\n'
bg_wait done1 60
assert_rc "the ISSU run by hand completes" 0 "$BG_RC" "$BG_OUT $BG_ERR"
mark=$(changes | wc -l)
console_run "" no "" re0 "" n
assert_contains "the phase is derived" "$OUT" "Phase: old-master-reboot-pending"
assert_contains "\"no\" at the reboot confirmation sends nothing" "$OUT" \
  "Not confirmed: nothing was sent to re0"
assert_rc "done when switch-back is declined" 0 "$RC" "$OUT"
assert_contains "declining the switch-back is said" "$OUT" "the operator chose not to switch back"
assert_exact "the console sent only the reboot of re0" "re0 request system reboot" \
  "$(changes "$mark")"
releases_are "both on the target" re1 10.3R2.11 10.3R2.11
roles_are "re1 stays master" re1 Backup Master
stop_sim_clean "scenario 4"

log "resume: switch-back pending (both on 10.3R2.11, re1 master)"
sim --master re1 --re0-version 10.3R2.11 --re1-version 10.3R2.11
CONF=$TEST_TMP/resume2.conf
console_conf "$CONF" "" 'switch_back = "always";'
console_run "" re1
assert_contains "the phase is derived" "$OUT" "Phase: switch-back-pending"
assert_rc "done" 0 "$RC" "$OUT"
assert_exact "only the switch, on re1" "re1 request chassis routing-engine master switch" "$(changes)"
roles_are "re0 master again" re0 Master Backup
stop_sim_clean "scenario 5"

log "resume: done (both on 10.3R2.11, re0 master)"
sim --re0-version 10.3R2.11 --re1-version 10.3R2.11
CONF=$TEST_TMP/resume3.conf
console_conf "$CONF"
console_run
assert_contains "the phase is derived" "$OUT" "Phase: done"
assert_rc "nothing to do is success" 0 "$RC" "$OUT"
assert_exact "nothing sent" "" "$(changes)"
stop_sim_clean "scenario 6"

log "resume: an ISSU already running (started by someone else)"
sim
CONF=$TEST_TMP/resume4.conf
console_conf "$CONF" "" 'switch_back = "never";'
bg_ssh other re0 "request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz" 'yes\n'
ev_wait '.event == "reboot-start"' 60 || fail "the other operator's ISSU started" "a reboot" "$(bg_output other)"
console_run "" re0
assert_contains "the phase is derived" "$OUT" "Phase: upgrading"
assert_contains "it follows the ISSU to the switchover" "$OUT" "switchover done (seen by reading the router)"
assert_rc "done after the reboot of the old master" 0 "$RC" "$OUT"
assert_exact "the console sent only the reboot of re0" \
  "$(printf '%s\n' 're0 request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz' 're0 request system reboot')" \
  "$(changes)"
stop_sim_clean "scenario 7"

finish
