#!/usr/bin/env python3
"""Cross-checks mpstudy's conversions to the narrow formats against ml_dtypes, an independent
implementation (Google's, used by JAX and TensorFlow).

Every float16 and every bfloat16 value, and 10^7 random float32 values (uniformly random bit
patterns, then values whose exponents cluster around each target's range), are converted to
float8_e4m3fn, float8_e5m2, float6_e2m3fn, float6_e3m2fn, float4_e2m1fn and float8_e8m0fnu by
ml_dtypes (round to nearest even) and by `mpstudy convert --from F --to T` (SoftFloat, round to
nearest even, the default non-saturating mode). The codes are compared; each difference is
either explained below by a documented convention or counted as unexplained, which fails the
check (exit 1).

    crosscheck-ml-dtypes.py MPSTUDY [--count N] [--seed S]
"""
import argparse
import subprocess
import sys

import ml_dtypes
import numpy as np

TARGETS = [
    ("e4m3", "float8_e4m3fn", 8),
    ("e5m2", "float8_e5m2", 8),
    ("e2m3", "float6_e2m3fn", 6),
    ("e3m2", "float6_e3m2fn", 6),
    ("e2m1", "float4_e2m1fn", 4),
    ("e8m0", "float8_e8m0fnu", 8),
]


def mpstudy_convert(mpstudy, source_name, words, target):
    raw = words.astype("<u%d" % words.dtype.itemsize).tobytes()
    out = subprocess.run([mpstudy, "convert", "--from", source_name, "--to", target],
                         input=raw, stdout=subprocess.PIPE, check=True).stdout
    return np.frombuffer(out, dtype=np.uint8)


def explain(target, x, mine, theirs):
    """The documented convention behind one difference, or None."""
    if np.isnan(x):
        # NaN payloads: SoftFloat keeps the input's sign and quiets it into the format's NaN
        # (E4M3: S.1111.111, E5M2: S.11111.1x); ml_dtypes' NaN codes may differ in sign or payload.
        def is_nan(code):
            return (code & 0x7F) == 0x7F if target == "e4m3" else (code & 0x7C) == 0x7C and (code & 3) != 0
        if target in ("e4m3", "e5m2") and is_nan(mine) and is_nan(theirs):
            return "NaN input: both give a NaN; the NaN's sign/payload bits differ"
        if target == "e8m0":
            return "NaN input: both give the only NaN 0xFF"
    if target == "e8m0" and 0 < x < 2.0 ** -126 and mine == 0x00 and theirs == 0x01 and x < 1.5 * 2.0 ** -127:
        # DESIGN.md, block-scaled tensors: E8M0 of a float32 subnormal. The exact nearest power of
        # two of x in (2^-127, 1.5 * 2^-127) is 2^-127 (code 0x00); ml_dtypes (like PyTorch) gives
        # 2^-126 (0x01) for these subnormal inputs.
        return "float32-subnormal input below 1.5 * 2^-127: mpstudy the nearest 2^-127, ml_dtypes 2^-126"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mpstudy")
    parser.add_argument("--count", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    half = np.arange(1 << 16, dtype=np.uint16)
    bf16 = np.arange(1 << 16, dtype=np.uint16)
    n_uniform = args.count // 2
    uniform = rng.integers(0, 1 << 32, size=n_uniform, dtype=np.uint64).astype(np.uint32)
    # Values near the narrow formats' ranges: exponents in [-140, 20], random significands and signs.
    n_near = args.count - n_uniform
    exponent = rng.integers(127 - 140, 127 + 21, size=n_near).astype(np.uint32)
    near = (rng.integers(0, 2, size=n_near).astype(np.uint32) << 31) | (exponent << 23) | \
        rng.integers(0, 1 << 23, size=n_near).astype(np.uint32)
    single = np.concatenate([uniform, near])

    sources = [
        ("half", "float16", half, half.view(np.float16)),
        ("bfloat16", "bfloat16", bf16, bf16.view(ml_dtypes.bfloat16)),
        ("single", "float32", single, single.view(np.float32)),
    ]
    print(f"crosscheck-ml-dtypes: ml_dtypes {ml_dtypes.__version__}, numpy {np.__version__}; "
          f"every float16 and bfloat16 value and {len(single):,} float32 values (seed {args.seed})")
    total_unexplained = 0
    for target, dtype_name, bits in TARGETS:
        dtype = getattr(ml_dtypes, dtype_name)
        for source_name, source_label, words, values in sources:
            theirs = values.astype(dtype).view(np.uint8) & ((1 << bits) - 1)
            mine = mpstudy_convert(args.mpstudy, source_name, words, target)
            differ = np.nonzero(mine != theirs)[0]
            explained = {}
            unexplained = []
            as_float = values.astype(np.float32)
            for i in differ:
                reason = explain(target, float(as_float[i]), int(mine[i]), int(theirs[i]))
                if reason is None:
                    unexplained.append(i)
                else:
                    explained[reason] = explained.get(reason, 0) + 1
            total_unexplained += len(unexplained)
            print(f"  {source_label:>8} -> {dtype_name:<15} {len(words):>10,} values, {len(differ):>8,} differ, "
                  f"{len(unexplained):,} unexplained")
            for reason, count in sorted(explained.items()):
                print(f"      {count:>8,} {reason}")
            for i in unexplained[:5]:
                print(f"      unexplained: input 0x{int(words[i]):0{words.dtype.itemsize * 2}x} "
                      f"({float(as_float[i])!r}): mpstudy 0x{int(mine[i]):02x}, ml_dtypes 0x{int(theirs[i]):02x}")
    print(f"crosscheck-ml-dtypes: {total_unexplained} unexplained differences")
    return 1 if total_unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
