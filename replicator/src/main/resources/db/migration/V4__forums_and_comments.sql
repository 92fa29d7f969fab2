-- Forums and comments (NeutralSchema: forum_category, forum, forum_topic, forum_post, comment).
-- Staff forums never reach a mirror: a forum, its topics and their posts are published only while
-- every user of the origin may read the forum, and retracted with a delete when it stops being so.
-- A comment is published while the page it is on is. Author fields hold what the origin's user
-- policy allows (a pseudonym, a user_ref, or null). Tables follow V1: origin, key, payload (all
-- nullable for tombstones), source position; no foreign keys.

CREATE TABLE herd.forum_category (
    origin text NOT NULL,
    forum_category_id bigint NOT NULL,
    name text,
    sort bigint,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, forum_category_id)
);
COMMENT ON TABLE herd.forum_category IS 'A group of forums on the forum index; published whether or not it holds a published forum.';

CREATE TABLE herd.forum (
    origin text NOT NULL,
    forum_id bigint NOT NULL,
    forum_category_id bigint,
    sort bigint,
    name text,
    description text,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, forum_id)
);
COMMENT ON TABLE herd.forum IS 'A forum every user of the origin may read; staff forums are never published.';

CREATE TABLE herd.forum_topic (
    origin text NOT NULL,
    forum_topic_id bigint NOT NULL,
    forum_id bigint,
    title text,
    author text,
    locked boolean,
    sticky boolean,
    sticky_post_id bigint,
    sticky_rank bigint,
    created_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, forum_topic_id)
);
COMMENT ON TABLE herd.forum_topic IS 'A topic (thread) of a published forum; retracted when it moves into a staff forum.';

CREATE TABLE herd.forum_post (
    origin text NOT NULL,
    forum_post_id bigint NOT NULL,
    forum_topic_id bigint,
    author text,
    body text,
    added_at timestamp,
    edited_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, forum_post_id)
);
COMMENT ON TABLE herd.forum_post IS 'A post in a topic of a published forum.';

CREATE TABLE herd.comment (
    origin text NOT NULL,
    comment_id bigint NOT NULL,
    page text,
    page_id bigint,
    author text,
    body text,
    added_at timestamp,
    edited_at timestamp,
    src_file_seq bigint NOT NULL,
    src_pos bigint NOT NULL,
    src_event bigint NOT NULL,
    src_row integer NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (origin, comment_id)
);
COMMENT ON TABLE herd.comment IS 'A comment on an artist, collage, request or release group page; published while that page is.';

-- Live rows without bookkeeping columns, for readers of the mirror.

CREATE VIEW herd.forum_category_live AS
    SELECT origin, forum_category_id, name, sort
    FROM herd.forum_category WHERE NOT deleted;

CREATE VIEW herd.forum_live AS
    SELECT origin, forum_id, forum_category_id, sort, name, description
    FROM herd.forum WHERE NOT deleted;

CREATE VIEW herd.forum_topic_live AS
    SELECT origin, forum_topic_id, forum_id, title, author, locked, sticky, sticky_post_id, sticky_rank, created_at
    FROM herd.forum_topic WHERE NOT deleted;

CREATE VIEW herd.forum_post_live AS
    SELECT origin, forum_post_id, forum_topic_id, author, body, added_at, edited_at
    FROM herd.forum_post WHERE NOT deleted;

CREATE VIEW herd.comment_live AS
    SELECT origin, comment_id, page, page_id, author, body, added_at, edited_at
    FROM herd.comment WHERE NOT deleted;
