/** Puts an RGBA pixel array on a canvas, sizing the canvas to the image (image previews, paint view). */
export function drawRgba(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray, width: number, height: number): void {
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = new ImageData(width, height);
  img.data.set(rgba.subarray(0, img.data.length));
  ctx.putImageData(img, 0, 0);
}
