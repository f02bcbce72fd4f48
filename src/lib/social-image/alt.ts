import { figureSummary } from '../chart/describe.ts';
import type { Card } from './card.ts';

/** Text ending in a full stop, unless it ends in one already (or in ? or !). */
const sentence = (text: string) => (/[.?!]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The alternative text of a social image: what its card shows, in words. */
export function cardAlt(card: Card): string {
  if (card.kind === 'trend') {
    const shown = card.figure ? `${sentence(card.figure.title)} ${figureSummary(card.figure)}` : card.summary;
    const credit = card.credit ? ` ${sentence(card.credit)}` : '';
    return `Trend ${card.position} of ${card.total} in ${card.series}: ${sentence(card.title)} ${shown}${credit}`;
  }
  const number = card.number ? ` ${card.number.value}: ${sentence(card.number.label)}` : '';
  const credit = card.number && card.credit ? ` ${sentence(card.credit)}` : '';
  const subtitle = card.subtitle ? ` ${sentence(card.subtitle)}` : '';
  return `${card.eyebrow}: ${sentence(card.title)}${subtitle}${number}${credit}`;
}
