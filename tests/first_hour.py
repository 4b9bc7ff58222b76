#!/usr/bin/env python3
"""The first hour of a new user (issue 12): the README's commands and the
build's manners, checked as a new user would meet them.  Prints TAP (what
tests/run.py reads as a unit test).

    first_hour.py BUILD build     the build: no-op second make, short lines,
                                  check-config's fixtures and wording, the
                                  debugger's kill, the bench's KVM note
    first_hour.py BUILD iso       the README's ISO command ends by itself;
                                  without ACPI the kernel says it halted
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.dont_write_bytecode = True

BOOT_S = 40


class Tap:
    def __init__(self, tests):
        self.tests, self.n, self.failed = tests, 0, 0
        print("1..%d" % len(tests), flush=True)

    def run(self, *args):
        for fn in self.tests:
            self.n += 1
            try:
                why = fn(*args)
            except Exception as e:          # a crash is this test's failure
                why = "%s: %s" % (type(e).__name__, e)
            name = fn.__name__[5:]
            if why:
                self.failed += 1
                print("not ok %d - %s" % (self.n, name))
                for line in str(why).splitlines():
                    print("# " + line)
            else:
                print("ok %d - %s" % (self.n, name))
            sys.stdout.flush()
        return 1 if self.failed else 0


def make(build, *args, **kw):
    return subprocess.run(["make", "--no-print-directory", "BUILD=" + build]
                          + list(args), cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kw)


# ------------------------------------------------------------- build --

def test_second_make_does_nothing(build):
    proc = make(build, "-q", "images")
    if proc.returncode != 0:
        out = make(build, "-n", "images").stdout.splitlines()
        return ("`make -q images` says the build is out of date right after "
                "make built it; make would run:\n" + "\n".join(out[:10]))
    return None


def test_build_prints_short_lines_and_V1_full_commands(build):
    with tempfile.TemporaryDirectory(prefix="bh-fh-") as tmp:
        obj = os.path.join(tmp, "lib", "kernel", "fmt.o")
        quiet = make(tmp, obj).stdout.strip()
        if quiet != "CC      %s" % obj and quiet != "  CC      %s" % obj:
            return "default build output is not a short CC line: %r" % quiet
        os.unlink(obj)
        loud = make(tmp, "V=1", obj).stdout
        if not re.search(r"gcc .* -c -o %s lib/fmt\.c" % re.escape(obj), loud):
            return "V=1 did not print the compiler command: %r" % loud
    return None


def fixtures_with_machine():
    found = []
    for name in sorted(os.listdir(os.path.join(ROOT, "configs", "invalid"))):
        path = os.path.join("configs", "invalid", name)
        with open(os.path.join(ROOT, path)) as f:
            head = f.read(2000)
        expect = re.search(r"^/\* expect: (.*) \*/$", head, re.M)
        if re.search(r"^/\* machine: ", head, re.M) and expect:
            found.append((path, expect.group(1)))
    return found


def test_check_config_refuses_machine_fixtures(build):
    fixtures = fixtures_with_machine()
    if len(fixtures) < 3:
        return "only %d fixtures with a machine: line" % len(fixtures)
    with tempfile.TemporaryDirectory(prefix="bh-fh-") as tmp:
        for path, expect in fixtures:
            proc = make(tmp, "check-config", "CONFIG=" + path)
            if proc.returncode == 0 or expect not in proc.stdout:
                return ("make check-config CONFIG=%s: exit %d, wanted a "
                        "refusal with %r; got:\n%s"
                        % (path, proc.returncode, expect, proc.stdout))
    return None


def test_check_config_says_1_plan(build):
    out = subprocess.run([os.path.join(build, "host", "check-config-demo")],
                         stdout=subprocess.PIPE, text=True).stdout.strip()
    if not re.fullmatch(r"config OK: \d+ partitions, 1 plan", out):
        return "check-config-demo printed %r" % out
    return None


def test_debugger_kill_ends_make_debug_cleanly(build):
    if not shutil.which("gdb"):
        return None     # no debugger here: nothing a user could do either
    # A free port, not 1234: a developer's `make debug` may hold that one.
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    qemu = subprocess.Popen([sys.executable, "tools/qemu.py", "debug",
                             "--build", build, "--config", "demo",
                             "--gdb-port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True)
    try:
        time.sleep(1)
        gdb = subprocess.run(["gdb", "-nx", "-batch", "-x",
                              os.path.join(build, "gdbinit"),
                              "-ex", "continue", "-ex", "kill"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=BOOT_S)
        out, _ = qemu.communicate(timeout=BOOT_S)
    finally:
        if qemu.poll() is None:
            qemu.kill()
            qemu.wait()
    if "Type 'continue'" not in gdb.stdout:
        return "the gdbinit does not say to type continue:\n" + gdb.stdout
    if qemu.returncode != 0 or "ended by the debugger" not in out:
        return ("qemu.py debug exit %d after gdb's kill:\n%s"
                % (qemu.returncode, out[-600:]))
    return None


def test_bench_explains_missing_kvm(build):
    import run as bench_run
    err = bench_run.BootFailed("the benchmark boot failed (QEMU exited with "
                               "status 0: the machine reset without writing "
                               "the exit port (triple fault?))")
    note = bench_run.kvm_unavailable(err)
    if "triple fault" in note or "cannot run" not in note or \
            "docs/benchmarks.md" not in note:
        return "bench's KVM note: %r" % note
    return None


# --------------------------------------------------------------- iso --

def readme_iso_command():
    with open(os.path.join(ROOT, "README.md")) as f:
        m = re.search(r"`(qemu-system-i386 -cdrom \S+\.iso[^`]*)`", f.read())
    return shlex.split(m.group(1)) if m else None


def iso_boot(build, tmp, extra, until):
    """Boot the README's command on an ISO of our own; returns (status or
    None if stopped, output)."""
    cmd = readme_iso_command()
    if cmd is None:
        raise AssertionError("README.md has no `qemu-system-i386 -cdrom ...` command")
    iso = os.path.join(tmp, "demo.iso")
    subprocess.run(["sh", "tools/mkiso.sh", build, "demo", "", iso], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    cmd = [iso if a.endswith(".iso") else a for a in cmd]
    # No window: the test has no display; nothing else is added.
    proc = subprocess.Popen(cmd + ["-display", "none"] + extra, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    out, end = b"", time.monotonic() + BOOT_S
    os.set_blocking(proc.stdout.fileno(), False)
    while proc.poll() is None and time.monotonic() < end and \
            until.encode() not in out:
        time.sleep(0.2)
        out += proc.stdout.read() or b""
    status = proc.poll()
    if status is None:
        proc.kill()
        proc.wait()
    out += proc.stdout.read() or b""
    return status, out.decode("utf-8", "replace")


def test_readme_iso_command_ends_by_itself(build):
    with tempfile.TemporaryDirectory(prefix="bh-fh-") as tmp:
        status, out = iso_boot(build, tmp, [], "\0")
    if status != 0 or "bulkhead: exit code 0x10" not in out:
        return ("the README's ISO command: %s after %d s; last lines:\n%s"
                % ("still running" if status is None else "exit %d" % status,
                   BOOT_S, "\n".join(out.splitlines()[-5:])))
    return None


def test_without_acpi_the_kernel_says_halted(build):
    with tempfile.TemporaryDirectory(prefix="bh-fh-") as tmp:
        status, out = iso_boot(build, tmp, ["-machine", "acpi=off"],
                               "bulkhead: halted")
    if "bulkhead: halted" not in out:
        return ("no 'bulkhead: halted' line without ACPI; last lines:\n%s"
                % "\n".join(out.splitlines()[-5:]))
    return None


GROUPS = {
    "build": [test_second_make_does_nothing,
              test_build_prints_short_lines_and_V1_full_commands,
              test_check_config_refuses_machine_fixtures,
              test_check_config_says_1_plan,
              test_debugger_kill_ends_make_debug_cleanly,
              test_bench_explains_missing_kvm],
    "iso": [test_readme_iso_command_ends_by_itself,
            test_without_acpi_the_kernel_says_halted],
}


def main():
    # BUILD as make knows it (relative to the repository, like make's own).
    os.chdir(ROOT)
    build, group = sys.argv[1], sys.argv[2]
    return Tap(GROUPS[group]).run(build)


if __name__ == "__main__":
    sys.exit(main())
