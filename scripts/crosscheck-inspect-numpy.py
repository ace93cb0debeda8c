#!/usr/bin/env python3
"""Cross-checks `mpstudy inspect` (and `inspect --run`) against NumPy and ml_dtypes, independent
implementations of the conversions: for every tensor, the counts of finite nonzero float32
values that overflow, flush to zero and become subnormal when converted (round to nearest even)
to float16 (NumPy), bfloat16 and float8_e4m3fn (ml_dtypes).

Definitions (those of mpstudy inspect --help), with r the converted value:
  overflow  x finite, r infinite (float16, bfloat16) or r NaN (float8_e4m3fn: ml_dtypes does
            not saturate; a value rounding above 448 becomes NaN, which mpstudy counts as
            saturated to ±448)
  flushed   x finite and nonzero, r zero
  subnormal r nonzero and below the smallest normal (2^-14, 2^-126, 2^-6)

    crosscheck-inspect-numpy.py MPSTUDY [PATH] [--seed S]

PATH is a safetensors file or a capture folder (manifest.json + step files); without it, a
capture folder is generated (values spread over every format's range, and the boundary values:
the largest finite values and the midpoints above them, the smallest subnormals and half of
them, ties) and written with the safetensors package. Every step file is run through
`mpstudy inspect FILE --format half,bfloat16,e4m3 --output DIR` and its fits.csv compared; a
capture folder is also run through `mpstudy inspect --run DIR --format half|bfloat16` and its
layers.csv compared. Exit 1 on any difference.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

import ml_dtypes
import numpy as np
from safetensors.numpy import load_file, save_file

# mpstudy target -> (dtype, smallest normal)
TARGETS = {
    "half": (np.float16, 2.0**-14),
    "bfloat16": (ml_dtypes.bfloat16, 2.0**-126),
    "e4m3": (ml_dtypes.float8_e4m3fn, 2.0**-6),
}
# capture roles -> analyzer report names (docs/capture-format.md)
ROLES = {"input": "input", "weight": "kernel", "bias": "bias", "forward_output": "forward_output",
         "output": "activation", "output_gradient": "gradient",
         "pre_activation_gradient": "pre_activation_gradient", "weight_gradient": "kernel_gradient",
         "bias_gradient": "bias_gradient", "input_gradient": "input_gradient",
         "weight_update": "kernel_update", "bias_update": "bias_update"}


def counts(x, target):
    """(finite nonzero, overflow, flushed, subnormal) of float32 array x converted to target."""
    dtype, smallest_normal = TARGETS[target]
    x = np.asarray(x, dtype=np.float32).ravel()
    finite = np.isfinite(x)
    with np.errstate(over="ignore", invalid="ignore"):
        r = x.astype(dtype).astype(np.float32)
    nonzero = finite & (x != 0)
    overflow = finite & (np.isinf(r) | np.isnan(r))
    flushed = nonzero & (r == 0)
    subnormal = finite & (r != 0) & (np.abs(r) < smallest_normal)
    return int(nonzero.sum()), int(overflow.sum()), int(flushed.sum()), int(subnormal.sum())


def boundary_values():
    """Values at every target's edges: largest finite, midpoints above (ties and just past
    them), smallest subnormal, half of it and just above, ties between subnormals."""
    v = [65504.0, 65519.99, 65520.0, 65536.0, 2.0**-24, 2.0**-25, 2.0**-25 * 1.0001, 1.5 * 2.0**-24,
         2.0**-14, 2.0**-14 * (1 - 2.0**-11),
         3.3895313892515355e38, 2.0**-133, 2.0**-134, 2.0**-126, 2.0**-126 * (1 - 2.0**-8),
         448.0, 464.0, 464.0 * 1.0001, 480.0, 2.0**-9, 2.0**-10, 2.0**-10 * 1.0001, 1.5 * 2.0**-9, 2.0**-6,
         0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, 3.4e38]
    return np.array(v + [-a for a in v], dtype=np.float32)


def generate(folder, seed):
    """A capture folder of two steps, each with a few layers' tensors over wide exponent ranges."""
    rng = np.random.default_rng(seed)
    os.makedirs(folder)
    steps = []
    for step in (1, 7):
        tensors = {"dense/input": boundary_values()}
        for layer, scale in (("dense", 0), ("dense_1", -20), ("logits", 10)):
            for role in ("weight", "output", "output_gradient"):
                e = rng.uniform(-150 + scale, 130 + scale, size=(64, 33))
                with np.errstate(over="ignore"):  # exponents past float32's give infinities, also inspected
                    x = (np.sign(rng.uniform(-1, 1, e.shape)) * np.exp2(e)).astype(np.float32)
                tensors[f"{layer}/{role}"] = x
        name = f"step-{step:08d}.safetensors"
        save_file(tensors, os.path.join(folder, name), metadata={"step": str(step)})
        steps.append({"step": step, "file": name, "loss_scale": 1024})
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump({"mpstudy_capture": 1, "framework": "numpy crosscheck", "model": "synthetic",
                   "layers": ["dense", "dense_1", "logits"], "steps": steps}, f)


def run(args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"crosscheck-inspect-numpy: {' '.join(args)} failed: {result.stderr.strip()}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mpstudy")
    parser.add_argument("path", nargs="?")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="crosscheck-inspect-")
    path = options.path or os.path.join(work, "capture")
    if options.path is None:
        generate(path, options.seed)
    if os.path.isdir(path):
        manifest = json.load(open(os.path.join(path, "manifest.json")))
        files = [(s["step"], os.path.join(path, s["file"])) for s in manifest["steps"]]
    else:
        manifest, files = None, [(None, path)]

    checked, differences = 0, 0
    seen = np.zeros(3, dtype=np.int64)  # overflow, flushed, subnormal counted over all checks
    for index, (step, file) in enumerate(files):
        out = os.path.join(work, f"inspect-{index}")
        run([options.mpstudy, "inspect", file, "--format", ",".join(TARGETS), "--output", out])
        tensors = load_file(file)
        for row in csv.DictReader(open(os.path.join(out, "fits.csv"))):
            x = tensors[row["tensor"]].astype(np.float32)
            want = counts(x, row["target"])
            got = tuple(int(row[k]) for k in ("finite_nonzero", "overflow", "flushed", "subnormal"))
            checked += 1
            seen += want[1:]
            if want != got:
                differences += 1
                print(f"DIFF {file} {row['tensor']} {row['target']}: numpy {want}, mpstudy inspect {got}")
    if manifest is not None:
        for target in ("half", "bfloat16"):
            out = os.path.join(work, f"run-{target}")
            run([options.mpstudy, "inspect", "--run", path, "--format", target, "--output", out])
            rows = {(int(r["step"]), r["layer"], r["tensor"]): r for r in csv.DictReader(open(os.path.join(out, "layers.csv")))
                    if r["count"]}
            for step, file in files:
                for name, x in load_file(file).items():
                    layer, role = name.rsplit("/", 1)
                    r = rows.get((step, layer, ROLES[role]))
                    nonzero, overflow, flushed, subnormal = counts(x.astype(np.float32), target)
                    got = None if r is None else (int(r["overflow"]), int(r["underflow"]), int(r["subnormal"]))
                    checked += 1
                    if got != (overflow, flushed, subnormal):
                        differences += 1
                        print(f"DIFF --run {step} {name} {target}: numpy {(overflow, flushed, subnormal)}, "
                              f"mpstudy {got}")
    print(f"crosscheck-inspect-numpy: {checked} tensor x format counts compared with NumPy {np.__version__} and "
          f"ml_dtypes {ml_dtypes.__version__} (inspect: {seen[0]} overflows, {seen[1]} flushes, {seen[2]} "
          f"subnormals among them): {differences} differ")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
