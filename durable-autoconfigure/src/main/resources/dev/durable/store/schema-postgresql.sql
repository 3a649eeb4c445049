CREATE TABLE IF NOT EXISTS durable_workflow (
    id          VARCHAR(255) NOT NULL PRIMARY KEY,
    type        VARCHAR(255) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    input       TEXT         NOT NULL,
    result      TEXT,
    error_type  VARCHAR(512),
    error       TEXT,
    owner       VARCHAR(255),
    run_token   VARCHAR(64),
    due_at      TIMESTAMP(6) WITH TIME ZONE,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS durable_workflow_due_idx ON durable_workflow (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS durable_workflow_created_idx ON durable_workflow (created_at);
CREATE TABLE IF NOT EXISTS durable_event (
    workflow_id VARCHAR(255) NOT NULL REFERENCES durable_workflow (id) ON DELETE CASCADE,
    seq         BIGINT       NOT NULL,
    step        INTEGER      NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    attempt     INTEGER      NOT NULL,
    input       TEXT,
    output      TEXT,
    error_type  VARCHAR(512),
    error       TEXT,
    recorded_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workflow_id, seq)
);
