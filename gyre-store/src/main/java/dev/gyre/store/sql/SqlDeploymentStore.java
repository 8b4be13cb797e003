package dev.gyre.store.sql;

import dev.gyre.core.deploy.Deployment;
import dev.gyre.core.deploy.DeploymentEvent;
import dev.gyre.core.deploy.DeploymentMode;
import dev.gyre.core.deploy.DeploymentState;
import dev.gyre.core.deploy.DeploymentUpdate;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.store.DeploymentStore;
import dev.gyre.store.Validation;
import dev.gyre.store.search.PageToken;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deployments over H2 or PostgreSQL ({@code deployments} and {@code deployment_events}, migration V4). Every change
 * locks the deployment's row first ({@code SELECT … FOR UPDATE}), then checks its state, numbers the event after the
 * highest one and writes both, so concurrent writers to one deployment are serialised and sequence numbers have no
 * gaps. At most one running deployment per served name is enforced by the schema ({@code running_name} is unique
 * and set only while running); {@link #create} checks first so that the usual case gets a message naming the
 * running deployment, and turns the constraint's violation (a concurrent create) into the same error.
 */
public final class SqlDeploymentStore implements DeploymentStore {

    private static final String COLUMNS = "deployment_id, name, registered_model, stable_version, candidate_version,"
            + " deployment_mode, deployment_state, candidate_weight, settings, created_by, creation_time,"
            + " last_updated_time";
    private static final String EVENT_COLUMNS =
            "deployment_id, sequence_number, event_time, kind, weight, actor, reason, details";

    private final Database db;

    SqlDeploymentStore(Database db) {
        this.db = db;
    }

    @Override
    public Deployment create(Deployment draft, String reason, String details) {
        if (draft == null) {
            throw GyreException.invalid("Deployment cannot be null.");
        }
        if (draft.id() != 0) {
            throw GyreException.invalid(
                    "A new deployment must not have an id yet (the store assigns it), got " + draft.id());
        }
        if (draft.state() != DeploymentState.RUNNING) {
            throw GyreException.invalid("A new deployment must be RUNNING, got " + draft.state());
        }
        event(1, 1, 0, DeploymentEvent.CREATED, draft.candidateWeightPercent(), draft.createdBy(), reason, details);
        return db.inTransaction(c -> {
            Optional<Deployment> running = findRunning(c, draft.name());
            if (running.isPresent()) {
                throw alreadyRunning(running.get());
            }
            long id = Sql.queryOne(c, "SELECT nextval('deployments_id_seq')", rs -> rs.getLong(1))
                    .orElseThrow();
            long now = SqlTrackingStore.now();
            Deployment stored = new Deployment(
                    id,
                    draft.name(),
                    draft.registeredModel(),
                    draft.stableVersion(),
                    draft.candidateVersion(),
                    draft.mode(),
                    DeploymentState.RUNNING,
                    draft.candidateWeightPercent(),
                    draft.settings(),
                    now,
                    now,
                    draft.createdBy());
            insert(c, stored);
            append(
                    c,
                    new DeploymentEvent(
                            id,
                            1,
                            now,
                            DeploymentEvent.CREATED,
                            stored.candidateWeightPercent(),
                            stored.createdBy(),
                            reason,
                            details));
            return stored;
        });
    }

    @Override
    public Deployment get(long id) {
        deploymentId(id);
        return db.inTransaction(c -> require(c, id, false));
    }

    @Override
    public Optional<Deployment> findActive(String name) {
        servedName(name);
        return db.inTransaction(c -> findRunning(c, name));
    }

    @Override
    public Page<Deployment> list(String name, int maxResults, String pageToken) {
        if (name != null) {
            servedName(name);
        }
        Validation.registryMaxResults(maxResults, MAX_RESULTS_THRESHOLD);
        long offset = PageToken.decodeOffset(pageToken);
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM deployments");
        if (name != null) {
            sql.append(" WHERE name = ?");
            args.add(name);
        }
        sql.append(" ORDER BY deployment_id DESC LIMIT ? OFFSET ?");
        args.add(maxResults + 1);
        args.add(offset);
        return db.inTransaction(c ->
                SqlTrackingStore.page(Sql.query(c, sql.toString(), SqlDeploymentStore::row, args), maxResults, offset));
    }

    @Override
    public DeploymentUpdate recordStep(
            long id, int newWeightPercent, String kind, String actor, String reason, String details) {
        deploymentId(id);
        event(id, 1, 0, kind, newWeightPercent, actor, reason, details);
        if (DeploymentEvent.CREATED.equals(kind)) {
            throw GyreException.invalid(
                    "The '" + DeploymentEvent.CREATED + "' event is recorded by create, not as a" + " step");
        }
        if (DeploymentEvent.isFinishKind(kind)) {
            throw GyreException.invalid(
                    "Event kind '" + kind + "' ends a deployment: record it with finish, not as a step");
        }
        return change(id, "take a step", newWeightPercent, null, kind, actor, reason, details);
    }

    @Override
    public DeploymentUpdate finish(
            long id, DeploymentState finalState, String kind, String actor, String reason, String details) {
        deploymentId(id);
        if (finalState == null || finalState == DeploymentState.RUNNING) {
            throw GyreException.invalid("A deployment finishes as PROMOTED, ROLLED_BACK or ABORTED, got " + finalState);
        }
        int weight = finalState.finalWeightPercent();
        event(id, 1, 0, kind, weight, actor, reason, details);
        if (DeploymentEvent.CREATED.equals(kind)) {
            throw GyreException.invalid(
                    "The '" + DeploymentEvent.CREATED + "' event is recorded by create, not by finish");
        }
        if (DeploymentEvent.isFinishKind(kind) && !kind.equals(finalState.finishKind())) {
            throw GyreException.invalid("Event kind '" + kind + "' does not match the final state " + finalState
                    + " (expected '" + finalState.finishKind() + "')");
        }
        return change(id, "finish as " + finalState, weight, finalState, kind, actor, reason, details);
    }

    @Override
    public List<DeploymentEvent> events(long id) {
        deploymentId(id);
        return db.inTransaction(c -> {
            require(c, id, false);
            return Sql.query(
                    c,
                    "SELECT " + EVENT_COLUMNS + " FROM deployment_events WHERE deployment_id = ?"
                            + " ORDER BY sequence_number",
                    SqlDeploymentStore::eventRow,
                    id);
        });
    }

    /** The database belongs to {@link dev.gyre.store.MetadataStores}, which closes it; nothing to do here. */
    @Override
    public void close() {}

    // ---- writes -----------------------------------------------------------------------------------------------

    /**
     * Locks the deployment, checks that it runs, sets its weight (and, for {@code finalState}, its state) and
     * appends the next event: one transaction.
     */
    private DeploymentUpdate change(
            long id,
            String action,
            int weight,
            DeploymentState finalState,
            String kind,
            String actor,
            String reason,
            String details) {
        return db.inTransaction(c -> {
            Deployment current = require(c, id, true);
            if (!current.isRunning()) {
                throw new GyreException(
                        ErrorCode.INVALID_STATE,
                        "Deployment " + id + " of '" + current.name() + "' is " + current.state()
                                + ", not RUNNING: it cannot " + action);
            }
            int sequence = Sql.queryOne(
                                    c,
                                    "SELECT MAX(sequence_number) FROM deployment_events WHERE deployment_id = ?",
                                    rs -> rs.getInt(1),
                                    id)
                            .orElse(0)
                    + 1;
            // Never before the last change, even if the clock stepped back: updatedAt must not precede createdAt.
            long now = Math.max(SqlTrackingStore.now(), current.updatedAt());
            DeploymentState state = finalState == null ? DeploymentState.RUNNING : finalState;
            Sql.update(
                    c,
                    "UPDATE deployments SET candidate_weight = ?, deployment_state = ?, running_name = ?,"
                            + " last_updated_time = ? WHERE deployment_id = ?",
                    weight,
                    state.name(),
                    Sql.nullableText(state == DeploymentState.RUNNING ? current.name() : null),
                    now,
                    id);
            DeploymentEvent event = new DeploymentEvent(id, sequence, now, kind, weight, actor, reason, details);
            append(c, event);
            return new DeploymentUpdate(require(c, id, false), event);
        });
    }

    /** Inserts a running deployment; a concurrent create for the same served name fails as {@link #create} does. */
    private static void insert(Connection c, Deployment d) throws SQLException {
        Savepoint beforeInsert = c.setSavepoint();
        try {
            Sql.update(
                    c,
                    "INSERT INTO deployments (" + COLUMNS + ", running_name)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.id(),
                    d.name(),
                    d.registeredModel(),
                    d.stableVersion(),
                    d.candidateVersion(),
                    d.mode().name(),
                    d.state().name(),
                    d.candidateWeightPercent(),
                    d.settings(),
                    d.createdBy(),
                    d.createdAt(),
                    d.updatedAt(),
                    d.name());
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // Another create for this name committed first. The failed statement aborts a PostgreSQL transaction,
            // so go back to before it to read which deployment won.
            c.rollback(beforeInsert);
            throw findRunning(c, d.name())
                    .map(SqlDeploymentStore::alreadyRunning)
                    .orElseGet(() -> GyreException.alreadyExists("Another deployment of served model '" + d.name()
                            + "' was started at the same moment and is RUNNING"));
        }
        c.releaseSavepoint(beforeInsert);
    }

    private static void append(Connection c, DeploymentEvent e) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO deployment_events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                e.deploymentId(),
                e.sequence(),
                e.epochMillis(),
                e.kind(),
                e.weightPercent(),
                e.actor(),
                e.reason(),
                Sql.nullableText(e.details()));
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /** The deployment, or {@code RESOURCE_DOES_NOT_EXIST}; {@code forUpdate} locks its row for the transaction. */
    private static Deployment require(Connection c, long id, boolean forUpdate) throws SQLException {
        return Sql.queryOne(
                        c,
                        "SELECT " + COLUMNS + " FROM deployments WHERE deployment_id = ?"
                                + (forUpdate ? " FOR UPDATE" : ""),
                        SqlDeploymentStore::row,
                        id)
                .orElseThrow(() -> GyreException.notFound("Deployment " + id + " not found"));
    }

    private static Optional<Deployment> findRunning(Connection c, String name) throws SQLException {
        return Sql.queryOne(
                c, "SELECT " + COLUMNS + " FROM deployments WHERE running_name = ?", SqlDeploymentStore::row, name);
    }

    private static Deployment row(ResultSet rs) throws SQLException {
        return new Deployment(
                rs.getLong("deployment_id"),
                rs.getString("name"),
                rs.getString("registered_model"),
                rs.getLong("stable_version"),
                rs.getLong("candidate_version"),
                DeploymentMode.valueOf(rs.getString("deployment_mode")),
                DeploymentState.valueOf(rs.getString("deployment_state")),
                rs.getInt("candidate_weight"),
                rs.getString("settings"),
                rs.getLong("creation_time"),
                rs.getLong("last_updated_time"),
                rs.getString("created_by"));
    }

    private static DeploymentEvent eventRow(ResultSet rs) throws SQLException {
        return new DeploymentEvent(
                rs.getLong("deployment_id"),
                rs.getInt("sequence_number"),
                rs.getLong("event_time"),
                rs.getString("kind"),
                rs.getInt("weight"),
                rs.getString("actor"),
                rs.getString("reason"),
                rs.getString("details"));
    }

    // ---- validation -------------------------------------------------------------------------------------------

    private static GyreException alreadyRunning(Deployment running) {
        return GyreException.alreadyExists("Served model '" + running.name() + "' already has a RUNNING deployment: "
                + running.id() + " (" + running.mode().label() + " of " + running.registeredModel() + " version "
                + running.candidateVersion() + " against version " + running.stableVersion() + " at "
                + running.candidateWeightPercent() + "%); finish it before starting another");
    }

    private static void deploymentId(long id) {
        if (id < 1) {
            throw GyreException.invalid("Deployment id must be a positive integer, got " + id);
        }
    }

    private static void servedName(String name) {
        if (name == null || name.isBlank()) {
            throw GyreException.invalid("Deployment name cannot be empty.");
        }
        if (name.length() > Deployment.MAX_NAME_LENGTH) {
            throw GyreException.invalid(
                    "Deployment name exceeds the maximum length of " + Deployment.MAX_NAME_LENGTH + " characters");
        }
    }

    /** Checks an event's arguments with the record's own rules, as {@code INVALID_PARAMETER_VALUE}. */
    private static void event(
            long id, int sequence, long time, String kind, int weight, String actor, String reason, String details) {
        try {
            new DeploymentEvent(id, sequence, time, kind, weight, actor, reason, details);
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid(e.getMessage());
        }
    }
}
