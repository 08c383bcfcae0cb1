/**
 * A modal dialog on the native <dialog> element: the browser traps focus,
 * Escape closes it, and focus returns to where it was.
 */
import { createEffect, type JSX, onCleanup } from "solid-js"

export const Dialog = (props: {
  open: boolean
  title: string
  onClose: () => void
  children: JSX.Element
}) => {
  let dialog: HTMLDialogElement | undefined
  const titleId = `dialog-${Math.random().toString(36).slice(2)}`
  createEffect(() => {
    if (dialog === undefined) return
    if (props.open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal()
      else dialog.setAttribute("open", "")
    } else if (!props.open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close()
      else dialog.removeAttribute("open")
    }
  })
  onCleanup(() => dialog?.open && dialog.close?.())
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      onClose={() => props.onClose()}
      onCancel={(e) => {
        e.preventDefault()
        props.onClose()
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  )
}
