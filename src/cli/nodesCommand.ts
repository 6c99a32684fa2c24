/** `operando-flow nodes [--json]`: the node catalogue, derived from the registry like the palette. */
import { nodeCatalogue, type CatalogueParam, type CataloguePort } from '../runtime/catalogue';
import type { NodeRegistry } from '../runtime/registryTypes';
import { parseCommandArgs } from './args';
import { EXIT_OK, type CliIO } from './errors';

export const nodesHelp = `Usage: operando-flow nodes [--json]

Lists every node type: id, version, title, input and output ports with the value kinds they
take (? = optional input), and parameters with their defaults, bounds and units.

Options:
  --json      print the machine-readable catalogue (the data the studio's palette uses)
  -h, --help  show this help
`;

function describeParam(p: CatalogueParam): string {
  const bits: string[] = [p.type];
  if (p.type === 'number' || p.type === 'integer') {
    const exMin = p.type === 'number' && p.exclusiveMin;
    const exMax = p.type === 'number' && p.exclusiveMax;
    if (p.min !== undefined) bits.push(`${exMin ? '>' : '≥'} ${p.min}`);
    if (p.max !== undefined) bits.push(`${exMax ? '<' : '≤'} ${p.max}`);
    if (p.unit) bits.push(p.unit);
    if (p.type === 'integer' && p.parity) bits.push(p.parity);
    if (p.nullable) bits.push(`null = ${p.nullLabel ?? 'auto'}`);
  }
  if (p.type === 'enum') bits.push(p.options.map((o) => o.value).join('|'));
  if (p.type === 'files') bits.push(`${p.accept.join(' ')}${p.multiple ? ', several' : ''}`);
  const def = p.type === 'files' ? '' : ` = ${JSON.stringify(p.default)}`;
  return `      ${p.name}${def}  (${bits.join(', ')})  ${p.label}`;
}

const ports = (ps: CataloguePort[], inputs: boolean) =>
  ps.length ? ps.map((p) => `${p.name}:${p.kinds.join('|')}${inputs && !p.required ? '?' : ''}`).join(', ') : '—';

export function nodesCommand(argv: string[], registry: NodeRegistry, io: CliIO): number {
  const { values } = parseCommandArgs('nodes', argv, { json: { type: 'boolean' } });
  if (values.help) {
    io.out(nodesHelp);
    return EXIT_OK;
  }
  const catalogue = nodeCatalogue(registry);
  if (values.json) {
    io.out(JSON.stringify(catalogue, null, 2));
    return EXIT_OK;
  }
  const lines: string[] = [];
  let category = '';
  for (const e of catalogue) {
    if (e.category !== category) {
      category = e.category;
      lines.push('', category);
    }
    lines.push(`  ${e.type}  v${e.version}  ${e.title}${e.isOutput ? '  [output]' : ''}`);
    lines.push(`      in: ${ports(e.inputs, true)}   out: ${ports(e.outputs, false)}`);
    for (const p of e.params) lines.push(describeParam(p));
  }
  io.out(lines.slice(1).join('\n'));
  return EXIT_OK;
}
