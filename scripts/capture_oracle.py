"""Shared by scripts/check-capture-keras.py and scripts/check-capture-torch.py: the capture
folder's contract checked from the outside, float comparisons that print the worst element in
hex, and the mathematics of a small dense classifier (softmax cross-entropy) in float64 NumPy."""

import json
import os
import re
import subprocess
import sys

import numpy as np
from safetensors import safe_open

ROLES = {"input", "weight", "bias", "output", "output_gradient", "weight_gradient", "bias_gradient",
         "forward_output", "pre_activation_gradient", "input_gradient", "weight_update", "bias_update"}


class Checks:
    """Counts checks; a failing one raises AssertionError with its message."""

    def __init__(self, name):
        self.name = name
        self.count = 0

    def that(self, condition, message):
        self.count += 1
        if not condition:
            raise AssertionError(f"{self.name}: {message}")

    def equal(self, label, got, want):
        """Bit-identical arrays of the same dtype and shape."""
        got, want = np.asarray(got), np.asarray(want)
        self.that(got.dtype == want.dtype and got.shape == want.shape,
                  f"{label}: {got.dtype}{got.shape}, expected {want.dtype}{want.shape}")
        width = f"u{got.dtype.itemsize}"
        diff = np.flatnonzero(got.view(width).ravel() != want.view(width).ravel())
        self.that(diff.size == 0, f"{label}: element {diff[:1]} is {_describe(got, diff)}, expected "
                  f"{_describe(want, diff)}" if diff.size else "")

    def close(self, label, got, want, rtol, atol_fraction=None):
        """|got - want| <= rtol * |want| + atol_fraction * max|want| elementwise (want in float64)."""
        got = np.asarray(got)
        want = np.asarray(want, dtype=np.float64)
        self.that(got.shape == want.shape, f"{label}: shape {got.shape}, expected {want.shape}")
        atol = (atol_fraction if atol_fraction is not None else rtol) * float(np.max(np.abs(want), initial=0))
        excess = np.abs(got.astype(np.float64) - want) - (rtol * np.abs(want) + atol)
        worst = int(np.argmax(excess)) if excess.size else 0
        self.that(excess.size == 0 or excess.ravel()[worst] <= 0,
                  f"{label}: element {worst} is {_describe(got, [worst])}, expected {float(want.ravel()[worst])!r} "
                  f"(rtol {rtol}, atol {atol:.3g})" if excess.size else "")


def _describe(array, indices):
    """The first listed element's value and bit pattern, e.g. '0.5 (0x3f000000)'."""
    if len(indices) == 0:
        return "-"
    value = np.asarray(array).ravel()[indices[0]]
    bits = np.asarray(value).view(f"u{np.asarray(value).dtype.itemsize}")
    return f"{float(value)!r} ({int(bits):#x})"


def read_step(path):
    """(tensors name -> array, metadata) of a step file, read by the official safetensors package
    (BF16 as ml_dtypes.bfloat16: importing ml_dtypes registers that NumPy type)."""
    import ml_dtypes  # noqa: F401
    with safe_open(path, "np") as file:
        return {name: file.get_tensor(name) for name in file.keys()}, file.metadata() or {}


def check_manifest(check, folder, framework_prefix, layers, every):
    """The manifest against docs/capture-format.md and what the run was told; returns it."""
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as file:
        manifest = json.load(file)
    check.that(manifest.get("mpstudy_capture") == 1, f"mpstudy_capture is {manifest.get('mpstudy_capture')!r}")
    check.that(str(manifest.get("framework", "")).startswith(framework_prefix),
               f"framework {manifest.get('framework')!r} does not start with {framework_prefix!r}")
    check.that(isinstance(manifest.get("model"), str), "model is not a string")
    check.that(manifest.get("every") == every, f"every is {manifest.get('every')!r}, expected {every}")
    check.that(manifest.get("layers") == layers, f"layers {manifest.get('layers')}, expected {layers}")
    steps = manifest.get("steps")
    check.that(isinstance(steps, list) and steps, "steps is not a non-empty list")
    numbers = [entry["step"] for entry in steps]
    check.that(all(isinstance(n, int) and n >= 0 for n in numbers) and numbers == sorted(set(numbers)),
               f"steps {numbers} are not distinct increasing non-negative integers")
    check.that(all(n % every == 0 for n in numbers), f"steps {numbers} are not multiples of every={every}")
    files = sorted(os.listdir(folder))
    for entry in steps:
        name = entry["file"]
        check.that(re.fullmatch(r"[^/.][^/]*\.safetensors", name) is not None and ".." not in name,
                   f"file {name!r} is not a plain .safetensors name")
        check.that(name in files, f"{name} is listed but not in the folder")
        check.that(set(entry) <= {"step", "file", "loss", "loss_scale"}, f"unexpected keys in {entry}")
        tensors, metadata = read_step(os.path.join(folder, name))
        check.that(metadata.get("step") == str(entry["step"]), f"{name}: metadata step {metadata.get('step')!r}")
        if "loss_scale" in entry or "loss_scale" in metadata:
            check.that(float(metadata.get("loss_scale", "nan")) == entry.get("loss_scale"),
                       f"{name}: loss_scale {metadata.get('loss_scale')!r} in the file, {entry.get('loss_scale')!r} in the manifest")
        for tensor in tensors:
            layer, _, role = tensor.rpartition("/")
            check.that(layer in layers and role in ROLES, f"{name}: tensor {tensor!r} is not <layer>/<role>")
    check.that(not [f for f in files if f.endswith(".tmp")], f"temporary files left: {files}")
    return manifest


def softmax(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(logits, labels):
    """Mean softmax cross-entropy over the batch, float64."""
    p = softmax(logits)
    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))


def logits_gradient(logits, labels):
    """dL/dlogits of the mean softmax cross-entropy: (softmax(z) - onehot(y)) / N."""
    g = softmax(logits)
    g[np.arange(len(labels)), labels] -= 1.0
    return g / len(labels)


def f64(a):
    return np.asarray(a, dtype=np.float64)


def run_inspect(check, mpstudy, folder, step_file):
    """`mpstudy inspect` on one step file (every tensor must appear in its JSON report), then
    `mpstudy inspect --run` on the folder and scripts/crosscheck-inspect-numpy.py on it."""
    report = os.path.join(folder + "-inspect")
    command = [mpstudy, "inspect", os.path.join(folder, step_file), "--format", "half,bfloat16,e4m3,mxfp4",
               "--output", report]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    check.that(done.returncode == 0, f"{' '.join(command)} failed: {done.stderr.strip()}")
    print("\n".join(done.stdout.splitlines()[:6]) + "\n  ...")
    with open(os.path.join(report, "inspect.json"), encoding="utf-8") as file:
        names = {t["name"] for t in json.load(file)["tensors"]}
    tensors, _ = read_step(os.path.join(folder, step_file))
    check.that(names == set(tensors), f"inspect reported {sorted(names)}, the file holds {sorted(tensors)}")
    # The whole folder as a captured run, its counts checked against NumPy and ml_dtypes by the
    # independent cross-check (float16, bfloat16 and float8_e4m3fn of every tensor of every step).
    command = [mpstudy, "inspect", "--run", folder]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    check.that(done.returncode == 0, f"{' '.join(command)} failed: {done.stderr.strip()}")
    print(f"$ mpstudy inspect --run {folder}: exit 0, {len(done.stdout.splitlines())} lines")
    crosscheck = os.path.join(os.path.dirname(os.path.abspath(__file__)), "crosscheck-inspect-numpy.py")
    done = subprocess.run([sys.executable, crosscheck, mpstudy, folder], capture_output=True, text=True)
    check.that(done.returncode == 0, f"crosscheck-inspect-numpy on {folder} failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    print("\n".join("  " + line for line in done.stdout.strip().splitlines()[-3:]))
