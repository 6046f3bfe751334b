#!/bin/bash
#
# sim_config.sh - configure mode over an interactive ssh -tt session (tmux),
# the way the console's "fix prerequisites" step will use it: on a chassis
# started --without gres, `set chassis redundancy graceful-switchover`,
# `show | compare`, `commit synchronize` with Junos' re0:/re1: sections, and
# then the statement is in the committed configuration of BOTH REs (checked
# over exec on each) and in a `commit` event; plain `commit` syncs when
# commit synchronize is configured and changes only the local RE when it is
# not; `rollback` throws a candidate away; `exit configuration-mode` and the
# uncommitted-changes question.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

GRES="set chassis redundancy graceful-switchover"
NSR="set routing-options nonstop-routing"

# has_line_on RE COMMAND LINE: 0 when COMMAND's output on RE has LINE.
committed()
{
  run_on "$1" "show configuration $2 | display set"
}

# =========================================================================
log "commit synchronize on a chassis started --without gres"
start_sim --without gres || die "issu-sim --without gres does not start"

for re in re0 re1; do
  committed "$re" "chassis redundancy"
  assert_no_line "$re: before: no GRES in the committed configuration" "${OUT[$re]}" "$GRES"
done

term_open cli re0
term_wait cli "$(prompt_re re0)" || die "no prompt from re0"
# Junos shows the {master}/{backup} banner only with GRES configured
# (login_banner_prompts/m320_11.4R5-S4.7_alecto_re1_no_gres, and the
# bare [edit] of configure_mode/mx480_17.3R3-S8.1_show_compare_activate_*).
assert_eq "without GRES: the line above the first prompt is not {master}" "" \
  "$(term_screen cli | tail -n 2 | head -n 1 | grep -Fx '{master}')"
term_cmd cli re0 "configure"
assert_line "configure: Entering configuration mode" "$TERM_OUT" "Entering configuration mode"
assert_eq "without GRES: a bare [edit] above the # prompt" "[edit]" "$(term_screen cli | tail -n 2 | head -n 1)"
assert_eq "configure: # prompt" "netops@mx480-re0#" "$TERM_PROMPT"

term_cmd cli re0 "$GRES"
assert_eq "set chassis redundancy graceful-switchover: no output" "" "$TERM_OUT"

term_cmd cli re0 "show | compare"
# Junos indents a diff line by the depth of its [edit ...] context plus two
# (e.g. '[edit interfaces ge-0/0/13]' then '+    unit 0 {' in real captures).
assert_exact "show | compare: the added statement in Junos' diff form" \
  "$(printf '%s\n' '[edit chassis redundancy]' '+    graceful-switchover;')" "$TERM_OUT"

# The candidate is not the configuration yet: neither RE has it.
for re in re0 re1; do
  committed "$re" "chassis redundancy"
  assert_no_line "$re: before the commit the candidate is not committed" "${OUT[$re]}" "$GRES"
done

term_cmd cli re0 "commit synchronize"
assert_exact "commit synchronize: re0 checks, re1 commits, re0 commits" \
  "$(printf '%s\n' 're0:' 'configuration check succeeds' 're1:' 'commit complete' 're0:' 'commit complete')" \
  "$TERM_OUT"
assert_eq "after commit synchronize: still in configure mode" "netops@mx480-re0#" "$TERM_PROMPT"
assert_eq "with GRES committed the banner is {master}[edit]" "{master}[edit]" \
  "$(term_screen cli | tail -n 2 | head -n 1)"

run_both "show configuration chassis redundancy | display set"
for re in re0 re1; do
  assert_line "$re: GRES committed on $re (synchronized)" "${OUT[$re]}" "$GRES"
done
run_both "show system switchover"
assert_line "the backup now reports GRES on" "${OUT[re1]}" "Graceful switchover: On"
# One record for the commit, on the RE where it was typed; `synchronize`
# says the other RE took the same configuration.
assert_event "re0: a commit event, synchronized, with the set line applied" \
  '.event == "commit" and .re == "re0" and .synchronize == true and any(.lines[]; . == $l)' --arg l "$GRES"
assert_event "the commit synchronize command is logged as typed" \
  '.event == "command" and .re == "re0" and .text == "commit synchronize"'

term_cmd cli re0 "show | compare"
assert_eq "after the commit, show | compare is empty" "" "$TERM_OUT"

# --- plain commit with commit synchronize configured: both REs ---------------------

term_cmd cli re0 "delete chassis redundancy graceful-switchover"
term_cmd cli re0 "show | compare"
assert_exact "delete: show | compare shows the removal" \
  "$(printf '%s\n' '[edit chassis redundancy]' '-    graceful-switchover;')" "$TERM_OUT"
term_cmd cli re0 "commit"
assert_exact "plain commit with synchronize configured syncs (re0:/re1: sections)" \
  "$(printf '%s\n' 're0:' 'configuration check succeeds' 're1:' 'commit complete' 're0:' 'commit complete')" \
  "$TERM_OUT"
run_both "show configuration chassis redundancy | display set"
for re in re0 re1; do
  assert_no_line "$re: the delete reached $re too" "${OUT[$re]}" "$GRES"
done

# --- rollback throws the candidate away ------------------------------------------

term_cmd cli re0 "set system host-name typo-re0"
term_cmd cli re0 "show | compare"
assert_contains "a candidate change is pending" "$TERM_OUT" "host-name typo-re0"
term_cmd cli re0 "rollback"
assert_line "rollback: load complete" "$TERM_OUT" "load complete"
term_cmd cli re0 "show | compare"
assert_eq "after rollback nothing is pending" "" "$TERM_OUT"
run_on re0 "show configuration | display set | match typo"
assert_eq "the rolled-back change never reached the configuration" "" "${OUT[re0]}"

# --- errors in configure mode ----------------------------------------------------

term_cmd cli re0 "set chassis frobnicate"
assert_contains "an unknown statement is a syntax error" "$TERM_OUT" "syntax error"
term_cmd cli re0 "show | compare"
assert_eq "an error leaves nothing pending" "" "$TERM_OUT"
term_cmd cli re0 "rollback"

# --- leaving configure mode -------------------------------------------------------

term_cmd cli re0 "exit configuration-mode"
assert_line "exit configuration-mode" "$TERM_OUT" "Exiting configuration mode"
assert_eq "back at the > prompt" "netops@mx480-re0>" "$TERM_PROMPT"
term_type cli "exit"
term_keys cli Enter
term_wait_dead cli
assert_eq "the CLI session ends with status 0" 0 "${TERM_RC:-none}"
term_close cli

assert_commands_logged
assert_log_valid
stop_sim_clean "commit synchronize"

# =========================================================================
log "plain commit without commit synchronize: only the local RE changes"
start_sim --without nsr --without commit-sync || die "issu-sim does not start"

term_open cli re0
term_wait cli "$(prompt_re re0)" || die "no prompt from re0"
term_cmd cli re0 "configure"
term_cmd cli re0 "$NSR"
term_cmd cli re0 "commit"
assert_exact "plain commit without synchronize: just 'commit complete'" "commit complete" "$TERM_OUT"

run_both "show configuration routing-options | display set"
assert_line "re0 (where it was committed) has NSR" "${OUT[re0]}" "$NSR"
assert_no_line "re1 does not: nothing synchronized it" "${OUT[re1]}" "$NSR"
assert_event "re0: commit event, not synchronized, with the NSR line" \
  '.event == "commit" and .re == "re0" and .synchronize == false and any(.lines[]; . == $l)' --arg l "$NSR"
assert_no_event "re1: no commit event" '.event == "commit" and .re == "re1"'

# commit synchronize works even when it is not configured.
term_cmd cli re0 "set system commit synchronize"
term_cmd cli re0 "commit synchronize"
assert_exact "commit synchronize without it configured: both sections" \
  "$(printf '%s\n' 're0:' 'configuration check succeeds' 're1:' 'commit complete' 're0:' 'commit complete')" \
  "$TERM_OUT"
run_both "show configuration | display set | match \"nonstop-routing|commit synchronize\""
for re in re0 re1; do
  assert_line "$re: NSR after commit synchronize" "${OUT[$re]}" "$NSR"
  assert_line "$re: commit synchronize after commit synchronize" "${OUT[$re]}" "set system commit synchronize"
done

# Leaving with uncommitted changes: Junos asks, and 'yes' leaves them behind.
term_cmd cli re0 "set system host-name pending-re0"
pre=$(term_count cli "$(prompt_re re0)")
term_type cli "exit configuration-mode"
term_keys cli Enter
term_wait cli '^Exit with uncommitted changes\? \[yes,no\] \(yes\)' &&
  assert_match "leaving with uncommitted changes asks first" "$(term_screen cli)" \
    '^The configuration has been changed but not committed$'
term_type cli "yes"
term_keys cli Enter
term_wait_count cli "$(prompt_re re0)" $((pre + 1))
assert_match "after 'yes' the > prompt is back" "$(term_screen cli | tail -n 1)" '^netops@mx480-re0>$'
run_on re0 "show configuration | display set | match pending"
assert_eq "the uncommitted change was not committed" "" "${OUT[re0]}"

term_type cli "exit"
term_keys cli Enter
term_wait_dead cli
term_close cli
assert_commands_logged
stop_sim_clean "plain commit"

# =========================================================================
log "commit synchronize from the master when it is re1"
start_sim --master re1 --without gres || die "issu-sim --master re1 does not start"
term_open cli re1
term_wait cli "$(prompt_re re1)" || die "no prompt from re1"
term_cmd cli re1 "configure"
# Without GRES committed Junos shows no {master} banner (reference:
# configure_mode/mx480_17.3R3-S8.1_show_compare_activate_gres_nsr.src).
assert_eq "without GRES: a bare [edit] above the # prompt" "[edit]" "$(term_screen cli | tail -n 2 | head -n 1)"
term_cmd cli re1 "$GRES"
term_cmd cli re1 "commit synchronize"
assert_eq "with GRES committed: {master}[edit] on re1" "{master}[edit]" "$(term_screen cli | tail -n 2 | head -n 1)"
assert_exact "commit synchronize on re1: re1 checks, re0 commits, re1 commits" \
  "$(printf '%s\n' 're1:' 'configuration check succeeds' 're0:' 'commit complete' 're1:' 'commit complete')" \
  "$TERM_OUT"
run_both "show configuration chassis redundancy | display set"
for re in re0 re1; do
  assert_line "$re: GRES committed from re1" "${OUT[$re]}" "$GRES"
done
term_cmd cli re1 "exit"
term_type cli "exit"
term_keys cli Enter
term_wait_dead cli
term_close cli
assert_commands_logged
stop_sim_clean "master re1"

finish
