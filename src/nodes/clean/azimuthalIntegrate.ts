/**
 * clean.azimuthal-integrate: turns 2-D powder diffraction frames into 1-D patterns (2θ or q) with a
 * pyFAI `.poni` geometry, as pyFAI's `integrate1d` does.
 */
import { defineNode, NodeInputError, requireInput } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import type { SpectraValue, SpectrumValue } from '../../runtime/values';
import { deriveMeta } from '../../runtime/values';
import { azimuthalIntegrate } from '../../ops/diffraction/azimuthalIntegrate';
import { parsePoni } from '../../ops/diffraction/parsePoni';
import { prepareIntegration, type IntegrationPlan } from '../../ops/diffraction/prepareIntegration';
import type { DetectorGeometry, RadialUnit } from '../../ops/diffraction/types';
import { decodeText } from '../../ops/io/columns/decodeText';
import { forEachFrame } from '../../ops/stack/forEachFrame';

const params = defineParams({
  geometry: {
    type: 'files',
    label: 'Geometry (.poni)',
    description: 'pyFAI/Dioptas calibration file: distance, PONI, rotations, pixel size, wavelength.',
    accept: ['.poni'],
    multiple: false,
    default: [],
  },
  unit: {
    type: 'enum',
    label: 'Radial unit',
    description: 'x axis of the pattern: scattering angle 2θ in degrees or momentum transfer q = 4π·sin(θ)/λ in Å⁻¹.',
    default: '2th_deg',
    options: [
      { value: '2th_deg', label: '2θ (°)' },
      { value: 'q_A^-1', label: 'q (Å⁻¹)' },
    ],
  },
  npt: {
    type: 'integer',
    label: 'Bins',
    description: 'Number of radial bins of the pattern (pyFAI npt). About the detector radius in pixels is usual.',
    default: 1000,
    min: 2,
    max: 100000,
  },
  split: {
    type: 'enum',
    label: 'Pixel splitting',
    description: 'How a pixel is shared among bins. bbox (pyFAI\'s default) spreads it over the bins its bounding box covers; none puts it whole into the bin of its centre (faster, noisier with many bins).',
    default: 'bbox',
    options: [
      { value: 'bbox', label: 'bounding box (pyFAI default)' },
      { value: 'none', label: 'none (histogram of centres)' },
    ],
  },
  correctSolidAngle: {
    type: 'boolean',
    label: 'Solid-angle correction',
    description: 'Divide by each pixel\'s solid angle relative to the PONI, cos³ of the incidence angle (pyFAI default: on).',
    default: true,
  },
  polarizationFactor: {
    type: 'number',
    label: 'Polarization factor',
    description: 'Polarization correction P = ½(1 + cos²2θ − f·cos2χ·sin²2θ) with factor f: 0.99 for a synchrotron (horizontal plane, Dioptas\' default), 0 for an unpolarized lab source, none to skip (pyFAI default).',
    default: null,
    nullable: true,
    nullLabel: 'none',
    min: -1,
    max: 1,
  },
  radialMin: {
    type: 'number',
    label: 'Radial min',
    description: 'Lower end of the radial range, in the radial unit. Auto: what the detector covers.',
    default: null,
    nullable: true,
    nullLabel: 'auto',
  },
  radialMax: {
    type: 'number',
    label: 'Radial max',
    description: 'Upper end of the radial range, in the radial unit. Auto: what the detector covers.',
    default: null,
    nullable: true,
    nullLabel: 'auto',
  },
  maskNegative: {
    type: 'boolean',
    label: 'Mask negative pixels',
    description: 'Leave out pixels below 0: the module gaps (−1) and bad pixels (−2) of Pilatus/Eiger images.',
    default: true,
  },
  flipRows: {
    type: 'boolean',
    label: 'Image upside down (Dioptas)',
    description: 'Dioptas shows images flipped vertically and its .poni files describe the flipped image: turn on for a Dioptas calibration.',
    default: false,
  },
  wavelength: {
    type: 'number',
    label: 'Wavelength',
    description: 'Used for q when the .poni has none. Auto: the .poni, else the image header (Pilatus "Wavelength").',
    default: null,
    nullable: true,
    nullLabel: 'auto',
    min: 0,
    exclusiveMin: true,
    unit: 'Å',
    advanced: true,
  },
});

export const azimuthalIntegrateNode = defineNode({
  type: 'clean.azimuthal-integrate',
  version: 1,
  category: 'clean',
  title: 'Azimuthal integration',
  help:
    'Integrates 2-D powder diffraction frames over the azimuth into 1-D patterns, as pyFAI integrate1d: geometry from a ' +
    '.poni file (PONI 1/2.x; pyFAI\'s rotation convention), 2θ or q per pixel, intensity per bin = Σ counts / Σ (solid angle × ' +
    'polarization), pixel splitting by bounding box (pyFAI\'s default) or none, masks (negative Pilatus gaps, an optional ' +
    'mask image). Checked against pyFAI 0.21 and against Dioptas\' integration of a CeO2 Pilatus 1M image. A stack gives one ' +
    'pattern per frame (spectra over the stack\'s time axis).',
  inputs: [
    { name: 'image', label: 'Detector image', kinds: ['image', 'stack'], required: true },
    { name: 'mask', label: 'Mask', kinds: ['image', 'labels'], description: 'Non-zero pixels are left out (beam stop, gaps, hot pixels).' },
  ],
  outputs: [{ name: 'pattern', label: 'Pattern', kinds: ['spectrum', 'spectra'] }],
  params,
  check: (p) =>
    p.radialMin !== null && p.radialMax !== null && !(p.radialMax > p.radialMin)
      ? [{ param: 'radialMax', message: `radialMax: ${p.radialMax} is not above radialMin ${p.radialMin}: expected min < max` }]
      : [],
  async run(inputs, p, ctx) {
    const img = requireInput(inputs, 'image', ['image', 'stack']);
    const maskIn = inputs.mask ? requireInput(inputs, 'mask', ['image', 'labels']) : undefined;
    if (p.geometry.length === 0) throw new NodeInputError('geometry: expected a .poni file (pyFAI / Dioptas calibration), got none');
    const ref = p.geometry[0];
    const bytes = await ctx.files.read(ref);
    let geom: DetectorGeometry;
    try {
      geom = parsePoni(decodeText(bytes).text, ref.name);
    } catch (err) {
      throw new NodeInputError((err as Error).message);
    }
    const { width, height } = img;
    if (geom.maxShape && (geom.maxShape[0] !== height || geom.maxShape[1] !== width))
      ctx.warn(`${ref.name}: detector shape ${geom.maxShape[0]}×${geom.maxShape[1]} (rows×columns), image is ${height}×${width}`);
    const headerWl = img.meta.attrs.wavelength;
    if (geom.wavelength === null) {
      const wl = p.wavelength ?? (typeof headerWl === 'number' && headerWl > 0 ? headerWl : null);
      if (wl !== null) geom = { ...geom, wavelength: wl * 1e-10 };
    }
    const unit = p.unit as RadialUnit;
    if (unit === 'q_A^-1' && geom.wavelength === null)
      throw new NodeInputError(`wavelength: ${ref.name} gives no Wavelength and the image none: expected a wavelength in Å for q`);
    let mask: Uint8Array | undefined;
    if (maskIn) {
      if (maskIn.width !== width || maskIn.height !== height)
        throw new NodeInputError(`input "mask": ${maskIn.width}×${maskIn.height}, expected the image size ${width}×${height}`);
      mask = Uint8Array.from(maskIn.data.subarray(0, width * height), (v) => (v !== 0 ? 1 : 0));
    }
    const radialRange: [number, number] | null =
      p.radialMin !== null || p.radialMax !== null ? [p.radialMin ?? 0, p.radialMax ?? Number.POSITIVE_INFINITY] : null;
    await ctx.progress(0, 'geometry');
    let plan: IntegrationPlan;
    try {
      if (radialRange && !Number.isFinite(radialRange[1])) {
        // Only a lower bound: the upper end is what the detector covers.
        const full = prepareIntegration(geom, height, width, { npt: 2, unit, split: p.split as 'bbox' | 'none', flipRows: p.flipRows, mask, correctSolidAngle: false });
        radialRange[1] = full.radial[1] + (full.radial[1] - full.radial[0]) / 2;
      }
      plan = prepareIntegration(geom, height, width, {
        npt: p.npt,
        unit,
        split: p.split as 'bbox' | 'none',
        correctSolidAngle: p.correctSolidAngle,
        polarizationFactor: p.polarizationFactor,
        radialRange,
        flipRows: p.flipRows,
        mask,
      });
    } catch (err) {
      throw new NodeInputError((err as Error).message.replace(/^prepareIntegration: /, ''));
    }
    const frames = img.kind === 'stack' ? img.frames : 1;
    const y = new Float64Array(frames * p.npt);
    await forEachFrame(
      img.data,
      width,
      height,
      (frame, f) => azimuthalIntegrate(plan, frame, { maskNegative: p.maskNegative, out: y.subarray(f * p.npt, (f + 1) * p.npt) }),
      (done, total) => ctx.progress(0.1 + (0.9 * done) / total, `frame ${done}/${total}`),
    );
    const xAxis = unit === '2th_deg' ? { name: '2θ', unit: '°' } : { name: 'q', unit: 'Å⁻¹' };
    const yAxis = { name: 'intensity', unit: '' };
    const meta = deriveMeta(img.meta);
    meta.sources = [...meta.sources, { name: ref.name, sha256: await ctx.files.hash(ref), size: bytes.byteLength }];
    if (geom.wavelength !== null) meta.attrs.wavelength = geom.wavelength * 1e10;
    meta.attrs.integration = `pyFAI-style integrate1d, ${p.split === 'bbox' ? 'bbox splitting' : 'no splitting'}, ${p.npt} bins`;
    const x = Float64Array.from(plan.radial);
    if (img.kind === 'image') {
      const v: SpectrumValue = { kind: 'spectrum', x, y, xAxis, yAxis, meta };
      return { pattern: v };
    }
    const v: SpectraValue = {
      kind: 'spectra',
      x,
      y,
      frames,
      points: p.npt,
      time: Float64Array.from(img.frameCoords),
      frameLabels: Array.from({ length: frames }, (_, i) => `${img.frameAxis.name} ${img.frameCoords[i]}${img.frameAxis.unit ? ' ' + img.frameAxis.unit : ''}`),
      xAxis,
      yAxis,
      meta,
    };
    return { pattern: v };
  },
});
