import { PassThrough } from 'node:stream'
import { createElement as h } from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { withoutNulBytes } from './stream.server'

/** Renders many Chinese paragraphs the way entry.server.tsx does, through `through`, and returns the bytes. */
function render(through: () => NodeJS.ReadWriteStream) {
  const paragraphs = Array.from({ length: 300 }, (_, i) => h('p', { key: i }, '发布时间：移民与汇款数据分析'.slice(i % 7), h('span', null, 'x'), '印度尼西亚语'))
  return new Promise<Buffer>((resolve) => {
    const { pipe } = renderToPipeableStream(h('div', null, paragraphs), {
      onShellReady() {
        const body = through()
        const chunks: Buffer[] = []
        body.on('data', (chunk: Buffer) => chunks.push(chunk))
        body.on('end', () => resolve(Buffer.concat(chunks)))
        pipe(body as unknown as NodeJS.WritableStream)
      },
    })
  })
}

describe('the HTML stream', () => {
  it('React 18 alone leaves zero bytes inside multi-byte text (the bug worked around)', async () => {
    expect((await render(() => new PassThrough())).indexOf(0)).toBeGreaterThan(-1)
  })

  it('carries no zero byte, and the same text, once they are dropped', async () => {
    const html = await render(withoutNulBytes)
    expect(html.indexOf(0)).toBe(-1)
    expect(html.toString('utf8')).toContain('印度尼西亚语')
    expect(html.toString('utf8')).not.toContain('\uFFFD')
  })
})
