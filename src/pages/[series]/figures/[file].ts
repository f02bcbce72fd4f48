import type { APIRoute, GetStaticPaths } from 'astro';
import { getAllSeries } from '../../../data/series.ts';
import type { Figure } from '../../../lib/schema/figure.ts';
import { figureToCsv } from '../../../lib/csv.ts';

/** Every figure's data as a static CSV and JSON download: /<series>/figures/<id>.csv and .json */
export const getStaticPaths = (async () =>
  (await getAllSeries()).flatMap((series) =>
    series.figures.flatMap((figure) =>
      (['csv', 'json'] as const).map((format) => ({
        params: { series: series.id, file: `${figure.id}.${format}` },
        props: { figure, format },
      })),
    ),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ figure: Figure; format: 'csv' | 'json' }> = ({ props }) => {
  const { figure, format } = props;
  return format === 'csv'
    ? new Response(figureToCsv(figure), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
    : new Response(`${JSON.stringify(figure, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
