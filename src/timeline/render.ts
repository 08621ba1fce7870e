// Rasterises a laid-out timeline to PNG with @resvg/resvg-js. Why this library: the picture is
// an SVG built by plain code (layout.ts, svg.ts), which is easy to read, test and diff; resvg is
// a complete, well-kept SVG renderer (Rust, with text shaping, bidi and font fallback) whose npm
// package ships prebuilt binaries, so nothing is compiled or downloaded at install; and it can be
// told to use only the fonts we hand it (loadSystemFonts: false), so the picture never depends
// on the machine. `renderAsync` rasterises on libuv's thread pool: the bot keeps answering while
// a picture is drawn.
import { renderAsync } from '@resvg/resvg-js';
import { FONT_FAMILY, fontFilesFor } from './fonts.ts';
import type { Picture } from './layout.ts';
import { pictureToSvg } from './svg.ts';

/** Logical pixels to PNG pixels: the 600-wide layout becomes a 1200-pixel-wide picture. */
export const SCALE = 2;

export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

export async function renderPng(picture: Picture): Promise<Png> {
  const svg = pictureToSvg(picture);
  const image = await renderAsync(svg, {
    font: {
      fontFiles: fontFilesFor(picture.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []))),
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: SCALE },
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 1,
  });
  return { data: image.asPng(), width: image.width, height: image.height };
}
