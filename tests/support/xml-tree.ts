import { create } from 'xmlbuilder2'

/** An XML element read back as a plain tree: what the open-data tests assert on (the IATI file, the Atom feeds). */
export interface XmlNode {
  name: string
  namespace: string | null
  attributes: Record<string, string>
  /** Element children only (this DOM's `children` lists every descendant). */
  children: XmlNode[]
  text: string
}

/** Parses a document into a plain tree; xmlbuilder2 refuses one that is not well-formed. */
export function parseXmlTree(xml: string): XmlNode {
  const walk = (element: Element): XmlNode => ({
    name: element.localName,
    namespace: element.namespaceURI,
    attributes: Object.fromEntries(Array.from(element.attributes).map((a) => [a.name, a.value])),
    children: Array.from(element.childNodes)
      .filter((n): n is Element => n.nodeType === 1)
      .map(walk),
    text: element.textContent ?? '',
  })
  return walk(create(xml).root().node as unknown as Element)
}

/** The element children of `node` named `name`. */
export const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name)
