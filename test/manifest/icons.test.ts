import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon, encodePng } from '../../scripts/icons.js';
import { iconErrors, readTemplate } from '../../scripts/package.js';

function committed(name: string): Buffer {
  return readFileSync(join(PROJECT_ROOT, 'manifest', name));
}

describe('app icons (scripts/icons.ts)', () => {
  it('draws the same pixels every time', () => {
    assert.deepEqual(drawColorIcon().data, drawColorIcon().data);
    assert.deepEqual(encodePng(drawOutlineIcon()), encodePng(drawOutlineIcon()));
  });

  it('the committed PNGs are what the script draws (run tsx scripts/icons.ts after changing it)', () => {
    for (const [name, drawn] of [['color.png', drawColorIcon()], ['outline.png', drawOutlineIcon()]] as const) {
      const file = PNG.sync.read(committed(name));
      assert.deepEqual([file.width, file.height], [drawn.width, drawn.height], name);
      assert.ok(file.data.equals(drawn.data), `${name} differs from the script's drawing`);
    }
  });

  it('the committed icons pass the package\'s icon checks', () => {
    assert.deepEqual(iconErrors(committed('color.png'), committed('outline.png')), []);
  });

  it('the colour icon uses the manifest\'s accent colour, and has a white glyph', () => {
    assert.equal((readTemplate() as { accentColor: string }).accentColor, ACCENT_COLOR);
    const image = drawColorIcon();
    const hex = (i: number) => '#' + [...image.data.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
    assert.equal(hex(0), ACCENT_COLOR);
    let white = 0;
    for (let i = 0; i < image.data.length; i += 4) if (hex(i) === '#FFFFFF') white++;
    assert.ok(white > 2000, `${white} white pixels`);
    for (let i = 3; i < image.data.length; i += 4) assert.equal(image.data[i], 255, 'opaque');
  });

  it('the glyph keeps to the central 96×96 of the colour icon (Teams: 48 px padding each side)', () => {
    const image = drawColorIcon();
    const accent = [...image.data.subarray(0, 3)];
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 192; x++) {
        if (x >= 48 && x < 144 && y >= 48 && y < 144) continue;
        const i = (y * 192 + x) * 4;
        assert.deepEqual([...image.data.subarray(i, i + 3)], accent, `pixel ${x},${y} is outside the safe area`);
      }
    }
  });
});
