"""What a system test case's hook can use while its machine runs.

A hook is a function hook(ctx) that tests/run.py calls in its own thread
right after QEMU starts; ctx is a BootContext.  The hook talks to the
machine (e.g. through a COM2 socket) and fails the boot by raising
HookFailure (or AssertionError).  When the hook returns, the runner waits for
QEMU to exit as usual; when it fails, QEMU is stopped at once.

Hooks must not block past ctx.deadline: every helper here takes its timeout
from ctx.remaining(), and so should yours.

The same hooks run on Bochs (ctx.machine == "bochs"): the runner gives its
COM2 the same Unix socket through a relay (tools/bochs.py, Com2Relay), and
"QEMU" below then means Bochs.
"""

import re
import socket
import time

POLL_S = 0.05   # how often to look at the serial log or retry a connect

# Extra QEMU arguments giving the machine a COM2 the hook can connect to.
# The runner puts COM1 (the console) first, so this -serial is COM2.
# wait=off: QEMU does not block at start-up for the hook to connect.
COM2_SOCKET = "{tmp}/com2.sock"
COM2_ARGS = ["-chardev",
             "socket,id=com2,path=%s,server=on,wait=off" % COM2_SOCKET,
             "-serial", "chardev:com2"]


class HookFailure(Exception):
    """The machine did not behave as the hook expected."""


class BootContext:
    """One running boot, as a hook sees it."""

    def __init__(self, name, build, tmp, serial_log, proc, deadline,
                 machine="qemu"):
        self.name = name              # case name
        self.machine = machine        # "qemu" or "bochs" (tools/bochs.py)
        self.build = build            # build directory
        self.tmp = tmp                # scratch directory of this boot
        self.serial_log = serial_log  # file QEMU writes COM1 to
        self.proc = proc              # the QEMU (or Bochs) subprocess.Popen
        self.deadline = deadline      # time.monotonic() when the boot times out

    def remaining(self):
        return max(0.0, self.deadline - time.monotonic())

    def path(self, template):
        """Expand {tmp} and {build} as the runner does in qemu_args."""
        return template.replace("{tmp}", self.tmp).replace("{build}", self.build)

    def serial_lines(self):
        """COM1 output so far, as lines without line endings."""
        try:
            with open(self.serial_log, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return []
        return data.decode("utf-8", "replace").splitlines()

    def wait_for(self, pattern, timeout=None):
        """Wait until a COM1 line matches the regex pattern; return the line."""
        rx = re.compile(pattern)
        end = self._end(timeout)
        while True:
            for line in self.serial_lines():
                if rx.search(line):
                    return line
            if self.proc.poll() is not None:
                raise HookFailure("QEMU exited before a line matched /%s/"
                                  % pattern)
            if time.monotonic() >= end:
                raise HookFailure("no line matched /%s/ in time" % pattern)
            time.sleep(POLL_S)

    def _end(self, timeout):
        end = self.deadline
        if timeout is not None:
            end = min(end, time.monotonic() + timeout)
        return end


def connect_unix(ctx, template):
    """Connect to a QEMU socket chardev, retrying until QEMU has made it."""
    path = ctx.path(template)
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            if ctx.proc.poll() is not None:
                raise HookFailure("QEMU exited before %s accepted a "
                                  "connection" % path)
            if ctx.remaining() == 0:
                raise HookFailure("could not connect to %s" % path)
            time.sleep(POLL_S)


def receive(ctx, sock, n, timeout=None):
    """Read exactly n bytes from sock, or fail with what did arrive."""
    data = b""
    end = ctx._end(timeout)
    while len(data) < n:
        left = end - time.monotonic()
        if left <= 0:
            raise HookFailure("expected %d bytes, got %r" % (n, data))
        sock.settimeout(left)
        try:
            chunk = sock.recv(n - len(data))
        except socket.timeout:
            continue
        except OSError as e:
            raise HookFailure("receive failed after %r: %s" % (data, e))
        if not chunk:
            raise HookFailure("connection closed after %r" % data)
        data += chunk
    return data


def expect_echo(ctx, sock, data, timeout=None):
    """Send data and require the same bytes back."""
    try:
        sock.sendall(data)
    except OSError as e:
        raise HookFailure("send failed: %s" % e)
    got = receive(ctx, sock, len(data), timeout)
    if got != data:
        raise HookFailure("sent %r, echoed %r" % (data, got))


def com2_echo(data, after=None):
    """A hook: connect to COM2 (see COM2_ARGS), optionally wait for a COM1
    line matching `after`, send data and require it echoed back."""
    def hook(ctx):
        sock = connect_unix(ctx, COM2_SOCKET)
        try:
            if after:
                ctx.wait_for(after)
            expect_echo(ctx, sock, data)
        finally:
            sock.close()
    return hook


# Extra QEMU arguments giving the hook a QMP socket (machine control: e.g.
# inject-nmi).  -monitor none stays: QMP is a separate channel.
QMP_SOCKET = "{tmp}/qmp.sock"
QMP_ARGS = ["-qmp", "unix:%s,server=on,wait=off" % QMP_SOCKET]


def qmp_execute(ctx, sock, command):
    """Send one QMP command and wait for its reply; fail on an error."""
    import json
    try:
        sock.sendall(json.dumps({"execute": command}).encode() + b"\n")
    except OSError as e:
        raise HookFailure("QMP send failed: %s" % e)
    buf = b""
    while True:
        while b"\n" not in buf:
            buf += receive(ctx, sock, 1)
        line, buf = buf.split(b"\n", 1)
        reply = json.loads(line)
        if "error" in reply:
            raise HookFailure("QMP %s: %s" % (command, reply["error"]))
        if "return" in reply:
            return reply["return"]


def qmp_nmi(after, count=1, ack=r"^HM: module: NMI"):
    """A hook: wait for a COM1 line matching `after`, then inject `count`
    NMIs through QMP (see QMP_ARGS), each once a new line matching `ack`
    says the one before was taken."""
    def acks(ctx):
        rx = re.compile(ack)
        return sum(1 for line in ctx.serial_lines() if rx.search(line))

    def hook(ctx):
        sock = connect_unix(ctx, QMP_SOCKET)
        try:
            qmp_execute(ctx, sock, "qmp_capabilities")
            ctx.wait_for(after)
            for _ in range(count):
                seen = acks(ctx)
                qmp_execute(ctx, sock, "inject-nmi")
                while acks(ctx) == seen:
                    if ctx.proc.poll() is not None or ctx.remaining() == 0:
                        raise HookFailure("the injected NMI was not "
                                          "acknowledged (/%s/)" % ack)
                    time.sleep(POLL_S)
        finally:
            sock.close()
    return hook
