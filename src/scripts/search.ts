/**
 * The header's search box: loads Pagefind (its bundle path from `data-bundle`) on the first focus or
 * input, searches as the reader types, and lists each page found with the sections and figures that
 * hold a match. Enter opens the first result; Escape closes the list. On a phone the field hides behind a
 * button (`data-search-toggle`): the button opens it and puts the cursor in it; Escape (once the list is
 * closed) or leaving the search closes it, Escape returning focus to the button.
 */
import { excerpt, searchTargets, type ExcerptPart, type SearchPage } from '../lib/search-results';

/** The part of Pagefind's browser API used here. */
interface Pagefind {
  init(): Promise<void>;
  debouncedSearch(term: string, options?: object, ms?: number): Promise<{ results: PagefindResult[] } | null>;
}
interface PagefindResult {
  data(): Promise<SearchPage>;
}

const MAX_RESULTS = 5;

/** A paragraph of excerpt text with the matches in `<mark>`. */
function excerptParagraph(parts: ExcerptPart[]): HTMLParagraphElement {
  const p = document.createElement('p');
  for (const part of parts)
    p.append(part.match ? Object.assign(document.createElement('mark'), { textContent: part.text }) : part.text);
  return p;
}

/** A link, optionally with a small label before its text. */
function link(href: string, text: string, kind?: string): HTMLAnchorElement {
  const a = Object.assign(document.createElement('a'), { href });
  if (kind) a.append(Object.assign(document.createElement('span'), { className: 'kind', textContent: `${kind} ` }));
  a.append(text);
  return a;
}

/** One result: the page's link and excerpt, then its sections and figures. */
function resultItem(page: SearchPage): HTMLLIElement {
  const li = document.createElement('li');
  li.append(link(page.url, page.meta.title ?? page.url), excerptParagraph(excerpt(page.content, page.locations)));
  const targets = searchTargets(page);
  if (targets.length > 0) {
    const ul = document.createElement('ul');
    for (const target of targets) {
      const item = document.createElement('li');
      item.append(
        link(target.url, target.title, target.kind === 'figure' ? 'Figure' : undefined),
        excerptParagraph(target.excerpt),
      );
      ul.append(item);
    }
    li.append(ul);
  }
  return li;
}

/** The button that shows the field on a phone, wired to open and close it; none where the field always shows. */
function setUpToggle(root: HTMLElement, input: HTMLInputElement) {
  const toggle = root.querySelector<HTMLButtonElement>('[data-search-toggle]');
  if (!toggle) return { collapsible: () => false, close: () => undefined };
  /** Whether the button is shown, so that the field can be closed (a phone's width). */
  const collapsible = () => toggle.getClientRects().length > 0;
  const open = () => {
    root.dataset.open = '';
    toggle.setAttribute('aria-expanded', 'true');
    input.focus();
  };
  const close = (focusButton: boolean) => {
    delete root.dataset.open;
    toggle.setAttribute('aria-expanded', 'false');
    if (focusButton) toggle.focus();
  };
  toggle.addEventListener('click', () => (root.dataset.open === undefined ? open() : close(true)));
  root.addEventListener('focusout', (event) => {
    if (collapsible() && !root.contains(event.relatedTarget as Node | null)) close(false);
  });
  return { collapsible, close };
}

function setUp(form: HTMLFormElement) {
  const root = form.closest<HTMLElement>('[data-search-root]') ?? form;
  const input = form.querySelector('input')!;
  const panel = form.querySelector<HTMLElement>('[data-search-panel]')!;
  const status = form.querySelector<HTMLElement>('[data-search-status]')!;
  const list = form.querySelector<HTMLOListElement>('[data-search-results]')!;
  let pagefind: Promise<Pagefind> | undefined;
  const load = () =>
    (pagefind ??= (import(/* @vite-ignore */ form.dataset.bundle!) as Promise<Pagefind>).then(async (module) => {
      await module.init();
      return module;
    }));

  const search = async () => {
    const term = input.value.trim();
    if (!term) {
      panel.hidden = true;
      return;
    }
    const found = await load()
      .then((module) => module.debouncedSearch(term, {}, 150))
      .catch(() => {
        // No index: `astro dev`, or a deploy without `dist/client/pagefind/`.
        status.textContent = 'Search is not available here: the index is built by `npm run build`.';
        list.replaceChildren();
        panel.hidden = false;
        return null;
      });
    if (!found || input.value.trim() !== term) return;
    const pages = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    const count = found.results.length;
    status.textContent =
      count === 0 ? `No results for “${term}”` : `${count} ${count === 1 ? 'page' : 'pages'} for “${term}”`;
    list.replaceChildren(...pages.map(resultItem));
    panel.hidden = false;
  };

  // A failed load is reported when the reader types.
  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  input.addEventListener('input', () => void search());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    list.querySelector('a')?.click();
  });
  const toggle = setUpToggle(root, input);
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (!panel.hidden) {
      panel.hidden = true;
      input.focus();
    } else if (toggle.collapsible()) toggle.close(true);
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(event.relatedTarget as Node | null)) panel.hidden = true;
  });
  list.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a')) panel.hidden = true;
  });
}

document.querySelectorAll<HTMLFormElement>('form[data-site-search]').forEach(setUp);
