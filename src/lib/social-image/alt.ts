import { figureSummary } from '../chart/describe.ts';
import type { Card } from './card.ts';

/** The alternative text of a social image: what its card shows, in words. */
export function cardAlt(card: Card): string {
  if (card.kind === 'trend') {
    const shown = card.figure ? `${card.figure.title}. ${figureSummary(card.figure)}` : card.summary;
    return `Trend ${card.position} of ${card.total} in ${card.series}: ${card.title}. ${shown}`;
  }
  const numbers = card.numbers.map((n) => `${n.value} ${n.label}`).join('; ');
  return `${card.eyebrow}: ${card.title}. ${card.subtitle}${numbers ? ` Key numbers: ${numbers}.` : ''}`;
}
