#!/usr/bin/env bash
# The curses console end to end: tmux drives the real issu-console (keys in
# with send-keys, screens out with capture-pane) against issu-sim at high
# speed, in 80x24 and 200x50 panes.  The seed path to ISSU complete with
# switch-back; refused confirmations (Esc, a wrong slot name, n) that send
# nothing; a clear stop for each --fault; a resize during the upgrade; quit
# mid-upgrade and resume; NO_COLOR; SIGHUP leaving the terminal sane and
# the transcript complete; practice in the console; the password dialog's
# words (how long the password is kept).  What reached the router
# is asserted on the simulator's event log, never on what the screen says.
#
# The screen's words are those issue 7 fixes (people and tests rely on
# them); the few this test needs beyond them are gathered below, with where
# they come from.  Screens at key moments are kept as artefacts
# (tests/integration/artefacts/ in the build directory, listed in the log).
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
need tmux tmux
need stty coreutils

# Until tui/console.c exists the bare command says the console is not built:
# nothing to drive yet.
if timeout 10 "$CONSOLE" -c /dev/null </dev/null 2>&1 | grep -q 'not built'; then
  printf '%s: SKIP: the curses console is not built yet (issu-console -c FILE says so)\n' "$TEST_NAME"
  exit 77
fi

# --- the words on the screen --------------------------------------------------
# Issue 7 ("keep these words"):
W_NEXT='Enter: next step'
W_EXPLAIN='\?: explain this step'
W_QUIT='q: quit'
W_PROCEED='Proceed\? \(y/N\)'
W_YN='\(y/N\)'                            # every plain confirmation ends so
W_TYPED='Type (re[01]) to confirm, Esc to cancel:'
W_DONE='ISSU complete([^,]|$)'            # not Junos' "ISSU complete, other RE is master RE"
# The engine's notes, which the console shows (procedure/issu.c):
W_STOP='STOPPED'                          # "STOPPED: <reason>"
W_REFUSED='Not confirmed'                 # "Not confirmed: nothing was sent to re0."
W_WAIT_PROCEED='step 4/8|Press Enter to start it'   # DESIGN.md's header, or the note
# The upgrade step's explanation (the step table), as `?` shows it:
W_EXPLAIN_UPGRADE='Traffic keeps flowing'

ISSU_CMD='request system software in-service-upgrade /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz'
EV_ISSU='.event == "command" and (.text | startswith("request system software in-service-upgrade"))'
EV_REBOOTING='.event == "reboot-start" and .re == "re1"'
NO_SCREEN='^(no screen matches this)$'    # tui_drive until an event only

# The commands that change a router, in the order the simulator got them.
changes()
{
  ev_seq '.event == "command" and (.text | test("^(request system (software in-service-upgrade|reboot)|request chassis routing-engine master switch$|configure|commit|set )"))' \
    '"\(.re) \(.text)"'
}

# scenario NAME WHY SIM-ARGS...: a simulator (SPEED) and a configuration
# (CONF) for it; NAME is the tmux pane's name.
scenario()
{
  local name=$1
  log "$2"
  shift 2
  SCEN_T0=$SECONDS
  start_sim --speed "$SPEED" "$@" || die "issu-sim does not start"
  CONF=$TEST_TMP/$name.conf
  console_conf "$CONF"
}

scenario_end()
{
  log "$1 took $((SECONDS - SCEN_T0)) s"
  term_close "$1"
  stop_sim_clean "$1"
}

# tui_drive NAME UNTIL_ERE SECONDS [EVENT_FILTER] [STOP_ERE]: plays the
# operator who wants the ISSU done: the slot name typed at a typed
# confirmation, y at a plain one, Enter otherwise (at most every 2 s: Enter
# while the console works is ignored, as the issue says it only runs the
# highlighted step).  Returns 0 when the screen matches UNTIL_ERE or the
# event log has a record matching EVENT_FILTER, 2 when it matches STOP_ERE
# (a stop the caller did not want), 1 on timeout (with the screen).
tui_drive()
{
  local name=$1 until=$2 limit=$3 filter=${4-} stop=${5-} start=$SECONDS s slot last=0 now
  TUI_TYPED=()
  while :; do
    s=$(tui_screen "$name")
    if grep -Eq -- "$until" <<<"$s"; then return 0; fi
    if [[ -n $filter ]] && (($(ev_count "$filter") > 0)); then return 0; fi
    if [[ -n $stop ]] && grep -Eq -- "$stop" <<<"$s"; then
      CHECKS=$((CHECKS + 1))
      fail "pane $name: an unexpected '$stop' while waiting for '$until'" "screen:" "$s"
      return 2
    fi
    slot=$(grep -Eo -- "$W_TYPED" <<<"$s" | head -n 1 | sed -E "s/^Type (re[01]) .*/\1/")
    now=${EPOCHREALTIME/./}
    if [[ -n $slot ]]; then
      TUI_TYPED+=("$slot")
      term_type "$name" "$slot"
      term_keys "$name" Enter
      tui_wait_gone "$name" "$W_TYPED" 10 || return 1
    elif grep -Eq -- "$W_YN" <<<"$s"; then
      term_type "$name" y
      tui_wait_gone "$name" "$W_YN" 10 || return 1
    elif ((now - last >= 2000000)); then
      term_keys "$name" Enter
      last=$now
    fi
    if ((SECONDS - start >= limit)); then
      CHECKS=$((CHECKS + 1))
      fail "pane $name: not reached within ${limit}s: '$until' ${filter:+/ event $filter}" \
        "screen:" "$(tui_screen "$name")"
      return 1
    fi
    sleep 0.2
  done
}

# tui_quit NAME: q, and y (or the word asked for) when the console asks
# first; TUI_ASKED is the screen of the question ("" when it did not ask).
# A console that does not end is sent SIGTERM, so that the test goes on.
tui_quit()
{
  local name=$1 start=$SECONDS s word before new
  TUI_ASKED=
  before=$(tui_screen "$name")
  term_keys "$name" q
  while ((SECONDS - start < 10)); do
    if [[ -n $(term_screen "$name" | sed -n "s/^${TUI_MARK[$name]}=\([0-9][0-9]*\)\$/\1/p") ]]; then
      break
    fi
    s=$(tui_screen "$name")
    new=$(grep -Fvx -f <(printf '%s\n' "$before") <<<"$s")
    word=$(grep -Eo 'Type [A-Za-z0-9]+ to confirm' <<<"$new" | head -n 1 | awk '{ print $2 }')
    if grep -Eq -- "$W_YN" <<<"$new"; then
      TUI_ASKED=$s
      tui_snap "$name" quit-question
      term_type "$name" y
      break
    elif [[ -n $word ]]; then
      TUI_ASKED=$s
      tui_snap "$name" quit-question
      term_type "$name" "$word"
      term_keys "$name" Enter
      break
    fi
    sleep 0.1
  done
  if ! tui_exit "$name" 20; then
    kill -TERM "${TUI_PID[$name]:-0}" 2>/dev/null
    tui_exit "$name" 5 >/dev/null
  fi
}

# assert_screen WHAT NAME ERE: the screen now has a row matching.
assert_screen()
{
  assert_match "$1" "$(tui_screen "$2")" "$3"
}

assert_flat()
{
  assert_match "$1" "$(tui_flat "$2")" "$3"
}

# latest_transcript: the transcript of the latest run on this simulator.
latest_transcript()
{
  find "$TEST_TMP/logs$SIM_COUNT" -name '*.log' -printf '%T@ %p\n' 2>/dev/null |
    sort -n | tail -n 1 | cut -d' ' -f2-
}

# Each scenario is a function: a failed wait returns from it early (what
# follows could only fail too, slowly), and scenario_end always runs.

# --- the seed path ------------------------------------------------------------
seed_path()   # COLS ROWS
{
  local cols=$1 rows=$2 size=$1x$2 name=seed$1 key
  tui_open "$name" "$cols" "$rows"
  tui_run "$name" "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  tui_wait "$name" "$W_QUIT" 20 || return
  tui_snap "$name" "start-$size"
  assert_screen "$size: the key line has Enter: next step" "$name" "$W_NEXT"
  assert_screen "$size: the key line has q: quit" "$name" "$W_QUIT"
  if ((cols >= 200)); then
    assert_screen "$size: the key line has ?: explain this step" "$name" "$W_EXPLAIN"
  fi
  assert_screen "$size: both REs are on the screen" "$name" 're0.*re1|re1.*re0'
  tui_wait_flat "$name" '[Bb][Aa][Cc][Kk][Uu][Pp]' 20
  assert_flat "$size: roles in words, not only colours" "$name" \
    '[Mm][Aa][Ss][Tt][Ee][Rr].*[Bb][Aa][Cc][Kk][Uu][Pp]|[Bb][Aa][Cc][Kk][Uu][Pp].*[Mm][Aa][Ss][Tt][Ee][Rr]'
  if ((cols >= 200)) && tui_wait_flat "$name" "$W_WAIT_PROCEED" 30; then
    # ? explains the step about to run; Esc (or ? again) closes it.
    term_keys "$name" '?'
    if tui_wait_flat "$name" "$W_EXPLAIN_UPGRADE" 10; then
      pass "? shows the upgrade's explanation"
      tui_snap "$name" explain-upgrade
      for key in Escape '?'; do
        term_keys "$name" "$key"
        for _ in $(seq 30); do
          tui_flat "$name" | grep -Eq "$W_EXPLAIN_UPGRADE" || break 2
          sleep 0.1
        done
      done
      CHECKS=$((CHECKS + 1))
      if tui_flat "$name" | grep -Eq "$W_EXPLAIN_UPGRADE"; then
        fail "the explanation closes with Esc or ?" "$(tui_screen "$name")"
      else
        pass "the explanation closes (with $key)"
      fi
    fi
  fi
  # The upgrade's typed confirmation: the RE and the exact command.
  tui_drive "$name" "$W_TYPED" 60 "" "$W_STOP" || return
  tui_snap "$name" "confirm-upgrade-$size"
  assert_screen "$size: the typed confirmation names re0" "$name" 'Type re0 to confirm, Esc to cancel:'
  if ((cols >= 200)); then
    assert_flat "$size: the confirmation shows the exact command" "$name" "$ISSU_CMD"
    assert_flat "$size: the confirmation names the RE (slot, hostname, role)" "$name" \
      're0.*mx480-re0.*[Mm]aster'
  fi
  # Through the upgrade; a moment while re1 reboots is kept.
  tui_drive "$name" "$NO_SCREEN" 60 "$EV_REBOOTING" "$W_STOP" || return
  sleep 0.3
  tui_snap "$name" "backup-rebooting-$size"
  # What is waited for and its limit, also when the line must be shortened.
  assert_flat "$size: the wait says what it waits for and when it gives up" "$name" \
    'Waiting: re1 .*gives up in [0-9]'
  tui_drive "$name" "$W_DONE" 90 "" "$W_STOP" || return
  sleep 0.3
  tui_snap "$name" "issu-complete-$size"
  assert_screen "$size: the end screen says ISSU complete" "$name" "$W_DONE"
  assert_flat "$size: with the releases before and after" "$name" '10\.1R1\.8.*10\.3R2\.11'
  if ((cols >= 200)); then
    assert_flat "$size: and the transcript's path" "$name" "$TEST_TMP/logs$SIM_COUNT/lab-"
  fi
  assert_exact "$size: exactly the three changes, each on the right RE, in order" \
    "$(printf '%s\n' "re0 $ISSU_CMD" 're0 request system reboot' \
      're1 request chassis routing-engine master switch')" "$(changes)"
  tui_quit "$name"
  assert_rc "$size: the console exits 0 after ISSU complete" 0 "${TUI_RC:-none}"
  roles_are "$size: after the switch-back" re0 Master Backup
  releases_are "$size: after the ISSU" re0 10.3R2.11 10.3R2.11
}

# --- refused confirmations send nothing -----------------------------------------
# refused_count: the engine's "Not confirmed" notes in the transcript so far.
refused_count()
{
  local n
  n=$(grep -c "$W_REFUSED" "$(latest_transcript)" 2>/dev/null)
  echo "${n:-0}"
}

# assert_refused WHAT N: a new "Not confirmed" note (the N+1th) appears in
# the transcript and on the screen.
assert_refused()
{
  local what=$1 n=$2 i
  for i in $(seq 50); do
    (($(refused_count) > n)) && break
    sleep 0.1
  done
  assert_eq "$what: one more \"$W_REFUSED\" note" $((n + 1)) "$(refused_count)"
  assert_flat "$what: the screen says $W_REFUSED" refuse "$W_REFUSED"
}

refusals()
{
  local key answer n
  tui_open refuse 200 50
  tui_run refuse "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  tui_wait refuse "$W_QUIT" 20 || return
  # The fix step's plain confirmation: n and Esc refuse, y goes on.
  for key in n Escape; do
    tui_drive refuse "$W_PROCEED" 60 "" "$W_STOP" || return
    tui_snap refuse "proceed-before-$key"
    assert_flat "the fix shows the exact set line" refuse 'set chassis redundancy graceful-switchover'
    n=$(refused_count)
    term_keys refuse "$key"
    tui_wait_gone refuse "$W_PROCEED" 10 || return
    assert_refused "'$key' at Proceed?" "$n"
    sleep 0.5
    assert_no_event "'$key' at Proceed?: no configuration mode, no commit" \
      '.event == "commit" or (.event == "command" and (.text | test("^(configure|set |commit)")))'
  done
  tui_drive refuse "$W_PROCEED" 60 "" "$W_STOP" || return
  term_type refuse y
  assert_event "y at Proceed? commits the fix (the keys do work)" '.event == "commit"'
  # The upgrade's typed confirmation: only re0 and Enter would do.
  for answer in Escape re1 n RE0 "re0 "; do
    tui_drive refuse "$W_TYPED" 60 "" "$W_STOP" || return
    tui_snap refuse "typed-before-${answer// /_}"
    n=$(refused_count)
    if [[ $answer == Escape ]]; then
      term_keys refuse Escape
    else
      term_type refuse "$answer"
      term_keys refuse Enter
    fi
    tui_wait_gone refuse "$W_TYPED" 10 || return
    assert_refused "'$answer' at Type re0 to confirm" "$n"
    sleep 0.5
    assert_no_event "'$answer' at Type re0 to confirm: no in-service-upgrade sent" "$EV_ISSU"
  done
  tui_quit refuse
  assert_rc "leaving before the end exits 1" 1 "${TUI_RC:-none}"
  assert_exact "only the fix reached the router" \
    "$(printf '%s\n' 're0 configure' 're0 set chassis redundancy graceful-switchover' 're0 commit synchronize')" \
    "$(changes)"
  releases_are "nothing upgraded" re0 10.1R1.8 10.1R1.8
}

# --- each fault: a clear stop (or ISSU complete where the ISSU survives it) -------
fault_case()   # FAULT EXPECT (an ERE of the stop's reason, or "complete") SENT
{
  local fault=$1 expect=$2 sent=$3 name=f-$1 want
  tui_open "$name" 200 50
  tui_run "$name" "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  if [[ $expect == complete ]]; then
    tui_drive "$name" "$W_DONE" 120 "" "$W_STOP" || return
    tui_snap "$name" "$fault"
    assert_screen "$fault: ISSU complete" "$name" "$W_DONE"
  else
    tui_drive "$name" "$W_STOP" 120 || return
    sleep 0.3
    tui_snap "$name" "$fault"
    assert_screen "$fault: a clear stop on the screen" "$name" "$W_STOP"
    assert_flat "$fault: saying why" "$name" "$expect"
  fi
  if [[ $fault == hostkey-changed ]]; then
    # Not tui_flat: it takes "++" for an ASCII box line, and a base64
    # fingerprint may hold one.
    assert_match "$fault: both fingerprints, the router's and known_hosts'" \
      "$(tui_screen "$name" | tr -d '│' | tr '\n' ' ')" \
      'SHA256:[A-Za-z0-9+/]{20,}.*SHA256:[A-Za-z0-9+/]{20,}'
  fi
  # What reached the router, as procedure_faults.sh has it for run.
  case $sent in
    none) want= ;;
    issu) want="re0 $ISSU_CMD" ;;
    issu+reboot) want=$(printf '%s\n' "re0 $ISSU_CMD" 're0 request system reboot') ;;
    all) want=$(printf '%s\n' "re0 $ISSU_CMD" 're0 request system reboot' \
      're1 request chassis routing-engine master switch') ;;
  esac
  assert_exact "$fault: only what the state allowed was sent ($sent)" "$want" "$(changes)"
  tui_quit "$name"
}

# --- resize during the upgrade ------------------------------------------------------
resize_during_upgrade()
{
  local size
  tui_open resize 80 24
  tui_run resize "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  tui_drive resize "$NO_SCREEN" 60 "$EV_ISSU" "$W_STOP" || return
  for size in 200x50 80x24 120x40; do
    tm resize-window -t resize -x "${size%x*}" -y "${size#*x}"
    sleep 0.5
    if tui_wait resize "$W_QUIT" 10; then
      pass "after the resize to $size the key line is drawn"
      tui_snap resize "during-upgrade-$size"
      assert_eq "the pane is $size" "$size" "$(tm display-message -p -t resize '#{pane_width}x#{pane_height}')"
      assert_screen "$size: both REs still on the screen" resize 're0.*re1|re1.*re0'
    fi
    CHECKS=$((CHECKS + 1))
    if proc_running "${TUI_PID[resize]:-0}"; then
      pass "the console survives the resize to $size"
    else
      fail "the console survives the resize to $size" "$(term_screen resize | tail -n 20)"
      return
    fi
  done
  tui_drive resize "$W_DONE" 120 "" "$W_STOP" || return
  tui_snap resize issu-complete-after-resizes
  tui_quit resize
  assert_rc "the ISSU completes after the resizes" 0 "${TUI_RC:-none}"
}

# --- quit mid-upgrade, then resume ---------------------------------------------------
quit_and_resume()
{
  tui_open quit 200 50
  tui_run quit "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  tui_drive quit "$NO_SCREEN" 60 "$EV_REBOOTING" "$W_STOP" || return
  tui_quit quit
  CHECKS=$((CHECKS + 1))
  if [[ -n $TUI_ASKED ]]; then
    pass "quitting mid-upgrade asks first"
    assert_match "the question says how to resume (issu-console again)" \
      "$(tr '\n' ' ' <<<"$TUI_ASKED" | tr -s ' ')" 'issu-console'
  else
    fail "quitting mid-upgrade asks first" "the console left without a question"
  fi
  assert_rc "leaving mid-upgrade exits 1" 1 "${TUI_RC:-none}"
  CHECKS=$((CHECKS + 1))
  if ev_wait '.event == "mastership"' 60; then
    pass "the ISSU goes on in the router without the console"
  else
    fail "the ISSU goes on in the router without the console" "$(tail -n 5 "$SIM_EVENTS")"
  fi
  tui_run quit "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  tui_wait quit "$W_QUIT" 20 && tui_snap quit resumed
  tui_drive quit "$W_DONE" 120 "" "$W_STOP" || return
  tui_snap quit issu-complete-after-resume
  assert_exact "resumed: the upgrade was not sent again, the rest once each" \
    "$(printf '%s\n' "re0 $ISSU_CMD" 're0 request system reboot' \
      're1 request chassis routing-engine master switch')" "$(changes)"
  tui_quit quit
  assert_rc "the resumed console exits 0" 0 "${TUI_RC:-none}"
}

# --- Ctrl-C mid-upgrade: asked like q; a second Ctrl-C leaves --------------------------
interrupt()
{
  local record
  tui_open int 80 24
  tui_run int "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  tui_drive int "$NO_SCREEN" 60 "$EV_REBOOTING" "$W_STOP" || return
  term_keys int C-c
  if tui_wait int 'Quit while the router is mid-change' 10; then
    CHECKS=$((CHECKS + 1))
    pass "Ctrl-C mid-upgrade asks first, as q does"
    tui_snap int ctrl-c-question
  fi
  term_keys int n
  if tui_wait_gone int 'Quit while the router is mid-change' 10; then
    CHECKS=$((CHECKS + 1))
    pass "any other key than y closes the question"
  fi
  CHECKS=$((CHECKS + 1))
  if proc_running "${TUI_PID[int]}"; then
    pass "the console still runs after the refused quit"
  else
    fail "the console still runs after the refused quit" "it ended"
  fi
  term_keys int C-c
  tui_wait int 'Quit while the router is mid-change' 10 || return
  term_keys int C-c
  tui_exit int 20 || return
  assert_rc "a second Ctrl-C leaves (exit 1: left mid-change)" 1 "${TUI_RC:-none}"
  assert_flat "it says what was left running and how to follow it" int \
    'Left while the router is mid-change\. The in-service upgrade keeps running'
  record=$(ls -t "$TEST_TMP/logs$SIM_COUNT"/*.md 2>/dev/null | head -n 1)
  assert_match "the change record names the leaving as an anomaly" "$(cat "$record" 2>/dev/null)" \
    'the operator left the console at step 4/8 Upgrade \(ISSU\) while the router was mid-change'
}

# --- NO_COLOR, against colours by default ---------------------------------------------
colours()
{
  local mode n ansi
  tui_open colour 80 24
  for mode in default NO_COLOR; do
    if [[ $mode == NO_COLOR ]]; then
      tui_run colour NO_COLOR=1 "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
    else
      tui_run colour "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
    fi
    tui_wait colour "$W_QUIT" 20 || return
    tui_wait_flat colour '[Bb][Aa][Cc][Kk][Uu][Pp]' 20
    sleep 1
    tui_snap colour "$mode"
    ansi=$(printf '%s/%s-%02d-%s.ansi.txt' "$TUI_ARTEFACTS" "$TEST_NAME" "$TUI_SNAPS" "$mode")
    n=$(tui_colours "$ansi" | wc -l)
    if [[ $mode == NO_COLOR ]]; then
      assert_eq "NO_COLOR: no colour on the screen" 0 "$n"
    else
      assert_ne "colours by default (roles, states)" 0 "$n"
    fi
    assert_flat "$mode: roles in words" colour '[Mm][Aa][Ss][Tt][Ee][Rr]'
    tui_quit colour
  done
}

# --- SIGHUP mid-upgrade (a screen share's ssh dies) -------------------------------------
hangup()
{
  local tty before after flag pane tr_file transcript milestones lost='' m
  tui_open hup 80 24
  tty=$(tui_pane_tty hup)
  before=$(stty -a <"$tty")
  tui_run hup "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  tui_drive hup "$NO_SCREEN" 60 "$EV_REBOOTING" "$W_STOP" || return
  sleep 1   # re0 is quiet while re1 reboots: every line sent has arrived
  tui_snap hup before-hup
  milestones=$(ev_seq '.event == "issu" and (.milestone | startswith("ISSU: "))' '.milestone')
  kill -HUP "${TUI_PID[hup]}"
  tui_exit hup 20
  tui_snap hup after-hup
  CHECKS=$((CHECKS + 1))
  if proc_running "${TUI_PID[hup]}"; then
    fail "the console ended on SIGHUP" "pid ${TUI_PID[hup]} runs"
    kill -TERM "${TUI_PID[hup]}"
    return
  fi
  pass "the console ended on SIGHUP (the shell says status ${TUI_RC:-?})"
  after=$(stty -a <"$tty")
  for flag in icanon echo isig icrnl opost onlcr; do
    assert_match "after SIGHUP the terminal has $flag again (stty -a <$tty)" "$after" "(^|[ ;])$flag( |;|$)"
  done
  # shellcheck disable=SC2020
  assert_eq "the terminal's modes are those from before the console" \
    "$(tr ' ;' '\n\n' <<<"$before" | grep -E '^-?[a-z]+$' | sort | tr '\n' ' ')" \
    "$(tr ' ;' '\n\n' <<<"$after" | grep -E '^-?[a-z]+$' | sort | tr '\n' ' ')"
  term_type hup "stty -a; echo stty-done"
  term_keys hup Enter
  term_wait hup '^stty-done$' 10
  pane=$(term_screen hup)
  assert_match "stty -a in the pane shows icanon" "$pane" '(^| )icanon( |;|$)'
  assert_match "stty -a in the pane shows echo" "$pane" '(^| )echo( |;|$)'
  tr_file=$(latest_transcript)
  transcript=$(cat "$tr_file" 2>/dev/null)
  assert_contains "the transcript has the ISSU sent" "$transcript" "re0 > $ISSU_CMD"
  while IFS= read -r m; do
    [[ -z $m ]] || grep -Fq -- "re0 < $m" <<<"$transcript" || lost+="$m"$'\n'
  done <<<"$milestones"
  assert_eq "every ISSU line re0 printed before the HUP is in the transcript ($tr_file)" "" "$lost"
  CHECKS=$((CHECKS + 1))
  if [[ -s $tr_file && $(tail -c 1 "$tr_file" | od -An -tx1 | tr -d ' ') == 0a ]]; then
    pass "the transcript ends with a whole line"
  else
    fail "the transcript ends with a whole line" "$(tail -n 3 "$tr_file" 2>&1)"
  fi
}

# --- practice opens the console on its own simulator ---------------------------------------
practice_console()
{
  local phome=$TEST_TMP/home ptmp=$TEST_TMP/ptmp sim_pid
  mkdir -p "$phome" "$ptmp"
  tui_open practice 80 24
  tui_run practice HOME="$phome" TMPDIR="$ptmp" ISSU_SIM="$ISSU_SIM" \
    "$CONSOLE" practice --speed 300 || return
  tui_wait practice "$W_QUIT" 30 || return
  tui_snap practice start
  assert_screen "the banner says PRACTICE" practice 'PRACTICE'
  sim_pid=$(proc_children "${TUI_PID[practice]}" issu-sim)
  tui_drive practice "$W_DONE" 120 "" "$W_STOP" || return
  tui_snap practice issu-complete
  tui_quit practice
  assert_rc "practice exits with the console's 0" 0 "${TUI_RC:-none}"
  CHECKS=$((CHECKS + 1))
  if [[ -n $sim_pid ]] && ! proc_running "$sim_pid"; then
    pass "practice's issu-sim (pid $sim_pid) is gone"
  else
    fail "practice's issu-sim is gone" "pid: ${sim_pid:-not found}"
  fi
  assert_eq "practice's temporary directory is gone" "" "$(ls -A "$ptmp")"
}

# --- the password dialog (no password_command): its words match what is done -----
# The sessions keep a password that logged in for that RE's reconnects and
# wipe it when the console ends (sessions/re_session.h): the dialog says so.
password_dialog()
{
  local n re
  sed -i '/password_command/d' "$CONF"
  tui_open pw 80 24
  tui_run pw "$CONSOLE" -c "$CONF" --time-scale "$SPEED" || return
  for n in 1 2; do
    tui_wait_flat pw 'The SSH login to re[01] .* needs the password' 20 || return
    re=$(tui_flat pw | grep -Eo 'The SSH login to re[01]' | head -n 1)
    re=${re##* }
    tui_snap pw "password-dialog-$re"
    assert_flat "$re's dialog: kept for this console's reconnects, wiped at its end" pw \
      "It is kept in memory for this console's reconnects to $re \\(after a reboot, say\\) and wiped when the console ends"
    assert_no_match "$re's dialog does not say it is forgotten once used" "$(tui_flat pw)" 'forgotten'
    term_type pw "$SIM_PASSWORD"
    term_keys pw Enter
    tui_wait_gone pw "The SSH login to $re " 10 || return
  done
  tui_wait_flat pw '[Bb][Aa][Cc][Kk][Uu][Pp]' 20
  assert_event "re0 logged in with the password typed" \
    '.event == "auth" and .re == "re0" and .method == "password" and .ok == true'
  assert_event "re1 logged in with the password typed" \
    '.event == "auth" and .re == "re1" and .method == "password" and .ok == true'
  tui_quit pw
  assert_exact "nothing was changed" "" "$(changes)"
}

# ---------------------------------------------------------------------------
SPEED=300
scenario pw "the password asked in a dialog: its words say how long it is kept"
password_dialog
scenario_end pw

for size in 80x24 200x50; do
  scenario "seed${size%x*}" "the seed path in $size: 10.1R1.8 -> 10.3R2.11 with switch-back"
  seed_path "${size%x*}" "${size#*x}"
  scenario_end "seed${size%x*}"
done

scenario refuse "refusals: n and Esc at Proceed?; Esc, re1, n, RE0, 're0 ' at Type re0" --without gres
refusals
scenario_end refuse

# fault:why-ERE:what-is-sent
for f in validate-fail:'The ISSU on re0 reported an error':issu \
  missing-package:'is not on re0':none \
  backup-not-ready:'re1 is not ready for switchover':none \
  version-mismatch:'ISSU needs the same release':none \
  backup-no-return:'re1 has not come back':issu \
  drop-during-upgrade:complete:all \
  old-master-no-return:'re0 has not come back .* after its reboot':issu+reboot \
  hostkey-changed:'HOST KEY FOR .* HAS CHANGED':issu \
  slow-backup:complete:all \
  auth-fail-after-reboot:'re1: auth':issu; do
  fault=${f%%:*}
  scenario "f-$fault" "--fault $fault" --fault "$fault"
  # The limits procedure_faults.sh uses, so that each ends in its time.
  case $fault in
    backup-no-return) console_conf "$CONF" "issu = 120; backup_reboot = 20; old_master_reboot = 60; switch_holddown = 20;" ;;
    old-master-no-return) console_conf "$CONF" "issu = 120; backup_reboot = 60; old_master_reboot = 10; switch_holddown = 20;" ;;
    slow-backup) console_conf "$CONF" "issu = 240; backup_reboot = 200; old_master_reboot = 200; switch_holddown = 20;" ;;
  esac
  why=${f#*:}
  fault_case "$fault" "${why%:*}" "${f##*:}"
  scenario_end "f-$fault"
done

SPEED=100
scenario resize "resize while the ISSU runs: 80x24 -> 200x50 -> 80x24 -> 120x40"
resize_during_upgrade
scenario_end resize

scenario quit "quit while re1 reboots, then the console again: it derives the phase"
quit_and_resume
scenario_end quit

scenario int "Ctrl-C while re1 reboots: asked like q; a second Ctrl-C leaves"
interrupt
scenario_end int

SPEED=300
scenario colour "colours by default, none with NO_COLOR; states in words either way"
colours
scenario_end colour

SPEED=100
scenario hup "kill -HUP mid-upgrade: terminal sane, transcript complete"
hangup
scenario_end hup

log "practice in the console: banner, the seed path, nothing left behind"
T0=$SECONDS
practice_console
term_close practice
log "practice took $((SECONDS - T0)) s"

finish
