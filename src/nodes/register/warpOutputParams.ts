/**
 * Parameters shared by the register nodes that resample a moving image through an affine map
 * (rotation-scale, affine-mi): the interpolation order and the fill value outside.
 */
import { defineParams } from '../../runtime/params';

export const warpOutputParams = defineParams({
  interpolation: {
    type: 'enum',
    label: 'Interpolation',
    description: 'How the moving image is resampled for the output.',
    default: 'bicubic',
    options: [
      { value: 'bilinear', label: 'bilinear', description: 'order 1' },
      { value: 'bicubic', label: 'bicubic', description: 'cubic B-spline (scipy order 3)' },
    ],
  },
  fill: {
    type: 'number',
    label: 'Fill value',
    description: 'Value of output pixels that come from outside the moving image.',
    default: 0,
    advanced: true,
  },
});
