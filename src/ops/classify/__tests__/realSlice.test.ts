import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realSliceCase } from './realSlice';
import { FIXTURES, SHARED_DATA } from '../../image/__tests__/helpers';

function expectAboveOtsu(r: ReturnType<typeof realSliceCase>): void {
  console.log(
    `forest IoU ${r.forestIou.map((v) => v.toFixed(3)).join(' / ')} (mean ${r.forestMean.toFixed(3)}); ` +
      `multi-Otsu ${r.otsuIou.map((v) => v.toFixed(3)).join(' / ')} (mean ${r.otsuMean.toFixed(3)})`,
  );
  for (let k = 0; k < 3; k++) expect(r.forestIou[k], `class ${k}`).toBeGreaterThan(r.otsuIou[k] + 0.05);
  expect(r.forestMean).toBeGreaterThan(r.otsuMean + 0.15);
}

describe('pixel classifier on a real labelled NMC nano-CT slice (features + random forest vs multi-Otsu)', () => {
  it('test/fixtures/image/nmc_1.tif, 300 labelled pixels per class', () => {
    expectAboveOtsu(realSliceCase(join(FIXTURES, 'nmc_1.tif'), join(FIXTURES, 'nmc_1_label.tif'), 300));
  }, 60_000);
});

const dir = join(SHARED_DATA, 'ct', 'segmentpy-nmc');
const has = existsSync(join(dir, '394.tif')) && existsSync(join(dir, '394_label.tif'));
if (!has) console.warn(`SKIPPED: pixel classifier on the real slice 394 — ${dir} not found`);

describe.skipIf(!has)('pixel classifier on the shared slice 394 (data folder)', () => {
  it('394.tif with 300 pixels per class of 394_label.tif: per-phase IoU clearly above multi-Otsu', () => {
    expectAboveOtsu(realSliceCase(join(dir, '394.tif'), join(dir, '394_label.tif'), 300));
  }, 60_000);
});
