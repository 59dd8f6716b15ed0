import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { competenceOf } from '../../modules/referentiel/competence/competence.js';
import { findOrganizationByCode } from '../../modules/referentiel/db/queries.js';
import type { ImportReport, RowIssue } from '../../modules/referentiel/operations/import-establishments.js';
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
  options: { authority: string; applyValid: boolean; includeNonSchools: boolean; preview?: boolean; confirmOutOfScope?: boolean },
): Promise<number> {
  const authority = await findOrganizationByCode(database.db, options.authority);
  if (!authority) throw new AppError('NOT_FOUND', `Collectivité « ${options.authority} » introuvable.`);
  const size = await stat(file).then((s) => s.size).catch(() => {
    throw new AppError('NOT_FOUND', `Fichier introuvable : ${file}`);
  });
  if (size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Fichier trop volumineux (${Math.round(size / 1e6)} Mo).`);
  const bytes = await readFile(file);
  let last = 0;
  const report = await importEstablishments(ctx, {
    tenantId: authority.tenantId,
    bytes,
    filename: basename(file),
    mode: options.applyValid ? 'apply-valid' : 'all-or-nothing',
    includeNonSchools: options.includeNonSchools,
    scope: { competence: competenceOf(authority).competence, confirmOutOfScope: Boolean(options.confirmOutOfScope) },
    preview: options.preview,
    onProgress: (processed, total) => {
      if (process.stderr.isTTY && processed - last >= 2000) {
        last = processed;
        process.stderr.write(`\r${processed} / ${total} lignes`);
      }
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r');
  printReport(report);
  if (report.status === 'previewed') {
    console.log('Aperçu seulement : rien n’a été écrit. Relancez sans --preview pour appliquer.');
    return 0;
  }
  if (report.status !== 'applied') {
    console.error("Fichier non appliqué : des lignes sont refusées. Corrigez-les, ou relancez avec --apply-valid pour n'appliquer que les lignes valides.");
    return 2;
  }
  console.log('Fichier appliqué.');
  return 0;
}

/** The summary first, then the first rows of each outcome. */
function printReport(report: ImportReport) {
  const t = report.totals;
  const verb = report.status === 'previewed' ? { created: 'à créer', updated: 'à mettre à jour' } : { created: 'créés', updated: 'mis à jour' };
  console.log(`Format : ${report.format}`);
  console.log(
    `Lignes : ${t.rows} — ${verb.created} : ${t.created}, ${verb.updated} : ${t.updated}, inchangés : ${t.unchanged}, refusés : ${t.rejected}, ignorés : ${t.skipped}, hors compétence : ${report.outOfScope.length}${report.outOfScopeConfirmed ? ' (confirmés)' : ''}`,
  );
  printIssues('refusées', report.rejected);
  printIssues(report.outOfScopeConfirmed ? 'hors compétence, confirmées' : 'hors compétence, écartées (--confirm-out-of-scope pour les écrire)', report.outOfScope);
  for (const [outcome, label] of [['created', verb.created], ['updated', verb.updated]] as const) {
    const samples = report.samples?.[outcome] ?? [];
    if (samples.length) console.log(`Premières lignes ${label} :`);
    for (const r of samples) console.log(`  ligne ${r.line} (${r.uai}) : ${r.name}`);
  }
}

function printIssues(label: string, issues: RowIssue[]) {
  if (issues.length) console.log(`Lignes ${label} :`);
  for (const r of issues.slice(0, 20)) console.log(`  ligne ${r.line} (${r.uai || '—'}) : ${r.reason}`);
  if (issues.length > 20) console.log(`  … et ${issues.length - 20} autres`);
}
