/**
 * Stops a loader or action with an error page when `condition` does not hold: 400 unless `init` says otherwise
 * (`{ status: 404 }` for what does not exist, so its existence is not revealed; 403 for what is forbidden).
 */
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) throw new Response(message, { status: 400, ...init })
}
