/// <reference types="vite/client" />
import type { ContractApi } from '../../shared/contract'

declare global {
  interface Window {
    /** The preload's bridge: one function per contract channel. */
    dqops: ContractApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
