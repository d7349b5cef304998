/**
 * Connection profiles end to end: real Chromium on the built renderer, the real main services behind
 * the bridge (temp user-data dir, memory keychain) and the DQOps emulator on 127.0.0.1.
 * Screenshots of each state go to test-results/screenshots/profiles-*.png.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startEmulator, type Emulator } from '../dqops-emulator/index'
import { startHarness } from './support/harness'
import { expect, test } from './support/fixtures'

let emulator: Emulator
test.beforeAll(async () => {
  emulator = await startEmulator()
})
test.afterAll(async () => {
  await emulator.close()
})

/** A 127.0.0.1 port nothing listens on: opened, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  await new Promise<void>((r) => server.close(() => r()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

function profileItem(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Connection profiles' })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
}

async function createProfile(page: Page, name: string, url: string) {
  await page.getByRole('button', { name: 'New connection' }).click()
  const form = page.getByRole('form', { name: 'New connection profile' })
  await form.getByLabel('Name').fill(name)
  await form.getByLabel('DQOps address (base URL)').fill(url)
  await form.getByLabel('DQOps address (base URL)').press('Enter') // forms submit on Enter
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible()
}

test('profiles: create, key, test, switch, restart, export and import', async ({
  page,
  harness,
  shot,
  cspViolations,
  context,
}) => {
  test.setTimeout(120_000)
  const adminKey = emulator.keys.admin
  await page.setViewportSize({ width: 1200, height: 1000 })
  await harness.open(page, '#/profiles')

  // First run: one ready profile and the guide to getting an API key.
  await expect(page.getByRole('heading', { name: 'Getting started' })).toBeVisible()
  await expect(page.getByText('Generate API key')).toBeVisible()
  await expect(profileItem(page, 'Local DQOps')).toContainText('Active')
  await expect(profileItem(page, 'Local DQOps')).toContainText('No key')
  await shot('profiles-01-first-run')

  // Inline validation in the new-profile form.
  await page.getByRole('button', { name: 'New connection' }).click()
  const form = page.getByRole('form', { name: 'New connection profile' })
  await form.getByLabel('Name').fill('local dqops')
  await form.getByLabel('DQOps address (base URL)').fill('http://dqops.example.com')
  await form.getByLabel('Notes').click()
  await expect(form.getByText('Another profile is already called “local dqops”')).toBeVisible()
  await expect(form.getByTestId('insecure-warning')).toBeVisible()
  await shot('profiles-02-form-validation')
  await form.getByRole('button', { name: 'Cancel' }).click()

  // A profile at the emulator, then its key through the write-only field.
  await createProfile(page, 'Emulator', emulator.url)
  const keyField = page.getByRole('region', { name: 'API key' }).getByLabel('API key')
  await keyField.fill(adminKey)
  await keyField.press('Enter')
  await expect(keyField).toHaveAttribute('placeholder', 'Stored in your keychain')
  await expect(keyField).toHaveValue('')
  await expect(page.getByRole('button', { name: 'Replace key' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove key' })).toBeVisible()
  await expect(profileItem(page, 'Emulator')).toContainText('Key of admin@example.com (admin)')
  expect(await page.content()).not.toContain(adminKey)

  await page.getByRole('button', { name: 'Test connection' }).click()
  const result = page.getByRole('region', { name: 'Connection test result' })
  await expect(result).toContainText('Connected')
  await expect(result.getByTestId('result-user')).toHaveText('admin@example.com')
  await expect(result.getByTestId('result-role')).toHaveText('admin')
  await expect(result.getByTestId('result-manage-users')).toHaveText('Yes')
  await shot('profiles-03-test-success')

  // A second profile at a closed port: the test says it cannot be reached.
  await createProfile(page, 'Closed port', `http://127.0.0.1:${await closedPort()}`)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(result).toContainText('Cannot connect')
  await expect(result).toContainText('The DQOps server cannot be reached')
  await shot('profiles-04-test-failure')

  // Switch to the emulator with the keyboard only: Ctrl+K, arrows, Enter.
  const switcher = page.getByTestId('profile-switcher')
  await expect(switcher).toHaveAttribute('title', /Ctrl\+K/)
  await page.keyboard.press('Control+k')
  const menu = page.getByRole('menu')
  await expect(menu).toBeVisible()
  await expect(menu.getByRole('menuitemradio')).toHaveCount(3)
  await shot('profiles-05-switcher-open')
  for (let i = 0; i < 5; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '')
    if (focused.includes('Emulator')) break
    await page.keyboard.press('ArrowDown')
  }
  await page.keyboard.press('Enter')
  await expect(menu).toBeHidden()
  await expect(switcher).toContainText('Emulator')
  await expect(switcher).toContainText('admin@example.com (admin)')
  await expect(switcher.locator('.dot')).toHaveClass(/ok/)
  await expect(profileItem(page, 'Emulator')).toContainText('Active')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).focus()
  await shot('profiles-06-switched')
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot('profiles-07-list-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Delete asks first: Escape keeps the profile.
  await profileItem(page, 'Closed port').click()
  await page.getByRole('button', { name: 'Delete…' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText('Delete the profile “Closed port”?')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await shot('profiles-08-delete-dialog')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(profileItem(page, 'Closed port')).toBeVisible()

  // "Restart": a new main (same user-data folder, same keychain) and a new page.
  const restarted = await startHarness({ userDataDir: harness.userDataDir, secrets: harness.secrets })
  const page2 = await context.newPage()
  const csp2: string[] = []
  page2.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp2.push(m.text())
  })
  const exportDir = await mkdtemp(join(tmpdir(), 'dqops-users-export-'))
  try {
    await page2.setViewportSize({ width: 1200, height: 1000 })
    await restarted.open(page2, '#/profiles')
    for (const name of ['Local DQOps', 'Emulator', 'Closed port'])
      await expect(profileItem(page2, name)).toBeVisible()
    await expect(profileItem(page2, 'Emulator')).toContainText('Active')
    await expect(profileItem(page2, 'Emulator')).toContainText('Key of admin@example.com (admin)')
    const switcher2 = page2.getByTestId('profile-switcher')
    await expect(switcher2).toContainText('admin@example.com (admin)') // checked at start
    await expect(page2.getByRole('heading', { name: 'Getting started' })).toBeHidden()
    await shot('profiles-09-after-restart', page2)

    // Export, delete one, import it back: the rest is skipped with the reason.
    restarted.dialogAnswers.save = join(exportDir, 'profiles.json')
    await page2.getByRole('button', { name: 'Export…' }).click()
    await expect(page2.getByTestId('transfer-result')).toContainText(
      `Exported 3 profiles to ${restarted.dialogAnswers.save}`,
    )
    const exported = await readFile(restarted.dialogAnswers.save, 'utf8')
    expect(exported).toContain('Closed port')
    expect(exported).not.toContain(adminKey)

    await profileItem(page2, 'Closed port').click()
    await page2.getByRole('button', { name: 'Delete…' }).click()
    await page2.getByRole('alertdialog').getByRole('button', { name: 'Delete profile' }).click()
    await expect(profileItem(page2, 'Closed port')).toHaveCount(0)
    await expect(profileItem(page2, 'Emulator')).toBeFocused() // the focus lands on the list, not on <body>

    restarted.dialogAnswers.open = restarted.dialogAnswers.save
    await page2.getByRole('button', { name: 'Import…' }).click()
    const report = page2.getByTestId('transfer-result')
    await expect(report).toContainText(`Imported 1 profile from ${restarted.dialogAnswers.open}`)
    await expect(report).toContainText('Imported: Closed port.')
    await expect(report).toContainText('Skipped 2')
    await expect(profileItem(page2, 'Closed port')).toContainText('No key')
    await shot('profiles-10-import-result', page2)
    await page2.emulateMedia({ colorScheme: 'dark' })
    await shot('profiles-11-import-result-dark', page2)

    for (const line of [...harness.logLines, ...restarted.logLines]) expect(line).not.toContain(adminKey)
    expect(csp2).toEqual([])
  } finally {
    await page2.close()
    await restarted.close()
    await rm(exportDir, { recursive: true, force: true })
  }
  expect(cspViolations).toEqual([])
})
