/**
 * Short messages after an action ("Request sent", "Could not save — undone"),
 * announced to screen readers; each disappears by itself.
 */
import { createContext, createSignal, For, type JSX, useContext } from "solid-js"

interface Toast {
  readonly id: number
  readonly text: string
  readonly kind: "info" | "error"
}

const makeToasts = () => {
  const [toasts, setToasts] = createSignal<readonly Toast[]>([])
  let next = 0
  const show = (text: string, kind: Toast["kind"] = "info") => {
    const id = ++next
    setToasts((ts) => [...ts, { id, text, kind }])
    setTimeout(() => setToasts((ts) => ts.filter((x) => x.id !== id)), 5000)
  }
  return { toasts, show }
}

const ToastContext = createContext<ReturnType<typeof makeToasts>>()

export const ToastProvider = (props: { children: JSX.Element }) => {
  const value = makeToasts()
  return (
    <ToastContext.Provider value={value}>
      {props.children}
      <div class="toasts" role="status" aria-live="polite">
        <For each={value.toasts()}>
          {(toast) => <p class={`toast toast-${toast.kind}`}>{toast.text}</p>}
        </For>
      </div>
    </ToastContext.Provider>
  )
}

export const useToasts = () => {
  const value = useContext(ToastContext)
  if (value === undefined) throw new Error("useToasts outside ToastProvider")
  return value
}
