import { describe, expect, it } from 'vitest';
import { helpLead } from '../Inspector';

describe('helpLead', () => {
  it('takes the first sentence, not cutting at abbreviations followed by lower case', () => {
    expect(helpLead('Pre-edge subtraction as Larch does (M. Newville, J. Phys. 2013). E0 from the derivative.')).toBe(
      'Pre-edge subtraction as Larch does (M. Newville, J. Phys. 2013).',
    );
    expect(helpLead('Reads a TIFF.')).toBe('Reads a TIFF.');
    expect(helpLead('No full stop here')).toBe('No full stop here');
  });
});
