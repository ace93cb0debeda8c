"""A safetensors writer in pure NumPy (no dependency on the `safetensors` package).

File layout (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of JSON
mapping each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets into the
byte buffer after the header) plus a "__metadata__" map of strings, then the byte buffer. The
header is padded with spaces to a multiple of 8 and tensors are laid out by decreasing element
size, so every tensor starts 8-byte aligned, as the reference writer does.
"""

import json
import os
import tempfile

import numpy as np

__all__ = ["BFloat16Bits", "safetensors_dtype", "encode", "write_atomically", "save_file"]


class BFloat16Bits:
    """A bfloat16 tensor given by its 16-bit patterns (a uint16 or int16 array): how a framework
    without a NumPy bfloat16 type (torch) hands one over, e.g. `t.view(torch.int16).numpy()`."""

    def __init__(self, bits):
        bits = np.asarray(bits)
        if bits.dtype not in (np.dtype(np.uint16), np.dtype(np.int16)):
            raise TypeError(f"BFloat16Bits takes uint16 or int16 bit patterns, not {bits.dtype}")
        self.bits = bits.view(np.uint16)

    @property
    def shape(self):
        return self.bits.shape


# NumPy dtype name -> safetensors dtype. "bfloat16" is ml_dtypes' type (what JAX arrays convert to).
_DTYPES = {"float16": "F16", "float32": "F32", "float64": "F64", "bfloat16": "BF16"}


def safetensors_dtype(array):
    """The safetensors dtype ("F16", "BF16", "F32", "F64") of an array or BFloat16Bits; a
    TypeError naming the type for anything else (integers, complex, FP8, objects)."""
    if isinstance(array, BFloat16Bits):
        return "BF16"
    dtype = getattr(array, "dtype", None)
    name = getattr(dtype, "name", None)
    if name not in _DTYPES:
        raise TypeError(f"dtype {dtype} is not written (only float16, bfloat16, float32, float64)")
    return _DTYPES[name]


def _little_endian_bytes(array):
    """The C-order little-endian bytes of a float array or BFloat16Bits."""
    if isinstance(array, BFloat16Bits):
        return np.ascontiguousarray(array.bits, dtype="<u2").tobytes()
    if array.dtype.name == "bfloat16":
        # ml_dtypes' bfloat16 is a native-order 2-byte type: write its bit patterns.
        return np.ascontiguousarray(array).view(np.uint16).astype("<u2", copy=False).tobytes()
    return np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()


def encode(tensors, metadata=None):
    """The bytes of a safetensors file holding `tensors` (name -> array) and `metadata`
    (str -> str). Names must be non-empty strings other than "__metadata__"."""
    if metadata is not None:
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
            raise TypeError("safetensors metadata maps strings to strings")
    entries = []
    for name, array in tensors.items():
        if not isinstance(name, str) or not name or name == "__metadata__":
            raise ValueError(f"tensor name {name!r} is not allowed")
        if not isinstance(array, BFloat16Bits):
            array = np.asarray(array)
        dtype = safetensors_dtype(array)
        entries.append((name, dtype, list(array.shape), _little_endian_bytes(array)))
    # Larger elements first, then by name: each tensor starts aligned to its element size.
    size = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2}
    entries.sort(key=lambda e: (-size[e[1]], e[0]))
    header = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    offset = 0
    for name, dtype, shape, data in entries:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return b"".join([len(text).to_bytes(8, "little"), text, *(e[3] for e in entries)])


def write_atomically(path, data, temp_prefix=".mpstudy-capture-"):
    """Writes `data` to `path` through a temporary file in the same folder, flushed to disk and
    renamed over `path` (os.replace): a reader sees the old file or the whole new one, and an
    interrupted write leaves no temporary file behind."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temp = tempfile.mkstemp(dir=folder, prefix=temp_prefix, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def save_file(tensors, path, metadata=None):
    """Writes `tensors` (name -> float array) to the safetensors file `path`, atomically."""
    write_atomically(path, encode(tensors, metadata))
