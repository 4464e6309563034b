import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { LetterText } from './client-message-texts.js';

/**
 * The printable letter to the client as a PDF (pdfkit). The font is DejaVu Sans from the
 * `@fontsource/dejavu-sans` package, embedded (subset) so å, ä and ö print the same on
 * every machine without a system font. Each language starts on its own page.
 */
const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff');
const FONT_BOLD = require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff');

export async function renderClientLetterPdf(letters: LetterText[], createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    // A fixed creation date keeps the same letter byte-identical when printed again.
    info: { Title: letters.map((l) => l.title).join(' / '), Producer: 'TYM', CreationDate: createdAt },
    lang: letters[0]?.language ?? 'fi',
    autoFirstPage: false,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  for (const letter of letters) {
    doc.addPage();
    doc.font('bold').fontSize(9).fillColor('#333333').text('TYM', { continued: false });
    doc.font('regular').fontSize(9).text(letter.dateLine).text(letter.referenceLine);
    doc.moveDown(2);
    doc.font('regular').fontSize(11).fillColor('#000000');
    for (const line of letter.recipient) doc.text(line);
    doc.moveDown(2);
    doc.font('bold').fontSize(15).text(letter.title);
    doc.moveDown(0.8);
    doc.font('regular').fontSize(11);
    for (const p of letter.paragraphs) {
      doc.text(p, { align: 'left', lineGap: 2 });
      doc.moveDown(0.6);
    }
    for (const s of letter.sections) {
      doc.moveDown(0.4);
      doc.font('bold').fontSize(12).text(s.heading);
      doc.font('regular').fontSize(11);
      for (const line of s.lines) doc.text(line, { lineGap: 2 });
    }
    doc.moveDown(2);
    doc.font('regular').fontSize(9).fillColor('#333333').text(letter.footer);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
