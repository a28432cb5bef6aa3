import { test } from '@japa/runner'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Edge } from 'edge.js'
import {
  dropTemplateIndentation,
  keepCompiledPartials,
  keepComponentList,
} from '#http/edge_partials'

/** An Edge instance with in-memory templates, and the partial compilations it makes. */
function edgeWith(cache: boolean) {
  const edge = Edge.create({ cache })
  edge.registerTemplate('row', { template: '<li>{{ item }}</li>' })
  edge.registerTemplate('list', {
    template: ['<ul>', '@each(item in items)', "@include('row')", '@end', '</ul>'].join('\n'),
  })
  let partialCompilations = 0
  const compile = edge.asyncCompiler.compile.bind(edge.asyncCompiler)
  edge.asyncCompiler.compile = (templatePath, localVariables) => {
    if (localVariables) partialCompilations += 1
    return compile(templatePath, localVariables)
  }
  keepCompiledPartials(edge)
  return { edge, compilations: () => partialCompilations }
}

test.group('Edge partials kept with the template cache (ADR 12)', () => {
  test('with the cache on, an @include is compiled once and renders the same', async ({
    assert,
  }) => {
    const { edge, compilations } = edgeWith(true)
    const first = await edge.render('list', { items: ['a', 'b', 'c'] })
    const second = await edge.render('list', { items: ['<x>', 'y'] })
    assert.equal(first.replace(/\s/g, ''), '<ul><li>a</li><li>b</li><li>c</li></ul>')
    assert.equal(second.replace(/\s/g, ''), '<ul><li>&lt;x&gt;</li><li>y</li></ul>')
    assert.equal(compilations(), 1)
  })

  test('without the cache (development, tests), Edge compiles as it always did', async ({
    assert,
  }) => {
    const { edge, compilations } = edgeWith(false)
    await edge.render('list', { items: ['a', 'b'] })
    await edge.render('list', { items: ['a', 'b'] })
    assert.equal(compilations(), 4)
  })
})

/** Edge as the framework sets it up: created, then configured with the cache (production). */
function frameworkEdge(keep: boolean) {
  const views = mkdtempSync(join(tmpdir(), 'socle-edge-'))
  mkdirSync(join(views, 'components'))
  writeFileSync(join(views, 'components', 'badge.edge'), '<b>{{ text }}</b>')
  writeFileSync(join(views, 'page.edge'), '@!badge({ text: label })')
  const edge = Edge.create()
  edge.mount(views)
  edge.configure({ cache: true })
  let listings = 0
  const list = edge.loader.listComponents.bind(edge.loader)
  edge.loader.listComponents = () => {
    listings += 1
    return list()
  }
  if (keep) keepComponentList(edge)
  return { edge, listings: () => listings }
}

test.group('Edge component list kept with the template cache (ADR 12)', () => {
  test('Edge alone lists the components again at every render, even with the cache', async ({
    assert,
  }) => {
    const { edge, listings } = frameworkEdge(false)
    await edge.render('page', { label: 'a' })
    await edge.render('page', { label: 'b' })
    assert.equal(listings(), 2)
  })

  test('kept: listed once, and components used as tags still render', async ({ assert }) => {
    const { edge, listings } = frameworkEdge(true)
    assert.equal((await edge.render('page', { label: 'a' })).trim(), '<b>a</b>')
    assert.equal((await edge.render('page', { label: '<c>' })).trim(), '<b>&lt;c&gt;</b>')
    assert.equal(listings(), 1)
  })
})

test.group('Template indentation dropped before compiling (ADR 12)', () => {
  function indentedViews() {
    const views = mkdtempSync(join(tmpdir(), 'socle-edge-indent-'))
    mkdirSync(join(views, 'pages'))
    mkdirSync(join(views, 'emails'))
    const page = [
      '<table>',
      '  @each(row in rows)',
      '    <tr>',
      '      <td>{{ row }}</td>',
      '      <td><textarea>{{ note }}</textarea></td>',
      '    </tr>',
      '  @end',
      '</table>',
    ].join('\n')
    writeFileSync(join(views, 'pages', 'table.edge'), page)
    writeFileSync(join(views, 'emails', 'notice_text.edge'), 'Bonjour,\n\n    {{ line }}\n')
    const edge = Edge.create()
    edge.mount(views)
    dropTemplateIndentation(edge)
    return edge
  }

  test('a page loses the indentation of its template lines, not of its values', async ({
    assert,
  }) => {
    const html = await indentedViews().render('pages/table', {
      rows: ['a', 'b'],
      note: 'ligne 1\n    ligne 2',
    })
    assert.notMatch(html, /\n[ \t]+</)
    assert.include(
      html,
      '<tr>\n<td>a</td>\n<td><textarea>ligne 1\n    ligne 2</textarea></td>\n</tr>'
    )
    assert.include(html, '<td>b</td>')
  })

  test('a mail is rendered as written', async ({ assert }) => {
    const text = await indentedViews().render('emails/notice_text', { line: 'Rien à signaler' })
    assert.equal(text, 'Bonjour,\n\n    Rien à signaler')
  })
})
