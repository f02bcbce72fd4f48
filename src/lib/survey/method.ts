import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, RATIO_RESAMPLES, scaleLabel } from './compute.ts';
import type { Survey } from './load.ts';
import { askedText, type Question } from './questionnaire.ts';

/**
 * What the sources page of a series built on its own responses prints: how each number is computed from the
 * responses (the method), and the questionnaire as it was asked, numbered Q1…Qn as the source lines cite it.
 */

export interface MethodItem {
  term: string;
  text: string;
}

/**
 * How the survey's numbers and their 95% intervals are computed, and what is withheld. `ratios`: some figure
 * states how many times one group's value is another's (`"ratio"`), whose interval has a method of its own.
 */
export function surveyMethod(survey: Survey, options: { ratios?: boolean; tails?: boolean } = {}): MethodItem[] {
  const { minimumN, weights } = survey.meta;
  const merges = survey.meta.segments.flatMap((segment) =>
    Object.entries(segment.merge ?? {}).map(([label, answers]) => {
      const question = survey.questions.find((q) => q.id === segment.question);
      const names = answers.map((a) => question?.options?.find((o) => o.value === a)?.label ?? a);
      // The answers quoted as the questionnaire words them, apart from the group's own label: "“Asia-Pacific and
      // elsewhere” counts the answers “Asia-Pacific” and “Elsewhere” together" (not "(Asia-Pacific and Elsewhere)").
      const quoted = names.map((name) => `“${name}”`);
      return `“${label}” counts the answers ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)} together`;
    }),
  );
  const bootstrap = `a 95% percentile bootstrap interval: ${BOOTSTRAP_RESAMPLES.toLocaleString('en')} resamples of the respondents, drawn by a generator with a fixed seed (seed ${BOOTSTRAP_SEED}), so every build gives the same bounds.`;
  return [
    {
      term: 'Shares',
      text: 'The share of those who answered a question who chose each answer (on a multiple-choice question the shares add to more than 100%), and the share choosing the top two points of a scale. Each has a 95% Wilson score interval, over the effective sample size where respondents are weighted.',
    },
    {
      term: 'Means, medians and quartiles',
      text: `Of a number or a scale, each with ${bootstrap} Where the answers are whole numbers, such as whole days, every percentile (the median, the quartiles, the 10th and the 90th alike) is a whole number too, and so is each end of its interval: an end can equal the value itself.`,
    },
    ...(options.ratios
      ? [
          {
            term: 'Ratios between groups',
            text: `How many times one group’s value is another’s (“about three times as high”), with a 95% percentile bootstrap interval of the ratio itself: ${RATIO_RESAMPLES.toLocaleString('en')} times, each group’s respondents are resampled on their own and the ratio of the two values taken, by a generator with the same fixed seed (seed ${BOOTSTRAP_SEED}). A ratio takes more resamples than a mean (${BOOTSTRAP_RESAMPLES.toLocaleString('en')}): its upper bound comes from a long tail, which fewer resamples leave unsteady from one seed to another.`,
          },
        ]
      : []),
    ...(options.tails
      ? [
          {
            term: 'Share held by the slowest',
            text: `Of a number: the respondents whose answer is at or above a percentile (the 90th: the slowest tenth), ties included, as a share of those who answered, and the sum of their answers as a share of the sum of all answers (“their share of all days”). Each has ${bootstrap.replace(/\.$/, '')}; each resample finds its own percentile before the shares are taken.`,
          },
        ]
      : []),
    {
      term: 'Net Promoter Score',
      text: 'Of a 0–10 scale: the percentage of promoters (9–10) minus the percentage of detractors (0–6), from −100 to +100. Its 95% interval is the normal-approximation interval of the mean of promoter (+1), passive (0) and detractor (−1) scores.',
    },
    {
      term: 'What the intervals cover',
      text: 'Sampling noise only: how far a value could move if another sample of the same size had answered. They do not allow for who chose to answer. A survey that people opt into hears from those who chose to take part, who may differ from those who did not, and no interval measures that.',
    },
    {
      term: 'Base',
      text: 'Each figure counts those who answered its question, of those who were asked it: a question with a skip rule was asked only of those whose earlier answer qualified (see “Asked” below).',
    },
    {
      term: 'Small groups',
      text: `A group (a role, a company size, a region) with fewer than ${minimumN} answers to a question gets no value for it anywhere: its interval would be too wide to say anything, and a small group comes close to naming people. Where exactly one group of a breakdown is that small, the next smallest group is withheld too (complementary suppression): otherwise the total and the other groups would give its value by subtraction.`,
    },
    ...(merges.length > 0
      ? [
          {
            term: 'Merged groups',
            text: `Some answers are published as one group rather than apart, so that a small one is not withheld: ${merges.join('; ')}.`,
          },
        ]
      : []),
    {
      term: 'Weights',
      text: survey.responses.weighted
        ? `Each respondent counts by their weight (the “${weights ?? 'weight'}” column of the responses); intervals use the Kish effective sample size, smaller than the number who answered.`
        : 'None: every respondent counts once.',
    },
  ];
}

export interface QuestionItem {
  /** "Q4". */
  number: string;
  wording: string;
  /** "Single choice", "Scale from 1 (Very dissatisfied) to 5 (Very satisfied)", "Free text: …". */
  type: string;
  /** The answers offered, in order; none for a number, a scale or free text. */
  options: string[];
  /** "everyone", or who a skip rule asked. */
  asked: string;
}

function typeText(question: Question): string {
  switch (question.type) {
    case 'single':
      return 'Single choice';
    case 'multiple':
      return 'Multiple choice: any number of answers';
    case 'scale': {
      const { min, max } = question.scale!;
      const end = (point: number) => {
        const label = scaleLabel(question, point);
        return label === String(point) ? String(point) : `${point} (${label})`;
      };
      return `Scale from ${end(min)} to ${end(max)}`;
    }
    case 'number':
      if (question.unit === 'currency') return `Number: an amount in ${question.currency ?? 'a currency'}`;
      return question.unit === 'days' ? 'Number of days' : 'Number: a count';
    case 'text':
      return 'Free text: the answers are not published';
  }
}

/** The questionnaire, in order, as the sources page lists it. */
export function surveyQuestionnaire(survey: Survey): QuestionItem[] {
  return survey.questions.map((question) => {
    const who = askedText(question, survey.questions);
    return {
      number: `Q${question.number}`,
      wording: question.wording,
      type: typeText(question),
      options: question.type === 'single' || question.type === 'multiple' ? question.options!.map((o) => o.label) : [],
      asked: who ? `those who answered ${who.replace(/^(Q\d+) (.*)$/, '$2 to $1')}` : 'everyone',
    };
  });
}
