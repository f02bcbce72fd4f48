/**
 * Sends the report form without a page reload: the same Astro Action as the plain POST, errors shown
 * next to their fields and summarised, success shown with the download link (or, when the link goes by
 * email, the "check your inbox" panel). Without this script the form still works.
 */
import { actions, isInputError } from 'astro:actions';
import { formatDate } from '../lib/format.ts';
import { hiddenFieldError, VISIBLE_FIELDS } from '../lib/lead-form-fields.ts';

const form = document.querySelector<HTMLFormElement>('[data-report-form]');
const ready = document.querySelector<HTMLElement>('[data-report-ready]');
const sent = document.querySelector<HTMLElement>('[data-report-sent]');
const labels: Record<string, string> = VISIBLE_FIELDS;
const baseTitle = document.title.replace(/^Error \(\d+\): /, '');

function showErrors(fields: Record<string, string[] | undefined>, formError?: string): void {
  if (!form) return;
  const summary = form.querySelector<HTMLElement>('[data-error-summary]')!;
  const problems = Object.entries(fields).filter(([name, messages]) => messages?.length && name in labels);
  for (const slot of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const name = slot.dataset.errorFor!;
    const message = fields[name]?.[0] ?? '';
    slot.textContent = message;
    const input = form.querySelector(`[name="${name}"]`);
    if (message) input?.setAttribute('aria-invalid', 'true');
    else input?.removeAttribute('aria-invalid');
  }
  summary.replaceChildren();
  if (formError) summary.append(Object.assign(document.createElement('p'), { textContent: formError }));
  if (problems.length > 0) {
    const intro = document.createElement('p');
    intro.append(
      Object.assign(document.createElement('strong'), {
        textContent: `${problems.length === 1 ? 'There is a problem' : `There are ${problems.length} problems`} with the form:`,
      }),
    );
    const list = document.createElement('ul');
    for (const [name, messages] of problems) {
      const link = Object.assign(document.createElement('a'), {
        href: `#field-${name}`,
        textContent: `${labels[name]}: ${messages![0]}`,
      });
      const item = document.createElement('li');
      item.append(link);
      list.append(item);
    }
    summary.append(intro, list);
  }
  summary.hidden = problems.length === 0 && !formError;
  // The title says there are errors, as after a reload without JavaScript.
  document.title = `${problems.length > 0 ? `Error (${problems.length}): ` : ''}${baseTitle}`;
  if (!summary.hidden) summary.focus();
}

// Name and company follow the marketing box (CSS shows them once it is ticked): required with it.
const optIn = form?.querySelector<HTMLInputElement>('#field-marketingOptIn');
const onMarketing = form?.querySelectorAll<HTMLInputElement>('[data-profile-on-marketing] input') ?? [];
const syncProfile = () => {
  for (const input of onMarketing) input.required = Boolean(optIn?.checked);
};
optIn?.addEventListener('change', syncProfile);
syncProfile();

/** "Thank you, Ada" when the form gave a name, "Thank you" when it asked for none. */
const thanks = (firstName: string) => `Thank you${firstName ? `, ${firstName}` : ''}`;

form?.addEventListener('submit', (event) => {
  // A second download's answers count for the lead only with this browser's access cookie, which is
  // sent to the report page alone (its path): that form goes as a plain POST to the page.
  if (form.querySelector<HTMLInputElement>('input[name="profile"]')?.value === 'ask') return;
  event.preventDefault();
  const button = form.querySelector<HTMLButtonElement>('[data-submit]')!;
  button.disabled = true;
  void actions
    .requestReport(new FormData(form))
    .then(({ data, error }) => {
      if (error) {
        if (isInputError(error)) showErrors(error.fields, hiddenFieldError(error.fields));
        else showErrors({}, error.message);
        return;
      }
      showErrors({});
      const note = document.querySelector<HTMLElement>('[data-confirm-note]');
      if (note) {
        note.querySelector('[data-confirm-email]')!.textContent = data.confirmSentTo ?? '';
        note.hidden = !data.confirmSentTo;
      }
      if (data.delivery === 'email') {
        if (!sent) return;
        sent.querySelector('[data-sent-title]')!.textContent = `${thanks(data.firstName)}. Check your inbox.`;
        sent.querySelector('[data-sent-email]')!.textContent = data.email;
        form.hidden = true;
        sent.hidden = false;
        sent.querySelector<HTMLElement>('[data-sent-title]')!.focus();
        return;
      }
      if (!ready) return;
      ready.querySelector('[data-ready-title]')!.textContent = `${thanks(data.firstName)}. Your report is ready.`;
      ready.querySelector<HTMLAnchorElement>('[data-ready-link]')!.href = data.downloadUrl;
      ready.querySelector('[data-ready-expiry]')!.textContent = formatDate(new Date(data.expiresAt));
      ready.querySelector('[data-ready-email]')!.textContent = data.email;
      ready.querySelector<HTMLElement>('[data-ready-emailed]')!.hidden = data.delivery !== 'both';
      form.hidden = true;
      ready.hidden = false;
      ready.querySelector<HTMLElement>('[data-ready-title]')!.focus();
    })
    .catch(() => showErrors({}, 'The form could not be sent. Check your connection and try again.'))
    .finally(() => {
      button.disabled = false;
    });
});
