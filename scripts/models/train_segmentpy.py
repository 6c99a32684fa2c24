#!/usr/bin/env python3
"""Trains the bundled SegmentPy-style segmentation network on the real labelled NMC nano-CT slices.

Data: `../shared/data/ct/segmentpy-nmc` (ZeliangSu/SegmentPy @ 8eb89d8 `raw/`, Apache-2.0): slices
1, 100, 103 (+ `*_label.tif`, labels 0..2) for training, slice 394 only for validation (never seen
in training). Each image is normalised per image by z-score `(x - mean) / std` (robust to slices
with different value ranges). Networks (see `../shared/ALGORITHMS.md` § SegmentPy):

- LRCS-Net: encoder conv1(cs) -> pool -> conv2(2cs) -> pool -> conv3(4cs) -> pool -> conv4(4cs,
  sigmoid); decoder conv5a,b(4cs) -> up -> conv6a,b(2cs) -> up -> conv7a,b(2cs) -> up ->
  conv8a,b(cs) -> conv8c 1x1 (n classes). SegmentPy's max-unpooling with pooling indices is
  replaced by a 2x2 transposed convolution plus concatenation of the encoder feature map of the
  same level (carries the same fine-scale information; plain ONNX ops that onnxruntime-web runs).
- U-Net (small, 3 levels): 2 convs per level cs, 2cs, 4cs, bottleneck 8cs, transposed-conv up +
  concatenation, 1x1 to n classes.

Training: random 128x128 patches from the training slices, one augmentation drawn per patch
(none / flip / Gaussian noise sigma=0.1 / grey-level shift), loss cross-entropy + Dice, Adam,
learning-rate schedule (exp decay per epoch, SegmentPy ramp, or constant), fixed seeds. CPU only.
Per epoch it prints the training loss and the per-phase IoU on slice 394.

Outputs: `public/models/<name>.onnx` (input `input` float32 [N,1,H,W], H and W multiples of 8,
output `probabilities` float32 [N,C,H,W] after softmax, opset 13), the model card
`public/models/<name>.json`, `public/models/index.json`, and the inference reference
`test/fixtures/cnn/` (probabilities of a 64x64 crop of slice 394 from the torch model in eval mode).

Run (from the repository root, with Debian's python3-torch + python3-onnx):
    /usr/bin/python3 scripts/models/train_segmentpy.py
"""
import argparse
import json
import os
import pathlib
import platform
import sys
import time

import numpy as np
import tifffile
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from onnx_numpy import run_onnx_numpy  # noqa: E402  (independent check of the exported graph)

TRAIN_SLICES = ['1', '100', '103']
VAL_SLICES = ['394']


# ---------------------------------------------------------------- networks
def conv_block(cin, cout, k, act='relu'):
    layers = [nn.Conv2d(cin, cout, k, padding=k // 2), nn.BatchNorm2d(cout)]
    layers.append(nn.Sigmoid() if act == 'sigmoid' else nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class LRCSNet(nn.Module):
    """LRCS-Net (SegmentPy): asymmetric trimmed SegNet, one conv per encoder level, sigmoid conv4."""

    def __init__(self, cs=16, k=3, n_classes=3):
        super().__init__()
        self.conv1 = conv_block(1, cs, k)
        self.conv2 = conv_block(cs, 2 * cs, k)
        self.conv3 = conv_block(2 * cs, 4 * cs, k)
        self.conv4 = conv_block(4 * cs, 4 * cs, k, act='sigmoid')
        self.conv5 = nn.Sequential(conv_block(4 * cs, 4 * cs, k), conv_block(4 * cs, 4 * cs, k))
        self.up1 = nn.ConvTranspose2d(4 * cs, 4 * cs, 2, stride=2)
        self.conv6 = nn.Sequential(conv_block(8 * cs, 2 * cs, k), conv_block(2 * cs, 2 * cs, k))
        self.up2 = nn.ConvTranspose2d(2 * cs, 2 * cs, 2, stride=2)
        self.conv7 = nn.Sequential(conv_block(4 * cs, 2 * cs, k), conv_block(2 * cs, 2 * cs, k))
        self.up3 = nn.ConvTranspose2d(2 * cs, cs, 2, stride=2)
        self.conv8 = nn.Sequential(conv_block(2 * cs, cs, k), conv_block(cs, cs, k))
        self.conv8c = nn.Conv2d(cs, n_classes, 1)

    def forward(self, x):
        c1 = self.conv1(x)
        c2 = self.conv2(F.max_pool2d(c1, 2))
        c3 = self.conv3(F.max_pool2d(c2, 2))
        c4 = self.conv4(F.max_pool2d(c3, 2))
        d = self.conv5(c4)
        d = self.conv6(torch.cat([self.up1(d), c3], 1))
        d = self.conv7(torch.cat([self.up2(d), c2], 1))
        d = self.conv8(torch.cat([self.up3(d), c1], 1))
        return self.conv8c(d)


class UNet(nn.Module):
    """Small U-Net: 3 pooling levels, two convs per level."""

    def __init__(self, cs=16, k=3, n_classes=3):
        super().__init__()
        w = [cs, 2 * cs, 4 * cs, 8 * cs]
        self.enc = nn.ModuleList()
        cin = 1
        for c in w[:3]:
            self.enc.append(nn.Sequential(conv_block(cin, c, k), conv_block(c, c, k)))
            cin = c
        self.mid = nn.Sequential(conv_block(w[2], w[3], k), conv_block(w[3], w[3], k))
        self.ups = nn.ModuleList()
        self.dec = nn.ModuleList()
        cin = w[3]
        for c in reversed(w[:3]):
            self.ups.append(nn.ConvTranspose2d(cin, c, 2, stride=2))
            self.dec.append(nn.Sequential(conv_block(2 * c, c, k), conv_block(c, c, k)))
            cin = c
        self.head = nn.Conv2d(w[0], n_classes, 1)

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.mid(x)
        for up, dec, s in zip(self.ups, self.dec, reversed(skips)):
            x = dec(torch.cat([up(x), s], 1))
        return self.head(x)


class WithSoftmax(nn.Module):
    """The exported graph: logits -> softmax over the class axis."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.softmax(self.net(x), dim=1)


# ---------------------------------------------------------------- data
def zscore(x):
    x = x.astype(np.float64)
    return ((x - x.mean()) / x.std()).astype(np.float32)


def load_slice(data_dir, name):
    img = tifffile.imread(os.path.join(data_dir, f'{name}.tif'))
    lab = tifffile.imread(os.path.join(data_dir, f'{name}_label.tif'))
    if img.shape != lab.shape:
        raise ValueError(f'{name}.tif {img.shape} and {name}_label.tif {lab.shape} differ in shape')
    return img.astype(np.float32), lab.astype(np.int64)


def class_names_by_grey_level(slices):
    """Label value -> phase name from the data: pooled mean grey level of the z-scored images per
    label; the darkest label is the pores, the brightest the NMC, the middle one carbon-binder."""
    sums = np.zeros(3)
    counts = np.zeros(3)
    per_slice = {}
    for name, (img, lab) in slices.items():
        z = zscore(img)
        means = []
        for k in range(3):
            m = lab == k
            sums[k] += z[m].sum()
            counts[k] += m.sum()
            means.append(round(float(z[m].mean()), 4))
        per_slice[name] = means
    pooled = sums / counts
    order = np.argsort(pooled)  # darkest first
    names = [''] * 3
    names[order[0]] = 'pores'
    names[order[1]] = 'carbon-binder'
    names[order[2]] = 'NMC'
    return names, [round(float(p), 4) for p in pooled], per_slice, [int(i) for i in order]


def sample_batch(rng, train, patch, batch, aug):
    xs = np.empty((batch, 1, patch, patch), np.float32)
    ys = np.empty((batch, patch, patch), np.int64)
    names = list(train)
    weights = np.array([train[n][0].size for n in names], np.float64)
    weights /= weights.sum()
    for b in range(batch):
        img, lab = train[names[rng.choice(len(names), p=weights)]]
        i = rng.integers(0, img.shape[0] - patch + 1)
        j = rng.integers(0, img.shape[1] - patch + 1)
        x = img[i:i + patch, j:j + patch].copy()
        y = lab[i:i + patch, j:j + patch].copy()
        if aug:
            kind = rng.integers(0, 4)  # one augmentation at random per patch, as SegmentPy
            if kind == 1:  # flip (horizontal or vertical)
                ax = rng.integers(0, 2)
                x = np.flip(x, ax).copy()
                y = np.flip(y, ax).copy()
            elif kind == 2:  # Gaussian noise sigma = 0.1 (of the z-scored image)
                x += rng.normal(0.0, 0.1, x.shape).astype(np.float32)
            elif kind == 3:  # grey-level shift: shift_scale * std(patch) * U(-1, 1)
                x += np.float32(aug['shift_scale'] * x.std() * rng.uniform(-1.0, 1.0))
        xs[b, 0] = x
        ys[b] = y
    return torch.from_numpy(xs), torch.from_numpy(ys)


# ---------------------------------------------------------------- loss / metrics
def ce_dice_loss(logits, target, n_classes):
    ce = F.cross_entropy(logits, target)
    p = torch.softmax(logits, 1)
    y = F.one_hot(target, n_classes).permute(0, 3, 1, 2).float()
    dice = 1.0 - 2.0 * (y * p).sum() / (y + p).sum()
    return ce + dice, float(ce), float(dice)


def phase_metrics(pred, lab, names):
    """Per-phase IoU and accuracy (= recall, correctly labelled pixels of that phase), pixel accuracy."""
    out = {}
    ious = []
    for k, n in enumerate(names):
        p = pred == k
        t = lab == k
        inter = np.logical_and(p, t).sum()
        union = np.logical_or(p, t).sum()
        iou = float(inter / union) if union else float('nan')
        ious.append(iou)
        out[f'iou.{n}'] = round(iou, 4)
        out[f'accuracy.{n}'] = round(float(inter / t.sum()) if t.sum() else float('nan'), 4)
    out['iou.mean'] = round(float(np.mean(ious)), 4)
    out['pixelAccuracy'] = round(float((pred == lab).mean()), 4)
    return out


def predict_full(model, img, multiple=8):
    """Whole z-scored slice, reflect-padded to a multiple of 8, probabilities cropped back."""
    h, w = img.shape
    ph = (-h) % multiple
    pw = (-w) % multiple
    x = np.pad(img, ((0, ph), (0, pw)), mode='reflect')
    with torch.no_grad():
        prob = torch.softmax(model(torch.from_numpy(x)[None, None]), 1)[0].numpy()
    return prob[:, :h, :w]


def multi_otsu_labels(img, names):
    """skimage multi-Otsu (3 classes) on the raw slice; classes mapped to labels by grey level."""
    from skimage.filters import threshold_multiotsu
    th = threshold_multiotsu(img, classes=3)
    regions = np.digitize(img, bins=th)  # 0 darkest .. 2 brightest
    by_level = [names.index('pores'), names.index('carbon-binder'), names.index('NMC')]
    return np.array(by_level)[regions], [float(t) for t in th]


def lr_at(args, epoch, step, steps_per_epoch):
    if args.schedule == 'exp':
        return args.lr * args.decay ** epoch
    if args.schedule == 'ramp':  # SegmentPy: lr0 * k ^ floor(step / (nb_batch * period))
        return args.lr * args.decay ** ((epoch * steps_per_epoch + step) // (steps_per_epoch * args.period))
    return args.lr


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=str(ROOT.parent / 'shared' / 'data' / 'ct' / 'segmentpy-nmc'))
    ap.add_argument('--arch', choices=['lrcs', 'unet'], default='lrcs')
    ap.add_argument('--cs', type=int, default=16, help='channel width of the first level')
    ap.add_argument('--kernel', type=int, default=3, help='convolution kernel size (odd)')
    ap.add_argument('--patch', type=int, default=128)
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--epochs', type=int, default=16)
    ap.add_argument('--steps', type=int, default=40, help='batches per epoch')
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--schedule', choices=['exp', 'ramp', 'constant'], default='exp')
    ap.add_argument('--decay', type=float, default=0.85, help='exp: factor per epoch; ramp: k')
    ap.add_argument('--period', type=int, default=3, help='ramp: epochs per step')
    ap.add_argument('--shift-scale', type=float, default=0.2, help='grey-level shift amplitude, x std(patch)')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--max-minutes', type=float, default=40,
                    help='stop after the epoch that passes this wall time (shared machines); the card records the '
                         'epochs done, and --epochs <done> reproduces the same model (the schedule is per epoch)')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--name', default='lrcs-nmc')
    ap.add_argument('--out', default=str(ROOT / 'public' / 'models'))
    ap.add_argument('--fixtures', default=str(ROOT / 'test' / 'fixtures' / 'cnn'))
    args = ap.parse_args()
    if args.patch % 8:
        ap.error(f'--patch {args.patch}: expected a multiple of 8 (3 max-pools)')
    if args.kernel % 2 == 0:
        ap.error(f'--kernel {args.kernel}: expected an odd size')

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    t0 = time.time()

    raw = {n: load_slice(args.data, n) for n in TRAIN_SLICES + VAL_SLICES}
    names, pooled, per_slice, order = class_names_by_grey_level(raw)
    print(f'classes by label value: {names} (pooled z-scored means {pooled}; per slice {per_slice})', flush=True)
    train = {n: (zscore(raw[n][0]), raw[n][1]) for n in TRAIN_SLICES}
    val_img, val_lab = zscore(raw['394'][0]), raw['394'][1]

    Net = LRCSNet if args.arch == 'lrcs' else UNet
    net = Net(cs=args.cs, k=args.kernel, n_classes=3)
    n_params = sum(p.numel() for p in net.parameters())
    print(f'{args.arch} cs={args.cs} kernel={args.kernel}: {n_params} parameters', flush=True)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    aug = {'shift_scale': args.shift_scale}
    history = []
    for epoch in range(args.epochs):
        net.train()
        tot = ce_sum = dice_sum = 0.0
        for step in range(args.steps):
            lr = lr_at(args, epoch, step, args.steps)
            for g in opt.param_groups:
                g['lr'] = lr
            x, y = sample_batch(rng, train, args.patch, args.batch, aug)
            opt.zero_grad()
            loss, ce, dice = ce_dice_loss(net(x), y, 3)
            loss.backward()
            opt.step()
            tot += float(loss)
            ce_sum += ce
            dice_sum += dice
        net.eval()
        m = phase_metrics(predict_full(net, val_img).argmax(0), val_lab, names)
        rec = {'epoch': epoch + 1, 'lr': lr, 'loss': round(tot / args.steps, 4), 'ce': round(ce_sum / args.steps, 4),
               'dice': round(dice_sum / args.steps, 4), 'val394.iou.mean': m['iou.mean'],
               'val394.pixelAccuracy': m['pixelAccuracy'], 'wall_s': round(time.time() - t0, 1)}
        history.append(rec)
        print(json.dumps(rec), flush=True)
        if time.time() - t0 > args.max_minutes * 60 and epoch + 1 < args.epochs:
            print(f'stopping after epoch {epoch + 1}: past --max-minutes {args.max_minutes}', flush=True)
            break
    epochs_done = len(history)
    wall = time.time() - t0

    # ---- final metrics on slice 394 (final epoch's weights; no model selection on 394)
    net.eval()
    prob394 = predict_full(net, val_img)
    cnn = phase_metrics(prob394.argmax(0), val_lab, names)
    otsu_lab, th = multi_otsu_labels(raw['394'][0], names)
    otsu = phase_metrics(otsu_lab, val_lab, names)
    print('CNN on 394:', cnn, flush=True)
    print('multi-Otsu on 394:', otsu, 'thresholds', th, flush=True)

    # ---- ONNX export
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    onnx_path = out / f'{args.name}.onnx'
    export = WithSoftmax(net).eval()
    dummy = torch.zeros(1, 1, 64, 64)
    torch.onnx.export(export, dummy, str(onnx_path), opset_version=13, input_names=['input'],
                      output_names=['probabilities'], do_constant_folding=True,
                      dynamic_axes={'input': {0: 'N', 2: 'H', 3: 'W'}, 'probabilities': {0: 'N', 2: 'H', 3: 'W'}})
    import onnx
    model = onnx.load(str(onnx_path))
    onnx.checker.check_model(model, full_check=True)
    ops = sorted({n.op_type for n in model.graph.node})
    size = onnx_path.stat().st_size
    print(f'ONNX {onnx_path} {size} bytes, ops {ops}', flush=True)

    # ---- reference for the TypeScript inference tests: 64x64 crop of slice 394, z-scored over the crop
    fx = pathlib.Path(args.fixtures)
    fx.mkdir(parents=True, exist_ok=True)
    r0, c0, hh, ww = 216, 184, 64, 64
    crop_raw = raw['394'][0][r0:r0 + hh, c0:c0 + ww].astype(np.float32)
    crop_in = zscore(crop_raw)
    with torch.no_grad():
        ref = export(torch.from_numpy(crop_in)[None, None]).numpy().astype(np.float32)
    onnx_np = run_onnx_numpy(model, crop_in[None, None])
    max_diff = float(np.abs(onnx_np - ref).max())
    print(f'max |torch - ONNX graph (numpy evaluator)| on the crop: {max_diff:.3g}', flush=True)
    if max_diff > 1e-4:
        raise SystemExit(f'exported ONNX graph disagrees with torch: max diff {max_diff}')
    crop_raw.astype('<f4').tofile(fx / 'nmc394_crop.f32')
    ref.astype('<f4').tofile(fx / 'nmc394_probabilities.f32')
    crop_lab = val_lab[r0:r0 + hh, c0:c0 + ww]
    ref_pred = ref[0].argmax(0)
    (fx / 'nmc394_crop.json').write_text(json.dumps({
        'source': 'ct/segmentpy-nmc/394.tif (ZeliangSu/SegmentPy @ 8eb89d8 raw/394.tif, Apache-2.0)',
        'model': f'public/models/{args.name}.onnx',
        'crop': {'row': r0, 'col': c0, 'height': hh, 'width': ww},
        'input': {'file': 'nmc394_crop.f32', 'dtype': 'float32', 'endianness': 'little', 'shape': [hh, ww],
                  'what': 'raw grey values of 394.tif[row:row+height, col:col+width]'},
        'normalization': {'method': 'zscore', 'over': 'the crop itself', 'mean': float(crop_raw.astype(np.float64).mean()),
                          'std': float(crop_raw.astype(np.float64).std())},
        'output': {'file': 'nmc394_probabilities.f32', 'dtype': 'float32', 'endianness': 'little',
                   'shape': [1, 3, hh, ww], 'what': 'softmax probabilities, NCHW, from the torch model in eval mode'},
        'classes': names,
        'argmaxCounts': [int((ref_pred == k).sum()) for k in range(3)],
        'argmaxAgreementWithLabels': round(float((ref_pred == crop_lab).mean()), 4),
        'maxAbsTorchVsOnnxGraph': max_diff,
        'onnxCheck': 'exported graph evaluated by scripts/models/onnx_numpy.py (numpy Conv/BatchNorm/ConvTranspose/...); '
                     'onnxruntime is not installed here',
    }, indent=1) + '\n')

    # ---- model card + index
    card = {
        'name': args.name,
        'title': 'LRCS-Net, NMC cathode nano-CT (3 phases)' if args.arch == 'lrcs' else 'U-Net, NMC cathode nano-CT (3 phases)',
        'format': 'onnx',
        'file': onnx_path.name,
        'architecture': {
            'network': 'LRCS-Net' if args.arch == 'lrcs' else 'U-Net',
            'cs': args.cs, 'kernel': args.kernel, 'parameters': n_params, 'batchNorm': True,
            'upsampling': '2x2 transposed convolution + concatenation of the encoder map of the same level '
                          '(replaces SegmentPy\'s max-unpooling with indices)',
            'layers': ('conv1(cs) pool conv2(2cs) pool conv3(4cs) pool conv4(4cs, sigmoid) | conv5a,b(4cs) up '
                       'conv6a,b(2cs) up conv7a,b(2cs) up conv8a,b(cs) conv8c 1x1(3) softmax')
            if args.arch == 'lrcs' else
            '2 convs per level cs,2cs,4cs (3 pools), bottleneck 8cs, up + concat, 1x1(3) softmax',
            'onnx': {'opset': 13, 'input': 'input', 'output': 'probabilities', 'ops': ops, 'bytes': size},
        },
        'classes': names,
        'classMapping': ('class i = label value i of the SegmentPy *_label.tif files; names from the data: per label the '
                         'mean grey level of the z-scored slices 1, 100, 103, 394 pooled; darkest = pores, '
                         'brightest = NMC, middle = carbon-binder'),
        'classMeanGreyLevels': {'pooled': pooled, 'perSlice': per_slice},
        'inputShape': [1, 1, -1, -1],
        'multipleOf': 8,
        'normalization': {'method': 'zscore'},
        'training': {
            'slices': TRAIN_SLICES, 'validation': VAL_SLICES,
            'patch': args.patch, 'patchSampling': 'random positions, slices weighted by area',
            'epochs': epochs_done, 'stepsPerEpoch': args.steps, 'batch': args.batch,
            'optimizer': 'Adam',
            'lrSchedule': {'kind': args.schedule, 'lr0': args.lr, 'decay': args.decay,
                           **({'period': args.period} if args.schedule == 'ramp' else {})},
            'loss': 'cross-entropy + Dice (1 - 2 sum(y p) / sum(y + p))',
            'augmentation': ('one per patch at random: none | flip (h or v) | Gaussian noise sigma=0.1 | '
                             f'grey-level shift {args.shift_scale} x std(patch) x U(-1,1)'),
            'seed': args.seed, 'threads': args.threads,
            'wallTimeSeconds': round(wall, 1),
            'torch': torch.__version__, 'numpy': np.__version__, 'python': platform.python_version(),
            'history': history,
        },
        'metrics': {
            'slice': '394',
            'cnn': cnn,
            'multiOtsu': {**otsu, 'thresholds': [round(t, 6) for t in th],
                          'method': 'skimage.filters.threshold_multiotsu(394.tif, classes=3), regions mapped by grey level '
                                    '(darkest->pores, middle->carbon-binder, brightest->NMC)'},
        },
        'dataRecipe': ('ZeliangSu/SegmentPy @ 8eb89d8 raw/{1,100,103,394}.tif + *_label.tif (Apache-2.0), '
                       'big-endian float32 slices read with tifffile; z-score per image; train on 1, 100, 103; '
                       'metrics on the whole of 394 (500x500, reflect-padded to 504x504 for the network, cropped back). '
                       'Retrain: /usr/bin/python3 scripts/models/train_segmentpy.py ' +
                       ' '.join(f'--{k.replace("_", "-")} {v}' for k, v in
                                [('arch', args.arch), ('cs', args.cs), ('kernel', args.kernel), ('patch', args.patch), ('epochs', epochs_done),
                                 ('steps', args.steps), ('batch', args.batch), ('lr', args.lr),
                                 ('schedule', args.schedule), ('decay', args.decay), ('shift-scale', args.shift_scale),
                                 ('seed', args.seed), ('threads', args.threads)])),
    }
    (out / f'{args.name}.json').write_text(json.dumps(card, indent=1) + '\n')
    index = [{'name': args.name, 'card': f'{args.name}.json', 'title': card['title'],
              'description': (f"{card['architecture']['network']} trained on 3 real labelled NMC nano-CT slices "
                              f"(SegmentPy data); on unseen slice 394 mean IoU {cnn['iou.mean']:.2f} "
                              f"(multi-Otsu {otsu['iou.mean']:.2f}). Classes: {', '.join(names)}.")}]
    (out / 'index.json').write_text(json.dumps({'models': index}, indent=1) + '\n')
    print(f'done in {wall:.0f} s: CNN mean IoU {cnn["iou.mean"]} vs multi-Otsu {otsu["iou.mean"]}', flush=True)


if __name__ == '__main__':
    main()
