/**
 * One instance per process, even when the Remix server bundle and the start script each load this module
 * (they are separate module graphs that share `globalThis`).
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __hubSingletons?: Map<string, unknown> }
  store.__hubSingletons ??= new Map()
  if (!store.__hubSingletons.has(name)) store.__hubSingletons.set(name, create())
  return store.__hubSingletons.get(name) as T
}

export function dropSingleton(name: string) {
  const store = globalThis as unknown as { __hubSingletons?: Map<string, unknown> }
  store.__hubSingletons?.delete(name)
}

/** The instance if one was made, without making it. */
export function existingSingleton<T>(name: string): T | undefined {
  const store = globalThis as unknown as { __hubSingletons?: Map<string, unknown> }
  return store.__hubSingletons?.get(name) as T | undefined
}
