import { defineConfig } from 'vite'

/** Fixed file names: the layout links /assets/app.css and /assets/app.js; no CDN. */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'public/assets',
    emptyOutDir: true,
    rollupOptions: {
      input: { app: 'resources/js/app.js' },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
})
