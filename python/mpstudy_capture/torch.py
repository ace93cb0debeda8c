"""PyTorch hooks that capture layer tensors of the training batch for mpstudy."""


from .folder import CaptureFolder
from .safetensors import BFloat16Bits

__all__ = ["Capture"]

try:  # `import torch` here is the framework (absolute import), not this module.
    import torch as _torch
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("mpstudy_capture.torch needs PyTorch (pip install torch)") from error


def _to_numpy(tensor):
    """A detached CPU copy of `tensor` as a NumPy array (bfloat16 as BFloat16Bits)."""
    tensor = tensor.detach().to("cpu", copy=True)
    if tensor.dtype == _torch.bfloat16:
        return BFloat16Bits(tensor.contiguous().view(_torch.int16).numpy())
    return tensor.contiguous().numpy()


_DEFAULT_TYPES = (_torch.nn.Linear, _torch.nn.Conv1d, _torch.nn.Conv2d, _torch.nn.Conv3d)


class Capture:
    """Captures, every `every` optimizer steps, the tensors of the training batch for each chosen
    module into the capture folder `directory` (docs/capture-format.md):

    - forward hooks: `input` (the module's first positional input) and `output`;
    - full backward hooks: `output_gradient` (dL/d output) and `input_gradient` (dL/d input,
      when autograd computes it);
    - an optimizer step pre-hook (`register_step_pre_hook`): `weight`, `bias` and their `.grad`
      (`weight_gradient`, `bias_gradient`) just before the update, then the step file is written.

    Step k is the k-th call (0-based) of `optimizer.step()` seen since this object was created;
    the forward and backward passes recorded for it are the last ones run with gradients enabled
    in training mode before that call (evaluation passes under `torch.no_grad()` or `model.eval()`
    are ignored). Tensors keep their dtype: under autocast outputs and output gradients are
    float16/bfloat16, while `input` is what the module received (autocast casts it inside the
    operation, so it may still be float32) and parameters keep theirs. Weights keep
    PyTorch's layout, Linear weight (out, in). `close()` removes every hook.

    layers: module names as `model.named_modules()` gives them; default every nn.Linear and
    nn.Conv1d/2d/3d. The manifest lists them in the order their forward hooks first fired.
    """

    def __init__(self, model, directory, every=10, layers=None, optimizer=None):
        if optimizer is None or not hasattr(optimizer, "register_step_pre_hook"):
            raise ValueError("Capture needs optimizer=<a torch.optim.Optimizer> (the step pre-hook reads the gradients)")
        modules = dict(model.named_modules())
        if layers is None:
            chosen = [name for name, module in modules.items() if isinstance(module, _DEFAULT_TYPES)]
            if not chosen:
                raise ValueError("the model has no nn.Linear or nn.Conv module; name the modules with layers=[...]")
        else:
            chosen = list(layers)
            missing = [name for name in chosen if name not in modules]
            if missing:
                raise ValueError(f"no module named {missing} in the model (modules: {[n for n in modules if n]})")
        self.modules = {name: modules[name] for name in chosen}
        self.folder = CaptureFolder(directory, f"torch {_torch.__version__}", type(model).__name__, every, chosen)
        self.every = every
        self.step = 0
        self._pending = {}
        self._fired = []
        self._handles = []
        for name, module in self.modules.items():
            self._handles.append(module.register_forward_hook(self._forward_hook(name)))
            self._handles.append(module.register_full_backward_hook(self._backward_hook(name)))
        self._handles.append(optimizer.register_step_pre_hook(self._step_pre_hook))

    def _recording(self, module):
        return self.step % self.every == 0 and module.training and _torch.is_grad_enabled()

    def _forward_hook(self, name):
        def hook(module, inputs, output):
            if not self._recording(module):
                return
            if not isinstance(output, _torch.Tensor):
                raise RuntimeError(f"module '{name}' returns {type(output).__name__}, not one tensor")
            if name not in self._fired:
                self._fired.append(name)
            # A new forward pass replaces what an earlier one of the same step left.
            for role in ("input", "output", "output_gradient", "input_gradient"):
                self._pending.pop(f"{name}/{role}", None)
            if inputs and isinstance(inputs[0], _torch.Tensor):
                self._pending[f"{name}/input"] = _to_numpy(inputs[0])
            self._pending[f"{name}/output"] = _to_numpy(output)
        return hook

    def _backward_hook(self, name):
        def hook(module, grad_input, grad_output):
            # Autograd runs backward with grad mode off: follow the forward pass this step recorded.
            if f"{name}/output" not in self._pending:
                return
            if grad_output and grad_output[0] is not None:
                self._pending[f"{name}/output_gradient"] = _to_numpy(grad_output[0])
            if grad_input and grad_input[0] is not None:
                self._pending[f"{name}/input_gradient"] = _to_numpy(grad_input[0])
        return hook

    def _step_pre_hook(self, optimizer, args, kwargs):
        step = self.step
        self.step += 1
        if step % self.every != 0:
            return
        tensors = dict(self._pending)
        self._pending.clear()
        for name, module in self.modules.items():
            for role, parameter in (("weight", getattr(module, "weight", None)), ("bias", getattr(module, "bias", None))):
                if not isinstance(parameter, _torch.Tensor):
                    continue
                tensors[f"{name}/{role}"] = _to_numpy(parameter)
                if parameter.grad is not None:
                    tensors[f"{name}/{role}_gradient"] = _to_numpy(parameter.grad)
        if not self.folder.steps:  # the manifest's layers in forward order, once known
            self.folder.set_layers(self._fired + [n for n in self.modules if n not in self._fired])
        self.folder.add_step(step, tensors, metadata={"layout": "torch"})

    def close(self):
        """Removes every hook; the capture folder stays as written."""
        for handle in self._handles:
            handle.remove()
        self._handles.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
