await import('reflect-metadata')
const { prettyPrintError } = await import('@adonisjs/core')
const { ignitor } = await import('./ignitor.js')

ignitor()
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
