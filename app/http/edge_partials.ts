import type { Edge } from 'edge.js'

/**
 * Keeps the compiled partials of `@include` when the template cache is on. Edge (6.x) compiles
 * an included partial again at every render even in production: `compilePartial` always passes
 * the caller's local variable names, and `Compiler.compile` skips its cache whenever it is given
 * some. Under load that was about a tenth of a page's CPU (ADR 12). The function Edge would build
 * again is kept per template and local variable names; templates do not change while a server
 * with the cache on runs. Without the cache (development, tests) nothing changes.
 */
export function keepCompiledPartials(edge: Edge) {
  for (const compiler of [edge.compiler, edge.asyncCompiler]) {
    if (!compiler.cacheManager.enabled) continue
    const compile = compiler.compile.bind(compiler)
    const partials = new Map<string, ReturnType<typeof compile>>()
    compiler.compile = (templatePath, localVariables) => {
      if (!localVariables) return compile(templatePath)
      const key = `${templatePath}\n${localVariables.join(',')}`
      let compiled = partials.get(key)
      if (!compiled) {
        compiled = compile(templatePath, localVariables)
        partials.set(key, compiled)
      }
      return compiled
    }
  }
}

/**
 * Keeps the list of components when the template cache is on. Edge decides whether to list the
 * components folder again at every render when it is constructed, before the framework turns
 * the cache on, so in production it still read `resources/views/components` recursively (one
 * `readdirSync` per request, ADR 12). Components do not change while such a server runs.
 */
export function keepComponentList(edge: Edge) {
  if (!edge.compiler.cacheManager.enabled) return
  const list = edge.loader.listComponents.bind(edge.loader)
  let components: ReturnType<typeof list> | undefined
  edge.loader.listComponents = () => (components ??= list())
}

/**
 * Drops the indentation of every template line before it is compiled (once per template when
 * the cache is on). Browsers collapse it anyway: the newline left in its place is the same
 * whitespace. A page such as the governance composition lost a quarter of its size (19 KB of
 * 69 KB), which Edge had to concatenate and the server to encode and send on every request
 * (ADR 12). Values keep their own whitespace (a `<pre>`, a textarea or a `pre-line` paragraph
 * holds an interpolated value, never template text), and mails are left as written: their text
 * part is read as typed.
 */
export function dropTemplateIndentation(edge: Edge) {
  edge.processor.process('raw', ({ path, raw }) =>
    path.includes('/emails/') ? undefined : raw.replace(/\n[ \t]+/g, '\n')
  )
}
