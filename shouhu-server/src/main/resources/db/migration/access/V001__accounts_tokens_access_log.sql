-- Who may use the platform, the tokens they hold, and every read of a child's location.

-- One account per person (or installer tool). A dispatcher belongs to exactly one police jurisdiction, a guardian
-- account to exactly one guardian of the directory; the checks keep role and scope consistent.
CREATE TABLE accounts (
    username        text        PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{2,63}$'),
    display_name    text        NOT NULL,
    password_hash   text        NOT NULL,  -- bcrypt, cost in the hash
    role            text        NOT NULL CHECK (role IN ('administrator', 'dispatcher', 'guardian', 'installer')),
    jurisdiction_id text,
    guardian_id     text,
    disabled        boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'dispatcher') = (jurisdiction_id IS NOT NULL)),
    CHECK ((role = 'guardian') = (guardian_id IS NOT NULL))
);

-- Bearer tokens. Only a SHA-256 of the token is stored, so a copy of this table does not let anyone sign in.
CREATE TABLE access_tokens (
    token_sha256 bytea       PRIMARY KEY,
    username     text        NOT NULL REFERENCES accounts (username) ON DELETE CASCADE,
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX access_tokens_expires_at ON access_tokens (expires_at);

-- Every read of a child's location, allowed or refused. Kept longer than positions (access.log-retention).
CREATE TABLE access_log (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL,
    username  text        NOT NULL,
    role      text        NOT NULL,
    action    text        NOT NULL,  -- e.g. guardian.position, map.track, live.subscribe
    child_id  text,
    device_id bigint,
    allowed   boolean     NOT NULL,
    detail    text        NOT NULL DEFAULT ''
);
CREATE INDEX access_log_at ON access_log (at);
CREATE INDEX access_log_child ON access_log (child_id, at);
