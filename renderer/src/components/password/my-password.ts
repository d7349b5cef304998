/**
 * Whether the my-password dialog is open. The identity menu mounts the one dialog; anything else
 * (the shortcut, the users view's "Change my password…" button) opens it through here.
 */
import { ref } from 'vue'

const open = ref(false)

export function useMyPasswordDialog() {
  return { open }
}
