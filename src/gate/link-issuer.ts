import { signToken, verifyToken, type TokenClaims, type TokenPurpose } from './links.ts';
import type { IssuedLink, Lead, LeadStore } from './store/index.ts';

/** Signs and checks a lead's links; shared by the routes (services.ts) and the outbox worker (the emails). */
export interface LinkIssuer {
  /** A signed token for a lead (by public id), valid for `ttlMs` (the configured link lifetime) from `now`. */
  issue(
    purpose: TokenPurpose,
    lead: string,
    series: string,
    now?: Date,
    ttlMs?: number,
  ): { token: string; expiresAt: Date };
  /**
   * A confirmation token bound to the one ticked form that asked for it, by when that form was sent (its
   * `consentAt`, which its outbox row keeps as `requestedAt`): pressing it can adopt that form's details
   * only, never a later form's (see `confirmFormAt`). Valid for the link lifetime from `now`.
   */
  confirm(lead: Lead, formAt: Date, now?: Date): { token: string; expiresAt: Date };
  /**
   * A download link for a lead: the one issued before while it is valid for half its lifetime more,
   * else a new one, recorded in the store. With `fresh`, always a new one (a form, which anyone can send
   * with anyone's address, never hands out a link issued to someone else); with `issuedBy`, only one
   * issued by then is reused (a returning browser gets its own link again, not a later form's), and when
   * none is valid for half its life more, the token's one renewal (`LeadStore.renewLink`) is given. Its
   * path, when it was issued and when it expires.
   */
  downloadLink(
    lead: Lead,
    now?: Date,
    options?: { fresh?: boolean; issuedBy?: Date },
  ): Promise<{ url: string; issuedAt: Date; expiresAt: Date }>;
  /**
   * A new download link's times, issued at `now`, not recorded: for a form, which records it with the lead
   * in one transaction (`upsertLead`'s `link`), then signs it with `signLink`.
   */
  newLink(now: Date): IssuedLink;
  /** The path of a recorded download link of a lead. */
  signLink(lead: Lead, link: IssuedLink): { url: string; issuedAt: Date; expiresAt: Date };
  verify(token: string, purpose: TokenPurpose, now?: Date): ReturnType<typeof verifyToken>;
  /**
   * The token a form sent without JavaScript is answered with (Post/Redirect/Get: the report page redirects
   * the POST to `?answer=<token>`, so that a reload fetches the answer again and never posts the form twice).
   * It names the lead (by public id) and, in its nonce, how the link went, whether a confirmation email was
   * asked for, and when the form was sent; never the address. Valid for ANSWER_TTL_MS from `now`.
   */
  answer(lead: string, series: string, form: FormAnswer, now?: Date): string;
}

/** What the answer to a form sent says, besides the lead: see `LinkIssuer.answer`. */
export interface FormAnswer {
  delivery: 'page' | 'email' | 'both';
  /** A confirmation email (double opt-in) was asked for. */
  confirm: boolean;
  /** When the form was sent: its submission's `consentAt`, and when its download link was issued. */
  sentAt: Date;
}

/** How long the answer page of a form sent without JavaScript can be reloaded: 15 minutes. */
export const ANSWER_TTL_MS = 15 * 60 * 1000;

const DELIVERY_MARK = { page: 'p', email: 'e', both: 'b' } as const;

/** The answer an answer token's signed nonce holds (see `LinkIssuer.answer`); undefined for any other nonce. */
export function readAnswer(nonce: string): FormAnswer | undefined {
  const match = /^([peb])([cn])([0-9a-z]{1,12})$/.exec(nonce);
  if (!match) return undefined;
  const delivery = (['page', 'email', 'both'] as const).find((d) => DELIVERY_MARK[d] === match[1])!;
  const sentAt = new Date(parseInt(match[3]!, 36));
  return Number.isNaN(sentAt.getTime()) ? undefined : { delivery, confirm: match[2] === 'c', sentAt };
}

export const downloadHref = (series: string, token: string) => `/${series}/report/download/${token}/`;

const TEN_YEARS_MS = 10 * 366 * 24 * 60 * 60 * 1000;

/**
 * What an access token that does not say when it was issued (one from before that was kept) is renewed
 * as: every such token of a lead shares one renewal, instead of a new link on every view.
 */
export const UNDATED_ACCESS = new Date(0);

/**
 * When an access token was issued, from its signed nonce (`t` and the time in base 36), exactly: the report
 * page gives the browser again only a link issued by then, never one a later form was given. Undefined for
 * a token without it (issued before it was kept): that browser is given a new link and a new token.
 */
export function accessIssuedAt(nonce: string, expiresAt: number): Date | undefined {
  const time = /^t([0-9a-z]{1,12})$/.exec(nonce)?.[1];
  const at = time === undefined ? NaN : parseInt(time, 36);
  return at <= expiresAt * 1000 && at > expiresAt * 1000 - TEN_YEARS_MS ? new Date(at) : undefined;
}

/**
 * The ticked form a confirmation token names, by when it was sent (`f` and the time in base 36, see
 * `LinkIssuer.confirm`); undefined for an older token, which says only when it was issued (`t`) or nothing.
 */
export function confirmFormAt(nonce: string, expiresAt: number): Date | undefined {
  const time = /^f([0-9a-z]{1,12})$/.exec(nonce)?.[1];
  const at = time === undefined ? NaN : parseInt(time, 36);
  return at <= expiresAt * 1000 && at > expiresAt * 1000 - TEN_YEARS_MS ? new Date(at) : undefined;
}

export function createLinkIssuer(store: LeadStore, secret: string, linkTtlMs: number): LinkIssuer {
  const newLink = (now: Date): IssuedLink => ({
    issuedAt: now,
    expiresAt: new Date(Math.floor((now.getTime() + linkTtlMs) / 1000) * 1000),
  });
  const signLink = (lead: Lead, link: IssuedLink) => {
    // The nonce comes from when the link was issued, so the same link is signed into the same URL.
    const claims: TokenClaims = {
      purpose: 'download',
      lead: lead.publicId,
      series: lead.series,
      expiresAt: Math.floor(link.expiresAt.getTime() / 1000),
    };
    const token = signToken(claims, secret, link.issuedAt.getTime().toString(36));
    return { url: downloadHref(lead.series, token), issuedAt: link.issuedAt, expiresAt: link.expiresAt };
  };
  return {
    issue(purpose, lead, series, now = new Date(), ttlMs = linkTtlMs) {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const claims: TokenClaims = { purpose, lead, series, expiresAt: Math.floor(expiresAt.getTime() / 1000) };
      // An access or confirmation token carries the moment it was issued, to the millisecond (see
      // `accessIssuedAt`): a returning browser gets only links issued by then, and a confirmation link
      // re-subscribes only when issued after the last unsubscribe.
      const nonce = purpose === 'access' || purpose === 'confirm' ? `t${now.getTime().toString(36)}` : undefined;
      return { token: signToken(claims, secret, nonce), expiresAt: new Date(claims.expiresAt * 1000) };
    },
    answer(lead, series, form, now = new Date()) {
      const claims: TokenClaims = {
        purpose: 'answer',
        lead,
        series,
        expiresAt: Math.floor((now.getTime() + ANSWER_TTL_MS) / 1000),
      };
      const nonce = `${DELIVERY_MARK[form.delivery]}${form.confirm ? 'c' : 'n'}${form.sentAt.getTime().toString(36)}`;
      return signToken(claims, secret, nonce);
    },
    confirm(lead, formAt, now = new Date()) {
      const expiresAt = new Date(now.getTime() + linkTtlMs);
      const claims: TokenClaims = {
        purpose: 'confirm',
        lead: lead.publicId,
        series: lead.series,
        expiresAt: Math.floor(expiresAt.getTime() / 1000),
      };
      const token = signToken(claims, secret, `f${formAt.getTime().toString(36)}`);
      return { token, expiresAt: new Date(claims.expiresAt * 1000) };
    },
    async downloadLink(lead, now = new Date(), { fresh = false, issuedBy }: { fresh?: boolean; issuedBy?: Date } = {}) {
      let link = fresh
        ? undefined
        : await store.currentLink(lead.id, new Date(now.getTime() + linkTtlMs / 2), issuedBy);
      if (!link) {
        const issued = newLink(now);
        // A returning browser's token past half its life is renewed once: every later view with the same
        // token gets that renewal (valid past the token's own expiry), not a row of its own.
        if (!fresh && issuedBy) link = await store.renewLink(lead.id, issuedBy, issued);
        else {
          link = issued;
          await store.recordLink(lead.id, link.issuedAt, link.expiresAt);
        }
      }
      return signLink(lead, link);
    },
    newLink,
    signLink,
    verify: (token, purpose, now = new Date()) => verifyToken(token, secret, purpose, now.getTime()),
  };
}
