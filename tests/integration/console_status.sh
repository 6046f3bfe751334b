#!/usr/bin/env bash
# issu-console status against issu-sim: both REs read in parallel, what each
# --without shows, roles swapped, an RE whose port refuses, unknown and
# changed host keys, a wrong password, a failing password_command, and a
# router given with --re0/--re1.  Exit codes: 0 read, 2 config, 3 unreachable.
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}

# A configuration for the running simulator: password from a command.
write_conf()   # file, known_hosts, policy, password_command
{
  cat >"$1" <<EOF
defaults: { user = "netops"; auth = ["keyboard-interactive", "password"];
            password_command = "$4";
            known_hosts = "$2"; host_key_policy = "$3"; connect_timeout = 5; };
routers = ( { name = "lab"; re0 = { host = "127.0.0.1"; port = ${SIM_PORT[re0]}; };
              re1 = { host = "127.0.0.1"; port = ${SIM_PORT[re1]}; };
              package = "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"; } );
EOF
}

status_json()  # conf -> $OUT (stdout) and $RC
{
  OUT=$(timeout 60 "$CONSOLE" status -c "$1" --json 2>"$TEST_TMP/status.err")
  RC=$?
}

jqv() { jq -r "$1" <<<"$OUT"; }

log "defaults: both REs read"
start_sim || die "issu-sim does not start"
CONF=$TEST_TMP/lab.conf
write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
status_json "$CONF"
assert_rc "status exits 0 when both REs are read" 0 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_eq "router name" lab "$(jqv .router)"
assert_eq "re0 is master" master "$(jqv '.re[0].role')"
assert_eq "re1 is backup" backup "$(jqv '.re[1].role')"
assert_eq "re0 hostname" mx480-re0 "$(jqv '.re[0].hostname')"
assert_eq "re1 version" 10.1R1.8 "$(jqv '.re[1].version')"
assert_eq "re0 election priority" master "$(jqv '.re[0].election_priority')"
assert_eq "gres" true "$(jqv .gres)"
assert_eq "nsr" true "$(jqv .nsr)"
assert_eq "commit synchronize" true "$(jqv .commit_synchronize)"
assert_eq "backup ready" true "$(jqv .backup_ready_for_switchover)"
assert_eq "replication complete" true "$(jqv .nsr_replication_complete)"
assert_eq "same version" true "$(jqv .same_version)"
assert_eq "package present" true "$(jqv .package.present)"
assert_eq "package version" 10.3R2.11 "$(jqv .package.version)"
up=$(jqv '.re[0].uptime_s')
if ((up > 41 * 86400)); then pass "re0 uptime in seconds ($up)"; else fail "re0 uptime" "> 41 days" "$up"; fi
assert_eq "no sha-256 configured: not compared" null "$(jqv .package.sha256_matches)"

# The configured checksum is compared with what the master computes.
digest=$(sim_ssh re0 "file checksum sha-256 /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz" |
  sed -n 's/^SHA256 (.*) = \([0-9a-f]*\)$/\1/p')
sed "s|package = \"/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz\";|&\n package_sha256 = \"$digest\";|" \
  "$CONF" >"$TEST_TMP/sha.conf"
status_json "$TEST_TMP/sha.conf"
assert_eq "sha-256 configured and right: matches" true "$(jqv .package.sha256_matches)"
assert_eq "sha-256 read from the master" "$digest" "$(jqv .package.sha256)"
sed -i "s/$digest/$(printf '%064d' 0)/" "$TEST_TMP/sha.conf"
status_json "$TEST_TMP/sha.conf"
assert_eq "sha-256 configured and wrong: does not match" false "$(jqv .package.sha256_matches)"
assert_contains "wrong sha-256: said in words" "$(timeout 60 "$CONSOLE" status -c "$TEST_TMP/sha.conf")" \
  "DOES NOT MATCH"

# Hashed known_hosts lines (ssh-keygen -H, HashKnownHosts yes) are read too.
cp "$SIM_KH" "$TEST_TMP/hashed_known_hosts"
ssh-keygen -q -H -f "$TEST_TMP/hashed_known_hosts" >/dev/null 2>&1
rm -f "$TEST_TMP/hashed_known_hosts.old"
assert_not_contains "the hashed file names no host in clear" \
  "$(cat "$TEST_TMP/hashed_known_hosts")" "127.0.0.1"
write_conf "$TEST_TMP/hashed.conf" "$TEST_TMP/hashed_known_hosts" strict "echo $SIM_PASSWORD"
status_json "$TEST_TMP/hashed.conf"
assert_rc "hashed known_hosts under strict: exit 0" 0 "$RC" "$(cat "$TEST_TMP/status.err")"

TEXT=$(timeout 60 "$CONSOLE" status -c "$CONF" 2>&1)
assert_contains "human output names the roles" "$TEXT" "master"
assert_contains "human output says GRES configured" "$TEXT" "graceful switchover (GRES): configured"
stop_sim_clean "defaults"

log "each --without shows"
for w in gres nsr commit-sync; do
  start_sim --without "$w" || die "issu-sim --without $w does not start"
  write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
  status_json "$CONF"
  assert_rc "--without $w: status exits 0" 0 "$RC" "$(cat "$TEST_TMP/status.err")"
  key=$([ "$w" = commit-sync ] && echo commit_synchronize || echo "$w")
  assert_eq "--without $w: $key is false" false "$(jqv ".$key")"
  stop_sim_clean "--without $w"
done

log "roles swapped"
start_sim --master re1 || die "issu-sim --master re1 does not start"
write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
status_json "$CONF"
assert_eq "--master re1: re1 is master" master "$(jqv '.re[1].role')"
assert_eq "--master re1: re0 is backup" backup "$(jqv '.re[0].role')"

log "unknown host key: strict refuses with the fingerprint, accept-new adds it"
: >"$TEST_TMP/empty_known_hosts"
write_conf "$CONF" "$TEST_TMP/empty_known_hosts" strict "echo $SIM_PASSWORD"
status_json "$CONF"
assert_rc "strict + unknown key: exit 3" 3 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_eq "strict + unknown key: re0 not reachable" false "$(jqv '.re[0].reachable')"
assert_contains "strict + unknown key: the fingerprint is shown" "$(jqv '.re[0].error')" "SHA256:"
assert_contains "strict + unknown key: how to accept it" "$(jqv '.re[0].error')" "ssh-keyscan -p"
write_conf "$CONF" "$TEST_TMP/empty_known_hosts" accept-new "echo $SIM_PASSWORD"
status_json "$CONF"
assert_rc "accept-new + unknown key: exit 0" 0 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_contains "accept-new: re0's key was added" "$(cat "$TEST_TMP/empty_known_hosts")" "[127.0.0.1]:${SIM_PORT[re0]} "
assert_match "accept-new: and that is said, as ssh says it" "$(cat "$TEST_TMP/status.err")" \
  "^issu-console status: re0: added the host key of \\[127\\.0\\.0\\.1\\]:${SIM_PORT[re0]} \\(ssh-[a-z0-9]+ SHA256:[^)]+\\) to $TEST_TMP/empty_known_hosts$"
status_json "$CONF"
assert_eq "accept-new, known now: nothing said" "" "$(cat "$TEST_TMP/status.err")"

log "changed host key: refused under both policies"
# re1's keys written down for re0's address: re0 now looks "changed".
sed -n "s/^\[127.0.0.1\]:${SIM_PORT[re1]} /[127.0.0.1]:${SIM_PORT[re0]} /p" "$SIM_KH" \
  >"$TEST_TMP/swapped"
grep "^\[127.0.0.1\]:${SIM_PORT[re1]} " "$SIM_KH" >>"$TEST_TMP/swapped"
for policy in strict accept-new; do
  write_conf "$CONF" "$TEST_TMP/swapped" "$policy" "echo $SIM_PASSWORD"
  status_json "$CONF"
  assert_rc "$policy + changed key: exit 3" 3 "$RC" "$(cat "$TEST_TMP/status.err")"
  assert_contains "$policy + changed key: said loudly" "$(jqv '.re[0].error')" "HAS CHANGED"
  assert_contains "$policy + changed key: how to remove the old line, once checked" "$(jqv '.re[0].error')" \
    "(ssh-keygen -R '[127.0.0.1]:${SIM_PORT[re0]}' -f $TEST_TMP/swapped)"
  assert_eq "$policy + changed key: re1 still read" true "$(jqv '.re[1].reachable')"
done

log "wrong password, failing password_command"
write_conf "$CONF" "$SIM_KH" strict "echo not-the-password"
status_json "$CONF"
assert_rc "wrong password: exit 3" 3 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_contains "wrong password: said" "$(jqv '.re[0].error')" "authentication failed"
write_conf "$CONF" "$SIM_KH" strict "false"
status_json "$CONF"
assert_rc "failing password_command: exit 2" 2 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_contains "failing password_command: said" "$(cat "$TEST_TMP/status.err")" "password_command"

log "--re0/--re1 without routers in the file"
cat >"$TEST_TMP/defaults.conf" <<EOF
defaults: { user = "netops"; auth = ["password"]; password_command = "echo $SIM_PASSWORD";
            known_hosts = "$SIM_KH"; };
EOF
OUT=$(timeout 60 "$CONSOLE" status -c "$TEST_TMP/defaults.conf" --json \
  --re0 "127.0.0.1:${SIM_PORT[re0]}" --re1 "127.0.0.1:${SIM_PORT[re1]}" 2>"$TEST_TMP/status.err")
assert_rc "--re0/--re1: exit 0" 0 "$?" "$(cat "$TEST_TMP/status.err")"
assert_eq "--re0/--re1: re1 is master here" master "$(jqv '.re[1].role')"
assert_eq "--re0/--re1: no package asked" null "$(jqv .package)"
assert_eq "--re0/--re1 without a package: the phase cannot be told" unknown "$(jqv .phase)"
OUT=$(timeout 60 "$CONSOLE" status -c "$TEST_TMP/defaults.conf" --json \
  --re0 "127.0.0.1:${SIM_PORT[re0]}" --re1 "127.0.0.1:${SIM_PORT[re1]}" \
  --package /var/tmp/jinstall-10.3R2.11-domestic-signed.tgz 2>"$TEST_TMP/status.err")
assert_rc "--re0/--re1 --package: exit 0" 0 "$?" "$(cat "$TEST_TMP/status.err")"
assert_eq "--package: the package is looked for on the master" true "$(jqv .package.present)"
assert_eq "--package: its release is the target" 10.3R2.11 "$(jqv .package.version)"
assert_eq "--package: so the phase is told" ready "$(jqv .phase)"
OUT=$(timeout 10 "$CONSOLE" status -c "$CONF" --package /var/tmp/other.tgz 2>&1)
assert_rc "--package with a router of the file: exit 2" 2 "$?" "$OUT"
assert_contains "--package with a router of the file: refused, not silently used" "$OUT" \
  "--package goes with --re0/--re1"
stop_sim_clean "roles swapped"

log "no configuration file at all: ~/.ssh/config and ~/.ssh keys, as ssh"
# A home of our own: keys, known_hosts and an OpenSSH client config naming the
# REs; the console must find all of it the way ssh does.
H=$TEST_TMP/home
mkdir -p "$H/.ssh"
ssh-keygen -q -t ed25519 -N "" -f "$H/.ssh/id_ed25519" >/dev/null
start_sim --authorized-keys "$H/.ssh/id_ed25519.pub" || die "issu-sim does not start"
cp "$SIM_KH" "$H/.ssh/known_hosts"
cat >"$H/.ssh/config" <<EOF
Host lab-re0
    HostName 127.0.0.1
    Port ${SIM_PORT[re0]}
    User netops
Host lab-re1
    HostName 127.0.0.1
    Port ${SIM_PORT[re1]}
    User netops
EOF
OUT=$(HOME=$H XDG_CONFIG_HOME=$H/.config timeout 60 "$CONSOLE" status --json \
  --re0 lab-re0 --re1 lab-re1 2>"$TEST_TMP/status.err" </dev/null)
assert_rc "no file, ~/.ssh/config names the REs: exit 0" 0 "$?" "$(cat "$TEST_TMP/status.err")"
assert_eq "no file: re0 read through its alias" mx480-re0 "$(jqv '.re[0].hostname')"
assert_eq "no file: re1 read through its alias" mx480-re1 "$(jqv '.re[1].hostname')"
assert_event "the login used the key from ~/.ssh" '.event == "auth" and .method == "publickey" and .ok == true'
# ~/.ssh/config cannot weaken host-key checking.
printf '    StrictHostKeyChecking no\n    UserKnownHostsFile /dev/null\n' >>"$H/.ssh/config"
: >"$H/.ssh/known_hosts"
OUT=$(HOME=$H XDG_CONFIG_HOME=$H/.config timeout 60 "$CONSOLE" status --json \
  --re0 lab-re0 --re1 lab-re1 2>"$TEST_TMP/status.err" </dev/null)
assert_rc "StrictHostKeyChecking no in ~/.ssh/config: still refused, exit 3" 3 "$?" \
  "$(cat "$TEST_TMP/status.err")"
assert_contains "StrictHostKeyChecking no: the key is still unknown" "$(jqv '.re[1].error')" "unknown host key"
stop_sim_clean "no configuration file"

log "an RE whose port refuses"
start_sim || die "issu-sim does not start"
write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
port=$(python3 -c "import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])")
sed -i "s/port = ${SIM_PORT[re1]};/port = $port;/" "$CONF"
status_json "$CONF"
assert_rc "refused re1: exit 3" 3 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_eq "refused re1: not reachable" false "$(jqv '.re[1].reachable')"
assert_contains "refused re1: the reason" "$(jqv '.re[1].error')" "refused"
assert_eq "refused re1: re0 still read" master "$(jqv '.re[0].role')"
assert_eq "refused re1: its facts are null, not guessed" null "$(jqv '.re[1].version')"
OUT=$(timeout 60 "$CONSOLE" status -c "$CONF" 2>&1)
assert_rc "refused re1, text: exit 3" 3 "$?" "$OUT"
assert_match "refused re1, text: its column says UNREACHABLE beside re0's role" "$OUT" \
  '^  role +master +UNREACHABLE$'
assert_match "refused re1, text: its release is not guessed" "$OUT" '^  version +10\.1R1\.8 +-$'
assert_match "refused re1, text: the reason in full" "$OUT" \
  "^  re1 UNREACHABLE: refused: 127\.0\.0\.1 port $port: connection refused"
assert_match "refused re1, text: no next step is guessed" "$OUT" '^  next step: none: '
stop_sim_clean "refused"

log "configuration errors exit 2 with file and line"
printf 'routers = ( { name = "x"; re0 = { host = "a"; port = 70000; }; re1 = { host = "b"; }; } );\n' >"$TEST_TMP/bad.conf"
OUT=$(timeout 10 "$CONSOLE" status -c "$TEST_TMP/bad.conf" 2>&1)
assert_rc "bad port: exit 2" 2 "$?" "$OUT"
assert_contains "bad port: the setting is named" "$OUT" "re0.port: 70000 is not a port"
# --- phase and next step (issue 6) -------------------------------------------
phase_case()   # why expected-phase expected-next sim-args...
{
  local why=$1 phase=$2 next=$3
  shift 3
  log "phase: $why"
  start_sim "$@" || die "issu-sim does not start"
  write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
  status_json "$CONF"
  assert_eq "$why: phase" "$phase" "$(jqv .phase)"
  assert_eq "$why: next step" "$next" "$(jqv .next_step)"
  stop_sim_clean "$why"
}
phase_case "all prerequisites met" ready upgrade
phase_case "GRES missing" prerequisites-missing fix-prerequisites --without gres
phase_case "versions differ" prerequisites-missing prerequisites --fault version-mismatch
phase_case "switch-back pending" switch-back-pending switch-back --master re1 \
  --re0-version 10.3R2.11 --re1-version 10.3R2.11
phase_case "done" done done --re0-version 10.3R2.11 --re1-version 10.3R2.11
start_sim || die "issu-sim does not start"
write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
OUT=$(timeout 60 "$CONSOLE" status -c "$CONF" 2>&1)
assert_match "the text output says the phase in words" "$OUT" '^  phase: ready \(both REs run 10.1R1.8'
assert_match "and the next step" "$OUT" '^  next step: Upgrade \(ISSU\)$'
assert_match "the text output puts the REs side by side" "$OUT" '^  +re0 +re1$'
assert_match "  no alarm on the master" "$OUT" '^  chassis alarms \(master\): +none$'
assert_match "  each RE's address in its column" "$OUT" \
  "^  address +127\.0\.0\.1:${SIM_PORT[re0]} +127\.0\.0\.1:${SIM_PORT[re1]}$"
assert_match "  the roles on one line" "$OUT" '^  role +master +backup$'
assert_match "  the releases on one line" "$OUT" '^  version +10\.1R1\.8 +10\.1R1\.8$'
assert_match "  the hostnames" "$OUT" '^  hostname +mx480-re0 +mx480-re1$'
assert_match "  /var's free space, as df -h prints it" "$OUT" '^  /var free +[0-9.]+[GM] +[0-9.]+[GM]$'
assert_match "  the last reboot's reason, whole" "$OUT" \
  '^  re0 last reboot: Router rebooted after a normal shutdown\.$'
stop_sim_clean "phase in words"

log "text output with the roles swapped and GRES missing"
start_sim --master re1 --without gres || die "issu-sim does not start"
write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
OUT=$(timeout 60 "$CONSOLE" status -c "$CONF" 2>&1)
assert_match "swapped: re0's column says backup, re1's master" "$OUT" '^  role +backup +master$'
assert_match "GRES missing is said plainly" "$OUT" '^  graceful switchover \(GRES\): NOT configured$'
assert_match "the master's alarm is shown: Junos' Backup RE Active" "$OUT" \
  '^  chassis alarms \(master\): +0 major, 1 minor: Backup RE Active$'
status_json "$CONF"
assert_eq "swapped, JSON: the alarms counted by class" '{"major":0,"minor":1}' "$(jq -c .alarms <<<"$OUT")"
stop_sim_clean "swapped, text"

log "an RE that accepts the connection and never speaks SSH: a timeout"
start_sim || die "issu-sim does not start"
write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
sed -i 's/connect_timeout = 5;/connect_timeout = 2;/' "$CONF"
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
print(s.getsockname()[1], flush=True)
held = []
end = time.time() + 30
s.settimeout(0.5)
while time.time() < end:
    try:
        held.append(s.accept()[0])
    except OSError:
        pass
' >"$TEST_TMP/silent.port" &
silent=$!
BG_PIDS+=($silent)
for _ in $(seq 50); do [[ -s $TEST_TMP/silent.port ]] && break; sleep 0.1; done
sport=$(cat "$TEST_TMP/silent.port")
sed -i "s/port = ${SIM_PORT[re1]};/port = $sport;/" "$CONF"
status_json "$CONF"
assert_rc "silent re1: exit 3" 3 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_eq "silent re1: the reason is a timeout, not a closed connection" \
  "timeout: 127.0.0.1 port $sport: the SSH handshake did not finish within 2 s" "$(jqv '.re[1].error')"
assert_eq "silent re1: re0 still read" master "$(jqv '.re[0].role')"
kill "$silent" 2>/dev/null
stop_sim_clean "silent"

log "prerequisites a run would not pass are listed under the phase"
start_sim --without gres || die "issu-sim does not start"
write_conf "$CONF" "$SIM_KH" strict "echo $SIM_PASSWORD"
OUT=$(timeout 60 "$CONSOLE" status -c "$CONF" 2>&1)
assert_match "GRES off: the failing check with its reason" "$OUT" \
  '^    FAIL +GRES configured: chassis redundancy graceful-switchover is not configured$'
assert_match "GRES off: the backup's own reason for not being ready" "$OUT" \
  '^    FAIL +Backup ready for switchover: re1 is not ready for switchover: graceful switchover is off$'
assert_match "GRES off: the election priorities beside the roles" "$OUT" '^  priority +master +backup$'
status_json "$CONF"
assert_eq "GRES off, JSON: the GRES check fails" fail \
  "$(jqv '.checks[] | select(.check == "GRES configured") | .result')"
assert_eq "GRES off, JSON: two REs, one master one backup passes" pass \
  "$(jqv '.checks[] | select(.check == "Two REs, one master one backup") | .result')"
OUT=$(timeout 60 "$CONSOLE" status -c "$CONF" --json 2>&1 >/dev/full)
assert_rc "a full disk: exit 1, not 0" 1 "$?" "$OUT"
assert_contains "a full disk: said on stderr" "$OUT" "issu-console status: cannot write the output: No space left on device"
stop_sim_clean "checks"

log "a known_hosts in a directory not made yet: the line to paste makes it"
start_sim || die "issu-sim does not start"
write_conf "$CONF" "$TEST_TMP/nodir/known_hosts" strict "echo $SIM_PASSWORD"
status_json "$CONF"
assert_rc "no known_hosts yet: exit 3" 3 "$RC" "$(cat "$TEST_TMP/status.err")"
assert_contains "the line to trust re0 makes the directory first" "$(jqv '.re[0].error')" \
  "To trust it: mkdir -p -m 700 $TEST_TMP/nodir && ssh-keyscan -p ${SIM_PORT[re0]} 127.0.0.1 >> $TEST_TMP/nodir/known_hosts"
line=$(jqv '.re[0].error' | sed 's/.*To trust it: //; s/ (after checking.*//')
bash -c "$line" 2>/dev/null
CHECKS=$((CHECKS + 1))
if [[ -s $TEST_TMP/nodir/known_hosts ]]; then
  pass "that line, pasted, works"
else
  fail "that line, pasted, works" "$line"
fi
stop_sim_clean "nodir"

log "a router not named: the names the file has are listed"
cat >"$TEST_TMP/two.conf" <<EOF
routers = ( { name = "mx-a"; re0 = { host = "192.0.2.1"; }; re1 = { host = "192.0.2.2"; }; },
            { name = "mx-b"; re0 = { host = "192.0.2.3"; }; re1 = { host = "192.0.2.4"; }; } );
EOF
OUT=$(timeout 10 "$CONSOLE" status -c "$TEST_TMP/two.conf" 2>&1)
assert_rc "two routers, none named: exit 2" 2 "$?" "$OUT"
assert_eq "two routers, none named: their names" \
  "issu-console status: $TEST_TMP/two.conf: several routers: name one (mx-a, mx-b)" "$OUT"
OUT=$(timeout 10 "$CONSOLE" status -c "$TEST_TMP/two.conf" mx-c 2>&1)
assert_eq "a name not in the file: the names it has" \
  "issu-console status: $TEST_TMP/two.conf: no router by that name (mx-a, mx-b)" "$OUT"

OUT=$("$CONSOLE" parse 'show versio' </dev/null 2>&1)
assert_rc "parse of an unknown command: exit 2" 2 "$?" "$OUT"
assert_eq "parse of an unknown command: one line that says where the list is" \
  'issu-console parse: "show versio" is not a command the console reads (issu-console parse --help lists them)' "$OUT"

finish
