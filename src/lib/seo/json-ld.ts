/**
 * JSON-LD in a page: the graph serialised so that no value can end the `<script>` element or open a
 * comment (`<`, `>` and `&` as \u escapes, which JSON parsers read back unchanged), nor break a line
 * in older JavaScript engines (U+2028, U+2029).
 */

export type JsonLdNode = { '@type': string | string[] } & Record<string, unknown>;

const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** The text of a `<script type="application/ld+json">`: one graph of `nodes` in the schema.org context. */
export function serializeJsonLd(nodes: readonly JsonLdNode[]): string {
  const graph = { '@context': 'https://schema.org', '@graph': nodes };
  return JSON.stringify(graph).replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!);
}
