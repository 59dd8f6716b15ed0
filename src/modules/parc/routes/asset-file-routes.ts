import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { AppError } from '../../../server/platform/errors.js';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { readUpload } from '../../../server/platform/uploads.js';
import { columnMapping, type ColumnMapping } from '../import/column-mapping.js';
import { exportAssets } from '../operations/export-assets.js';
import { assetFilters } from '../operations/find-assets.js';
import { assetImportReportSchema, importAssets, importModes } from '../operations/import-assets.js';
import { previewAssetImport } from '../operations/preview-asset-import.js';

const fileErrors = { ...errorResponses, 413: errorResponses[400], 415: errorResponses[400], 422: errorResponses[400] };

function parseMapping(raw: string | undefined): ColumnMapping | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION', 'Le champ « mapping » n’est pas du JSON valide.', { issues: [{ path: 'mapping', message: 'JSON invalide.' }] });
  }
  const parsed = columnMapping.safeParse(json);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'Le champ « mapping » doit associer des champs connus (serial, uai, class…) à des noms de colonnes.', {
      issues: parsed.error.issues.map((i) => ({ path: ['mapping', ...i.path.map(String)].join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

export async function assetFileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];
  const assetImportLimit = fastify.config.uploadLimits?.assetImport ?? fastify.config.maxUploadBytes;

  app.get(
    '/assets/export',
    {
      schema: {
        operationId: 'exportAssets',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX de la liste filtrée des équipements',
        description: 'Mêmes filtres que la liste ; 200 000 lignes au plus. Les en-têtes sont ceux que l’import reconnaît.',
        querystring: assetFilters.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'asset.read');
      return sendExport(reply, request.query.format, await exportAssets(ctx, request.query), ctx.now());
    },
  );

  app.post(
    '/assets/import/preview',
    {
      schema: {
        operationId: 'previewAssetImport',
        tags,
        summary: 'Lit un fichier d’équipements (CSV ou XLSX, multipart : file) : colonnes, premières lignes, correspondance proposée',
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({
            format: z.enum(['csv', 'xlsx']),
            totalRows: z.number(),
            columns: z.array(z.object({ header: z.string(), samples: z.array(z.string()) })),
            rows: z.array(z.object({ line: z.number(), cells: z.array(z.string()) })),
            suggestedMapping: z.record(z.string(), z.string()),
            fields: z.array(z.object({ field: z.string(), label: z.string() })),
          }),
          ...fileErrors,
        },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'asset.update');
      const { bytes } = await readUpload(request, assetImportLimit);
      return previewAssetImport(ctx, { bytes });
    },
  );

  app.post(
    '/assets/import',
    {
      schema: {
        operationId: 'importAssets',
        tags,
        summary: 'Importe un fichier d’équipements (multipart : file, mapping JSON, mode) et rend le rapport ligne à ligne',
        description:
          'mapping : {"serial": "N° de série", "uai": "UAI", …} (la correspondance proposée par l’aperçu quand il est absent). mode : all-or-nothing (une ligne rejetée et rien n’est écrit) ou apply-valid. Une ligne met à jour l’équipement que désigne son numéro de série ou d’inventaire (une cellule vide ne change rien), sinon en crée un. Dates JJ/MM/AAAA ou AAAA-MM-JJ, prix avec virgule ou point.',
        consumes: ['multipart/form-data'],
        response: { 200: assetImportReportSchema, ...fileErrors },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'asset.update');
      const { bytes, filename, fields } = await readUpload(request, assetImportLimit);
      const mode = fields.mode ?? 'all-or-nothing';
      if (!(importModes as readonly string[]).includes(mode)) {
        throw new AppError('VALIDATION', 'Le champ « mode » vaut all-or-nothing ou apply-valid.', { issues: [{ path: 'mode', message: 'Valeur non autorisée.' }] });
      }
      return importAssets(ctx, { bytes, filename, mapping: parseMapping(fields.mapping), mode: mode as (typeof importModes)[number] });
    },
  );
}
