import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams, validateParams } from '../../../runtime/params';
import type { SpectraValue, SpectrumValue } from '../../../runtime/values';
import { loadSpectraNode } from '../loadSpectra';
import { fakeContext } from './fakeContext';

const repo = path.resolve(__dirname, '../../../..');
const xas = path.join(repo, 'test/fixtures/xas');
const operandoDir = path.join(xas, 'operando');
const shared = path.resolve(repo, '../shared/data');
const sharedOperando = path.join(shared, 'xas/operando-LiNiO2/xanes');

const run = (dir: string, names: string[], over: Record<string, unknown> = {}) => {
  const ctx = fakeContext(dir);
  const params = { ...defaultParams(loadSpectraNode.params), files: names.map((name) => ({ name })), ...over };
  return { ctx, result: loadSpectraNode.run({}, params as never, ctx) };
};

describe('io.load-spectra', () => {
  it('declares a valid parameter schema with sensible defaults', () => {
    const { issues } = validateParams(loadSpectraNode.params, {});
    expect(issues).toEqual([]);
    expect(loadSpectraNode.params.files.accept).toEqual(['.xdi', '.txt', '.dat', '.xmu', '.nor', '.csv', '.xsp', '.r', '.t']);
  });

  it('one XDI file → spectrum with provenance and header attributes', async () => {
    const { ctx, result } = run(xas, ['zn_znse_rt.xdi']);
    const v = (await result).spectra as SpectrumValue;
    expect(v.kind).toBe('spectrum');
    expect(v.x.length).toBe(469);
    expect(v.yAxis.name).toBe('ln(i0/itrans)');
    expect(v.meta.sources[0].name).toBe('zn_znse_rt.xdi');
    expect(v.meta.sources[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v.meta.attrs.element).toBe('Zn');
    expect(v.meta.timeOrigin).toBe('2008-04-10T17:00:26');
    expect(ctx.warnings).toEqual([]);
  });

  it('three operando files (given out of order) → spectra ordered by time stamp', async () => {
    const names = readdirSync(operandoDir).filter((f) => f.endsWith('.txt')).sort().reverse();
    const { ctx, result } = run(operandoDir, names);
    const v = (await result).spectra as SpectraValue;
    expect(v.kind).toBe('spectra');
    expect(v.frames).toBe(3);
    expect(v.points).toBe(1649);
    expect(v.frameLabels).toEqual([...names].reverse());
    expect(v.meta.timeOrigin).toBe('2022-07-26T23:01:58.055');
    expect(Array.from(v.time)).toEqual([0, 687.016, 1374.082]);
    expect(v.meta.sources.map((s) => s.name)).toEqual(v.frameLabels);
    expect(v.xAxis).toEqual({ name: 'shifted energy', unit: 'eV' });
    expect(ctx.progressCalls.length).toBeGreaterThanOrEqual(3);
  });

  it('reports reader warnings through ctx.warn and refuses a bad file naming it', async () => {
    const { ctx, result } = run(xas, ['bad_08.xdi']);
    await result;
    expect(ctx.warnings.join('\n')).toMatch(/bad_08\.xdi: no Column\.N label for column 4/);
    await expect(run(xas, ['bad_13.xdi']).result).rejects.toThrow('bad_13.xdi, line 31: expected 4 values');
    await expect(run(xas, []).result).rejects.toThrow(/files: expected at least one file/);
  });

  it('mixed x axes are interpolated onto the first file, with a warning', async () => {
    const { ctx, result } = run(xas, ['cu_metal_rt.xdi', 'bad_00.xdi'], { order: 'name' });
    const v = (await result).spectra as SpectraValue;
    expect(v.frames).toBe(2);
    expect(v.frameLabels).toEqual(['bad_00.xdi', 'cu_metal_rt.xdi']);
    expect(ctx.warnings.join('\n')).toMatch(/interpolated linearly onto the x of bad_00\.xdi/);
  });
});

const hasShared = existsSync(sharedOperando);
if (!hasShared) console.warn(`SKIPPED: operando series suite — ${sharedOperando} not found`);

describe.skipIf(!hasShared)('io.load-spectra on the full operando LiNiO2 series (../shared/data)', () => {
  it('58 files → 58 frames ordered by time, 1649 points, increasing time', async () => {
    const names = hasShared ? readdirSync(sharedOperando).filter((f) => f.endsWith('.txt')) : [];
    expect(names.length).toBe(58);
    const shuffled = [...names].sort((a, b) => (a.length * 7919 + a.charCodeAt(30)) % 13 - (b.length * 7919 + b.charCodeAt(30)) % 13);
    const { ctx, result } = run(sharedOperando, shuffled);
    const v = (await result).spectra as SpectraValue;
    expect(v.frames).toBe(58);
    expect(v.points).toBe(1649);
    expect(v.frameLabels).toEqual([...names].sort());
    for (let f = 1; f < 58; f++) expect(v.time[f]).toBeGreaterThan(v.time[f - 1]);
    expect(v.meta.timeOrigin).toBe('2022-07-26T23:01:58.055');
    // Last scan started 2022-07-27 09:54:42.473: 10 h 52 min 44.418 s after the first.
    expect(v.time[57]).toBe(39164.418);
    expect(ctx.warnings).toEqual([]);
  });
});
