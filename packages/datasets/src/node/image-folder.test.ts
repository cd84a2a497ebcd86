import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCelebA, loadImageFolder } from './image-folder.js';

const dir = mkdtempSync(join(tmpdir(), 'mine-image-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** RGBA pixels of a width×height image from a colour function. */
function rgba(width: number, height: number, colour: (x: number, y: number) => number[]) {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colour(x, y);
      data.set([r!, g!, b!, 255], 4 * (y * width + x));
    }
  }
  return data;
}

function writePng(
  name: string,
  width: number,
  height: number,
  colour: (x: number, y: number) => number[],
) {
  const png = new PNG({ width, height });
  png.data = rgba(width, height, colour);
  writeFileSync(join(dir, name), PNG.sync.write(png));
}

describe('loadImageFolder', () => {
  // b.png: 20 wide, 30 high; rows 0-4 and 25-29 (cut by the centred 20×20 crop) are green.
  // Inside the crop the left half is red, the right half blue.
  writePng('b.png', 20, 30, (x, y) =>
    y < 5 || y >= 25 ? [0, 255, 0] : x < 10 ? [255, 0, 0] : [0, 0, 255],
  );
  // a.jpg: 16×16 mid grey (JPEG is lossy: compared with a tolerance).
  writeFileSync(
    join(dir, 'a.jpg'),
    jpeg.encode({ width: 16, height: 16, data: rgba(16, 16, () => [128, 128, 128]) }, 95).data,
  );
  writeFileSync(join(dir, 'notes.txt'), 'not an image');

  it('centre-crops, resizes by area and reads files in name order', async () => {
    const set = await loadImageFolder({ dir, size: 4 });
    expect(set).toMatchObject({ count: 2, height: 4, width: 4, channels: 3, classes: 1 });
    expect(Array.from(set.labels)).toEqual([0, 0]);
    const grey = Array.from(set.images.subarray(0, 48));
    for (const v of grey) expect(Math.abs(v - 128)).toBeLessThanOrEqual(3);
    const b = set.images.subarray(48, 96);
    // Row 0: two red pixels then two blue ones; no green survives the crop.
    expect(Array.from(b.subarray(0, 12))).toEqual([255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
  });

  it('averages fractional areas, and gives luma for one channel', async () => {
    // 20 px → 3 px: the middle output pixel covers 6.67 source columns, half red, half blue.
    const set = await loadImageFolder({ dir, size: 3, channels: 1, limit: 2 });
    const b = set.images.subarray(9, 18);
    const red = Math.round(0.299 * 255);
    const blue = Math.round(0.114 * 255);
    expect(Array.from(b.subarray(0, 3))).toEqual([
      red,
      Math.round((0.299 * 255 + 0.114 * 255) / 2),
      blue,
    ]);
  });

  it('takes the first images with limit, and CelebA presets a 108-px crop to 64 px', async () => {
    const one = await loadImageFolder({ dir, size: 2, limit: 1 });
    expect(one.count).toBe(1);
    await expect(loadCelebA({ dir })).rejects.toThrow(
      /a\.jpg: is 16×16, smaller than the 108-px crop/,
    );
    const small = await loadCelebA({ dir, crop: 16, size: 8 });
    expect(small).toMatchObject({ count: 2, height: 8, channels: 3 });
  });

  it('names the file or argument at fault', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'mine-image-folder-bad-'));
    try {
      await expect(loadImageFolder({ dir: bad })).rejects.toThrow(/holds no .jpg/);
      writeFileSync(join(bad, 'x.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
      await expect(loadImageFolder({ dir: bad })).rejects.toThrow(/x\.png: cannot be decoded/);
      writeFileSync(join(bad, 'x.png'), 'plain text');
      await expect(loadImageFolder({ dir: bad })).rejects.toThrow(
        /x\.png: is neither a PNG nor a JPEG/,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
    await expect(loadImageFolder({ dir: join(dir, 'missing') })).rejects.toThrow(/cannot be read/);
    await expect(loadImageFolder({ dir, size: 0 })).rejects.toThrow(/"size"/);
    await expect(loadImageFolder({ dir, channels: 2 as 1 })).rejects.toThrow(/"channels"/);
  });
});
