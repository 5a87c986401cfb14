import { useTranslation } from '~/utils/i18n-react'
import { textDirection } from '~/utils/i18n'

/**
 * Horizontal positions for the server-drawn SVG charts, in percent of the width, mirrored on right-to-left
 * pages: bars grow from the right and labels sit on the right. Text anchors need no change, since SVG reads
 * `start` and `end` in the direction the page gives the text.
 */
export function useChartDirection() {
  const { i18n } = useTranslation()
  const rtl = textDirection(i18n.language) === 'rtl'
  return {
    rtl,
    /** A point `pct` percent from the start edge. */
    at: (pct: number) => `${rtl ? 100 - pct : pct}%`,
    /** The left edge of a span that starts `start` percent from the start edge and is `width` percent wide. */
    spanX: (start: number, width: number) => `${rtl ? 100 - start - width : start}%`,
    /** An offset in pixels towards the end edge. */
    towardsEnd: (px: number) => (rtl ? -px : px),
  }
}
