import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Files kept by Socle. Nothing is served directly from disk: each domain streams its files
 * through an authorised route (e.g. quality evidence, always as a download).
 */
const driveConfig = defineConfig({
  default: 'quality',
  services: {
    quality: services.fs({
      location: app.makePath('storage/quality'),
      serveFiles: false,
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
