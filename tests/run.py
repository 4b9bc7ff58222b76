#!/usr/bin/env python3
"""bulkhead test runner — what `make test` runs.

0. The runner's own checks (tests/runner_test.py): runner/<test>.
1. Every host unit test binary in BUILD/host/unit/ (cmocka, TAP output):
   each `ok`/`not ok` line is one result, unit/<binary>/<test>.
2. Every system test case in tests/system/cases.py, booted in QEMU: each
   `TEST <x> PASS|FAIL` console line is one result, <case>/<x>, and the
   boot itself is one more, <case>.
3. The same cases booted in Bochs (tools/bochs.py), results named
   bochs:<case>...: all of them with --machine bochs, the cases marked
   bochs_subset in the default run, none with --machine qemu.  A case
   marked bochs_only (the reason) is a SKIP on QEMU.

Prints `PASS name` / `FAIL name: reason` per result and ends with the line
`N passed, N failed`.  While boots run it shows which, and for how long:
on a terminal one status line, rewritten in place; elsewhere (CI, a log)
a `RUN name` line as each boot starts, a `... name: still running` line
every STILL_RUNNING_S, and each boot's time after its result.  Exits non-zero if anything failed or nothing ran.
Logs go to BUILD/test-logs/.  See docs/testing.md.
"""

import argparse
import concurrent.futures
import fnmatch
import importlib.util
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))

import qemu      # noqa: E402  (tools/qemu.py)
import bochs     # noqa: E402  (tools/bochs.py)
import helpers   # noqa: E402  (tests/system/helpers.py)

UNIT_TIMEOUT_S = 60
# Bochs runs the same emulated time several times slower than QEMU and
# first boots through its BIOS and GRUB: its timeouts are the case's
# timeout times this, plus the boot.
BOCHS_SLOWDOWN = 4
BOCHS_BOOT_S = 30
MACHINES = ("qemu", "bochs")
TAIL_LINES = 20
STILL_RUNNING_S = 30

CASE_DEFAULTS = {
    "append": "", "exit": qemu.EXIT_SUCCESS, "timeout": 30, "qemu_args": [],
    "hook": None, "expect": [], "reject": [], "done": None, "boot": "kernel",
    "description": "", "qemu_only": "", "bochs_subset": False,
    "bochs_xfail": "", "qemu_expect": [], "bochs_only": "",
}
CASE_REQUIRED = ("name", "image")

# A test case line, from the kernel or after a partition's "[name] " prefix.
TEST_RE = re.compile(r"^(?:\[(?P<part>[^\]]+)\] )?TEST (?P<test>\S+) "
                     r"(?P<verdict>PASS|FAIL)(?: (?P<reason>.*))?$")
TESTS_DONE_RE = re.compile(r"^(?:\[(?P<part>[^\]]+)\] )?TESTS DONE\b"
                           r"(?: (?P<passed>\d+) passed, (?P<failed>\d+) "
                           r"failed\b)?")
# The kernel's line for a partition's restart: its suite counts from zero.
RESTART_RE = re.compile(r"^partition (?P<part>\S+): restarted\b")
KTEST_DONE_RE = re.compile(r"^KTEST DONE (\d+) cases?\b")
TAP_RE = re.compile(r"^(?P<not>not )?ok (?P<num>\d+)"
                    r"(?: - (?P<name>.*?))?(?: # (?P<directive>.*))?$")
TAP_PLAN_RE = re.compile(r"^1\.\.(\d+)")


class Result:
    """One line of the report.  ok is True, False, or None for a skip;
    xfail, the reason a failure was expected (it then does not count)."""

    def __init__(self, name, ok, reason="", detail=(), xfail=""):
        self.name, self.ok, self.reason = name, ok, reason
        self.detail = list(detail)   # extra lines printed under a failure
        self.xfail = xfail
        self.elapsed = None          # seconds, shown for a boot's own result

    def timed(self):
        return "" if self.elapsed is None else " (%.1f s)" % self.elapsed

    def lines(self):
        if self.ok is None:
            return ["SKIP %s%s" % (self.name, ": " + self.reason if self.reason else "")]
        if self.ok is False and self.xfail:
            return ["XFAIL %s: %s (expected: %s)" % (self.name, self.reason,
                                                    self.xfail)]
        if self.ok:
            return ["PASS " + self.name + self.timed()]
        return ["FAIL %s%s: %s" % (self.name, self.timed(), self.reason)] + \
               ["    | " + d for d in self.detail]


class Report:
    """Prints results as they arrive (from several threads) and counts them,
    and shows what is running (see the module's docstring)."""

    def __init__(self, tty=None):
        self.lock = threading.Lock()
        self.passed, self.failed, self.xfailed = 0, [], 0
        self.tty = sys.stdout.isatty() if tty is None else tty
        self.running = {}            # name -> start (time.monotonic())
        self.total, self.finished = 0, 0
        self.t0 = time.monotonic()
        self.status_shown = False
        self.stopped = threading.Event()

    # -- what is running --
    def begin(self, name, boot):
        with self.lock:
            self.running[name] = (time.monotonic(), boot)
            if boot and not self.tty:
                print("RUN  " + name, flush=True)
            self._status()

    def end(self, name):
        with self.lock:
            start, _ = self.running.pop(name, (time.monotonic(), False))
            self.finished += 1
            return time.monotonic() - start

    def _status(self):
        """The terminal's status line (lock held)."""
        if not self.tty:
            return
        now = time.monotonic()
        boots = sorted(((now - t, n) for n, (t, boot) in self.running.items()),
                       reverse=True)
        what = ", ".join("%s %ds" % (n, age) for age, n in boots[:3])
        line = "[%d/%d, %ds] %s" % (self.finished, self.total, now - self.t0,
                                    what or "...")
        cols = shutil.get_terminal_size((100, 20)).columns
        sys.stdout.write("\r\033[K" + line[:cols - 1])
        sys.stdout.flush()
        self.status_shown = True

    def _clear(self):
        if self.tty and self.status_shown:
            sys.stdout.write("\r\033[K")
            self.status_shown = False

    def tick(self):
        """Runs in its own thread until stop(): refreshes the status line
        each second, or says which boots still run every STILL_RUNNING_S."""
        last_note = time.monotonic()
        while not self.stopped.wait(1.0):
            with self.lock:
                if self.tty:
                    self._status()
                elif time.monotonic() - last_note >= STILL_RUNNING_S:
                    last_note = time.monotonic()
                    for name, (t, boot) in sorted(self.running.items()):
                        if boot:
                            print("...  %s: still running (%d s)"
                                  % (name, last_note - t), flush=True)

    def stop(self):
        self.stopped.set()
        with self.lock:
            self._clear()
            sys.stdout.flush()

    def add(self, results):
        with self.lock:
            self._clear()
            for r in results:
                if r.ok:
                    self.passed += 1
                elif r.ok is False and r.xfail:
                    self.xfailed += 1
                elif r.ok is False:
                    self.failed.append(r.name)
                print("\n".join(r.lines()), flush=True)
            self._status()

    def finish(self, elapsed):
        if self.failed:
            print("\nFailed:")
            for name in self.failed:
                print("    " + name)
        print("(%.1f s)" % elapsed)
        if self.xfailed:
            print("%d known failures on Bochs (XFAIL above)" % self.xfailed)
        print("%d passed, %d failed" % (self.passed, len(self.failed)),
              flush=True)
        return 0 if self.passed and not self.failed else 1


def write_file(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def safe_name(name):
    """A case or binary name as a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


# ----------------------------------------------------------- unit tests --

def unit_binaries(build):
    """Executable files in BUILD/host/unit/, by name."""
    d = os.path.join(build, "host", "unit")
    if not os.path.isdir(d):
        return []
    found = []
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            found.append(path)
    return found


def parse_tap(text):
    """cmocka's TAP: returns (planned, [(ok|None, name, comment lines)])."""
    planned, tests = 0, []
    for line in text.splitlines():
        plan = TAP_PLAN_RE.match(line)
        m = TAP_RE.match(line.strip())
        if plan:
            planned += int(plan.group(1))
        elif m:
            directive = m.group("directive") or ""
            name = m.group("name") or directive.replace("SKIP", "", 1).strip()
            ok = None if directive.upper().startswith("SKIP") else not m.group("not")
            tests.append((ok, name or "test%s" % m.group("num"), []))
        elif line.startswith("# ") and tests and tests[-1][0] is False:
            # cmocka prints a failure's messages as comments after it.
            tests[-1][2].append(line[2:])
    return planned, tests


def signal_name(signum):
    try:
        return signal.Signals(signum).name
    except ValueError:
        return "signal %d" % signum


def unit_binary_failure(status, planned, tests):
    """Why the binary as a whole failed, or None: crashes and lost tests
    are failures even when every line printed so far said ok."""
    ran = len(tests)
    if status is None:
        return "timed out after %d s after %d tests" % (UNIT_TIMEOUT_S, ran)
    if status < 0:
        return "crashed (%s) after %d of %d tests" % (
            signal_name(-status), ran, planned)
    if ran == 0:
        return "no TAP results (exit status %d); is it a cmocka test?" % status
    if ran < planned:
        return "stopped after %d of %d tests (exit status %d)" % (
            ran, planned, status)
    if status != 0 and not any(ok is False for ok, _, _ in tests):
        return "exit status %d but no test failed" % status
    return None


def run_unit(path, logdir):
    name = "unit/" + os.path.basename(path)
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    try:
        proc = subprocess.run([path], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              timeout=UNIT_TIMEOUT_S)
        status, out = proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        status, out = None, e.stdout or b""
    except OSError as e:
        return [Result(name, False, "cannot run: %s" % e)]
    text = out.decode("utf-8", "replace")
    write_file(os.path.join(logdir, "unit", safe_name(name[5:]) + ".log"), text)
    planned, tests = parse_tap(text)
    results = [Result("%s/%s" % (name, t), ok,
                      "; ".join(c for c in comments if c) or
                      ("failed" if ok is False else ""))
               for ok, t, comments in tests]
    why = unit_binary_failure(status, planned, tests)
    if why:
        results.append(Result(name, False, why, text.splitlines()[-TAIL_LINES:]))
    return results


# ------------------------------------------------------ runner checks --

def run_runner_checks():
    """tests/runner_test.py, one result per test method."""
    import unittest
    sys.modules.setdefault("run", sys.modules[__name__])
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    import runner_test
    suite = unittest.defaultTestLoader.loadTestsFromModule(runner_test)
    results = []

    class Collect(unittest.TestResult):
        def addSuccess(self, test):
            results.append(Result("runner/" + test.id().split(".", 1)[1], True))

        def addFailure(self, test, err):
            why = self._exc_info_to_string(err, test).strip().splitlines()
            results.append(Result("runner/" + test.id().split(".", 1)[1],
                                  False, why[-1], why))
        addError = addFailure

    suite.run(Collect())
    return results


# --------------------------------------------------------- system tests --

def load_cases(path):
    """The case table with defaults filled in; raises ValueError if wrong."""
    # A table elsewhere (--cases) may import helpers like the real one.
    here = os.path.dirname(os.path.abspath(path))
    if here not in sys.path:
        sys.path.append(here)
    spec = importlib.util.spec_from_file_location("cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases, seen = [], set()
    for i, entry in enumerate(module.CASES):
        unknown = set(entry) - set(CASE_DEFAULTS) - set(CASE_REQUIRED)
        missing = [k for k in CASE_REQUIRED if k not in entry]
        where = "%s: case %d (%s)" % (path, i, entry.get("name", "?"))
        if unknown:  # a typo must not silently drop a check
            raise ValueError("%s: unknown keys %s" % (where, sorted(unknown)))
        if missing:
            raise ValueError("%s: missing keys %s" % (where, missing))
        if entry["name"] in seen:
            raise ValueError("%s: duplicate name" % where)
        if entry.get("done") not in (None, "ktest", "tests"):
            raise ValueError("%s: done must be None, 'ktest' or 'tests'" % where)
        if entry.get("boot", "kernel") not in ("kernel", "iso"):
            raise ValueError("%s: boot must be 'kernel' or 'iso'" % where)
        if not isinstance(entry.get("qemu_only", ""), str):
            raise ValueError("%s: qemu_only must be the reason, a string"
                             % where)
        if not isinstance(entry.get("bochs_xfail", ""), str):
            raise ValueError("%s: bochs_xfail must be the reason, a string"
                             % where)
        if entry.get("qemu_only") and entry.get("bochs_subset"):
            raise ValueError("%s: a qemu_only case cannot be in the Bochs "
                             "subset" % where)
        if not isinstance(entry.get("bochs_only", ""), str):
            raise ValueError("%s: bochs_only must be the reason, a string"
                             % where)
        if entry.get("bochs_only") and entry.get("qemu_only"):
            raise ValueError("%s: a case cannot be both qemu_only and "
                             "bochs_only" % where)
        seen.add(entry["name"])
        case = dict(CASE_DEFAULTS)
        case.update(entry)
        cases.append(case)
    return cases


ISO_LOCK = threading.Lock()   # one grub-mkrescue at a time per build


def make_iso(case, opts, tmp, logbase):
    """Build the boot's own ISO with tools/mkiso.sh (cases sharing an image
    may differ in command line, and boot in parallel); returns its path."""
    iso = os.path.join(tmp, "boot.iso")
    with ISO_LOCK:
        proc = subprocess.run(
            ["sh", os.path.join(ROOT, "tools", "mkiso.sh"), opts.build,
             case["image"], expand(case["append"], tmp, opts.build), iso],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    out = proc.stdout.decode("utf-8", "replace")
    write_file(logbase + ".mkiso.log", out)
    if proc.returncode != 0:
        last = (out.strip().splitlines() or ["no output"])[-1]
        raise qemu.BootError("tools/mkiso.sh failed (exit %d): %s"
                             % (proc.returncode, last))
    return iso


def expand(arg, tmp, build):
    return arg.replace("{tmp}", tmp).replace("{build}", build)


def boot_command(case, machine, opts, serial_log, tmp, logbase):
    """The command line, and a Bochs COM2 relay to run beside it or None."""
    extra = [expand(a, tmp, opts.build) for a in case["qemu_args"]]
    if machine == "bochs":   # no multiboot loader: always from the ISO
        return bochs.command(tmp, make_iso(case, opts, tmp, logbase),
                             serial_log, extra)
    serial = "file:" + serial_log
    if case["boot"] == "iso":
        iso = make_iso(case, opts, tmp, logbase)
        return qemu.iso_command(iso, serial, extra, kvm=opts.kvm), None
    return qemu.kernel_command(opts.build, case["image"], serial,
                               expand(case["append"], tmp, opts.build),
                               extra, kvm=opts.kvm), None


def run_hook(case, ctx, logbase):
    """Run the case's hook; returns a failure reason or None."""
    try:
        case["hook"](ctx)
    except (helpers.HookFailure, AssertionError) as e:
        return "hook: %s" % (e or type(e).__name__)
    except Exception:
        trace = traceback.format_exc()
        write_file(logbase + ".hook.log", trace)
        return "hook crashed: %s (traceback in %s.hook.log)" % (
            trace.strip().splitlines()[-1], logbase)
    return None


def machine_status(machine, status, qemu_log):
    """The exit status as QEMU would give it.  Bochs's own status says
    nothing: the kernel's exit line in its output does."""
    if machine == "qemu" or status is None:
        return status
    code = bochs.exit_status("\n".join(read_lines(qemu_log)))
    return bochs.describe_missing_exit() if code is None else code


def boot(case, machine, opts, timeout, serial_log, qemu_log, tmp, logbase):
    """Run the machine for one case: returns (exit status as QEMU would
    give it, or None if it ran out of time or gave none; hook failure)."""
    cmd, relay = boot_command(case, machine, opts, serial_log, tmp, logbase)
    if relay:
        relay.start()
    try:
        return run_machine(case, machine, opts, cmd, timeout, serial_log,
                           qemu_log, tmp, logbase)
    finally:
        if relay:
            relay.close()


def run_machine(case, machine, opts, cmd, timeout, serial_log, qemu_log,
                tmp, logbase):
    with open(qemu_log, "w") as log:
        log.write("$ %s\n" % shlex.join(cmd))
        log.flush()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    hook_failure = None
    try:
        if case["hook"]:
            ctx = helpers.BootContext(case["name"], opts.build, tmp,
                                      serial_log, proc, deadline, machine)
            hook_failure = run_hook(case, ctx, logbase)
            if hook_failure:
                qemu.stop(proc)
        status = proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        status = None
    finally:
        qemu.stop(proc)
    return machine_status(machine, status, qemu_log), hook_failure


def read_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return []


def test_results(boot_name, lines):
    """One result per TEST line on the console."""
    results = []
    for line in lines:
        m = TEST_RE.match(line)
        if m:
            name = "%s/%s" % (boot_name, m.group("test"))
            ok = m.group("verdict") == "PASS"
            results.append(Result(name, ok, m.group("reason") or "FAIL"))
    return results


def done_problems(case, lines):
    """Did every test suite the case runs say it finished?"""
    if case["done"] == "ktest":
        counts = [int(m.group(1)) for m in map(KTEST_DONE_RE.match, lines) if m]
        if not counts:
            return ["no 'KTEST DONE <n> cases' line"]
        # The kernel's own TEST lines carry no partition prefix.
        ran = sum(1 for l in lines if TEST_RE.match(l) and not l.startswith("["))
        if counts[-1] != ran:
            return ["KTEST DONE says %d cases but %d TEST lines were seen"
                    % (counts[-1], ran)]
    elif case["done"] == "tests":
        finished = {m.group("part") for m in map(TESTS_DONE_RE.match, lines) if m}
        if not finished:
            return ["no 'TESTS DONE' line"]
        testing = {m.group("part") for m in map(TEST_RE.match, lines) if m}
        missing = sorted(p or "kernel" for p in testing - finished)
        if missing:
            return ["no 'TESTS DONE' from %s" % ", ".join(missing)]
        return suite_count_problems(lines)
    return []


def suite_count_problems(lines):
    """Each partition's `TESTS DONE <p> passed, <f> failed` must account
    for exactly the TEST lines it printed since it last (re)started: a
    TEST line lost, garbled or printed twice cannot go unnoticed, and
    none may follow the count."""
    seen, done, problems = {}, {}, []
    for line in lines:
        m = RESTART_RE.match(line)
        if m:   # a new incarnation: counters start again
            seen[m.group("part")] = 0
            done.pop(m.group("part"), None)
            continue
        m = TEST_RE.match(line)
        if m:
            part = m.group("part") or "kernel"
            seen[part] = seen.get(part, 0) + 1
            if part in done:
                problems.append("[%s] TEST %s after its TESTS DONE"
                                % (part, m.group("test")))
            continue
        m = TESTS_DONE_RE.match(line)
        if not m:
            continue
        part = m.group("part") or "kernel"
        done[part] = True
        if m.group("passed") is None:
            problems.append("[%s] TESTS DONE without '<p> passed, <f> "
                            "failed'" % part)
            continue
        said = int(m.group("passed")) + int(m.group("failed"))
        if said != seen.get(part, 0):
            problems.append("[%s] TESTS DONE counts %d tests but %d TEST "
                            "lines were seen" % (part, said,
                                                 seen.get(part, 0)))
    return problems


def line_problems(case, lines, machine):
    problems = []
    expect = case["expect"] + (case["qemu_expect"] if machine == "qemu" else [])
    for rx in expect:
        if not any(re.search(rx, l) for l in lines):
            problems.append("no line matches /%s/" % rx)
    for rx in case["reject"]:
        bad = [l for l in lines if re.search(rx, l)]
        if bad:
            problems.append("forbidden /%s/ matched: %s" % (rx, bad[0]))
    return problems


def exit_problem(case, status, timeout):
    if status is None:
        return "timed out after %g s" % timeout
    if isinstance(status, str):   # the machine's own account
        return status
    if status != case["exit"]:
        return "%s, expected %d" % (qemu.describe_exit(status), case["exit"])
    return None


def boot_verdict(boot_name, case, timeout, status, hook_failure, lines,
                 qemu_log):
    """The boot's own result: the first problem is the reason."""
    # After a failed hook the runner stopped QEMU itself: its exit status
    # says nothing about the kernel then.
    problems = [hook_failure or exit_problem(case, status, timeout)]
    problems = [p for p in problems if p]
    problems += done_problems(case, lines) + \
        line_problems(case, lines, machine_of(boot_name))
    if not problems:
        return Result(boot_name, True)
    detail = ["serial (last %d lines):" % TAIL_LINES] + lines[-TAIL_LINES:]
    if not lines:
        detail = ["serial: (no output)"]
    qemu_out = read_lines(qemu_log)[1:]   # line 0 is the command
    if qemu_out:
        detail += ["%s:" % machine_of(boot_name)] + qemu_out[-5:]
    return Result(boot_name, False, "; ".join(problems), detail)


def boot_name(case, machine):
    """Results from Bochs are named apart, so both machines count."""
    return case["name"] if machine == "qemu" else "bochs:" + case["name"]


def machine_of(name):
    return "bochs" if name.startswith("bochs:") else "qemu"


def case_timeout(case, machine, opts):
    timeout = case["timeout"]
    if machine == "bochs":
        timeout = timeout * BOCHS_SLOWDOWN + BOCHS_BOOT_S
    return timeout * opts.timeout_scale


def run_case(case, machine, opts):
    name = boot_name(case, machine)
    logbase = os.path.join(opts.logdir, safe_name(name))
    serial_log = logbase + ".log"
    qemu_log = logbase + (".bochs.log" if machine == "bochs" else ".qemu.log")
    timeout = case_timeout(case, machine, opts)
    for stale in (serial_log, qemu_log, logbase + ".hook.log",
                  logbase + ".mkiso.log"):
        if os.path.exists(stale):
            os.unlink(stale)
    tmp = tempfile.mkdtemp(prefix="bh-test-")  # short: unix socket paths
    try:
        status, hook_failure = boot(case, machine, opts, timeout,
                                    serial_log, qemu_log, tmp, logbase)
    except (qemu.BootError, OSError) as e:
        return [Result(name, False, str(e))]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines = read_lines(serial_log)
    results = test_results(name, lines) + \
        [boot_verdict(name, case, timeout, status, hook_failure, lines,
                      qemu_log)]
    if machine == "bochs" and case["bochs_xfail"]:
        return expect_failure(name, results, case["bochs_xfail"])
    return results


def expect_failure(name, results, why):
    """A case with a known Bochs-only defect: its failures are XFAIL.  Once
    nothing fails any more, the mark is stale and that is a failure, so the
    mark goes away with the defect."""
    failed = [r for r in results if r.ok is False]
    for r in failed:
        r.xfail = why
    if not failed:
        results.append(Result(name, False, "marked bochs_xfail (%s) but "
                              "nothing failed: remove the mark" % why))
    return results


# ----------------------------------------------------------------- main --

def job_results(job, name):
    """A bug in the runner fails that one job, visibly, not the whole run."""
    try:
        return job.result()
    except Exception:
        lines = traceback.format_exc().strip().splitlines()
        return [Result(name, False, "runner error: " + lines[-1], lines)]


def tracked(report, name, boot, fn, *args):
    """fn(*args) shown as running in the report; a boot's own result (the
    one named like the boot) carries its time."""
    report.begin(name, boot)
    try:
        results = fn(*args)
    finally:
        elapsed = report.end(name)
    for r in results:
        if boot and r.name == name:
            r.elapsed = elapsed
    return results


def selected(name, patterns):
    """-k: a substring of the name, or a shell glob matching it."""
    if not patterns:
        return True
    return any(p in name or fnmatch.fnmatchcase(name, p) for p in patterns)


def parse_args(argv):
    p = argparse.ArgumentParser(description="Run bulkhead's tests.")
    p.add_argument("--build", default="build", help="build directory")
    p.add_argument("-k", dest="patterns", action="append", default=[],
                   metavar="PATTERN",
                   help="run only units/cases whose name contains PATTERN "
                        "(or matches it as a glob); repeatable")
    p.add_argument("--list", action="store_true",
                   help="list unit binaries and system cases, run nothing")
    p.add_argument("-j", "--jobs", type=int, default=2,
                   help="boots in parallel (2)")
    p.add_argument("--kvm", action="store_true", help="boot with -accel kvm")
    p.add_argument("--timeout-scale", type=float,
                   default=float(os.environ.get("BH_TIMEOUT_SCALE", "1")),
                   help="multiply every timeout (slow machines; "
                        "env BH_TIMEOUT_SCALE)")
    p.add_argument("--machine", choices=("default",) + MACHINES,
                   default=os.environ.get("MACHINE") or "default",
                   help="default: every case on QEMU and the bochs_subset "
                        "cases on Bochs; qemu or bochs: every case on that "
                        "machine alone (env MACHINE)")
    p.add_argument("--cases", default=os.path.join(ROOT, "tests", "system",
                                                    "cases.py"),
                   help="case table to use")
    opts = p.parse_args(argv)
    opts.logdir = os.path.join(opts.build, "test-logs")
    return opts


def boots(cases, opts):
    """(case, machine) pairs to run, Bochs first (its boots are the long
    ones), and a SKIP result for each case the machine cannot run."""
    todo, skips = [], []
    for machine in ("bochs", "qemu"):
        for case in cases:
            name = boot_name(case, machine)
            if not (selected(case["name"], opts.patterns) or
                    selected(name, opts.patterns)):
                continue
            if opts.machine not in ("default", machine):
                continue
            if machine == "bochs" and case["qemu_only"]:
                if opts.machine == "bochs":
                    skips.append(Result(name, None, "QEMU only: " +
                                        case["qemu_only"]))
                continue
            if machine == "qemu" and case["bochs_only"]:
                skips.append(Result(name, None, "Bochs only: " +
                                    case["bochs_only"]))
                continue
            if machine == "bochs" and opts.machine == "default" and \
                    not case["bochs_subset"]:
                continue
            todo.append((case, machine))
    return todo, skips


def list_tests(units, todo):
    for path in units:
        print("unit/" + os.path.basename(path))
    for case, machine in todo:
        print("%-30s %s" % (boot_name(case, machine), case["description"]))
    return 0


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    report, start = Report(), time.monotonic()
    try:
        cases = load_cases(opts.cases)
    except Exception as e:   # a broken table is one failure, not a crash
        report.add([Result(os.path.basename(opts.cases), False,
                           "%s: %s" % (type(e).__name__, e))])
        cases = []
    units = [u for u in unit_binaries(opts.build)
             if selected("unit/" + os.path.basename(u), opts.patterns)]
    todo, skips = boots(cases, opts)
    if opts.list:
        return list_tests(units, todo)
    os.makedirs(opts.logdir, exist_ok=True)
    report.add(skips)
    with concurrent.futures.ThreadPoolExecutor(max(1, opts.jobs)) as pool:
        report.total = len(todo) + len(units)
        jobs = {pool.submit(tracked, report, boot_name(c, m), True,
                            run_case, c, m, opts): boot_name(c, m)
                for c, m in todo}
        jobs.update({pool.submit(tracked, report, "unit/" + os.path.basename(u),
                                 False, run_unit, u, opts.logdir):
                     "unit/" + os.path.basename(u) for u in units})
        if selected("runner/", opts.patterns):
            jobs[pool.submit(run_runner_checks)] = "runner"
        ticker = threading.Thread(target=report.tick, daemon=True)
        ticker.start()
        for job in concurrent.futures.as_completed(jobs):
            report.add(job_results(job, jobs[job]))
        report.stop()
    if not jobs:
        print("no tests selected")
    print("logs: %s/" % opts.logdir)
    return report.finish(time.monotonic() - start)


if __name__ == "__main__":
    sys.exit(main())
