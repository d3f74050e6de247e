package dev.gyre.handler;

import dev.gyre.handler.internal.HandlerValues;
import dev.gyre.http.Request;
import dev.gyre.middleware.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a handler wants done after its response has been sent, like FastAPI's {@code BackgroundTasks}:
 * declare a parameter of this type and {@link #add} to it. The tasks run one after the other, in the
 * order added, on the blocking executor (they may block); a failing task is logged and the next one
 * still runs. The client never waits for them and never hears about their failures.
 *
 * <p>Add tasks before the handler returns (or before its {@code CompletionStage} completes); tasks
 * added later are not run.
 */
public final class BackgroundTasks {
    private static final Logger log = LoggerFactory.getLogger(BackgroundTasks.class);

    /** One piece of background work; may throw, the failure is logged. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    static {
        HandlerValues.lendTasks(new HandlerValues.TasksAccess() {
            @Override
            public BackgroundTasks create() {
                return new BackgroundTasks();
            }

            @Override
            public boolean isEmpty(BackgroundTasks tasks) {
                return tasks.isEmpty();
            }

            @Override
            public void runAll(BackgroundTasks tasks, Request request) {
                tasks.runAll(request);
            }
        });
    }

    private final List<Task> tasks = new ArrayList<>(2);

    private BackgroundTasks() {
    }

    public void add(Task task) {
        tasks.add(Objects.requireNonNull(task, "task"));
    }

    private boolean isEmpty() {
        return tasks.isEmpty();
    }

    private void runAll(Request request) {
        for (Task task : tasks) {
            try {
                task.run();
            } catch (Exception e) {
                log.error("background task of {} (request {}) failed", request,
                        RequestId.of(request), e);
            }
        }
        tasks.clear();
    }
}
