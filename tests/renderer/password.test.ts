/**
 * The password parts: the live checklist and the submit rule, the reusable field (show/hide, copy,
 * generate, strength from the lazily loaded zxcvbn-ts), and the my-password dialog from the
 * identity menu and its shortcut, against the real main services and the DQOps emulator.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import IdentityMenu from '../../renderer/src/components/IdentityMenu.vue'
import { useMyPasswordDialog } from '../../renderer/src/components/password/my-password'
import PasswordField from '../../renderer/src/components/password/PasswordField.vue'
import { passwordChecklist, passwordFormProblem } from '../../renderer/src/components/password/rules'
import { loadStrengthEstimator } from '../../renderer/src/components/password/strength'
import { useProfilesStore } from '../../renderer/src/stores/profiles'
import { useRealMain } from './profiles.support'
import { activeProfile, byTestId, click, inBody, type, until } from './users.support'

describe('checklist and submit rule', () => {
  it('lists each policy rule, met or not', () => {
    const met = (pw: string) => Object.fromEntries(passwordChecklist(pw).map((i) => [i.id, i.met]))
    expect(met('')).toEqual({ length: false, lower: false, upper: false, digit: false })
    expect(met('abcdefgh')).toEqual({ length: true, lower: true, upper: false, digit: false })
    expect(met('Abcdefg1')).toEqual({ length: true, lower: true, upper: true, digit: true })
  })

  it('adds “differs from the user name” when the form knows whose password it is', () => {
    const rule = (pw: string) =>
      passwordChecklist(pw, 'Ann1@Example.com').find((i) => i.id === 'not-user-name')?.met
    expect(passwordChecklist('x').some((i) => i.id === 'not-user-name')).toBe(false)
    expect(rule('ann1@example.COM')).toBe(false)
    expect(rule('Other-Passw0rd')).toBe(true)
  })

  it('allows submitting only a policy-meeting, confirmed password', () => {
    expect(passwordFormProblem('', '')).toBe('Enter a password.')
    expect(passwordFormProblem('abc', 'abc')).toMatch(
      /^The password needs: at least 8 characters, an upper-case letter, a digit\.$/,
    )
    expect(passwordFormProblem('Abcdefg1', 'Abcdefg2')).toBe('The two passwords do not match.')
    expect(passwordFormProblem('Ann1@Example.com', 'Ann1@Example.com', 'ann1@example.com')).toMatch(
      /user name/,
    )
    expect(passwordFormProblem('Abcdefg1', 'Abcdefg1')).toBeNull()
  })

  it('estimates strength with zxcvbn-ts, loaded on demand', async () => {
    const estimate = await loadStrengthEstimator()
    expect(estimate('Password1', []).score).toBeLessThanOrEqual(1)
    expect(estimate('correct-Horse-battery-9-staple', []).score).toBeGreaterThanOrEqual(3)
    expect(estimate('ann.lee@example.com', ['ann.lee@example.com']).score).toBe(0)
  })
})

describe('PasswordField', () => {
  function mountField(userName: string | null = null) {
    const pw = ref('')
    const confirm = ref('')
    const Host = defineComponent(
      () => () =>
        h(PasswordField, {
          modelValue: pw.value,
          'onUpdate:modelValue': (v: string) => (pw.value = v),
          confirm: confirm.value,
          'onUpdate:confirm': (v: string) => (confirm.value = v),
          userName,
        }),
    )
    const w = mount(Host, { attachTo: document.body })
    return { w, pw, confirm }
  }
  const unmet = () =>
    [...document.querySelectorAll('[data-testid="password-checklist"] li[data-met="false"]')].map((li) =>
      li.getAttribute('data-rule'),
    )

  it('updates the checklist live, as you type', async () => {
    mountField('bob@example.com')
    expect(unmet()).toEqual(['length', 'lower', 'upper', 'digit', 'not-user-name'])
    await type(byTestId('password-input'), 'bob')
    expect(unmet()).toEqual(['length', 'upper', 'digit'])
    await type(byTestId('password-input'), 'Bob@example.com1')
    expect(unmet()).toEqual([])
    await type(byTestId('password-confirm'), 'Bob@example.com')
    expect(document.body.textContent).toContain('The two passwords do not match.')
    await type(byTestId('password-confirm'), 'Bob@example.com1')
    expect(document.body.textContent).toContain('The passwords match.')
  })

  it('shows and hides both fields', async () => {
    mountField()
    const input = byTestId<HTMLInputElement>('password-input')
    expect(input.type).toBe('password')
    await click(byTestId('password-toggle'))
    expect(input.type).toBe('text')
    expect(byTestId<HTMLInputElement>('password-confirm').type).toBe('text')
    expect(byTestId('password-toggle').getAttribute('aria-pressed')).toBe('true')
    await click(byTestId('password-toggle'))
    expect(input.type).toBe('password')
  })

  it('generates a strong password into both fields and copies it', async () => {
    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { pw, confirm } = mountField()
    await click(byTestId('password-generate'))
    expect(pw.value).toHaveLength(20)
    expect(confirm.value).toBe(pw.value)
    expect(unmet()).toEqual([])
    expect(byTestId<HTMLInputElement>('password-input').type).toBe('text')
    await click(byTestId('password-copy'))
    expect(writeText).toHaveBeenCalledWith(pw.value)
    await until(
      () => /Strength: (Strong|Very strong)/.test(byTestId('password-strength').textContent ?? ''),
      'the strength estimate',
    )
  })
})

describe('my password (real main services + emulator)', () => {
  const env = useRealMain({ resetEmulator: true })
  beforeEach(() => {
    useMyPasswordDialog().open.value = false // in the fresh Pinia useRealMain made active
  })

  async function mountMenu(apiKey: string) {
    await activeProfile(env.emulator.url, apiKey)
    const w = mount(IdentityMenu, { global: { plugins: [env.pinia] }, attachTo: document.body })
    await flushPromises()
    return w
  }
  const shortcut = () =>
    window.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'M', ctrlKey: true, shiftKey: true, bubbles: true }),
    )

  it('shows who I am; the shortcut opens the dialog; a viewer changes their own password', async () => {
    await mountMenu(env.emulator.keys.viewer)
    expect(byTestId('identity-menu').textContent).toContain('viewer@example.com')
    shortcut()
    await flushPromises()
    const dialog = byTestId('my-password-dialog')
    expect(dialog.textContent).toContain('as viewer@example.com')
    await type(byTestId('password-input'), 'Viewer-Passw0rd')
    await type(byTestId('password-confirm'), 'Viewer-Passw0rd')
    await click(byTestId('my-password-submit'))
    await until(() => inBody('[data-testid="my-password-done"]') !== null, 'the success message')
    expect(byTestId('my-password-done').textContent).toContain('Your password was changed.')
    expect(env.emulator.state.passwords.at(-1)).toMatchObject({
      target: 'me',
      text: 'Viewer-Passw0rd',
      status: 204,
    })
    expect(env.emulator.state.users.get('viewer@example.com')?.password).toBe('Viewer-Passw0rd')
  })

  it('refuses my user name as the password before sending anything', async () => {
    const email = 'Ann1@Example.com'
    env.emulator.state.users.set(email, { email, accountRole: 'viewer', dataDomainRoles: {}, password: null })
    await mountMenu(env.emulator.issueKey({ email, accountRole: 'viewer' }))
    useMyPasswordDialog().open.value = true
    await flushPromises()
    await type(byTestId('password-input'), email)
    await type(byTestId('password-confirm'), email)
    const rule = document.querySelector('[data-rule="not-user-name"]')!
    expect(rule.getAttribute('data-met')).toBe('false')
    await click(byTestId('my-password-submit'))
    expect(byTestId('my-password-submit').getAttribute('aria-disabled')).toBe('true')
    expect(byTestId('my-password-dialog').textContent).toContain('differs from the user name')
    expect(env.emulator.state.passwords).toHaveLength(0)
  })

  it('closes when another connection becomes active (Ctrl+K works over the dialog)', async () => {
    await mountMenu(env.emulator.keys.viewer)
    const profiles = useProfilesStore()
    const other = await profiles.create({
      name: 'Admin',
      baseUrl: env.emulator.url,
      apiKey: env.emulator.keys.admin,
    })
    shortcut()
    await flushPromises()
    expect(byTestId('my-password-dialog').textContent).toContain('as viewer@example.com')
    await type(byTestId('password-input'), 'Viewer-Passw0rd')
    await profiles.setActive(other.id)
    await until(() => inBody('[data-testid="my-password-dialog"]') === null, 'the dialog to close')
    expect(useMyPasswordDialog().open.value).toBe(false)
    expect(env.emulator.state.passwords).toHaveLength(0)
  })

  it('shows a 403 with words that fit changing my password', async () => {
    env.emulator.setFaults({
      method: 'PUT',
      path: '/api/mypassword',
      action: { type: 'status', status: 403 },
    })
    await mountMenu(env.emulator.keys.viewer)
    shortcut()
    await flushPromises()
    await type(byTestId('password-input'), 'Viewer-Passw0rd')
    await type(byTestId('password-confirm'), 'Viewer-Passw0rd')
    await click(byTestId('my-password-submit'))
    await until(
      () => inBody('[data-testid="my-password-dialog"] [data-testid="error-panel"]') !== null,
      'the error',
    )
    const panel = byTestId('my-password-dialog').querySelector('[data-testid="error-panel"]')!
    expect(panel.textContent).toContain('DQOps refused to change your password')
    expect(panel.textContent).not.toMatch(/already exist/i)
  })

  it('on a standalone instance the menu item is disabled with the reason, and the shortcut says why', async () => {
    env.emulator.configure({ licence: 'FREE' })
    await mountMenu(env.emulator.keys.admin)
    await click(byTestId('identity-menu'))
    byTestId('identity-menu').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }))
    await until(() => inBody('[data-testid="menu-my-password"]') !== null, 'the menu')
    const item = byTestId('menu-my-password')
    expect(item.hasAttribute('data-disabled')).toBe(true)
    const reason = document.getElementById(item.getAttribute('aria-describedby')!)
    expect(reason?.textContent).toContain('not paired with DQOps Cloud')
    shortcut()
    await flushPromises()
    expect(inBody('[data-testid="my-password-dialog"]')).toBeNull()
  })
})
