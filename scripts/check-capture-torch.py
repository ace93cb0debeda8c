"""Trains tiny PyTorch models with mpstudy_capture.torch.Capture and checks the capture from the
outside (scripts/check-capture-torch.sh runs it in its pinned venv):

A. Linear 16-32, ReLU, Linear 32-10 (logits), cross-entropy, Adam, 64 fixed random samples in
   batches of 16, 2 epochs, every=2, an evaluation pass under no_grad between steps (it must be
   ignored): the manifest against the contract; each step's input against the training batch
   of that step; weights and .grad against copies taken by a separate step pre-hook registered
   before Capture's (bit for bit); outputs against a NumPy forward pass; gradients against the
   chain rule of softmax cross-entropy in float64 NumPy (PyTorch layout: weight (out, in)).
B. Full batch SGD lr 0.1, every=1: weight(k+1) = weight(k) - 0.1 * weight_gradient(k).
C. bfloat16 autocast on the CPU: outputs stored as BF16 (checked by reading the header), and
   close() removes every hook (no step file after it).
Then mpstudy inspect on a step file (and inspect --run on the folder when the binary has it).

Usage: python scripts/check-capture-torch.py MPSTUDY WORKDIR
"""

import json
import os
import struct
import sys
import time

import numpy as np
import torch

from capture_oracle import Checks, check_manifest, f64, logits_gradient, read_step, run_inspect
from mpstudy_capture.torch import Capture

FRAMEWORK = f"torch {torch.__version__}"
LAYERS = ["0", "2"]


def data(samples, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(samples, 16, generator=g), torch.randint(0, 10, (samples,), generator=g)


def model():
    torch.manual_seed(1)
    return torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))


def check_step_maths(check, t, x, y, label):
    """One step file of the 16-32-10 model against NumPy: layer "0" outputs Z (its ReLU is a
    separate module), so its output gradient is dL/dZ."""
    check.equal(f"{label} 0/input is the training batch", t["0/input"], x)
    check.equal(f"{label} 2/input is relu(0/output)", t["2/input"], np.maximum(t["0/output"], np.float32(0)))
    z1 = f64(t["0/input"]) @ f64(t["0/weight"]).T + f64(t["0/bias"])
    check.close(f"{label} 0/output = x W^T + b", t["0/output"], z1, 1e-5, 1e-6)
    z2 = f64(t["2/input"]) @ f64(t["2/weight"]).T + f64(t["2/bias"])
    check.close(f"{label} 2/output = x W^T + b", t["2/output"], z2, 1e-5, 1e-6)
    g2 = f64(t["2/output_gradient"])
    check.close(f"{label} 2/output_gradient = (softmax - onehot)/N", g2, logits_gradient(t["2/output"], y), 1e-5, 1e-6)
    check.close(f"{label} 2/weight_gradient = G^T x", t["2/weight_gradient"], g2.T @ f64(t["2/input"]), 1e-5, 1e-6)
    check.close(f"{label} 2/bias_gradient = sum G", t["2/bias_gradient"], g2.sum(0), 1e-5, 1e-6)
    check.close(f"{label} 2/input_gradient = G W", t["2/input_gradient"], g2 @ f64(t["2/weight"]), 1e-5, 1e-6)
    g1 = f64(t["2/input_gradient"]) * (f64(t["0/output"]) > 0)
    check.close(f"{label} 0/output_gradient = (G W) relu'", t["0/output_gradient"], g1, 1e-5, 1e-6)
    check.close(f"{label} 0/weight_gradient = G^T x", t["0/weight_gradient"], g1.T @ f64(t["0/input"]), 1e-5, 1e-6)
    check.close(f"{label} 0/bias_gradient = sum G", t["0/bias_gradient"], g1.sum(0), 1e-5, 1e-6)


def part_a(check, work):
    x, y = data(64, 0)
    folder = os.path.join(work, "torch-a")
    m = model()
    optimizer = torch.optim.Adam(m.parameters(), lr=0.01)
    seen = {}

    def copy_parameters(opt, args, kwargs):  # registered first, so it runs before Capture's
        seen[len(seen)] = {name: (p.detach().numpy().copy(), p.grad.numpy().copy()) for name, p in m.named_parameters()}

    optimizer.register_step_pre_hook(copy_parameters)
    capture = Capture(m, folder, every=2, optimizer=optimizer)
    batches = {}
    step = 0
    for _ in range(2):
        for i in range(0, 64, 16):
            xb, yb = x[i:i + 16], y[i:i + 16]
            batches[step] = (xb.numpy(), yb.numpy())
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(m(xb), yb).backward()
            with torch.no_grad():
                m(x[:5])  # an evaluation pass: must not replace the training batch's tensors
            optimizer.step()
            step += 1
    capture.close()
    manifest = check_manifest(check, folder, FRAMEWORK, LAYERS, 2)
    check.that([s["step"] for s in manifest["steps"]] == [0, 2, 4, 6], f"steps {manifest['steps']}")
    roles = ["input", "output", "output_gradient", "weight", "weight_gradient", "bias", "bias_gradient"]
    for entry in manifest["steps"]:
        k = entry["step"]
        t, metadata = read_step(os.path.join(folder, entry["file"]))
        label = entry["file"]
        want = sorted([f"{l}/{r}" for l in LAYERS for r in roles] + ["2/input_gradient"])
        check.that(sorted(t) == want, f"{label}: {sorted(t)}, expected {want}")
        check.that(metadata.get("layout") == "torch", f"{label}: metadata {metadata}")
        for layer in LAYERS:
            for role in ("weight", "bias"):
                value, grad = seen[k][f"{layer}.{role}"]
                check.equal(f"{label} {layer}/{role} before update {k}", t[f"{layer}/{role}"], value)
                check.equal(f"{label} {layer}/{role}_gradient is .grad at update {k}", t[f"{layer}/{role}_gradient"], grad)
        check_step_maths(check, t, batches[k][0], batches[k][1], label)
    return folder, manifest["steps"][-1]["file"]


def part_b(check, work):
    x, y = data(32, 2)
    folder = os.path.join(work, "torch-b")
    m = model()
    optimizer = torch.optim.SGD(m.parameters(), lr=0.1)
    with Capture(m, folder, every=1, optimizer=optimizer):
        for _ in range(4):
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(m(x), y).backward()
            optimizer.step()
    manifest = check_manifest(check, folder, FRAMEWORK, LAYERS, 1)
    steps = [read_step(os.path.join(folder, s["file"]))[0] for s in manifest["steps"]]
    check.that(len(steps) == 4, f"{len(steps)} steps, expected 0..3")
    for k in range(3):
        for layer in LAYERS:
            for role in ("weight", "bias"):
                want = f64(steps[k][f"{layer}/{role}"]) - 0.1 * f64(steps[k][f"{layer}/{role}_gradient"])
                check.close(f"step {k + 1} {layer}/{role} = step {k} {role} - 0.1 * gradient",
                            steps[k + 1][f"{layer}/{role}"], want, 1e-6, 1e-6)


def header(path):
    with open(path, "rb") as file:
        length = struct.unpack("<Q", file.read(8))[0]
        return json.loads(file.read(length))


def part_c(check, work):
    x, y = data(16, 3)
    folder = os.path.join(work, "torch-c")
    m = model()
    optimizer = torch.optim.SGD(m.parameters(), lr=0.1)
    capture = Capture(m, folder, every=1, optimizer=optimizer)
    for _ in range(2):
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16):
            loss = torch.nn.functional.cross_entropy(m(x), y)
        loss.backward()
        optimizer.step()
    capture.close()
    optimizer.zero_grad()
    torch.nn.functional.cross_entropy(m(x), y).backward()
    optimizer.step()  # after close(): no step file
    manifest = check_manifest(check, folder, FRAMEWORK, LAYERS, 1)
    check.that([s["step"] for s in manifest["steps"]] == [0, 1], f"steps after close(): {manifest['steps']}")
    h = header(os.path.join(folder, manifest["steps"][0]["file"]))
    for name in ("0/output", "2/output", "2/output_gradient"):
        check.that(h[name]["dtype"] == "BF16", f"autocast {name} is {h[name]['dtype']}, expected BF16")
    check.that(h["0/weight"]["dtype"] == "F32", f"autocast 0/weight is {h['0/weight']['dtype']}")
    check.that(os.listdir(folder).count("step-00000002.safetensors") == 0, "a step file was written after close()")
    print(f"  bfloat16 autocast: {sorted(n for n in h if n != '__metadata__' and h[n]['dtype'] == 'BF16')} stored as BF16")
    return folder


def main():
    mpstudy, work = sys.argv[1], sys.argv[2]
    check = Checks("check-capture-torch")
    start = time.monotonic()
    folder, last = part_a(check, work)
    print(f"  A (Adam, training batches, eval pass ignored): {check.count} checks passed")
    part_b(check, work)
    print(f"  B (full-batch SGD, step semantics): {check.count} checks passed so far")
    bf16_folder = part_c(check, work)
    run_inspect(check, mpstudy, folder, last)
    run_inspect(check, mpstudy, bf16_folder, "step-00000000.safetensors")
    print(f"check-capture-torch: {check.count} checks passed ({FRAMEWORK}, {time.monotonic() - start:.1f} s)")


if __name__ == "__main__":
    main()
