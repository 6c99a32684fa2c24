/** What the bench records about the WebGPU adapter: identity, limits, features, software or not. */

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  /** A CPU rasteriser (SwiftShader, llvmpipe, lavapipe): its timings are not GPU numbers. */
  software: boolean;
  summary: string;
  limits: Record<string, number>;
  features: string[];
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software/i;

/** Numeric limits; Dawn exposes them as prototype getters, so own keys alone would miss them. */
function limitsOf(limits: GPUSupportedLimits): Record<string, number> {
  const out: Record<string, number> = {};
  const names = new Set<string>();
  for (let p: object | null = limits; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) names.add(k);
  }
  for (const k of [...names].sort()) {
    const v = (limits as unknown as Record<string, unknown>)[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

export function describeAdapter(adapter: GPUAdapter): AdapterReport {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const device = info?.device ?? '';
  const description = info?.description ?? '';
  const isFallbackAdapter = Boolean(info?.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const software = isFallbackAdapter || SOFTWARE.test([vendor, architecture, device, description].join(' '));
  const summary = [vendor, architecture, device, description].filter((s) => s).join(' / ') || 'unnamed adapter';
  return {
    vendor,
    architecture,
    device,
    description,
    isFallbackAdapter,
    software,
    summary,
    limits: limitsOf(adapter.limits),
    features: [...adapter.features].map(String).sort(),
  };
}
