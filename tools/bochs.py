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
import select
import shutil
import socket
import subprocess
import sys
import threading
import time

import qemu

BOCHS = os.environ.get("BOCHS", "bochs")
BIOS = "/usr/share/bochs/BIOS-bochs-latest"          # package bochsbios
VGABIOS = "/usr/share/vgabios/vgabios.bin"           # package vgabios

# A CPU with everything the kernel needs (P6, FXSR, SSE) and the newer
# protections it uses where present (UMIP).
CPU_MODEL = "corei7_icelake_u"
# Instructions per emulated second: 1000 MIPS, the speed of QEMU's
# -icount shift=0, so a timing case has the same instruction budget on both
# machines.  BOCHS_IPS in the environment sets another speed (e.g.
# 100000000 for a slower processor: see docs/testing.md).
IPS = int(os.environ.get("BOCHS_IPS", 1000 * 1000 * 1000))

EXIT_RE = re.compile(r"bulkhead: exit code 0x([0-9a-f]{2})\b")

# QEMU arguments the test cases use and what they mean on Bochs.  Anything
# else has no Bochs equivalent here: such a case fails on Bochs with a clear
# reason until it is given one or marked qemu_only.
ICOUNT_ARGS = ("-icount", "-rtc")   # Bochs's clock is always emulated
# QEMU processor models that Bochs has too (older ones the kernel refuses).
QEMU_CPU_MODELS = {"pentium": "pentium"}


class BootError(qemu.BootError):
    """The Bochs machine cannot be put together."""


def bochsrc(iso, serial, com2=None, cpu=CPU_MODEL, count=1):
    """The configuration file's text: the machine with count processors
    of model cpu, booting iso, COM1 into the file serial, COM2 absent
    (None) or as the mode line com2 says."""
    lines = [
        "megs: %d" % qemu.MEMORY_MB,
        "cpu: model=%s, count=%d, ips=%d, reset_on_triple_fault=0" % (cpu, count, IPS),
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


def chardev_socket_path(spec):
    """The path of a QEMU "-chardev socket,id=com2,path=P,server=on,..."
    that the next "-serial chardev:com2" makes COM2, or None."""
    opts = dict(o.split("=", 1) for o in spec.split(",")[1:] if "=" in o)
    if spec.startswith("socket,") and opts.get("id") == "com2" and \
            opts.get("server") == "on" and "path" in opts:
        return opts["path"]
    return None


def cpu_model(qemu_cpu):
    """Bochs's model for a QEMU -cpu argument."""
    name = qemu_cpu.split(",")[0]
    if name == "qemu32":   # with any features: ours has them all (UMIP too)
        return CPU_MODEL
    if name in QEMU_CPU_MODELS:
        return QEMU_CPU_MODELS[name]
    raise BootError("QEMU processor %r has no Bochs model in tools/bochs.py "
                    "(mark the case qemu_only?)" % qemu_cpu)


def com2_from_qemu_args(args):
    """The Bochs COM2 the case's QEMU arguments give (see translate)."""
    return translate(args)[0]


def cpu_count(args):
    """The processors a case's "-smp N" asks for (1 without one)."""
    args = list(args)
    for a, arg in zip(args, args[1:]):
        if a == "-smp" and arg.isdigit():
            return int(arg)
    return 1


def translate(args):
    """Translate the QEMU arguments a case gives into (COM2, CPU model).
    COM2: None (none), "null" (unconnected) or ("socket", PATH) for a
    QEMU socket chardev at PATH (see Com2Relay)."""
    com2, cpu, i = None, CPU_MODEL, 0
    while i < len(args):
        a, arg = args[i], args[i + 1] if i + 1 < len(args) else None
        if a in ICOUNT_ARGS and arg:
            pass
        elif a == "-smp" and arg and arg.isdigit():
            pass                # cpu_count reads it (Debian's Bochs has SMP)
        elif a == "-cpu" and arg:
            cpu = cpu_model(arg)
        elif a == "-serial" and arg == "null" and com2 is None:
            com2 = "null"
        elif a == "-chardev" and arg and chardev_socket_path(arg) and \
                args[i + 2:i + 4] == ["-serial", "chardev:com2"]:
            com2 = ("socket", chardev_socket_path(arg))
            i += 2
        else:
            raise BootError("QEMU argument %r has no Bochs equivalent in "
                            "tools/bochs.py (mark the case qemu_only?)" % a)
        i += 2
    return com2, cpu


def free_tcp_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Com2Relay:
    """COM2 on a Unix socket, as QEMU's socket chardev gives it to a test's
    hook.  Bochs can only serve COM2 on TCP, and waits at start-up until a
    client connects: the relay connects at once (as QEMU's wait=off lets
    the machine run), then accepts the hook on the Unix socket and copies
    bytes both ways, keeping what Bochs sent before the hook came."""

    def __init__(self, path):
        self.path, self.port = path, free_tcp_port()
        self.done = threading.Event()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        self.listener.listen(1)
        self.thread = threading.Thread(target=self._run, daemon=True)

    def mode(self):
        return "socket-server, dev=127.0.0.1:%d" % self.port

    def start(self):
        self.thread.start()

    def close(self):
        self.done.set()
        self.listener.close()
        self.thread.join(timeout=2)

    def _connect_bochs(self):
        while not self.done.is_set():
            try:
                return socket.create_connection(("127.0.0.1", self.port), 1)
            except OSError:
                time.sleep(0.05)
        return None

    def _accept_hook(self, bochs, pending):
        self.listener.settimeout(0.05)
        while not self.done.is_set():
            try:
                return self.listener.accept()[0]
            except socket.timeout:
                if select.select([bochs], [], [], 0)[0]:
                    data = bochs.recv(4096)
                    if not data:
                        return None
                    pending.append(data)
            except OSError:
                return None
        return None

    def _run(self):
        bochs = self._connect_bochs()
        if not bochs:
            return
        pending = []
        hook = self._accept_hook(bochs, pending)
        try:
            if hook:
                hook.sendall(b"".join(pending))
                self._copy(bochs, hook)
        except OSError:
            pass
        finally:
            bochs.close()
            if hook:
                hook.close()

    def _copy(self, bochs, hook):
        other = {bochs: hook, hook: bochs}
        while not self.done.is_set():
            for s in select.select([bochs, hook], [], [], 0.05)[0]:
                data = s.recv(4096)
                if not data:
                    return
                other[s].sendall(data)


def command(workdir, iso, serial, qemu_args=()):
    """Write the Bochs configuration and debugger script into workdir;
    return the command line that boots iso and a Com2Relay to start before
    it and close after it (or None)."""
    if not shutil.which(BOCHS):
        raise BootError("%s not found (sh tools/deps.sh bochs installs it)"
                        % BOCHS)
    for path in (BIOS, VGABIOS):
        if not os.path.exists(path):
            raise BootError("%s not found (sh tools/deps.sh bochs installs "
                            "bochsbios and vgabios)" % path)
    if not os.path.exists(iso):
        raise BootError("ISO image %s not found" % iso)
    (com2, cpu), relay = translate(list(qemu_args)), None
    if isinstance(com2, tuple):
        relay = Com2Relay(com2[1])
        com2 = relay.mode()
    rc = os.path.join(workdir, "bochsrc")
    with open(rc, "w") as f:
        f.write(bochsrc(iso, serial, com2, cpu, cpu_count(qemu_args)))
    # Debian's Bochs has its debugger built in and starts at its prompt:
    # continue at once, and quit if anything drops back into it.
    script = os.path.join(workdir, "debugger")
    with open(script, "w") as f:
        f.write("c\nquit\n")
    return [BOCHS, "-q", "-f", rc, "-rc", script], relay


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
                   help="configuration name (configs/KIND/NAME.c)")
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
        cmd, _ = command(workdir, iso, "/proc/%d/fd/1" % os.getpid())
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
