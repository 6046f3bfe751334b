#!/bin/bash
#
# sim_exec_slow_close.sh - a client slow to close a finished exec channel
# (issue 12 point 9).  Like sshd on a real Junos RE, issu-sim waits for the
# client's CHANNEL_CLOSE however long it takes, and a question asked on a
# later channel of the same connection waits for its answer: the slow client
# (tests/tools/sim_slow_client) holds `show version` open for 4 s, then asks
# `request system reboot`, sees Junos' question and answers yes, and the
# event log shows the answer and the reboot.  The wait still ends at once
# when the RE reboots, when the client goes away and when the simulator
# stops.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

: "${SIM_SLOW_CLIENT:=$TOP_DIR/tests/tools/sim_slow_client}"
[[ -x $SIM_SLOW_CLIENT ]] || die "no $SIM_SLOW_CLIENT (make check builds it)"

QUESTION='Reboot the system ? [yes,no] (no)'

# slow RE HOLD_MS [ARGS...] FIRST SECOND: the slow client against RE.
slow()
{
  local re=$1 hold=$2
  shift 2
  timeout -k 5 60 "$SIM_SLOW_CLIENT" -p "${SIM_PORT[$re]}" -k "$SIM_KH" \
    -u "$SIM_USER" -w "$SIM_PASSWORD" -d "$hold" "$@"
}

# slow_bg RE HOLD_MS [ARGS...] FIRST SECOND: the same in the background (run
# with &); the client is the background process itself, so that killing $!
# kills the client.
slow_bg()
{
  local re=$1 hold=$2
  shift 2
  exec "$SIM_SLOW_CLIENT" -p "${SIM_PORT[$re]}" -k "$SIM_KH" \
    -u "$SIM_USER" -w "$SIM_PASSWORD" -d "$hold" "$@"
}

# session_of RE TEXT: the session id of the last command TEXT on RE.
session_of()
{
  ev_seq ".event == \"command\" and .re == \"$1\" and .text == \"$2\"" '.session' | tail -n 1
}

# =========================================================================
log "a channel held open 4 s after its output, then a question on the next"
start_sim || die "issu-sim does not start"

out=$(slow re1 4000 -a yes 'show version' 'request system reboot' 2>&1)
rc=$?
assert_rc "the slow client ran both channels" 0 "$rc" "$out"
assert_lines_in_order "channel 1 answered show version, exit 0" "$out" \
  "=== channel 1 ===" "Hostname: mx480-re1" "=== channel 1: exit 0 ==="
assert_contains "channel 2 asked Junos' question" "$out" "$QUESTION"
sid=$(session_of re1 'request system reboot')
assert_eq "both commands came over one connection" "$(session_of re1 'show version')" "$sid"
assert_event "the answer yes reached re1" \
  '.event == "answer" and .re == "re1" and .text == "yes" and .session == ($s | tonumber)' \
  --arg s "${sid:-0}"
assert_no_event "no empty answer was taken for the question" \
  '.event == "answer" and .re == "re1" and .text == ""'
assert_event "re1 rebooted" '.event == "reboot-start" and .re == "re1"'
stop_sim_clean "after the slow client's reboot"

# =========================================================================
log "a client still holding its finished channel: the RE reboots"
start_sim || die "issu-sim does not start"
slow_bg re1 60000 'show version' 'show version' >"$TEST_TMP/held.out" 2>&1 &
held=$!
BG_PIDS+=("$held")
ev_wait '.event == "command" and .re == "re1" and .text == "show version"' "$SIM_WAIT" ||
  fail "the holding client's show version never reached re1"
held_sid=$(session_of re1 'show version')
out=$(slow re1 0 -a yes 'show version' 'request system reboot' 2>&1)
assert_contains "another client asked for the reboot and was asked" "$out" "$QUESTION"
assert_event "re1 rebooted" '.event == "reboot-start" and .re == "re1"'
CHECKS=$((CHECKS + 1))
if ev_wait ".event == \"session-close\" and .session == ${held_sid:-0}" 10; then
  pass "the held session ended when re1 went down"
else
  fail "the held session ended when re1 went down" "$(tail -n 10 "$SIM_EVENTS")"
fi
assert_eq "it ended as cut" "cut" \
  "$(ev_seq ".event == \"session-close\" and .session == ${held_sid:-0}" '.reason')"
kill "$held" 2>/dev/null
wait_exit "$held" 5
_forget_bg "$held"
assert_sim_alive "after a reboot under a held channel"
stop_sim_clean "after a reboot under a held channel"

# =========================================================================
log "a client holding its finished channel goes away"
start_sim || die "issu-sim does not start"
slow_bg re0 60000 'show version' 'show version' >"$TEST_TMP/gone.out" 2>&1 &
gone=$!
BG_PIDS+=("$gone")
ev_wait '.event == "command" and .re == "re0" and .text == "show version"' "$SIM_WAIT" ||
  fail "the holding client's show version never reached re0"
gone_sid=$(session_of re0 'show version')
sleep 1
kill -KILL "$gone"
wait_exit "$gone" 5
_forget_bg "$gone"
CHECKS=$((CHECKS + 1))
if ev_wait ".event == \"session-close\" and .session == ${gone_sid:-0}" 5; then
  pass "the held session ended within 5 s of its client going away"
else
  fail "the held session ended within 5 s of its client going away" "$(tail -n 10 "$SIM_EVENTS")"
fi
assert_answers "after a client went away holding a channel"

# =========================================================================
log "a client holding its finished channel while the simulator stops"
slow_bg re0 60000 'show version' 'show version' >"$TEST_TMP/stop.out" 2>&1 &
stopper=$!
BG_PIDS+=("$stopper")
ev_wait '.event == "command" and .re == "re0" and .text == "show version" and .session > ($g | tonumber)' \
  "$SIM_WAIT" --arg g "${gone_sid:-0}" || fail "the holding client's show version never reached re0"
sleep 1
t0=$(now_ms)
stop_sim TERM
took=$(($(now_ms) - t0))
assert_rc "issu-sim exits 0 on SIGTERM with a channel held open" 0 "$SIM_RC" "$(cat "$SIM_DIR/stderr")"
CHECKS=$((CHECKS + 1))
if ((took < 3000)); then
  pass "issu-sim stopped in ${took} ms with a channel held open"
else
  fail "issu-sim stopped within 3 s with a channel held open" "it took ${took} ms"
fi
kill "$stopper" 2>/dev/null
wait_exit "$stopper" 5
_forget_bg "$stopper"

finish
