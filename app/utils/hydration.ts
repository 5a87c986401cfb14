/**
 * What a route module may declare in `export const handle` besides its strings: whether its page needs the
 * browser bundle. A page that works entirely without JavaScript (its links are links, its forms plain GET or POST
 * forms) says `hydrate: false`, or `hydrate: 'signed-in'` when only a signed-in reader's forms gain from it (the
 * pending states, the validation as one types). Loaded as a document, such a page is HTML and CSS only: no scripts,
 * no loader data repeated for the browser, nothing to hydrate. Reached by a client-side navigation from a page that
 * did hydrate, it renders as any other page.
 */
export interface HydrationHandle {
  hydrate?: boolean | 'signed-in'
}

/** Whether the page of these matched routes loads the browser bundle: unless one of them says it need not. */
export function pageHydrates(handles: readonly unknown[], { signedIn }: { signedIn: boolean }) {
  return handles.every((handle) => {
    const hydrate = (handle as HydrationHandle | undefined)?.hydrate ?? true
    return hydrate === 'signed-in' ? signedIn : hydrate
  })
}
