"""The capture folder (docs/capture-format.md): manifest contents, refused names and folders,
atomic writes, and a writer killed mid-run leaving a valid capture."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file

from mpstudy_capture import CaptureFolder
from mpstudy_capture import folder as folder_module

PYTHON_ROOT = Path(__file__).resolve().parents[1]


def tensors(layer="dense", value=1.0):
    return {f"{layer}/weight": np.full((2, 3), value, np.float32), f"{layer}/bias": np.zeros(3, np.float32)}


def manifest(path):
    return json.loads((Path(path) / "manifest.json").read_text())


def test_manifest_follows_the_contract(tmp_path):
    run = CaptureFolder(tmp_path / "run", "test 1.0", "mlp", 10, ["dense", "dense_1"])
    assert manifest(tmp_path / "run")["steps"] == []  # valid from the start
    run.add_step(0, tensors(), loss=2.5)
    run.add_step(10, tensors("dense_1"), metadata={"layout": "keras"})
    assert manifest(tmp_path / "run") == {
        "mpstudy_capture": 1, "framework": "test 1.0", "model": "mlp", "every": 10, "layers": ["dense", "dense_1"],
        "steps": [{"step": 0, "file": "step-00000000.safetensors", "loss": 2.5},
                  {"step": 10, "file": "step-00000010.safetensors"}]}
    assert sorted(os.listdir(tmp_path / "run")) == ["manifest.json", "step-00000000.safetensors",
                                                    "step-00000010.safetensors"]
    back = load_file(str(tmp_path / "run" / "step-00000010.safetensors"))
    assert sorted(back) == ["dense_1/bias", "dense_1/weight"]


def test_non_finite_loss_is_left_out(tmp_path):
    run = CaptureFolder(tmp_path, "t", "m", 1, ["a"])
    run.add_step(0, tensors("a"), loss=float("nan"))
    assert manifest(tmp_path)["steps"] == [{"step": 0, "file": "step-00000000.safetensors"}]


@pytest.mark.parametrize("name", ["", "a/b", "../up", "tab\there", "new\nline", " padded", "x" * 201, None, 3])
def test_hostile_layer_names_refused(tmp_path, name):
    with pytest.raises(ValueError):
        CaptureFolder(tmp_path / "run", "t", "m", 1, [name])
    assert not (tmp_path / "run").exists() or os.listdir(tmp_path / "run") == []


def test_duplicate_layers_refused(tmp_path):
    with pytest.raises(ValueError):
        CaptureFolder(tmp_path, "t", "m", 1, ["a", "a"])


@pytest.mark.parametrize("name", ["dense/kernel", "unknown/weight", "dense", "dense/weight/x", "/weight",
                                  "__metadata__"])
def test_tensor_names_outside_the_contract_refused(tmp_path, name):
    run = CaptureFolder(tmp_path, "t", "m", 1, ["dense"])
    with pytest.raises(ValueError):
        run.add_step(0, {name: np.zeros(1, np.float32)})
    assert os.listdir(tmp_path) == ["manifest.json"] and manifest(tmp_path)["steps"] == []


@pytest.mark.parametrize("steps", [[0, 0], [5, 3], [-1], [1.5], [True]])
def test_steps_must_increase(tmp_path, steps):
    run = CaptureFolder(tmp_path, "t", "m", 1, ["dense"])
    with pytest.raises(ValueError):
        for step in steps:
            run.add_step(step, tensors())


@pytest.mark.parametrize("every", [0, -3, 2.0, True])
def test_every_must_be_positive_integer(tmp_path, every):
    with pytest.raises(ValueError):
        CaptureFolder(tmp_path, "t", "m", every, ["a"])


def test_foreign_folders_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        CaptureFolder(tmp_path, "t", "m", 1, ["a"])
    (tmp_path / "notes.txt").unlink()
    (tmp_path / "manifest.json").write_text('{"something": "else"}')  # a manifest, not ours
    with pytest.raises(FileExistsError):
        CaptureFolder(tmp_path, "t", "m", 1, ["a"])
    assert (tmp_path / "manifest.json").read_text() == '{"something": "else"}'
    (tmp_path / "file").write_text("")
    with pytest.raises(FileExistsError):
        CaptureFolder(tmp_path / "file", "t", "m", 1, ["a"])


def test_an_earlier_capture_is_taken_over(tmp_path):
    first = CaptureFolder(tmp_path, "t", "m", 1, ["a"])
    for step in (0, 1, 2):
        first.add_step(step, tensors("a"))
    (tmp_path / ".mpstudy-capture-leftover.tmp").write_bytes(b"half")
    second = CaptureFolder(tmp_path, "t", "m", 5, ["a"])
    assert sorted(os.listdir(tmp_path)) == ["manifest.json"]
    second.add_step(5, tensors("a"))
    assert [s["step"] for s in manifest(tmp_path)["steps"]] == [5]


def test_failed_write_leaves_no_temporary_file_and_the_old_manifest(tmp_path, monkeypatch):
    run = CaptureFolder(tmp_path, "t", "m", 1, ["a"])
    run.add_step(0, tensors("a"))
    before = (tmp_path / "manifest.json").read_bytes()

    def failing_replace(source, destination):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(folder_module.os, "replace", failing_replace)
    with pytest.raises(OSError):
        run.add_step(1, tensors("a"))
    monkeypatch.undo()
    assert sorted(os.listdir(tmp_path)) == ["manifest.json", "step-00000000.safetensors"]
    assert (tmp_path / "manifest.json").read_bytes() == before


def test_killed_writer_leaves_a_valid_capture(tmp_path):
    # A child process captures three steps and SIGKILLs itself while writing the fourth step
    # file (right after the temporary file is created): the folder must list the three steps,
    # each readable, and the killed write must not appear in the manifest.
    script = f"""
import os, signal, sys, tempfile
import numpy as np
sys.path.insert(0, {str(PYTHON_ROOT)!r})
from mpstudy_capture import CaptureFolder
run = CaptureFolder({str(tmp_path)!r}, "t", "m", 1, ["a"])
for step in range(3):
    run.add_step(step, {{"a/weight": np.full(4, step, np.float32)}})
real = tempfile.mkstemp
def dying(*args, **kwargs):
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
tempfile.mkstemp = dying
run.add_step(3, {{"a/weight": np.zeros(4, np.float32)}})
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    steps = manifest(tmp_path)["steps"]
    assert [s["step"] for s in steps] == [0, 1, 2]
    for entry in steps:
        assert load_file(str(tmp_path / entry["file"]))["a/weight"].tolist() == [float(entry["step"])] * 4
    # The killed write's temporary file is the only leftover; the next capture here clears it.
    leftovers = [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".mpstudy-capture-")
    CaptureFolder(tmp_path, "t", "m", 1, ["a"])
    assert os.listdir(tmp_path) == ["manifest.json"]


def test_importing_the_package_imports_no_framework():
    # The frameworks are imported only by mpstudy_capture.keras and mpstudy_capture.torch.
    script = (f"import sys; sys.path.insert(0, {str(PYTHON_ROOT)!r}); import mpstudy_capture; "
              "print(sorted(m for m in ('keras', 'jax', 'torch', 'tensorflow') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
