#!/usr/bin/env bash
# One console per router (issue 12): two `issu-console run` started at once
# on the same router, under two configuration names, both given every
# answer of a whole ISSU.  One takes the router's lock and does the ISSU;
# the other is told who holds it and only watches.  The judge is the
# simulator's event log: exactly one in-service-upgrade and at most one
# reboot and one switch in total (before the lock: two of each).
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SPEED=300
SECRET='Pw-lock-9d2c-not-in-any-record'

count_cmd()
{
  ev_count '.event == "command" and (.text | test($re))' --arg re "$1"
}

start_sim --speed "$SPEED" --password "$SECRET" || die "issu-sim does not start"
SIM_PASSWORD=$SECRET

# The locks of this test live in a directory of its own.
export ISSU_CONSOLE_LOCK_DIR=$TEST_TMP/locks
mkdir -m 700 "$ISSU_CONSOLE_LOCK_DIR"

CONF=$TEST_TMP/a.conf
console_conf "$CONF"
# The same REs under another name (and another spelling of the address's
# case is not possible for an IP: the name differs, the key does not).
sed 's/name = "lab"/name = "lab-again"/' "$CONF" >"$TEST_TMP/b.conf"

ANSWERS=$(printf '%s\n' "" re0 "" re0 "" y re1)

log "two runs at once on one router: one acts, the other watches"
(
  timeout 150 "$CONSOLE" run -c "$CONF" --quiet --time-scale "$SPEED" \
    <<<"$ANSWERS" >"$TEST_TMP/a.out" 2>&1
  echo $? >"$TEST_TMP/a.rc"
) &
PA=$!
(
  timeout 150 "$CONSOLE" run -c "$TEST_TMP/b.conf" lab-again --quiet \
    --time-scale "$SPEED" <<<"$ANSWERS" >"$TEST_TMP/b.out" 2>&1
  echo $? >"$TEST_TMP/b.rc"
) &
PB=$!
BG_PIDS+=("$PA" "$PB")
wait "$PA" "$PB"

A=$(cat "$TEST_TMP/a.out")
B=$(cat "$TEST_TMP/b.out")
if grep -q 'is held by another console' <<<"$A"; then
  WATCHER=$A HOLDER=$B HOLDER_RC=$(cat "$TEST_TMP/b.rc")
else
  WATCHER=$B HOLDER=$A HOLDER_RC=$(cat "$TEST_TMP/a.rc")
fi
assert_contains "one run is told the router is held, by whom (pid, command)" \
  "$WATCHER" "is held by another console: pid "
assert_match "the holder's command line is named" "$WATCHER" \
  'held by another console: pid [0-9]+, [^ ]+ on [^ ]+, `[^`]*issu-console run -c [^`]+`'
assert_contains "it says it only watches" "$WATCHER" \
  "This console reads the router and follows what happens; it asks no confirmation"
assert_not_contains "the watcher is never asked a confirmation" "$WATCHER" "Type re0 to confirm"
assert_not_contains "nor offered to start a step" "$WATCHER" "Enter: start it"
assert_not_contains "the holder is not told it watches" "$HOLDER" "held by another console"
assert_match "the watcher keeps no transcript (the change is not its own)" "$WATCHER" '^Transcript: $'
assert_match "the watcher followed the holder's ISSU" "$WATCHER" 'Upgrade: switchover'
assert_rc "the holder completes the ISSU" 0 "$HOLDER_RC" "$HOLDER"
assert_contains "the holder ends ISSU complete" "$HOLDER" "ISSU complete: 10.1R1.8 -> 10.3R2.11"
assert_eq "exactly one in-service-upgrade reached the chassis" 1 \
  "$(count_cmd '^request system software in-service-upgrade')"
assert_eq "at most one reboot" 1 "$(count_cmd '^request system reboot')"
assert_eq "at most one switch" 1 "$(count_cmd '^request chassis routing-engine master switch$')"

log "the lock is free once the holder ended: a new run takes it"
OUT=$(timeout 60 "$CONSOLE" run -c "$TEST_TMP/b.conf" lab-again --quiet \
  --time-scale "$SPEED" <<<"q" 2>&1)
assert_not_contains "no console holds it any more" "$OUT" "held by another console"
assert_eq "and it sent nothing that changes the router" 1 \
  "$(count_cmd '^request system software in-service-upgrade')"

log "status and plan need no lock"
(
  timeout 60 "$CONSOLE" run -c "$CONF" --quiet --time-scale "$SPEED" \
    < <(sleep 8; echo q) >"$TEST_TMP/c.out" 2>&1
) &
PC=$!
BG_PIDS+=("$PC")
sleep 2
OUT=$(timeout 60 "$CONSOLE" status -c "$CONF" 2>&1)
assert_rc "status runs while a console holds the router" 0 $? "$OUT"
OUT=$(timeout 60 "$CONSOLE" plan -c "$CONF" 2>&1)
assert_rc "plan too" 0 $? "$OUT"
assert_not_contains "plan does not watch" "$OUT" "held by another console"
wait "$PC"

stop_sim

log "the curses console: a second one on the same REs (--re0/--re1) watches"
start_sim --speed "$SPEED" --password "$SECRET" || die "issu-sim does not start"
CONF=$TEST_TMP/tui.conf
console_conf "$CONF"
tui_open holder 120 40
tui_run holder "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || die "no console"
tui_wait_flat holder 'Enter: next step' 30
tui_open watcher 120 40
tui_run watcher "$CONSOLE" -c "$CONF" --re0 "127.0.0.1:${SIM_PORT[re0]}" \
  --re1 "127.0.0.1:${SIM_PORT[re1]}" \
  --package /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz \
  --time-scale "$SPEED" || die "no second console"
tui_wait watcher 'WATCHING' 30
tui_snap watcher watching
W=$(tui_flat watcher)
assert_contains "the header says it watches" "$W" "WATCHING"
assert_contains "its keys offer a read, not a step" "$W" "Enter: read the router again (watching)"
assert_not_contains "no step is offered" "$W" "Enter: next step"
term_keys watcher Enter
sleep 2
W=$(tui_flat watcher)
assert_not_contains "Enter opens no confirmation" "$W" "Type re0 to confirm"
term_keys holder Enter
tui_wait_flat holder 'Type re0 to confirm' 30
assert_contains "the holder is asked, and named who else is logged in" \
  "$(tui_flat holder)" "Nobody else logged in on re0"
term_keys holder Escape
tui_wait_flat holder 'Enter: next step' 20
term_keys watcher q
tui_exit watcher 20
term_keys holder q
tui_exit holder 20
assert_eq "nothing changed the router" 0 \
  "$(count_cmd '^request system (software in-service-upgrade|reboot)')"

stop_sim
finish
