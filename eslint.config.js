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
      'app/reference/**/*.ts',
      'app/support/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A leading # starts a comment in these gitignore-style patterns: escaped.
              group: ['\\#controllers/*', '\\#middleware/*', '\\#exceptions/*', '\\#http/*'],
              message: 'Domain code must not import HTTP code (see docs/adr/0007-refusal-path.md).',
            },
            {
              group: [
                '@adonisjs/bodyparser',
                '@adonisjs/bodyparser/*',
                '@adonisjs/session',
                '@adonisjs/session/*',
                '@adonisjs/shield',
                '@adonisjs/shield/*',
              ],
              message: 'Domain code must not depend on HTTP body parsing, sessions or CSRF.',
            },
          ],
          paths: [
            {
              name: '@adonisjs/core/http',
              message: 'Domain code must not depend on the HTTP context.',
            },
            {
              name: '@adonisjs/core/bodyparser',
              message:
                'Domain code takes UploadedFile (#support/uploaded_file), not the body parser.',
            },
            {
              name: '@adonisjs/core/services/router',
              message: 'Domain code does not build URLs or routes.',
            },
          ],
        },
      ],
    },
  },
  {
    // Money (docs/architecture.md, 4b): every Decimal is made by the money helpers, so that it
    // carries the application's configuration (40 digits, half away from zero, no exponent).
    // Tests may build Decimals directly to state expected values.
    files: ['**/*.ts'],
    ignores: ['app/support/money.ts', 'tests/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Decimal'], CallExpression[callee.name='Decimal']",
          message:
            'Do not construct Decimal directly: use the helpers of #support/money (toMoney for database strings and numbers, moneyOrZero / moneyOrNull for nullable values, ZERO, sumMoney, roundCents; parseFrenchAmount or the frenchAmount() rule for amounts typed by people).',
        },
        {
          selector: "NewExpression[callee.name='Money'], CallExpression[callee.name='Money']",
          message:
            'Do not construct Money directly: use toMoney, moneyOrZero, moneyOrNull or ZERO from #support/money.',
        },
        {
          selector:
            "CallExpression[callee.object.name='Decimal'][callee.property.name=/^(abs|add|div|max|min|mul|random|sub|sum)$/]",
          message:
            'Decimal static helpers build values with the default Decimal configuration: use Money.min / Money.max or sumMoney from #support/money, or the instance methods of a Money value.',
        },
      ],
    },
  },
  {
    // Controllers validate, authorise, call one action or report, render or redirect
    // (docs/architecture.md, 4b): no database code, and short.
    files: ['app/controllers/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 80 }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@adonisjs/lucid/services/db',
              message: 'Controllers call an action or a report; queries live there.',
            },
          ],
          patterns: [
            {
              // A leading # starts a comment in these gitignore-style patterns: escaped.
              group: ['\\#models/*', '\\#database/*', '@adonisjs/lucid', '@adonisjs/lucid/*'],
              message: 'Controllers call an action or a report; models are queried there.',
            },
          ],
        },
      ],
    },
  }
)
