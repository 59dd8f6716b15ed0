import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { acceptAttachment } from './attachment.js';
import { maxAttachmentBytes } from './sniff-file.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('acceptAttachment', () => {
  it('keeps a file recognized by its content, with its size and digest', () => {
    expect(acceptAttachment('compte-rendu.pdf', pdf)).toEqual({
      filename: 'compte-rendu.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
  });

  it('refuses a file whose content is not what its name says (415)', () => {
    const error = refusal(() => acceptAttachment('photo.png', pdf));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/\S/);
  });

  it('refuses a file past the limit (413)', () => {
    const big = Buffer.concat([pdf, Buffer.alloc(maxAttachmentBytes)]);
    expect(refusal(() => acceptAttachment('gros.pdf', big)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});
