# shellcheck shell=bash
# jq programs are in single quotes on purpose (SC2016); the globals set here
# are read by the test scripts (SC2034).
# shellcheck disable=SC2016,SC2034
#
# lib.sh - what the integration tests share: start the real issu-sim on free
# loopback ports in a private temporary directory, talk to it with OpenSSH's
# own client (strict host-key checking against the known_hosts file the
# simulator wrote, the password through sshpass), drive interactive sessions
# in a private tmux server, read the simulator's event log with jq, and assert
# with messages that say what was expected and what came back.
#
# Sourced by tests/integration/sim_*.sh.  `make check` passes ISSU_SIM,
# SIM_STRESS and TESTS_LIB; run by hand from the build directory the defaults
# below find the binaries.  A test script exits 0 (pass) or 1 (fail); a tool
# that CI installs is never a reason to skip, so a missing one fails the test
# with the package to install.
#
# Everything a test starts (simulators, ssh clients, the tmux server) is
# recorded here and ended by the EXIT trap, and the temporary directory is
# removed, whatever way the script ends (KEEP_TMP=1 keeps it for debugging).

set -u

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP_DIR=$(cd "$LIB_DIR/../.." && pwd)
: "${ISSU_SIM:=$TOP_DIR/issu-sim}"
: "${SIM_STRESS:=$TOP_DIR/tests/integration/sim_stress}"
TEST_NAME=$(basename "$0" .sh)

# Seconds to wait for the simulator to start and for one answer; generous
# because CI may run a sanitizer build on two busy cores.
: "${SIM_WAIT:=20}"

SIM_ADDR=127.0.0.1
SIM_USER=netops
SIM_PASSWORD=netops

FAILURES=0
CHECKS=0
SIM_COUNT=0
SIM_PID=
SIM_DIR=
SIM_KH=
SIM_EVENTS=
SIM_RC=
declare -A SIM_PORT=()
declare -a LIVE_SIMS=()		# pids of simulators not yet stopped
declare -a BG_PIDS=()		# other background processes we started
declare -A OUT=() ERR=() RC=()	# results of run_on / run_both, per RE
declare -a SENT=()		# "reN<TAB>text" of every command sent

unset SSH_AUTH_SOCK		# a developer's agent must not answer for us

# --- reporting -------------------------------------------------------------

log()
{
  printf '%s: [%ds] %s\n' "$TEST_NAME" "$SECONDS" "$*"
}

# fail WHAT [DETAIL...]: one failed check; details are indented below it.
fail()
{
  local what=$1
  shift
  FAILURES=$((FAILURES + 1))
  printf 'FAIL: %s\n' "$what"
  if (($# > 0)); then
    printf '%s\n' "$@" | head -n 80 |
      awk '{ if (length($0) > 300) $0 = substr($0, 1, 300) "... (" length($0) " characters)"
             print "    | " $0 }'
  fi
}

pass()
{
  printf 'ok: %s\n' "$1"
}

# die WHAT: a broken precondition; nothing after it can be meaningful.
die()
{
  printf 'FATAL: %s\n' "$*"
  FAILURES=$((FAILURES + 1))
  exit 1
}

# need TOOL PACKAGE: CI installs every tool these tests use.
need()
{
  command -v "$1" >/dev/null 2>&1 ||
    die "needs '$1' (apt-get install $2); CI installs it, so this is a failure, not a skip"
}

finish()
{
  if ((FAILURES > 0)); then
    printf '%s: %d of %d checks FAILED\n' "$TEST_NAME" "$FAILURES" "$CHECKS"
    exit 1
  fi
  printf '%s: all %d checks passed\n' "$TEST_NAME" "$CHECKS"
  exit 0
}

# --- assertions: each counts one check and explains a failure -------------

# show TEXT: the text as a failure detail, or a marker when it is empty.
_show()
{
  if [[ -z $1 ]]; then
    printf '(nothing)'
  else
    printf '%s' "$1"
  fi
}

assert_eq()
{
  local what=$1 expected=$2 got=$3
  CHECKS=$((CHECKS + 1))
  if [[ $expected == "$got" ]]; then
    pass "$what"
  else
    fail "$what" "expected: $(_show "$expected")" "got:      $(_show "$got")"
  fi
}

assert_ne()
{
  local what=$1 unexpected=$2 got=$3
  CHECKS=$((CHECKS + 1))
  if [[ $unexpected != "$got" ]]; then
    pass "$what"
  else
    fail "$what" "expected anything but: $(_show "$unexpected")"
  fi
}

# assert_rc WHAT EXPECTED GOT [OUTPUT]
assert_rc()
{
  local what=$1 expected=$2 got=$3 output=${4-}
  CHECKS=$((CHECKS + 1))
  if [[ $expected == "$got" ]]; then
    pass "$what"
  else
    fail "$what" "expected exit status $expected, got $got" "output:" "$(_show "$output")"
  fi
}

# assert_line WHAT TEXT LINE: LINE is one whole line of TEXT.
assert_line()
{
  local what=$1 text=$2 line=$3
  CHECKS=$((CHECKS + 1))
  if grep -Fxq -- "$line" <<<"$text"; then
    pass "$what"
  else
    fail "$what" "expected the line: $line" "got:" "$(_show "$text")"
  fi
}

assert_no_line()
{
  local what=$1 text=$2 line=$3
  CHECKS=$((CHECKS + 1))
  if ! grep -Fxq -- "$line" <<<"$text"; then
    pass "$what"
  else
    fail "$what" "expected no line: $line" "got:" "$(_show "$text")"
  fi
}

# assert_contains WHAT TEXT SUBSTRING
assert_contains()
{
  local what=$1 text=$2 sub=$3
  CHECKS=$((CHECKS + 1))
  if [[ $text == *"$sub"* ]]; then
    pass "$what"
  else
    fail "$what" "expected to contain: $sub" "got:" "$(_show "$text")"
  fi
}

assert_not_contains()
{
  local what=$1 text=$2 sub=$3
  CHECKS=$((CHECKS + 1))
  if [[ $text != *"$sub"* ]]; then
    pass "$what"
  else
    fail "$what" "expected not to contain: $sub" "got:" "$(_show "$text")"
  fi
}

# assert_match WHAT TEXT ERE: some line of TEXT matches the extended regex.
assert_match()
{
  local what=$1 text=$2 re=$3
  CHECKS=$((CHECKS + 1))
  if grep -Eq -- "$re" <<<"$text"; then
    pass "$what"
  else
    fail "$what" "expected a line matching: $re" "got:" "$(_show "$text")"
  fi
}

assert_no_match()
{
  local what=$1 text=$2 re=$3
  CHECKS=$((CHECKS + 1))
  if ! grep -Eq -- "$re" <<<"$text"; then
    pass "$what"
  else
    fail "$what" "expected no line matching: $re" "got:" "$(_show "$text")"
  fi
}

# assert_lines_in_order WHAT TEXT LINE...: each LINE is a whole line of TEXT,
# after the previous one (other lines may come between).
assert_lines_in_order()
{
  local what=$1 text=$2 want line i=0
  shift 2
  local -a lines=("$@")
  CHECKS=$((CHECKS + 1))
  while IFS= read -r line; do
    if ((i < ${#lines[@]})) && [[ $line == "${lines[i]}" ]]; then
      i=$((i + 1))
    fi
  done <<<"$text"
  if ((i == ${#lines[@]})); then
    pass "$what"
    return
  fi
  want=$(printf '%s\n' "${lines[@]}")
  fail "$what" "expected these lines in this order:" "$want" \
    "(line $((i + 1)) of those not found: ${lines[i]})" "got:" "$(_show "$text")"
}

# assert_exact WHAT EXPECTED_TEXT GOT_TEXT, with a diff when they differ.
assert_exact()
{
  local what=$1 expected=$2 got=$3
  CHECKS=$((CHECKS + 1))
  if [[ $expected == "$got" ]]; then
    pass "$what"
  else
    fail "$what" "diff expected got:" \
      "$(diff <(printf '%s\n' "$expected") <(printf '%s\n' "$got"))"
  fi
}

# --- processes -------------------------------------------------------------

# proc_running PID: the process exists and is not a zombie (kill -0 succeeds
# on an unreaped child, so it cannot tell).
proc_running()
{
  local state
  [[ -r /proc/$1/stat ]] || return 1
  state=$(sed -e 's/^.*) //' -e 's/ .*//' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# wait_exit PID SECONDS: waits for a child to end; its status in WAIT_RC,
# 124 (and the process killed) when it did not end in time.
wait_exit()
{
  local pid=$1 limit=$2 start=$SECONDS
  while proc_running "$pid"; do
    if ((SECONDS - start >= limit)); then
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
      WAIT_RC=124
      return 1
    fi
    sleep 0.05
  done
  wait "$pid" 2>/dev/null
  WAIT_RC=$?
  return 0
}

_forget_bg()
{
  local p keep=()
  for p in "${BG_PIDS[@]}"; do
    [[ $p == "$1" ]] || keep+=("$p")
  done
  BG_PIDS=("${keep[@]}")
}

_cleanup()
{
  local rc=$? p
  trap - EXIT INT TERM
  for p in "${BG_PIDS[@]}"; do
    kill -TERM "$p" 2>/dev/null
  done
  for p in "${LIVE_SIMS[@]}"; do
    kill -TERM "$p" 2>/dev/null
  done
  for p in "${LIVE_SIMS[@]}" "${BG_PIDS[@]}"; do
    wait_exit "$p" 5
  done
  if [[ -n ${TMUX_SOCK-} && -S $TMUX_SOCK ]]; then
    tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
  fi
  if [[ ${KEEP_TMP-} == 1 ]]; then
    printf '%s: kept %s\n' "$TEST_NAME" "$TEST_TMP"
  else
    rm -rf "$TEST_TMP"
  fi
  exit "$rc"
}

need timeout coreutils
need ssh openssh-client
need ssh-keygen openssh-client
need sshpass sshpass
need jq jq
[[ -x $ISSU_SIM ]] || die "ISSU_SIM=$ISSU_SIM is not an executable (build it: make issu-sim)"

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/issu-sim-$TEST_NAME.XXXXXX") ||
  die "cannot create a temporary directory"
trap _cleanup EXIT
trap 'exit 1' INT TERM

# --- the simulator ---------------------------------------------------------

# start_sim [ARGS...]: starts issu-sim on free ports with its own directory,
# known_hosts file and event log (SIM_DIR, SIM_KH, SIM_EVENTS), waits for the
# `ready` line and reads the ports into SIM_PORT[re0] and SIM_PORT[re1].
# Returns 1 (after saying why) when it does not come up.
start_sim()
{
  local start=$SECONDS
  SIM_COUNT=$((SIM_COUNT + 1))
  SIM_DIR=$TEST_TMP/sim$SIM_COUNT
  SIM_KH=$SIM_DIR/known_hosts
  SIM_EVENTS=$SIM_DIR/events.jsonl
  mkdir -p "$SIM_DIR"
  # `env --default-signal` undoes the SIG_IGN that a non-interactive shell
  # gives SIGINT in background jobs, so SIGINT can be tested as a user sends it.
  env --default-signal=INT,QUIT "$ISSU_SIM" --known-hosts-out "$SIM_KH" \
    --event-log "$SIM_EVENTS" "$@" >"$SIM_DIR/stdout" 2>"$SIM_DIR/stderr" &
  SIM_PID=$!
  LIVE_SIMS+=("$SIM_PID")
  printf '%s\n' "$*" >"$SIM_DIR/args"
  while ! grep -qx 'issu-sim: ready' "$SIM_DIR/stdout" 2>/dev/null; do
    if ! proc_running "$SIM_PID"; then
      wait "$SIM_PID"
      fail "issu-sim $* did not start (exit $?)" "stdout:" "$(cat "$SIM_DIR/stdout")" \
        "stderr:" "$(cat "$SIM_DIR/stderr")"
      _forget_sim "$SIM_PID"
      return 1
    fi
    if ((SECONDS - start > SIM_WAIT)); then
      fail "issu-sim $* printed no 'issu-sim: ready' in ${SIM_WAIT}s" \
        "stdout:" "$(cat "$SIM_DIR/stdout")" "stderr:" "$(cat "$SIM_DIR/stderr")"
      return 1
    fi
    sleep 0.02
  done
  SIM_PORT[re0]=$(sed -n 's/^issu-sim: re0 listening on .*:\([0-9][0-9]*\)$/\1/p' "$SIM_DIR/stdout")
  SIM_PORT[re1]=$(sed -n 's/^issu-sim: re1 listening on .*:\([0-9][0-9]*\)$/\1/p' "$SIM_DIR/stdout")
  if [[ -z ${SIM_PORT[re0]} || -z ${SIM_PORT[re1]} ]]; then
    fail "issu-sim printed no 're0/re1 listening on ADDR:PORT' lines" "$(cat "$SIM_DIR/stdout")"
    return 1
  fi
  SENT=()
  return 0
}

_forget_sim()
{
  local p keep=()
  for p in "${LIVE_SIMS[@]}"; do
    [[ $p == "$1" ]] || keep+=("$p")
  done
  LIVE_SIMS=("${keep[@]}")
}

# sim_alive: the current simulator still runs (it has not crashed).
sim_alive()
{
  proc_running "$SIM_PID"
}

assert_sim_alive()
{
  CHECKS=$((CHECKS + 1))
  if sim_alive; then
    pass "issu-sim is still running ($1)"
  else
    wait "$SIM_PID" 2>/dev/null
    local rc=$?
    _forget_sim "$SIM_PID"
    fail "issu-sim died ($1): exit status $rc" "stderr:" "$(tail -n 40 "$SIM_DIR/stderr")"
  fi
}

# stop_sim [SIGNAL]: signals the simulator (TERM by default), waits for it and
# leaves its exit status in SIM_RC; a sanitizer report on stderr is a failure.
stop_sim()
{
  local sig=${1:-TERM}
  [[ -n $SIM_PID ]] || return 0
  kill "-$sig" "$SIM_PID" 2>/dev/null
  wait_exit "$SIM_PID" "$SIM_WAIT"
  SIM_RC=$WAIT_RC
  _forget_sim "$SIM_PID"
  if grep -Eq 'Sanitizer|runtime error:' "$SIM_DIR/stderr"; then
    CHECKS=$((CHECKS + 1))
    fail "issu-sim reported a sanitizer error" "$(head -n 60 "$SIM_DIR/stderr")"
  fi
  SIM_PID=
}

# stop_sim_clean WHY: SIGTERM, and the simulator must exit 0.
stop_sim_clean()
{
  stop_sim TERM
  assert_rc "issu-sim exits 0 on SIGTERM ($1)" 0 "$SIM_RC" "$(cat "$SIM_DIR/stderr")"
}

# --- OpenSSH ---------------------------------------------------------------

# Options for every ssh run: no user or system configuration, no agent, strict
# checking against the simulator's known_hosts file only, nothing written back.
ssh_opts()
{
  SSH_OPTS=(-F /dev/null
    -o StrictHostKeyChecking=yes
    -o "UserKnownHostsFile=$SIM_KH"
    -o GlobalKnownHostsFile=/dev/null
    -o UpdateHostKeys=no
    -o CheckHostIP=no
    -o IdentityAgent=none
    -o ConnectTimeout=10
    -o ServerAliveInterval=0
    -o LogLevel=ERROR)
}

# sim_ssh RE [SSH ARGS...] COMMAND: password login through sshpass.  BatchMode
# is not set here because it turns password authentication off; sshpass is
# what keeps the run non-interactive.
sim_ssh()
{
  local re=$1
  shift
  ssh_opts
  timeout -k 5 "$SIM_WAIT" sshpass -p "$SIM_PASSWORD" ssh "${SSH_OPTS[@]}" \
    -o PubkeyAuthentication=no -o PreferredAuthentications=password \
    -p "${SIM_PORT[$re]}" "$SIM_USER@$SIM_ADDR" "$@"
}

# sim_ssh_key RE KEYFILE [SSH ARGS...] COMMAND: public key login, BatchMode.
sim_ssh_key()
{
  local re=$1 key=$2
  shift 2
  ssh_opts
  timeout -k 5 "$SIM_WAIT" ssh "${SSH_OPTS[@]}" -o BatchMode=yes \
    -o IdentitiesOnly=yes -o PreferredAuthentications=publickey -i "$key" \
    -p "${SIM_PORT[$re]}" "$SIM_USER@$SIM_ADDR" "$@"
}

# run_on RE COMMAND: exec COMMAND on RE; OUT[RE], ERR[RE], RC[RE] hold the
# result and the command is remembered for assert_commands_logged.
run_on()
{
  local re=$1 cmd=$2 f=$TEST_TMP/run.$1
  sim_ssh "$re" "$cmd" >"$f.out" 2>"$f.err"
  RC[$re]=$?
  OUT[$re]=$(<"$f.out")
  ERR[$re]=$(<"$f.err")
  SENT+=("$re	$cmd")
}

# run_both COMMAND: the same command on re0 and re1 at the same time.
run_both()
{
  local cmd=$1 f=$TEST_TMP/run p0 p1
  sim_ssh re0 "$cmd" >"$f.re0.out" 2>"$f.re0.err" &
  p0=$!
  sim_ssh re1 "$cmd" >"$f.re1.out" 2>"$f.re1.err" &
  p1=$!
  wait "$p0"
  RC[re0]=$?
  wait "$p1"
  RC[re1]=$?
  OUT[re0]=$(<"$f.re0.out")
  ERR[re0]=$(<"$f.re0.err")
  OUT[re1]=$(<"$f.re1.out")
  ERR[re1]=$(<"$f.re1.err")
  SENT+=("re0	$cmd" "re1	$cmd")
}

# assert_answers WHY: both REs still answer `show version` with their own
# hostname (the simulator is alive and its sessions work).
assert_answers()
{
  local why=$1 re
  assert_sim_alive "$why"
  sim_alive || return
  run_both "show version"
  for re in re0 re1; do
    assert_rc "$re answers show version ($why)" 0 "${RC[$re]}" "${OUT[$re]}${ERR[$re]}"
    assert_line "$re still says it is ${SIM_HOST:-mx480}-$re ($why)" "${OUT[$re]}" \
      "Hostname: ${SIM_HOST:-mx480}-$re"
  done
}

# --- the event log ---------------------------------------------------------

# ev_count FILTER [JQ ARGS...]: records of the current event log for which the
# jq expression FILTER is true (e.g. '.event == "auth" and .ok == false').
ev_count()
{
  local filter=$1
  shift
  [[ -s $SIM_EVENTS ]] || {
    echo 0
    return
  }
  jq -n "$@" "[inputs | select($filter)] | length" "$SIM_EVENTS" 2>/dev/null || echo -1
}

# ev_wait FILTER SECONDS [JQ ARGS...]: until at least one record matches.
ev_wait()
{
  local filter=$1 limit=$2 start=$SECONDS n
  shift 2
  while :; do
    n=$(ev_count "$filter" "$@")
    ((n > 0)) && return 0
    ((SECONDS - start >= limit)) && return 1
    sleep 0.05
  done
}

# assert_event WHAT FILTER [JQ ARGS...]: a matching record appears (the log is
# flushed as things happen, so it is given a moment).
assert_event()
{
  local what=$1 filter=$2
  shift 2
  CHECKS=$((CHECKS + 1))
  if ev_wait "$filter" 5 "$@"; then
    pass "$what"
  else
    fail "$what" "expected an event-log record with: $filter $*" \
      "last records of $SIM_EVENTS:" "$(tail -n 15 "$SIM_EVENTS" 2>/dev/null)"
  fi
}

assert_no_event()
{
  local what=$1 filter=$2 n
  shift 2
  CHECKS=$((CHECKS + 1))
  n=$(ev_count "$filter" "$@")
  if [[ $n == 0 ]]; then
    pass "$what"
  else
    fail "$what" "expected no event-log record with: $filter $*" "matching records:" \
      "$(jq -c -n "$@" "inputs | select($filter)" "$SIM_EVENTS" 2>&1 | head -n 10)"
  fi
}

# assert_log_valid: every line is a JSON object with time (ISO 8601 UTC with
# milliseconds), re and event.
assert_log_valid()
{
  local bad
  CHECKS=$((CHECKS + 1))
  bad=$(jq -R -r '. as $l | try (fromjson
      | if type == "object"
           and (.time | type == "string"
                and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z$"))
           and has("re") and (.event | type == "string")
        then empty else "bad record: \($l)" end)
    catch "not JSON: \($l)"' "$SIM_EVENTS" 2>&1 | head -n 10)
  if [[ -s $SIM_EVENTS && -z $bad ]]; then
    pass "event log $(wc -l <"$SIM_EVENTS") records, all JSON with time/re/event"
  else
    fail "event log is JSON Lines with time, re and event" "$(_show "$bad")"
  fi
}

# assert_commands_logged: every command sent with run_on/run_both has a
# `command` record for its RE whose text is exactly what was sent.
assert_commands_logged()
{
  local entry re text n missing=()
  CHECKS=$((CHECKS + 1))
  for entry in "${SENT[@]}"; do
    re=${entry%%	*}
    text=${entry#*	}
    n=$(ev_count '.event == "command" and .re == $re and .text == $t' --arg re "$re" --arg t "$text")
    [[ $n -ge 1 ]] || missing+=("$re: $text")
  done
  if ((${#missing[@]} == 0)); then
    pass "all ${#SENT[@]} commands sent are in the event log with their exact text"
  else
    fail "commands missing from the event log (re, exact text):" "${missing[@]}" \
      "command records logged:" "$(jq -c 'select(.event == "command")' "$SIM_EVENTS" | tail -n 20)"
  fi
}

# --- interactive sessions in tmux ------------------------------------------

# A private tmux server in the test directory: no user configuration, panes
# that stay after ssh exits (so its last words and status can be read).
TMUX_SOCK=
TMUX_CONF=

_tmux_init()
{
  [[ -n $TMUX_SOCK ]] && return
  need tmux tmux
  TMUX_SOCK=$TEST_TMP/tmux.sock
  TMUX_CONF=$TEST_TMP/tmux.conf
  printf '%s\n' 'set -g remain-on-exit on' 'set -g history-limit 100000' \
    'set -g status off' >"$TMUX_CONF"
}

tm()
{
  tmux -S "$TMUX_SOCK" -f "$TMUX_CONF" "$@"
}

# term_open NAME RE: an interactive `ssh -tt` login to RE in a 120x30 pane.
term_open()
{
  local name=$1 re=$2 cmd
  _tmux_init
  ssh_opts
  printf -v cmd '%q ' sshpass -p "$SIM_PASSWORD" ssh "${SSH_OPTS[@]}" \
    -o PubkeyAuthentication=no -o PreferredAuthentications=password \
    -tt -p "${SIM_PORT[$re]}" "$SIM_USER@$SIM_ADDR"
  # ssh's exit status goes to a file: tmux's #{pane_dead_status} is not
  # always filled in (seen with tmux 3.3a).
  rm -f "$TEST_TMP/term.$name.rc"
  printf -v cmd '%s; echo $? >%q' "$cmd" "$TEST_TMP/term.$name.rc"
  TERM=${TERM:-xterm} tm new-session -d -s "$name" -x 120 -y 30 "$cmd"
}

# term_screen NAME: the whole pane, history included, wrapped lines joined,
# trailing blanks and the empty rows below the cursor removed (-J keeps
# trailing blanks; what is seen has none).
term_screen()
{
  tm capture-pane -p -J -t "$1" -S - -E - |
    awk '{ sub(/[[:space:]]+$/, ""); line[NR] = $0; if ($0 != "") last = NR }
      END { for (i = 1; i <= last; i++) print line[i] }'
}

# term_visible NAME: what the 120x30 window shows now.
term_visible()
{
  tm capture-pane -p -t "$1"
}

term_keys()
{
  local name=$1
  shift
  tm send-keys -t "$name" "$@"
}

# term_type NAME TEXT: TEXT typed literally (no key names).
term_type()
{
  tm send-keys -t "$1" -l -- "$2"
}

# term_wait NAME ERE [SECONDS]: until a line of the pane matches; on timeout
# fails with the screen.
term_wait()
{
  local name=$1 re=$2 limit=${3:-$SIM_WAIT} start=$SECONDS
  while ! term_screen "$name" | grep -Eq -- "$re"; do
    if ((SECONDS - start >= limit)); then
      CHECKS=$((CHECKS + 1))
      fail "pane $name: no line matching '$re' within ${limit}s" "screen:" "$(term_screen "$name" | tail -n 40)"
      return 1
    fi
    sleep 0.05
  done
}

# term_count NAME ERE: lines of the pane matching.
term_count()
{
  term_screen "$1" | grep -Ec -- "$2"
}

# term_wait_count NAME ERE N [SECONDS]: until N lines match.
term_wait_count()
{
  local name=$1 re=$2 n=$3 limit=${4:-$SIM_WAIT} start=$SECONDS
  while (($(term_count "$name" "$re") < n)); do
    if ((SECONDS - start >= limit)); then
      CHECKS=$((CHECKS + 1))
      fail "pane $name: fewer than $n lines matching '$re' after ${limit}s" "screen:" \
        "$(term_screen "$name" | tail -n 40)"
      return 1
    fi
    sleep 0.05
  done
}

# The prompt of a CLI line, operational (>) or configuration (#) mode; tmux
# trims the space after an empty prompt.
prompt_re()
{
  printf '^%s@%s-%s[>#]( .*)?$' "$SIM_USER" "${SIM_HOST:-mx480}" "$1"
}

# term_cmd NAME RE TEXT [SECONDS]: types TEXT and Enter at the prompt of a CLI
# logged into RE, waits for the next prompt and leaves in TERM_OUT the lines
# between them, without the `{master}`/`[edit]` banner and blank lines that
# precede the prompt.  TERM_PROMPT is the new prompt line.
term_cmd()
{
  local name=$1 re=$2 text=$3 limit=${4:-$SIM_WAIT} pre screen
  pre=$(term_count "$name" "$(prompt_re "$re")")
  term_type "$name" "$text"
  term_keys "$name" Enter
  term_wait_count "$name" "$(prompt_re "$re")" $((pre + 1)) "$limit" || {
    TERM_OUT=
    TERM_PROMPT=
    return 1
  }
  screen=$(term_screen "$name")
  TERM_PROMPT=$(grep -E -- "$(prompt_re "$re")" <<<"$screen" | sed -n "$((pre + 1))p")
  TERM_OUT=$(awk -v re="$(prompt_re "$re")" -v n="$pre" '
    $0 ~ re { seen++; next }
    seen == n { buf[++k] = $0 }
    END {
      while (k > 0 && (buf[k] ~ /^$/ || buf[k] ~ /^(\{[a-z0-9:]+\})?(\[edit[^]]*\])?$/)) k--
      for (i = 1; i <= k; i++) print buf[i]
    }' <<<"$screen")
  SENT+=("$re	$text")
}

# term_wait_dead NAME [SECONDS]: until ssh in the pane has exited; its exit
# status in TERM_RC (empty when it did not exit in time).
term_wait_dead()
{
  local name=$1 limit=${2:-$SIM_WAIT} start=$SECONDS f=$TEST_TMP/term.$1.rc
  TERM_RC=
  while ! [[ -s $f ]]; do
    ((SECONDS - start >= limit)) && return 1
    sleep 0.05
  done
  TERM_RC=$(<"$f")
}

term_close()
{
  tm kill-session -t "$1" 2>/dev/null
}

# --- ssh -tt fed a script --------------------------------------------------

# tty_script RE SCRIPT OUTFILE [SECONDS]: an interactive login whose keystrokes
# are all written at once, before the CLI has printed its banner or prompt
# (type-ahead); the script should end the session (exit).  The ssh status is
# in TTY_RC (124 when it had to be killed).
tty_script()
{
  local re=$1 script=$2 out=$3 limit=${4:-$SIM_WAIT} fifo=$TEST_TMP/tty.fifo pid fd
  rm -f "$fifo"
  mkfifo "$fifo"
  ssh_opts
  sshpass -p "$SIM_PASSWORD" ssh "${SSH_OPTS[@]}" -o PubkeyAuthentication=no \
    -o PreferredAuthentications=password -tt \
    -p "${SIM_PORT[$re]}" "$SIM_USER@$SIM_ADDR" <"$fifo" >"$out" 2>"$out.err" &
  pid=$!
  BG_PIDS+=("$pid")
  exec {fd}>"$fifo"
  printf '%s' "$script" >&"$fd"
  wait_exit "$pid" "$limit"
  TTY_RC=$WAIT_RC
  exec {fd}>&-
  _forget_bg "$pid"
  rm -f "$fifo"
}

# --- the stress client -----------------------------------------------------

# stress RE [ARGS...]: runs sim_stress against RE with the current simulator's
# credentials and known_hosts file; output in STRESS_OUT, status in STRESS_RC.
stress()
{
  local re=$1
  shift
  [[ -x $SIM_STRESS ]] || die "SIM_STRESS=$SIM_STRESS is not an executable (make tests/integration/sim_stress)"
  STRESS_OUT=$(timeout -k 5 120 "$SIM_STRESS" --host "$SIM_ADDR" --port "${SIM_PORT[$re]}" \
    --user "$SIM_USER" --password "$SIM_PASSWORD" --known-hosts "$SIM_KH" "$@" 2>&1)
  STRESS_RC=$?
}

# --- resources of the simulator process ------------------------------------

sim_threads()
{
  sed -n 's/^Threads:[[:space:]]*//p' "/proc/$SIM_PID/status" 2>/dev/null
}

sim_fds()
{
  local entries=("/proc/$SIM_PID/fd/"*)
  echo "${#entries[@]}"
}

# assert_settles WHAT THREADS FDS [SECONDS]: the simulator's thread and file
# descriptor counts come back down to (at most) a baseline: no session thread
# or socket is left behind.
assert_settles()
{
  local what=$1 threads=$2 fds=$3 limit=${4:-30} start=$SECONDS t f
  CHECKS=$((CHECKS + 1))
  while :; do
    t=$(sim_threads)
    f=$(sim_fds)
    if [[ -n $t ]] && ((t <= threads && f <= fds)); then
      pass "$what: back to $t threads, $f fds"
      return
    fi
    if ((SECONDS - start >= limit)); then
      fail "$what: sessions left behind after ${limit}s" \
        "threads: baseline $threads, now ${t:-gone}" "fds: baseline $fds, now $f"
      return
    fi
    sleep 0.1
  done
}

# --- reboots, upgrades and the state an operator reads -------------------------

# now_ms: the wall clock in milliseconds.
now_ms()
{
  local t=${EPOCHREALTIME/./}
  echo $((t / 1000))
}

# port_state RE: "open" when RE's port accepts a TCP connection, "refused"
# when it does not (a rebooting RE).  An accepted probe sends nothing: the
# simulator drops it at key exchange.
port_state()
{
  if (exec 3<>"/dev/tcp/$SIM_ADDR/${SIM_PORT[$1]}") 2>/dev/null; then
    echo open
  else
    echo refused
  fi
}

# wait_port RE open|refused SECONDS: polls RE's port every 10 ms until it is
# in that state; PORT_AT is the time (now_ms) it was first seen so.  Returns 1
# when it is not within SECONDS.
wait_port()
{
  local re=$1 want=$2 deadline=$(($(now_ms) + $3 * 1000))
  PORT_AT=
  while [[ $(port_state "$re") != "$want" ]]; do
    (($(now_ms) >= deadline)) && return 1
    sleep 0.01
  done
  PORT_AT=$(now_ms)
}

# run_in RE INPUT COMMAND: like run_on, with INPUT (printf %b: "yes\n") as
# the command's standard input, answering the question it asks; an empty
# INPUT is end of file at once.
run_in()
{
  local re=$1 input=$2 cmd=$3 f=$TEST_TMP/run.$1
  printf '%b' "$input" >"$f.in"
  sim_ssh "$re" "$cmd" <"$f.in" >"$f.out" 2>"$f.err"
  RC[$re]=$?
  OUT[$re]=$(<"$f.out")
  ERR[$re]=$(<"$f.err")
  SENT+=("$re	$cmd")
}

# bg_ssh NAME RE COMMAND [INPUT]: COMMAND over exec on RE in the background
# (an ISSU that runs for a while), INPUT as its standard input as in run_in.
# Ended by the EXIT trap if the test does not wait for it.
declare -A BG=()
bg_ssh()
{
  local name=$1 re=$2 cmd=$3 input=${4-} f=$TEST_TMP/bg.$1
  printf '%b' "$input" >"$f.in"
  ssh_opts
  timeout -k 5 120 sshpass -p "$SIM_PASSWORD" ssh "${SSH_OPTS[@]}" \
    -o PubkeyAuthentication=no -o PreferredAuthentications=password \
    -p "${SIM_PORT[$re]}" "$SIM_USER@$SIM_ADDR" "$cmd" <"$f.in" >"$f.out" 2>"$f.err" &
  BG[$name]=$!
  BG_PIDS+=("$!")
  SENT+=("$re	$cmd")
}

# bg_running NAME: the background command still runs (its session is open).
bg_running()
{
  proc_running "${BG[$1]}"
}

# bg_wait NAME SECONDS: waits for a bg_ssh command; BG_RC (124 when it had to
# be killed), BG_OUT, BG_ERR.
bg_wait()
{
  local name=$1 f=$TEST_TMP/bg.$1
  wait_exit "${BG[$name]}" "$2"
  BG_RC=$WAIT_RC
  _forget_bg "${BG[$name]}"
  BG_OUT=$(<"$f.out")
  BG_ERR=$(<"$f.err")
}

# bg_output NAME: what it has printed so far.
bg_output()
{
  cat "$TEST_TMP/bg.$1.out"
}

# slot_state TEXT N: the `Current state` of slot N in a show chassis
# routing-engine output (Master, Backup, or Present for an RE that is down).
slot_state()
{
  awk -v slot="Slot $2:" '
    $0 ~ "^ *" slot "$" { in_slot = 1; next }
    /^ *Slot [0-9]+:$/ { in_slot = 0 }
    in_slot && /^ *Current state/ { sub(/^ *Current state +/, ""); print; exit }' <<<"$1"
}

# release_of TEXT [REn]: the release a show version output names (the
# "JUNOS Base OS boot [V]" line before 12.1, "Junos: V" after), or that of
# the REn: section of show version invoke-on all-routing-engines.
release_of()
{
  awk -v sec="${2-}" '
    sec == "" { on = 1 }
    sec != "" && $0 == sec ":" { on = 1; next }
    sec != "" && /^re[0-9]+:$/ { on = 0 }
    on && /^Junos: / { print $2; exit }
    on && /^JUNOS Base OS boot \[/ { v = $0; sub(/^[^[]*\[/, "", v); sub(/\].*$/, "", v); print v; exit }' <<<"$1"
}

# roles_are WHY RE SLOT0 SLOT1: show chassis routing-engine on RE gives these
# current states (Master, Backup, Present).
roles_are()
{
  run_on "$2" "show chassis routing-engine"
  assert_eq "$1: slot 0 is $3 (seen from $2)" "$3" "$(slot_state "${OUT[$2]}" 0)"
  assert_eq "$1: slot 1 is $4 (seen from $2)" "$4" "$(slot_state "${OUT[$2]}" 1)"
}

# releases_are WHY RE V0 V1: show version invoke-on all-routing-engines on RE
# gives these releases.
releases_are()
{
  run_on "$2" "show version invoke-on all-routing-engines"
  assert_eq "$1: re0 runs $3" "$3" "$(release_of "${OUT[$2]}" re0)"
  assert_eq "$1: re1 runs $4" "$4" "$(release_of "${OUT[$2]}" re1)"
}

# ev_seq FILTER FORMAT: one line per record matching FILTER, FORMAT being a jq
# string ("\(.event) \(.re)"), in the order of the log.
ev_seq()
{
  [[ -s $SIM_EVENTS ]] || return 0
  jq -r -n "inputs | select($1) | $2" "$SIM_EVENTS" 2>/dev/null
}

# ev_line FILTER: the line number in the log of the first record matching
# FILTER, empty when there is none (to compare when things happened).
ev_line()
{
  [[ -s $SIM_EVENTS ]] || return 0
  jq -r -n "[inputs] | to_entries | map(select(.value | $1)) | first | .key // empty | . + 1" \
    "$SIM_EVENTS" 2>/dev/null
}

# --- issu-console run against the current simulator ------------------------

# console_conf FILE [TIMEOUTS] [ROUTER SETTINGS]: a configuration for the
# running simulator: its known_hosts, the password from password_command, a
# log_dir of this simulator's own, and the time limits (minutes; a run with
# --time-scale divides them).
console_conf()
{
  cat >"$1" <<EOF2
defaults: { user = "netops"; auth = ["password"];
            password_command = "echo $SIM_PASSWORD";
            known_hosts = "$SIM_KH"; connect_timeout = 5;
            log_dir = "$TEST_TMP/logs$SIM_COUNT";
            timeouts: { ${2:-issu = 120; backup_reboot = 60; old_master_reboot = 60; switch_holddown = 20;} }; };
routers = ( { name = "lab"; re0 = { host = "127.0.0.1"; port = ${SIM_PORT[re0]}; };
              re1 = { host = "127.0.0.1"; port = ${SIM_PORT[re1]}; };
              package = "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz";
              ${3:-} } );
EOF2
}

# console_run ANSWERS...: `issu-console run -c $CONF --quiet --time-scale
# $SPEED` with one answer per line on its input -> $OUT, $RC; the output is
# also kept as $TEST_TMP/runN.out.
console_run()
{
  local input
  input=$(printf '%s\n' "$@")
  OUT=$(timeout 120 "${ISSU_CONSOLE:?}" run -c "$CONF" --quiet \
    --time-scale "${SPEED:?}" <<<"$input" 2>&1)
  RC=$?
  printf '%s\n' "$OUT" >"$TEST_TMP/run$SIM_COUNT.out"
}

# --- the curses console in tmux (console_tui.sh) ---------------------------

# A pane per console run, of the size the test asks for, running dash: an
# interactive dash saves and restores no terminal modes of its own, so a
# console that leaves the terminal broken is seen broken (bash would repair
# it after a child killed by a signal).  The command is typed at the prompt
# and followed by `echo console-exit=$?`, so the exit status is read from the
# pane once the console has left its alternate screen (console-exit-N=S,
# N counting the command lines typed).
declare -A TUI_PID=()	# the console's pid in each pane (tui_run)
declare -A TUI_MARK=()	# the exit-status marker of its last command line
TUI_RUNS=0
TUI_SNAPS=0
# Screens kept as test artefacts (listed in the test's log).
: "${TUI_ARTEFACTS:=$PWD/tests/integration/artefacts}"

# proc_children PID [COMM]: the pids whose parent is PID (and whose command
# name is COMM), from /proc: procps is not on every minimal system.
proc_children()
{
  local f stat rest
  for f in /proc/[0-9]*/stat; do
    stat=$(<"$f") 2>/dev/null || continue
    rest=${stat##*) }
    read -r _ ppid _ <<<"$rest"
    [[ $ppid == "$1" ]] || continue
    if [[ -n ${2-} ]]; then
      [[ ${stat#*(} == "$2) "* ]] || continue
    fi
    f=${f#/proc/}
    echo "${f%/stat}"
  done
}

# tui_open NAME COLS ROWS: a new pane of that size with a shell prompt.
tui_open()
{
  local name=$1
  _tmux_init
  tm new-session -d -s "$name" -x "$2" -y "$3" \
    "env TERM=${TUI_TERM:-screen-256color} PS1='tui\$ ' ENV= /bin/sh -i"
  term_wait "$name" '^tui\$' 10
}

# tui_run NAME [VAR=VALUE...] COMMAND [ARGS...]: types the command line at
# the prompt; TUI_PID[NAME] is the console's pid once it runs.
tui_run()
{
  local name=$1 line pane_pid start=$SECONDS p
  shift
  printf -v line '%q ' "$@"
  # %q quotes VAR=VALUE words whole, which sh would run as a command:
  # environment words go through env(1).
  TUI_RUNS=$((TUI_RUNS + 1))
  TUI_MARK[$name]=console-exit-$TUI_RUNS
  line="env $line; echo ${TUI_MARK[$name]}=\$?"
  term_type "$name" "$line"
  term_keys "$name" Enter
  pane_pid=$(tm display-message -p -t "$name" '#{pane_pid}')
  TUI_PID[$name]=
  while ((SECONDS - start < 10)); do
    for p in $(proc_children "$pane_pid"); do
      # env execs the console: the same pid, the one to signal.
      if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q issu-console; then
        TUI_PID[$name]=$p
        return 0
      fi
    done
    sleep 0.05
  done
  fail "pane $name: the console did not start" "$(term_screen "$name" | tail -n 20)"
  return 1
}

# tui_screen NAME: the rows the pane shows now, trailing blanks removed.
tui_screen()
{
  tm capture-pane -p -t "$1" | sed 's/[[:space:]]*$//'
}

# tui_flat NAME: the rows joined into one line, line-drawing characters and
# runs of blanks squeezed to one space, so that a sentence the console
# wrapped over several rows (in a box) is matched as one.
tui_flat()
{
  tui_screen "$1" | sed 's/[│┃║|─━═┌┐└┘├┤┬┴┼+-]\{2,\}/ /g; s/[│┃║|]/ /g' |
    tr '\n' ' ' | tr -s ' '
}

# _tui_wait_in VIEW NAME ERE [SECONDS]: until VIEW (tui_screen or tui_flat)
# of the pane matches; on timeout a failure with the screen.
_tui_wait_in()
{
  local view=$1 name=$2 re=$3 limit=${4:-$SIM_WAIT} start=$SECONDS
  while ! "$view" "$name" | grep -Eq -- "$re"; do
    if ((SECONDS - start >= limit)); then
      CHECKS=$((CHECKS + 1))
      fail "pane $name: nothing matching '$re' on the screen within ${limit}s" \
        "screen:" "$(tui_screen "$name")"
      return 1
    fi
    sleep 0.1
  done
}

# tui_wait NAME ERE [SECONDS]: until a row of the pane matches.
tui_wait() { _tui_wait_in tui_screen "$@"; }

# tui_wait_flat NAME ERE [SECONDS]: the same on tui_flat's one line.
tui_wait_flat() { _tui_wait_in tui_flat "$@"; }

# tui_wait_gone NAME ERE [SECONDS]: until no row matches.
tui_wait_gone()
{
  local name=$1 re=$2 limit=${3:-$SIM_WAIT} start=$SECONDS
  while tui_screen "$name" | grep -Eq -- "$re"; do
    if ((SECONDS - start >= limit)); then
      CHECKS=$((CHECKS + 1))
      fail "pane $name: '$re' still on the screen after ${limit}s" \
        "screen:" "$(tui_screen "$name")"
      return 1
    fi
    sleep 0.1
  done
}

# tui_snap NAME LABEL: keeps the screen (and, as LABEL.ansi.txt, with its
# colours) as an artefact of the test.
tui_snap()
{
  local f
  mkdir -p "$TUI_ARTEFACTS"
  TUI_SNAPS=$((TUI_SNAPS + 1))
  printf -v f '%s/%s-%02d-%s' "$TUI_ARTEFACTS" "$TEST_NAME" "$TUI_SNAPS" "$2"
  tui_screen "$1" >"$f.txt"
  tm capture-pane -p -e -t "$1" >"$f.ansi.txt"
  log "artefact: $f.txt"
}

# tui_exit NAME [SECONDS]: until the console has ended and the shell said
# its status (TUI_RC); 1 when it did not end in time.
tui_exit()
{
  local name=$1 limit=${2:-$SIM_WAIT} start=$SECONDS
  TUI_RC=
  while :; do
    TUI_RC=$(term_screen "$name" | sed -n "s/^${TUI_MARK[$name]}=\([0-9][0-9]*\)\$/\1/p" | tail -n 1)
    [[ -n $TUI_RC ]] && return 0
    if ((SECONDS - start >= limit)); then
      CHECKS=$((CHECKS + 1))
      fail "pane $name: the console did not end within ${limit}s" "screen:" "$(tui_screen "$name")"
      return 1
    fi
    sleep 0.1
  done
}

# tui_pane_tty NAME: the pane's terminal device.
tui_pane_tty()
{
  tm display-message -p -t "$1" '#{pane_tty}'
}

# tui_colours FILE: the SGR colour parameters (30-38, 40-48, 90-97,
# 100-107) in a capture-pane -e dump, one per line.
tui_colours()
{
  grep -o $'\e\\[[0-9;:]*m' "$1" | tr -d '\033[m' | tr ';' '\n' |
    grep -Ex '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}

# --- the hostile SSH server (tests/tools/hostile_sshd) ----------------------

# start_hostile SCRIPT [ARGS...]: starts hostile_sshd with SCRIPT (its rules,
# "COMMAND<TAB>REPLY" with \0 \e \a \n \xHH \L<N>. \S escapes: see the
# tool's header) on a free loopback port, both REs of console_conf pointing
# at it (SIM_PORT[re0] = SIM_PORT[re1]), its known_hosts line in SIM_KH and
# its log of commands received (JSON lines, "event":"command") in
# SIM_EVENTS, so ev_seq reads it.  Ends with the test (BG_PIDS).
: "${HOSTILE_SSHD:=$TOP_DIR/tests/tools/hostile_sshd}"
start_hostile()
{
  local script=$1 start=$SECONDS pid
  shift
  [[ -x $HOSTILE_SSHD ]] || die "HOSTILE_SSHD=$HOSTILE_SSHD is not an executable (make check builds it)"
  SIM_COUNT=$((SIM_COUNT + 1))
  SIM_DIR=$TEST_TMP/hostile$SIM_COUNT
  SIM_KH=$SIM_DIR/known_hosts
  SIM_EVENTS=$SIM_DIR/events.jsonl
  SIM_PASSWORD=netops
  mkdir -p "$SIM_DIR"
  printf '%s\n' "$script" >"$SIM_DIR/script"
  "$HOSTILE_SSHD" --script "$SIM_DIR/script" --port-file "$SIM_DIR/port" \
    --known-hosts-out "$SIM_KH" --log "$SIM_EVENTS" --lifetime 300 "$@" \
    2>"$SIM_DIR/stderr" &
  pid=$!
  BG_PIDS+=("$pid")
  until [[ -s $SIM_DIR/port ]]; do
    if ((SECONDS - start > SIM_WAIT)) || ! proc_running "$pid"; then
      fail "hostile_sshd did not start" "$(cat "$SIM_DIR/stderr")"
      return 1
    fi
    sleep 0.02
  done
  SIM_PORT[re0]=$(<"$SIM_DIR/port")
  SIM_PORT[re1]=${SIM_PORT[re0]}
}

# --- the fault proxy (tests/tools/fault_proxy.c) ---------------------------

: "${FAULT_PROXY:=$TOP_DIR/tests/tools/fault_proxy}"
PROXY_PID=
PROXY_CTL=
declare -A PROXY_PORT=()

# start_proxy: a fault proxy in front of the current simulator's two REs;
# PROXY_PORT[re0] and PROXY_PORT[re1] are where the console should connect.
# It ends with the test (its parent), or after 600 s at the latest.
start_proxy()
{
  local start=$SECONDS ports
  [[ -x $FAULT_PROXY ]] || die "FAULT_PROXY=$FAULT_PROXY is not an executable (make tests/tools/fault_proxy)"
  PROXY_CTL=$SIM_DIR/proxy.ctl
  ports=$SIM_DIR/proxy.ports
  rm -f "$PROXY_CTL" "$PROXY_CTL.ack" "$ports"
  mkfifo "$PROXY_CTL" || die "cannot make $PROXY_CTL"
  "$FAULT_PROXY" -c "$PROXY_CTL" -p "$ports" -t 600 \
    "${SIM_PORT[re0]}" "${SIM_PORT[re1]}" 2>"$SIM_DIR/proxy.stderr" &
  PROXY_PID=$!
  BG_PIDS+=("$PROXY_PID")
  while [[ ! -s $ports ]]; do
    proc_running "$PROXY_PID" || die "fault_proxy did not start: $(cat "$SIM_DIR/proxy.stderr")"
    ((SECONDS - start > SIM_WAIT)) && die "fault_proxy wrote no ports in ${SIM_WAIT}s"
    sleep 0.02
  done
  PROXY_PORT[re0]=$(awk -v p="${SIM_PORT[re0]}" '$1 == p { print $2 }' "$ports")
  PROXY_PORT[re1]=$(awk -v p="${SIM_PORT[re1]}" '$1 == p { print $2 }' "$ports")
  # The REs' keys under the proxy's addresses too, as ssh-keyscan would
  # find them there.
  local re
  for re in re0 re1; do
    sed -n "s/^\[127\.0\.0\.1\]:${SIM_PORT[$re]} /[127.0.0.1]:${PROXY_PORT[$re]} /p" \
      "$SIM_KH" >>"$SIM_KH.proxy"
  done
  cat "$SIM_KH.proxy" >>"$SIM_KH"
}

# proxy_conf FILE: rewrites a console_conf FILE to reach both REs through
# the proxy.
proxy_conf()
{
  sed -i -e "s/port = ${SIM_PORT[re0]};/port = ${PROXY_PORT[re0]};/" \
    -e "s/port = ${SIM_PORT[re1]};/port = ${PROXY_PORT[re1]};/" "$1"
}

_proxy_acks()
{
  if [[ -f $PROXY_CTL.ack ]]; then wc -l <"$PROXY_CTL.ack"; else echo 0; fi
}

# proxy_cmd COMMAND: pass, stall, hang, resume, drop [fin|rst], delay MS, refuse,
# accept, each but delay optionally followed by re0 or re1 (that RE only);
# returns once the proxy has applied it.
proxy_cmd()
{
  local before start=$SECONDS
  before=$(_proxy_acks)
  printf '%s\n' "$1" >"$PROXY_CTL"
  while (($(_proxy_acks) <= before)); do
    ((SECONDS - start > SIM_WAIT)) && die "fault_proxy did not apply '$1'"
    sleep 0.02
  done
  log "fault proxy: $1"
}

# stop_proxy: ends the proxy (every connection through it closes).
stop_proxy()
{
  [[ -n $PROXY_PID ]] || return 0
  kill -TERM "$PROXY_PID" 2>/dev/null
  wait_exit "$PROXY_PID" 5
  _forget_bg "$PROXY_PID"
  PROXY_PID=
}
