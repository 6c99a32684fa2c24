/**
 * io.load-jcamp: an NMR (or IR, UV, …) spectrum from a JCAMP-DX file as a spectrum, or as a
 * series with one row per NTUPLES page (real / imaginary part).
 */
import { defineNode, NodeInputError } from '../../runtime/nodeDefinition';
import { defineParams } from '../../runtime/params';
import { TextFormatError } from '../../ops/io/columns/TextFormatError';
import { readJcamp } from '../../ops/io/jcamp/readJcamp';
import { JcampChoiceError, jcampToSpectra } from '../../ops/io/jcamp/jcampToSpectra';

export const JCAMP_EXTENSIONS = ['.jdx', '.dx', '.jcamp', '.jcm'];

const params = defineParams({
  files: { type: 'files', label: 'File', description: 'One JCAMP-DX file (.jdx, .dx).', accept: JCAMP_EXTENSIONS, multiple: false, default: [] },
  block: {
    type: 'integer',
    label: 'Block',
    description:
      'Which block of a file with several (a LINK file holds the FID and the spectrum): 1, 2… counts the blocks that hold data; ' +
      '0 takes the spectrum, not the FID, else the first block.',
    default: 0,
    min: 0,
    max: 1000,
  },
  pages: {
    type: 'enum',
    label: 'Pages',
    description: 'NTUPLES files store the real and imaginary parts (or the rows of a 2-D spectrum) as pages.',
    default: 'all',
    options: [
      { value: 'all', label: 'all', description: 'one series per page (a spectra value when there are several)' },
      { value: 'first', label: 'first', description: 'only the first page (the real part): a spectrum' },
    ],
  },
  xUnit: {
    type: 'enum',
    label: 'NMR x axis',
    description: 'NMR spectra with an ##.OBSERVE FREQUENCY: chemical shift in ppm, or in Hz (δ × observe frequency in MHz). Other data keep their XUNITS.',
    default: 'ppm',
    options: [
      { value: 'ppm', label: 'ppm' },
      { value: 'Hz', label: 'Hz' },
    ],
  },
});

export const loadJcampNode = defineNode({
  type: 'io.load-jcamp',
  version: 1,
  category: 'io',
  title: 'Load JCAMP-DX',
  help:
    'Reads a JCAMP-DX file (4.24, 5, 6: AFFN and every ASDF compression — squeezed, difference, duplicate, packed —, peak ' +
    'tables, NTUPLES pages, LINK blocks) with jcampconverter. NMR spectra come in ppm (Hz divided by the observe frequency; ' +
    "Bruker's $OFFSET sets the first point) or in Hz; y keeps YUNITS. A block without ##END= (truncated file) and a file " +
    'without data are refused; a point count or first/last x that disagrees with NPOINTS/FIRSTX/LASTX is reported as a warning. ' +
    'Title, data type, origin, owner, spectrometer, solvent, observe nucleus and frequency are kept in the metadata.',
  inputs: [],
  outputs: [{ name: 'spectra', label: 'Spectrum', kinds: ['spectrum', 'spectra'] }],
  params,
  async run(_inputs, p, ctx) {
    const ref = p.files[0];
    if (!ref) throw new NodeInputError('files: expected one JCAMP-DX file, got none');
    await ctx.progress(0, `reading ${ref.name}`);
    const bytes = await ctx.files.read(ref);
    const source = { name: ref.name, sha256: await ctx.files.hash(ref), size: bytes.byteLength };
    try {
      const file = readJcamp(bytes, ref.name);
      for (const w of file.warnings) ctx.warn(w);
      const value = jcampToSpectra(file, ref.name, { block: p.block, pages: p.pages as 'all' | 'first', xUnit: p.xUnit as 'ppm' | 'Hz' });
      value.meta.sources = [source];
      return { spectra: value };
    } catch (err) {
      if (err instanceof TextFormatError || err instanceof JcampChoiceError) throw new NodeInputError(err.message);
      throw err;
    }
  },
});
