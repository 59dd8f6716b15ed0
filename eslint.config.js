// The boundaries of the modular monolith, checked on every `npm test` (ARCHITECTURE.md):
// a module reaches another only through its index.ts, the platform reaches no module, exports are
// named. Few rules on purpose: each one guards the layout, none is a matter of taste.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const modules = readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Tests and their fixtures may reach into any module's internals to arrange a case. */
const testFiles = ['src/**/*.test.ts', 'src/**/testing.ts', 'src/**/testing/**', 'src/**/testing-*.ts', 'src/**/*-test-data.ts', 'src/test/**'];

/**
 * `db/schema.ts` may also name another module's tables, as foreign-key targets only (no query
 * lives there); src/test/module-boundaries.test.ts checks that no other file does.
 */
const onlyThroughIndex = (other, schemaFile) => ({
  regex: `^(\\.\\./)+(modules/)?${other}/(?!index\\.js$${schemaFile ? '|db/schema\\.js$' : ''})`,
  message: `Le module « ${other} » ne s'utilise que par son index.ts : exportez-y ce qu'il vous faut.`,
});
const otherModules = (name, schemaFile) => modules.filter((other) => other !== name).map((other) => onlyThroughIndex(other, schemaFile));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**'] },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Exports nommés seulement : un nom se cherche et se renomme partout.' },
      ],
    },
  },
  // a third-party module's declaration describes its default export as it is
  { files: ['src/**/*.d.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // production code says what it holds; tests may poke at parsed JSON freely
  { files: ['src/**/*.ts', 'src/**/*.tsx'], ignores: testFiles, rules: { '@typescript-eslint/no-explicit-any': 'error' } },
  ...modules.flatMap((name) => [
    {
      files: [`src/modules/${name}/**/*.ts`],
      ignores: [...testFiles, `src/modules/${name}/db/schema.ts`, `src/modules/${name}/*/db/schema.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: otherModules(name, false) }] },
    },
    {
      files: [`src/modules/${name}/db/schema.ts`, `src/modules/${name}/*/db/schema.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: otherModules(name, true) }] },
    },
  ]),
  {
    files: ['src/server/platform/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: "La plateforme n'importe aucun module : un module s'y inscrit, jamais l'inverse." }] },
      ],
    },
  },
);
