"""The pure-NumPy safetensors writer against two independent readers: the official `safetensors`
package (pinned in the test venv) and a real `mpstudy inspect` ($MPSTUDY, or the debug build that
`swift test` leaves at .build/debug/mpstudy)."""

import json
import os
import struct
import subprocess
from pathlib import Path

import ml_dtypes  # noqa: F401  registers NumPy's "bfloat16", the type safetensors.numpy reads BF16 as
import numpy as np
import pytest
from safetensors import safe_open
from safetensors.numpy import load_file

from mpstudy_capture.safetensors import BFloat16Bits, encode, save_file

ROOT = Path(__file__).resolve().parents[2]


def mpstudy():
    path = Path(os.environ.get("MPSTUDY") or ROOT / ".build" / "debug" / "mpstudy")
    assert path.is_file() and os.access(path, os.X_OK), (
        f"no mpstudy binary at {path}: run `swift build --product mpstudy` or set MPSTUDY")
    return str(path)


def bits(array):
    """The raw bit patterns of a float array, for exact comparison (NaN and -0.0 included)."""
    return np.ascontiguousarray(array).view(f"u{array.dtype.itemsize}")


# Hand-picked values per type (decimal and their bit patterns by IEEE 754): signed zero, the
# smallest subnormal, the largest finite, infinities, a NaN, and plain values.
F16_BITS = [0x0000, 0x8000, 0x0001, 0x3C00, 0xBC00, 0x7BFF, 0x7C00, 0xFC00, 0x7E00]
F32_BITS = [0x00000000, 0x80000000, 0x00000001, 0x3F800000, 0x7F7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000]
F64_BITS = [0, 0x8000000000000000, 1, 0x3FF0000000000000, 0x7FEFFFFFFFFFFFFF, 0x7FF0000000000000, 0x7FF8000000000000]
BF16_BITS = [0x0000, 0x8000, 0x0001, 0x3F80, 0x7F7F, 0x7F80, 0xFF80, 0x7FC0]


def sample_tensors():
    return {
        "layer/input": np.array(F16_BITS, dtype=np.uint16).view(np.float16).reshape(3, 3),
        "layer/weight": np.array(F32_BITS, dtype=np.uint32).view(np.float32).reshape(2, 4),
        "layer/bias": np.array(F64_BITS, dtype=np.uint64).view(np.float64),
        "other/output": BFloat16Bits(np.array(BF16_BITS, dtype=np.uint16).reshape(4, 2)),
        "other/weight": np.zeros((0, 3), dtype=np.float32),
    }


def test_official_reader_gets_every_bit_back(tmp_path):
    path = tmp_path / "t.safetensors"
    save_file(sample_tensors(), path, metadata={"step": "10", "layout": "keras"})
    back = load_file(str(path))
    assert sorted(back) == sorted(sample_tensors())
    for name, array in sample_tensors().items():
        expected = array.bits if isinstance(array, BFloat16Bits) else bits(array)
        got = back[name]
        assert got.shape == expected.shape, name
        got_bits = got.view(np.uint16) if isinstance(array, BFloat16Bits) else bits(got)
        mismatch = np.flatnonzero(got_bits.ravel() != expected.ravel())
        if mismatch.size:
            i = mismatch[0]
            raise AssertionError(f"{name}: element {i} reads {int(got_bits.ravel()[i]):#x}, "
                                 f"written {int(expected.ravel()[i]):#x}")
    with safe_open(str(path), "np") as file:
        assert file.metadata() == {"step": "10", "layout": "keras"}
        assert sorted(file.keys()) == sorted(sample_tensors())


def test_ml_dtypes_bfloat16_and_big_endian_inputs(tmp_path):
    # 1.5 is 0x3FC0 in bfloat16 (sign 0, exponent 127, fraction 0b1000000); -2 is 0xC000.
    bf16 = np.array([1.5, -2.0], dtype=ml_dtypes.bfloat16)
    big = np.array([1.0, -0.5], dtype=">f4")  # stored byte-swapped in memory
    path = tmp_path / "b.safetensors"
    save_file({"a/output": bf16, "a/input": big}, path)
    back = load_file(str(path))
    assert [int(v) for v in back["a/output"].view(np.uint16)] == [0x3FC0, 0xC000]
    assert back["a/input"].dtype == np.dtype("<f4") and back["a/input"].tolist() == [1.0, -0.5]


def test_byte_layout_by_hand():
    # One float16 tensor [1.0]: the header is this 56-byte JSON text (54 characters + 2 spaces of
    # padding to a multiple of 8), then the two bytes of 0x3C00 little-endian.
    data = encode({"a": np.array([1.0], dtype=np.float16)})
    header = b'{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}'
    assert len(header) == 54
    assert data == struct.pack("<Q", 56) + header + b"  " + b"\x00\x3c"


def test_tensors_start_aligned(tmp_path):
    # An F16 tensor of 3 elements (6 bytes) before an F64 one would leave it misaligned: the
    # writer puts larger elements first.
    data = encode({"a": np.ones(3, np.float16), "b": np.ones(2, np.float64), "c": np.ones(1, np.float32)})
    length = struct.unpack("<Q", data[:8])[0]
    assert length % 8 == 0
    header = json.loads(data[8:8 + length])
    assert header["b"]["data_offsets"] == [0, 16] and header["c"]["data_offsets"] == [16, 20]
    assert header["a"]["data_offsets"] == [20, 26]


@pytest.mark.parametrize("value", [np.arange(3, dtype=np.int32), np.array([1 + 2j]), np.array(["x"]),
                                   np.array([1.0], dtype=np.float64).astype(object)])
def test_other_types_refused(tmp_path, value):
    with pytest.raises(TypeError):
        save_file({"a/input": value}, tmp_path / "x.safetensors")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["", "__metadata__", 7])
def test_bad_tensor_names_refused(name):
    with pytest.raises(ValueError):
        encode({name: np.zeros(1, np.float32)})


def test_metadata_must_be_strings():
    with pytest.raises(TypeError):
        encode({"a": np.zeros(1, np.float32)}, {"step": 10})


def test_mpstudy_inspect_reads_every_type(tmp_path):
    # 65536 = 2^16 lies above binary16's largest finite value 65504, so rounding it to half
    # overflows; 1.0 does not. Each dtype holds one 65536 and one 1.0 (bfloat16 65536 is 0x4780).
    path = tmp_path / "step-00000000.safetensors"
    tensors = {"l/input": np.array([65536.0, 1.0], np.float32), "l/weight": np.array([65536.0, 1.0], np.float64),
               "l/output": np.array([1.0, -0.5], np.float16),
               "l/bias": BFloat16Bits(np.array([0x4780, 0x3F80], np.uint16))}
    save_file(tensors, path, {"step": "0"})
    report = tmp_path / "report"
    done = subprocess.run([mpstudy(), "inspect", str(path), "--format", "half", "--output", str(report)],
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stderr
    result = json.loads((report / "inspect.json").read_text())
    rows = {t["name"]: t for t in result["tensors"]}
    assert sorted(rows) == sorted(tensors)
    expected = {"l/input": ("float32", 65536.0, 1), "l/weight": ("float64", 65536.0, 1),
                "l/output": ("float16", 1.0, 0), "l/bias": ("bfloat16", 65536.0, 1)}
    for name, (element_type, amax, overflow) in expected.items():
        fit = rows[name]["fits"][0]["fit"]
        assert (rows[name]["elementType"], fit["amax"], fit["overflow"], fit["count"]) == \
            (element_type, amax, overflow, 2), f"{name}: {rows[name]['elementType']} {fit}"
