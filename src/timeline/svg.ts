// Writes the shapes of a laid-out picture (layout.ts) as an SVG document. Every text is plain
// characters in its own <text> element, XML-escaped, with control and bidi-override characters
// removed: a name can neither inject markup nor reorder what is drawn around it.
import { FONT_FAMILY } from './fonts.ts';
import type { Picture, Shape } from './layout.ts';

export function pictureToSvg(picture: Picture): string {
  const body = picture.shapes.map(shapeToSvg).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${picture.width}" height="${picture.height}" viewBox="0 0 ${picture.width} ${picture.height}" font-family="${FONT_FAMILY}">
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
</svg>`;
}

function shapeToSvg(shape: Shape): string {
  switch (shape.kind) {
    case 'rect':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.w)}" height="${n(shape.h)}"${shape.rx ? ` rx="${n(shape.rx)}"` : ''} fill="${shape.fill}"${stroke(shape)}/>`;
    case 'circle':
      return `<circle cx="${n(shape.cx)}" cy="${n(shape.cy)}" r="${n(shape.r)}" fill="${shape.fill}"${stroke(shape)}/>`;
    case 'line':
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}"${stroke(shape)}/>`;
    case 'text':
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${shape.size}"${shape.weight === 'bold' ? ' font-weight="700"' : ''} fill="${shape.fill}"${shape.anchor === 'start' ? '' : ` text-anchor="${shape.anchor}"`}>${escapeXml(plainText(shape.text))}</text>`;
  }
}

function stroke(shape: { stroke?: string; strokeWidth?: number; dash?: string }): string {
  if (!shape.stroke) return '';
  return ` stroke="${shape.stroke}" stroke-width="${shape.strokeWidth ?? 1}"${shape.dash ? ` stroke-dasharray="${shape.dash}"` : ''}`;
}

const n = (value: number) => (Math.round(value * 100) / 100).toString();

// C0/C1 controls (line breaks included), and the bidi embeddings, overrides and isolates.
// oxlint-disable-next-line no-control-regex -- these control characters are what it removes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of text with nothing in it that could act on the text around it. */
export function plainText(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
