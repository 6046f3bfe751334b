#!/bin/bash
#
# sim_robustness.sh - issu-sim survives what clients do wrong, and its other
# sessions do not notice: bytes that are not SSH, silent connections and
# logins that never come, keystrokes typed before the CLI is ready, lines of
# 64 KiB and more (exec and interactive), control characters and binary
# garbage at the CLI, 25 sessions per RE at once (exec and interactive),
# several channels on one connection, and clients that vanish in the middle
# of a command, with a FIN or a reset, or while the simulator is blocked
# writing to them.  After each: the simulator runs, both REs answer
# correctly; at the end every session it opened is closed and its threads and
# file descriptors are back to where they started.
#
# The misbehaving clients are tests/integration/sim_stress (libssh) and
# bash's /dev/tcp; the checks use OpenSSH.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

[[ -x $SIM_STRESS ]] || die "SIM_STRESS=$SIM_STRESS is not an executable (make tests/integration/sim_stress)"

KEY=$TEST_TMP/id_ed25519
ssh-keygen -q -t ed25519 -N '' -f "$KEY" || die "ssh-keygen"
start_sim --authorized-keys "$KEY.pub" || die "issu-sim does not start"
assert_answers "at start"

# The resources of an idle simulator once its first sessions are gone.
settle_wait=$((SECONDS + SIM_WAIT))
while (($(ev_count '.event == "session-close"') < $(ev_count '.event == "session-open"'))) &&
  ((SECONDS < settle_wait)); do
  sleep 0.05
done
BASE_THREADS=$(sim_threads)
BASE_FDS=$(sim_fds)
log "idle simulator: $BASE_THREADS threads, $BASE_FDS fds"

# stress_ok WHAT RE ARGS...: the stress client run must report every session ok.
stress_ok()
{
  local what=$1 re=$2
  shift 2
  stress "$re" "$@"
  assert_rc "$what" 0 "$STRESS_RC" "$STRESS_OUT"
}

# --- bytes that are not SSH --------------------------------------------------------

log "bytes that are not SSH"

# raw RE BYTES-FILE: sends the bytes on a fresh TCP connection and waits for
# the simulator to close it (it must not keep a confused connection open).
raw()
{
  local re=$1 file=$2 fd
  exec {fd}<>"/dev/tcp/127.0.0.1/${SIM_PORT[$re]}" || {
    fail "connect to $re"
    return
  }
  { cat "$file" >&"$fd"; } 2>/dev/null
  timeout 15 cat <&"$fd" >"$TEST_TMP/raw.reply" 2>/dev/null
  RAW_RC=$?
  exec {fd}<&-
}

printf 'show version\r\n' >"$TEST_TMP/cli-before-ssh"
head -c 8192 /dev/urandom >"$TEST_TMP/binary"
{
  printf 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'
  head -c 8192 /dev/urandom
} >"$TEST_TMP/banner-then-binary"
{
  printf 'SSH-2.0-x\r\n'
  head -c 70000 /dev/zero | tr '\0' 'A'
  printf '\r\n'
} >"$TEST_TMP/banner-then-long"
for case in cli-before-ssh binary banner-then-binary banner-then-long; do
  for re in re0 re1; do
    raw "$re" "$TEST_TMP/$case"
    CHECKS=$((CHECKS + 1))
    # cat ends with 0 on a FIN and 1 on a reset; 124 means still open.
    if ((RAW_RC == 0 || RAW_RC == 1)); then
      pass "$re: '$case': the simulator closed the connection"
    else
      fail "$re: '$case': the simulator closes a connection that is not SSH within 15 s" \
        "timeout status $RAW_RC"
    fi
  done
  assert_answers "after '$case' on both REs"
done
reply=$(head -c 200 "$TEST_TMP/raw.reply" | tr -cd '[:print:]')
log "last raw reply: $reply"

# --- silent connections and logins that never come ----------------------------------

log "silent connections"

# Ten TCP connections that say nothing and ten SSH sessions that stop after
# the key exchange: logins on both REs must still be quick.
silent=()
for i in 1 2 3 4 5; do
  for re in re0 re1; do
    exec {fd}<>"/dev/tcp/127.0.0.1/${SIM_PORT[$re]}"
    silent+=("$fd")
  done
done
for re in re0 re1; do
  "$SIM_STRESS" --port "${SIM_PORT[$re]}" --known-hosts "$SIM_KH" --mode noauth \
    --count 5 --hold-ms 3000 >"$TEST_TMP/noauth.$re" 2>&1 &
  BG_PIDS+=($!)
done
start=$SECONDS
assert_answers "with 10 silent TCP connections and 10 unauthenticated sessions open"
CHECKS=$((CHECKS + 1))
if ((SECONDS - start <= 5)); then
  pass "silent clients do not delay other logins"
else
  fail "silent clients do not delay other logins" "the check took $((SECONDS - start)) s"
fi
for fd in "${silent[@]}"; do
  exec {fd}<&-
done
for p in "${BG_PIDS[@]}"; do
  wait_exit "$p" 20
  assert_rc "unauthenticated sessions ran to their end" 0 "$WAIT_RC" "$(cat "$TEST_TMP"/noauth.*)"
  _forget_bg "$p"
done
assert_answers "after the silent and unauthenticated clients left"

# --- keystrokes before the CLI is ready -----------------------------------------------

log "type-ahead"

for re in re0 re1; do
  stress_ok "$re: 10 CLIs typing 'show version' before the banner all get the answer" "$re" \
    --mode shell --early --count 10 --expect "Hostname: mx480-$re"
done
assert_answers "after type-ahead"

# --- over-long lines --------------------------------------------------------------------

log "over-long lines"

long=$(head -c 70000 /dev/zero | tr '\0' 'x')
out=$(sim_ssh re0 "show version $long" 2>&1)
rc=$?
assert_rc "re0: a 70 000-byte exec line is refused like any bad command (exit 1)" 1 "$rc" "${out:0:300}"
assert_contains "re0: and answered with an error" "${out:0:2000}" "error"
# The CLI cuts input lines at 64 KiB (documented in issu-sim(1)); the record
# is the line it ran: the first 65536 bytes of what was sent.
assert_event "re0: the 70 013-byte command is logged as the 65 536 bytes the CLI ran" \
  '.event == "command" and .re == "re0" and .text == $t' --arg t "show version ${long:0:65523}"
stress_ok "re1: a 250 000-byte exec line (near the SSH packet limit) is refused with exit 1" re1 \
  --mode exec --long 250000 --status 1
assert_answers "after over-long exec lines"

for re in re0 re1; do
  stress_ok "$re: 70 000-byte interactive lines, then show version answers" "$re" \
    --mode shell --long 70000 --count 2 --expect "Hostname: mx480-$re"
done
tty_script re1 "show version $long"$'\rshow system uptime\rexit\r' "$TEST_TMP/longtty"
assert_eq "re1: OpenSSH CLI with a 70 000-byte line then more commands ends by its exit" 0 "$TTY_RC"
assert_contains "re1: the command after the long line is answered" "$(tr -d '\r' <"$TEST_TMP/longtty")" "Current time:"
assert_answers "after over-long interactive lines"

# --- control characters and binary garbage at the CLI ------------------------------------

log "garbage at the CLI"

for re in re0 re1; do
  stress_ok "$re: 4 CLIs typed 20 000 bytes of binary garbage, then show version answers" "$re" \
    --mode shell --garbage 20000 --count 4 --seed 7 --expect "Hostname: mx480-$re"
done
# Every control key an operator's fingers can reach (but ^D), escape
# sequences, a NUL and a DEL, on one line; ^C; then real commands.
ctl=$'sh\001\002\005\006\010\011\013\014\016\020\022\024\025\026\027\030\031\032\033[A\033[B\033[C\033[D\033OP\033[3~\000\177\034\035\036\037'
tty_script re0 "$ctl"$'\003\rshow version\rexit\r' "$TEST_TMP/ctltty"
assert_eq "re0: after control characters and ^C the CLI still ends by its exit" 0 "$TTY_RC"
assert_contains "re0: and show version was answered" "$(tr -d '\r' <"$TEST_TMP/ctltty")" "Hostname: mx480-re0"
assert_answers "after garbage at the CLI"

# --- many sessions at once -------------------------------------------------------------

log "many sessions"

for mode in exec shell; do
  pids=()
  for re in re0 re1; do
    "$SIM_STRESS" --port "${SIM_PORT[$re]}" --known-hosts "$SIM_KH" --mode "$mode" --count 25 \
      --expect "Hostname: mx480-$re" --timeout 60 >"$TEST_TMP/many.$re" 2>&1 &
    pids+=($!)
    BG_PIDS+=($!)
  done
  for i in 0 1; do
    wait_exit "${pids[i]}" 90
    _forget_bg "${pids[i]}"
    assert_rc "re$i: 25 concurrent $mode sessions all answered correctly" 0 "$WAIT_RC" \
      "$(cat "$TEST_TMP/many.re$i")"
    assert_contains "re$i: 25 $mode sessions" "$(cat "$TEST_TMP/many.re$i")" "25/25 sessions ok"
  done
  assert_answers "after 25 $mode sessions per RE"
done

# --- several channels on one connection --------------------------------------------------

log "several channels"

stress_ok "re0: two exec channels on one connection: the first answers" re0 \
  --mode multichannel --count 3 --expect "Hostname: mx480-re0"
log "multichannel: $(grep -m1 'second channel' <<<"$STRESS_OUT")"
assert_answers "after several channels on one connection"

# --- clients that vanish -------------------------------------------------------------------

log "vanishing clients"

for re in re0 re1; do
  stress_ok "$re: 10 clients vanish (FIN) right after exec show configuration" "$re" \
    --mode vanish --count 10 --command "show configuration"
  stress_ok "$re: 10 clients vanish (RST) after 100 bytes of invoke-on all-routing-engines" "$re" \
    --mode vanish --count 10 --rst --read-bytes 100 \
    --command "show version invoke-on all-routing-engines"
  stress_ok "$re: 10 CLIs vanish (RST) mid show configuration" "$re" \
    --mode vanish --shell --count 10 --rst --read-bytes 200 --command "show configuration | no-more"
  stress_ok "$re: 10 CLIs vanish (FIN) right after typing a command" "$re" \
    --mode vanish --shell --count 10 --command "show chassis routing-engine"
  assert_answers "after vanishing clients on $re"
done

# The simulator blocked writing to clients that type commands but read
# nothing (SSH window full); then they vanish: its session threads must come
# unstuck.
for re in re0 re1; do
  stress_ok "$re: 3 CLIs type commands without reading the output, then vanish" "$re" \
    --mode flood --count 3 --bytes 8000000 --hold-ms 1500
  log "$re flood: $(grep -m1 'typed' <<<"$STRESS_OUT")"
done
assert_answers "after clients that stopped reading and vanished"

# OpenSSH clients killed at staggered moments: during the key exchange, the
# login, the command, its output.
ssh_opts
killed=()
for i in $(seq 1 12); do
  re=re$((i % 2))
  ssh "${SSH_OPTS[@]}" -o BatchMode=yes -o IdentitiesOnly=yes -i "$KEY" -p "${SIM_PORT[$re]}" \
    "$SIM_USER@$SIM_ADDR" "show configuration" >/dev/null 2>&1 &
  killed+=($!)
  BG_PIDS+=($!)
done
for i in "${!killed[@]}"; do
  sleep 0.0$((i % 10))
  kill -KILL "${killed[i]}" 2>/dev/null
  wait "${killed[i]}" 2>/dev/null
  _forget_bg "${killed[i]}"
done
assert_answers "after killed OpenSSH clients"

# --- nothing left behind ------------------------------------------------------------------

log "nothing left behind"

# Every connection's end is recorded, also those that never logged in, so
# each session-open has a session-close with its id (and there may be more
# closes than opens).
unclosed_sessions()
{
  jq -n '[inputs] | ([.[] | select(.event == "session-open") | .session] -
    [.[] | select(.event == "session-close") | .session]) | length' "$SIM_EVENTS"
}
deadline=$((SECONDS + 30))
while (($(unclosed_sessions) > 0)) && ((SECONDS < deadline)); do
  sleep 0.1
done
assert_eq "every session opened has been closed (no session-open without its session-close)" \
  0 "$(unclosed_sessions)"
assert_eq "every connection accepted has one session-close" \
  "$(jq -n '[inputs | select(.event == "session-close") | .session] | unique | length' "$SIM_EVENTS")" \
  "$(ev_count '.event == "session-close"')"
assert_settles "the simulator's threads and sockets" "$BASE_THREADS" "$BASE_FDS" 30
assert_log_valid
assert_answers "at the end"
stop_sim_clean "after the robustness run"
finish
