-- Versioned datasets registered with Gyre (not MLflow's per-experiment "datasets" table, which log-inputs fills).
-- dataset_registry has one row per name: it is locked (SELECT ... FOR UPDATE) by each registration, which
-- serialises concurrent registrations of one name; latest_version is the highest version number issued.
CREATE TABLE dataset_registry (
    name              VARCHAR(500)  NOT NULL,
    creation_time     BIGINT        NOT NULL,
    last_updated_time BIGINT        NOT NULL,
    latest_version    BIGINT        NOT NULL,
    CONSTRAINT dataset_registry_pk PRIMARY KEY (name)
);

-- One row per (name, content digest). The profile can be hundreds of KB, hence TEXT.
CREATE TABLE dataset_versions (
    name           VARCHAR(500)   NOT NULL,
    version        BIGINT         NOT NULL,
    digest         VARCHAR(100)   NOT NULL,
    source         VARCHAR(65535) NOT NULL,
    data_format    VARCHAR(32)    NOT NULL,
    row_count      BIGINT         NOT NULL,
    dataset_schema TEXT           NOT NULL,
    profile        TEXT           NOT NULL,
    description    VARCHAR(5000),
    creation_time  BIGINT         NOT NULL,
    CONSTRAINT dataset_versions_pk PRIMARY KEY (name, version),
    CONSTRAINT dataset_versions_name_digest_uk UNIQUE (name, digest),
    CONSTRAINT dataset_versions_registry_fk FOREIGN KEY (name) REFERENCES dataset_registry (name) ON DELETE CASCADE
);
