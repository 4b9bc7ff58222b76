#!/usr/bin/env python3
"""Make a deliberately broken partition image from a good one.

    corrupt.py stretch END   IN OUT   last PT_LOAD ends at END (exclusive)
    corrupt.py move    ADDR  IN OUT   last PT_LOAD moved to ADDR
    corrupt.py truncate      IN OUT   file cut inside the last PT_LOAD

Only the program header (or the file length) changes, so the kernel's
loader sees a real image with exactly one thing wrong.  A stretched
segment is file data all the way to END: a copy of the segment appended to
the file, zeros for its .bss, and EDGE_BYTES bytes of a known pattern
ending at END, which a partition loaded from it can check
(guests/tests/iso-part/main.c); zeros there would prove nothing.
"""

import struct
import sys

PT_LOAD = 1
PAGE = 4096
EDGE_BYTES = 256


def edge_pattern():
    """Byte i of the last EDGE_BYTES of a stretched segment; the same
    formula as in guests/tests/iso-part/main.c."""
    return bytes((i * 7 + 1) & 0xff for i in range(EDGE_BYTES))


def stretch(data, f, end):
    """Give the last PT_LOAD (fields f) file data up to end: the segment
    copied to the end of the file, then zeros, then the edge pattern."""
    size = end - f[2]
    if size < f[4] + EDGE_BYTES:
        sys.exit("stretch: END leaves no room for the edge pattern")
    at = len(data) + (f[2] - len(data)) % PAGE   # offset = vaddr mod page
    body = data[f[1]:f[1] + f[4]]
    body += bytes(size - len(body) - EDGE_BYTES) + edge_pattern()
    data += bytes(at - len(data)) + body
    f[1], f[4], f[5] = at, size, size
    return data


def last_load(data):
    """Offset of the last PT_LOAD program header and its fields."""
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        sys.exit("not a little-endian ELF32 file")
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    found = None
    for i in range(phnum):
        at = phoff + i * phentsize
        fields = struct.unpack_from("<8I", data, at)
        if fields[0] == PT_LOAD:
            found = (at, list(fields))
    if found is None:
        sys.exit("no PT_LOAD segment")
    return found


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    mode, args = argv[0], argv[1:]
    value = int(args.pop(0), 0) if mode in ("stretch", "move") else None
    src, dst = args
    data = bytearray(open(src, "rb").read())
    at, f = last_load(data)          # type offset vaddr paddr filesz memsz flags align
    if mode == "stretch":
        data = stretch(data, f, value)
    elif mode == "move":
        f[2] = f[3] = value
    elif mode == "truncate":
        data = data[:f[1] + f[4] // 2]
    else:
        sys.exit("unknown mode %s" % mode)
    if mode != "truncate":
        struct.pack_into("<8I", data, at, *f)
    open(dst, "wb").write(data)


if __name__ == "__main__":
    main(sys.argv[1:])
