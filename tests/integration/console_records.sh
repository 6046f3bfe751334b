#!/usr/bin/env bash
# The records of a run cannot be lost quietly, nor a terminal driven by what
# a router prints (issue 12, points 4, 6 and 8):
#  - router output is bytes: a NUL byte from a hostile server (hostile_sshd)
#    is written \x00 in the transcript and the rest of the line and of the
#    read follows it;
#  - `run` prints router output through the transcript's neutraliser: an
#    OSC 52 clipboard write, a title, a clear-screen never reach its stdout;
#  - a transcript that cannot be written (a file-size limit: EFBIG, as a
#    full disk is ENOSPC) stops the next changing command until the operator
#    types norecord, says so with the path and the error, and the exit
#    status and the change record say so;
#  - SIGTERM to `run` mid-ISSU leaves a change record that says it was left
#    and why;
#  - the change record is 0600 like the transcript.
# What the console sent is judged on the simulator's event log.
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SPEED=300

# changes: the commands that change a router, in the order the simulator
# got them.
changes()
{
  ev_seq '.event == "command" and (.text | test("^(request system (software in-service-upgrade|reboot)|request chassis routing-engine master switch$|configure|commit|set )"))' \
    '"\(.re) \(.text)"'
}

# --- a NUL byte in router output ----------------------------------------------
log "hostile server: show version with a NUL byte inside a line"
start_hostile "$(printf '%s\n' \
  'show version	Hostname: mx480-re0\nModel: mx480\nJunos: 10.1R1.8\0 and what follows\nJUNOS Base OS boot [10.1R1.8]\n' \
  '*	\nerror: syntax error\n')" || die "hostile_sshd does not start"
CONF=$TEST_TMP/nul.conf
console_conf "$CONF"
OUT=$(timeout 60 "$CONSOLE" run -c "$CONF" </dev/null 2>&1)
RC=$?
assert_rc "run stops (exit 1) on a router it cannot read" 1 "$RC" "$OUT"
TR=$(cat "$TEST_TMP"/logs"$SIM_COUNT"/*.log 2>/dev/null)
assert_match "the transcript has the line with the NUL written \\x00 and what follows it" \
  "$TR" '^[-0-9T:.+]+ re0 < Junos: 10\.1R1\.8\\x00 and what follows$'
assert_match "and the rest of that read after the NUL's line" "$TR" \
  '^[-0-9T:.+]+ re0 < JUNOS Base OS boot \[10\.1R1\.8\]$'
assert_contains "run's output shows the NUL escaped, the rest of the line too" "$OUT" \
  're0| Junos: 10.1R1.8\x00 and what follows'
assert_eq "no raw NUL byte in run's output" 0 "$(printf '%s' "$OUT" | tr -cd '\000' | wc -c)"

log "status and parse on the same bytes: safe, and the NUL never cuts the line"
OUT=$(timeout 60 "$CONSOLE" status -c "$CONF" 2>&1)
RC=$?
assert_rc "status exits 4 (output not understood), not a crash" 4 "$RC" "$OUT"
printf 'Hostname: mx480-re0\nModel: mx480\nJunos: 10.1R1.8\0 and what follows\nJUNOS Base OS boot [10.1R1.8]\n' \
  >"$TEST_TMP/nul.txt"
OUT=$(timeout 60 "$CONSOLE" parse 'show version' "$TEST_TMP/nul.txt" 2>&1)
RC=$?
assert_rc "parse of a capture with a NUL: not understood (exit 4)" 4 "$RC" "$OUT"
assert_contains "and it says where, with the NUL shown" "$OUT" \
  'line 3: "Junos: 10.1R1.8\x00 and what follows": control byte 0x00: not text'

# --- terminal escape sequences in plain mode ----------------------------------
log "hostile server: OSC 52, a title, clear-screen and a reset in show version"
start_hostile "$(printf '%s\n' \
  'show version	Hostname: mx480-re0\e]52;c;cm0gLXJmIH4K\a\n\e]0;owned\a\e[2J\ecModel: mx480\nJunos: 10.1R1.8\n' \
  '*	\nerror: syntax error\n')" || die "hostile_sshd does not start"
CONF=$TEST_TMP/esc.conf
console_conf "$CONF"
timeout 60 "$CONSOLE" run -c "$CONF" </dev/null >"$TEST_TMP/esc.out" 2>&1
RC=$?
OUT=$(cat "$TEST_TMP/esc.out")
assert_rc "run stops (exit 1)" 1 "$RC" "$OUT"
assert_eq "no ESC byte reaches run's stdout" 0 "$(tr -cd '\033' <"$TEST_TMP/esc.out" | wc -c)"
assert_eq "no BEL byte either (it ends an OSC)" 0 "$(tr -cd '\007' <"$TEST_TMP/esc.out" | wc -c)"
assert_contains "the clipboard write is shown escaped, as the transcript writes it" "$OUT" \
  're0| Hostname: mx480-re0\x1b]52;c;cm0gLXJmIH4K\x07'
assert_contains "the title, clear-screen and reset too" "$OUT" \
  're0| \x1b]0;owned\x07\x1b[2J\x1bcModel: mx480'

# --- a transcript that cannot be written --------------------------------------
# The console runs under a file-size limit with SIGXFSZ ignored: its writes
# past LIMIT KiB fail with EFBIG, as they would with ENOSPC on a full disk.
# Its stdout is a pipe, which the limit does not touch.
LIMIT=6
limited_run()
{
  local input
  input=$(printf '%s\n' "$@")
  OUT=$( (ulimit -f "$LIMIT"; trap '' XFSZ; exec timeout 120 "$CONSOLE" run -c "$CONF" \
    --quiet --time-scale "$SPEED") <<<"$input" 2>&1)
  RC=$?
  printf '%s\n' "$OUT" >"$TEST_TMP/run$SIM_COUNT.out"
}

log "records fail mid-run; the operator refuses to go on without them"
start_sim --speed "$SPEED" || die "issu-sim does not start"
CONF=$TEST_TMP/full.conf
console_conf "$CONF"
limited_run "" re0 no
TR=$(ls "$TEST_TMP"/logs"$SIM_COUNT"/*.log)
assert_rc "the run does not end 0" 1 "$RC" "$OUT"
assert_match "the failure is said at once with the transcript's path and the error" "$OUT" \
  "RECORDS FAILED: writing ${TR//./\\.}: File too large"
assert_contains "the upgrade is held with a typed word, naming the command" "$OUT" \
  "\"request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz\" on re0 would change the router with no complete record of it."
assert_contains "and what to type" "$OUT" "Type norecord to go on (any other line refuses):"
assert_contains "refusing stops: nothing sent" "$OUT" "Not sent: the records cannot be written"
assert_exact "the simulator got no changing command" "" "$(changes)"
assert_not_contains "no ISSU complete" "$OUT" "ISSU complete"
MD=${TR%.log}.md
assert_contains "the change record says the records failed, with the path and the error" \
  "$(cat "$MD")" "| Records | INCOMPLETE: writing $TR: File too large |"
assert_contains "the end of the run says it too" "$OUT" "Records INCOMPLETE: writing $TR: File too large"
stop_sim

log "records fail mid-run; the operator types norecord and the ISSU goes on"
start_sim --speed "$SPEED" || die "issu-sim does not start"
CONF=$TEST_TMP/full2.conf
console_conf "$CONF"
limited_run "" re0 norecord "" re0 "" y re1
TR=$(ls "$TEST_TMP"/logs"$SIM_COUNT"/*.log)
MD=${TR%.log}.md
assert_rc "complete and knowingly without records: exit 0" 0 "$RC" "$OUT"
assert_contains "ISSU complete" "$OUT" "ISSU complete: 10.1R1.8 -> 10.3R2.11"
assert_exact "the three changes, each sent once" "$(printf '%s\n' \
    're0 request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz' \
    're0 request system reboot' \
    're1 request chassis routing-engine master switch')" "$(changes)"
assert_contains "the change record says the operator went on without a record" "$(cat "$MD")" \
  "| Records | INCOMPLETE: writing $TR: File too large; the operator typed norecord and went on without a complete record |"
assert_contains "and its anomalies list the decision" "$(cat "$MD")" \
  "- the operator typed norecord: went on without a complete record (writing $TR: File too large)"
stop_sim

# --- a change record that cannot be written -------------------------------------
# Its name taken by a directory (for each second the run may start in): the
# write fails with EISDIR while the transcript is fine.
log "the change record cannot be written: the same hold, said with its path"
start_sim --speed "$SPEED" || die "issu-sim does not start"
CONF=$TEST_TMP/md.conf
console_conf "$CONF"
mkdir -p "$TEST_TMP/logs$SIM_COUNT"
now=$(date +%s)
for i in 0 1 2 3 4 5; do
  mkdir "$TEST_TMP/logs$SIM_COUNT/lab-$(date -d "@$((now + i))" +%Y%m%d-%H%M%S).md"
done
console_run "" re0 no
TR=$(ls "$TEST_TMP"/logs"$SIM_COUNT"/*.log)
MD=${TR%.log}.md
assert_rc "the run does not end 0" 1 "$RC" "$OUT"
assert_contains "the failure is said with the change record's path and the error" "$OUT" \
  "RECORDS FAILED: writing $MD: Is a directory"
assert_contains "the upgrade is held for norecord" "$OUT" "Type norecord to go on (any other line refuses):"
assert_exact "the simulator got no changing command" "" "$(changes)"
assert_match "the transcript, which can be written, says so" "$(cat "$TR")" \
  "--- RECORDS FAILED: writing ${MD//./\\.}: Is a directory"
stop_sim

# --- SIGTERM mid-ISSU ---------------------------------------------------------
log "SIGTERM to run while the ISSU runs: the change record says it was left and why"
start_sim --speed 60 || die "issu-sim does not start"
CONF=$TEST_TMP/term.conf
console_conf "$CONF"
mkfifo "$TEST_TMP/term.in"
umask 022
"$CONSOLE" run -c "$CONF" --quiet --time-scale 60 <"$TEST_TMP/term.in" \
  >"$TEST_TMP/term.out" 2>&1 &
RUN_PID=$!
BG_PIDS+=("$RUN_PID")
exec 7>"$TEST_TMP/term.in"
printf '\nre0\n' >&7
start=$SECONDS
until [[ -n $(changes) ]] || ((SECONDS - start > 60)); do sleep 0.1; done
assert_contains "the upgrade was sent" "$(changes)" "re0 request system software in-service-upgrade"
sleep 0.5
kill -TERM "$RUN_PID"
wait_exit "$RUN_PID" 20
exec 7>&-
OUT=$(cat "$TEST_TMP/term.out")
assert_eq "run ends by the signal (143), once its records are written" 143 "$WAIT_RC"
MD=$(ls "$TEST_TMP"/logs"$SIM_COUNT"/*.md)
assert_contains "the change record's result: left, at which step, why, the router mid-change" \
  "$(cat "$MD")" "| Result | left at step 4/8 Upgrade (ISSU) (SIGTERM (Terminated)), the router mid-change |"
assert_not_contains "never 'in progress' without a note" "$(cat "$MD")" "| Result | in progress |"
assert_match "the transcript notes it too" "$(cat "${MD%.md}.log")" \
  '--- left \(SIGTERM \(Terminated\)\) while the router was mid-change$'
assert_contains "run says it is leaving and why" "$OUT" "(SIGTERM (Terminated): leaving"

# --- file modes ---------------------------------------------------------------
log "the change record and the transcript are 0600, whatever the umask"
assert_eq "the change record is 0600" 600 "$(stat -c %a "$MD")"
assert_eq "the transcript is 0600" 600 "$(stat -c %a "${MD%.md}.log")"
stop_sim

finish
