import { test } from '@japa/runner'
import { Edge } from 'edge.js'
import { keepCompiledPartials } from '#http/edge_partials'

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
