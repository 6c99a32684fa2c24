"""PyTorch peer of the GPU bench (bench/gpu/gpuCases.ts): the same kernels on the same input with
torch on CUDA (--cpu: torch on the CPU, for trying it where there is no GPU), and the bundled
LRCS-Net through onnxruntime (CUDA EP where that build has it, else the CPU EP).

    python3 bench/gpu/peer_gpu.py [--smoke] [--cpu] --samples DIR --out peer.json [--model lrcs-nmc.onnx]

Agreement: our WebGPU result's strided sample (DIR/<id>.f32, indices floor(j*N/M), M = min(N,
65536), compareArrays.ts) against torch's values at the same indices: max|ours - torch| / max|torch|.
Timing: median of warm calls (3 to 10 within 2 s; --smoke: one) from device-resident inputs, each
ended by torch.cuda.synchronize(); 'first_ms' is the first call (cuFFT plans, kernel loading).
"""
import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import peer_inputs  # noqa: E402

FULL = {'image': 2048, 'volume': 256}
SMOKE = {'image': 64, 'volume': 16}  # gpuCases.ts SMOKE_SIZES
SAMPLE_MAX = 65536
DEFAULT_MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'public', 'models', 'lrcs-nmc.onnx')


def gaussian_kernel(sigma, truncate=4.0):
    """skimage / scipy 1-D Gaussian: radius floor(truncate*sigma + 0.5), normalised to sum 1."""
    r = int(truncate * sigma + 0.5)
    x = np.arange(-r, r + 1, dtype=np.float64)
    k = np.exp(-0.5 * x * x / (sigma * sigma))
    return k / k.sum(), r


def gaussian_psf(size, sigma):
    """src/ops/image/gaussianPsf.ts."""
    c = (size - 1) / 2
    y, x = np.mgrid[0:size, 0:size]
    p = np.exp(-0.5 * ((y - c) ** 2 + (x - c) ** 2) / (sigma * sigma))
    return p / p.sum()


def fast_exp(y):
    """skimage's Schraudolph exp (src/ops/image/nlMeansDenoise.ts fastExp): a double whose high word
    is trunc(2^20/ln2 * y) + 1072632447 and low word 0."""
    hi = torch.trunc(1512775.3951951857 * y.double()).to(torch.int64) + 1072632447
    return (hi << 32).view(torch.float64)


class Cases:
    def __init__(self, sizes, dev, slice_path):
        if slice_path:
            peer_inputs.SLICE = slice_path
        self.n, self.m, self.dev = sizes['image'], sizes['volume'], dev
        self._image = None
        self._volume = None

    def image(self):
        if self._image is None:
            self._image = torch.from_numpy(peer_inputs.bench_image(self.n)).to(self.dev)
        return self._image

    def volume(self):
        if self._volume is None:
            self._volume = torch.from_numpy(np.ascontiguousarray(peer_inputs.bench_volume(self.m))).to(self.dev)
        return self._volume

    def fft_2d(self):
        x = self.image()
        return lambda: torch.fft.fft2(x)

    def fft_3d(self):
        v = self.volume()
        return lambda: torch.fft.fftn(v)

    def _kernel(self, sigma):
        k, r = gaussian_kernel(sigma)
        return torch.tensor(k, dtype=torch.float32, device=self.dev), r

    def gaussian_2d(self):
        x = self.image()[None, None]
        k, r = self._kernel(2.0)
        kx, ky = k.view(1, 1, 1, -1), k.view(1, 1, -1, 1)
        # 'nearest' edges = replicate padding; separable, as ours.
        return lambda: F.conv2d(F.conv2d(F.pad(x, (r, r, r, r), mode='replicate'), kx), ky)[0, 0]

    def gaussian_3d(self):
        v = self.volume()[None, None]
        k, r = self._kernel(2.0)
        kx, ky, kz = k.view(1, 1, 1, 1, -1), k.view(1, 1, 1, -1, 1), k.view(1, 1, -1, 1, 1)
        return lambda: F.conv3d(F.conv3d(F.conv3d(F.pad(v, (r,) * 6, mode='replicate'), kx), ky), kz)[0, 0]

    def median_2d(self):
        x = self.image()[None, None]
        n = self.n
        # scipy 'reflect' repeats the edge (numpy 'symmetric'); for a 1-pixel pad that is 'replicate'.
        return lambda: F.unfold(F.pad(x, (1, 1, 1, 1), mode='replicate'), 3).median(dim=1).values.view(n, n)

    def nlm_2d(self, h=0.1, s=5, d=6, sigma=0.0):
        x = self.image()
        n = self.n
        o = (s - 1) // 2
        pad = o + d
        # numpy 'reflect' (no edge repeat), as nlMeansDenoise.ts reflectIndex.
        p = F.pad(x[None, None], (pad,) * 4, mode='reflect')[0, 0]
        g = n + 2 * o  # the patch cells of every centre
        h2s2 = h * h * s * s
        var_sum = 2 * sigma * sigma * (s - 1) ** 2

        def run():
            wsum = torch.zeros((n, n), dtype=torch.float32, device=x.device)
            acc = torch.zeros_like(wsum)
            base = p[d:d + g, d:d + g]
            for ty in range(-d, d + 1):
                for tx in range(-d, d + 1):
                    other = p[d + ty:d + ty + g, d + tx:d + tx + g]
                    # skimage's integral-image box spans (s-1)x(s-1) cells, rows/cols c-o+1 .. c+o
                    # (nlMeansDenoise.ts), still divided by h^2 s^2.
                    box = F.avg_pool2d(((base - other) ** 2)[None, None], s - 1, stride=1)[0, 0, 1:n + 1, 1:n + 1] * ((s - 1) ** 2)
                    dist = torch.clamp(box - var_sum, min=0) / h2s2
                    w = torch.where(dist > 5, torch.zeros_like(dist), fast_exp(-dist).float())
                    wsum += w
                    acc += w * other[o:o + n, o:o + n]
            return acc / wsum
        return run

    def richardson_lucy_2d(self, iters=10):
        x = self.image()
        x = (x - x.min() + 0.1)[None, None]
        psf = torch.tensor(gaussian_psf(5, 1.0), dtype=torch.float32, device=x.device)[None, None]
        flipped = torch.flip(psf, (2, 3))

        def run():
            u = torch.full_like(x, 0.5)
            for _ in range(iters):
                # conv2d correlates: correlating with the flipped PSF convolves with the PSF.
                conv = F.conv2d(u, flipped, padding=2) + 1e-12
                u = u * F.conv2d(x / conv, psf, padding=2)
            return u[0, 0]
        return run

    def phase_correlation_2d(self):
        a = self.image()
        n = self.n
        m = torch.zeros_like(a)
        m[:n - 7, :n - 11] = a[7:, 11:]
        floor = 100 * np.finfo(np.float64).eps

        def run():
            r = torch.fft.fft2(a) * torch.conj(torch.fft.fft2(m))
            r = r / torch.clamp(r.abs(), min=floor)
            i = int(torch.argmax(torch.fft.ifft2(r).abs()).item())
            return torch.tensor([i // n, i % n], dtype=torch.float32)
        return run


CASES = ['fft-2d', 'fft-3d', 'gaussian-2d', 'gaussian-3d', 'median-2d', 'nlm-2d', 'richardson-lucy-2d', 'phase-correlation-2d']


def sync(dev):
    if dev.type == 'cuda':
        torch.cuda.synchronize()


def time_warm(fn, dev, smoke):
    t0 = time.perf_counter()
    out = fn()
    sync(dev)
    first = (time.perf_counter() - t0) * 1000
    ms = []
    lo, hi, budget = (1, 1, 0) if smoke else (3, 10, 2000)
    while len(ms) < lo or (len(ms) < hi and sum(ms) < budget):
        t0 = time.perf_counter()
        out = fn()
        sync(dev)
        ms.append((time.perf_counter() - t0) * 1000)
    return out, first, ms


def flat_values(t):
    t = t.detach()
    if t.is_complex():
        t = torch.view_as_real(t)  # interleaved re, im, as ours
    return t.reshape(-1).float().cpu().numpy()


def strided(values, m):
    n = values.size
    j = np.arange(m, dtype=np.int64)
    return values[(j * n) // m]


def agreement(samples_dir, cid, out):
    path = os.path.join(samples_dir, f'{cid}.f32')
    if not os.path.exists(path):
        return None, f'no WebGPU sample at {path}'
    ours = np.fromfile(path, dtype='<f4')
    values = flat_values(out)
    m = min(values.size, SAMPLE_MAX)
    if ours.size != m:
        return None, f'{path} has {ours.size} values, expected {m} (result of {values.size} values)'
    ref = strided(values, m).astype(np.float64)
    scale = np.abs(ref).max()
    diff = np.abs(ours.astype(np.float64) - ref).max()
    if not np.isfinite(diff):
        return float('inf'), None
    return float(diff / scale if scale > 0 else diff), None


def run_cnn(model, n, smoke, cuda):
    """The bundled LRCS-Net on an n x n z-scored slice: onnxruntime CUDA EP if offered, and CPU EP."""
    res = {'model': os.path.basename(model), 'input': f'1x1x{n}x{n} float32', 'onnxruntime': None,
           'available_providers': [], 'results': []}
    try:
        import onnxruntime as ort
    except ImportError as e:
        res['note'] = f'onnxruntime is not installed here ({e})'
        return res
    res['onnxruntime'] = ort.__version__
    res['available_providers'] = list(ort.get_available_providers())
    x = peer_inputs.bench_image(n).astype(np.float64)
    x = ((x - x.mean()) / max(x.std(), 1e-6)).astype(np.float32)[None, None]
    wanted = (['CUDAExecutionProvider'] if cuda else []) + ['CPUExecutionProvider']
    missing = [p for p in wanted if p not in res['available_providers']]
    if missing:
        res['note'] = f'not offered by this onnxruntime build: {", ".join(missing)}'
    for prov in [p for p in wanted if p in res['available_providers']]:
        try:
            sess = ort.InferenceSession(model, providers=[prov])
            name = sess.get_inputs()[0].name
            fn = lambda: sess.run(None, {name: x})  # noqa: E731
            _, first, ms = time_warm(fn, torch.device('cpu'), smoke)
            note = f'{os.cpu_count()} cores' if prov == 'CPUExecutionProvider' else None
            res['results'].append({'provider': prov, 'ms': float(np.median(ms)), 'first_ms': first, **({'note': note} if note else {})})
        except Exception as e:  # noqa: BLE001 - a provider failing is a result to report, not a crash
            res['results'].append({'provider': prov, 'ms': None, 'first_ms': None, 'note': f'failed: {e}'})
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--smoke', action='store_true')
    ap.add_argument('--cpu', action='store_true', help='torch on the CPU (no GPU here); never labelled as CUDA')
    ap.add_argument('--samples', default='/tmp/gpubench/samples')
    ap.add_argument('--out', default='/tmp/gpubench/peer.json')
    ap.add_argument('--slice', default=None)
    ap.add_argument('--model', default=DEFAULT_MODEL)
    ap.add_argument('--cases', default=None)
    a = ap.parse_args()
    if not a.cpu and not torch.cuda.is_available():
        raise SystemExit('peer_gpu.py: torch sees no CUDA device; pass --cpu to run the peer on the CPU')
    dev = torch.device('cpu' if a.cpu else 'cuda')
    sizes = SMOKE if a.smoke else FULL
    cases = Cases(sizes, dev, a.slice)
    wanted = a.cases.split(',') if a.cases else CASES
    out = {
        'kind': 'operando-flow gpu bench peer',
        'date': datetime.now(timezone.utc).isoformat(),
        'device': dev.type,
        'device_name': torch.cuda.get_device_name(0) if dev.type == 'cuda' else platform.processor() or platform.machine(),
        'torch': torch.__version__,
        'cuda': torch.version.cuda if dev.type == 'cuda' else None,
        'python': platform.python_version(),
        'threads': torch.get_num_threads(),
        'cases': {},
    }
    for cid in CASES:
        if cid not in wanted:
            continue
        try:
            fn = getattr(cases, cid.replace('-', '_'))()
            result, first, ms = time_warm(fn, dev, a.smoke)
            agree, why = agreement(a.samples, cid, result)
            entry = {'ms': float(np.median(ms)), 'first_ms': first, 'runs': len(ms), 'agreement': agree}
            if why:
                entry['note'] = why
            print(f'[peer] {cid}: {entry["ms"]:.3f} ms (first {first:.1f}), agreement {agree}', flush=True)
        except Exception as e:  # noqa: BLE001 - one failing case is reported, the others still run
            entry = {'ms': None, 'first_ms': None, 'runs': 0, 'agreement': None, 'error': f'{type(e).__name__}: {e}'}
            print(f'[peer] {cid}: FAILED {entry["error"]}', flush=True)
        out['cases'][cid] = entry
    if dev.type == 'cuda':
        torch.cuda.empty_cache()
    out['cnn'] = run_cnn(a.model, 512 if not a.smoke else 64, a.smoke, dev.type == 'cuda')
    print(f'[peer] cnn: {json.dumps(out["cnn"])}', flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, 'w') as f:
        json.dump(out, f, indent=1)
    print(f'[peer] wrote {a.out}', flush=True)


if __name__ == '__main__':
    main()
