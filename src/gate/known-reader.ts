/**
 * The reader this browser is known as: the lead named by its access cookie, the one the gate sets when
 * the form is sent (signed by the server, so a browser cannot claim another lead). The report page greets
 * it with "Welcome back", and the form asks it for name and company only while its lead lacks them.
 */
import type { AstroCookies } from 'astro';
import type { Lead } from './store/types.ts';
import { accessCookie, type Services } from './services.ts';

export interface KnownReader {
  lead: Lead;
  /** The access token's nonce and expiry, as the server verified them. */
  nonce: string;
  expiresAt: number;
}

/** The lead this browser's access cookie names for `series`, when the cookie is valid and the lead is there. */
export async function knownReader(
  cookies: AstroCookies,
  services: Pick<Services, 'verify' | 'store'>,
  series: string,
): Promise<KnownReader | undefined> {
  const token = cookies.get(accessCookie(series))?.value;
  const verdict = token ? services.verify(token, 'access') : undefined;
  if (!verdict?.ok || verdict.claims.series !== series) return undefined;
  const lead = await services.store.findLead(verdict.claims.lead);
  if (!lead || lead.series !== series) return undefined;
  return { lead, nonce: verdict.nonce, expiresAt: verdict.claims.expiresAt };
}
