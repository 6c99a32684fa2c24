/**
 * Pure edits behind the paint tool of `segment.pixel-classifier`: mapping preview positions to
 * full-resolution pixels, and new values of the node's `scribbles` and `classes` parameters.
 * The store applies them with `setParam`, so each is one undoable document edit.
 */
import type { ScribbleStroke } from '../../ops/scribbles/rasterizeScribbles';

/**
 * Full-resolution pixel (column, row) under a point at (`px`, `py`) CSS pixels inside an element
 * showing the whole image at `shownWidth` × `shownHeight` CSS pixels; clamped to the image.
 */
export function toFullRes(
  px: number,
  py: number,
  shownWidth: number,
  shownHeight: number,
  fullWidth: number,
  fullHeight: number,
): [number, number] {
  const x = Math.floor((px / shownWidth) * fullWidth);
  const y = Math.floor((py / shownHeight) * fullHeight);
  return [Math.min(fullWidth - 1, Math.max(0, x)), Math.min(fullHeight - 1, Math.max(0, y))];
}

/** Stored strokes, or an empty list when the parameter holds something else. */
export function strokesOf(value: unknown): ScribbleStroke[] {
  return Array.isArray(value) ? (value as ScribbleStroke[]) : [];
}

/** Adds a point to a stroke being drawn unless it repeats the last one. */
export function extendStroke(points: number[], x: number, y: number): number[] {
  const n = points.length;
  if (n >= 2 && points[n - 2] === x && points[n - 1] === y) return points;
  return [...points, x, y];
}

/** The strokes with `stroke` appended (a new list; the old one is unchanged). */
export function appendStroke(strokes: readonly ScribbleStroke[], stroke: ScribbleStroke): ScribbleStroke[] {
  return [...strokes, stroke];
}

/** The strokes without those on `frame`. */
export function clearFrame(strokes: readonly ScribbleStroke[], frame: number): ScribbleStroke[] {
  return strokes.filter((s) => s.frame !== frame);
}

/** Class names of the comma-separated `classes` parameter. */
export function classList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** `classes` with one more class (named "class N" unless given). */
export function addClass(text: string, name?: string): string {
  const names = classList(text);
  return [...names, clean(name) || `class ${names.length + 1}`].join(', ');
}

/** `classes` with class `index` (0-based) renamed; an empty name keeps the old one. */
export function renameClass(text: string, index: number, name: string): string {
  const names = classList(text);
  if (index < 0 || index >= names.length) return text;
  const n = clean(name);
  if (!n) return text;
  names[index] = n;
  return names.join(', ');
}

/** Commas separate names in the parameter: they cannot be part of a name. */
function clean(name: string | undefined): string {
  return (name ?? '').replace(/,/g, ' ').trim();
}
