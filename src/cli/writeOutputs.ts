/**
 * Writes what a CLI run produced: the files export nodes emitted (as they are), a file per result
 * of each view node (CSV for plots and tables, TIFF + PNG for images, PNG overlay + label TIFF for
 * overlays), `workflow.json` (what ran) and `provenance.json` (for each output: its source files
 * with sha256 and the node steps with their parameters).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { csvEncode } from '../ops/export/csvEncode';
import { encodePng } from '../ops/export/encodePng';
import { encodeTiff } from '../ops/export/encodeTiff';
import { labelsToRgb8 } from '../ops/image/labelsToRgb8';
import { percentileRange } from '../ops/image/percentileRange';
import { scalarToRgb8 } from '../ops/image/scalarToRgb8';
import type { Engine } from '../runtime/engine';
import type { RunSummary } from '../runtime/engineApi';
import type { EmittedFile } from '../runtime/nodeDefinition';
import type { NodeRegistry } from '../runtime/registryTypes';
import { deriveMeta, describeValue, type ImageValue, type LabelsValue, type StackValue, type Value, type ValueMeta } from '../runtime/values';
import { serializeWorkflow } from '../runtime/workflow/serializeWorkflow';
import type { WorkflowDocument, WorkflowNode } from '../runtime/workflow/types';
import { renderOverlay } from './renderOverlay';

export interface WriteOutputsArgs {
  doc: WorkflowDocument;
  registry: NodeRegistry;
  engine: Pick<Engine, 'outputs'>;
  summary: RunSummary;
  outDir: string;
  workflowFile: string;
  dataDirs: readonly string[];
}

const PNG_TEXT = { Software: 'OperandoFlow' };

/** One frame of an image, stack or label stack. */
function plane<T extends ImageValue | StackValue | LabelsValue>(v: T, frame: number): T['data'] {
  const n = v.width * v.height;
  const f = v.kind === 'image' ? 0 : Math.min(Math.max(0, frame), v.frames - 1);
  return v.data.subarray(f * n, (f + 1) * n) as T['data'];
}

/** 8-bit picture of a scalar frame: the robust 0.5–99.5 % window, like the studio's preview. */
function scalarPng(v: ImageValue | StackValue, frame: number, colormap: string): Uint8Array {
  const data = plane(v, frame);
  const [lo, hi] = percentileRange(data);
  const { pixels, channels } = scalarToRgb8(data, { lo, hi, colormap });
  return encodePng(pixels, v.width, v.height, { channels, text: { ...PNG_TEXT, DisplayRange: `${lo} ${hi}` } });
}

function tiffOf(v: ImageValue | StackValue | LabelsValue): Uint8Array {
  return encodeTiff(v.data, { width: v.width, height: v.height, frames: v.kind === 'image' ? 1 : v.frames, pixelSize: v.pixelSize });
}

/** Files standing for the results of a view node (or any output node that is not an export). */
export function viewFiles(node: WorkflowNode, outputs: Record<string, Value>): EmittedFile[] {
  const values = Object.entries(outputs);
  const frame = typeof node.params.frame === 'number' ? node.params.frame : 0;
  const image = values.find(([, v]) => v.kind === 'image' || v.kind === 'stack')?.[1] as ImageValue | StackValue | undefined;
  const labels = values.find(([, v]) => v.kind === 'labels')?.[1] as LabelsValue | undefined;
  if (image && labels && image.width === labels.width && image.height === labels.height) {
    // An overlay: the picture to look at, plus the class indices for quantitative use.
    const data = plane(image, frame);
    const [lo, hi] = percentileRange(data);
    const opacity = typeof node.params.opacity === 'number' ? node.params.opacity : 0.5;
    const rgb = renderOverlay(data, plane(labels, frame), { width: image.width, height: image.height, lo, hi, opacity, classes: labels.classes });
    return [
      { name: `${node.id}.png`, mime: 'image/png', bytes: encodePng(rgb, image.width, image.height, { channels: 3, text: { ...PNG_TEXT, Classes: labels.classes.join(', ') } }) },
      { name: `${node.id}-labels.tif`, mime: 'image/tiff', bytes: tiffOf(labels) },
    ];
  }
  const files: EmittedFile[] = [];
  const suffix = (port: string) => (values.length > 1 ? `-${port}` : '');
  for (const [port, v] of values) {
    const base = `${node.id}${suffix(port)}`;
    switch (v.kind) {
      case 'spectrum':
      case 'spectra':
      case 'table':
        files.push({ name: `${base}.csv`, mime: 'text/csv', bytes: new TextEncoder().encode(csvEncode(v)) });
        break;
      case 'image':
      case 'stack': {
        const colormap = typeof node.params.colormap === 'string' ? node.params.colormap : 'gray';
        files.push({ name: `${base}.tif`, mime: 'image/tiff', bytes: tiffOf(v) });
        files.push({ name: `${base}.png`, mime: 'image/png', bytes: scalarPng(v, frame, colormap) });
        break;
      }
      case 'labels':
        files.push({ name: `${base}.tif`, mime: 'image/tiff', bytes: tiffOf(v) });
        files.push({
          name: `${base}.png`,
          mime: 'image/png',
          bytes: encodePng(labelsToRgb8(plane(v, frame)), v.width, v.height, { channels: 3, text: { ...PNG_TEXT, Classes: v.classes.join(', ') } }),
        });
        break;
      default:
        // bands and models have no file form of their own yet; provenance still lists them.
        break;
    }
  }
  return files;
}

/** Provenance of an output node: the values that reach it, merged, plus its own step. */
function provenanceOf(node: WorkflowNode, doc: WorkflowDocument, engine: Pick<Engine, 'outputs'>, typeVersion: number) {
  const inputs: Record<string, { kind: string; value: string }> = {};
  const metas: ValueMeta[] = [];
  for (const e of doc.edges) {
    if (e.target !== node.id) continue;
    const v = engine.outputs(e.source)?.[e.sourcePort];
    if (!v) continue;
    inputs[e.targetPort] = { kind: v.kind, value: describeValue(v) };
    metas.push(v.meta);
  }
  const meta = deriveMeta(...metas);
  const history = meta.history.filter((h) => h.nodeId !== node.id);
  history.push({ nodeId: node.id, nodeType: node.type, typeVersion, params: node.params });
  return { inputs, sources: meta.sources, history, ...(meta.timeOrigin ? { timeOrigin: meta.timeOrigin } : {}), attrs: meta.attrs };
}

export async function writeOutputs(a: WriteOutputsArgs): Promise<string[]> {
  await mkdir(a.outDir, { recursive: true });
  const written: string[] = [];
  const taken = new Set<string>(['workflow.json', 'provenance.json']);
  const put = async (nodeId: string, f: EmittedFile) => {
    // Export nodes name their files; two of them may pick the same name: keep both.
    let name = f.name;
    if (taken.has(name)) name = `${nodeId}-${name}`;
    for (let k = 2; taken.has(name); k++) name = `${nodeId}-${k}-${f.name}`;
    taken.add(name);
    // Names with folders (a Zarr store's keys, `vol.zarr/data/0.0.0`) are written as folders.
    await mkdir(dirname(join(a.outDir, name)), { recursive: true });
    await writeFile(join(a.outDir, name), f.bytes);
    written.push(join(a.outDir, name));
    return name;
  };

  const outputs: Record<string, unknown>[] = [];
  for (const node of a.doc.nodes) {
    const def = a.registry.get(node.type);
    if (!def?.isOutput) continue;
    const files =
      def.category === 'export'
        ? a.summary.files.filter((f) => f.nodeId === node.id).map((f) => f.file)
        : viewFiles(node, a.engine.outputs(node.id) ?? {});
    const names: string[] = [];
    for (const f of files) names.push(await put(node.id, f));
    outputs.push({ nodeId: node.id, type: node.type, ...(node.label ? { label: node.label } : {}), files: names, ...provenanceOf(node, a.doc, a.engine, def.version) });
  }

  await writeFile(join(a.outDir, 'workflow.json'), serializeWorkflow(a.doc));
  const provenance = {
    app: 'operando-flow',
    ranAt: new Date().toISOString(),
    workflow: { file: a.workflowFile, title: a.doc.meta.title },
    node: process.version,
    dataDirs: a.dataDirs.map((d) => relative(process.cwd(), d) || '.'),
    executed: a.summary.executed,
    cached: a.summary.cached,
    outputs,
  };
  await writeFile(join(a.outDir, 'provenance.json'), JSON.stringify(provenance, null, 2) + '\n');
  written.push(join(a.outDir, 'workflow.json'), join(a.outDir, 'provenance.json'));
  return written;
}
