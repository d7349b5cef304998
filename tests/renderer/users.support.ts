/**
 * What the users DOM tests add to profiles.support.ts (the real main services behind the real
 * dispatcher, and the real emulator, whose handle gives its live state and fault switch): a profile
 * made active with a given key and a wait helper. (The virtualized table renders its first rows
 * from its `initialRect`, so it needs no layout in happy-dom.)
 */
import { flushPromises } from '@vue/test-utils'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSessionStore } from '../../renderer/src/stores/session'

/** Lets main's answers (real I/O) arrive and Vue render them. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await flushPromises()
    if (check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

/** Creates a profile for the emulator with this key, makes it active and waits for the session check. */
export async function activeProfile(url: string, apiKey: string | null, name = 'Emulator'): Promise<string> {
  const profiles = useProfilesStore()
  const session = useSessionStore()
  await profiles.ensureLoaded()
  const p = await profiles.create(apiKey === null ? { name, baseUrl: url } : { name, baseUrl: url, apiKey })
  await profiles.setActive(p.id)
  await until(() => session.profileId === p.id && !session.checking, 'the session check')
  return p.id
}

/** Elements teleported to <body> (dialogs, menus) are found through the document. */
export function inBody<T extends Element = HTMLElement>(selector: string): T | null {
  return document.body.querySelector<T>(selector)
}

export function byTestId<T extends Element = HTMLElement>(id: string): T {
  const el = inBody<T>(`[data-testid="${id}"]`)
  if (!el) throw new Error(`Nothing with data-testid="${id}" in the document`)
  return el
}

/** Sets an input's value the way typing does (fires `input`). */
export async function type(el: Element, value: string): Promise<void> {
  const input = el as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await flushPromises()
}

export async function click(el: Element): Promise<void> {
  ;(el as HTMLElement).click()
  await flushPromises()
}
