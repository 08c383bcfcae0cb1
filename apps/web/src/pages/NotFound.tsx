import { A } from "@solidjs/router"
import { useI18n } from "../i18n/index.js"

export const NotFound = () => {
  const { t } = useI18n()
  return (
    <section>
      <h1>{t("notFound.title")}</h1>
      <p>
        <A href="/">{t("notFound.home")}</A>
      </p>
    </section>
  )
}
