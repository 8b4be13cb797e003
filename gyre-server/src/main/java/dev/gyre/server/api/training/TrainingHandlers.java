package dev.gyre.server.api.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.server.api.ApiRoutes;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.RequestFields;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Training jobs over HTTP ({@code /api/2.0/gyre/training/jobs…}): {@code gyre train} and {@code gyre tune} on a
 * project file on the server, run in the background by {@link TrainingJobs}, polled by id.
 *
 * <ul>
 *   <li>{@code POST training/jobs} {@code {project, mode = "train" | "tune", actor?}} → 202 {@code {"job": {...}}};
 *       a bad project file is 400 with its line-numbered problems, a path outside the data roots 403, and a
 *       submission beyond the queue 429 {@code RESOURCE_EXHAUSTED}.
 *   <li>{@code GET training/jobs/get?job_id=} → {@code {"job": {...}}}, 404 for an unknown id.
 *   <li>{@code GET training/jobs/list?max_results=} → {@code {"jobs": [...]}}, newest first, at most
 *       {@value #MAX_PAGE}. Jobs are held in memory and lost on restart (their runs are not), so there is one page.
 * </ul>
 */
public final class TrainingHandlers {

    /** The most jobs one listing returns, and the default. */
    static final int MAX_PAGE = 100;

    private static final Set<String> SUBMIT = Set.of("project", "mode", "actor");
    private static final Set<String> GET = Set.of("job_id");
    private static final Set<String> LIST = Set.of("max_results");

    private final TrainingJobs jobs;

    public TrainingHandlers(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    public void register(ApiRoutes routes) {
        routes.post("training/jobs", this::submit)
                .get("training/jobs/get", this::get)
                .get("training/jobs/list", this::list);
    }

    private void submit(ApiExchange ex) {
        RequestFields f = ex.fields(SUBMIT);
        String project = f.requiredString("project");
        JobMode mode = JobMode.of(f.optionalString("mode"));
        String user = actor(f);
        Optional<JobRecord> job = jobs.submit(project, mode, user);
        if (job.isEmpty()) {
            JobLimits limits = jobs.limits();
            throw new GyreException(
                    ErrorCode.RESOURCE_EXHAUSTED,
                    "The server already holds " + limits.unfinished() + " unfinished training jobs ("
                            + limits.concurrent() + " running, " + limits.queued()
                            + " waiting); submit again once one has finished (GET training/jobs/list shows them).");
        }
        send(ex, 202, TrainingJson.answer(job.get()));
    }

    private void get(ApiExchange ex) {
        RequestFields f = ex.fields(GET);
        send(ex, 200, TrainingJson.answer(jobs.get(f.requiredString("job_id"))));
    }

    private void list(ApiExchange ex) {
        RequestFields f = ex.fields(LIST);
        int max = f.int32Or("max_results", MAX_PAGE);
        if (max < 1 || max > MAX_PAGE) {
            throw GyreException.invalid("'max_results' must be between 1 and " + MAX_PAGE + ", was " + max);
        }
        send(ex, 200, TrainingJson.list(jobs.list(max)));
    }

    /** The request's {@code actor}, or {@link TrainingContext#DEFAULT_USER}. */
    static String actor(RequestFields f) {
        String actor = f.optionalString("actor");
        if (actor == null) {
            return TrainingContext.DEFAULT_USER;
        }
        if (actor.isBlank()) {
            throw GyreException.invalid("Parameter 'actor' must not be blank when given.");
        }
        return actor;
    }

    private static void send(ApiExchange ex, int status, ObjectNode answer) {
        ex.sendBytes(status, "application/json", answer.toString().getBytes(StandardCharsets.UTF_8));
    }
}
