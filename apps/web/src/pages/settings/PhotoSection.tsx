/**
 * My photo: pick one, see it before it is saved, upload (PNG, JPEG or WebP,
 * up to 2 MiB — the server checks the bytes, not the name), or remove it.
 */
import { createSignal, onCleanup, Show } from "solid-js"
import { ApiError, api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { type Me, useSession } from "../../session.js"
import { Avatar } from "../../ui/Avatar.js"
import { FormError } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"

const TYPES = ["image/png", "image/jpeg", "image/webp"]
const MAX = 2 * 1024 * 1024

/** Uploads a photo; its bytes are the body, as the API wants them. */
export const uploadPhoto = async (file: Blob) => {
  const res = await fetch("/v1/me/photo", {
    method: "PUT",
    credentials: "same-origin",
    headers: { "Content-Type": file.type },
    body: file,
  })
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; detail?: string } | null
    throw new ApiError(res.status, body?.code ?? "Unknown", body?.detail ?? res.statusText)
  }
}

export const PhotoSection = (props: { me: Me }) => {
  const { t } = useI18n()
  const session = useSession()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [file, setFile] = createSignal<File | null>(null)
  const [preview, setPreview] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [version, setVersion] = createSignal(String(Date.now()))
  const clearPreview = () => {
    const url = preview()
    if (url !== null) URL.revokeObjectURL(url)
    setPreview(null)
  }
  onCleanup(clearPreview)

  const pick = (chosen: File | undefined) => {
    clearPreview()
    setError(null)
    setFile(null)
    if (chosen === undefined) return
    if (!TYPES.includes(chosen.type)) {
      setError(t("photo.type"))
      return
    }
    if (chosen.size > MAX) {
      setError(t("photo.size"))
      return
    }
    setFile(chosen)
    setPreview(URL.createObjectURL(chosen))
  }

  const upload = async () => {
    const chosen = file()
    if (chosen === null) return
    try {
      await uploadPhoto(chosen)
      session.set({ ...props.me, hasPhoto: true })
      setVersion(String(Date.now()))
      clearPreview()
      setFile(null)
      toasts.show(t("photo.saved"))
    } catch (e) {
      setError(errorText(e))
    }
  }

  const remove = async () => {
    try {
      await ok(api.v1.me.photo.$delete())
      session.set({ ...props.me, hasPhoto: false })
      toasts.show(t("photo.removed"))
    } catch (e) {
      setError(errorText(e))
    }
  }

  return (
    <section class="card" aria-labelledby="photo-title">
      <h2 id="photo-title">{t("photo.title")}</h2>
      <p class="hint">{t("photo.why")}</p>
      <div class="photo-row">
        <Show when={preview()} fallback={<Avatar member={props.me} size="l" version={version()} />}>
          {(url) => <img class="avatar avatar-l" src={url()} alt={t("photo.preview")} />}
        </Show>
        <div>
          <label class="field">
            {t("photo.choose")}
            <input
              type="file"
              accept={TYPES.join(",")}
              onChange={(e) => pick(e.currentTarget.files?.[0])}
            />
          </label>
          <FormError error={error()} />
          <div class="actions">
            <button
              type="button"
              class="button button-primary"
              disabled={file() === null}
              onClick={upload}
            >
              {t("photo.upload")}
            </button>
            <Show when={props.me.hasPhoto}>
              <button type="button" class="button" onClick={remove}>
                {t("photo.remove")}
              </button>
            </Show>
          </div>
        </div>
      </div>
    </section>
  )
}
