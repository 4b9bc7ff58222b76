#!/bin/sh
# Run one libFuzzer harness for a while and say how it went.
#
#   run.sh tap|plain NAME BINARY CORPUS SECONDS WORKDIR
#
# The committed CORPUS (tests/fuzz/corpus/NAME) is read, never written:
# new inputs go to WORKDIR/NAME/corpus, a crashing input to
# WORKDIR/NAME/crash-*, the whole log to WORKDIR/NAME/log.  "tap" prints
# one TAP result (what tests/run.py reads from a unit test), "plain" a
# PASS/FAIL line.  Exits non-zero if the harness found anything.
set -u
mode=$1 name=$2 bin=$3 corpus=$4 secs=$5 work=$6/$2
seed=${FUZZ_HARNESS_SEED:-1}    # libFuzzer's own seed
mkdir -p "$work/corpus"
rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*
"$bin" -max_total_time="$secs" -seed="$seed" -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$work/" "$work/corpus" "$corpus" >"$work/log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
what="$name: ${runs:-?} inputs in $secs s (seed $seed)"
if [ "$status" -eq 0 ]; then
	[ "$mode" = tap ] && printf '1..1\nok 1 - %s\n' "$what" || echo "PASS fuzz/$what"
	exit 0
fi
# What was found: the violated property with its detail line, else the
# first sanitizer or libFuzzer report; then the saved input.
why=$(grep -m 1 -A 1 'property violated' "$work/log" |
	awk '{ sub(/^ +/, ""); printf NR == 1 ? "%s" : " -- %s", $0 }')
[ -n "$why" ] || why=$(grep -m 1 -E 'runtime error|ERROR: (Address|Undefined|libFuzzer)' "$work/log")
input=$(ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-* 2>/dev/null | head -n 1)
replay="input ${input:-?}; replay: $bin ${input:-?}; log $work/log"
if [ "$mode" = tap ]; then
	printf '1..1\nnot ok 1 - %s\n# %s\n# %s\n' "$what" "${why:-exit status $status}" "$replay"
else
	echo "FAIL fuzz/$what: ${why:-exit status $status}"
	echo "    $replay"
fi
exit 1
