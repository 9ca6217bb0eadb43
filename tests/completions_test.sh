#!/usr/bin/env bash
# The bash completion that `baton completions bash` generates completes
# subcommands, options and option values (driven through compgen as bash does),
# and `cmake --install` puts the binary, the man page and all three completion
# scripts under the prefix.
# usage: tests/completions_test.sh BATON_BINARY BUILD_DIR
set -euo pipefail
baton=$(realpath "$1")
build=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "completions_test: $*" >&2; exit 1; }

"$baton" completions bash -o "$work/baton.bash"
# shellcheck disable=SC1091
source "$work/baton.bash"
complete -p baton | grep -- "-F _baton" >/dev/null || fail "complete -p baton does not name _baton"

# COMP_WORDS as bash sets them, then the function's answer. Its readers below use
# grep >/dev/null, not grep -q: grep -q stops reading at the first match, and
# under pipefail the writer's SIGPIPE then fails the check (a flake under load).
ask() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _baton
  printf '%s\n' "${COMPREPLY[@]}"
}
ask baton "" | grep -x summary >/dev/null || fail "'baton <TAB>' lacks summary"
ask baton "" | grep -x scores >/dev/null || fail "'baton <TAB>' lacks scores"
ask baton scores --thr | grep -x -- --thresholds >/dev/null || fail "'baton scores --thr<TAB>'"
ask baton co | sort | tr '\n' ' ' | grep "completions cost" >/dev/null || fail "'baton co<TAB>'"
ask baton cost --attr | grep -x -- --attribution >/dev/null || fail "'baton cost --attr<TAB>'"
[ "$(ask baton cost --attribution u)" = "u-shaped" ] || fail "'--attribution u<TAB>'"
ask baton funnel --format "" | grep -x html >/dev/null || fail "'--format <TAB>' lacks html"
ask baton sla --fail | grep -x -- --fail-on-breach >/dev/null || fail "'baton sla --fail<TAB>'"
if ask baton funnel --fail | grep . >/dev/null; then fail "funnel offers --fail-on-breach"; fi

[ "$("$baton" completions zsh | sed -n 1p)" = "#compdef baton" ] || fail "zsh script header"
"$baton" completions fish | grep -- "-l attribution -x -a 'first last linear" >/dev/null || fail "fish"
if "$baton" completions powershell 2>/dev/null; then fail "an unknown shell was accepted"; fi

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in bin/baton share/man/man1/baton.1 share/bash-completion/completions/baton \
         share/zsh/site-functions/_baton share/fish/vendor_completions.d/baton.fish; do
  [ -f "$work/prefix/$f" ] || fail "cmake --install did not install $f"
done
[ "$("$work/prefix/bin/baton" --version)" = "$("$baton" --version)" ] || fail "installed --version"
echo "completions_test: bash completes subcommands, options and values; install has all files"
