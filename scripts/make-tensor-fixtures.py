#!/usr/bin/env python3
"""Writes the small tensor files of Tests/TensorFilesTests/Fixtures with real NumPy and safetensors,
so the Swift readers are tested against files the reference implementations wrote.

Run: python3 -m venv /tmp/insp-venv && /tmp/insp-venv/bin/pip install numpy safetensors
     /tmp/insp-venv/bin/python scripts/make-tensor-fixtures.py Tests/TensorFilesTests/Fixtures
(numpy 2.4.6 and safetensors 0.8.0 made the committed files). The values are exact in every
type written (small binary fractions), so the tests state them directly.
"""
import io
import os
import sys

import numpy as np
from numpy.lib import format as npy_format
from safetensors import TensorSpec, serialize
from safetensors.numpy import save_file

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

# 2 x 3 values, row-major: exact in float16 (and so in every wider type).
base = np.array([[1.0, -2.5, 0.375], [65504.0, 2.0**-24, -0.0]])


def save_npy(name, array, version=None):
    with open(os.path.join(out, name), "wb") as f:
        npy_format.write_array(f, array, version=version)


save_npy("f32-c.npy", base.astype("<f4"))
save_npy("f64-be-fortran.npy", np.asfortranarray(base.astype(">f8")))
save_npy("f16-be.npy", base.astype(">f2"))
save_npy("f32-fortran-3d.npy", np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 4)))
save_npy("f32-v2.npy", base.astype("<f4"), version=(2, 0))
save_npy("f16-v3.npy", base.astype("<f2"), version=(3, 0))
save_npy("scalar-f8.npy", np.array(0.1, dtype="<f8"))
save_npy("i32.npy", np.arange(4, dtype="<i4"))

np.savez(os.path.join(out, "stored.npz"), weights=base.astype("<f4"), bias=np.array([0.5, -1.0], dtype=">f8"))
np.savez_compressed(
    os.path.join(out, "deflated.npz"), weights=base.astype("<f2"), zeros=np.zeros((64, 64), dtype="<f4"))

save_file(
    {"w16": base.astype(np.float16), "w32": base.astype(np.float32), "w64": base.astype(np.float64)},
    os.path.join(out, "numpy.safetensors"),
    metadata={"format": "np"})

# bfloat16 and FP8 through safetensors' own serializer (NumPy has no such dtypes): the raw
# little-endian bit patterns given with safetensors' dtype names.
bf16 = np.array([0x3F80, 0xC020, 0x3EC0, 0x477F, 0x0001, 0x8000], dtype="<u2")  # 1, -2.5, 0.375, 65280, 2^-133, -0
e4m3 = np.array([0x38, 0xC2, 0x2C, 0x7E, 0x01, 0x80, 0x7F], dtype="u1")  # 1, -2.5, 0.375, 448, 2^-9, -0, NaN
e5m2 = np.array([0x3C, 0xC1, 0x36, 0x7B, 0x01, 0x7C], dtype="u1")  # 1, -2.5, 0.375, 57344, 2^-16, inf
specs = {}
for name, array, dtype in [("bf16", bf16, "bfloat16"), ("e4m3", e4m3, "float8_e4m3fn"), ("e5m2", e5m2, "float8_e5m2")]:
    specs[name] = TensorSpec(dtype=dtype, shape=array.shape, data_ptr=array.ctypes.data, data_len=array.nbytes)
with open(os.path.join(out, "narrow.safetensors"), "wb") as f:
    f.write(bytes(serialize(specs, metadata=None)))

i32 = np.arange(3, dtype="<i4")
with open(os.path.join(out, "int.safetensors"), "wb") as f:
    f.write(bytes(serialize({"ids": TensorSpec(dtype="int32", shape=i32.shape, data_ptr=i32.ctypes.data,
                                                data_len=i32.nbytes)}, metadata=None)))

# What mpstudy's SafetensorsWriter must reproduce byte for byte (SafetensorsWriterTests): float32,
# float16 and bfloat16 tensors named <layer>/<role> as a capture step file names them, one
# metadata key (safetensors writes a metadata map in hash order, so one key keeps it fixed).
f32 = base.astype("<f4")
f16 = base.reshape(6).astype("<f2")
written = {"dense_1/output": ("float32", f32), "dense_1/weight": ("float16", f16),
           "predictions/output_gradient": ("bfloat16", bf16.reshape(3, 2))}
specs = {name: TensorSpec(dtype=dtype, shape=array.shape, data_ptr=array.ctypes.data, data_len=array.nbytes)
         for name, (dtype, array) in written.items()}
with open(os.path.join(out, "written.safetensors"), "wb") as f:
    f.write(bytes(serialize(specs, metadata={"step": "3"})))
