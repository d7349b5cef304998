/**
 * What the users DOM tests add to profiles.support.ts (the real main services behind the real
 * dispatcher, and the real emulator, whose handle gives its live state and fault switch): a profile
 * made active with a given key, a wait helper, and a way to make the virtualized table render rows
 * in happy-dom (which lays nothing out, so every element measures 0×0).
 */
import { flushPromises } from '@vue/test-utils'
import { vi } from 'vitest'
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

/** Gives the users table's scroller a real size, so the virtualizer (which reads clientHeight) renders rows. */
export function layOutUserTable(height = 600): void {
  const isScroller = (el: Element) => el instanceof HTMLElement && el.dataset['testid'] === 'user-scroller'
  for (const [prop, value] of [
    ['clientHeight', height],
    ['clientWidth', 1000],
  ] as const) {
    // happy-dom defines these on a prototype somewhere up the chain: spy where it lives.
    let owner: object | null = HTMLElement.prototype
    while (owner && !Object.prototype.hasOwnProperty.call(owner, prop))
      owner = Object.getPrototypeOf(owner) as object | null
    const target = (owner ?? HTMLElement.prototype) as HTMLElement
    const original = Object.getOwnPropertyDescriptor(target, prop)
    vi.spyOn(target, prop, 'get').mockImplementation(function (this: Element) {
      return isScroller(this) ? value : ((original?.get?.call(this) as number | undefined) ?? 0)
    })
  }
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
