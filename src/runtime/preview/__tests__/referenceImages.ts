/** The formula images of scripts/fixtures/preview_reference.py, rebuilt here. */
export function floatImage(n: number): Float32Array {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = i % 97 === 0 ? NaN : Math.sin(i * 0.37) * 100 + ((i * 7) % 13);
  return v;
}

export function u16Image(n: number): Uint16Array {
  const v = new Uint16Array(n);
  for (let i = 0; i < n; i++) v[i] = Number((BigInt(i) * 2654435761n) % 4001n);
  return v;
}
