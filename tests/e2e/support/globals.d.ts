import type { ContractApi } from '../../../shared/contract'

declare global {
  interface Window {
    /** The bridge the harness installs, shaped like the preload's. */
    dqops: ContractApi
  }
}
