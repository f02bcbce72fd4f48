/** The theme button: shows whether the dark theme is on, switches it, and remembers the choice. */
const root = document.documentElement;
const system = matchMedia('(prefers-color-scheme: dark)');
const isDark = () => (root.dataset.theme ?? (system.matches ? 'dark' : 'light')) === 'dark';

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
  const sync = () => button.setAttribute('aria-pressed', String(isDark()));
  button.addEventListener('click', () => {
    const theme = isDark() ? 'light' : 'dark';
    root.dataset.theme = theme;
    try {
      localStorage.setItem('mt-theme', theme);
    } catch {
      // Storage may be blocked: the choice then lasts for this page only.
    }
    sync();
  });
  system.addEventListener('change', sync);
  sync();
  button.classList.add('is-ready');
}
