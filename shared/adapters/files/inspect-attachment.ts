import { type AttachmentType, attachmentTypeForMime } from '../../domain/officer-work/attachments.ts';

/**
 * What a file really is, proven by libraries rather than by its name or first bytes: `file-type`
 * detects the type from the content, then the file must parse as that type in full (a PDF through
 * pdf-lib's parser, with a catalog and at least one page; a JPEG decoded by jpeg-js; a PNG decoded
 * by pngjs, which checks every chunk's CRC). A file that only starts like a PDF (`%PDF-` and then
 * HTML) is refused; a real PDF with HTML hidden in a comment is a PDF and is stored and served as
 * one, never as HTML.
 *
 * The libraries load on the first inspection (import()), so a download's cold start carries none.
 */

/** Images are decoded in memory (4 bytes a pixel): 25 megapixels is a large phone photo, 100 MB decoded. */
export const MAX_IMAGE_MEGAPIXELS = 25;

type Check = (bytes: Uint8Array) => Promise<boolean>;

/** A CommonJS module loaded by import(): bundled, its exports sit on `default`; in Node, on both. */
const commonJs = <T>(module: T & { default?: T }): T => module.default ?? module;

async function withinPixelLimit(bytes: Uint8Array): Promise<boolean> {
  const { imageSize } = await import('image-size');
  const { width = 0, height = 0 } = imageSize(bytes);
  return width > 0 && height > 0 && width * height <= MAX_IMAGE_MEGAPIXELS * 1_000_000;
}

const CHECKS: Record<AttachmentType, Check> = {
  async pdf(bytes) {
    const { PDFDocument } = await import('pdf-lib');
    // Encrypted PDFs (password-protected scans) still have a readable page tree.
    const document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return document.getPageCount() >= 1;
  },
  async jpg(bytes) {
    if (!(await withinPixelLimit(bytes))) return false;
    const jpeg = commonJs(await import('jpeg-js'));
    const image = jpeg.decode(bytes, {
      useTArray: true,
      maxResolutionInMP: MAX_IMAGE_MEGAPIXELS,
      maxMemoryUsageInMB: 256,
    });
    return image.width > 0 && image.height > 0;
  },
  async png(bytes) {
    if (!(await withinPixelLimit(bytes))) return false;
    const { PNG } = commonJs(await import('pngjs'));
    const image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    return image.width > 0 && image.height > 0;
  },
};

/** The attachment type the content proves, or undefined (any other type, or a file that does not parse). */
export async function inspectAttachment(bytes: Uint8Array): Promise<AttachmentType | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  const type = detected ? attachmentTypeForMime(detected.mime) : undefined;
  if (!type) return undefined;
  try {
    return (await CHECKS[type](bytes)) ? type : undefined;
  } catch {
    // A parser's or decoder's refusal: the content is not what its first bytes say.
    return undefined;
  }
}
