"""The peers of `npm run bench`: the field's tools on the same inputs, one case per process.

    /usr/bin/python3 bench/peer.py <id> <image side> <volume side> <result file>

Prints one JSON line {id, ms, median, cpuMs, cpuMedian, maxRssMB, versions}; writes the result as float64 LE.
Timing rule as bench/timing.ts. Debian's python3-numpy / scipy / skimage (single-threaded).
"""
import json
import resource
import sys
import time

import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage
from skimage import filters, registration, restoration

sys.path.insert(0, __import__('os').path.dirname(__file__))
from peer_inputs import bench_image, bench_volume  # noqa: E402


def gaussian_psf(size, sigma):
    c = (size - 1) / 2
    y, x = np.mgrid[0:size, 0:size]
    p = np.exp(-((x - c) ** 2 + (y - c) ** 2) / (2 * sigma * sigma))
    return p / p.sum()


def first_row(z):
    row = z.reshape(-1)[: z.shape[-1]]
    out = np.empty(2 * row.size)
    out[0::2] = row.real
    out[1::2] = row.imag
    return out


def case(cid, n, m):
    if cid.endswith('-3d'):
        v = bench_volume(m)
    else:
        a = bench_image(n)
    if cid == 'gaussian-2d':
        return lambda: filters.gaussian(a, sigma=2, mode='nearest', truncate=4.0, preserve_range=True)
    if cid == 'median-2d':
        return lambda: ndi.median_filter(a, size=3, mode='reflect')
    if cid == 'nlm-2d':
        return lambda: restoration.denoise_nl_means(a, patch_size=5, patch_distance=6, h=0.1, fast_mode=True)
    if cid == 'tv-2d':
        return lambda: restoration.denoise_tv_chambolle(a, weight=0.1)
    if cid == 'phase-correlation-2d':
        mov = np.zeros_like(a)
        mov[: n - 7, : n - 11] = a[7:, 11:]
        return lambda: np.asarray(registration.phase_cross_correlation(a, mov, upsample_factor=10)[0], dtype=np.float64)
    if cid == 'richardson-lucy-2d':
        psf = gaussian_psf(5, 1.0)
        pos = (a - a.min() + np.float32(0.1)).astype(np.float32)  # RL assumes non-negative data
        return lambda: restoration.richardson_lucy(pos, psf, num_iter=10, clip=False)
    if cid == 'otsu-2d':
        return lambda: np.array([filters.threshold_otsu(a)])
    if cid == 'fft-2d':
        return lambda: first_row(np.fft.fft2(a))
    if cid == 'gaussian-3d':
        return lambda: ndi.gaussian_filter(v, sigma=2, mode='nearest', truncate=4.0)
    if cid == 'median-3d':
        return lambda: ndi.median_filter(v, size=3, mode='reflect')
    if cid == 'fft-3d':
        return lambda: first_row(np.fft.fftn(v))
    raise SystemExit(f'bench/peer.py: unknown case "{cid}"')


def time_runs(fn):
    """Wall-clock runs as bench/timing.ts, plus the CPU time of each (process_time: robust to a loaded machine)."""
    t0 = time.perf_counter()
    c0 = time.process_time()
    result = fn()
    first = (time.perf_counter() - t0) * 1000
    if first >= 5000:
        return [first], first, [(time.process_time() - c0) * 1000], result
    ms = []
    cpu = []
    while len(ms) < 5 and (not ms or sum(ms) < 3000):
        t0 = time.perf_counter()
        c0 = time.process_time()
        result = fn()
        ms.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return ms, float(np.median(ms)), cpu, result


def main():
    cid, n, m, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    ms, median, cpu, result = time_runs(case(cid, n, m))
    np.asarray(result, dtype='<f8').tofile(out)
    print(json.dumps({
        'id': cid, 'ms': ms, 'median': median, 'cpuMs': cpu, 'cpuMedian': float(np.median(cpu)),
        'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'versions': f'numpy {np.__version__}, scipy {scipy.__version__}, scikit-image {skimage.__version__}',
    }))


if __name__ == '__main__':
    main()
