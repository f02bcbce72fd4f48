/**
 * The segment lens (see src/components/SegmentLens.astro): reads `?segment=<id>` from the URL, shows that
 * segment's picture of every chart that has one (a `<template data-lens-segment>` drawn at build time) and
 * writes the segment's value after every bound number that has one (`data-lens` on `.mt-stat`). Choosing
 * another segment updates the URL in place, so a reload or a shared link shows the same. No request is made.
 */

const PARAM = 'segment';

function apply(segment: string, originals: Map<Element, Node[]>): number {
  let shown = 0;
  for (const [box, original] of originals) {
    const template = segment
      ? box.parentElement?.querySelector<HTMLTemplateElement>(`template[data-lens-segment="${CSS.escape(segment)}"]`)
      : null;
    if (template) shown++;
    box.replaceChildren(...(template ? [template.content.cloneNode(true)] : original));
  }
  for (const stat of document.querySelectorAll<HTMLElement>('.mt-stat[data-lens]')) {
    stat.querySelector('.mt-stat-lens')?.remove();
    const entry = segment
      ? (JSON.parse(stat.dataset.lens ?? '{}') as Record<string, [string, string]>)[segment]
      : undefined;
    if (!entry) continue;
    shown++;
    const note = document.createElement('span');
    note.className = 'mt-stat-lens';
    note.textContent = ` (${entry[0]}: ${entry[1]})`;
    stat.querySelector('.mt-stat-value')?.after(note);
  }
  return shown;
}

function startLens() {
  const control = document.querySelector<HTMLElement>('[data-lens-control]');
  const select = control?.querySelector('select');
  if (!control || !select) return;
  const status = control.querySelector('[data-lens-status]');
  const originals = new Map<Element, Node[]>();
  for (const box of document.querySelectorAll('[data-lens-chart]')) originals.set(box, [...box.childNodes]);
  const show = (segment: string) => {
    const known = [...select.options].some((option) => option.value === segment);
    const chosen = known ? segment : '';
    select.value = chosen;
    const shown = apply(chosen, originals);
    const label = select.selectedOptions[0]?.textContent ?? '';
    if (status) status.textContent = chosen ? `Showing ${label} beside all respondents (${shown} on this page).` : '';
  };
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    if (select.value) url.searchParams.set(PARAM, select.value);
    else url.searchParams.delete(PARAM);
    history.replaceState(history.state, '', url);
    show(select.value);
  });
  control.hidden = false;
  show(new URL(location.href).searchParams.get(PARAM) ?? '');
}

startLens();
