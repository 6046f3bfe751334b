#!/bin/bash
#
# sim_hostkeys.sh - each RE's host key is its own and persists: with
# --host-key-dir the keys are made once (private key files mode 0600), a
# restart on the same ports writes the same known_hosts lines and strict ssh
# with the old file still works; the keys on disk are the keys served; a
# fresh directory means new keys, and OpenSSH then refuses with "REMOTE HOST
# IDENTIFICATION HAS CHANGED", as it must.

# shellcheck disable=SC2016,SC2119 # jq programs are single-quoted on purpose
# shellcheck source=tests/integration/lib.sh
. "${TESTS_LIB:-$(dirname "$0")/lib.sh}"

KEYDIR=$TEST_TMP/hostkeys
mkdir -m 700 "$KEYDIR"

# The ed25519 key of RE in a known_hosts file.
kh_key()
{
  awk -v h="[127.0.0.1]:$2" '$1 == h && $2 == "ssh-ed25519" { print $3 }' "$1"
}

start_sim --host-key-dir "$KEYDIR" || die "issu-sim --host-key-dir does not start"
first_kh=$TEST_TMP/known_hosts.first
cp "$SIM_KH" "$first_kh"
p0=${SIM_PORT[re0]} p1=${SIM_PORT[re1]}
run_both "show version"
for re in re0 re1; do
  assert_rc "$re: strict ssh on the first start" 0 "${RC[$re]}" "${ERR[$re]}"
done

# --- the files ------------------------------------------------------------------

mapfile -t private < <(grep -l 'PRIVATE KEY' "$KEYDIR"/* 2>/dev/null)
CHECKS=$((CHECKS + 1))
if ((${#private[@]} >= 2)); then
  pass "--host-key-dir holds ${#private[@]} private keys (at least one per RE)"
else
  fail "--host-key-dir holds a private key per RE" "$(ls -la "$KEYDIR")"
fi
for f in "${private[@]}"; do
  assert_eq "private key $(basename "$f") is mode 0600" 600 "$(stat -c %a "$f")"
done
served=()
for f in "${private[@]}"; do
  served+=("$(ssh-keygen -y -f "$f" 2>/dev/null | awk '{ print $2 }')")
done
for re in re0 re1; do
  port=${SIM_PORT[$re]}
  key=$(kh_key "$SIM_KH" "$port")
  CHECKS=$((CHECKS + 1))
  if [[ -n $key && " ${served[*]} " == *" $key "* ]]; then
    pass "$re: its known_hosts key is one of the private keys in --host-key-dir"
  else
    fail "$re: its known_hosts key is one of the private keys in --host-key-dir" \
      "known_hosts key: $key" "keys in the directory:" "${served[@]}"
  fi
done
assert_ne "re0 and re1 have different host keys" "$(kh_key "$SIM_KH" "$p0")" "$(kh_key "$SIM_KH" "$p1")"
mtimes=$(stat -c '%n %Y %s' "$KEYDIR"/* | sort)
sums=$(sha256sum "$KEYDIR"/* | sort)
stop_sim_clean "first start"

# --- restart with the same directory and ports: nothing changes --------------------

start_sim --host-key-dir "$KEYDIR" --re0-port "$p0" --re1-port "$p1" ||
  die "issu-sim does not restart with the same --host-key-dir and ports"
assert_exact "same directory and ports: the known_hosts file is identical" \
  "$(sort "$first_kh")" "$(sort "$SIM_KH")"
assert_exact "the key files were not rewritten" "$sums" "$(sha256sum "$KEYDIR"/* | sort)"
assert_exact "the key files were not touched" "$mtimes" "$(stat -c '%n %Y %s' "$KEYDIR"/* | sort)"
SIM_KH=$first_kh run_both "show version"
for re in re0 re1; do
  assert_rc "$re: strict ssh with the known_hosts of the first start still works" 0 "${RC[$re]}" "${ERR[$re]}"
  assert_line "$re: and answers" "${OUT[$re]}" "Hostname: mx480-$re"
done
stop_sim_clean "restart"

# Other ports, same directory: same keys under the new ports.
start_sim --host-key-dir "$KEYDIR" || die "issu-sim does not restart with the same --host-key-dir"
for re in re0 re1; do
  old_port=$p0
  [[ $re == re1 ]] && old_port=$p1
  assert_eq "$re: same key on another port" "$(kh_key "$first_kh" "$old_port")" \
    "$(kh_key "$SIM_KH" "${SIM_PORT[$re]}")"
done
stop_sim_clean "restart on other ports"

# --- a fresh directory: new keys, and OpenSSH notices -------------------------------

FRESH=$TEST_TMP/fresh
mkdir -m 700 "$FRESH"
start_sim --host-key-dir "$FRESH" --re0-port "$p0" --re1-port "$p1" ||
  die "issu-sim does not start with a fresh --host-key-dir"
for re in re0 re1; do
  port=$p0
  [[ $re == re1 ]] && port=$p1
  assert_ne "$re: a fresh directory gives a new key" "$(kh_key "$first_kh" "$port")" "$(kh_key "$SIM_KH" "$port")"
done
for re in re0 re1; do
  out=$(SIM_KH=$first_kh sim_ssh "$re" "show version" 2>&1)
  rc=$?
  assert_rc "$re: strict ssh with the old known_hosts is refused" 255 "$rc" "$out"
  assert_contains "$re: OpenSSH says the host key changed" "$out" "REMOTE HOST IDENTIFICATION HAS CHANGED"
  assert_not_contains "$re: and nothing ran" "$out" "Hostname:"
done
assert_no_event "no login happened through a changed host key" '.event == "auth"'
stop_sim_clean "fresh directory"

# --- no --host-key-dir: keys are temporary ---------------------

start_sim || die "issu-sim does not start"
k1=$(kh_key "$SIM_KH" "${SIM_PORT[re0]}")
stop_sim_clean "temporary keys"
start_sim || die "issu-sim does not start"
assert_ne "without --host-key-dir each start has new keys" "$k1" "$(kh_key "$SIM_KH" "${SIM_PORT[re0]}")"
stop_sim_clean "temporary keys again"

# --- a directory that cannot be used is an error, not a silent new key ---------------

touch "$TEST_TMP/not-a-dir"
timeout 10 "$ISSU_SIM" --host-key-dir "$TEST_TMP/not-a-dir" >"$TEST_TMP/bad.out" 2>"$TEST_TMP/bad.err"
rc=$?
CHECKS=$((CHECKS + 1))
if ((rc != 0 && rc != 124)); then
  pass "--host-key-dir on a plain file: exit $rc"
else
  fail "--host-key-dir on a plain file fails" "exit $rc" "$(cat "$TEST_TMP/bad.out")"
fi
assert_eq "--host-key-dir on a plain file: one line on stderr" 1 "$(wc -l <"$TEST_TMP/bad.err")"
assert_contains "--host-key-dir on a plain file: the message names it" "$(cat "$TEST_TMP/bad.err")" "not-a-dir"

finish
