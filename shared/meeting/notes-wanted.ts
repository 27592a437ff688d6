/**
 * Whether a transcription gets meeting notes: the job's own `notes`, else on. The team setting
 * that turns notes off by default is to be read here, as the default a job's unset `notes` takes.
 */
export function notesWanted(params: { notes?: boolean | undefined }): boolean {
  return params.notes !== false;
}
