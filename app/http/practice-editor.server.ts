import { z } from 'zod'
import { practiceFormValues } from '~/domain/practices/form-values'
import { isPracticeEditable } from '~/domain/practices/lifecycle'
import { assertCanShareFor, createPractice, practiceForReader, updatePractice, type PracticeRow } from '~/domain/practices/practices.server'
import { PracticeSchema } from '~/domain/practices/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { urls } from '~/utils/urls'
import { editorAccess, type Editing } from './editor.server'

const access = editorAccess({
  mayWriteFor: assertCanShareFor,
  read: practiceForReader,
  stored: (found) => found.practice,
  editable: (practice) => isPracticeEditable(practice.status),
  refusal: 'This practice can no longer be edited.',
})

/** A member of an organisation that may share practices, writing a new one. */
export const newPractice = access.forNew

/** Only the submitting organisation's members edit, and only a draft or a returned practice. */
export const practiceToEdit = access.toEdit

/** What the practice editor shows; a returned practice also shows the secretariat's comment. */
export async function practiceEditorData(request: Request, editing: Editing<PracticeRow>) {
  const { t, locale } = await requestTranslator(request)
  const all = vocabularyOptions(locale)
  const options = { objectives: all.objectives.map(({ number, shortTitle }) => ({ number, shortTitle })), principles: all.principles, countries: all.countries, languages: all.languages }
  if (editing.org) return { title: t('practices.new.title'), start: { org: { name: editing.org.name, country: editing.org.country } }, options }
  const p = editing.stored
  return {
    title: t('practices.edit.title'),
    start: { id: p.id, values: practiceFormValues(p), reviewComment: p.status === 'returned' ? p.reviewComment : null },
    options,
  }
}

const Intent = z.enum(['save', 'submit'])

/** Saves the editor's form, as a draft or submitted for review. */
export async function savePractice(request: Request, editing: Editing<PracticeRow>) {
  const form = await parseForm(request, PracticeSchema)
  if (!form.ok) return form.response
  const { user } = editing
  const intent = Intent.safeParse(form.formData.get('intent') ?? 'save')
  if (!intent.success) {
    throw new Response(editing.stored ? 'Choose to save the changes or to submit them.' : 'Choose to save the draft or to submit it.', { status: 400 })
  }
  const submit = intent.data === 'submit'
  const options = { submit, origin: publicOrigin() }
  if (editing.stored) {
    const { id } = editing.stored
    const outcome = await attempt(form.submission, () => updatePractice(db, user, id, form.value, options))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(urls.practice(id), { key: submit ? 'practices.flash.submitted' : 'practices.flash.saved' })
  }
  const { org } = editing
  const outcome = await attempt(form.submission, () => createPractice(db, user, org, form.value, options))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.practice(outcome.value), { key: submit ? 'practices.flash.submitted' : 'practices.flash.created' })
}
