/**
 * Opening a zip (the container of .docx and .xlsx) within limits, in two steps. First its central
 * directory is read (nothing inflated): too many entries, or declared sizes over the cap or at a bomb's
 * ratio, are refused before a single byte is inflated. Then entries are inflated in small pieces and
 * their REAL output is counted as it comes: an entry that inflates past the size the directory declared
 * for it (a bomb lying about its sizes) is refused at once, and the total is capped again, so nothing
 * inflates beyond what was declared and allowed, and a bomb is never held in memory whole.
 */
import { PlanParseError } from '@lantian/core';
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import type { IntakeLimits } from './limits.ts';

/**
 * Past this much output, an archive inflating more than MAX_RATIO times the compressed bytes read so
 * far is a bomb (Office XML inflates 5–30×; a bomb ~1000×), refused before its total is reached.
 */
const RATIO_FROM = 8 * 1024 * 1024;
const MAX_RATIO = 200;

/**
 * Compressed bytes pushed per step: deflate's 1032:1 ratio bounds one step's output to ~4 MiB, so an
 * entry inflating past its declared size is stopped with a few MiB in memory, not tens.
 */
const STEP = 4 * 1024;

export interface ZipRead {
  /** Every entry name in the archive, in order. */
  names: string[];
  /** The inflated bytes of the entries that were asked for (or kept by `keep`). */
  parts: Map<string, Uint8Array>;
  /** Real inflated bytes counted, including `counted` (what an enclosing archive had already used). */
  inflated: number;
}

/** How an inspection reads an archive whole, not only the parts a reader wants. */
export interface ZipReadOptions {
  /** Inflate and count every entry, wanted or not (only the wanted and kept ones are held in memory). */
  inflateAll?: boolean;
  /** An entry not wanted is still kept when this says yes to its first bytes (e.g. a zip inside the zip). */
  keep?: (name: string, head: Uint8Array) => boolean;
  /** Bytes an enclosing archive already inflated: a nested archive counts toward the same total. */
  counted?: number;
}

/** The local-file signature every zip (and so every Office container) starts with. */
export const isZipHead = (head: Uint8Array) =>
  head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** What the central directory declares, entry by entry (a name may repeat): inflated sizes, in order. */
function directory(bytes: Uint8Array, who: string): Map<string, number[]> {
  const declared = new Map<string, number[]>();
  try {
    // fflate's filter sees each central-directory record (ZIP64 included) before anything is inflated;
    // saying no to every one reads the directory only.
    unzipSync(bytes, {
      filter: (f) => {
        const sizes = declared.get(f.name) ?? [];
        sizes.push(f.originalSize);
        declared.set(f.name, sizes);
        return false;
      },
    });
  } catch (e) {
    throw new PlanParseError(
      'CORRUPT_FILE',
      `${who}不是有效的 zip/Office 文件（找不到完整的压缩包目录，文件可能不完整或已损坏）：${(e as Error).message}`,
    );
  }
  return declared;
}

/** Refuse, from the directory alone, an archive whose declared entries or sizes are over the limits. */
function checkDirectory(
  bytes: Uint8Array,
  declared: Map<string, number[]>,
  inflates: (name: string) => boolean,
  limits: IntakeLimits,
  who: string,
  counted: number,
): void {
  let entries = 0;
  let size = 0;
  for (const [name, sizes] of declared) {
    entries += sizes.length;
    if (inflates(name)) for (const s of sizes) size += s;
  }
  if (entries > limits.maxEntries)
    throw new PlanParseError(
      'CONTAINER_LIMIT',
      `${who}中的条目超过 ${limits.maxEntries} 个（共 ${entries} 个），不像是一份正常的 Office 文档，已拒绝。`,
    );
  if (counted + size > limits.maxInflatedBytes)
    throw new PlanParseError(
      'CONTAINER_LIMIT',
      `${who}解压后超过 ${mib(limits.maxInflatedBytes)}（目录声明 ${mib(size)}；压缩炸弹或异常文件），已在解压前拒绝。`,
    );
  if (size > RATIO_FROM && size > bytes.length * MAX_RATIO)
    throw new PlanParseError(
      'CONTAINER_LIMIT',
      `${who}解压后超过原文件的 ${MAX_RATIO} 倍（压缩炸弹或异常文件），已在解压前拒绝。`,
    );
}

/** Read the entries `wanted` says yes to; throws PlanParseError (CONTAINER_LIMIT / CORRUPT_FILE). */
export function readZip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: IntakeLimits,
  who: string,
  options: ZipReadOptions = {},
): ZipRead {
  const inflates = (name: string) => options.inflateAll === true || wanted(name);
  const declared = directory(bytes, who);
  checkDirectory(bytes, declared, inflates, limits, who, options.counted ?? 0);
  const names: string[] = [];
  const chunks = new Map<string, Uint8Array[]>();
  let total = options.counted ?? 0;
  /** This archive's own output, for the ratio (an enclosing archive's bytes are not this one's). */
  let own = 0;
  let pushed = 0;
  let refusal: PlanParseError | undefined;
  const unzip = new Unzip((file) => {
    if (refusal) return;
    names.push(file.name);
    if (names.length > limits.maxEntries) {
      refusal = new PlanParseError(
        'CONTAINER_LIMIT',
        `${who}中的条目超过 ${limits.maxEntries} 个，不像是一份正常的 Office 文档，已拒绝。`,
      );
      return;
    }
    const want = wanted(file.name);
    if (!want && !options.inflateAll) return;
    const allowed = declared.get(file.name)?.shift();
    if (allowed === undefined) {
      refusal = new PlanParseError(
        'CORRUPT_FILE',
        `${who}已损坏或被篡改：其中的“${file.name}”不在压缩包目录中。`,
      );
      return;
    }
    let entryBytes = 0;
    const list: Uint8Array[] = [];
    if (want) chunks.set(file.name, list);
    // Undecided until the first 4 bytes are seen: an entry only counted, or kept because of its head.
    let holding: boolean | undefined = want || (options.keep ? undefined : false);
    let head: Uint8Array[] = [];
    file.ondata = (err, piece, final) => {
      let data: Uint8Array = piece;
      if (refusal) return;
      if (err) {
        refusal = new PlanParseError(
          'CORRUPT_FILE',
          `${who}已损坏：无法解压其中的“${file.name}”（${err.message}）。`,
        );
        return;
      }
      total += data.length;
      own += data.length;
      entryBytes += data.length;
      if (entryBytes > allowed) {
        refusal = new PlanParseError(
          'CONTAINER_LIMIT',
          `${who}中的“${file.name}”解压后超过目录声明的 ${allowed} 字节（压缩炸弹或被篡改的文件），已在解压过程中拒绝。`,
        );
        file.terminate();
        return;
      }
      if (own > RATIO_FROM && own > pushed * MAX_RATIO) {
        refusal = new PlanParseError(
          'CONTAINER_LIMIT',
          `${who}解压后超过原文件的 ${MAX_RATIO} 倍（压缩炸弹或异常文件），已在解压过程中拒绝。`,
        );
        file.terminate();
        return;
      }
      if (total > limits.maxInflatedBytes) {
        refusal = new PlanParseError(
          'CONTAINER_LIMIT',
          `${who}解压后超过 ${mib(limits.maxInflatedBytes)}（压缩炸弹或异常文件），已在解压过程中拒绝。`,
        );
        file.terminate();
        return;
      }
      if (holding === undefined) {
        head.push(data);
        const seen = concat(head);
        if (seen.length < 4 && !final) return;
        holding = options.keep?.(file.name, seen) ?? false;
        data = seen;
        head = [];
      }
      if (!holding) return;
      if (!chunks.has(file.name)) chunks.set(file.name, list);
      list.push(data);
    };
    try {
      file.start();
    } catch (e) {
      refusal = new PlanParseError(
        'CORRUPT_FILE',
        `${who}中的“${file.name}”使用了不支持的压缩方式（${(e as Error).message}）。`,
      );
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let at = 0; at < bytes.length && !refusal; at += STEP) {
      const end = Math.min(at + STEP, bytes.length);
      pushed = end;
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (e) {
    if (!refusal)
      refusal = new PlanParseError(
        'CORRUPT_FILE',
        `${who}不是有效的 zip/Office 文件：${(e as Error).message}`,
      );
  }
  if (refusal) throw refusal;
  if (names.length === 0)
    throw new PlanParseError('CORRUPT_FILE', `${who}不是有效的 zip/Office 文件：其中没有任何条目。`);
  const parts = new Map<string, Uint8Array>();
  for (const [name, list] of chunks) parts.set(name, concat(list));
  return { names, parts, inflated: total };
}

function concat(list: Uint8Array[]): Uint8Array {
  if (list.length === 1) return list[0];
  if (list.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(list.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of list) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
