/**
 * A pack as one line of text to paste into a chat: "MOMO1:" + base64url(deflate-raw(JSON)) + "." +
 * CRC-32. The prefix carries the code's version, the checksum catches a code that was cut off or
 * changed, and unpacking stops at the pack size cap, so a small code cannot expand into gigabytes.
 * Uses only CompressionStream/DecompressionStream and streams that Node 20 and both browsers have.
 */
import type { BuiltInRules } from './pack-schema';
import { readPackText } from './pack-schema';
import { crc32Hex } from './crc32';
import { PACK_LIMITS, type MomoPack, type PackProblem, type PackReading } from './types';

export const SHARE_CODE_VERSION = 1;
const PREFIX = `MOMO${SHARE_CODE_VERSION}:`;
/** A deflated pack is far smaller than its cap; a code longer than the cap itself is not one. */
const MAX_CODE_LENGTH = Math.ceil((PACK_LIMITS.bytes * 4) / 3) + 64;

export async function encodeShareCode(pack: MomoPack): Promise<string> {
  const packed = await collect(bytesStream(new TextEncoder().encode(JSON.stringify(pack))).pipeThrough(new CompressionStream('deflate-raw')), Infinity);
  if (packed === 'too large') throw new Error('unreachable: no cap when packing');
  return `${PREFIX}${toBase64Url(packed)}.${crc32Hex(packed)}`;
}

/** The pack in a pasted code, read like a pack file; whitespace and line breaks around or inside are ignored. */
export async function decodeShareCode(pasted: string, builtIn: BuiltInRules): Promise<PackReading> {
  const code = pasted.replace(/\s+/g, '');
  const fail = (message: string): PackReading => ({ problems: [{ severity: 'error', where: 'share code', message } satisfies PackProblem] });
  const version = /^MOMO(\d{1,6}):/i.exec(code);
  if (!version || Number(version[1]) < 1) return fail('this is not a Momo Mask share code');
  if (Number(version[1]) > SHARE_CODE_VERSION) return fail(`made by a newer version of Momo Mask (MOMO${version[1]}); update the extension to read it`);
  if (code.length > MAX_CODE_LENGTH) return fail(`is too long; a pack is at most ${PACK_LIMITS.bytes / 1024} KB`);

  const body = code.slice(version[0].length);
  const dot = body.lastIndexOf('.');
  const payload = dot < 0 ? '' : body.slice(0, dot);
  const checksum = dot < 0 ? '' : body.slice(dot + 1).toLowerCase();
  const packed = fromBase64Url(payload);
  if (!packed || !/^[0-9a-f]{8}$/.test(checksum) || crc32Hex(packed) !== checksum) return fail('the code was changed or cut off');

  let text: string;
  try {
    const unpacked = await collect(bytesStream(packed).pipeThrough(new DecompressionStream('deflate-raw')), PACK_LIMITS.bytes);
    if (unpacked === 'too large') return fail(`unpacks to more than ${PACK_LIMITS.bytes / 1024} KB; a pack is at most ${PACK_LIMITS.bytes / 1024} KB`);
    text = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch {
    return fail('the code was changed or cut off (it does not unpack)');
  }
  return readPackText(text, builtIn);
}

/** The bytes as a stream fed 16 KB at a time on demand, so a reader that stops early stops the decoder too. */
function bytesStream(bytes: Uint8Array<ArrayBuffer>): ReadableStream<BufferSource> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 16 * 1024));
      offset += 16 * 1024;
    },
  });
}

/** Reads a stream to its end, or stops (and cancels it) as soon as it passes `cap` bytes. */
async function collect(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array<ArrayBuffer> | 'too large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      return 'too large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The bytes of unpadded base64url text, or undefined when it is not that (a cut can leave an impossible length). */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!text || !/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}
