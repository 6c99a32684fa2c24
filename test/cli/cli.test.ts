// The operando-flow command end to end: spawned as a user would (node bin/operando-flow.mjs …),
// on the bundled examples and on broken inputs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/nodes/registry';
import { readTiff } from '../../src/ops/io/tiff/readTiff';
import { parseWorkflow } from '../../src/runtime/workflow/parseWorkflow';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'operando-flow.mjs');
const XANES = join(ROOT, 'public', 'examples', 'xanes-operando.json');
const CT = join(ROOT, 'public', 'examples', 'ct-segmentation.json');
const RINGS = join(ROOT, 'public', 'examples', 'ct-rings.json');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'of-cli-'));
const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('run: operando XANES example', () => {
  const out = tmp();
  const r = cli('run', XANES, '--out', out);

  it('exits 0 with per-node progress on stderr and the written files on stdout', () => {
    expect(r.err).toMatch(/\[operando io\.load-spectra\] running \d+%/);
    expect(r.err).toMatch(/\[smooth clean\.smooth\] done \d+ ms → spectra 29×\d+/);
    expect(r.code).toBe(0);
    expect(r.out).toContain(join(out, 'plot-series.csv'));
  });

  it('writes the plotted series and the export as CSV: x header, time row, one row per energy', () => {
    const csv = lines(join(out, 'plot-series.csv'));
    const header = csv[0].split(',');
    expect(header[0]).toBe('shifted energy (eV)');
    expect(header).toHaveLength(30); // x + 29 spectra
    expect(csv[1]).toMatch(/^time \(s\) since 2022-07-26T23:01:58/);
    const times = csv[1].split(',').slice(1).map(Number);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
    const rows = csv.slice(2).map((l) => l.split(',').map(Number));
    expect(rows.length).toBeGreaterThan(1000);
    // Normalized μ: ~0 before the Ni K edge (8333 eV), ~1 well above it.
    const at = (e: number) => rows.reduce((best, row) => (Math.abs(row[0] - e) < Math.abs(best[0] - e) ? row : best));
    expect(Math.abs(at(8200)[1])).toBeLessThan(0.05);
    expect(at(8450)[1]).toBeGreaterThan(0.8);
    expect(at(8450)[1]).toBeLessThan(1.3);
    expect(lines(join(out, 'operando-xanes-smoothed.csv'))).toEqual(csv);
  });

  it('writes the normalized foil spectrum', () => {
    const csv = lines(join(out, 'plot-foil.csv'));
    expect(csv[0]).toMatch(/^energy \(eV\),/);
    expect(csv.length).toBe(1 + 418);
    const last = csv.at(-1)!.split(',').map(Number);
    expect(last[1]).toBeGreaterThan(0.8); // flattened: ~1 above the edge
  });

  it('records the workflow that ran and the provenance of each output', () => {
    const { doc, issues } = parseWorkflow(readFileSync(join(out, 'workflow.json'), 'utf8'), defaultRegistry);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(doc!.nodes.map((n) => n.id)).toContain('smooth');
    const prov = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    const plot = prov.outputs.find((o: { nodeId: string }) => o.nodeId === 'plot-series');
    expect(plot.files).toEqual(['plot-series.csv']);
    expect(plot.sources).toHaveLength(29);
    const first = plot.sources[0];
    const bytes = readFileSync(join(ROOT, 'public', 'examples', 'data', first.name));
    expect(first.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(plot.history.map((h: { nodeId: string }) => h.nodeId)).toEqual(['operando', 'smooth', 'plot-series']);
    expect(plot.history[1].params.window).toBe(7);
    const exp = prov.outputs.find((o: { nodeId: string }) => o.nodeId === 'export');
    expect(exp.files).toEqual(['operando-xanes-smoothed.csv', 'operando-xanes-smoothed.provenance.json']);
  });
});

describe('run: nano-CT segmentation example', () => {
  const out = tmp();
  const r = cli('run', CT, '--out', out);

  it('exits 0 and writes the overlay PNG, the label TIFF and the exported PNG', () => {
    expect(r.code, r.err).toBe(0);
    for (const f of ['overlay.png', 'nmc-phases.png']) {
      const png = readFileSync(join(out, f));
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    }
    const labels = readTiff(new Uint8Array(readFileSync(join(out, 'overlay-labels.tif'))), 'overlay-labels.tif');
    expect([labels.width, labels.height, labels.frames]).toEqual([601, 499, 1]);
    // Three phases, each a real share of the slice.
    const counts = [0, 0, 0];
    for (const v of labels.data) counts[v]++;
    expect(counts.reduce((a, b) => a + b)).toBe(601 * 499);
    for (const c of counts) expect(c / (601 * 499)).toBeGreaterThan(0.05);
    const prov = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    const overlay = prov.outputs.find((o: { nodeId: string }) => o.nodeId === 'overlay');
    expect(overlay.sources.map((s: { name: string }) => s.name)).toEqual(['segmentpy-nmc/100.tif']);
  });
});

describe('run: ring-artefact example on the real sarepy sinogram', () => {
  const out = tmp();
  const r = cli('run', RINGS, '--out', out);

  it('exits 0, counts 38 stripe columns before and none after, and exports the cleaned float sinogram', () => {
    expect(r.code, r.err).toBe(0);
    expect(lines(join(out, 'counts.csv'))).toEqual(['frame,stripes before,stripes after', '0,38,0']);
    const cleaned = readTiff(new Uint8Array(readFileSync(join(out, 'sinogram-cleaned.tif'))), 'sinogram-cleaned.tif');
    expect([cleaned.width, cleaned.height, cleaned.data instanceof Float32Array]).toEqual([503, 459, true]);
    const before = readTiff(new Uint8Array(readFileSync(join(out, 'before.tif'))), 'before.tif');
    expect([before.width, before.height]).toEqual([503, 459]);
  });
});

describe('run --set', () => {
  it('changes a parameter for the run (and records it)', () => {
    const out = tmp();
    const r = cli('run', XANES, '--out', out, '--set', 'smooth.window=31', '--set', 'smooth.polyorder=3', '-q');
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/running/); // --quiet
    const prov = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    const plot = prov.outputs.find((o: { nodeId: string }) => o.nodeId === 'plot-series');
    expect(plot.history[1].params).toMatchObject({ window: 31, polyorder: 3 });
    const wf = JSON.parse(readFileSync(join(out, 'workflow.json'), 'utf8'));
    expect(wf.nodes.find((n: { id: string }) => n.id === 'smooth').params.window).toBe(31);
  });

  it('may fix a bad value stored in the file', () => {
    const dir = tmp();
    const wf = JSON.parse(readFileSync(XANES, 'utf8'));
    wf.nodes.find((n: { id: string }) => n.id === 'smooth').params.window = 4;
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(wf));
    const bad = cli('run', join(dir, 'wf.json'), '--out', join(dir, 'out'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/params\.window\] .*expected an odd integer, got 4[\s\S]*not run, fix the errors above/);
    const fixed = cli('run', join(dir, 'wf.json'), '--out', join(dir, 'out'), '--data', join(ROOT, 'public', 'examples', 'data'), '--set', 'smooth.window=5');
    expect(fixed.code, fixed.err).toBe(0);
  });

  it('refuses an unknown node, an unknown parameter and a bad value with exit 2', () => {
    const a = cli('run', XANES, '--set', 'smoothe.window=5');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/no node "smoothe".*nodes: operando, smooth/);
    const b = cli('run', XANES, '--set', 'smooth.width=5');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/smooth \(clean\.smooth\) has no parameter "width" \(parameters: window, polyorder/);
    const c = cli('run', XANES, '--set', 'smooth.window=4');
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/window: expected an odd integer, got 4/);
    for (const x of [a, b, c]) noStack(x.err);
  });
});

describe('run: bad inputs', () => {
  it('fails with the node and the file named when a data file is not what it claims', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'slice.tif'), 'this is not a TIFF file at all');
    const wf = JSON.parse(readFileSync(CT, 'utf8'));
    wf.nodes[0].params.files = [{ name: 'slice.tif' }];
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(wf));
    const r = cli('run', join(dir, 'wf.json'), '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/node slice \(io\.load-image\):.*slice\.tif/);
    expect(existsSync(join(dir, 'out', 'provenance.json'))).toBe(false);
    noStack(r.err);
  });

  it('names a missing data file and where it looked; --data adds a folder', () => {
    const dir = tmp();
    const wf = JSON.parse(readFileSync(XANES, 'utf8'));
    wf.nodes = wf.nodes.filter((n: { id: string }) => ['foil', 'normalize', 'plot-foil'].includes(n.id));
    wf.edges = wf.edges.filter((e: { source: string }) => ['foil', 'normalize'].includes(e.source));
    wf.nodes[0].params.files = [{ name: 'my_foil.xdi' }];
    writeFileSync(join(dir, 'wf.json'), JSON.stringify(wf));
    const r = cli('run', join(dir, 'wf.json'), '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/file "my_foil\.xdi" not found \(looked in: .*--data/s);
    const dataDir = tmp();
    copyFileSync(join(ROOT, 'public', 'examples', 'data', 'ni-foil', 'ni_metal_rt.xdi'), join(dataDir, 'my_foil.xdi'));
    const ok = cli('run', join(dir, 'wf.json'), '--out', join(dir, 'out'), '--data', dataDir);
    expect(ok.code, ok.err).toBe(0);
    expect(existsSync(join(dir, 'out', 'plot-foil.csv'))).toBe(true);
  });

  it('reports a workflow that is not valid JSON with line and column, and a missing workflow file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'broken.json'), '{\n  "format": "operando-flow.workflow",\n  "nodes": [,]\n}\n');
    const r = cli('run', join(dir, 'broken.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.json: error not valid JSON at line 3, column 13/);
    const m = cli('run', join(dir, 'nope.json'));
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/nope\.json: cannot read workflow \(no such file\)/);
    noStack(r.err + m.err);
  });
});

describe('validate', () => {
  it('accepts the examples', () => {
    for (const f of [XANES, CT]) {
      const r = cli('validate', f);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/valid \(\d+ nodes, \d+ edges/);
    }
  });

  it('reports every problem by node and field and exits 1', () => {
    const dir = tmp();
    const wf = JSON.parse(readFileSync(XANES, 'utf8'));
    wf.nodes.find((n: { id: string }) => n.id === 'smooth').params.window = 4;
    wf.nodes.find((n: { id: string }) => n.id === 'normalize').params.output = 'shiny';
    wf.edges.find((e: { id: string }) => e.id === 'e2').targetPort = 'spectrum';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(wf));
    const r = cli('validate', join(dir, 'bad.json'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/error \[node smooth clean\.smooth, params\.window\] .*expected an odd integer, got 4/);
    expect(r.out).toMatch(/error \[node normalize clean\.normalize-xanes, params\.output\] .*expected one of "flat", "norm"/);
    expect(r.out).toMatch(/error \[edge e2, targetPort\] .*no input "spectrum"/);
    // The broken edge also leaves the plot's required input unconnected.
    expect(r.out).toMatch(/error \[node plot-series view\.plot, inputs\.data\] .*required input "data"/);
    expect(r.out).toMatch(/4 error\(s\), 0 warning\(s\)/);
  });
});

describe('nodes', () => {
  it('--json lists every registry type with ports and params', () => {
    const r = cli('nodes', '--json');
    expect(r.code).toBe(0);
    const cat = JSON.parse(r.out) as { type: string; params: { name: string }[]; inputs: unknown[] }[];
    expect(cat.map((e) => e.type).sort()).toEqual(defaultRegistry.all().map((d) => d.type).sort());
    expect(cat.find((e) => e.type === 'clean.smooth')!.params.map((p) => p.name)).toContain('window');
  });

  it('prints a readable listing by category', () => {
    const r = cli('nodes');
    expect(r.code).toBe(0);
    for (const d of defaultRegistry.all()) expect(r.out).toContain(`  ${d.type}  v${d.version}  ${d.title}`);
    expect(r.out).toMatch(/^io$/m);
    expect(r.out).toMatch(/window = 11 {2}\(integer, ≥ 1, points, odd\) {2}Window/);
    expect(r.out).toMatch(/delta = null {2}\(number, > 0, null = auto\)/);
  });
});

describe('help and usage', () => {
  it('has --help for the program and each command', () => {
    for (const args of [['--help'], ['run', '--help'], ['validate', '-h'], ['nodes', '--help']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toMatch(/Usage/);
    }
  });

  it('answers unknown commands and options with exit 2 and a hint, no stack trace', () => {
    const a = cli('frobnicate');
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/unknown command "frobnicate"/);
    const b = cli('run', XANES, '--outt', 'x');
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/Unknown option '--outt'.*operando-flow run --help/);
    const c = cli('validate');
    expect(c.code).toBe(2);
    noStack(a.err + b.err + c.err);
  });
});
