"""Capture the tensors of a training run for mpstudy (`mpstudy inspect`): a Keras 3 callback
(`mpstudy_capture.keras.CaptureCallback`) and a PyTorch hook (`mpstudy_capture.torch.Capture`)
write a capture folder (docs/capture-format.md) of safetensors files. The frameworks are imported
only by their own submodule, so importing this package needs neither."""

from .folder import FORMAT_VERSION, ROLES, CaptureFolder, check_layer_name
from .safetensors import BFloat16Bits, save_file

__version__ = "0.1.0"
__all__ = ["FORMAT_VERSION", "ROLES", "CaptureFolder", "check_layer_name", "BFloat16Bits", "save_file"]
