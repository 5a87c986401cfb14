import { requestTranslator } from '~/utils/i18n.server'
import { readForm } from './forms.server'

/**
 * Runs the handler that a form's `intent` names, with `args`. Only the handlers' own keys count: `__proto__`,
 * `valueOf` or `constructor` name nothing here, so they get the same 400 as any other unknown intent instead of
 * reaching Object.prototype. The intent is read from a copy of the request, so the handler can read the body
 * in its own way (multipart included).
 */
export async function dispatchIntent<Handler extends (...args: never[]) => unknown>(
  request: Request,
  handlers: Readonly<Record<string, Handler>>,
  ...args: Parameters<Handler>
): Promise<Awaited<ReturnType<Handler>>> {
  const intent = (await readForm(request.clone())).get('intent')
  const handler = typeof intent === 'string' && Object.hasOwn(handlers, intent) ? handlers[intent] : undefined
  if (!handler) {
    const { t } = await requestTranslator(request)
    throw new Response(t('errors.unknownIntent'), { status: 400 })
  }
  return (await handler(...args)) as Awaited<ReturnType<Handler>>
}
