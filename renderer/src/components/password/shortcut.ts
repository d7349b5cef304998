/**
 * The global shortcut for "Change my password…": Ctrl+Shift+M (⌘⇧M on macOS). It does not clash
 * with the profile switcher's Ctrl+K, and Chromium gives Ctrl+Shift+M no meaning outside DevTools.
 */
const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

export const MY_PASSWORD_SHORTCUT = isMac ? '⌘⇧M' : 'Ctrl+Shift+M'

export function isMyPasswordShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'm'
}
