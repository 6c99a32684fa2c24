/**
 * Decodes a text data file: UTF-8 when the bytes are valid UTF-8, otherwise Latin-1 (ISO-8859-1),
 * the usual encoding of beamline and potentiostat exports (µ, °, Å written as single bytes).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'latin1' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), encoding: 'latin1' };
  }
}
