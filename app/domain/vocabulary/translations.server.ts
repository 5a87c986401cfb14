import objectiveData from '#db/vocabulary/objectives.json' with { type: 'json' }
import principleData from '#db/vocabulary/principles.json' with { type: 'json' }
import arabic from '#db/vocabulary/translations/ar.json' with { type: 'json' }
import spanish from '#db/vocabulary/translations/es.json' with { type: 'json' }
import french from '#db/vocabulary/translations/fr.json' with { type: 'json' }
import russian from '#db/vocabulary/translations/ru.json' with { type: 'json' }
import chinese from '#db/vocabulary/translations/zh.json' with { type: 'json' }
import { isLanguage, type Language } from '~/utils/i18n'

/**
 * The Compact's vocabulary in the six languages. English (db/vocabulary/objectives.json, principles.json) is the
 * source; db/vocabulary/translations/<language>.json holds each other language and says, per objective title and
 * principle name, whether the text is the Compact's official one (`official`) or the Hub's translation (`hub`).
 * Short titles, commitments and action summaries are the Hub's own wording in every language.
 */
export type TextSource = 'official' | 'hub'

interface TranslationFile {
  language: string
  sources: { official: string; hub: string }
  objectives: Record<string, { title: string; titleSource: string; shortTitle: string; commitments: string[] }>
  actions: Record<string, string>
  principles: Record<string, { title: string; source: string }>
}

export interface ObjectiveText {
  number: number
  title: string
  titleSource: TextSource
  shortTitle: string
  commitments: string[]
}

export interface Vocabulary {
  language: Language
  objectives: ObjectiveText[]
  objective: (n: number) => ObjectiveText | undefined
  action: (code: string) => string | undefined
  principle: (code: string) => { title: string; source: TextSource } | undefined
}

const asSource = (value: string): TextSource => (value === 'official' ? 'official' : 'hub')

function english(): Vocabulary {
  const objectives = objectiveData.map((o) => ({ number: o.number, title: o.title, titleSource: 'official' as const, shortTitle: o.shortTitle, commitments: o.commitments }))
  const actions = new Map(objectiveData.flatMap((o) => o.actions.map((a) => [a.code, a.text] as const)))
  const principles = new Map(principleData.map((p) => [p.code, { title: p.title, source: 'official' as const }]))
  const byNumber = new Map(objectives.map((o) => [o.number, o]))
  return { language: 'en', objectives, objective: (n) => byNumber.get(n), action: (c) => actions.get(c), principle: (c) => principles.get(c) }
}

/** Another language over English: anything a file lacks is shown in English rather than not at all. */
function translated(language: Language, file: TranslationFile, base: Vocabulary): Vocabulary {
  const objectives = base.objectives.map((o) => {
    const t = file.objectives[String(o.number)]
    return t ? { number: o.number, title: t.title, titleSource: asSource(t.titleSource), shortTitle: t.shortTitle, commitments: t.commitments } : o
  })
  const byNumber = new Map(objectives.map((o) => [o.number, o]))
  return {
    language,
    objectives,
    objective: (n) => byNumber.get(n),
    action: (code) => file.actions[code] ?? base.action(code),
    principle: (code) => {
      const p = file.principles[code]
      return p ? { title: p.title, source: asSource(p.source) } : base.principle(code)
    },
  }
}

const source = english()
const files: Partial<Record<Language, TranslationFile>> = { ar: arabic, es: spanish, fr: french, ru: russian, zh: chinese }
const vocabularies = new Map<Language, Vocabulary>([['en', source]])
for (const [language, file] of Object.entries(files) as [Language, TranslationFile][]) vocabularies.set(language, translated(language, file, source))

/** The vocabulary in the reader's language (English for any other). */
export const vocabularyIn = (language: string): Vocabulary => vocabularies.get(isLanguage(language) ? language : 'en') ?? source

/** Where a language's official texts come from, as its file records it. */
export const officialSourceOf = (language: string) => (isLanguage(language) ? files[language]?.sources.official : undefined)

/** An objective's short title in the reader's language. */
export const objectiveTitleIn = (n: number, language: string) => vocabularyIn(language).objective(n)?.shortTitle ?? String(n)
