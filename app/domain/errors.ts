/** A rule of the domain said no. Routes turn it into a 4xx with the message shown to the user. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 422 | 429 = 400,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const forbidden = (message = 'You do not have permission to do that.') =>
  new DomainError('forbidden', message, 403)
export const notFound = (message = 'Not found.') => new DomainError('not_found', message, 404)
