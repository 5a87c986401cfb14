import { create } from 'xmlbuilder2'
import { xmlText } from './xml'

/** An Atom 1.0 feed (RFC 4287) as plain values; `atomFeedXml` writes it. Every address is absolute. */

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom'
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8'
/** An empty feed's `updated`: fixed, so an empty search gives the same bytes (and ETag) on every request. */
export const EMPTY_FEED_UPDATED = new Date(0)

export interface AtomEntry {
  /** Never changes for the same item: its page's address. */
  id: string
  title: string
  /** The language the item is written in, which need not be the feed's. */
  language: string
  published: Date
  updated: Date
  link: string
  summary: string
  author: string
}

export interface AtomFeed {
  id: string
  title: string
  subtitle: string
  /** The reader's language, for the feed's own texts. */
  language: string
  self: string
  alternate: string
  entries: AtomEntry[]
}

/** Newest entry first is how the feed is read; `updated` is the newest entry's time. */
export function atomFeedXml(feed: AtomFeed) {
  const doc = create({ version: '1.0', encoding: 'UTF-8' })
  const latest = feed.entries.reduce((newest, e) => (e.updated > newest ? e.updated : newest), EMPTY_FEED_UPDATED)
  const root = doc.ele(ATOM_NAMESPACE, 'feed', { 'xml:lang': feed.language })
  root.ele('id').txt(feed.id)
  root.ele('title', { type: 'text' }).txt(xmlText(feed.title))
  root.ele('subtitle', { type: 'text' }).txt(xmlText(feed.subtitle))
  root.ele('updated').txt(latest.toISOString())
  root.ele('link', { rel: 'self', type: 'application/atom+xml', href: feed.self })
  root.ele('link', { rel: 'alternate', type: 'text/html', href: feed.alternate })
  root.ele('generator').txt('Connection Hub')
  for (const e of feed.entries) {
    const entry = root.ele('entry', { 'xml:lang': e.language })
    entry.ele('id').txt(e.id)
    entry.ele('title', { type: 'text' }).txt(xmlText(e.title))
    entry.ele('published').txt(e.published.toISOString())
    entry.ele('updated').txt(e.updated.toISOString())
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: e.link })
    entry.ele('summary', { type: 'text' }).txt(xmlText(e.summary).trim())
    entry.ele('author').ele('name').txt(xmlText(e.author))
  }
  return doc.end({ prettyPrint: true })
}
