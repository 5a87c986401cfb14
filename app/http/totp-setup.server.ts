import { renderSVG } from 'uqr'
import { totpKeyText, totpKeyUri } from '~/domain/accounts/second-factor'

/**
 * What the enrolment page shows for a key: the QR code an authenticator app scans (SVG, drawn on the server,
 * so no script or image request is needed) and the same key as text for typing in by hand.
 */
export function totpSetup(accountName: string, key: Uint8Array) {
  return {
    keyText: totpKeyText(key),
    qrSvg: renderSVG(totpKeyUri(accountName, key), { ecc: 'M', border: 2, pixelSize: 5 }),
  }
}
