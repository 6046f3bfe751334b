#!/usr/bin/env bash
# `issu-console practice`: the zero-setup rehearsal starts its own issu-sim
# in a private temporary directory, runs the procedure on it, and leaves
# nothing behind - no simulator process (checked by its pid), no temporary
# directory - however it ends: ISSU complete, a fault's stop, a refused
# option, SIGTERM or SIGINT mid-upgrade, even SIGKILL (the simulator dies
# with it).  Driven in plain line mode (--plain) with scripted answers, as
# procedure_issu.sh drives `run`; console_tui.sh drives the curses console.
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SPEED=300
SEED_ANSWERS=("" re0 "" re0 "" y re1)

# practice's files land in the test's own directory: its temporary
# directories (TMPDIR) and its records (~/.local/state/issu-console/practice).
export TMPDIR=$TEST_TMP/tmp HOME=$TEST_TMP/home
mkdir -p "$TMPDIR" "$HOME"
export ISSU_SIM
PRACTICE_LOGS=$HOME/.local/state/issu-console/practice

# What practice printed about its simulator and directory: PR_SIM, PR_DIR.
practice_facts()
{
  PR_SIM=$(sed -n 's/^issu-console practice: issu-sim (pid \([0-9][0-9]*\),.*/\1/p' <<<"$1" | head -n 1)
  PR_DIR=$(sed -n 's/^issu-console practice: temporary files in \(.*\) (removed on exit).*/\1/p' <<<"$1" | head -n 1)
}

# practice_run [ARGS...] -- ANSWERS...: `practice --plain --speed $SPEED ARGS`
# with one answer per line -> OUT, RC, PR_SIM, PR_DIR; kept as prN.out.
PR_COUNT=0
practice_run()
{
  local -a args=()
  while (($# > 0)) && [[ $1 != -- ]]; do
    args+=("$1")
    shift
  done
  (($# > 0)) && shift
  PR_COUNT=$((PR_COUNT + 1))
  T0=$SECONDS
  OUT=$(printf '%s\n' "$@" | timeout 120 "$CONSOLE" practice --plain --speed "$SPEED" \
    "${args[@]}" 2>&1)
  RC=$?
  printf '%s\n' "$OUT" >"$TEST_TMP/pr$PR_COUNT.out"
  practice_facts "$OUT"
  log "practice ${args[*]} took $((SECONDS - T0)) s (exit $RC)"
}

# sim_gone WHY PID [SECONDS]: no issu-sim runs under that pid (within the
# time given; 0: at once, practice waits for its simulator before it exits).
sim_gone()
{
  local why=$1 pid=$2 limit=${3:-0} start=$SECONDS
  CHECKS=$((CHECKS + 1))
  if [[ -z $pid ]]; then
    fail "$why: practice said the simulator's pid" "output:" "$OUT"
    return
  fi
  while proc_running "$pid" && grep -q issu-sim "/proc/$pid/cmdline" 2>/dev/null; do
    if ((SECONDS - start >= limit)); then
      fail "$why: issu-sim (pid $pid) still runs" "$(tr '\0' ' ' <"/proc/$pid/cmdline")"
      kill -TERM "$pid" 2>/dev/null
      return
    fi
    sleep 0.05
  done
  pass "$why: no issu-sim left (pid $pid)"
}

dir_gone()
{
  local why=$1 dir=$2
  CHECKS=$((CHECKS + 1))
  if [[ -z $dir ]]; then
    fail "$why: practice said its temporary directory" "output:" "$OUT"
  elif [[ -e $dir ]]; then
    fail "$why: the temporary directory is still there" "$(ls -la "$dir")"
  else
    pass "$why: $dir removed"
  fi
  assert_eq "$why: nothing of practice left in TMPDIR" "" "$(ls -A "$TMPDIR")"
}

# practice_bg NAME [ARGS...]: practice in the background, answers from a
# fifo kept open in PR_IN (so it waits at each question), output in
# $TEST_TMP/NAME.out, pid in PR_PID.  SIGINT is given back its default
# (a script's background jobs start with it ignored).
practice_bg()
{
  local name=$1 fifo=$TEST_TMP/$1.in
  shift
  mkfifo "$fifo"
  env --default-signal=INT "$CONSOLE" practice --plain --speed "$SPEED" "$@" \
    <"$fifo" >"$TEST_TMP/$name.out" 2>&1 &
  PR_PID=$!
  BG_PIDS+=("$PR_PID")
  exec {PR_IN}>"$fifo"
}

# wait_out NAME ERE SECONDS: until a line of NAME's output matches.
wait_out()
{
  local name=$1 re=$2 limit=$3 start=$SECONDS
  while ! grep -Eq -- "$re" "$TEST_TMP/$name.out"; do
    if ((SECONDS - start >= limit)) || ! proc_running "$PR_PID"; then
      CHECKS=$((CHECKS + 1))
      fail "$name: no line matching '$re' within ${limit}s" "$(tail -n 30 "$TEST_TMP/$name.out")"
      return 1
    fi
    sleep 0.05
  done
}

# --- the seed path ----------------------------------------------------------
log "practice --plain: the seed path to ISSU complete, nothing left behind"
practice_run -- "${SEED_ANSWERS[@]}"
assert_rc "practice exits with the console's 0 when the ISSU is complete" 0 "$RC" "$OUT"
assert_line "the banner says it is a simulated chassis" "$OUT" \
  "PRACTICE - simulated chassis (issu-sim --speed $SPEED)"
assert_contains "ISSU complete with both releases" "$OUT" "ISSU complete: 10.1R1.8 -> 10.3R2.11"
assert_lines_in_order "the upgrade's sub-phases in order" "$(sed 's/^\[[0-9:]*\] //' <<<"$OUT")" \
  "Upgrade: image validated" "Upgrade: backup rebooting" "Upgrade: switchover"
sim_gone "after ISSU complete" "$PR_SIM"
dir_gone "after ISSU complete" "$PR_DIR"
tr=$(sed -n 's/^Transcript: //p' <<<"$OUT" | tail -n 1)
cr=$(sed -n 's/^Change record: //p' <<<"$OUT" | tail -n 1)
assert_eq "the transcript is kept in the practice log folder" "$PRACTICE_LOGS" "$(dirname "$tr")"
if [[ -s $tr && -s $cr ]]; then
  pass "transcript and change record outlive the cleanup"
else
  fail "records outlive the cleanup" "transcript: $tr" "change record: $cr"
fi
assert_match "the transcript has the ISSU sent to re0" "$(cat "$tr" 2>/dev/null)" \
  're0 > request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz'
assert_contains "the change record says ISSU complete" "$(cat "$cr" 2>/dev/null)" "ISSU complete"
assert_contains "practice says where the records stay" "$OUT" \
  "transcripts and change records stay in $PRACTICE_LOGS"

# --- a fault -----------------------------------------------------------------
log "practice --fault validate-fail: a clear stop"
practice_run --fault validate-fail -- "" re0 q
assert_rc "a stop is the console's 1" 1 "$RC" "$OUT"
assert_contains "a clear stop" "$OUT" "STOPPED at step 4/8 Upgrade (ISSU)"
assert_contains "Junos' own words are shown" "$OUT" "configuration check-out failed"
assert_contains "practice says there is nothing to resume" "$OUT" \
  "the simulated chassis ends with this practice, so there is nothing to resume"
sim_gone "after the stop" "$PR_SIM"
dir_gone "after the stop" "$PR_DIR"

log "two faults at once reach the simulator (missing-package is caught first)"
practice_run --fault slow-backup --fault missing-package -- q
assert_rc "stopped before anything is sent" 1 "$RC" "$OUT"
assert_match "the missing package stops the prerequisites" "$OUT" \
  'Package in /var/tmp on the master: .* is not on re0'
sim_gone "after the prerequisites' stop" "$PR_SIM"
dir_gone "after the prerequisites' stop" "$PR_DIR"

# --- refused options ----------------------------------------------------------
log "a fault issu-sim does not know: its own message, exit 2"
OUT=$("$CONSOLE" practice --plain --fault no-such-fault </dev/null 2>&1)
RC=$?
assert_rc "a bad fault name exits 2" 2 "$RC" "$OUT"
assert_match "issu-sim's message, passed through" "$OUT" \
  '^issu-sim: --fault: unknown fault "no-such-fault" \(known: validate-fail, .*\)$'
assert_eq "one line, nothing else" 1 "$(wc -l <<<"$OUT")"
assert_eq "nothing left in TMPDIR" "" "$(ls -A "$TMPDIR")"

OUT=$("$CONSOLE" practice --plain --speed 0.5 </dev/null 2>&1)
RC=$?
assert_rc "--speed below 1 exits 2" 2 "$RC" "$OUT"
assert_contains "--speed: says the range" "$OUT" '--speed: "0.5" is not a number from 1 to 100000'
OUT=$("$CONSOLE" practice --plain --speed fast </dev/null 2>&1)
assert_rc "--speed fast exits 2" 2 "$?" "$OUT"
OUT=$("$CONSOLE" practice --plain --speed </dev/null 2>&1)
assert_rc "--speed without a value exits 2" 2 "$?" "$OUT"
OUT=$("$CONSOLE" practice --plain --colour </dev/null 2>&1)
assert_rc "an unknown option exits 2" 2 "$?" "$OUT"
assert_contains "and names it" "$OUT" 'unknown option "--colour"'
# --time-scale is read alike by the console and run (target_time_scale).
for cmd in "" run; do
  OUT=$("$CONSOLE" $cmd --time-scale 0.5 </dev/null 2>&1)
  assert_rc "issu-console $cmd --time-scale 0.5 exits 2" 2 "$?" "$OUT"
  assert_eq "issu-console $cmd --time-scale 0.5: says the range, nothing else" \
    "issu-console${cmd:+ $cmd}: --time-scale: \"0.5\" is not a number from 1 to 100000" "$OUT"
  OUT=$("$CONSOLE" $cmd --time-scale "" </dev/null 2>&1)
  assert_rc "issu-console $cmd --time-scale '' exits 2" 2 "$?" "$OUT"
  OUT=$("$CONSOLE" $cmd --time-scale </dev/null 2>&1)
  assert_eq "issu-console $cmd --time-scale without a value" \
    "issu-console${cmd:+ $cmd}: --time-scale needs a value" "$OUT"
done
OUT=$("$CONSOLE" status --time-scale 20 </dev/null 2>&1)
assert_rc "status takes no --time-scale (it waits for nothing)" 2 "$?" "$OUT"

OUT=$("$CONSOLE" practice --help 2>&1)
assert_rc "--help exits 0" 0 "$?" "$OUT"
assert_contains "--help gives the usage" "$OUT" "usage: issu-console practice [--speed X] [--fault NAME]... [--plain]"
assert_contains "--help gives the default speed" "$OUT" "default 20: the 40-minute ISSU in 2 minutes"
OUT=$("$CONSOLE" --help 2>&1)
assert_contains "issu-console --help lists practice" "$OUT" "practice [--speed X] [--fault NAME]... [--plain]"

# --- finding issu-sim -----------------------------------------------------------
log "no issu-sim anywhere: a clear error naming where it looked"
mkdir -p "$TEST_TMP/lone" "$TEST_TMP/emptybin"
cp "$CONSOLE" "$TEST_TMP/lone/issu-console"
OUT=$(env -u ISSU_SIM PATH="$TEST_TMP/emptybin" "$TEST_TMP/lone/issu-console" practice --plain </dev/null 2>&1)
RC=$?
assert_rc "no issu-sim found exits 2" 2 "$RC" "$OUT"
assert_contains "it says issu-sim was not found" "$OUT" "issu-sim not found"
assert_contains "it names the place beside issu-console" "$OUT" "$TEST_TMP/lone/issu-sim is not there"
assert_contains "it names PATH" "$OUT" "no directory of PATH ($TEST_TMP/emptybin) has it"
assert_contains "it says how to fix it" "$OUT" "set ISSU_SIM=/path/to/issu-sim"
OUT=$(ISSU_SIM=$TEST_TMP/nowhere/issu-sim "$CONSOLE" practice --plain </dev/null 2>&1)
assert_rc "ISSU_SIM naming no file exits 2" 2 "$?" "$OUT"
assert_contains "ISSU_SIM is named" "$OUT" "ISSU_SIM=$TEST_TMP/nowhere/issu-sim is not an executable file"
log "issu-sim beside issu-console is found without ISSU_SIM or PATH"
cp "$ISSU_SIM" "$TEST_TMP/lone/issu-sim"
OUT=$(env -u ISSU_SIM PATH="$TEST_TMP/emptybin:/usr/bin:/bin" "$TEST_TMP/lone/issu-console" \
  practice --plain --speed "$SPEED" <<<"q" 2>&1)
RC=$?
practice_facts "$OUT"
assert_contains "the simulator beside it is used" "$OUT" "(pid $PR_SIM, $TEST_TMP/lone/issu-sim)"
assert_rc "q before the upgrade exits 1" 1 "$RC" "$OUT"
sim_gone "after q" "$PR_SIM"
dir_gone "after q" "$PR_DIR"

log "a start-up line longer than practice reads is dropped whole, never read in pieces"
# A simulator whose over-long line ends in the words practice waits for:
# read in 4 KiB pieces, its tail would pass for "issu-sim: ready".
cat >"$TEST_TMP/longline-sim" <<'EOF2'
#!/bin/sh
head -c 4095 /dev/zero | tr '\0' x
echo 'issu-sim: ready'
exit 3
EOF2
chmod +x "$TEST_TMP/longline-sim"
OUT=$(ISSU_SIM=$TEST_TMP/longline-sim "$CONSOLE" practice --plain </dev/null 2>&1)
assert_rc "a simulator that ends without a whole ready line: exit 2" 2 "$?" "$OUT"
assert_contains "it is said not to have started, with its status" "$OUT" "did not start (exit status 3)"
assert_not_contains "the tail of the long line was not taken for its ready line" "$OUT" \
  "issu-sim did not say its ports"

# --- signals mid-upgrade -----------------------------------------------------------
for sig in TERM INT; do
  log "SIG$sig to practice while re1 reboots in the ISSU"
  practice_bg "sig$sig"
  printf '\nre0\n' >&"$PR_IN"
  if wait_out "sig$sig" 'Upgrade: backup rebooting' 60; then
    OUT=$(cat "$TEST_TMP/sig$sig.out")
    practice_facts "$OUT"
    CHECKS=$((CHECKS + 1))
    if proc_running "$PR_SIM"; then pass "the simulator runs mid-upgrade (pid $PR_SIM)"; else
      fail "the simulator runs mid-upgrade" "$OUT"; fi
    kill "-$sig" "$PR_PID"
    wait_exit "$PR_PID" 20
    _forget_bg "$PR_PID"
    case $sig in TERM) want=143 ;; INT) want=130 ;; esac
    assert_rc "SIG$sig: practice ends by the signal (status $want)" "$want" "$WAIT_RC" \
      "$(tail -n 5 "$TEST_TMP/sig$sig.out")"
    sim_gone "after SIG$sig" "$PR_SIM"
    dir_gone "after SIG$sig" "$PR_DIR"
  fi
  exec {PR_IN}>&-
done

log "SIGKILL to practice: the simulator and the console do not outlive it"
practice_bg kill
if wait_out kill 'Enter: start it' 60; then
  OUT=$(cat "$TEST_TMP/kill.out")
  practice_facts "$OUT"
  child=$(proc_children "$PR_PID" issu-console)
  kill -KILL "$PR_PID"
  wait_exit "$PR_PID" 20
  _forget_bg "$PR_PID"
  sim_gone "after SIGKILL (PR_SET_PDEATHSIG)" "$PR_SIM" 10
  CHECKS=$((CHECKS + 1))
  for _ in $(seq 100); do proc_running "${child:-0}" || break; sleep 0.1; done
  if [[ -n $child ]] && ! proc_running "$child"; then
    pass "the console child (pid $child) ended too"
  else
    fail "the console child ended with practice" "child: ${child:-none found}"
  fi
  rm -rf "$PR_DIR"   # SIGKILL leaves no chance to clean up: documented
fi
exec {PR_IN}>&-

log "the simulator dies mid-practice: said on exit, with its words"
practice_bg simdies
if wait_out simdies 'Enter: start it' 60; then
  practice_facts "$(cat "$TEST_TMP/simdies.out")"
  kill -KILL "$PR_SIM"
  sleep 0.5
  exec {PR_IN}>&-   # end of input at the prompt: quit
  wait_exit "$PR_PID" 30
  _forget_bg "$PR_PID"
  OUT=$(cat "$TEST_TMP/simdies.out")
  assert_rc "practice exits with the console's 1" 1 "$WAIT_RC" "$OUT"
  assert_contains "practice says the simulator ended" "$OUT" \
    "issu-console practice: issu-sim ended during the practice (killed by signal 9"
  dir_gone "after the simulator died" "$PR_DIR"
fi

finish
