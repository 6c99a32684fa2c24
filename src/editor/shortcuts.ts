/** Keyboard shortcuts of the canvas, as a pure mapping from a key event to an action. */
export type ShortcutAction = 'undo' | 'redo' | 'copy' | 'paste' | 'delete' | 'selectAll' | 'save';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** True when the event target is a text field, select or editable element: shortcuts stay off. */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string };
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    // Buttons and checkboxes take no text: Delete/Ctrl+Z still act on the canvas there.
    const t = (el.type ?? 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'color'].includes(t);
  }
  return false;
}

export function shortcutFor(e: KeyLike): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    if (key === 'c' && !e.shiftKey) return 'copy';
    if (key === 'v' && !e.shiftKey) return 'paste';
    if (key === 'a' && !e.shiftKey) return 'selectAll';
    if (key === 's' && !e.shiftKey) return 'save';
    return null;
  }
  if (!mod && !e.altKey && (key === 'Delete' || key === 'Backspace')) return 'delete';
  return null;
}
