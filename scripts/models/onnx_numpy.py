"""A small numpy evaluator of ONNX graphs, for the ops the bundled segmentation networks use
(Conv, ConvTranspose, BatchNormalization, Relu, Sigmoid, MaxPool, Concat, Softmax, Identity,
Constant). onnxruntime is not installed with Debian's python3-onnx 1.12 (which has no reference
evaluator either); this checks the exported graph independently of torch. Float64 inside.
"""
import numpy as np
from onnx import numpy_helper


def _attrs(node):
    out = {}
    for a in node.attribute:
        if a.type == a.INT:
            out[a.name] = a.i
        elif a.type == a.INTS:
            out[a.name] = list(a.ints)
        elif a.type == a.FLOAT:
            out[a.name] = a.f
        elif a.type == a.STRING:
            out[a.name] = a.s.decode()
        elif a.type == a.TENSOR:
            out[a.name] = numpy_helper.to_array(a.t)
    return out


def _conv(x, w, b, pads, strides, dilations, group):
    if group != 1 or any(s != 1 for s in strides) or any(d != 1 for d in dilations):
        raise NotImplementedError(f'Conv with group={group} strides={strides} dilations={dilations}')
    n, cin, h, wd = x.shape
    cout, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    ho = xp.shape[2] - kh + 1
    wo = xp.shape[3] - kw + 1
    out = np.zeros((n, cout, ho, wo))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + ho, j:j + wo]  # n, cin, ho, wo
            out += np.einsum('nchw,oc->nohw', patch, w[:, :, i, j], optimize=True)
    if b is not None:
        out += b[None, :, None, None]
    return out


def _conv_transpose(x, w, b, strides, pads, kernel):
    n, cin, h, wd = x.shape
    _, cout, kh, kw = w.shape
    sh, sw = strides
    if any(pads) or kh != sh or kw != sw:
        raise NotImplementedError(f'ConvTranspose with kernel {kernel} strides {strides} pads {pads}')
    out = np.zeros((n, cout, h * sh, wd * sw))
    for i in range(kh):
        for j in range(kw):
            out[:, :, i::sh, j::sw] = np.einsum('nchw,co->nohw', x, w[:, :, i, j], optimize=True)
    if b is not None:
        out += b[None, :, None, None]
    return out


def _maxpool(x, kernel, strides, pads):
    if any(pads) or kernel != strides:
        raise NotImplementedError(f'MaxPool kernel {kernel} strides {strides} pads {pads}')
    n, c, h, w = x.shape
    kh, kw = kernel
    return x[:, :, :h // kh * kh, :w // kw * kw].reshape(n, c, h // kh, kh, w // kw, kw).max(axis=(3, 5))


def run_onnx_numpy(model, x):
    """Evaluates `model` (an onnx ModelProto) on the single input `x`; returns the first output."""
    env = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    env[model.graph.input[0].name] = np.asarray(x, np.float64)
    for node in model.graph.node:
        a = _attrs(node)
        ins = [env[i] if i else None for i in node.input]
        op = node.op_type
        if op == 'Conv':
            k = ins[1].shape[2:]
            y = _conv(ins[0], ins[1], ins[2] if len(ins) > 2 else None, a.get('pads', [0, 0, 0, 0]),
                      a.get('strides', [1, 1]), a.get('dilations', [1, 1]), a.get('group', 1))
            assert list(k) == list(a.get('kernel_shape', k))
        elif op == 'ConvTranspose':
            y = _conv_transpose(ins[0], ins[1], ins[2] if len(ins) > 2 else None, a.get('strides', [1, 1]),
                                a.get('pads', [0, 0, 0, 0]), a.get('kernel_shape'))
        elif op == 'BatchNormalization':
            xx, scale, bias, mean, var = ins
            eps = a.get('epsilon', 1e-5)
            sh = (1, -1, 1, 1)
            y = (xx - mean.reshape(sh)) / np.sqrt(var.reshape(sh) + eps) * scale.reshape(sh) + bias.reshape(sh)
        elif op == 'Relu':
            y = np.maximum(ins[0], 0)
        elif op == 'Sigmoid':
            y = 1 / (1 + np.exp(-ins[0]))
        elif op == 'MaxPool':
            y = _maxpool(ins[0], a['kernel_shape'], a.get('strides', a['kernel_shape']), a.get('pads', [0, 0, 0, 0]))
        elif op == 'Concat':
            y = np.concatenate(ins, axis=a['axis'])
        elif op == 'Softmax':
            ax = a.get('axis', -1)
            e = np.exp(ins[0] - ins[0].max(axis=ax, keepdims=True))
            y = e / e.sum(axis=ax, keepdims=True)
        elif op == 'Identity':
            y = ins[0]
        elif op == 'Constant':
            y = a['value'].astype(np.float64)
        else:
            raise NotImplementedError(f'onnx_numpy: op {op} not supported')
        env[node.output[0]] = y
    return env[model.graph.output[0].name]
