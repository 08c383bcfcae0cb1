/** My categories as checkboxes, each ticked when chosen: where a contact is filed. */
import { For } from "solid-js"
import type { Selection } from "./selection.js"

export const CategoryChecks = (props: {
  categories: readonly { readonly id: string; readonly name: string }[]
  chosen: Selection
}) => (
  <ul class="checks">
    <For each={props.categories}>
      {(c) => (
        <li>
          <label>
            <input
              type="checkbox"
              checked={props.chosen.has(c.id)}
              onChange={() => props.chosen.toggle(c.id)}
            />{" "}
            {c.name}
          </label>
        </li>
      )}
    </For>
  </ul>
)
