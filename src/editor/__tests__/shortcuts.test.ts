import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor } from '../shortcuts';
import { groupByLoader, loaderForFile } from '../fileRouting';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('shortcutFor', () => {
  it('maps the documented shortcuts on Ctrl and Cmd', () => {
    expect(shortcutFor(key('z', { ctrl: true }))).toBe('undo');
    expect(shortcutFor(key('z', { meta: true }))).toBe('undo');
    expect(shortcutFor(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(shortcutFor(key('y', { ctrl: true }))).toBe('redo');
    expect(shortcutFor(key('c', { meta: true }))).toBe('copy');
    expect(shortcutFor(key('v', { ctrl: true }))).toBe('paste');
    expect(shortcutFor(key('a', { ctrl: true }))).toBe('selectAll');
    expect(shortcutFor(key('Delete'))).toBe('delete');
    expect(shortcutFor(key('Backspace'))).toBe('delete');
  });

  it('ignores plain letters and Alt combinations', () => {
    expect(shortcutFor(key('z'))).toBeNull();
    expect(shortcutFor(key('z', { ctrl: true, alt: true }))).toBeNull();
    expect(shortcutFor(key('Delete', { ctrl: true }))).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is true for text inputs, textareas, selects and editable elements only', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'number' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('fileRouting', () => {
  it('routes data files to loaders by extension, case-insensitively', () => {
    expect(loaderForFile('slice.TIF')).toBe('io.load-image');
    expect(loaderForFile('a.tiff')).toBe('io.load-image');
    for (const ext of ['xdi', 'txt', 'dat', 'xmu', 'nor']) expect(loaderForFile(`s.${ext}`)).toBe('io.load-spectra');
    expect(loaderForFile('w.json')).toBeNull();
    expect(loaderForFile('noext')).toBeNull();
  });

  it('groups several spectra files into one loader', () => {
    const g = groupByLoader(['a.xdi', 'b.xdi', 'c.tif', 'd.docx']);
    expect(g.loaders.get('io.load-spectra')).toEqual(['a.xdi', 'b.xdi']);
    expect(g.loaders.get('io.load-image')).toEqual(['c.tif']);
    expect(g.unknown).toEqual(['d.docx']);
  });

  it('routes by the first bytes as inspect does: HDF5, JCAMP, Pilatus TIFF, STXM header and frames together', () => {
    const ascii = (t: string) => new Uint8Array(Array.from(t, (c) => c.charCodeAt(0)));
    expect(loaderForFile('run.dat', new Uint8Array([0x89, 0x48, 0x44, 0x46]))).toBe('io.load-hdf5');
    expect(loaderForFile('spec.txt', ascii('##TITLE= 1H\n'))).toBe('io.load-jcamp');
    const pil = new Uint8Array(300);
    pil.set([0x49, 0x49, 42, 0]);
    pil.set(ascii('# Pixel_size 172e-6 m x 172e-6 m'), 100);
    expect(loaderForFile('ceo2.tif', pil)).toBe('io.load-detector-image');
    const g = groupByLoader([{ name: 's.hdr', head: ascii('ScanDefinition = {') }, { name: 's_a000.xim' }, { name: 's_a001.xim' }, { name: 'ring.poni' }]);
    expect(g.loaders.get('io.load-stxm')).toEqual(['s.hdr', 's_a000.xim', 's_a001.xim']);
    expect(g.loaders.get('clean.azimuthal-integrate')).toEqual(['ring.poni']);
  });
});
