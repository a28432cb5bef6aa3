import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  { ignores: ['build/**', 'public/**', 'storage/**', 'tmp/**', 'database/schema.ts'] },
  // `(await query).rows` reads fine in SQL-heavy report code.
  { rules: { '@unicorn/no-await-expression-member': 'off' } },
  {
    // Domain code never depends on HTTP: controllers call it, not the other way round.
    files: [
      'app/models/**/*.ts',
      'app/reports/**/*.ts',
      'app/actions/**/*.ts',
      'app/imports/**/*.ts',
      'app/exports/**/*.ts',
      'app/reconciliation/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['#controllers/*', '#middleware/*'], message: 'Domain code must not import HTTP code.' },
          ],
          paths: [
            { name: '@adonisjs/core/http', message: 'Domain code must not depend on the HTTP context.' },
          ],
        },
      ],
    },
  }
)
