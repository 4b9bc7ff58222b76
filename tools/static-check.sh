#!/bin/sh
# Static analysis of kernel/, lib/, libpart/ and guests/: cppcheck (warning and
# portability checks) and clang's static analyzer, one translation unit at
# a time with the include paths the build uses, for the 32-bit target.
# Prints one PASS/FAIL line per tool and every finding; exits non-zero if
# there is any.
#
#   tools/static-check.sh [BUILD]      (make static; BUILD/gen must exist)
#
# A cppcheck finding that is wrong is suppressed where it is, with why:
#     /* cppcheck-suppress <id> -- why */   on the line before.
# The analyzer has no inline suppression: restructure the code instead.
set -u
# Include paths: the Makefile passes the kernel's (from KCFLAGS); guests
# may use the guest RTOS's and APEX's headers.
kernel_inc="-Iinclude -Ilib/include -Ikernel/include -Ikernel/arch/x86/include"
guest_inc="-Iinclude -Ilib/include -Ilibpart/include -Iguests/rtos/include -Iguests/rtos/src -Iguests/apex/include -Iguests/apex/src"

# One file through clang's analyzer (run in parallel by the part below).
# Its report is kept under the hash of the preprocessed file, so only what
# changed (the file or a header it includes) is analyzed again.
if [ "${1:-}" = --analyze ]; then
	case "$3" in
	kernel/*) inc="${STATIC_KERNEL_INC:-$kernel_inc} -I$2/gen" ;;
	*) inc="$guest_inc -I$2/gen/xcpu" ;;   # xcpu-hostile's generated header
	esac
	flags="-m32 -std=gnu11 -ffreestanding -fno-pic -DBULKHEAD_VERSION=\"static\" $inc"
	# shellcheck disable=SC2086
	key=$(clang -E $flags "$3" 2>&1 | md5sum | cut -c1-32)
	cache=$2/static/cache/$key
	if [ ! -f "$cache" ]; then
		mkdir -p "$2/static/cache"
		# shellcheck disable=SC2086
		clang --analyze -Xanalyzer -analyzer-output=text $flags \
			-o /dev/null "$3" >"$cache.$$" 2>&1
		mv "$cache.$$" "$cache"
	fi
	exec cat "$cache"
fi

build=${1:-build}
jobs=${STATIC_JOBS:-2}
out=$build/static
mkdir -p "$out"
status=0
files=$(find kernel lib libpart guests -name '*.c' | sort)
count=$(echo "$files" | wc -l)

cppcheck --enable=warning,portability --platform=unix32 --std=c11 \
	--inline-suppr --error-exitcode=1 -q -j "$jobs" \
	-DBULKHEAD_VERSION='"static"' ${STATIC_KERNEL_INC:-$kernel_inc} -I"$build/gen" \
	$guest_inc -I"$build/gen/xcpu" kernel lib libpart guests >"$out/cppcheck.log" 2>&1
if [ $? -eq 0 ] && ! grep -q . "$out/cppcheck.log"; then
	echo "PASS static/cppcheck ($count files)"
else
	echo "FAIL static/cppcheck: findings (log $out/cppcheck.log)"
	sed 's/^/    | /' "$out/cppcheck.log"
	status=1
fi

echo "$files" | xargs -P "$jobs" -n 1 sh "$0" --analyze "$build" >"$out/analyzer.log"
if ! grep -q . "$out/analyzer.log"; then
	echo "PASS static/clang-analyzer ($count files)"
else
	echo "FAIL static/clang-analyzer: findings (log $out/analyzer.log)"
	sed 's/^/    | /' "$out/analyzer.log"
	status=1
fi
exit $status
