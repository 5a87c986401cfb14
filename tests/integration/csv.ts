import { expect } from 'vitest'

/** RFC 4180: fields separated by commas, records by CRLF; a quoted field may hold commas, CRLF and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') {
      expect(field, `a quote in the middle of an unquoted field at ${i}`).toBe('')
      quoted = true
    } else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    } else {
      expect(c, `a bare line break outside quotes at ${i}`).not.toMatch(/[\r\n]/)
      field += c
    }
  }
  expect(quoted, 'the file ends inside a quoted field').toBe(false)
  if (field !== '' || record.length) records.push([...record, field])
  return records
}
