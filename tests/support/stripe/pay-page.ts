/** The hosted payment page a donor's browser is sent to: plain, accessible HTML with a fake card. */
import { formatAmount, type SessionObject } from './objects'
import { type LineItem } from './session-params'

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const STYLE = `
  body { font: 1rem/1.5 system-ui, sans-serif; color: #111; background: #fff; margin: 0; }
  main { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { font: inherit; padding: 0.5rem; width: 100%; box-sizing: border-box; border: 1px solid #555; }
  button { font: inherit; margin-top: 1rem; padding: 0.5rem 1.5rem; color: #fff; background: #0b5394; border: 0; }
  a { color: #0b5394; margin-left: 1rem; }
`

function layout(body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test payment</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Test payment</h1>
${body}
</main>
</body>
</html>`
}

export function payPage(session: SessionObject, items: readonly LineItem[]): string {
  const currency = session.currency ?? 'usd'
  const total = formatAmount(session.amount_total ?? 0, currency)
  if (session.status !== 'open') {
    return layout(`<p>This payment session is no longer open (it is ${escape(String(session.status))}).</p>`)
  }
  const lines = items
    .map((item) => {
      const quantity = item.quantity > 1 ? ` × ${item.quantity}` : ''
      return `<li>${escape(item.name)}${quantity}: ${escape(formatAmount(item.unitAmount * item.quantity, currency))}</li>`
    })
    .join('\n')
  const cancel = session.cancel_url ? `<a href="${escape(session.cancel_url)}">Cancel</a>` : ''
  return layout(`<p>This is a test payment page. No real money moves.</p>
<ul>
${lines}
</ul>
<p>Total: <strong>${escape(total)}</strong> (${escape(currency.toUpperCase())})</p>
<form method="post" action="/pay/${escape(session.id)}">
<label for="card-number">Card number</label>
<input id="card-number" name="card_number" inputmode="numeric" autocomplete="off" value="4242 4242 4242 4242">
<button type="submit">Pay</button>${cancel}
</form>`)
}

/** Shown after paying when the session has no success_url to return to. */
export function paidPage(session: SessionObject): string {
  const total = formatAmount(session.amount_total ?? 0, session.currency ?? 'usd')
  return layout(`<p>Payment of ${escape(total)} complete.</p>`)
}
