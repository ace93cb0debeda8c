"""The oracle of Tests/NeuralNetTests/KerasReferenceTests.swift: real Keras 3 (TensorFlow
backend) trains the case-study model shape with 64 units per hidden layer, from initial
weights both sides compute from one formula, on the first 6,000 MNIST training images in
batches of 1,000 taken in order (no shuffling), for 12 steps; it prints each step's batch loss.

    python3 -m venv /tmp/k && /tmp/k/bin/pip install tensorflow-cpu==2.20.0
    /tmp/k/bin/python scripts/keras-reference/step_losses.py

Ran with TensorFlow 2.20.0 and Keras 3.15.1; CI does not run it (TensorFlow is large), the
Swift test carries its output.
"""
import gzip, math, os
import numpy as np
import keras
from keras import layers

UNITS, BATCH, SAMPLES, STEPS = 64, 1000, 6000, 12
DATA = os.path.join(os.path.dirname(__file__), "..", "..", "Data", "mnist")


def idx(name):
    data = gzip.open(os.path.join(DATA, name)).read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def kernel(layer, fan_in, fan_out):
    """w[i][j] = ((k / 100) * 2 - 1) * limit with k = (31 i + 17 j + 7 layer) mod 101, in
    binary64, rounded once to float32: the Swift test computes the same bits."""
    limit = math.sqrt(6 / (fan_in + fan_out))
    i = np.arange(fan_in)[:, None]
    j = np.arange(fan_out)[None, :]
    k = (31 * i + 17 * j + 7 * layer) % 101
    return (((k / 100.0) * 2 - 1) * limit).astype(np.float32)


x = idx("train-images-idx3-ubyte.gz").reshape(60000, 784)[:SAMPLES].astype("float32") / 255
y = idx("train-labels-idx1-ubyte.gz")[:SAMPLES].astype("int64")
inputs = keras.Input(shape=(784,))
h = layers.Dense(UNITS, activation="relu", name="dense_1")(inputs)
h = layers.Dense(UNITS, activation="relu", name="dense_2")(h)
h = layers.Dense(10, name="dense_logits")(h)
outputs = layers.Activation("softmax", dtype="float32", name="predictions")(h)
model = keras.Model(inputs, outputs)
model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.RMSprop(), metrics=["accuracy"])
for index, (name, fan_in, fan_out) in enumerate([("dense_1", 784, UNITS), ("dense_2", UNITS, UNITS), ("dense_logits", UNITS, 10)]):
    model.get_layer(name).set_weights([kernel(index, fan_in, fan_out), np.zeros(fan_out, np.float32)])
losses = []
for step in range(STEPS):
    batch = step % (SAMPLES // BATCH)
    result = model.train_on_batch(x[batch * BATCH:(batch + 1) * BATCH], y[batch * BATCH:(batch + 1) * BATCH], return_dict=True)
    losses.append(result["loss"])
print("keras", keras.__version__)
print("[" + ", ".join(f"{loss:.7g}" for loss in losses) + "]")
