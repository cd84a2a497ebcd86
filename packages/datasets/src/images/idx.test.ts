import { describe, expect, it } from 'vitest';
import { encodeIdx, IdxFormatError, parseIdx } from './idx.js';
import { gatherPixels, imageSetFromIdx, takeImages } from './image-set.js';

const images = Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 20);
const labels = Uint8Array.from([7, 0, 9]);

describe('parseIdx', () => {
  it('reads a generated file: shape, values and the images it pairs with labels', () => {
    const parsed = parseIdx(encodeIdx([3, 2, 2], images), 'images.idx');
    expect(parsed.shape).toEqual([3, 2, 2]);
    expect(Array.from(parsed.data)).toEqual(Array.from(images));
    const set = imageSetFromIdx(parsed, parseIdx(encodeIdx([3], labels)), {
      images: 'i',
      labels: 'l',
    });
    expect(set).toMatchObject({ count: 3, height: 2, width: 2, channels: 1, classes: 10 });
    expect(Array.from(gatherPixels(set, [2], [0, 255]))).toEqual([160, 180, 200, 220]);
    expect(gatherPixels(set, [0])[1]).toBeCloseTo(20 / 255, 6);
    expect(takeImages(set, 2).labels.length).toBe(2);
  });

  it('rejects a truncated file, naming it', () => {
    const bytes = encodeIdx([3, 2, 2], images);
    expect(() => parseIdx(bytes.subarray(0, bytes.length - 1), 'train-images')).toThrow(
      /train-images: truncated: 27 bytes, the header \[3,2,2\] needs 28/,
    );
    expect(() => parseIdx(bytes.subarray(0, 10), 'x.idx')).toThrow(/x.idx: truncated header/);
    expect(() => parseIdx(bytes.subarray(0, 10), 'x.idx')).toThrow(IdxFormatError);
  });

  it('rejects wrong magic bytes, gzip and trailing bytes', () => {
    const bytes = encodeIdx([3], labels);
    const wrong = bytes.slice();
    wrong[0] = 0x1f;
    wrong[1] = 0x8b;
    expect(() => parseIdx(wrong, 'labels.gz')).toThrow(
      /labels.gz: not an IDX file \(magic bytes 1f 8b 08 01/,
    );
    const float = bytes.slice();
    float[2] = 0x0d;
    expect(() => parseIdx(float, 'f')).toThrow(/unsupported IDX value type 0xd/);
    expect(() => parseIdx(Uint8Array.from([...bytes, 1]), 'long')).toThrow(
      /1 bytes after the data/,
    );
  });

  it('rejects labels that do not match the images', () => {
    const parsed = parseIdx(encodeIdx([3, 2, 2], images));
    const names = { images: 'imgs', labels: 'lbls' };
    expect(() =>
      imageSetFromIdx(parsed, parseIdx(encodeIdx([2], labels.subarray(0, 2))), names),
    ).toThrow(/lbls: 2 labels for the 3 images of imgs/);
    expect(() =>
      imageSetFromIdx(parsed, parseIdx(encodeIdx([3], Uint8Array.from([1, 2, 10]))), names),
    ).toThrow(/label 10 at 2 is not below 10/);
    expect(() => imageSetFromIdx(parseIdx(encodeIdx([3], labels)), parsed, names)).toThrow(
      /imgs: expected images/,
    );
  });
});
