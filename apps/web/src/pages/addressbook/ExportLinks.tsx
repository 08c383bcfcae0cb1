/**
 * Taking my network with me: my contacts and address book as vCard (for
 * phones and mail programs) or CSV (for spreadsheets), narrowed to a category
 * if one is given. Plain links: the browser downloads what the API answers.
 */
import { useI18n } from "../../i18n/index.js"

const href = (format: "vcard" | "csv", category: string | undefined) =>
  `/v1/contacts/export?format=${format}${category === undefined || category === "" ? "" : `&category=${encodeURIComponent(category)}`}`

export const ExportLinks = (props: { category?: string }) => {
  const { t } = useI18n()
  return (
    <span class="export-links" title={t("addressBook.exportHint")}>
      <a class="button button-quiet" href={href("vcard", props.category)} download="">
        {t("addressBook.exportVcard")}
      </a>
      <a class="button button-quiet" href={href("csv", props.category)} download="">
        {t("addressBook.exportCsv")}
      </a>
    </span>
  )
}
