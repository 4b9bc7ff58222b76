#!/usr/bin/env python3
"""Boot bulkhead in Bochs, the second, stricter PC the system tests use.

Bochs models a PC more closely than QEMU's TCG (the UART's OUT2 gate, the
baud rate, the caches the BIOS leaves off), so tests/run.py runs the system
tests on it too (`make test MACHINE=bochs`; a subset in every `make test`).
This file is the one place that knows how that machine is put together;
tools/qemu.py is its QEMU counterpart.

    bochs.py run --build build --config demo     # console on stdout

Bochs has no multiboot loader, so it always boots the GRUB ISO made by
tools/mkiso.sh from its CD-ROM.  It has no isa-debug-exit device either:
the kernel's exit path (kernel/arch/x86/exit.c) announces the value it
writes to QEMU's exit port as "bulkhead: exit code 0xNN" on port 0xe9,
which Bochs copies to its output, and then stops Bochs through its shutdown
port 0x8900.  exit_status() turns that line into the status QEMU would have
exited with, so a case's `exit` means the same on both machines.

Time: `clock: sync=none` makes Bochs's clock count instructions (IPS per
emulated second) instead of following the host, so, like QEMU's -icount,
emulated timing does not depend on the host's load.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

import qemu

BOCHS = os.environ.get("BOCHS", "bochs")
BIOS = "/usr/share/bochs/BIOS-bochs-latest"          # package bochsbios
VGABIOS = "/usr/share/vgabios/vgabios.bin"           # package vgabios

# A CPU with everything the kernel needs (P6, FXSR, SSE) and the newer
# protections it uses where present (UMIP).
CPU_MODEL = "corei7_icelake_u"
# Instructions per emulated second.  Lower runs the same emulated time in
# less host time; 100 MIPS still gives a 1 kHz tick 100,000 instructions.
IPS = 100 * 1000 * 1000

EXIT_RE = re.compile(r"bulkhead: exit code 0x([0-9a-f]{2})\b")

# QEMU arguments the test cases use and what they mean on Bochs.  Anything
# else has no Bochs equivalent here: such a case fails on Bochs with a clear
# reason until it is given one or marked qemu_only.
ICOUNT_ARGS = ("-icount", "-rtc")   # Bochs's clock is always emulated


class BootError(qemu.BootError):
    """The Bochs machine cannot be put together."""


def bochsrc(iso, serial, com2=None):
    """The configuration file's text: the machine, booting iso, COM1 into
    the file serial, COM2 absent or unconnected ("null")."""
    lines = [
        "megs: %d" % qemu.MEMORY_MB,
        "cpu: model=%s, ips=%d, reset_on_triple_fault=0" % (CPU_MODEL, IPS),
        # A fixed start date too: a run repeats exactly, as under -icount.
        "clock: sync=none, time0=946684800",
        "romimage: file=%s" % BIOS,
        "vgaromimage: file=%s" % VGABIOS,
        # Debian builds no "nogui"; rfb with timeout=0 does not wait for a
        # viewer (it tries ports from 5900 up, so boots can run in parallel).
        'display_library: rfb, options="timeout=0"',
        # The sound mixer thread crashes Debian's Bochs 2.7 on a machine
        # without a sound card; nothing here needs sound.
        "sound: driver=dummy",
        "speaker: enabled=0",
        "mouse: enabled=0",
        "ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14",
        "ata0-slave: type=cdrom, path=%s, status=inserted" % iso,
        "boot: cdrom",
        "com1: enabled=1, mode=file, dev=%s" % serial,
        "port_e9_hack: enabled=1",
        # A Bochs panic (including a triple fault, with reset off) ends the
        # run instead of asking a terminal that is not there.
        "panic: action=fatal",
        "error: action=report",
        "info: action=report",
        "debug: action=ignore",
    ]
    if com2:
        lines.append("com2: enabled=1, mode=%s" % com2)
    return "\n".join(lines) + "\n"


def com2_from_qemu_args(args):
    """Translate the QEMU arguments a case gives into Bochs's COM2 mode."""
    com2, i = None, 0
    while i < len(args):
        a = args[i]
        if a in ICOUNT_ARGS and i + 1 < len(args):
            i += 2
            continue
        if a == "-serial" and i + 1 < len(args) and args[i + 1] == "null":
            com2 = "null"
            i += 2
            continue
        raise BootError("QEMU argument %r has no Bochs equivalent in "
                        "tools/bochs.py (mark the case qemu_only?)" % a)
    return com2


def command(workdir, iso, serial, qemu_args=()):
    """Write the Bochs configuration and debugger script into workdir and
    return the command line that boots iso."""
    if not shutil.which(BOCHS):
        raise BootError("%s not found (sh tools/deps.sh bochs installs it)"
                        % BOCHS)
    for path in (BIOS, VGABIOS):
        if not os.path.exists(path):
            raise BootError("%s not found (sh tools/deps.sh bochs installs "
                            "bochsbios and vgabios)" % path)
    if not os.path.exists(iso):
        raise BootError("ISO image %s not found" % iso)
    rc = os.path.join(workdir, "bochsrc")
    with open(rc, "w") as f:
        f.write(bochsrc(iso, serial, com2_from_qemu_args(list(qemu_args))))
    # Debian's Bochs has its debugger built in and starts at its prompt:
    # continue at once, and quit if anything drops back into it.
    script = os.path.join(workdir, "debugger")
    with open(script, "w") as f:
        f.write("c\nquit\n")
    return [BOCHS, "-q", "-f", rc, "-rc", script]


def exit_status(output):
    """The QEMU-equivalent exit status from Bochs's output text, or None
    when the kernel never reached its exit path."""
    codes = EXIT_RE.findall(output)
    if not codes:
        return None
    return (int(codes[-1], 16) << 1) | 1


def describe_missing_exit():
    return ("Bochs stopped without the kernel's exit line (a triple fault "
            "or a Bochs panic; see the .bochs.log)")


def stop(proc):
    qemu.stop(proc)


# ------------------------------------------------------------------ CLI --

def main(argv=None):
    p = argparse.ArgumentParser(description="Boot bulkhead in Bochs.")
    p.add_argument("command", choices=["run"])
    p.add_argument("--build", default="build", help="build directory")
    p.add_argument("--config", default="demo",
                   help="configuration name (configs/NAME.c)")
    p.add_argument("--append", default="", help="kernel command line")
    opts = p.parse_args(sys.argv[1:] if argv is None else argv)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    workdir = os.path.join(opts.build, "bochs-run")
    os.makedirs(workdir, exist_ok=True)
    iso = os.path.join(workdir, "bulkhead.iso")
    subprocess.run(["sh", os.path.join(root, "tools", "mkiso.sh"), opts.build,
                    opts.config, opts.append, iso], check=True)
    try:
        # Bochs's own stdout and stderr go to the log; COM1 to ours.
        cmd = command(workdir, iso, "/proc/%d/fd/1" % os.getpid())
    except BootError as e:
        print("bochs.py: %s" % e, file=sys.stderr)
        return 2
    log = os.path.join(workdir, "bochs.log")
    print("bochs.py: %s (Bochs's messages in %s)" % (" ".join(cmd), log),
          file=sys.stderr)
    with open(log, "w") as f:
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=f,
                       stderr=subprocess.STDOUT)
    with open(log, errors="replace") as f:
        status = exit_status(f.read())
    if status is None:
        print("\nbochs.py: " + describe_missing_exit(), file=sys.stderr)
        return 1
    print("\nbochs.py: " + qemu.describe_exit(status), file=sys.stderr)
    return 0 if status == qemu.EXIT_SUCCESS else 1


if __name__ == "__main__":
    sys.exit(main())
