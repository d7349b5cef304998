/** The app frame in real Chromium, backed by the real main services through the harness bridge. */
import { CHANNELS } from '../../shared/channels'
import { expect, test } from './support/fixtures'

test('the shell shows the navigation and the About facts from app.info, light and dark', async ({
  page,
  harness,
  shot,
  cspViolations,
}) => {
  await harness.open(page, '#/about')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  for (const name of ['Users', 'Connections', 'About']) {
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })).toBeVisible()
  }
  await expect(page.getByRole('heading', { name: 'About DQOps Users' })).toBeVisible()
  await expect(page.getByTestId('app-version')).toHaveText('0.0.0-e2e')
  await expect(page.getByTestId('keychain-status')).toContainText('Available')

  await page.emulateMedia({ colorScheme: 'light' })
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await shot('shell-about-light')
  await page.emulateMedia({ colorScheme: 'dark' })
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await shot('shell-about-dark')
  expect(lightBg).toBe('rgb(246, 247, 249)')
  expect(darkBg).toBe('rgb(20, 23, 28)')
  expect(cspViolations).toEqual([])
})

test('the page sees exactly the contract functions, and a foreign frame is refused', async ({
  page,
  harness,
}) => {
  await harness.open(page, '#/about')
  const names = await page.evaluate(() => Object.keys(window.dqops).sort())
  expect(names).toEqual([...CHANNELS].sort())
  // The same bridge called from a URL that is not the app's page is refused by main.
  const refused = await harness.dispatcher.dispatch('app.info', {}, 'https://evil.example/')
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
})

test('keyboard: navigation links are reachable with Tab and follow Enter', async ({ page, harness }) => {
  await harness.open(page, '#/about')
  await page.keyboard.press('Tab') // skip link
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Users' })).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/profiles$/)
})
