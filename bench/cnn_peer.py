"""Peer of the `cnn-train-step` row of `npm run bench`: one training step of the same network on
the same batch in PyTorch CPU (Debian python3-torch), one thread.

    /usr/bin/python3 bench/cnn_peer.py cnn-train-step <image side> <volume side> <result file>

The network mirrors src/ops/cnn/tfjsLrcsNet.ts layer for layer (LRCS-Net as the studio trains it:
'same' 3x3 convolutions with bias, ReLU, sigmoid conv4, nearest 2x upsampling, 1x1 head, softmax;
no batch normalisation) and the loss is the studio's Dice + cross-entropy (src/ops/cnn/losses*.ts);
the parameter counts are printed and must equal TF.js's. The batch is bench/cnnTrainBatch.ts's.
Prints one JSON line {id, ms, median, maxRssMB, versions, parameters}; timing rule as peer.py.
"""
import json
import os
import resource
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from peer import time_runs  # noqa: E402
from peer_inputs import bench_image  # noqa: E402

BATCH, PATCH, CLASSES, CS = 8, 128, 3, 16  # bench/cnnTrainBatch.ts CNN_TRAIN


def train_batch(image, side):
    z = (image.astype(np.float64) - image.mean()) / max(image.std(), 1e-6)
    span = side - PATCH + 1
    x = np.empty((BATCH, 1, PATCH, PATCH), np.float32)
    y = np.zeros((BATCH, CLASSES, PATCH, PATCH), np.float32)
    for b in range(BATCH):
        r0, c0 = (b * 37) % span, (b * 61) % span
        p = z[r0:r0 + PATCH, c0:c0 + PATCH]
        x[b, 0] = p
        cls = np.where(p < -0.43, 0, np.where(p > 0.43, 2, 1))
        for k in range(CLASSES):
            y[b, k] = cls == k
    return torch.from_numpy(x), torch.from_numpy(y)


class StudioLrcsNet(nn.Module):
    def __init__(self, cs=CS, k=3, n=CLASSES):
        super().__init__()
        c = lambda i, o: nn.Conv2d(i, o, k, padding=k // 2)  # noqa: E731
        self.conv1, self.conv2, self.conv3, self.conv4 = c(1, cs), c(cs, 2 * cs), c(2 * cs, 4 * cs), c(4 * cs, 4 * cs)
        self.conv5a, self.conv5b = c(4 * cs, 4 * cs), c(4 * cs, 4 * cs)
        self.conv6a, self.conv6b = c(4 * cs, 2 * cs), c(2 * cs, 2 * cs)
        self.conv7a, self.conv7b = c(2 * cs, 2 * cs), c(2 * cs, 2 * cs)
        self.conv8a, self.conv8b = c(2 * cs, cs), c(cs, cs)
        self.conv8c = nn.Conv2d(cs, n, 1)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.max_pool2d(F.relu(self.conv3(x)), 2)
        x = torch.sigmoid(self.conv4(x))
        x = F.relu(self.conv5b(F.relu(self.conv5a(x))))
        x = F.interpolate(x, scale_factor=2, mode='nearest')
        x = F.relu(self.conv6b(F.relu(self.conv6a(x))))
        x = F.interpolate(x, scale_factor=2, mode='nearest')
        x = F.relu(self.conv7b(F.relu(self.conv7a(x))))
        x = F.interpolate(x, scale_factor=2, mode='nearest')
        x = F.relu(self.conv8b(F.relu(self.conv8a(x))))
        return torch.softmax(self.conv8c(x), dim=1)


def loss_fn(p, y):
    dice = 1 - 2 * (y * p).sum() / torch.clamp((y + p).sum(), min=1e-7)
    ce = -(y * torch.log(torch.clamp(p, 1e-10, 1))).mean()
    return dice + ce


def main():
    cid, n, _m, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    if cid != 'cnn-train-step':
        raise SystemExit(f'bench/cnn_peer.py: unknown case "{cid}"')
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x, y = train_batch(bench_image(n), n)
    net = StudioLrcsNet()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        return np.array([loss.item()])

    ms, median, _cpu, result = time_runs(step)
    np.asarray(result, dtype='<f8').tofile(out)
    print(json.dumps({
        'id': cid, 'ms': ms, 'median': median,
        'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'versions': f'torch {torch.__version__} (CPU, 1 thread)',
        'parameters': sum(p.numel() for p in net.parameters()),
    }))


if __name__ == '__main__':
    main()
