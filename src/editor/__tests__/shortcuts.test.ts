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
    const g = groupByLoader(['a.xdi', 'b.xdi', 'c.tif', 'd.h5']);
    expect(g.loaders.get('io.load-spectra')).toEqual(['a.xdi', 'b.xdi']);
    expect(g.loaders.get('io.load-image')).toEqual(['c.tif']);
    expect(g.unknown).toEqual(['d.h5']);
  });
});
