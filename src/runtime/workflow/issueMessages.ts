/**
 * Messages for problems that both parseWorkflow (when a file is opened) and checkGraph (before a
 * run) report, written once so that the same problem reads the same wherever it shows.
 */
export const unknownTypeMessage = (name: string, type: string) =>
  `${name}: unknown node type "${type}" — kept with its parameters, but it cannot run`;

export const newerTypeVersionMessage = (name: string, type: string, stored: number, known: number) =>
  `${name}: saved by version ${stored} of ${type}, newer than this app's version ${known}; parameters kept unchecked`;
