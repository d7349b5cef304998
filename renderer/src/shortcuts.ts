/**
 * The app's global keyboard shortcuts, in one place: how each is matched and how it is written on
 * this OS (⌘ on macOS, Ctrl elsewhere; either modifier is accepted everywhere).
 */
import { onBeforeUnmount, onMounted } from 'vue'

const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

interface Shortcut {
  /** How to write it for this OS, for tooltips and help texts. */
  label: string
  /** What it does, for the list in About. */
  action: string
  matches(e: KeyboardEvent): boolean
}

function chord(key: string, shift: boolean, action: string): Shortcut {
  return {
    label: isMac
      ? `⌘${shift ? '⇧' : ''}${key.toUpperCase()}`
      : `Ctrl+${shift ? 'Shift+' : ''}${key.toUpperCase()}`,
    action,
    matches: (e) =>
      (e.ctrlKey || e.metaKey) && !e.altKey && e.shiftKey === shift && e.key.toLowerCase() === key,
  }
}

/** Opens the connection profile switcher. */
export const SWITCHER = chord('k', false, 'Switch the connection profile')
/** Opens "Change my password…"; Chromium gives Ctrl+Shift+M no meaning outside DevTools. */
export const MY_PASSWORD = chord('m', true, 'Change my password')

export const SHORTCUTS: readonly Shortcut[] = [SWITCHER, MY_PASSWORD]

/**
 * Runs `action` when the shortcut is pressed anywhere in the app, while the calling component is
 * mounted (the browser's own meaning of the keys is suppressed).
 */
export function useGlobalShortcut(shortcut: Shortcut, action: () => void): void {
  const onKeydown = (e: KeyboardEvent) => {
    if (!shortcut.matches(e)) return
    e.preventDefault()
    action()
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
