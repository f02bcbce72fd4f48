import type { APIRoute } from 'astro';
import { currentSummary } from '../data/series-summary.ts';
import { site } from '../data/site.ts';
import { cardResponse } from '../integrations/social-images/index.ts';
import { homeCard, socialImagePath } from '../lib/social-image/cards.ts';

/** The home page's social image, /og.png: the site and the series it features. */
export const GET: APIRoute = () => cardResponse(homeCard(site, currentSummary()), socialImagePath('/'));
