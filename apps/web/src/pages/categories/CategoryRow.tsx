/** One category: rename, its review cadence (or the default), less news from it, delete. */
import { createSignal } from "solid-js"
import { api, ok } from "../../api.js"
import { useI18n } from "../../i18n/index.js"
import { Dialog } from "../../ui/Dialog.js"
import { FormError, TextField } from "../../ui/Field.js"
import { useErrorText } from "../../ui/States.js"
import { useToasts } from "../../ui/Toasts.js"
import type { Category } from "./Categories.js"

export const CategoryRow = (props: {
  category: Category
  onChanged: (next: Category | null) => void
}) => {
  const { t } = useI18n()
  const toasts = useToasts()
  const errorText = useErrorText()
  const [name, setName] = createSignal(props.category.name)
  const [days, setDays] = createSignal(props.category.reviewEveryDays?.toString() ?? "")
  const [lessNews, setLessNews] = createSignal(props.category.lessNews)
  const [error, setError] = createSignal<string | null>(null)
  const [confirming, setConfirming] = createSignal(false)

  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    const cadence = days().trim() === "" ? null : Number(days())
    if (cadence !== null && !(Number.isInteger(cadence) && cadence >= 7 && cadence <= 1095)) {
      setError(t("categories.cadenceRange"))
      return
    }
    setError(null)
    try {
      const saved = await ok(
        api.v1.categories[":id"].$patch({
          param: { id: props.category.id },
          json: { name: name().trim(), reviewEveryDays: cadence, lessNews: lessNews() },
        }),
      )
      props.onChanged(saved)
      toasts.show(t("categories.saved"))
    } catch (err) {
      setError(errorText(err))
    }
  }

  const remove = async () => {
    setConfirming(false)
    props.onChanged(null)
    try {
      await ok(api.v1.categories[":id"].$delete({ param: { id: props.category.id } }))
    } catch (err) {
      props.onChanged(props.category)
      toasts.show(errorText(err), "error")
    }
  }

  return (
    <form class="card category-row" onSubmit={save} novalidate>
      <TextField
        label={t("categories.name")}
        value={name()}
        maxLength={64}
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <TextField
        label={t("categories.cadence")}
        hint={t("categories.cadenceHint")}
        type="number"
        min={7}
        max={1095}
        value={days()}
        onInput={(e) => setDays(e.currentTarget.value)}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={lessNews()}
          onChange={(e) => setLessNews(e.currentTarget.checked)}
        />
        {t("categories.lessNews")}
      </label>
      <p class="hint">{t("categories.lessNewsHint")}</p>
      <FormError error={error()} />
      <div class="actions">
        <button type="submit" class="button">
          {t("action.save")}
        </button>
        <button type="button" class="button button-danger" onClick={() => setConfirming(true)}>
          {t("action.delete")}
        </button>
      </div>
      <Dialog
        open={confirming()}
        title={t("categories.deleteTitle", { name: props.category.name })}
        onClose={() => setConfirming(false)}
      >
        <p>{t("categories.deleteHint")}</p>
        <div class="actions">
          <button type="button" class="button button-danger" onClick={() => void remove()}>
            {t("action.delete")}
          </button>
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            {t("action.cancel")}
          </button>
        </div>
      </Dialog>
    </form>
  )
}
