"""Keras 3 callback that captures layer tensors for mpstudy (JAX backend)."""

import numpy as np

from .folder import CaptureFolder

__all__ = ["CaptureCallback"]

try:  # The callback must subclass Keras's own; Keras is needed only when this module is imported.
    import keras as _keras
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("mpstudy_capture.keras needs Keras 3 (pip install keras jax)") from error


def _layer_variable(layer, names):
    """The first attribute of `names` on `layer` that is a Keras variable, or None."""
    for name in names:
        value = getattr(layer, name, None)
        if isinstance(value, _keras.Variable):
            return value
    return None


def _all_layers(model):
    """The model's layers, nested models walked depth first, in model order."""
    found = []
    for layer in model.layers:
        found.append(layer)
        if hasattr(layer, "layers") and layer.layers:
            found.extend(_all_layers(layer))
    return found


class CaptureCallback(_keras.callbacks.Callback):
    """Every `every` training steps, writes one step file of the capture folder `directory`
    (docs/capture-format.md) with, for each chosen layer: `input`, `output` (as the layer returns
    it, after its activation), `output_gradient` (dL/d output), `weight`, `weight_gradient`,
    `bias`, `bias_gradient`.

    The step is the optimizer's iteration count: step k holds the weights after k updates, i.e.
    the weights the k-th (0-based) training step computes with; step 0 is captured when training
    begins. The tensors are **recomputed on the probe batch** `batch=(x, y)` with the current
    weights, through the backend's automatic differentiation of the model's own loss (the
    function Keras's train step differentiates, with `training=True`): a Keras callback never
    sees the training batch's activations or gradients, so a fixed probe batch stands in for it.
    The forward pass runs under the model's dtype policy: under `mixed_float16` the inputs,
    outputs and output gradients are float16 and are stored as float16; variables and their
    gradients keep the variables' dtype. If the optimizer scales the loss (a
    LossScaleOptimizer, as `mixed_float16` gets), the gradients are those of the scaled loss,
    exactly as the backward pass carries them, and the step file's metadata holds
    `"loss_scale"`, as does the manifest's step entry (divide by it for dL/d...). The manifest's `loss` is the probe batch's
    (unscaled) loss.

    layers: names of the layers to capture; default every layer with a kernel (Dense, Conv...).
    Supported backend: JAX (KERAS_BACKEND=jax); other backends are refused when training starts.
    """

    def __init__(self, directory, every=10, layers=None, batch=None):
        super().__init__()
        if batch is None or not isinstance(batch, (tuple, list)) or len(batch) != 2:
            raise ValueError("CaptureCallback needs batch=(x, y): the probe batch the tensors are computed on")
        if not isinstance(every, int) or isinstance(every, bool) or every < 1:
            raise ValueError(f"every must be a positive integer, not {every!r}")
        self.directory = directory
        self.every = every
        self.layer_names = None if layers is None else list(layers)
        self.probe = batch
        self.folder = None

    # -- Keras callback interface -------------------------------------------------------------

    def on_train_begin(self, logs=None):
        backend = _keras.backend.backend()
        if backend != "jax":
            raise RuntimeError(f"mpstudy_capture.keras.CaptureCallback supports the JAX backend only "
                               f"(KERAS_BACKEND=jax); this Keras runs on '{backend}'")
        if self.folder is None:
            self._layers = self._choose_layers()
            import jax
            framework = f"keras {_keras.__version__} (jax {jax.__version__})"
            self.folder = CaptureFolder(self.directory, framework, self.model.name, self.every,
                                        [layer.name for layer in self._layers])
        self._maybe_capture()

    def on_train_batch_end(self, batch, logs=None):
        self._maybe_capture()

    # -- capture ---------------------------------------------------------------------------------

    def _choose_layers(self):
        layers = _all_layers(self.model)
        if self.layer_names is None:
            chosen = [layer for layer in layers if _layer_variable(layer, ("_kernel", "kernel")) is not None]
            if not chosen:
                raise ValueError("the model has no layer with a kernel; name the layers to capture with layers=[...]")
            return chosen
        by_name = {layer.name: layer for layer in layers}
        missing = [name for name in self.layer_names if name not in by_name]
        if missing:
            raise ValueError(f"no layer named {missing} in model '{self.model.name}' (layers: {list(by_name)})")
        return [by_name[name] for name in self.layer_names]

    def _maybe_capture(self):
        step = int(np.asarray(self.model.optimizer.iterations.value))
        last = self.folder.steps[-1]["step"] if self.folder.steps else -1
        if step % self.every == 0 and step > last:
            tensors, loss, scale = self.compute(step)
            metadata = {"layout": "keras"}
            if scale != 1.0:
                metadata["loss_scale"] = repr(scale)
            self.folder.add_step(step, tensors, loss=loss, metadata=metadata,
                                 loss_scale=scale if scale != 1.0 else None)

    def compute(self, step=None):
        """The tensors ("<layer>/<role>" -> NumPy array), the unscaled loss and the loss scale for
        the probe batch and the current weights (JAX backend)."""
        import jax
        import jax.numpy as jnp

        model = self.model
        x, y = self.probe
        trainable = model.trainable_variables
        values = [v.value for v in trainable]
        non_trainable = [v.value for v in model.non_trainable_variables]
        metrics = [v.value for v in model.metrics_variables]
        optimizer = model.optimizer
        scale = float(np.asarray(optimizer.scale_loss(1.0))) if optimizer is not None else 1.0
        index = {id(v): i for i, v in enumerate(trainable)}

        def loss_with_records(trainable_values, perturbations):
            # A zero perturbation added to each chosen layer's output: its gradient is dL/d output.
            records = {}
            originals = {}

            def patched(layer, call):
                def call_and_record(*args, **kwargs):
                    if layer.name in records:
                        raise RuntimeError(f"layer '{layer.name}' is called more than once in one forward pass: "
                                           "its tensors cannot be captured")
                    output = call(*args, **kwargs)
                    if not hasattr(output, "shape"):
                        raise RuntimeError(f"layer '{layer.name}' returns {type(output).__name__}, not one tensor")
                    if perturbations is not None:
                        output = output + perturbations[layer.name]
                    records[layer.name] = (args[0], output)
                    return output
                return call_and_record

            for layer in self._layers:
                originals[layer.name] = layer.__dict__.get("call")
                object.__setattr__(layer, "call", patched(layer, layer.call))
            try:
                loss, (unscaled, *_rest) = model.compute_loss_and_updates(
                    trainable_values, non_trainable, metrics, x, y, None, training=True,
                    optimizer_variables=[v.value for v in optimizer.variables] if optimizer is not None else None)
            finally:
                for layer in self._layers:
                    if originals[layer.name] is None:
                        object.__delattr__(layer, "call")
                    else:
                        object.__setattr__(layer, "call", originals[layer.name])
            missing = [layer.name for layer in self._layers if layer.name not in records]
            if missing:
                raise RuntimeError(f"layers {missing} took no part in the model's forward pass on the probe batch")
            return loss, (unscaled, records)

        # Shapes and dtypes of the outputs first, then the differentiated pass.
        _, (_, shapes) = jax.eval_shape(lambda v: loss_with_records(v, None), values)
        zeros = {name: jnp.zeros(out.shape, out.dtype) for name, (_, out) in shapes.items()}
        (loss, (unscaled, records)), (grads, output_grads) = jax.value_and_grad(
            loss_with_records, argnums=(0, 1), has_aux=True)(values, zeros)

        tensors = {}
        for layer in self._layers:
            name = layer.name
            layer_input, output = records[name]
            tensors[f"{name}/input"] = np.asarray(layer_input)
            tensors[f"{name}/output"] = np.asarray(output)
            tensors[f"{name}/output_gradient"] = np.asarray(output_grads[name])
            for role, variable in (("weight", _layer_variable(layer, ("_kernel", "kernel"))),
                                   ("bias", _layer_variable(layer, ("bias",)))):
                if variable is None:
                    continue
                tensors[f"{name}/{role}"] = np.asarray(variable.value)
                if id(variable) in index:
                    tensors[f"{name}/{role}_gradient"] = np.asarray(grads[index[id(variable)]])
        return tensors, float(np.asarray(unscaled)), scale
