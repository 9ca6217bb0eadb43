#!/usr/bin/env bash
# The installed library works for a program outside the project (fmt's habit):
# `cmake --install` the build into a scratch prefix, build tests/consumer against
# it with find_package(baton), run it on samples/ and compare its funnel with
# what the baton binary prints.
# usage: tests/consumer_test.sh BATON_BINARY BUILD_DIR SOURCE_DIR
set -euo pipefail
baton=$(realpath "$1")
build=$(realpath "$2")
source_dir=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "consumer_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in include/baton/model.h include/baton/run.h lib/cmake/baton/batonConfig.cmake; do
  [ -f "$work/prefix/$f" ] || fail "the install lacks $f"
done
if [ -e "$work/prefix/include/baton/csv.h" ]; then fail "an internal header was installed"; fi
# The library's own compiler flags (a sanitizer build needs its runtime in the consumer too).
flags=$(sed -n 's/^CMAKE_CXX_FLAGS:STRING=//p' "$build/CMakeCache.txt")
cmake -S "$source_dir/tests/consumer" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "find_package(baton) failed"; }
cmake --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build failed"; }
"$work/build/consumer" "$source_dir/samples" >"$work/got"
(cd "$source_dir" && "$baton" funnel samples/ --as-of 2024-07-01T00:00:00Z --format csv) |
  awk -F, 'NR > 1 { print $1, $2 }' >"$work/want"
diff -u "$work/want" "$work/got" || fail "the consumer's funnel differs from baton's"
[ "$(head -1 "$work/got")" = "lead 296" ] || fail "unexpected first line: $(head -1 "$work/got")"
echo "consumer_test: ok"
