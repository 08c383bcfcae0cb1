/**
 * A post's likes and comments, counted as they come and go: `like_count` and
 * `comment_count`, kept by triggers on `likes` and `comments` (counters.ts),
 * so that every way a row goes (taken back, its post deleted, its member's
 * account deleted by cascade) counts, in the transaction that removes it. A
 * feed page then reads a post's counts in constant time, whatever its
 * audience: it subtracts only what the reader's blocks leave out
 * (FeedService.ts), where it used to count every like and comment, checking
 * each for a block.
 *
 * `comments_author` finds a member's comments on a post (the block
 * correction) and all of a member's comments (the export, and the cascade
 * when an account goes), which so far scanned the table.
 */
import type { Migration } from "../db/Migrator.js"
import { counterFill, counterTriggers, type KeptCount } from "./counters.js"

export const likesCounted: KeptCount = {
  table: "likes",
  key: "post_id",
  target: "posts",
  column: "like_count",
}
export const commentsCounted: KeptCount = {
  table: "comments",
  key: "post_id",
  target: "posts",
  column: "comment_count",
}

export const postCounts: Migration = {
  id: 19,
  name: "post_counts",
  statements: (d) => [
    "ALTER TABLE posts ADD COLUMN like_count INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE posts ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0",
    counterFill(likesCounted),
    counterFill(commentsCounted),
    "CREATE INDEX comments_author ON comments (author_id, post_id)",
    ...counterTriggers(d, likesCounted),
    ...counterTriggers(d, commentsCounted),
  ],
}
