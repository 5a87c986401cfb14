/** A one-time message after a successful post, worded by the server in the reader's language. */
interface Flash {
  text: string
  tone: 'success' | 'info' | 'error'
}

const tones = {
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
  error: 'border-red-200 bg-red-50 text-red-900',
}

export function FlashMessage({ flash }: { flash: Flash }) {
  return (
    <div role="status" className={`mb-6 rounded-md border px-4 py-3 text-sm ${tones[flash.tone]}`}>
      {flash.text}
    </div>
  )
}
