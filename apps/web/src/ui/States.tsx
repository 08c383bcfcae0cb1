/**
 * Loading, empty and error states, the same on every page: a status that
 * screen readers announce, and for errors a way to try again.
 */
import { ErrorBoundary, type JSX, Show, Suspense } from "solid-js"
import { ApiError } from "../api.js"
import { useI18n } from "../i18n/index.js"

export const Loading = () => {
  const { t } = useI18n()
  return (
    <p class="state state-loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t("state.loading")}
    </p>
  )
}

export const Empty = (props: { children: JSX.Element }) => (
  <p class="state state-empty">{props.children}</p>
)

/** What went wrong, in the reader's language where the API's code is known. */
export const useErrorText = () => {
  const { t } = useI18n()
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t("error.offline")
      const known = t(`error.code.${error.code}` as "error.code.Unknown")
      if (known !== undefined && known !== "") return known
      return error.detail
    }
    return t("error.unexpected")
  }
}

export const ErrorNote = (props: { error: unknown; retry?: () => void }) => {
  const { t } = useI18n()
  const text = useErrorText()
  return (
    <div class="state state-error" role="alert">
      <p>{text(props.error)}</p>
      <Show when={props.retry}>
        {(retry) => (
          <button type="button" class="button" onClick={() => retry()()}>
            {t("action.retry")}
          </button>
        )}
      </Show>
    </div>
  )
}

/** Children with a loading state while their data comes, and an error state if it fails. */
export const Async = (props: { children: JSX.Element; retry?: () => void }) => (
  <ErrorBoundary
    fallback={(error, reset) => (
      <ErrorNote
        error={error}
        retry={() => {
          props.retry?.()
          reset()
        }}
      />
    )}
  >
    <Suspense fallback={<Loading />}>{props.children}</Suspense>
  </ErrorBoundary>
)
