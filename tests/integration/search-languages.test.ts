import { beforeAll, describe, expect, test } from 'vitest'
import { requests } from '#db/schema/index'
import type { Organization } from '~/domain/organizations/organizations.server'
import { requestColumns } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { browse } from '~/domain/catalogue/browse.server'
import { browseQuery } from '~/domain/catalogue/filters'
import type { PublicRequest } from '~/domain/catalogue/items.server'
import { db } from '~/utils/db.server'
import { createOrganization, uniqueSuffix } from '../factories'

/*
 * Search in the six languages: Latin and Cyrillic scripts without regard to case and accents, Arabic whatever
 * its diacritics and letter variants, Chinese (written without spaces) by any run of two or more characters.
 */

let state: Organization
beforeAll(async () => {
  state = (await createOrganization({ type: 'state', country: 'MAR', status: 'verified', name: `Ministère ${uniqueSuffix()}` })).org
})

async function published(language: string, title: string, summary = 'Support sought to strengthen national capacities.') {
  const input = RequestSchema.parse({ title, summary, language, countries: ['MAR'], primaryObjective: 6, supportTypes: ['technical_assistance'], languages: [language] })
  const [row] = await db
    .insert(requests)
    .values({ ...requestColumns(input), organizationId: state.id, status: 'published', publishedAt: new Date() })
    .returning({ id: requests.id })
  return row!.id as string
}

const found = async (q: string) => (await browse<PublicRequest>(db, browseQuery('requests', { q }))).items.map((i) => i.id)

describe('search finds requests written in any of the six languages', () => {
  test('Chinese, by a two-character word inside a title, and by longer runs; title matches rank first', async () => {
    const id = await published('zh', '加强移民数据收集与分析能力')
    const inSummary = await published('zh', '区域合作项目', '支持各国统计部门开展移民数据工作')
    expect(await found('数据')).toContain(id)
    expect(await found('移民数据')).toContain(id)
    expect(await found('分析能力')).toContain(id)
    // Characters that are in the title, but not next to each other, are not a word of it.
    expect(await found('数移')).not.toContain(id)
    const ranked = await found('移民数据')
    expect(ranked.indexOf(id)).toBeLessThan(ranked.indexOf(inSummary))
  })

  test('Arabic, with and without diacritics, both ways, and whatever the alef and hamza', async () => {
    const voweled = await published('ar', 'تَعْزِيزُ حِمَايَةِ العُمَّالِ المُهَاجِرِينَ')
    const plain = await published('ar', 'دعم الأسر في مرحلة إعادة الإدماج')
    expect(await found('حماية العمال')).toContain(voweled)
    expect(await found('حِمَايَة')).toContain(voweled)
    expect(await found('الأُسَر')).toContain(plain)
    expect(await found('الاسر اعادة')).toContain(plain)
    expect(await found('ـدعـم')).toContain(plain)
  })

  test('Russian, by the start of a word and in any case', async () => {
    const id = await published('ru', 'Поддержка трудящихся мигрантов из Кыргызстана')
    expect(await found('мигрант')).toContain(id)
    expect(await found('МИГРАНТОВ')).toContain(id)
    expect(await found('кыргыз')).toContain(id)
  })

  test('Spanish and French, without their accents and in any case', async () => {
    const spanish = await published('es', 'Protección consular de personas migrantes')
    const french = await published('fr', 'Réintégration économique des personnes de retour')
    expect(await found('proteccion consular')).toContain(spanish)
    expect(await found('PROTECCIÓN')).toContain(spanish)
    expect(await found('reintegration economique')).toContain(french)
  })
})
