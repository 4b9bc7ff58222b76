#!/usr/bin/env python3
"""Boot bulkhead in QEMU.

One place that knows how a bulkhead machine is put together on the QEMU
command line, so `make run`, `make debug`, the system tests (tests/run.py)
and the benchmarks (bench/run.py) all boot the same machine.
tools/bochs.py is its counterpart for the second test machine, Bochs.

    qemu.py run   --build build --config demo    # serial console on stdio
    qemu.py debug --build build --config demo    # wait for gdb on :1234
    qemu.py run --config demo --com2-echo hello  # and say hello on COM2

Anything after `--` is passed to QEMU unchanged.
"""

import argparse
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

QEMU = os.environ.get("QEMU", "qemu-system-i386")

# The kernel ends a run by writing to the isa-debug-exit port; QEMU then
# exits with (value << 1) | 1.  Any other status (0 after a triple-fault
# reset with -no-reboot, 1 when QEMU itself failed) means the kernel did not
# finish on its own terms.
EXIT_PORT = 0xF4
EXIT_SUCCESS = (0x10 << 1) | 1    # 33
EXIT_FAILURE = (0x11 << 1) | 1    # 35
MEMORY_MB = 64


class BootError(Exception):
    """The machine cannot be put together (missing image, bad module list)."""


def kernel_image(build, config):
    return os.path.join(build, config + ".elf")


def iso_image(build, config):
    return os.path.join(build, "bulkhead-%s.iso" % config)


def module_names(build, config):
    """Module file names the configuration expects, in configuration order.

    They come from the host build of the configuration itself, so the list
    can never drift from what the kernel validates at boot.  No helper (e.g.
    ktest, which has no partitions) means no modules.
    """
    helper = os.path.join(build, "host", "check-config-" + config)
    if not os.path.exists(helper):
        return []
    proc = subprocess.run([helper, "--modules"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise BootError("%s --modules failed (exit %d): %s"
                        % (helper, proc.returncode, proc.stdout.strip()))
    return [line.strip() for line in proc.stdout.splitlines() if line.strip()]


def config_cpus(build, config):
    """The CPUs config's windows need (1 + the highest window cpu), from
    its check-config helper's --json; 1 when there is no helper."""
    helper = os.path.join(build, "host", "check-config-" + config)
    if not os.path.exists(helper):
        return 1
    proc = subprocess.run([helper, "--json"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True)
    if proc.returncode != 0:
        return 1
    cfg = json.loads(proc.stdout)
    return 1 + max([w.get("cpu", 0) for p in cfg.get("plans", [])
                    for w in p.get("windows", [])] or [0])


def module_paths(build, config):
    """Paths of the partition images for config; each must exist."""
    paths = []
    for name in module_names(build, config):
        path = os.path.join(build, "guests", name)
        if not os.path.exists(path):
            raise BootError("partition image %s (module of %s) not found"
                            % (path, config))
        # QEMU separates -initrd entries with commas; there is no escape.
        if "," in path:
            raise BootError("module path %s contains a comma" % path)
        paths.append(path)
    return paths


def machine_args(serial, extra=(), icount=False, kvm=False):
    """Everything except what is booted: devices, memory, console, timing."""
    # -monitor none: no QEMU monitor competing for stdio or a terminal.
    args = [QEMU, "-display", "none", "-monitor", "none", "-no-reboot",
            "-m", str(MEMORY_MB),
            "-device", "isa-debug-exit,iobase=0x%x,iosize=0x04" % EXIT_PORT,
            "-serial", serial]
    if icount:
        # Deterministic: one instruction per virtual ns, so counts repeat.
        args += ["-icount", "shift=0"]
    if kvm:
        args += ["-accel", "kvm"]
    return args + list(extra)


def kernel_command(build, config, serial, append="", extra=(), icount=False,
                   kvm=False):
    """QEMU command line booting build/<config>.elf with its partitions."""
    image = kernel_image(build, config)
    if not os.path.exists(image):
        raise BootError("kernel image %s not found (is configs/*/%s.c built? "
                        "run make)" % (image, config))
    modules = module_paths(build, config)
    args = machine_args(serial, (), icount, kvm)
    args += ["-kernel", image]
    if modules:
        args += ["-initrd", ",".join(modules)]
    args += ["-append", append]
    # A configuration with windows on other CPUs boots on as many (a case
    # that gives -smp itself keeps its own).
    cpus = config_cpus(build, config)
    if cpus > 1 and "-smp" not in extra:
        args += ["-smp", str(cpus)]
    return args + list(extra)


def iso_command(iso, serial, extra=(), icount=False, kvm=False):
    """QEMU command line booting a GRUB rescue ISO made by tools/mkiso.sh."""
    if not os.path.exists(iso):
        raise BootError("ISO image %s not found (run make iso)" % iso)
    args = machine_args(serial, (), icount, kvm)
    return args + ["-cdrom", iso, "-boot", "d"] + list(extra)


def describe_exit(status):
    """A sentence for a QEMU exit status, for people reading logs."""
    if status == EXIT_SUCCESS:
        return "kernel reported success (exit status %d)" % status
    if status == EXIT_FAILURE:
        return "kernel reported failure (exit status %d)" % status
    if status == 0:
        return ("QEMU exited with status 0: the machine reset without "
                "writing the exit port (triple fault?)")
    if status < 0:
        return "QEMU killed by signal %d" % -status
    if status & 1 and status > 1:
        return ("kernel wrote 0x%x to the exit port (exit status %d)"
                % (status >> 1, status))
    return "QEMU failed (exit status %d)" % status


def stop(proc):
    """Terminate QEMU, then kill it if it does not go quietly."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# ------------------------------------------------------------------ CLI --

def restore_terminal():
    """Give back a terminal QEMU left in raw mode (e.g. when killed)."""
    if sys.stdin.isatty():
        subprocess.run(["stty", "sane"], stderr=subprocess.DEVNULL)


class Com2Echo:
    """COM2 on a socket, and a thread that says one line to whichever
    partition greets on it (guests/demos/com2echo).  What was said and what came
    back is printed once QEMU has exited, not in the middle of console
    lines."""

    WAIT_S = 20

    def __init__(self, text):
        self.text = text.encode() + b"\r\n"
        self.tmp = tempfile.mkdtemp(prefix="bulkhead-com2-")
        self.path = os.path.join(self.tmp, "com2.sock")
        self.log = []
        self.thread = None

    def qemu_args(self):
        # After machine_args' own -serial, so this one is COM2.
        return ["-chardev", "socket,id=com2,path=%s,server=on,wait=off"
                % self.path, "-serial", "chardev:com2"]

    def start(self, proc):
        self.thread = threading.Thread(target=self._talk, args=(proc,),
                                       daemon=True)
        self.thread.start()

    def close(self):
        if self.thread:
            self.thread.join(timeout=1)
        for msg in self.log:
            print("qemu.py: COM2 %s" % msg, file=sys.stderr)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _say(self, msg):
        self.log.append(msg)

    def _read_until(self, sock, proc, done):
        data, end = b"", time.monotonic() + self.WAIT_S
        while not done(data) and proc.poll() is None and time.monotonic() < end:
            try:
                data += sock.recv(256)
            except socket.timeout:
                pass
        return data

    def _talk(self, proc):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(0.2)
        try:
            while proc.poll() is None:
                try:
                    sock.connect(self.path)
                    break
                except OSError:
                    time.sleep(0.05)
            greeting = self._read_until(sock, proc, lambda d: b"\n" in d)
            if b"\n" not in greeting:
                self._say("silent: no partition greeted on it")
                return
            self._say("greeting: %r" % greeting.strip().decode(errors="replace"))
            sock.sendall(self.text)
            self._say("sent:     %r" % self.text.strip().decode())
            echo = self._read_until(sock, proc, lambda d: len(d) >= len(self.text))
            self._say("echoed:   %r" % echo.strip().decode(errors="replace"))
        except OSError as e:
            self._say("connection failed: %s" % e)
        finally:
            sock.close()


def cmd_run(opts):
    extra, echo = list(opts.qemu_args), None
    if opts.com2_echo:
        echo = Com2Echo(opts.com2_echo)
        extra += echo.qemu_args()
    try:
        return run_qemu(opts, extra, echo)
    finally:
        if echo:
            echo.close()


def run_qemu(opts, extra, echo):
    cmd = kernel_command(opts.build, opts.config, "stdio", opts.append,
                         extra, opts.icount, opts.kvm)
    print("qemu.py: " + shlex.join(cmd), file=sys.stderr)
    proc = subprocess.Popen(cmd)
    if echo:
        echo.start(proc)
    try:
        status = proc.wait(timeout=opts.timeout or None)
    except subprocess.TimeoutExpired:
        stop(proc)
        restore_terminal()
        print("\nqemu.py: no exit after %d s; QEMU stopped (use --timeout 0 "
              "to run without a limit)" % opts.timeout, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        stop(proc)
        restore_terminal()
        return 130
    print("\nqemu.py: " + describe_exit(status), file=sys.stderr)
    return 0 if status == EXIT_SUCCESS else 1


def write_gdbinit(build, config, port=1234):
    path = os.path.join(build, "gdbinit")
    elf = os.path.abspath(kernel_image(build, config))
    with open(path, "w") as f:
        f.write("# generated by tools/qemu.py debug — do not edit\n")
        f.write("set architecture i386\n")
        f.write("file %s\n" % elf)
        f.write("target remote :%d\n" % port)
        f.write("break kmain\n")
        f.write("echo \\nbulkhead: QEMU is held before the first instruction, "
                "with a breakpoint at kmain.\\n"
                "Type 'continue' (or 'c') to boot; 'kill' ends QEMU.\\n\\n\n")
    return path


# What QEMU's gdb stub says on stderr when the debugger ends it ('kill').
GDB_KILL_LINE = "Terminated via GDBstub"


def relay_stderr(proc, seen):
    """Copy QEMU's stderr to ours, noting the gdb stub's kill line."""
    for line in proc.stderr:
        if GDB_KILL_LINE in line:
            seen.append(line)
        sys.stderr.write(line)
        sys.stderr.flush()


def cmd_debug(opts):
    cmd = kernel_command(opts.build, opts.config, "stdio", opts.append,
                         opts.qemu_args, opts.icount, opts.kvm)
    # -S: hold the CPU until gdb says continue; the gdb stub on the port.
    cmd += ["-gdb", "tcp::%d" % opts.gdb_port, "-S"]
    gdbinit = write_gdbinit(opts.build, opts.config, opts.gdb_port)
    print("qemu.py: " + shlex.join(cmd), file=sys.stderr)
    print("qemu.py: QEMU is waiting for gdb. In another terminal, from the "
          "repository root:\n    gdb -x %s\nthen 'continue'; 'kill' in gdb ends QEMU. "
          "Ctrl-C here stops QEMU." % gdbinit, file=sys.stderr)
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    killed = []
    relay = threading.Thread(target=relay_stderr, args=(proc, killed),
                             daemon=True)
    relay.start()
    try:
        status = proc.wait()
    except KeyboardInterrupt:
        stop(proc)
        restore_terminal()
        return 130
    relay.join(timeout=2)
    if killed and status == 0:
        print("\nqemu.py: QEMU ended by the debugger ('kill')", file=sys.stderr)
        return 0
    print("\nqemu.py: " + describe_exit(status), file=sys.stderr)
    return 0 if status == EXIT_SUCCESS else 1


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Boot bulkhead in QEMU.",
        usage="%(prog)s {run,debug} [options] [-- QEMU-ARGS...]")
    p.add_argument("command", choices=["run", "debug"])
    p.add_argument("--build", default="build", help="build directory")
    p.add_argument("--config", default="demo",
                   help="configuration name (configs/KIND/NAME.c)")
    p.add_argument("--append", default="", help="kernel command line")
    p.add_argument("--icount", action="store_true",
                   help="deterministic instruction counting (-icount shift=0)")
    p.add_argument("--kvm", action="store_true", help="use -accel kvm")
    p.add_argument("--com2-echo", metavar="TEXT", default="",
                   help="run: connect COM2 to a socket, send TEXT to the "
                   "partition that greets on it (com2echo) and print the echo")
    p.add_argument("--gdb-port", type=int, default=1234,
                   help="debug: the gdb stub's TCP port")
    p.add_argument("--timeout", type=int, default=60,
                   help="run: stop QEMU after this many seconds (0: never)")
    # QEMU's own options start with '-', so take them from after a literal
    # '--' ourselves rather than letting argparse guess.
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    opts = p.parse_args(argv)
    opts.qemu_args = extra
    return opts


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    # Let Ctrl-C reach us (and QEMU) instead of killing us mid-cleanup.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        if opts.command == "run":
            return cmd_run(opts)
        return cmd_debug(opts)
    except BootError as e:
        print("qemu.py: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
