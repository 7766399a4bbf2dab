import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * A field photo as a phone writes it: a JPEG (made with sharp) carrying GPS
 * coordinates, a camera serial number and an orientation tag (written with
 * Debian's exiftool), so a test can prove none of it reaches the public.
 */
export async function jpegWithGps(dir: string, width: number, height: number): Promise<string> {
  const file = join(dir, `field-photo-${width}x${height}.jpg`);
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919) % 251;
  await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toFile(file);
  execFileSync('exiftool', [
    '-overwrite_original', '-GPSLatitude=13.7563', '-GPSLatitudeRef=N', '-GPSLongitude=100.5018', '-GPSLongitudeRef=E',
    '-SerialNumber=SN-4412-ICBL', '-BodySerialNumber=SN-4412-ICBL', '-Make=Canon', '-Orientation#=6', file,
  ]);
  return file;
}

/** Every tag exiftool finds in a file, by group:name. */
export function exifTags(file: string): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-G', '-a', file], { encoding: 'utf8' });
  return (JSON.parse(out) as Record<string, unknown>[])[0]!;
}

/** The tags that would tell where a photo was taken or which camera took it. */
export const revealing = (tags: Record<string, unknown>) => Object.keys(tags).filter((k) => /GPS|Serial/i.test(k));

/** An SVG whose script would run if served from the site's origin. */
export const SVG_WITH_SCRIPT = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>');

/** A Linux executable: the bytes of /bin/true, to be renamed .jpg. */
export const executable = () => readFileSync('/bin/true');

/** Writes bytes to a file and returns its path. */
export function writeTemp(dir: string, name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The browser's upload: the presigned fields, then the file, as multipart/form-data. */
export async function postUpload(upload: { url: string; fields: Record<string, string> }, bytes: Buffer, filename: string, origin?: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  return fetch(upload.url, { method: 'POST', body: form, headers: origin ? { origin } : {} });
}
