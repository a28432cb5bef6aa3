import type { Permission } from '#policies/role_matrix'
import { DEFAULT_API_RATE_LIMIT } from '#http/api/rate_limit'
import { codesOf } from '#vocabulary/labels'
import { CHECK_STATUSES } from '#vocabulary/reconciliation'

/**
 * The OpenAPI 3.1 description of the JSON API, written by hand as a typed object and served at
 * GET /api/v1/openapi.json. `tests/functional/api/openapi.spec.ts` checks that it lists exactly
 * the /api/v1 routes of the router, each with the permission its route declares.
 *
 * The description is public (no token): it says what the routes are, which any copy of the
 * source code says too, and nothing of any organisation; a script or a client generator reads
 * it before it has a token, and a network's developers can read it without an account.
 */

type Schema = Record<string, unknown>

interface Parameter {
  name: string
  in: 'query' | 'path' | 'header'
  required: boolean
  description: string
  schema: Schema
}

interface Operation {
  'operationId': string
  'summary': string
  'description': string
  'tags': string[]
  'security': Array<Record<string, string[]>>
  /** The role matrix permission the route declares (app/policies/role_matrix.ts). */
  'x-permission'?: Permission
  'parameters'?: Parameter[]
  'responses': Record<string, Response | { $ref: string }>
}

interface Response {
  description: string
  content?: Record<string, { schema: Schema }>
}

export interface OpenApiDocument {
  openapi: '3.1.0'
  info: { title: string; version: string; description: string }
  servers: Array<{ url: string }>
  tags: Array<{ name: string; description: string }>
  paths: Record<string, { get: Operation }>
  components: {
    securitySchemes: Record<string, Schema>
    schemas: Record<string, Schema>
    responses: Record<string, { description: string; content: Record<string, { schema: Schema }> }>
  }
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: Schema) => ({ 'application/json': { schema } })
const amount = { $ref: '#/components/schemas/Amount' }
const decimal = { $ref: '#/components/schemas/Decimal' }
const nullable = (schema: Schema) => ({ oneOf: [schema, { type: 'null' }] })
const object = (properties: Record<string, Schema>, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
})
const amounts = (...names: string[]) =>
  object(Object.fromEntries(names.map((name) => [name, amount])))

const annee: Parameter = {
  name: 'annee',
  in: 'query',
  required: true,
  description: 'Année de clôture de l’exercice (2023 pour l’exercice clos le 31/12/2023).',
  schema: { type: 'integer', minimum: 2000, maximum: 2100 },
}

const refusals = {
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
  '429': { $ref: '#/components/responses/TooManyRequests' },
}
const yearRefusals = {
  ...refusals,
  '404': { $ref: '#/components/responses/NotFound' },
  '422': { $ref: '#/components/responses/Invalid' },
}

function read(
  operationId: string,
  tag: string,
  permission: Permission,
  summary: string,
  description: string,
  schema: string,
  parameters: Parameter[] = [annee]
): { get: Operation } {
  return {
    get: {
      operationId,
      summary,
      'description': `${description}\n\nPermission : \`${permission}\` (matrice des rôles).`,
      'tags': [tag],
      'security': [{ jeton: [] }],
      'x-permission': permission,
      ...(parameters.length ? { parameters } : {}),
      'responses': {
        '200': { description: 'Réponse', content: json(ref(schema)) },
        ...(parameters.length ? yearRefusals : refusals),
      },
    },
  }
}

const error = object({ error: { type: 'string' }, field: { type: 'string' } }, ['error'])
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) })

const fiscalYear = object({
  id: { type: 'integer' },
  label: { type: 'string' },
  annee: { type: 'integer' },
  start_date: { type: 'string', format: 'date' },
  end_date: { type: 'string', format: 'date' },
  status: { type: 'string', enum: ['open', 'closed'] },
})

const statementLine = object({
  code: { type: 'string' },
  label: { type: 'string' },
  section: { type: 'string' },
  kind: { type: 'string' },
  level: { type: 'integer' },
  amounts: {
    type: 'object',
    description:
      'Compte de résultat et passif : n, n1, budget, variance, variance_percent. Actif du bilan : brut, amortissements_provisions, n, n1.',
    additionalProperties: nullable(amount),
  },
})

const statement = object(
  {
    fiscal_year: ref('FiscalYear'),
    kind: { type: 'string', enum: ['income_statement', 'balance_sheet'] },
    layout: { type: 'string' },
    previous_year: nullable({ type: 'string' }),
    budget: nullable({ type: 'string' }),
    result: object({ n: amount, n1: amount }),
    lines: { type: 'array', items: ref('StatementLine') },
    balanced: { type: 'boolean', description: 'Bilan seulement : actif = passif.' },
  },
  ['fiscal_year', 'kind', 'layout', 'result', 'lines']
)

const trialBalanceAmounts = [
  'opening_debit',
  'opening_credit',
  'movement_debit',
  'movement_credit',
  'closing_debit',
  'closing_credit',
]

export function openApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Socle : API de lecture',
      version: '1',
      description: [
        'Lecture seule des états d’une organisation, par exercice, pour les scripts et le réseau.',
        'Authentification : un jeton d’accès personnel (page « Jetons d’accès » du compte) dans l’en-tête `Authorization: Bearer socle_…`. Un jeton vaut pour une organisation et les rôles que son titulaire y détenait à sa création (et détient encore) ; il peut expirer et être révoqué. Le cookie de session n’est jamais accepté.',
        `Limite : ${DEFAULT_API_RATE_LIMIT} appels par minute et par jeton par défaut (réponse 429 au-delà, avec Retry-After).`,
        'Montants : chaînes décimales à deux décimales ("1234.50"), jamais des nombres à virgule flottante. Erreurs : JSON `{ "error": "…" }` en français.',
      ].join('\n\n'),
    },
    servers: [{ url: '/api/v1' }],
    tags: [
      { name: 'compte', description: 'Le jeton et son organisation' },
      { name: 'comptabilite', description: 'Exercices, états financiers, balance générale' },
      { name: 'activite', description: 'Chiffres clés de l’activité' },
      { name: 'financements', description: 'Conventions de financement en fin d’exercice' },
      { name: 'rapprochements', description: 'Contrôles de cohérence entre domaines' },
    ],
    paths: {
      '/api/v1/moi': read(
        'moi',
        'compte',
        'dashboard.view',
        'Le jeton utilisé',
        'L’organisation, l’utilisateur, les rôles et les permissions de ce jeton.',
        'Me',
        []
      ),
      '/api/v1/exercices': read(
        'exercices',
        'comptabilite',
        'accounting.read',
        'Exercices comptables',
        'Les exercices de l’organisation, du plus récent au plus ancien.',
        'FiscalYears',
        []
      ),
      '/api/v1/compte-de-resultat': read(
        'compteDeResultat',
        'comptabilite',
        'accounting.read',
        'Compte de résultat',
        'Le compte de résultat de l’exercice (N, N-1, budget), tel que la page le montre.',
        'Statement',
        [
          annee,
          {
            name: 'presentation',
            in: 'query',
            required: false,
            description: 'Code de la présentation des états (rapport-annuel par défaut).',
            schema: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
          },
        ]
      ),
      '/api/v1/bilan': read(
        'bilan',
        'comptabilite',
        'accounting.read',
        'Bilan',
        'Le bilan de l’exercice (actif brut, amortissements, net N et N-1 ; passif N et N-1).',
        'Statement',
        [
          annee,
          {
            name: 'presentation',
            in: 'query',
            required: false,
            description: 'Code de la présentation des états (rapport-annuel par défaut).',
            schema: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' },
          },
        ]
      ),
      '/api/v1/balance-generale': read(
        'balanceGenerale',
        'comptabilite',
        'accounting.read',
        'Balance générale',
        'Soldes d’ouverture, mouvements et soldes de clôture par compte (écritures validées).',
        'TrialBalance'
      ),
      '/api/v1/chiffres-cles': read(
        'chiffresCles',
        'activite',
        'activity.read',
        'Chiffres clés',
        'Les chiffres clés de l’activité de l’année (cartes et tableaux de la page).',
        'KeyFigures'
      ),
      '/api/v1/financements': read(
        'financements',
        'financements',
        'grants.read',
        'Financements en fin d’exercice',
        'Par convention : produits constatés, charges, produits constatés d’avance, fonds dédiés.',
        'GrantsYearEnd'
      ),
      '/api/v1/rapprochements': read(
        'rapprochements',
        'rapprochements',
        'reconciliation.read',
        'Rapprochements',
        'Les résultats de la dernière exécution des contrôles de cohérence pour l’année.',
        'Reconciliation'
      ),
      '/api/v1/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'Cette description',
          description: 'La description OpenAPI 3.1 de l’API ; publique, sans jeton.',
          tags: ['compte'],
          security: [],
          responses: { '200': { description: 'Description OpenAPI', content: json({}) } },
        },
      },
    },
    components: {
      securitySchemes: {
        jeton: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'socle_…',
          description: 'Jeton d’accès personnel, créé sur la page « Jetons d’accès » du compte.',
        },
      },
      schemas: {
        Amount: { type: 'string', pattern: '^-?[0-9]+\\.[0-9]{2}$', examples: ['1234.50'] },
        Decimal: { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', examples: ['0.125'] },
        Error: error,
        FiscalYear: fiscalYear,
        FiscalYears: object({ fiscal_years: { type: 'array', items: ref('FiscalYear') } }),
        Me: object({
          organisation: object({
            id: { type: 'integer' },
            name: { type: 'string' },
            slug: { type: 'string' },
          }),
          user: object({
            id: { type: 'integer' },
            full_name: { type: 'string' },
            email: { type: 'string' },
          }),
          roles: { type: 'array', items: { type: 'string' } },
          permissions: { type: 'array', items: { type: 'string' } },
          token: object({
            id: { type: 'integer' },
            name: { type: 'string' },
            created_at: { type: 'string', format: 'date-time' },
            expires_at: nullable({ type: 'string', format: 'date-time' }),
          }),
        }),
        StatementLine: statementLine,
        Statement: statement,
        TrialBalance: object({
          fiscal_year: ref('FiscalYear'),
          accounts: {
            type: 'array',
            items: object({
              number: { type: 'string' },
              label: { type: 'string' },
              ...amounts(...trialBalanceAmounts).properties,
            }),
          },
          totals: amounts(...trialBalanceAmounts),
        }),
        KeyFigures: object({
          fiscal_year: ref('FiscalYear'),
          annee: { type: 'integer' },
          empty: { type: 'boolean' },
          cards: {
            type: 'array',
            items: object({
              label: { type: 'string' },
              unit: { type: 'string', enum: ['count', 'ratio', 'eur'] },
              value: nullable(decimal),
              evolution: nullable(decimal),
            }),
          },
          tables: {
            type: 'array',
            items: object({
              key: { type: 'string' },
              title: { type: 'string' },
              columns: { type: 'array', items: { type: 'object' } },
              rows: { type: 'array', items: { type: 'object' } },
              note: nullable({ type: 'string' }),
            }),
          },
        }),
        GrantsYearEnd: object({
          fiscal_year: ref('FiscalYear'),
          conventions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                grant_id: { type: 'integer' },
                reference: { type: 'string' },
                title: { type: 'string' },
                funder: { type: 'string' },
                cofinancing_rate: nullable(decimal),
                recognised: amount,
                consumed: amount,
                attributable: amount,
                deferred: amount,
                closing_dedicated: amount,
              },
              required: ['grant_id', 'reference', 'funder', 'recognised', 'consumed'],
            },
          },
          totals: { type: 'object', additionalProperties: amount },
          ledger: { type: 'object', additionalProperties: amount },
        }),
        Reconciliation: object({
          fiscal_year: ref('FiscalYear'),
          run: nullable(
            object({
              id: { type: 'integer' },
              trigger: { type: 'string' },
              started_at: { type: 'string', format: 'date-time' },
              finished_at: nullable({ type: 'string', format: 'date-time' }),
              // Atypical values (a ratio far from its peers or from N-1) are counted apart
              // from the discrepancies (two sources of one figure that disagree).
              checks: object(
                Object.fromEntries(
                  ['total', ...codesOf(CHECK_STATUSES)].map((key) => [key, { type: 'integer' }])
                )
              ),
            })
          ),
          results: {
            type: 'array',
            items: object(
              {
                check_id: { type: 'string' },
                family: { type: 'string' },
                domain: { type: 'string' },
                title: { type: 'string' },
                status: { type: 'string', enum: codesOf(CHECK_STATUSES) },
                status_label: { type: 'string' },
                unit: nullable({ type: 'string' }),
                expected: nullable(amount),
                actual: nullable(amount),
                difference: nullable(amount),
                tolerance: nullable(amount),
                explanation: nullable({ type: 'string' }),
              },
              ['check_id', 'title', 'status']
            ),
          },
        }),
      },
      responses: {
        Unauthorized: errorResponse('Jeton absent, inconnu, révoqué ou expiré'),
        Forbidden: errorResponse('Le rôle du jeton ne donne pas cette permission'),
        NotFound: errorResponse('Aucun exercice ne se termine cette année-là'),
        Invalid: errorResponse('Paramètre invalide (annee absente, non entière, hors 2000–2100)'),
        TooManyRequests: errorResponse('Trop d’appels avec ce jeton : voir Retry-After'),
      },
    },
  }
}
