import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** What every module folder holds (ARCHITECTURE.md, « The shape »), each with the way it may be present. */
const parts: { name: string; present: (dir: string) => boolean }[] = [
  { name: 'index.ts (its public surface)', present: (dir) => isFile(join(dir, 'index.ts')) },
  { name: 'routes.ts or routes/ (its HTTP contracts)', present: (dir) => isFile(join(dir, 'routes.ts')) || isDir(join(dir, 'routes')) },
  { name: 'db/schema.ts (its tables, in its own PostgreSQL schema)', present: (dir) => isFile(join(dir, 'db/schema.ts')) },
  { name: 'operations/ (one file per operation)', present: (dir) => isDir(join(dir, 'operations')) },
  { name: 'presenters.ts or presenters/ (what responses show)', present: (dir) => isFile(join(dir, 'presenters.ts')) || isDir(join(dir, 'presenters')) },
];

/** The parts missing from a module folder, named for the person who must add them. */
export function missingParts(dir: string): string[] {
  return parts.filter((part) => !part.present(dir)).map((part) => part.name);
}
