-- The schema of the play-to-recommendation pipeline (issue B) and the training base (issue D).
-- Constraints make bad rows impossible rather than unlikely: every id and count is checked, every
-- reference is a foreign key, and the outbox cannot hold two messages for one user's total.

-- The catalog: the artists users can play, with Last.fm ids. search_name is the name folded by
-- the application (NFKC, Unicode case folding: io.musicrec.platform.catalog.SearchKey), so search
-- does not depend on the database's locale; listeners (base users who played the artist) orders
-- search results.
CREATE TABLE artists (
    id          integer PRIMARY KEY CHECK (id > 0),
    name        text    NOT NULL CHECK (name <> ''),
    search_name text    NOT NULL CHECK (search_name <> ''),
    listeners   integer NOT NULL DEFAULT 0 CHECK (listeners >= 0)
);
CREATE INDEX artists_by_popularity ON artists (listeners DESC, id);

-- Registered users; id is the JWT subject. total_plays is the sum of the user's plays, kept here
-- so that bumping it locks the user's row: that lock serialises one user's plays.
CREATE TABLE users (
    id          text        PRIMARY KEY CHECK (char_length(id) BETWEEN 1 AND 255),
    created_at  timestamptz NOT NULL DEFAULT now(),
    total_plays bigint      NOT NULL DEFAULT 0 CHECK (total_plays >= 0)
);

-- How often each user played each artist. A row exists only once played (plays > 0).
CREATE TABLE user_artist_plays (
    user_id   text    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    artist_id integer NOT NULL REFERENCES artists (id),
    plays     bigint  NOT NULL CHECK (plays > 0),
    PRIMARY KEY (user_id, artist_id)
);
-- For the foreign key's checks when artists change, and for per-artist counts.
CREATE INDEX user_artist_plays_by_artist ON user_artist_plays (artist_id);

-- The transactional outbox: a recalculation message is written in the same transaction as the play
-- that reached a multiple of five, and sent to SQS afterwards by the relay, which sets sent_at.
-- One row per (user, total): a total can be reached only once, and the constraint makes sure.
CREATE TABLE recalculation_outbox (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    total_plays bigint      NOT NULL CHECK (total_plays > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    CONSTRAINT recalculation_outbox_one_per_total UNIQUE (user_id, total_plays)
);
-- The relay reads pending rows oldest first; sent rows drop out of this index.
CREATE INDEX recalculation_outbox_pending ON recalculation_outbox (id) WHERE sent_at IS NULL;

-- The training base: Last.fm's user x artist plays, which retraining (issue D) combines with the
-- live plays above. Base users are Last.fm's integer ids, a namespace apart from registered users.
CREATE TABLE base_plays (
    base_user_id integer NOT NULL CHECK (base_user_id > 0),
    artist_id    integer NOT NULL REFERENCES artists (id),
    plays        bigint  NOT NULL CHECK (plays > 0),
    PRIMARY KEY (base_user_id, artist_id)
);
CREATE INDEX base_plays_by_artist ON base_plays (artist_id);

-- Everything retraining learns from, one row per (user, artist): base users as 'base:<id>',
-- registered users as 'user:<sub>', so the two id spaces cannot collide.
CREATE VIEW training_plays AS
    SELECT 'base'::text AS source, 'base:' || base_user_id AS user_key, artist_id, plays
      FROM base_plays
    UNION ALL
    SELECT 'user'::text AS source, 'user:' || user_id AS user_key, artist_id, plays
      FROM user_artist_plays;
