/**
 * Draws the Teams app icons, deterministically, and writes them to manifest/:
 *
 * - color.png   192×192: a white ticket (notched sides, perforated stub) with a check mark, on the
 *               accent colour (the manifest's accentColor), anti-aliased by 4×4 supersampling. The
 *               ticket fits the central 96×96 (Teams' guidance: 48 px of padding on each side).
 * - outline.png  32×32: the same ticket as a white outline on a fully transparent background. Teams
 *               accepts only white (#FFFFFF) and transparent pixels here, so every pixel is either
 *               opaque white or alpha 0 (a sample-coverage threshold, no partial alpha).
 *
 * Run with `tsx scripts/icons.ts` and commit the PNGs it writes. Same code, same pixels: no randomness,
 * no clock, no fonts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { PROJECT_ROOT } from '../src/projectRoot.js';

/** The manifest's accentColor and the colour icon's background. */
export const ACCENT_COLOR = '#2E5BCF';
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

type Rgb = readonly [number, number, number];
const WHITE: Rgb = [255, 255, 255];

function hexToRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

// --- Signed distance functions: negative inside, positive outside, in pixels. -----------------

/** Rectangle centred on (cx, cy) with half sizes (hw, hh) and corner radius r. */
function roundedBox(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function circle(x: number, y: number, cx: number, cy: number, r: number): number {
  return Math.hypot(x - cx, y - cy) - r;
}

/** A segment from (ax, ay) to (bx, by) with round ends, r thick on each side. */
function capsule(x: number, y: number, ax: number, ay: number, bx: number, by: number, r: number): number {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - r;
}

/** A polyline of capsules. */
function stroke(x: number, y: number, points: ReadonlyArray<readonly [number, number]>, r: number): number {
  let d = Infinity;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    d = Math.min(d, capsule(x, y, ax, ay, bx, by, r));
  }
  return d;
}

interface Ticket {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
  corner: number;
  notch: number;
}

/** The ticket's body: a rounded box with a half-circle bitten out of the middle of each side. */
function ticket(x: number, y: number, t: Ticket): number {
  const box = roundedBox(x, y, t.cx, t.cy, t.hw, t.hh, t.corner);
  const left = circle(x, y, t.cx - t.hw, t.cy, t.notch);
  const right = circle(x, y, t.cx + t.hw, t.cy, t.notch);
  return Math.max(box, -left, -right);
}

/** Dashes along x = px from y0 to y1: `dash` long, `gap` apart, `width` wide. */
function inDashes(x: number, y: number, px: number, y0: number, y1: number, dash: number, gap: number, width: number): boolean {
  if (Math.abs(x - px) > width / 2 || y < y0 || y > y1) return false;
  return (y - y0) % (dash + gap) < dash;
}

const SUPERSAMPLE = 4;

/** The fraction (0..1) of a pixel's SUPERSAMPLE² sample points for which `inside` holds. */
function coverage(px: number, py: number, inside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      if (inside(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE)) hits++;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

function setPixel(png: PNG, x: number, y: number, [r, g, b]: Rgb, a: number): void {
  const i = (y * png.width + x) * 4;
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = a;
}

/** 192×192, opaque: accent background, white ticket, accent check mark and perforation. */
export function drawColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  const bg = hexToRgb(ACCENT_COLOR);
  const t: Ticket = { cx: 96, cy: 96, hw: 48, hh: 33, corner: 8, notch: 10 };
  const check: Array<[number, number]> = [[94.5, 96.75], [105.75, 108], [125.25, 84]];
  const white = (x: number, y: number): boolean =>
    ticket(x, y, t) <= 0 && !inDashes(x, y, 73.5, 67.5, 124.5, 7, 4.5, 3) && stroke(x, y, check, 5) > 0;

  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, white);
      const mix = (i: 0 | 1 | 2) => Math.round(bg[i] * (1 - c) + WHITE[i] * c);
      setPixel(png, x, y, [mix(0), mix(1), mix(2)], 255);
    }
  }
  return png;
}

/** 32×32: the ticket's outline, perforation and check mark in opaque white; everything else alpha 0. */
export function drawOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const t: Ticket = { cx: 16, cy: 16, hw: 14, hh: 9.5, corner: 2.5, notch: 3.5 };
  const check: Array<[number, number]> = [[13.5, 16.5], [16, 19], [21, 13]];
  const white = (x: number, y: number): boolean => {
    const d = ticket(x, y, t);
    return (d <= 0 && d >= -2) || inDashes(x, y, 9, 9, 23, 2, 2, 2) || stroke(x, y, check, 1.1) <= 0;
  };

  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Transparent pixels are white too (rgba 255,255,255,0), so even a check that ignores alpha passes.
      setPixel(png, x, y, WHITE, coverage(x, y, white) >= 0.5 ? 255 : 0);
    }
  }
  return png;
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

/** Writes color.png and outline.png into `dir` (default: the project's manifest/ folder). */
export function writeIcons(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written = [
    [join(dir, 'color.png'), drawColorIcon()],
    [join(dir, 'outline.png'), drawOutlineIcon()],
  ] as const;
  for (const [path, png] of written) writeFileSync(path, encodePng(png));
  return written.map(([path]) => path);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  for (const path of writeIcons(join(PROJECT_ROOT, 'manifest'))) console.log(`Wrote ${path}`);
}
