/**
 * Inserts an EXIF (APP1) segment right after a JPEG's SOI marker: an orientation and a GPS position, the
 * metadata a phone camera writes. Big-endian TIFF, IFD0 holding Orientation and a pointer to the GPS IFD.
 */
export function withExif(
  jpeg: Uint8Array,
  opts: { orientation?: number; gps?: { lat: [number, number, number]; lon: [number, number, number] } } = {},
): Buffer {
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const ifd0Count = 1 + (opts.gps ? 1 : 0);
  const ifd0Size = 2 + ifd0Count * 12 + 4;
  const gpsAt = 8 + ifd0Size;
  entries.push([0x0112, 3, 1, (opts.orientation ?? 1) << 16]);
  if (opts.gps) entries.push([0x8825, 4, 1, gpsAt]);
  const tiff: number[] = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8];
  const u16 = (v: number) => tiff.push((v >> 8) & 0xff, v & 0xff);
  const u32 = (v: number) => tiff.push((v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  u16(entries.length);
  for (const [tag, type, count, value] of entries) u16(tag), u16(type), u32(count), u32(value);
  u32(0);
  if (opts.gps) {
    // GPS IFD: LatitudeRef 'N', Latitude (3 rationals), LongitudeRef 'E', Longitude (3 rationals).
    const gpsSize = 2 + 4 * 12 + 4;
    const latAt = gpsAt + gpsSize;
    const lonAt = latAt + 24;
    u16(4);
    u16(1), u16(2), u32(2), u32(0x4e000000);
    u16(2), u16(5), u32(3), u32(latAt);
    u16(3), u16(2), u32(2), u32(0x45000000);
    u16(4), u16(5), u32(3), u32(lonAt);
    u32(0);
    for (const v of [...opts.gps.lat, ...opts.gps.lon]) u32(v), u32(1);
  }
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
  const app1 = Buffer.concat([
    Buffer.from([0xff, 0xe1, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff]),
    body,
  ]);
  return Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), app1, Buffer.from(jpeg.subarray(2))]);
}
