/** A member in a list: photo, name linking to their profile, headline. */
import { A } from "@solidjs/router"
import { type JSX, Show } from "solid-js"
import { Avatar, type AvatarMember } from "./Avatar.js"

export const MemberLine = (props: {
  member: AvatarMember & { readonly headline?: string }
  children?: JSX.Element
}) => (
  <div class="member-line">
    <Avatar member={props.member} />
    <div class="member-line-text">
      <A href={`/members/${props.member.handle}`} class="member-name">
        {props.member.displayName}
      </A>
      <Show when={props.member.headline}>
        <span class="muted">{props.member.headline}</span>
      </Show>
      {props.children}
    </div>
  </div>
)
