-- Serving rollouts (canary, shadow, A/B): one row per deployment, and every step of each with who took it and why.
-- running_name equals name while the deployment is RUNNING and is NULL once it has ended: its UNIQUE constraint
-- (which, on both databases, lets any number of rows be NULL) keeps at most one running deployment per served name,
-- a partial unique index that H2 cannot express. The deployment's row is locked (SELECT ... FOR UPDATE) by every
-- change, which serialises writers to one deployment, so event sequence numbers are 1, 2, 3 ... without gaps.
-- registered_model is not a foreign key: the history outlives the model it names.
CREATE SEQUENCE deployments_id_seq START WITH 1;

CREATE TABLE deployments (
    deployment_id     BIGINT        NOT NULL,
    name              VARCHAR(256)  NOT NULL,
    running_name      VARCHAR(256),
    registered_model  VARCHAR(256)  NOT NULL,
    stable_version    BIGINT        NOT NULL,
    candidate_version BIGINT        NOT NULL,
    deployment_mode   VARCHAR(16)   NOT NULL,
    deployment_state  VARCHAR(16)   NOT NULL,
    candidate_weight  BIGINT        NOT NULL,
    settings          TEXT          NOT NULL,
    created_by        VARCHAR(256)  NOT NULL,
    creation_time     BIGINT        NOT NULL,
    last_updated_time BIGINT        NOT NULL,
    CONSTRAINT deployments_pk PRIMARY KEY (deployment_id),
    CONSTRAINT deployments_running_name_uk UNIQUE (running_name),
    CONSTRAINT deployments_mode_ck CHECK (deployment_mode IN ('CANARY', 'SHADOW', 'AB')),
    CONSTRAINT deployments_state_ck
        CHECK (deployment_state IN ('RUNNING', 'PROMOTED', 'ROLLED_BACK', 'ABORTED')),
    CONSTRAINT deployments_running_name_ck CHECK (
        (deployment_state = 'RUNNING' AND running_name = name)
        OR (deployment_state <> 'RUNNING' AND running_name IS NULL)),
    CONSTRAINT deployments_weight_ck CHECK (candidate_weight BETWEEN 0 AND 100)
);
CREATE INDEX deployments_name_idx ON deployments (name, deployment_id);

CREATE TABLE deployment_events (
    deployment_id   BIGINT        NOT NULL,
    sequence_number BIGINT        NOT NULL,
    event_time      BIGINT        NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    weight          BIGINT        NOT NULL,
    actor           VARCHAR(256)  NOT NULL,
    reason          VARCHAR(5000) NOT NULL,
    details         TEXT,
    CONSTRAINT deployment_events_pk PRIMARY KEY (deployment_id, sequence_number),
    CONSTRAINT deployment_events_deployment_fk FOREIGN KEY (deployment_id)
        REFERENCES deployments (deployment_id) ON DELETE CASCADE,
    CONSTRAINT deployment_events_weight_ck CHECK (weight BETWEEN 0 AND 100)
);
