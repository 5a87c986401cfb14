import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The layers, each importing only the ones below it: routes and server → http → domain → utils and db; components
 * take from the domain only types and browser-safe modules; db imports nothing from app/. A pattern names a layer
 * both by its alias and by relative path.
 */
const layer = (...folders) => folders.flatMap((folder) => [`~/${folder}/**`, `**/${folder}/**`])
const forbid = (message, folders, options = {}) => ({ group: layer(...folders), message, ...options })
const restrict = (...patterns) => ['error', { patterns }]

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', '.data/', 'test-results/', 'playwright-report/', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Playwright fixtures call a function named `use`, which is not a React hook.
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['app/domain/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(forbid('The domain returns data or throws a DomainError; it never reaches up into the web layers.', ['components', 'routes', 'http', 'server', 'demo'])),
      'no-restricted-globals': [
        'error',
        { name: 'Response', message: 'The domain returns data or throws a DomainError; HTTP answers are built in app/http or the routes.' },
        { name: 'Headers', message: 'The domain returns data or throws a DomainError; HTTP answers are built in app/http or the routes.' },
      ],
    },
  },
  {
    files: ['app/utils/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(forbid('app/utils holds leaves: they import no domain, component, route or http code.', ['domain', 'components', 'routes', 'http', 'server', 'demo'])),
    },
  },
  {
    files: ['app/components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        forbid('Components receive data from routes; they never import routes, http or server code.', ['routes', 'http', 'server', 'demo']),
        { group: ['~/domain/**/*.server', '**/domain/**/*.server'], message: 'Components take only types from server modules of the domain.', allowTypeImports: true },
      ),
    },
  },
  {
    files: ['app/http/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(forbid('app/http serves the routes: it imports the domain, db and utils, never routes, components or server.', ['routes', 'components', 'server', 'demo'])),
    },
  },
  {
    files: ['app/demo/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(forbid('The demo data is an application of the domain: it never imports the web layers.', ['routes', 'components', 'http', 'server'])),
    },
  },
  {
    files: ['db/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({ group: ['~/**', '**/app/**'], message: 'db/ (schema, migrations, embedded PostgreSQL) imports nothing from app/.' }),
    },
  },
)
