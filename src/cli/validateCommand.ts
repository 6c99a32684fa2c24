/** `operando-flow validate workflow.json`: every problem by node and field, without running anything. */
import { checkGraph } from '../runtime/graph/checkGraph';
import { mergeIssues } from '../runtime/workflow/mergeIssues';
import type { NodeRegistry } from '../runtime/registryTypes';
import { parseCommandArgs } from './args';
import { CliError, EXIT_OK, EXIT_PROBLEM, type CliIO } from './errors';
import { formatIssues } from './formatIssues';
import { readWorkflowFile } from './readWorkflowFile';

export const validateHelp = `Usage: operando-flow validate <workflow.json> [--strict]

Checks a workflow file without running it: file format and version, node types, parameters
(types, bounds, units), connections (port names, value kinds), cycles and missing inputs.
Prints every problem with its node, field and what was expected.

Exit status: 0 valid (warnings are printed), 1 problems found, 2 bad usage.

Options:
  --strict    treat warnings (e.g. unknown parameters kept from a newer version) as problems
  -h, --help  show this help
`;


export async function validateCommand(argv: string[], registry: NodeRegistry, io: CliIO): Promise<number> {
  const { positionals, values } = parseCommandArgs('validate', argv, { strict: { type: 'boolean' } });
  if (values.help) {
    io.out(validateHelp);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(`validate: expected one workflow file, got ${positionals.length}. See "operando-flow validate --help".`, 2);
  const file = positionals[0];
  const { doc, issues: parseIssues } = await readWorkflowFile(file, registry);
  const issues = mergeIssues(parseIssues, doc ? checkGraph(doc, registry) : []);
  for (const line of formatIssues(issues, doc)) io.out(`${file}: ${line}`);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const bad = errors > 0 || !doc || (values.strict === true && warnings > 0);
  io.out(
    bad
      ? `${file}: ${errors} error(s), ${warnings} warning(s)`
      : `${file}: valid (${doc.nodes.length} nodes, ${doc.edges.length} edges${warnings ? `, ${warnings} warning(s)` : ''})`,
  );
  return bad ? EXIT_PROBLEM : EXIT_OK;
}
