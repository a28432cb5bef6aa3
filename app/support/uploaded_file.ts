/**
 * What domain code needs of an uploaded file. The body parser's MultipartFile satisfies it, so
 * actions and imports take uploads without depending on HTTP code.
 */
export interface UploadedFile {
  tmpPath?: string
  clientName: string
  extname?: string
  size: number
  headers: Record<string, string>
  move(location: string, options?: { name?: string; overwrite?: boolean }): Promise<void>
}
