#!/bin/sh
# Check (and, as root, install) what a make target needs.
# Usage: tools/deps.sh build|test|run|iso|bench|bochs|fuzz|static
set -eu
need_pkgs=""
want() { # want <command-or-file> <debian package>
	case "$1" in
	/*) [ -e "$1" ] || need_pkgs="$need_pkgs $2" ;;
	*) command -v "$1" >/dev/null 2>&1 || need_pkgs="$need_pkgs $2" ;;
	esac
}
libgcc32() { # the 32-bit libgcc that 64-bit division in the kernel needs
	f=$(gcc -m32 -print-libgcc-file-name 2>/dev/null || true)
	case "$f" in */32/*) [ -e "$f" ] ;; *) false ;; esac
}
want gcc gcc
want make make
libgcc32 || need_pkgs="$need_pkgs gcc-multilib"
for target in "$@"; do
	case "$target" in
	build) ;;
	run|bench) want qemu-system-i386 qemu-system-x86; want python3 python3 ;;
	test) want qemu-system-i386 qemu-system-x86; want python3 python3
	      want /usr/include/cmocka.h libcmocka-dev ;;
	# The second test machine (tools/bochs.py): Bochs (its rfb display is
	# in the package), its BIOS and the VGA BIOS, at the paths it uses.
	bochs) want bochs bochs; want /usr/share/bochs/BIOS-bochs-latest bochsbios
	       want /usr/share/vgabios/vgabios.bin vgabios ;;
	iso) want grub-mkrescue grub-common; want /usr/lib/grub/i386-pc grub-pc-bin
	     want xorriso xorriso; want mformat mtools ;;
	fuzz) want clang clang  # libFuzzer and the sanitizer runtimes:
	      want "$(clang -print-resource-dir 2>/dev/null)/lib/linux/libclang_rt.fuzzer-x86_64.a" \
		   libclang-rt-dev ;;
	static) want cppcheck cppcheck; want clang clang ;;
	*) echo "deps.sh: unknown target $target" >&2; exit 2 ;;
	esac
done
[ -z "$need_pkgs" ] && exit 0
# shellcheck disable=SC2086
set -- $(printf '%s\n' $need_pkgs | sort -u)
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing $*" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 || true
	apt-get install -y -qq "$@" >&2
else
	echo "deps: missing packages. Run:" >&2
	echo "    sudo apt-get install -y $*" >&2
	exit 1
fi
