/** Shared by every DOM test: unmount what a test mounted and forget any bridge it installed. */
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach } from 'vitest'
import { setBridge } from '../../renderer/src/api/client'

enableAutoUnmount(afterEach)
afterEach(() => setBridge(null))
