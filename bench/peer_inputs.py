"""Benchmark inputs for peer.py, built exactly as bench/inputs.ts builds them."""
import os

import numpy as np
import tifffile

SLICE = os.path.join(os.path.dirname(__file__), '..', 'public', 'examples', 'data', 'segmentpy-nmc', '100.tif')


def _slice():
    return tifffile.imread(SLICE).astype(np.float32)


def _mirror(i, n):
    k = i % (2 * n)
    return np.where(k < n, k, 2 * n - 1 - k)


def _tiled(src, rows, cols, oy, ox):
    h, w = src.shape
    ys = _mirror(np.arange(rows) + oy, h)
    xs = _mirror(np.arange(cols) + ox, w)
    return src[np.ix_(ys, xs)]


def bench_image(n):
    return np.ascontiguousarray(_tiled(_slice(), n, n, 0, 0))


def bench_volume(n):
    s = _slice()
    return np.stack([_tiled(s, n, n, 3 * z, 5 * z) for z in range(n)])
