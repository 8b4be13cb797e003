-- Gyre metadata schema, version 1. In the spirit of MLflow's SQL store; runs unchanged on PostgreSQL and on H2
-- in MODE=PostgreSQL. Column names avoid SQL keywords (key, value, timestamp) so that no quoting is needed on
-- either database. Metric values are stored as DOUBLE PRECISION: +/-Infinity are kept as such, NaN is stored as
-- 0 with is_nan = TRUE (as MLflow does), so that comparisons and indexes never see a NaN.

CREATE SEQUENCE experiments_id_seq START WITH 1;

CREATE TABLE experiments (
    experiment_id     BIGINT         NOT NULL,
    name              VARCHAR(500)   NOT NULL,
    artifact_location VARCHAR(2000),
    lifecycle_stage   VARCHAR(32)    NOT NULL,
    creation_time     BIGINT         NOT NULL,
    last_update_time  BIGINT         NOT NULL,
    CONSTRAINT experiments_pk PRIMARY KEY (experiment_id),
    CONSTRAINT experiments_name_uk UNIQUE (name),
    CONSTRAINT experiments_lifecycle_stage_ck CHECK (lifecycle_stage IN ('active', 'deleted'))
);
CREATE INDEX experiments_creation_time_idx ON experiments (creation_time);

CREATE TABLE experiment_tags (
    experiment_id BIGINT        NOT NULL,
    tag_key       VARCHAR(250)  NOT NULL,
    tag_value     VARCHAR(5000),
    CONSTRAINT experiment_tags_pk PRIMARY KEY (experiment_id, tag_key),
    CONSTRAINT experiment_tags_experiment_fk FOREIGN KEY (experiment_id)
        REFERENCES experiments (experiment_id) ON DELETE CASCADE
);
CREATE INDEX experiment_tags_key_idx ON experiment_tags (tag_key, experiment_id);

CREATE TABLE runs (
    run_uuid        VARCHAR(32)   NOT NULL,
    name            VARCHAR(250),
    experiment_id   BIGINT        NOT NULL,
    user_id         VARCHAR(256),
    status          VARCHAR(9)    NOT NULL,
    start_time      BIGINT        NOT NULL,
    end_time        BIGINT,
    deleted_time    BIGINT,
    lifecycle_stage VARCHAR(20)   NOT NULL,
    artifact_uri    VARCHAR(2000),
    CONSTRAINT runs_pk PRIMARY KEY (run_uuid),
    CONSTRAINT runs_status_ck CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED')),
    CONSTRAINT runs_lifecycle_stage_ck CHECK (lifecycle_stage IN ('active', 'deleted'))
);
-- The default search order is start_time DESC, run_uuid within the searched experiments: with this index a first
-- page is read in order and the scan stops at the page size.
CREATE INDEX runs_experiment_start_idx ON runs (experiment_id, start_time DESC, run_uuid);
ALTER TABLE runs ADD CONSTRAINT runs_experiment_fk FOREIGN KEY (experiment_id)
    REFERENCES experiments (experiment_id) ON DELETE CASCADE;

-- Full metric history. The primary key de-duplicates identical observations, as MLflow's does, and serves
-- get-metric-history (run, key, ordered by step then timestamp). The hottest table has no foreign key to runs:
-- on H2 it would add a second index and a lookup to every row written; the store only writes metrics for a run it
-- has just read and locked in the same transaction, and runs are never hard-deleted.
CREATE TABLE metrics (
    run_uuid     VARCHAR(32)       NOT NULL,
    metric_key   VARCHAR(250)      NOT NULL,
    step         BIGINT            NOT NULL,
    timestamp_ms BIGINT            NOT NULL,
    metric_value DOUBLE PRECISION  NOT NULL,
    is_nan       BOOLEAN           NOT NULL,
    CONSTRAINT metrics_pk PRIMARY KEY (run_uuid, metric_key, step, timestamp_ms, metric_value, is_nan)
);

-- One row per (run, key): the observation with the greatest (step, timestamp, value), maintained on write.
CREATE TABLE latest_metrics (
    run_uuid     VARCHAR(32)       NOT NULL,
    metric_key   VARCHAR(250)      NOT NULL,
    step         BIGINT            NOT NULL,
    timestamp_ms BIGINT            NOT NULL,
    metric_value DOUBLE PRECISION  NOT NULL,
    is_nan       BOOLEAN           NOT NULL,
    CONSTRAINT latest_metrics_pk PRIMARY KEY (run_uuid, metric_key),
    CONSTRAINT latest_metrics_run_fk FOREIGN KEY (run_uuid) REFERENCES runs (run_uuid) ON DELETE CASCADE
);
CREATE INDEX latest_metrics_key_value_idx ON latest_metrics (metric_key, metric_value);

CREATE TABLE params (
    run_uuid    VARCHAR(32)    NOT NULL,
    param_key   VARCHAR(250)   NOT NULL,
    param_value VARCHAR(6000)  NOT NULL,
    CONSTRAINT params_pk PRIMARY KEY (run_uuid, param_key),
    CONSTRAINT params_run_fk FOREIGN KEY (run_uuid) REFERENCES runs (run_uuid) ON DELETE CASCADE
);
-- Values are not indexed: PostgreSQL's B-tree rows are limited to about 2.7 kB and values may be longer.
CREATE INDEX params_key_idx ON params (param_key, run_uuid);

CREATE TABLE tags (
    run_uuid  VARCHAR(32)    NOT NULL,
    tag_key   VARCHAR(250)   NOT NULL,
    tag_value VARCHAR(8000),
    CONSTRAINT tags_pk PRIMARY KEY (run_uuid, tag_key),
    CONSTRAINT tags_run_fk FOREIGN KEY (run_uuid) REFERENCES runs (run_uuid) ON DELETE CASCADE
);
CREATE INDEX tags_key_idx ON tags (tag_key, run_uuid);

-- Datasets are stored once per experiment (name + digest) and linked to runs through inputs.
CREATE TABLE datasets (
    dataset_uuid    VARCHAR(36)    NOT NULL,
    experiment_id   BIGINT         NOT NULL,
    name            VARCHAR(500)   NOT NULL,
    digest          VARCHAR(36)    NOT NULL,
    source_type     VARCHAR(36)    NOT NULL,
    source          VARCHAR(65535) NOT NULL,
    dataset_schema  TEXT,
    dataset_profile TEXT,
    CONSTRAINT datasets_pk PRIMARY KEY (dataset_uuid),
    CONSTRAINT datasets_experiment_name_digest_uk UNIQUE (experiment_id, name, digest),
    CONSTRAINT datasets_experiment_fk FOREIGN KEY (experiment_id)
        REFERENCES experiments (experiment_id) ON DELETE CASCADE
);

CREATE TABLE inputs (
    input_uuid   VARCHAR(36)  NOT NULL,
    dataset_uuid VARCHAR(36)  NOT NULL,
    run_uuid     VARCHAR(32)  NOT NULL,
    CONSTRAINT inputs_pk PRIMARY KEY (input_uuid),
    CONSTRAINT inputs_run_dataset_uk UNIQUE (run_uuid, dataset_uuid),
    CONSTRAINT inputs_dataset_fk FOREIGN KEY (dataset_uuid) REFERENCES datasets (dataset_uuid) ON DELETE CASCADE,
    CONSTRAINT inputs_run_fk FOREIGN KEY (run_uuid) REFERENCES runs (run_uuid) ON DELETE CASCADE
);
CREATE INDEX inputs_dataset_idx ON inputs (dataset_uuid);

CREATE TABLE input_tags (
    input_uuid VARCHAR(36)   NOT NULL,
    tag_key    VARCHAR(255)  NOT NULL,
    tag_value  VARCHAR(500)  NOT NULL,
    CONSTRAINT input_tags_pk PRIMARY KEY (input_uuid, tag_key),
    CONSTRAINT input_tags_input_fk FOREIGN KEY (input_uuid) REFERENCES inputs (input_uuid) ON DELETE CASCADE
);

-- Model registry. Renaming a model cascades through the foreign keys (ON UPDATE CASCADE).
-- version_counter is the highest version number ever issued, so deleted version numbers are never reused.
CREATE TABLE registered_models (
    name              VARCHAR(256)  NOT NULL,
    creation_time     BIGINT        NOT NULL,
    last_updated_time BIGINT        NOT NULL,
    description       VARCHAR(5000),
    user_id           VARCHAR(256),
    version_counter   BIGINT        NOT NULL,
    CONSTRAINT registered_models_pk PRIMARY KEY (name)
);

CREATE TABLE registered_model_tags (
    name      VARCHAR(256)   NOT NULL,
    tag_key   VARCHAR(250)   NOT NULL,
    tag_value VARCHAR(5000),
    CONSTRAINT registered_model_tags_pk PRIMARY KEY (name, tag_key),
    CONSTRAINT registered_model_tags_model_fk FOREIGN KEY (name)
        REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE model_versions (
    name              VARCHAR(256)  NOT NULL,
    version           BIGINT        NOT NULL,
    creation_time     BIGINT        NOT NULL,
    last_updated_time BIGINT        NOT NULL,
    description       VARCHAR(5000),
    user_id           VARCHAR(256),
    current_stage     VARCHAR(20)   NOT NULL,
    source            VARCHAR(2000),
    run_id            VARCHAR(256),
    run_link          VARCHAR(2000),
    status            VARCHAR(20)   NOT NULL,
    status_message    VARCHAR(500),
    CONSTRAINT model_versions_pk PRIMARY KEY (name, version),
    CONSTRAINT model_versions_model_fk FOREIGN KEY (name)
        REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX model_versions_run_idx ON model_versions (run_id);

CREATE TABLE model_version_tags (
    name      VARCHAR(256)   NOT NULL,
    version   BIGINT         NOT NULL,
    tag_key   VARCHAR(250)   NOT NULL,
    tag_value VARCHAR(5000),
    CONSTRAINT model_version_tags_pk PRIMARY KEY (name, version, tag_key),
    CONSTRAINT model_version_tags_version_fk FOREIGN KEY (name, version)
        REFERENCES model_versions (name, version) ON UPDATE CASCADE ON DELETE CASCADE
);

-- An alias points at one existing version; deleting the version deletes its aliases.
CREATE TABLE registered_model_aliases (
    name    VARCHAR(256)  NOT NULL,
    alias   VARCHAR(255)  NOT NULL,
    version BIGINT        NOT NULL,
    CONSTRAINT registered_model_aliases_pk PRIMARY KEY (name, alias),
    CONSTRAINT registered_model_aliases_version_fk FOREIGN KEY (name, version)
        REFERENCES model_versions (name, version) ON UPDATE CASCADE ON DELETE CASCADE
);
