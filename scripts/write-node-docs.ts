/**
 * Writes docs/nodes.md, the node reference, from the node registry:
 * `npx tsx scripts/write-node-docs.ts`. A unit test fails while the committed file is out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRegistry } from '../src/nodes/registry';
import { renderNodeDocs } from '../src/runtime/catalogue';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/nodes.md');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, renderNodeDocs(defaultRegistry));
console.log(`wrote ${out} (${defaultRegistry.all().length} node types)`);
