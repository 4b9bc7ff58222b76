#!/bin/sh
# Production kernel images carry no test code (issue 9): every image in
# BUILD/*.elf but the in-kernel test image ktest.elf must define none of
# the symbols only the objects of kernel/test/ define (the runner, the
# cases, the fault catch), and no ktest/kfault name at all.  A weak definition
# of the same name (trap.c's no-op trap_kernel_fixup) is the production
# default, not test code; a strong one means a test object was linked.
# First, as a check of the check, the test image must show those symbols.
#
#   image_symbols.sh BUILD [NM]     prints TAP (what tests/run.py reads)
set -u
build=$1 nm=${2:-nm}
test_image=$build/ktest.elf
tmp=${TMPDIR:-/tmp}/image_symbols.$$
trap 'rm -f "$tmp".*' EXIT

# "TYPE NAME" per defined symbol of FILES.
defined() { "$nm" --defined-only "$@" 2>/dev/null | awk 'NF == 3 { print $2, $3 }'; }

# Global names only the test objects define, strongly (kernel_start is
# both the runner's and kernel/core/start.c's: one of the two is linked).
# Globals only: a test file's statics may share a name with a production
# static (cfg, page); its case descriptors, the statics that matter, are
# ktest_* and caught by name below.
strong() { defined "$@" | awk '$1 ~ /^[A-Z]$/ && $1 !~ /^[WV]$/ { print $2 }' | sort -u; }
strong "$build"/kernel/core/*.o "$build"/kernel/arch/*/*.o >"$tmp.prod"
strong "$build"/kernel/test/*.o | comm -23 - "$tmp.prod" >"$tmp.test"
images=$(ls "$build"/*.elf 2>/dev/null | grep -vx "$test_image")
n=$(printf '%s\n' $images | grep -c .)
echo "1..$((n + 1))"

# A production image's offending names: test objects' names it defines
# strongly, and any ktest/kfault name.
offending() {
	defined "$1" | awk -v list="$tmp.test" '
		BEGIN { while ((getline l < list) > 0) test[l] = 1 }
		($1 !~ /^[wWvV]$/ && ($2 in test)) || $2 ~ /ktest|kfault/ { print $2 }' | sort -u
}

if [ ! -s "$tmp.test" ] || [ ! -f "$test_image" ]; then
	echo "not ok 1 - the test image and kernel/test objects are there to compare with"
	echo "# no $test_image or no symbols in $build/kernel/test/*.o: build first"
else
	found=$(offending "$test_image" | grep -cxE 'ktest_fail|trap_kernel_fixup')
	if [ "$found" -eq 2 ]; then
		echo "ok 1 - ktest.elf carries the runner and the fault catch (the check sees them)"
	else
		echo "not ok 1 - ktest.elf carries the runner and the fault catch (the check sees them)"
		echo "# expected ktest_fail and trap_kernel_fixup from kernel/test/ in $test_image"
	fi
fi

i=1
for img in $images; do
	i=$((i + 1))
	name=$(basename "$img")
	bad=$(offending "$img" | tr '\n' ' ')
	if [ -z "$bad" ]; then
		echo "ok $i - $name has no test symbols"
	else
		echo "not ok $i - $name has no test symbols"
		echo "# $img defines test code: $bad"
	fi
done
