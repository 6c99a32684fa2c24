/**
 * Writes docs/workflow.schema.json, the published JSON Schema of workflow files, from the node
 * registry. Run after adding or changing a node type: `npx tsx scripts/write-schema.ts` (or
 * `npm run schema`); a unit test fails while the committed file is out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRegistry } from '../src/nodes/registry';
import { workflowSchemaText } from '../src/runtime/workflow/workflowSchema';

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../docs/workflow.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, workflowSchemaText(defaultRegistry));
console.log(`wrote ${out} (${defaultRegistry.all().length} node types)`);
