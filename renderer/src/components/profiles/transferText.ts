/** Sentences for the outcome of an import or an export (shown in a banner until dismissed). */
import type { ExportReport, ImportReport } from '../../../../shared/contract'

export interface TransferOutcome {
  headline: string
  /** Names of the imported profiles (empty for an export). */
  imported: string[]
  /** "name: why" for each profile an import skipped. */
  skipped: string[]
}

const profilesWord = (n: number) => (n === 1 ? '1 profile' : `${n} profiles`)

/** null when the user cancelled the file dialog. */
export function exportSummary(report: ExportReport): TransferOutcome | null {
  if (report.file === null) return null
  return {
    headline: `Exported ${profilesWord(report.count)} to ${report.file}. API keys are never exported.`,
    imported: [],
    skipped: [],
  }
}

/** null when the user cancelled the file dialog. */
export function importSummary(report: ImportReport): TransferOutcome | null {
  if (report.file === null) return null
  const n = report.imported.length
  const headline =
    n === 0
      ? `Imported nothing from ${report.file}.`
      : `Imported ${profilesWord(n)} from ${report.file}. ${n === 1 ? 'Add its API key' : 'Add an API key to each'}: keys are never part of an export.`
  return {
    headline,
    imported: report.imported.map((p) => p.name),
    skipped: report.skipped.map((s) => `${s.name}: ${s.reason}`),
  }
}
