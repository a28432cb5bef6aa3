import { test } from '@japa/runner'
import edge from 'edge.js'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type Organisation from '#models/core/organisation'
import { createDraft } from '#actions/accounting/drafts'
import { importKinds } from '#imports/registry'
import { asOrg, simpleLines } from '#tests/fixtures/accounting'
import { demoOrganisation, isolated, makeUser } from '#tests/helpers'

/**
 * Every character that matters in HTML: a double and a single quote to leave an attribute, a
 * tag to inject, and an entity that must survive as text (decoded once, it is `&amp;` again).
 */
const HOSTILE = `"'><x-evil onmouseover=alert(1)>&amp;`

/** Decodes the entities an escaper writes (named ones of HTML, decimal and hexadecimal). */
function decode(text: string) {
  const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' }
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : +body.slice(1)
      return String.fromCodePoint(code)
    }
    return named[body.toLowerCase()] ?? entity
  })
}

interface Tag {
  name: string
  attributes: Map<string, string | true>
}

/** Every start tag of a page, as a browser tokenises it (quoted values may hold `>`). */
function tags(html: string): Tag[] {
  const found: Tag[] = []
  const tagPattern = /<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g
  for (const match of html.matchAll(tagPattern)) {
    const attributes = new Map<string, string | true>()
    const attributePattern = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
    for (const attribute of match[2].matchAll(attributePattern)) {
      const raw = attribute[2] ?? attribute[3] ?? attribute[4]
      attributes.set(attribute[1].toLowerCase(), raw === undefined ? true : decode(raw))
    }
    found.push({ name: match[1].toLowerCase(), attributes })
  }
  return found
}

/** The payload never reaches the page as markup: no injected tag, no injected attribute. */
function assertNoBreakout(assert: any, html: string, where: string) {
  assert.notInclude(html, '<x-evil', `${where}: the payload's tag is raw`)
  for (const tag of tags(html)) {
    assert.notEqual(tag.name, 'x-evil', `${where}: an injected <x-evil> tag`)
    assert.isFalse(
      tag.attributes.has('onmouseover'),
      `${where}: an injected attribute in <${tag.name}>`
    )
  }
}

/** Text of form controls as the browser would submit or show them, decoded. */
function controlValues(html: string) {
  const values: string[] = []
  for (const tag of tags(html)) {
    const value = tag.attributes.get('value')
    if (typeof value === 'string') values.push(value)
  }
  for (const match of html.matchAll(/<(textarea|option)\b(?:[^>"']|"[^"]*"|'[^']*')*>([^<]*)</g)) {
    values.push(decode(match[2]))
  }
  return values
}

const SESSION_STATE = {
  flashMessages: { get: () => undefined, has: () => false },
  old: () => undefined,
}

function renderField(props: Record<string, unknown>) {
  return edge.render('components/form/field', { label: 'Libellé', ...SESSION_STATE, ...props })
}

test.group('Output encoding: the form field component', () => {
  for (const type of ['text', 'email', 'number', 'date', 'password']) {
    test(`an input of type ${type} escapes its value`, async ({ assert }) => {
      const html = await renderField({ name: 'champ', type, value: HOSTILE, required: true })
      assertNoBreakout(assert, html, type)
      const input = tags(html).find((tag) => tag.name === 'input')!
      assert.deepEqual(
        [...input.attributes.keys()].sort(),
        type === 'password'
          ? ['id', 'name', 'required', 'type']
          : ['id', 'name', 'required', 'type', 'value'],
        'no attribute other than the component writes'
      )
      assert.equal(input.attributes.get('required'), true, 'required stays a boolean attribute')
      if (type === 'password') {
        assert.notInclude(html, 'x-evil', 'a password is never written back')
      } else {
        assert.equal(input.attributes.get('value'), HOSTILE, 'the value round-trips')
      }
    })
  }

  test('zero and the empty string are values, not missing attributes', async ({ assert }) => {
    const zero = tags(await renderField({ name: 'n', type: 'number', value: 0 }))
    assert.equal(zero.find((tag) => tag.name === 'input')!.attributes.get('value'), '0')
    const empty = tags(await renderField({ name: 'n', value: '' }))
    assert.equal(empty.find((tag) => tag.name === 'input')!.attributes.get('value'), '')
    const optional = tags(await renderField({ name: 'n', value: undefined }))
    const input = optional.find((tag) => tag.name === 'input')!
    assert.isFalse(input.attributes.has('value'))
    assert.isFalse(input.attributes.has('required'))
  })

  test('a select escapes option values and labels and keeps selected', async ({ assert }) => {
    const options = [
      { value: HOSTILE, label: HOSTILE },
      { value: 'autre', label: 'Autre' },
    ]
    const html = await renderField({ name: 'choix', type: 'select', value: HOSTILE, options })
    assertNoBreakout(assert, html, 'select')
    const rendered = tags(html).filter((tag) => tag.name === 'option')
    assert.equal(rendered[0].attributes.get('value'), HOSTILE)
    assert.equal(rendered[0].attributes.get('selected'), true)
    assert.isFalse(rendered[1].attributes.has('selected'))
    assert.include(controlValues(html), HOSTILE, 'the label round-trips')

    const multiple = await renderField({
      name: 'choix',
      type: 'select',
      multiple: true,
      required: true,
      value: [HOSTILE, 'autre'],
      options,
    })
    assertNoBreakout(assert, multiple, 'select multiple')
    const select = tags(multiple).find((tag) => tag.name === 'select')!
    assert.equal(select.attributes.get('multiple'), true)
    assert.equal(select.attributes.get('required'), true)
    const selected = tags(multiple).filter((tag) => tag.attributes.get('selected') === true)
    assert.lengthOf(selected, 2)
  })

  test('a textarea escapes its text', async ({ assert }) => {
    const html = await renderField({ name: 'note', type: 'textarea', value: HOSTILE })
    assertNoBreakout(assert, html, 'textarea')
    assert.include(controlValues(html), HOSTILE)
  })

  test('the old input of a refused form and the errors are escaped too', async ({ assert }) => {
    const html = await edge.render('components/form/field', {
      name: 'champ',
      label: HOSTILE,
      hint: HOSTILE,
      value: 'ancienne valeur',
      flashMessages: {
        get: (key: string) => (key === 'inputErrorsBag.champ' ? [HOSTILE] : undefined),
        has: () => true,
      },
      old: (key: string) => (key === 'champ' ? HOSTILE : undefined),
    })
    assertNoBreakout(assert, html, 'old input')
    const input = tags(html).find((tag) => tag.name === 'input')!
    assert.equal(input.attributes.get('value'), HOSTILE)
    assert.equal(input.attributes.get('aria-invalid'), 'true')
  })

  test('html.attrs escapes every template attribute', async ({ assert }) => {
    const html = await edge.renderRaw(
      `<a href="/" {{ html.attrs({ title: value, 'aria-current': undefined, hidden: false, download: true }) }}>x</a>`,
      { value: HOSTILE }
    )
    assertNoBreakout(assert, html, 'html.attrs')
    const [anchor] = tags(html)
    assert.deepEqual([...anchor.attributes.keys()], ['href', 'title', 'download'])
    assert.equal(anchor.attributes.get('title'), HOSTILE)
  })
})

/** Text columns of the demo organisation that its screens show, in forms or as text. */
const HOSTILE_COLUMNS: Record<string, string[]> = {
  users: ['full_name'],
  funders: ['name', 'notes'],
  grants: ['title', 'reference', 'notes'],
  grant_payment_schedules: ['label'],
  grant_targets: ['label'],
  grant_deadlines: ['label'],
  grant_events: ['note'],
  programmes: ['name', 'description', 'funder_names'],
  territories: ['name'],
  employees: ['surname', 'first_names'],
  job_references: ['label'],
  training_actions: ['title'],
  member_bodies: ['name'],
  persons: ['full_name'],
  colleges: ['name', 'rule_text'],
  meetings: ['title', 'location', 'agenda'],
  criteria: ['title'],
  criterion_assessments: ['comment'],
  strategic_axes: ['title', 'description'],
  strategic_actions: ['title', 'owner_name'],
  working_groups: ['name'],
  bank_accounts: ['name'],
  bank_operations: ['label', 'counterparty'],
}

/** The demo organisation with the payload at the end of every text above (rolled back). */
async function hostileWorld(organisation: Organisation) {
  for (const [table, columns] of Object.entries(HOSTILE_COLUMNS)) {
    const assignments = columns.map((column) => `${column} = ${column} || ?`).join(', ')
    await db.rawQuery(`UPDATE ${table} SET ${assignments} WHERE organisation_id = ?`, [
      ...columns.map(() => HOSTILE),
      organisation.id,
    ])
  }
  const journal = await db
    .from('journals')
    .where({ organisation_id: organisation.id, code: 'AC' })
    .firstOrFail()
  const draft = await asOrg(organisation, () =>
    createDraft({
      journalId: journal.id,
      entryDate: '2024-03-15',
      label: `Achat ${HOSTILE}`,
      pieceRef: HOSTILE.slice(0, 20),
      lines: simpleLines('12.34'),
    })
  )
  const first = async (table: string, column = 'id') => {
    const row = await db.from(table).where('organisation_id', organisation.id).orderBy('id').first()
    return row ? (row[column] as string | number) : null
  }
  // A receipt that can still be corrected (the demo's are matched to their bank lines), on an
  // instalment that can still be edited (the demo's 2023 ones are paid by matched receipts).
  const instalment = await db
    .from('grant_payment_schedules')
    .where('organisation_id', organisation.id)
    .whereNotIn('id', db.from('grant_receipt_allocations').select('schedule_id'))
    .orderBy('id')
    .firstOrFail()
  const [receipt] = await db
    .table('grant_receipts')
    .insert({
      organisation_id: organisation.id,
      grant_id: instalment.grant_id,
      received_on: '2024-01-10',
      amount: '0.01',
      reference: `VIR ${HOSTILE}`,
    })
    .returning('id')
  const [manualItem] = await db
    .table('treasury_manual_items')
    .insert({
      organisation_id: organisation.id,
      label: `Achat ${HOSTILE}`,
      due_on: '2024-03-15',
      amount: '-1000.00',
    })
    .returning('id')
  return {
    manualItem: manualItem.id as number,
    bankAccount: await first('bank_accounts'),
    schedule: instalment.id as number,
    receipt: receipt.id as number,
    target: await first('grant_targets'),
    deadline: await first('grant_deadlines'),
    step: await first('grant_events'),
    entry: draft.id,
    user: await first('users'),
    funder: await first('funders'),
    grant: await first('grants'),
    programme: await first('programmes'),
    programmeCode: await first('programmes', 'code'),
    territory: await first('territories'),
    employee: await first('employees'),
    memberBody: await first('member_bodies'),
    person: await first('persons'),
    college: await first('colleges'),
    meeting: await first('meetings'),
    criterion: await first('criteria'),
    budget: await first('budgets'),
  }
}

type World = Awaited<ReturnType<typeof hostileWorld>>

/** Concrete URLs of a route pattern for the hostile world; [] when the walk cannot fill it. */
function urlsFor(pattern: string, world: World): string[] {
  if (!pattern.includes(':')) return [pattern]
  if (pattern === '/imports/:kind/nouveau') {
    return importKinds().map((kind) => `/imports/${encodeURIComponent(kind)}/nouveau`)
  }
  const ids: Array<[RegExp, string | number | null]> = [
    [/^\/admin\/utilisateurs\/:id/, world.user],
    [/^\/comptabilite\/ecritures\/:id/, world.entry],
    [/^\/comptabilite\/budgets\/:id/, world.budget],
    [/^\/activite\/dispositifs\/:id/, world.programme],
    [/^\/activite\/dispositifs\/:code/, world.programmeCode],
    [/^\/activite\/territoires\/:id/, world.territory],
    [/^\/financements\/financeurs\/:id/, world.funder],
    [/^\/financements\/conventions\/:id(\/bilan|\/bilan\/impression|\/modifier)?$/, world.grant],
    [/^\/financements\/echeancier\/:id/, world.schedule],
    [/^\/financements\/recus\/:id/, world.receipt],
    [/^\/financements\/objectifs\/:id/, world.target],
    [/^\/financements\/echeances\/:id/, world.deadline],
    [/^\/financements\/etapes\/:id/, world.step],
    [/^\/rh\/salaries\/:id$/, world.employee],
    [/^\/gouvernance\/membres\/:id/, world.memberBody],
    [/^\/gouvernance\/personnes\/:id/, world.person],
    [/^\/gouvernance\/colleges\/:id/, world.college],
    [/^\/gouvernance\/seances\/:id(\/proces-verbal|\/dossier|\/dossier\/apercu)?$/, world.meeting],
    [/^\/qualite\/criteres\/:id$/, world.criterion],
    [/^\/tresorerie\/operations-prevues\/:id/, world.manualItem],
    [/^\/banque\/comptes\/:id/, world.bankAccount],
  ]
  const match = ids.find(([regex]) => regex.test(pattern))
  if (!match || match[1] === null) return []
  return [pattern.replace(/:[a-zA-Z_]+/, encodeURIComponent(String(match[1])))]
}

/** Downloads and pages that are not HTML. */
const NOT_HTML =
  /\.(xlsx|txt|csv|pdf)$|\/fec$|\/preuves\/|\/documents\/|proces-verbal-signe|^\/health$/

function getPatterns() {
  const domains = router.toJSON() as Record<string, any[]>
  return Object.values(domains)
    .flat()
    .filter((route) => (route.methods as string[]).includes('GET'))
    .map((route) => route.pattern as string)
    .filter((pattern) => !pattern.startsWith('/assets') && !NOT_HTML.test(pattern))
}

test.group('Output encoding: every page with hostile records', (group) => {
  isolated(group)
  group.each.timeout(300_000)

  test('edit and create forms, and every other page, show the payload escaped only', async ({
    client,
    assert,
  }) => {
    const organisation = await demoOrganisation()
    const admin = await makeUser(organisation, ['admin'])
    const world = await hostileWorld(organisation)

    const forms = getPatterns().filter((pattern) => /\/(modifier|nouveau|nouvelle)$/.test(pattern))
    assert.isAbove(forms.length, 10, 'the walk finds the edit and create forms')
    const shown: string[] = []
    for (const pattern of getPatterns()) {
      const urls = urlsFor(pattern, world)
      if (forms.includes(pattern)) {
        assert.isNotEmpty(urls, `${pattern}: give the walk a hostile record for this form`)
      }
      for (const url of urls) {
        const response = await client.get(url).actingAs(admin).redirects(0)
        const html = typeof response.text() === 'string' ? response.text() : ''
        if (forms.includes(pattern)) {
          assert.equal(response.status(), 200, `${url} answered ${response.status()}`)
        }
        assertNoBreakout(assert, html, url)
        if (html.includes('x-evil')) shown.push(url)
        if (pattern.endsWith('/modifier')) {
          assert.isTrue(
            controlValues(html).some((value) => value.endsWith(HOSTILE)),
            `${url}: a pre-filled control holds the hostile text, decoded exactly`
          )
        }
      }
    }
    // The walk is not vacuous: the payload reached many pages (escaped).
    assert.isAbove(shown.length, 20, `pages showing the payload: ${shown.join(', ')}`)
  })
})
