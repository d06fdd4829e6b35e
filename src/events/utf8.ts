/**
 * Strict UTF-8 decoding for logs given as bytes. A replacement character
 * silently changes a name or a phone, and so who a client is: a line that
 * is not valid UTF-8 is reported, never patched. Pure code (no
 * TextDecoder), so the engine runs on any JavaScript runtime.
 *
 * @internal
 */

const CHUNK = 8192;

/**
 * Decodes `bytes[start, end)` as UTF-8, refusing what the standard forbids:
 * stray continuation bytes, overlong forms, surrogates, code points above
 * U+10FFFF and sequences cut short.
 *
 * @param bytes - the bytes
 * @param start - the first byte
 * @param end - one past the last byte
 * @returns the text, or the offset (from `start`) of the first byte that is not valid UTF-8
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | number {
  let out = '';
  const units: number[] = [];
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i++;
    } else {
      let need: number;
      let min: number;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
        min = 0x80;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0x0f;
        min = 0x800;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x07;
        min = 0x10000;
      } else return i - start;
      if (i + need >= end) return i - start;
      for (let k = 1; k <= need; k++) {
        const c = bytes[i + k] as number;
        if ((c & 0xc0) !== 0x80) return i - start;
        cp = (cp << 6) | (c & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i - start;
      i += need + 1;
    }
    if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    if (units.length >= CHUNK) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return units.length > 0 ? out + String.fromCharCode(...units) : out;
}
