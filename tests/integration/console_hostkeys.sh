#!/usr/bin/env bash
# issu-console status against issu-sim, with known_hosts files that libssh's
# own reader got wrong: a different key for re0 behind a line with a NUL
# byte, behind a 100,000-character line, in a file that cannot be read, a
# directory in its place, a @revoked key, CRLF line ends.  Under accept-new
# the changed key must be refused (exit 3, "HAS CHANGED" / "cannot read")
# and known_hosts left byte for byte as it was; an unreadable file stops
# strict too, with an error about the file, not "unknown key".
set -u
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:?}"

CONSOLE=${ISSU_CONSOLE:?}

write_conf()   # file, known_hosts, policy
{
  cat >"$1" <<EOF
defaults: { user = "netops"; auth = ["keyboard-interactive", "password"];
            password_command = "echo $SIM_PASSWORD";
            known_hosts = "$2"; host_key_policy = "$3"; connect_timeout = 5; };
routers = ( { name = "lab"; re0 = { host = "127.0.0.1"; port = ${SIM_PORT[re0]}; };
              re1 = { host = "127.0.0.1"; port = ${SIM_PORT[re1]}; };
              package = "/var/tmp/jinstall-10.3R2.11-domestic-signed.tgz"; } );
EOF
}

# status_json CONF [AS_USER]: -> OUT, RC, ERRTEXT
status_json()
{
  local -a run=()
  if [[ -n ${2-} ]]; then
    run=(setpriv --reuid="$2" --regid="$2" --clear-groups env HOME="$TEST_TMP/home")
  fi
  OUT=$(timeout 60 "${run[@]}" "$CONSOLE" status -c "$1" --json 2>"$TEST_TMP/status.err")
  RC=$?
  ERRTEXT=$(cat "$TEST_TMP/status.err")
}

jqv() { jq -r "$1" <<<"$OUT"; }

start_sim || die "issu-sim does not start"
re0="[127.0.0.1]:${SIM_PORT[re0]}"
re1="[127.0.0.1]:${SIM_PORT[re1]}"
# re1's key written down for re0's address: re0 "changed"; re1 right.
# (The simulator writes an ed25519 and an RSA line per RE; the ed25519 ones
# are enough.)
WRONG=$(sed -n "s/^\[127.0.0.1\]:${SIM_PORT[re1]} \(ssh-ed25519 \)/$re0 \1/p" "$SIM_KH")
RIGHT1=$(grep "^\[127.0.0.1\]:${SIM_PORT[re1]} ssh-ed25519 " "$SIM_KH")
RIGHT0=$(grep "^\[127.0.0.1\]:${SIM_PORT[re0]} ssh-ed25519 " "$SIM_KH")
[[ -n $WRONG && -n $RIGHT1 && -n $RIGHT0 ]] || die "cannot read the simulator's known_hosts"
CONF=$TEST_TMP/lab.conf
mkdir -p "$TEST_TMP/home"

# changed_refused NAME FILE: accept-new must refuse re0 and leave FILE as is.
changed_refused()
{
  local name=$1 kh=$2
  cp "$kh" "$TEST_TMP/before"
  assert_match "$name: OpenSSH finds the entry behind it (ssh-keygen -F)" \
    "$(ssh-keygen -F "$re0" -f "$kh" 2>&1)" "found: line"
  write_conf "$CONF" "$kh" accept-new
  status_json "$CONF"
  assert_rc "$name, accept-new: exit 3" 3 "$RC" "$ERRTEXT"
  assert_eq "$name, accept-new: re0 not reachable" false "$(jqv '.re[0].reachable')"
  assert_contains "$name, accept-new: the changed key said" "$(jqv '.re[0].error')" "HAS CHANGED"
  assert_contains "$name, accept-new: the line holding it named" "$(jqv '.re[0].error')" "$kh:2 holds ssh-"
  assert_eq "$name, accept-new: re1 still read" true "$(jqv '.re[1].reachable')"
  if cmp -s "$TEST_TMP/before" "$kh"; then
    pass "$name, accept-new: known_hosts unchanged, byte for byte"
  else
    fail "$name, accept-new: known_hosts was changed" "$(diff <(od -c "$TEST_TMP/before") <(od -c "$kh") | head -20)"
  fi
}

log "a NUL byte in a line before re0's (changed) entry"
KH=$TEST_TMP/nul_known_hosts
{ printf '10.0.0.9 ssh-ed25519 AAAA\0junk\n'; printf '%s\n%s\n' "$WRONG" "$RIGHT1"; } >"$KH"
changed_refused "NUL line" "$KH"
assert_contains "NUL line: the skipped line said" "$(jqv '.re[0].error')" \
  "$KH:1: skipped: a NUL byte at column 26"

log "a 100,000-character line before re0's (changed) entry"
KH=$TEST_TMP/long_known_hosts
{ head -c 100000 /dev/zero | tr '\0' a; printf '\n%s\n%s\n' "$WRONG" "$RIGHT1"; } >"$KH"
changed_refused "100,000-char line" "$KH"
assert_contains "100,000-char line: the skipped line said" "$(jqv '.re[0].error')" \
  "$KH:1: skipped: longer than 65536 bytes"

log "a known_hosts file that cannot be read"
KH=$TEST_TMP/unreadable/known_hosts
mkdir -p "$TEST_TMP/unreadable"
printf '%s\n%s\n' "$WRONG" "$RIGHT1" >"$KH"
chmod 000 "$KH"
cp --preserve=mode "$KH" "$TEST_TMP/before" 2>/dev/null || cat "$KH" >"$TEST_TMP/before"
AS=
if [[ $(id -u) == 0 ]]; then
  # root reads anything: run the console as nobody, who can reach the
  # configuration but not the file.
  need setpriv util-linux
  AS=65534
  chmod 755 "$TEST_TMP" "$TEST_TMP/unreadable"
  chmod 644 "$CONF" 2>/dev/null
  chown 65534 "$TEST_TMP/home"
fi
for policy in accept-new strict; do
  write_conf "$CONF" "$KH" "$policy"
  chmod 644 "$CONF"
  status_json "$CONF" "$AS"
  assert_rc "unreadable, $policy: exit 3" 3 "$RC" "$ERRTEXT"
  assert_contains "unreadable, $policy: an error about reading the file" "$(jqv '.re[0].error')" \
    "cannot read known_hosts $KH: Permission denied"
  assert_not_contains "unreadable, $policy: not taken for an unknown key" "$(jqv '.re[0].error')" "ssh-keyscan"
  assert_not_contains "unreadable, $policy: nothing added" "$ERRTEXT" "added the host key"
done
chmod 600 "$KH"
if cmp -s "$TEST_TMP/before" "$KH"; then
  pass "unreadable: known_hosts unchanged, byte for byte"
else
  fail "unreadable: known_hosts was changed" "$(cat "$KH")"
fi

log "a directory where known_hosts should be"
KH=$TEST_TMP/dir_known_hosts
mkdir -p "$KH"
write_conf "$CONF" "$KH" accept-new
status_json "$CONF"
assert_rc "directory, accept-new: exit 3" 3 "$RC" "$ERRTEXT"
assert_contains "directory, accept-new: said" "$(jqv '.re[0].error')" \
  "cannot read known_hosts $KH: Is a directory"
assert_eq "directory, accept-new: nothing created in it" "" "$(ls -A "$KH")"

log "@revoked: the key is refused though a line holds it"
KH=$TEST_TMP/revoked_known_hosts
printf '%s\n@revoked * %s\n%s\n' "$RIGHT0" "${RIGHT0#* }" "$RIGHT1" >"$KH"
write_conf "$CONF" "$KH" accept-new
status_json "$CONF"
assert_rc "revoked, accept-new: exit 3" 3 "$RC" "$ERRTEXT"
assert_contains "revoked: said" "$(jqv '.re[0].error')" "IS REVOKED"
assert_contains "revoked: the line named" "$(jqv '.re[0].error')" "$KH:2 marks @revoked"

log "CRLF line ends: read as ssh reads them"
KH=$TEST_TMP/crlf_known_hosts
printf '# lab\r\n%s\r\n%s\r\n' "$RIGHT0" "$RIGHT1" >"$KH"
write_conf "$CONF" "$KH" strict
status_json "$CONF"
assert_rc "CRLF, strict: exit 0" 0 "$RC" "$ERRTEXT"

log "accept-new adds a key only when no line names the host; bad lines are said"
KH=$TEST_TMP/new_known_hosts
{ printf 'junk\0\n'; printf '%s' "$RIGHT1"; } >"$KH"    # no "\n" at the end
write_conf "$CONF" "$KH" accept-new
status_json "$CONF"
assert_rc "no line for re0, accept-new: exit 0" 0 "$RC" "$ERRTEXT"
assert_match "accept-new: the key added is said, with the skipped line" "$ERRTEXT" \
  "^issu-console status: re0: added the host key of \\[127\\.0\\.0\\.1\\]:${SIM_PORT[re0]} .*; $KH:1: skipped: a NUL byte at column 5$"
assert_match "re1 connected: the skipped line said for it too" "$ERRTEXT" \
  "^issu-console status: re1: $KH:1: skipped: a NUL byte at column 5$"
assert_eq "accept-new: the new line is a line of its own" "$RIGHT1" "$(sed -n 2p "$KH")"
assert_eq "accept-new: three lines now" 3 "$(wc -l <"$KH")"
assert_match "accept-new: the new line for re0" "$(sed -n 3p "$KH")" "^\\[127\\.0\\.0\\.1\\]:${SIM_PORT[re0]} ssh-ed25519 "
assert_eq "accept-new: OpenSSH finds it" 0 "$(ssh-keygen -F "$re0" -f "$KH" >/dev/null 2>&1; echo $?)"
KH2=$TEST_TMP/fresh/dir/known_hosts
write_conf "$CONF" "$KH2" accept-new
status_json "$CONF"
assert_rc "no file, accept-new: exit 0" 0 "$RC" "$ERRTEXT"
assert_eq "a new known_hosts is 0600" 600 "$(stat -c %a "$KH2")"
assert_eq "its directory is 0700" 700 "$(stat -c %a "$TEST_TMP/fresh/dir")"

stop_sim_clean "host keys"
finish
