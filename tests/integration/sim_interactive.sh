#!/bin/bash
#
# sim_interactive.sh - the interactive CLI as an operator sees it: `ssh -tt`
# to both REs at once, each in a 120x30 tmux pane, asserting on what the
# pane shows: the login banner, the {master}/{backup} line above the
# USER@HOST> prompt, echo, Backspace editing, ^C, `| no-more`, the caret
# under an unknown word, configure mode and back, the login listed by
# `show system users`, and `exit`/`quit` ending the session with status 0.
# Also commands typed before the CLI is ready (type-ahead through a pipe).

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

start_sim || die "issu-sim does not start"

term_open r0 re0
term_open r1 re1
for re in re0 re1; do
  name=r${re#re}
  term_wait "$name" "$(prompt_re "$re")" || die "no prompt from $re"
done

# --- banner and prompt -----------------------------------------------------

declare -A ROLE=([re0]=master [re1]=backup)
for re in re0 re1; do
  name=r${re#re}
  screen=$(term_screen "$name")
  assert_match "$re: login banner '--- JUNOS 10.1R1.8 built DATE TIME UTC'" "$screen" \
    '^--- JUNOS 10\.1R1\.8 built [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC$'
  assert_lines_in_order "$re: {${ROLE[$re]}} line right above the prompt" "$(tail -n 2 <<<"$screen")" \
    "{${ROLE[$re]}}" "netops@mx480-$re>"
  assert_eq "$re: the cursor waits after 'netops@mx480-$re> '" \
    "$(printf '%s' "netops@mx480-$re> " | wc -c)" "$(tm display-message -p -t "$name" '#{cursor_x}')"
done

# --- echo and a command ----------------------------------------------------

for re in re0 re1; do
  name=r${re#re}
  term_cmd "$name" "$re" "show version"
  assert_eq "$re: the typed command is echoed after the prompt" "netops@mx480-$re> show version" \
    "$(term_screen "$name" | grep -F "netops@mx480-$re> show version" | tail -n 1)"
  assert_eq "$re: show version output starts on the next line" "Hostname: mx480-$re" "$(head -n 1 <<<"$TERM_OUT")"
  assert_line "$re: interactive show version has the release" "$TERM_OUT" "JUNOS Base OS boot [10.1R1.8]"
  assert_no_match "$re: no CR or staircase in the pane" "$TERM_OUT" $'\r|^ {20,}JUNOS'
done

# --- line editing: Backspace -------------------------------------------------

term_type r0 "show verXX"
term_keys r0 BSpace BSpace
term_type r0 "sion"
pre=$(term_count r0 "$(prompt_re re0)")
term_keys r0 Enter
term_wait_count r0 "$(prompt_re re0)" $((pre + 1))
assert_eq "re0: after two Backspaces the line reads 'show version'" "netops@mx480-re0> show version" \
  "$(term_screen r0 | grep -E "$(prompt_re re0)" | sed -n "${pre}p")"
assert_match "re0: the edited line ran show version" "$(term_screen r0 | tail -n 40)" '^Hostname: mx480-re0$'
assert_event "re0: the edited line is logged as 'show version'" \
  '.event == "command" and .re == "re0" and .text == "show version"'
assert_no_event "re0: the keystrokes before editing are not logged as a command" \
  '.event == "command" and (.text | test("XX"))'

# --- ^C throws the line away ---------------------------------------------------

term_type r1 "show chassis routing-engine"
pre=$(term_count r1 "$(prompt_re re1)")
term_keys r1 C-c
term_wait_count r1 "$(prompt_re re1)" $((pre + 1))
assert_no_event "re1: ^C: the line is not run" \
  '.event == "command" and .re == "re1" and .text == "show chassis routing-engine"'
assert_no_match "re1: ^C: no routing-engine output" "$(term_screen r1)" '^Routing Engine status:$'
term_cmd r1 re1 "show system uptime"
assert_match "re1: the CLI works after ^C" "$TERM_OUT" '^Current time: '

# --- | no-more, and the pager is not in the way of a long output ------------

term_cmd r0 re0 "show configuration | no-more"
assert_lines_in_order "re0: show configuration | no-more shows the whole configuration" "$TERM_OUT" \
  "groups {" "            host-name mx480-re0;" "            host-name mx480-re1;"
assert_not_contains "re0: | no-more never pauses" "$TERM_OUT" "---(more"
term_cmd r1 re1 "show version invoke-on all-routing-engines | no-more"
assert_lines_in_order "re1: invoke-on all | no-more" "$TERM_OUT" "re0:" "Hostname: mx480-re0" "re1:" "Hostname: mx480-re1"

# --- errors: the caret under the word ----------------------------------------

term_cmd r0 re0 "frobnicate"
assert_exact "re0: unknown command: caret under its first letter, 'unknown command.'" \
  "$(printf '%*s^\n%s' "$(printf '%s' 'netops@mx480-re0> ' | wc -c)" '' 'unknown command.')" "$TERM_OUT"
term_cmd r1 re1 "show frobnicate"
assert_exact "re1: bad word after show: caret under it, 'syntax error, expecting <command>.'" \
  "$(printf '%*s^\n%s' "$(printf '%s' 'netops@mx480-re1> show ' | wc -c)" '' 'syntax error, expecting <command>.')" \
  "$TERM_OUT"
term_cmd r1 re1 "show chassis alarms"
assert_exact "re1 (backup): show chassis alarms is master-only" \
  "error: Aborted! This command can only be used on the master routing engine." "$TERM_OUT"
term_cmd r0 re0 "show chassis alarms"
assert_exact "re0 (master): no alarms" "No alarms currently active" "$TERM_OUT"

# --- set cli timestamp: a date line before every output --------------------

# As mx480_13.3R6.5_telnet_login_backup_after_issu shows on a backup RE.
TS_RE='^[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}$'
term_cmd r1 re1 "set cli timestamp"
assert_match "re1: set cli timestamp prints the time" "$TERM_OUT" "$TS_RE"
assert_line "re1: set cli timestamp confirms the format" "$TERM_OUT" "CLI timestamp set to: %b %d %T"
term_cmd r1 re1 "show version invoke-on all-routing-engines | match \"Hostname|boot\""
assert_match "re1: with timestamps, output starts with the time" "$(head -n 1 <<<"$TERM_OUT")" "$TS_RE"
assert_exact "re1: | match with a quoted alternation, after the time line" \
  "$(printf '%s\n' 'Hostname: mx480-re0' 'JUNOS Base OS boot [10.1R1.8]' 'Hostname: mx480-re1' 'JUNOS Base OS boot [10.1R1.8]')" \
  "$(tail -n +2 <<<"$TERM_OUT")"
term_cmd r1 re1 "set cli timestamp disable"
term_cmd r1 re1 "show system alarms"
assert_exact "re1: timestamps off again" "No alarms currently active" "$TERM_OUT"

# --- show system users lists the interactive logins -------------------------

term_cmd r0 re0 "show system users"
assert_match "re0: show system users lists this netops login on a pty" "$TERM_OUT" '^netops +p[0-9]+ '
assert_eq "re0: one interactive login listed (the exec-free CLI on re0 only)" 1 \
  "$(grep -Ec '^netops +p[0-9]+ ' <<<"$TERM_OUT")"
term_open r0b re0
term_wait r0b "$(prompt_re re0)"
term_cmd r0b re0 "show system users"
assert_eq "re0: with a second CLI, two logins on two ttys" 2 \
  "$(grep -Eo '^netops +p[0-9]+ ' <<<"$TERM_OUT" | sort -u | wc -l)"
term_type r0b "exit"
term_keys r0b Enter
term_wait_dead r0b
assert_eq "re0: 'exit' ends the second CLI with status 0" 0 "$TERM_RC"
term_close r0b

# --- configure mode and back ---------------------------------------------------

term_cmd r0 re0 "configure"
assert_line "re0: configure says 'Entering configuration mode'" "$TERM_OUT" "Entering configuration mode"
assert_eq "re0: configuration prompt" "netops@mx480-re0#" "$TERM_PROMPT"
assert_eq "re0: {master}[edit] above the # prompt" "{master}[edit]" \
  "$(term_screen r0 | tail -n 2 | head -n 1)"
term_cmd r0 re0 "show chassis redundancy"
assert_line "re0: show in configure mode shows the candidate" "$TERM_OUT" "graceful-switchover;"
term_cmd r0 re0 "exit"
assert_line "re0: exit leaves configuration mode" "$TERM_OUT" "Exiting configuration mode"
assert_eq "re0: back at the operational prompt" "netops@mx480-re0>" "$TERM_PROMPT"
assert_eq "re0: {master} again above the > prompt" "{master}" "$(term_screen r0 | tail -n 2 | head -n 1)"

term_cmd r1 re1 "configure"
assert_eq "re1: configuration prompt on the backup" "netops@mx480-re1#" "$TERM_PROMPT"
assert_eq "re1: {backup}[edit] above the # prompt" "{backup}[edit]" "$(term_screen r1 | tail -n 2 | head -n 1)"
term_cmd r1 re1 "exit configuration-mode"
assert_line "re1: exit configuration-mode" "$TERM_OUT" "Exiting configuration mode"
assert_eq "re1: back at the operational prompt" "netops@mx480-re1>" "$TERM_PROMPT"

# --- exit and quit end the sessions with status 0 -----------------------------

term_type r0 "exit"
term_keys r0 Enter
term_type r1 "quit"
term_keys r1 Enter
for re in re0 re1; do
  name=r${re#re}
  if term_wait_dead "$name"; then
    assert_eq "$re: ssh exits 0 after exit/quit" 0 "$TERM_RC"
  else
    CHECKS=$((CHECKS + 1))
    fail "$re: exit/quit ends the session" "$(term_screen "$name" | tail -n 10)"
  fi
  term_close "$name"
done
assert_event "re0: the session close is logged" '.event == "session-close" and .re == "re0"'
assert_event "re1: the session close is logged" '.event == "session-close" and .re == "re1"'

# --- keystrokes typed before the CLI is ready ----------------------------------

# Everything is written into ssh's stdin at once, before the banner and the
# first prompt arrive; the CLI must run each line in order, then exit.
tty_script re1 $'show version\rshow system uptime\rexit\r' "$TEST_TMP/typeahead"
assert_eq "re1: type-ahead session ends by its own 'exit' with status 0" 0 "$TTY_RC"
typeahead=$(tr -d '\r' <"$TEST_TMP/typeahead")
assert_match "re1: type-ahead: banner still printed" "$typeahead" '^--- JUNOS 10\.1R1\.8 built '
assert_lines_in_order "re1: type-ahead: both commands answered in order" "$typeahead" \
  "Hostname: mx480-re1" "JUNOS Routing Software Suite [10.1R1.8]"
assert_match "re1: type-ahead: uptime answered after show version" \
  "$(sed -n '/^JUNOS Routing Software Suite/,$p' <<<"$typeahead")" '^Current time: '

assert_answers "after the interactive sessions"
assert_commands_logged
stop_sim_clean "interactive"
finish
