/**
 * Paint tool of `segment.pixel-classifier` (ilastik-style scribbles), shown in the preview panel
 * when such a node is selected: the input image (the upstream node's preview of the current
 * frame), the prediction overlaid with adjustable opacity, the stored scribbles on top, and a
 * toolbar — classes (swatch + name, add, rename), brush size, eraser, clear, overlay opacity.
 * A stroke is drawn at once while painting; on release it is appended to the node's `scribbles`
 * parameter through the store (one undoable edit) and the node re-runs ("run to this node").
 * Positions map from the shown, possibly downsampled preview to full-resolution pixels.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Preview } from '../../runtime/engineApi';
import { rasterizeScribbles, type ScribbleStroke } from '../../ops/scribbles/rasterizeScribbles';
import { blendLabels, classColor, colormapLut, renderImage } from '../imageRender';
import { message } from '../studio';
import { useEditor, useStudio } from '../studioContext';
import { drawRgba } from './drawRgba';
import { addClass, appendStroke, classList, clearFrame, extendStroke, renameClass, strokesOf, toFullRes } from './paintEdits';
import './paint.css';

type ImagePreview = Extract<Preview, { type: 'image' }>;

export const PAINT_NODE_TYPE = 'segment.pixel-classifier';
const GRAY = colormapLut('gray');
const css = (k: number) => `rgb(${classColor(k).join(',')})`;
/** Scribble images keep 0 for unpainted pixels: class k is drawn as k + 1 (classPalette's background rule). */
const SCRIBBLE_CLASSES = ['unlabelled'];

export function PaintView({ nodeId }: { nodeId: string }) {
  const { studio, store } = useStudio();
  const doc = useEditor((s) => s.doc);
  const runStates = useEditor((s) => s.runStates);
  const runCounter = useEditor((s) => s.runCounter);
  const running = useEditor((s) => s.running);
  const node = doc.nodes.find((n) => n.id === nodeId);
  const edge = doc.edges.find((e) => e.target === nodeId && e.targetPort === 'image');
  const srcId = edge?.source;
  const srcPort = edge?.sourcePort;
  const isReady = (id: string | undefined) => !!id && (runStates[id]?.status === 'done' || runStates[id]?.status === 'cached');
  const srcReady = isReady(srcId);
  const selfReady = isReady(nodeId);
  const status = runStates[nodeId]?.status;
  const strokes = strokesOf(node?.params.scribbles);
  const classesText = typeof node?.params.classes === 'string' ? node.params.classes : '';
  const names = classList(classesText);

  const [active, setActive] = useState(1); // class 1..K; 0 = eraser
  const [radius, setRadius] = useState(3);
  const [opacity, setOpacity] = useState(0.45);
  const [frame, setFrame] = useState(0);
  const [base, setBase] = useState<ImagePreview | null>(null);
  const [pred, setPred] = useState<ImagePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<number[] | null>(null);
  const pendingRun = useRef(false);

  // The input image of this frame, from the upstream node's preview.
  useEffect(() => {
    if (!srcId || !srcReady) return;
    let live = true;
    studio
      .preview({ nodeId: srcId, frame, ...(srcPort ? { port: srcPort } : {}) })
      .then((p) => {
        if (!live || !p) return; // null: no result yet (e.g. the input is re-running)
        if (p.type === 'image' && !p.classes) {
          setBase(p);
          setError(null);
        } else setError('The input of this node is not an image.');
      })
      .catch((e) => {
        if (live) setError(message(e));
      });
    return () => {
      live = false;
    };
  }, [studio, srcId, srcPort, srcReady, frame, runCounter]);

  // The prediction of this frame; the previous one stays shown while the node re-runs.
  useEffect(() => {
    if (!selfReady) return;
    let live = true;
    studio
      .preview({ nodeId, port: 'labels', frame })
      .then((p) => live && setPred(p?.type === 'image' && p.classes ? p : null))
      .catch(() => live && setPred(null));
    return () => {
      live = false;
    };
  }, [studio, nodeId, selfReady, frame, runCounter]);

  const paintedClasses = new Set(strokes.filter((s) => s.class > 0).map((s) => s.class)).size;
  const requestRun = useCallback(() => {
    if (store.getState().running) pendingRun.current = true;
    else void studio.run(nodeId);
  }, [store, studio, nodeId]);
  // A stroke finished during a run: run again once that run has ended.
  useEffect(() => {
    if (!running && pendingRun.current) {
      pendingRun.current = false;
      void studio.run(nodeId);
    }
  }, [running, runCounter, studio, nodeId]);

  // Image, prediction overlay and scribbles at preview resolution.
  const rgba = useMemo(() => {
    if (!base) return null;
    const out = renderImage(base.data, base.lo, base.hi, GRAY);
    if (pred && pred.width === base.width && pred.height === base.height && opacity > 0) {
      // Prediction class k is drawn in the colour of scribble class k + 1.
      blendLabels(out, Uint8Array.from(pred.data, (v) => v + 1), opacity, SCRIBBLE_CLASSES);
    }
    const scale = base.width / base.fullWidth;
    const own = strokes
      .filter((s) => s.frame === frame)
      .map((s) => ({ ...s, frame: 0, radius: s.radius * scale, points: s.points.map((v) => (v + 0.5) * scale - 0.5) }));
    if (own.length) blendLabels(out, rasterizeScribbles(own, base.width, base.height, 1), 0.9, SCRIBBLE_CLASSES);
    return out;
  }, [base, pred, opacity, strokes, frame]);

  useEffect(() => {
    if (canvas.current && base && rgba) drawRgba(canvas.current, rgba, base.width, base.height);
  }, [rgba, base]);

  const at = (e: React.PointerEvent<HTMLCanvasElement>): [number, number] | null => {
    if (!base) return null;
    const r = e.currentTarget.getBoundingClientRect();
    return toFullRes(e.clientX - r.left, e.clientY - r.top, r.width, r.height, base.fullWidth, base.fullHeight);
  };
  /** Draws the stroke being painted at once (preview coordinates), before it is stored. */
  const drawLive = (points: number[]) => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || !base) return;
    const s = base.width / base.fullWidth;
    ctx.strokeStyle = ctx.fillStyle = active === 0 ? 'rgba(255,255,255,0.8)' : css(active);
    ctx.lineWidth = Math.max(1, 2 * radius * s);
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    const n = points.length;
    const from = n >= 4 ? n - 4 : n - 2;
    ctx.moveTo((points[from] + 0.5) * s, (points[from + 1] + 0.5) * s);
    ctx.lineTo((points[n - 2] + 0.5) * s + (n < 4 ? 0.01 : 0), (points[n - 1] + 0.5) * s);
    ctx.stroke();
  };
  const onDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const p = at(e);
    if (!p || e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = [p[0], p[1]];
    drawLive(drawing.current);
  };
  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const p = at(e);
    if (!p || !drawing.current) return;
    const next = extendStroke(drawing.current, p[0], p[1]);
    if (next !== drawing.current) {
      drawing.current = next;
      drawLive(next);
    }
  };
  const onUp = () => {
    const points = drawing.current;
    drawing.current = null;
    if (!points) return;
    const stroke: ScribbleStroke = { class: active, frame, radius, points };
    const next = appendStroke(strokes, stroke);
    store.setParam(nodeId, 'scribbles', next);
    if (new Set(next.filter((s) => s.class > 0).map((s) => s.class)).size >= 2) requestRun();
  };

  if (!edge || !srcId) return <p className="muted">Connect an image or stack to the input of this node to paint on it.</p>;
  const activeName = active > 0 ? (names[active - 1] ?? '') : '';
  return (
    <div className="paint-view" data-testid="paint-view">
      <div className="paint-toolbar" role="toolbar" aria-label="Paint">
        <div className="paint-classes">
          {names.map((name, i) => (
            <button
              key={`${i}-${name}`}
              className={`paint-class${active === i + 1 ? ' active' : ''}`}
              data-testid={`paint-class-${i + 1}`}
              title={`Paint ${name}`}
              onClick={() => setActive(i + 1)}
            >
              <span className="legend-dot" style={{ background: css(i + 1) }} />
              {name}
            </button>
          ))}
          <button className="paint-class" data-testid="paint-add-class" title="Add a class" onClick={() => store.setParam(nodeId, 'classes', addClass(classesText))}>
            + class
          </button>
          <button className={`paint-class${active === 0 ? ' active' : ''}`} data-testid="paint-eraser" title="Erase scribbles" onClick={() => setActive(0)}>
            ⌫ eraser
          </button>
        </div>
        {active > 0 && (
          <label className="paint-row">
            name
            <input
              key={`${active}-${activeName}`}
              type="text"
              defaultValue={activeName}
              data-testid="paint-class-name"
              onBlur={(e) => store.setParam(nodeId, 'classes', renameClass(classesText, active - 1, e.target.value))}
              onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
            />
          </label>
        )}
        <div className="slider-row">
          <label htmlFor="paint-radius">brush</label>
          <input id="paint-radius" type="range" min={0} max={40} value={radius} data-testid="paint-radius" onChange={(e) => setRadius(Number(e.target.value))} />
          <span className="slider-value">{radius} px</span>
        </div>
        <div className="slider-row">
          <label htmlFor="paint-opacity">overlay</label>
          <input id="paint-opacity" type="range" min={0} max={1} step={0.05} value={opacity} data-testid="paint-opacity" onChange={(e) => setOpacity(Number(e.target.value))} />
          <span className="slider-value">{Math.round(opacity * 100)} %</span>
        </div>
        <div className="paint-row">
          <button className="button" data-testid="paint-clear" disabled={!strokes.some((s) => s.frame === frame)} onClick={() => store.setParam(nodeId, 'scribbles', clearFrame(strokes, frame))}>
            Clear frame
          </button>
          <span className="muted small" data-testid="paint-status" data-strokes={strokes.length} data-prediction={pred ? 'shown' : 'none'}>
            {strokes.length} stroke{strokes.length === 1 ? '' : 's'}
            {status === 'running' || status === 'queued' ? ' · predicting…' : ''}
            {paintedClasses < 2 ? ' · paint at least two classes' : ''}
          </span>
        </div>
      </div>
      {!srcReady && !base && (
        <p className="muted">
          The input is not computed yet.{' '}
          {/* With two classes painted, run the classifier too (its upstream runs with it). */}
          <button className="button" data-testid="paint-run-input" onClick={() => void studio.run(paintedClasses >= 2 ? nodeId : srcId)}>
            {paintedClasses >= 2 ? 'Run and predict' : 'Run input'}
          </button>
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
      {/* Stays while a run re-marks the input as queued: painting goes on during predictions. */}
      {base && (
        <div className="image-frame">
          <canvas
            ref={canvas}
            className="paint-canvas"
            data-testid="paint-canvas"
            data-full-width={base.fullWidth}
            data-full-height={base.fullHeight}
            onPointerDown={onDown}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={onUp}
          />
        </div>
      )}
      {base && base.frames > 1 && (
        <div className="slider-row">
          <label htmlFor="paint-frame">{base.frameAxis?.name ?? 'frame'}</label>
          <input id="paint-frame" type="range" min={0} max={base.frames - 1} value={frame} data-testid="paint-frame" onChange={(e) => setFrame(Number(e.target.value))} />
          <span className="slider-value">
            {frame + 1}/{base.frames}
          </span>
        </div>
      )}
      {status === 'error' && paintedClasses >= 2 && <p className="field-error">The classifier failed: see the message on the node.</p>}
    </div>
  );
}
