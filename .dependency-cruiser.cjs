/**
 * The layering rule of docs/architecture.md, checked by `npm test` (npm run deps):
 * http/ and cli/ → app/ → domain folders → core/ and store/; no import cycles anywhere.
 */
const DOMAIN = '^src/(privacy|policy|models|gateway|knowledge|tenancy|quota|usage|audit|eval)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Modules that import each other, directly or through others, cannot be understood or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-stays-below-app',
      severity: 'error',
      comment: 'Domain folders never import the application layer or the shells (http/, cli/).',
      from: { path: DOMAIN },
      to: { path: '^src/(app|http|cli)/' },
    },
    {
      name: 'core-and-store-at-the-bottom',
      severity: 'error',
      comment: 'core/ and store/ import nothing of jugwon above them.',
      from: { path: '^src/(core|store)/' },
      to: { path: '^src/', pathNot: '^src/(core|store)/' },
    },
    {
      name: 'app-below-the-shells',
      severity: 'error',
      comment: 'The application layer is what the shells call; it never imports them.',
      from: { path: '^src/app/' },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'http-is-not-cli',
      severity: 'error',
      comment: 'The HTTP layer never uses the command line.',
      from: { path: '^src/http/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'cli-starts-the-server-only',
      severity: 'error',
      comment: 'The CLI reaches the HTTP layer only to start the server (jugwon serve).',
      from: { path: '^src/cli/' },
      to: { path: '^src/http/', pathNot: '^src/http/server\\.ts$' },
    },
    {
      name: 'console-uses-only-shared-names',
      severity: 'error',
      comment: "The web console is its own program; of the server's code it shares only core/names.ts.",
      from: { path: '^console/' },
      to: { path: '^src/', pathNot: '^src/core/names\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
