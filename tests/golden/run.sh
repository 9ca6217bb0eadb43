#!/usr/bin/env bash
# Golden CLI cases (Miller's habit: cases as data). Each directory
# tests/golden/<command>/<case>/ holds:
#   cmd   the arguments after `baton`, one line, run from the repository root
#   out   the expected standard output
#   err   the expected standard error (optional; absent = not compared)
#   code  the expected exit code (optional; absent = 0)
# usage: tests/golden/run.sh BATON_BINARY [--update | --case DIR]
#   --update rewrites out/err/code from the current binary; the git diff is the review.
#   --case DIR runs one case (tests/golden/<command>/<case>): ctest runs each so.
set -uo pipefail
baton=$(realpath "$1")
update=${2:-}
only=""
if [ "$update" = "--case" ]; then
  only=${3:?--case needs a directory}
  only=${only%/}
  only=tests/golden/${only#*tests/golden/}/
  update=""
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
# Cases run in a scratch directory that sees only samples/ and tests/ of the
# repository, so a baton.toml lying at the top, or $BATON_CONFIG, cannot change them.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$root/samples" "$work/samples"
ln -s "$root/tests" "$work/tests"
cd "$work" || exit 2
unset BATON_CONFIG
export NO_COLOR=1
export TMPDIR="$work"
fail=0; n=0
for dir in tests/golden/*/*/; do
  [ -f "$dir/cmd" ] || continue
  [ -z "$only" ] || [ "$dir" = "$only" ] || continue
  n=$((n+1))
  args=$(cat "$dir/cmd")
  out=$(mktemp); err=$(mktemp)
  eval "\"$baton\" $args" >"$out" 2>"$err" </dev/null
  code=$?
  if [ "$update" = "--update" ]; then
    cp "$out" "$dir/out"
    if [ -s "$err" ] || [ -f "$dir/err" ]; then cp "$err" "$dir/err"; fi
    if [ $code -ne 0 ]; then echo $code >"$dir/code"; else rm -f "$dir/code"; fi
  else
    want=0; [ -f "$dir/code" ] && want=$(cat "$dir/code")
    if [ "$code" != "$want" ]; then
      echo "FAIL $dir: exit code $code, expected $want"; sed 's/^/  stderr: /' "$err"; fail=1
    fi
    if ! diff -u "$dir/out" "$out" >/dev/null; then
      echo "FAIL $dir: stdout differs"; diff -u "$dir/out" "$out" | head -40; fail=1
    fi
    if [ -f "$dir/err" ] && ! diff -u "$dir/err" "$err" >/dev/null; then
      echo "FAIL $dir: stderr differs"; diff -u "$dir/err" "$err" | head -20; fail=1
    fi
  fi
  rm -f "$out" "$err"
done
[ $n -gt 0 ] || { echo "no golden cases found${only:+ at $only}"; exit 1; }
echo "golden: $n cases, $([ $fail -eq 0 ] && echo ok || echo FAILED)"
exit $fail
