import { z } from 'zod';
import { responseSerializerCompiler } from '../../src/server/platform/response-serializer.js';
import { dossierSummarySchema, presentDossierSummary } from '../../src/modules/campagnes/presenters/dossiers.js';
import { isoInstant } from '../../src/server/platform/instants.js';
const schema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(dossierSummarySchema) });
const serialize = responseSerializerCompiler('compiled')({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never) as (d: unknown) => string;
const rows = Array.from({ length: 50 }, (_, i) => ({ id: crypto.randomUUID(), number: 1000 + i, state: 'en_instruction', applicantLabel: `Famille Dupont-${i}`, applicantUserId: crypto.randomUUID(), establishmentId: crypto.randomUUID(), groupId: null, correction: null, score: i % 3 ? 12.5 : null, submittedAt: '2026-03-05 14:07:09.123456+00', decidedAt: null, updatedAt: '2026-03-06 10:00:00.5+00', version: 3 }));
const N = 20000;
let body = '';
let t = performance.now();
for (let i = 0; i < N; i++) { const items = rows.map((d) => presentDossierSummary(d)); body = serialize({ total: 20000, page: 1, pageSize: 50, items }); }
console.log('present+serialize µs/page', ((performance.now() - t) * 1000 / N).toFixed(1), body.length, 'bytes');
const items = rows.map((d) => presentDossierSummary(d));
t = performance.now();
for (let i = 0; i < N; i++) body = serialize({ total: 20000, page: 1, pageSize: 50, items });
console.log('serialize µs/page', ((performance.now() - t) * 1000 / N).toFixed(1));
t = performance.now();
for (let i = 0; i < N; i++) body = JSON.stringify({ total: 20000, page: 1, pageSize: 50, items });
console.log('JSON.stringify µs/page', ((performance.now() - t) * 1000 / N).toFixed(1));
t = performance.now();
for (let i = 0; i < N; i++) for (const r of rows) { isoInstant(r.submittedAt); isoInstant(r.updatedAt); }
console.log('isoInstant ×100 µs', ((performance.now() - t) * 1000 / N).toFixed(1));
