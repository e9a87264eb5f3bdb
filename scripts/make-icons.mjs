// Draws the add-in's icons (assets/icon-16.png ... icon-128.png): a green tile with a gold coin and a
// white arrow rising out of it, "money coming back". Run: `node scripts/make-icons.mjs`.
//
// Every size is drawn from the same vector shapes (in a 0..1 square), with 8x8 supersampling for
// anti-aliasing, and encoded with node:zlib only (no image library), so the output is the same on
// every machine: the files are committed, and running this again must not change them.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 8;
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "assets");

// Palette (straight, non-premultiplied sRGB).
const GREEN_TOP = [46, 158, 91];
const GREEN_BOTTOM = [21, 103, 56];
const HALO = [16, 84, 45]; // dark green outline that separates the arrow from the coin
const GOLD = [247, 197, 72];
const GOLD_RIM = [196, 138, 22];
const GOLD_INNER = [253, 221, 128];
const WHITE = [255, 255, 255];

// Shapes, in unit coordinates (x right, y down).
const TILE = { x0: 0.03, y0: 0.03, x1: 0.97, y1: 0.97, r: 0.2 };
const COIN = { cx: 0.37, cy: 0.65, r: 0.235, rim: 0.05 };
const ARROW = arrowPolygon([0.35, 0.67], [0.83, 0.19], 0.135, 0.3, 0.33);
const HALO_WIDTH = 0.045;

/** A thick arrow from `tail` to `tip` as a polygon: shaft width, head length, head width. */
function arrowPolygon(tail, tip, shaft, headLength, headWidth) {
  const dx = tip[0] - tail[0];
  const dy = tip[1] - tail[1];
  const len = Math.hypot(dx, dy);
  const ux = dx / len;
  const uy = dy / len;
  const px = -uy;
  const py = ux;
  const at = (u, v) => [tail[0] + ux * u + px * v, tail[1] + uy * u + py * v];
  const neck = len - headLength;
  return [
    at(0, -shaft / 2),
    at(neck, -shaft / 2),
    at(neck, -headWidth / 2),
    at(len, 0),
    at(neck, headWidth / 2),
    at(neck, shaft / 2),
    at(0, shaft / 2),
  ];
}

function insideRoundedRect(x, y, { x0, y0, x1, y1, r }) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function insidePolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToPolygon(x, y, poly) {
  let best = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j];
    const [bx, by] = poly[i];
    const ex = bx - ax;
    const ey = by - ay;
    const t = Math.min(1, Math.max(0, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)));
    best = Math.min(best, Math.hypot(x - ax - t * ex, y - ay - t * ey));
  }
  return best;
}

/** Colour of one sample point, or null when it is outside the tile (transparent). */
function sample(x, y) {
  if (!insideRoundedRect(x, y, TILE)) return null;
  const t = (y - TILE.y0) / (TILE.y1 - TILE.y0);
  let color = GREEN_TOP.map((c, i) => c + (GREEN_BOTTOM[i] - c) * t);

  const d = Math.hypot(x - COIN.cx, y - COIN.cy);
  if (d <= COIN.r) {
    color = d >= COIN.r - COIN.rim ? GOLD_RIM : d <= COIN.r * 0.55 ? GOLD_INNER : GOLD;
  }

  const inArrow = insidePolygon(x, y, ARROW);
  if (inArrow) color = WHITE;
  else if (distanceToPolygon(x, y, ARROW) <= HALO_WIDTH) color = HALO;
  return color;
}

/** RGBA pixels (row-major) of the icon at `size` x `size`. */
export function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
        rgba[o + 3] = Math.round((255 * covered) / (n * n));
      }
    }
  }
  return rgba;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A minimal PNG: 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
