"""The capture folder, version 1 (docs/capture-format.md): manifest.json and one safetensors file
per captured step, tensors named `<layer>/<role>`. Every file is written atomically and the manifest
is rewritten after each step, so a training killed at any moment leaves a valid capture of the
steps it finished."""

import json
import math
import os
import re

from .safetensors import encode, write_atomically

__all__ = ["FORMAT_VERSION", "ROLES", "CaptureFolder", "check_layer_name"]

#: The value of "mpstudy_capture" in the manifest.
FORMAT_VERSION = 1

#: The tensor roles of the contract (docs/capture-format.md), in the order of its table.
ROLES = ("input", "weight", "bias", "output", "output_gradient", "weight_gradient", "bias_gradient",
         "forward_output", "pre_activation_gradient", "input_gradient", "weight_update", "bias_update")

MANIFEST = "manifest.json"
_TEMP_PREFIX = ".mpstudy-capture-"
_STEP_FILE = re.compile(r"step-[0-9]{8,}\.safetensors")


def check_layer_name(name):
    """Raises ValueError unless `name` can stand before the "/" of a tensor name and in a report:
    a non-empty string of at most 200 characters, without "/", control characters, or
    leading/trailing white space."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"layer name {name!r} is not a non-empty string")
    if len(name) > 200:
        raise ValueError(f"layer name {name[:40]!r}... is longer than 200 characters")
    if "/" in name or any(ord(c) < 0x20 or ord(c) == 0x7F for c in name) or name != name.strip():
        raise ValueError(f"layer name {name!r} holds '/', a control character or surrounding spaces")


def _step_file_name(step):
    return f"step-{step:08d}.safetensors"


class CaptureFolder:
    """A capture folder being written. Opening a folder that does not exist creates it; an empty
    folder is used as it is; a folder holding a manifest.json of ours (an earlier capture) is
    taken over: its step files and leftover temporary files are removed. Any other non-empty
    folder is refused (FileExistsError): a capture never mixes with foreign files."""

    def __init__(self, directory, framework, model, every, layers):
        if not isinstance(every, int) or isinstance(every, bool) or every < 1:
            raise ValueError(f"every must be a positive integer, not {every!r}")
        self.directory = os.fspath(directory)
        self.framework = str(framework)
        self.model = str(model)
        self.every = every
        self.steps = []
        self.set_layers(layers)
        self._prepare()
        self._write_manifest()

    def set_layers(self, layers):
        """Sets the manifest's layer list (forward order); before the first step only."""
        layers = list(layers)
        for name in layers:
            check_layer_name(name)
        if len(set(layers)) != len(layers):
            raise ValueError(f"layer names are not distinct: {layers}")
        if self.steps:
            raise RuntimeError("the layers of a capture are fixed once a step is written")
        self.layers = layers

    def _prepare(self):
        """Creates the folder, or checks that it is empty or ours and clears our old files."""
        path = self.directory
        if os.path.lexists(path) and not os.path.isdir(path):
            raise FileExistsError(f"{path}: exists and is not a folder")
        os.makedirs(path, exist_ok=True)
        names = os.listdir(path)
        if not names:
            return
        if MANIFEST not in names or not self._is_ours(os.path.join(path, MANIFEST)):
            raise FileExistsError(
                f"{path}: folder is not empty and holds no capture manifest of mpstudy_capture; "
                "choose a new or empty folder")
        for name in names:
            if _STEP_FILE.fullmatch(name) or (name.startswith(_TEMP_PREFIX) and name.endswith(".tmp")):
                os.unlink(os.path.join(path, name))

    @staticmethod
    def _is_ours(manifest):
        try:
            with open(manifest, encoding="utf-8") as file:
                value = json.load(file)
        except (OSError, ValueError):
            return False
        return isinstance(value, dict) and value.get("mpstudy_capture") == FORMAT_VERSION

    def add_step(self, step, tensors, loss=None, metadata=None, loss_scale=None):
        """Writes the step file of training step `step` (tensors: "<layer>/<role>" -> array) and
        then the manifest listing it, with `loss` when finite and `loss_scale` (the factor the
        step's gradients carry) when given. Steps must increase; names must use the folder's
        layers and the contract's roles (ValueError otherwise, and nothing is written)."""
        if not isinstance(step, int) or isinstance(step, bool) or step < 0:
            raise ValueError(f"step must be a non-negative integer, not {step!r}")
        if loss_scale is not None and not (math.isfinite(float(loss_scale)) and float(loss_scale) > 0):
            raise ValueError(f"loss_scale must be a positive finite number, not {loss_scale!r}")
        if self.steps and step <= self.steps[-1]["step"]:
            raise ValueError(f"step {step} does not follow the last captured step {self.steps[-1]['step']}")
        for name in tensors:
            layer, _, role = name.rpartition("/") if isinstance(name, str) else ("", "", "")
            if layer not in self.layers or role not in ROLES:
                raise ValueError(f"tensor name {name!r} is not <layer>/<role> with a layer of {self.layers} "
                                 f"and a role of {list(ROLES)}")
        info = {"step": str(step)}
        info.update(metadata or {})
        file = _step_file_name(step)
        write_atomically(os.path.join(self.directory, file), encode(tensors, info), _TEMP_PREFIX)
        entry = {"step": step, "file": file}
        if loss is not None and math.isfinite(float(loss)):  # JSON has no NaN or infinity
            entry["loss"] = float(loss)
        if loss_scale is not None:
            entry["loss_scale"] = float(loss_scale)
        self.steps.append(entry)
        self._write_manifest()
        return os.path.join(self.directory, file)

    def manifest(self):
        """The manifest as a dictionary (what manifest.json holds)."""
        return {"mpstudy_capture": FORMAT_VERSION, "framework": self.framework, "model": self.model,
                "every": self.every, "layers": list(self.layers), "steps": [dict(s) for s in self.steps]}

    def _write_manifest(self):
        text = json.dumps(self.manifest(), indent=2, allow_nan=False) + "\n"
        write_atomically(os.path.join(self.directory, MANIFEST), text.encode("utf-8"), _TEMP_PREFIX)
