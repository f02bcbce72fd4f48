/** Prop checks for the components editors use in MDX: failures name the component and the prop. */

export function requireProp(component: string, prop: string, value: unknown, example: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new Error(`<${component}>: the "${prop}" prop is required and must be text, e.g. ${prop}="${example}".`);
}
