#!/usr/bin/env python3
"""Write the hand-made seeds of the ELF harness (tests/fuzz/corpus/elf/).

Each seed is the harness's 7-byte prefix (area at BH_PART_BASE, 64 KiB)
followed by a small ELF32 i386 executable: a valid one and a few broken
near the edges.  The other corpora were grown by the fuzzers themselves
and minimised with -merge=1 (see docs/testing.md).
"""
import os
import struct
import sys

LO = 0x40000000
PREFIX = bytes([0]) + struct.pack("<IH", 0, 0xffff)     # lo = BH_PART_BASE, 64 KiB


def elf(segments, entry, phentsize=32, extra=b""):
    """segments: (type, offset, vaddr, filesz, memsz, flags)."""
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    phoff = 52
    eh = ident + struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, entry, phoff, 0, 0, 52,
                             phentsize, len(segments), 40, 0, 0)
    ph = b"".join(struct.pack("<IIIIIIII", t, off, va, va, fs, ms, fl, 0x1000)
                  for t, off, va, fs, ms, fl in segments)
    body = eh + ph
    body += bytes(0x100 - len(body))
    return body + bytes((i * 7 + 1) & 0xff for i in range(0x80)) + extra


def seeds():
    text = (1, 0x100, LO, 0x40, 0x40, 5)
    data = (1, 0x140, LO + 0x1000, 0x40, 0x200, 6)
    stack = (0x6474e551, 0, 0, 0, 0, 6)
    return {
        "valid": elf([text, data, stack], LO + 0x10),
        "bss-only": elf([text, (1, 0, LO + 0x2000, 0, 0x3000, 6)], LO),
        "entry-in-data": elf([text, data], LO + 0x1000),
        "at-the-end": elf([(1, 0x100, LO + 0xffc0, 0x40, 0x40, 5)], LO + 0xffc0),
        "one-past-the-end": elf([(1, 0x100, LO + 0xffc0, 0x40, 0x41, 5)], LO + 0xffc0),
        "overlap": elf([text, (1, 0x100, LO + 0x20, 0x40, 0x40, 6)], LO),
        "interp": elf([(3, 0x100, 0, 0x10, 0x10, 4), text], LO),
        "wrap": elf([(1, 0x100, 0xffffffc0, 0x40, 0x80, 5)], LO),
        "truncated": elf([text, data], LO)[:0x120],
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "corpus", "elf")
    os.makedirs(out, exist_ok=True)
    for name, body in seeds().items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(PREFIX + body)


if __name__ == "__main__":
    main()
