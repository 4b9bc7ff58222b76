#!/bin/sh
# tools/check-boundary.sh must refuse each kind of breach: a copy of the
# tree gets one breach at a time and the check must fail naming it.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

expect_refused() {     # NAME FILE LINE-TO-APPEND MESSAGE-PART
	rm -rf "$tmp/t"; mkdir -p "$tmp/t"
	cp -r kernel tools lib "$tmp/t/"
	printf '%s\n' "$3" >> "$tmp/t/$2"
	out=$(sh tools/check-boundary.sh "$tmp/t" 2>&1)
	if [ $? -eq 0 ] || ! printf '%s' "$out" | grep -q "$4"; then
		echo "not ok - $1: check-boundary accepted it or said: $out"
		fail=1
	else
		echo "ok - $1"
	fi
}

out=$(sh tools/check-boundary.sh . 2>&1) || { echo "not ok - tree: $out"; fail=1; }
expect_refused "core includes an arch header" kernel/core/sched.c \
	'#include "arch/x86.h"' 'core reaches into the arch'
expect_refused "core header includes an arch header" kernel/include/core/vcpu.h \
	'#include <arch/trapframe.h>' 'core reaches into the arch'
expect_refused "core has inline assembly" kernel/core/vcpu.c \
	'static void f(void) { __asm__ volatile("cli"); }' 'core reaches into the arch'
expect_refused "arch calls core policy" kernel/arch/x86/pit.c \
	'static void g(void) { time_init(1); }' 'calls core policy time_init'
expect_refused "arch allocates core memory" kernel/arch/x86/paging.c \
	'static uint32_t h(void) { return pmem_alloc(1); }' 'calls core policy pmem_alloc'
expect_refused "a tool includes a .c file" tools/check-config.c \
	'#include "../kernel/core/config_check.c"' 'a tool includes a .c file'
expect_refused "lib includes a kernel header" lib/fmt.c \
	'#include "core/console.h"' 'lib/ must stay freestanding'
expect_refused "lib includes libc" lib/include/bhlib.h \
	'#include <string.h>' 'lib/ must stay freestanding'
exit $fail
