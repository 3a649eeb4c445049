-- MariaDB 10.6+ and MySQL 8.0+ (InnoDB). Instants are UTC in DATETIME(6): the statements and
-- Hibernate both bind them as UTC, so neither the JVM's nor the session's time zone moves them, and
-- unlike TIMESTAMP they go past 2038. Indexes are declared in the tables because MySQL has no
-- CREATE INDEX IF NOT EXISTS. The console's search by id prefix (id LIKE 'order-42%') uses the
-- primary key, which serves LIKE under the binary collation (PostgreSQL needs an index of its own).
CREATE TABLE IF NOT EXISTS durable_workflow (
    id          VARCHAR(255) NOT NULL PRIMARY KEY,
    type        VARCHAR(255) NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    input       LONGTEXT     NOT NULL,
    result      LONGTEXT,
    error_type  VARCHAR(512),
    error       LONGTEXT,
    owner       VARCHAR(255),
    run_token   VARCHAR(64),
    parent_id   VARCHAR(255),
    waiting_for VARCHAR(300),
    cancel_requested BOOLEAN DEFAULT FALSE NOT NULL,
    run_attempts INTEGER DEFAULT 0 NOT NULL,
    last_run_error LONGTEXT,
    due_at      DATETIME(6),
    deadline_at DATETIME(6),
    priority    INTEGER DEFAULT 0 NOT NULL,
    queue_name  VARCHAR(255),
    ready_at    DATETIME(6),
    begun_at    DATETIME(6),
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    INDEX durable_workflow_due_idx (due_at),
    -- Expired leases, which claims take first.
    INDEX durable_workflow_lease_idx (status, due_at),
    INDEX durable_workflow_deadline_idx (deadline_at),
    INDEX durable_workflow_created_idx (created_at),
    INDEX durable_workflow_status_updated_idx (status, updated_at),
    INDEX durable_workflow_status_idx (status, created_at),
    INDEX durable_workflow_type_idx (type, created_at),
    -- Queues: a queue's workflows by status, ready to begin or holding a place; its recent begins.
    INDEX durable_workflow_queue_idx (queue_name, status, ready_at),
    INDEX durable_workflow_queue_begun_idx (queue_name, begun_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- 0.2 added durable_event.started_at (when a step began). MySQL has no ADD COLUMN IF NOT EXISTS,
-- so a journal created by 0.1 needs, once: ALTER TABLE durable_event ADD COLUMN started_at DATETIME(6);
CREATE TABLE IF NOT EXISTS durable_event (
    workflow_id VARCHAR(255) NOT NULL,
    seq         BIGINT       NOT NULL,
    step        INTEGER      NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    name        VARCHAR(255) NOT NULL,
    attempt     INTEGER      NOT NULL,
    input       LONGTEXT,
    output      LONGTEXT,
    error_type  VARCHAR(512),
    error       LONGTEXT,
    recorded_at DATETIME(6)  NOT NULL,
    started_at  DATETIME(6),
    CONSTRAINT durable_event_pk PRIMARY KEY (workflow_id, seq),
    CONSTRAINT durable_event_workflow_fk FOREIGN KEY (workflow_id) REFERENCES durable_workflow (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS durable_signal (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    workflow_id VARCHAR(255) NOT NULL,
    name        VARCHAR(255) NOT NULL,
    payload     LONGTEXT,
    created_at  DATETIME(6)  NOT NULL,
    consumed_at DATETIME(6),
    INDEX durable_signal_pending_idx (workflow_id, name, id),
    CONSTRAINT durable_signal_workflow_fk FOREIGN KEY (workflow_id) REFERENCES durable_workflow (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- The latest value of each key a workflow published (Workflow.setEvent); the journal keeps them all.
CREATE TABLE IF NOT EXISTS durable_published (
    workflow_id  VARCHAR(255) NOT NULL,
    event_key    VARCHAR(255) NOT NULL,
    event_value  LONGTEXT     NOT NULL,
    seq          BIGINT       NOT NULL,
    published_at DATETIME(6)  NOT NULL,
    CONSTRAINT durable_published_pk PRIMARY KEY (workflow_id, event_key),
    CONSTRAINT durable_published_workflow_fk FOREIGN KEY (workflow_id) REFERENCES durable_workflow (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- One row per @DurableScheduled method: the next fire time, claimed by whichever node looks first.
CREATE TABLE IF NOT EXISTS durable_schedule (
    name             VARCHAR(255) NOT NULL PRIMARY KEY,
    cron             VARCHAR(255) NOT NULL,
    zone             VARCHAR(64)  NOT NULL,
    next_fire_at     DATETIME(6) NOT NULL,
    last_fire_at     DATETIME(6),
    last_workflow_id VARCHAR(255),
    paused           BOOLEAN DEFAULT FALSE NOT NULL,
    updated_at       DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- One row per configured queue (durable.queues.*), locked by every claim of the queue's workflows,
-- so that two nodes never both see room for its last place.
CREATE TABLE IF NOT EXISTS durable_queue (
    name VARCHAR(255) NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
