/** A field people never see; software that fills every input fills it too. */
export const HONEYPOT_FIELD = 'hub_website'

export function isHoneypotFilled(formData: FormData) {
  const value = formData.get(HONEYPOT_FIELD)
  return typeof value === 'string' && value.length > 0
}
