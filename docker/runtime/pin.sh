#!/usr/bin/env bash
# Rewrites packages.lock with the version of each package that apt offers now and its SHA-256 from
# the archive's signed index. Run it on Debian 12 after `apt-get update`, when build.sh reports
# that a pinned version has left the archive, or to take a security update; then build, test and
# commit packages.lock.
set -euo pipefail
lock="$(cd "$(dirname "$0")" && pwd)/packages.lock"
tmp=$(mktemp)
while IFS= read -r line; do
  read -r name _ <<<"$line"
  if [[ -z $name || $name == \#* ]]; then
    printf '%s\n' "$line"
    continue
  fi
  apt-cache show --no-all-versions "$name" |
    awk -v name="$name" '/^Version:/ { v = $2 } /^SHA256:/ { s = $2 } END {
      if (v == "" || s == "") { print "no candidate for " name > "/dev/stderr"; exit 1 }
      print name, v, s }'
done <"$lock" >"$tmp"
mv "$tmp" "$lock"
git -C "$(dirname "$lock")" diff --stat -- packages.lock 2>/dev/null || true
