import { useTranslation } from 'react-i18next'

interface Flash {
  key: string
  values?: Record<string, string>
  tone: 'success' | 'info' | 'error'
}

const tones = {
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  info: 'border-sky-200 bg-sky-50 text-sky-900',
  error: 'border-red-200 bg-red-50 text-red-900',
}

export function FlashMessage({ flash }: { flash: Flash }) {
  const { t } = useTranslation()
  return (
    <div role="status" className={`mb-6 rounded-md border px-4 py-3 text-sm ${tones[flash.tone]}`}>
      {t(flash.key, flash.values)}
    </div>
  )
}
