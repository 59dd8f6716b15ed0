import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { findOrganizationByCode } from '../../modules/referentiel/db/queries.js';
import { importEstablishments } from '../../modules/referentiel/operations/import-establishments.js';
import type { Ctx } from '../../server/platform/context.js';
import type { Database } from '../../server/platform/db.js';
import { AppError } from '../../server/platform/errors.js';

const maxBytes = 512 * 1024 * 1024;

/** Prints the report's totals; exit code 0 when the file was applied, 2 when it was refused. */
export async function importEstablishmentsCommand(
  database: Database,
  ctx: Ctx,
  file: string,
  options: { authority: string; applyValid: boolean; includeNonSchools: boolean },
): Promise<number> {
  const authority = await findOrganizationByCode(database.db, options.authority);
  if (!authority) throw new AppError('NOT_FOUND', `Collectivité « ${options.authority} » introuvable.`);
  const size = await stat(file).then((s) => s.size).catch(() => {
    throw new AppError('NOT_FOUND', `Fichier introuvable : ${file}`);
  });
  if (size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Fichier trop volumineux (${Math.round(size / 1e6)} Mo).`);
  const bytes = await readFile(file);
  let last = 0;
  const report = await importEstablishments(ctx, database, {
    tenantId: authority.tenantId,
    bytes,
    filename: basename(file),
    mode: options.applyValid ? 'apply-valid' : 'all-or-nothing',
    includeNonSchools: options.includeNonSchools,
    onProgress: (processed, total) => {
      if (process.stderr.isTTY && processed - last >= 2000) {
        last = processed;
        process.stderr.write(`\r${processed} / ${total} lignes`);
      }
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r');
  const t = report.totals;
  console.log(`Format : ${report.format}`);
  console.log(`Lignes : ${t.rows} — créés : ${t.created}, mis à jour : ${t.updated}, inchangés : ${t.unchanged}, refusés : ${t.rejected}, ignorés : ${t.skipped}`);
  for (const r of report.rejected.slice(0, 20)) console.log(`  ligne ${r.line} (${r.uai || '—'}) : ${r.reason}`);
  if (report.rejected.length > 20) console.log(`  … et ${report.rejected.length - 20} autres lignes refusées`);
  if (report.status !== 'applied') {
    console.error("Fichier non appliqué : des lignes sont refusées. Corrigez-les, ou relancez avec --apply-valid pour n'appliquer que les lignes valides.");
    return 2;
  }
  console.log('Fichier appliqué.');
  return 0;
}
