process.env.NODE_ENV = 'test'

// Each test run listens on a free port (or TEST_PORT), so that several runs can coexist.
{
  const { createServer } = await import('node:net')
  process.env.PORT =
    process.env.TEST_PORT ??
    (await new Promise<string>((resolve, reject) => {
      const server = createServer()
      server.on('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const address = server.address()
        server.close(() =>
          resolve(String(typeof address === 'object' && address ? address.port : 3334))
        )
      })
    }))
}

import 'reflect-metadata'
import { prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { ignitor } from './ignitor.js'

ignitor()
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([() => app.terminate()]),
      },
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
