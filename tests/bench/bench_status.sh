#!/usr/bin/env bash
# bench_status.sh - what `issu-console status` costs against issu-sim on
# loopback, compared with reading one RE alone and with fetching the same
# facts by OpenSSH `ssh`, one command after the other.  A measurement for
# `make bench`, not a test: it prints min and median wall times and the
# ratios the issue sets targets for (both REs <= 1.15x one RE; status <=
# 0.1x sequential ssh), and fails only when something does not work.
#
#   (a) issu-console status -c CONF, a fresh process per run (the password
#       from password_command = "echo netops");
#   (b) bench_sessions: the same 11 commands through sessions/ in one warm
#       process, re0 alone, re1 alone, both in parallel as the scheduler
#       places the threads, and both with each RE's worker started on a CPU
#       of its own (see bench_sessions.c for why the two differ here);
#   (c) the same 11 commands by sshpass + ssh with strict known_hosts, one
#       after the other.
#
# Environment: ISSU_SIM, ISSU_CONSOLE, BENCH_SESSIONS, TESTS_LIB (make bench
# passes them), BENCH_RUNS (30), BENCH_WARMUP (3).
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SESSIONS=${BENCH_SESSIONS:?}
RUNS=${BENCH_RUNS:-30}
WARMUP=${BENCH_WARMUP:-3}
PKG=/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz

need sshpass sshpass

# The 11 commands status sends with a package configured and no sha-256:
# four to each RE, then the master's replication and file list and the
# backup's switchover state.
ROUND1=("show version" "show chassis routing-engine"
  "show configuration | display set" "show system storage")
RE0_CMDS=("${ROUND1[@]}" "show task replication" "file list $PKG detail")
RE1_CMDS=("${ROUND1[@]}" "show system switchover")

# stats NAME MS...: prints "min median" (ms, 2 decimals).
stats()
{
  shift
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%.2f %.2f\n", v[1], m }'
}

report()   # label min median
{
  printf '%-52s min %8.2f ms  median %8.2f ms  (%d runs)\n' "$1" "$2" "$3" "$RUNS"
}

start_sim || die "issu-sim does not start"
# A private HOME: no developer's ~/.ssh/config or keys in the measurement.
export HOME=$TEST_TMP
CONF=$TEST_TMP/lab.conf
cat >"$CONF" <<EOF
defaults: { user = "$SIM_USER"; auth = ["keyboard-interactive", "password"];
            password_command = "echo $SIM_PASSWORD";
            known_hosts = "$SIM_KH"; host_key_policy = "strict"; connect_timeout = 5; };
routers = ( { name = "lab"; re0 = { host = "$SIM_ADDR"; port = ${SIM_PORT[re0]}; };
              re1 = { host = "$SIM_ADDR"; port = ${SIM_PORT[re1]}; };
              package = "$PKG"; } );
EOF

# --- (a) issu-console status -----------------------------------------------
status_once()
{
  local t0 t1
  t0=${EPOCHREALTIME/./}
  "$CONSOLE" status -c "$CONF" >"$TEST_TMP/status.out" 2>"$TEST_TMP/status.err" ||
    die "issu-console status failed (exit $?):" "$(cat "$TEST_TMP/status.out" "$TEST_TMP/status.err")"
  t1=${EPOCHREALTIME/./}
  echo $(((t1 - t0) / 1000)).$(printf '%03d' $(((t1 - t0) % 1000)))
}

for ((i = 0; i < WARMUP; i++)); do status_once >/dev/null; done
grep -q 'backup ready to switch:     yes' "$TEST_TMP/status.out" ||
  die "status did not read both REs:" "$(cat "$TEST_TMP/status.out")"
T=()
for ((i = 0; i < RUNS; i++)); do T+=("$(status_once)"); done
read -r STATUS_MIN STATUS_MED < <(stats status "${T[@]}")

# --- (c) the same commands by OpenSSH, one after the other -----------------
ssh_opts
ssh_once()
{
  local t0 t1 c
  t0=${EPOCHREALTIME/./}
  for c in "${RE0_CMDS[@]}"; do
    sshpass -p "$SIM_PASSWORD" ssh "${SSH_OPTS[@]}" -o PubkeyAuthentication=no \
      -o PreferredAuthentications=password -p "${SIM_PORT[re0]}" \
      "$SIM_USER@$SIM_ADDR" "$c" >/dev/null || die "ssh re0 '$c' failed (exit $?)"
  done
  for c in "${RE1_CMDS[@]}"; do
    sshpass -p "$SIM_PASSWORD" ssh "${SSH_OPTS[@]}" -o PubkeyAuthentication=no \
      -o PreferredAuthentications=password -p "${SIM_PORT[re1]}" \
      "$SIM_USER@$SIM_ADDR" "$c" >/dev/null || die "ssh re1 '$c' failed (exit $?)"
  done
  t1=${EPOCHREALTIME/./}
  echo $(((t1 - t0) / 1000)).$(printf '%03d' $(((t1 - t0) % 1000)))
}

for ((i = 0; i < WARMUP; i++)); do ssh_once >/dev/null; done
T=()
for ((i = 0; i < RUNS; i++)); do T+=("$(ssh_once)"); done
read -r SSH_MIN SSH_MED < <(stats ssh "${T[@]}")

# --- (b) one RE alone against both, through sessions/ ----------------------
"$SESSIONS" --re0-port "${SIM_PORT[re0]}" --re1-port "${SIM_PORT[re1]}" \
  --known-hosts "$SIM_KH" --package "$PKG" --user "$SIM_USER" \
  --password "$SIM_PASSWORD" --runs "$RUNS" --warmup "$WARMUP" >"$TEST_TMP/sessions.out" ||
  die "bench_sessions failed:" "$(cat "$TEST_TMP/sessions.out")"
stop_sim

echo "== issu-console status against issu-sim (loopback, $(nproc) CPUs, $WARMUP warm-ups) =="
report "(a) issu-console status, both REs (fresh process)" "$STATUS_MIN" "$STATUS_MED"
sed 's/^/(b) /' "$TEST_TMP/sessions.out"
report "(c) sshpass+ssh, the 11 commands one after another" "$SSH_MIN" "$SSH_MED"
awk -v s="$STATUS_MED" -v o="$SSH_MED" 'BEGIN {
  printf "    status / sequential ssh (medians): %.3fx (target <= 0.1x)\n", s / o }'
exit 0
