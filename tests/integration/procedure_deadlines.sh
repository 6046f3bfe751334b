#!/usr/bin/env bash
# Deadlines everywhere (issue 12, "Silent hangs"): an RE that goes silent
# with nothing closed (a black hole made by the fault proxy between the
# console and issu-sim) is found by the keepalives and ends in a stop that
# names the RE and the command and says what to check, within about
# (server_alive_count_max + 1) * server_alive_interval; `q` in `run` leaves
# while the console waits on the router; a password_command that never
# ends, or never stops printing, is ended within its limit.  The
# simulator's event log says what the console sent and when to stall.
# OUT and RC are lib.sh's arrays for run_on, used here as strings as
# console_run does (SC2128, SC2178); jq programs are single-quoted on
# purpose (SC2016).
# shellcheck disable=SC2128,SC2178,SC2016
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SPEED=300
ISSU_CMD='request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz'
# Small keepalive settings keep the test short: silence is found after
# (2 + 1) * 1 s, plus up to one interval of phase.
# (Both settings can be emptied from the environment, to run this test
# against a console that predates them.)
: "${ALIVE=server_alive_interval = 1; server_alive_count_max = 2;}"
: "${PW_LIMIT=password_command_timeout = 2;}"
DETECT_LIMIT_MS=8000

# deadline_sim WHY SIM-ARGS...: a simulator, the proxy in front of it, and a
# configuration that reaches it through the proxy with small keepalives.
deadline_sim()
{
  log "$1"
  shift
  start_sim --speed "$SPEED" "$@" || die "issu-sim does not start"
  start_proxy
  CONF=$TEST_TMP/c$SIM_COUNT.conf
  console_conf "$CONF"
  proxy_conf "$CONF"
  sed -i -e "s/connect_timeout = 5;/connect_timeout = 5; $ALIVE/" "$CONF"
}

# run_start: `issu-console run` in the background, its input a FIFO this
# script writes to (run_type), its output in $RUN_OUT.
run_start()
{
  RUN_IN=$TEST_TMP/in$SIM_COUNT
  RUN_OUT=$TEST_TMP/run$SIM_COUNT.out
  mkfifo "$RUN_IN"
  exec 7<>"$RUN_IN"
  # 7>&-: the console must not hold a writer of its own input, or it would
  # never see its end.
  "$CONSOLE" run -c "$CONF" --quiet --time-scale "$SPEED" <"$RUN_IN" >"$RUN_OUT" 2>&1 7>&- &
  RUN_PID=$!
  BG_PIDS+=("$RUN_PID")
}

run_type() { printf '%s\n' "$1" >&7; }

# run_wait PATTERN SECONDS: until the run's output matches (grep -E).
run_wait()
{
  local start=$SECONDS
  until grep -Eq -- "$1" "$RUN_OUT"; do
    ((SECONDS - start >= $2)) && return 1
    sleep 0.05
  done
}

# run_end: closes the input (end of input quits at a prompt) and waits.
run_end()
{
  exec 7>&-
  wait_exit "$RUN_PID" 30
  RC=$WAIT_RC
  _forget_bg "$RUN_PID"
  OUT=$(cat "$RUN_OUT")
  CHECKS=$((CHECKS + 1))
  if ((RC == 124)); then
    fail "the run did not leave at the end of its input" "$(tail -n 5 "$RUN_OUT")"
  else
    pass "the run left at the end of its input (exit $RC)"
  fi
}

# stop_within WHAT MS: the run printed a stop within MS of $T0.
stop_within()
{
  local what=$1 limit=$2 took
  CHECKS=$((CHECKS + 1))
  if run_wait 'STOPPED at step' $(((limit + 999) / 1000 + 1)); then
    took=$(($(now_ms) - T0))
    if ((took <= limit)); then
      pass "$what: a stop after ${took} ms (limit ${limit} ms)"
    else
      fail "$what: the stop came after ${took} ms (limit ${limit} ms)"
    fi
  else
    fail "$what: no stop within ${limit} ms" "$(tail -n 20 "$RUN_OUT")"
  fi
}

changes()
{
  ev_seq '.event == "command" and (.text | test("^(request system (software in-service-upgrade|reboot)|request chassis routing-engine master switch$)"))' \
    '"\(.re) \(.text)"'
}

# still_running "CMD ARGS": a process runs with exactly that command line.
still_running()
{
  local f want
  local -a words
  read -ra words <<<"$1"
  want=$(printf '%s\0' "${words[@]}" | tr '\0' '\1')
  for f in /proc/[0-9]*/cmdline; do
    [[ $(tr '\0' '\1' 2>/dev/null <"$f") == "$want" ]] && return 0
  done
  return 1
}

# last_session RE: the highest session number the RE has logged in so far.
last_session()
{
  jq -n --arg re "$1" '[inputs | select(.event == "auth" and .ok == true and .re == $re) | .session] | max // 0' "$SIM_EVENTS"
}

logins() { ev_count '.event == "auth" and .ok == true and .re == $re' --arg re "$1"; }

# --- a black hole mid-read: the stop names the RE and the command ----------
deadline_sim "a stall mid-read in run"
# Slow enough that the read is caught with its answer in flight.
proxy_cmd "delay 300"
run_start
ev_wait '.event == "command" and .re == "re0" and .text == "show version"' 20 ||
  fail "re0 was never asked show version"
proxy_cmd "stall re0"
T0=$(now_ms)
stop_within "stall mid-read" "$DETECT_LIMIT_MS"
run_end
assert_match "stall mid-read: the stop names the RE" "$OUT" 're0 \([^)]*127\.0\.0\.1:[0-9]+[^)]*\) went silent'
assert_match "stall mid-read: and the command in flight" "$OUT" 'went silent: .*(while )?running: show '
assert_contains "stall mid-read: and what to check" "$OUT" "Check the management link to re0"
assert_contains "stall mid-read: and whether it is hung" "$OUT" "whether the RE is hung"
assert_exact "stall mid-read: nothing changing was sent" "" "$(changes)"
stop_proxy
stop_sim_clean "stall mid-read"

# --- a black hole right after `request system reboot` ----------------------
# The ISSU runs to its end; the reboot of the old master is confirmed; the
# proxy stalls re0 as soon as the simulator has the command, before it
# could answer.  The stop must come within the keepalive limit (not the
# 60 simulated minutes of old_master_reboot) and say what was seen.
deadline_sim "a stall right after request system reboot"
run_start
run_wait 'Enter: start it' 20 || fail "no start prompt" "$(cat "$RUN_OUT")"
run_type ""
run_wait 'Type re0 to confirm' 20 || fail "no ISSU confirmation" "$(tail "$RUN_OUT")"
run_type re0
run_wait 'Next: step 6/8' 90 || fail "the ISSU did not end" "$(tail -n 30 "$RUN_OUT")"
run_type ""
run_wait 'Reboot the old master: run on re0' 30 ||
  fail "no reboot confirmation" "$(tail -n 30 "$RUN_OUT")"
(ev_wait '.event == "command" and .re == "re0" and .text == "request system reboot"' 60 &&
  proxy_cmd "stall re0") 7>&- &
STALLER=$!
BG_PIDS+=("$STALLER")
run_type re0
wait "$STALLER"
_forget_bg "$STALLER"
T0=$(now_ms)
stop_within "stall after reboot" "$DETECT_LIMIT_MS"
run_end
assert_match "stall after reboot: the stop names the RE and the command" "$OUT" \
  're0 \([^)]*\) went silent: .*while running: request system reboot'
assert_match "stall after reboot: says what was and was not seen" "$OUT" \
  'Seen before that: .*; (no answer was typed|the console had typed its answer)'
assert_no_match "stall after reboot: not taken for a reboot done" "$OUT" 'Reboot old master: done'
stop_proxy
stop_sim_clean "stall after reboot"

# --- a black hole right after the switch-back's command -------------------
# Both REs on the target, re1 master: the switch-back is all that is left.
# The proxy stalls re1 as soon as the simulator has the switch command: the
# stop must come within the keepalive limit (not the switch's hold-down
# limit), name re1 and the command, and never say mastership moved.
log "a stall right after request chassis routing-engine master switch"
start_sim --speed "$SPEED" --master re1 --re0-version 10.3R2.11 \
  --re1-version 10.3R2.11 || die "issu-sim does not start"
start_proxy
CONF=$TEST_TMP/c$SIM_COUNT.conf
console_conf "$CONF" "" 'switch_back = "always";'
proxy_conf "$CONF"
sed -i -e "s/connect_timeout = 5;/connect_timeout = 5; $ALIVE/" "$CONF"
run_start
run_wait 'Enter: start it' 20 || fail "no start prompt" "$(cat "$RUN_OUT")"
run_type ""
run_wait 'Type re1 to confirm' 30 || fail "no switch confirmation" "$(tail -n 30 "$RUN_OUT")"
(ev_wait '.event == "command" and .re == "re1" and .text == "request chassis routing-engine master switch"' 60 &&
  proxy_cmd "stall re1") 7>&- &
STALLER=$!
BG_PIDS+=("$STALLER")
run_type re1
wait "$STALLER"
_forget_bg "$STALLER"
T0=$(now_ms)
stop_within "stall after switch" "$DETECT_LIMIT_MS"
run_end
assert_match "stall after switch: the stop names the RE and the command" "$OUT" \
  're1 \([^)]*\) went silent: .*while running: request chassis routing-engine master switch'
assert_no_match "stall after switch: not taken for a switch done" "$OUT" 'Switch back: done'
assert_no_match "stall after switch: not called a refusal" "$OUT" 're1 refused the switch'
stop_proxy
stop_sim_clean "stall after switch"

# --- keep following after a black-holed master -----------------------------
# The ISSU's own command on re0 goes silent: the keepalives end that
# session; Enter reads the router again on a new session (a new login on
# re0 in the event log) instead of waiting on the dead one.
deadline_sim "keep following after a black-holed master"
run_start
run_wait 'Enter: start it' 20 || fail "no start prompt" "$(cat "$RUN_OUT")"
run_type ""
run_wait 'Type re0 to confirm' 20 || fail "no ISSU confirmation"
run_type re0
ev_wait '.event == "command" and .re == "re0" and .text == $c' 20 --arg c "$ISSU_CMD" ||
  fail "the ISSU was not sent"
proxy_cmd "stall re0"
T0=$(now_ms)
stop_within "black-holed master" "$DETECT_LIMIT_MS"
assert_match "black-holed master: the stop names the ISSU's command" "$(cat "$RUN_OUT")" \
  're0 \([^)]*\) went silent: .*while running: request system software in-service-upgrade'
BEFORE=$(logins re0)
OLDSESSION=$(last_session re0)
proxy_cmd "resume re0"
run_type ""
CHECKS=$((CHECKS + 1))
if ev_wait '.event == "auth" and .ok == true and .re == "re0"' 1 && (($(logins re0) > BEFORE)) ||
  { sleep 10; (($(logins re0) > BEFORE)); }; then
  pass "keep following: a new login on re0 (fresh session)"
else
  fail "keep following: no new login on re0 after Enter" "$(tail -n 20 "$RUN_OUT")"
fi
assert_event "keep following: the router is read afresh on the new session" \
  '.event == "command" and .re == "re0" and .session > ($s | tonumber) and (.text | test("^show (version|chassis routing-engine)"))' \
  --arg s "$OLDSESSION"
run_end
stop_proxy
stop_sim_clean "keep following"

# --- keep following, keepalives off: the offer reads on a new session ------
# With server_alive_interval = 0 nothing finds the dead session; the ISSU's
# limit stops the run with the offer to keep following it.  Taking it must
# not wait on that session again: a new login on re0, and the router read
# on it.  `hang` kills the existing sessions only; new ones pass.
SPEED_SAVED=$SPEED
SPEED=60
deadline_sim "keep following with keepalives off"
sed -i -e 's/server_alive_interval = [0-9]*;/server_alive_interval = 0;/' \
  -e 's/issu = 120;/issu = 1;/' "$CONF"
run_start
run_wait 'Enter: start it' 20 || fail "no start prompt" "$(cat "$RUN_OUT")"
run_type ""
run_wait 'Type re0 to confirm' 20 || fail "no ISSU confirmation"
run_type re0
ev_wait '.event == "command" and .re == "re0" and .text == $c' 20 --arg c "$ISSU_CMD" ||
  fail "the ISSU was not sent"
proxy_cmd "hang re0"
run_wait 'keep following it' 20
assert_rc "keepalives off: the ISSU's limit offers to keep following" 0 $? "$(tail -n 20 "$RUN_OUT")"
BEFORE=$(logins re0)
OLDSESSION=$(last_session re0)
run_type ""
CHECKS=$((CHECKS + 1))
START=$SECONDS
until (($(logins re0) > BEFORE)) || ((SECONDS - START > 15)); do sleep 0.1; done
if (($(logins re0) > BEFORE)); then
  pass "keepalives off: keep following logs in to re0 afresh"
else
  fail "keepalives off: keep following waited on the dead session (no new login on re0)" \
    "$(tail -n 20 "$RUN_OUT")"
fi
assert_event "keepalives off: the router is read on the new session" \
  '.event == "command" and .re == "re0" and .session > ($s | tonumber)' --arg s "$OLDSESSION"
run_end
stop_proxy
stop_sim_clean "keep following, keepalives off"
SPEED=$SPEED_SAVED

# --- alive but quiet: never taken for silence ---------------------------------
# Keepalives answered keep an RE that has nothing to say (a prompt left
# open between commands; the ISSU's command quiet for minutes) connected,
# even with the most eager settings.
SPEED_SAVED=$SPEED
SPEED=20
ALIVE_SAVED=$ALIVE
ALIVE='server_alive_interval = 1; server_alive_count_max = 1;'
deadline_sim "alive but quiet"
run_start
run_wait 'Enter: start it' 20 || fail "no start prompt" "$(cat "$RUN_OUT")"
sleep 5
assert_not_contains "alive but quiet: idle sessions at a prompt stay connected" \
  "$(cat "$RUN_OUT")" "went silent"
run_type ""
run_wait 'Type re0 to confirm' 20 || fail "no ISSU confirmation"
run_type re0
ev_wait '.event == "command" and .re == "re0" and .text == $c' 20 --arg c "$ISSU_CMD" ||
  fail "the ISSU was not sent"
sleep 6
assert_not_contains "alive but quiet: the ISSU's quiet command stays connected" \
  "$(cat "$RUN_OUT")" "went silent"
assert_no_match "alive but quiet: no stop" "$(cat "$RUN_OUT")" "STOPPED"
# Leaving mid-change: q, and q again when asked.
run_type q
run_type q
run_end
stop_proxy
stop_sim_clean "alive but quiet"
ALIVE=$ALIVE_SAVED
SPEED=$SPEED_SAVED

# --- q in run while the console waits on the router ------------------------
deadline_sim "q in run while waiting"
run_start
run_wait 'Enter: start it' 20 || fail "no start prompt"
run_type ""
run_wait 'Type re0 to confirm' 20 || fail "no ISSU confirmation"
run_type re0
ev_wait '.event == "command" and .re == "re0" and .text == $c' 20 --arg c "$ISSU_CMD" ||
  fail "the ISSU was not sent"
# A silent master: the console waits (nothing to read), as it would for
# the minutes of the backup's reboot.
proxy_cmd "delay 100000"
run_type q
run_wait 'Type q again to leave' 5
assert_rc "q while waiting: leaving mid-change asks first" 0 $? "$(tail -n 5 "$RUN_OUT")"
T0=$(now_ms)
run_type q
wait_exit "$RUN_PID" 5
TOOK=$(($(now_ms) - T0))
CHECKS=$((CHECKS + 1))
if ((WAIT_RC != 124 && TOOK < 3000)); then
  pass "q while waiting: the run left after ${TOOK} ms"
else
  fail "q while waiting: the run did not leave (exit $WAIT_RC after ${TOOK} ms)" "$(tail -n 10 "$RUN_OUT")"
fi
_forget_bg "$RUN_PID"
exec 7>&-
RECORD=$(sed -n 's/^Change record: //p' "$RUN_OUT" | head -n 1)
assert_contains "q while waiting: the change record says the console was left mid-change" \
  "$(cat "$RECORD" 2>/dev/null)" "the operator left the console at step 4/8"
stop_proxy
stop_sim_clean "q while waiting"

# --- password_command that never ends, or never stops printing -------------
log "password_command limits"
start_sim --speed "$SPEED" || die "issu-sim does not start"
for cmd in "sleep 1000" "yes netops"; do
  CONF=$TEST_TMP/pw.conf
  console_conf "$CONF"
  sed -i -e "s/password_command = \"echo $SIM_PASSWORD\";/password_command = \"$cmd\"; $PW_LIMIT/" "$CONF"
  T0=$(now_ms)
  OUT=$(timeout 30 "$CONSOLE" status -c "$CONF" 2>&1)
  RC=$?
  TOOK=$(($(now_ms) - T0))
  CHECKS=$((CHECKS + 1))
  if ((RC != 124 && TOOK < 6000)); then
    pass "password_command '$cmd': status ended after ${TOOK} ms"
  else
    fail "password_command '$cmd': status hung (exit $RC after ${TOOK} ms)" "$OUT"
  fi
  if [[ $cmd == sleep* ]]; then
    assert_contains "password_command '$cmd': a clear error" "$OUT" \
      "password_command: sleep gave no line within 2 s"
  else
    # Its first line is the password: the login works.
    assert_contains "password_command '$cmd': the first line is the password" "$OUT" "re0"
    assert_not_contains "password_command '$cmd': no error" "$OUT" "password_command:"
  fi
  assert_not_contains "password_command '$cmd': its output never shown" "$OUT" "netops
netops"
  CHECKS=$((CHECKS + 1))
  if still_running "$cmd"; then
    fail "password_command '$cmd': still running after status ended"
  else
    pass "password_command '$cmd': ended"
  fi
done
stop_sim_clean "password_command"

finish
