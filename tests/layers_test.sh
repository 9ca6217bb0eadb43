#!/usr/bin/env bash
# The layers (STYLE.md, README "Layout"): each folder of src/ includes only the
# folders below it, cli → report → metrics → model → ingest → csv, config → base,
# and metrics and report never read files (no csv, no ingest). The public headers
# in include/baton/ belong to the layer named below. This reads every #include
# "…" of src/ and include/baton/ and fails naming each one that reaches up.
# usage: tests/layers_test.sh [REPOSITORY_ROOT]
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2

# The layer of each public header.
declare -A public=(
  [time]=base [error]=base [string_index]=base [key_index]=base [pod_array]=base [values]=base
  [config]=config [calendar]=config [records]=config
  [inputs]=ingest
  [model]=model [run]=model
  [business_clock]=metrics [period]=metrics [funnel]=metrics [cost]=metrics [sla]=metrics
  [check]=metrics [wins]=metrics [scores]=metrics [plan]=metrics
  [table]=report [reports]=report [export]=report [sql]=report
)
# What each layer may include (besides itself).
declare -A allowed=(
  [base]=""
  [config]="base"
  [csv]="base"
  [ingest]="base config csv"
  [model]="base config ingest"
  [metrics]="base config model"
  [report]="base config model metrics"
  [cli]="base config csv ingest model metrics report"
)

layer_of() {  # a path as included ("baton/x.h", "csv/y.h") or as a file of the tree
  local path=$1 name
  case $path in
    include/baton/*|baton/*)
      name=$(basename "$path" .h)
      printf '%s' "${public[$name]:-unknown}" ;;
    src/*) path=${path#src/}; printf '%s' "${path%%/*}" ;;
    */*) printf '%s' "${path%%/*}" ;;
    *) printf 'unknown' ;;
  esac
}

fail=0 checked=0
while IFS= read -r file; do
  from=$(layer_of "$file")
  if [ "$from" = unknown ]; then
    echo "layers: $file belongs to no layer (name it in tests/layers_test.sh)"; fail=1; continue
  fi
  while IFS=: read -r line include; do
    to=$(layer_of "$include")
    checked=$((checked + 1))
    if [ "$to" = unknown ]; then
      echo "layers: $file:$line includes \"$include\", which belongs to no layer"; fail=1
    elif [ "$to" != "$from" ] && [[ " ${allowed[$from]} " != *" $to "* ]]; then
      echo "layers: $file:$line: $from includes $to (\"$include\"); $from may include only: ${allowed[$from]:-nothing}"
      fail=1
    fi
  done < <(grep -n '^#include "' "$file" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
done < <(find src include/baton \( -name '*.cpp' -o -name '*.h' \) | sort)
[ "$checked" -gt 0 ] || { echo "layers: no #include found"; exit 2; }
echo "layers: $checked includes checked, $([ $fail -eq 0 ] && echo ok || echo FAILED)"
exit $fail
