/**
 * The picture of a masked screenshot: the captured viewports stitched at the heights they were
 * captured at (the last one overlaps the one before when the page does not end on a viewport),
 * and the stamp in the bottom-right corner, so a masked picture cannot pass as the original.
 * OffscreenCanvas: Chrome's worker has no document, and Firefox's background page needs none.
 */
import { STAMP } from '../shared/screenshot';

/** One capture: the picture of the viewport, and where the page was scrolled (CSS pixels). */
export interface Frame {
  image: ImageBitmap;
  y: number;
  viewportWidth: number;
}

export async function composeShot(frames: Frame[], stampText: string): Promise<Blob> {
  const first = frames[0];
  // Device pixels per CSS pixel, as the browser captured them.
  const scale = first.image.width / first.viewportWidth;
  const last = frames[frames.length - 1];
  const height = frames.length === 1 ? first.image.height : Math.round(last.y * scale) + last.image.height;
  const canvas = new OffscreenCanvas(first.image.width, height);
  const context = canvas.getContext('2d')!;
  for (const frame of frames) context.drawImage(frame.image, 0, frames.length === 1 ? 0 : Math.round(frame.y * scale));
  drawStamp(context, canvas.width, canvas.height, scale, stampText);
  for (const frame of frames) frame.image.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

function drawStamp(context: OffscreenCanvasRenderingContext2D, width: number, height: number, scale: number, text: string): void {
  context.font = `${STAMP.font * scale}px sans-serif`;
  const boxWidth = Math.ceil(context.measureText(text).width + 2 * STAMP.padding * scale);
  const boxHeight = Math.round(STAMP.height * scale);
  const left = width - boxWidth - Math.round(STAMP.margin * scale);
  const top = height - boxHeight - Math.round(STAMP.margin * scale);
  context.fillStyle = STAMP.colour;
  context.fillRect(left, top, boxWidth, boxHeight);
  context.fillStyle = STAMP.text;
  context.textBaseline = 'middle';
  context.fillText(text, left + STAMP.padding * scale, top + boxHeight / 2);
}
