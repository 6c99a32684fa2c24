"""Bundles the U-Net (public/models/unet-nmc.{onnx,json}, its entry in public/models/index.json) and
its PyTorch inference reference test/fixtures/cnn/unet_nmc_probabilities.f32: softmax probabilities
[1, 3, 64, 64] of the torch model in eval mode on the 64x64 crop of slice 394 that
test/fixtures/cnn/nmc394_crop.f32 holds (the LRCS-Net's reference crop; checked to be the same).

It runs scripts/models/train_segmentpy.py with the U-Net recipe of the card (cs = 8, 16 epochs x 40
batches, seed 0, 1 thread) into a temporary folder, so the LRCS-Net's files there are not touched,
and copies the results. The card records the metrics on the unseen slice 394 (docs/models.md).

Run: /usr/bin/python3 scripts/models/bundle_unet_nmc.py   (python3-torch, python3-onnx and the data
folder ../shared/data/ct/segmentpy-nmc; about 13 minutes on a busy 2-core machine)
"""
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
MODELS = os.path.join(ROOT, 'public', 'models')
FIXTURES = os.path.join(ROOT, 'test', 'fixtures', 'cnn')

with tempfile.TemporaryDirectory() as tmp:
    out, fx = os.path.join(tmp, 'models'), os.path.join(tmp, 'fx')
    subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'models', 'train_segmentpy.py'),
                    '--arch', 'unet', '--cs', '8', '--threads', '1', '--seed', '0', '--max-minutes', '1000',
                    '--name', 'unet-nmc', '--out', out, '--fixtures', fx], check=True)
    if not filecmp.cmp(os.path.join(fx, 'nmc394_crop.f32'), os.path.join(FIXTURES, 'nmc394_crop.f32'), shallow=False):
        sys.exit('the crop differs from test/fixtures/cnn/nmc394_crop.f32; regenerate the LRCS-Net first')
    for f in ('unet-nmc.onnx', 'unet-nmc.json'):
        shutil.copyfile(os.path.join(out, f), os.path.join(MODELS, f))
    shutil.copyfile(os.path.join(fx, 'nmc394_probabilities.f32'), os.path.join(FIXTURES, 'unet_nmc_probabilities.f32'))
    # index.json: replace this model's entry, keep the others (the LRCS-Net first: the default)
    entry = json.load(open(os.path.join(out, 'index.json')))['models'][0]
    path = os.path.join(MODELS, 'index.json')
    index = json.load(open(path))
    index['models'] = [m for m in index['models'] if m['name'] != 'unet-nmc'] + [entry]
    open(path, 'w').write(json.dumps(index, indent=1) + '\n')
print('wrote public/models/unet-nmc.{onnx,json}, index.json and test/fixtures/cnn/unet_nmc_probabilities.f32')
