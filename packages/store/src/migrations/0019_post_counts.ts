/**
 * A post's likes and comments, counted as they come and go: `like_count` and
 * `comment_count`, kept by triggers on `likes` and `comments`, so that every
 * way a row goes (taken back, its post deleted, its member's account deleted
 * by cascade) counts, in the transaction that removes it. A feed page then
 * reads a post's counts in constant time, whatever its audience: it
 * subtracts only what the reader's blocks leave out (FeedService.ts), where
 * it used to count every like and comment, checking each for a block.
 *
 * `comments_author` finds a member's comments on a post (the block
 * correction) and all of a member's comments (the export, and the cascade
 * when an account goes), which so far scanned the table.
 */
import type { Migration } from "../db/Migrator.js"

const sqliteCounter = (table: string, column: string) => [
  `CREATE TRIGGER ${table}_counted_in AFTER INSERT ON ${table} BEGIN
     UPDATE posts SET ${column} = ${column} + 1 WHERE id = NEW.post_id;
   END`,
  `CREATE TRIGGER ${table}_counted_out AFTER DELETE ON ${table} BEGIN
     UPDATE posts SET ${column} = ${column} - 1 WHERE id = OLD.post_id;
   END`,
]

const pgCounter = (table: string, column: string) => [
  `CREATE FUNCTION kontakt_count_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       UPDATE posts SET ${column} = ${column} + 1 WHERE id = NEW.post_id;
     ELSE
       UPDATE posts SET ${column} = ${column} - 1 WHERE id = OLD.post_id;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER ${table}_counted AFTER INSERT OR DELETE ON ${table}
   FOR EACH ROW EXECUTE FUNCTION kontakt_count_${table}()`,
]

export const postCounts: Migration = {
  id: 19,
  name: "post_counts",
  statements: (d) => [
    "ALTER TABLE posts ADD COLUMN like_count INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE posts ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0",
    `UPDATE posts SET
       like_count = (SELECT COUNT(*) FROM likes l WHERE l.post_id = posts.id),
       comment_count = (SELECT COUNT(*) FROM comments k WHERE k.post_id = posts.id)`,
    "CREATE INDEX comments_author ON comments (author_id, post_id)",
    ...(d.name === "pg"
      ? [...pgCounter("likes", "like_count"), ...pgCounter("comments", "comment_count")]
      : [...sqliteCounter("likes", "like_count"), ...sqliteCounter("comments", "comment_count")]),
  ],
}
