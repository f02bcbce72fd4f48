/**
 * The header's search box costs a page this much: the rest (`search-ui.ts`, Pagefind and its index)
 * loads on the box's first focus.
 */
document.querySelectorAll<HTMLFormElement>('form[data-site-search]').forEach((form) => {
  const start = () => void import('./search-ui').then(({ setUp }) => setUp(form));
  form.querySelector('input')?.addEventListener('focus', start, { once: true });
});
