#!/usr/bin/env bash
# The README's examples print exactly what the commands print (issue 16): every
# line of a fenced block that starts with "$ " is run from the repository root,
# with `baton` the binary under test, and its standard output must equal the
# lines that follow it, up to the next "$ " line or the end of the block.
# usage: tests/readme_test.sh BATON_BINARY README
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BATON_BINARY README" >&2; exit 2; }
baton=$(realpath "$1")
readme=$(realpath "$2")
root=$(dirname "$readme")
shim=$(mktemp -d)
trap 'rm -rf "$shim"' EXIT
ln -s "$baton" "$shim/baton"

examples=0 failed=0
check() {  # $1: the command, $2: the file of expected output
  examples=$((examples + 1))
  local got status=0
  got=$(mktemp -p "$shim")
  (cd "$root" && PATH="$shim:$PATH" NO_COLOR=1 bash -o pipefail -c "$1" >"$got" 2>"$shim/err") ||
    status=$?
  # 141: baton stopped by `| head`, which has what it wants (SIGPIPE).
  if [ "$status" -ne 0 ] && [ "$status" -ne 141 ]; then
    echo "readme_test: \$ $1 exits $status:" >&2
    cat "$shim/err" >&2
    failed=$((failed + 1))
  elif ! diff -u "$2" "$got" >"$shim/diff"; then
    echo "readme_test: \$ $1 prints something else than README.md says:" >&2
    cat "$shim/diff" >&2
    failed=$((failed + 1))
  fi
}

in_block=0 cmd="" expected=$(mktemp -p "$shim")
while IFS= read -r line || [ -n "$line" ]; do
  if [[ $line == '```'* ]]; then
    if [ $in_block = 1 ] && [ -n "$cmd" ]; then check "$cmd" "$expected"; fi
    in_block=$((1 - in_block)) cmd=""
    continue
  fi
  [ $in_block = 1 ] || continue
  if [[ $line == '$ '* ]]; then
    [ -z "$cmd" ] || check "$cmd" "$expected"
    cmd=${line#\$ }
    : >"$expected"
  elif [ -n "$cmd" ]; then
    printf '%s\n' "$line" >>"$expected"
  fi
done <"$readme"

if [ "$examples" -eq 0 ]; then
  echo "readme_test: no \$ example found in $readme" >&2
  exit 1
fi
[ "$failed" -eq 0 ] || { echo "readme_test: $failed of $examples examples differ" >&2; exit 1; }
echo "readme_test: $examples README examples print what they say"
