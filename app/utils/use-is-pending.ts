import { useFormAction, useNavigation, type Navigation } from '@remix-run/react'

export interface PendingOptions {
  /** The form's action; by default the action a `<Form>` without one posts to from here. */
  formAction?: string
  formMethod?: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE'
  /**
   * The `intent` the form posts (one of these, for a form whose buttons post several): where a page has several
   * forms posting to the same action, it tells this form's submission from the others'.
   */
  intent?: string | readonly string[]
  /** Further posted fields that must match, for one row's form among many with the same intent. */
  fields?: Readonly<Record<string, string>>
  /** `submitting` while the action runs; `non-idle` also while the page reloads its data after it. */
  state?: 'submitting' | 'loading' | 'non-idle'
}

/** Whether this navigation is the submission of the form that `options` describes. */
export function isPending(navigation: Navigation, options: PendingOptions & { formAction: string }): boolean {
  const { formAction, formMethod = 'POST', intent, fields = {}, state = 'submitting' } = options
  if (state === 'non-idle' ? navigation.state === 'idle' : navigation.state !== state) return false
  if (navigation.formAction !== formAction || navigation.formMethod !== formMethod) return false
  const posted = (name: string) => navigation.formData?.get(name)
  if (intent !== undefined) {
    const sent = posted('intent')
    if (typeof sent !== 'string' || !(typeof intent === 'string' ? [intent] : intent).includes(sent)) return false
  }
  return Object.entries(fields).every(([name, value]) => posted(name) === value)
}

/** True while this form (not any form on the page) is being submitted: disables its own buttons only. */
export function useIsPending(options: PendingOptions = {}): boolean {
  const contextualFormAction = useFormAction()
  return isPending(useNavigation(), { ...options, formAction: options.formAction ?? contextualFormAction })
}
