#!/usr/bin/env bash
# The man page documents the whole CLI: every subcommand listed by `baton --help`
# and every long option printed by `baton --help` and `baton SUBCOMMAND --help`
# must appear in it (plain or roff-escaped: --window, \-\-window, \fB\-\-window\fR),
# and groff must format it without warnings (when groff is installed).
# usage: tests/man_test.sh BATON_BINARY MANPAGE
# Exit 0 when everything is documented, 1 when something is missing, 2 on misuse.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BATON_BINARY MANPAGE" >&2
  exit 2
fi
baton=$1
page=$2
[ -x "$baton" ] || { echo "man_test: $baton is not an executable" >&2; exit 2; }
[ -r "$page" ] || { echo "man_test: cannot read the man page $page" >&2; exit 1; }

fail=0
missing() {
  echo "man_test: $page does not document $1"
  fail=1
}

# The page as plain text for matching: font and zero-width escapes removed,
# escaped minus signs and hyphens turned into '-'.
text=$(sed -e 's/\\f\[[^]]*\]//g' -e 's/\\f([A-Za-z][A-Za-z]//g' -e 's/\\f[A-Za-z0-9]//g' \
           -e 's/\\&//g' -e 's/\\%//g' -e 's/\\(hy/-/g' -e 's/\\(mi/-/g' -e 's/\\\[hy\]/-/g' \
           -e 's/\\-/-/g' "$page")

# Is $1 in the page as a whole word (not part of a longer option or name)?
documented() {
  local word=$1
  local pattern
  pattern=$(printf '%s' "$word" | sed 's/[.[\*^$]/\\&/g')
  # A here-string, not a pipe: grep -q stops early, and under pipefail the
  # writer's SIGPIPE would turn a match into a failure.
  grep -Eq -- "(^|[^A-Za-z0-9_-])${pattern}([^A-Za-z0-9_-]|\$)" <<<"$text"
}

top_help=$("$baton" --help 2>&1) || { echo "man_test: $baton --help failed" >&2; exit 1; }

# Subcommands: the indented names under "Subcommands:" (CLI11's help layout).
subcommands=$(printf '%s\n' "$top_help" |
  awk '/^Subcommands:/ { on = 1; next } on && /^[^ ]/ { on = 0 } on && /^  [a-z]/ { print $1 }')
if [ -z "$subcommands" ]; then
  echo "man_test: found no subcommands in '$baton --help'" >&2
  exit 1
fi

long_options() {
  grep -oE -- '--[a-z][a-z0-9-]*' | sed 's/-*$//' | sort -u
}

for option in $(printf '%s\n' "$top_help" | long_options); do
  documented "$option" || missing "option $option (baton --help)"
done

for sub in $subcommands; do
  documented "$sub" || missing "subcommand $sub"
  if ! sub_help=$("$baton" "$sub" --help 2>&1); then
    echo "man_test: $baton $sub --help failed"
    fail=1
    continue
  fi
  for option in $(printf '%s\n' "$sub_help" | long_options); do
    documented "$option" || missing "option $option (baton $sub --help)"
  done
done

if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  if [ -n "$warnings" ]; then
    echo "man_test: groff warns about $page:"
    printf '%s\n' "$warnings" | sed 's/^/  /'
    fail=1
  fi
else
  echo "man_test: groff is not installed; formatting not checked"
fi

if [ $fail -eq 0 ]; then
  echo "man_test: $page documents $(echo $subcommands | wc -w) subcommands and their options"
fi
exit $fail
