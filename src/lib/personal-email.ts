import { createRequire } from 'node:module';
import { getDomain } from 'tldts';

/**
 * Personal mailbox providers, from the `email-providers` package (about 8,700 domains, released
 * monthly) rather than a hand-kept list: the form asks for a work address. Read from the package when
 * first needed, not imported: an import puts the 140 KB list into the server bundle, parsed by every build.
 */
let personal: Set<string> | undefined;
const personalDomains = () =>
  (personal ??= new Set([
    ...(createRequire(import.meta.url)('email-providers/all.json') as string[]),
    ...MISSING_FROM_THE_LIST,
  ]));

/**
 * Well-known personal providers the package does not list (checked against email-providers 2.26.0):
 * Tuta's domains, fastmail.com, DuckDuckGo's forwarding addresses and Posteo. Remove one when the list has it.
 */
const MISSING_FROM_THE_LIST = [
  'tutanota.com',
  'tutanota.de',
  'tutamail.com',
  'tuta.io',
  'tuta.com',
  'keemail.me',
  'fastmail.com',
  'duck.com',
  'posteo.de',
  'posteo.net',
];

/**
 * Whether an email domain (lower case) is a personal mailbox: the domain itself or a parent of it up to
 * its registrable domain is on the list, so `mail.gmail.com` counts but `acme.com.ar` does not (the list
 * holds a few public suffixes such as `com.ar`, which only the domain itself may match).
 */
export function isPersonalEmailDomain(domain: string): boolean {
  const registrable = getDomain(domain) ?? domain;
  for (let name = domain; ; name = name.slice(name.indexOf('.') + 1)) {
    if (personalDomains().has(name)) return true;
    if (name === registrable || !name.includes('.')) return false;
  }
}
