/**
 * The tests' own build of the app (never `build/`, so they never race `npm start`): the Vitest files that speak
 * HTTP to the Hub and the browser journeys serve it, and whoever finds it missing or older than the sources builds it.
 */
export const TEST_BUILD_DIR = '.data/test-build'
