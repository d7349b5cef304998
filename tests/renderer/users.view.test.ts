/**
 * The users view and its dialogs in happy-dom, backed by the real main services and the DQOps
 * emulator. Each step is checked in the DOM and, for changes, in the emulator's state.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { SELF_DELETE_REASON, SELF_DEMOTE_REASON } from '../../renderer/src/components/users/use-user-actions'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import UsersView from '../../renderer/src/views/UsersView.vue'
import { startDqopsEmulator, useRealMain } from './profiles.support'
import { activeProfile, byTestId, click, inBody, type, until } from './users.support'

const env = useRealMain({ resetEmulator: true })
afterEach(() => {
  vi.restoreAllMocks() // runs before useRealMain closes main
})

async function mountUsers(apiKey: string | null = env.emulator.keys.admin): Promise<VueWrapper> {
  await activeProfile(env.emulator.url, apiKey)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }],
  })
  const w = mount(UsersView, { global: { plugins: [env.pinia, router] }, attachTo: document.body })
  await flushPromises()
  return w
}
const rows = () => [...document.querySelectorAll<HTMLElement>('[data-testid="user-row"]')]
const rowEmails = () => rows().map((r) => r.dataset['email'])
const row = (email: string) => {
  const r = rows().find((x) => x.dataset['email'] === email)
  if (!r) throw new Error(`No row for ${email}: ${rowEmails().join(', ')}`)
  return r
}
const inRow = (email: string, testid: string) =>
  row(email).querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`)!
const listShown = () => rows().length > 0

describe('the list', () => {
  it('shows every user with role and domain roles, the count against the limit, and my own row', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    expect(rowEmails()).toEqual([
      'admin@example.com',
      'editor@example.com',
      'none@example.com',
      'operator@example.com',
      'viewer@example.com',
    ])
    expect(byTestId('user-count').textContent).toBe('5 of 100 users')
    expect(row('viewer@example.com').textContent).toContain('finance: editor')
    expect(row('admin@example.com').querySelector('[data-testid="you-badge"]')).not.toBeNull()
    expect(row('editor@example.com').querySelector('[data-testid="you-badge"]')).toBeNull()
  })

  it('blocks deleting my own row, with the reason, and nobody else’s', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    const own = inRow('admin@example.com', 'row-delete')
    expect(own.getAttribute('aria-disabled')).toBe('true')
    expect(own.title).toBe(SELF_DELETE_REASON)
    expect(document.getElementById(own.getAttribute('aria-describedby')!)?.textContent).toBe(
      SELF_DELETE_REASON,
    )
    await click(own)
    expect(inBody('[data-testid="delete-user-dialog"]')).toBeNull()
    expect(inRow('editor@example.com', 'row-delete').getAttribute('aria-disabled')).toBeNull()
  })

  it('searches as you type, filters by role, and sorts by email or role', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await type(byTestId('user-search'), 'OPER')
    expect(rowEmails()).toEqual(['operator@example.com'])
    expect(byTestId('user-count').textContent).toBe('1 shown · 5 of 100 users')
    await type(byTestId('user-search'), 'zzz')
    expect(byTestId('users-no-match').textContent).toContain('No user matches “zzz”')
    await type(byTestId('user-search'), '')
    const filter = byTestId<HTMLSelectElement>('role-filter')
    filter.value = 'viewer'
    filter.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(rowEmails()).toEqual(['viewer@example.com'])
    filter.value = 'all'
    filter.dispatchEvent(new Event('change'))
    await flushPromises()
    await click(byTestId('sort-role'))
    expect(rowEmails()).toEqual([
      'admin@example.com',
      'editor@example.com',
      'operator@example.com',
      'viewer@example.com',
      'none@example.com',
    ])
    await click(byTestId('sort-role'))
    expect(rowEmails()[0]).toBe('none@example.com')
    await click(byTestId('sort-email'))
    expect(rowEmails()[0]).toBe('admin@example.com')
    await click(byTestId('sort-email'))
    expect(rowEmails()[0]).toBe('viewer@example.com')
  })

  it('renders only the visible rows of 10,000 users', async () => {
    await env.emulator.close()
    env.emulator = await startDqopsEmulator({ seedUsers: 10_000 })
    await mountUsers()
    await until(listShown, 'the rows')
    expect(byTestId('user-count').textContent).toBe('10005 of 10105 users')
    expect(rows().length).toBeGreaterThan(5)
    expect(rows().length).toBeLessThan(60)
    await type(byTestId('user-search'), 'user0999')
    expect(rowEmails()).toHaveLength(10)
    await env.emulator.close()
    env.emulator = await startDqopsEmulator()
  })

  it('disables Add user with the reason when the licence’s limit is reached', async () => {
    env.emulator.configure({ usersLimit: 5 })
    await mountUsers()
    await until(listShown, 'the rows')
    const add = byTestId('add-user')
    expect(add.getAttribute('aria-disabled')).toBe('true')
    const reason = document.getElementById(add.getAttribute('aria-describedby')!)!
    expect(reason.textContent).toContain('The licence allows 5 users and the account has 5')
    expect(reason.classList.contains('visually-hidden')).toBe(false)
    await click(add)
    expect(inBody('[data-testid="create-user-dialog"]')).toBeNull()
  })
})

describe('states', () => {
  it('a standalone (FREE) instance explains why there are no users', async () => {
    env.emulator.configure({ licence: 'FREE' })
    await mountUsers()
    await until(() => inBody('[data-testid="standalone"]') !== null, 'the explanation')
    expect(byTestId('standalone').textContent).toMatch(/not paired with DQOps Cloud.*TEAM or ENTERPRISE/s)
    expect(inBody('[data-testid="user-table"]')).toBeNull()
  })

  it('a viewer sees admin actions disabled with the reason, and may change their own password', async () => {
    await mountUsers(env.emulator.keys.viewer)
    await until(() => inBody('[data-testid="not-admin"]') !== null, 'the not-admin panel')
    const add = byTestId('add-user')
    expect(add.getAttribute('aria-disabled')).toBe('true')
    expect(add.title).toBe('Only account admins can manage users; your role is viewer.')
    expect(byTestId('not-admin').textContent).toContain('your role is viewer')
    expect(byTestId('open-my-password').getAttribute('aria-disabled')).toBeNull()
    // The list was never asked for: DQOps would refuse it.
    expect(env.emulator.state.requests.some((r) => r.apiPath === '/api/users')).toBe(false)
  })

  it('a refused key says so and offers to edit the profile', async () => {
    await mountUsers(env.emulator.keys.invalid)
    await until(() => inBody('[data-testid="error-panel"]') !== null, 'the error')
    expect(byTestId('error-panel').dataset['code']).toBe('unauthorized')
    expect(byTestId('error-panel').textContent).toContain('DQOps did not accept the API key')
    expect(byTestId('edit-profile-link').textContent).toContain('Edit the connection profile')
  })

  it('a check that could not finish (500 on the caller’s profile) says so and lists the users anyway', async () => {
    env.emulator.setFaults({
      path: '/api/environment/profile',
      times: 1,
      action: { type: 'status', status: 500 },
    })
    await mountUsers()
    await until(listShown, 'the rows')
    expect(inBody('[data-testid="not-admin"]')).toBeNull()
    expect(document.body.textContent).not.toContain('only as an account admin')
    expect(document.body.textContent).not.toContain('licence or role')
    expect(byTestId('manage-reason').textContent).toMatch(
      /Could not check what this key may do: DQOps failed with an internal error \(HTTP 500\)/,
    )
    expect(rows()).toHaveLength(5)
  })

  it('a list DQOps refuses (403) gets a hint that fits listing, not adding a user', async () => {
    env.emulator.setFaults({ method: 'GET', path: '/api/users', action: { type: 'status', status: 403 } })
    await mountUsers()
    await until(() => inBody('[data-testid="error-panel"]') !== null, 'the error')
    const panel = byTestId('error-panel')
    expect(panel.dataset['code']).toBe('forbidden')
    expect(panel.textContent).toContain('DQOps refused to list the users')
    expect(panel.textContent).not.toMatch(/already exist/i)
    expect(panel.querySelector('.hint')?.textContent).toMatch(/role or the instance’s licence/)
  })

  it('after the profile’s key changes (admin → viewer), the admin’s list is gone, not shown stale', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    const profiles = useProfilesStore()
    await profiles.setApiKey(profiles.activeId!, env.emulator.keys.viewer)
    await until(() => inBody('[data-testid="not-admin"]') !== null, 'the not-admin panel')
    expect(rows()).toHaveLength(0)
    expect(inBody('[data-testid="user-table"]')).toBeNull()
    expect(byTestId('not-admin').textContent).toContain('your role is viewer')
  })

  it('an unreachable server keeps the last list visible, marked stale', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    env.emulator.setFaults({ action: { type: 'reset' } })
    await click(byTestId('refresh'))
    await until(() => inBody('[data-testid="stale-banner"]') !== null, 'the stale banner')
    expect(byTestId('stale-banner').textContent).toContain('The DQOps server cannot be reached')
    expect(byTestId('stale-banner').textContent).toContain('may be out of date')
    expect(rows()).toHaveLength(5)
    expect(byTestId('user-table').classList.contains('stale')).toBe(true)
    env.emulator.setFaults(null)
    await click(byTestId('retry'))
    await until(() => inBody('[data-testid="stale-banner"]') === null, 'the list to be fresh again')
  })
})

describe('dialogs', () => {
  it('creates a user with a first password', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(byTestId('add-user'))
    const dialog = byTestId('create-user-dialog')
    await type(byTestId('create-email'), 'bad-email')
    await click(byTestId('create-submit'))
    expect(dialog.textContent).toContain('Enter an email address like name@example.com.')
    await type(byTestId('create-email'), 'carol@example.com')
    await click(dialog.querySelector('input[data-role="operator"]')!)
    const sales = dialog.querySelector<HTMLSelectElement>('select[data-domain="sales"]')!
    sales.value = 'editor'
    sales.dispatchEvent(new Event('change'))
    await click(byTestId('create-with-password'))
    await type(byTestId('password-input'), 'Carol-Passw0rd')
    await type(byTestId('password-confirm'), 'Carol-Passw0rd')
    await click(byTestId('create-submit'))
    await until(() => inBody('[data-testid="create-user-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.users.get('carol@example.com')).toMatchObject({
      accountRole: 'operator',
      dataDomainRoles: { sales: 'editor' },
      password: 'Carol-Passw0rd',
    })
    expect(rowEmails()).toContain('carol@example.com')
    expect(byTestId('user-count').textContent).toBe('6 of 100 users')
  })

  it('says clearly when the user was created but the password could not be set, and retries it', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(byTestId('add-user'))
    await type(byTestId('create-email'), 'dave@example.com')
    await click(byTestId('create-with-password'))
    await type(byTestId('password-input'), 'Dave-Passw0rd')
    await type(byTestId('password-confirm'), 'Dave-Passw0rd')
    env.emulator.setFaults({
      method: 'PUT',
      path: '/api/users/*',
      times: 1,
      action: { type: 'status', status: 500 },
    })
    await click(byTestId('create-submit'))
    await until(() => inBody('[data-testid="create-password-failed"]') !== null, 'the warning')
    expect(byTestId('create-password-failed').textContent).toContain(
      'dave@example.com was created, but its password could not be set',
    )
    expect(env.emulator.state.users.get('dave@example.com')?.password).toBeNull()
    expect(byTestId<HTMLInputElement>('password-input').value).toBe('Dave-Passw0rd')
    expect(byTestId('create-submit').textContent).toContain('Try the password again')
    await click(byTestId('create-submit'))
    await until(() => inBody('[data-testid="create-user-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.users.get('dave@example.com')?.password).toBe('Dave-Passw0rd')
  })

  it('explains DQOps’ empty 403 and keeps what was typed', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(byTestId('add-user'))
    await type(byTestId('create-email'), 'editor@example.com')
    await click(byTestId('create-submit'))
    await until(
      () => byTestId('create-user-dialog').querySelector('[data-testid="error-panel"]') !== null,
      'the error',
    )
    expect(byTestId('create-user-dialog').textContent).toContain(
      'DQOps refused: the user may already exist, or this key or instance may not allow it.',
    )
    expect(byTestId<HTMLInputElement>('create-email').value).toBe('editor@example.com')
  })

  it('edits the account role and the domain roles; the email is read-only', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(inRow('viewer@example.com', 'row-edit'))
    const dialog = byTestId('edit-user-dialog')
    expect(byTestId<HTMLInputElement>('edit-email').readOnly).toBe(true)
    expect(dialog.textContent).toContain('Views data quality results only.')
    expect(byTestId('edit-submit').getAttribute('aria-disabled')).toBe('true')
    await click(dialog.querySelector('input[data-role="editor"]')!)
    const finance = dialog.querySelector<HTMLSelectElement>('select[data-domain="finance"]')!
    expect(finance.value).toBe('editor')
    finance.value = 'none'
    finance.dispatchEvent(new Event('change'))
    const sales = dialog.querySelector<HTMLSelectElement>('select[data-domain="sales"]')!
    sales.value = 'operator'
    sales.dispatchEvent(new Event('change'))
    await click(byTestId('edit-submit'))
    await until(() => inBody('[data-testid="edit-user-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.users.get('viewer@example.com')).toMatchObject({
      accountRole: 'editor',
      dataDomainRoles: { sales: 'operator' },
    })
    expect(row('viewer@example.com').textContent).toContain('sales: operator')
  })

  it('blocks removing my own admin role, with the reason; my domain roles stay editable', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(inRow('admin@example.com', 'row-edit'))
    const dialog = byTestId('edit-user-dialog')
    expect(byTestId('role-reason').textContent).toBe(SELF_DEMOTE_REASON)
    const group = byTestId<HTMLFieldSetElement>('role-select')
    expect(group.disabled).toBe(true)
    expect(group.getAttribute('aria-describedby')).toBe(byTestId('role-reason').id)
    // Even if a role were picked, the dialog refuses to send it and says why.
    const viewer = dialog.querySelector<HTMLInputElement>('input[data-role="viewer"]')!
    viewer.checked = true
    viewer.dispatchEvent(new Event('change', { bubbles: true }))
    await flushPromises()
    const submit = byTestId('edit-submit')
    expect(submit.getAttribute('aria-disabled')).toBe('true')
    expect(submit.title).toBe(SELF_DEMOTE_REASON)
    await click(submit)
    expect(env.emulator.state.users.get('admin@example.com')?.accountRole).toBe('admin')
    // Back to admin, my own domain roles can still be changed.
    const admin = dialog.querySelector<HTMLInputElement>('input[data-role="admin"]')!
    admin.checked = true
    admin.dispatchEvent(new Event('change', { bubbles: true }))
    const sales = dialog.querySelector<HTMLSelectElement>('select[data-domain="sales"]')!
    sales.value = 'editor'
    sales.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(submit.getAttribute('aria-disabled')).toBeNull()
    await click(submit)
    await until(() => inBody('[data-testid="edit-user-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.users.get('admin@example.com')).toMatchObject({
      accountRole: 'admin',
      dataDomainRoles: { sales: 'editor' },
    })
    // Someone else's role is not locked.
    await click(inRow('editor@example.com', 'row-edit'))
    expect(inBody('[data-testid="role-reason"]')).toBeNull()
    expect(byTestId<HTMLFieldSetElement>('role-select').disabled).toBe(false)
  })

  it('an open dialog closes when another connection becomes active', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(inRow('editor@example.com', 'row-password'))
    expect(inBody('[data-testid="set-password-dialog"]')).not.toBeNull()
    const profiles = useProfilesStore()
    const other = await profiles.create({
      name: 'Other',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.viewer,
    })
    await profiles.setActive(other.id)
    await until(() => inBody('[data-testid="set-password-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.passwords).toHaveLength(0)
  })

  it('sets another user’s password with the checklist, and the server gets it as text/plain', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(inRow('editor@example.com', 'row-password'))
    await type(byTestId('password-input'), 'short')
    const unmet = () =>
      [...document.querySelectorAll('[data-testid="password-checklist"] li[data-met="false"]')].map((li) =>
        li.getAttribute('data-rule'),
      )
    expect(unmet()).toEqual(['length', 'upper', 'digit'])
    await click(byTestId('set-password-submit'))
    expect(byTestId('set-password-dialog').textContent).toContain('The password needs')
    expect(env.emulator.state.passwords).toHaveLength(0)
    await click(byTestId('password-generate'))
    expect(unmet()).toEqual([])
    const generated = byTestId<HTMLInputElement>('password-input').value
    expect(byTestId<HTMLInputElement>('password-confirm').value).toBe(generated)
    await click(byTestId('set-password-submit'))
    await until(() => inBody('[data-testid="set-password-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.passwords.at(-1)).toMatchObject({
      target: 'editor@example.com',
      text: generated,
    })
    expect(env.emulator.state.passwords.at(-1)?.contentType).toMatch(/^text\/plain/)
  })

  it('deletes a user only after the email is typed', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(inRow('operator@example.com', 'row-delete'))
    const submit = byTestId('delete-submit')
    expect(submit.getAttribute('aria-disabled')).toBe('true')
    await type(byTestId('delete-confirm'), 'operator@example')
    await click(submit)
    expect(env.emulator.state.users.has('operator@example.com')).toBe(true)
    await type(byTestId('delete-confirm'), 'operator@example.com')
    expect(submit.getAttribute('aria-disabled')).toBeNull()
    await click(submit)
    await until(() => inBody('[data-testid="delete-user-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.users.has('operator@example.com')).toBe(false)
    expect(rowEmails()).not.toContain('operator@example.com')
  })

  it('a server that starts failing shows the error and loses nothing typed', async () => {
    await mountUsers()
    await until(listShown, 'the rows')
    await click(inRow('editor@example.com', 'row-password'))
    await type(byTestId('password-input'), 'Kept-Passw0rd')
    await type(byTestId('password-confirm'), 'Kept-Passw0rd')
    env.emulator.setFaults({ action: { type: 'status', status: 503 } })
    await click(byTestId('set-password-submit'))
    await until(
      () => byTestId('set-password-dialog').querySelector('[data-testid="error-panel"]') !== null,
      'the error',
    )
    expect(byTestId('set-password-dialog').textContent).toContain('DQOps is not ready (503)')
    expect(byTestId<HTMLInputElement>('password-input').value).toBe('Kept-Passw0rd')
    expect(byTestId<HTMLInputElement>('password-confirm').value).toBe('Kept-Passw0rd')
    env.emulator.setFaults(null)
    await click(byTestId('set-password-submit'))
    await until(() => inBody('[data-testid="set-password-dialog"]') === null, 'the dialog to close')
    expect(env.emulator.state.users.get('editor@example.com')?.password).toBe('Kept-Passw0rd')
  })
})
