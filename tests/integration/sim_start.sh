#!/bin/bash
#
# sim_start.sh - issu-sim's start-up contract: the three lines on stdout, the
# known_hosts file, the `listening` events, explicit ports, a port already in
# use, bad flags and values (one stderr line, exit 2), --help, and a clean
# exit 0 on SIGTERM and SIGINT, with sessions open or not.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

# --- the start-up lines ------------------------------------------------------

start_sim || die "issu-sim does not start with default options"
stdout=$(cat "$SIM_DIR/stdout")
assert_exact "stdout is exactly the three start-up lines" \
  "$(printf 'issu-sim: re0 listening on 127.0.0.1:%s\nissu-sim: re1 listening on 127.0.0.1:%s\nissu-sim: ready' \
    "${SIM_PORT[re0]}" "${SIM_PORT[re1]}")" "$stdout"
assert_ne "re0 and re1 listen on different ports" "${SIM_PORT[re0]}" "${SIM_PORT[re1]}"
for re in re0 re1; do
  CHECKS=$((CHECKS + 1))
  port=${SIM_PORT[$re]}
  if ((port > 0 && port < 65536)); then
    pass "$re port ${SIM_PORT[$re]} is a real port (0 picked a free one)"
  else
    fail "$re port is a real port" "got: ${SIM_PORT[$re]}"
  fi
done
assert_eq "nothing on stderr at start" "" "$(cat "$SIM_DIR/stderr")"

# --- known_hosts: one ed25519 line per RE, [ADDR]:PORT, parseable by OpenSSH -

kh=$(cat "$SIM_KH" 2>/dev/null)
for re in re0 re1; do
  assert_match "known_hosts has an ed25519 line for $re" "$kh" \
    "^\[127\.0\.0\.1\]:${SIM_PORT[$re]} ssh-ed25519 AAAA[A-Za-z0-9+/=]+$"
done
leftover=$(grep -Ev '^\[127\.0\.0\.1\]:[0-9]+ (ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256) AAAA[A-Za-z0-9+/=]+$' "$SIM_KH")
assert_eq "every known_hosts line is [ADDR]:PORT TYPE KEY" "" "$leftover"
CHECKS=$((CHECKS + 1))
if ssh-keygen -l -f "$SIM_KH" >"$TEST_TMP/fp" 2>&1; then
  pass "ssh-keygen reads the known_hosts file ($(wc -l <"$TEST_TMP/fp") keys)"
else
  fail "ssh-keygen -l reads the known_hosts file" "$(cat "$TEST_TMP/fp")"
fi
k0=$(awk -v h="[127.0.0.1]:${SIM_PORT[re0]}" '$1 == h && $2 == "ssh-ed25519" { print $3 }' "$SIM_KH")
k1=$(awk -v h="[127.0.0.1]:${SIM_PORT[re1]}" '$1 == h && $2 == "ssh-ed25519" { print $3 }' "$SIM_KH")
assert_ne "each RE has its own host key" "$k0" "$k1"

# The keys in the file are the keys the REs present (ssh-keyscan asks them).
for re in re0 re1; do
  scanned=$(timeout 10 ssh-keyscan -T 5 -t ed25519 -p "${SIM_PORT[$re]}" 127.0.0.1 2>/dev/null |
    awk '$2 == "ssh-ed25519" { print $3 }')
  want=$(awk -v h="[127.0.0.1]:${SIM_PORT[$re]}" '$1 == h && $2 == "ssh-ed25519" { print $3 }' "$SIM_KH")
  assert_eq "$re presents the ed25519 key written to known_hosts" "$want" "$scanned"
done

# Strict host key checking with that file works on both REs at once.
run_both "show version"
for re in re0 re1; do
  assert_rc "strict ssh to $re with the written known_hosts" 0 "${RC[$re]}" "${ERR[$re]}"
done

# --- the event log -------------------------------------------------------------

assert_log_valid
for re in re0 re1; do
  assert_event "listening event for $re with its port" \
    '.event == "listening" and .re == $re and .port == ($p | tonumber)' \
    --arg re "$re" --arg p "${SIM_PORT[$re]}"
done
stop_sim_clean "idle simulator"
CHECKS=$((CHECKS + 1))
if (exec 3<>"/dev/tcp/127.0.0.1/${SIM_PORT[re0]}") 2>/dev/null; then
  fail "re0's port is closed after exit" "a TCP connect to ${SIM_PORT[re0]} still succeeds"
else
  pass "re0's port is closed after exit"
fi

# --- explicit ports, and a port already in use --------------------------------

p0=${SIM_PORT[re0]} p1=${SIM_PORT[re1]}
if start_sim --re0-port "$p0" --re1-port "$p1" --hostname lab1; then
  assert_eq "--re0-port is the port re0 listens on" "$p0" "${SIM_PORT[re0]}"
  assert_eq "--re1-port is the port re1 listens on" "$p1" "${SIM_PORT[re1]}"
  SIM_HOST=lab1 assert_answers "explicit ports, --hostname lab1"

  # A second simulator on the same re0 port cannot listen: it must say so
  # and exit non-zero rather than run half a chassis.
  first_pid=$SIM_PID first_dir=$SIM_DIR first_ports=("${SIM_PORT[re0]}" "${SIM_PORT[re1]}")
  timeout 20 "$ISSU_SIM" --re0-port "$p0" >"$TEST_TMP/busy.out" 2>"$TEST_TMP/busy.err"
  rc=$?
  CHECKS=$((CHECKS + 1))
  if ((rc != 0 && rc != 124)); then
    pass "a port already in use: exit status $rc"
  else
    fail "a second issu-sim on a port in use exits non-zero" "exit status: $rc" \
      "stdout:" "$(cat "$TEST_TMP/busy.out")"
  fi
  assert_eq "a port in use: one line on stderr" 1 "$(wc -l <"$TEST_TMP/busy.err")"
  assert_contains "a port in use: the message names the port" "$(cat "$TEST_TMP/busy.err")" "$p0"
  assert_not_contains "a port in use: never says ready" "$(cat "$TEST_TMP/busy.out")" "ready"
  SIM_PID=$first_pid SIM_DIR=$first_dir
  SIM_PORT[re0]=${first_ports[0]} SIM_PORT[re1]=${first_ports[1]}
  SIM_HOST=lab1 assert_answers "after another simulator failed to take its port"
  stop_sim_clean "explicit ports"
fi

# --- bad flags and values: one clear stderr line, exit 2, nothing started ------

# bad_flag WORD-THE-MESSAGE-MUST-NAME ARGS...
bad_flag()
{
  local word=$1 rc err
  shift
  timeout 10 "$ISSU_SIM" "$@" >"$TEST_TMP/bad.out" 2>"$TEST_TMP/bad.err"
  rc=$?
  err=$(cat "$TEST_TMP/bad.err")
  assert_rc "issu-sim $* exits 2" 2 "$rc" "$err"
  assert_eq "issu-sim $*: exactly one line on stderr" 1 "$(wc -l <"$TEST_TMP/bad.err")"
  assert_contains "issu-sim $*: the message names '$word'" "$err" "$word"
  assert_eq "issu-sim $*: nothing on stdout" "" "$(cat "$TEST_TMP/bad.out")"
}

bad_flag --bogus --bogus
bad_flag 70000 --re0-port 70000
bad_flag 70000 --re1-port 70000
bad_flag --re0-port --re0-port -1
bad_flag abc --re1-port abc
bad_flag re2 --master re2
bad_flag foo --without foo
bad_flag 0 --speed 0
bad_flag -2 --speed -2
bad_flag fast --speed fast
bad_flag --re0-port --re0-port
bad_flag banana --re0-version banana
bad_flag no-such-fault --fault no-such-fault
bad_flag /home/netops/pkg.tgz --package /home/netops/pkg.tgz
bad_flag --listen --listen=

# A file named by an option that cannot be used is a bad value: exit 2 (see
# issu-sim(1)), one line naming the file, never "ready".
cannot_start()
{
  local word=$1 rc
  shift
  timeout 20 "$ISSU_SIM" "$@" >"$TEST_TMP/cs.out" 2>"$TEST_TMP/cs.err"
  rc=$?
  CHECKS=$((CHECKS + 1))
  if ((rc == 2)); then
    pass "issu-sim $*: cannot start, exit $rc"
  else
    fail "issu-sim $* cannot start (exit 2)" "exit status $rc" "$(cat "$TEST_TMP/cs.err")"
  fi
  assert_eq "issu-sim $*: one line on stderr" 1 "$(wc -l <"$TEST_TMP/cs.err")"
  assert_contains "issu-sim $*: the message names $word" "$(cat "$TEST_TMP/cs.err")" "$word"
  assert_not_contains "issu-sim $*: never says ready" "$(cat "$TEST_TMP/cs.out")" "ready"
}
cannot_start /nonexistent/authorized_keys --authorized-keys /nonexistent/authorized_keys
cannot_start /nonexistent/dir --event-log /nonexistent/dir/events.jsonl
cannot_start /nonexistent/dir --known-hosts-out /nonexistent/dir/known_hosts

# --help is not an error: usage on stdout, exit 0, every flag of the issue.
timeout 10 "$ISSU_SIM" --help >"$TEST_TMP/help.out" 2>"$TEST_TMP/help.err"
assert_rc "issu-sim --help exits 0" 0 "$?" "$(cat "$TEST_TMP/help.err")"
help=$(cat "$TEST_TMP/help.out")
for flag in --listen --re0-port --re1-port --hostname --user --password \
  --authorized-keys --host-key-dir --known-hosts-out --re0-version --re1-version \
  --master --package --without --event-log --speed --fault; do
  assert_contains "--help mentions $flag" "$help" "$flag"
done

# --- signals -----------------------------------------------------------------

start_sim || die "issu-sim does not start"
stop_sim INT
assert_rc "issu-sim exits 0 on SIGINT" 0 "$SIM_RC" "$(cat "$SIM_DIR/stderr")"

# With interactive sessions open on both REs, SIGTERM still ends it at once
# and cleanly; the clients see their connection closed.
if start_sim; then
  [[ -x $SIM_STRESS ]] || die "SIM_STRESS=$SIM_STRESS is not an executable"
  holders=()
  for re in re0 re1; do
    "$SIM_STRESS" --host 127.0.0.1 --port "${SIM_PORT[$re]}" --user netops --password netops \
      --known-hosts "$SIM_KH" --mode hold --count 3 --timeout 30 >"$TEST_TMP/hold.$re" 2>&1 &
    holders+=($!)
    BG_PIDS+=($!)
  done
  for re in re0 re1; do
    ev_wait '.event == "session-open" and .re == $re' 10 --arg re "$re" ||
      fail "sessions held open on $re before SIGTERM" "$(cat "$SIM_EVENTS")"
  done
  # Wait until the six shells are at their prompt.
  deadline=$((SECONDS + SIM_WAIT))
  while (($(grep -c 'at prompt' "$TEST_TMP/hold.re0" "$TEST_TMP/hold.re1" | awk -F: '{ s += $2 } END { print s }') < 6)) &&
    ((SECONDS < deadline)); do
    sleep 0.05
  done
  start=$SECONDS
  stop_sim TERM
  assert_rc "issu-sim exits 0 on SIGTERM with 6 sessions open" 0 "$SIM_RC" "$(cat "$SIM_DIR/stderr")"
  CHECKS=$((CHECKS + 1))
  if ((SECONDS - start <= 5)); then
    pass "SIGTERM with open sessions ends it within 5 s"
  else
    fail "SIGTERM with open sessions ends it within 5 s" "took $((SECONDS - start)) s"
  fi
  for i in 0 1; do
    wait_exit "${holders[i]}" 10
    _forget_bg "${holders[i]}"
    assert_rc "the held sessions on re$i saw the connection end" 0 "$WAIT_RC" "$(cat "$TEST_TMP/hold.re$i")"
  done
fi

finish
