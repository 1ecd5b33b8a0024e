-- A relay claims outbox rows before it sends them: claimed_until is set and committed first, the
-- messages are sent with no transaction open, and sent_at is set afterwards. A retried or failed
-- mark therefore never sends a row again; only a relay that dies between its send and its mark
-- leaves a claim, and the row goes again once the claim has run out.
ALTER TABLE recalculation_outbox ADD COLUMN claimed_until timestamptz;
