#!/usr/bin/env python3
"""The long run of the in-QEMU hypercall fuzzer (guests/tests/fuzz), for `make fuzz`.

Boots BUILD/fuzz-long.elf (configs/test/fuzz-long.c) whose fuzz partition was
built with the seed and call count given here, under plain TCG (no
-icount: speed matters here, not repeatable timing; the calls themselves
depend only on the seed), and waits for the partition's verdict:

    qemu_fuzz.py --build build/fuzz/qemu --seed 0x1234 --calls 1000000

Prints PASS/FAIL with the seed, the calls made and the time taken; a
failure shows the partition's FAIL line (which names the seed and the
call) and the console tail.  Exits non-zero on failure.
"""

import argparse
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu  # noqa: E402  (tools/qemu.py)

DONE_RE = re.compile(r"^\[fuzz\] TESTS DONE (\d+) passed, (\d+) failed")
MADE_RE = re.compile(r"fuzz: (\d+) calls made of (\d+) planned")
BAD_RE = re.compile(r"PANIC|EXCEPTION|^HM: |TEST \S+ FAIL")


def run(args):
    log_path = os.path.join(args.build, "fuzz-long.log")
    cmd = qemu.kernel_command(args.build, "fuzz-long", "file:" + log_path)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    lines = []
    try:
        while time.monotonic() - start < args.timeout and proc.poll() is None:
            time.sleep(1)
            lines = qemu_lines(log_path)
            if any(DONE_RE.match(l) for l in lines):
                break
    finally:
        qemu.stop(proc)
    return qemu_lines(log_path), time.monotonic() - start, log_path


def qemu_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return []


def verdict(lines, calls):
    """None if the run was good, else why not."""
    bad = [l for l in lines if BAD_RE.search(l)]
    if bad:
        return bad[0]
    done = [m for m in map(DONE_RE.match, lines) if m]
    if not done:
        return "no 'TESTS DONE' from the fuzz partition (timed out or died)"
    if done[-1].group(2) != "0" or done[-1].group(1) == "0":
        return lines[[i for i, l in enumerate(lines) if DONE_RE.match(l)][-1]]
    made = [m for m in map(MADE_RE.search, lines) if m]
    if not made or int(made[-1].group(1)) != calls or int(made[-1].group(2)) != calls:
        return "the partition did not report %d calls made" % calls
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--seed", required=True, help="the seed the partition was built with")
    ap.add_argument("--calls", type=int, required=True)
    ap.add_argument("--timeout", type=float, default=1800)
    args = ap.parse_args()
    lines, took, log_path = run(args)
    why = verdict(lines, args.calls)
    what = "fuzz/qemu-hypercalls: seed %s, %d calls, %.0f s" % (args.seed, args.calls, took)
    if why is None:
        print("PASS " + what)
        return 0
    print("FAIL %s: %s" % (what, why))
    for l in lines[-15:]:
        print("    | " + l)
    print("    console log: %s; repeat: make fuzz FUZZ_QEMU_SEED=%s" % (log_path, args.seed))
    return 1


if __name__ == "__main__":
    sys.exit(main())
