#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine (as root) or a
# developer's checkout: installs the packages, builds, runs `make check`
# plainly and under AddressSanitizer + UndefinedBehaviorSanitizer, runs the
# unit tests under valgrind, and checks the release tarball (distcheck).
# README's Tests command and CI's .ci/run both run exactly this.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

packages=(build-essential autoconf automake pkg-config
  libssh-dev libssl-dev libconfig-dev libncurses-dev libcmocka-dev
  openssh-client sshpass tmux jq valgrind)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}"
fi

# Real Junos captures, beside the repository; tests compare against them.
# CI (.ci/run sets JUNOS_REFERENCE_REQUIRED) must have them; a clone without
# them runs every other test and says what it skipped.
JUNOS_REFERENCE=${JUNOS_REFERENCE:-$top/../shared/reference/junos}
if [ -d "$JUNOS_REFERENCE" ]; then
  JUNOS_REFERENCE=$(cd "$JUNOS_REFERENCE" && pwd)
  reference_note=""
elif [ -n "${JUNOS_REFERENCE_REQUIRED:-}" ]; then
  echo "ci: no Junos reference captures at $JUNOS_REFERENCE (required here)" >&2
  exit 1
else
  reference_note="no Junos reference captures at $JUNOS_REFERENCE"
  echo "ci: $reference_note: the tests that compare with them are skipped" >&2
fi
export JUNOS_REFERENCE

autoreconf -fi >/dev/null

summary=()
run_suite() {   # name, configure flags...
  local name=$1; shift
  local dir="$top/build-ci-$name"
  rm -rf "$dir"; mkdir -p "$dir"
  echo "ci: === $name build ==="
  (cd "$dir" && "$top/configure" -q "$@" && make -j2 >/dev/null)
  echo "ci: === $name make check ==="
  if ! (cd "$dir" && make -j2 check JUNOS_REFERENCE="$JUNOS_REFERENCE"); then
    find "$dir/tests" -name '*.log' ! -name 'test-suite.log' -print0 |
      xargs -0 grep -l -E '^(FAIL|ERROR)' 2>/dev/null | while read -r f; do
        echo "ci: ---- $f"; tail -n 60 "$f"; done
    cat "$dir/test-suite.log" 2>/dev/null | tail -n 80
    return 1
  fi
  summary+=("$name: $(grep -E '^# (PASS|FAIL|ERROR|SKIP):' "$dir/test-suite.log" | tr '\n' ' ')")
}

run_suite plain
run_suite sanitizers --enable-sanitizers

echo "ci: === valgrind over the unit tests ==="
(cd "$top/build-ci-plain" && make check-valgrind JUNOS_REFERENCE="$JUNOS_REFERENCE")

echo "ci: === distcheck ==="
(cd "$top/build-ci-plain" && make -j2 distcheck JUNOS_REFERENCE="$JUNOS_REFERENCE" >/dev/null)

passed=0; failed=0; skipped=0
for d in "$top"/build-ci-plain "$top"/build-ci-sanitizers; do
  passed=$((passed + $(sed -n 's/^# PASS: *//p' "$d/test-suite.log")))
  failed=$((failed + $(sed -n 's/^# FAIL: *//p' "$d/test-suite.log") + $(sed -n 's/^# ERROR: *//p' "$d/test-suite.log")))
  skipped=$((skipped + $(sed -n 's/^# SKIP: *//p' "$d/test-suite.log")))
done
# cmocka skips single tests inside a program that passes: count them too.
cases_skipped=$(cat "$top"/build-ci-plain/tests/unit/*.log 2>/dev/null |
  sed -n 's/^\[  SKIPPED \] \([0-9]*\) test(s).*/\1/p' |
  awk '{ n += $1 } END { print n + 0 }')
printf 'ci: %s\n' "${summary[@]}"
if [ -n "$reference_note" ]; then
  echo "ci: skipped ($reference_note): $skipped test programs," \
    "$cases_skipped unit tests in the others (plain build)"
fi
echo "ci: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
