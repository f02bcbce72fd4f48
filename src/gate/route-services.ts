import type { Services } from './services.ts';

/**
 * The services of the gate, for an on-demand route: the ones `npm start` made once for the process
 * (src/gate/gate.ts) and handed to Astro in `locals`. Under `astro dev`, which has no such server, one
 * set is opened on first use from the environment; a production bundle leaves that branch out, so it
 * holds no store code of its own.
 */
export function gateServices(locals: App.Locals): Services | Promise<Services> {
  if (locals.services) return locals.services;
  if (import.meta.env.DEV) {
    devServices ??= import('./gate.ts').then(({ openDevServices }) => openDevServices());
    // A failed start (say, the database is locked) is not kept: the next request tries again.
    devServices.catch(() => (devServices = undefined));
    return devServices;
  }
  throw new Error('The gate was not given its services: serve the built site with `npm start`.');
}

let devServices: Promise<Services> | undefined;
