/**
 * One brush stroke painted on a frame: a polyline of integer pixel positions (full resolution)
 * drawn with a round brush. `class` 1..K paints that class; 0 is the eraser (back to unlabelled).
 */
export interface ScribbleStroke {
  class: number;
  /** Frame of a stack (0 for an image). */
  frame: number;
  /** Brush radius in pixels (0: single pixels along the line). */
  radius: number;
  /** Flat list x0, y0, x1, y1, … (columns, rows). */
  points: number[];
}

export interface RasterizeScribblesOptions {
  /** Output mask (frames·height·width); allocated when absent. Strokes are drawn over its content. */
  out?: Uint8Array;
}

/**
 * Rasterises strokes, in order, into a label mask `frames × height × width` (0 = unlabelled,
 * 1..K = class): every pixel whose centre lies within `radius` of the stroke's polyline (a
 * disk at a single point, capsules along segments) takes the stroke's class; eraser strokes
 * (class 0) clear. Later strokes overwrite earlier ones; parts outside the image are clipped.
 */
export function rasterizeScribbles(
  strokes: readonly ScribbleStroke[],
  width: number,
  height: number,
  frames: number,
  options: RasterizeScribblesOptions = {},
): Uint8Array {
  const op = 'rasterizeScribbles';
  for (const [name, v] of [['width', width], ['height', height], ['frames', frames]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${op}: ${name} = ${v}, expected a positive integer`);
  }
  const plane = width * height;
  if (options.out && options.out.length !== plane * frames) {
    throw new RangeError(`${op}: out has ${options.out.length} values, expected frames·height·width = ${plane * frames}`);
  }
  const out = options.out ?? new Uint8Array(plane * frames);
  strokes.forEach((s, i) => {
    const where = `${op}: stroke ${i}`;
    if (!Number.isInteger(s.class) || s.class < 0 || s.class > 255) throw new RangeError(`${where}: class = ${s.class}, expected an integer 0…255`);
    if (!Number.isInteger(s.frame) || s.frame < 0 || s.frame >= frames) throw new RangeError(`${where}: frame = ${s.frame}, expected an integer 0…${frames - 1}`);
    if (!(s.radius >= 0) || !Number.isFinite(s.radius)) throw new RangeError(`${where}: radius = ${s.radius}, expected a finite number ≥ 0`);
    const p = s.points;
    if (p.length < 2 || p.length % 2 !== 0) throw new RangeError(`${where}: points has ${p.length} numbers, expected x, y pairs (at least one)`);
    for (let k = 0; k < p.length; k++) {
      if (!Number.isFinite(p[k])) throw new RangeError(`${where}: points[${k}] = ${p[k]}, expected a finite number`);
    }
    const base = s.frame * plane;
    const r = s.radius;
    const r2 = r * r + 1e-9;
    const n = p.length / 2;
    for (let j = 0; j < n; j++) {
      // Segment from point j to point j+1 (a single point for the last one when n = 1).
      const ax = p[2 * j];
      const ay = p[2 * j + 1];
      const bx = j + 1 < n ? p[2 * j + 2] : ax;
      const by = j + 1 < n ? p[2 * j + 3] : ay;
      if (j + 1 === n && n > 1) break;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r));
      const x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + r));
      const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r));
      const y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + r));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const ex = ax + t * dx - x;
          const ey = ay + t * dy - y;
          if (ex * ex + ey * ey <= r2) out[base + y * width + x] = s.class;
        }
      }
    }
  });
  return out;
}
