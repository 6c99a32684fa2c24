import { allocFloat32, allocUint16, allocUint8 } from '../../../runtime/alloc';
import type { PixelArray, PixelDType } from '../../../runtime/values';

/** A zeroed pixel array of `n` samples of a pixel type, through `runtime/alloc` (shared memory, size ceiling). */
export function allocPixels(dtype: PixelDType, n: number): PixelArray {
  return dtype === 'u8' ? allocUint8(n) : dtype === 'u16' ? allocUint16(n) : allocFloat32(n);
}
