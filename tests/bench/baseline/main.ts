/**
 * The benchmark's baseline: the same users, the same search/sort code (user-rows.ts) and the same
 * bridge as the app, rendered as a plain, non-virtualized table. Only rendering differs.
 */
import { computed, createApp, defineComponent, h, onMounted, ref, shallowRef } from 'vue'
import type { DqopsUser } from '../../../shared/dqops'
import {
  buildIndex,
  queryRows,
  type SortKey,
  type UserIndex,
} from '../../../renderer/src/components/users/user-rows'

const Baseline = defineComponent(() => {
  const index = shallowRef<UserIndex | null>(null)
  const text = ref('')
  const sort = ref<SortKey>('email')
  const rows = computed(() =>
    index.value
      ? queryRows(index.value, { text: text.value, role: 'all', sort: sort.value, dir: 'asc' })
      : [],
  )
  onMounted(async () => {
    const profileId = new URLSearchParams(location.search).get('profile') ?? ''
    const r = await window.dqops['users.list']({ profileId })
    if (r.ok) index.value = buildIndex(r.data as DqopsUser[])
  })
  return () =>
    h('div', [
      h('input', {
        'data-testid': 'user-search',
        value: text.value,
        onInput: (e: Event) => (text.value = (e.target as HTMLInputElement).value),
      }),
      h(
        'button',
        {
          'data-testid': 'sort-role',
          onClick: () => (sort.value = sort.value === 'role' ? 'email' : 'role'),
        },
        'Sort by role',
      ),
      h('table', [
        h(
          'tbody',
          rows.value.map((r) =>
            h('tr', { key: r.user.email, 'data-testid': 'user-row' }, [
              h('td', r.user.email),
              h('td', r.user.accountRole ?? ''),
              h('td', r.domains),
            ]),
          ),
        ),
      ]),
    ])
})

createApp(Baseline).mount('#app')
