
/**
 * Register hook to process TypeScript files using ts-node
 */
import '@poppinss/ts-exec'

/**
 * Import ace console entrypoint
 */
await import('./bin/console.js')
