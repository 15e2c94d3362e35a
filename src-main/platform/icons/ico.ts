/** One square PNG image to put in an .ico file. */
export interface IcoImage {
  readonly size: number;
  readonly png: Buffer;
}

const HEADER_BYTES = 6;
const ENTRY_BYTES = 16;

/**
 * Packs PNG images into a Windows .ico container (PNG-compressed entries are understood since
 * Windows Vista). Sizes from 1 to 256 px; 256 is written as 0 in the one-byte fields.
 */
export function encodeIco(images: readonly IcoImage[]): Buffer {
  if (images.length === 0) throw new Error('ICO: no images');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = Buffer.alloc(ENTRY_BYTES * images.length);
  let offset = HEADER_BYTES + entries.length;
  images.forEach((image, index) => {
    if (!Number.isInteger(image.size) || image.size < 1 || image.size > 256)
      throw new Error(`ICO: image size ${image.size} is not 1–256 px`);
    const at = index * ENTRY_BYTES;
    entries[at] = image.size % 256; // width (0 = 256)
    entries[at + 1] = image.size % 256; // height
    entries[at + 2] = 0; // palette colours: none
    entries[at + 3] = 0; // reserved
    entries.writeUInt16LE(1, at + 4); // colour planes
    entries.writeUInt16LE(32, at + 6); // bits per pixel
    entries.writeUInt32LE(image.png.length, at + 8);
    entries.writeUInt32LE(offset, at + 12);
    offset += image.png.length;
  });
  return Buffer.concat([header, entries, ...images.map((image) => image.png)]);
}
