#!/usr/bin/env python3
"""Export a jitted JAX training step as StableHLO text for Shardline.

Shardline imports a training step as the StableHLO text that JAX prints for
``jax.jit(step).lower(*args)``.  This script writes two files per step:

``NAME.mlir``
    ``jax.jit(step, keep_unused=True).lower(*args).as_text(debug_info=True)``,
    verbatim.  ``debug_info=True`` makes JAX attach the pytree path of every
    argument as a location, e.g. ``%arg3: tensor<4x8xf32> loc("params['w1']")``,
    and every result carries ``{jax.result_info = "result[1]['w1']"}``.
    ``keep_unused=True`` keeps arguments the step never reads, so ``%argN``
    always lines up with the N-th flattened input.

``NAME.reference.json``
    One set of inputs and the outputs JAX computes for them, so an importer
    can check its own interpretation of the module numerically::

        {
          "format": "shardline-jax-reference",
          "version": 1,
          "jax_version": "0.10.2",
          "inputs":  [{"name": "params['w1']", "dtype": "f32",
                       "shape": [4, 8], "data": "<base64>"}, ...],
          "outputs": [{"name": "result[0]", "dtype": "f32",
                       "shape": [], "data": "<base64>"}, ...]
        }

    ``inputs`` are in the order of the flattened jitted arguments (``%arg0``,
    ``%arg1``, ...), ``outputs`` in the order of the function's results.
    ``name`` is the pytree path as ``jax.tree_util.keystr`` prints it, prefixed
    by the Python parameter name for inputs (``params['w1']``, ``tokens``) and
    by ``result`` for outputs (``result[0]``, ``result[1]['w1']``) -- the same
    strings that appear in the ``.mlir`` text.  ``data`` is the base64 of the
    array's raw little-endian bytes in row-major (C) order.  ``dtype`` is one
    of ``f32``, ``bf16`` (raw bfloat16 bits, 2 bytes), ``f16``, ``i32`` and
    ``i1`` (bool, one byte per element, 0 or 1).

Exporting your own step (only ``pip install jax`` is needed)::

    import jax, jax.numpy as jnp
    from export_train_step import export

    def step(params, opt_state, x, y):
        loss, g = jax.value_and_grad(
            lambda p: jnp.mean((x @ p["w"] - y) ** 2))(params)
        return loss, {"w": params["w"] - 0.1 * g["w"]}, opt_state

    params = {"w": jnp.ones((4, 2))}
    export(step, (params, {}, jnp.ones((8, 4)), jnp.zeros((8, 2))), "out/my_step")
    # -> out/my_step.mlir and out/my_step.reference.json

Built-in examples (all plain ``jax.numpy``, deterministic seeds)::

    python3 export_train_step.py --model all --out fixtures
    python3 export_train_step.py --model gpt --dtype bf16 --out fixtures  # gpt_bf16
    python3 export_train_step.py --model gpt --scan --out fixtures        # gpt_scan
    python3 export_train_step.py --model gpt --clip --out fixtures        # gpt_clip (+ .x2)
    python3 export_train_step.py --model mlp --sharded --out fixtures     # mlp_sharded.mlir

Every built-in step has the signature
``step(params, opt_state, *batch) -> (loss, new_params, new_opt_state)``.
The reference inputs are the state after two warm-up steps, so optimizer
state (momentum, Adam moments) is non-zero.
"""

from __future__ import annotations

import argparse
import base64
import inspect
import json
import os
import re
import sys
from typing import Any, Callable, Sequence

import numpy as np

import jax
import jax.numpy as jnp

# Locations name source files without their directories, so that the exported
# text does not depend on where the script was run from.
jax.config.update("jax_hlo_source_file_canonicalization_regex", r".*/")
from jax.tree_util import keystr, tree_flatten_with_path, tree_map

PyTree = Any

# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------

# numpy dtype name -> reference-file dtype tag.
_DTYPE_TAGS = {
    "float32": "f32",
    "bfloat16": "bf16",
    "float16": "f16",
    "int32": "i32",
    "bool": "i1",
}


def _dtype_tag(dtype: np.dtype) -> str:
    tag = _DTYPE_TAGS.get(np.dtype(dtype).name)
    if tag is None:
        raise TypeError(f"reference files do not support dtype {dtype}; "
                        f"supported: {sorted(_DTYPE_TAGS)}")
    return tag


def _encode(name: str, value: Any) -> dict:
    """One reference entry: name, dtype tag, shape and base64 raw bytes."""
    arr = np.asarray(value)
    tag = _dtype_tag(arr.dtype)
    if sys.byteorder != "little":  # bf16 has no byte-swapping support
        raise RuntimeError("reference files are little-endian; run on a "
                           "little-endian host")
    raw = np.ascontiguousarray(arr).tobytes(order="C")
    return {"name": name, "dtype": tag, "shape": list(arr.shape),
            "data": base64.b64encode(raw).decode("ascii")}


def _format_reference(doc: dict) -> str:
    """JSON with one line per tensor entry (diff- and grep-friendly)."""
    lines = ["{"]
    for key in ("format", "version", "jax_version"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(doc[key])},")
    for key, last in (("inputs", False), ("outputs", True)):
        entries = [f"    {json.dumps(e)}" for e in doc[key]]
        lines.append(f"  {json.dumps(key)}: [")
        lines.append(",\n".join(entries))
        lines.append("  ]" + ("" if last else ","))
    lines.append("}")
    return "\n".join(lines) + "\n"


def decode_entry(entry: dict) -> np.ndarray:
    """Inverse of the encoding above (used by the self-check)."""
    np_dtype = {v: k for k, v in _DTYPE_TAGS.items()}[entry["dtype"]]
    if np_dtype == "bfloat16":
        np_dtype = jnp.bfloat16  # the ml_dtypes scalar type numpy understands
    raw = base64.b64decode(entry["data"])
    return np.frombuffer(raw, dtype=np_dtype).reshape(entry["shape"])


def _flat_named(tree: PyTree, prefix: str) -> list[tuple[str, Any]]:
    """Flatten a pytree in JAX order, naming leaves `prefix + keystr(path)`."""
    leaves, _ = tree_flatten_with_path(tree)
    return [(prefix + keystr(path), leaf) for path, leaf in leaves]


def _arg_names(step: Callable, n: int) -> list[str]:
    """Python parameter names of `step`, as JAX uses them in locations."""
    try:
        params = list(inspect.signature(step).parameters)
    except (TypeError, ValueError):
        params = []
    return [params[i] if i < len(params) else f"args[{i}]" for i in range(n)]


def _check_names_against_text(text: str, inputs: list[str],
                              outputs: list[str]) -> None:
    """Make sure our names match what JAX printed into the module."""
    sig = re.search(r"func\.func public @main\((.*?)\) ->", text, re.S)
    if sig:
        printed = re.findall(r"%arg\d+: [^,]*?loc\(\"((?:[^\"\\]|\\.)*)\"\)",
                             sig.group(1))
        if printed and printed != inputs:
            print(f"warning: argument names differ from the module's: "
                  f"{printed[:4]}... vs {inputs[:4]}...", file=sys.stderr)
    printed_out = re.findall(r'jax\.result_info = "((?:[^"\\]|\\.)*)"', text)
    if printed_out and printed_out != outputs:
        print(f"warning: result names differ from the module's: "
              f"{printed_out[:4]}... vs {outputs[:4]}...", file=sys.stderr)


def export(step: Callable, args: Sequence[PyTree], path_prefix: str,
           arg_names: Sequence[str] | None = None, *,
           reference: bool = True, mlir: bool = True, **jit_kwargs: Any) -> str:
    """Write `path_prefix.mlir` (and `path_prefix.reference.json`).

    step:        the training step; any pytree-in / pytree-out function.
    args:        example positional arguments (arrays or pytrees of arrays);
                 the reference file records them and the step's outputs.
    path_prefix: output path without extension, e.g. "fixtures/mlp".
    arg_names:   names for the top-level arguments; defaults to the Python
                 parameter names of `step` (which is what JAX prints too).
    reference:   also run the step and write the reference JSON.
    mlir:        write the StableHLO text (off: only the reference, e.g. for
                 the same step at a larger batch).
    jit_kwargs:  passed to jax.jit (e.g. in_shardings=...).

    Returns the StableHLO text.
    """
    args = tuple(args)
    names = list(arg_names) if arg_names is not None else _arg_names(step, len(args))
    jitted = jax.jit(step, keep_unused=True, **jit_kwargs)
    text = jitted.lower(*args).as_text(debug_info=True)

    os.makedirs(os.path.dirname(path_prefix) or ".", exist_ok=True)
    if mlir:
        with open(path_prefix + ".mlir", "w") as f:
            f.write(text)
    if not reference:
        return text

    inputs = [e for name, arg in zip(names, args) for e in _flat_named(arg, name)]
    outputs = _flat_named(jax.device_get(jitted(*args)), "result")
    _check_names_against_text(text, [n for n, _ in inputs], [n for n, _ in outputs])

    doc = {
        "format": "shardline-jax-reference",
        "version": 1,
        "jax_version": jax.__version__,
        "inputs": [_encode(n, v) for n, v in inputs],
        "outputs": [_encode(n, v) for n, v in outputs],
    }
    with open(path_prefix + ".reference.json", "w") as f:
        f.write(_format_reference(doc))
    return text


# --------------------------------------------------------------------------
# Shared building blocks (plain jax.numpy)
# --------------------------------------------------------------------------

def normal(key: jax.Array, shape: Sequence[int], std: float = 0.02) -> jax.Array:
    return std * jax.random.normal(key, shape, jnp.float32)


def log_softmax(x: jax.Array) -> jax.Array:
    """Numerically stable log-softmax over the last axis."""
    shifted = x - jax.lax.stop_gradient(jnp.max(x, axis=-1, keepdims=True))
    return shifted - jnp.log(jnp.sum(jnp.exp(shifted), axis=-1, keepdims=True))


def softmax(x: jax.Array) -> jax.Array:
    e = jnp.exp(x - jax.lax.stop_gradient(jnp.max(x, axis=-1, keepdims=True)))
    return e / jnp.sum(e, axis=-1, keepdims=True)


def cross_entropy(logits: jax.Array, labels: jax.Array) -> jax.Array:
    """Mean softmax cross-entropy on integer labels; one-hot via iota compare."""
    classes = jnp.arange(logits.shape[-1], dtype=labels.dtype)
    one_hot = (labels[..., None] == classes).astype(logits.dtype)
    return -jnp.mean(jnp.sum(one_hot * log_softmax(logits), axis=-1))


def sgd(params: PyTree, grads: PyTree, lr: float) -> PyTree:
    return tree_map(lambda p, g: p - lr * g, params, grads)


def adam_init(params: PyTree) -> dict:
    zeros = tree_map(jnp.zeros_like, params)
    return {"count": jnp.zeros((), jnp.int32), "mu": zeros, "nu": zeros}


def clip_by_global_norm(grads: PyTree, max_norm: float) -> PyTree:
    """Scale all gradients down together when their global norm exceeds
    `max_norm` (as optax.clip_by_global_norm does)."""
    norm = jnp.sqrt(sum(jnp.sum(g * g) for g in jax.tree_util.tree_leaves(grads)))
    scale = jnp.minimum(1.0, max_norm / norm)
    return tree_map(lambda g: g * scale, grads)


def adam(params: PyTree, grads: PyTree, state: dict, lr: float = 1e-2,
         b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8
         ) -> tuple[PyTree, dict]:
    """Adam with bias correction; state = {count, mu, nu}."""
    count = state["count"] + 1
    mu = tree_map(lambda m, g: b1 * m + (1 - b1) * g, state["mu"], grads)
    nu = tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state["nu"], grads)
    t = count.astype(jnp.float32)
    c1 = 1.0 / (1.0 - b1 ** t)
    c2 = 1.0 / (1.0 - b2 ** t)
    new_params = tree_map(
        lambda p, m, v: p - lr * (m * c1) / (jnp.sqrt(v * c2) + eps),
        params, mu, nu)
    return new_params, {"count": count, "mu": mu, "nu": nu}


def layer_norm(x: jax.Array, p: dict, eps: float = 1e-5) -> jax.Array:
    """LayerNorm over the last axis; statistics in f32 whatever x's dtype."""
    x32 = x.astype(jnp.float32)
    mean = jnp.mean(x32, axis=-1, keepdims=True)
    var = jnp.mean(jnp.square(x32 - mean), axis=-1, keepdims=True)
    y = ((x32 - mean) * jax.lax.rsqrt(var + eps)).astype(x.dtype)
    return y * p["scale"] + p["bias"]


# --------------------------------------------------------------------------
# mlp: 3 dense layers, relu, cross-entropy, plain SGD
# --------------------------------------------------------------------------

MLP = dict(batch=8, d_in=16, hidden=(32, 16), classes=8, lr=0.1)


def mlp_setup() -> tuple[Callable, tuple]:
    c = MLP
    dims = (c["d_in"], *c["hidden"], c["classes"])
    keys = jax.random.split(jax.random.PRNGKey(0), len(dims) + 1)
    params = {}
    for i, (a, b) in enumerate(zip(dims[:-1], dims[1:])):
        params[f"w{i + 1}"] = normal(keys[i], (a, b), std=a ** -0.5)
        params[f"b{i + 1}"] = jnp.zeros((b,), jnp.float32)
    x = jax.random.normal(keys[-2], (c["batch"], c["d_in"]), jnp.float32)
    y = jax.random.randint(keys[-1], (c["batch"],), 0, c["classes"], jnp.int32)
    n_layers = len(dims) - 1

    def loss_fn(params, x, y):
        h = x
        for i in range(1, n_layers + 1):
            h = h @ params[f"w{i}"] + params[f"b{i}"]
            if i < n_layers:
                h = jax.nn.relu(h)
        return cross_entropy(h, y)

    def step(params, opt_state, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
        return loss, sgd(params, grads, c["lr"]), opt_state

    return step, (params, {}, x, y)


# --------------------------------------------------------------------------
# gpt: 2-layer GPT, Adam; optional bf16 mixed precision and lax.scan blocks
# --------------------------------------------------------------------------

GPT = dict(batch=4, seq=8, vocab=32, hidden=8, heads=2, layers=2, mlp_ratio=4)


def gpt_init(key: jax.Array, stacked: bool) -> dict:
    c = GPT
    d, f = c["hidden"], c["hidden"] * c["mlp_ratio"]
    k_wte, k_wpe, *k_blocks = jax.random.split(key, 2 + c["layers"])

    def block(k):
        k1, k2, k3, k4 = jax.random.split(k, 4)
        ln = lambda: {"scale": jnp.ones((d,)), "bias": jnp.zeros((d,))}
        return {
            "ln1": ln(),
            "attn": {"wqkv": normal(k1, (d, 3 * d)), "wo": normal(k2, (d, d))},
            "ln2": ln(),
            "mlp": {"w_fc": normal(k3, (d, f)), "b_fc": jnp.zeros((f,)),
                    "w_proj": normal(k4, (f, d)), "b_proj": jnp.zeros((d,))},
        }

    blocks = [block(k) for k in k_blocks]
    if stacked:  # one pytree whose leaves have a leading [layers] axis
        blocks = tree_map(lambda *xs: jnp.stack(xs), *blocks)
    return {
        "wte": normal(k_wte, (c["vocab"], d)),   # tied with the LM head
        "wpe": normal(k_wpe, (c["seq"], d)),
        "blocks": blocks,
        "ln_f": {"scale": jnp.ones((d,)), "bias": jnp.zeros((d,))},
    }


def gpt_block(p: dict, x: jax.Array) -> jax.Array:
    """Pre-LN transformer block: causal multi-head attention + GELU MLP."""
    c = GPT
    b, t, d = x.shape
    nh, hd = c["heads"], d // c["heads"]

    h = layer_norm(x, p["ln1"])
    q, k, v = jnp.split(h @ p["attn"]["wqkv"], 3, axis=-1)
    q, k, v = (a.reshape(b, t, nh, hd) for a in (q, k, v))
    scores = jnp.einsum("bqhd,bkhd->bhqk", q, k) / np.sqrt(hd).astype(x.dtype)
    causal = jnp.arange(t)[:, None] >= jnp.arange(t)[None, :]
    scores = jnp.where(causal, scores.astype(jnp.float32), -1e9)
    probs = softmax(scores).astype(x.dtype)          # softmax in f32
    att = jnp.einsum("bhqk,bkhd->bqhd", probs, v).reshape(b, t, d)
    x = x + att @ p["attn"]["wo"]

    h = layer_norm(x, p["ln2"])
    h = jax.nn.gelu(h @ p["mlp"]["w_fc"] + p["mlp"]["b_fc"], approximate=True)
    return x + h @ p["mlp"]["w_proj"] + p["mlp"]["b_proj"]


def gpt_setup(dtype: str = "f32", scan: bool = False, clip: float | None = None,
              batch: int | None = None) -> tuple[Callable, tuple]:
    """The GPT step; `clip` clips gradients by global norm before Adam, and
    `batch` overrides the batch size."""
    c = GPT
    compute = {"f32": jnp.float32, "bf16": jnp.bfloat16}[dtype]
    k_params, k_data = jax.random.split(jax.random.PRNGKey(1))
    params = gpt_init(k_params, stacked=scan)
    data = jax.random.randint(k_data, (batch or c["batch"], c["seq"] + 1), 0,
                              c["vocab"], jnp.int32)
    tokens, targets = data[:, :-1], data[:, 1:]

    def loss_fn(params, tokens, targets):
        # Mixed precision: f32 master params are cast to the compute dtype.
        p = tree_map(lambda w: w.astype(compute), params)
        x = p["wte"][tokens] + p["wpe"][None, :, :]   # gather (+ scatter-add in grad)
        if scan:
            x, _ = jax.lax.scan(lambda h, bp: (gpt_block(bp, h), None),
                                x, p["blocks"])
        else:
            for bp in p["blocks"]:
                x = gpt_block(bp, x)
        x = layer_norm(x, p["ln_f"])
        logits = (x @ p["wte"].T).astype(jnp.float32)  # tied head; loss in f32
        return cross_entropy(logits, targets)

    def step(params, opt_state, tokens, targets):
        loss, grads = jax.value_and_grad(loss_fn)(params, tokens, targets)
        if clip is not None:
            grads = clip_by_global_norm(grads, clip)
        new_params, new_opt_state = adam(params, grads, opt_state, lr=1e-2)
        return loss, new_params, new_opt_state

    return step, (params, adam_init(params), tokens, targets)


# --------------------------------------------------------------------------
# moe: residual mixture-of-experts FFN, top-1 routing without argmax/sort
# --------------------------------------------------------------------------

MOE = dict(tokens=16, hidden=8, experts=4, ffn=16, classes=4, aux_weight=0.01,
           lr=0.1)


def moe_setup() -> tuple[Callable, tuple]:
    c = MOE
    n, d, e, f = c["tokens"], c["hidden"], c["experts"], c["ffn"]
    ks = jax.random.split(jax.random.PRNGKey(2), 6)
    params = {
        "w_gate": normal(ks[0], (d, e), std=d ** -0.5),
        "w_in": normal(ks[1], (e, d, f), std=d ** -0.5),
        "w_out": normal(ks[2], (e, f, d), std=f ** -0.5),
        "w_head": normal(ks[3], (d, c["classes"]), std=d ** -0.5),
    }
    x = jax.random.normal(ks[4], (n, d), jnp.float32)
    y = jax.random.randint(ks[5], (n,), 0, c["classes"], jnp.int32)

    def moe_ffn(p, x):
        gates = softmax(x @ p["w_gate"])                              # [n, e]
        # Top-1 as a one-hot mask, no argmax/sort: the max gate's expert.
        top1 = gates == jnp.max(gates, axis=-1, keepdims=True)
        dispatch = top1.astype(x.dtype)                               # [n, e]
        combine = dispatch * gates                                    # [n, e]
        expert_in = jnp.einsum("ne,nd->end", dispatch, x)             # [e, n, d]
        h = jax.nn.relu(jnp.einsum("end,edf->enf", expert_in, p["w_in"]))
        expert_out = jnp.einsum("enf,efd->end", h, p["w_out"])        # [e, n, d]
        y = jnp.einsum("ne,end->nd", combine, expert_out)
        # Switch-style load balancing: E * sum_e(fraction routed * mean gate).
        aux = e * jnp.sum(jnp.mean(dispatch, axis=0) * jnp.mean(gates, axis=0))
        return y, aux

    def loss_fn(params, x, y):
        h, aux = moe_ffn(params, x)
        logits = (x + h) @ params["w_head"]
        return cross_entropy(logits, y) + c["aux_weight"] * aux

    def step(params, opt_state, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
        return loss, sgd(params, grads, c["lr"]), opt_state

    return step, (params, {}, x, y)


# --------------------------------------------------------------------------
# convnet: conv -> BN -> relu -> strided conv -> BN -> relu -> GAP -> dense
# --------------------------------------------------------------------------

CONV = dict(batch=4, size=8, channels=3, c1=8, c2=16, classes=10, lr=0.05,
            momentum=0.9)


def conv(x: jax.Array, w: jax.Array, stride: int) -> jax.Array:
    return jax.lax.conv_general_dilated(
        x, w, window_strides=(stride, stride), padding="SAME",
        dimension_numbers=("NHWC", "HWIO", "NHWC"))


def batch_norm(x: jax.Array, p: dict, eps: float = 1e-5) -> jax.Array:
    """Training-mode batch norm: statistics over N, H, W."""
    mean = jnp.mean(x, axis=(0, 1, 2))
    var = jnp.var(x, axis=(0, 1, 2))
    return (x - mean) * jax.lax.rsqrt(var + eps) * p["scale"] + p["bias"]


def convnet_setup() -> tuple[Callable, tuple]:
    c = CONV
    ks = jax.random.split(jax.random.PRNGKey(3), 5)
    cin, c1, c2 = c["channels"], c["c1"], c["c2"]
    params = {
        "conv1": normal(ks[0], (3, 3, cin, c1), std=(9 * cin) ** -0.5),
        "bn1": {"scale": jnp.ones((c1,)), "bias": jnp.zeros((c1,))},
        "conv2": normal(ks[1], (3, 3, c1, c2), std=(9 * c1) ** -0.5),
        "bn2": {"scale": jnp.ones((c2,)), "bias": jnp.zeros((c2,))},
        "dense": {"w": normal(ks[2], (c2, c["classes"]), std=c2 ** -0.5),
                  "b": jnp.zeros((c["classes"],))},
    }
    images = jax.random.normal(ks[3], (c["batch"], c["size"], c["size"], cin))
    labels = jax.random.randint(ks[4], (c["batch"],), 0, c["classes"], jnp.int32)

    def loss_fn(params, images, labels):
        h = jax.nn.relu(batch_norm(conv(images, params["conv1"], 1), params["bn1"]))
        h = jax.nn.relu(batch_norm(conv(h, params["conv2"], 2), params["bn2"]))
        h = jnp.mean(h, axis=(1, 2))                      # global average pool
        logits = h @ params["dense"]["w"] + params["dense"]["b"]
        return cross_entropy(logits, labels)

    def step(params, opt_state, images, labels):
        loss, grads = jax.value_and_grad(loss_fn)(params, images, labels)
        buf = tree_map(lambda m, g: c["momentum"] * m + g,
                       opt_state["momentum"], grads)
        new_params = tree_map(lambda p, m: p - c["lr"] * m, params, buf)
        return loss, new_params, {"momentum": buf}

    opt_state = {"momentum": tree_map(jnp.zeros_like, params)}
    return step, (params, opt_state, images, labels)


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def warm_up(step: Callable, args: tuple, steps: int = 2) -> tuple:
    """Run a few steps so the exported state (incl. optimizer) is non-trivial."""
    jitted = jax.jit(step)
    params, opt_state, *batch = args
    for _ in range(steps):
        _, params, opt_state = jitted(params, opt_state, *batch)
    return (params, opt_state, *batch)


def check_reference(step: Callable, args: tuple, path_prefix: str) -> None:
    """Self-check: decode the JSON, compare bit-for-bit with the arrays, and
    re-run the step on the decoded inputs to compare with the decoded outputs."""
    with open(path_prefix + ".reference.json") as f:
        doc = json.load(f)
    assert doc["format"] == "shardline-jax-reference" and doc["version"] == 1
    flat_args, tree = jax.tree_util.tree_flatten(args)
    ins = [decode_entry(e) for e in doc["inputs"]]
    assert len(ins) == len(flat_args)
    for e, dec, orig in zip(doc["inputs"], ins, flat_args):
        orig = np.asarray(orig)
        assert dec.dtype == orig.dtype and dec.shape == orig.shape, e["name"]
        assert dec.tobytes() == orig.tobytes(), e["name"]
    outs = jax.tree_util.tree_leaves(jax.device_get(
        jax.jit(step, keep_unused=True)(*jax.tree_util.tree_unflatten(tree, ins))))
    assert len(outs) == len(doc["outputs"])
    for e, out in zip(doc["outputs"], outs):
        dec, out = decode_entry(e), np.asarray(out)
        assert dec.dtype == out.dtype and dec.shape == out.shape, e["name"]
        assert dec.tobytes() == out.tobytes(), e["name"]


def export_sharded_mlp(out_dir: str) -> str:
    """MLP step jitted with in_shardings on a 2x4 ('data','model') CPU mesh."""
    from jax.sharding import Mesh, NamedSharding, PartitionSpec as P
    devices = jax.devices()
    if len(devices) < 8:
        raise RuntimeError("need 8 devices; jax was initialised before "
                           "jax_num_cpu_devices could be set")
    mesh = Mesh(np.array(devices[:8]).reshape(2, 4), ("data", "model"))
    step, args = mlp_setup()
    s = lambda *spec: NamedSharding(mesh, P(*spec))
    params, opt_state, x, y = args
    # Megatron-style: odd layers split output features, even layers input.
    param_shardings = {
        name: (s(None, "model") if name in ("w1", "w3") else
               s("model", None) if name == "w2" else
               s("model") if name == "b1" else s())
        for name in params}
    in_shardings = (param_shardings, {}, s("data", None), s("data"))
    path = os.path.join(out_dir, "mlp_sharded")
    export(step, args, path, reference=False, in_shardings=in_shardings)
    return path + ".mlir"


# Global-norm bound of the gpt_clip fixture: below the warmed-up GPT's gradient
# norm, so that the clipping scales every step.
CLIP = 0.5


def build(model: str, dtype: str, scan: bool, clip: bool = False,
          batch: int | None = None) -> tuple[str, Callable, tuple]:
    """Fixture name, step and example args for a built-in model."""
    if model == "mlp":
        return "mlp", *mlp_setup()
    if model == "gpt":
        name = ("gpt" + ("_bf16" if dtype == "bf16" else "") + ("_scan" if scan else "")
                + ("_clip" if clip else ""))
        return name, *gpt_setup(dtype, scan, CLIP if clip else None, batch)
    if model == "moe":
        return "moe", *moe_setup()
    if model == "convnet":
        return "convnet", *convnet_setup()
    raise ValueError(model)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", required=True,
                    choices=["mlp", "gpt", "moe", "convnet", "all"])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--dtype", choices=["f32", "bf16"], default="f32",
                    help="compute dtype (gpt only; params stay f32)")
    ap.add_argument("--scan", action="store_true",
                    help="gpt: stack the blocks and apply them with lax.scan")
    ap.add_argument("--sharded", action="store_true",
                    help="mlp: also write mlp_sharded.mlir (8 CPU devices)")
    ap.add_argument("--clip", action="store_true",
                    help="gpt: clip gradients by global norm before Adam, and "
                         "also write NAME.x2.reference.json: the same step on "
                         "twice the batch, which two microbatches of the "
                         "exported step must reproduce")
    a = ap.parse_args(argv)

    if a.sharded:  # must happen before the CPU backend is initialised
        jax.config.update("jax_num_cpu_devices", 8)

    if a.model == "all":
        # Every fixture: the four models plus the bf16 and scan GPT variants.
        jobs = [("mlp", "f32", False, False), ("gpt", "f32", False, False),
                ("gpt", "bf16", False, False), ("gpt", "f32", True, False),
                ("gpt", "f32", False, True),
                ("moe", "f32", False, False), ("convnet", "f32", False, False)]
    else:
        jobs = [(a.model, a.dtype, a.scan, a.clip)]

    for model, dtype, scan, clip in jobs:
        name, step, args = build(model, dtype, scan, clip)
        args = warm_up(step, args)
        prefix = os.path.join(a.out, name)
        export(step, args, prefix)
        check_reference(step, args, prefix)
        sizes = [os.path.getsize(prefix + ext) for ext in (".mlir", ".reference.json")]
        print(f"{name}: {prefix}.mlir ({sizes[0]} B), "
              f"{prefix}.reference.json ({sizes[1]} B)")
        if clip:
            # The same step on twice the batch: the reference for a plan that
            # runs the exported step as two microbatches.
            _, step2, args2 = build(model, dtype, scan, clip, batch=2 * GPT["batch"])
            args2 = warm_up(step2, args2)
            export(step2, args2, prefix + ".x2", mlir=False)
            check_reference(step2, args2, prefix + ".x2")
            print(f"{name}: {prefix}.x2.reference.json "
                  f"({os.path.getsize(prefix + '.x2.reference.json')} B)")

    if a.sharded:
        print("sharded:", export_sharded_mlp(a.out))


if __name__ == "__main__":
    main()
