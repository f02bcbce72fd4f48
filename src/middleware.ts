import { ActionError } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';

/**
 * A body the Action route cannot read (malformed JSON, a stream cut off, one past the size limit) is the
 * client's mistake: answered 400 or 413 with the Action's JSON error and one log line, never a 500 with a
 * stack trace. Every other route passes straight through. (Nothing here imports content: middleware is
 * bundled into the server.)
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (!context.url.pathname.startsWith('/_actions/')) return next();
  try {
    return await next();
  } catch (error) {
    const tooLarge = error instanceof Error && /size limit/i.test(error.message);
    const refusal = new ActionError({
      code: tooLarge ? 'CONTENT_TOO_LARGE' : 'BAD_REQUEST',
      message: tooLarge ? 'The request is too large.' : 'The request body could not be read.',
    });
    console.warn(`${context.url.pathname}: refused a body it could not read (${String(error).split('\n')[0]})`);
    return new Response(JSON.stringify({ ...refusal, message: refusal.message }), {
      status: refusal.status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  }
});
