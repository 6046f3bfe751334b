#!/usr/bin/env bash
# bench_procedure.sh - what the ISSU procedure costs while it runs: how long
# after a milestone line arrives the console moves the upgrade's sub-phase
# (from the transcript's millisecond stamps: the line received, then the
# console's own note), and the console's CPU while it waits for the backup
# RE to reboot.  A measurement for `make bench`, not a test.
#
# issu-sim runs at --speed BENCH_SPEED (default 20: the 40-minute ISSU in
# about 2 minutes) and `issu-console run --time-scale` matches it.
#
# Environment: ISSU_SIM, ISSU_CONSOLE, TESTS_LIB (make bench passes them),
# BENCH_SPEED (20).
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}
SPEED=${BENCH_SPEED:-20}
HZ=$(getconf CLK_TCK)

start_sim --speed "$SPEED" || die "issu-sim does not start"
CONF=$TEST_TMP/bench.conf
cat >"$CONF" <<EOF
defaults: { user = "netops"; auth = ["password"]; password_command = "echo $SIM_PASSWORD";
            known_hosts = "$SIM_KH"; log_dir = "$TEST_TMP/logs"; };
routers = ( { name = "bench"; re0 = { host = "127.0.0.1"; port = ${SIM_PORT[re0]}; };
              re1 = { host = "127.0.0.1"; port = ${SIM_PORT[re1]}; };
              package = "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz";
              switch_back = "never"; } );
EOF

# The answers go in through a FIFO held open, so the run waits at its
# prompts instead of seeing the end of its input.
mkfifo "$TEST_TMP/in"
"$CONSOLE" run -c "$CONF" --quiet --time-scale "$SPEED" <"$TEST_TMP/in" \
  >"$TEST_TMP/out" 2>&1 &
PID=$!
exec 3>"$TEST_TMP/in"
printf '\nre0\n' >&3

# CPU while the backup reboots: from "ISSU: Backup RE Prepare Done" until
# "GRES operational" (the simulator's event log says when).
ev_wait '.event == "issu" and .milestone == "ISSU: Backup RE Prepare Done"' 600 ||
  die "the ISSU did not reach the backup's reboot"
read -r -a st </proc/$PID/stat
t0=$(now_ms)
c0=$((st[13] + st[14]))
ev_wait '.event == "issu" and .milestone == "GRES operational"' 600 ||
  die "the backup did not come back"
read -r -a st </proc/$PID/stat
t1=$(now_ms)
c1=$((st[13] + st[14]))
wait_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
cpu_ms=$(((c1 - c0) * 1000 / HZ))

# Let it finish the upgrade, then stop at the reboot question.
for _ in $(seq 1 600); do
  grep -q 'Next: step 6/8' "$TEST_TMP/out" && break
  sleep 0.2
done
printf 'q\n' >&3
exec 3>&-
wait "$PID"

TR=$(ls "$TEST_TMP"/logs/bench-*.log | head -n 1)
# Milestone line received -> the console's "--- Upgrade: ..." note, in ms.
# Each note is paired with the newest milestone line before it, once.
# "backup back" is left out: the backup's session coming back reaches it,
# not a line, and pairing it with the last line would time the reboot.
lat=$(awk '
  function ms(ts,   d, t, h, m, s) {
    split(ts, d, "T"); split(d[2], t, ":"); h = t[1]; m = t[2]; s = substr(t[3], 1, 6)
    return ((h * 60 + m) * 60 + s) * 1000
  }
  / re0 < .*(ISSU: Preparing Backup RE|Backup upgrade done|Rebooting Backup RE|Backup RE Prepare Done|Waiting for Backup RE reboot|GRES operational|Chassis ISSU Started|ISSU: Preparing Daemons|Daemons Ready|Starting Upgrade for FRUs|Preparing for Switchover|RE switchover Done|ISSU complete, other RE)/ { last = ms($1) }
  / --- Upgrade: / && !/ --- Upgrade: backup back/ {
    if (last) { printf "%.0f\n", ms($1) - last; last = 0 }
  }' "$TR" | sort -n)
n=$(wc -l <<<"$lat")
printf 'procedure bench (issu-sim --speed %s)\n' "$SPEED"
printf '  milestone line -> sub-phase change (transcript stamps, ms resolution): %s samples, min %s ms, median %s ms, max %s ms\n' \
  "$n" "$(head -n 1 <<<"$lat")" "$(sed -n "$(((n + 1) / 2))p" <<<"$lat")" "$(tail -n 1 <<<"$lat")"
printf '  CPU while the backup reboots: %s ms over %s s (%s ticks of 1/%s s)\n' \
  "$cpu_ms" "$wait_s" "$((c1 - c0))" "$HZ"
stop_sim
