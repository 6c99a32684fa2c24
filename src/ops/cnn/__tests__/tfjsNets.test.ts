import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { tfjsLrcsNet } from '../tfjsLrcsNet';
import { tfjsUNet } from '../tfjsUNet';
import { tfjsInitBackend } from '../tfjsInitBackend';
import { decodeTfjsArtifacts, encodeTfjsArtifacts } from '../tfjsArtifacts';

beforeAll(async () => {
  await tfjsInitBackend({ prefer: ['cpu'] });
});

describe('tfjsLrcsNet', () => {
  it('has SegmentPy LRCS-Net layers and widths (cs, 2cs, 4cs, 4cs sigmoid | 4cs, 2cs, 2cs, cs) and softmax over classes', () => {
    const m = tfjsLrcsNet({ classes: 3, channels: 4, kernel: 5 });
    const convs = m.layers.filter((l) => l.getClassName() === 'Conv2D');
    expect(convs.map((l) => l.name)).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'conv5a', 'conv5b', 'conv6a', 'conv6b', 'conv7a', 'conv7b', 'conv8a', 'conv8b', 'conv8c']);
    expect(convs.map((l) => (l.getConfig() as { filters: number }).filters)).toEqual([4, 8, 16, 16, 16, 16, 8, 8, 8, 8, 4, 4, 3]);
    expect((convs[3].getConfig() as { activation: string }).activation).toBe('sigmoid');
    expect((convs[0].getConfig() as { kernelSize: number[] }).kernelSize).toEqual([5, 5]);
    expect(m.layers.filter((l) => l.getClassName() === 'MaxPooling2D')).toHaveLength(3);
    const out = m.predict(tf.randomNormal([2, 24, 40, 1])) as tf.Tensor;
    expect(out.shape).toEqual([2, 24, 40, 3]);
    const sums = tf.sum(out, -1).dataSync();
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
  });
  it('is deterministic for a seed and names bad options', () => {
    const a = tfjsLrcsNet({ channels: 2, seed: 4 }).getWeights()[0].dataSync();
    const b = tfjsLrcsNet({ channels: 2, seed: 4 }).getWeights()[0].dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(() => tfjsLrcsNet({ kernel: 4 })).toThrow(/kernel: expected an odd/);
    expect(() => tfjsLrcsNet({ classes: 1 })).toThrow(/classes/);
  });
});

describe('tfjsUNet', () => {
  it('has `levels` pooling levels with skip connections and keeps H × W', () => {
    const m = tfjsUNet({ classes: 2, channels: 2, levels: 2 });
    expect(m.layers.filter((l) => l.getClassName() === 'MaxPooling2D')).toHaveLength(2);
    expect(m.layers.filter((l) => l.getClassName() === 'Concatenate')).toHaveLength(2);
    expect((m.predict(tf.zeros([1, 12, 16, 1])) as tf.Tensor).shape).toEqual([1, 12, 16, 2]);
    expect(() => tfjsUNet({ levels: 0 })).toThrow(/levels/);
  });
});

describe('tfjsArtifacts', () => {
  it('encode → decode → load predicts exactly the same', async () => {
    const m = tfjsUNet({ classes: 3, channels: 2, levels: 1, seed: 2 });
    const x = tf.randomNormal([1, 8, 8, 1], 0, 1, 'float32', 1);
    const bytes = await encodeTfjsArtifacts(m);
    const back = await tf.loadLayersModel(tf.io.fromMemory(decodeTfjsArtifacts(bytes)));
    expect(Array.from((back.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((m.predict(x) as tf.Tensor).dataSync()));
  });
  it('refuses bytes that are not a bundle, truncated ones, and says why', async () => {
    expect(() => decodeTfjsArtifacts(new Uint8Array(20))).toThrow(/magic/);
    const bytes = await encodeTfjsArtifacts(tfjsUNet({ classes: 2, channels: 1, levels: 1 }));
    expect(() => decodeTfjsArtifacts(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated or corrupt/);
    expect(() => decodeTfjsArtifacts(bytes.subarray(0, 30))).toThrow(/truncated/);
  });
});
