/**
 * Reads a PANalytical `.xrdml` file (XRDML schema 1.x, as written by Data Collector): one pattern
 * per `<scan>`. The 2θ grid is `<positions axis="2Theta">` — `startPosition`/`endPosition` spaced
 * evenly over the points, or a `listPositions` — and the intensities are `<intensities>` or
 * `<counts>`. The wavelength is Kα1 of `<usedWavelength>` (Kα2, Kβ, the Kα2/Kα1 ratio go to attrs),
 * the start time is the scan header's `startTimeStamp`. (Follows xrdtools / yadg `panalytical.xrdml`.)
 */
import { parseNumberToken } from '../columns/parseNumberToken';
import { parseTimeStamp } from '../columns/parseTimeStamp';
import { TextFormatError } from '../columns/TextFormatError';
import { readXml, type XmlElement } from './readXml';
import type { XrdPattern } from './types';

const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
const children = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
const textOf = (el: XmlElement | undefined) => el?.text.trim() ?? '';

function numbers(el: XmlElement, fileName: string): Float64Array {
  const tokens = el.text.trim().split(/\s+/).filter((t) => t !== '');
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const v = parseNumberToken(tokens[i]);
    if (v === null) throw new TextFormatError(fileName, el.line, `<${el.name}> value ${i + 1}: expected a number, got "${tokens[i]}"`);
    out[i] = v;
  }
  return out;
}

function number(el: XmlElement | undefined, fileName: string, what: string, line: number): number {
  const v = parseNumberToken(textOf(el));
  if (v === null) throw new TextFormatError(fileName, el?.line ?? line, `${what}: expected a number, got "${textOf(el)}"`);
  return v;
}

export function parseXrdml(text: string, fileName: string): XrdPattern[] {
  const root = readXml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, fileName);
  if (root.name !== 'xrdMeasurements')
    throw new TextFormatError(fileName, root.line, `root element <${root.name}>: expected <xrdMeasurements> (PANalytical XRDML)`);
  const patterns: XrdPattern[] = [];
  const measurements = children(root, 'xrdMeasurement');
  const allScans = measurements.flatMap((m) => children(m, 'scan').map((s) => ({ m, s })));
  if (allScans.length === 0) throw new TextFormatError(fileName, root.line, 'no <xrdMeasurement>/<scan> element: expected at least one scan');
  const comments = children(child(root, 'comment'), 'entry').map(textOf);
  const system = comments.map((c) => /Diffractometer system=(.*)/.exec(c)?.[1]).find((v) => v);

  allScans.forEach(({ m, s }, k) => {
    const warnings: string[] = [];
    const attrs: XrdPattern['attrs'] = {};
    const wl = child(m, 'usedWavelength');
    let wavelength: number | null = null;
    if (wl) {
      wavelength = number(child(wl, 'kAlpha1'), fileName, '<usedWavelength>/<kAlpha1>', wl.line);
      for (const key of ['kAlpha2', 'kBeta', 'ratioKAlpha2KAlpha1'] as const) {
        const v = parseNumberToken(textOf(child(wl, key)));
        if (v !== null) attrs[key] = v;
      }
      attrs.kAlpha1 = wavelength;
      if (wl.attrs.intended) attrs.wavelengthIntended = wl.attrs.intended;
    } else warnings.push(`${fileName}: no <usedWavelength>: wavelength unknown`);
    const tube = child(child(m, 'incidentBeamPath'), 'xRayTube');
    const anode = textOf(child(tube, 'anodeMaterial'));
    if (anode) attrs.anode = anode;
    const header = child(s, 'header');
    const source = child(header, 'source');
    const instrument = system ?? textOf(child(source, 'instrumentControlSoftware'));
    if (instrument) attrs.instrument = instrument;
    if (m.attrs.measurementType) attrs.measurementType = m.attrs.measurementType;
    if (s.attrs.mode) attrs.scanMode = s.attrs.mode;
    const sample = textOf(child(child(root, 'sample'), 'name'));
    if (sample) attrs.sample = sample;

    let startTime: XrdPattern['startTime'] = null;
    const stamp = textOf(child(header, 'startTimeStamp'));
    if (stamp) {
      const t = parseTimeStamp(stamp);
      if ('error' in t) warnings.push(`${fileName}, line ${child(header, 'startTimeStamp')!.line}: startTimeStamp: ${t.error}`);
      else startTime = t;
    }

    const dp = child(s, 'dataPoints');
    if (!dp) throw new TextFormatError(fileName, s.line, '<scan> without <dataPoints>: expected positions and intensities');
    const yEl = child(dp, 'intensities') ?? child(dp, 'counts');
    if (!yEl) throw new TextFormatError(fileName, dp.line, '<dataPoints> without <intensities> or <counts>');
    const y = numbers(yEl, fileName);
    const npts = y.length;
    if (npts < 2) throw new TextFormatError(fileName, yEl.line, `<${yEl.name}> holds ${npts} values: expected at least 2`);
    const pos = children(dp, 'positions').find((p) => p.attrs.axis === '2Theta');
    if (!pos) throw new TextFormatError(fileName, dp.line, '<dataPoints> without <positions axis="2Theta">: expected a 2θ scan');
    let x: Float64Array;
    const list = child(pos, 'listPositions');
    if (list) {
      x = numbers(list, fileName);
      if (x.length !== npts)
        throw new TextFormatError(fileName, list.line, `<listPositions> holds ${x.length} values but <${yEl.name}> ${npts}: expected as many`);
    } else {
      const a = number(child(pos, 'startPosition'), fileName, '<positions axis="2Theta">/<startPosition>', pos.line);
      const b = number(child(pos, 'endPosition'), fileName, '<positions axis="2Theta">/<endPosition>', pos.line);
      if (!(b > a)) throw new TextFormatError(fileName, pos.line, `2θ endPosition ${b} ≤ startPosition ${a}: expected an increasing scan`);
      x = new Float64Array(npts);
      const step = (b - a) / (npts - 1);
      for (let i = 0; i < npts; i++) x[i] = a + i * step;
      x[npts - 1] = b;
    }
    const time = parseNumberToken(textOf(child(dp, 'commonCountingTime')));
    if (time !== null) attrs.countingTime = time;
    const unit = yEl.attrs.unit ?? 'counts';
    patterns.push({
      fileName,
      label: allScans.length > 1 ? `${fileName}#scan${k + 1}` : fileName,
      format: 'xrdml',
      x,
      y,
      sigma: null,
      axis: 'twoTheta',
      yName: yEl.name === 'counts' ? 'counts' : 'intensity',
      yUnit: unit,
      wavelength,
      attrs,
      startTime,
      warnings,
    });
  });
  return patterns;
}
