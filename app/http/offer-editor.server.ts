import { z } from 'zod'
import { offerFormValues } from '~/domain/offers/form-values'
import { isOfferEditable } from '~/domain/offers/lifecycle'
import { assertCanOfferFor, createOffer, offerForReader, updateOffer, type OfferRow } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { urls } from '~/utils/urls'
import { editorAccess, type Editing } from './editor.server'

const access = editorAccess({
  mayWriteFor: assertCanOfferFor,
  read: offerForReader,
  stored: (found) => found.offer,
  editable: (offer) => isOfferEditable(offer.status),
  refusal: 'A closed offer cannot be edited.',
})

/** A member of an organisation that may offer support, writing a new offer. */
export const newOffer = access.forNew

/** The offering organisation's member editing its offer until it is closed. */
export const offerToEdit = access.toEdit

/** What the offer editor shows: a new offer starts from its organisation (its kind from the organisation's), an edit from the stored values. */
export async function offerEditorData(request: Request, editing: Editing<OfferRow>) {
  const { t, locale } = await requestTranslator(request)
  const options = vocabularyOptions(locale)
  if (editing.org) return { title: t('offers.newTitle'), start: { org: { name: editing.org.name, type: editing.org.type } }, options }
  return { title: t('offers.editTitle'), start: { id: editing.stored.id, values: offerFormValues(editing.stored) }, options }
}

const Intent = z.enum(['save', 'publish'])

/** Saves the editor's form: a new offer as a draft or published at once, an edited one as it stands. */
export async function saveOffer(request: Request, editing: Editing<OfferRow>) {
  const form = await parseForm(request, OfferSchema)
  if (!form.ok) return form.response
  const { user } = editing
  if (editing.stored) {
    const { id } = editing.stored
    const outcome = await attempt(form.submission, () => updateOffer(db, user, id, form.value))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(urls.offer(id), { key: 'offers.saved' })
  }
  const { org } = editing
  const intent = Intent.safeParse(form.formData.get('intent') ?? 'save')
  if (!intent.success) throw new Response((await requestTranslator(request)).t('errors.unknownIntent'), { status: 400 })
  const publish = intent.data === 'publish'
  const outcome = await attempt(form.submission, () => createOffer(db, user, org, form.value, publish))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.offer(outcome.value), { key: publish ? 'offers.publishedFlash' : 'offers.created' })
}
