/**
 * A stand-in for the editors' report structure, for build tests while the content has none: four parts
 * over the ML trends series (`report.parts` in series.yaml) and an executive summary (`placement: summary`)
 * with three figures. Numbers come only from <Stat>, as the content check requires.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_PARTS = `  parts:
    - title: Money and people keep flowing into machine learning
      summary: >-
        Budgets rose through a hard year, teams held, and the organizations that started early now run
        the most models. These four chapters show where the investment went.
      keyFigure: { figure: budget-growth, label: Increased the AI/ML budget }
      trends: [investment, teams, use-cases, early-adopters]
    - title: Governance, integration and alignment slow the work
      summary: >-
        The obstacles are organizational as much as technical: rules to follow, systems to connect and
        teams that do not agree on what comes first.
      keyFigure: { figure: governance-concern, label: "Rank governance, security and auditability as the top concern" }
      trends: [governance, integration, alignment]
    - title: Infrastructure leaders have a say
      summary: >-
        Priorities for machine learning are no longer set by data science alone: the people who run the
        infrastructure now sit at the table.
      keyFigure: { figure: io-decision-makers, label: Infrastructure and operations leaders }
      trends: [io-leaders]
    - title: Getting models into production takes too long
      summary: >-
        Deployment remains the slow step between a trained model and its use, and the report ties better
        results to tooling built for it.
      keyFigure: { figure: model-deployment-time, label: Need a month or longer to deploy a trained model }
      trends: [deployment, mlops]
`;

export const FIXTURE_SUMMARY = `---
title: The argument in brief
placement: summary
order: 1
---

Large organizations spent more on machine learning in 2020, not less: <Stat figure="budget-growth" label="Increased the AI/ML budget" /> raised the budget, against <Stat figure="budget-growth" label="Increased the AI/ML budget" previous /> a year earlier.

<Figure id="budget-growth" />

## Money is not the constraint

What holds the work back is governance and the plumbing between systems. <Stat figure="governance-concern" label="Rank governance, security and auditability as the top concern" /> rank governance, security and auditability as their first concern.

<Figure id="io-decision-makers" />

## Deployment is the slow step

Getting a trained model into use still takes a month or more for <Stat figure="model-deployment-time" label="Need a month or longer to deploy a trained model" /> of organizations.

<Figure id="model-deployment-time" />
`;

/**
 * Writes the fixture parts into a project's series.yaml (after `promise:`) and the summary section, where the
 * content has none of its own.
 */
export function addReportStructure(root: string, series = 'ml-trends-2021'): void {
  const file = join(root, 'content/series', series, 'series.yaml');
  const yaml = readFileSync(file, 'utf8');
  if (!yaml.includes('\n  parts:'))
    writeFileSync(file, yaml.replace(/(\n {2}promise: [^\n]*\n)/, `$1${FIXTURE_PARTS}`));
  const summary = join(root, 'content/series', series, 'report/summary.mdx');
  if (!existsSync(summary)) writeFileSync(summary, FIXTURE_SUMMARY);
}
