// Browser tests drive Debian's Chromium. Install it when missing and we are allowed to (root with
// apt-get); otherwise say exactly what to do.
import { existsSync } from 'node:fs'
import { execSync } from 'node:child_process'

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(path)) {
  const isRoot = process.getuid?.() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  if (isRoot && hasApt) {
    console.log('Installation de Chromium (Debian) pour les tests navigateur…')
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    })
  } else {
    console.error(
      `Chromium est introuvable (${path}). Installez-le (sudo apt-get install -y chromium) ` +
        'ou indiquez son chemin dans CHROMIUM_PATH.'
    )
    process.exit(1)
  }
}
