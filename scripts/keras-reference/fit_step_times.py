"""Times Keras `fit` steps of the blog's model, for scripts/bench-vs-keras.sh.

The blog's model and settings (DESIGN.md, "The case study"): 784 -> Dense 4096 relu ->
Dense 4096 relu -> Dense 10 -> softmax (float32), sparse categorical cross-entropy,
RMSprop() defaults, batch 8192, validation_split 0.2, pixels / 255 as float32, on the real
MNIST data of the repository (Data/mnist, the same IDX .gz files mpstudy reads), under the
policy `float32` or `mixed_float16` (Keras's own mixed precision on the CPU).

A step's time is the wall time from the end of the previous training batch to the end of this
one (callbacks), so it covers everything `fit` does per step; the first step of each epoch
is left out (the first one builds and traces the train function; later epochs' first steps
follow the validation pass). Prints one JSON line:
{"policy": ..., "ms_per_step": mean of the kept steps, "steps": [...], "tensorflow": ..., "keras": ...}

    .venv-keras/bin/python scripts/keras-reference/fit_step_times.py --policy mixed_float16 --epochs 1
"""
import argparse, gzip, json, os, time
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--policy", choices=["float32", "mixed_float16"], default="float32")
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--steps", type=int, default=0,
                    help="steps per epoch (0: the whole training split, 6 steps of 8192)")
parser.add_argument("--batch-size", type=int, default=8192)
parser.add_argument("--units", type=int, default=4096)
parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "Data", "mnist"))
args = parser.parse_args()

import tensorflow as tf
import keras
from keras import layers


def idx(name):
    data = gzip.open(os.path.join(args.data, name)).read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


class StepTimes(keras.callbacks.Callback):
    """Wall time between consecutive training-batch ends inside each epoch."""

    def __init__(self):
        super().__init__()
        self.steps, self.last = [], None

    def on_epoch_begin(self, epoch, logs=None):
        self.last = None

    def on_train_batch_end(self, batch, logs=None):
        now = time.perf_counter()
        if self.last is not None:
            self.steps.append(now - self.last)
        self.last = now


keras.mixed_precision.set_global_policy(args.policy)
x = idx("train-images-idx3-ubyte.gz").reshape(60000, 784).astype("float32") / 255
y = idx("train-labels-idx1-ubyte.gz").astype("int64")
inputs = keras.Input(shape=(784,))
h = layers.Dense(args.units, activation="relu", name="dense_1")(inputs)
h = layers.Dense(args.units, activation="relu", name="dense_2")(h)
h = layers.Dense(10, name="dense_logits")(h)
outputs = layers.Activation("softmax", dtype="float32", name="predictions")(h)
model = keras.Model(inputs, outputs)
model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.RMSprop(), metrics=["accuracy"])
timer = StepTimes()
model.fit(x, y, batch_size=args.batch_size, epochs=args.epochs, validation_split=0.2, verbose=0, callbacks=[timer],
          steps_per_epoch=args.steps or None)
print(json.dumps({
    "policy": args.policy,
    "ms_per_step": 1000 * sum(timer.steps) / max(len(timer.steps), 1),
    "steps": [round(1000 * s, 1) for s in timer.steps],
    "tensorflow": tf.__version__,
    "keras": keras.__version__,
}))
