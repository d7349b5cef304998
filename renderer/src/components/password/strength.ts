/**
 * Password strength from zxcvbn-ts. Its dictionaries are large, so they are loaded with dynamic
 * imports the first time a password field needs them: they are separate chunks, not part of the
 * app's initial bundle.
 */
export type Score = 0 | 1 | 2 | 3 | 4

export interface Strength {
  score: Score
  label: string
  /** zxcvbn's own advice ("Add more words…"), when it has any. */
  warning: string | null
}

export const SCORE_LABELS: Record<Score, string> = {
  0: 'Very weak',
  1: 'Weak',
  2: 'Fair',
  3: 'Strong',
  4: 'Very strong',
}

type Estimator = (password: string, userInputs: string[]) => Strength

let loading: Promise<Estimator> | null = null

/** The estimator, loaded once (the dictionaries and the engine are fetched in parallel). */
export function loadStrengthEstimator(): Promise<Estimator> {
  loading ??= (async () => {
    const [core, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ])
    const zxcvbn = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    })
    return (password, userInputs) => {
      const r = zxcvbn.check(password, userInputs)
      const score = r.score as Score
      return { score, label: SCORE_LABELS[score], warning: r.feedback.warning || null }
    }
  })()
  // A failed load (e.g. a missing chunk) may be retried by the next field that asks.
  loading.catch(() => {
    loading = null
  })
  return loading
}
