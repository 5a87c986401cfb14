import { asc } from 'drizzle-orm'
import { objectives, principles } from '#db/schema/index'
import type { Db } from '~/utils/db.server'

export function listObjectives(db: Db) {
  return db
    .select({ number: objectives.number, shortTitle: objectives.shortTitle, title: objectives.title })
    .from(objectives)
    .orderBy(asc(objectives.number))
}

export function listPrinciples(db: Db) {
  return db.select({ code: principles.code, title: principles.title }).from(principles).orderBy(asc(principles.position))
}
