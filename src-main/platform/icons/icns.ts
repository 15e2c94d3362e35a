/**
 * The PNG-holding entry types of an Apple .icns file and the pixel size each holds. A 2× entry
 * is the Retina image of half its pixel size (ic11 is "16 pt @2x", 32 px), so one PNG can fill
 * two entries.
 */
export const ICNS_TYPES: readonly (readonly [type: string, sizePx: number])[] = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

const HEADER_BYTES = 8;

function block(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(HEADER_BYTES);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(HEADER_BYTES + body.length, 4);
  return Buffer.concat([head, body]);
}

/**
 * Packs square PNG images, keyed by pixel size, into an .icns container (the format macOS
 * reads for an app's icon). Every entry type whose size is given is written, in the order
 * `iconutil` uses; sizes that no entry type holds are refused rather than dropped.
 */
export function encodeIcns(pngsBySize: ReadonlyMap<number, Buffer>): Buffer {
  if (pngsBySize.size === 0) throw new Error('ICNS: no images');
  const sizes = new Set(ICNS_TYPES.map(([, size]) => size));
  for (const size of pngsBySize.keys()) {
    if (!sizes.has(size))
      throw new Error(`ICNS: no entry type holds ${size} px (sizes: ${[...sizes].join(', ')})`);
  }
  const entries = ICNS_TYPES.flatMap(([type, size]) => {
    const png = pngsBySize.get(size);
    return png ? [block(type, png)] : [];
  });
  return block('icns', Buffer.concat(entries));
}
