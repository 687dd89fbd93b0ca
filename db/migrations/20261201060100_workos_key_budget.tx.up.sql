-- The WorkOS request budget shared by every replica on one API key (issue 11): a token
-- bucket per key, identified by a hash of the key (never the key itself). Replicas take
-- small batches of tokens with workos_key_budget_take, one round trip per batch; a 429
-- from WorkOS sets paused_until so that every replica waits, not only the one that saw it.
CREATE TABLE workos_key_budget (
    key_hash     text PRIMARY KEY,
    tokens       double precision NOT NULL,
    refilled_at  timestamptz NOT NULL,
    paused_until timestamptz
);

-- workos_key_budget_take refills the key's bucket at p_rate tokens a second up to p_burst
-- since it was last refilled, then grants up to p_want whole tokens (none while paused).
-- It returns the grant, the tokens left after it and the pause, if any.
CREATE FUNCTION workos_key_budget_take(p_key text, p_want integer, p_rate double precision,
    p_burst double precision, p_now timestamptz,
    OUT granted integer, OUT available double precision, OUT paused_until timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
    b workos_key_budget%ROWTYPE;
BEGIN
    INSERT INTO workos_key_budget (key_hash, tokens, refilled_at) VALUES (p_key, p_burst, p_now)
    ON CONFLICT (key_hash) DO NOTHING;
    SELECT * INTO b FROM workos_key_budget WHERE key_hash = p_key FOR UPDATE;
    available := least(p_burst, b.tokens + p_rate * greatest(0, extract(epoch FROM p_now - b.refilled_at)));
    paused_until := b.paused_until;
    IF b.paused_until IS NOT NULL AND b.paused_until > p_now THEN
        granted := 0;
    ELSE
        granted := least(p_want, floor(available))::integer;
    END IF;
    available := available - granted;
    UPDATE workos_key_budget SET tokens = available, refilled_at = greatest(b.refilled_at, p_now)
    WHERE key_hash = p_key;
END
$$;
