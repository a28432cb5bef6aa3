// Creates .env from .env.example with a fresh APP_KEY on first run; never overwrites it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

const target = new URL('../.env', import.meta.url)
if (!existsSync(target)) {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
  const key = randomBytes(32).toString('base64url')
  writeFileSync(target, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`))
  console.log('.env créé avec une nouvelle APP_KEY')
}
