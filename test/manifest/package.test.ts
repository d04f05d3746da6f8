import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildAppPackage,
  DEFAULT_OUT,
  iconErrors,
  PACKAGE_FILES,
  PackageError,
  PLACEHOLDER_ID,
  renderManifest,
  runCli,
  type Env,
} from '../../scripts/package.js';

const BOT_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const ENV: Env = { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'tickets-bot.example.com' };

function png(width: number, height: number, rgba: (x: number, y: number) => [number, number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const [r, g, b, a] = rgba(x, y);
      image.data[i] = r;
      image.data[i + 1] = g;
      image.data[i + 2] = b;
      image.data[i + 3] = a;
    }
  }
  return PNG.sync.write(image);
}

describe('Teams app package (appPackage.zip)', () => {
  let zip: JSZip;
  let bytes: Buffer;

  before(async () => {
    bytes = await buildAppPackage(ENV, { warn: () => {} });
    zip = await JSZip.loadAsync(bytes);
  });

  it('holds exactly manifest.json, color.png, outline.png and the French strings fr.json, at the top level, no folders', () => {
    const entries = Object.values(zip.files);
    assert.deepEqual(entries.map((e) => e.name).sort(), [...PACKAGE_FILES].sort());
    assert.ok(entries.every((e) => !e.dir && !e.name.includes('/')));
  });

  it('manifest.json inside equals the rendered manifest', async () => {
    const text = await zip.file('manifest.json')!.async('string');
    assert.deepEqual(JSON.parse(text), renderManifest(ENV));
    assert.equal(text.charCodeAt(0) === 0xfeff, false, 'no byte-order mark');
  });

  it('color.png is 192×192 and its background is the accent colour', async () => {
    const image = PNG.sync.read(await zip.file('color.png')!.async('nodebuffer'));
    assert.deepEqual([image.width, image.height], [192, 192]);
    const accent = renderManifest(ENV).accentColor.toLowerCase();
    const [r, g, b, a] = image.data.subarray(0, 4);
    assert.equal(`#${[r!, g!, b!].map((v) => v.toString(16).padStart(2, '0')).join('')}`, accent);
    assert.equal(a, 255);
    const centre = (96 * 192 + 60) * 4;
    assert.deepEqual([...image.data.subarray(centre, centre + 4)], [255, 255, 255, 255], 'the white ticket is in the middle');
  });

  it('outline.png is 32×32, only white or fully transparent pixels, and not empty', async () => {
    const image = PNG.sync.read(await zip.file('outline.png')!.async('nodebuffer'));
    assert.deepEqual([image.width, image.height], [32, 32]);
    let white = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b, a] = image.data.subarray(i, i + 4);
      if (a === 0) continue;
      assert.deepEqual([r, g, b, a], [255, 255, 255, 255], `pixel ${i / 4} is neither white nor fully transparent`);
      white++;
    }
    assert.ok(white > 100 && white < 32 * 32 - 100, `${white} white pixels`);
  });

  it('is the same bytes every time for the same settings', async () => {
    assert.deepEqual(await buildAppPackage(ENV, { warn: () => {} }), bytes);
  });

  it('carries package.json\'s version and the ids from the environment', async () => {
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { id: string; version: string };
    assert.equal(manifest.id, BOT_ID);
    assert.equal(manifest.version, renderManifest(ENV).version);
  });

  it('is refused without MicrosoftAppId, with a PackageError that says so', async () => {
    await assert.rejects(buildAppPackage({}), (err: unknown) => err instanceof PackageError && /^MicrosoftAppId is not set/.test(err.message));
  });

  describe('icon checks', () => {
    const white = (): [number, number, number, number] => [255, 255, 255, 255];
    const clear = (): [number, number, number, number] => [0, 0, 0, 0];
    const goodColor = png(192, 192, white);
    const goodOutline = png(32, 32, (x) => (x < 16 ? white() : clear()));

    it('accept the right sizes and colours', () => {
      assert.deepEqual(iconErrors(goodColor, goodOutline), []);
    });

    it('refuse wrong sizes', () => {
      assert.deepEqual(iconErrors(png(96, 96, white), png(48, 48, clear)), ['color.png must be 192×192 (is 96×96)', 'outline.png must be 32×32 (is 48×48)']);
    });

    it('refuse an outline pixel that is grey, or white but half transparent', () => {
      const grey = png(32, 32, (x, y) => (x === 3 && y === 2 ? [128, 128, 128, 255] : clear()));
      assert.deepEqual(iconErrors(goodColor, grey), ['outline.png must be only white and fully transparent pixels (pixel 3,2 is not)']);
      const halfWhite = png(32, 32, (x, y) => (x === 0 && y === 5 ? [255, 255, 255, 128] : white()));
      assert.match(iconErrors(goodColor, halfWhite).join(), /pixel 0,5 is not/);
    });
  });

  describe('command line', () => {
    it('without MicrosoftAppId: exit 1 and one line saying the package needs it; nothing written', async () => {
      const before = existsSync(DEFAULT_OUT) ? statSync(DEFAULT_OUT).mtimeMs : undefined;
      const result = await runCli([], {});
      assert.equal(result.code, 1);
      assert.deepEqual(result.out, []);
      assert.equal(result.err.length, 1);
      assert.match(result.err[0]!, /MicrosoftAppId is not set: the Teams app package needs/);
      assert.equal(result.zip, undefined);
      assert.equal(existsSync(DEFAULT_OUT) ? statSync(DEFAULT_OUT).mtimeMs : undefined, before);
    });

    it('a non-GUID id: exit 1 naming the variable', async () => {
      const result = await runCli([], { MicrosoftAppId: 'bot' });
      assert.equal(result.code, 1);
      assert.match(result.err.join('\n'), /MicrosoftAppId must be a GUID/);
    });

    it('--allow-placeholder-id: builds with the placeholder id, warns, and prints the path and the app id', async () => {
      const result = await runCli(['--allow-placeholder-id'], {});
      assert.equal(result.code, 0);
      assert.ok(result.zip);
      assert.equal(result.path, DEFAULT_OUT);
      assert.match(result.out.join('\n'), new RegExp(`Wrote ${DEFAULT_OUT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.match(result.out.join('\n'), new RegExp(`Teams app id ${PLACEHOLDER_ID}`));
      assert.match(result.err.join('\n'), /^Warning: MicrosoftAppId is not set: using the placeholder id/);
    });

    it('--out names the file; an unknown argument is a usage error', async () => {
      const result = await runCli(['--out', 'build/x.zip'], ENV);
      assert.equal(result.code, 0);
      assert.match(result.path!, /build[/\\]x\.zip$/);
      assert.match(result.out.join('\n'), new RegExp(`Teams app id ${BOT_ID}`));
      const usage = await runCli(['--zip'], ENV);
      assert.equal(usage.code, 2);
      assert.match(usage.err[0]!, /^Unknown argument --zip\. Usage:/);
    });
  });
});
