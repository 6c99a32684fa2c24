import { describe, expect, it } from 'vitest';
import { affineMINode } from '../affineMI';
import { defaultParams } from '../../../runtime/params';
import { emptyMeta, type ImageValue, type TableValue } from '../../../runtime/values';
import { warpAffine } from '../../../ops/image/warpAffine';
import { nmcCrop, numericColumn } from '../../../ops/image/__tests__/registration2Fixtures';
import { testContext } from '../../io/__tests__/imageNodeContext';

const defaults = defaultParams(affineMINode.params);
const n = 144;
const fixed = Float32Array.from(nmcCrop(170, 230, n, n));
const image = (data: Float32Array, size = n): ImageValue => ({
  kind: 'image', width: size, height: size, dtype: 'f32', data, valueAxis: { name: 'v', unit: '' }, meta: emptyMeta(),
});
/** Another "modality": intensities inverted through a nonlinear map. */
const remap = (v: number) => Math.exp(-1.5 * v);
const col = (t: TableValue, c: string) => numericColumn(t, c)[0];

describe('register.affine-mi', () => {
  it('registers an inverted, nonlinearly remapped copy of a real slice rotated by −6° and shifted (4, 7) px', async () => {
    const th = (-6 * Math.PI) / 180;
    const c = (n - 1) / 2;
    const a = Math.cos(th);
    const b = Math.sin(th);
    const [ty, tx] = [4, 7];
    // moving(p) = g(fixed(R(−θ)(p − c − t) + c)): content rotated by θ and moved by t.
    const m = warpAffine(fixed, n, n, { matrix: [a, b, c - a * (c + ty) - b * (c + tx), -b, a, c + b * (c + ty) - a * (c + tx)], order: 3, boundary: 'mirror' }).map(remap);
    const ctx = testContext();
    const out = await affineMINode.run({ fixed: image(fixed), moving: image(m) }, defaults, ctx);
    if (out.matrix.kind !== 'table' || out.registered.kind !== 'image') throw new Error('wrong kinds');
    expect(Math.abs(col(out.matrix, 'angle') + 6)).toBeLessThan(0.3);
    expect(Math.abs(col(out.matrix, 'scale') - 1)).toBeLessThan(0.005);
    expect(col(out.matrix, 'miAfter')).toBeGreaterThan(col(out.matrix, 'miBefore'));
    let err = 0;
    let k = 0;
    for (let y = 25; y < n - 25; y++)
      for (let x = 25; x < n - 25; x++) {
        err += Math.abs(out.registered.data[y * n + x] - remap(fixed[y * n + x]));
        k++;
      }
    expect(err / k).toBeLessThan(0.02);
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a moving image of another size, naming it', async () => {
    await expect(affineMINode.run({ fixed: image(fixed), moving: image(new Float32Array(64), 8) }, defaults, testContext())).rejects.toThrow(
      `moving: expected frames of the fixed image's size ${n}×${n}, got 8×8`,
    );
  });
});
