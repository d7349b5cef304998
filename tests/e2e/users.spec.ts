/**
 * User management end to end: real Chromium on the built renderer, the real main services behind
 * the bridge, the DQOps emulator on 127.0.0.1. After each step the emulator's state (users, the
 * record of received passwords) proves the request really happened.
 * Screenshots go to test-results/screenshots/users-*.png.
 */
import type { Page } from '@playwright/test'
import { startEmulator, type Emulator, type EmulatorOptions } from '../dqops-emulator/index'
import type { AppHarness } from './support/harness'
import { expect, test } from './support/fixtures'

let emu: Emulator | null = null
test.afterEach(async () => {
  await emu?.close()
  emu = null
})

/** A fresh emulator, a profile for it with this key made active through main, and the users page. */
async function connect(
  page: Page,
  harness: AppHarness,
  options: EmulatorOptions = {},
  role: 'admin' | 'viewer' | 'invalid' = 'admin',
) {
  emu = await startEmulator(options)
  const created = await harness.dispatcher.dispatch(
    'profiles.create',
    { name: 'Emulator', baseUrl: emu.url, apiKey: emu.keys[role] },
    harness.rendererUrl,
  )
  if (!created.ok) throw new Error(`profiles.create failed: ${created.error.message}`)
  const id = (created.data as { id: string }).id
  const active = await harness.dispatcher.dispatch('profiles.setActive', { id }, harness.rendererUrl)
  if (!active.ok) throw new Error(`profiles.setActive failed: ${active.error.message}`)
  await harness.open(page, '#/users')
  return emu
}

const row = (page: Page, email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`)
const rowEmails = (page: Page) =>
  page
    .locator('[data-testid="user-row"]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset['email']))

test('an admin lists, searches, sorts, creates, edits, sets a password, deletes and changes their own password', async ({
  page,
  harness,
  shot,
  cspViolations,
}) => {
  test.setTimeout(90_000)
  await page.setViewportSize({ width: 1200, height: 1000 })
  const e = await connect(page, harness)
  await expect(page.getByTestId('user-count')).toHaveText('5 of 100 users')
  await expect(page.locator('[data-testid="user-row"]')).toHaveCount(5)
  await expect(row(page, 'admin@example.com').getByTestId('you-badge')).toBeVisible()
  await expect(page.getByTestId('identity-menu')).toContainText('admin@example.com')

  await page.emulateMedia({ colorScheme: 'light' })
  await shot('users-list-light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot('users-list-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Search as you type, then sort.
  await page.getByTestId('user-search').fill('oper')
  await expect(rowEmails(page)).resolves.toEqual(['operator@example.com'])
  await expect(page.getByTestId('user-count')).toHaveText('1 shown · 5 of 100 users')
  await shot('users-list-search')
  await page.getByTestId('user-search').fill('')
  await page.getByTestId('sort-role').click()
  await expect(rowEmails(page)).resolves.toEqual([
    'admin@example.com',
    'editor@example.com',
    'operator@example.com',
    'viewer@example.com',
    'none@example.com',
  ])
  await page.getByTestId('sort-email').click()
  await expect(page.locator('[data-testid="user-row"]').first()).toHaveAttribute(
    'data-email',
    'admin@example.com',
  )

  // Self-delete is blocked, with the reason.
  const ownDelete = row(page, 'admin@example.com').getByTestId('row-delete')
  await expect(ownDelete).toHaveAttribute('aria-disabled', 'true')
  await expect(ownDelete).toHaveAttribute('title', /cannot delete your own account/)

  // Create with a first password (Enter submits).
  await page.getByTestId('add-user').click()
  const create = page.getByTestId('create-user-dialog')
  await expect(create).toBeVisible()
  await page.getByTestId('create-email').fill('carol@example.com')
  await create.locator('input[data-role="operator"]').check()
  await create.locator('select[data-domain="sales"]').selectOption('editor')
  await page.getByTestId('create-with-password').check()
  await page.getByTestId('password-input').fill('Carol-Passw0rd')
  await page.getByTestId('password-confirm').fill('Carol-Passw0rd')
  await expect(page.getByTestId('password-strength')).toContainText('Strength:')
  await shot('users-dialog-create')
  await page.getByTestId('password-confirm').press('Enter')
  await expect(create).toBeHidden()
  await expect(row(page, 'carol@example.com')).toBeVisible()
  await expect(page.getByTestId('user-count')).toHaveText('6 of 100 users')
  expect(e.state.users.get('carol@example.com')).toMatchObject({
    accountRole: 'operator',
    dataDomainRoles: { sales: 'editor' },
    password: 'Carol-Passw0rd',
  })
  expect(e.state.passwords.at(-1)).toMatchObject({
    target: 'carol@example.com',
    text: 'Carol-Passw0rd',
    status: 204,
  })

  // Edit roles and domain roles.
  await row(page, 'carol@example.com').getByTestId('row-edit').click()
  const edit = page.getByTestId('edit-user-dialog')
  await expect(page.getByTestId('edit-email')).toHaveJSProperty('readOnly', true)
  await edit.locator('input[data-role="editor"]').check()
  await edit.locator('select[data-domain="finance"]').selectOption('viewer')
  await shot('users-dialog-edit')
  await page.getByTestId('edit-submit').click()
  await expect(edit).toBeHidden()
  await expect(row(page, 'carol@example.com')).toContainText('editor')
  await expect(row(page, 'carol@example.com')).toContainText('finance: viewer')
  expect(e.state.users.get('carol@example.com')).toMatchObject({
    accountRole: 'editor',
    dataDomainRoles: { sales: 'editor', finance: 'viewer' },
  })

  // Set another user's password with the generator.
  await row(page, 'editor@example.com').getByTestId('row-password').click()
  const setPw = page.getByTestId('set-password-dialog')
  await page.getByTestId('password-input').fill('short')
  await expect(setPw.locator('[data-rule="upper"]')).toHaveAttribute('data-met', 'false')
  await page.getByTestId('password-generate').click()
  await expect(setPw.locator('[data-met="false"]')).toHaveCount(0)
  const generated = await page.getByTestId('password-input').inputValue()
  await expect(page.getByTestId('password-strength')).toContainText(/Strong|Very strong/)
  await shot('users-dialog-set-password')
  await page.getByTestId('set-password-submit').click()
  await expect(setPw).toBeHidden()
  expect(e.state.passwords.at(-1)).toMatchObject({
    target: 'editor@example.com',
    text: generated,
    status: 204,
  })
  expect(e.state.passwords.at(-1)?.contentType).toMatch(/^text\/plain/)

  // Delete, typing the email.
  await row(page, 'carol@example.com').getByTestId('row-delete').click()
  const del = page.getByTestId('delete-user-dialog')
  await expect(page.getByTestId('delete-submit')).toHaveAttribute('aria-disabled', 'true')
  await page.getByTestId('delete-confirm').fill('carol@example.com')
  await shot('users-dialog-delete')
  await page.getByTestId('delete-confirm').press('Enter')
  await expect(del).toBeHidden()
  await expect(row(page, 'carol@example.com')).toHaveCount(0)
  expect(e.state.users.has('carol@example.com')).toBe(false)

  // The identity menu, then my own password through the shortcut.
  await page.getByTestId('identity-menu').click()
  await expect(page.getByTestId('menu-my-password')).toBeVisible()
  await shot('users-identity-menu')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Shift+M')
  const mine = page.getByTestId('my-password-dialog')
  await expect(mine).toBeVisible()
  await page.getByTestId('password-input').fill('Admin-New-Passw0rd')
  await page.getByTestId('password-confirm').fill('Admin-New-Passw0rd')
  await shot('users-dialog-my-password')
  await page.getByTestId('password-confirm').press('Enter')
  await expect(page.getByTestId('my-password-done')).toContainText('Your password was changed.')
  await shot('users-dialog-my-password-done')
  expect(e.state.passwords.at(-1)).toMatchObject({ target: 'me', text: 'Admin-New-Passw0rd', status: 204 })
  expect(e.state.users.get('admin@example.com')?.password).toBe('Admin-New-Passw0rd')
  await page.keyboard.press('Escape')
  await expect(mine).toBeHidden()

  // No password reached main's log or any other place it should not.
  for (const secret of ['Carol-Passw0rd', generated, 'Admin-New-Passw0rd']) {
    expect(harness.logLines.filter((l) => l.includes(secret))).toEqual([])
  }
  expect(cspViolations).toEqual([])
})

test('a viewer sees every admin action disabled with its reason and still changes their own password', async ({
  page,
  harness,
  shot,
}) => {
  const e = await connect(page, harness, {}, 'viewer')
  await expect(page.getByTestId('not-admin')).toContainText(
    'Only account admins can manage users; your role is viewer.',
  )
  const add = page.getByTestId('add-user')
  await expect(add).toHaveAttribute('aria-disabled', 'true')
  await expect(add).toHaveAttribute('title', 'Only account admins can manage users; your role is viewer.')
  await add.click({ force: true })
  await expect(page.getByTestId('create-user-dialog')).toHaveCount(0)
  await shot('users-viewer')

  await page.getByTestId('open-my-password').click()
  await page.getByTestId('password-input').fill('viewer@example.com')
  await expect(page.locator('[data-rule="not-user-name"]')).toHaveAttribute('data-met', 'false')
  await page.getByTestId('password-input').fill('Viewer-Passw0rd')
  await page.getByTestId('password-confirm').fill('Viewer-Passw0rd')
  await page.getByTestId('my-password-submit').click()
  await expect(page.getByTestId('my-password-done')).toBeVisible()
  expect(e.state.passwords.at(-1)).toMatchObject({ target: 'me', text: 'Viewer-Passw0rd', status: 204 })
  expect(e.state.users.get('viewer@example.com')?.password).toBe('Viewer-Passw0rd')
})

test('a standalone (FREE) instance explains why there are no users', async ({ page, harness, shot }) => {
  await connect(page, harness, { licence: 'FREE' })
  await expect(page.getByTestId('standalone')).toContainText('TEAM or ENTERPRISE')
  await expect(page.getByTestId('user-table')).toHaveCount(0)
  await page.getByTestId('identity-menu').click()
  await expect(page.getByTestId('menu-my-password')).toHaveAttribute('data-disabled', '')
  await expect(page.getByTestId('menu-my-password-reason')).toContainText('not paired with DQOps Cloud')
  await shot('users-standalone')
})

test('the user limit disables Add user with the reason', async ({ page, harness, shot }) => {
  await connect(page, harness, { usersLimit: 5 })
  await expect(page.getByTestId('user-count')).toHaveText('5 of 5 users')
  await expect(page.getByTestId('add-user')).toHaveAttribute('aria-disabled', 'true')
  await expect(page.getByRole('toolbar').getByTestId('reason')).toContainText(
    'The licence allows 5 users and the account has 5',
  )
  await shot('users-limit')
})

test('a refused key says so and offers to edit the profile', async ({ page, harness, shot }) => {
  await connect(page, harness, {}, 'invalid')
  await expect(page.getByTestId('error-panel')).toHaveAttribute('data-code', 'unauthorized')
  await expect(page.getByTestId('edit-profile-link')).toBeVisible()
  await shot('users-error-401')
  await page.getByTestId('edit-profile-link').click()
  await expect(page).toHaveURL(/#\/profiles$/)
})

test('a server that starts failing: the list stays visible marked stale, and an open form keeps what was typed', async ({
  page,
  harness,
  shot,
}) => {
  const e = await connect(page, harness)
  await expect(page.locator('[data-testid="user-row"]')).toHaveCount(5)

  // Unreachable on refresh: the last list stays, marked stale.
  e.setFaults({ action: { type: 'reset' } })
  await page.getByTestId('refresh').click()
  await expect(page.getByTestId('stale-banner')).toContainText('The DQOps server cannot be reached')
  await expect(page.locator('[data-testid="user-row"]')).toHaveCount(5)
  await shot('users-error-stale')
  e.setFaults(null)
  await page.getByTestId('retry').click()
  await expect(page.getByTestId('stale-banner')).toHaveCount(0)

  // The server fails while a form is open: the error shows, nothing typed is lost.
  await page.getByTestId('add-user').click()
  await page.getByTestId('create-email').fill('erin@example.com')
  await page.getByTestId('create-user-dialog').locator('input[data-role="editor"]').check()
  await page.getByTestId('create-with-password').check()
  await page.getByTestId('password-input').fill('Erin-Passw0rd')
  await page.getByTestId('password-confirm').fill('Erin-Passw0rd')
  e.setFaults({ action: { type: 'status', status: 500 } })
  await page.getByTestId('create-submit').click()
  const dialog = page.getByTestId('create-user-dialog')
  await expect(dialog.getByTestId('error-panel')).toContainText('DQOps had an internal error')
  await expect(page.getByTestId('create-email')).toHaveValue('erin@example.com')
  await expect(dialog.locator('input[data-role="editor"]')).toBeChecked()
  await expect(page.getByTestId('password-input')).toHaveValue('Erin-Passw0rd')
  await expect(page.getByTestId('password-confirm')).toHaveValue('Erin-Passw0rd')
  await shot('users-dialog-create-error')
  expect(e.state.users.has('erin@example.com')).toBe(false)

  // Only the password step fails: the user exists, the dialog says so and can retry.
  e.setFaults({ method: 'PUT', path: '/api/users/*', times: 1, action: { type: 'status', status: 500 } })
  await page.getByTestId('create-submit').click()
  await expect(page.getByTestId('create-password-failed')).toContainText(
    'erin@example.com was created, but its password could not be set',
  )
  await shot('users-dialog-create-password-failed')
  expect(e.state.users.get('erin@example.com')).toMatchObject({ accountRole: 'editor', password: null })
  await page.getByTestId('create-submit').click()
  await expect(dialog).toBeHidden()
  expect(e.state.users.get('erin@example.com')?.password).toBe('Erin-Passw0rd')
})
