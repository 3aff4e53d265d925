/** The elements of a policy document, in the order AWS documents and consoles show them. */
export const DOCUMENT_ELEMENTS: readonly string[] = ['Version', 'Id', 'Statement'];

/** The elements of a statement, in the order AWS documents and consoles show them. */
export const STATEMENT_ELEMENTS: readonly string[] = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];
