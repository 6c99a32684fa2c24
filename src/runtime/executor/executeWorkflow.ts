/**
 * Runs a workflow graph: checks the part that will run, schedules nodes as soon as their inputs
 * are ready (independent branches run concurrently), memoizes outputs by content key, reports
 * per-node events, stops on cancel and isolates failures to the failing node's descendants.
 *
 * Each node's outcome is a promise that awaits its upstream outcomes; creating them in
 * topological order and awaiting them all gives the scheduling for free: a node starts the moment
 * its last input is ready, whatever happens in other branches.
 */
import type { NodeEvent, RunSummary } from '../engineApi';
import type { AnyNodeDefinition, EmittedFile, FileProvider, ParamChoices } from '../nodeDefinition';
import { AbortError, NodeInputError } from '../nodeDefinition';
import type { NodeRegistry } from '../registryTypes';
import { describeValue, valueByteSize, VALUE_KINDS, type Value } from '../values';
import type { WorkflowDocument, WorkflowEdge, WorkflowIssue, WorkflowNode } from '../workflow/types';
import { checkGraph } from '../graph/checkGraph';
import { topologicalOrder } from '../graph/topologicalOrder';
import { upstreamOf } from '../graph/upstreamOf';
import { OutputCache, type CacheEntry } from './outputCache';
import { createRunContext, type NodeRunContext, type YieldClock } from './runContext';
import { nodeKey, resolveParams, type AnyParams, type ResolvedParams } from './nodeKey';

export interface ExecuteOptions {
  files: FileProvider;
  signal?: AbortSignal;
  /** Run only this node and its ancestors. */
  targetNodeId?: string;
  /** Outputs memoized across runs; without one, nothing is reused. */
  cache?: OutputCache;
  onEvent?: (e: NodeEvent) => void;
  /** Longest stretch of work between two yields to the event loop inside `ctx.progress`, ms. */
  yieldEveryMs?: number;
  /** Minimum interval between two `running` events of one node, ms. */
  progressEventEveryMs?: number;
  /** Compute backend nodes should use (`RunContext.backend`). @default 'auto' */
  backend?: 'auto' | 'cpu' | 'webgpu';
}

/** What a node ran with and produced (run or from cache): kept by the Engine for previews. */
export interface NodeRecord {
  nodeId: string;
  type: string;
  key: string;
  params: AnyParams;
  inputs: Record<string, Value | undefined>;
  outputs: Record<string, Value>;
}

export interface ExecutionResult extends RunSummary {
  /** Node ids that were not run because an ancestor failed. */
  skipped: string[];
  /** Every node that produced outputs in this run, by id. */
  records: Map<string, NodeRecord>;
}

type Outcome =
  | { state: 'ok'; key: string }
  | { state: 'failed'; title: string }
  | { state: 'skipped'; cause: string }
  | { state: 'cancelled' };

function nodeTitle(node: WorkflowNode, def: AnyNodeDefinition | undefined): string {
  return node.label || def?.title || node.type;
}

/** Issues that concern the nodes that will run (edges count by their target). */
function issuesFor(issues: WorkflowIssue[], nodes: Set<string>, edges: WorkflowEdge[]): WorkflowIssue[] {
  const edgeTarget = new Map(edges.map((e) => [e.id, e.target] as const));
  return issues.filter((i) => {
    if (i.nodeId !== undefined) return nodes.has(i.nodeId);
    if (i.edgeId !== undefined) {
      const t = edgeTarget.get(i.edgeId);
      return t === undefined || nodes.has(t);
    }
    return true;
  });
}

export async function executeWorkflow(
  doc: WorkflowDocument,
  registry: NodeRegistry,
  options: ExecuteOptions,
): Promise<ExecutionResult> {
  const signal = options.signal ?? new AbortController().signal;
  const cache = options.cache;
  const emit = (e: NodeEvent): void => {
    // A listener that throws (e.g. a closed message port) must not break the run.
    try {
      options.onEvent?.(e);
    } catch {
      /* ignored */
    }
  };
  const result: ExecutionResult = {
    ok: false,
    cancelled: false,
    issues: [],
    executed: [],
    cached: [],
    failed: [],
    files: [],
    skipped: [],
    records: new Map(),
  };

  // ---- the part of the graph that runs, and its problems
  const byId = new Map(doc.nodes.map((n) => [n.id, n] as const));
  let selected: Set<string>;
  if (options.targetNodeId !== undefined) {
    if (!byId.has(options.targetNodeId)) {
      result.issues.push({
        severity: 'error',
        field: 'targetNodeId',
        message: `run up to node "${options.targetNodeId}": no node with this id in the workflow`,
      });
      return result;
    }
    selected = new Set(upstreamOf(doc, options.targetNodeId));
    selected.add(options.targetNodeId);
  } else {
    selected = new Set(byId.keys());
  }
  const errors = issuesFor(checkGraph(doc, registry), selected, doc.edges).filter((i) => i.severity === 'error');
  for (const id of selected) {
    const n = byId.get(id)!;
    if (!registry.get(n.type) && !errors.some((i) => i.nodeId === id))
      errors.push({ severity: 'error', nodeId: id, field: 'type', message: `unknown node type "${n.type}"` });
  }
  if (errors.length) {
    result.issues = errors;
    return result;
  }
  let order: string[];
  try {
    order = topologicalOrder(doc).filter((id) => selected.has(id));
  } catch (err) {
    result.issues.push({ severity: 'error', message: `cannot order the graph: ${(err as Error).message}` });
    return result;
  }

  const incoming = new Map<string, WorkflowEdge[]>();
  for (const e of doc.edges) {
    if (!selected.has(e.target)) continue;
    const list = incoming.get(e.target) ?? [];
    list.push(e);
    incoming.set(e.target, list);
  }

  for (const id of order) emit({ nodeId: id, status: 'queued' });

  const clock: YieldClock = { last: performance.now(), everyMs: options.yieldEveryMs ?? 30 };
  const eventEveryMs = options.progressEventEveryMs ?? 50;
  // Rejects when the run is cancelled, so a node that never calls ctx.progress cannot hold the run.
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new AbortError());
    else signal.addEventListener('abort', () => reject(new AbortError()), { once: true });
  });
  aborted.catch(() => {});

  const outcomes = new Map<string, Promise<Outcome>>();

  const runNode = async (id: string): Promise<Outcome> => {
    const node = byId.get(id)!;
    const def = registry.get(node.type)!;
    const title = nodeTitle(node, def);
    const edges = incoming.get(id) ?? [];
    const fail = (message: string, choices?: Record<string, ParamChoices>): Outcome => {
      emit(choices && Object.keys(choices).length ? { nodeId: id, status: 'error', message, choices } : { nodeId: id, status: 'error', message });
      result.failed.push({ nodeId: id, message });
      return { state: 'failed', title };
    };
    // A source outside the graph is a broken edge (checkGraph reports it); never wait on it.
    const dangling = edges.find((e) => !outcomes.has(e.source));
    const ups = await Promise.all(edges.map((e) => outcomes.get(e.source) ?? Promise.resolve<Outcome>({ state: 'cancelled' })));
    if (dangling && !signal.aborted)
      return fail(`${title}: edge "${dangling.id}" comes from node "${dangling.source}", which is not in the workflow`);

    if (signal.aborted || ups.some((u) => u.state === 'cancelled')) {
      emit({ nodeId: id, status: 'cancelled' });
      return { state: 'cancelled' };
    }
    const bad = ups.findIndex((u) => u.state === 'failed' || u.state === 'skipped');
    if (bad >= 0) {
      const u = ups[bad];
      const srcId = edges[bad].source;
      const cause = u.state === 'skipped' ? u.cause : `"${u.state === 'failed' ? u.title : srcId}" (${srcId})`;
      emit({ nodeId: id, status: 'skipped', message: `not run: upstream node ${cause} failed` });
      result.skipped.push(id);
      return { state: 'skipped', cause };
    }

    let nodeCtx: NodeRunContext | null = null;
    try {
      // ---- inputs: from upstream records, kinds checked against the ports
      const inputs: Record<string, Value | undefined> = {};
      const inputKeys: Record<string, string> = {};
      for (const port of def.inputs) {
        const edge = edges.filter((e) => e.targetPort === port.name).at(-1);
        if (!edge) {
          if (port.required) return fail(`${title}: input "${port.name}" is required but not connected`);
          continue;
        }
        const src = result.records.get(edge.source)!;
        const v = src.outputs[edge.sourcePort];
        if (v === undefined) {
          if (port.required)
            return fail(
              `${title}: input "${port.name}" got nothing: node "${edge.source}" produced no "${edge.sourcePort}" output`,
            );
          continue;
        }
        if (!port.kinds.includes(v.kind))
          return fail(
            `${title} (${id}): input "${port.name}" accepts ${port.kinds.join(' or ')}, ` +
              `but node "${edge.source}" port "${edge.sourcePort}" sent ${v.kind}`,
          );
        inputs[port.name] = v;
        inputKeys[port.name] = `${src.key}/${edge.sourcePort}`;
      }
      for (const e of edges)
        if (!def.inputs.some((p) => p.name === e.targetPort))
          return fail(`${title}: edge "${e.id}" targets port "${e.targetPort}", which this node does not have`);

      // ---- params (migrated, validated) and content key
      let resolved: ResolvedParams;
      try {
        resolved = await resolveParams(node, def, options.files);
      } catch (err) {
        if (err instanceof NodeInputError) return fail(err.message);
        throw err;
      }
      if (resolved.errors.length) return fail(`${title}: ${resolved.errors.join('; ')}`);
      const key = await nodeKey(def, resolved, inputKeys);
      if (signal.aborted) throw new AbortError();

      const record = (outputs: Record<string, Value>): void => {
        result.records.set(id, { nodeId: id, type: node.type, key, params: resolved.values, inputs, outputs });
      };
      const done = (status: 'done' | 'cached', entry: CacheEntry, ms: number): void => {
        const descr: Record<string, string> = {};
        for (const [p, v] of Object.entries(entry.outputs)) descr[p] = describeValue(v);
        const choices = entry.choices && Object.keys(entry.choices).length ? { choices: entry.choices } : {};
        emit({ nodeId: id, status, ms, bytes: entry.bytes, outputs: descr, warnings: entry.warnings, backend: entry.backend ?? 'cpu', ...choices });
        for (const file of entry.files) result.files.push({ nodeId: id, file });
      };

      const hit = cache?.get(key);
      if (hit) {
        record(hit.outputs);
        result.cached.push(id);
        done('cached', hit, 0);
        return { state: 'ok', key };
      }

      // ---- run
      emit({ nodeId: id, status: 'running', progress: 0 });
      const ctx = createRunContext({
        nodeId: id,
        signal,
        files: options.files,
        clock,
        eventEveryMs,
        onProgress: (progress, message) => {
          if (!signal.aborted) emit({ nodeId: id, status: 'running', progress, message });
        },
        onLive: (preview) => {
          if (!signal.aborted) emit({ nodeId: id, status: 'live', preview });
        },
        backend: options.backend,
      });
      nodeCtx = ctx;
      for (const w of resolved.warnings) ctx.warn(w);
      const t0 = performance.now();
      const running = Promise.resolve().then(() => def.run(inputs, resolved.values, ctx));
      running.catch(() => {});
      const raw: unknown = await Promise.race([running, aborted]);
      const ms = performance.now() - t0;
      if (signal.aborted) throw new AbortError();

      // ---- outputs: declared ports and kinds, provenance appended on a copy of meta
      if (typeof raw !== 'object' || raw === null)
        return fail(`${title}: run() returned ${raw === null ? 'null' : typeof raw}; expected an object of outputs`);
      const step = { nodeId: id, nodeType: node.type, typeVersion: def.version, params: resolved.provenance };
      const outputs: Record<string, Value> = {};
      for (const [portName, v] of Object.entries(raw as Record<string, unknown>)) {
        if (v === undefined) continue;
        const port = def.outputs.find((p) => p.name === portName);
        if (!port) return fail(`${title}: produced output "${portName}", which is not one of its ports`);
        const kind = (v as { kind?: unknown })?.kind;
        if (typeof kind !== 'string' || !(VALUE_KINDS as readonly string[]).includes(kind))
          return fail(`${title}: output "${portName}" is not a value (kind ${JSON.stringify(kind)})`);
        if (!port.kinds.includes(kind as Value['kind']))
          return fail(
            `${title} (${id}): output "${portName}" produced ${kind}, but the port declares ${port.kinds.join(' or ')}`,
          );
        const value = v as Value;
        const meta = value.meta ?? { sources: [], history: [], attrs: {} };
        outputs[portName] = { ...value, meta: { ...meta, history: [...(meta.history ?? []), step] } } as Value;
      }
      const emitted: EmittedFile[] = [...ctx.emitted];
      const entry: CacheEntry = {
        outputs,
        warnings: [...ctx.warnings],
        files: emitted,
        backend: ctx.backendUsed,
        choices: { ...ctx.choices },
        bytes:
          Object.values(outputs).reduce((n, v) => n + valueByteSize(v), 0) +
          emitted.reduce((n, f) => n + f.bytes.byteLength, 0),
      };
      cache?.set(key, entry);
      record(outputs);
      result.executed.push(id);
      done('done', entry, ms);
      return { state: 'ok', key };
    } catch (err) {
      if (err instanceof AbortError || signal.aborted) {
        // Files a node emitted before the cancel still reach the summary (e.g. the best model so
        // far of a training node); its outputs do not.
        for (const file of nodeCtx?.emitted ?? []) result.files.push({ nodeId: id, file });
        emit({ nodeId: id, status: 'cancelled' });
        return { state: 'cancelled' };
      }
      if (err instanceof NodeInputError) return fail(err.message, nodeCtx?.choices);
      const msg = err instanceof Error ? err.message : String(err);
      return fail(`${title}: ${msg}`, nodeCtx?.choices);
    } finally {
      nodeCtx?.closeLive();
    }
  };

  for (const id of order) outcomes.set(id, runNode(id));
  await Promise.all(outcomes.values());

  result.cancelled = signal.aborted;
  result.ok = !result.cancelled && result.failed.length === 0 && result.skipped.length === 0;
  return result;
}
