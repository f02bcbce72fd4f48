import { ActionError, defineAction, isInputError, type ActionAPIContext } from 'astro:actions';
import { findSummary } from '../data/series-summary.ts';
import { LeadFormSchema } from '../lib/schema/lead-form.ts';
import { CorruptReportManifest, findReport, REPORT_BROKEN } from '../gate/report-file.ts';
import { emailRow } from '../gate/mail/rows.ts';
import { storeUnavailable } from '../gate/store/errors.ts';
import { storedRows } from '../gate/webhook/events.ts';
import { giveAccess } from '../gate/services.ts';
import { gateServices } from '../gate/route-services.ts';
import { knownReader } from '../gate/known-reader.ts';
import { profileMissing } from '../lib/lead-form-fields.ts';
import { reportPage, visitOf } from '../gate/analytics/counter.ts';
import { declaredVariant } from '../gate/analytics/experiment.ts';
import { LIMITED, REFUSABLE_FIELDS, type RefusableField } from '../gate/analytics/events.ts';

/** Said to the reader when something fails on the server; the details go to the server log. */
const SERVER_TROUBLE = 'Something went wrong on our side. Please try again in a minute.';

/** Said when the lead store cannot take writes (a full disk, the database down): nothing was stored. */
const STORE_UNAVAILABLE =
  'We cannot take requests for the report right now, and nothing you sent was kept. Please try again in a few minutes.';

/** Said when the address, or its domain, had its share of emails (MAIL_LIMIT_MAX, MAIL_DOMAIN_LIMIT_MAX) for now. */
const MAIL_LIMITED =
  'We sent several emails to this address recently. Check your inbox (and its spam folder), or try again later.';

/** The form, plus the checks that depend on its series: the job roles offered and the consent version shown. */
const ReportRequestSchema = LeadFormSchema.superRefine((form, ctx) => {
  const series = findSummary(form.series);
  if (!series) {
    ctx.addIssue({ code: 'custom', path: ['series'], message: 'Unknown series.' });
    return;
  }
  const { roles, consent } = series.data.report;
  if (!roles.includes(form.jobRole)) {
    ctx.addIssue({ code: 'custom', path: ['jobRole'], message: 'Choose your role from the list.' });
  }
  if (form.consentVersion !== consent.version) {
    // On the hidden field: the page showing the old text has to be reloaded before consent counts.
    ctx.addIssue({
      code: 'custom',
      path: ['consentVersion'],
      message: 'The consent text changed since this page loaded: read it again and tick the box.',
    });
  }
});

/**
 * The form read and checked as Astro checks an Action's input: its result is the form, or the refusal
 * (ActionInputError, with each field's message) that `requestReport` counts before it answers with it.
 */
const checkForm = defineAction({ accept: 'form', input: ReportRequestSchema, handler: (form) => form });

/**
 * Counts a form refused by validation on its series' report page (no value, only the refused fields' names),
 * when the form names a published series; nothing with Sec-GPC or DNT, and never fails the answer.
 */
async function countRefusal(
  sent: FormData,
  issues: readonly { path: readonly PropertyKey[] }[],
  context: ActionAPIContext,
) {
  const seriesId = sent.get('series');
  const summary = typeof seriesId === 'string' ? findSummary(seriesId) : undefined;
  if (!summary) return;
  const services = await gateServices(context.locals);
  const raw = sent.get('variant');
  const variant = declaredVariant(summary.data.report.experiment, typeof raw === 'string' ? raw : '')?.id ?? '';
  const fields = issues
    .map((issue) => String(issue.path[0] ?? ''))
    .filter((field): field is RefusableField => (REFUSABLE_FIELDS as readonly string[]).includes(field));
  await services.analytics.refused(
    { page: reportPage(summary.id), variant, fields },
    visitOf(services.clientAddress(context), context.request.headers),
  );
}

export const server = {
  /**
   * Stores (or updates) the reader's lead and, by REPORT_DELIVERY, answers with a signed download link
   * (`page`), queues an email with the link in the same transaction (`email`), or both.
   */
  requestReport: defineAction({
    accept: 'form',
    // No input schema here: `checkForm` checks the form, so that a refusal is counted in this request.
    handler: async (sent: FormData, context) => {
      const checked = await checkForm.call(context, sent);
      if (checked.error) {
        if (isInputError(checked.error))
          await countRefusal(sent, checked.error.issues, context).catch((error: unknown) => {
            console.error(`Analytics: a refused form could not be counted: ${(error as Error).message}`);
          });
        throw checked.error;
      }
      const form = checked.data;
      try {
        // A bot that filled in the honeypot is refused before anything else: a flood of them costs nothing.
        if (form.website !== '') throw new ActionError({ code: 'BAD_REQUEST', message: 'The form could not be sent.' });
        const services = await gateServices(context.locals);
        const address = services.clientAddress(context);
        if (!(await services.limiter.consume(services.limitKey(address))).allowed) {
          // Counted in this request, like a refusal: the page and variant only; nothing with Sec-GPC or DNT.
          if (findSummary(form.series)) {
            const variant = declaredVariant(findSummary(form.series)?.data.report.experiment, form.variant)?.id ?? '';
            await services.analytics.count(
              { page: reportPage(form.series), event: LIMITED, variant },
              visitOf(address, context.request.headers),
            );
          }
          throw new ActionError({
            code: 'TOO_MANY_REQUESTS',
            message: 'Too many requests from your network. Try again in a few minutes.',
          });
        }
        const ipHash = services.hashIp(address);
        if (!findReport(services.config.reportDir, form.series)) {
          // No lead is taken for a report that cannot be downloaded right now.
          throw new ActionError({
            code: 'SERVICE_UNAVAILABLE',
            message: 'The report is being prepared. Please try again in a few minutes.',
          });
        }

        const now = new Date();
        // The experiment variant the page showed, when the series declares it (else none): kept with the form.
        const variant = declaredVariant(findSummary(form.series)?.data.report.experiment, form.variant)?.id ?? '';
        // Anyone can type any address: a form that would email it counts against that address's limit,
        // and past it nothing is emailed (REPORT_DELIVERY=email refuses; `both` shows the link only).
        const wantsMail = services.config.REPORT_DELIVERY !== 'page' || form.marketingOptIn;
        // Counted per mailbox (+tags and Gmail dots reach one inbox), then per domain (a flood of distinct
        // addresses at one company); a form refused by the first does not count against the second.
        const mailing =
          Boolean(services.config.SMTP_URL) &&
          wantsMail &&
          (await services.mailLimiter.consume(services.recipientKey(form.email))).allowed &&
          (await services.mailDomainLimiter.consume(services.recipientDomainKey(form.email))).allowed;
        if (services.config.REPORT_DELIVERY === 'email' && !mailing) {
          throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: MAIL_LIMITED });
        }
        const delivery = mailing ? services.config.REPORT_DELIVERY : 'page';
        // The link shown on the page is recorded with the lead, in one transaction: a failure stores neither,
        // and the reader, told to try again, has nothing half-stored (no lead the CRM was told of, no email).
        const issued = delivery === 'email' ? undefined : services.newLink(now);
        // A ticked box asks a pending reader to confirm, and an unsubscribed one too: they stay unsubscribed
        // until they follow the emailed link (their one way back; anyone can type their address).
        const askedToConfirm = (saved: { marketingStatus: string }) =>
          form.marketingOptIn &&
          (saved.marketingStatus === 'pending' || saved.marketingStatus === 'unsubscribed') &&
          mailing;
        // The browser this lead's own earlier form came from (its signed access cookie) may complete the
        // lead's profile; any other form with this address is kept as a submission only, as before.
        const known = await knownReader(context.cookies, services, form.series);
        const fillProfile = known !== undefined && known.lead.email === form.email && profileMissing(known.lead);
        const submission = {
          firstName: form.firstName,
          lastName: form.lastName,
          company: form.company,
          jobRole: form.jobRole,
          consentVersion: form.consentVersion,
          consentAt: now,
          marketingOptIn: form.marketingOptIn,
          variant,
        };
        // Kept as a submission; a repeat never changes who the lead is, nor takes anyone off `unsubscribed`.
        const { lead } = await services.store.upsertLead(
          {
            series: form.series,
            email: form.email,
            ...submission,
            fillProfile,
            userAgent: context.request.headers.get('user-agent')?.slice(0, 500) ?? null,
            ipHash,
          },
          (saved, created) => [
            ...storedRows(services.config, now, submission)(saved, created),
            ...(delivery === 'page' ? [] : [emailRow('report-link', saved, now)]),
            // Double opt-in: a ticked box is pending until the reader follows the emailed confirmation link.
            // An unticked one asks for nothing, even from a lead still pending from an earlier form.
            ...(askedToConfirm(saved) ? [emailRow('confirm-marketing', saved, now)] : []),
          ],
          issued,
        );
        // The funnel counts the accepted form in this request (nothing with Sec-GPC or DNT; never fails it), and
        // its start too when none was counted for this reader that day (sent without JavaScript, or the beacon lost).
        await services.analytics.count(
          { page: reportPage(form.series), event: 'submit', variant },
          visitOf(address, context.request.headers),
        );
        /** Said on the page: the confirmation email is on its way to this address. */
        const confirmSentTo = askedToConfirm(lead) ? lead.email : undefined;
        // The link goes by email alone: this browser is not remembered, the address has to be the reader's.
        // Thanked by the name this form gave: the lead's own may be someone else's (whoever typed the address first).
        // The no-JavaScript form is redirected to its answer page with this token (Post/Redirect/Get).
        const answer = services.answer(lead.publicId, form.series, {
          delivery,
          confirm: confirmSentTo !== undefined,
          sentAt: now,
        });
        if (delivery === 'email')
          return { delivery, firstName: form.firstName, email: lead.email, confirmSentTo, answer };
        // A link of its own: the address may not be the sender's, so an earlier link stays with whoever got it.
        const link = services.signLink(lead, issued!);
        giveAccess(context, services, lead, form.series, now);
        return {
          delivery,
          downloadUrl: link.url,
          expiresAt: link.expiresAt.toISOString(),
          firstName: form.firstName,
          email: lead.email,
          confirmSentTo,
          answer,
        };
      } catch (error) {
        if (error instanceof ActionError) throw error;
        if (storeUnavailable(error)) {
          // A full disk, an I/O error, the database server gone: nothing of this form was stored.
          console.error('requestReport: the lead store cannot take writes:', error);
          throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: STORE_UNAVAILABLE });
        }
        if (error instanceof CorruptReportManifest) {
          console.error(`requestReport: ${error.message}`);
          throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: REPORT_BROKEN });
        }
        console.error('requestReport failed:', error);
        throw new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: SERVER_TROUBLE });
      }
    },
  }),
};
