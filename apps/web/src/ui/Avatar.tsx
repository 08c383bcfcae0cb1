/** A member's photo, or their initials on a colour of their own when they have none. */
import { Show } from "solid-js"
import { photoUrl } from "../api.js"

export interface AvatarMember {
  readonly handle: string
  readonly displayName: string
  readonly hasPhoto: boolean
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter((p) => p !== "")
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? "")
    .join("")

// A stable hue per handle, so a member keeps their colour; dark enough for white text on any hue.
const hue = (handle: string) => [...handle].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7)

export const Avatar = (props: {
  member: AvatarMember
  size?: "s" | "m" | "l"
  /** A new value reloads the photo (after an upload). */
  version?: string
}) => (
  <Show
    when={props.member.hasPhoto}
    fallback={
      <span
        class={`avatar avatar-${props.size ?? "m"} avatar-initials`}
        style={{ "background-color": `hsl(${hue(props.member.handle)} 45% 30%)` }}
        aria-hidden="true"
      >
        {initials(props.member.displayName)}
      </span>
    }
  >
    <img
      class={`avatar avatar-${props.size ?? "m"}`}
      src={photoUrl(props.member.handle, props.version ?? "")}
      alt=""
      loading="lazy"
    />
  </Show>
)
