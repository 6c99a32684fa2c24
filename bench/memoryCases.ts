/**
 * "Streaming peak memory" rows (issue 5: frame-by-frame nodes should keep their peak memory under
 * 2× their input): each case is io.load-image of a float32 TIFF series → one frame-parallel node,
 * run by the CLI's Engine in a fresh process (memoryCase.ts), with the input read lazily from the
 * file on disk or from the file's bytes held in memory (the studio's MemoryFileStore).
 */
export interface MemoryBenchCase {
  id: string;
  title: string;
  /** The node under test: type and parameters; `port` is its input port. */
  type: string;
  port: string;
  params: Record<string, unknown>;
}

export const MEMORY_FRAMES = 64;
/** Frame side: 1024 on a full run (a 256 MiB series), 256 with --quick. */
export const memorySide = (quick: boolean) => (quick ? 256 : 1024);

export const MEMORY_CASES: MemoryBenchCase[] = [
  { id: 'mem-denoise', title: 'clean.denoise Gaussian σ=2 per frame', type: 'clean.denoise', port: 'image', params: { method: 'gaussian', sigma: 2 } },
  { id: 'mem-drift', title: 'register.drift to frame 0, bilinear', type: 'register.drift', port: 'stack', params: { mode: 'to-reference', interpolation: 'bilinear' } },
  { id: 'mem-deblur', title: 'clean.deblur Wiener, Gaussian PSF 7×7', type: 'clean.deblur', port: 'image', params: { method: 'wiener' } },
  { id: 'mem-rings', title: 'clean.remove-rings sorting-based', type: 'clean.remove-rings', port: 'image', params: { method: 'sorting' } },
  { id: 'mem-quality', title: 'clean.quality-score basic features, keep', type: 'clean.quality-score', port: 'image', params: { brisque: false, features: 'basic' } },
];
