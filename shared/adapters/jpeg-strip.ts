/**
 * A JPEG's metadata removed without decoding it (what `jpegtran -copy none`
 * does): every segment before the image data is dropped except the frame and
 * table segments and those a decoder needs for colour (JFIF APP0, the ICC
 * profile in APP2, Adobe APP14). EXIF (GPS, serials, orientation) and XMP in
 * APP1, IPTC in APP13, comments, and anything after the end-of-image marker
 * (MPF secondary images, trailers) are gone. Lossless and about a millisecond,
 * so an upright photo keeps its exact pixels. Returns undefined for a file
 * whose structure it does not follow, so the caller re-encodes it instead.
 */
export function stripJpegMetadata(jpeg: Buffer): Buffer | undefined {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return undefined;
  const kept: Buffer[] = [jpeg.subarray(0, 2)];
  let at = 2;
  for (;;) {
    if (at + 2 > jpeg.length || jpeg[at] !== 0xff) return undefined;
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return Buffer.concat([...kept, jpeg.subarray(at, at + 2)]);
    if (at + 4 > jpeg.length) return undefined;
    const length = jpeg.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > jpeg.length) return undefined;
    if (keep(marker, jpeg.subarray(at + 4, end))) kept.push(jpeg.subarray(at, end));
    at = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
      // Buffer.indexOf finds each 0xFF natively; only those bytes are looked at here.
      const start = at;
      for (;;) {
        at = jpeg.indexOf(0xff, at);
        if (at < 0 || at + 1 >= jpeg.length) return undefined;
        const next = jpeg[at + 1]!;
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        at += 1;
      }
      kept.push(jpeg.subarray(start, at));
    }
  }
}

const startsWith = (data: Buffer, id: string) => data.subarray(0, id.length).toString('latin1') === id;

/** Frame, table, scan and restart-interval segments, and the colour-bearing APPn; nothing else. */
function keep(marker: number, data: Buffer): boolean {
  if (marker === 0xe0) return startsWith(data, 'JFIF\0');
  if (marker === 0xe2) return startsWith(data, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWith(data, 'Adobe');
  if (marker >= 0xe0 && marker <= 0xef) return false; // EXIF, XMP, MPF, IPTC and the rest
  if (marker === 0xfe) return false; // comment
  return true; // SOFn, DHT, DQT, DRI, SOS, DAC, DNL, ...
}
