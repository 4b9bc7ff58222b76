#!/usr/bin/env python3
"""Where the bench's kernel instructions go: a per-function profile per entry.

Boots build/bench.elf under QEMU -icount with one instruction per
translation block and an execution trace limited to the kernel image, cuts
the trace at every entry stub (vectorN, hcall_entry), and prints for each
vector the most common entry lengths (in instructions) and, for the
vectors asked for, the instructions each function contributed.

    bench/profile.py --vectors 32,35,130        # tick, IRQ 3, hypercalls
    bench/profile.py --vectors 32 --range 400-600  # one tick that switched

The trace is large (about 1 GB) and takes a minute; it goes to a
temporary directory.
"""
import argparse
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
import qemu  # noqa: E402

TRACE_RE = re.compile(r"\[[0-9a-f]+/([0-9a-f]+)/")


def symbols(elf):
    out = subprocess.run(["nm", "-n", elf], capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        addr, kind, name = line.split()
        if kind in "tTwW":
            syms.append((int(addr, 16), name))
    return syms


def entries(syms):
    """Entry-stub address -> vector number."""
    ent = {a: int(n[6:]) for a, n in syms if re.fullmatch(r"vector\d+", n)}
    ent.update({a: 130 for a, n in syms if n == "hcall_entry"})
    return ent


def kernel_span(syms):
    lo = min(a for a, n in syms if n == "_kernel_start")
    hi = max(a for a, _ in syms)
    return lo, hi - lo + 4096


def trace(build, log):
    span = kernel_span(symbols(qemu.kernel_image(build, "bench")))
    # As make bench boots it (bench/run.py): no window guard, sleep=off.
    cmd = qemu.kernel_command(build, "bench", "null", append="guard=0", extra=[
        "-serial", "null", "-singlestep", "-d", "exec,nochain",
        "-dfilter", "0x%x+0x%x" % span, "-D", log, "-icount", "shift=0,sleep=off"])
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def segments(log, ent):
    segs = collections.defaultdict(list)
    cur = None
    with open(log) as f:
        for line in f:
            m = TRACE_RE.search(line)
            if not m:
                continue
            pc = int(m.group(1), 16)
            if pc in ent:
                if cur:
                    segs[cur[0]].append(cur[1])
                cur = (ent[pc], [])
            if cur:
                cur[1].append(pc)
    if cur:
        segs[cur[0]].append(cur[1])
    return segs


def by_function(seg, syms):
    addrs = [a for a, _ in syms]
    prof = collections.OrderedDict()
    for pc in seg:
        name = syms[bisect.bisect_right(addrs, pc) - 1][1]
        prof[name] = prof.get(name, 0) + 1
    return ", ".join("%s %d" % kv for kv in prof.items())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--vectors", default="", help="comma-separated vectors to break down")
    ap.add_argument("--range", help="LO-HI: also break down one entry of that length")
    opts = ap.parse_args()
    syms = symbols(qemu.kernel_image(opts.build, "bench"))
    want = {int(v) for v in opts.vectors.split(",") if v}
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "trace.log")
        trace(opts.build, log)
        segs = segments(log, entries(syms))
    for v, lst in sorted(segs.items()):
        lengths = collections.Counter(len(s) for s in lst)
        print("vector %d: %d entries, lengths %s" % (v, len(lst), lengths.most_common(6)))
        if v not in want:
            continue
        for n, _ in lengths.most_common(3):
            print("  %d: %s" % (n, by_function(next(s for s in lst if len(s) == n), syms)))
        if opts.range:
            lo, hi = map(int, opts.range.split("-"))
            seg = next((s for s in lst if lo <= len(s) <= hi), None)
            if seg:
                print("  %d: %s" % (len(seg), by_function(seg, syms)))


if __name__ == "__main__":
    main()
