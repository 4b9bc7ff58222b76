#!/bin/sh
# The core/arch boundary, checked at grep level (make test runs it):
#  1. kernel/core and kernel/include/core include no arch header, except
#     core/arch.h's one designated include of <arch/hooks.h>, and hold no
#     inline assembly;
#  2. kernel/arch calls into core only through the declared entry points
#     (ENTRY below), never core policy (timekeeping, memory, scheduling,
#     partitions, virtual interrupts, the HM's decisions);
#  3. tools/ never #includes a .c file: it links them;
#  4. lib/ (bhlib, built into the kernel, libpart and the host tools) is
#     freestanding: it includes only bhlib.h and the compiler's stdarg.h,
#     stddef.h and stdint.h, nothing of the kernel, libpart or libc.
# Usage: check-boundary.sh [ROOT]      (exit 1 with a message per breach)
root=${1:-.}
bad=0

breach() {
	echo "check-boundary: $1" >&2
	bad=1
}

# Lines that are code, as "file:line:text" (comment lines dropped).
code() {
	grep -HnE "$1" "$2" 2>/dev/null | grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)'
}

for f in "$root"/kernel/core/*.c "$root"/kernel/include/core/*.h; do
	[ -f "$f" ] || continue
	code '#[[:space:]]*include[[:space:]]*[<"]arch/' "$f" | while IFS= read -r l; do
		case "$l" in
		*/kernel/include/core/arch.h:*'"arch/hooks.h"'*) ;;
		*) echo "$l" ;;
		esac
	done
	code '__asm__|[^_]asm[[:space:]]+(volatile|goto)?[[:space:]]*\(' "$f"
done > "${TMPDIR:-/tmp}/boundary.$$"
if [ -s "${TMPDIR:-/tmp}/boundary.$$" ]; then
	while IFS= read -r l; do
		breach "core reaches into the arch (only core/arch.h may include <arch/hooks.h>): $l"
	done < "${TMPDIR:-/tmp}/boundary.$$"
fi
rm -f "${TMPDIR:-/tmp}/boundary.$$"

# Core functions and data the arch may use: the entry points it hands
# events to, and the services any code may call.  Field names of the public ABI
# (vcpu_page, irq_masked: asm-offsets names them) are not policy.  The
# hypercall table is an entry point: entry.S indexes it as hypercall_dispatch does;
# so are the line table and the partitions, which entry.S's routed-line path
# (irqtraps) reads as irq_dispatch and vcpu_deliver do.  Likewise the
# tick's virtual-timer case in entry.S (ticktraps) reads the clock as
# time_now does: the time base (timebase, its struct time_anchor, whose
# offsets asm-offsets.c gives) and, in time_now's rare branch (a base
# 2^32 cycles old), time_now_slow.  And a window's end from ring 3 on
# one CPU: ticktraps tests sched.h's one_pass_off and calls
# sched_window_end_one itself, with now, as timer_event's
# sched_window_end does (the function declines, changing nothing, what
# is not its case; then ticktraps calls timer_event).
ENTRY='sched_window_end|sched_window_end_one|timebase|time_anchor|time_now_slow|irq_dispatch|irq_tick|hypercall_dispatch|hypercalls|irq_lines|partitions|hm_raise|hm_raise_module|vcpu_exit_to_user|current|kprintf|kputs|kvprintf|panic|console_[a-z_]+|bh_[a-z_]+|time_divisor_for_hz'
POLICY='\b(time_[a-z_]+|timebase|pmem_[a-z_]+|sched_[a-z_]+|partition_[a-z_]+|partitions|vcpu_[a-z_]+|irq_[a-z_]+|hm_[a-z_]+|hypercall_[a-z_]+|hypercalls|elf_[a-z_]+|boot_(parse|has_option|find_module)|vtimer_[a-z_]+)\b'
for f in $(find "$root/kernel/arch" -name '*.[chS]' | sort); do
	code "$POLICY" "$f" | while IFS= read -r l; do
		for w in $(printf '%s\n' "$l" | cut -d: -f3- | sed 's|/\*.*\*/||; s|/\*.*||; s|//.*||' |
			 grep -oE "$POLICY"); do
			printf '%s\n' "$w" | grep -qxE "$ENTRY|[a-z]+_arch_[a-z_]+|hm_fault|irq_eoi|irq_line|vcpu_page|irq_masked|hm_arch_fault" ||
				echo "$(printf '%s' "$l" | cut -d: -f1,2): calls core policy $w"
		done
	done
done > "${TMPDIR:-/tmp}/boundary.$$"
while IFS= read -r l; do
	breach "arch calls core beyond its entry points: $l"
done < "${TMPDIR:-/tmp}/boundary.$$"
rm -f "${TMPDIR:-/tmp}/boundary.$$"

for f in "$root"/tools/*.c; do
	[ -f "$f" ] || continue
	code '#[[:space:]]*include[[:space:]]*[<"][^>"]*\.c[>"]' "$f"
done > "${TMPDIR:-/tmp}/boundary.$$"
while IFS= read -r l; do
	breach "a tool includes a .c file (link it instead): $l"
done < "${TMPDIR:-/tmp}/boundary.$$"
rm -f "${TMPDIR:-/tmp}/boundary.$$"

for f in "$root"/lib/*.c "$root"/lib/include/*.h; do
	[ -f "$f" ] || continue
	code '#[[:space:]]*include' "$f" |
		grep -vE '#[[:space:]]*include[[:space:]]*<(bhlib|stdarg|stddef|stdint)\.h>'
done > "${TMPDIR:-/tmp}/boundary.$$"
while IFS= read -r l; do
	breach "lib/ must stay freestanding (bhlib.h, stdarg.h, stddef.h, stdint.h only): $l"
done < "${TMPDIR:-/tmp}/boundary.$$"
rm -f "${TMPDIR:-/tmp}/boundary.$$"

[ $bad = 0 ] && echo "check-boundary: core/arch boundary holds"
exit $bad
