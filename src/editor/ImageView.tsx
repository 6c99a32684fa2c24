/**
 * Image preview on a <canvas>: contrast window (min/max sliders, auto = robust percentiles from
 * the engine), colour map, frame slider for stacks, label colours and label overlays.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Preview } from '../runtime/engineApi';
import { blendLabels, classColors, colormapLut, COLORMAP_NAMES, renderImage, renderLabels } from './imageRender';
import { drawRgba } from './paint/drawRgba';

type ImagePreview = Extract<Preview, { type: 'image' }>;

export function ImageView({ preview, onFrame }: { preview: ImagePreview; onFrame: (f: number) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const isLabels = !!preview.classes;
  // Start from the colour map chosen on the node (view.image), else gray.
  const [cmap, setCmap] = useState(preview.colormap && COLORMAP_NAMES.includes(preview.colormap as never) ? preview.colormap : 'gray');
  const [auto, setAuto] = useState(true);
  const [win, setWin] = useState<[number, number]>([preview.lo, preview.hi]);
  const [frame, setFrame] = useState(preview.frame);
  const lo = auto ? preview.lo : win[0];
  const hi = auto ? preview.hi : win[1];
  const span = preview.max > preview.min ? preview.max - preview.min : 1;
  const step = span / 500;

  useEffect(() => setFrame(preview.frame), [preview.frame]);
  useEffect(() => {
    if (preview.colormap && COLORMAP_NAMES.includes(preview.colormap as never)) setCmap(preview.colormap);
  }, [preview.colormap]);

  const rgba = useMemo(() => {
    const out = isLabels ? renderLabels(preview.data, preview.classes ?? []) : renderImage(preview.data, lo, hi, colormapLut(cmap));
    if (preview.overlay) blendLabels(out, preview.overlay.data, preview.overlay.opacity, preview.overlay.classes);
    return out;
  }, [preview, lo, hi, cmap, isLabels]);

  useEffect(() => {
    if (canvas.current) drawRgba(canvas.current, rgba, preview.width, preview.height);
  }, [rgba, preview.width, preview.height]);

  const classes = preview.classes ?? preview.overlay?.classes;
  const colors = classes ? classColors(classes) : [];
  return (
    <div className="image-view">
      <div className="image-frame">
        <canvas ref={canvas} data-testid="preview-image" className="preview-canvas" />
      </div>
      <div className="image-info muted small">
        {preview.fullWidth}×{preview.fullHeight} px
        {preview.width !== preview.fullWidth ? ` (shown at ${preview.width}×${preview.height})` : ''} · range{' '}
        {fmt(preview.min)} … {fmt(preview.max)}
      </div>
      {preview.frames > 1 && (
        <div className="slider-row">
          <label htmlFor="pv-frame">{preview.frameAxis?.name ?? 'frame'}</label>
          <input
            id="pv-frame"
            type="range"
            min={0}
            max={preview.frames - 1}
            value={frame}
            data-testid="preview-frame"
            onChange={(e) => {
              const f = Number(e.target.value);
              setFrame(f);
              onFrame(f);
            }}
          />
          <span className="slider-value">
            {frame + 1}/{preview.frames}
            {preview.frameCoord !== undefined && frame === preview.frame
              ? ` · ${fmt(preview.frameCoord)} ${preview.frameAxis?.unit ?? ''}`
              : ''}
          </span>
        </div>
      )}
      {!isLabels && (
        <div className="contrast">
          <div className="contrast-row">
            <label className="check">
              <input type="checkbox" checked={auto} data-testid="preview-auto" onChange={(e) => { setAuto(e.target.checked); if (!e.target.checked) setWin([preview.lo, preview.hi]); }} />
              auto contrast
            </label>
            <label>
              colour map{' '}
              <select value={cmap} data-testid="preview-colormap" onChange={(e) => setCmap(e.target.value)}>
                {COLORMAP_NAMES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="slider-row">
            <label htmlFor="pv-min">min</label>
            <input id="pv-min" type="range" min={preview.min} max={preview.max} step={step} value={lo} data-testid="preview-min"
              onChange={(e) => { setAuto(false); setWin([Math.min(Number(e.target.value), hi), hi]); }} />
            <span className="slider-value">{fmt(lo)}</span>
          </div>
          <div className="slider-row">
            <label htmlFor="pv-max">max</label>
            <input id="pv-max" type="range" min={preview.min} max={preview.max} step={step} value={hi} data-testid="preview-max"
              onChange={(e) => { setAuto(false); setWin([lo, Math.max(Number(e.target.value), lo)]); }} />
            <span className="slider-value">{fmt(hi)}</span>
          </div>
        </div>
      )}
      {classes && (
        <ul className="class-legend">
          {classes.map((c, i) => (
            <li key={`${i}-${c}`}>
              <span className="legend-dot" style={legendDot(colors[i])} />
              {i}: {c}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** A legend dot: the class colour, or an outlined empty dot for a background drawn clear. */
function legendDot(c: readonly [number, number, number] | null | undefined): React.CSSProperties {
  return c ? { background: `rgb(${c.join(',')})` } : { background: 'transparent', border: '1px solid #888' };
}
