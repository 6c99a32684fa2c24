// The operando-sync example end to end through the CLI: 29 bundled XANES scans and the bundled
// EC-Lab record → register.sync-echem → plot and table, checked against the numpy interpolation of
// scripts/fixtures/echem_derived.py (test/fixtures/echem/sync_operando.json: all 58 scans, the
// example bundles every second one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/nodes/registry';
import { parseWorkflow } from '../../src/runtime/workflow/parseWorkflow';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'operando-flow.mjs');
const EXAMPLE = join(ROOT, 'public', 'examples', 'operando-sync.json');
const ref = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'echem', 'sync_operando.json'), 'utf8'));

describe('run: operando-sync example (XANES ↔ electrochemistry)', () => {
  const out = mkdtempSync(join(tmpdir(), 'of-sync-'));
  const r = spawnSync(process.execPath, [BIN, 'run', EXAMPLE, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

  it('opens without issues and is listed in the examples index', () => {
    const { issues } = parseWorkflow(readFileSync(EXAMPLE, 'utf8'), defaultRegistry);
    expect(issues).toEqual([]);
    const index = JSON.parse(readFileSync(join(ROOT, 'public', 'examples', 'index.json'), 'utf8'));
    expect(index.map((e: { workflow: string }) => e.workflow)).toContain('operando-sync.json');
  });

  it('exits 0, loading 29 scans and the 6333-row EC-Lab record', () => {
    expect(r.stderr).toMatch(/\[echem io\.load-echem\] done \d+ ms → table 6333×6/);
    expect(r.stderr).toMatch(/\[sync register\.sync-echem\] done \d+ ms → table 29×9/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(join(out, 'table.csv'));
  });

  it('every scan maps inside the record; potential, current, charge and SoC equal numpy.interp', () => {
    const csv = readFileSync(join(out, 'table.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('frame,label,time (s),echem time (s),potential (V),current (mA),charge (mAh),soc (%),in range');
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(29);
    const [lo, hi] = ref.firstRecordChargeLimits;
    rows.forEach((row, k) => {
      const i = 2 * k; // scans 1, 3, 5, … of the 58
      expect(row[1]).toBe(`operando-LiNiO2/${ref.frames[i]}`);
      const [echemTime, potential, current, charge, soc, inRange] = row.slice(3).map(Number);
      expect(echemTime).toBeCloseTo(ref.echemTime[i], 6);
      expect(potential).toBeCloseTo(ref.potential[i], 9);
      expect(current).toBeCloseTo(ref.current[i], 9);
      expect(charge).toBeCloseTo(ref.charge[i], 9);
      expect(soc).toBeCloseTo((100 * (ref.charge[i] - lo)) / (hi - lo), 7);
      expect(inRange).toBe(1);
      expect(potential).toBeGreaterThan(3.4);
      expect(potential).toBeLessThan(4.4);
    });
  });

  it('writes the plotted potential per scan and the provenance of both inputs', () => {
    const plot = readFileSync(join(out, 'plot-potential.csv'), 'utf8').trimEnd().split('\n');
    expect(plot).toHaveLength(30);
    const prov = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    const table = prov.outputs.find((o: { nodeId: string }) => o.nodeId === 'table');
    const names = table.sources.map((s: { name: string }) => s.name);
    expect(names).toContain('operando-LiNiO2/220726cell4operandoxas_C06.mpt');
    expect(names).toHaveLength(30);
    expect(table.history.map((h: { nodeId: string }) => h.nodeId)).toEqual(expect.arrayContaining(['operando', 'echem', 'sync', 'table']));
  });
});
