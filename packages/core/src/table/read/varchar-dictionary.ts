import duckdb from '@duckdb/node-bindings';
import { DICT_MISSING } from '../column.js';

// Stateless (UTF-8, no streaming), so one instance serves every call.
const utf8 = new TextDecoder();

/** Bytes per duckdb_string_t and the most bytes it stores inline (DuckDB's C API layout). */
const STRING_T = 16;
const INLINE_MAX = 12;
const EMPTY = -1;

/**
 * Dictionary-encodes DuckDB VARCHAR vectors into codes by first appearance, without making a
 * JavaScript string per value. Each duckdb_string_t is 16 bytes: a uint32 length, then either up
 * to 12 inline bytes or a 4-byte prefix and a pointer. Short strings (labels, most ids) are looked
 * up by those four words in an open-addressing table, so only a value seen for the first time
 * becomes a string; longer strings are decoded and looked up in a Map.
 *
 * 1M rows of a 20-label column encode in about 10 ms this way, against about 60 ms when every
 * value is decoded to a string first.
 */
export class VarcharDictionary {
  readonly dictionary: string[] = [];
  /** Codes by hash position (EMPTY where free): 4 bytes a slot. */
  private slots = new Int32Array(0);
  private mask = -1;
  /** The four key words of each code, by code (length -1 for a long string, kept in `long`). */
  private keys = new Int32Array(4 * 1024);
  private inlined = 0;
  private readonly long = new Map<string, number>();
  /**
   * While the inline values come in strictly increasing byte order (sorted ids, the usual case
   * for an id column), each is new: it gets the next code without a lookup. The first value out
   * of order builds the hash table from the codes so far.
   */
  private ascending = true;
  private last1 = -1;
  private last2 = -1;
  private last3 = -1;
  private last0 = -1;

  /**
   * Writes the codes of the first `n` values of `vector` to `out` from `offset` (DICT_MISSING
   * where DuckDB marks NULL); returns how many values were not NULL.
   */
  encode(vector: duckdb.Vector, n: number, out: Int32Array, offset: number): number {
    const data = duckdb.vector_get_data(vector, n * STRING_T);
    // Int32 throughout: keys compare as int32 whatever their top bit.
    const words = new Int32Array(data.buffer, data.byteOffset, n * (STRING_T / 4));
    // A NULL entry's bytes are undefined (its pointer may be garbage): look at valid entries only.
    const validity = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
    let text: string | undefined;
    let present = 0;
    for (let i = 0; i < n; i++) {
      if (validity && ((validity[i >> 3]! >> (i & 7)) & 1) === 0) {
        out[offset + i] = DICT_MISSING;
        continue;
      }
      present++;
      const w = i * 4;
      const length = words[w]!;
      if (length > INLINE_MAX) {
        const start = i * STRING_T + 8;
        const bytes = duckdb.get_data_from_pointer(
          data.buffer as ArrayBuffer,
          data.byteOffset + start,
          length,
        );
        out[offset + i] = this.codeOfLong(utf8.decode(bytes));
        continue;
      }
      // Bytes past the length are masked, so the key does not depend on what DuckDB left there.
      const w1 = words[w + 1]! & byteMask(length);
      const w2 = words[w + 2]! & byteMask(length - 4);
      const w3 = words[w + 3]! & byteMask(length - 8);
      let slot = -1;
      let code = EMPTY;
      if (this.ascending && this.follows(length, w1, w2, w3)) {
        // New for sure: no lookup.
      } else {
        if (this.ascending) this.stopAscending();
        slot = keyHash(length, w1, w2, w3) & this.mask;
        code = this.slots[slot]!;
        while (code !== EMPTY) {
          const k = code * 4;
          const keys = this.keys;
          if (keys[k] === length && keys[k + 1] === w1 && keys[k + 2] === w2 && keys[k + 3] === w3) break;
          slot = (slot + 1) & this.mask;
          code = this.slots[slot]!;
        }
      }
      if (code === EMPTY) {
        const start = i * STRING_T + 4;
        let ascii = true;
        for (let b = start; b < start + length; b++) {
          if (data[b]! > 0x7f) {
            ascii = false;
            break;
          }
        }
        // A new value: cut from one latin1 string of the vector (made once, when first needed).
        if (ascii) text ??= Buffer.from(data.buffer, data.byteOffset, n * STRING_T).toString('latin1');
        code = this.add(
          ascii ? text!.substring(start, start + length) : utf8.decode(data.subarray(start, start + length)),
          length,
          w1,
          w2,
          w3,
        );
        this.inlined++;
        if (slot >= 0) {
          this.slots[slot] = code;
          if (this.inlined * 2 > this.mask) this.grow();
        }
      }
      out[offset + i] = code;
    }
    return present;
  }

  /** True when the key comes after the last one in byte order (then it is the largest so far). */
  private follows(w0: number, w1: number, w2: number, w3: number): boolean {
    const b1 = bigEndian(w1);
    const b2 = bigEndian(w2);
    const b3 = bigEndian(w3);
    const after =
      this.last0 < 0 ||
      b1 > this.last1 ||
      (b1 === this.last1 &&
        (b2 > this.last2 ||
          (b2 === this.last2 && (b3 > this.last3 || (b3 === this.last3 && w0 > this.last0)))));
    if (after) {
      this.last0 = w0;
      this.last1 = b1;
      this.last2 = b2;
      this.last3 = b3;
    }
    return after;
  }

  private stopAscending(): void {
    this.ascending = false;
    let capacity = 2048;
    while (capacity < this.inlined * 2 + 2) capacity *= 2;
    this.rehash(capacity);
  }

  private add(value: string, w0: number, w1: number, w2: number, w3: number): number {
    const code = this.dictionary.length;
    this.dictionary.push(value);
    if (code * 4 + 4 > this.keys.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    const k = code * 4;
    this.keys[k] = w0;
    this.keys[k + 1] = w1;
    this.keys[k + 2] = w2;
    this.keys[k + 3] = w3;
    return code;
  }

  private codeOfLong(value: string): number {
    let code = this.long.get(value);
    if (code === undefined) {
      code = this.add(value, -1, 0, 0, 0);
      this.long.set(value, code);
    }
    return code;
  }

  /** Doubles the table (load factor stays at most 1/2). */
  private grow(): void {
    this.rehash(this.slots.length * 2);
  }

  /** Places every inline code in a table of `capacity` slots. */
  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    const keys = this.keys;
    for (let code = 0; code < this.dictionary.length; code++) {
      const k = code * 4;
      if (keys[k]! < 0) continue;
      let slot = keyHash(keys[k]!, keys[k + 1]!, keys[k + 2]!, keys[k + 3]!) & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = code;
    }
  }
}

/** A little-endian word's four bytes read in order, as an unsigned number (they compare so). */
function bigEndian(w: number): number {
  return (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24)) >>> 0;
}

/** A 32-bit mix of the four words of an inline string (length and masked bytes). */
function keyHash(w0: number, w1: number, w2: number, w3: number): number {
  let h = w1 ^ Math.imul(w2, 0x85ebca6b) ^ Math.imul(w3, 0xc2b2ae35) ^ Math.imul(w0, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The mask keeping the first `bytes` (0 to 4) bytes of a little-endian 32-bit word, as an int32. */
function byteMask(bytes: number): number {
  return bytes >= 4 ? -1 : bytes <= 0 ? 0 : (1 << (bytes * 8)) - 1;
}
