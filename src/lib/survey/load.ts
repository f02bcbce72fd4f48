import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseQuestions, parseSurveyMeta, SurveyFileError, type Question, type SurveyMeta } from './questionnaire.ts';
import { parseResponses, type Responses } from './responses.ts';

/** A series' own survey, read from `content/series/<id>/survey/`: questionnaire, fielding facts, responses. */
export interface Survey {
  /** The folder, relative to the project root, for error messages. */
  dir: string;
  questions: Question[];
  meta: SurveyMeta;
  responses: Responses;
}

export const SURVEY_FILES = {
  questions: 'questions.yaml',
  meta: 'survey.yaml',
  responses: 'responses.csv',
} as const;

function read(path: string, file: string, why: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SurveyFileError(`${file}: is missing (${why})`);
    throw error;
  }
}

/**
 * Reads and checks a series' survey folder; a missing file is an error saying which figure needs it (`why`).
 * `root` is the project root: errors name files relative to it.
 */
export function loadSurvey(seriesDir: string, root: string, why: string): Survey {
  const dir = join(seriesDir, 'survey');
  const file = (name: string) => relative(root, join(dir, name));
  const texts = {
    questions: read(join(dir, SURVEY_FILES.questions), file(SURVEY_FILES.questions), why),
    meta: read(join(dir, SURVEY_FILES.meta), file(SURVEY_FILES.meta), why),
    responses: read(join(dir, SURVEY_FILES.responses), file(SURVEY_FILES.responses), why),
  };
  // Every reader of figures.json in one process (the collection, the downloads, the images) shares one
  // survey while its files are unchanged, and so the figures computed from it.
  const cached = loaded.get(dir);
  if (
    cached &&
    cached.root === root &&
    cached.texts.questions === texts.questions &&
    cached.texts.meta === texts.meta &&
    cached.texts.responses === texts.responses
  ) {
    return cached.survey;
  }
  const questions = parseQuestions(texts.questions, file(SURVEY_FILES.questions));
  const meta = parseSurveyMeta(texts.meta, file(SURVEY_FILES.meta), questions);
  const responses = parseResponses(texts.responses, file(SURVEY_FILES.responses), questions, meta.weights);
  const survey = { dir: relative(root, dir), questions, meta, responses };
  loaded.set(dir, { root, texts, survey });
  return survey;
}

/** The last survey read from each folder, with the texts it was read from. */
const loaded = new Map<
  string,
  { root: string; texts: { questions: string; meta: string; responses: string }; survey: Survey }
>();
