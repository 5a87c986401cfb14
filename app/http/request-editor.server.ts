import { z } from 'zod'
import { requestFormValues } from '~/domain/requests/form-values'
import { isRequestEditable } from '~/domain/requests/lifecycle'
import { assertCanDraftFor, createRequest, requestForReader, transitionRequest, updateRequest, type RequestRow } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { urls } from '~/utils/urls'
import { editorAccess, type Editing } from './editor.server'

const access = editorAccess({
  mayWriteFor: assertCanDraftFor,
  read: requestForReader,
  stored: (found) => found.request,
  editable: (request) => isRequestEditable(request.status),
  refusal: 'This request can no longer be edited.',
})

/** A member of an organisation that may ask for support, writing a new request. */
export const newRequest = access.forNew

/** The requesting State's member editing its request while nobody else is looking at it. */
export const requestToEdit = access.toEdit

/** What the request editor shows: a new request starts from its organisation, an edit from the stored values. */
export async function requestEditorData(request: Request, editing: Editing<RequestRow>) {
  const { t, locale } = await requestTranslator(request)
  const options = vocabularyOptions(locale)
  if (editing.org) return { title: t('requests.newTitle'), start: { org: { name: editing.org.name, country: editing.org.country } }, options }
  return { title: t('requests.editTitle'), start: { id: editing.stored.id, values: requestFormValues(editing.stored) }, options }
}

const Intent = z.object({ intent: z.enum(['save', 'submit']).default('save') })

/** Saves the editor's form: a new request as a draft or submitted for screening, an edited one as it stands. */
export async function saveRequest(request: Request, editing: Editing<RequestRow>) {
  const form = await parseForm(request, RequestSchema)
  if (!form.ok) return form.response
  const { user } = editing
  if (editing.stored) {
    const { id } = editing.stored
    const outcome = await attempt(form.submission, () => updateRequest(db, user, id, form.value))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(urls.request(id), { key: 'requests.saved' })
  }
  const { org } = editing
  const parsedIntent = Intent.safeParse({ intent: form.formData.get('intent') ?? undefined })
  if (!parsedIntent.success) throw new Response('Choose to save the draft or to submit it.', { status: 400 })
  const { intent } = parsedIntent.data
  const outcome = await attempt(form.submission, async () => {
    const id = await createRequest(db, user, org, form.value)
    if (intent === 'submit') await transitionRequest(db, user, id, 'submit', { origin: publicOrigin() })
    return id
  })
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.request(outcome.value), { key: intent === 'submit' ? 'requests.submitted' : 'requests.created' })
}
