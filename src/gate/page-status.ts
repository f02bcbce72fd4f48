import { STATUS_CODES } from 'node:http';

/**
 * Sets an on-demand page's status with its standard reason phrase. Astro keeps "OK" (or, after an
 * Action, the error's type) as the status text unless a page sets one: "403 OK" otherwise.
 */
export function setStatus(response: { status?: number; statusText?: string }, status: number): void {
  response.status = status;
  response.statusText = STATUS_CODES[status] ?? '';
}
