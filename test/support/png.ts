import { crc32, inflateSync } from "node:zlib";

// Reads a PNG the way a viewer would, without a dependency: the signature, every chunk's CRC, the
// header, and the image data inflated to exactly the rows the header promises.

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bytes per pixel for 8-bit colour types: greyscale, RGB, palette, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  chunks: string[];
  /** The filtered scanlines, one filter byte then the pixels of each row. */
  scanlines: Buffer;
}

export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG: wrong signature");
  const chunks: string[] = [];
  const data: Buffer[] = [];
  let header: Buffer | undefined;
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === "IHDR") header = body;
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  if (!header || chunks[0] !== "IHDR" || chunks.at(-1) !== "IEND") throw new Error("PNG chunks out of order");
  const decoded = {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    bitDepth: header.readUInt8(8),
    colourType: header.readUInt8(9),
    chunks,
    scanlines: inflateSync(Buffer.concat(data)),
  };
  const channels = CHANNELS[decoded.colourType];
  if (decoded.bitDepth !== 8 || channels === undefined) throw new Error("unexpected PNG pixel format");
  if (decoded.scanlines.length !== decoded.height * (1 + decoded.width * channels)) {
    throw new Error("image data does not match the header's size");
  }
  return decoded;
}
