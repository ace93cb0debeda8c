#!/usr/bin/env python3
"""Writes the 1 GiB benchmark file of scripts/bench-inspect.sh: one float32 tensor `w` of
16384 x 16384 in a safetensors file, written with the safetensors package's header rules.
Values: standard normal times 2^k with k uniform in [-30, 10] per row, so rows span the ranges
where half flushes and overflows, and the block schemes see blocks of every spread.

    make-bench-tensor.py PATH
"""
import json
import struct
import sys

import numpy as np

rows, cols = 16384, 16384
path = sys.argv[1]
header = json.dumps({"w": {"dtype": "F32", "shape": [rows, cols], "data_offsets": [0, rows * cols * 4]}},
                    separators=(",", ":")).encode()
header += b" " * (-len(header) % 8)
rng = np.random.default_rng(16)
with open(path + ".tmp", "wb") as out:
    out.write(struct.pack("<Q", len(header)))
    out.write(header)
    for start in range(0, rows, 1024):
        block = rng.standard_normal((1024, cols), dtype=np.float32)
        block *= np.exp2(rng.integers(-30, 11, size=(1024, 1))).astype(np.float32)
        out.write(block.astype("<f4").tobytes())
import os
os.replace(path + ".tmp", path)
print(f"make-bench-tensor: wrote {path} ({os.path.getsize(path)} bytes)")
