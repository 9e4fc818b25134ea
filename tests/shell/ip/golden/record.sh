#!/bin/bash
# Records the golden transcript of one script on the real kernel (root, iproute2 6.1, BusyBox 1.35).
# Usage: record.sh SCRIPT.sh > SCRIPT.golden
# Every line of SCRIPT runs (nsenter --net) inside a fresh network namespace "ipg-main"; a line starting with
# "busybox " runs BusyBox's applet. Namespaces named ipg-* are this script's own and are deleted
# at the end. Before each line that only reads state it waits, so that carrier and IPv6 DAD
# settle as the simulator shows them (the settled state).
set -u
script=$1
cleanup() { for n in $(ip netns list | awk '{print $1}' | grep '^ipg-'); do ip netns del "$n"; done; }
cleanup
ip netns add ipg-main
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) continue ;; esac
  case "$line" in *' add '*|*' set '*|*' del '*|*' delete '*|*' flush '*|*' replace '*|*'netns add'*) ;; *) sleep 3 ;; esac
  out=$(mktemp); err=$(mktemp)
  nsenter --net=/run/netns/ipg-main bash -c "$line" >"$out" 2>"$err"
  rc=$?
  printf '$ %s\n' "$line"
  cat "$out"
  if [ -s "$err" ]; then printf '[stderr]\n'; cat "$err"; fi
  printf '[status %d]\n' "$rc"
  rm -f "$out" "$err"
done < "$script"
cleanup
