/** The global keyboard shortcut that opens the profile switcher, and how to write it for this OS. */
const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

/** Shown in the switcher's tooltip and in help texts. */
export const SWITCHER_SHORTCUT = isMac ? '⌘K' : 'Ctrl+K'

/** Ctrl+K (⌘K on macOS; either modifier is accepted everywhere). */
export function isSwitcherShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k'
}
