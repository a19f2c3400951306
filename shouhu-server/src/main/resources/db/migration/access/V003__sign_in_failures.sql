-- Sign-in attempts that have not succeeded, per user name and per client address, shared by every server instance
-- so that several instances behind a load balancer give an attacker no more guesses than one. A row counts from the
-- first failure of its window until expires_at; expired rows are deleted by the retention job.
CREATE TABLE sign_in_failures (
    scope      text        NOT NULL CHECK (scope IN ('user', 'address')),
    subject    text        NOT NULL,
    failures   integer     NOT NULL CHECK (failures >= 0),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX sign_in_failures_expires_at ON sign_in_failures (expires_at);
