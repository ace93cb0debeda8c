"""Trains tiny Keras 3 models (JAX backend) with mpstudy_capture.keras.CaptureCallback and checks the
capture from the outside (scripts/check-capture-keras.sh runs it in its pinned venv):

A. Dense 16-32(relu)-10(logits), RMSprop, 64 fixed random samples in batches of 16, 2 epochs,
   every=2: the manifest against the contract; the captured weights against the layers' own
   weights recorded by a separate callback at the same optimizer iteration (bit for bit); the
   outputs against a NumPy forward pass from the captured input/weight/bias; the gradients
   against the chain rule of softmax cross-entropy worked in float64 NumPy; the loss.
B. The same model, full batch (the probe batch is the training batch), SGD lr 0.1, every=1:
   weight(k+1) = weight(k) - 0.1 * weight_gradient(k), i.e. step k's weights are the ones step
   k computes with and step k's gradient is the one it applies.
C. mixed_float16: inputs/outputs/output gradients stored as float16, variables float32, the loss
   scale in the metadata and the output gradient equal to scale * dL/dlogits up to float16 rounding.
Then mpstudy inspect on a step file (and inspect --run on the folder when the binary has it).

Usage: python scripts/check-capture-keras.py MPSTUDY WORKDIR
"""

import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

from capture_oracle import (Checks, check_manifest, cross_entropy, f64, logits_gradient,  # noqa: E402
                            read_step, run_inspect)
from mpstudy_capture.keras import CaptureCallback  # noqa: E402

FRAMEWORK = f"keras {keras.__version__} (jax {jax.__version__})"


class WeightLog(keras.callbacks.Callback):
    """The layers' weights as Keras reports them (get_weights), by optimizer iteration."""

    def __init__(self):
        super().__init__()
        self.by_step = {}

    def _record(self):
        step = int(np.asarray(self.model.optimizer.iterations.value))
        self.by_step[step] = {layer.name: layer.get_weights() for layer in self.model.layers}

    def on_train_begin(self, logs=None):
        self._record()

    def on_train_batch_end(self, batch, logs=None):
        self._record()


def data(samples=64, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(samples, 16)).astype(np.float32), rng.integers(0, 10, size=samples).astype(np.int32)


def model(optimizer):
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32, activation="relu", name="hidden"),
                          keras.layers.Dense(10, name="logits")], name="tiny")
    m.compile(optimizer=optimizer, loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return m


def check_step_maths(check, t, x, y, label):
    """One step file of the 16-32-10 model against NumPy (Keras layout: kernel (in, out))."""
    check.equal(f"{label} hidden/input is the probe batch", t["hidden/input"], x)
    check.equal(f"{label} logits/input is hidden/output", t["logits/input"], t["hidden/output"])
    z1 = f64(t["hidden/input"]) @ f64(t["hidden/weight"]) + f64(t["hidden/bias"])
    check.close(f"{label} hidden/output = relu(x W + b)", t["hidden/output"], np.maximum(z1, 0), 1e-5, 1e-6)
    z2 = f64(t["logits/input"]) @ f64(t["logits/weight"]) + f64(t["logits/bias"])
    check.close(f"{label} logits/output = x W + b", t["logits/output"], z2, 1e-5, 1e-6)
    g2 = logits_gradient(t["logits/output"], y)
    check.close(f"{label} logits/output_gradient = (softmax - onehot)/N", t["logits/output_gradient"], g2, 1e-5, 1e-6)
    og2 = f64(t["logits/output_gradient"])
    check.close(f"{label} logits/weight_gradient = input^T G", t["logits/weight_gradient"],
                f64(t["logits/input"]).T @ og2, 1e-5, 1e-6)
    check.close(f"{label} logits/bias_gradient = sum G", t["logits/bias_gradient"], og2.sum(0), 1e-5, 1e-6)
    check.close(f"{label} hidden/output_gradient = G W^T", t["hidden/output_gradient"],
                og2 @ f64(t["logits/weight"]).T, 1e-5, 1e-6)
    d1 = f64(t["hidden/output_gradient"]) * (f64(t["hidden/output"]) > 0)
    check.close(f"{label} hidden/weight_gradient = x^T (G relu')", t["hidden/weight_gradient"],
                f64(t["hidden/input"]).T @ d1, 1e-5, 1e-6)
    check.close(f"{label} hidden/bias_gradient = sum G relu'", t["hidden/bias_gradient"], d1.sum(0), 1e-5, 1e-6)


def part_a(check, work):
    x, y = data()
    folder = os.path.join(work, "keras-a")
    m = model(keras.optimizers.RMSprop())
    log = WeightLog()
    probe = (x[:16], y[:16])
    m.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0,
          callbacks=[CaptureCallback(folder, every=2, batch=probe), log])
    manifest = check_manifest(check, folder, FRAMEWORK, ["hidden", "logits"], 2)
    check.that([s["step"] for s in manifest["steps"]] == [0, 2, 4, 6, 8], f"steps {manifest['steps']}")
    roles = ["input", "output", "output_gradient", "weight", "weight_gradient", "bias", "bias_gradient"]
    for entry in manifest["steps"]:
        t, metadata = read_step(os.path.join(folder, entry["file"]))
        label = entry["file"]
        check.that(sorted(t) == sorted(f"{l}/{r}" for l in ("hidden", "logits") for r in roles), f"{label}: {sorted(t)}")
        check.that(metadata.get("layout") == "keras" and "loss_scale" not in metadata, f"{label}: metadata {metadata}")
        for layer in ("hidden", "logits"):
            kernel, bias = log.by_step[entry["step"]][layer]
            check.equal(f"{label} {layer}/weight is the layer's kernel at step {entry['step']}", t[f"{layer}/weight"], kernel)
            check.equal(f"{label} {layer}/bias is the layer's bias at step {entry['step']}", t[f"{layer}/bias"], bias)
        check_step_maths(check, t, probe[0], probe[1], label)
        check.close(f"{label} loss", entry["loss"], cross_entropy(t["logits/output"], probe[1]), 1e-5)
    # The weights did change over training (a capture of constant weights would pass the above).
    first, last = (read_step(os.path.join(folder, s["file"]))[0] for s in (manifest["steps"][0], manifest["steps"][-1]))
    check.that(not np.array_equal(first["hidden/weight"], last["hidden/weight"]), "weights never changed")
    return folder, manifest["steps"][-1]["file"]


def part_b(check, work):
    x, y = data(32, seed=2)
    folder = os.path.join(work, "keras-b")
    m = model(keras.optimizers.SGD(learning_rate=0.1))
    m.fit(x, y, batch_size=32, epochs=3, shuffle=False, verbose=0,
          callbacks=[CaptureCallback(folder, every=1, batch=(x, y))])
    manifest = check_manifest(check, folder, FRAMEWORK, ["hidden", "logits"], 1)
    steps = [read_step(os.path.join(folder, s["file"]))[0] for s in manifest["steps"]]
    check.that(len(steps) == 4, f"{len(steps)} steps, expected 0..3")
    for k in range(3):
        for layer in ("hidden", "logits"):
            for role in ("weight", "bias"):
                want = f64(steps[k][f"{layer}/{role}"]) - 0.1 * f64(steps[k][f"{layer}/{role}_gradient"])
                check.close(f"step {k + 1} {layer}/{role} = step {k} {role} - 0.1 * gradient",
                            steps[k + 1][f"{layer}/{role}"], want, 1e-6, 1e-6)


def part_c(check, work):
    x, y = data(32, seed=3)
    folder = os.path.join(work, "keras-c")
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        m = model(keras.optimizers.RMSprop())
        m.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0,
              callbacks=[CaptureCallback(folder, every=1, batch=(x[:16], y[:16]))])
    finally:
        keras.mixed_precision.set_global_policy("float32")
    manifest = check_manifest(check, folder, FRAMEWORK, ["hidden", "logits"], 1)
    t, metadata = read_step(os.path.join(folder, manifest["steps"][-1]["file"]))
    for name, array in sorted(t.items()):
        want = np.float32 if name.rsplit("/", 1)[1].startswith(("weight", "bias")) else np.float16
        check.that(array.dtype == want, f"mixed_float16 {name} is {array.dtype}, expected {np.dtype(want)}")
    scale = float(metadata.get("loss_scale", "nan"))
    check.that(scale >= 1 and np.log2(scale) == int(np.log2(scale)), f"loss_scale {metadata.get('loss_scale')!r}")
    check.that(manifest["steps"][-1].get("loss_scale") == scale,
               f"manifest loss_scale {manifest['steps'][-1].get('loss_scale')!r}, step file {scale!r}")
    # float16 result of a float32 computation: within half an ulp of float16 (2^-11 relative),
    # plus float16's smallest subnormal 2^-24 for the tiny entries.
    want = scale * logits_gradient(t["logits/output"], y[:16])
    check.close("mixed_float16 logits/output_gradient = scale (softmax - onehot)/N", t["logits/output_gradient"],
                want, 2.0 ** -10, 2.0 ** -24 / max(np.max(np.abs(want)), 1e-30))
    print(f"  mixed_float16: loss scale {scale:g}, {len(t)} tensors, dtypes as the policy has them")


def main():
    mpstudy, work = sys.argv[1], sys.argv[2]
    check = Checks("check-capture-keras")
    start = time.monotonic()
    folder, last = part_a(check, work)
    print(f"  A (RMSprop, probe batch): {check.count} checks passed")
    part_b(check, work)
    print(f"  B (full-batch SGD, step semantics): {check.count} checks passed so far")
    part_c(check, work)
    run_inspect(check, mpstudy, folder, last)
    print(f"check-capture-keras: {check.count} checks passed ({FRAMEWORK}, {time.monotonic() - start:.1f} s)")


if __name__ == "__main__":
    main()
