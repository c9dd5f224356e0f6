#!/usr/bin/env python3
"""Reads `jfr print --events jdk.ExecutionSample` on stdin; prints the N hottest methods by top frame, and by
inclusive presence in the stack (a method counted once per sample), with their share of all samples."""
import collections
import re
import sys

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 25
top, inclusive, samples = collections.Counter(), collections.Counter(), 0
frames = None
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        frames = []
    elif frames is not None and re.match(r"\s+\]", line) and "stackTrace" not in line:
        if frames:
            samples += 1
            top[frames[0]] += 1
            for f in set(frames):
                inclusive[f] += 1
        frames = None
    elif frames is not None:
        m = re.match(r"\s+([\w$.<>/]+)\(.*line:", line)
        if m:
            frames.append(m.group(1))
if not samples:
    sys.exit("no execution samples")
print(f"{samples} samples; top frame:")
for name, n in top.most_common(limit):
    print(f"  {100.0 * n / samples:5.1f} %  {name}")
print("inclusive (in the stack):")
for name, n in inclusive.most_common(limit):
    print(f"  {100.0 * n / samples:5.1f} %  {name}")
