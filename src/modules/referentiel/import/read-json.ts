import { AppError } from '../../../server/platform/errors.js';

/** Parses JSON text; a parse error at the very end means the file was cut. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const found = /position (\d+)/.exec(message);
    const position = found ? Number(found[1]) : null;
    if (/end of JSON|Unterminated/i.test(message) || (position !== null && position >= text.trimEnd().length - 1)) {
      throw new AppError(
        'UNPROCESSABLE',
        "Le fichier semble tronqué : le JSON s'arrête avant sa fin. Aucune ligne n'a été importée : vérifiez que le téléchargement ou la copie du fichier est allé jusqu'au bout, puis importez-le à nouveau.",
        { details: { truncated: true } },
      );
    }
    if (position === null) throw new AppError('UNPROCESSABLE', "Le fichier JSON est mal formé. Aucune ligne n'a été importée.");
    const { line, column } = lineAndColumn(text, position);
    throw new AppError('UNPROCESSABLE', `Le fichier JSON est mal formé ligne ${line}, colonne ${column}. Aucune ligne n'a été importée.`, {
      details: { line, column },
    });
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}
