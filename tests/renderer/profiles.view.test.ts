/**
 * The profiles view and its parts in happy-dom, backed by the REAL main services and the real
 * DQOps emulator (see profiles.support.ts). What the user sees is asserted through the DOM.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { setBridge } from '../../renderer/src/api/client'
import ProfileSwitcher from '../../renderer/src/components/ProfileSwitcher.vue'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useSessionStore } from '../../renderer/src/stores/session'
import ProfilesView from '../../renderer/src/views/ProfilesView.vue'
import { closedPort, startMainBridge, useRealMain } from './profiles.support'

const env = useRealMain()

/** Lets main's answers (real I/O) arrive and Vue render them. */
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 300; i++) {
    await flushPromises()
    if (check()) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

async function mountView(): Promise<VueWrapper> {
  const w = mount(ProfilesView, { global: { plugins: [env.pinia] }, attachTo: document.body })
  await until(() => useProfilesStore().loaded, 'the profiles to load')
  return w
}

function button(w: VueWrapper, text: string) {
  const b = w.findAll('button').find((x) => x.text().trim() === text)
  if (!b)
    throw new Error(
      `No button “${text}” in: ${w
        .findAll('button')
        .map((x) => x.text())
        .join(' | ')}`,
    )
  return b
}

function inputByLabel(w: VueWrapper, label: string) {
  const l = w.findAll('label').find((x) => x.text().startsWith(label))
  if (!l) throw new Error(`No label “${label}”`)
  return w.get<HTMLInputElement>(`#${CSS.escape(l.attributes('for') ?? '')}`)
}

describe('profiles view (real main services)', () => {
  it('lists the profiles, marks the active one and says whose key each holds', async () => {
    const store = useProfilesStore()
    await store.load()
    const admin = await store.create({
      name: 'Emulator',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.admin,
    })
    await store.create({
      name: 'Remote plain',
      baseUrl: 'http://dqops.example.com',
      apiKey: 'opaque-key-of-another-kind',
    })
    await store.setActive(admin.id)
    const w = await mountView()

    const items = w.findAll('nav[aria-label="Connection profiles"] li')
    expect(items.map((i) => i.find('.name').text())).toEqual(['Local DQOps', 'Emulator', 'Remote plain'])
    const [local, emu, remote] = items
    expect(local!.text()).toContain('No key')
    expect(emu!.text()).toContain('Active')
    expect(emu!.text()).toContain('Key of admin@example.com (admin)')
    expect(local!.text()).not.toContain('Active')
    expect(remote!.text()).toContain('Key of unknown format')
    expect(remote!.text()).toContain('Unencrypted')

    // The selected profile is the active one; choosing the insecure one shows the warning.
    expect(w.get('article h2').text()).toContain('Emulator')
    expect(w.find('[data-testid="insecure-warning"]').exists()).toBe(false)
    await remote!.get('button').trigger('click')
    expect(w.get('article h2').text()).toContain('Remote plain')
    expect(w.get('[data-testid="insecure-warning"]').text()).toMatch(/unencrypted/i)
  })

  it('shows the first-run guide until some profile has a key', async () => {
    const w = await mountView()
    const help = w.get('[data-testid="api-key-help"]')
    expect(help.text()).toContain('Generate API key')
    expect(help.text()).toContain('portrait')
    expect(help.text()).toMatch(/Local DQOps.*authentication mode none/s)
    await useProfilesStore().setApiKey(useProfilesStore().profiles[0]!.id, env.emulator.keys.admin)
    await flushPromises()
    expect(w.find('[data-testid="api-key-help"]').exists()).toBe(false)
  })

  it('validates the new-profile form inline, shows main’s field error, then creates the profile', async () => {
    const w = await mountView()
    await button(w, 'New connection').trigger('click')
    const form = w.get('form[aria-label="New connection profile"]')
    const name = inputByLabel(w, 'Name')
    const url = inputByLabel(w, 'DQOps address')

    await form.trigger('submit')
    expect(w.text()).toContain('Enter a name')
    expect(w.text()).toContain('The base URL is not a valid address')
    expect(name.attributes('aria-invalid')).toBe('true')

    await name.setValue('local dqops')
    expect(w.text()).toContain('Another profile is already called “local dqops”')
    await name.setValue('Staging')
    expect(w.text()).not.toContain('Another profile')
    await url.setValue('ftp://dqops.example.com')
    expect(w.text()).toContain('The base URL must start with http:// or https://.')
    await url.setValue('http://dqops.example.com')
    expect(w.find('[data-testid="insecure-warning"]').exists()).toBe(true)
    await url.setValue('https://user:secret@dqops.example.com')
    expect(w.find('[data-testid="insecure-warning"]').exists()).toBe(false)

    // A rule only main checks (no control characters in a name): its words appear under the field.
    await url.setValue(env.emulator.url)
    await name.setValue('Sta\tging')
    await form.trigger('submit')
    await until(() => name.attributes('aria-invalid') === 'true', 'the server’s field error')
    const nameError = w.get(`#${CSS.escape(name.attributes('aria-describedby') ?? '')}`)
    expect(nameError.classes()).toContain('field-error')
    expect(nameError.text()).toContain('control characters')

    await name.setValue('Staging')
    await form.trigger('submit')
    await until(
      () => useProfilesStore().profiles.some((p) => p.name === 'Staging'),
      'the profile to be created',
    )
    await flushPromises()
    expect(w.get('article h2').text()).toContain('Staging')
  })

  it('refuses, before sending anything, every base URL main would refuse', async () => {
    let creates = 0
    const create = env.main.bridge['profiles.create']
    setBridge({
      ...env.main.bridge,
      'profiles.create': (req) => {
        creates++
        return create(req)
      },
    })
    const w = await mountView()
    await button(w, 'New connection').trigger('click')
    const form = w.get('form[aria-label="New connection profile"]')
    await inputByLabel(w, 'Name').setValue('Staging')
    const url = inputByLabel(w, 'DQOps address')
    const cases = [
      ['https://user:pw@dqops.example.com', 'must not contain a user name or password'],
      ['https://dqops.example.com/?x', 'must not contain "?" or "#"'],
      ['https://dqops.example.com/#/home', 'must not contain "?" or "#"'],
    ] as const
    for (const [value, problem] of cases) {
      await url.setValue(value)
      await url.trigger('blur')
      expect(url.attributes('aria-invalid')).toBe('true')
      expect(w.get(`#${CSS.escape(url.attributes('aria-describedby') ?? '')}`).text()).toContain(problem)
      await form.trigger('submit')
      await flushPromises()
    }
    expect(creates).toBe(0)
    await url.setValue(`${env.emulator.url}/dqops/`)
    expect(url.attributes('aria-invalid')).toBe('false')
  })

  it('keeps the typed API key when creating the profile fails', async () => {
    await env.main.close()
    env.main = await startMainBridge({ keychain: 'unavailable' })
    setBridge(env.main.bridge)
    const w = await mountView()
    await button(w, 'New connection').trigger('click')
    const form = w.get('form[aria-label="New connection profile"]')
    await inputByLabel(w, 'Name').setValue('Staging')
    await inputByLabel(w, 'DQOps address').setValue(env.emulator.url)
    await inputByLabel(w, 'API key').setValue(env.emulator.keys.admin)
    await form.trigger('submit')
    await until(() => form.find('[data-testid="error-panel"]').exists(), 'the keychain error')
    expect(form.get('[data-testid="error-panel"]').attributes('data-code')).toBe('keychain-unavailable')
    expect(inputByLabel(w, 'API key').element.value).toBe(env.emulator.keys.admin)
    expect(useProfilesStore().profiles.some((p) => p.name === 'Staging')).toBe(false)
  })

  it('a 404 in a connection test gets a hint about the URL, not about refreshing a list', async () => {
    const store = useProfilesStore()
    await store.load()
    await store.create({ name: 'Emulator', baseUrl: env.emulator.url, apiKey: env.emulator.keys.admin })
    env.emulator.setFaults({ path: '/api/environment/profile', action: { type: 'status', status: 404 } })
    try {
      const w = await mountView()
      await w.findAll('nav li button')[1]!.trigger('click')
      await button(w, 'Test connection').trigger('click')
      await until(() => w.find('[data-testid="connection-result"]').exists(), 'the test result')
      const result = w.get('[data-testid="connection-result"]').text()
      expect(result).toContain('Not found in DQOps')
      expect(result).toContain('Check the base URL')
      expect(result).not.toContain('Refresh the list')
      expect(result).toMatch(/base URL .*may not point at DQOps/)
    } finally {
      env.emulator.setFaults(null)
    }
  })

  it('never renders a stored key: placeholder, Replace and Remove only', async () => {
    const w = await mountView()
    const key = env.emulator.keys.admin
    const keyInput = () => inputByLabel(w, 'API key')
    expect(keyInput().attributes('placeholder')).toBe('Paste the key from DQOps')
    await keyInput().setValue(key)
    await w.get('section.api-key form').trigger('submit')
    await until(() => useProfilesStore().profiles[0]!.hasApiKey, 'the key to be saved')
    await flushPromises()

    expect(keyInput().attributes('placeholder')).toBe('Stored in your keychain')
    expect(keyInput().element.value).toBe('')
    expect(keyInput().attributes('disabled')).toBeDefined()
    expect(button(w, 'Replace key').exists()).toBe(true)
    expect(button(w, 'Remove key').exists()).toBe(true)
    expect(w.text()).toContain('Key of admin@example.com (admin)')
    const everything = () =>
      document.body.innerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join('\n')
    expect(everything()).not.toContain(key)

    await button(w, 'Replace key').trigger('click')
    await flushPromises()
    expect(keyInput().element.value).toBe('')
    expect(document.activeElement).toBe(keyInput().element)
    await keyInput().setValue(env.emulator.keys.viewer)
    await w.get('section.api-key form').trigger('submit')
    await until(
      () => useProfilesStore().profiles[0]!.keyOwner?.accountRole === 'viewer',
      'the key to be replaced',
    )
    await flushPromises()
    expect(everything()).not.toContain(env.emulator.keys.viewer)

    await button(w, 'Remove key').trigger('click')
    await until(() => !useProfilesStore().profiles[0]!.hasApiKey, 'the key to be removed')
    await flushPromises()
    expect(w.get('section.api-key').text()).toContain('No key')
  })

  it('shows a keychain failure with its remedy next to the key field', async () => {
    await env.main.close()
    env.main = await startMainBridge({ keychain: 'unavailable' })
    setBridge(env.main.bridge)
    const w = await mountView()
    await inputByLabel(w, 'API key').setValue(env.emulator.keys.admin)
    await w.get('section.api-key form').trigger('submit')
    await until(() => w.find('section.api-key [data-testid="error-panel"]').exists(), 'the keychain error')
    const panel = w.get('section.api-key [data-testid="error-panel"]')
    expect(panel.attributes('data-code')).toBe('keychain-unavailable')
    expect(panel.text()).toContain('The OS keychain is not available')
    expect(panel.text()).toMatch(/gnome-keyring/)
    expect(w.get('[data-testid="keychain-banner"]').text()).toMatch(/not available/)
    expect(document.body.innerHTML).not.toContain(env.emulator.keys.admin)
  })

  it('tests the connection: success names the user, role and rights; a closed port says why', async () => {
    const store = useProfilesStore()
    await store.load()
    await store.create({ name: 'Emulator', baseUrl: env.emulator.url, apiKey: env.emulator.keys.admin })
    await store.create({ name: 'Closed', baseUrl: `http://127.0.0.1:${await closedPort()}` })
    const w = await mountView()

    await w.findAll('nav li button')[1]!.trigger('click')
    await button(w, 'Test connection').trigger('click')
    expect(w.text()).toContain('Testing…')
    await until(() => w.find('[data-testid="connection-result"]').exists(), 'the test result')
    const ok = w.get('[data-testid="connection-result"]')
    expect(ok.attributes('data-tone')).toBe('ok')
    expect(ok.text()).toContain('Connected')
    expect(w.get('[data-testid="result-user"]').text()).toBe('admin@example.com')
    expect(w.get('[data-testid="result-role"]').text()).toBe('admin')
    expect(ok.text()).toContain('ENTERPRISE')
    expect(w.get('[data-testid="result-manage-users"]').text()).toBe('Yes')
    expect(ok.text()).toMatch(/User limit\s*\d+/)

    await w.findAll('nav li button')[2]!.trigger('click')
    expect(w.find('[data-testid="connection-result"]').exists()).toBe(false)
    await button(w, 'Test connection').trigger('click')
    await until(() => w.find('[data-testid="connection-result"]').exists(), 'the failure result')
    const bad = w.get('[data-testid="connection-result"]')
    expect(bad.attributes('data-tone')).toBe('error')
    expect(bad.text()).toContain('Cannot connect')
    expect(bad.text()).toContain('The DQOps server cannot be reached')
    expect(bad.text()).toContain('Not reachable')
  })

  it('asks before deleting: Escape keeps the profile, confirming deletes it', async () => {
    const store = useProfilesStore()
    await store.load()
    await store.create({ name: 'Doomed', baseUrl: env.emulator.url })
    const w = await mountView()
    await w.findAll('nav li button')[1]!.trigger('click')

    await button(w, 'Delete…').trigger('click')
    await flushPromises()
    const dialog = () => document.querySelector('[role="alertdialog"]')
    expect(dialog()?.textContent).toContain('Delete the profile “Doomed”?')
    expect(dialog()?.contains(document.activeElement)).toBe(true)
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await until(() => dialog() === null, 'the dialog to close')
    expect(store.profiles.map((p) => p.name)).toContain('Doomed')

    await button(w, 'Delete…').trigger('click')
    await flushPromises()
    const confirm = [...dialog()!.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Delete profile',
    )
    confirm!.click()
    await until(() => !store.profiles.some((p) => p.name === 'Doomed'), 'the profile to be deleted')
    expect(store.profiles.map((p) => p.name)).toEqual(['Local DQOps'])
  })

  it('shows notices until dismissed, and the outcome of export and import', async () => {
    const store = useProfilesStore()
    await store.load()
    store.apply({
      profiles: store.profiles,
      activeId: store.activeId,
      keychain: store.keychain,
      notices: ['The profiles file was damaged and moved to profiles.corrupt-1.json.'],
    })
    const w = await mountView()
    expect(w.get('[data-testid="profiles-notice"]').text()).toContain('profiles.corrupt-1.json')
    await w.get('[data-testid="profiles-notice"] button').trigger('click')
    expect(w.find('[data-testid="profiles-notice"]').exists()).toBe(false)

    env.main.dialogAnswers.save = `${env.main.userDataDir}/out.json`
    await button(w, 'Export…').trigger('click')
    await until(() => w.find('[data-testid="transfer-result"]').exists(), 'the export result')
    expect(w.get('[data-testid="transfer-result"]').text()).toContain(
      `Exported 1 profile to ${env.main.dialogAnswers.save}`,
    )

    env.main.dialogAnswers.open = env.main.dialogAnswers.save
    await button(w, 'Import…').trigger('click')
    const result = () => w.find('[data-testid="transfer-result"]')
    await until(() => result().exists() && result().text().includes('from'), 'the import result')
    const text = w.get('[data-testid="transfer-result"]').text()
    expect(text).toContain(`from ${env.main.dialogAnswers.open}`)
    expect(text).toMatch(/Imported|Skipped/)
  })
})

describe('profile switcher', () => {
  it('shows the active connection and who I am, and switches by keyboard', async () => {
    const store = useProfilesStore()
    await store.load()
    const admin = await store.create({
      name: 'Emulator',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.admin,
    })
    await store.create({ name: 'Viewer', baseUrl: env.emulator.url, apiKey: env.emulator.keys.viewer })
    await store.setActive(admin.id)
    env.pinia = createPinia() // a fresh app start: the switcher loads and checks by itself
    setActivePinia(env.pinia)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:p(.*)*', component: { render: () => null } }],
    })
    const w = mount(ProfileSwitcher, { global: { plugins: [env.pinia, router] }, attachTo: document.body })
    const session = useSessionStore()
    await until(() => session.status === 'ok', 'the first session check')
    const trigger = w.get('[data-testid="profile-switcher"]')
    expect(trigger.text()).toContain('Emulator')
    expect(trigger.text()).toContain('admin@example.com (admin)')
    expect(trigger.get('.dot').classes()).toContain('ok')
    expect(trigger.attributes('title')).toContain('Ctrl+K')

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }))
    await until(() => document.querySelectorAll('[role="menuitemradio"]').length === 3, 'the switcher menu')
    const viewer = [...document.querySelectorAll<HTMLElement>('[role="menuitemradio"]')].find((e) =>
      e.textContent?.includes('Viewer'),
    )
    viewer!.click()
    await until(() => useProfilesStore().active?.name === 'Viewer', 'the switch')
    await until(() => session.status === 'ok' && session.me === 'viewer@example.com', 'the new session check')
    expect(w.get('[data-testid="profile-switcher"]').text()).toContain('viewer@example.com (viewer)')
  })
})
