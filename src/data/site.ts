import text from '../../content/site.yaml?raw';
import { parseSite } from '../lib/content/files.ts';

/** The site configuration (content/site.yaml), bundled at build time so the server needs no content files. */
export const site = parseSite(text);
