import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { readTiff } from '../../io/tiff/readTiff';
import { parsePattern } from '../../io/xrd/parsePattern';
import { azimuthalIntegrate } from '../azimuthalIntegrate';
import { parsePoni } from '../parsePoni';
import { prepareIntegration } from '../prepareIntegration';
it('dbg', () => {
  const dir = '/work/shared/data/xrd/dioptas/';
  const img = readTiff(new Uint8Array(readFileSync(dir + 'CeO2_Pilatus1M.tif')), 'x');
  const geom = parsePoni(readFileSync(dir + 'CeO2_Pilatus1M.poni', 'utf8'), 'p');
  const [d] = parsePattern(readFileSync(dir + 'CeO2_Pilatus1M.xy', 'utf8'), 'x.xy');
  const r = azimuthalIntegrate(prepareIntegration(geom, img.height, img.width, { npt: 1512, split: 'bbox', polarizationFactor: 0.99, flipRows: true }), img.data, { maskNegative: false });
  const bad: string[] = [];
  for (let k = 0; k < 1512; k++) { const e = Math.abs(r.intensity[k] - d.y[k]) / Math.max(1, Math.abs(d.y[k])); if (e > 1e-4) bad.push(`${k} ${d.x[k].toFixed(3)} ${d.y[k]} ${r.intensity[k]} ${r.count[k]}`); }
  console.log(bad.length, bad.slice(0, 20).join('\n'));
});
