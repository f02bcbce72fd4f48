import { figureSummary } from '../chart/describe.ts';
import { midSentence } from '../chart/summary.ts';
import type { Card } from './card.ts';

/** Text ending in a full stop, unless it ends in one already (or in ? or !). */
const sentence = (text: string) => (/[.?!]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * The alternative text of a social image: what its card shows, in words. A trend's chart is read out by its
 * summary, which names the base, so only the source line of the credit follows it.
 */
export function cardAlt(card: Card): string {
  if (card.kind === 'trend') {
    // A single value is read out as the card sets it: the number and what it counts, then its base and source.
    const said = card.number ? ` ${sentence(`${card.number.value} ${card.number.label}`)}` : '';
    // A one-number card sets no deck (issue 20's design review): its alt reads the number, not the deck.
    const shown = card.number ? said.trim() : `${card.figure ? figureSummary(card.figure) : card.summary}`;
    // Without a chart, the credit whole: a number's base and source.
    const source = card.figure ? card.credit?.slice(Math.max(0, card.credit.indexOf('Source:'))) : card.credit;
    const credit = source ? ` ${sentence(source)}` : '';
    return `Trend ${card.position} of ${card.total} in ${card.series}: ${sentence(card.title)} ${shown}${credit}`;
  }
  const said = card.number && midSentence(card.number.label);
  const compared = card.number?.comparison ? `${said}, ${card.number.comparison}` : said;
  const number = card.number ? ` ${card.number.value} ${sentence(compared!)}` : '';
  // Several numbers read as a list: "83% increased the AI/ML budget; 57% say …".
  const numbers = card.numbers
    ? ` ${sentence(card.numbers.map((n) => `${n.value} ${midSentence(n.label)}`).join('; '))}`
    : '';
  // A chart is read out by its summary, which names the base: only the source line follows it.
  const chart = card.figure ? ` ${figureSummary(card.figure)}` : '';
  const source = card.credit?.slice(Math.max(0, card.credit.indexOf('Source:')));
  const credit =
    card.figure && source
      ? ` ${sentence(source)}`
      : (card.number || card.numbers) && card.credit
        ? ` ${sentence(card.credit)}`
        : '';
  const subtitle = card.subtitle ? ` ${sentence(card.subtitle)}` : '';
  // A card with no number or chart still names its source line, and the contents it lists.
  const plain = !card.figure && !card.number && !card.numbers && card.credit ? ` ${sentence(card.credit)}` : '';
  const contents = card.contents?.length
    ? ` Contents: ${sentence(card.contents.map((part) => part.replace(/^(\d+)\s+/, '$1. ')).join('; '))}`
    : '';
  return `${card.eyebrow}: ${sentence(card.title)}${subtitle}${number}${numbers}${chart}${credit}${plain}${contents}`;
}
