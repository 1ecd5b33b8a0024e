-- Idempotency keys of POST /plays (its Idempotency-Key header). A keyed play writes its key and its
-- answer in the play's own statement, so the key exists exactly when the play does: a retry finds
-- the first answer, a concurrent retry fails on the primary key and reads it, and a crash leaves
-- neither. Keys are per user and live 24 hours; keyed plays delete a few expired rows each
-- (io.musicrec.platform.plays.PostgresPlayStore), so the table holds about a day of keyed plays.
CREATE TABLE play_idempotency_keys (
    user_id              text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key      text        NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    artist_id            integer     NOT NULL CHECK (artist_id > 0),
    plays                bigint      NOT NULL CHECK (plays > 0),
    total_plays          bigint      NOT NULL CHECK (total_plays >= plays),
    recalculation_queued boolean     NOT NULL,
    created_at           timestamptz NOT NULL,
    CONSTRAINT play_idempotency_keys_pkey PRIMARY KEY (user_id, idempotency_key)
);
-- The sweep takes the oldest rows first.
CREATE INDEX play_idempotency_keys_by_age ON play_idempotency_keys (created_at);
