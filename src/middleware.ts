import { ActionError } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { loggedPath } from './gate/http/log.ts';
import { crossSiteForm, crossSiteMessage } from './gate/origin-check.ts';

/**
 * A cross-site form post (Origin not this site's) is refused here, with a log line saying why and a page
 * for the reader (src/gate/origin-check.ts; Astro's own check is off in astro.config.mjs).
 *
 * A body the Action route (or a page's `?_action=`) cannot read (malformed JSON, a stream cut off, one past the size limit) is the
 * client's mistake: answered 400 or 413 with the Action's JSON error and one log line, never a 500 with a
 * stack trace. Every other route passes straight through. (Nothing here imports content: middleware is
 * bundled into the server.)
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const rpc = context.url.pathname.startsWith('/_actions/');
  const crossSite = context.isPrerendered ? undefined : crossSiteForm(context.request, context.url);
  if (crossSite) {
    console.warn(crossSiteMessage(loggedPath(context.url.pathname), crossSite));
    if (rpc) {
      const refusal = new ActionError({ code: 'FORBIDDEN', message: 'Cross-site form posts are refused.' });
      return jsonError(refusal);
    }
    // The refusal page, in the site's design (without running this middleware again: it is still this post).
    // A path of this site: one leading slash, so that `//host/` can never become a link to another site.
    context.locals.formRefused = context.url.pathname.replace(/^[/\\]+/, '/');
    return next('/form-refused/');
  }
  // A page's form Action (`?_action=`) reads the body as the Action route does.
  const action = rpc || (context.request.method === 'POST' && context.url.searchParams.has('_action'));
  if (!action) return next();
  try {
    return await next();
  } catch (error) {
    // On a page, only a body that could not be read is the client's mistake; anything else is ours.
    if (!rpc && !unreadableBody(error)) throw error;
    const tooLarge = error instanceof Error && /size limit/i.test(error.message);
    const refusal = new ActionError({
      code: tooLarge ? 'CONTENT_TOO_LARGE' : 'BAD_REQUEST',
      message: tooLarge ? 'The request is too large.' : 'The request body could not be read.',
    });
    console.warn(`${context.url.pathname}: refused a body it could not read (${String(error).split('\n')[0]})`);
    return jsonError(refusal);
  }
});

/** An Action's error as the Action route answers it. */
function jsonError(refusal: ActionError): Response {
  return new Response(JSON.stringify({ ...refusal, message: refusal.message }), {
    status: refusal.status,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

/** An error of reading or parsing a request body: malformed JSON or form data, a body cut off or too large. */
function unreadableBody(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  return error instanceof Error && /size limit|body|form ?data|terminated|aborted/i.test(error.message);
}
