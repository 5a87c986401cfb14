import type { OfferId } from '#db/schema/index'
import { offerFormValues } from '~/domain/offers/form-values'
import { isOfferEditable } from '~/domain/offers/lifecycle'
import { assertCanOfferFor, createOffer, offerForReader, updateOffer, type OfferRow } from '~/domain/offers/offers.server'
import { OfferSchema } from '~/domain/offers/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { idParam } from '~/http/project-access.server'
import { requireUser } from '~/http/session.server'
import { editableOrErrorPage, writingFor, type Editing } from './editor.server'
import { urls } from '~/utils/urls'

/** A member of an organisation that may offer support, writing a new offer. */
export const newOffer = (request: Request, slug: string | undefined): Promise<Editing<OfferRow>> =>
  writingFor(request, slug, (user, org) => assertCanOfferFor(db, user, org))

/** The offering organisation's member editing its offer until it is closed. */
export async function offerToEdit(request: Request, rawId: string | undefined): Promise<Editing<OfferRow>> {
  const user = await requireUser(request)
  const found = await offerForReader(db, user, idParam<OfferId>(rawId))
  const { offer: stored } = editableOrErrorPage(found, (f) => isOfferEditable(f.offer.status), 'A closed offer cannot be edited.')
  return { user, stored }
}

/** What the offer editor shows: a new offer starts from its organisation (its kind from the organisation's), an edit from the stored values. */
export async function offerEditorData(request: Request, editing: Editing<OfferRow>) {
  const { t, locale } = await requestTranslator(request)
  const options = vocabularyOptions(locale)
  if (editing.org) return { title: t('offers.newTitle'), start: { org: { name: editing.org.name, type: editing.org.type } }, options }
  return { title: t('offers.editTitle'), start: { id: editing.stored.id, values: offerFormValues(editing.stored) }, options }
}

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
  const publish = form.formData.get('intent') === 'publish'
  const outcome = await attempt(form.submission, () => createOffer(db, user, org, form.value, publish))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.offer(outcome.value), { key: publish ? 'offers.publishedFlash' : 'offers.created' })
}
