#!/bin/bash
#
# sim_auth.sh - who gets in: the password (right, wrong, wrong user, custom
# --user/--password), and --authorized-keys with ed25519 and RSA keys made
# by ssh-keygen (a listed key works with `ssh -i` and BatchMode, a key not in
# the file is refused); every attempt is in the event log with user, method
# and ok, and the simulator keeps answering after refusals.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

KEYS=$TEST_TMP/keys
mkdir -m 700 "$KEYS"
ssh-keygen -q -t ed25519 -N '' -C listed-ed25519 -f "$KEYS/id_ed25519" || die "ssh-keygen ed25519"
ssh-keygen -q -t rsa -b 3072 -N '' -C listed-rsa -f "$KEYS/id_rsa" || die "ssh-keygen rsa"
ssh-keygen -q -t ed25519 -N '' -C stranger -f "$KEYS/stranger" || die "ssh-keygen stranger"
{
  echo "# keys allowed to log in as netops"
  echo
  cat "$KEYS/id_ed25519.pub"
  cat "$KEYS/id_rsa.pub"
} >"$KEYS/authorized_keys"

auth_count()
{
  ev_count '.event == "auth" and .re == $re and .user == $u and .method == $m and .ok == ($ok == "true")' \
    --arg re "$1" --arg u "$2" --arg m "$3" --arg ok "$4"
}

start_sim --authorized-keys "$KEYS/authorized_keys" || die "issu-sim does not start"

# --- passwords ---------------------------------------------------------------

for re in re0 re1; do
  before=$(auth_count "$re" netops password false)
  out=$(SIM_PASSWORD=wrong sim_ssh "$re" "show version" 2>&1)
  rc=$?
  assert_rc "$re: a wrong password is refused (sshpass exit 5)" 5 "$rc" "$out"
  assert_not_contains "$re: a refused login runs nothing" "$out" "Hostname:"
  ev_wait '.event == "auth" and .re == $re and .ok == false' 5 --arg re "$re"
  CHECKS=$((CHECKS + 1))
  if (($(auth_count "$re" netops password false) > before)); then
    pass "$re: the wrong password is logged: auth user netops method password ok false"
  else
    fail "$re: the wrong password is logged (auth, netops, password, ok:false)" \
      "$(jq -c 'select(.event == "auth")' "$SIM_EVENTS")"
  fi
done
assert_no_event "a refused login opens no command" '.event == "command" and .text == "show version"'

out=$(SIM_USER=intruder sim_ssh re0 "show version" 2>&1)
assert_rc "re0: an unknown user with netops' password is refused" 5 "$?" "$out"
assert_event "re0: the unknown user is logged with ok false" \
  '.event == "auth" and .re == "re0" and .user == "intruder" and .ok == false'

run_both "show version"
for re in re0 re1; do
  assert_rc "$re: the right password still works after refusals" 0 "${RC[$re]}" "${ERR[$re]}"
  assert_line "$re: and the answer is right" "${OUT[$re]}" "Hostname: mx480-$re"
  assert_event "$re: the good password is logged with ok true" \
    '.event == "auth" and .re == $re and .user == "netops" and .method == "password" and .ok == true' --arg re "$re"
done

# --- public keys ---------------------------------------------------------------

for key in id_ed25519 id_rsa; do
  for re in re0 re1; do
    out=$(sim_ssh_key "$re" "$KEYS/$key" "show version" 2>&1)
    assert_rc "$re: ssh -i $key (listed) logs in with BatchMode" 0 "$?" "$out"
    assert_line "$re: ssh -i $key runs the command" "$out" "Hostname: mx480-$re"
  done
done
for re in re0 re1; do
  assert_event "$re: key logins logged with method publickey, ok true" \
    '.event == "auth" and .re == $re and .user == "netops" and .method == "publickey" and .ok == true' --arg re "$re"
done
for re in re0 re1; do
  before_ok=$(auth_count "$re" netops publickey true)
  out=$(sim_ssh_key "$re" "$KEYS/stranger" "show version" 2>&1)
  rc=$?
  assert_rc "$re: a key not in authorized_keys is refused (ssh exit 255)" 255 "$rc" "$out"
  assert_contains "$re: the refusal is ssh's Permission denied" "$out" "Permission denied"
  assert_eq "$re: the stranger's key produced no successful login" "$before_ok" \
    "$(auth_count "$re" netops publickey true)"
  assert_event "$re: the refused key is logged with method publickey, ok false" \
    '.event == "auth" and .re == $re and .method == "publickey" and .ok == false' --arg re "$re"
done

out=$(SIM_USER=intruder sim_ssh_key re1 "$KEYS/id_ed25519" "show version" 2>&1)
assert_rc "re1: a listed key for another user is refused" 255 "$?" "$out"

assert_answers "after refused passwords and keys"
assert_log_valid
stop_sim_clean "authorized keys"

# --- without --authorized-keys no key gets in; custom credentials -------------

start_sim --user lab --password 'S3cret pass' || die "issu-sim --user lab does not start"
out=$(sim_ssh_key re0 "$KEYS/id_ed25519" "show version" 2>&1)
assert_rc "without --authorized-keys a key login is refused" 255 "$?" "$out"
out=$(sim_ssh re0 "show version" 2>&1)
assert_rc "--user lab: netops/netops is refused" 5 "$?" "$out"
out=$(SIM_USER=lab SIM_PASSWORD='S3cret pass' sim_ssh re0 "show version" 2>&1)
assert_rc "--user lab --password 'S3cret pass' logs in" 0 "$?" "$out"
assert_line "--user lab: the answer is right" "$out" "Hostname: mx480-re0"
term_out=$(SIM_USER=lab SIM_PASSWORD='S3cret pass' sim_ssh re1 -tt "show version" 2>&1)
assert_contains "--user lab: exec with a pty answers too" "$term_out" "Hostname: mx480-re1"
assert_event "--user lab: logged with user lab" \
  '.event == "auth" and .user == "lab" and .method == "password" and .ok == true'
stop_sim_clean "custom user"

finish
