#!/usr/bin/env bash
# `issu-console run` reading its answers (issue 12 points 7 and 8): type-ahead
# far beyond the line buffer (lines of 100 KB) is read whole and refused, never
# cut into pieces that could each pass for an answer, and the answers after it
# are used as usual; at "Enter: start it" only an empty line starts the step.
# What reached the router is judged on the simulator's event log.
# console_run sets OUT, which lib.sh also declares as run_on's array (SC2128);
# jq programs are single-quoted on purpose (SC2016).
# shellcheck disable=SC2128,SC2016
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

SPEED=300
ISSU_CMD='request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz'
LONG_SAID='(a line longer than 4095 characters was not read as an answer'

changes()
{
  ev_seq '.event == "command" and (.text | test("^(request system (software in-service-upgrade|reboot)|request chassis routing-engine master switch$|configure|commit|set )"))' \
    '"\(.re) \(.text)"'
}

case_sim()
{
  log "$1"
  start_sim --speed "$SPEED" || die "issu-sim does not start"
  CONF=$TEST_TMP/c$SIM_COUNT.conf
  console_conf "$CONF"
}

# --- "Enter: start it" wants Enter -----------------------------------------
case_sim "no, then re0 at 'Enter: start it': neither starts the upgrade"
console_run no re0
assert_rc "the run leaves at the end of its input" 1 "$RC" "$OUT"
assert_exact "no changing command reached the router" "" "$(changes)"
assert_not_contains "the upgrade's confirmation was never asked" "$OUT" "Type re0 to confirm"
assert_eq "each line was answered with what is expected, once" 2 \
  "$(grep -c '^Not started: an empty line (Enter) starts the step, ? explains, q quits\.$' <<<"$OUT")"
assert_eq "and the prompt was shown again (not after the input ended)" 2 \
  "$(grep -o 'Enter: start it' <<<"$OUT" | wc -l)"
stop_sim_clean "start-it refusals"

case_sim "quit at 'Enter: start it' leaves as q does"
console_run quit
assert_rc "quit leaves (exit 1, nothing done)" 1 "$RC" "$OUT"
assert_not_contains "quit is not answered as a wrong line" "$OUT" "Not started:"
assert_exact "nothing was sent" "" "$(changes)"
stop_sim_clean "quit"

# --- type-ahead far beyond the buffer --------------------------------------
case_sim "100 KB lines typed ahead at the upgrade's typed confirmation"
pad=$(head -c 100000 /dev/zero | tr '\0' x)
max=$(head -c 4095 /dev/zero | tr '\0' x)
# re0 then junk, junk then re0, a line of exactly the longest length, then the
# real answers; q at the reboot step's prompt.
console_run "" "re0$pad" "" "${pad}re0" "" "$max" "" re0 "${pad}" q
assert_exact "only the upgrade, sent once, on re0" "re0 $ISSU_CMD" "$(changes)"
assert_eq "the two over-long lines at the confirmation were refused, saying so" 2 \
  "$(grep -cF "$LONG_SAID: not confirmed, nothing was sent)" <<<"$OUT")"
assert_eq "the one at 'Enter: start it' was said and started nothing" 1 \
  "$(grep -cF "quit > $LONG_SAID)" <<<"$OUT")"
assert_eq "three refusals at the confirmation: two long lines, one of 4095 characters" 3 \
  "$(grep -c 'Not confirmed: nothing was sent to re0' <<<"$OUT")"
assert_eq "the line of 4095 characters was read whole, as typed" 1 \
  "$(grep -c "refuses): $max\$" <<<"$OUT")"
assert_eq "no piece of a long line was read as an answer: two answers, the 4095 and re0" 2 \
  "$(grep -c 'Operator answered' <<<"$OUT")"
assert_match "the upgrade went on after the refusals" "$OUT" 'Upgrade: switchover'
assert_match "the run got to the reboot step" "$OUT" 'Next: step 6/8 Reboot old master'
assert_match "and left there on q" "$OUT" 'Enter: start it   \?: explain   q: quit > q$'
assert_rc "and left with exit 1 (not complete)" 1 "$RC" "$OUT"
stop_sim_clean "type-ahead"

finish
