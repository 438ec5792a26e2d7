import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './serialization.js';

describe('base64 of sketch state', () => {
  it('is standard padded base64 and round-trips every length', () => {
    expect(bytesToBase64(Uint8Array.of())).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('vigie'))).toBe('dmlnaWU=');
    expect(bytesToBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      expect(base64ToBytes(bytesToBase64(bytes), 'test')).toEqual(bytes);
    }
    // A view encodes its own bytes, not its whole buffer.
    expect(bytesToBase64(new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 4))).toBe('AgME');
  });

  it('rejects malformed base64', () => {
    expect(() => base64ToBytes('abc', 'x')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => base64ToBytes('ab!c', 'x')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
